"""Roster validation (sections 5 and 6): every finding code, every rule, the report and its views.

Reading the file itself (encodings, delimiters, quotes, sources) is in
``test_roster_reading.py``; Hypothesis properties and fuzzing are in
``test_roster_properties.py``.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.errors import NaiveDatetime, RowConservationError
from cec_rules.examples import example_roster
from cec_rules.fees import FeeKind
from cec_rules.policy import (
    DEFAULT_POLICY,
    NameMismatch,
    PolicySchedule,
    PolicyVersion,
)
from cec_rules.program import Offering, Program, ProgramFormat
from cec_rules.roster import (
    FIELDS,
    FINDING_CODES,
    AcceptedAttendee,
    Attendees,
    Finding,
    RefusedRow,
    RosterDraft,
    RosterReport,
    Severity,
    check_roster,
)

PROGRAM = Program(title="Scoring sleep studies", cecs=2, program_id="PRG-1")
SELF_PACED = Program(
    title="Sleep hygiene online", cecs=1, program_id="PRG-1", format=ProgramFormat.SELF_PACED
)
OFFERING = Offering(date(2026, 3, 2))
YEAR = Offering(date(2026, 1, 1), date(2026, 12, 31))
REPORTED = date(2026, 3, 20)
HEADER = "Program ID,AAST ID,First Name,Last Name,Completion Date"

ACCOUNTS = (
    Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
    Account(aast_id="A2", first_name="Grace", last_name="Hopper", kind="member"),
    Account(aast_id="A3", first_name="José", last_name="Núñez-O'Brien", kind="member"),
    Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
    Account(aast_id="G2", first_name="Olu", last_name="Okafor", kind="guest"),
    Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
)
#: R1 was reported for this offering in an earlier roster.
REPOSITORY = InMemoryRepository(
    ACCOUNTS, reported={("PRG-1", OFFERING): ["R1"], ("PRG-1", YEAR): ["R1"]}
)
REFUSE = attrs.evolve(DEFAULT_POLICY, name_mismatch=NameMismatch.REFUSE)

ADA = "PRG-1,A1,Ada,Lovelace,2026-03-02"
GRACE = "PRG-1,A2,Grace,Hopper,3/2/2026"
ZOE = "PRG-1,G1,Zoë,Saldaña,2026-03-02"


def roster(*rows: str, header: str = HEADER) -> bytes:
    """A roster file: the header and the rows, CRLF line ends, UTF-8."""
    return "".join(line + "\r\n" for line in (header, *rows)).encode("utf-8")


def check(source: Any, **options: Any) -> RosterReport:
    """check_roster with this module's program, offering, repository and report date."""
    options.setdefault("program", PROGRAM)
    options.setdefault("offering", OFFERING)
    options.setdefault("repository", REPOSITORY)
    options.setdefault("reported_at", REPORTED)
    return check_roster(source, **options)


def outcome(report: RosterReport) -> dict[int, tuple[str, ...]]:
    """Each data row: ("accepted", *warning codes), ("blank",) or its finding codes."""
    rows: dict[int, tuple[str, ...]] = {}
    for a in report.accepted:
        rows[a.row] = ("accepted", *(w.code for w in report.warnings if w.row == a.row))
    for r in report.refused:
        rows[r.row] = r.codes
    for n in report.blank_rows:
        rows[n] = ("blank",)
    return dict(sorted(rows.items()))


def file_codes(report: RosterReport) -> tuple[tuple[int | None, str], ...]:
    """(row, code) of each file-level finding."""
    return tuple((f.row, f.code) for f in report.file_findings)


def repository_for(first: str, last: str, kind: str = "member") -> InMemoryRepository:
    """A repository with one account, A9, with these names."""
    return InMemoryRepository([Account(aast_id="A9", first_name=first, last_name=last, kind=kind)])


def mapping_rows(*rows: str, header: str = HEADER) -> list[dict[str, str]]:
    """The rows as mappings keyed by the header, as a service holding parsed JSON has them."""
    names = next(csv.reader([header]))
    return [dict(zip(names, cells, strict=False)) for cells in csv.reader(rows)]


# --------------------------------------------------------------------------
# The table of defective rosters: one defect each.

_BIG = "x" * 200_000
_SMALL_CELLS = attrs.evolve(DEFAULT_POLICY, max_cell_length=40)
_TWO_ROWS = attrs.evolve(DEFAULT_POLICY, max_roster_rows=2)

