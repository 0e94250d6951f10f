"""Date order as a property of the file (`completion-date`, December 2026 decision).

A slash date is read month first, row by row.  A file that holds a slash date
impossible month first but possible day first (``13/3/2026``) writes the day
first: then every slash date of it that names another day read day first is
refused (``date-ambiguous-order``), and one that names a day only month first
too (``date-mixed-order``), wherever the rows are, before or after the proving
row, kept or refused.  A slash date outside the offering that falls inside it
read day first says so in its hint, proof or not.  The words of the findings
are in test_messages.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import assume, given, strategies as st

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.roster import RosterDraft, RosterReport
from helpers import (
    PROGRAM,
    REPOSITORY,
    SELF_PACED,
    SMALL_CELLS,
    WEEK,
    YEAR,
    check,
    mapping_rows,
    outcome,
    refused,
    roster,
)

#: Each row's AAST ID and names, in the order rows_of gives them.
PEOPLE = (
    "A1,Ada,Lovelace",
    "A2,Grace,Hopper",
    "A3,José,Núñez-O'Brien",
    "G1,Zoë,Saldaña",
    "G2,Olu,Okafor",
)
#: A live program's year-long offering, reported while its window is open: every
#: date of 2026 is inside the offering and none is after the report.
WHOLE_YEAR: dict[str, Any] = {"offering": YEAR, "reported_at": date(2027, 1, 10)}


def rows_of(*dates: str) -> tuple[str, ...]:
    """One row per date, each for another attendee of REPOSITORY (at most five)."""
    return tuple(f"PRG-1,{person},{done}" for person, done in zip(PEOPLE, dates, strict=False))


def check_dates(*dates: str, **options: Any) -> RosterReport:
    """Check a roster of these dates over the whole year (unless options say otherwise)."""
    return check(roster(*rows_of(*dates)), **{**WHOLE_YEAR, **options})


ACCEPTED = ("accepted",)
PROOF = ("date-day-month-order",)
AMBIGUOUS = ("date-ambiguous-order",)
MIXED = ("date-mixed-order",)


class TestDayFirstFile:
    """`completion-date`: a file that shows day-first order has nothing taken month first."""

    @pytest.mark.parametrize(
        ("dates", "expected"),
        [
            pytest.param(("5/3/2026", "6/3/2026"), (ACCEPTED, ACCEPTED), id="no-proof"),
            pytest.param(("13/01/2026",), (PROOF,), id="13/01-proof-alone"),
            pytest.param(("12/12/2026", "13/1/2026"), (ACCEPTED, PROOF), id="12/12-equal"),
            pytest.param(("01/13/2026",), (ACCEPTED,), id="01/13-alone-month-first"),
            pytest.param(("01/13/2026", "13/01/2026"), (MIXED, PROOF), id="01/13-with-proof"),
            pytest.param(("5/3/2026", "31/12/2026"), (AMBIGUOUS, PROOF), id="31/12-proof"),
            pytest.param(("12/1/2026", "13/12/2026"), (AMBIGUOUS, PROOF), id="12/1-ambiguous"),
            pytest.param(
                ("03/03/2026", "3/3/2026", "13/3/2026", "03/3/2026"),
                (ACCEPTED, ACCEPTED, PROOF, ACCEPTED),
                id="equal-day-and-month",
            ),
            pytest.param(
                ("2026-05-03", "05/03/2026", "2026-03-05", "13/03/2026"),
                (ACCEPTED, AMBIGUOUS, ACCEPTED, PROOF),
                id="iso-mixed-in",
            ),
            pytest.param(
                ("13/3/2026", "5/3/2026", "6/3/2026", "5/3/2026"),
                (PROOF, AMBIGUOUS, AMBIGUOUS, AMBIGUOUS),
                id="proof-in-first-row",
            ),
            pytest.param(
                ("5/3/2026", "6/3/2026", "5/3/2026", "13/3/2026"),
                (AMBIGUOUS, AMBIGUOUS, AMBIGUOUS, PROOF),
                id="proof-in-last-row",
            ),
            pytest.param(
                ("5/3/2026", "31/4/2026"),
                (ACCEPTED, ("date-no-such-day",)),
                id="no-day-either-way-is-no-proof",
            ),
            pytest.param(
                ("5/3/2026", "13/13/2026"),
                (ACCEPTED, ("date-no-such-day",)),
                id="13/13-is-no-proof",
            ),
            pytest.param(
                ("5/3/2026", "13/3/26", "2026-13-03"),
                (ACCEPTED, ("date-two-digit-year",), ("date-no-such-day",)),
                id="only-a-four-digit-year-slash-date-is-proof",
            ),
        ],
    )
    def test_boundaries(self, dates: tuple[str, ...], expected: tuple[tuple[str, ...]]) -> None:
        """Which dates a file's order refuses: both numbers 12 or less and different,
        or a day only month first; never a date equal either way, nor an ISO date."""
        report = check_dates(*dates)
        assert dict(enumerate(expected, start=2)) == outcome(report)

    def test_accepted_dates_read_as_the_file_writes_them(self) -> None:
        """The dates a day-first file keeps are the days it means."""
        report = check_dates("12/12/2026", "13/1/2026", "2026-05-03", "03/03/2026")
        accepted = {a.row: a.completion_date for a in report.accepted}
        assert {2: date(2026, 12, 12), 4: date(2026, 5, 3), 5: date(2026, 3, 3)} == accepted

    def test_proof_row_itself_refused_for_more(self) -> None:
        """A proving row refused for other reasons too still shows the file's order."""
        rows = (*rows_of("5/3/2026"), "PRG-1,A 2,Grace,Hopper,13/3/2026")
        report = check(roster(*rows), **WHOLE_YEAR)
        assert {2: AMBIGUOUS, 3: ("aast-id-format", "date-day-month-order")} == outcome(report)

    def test_records_are_one_file(self) -> None:
        """Records (mappings) count as one file: a later record proves the order."""
        report = check(mapping_rows(*rows_of("5/3/2026", "2026-03-05", "13/3/2026")), **WHOLE_YEAR)
        assert {2: AMBIGUOUS, 3: ACCEPTED, 4: PROOF} == outcome(report)

    def test_draft_entry_proves_the_order_of_earlier_entries(self) -> None:
        """In a RosterDraft, an entry that proves day-first order refuses an earlier one, and
        says so."""
        draft = RosterDraft(program=PROGRAM, offering=YEAR, reported_at=date(2027, 1, 10))
        entries = mapping_rows(*rows_of("5/3/2026", "13/3/2026"))
        draft, first = draft.add(entries[0], REPOSITORY)
        assert first.attendee is not None
        draft, second = draft.add(entries[1], REPOSITORY)
        assert second.refusal is not None
        assert PROOF == second.refusal.codes
        assert [(2, AMBIGUOUS)] == [(c.row, c.refusal.codes) for c in second.changed if c.refusal]
        assert {2: AMBIGUOUS, 3: PROOF} == outcome(draft.report(REPOSITORY))

    def test_kept_rows_move_in_row_order(self) -> None:
        """Rows kept before the proof and refused after it take their places in row order,
        among rows refused while reading (`row-conservation`)."""
        rows = (
            "PRG-1,A1,Ada,Lovelace,5/3/2026",
            "PRG-1,A 9,Grace,Hopper,2026-03-05",
            "PRG-1,A3,José,Núñez-O'Brien,6/3/2026",
            ",,,,",
            "PRG-1,G1,Zoë,Saldaña,13/3/2026",
            "PRG-1,G2,Olu,Okafor,7/3/2026",
        )
        report = check(roster(*rows), **WHOLE_YEAR)
        assert [2, 3, 4, 6, 7] == [r.row for r in report.refused]
        assert (5,) == report.blank_rows
        assert () == tuple(report.accepted)

    def test_moved_row_keeps_its_cells_as_read(self) -> None:
        """A kept row that was only irregular keeps its cells as read when refused."""
        rows = ("prg-1 , A1 ,Ada,Lovelace,5/3/2026", *rows_of("", "13/3/2026")[1:])
        report = check(roster(*rows), **WHOLE_YEAR)
        assert ("prg-1 ", " A1 ", "Ada", "Lovelace", "5/3/2026") == report.refused[0].cells

    def test_moved_row_settled_like_a_refused_row(self) -> None:
        """A moved row still gets the account and claim findings of a refused row, and a
        later row of its ID is accepted in its place."""
        rows = (
            "PRG-1,Z9,Ada,Lovelace,5/3/2026",
            "PRG-1,A1,Ada,Lovelace,6/3/2026",
            "PRG-1,A1,Ada,Lovelace,2026-03-06",
            "PRG-1,G1,Zoë,Saldaña,13/3/2026",
        )
        report = check(roster(*rows), **WHOLE_YEAR)
        assert {
            2: ("date-ambiguous-order", "account-not-found"),
            3: ("date-ambiguous-order", "duplicate-in-roster"),
            4: ACCEPTED,
            5: PROOF,
        } == outcome(report)
        assert "'A1' is already accepted in row 4" == report.refused[1].findings[1].message

    @pytest.mark.parametrize(
        ("dates", "options", "expected"),
        [
            pytest.param(
                ("05/03/2026", "13/3/2026"),
                {"offering": WEEK, "reported_at": date(2026, 3, 20)},
                (AMBIGUOUS, ("date-day-month-order",)),
                id="outside-the-offering-month-first",
            ),
            pytest.param(
                ("10/2/2026", "1/2/2026", "13/3/2026", "3/4/2026"),
                {"program": SELF_PACED, "offering": YEAR, "reported_at": date(2026, 3, 20)},
                (AMBIGUOUS, AMBIGUOUS, PROOF, AMBIGUOUS),
                id="self-paced-after-report-and-window-closed-month-first",
            ),
            pytest.param(
                ("3/4/2026", "13/3/2026", "2026-03-04", "3/3/2026"),
                {"offering": WEEK, "reported_at": date(2026, 5, 1)},
                (
                    ("date-ambiguous-order", "window-closed"),
                    ("date-day-month-order", "window-closed"),
                    ("window-closed",),
                    ("window-closed",),
                ),
                id="window-closed",
            ),
            pytest.param(
                ("3/4/2026", "13/3/2026"),
                {"offering": WEEK, "reported_at": date(2026, 3, 1)},
                (
                    ("date-ambiguous-order", "window-not-open"),
                    ("date-day-month-order", "window-not-open"),
                ),
                id="window-not-open-after-report-month-first",
            ),
        ],
    )
    def test_refused_rows(
        self,
        dates: tuple[str, ...],
        options: dict[str, Any],
        expected: tuple[tuple[str, ...], ...],
    ) -> None:
        """A refused row whose date is ambiguous gets the finding in place of those of its
        month-first reading (outside the offering, after the report, self-paced window),
        before the findings of the reporting window."""
        report = check_dates(*dates, **options)
        assert dict(enumerate(expected, start=2)) == outcome(report)

    def test_findings_name_the_row_and_field(self) -> None:
        """The finding is an error of `completion-date` on the row's Completion Date."""
        (finding,) = refused(check_dates("5/3/2026", "13/3/2026"))[2]
        assert ("date-ambiguous-order", "completion-date", "error", 2, "completion_date") == (
            finding.code,
            finding.rule,
            finding.severity.value,
            finding.row,
            finding.field,
        )

    def test_a_long_cell_is_no_date(self) -> None:
        """A date cell past the policy's cell limit refuses the file for its length: it
        is read as no date, proof of day-first order or not."""
        rows = (*rows_of("13/3/2026"), "PRG-1,A2,Grace,Hopper," + " " * 40 + "5/3/2026")
        report = check(roster(*rows), policy=SMALL_CELLS, **WHOLE_YEAR)
        assert ((3, "file-cell-too-long"),) == tuple((f.row, f.code) for f in report.file_findings)

    def test_a_ragged_row_has_no_date(self) -> None:
        """A row with another number of cells is refused as ragged, whatever it holds."""
        rows = (*rows_of("13/3/2026"), "PRG-1,A2,Grace,Hopper,5/3/2026,extra")
        report = check(roster(*rows), **WHOLE_YEAR)
        assert {2: PROOF, 3: ("row-ragged",)} == outcome(report)


