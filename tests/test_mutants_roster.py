"""Tests that kill mutmut's surviving mutants of cec_rules.roster (see docs/mutation.md)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any

import attrs
import pytest

from cec_rules._roster import sources
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.errors import NaiveDatetime, NotApproved
from cec_rules.policy import DEFAULT_POLICY, NameMismatch
from cec_rules.program import Offering, Program, ProgramFormat
from cec_rules.roster import (
    Finding,
    RefusedRow,
    RosterReport,
    check_roster,
    parse_completion_date,
)
from test_roster import HEADER, roster
from test_roster_reading import NonSeekable

PROGRAM = Program(title="Scoring sleep studies", cecs=2, program_id="PRG-1")
SELF_PACED = Program(
    title="Sleep hygiene online", cecs=1, program_id="PRG-1", format=ProgramFormat.SELF_PACED
)
OFFERING = Offering(date(2026, 3, 2))
YEAR = Offering(date(2026, 1, 1), date(2026, 12, 31))
REPORTED = date(2026, 3, 20)
REPOSITORY = InMemoryRepository(
    [
        Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
        Account(aast_id="A2", first_name="Grace", last_name="Hopper", kind="member"),
        Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
    ],
    reported={("PRG-1", OFFERING): ["R1"], ("PRG-1", YEAR): ["R1"]},
)
REFUSE = attrs.evolve(DEFAULT_POLICY, name_mismatch=NameMismatch.REFUSE)
SMALL_CELLS = attrs.evolve(DEFAULT_POLICY, max_cell_length=40)
#: A self-paced program with a staff extension: every row is checked one by one.
EXTENDED: dict[str, Any] = {
    "program": SELF_PACED,
    "offering": YEAR,
    "extension": date(2026, 6, 30),
}

ADA = "PRG-1,A1,Ada,Lovelace,2026-03-02"
GRACE = "PRG-1,A2,Grace,Hopper,2026-03-02"

NO_ACCOUNT_HINT = (
    "every attendee who claims CECs needs an AAST account; check the ID or ask the "
    "attendee to create a guest account"
)
MISMATCH_HINT = "check that the AAST ID belongs to this attendee; neither name was changed"
FORMAT_HINT = "copy the ID exactly as shown on the attendee's AAST account"
EXTENSION_HINT = "ask the association's staff for an extension"


def check(source: Any, **options: Any) -> RosterReport:
    """check_roster with this module's program, offering, repository and report date."""
    options.setdefault("program", PROGRAM)
    options.setdefault("offering", OFFERING)
    options.setdefault("repository", REPOSITORY)
    options.setdefault("reported_at", REPORTED)
    return check_roster(source, **options)


def refused(report: RosterReport) -> dict[int, tuple[Finding, ...]]:
    """Each refused row's number and its findings."""
    return {r.row: r.findings for r in report.refused}


def window_not_open(row: int) -> Finding:
    """The window-not-open finding of a row reported on 2026-03-01 for OFFERING."""
    return Finding(
        code="window-not-open",
        row=row,
        message="the offering ends on 2026-03-02; attendance can be reported from then on",
    )


def after_report(row: int, completed: str = "2026-03-02", reported: str = "2026-03-01") -> Finding:
    """The date-after-report finding of a row."""
    return Finding(
        code="date-after-report",
        row=row,
        field="completion_date",
        message=f"{completed} is after the report date {reported}",
        hint="report attendees only once they have completed the program",
    )


# --------------------------------------------------------------------------
# Every finding of a refused row, exactly: code, row, field, message and hint.