#: (source, options, file findings, row outcomes).  Row 2 is valid wherever the
#: defect allows, so the defect's row number is checked too.
DEFECTS: list[Any] = [
    pytest.param(
        roster(ADA, "PRG-1,A2,Grace,Hopper,2026-03-02\x81").replace(b"\xc2\x81", b"\x81"),
        {},
        ((None, "file-undecodable"),),
        {},
        id="file-undecodable",
    ),
    pytest.param(b"", {}, ((1, "file-no-header"),), {}, id="file-no-header"),
    pytest.param(
        roster(ADA, header="Program ID,AAST ID,First Name,Last Name"),
        {},
        ((1, "file-missing-column"),),
        {},
        id="file-missing-column",
    ),
    pytest.param(
        roster(ADA, header=HEADER + ",Member ID"),
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
        ((3, "file-cell-too-large"),),
        {},
        id="file-cell-too-large",
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
        {"policy": _SMALL_CELLS},
        (),
        {2: ("accepted",), 3: ("cell-too-long",)},
        id="cell-too-long",
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

    def test_every_code_is_produced(self) -> None:
        """Across the table, every code in FINDING_CODES is produced at least once."""
        produced: set[str] = set()
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
                report.refused,
                report.blank_rows,
                report.data_rows,
            )

    def test_codes_are_kebab_case_with_known_rules(self) -> None:
        """Every code is lower-case kebab-case and names a rule of sections 5 and 6."""
        rules = {
            "row-conservation",
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


# --------------------------------------------------------------------------
# Validation, rule by rule


class TestProgramIdMatch:
    """`program-id-match`: compared trimmed and case-insensitively."""

    @pytest.mark.parametrize(
        "program_id",
        ["PRG-1", "prg-1", " PRG-1 ", "Prg-1\t"],
        ids=["exact", "lower", "spaces", "tab"],
    )
    def test_same_id_accepted(self, program_id: str) -> None:
        """The offering's Program ID in any case and spacing is accepted."""
        report = check(roster(f'"{program_id}",A1,Ada,Lovelace,2026-03-02'))
        assert {2: ("accepted",)} == outcome(report)

    @pytest.mark.parametrize("program_id", ["PRG-10", "PRG1", "PRG 1", "PRG-1x"])
    def test_other_id_refused(self, program_id: str) -> None:
        """Another Program ID is refused, naming both IDs."""
        report = check(roster(f"{program_id},A1,Ada,Lovelace,2026-03-02"))
        (finding,) = report.refused[0].findings
        assert ("program-id-mismatch", "program_id") == (finding.code, finding.field)
        assert f"{program_id!r} is not this offering's Program ID 'PRG-1'" == finding.message


class TestAastIdFormat:
    """`aast-id-format`: opaque text, trimmed, letters, digits and hyphens, 1 to 20."""

    @pytest.mark.parametrize(
        ("cell", "code"),
        [
            pytest.param("A1", None, id="plain"),
            pytest.param("  A1 ", None, id="trimmed"),
            pytest.param("A 1", "aast-id-format", id="inner-space"),
            pytest.param("A_1", "aast-id-format", id="underscore"),
            pytest.param("A1.", "aast-id-format", id="dot"),
            pytest.param("A" * 21, "aast-id-format", id="21-characters"),
            pytest.param("1.23457E+11", "aast-id-spreadsheet-number", id="scientific"),
            pytest.param("1.2e5", "aast-id-spreadsheet-number", id="scientific-lower"),
            pytest.param("123456.0", "aast-id-spreadsheet-number", id="trailing-point-zero"),
            pytest.param("123456.00", "aast-id-spreadsheet-number", id="trailing-point-zeros"),
            pytest.param("123456.5", "aast-id-format", id="fraction"),
        ],
    )
    def test_format(self, cell: str, code: str | None) -> None:
        """Well-formed IDs pass; others are refused, with a spreadsheet hint where it fits."""
        report = check(roster(f"PRG-1,{cell},Ada,Lovelace,2026-03-02"))
        expected = ("accepted",) if code is None else (code,)
        assert {2: expected} == outcome(report)

    def test_accepted_id_is_trimmed(self) -> None:
        """The accepted attendee carries the trimmed ID."""
        report = check(roster("PRG-1,  A1 ,Ada,Lovelace,2026-03-02"))
        assert "A1" == report.accepted[0].aast_id

    def test_spreadsheet_hint(self) -> None:
        """A number-like ID is refused with a hint that a spreadsheet changed it."""
        report = check(roster("PRG-1,1.23457E+11,Ada,Lovelace,2026-03-02"))
        (finding,) = report.refused[0].findings
        assert "'1.23457E+11' is not an AAST ID" == finding.message
        assert finding.hint is not None
        assert finding.hint.startswith("a spreadsheet turned this ID into a number")

    def test_pattern_is_a_policy_knob(self) -> None:
        """The pattern comes from the policy in force."""
        digits = attrs.evolve(DEFAULT_POLICY, aast_id_pattern=r"\d{6}")
        report = check(roster(ADA), policy=digits)
        assert {2: ("aast-id-format",)} == outcome(report)

    def test_ids_are_case_sensitive(self) -> None:
        """IDs are opaque: 'a1' is not the account 'A1'."""
        report = check(roster("PRG-1,a1,Ada,Lovelace,2026-03-02"))
        assert {2: ("account-not-found",)} == outcome(report)


class TestAccountExists:
    """`account-exists`: the ID must belong to a member or guest account."""

    def test_unknown_id_refused(self) -> None:
        """An ID with no account is refused on the AAST ID field with a hint."""
        report = check(roster("PRG-1,Z9,Ada,Lovelace,2026-03-02"))
        (finding,) = report.refused[0].findings
        assert ("account-not-found", "aast_id", 2) == (finding.code, finding.field, finding.row)
        assert "no AAST member or guest account has the ID 'Z9'" == finding.message

    def test_kind_comes_from_the_account(self) -> None:
        """The accepted attendee's kind is the account's."""
        report = check(roster(ADA, ZOE))
        expected = [AccountKind.MEMBER, AccountKind.GUEST]
        assert expected == [a.kind for a in report.accepted]

    def test_no_repository_call_without_ids(self) -> None:
        """A roster with no well-formed ID does not call the repository at all."""

        class Refusing:
            def accounts(self, aast_ids: Any, *, on: date) -> Mapping[str, Account]:
                raise AssertionError("called")

            def reported_ids(self, program_id: str, offering: Offering) -> frozenset[str]:
                raise AssertionError("called")

        report = check(roster("PRG-1,,Ada,Lovelace,2026-03-02", ""), repository=Refusing())
        assert {2: ("field-missing",), 3: ("blank",)} == outcome(report)

    def test_one_batch_call_each(self) -> None:
        """The repository is asked once for accounts and once for earlier reports."""
        calls: list[tuple[str, object]] = []

        class Counting:
            def accounts(self, aast_ids: Any, *, on: date) -> Mapping[str, Account]:
                calls.append(("accounts", (sorted(aast_ids), on)))
                return REPOSITORY.accounts(aast_ids, on=on)

            def reported_ids(self, program_id: str, offering: Offering) -> list[str]:
                calls.append(("reported", (program_id, offering)))
                return ["R1"]

        rows = [ADA, GRACE, ZOE, "PRG-1,Z9,Li,Wei,bad", "PRG-1,R1,Mary,Reported,2026-03-02"]
        report = check(roster(*rows), repository=Counting())
        expected_calls = [
            ("accounts", (["A1", "A2", "G1", "R1", "Z9"], REPORTED)),
            ("reported", ("PRG-1", OFFERING)),
        ]
        assert expected_calls == calls
        assert {
            2: ("accepted",),
            3: ("accepted",),
            4: ("accepted",),
            5: ("date-format", "account-not-found"),
            6: ("already-reported",),
        } == outcome(report)

    def test_repeated_ids_come_as_the_roster_holds_them(self) -> None:
        """The repository gets an ID once per row that holds it (AccountRepository says
        so); the later rows with an ID are refused as duplicates of the first."""
        asked: list[list[str]] = []

        class Recording:
            def accounts(self, aast_ids: Any, *, on: date) -> Mapping[str, Account]:
                asked.append(sorted(aast_ids))
                return REPOSITORY.accounts(set(aast_ids), on=on)

            def reported_ids(self, program_id: str, offering: Offering) -> frozenset[str]:
                return frozenset()

        report = check(roster(ADA, GRACE, ADA, "PRG-1,A2,Grace,Hopper,bad"), repository=Recording())
        assert [["A1", "A1", "A2", "A2"]] == asked
        assert {
            2: ("accepted",),
            3: ("accepted",),
            4: ("duplicate-in-roster",),
            5: ("date-format", "duplicate-in-roster"),
        } == outcome(report)


class TestNameFields:
    """`name-fields`: names cleaned, and refused only for the listed reasons."""

    @pytest.mark.parametrize(
        ("cell", "kept"),
        [
            pytest.param("  Ada  ", "Ada", id="trimmed"),
            pytest.param("Ada   Marie", "Ada Marie", id="inner-spaces"),
            pytest.param('"Ada\nMarie"', "Ada Marie", id="quoted-line-break"),
            pytest.param("Ada\tMarie", "Ada Marie", id="tab"),
            pytest.param("Zoe\u0308", "Zoë", id="nfc"),
            pytest.param("Zo\u200bë", "Zoë", id="zero-width-space"),
            pytest.param("\ufeffZoë", "Zoë", id="bom"),
            pytest.param("Zo\u00adë", "Zoë", id="soft-hyphen"),
            pytest.param("\u202eZoë\u202c", "Zoë", id="bidi-override"),
            pytest.param("\u2067Zoë\u2069", "Zoë", id="bidi-isolate"),
            pytest.param("\u200fZoë", "Zoë", id="rtl-mark"),
            pytest.param("\u061cZoë", "Zoë", id="arabic-letter-mark"),
            pytest.param("می\u200cخواهم", "می\u200cخواهم", id="zwnj-kept"),
            pytest.param("क्\u200dष", "क्\u200dष", id="zwj-kept"),
            pytest.param("O'Brien", "O'Brien", id="apostrophe"),
            pytest.param("Mary-Jane", "Mary-Jane", id="hyphen"),
            pytest.param("Nguyễn Văn", "Nguyễn Văn", id="vietnamese"),
            pytest.param("李", "李", id="chinese"),
            pytest.param("محمد", "محمد", id="arabic"),
            pytest.param("Ольга", "Ольга", id="cyrillic"),
            pytest.param("Ωmega", "Ωmega", id="greek"),
        ],
    )
    def test_accepted_names(self, cell: str, kept: str) -> None:
        """The name is accepted, cleaned as the rule says; an account of that name matches."""
        report = check(
            roster(f"PRG-1,A9,{cell},Lovelace,2026-03-02"),
            repository=repository_for(kept, "Lovelace"),
        )
        assert {2: ("accepted",)} == outcome(report)
        assert kept == report.accepted[0].first_name

    @pytest.mark.parametrize(
        ("cell", "code"),
        [
            pytest.param("=Ada", "name-formula-start", id="equals"),
            pytest.param("+Ada", "name-formula-start", id="plus"),
            pytest.param("-Ada", "name-formula-start", id="minus"),
            pytest.param("@Ada", "name-formula-start", id="at"),
            pytest.param(" =Ada", "name-formula-start", id="equals-after-space"),
            pytest.param("\u200b=Ada", "name-formula-start", id="equals-after-invisible"),
            pytest.param("Ada\x00", "name-control-character", id="nul"),
            pytest.param("Ada\x07", "name-control-character", id="bell"),
            pytest.param("Ada\x1b", "name-control-character", id="escape"),
            pytest.param("Ada\x7f", "name-control-character", id="delete"),
            pytest.param("Ada\x0b", "name-control-character", id="vertical-tab"),
            pytest.param("1234", "name-no-letter", id="digits"),
            pytest.param("--", "name-formula-start", id="dashes-formula-first"),
            pytest.param("'.", "name-no-letter", id="punctuation"),
            pytest.param("\u200b", "name-no-letter", id="only-invisible"),
            pytest.param("A" * 101, "name-too-long", id="101"),
        ],
    )
    def test_refused_names(self, cell: str, code: str) -> None:
        """The name is refused with the code of its first problem, on its field."""
        report = check(roster(f"PRG-1,A1,{cell},Lovelace,2026-03-02"))
        (finding,) = report.refused[0].findings
        assert (code, "first_name", 2) == (finding.code, finding.field, finding.row)

    def test_hundred_characters_accepted(self) -> None:
        """A name of exactly the maximum length is accepted."""
        name = "A" * 100
        report = check(
            roster(f"PRG-1,A9,{name},Lovelace,2026-03-02"),
            repository=repository_for(name, "Lovelace"),
        )
        assert {2: ("accepted",)} == outcome(report)

    def test_maximum_is_a_policy_knob(self) -> None:
        """The maximum comes from the policy."""
        short = attrs.evolve(DEFAULT_POLICY, name_max_length=3)
        report = check(
            roster("PRG-1,A9,Ada,Li,2026-03-02", "PRG-1,Z9,Grace,Hopper,2026-03-02"),
            policy=short,
            repository=repository_for("Ada", "Li"),
        )
        expected = {2: ("accepted",), 3: ("name-too-long", "name-too-long", "account-not-found")}
        assert expected == outcome(report)

    def test_refused_cells_are_kept_exactly(self) -> None:
        """A refused row keeps its cells exactly as read, formula and all."""
        report = check(roster("PRG-1, A1 ,=HYPERLINK(1),  Lovelace ,2026-03-02"))
        expected = ("PRG-1", " A1 ", "=HYPERLINK(1)", "  Lovelace ", "2026-03-02")
        assert expected == report.refused[0].cells


class TestNameMatch:
    """`name-match`: tolerant comparison; a real difference warns (or refuses by policy)."""

    @pytest.mark.parametrize(
        ("first", "last"),
        [
            pytest.param("José", "Núñez-O'Brien", id="exact"),
            pytest.param("jose", "nunez-o'brien", id="case-and-accents"),
            pytest.param("JOSÉ", "NÚÑEZ O'BRIEN", id="upper-and-space-for-dash"),
            pytest.param("José", "Núñez–O’Brien", id="en-dash-and-curly-apostrophe"),
            pytest.param("José", "NunezOBrien", id="all-folded-away"),
            pytest.param("Jose\u0301", "Nu\u0301n\u0303ez-O'Brien", id="decomposed"),
        ],
    )
    def test_tolerated(self, first: str, last: str) -> None:
        """Differences of case, accents, apostrophes, dashes and spaces are no finding;
        the row's names are kept as given."""
        report = check(roster(f"PRG-1,A3,{first},{last},2026-03-02"))
        assert {2: ("accepted",)} == outcome(report)
        expected = (unicodedata.normalize("NFC", first), unicodedata.normalize("NFC", last))
        assert expected == (report.accepted[0].first_name, report.accepted[0].last_name)

    def test_decomposed_names_are_stored_composed(self) -> None:
        """Decomposed accents in the row are stored in NFC."""
        report = check(roster("PRG-1,A3,Jose\u0301,Nu\u0301n\u0303ez-O'Brien,2026-03-02"))
        assert ("José", "Núñez-O'Brien") == (
            report.accepted[0].first_name,
            report.accepted[0].last_name,
        )

    @pytest.mark.parametrize(
        ("first", "last", "field"),
        [
            pytest.param("Joseph", "Núñez-O'Brien", "first_name", id="first"),
            pytest.param("José", "Nunes-O'Brien", "last_name", id="last"),
            pytest.param("Jo", "Smith", "first_name", id="both"),
        ],
    )
    def test_real_difference_warns(self, first: str, last: str, field: str) -> None:
        """A real difference is a warning on the accepted row; neither name changes."""
        report = check(roster(f"PRG-1,A3,{first},{last},2026-03-02"))
        assert {2: ("accepted", "name-mismatch")} == outcome(report)
        (warning,) = report.warnings
        assert (field, Severity.WARNING) == (warning.field, warning.severity)
        assert (first, last) == (report.accepted[0].first_name, report.accepted[0].last_name)
        assert (
            f"the row names {first} {last}, the account 'A3' names José Núñez-O'Brien"
            == warning.message
        )

    def test_refuse_policy(self) -> None:
        """With the policy knob set to refuse, a real difference refuses the row."""
        report = check(roster("PRG-1,A3,Joseph,Núñez-O'Brien,2026-03-02"), policy=REFUSE)
        assert {2: ("name-mismatch-refused",)} == outcome(report)
        assert () == report.warnings

    def test_refuse_policy_still_tolerant(self) -> None:
        """With refusal on, tolerated differences are still accepted."""
        report = check(roster("PRG-1,A3,JOSE,nunez obrien,2026-03-02"), policy=REFUSE)
        assert {2: ("accepted",)} == outcome(report)


class TestCompletionDate:
    """`completion-date`: two written forms, inside the offering, not after the report date."""

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            pytest.param("2026-03-02", ("accepted",), id="iso"),
            pytest.param(" 2026-03-02 ", ("accepted",), id="iso-padded"),
            pytest.param("3/2/2026", ("accepted",), id="us"),
            pytest.param("03/02/2026", ("accepted",), id="us-padded-digits"),
            pytest.param("3/2/26", ("date-two-digit-year",), id="two-digit-year"),
            pytest.param("3-2-26", ("date-two-digit-year",), id="two-digit-year-dashes"),
            pytest.param("46083", ("date-spreadsheet-serial",), id="serial"),
            pytest.param("46083.5", ("date-spreadsheet-serial",), id="serial-with-time"),
            pytest.param("March 2, 2026", ("date-format",), id="text"),
            pytest.param("2 Mar 2026", ("date-format",), id="text-day-first"),
            pytest.param("2026/03/02", ("date-format",), id="slashes-year-first"),
            pytest.param("2026-3-2", ("date-format",), id="iso-short-parts"),
            pytest.param("3/2", ("date-format",), id="no-year"),
            pytest.param("13/4/2026", ("date-day-month-order",), id="day-month"),
            pytest.param("31/12/2026", ("date-day-month-order",), id="day-month-31"),
            pytest.param("13/13/2026", ("date-no-such-day",), id="month-13-day-13"),
            pytest.param("2026-02-30", ("date-no-such-day",), id="iso-feb-30"),
            pytest.param("2/30/2026", ("date-no-such-day",), id="us-feb-30"),
            pytest.param("2026-13-01", ("date-no-such-day",), id="iso-month-13"),
            pytest.param("2026-03-01", ("date-outside-offering",), id="day-before"),
            pytest.param("2026-03-03", ("date-outside-offering",), id="day-after"),
            pytest.param("", ("field-missing",), id="blank"),
        ],
    )
    def test_forms(self, cell: str, expected: tuple[str, ...]) -> None:
        """Each written form is accepted or refused with its code."""
        report = check(roster(f'PRG-1,A1,Ada,Lovelace,"{cell}"'))
        assert {2: expected} == outcome(report)

    def test_day_month_hint(self) -> None:
        """13/4/2026 is refused with a hint that the file may be in day/month order."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,13/4/2026"))
        (finding,) = report.refused[0].findings
        assert "'13/4/2026' has no month 13" == finding.message
        assert (
            "this looks like day/month order; write it as 4/13/2026 (month first) or 2026-04-13"
            == finding.hint
        )

    def test_accepted_date(self) -> None:
        """The accepted attendee carries the date as a date."""
        report = check(roster(GRACE))
        assert date(2026, 3, 2) == report.accepted[0].completion_date

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            pytest.param("2026-03-01", ("date-outside-offering",), id="before-start"),
            pytest.param("2026-03-02", ("accepted",), id="start"),
            pytest.param("3/4/2026", ("accepted",), id="middle"),
            pytest.param("2026-03-06", ("accepted",), id="end"),
            pytest.param("2026-03-07", ("date-outside-offering",), id="after-end"),
        ],
    )
    def test_multi_day_offering(self, cell: str, expected: tuple[str, ...]) -> None:
        """The offering's dates are inclusive at both ends."""
        week = Offering(date(2026, 3, 2), date(2026, 3, 6))
        report = check(roster(f"PRG-1,A1,Ada,Lovelace,{cell}"), offering=week)
        assert {2: expected} == outcome(report)

    @pytest.mark.parametrize(
        ("cell", "expected"),
        [
            pytest.param("2026-03-19", ("accepted",), id="day-before-report"),
            pytest.param("2026-03-20", ("accepted",), id="report-day"),
            pytest.param("2026-03-21", ("date-after-report",), id="day-after-report"),
        ],
    )
    def test_not_after_report_date(self, cell: str, expected: tuple[str, ...]) -> None:
        """A completion after the report date is refused (self-paced, so only that rule applies)."""
        report = check(roster(f"PRG-1,A1,Ada,Lovelace,{cell}"), program=SELF_PACED, offering=YEAR)
        assert {2: expected} == outcome(report)


