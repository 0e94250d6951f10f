"""The fast paths of a roster check agree with the reference rules for one row.

Rows that pass every rule of the row alone are kept without a call per row:
a block with no quote is checked a column at a time, and rows from
``csv.reader`` or from records are checked against caches of the names and
dates seen.  Only the rows these checks doubt go to ``check_row``, the
reference, which collects every finding.  The property here generates rosters
with every kind of defect and holds the two to the same report.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any
from unittest import mock

import attrs
from hypothesis import given, settings, strategies as st

from cec_rules._roster import fastpass, rows as rows_module, sources
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.policy import DEFAULT_POLICY, NameMismatch
from cec_rules.program import Offering, Program, ProgramFormat
from cec_rules.roster import FIELDS, RosterReport, check_roster

OFFERING = Offering(date(2026, 3, 2), date(2026, 3, 6))
ACCOUNTS = [
    Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
    Account(aast_id="A2", first_name="José", last_name="Núñez", kind="member"),
    Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
    Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
]
REPOSITORY = InMemoryRepository(ACCOUNTS, reported={("PRG-1", OFFERING): ["R1"]})

# Each field's values: valid ones, irregular but valid ones, and one of each defect.
# Values with "\udc.." hold a byte that is not UTF-8 (written with surrogateescape).
PROGRAM_IDS = ["PRG-1", "PRG-1", "prg-1 ", "PRG-2", "", "P" * 30, "PRG-1\udc80"]
AAST_IDS = [
    "A1",
    "A2",
    "G1",
    " G1",
    "A1 ",
    "Z9",
    " Z9",
    "R1",
    "1.23457E+11",
    "123.0",
    "A 1",
    "",
    "A" * 20,  # longer than some cell limits, yet of the default pattern
    "A" * 30,
    "A1\udcff",  # a bad byte the pattern \S+ lets through
]
FIRST_NAMES = ["Ada", "ada", "Jose", "José", "Zoë", " Zoë  ", "Adah", "=Ada", "Ada\x01", "123"]
FIRST_NAMES += ["Jos\udce9", "JosÃ©", "Jos?"]  # a bad byte, and names damaged by encodings
LAST_NAMES = ["Lovelace", "Núñez", "Saldaña", "Nunez", "Byron", "", "L" * 101, "+L", "\u200b"]
LAST_NAMES += ["N\udcfa\udcf1ez", "NÃºÃ±ez", "Lovel\ufffdce"]
DATES = [
    "2026-03-02",
    "3/4/2026",
    " 2026-03-06",
    "2026-02-01",
    "2026-03-25",
    "13/4/2026",
    # Day-first dates: 4/3 and 05/03 name a day of the offering only read day first,
    # 3/3/2026 is the same day either way, and 1/13/2026 names one only month first.
    "4/3/2026",
    "05/03/2026",
    "3/3/2026",
    "1/13/2026",
    "2026-02-30",
    "3/2/26",
    "46083",
    "March 2",
    "",
    "2026-03-0\udcb2",
]

CLEAN_ROW = ["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"]
FIELD_VALUES = (PROGRAM_IDS, AAST_IDS, FIRST_NAMES, LAST_NAMES, DATES)


@st.composite
def one_defect(draw: st.DrawFn) -> list[str]:
    """A clean row with one field replaced: the defects one at a time."""
    row = list(CLEAN_ROW)
    index = draw(st.integers(0, len(FIELDS) - 1))
    row[index] = draw(st.sampled_from(FIELD_VALUES[index]))
    return row


@st.composite
def bad_byte(draw: st.DrawFn) -> list[str]:
    """A clean row with a byte that is not UTF-8 (written with surrogateescape) in one
    field, where only the reference rules look for it."""
    row = list(CLEAN_ROW)
    index = draw(st.integers(0, len(FIELDS) - 1))
    row[index] += draw(st.sampled_from(["\udce9", "\udc80\udcff"]))
    return row


defective_rows = st.one_of(
    # (Listed three times: defects one at a time are the ones the passes must tell apart.)
    one_defect(),
    one_defect(),
    one_defect(),
    st.tuples(*(st.sampled_from(values) for values in FIELD_VALUES)).map(list),
    bad_byte(),
    bad_byte(),
    st.just(["", "", "", "", ""]),  # a blank row
    st.lists(st.sampled_from(["PRG-1", "A1", "Ada"]), min_size=1, max_size=7).filter(
        lambda row: len(row) != len(FIELDS)  # a ragged row
    ),
)
#: Rosters with every kind of defect among clean rows.
defective_rosters = st.lists(st.one_of(st.just(CLEAN_ROW), defective_rows), min_size=1, max_size=40)

#: The inputs the passes read: the program's format, the report date (window open,
#: closed or not yet open), the policy's AAST ID knob, cell limit and name-match rule.
check_options = st.fixed_dictionaries(
    {
        "program": st.sampled_from(
            [
                Program(title="Live", cecs=2, program_id="PRG-1"),
                Program(
                    title="Self-paced",
                    cecs=2,
                    program_id="PRG-1",
                    format=ProgramFormat.SELF_PACED,
                ),
            ]
        ),
        # Mostly an open window: a shut one sends every row to the reference anyway.
        "reported_at": st.sampled_from(
            [date(2026, 3, 20)] * 4 + [date(2026, 3, 6), date(2026, 3, 1), date(2026, 4, 30)]
        ),
        "policy": st.builds(
            lambda knob, max_cell, mismatch: attrs.evolve(
                DEFAULT_POLICY,
                aast_id_characters=knob[0],
                aast_id_min_length=knob[1],
                aast_id_max_length=knob[2],
                max_cell_length=max_cell,
                name_mismatch=mismatch,
            ),
            st.sampled_from(
                [
                    ("A-Za-z0-9-", 1, 20),
                    ("AGRZ0-9", 2, 2),
                    ("!-~", 1, 30),
                    ("-!-~\xa1-\u167f", 1, 30),
                ]
            ),
            st.sampled_from([12, 12, 25, 1000]),
            st.sampled_from(list(NameMismatch)),
        ),
    }
)


def check(source: Any, **options: Any) -> RosterReport:
    options.setdefault("program", Program(title="Live", cecs=2, program_id="PRG-1"))
    options.setdefault("reported_at", date(2026, 3, 20))
    return check_roster(source, offering=OFFERING, repository=REPOSITORY, **options)


def _delimited(
    rows: list[list[str]], delimiter: str, line_end: str, *, quote_all: bool = False
) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator=line_end,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
    writer.writerows(rows)
    return out.getvalue()


@contextlib.contextmanager
def reference_rules_only() -> Iterator[None]:
    """Within this block, every row of a check goes to the reference rules (as when
    the reporting window is shut): no column pass, no cached fast checks."""
    original = fastpass.RowPass.__init__

    def without_fast_path(self: fastpass.RowPass, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.fast = False

    with mock.patch.object(fastpass.RowPass, "__init__", without_fast_path):
        yield


class TestFastPassAgreesWithReference:
    """The column pass and the row-at-a-time fast checks only decide faster which rows
    need a second look: every roster gives the same report as when each row is
    checked by the reference rules alone (``check_row``)."""

    # Each example is a few milliseconds: run more of them than the profile's default.
    @settings(max_examples=6 * settings().max_examples)
    @given(
        rows=defective_rosters,
        source=st.sampled_from(["bytes", "quoted", "text", "records"]),
        delimiter=st.sampled_from([",", ";", "\t"]),
        line_end=st.sampled_from(["\r\n", "\n", "\r"]),
        block=st.integers(1, 400),
        options=check_options,
    )
    def test_same_report(
        self,
        rows: list[list[str]],
        source: str,
        delimiter: str,
        line_end: str,
        block: int,
        options: dict[str, Any],
    ) -> None:
        """Every kind of defect, every source form, every policy knob the passes read:
        the fast report equals the reference report."""
        if source == "records":
            data: Any = [dict(zip(FIELDS, row, strict=False)) for row in rows]
        else:
            text = _delimited(rows, delimiter, line_end, quote_all=source == "quoted")
            data = (
                io.StringIO(text, newline="")
                if source == "text"
                else text.encode("utf-8", "surrogateescape")
            )
        with mock.patch.object(sources, "BLOCK", block):
            fast = check(data, **options)
            if source == "text":
                data.seek(0)
            with reference_rules_only():
                reference = check(data, **options)
        assert reference.to_dict() == fast.to_dict()

    def test_reference_path_is_taken(self) -> None:
        """The reference run does check every row one by one (so the property above
        compares two different paths)."""
        rows = [["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"]] * 3
        calls: list[int] = []
        original = rows_module.check_row

        def counting(number: int, *args: Any) -> None:
            calls.append(number)
            original(number, *args)

        with mock.patch.object(fastpass, "check_row", counting):
            check(_delimited(rows, ",", "\n").encode())
            assert [] == calls  # duplicates are found later, in settlement
            calls.clear()
            with reference_rules_only():
                check(_delimited(rows, ",", "\n").encode())
            assert [2, 3, 4] == calls
