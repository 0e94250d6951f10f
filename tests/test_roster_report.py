"""The roster report (section 6): its views, its counts, and `row-conservation`.

A report is the accepted attendees, the refused rows with their findings, the
blank rows and the file findings; it refuses to exist if a row is lost or
repeated. Its views are to_dict (JSON), to_rows (one flat row per data row),
write_findings_csv, the explanation, _repr_html_ and to_frame for notebooks.
For large reports: the counts by finding code, the findings in pages, and
the findings written to a stream as CSV or JSON Lines a page at a time.
The attendees are stored by column (Attendees).
"""

from __future__ import annotations

import csv
import gc
import io
import json
import math
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pandas
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import findings as roster_findings, report as report_module
from cec_rules._roster.refused import RefusedRowsBuilder
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.errors import InvalidArgument, InvalidReport, RowConservationError
from cec_rules.examples import example_roster
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, Program
from cec_rules.roster import (
    FINDING_CODES,
    AcceptedAttendee,
    Attendees,
    Finding,
    RefusedRow,
    RefusedRows,
    RosterReport,
    check_roster,
)
from cec_rules.strategies import defective_rosters
from helpers import (
    ADA,
    HEADER,
    HEADER_CELLS,
    OFFERING,
    PROGRAM,
    REPORTED,
    SELF_PACED,
    VIEW_TAGS,
    WEEK,
    YEAR,
    check,
    check_week,
    dtype_name,
    file_codes,
    outcome,
    read_view,
    roster,
    rows_of_cells,
    write_csv,
)

_CSV_HEADER = ["row", "severity", "code", "rule", "field", "message", "hint"]


def _findings_csv_text(report: RosterReport) -> str:
    """The report's findings CSV as written."""
    out = io.StringIO(newline="")
    report.write_findings_csv(out)
    return out.getvalue()


def _findings_csv(report: RosterReport) -> list[list[str]]:
    """The report's findings CSV, read back as rows of cells."""
    return list(csv.reader(io.StringIO(_findings_csv_text(report), newline="")))


def _report(**changes: Any) -> RosterReport:
    """A report built directly: by default two rows, one accepted, one blank."""
    values: dict[str, Any] = {
        "program": PROGRAM,
        "offering": OFFERING,
        "report_date": REPORTED,
        "policy": DEFAULT_POLICY,
        "window": None,
        "data_rows": 2,
        "accepted": (
            AcceptedAttendee(2, "A1", "Ada", "Lovelace", AccountKind.MEMBER, date(2026, 3, 2)),
        ),
        "refused": (),
        "warnings": (),
        "blank_rows": (3,),
        "file_findings": (),
    }
    values.update(changes)
    return RosterReport(**values)


#: The rules behind the ``mixed`` report, in order.
MIXED_RULES = [
    "roster-file",
    "program-id-match",
    "row-conservation",
    "filing-fee",
    "policy-version",
]


@pytest.fixture
def mixed() -> RosterReport:
    """A semicolon file: row 2 accepted, row 3 refused (Program ID), one file warning."""
    return check(roster(ADA, "PRG-9,A2,Grace,Hopper,2026-03-02", header=HEADER).replace(b",", b";"))


