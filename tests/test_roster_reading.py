"""Reading rosters (section 5, `row-conservation`, `row-numbers`, `roster-fields`):
sources, encodings, line ends, headers, delimiters, quotes, limits and blocks.

A roster comes as bytes, a binary or text stream, or an iterable of mappings
(one at a time, with RosterDraft: test_roster_draft.py). Its text is read a block
at a time; TestBlocks and TestDecoded reach two private names of cec_rules.roster
for that: ``_BLOCK`` (the size of a block) and ``_Decoded`` (the decoder of a
binary stream that cannot seek).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, ClassVar, cast
from unittest import mock

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import reading, sources
from cec_rules._roster.findings import FileRefused
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.errors import InvalidArgument, NotApproved, UnsupportedSetting
from cec_rules.policy import DEFAULT_POLICY, Policy
from cec_rules.program import Program
from cec_rules.roster import Finding
from helpers import (
    ADA,
    GRACE,
    GRACE_ISO,
    HEADER,
    HEADER_CELLS,
    OFFERING,
    PROGRAM,
    SMALL_CELLS,
    ZOE,
    NonSeekable,
    check,
    check_week,
    file_codes,
    mapping_rows,
    outcome,
    roster,
    text,
    write_csv,
)


class TestEncodings:
    """UTF-8 with or without a byte-order mark; Windows-1252 with a warning; never garbled."""

    def test_utf8_bom(self) -> None:
        """A UTF-8 byte-order mark is not part of the first column's name."""
        report = check(b"\xef\xbb\xbf" + roster(ADA, ZOE))
        expected = ((), {2: ("accepted",), 3: ("accepted",)})
        assert expected == (file_codes(report), outcome(report))

    def test_bom_in_a_text_stream(self) -> None:
        """A text stream that kept the mark (decoded as plain UTF-8) reads the same."""
        report = check(io.StringIO("\ufeff" + text(ADA), newline=""))
        expected = ((), {2: ("accepted",)})
        assert expected == (file_codes(report), outcome(report))

    def test_windows_1252(self) -> None:
        """A Windows-1252 file is decoded with a warning, and its names are intact."""
        report = check(text(ZOE, "PRG-1,A2,Grace,Hopper,2026-03-02").encode("cp1252"))
        expected = ((None, "file-decoded-as-cp1252"),)
        assert expected == file_codes(report)
        assert ("Zoë", "Saldaña") == (report.accepted[0].first_name, report.accepted[0].last_name)
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)
        assert report.file_findings[0].hint == (
            "check a few accented names; save as 'CSV UTF-8' to avoid this"
        )

    def test_windows_1252_after_the_first_block(self) -> None:
        """A non-UTF-8 byte far into the file restarts the read: every row once."""
        rows = [GRACE] * 3000 + [ZOE]
        report = check(text(*rows).encode("cp1252"))
        expected = (3001, 2, 2999, ((None, "file-decoded-as-cp1252"),))
        actual = (report.data_rows, len(report.accepted), len(report.refused), file_codes(report))
        assert expected == actual

    @pytest.mark.parametrize(
        "data",
        [
            pytest.param(roster(ADA) + b"PRG-1,A2,Gr\xb0ce,Hopper,2026-03-02\r\n", id="0xb0"),
            pytest.param(b"\xb1" + roster(ADA), id="in-the-header"),
            pytest.param(
                roster(ADA, "PRG-1,A2,Grace,Ørsted,2026-03-02").decode().encode("cp1252"),
                id="two-readings",
            ),
        ],
    )
    def test_encoding_unknown(self, data: bytes) -> None:
        """A file that is not UTF-8 and that no one legacy encoding reads as names is
        refused; nothing is accepted (`roster-file`, `row-conservation`)."""
        report = check(data)
        assert ((None, "file-encoding-unknown"),) == file_codes(report)
        assert ((), 0) == (tuple(report.accepted), report.data_rows)

    def test_encoding_unknown_names_the_readings(self) -> None:
        """The message names the encodings that read the file as names alike."""
        data = roster(ADA, "PRG-1,A2,Grace,Ørsted,2026-03-02").decode().encode("cp1252")
        message = check(data).file_findings[0].message
        assert message.endswith(
            "it reads as names in Windows-1252 and Mac Roman and DOS code page 850 alike"
        )

    def test_non_seekable_stream_not_utf8(self) -> None:
        """A stream that cannot be re-read is refused when it is not UTF-8, not garbled."""
        report = check(io.BufferedReader(NonSeekable(text(ZOE).encode("cp1252"))))
        assert ((None, "file-undecodable"),) == file_codes(report)
        message = report.file_findings[0].message
        assert message.startswith("the file cannot be read as UTF-8 text (byte 0xeb")

    def test_non_seekable_stream_utf8_with_a_bad_byte(self) -> None:
        """A stream that cannot seek, UTF-8 with a character beyond ASCII before a bad
        byte, is read as UTF-8: the row with the bad byte is refused."""
        rows = (ZOE, "PRG-1,A2,Gréce,Hopper,2026-03-02", ADA)
        data = roster(*rows).replace("é".encode(), b"\xe9")
        report = check(io.BufferedReader(NonSeekable(data)))
        assert 3 == report.refused[0].row
        assert "row-undecodable" in report.refused[0].codes
        assert 2 == len(report.accepted)

    def test_non_seekable_stream_utf8(self) -> None:
        """A stream that cannot seek is read in one pass when it is UTF-8."""
        report = check(io.BufferedReader(NonSeekable(roster(ADA, ZOE))))
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)

    @pytest.mark.parametrize("most", [1, 7, 9, 64])
    def test_stream_handing_out_a_few_bytes_a_read(self, most: int) -> None:
        """A stream that cannot seek and hands out a few bytes a read, as a pipe may, is
        read whole: its first bytes (looked at for a byte-order mark) are not lost."""
        report = check(_short_reads(roster(ADA, ZOE), most))
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)
        assert ("Zoë", "Saldaña") == (report.accepted[1].first_name, report.accepted[1].last_name)

    def test_pipe(self) -> None:
        """A real pipe, which cannot seek, is read."""
        read_end, write_end = os.pipe()
        with os.fdopen(write_end, "wb") as writer:
            writer.write(roster(ADA))
        with os.fdopen(read_end, "rb") as reader:
            report = check(reader)
        assert {2: ("accepted",)} == outcome(report)

    def test_extra_first_column_after_a_byte_order_mark(self) -> None:
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


def _bad(data: bytes, *bad: tuple[str, bytes]) -> bytes:
    """``data`` with each text's UTF-8 bytes replaced by the bad bytes given."""
    for good, replacement in bad:
        data = data.replace(good.encode(), replacement)
    return data


class TestUtf16:
    """`roster-file`: UTF-16 with a byte-order mark is read, in either byte order;
    UTF-16 without one is refused, never misread as a header that lacks columns."""

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_with_a_byte_order_mark(self, encoding: str) -> None:
        """Either byte order, after its mark: the names are intact."""
        data = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else b""
        data = (codecs.BOM_UTF16_BE if encoding == "utf-16-be" else data) + text(
            ADA, ZOE, "PRG-1,A2,Grace,Hopper,2026-03-02"
        ).encode(encoding)
        report = check(data)
        expected = ((), {2: ("accepted",), 3: ("accepted",), 4: ("accepted",)})
        assert expected == (file_codes(report), outcome(report))
        assert ("Zoë", "Saldaña") == (report.accepted[1].first_name, report.accepted[1].last_name)

    def test_quotes_and_nul_in_utf16(self) -> None:
        """UTF-16 text goes through the same readers: quoted cells, a NUL character."""
        data = text(ADA, '"PRG-1","G1","Zoë","Saldaña","2026-03-02"', "PRG-1,A2,Gr\x00ce,H,x")
        report = check(data.encode("utf-16"))
        assert {
            2: ("accepted",),
            3: ("accepted",),
            4: ("name-control-character", "date-format"),
        } == outcome(report)

    @pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
    def test_without_a_byte_order_mark(self, encoding: str) -> None:
        """UTF-16 with no mark is refused saying so, not with 'the header lacks ...'."""
        report = check(text(ADA).encode(encoding))
        assert ((None, "file-utf16-without-bom"),) == file_codes(report)
        assert "UTF-16" in report.file_findings[0].message

    def test_short_file_is_not_utf16(self) -> None:
        """A file of one character is no evidence of UTF-16."""
        assert ((1, "file-missing-column"),) == file_codes(check(b"a\x00"))

    @pytest.mark.parametrize(
        "data",
        [
            pytest.param("ab".encode("utf-16-le"), id="two-characters-le"),
            pytest.param("ab".encode("utf-16-be"), id="two-characters-be"),
            pytest.param("ab".encode("utf-16-be") + b"\x00", id="cut-inside-a-character-be"),
            pytest.param("ab".encode("utf-16-le") + b"c", id="cut-inside-a-character-le"),
            pytest.param(
                text(ADA, "PRG-1,A2,Grace,Nguyễn,2026-03-02").encode("utf-16-le"),
                id="beyond-latin-1-after-the-first-bytes",
            ),
        ],
    )
    def test_told_by_the_first_bytes(self, data: bytes) -> None:
        """Two characters are evidence of UTF-16 with no mark, even when the file ends
        inside a third; only the first 64 bytes are looked at, so a character beyond
        Latin-1 (no NUL byte) further on does not hide it."""
        assert ((None, "file-utf16-without-bom"),) == file_codes(check(data))

    @pytest.mark.parametrize("most", [1, 7, 9])
    def test_told_by_the_first_bytes_of_a_stream(self, most: int) -> None:
        """However few bytes a read hands out, the first 64 are looked at, no more: a
        character beyond Latin-1 just after them does not hide UTF-16 with no mark."""
        header = HEADER.replace("First Name,", "First Name,Mã lớp,")
        assert "ớ" == header[34]
        data = text(ADA.replace("Ada,", "Ada,x,"), header=header).encode("utf-16-le")
        report = check(_short_reads(data, most))
        assert ((None, "file-utf16-without-bom"),) == file_codes(report)

    def test_a_file_of_nul_bytes_is_not_utf16(self) -> None:
        """A file of NUL bytes only (a file zeroed on disk) is no UTF-16 text: it is
        refused for its header, not as UTF-16 with no mark."""
        assert ((1, "file-missing-column"),) == file_codes(check(b"\x00" * 100))

    def test_bad_utf16(self) -> None:
        """UTF-16 cut by a lone surrogate is refused, naming the byte's offset."""
        data = text(ADA).encode("utf-16") + b"\x00\xd8a\x00"
        report = check(data)
        message = report.file_findings[0].message
        assert ((None, "file-undecodable"),) == file_codes(report)
        assert f"UTF-16 text (byte 0x00 at offset {len(data) - 4})" in message