class TestOneClaim:
    """`one-claim`: one accepted row per AAST ID; every other one refused naming it."""

    def test_later_rows_are_duplicates(self) -> None:
        """The first valid row is accepted; later rows name it."""
        report = check(roster(ADA, GRACE, ADA, "PRG-1,A1,ADA,lovelace,3/2/2026"))
        assert {
            2: ("accepted",),
            3: ("accepted",),
            4: ("duplicate-in-roster",),
            5: ("duplicate-in-roster",),
        } == outcome(report)
        expected = ["'A1' is already accepted in row 2"] * 2
        assert expected == [r.findings[0].message for r in report.refused]

    def test_invalid_earlier_row_is_a_duplicate_of_the_accepted_one(self) -> None:
        """An earlier invalid row with the same ID is also refused as a duplicate of the
        accepted row, which comes after it."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,13/4/2026", ADA))
        assert {2: ("date-day-month-order", "duplicate-in-roster"), 3: ("accepted",)} == outcome(
            report
        )
        assert "'A1' is already accepted in row 3" == report.refused[0].findings[1].message

    def test_refused_name_then_valid(self) -> None:
        """Under refusal, an earlier mismatched row is a duplicate of the later accepted one."""
        report = check(roster("PRG-1,A1,Adam,Lovelace,2026-03-02", ADA), policy=REFUSE)
        assert {2: ("name-mismatch-refused", "duplicate-in-roster"), 3: ("accepted",)} == outcome(
            report
        )

    def test_kind_of_the_row_accepted_after_a_refused_claim(self) -> None:
        """The accepted row after a refused one with the same ID takes the account's kind
        and fee, though the refused row reached the account first."""
        report = check(roster("PRG-1,G1,Zoe,Other,2026-03-02", ZOE), policy=REFUSE)
        assert {2: ("name-mismatch-refused", "duplicate-in-roster"), 3: ("accepted",)} == outcome(
            report
        )
        assert ([AccountKind.GUEST], 1, 0) == (
            [a.kind for a in report.accepted],
            report.guests,
            report.members,
        )

    def test_warned_row_is_the_accepted_one(self) -> None:
        """A row with only a name warning is otherwise valid, so it is the accepted one."""
        report = check(roster("PRG-1,A1,Adam,Lovelace,2026-03-02", ADA))
        assert {2: ("accepted", "name-mismatch"), 3: ("duplicate-in-roster",)} == outcome(report)

    def test_no_valid_row(self) -> None:
        """When no row with the ID is valid, none is accepted and none is a duplicate."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,bad", "PRG-1,A1,Ada,Lovelace,3/2/26"))
        assert {2: ("date-format",), 3: ("date-two-digit-year",)} == outcome(report)

    def test_unknown_id_twice(self) -> None:
        """Two rows with an ID that has no account are each refused for that, not as duplicates."""
        report = check(roster("PRG-1,Z9,Li,Wei,2026-03-02", "PRG-1,Z9,Li,Wei,2026-03-02"))
        assert {2: ("account-not-found",), 3: ("account-not-found",)} == outcome(report)

    def test_already_reported(self) -> None:
        """An ID reported in an earlier roster is refused every time it appears."""
        mary = "PRG-1,R1,Mary,Reported,2026-03-02"
        report = check(roster(mary, mary, "PRG-1,R1,Mary,Reported,2026-13-02"))
        assert {
            2: ("already-reported",),
            3: ("already-reported",),
            4: ("date-no-such-day", "already-reported"),
        } == outcome(report)
        assert (
            "'R1' was already reported for this offering in an earlier roster"
            == report.refused[0].findings[0].message
        )

    def test_earlier_reports_of_other_offerings_do_not_count(self) -> None:
        """Reported for another offering: free to report for this one."""
        other = InMemoryRepository(
            ACCOUNTS, reported={("PRG-1", Offering(date(2026, 3, 9))): ["A1"]}
        )
        report = check(roster(ADA), repository=other)
        assert {2: ("accepted",)} == outcome(report)

    def test_reported_program_id_any_case(self) -> None:
        """The repository's earlier reports are keyed by Program ID in any case."""
        other = InMemoryRepository(ACCOUNTS, reported={(" prg-1 ", OFFERING): ["A1"]})
        report = check(roster(ADA), repository=other)
        assert {2: ("already-reported",)} == outcome(report)

    def test_fee_charges_once(self) -> None:
        """Duplicates cost nothing: one member filing fee."""
        report = check(roster(ADA, ADA, ADA))
        assert Decimal("5.00") == report.filing_fee


