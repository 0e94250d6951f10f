"""The column-at-a-time pass over a block agrees with the row-at-a-time checks.

A block of CSV lines with no quote is split into cells with string methods
and checked a column at a time; a block with quotes (or a NUL) goes through
``csv.reader`` a row at a time.  Whatever the block size, the delimiter, the
policy's AAST ID knob or cell limit, both give the same report
(`row-numbers`, `row-conservation` and every row rule).

These tests reach two private names of cec_rules._roster: ``sources.BLOCK`` (the
size of a block, made small so that blocks cut the rows anywhere) and
``fastpass.id_lines`` (the AAST ID check run over a whole block of IDs at once).
"""

from __future__ import annotations

import io
import itertools
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import fastpass, sources
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.roster import Finding, RosterReport
from helpers import (
    ADA,
    GRACE_ISO,
    SMALL_CELLS,
    IdKnob,
    check,
    check_week,
    file_codes,
    id_knobs,
    id_texts,
    refused,
    roster,
    rows_of_cells,
    write_csv,
)

#: AAST ID knobs (characters, fewest, most): the default, a narrow one, and wide ones
#: with punctuation (a comma and a quote among it) and characters past ASCII.
ID_KNOBS = [
    ("A-Za-z0-9-", 1, 20),
    ("AGRZ0-9", 2, 2),
    ("!-~", 1, 20),
    ("-!-~\xa1-\u167f\u3001-\ud7ff", 1, 12),
    ("A-Z0-9._", 1, 3),
]


def _report_as_data(report: RosterReport) -> dict[str, Any]:
    return report.to_dict()


class TestColumnsAgreeWithRows:
    """The same rows give the same report, read a column or a row at a time."""

    @given(
        rows=rows_of_cells,
        delimiter=st.sampled_from([",", ";", "\t"]),
        block=st.integers(1, 300),
        knob=st.sampled_from(ID_KNOBS),
        max_cell=st.sampled_from([15, 16, 1000]),  # "Completion Date" is 15 long
        line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    )
    def test_agree(
        self,
        rows: list[list[str]],
        delimiter: str,
        block: int,
        knob: tuple[str, int, int],
        max_cell: int,
        line_end: str,
    ) -> None:
        """Minimal quoting in small blocks (mostly columns) equals quoting every cell (rows)."""
        characters, shortest, longest = knob
        policy = attrs.evolve(
            DEFAULT_POLICY,
            aast_id_characters=characters,
            aast_id_min_length=shortest,
            aast_id_max_length=longest,
            max_cell_length=max_cell,
        )
        minimal = write_csv(rows, delimiter=delimiter)
        if line_end != "\r\n" and b'"' not in minimal:
            # Without quotes no cell holds a line break: any line end reads the same.
            minimal = minimal.replace(b"\r\n", line_end.encode())
        with mock.patch.object(sources, "BLOCK", block):
            by_columns = check_week(minimal, policy=policy)
        by_rows = check_week(write_csv(rows, delimiter=delimiter, quote_all=True), policy=policy)
        assert _report_as_data(by_rows) == _report_as_data(by_columns)

    @given(rows=rows_of_cells, block=st.integers(1, 200))
    def test_text_stream_agrees(self, rows: list[list[str]], block: int) -> None:
        """A text stream the caller opened reads as its bytes do."""
        data = write_csv(rows)
        with mock.patch.object(sources, "BLOCK", block):
            from_text = check_week(io.StringIO(data.decode("utf-8"), newline=""))
        assert _report_as_data(check_week(data)) == _report_as_data(from_text)


class TestIdLines:
    """The AAST ID check run over a whole block of IDs, a line each, at once."""

    @given(data=st.data(), knob=id_knobs())
    def test_runs_up_to_the_first_refused_id(self, data: st.DataObject, knob: IdKnob) -> None:
        """Over IDs each ended by a line break, the block check runs over exactly the IDs
        before the first that plain Python refuses."""
        ids = data.draw(st.lists(id_texts(knob).map(lambda t: t.replace("\n", "")), max_size=9))
        text = "".join(aast_id + "\n" for aast_id in ids)
        taken = list(itertools.takewhile(knob.allows, ids))
        match = fastpass.id_lines(knob.policy()).match(text)
        assert len("".join(aast_id + "\n" for aast_id in taken)) == match.end()  # type: ignore[union-attr]

    def test_pattern(self) -> None:
        """The block check is the policy's pattern and its line break, repeated."""
        assert "(?:[A-Za-z0-9-]{1,20}\n)*" == fastpass.id_lines(DEFAULT_POLICY).pattern


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
        """A cell past the limit refuses the file, whatever else the other rows of its
        block fail."""
        report = check(
            roster(
                "PRG-1," + "B" * 45 + ",Ada,Lovelace,2026-03-02",
                "PRG-9,A1,Ada,Lovelace,2026-03-02",
                "PRG-1,1.0,Grace,Hopper,2026-03-02",
            ),
            policy=SMALL_CELLS,
        )
        assert ((2, "file-cell-too-long"),) == file_codes(report)
        assert ((), ()) == (report.accepted.rows, tuple(report.refused))

    def test_long_id_of_allowed_characters(self) -> None:
        """An AAST ID of allowed characters but longer than a cell may be refuses the
        file."""
        policy = attrs.evolve(SMALL_CELLS, aast_id_characters="A-Z", aast_id_max_length=100)
        long_id = "AX" * 25
        repository = InMemoryRepository(
            [Account(aast_id=long_id, first_name="Ada", last_name="Lovelace", kind="member")]
        )
        report = check(
            roster(f"PRG-1,{long_id},Ada,Lovelace,2026-03-02", GRACE_ISO.replace("A2", "AB")),
            policy=policy,
            repository=repository,
        )
        found = [(f.row, f.code, f.field) for f in report.file_findings]
        assert ([(2, "file-cell-too-long", "aast_id")], ()) == (found, report.accepted.rows)

    def test_repeat_within_a_later_run(self) -> None:
        """An ID twice in a run of kept rows after a refused row: the second is a duplicate."""
        report = check(roster(ADA, "PRG-9,1.0,Ada,Lovelace,2026-03-02", GRACE_ISO, GRACE_ISO))
        assert (2, 4) == report.accepted.rows
        assert {
            3: ("program-id-mismatch", "aast-id-spreadsheet-number"),
            5: ("duplicate-in-roster",),
        } == {r.row: r.codes for r in report.refused}
