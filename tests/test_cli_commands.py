"""The cec-rules commands beyond the demo: quote, deadline, check-roster, compare, check-policy."""

from __future__ import annotations

import io
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from cec_rules.cli import main
from helpers import xlsx

DATA = Path(__file__).resolve().parent.parent / "src" / "cec_rules" / "data"
SALE = 'label = "sale"\napplication_fee_per_cec = "10.00"\nlate_window_days = 20\n'
CHEAP_GUESTS = 'label = "cheap guests"\nguest_filing_fee = "1.00"\n'


def run(*argv: str) -> tuple[int, str]:
    out = StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    paths = {
        "base": tmp_path / "base.toml",
        "sale": tmp_path / "sale.toml",
        "cheap": tmp_path / "cheap.toml",
        "schedule": tmp_path / "schedule.toml",
        "bad": tmp_path / "bad.toml",
        "latin": tmp_path / "latin.toml",
        "accounts_bad": tmp_path / "accounts.csv",
    }
    paths["base"].write_text('label = "default"\n', encoding="utf-8")
    paths["sale"].write_text(SALE, encoding="utf-8")
    paths["cheap"].write_text(CHEAP_GUESTS, encoding="utf-8")
    paths["schedule"].write_text(
        "[[versions]]\neffective_from = 2020-01-01\n\n[[versions]]\n"
        'effective_from = 2021-09-01\nmember_filing_fee = "0.00"\nguest_filing_fee = "0.00"\n',
        encoding="utf-8",
    )
    paths["bad"].write_text("application_fee_per_cec = 10.5\n", encoding="utf-8")
    paths["latin"].write_bytes('label = "Zoë"\n'.encode("latin-1"))
    paths["accounts_bad"].write_text("id,name\nA1,Ada\n", encoding="utf-8")
    return {name: str(path) for name, path in paths.items()}


