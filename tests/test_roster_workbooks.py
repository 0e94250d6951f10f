"""Rosters as workbooks, DataFrames and typed records (`roster-file`).

Workbooks are written by the tests with openpyxl (.xlsx, .xlsm) or by hand as the
OpenDocument standard lays them out (.ods); an .xls is made by LibreOffice when
it is installed.  Every form must give the same accepted attendees and the same
findings as the same roster written as CSV text.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.roster import RosterReport
from helpers import (
    ADA_CELLS,
    HEADER_CELLS,
    HEADER_ROW,
    NonSeekable,
    check,
    file_codes,
    ods,
    outcome,
    roster,
    text,
    write_csv,
    xlsx,
)

DAY = date(2026, 3, 2)
GRACE_ROW = ("PRG-1", "A2", "Grace", "Hopper", datetime(2026, 3, 2, 17, 45))

#: Accounts whose IDs are digits, one with leading zeros.
NUMERIC = InMemoryRepository(
    [
        Account(aast_id="12345", first_name="Ada", last_name="Lovelace", kind="member"),
        Account(aast_id="0012346", first_name="Grace", last_name="Hopper", kind="member"),
    ]
)


def _forged(book: bytes, size: int, *, stated: int) -> bytes:
    """``book`` with a part of ``size`` zero bytes whose headers state ``stated`` bytes."""
    source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/padding.bin", bytes(size))
    data = bytearray(out.getvalue())
    item = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/padding.bin")
    struct.pack_into("<I", data, item.header_offset + 22, stated)  # the local header
    entry = bytes(data).rfind(b"PK\x01\x02", 0, bytes(data).rfind(b"xl/padding.bin"))
    struct.pack_into("<I", data, entry + 24, stated)  # the central directory
    return bytes(data)


def report_dict(report: RosterReport) -> dict[str, Any]:
    """What a form must agree on: every row's outcome, findings and attendee."""
    data = report.to_dict()
    # File warnings differ by form, and so do the parts that count or cite them.
    for key in ("file_findings", "finding_counts", "rules", "explanation"):
        data.pop(key)
    return data


class TestWorkbookCells:
    """A workbook's typed cells are read as a careful CSV export writes them."""

    def test_date_and_date_time_cells_are_dates(self) -> None:
        """A date cell is its date; a date-and-time cell counts as its date."""
        report = check(xlsx(ADA_CELLS, GRACE_ROW))
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)
        assert [DAY, DAY] == [a.completion_date for a in report.accepted]
        assert () == file_codes(report)

    def test_same_as_csv(self) -> None:
        """The workbook and the CSV export of the same rows give the same report."""
        csv_report = check(
            roster("PRG-1,A1,Ada,Lovelace,2026-03-02", "PRG-1,A2,Grace,Hopper,3/2/2026")
        )
        book_report = check(xlsx(ADA_CELLS, ("PRG-1", "A2", "Grace", "Hopper", "3/2/2026")))
        assert report_dict(csv_report) == report_dict(book_report)

    def test_whole_number_id_is_its_digits_with_a_warning(self) -> None:
        """A whole-number ID cell is read as its digits, with a file warning naming the
        rows: a spreadsheet may have dropped leading zeros (`aast-id-format`)."""
        rows = [
            ("PRG-1", 12345, "Ada", "Lovelace", DAY),
            ("PRG-1", "0012346", "Grace", "Hopper", DAY),
            ("PRG-1", 12346, "Grace", "Hopper", DAY),
        ]
        report = check(xlsx(*rows), repository=NUMERIC)
        assert ["12345", "0012346"] == [a.aast_id for a in report.accepted]
        assert ((None, "aast-id-numbers"),) == file_codes(report)
        warning = report.file_findings[0]
        assert ("aast-id-format", "aast_id") == (warning.rule, warning.field)
        assert "in 2 row(s) (row 2, 4)" in warning.message
        assert {4: ("account-not-found",)} == {r.row: r.codes for r in report.refused}

    def test_many_number_ids_are_counted_and_the_first_ten_named(self) -> None:
        """The warning names the first ten rows and counts them all."""
        rows = [("PRG-1", 12345, "Ada", "Lovelace", DAY)] * 12
        report = check(xlsx(*rows), repository=NUMERIC)
        assert "in 12 row(s) (row 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …)" in (
            report.file_findings[0].message
        )

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            pytest.param(12.5, "12.5", id="fraction"),
            pytest.param(1.5e20, "1.5e+20", id="exponent"),
            pytest.param(123456789012345678901234567890, "1.234567890123457e+29", id="huge"),
        ],
    )
    def test_other_numbers_are_refused_as_spreadsheet_numbers(self, value: Any, shown: str) -> None:
        """A number with a fraction, or too large to be an ID, is refused with the hint
        that a spreadsheet made it a number."""
        report = check(xlsx(("PRG-1", value, "Ada", "Lovelace", DAY)))
        (refusal,) = report.refused
        assert ("aast-id-spreadsheet-number",) == refusal.codes
        assert repr(shown) in refusal.findings[0].message

    def test_number_cells_elsewhere(self) -> None:
        """A number in a name column is no name; a number in the date column is a
        serial number, refused and never guessed."""
        report = check(
            xlsx(("PRG-1", "A1", 7, "Lovelace", 46083), ("PRG-1", "A2", "Grace", "Hopper", 46083.5))
        )
        assert {
            2: ("name-no-letter", "date-spreadsheet-serial"),
            3: ("date-spreadsheet-serial",),
        } == outcome(report)

    def test_extra_column_is_named(self) -> None:
        """A column of the sheet that is no roster field is ignored with a warning."""
        book = xlsx(ADA_CELLS, rows_header=(*HEADER_ROW, "Notes"))
        assert ((1, "file-extra-column"),) == file_codes(check(book))

    def test_boolean_cells_are_text(self) -> None:
        """A TRUE cell is the text TRUE, as a spreadsheet exports it: no account's ID."""
        report = check(xlsx(("PRG-1", True, "Ada", "Lovelace", DAY)))
        assert {2: ("account-not-found",)} == outcome(report)
        assert "'TRUE'" in report.refused[0].findings[0].message
        report = check(xlsx(("PRG-1", False, "Ada", "Lovelace", DAY)))
        assert "'FALSE'" in report.refused[0].findings[0].message