class TestBadBytes:
    """`roster-file`: a UTF-8 file but for a few bad bytes is read as UTF-8, never in
    another encoding: the rows that hold a bad byte are refused, the rest are read."""

    def test_rows_with_bad_bytes_refused(self) -> None:
        """Each row holding a bad byte is refused naming it; the other rows are accepted."""
        data = _bad(
            roster(ZOE, "PRG-1,A2,Gréce,Hopper,2026-03-02", ADA, "PRG-1,A3,Ada,Büron,2026-03-02"),
            ("é", b"\xe9"),
            ("ü", b"\xfc\xfd"),
        )
        report = check(data)
        expected = {
            2: ("accepted",),
            3: ("row-undecodable", "name-encoding-damage"),
            4: ("accepted",),
            5: ("row-undecodable", "name-encoding-damage"),
        }
        assert ((), expected) == (file_codes(report), outcome(report))
        assert "Zoë" == report.accepted[0].first_name
        assert ("0xe9",) == tuple(
            f.message.rsplit(": ", 1)[1] for f in report.refused[0].findings[:1]
        )
        assert ("PRG-1", "A2", "Gr\ufffdce", "Hopper", "2026-03-02") == report.refused[0].cells
        assert report.refused[1].findings[0].message.endswith("0xfc, 0xfd")

    def test_bad_byte_before_any_multibyte_character(self) -> None:
        """The valid multi-byte character may come after the bad byte: the file is read
        as UTF-8 all the same (the rest is looked at once, then read)."""
        rows = ["PRG-1,A2,Gréce,Hopper,2026-03-02", *[ADA] * 3000, ZOE]
        with mock.patch.object(sources, "BLOCK", 100):
            report = check(_bad(roster(*rows), ("é", b"\xe9")))
        assert ("row-undecodable", "name-encoding-damage") == report.refused[0].codes
        assert "Zoë" == report.accepted[-1].first_name
        assert () == file_codes(report)

    @pytest.mark.parametrize("block", [60, 100, 140])
    def test_bad_byte_in_a_quoted_line_taken_from_the_next_block(self, block: int) -> None:
        """A quoted note whose line break carries it into the next block, and whose
        second line holds a bad byte, refuses its row, though no rule reads the note."""
        header = HEADER + ",Notes"
        rows = [
            ZOE + ",",
            'PRG-1,A2,Grace,Hopper,2026-03-02,"arrived\r\nlate caf\u00e9"',
            ADA + ",",
        ]
        data = _bad(roster(*rows, header=header), ("\u00e9", b"\xe9"))
        with mock.patch.object(sources, "BLOCK", block):
            report = check(data)
        assert {2: ("accepted",), 3: ("row-undecodable",), 4: ("accepted",)} == outcome(report)

    @pytest.mark.parametrize("block", [8, 16, 64])
    def test_bad_byte_in_the_header_named_by_its_offset_in_the_file(self, block: int) -> None:
        """A bad byte in the header refuses the file, naming its offset from the start
        of the file however the file was read in blocks."""
        header = f"{HEADER},Comments for the association's staff,Notes é\r\n"
        data = header.encode()  # the bad byte past the first bytes the reader looks at
        data = data.replace("é".encode(), b"\xe9") + roster(ZOE, header="").lstrip(b"\r\n")
        with mock.patch.object(sources, "BLOCK", block):
            (finding,) = check(data).file_findings
        assert ("file-undecodable", 1) == (finding.code, finding.row)
        offset = data.index(b"\xe9")
        assert finding.message.endswith(f"(byte 0xe9 at offset {offset})")

    def test_utf8_byte_order_mark_and_a_bad_byte(self) -> None:
        """A file that starts with the UTF-8 mark says it is UTF-8: a bad byte in it
        refuses its row, even with no other character beyond ASCII."""
        data = b"\xef\xbb\xbf" + _bad(roster(ADA, "PRG-1,A2,Gréce,Hopper,3/2/2026"), ("é", b"\xe9"))
        report = check(data)
        assert {2: ("accepted",), 3: ("row-undecodable", "name-encoding-damage")} == outcome(report)

    def test_bad_byte_in_an_extra_column(self) -> None:
        """A bad byte in a column that is not a field still refuses its row."""
        data = _bad(roster(ADA + ",Notes ü", ZOE + ",é", header=HEADER + ",Notes"), ("é", b"\x80"))
        report = check(data)
        assert {2: ("accepted",), 3: ("row-undecodable",)} == outcome(report)

    def test_bad_byte_in_a_ragged_row(self) -> None:
        """A ragged row with a bad byte gets both reasons; its cells show U+FFFD."""
        report = check(_bad(roster(ZOE, "PRG-1,é"), ("é", b"\xff")))
        assert ("row-undecodable", "row-ragged") == report.refused[0].codes
        assert ("PRG-1", "\ufffd") == report.refused[0].cells

    def test_bad_byte_in_a_quoted_block(self) -> None:
        """Blocks with quotes go through csv.reader; the bad rows are refused there too."""
        data = _bad(roster(ZOE, '"PRG-1","A2","Gréce","Hopper","2026-03-02"', ADA), ("é", b"\xe9"))
        report = check(data)
        assert {
            2: ("accepted",),
            3: ("row-undecodable", "name-encoding-damage"),
            4: ("accepted",),
        } == outcome(report)

    def test_bad_byte_in_a_quoted_line_break_after_the_block(self) -> None:
        """A row whose quoted cell runs past its block into a line with a bad byte is
        refused; the rows before it in the block are read as usual."""
        rows = [
            ZOE,
            *[ADA.replace("A1", f"A{n}") for n in range(3, 40)],
            'PRG-1,A2,"G\n' + "r\n" * 200 + 'éce",Hopper,2026-03-02',
            ADA,
        ]
        data = _bad(roster(*rows), ("é", b"\xe9"))
        for block in (50, 200, 4000):
            with mock.patch.object(sources, "BLOCK", block):
                report = check(data)
            refused = {r.row: r.codes for r in report.refused}
            assert ("row-undecodable", "name-encoding-damage") == refused[40]
            assert "Zoë" == report.accepted[0].first_name

    def test_bad_byte_in_the_header(self) -> None:
        """A bad byte in the header refuses the file, naming the byte and its offset."""
        data = _bad(roster(ZOE, header=HEADER + ",Notés"), ("é", b"\xe9"))
        report = check(data)
        assert ((1, "file-undecodable"),) == file_codes(report)
        message = report.file_findings[0].message
        assert (
            message
            == f"the file cannot be read as UTF-8 text (byte 0xe9 at offset {len(HEADER) + 4})"
        )

    def test_character_cut_at_the_end(self) -> None:
        """A multi-byte character cut off by the end of the file is a bad byte of the last row."""
        data = roster(ZOE, "PRG-1,A2,Grace,Hopper,2026-03-02,x")[:-4] + b"\xc3"
        report = check(data)
        assert 3 == report.refused[0].row
        assert "row-undecodable" in report.refused[0].codes

    def test_surrogate_in_a_text_stream(self) -> None:
        """A text stream holding a lone surrogate (decoded with surrogateescape) is
        refused row by row the same way."""
        stream = io.StringIO(
            text(ZOE + ",", "PRG-1,A2,Grace,Hopper,2026-03-02,\udce9,\ud800", header=HEADER + ",N"),
            newline="",
        )
        report = check(stream)
        assert ("row-undecodable", "row-ragged") == report.refused[0].codes
        assert report.refused[0].findings[0].message.endswith("0xe9, U+D800")

    def test_surrogate_in_a_text_stream_in_a_plain_row(self) -> None:
        """A lone surrogate in a text stream refuses its row when nothing else about the
        row or its block is out of the way (no quote, no extra cell)."""
        stream = io.StringIO(text(ADA, "PRG-1,A2,Gr\udce9ce,Hopper,2026-03-02"), newline="")
        report = check(stream)
        expected = {2: ("accepted",), 3: ("row-undecodable", "name-encoding-damage")}
        assert expected == outcome(report)

    def test_each_bad_byte_named(self) -> None:
        """A lone surrogate from U+DC80 to U+DCFF is named as the byte it stands for
        (0x80 to 0xff); one outside that range as its code point."""
        row = "PRG-1,A2,Gr\udc7f\udc80\udcff\udd00ce,Hopper,2026-03-02"
        report = check(io.StringIO(text(row), newline=""))
        message = report.refused[0].findings[0].message
        assert message.endswith(": U+DC7F, 0x80, 0xff, U+DD00")

    @pytest.mark.parametrize("character", ["ễ", "\U0001f600"])
    @pytest.mark.parametrize("block", [1, 2, 3, 4, 5, 8])
    def test_bad_byte_before_a_character_cut_by_reads(self, character: str, block: int) -> None:
        """The one valid multi-byte character after a bad byte is found however the
        reads cut it (each read of a few bytes): the file is read as UTF-8."""
        rows = ["PRG-1,A2,Gréce,Hopper,2026-03-02", ADA, f"PRG-1,A3,Jos{character},N,2026-03-02"]
        data = _bad(roster(*rows), ("é", b"\xe9"))
        with mock.patch.object(sources, "BLOCK", block):
            report = check(data)
        assert () == file_codes(report)
        assert ("row-undecodable", "name-encoding-damage") == report.refused[0].codes
        assert f"Jos{character}" == report.accepted[-1].first_name

    def test_surrogate_in_a_record(self) -> None:
        """A record holding a lone surrogate is refused; in its AAST ID for that too, since
        no policy lets a surrogate into an AAST ID."""
        records = mapping_rows(ADA.replace("A1", "A1\udce9"), ZOE)
        report = check(records)
        assert {2: ("row-undecodable", "aast-id-format"), 3: ("accepted",)} == outcome(report)


