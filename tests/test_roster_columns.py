"""The column-at-a-time reading of a roster agrees with the row-at-a-time reading.

A block of CSV lines with no quote is split into cells with string methods
and checked a column at a time; a block with quotes (or a NUL) goes through
``csv.reader`` a row at a time.  Whatever the block size, the delimiter, the
policy's AAST ID pattern or cell limit, both give the same report
(`row-numbers`, `row-conservation` and every row rule).
"""

from __future__ import annotations

from cec_rules._roster import fastpass, sources
import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import IO, Any, cast
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cec_rules import roster
from cec_rules.accounts import AccountKind
from cec_rules.errors import RowConservationError
from cec_rules.policy import DEFAULT_POLICY, Policy
from cec_rules.roster import AcceptedAttendee, RosterReport
from test_roster_properties import HEADER, OFFERING, PROGRAM, check, rows_of_cells
from test_roster_reading import NonSeekable

#: AAST ID patterns: the default, others a whole block of IDs can be matched with
#: at once, and some that must be matched one ID at a time.
ID_PATTERNS = [
    DEFAULT_POLICY.aast_id_pattern,
    r"[AGRZ]\d",
    r"(?:A|G)\d{1,3}",
    r"\w+\.?\w*",
    r"[^,]{1,20}",
    r"(?=[AG])\w+",
    r"\S+",
]