ROW_CASES: list[tuple[str, list[str], dict[str, Any], dict[int, tuple[Finding, ...]]]] = [
    (
        "aast-id-spreadsheet-number",
        ["PRG-1,1.2E+07,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="aast-id-spreadsheet-number",
                    row=2,
                    field="aast_id",
                    message="'1.2E+07' is not an AAST ID",
                    hint="a spreadsheet turned this ID into a number; format the column as text "
                    "and export again, or type the ID as shown on the account",
                ),
            )
        },
    ),
    (
        "aast-id-format",
        ["PRG-1,A_1,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A_1' is not an AAST ID (letters, digits and hyphens, 1 to 20)",
                    hint=FORMAT_HINT,
                ),
            )
        },
    ),
    (
        "aast-id-format, 60 characters: not clipped",
        ["PRG-1," + "B" * 59 + "_,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message=f"{'B' * 59 + '_'!r} is not an AAST ID "
                    "(letters, digits and hyphens, 1 to 20)",
                    hint=FORMAT_HINT,
                ),
            )
        },
    ),
    (
        "aast-id-format, 61 characters: clipped to 60 and an ellipsis",
        ["PRG-1," + "B" * 60 + "_,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message=f"{'B' * 60 + '…'!r} is not an AAST ID "
                    "(letters, digits and hyphens, 1 to 20)",
                    hint=FORMAT_HINT,
                ),
            )
        },
    ),
    (
        "field-missing",
        ["PRG-1,A1,,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="field-missing",
                    row=2,
                    field="first_name",
                    message="First Name is blank",
                    hint="every row needs all five fields",
                ),
            )
        },
    ),
    (
        "program-id-mismatch",
        [ADA, "PRG-9,A2,Grace,Hopper,2026-03-02"],
        {},
        {
            3: (
                Finding(
                    code="program-id-mismatch",
                    row=3,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
            )
        },
    ),
    (
        "cell-too-long, and the later fields are still checked",
        ["P" * 41 + ",A_1,Ada,Lovelace,2026-03-02"],
        {"policy": SMALL_CELLS},
        {
            2: (
                Finding(
                    code="cell-too-long",
                    row=2,
                    field="program_id",
                    message="the cell holds 41 characters; the most is 40",
                ),
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A_1' is not an AAST ID (letters, digits and hyphens, 1 to 20)",
                    hint=FORMAT_HINT,
                ),
            )
        },
    ),
    (
        "date-outside-offering",
        ["PRG-1,A1,Ada,Lovelace,2026-03-01"],
        {},
        {
            2: (
                Finding(
                    code="date-outside-offering",
                    row=2,
                    field="completion_date",
                    message="2026-03-01 is outside the offering (2026-03-02 to 2026-03-02)",
                    hint="check the date, or whether the row belongs to another offering",
                ),
            )
        },
    ),
    (
        "date-after-report (self-paced)",
        ["PRG-1,A1,Ada,Lovelace,2026-03-21"],
        {"program": SELF_PACED, "offering": YEAR},
        {2: (after_report(2, "2026-03-21", "2026-03-20"),)},
    ),
    (
        "self-paced-window-closed",
        ["PRG-1,A1,Ada,Lovelace,2026-01-10"],
        {"program": SELF_PACED, "offering": YEAR},
        {
            2: (
                Finding(
                    code="self-paced-window-closed",
                    row=2,
                    field="completion_date",
                    message="completed 2026-01-10, so the last day to report was 2026-02-24; "
                    "24 day(s) late",
                    hint=EXTENSION_HINT,
                ),
            )
        },
    ),
    (
        "window-not-open",
        [ADA],
        {"reported_at": date(2026, 3, 1)},
        {2: (after_report(2), window_not_open(2))},
    ),
    (
        "window-closed",
        [ADA],
        {"reported_at": date(2026, 5, 1)},
        {
            2: (
                Finding(
                    code="window-closed",
                    row=2,
                    message="the last day to report was 2026-04-16; the roster is 15 day(s) late",
                    hint=EXTENSION_HINT,
                ),
            )
        },
    ),
    (
        "account-not-found",
        ["PRG-1,X9,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID 'X9'",
                    hint=NO_ACCOUNT_HINT,
                ),
            )
        },
    ),
    (
        "account-not-found on a row refused in the row pass",
        ["PRG-9,X9,Ada,Lovelace,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="program-id-mismatch",
                    row=2,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID 'X9'",
                    hint=NO_ACCOUNT_HINT,
                ),
            )
        },
    ),
    (
        "duplicate-in-roster",
        [ADA, ADA],
        {},
        {
            3: (
                Finding(
                    code="duplicate-in-roster",
                    row=3,
                    field="aast_id",
                    message="'A1' is already accepted in row 2",
                    hint="report each attendee once per offering",
                ),
            )
        },
    ),
    (
        "already-reported",
        ["PRG-1,R1,Mary,Reported,2026-03-02"],
        {},
        {
            2: (
                Finding(
                    code="already-reported",
                    row=2,
                    field="aast_id",
                    message="'R1' was already reported for this offering in an earlier roster",
                    hint="a later roster should list only attendees not reported before",
                ),
            )
        },
    ),
    (
        "name-mismatch-refused, first name",
        ["PRG-1,A1,Ann,Lovelace,2026-03-02"],
        {"policy": REFUSE},
        {
            2: (
                Finding(
                    code="name-mismatch-refused",
                    row=2,
                    field="first_name",
                    message="the row names Ann Lovelace, the account 'A1' names Ada Lovelace",
                    hint=MISMATCH_HINT,
                ),
            )
        },
    ),
    (
        "name-mismatch-refused, last name, on a row refused in the row pass",
        ["PRG-9,A1,Ada,Byron,2026-03-02"],
        {"policy": REFUSE},
        {
            2: (
                Finding(
                    code="program-id-mismatch",
                    row=2,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
                Finding(
                    code="name-mismatch-refused",
                    row=2,
                    field="last_name",
                    message="the row names Ada Byron, the account 'A1' names Ada Lovelace",
                    hint=MISMATCH_HINT,
                ),
            )
        },
    ),
]


@pytest.mark.parametrize(
    ("rows", "options", "expected"),
    [case[1:] for case in ROW_CASES],
    ids=[case[0] for case in ROW_CASES],
)
def test_row_findings(
    rows: list[str], options: dict[str, Any], expected: dict[int, tuple[Finding, ...]]
) -> None:
    """Each refused row carries exactly these findings: code, row, field, message and hint."""
    assert expected == refused(check(roster(*rows), **options))


