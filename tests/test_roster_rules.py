"""The roster's row rules (sections 5 and 6), one class per rule: what each accepts,
what it refuses, and with which finding.

The table of one defect per finding code is in test_roster_findings.py; reading
the file (sources, encodings, header, quotes, blocks) in test_roster_reading.py;
the report and its views in test_roster_report.py; the words of every finding
in test_messages.py. The shared roster world (PROGRAM, OFFERING, REPOSITORY,
``check``, ``roster``, ``outcome``) is in helpers.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import settle
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.errors import NaiveDatetime
from cec_rules.fees import FeeKind
from cec_rules.policy import DEFAULT_POLICY, PolicySchedule, PolicyVersion
from cec_rules.program import Offering
from cec_rules.roster import Finding, Severity
from helpers import (
    ACCOUNTS,
    ADA,
    GRACE,
    OFFERING,
    REFUSE,
    REPORTED,
    REPOSITORY,
    SELF_PACED,
    SMALL_CELLS,
    YEAR,
    ZOE,
    IdKnob,
    after_report,
    check,
    id_knobs,
    id_texts,
    outcome,
    refused,
    roster,
    write_csv,
)


def repository_for(first: str, last: str, kind: str = "member") -> InMemoryRepository:
    """A repository with one account, A9, with these names."""
    return InMemoryRepository([Account(aast_id="A9", first_name=first, last_name=last, kind=kind)])


#: A self-paced program with a staff extension: every row is checked one by one.
EXTENDED: dict[str, Any] = {
    "program": SELF_PACED,
    "offering": YEAR,
    "extension": date(2026, 6, 30),
}


def duplicate(row: int, aast_id: str, accepted_row: int) -> Finding:
    """The duplicate-in-roster finding of a row."""
    return Finding(
        code="duplicate-in-roster",
        row=row,
        field="aast_id",
        message=f"{aast_id!r} is already accepted in row {accepted_row}",
        hint="report each attendee once per offering",
    )


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
    """`aast-id-format`: opaque text, trimmed, of the policy's characters and lengths
    (letters, digits and hyphens, 1 to 20)."""

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

    def test_knob_comes_from_the_policy(self) -> None:
        """The characters and lengths come from the policy in force."""
        digits = attrs.evolve(
            DEFAULT_POLICY, aast_id_characters="0-9", aast_id_min_length=6, aast_id_max_length=6
        )
        report = check(roster(ADA), policy=digits)
        assert {2: ("aast-id-format",)} == outcome(report)

    @pytest.mark.parametrize(
        ("cell", "well_formed"),
        [
            pytest.param("AB", True, id="shortest"),
            pytest.param("A", False, id="one-short"),
            pytest.param("AB-9", True, id="longest"),
            pytest.param("AB-9Z", False, id="one-long"),
            pytest.param("ZZ", True, id="end-of-A-Z"),
            pytest.param("00", True, id="start-of-0-9"),
            pytest.param("-9", True, id="hyphen-and-end-of-0-9"),
            pytest.param("A[", False, id="just-after-Z"),
            pytest.param("A/", False, id="just-before-0"),
            pytest.param("Aa", False, id="small-letter"),
            pytest.param(" AB ", True, id="trimmed-first"),
        ],
    )
    def test_boundaries(self, cell: str, well_formed: bool) -> None:
        """Under the knob "A-Z0-9-" from 2 to 4 characters, each end of each range and
        length is taken and the one beyond it refused; a well-formed ID with no account
        is refused for that instead."""
        policy = attrs.evolve(DEFAULT_POLICY, aast_id_min_length=2, aast_id_max_length=4)
        policy = attrs.evolve(policy, aast_id_characters="A-Z0-9-")
        report = check(roster(f"PRG-1,{cell},Ada,Lovelace,2026-03-02"), policy=policy)
        expected = ("account-not-found",) if well_formed else ("aast-id-format",)
        assert {2: expected} == outcome(report)

    @given(data=st.data(), knob=id_knobs())
    def test_agrees_with_the_reference(self, data: st.DataObject, knob: IdKnob) -> None:
        """Over any valid knob, a roster refuses exactly the trimmed AAST IDs that plain
        Python refuses (length in range, every character in the set)."""
        cells = data.draw(st.lists(id_texts(knob), min_size=1, max_size=8))
        rows = [["PRG-1", cell, "Ada", "Lovelace", "2026-03-02"] for cell in cells]
        report = check(write_csv(rows), policy=knob.policy())
        formats = {"aast-id-format", "aast-id-spreadsheet-number"}
        refused_rows = {
            r.row for r in report.refused if formats & set(r.codes) or "field-missing" in r.codes
        }
        expected = {
            row
            for row, cell in enumerate(cells, start=2)
            if not cell.strip() or not knob.allows(cell.strip())
        }
        assert expected == refused_rows

    @given(knob=id_knobs(longest=100_000), ending=st.sampled_from(["", "!", "_", "\u3000"]))
    def test_a_cell_of_100000_characters(self, knob: IdKnob, ending: str) -> None:
        """A cell of 100,000 characters, an allowed character repeated with perhaps another
        last, is decided under any valid knob as plain Python decides it (`aast-id-format`):
        the check is one character class with a bounded repeat, which cannot backtrack."""
        cell = knob.ranges[0][0] * (100_000 - len(ending)) + ending
        policy = knob.policy(max_cell_length=100_000, max_line_length=1 << 20)
        report = check(write_csv([["PRG-1", cell, "Ada", "Lovelace", "2026-03-02"]]), policy=policy)
        codes = {c for r in report.refused for c in r.codes}
        assert (not knob.allows(cell.strip())) == ("aast-id-format" in codes)

    def test_ids_are_case_sensitive(self) -> None:
        """IDs are opaque: 'a1' is not the account 'A1'."""
        report = check(roster("PRG-1,a1,Ada,Lovelace,2026-03-02"))
        assert {2: ("account-not-found",)} == outcome(report)

    def test_consecutive_bad_ids_each_refused(self) -> None:
        """Two AAST IDs in a row that the pattern refuses: each gets its aast-id-format finding,
        the second too though all but its first character would match."""
        report = check(
            roster(ADA, "PRG-1,A.1,Ada,Lovelace,2026-03-02", "PRG-1,.A2,Ada,Lovelace,2026-03-02")
        )
        assert {3: ("aast-id-format",), 4: ("aast-id-format",)} == {
            r.row: r.codes for r in report.refused
        }

    def test_padded_id_trimmed_in_an_ascii_block(self) -> None:
        """An AAST ID is trimmed before the policy's check, in an ASCII block too: the
        spaces around it are never part of it (no set may hold a space)."""
        report = check(roster(ADA, "PRG-1, A2 ,Grace,Hopper,2026-03-02"))
        assert [(2, "A1"), (3, "A2")] == [(a.row, a.aast_id) for a in report.accepted]
        assert () == report.refused


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

    def test_unknown_spaced_id_keeps_its_cells_as_read(self) -> None:
        """A row read by csv.reader with spaces around an AAST ID that has no account keeps
        them in its refused cells."""
        report = check(roster('PRG-1, X9 ,"Ada",Lovelace,2026-03-02'))
        assert (("PRG-1", " X9 ", "Ada", "Lovelace", "2026-03-02"),) == tuple(
            r.cells for r in report.refused
        )
        assert ("account-not-found",) == report.refused[0].codes


class _Recording:
    """A repository over ``accounts`` that records each call to ``accounts``."""

    def __init__(self, *aast_ids: str) -> None:
        self.repository = InMemoryRepository(
            [*ACCOUNTS]
            + [
                Account(aast_id=aast_id, first_name="Ada", last_name="Lovelace", kind="member")
                for aast_id in aast_ids
            ]
        )
        self.asked: list[list[str]] = []

    def accounts(self, aast_ids: Any, *, on: date) -> Mapping[str, Account]:
        self.asked.append(sorted(aast_ids))
        return self.repository.accounts(aast_ids, on=on)

    def reported_ids(self, program_id: str, offering: Offering) -> frozenset[str]:
        return frozenset()


_PADDED = (
    "an account has the ID {!r}: a spreadsheet may have dropped its leading zeros; "
    "format the AAST ID column as text and export again"
)
_DIGITS = (
    "if the ID began with zeros, a spreadsheet may have dropped them: format the AAST ID "
    "column as text and export again; otherwise check the ID or ask the attendee to create "
    "a guest account"
)
_OTHER = (
    "every attendee who claims CECs needs an AAST account; check the ID or ask the "
    "attendee to create a guest account"
)
_FIVE_TO_SEVEN_DIGITS = attrs.evolve(
    DEFAULT_POLICY, aast_id_characters="0-9", aast_id_min_length=5, aast_id_max_length=7
)


class TestLeadingZeros:
    """`aast-id-format`, `account-exists`: an all-digit ID that names no account is still
    refused, with a hint that a spreadsheet may have dropped its leading zeros, naming
    the ID with zeros added when exactly one such ID has an account."""

    @pytest.mark.parametrize(
        ("aast_id", "accounts", "options", "hint", "padded_asked"),
        [
            pytest.param("12345", ["0012345"], {}, _PADDED.format("0012345"), 15, id="two-zeros"),
            pytest.param("12345", ["012345"], {}, _PADDED.format("012345"), 15, id="one-zero"),
            pytest.param(
                "1", ["0" * 19 + "1"], {}, _PADDED.format("0" * 19 + "1"), 19, id="longest"
            ),
            pytest.param("12345", [], {}, _DIGITS, 15, id="none-padded"),
            pytest.param("12345", ["012345", "0012345"], {}, _DIGITS, 15, id="two-padded"),
            pytest.param("012345", ["0012345"], {}, _PADDED.format("0012345"), 14, id="had-zeros"),
            pytest.param("1" * 20, [], {}, _DIGITS, 0, id="already-longest"),
            pytest.param(
                "1" * 19, ["0" + "1" * 19], {}, _PADDED.format("0" + "1" * 19), 1, id="one-short"
            ),
            pytest.param("Z12345", ["0Z12345"], {}, _OTHER, 0, id="not-all-digits"),
            pytest.param(
                "12345",
                ["0012345"],
                {"policy": _FIVE_TO_SEVEN_DIGITS},
                _PADDED.format("0012345"),
                2,
                id="policy-knob",
            ),
            pytest.param(
                "12345",
                ["0012345"],
                {"policy": attrs.evolve(DEFAULT_POLICY, aast_id_characters="1-9")},
                _DIGITS,
                0,
                id="no-zeros-allowed",
            ),
            pytest.param(
                "12345",
                ["0012345"],
                {"policy": attrs.evolve(SMALL_CELLS, aast_id_max_length=100)},
                _PADDED.format("0012345"),
                35,
                id="up-to-the-cell-limit",
            ),
        ],
    )
    def test_hint(
        self,
        aast_id: str,
        accounts: list[str],
        options: dict[str, Any],
        hint: str,
        padded_asked: int,
    ) -> None:
        """The row stays refused; the hint names the fix, and the padded forms (up to the
        longest ID the policy takes, if it takes zeros, and a cell holds) are asked for in
        one extra call, if any."""
        repository = _Recording(*accounts)
        report = check(
            roster(f"PRG-1,{aast_id},Ada,Lovelace,2026-03-02"), repository=repository, **options
        )
        assert {2: ("account-not-found",)} == outcome(report)
        (finding,) = report.refused[0].findings
        assert hint == finding.hint
        assert [1] + ([padded_asked] if padded_asked else []) == [
            len(ids) for ids in repository.asked
        ]

    def test_one_extra_call_for_every_row(self) -> None:
        """All the not-found all-digit IDs, on kept rows and on rows refused in the row
        pass, are looked up in one extra call; found and other IDs are not."""
        repository = _Recording("0012345", "00777")
        rows = [
            ADA,
            "PRG-1,12345,Ada,Lovelace,2026-03-02",
            "PRG-1,777,Ada,Lovelace,bad",
            "PRG-1,Z9,Ada,Lovelace,2026-03-02",
            "PRG-1,12345,Ada,Lovelace,2026-03-02",
        ]
        report = check(roster(*rows), repository=repository)
        assert [5, 15 + 17] == [len(ids) for ids in repository.asked]
        hints = {
            r.row: [f.hint for f in r.findings if f.code == "account-not-found"]
            for r in report.refused
        }
        assert {
            3: [_PADDED.format("0012345")],
            4: [_PADDED.format("00777")],
            5: [_OTHER],
            6: [_PADDED.format("0012345")],
        } == hints

    def test_no_extra_call_when_every_digit_id_is_found(self) -> None:
        """All-digit IDs that name accounts, and IDs of other shapes that do not, cost no
        extra call."""
        repository = _Recording("12345")
        report = check(
            roster("PRG-1,12345,Ada,Lovelace,2026-03-02", "PRG-1,Z9,Ada,Lovelace,2026-03-02"),
            repository=repository,
        )
        assert {2: ("accepted",), 3: ("account-not-found",)} == outcome(report)
        assert [["12345", "Z9"]] == repository.asked

    def test_too_many_to_look_up(self) -> None:
        """Past the most padded IDs the check asks for, it asks for none; the hint still
        says the zeros may have been lost."""
        repository = _Recording("0012345")
        with mock.patch.object(settle, "MOST_PADDED", 14):
            report = check(roster("PRG-1,12345,Ada,Lovelace,2026-03-02"), repository=repository)
        assert 1 == len(repository.asked)
        assert _DIGITS == report.refused[0].findings[0].hint


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

    def test_names_normalized_row_by_row(self) -> None:
        """With no fast path (an extension), names with extra spaces are accepted normalized."""
        report = check(roster("PRG-1,A1,  Ada ,  Lovelace ,2026-03-10"), **EXTENDED)
        assert () == report.refused
        attendee = report.accepted[0]
        assert ("Ada", "Lovelace") == (attendee.first_name, attendee.last_name)
        assert () == report.warnings


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

    def test_completed_on_the_report_date_row_by_row(self) -> None:
        """Completed on the report date: accepted, as the row-by-row check (a staff
        extension turns the column pass off) sees it."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,2026-03-20"), **EXTENDED)
        assert () == report.refused
        assert (2,) == report.accepted.rows

    def test_completed_the_day_after_the_report_date_row_by_row(self) -> None:
        """Completed the day after the report date: refused as after the report date, row
        by row."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,2026-03-21"), **EXTENDED)
        assert {2: (after_report(2, "2026-03-21", "2026-03-20"),)} == refused(report)


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

    def test_row_refused_in_the_row_pass_is_also_a_repeat(self) -> None:
        """A row refused for its date also names the accepted row of its ID, or an earlier
        roster."""
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

    def test_row_refused_for_its_names_is_a_repeat_of_a_later_accepted_row(self) -> None:
        """With name mismatches refused, a refused row's ID accepted further down is a repeat."""
        report = check(roster("PRG-1,A1,Bob,Smith,2026-03-02", ADA), policy=REFUSE)
        assert (3,) == report.accepted.rows
        assert ("name-mismatch-refused", "duplicate-in-roster") == report.refused[0].codes
        assert duplicate(2, "A1", 3) == report.refused[0].findings[1]

    def test_more_rows_than_one_settling_slice(self) -> None:
        """Past 4,096 kept rows, repeats and guests in the first slice still count."""
        rows, repository = _many(4200)
        rows.insert(1, rows[0])  # B0 twice: rows 2 and 3
        report = check(roster(*rows), repository=repository)
        assert 4200 == len(report.accepted)
        assert {3: ("duplicate-in-roster",)} == {r.row: r.codes for r in report.refused}
        assert (3, 4197) == (report.guests, report.members)

    def test_repeats_of_an_id_claimed_in_an_earlier_slice(self) -> None:
        """An ID first kept more than 4,096 rows before its repeats: the first row is the
        accepted one, and each repeat names it, in the same slice as another or not."""
        rows, repository = _many(4200)
        rows += [rows[1], rows[5], rows[1]]  # B1 at rows 3, 4202 and 4204; B5 at 7 and 4203
        report = check(roster(*rows), repository=repository)
        assert 4200 == len(report.accepted)
        assert [duplicate(4202, "B1", 3), duplicate(4203, "B5", 7), duplicate(4204, "B1", 3)] == [
            f for r in report.refused for f in r.findings
        ]

    def test_claims_noted_in_one_slice_hold_in_the_next(self) -> None:
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

    @pytest.mark.parametrize(
        "reported_at",
        [date(2026, 3, 1), date(2026, 5, 1)],
        ids=["window-not-open", "window-closed"],
    )
    def test_every_row_of_a_large_file_refused_once(self, reported_at: date) -> None:
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

    def test_naive_report_moment_names_the_field(self) -> None:
        """A report moment with no time zone is refused, naming reported_at."""
        with pytest.raises(NaiveDatetime) as raised:
            check(roster(ADA), reported_at=datetime(2026, 3, 20, 12, 0))
        assert "reported_at" == raised.value.field
        assert str(raised.value).startswith("reported_at 2026-03-20 12:00:00 has no time zone")


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
