"""Every finding code from a roster with that one defect, and rows with several defects.

The table DEFECTS holds one defective roster per code of FINDING_CODES, with the
file findings and the outcome of every row it must give; each row with several
defects gets every reason, in field order, then the roster-wide ones. What each
rule accepts and refuses is in test_roster_rules.py; the words of each finding
are in test_messages.py.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import attrs
import pytest

from cec_rules._roster import workbook
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering
from cec_rules.roster import FIELDS, FINDING_CODES, Severity
from helpers import (
    ADA,
    ADA_CELLS,
    GRACE,
    HEADER,
    REFUSE,
    SELF_PACED,
    SMALL_CELLS,
    YEAR,
    ZOE,
    check,
    file_codes,
    mapping_rows,
    outcome,
    roster,
    text,
    xlsx,
)

_BIG = "x" * 200_000
_TWO_ROWS = attrs.evolve(DEFAULT_POLICY, max_roster_rows=2)

#: (source, options, file findings, row outcomes).  Row 2 is valid wherever the
#: defect allows, so the defect's row number is checked too.
DEFECTS: list[Any] = [
    pytest.param(
        # UTF-16 with its mark, cut by a lone high surrogate.
        text(ADA, "PRG-1,A2,Grace,Hopper,2026-03-02").encode("utf-16") + b"\x00\xd8a\x00",
        {},
        ((None, "file-undecodable"),),
        {},
        id="file-undecodable",
    ),
    pytest.param(
        text(ADA).encode("utf-16-le"),
        {},
        ((None, "file-utf16-without-bom"),),
        {},
        id="file-utf16-without-bom",
    ),
    pytest.param(
        # One name, read as a name in Windows-1252 and in Mac Roman alike.
        roster(ADA, "PRG-1,A2,Grace,Ørsted,2026-03-02").decode("utf-8").encode("cp1252"),
        {},
        ((None, "file-encoding-unknown"),),
        {},
        id="file-encoding-unknown",
    ),
    pytest.param(b"", {}, ((1, "file-no-header"),), {}, id="file-no-header"),
    pytest.param(b"%PDF-1.7\n", {}, ((None, "file-not-a-roster"),), {}, id="file-not-a-roster"),
    pytest.param(
        b"PK\x03\x04" + bytes(40),
        {},
        ((None, "file-workbook-unreadable"),),
        {},
        id="file-workbook-unreadable",
    ),
    pytest.param(
        xlsx(ADA_CELLS),
        {"sheet": "March"},
        ((None, "file-no-such-sheet"),),
        {},
        id="file-no-such-sheet",
    ),
    pytest.param(
        xlsx(ADA_CELLS, ("PRG-1", 12345, "Grace", "Hopper", "2026-03-02")),
        {},
        ((None, "aast-id-numbers"),),
        {2: ("accepted",), 3: ("account-not-found",)},
        id="aast-id-numbers",
    ),
    pytest.param(
        roster(ADA, header="Program ID,AAST ID,First Name,Last Name"),
        {},
        ((1, "file-missing-column"),),
        {},
        id="file-missing-column",
    ),
    pytest.param(
        roster(ADA + ",A1", header=HEADER + ",aast_id"),
        {},
        ((1, "file-duplicate-column"),),
        {},
        id="file-duplicate-column",
    ),
    pytest.param(
        roster(ADA, 'PRG-1,A2,"Grace,Hopper,2026-03-02', ZOE),
        {},
        ((3, "file-unterminated-quote"),),
        {},
        id="file-unterminated-quote",
    ),
    pytest.param(
        roster(ADA, 'PRG-1,A2,"Grace"x,Hopper,2026-03-02'),
        {},
        ((3, "file-malformed-csv"),),
        {},
        id="file-malformed-csv",
    ),
    pytest.param(
        roster(ADA, f"PRG-1,A2,Grace,Hopper,{_BIG}"),
        {},
        ((3, "file-line-too-long"),),
        {},
        id="file-line-too-long",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,2026-03-02" + ",n" * 60),
        {},
        ((3, "file-too-many-columns"),),
        {},
        id="file-too-many-columns",
    ),
    pytest.param(
        roster(ADA, GRACE, ZOE),
        {"policy": _TWO_ROWS},
        ((None, "file-too-many-rows"),),
        {},
        id="file-too-many-rows",
    ),
    pytest.param(
        roster(ZOE).decode("utf-8").encode("cp1252"),
        {},
        ((None, "file-decoded-as-cp1252"),),
        {2: ("accepted",)},
        id="file-decoded-as-cp1252",
    ),
    pytest.param(
        roster("PRG-1,A2,José,Ørsted,2026-03-02").decode("utf-8").encode("mac_roman"),
        {},
        ((None, "file-decoded-as-mac-roman"),),
        {2: ("accepted", "name-mismatch")},
        id="file-decoded-as-mac-roman",
    ),
    pytest.param(
        roster("PRG-1,A2,José,Núñez,2026-03-02").decode("utf-8").encode("cp437"),
        {},
        ((None, "file-decoded-as-cp437"),),
        {2: ("accepted", "name-mismatch")},
        id="file-decoded-as-cp437",
    ),
    pytest.param(
        roster("PRG-1,A2,Þór,Núñez,2026-03-02").decode("utf-8").encode("cp850"),
        {},
        ((None, "file-decoded-as-cp850"),),
        {2: ("accepted", "name-mismatch")},
        id="file-decoded-as-cp850",
    ),
    pytest.param(
        roster(ZOE, "PRG-1,A2,Grace,Hopper,2026-03-02,x").replace(b",x", b"\xe9"),
        {},
        (),
        {2: ("accepted",), 3: ("row-undecodable", "date-format")},
        id="row-undecodable",
    ),
    pytest.param(
        roster(ADA.replace(",", ";"), header=HEADER.replace(",", ";")),
        {},
        ((None, "file-semicolon-delimited"),),
        {2: ("accepted",)},
        id="file-semicolon-delimited",
    ),
    pytest.param(
        roster(ADA.replace(",", "\t"), header=HEADER.replace(",", "\t")),
        {},
        ((None, "file-tab-delimited"),),
        {2: ("accepted",)},
        id="file-tab-delimited",
    ),
    pytest.param(
        roster(ADA + ",paid", header=HEADER + ",Notes"),
        {},
        ((1, "file-extra-column"),),
        {2: ("accepted",)},
        id="file-extra-column",
    ),
    pytest.param(
        roster(ADA + ",A2", header=HEADER + ",Member ID"),
        {},
        ((1, "file-resembling-column"),),
        {2: ("accepted",)},
        id="file-resembling-column",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper"),
        {},
        (),
        {2: ("accepted",), 3: ("row-ragged",)},
        id="row-ragged",
    ),
    pytest.param(
        [*mapping_rows(ADA), "PRG-1,A2,Grace,Hopper,2026-03-02"],
        {},
        (),
        {2: ("accepted",), 3: ("row-not-a-record",)},
        id="row-not-a-record",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("field-missing",)},
        id="field-missing",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace," + "H" * 41 + ",2026-03-02"),
        {"policy": SMALL_CELLS},
        ((3, "file-cell-too-long"),),
        {},
        id="file-cell-too-long",
    ),
    pytest.param(
        roster(ADA, "PRG-2,A2,Grace,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("program-id-mismatch",)},
        id="program-id-mismatch",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A 2,Grace,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("aast-id-format",)},
        id="aast-id-format",
    ),
    pytest.param(
        roster(ADA, "PRG-1,1.23457E+11,Grace,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("aast-id-spreadsheet-number",)},
        id="aast-id-spreadsheet-number",
    ),
    pytest.param(
        roster(ADA, "PRG-1,Z9,Grace,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("account-not-found",)},
        id="account-not-found",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Gra\x07ce,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("name-control-character",)},
        id="name-control-character",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,=Grace,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("name-formula-start",)},
        id="name-formula-start",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,1234,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("name-no-letter",)},
        id="name-no-letter",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace," + "H" * 101 + ",2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("name-too-long",)},
        id="name-too-long",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,JosÃ©,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("name-encoding-damage",)},
        id="name-encoding-damage",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Gracie,Hopper,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("accepted", "name-mismatch")},
        id="name-mismatch",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Gracie,Hopper,2026-03-02"),
        {"policy": REFUSE},
        (),
        {2: ("accepted",), 3: ("name-mismatch-refused",)},
        id="name-mismatch-refused",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,March 2 2026"),
        {},
        (),
        {2: ("accepted",), 3: ("date-format",)},
        id="date-format",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,3/2/26"),
        {},
        (),
        {2: ("accepted",), 3: ("date-two-digit-year",)},
        id="date-two-digit-year",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,46083"),
        {},
        (),
        {2: ("accepted",), 3: ("date-spreadsheet-serial",)},
        id="date-spreadsheet-serial",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,13/4/2026"),
        {},
        (),
        {2: ("accepted",), 3: ("date-day-month-order",)},
        id="date-day-month-order",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,2026-02-30"),
        {},
        (),
        {2: ("accepted",), 3: ("date-no-such-day",)},
        id="date-no-such-day",
    ),
    pytest.param(
        roster(ADA, GRACE, "PRG-1,G1,Zoë,Saldaña,13/3/2026"),
        {},
        (),
        {2: ("accepted",), 3: ("date-ambiguous-order",), 4: ("date-day-month-order",)},
        id="date-ambiguous-order",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,1/13/2026", "PRG-1,G1,Zoë,Saldaña,13/1/2026"),
        {},
        (),
        {2: ("accepted",), 3: ("date-mixed-order",), 4: ("date-day-month-order",)},
        id="date-mixed-order",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,2026-03-03"),
        {},
        (),
        {2: ("accepted",), 3: ("date-outside-offering",)},
        id="date-outside-offering",
    ),
    pytest.param(
        roster("PRG-1,A1,Ada,Lovelace,2026-03-20", "PRG-1,A2,Grace,Hopper,2026-03-21"),
        {"program": SELF_PACED, "offering": YEAR},
        (),
        {2: ("accepted",), 3: ("date-after-report",)},
        id="date-after-report",
    ),
    pytest.param(
        roster(ADA, "PRG-1,A1,Ada,Lovelace,3/2/2026"),
        {},
        (),
        {2: ("accepted",), 3: ("duplicate-in-roster",)},
        id="duplicate-in-roster",
    ),
    pytest.param(
        roster(ADA, "PRG-1,R1,Mary,Reported,2026-03-02"),
        {},
        (),
        {2: ("accepted",), 3: ("already-reported",)},
        id="already-reported",
    ),
    pytest.param(
        roster(ADA),
        {"offering": Offering(date(2026, 3, 2), date(2026, 3, 6)), "reported_at": date(2026, 3, 5)},
        (),
        {2: ("window-not-open",)},
        id="window-not-open",
    ),
    pytest.param(
        roster(ADA),
        {"reported_at": date(2026, 4, 17)},
        (),
        {2: ("window-closed",)},
        id="window-closed",
    ),
    pytest.param(
        roster("PRG-1,A1,Ada,Lovelace,2026-02-03", "PRG-1,A2,Grace,Hopper,2026-02-02"),
        {"program": SELF_PACED, "offering": YEAR},
        (),
        {2: ("accepted",), 3: ("self-paced-window-closed",)},
        id="self-paced-window-closed",
    ),
]


class TestDefectTable:
    """Each defective roster gets exactly the findings of its one defect, on the right row."""

    @pytest.mark.parametrize(("source", "options", "file", "rows"), DEFECTS)
    def test_defect(
        self,
        source: Any,
        options: dict[str, Any],
        file: tuple[tuple[int | None, str], ...],
        rows: dict[int, tuple[str, ...]],
    ) -> None:
        """The file findings and the outcome of every row are exactly the expected ones."""
        report = check(source, **options)
        assert file == file_codes(report)
        assert rows == outcome(report)

    def test_every_code_is_produced(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Across the table, every code in FINDING_CODES is produced at least once (and
        a workbook without its reader, or too large unpacked, gives the last ones)."""
        monkeypatch.setitem(sys.modules, "python_calamine", None)
        produced = {f.code for f in check(xlsx(ADA_CELLS)).file_findings}
        monkeypatch.undo()
        # and a workbook that unpacks to more than it may (any, with no room at all).
        monkeypatch.setattr(workbook, "UNPACKED_RATIO", 0)
        monkeypatch.setattr(workbook, "UNPACKED_FLOOR", 0)
        produced.update(f.code for f in check(xlsx(ADA_CELLS)).file_findings)
        monkeypatch.undo()
        for case in DEFECTS:
            source, options, _, _ = case.values
            report = check(source, **options)
            produced.update(f.code for f in report.findings)
        assert set(FINDING_CODES) == produced

    @pytest.mark.parametrize(("source", "options", "file", "rows"), DEFECTS)
    def test_file_refusal_accepts_nothing(
        self,
        source: Any,
        options: dict[str, Any],
        file: tuple[tuple[int | None, str], ...],
        rows: dict[int, tuple[str, ...]],
    ) -> None:
        """A file-level error refuses the whole file: no row accepted, none counted."""
        report = check(source, **options)
        expected = any(FINDING_CODES[code][1] is Severity.ERROR for _, code in file)
        assert expected == report.file_refused
        if report.file_refused:
            assert ((), (), (), 0) == (
                tuple(report.accepted),
                tuple(report.refused),
                report.blank_rows,
                report.data_rows,
            )

    def test_codes_are_kebab_case_with_known_rules(self) -> None:
        """Every code is lower-case kebab-case and names a rule of section 5; the codes
        about the file as a whole cite `roster-file`, and so does the one about a row
        the file's encoding could not read."""
        rules = {
            "roster-file",
            "roster-fields",
            "program-id-match",
            "aast-id-format",
            "account-exists",
            "name-fields",
            "name-match",
            "completion-date",
            "one-claim",
            "reporting-window",
            "self-paced-window",
        }
        for code, (rule, severity) in FINDING_CODES.items():
            assert code == code.lower().replace("_", "-").replace(" ", "-")
            assert rule in rules
            assert severity in (Severity.ERROR, Severity.WARNING)
            assert (code.startswith("file-") or code == "row-undecodable") == (
                rule == "roster-file"
            )