@pytest.mark.parametrize(
    "reported_at",
    [date(2026, 3, 1), date(2026, 5, 1)],
    ids=["window-not-open", "window-closed"],
)
def test_window_finding_rows_in_a_large_file(reported_at: date) -> None:
    """With the window shut, each row of a file of several blocks is refused once, whole."""
    # With the window shut the rows go through csv.reader block by block.  34 characters
    # a row: the first 128 Ki block ends inside a line, which must be read with the next.
    count = 5000
    data = roster(*[ADA] * count)
    report = check(data, reported_at=reported_at)
    assert count == report.data_rows
    assert list(range(2, count + 2)) == [r.row for r in report.refused]
    expected = (
        ("date-after-report", "window-not-open")
        if reported_at < OFFERING.start
        else ("window-closed",)
    )
    assert {expected} == {r.codes for r in report.refused}
    assert {tuple(ADA.split(","))} == {r.cells for r in report.refused}


def test_name_mismatch_warning() -> None:
    """Under the warn policy a name mismatch is a warning on the accepted row, with its hint."""
    report = check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))
    assert (2,) == report.accepted.rows
    expected = Finding(
        code="name-mismatch",
        row=2,
        field="first_name",
        message="the row names Ann Lovelace, the account 'A1' names Ada Lovelace",
        hint=MISMATCH_HINT,
    )
    assert (expected,) == report.warnings


def test_row_not_a_record() -> None:
    """An entry that is not a mapping is refused with its number and its repr as the cell."""
    entry = {
        "Program ID": "PRG-1",
        "AAST ID": "A1",
        "First Name": "Ada",
        "Last Name": "Lovelace",
        "Completion Date": "2026-03-02",
    }
    report = check([entry, "oops"])
    finding = Finding(
        code="row-not-a-record",
        row=3,
        message="entry 2 is not a mapping of field names to values",
    )
    assert (RefusedRow(3, ("'oops'",), (finding,)),) == report.refused


# --------------------------------------------------------------------------
# Boundaries of the row checks


class TestCellLength:
    """`cell-too-long` refuses a cell longer than the policy's limit, not one at it."""

    # The rows' Program ID is in lower case, so the row-by-row check sees them.

    def test_cell_at_the_limit_is_accepted(self) -> None:
        """A 40-character AAST ID cell (the ID and spaces) is accepted, the ID trimmed."""
        aast_id = "A1" + " " * 38
        report = check(roster(f"prg-1,{aast_id},Ada,Lovelace,2026-03-02"), policy=SMALL_CELLS)
        assert () == report.refused
        assert ("A1",) == report.accepted.aast_ids

    def test_cell_past_the_limit_is_refused(self) -> None:
        """A 41-character AAST ID cell is refused as too long."""
        aast_id = "A1" + " " * 39
        report = check(roster(f"prg-1,{aast_id},Ada,Lovelace,2026-03-02"), policy=SMALL_CELLS)
        expected = Finding(
            code="cell-too-long",
            row=2,
            field="aast_id",
            message="the cell holds 41 characters; the most is 40",
        )
        assert {2: (expected,)} == refused(report)


class TestReportDate:
    """`completion-date`: a completion on the report date itself is not after it."""

    # A staff extension turns the fast path off, so every date is checked row by row.

    def test_completed_on_the_report_date(self) -> None:
        """Completed on the report date: accepted."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,2026-03-20"), **EXTENDED)
        assert () == report.refused
        assert (2,) == report.accepted.rows

    def test_completed_the_day_after(self) -> None:
        """Completed the day after the report date: refused as after the report date."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,2026-03-21"), **EXTENDED)
        assert {2: (after_report(2, "2026-03-21", "2026-03-20"),)} == refused(report)


# --------------------------------------------------------------------------
# The column pass