class TestWorkbookRows:
    """Rows keep the numbers the sheet shows (`row-numbers`)."""

    def test_blank_rows_keep_their_numbers(self) -> None:
        """A blank row is skipped and counted; later rows keep the sheet's numbers."""
        report = check(xlsx(ADA_CELLS, (None,) * 5, (None,) * 5, GRACE_ROW))
        assert {2: ("accepted",), 3: ("blank",), 4: ("blank",), 5: ("accepted",)} == outcome(report)
        assert 4 == report.data_rows

    def test_header_below_blank_rows(self) -> None:
        """A header in row 3 under two blank rows: the first data row is row 4."""
        report = check(xlsx(ADA_CELLS, GRACE_ROW, start=3))
        assert {4: ("accepted",), 5: ("accepted",)} == outcome(report)
        assert 2 == report.data_rows

    def test_header_findings_name_the_header_row(self) -> None:
        """A header in row 3 is named row 3 in the findings about it."""
        book = xlsx(ADA_CELLS, start=3, rows_header=(*HEADER_ROW, "Notes"))
        assert ((3, "file-extra-column"),) == file_codes(check(book))
        book = xlsx(ADA_CELLS, start=3, rows_header=HEADER_ROW[:4])
        assert ((3, "file-missing-column"),) == file_codes(check(book))

    def test_notes_column_without_a_header(self) -> None:
        """A cell right of the header's columns is ignored."""
        report = check(xlsx(ADA_CELLS, (*GRACE_ROW, "arrived late")))
        assert {2: ("accepted",), 3: ("accepted",)} == outcome(report)

    def test_row_limit_counts_data_rows_under_the_header(self) -> None:
        """The row limit counts the rows under the header, not the blank rows above it."""
        import attrs

        from cec_rules.policy import DEFAULT_POLICY

        two = attrs.evolve(DEFAULT_POLICY, max_roster_rows=2)
        assert not check(xlsx(ADA_CELLS, GRACE_ROW, start=5), policy=two).file_refused
        refused = check(xlsx(ADA_CELLS, GRACE_ROW, ADA_CELLS, start=5), policy=two)
        assert ((None, "file-too-many-rows"),) == file_codes(refused)