class TestSeveralDefectsInOneRow:
    """A row with several defects gets every reason, in field order, then the roster-wide ones."""

    @pytest.mark.parametrize(
        ("row", "options", "codes"),
        [
            pytest.param(
                "prg-2,1.23457E+11,=Ada,,13/4/2026",
                {},
                (
                    "program-id-mismatch",
                    "aast-id-spreadsheet-number",
                    "name-formula-start",
                    "field-missing",
                    "date-day-month-order",
                ),
                id="every-field",
            ),
            pytest.param(
                "PRG-1,Z9,Ada\x07,Lovelace,2026-03-25",
                {},
                (
                    "name-control-character",
                    "date-outside-offering",
                    "date-after-report",
                    "account-not-found",
                ),
                id="names-dates-account",
            ),
            pytest.param(
                "PRG-1,A1,,Lovelace,2026-03-02",
                {"reported_at": date(2026, 4, 20)},
                ("field-missing", "window-closed"),
                id="field-and-window",
            ),
            pytest.param(
                "PRG-1,R1,Mary,Reported,3/2/26",
                {},
                ("date-two-digit-year", "already-reported"),
                id="date-and-already-reported",
            ),
            pytest.param(
                "PRG-1,A1,Adam,Lovelace,03/02/26",
                {"policy": REFUSE},
                ("date-two-digit-year", "name-mismatch-refused"),
                id="date-and-refused-name",
            ),
            pytest.param(
                "PRG-1,A1,ADA,lovelace,bad",
                {"policy": REFUSE},
                ("date-format",),
                id="date-and-tolerated-name-under-refusal",
            ),
            pytest.param(
                "PRG-1,R1,Marie,Reported,2026-03-02",
                {"policy": REFUSE},
                ("name-mismatch-refused", "already-reported"),
                id="refused-name-and-already-reported",
            ),
            pytest.param(
                ",,,,2026-03-02",
                {},
                ("field-missing", "field-missing", "field-missing", "field-missing"),
                id="four-blank-fields",
            ),
            pytest.param(
                "PRG-1,A1,Ada,Lovelace,2026-03-02",
                {"reported_at": date(2026, 3, 1)},
                ("date-after-report", "window-not-open"),
                id="early-report",
            ),
        ],
    )
    def test_all_reasons(self, row: str, options: dict[str, Any], codes: tuple[str, ...]) -> None:
        """Every finding that applies is reported, in order."""
        report = check(roster(row), **options)
        assert {2: codes} == outcome(report)

    def test_fields_in_field_order(self) -> None:
        """The findings name the fields in the order of the roster's fields."""
        report = check(roster("prg-2,1.23457E+11,=Ada,,13/4/2026"))
        expected = list(FIELDS)
        assert expected == [f.field for f in report.refused[0].findings]

    def test_refused_name_only_compared_when_names_are_valid(self) -> None:
        """A blank name is a field finding; it is not also a name mismatch."""
        report = check(roster("PRG-1,A1,,Lovelace,bad"), policy=REFUSE)
        assert {2: ("field-missing", "date-format")} == outcome(report)
