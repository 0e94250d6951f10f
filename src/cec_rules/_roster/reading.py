"""Reading what :func:`~cec_rules.roster.check_roster` accepts into the row pass
(`roster-file`, `row-numbers`).

- Bytes or a binary stream are decoded (:mod:`.sources`): UTF-16 after its
  byte-order mark, else UTF-8 (a file that is UTF-8 but for a few bad bytes
  too, each bad byte refusing its row); a file with no valid UTF-8 at all, on
  a stream that can be read again, in the one legacy encoding that reads it
  as names, from the start.
- Text is read in blocks cut at a line end.  A block with no quote goes to the
  column pass (:meth:`~cec_rules._roster.fastpass.RowPass.lines`); a block with
  quotes, or one the column pass leaves, to ``csv.reader`` a row at a time,
  which may read on into the stream for a quoted line break.
- Records (mappings keyed by header names) become rows of the five fields.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from cec_rules._roster import findings, sources
from cec_rules._roster.fastpass import RowPass
from cec_rules._roster.fields import FIELDS, NOT_A_RECORD, field_of
from cec_rules._roster.findings import FileRefused
from cec_rules._roster.header import read_header
from cec_rules._roster.sources import TextSource, Undecodable, holds_undecoded, may_hold_nul
from cec_rules._roster.state import CheckInputs, Collected
from cec_rules.errors import InvalidArgument

RosterSource = bytes | bytearray | memoryview | IO[bytes] | IO[str] | Iterable[Mapping[str, Any]]


def read_roster(source: RosterSource, inputs: CheckInputs, collected: Collected) -> None:
    """Read ``source`` through the row pass into ``collected``.

    Raises :class:`FileRefused` when the file cannot be read as a roster (the
    file-level warnings found until then are in ``collected``), and
    :class:`~cec_rules.errors.InvalidArgument` for a source of another kind.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        read_binary(io.BytesIO(source), inputs, collected)
    elif hasattr(source, "read"):
        if isinstance(source.read(0), bytes):
            read_binary(source, inputs, collected)  # type: ignore[arg-type]
        else:
            read_text(source, inputs, collected)  # type: ignore[arg-type]
    elif isinstance(source, Iterable) and not isinstance(source, (str, Mapping)):
        read_records(source, inputs, collected)
    else:
        raise InvalidArgument(
            "a roster source is bytes, an open binary or text stream, or an iterable of "
            f"mappings; got {type(source).__name__} (open a file with open(path, 'rb'); "
            "pass one record as a list of one mapping)"
        )


def read_binary(stream: IO[bytes], inputs: CheckInputs, collected: Collected) -> None:
    """Read a binary stream as UTF-16 or UTF-8, or, when it holds no valid UTF-8 and
    can be read again from its start, in the legacy encoding that reads it as
    names, with a warning."""
    start = stream.tell() if stream.seekable() else None
    try:
        read_text(sources.open_binary(stream), inputs, collected)
        return
    except Undecodable as error:
        source, warning = sources.reopen_legacy(stream, start, error)
    # The first pass may have collected rows before it met the bad byte: start over.
    fresh = Collected(file_findings=[warning])
    read_text(source, inputs, fresh)
    collected.take_over(fresh)


def read_text(stream: TextSource, inputs: CheckInputs, collected: Collected) -> None:
    """Read CSV text: the header, then blocks of whole lines through the row pass."""
    header_line = stream.readline()
    if not header_line.strip().lstrip("\ufeff"):
        raise FileRefused(findings.file_no_header())
    undecodable = sources.header_undecodable(header_line, stream)
    if undecodable is not None:
        raise FileRefused(undecodable)
    header = read_header(header_line, collected.file_findings)
    row_pass = RowPass(len(header.cells), header.columns, inputs, collected, header.delimiter)
    carry = ""  # the start of a line the last block cut
    while True:
        block = stream.read(sources.BLOCK)
        text = carry + block
        if not block:  # the end of the file, perhaps after a last line with no line break
            if text:
                _read_block(row_pass, text, stream, quoted=_needs_csv(text, stream), more=False)
            return
        # Cut after the last line end, but not after a carriage return the block ends
        # with: a line feed may follow it.
        cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        text, carry = text[:cut], text[cut:]
        if text:
            quoted = _needs_csv(text, stream)
            if carry and quoted:
                # Give csv.reader whole lines, and the stream for a quoted line break.
                text += carry + stream.readline()
                carry = ""
            _read_block(row_pass, text, stream, quoted=quoted)