class TestLegacyEncodings:
    """`roster-file`: a file with no valid UTF-8 is read in a legacy encoding only when
    exactly one candidate reads it as names, with a warning naming it."""

    NAMES = ("PRG-1,A2,José,Müller,2026-03-02", "PRG-1,G1,Zoë,Saldaña,2026-03-02")

    @pytest.mark.parametrize(
        ("encoding", "code", "also"),
        [
            ("cp1252", "file-decoded-as-cp1252", ""),
            ("mac_roman", "file-decoded-as-mac-roman", ""),
            ("cp437", "file-decoded-as-cp437", "; DOS code page 850 reads it the same"),
            ("cp850", "file-decoded-as-cp437", "; DOS code page 850 reads it the same"),
        ],
    )
    def test_told_apart(self, encoding: str, code: str, also: str) -> None:
        """Each legacy encoding is told from the others; names come out intact."""
        report = check(text(*self.NAMES).encode(encoding))
        assert ((None, code),) == file_codes(report)
        assert report.file_findings[0].message.endswith(also)
        names = [(a.first_name, a.last_name) for a in report.accepted]
        assert [("José", "Müller"), ("Zoë", "Saldaña")] == names

    def test_mac_roman_read_as_windows_1252_is_not_a_name(self) -> None:
        """'JosŽ' (Mac Roman bytes read as Windows-1252) is not plausible."""
        assert not sources.plausible("sŽ,")
        assert sources.plausible("sé,")
        assert not sources.plausible("MŸl")  # an upper-case letter inside a word
        assert sources.plausible(",Él")  # one that starts a word
        assert not sources.plausible("ıB")  # a letter beyond ASCII then an upper-case one

    def test_a_run_across_reads(self) -> None:
        """The detector reads the file a block at a time and sees each name whole."""
        data = text(*[ADA] * 500, *self.NAMES, newline="\r").encode("mac_roman")
        with mock.patch.object(sources, "BLOCK", 64):
            report = check(data)
        assert ((None, "file-decoded-as-mac-roman"),) == file_codes(report)

    @pytest.mark.parametrize(
        ("first", "last"),
        [
            pytest.param("José", "O’Brien", id="typographic-apostrophe"),
            pytest.param("Grace", "Smith–Jones", id="en-dash"),
            pytest.param("Mary\u00a0Ann", "Hopper", id="no-break-space"),
            pytest.param("Grace", "Guðmundsson", id="eth"),
            pytest.param("Grace", "Straße", id="sharp-s"),
            pytest.param("Grace", "Ärni", id="a-umlaut"),
        ],
    )
    def test_windows_1252_names(self, first: str, last: str) -> None:
        """Names that only Windows-1252 reads as names are read in it: an apostrophe, a
        dash, a no-break space stand in names; Mac Roman's readings of ð (an unnamed
        character), ß (the ligature ﬂ) and Ä (the florin sign ƒ) do not."""
        report = check(text(f"PRG-1,A2,{first},{last},2026-03-02").encode("cp1252"))
        assert ((None, "file-decoded-as-cp1252"),) == file_codes(report)
        read = (report.accepted[0].first_name, report.accepted[0].last_name)
        assert (first.replace("\u00a0", " "), last) == read  # names are cleaned as read

    def test_first_byte_of_the_file(self) -> None:
        """A file whose very first character is beyond ASCII (an extra column named
        École) has that name judged as it starts the file."""
        data = text("x," + ADA, header="École," + HEADER).encode("cp1252")
        report = check(data)
        assert (None, "file-decoded-as-cp1252") == file_codes(report)[0]
        assert {2: ("accepted",)} == outcome(report)

    def test_each_name_judged_whole_wherever_a_read_ends(self) -> None:
        """Mac Roman read as Windows-1252 gives 'MŸller', no name: the detector sees each
        name whole, at the start of a line and on a last line with no line end, wherever
        a read of the file ends."""
        header = "Last Name,First Name,Program ID,AAST ID,Completion Date"
        rows = ["Lovelace,Ada,PRG-1,A1,2026-03-02", "Müller,Grace,PRG-1,A2,2026-03-02"]
        data = text(*rows, header=header).encode("mac_roman").rstrip(b"\r\n")
        for block in range(1, len(data) + 1):
            with mock.patch.object(sources, "BLOCK", block):
                report = check(data)
            assert ((None, "file-decoded-as-mac-roman"),) == file_codes(report), block
            assert "Müller" == report.accepted[1].last_name


class TestLineEnds:
    """CRLF, LF and CR line ends read the same."""

    @pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
    def test_line_ends(self, newline: str) -> None:
        """The same rows, whatever the line end."""
        report = check(roster(ADA, "", GRACE, "PRG-1,Z9,Li,Wei,x", newline=newline))
        expected = {
            2: ("accepted",),
            3: ("blank",),
            4: ("accepted",),
            5: ("date-format", "account-not-found"),
        }
        assert expected == outcome(report)

    def test_no_final_line_end(self) -> None:
        """The last row needs no line end."""
        report = check(roster(ADA, GRACE)[:-2])
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)

    @pytest.mark.parametrize(
        ("ends", "blank_rows"),
        [
            (("\r\n", "\n", "\r\n"), ()),  # a lone line feed among CR LF line ends
            (("\r\n", "\r", "\r\n"), ()),  # a lone carriage return among them
            (("\r\n", "\r", "\r\n", "\n"), (5,)),  # and a blank line ended by a line feed
        ],
    )
    def test_mixed_line_ends_in_one_block(
        self, ends: tuple[str, ...], blank_rows: tuple[int, ...]
    ) -> None:
        """Each line end csv reads (CR LF, LF, CR) ends one row, whatever its neighbours use."""
        lines = [ADA, GRACE_ISO, "PRG-1,R1,Mary,Reported,2026-03-02", ""][: len(ends)]
        data = (HEADER + "\r\n" + "".join(map(str.__add__, lines, ends))).encode()
        report = check(data)
        assert [2, 3] == [a.row for a in report.accepted]
        assert {4: ("already-reported",)} == {r.row: r.codes for r in report.refused}
        assert blank_rows == report.blank_rows

    def test_lone_carriage_returns_with_quotes(self) -> None:
        """Lines ended by lone carriage returns in a block with quotes are rows too."""
        data = (HEADER + '\r"PRG-1",A1,Ada,Lovelace,2026-03-02\r' + GRACE_ISO + "\r").encode()
        report = check(data)
        assert [2, 3] == [a.row for a in report.accepted]
        assert () == report.file_findings


class TestHeader:
    """`roster-fields`: the header names the five fields in any spelling and order."""

    @pytest.mark.parametrize(
        "header",
        [
            "program_id,aast_id,first_name,last_name,completion_date",
            "PROGRAM ID,AAST ID,FIRST NAME,LAST NAME,COMPLETION DATE",
            "program-id,aast-id,first-name,last-name,completion-date",
            "  Program   ID , AAST_ID ,First  Name,Last-Name , Completion_Date  ",
            "ProgramID,AASTID,FirstName,LastName,CompletionDate",
            "Program,AAST,First,Last,Completed",
            "Program Number,AAST Number,Given Name,Surname,Date Completed",
            "Program No,Member ID,First,Family Name,Completed On",
            "Program ID,AAST Member ID,First Name,Last Name,Completion Date",
            "Program\u00a0ID,AAST ID,First Name,Last Name,Completion Date",
        ],
    )
    def test_spellings(self, header: str) -> None:
        """Case, spaces, underscores, hyphens and the aliases all name the fields."""
        report = check(roster(ADA, header=header))
        assert ((), {2: ("accepted",)}) == (file_codes(report), outcome(report))

    def test_any_column_order(self) -> None:
        """Columns are found by name, not position."""
        header = "Completion Date,Last Name,AAST ID,First Name,Program ID"
        report = check(roster("3/2/2026,Lovelace,A1,Ada,PRG-1", header=header))
        assert ("A1", "Ada", "Lovelace") == report.accepted[0][1:4]

    def test_extra_columns_warn_and_are_ignored(self) -> None:
        """Extra columns are named in one warning; their values are never read."""
        header = "Notes,Program ID,AAST ID,Email,First Name,Last Name,Completion Date,"
        report = check(roster("=cmd(),PRG-1,A1,a@b,Ada,Lovelace,2026-03-02,", header=header))
        (warning,) = report.file_findings
        assert ("file-extra-column", 1) == (warning.code, warning.row)
        assert (
            "the column(s) 'Notes', 'Email' are not roster fields; they were ignored"
            == warning.message
        )
        assert {2: ("accepted",)} == outcome(report)
        assert "=cmd()" not in json.dumps(report.to_dict())

    @pytest.mark.parametrize(
        ("header", "message"),
        [
            pytest.param(
                "Program ID,AAST ID,First Name,Last Name",
                "the header lacks Completion Date",
                id="one",
            ),
            pytest.param(
                "ID,Name,Date",
                "the header lacks Program ID, AAST ID, First Name, Last Name, Completion Date",
                id="all",
            ),
            pytest.param(
                "Program ID,AAST ID,Name,Completion Date",
                "the header lacks First Name, Last Name",
                id="one-name-column",
            ),
        ],
    )
    def test_missing_column_refuses_the_file(self, header: str, message: str) -> None:
        """A missing required column refuses the file and says which."""
        report = check(roster(ADA, header=header))
        (finding,) = report.file_findings
        assert ("file-missing-column", 1, message) == (finding.code, finding.row, finding.message)
        assert (True, (), 0) == (report.file_refused, tuple(report.accepted), report.data_rows)

    @pytest.mark.parametrize(
        ("header", "message"),
        [
            pytest.param(HEADER + ",AAST ID", "the header names AAST ID more than once", id="same"),
            pytest.param(
                HEADER + ",AAST_ID",
                "the header names AAST ID more than once",
                id="same-name-spelt-otherwise",
            ),
            pytest.param(
                "Program ID,AAST ID,Given Name,Surname,Completion Date,Family Name,First",
                "the header names First Name, Last Name more than once",
                id="aliases",
            ),
        ],
    )
    def test_duplicated_column_refuses_the_file(self, header: str, message: str) -> None:
        """Two columns for one field refuse the file: which one holds the data is a guess."""
        report = check(roster(ADA + ",x,y", header=header))
        (finding,) = report.file_findings
        assert ("file-duplicate-column", 1, message) == (finding.code, finding.row, finding.message)
        assert (True, ()) == (report.file_refused, tuple(report.accepted))

    @pytest.mark.parametrize(
        "data",
        [b"", b"\r\n", b"\r\n" + roster(ADA), b"   \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"],
        ids=["empty", "blank-line", "blank-first-line", "spaces", "bom-only", "bom-line"],
    )
    def test_no_header(self, data: bytes) -> None:
        """Empty input, or a blank first line, has no header: the file is refused."""
        report = check(data)
        assert ((1, "file-no-header"),) == file_codes(report)
        assert (True, 0) == (report.file_refused, report.data_rows)

    def test_header_cell_beyond_the_csv_limit(self) -> None:
        """A header cell larger than csv's own limit refuses the file, never raises: past
        the line limit first, and past the cell limit when the line limit is raised."""
        data = roster(ADA, header=HEADER + "," + "x" * 200_000)
        assert ((1, "file-line-too-long"),) == file_codes(check(data))
        policy = attrs.evolve(DEFAULT_POLICY, max_line_length=1 << 20)
        assert ((1, "file-cell-too-long"),) == file_codes(check(data, policy=policy))

    def test_header_of_one_letter_is_a_header(self) -> None:
        """A header line that names no field is a header that lacks every field, not a
        missing header."""
        report = check(roster(ADA, header="X"))
        assert ("file-missing-column",) == tuple(f.code for f in report.file_findings)