class TestQuote:
    def test_table(self) -> None:
        """A quote prints the assessment table and exits 0."""
        code, text = run(
            "quote", "--cecs", "2", "--offering", "2026-03-13", "--submitted", "2026-03-01"
        )
        assert 0 == code
        assert "[assessed, due $150.00]" in text
        assert "late" in text

    def test_json_with_evening_submission_and_policy(self, files: dict[str, str]) -> None:
        """A datetime with an offset is dated in Chicago; a policy file applies."""
        code, text = run(
            "quote",
            "--cecs",
            "1",
            "--offering",
            "2026-04-01:2026-04-02",
            "--submitted",
            "2026-03-01T23:30-08:00",
            "--policy",
            files["sale"],
            "--json",
            "--reference",
            "Q-1",
            "--calendar",
        )
        data = json.loads(text)
        assert 0 == code
        assert ("2026-03-02", "10.00", "Q-1", True) == (
            data["submission_date"],
            data["total"],
            data["reference"],
            data["calendar_listing"],
        )

    def test_all_past_exits_1(self) -> None:
        """An application refused because every offering is past exits 1."""
        code, text = run(
            "quote", "--cecs", "1", "--offering", "2026-01-10", "--submitted", "2026-02-01"
        )
        assert (1, True) == (code, "[refused, due $0.00]" in text)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            pytest.param(["--cecs", "2.1"], "steps of 0.25", id="cecs-step"),
            pytest.param(["--cecs", "abc"], "is not a number", id="cecs-text"),
            pytest.param(
                ["--cecs", "2_0"], "'2_0' is not a number such as 2.5", id="cecs-underscore"
            ),
            pytest.param(
                ["--cecs", "1E-999999999"],
                "'1E-999999999' is refused: it has more than 28 digits written out in full; "
                "write it with at most 28 digits",
                id="cecs-too-many-digits",
            ),
            pytest.param(["--cecs", "9" * 28], "at most 100 CECs", id="cecs-28-digits"),
            pytest.param(["--submitted", "2026-03-01T10:00"], "no UTC offset", id="naive"),
            pytest.param(["--submitted", "yesterday"], "is not a date or datetime", id="text"),
            pytest.param(["--offering", "2026-13-01"], "is not a date", id="bad-date"),
        ],
    )
    def test_bad_arguments_exit_2(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Bad arguments exit 2 and say what to write instead."""
        base = {"--cecs": "2", "--offering": "2026-03-13", "--submitted": "2026-03-01"}
        base.update(dict(zip(argv[::2], argv[1::2], strict=True)))
        code, _ = run("quote", *[x for pair in base.items() for x in pair])
        assert 2 == code
        assert message in capsys.readouterr().err


class TestDeadline:
    def test_lateness_and_closed_window(self) -> None:
        """deadline says whether the offering is late and whether its window is open; a
        closed window exits 1, as check-roster does for the rows it refuses."""
        code, text = run(
            "deadline",
            "--offering",
            "2026-03-02",
            "--on",
            "2026-04-17",
            "--submitted",
            "2026-02-01",
        )
        assert 1 == code
        assert "starts 29 day(s) later, so it is late" in text
        assert "Closed: the last day to report was 2026-04-16" in text

    def test_self_paced_extension_json(self) -> None:
        """A completion date makes the window self-paced; an extension replaces the last day."""
        code, text = run(
            "deadline",
            "--offering",
            "2026-01-01:2026-12-31",
            "--on",
            "2026-06-01",
            "--completion",
            "2026-03-01",
            "--extension",
            "2026-06-30",
            "--json",
        )
        window = json.loads(text)["reporting_window"]
        assert (0, "window-open", "2026-06-30", True) == (
            code,
            window["status"],
            window["last_day"],
            window["extended"],
        )
        assert "submission" not in json.loads(text)


class TestCheckRoster:
    ARGS = (
        "--accounts",
        str(DATA / "accounts.csv"),
        "--program-id",
        "PRG-1",
        "--offering",
        "2026-03-02",
        "--reported",
        "2026-03-20",
    )

    def test_example_roster_has_problems(self, tmp_path: Path) -> None:
        """The example roster has refused rows: exit 1, a findings table and a CSV."""
        findings = tmp_path / "findings.csv"
        code, text = run(
            "check-roster",
            str(DATA / "roster.csv"),
            *self.ARGS,
            "--findings-csv",
            str(findings),
        )
        assert 1 == code
        assert "6 accepted (3 member, 3 guest), 6 refused" in text
        assert "date-day-month-order" in text
        lines = findings.read_text(encoding="utf-8").splitlines()
        assert "row,severity,code,rule,field,message,hint" == lines[0]
        assert len(lines) == 9

    def test_clean_roster_exits_0_json(self, tmp_path: Path) -> None:
        """A roster with no problem exits 0; --json gives the report."""
        roster = tmp_path / "clean.csv"
        roster.write_text(
            "Program ID,AAST ID,First Name,Last Name,Completion Date\n"
            "PRG-1,A1001,Ada,Lovelace,2026-03-02\n",
            encoding="utf-8",
        )
        code, text = run("check-roster", str(roster), *self.ARGS, "--json")
        data = json.loads(text)
        assert (0, "5.00", 1) == (code, data["filing_fee"]["total"], data["counts"]["accepted"])

    def test_workbook_and_sheet(self, tmp_path: Path) -> None:
        """A workbook is checked as its CSV export would be; --sheet picks its sheet."""
        book = tmp_path / "roster.xlsx"
        book.write_bytes(
            xlsx(("PRG-1", "A1001", "Ada", "Lovelace", date(2026, 3, 2)), sheets=("Notes", "March"))
        )
        code, text = run("check-roster", str(book), *self.ARGS, "--sheet", "Notes", "--json")
        assert (0, 1) == (code, json.loads(text)["counts"]["accepted"])
        code, text = run("check-roster", str(book), *self.ARGS, "--sheet", "April")
        assert 1 == code
        assert "no sheet named 'April'; its sheets are 'Notes', 'March'" in text

    def test_accounts_with_carriage_return_line_ends(self, tmp_path: Path) -> None:
        """An accounts file whose lines end with a lone carriage return (as old Mac
        exports do) is read, not refused with a csv error."""
        accounts = tmp_path / "accounts.csv"
        accounts.write_bytes(b"aast_id,first_name,last_name,kind\rA1001,Ada,Lovelace,member\r")
        roster = tmp_path / "clean.csv"
        roster.write_text(
            "Program ID,AAST ID,First Name,Last Name,Completion Date\n"
            "PRG-1,A1001,Ada,Lovelace,2026-03-02\n",
            encoding="utf-8",
        )
        args = list(self.ARGS)
        args[1] = str(accounts)
        code, text = run("check-roster", str(roster), *args, "--json")
        assert (0, 1) == (code, json.loads(text)["counts"]["accepted"])

    ACCOUNTS = "aast_id,first_name,last_name,kind\r\nA1001,José,Núñez,member\r\n"
    ROSTER = (
        "Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        "PRG-1,A1001,José,Núñez,2026-03-02\n"
    )

    def _with_accounts(self, tmp_path: Path, accounts: bytes) -> tuple[int, str]:
        path = tmp_path / "accounts.csv"
        path.write_bytes(accounts)
        roster = tmp_path / "roster.csv"
        roster.write_text(self.ROSTER, encoding="utf-8")
        args = list(self.ARGS)
        args[1] = str(path)
        return run("check-roster", str(roster), *args, "--json")

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
    def test_accounts_in_any_encoding_read_as_a_roster_is(
        self, tmp_path: Path, encoding: str
    ) -> None:
        """The accounts CSV is decoded as a roster is (`roster-file`): UTF-8, UTF-16 after
        its mark, Windows-1252 told apart; the names match the roster's, no mismatch."""
        code, text = self._with_accounts(tmp_path, self.ACCOUNTS.encode(encoding))
        data = json.loads(text)
        assert (0, 1, []) == (code, data["counts"]["accepted"], data["warnings"])

    @pytest.mark.parametrize(
        ("accounts", "reason"),
        [
            pytest.param(
                ACCOUNTS.replace("Núñez", "N\udcfa\u00f1ez").encode("utf-8", "surrogateescape"),
                "the file cannot be read as UTF-8 text (byte 0xfa at offset 48)",
                id="utf8-with-a-bad-byte",
            ),
            pytest.param(
                ACCOUNTS.replace("José,Núñez", "Ørsted,Ada").encode("cp1252"),
                "the file is not UTF-8, and its encoding cannot be told: it reads as names in "
                "Windows-1252 and Mac Roman and DOS code page 850 alike",
                id="legacy-not-told-apart",
            ),
            pytest.param(
                ACCOUNTS.encode("utf-16-le"),
                "the file looks like UTF-16 text with no byte-order mark, which cannot be read "
                "with certainty",
                id="utf16-without-a-mark",
            ),
        ],
    )
    def test_accounts_that_cannot_be_decoded_exit_2(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        accounts: bytes,
        reason: str,
    ) -> None:
        """An accounts CSV that cannot be decoded is refused naming it, never read with
        bytes replaced."""
        code, _ = self._with_accounts(tmp_path, accounts)
        path = tmp_path / "accounts.csv"
        expected = (
            f"cec-rules check-roster: {path}: {reason}; save the spreadsheet as 'CSV UTF-8' "
            "and upload it again"
        )
        assert (2, expected) == (code, capsys.readouterr().err.strip())

    def test_unreadable_files_exit_2(
        self, files: dict[str, str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing roster or an accounts CSV without the columns exits 2 with the reason."""
        code, _ = run("check-roster", "/no/such/roster.csv", *self.ARGS)
        assert 2 == code
        assert "cannot read /no/such/roster.csv" in capsys.readouterr().err
        args = list(self.ARGS)
        args[1] = files["accounts_bad"]
        code, _ = run("check-roster", str(DATA / "roster.csv"), *args)
        assert 2 == code
        assert "missing: aast_id, first_name, kind, last_name" in capsys.readouterr().err


class TestPolicies:
    def test_compare_without_search(self, files: dict[str, str]) -> None:
        """compare --budget 0 prints the comparison, says the cases are generated, lists the
        changed cases only, and the breakdowns."""
        code, text = run("compare", files["base"], files["sale"], "--budget", "0")
        assert 0 == code
        assert "Comparing 'sale' with 'default' over 51 generated threshold case(s) " in text
        assert "(generated cases, not a forecast)" in text
        assert "example roster" not in text
        assert "-$80.00" in text
        assert "... and 9 more changed case(s); --json lists every case" in text
        assert "\nBy timing (generated cases, not a forecast):\n" in text
        assert "\nBy policy version in force (generated cases, not a forecast):\n" in text

    def test_compare_shows_refusals_apart(self, tmp_path: Path) -> None:
        """A shorter reporting window shows newly refused rows and the fees they carried,
        not a discount."""
        base, short = tmp_path / "base.toml", tmp_path / "short.toml"
        base.write_text('label = "default"\n', encoding="utf-8")
        short.write_text('label = "short"\nreporting_window_days = 30\n', encoding="utf-8")
        code, text = run("compare", str(base), str(short), "--budget", "0")
        assert 0 == code
        assert "0 pay less" in text
        assert "6 newly refused" in text
        rows = [line.split("  ") for line in text.splitlines() if "newly refused  $" in line]
        assert 6 == len(rows)
        assert all(
            ["newly refused", "$15.00", "$0.00", "carried $15.00"]
            == [cell.strip() for cell in row if cell.strip()][2:]
            for row in rows
        )

    def test_compare_shows_cases_not_assessable(self, tmp_path: Path) -> None:
        """A schedule that starts later leaves cases not assessable, shown without money."""
        base, later = tmp_path / "base.toml", tmp_path / "later.toml"
        base.write_text('label = "default"\n', encoding="utf-8")
        later.write_text(
            '[[versions]]\neffective_from = 2026-02-01\nlabel = "later"\n', encoding="utf-8"
        )
        code, text = run("compare", str(base), str(later), "--budget", "0")
        assert 0 == code
        rows = [line.split() for line in text.splitlines() if "not assessable  $" in line]
        assert rows
        assert all(["-", "-"] == row[-2:] for row in rows)

    def test_compare_shows_acceptances(self, tmp_path: Path) -> None:
        """A larger CEC maximum shows newly accepted applications and the fees they bring."""
        base, bigger = tmp_path / "base.toml", tmp_path / "bigger.toml"
        base.write_text('label = "default"\n', encoding="utf-8")
        bigger.write_text('label = "bigger"\ncec_maximum = "200"\n', encoding="utf-8")
        code, text = run("compare", str(base), str(bigger), "--budget", "0")
        assert 0 == code
        assert "10 newly accepted" in text
        assert "they bring $105,087.50 in fees" in text
        assert "newly accepted  $0.00     $7,518.75   brings $7,518.75" in text

    def test_compare_with_search_json(self, files: dict[str, str]) -> None:
        """With a budget, compare adds minimal examples and the candidate's invariants."""
        code, text = run("compare", files["base"], files["cheap"], "--budget", "20", "--json")
        data = json.loads(text)
        assert 1 == code
        assert data["invariants"]["ok"] is False
        assert ["roster filing fee"] == [d["kind"] for d in data["search"]["differences"]]

    def test_compare_table_with_search(self, files: dict[str, str]) -> None:
        """The table form lists the minimal examples and the invariant verdict."""
        code, text = run("compare", files["base"], files["schedule"], "--budget", "10")
        assert 0 == code
        assert "What differs, figure by figure:" in text
        assert "member_filing_fee 5.00 -> 0.00, from 2021-09-01 onward: roster filing fee" in text
        assert "keeps every invariant checked" in text

    def test_compare_json_without_search(self, files: dict[str, str]) -> None:
        """--json with --budget 0 says no search and no invariant check ran."""
        code, text = run("compare", files["base"], files["sale"], "--budget", "0", "--json")
        data = json.loads(text)
        assert (0, None, None) == (code, data["search"], data["invariants"])

    def test_check_policy(self, files: dict[str, str]) -> None:
        """check-policy exits 0 for a sound candidate and 1 for a broken one."""
        code, text = run("check-policy", files["sale"], "--budget", "20")
        assert (0, True) == (code, "keeps every invariant checked" in text)
        assert "fees-never-negative [guaranteed]" in text
        code, text = run("check-policy", files["cheap"], "--budget", "20", "--json")
        assert (1, "guest-not-cheaper") == (code, json.loads(text)["violations"][0]["invariant"])

    def test_check_policy_says_what_it_assessed(self, files: dict[str, str]) -> None:
        """The JSON gives each invariant's status and the cases assessed for it."""
        code, text = run("check-policy", files["sale"], "--budget", "5", "--json")
        invariants = {i["invariant"]: i for i in json.loads(text)["invariants"]}
        assert (0, "guaranteed", 0) == (
            code,
            invariants["late-never-cheaper"]["status"],
            invariants["late-never-cheaper"]["assessed"],
        )
        assert invariants["fees-computable"]["assessed"] > 1

    def test_check_policy_against_a_baseline(self, tmp_path: Path, files: dict[str, str]) -> None:
        """A shorter reporting window loses credits against the rule book (exit 1), and
        keeps them against itself as the baseline (exit 0)."""
        shorter = tmp_path / "shorter.toml"
        shorter.write_text('label = "30 days"\nreporting_window_days = 30\n', encoding="utf-8")
        code, text = run("check-policy", str(shorter), "--budget", "5")
        assert (1, True) == (code, "no-credits-lost [broken]" in text)
        assert "row 2: accepted -> refused: window-closed" in text
        code, _ = run("check-policy", str(shorter), "--baseline", str(shorter), "--budget", "5")
        assert 0 == code

    def test_a_schedule_starting_in_2031(self, tmp_path: Path, files: dict[str, str]) -> None:
        """A schedule starting after 2030-06-30 is checked and compared, no error."""
        later = tmp_path / "later.toml"
        later.write_text(
            "[[versions]]\neffective_from = 2020-01-01\n\n[[versions]]\n"
            'effective_from = 2031-01-01\nlabel = "2031"\napplication_fee_per_cec = "60.00"\n',
            encoding="utf-8",
        )
        code, text = run("check-policy", str(later), "--budget", "5")
        assert (0, True) == (code, "keeps every invariant checked" in text)
        code, text = run("compare", files["base"], str(later), "--budget", "5", "--json")
        (change,) = json.loads(text)["search"]["changes"]
        assert (0, "application_fee_per_cec", "2031-01-01") == (
            code,
            change["field"],
            change["first_day"],
        )
        assert "2031-01-01" == change["difference"]["example"]["submitted"]

    def test_an_invariant_not_checked_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A baseline never in force with the candidate: no case can be compared, which
        is not a pass; the report is printed and the reason goes to stderr."""
        early, later = tmp_path / "early.toml", tmp_path / "later.toml"
        early.write_text(
            "[[versions]]\neffective_from = 2020-01-01\neffective_until = 2020-12-31\n",
            encoding="utf-8",
        )
        later.write_text("[[versions]]\neffective_from = 2031-01-01\n", encoding="utf-8")
        code, text = run("check-policy", str(later), "--baseline", str(early), "--budget", "5")
        assert (2, True) == (code, "no-credits-lost [not checked]" in text)
        assert capsys.readouterr().err.startswith(
            "cec-rules check-policy: could not check no-credits-lost: "
        )

    @pytest.mark.parametrize(
        ("size", "message"),
        [
            pytest.param(
                8_000_001,
                "huge.toml: the file is more than 8,000,000 bytes long; "
                "a policy file may hold at most 2,000,000 characters",
                id="past-four-bytes-a-character",
            ),
            pytest.param(
                2_000_001,
                "huge.toml: the TOML text is 2,000,001 characters long; "
                "a policy file may hold at most 2,000,000",
                id="past-the-characters",
            ),
        ],
    )
    def test_policy_file_too_long_exits_2(
        self, tmp_path: Path, size: int, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A policy file too long to be one is refused, and past four bytes a character
        it is not read to its end."""
        path = tmp_path / "huge.toml"
        path.write_bytes(b"#" * size)
        code, _ = run("check-policy", str(path))
        assert (2, True) == (code, message in capsys.readouterr().err)

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            pytest.param("bad", "application_fee_per_cec: got the float 10.5", id="float"),
            pytest.param("latin", "is not UTF-8 text", id="encoding"),
        ],
    )
    def test_bad_policy_files_exit_2(
        self, files: dict[str, str], name: str, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A policy file the library refuses exits 2 naming the file and the key."""
        code, _ = run("check-policy", files[name])
        assert 2 == code
        assert message in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints the commands and exits 0."""
    assert 0 == main(["--help"], out=StringIO())
    assert "check-roster" in capsys.readouterr().out


class TestQuietCases:
    def test_self_paced_clean_roster_has_no_window_line_or_table(self, tmp_path: Path) -> None:
        """A clean self-paced roster prints the summary and fee lines only."""
        roster = tmp_path / "clean.csv"
        roster.write_text(
            "Program ID,AAST ID,First Name,Last Name,Completion Date\n"
            "PRG-1,G2001,Zoë,Saldaña,2026-03-10\n",
            encoding="utf-8",
        )
        code, text = run(
            "check-roster",
            str(roster),
            "--accounts",
            str(DATA / "accounts.csv"),
            "--program-id",
            "PRG-1",
            "--offering",
            "2026-03-01:2026-06-30",
            "--reported",
            "2026-03-20",
            "--self-paced",
        )
        assert 0 == code
        assert [
            "Roster for PRG-1, offering 2026-03-01, reported 2026-03-20: 1 accepted (0 member, "
            "1 guest), 0 refused, 0 blank row(s) skipped. Filing fee $10.00 (filing-fee).",
            "  member filing fee $5.00 x 0 member = $0.00",
            "  guest filing fee $10.00 x 1 guest = $10.00",
        ] == text.splitlines()

    def test_identical_policies_list_no_cases(self, files: dict[str, str]) -> None:
        """Comparing a policy with itself prints the summary and no table of cases."""
        code, text = run("compare", files["base"], files["base"], "--budget", "0")
        assert 0 == code
        assert "0 pay more, 0 pay less" in text
        assert [
            "Revenue from the 39 paying case(s) changes by ±$0.00; refusals are counted apart.",
            "0 decision(s) flip.",
        ] == text.splitlines()[1:]


class _ClosedPipe(StringIO):
    """A stream whose reader has gone away, like stdout piped into `head`."""

    def __init__(self, fd: int = -1) -> None:
        super().__init__()
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


class TestBrokenPipe:
    def test_given_stream_closed_stops_quietly(self) -> None:
        """When the reader of the output goes away, the command stops with exit 0."""
        assert 0 == main(["demo"], out=_ClosedPipe())

    def test_stdout_closed_is_pointed_at_devnull(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With standard output gone, the rest of the output is discarded, not an error."""
        target = tmp_path / "stdout"
        with target.open("w") as handle:
            monkeypatch.setattr("sys.stdout", _ClosedPipe(handle.fileno()))
            assert 0 == main(["demo"])


# ----------------------------------------------------------------------------
# Exit codes, the same contract in every command

ROSTER = ("--program-id", "PRG-1", "--offering", "2026-03-02", "--reported", "2026-03-20")
CLEAN_ROSTER = (
    "Program ID,AAST ID,First Name,Last Name,Completion Date\nPRG-1,A1001,Ada,Lovelace,2026-03-02\n"
)


@pytest.fixture
def exit_files(tmp_path: Path) -> dict[str, str]:
    paths = {
        "clean": tmp_path / "clean.csv",
        "pdf": tmp_path / "scan.csv",
        "base": tmp_path / "base.toml",
        "cheap": tmp_path / "cheap.toml",
        "early": tmp_path / "early.toml",
        "later": tmp_path / "later.toml",
        "plain": tmp_path / "plain",
    }
    paths["clean"].write_text(CLEAN_ROSTER, encoding="utf-8")
    paths["pdf"].write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    paths["base"].write_text('label = "default"\n', encoding="utf-8")
    paths["cheap"].write_text(CHEAP_GUESTS, encoding="utf-8")
    paths["early"].write_text(
        "[[versions]]\neffective_from = 2020-01-01\neffective_until = 2020-12-31\n",
        encoding="utf-8",
    )
    paths["later"].write_text("[[versions]]\neffective_from = 2031-01-01\n", encoding="utf-8")
    paths["plain"].write_text("a file, not a directory\n", encoding="utf-8")
    return {**{name: str(path) for name, path in paths.items()}, "data": str(DATA)}


#: Each command's 0, 1 and 2, as (argv, exit code): {name} is a path of exit_files.
EXIT_CASES = [
    pytest.param(["demo"], 0, id="demo-0-shown"),
    pytest.param(["demo", "--write", "{plain}/examples"], 2, id="demo-2-cannot-write"),
    pytest.param(["quote", "--cecs", "2", "--offering", "2026-03-13"], 0, id="quote-0-assessed"),
    pytest.param(["quote", "--cecs", "2", "--offering", "2026-02-13"], 1, id="quote-1-refused"),
    pytest.param(["quote", "--cecs", "2.1", "--offering", "2026-03-13"], 2, id="quote-2-cecs"),
    pytest.param(
        ["deadline", "--offering", "2026-03-02", "--on", "2026-03-20"], 0, id="deadline-0"
    ),
    pytest.param(
        ["deadline", "--offering", "2026-03-02", "--on", "2026-03-20", "--submitted", "2026-02-01"],
        0,
        id="deadline-0-late-is-charged-not-refused",
    ),
    pytest.param(
        ["deadline", "--offering", "2026-03-02:2026-03-06", "--on", "2026-03-04"],
        1,
        id="deadline-1-not-open-yet",
    ),
    pytest.param(
        ["deadline", "--offering", "2026-03-02", "--on", "2026-04-17"], 1, id="deadline-1-closed"
    ),
    pytest.param(
        ["deadline", "--offering", "2026-03-02", "--on", "2026-03-20", "--submitted", "2026-03-03"],
        1,
        id="deadline-1-past-at-submission",
    ),
    pytest.param(
        ["deadline", "--offering", "2026-03-02", "--on", "2026-03-20", "--policy", "{plain}/x"],
        2,
        id="deadline-2-no-policy-file",
    ),
    pytest.param(
        ["check-roster", "{clean}", "--accounts", "{data}/accounts.csv", *ROSTER],
        0,
        id="check-roster-0-accepted",
    ),
    pytest.param(
        ["check-roster", "{data}/roster.csv", "--accounts", "{data}/accounts.csv", *ROSTER],
        1,
        id="check-roster-1-rows-refused",
    ),
    pytest.param(
        ["check-roster", "{pdf}", "--accounts", "{data}/accounts.csv", *ROSTER],
        1,
        id="check-roster-1-file-refused",
    ),
    pytest.param(
        ["check-roster", "{clean}", "--accounts", "{clean}", *ROSTER],
        2,
        id="check-roster-2-not-accounts",
    ),
    pytest.param(["compare", "{base}", "{cheap}", "--budget", "0"], 0, id="compare-0"),
    pytest.param(["compare", "{base}", "{cheap}", "--budget", "5"], 1, id="compare-1-broken"),
    pytest.param(["compare", "{base}", "{plain}/x.toml"], 2, id="compare-2-no-file"),
    pytest.param(["check-policy", "{base}", "--budget", "5"], 0, id="check-policy-0"),
    pytest.param(["check-policy", "{cheap}", "--budget", "5"], 1, id="check-policy-1-broken"),
    pytest.param(
        ["check-policy", "{later}", "--baseline", "{early}", "--budget", "5"],
        2,
        id="check-policy-2-not-checked",
    ),
]


@pytest.mark.parametrize(("argv", "expected"), EXIT_CASES)
def test_exit_codes(argv: list[str], expected: int, exit_files: dict[str, str]) -> None:
    """Every command exits 0 clean, 1 problems found, 2 could not run (EXIT_CODES)."""
    if argv[0] == "quote":
        argv = [*argv, "--submitted", "2026-03-01"]
    code, _ = run(*[arg.format(**exit_files) for arg in argv])
    assert expected == code


def test_every_command_has_its_exit_codes_tested() -> None:
    """The table above covers 0, 1 (but for the demo) and 2 of every command."""
    from cec_rules.cli import EXIT_CODES

    tested = set()
    for case in EXIT_CASES:
        argv, code = case.values
        assert isinstance(argv, list)
        tested.add((argv[0], code))
    expected = {(c, code) for c in EXIT_CODES for code in (0, 1, 2) if (c, code) != ("demo", 1)}
    assert expected == tested


# ----------------------------------------------------------------------------
# Standard input


class _Pipe(io.RawIOBase):
    """Bytes that can be read once, in order, as from a pipe: no seeking back."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._data.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _TerminalInput(io.TextIOWrapper):
    """Standard input as a person typing at a terminal."""

    def isatty(self) -> bool:
        return True


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, *, pipe: bool = False) -> None:
    raw: Any = io.BufferedReader(_Pipe(data)) if pipe else io.BytesIO(data)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw, encoding="utf-8"))