# --------------------------------------------------------------------------
# Reporting windows


def _days_after(offering: Offering, days: int) -> date:
    return offering.end + timedelta(days=days)


class TestReportingWindow:
    """`reporting-window`: from the end date through 45 days after, in calendar days."""

    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            pytest.param(-1, "window-not-open", id="day-before-end"),
            pytest.param(0, None, id="end-day"),
            pytest.param(44, None, id="44"),
            pytest.param(45, None, id="45"),
            pytest.param(46, "window-closed", id="46"),
            pytest.param(400, "window-closed", id="a-year-later"),
        ],
    )
    def test_boundaries(self, days: int, expected: str | None) -> None:
        """Open from the end date through day 45; every row refused outside it."""
        week = Offering(date(2026, 3, 2), date(2026, 3, 6))
        rows = ["PRG-1,A1,Ada,Lovelace,2026-03-04", "PRG-1,A2,Grace,Hopper,3/2/2026", ""]
        report = check(roster(*rows), offering=week, reported_at=_days_after(week, days))
        if expected is None:
            assert {2: ("accepted",), 3: ("accepted",), 4: ("blank",)} == outcome(report)
        else:
            assert {2: (expected,), 3: (expected,), 4: ("blank",)} == outcome(report)

    def test_closed_message(self) -> None:
        """A closed window names the last day and how late the roster is."""
        report = check(roster(ADA), reported_at=date(2026, 4, 18))
        (finding,) = report.refused[0].findings
        assert (
            "the last day to report was 2026-04-16; the roster is 2 day(s) late" == finding.message
        )
        assert "reporting-window" == finding.rule

    def test_not_open_message(self) -> None:
        """A window not open yet says from when it opens."""
        week = Offering(date(2026, 3, 2), date(2026, 3, 6))
        report = check(roster(ADA), offering=week, reported_at=date(2026, 3, 5))
        (finding,) = report.refused[0].findings
        assert (
            "the offering ends on 2026-03-06; attendance can be reported from then on"
            == finding.message
        )

    @pytest.mark.parametrize(
        ("extension", "reported_at", "expected"),
        [
            pytest.param(date(2026, 5, 1), date(2026, 5, 1), None, id="later-last-day"),
            pytest.param(date(2026, 5, 1), date(2026, 5, 2), "window-closed", id="after-it"),
            pytest.param(date(2026, 3, 10), date(2026, 3, 11), "window-closed", id="earlier"),
            pytest.param(date(2026, 3, 10), date(2026, 3, 10), None, id="earlier-last-day"),
        ],
    )
    def test_extension_replaces_last_day(
        self, extension: date, reported_at: date, expected: str | None
    ) -> None:
        """A staff extension is the new last day, later or earlier than the usual one."""
        report = check(roster(ADA), reported_at=reported_at, extension=extension)
        assert {2: ("accepted",) if expected is None else (expected,)} == outcome(report)
        assert report.window is not None
        assert (extension, True) == (report.window.last_day, report.window.extended)