class TestViews:
    """The report as JSON-ready data, flat rows, findings CSV and text."""

    ROWS = (ADA, "", "PRG-1,Z9,Li,Wei,13/4/2026", "PRG-1,G1,Zoe,Saldana,2026-03-02", "x,y")

    def test_to_dict_is_json_ready(self) -> None:
        """json.dumps takes the dict; amounts are strings."""
        report = check(roster(*self.ROWS))
        data = json.loads(json.dumps(report.to_dict()))
        assert "15.00" == data["filing_fee"]["total"]
        assert ["5.00", "10.00"] == [line["amount"] for line in data["filing_fee"]["lines"]]
        assert ["5.00", "10.00"] == [line["unit_price"] for line in data["filing_fee"]["lines"]]
        assert [3] == data["blank_rows"]
        assert 5 == data["data_rows"]
        assert {
            "row": 2,
            "aast_id": "A1",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "kind": "member",
            "completion_date": "2026-03-02",
        } == data["accepted"][0]
        assert [4, 6] == [r["row"] for r in data["refused"]]
        assert ["x", "y"] == data["refused"][1]["cells"]
        first = data["refused"][0]["findings"][0]
        assert {
            "code": "date-day-month-order",
            "rule": "completion-date",
            "severity": "error",
            "row": 4,
            "field": "completion_date",
            "message": "'13/4/2026' has no month 13",
            "hint": "this looks like day/month order; write it as 4/13/2026 (month first) "
            "or 2026-04-13",
        } == first
        assert {"status": "window-open", "last_day": "2026-04-16"} == {
            k: data["window"][k] for k in ("status", "last_day")
        }
        assert (False, "PRG-1", "AAST CEC program 2020") == (
            data["file_refused"],
            data["program_id"],
            data["policy"],
        )
        assert {"start": "2026-03-02", "end": "2026-03-02"} == data["offering"]

    def test_to_dict_without_window(self) -> None:
        """A self-paced roster has no offering-wide window."""
        report = check(roster(ADA), program=SELF_PACED, offering=YEAR)
        assert None is report.to_dict()["window"]

    def test_to_rows(self) -> None:
        """One flat dict per data row, blank rows included, in row order."""
        report = check(roster(*self.ROWS))
        rows = report.to_rows()
        assert [2, 3, 4, 5, 6] == [r["row"] for r in rows]
        assert ["accepted", "blank", "refused", "accepted", "refused"] == [
            r["status"] for r in rows
        ]
        assert {
            "row": 4,
            "status": "refused",
            "aast_id": "Z9",
            "first_name": "Li",
            "last_name": "Wei",
            "kind": None,
            "completion_date": None,
            "completion_date_text": "13/4/2026",
            "codes": "date-day-month-order;account-not-found",
            "messages": report.refused[0].findings[0].explanation
            + " | "
            + report.refused[0].findings[1].explanation,
        } == rows[2]
        assert {
            "row": 5,
            "status": "accepted",
            "aast_id": "G1",
            "first_name": "Zoe",
            "last_name": "Saldana",
            "kind": "guest",
            "completion_date": date(2026, 3, 2),
            "completion_date_text": None,
            "codes": "",
            "messages": "",
        } == rows[3]
        assert (None, None, "row-ragged") == (
            rows[4]["aast_id"],
            rows[4]["first_name"],
            rows[4]["codes"],
        )
        assert {
            "row": 3,
            "status": "blank",
            "aast_id": None,
            "first_name": None,
            "last_name": None,
            "kind": None,
            "completion_date": None,
            "completion_date_text": None,
            "codes": "",
            "messages": "",
        } == rows[1]

    def test_to_rows_ragged_row_of_five_cells(self) -> None:
        """A ragged row's cells are as read, in the file's order: with an extra column in
        the header, a row of five cells is ragged and none of its cells is shown under a
        field's name."""
        header = HEADER + ",Email"
        report = check(roster("A1,PRG-1,Ada,Lovelace,2026-03-02", header=header))
        (row,) = report.to_rows()
        expected = ("row-ragged", None, None, None, None, None)
        assert expected == (
            row["codes"],
            row["aast_id"],
            row["first_name"],
            row["last_name"],
            row["completion_date"],
            row["completion_date_text"],
        )

    def test_to_rows_carries_warnings(self) -> None:
        """An accepted row with a warning lists its code."""
        report = check(roster("PRG-1,A1,Adam,Lovelace,2026-03-02"))
        assert "name-mismatch" == report.to_rows()[0]["codes"]

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
    def test_findings_csv_escapes_formula_starts(self, start: str) -> None:
        """Messages and hints starting with a formula character get an apostrophe on export;
        the stored finding is unchanged."""
        finding = Finding(
            code="date-format",
            row=2,
            field="completion_date",
            message=start + "SUM(A1)",
            hint=start + "1",
        )
        report = _report(
            accepted=(),
            refused=(RefusedRow(2, ("=1",) * 5, (finding,)),),
        )
        expected = [
            _CSV_HEADER,
            [
                "2",
                "error",
                "date-format",
                "completion-date",
                "completion_date",
                "'" + start + "SUM(A1)",
                "'" + start + "1",
            ],
        ]
        assert expected == _findings_csv(report)
        assert start + "SUM(A1)" == report.refused[0].findings[0].message
        assert ("=1",) * 5 == report.refused[0].cells

    def test_findings_csv_safe_cells_and_empty_ones(self) -> None:
        """A finding about the whole file has an empty row cell, one with no hint an
        empty hint cell; a message that a spreadsheet would not run is written as it is."""
        finding = Finding(code="file-no-header", message="the file has no header row")
        report = _report(accepted=(), blank_rows=(2, 3), file_findings=(finding,))
        expected = [
            _CSV_HEADER,
            [
                "",
                "error",
                "file-no-header",
                "roster-file",
                "",
                "the file has no header row",
                "",
            ],
        ]
        assert expected == _findings_csv(report)

    def test_findings_csv_of_a_real_report(self) -> None:
        """Every finding is one CRLF line, file findings first, warnings last."""
        report = check(
            roster(
                "PRG-1,A1,Adam,Lovelace,2026-03-02,",
                "PRG-1,Z9,Li,Wei,bad,",
                header=HEADER + ",Notes",
            )
        )
        out = io.StringIO(newline="")
        report.write_findings_csv(out)
        lines = out.getvalue().split("\r\n")
        assert 6 == len(lines)
        assert "" == lines[-1]
        codes = [row[2] for row in csv.reader(lines[1:-1])]
        assert ["file-extra-column", "date-format", "account-not-found", "name-mismatch"] == codes
        assert ["1", "3", "3", "2"] == [row[0] for row in csv.reader(lines[1:-1])]

    def test_explanation(self) -> None:
        """The summary gives the counts, the fee, the window, and every finding with its code
        and rule."""
        report = check(roster(*self.ROWS))
        lines = report.explanation.splitlines()
        assert (
            "Roster for PRG-1, offering 2026-03-02, reported 2026-03-20: 2 accepted (1 member, "
            "1 guest), 2 refused, 1 blank row(s) skipped. Filing fee $15.00 (filing-fee)."
            == lines[0]
        )
        assert lines[1].startswith("Open: report by 2026-04-16")
        assert (
            "Findings by code: row-ragged 1; account-not-found 1; date-day-month-order 1."
            == lines[2]
        )
        assert (
            "Row 4 (Completion Date): '13/4/2026' has no month 13 [date-day-month-order, "
            "completion-date]. Hint: this looks like day/month order; write it as 4/13/2026 "
            "(month first) or 2026-04-13" == lines[3]
        )
        assert lines[5].startswith(
            "Row 6: the row has 2 cells where the header has 5 [row-ragged, roster-fields]."
        )
        assert 6 == len(lines)

    def test_explanation_of_a_refused_file(self) -> None:
        """A refused file says so, and names the reason."""
        report = check(roster(ADA, header="Program ID,AAST ID"))
        assert (
            "Roster for PRG-1, offering 2026-03-02: the file was refused as a whole; no row was "
            "accepted.\nOpen: report by 2026-04-16 (reporting-window); 27 day(s) left after "
            "2026-03-20.\nFindings by code: file-missing-column 1.\nRow 1: the header lacks "
            "First Name, Last Name, Completion Date "
            "[file-missing-column, roster-file]. Hint: the header must name Program ID, "
            "AAST ID, First Name, Last Name and Completion Date" == report.explanation
        )

    def test_file_finding_explanation(self) -> None:
        """A finding of the whole file starts with 'The file'."""
        finding = Finding(code="file-undecodable", message="cannot be read")
        assert "The file: cannot be read [file-undecodable, roster-file]." == finding.explanation

    def test_rules(self) -> None:
        """The report cites the rules of its findings once each, then conservation, fee, policy."""
        report = check(roster(*self.ROWS))
        expected = (
            "completion-date",
            "account-exists",
            "roster-fields",
            "row-conservation",
            "filing-fee",
            "policy-version",
        )
        assert expected == report.rules

    def test_findings_order(self) -> None:
        """File findings first, then refused rows' in row order, then warnings."""
        report = check(
            roster("PRG-1,A1,Adam,Lovelace,2026-03-02,", "x,y", header=HEADER + ",Notes")
        )
        expected = ["file-extra-column", "row-ragged", "name-mismatch"]
        assert expected == [f.code for f in report.findings]

    def test_repr_html_whole_view(self, mixed: RosterReport) -> None:
        """The notebook view: the summary, the reporting window, the filing-fee lines, the
        findings by code, and each finding with its message and, on its own line, its hint."""
        view = read_view(mixed._repr_html_())
        assert [
            "Roster for PRG-1, offering 2026-03-02, reported 2026-03-20: 1 accepted (1 member, "
            "0 guest), 1 refused, 0 blank row(s) skipped. Filing fee $5.00 (filing-fee).",
            "Reporting window — Open: report by 2026-04-16 (reporting-window); 27 day(s) left "
            "after 2026-03-20.",
            "Findings by code",
            "Findings",
        ] == view.paragraphs
        fees, counts, findings = view.tables
        assert ["filing fee", "each", "accepted", "amount"] == fees.heads
        assert [
            ["member filing fee", "$5.00", "1 member", "$5.00"],
            ["guest filing fee", "$10.00", "0 guest", "$0.00"],
        ] == fees.texts()
        assert fees.total is not None
        assert ["total (filing-fee)", "", "", "$5.00"] == [c.text for c in fees.total]
        assert [
            ["file-semicolon-delimited", "roster-file", "warning", "1"],
            ["program-id-mismatch", "program-id-match", "error", "1"],
        ] == counts.texts()
        assert ["row", "severity", "code", "rule", "field", "message"] == findings.heads
        assert [
            [
                "",
                "warning",
                "file-semicolon-delimited",
                "roster-file",
                "",
                "the file separates its columns with semicolons; it was read that way",
            ],
            [
                "3",
                "error",
                "program-id-mismatch",
                "program-id-match",
                "program_id",
                "'PRG-9' is not this offering's Program ID 'PRG-1'\n"
                "report each program's attendees on its own roster",
            ],
        ] == findings.texts()
        message = findings.column("message")[1]
        assert (
            ("'PRG-9' is not this offering's Program ID 'PRG-1'",),
            ("report each program's attendees on its own roster",),
        ) == (message.lines, message.hints)

    def test_repr_html_aligns_only_money_right(self, mixed: RosterReport) -> None:
        """The filing fee's price and amount are right-aligned; the counts, the row numbers
        and the messages are left-aligned, and only the messages wrap."""
        fees, counts, findings = read_view(mixed._repr_html_()).tables
        assert ["left", "right", "left", "right"] == [c.align for c in fees.rows[0]]
        assert {"left"} == {c.align for row in (*counts.rows, *findings.rows) for c in row}
        assert [False] * 5 + [True] == [c.wraps for c in findings.rows[1]]

    def test_repr_html_of_a_closed_window(self) -> None:
        """A roster reported late says the window is closed, and by how many days."""
        view = read_view(check(roster(ADA), reported_at=date(2026, 5, 1))._repr_html_())
        assert (
            "Reporting window — Closed: the last day to report was 2026-04-16 "
            "(reporting-window); 2026-05-01 is 15 day(s) late."
        ) == view.paragraphs[1]

    def test_repr_html_of_a_clean_roster(self) -> None:
        """A roster with no finding says so, after its filing fee."""
        view = read_view(check(roster(ADA))._repr_html_())
        assert "No findings." == view.paragraphs[-1]
        assert 1 == len(view.tables)

    def test_repr_html_lists_at_most_a_hundred_findings(self) -> None:
        """A large report's view lists the first findings and says where the rest are; the
        counts by code still count them all."""
        report = _refused_report(1_200)
        view = read_view(report._repr_html_())
        assert (
            "Findings: the first 100 of 1,201 (to_frame() has every row, "
            "write_findings_csv() writes every finding)"
        ) == view.paragraphs[-1]
        counts, findings = view.tables[1:]
        assert "1,200" == counts.rows[1][3].text
        assert report_module.HTML_FINDINGS == len(findings.rows)

    def test_repr_html_of_a_code_outside_the_catalogue(self) -> None:
        """A finding a caller made up is shown and counted with no rule or severity."""
        row = RefusedRow(2, ("x",) * 5, (Finding(code="zz-mine", row=2, message="m"),))
        report = _report(accepted=(), refused=(row,), blank_rows=(), data_rows=1)
        counts, findings = read_view(report._repr_html_()).tables[1:]
        assert [["zz-mine", "", "", "1"]] == counts.texts()
        assert [["2", "", "zz-mine", "", "", "m"]] == findings.texts()

    def test_to_dict_keys_and_file_findings(self, mixed: RosterReport) -> None:
        """The JSON form's keys, and its report date, warnings, file findings, rules and
        explanation."""
        data = mixed.to_dict()
        assert [
            "reference",
            "program_id",
            "program",
            "offering",
            "report_date",
            "policy",
            "policy_in_force",
            "window",
            "file_refused",
            "data_rows",
            "header_row",
            "finding_counts",
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

    def test_to_dict_warnings(self) -> None:
        """A row warning appears under "warnings" in the JSON form."""
        report = check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))
        assert ["name-mismatch"] == [w["code"] for w in report.to_dict()["warnings"]]

    def test_to_rows_joins_warning_codes(self) -> None:
        """An accepted row with two warnings lists both codes joined by ";"."""
        report = check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))
        warning = report.warnings[0]
        doubled = attrs.evolve(report, warnings=(warning, warning))
        assert "name-mismatch;name-mismatch" == doubled.to_rows()[0]["codes"]