def _csv(rows: Sequence[Sequence[str]], delimiter: str, *, quote_all: bool = False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _report_as_data(report: RosterReport) -> dict[str, Any]:
    return report.to_dict()


class TestColumnsAgreeWithRows:
    """The same rows give the same report, read a column or a row at a time."""

    @given(
        rows=rows_of_cells,
        delimiter=st.sampled_from([",", ";", "\t"]),
        block=st.integers(1, 300),
        pattern=st.sampled_from(ID_PATTERNS),
        max_cell=st.sampled_from([2, 5, 1000]),
        line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    )
    def test_agree(
        self,
        rows: list[list[str]],
        delimiter: str,
        block: int,
        pattern: str,
        max_cell: int,
        line_end: str,
    ) -> None:
        """Minimal quoting in small blocks (mostly columns) equals quoting every cell (rows)."""
        policy = attrs.evolve(DEFAULT_POLICY, aast_id_pattern=pattern, max_cell_length=max_cell)
        minimal = _csv(rows, delimiter)
        if line_end != "\r\n" and b'"' not in minimal:
            # Without quotes no cell holds a line break: any line end reads the same.
            minimal = minimal.replace(b"\r\n", line_end.encode())
        with mock.patch.object(sources, "BLOCK", block):
            by_columns = check(minimal, policy=policy)
        by_rows = check(_csv(rows, delimiter, quote_all=True), policy=policy)
        assert _report_as_data(by_rows) == _report_as_data(by_columns)

    @given(rows=rows_of_cells, block=st.integers(1, 200))
    def test_text_stream_agrees(self, rows: list[list[str]], block: int) -> None:
        """A text stream the caller opened reads as its bytes do."""
        data = _csv(rows, ",")
        with mock.patch.object(sources, "BLOCK", block):
            from_text = check(io.StringIO(data.decode("utf-8"), newline=""))
        assert _report_as_data(check(data)) == _report_as_data(from_text)


class TestBlocks:
    """Blocks of lines: a quoted cell may run past the end of its block."""

    def test_line_break_in_quotes_across_blocks(self) -> None:
        """A quoted name with a line break, cut by the block's end, is one row."""
        rows = [["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"]] * 3
        rows.insert(1, ["PRG-1", "A2", "Grace\nMurray", "Hopper", "2026-03-02"])
        data = _csv(rows, ",")
        with mock.patch.object(sources, "BLOCK", 1):
            report = check(data)
        assert [(2, "Ada"), (3, "Grace Murray")] == [(a.row, a.first_name) for a in report.accepted]
        assert [(3, "name-mismatch")] == [(w.row, w.code) for w in report.warnings]
        expected = [(4, ("duplicate-in-roster",)), (5, ("duplicate-in-roster",))]
        assert expected == [(r.row, r.codes) for r in report.refused]

    def test_last_line_without_line_break_with_quotes(self) -> None:
        """The file's last line, with no line break, is read by csv when it holds quotes,
        as any other line is."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b'PRG-1,A1,Ada,Lovelace,3/2/2026\n"PRG-1","A2","Grace","Hopper","3/2/2026"'
        report = check(data)
        assert ([2, 3], ()) == ([a.row for a in report.accepted], report.refused)

    def test_last_line_without_line_break(self) -> None:
        """The file's last line needs no line break."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026"
        report = check(data)
        assert [(2, "A1", date(2026, 3, 2))] == [
            (a.row, a.aast_id, a.completion_date) for a in report.accepted
        ]

    def test_lone_carriage_returns(self) -> None:
        """Lines ended by a lone carriage return are rows, numbered as a spreadsheet does."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\r"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\r\rPRG-1,A2,Grace,Hopper,2026-03-03\r"
        report = check(data)
        assert ([2, 4], (3,)) == ([a.row for a in report.accepted], report.blank_rows)

    def test_padded_id_kept_trimmed(self) -> None:
        """An AAST ID with spaces around it is kept trimmed, its cells as read."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\nPRG-1, A2\xc2\xa0,Grace,Hopper,3/2/2026\n"
        data += b"PRG-1,Z9 ,Li,Wei,3/2/2026\n"
        report = check(data)
        assert ["A1", "A2"] == [a.aast_id for a in report.accepted]
        assert [(4, ("PRG-1", "Z9 ", "Li", "Wei", "3/2/2026"))] == [
            (r.row, r.cells) for r in report.refused
        ]

    def test_long_id_refused(self) -> None:
        """An AAST ID longer than a cell may be is refused, as the row path refuses it."""
        policy: Policy = attrs.evolve(DEFAULT_POLICY, max_cell_length=8)
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\nPRG-1,A22222222,Grace,Hopper,3/2/2026\n"
        report = check(data, policy=policy)
        assert [2] == [a.row for a in report.accepted]
        refused = [(r.row, r.codes, r.findings[0].field) for r in report.refused]
        assert [(3, ("cell-too-long",), "aast_id")] == refused


def _short_reads(data: bytes, most: int) -> IO[bytes]:
    return cast("IO[bytes]", NonSeekable(data, most))


class TestDecoded:
    """The row pass reads a binary stream as ``io.TextIOWrapper(newline="")`` would."""

    @given(
        text=st.lists(
            st.sampled_from(["a", ",", "é", "ễ", "\U0001f600", "\r", "\n", "\r\n", '"', "\ufeff"])
        ).map("".join),
        bom=st.booleans(),
        most=st.integers(1, 9),
        calls=st.lists(st.integers(0, 12), max_size=40),
    )
    def test_reads_as_text_wrapper(self, text: str, bom: bool, most: int, calls: list[int]) -> None:
        """Any mix of readline() (0) and read(size), over reads that stop anywhere, even
        inside a character or between CR and LF: each piece is the wrapper's next text."""
        data = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
        ours = sources.DecodedText(_short_reads(data, most), "utf-8-sig")
        theirs = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        for size in calls:
            if size:
                piece = ours.read(size)
                assert theirs.read(len(piece)) == piece
            else:
                assert theirs.readline() == ours.readline()
        assert theirs.readline() == ours.readline()
        assert theirs.read() == "".join(iter(lambda: ours.read(4), ""))  # the rest

    @given(data=st.binary(max_size=40), most=st.integers(1, 9))
    def test_bad_bytes_refused_as_by_text_wrapper(self, data: bytes, most: int) -> None:
        """Bytes that are not UTF-8 (a stray byte, a character cut at the end) raise
        UnicodeDecodeError; any other bytes give the wrapper's lines."""

        def lines(stream: Any) -> list[str] | None:
            try:
                return list(iter(stream.readline, ""))
            except UnicodeDecodeError:
                return None

        ours = sources.DecodedText(_short_reads(data, most), "utf-8-sig")
        theirs = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
        assert lines(theirs) == lines(ours)


class TestIdLines:
    """Which AAST ID patterns are matched over a whole block of IDs at once."""

    @pytest.mark.parametrize(
        ("pattern", "whole_block"),
        [
            pytest.param(DEFAULT_POLICY.aast_id_pattern, True, id="default"),
            pytest.param(r"A\d{8}", True, id="digits"),
            pytest.param(r"(?:AB|CD)-\w+", True, id="group-alternation-word"),
            pytest.param(r"[a\-z.]+", True, id="class-with-escapes"),
            pytest.param(r"x.y", True, id="dot"),
            pytest.param(r"[^,]+", False, id="negated-class"),
            pytest.param(r"\s+", False, id="whitespace"),
            pytest.param(r"\S+", False, id="not-whitespace"),
            pytest.param(r"^A\d+$", False, id="anchors"),
            pytest.param(r"A\b", False, id="word-boundary"),
            pytest.param(r"(?=A)\w+", False, id="lookahead"),
            pytest.param(r"(?<=x)A", False, id="lookbehind"),
            pytest.param(r"(?i)a\d", False, id="inline-flag"),
            pytest.param(r"(a)\1", False, id="back-reference"),
            pytest.param("a\nb", False, id="line-break"),
        ],
    )
    def test_subset(self, pattern: str, whole_block: bool) -> None:
        """Only patterns that cannot match a line break or look around are used whole."""
        assert whole_block == (fastpass.id_lines(pattern) is not None)


class TestConservationOrder:
    """`row-conservation` holds however the accepted rows are ordered."""

    def test_unordered_accepted_rows(self) -> None:
        """Accepted rows out of order still account for every row once."""
        attendees = [
            AcceptedAttendee(3, "A2", "Grace", "Hopper", AccountKind.MEMBER, date(2026, 3, 2)),
            AcceptedAttendee(2, "A1", "Ada", "Lovelace", AccountKind.MEMBER, date(2026, 3, 2)),
        ]
        report = _direct_report(accepted=attendees, data_rows=3, blank_rows=(4,))
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
            _direct_report(accepted=attendees, data_rows=3, blank_rows=blank_rows)


def _direct_report(**values: Any) -> RosterReport:
    return RosterReport(
        program=PROGRAM,
        offering=OFFERING,
        report_date=date(2026, 3, 20),
        policy=DEFAULT_POLICY,
        window=None,
        refused=(),
        warnings=(),
        file_findings=(),
        **values,
    )


class TestAttendeesKinds:
    """Attendees keep each account kind as a code; they read back as AccountKind."""

    def test_kinds_round_trip(self) -> None:
        """Members and guests read back as given, counted by kind, sliced and iterated."""
        attendees = roster.Attendees(
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
            roster.Attendees((2,), ("A1",), ("Ada",), ("Lovelace",), kinds, (date(2026, 3, 2),))