class TestSelfPacedWindow:
    """`self-paced-window`: per attendee, from the completion date through 45 days after."""

    @pytest.mark.parametrize(
        ("completed", "expected"),
        [
            pytest.param(date(2026, 2, 3), None, id="45-days-before"),
            pytest.param(date(2026, 2, 4), None, id="44-days-before"),
            pytest.param(date(2026, 2, 2), "self-paced-window-closed", id="46-days-before"),
            pytest.param(date(2026, 1, 1), "self-paced-window-closed", id="long-ago"),
            pytest.param(REPORTED, None, id="same-day"),
        ],
    )
    def test_per_attendee(self, completed: date, expected: str | None) -> None:
        """Each attendee's window is counted from that attendee's completion date."""
        report = check(
            roster(f"PRG-1,A1,Ada,Lovelace,{completed.isoformat()}", GRACE),
            program=SELF_PACED,
            offering=YEAR,
        )
        first = ("accepted",) if expected is None else (expected,)
        assert {2: first, 3: ("accepted",)} == outcome(report)
        assert report.window is None

    def test_us_form_takes_the_same_path(self) -> None:
        """The same date written M/D/YYYY gets the same finding."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,2/2/2026"), program=SELF_PACED, offering=YEAR)
        (finding,) = report.refused[0].findings
        assert ("self-paced-window-closed", "self-paced-window") == (finding.code, finding.rule)
        assert (
            "completed 2026-02-02, so the last day to report was 2026-03-19; 1 day(s) late"
            == finding.message
        )

    @pytest.mark.parametrize(
        ("extension", "expected"),
        [
            pytest.param(date(2026, 3, 20), ("accepted", "accepted"), id="through-today"),
            pytest.param(
                date(2026, 3, 19),
                ("self-paced-window-closed", "self-paced-window-closed"),
                id="ended-yesterday",
            ),
        ],
    )
    def test_extension(self, extension: date, expected: tuple[str, str]) -> None:
        """An extension replaces every attendee's last day."""
        report = check(
            roster("PRG-1,A1,Ada,Lovelace,2026-01-02", GRACE),
            program=SELF_PACED,
            offering=YEAR,
            extension=extension,
        )
        assert {2: (expected[0],), 3: (expected[1],)} == outcome(report)

    def test_window_days_are_a_policy_knob(self) -> None:
        """The number of days comes from the policy in force."""
        longer = attrs.evolve(DEFAULT_POLICY, reporting_window_days=60)
        report = check(
            roster("PRG-1,A1,Ada,Lovelace,2026-01-19", "PRG-1,A2,Grace,Hopper,2026-01-18"),
            program=SELF_PACED,
            offering=YEAR,
            policy=longer,
        )
        assert {2: ("accepted",), 3: ("self-paced-window-closed",)} == outcome(report)