@st.composite
def reports(draw: st.DrawFn) -> RosterReport:
    """Reports of generated rosters: arbitrary cells (at times under a header with a
    column that is not a field, which the file findings warn of), or valid rosters
    with one to three defects put in."""
    if draw(st.booleans()):
        header = [*HEADER_CELLS, "Notes"] if draw(st.booleans()) else HEADER_CELLS
        return check_week(write_csv(draw(rows_of_cells), header))
    sample = draw(defective_rosters(max_rows=8))
    return check_roster(
        sample.to_csv(),
        program=sample.program,
        offering=sample.offering,
        repository=sample.repository,
        reported_at=sample.reported_at,
    )


def _refused_report(count: int) -> RosterReport:
    """A report built directly: ``count`` refused rows of one date-format finding each,
    and a file warning first."""
    rows = tuple(
        RefusedRow(
            number,
            ("PRG-1", "A1", "Ada", "Lovelace", "soon"),
            (Finding(code="date-format", row=number, field="completion_date", message="bad"),),
        )
        for number in range(2, count + 2)
    )
    warning = Finding(code="file-extra-column", row=1, message="the column 'x' is ignored")
    return _report(
        accepted=(), refused=rows, blank_rows=(), data_rows=count, file_findings=(warning,)
    )


class _Writes(io.StringIO):
    """A text stream that keeps each text written to it apart."""

    def __init__(self) -> None:
        super().__init__(newline="")
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def _cells_of(data: dict[str, Any]) -> list[str]:
    """The findings CSV row of a finding in its to_dict form, formula starts escaped."""

    def safe(text: str) -> str:
        return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text

    return [
        "" if data["row"] is None else str(data["row"]),
        data["severity"],
        data["code"],
        data["rule"],
        data["field"] or "",
        safe(data["message"]),
        safe(data["hint"] or ""),
    ]


