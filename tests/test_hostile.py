"""Hostile input, as a service checking public uploads meets it (`roster-file`).

Every shape ends in a report or the library's own error, and costs work in
proportion to what the library reads, never to the size of the upload beyond
a limit.  Work is measured without a clock: the bytes a stream hands out, and
the memory ``tracemalloc`` sees at its peak.  ``bench/hostile.py`` prints the
time and memory of the same shapes against a clean roster of the same size.
"""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import sources
from cec_rules.errors import CecRulesError, InvalidCredits, InvalidPolicy
from cec_rules.policy import DEFAULT_POLICY, Policy, load_toml
from cec_rules.program import Application
from cec_rules.roster import RosterReport
from helpers import ADA, HEADER, check, file_codes, outcome

HEAD = (HEADER + "\r\n" + ADA + "\r\n").encode()


class Generated(io.RawIOBase):
    """A binary stream of ``head`` and then ``filler`` repeated up to ``size`` bytes,
    made as it is read: an upload of any size that costs the test no memory.
    ``handed`` counts the bytes read from it."""

    def __init__(self, head: bytes, filler: bytes, size: int) -> None:
        super().__init__()
        self.head, self.filler, self.size = head, filler, size
        self.position = 0
        self.handed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        count = min(len(view), self.size - self.position)
        written = 0
        while written < count:
            at = self.position + written
            if at < len(self.head):
                piece = self.head[at : at + count - written]
            else:
                offset = (at - len(self.head)) % len(self.filler)
                piece = (self.filler[offset:] * (1 + (count - written) // len(self.filler)))[
                    : count - written
                ]
            view[written : written + len(piece)] = piece
            written += len(piece)
        self.position += count
        self.handed += count
        return count


#: The shapes of hostile uploads: what follows the header and one good row, and
#: then the bytes repeated to the end of the upload.
SHAPES: dict[str, tuple[bytes, bytes]] = {
    "long-line": (b"", b"x"),  # one line with no line break
    "wide-row": (b"", b"a,"),  # one row of ever more cells
    "quote-left-open": (b'PRG-1,A2,"Grace', b"Hopper\r\n"),  # a quote never closed
    "many-rows": (b"", (ADA + "\r\n").encode()),  # rows past the row limit
    "blank-lines": (b"", b"\r\n"),  # blank rows past the row limit
    "carriage-returns": (b"", b"\r"),  # lone CRs: a line each
    "nul-bytes": (b"", b"\x00"),  # NUL in one endless cell
    "bad-utf8": (b"", b"\xff\xfe\xfd,"),  # bytes that are no UTF-8, in cells
}

#: The most a check may read of a hostile upload: the head, the line limit and
#: two blocks (the one that passes a limit and the one read before it is seen),
#: or the rows up to the row limit.
SMALL = attrs.evolve(DEFAULT_POLICY, max_roster_rows=1000, max_line_length=4096)


def bound(shape: str, policy: Policy = SMALL) -> int:
    """The most bytes a check of ``shape`` may read under ``policy``."""
    line = policy.max_line_length + 2
    block = 4 * sources.BLOCK  # a block of characters is at most four bytes each
    lead, filler = SHAPES[shape]
    rows = (policy.max_roster_rows + 2) * len(filler) if shape.endswith("rows") else 0
    return len(HEAD) + len(lead) + max(line, rows) + 2 * block


def run(shape: str, size: int, policy: Policy = SMALL) -> tuple[RosterReport, Generated]:
    lead, filler = SHAPES[shape]
    stream = Generated(HEAD + lead, filler, size)
    return check(io.BufferedReader(stream, 1 << 16), policy=policy), stream


class TestReadNoFurtherThanALimit:
    """A 200 MB upload of each shape is refused, or read, having read no more than the
    limits allow."""

    @pytest.mark.parametrize("shape", list(SHAPES))
    def test_huge_upload(self, shape: str) -> None:
        """The check ends with a report, reading at most ``bound(shape)`` bytes."""
        report, stream = run(shape, 200 << 20)
        assert stream.handed <= bound(shape) + (1 << 16), (shape, stream.handed)
        assert isinstance(report, RosterReport)

    @pytest.mark.parametrize(
        ("shape", "code"),
        [
            ("long-line", "file-line-too-long"),
            ("wide-row", "file-line-too-long"),
            ("quote-left-open", "file-line-too-long"),
            ("many-rows", "file-too-many-rows"),
            ("blank-lines", "file-too-many-rows"),
            ("carriage-returns", "file-too-many-rows"),
            ("nul-bytes", "file-line-too-long"),
        ],
    )
    def test_refused_naming_the_limit(self, shape: str, code: str) -> None:
        """Each shape is refused by the limit it passes, as a whole."""
        report, _ = run(shape, 20 << 20)
        assert (code,) == tuple(c for _, c in file_codes(report))
        assert (0, ()) == (len(report.accepted), tuple(report.refused))

    def test_wide_row_within_the_line_limit(self) -> None:
        """A row of more cells than max_columns, inside the line limit, is refused for its
        columns at its row."""
        report, _ = run("wide-row", len(HEAD) + 2 * 100)
        assert ((3, "file-too-many-columns"),) == file_codes(report)


class Rereadable(Generated):
    """A :class:`Generated` upload that can seek, as a file on disk can."""

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = offset if whence == io.SEEK_SET else self.position + offset
        return self.position

    def tell(self) -> int:
        return self.position


class TestLegacyEncodings:
    """A file in a legacy encoding is read twice (to tell its encoding, then as rows):
    each read stops at the limits too."""

    @pytest.mark.parametrize(
        ("filler", "code"),
        [
            (b"PRG-1,A1,Jos\xe9,Lovelace,2026-03-02\r\n", "file-too-many-rows"),
            (b"Jos\xe9 ", "file-line-too-long"),
        ],
    )
    def test_read_no_further_than_the_limits(self, filler: bytes, code: str) -> None:
        """A 100 MB Windows-1252 upload is refused at its limit, read twice at most as
        far as the limits allow."""
        stream = Rereadable(HEAD, filler, 100 << 20)
        report = check(stream, policy=SMALL)
        assert (code, "file-decoded-as-cp1252") == tuple(
            sorted((c for _, c in file_codes(report)), reverse=True)
        )
        most = 2 * (len(HEAD) + (SMALL.max_roster_rows + 2) * len(filler) + 8 * sources.BLOCK)
        assert stream.handed <= most


class TestMemory:
    """Memory is bounded by the limits, not by the upload."""

    @pytest.mark.parametrize("shape", ["long-line", "wide-row", "quote-left-open"])
    def test_peak_memory(self, shape: str) -> None:
        """A 50 MB upload of one endless line is refused holding a few blocks at most."""
        policy = attrs.evolve(DEFAULT_POLICY, max_line_length=1 << 20)
        tracemalloc.start()
        try:
            report, _ = run(shape, 50 << 20, policy=policy)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert report.file_refused
        # The line limit in characters (a str of ASCII text is a byte each), a few
        # copies of a block, and the cells of a line split at most once.
        assert peak < 24 * (1 << 20), peak


class TestHostileShapes:
    """Generated hostile uploads: any mix of the shapes, any size and block."""

    @given(
        shapes=st.lists(st.sampled_from(list(SHAPES)), min_size=1, max_size=4),
        repeat=st.integers(1, 20_000),
        size=st.integers(0, 4 << 20),
        block=st.sampled_from([1, 64, 4096, 1 << 17]),
    )
    def test_bounded(self, shapes: list[str], repeat: int, size: int, block: int) -> None:
        """A report comes out, every row once (the report checks it), and no more is
        read than the largest bound of the shapes mixed."""
        filler = b"".join(SHAPES[shape][1] * repeat for shape in shapes)
        lead = SHAPES[shapes[0]][0]
        stream = Generated(HEAD + lead, filler, len(HEAD) + size)
        original = sources.BLOCK
        sources.BLOCK = block
        try:
            report = check(io.BufferedReader(stream, 1 << 12), policy=SMALL)
        finally:
            sources.BLOCK = original
        most = max(bound(shape) for shape in shapes) + 4 * (original + len(filler))
        assert stream.handed <= most
        assert report.data_rows <= SMALL.max_roster_rows


class TestHostileValues:
    """Values from outside that once escaped as Python's errors or ran for ever."""

    @pytest.mark.parametrize(
        "cecs", ["1E-999999999", "1E+999999999", "0.1234567890123456789012345678901"]
    )
    def test_cecs_of_any_exponent(self, cecs: str) -> None:
        """CECs of an absurd exponent or past 28 digits are refused, never rounded to $0."""
        data = {
            "program": {"title": "Sleep", "cecs": cecs, "format": "live"},
            "offerings": [{"start": "2026-06-01", "end": "2026-06-01"}],
            "submitted": "2026-01-05",
        }
        with pytest.raises(InvalidCredits):
            Application.from_dict(data)

    @pytest.mark.parametrize(
        "text",
        [
            "label = " + "[" * 100_000 + "]" * 100_000,
            "a = {" * 5_000 + "}" * 5_000,
            "x = 1\n" * 400_000,
        ],
    )
    def test_toml_of_any_depth_and_size(self, text: str) -> None:
        """Deep or huge TOML is refused as an invalid policy before it is parsed."""
        with pytest.raises(InvalidPolicy):
            load_toml(text)

    @pytest.mark.parametrize(
        "make",
        [
            lambda: Decimal("1E+1000000"),
            lambda: Decimal("-1"),
            lambda: Decimal("NaN"),
            lambda: Decimal("sNaN"),
        ],
    )
    def test_policy_amounts(self, make: Callable[[], Decimal]) -> None:
        """A policy amount that is not a finite, sane decimal is refused as a policy."""
        with pytest.raises(CecRulesError):
            attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=make())


class TestSmallLimits:
    """The limits are the policy's: a service may set them lower for its uploads."""

    def test_outcome_unchanged_under_the_limits(self) -> None:
        """A clean roster under tight limits reads as it does under the defaults."""
        size = len(HEAD) + 10 * len(SHAPES["many-rows"][1])
        small, _ = run("many-rows", size)
        default, _ = run("many-rows", size, DEFAULT_POLICY)
        # Ada's row once, then ten copies of it: each a duplicate of the first.
        assert [2] == [a.row for a in small.accepted]
        assert dict.fromkeys(range(3, 13), ("duplicate-in-roster",)) == {
            r.row: r.codes for r in small.refused
        }
        assert (outcome(default), default.file_findings) == (outcome(small), small.file_findings)
        assert (tuple(default.refused), default.accepted) == (tuple(small.refused), small.accepted)