class TestStandardInput:
    """A file given as - is read from standard input."""

    @pytest.mark.parametrize("pipe", [False, True], ids=["redirected-file", "pipe"])
    def test_roster(self, monkeypatch: pytest.MonkeyPatch, pipe: bool) -> None:
        """The roster from standard input is checked as the same file is."""
        roster = (DATA / "roster.csv").read_bytes()
        _stdin(monkeypatch, roster, pipe=pipe)
        code, text = run("check-roster", "-", "--accounts", str(DATA / "accounts.csv"), *ROSTER)
        expected = run(
            "check-roster",
            str(DATA / "roster.csv"),
            "--accounts",
            str(DATA / "accounts.csv"),
            *ROSTER,
        )
        assert expected == (code, text)

    def test_legacy_roster_from_a_pipe_is_read_again(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A Windows-1252 roster from a pipe is copied, so that it can be read again in the
        encoding told, as a file on disk is."""
        roster = CLEAN_ROSTER.replace("Ada,Lovelace", "José,Núñez").replace("A1001", "A1002")
        _stdin(monkeypatch, roster.encode("cp1252"), pipe=True)
        code, text = run(
            "check-roster", "-", "--accounts", str(DATA / "accounts.csv"), *ROSTER, "--json"
        )
        data = json.loads(text)
        assert (0, 1, ["file-decoded-as-cp1252"]) == (
            code,
            data["counts"]["accepted"],
            [f["code"] for f in data["file_findings"]],
        )

    def test_roster_typed_at_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """At a terminal, - says that it reads the roster typed there, and how to end it."""
        monkeypatch.setattr(
            "sys.stdin", _TerminalInput(io.BytesIO(CLEAN_ROSTER.encode()), encoding="utf-8")
        )
        code, _ = run("check-roster", "-", "--accounts", str(DATA / "accounts.csv"), *ROSTER)
        assert (0, "cec-rules: reading the roster from the terminal; end it with Ctrl-D\n") == (
            code,
            capsys.readouterr().err,
        )

    def test_accounts(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The accounts from standard input."""
        _stdin(monkeypatch, (DATA / "accounts.csv").read_bytes())
        code, text = run("check-roster", str(DATA / "roster.csv"), "--accounts", "-", *ROSTER)
        assert (1, True) == (code, "6 accepted (3 member, 3 guest), 6 refused" in text)

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["compare", "-", "{base}", "--budget", "0"], id="compare-baseline"),
            pytest.param(["compare", "{base}", "-", "--budget", "0"], id="compare-candidate"),
            pytest.param(["check-policy", "-", "--budget", "1"], id="check-policy"),
            pytest.param(
                ["check-policy", "{base}", "--baseline", "-", "--budget", "1"], id="baseline"
            ),
            pytest.param(
                [
                    "quote",
                    "--cecs",
                    "1",
                    "--offering",
                    "2026-04-01",
                    "--submitted",
                    "2026-01-01",
                    "--policy",
                    "-",
                ],
                id="quote-policy",
            ),
        ],
    )
    def test_policies(
        self, argv: list[str], monkeypatch: pytest.MonkeyPatch, exit_files: dict[str, str]
    ) -> None:
        """A policy from standard input is read as the same file is."""
        _stdin(monkeypatch, SALE.encode())
        code, text = run(*[arg.format(**exit_files) for arg in argv], "--json")
        assert 0 == code
        assert "sale" in text

    def test_policy_errors_name_standard_input(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A policy refused from standard input is named so, not as '-'."""
        _stdin(monkeypatch, b"application_fee_per_cec = 10.5\n")
        code, _ = run("check-policy", "-")
        assert 2 == code
        assert "cec-rules check-policy: standard input: application_fee_per_cec" in (
            capsys.readouterr().err
        )

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(
                ["check-roster", "-", "--accounts", str(DATA / "accounts.csv")], id="roster"
            ),
            pytest.param(
                ["check-roster", str(DATA / "roster.csv"), "--accounts", "-"], id="accounts"
            ),
        ],
    )
    def test_unreadable(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Standard input that cannot be read (pytest's, here) is a usage error naming it."""
        code, _ = run(*argv, *ROSTER)
        assert 2 == code
        assert "cec-rules check-roster: cannot read standard input: pytest: reading from stdin" in (
            capsys.readouterr().err
        )

    def test_read_once(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two files from standard input are refused: it can be read once."""
        code, _ = run("check-roster", "-", "--accounts", "-", *ROSTER)
        assert 2 == code
        assert (
            "cec-rules check-roster: file and accounts are both -, and standard input can be "
            "read once; name a file\n"
        ) == capsys.readouterr().err


# ----------------------------------------------------------------------------
# check-roster's output


def _many_findings(tmp_path: Path, rows: int) -> str:
    """A roster of ``rows`` rows, each refused for an unknown account."""
    path = tmp_path / "many.csv"
    body = "".join(f"PRG-1,Z{n:04d},Li,Wei,2026-03-02\n" for n in range(rows))
    path.write_text("Program ID,AAST ID,First Name,Last Name,Completion Date\n" + body)
    return str(path)


class TestRosterOutput:
    """check-roster prints the counts by code and a screenful of findings."""

    def _check(self, roster: str, *extra: str) -> tuple[int, str]:
        return run(
            "check-roster", roster, "--accounts", str(DATA / "accounts.csv"), *ROSTER, *extra
        )

    def test_a_screenful_then_how_to_see_the_rest(self, tmp_path: Path) -> None:
        """By default 20 findings are printed, then how many are left out and how to see
        them; the counts by code come first."""
        code, text = self._check(_many_findings(tmp_path, 25))
        lines = text.splitlines()
        assert 1 == code
        assert "account-not-found  25        error     account-exists" in lines
        assert 20 == sum("  account-not-found  " in line for line in lines if line[:1].isdigit())
        assert (
            "... and 5 more finding(s) not shown: --max-findings 0 shows them all; "
            "--findings-csv FILE writes them all"
        ) == lines[-1]

    def test_the_note_names_the_findings_csv(self, tmp_path: Path) -> None:
        """With --findings-csv, the note says where all of them are."""
        out = tmp_path / "findings.csv"
        _, text = self._check(
            _many_findings(tmp_path, 4), "--max-findings", "1", "--findings-csv", str(out)
        )
        assert text.endswith(
            f"... and 3 more finding(s) not shown: --max-findings 0 shows them all; "
            f"all 4 are in {out}\n"
        )
        assert 5 == len(out.read_text(encoding="utf-8").splitlines())

    def test_max_findings_0_prints_all(self, tmp_path: Path) -> None:
        """--max-findings 0 prints every finding and no note."""
        _, text = self._check(_many_findings(tmp_path, 25), "--max-findings", "0")
        lines = text.splitlines()
        assert 25 == sum(line.startswith(tuple("0123456789")) for line in lines)
        assert "more finding(s)" not in text

    def test_hint_after_a_stop(self) -> None:
        """A finding's hint follows its message after a full stop."""
        _, text = self._check(str(DATA / "roster.csv"))
        assert "'1.23457E+11' is not an AAST ID. Hint: a spreadsheet turned this ID" in text

    def test_accepted_rows_on_request(self) -> None:
        """--accepted adds a table of the accepted rows."""
        _, text = self._check(str(DATA / "roster.csv"))
        assert "Accepted:" not in text
        _, text = self._check(str(DATA / "roster.csv"), "--accepted")
        accepted = text.split("\nAccepted:\n", 1)[1].splitlines()
        assert "row  aast_id  first_name  last_name  kind    completion_date" == accepted[0]
        assert "2    A1001    Ada         Lovelace   member  2026-03-02" == accepted[2]
        assert 2 + 6 == len(accepted)

    def test_json_lists_refusals_and_counts(self) -> None:
        """--json gives the refused rows, the counts and every finding; the accepted rows
        only with --accepted."""
        code, text = self._check(str(DATA / "roster.csv"), "--json", "--max-findings", "1")
        data = json.loads(text)
        assert 1 == code
        assert "accepted" not in data
        assert {
            "accepted": 6,
            "members": 3,
            "guests": 3,
            "refused": 6,
            "blank_rows": 1,
            "findings": 8,
        } == data["counts"]
        assert 6 == len(data["refused"])
        assert 1 == data["finding_counts"]["date-day-month-order"]
        assert ["data_rows", "finding_counts", "counts", "refused"] == [
            key for key in data if key in ("data_rows", "finding_counts", "counts", "refused")
        ]
        _, text = self._check(str(DATA / "roster.csv"), "--json", "--accepted")
        accepted = json.loads(text)["accepted"]
        assert ["A1001", "A1002", "A1003", "G2001", "G2002", "G2003"] == [
            a["aast_id"] for a in accepted
        ]

    def test_workbook_read_through_the_counting_stream(self, tmp_path: Path) -> None:
        """A workbook is read whole through the stream the command line counts."""
        book = tmp_path / "roster.xlsx"
        book.write_bytes(xlsx(("PRG-1", "A1001", "Ada", "Lovelace", date(2026, 3, 2))))
        code, text = self._check(str(book), "--json")
        assert (0, 1) == (code, json.loads(text)["counts"]["accepted"])


def test_render_roster_prints_every_finding_by_default() -> None:
    """render_roster, as the demo prints it, shows every finding: no note."""
    from cec_rules.cli import render_roster
    from cec_rules.examples import example_roster
    from cec_rules.policy import DEFAULT_POLICY

    text = render_roster(example_roster().check(DEFAULT_POLICY))
    assert 8 == sum(line[:1].isdigit() for line in text.splitlines()[-8:])
    assert "more finding(s)" not in text


# ----------------------------------------------------------------------------
# demo --write


class TestDemoWrite:
    """demo --write DIR writes the bundled example files."""

    def test_writes_the_example_files(self, tmp_path: Path) -> None:
        """The roster, the accounts, the candidates and the history are written as bundled."""
        target = tmp_path / "example"
        code, text = run("demo", "--write", str(target))
        assert 0 == code
        assert text.startswith(f"Wrote the example files to {target}:\n")
        written = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
        bundled = sorted(
            str(p.relative_to(DATA))
            for p in DATA.rglob("*")
            if p.is_file() and p.parts[len(DATA.parts)] != "applications.json"
        )
        assert bundled == written
        assert (DATA / "history" / "rosters.csv").read_bytes() == (
            target / "history" / "rosters.csv"
        ).read_bytes()

    def test_again_is_fine(self, tmp_path: Path) -> None:
        """Writing the examples over themselves changes nothing and succeeds."""
        assert 0 == run("demo", "--write", str(tmp_path))[0]
        assert 0 == run("demo", "--write", str(tmp_path))[0]

    def test_never_over_a_file_of_yours(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file of another content in the way is refused, and nothing is written."""
        (tmp_path / "roster.csv").write_text("my own roster\n", encoding="utf-8")
        code, _ = run("demo", "--write", str(tmp_path))
        assert 2 == code
        assert f"{tmp_path / 'roster.csv'} exists and is not the example file" in (
            capsys.readouterr().err
        )
        assert "my own roster\n" == (tmp_path / "roster.csv").read_text(encoding="utf-8")
        assert not (tmp_path / "accounts.csv").exists()

    def test_a_directory_in_the_way(self, tmp_path: Path) -> None:
        """A directory where a file goes is refused too."""
        (tmp_path / "accounts.csv").mkdir()
        assert 2 == run("demo", "--write", str(tmp_path))[0]

    def test_json(self, tmp_path: Path) -> None:
        """--json lists the files written."""
        code, text = run("--json", "demo", "--write", str(tmp_path))
        data = json.loads(text)
        assert (0, str(tmp_path)) == (code, data["directory"])
        assert {"roster.csv", "accounts.csv", "candidates/default.toml"} <= set(data["files"])
        assert "history/rosters/PRG-2024-0003.csv" in data["files"]