def _dict_findings(report: RosterReport) -> list[dict[str, Any]]:
    """The findings of the report's to_dict, in the order of findings."""
    data = report.to_dict()
    refused = [f for row in data["refused"] for f in row["findings"]]
    return [*data["file_findings"], *refused, *data["warnings"]]


class TestFindingCounts:
    """The number of findings of each code: cheap, read-only, in the catalogue's order."""

    @given(reports())
    def test_counts_agree_with_the_findings(self, report: RosterReport) -> None:
        """The counts are the codes of the findings counted, in the order of FINDING_CODES."""
        counts = report.finding_counts
        assert Counter(f.code for f in report.findings) == Counter(counts)
        assert [code for code in FINDING_CODES if code in counts] == list(counts)
        assert len(report.findings) == sum(counts.values())

    def test_counts_of_a_report(self, mixed: RosterReport) -> None:
        """A file warning and a refused row: one of each code, the file's first."""
        assert {"file-semicolon-delimited": 1, "program-id-mismatch": 1} == mixed.finding_counts

    def test_counts_of_many_rows(self) -> None:
        """Rows refused for the same reason count under one code."""
        expected = {"file-extra-column": 1, "date-format": 2_500}
        assert expected == _refused_report(2_500).finding_counts

    def test_no_findings_no_counts(self) -> None:
        """A report with no findings counts nothing, and its explanation has no counts line."""
        report = _report()
        assert {} == report.finding_counts
        assert not any(line.startswith("Findings") for line in report.explanation.splitlines())

    def test_counts_are_read_only(self, mixed: RosterReport) -> None:
        """The counts cannot be changed through the mapping the report gives."""
        counts: Any = mixed.finding_counts
        with pytest.raises(TypeError):
            counts["program-id-mismatch"] = 0
        assert 1 == mixed.finding_counts["program-id-mismatch"]

    def test_codes_outside_the_catalogue_come_last_sorted(self) -> None:
        """A code a caller made up follows the catalogue's codes, in alphabetical order."""
        made_up = [Finding(code=code, row=2, message="m") for code in ("zz-mine", "aa-mine")]
        row = RefusedRow(2, ("x",) * 5, (*made_up, Finding(code="date-format", row=2, message="m")))
        report = _report(accepted=(), refused=(row,), blank_rows=(), data_rows=1)
        assert ["date-format", "aa-mine", "zz-mine"] == list(report.finding_counts)

    def test_counts_in_the_views(self, mixed: RosterReport) -> None:
        """to_dict holds the counts as a plain dict; the explanation and the notebook summary
        say them after the summary (and the window)."""
        expected = {"file-semicolon-delimited": 1, "program-id-mismatch": 1}
        data = json.loads(json.dumps(mixed.to_dict()))
        assert expected == data["finding_counts"]
        line = "Findings by code: file-semicolon-delimited 1; program-id-mismatch 1."
        assert line == mixed.explanation.splitlines()[2]
        counts = read_view(mixed._repr_html_()).tables[1]
        assert [(code, str(n)) for code, n in expected.items()] == [
            (row[0].text, row[3].text) for row in counts.rows
        ]

    def test_large_counts_are_grouped_in_the_explanation(self) -> None:
        """Counts of a thousand or more are written with thousands separators."""
        lines = _refused_report(1_200).explanation.splitlines()
        assert "Findings by code: file-extra-column 1; date-format 1,200." == lines[1]


