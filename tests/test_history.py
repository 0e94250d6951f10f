"""Reading a program's past applications and rosters from an export directory
(:mod:`cec_rules.history`), with the care an upload gets."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cec_rules import DEFAULT_POLICY, assess_application
from cec_rules.cli import main
from cec_rules.compare import compare_policies
from cec_rules.errors import InvalidHistory
from cec_rules.history import HistoryProblem, PastCases, read_history
from cec_rules.program import Application
from cec_rules.strategies import applications

SAMPLE = Path(str(resources.files("cec_rules").joinpath("data").joinpath("history")))

APPLICATION = {
    "reference": "APP-1",
    "program": {"program_id": None, "title": "Scoring", "cecs": "2", "format": "live"},
    "offerings": [{"start": "2026-03-13", "end": "2026-03-13"}],
    "submitted": "2026-03-01T23:30:00-08:00",
    "calendar_listing": True,
}
CSV_HEADER = "reference,program_id,title,cecs,format,offerings,submitted,calendar_listing\n"
INDEX_HEADER = "file,reference,program_id,title,cecs,format,offering,reported\n"
ACCOUNTS = "aast_id,first_name,last_name,kind\nA1,Ada,Lovelace,member\nA2,Grace,Hopper,guest\n"
ROSTER = (
    "Program ID,AAST ID,First Name,Last Name,Completion Date\n"
    "PRG-1,A1,Ada,Lovelace,2026-03-02\nPRG-1,A2,Grace,Hopper,2026-03-02\n"
)


def export(tmp_path: Path, **files: str | bytes) -> Path:
    """An export directory holding ``files`` (by their paths inside it)."""
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return tmp_path


def with_rosters(tmp_path: Path, index_rows: str, **files: str | bytes) -> Path:
    """An export of accounts, a roster index of ``index_rows`` and ``files``."""
    return export(
        tmp_path, **{"accounts.csv": ACCOUNTS, "rosters.csv": INDEX_HEADER + index_rows}, **files
    )


class TestSample:
    """The bundled sample is a small realistic history: several years, aware times,
    series of offerings, member and guest rosters."""

    def test_reads_whole(self) -> None:
        """Every record of the sample is read, none refused."""
        history = read_history(SAMPLE)
        assert (143, 50, ()) == (
            len(history.applications),
            len(history.rosters),
            history.problems,
        )
        assert "143 past applications and 50 rosters" == history.describe()

    def test_shaped_as_a_program_is(self) -> None:
        """Three years, aware submission times, multi-offering series and self-paced
        programs, and rosters with members and guests."""
        history = read_history(SAMPLE)
        years = {assess_application(a).submission_date.year for a in history.applications}
        aware = [a for a in history.applications if getattr(a.submitted, "tzinfo", None)]
        series = [a for a in history.applications if len(a.offerings) > 1]
        formats = {a.program.format.value for a in history.applications}
        reports = [r.check(DEFAULT_POLICY) for r in history.rosters]
        assert {2024, 2025, 2026} == years
        assert (len(history.applications), True) == (len(aware), len(series) > 10)
        assert {"live", "self-paced"} == formats
        assert sum(r.members for r in reports) > 0 < sum(r.guests for r in reports)
        assert any(r.refused for r in reports)

    def test_compare_over_the_sample(self) -> None:
        """A comparison runs over the history as it does over any cases."""
        history = read_history(SAMPLE)
        comparison = compare_policies(
            DEFAULT_POLICY,
            DEFAULT_POLICY,
            applications=history.applications,
            rosters=history.rosters,
        )
        assert len(history.applications) + len(history.rosters) == len(comparison.cases)
        assert ((), ()) == (tuple(comparison.paying_more), tuple(comparison.paying_less))


class TestApplications:
    """applications.jsonl and applications.csv: each record read on its own."""

    def test_jsonl_and_csv_read_the_same(self, tmp_path: Path) -> None:
        """One application written as JSON Lines and as CSV reads the same."""
        row = "APP-1,,Scoring,2,live,2026-03-13:2026-03-13,2026-03-01T23:30:00-08:00,true\n"
        jsonl = read_history(
            export(tmp_path / "a", **{"applications.jsonl": json.dumps(APPLICATION)})
        )
        table = read_history(export(tmp_path / "b", **{"applications.csv": CSV_HEADER + row}))
        assert jsonl.applications == table.applications
        assert (Application.from_dict(APPLICATION),) == jsonl.applications

    def test_several_offerings_in_a_csv_cell(self, tmp_path: Path) -> None:
        """A CSV record lists its offerings separated by semicolons, an end optional."""
        row = "\nAPP-2,PRG-1,Series,1.25,live,2026-04-01; 2026-04-08:2026-04-09,2026-02-01,\n"
        (application,) = read_history(
            export(tmp_path, **{"applications.csv": CSV_HEADER + row})
        ).applications
        assert [(date(2026, 4, 1), date(2026, 4, 1)), (date(2026, 4, 8), date(2026, 4, 9))] == [
            (o.start, o.end) for o in application.offerings
        ]
        assert ("PRG-1", False) == (application.program.program_id, application.calendar_listing)

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            pytest.param("{", "not a JSON object", id="not-json"),
            pytest.param("[1, 2]", "not a JSON object but list", id="a-list"),
            pytest.param('{"program": {}}', "the application data has no", id="missing-key"),
            pytest.param(
                json.dumps({**APPLICATION, "submitted": "2026-03-01T23:30:00"}),
                "has no time zone",
                id="naive-time",
            ),
            pytest.param(
                json.dumps({**APPLICATION, "program": {**APPLICATION["program"], "cecs": "x"}}),  # type: ignore[dict-item]
                "CECs x are refused",
                id="cecs-not-a-number",
            ),
            pytest.param("[" * 60_000, "not a JSON object", id="deep"),
            pytest.param("[" * 70_000, "longer than 65,536 characters", id="long"),
            pytest.param("[" * 140_000, "longer than 65,536 characters", id="longer"),
        ],
    )
    def test_a_bad_line_is_a_problem(self, tmp_path: Path, line: str, message: str) -> None:
        """A line that is no application becomes a problem naming the line; the lines
        around it are read."""
        text = json.dumps(APPLICATION) + "\n" + line + "\n\n" + json.dumps(APPLICATION) + "\n"
        history = read_history(export(tmp_path, **{"applications.jsonl": text}))
        (problem,) = history.problems
        assert (2, ("applications.jsonl", 2)) == (
            len(history.applications),
            (problem.file, problem.line),
        )
        assert message in problem.message, problem.message
        assert str(problem).startswith("applications.jsonl, line 2: ")

    def test_a_float_is_read_exactly(self, tmp_path: Path) -> None:
        """A JSON number is read as the decimal it spells, never through a float."""
        data = {**APPLICATION, "program": {**APPLICATION["program"], "cecs": 1.25}}  # type: ignore[dict-item]
        (application,) = read_history(
            export(tmp_path, **{"applications.jsonl": json.dumps(data)})
        ).applications
        assert "1.25" == str(application.program.cecs)

    @pytest.mark.parametrize(
        ("content", "line", "message"),
        [
            pytest.param(b"\xff\xfe{}\n", 1, "not UTF-8", id="not-utf8"),
        ],
    )
    def test_an_unreadable_jsonl_file(
        self, tmp_path: Path, content: bytes, line: int, message: str
    ) -> None:
        """A JSON Lines file that is not text stops at a problem, never an exception."""
        history = read_history(export(tmp_path, **{"applications.jsonl": content}))
        assert ((), [("applications.jsonl", line)]) == (
            history.applications,
            [(p.file, p.line) for p in history.problems],
        )
        assert message in history.problems[0].message

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            pytest.param(
                "reference,title\nAPP-1,x\n",
                HistoryProblem(
                    "applications.csv",
                    1,
                    "the header lacks program_id, cecs, format, offerings, submitted, "
                    "calendar_listing",
                ),
                id="columns-missing",
            ),
            pytest.param(
                CSV_HEADER + "APP-1,,x\n",
                HistoryProblem("applications.csv", 2, "3 cells where the header has 8"),
                id="ragged",
            ),
            pytest.param(
                CSV_HEADER + 'APP-1,"x"y,,,,,,\n',
                HistoryProblem("applications.csv", 2, "not CSV here: ',' expected after '\"'"),
                id="not-csv",
            ),
            pytest.param(
                CSV_HEADER + "APP-1,,Scoring,2,live,2026-03-13,2026-03-01,maybe\n",
                HistoryProblem(
                    "applications.csv", 2, "calendar_listing is true or false, not 'maybe'"
                ),
                id="listing-not-a-flag",
            ),
        ],
    )
    def test_a_bad_csv(self, tmp_path: Path, text: str, problem: HistoryProblem) -> None:
        """A CSV file's problems name the line as a spreadsheet numbers it."""
        history = read_history(export(tmp_path, **{"applications.csv": text}))
        assert (problem,) == history.problems

    def test_csv_not_utf8(self, tmp_path: Path) -> None:
        """A CSV file that is not UTF-8 is one problem for the file as a whole."""
        history = read_history(export(tmp_path, **{"applications.csv": b"reference\n\xe9\n"}))
        assert (HistoryProblem("applications.csv", None, "not UTF-8 text; save it as UTF-8"),) == (
            history.problems
        )
        assert "applications.csv: not UTF-8" in str(history.problems[0])

    @given(st.lists(applications(), min_size=1, max_size=5))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_round_trip(self, tmp_path: Path, generated: list[Application]) -> None:
        """Applications written as to_dict JSON Lines read back equal."""
        folder = tmp_path / "round-trip"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        text = "".join(json.dumps(a.to_dict()) + "\n" for a in generated)
        (folder / "applications.jsonl").write_text(text, encoding="utf-8")
        assert PastCases(applications=tuple(generated), rosters=()) == read_history(folder)