class TestWorkbookLimits:
    """The limits of `roster-file` hold in a sheet and a DataFrame as in CSV text."""

    def test_a_note_far_right_passes_the_column_limit(self) -> None:
        """A cell in column 80 makes its row 80 columns wide: the file is refused there,
        though the sheet pads every row to that width."""
        far = (*GRACE_ROW, *([None] * 74), "note")
        report = check(xlsx(ADA_CELLS, far, ADA_CELLS))
        assert ((3, "file-too-many-columns"),) == file_codes(report)
        assert "row 3 holds 80 columns" in report.file_findings[0].message

    def test_a_note_at_the_column_limit_is_ignored(self) -> None:
        """A note in column 64, the last a row may use, is ignored like any other."""
        near = (*GRACE_ROW, *([None] * 58), "note")
        report = check(xlsx(ADA_CELLS, near))
        assert ((), {2: ("accepted",), 3: ("accepted",)}) == (file_codes(report), outcome(report))

    def test_a_long_cell(self) -> None:
        """A sheet's cell past max_cell_length refuses the file at its row and field."""
        report = check(xlsx(ADA_CELLS, ("PRG-1", "A2", "G" * 1001, "Hopper", DAY)))
        found = [(f.row, f.code, f.field) for f in report.file_findings]
        assert [(3, "file-cell-too-long", "first_name")] == found

    def test_a_frame_of_too_many_columns(self) -> None:
        """A DataFrame of more columns than max_columns is refused at its header."""
        frame = pd.DataFrame(
            [[*ADA_CELLS, *range(60)]], columns=[*HEADER_CELLS, *map(str, range(60))]
        )
        assert ((1, "file-too-many-columns"),) == file_codes(check(frame))