class TestPolicyVersion:
    """`policy-version`: the version in force on the report date sets the fee and window."""

    NO_FILING_FEES = PolicySchedule(
        (
            PolicyVersion(effective_from=date(2020, 1, 1), policy=DEFAULT_POLICY),
            PolicyVersion(
                effective_from=date(2021, 9, 1),
                policy=attrs.evolve(
                    DEFAULT_POLICY,
                    label="no filing fees",
                    member_filing_fee=Decimal("0.00"),
                    guest_filing_fee=Decimal("0.00"),
                ),
            ),
        )
    )

    @pytest.mark.parametrize(
        ("reported_at", "fee", "label"),
        [
            pytest.param(date(2021, 8, 31), Decimal("15.00"), "AAST CEC program 2020", id="before"),
            pytest.param(date(2021, 9, 1), Decimal("0.00"), "no filing fees", id="from"),
        ],
    )
    def test_filing_fees_stopped(self, reported_at: date, fee: Decimal, label: str) -> None:
        """Worked example: from 2021-09-01 no post-event filing fees; the report date decides."""
        offering = Offering(date(2021, 8, 20))
        rows = [
            "PRG-1,A1,Ada,Lovelace,2021-08-20",
            "PRG-1,G1,Zoë,Saldaña,8/20/2021",
        ]
        report = check(
            roster(*rows), offering=offering, reported_at=reported_at, policy=self.NO_FILING_FEES
        )
        assert (fee, label) == (report.filing_fee, report.policy.label)
        assert 2 == len(report.accepted)

    def test_window_of_the_version_in_force(self) -> None:
        """A longer window in force on the report date keeps the roster open."""
        schedule = PolicySchedule(
            (
                PolicyVersion(effective_from=date(2020, 1, 1), policy=DEFAULT_POLICY),
                PolicyVersion(
                    effective_from=date(2026, 4, 1),
                    policy=attrs.evolve(DEFAULT_POLICY, reporting_window_days=90),
                ),
            )
        )
        reported_at = date(2026, 5, 1)
        assert {2: ("window-closed",)} == outcome(check(roster(ADA), reported_at=reported_at))
        report = check(roster(ADA), reported_at=reported_at, policy=schedule)
        assert {2: ("accepted",)} == outcome(report)

    def test_aware_datetime_uses_the_associations_date(self) -> None:
        """An aware report time is read in the association's zone: 01:00 UTC on day 46 is
        still day 45 in Chicago."""
        moment = datetime(2026, 4, 17, 1, 0, tzinfo=timezone.utc)
        report = check(roster(ADA), reported_at=moment)
        assert (date(2026, 4, 16), {2: ("accepted",)}) == (report.report_date, outcome(report))

    def test_naive_datetime_refused(self) -> None:
        """A naive report time is a programming error."""
        with pytest.raises(NaiveDatetime):
            check(roster(ADA), reported_at=datetime(2026, 3, 20, 12, 0))