class TestRosters:
    """The roster index names each file and what it reports."""

    ROW = "rosters/r1.csv,March roster,PRG-1,Scoring,2,live,2026-03-02:2026-03-02,2026-03-20\n"

    def test_a_roster_is_checked_as_an_upload(self, tmp_path: Path) -> None:
        """An indexed roster is a case checked with the export's accounts."""
        history = read_history(with_rosters(tmp_path, self.ROW, **{"rosters/r1.csv": ROSTER}))
        (case,) = history.rosters
        report = case.check(DEFAULT_POLICY)
        assert ("March roster", 1, 1) == (case.reference, report.members, report.guests)

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            pytest.param(ROW.replace("r1", "r2"), "no roster file 'rosters/r2.csv'", id="missing"),
            pytest.param(
                ROW.replace("2026-03-20", "20/3/2026"), "reported must be an ISO date", id="date"
            ),
            pytest.param(ROW.replace(",2,", ",x,"), "CECs x are refused", id="cecs"),
        ],
    )
    def test_a_bad_entry_is_a_problem(self, tmp_path: Path, row: str, message: str) -> None:
        """An index entry that cannot be used is a problem naming its line; others read."""
        history = read_history(with_rosters(tmp_path, self.ROW + row, **{"rosters/r1.csv": ROSTER}))
        (problem,) = history.problems
        assert (1, ("rosters.csv", 3)) == (len(history.rosters), (problem.file, problem.line))
        assert message in problem.message, problem.message

    def test_a_path_outside_the_export_is_refused(self, tmp_path: Path) -> None:
        """An index may not reach outside the export (``../``, an absolute path)."""
        (tmp_path / "secret.csv").write_text(ROSTER, encoding="utf-8")
        inside = tmp_path / "export"
        for name in ("../secret.csv", str(tmp_path / "secret.csv")):
            row = self.ROW.replace("rosters/r1.csv", name)
            with pytest.raises(InvalidHistory, match="is outside the export"):
                read_history(with_rosters(inside, row))

    def test_rosters_need_accounts(self, tmp_path: Path) -> None:
        """An index without accounts cannot be checked: refused, not read as unknown IDs."""
        folder = export(tmp_path, **{"rosters.csv": INDEX_HEADER + self.ROW})
        with pytest.raises(InvalidHistory, match=r"has rosters\.csv but no accounts\.csv"):
            read_history(folder)

    @pytest.mark.parametrize(
        ("accounts", "message"),
        [
            pytest.param(b"aast_id\nA1\n", "accounts.csv: the accounts CSV needs", id="columns"),
            pytest.param(b"\xff\xfe", "accounts.csv is not UTF-8", id="not-utf8"),
        ],
    )
    def test_bad_accounts_are_refused(self, tmp_path: Path, accounts: bytes, message: str) -> None:
        """Accounts that cannot be read refuse the history: every roster depends on them."""
        files: dict[str, str | bytes] = {
            "rosters.csv": INDEX_HEADER + self.ROW,
            "accounts.csv": accounts,
        }
        folder = export(tmp_path, **files)
        with pytest.raises(InvalidHistory, match=message):
            read_history(folder)