class TestColumnPass:
    """Blocks checked a column at a time find the same rows as the row-by-row checks."""

    @pytest.mark.parametrize("spaced", [False, True], ids=["plain IDs", "an ID with spaces"])
    def test_blank_aast_id_among_others(self, spaced: bool) -> None:
        """A blank AAST ID in a block of several rows is refused as missing."""
        other = " A2 " if spaced else "A2"
        report = check(
            roster(
                "PRG-1,,Ada,Lovelace,2026-03-02",
                f"PRG-1,{other},Grace,Hopper,2026-03-02",
                "PRG-1,,Ada,Lovelace,2026-03-02",
            )
        )
        missing = [
            Finding(
                code="field-missing",
                row=row,
                field="aast_id",
                message="AAST ID is blank",
                hint="every row needs all five fields",
            )
            for row in (2, 4)
        ]
        assert {2: (missing[0],), 4: (missing[1],)} == refused(report)
        assert (3,) == report.accepted.rows

    def test_long_id_and_other_failures_in_one_block(self) -> None:
        """A cell past the limit does not hide the other rows' failures in the same block."""
        report = check(
            roster(
                "PRG-1," + "B" * 45 + ",Ada,Lovelace,2026-03-02",
                "PRG-9,A1,Ada,Lovelace,2026-03-02",
                "PRG-1,1.0,Grace,Hopper,2026-03-02",
            ),
            policy=SMALL_CELLS,
        )
        assert () == report.accepted.rows
        assert {
            2: ("cell-too-long",),
            3: ("program-id-mismatch",),
            4: ("aast-id-spreadsheet-number",),
        } == {r.row: r.codes for r in report.refused}

    def test_long_id_a_pattern_allows(self) -> None:
        """An AAST ID the pattern allows but longer than a cell may be is refused."""
        policy = attrs.evolve(SMALL_CELLS, aast_id_pattern="[A-Z]+")
        long_id = "AX" * 25
        repository = InMemoryRepository(
            [Account(aast_id=long_id, first_name="Ada", last_name="Lovelace", kind="member")]
        )
        report = check(
            roster(f"PRG-1,{long_id},Ada,Lovelace,2026-03-02", GRACE.replace("A2", "AB")),
            policy=policy,
            repository=repository,
        )
        expected = Finding(
            code="cell-too-long",
            row=2,
            field="aast_id",
            message="the cell holds 50 characters; the most is 40",
        )
        assert (expected,) == report.refused[0].findings
        assert () == report.accepted.rows

    def test_repeat_within_a_later_run(self) -> None:
        """An ID twice in a run of kept rows after a refused row: the second is a duplicate."""
        report = check(roster(ADA, "PRG-9,1.0,Ada,Lovelace,2026-03-02", GRACE, GRACE))
        assert (2, 4) == report.accepted.rows
        assert {
            3: ("program-id-mismatch", "aast-id-spreadsheet-number"),
            5: ("duplicate-in-roster",),
        } == {r.row: r.codes for r in report.refused}


def test_spaced_id_refused_late_keeps_cells_as_read() -> None:
    """A row read by csv.reader with spaces around its AAST ID keeps them in its refused cells."""
    report = check(roster('PRG-1, X9 ,"Ada",Lovelace,2026-03-02'))
    assert (("PRG-1", " X9 ", "Ada", "Lovelace", "2026-03-02"),) == tuple(
        r.cells for r in report.refused
    )
    assert ("account-not-found",) == report.refused[0].codes


def test_slow_path_names_are_normalized() -> None:
    """With no fast path (an extension), names with extra spaces are accepted normalized."""
    report = check(roster("PRG-1,A1,  Ada ,  Lovelace ,2026-03-10"), **EXTENDED)
    assert () == report.refused
    attendee = report.accepted[0]
    assert ("Ada", "Lovelace") == (attendee.first_name, attendee.last_name)
    assert () == report.warnings


# --------------------------------------------------------------------------
# Files refused as a whole


def test_unterminated_quote() -> None:
    """A quote never closed refuses the file, naming the row and how to fix it."""
    report = check(roster('PRG-1,A1,"Ada,Lovelace,2026-03-02'))
    expected = Finding(
        code="file-unterminated-quote",
        row=2,
        message="a quote opened in row 2 (or a row after it) is never closed",
        hint='look for a stray double quote (") in that row; the rest of the file would '
        "otherwise be merged into one cell",
    )
    assert (expected,) == report.file_findings


def test_cell_too_large_for_csv() -> None:
    """A quoted cell beyond csv's field limit refuses the file at its row."""
    report = check(roster(ADA, 'PRG-1,A1,"' + "x" * 200_000 + '",Lovelace,2026-03-02'))
    expected = Finding(
        code="file-cell-too-large",
        row=3,
        message="a cell is far larger than any roster field",
        hint="check the row for a stray double quote or pasted text",
    )
    assert (expected,) == report.file_findings


def test_malformed_csv() -> None:
    """A quote in the middle of a cell refuses the file with csv's own reason."""
    line = 'PRG-1,A1,"Ada"x,Lovelace,2026-03-02'
    with pytest.raises(csv.Error) as error:
        list(csv.reader([line], strict=True))
    report = check(roster(line))
    expected = Finding(
        code="file-malformed-csv",
        row=2,
        message=f"the CSV cannot be read here: {error.value}",
        hint="look for a double quote in the middle of a cell; quote the whole cell instead",
    )
    assert (expected,) == report.file_findings


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Program ID,AAST ID,First Name,Last Name",
            Finding(
                code="file-missing-column",
                row=1,
                message="the header lacks Completion Date",
                hint="the header must name Program ID, AAST ID, First Name, Last Name and "
                "Completion Date",
            ),
        ),
        (
            HEADER + ",AAST-ID",
            Finding(
                code="file-duplicate-column",
                row=1,
                message="the header names AAST ID more than once",
                hint="keep one column for each field",
            ),
        ),
    ],
    ids=["missing", "duplicated"],
)
def test_header_refused(header: str, expected: Finding) -> None:
    """A header without a field, or with one twice, refuses the file, saying which."""
    report = check(roster(ADA, header=header))
    assert (expected,) == report.file_findings


UNDECODABLE = roster(ADA).replace(b"Lovelace", b"Lov\x81")