# --------------------------------------------------------------------------
# The report


_CSV_HEADER = ["row", "severity", "code", "rule", "field", "message", "hint"]


def _findings_csv(report: RosterReport) -> list[list[str]]:
    """The report's findings CSV, read back as rows of cells."""
    out = io.StringIO(newline="")
    report.write_findings_csv(out)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


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


class TestFilingFee:
    """`filing-fee`: $5.00 per accepted member, $10.00 per accepted guest; refused rows free."""

    def test_lines_and_total(self) -> None:
        """Two members and one guest: $10.00 + $10.00."""
        report = check(roster(ADA, GRACE, ZOE, "PRG-1,G2,Olu,Okafor,bad", "PRG-1,Z9,Li,Wei,x"))
        member, guest = report.filing_fee_lines
        assert (FeeKind.MEMBER_FILING_FEE, Decimal(2), Decimal("5.00"), Decimal("10.00")) == (
            member.kind,
            member.quantity,
            member.unit_price,
            member.amount,
        )
        assert (FeeKind.GUEST_FILING_FEE, Decimal(1), Decimal("10.00"), Decimal("10.00")) == (
            guest.kind,
            guest.quantity,
            guest.unit_price,
            guest.amount,
        )
        assert (Decimal("20.00"), 2, 1) == (report.filing_fee, report.members, report.guests)

    def test_nothing_accepted_costs_nothing(self) -> None:
        """A refused file costs nothing, and its lines are zero."""
        report = check(b"")
        assert Decimal("0.00") == report.filing_fee
        assert [Decimal(0), Decimal(0)] == [line.quantity for line in report.filing_fee_lines]

    def test_rates_are_policy_knobs(self) -> None:
        """Rates come from the policy."""
        rates = attrs.evolve(
            DEFAULT_POLICY, member_filing_fee=Decimal("7.25"), guest_filing_fee=Decimal("12.50")
        )
        report = check(roster(ADA, GRACE, ZOE), policy=rates)
        assert Decimal("27.00") == report.filing_fee


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
            "completion_date": "13/4/2026",
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
            "completion_date": "2026-03-02",
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
        expected = ("row-ragged", None, None, None, None)
        assert expected == (
            row["codes"],
            row["aast_id"],
            row["first_name"],
            row["last_name"],
            row["completion_date"],
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
                "row-conservation",
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
            "Row 4 (Completion Date): '13/4/2026' has no month 13 [date-day-month-order, "
            "completion-date]. Hint: this looks like day/month order; write it as 4/13/2026 "
            "(month first) or 2026-04-13" == lines[2]
        )
        assert lines[4].startswith(
            "Row 6: the row has 2 cells where the header has 5 [row-ragged, roster-fields]."
        )
        assert 5 == len(lines)

    def test_explanation_of_a_refused_file(self) -> None:
        """A refused file says so, and names the reason."""
        report = check(roster(ADA, header="Program ID,AAST ID"))
        assert (
            "Roster for PRG-1, offering 2026-03-02: the file was refused as a whole; no row was "
            "accepted.\nOpen: report by 2026-04-16 (reporting-window); 27 day(s) left after "
            "2026-03-20.\nRow 1: the header lacks First Name, Last Name, Completion Date "
            "[file-missing-column, roster-fields]. Hint: the header must name Program ID, "
            "AAST ID, First Name, Last Name and Completion Date" == report.explanation
        )

    def test_file_finding_explanation(self) -> None:
        """A finding of the whole file starts with 'The file'."""
        finding = Finding(code="file-undecodable", message="cannot be read")
        assert (
            "The file: cannot be read [file-undecodable, row-conservation]." == finding.explanation
        )

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