class TestOutsideTheOfferingReadDayFirst:
    """`completion-date`: a slash date outside the offering that falls inside it read day
    first has a hint about day/month order, in a file with no proof too."""

    @pytest.mark.parametrize(
        ("cell", "hinted"),
        [
            pytest.param("4/3/2026", True, id="after-it-inside-read-day-first"),
            pytest.param("04/03/2026", True, id="after-it-inside-read-day-first-padded"),
            pytest.param("2/3/2026", True, id="before-it-inside-read-day-first"),
            pytest.param("4/8/2026", False, id="outside-either-way"),
            pytest.param("2026-04-03", False, id="iso"),
            pytest.param("3/13/2026", False, id="no-day-read-day-first"),
            pytest.param("4/4/2026", False, id="equal-either-way"),
        ],
    )
    def test_hint(self, cell: str, hinted: bool) -> None:
        """Only a date that read day first falls inside the offering gets the hint."""
        report = check(
            roster(f"PRG-1,A1,Ada,Lovelace,{cell}"), offering=WEEK, reported_at=date(2026, 4, 15)
        )
        ((finding,),) = refused(report).values()
        assert "date-outside-offering" == finding.code
        assert hinted == (finding.hint or "").startswith("read day first")


# --------------------------------------------------------------------------
# A law: a roster written day first never has a date taken month first