def _needs_csv(text: str, stream: TextSource) -> bool:
    """Whether a block of CSV text holds a quote (or a NUL, which ``csv`` refuses on
    Python 3.10 only), so that only ``csv.reader`` can split it into cells."""
    return '"' in text or may_hold_nul(text, stream)


def _read_block(
    row_pass: RowPass, text: str, stream: TextSource, *, quoted: bool, more: bool = True
) -> None:
    """Check a block of whole lines of CSV text (the file's last may lack a line end).

    A block that is ``quoted`` is read by ``csv.reader``, which may take more
    lines from the ``stream`` (unless not ``more``) for a quoted line break; any
    other block goes to the column pass, unless it leaves the block to ``csv``.
    A block that holds a bad byte is read by ``csv.reader`` and each of its rows
    checked by the reference rules, which refuse the rows holding one.
    """
    undecoded = holds_undecoded(text, stream)
    # (When the reporting window is shut every row is refused: no column pass.)
    if undecoded or quoted or not row_pass.fast or not row_pass.lines(text):
        lines = io.StringIO(text, newline="").readlines()
        _read_quoted(row_pass, lines, stream if more else None, thorough=undecoded)


def _read_quoted(
    row_pass: RowPass, lines: list[str], stream: TextSource | None, *, thorough: bool
) -> None:
    """Check whole lines of CSV text with ``csv.reader``, one row at a time (each by
    the reference rules when ``thorough``).

    A quoted cell still open at the last line goes on in the ``stream``: the
    reader takes further lines from it until the row ends, and no more.  A row
    that took a line holding a bad byte from the stream is checked by the
    reference rules.
    """
    more: Iterable[str] = ()
    undecoded: list[str] = []  # the lines taken from the stream that hold a bad byte
    if stream is not None:

        def watched() -> Iterator[str]:
            for line in iter(stream.readline, ""):
                if holds_undecoded(line, stream):
                    undecoded.append(line)
                yield line

        more = watched()
    reader = csv.reader(itertools.chain(lines, more), delimiter=row_pass.delimiter, strict=True)
    end = len(lines)
    last: list[list[str]] = []  # the row that took such a line

    def block() -> Iterator[list[str]]:
        for record in reader:
            if reader.line_num >= end:  # the last row of the block
                if undecoded:
                    last.append(record)
                    return
                yield record
                return
            yield record

    row_pass.rows(block(), thorough=thorough)
    if last:
        row_pass.rows(last, thorough=True)


def read_records(
    records: Iterable[Mapping[str, Any]], inputs: CheckInputs, collected: Collected
) -> None:
    """Read records, one mapping of header names to values per attendee, as rows of
    the five fields; a key that names no field is ignored with a warning."""
    extra_seen: set[str] = set()

    def rows() -> Iterator[list[str]]:
        for number, record in enumerate(records, start=2):
            if not isinstance(record, Mapping):
                yield [NOT_A_RECORD, repr(record)]
                continue
            cells = ["", "", "", "", ""]
            for key, value in record.items():
                field = field_of(str(key))
                if field is None:
                    if str(key) not in extra_seen:
                        extra_seen.add(str(key))
                        collected.file_findings.append(findings.file_extra_key(number, str(key)))
                    continue
                cells[FIELDS.index(field)] = "" if value is None else str(value)
            yield cells

    row_pass = RowPass(len(FIELDS), {f: i for i, f in enumerate(FIELDS)}, inputs, collected)
    row_pass.rows(rows(), careful=True)
