"""Workbooks, and files that are not rosters at all (`roster-file`).

A binary roster is first told by its first bytes (:func:`appearance`): an
``.xlsx``, ``.xlsm`` or ``.ods`` workbook is a zip archive, an ``.xls`` one an
OLE2 compound file, and a PDF or an image has a signature of its own.  Text
is none of these.

A workbook is read with python-calamine, the optional ``spreadsheets`` extra
(``pip install 'cec-rules[spreadsheets]'``): it reads all four formats and
keeps each cell's type, so that a date cell is a date and a number a number
(:mod:`.cells`).  The first sheet is read, or the sheet the caller names; its
first row that is not blank is the header, and every row keeps the number
the sheet shows for it (`row-numbers`).  Without the extra, a workbook is
refused with a finding that names the extra.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from cec_rules._roster import findings
from cec_rules._roster.cells import cell_text, text_rows
from cec_rules._roster.fastpass import RowPass
from cec_rules._roster.findings import FileRefused
from cec_rules._roster.header import header_of_cells
from cec_rules._roster.state import CheckInputs, Collected

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

# The first bytes of the kinds of file a provider may send instead of a roster's text.
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = (
    (_ZIP, "a workbook (.xlsx, .xlsm or .ods) or another zip archive"),
    (_OLE2, "an Excel 97-2003 workbook (.xls) or another Office document"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


def appearance(head: bytes) -> str | None:
    """What a file that starts with ``head`` appears to be, when it is not text:
    a phrase such as ``"a PDF document"``; ``None`` for anything else."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def is_workbook(head: bytes) -> bool:
    """Whether a file that starts with ``head`` may be a workbook."""
    return head.startswith((_ZIP, _OLE2))


def read_workbook(
    data: bytes, inputs: CheckInputs, collected: Collected, sheet: str | None
) -> None:
    """Read the first sheet of the workbook ``data``, or the sheet named ``sheet``,
    through the row pass into ``collected``.

    Raises :class:`FileRefused` when the reader is not installed, when the file
    cannot be opened as a workbook, when the sheet is missing, and when the
    sheet is not a roster.
    """
    kind = appearance(data)
    budget = max(UNPACKED_FLOOR, UNPACKED_RATIO * len(data))
    stated = _stated_size(data)
    if stated > budget:
        raise FileRefused(findings.file_workbook_too_large(str(kind), len(data), stated))
    if _holds_more(data, budget):
        refusal = findings.file_workbook_too_large(str(kind), len(data), budget, stated=False)
        raise FileRefused(refusal)
    try:
        import python_calamine
    except ImportError:
        raise FileRefused(findings.file_workbook_needs_extra(str(kind))) from None
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        found = _sheet(workbook, sheet)
        rows = iter(found.iter_rows())
    except python_calamine.CalamineError as error:  # its zip, XML, password errors too
        raise FileRefused(findings.file_workbook_unreadable(str(kind), str(error))) from None
    read_sheet(rows, inputs, collected)


# A zip workbook may unpack to at most this many times its own size, or to this
# many bytes when that is more: real workbooks unpack to ten or twenty times their
# size; a "zip bomb" of a few kilobytes to gigabytes, which the reader would hold.
UNPACKED_RATIO = 100
UNPACKED_FLOOR = 64 << 20


def _stated_size(data: bytes) -> int:
    """The size a zip workbook says its parts unpack to (0 for an OLE2 workbook, or
    an archive the reader will refuse as damaged)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        return 0


def _holds_more(data: bytes, budget: int) -> bool:
    """Whether the parts of a zip workbook unpack to more than ``budget`` bytes, counted.

    An archive may state small sizes and hold far more, which the reader would
    unpack whole: each deflated part is unpacked here, a chunk at a time and
    nothing kept, until the count passes ``budget`` or the parts end.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            items = archive.infolist()
    except zipfile.BadZipFile:
        return False
    total = 0
    for item in items:
        total += _part_size(data, item, budget - total)
        if total > budget:
            return True
    return False


# How much a deflated part is unpacked at a time while it is counted.
_CHUNK = 1 << 20


def _part_size(data: bytes, item: zipfile.ZipInfo, budget: int) -> int:
    """What the part ``item`` of the archive ``data`` unpacks to, counted no further
    than just past ``budget``; its stated size when it is not deflated (stored parts
    are as large as their bytes; the reader refuses other methods)."""
    if item.compress_type != zipfile.ZIP_DEFLATED:
        return item.file_size
    header = data[item.header_offset : item.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return item.file_size  # a damaged archive: the reader refuses it
    start = item.header_offset + 30 + int.from_bytes(header[26:28], "little")
    start += int.from_bytes(header[28:30], "little")
    pending = data[start : start + item.compress_size]
    unpacker = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    try:
        while total <= budget and not unpacker.eof:
            out = unpacker.decompress(pending, _CHUNK)
            pending = unpacker.unconsumed_tail
            if not out and not pending:  # the input ended before the stream did
                break
            total += len(out)
    except zlib.error:
        return item.file_size  # not deflate data: the reader refuses it
    return total


def _sheet(workbook: CalamineWorkbook, name: str | None) -> CalamineSheet:
    """The sheet named ``name`` of a workbook, or its first sheet."""
    if name is None:
        return workbook.get_sheet_by_index(0)
    names: list[str] = workbook.sheet_names
    if name not in names:
        raise FileRefused(findings.file_no_such_sheet(name, names))
    return workbook.get_sheet_by_name(name)


def read_sheet(rows: Iterator[Sequence[object]], inputs: CheckInputs, collected: Collected) -> None:
    """Read a sheet's rows (lists of typed cells, the first being the sheet's row 1):
    the first row that is not blank is the header."""
    for number, row in enumerate(rows, start=1):  # noqa: B007 (the number is used after)
        header_cells = [cell_text(cell) for cell in row]
        if "".join(header_cells).strip():
            break
    else:
        raise FileRefused(findings.file_no_header())
    header = header_of_cells(header_cells, collected.file_findings, inputs.policy, row=number)
    read_typed_rows(header.cells, header.columns, number, rows, inputs, collected, careful=False)


def read_typed_rows(
    cells: list[str],
    columns: dict[str, int],
    header_row: int,
    rows: Iterator[Sequence[object]],
    inputs: CheckInputs,
    collected: Collected,
    *,
    careful: bool,
) -> None:
    """Read typed rows under a header of ``cells`` found in row ``header_row``: each
    cell as its text (:func:`~cec_rules._roster.cells.cell_text`), and a warning
    when AAST IDs were numbers.  ``careful``: the texts may hold lone surrogates
    (Python's own strings may; a workbook's never do)."""
    row_pass = RowPass(len(cells), columns, inputs, collected, header_row=header_row)
    whole: list[int] = []
    texts = text_rows(rows, header_row + 1, columns["aast_id"], collected.number_ids, whole)
    row_pass.rows(texts, careful=careful)
    if whole:
        collected.file_findings.append(findings.aast_id_numbers(whole))