class TestNotAnExport:
    """A directory that is not an export is the library's own error."""

    def test_not_a_directory(self, tmp_path: Path) -> None:
        """A path that is no directory is refused naming it."""
        with pytest.raises(InvalidHistory, match="is not a directory"):
            read_history(tmp_path / "nothing")

    def test_empty_directory(self, tmp_path: Path) -> None:
        """A directory with none of the export's files is refused, pointing to the docs."""
        with pytest.raises(InvalidHistory, match=r"docs/history\.md"):
            read_history(tmp_path)

    def test_only_problems(self, tmp_path: Path) -> None:
        """A directory whose only file holds no readable record reads as problems."""
        history = read_history(export(tmp_path, **{"applications.csv": b"\xff"}))
        assert ((), 1) == (history.applications, len(history.problems))
        assert "0 past applications and 0 rosters; 1 records could not be read" in (
            history.describe()
        )


def test_csv_module_writes_what_the_reader_reads(tmp_path: Path) -> None:
    """A CSV written by csv.writer (quoted commas in a title) is read."""
    path = tmp_path / "applications.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER.strip().split(","))
        writer.writerow(
            ["APP-9", "", "Sleep, Breathing", "1", "live", "2026-05-01", "2026-01-02", ""]
        )
    (application,) = read_history(tmp_path).applications
    assert "Sleep, Breathing" == application.program.title