class TestExactNames:
    """`roster-file`: a column named exactly for a field wins over one that only resembles
    it; the resembling column is ignored with a warning, never a reason to refuse the file.

    Each ignored column holds a value that would refuse the row, or change it, if it
    were read.
    """

    @pytest.mark.parametrize(
        ("header", "row", "ignored"),
        [
            pytest.param(
                HEADER + ",Program", ADA + ",PRG-9", [("Program", "Program ID")], id="program"
            ),
            pytest.param(
                HEADER + ",Program Number",
                ADA + ",PRG-9",
                [("Program Number", "Program ID")],
                id="program-number",
            ),
            pytest.param(
                HEADER + ",Completed",
                ADA + ",bad",
                [("Completed", "Completion Date")],
                id="completed",
            ),
            pytest.param(
                HEADER + ",Member ID", ADA + ",Z9", [("Member ID", "AAST ID")], id="member-id"
            ),
            pytest.param(HEADER + ",AAST", ADA + ",Z9", [("AAST", "AAST ID")], id="aast"),
            pytest.param(HEADER + ",Last", ADA + ",=x", [("Last", "Last Name")], id="last"),
            pytest.param(
                HEADER + ",Surname", ADA + ",Hopper", [("Surname", "Last Name")], id="surname"
            ),
            pytest.param(HEADER + ",First", ADA + ",1", [("First", "First Name")], id="first"),
            pytest.param(
                "Program," + HEADER,
                "PRG-9," + ADA,
                [("Program", "Program ID")],
                id="resembling-first",
            ),
            pytest.param(
                "program_id,aast-id,FIRST NAME,last name,CompletionDate,Program No,Completed On",
                ADA + ",PRG-9,bad",
                [("Program No", "Program ID"), ("Completed On", "Completion Date")],
                id="exact-spelt-otherwise",
            ),
            pytest.param(
                HEADER + ",Last,Surname,Family Name",
                ADA + ",=x,Hopper,1",
                [("Last", "Last Name"), ("Surname", "Last Name"), ("Family Name", "Last Name")],
                id="three-beside-one",
            ),
        ],
    )
    def test_resembling_column_beside_an_exact_one(
        self, header: str, row: str, ignored: list[tuple[str, str]]
    ) -> None:
        """The exact column is read, and each resembling one is named in a warning."""
        report = check(roster(row, header=header))
        assert {2: ("accepted",)} == outcome(report)
        assert ("A1", "Ada", "Lovelace") == report.accepted[0][1:4]
        warned = [(f.code, f.row, f.message.split("'")[1]) for f in report.file_findings]
        assert [("file-resembling-column", 1, column) for column, _ in ignored] == warned
        assert [title for _, title in ignored] == [
            f.message.split(" resembles ")[1].split(";")[0] for f in report.file_findings
        ]

    @pytest.mark.parametrize(
        ("header", "duplicated"),
        [
            pytest.param(HEADER + ",program_id", "Program ID", id="two-exact"),
            pytest.param(HEADER + ",ProgramID", "Program ID", id="two-exact-without-space"),
            pytest.param(
                HEADER + ",Program,program-id", "Program ID", id="two-exact-one-resembling"
            ),
            pytest.param(
                "Program,Program Number,AAST ID,First Name,Last Name,Completion Date",
                "Program ID",
                id="two-resembling-no-exact",
            ),
            pytest.param(
                "Program ID,Member ID,AAST,First Name,Last Name,Completion Date",
                "AAST ID",
                id="two-resembling-ids",
            ),
        ],
    )
    def test_two_columns_of_one_kind_refuse_the_file(self, header: str, duplicated: str) -> None:
        """Two exact columns for a field, or two resembling ones and no exact one, refuse
        the file: which one holds the data would be a guess."""
        report = check(roster(ADA + ",x,y", header=header))
        (finding,) = report.file_findings
        assert ("file-duplicate-column", f"the header names {duplicated} more than once") == (
            finding.code,
            finding.message,
        )
        assert (True, ()) == (report.file_refused, tuple(report.accepted))

    def test_resembling_column_alone_is_read(self) -> None:
        """A resembling column with no exact one beside it is the field's column."""
        report = check(
            roster("PRG-1,A1,Ada,Lovelace,2026-03-02", header="Program,AAST,First,Last,Completed")
        )
        assert ((), {2: ("accepted",)}) == (file_codes(report), outcome(report))

    def test_records_take_the_exact_key(self) -> None:
        """In records the exact key wins over a resembling one, which is named once, at
        the first entry that has it; an entry with only the resembling key reads it."""
        entries = [
            {**mapping_rows(ADA)[0], "Program": "PRG-9", "Member ID": "Z9"},
            {**mapping_rows(GRACE_ISO)[0], "Program": "PRG-9"},
            {
                "Program": "PRG-1",
                "AAST": "G1",
                "First": "Zoë",
                "Last": "Saldaña",
                "Completed": "3/2/2026",
            },
        ]
        report = check(entries)
        assert {2: ("accepted",), 3: ("accepted",), 4: ("accepted",)} == outcome(report)
        assert ((2, "file-resembling-column"), (2, "file-resembling-column")) == file_codes(report)
        assert ["A1", "A2", "G1"] == [a.aast_id for a in report.accepted]

    @pytest.mark.parametrize(
        ("keys", "message"),
        [
            pytest.param(
                ("Program ID", "program_id"),
                "the entry names Program ID more than once (keys 'Program ID', 'program_id')",
                id="two-exact",
            ),
            pytest.param(
                ("Program", "Program No"),
                "the entry names Program ID more than once (keys 'Program', 'Program No')",
                id="two-resembling-no-exact",
            ),
        ],
    )
    def test_records_with_two_keys_for_a_field(self, keys: tuple[str, str], message: str) -> None:
        """An entry with two keys for one field refuses the file, naming the entry's row."""
        ada = mapping_rows(ADA)[0]
        del ada["Program ID"]
        entries = [mapping_rows(GRACE_ISO)[0], {**ada, keys[0]: "PRG-1", keys[1]: "PRG-9"}]
        report = check(entries)
        (finding,) = report.file_findings
        assert ("file-duplicate-column", 3, message) == (finding.code, finding.row, finding.message)
        assert (True, ()) == (report.file_refused, tuple(report.accepted))

    def test_records_of_many_shapes(self) -> None:
        """Entries with more sets of keys than the reader keeps plans for read the same."""
        entries = [{**mapping_rows(ADA)[0], f"note {n}": "x"} for n in range(3)]
        entries.append({**mapping_rows(GRACE_ISO)[0], "Program": "PRG-9"})
        with mock.patch.object(reading, "_PLANS", 1):
            report = check(entries)
        assert {
            2: ("accepted",),
            3: ("duplicate-in-roster",),
            4: ("duplicate-in-roster",),
            5: ("accepted",),
        } == outcome(report)
        expected = (
            (2, "file-extra-column"),
            (3, "file-extra-column"),
            (4, "file-extra-column"),
            (5, "file-resembling-column"),
        )
        assert expected == file_codes(report)


class CountedReads(io.StringIO):
    """A text stream that counts the characters handed out by read and readline."""

    handed = 0

    def read(self, size: int | None = -1) -> str:
        out = super().read(size)
        self.handed += len(out)
        return out

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        out = super().readline(size)
        self.handed += len(out)
        return out


class CountingBytes(io.BytesIO):
    """A binary stream that counts the bytes handed out by read."""

    handed = 0

    def read(self, size: int | None = -1, /) -> bytes:
        out = super().read(size)
        self.handed += len(out)
        return out


def _quoted_header(last: str) -> str:
    """The header with its last cell quoted as ``last``."""
    return 'Program ID,AAST ID,First Name,Last Name,"' + last + '"'


class TestHeaderRecord:
    """`roster-file`, `row-numbers`: the header is a CSV record like any other; a quoted
    line break inside a header cell is part of it, and the first data row is row 2."""

    @pytest.mark.parametrize(
        "header",
        [
            pytest.param(_quoted_header("Completion\nDate"), id="lf"),
            pytest.param(_quoted_header("Completion\r\nDate"), id="crlf"),
            pytest.param(_quoted_header("Completion\rDate"), id="cr"),
            pytest.param(_quoted_header("Completion\n\n\nDate"), id="several-lines"),
            pytest.param(_quoted_header("Completion\n  Date  \n"), id="break-at-the-end"),
            pytest.param('"Program\nID",AAST ID,First Name,Last Name,Completion Date', id="first"),
            pytest.param('Program ID,"AAST\nID",First Name,"Last\nName",Completion Date', id="two"),
            pytest.param(
                '"Program ID","AAST ID","First Name","Last Name","Completion\nDate"', id="all"
            ),
        ],
    )
    @pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "text"])
    def test_line_break_in_a_header_cell(self, header: str, as_text: bool) -> None:
        """A header cell with a quoted line break names the field its words name (spaces and
        line breaks collapse); the data rows after it are rows 2, 3 and 4."""
        data = roster(ADA, "PRG-1,A2,Grace,Hopper,bad", ZOE, header=header)
        source = io.StringIO(data.decode(), newline="") if as_text else data
        report = check(source)
        assert ((), {2: ("accepted",), 3: ("date-format",), 4: ("accepted",)}) == (
            file_codes(report),
            outcome(report),
        )

    @pytest.mark.parametrize(
        ("delimiter", "codes"),
        [
            pytest.param(";", ((None, "file-semicolon-delimited"),), id="semicolon"),
            pytest.param("\t", ((None, "file-tab-delimited"),), id="tab"),
        ],
    )
    def test_line_break_in_a_header_cell_under_another_delimiter(
        self, delimiter: str, codes: tuple[tuple[int | None, str], ...]
    ) -> None:
        """The header record is read under each delimiter in turn; the one that names the
        fields wins, and the rows after the header keep their numbers."""
        header = _quoted_header("Completion\r\nDate").replace(",", delimiter)
        data = roster(ADA.replace(",", delimiter), "", GRACE.replace(",", delimiter), header=header)
        report = check(data)
        assert (codes, {2: ("accepted",), 3: ("blank",), 4: ("accepted",)}) == (
            file_codes(report),
            outcome(report),
        )

    def test_line_break_in_a_header_cell_cut_by_blocks(self) -> None:
        """Blocks cut the lines anywhere: the rows after a two-line header are read whole,
        numbered from 2."""
        rows = [["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"], ["PRG-1", "A2", "Grace"]]
        data = write_csv(rows, header=[*HEADER_CELLS[:4], "Completion\nDate"])
        for kind in ("bytes", "one-way"):
            source = data if kind == "bytes" else io.BufferedReader(NonSeekable(data, most=3))
            with mock.patch.object(sources, "BLOCK", 1):
                report = check(source)
            assert {2: ("accepted",), 3: ("row-ragged",)} == outcome(report), kind

    def test_words_around_a_line_break_name_no_field(self) -> None:
        """A header cell names a field by all its words: "Program ID" above "(required)"
        is not "Program ID" but an extra column, and Program ID is missing."""
        header = '"Program ID\n(required)",AAST ID,First Name,Last Name,Completion Date'
        report = check(roster(ADA, header=header))
        (finding,) = report.file_findings
        assert ("file-missing-column", "the header lacks Program ID") == (
            finding.code,
            finding.message,
        )

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            pytest.param(
                roster(ADA, GRACE, header=_quoted_header("Completion Date")[:-1]),
                "file-unterminated-quote",
                id="open-to-the-end",
            ),
            pytest.param(
                _quoted_header("Completion Date")[:-1].encode(),
                "file-unterminated-quote",
                id="header-only",
            ),
            pytest.param(
                roster(*[ADA] * 3000, header=_quoted_header("Completion Date")[:-1]),
                "file-line-too-long",
                id="open-past-the-line-limit",
            ),
            pytest.param(
                roster(ADA, header='Program ID,AAST ID,First Name,Last Name,Completion Date,"'),
                "file-unterminated-quote",
                id="extra-cell",
            ),
        ],
    )
    def test_quote_left_open_in_the_header(self, data: bytes, code: str) -> None:
        """A quote opened in the header and never closed refuses the file at row 1, not as
        a header that lacks columns; past the line limit, as a line too long."""
        report = check(data)
        assert (((1, code),), True, 0) == (
            file_codes(report),
            report.file_refused,
            report.data_rows,
        )

    @pytest.mark.parametrize(
        ("spaces", "refused"),
        [
            pytest.param(8, False, id="at-the-limit"),
            pytest.param(9, True, id="one-past"),
        ],
    )
    def test_header_record_and_the_line_limit(self, spaces: int, refused: bool) -> None:
        """A header record over two lines counts as one line of their characters, line
        ends not counted: 64 characters are read under a limit of 64, 65 refused."""
        start = 'Program ID,AAST ID,First Name,Last Name,"Completion'
        header = start + "\r\n" + " " * spaces + 'Date"'
        policy = attrs.evolve(DEFAULT_POLICY, max_line_length=64)
        report = check(roster(ADA, header=header), policy=policy)
        expected = ((1, "file-line-too-long"),) if refused else ()
        assert expected == file_codes(report)
        assert ({} if refused else {2: ("accepted",)}) == outcome(report)

    def test_a_header_left_open_reads_no_further_than_the_line_limit(self) -> None:
        """A stray quote in the header of a large file stops reading at the line limit:
        the rest of the file is not read in search of a closing quote."""
        data = text(*[ADA] * 20_000, header=_quoted_header("Completion Date")[:-1])
        stream = CountedReads(data, newline="")
        report = check(stream)
        assert ((1, "file-line-too-long"),) == file_codes(report)
        assert stream.handed <= DEFAULT_POLICY.max_line_length + 2 * (len(ADA) + 2)