@pytest.mark.parametrize(
    ("source", "tried"),
    [
        (UNDECODABLE, "UTF-8 or Windows-1252"),
        (io.BufferedReader(NonSeekable(UNDECODABLE)), "UTF-8"),
    ],
    ids=["seekable", "one-way stream"],
)
def test_undecodable(source: Any, tried: str) -> None:
    """A byte no encoding tried can read refuses the file: the byte, its offset, a hint."""
    report = check(source)
    expected = Finding(
        code="file-undecodable",
        message=f"the file cannot be read as {tried} text (byte 0x81 at offset 73 of a block)",
        hint="save the spreadsheet as 'CSV UTF-8' and upload it again",
    )
    assert (expected,) == report.file_findings


# --------------------------------------------------------------------------
# The report's views


#: The notebook view of the ``mixed`` report below.
MIXED_HTML = (
    "<p>Roster for PRG-1, offering 2026-03-02, reported 2026-03-20: 1 accepted (1 member, "
    "0 guest), 1 refused, 0 blank row(s) skipped. Filing fee $5.00 (filing-fee).</p>"
    "<table><thead><tr><th>row</th><th>severity</th><th>code</th><th>rule</th>"
    "<th>field</th><th>message</th></tr></thead><tbody>"
    "<tr><td></td><td>warning</td><td>file-semicolon-delimited</td><td>roster-fields</td>"
    "<td></td><td>the file separates its columns with semicolons; it was read that way</td>"
    "</tr><tr><td>3</td><td>error</td><td>program-id-mismatch</td><td>program-id-match</td>"
    "<td>program_id</td><td>&#x27;PRG-9&#x27; is not this offering&#x27;s Program ID "
    "&#x27;PRG-1&#x27; Hint: report each program&#x27;s attendees on its own roster</td>"
    "</tr></tbody></table>"
)
#: The rules behind the ``mixed`` report, in order.
MIXED_RULES = [
    "roster-fields",
    "program-id-match",
    "row-conservation",
    "filing-fee",
    "policy-version",
]


@pytest.fixture
def mixed() -> RosterReport:
    """A semicolon file: row 2 accepted, row 3 refused (Program ID), one file warning."""
    return check(roster(ADA, "PRG-9,A2,Grace,Hopper,2026-03-02", header=HEADER).replace(b",", b";"))


def test_repr_html(mixed: RosterReport) -> None:
    """The notebook view: the summary line, the six headers, each finding's cells escaped."""
    assert MIXED_HTML == mixed._repr_html_()


def test_to_dict(mixed: RosterReport) -> None:
    """The JSON form's keys, and the report date, warnings, file findings, rules, explanation."""
    data = mixed.to_dict()
    assert [
        "program_id",
        "offering",
        "report_date",
        "policy",
        "window",
        "file_refused",
        "data_rows",
        "accepted",
        "refused",
        "warnings",
        "blank_rows",
        "file_findings",
        "filing_fee",
        "rules",
        "explanation",
    ] == list(data)
    assert "2026-03-20" == data["report_date"]
    assert [] == data["warnings"]
    assert [mixed.file_findings[0].to_dict()] == data["file_findings"]
    assert "file-semicolon-delimited" == data["file_findings"][0]["code"]
    assert MIXED_RULES == data["rules"]
    assert mixed.explanation == data["explanation"]
    assert data["explanation"].startswith("Roster for PRG-1, offering 2026-03-02, reported ")


def test_to_dict_warnings() -> None:
    """A row warning appears under "warnings" in the JSON form."""
    report = check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))
    assert ["name-mismatch"] == [w["code"] for w in report.to_dict()["warnings"]]


def test_to_rows_joins_warning_codes() -> None:
    """An accepted row with two warnings lists both codes joined by ";"."""
    report = check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))
    warning = report.warnings[0]
    doubled = attrs.evolve(report, warnings=(warning, warning))
    assert "name-mismatch;name-mismatch" == doubled.to_rows()[0]["codes"]


# --------------------------------------------------------------------------
# Date texts refused, word for word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3/2/26",
            (
                "date-two-digit-year",
                "'3/2/26' has a two-digit year",
                "write the year in full, for example 3/2/2026 or 2026-03-02",
            ),
        ),
        (
            "45123",
            (
                "date-spreadsheet-serial",
                "'45123' is a number, not a date",
                "a spreadsheet turned this date into its serial number; format the column as "
                "text or as a date (YYYY-MM-DD) and export again",
            ),
        ),
        (
            "2026/03/02",
            (
                "date-format",
                "'2026/03/02' is not a date in YYYY-MM-DD or M/D/YYYY form",
                "write dates as 2026-03-02 or 3/2/2026",
            ),
        ),
        # Day-month order is suggested only when the first number could be a day.
        ("32/5/2026", ("date-no-such-day", "'32/5/2026' is not a day in the calendar", None)),
        (
            "31/5/2026",
            (
                "date-day-month-order",
                "'31/5/2026' has no month 31",
                "this looks like day/month order; write it as 5/31/2026 (month first) or "
                "2026-05-31",
            ),
        ),
    ],
)
def test_refused_date_text(text: str, expected: tuple[str, str, str | None]) -> None:
    """Each kind of refused date text has its own code, message and hint."""
    assert expected == parse_completion_date(text)