_PEOPLE = 30
_ACCOUNTS = InMemoryRepository(
    [
        Account(aast_id=f"P{index}", first_name="Ada", last_name="Lovelace", kind="member")
        for index in range(_PEOPLE)
    ]
)


def _day_first(day: date, padded: bool) -> str:
    if padded:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day}/{day.month}/{day.year}"


class TestDayFirstLaw:
    """`completion-date`: in a day-first roster with a day past 12, every accepted row's
    date is the day the row means."""

    @given(
        rows=st.lists(
            st.tuples(
                st.dates(date(2026, 1, 1), date(2026, 12, 31)),
                st.sampled_from(["day-first", "padded", "iso"]),
            ),
            min_size=1,
            max_size=_PEOPLE,
        ),
        records=st.booleans(),
    )
    def test_no_date_read_month_first(self, rows: list[tuple[date, str]], records: bool) -> None:
        """No row is accepted with a date read month first."""
        assume(any(day.day > 12 and form != "iso" for day, form in rows))
        cells = [
            day.isoformat() if form == "iso" else _day_first(day, form == "padded")
            for day, form in rows
        ]
        lines = [f"PRG-1,P{index},Ada,Lovelace,{cell}" for index, cell in enumerate(cells)]
        source: Any = mapping_rows(*lines) if records else roster(*lines)
        report = check(source, repository=_ACCOUNTS, **WHOLE_YEAR)
        assert len(rows) == len(report.accepted) + len(report.refused)
        for attendee in report.accepted:
            assert rows[attendee.row - 2][0] == attendee.completion_date
        # ISO dates and dates equal either way are all a day-first file keeps.
        assert {
            index + 2
            for index, (day, form) in enumerate(rows)
            if form == "iso" or day.day == day.month
        } == set(report.accepted.rows)