# --------------------------------------------------------------------------
# One attendee at a time


ENTRIES = [
    ADA,
    "PRG-1,A2,Grace,Hopper,13/4/2026",
    "PRG-1,A2,Grace,Hopper,3/2/2026",
    ADA,
    "PRG-1,Z9,Li,Wei,2026-03-02",
    ",,,,",
    "PRG-1,G1,Zoe,Saldana,2026-03-02",
]


class TestRosterDraft:
    """`RosterDraft`: entries one at a time give the findings the same rows give in a file."""

    def draft(self) -> RosterDraft:
        return RosterDraft(program=PROGRAM, offering=OFFERING, reported_at=REPORTED)

    def test_same_findings_as_a_file(self) -> None:
        """Entering the rows one by one ends with the report of the same file."""
        draft = self.draft()
        report = None
        for entry in mapping_rows(*ENTRIES):
            draft, report = draft.add(entry, REPOSITORY)
        assert report is not None
        in_file = check(roster(*ENTRIES))
        assert outcome(in_file) == outcome(report)
        assert [f.to_dict() for f in in_file.findings] == [f.to_dict() for f in report.findings]
        assert in_file.filing_fee == report.filing_fee

    def test_each_step_matches_the_file_so_far(self) -> None:
        """After each entry, the report is the report of the rows so far; its last row is the
        entry just added."""
        draft = self.draft()
        for count, entry in enumerate(mapping_rows(*ENTRIES), start=1):
            draft, report = draft.add(entry, REPOSITORY)
            assert outcome(check(roster(*ENTRIES[:count]))) == outcome(report)
            assert count + 1 == max(outcome(report))

    def test_duplicate_of_an_earlier_entry(self) -> None:
        """A second entry for an accepted ID is refused naming the earlier entry's row."""
        draft = self.draft()
        draft, _ = draft.add(
            {
                "AAST ID": "A1",
                "Program ID": "PRG-1",
                "First Name": "Ada",
                "Last Name": "Lovelace",
                "Completion Date": "2026-03-02",
            },
            REPOSITORY,
        )
        draft, report = draft.add(
            {
                "aast_id": "A1",
                "program_id": "PRG-1",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "completion_date": "3/2/2026",
            },
            REPOSITORY,
        )
        assert {2: ("accepted",), 3: ("duplicate-in-roster",)} == outcome(report)
        assert "'A1' is already accepted in row 2" == report.refused[0].findings[0].message

    def test_later_entry_adds_to_an_earlier_refused_one(self) -> None:
        """An earlier refused entry becomes a duplicate once a later one with its ID is accepted."""
        draft = self.draft()
        entries = mapping_rows("PRG-1,A1,Ada,Lovelace,bad", ADA)
        draft, first = draft.add(entries[0], REPOSITORY)
        assert {2: ("date-format",)} == outcome(first)
        draft, second = draft.add(entries[1], REPOSITORY)
        assert {2: ("date-format", "duplicate-in-roster"), 3: ("accepted",)} == outcome(second)
        assert outcome(second) == outcome(draft.report(REPOSITORY))

    def test_drafts_are_values(self) -> None:
        """add returns a new draft and leaves the old one as it was."""
        empty = self.draft()
        one, _ = empty.add(mapping_rows(ADA)[0], REPOSITORY)
        assert (0, 1) == (len(empty.entries), len(one.entries))

    def test_draft_options(self) -> None:
        """The draft's policy and extension are used as in check_roster."""
        draft = RosterDraft(
            program=PROGRAM,
            offering=OFFERING,
            reported_at=date(2026, 5, 1),
            policy=REFUSE,
            extension=date(2026, 5, 1),
        )
        _, report = draft.add(mapping_rows("PRG-1,A1,Adam,Lovelace,2026-03-02")[0], REPOSITORY)
        assert {2: ("name-mismatch-refused",)} == outcome(report)


# --------------------------------------------------------------------------
# The bundled example


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


def test_policy_type_is_checked() -> None:
    """A policy of the wrong type is a TypeError, before reading anything."""
    with pytest.raises(TypeError):
        check(roster(ADA), policy="strict")


class TestNotebookViews:
    """A roster report renders as a table in notebooks and loads into a DataFrame."""

    def test_to_frame_has_every_data_row(self) -> None:
        """to_frame gives one row per data row, blank rows included, in row order."""
        report = example_roster().check(DEFAULT_POLICY)
        frame = report.to_frame()
        assert list(range(2, 15)) == list(frame["row"])
        assert 6 == int((frame["status"] == "refused").sum())

    def test_html_escapes_cells(self) -> None:
        """The HTML view escapes what the provider typed, such as a formula in a name."""
        report = example_roster().check(DEFAULT_POLICY)
        page = report._repr_html_()
        assert "&#x27;=HYPERLINK(1)&#x27;" in page
        assert 1 + len(report.findings) == page.count("<tr>")


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