# --------------------------------------------------------------------------
# One claim per attendee, on rows refused for other reasons too


def duplicate(row: int, aast_id: str, accepted_row: int) -> Finding:
    """The duplicate-in-roster finding of a row."""
    return Finding(
        code="duplicate-in-roster",
        row=row,
        field="aast_id",
        message=f"{aast_id!r} is already accepted in row {accepted_row}",
        hint="report each attendee once per offering",
    )


def test_row_refused_in_the_row_pass_is_also_a_repeat() -> None:
    """A row refused for its date also names the accepted row of its ID, or an earlier roster."""
    report = check(
        roster(ADA, "PRG-1,A1,Ada,Lovelace,13/4/2026", "PRG-1,R1,Mary,Reported,13/4/2026")
    )
    assert (2,) == report.accepted.rows
    findings = refused(report)
    assert duplicate(3, "A1", 2) == findings[3][1]
    assert (
        Finding(
            code="already-reported",
            row=4,
            field="aast_id",
            message="'R1' was already reported for this offering in an earlier roster",
            hint="a later roster should list only attendees not reported before",
        )
        == findings[4][1]
    )


def test_row_refused_for_its_names_is_a_repeat_of_a_later_accepted_row() -> None:
    """With name mismatches refused, a refused row's ID accepted further down is a repeat."""
    report = check(roster("PRG-1,A1,Bob,Smith,2026-03-02", ADA), policy=REFUSE)
    assert (3,) == report.accepted.rows
    assert ("name-mismatch-refused", "duplicate-in-roster") == report.refused[0].codes
    assert duplicate(2, "A1", 3) == report.refused[0].findings[1]


def _many(count: int) -> tuple[list[str], InMemoryRepository]:
    """Rows B0 .. B{count - 1}, all valid, and their accounts (the first three guests)."""
    accounts = [
        Account(
            aast_id=f"B{i}",
            first_name="Ada",
            last_name="Lovelace",
            kind="guest" if i < 3 else "member",
        )
        for i in range(count)
    ]
    rows = [f"PRG-1,B{i},Ada,Lovelace,2026-03-02" for i in range(count)]
    return rows, InMemoryRepository(accounts)


def test_more_rows_than_one_settling_slice() -> None:
    """Past 4,096 kept rows, repeats and guests in the first slice still count."""
    rows, repository = _many(4200)
    rows.insert(1, rows[0])  # B0 twice: rows 2 and 3
    report = check(roster(*rows), repository=repository)
    assert 4200 == len(report.accepted)
    assert {3: ("duplicate-in-roster",)} == {r.row: r.codes for r in report.refused}
    assert (3, 4197) == (report.guests, report.members)


def test_repeats_of_an_id_claimed_in_an_earlier_slice() -> None:
    """An ID first kept more than 4,096 rows before its repeats: the first row is the
    accepted one, and each repeat names it, in the same slice as another or not."""
    rows, repository = _many(4200)
    rows += [rows[1], rows[5], rows[1]]  # B1 at rows 3, 4202 and 4204; B5 at 7 and 4203
    report = check(roster(*rows), repository=repository)
    assert 4200 == len(report.accepted)
    assert [duplicate(4202, "B1", 3), duplicate(4203, "B5", 7), duplicate(4204, "B1", 3)] == [
        f for r in report.refused for f in r.findings
    ]


def test_claims_noted_in_one_slice_survive_the_next() -> None:
    """An ID claimed in an earlier slice is still handled after a later slice finds a
    repeat of its own; a row with no account in that slice is still refused."""
    rows, repository = _many(8300)
    rows.insert(4500, rows[1])  # B1 again at row 4502, in the second slice
    rows.append("PRG-1,Z9,Ada,Lovelace,2026-03-02")  # no account: row 8303
    rows.append(rows[8251])  # B8250 again at row 8304, in the third slice with its first
    report = check(roster(*rows), repository=repository)
    assert 8300 == len(report.accepted)
    assert [
        (4502, ("duplicate-in-roster",)),
        (8303, ("account-not-found",)),
        (8304, ("duplicate-in-roster",)),
    ] == [(r.row, r.codes) for r in report.refused]
    assert [duplicate(4502, "B1", 3), duplicate(8304, "B8250", 8253)] == [
        f for r in report.refused for f in r.findings if f.code == "duplicate-in-roster"
    ]


# --------------------------------------------------------------------------
# csv's field limit in a block without quotes


@pytest.mark.parametrize("extra", [0, 1])
def test_unquoted_cell_at_csv_field_limit_after_a_block_of_rows(extra: int) -> None:
    """In a file without quotes, a cell of csv's field limit is a row problem (it is far
    past the policy's cell limit); one character more refuses the file at its row."""
    limit = csv.field_size_limit()
    rows = [f"PRG-1,B{i},Grace,Hopper,2026-03-02" for i in range(4500)]
    report = check(roster(ADA, *rows, "PRG-1,A2,Grace,Hopper," + "x" * (limit + extra)))
    if extra:
        assert ((4503, "file-cell-too-large"),) == tuple(
            (f.row, f.code) for f in report.file_findings
        )
        assert 0 == report.data_rows
    else:
        assert () == report.file_findings
        assert ("cell-too-long",) == report.refused[-1].codes
        assert 4503 == report.refused[-1].row