class TestDelimiters:
    """Semicolon and tab exports are read right, with a warning; never "0 rows"."""

    @pytest.mark.parametrize(
        ("delimiter", "code", "name"),
        [
            (";", "file-semicolon-delimited", "semicolons"),
            ("\t", "file-tab-delimited", "tabs"),
        ],
        ids=["semicolon", "tab"],
    )
    def test_delimiter(self, delimiter: str, code: str, name: str) -> None:
        """Every row is read, with one warning naming the delimiter."""
        rows = [r.replace(",", delimiter) for r in (ADA, GRACE, '"PRG-1","G1","Zoë","Saldaña"')]
        rows.append('PRG-1;A2;"Hopper, Grace";x;y'.replace(";", delimiter))
        report = check(roster(*rows, header=HEADER.replace(",", delimiter)))
        (warning,) = report.file_findings
        assert (code, f"the file separates its columns with {name}; it was read that way") == (
            warning.code,
            warning.message,
        )
        expected = {
            2: ("accepted",),
            3: ("accepted",),
            4: ("row-ragged",),
            5: ("date-format", "duplicate-in-roster"),
        }
        assert expected == outcome(report)
        assert 4 == report.data_rows

    def test_commas_inside_semicolon_cells(self) -> None:
        """Commas inside a semicolon export's cells are kept in the cell."""
        rows = ["PRG-1;A9;Mary, Jane;O'Brien;2026-03-02"]
        repository = InMemoryRepository(
            [Account(aast_id="A9", first_name="Mary, Jane", last_name="O'Brien", kind="guest")]
        )
        report = check(roster(*rows, header=HEADER.replace(",", ";")), repository=repository)
        assert "Mary, Jane" == report.accepted[0].first_name

    def test_most_fields_wins(self) -> None:
        """A header that names the fields with commas is read with commas."""
        report = check(roster(ADA, header=HEADER + ",Notes;More"))
        assert ((1, "file-extra-column"),) == file_codes(report)

    def test_a_field_named_twice_counts_for_its_delimiter(self) -> None:
        """A field named twice counts as named when the delimiters are compared: the
        commas here name all five fields (one twice), the semicolons four, so the file
        is refused for the field named twice, not for one the semicolons miss."""
        header = (
            "Program ID;AAST ID;First Name;Last Name;Notes,"
            "Program ID,AAST ID,First Name,Last Name,Completion Date,Completion Date"
        )
        report = check(roster(ADA, header=header))
        assert ((1, "file-duplicate-column"),) == file_codes(report)


class TestBlankRows:
    """Wholly blank or all-empty rows are skipped and counted; numbering goes on."""

    @pytest.mark.parametrize(
        "blank",
        ["", ",,,,", "  ,  , ,\t,", "   ", ",,", '"",""', ",,,,,,,"],
        ids=["empty", "commas", "spaces-and-commas", "spaces", "short", "quoted-empty", "long"],
    )
    def test_blank(self, blank: str) -> None:
        """The blank row is counted with its number; later rows keep theirs (`row-numbers`)."""
        report = check(roster(ADA, blank, "PRG-1,Z9,Li,Wei,2026-03-02", blank, GRACE))
        expected = {
            2: ("accepted",),
            3: ("blank",),
            4: ("account-not-found",),
            5: ("blank",),
            6: ("accepted",),
        }
        assert expected == outcome(report)
        assert (3, 5) == report.blank_rows

    def test_only_blank_rows(self) -> None:
        """A roster of blank rows accepts nothing and refuses nothing, and costs nothing."""
        report = check(roster("", ",,,,", ""))
        assert ((2, 3, 4), 3, ()) == (report.blank_rows, report.data_rows, tuple(report.refused))

    def test_header_only(self) -> None:
        """A header and no rows: an empty report, not a refused file."""
        report = check(roster())
        assert (False, 0) == (report.file_refused, report.data_rows)


class TestQuotes:
    """Quoted cells: line breaks inside keep spreadsheet numbering; bad quotes refuse the file."""

    def test_quote_open_at_the_end_of_a_file_with_no_last_line_break(self) -> None:
        """A quote opened in the last line, which has no line break, is never closed."""
        data = roster(ADA) + b'PRG-1,A2,"Grace,Hopper,2026-03-02'
        assert ((3, "file-unterminated-quote"),) == file_codes(check(data))

    def test_quoted_line_breaks_keep_row_numbers(self) -> None:
        """A record spanning several lines is one row; later rows keep the numbers a
        spreadsheet shows (`row-numbers`)."""
        header = HEADER + ",Notes"
        rows = [
            ADA + ',"line one\r\nline two\r\nline three"',
            'PRG-1,G1,Zoë,Saldaña,bad,"one\nmore"',
            GRACE + ",",
            "PRG-1,Z9,Li,Wei,2026-03-02,",
        ]
        report = check(roster(*rows, header=header))
        expected = {
            2: ("accepted",),
            3: ("date-format",),
            4: ("accepted",),
            5: ("account-not-found",),
        }
        assert expected == outcome(report)

    def test_quoted_commas(self) -> None:
        """A comma inside quotes is part of the cell."""
        repository = InMemoryRepository(
            [Account(aast_id="A9", first_name="Jr.", last_name="King, Martin", kind="member")]
        )
        report = check(roster('PRG-1,A9,Jr.,"King, Martin",2026-03-02'), repository=repository)
        assert "King, Martin" == report.accepted[0].last_name

    @pytest.mark.parametrize(
        ("rows", "row"),
        [
            pytest.param([ADA, 'PRG-1,A2,"Grace,Hopper,2026-03-02', GRACE, ADA], 3, id="middle"),
            pytest.param([ADA, GRACE, 'PRG-1,A2,Grace,Hopper,"2026-03-02'], 4, id="last"),
            pytest.param(['"'], 2, id="lone-quote"),
        ],
    )
    def test_unterminated_quote(self, rows: list[str], row: int) -> None:
        """An unterminated quote refuses the whole file, naming the row it opened in."""
        report = check(roster(*rows))
        (finding,) = report.file_findings
        assert ("file-unterminated-quote", row) == (finding.code, finding.row)
        assert ((), (), 0) == (tuple(report.accepted), tuple(report.refused), report.data_rows)
        assert f"a quote opened in row {row} (or a row after it) is never closed" == (
            finding.message
        )

    def test_quote_in_the_middle_of_a_cell(self) -> None:
        """Text after a closing quote refuses the file as malformed, naming the row."""
        report = check(roster(ADA, 'PRG-1,A2,"Grace" Murray,Hopper,2026-03-02'))
        (finding,) = report.file_findings
        assert ("file-malformed-csv", 3) == (finding.code, finding.row)

    def test_quote_inside_an_unquoted_cell(self) -> None:
        """A quote inside an unquoted cell is kept as a character."""
        repository = InMemoryRepository(
            [Account(aast_id="A9", first_name='Ada "Al"', last_name="Lovelace", kind="member")]
        )
        report = check(roster('PRG-1,A9,Ada "Al",Lovelace,2026-03-02'), repository=repository)
        assert 'Ada "Al"' == report.accepted[0].first_name

    @pytest.mark.parametrize("text_stream", [False, True])
    def test_line_break_in_quotes_kept_as_read(self, text_stream: bool) -> None:
        """A CR LF inside a quoted cell is kept as read in a refused row's cells."""
        data = roster(ADA, 'PRG-2,A2,"Grace\r\nMurray",Hopper,2026-03-02')
        source = io.StringIO(data.decode(), newline="") if text_stream else data
        report = check(source)
        assert ("PRG-2", "A2", "Grace\r\nMurray", "Hopper", "2026-03-02") == report.refused[0].cells