class TestWorkbookFiles:
    """Each workbook format, sheets, streams, and what is refused."""

    def test_ods(self) -> None:
        """An OpenDocument spreadsheet reads as the .xlsx of the same rows."""
        rows = [ADA_CELLS, (None,) * 5, ("PRG-1", 12345, "Grace", "Hopper", DAY), GRACE_ROW]
        report = check(ods(*rows))
        assert report_dict(check(xlsx(*rows))) == report_dict(report)
        assert {2: ("accepted",), 3: ("blank",), 4: ("account-not-found",), 5: ("accepted",)} == (
            outcome(report)
        )

    def test_xlsm(self) -> None:
        """A macro-enabled workbook is read as the .xlsx it contains."""
        book = xlsx(ADA_CELLS)
        source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
                    )
                target.writestr(item, data)
        assert b"ms-excel.sheet.macroEnabled" in zipfile.ZipFile(out).read("[Content_Types].xml")
        assert {2: ("accepted",)} == outcome(check(out.getvalue()))

    @pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
    def test_xls_made_by_libreoffice(self, tmp_path: Path) -> None:  # pragma: no cover
        """An Excel 97-2003 workbook, as LibreOffice saves one, reads as the .xlsx."""
        rows = [ADA_CELLS, ("PRG-1", 12345, "Grace", "Hopper", DAY)]
        (tmp_path / "roster.xlsx").write_bytes(xlsx(*rows))
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(tmp_path),
                str(tmp_path / "roster.xlsx"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        xls = (tmp_path / "roster.xls").read_bytes()
        assert xls.startswith(b"\xd0\xcf\x11\xe0")
        assert report_dict(check(xlsx(*rows))) == report_dict(check(xls))

    def test_named_sheet(self) -> None:
        """The caller may name the sheet; the others are not read."""
        book = xlsx(ADA_CELLS, sheets=("Roster", "Notes"))
        assert {2: ("accepted",)} == outcome(check(book, sheet="Roster"))
        refused = check(book, sheet="Notes")
        assert ((1, "file-missing-column"),) == file_codes(refused)

    def test_named_sheet_of_a_stream(self) -> None:
        """The sheet is named for a workbook read from a stream as for its bytes."""
        stream = io.BytesIO(xlsx(ADA_CELLS, sheets=("Roster", "Notes")))
        assert ((1, "file-missing-column"),) == file_codes(check(stream, sheet="Notes"))

    def test_missing_sheet(self) -> None:
        """A sheet name the workbook lacks refuses the file, listing its sheets."""
        report = check(xlsx(ADA_CELLS, sheets=("Roster", "Notes")), sheet="March")
        (finding,) = report.file_findings
        assert "file-no-such-sheet" == finding.code
        assert "no sheet named 'March'; its sheets are 'Roster', 'Notes'" in finding.message

    def test_sheet_is_ignored_for_text(self) -> None:
        """A CSV file has no sheets: the name is not needed and not used."""
        assert {2: ("accepted",)} == outcome(
            check(roster("PRG-1,A1,Ada,Lovelace,2026-03-02"), sheet="x")
        )

    def test_empty_workbook(self) -> None:
        """A workbook with nothing in its sheet has no header."""
        import openpyxl

        out = io.BytesIO()
        openpyxl.Workbook().save(out)
        assert ((1, "file-no-header"),) == file_codes(check(out.getvalue()))

    def test_non_seekable_stream(self) -> None:
        """A workbook read from a pipe, a few bytes a read, is the same workbook."""
        book = xlsx(ADA_CELLS, GRACE_ROW)
        assert report_dict(check(book)) == report_dict(check(NonSeekable(book, most=3)))

    def test_stream_read_from_its_position(self) -> None:
        """A seekable stream is read from where the caller left it."""
        stream = io.BytesIO(b"junk" + xlsx(ADA_CELLS))
        stream.seek(4)
        assert {2: ("accepted",)} == outcome(check(stream))

    def test_without_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without python-calamine a workbook is refused naming the extra to install."""
        monkeypatch.setitem(sys.modules, "python_calamine", None)
        report = check(xlsx(ADA_CELLS))
        (finding,) = report.file_findings
        assert "file-workbook-needs-extra" == finding.code
        assert "pip install 'cec-rules[spreadsheets]'" in finding.message
        assert report.file_refused

    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document", id="pdf"),
            pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image", id="png"),
            pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image", id="jpeg"),
            pytest.param(b"GIF89a\x01\x00", "a GIF image", id="gif89"),
            pytest.param(b"GIF87a\x01\x00", "a GIF image", id="gif87"),
            pytest.param(b"II*\x00\x08\x00", "a TIFF image", id="tiff-little"),
            pytest.param(b"MM\x00*\x00\x08", "a TIFF image", id="tiff-big"),
            pytest.param(b"\x1f\x8b\x08\x00", "a gzip archive", id="gzip"),
        ],
    )
    def test_not_a_roster(self, data: bytes, kind: str) -> None:
        """A document or an image is refused saying what it appears to be, from its
        bytes or from a pipe that hands out three bytes a read."""
        for source in (data, NonSeekable(data, most=3)):
            (finding,) = check(source).file_findings
            assert ("file-not-a-roster", f"the file appears to be {kind}, not a roster") == (
                finding.code,
                finding.message,
            )

    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            pytest.param(b"PK\x03\x04" + b"\x00" * 40, "a workbook (.xlsx", id="broken-zip"),
            pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "(.xls)", id="ole2"),
        ],
    )
    def test_unreadable_workbook(self, data: bytes, kind: str) -> None:
        """A file that starts as a workbook but is none is refused as unreadable."""
        (finding,) = check(data).file_findings
        assert "file-workbook-unreadable" == finding.code
        assert kind in finding.message

    def test_workbook_that_unpacks_to_far_more_than_its_size(self) -> None:
        """A zip workbook that unpacks to over 100 times its size, and over 64 MiB, is
        refused before the reader unpacks it; one just under is read."""
        book = xlsx(ADA_CELLS)

        def padded(size: int) -> bytes:
            source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for item in source.infolist():
                    target.writestr(item, source.read(item))
                target.writestr("xl/padding.bin", bytes(size))  # a part no reader uses
            return out.getvalue()

        bomb = padded(70 << 20)
        (finding,) = check(bomb).file_findings
        assert "file-workbook-too-large" == finding.code
        parts = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(book)).infolist())
        assert f"of {len(bomb):,} bytes that unpacks to {(70 << 20) + parts:,} bytes" in (
            finding.message
        )
        assert {2: ("accepted",)} == outcome(check(padded(60 << 20)))

    def test_workbook_that_states_small_sizes_and_holds_more(self) -> None:
        """An archive whose headers state a small size for a part that unpacks to 200 MB is
        refused: each part is counted as it unpacks, not taken at its word."""
        forged = _forged(xlsx(ADA_CELLS), 200 << 20, stated=10)
        assert sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(forged)).infolist()) < (
            1 << 20
        )
        (finding,) = check(forged).file_findings
        assert "file-workbook-too-large" == finding.code
        assert f"of {len(forged):,} bytes that unpacks to more than {64 << 20:,} bytes" in (
            finding.message
        )

    def test_parts_stored_whole_are_read(self) -> None:
        """A part stored without compression is as large as its bytes: the workbook reads."""
        book = xlsx(ADA_CELLS)
        source, out = zipfile.ZipFile(io.BytesIO(book)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                target.writestr(item.filename, source.read(item), zipfile.ZIP_STORED)
        assert {2: ("accepted",)} == outcome(check(out.getvalue()))

    @pytest.mark.parametrize("damage", ["local-header", "deflate-data", "cut-short"])
    def test_damaged_parts_are_refused_by_the_reader(self, damage: str) -> None:
        """A part whose header or data is damaged is left to the reader, which refuses the
        workbook as unreadable; counting it raises nothing."""
        data = bytearray(xlsx(ADA_CELLS))
        archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
        item = next(i for i in archive.infolist() if i.filename.endswith("sheet1.xml"))
        if damage == "local-header":
            data[item.header_offset : item.header_offset + 4] = b"XXXX"
        else:
            name, extra = struct.unpack_from("<HH", data, item.header_offset + 26)
            start = item.header_offset + 30 + name + extra
            if damage == "deflate-data":
                data[start : start + 8] = b"\xff" * 8
            else:  # the central directory states fewer compressed bytes than the part has
                entry = bytes(data).rfind(
                    b"PK\x01\x02", 0, bytes(data).rfind(item.filename.encode())
                )
                struct.pack_into("<I", data, entry + 20, 4)
        (finding,) = check(bytes(data)).file_findings
        assert "file-workbook-unreadable" == finding.code

    def test_word_document(self) -> None:
        """A zip archive that is a word-processing document is no workbook."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("word/document.xml", "<document/>")
        assert ((None, "file-workbook-unreadable"),) == file_codes(check(out.getvalue()))


def frame(*rows: tuple[Any, ...]) -> pd.DataFrame:
    """A DataFrame of the rows under the roster's header, as pandas reads a sheet."""
    df: pd.DataFrame = pd.DataFrame(list(rows), columns=HEADER_CELLS)
    return df


class TestDataFrames:
    """A DataFrame is a roster: its columns the header, its rows the data rows."""

    def test_typed_values(self) -> None:
        """Timestamps are dates; NaN, NaT and None are blank; integer IDs are digits."""
        df = frame(
            ("PRG-1", 12345, "Ada", "Lovelace", pd.Timestamp("2026-03-02 09:30")),
            ("PRG-1", None, float("nan"), "Hopper", pd.NaT),
        )
        report = check(df, repository=NUMERIC)
        assert {
            2: ("accepted",),
            3: ("field-missing", "field-missing", "field-missing"),
        } == outcome(report)
        assert ((None, "aast-id-numbers"),) == file_codes(report)

    def test_wholly_blank_record_is_a_blank_row(self) -> None:
        """A row of NaN, NaT and None is skipped and counted as blank."""
        df = frame(ADA_CELLS, (None, float("nan"), pd.NA, None, pd.NaT), GRACE_ROW)
        assert {2: ("accepted",), 3: ("blank",), 4: ("accepted",)} == outcome(check(df))

    def test_no_name_nan(self) -> None:
        """A blank name is never the name 'nan' (pandas' read_csv fills blanks with NaN)."""
        df = pd.read_csv(io.StringIO(text("PRG-1,A1,,Lovelace,2026-03-02")))
        assert {2: ("field-missing",)} == outcome(check(df))

    def test_records_of_a_frame(self) -> None:
        """``df.to_dict("records")`` gives the same report as the frame."""
        df = frame(ADA_CELLS, ("PRG-1", "A2", None, "Hopper", pd.Timestamp("2026-03-02")))
        assert report_dict(check(df)) == report_dict(check(df.to_dict("records")))
        assert {2: ("accepted",), 3: ("field-missing",)} == outcome(check(df.to_dict("records")))

    def test_index_is_not_read(self) -> None:
        """A frame indexed by AAST ID lacks the column: refused, never guessed."""
        df = frame(ADA_CELLS).set_index("AAST ID")
        assert ((1, "file-missing-column"),) == file_codes(check(df))

    def test_column_names_that_are_not_text(self) -> None:
        """Columns numbered 0 to 4 name no field."""
        df = pd.DataFrame([ADA_CELLS])
        assert ((1, "file-missing-column"),) == file_codes(check(df))

    def test_polars_shape(self) -> None:
        """A frame that yields its rows through ``iter_rows`` (polars') is read too."""

        class RowsFrame:
            columns = tuple(HEADER_CELLS)

            def iter_rows(self) -> Any:
                return iter([ADA_CELLS, (None,) * 5])

        assert {2: ("accepted",), 3: ("blank",)} == outcome(check(RowsFrame()))

    def test_lone_surrogate_in_a_frame(self) -> None:
        """A Python string may hold a lone surrogate (a byte decoding could not read):
        that name is refused, never accepted, and agrees with the same records."""
        df = frame(ADA_CELLS, ("PRG-1", "A2", "Gr\udce9ce", "Hopper", DAY))
        report = check(df)
        assert {2: ("accepted",), 3: ("row-undecodable", "name-encoding-damage")} == outcome(report)
        assert report_dict(report) == report_dict(check(df.to_dict("records")))

    def test_extra_column_and_a_lone_surrogate_in_it(self) -> None:
        """A frame's extra column is ignored with a warning; a lone surrogate anywhere
        in a row, a column no rule reads included, refuses that row, as a bad byte
        does in a CSV file."""
        grace = ("PRG-1", "A2", "Grace", "Hopper", DAY)
        df = frame(ADA_CELLS, grace).assign(Notes=["late", "caf\udce9"])
        report = check(df)
        assert ((1, "file-extra-column"),) == file_codes(report)
        assert {2: ("accepted",), 3: ("row-undecodable",)} == outcome(report)

    def test_columns_alone_make_no_frame(self) -> None:
        """Records that happen to have a ``columns`` attribute are still records."""

        class Listed(list[dict[str, object]]):
            columns = ("x",)

        record = dict(zip(HEADER_CELLS, ADA_CELLS, strict=True))
        assert {2: ("accepted",)} == outcome(check(Listed([record])))

    def test_polars(self) -> None:
        """A polars DataFrame, when polars is installed, reads as the pandas one."""
        pl = pytest.importorskip("polars")
        rows = [ADA_CELLS, ("PRG-1", 12345, None, "Hopper", DAY)]
        df = pl.DataFrame([list(r) for r in rows], schema=HEADER_CELLS, orient="row")
        assert report_dict(check(frame(*rows))) == report_dict(check(df))


class TestTypedRecords:
    """Mappings with typed values get the same treatment as a frame's rows."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(Decimal("12345"), ("accepted",), id="decimal-whole"),
            pytest.param(Decimal("12.5"), ("aast-id-spreadsheet-number",), id="decimal-fraction"),
            pytest.param(Decimal("NaN"), ("field-missing",), id="decimal-nan"),
            pytest.param(Decimal("Infinity"), ("aast-id-spreadsheet-number",), id="decimal-inf"),
            pytest.param(float("inf"), ("aast-id-spreadsheet-number",), id="float-inf"),
            pytest.param(float("-inf"), ("aast-id-spreadsheet-number",), id="float-minus-inf"),
            pytest.param(Decimal("-Infinity"), ("aast-id-spreadsheet-number",), id="dec-minus-inf"),
        ],
    )
    def test_number_ids(self, value: Any, expected: tuple[str, ...]) -> None:
        """Numbers of every type: whole ones are digits, the others refused."""
        record = dict(zip(HEADER_CELLS, ("PRG-1", value, "Ada", "Lovelace", DAY), strict=True))
        assert {2: expected} == outcome(check([record], repository=NUMERIC))

    @pytest.mark.parametrize(
        ("value", "shown"),
        [
            pytest.param(float("inf"), "'∞'", id="float"),
            pytest.param(float("-inf"), "'-∞'", id="float-minus"),
            pytest.param(Decimal("Infinity"), "'∞'", id="decimal"),
            pytest.param(Decimal("-Infinity"), "'-∞'", id="decimal-minus"),
        ],
    )
    def test_infinity_is_shown_as_such(self, value: Any, shown: str) -> None:
        """An infinite ID is shown as ∞ or -∞, never as 'inf' or 'Infinity'."""
        record = dict(zip(HEADER_CELLS, ("PRG-1", value, "Ada", "Lovelace", DAY), strict=True))
        assert f"{shown} is not an AAST ID" == check([record]).refused[0].findings[0].message

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(2.0**53 - 1, ("account-not-found",), id="float-below"),
            pytest.param(2.0**53, ("aast-id-spreadsheet-number",), id="float-at"),
            pytest.param(Decimal(2**53), ("account-not-found",), id="decimal-at"),
            pytest.param(Decimal("1E+30"), ("aast-id-spreadsheet-number",), id="decimal-long"),
        ],
    )
    def test_whole_numbers_held_exactly(self, value: Any, expected: tuple[str]) -> None:
        """A whole float below 2**53 is read as its digits; from 2**53 on a float no
        longer holds every whole number, so its digits may not be the ones typed.  A
        decimal is exact: its digits are read, and refused when too long for an ID."""
        record = dict(zip(HEADER_CELLS, ("PRG-1", value, "Ada", "Lovelace", DAY), strict=True))
        assert {2: expected} == outcome(check([record]))

    def test_time_in_the_id_column(self) -> None:
        """A time cell in the AAST ID column is no number: refused for its shape."""
        from datetime import time

        cells = ("PRG-1", time(9, 30), "Ada", "Lovelace", DAY)
        record = dict(zip(HEADER_CELLS, cells, strict=True))
        assert {2: ("aast-id-format",)} == outcome(check([record]))

    @pytest.mark.parametrize("value", [float("inf"), Decimal("Infinity"), float("nan")])
    def test_numbers_are_no_names(self, value: Any) -> None:
        """An infinite number is never the name 'inf' or 'Infinity'."""
        record = dict(zip(HEADER_CELLS, ("PRG-1", "A1", value, "Lovelace", DAY), strict=True))
        assert check([record]).refused

    def test_time_of_day(self) -> None:
        """A value of another type (a time cell) is written as str writes it: no date."""
        from datetime import time

        record = dict(
            zip(HEADER_CELLS, ("PRG-1", "A1", "Ada", "Lovelace", time(9, 30)), strict=True)
        )
        report = check([record])
        assert {2: ("date-format",)} == outcome(report)
        assert "'09:30:00'" in report.refused[0].findings[0].message


# Cells of rosters that every form can hold: text with no character a workbook
# refuses, and dates as dates.
_ids = st.sampled_from(["A1", "A2", "G1", "R1", "X9", "", "A 1", "12.5"])
_names = st.sampled_from(["Ada", "Lovelace", "Zoë", "Saldaña", "", "=1+1", "O'Brien", "123"])
_dates = st.sampled_from(
    [DAY, date(2026, 3, 1), date(2026, 4, 1), "3/2/2026", "2026-3-2", "", "13/2/2026"]
)
_rows = st.lists(
    st.tuples(st.sampled_from(["PRG-1", "prg-1", "PRG-2", ""]), _ids, _names, _names, _dates),
    max_size=8,
)


def _as_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else value


class TestEveryFormAgrees:
    """The same roster in every form gives the same accepted attendees and findings."""

    @given(
        rows=_rows,
        delimiter=st.sampled_from([",", ";", "\t"]),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"]),
    )
    def test_csv_workbook_and_frame_agree(
        self, rows: list[tuple[Any, ...]], delimiter: str, encoding: str
    ) -> None:
        """CSV (any delimiter; UTF-8 with or without a byte-order mark, UTF-16 in
        either byte order), .xlsx, a DataFrame and records of the same rows give
        the same report."""
        text_rows = [[_as_text(v) for v in row] for row in rows]
        csv_text = write_csv(text_rows, delimiter=delimiter).decode("utf-8")
        if encoding == "utf-16-be-bom":
            csv_bytes = b"\xfe\xff" + csv_text.encode("utf-16-be")
        else:
            csv_bytes = csv_text.encode(encoding)  # "utf-16": a mark, then little-endian
        expected = report_dict(check(csv_bytes))
        typed = [tuple(v if v != "" else None for v in row) for row in rows]
        assert expected == report_dict(check(xlsx(*typed)))
        df = pd.DataFrame([list(r) for r in typed], columns=list(HEADER_ROW), dtype=object)
        assert expected == report_dict(check(df))
        assert expected == report_dict(check(df.to_dict("records")))