#: The header with the last name as its last column (the cell that ends a block).
HEADER_LAST_NAME_LAST = "Program ID,AAST ID,First Name,Completion Date,Last Name"


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
@pytest.mark.parametrize(
    "filler",
    ["x", "X"],  # "X" also: the window test looks for the line end and delimiter only
)
def test_unquoted_cell_past_csv_field_limit_anywhere_in_a_block(line_end: str, filler: str) -> None:
    """A cell longer than csv reads refuses the file wherever it sits in a block.

    With csv's field limit lowered to 40 (a block of a few lines holds such a
    cell), the cell moves one character at a time through the block and ends
    it, so that it meets every alignment of the windows that look for it."""
    previous = csv.field_size_limit(40)
    try:
        for width in range(1, 46):
            lines = [
                HEADER_LAST_NAME_LAST,
                "PRG-1,A1,Ada,2026-03-02,Lovelace",
                "PRG-1,A2," + "G" * width + ",2026-03-02," + filler * 41,
            ]
            report = check("".join(line + line_end for line in lines).encode())
            assert ((3, "file-cell-too-large"),) == tuple(
                (f.row, f.code) for f in report.file_findings
            ), width
    finally:
        csv.field_size_limit(previous)


@pytest.mark.parametrize(
    ("ends", "blank_rows"),
    [
        (("\r\n", "\n", "\r\n"), ()),  # a lone line feed among CR LF line ends
        (("\r\n", "\r", "\r\n"), ()),  # a lone carriage return among them
        (("\r\n", "\r", "\r\n", "\n"), (5,)),  # and a blank line ended by a line feed
    ],
)
def test_mixed_line_ends_in_one_block(ends: tuple[str, ...], blank_rows: tuple[int, ...]) -> None:
    """Each line end csv reads (CR LF, LF, CR) ends one row, whatever its neighbours use."""
    lines = [ADA, GRACE, "PRG-1,R1,Mary,Reported,2026-03-02", ""][: len(ends)]
    data = (HEADER + "\r\n" + "".join(map(str.__add__, lines, ends))).encode()
    report = check(data)
    assert [2, 3] == [a.row for a in report.accepted]
    assert {4: ("already-reported",)} == {r.row: r.codes for r in report.refused}
    assert blank_rows == report.blank_rows


def test_consecutive_bad_ids_each_refused() -> None:
    """Two AAST IDs in a row that the pattern refuses: each gets its aast-id-format finding,
    the second too though all but its first character would match."""
    report = check(
        roster(ADA, "PRG-1,A.1,Ada,Lovelace,2026-03-02", "PRG-1,.A2,Ada,Lovelace,2026-03-02")
    )
    assert {3: ("aast-id-format",), 4: ("aast-id-format",)} == {
        r.row: r.codes for r in report.refused
    }


def test_padded_id_trimmed_before_a_pattern_that_allows_spaces() -> None:
    """An AAST ID is trimmed before the policy's pattern is tried, in an ASCII block too:
    a pattern that allows spaces must not keep the spaces around the ID."""
    spaces_allowed = attrs.evolve(DEFAULT_POLICY, aast_id_pattern=r"[A-Z0-9 ]{1,20}")
    report = check(roster(ADA, "PRG-1, A2 ,Grace,Hopper,2026-03-02"), policy=spaces_allowed)
    assert [(2, "A1"), (3, "A2")] == [(a.row, a.aast_id) for a in report.accepted]
    assert () == report.refused


# --------------------------------------------------------------------------
# Reading the file: the header line, blocks, line ends inside quotes


NO_HEADER = Finding(
    code="file-no-header",
    row=1,
    message="the file has no header row",
    hint="the first row must name the columns: Program ID, AAST ID, First Name, "
    "Last Name, Completion Date",
)


@pytest.mark.parametrize(
    "source",
    [b"", b"\r\n" + ADA.encode(), io.StringIO("\ufeff\n" + ADA)],
    ids=["empty", "blank-first-line", "only-a-byte-order-mark"],
)
def test_no_header_finding_word_for_word(source: Any) -> None:
    """A file with no header line is refused with this finding, word for word."""
    report = check(source)
    assert (NO_HEADER,) == report.file_findings
    assert 0 == report.data_rows


def test_header_of_one_letter_is_a_header() -> None:
    """A header line that names no field is a header that lacks every field, not a
    missing header."""
    report = check(roster(ADA, header="X"))
    assert ("file-missing-column",) == tuple(f.code for f in report.file_findings)


class BoundedReads(io.StringIO):
    """A text stream that refuses to be read whole: the reader must stream."""

    def read(self, size: int | None = -1) -> str:
        assert size is not None, "read() with no size reads the whole stream"
        assert 0 <= size <= 1 << 20, size
        return super().read(size)