class TestRaggedRows:
    """`roster-fields`: a row with more or fewer cells than the header is refused as read."""

    @pytest.mark.parametrize(
        "row",
        [
            "PRG-1,A1,Ada,Lovelace",
            "PRG-1,A1,Ada,Lovelace,2026-03-02,extra",
            "PRG-1",
            "A1,Ada,x,y,z,w",
        ],
        ids=["short", "long", "one-cell", "six-cells"],
    )
    def test_ragged(self, row: str) -> None:
        """The row is refused; its cells are kept exactly as read; other rows are checked."""
        report = check(roster(ADA, row, GRACE))
        assert {2: ("accepted",), 3: ("row-ragged",), 4: ("accepted",)} == outcome(report)
        assert tuple(next(csv.reader([row]))) == report.refused[0].cells

    @pytest.mark.parametrize(
        ("short", "long"),
        [
            ("PRG-1,A1,Ada,Lovelace", "PRG-1,A2,Grace,Hopper,2026-03-02,extra"),
            ("PRG-1,A2,Grace,Hopper,2026-03-02,extra", "PRG-1,A1,Ada,Lovelace"),
            ("PRG-1,A1,Ada", "PRG-1,A2,Grace,Hopper,3/2/2026,x,y"),
        ],
        ids=["short-then-long", "long-then-short", "two-short-two-long"],
    )
    def test_ragged_rows_that_make_up_for_each_other(self, short: str, long: str) -> None:
        """Two ragged rows whose cells together are two rows' worth are both refused:
        neither lends the other a cell."""
        report = check(roster(ADA, short, long, GRACE))
        refused = {3: ("row-ragged",), 4: ("row-ragged",)}
        assert {2: ("accepted",), **refused, 5: ("accepted",)} == outcome(report)

    def test_ragged_message(self) -> None:
        """The message counts the cells, and the hint names the usual cause."""
        report = check(roster("PRG-1,A1,Ada,Lovelace,Jr,2026-03-02"))
        (finding,) = report.refused[0].findings
        assert "the row has 6 cells where the header has 5" == finding.message
        assert (
            "look for a comma inside a name that is not in quotes, or a missing cell"
            == finding.hint
        )

    def test_cells_equal_to_nul_do_not_make_ragged_lines_whole(self) -> None:
        """A line with one cell too many (a lone NUL) and one with one too few are both
        ragged, though together they hold two lines' worth of cells."""
        data = roster(ADA + ",\x00", "PRG-1,A2,Grace,Hopper")
        report = check(data)
        assert {2: ("row-ragged",), 3: ("row-ragged",)} == {r.row: r.codes for r in report.refused}
        assert () == report.accepted


#: The header with the last name as its last column (the cell that ends a block).
HEADER_LAST_NAME_LAST = "Program ID,AAST ID,First Name,Completion Date,Last Name"


class TestLimits:
    """Oversized cells and files are bounded by the policy: a clear finding, no crash."""

    def test_cell_too_long(self) -> None:
        """A cell beyond max_cell_length refuses the file at its row and field; one at it
        is read (`roster-file`)."""
        policy = attrs.evolve(DEFAULT_POLICY, max_cell_length=15)
        rows = ["PRG-1,A1,Ada,Lovelace,2026-03-02", "PRG-1,A2,Grace,Hopperrrrrrrrrrr,2026-03-02"]
        report = check(roster(*rows), policy=policy)
        assert ((3, "file-cell-too-long"),) == file_codes(report)
        (finding,) = report.file_findings
        assert ("last_name", 0) == (finding.field, len(report.accepted))
        assert {2: ("accepted",)} == outcome(check(roster(rows[0]), policy=policy))

    @pytest.mark.parametrize(
        "row",
        [
            pytest.param("PRG-1," + " " * 20 + "A1,Ada,Lovelace,2026-03-02", id="padded-id"),
            pytest.param("PRG-1,A1," + " " * 20 + "Ada,Lovelace,2026-03-02", id="padded-name"),
            pytest.param("PRG-1,A1,Ada,Lovelace," + " " * 20 + "2026-03-02", id="padded-date"),
            pytest.param(" " * 20 + "PRG-1,A1,Ada,Lovelace,2026-03-02", id="padded-program"),
        ],
    )
    def test_padding_counts(self, row: str) -> None:
        """The limit applies to the cell as read, spaces included, in every field, from a
        file and from records."""
        policy = attrs.evolve(DEFAULT_POLICY, max_cell_length=20)
        assert ((2, "file-cell-too-long"),) == file_codes(check(roster(row), policy=policy))
        mapping = dict(zip(next(csv.reader([HEADER])), next(csv.reader([row])), strict=True))
        assert ((2, "file-cell-too-long"),) == file_codes(check([mapping], policy=policy))

    def test_default_cell_limit(self) -> None:
        """The default limit is 1,000 characters."""
        report = check(roster("PRG-1,A1,Ada,Lovelace," + "x" * 1001))
        assert ((2, "file-cell-too-long"),) == file_codes(report)
        report = check(roster("PRG-1,A1,Ada,Lovelace," + "x" * 1000))
        assert ((), {2: ("date-format",)}) == (file_codes(report), outcome(report))

    @pytest.mark.parametrize("quoted", [False, True])
    def test_cell_of_an_extra_column(self, quoted: bool) -> None:
        """A long cell in a column that is not a roster field refuses the file too, named
        by its place, whether the row is read a column at a time or by csv."""
        cell = '"' + "x" * 41 + '"' if quoted else "x" * 41
        rows = [HEADER + ",Notes", ADA + ",ok", "PRG-1,A2,Grace,Hopper,2026-03-02," + cell]
        report = check("\n".join(rows).encode(), policy=SMALL_CELLS)
        (finding,) = [f for f in report.file_findings if f.code == "file-cell-too-long"]
        assert (3, None) == (finding.row, finding.field)
        assert "(column 6) holds 41 characters; a cell may hold at most 40" in finding.message

    def test_csv_field_limit(self) -> None:
        """A quoted cell beyond csv's own field limit (and so the policy's) refuses the file
        at its row without counting it: the line limit is raised so csv meets it first."""
        policy = attrs.evolve(DEFAULT_POLICY, max_line_length=1 << 20)
        cell = "x" * (csv.field_size_limit() + 1)
        report = check(roster(ADA, ADA, f'PRG-1,A2,"{cell}"'), policy=policy)
        assert ((4, "file-cell-too-long"),) == file_codes(report)
        assert "holds more than 1,000 characters" in report.file_findings[0].message
        assert (True, ()) == (report.file_refused, tuple(report.accepted))

    def test_a_lowered_csv_limit_is_refused_not_obeyed(self) -> None:
        """A process whose csv field limit is below the policy's cell limit gets the
        library's own error saying what to set, never an answer that depends on it."""
        previous = csv.field_size_limit(40)
        try:
            with pytest.raises(UnsupportedSetting, match=r"csv.field_size_limit\(1000\)"):
                check(roster(ADA))
            assert {2: ("accepted",)} == outcome(check(roster(ADA), policy=SMALL_CELLS))
        finally:
            csv.field_size_limit(previous)

    @pytest.mark.parametrize(
        ("rows", "refused"),
        [
            pytest.param([ADA, "", GRACE], False, id="at-the-limit"),
            pytest.param([ADA, "", GRACE, ""], True, id="one-blank-over"),
            pytest.param([ADA, GRACE, ZOE, ADA, ADA], True, id="two-over"),
        ],
    )
    def test_too_many_rows(self, rows: list[str], refused: bool) -> None:
        """More data rows than max_roster_rows (blank rows count) refuses the file
        (`roster-file`)."""
        policy = attrs.evolve(DEFAULT_POLICY, max_roster_rows=3)
        report = check(roster(*rows), policy=policy)
        expected = ((None, "file-too-many-rows"),) if refused else ()
        assert expected == file_codes(report)
        assert (0 if refused else 3) == report.data_rows

    def test_too_many_mappings(self) -> None:
        """The limit applies to an iterable of mappings too, without reading past it."""
        policy = attrs.evolve(DEFAULT_POLICY, max_roster_rows=2)
        taken: list[int] = []

        def endless() -> Iterator[dict[str, str]]:
            number = 0
            while True:
                number += 1
                taken.append(number)
                yield {"aast_id": f"A{number}"}

        report = check(endless(), policy=policy)
        assert ((None, "file-too-many-rows"),) == file_codes(report)
        assert [1, 2, 3] == taken

    def test_cell_at_the_limit_is_accepted(self) -> None:
        """A cell at the policy's limit is not too long: a 40-character AAST ID cell (the ID
        and spaces) is accepted, the ID trimmed. The Program ID is in lower case, so the row
        is checked row by row."""
        aast_id = "A1" + " " * 38
        report = check(roster(f"prg-1,{aast_id},Ada,Lovelace,2026-03-02"), policy=SMALL_CELLS)
        assert () == report.refused
        assert ("A1",) == report.accepted.aast_ids

    def test_date_cell_at_the_limit_read_as_the_file_writes_dates(self) -> None:
        """A date cell at the limit (the date and spaces) is a date like any other: in a
        file that shows it writes the day first, 3/2/2026 padded to 40 characters is
        ambiguous."""
        rows = ["PRG-1,A2,Grace,Hopper," + "3/2/2026".ljust(40), "PRG-1,A1,Ada,Lovelace,13/03/2026"]
        report = check(roster(*rows), policy=SMALL_CELLS)
        assert {2: ("date-ambiguous-order",), 3: ("date-day-month-order",)} == outcome(report)

    def test_cell_past_the_limit_is_refused(self) -> None:
        """A 41-character AAST ID cell, one past the limit, refuses the file, row by row as
        above."""
        aast_id = "A1" + " " * 39
        report = check(roster(f"prg-1,{aast_id},Ada,Lovelace,2026-03-02"), policy=SMALL_CELLS)
        expected = Finding(
            code="file-cell-too-long",
            row=2,
            field="aast_id",
            message="row 2: a cell (AAST ID) holds 41 characters; a cell may hold at most 40, "
            "so the file was not read",
            hint="check that row for a stray double quote or pasted text; the policy's "
            "max_cell_length sets the limit",
        )
        assert (expected,) == report.file_findings

    @pytest.mark.parametrize("line_end", ["\n", "\r\n"])
    @pytest.mark.parametrize("filler", ["x", "X"])
    def test_long_cell_anywhere_in_a_block(self, line_end: str, filler: str) -> None:
        """A cell past the limit refuses the file wherever it sits in a block: the cell
        moves one character at a time through the block and ends it, so that it meets
        every alignment of the windows that look for it."""
        for width in range(1, 46):
            lines = [
                HEADER_LAST_NAME_LAST,
                "PRG-1,A1,Ada,2026-03-02,Lovelace",
                "PRG-1,A2," + "G" * width + ",2026-03-02," + filler * 41,
            ]
            report = check("".join(line + line_end for line in lines).encode(), policy=SMALL_CELLS)
            assert ((3, "file-cell-too-long"),) == file_codes(report), width

    @pytest.mark.parametrize(
        ("extra_cells", "refused"),
        [
            pytest.param(59, False, id="at-the-limit"),
            pytest.param(60, True, id="one-past"),
        ],
    )
    @pytest.mark.parametrize("quoted", [False, True])
    def test_too_many_columns(self, extra_cells: int, refused: bool, quoted: bool) -> None:
        """A row of more than max_columns cells refuses the file at that row; 64 are read."""
        cell = '"n"' if quoted else "n"
        wide = ADA + ("," + cell) * extra_cells
        report = check(roster(ADA.replace("A1", "A3"), wide))
        if refused:
            assert ((3, "file-too-many-columns"),) == file_codes(report)
            assert "row 3 holds 65 columns; a roster row may hold at most 64" == (
                report.file_findings[0].message
            )
        else:
            assert ((), ("row-ragged",)) == (file_codes(report), outcome(report)[3])

    def test_trailing_blank_cells_are_no_columns(self) -> None:
        """Cells past the last one that is not blank do not count: a row of many trailing
        delimiters is ragged, not past the limit."""
        report = check(roster(ADA + "," * 100))
        assert {2: ("row-ragged",)} == outcome(report)

    def test_header_past_the_column_limit(self) -> None:
        """A header of more than max_columns columns refuses the file at row 1."""
        header = HEADER + "".join(f",Extra {n}" for n in range(60))
        report = check((header + "\n" + ADA + "\n").encode())
        assert ((1, "file-too-many-columns"),) == file_codes(report)

    def test_header_cell_past_the_cell_limit(self) -> None:
        """A header cell longer than max_cell_length refuses the file at row 1."""
        report = check((HEADER + "," + "N" * 41 + "\n" + ADA + "\n").encode(), policy=SMALL_CELLS)
        assert ((1, "file-cell-too-long"),) == file_codes(report)