class TestFindingPages:
    """The findings in pages of a size the caller chooses."""

    @given(reports())
    def test_pages_concatenated_are_the_findings(self, report: RosterReport) -> None:
        """For every page size, the pages in order are the findings, every page full but
        the last, none empty."""
        findings = report.findings
        for size in range(1, len(findings) + 2):
            pages = list(report.finding_pages(size))
            assert findings == tuple(f for page in pages for f in page)
            assert math.ceil(len(findings) / size) == len(pages)
            assert all(size == len(page) for page in pages[:-1])
            assert all(isinstance(page, tuple) and page for page in pages)

    def test_pages_of_a_large_report(self) -> None:
        """2,501 findings in pages of 1,000: three pages, the file warning first."""
        report = _refused_report(2_500)
        pages = list(report.finding_pages(size=1_000))
        assert [1_000, 1_000, 501] == [len(page) for page in pages]
        assert ("file-extra-column", 2) == (pages[0][0].code, pages[0][1].row)
        assert 2_501 == pages[-1][-1].row

    def test_no_findings_no_pages(self) -> None:
        """A report with no findings has no page, not an empty one."""
        assert [] == list(_report().finding_pages(10))

    @pytest.mark.parametrize(
        "size",
        [0, -1, 2.5, "10", None, True, Decimal(10)],
        ids=["zero", "negative", "fraction", "text", "none", "bool", "decimal"],
    )
    def test_bad_page_size_refused_at_the_call(self, size: Any, mixed: RosterReport) -> None:
        """A page size that is not a whole number of 1 or more raises InvalidArgument (a
        TypeError) naming what to pass, when finding_pages is called, not when first read."""
        with pytest.raises(InvalidArgument, match=r"^size is the number of findings in a page"):
            mixed.finding_pages(size)
        with pytest.raises(TypeError):
            mixed.finding_pages(size)