def test_stream_read_in_blocks() -> None:
    """A roster from a text stream is read a block at a time, never all at once."""
    text = "".join(line + "\n" for line in (HEADER, ADA, GRACE))
    report = check(BoundedReads(text))
    assert [2, 3] == [a.row for a in report.accepted]


def test_cells_equal_to_nul_do_not_make_ragged_lines_whole() -> None:
    """A line with one cell too many (a lone NUL) and one with one too few are both
    ragged, though together they hold two lines' worth of cells."""
    data = roster(ADA + ",\x00", "PRG-1,A2,Grace,Hopper")
    report = check(data)
    assert {2: ("row-ragged",), 3: ("row-ragged",)} == {r.row: r.codes for r in report.refused}
    assert () == report.accepted


@pytest.mark.parametrize("block", [*range(1, 101), 1 << 17])
def test_nul_in_a_line_carried_into_the_next_block(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wherever a block cuts the lines, the text holding the NUL goes to csv (a NUL read
    with one block of bytes can be in a line carried into the next block's text)."""
    monkeypatch.setattr(sources, "BLOCK", block)
    data = roster(ADA + ",\x00", "PRG-1,A2,Grace,Hopper", GRACE)
    report = check(data)
    refused = {2: ("row-ragged",), 3: ("row-ragged",)}
    assert refused == {r.row: r.codes for r in report.refused}
    assert [4] == [a.row for a in report.accepted]


@pytest.mark.parametrize("text_stream", [False, True])
def test_line_break_in_quotes_kept_as_read(text_stream: bool) -> None:
    """A CR LF inside a quoted cell is kept as read in a refused row's cells."""
    data = roster(ADA, 'PRG-2,A2,"Grace\r\nMurray",Hopper,2026-03-02')
    source = io.StringIO(data.decode(), newline="") if text_stream else data
    report = check(source)
    assert ("PRG-2", "A2", "Grace\r\nMurray", "Hopper", "2026-03-02") == report.refused[0].cells


def test_lone_carriage_returns_with_quotes() -> None:
    """Lines ended by lone carriage returns in a block with quotes are rows too."""
    data = (HEADER + '\r"PRG-1",A1,Ada,Lovelace,2026-03-02\r' + GRACE + "\r").encode()
    report = check(data)
    assert [2, 3] == [a.row for a in report.accepted]
    assert () == report.file_findings


def test_extra_first_column_after_a_byte_order_mark() -> None:
    """The byte-order mark is not part of an extra first column's name."""
    data = b"\xef\xbb\xbf" + roster("x," + ADA, header="Notes," + HEADER)
    report = check(data)
    extra = Finding(
        code="file-extra-column",
        row=1,
        message="the column(s) 'Notes' are not roster fields; they were ignored",
    )
    assert (extra,) == report.file_findings
    assert [2] == [a.row for a in report.accepted]


# --------------------------------------------------------------------------
# Errors at the API and the file-too-many-rows finding, word for word


@pytest.mark.parametrize(
    ("source", "options", "error", "message"),
    [
        pytest.param(
            "Program ID,AAST ID",
            {},
            TypeError,
            "a roster source is bytes, an open binary or text stream, or an iterable of "
            "mappings; got str (open a file with open(path, 'rb'); pass one record as a list "
            "of one mapping)",
            id="source",
        ),
        pytest.param(
            roster(ADA),
            {"program": "PRG-1"},
            TypeError,
            "program must be a Program and offering an Offering",
            id="program",
        ),
        *(
            pytest.param(
                roster(ADA),
                {"reported_at": value},
                TypeError,
                f"reported_at must be a date or an aware datetime, got {type(value).__name__}",
                id=f"reported_at-{type(value).__name__}",
            )
            for value in ("2026-03-20", 20260320, None)
        ),
        pytest.param(
            roster(ADA),
            {"program": Program(title="Draft", cecs=2)},
            NotApproved,
            "'Draft' has no Program ID: attendance can be reported only for an approved "
            "program (approval-first); approve it first, then report",
            id="approval-first",
        ),
    ],
)
def test_api_errors_word_for_word(
    source: Any, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    """A source, program or report date of another type, or a program not yet approved,
    is refused with an error that says what to pass (not one from deep inside)."""
    with pytest.raises(error) as raised:
        check(source, **options)
    assert message == str(raised.value)


def test_naive_report_moment_names_the_field() -> None:
    """A report moment with no time zone is refused, naming reported_at."""
    with pytest.raises(NaiveDatetime) as raised:
        check(roster(ADA), reported_at=datetime(2026, 3, 20, 12, 0))
    assert "reported_at" == raised.value.field
    assert str(raised.value).startswith("reported_at 2026-03-20 12:00:00 has no time zone")


def test_too_many_rows_word_for_word() -> None:
    """A file with more data rows than the policy allows is refused with this finding."""
    one_row = attrs.evolve(DEFAULT_POLICY, max_roster_rows=1)
    report = check(roster(ADA, GRACE), policy=one_row)
    too_many = Finding(
        code="file-too-many-rows",
        message="the file has more than 1 data rows",
        hint="split the roster into several files",
    )
    assert (too_many,) == report.file_findings