class TestCommandLine:
    """`cec-rules compare BASELINE CANDIDATE --history DIR`."""

    CANDIDATES = Path(str(resources.files("cec_rules").joinpath("data").joinpath("candidates")))

    def test_compare_over_the_sample(self) -> None:
        """The comparison runs over the exported cases, not the generated ones."""
        out = io.StringIO()
        code = main(
            [
                "compare",
                str(self.CANDIDATES / "default.toml"),
                str(self.CANDIDATES / "no-filing-fees.toml"),
                "--history",
                str(SAMPLE),
                "--budget",
                "0",
            ],
            out=out,
        )
        headline = out.getvalue().splitlines()[0]
        assert (0, True, True) == (code, "193 case" in headline, "37 pay less" in headline)
        assert "APP-2024-0013 roster" in out.getvalue()

    def test_problems_go_to_standard_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each record left out is named on standard error; the rest is compared."""
        row = "APP-1,,Scoring,2,live,2026-03-13,2026-03-01,maybe\n"
        folder = export(tmp_path, **{"applications.csv": CSV_HEADER + row})
        default = str(self.CANDIDATES / "default.toml")
        out = io.StringIO()
        code = main(
            ["compare", default, default, "--history", str(folder), "--budget", "0"], out=out
        )
        message = "cec-rules compare: left out: applications.csv, line 2: calendar_listing"
        assert (0, True) == (code, capsys.readouterr().err.startswith(message))

    def test_not_an_export(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A directory that is no export exits 2 with the reason."""
        default = str(self.CANDIDATES / "default.toml")
        code = main(["compare", default, default, "--history", str(tmp_path)])
        assert (2, True) == (code, "holds neither applications" in capsys.readouterr().err)