class TestStreamWriters:
    """The findings written to a caller's text stream as CSV or JSON Lines, a page at a time."""

    @given(reports())
    def test_json_lines_parse_back_to_the_findings_of_to_dict(self, report: RosterReport) -> None:
        """One JSON object a line, each line ended by a line feed; parsed, they are the
        findings of to_dict, in the order of findings."""
        out = io.StringIO(newline="")
        report.write_findings_jsonl(out)
        text = out.getvalue()
        lines = text.split("\n")
        assert "" == lines.pop()
        assert _dict_findings(report) == [json.loads(line) for line in lines]
        assert [f.to_dict() for f in report.findings] == [json.loads(line) for line in lines]

    @given(reports())
    def test_csv_is_the_findings_csv_format(self, report: RosterReport) -> None:
        """The CSV holds the header, then a row per finding from its to_dict form, formula
        starts escaped, each line ended by CR LF."""
        expected = io.StringIO(newline="")
        csv.writer(expected, lineterminator="\r\n").writerows(
            [_CSV_HEADER, *map(_cells_of, _dict_findings(report))]
        )
        assert expected.getvalue() == _findings_csv_text(report)

    def test_json_lines_keep_text_as_it_is(self) -> None:
        """Letters beyond ASCII are written as they are, not as \\u escapes."""
        report = check(roster("PRG-1,A1,Zoë,Lovelace,2026-03-02"))
        out = io.StringIO(newline="")
        report.write_findings_jsonl(out)
        assert "the row names Zoë Lovelace" in out.getvalue()

    def test_nothing_to_write(self) -> None:
        """With no findings, JSON Lines are empty and the CSV is its header alone."""
        out = io.StringIO(newline="")
        _report().write_findings_jsonl(out)
        assert ("", "row,severity,code,rule,field,message,hint\r\n") == (
            out.getvalue(),
            _findings_csv_text(_report()),
        )

    @pytest.mark.parametrize("writer", ["write_findings_csv", "write_findings_jsonl"])
    def test_written_a_page_at_a_time(self, writer: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each write to the stream holds one page of findings (here of 2), never the whole
        report, and the pages together are every finding once."""
        monkeypatch.setattr(report_module, "PAGE", 2)
        report = _refused_report(4)
        stream = _Writes()
        getattr(report, writer)(stream)
        pages = stream.writes[1:] if writer == "write_findings_csv" else stream.writes
        assert [2, 2, 1] == [page.count("\n") for page in pages]
        lines = "".join(pages).count("\n")
        assert 5 == lines

    def test_default_page(self) -> None:
        """The writers hold 1,000 findings at once."""
        stream = _Writes()
        _refused_report(2_500).write_findings_jsonl(stream)
        assert [1_000, 1_000, 501] == [page.count("\n") for page in stream.writes]


class TestRowConservation:
    """`row-conservation`: the report refuses to exist if a row is lost or repeated."""

    def test_consistent_report(self) -> None:
        """Rows 2 and 3, each once: the report is built."""
        assert 2 == _report().data_rows

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"blank_rows": ()}, id="missing"),
            pytest.param({"blank_rows": (2,)}, id="repeated"),
            pytest.param({"blank_rows": (3, 4)}, id="extra"),
            pytest.param({"blank_rows": (4,)}, id="out-of-range"),
            pytest.param({"blank_rows": (1,)}, id="header-row"),
            pytest.param(
                {
                    "refused": (
                        RefusedRow(
                            2, ("x",), (Finding(code="row-ragged", row=2, message="ragged"),)
                        ),
                    )
                },
                id="accepted-and-refused",
            ),
            pytest.param({"data_rows": 0}, id="no-rows-declared"),
        ],
    )
    def test_broken_report_refused(self, changes: dict[str, Any]) -> None:
        """A report that loses, repeats or invents a row raises RowConservationError."""
        with pytest.raises(RowConservationError) as raised:
            _report(**changes)
        assert "row-conservation" == raised.value.rule

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"blank_rows": ()}, "the report holds 1 row(s), 1 distinct, for 2 data row(s)"),
            (
                {"data_rows": 3, "blank_rows": (2, 4)},
                "the report holds 3 row(s), 2 distinct, for 3 data row(s)",
            ),
            ({"blank_rows": (4,)}, "the report names a row the roster does not have"),
        ],
        ids=["a-row-missing", "a-row-twice", "a-row-invented"],
    )
    def test_what_the_error_says(self, changes: dict[str, Any], message: str) -> None:
        """The error says how many rows the report holds, or that it invents one."""
        with pytest.raises(RowConservationError) as raised:
            _report(**changes)
        assert message == str(raised.value)

    def test_empty_report(self) -> None:
        """No rows at all is consistent."""
        report = _report(data_rows=0, accepted=(), blank_rows=())
        assert (0, Decimal("0.00")) == (report.data_rows, report.filing_fee)

    def test_unordered_accepted_rows(self) -> None:
        """Accepted rows out of order still account for every row once."""
        attendees = [
            AcceptedAttendee(3, "A2", "Grace", "Hopper", AccountKind.MEMBER, date(2026, 3, 2)),
            AcceptedAttendee(2, "A1", "Ada", "Lovelace", AccountKind.MEMBER, date(2026, 3, 2)),
        ]
        report = _report(offering=WEEK, accepted=attendees, data_rows=3, blank_rows=(4,))
        assert 3 == report.data_rows

    @pytest.mark.parametrize(
        "blank_rows",
        [
            pytest.param((3,), id="repeated"),
            pytest.param((5,), id="beyond-the-end"),
        ],
    )
    def test_unordered_broken(self, blank_rows: tuple[int, ...]) -> None:
        """Out of order, a repeated or invented row is still caught."""
        attendees = [
            AcceptedAttendee(3, "A2", "Grace", "Hopper", AccountKind.MEMBER, date(2026, 3, 2)),
            AcceptedAttendee(2, "A1", "Ada", "Lovelace", AccountKind.MEMBER, date(2026, 3, 2)),
        ]
        with pytest.raises(RowConservationError):
            _report(offering=WEEK, accepted=attendees, data_rows=3, blank_rows=blank_rows)


class TestBundledExample:
    """The example roster and accounts shipped for the demo and notebooks."""

    def test_example_roster(self) -> None:
        """The example roster has accepted members and guests, and one defect of each kind."""
        from importlib import resources

        data = resources.files("cec_rules").joinpath("data")
        accounts = data.joinpath("accounts.csv").read_text(encoding="utf-8")
        repository = InMemoryRepository.from_csv(io.StringIO(accounts, newline=""))
        report = check(data.joinpath("roster.csv").read_bytes(), repository=repository)
        assert ((1, "file-extra-column"),) == file_codes(report)
        assert {
            2: ("accepted",),
            3: ("accepted",),
            4: ("accepted",),
            5: ("accepted",),
            6: ("blank",),
            7: ("aast-id-spreadsheet-number",),
            8: ("date-day-month-order",),
            9: ("duplicate-in-roster",),
            10: ("program-id-mismatch",),
            11: ("accepted",),
            12: ("name-formula-start",),
            13: ("account-not-found",),
            14: ("accepted", "name-mismatch"),
        } == outcome(report)
        assert (3, 3, Decimal("45.00")) == (report.members, report.guests, report.filing_fee)


class TestNotebookViews:
    """A roster report renders as a table in notebooks and loads into a DataFrame."""

    def test_to_frame_has_every_data_row(self) -> None:
        """to_frame gives one row per data row, blank rows included, in row order."""
        report = example_roster().check(DEFAULT_POLICY)
        frame = report.to_frame()
        assert list(range(2, 15)) == list(frame["row"])
        assert 6 == int((frame["status"] == "refused").sum())

    def test_to_frame_columns_are_typed(self) -> None:
        """The row is an integer, the status and the kind categoricals of every value, the
        completion date a datetime64 (NaT where a row has none); one column per key."""
        report = example_roster().check(DEFAULT_POLICY)
        frame = report.to_frame()
        assert list(report.to_rows()[0]) == list(frame.columns)
        expected = {
            "row": "int64",
            "status": "category",
            "kind": "category",
            "completion_date": "datetime64",
            "codes": "str",
        }
        assert expected == {c: dtype_name(frame[c].dtype) for c in expected}
        assert (["accepted", "refused", "blank"], ["member", "guest"]) == (
            list(frame["status"].cat.categories),
            list(frame["kind"].cat.categories),
        )
        assert {"accepted": 6, "refused": 6, "blank": 1} == dict(
            frame["status"].value_counts(sort=False)
        )
        accepted = frame[frame["status"] == "accepted"]
        assert {pandas.Timestamp(2026, 3, 2)} == set(accepted["completion_date"])
        assert 7 == int(frame["completion_date"].isna().sum())
        assert "13/4/2026" == frame.loc[frame["row"] == 8, "completion_date_text"].item()

    def test_to_frame_of_a_refused_file_keeps_its_columns(self) -> None:
        """A file refused as a whole has no data row: the frame has none, but every column,
        typed."""
        report = check(b"")
        frame = report.to_frame()
        assert (0, "category", "datetime64") == (
            len(frame),
            dtype_name(frame["status"].dtype),
            dtype_name(frame["completion_date"].dtype),
        )
        assert list(frame.columns) == [c.name for c in report_module._FRAME]

    def test_html_escapes_cells(self) -> None:
        """The HTML view escapes what the provider typed, such as a formula in a name."""
        report = example_roster().check(DEFAULT_POLICY)
        page = report._repr_html_()
        view = read_view(page)
        assert view.tags <= VIEW_TAGS
        findings = view.tables[-1]
        assert len(report.findings) == len(findings.rows)
        assert "First Name '=HYPERLINK(1)' starts with '='" in findings.texts()[5][5]


class TestAttendees:
    """Accepted attendees are a read-only sequence stored by column."""

    ADA = AcceptedAttendee(2, "A-1", "Ada", "Lovelace", AccountKind.MEMBER, date(2026, 3, 2))
    ZOE = AcceptedAttendee(3, "G-1", "Zoë", "Saldaña", AccountKind.GUEST, date(2026, 3, 3))

    def test_sequence_behaviour(self) -> None:
        """Indexing, slicing, iteration, length and counts by kind work like a tuple's."""
        attendees = Attendees.of([self.ADA, self.ZOE])
        assert (self.ZOE, 2, (self.ADA, self.ZOE)) == (
            attendees[1],
            len(attendees),
            tuple(attendees),
        )
        assert Attendees.of([self.ZOE]) == attendees[1:]
        assert ((2, 3), ("A-1", "G-1")) == (attendees.rows, attendees.aast_ids)
        assert (1, 1) == (
            attendees.count_kind(AccountKind.MEMBER),
            attendees.count_kind(AccountKind.GUEST),
        )

    def test_equality_and_hash(self) -> None:
        """Attendees equal any sequence of the same attendees, and hash as the tuple of them."""
        attendees = Attendees.of([self.ADA])
        assert attendees == (self.ADA,)
        assert attendees == [self.ADA]
        assert attendees != (self.ZOE,)
        assert attendees != (self.ADA, self.ZOE)
        assert attendees != "A-1"
        assert attendees.__eq__(3) is NotImplemented
        assert hash(attendees) == hash(Attendees.of([self.ADA])) == hash((self.ADA,))
        assert len({attendees, (self.ADA,)}) == 1
        assert Attendees() == ()

    def test_repr_shows_the_attendees(self) -> None:
        """The repr lists the attendees."""
        assert repr(Attendees.of([self.ADA])).startswith("Attendees([AcceptedAttendee(row=2,")

    def test_columns_of_different_lengths_are_refused(self) -> None:
        """Every column holds one value per attendee."""
        with pytest.raises(
            ValueError, match=r"^every column of Attendees has one value per attendee$"
        ):
            Attendees(rows=[2], aast_ids=[])

    def test_irregular_repeated_id_is_a_duplicate(self) -> None:
        """A row kept on the slow path (Program ID in lower case) counts for `one-claim` too."""
        accounts = InMemoryRepository(
            [Account(aast_id="A-1", first_name="Ada", last_name="Lovelace", kind="member")]
        )
        source = (
            b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
            b"prg-1,A-1,Ada,Lovelace,2026-03-02\n"
            b"prg-1,A-1,Ada,Lovelace,2026-03-02\n"
        )
        report = check_roster(
            source,
            program=Program(title="t", cecs=1, program_id="PRG-1"),
            offering=Offering(date(2026, 3, 2)),
            repository=accounts,
            reported_at=date(2026, 3, 10),
        )
        assert (2,) == report.accepted.rows
        assert [(3, ("duplicate-in-roster",))] == [(r.row, r.codes) for r in report.refused]
        assert ("prg-1", "A-1") == report.refused[0].cells[:2]

    def test_kinds_round_trip(self) -> None:
        """Members and guests read back as given, counted by kind, sliced and iterated."""
        attendees = Attendees(
            (2, 3, 4),
            ("A1", "G1", "A2"),
            ("Ada", "Zoë", "Grace"),
            ("Lovelace", "Saldaña", "Hopper"),
            (AccountKind.MEMBER, AccountKind.GUEST, AccountKind.MEMBER),
            (date(2026, 3, 2),) * 3,
        )
        assert (2, 1) == (
            attendees.count_kind(AccountKind.MEMBER),
            attendees.count_kind(AccountKind.GUEST),
        )
        expected = [AccountKind.MEMBER, AccountKind.GUEST, AccountKind.MEMBER]
        assert expected == [a.kind for a in attendees]
        assert [AccountKind.GUEST] == [a.kind for a in attendees[1:2]]
        assert AccountKind.GUEST == attendees[1].kind

    def test_not_a_kind(self) -> None:
        """A kind that is not an AccountKind is refused with its value named."""
        kinds: Any = ("member",)
        with pytest.raises(ValueError, match=r"^'member' is not an AccountKind$"):
            Attendees((2,), ("A1",), ("Ada",), ("Lovelace",), kinds, (date(2026, 3, 2),))


# Cells of a refused row: one per field, or any number (a ragged row).
_cells = st.one_of(
    st.tuples(*[st.sampled_from(["", " A1 ", "A1", "A 1", "PRG-1", "Ada", "2026-03-02"])] * 5),
    st.lists(st.sampled_from(["", "A1", "x"]), max_size=7).map(tuple),
)


@st.composite
def _refused_findings(draw: st.DrawFn, row: int, cells: tuple[str, ...]) -> tuple[Finding, ...]:
    """Findings for the refused row ``row``: some as the checks write them from the row's
    cells, some near them (another row, another hint), some of any shape."""
    aast_id = cells[1].strip() if len(cells) > 1 else "A1"
    written = [
        roster_findings.account_not_found(row, aast_id),
        roster_findings.account_not_found(row, aast_id, "000" + aast_id),
        roster_findings.already_reported(row, aast_id),
        roster_findings.aast_id_spreadsheet_number(row, aast_id),
        roster_findings.aast_id_format(row, aast_id, DEFAULT_POLICY),
        roster_findings.account_not_found(row + 1, aast_id),
        roster_findings.duplicate_in_roster(row, aast_id, 2),
    ]
    any_finding = st.builds(
        Finding,
        code=st.sampled_from(sorted(FINDING_CODES)),
        message=st.sampled_from(["bad", "worse"]),
        row=st.sampled_from([None, row, row + 1]),
        field=st.sampled_from([None, "aast_id"]),
        hint=st.sampled_from([None, "fix it"]),
    )
    return tuple(draw(st.lists(st.sampled_from(written) | any_finding, max_size=4)))


@st.composite
def _refused_rows(draw: st.DrawFn) -> list[RefusedRow]:
    """Refused rows in row order, with cells and findings of any kind."""
    numbers = sorted(draw(st.sets(st.integers(2, 40), max_size=8)))
    rows = []
    for number in numbers:
        cells = draw(_cells)
        rows.append(RefusedRow(number, cells, draw(_refused_findings(number, cells))))
    return rows


class TestRefusedRows:
    """Refused rows are a read-only sequence stored by column, each finding written once
    for the rows that share it, read back as they were refused."""

    ROW = RefusedRow(
        3,
        ("PRG-1", "", "Ada", "Lovelace", "2026-03-02"),
        (Finding(code="field-missing", message="AAST ID is empty", row=3, field="aast_id"),),
    )
    OTHER = RefusedRow(5, ("PRG-1", "A9", "Zoë"), (roster_findings.row_ragged(5, 3, 5),))

    @given(_refused_rows(), st.booleans())
    def test_rows_read_back_as_added(self, rows: list[RefusedRow], policy: bool) -> None:
        """Whatever the findings, each row reads back with its cells and findings as added:
        a recipe is used only where it gives the very finding back."""
        builder = RefusedRowsBuilder(DEFAULT_POLICY if policy else None)
        for row in rows:
            builder.add(row.row, row.cells, row.findings)
        refused = builder.rows()
        assert rows == list(refused)
        assert [code for row in rows for code in row.codes] == list(refused.codes())

    def test_findings_shared_by_rows_are_kept_once(self) -> None:
        """Rows refused for the same reasons share one combination of findings, and a
        finding naming each row's AAST ID is written again from the row's cells."""
        builder = RefusedRowsBuilder(DEFAULT_POLICY)
        for number in range(2, 102):
            cells = ("PRG-9", f"A{number}", "Ada", "Lovelace", "2/30/2026")
            found = [
                roster_findings.program_id_mismatch(number, "PRG-9", "PRG-1"),
                roster_findings.date_no_such_day("2/30/2026").at(number),
                roster_findings.account_not_found(number, f"A{number}"),
            ]
            builder.add(number, cells, found)
        refused = builder.rows()
        assert 1 == len({id(recipes) for recipes in refused._recipes})
        assert "'A2'" in refused[0].findings[2].message
        assert (55, "A55") == (refused[53].findings[2].row, refused[53].cells[1])
        assert 3 == len({finding.message for finding in refused[-1].findings})

    def test_a_finding_that_differs_from_its_rebuild_is_kept_as_found(self) -> None:
        """A finding of a code that is rebuilt from the cells, but not as the row has it
        (another hint, another row number), is kept as it was found."""
        padded = roster_findings.account_not_found(2, "12", "0012")
        elsewhere = roster_findings.account_not_found(9, "12")
        builder = RefusedRowsBuilder()
        builder.add(2, ("PRG-1", "12", "Ada", "Lovelace", "2026-03-02"), [padded, elsewhere])
        assert (padded, elsewhere) == builder.rows()[0].findings

    def test_sequence_behaviour(self) -> None:
        """Indexing, slicing, iteration and length work like a tuple's; a slice is a tuple."""
        refused = RefusedRows.of([self.OTHER, self.ROW])  # sorted by row
        assert (self.ROW, self.OTHER) == tuple(refused)
        assert (self.OTHER, 2) == (refused[1], len(refused))
        assert (self.OTHER,) == refused[1:] == refused[-1:]
        assert (self.OTHER, self.ROW) == refused[::-1]
        assert self.OTHER == refused[-1]
        with pytest.raises(IndexError):
            refused[2]
        assert RefusedRows() == () == RefusedRows([])
        assert RefusedRows([self.ROW]) == (self.ROW,)

    def test_row_numbers_are_read_only(self) -> None:
        """The row numbers read without building the rows, and cannot be changed."""
        numbers: Any = RefusedRows.of([self.OTHER, self.ROW]).row_numbers
        assert [3, 5] == list(numbers)
        with pytest.raises(TypeError):
            numbers[0] = 4

    def test_equality_and_hash(self) -> None:
        """Refused rows equal any sequence of the same rows, and hash as the tuple of them."""
        refused = RefusedRows.of([self.ROW])
        assert refused == (self.ROW,)
        assert refused == [self.ROW]
        assert refused != (self.OTHER,)
        assert refused != (self.ROW, self.OTHER)
        assert refused != "row"
        assert refused.__eq__(3) is NotImplemented
        assert hash(refused) == hash(RefusedRows.of([self.ROW])) == hash((self.ROW,))
        assert repr(refused).startswith("RefusedRows([RefusedRow(row=3,")

    @given(reports())
    def test_report_rows_rebuild_the_same(self, report: RosterReport) -> None:
        """A report's refused rows, built again from the rows as read, are the same rows,
        and read back from the report's data the same."""
        rows = tuple(report.refused)
        assert rows == RefusedRows.of(rows) == report.refused
        assert rows == RosterReport.from_dict(report.to_dict()).refused

    def test_a_check_leaves_no_garbage_to_collect(self) -> None:
        """What a check collected is freed when it returns, not held until the garbage
        collector's next full pass: a roster of a thousand refused rows leaves nothing in
        reference cycles."""
        rows = [f"PRG-9,A {n},=Ada,Lovelace,2/30/2026" for n in range(1000)]
        source = roster(ADA, *rows)
        gc.collect()
        gc.disable()
        try:
            report = check(source)
            assert 0 == gc.collect()
        finally:
            gc.enable()
        assert 1000 == len(report.refused)


class TestReportDataErrors:
    """Data of a report that was changed or cut is refused, naming where in the data."""

    def test_a_finding_key_names_its_whole_path(self) -> None:
        """A refused row's finding with a message that is not text names the path to it."""
        data = check(roster(ADA, "PRG-1,,Ada,Lovelace,2026-03-02")).to_dict()
        data["refused"][0]["findings"][0]["message"] = 5
        with pytest.raises(
            InvalidReport, match=r"^refused\[0\]\.findings\[0\]\.message: expected text, got 5$"
        ):
            RosterReport.from_dict(data)

    def test_a_missing_policy_is_named(self) -> None:
        """Data with no policy in force says that key is missing."""
        data = check(roster(ADA)).to_dict()
        del data["policy_in_force"]
        with pytest.raises(
            InvalidReport,
            match=r"^policy_in_force: missing; every value written by to_dict has it$",
        ):
            RosterReport.from_dict(data)

    def test_a_long_reference_is_cut_short(self) -> None:
        """A reference that is not the report's is shown cut to 80 characters and an
        ellipsis."""
        data = check(roster(ADA)).to_dict()
        data["reference"] = "x" * 200
        with pytest.raises(InvalidReport) as raised:
            RosterReport.from_dict(data)
        assert str(raised.value).startswith("reference: '" + "x" * 79 + "… is not the reference")