class TestLineLimit:
    """`roster-file`: no line, and no record joined by quoted line breaks, longer than
    max_line_length is read; the file is refused where it starts, having read at most a
    block past it."""

    POLICY = attrs.evolve(DEFAULT_POLICY, max_line_length=100)

    @pytest.mark.parametrize(("length", "refused"), [(100, False), (101, True)])
    def test_a_line_at_and_past_the_limit(self, length: int, refused: bool) -> None:
        """A line of exactly the limit (its line end not counted) is read; one more refuses."""
        row = ADA + "," + "n" * (length - len(ADA) - 1)
        report = check(roster(ADA.replace("A1", "A2"), row), policy=self.POLICY)
        if refused:
            assert ((3, "file-line-too-long"),) == file_codes(report)
        else:
            assert ((), ("row-ragged",)) == (file_codes(report), outcome(report)[3])

    @pytest.mark.parametrize("block", [1, 7, 64, 1 << 17])
    def test_a_line_with_no_end_is_not_held(self, block: int) -> None:
        """A line with no line break is refused once it passes the limit, whatever the
        block size, and the stream is not read to its end."""
        stream = CountingBytes(roster(ADA) + b"x" * 10_000_000)
        with mock.patch.object(sources, "BLOCK", block):
            report = check(stream, policy=self.POLICY)
        assert ((3, "file-line-too-long"),) == file_codes(report)
        assert stream.handed < 200 + 2 * max(block, 64) + 1000

    @pytest.mark.parametrize("block", [1, 64, 1 << 17])
    def test_a_quote_left_open(self, block: int) -> None:
        """A quote left open joins the lines after it into one record: the record is
        refused once it passes the limit, at the row where it starts."""
        rows = [
            ADA,
            'PRG-1,A2,"Grace,Hopper,2026-03-02',
            *[ADA.replace("A1", f"B{n}") for n in range(50)],
        ]
        stream = CountingBytes(roster(*rows) + b"y\n" * 1_000_000)
        with mock.patch.object(sources, "BLOCK", block):
            report = check(stream, policy=self.POLICY)
        assert ((3, "file-line-too-long"),) == file_codes(report)
        assert stream.handed < 5000 + 2 * max(block, 64)

    def test_a_long_line_among_quoted_rows(self) -> None:
        """In a block read by csv, a long line is refused at its own row."""
        rows = [
            '"PRG-1","A1","Ada","Lovelace","2026-03-02"',
            ADA.replace("A1", "A2"),
            ADA + "," + "n" * 200,
        ]
        report = check(roster(*rows), policy=self.POLICY)
        assert ((4, "file-line-too-long"),) == file_codes(report)

    def test_a_header_past_the_limit(self) -> None:
        """A header line past the limit refuses the file at row 1, as does a header record
        whose quoted line break runs past it."""
        long_header = HEADER + "," + "N" * 100
        for header in (long_header, HEADER + ',"Notes\n' + "n" * 100 + '"'):
            report = check((header + "\n" + ADA + "\n").encode(), policy=self.POLICY)
            assert ((1, "file-line-too-long"),) == file_codes(report), header

    def test_a_text_stream_is_read_a_line_at_most_at_a_time(self) -> None:
        """A text stream the caller opened is read the same way: its header line is read
        no further than the limit."""
        text = io.StringIO("Program ID," + "x" * 10_000 + "\n")
        report = check(text, policy=self.POLICY)
        assert ((1, "file-line-too-long"),) == file_codes(report)


class TestBlocks:
    """Blocks of lines: a quoted cell may run past the end of its block, and a line cut by
    a block's end is read whole.

    Most of these rows fall in the five-day WEEK offering (check_week); ``_BLOCK`` is
    made small to cut the lines anywhere.
    """

    def test_line_break_in_quotes_across_blocks(self) -> None:
        """A quoted name with a line break, cut by the block's end, is one row."""
        rows = [["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"]] * 3
        rows.insert(1, ["PRG-1", "A2", "Grace\nMurray", "Hopper", "2026-03-02"])
        data = write_csv(rows)
        with mock.patch.object(sources, "BLOCK", 1):
            report = check_week(data)
        assert [(2, "Ada"), (3, "Grace Murray")] == [(a.row, a.first_name) for a in report.accepted]
        assert [(3, "name-mismatch")] == [(w.row, w.code) for w in report.warnings]
        expected = [(4, ("duplicate-in-roster",)), (5, ("duplicate-in-roster",))]
        assert expected == [(r.row, r.codes) for r in report.refused]

    def test_last_line_without_line_break_with_quotes(self) -> None:
        """The file's last line, with no line break, is read by csv when it holds quotes,
        as any other line is."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b'PRG-1,A1,Ada,Lovelace,3/2/2026\n"PRG-1","A2","Grace","Hopper","3/2/2026"'
        report = check_week(data)
        assert ([2, 3], ()) == ([a.row for a in report.accepted], tuple(report.refused))

    def test_last_line_without_line_break(self) -> None:
        """The file's last line needs no line break."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026"
        report = check_week(data)
        assert [(2, "A1", date(2026, 3, 2))] == [
            (a.row, a.aast_id, a.completion_date) for a in report.accepted
        ]

    def test_lone_carriage_returns(self) -> None:
        """Lines ended by a lone carriage return are rows, numbered as a spreadsheet does."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\r"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\r\rPRG-1,A2,Grace,Hopper,2026-03-03\r"
        report = check_week(data)
        assert ([2, 4], (3,)) == ([a.row for a in report.accepted], report.blank_rows)

    def test_padded_id_kept_trimmed(self) -> None:
        """An AAST ID with spaces around it is kept trimmed, its cells as read."""
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\nPRG-1, A2\xc2\xa0,Grace,Hopper,3/2/2026\n"
        data += b"PRG-1,Z9 ,Li,Wei,3/2/2026\n"
        report = check_week(data)
        assert ["A1", "A2"] == [a.aast_id for a in report.accepted]
        assert [(4, ("PRG-1", "Z9 ", "Li", "Wei", "3/2/2026"))] == [
            (r.row, r.cells) for r in report.refused
        ]

    def test_long_id_refused(self) -> None:
        """An AAST ID longer than a cell may be refuses the file, as the row path does."""
        policy: Policy = attrs.evolve(DEFAULT_POLICY, max_cell_length=15)
        data = b"Program ID,AAST ID,First Name,Last Name,Completion Date\n"
        data += b"PRG-1,A1,Ada,Lovelace,3/2/2026\nPRG-1,A222222222222222,Grace,Hopper,3/2/2026\n"
        report = check_week(data, policy=policy)
        found = [(f.row, f.code, f.field) for f in report.file_findings]
        assert ([(3, "file-cell-too-long", "aast_id")], ()) == (found, tuple(report.accepted))

    @pytest.mark.parametrize("block", [*range(1, 101), 1 << 17])
    def test_nul_in_a_line_carried_into_the_next_block(
        self, block: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Wherever a block cuts the lines, the text holding the NUL goes to csv (a NUL read
        with one block of bytes can be in a line carried into the next block's text)."""
        monkeypatch.setattr(sources, "BLOCK", block)
        data = roster(ADA + ",\x00", "PRG-1,A2,Grace,Hopper", GRACE_ISO)
        report = check(data)
        refused = {2: ("row-ragged",), 3: ("row-ragged",)}
        assert refused == {r.row: r.codes for r in report.refused}
        assert [4] == [a.row for a in report.accepted]


def _short_reads(data: bytes, most: int) -> IO[bytes]:
    """A binary stream of the data that cannot seek and hands out at most ``most`` bytes a
    read."""
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

    @given(
        data=st.lists(
            st.sampled_from([b"a", b"\n", "é".encode(), "ễ".encode(), b"\xe9", b"\xc3"])
        ).map(b"".join),
        bom=st.booleans(),
        most=st.integers(1, 9),
    )
    def test_bad_bytes_escaped_after_a_multibyte_character(
        self, data: bytes, bom: bool, most: int
    ) -> None:
        """With ``escape``, a file holding a valid multi-byte character before its first bad
        byte reads as a wrapper with errors="surrogateescape" reads it, over reads that
        stop anywhere (the decoder starts the block with the bad byte over)."""
        data = (b"\xef\xbb\xbf" if bom else b"") + "ß".encode() + data
        ours = sources.DecodedText(_short_reads(data, most), "utf-8-sig", escape=True)
        theirs = io.TextIOWrapper(
            io.BytesIO(data), encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        assert list(iter(theirs.readline, "")) == list(iter(ours.readline, ""))

    @pytest.mark.parametrize("block", [4, 64, sources.BLOCK])
    def test_decode_bytes(self, block: int) -> None:
        """decode_bytes (the command line's accounts file) gives the whole text, read in
        blocks, as the roster is read: UTF-8 and UTF-16 with no warning, a legacy
        encoding with the warning that names it, a bad byte refused."""
        rows = text(ADA, ZOE, "PRG-1,A2,Grace,Hopper,2026-03-02")
        with mock.patch.object(sources, "BLOCK", block):
            assert (rows, None) == sources.decode_bytes(rows.encode())
            assert (rows, None) == sources.decode_bytes(rows.encode("utf-16"))
            read, warning = sources.decode_bytes(rows.encode("cp1252"))
            assert (rows, "file-decoded-as-cp1252") == (read, warning and warning.code)
            with pytest.raises(FileRefused) as refusal:
                sources.decode_bytes(_bad(rows.encode(), ("Grace", b"Gr\xe9ce")))
        assert "file-undecodable" == refusal.value.finding.code


def _stream_sources(data: bytes, tmp_path: Path) -> dict[str, Callable[[], Any]]:
    """Ways of handing over the same file."""
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    return {
        "bytes": lambda: data,
        "bytearray": lambda: bytearray(data),
        "memoryview": lambda: memoryview(data),
        "BytesIO": lambda: io.BytesIO(data),
        "StringIO": lambda: io.StringIO(data.decode("utf-8"), newline=""),
        "StringIO-default-newline": lambda: io.StringIO(data.decode("utf-8")),
        "binary-file": lambda: path.open("rb"),
        "text-file": lambda: path.open(encoding="utf-8-sig", newline=""),
        "mappings": lambda: [
            dict(zip(header, row, strict=False))
            for header in [next(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))]
            for row in list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
        ],
    }


SOURCE_KINDS = [
    "bytes",
    "bytearray",
    "memoryview",
    "BytesIO",
    "StringIO",
    "StringIO-default-newline",
    "binary-file",
    "text-file",
    "mappings",
]


class BoundedReads(io.StringIO):
    """A text stream that refuses to be read whole: the reader must stream."""

    def read(self, size: int | None = -1) -> str:
        assert size is not None, "read() with no size reads the whole stream"
        assert 0 <= size <= 1 << 20, size
        return super().read(size)


class TestSources:
    """Bytes, streams and mappings: the same rows give the same findings."""

    ROWS = (
        ADA,
        "PRG-1,A1,Ada,Lovelace,2026-03-02",
        ",,,,",
        "prg-1, A2 ,  Grace ,Hopper,3/2/2026",
        "PRG-1,Z9,=Li,,13/4/2026",
        'PRG-1,G1,"Zoë\r\nMarie",Saldaña,2026-03-02',
        "PRG-2,1.23457E+11,Olu,Okafor,46083",
    )
    EXPECTED: ClassVar[dict[int, tuple[str, ...]]] = {
        2: ("accepted",),
        3: ("duplicate-in-roster",),
        4: ("blank",),
        # 13/4/2026 in row 6 shows the file writes the day first: 3/2/2026 is ambiguous.
        5: ("date-ambiguous-order",),
        6: ("name-formula-start", "field-missing", "date-day-month-order", "account-not-found"),
        7: ("accepted", "name-mismatch"),
        8: ("program-id-mismatch", "aast-id-spreadsheet-number", "date-spreadsheet-serial"),
    }

    @pytest.mark.parametrize("kind", ["BytesIO", "StringIO", "binary-file", "text-file"])
    def test_a_closed_stream(self, kind: str, tmp_path: Path) -> None:
        """A stream closed before the check is the library's own error, saying what to do."""
        source = _stream_sources(roster(*self.ROWS), tmp_path)[kind]()
        source.close()
        with pytest.raises(InvalidArgument, match="the roster stream is closed"):
            check(source)

    @pytest.mark.parametrize("kind", SOURCE_KINDS)
    def test_same_findings(self, kind: str, tmp_path: Path) -> None:
        """Every kind of source gives the same outcome and the same finding messages."""
        source = _stream_sources(roster(*self.ROWS), tmp_path)[kind]()
        try:
            report = check(source)
        finally:
            if hasattr(source, "close"):
                source.close()
        assert self.EXPECTED == outcome(report)
        reference = check(roster(*self.ROWS))
        assert [f.to_dict() for f in reference.findings] == [f.to_dict() for f in report.findings]
        assert "Zoë Marie" == report.accepted[1].first_name
        assert ("prg-1", " A2 ", "  Grace ", "Hopper", "3/2/2026") == report.refused[1].cells

    def test_binary_stream_left_open(self, tmp_path: Path) -> None:
        """The caller's binary stream is still open after the check, even after a second pass."""
        path = tmp_path / "roster.csv"
        path.write_bytes(text(ZOE).encode("cp1252"))
        with path.open("rb") as handle:
            report = check(handle)
            assert not handle.closed
            handle.seek(0)
            assert handle.read(7) == b"Program"
        assert {2: ("accepted",)} == outcome(report)

    def test_bytesio_left_open(self) -> None:
        """A BytesIO stays open and usable."""
        stream = io.BytesIO(roster(ADA))
        check(stream)
        assert (False, roster(ADA)) == (stream.closed, stream.getvalue())

    def test_text_stream_left_open(self) -> None:
        """A text stream stays open."""
        stream = io.StringIO(text(ADA))
        check(stream)
        assert not stream.closed

    def test_stream_read_from_its_position(self) -> None:
        """A binary stream is read from where the caller left it."""
        stream = io.BytesIO(b"preamble" + roster(ADA))
        stream.seek(len(b"preamble"))
        assert {2: ("accepted",)} == outcome(check(stream))

    @pytest.mark.parametrize("kind", ["bytes", "StringIO", "mappings"])
    def test_row_refused_after_the_fact_keeps_its_cells(self, kind: str, tmp_path: Path) -> None:
        """A row first kept and then refused, once a later row shows the file writes the
        day first, keeps its cells as read, its Program ID included."""
        data = roster(GRACE, "PRG-1,A1,Ada,Lovelace,13/03/2026")
        report = check(_stream_sources(data, tmp_path)[kind]())
        assert ("date-ambiguous-order",) == report.refused[0].codes
        assert ("PRG-1", "A2", "Grace", "Hopper", "3/2/2026") == report.refused[0].cells

    def test_generator_of_mappings(self) -> None:
        """A generator is read once, as it comes."""
        entries = (
            {
                "AAST ID": aast_id,
                "Program ID": "PRG-1",
                "First Name": "Ada",
                "Last Name": "Lovelace",
                "Completion Date": "2026-03-02",
            }
            for aast_id in ("A1", "A1")
        )
        assert {2: ("accepted",), 3: ("duplicate-in-roster",)} == outcome(check(entries))

    def test_mapping_values_of_other_types(self) -> None:
        """Typed values are read as a careful export writes them: a date as its date, a
        whole number as its digits (with a warning about leading zeros), None as blank."""
        entries = [
            {
                "aast_id": "A1",
                "program_id": "PRG-1",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "completion_date": date(2026, 3, 2),
            },
            {
                "aast_id": 123456789012.0,
                "program_id": "PRG-1",
                "first_name": "Grace",
                "last_name": None,
                "completion_date": 46083,
            },
        ]
        report = check(entries)
        expected = {
            2: ("accepted",),
            3: ("field-missing", "date-spreadsheet-serial", "account-not-found"),
        }
        assert expected == outcome(report)
        assert ["aast-id-numbers"] == [f.code for f in report.file_findings]
        assert "in 1 row(s) (row 3)" in report.file_findings[0].message

    def test_mapping_extra_keys(self) -> None:
        """Keys that are not fields are named once each, at the first entry that has them."""
        entries = [
            {
                "aast_id": "A1",
                "program_id": "PRG-1",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "completion_date": "2026-03-02",
                "email": "a@b",
            },
            {
                "aast_id": "A2",
                "program_id": "PRG-1",
                "first_name": "Grace",
                "last_name": "Hopper",
                "completion_date": "2026-03-02",
                "email": "g@h",
                7: "x",
            },
        ]
        report = check(entries)
        assert ((2, "file-extra-column"), (3, "file-extra-column")) == file_codes(report)
        assert "the key '7' is not a roster field; ignored" == report.file_findings[1].message
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)

    def test_mapping_missing_keys(self) -> None:
        """A missing key is a blank field; an empty mapping is a blank row."""
        report = check([{"aast_id": "A1", "program_id": "PRG-1"}, {}])
        expected = {2: ("field-missing", "field-missing", "field-missing"), 3: ("blank",)}
        assert expected == outcome(report)

    @pytest.mark.parametrize(
        "entry",
        [
            pytest.param("PRG-1,A1,Ada,Lovelace,2026-03-02", id="text"),
            pytest.param(["PRG-1", "A1", "Ada", "Lovelace", "2026-03-02"], id="list"),
            pytest.param(None, id="none"),
            pytest.param(42, id="number"),
        ],
    )
    def test_not_a_record(self, entry: object) -> None:
        """An entry that is not a mapping is refused on its own row; its repr is kept."""
        rows = [
            {
                "aast_id": "A1",
                "program_id": "PRG-1",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "completion_date": "2026-03-02",
            },
            entry,
        ]
        report = check(rows)
        assert {2: ("accepted",), 3: ("row-not-a-record",)} == outcome(report)
        assert (repr(entry),) == report.refused[0].cells
        assert "entry 2 is not a mapping of field names to values" == (
            report.refused[0].findings[0].message
        )

    def test_not_a_record_text_in_a_file(self) -> None:
        """Text in a file that happens to look like the internal marker is an ordinary cell."""
        report = check(roster("\x00not-a-record,A1,Ada,Lovelace,2026-03-02"))
        assert {2: ("program-id-mismatch",)} == outcome(report)

    @pytest.mark.parametrize(
        "source",
        [
            pytest.param("Program ID,AAST ID\r\n", id="str"),
            pytest.param(42, id="int"),
            pytest.param(None, id="none"),
            pytest.param({"aast_id": "A1"}, id="one-mapping"),
        ],
    )
    def test_wrong_source_type(self, source: object) -> None:
        """A source of another kind is a TypeError that says what is expected."""
        with pytest.raises(TypeError, match="a roster source is bytes, an open binary or text"):
            check(source)

    def test_a_path_is_not_opened(self) -> None:
        """A path is refused, saying how to pass the file's content: the library opens no
        file itself."""
        with pytest.raises(TypeError, match=r"not its path 'roster\.csv'.*read_bytes\(\)"):
            check(Path("roster.csv"))

    def test_program_without_id(self) -> None:
        """A program that is not approved (no Program ID) cannot have attendance reported."""
        pending = Program(title="Scoring sleep studies", cecs=2)
        with pytest.raises(NotApproved) as raised:
            check(roster(ADA), program=pending)
        assert "approval-first" == raised.value.rule
        assert "has no Program ID" in str(raised.value)

    @pytest.mark.parametrize(
        ("program", "offering"),
        [(PROGRAM, date(2026, 3, 2)), ("PRG-1", OFFERING)],
        ids=["offering-is-a-date", "program-is-text"],
    )
    def test_program_and_offering_types(self, program: object, offering: object) -> None:
        """The program and offering must be the library's values."""
        with pytest.raises(TypeError, match="program must be a Program and offering an Offering"):
            check(roster(ADA), program=program, offering=offering)

    def test_stream_read_in_blocks(self) -> None:
        """A roster from a text stream is read a block at a time, never all at once."""
        text = "".join(line + "\n" for line in (HEADER, ADA, GRACE_ISO))
        report = check(BoundedReads(text))
        assert [2, 3] == [a.row for a in report.accepted]

    def test_policy_type_is_checked(self) -> None:
        """A policy of the wrong type is a TypeError, before reading anything."""
        with pytest.raises(TypeError):
            check(roster(ADA), policy="strict")
