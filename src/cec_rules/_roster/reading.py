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
- A file that starts as a workbook does is read by :mod:`.workbook`; one that
  appears to be a PDF or an image is refused as such.
- A DataFrame's columns are its header and its rows the data rows; records
  (mappings keyed by header names) become rows of the five fields.  Their
  values are typed cells, written as text by :mod:`.cells`.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Protocol

from cec_rules._roster import findings, sources, workbook
from cec_rules._roster.cells import cell_text, note_number
from cec_rules._roster.columnar import may_run_past
from cec_rules._roster.fastpass import RowPass
from cec_rules._roster.fields import FIELDS, NOT_A_RECORD, field_of
from cec_rules._roster.findings import FileRefused, Finding
from cec_rules._roster.header import header_of_cells, map_header, read_header
from cec_rules._roster.limits import check_csv_setting
from cec_rules._roster.sources import (
    LINE_END,
    TextSource,
    Undecodable,
    holds_undecoded,
    may_hold_nul,
)
from cec_rules._roster.state import CheckInputs, Collected
from cec_rules.errors import InvalidArgument

# Where a record's AAST ID goes among the five fields.
ID_INDEX = FIELDS.index("aast_id")


class DataFrame(Protocol):
    """A pandas or polars DataFrame, as the check sees one: named columns, and rows
    (``itertuples`` in pandas, ``iter_rows`` in polars)."""

    @property
    def columns(self) -> Any:  # pragma: no cover (a protocol)
        """The column names."""


RosterSource = (
    bytes | bytearray | memoryview | IO[bytes] | IO[str] | DataFrame | Iterable[Mapping[str, Any]]
)


def read_roster(
    source: RosterSource, inputs: CheckInputs, collected: Collected, sheet: str | None = None
) -> None:
    """Read ``source`` through the row pass into ``collected``; ``sheet`` names the
    sheet of a workbook to read (the first when ``None``).

    Raises :class:`FileRefused` when the file cannot be read as a roster (the
    file-level warnings found until then are in ``collected``), and
    :class:`~cec_rules.errors.InvalidArgument` for a source of another kind.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        read_file(io.BytesIO(source), inputs, collected, sheet)
    elif hasattr(source, "read"):
        if getattr(source, "closed", False):
            raise InvalidArgument(
                "the roster stream is closed; check the roster inside the `with` block that "
                "opened it, or pass the file's bytes"
            )
        if isinstance(source.read(0), bytes):
            read_file(source, inputs, collected, sheet)  # type: ignore[arg-type]
        else:
            read_text(source, inputs, collected)  # type: ignore[arg-type]
    elif is_frame(source):
        read_frame(source, inputs, collected)
    elif isinstance(source, Iterable) and not isinstance(source, (str, Mapping)):
        read_records(source, inputs, collected)
    elif isinstance(source, os.PathLike):
        raise InvalidArgument(
            f"a roster source is the file's content, not its path {os.fspath(source)!r}: the "
            "check opens no file itself; pass Path(...).read_bytes() or a stream from "
            "open(path, 'rb')"
        )
    else:
        raise InvalidArgument(
            "a roster source is bytes, an open binary or text stream, a DataFrame, or an "
            f"iterable of mappings; got {type(source).__name__} (open a file with "
            "open(path, 'rb'); pass one record as a list of one mapping)"
        )


def read_file(
    stream: IO[bytes], inputs: CheckInputs, collected: Collected, sheet: str | None
) -> None:
    """Read a binary file: a workbook, or else text; a file that appears to be a
    document or an image is refused as such.  Its first bytes are read once, and
    handed on with the stream to whichever reader takes it."""
    start = stream.tell() if stream.seekable() else None
    head = sources.read_head(stream)
    kind = workbook.appearance(head)
    if kind is None:
        read_binary(stream, head, start, inputs, collected)
    elif workbook.is_workbook(head):
        workbook.read_workbook(head + stream.read(), inputs, collected, sheet)
    else:
        raise FileRefused(findings.file_not_a_roster(kind))


def is_frame(source: object) -> bool:
    """Whether ``source`` is a DataFrame (pandas or polars), told by its methods so
    that neither library is imported."""
    rows = getattr(source, "itertuples", None) or getattr(source, "iter_rows", None)
    return hasattr(source, "columns") and callable(rows)


def read_frame(frame: Any, inputs: CheckInputs, collected: Collected) -> None:
    """Read a DataFrame: its column names are the header (row 1), each of its rows a
    data row, its values typed cells (:mod:`.cells`).  The index is not read."""
    cells = [cell_text(name) for name in frame.columns]
    header = header_of_cells(cells, collected.file_findings, inputs.policy)
    if callable(getattr(frame, "itertuples", None)):
        rows = frame.itertuples(index=False, name=None)
    else:
        rows = frame.iter_rows()
    workbook.read_typed_rows(header.cells, header.columns, 1, rows, inputs, collected, careful=True)


def read_binary(
    stream: IO[bytes], head: bytes, start: int | None, inputs: CheckInputs, collected: Collected
) -> None:
    """Read a binary stream, whose first bytes ``head`` were read from ``start`` (``None``
    when it cannot seek), as UTF-16 or UTF-8, or, when it holds no valid UTF-8 and
    can be read again from its start, in the legacy encoding that reads it as
    names, with a warning."""
    # Whether the file is UTF-8, and in which legacy encoding if not, is told from what
    # the limits let be read, and no more.
    policy = inputs.policy
    reach = sources.Reach(policy.max_roster_rows + 1, policy.max_line_length)
    try:
        read_text(sources.open_binary(stream, head, reach), inputs, collected)
        return
    except Undecodable as error:
        source, warning = sources.reopen_legacy(stream, start, error, reach)
    # The first pass may have collected rows before it met the bad byte: start over.
    fresh = Collected(file_findings=[warning])
    try:
        read_text(source, inputs, fresh)
    finally:  # a file refused on the second reading still says how it was read
        collected.take_over(fresh)


def read_text(stream: TextSource, inputs: CheckInputs, collected: Collected) -> None:
    """Read CSV text: the header, then blocks of whole lines through the row pass.

    No line (nor a record joined by quoted line breaks) longer than the policy's
    ``max_line_length`` is held: the file is refused where one starts, having
    read at most a block past it.  Line ends are not counted.
    """
    check_csv_setting(inputs.policy)
    most = inputs.policy.max_line_length

    def readline() -> str:
        return stream.readline(most + 2)  # a line at the limit and its CR LF

    header_line = readline()
    if not header_line.strip().lstrip("\ufeff"):
        raise FileRefused(findings.file_no_header())
    undecodable = sources.header_undecodable(header_line, stream)
    if undecodable is not None:
        raise FileRefused(undecodable)
    # The header is a record: a quoted line break in it reads on into further lines.
    # ``carry`` holds the start of a line the last block cut; first, the whole lines
    # read past the header.
    header, carry = read_header(header_line, readline, collected.file_findings, inputs.policy)
    row_pass = RowPass(len(header.cells), header.columns, inputs, collected, header.delimiter)
    while True:
        block = stream.read(sources.BLOCK)
        text = carry + block
        if not block:  # the end of the file, perhaps after a last line with no line break
            if text:
                _read_block(row_pass, text, stream, quoted=_needs_csv(text, stream))
            return
        # Cut after the last line end, but not after a carriage return the block ends
        # with: a line feed may follow it.
        cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        text, carry = text[:cut], text[cut:]
        if text:
            quoted = _needs_csv(text, stream)
            if carry and quoted:
                # Give csv.reader whole lines, and the stream for a quoted line break.
                text += carry + readline()
                carry = ""
            _read_block(row_pass, text, stream, quoted=quoted)
        if len(carry.rstrip("\r")) > most:  # a line with no end in sight
            raise FileRefused(findings.file_line_too_long(row_pass.number + 1, most))


def _needs_csv(text: str, stream: TextSource) -> bool:
    """Whether a block of CSV text holds a quote (or a NUL, which ``csv`` refuses on
    Python 3.10 only), so that only ``csv.reader`` can split it into cells."""
    return '"' in text or may_hold_nul(text, stream)


def _read_block(row_pass: RowPass, text: str, stream: TextSource, *, quoted: bool) -> None:
    """Check a block of whole lines of CSV text (the file's last may lack a line end).

    A block that is ``quoted`` is read by ``csv.reader``, which may take more
    lines from the ``stream`` (none at its end) for a quoted line break; any
    other block goes to the column pass, unless it leaves the block to ``csv``.
    A block that holds a bad byte is read by ``csv.reader`` and each of its rows
    checked by the reference rules, which refuse the rows holding one.
    """
    most = row_pass.inputs.policy.max_line_length
    if not quoted and may_run_past(text, "\n\r", most):
        lines = LINE_END.split(text)
        index = next((i for i, line in enumerate(lines) if len(line) > most), None)
        if index is not None:
            raise FileRefused(findings.file_line_too_long(row_pass.number + 1 + index, most))
    undecoded = holds_undecoded(text, stream)
    # (When the reporting window is shut every row is refused: no column pass.)
    if undecoded or quoted or not row_pass.fast or not row_pass.lines(text):
        lines = io.StringIO(text, newline="").readlines()
        _read_quoted(row_pass, lines, stream, thorough=undecoded)


def _read_quoted(
    row_pass: RowPass, lines: list[str], stream: TextSource, *, thorough: bool
) -> None:
    """Check whole lines of CSV text with ``csv.reader``, one row at a time (each by
    the reference rules when ``thorough``).

    A quoted cell still open at the last line goes on in the ``stream``: the
    reader takes further lines from it until the row ends, and no more.  A row that took a
    line holding a bad byte from the stream is checked by the reference rules.
    A record longer than the policy's ``max_line_length``, over one line or
    several, refuses the file where it starts.
    """
    undecoded: list[str] = []  # the lines taken from the stream that hold a bad byte
    most = row_pass.inputs.policy.max_line_length
    first = row_pass.number + 1  # the row the block starts with
    done = [0, 0]  # the records read whole, and the characters of the record being read

    def more() -> Iterator[str]:
        for line in iter(lambda: stream.readline(most + 2), ""):
            if holds_undecoded(line, stream):
                undecoded.append(line)
            yield line

    def measured() -> Iterator[str]:
        for line in itertools.chain(lines, more()):
            done[1] += len(line.rstrip("\r\n"))
            if done[1] > most:
                raise FileRefused(findings.file_line_too_long(first + done[0], most))
            yield line

    reader = csv.reader(measured(), delimiter=row_pass.delimiter, strict=True)
    end = len(lines)
    last: list[list[str]] = []  # the row that took such a line

    def block() -> Iterator[list[str]]:
        for record in reader:
            done[0] += 1
            done[1] = 0
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


# Records are read by a plan made once for each set of keys, as long as there are no
# more than this many sets: a plan per record beyond it, with no memory growing.
_PLANS = 256

# Where each field's value is among a record's values: (position, field index) pairs.
Plan = tuple[tuple[int, int], ...]


class RecordKeys:
    """What reading records remembers from one record to the next: the plan made for
    each set of keys, and the keys already warned about (each once a roster, in the
    first row that has it).

    :meth:`plan` remembers nothing, so that a record that refuses the file leaves
    no trace; :meth:`remember` keeps what it found.  A file of records remembers
    after each record; a :class:`~cec_rules.roster.RosterDraft` only once its
    entry is in.
    """

    def __init__(self) -> None:
        self.plans: dict[tuple[Any, ...], Plan] = {}
        self.warned: set[str] = set()

    def plan(self, keys: tuple[Any, ...], number: int) -> tuple[Plan, list[tuple[str, Finding]]]:
        """The plan for a record with ``keys`` in row ``number``, and the warnings its
        keys bring, each with the key it names: a key that names no field, and one
        that only resembles a field another key names exactly.

        Raises :class:`FileRefused` for two keys for one field (both exact, or both
        resembling with no exact one).
        """
        where = self.plans.get(keys)
        if where is not None:  # every key of a set planned before was warned about then
            return where, []
        names = [str(key) for key in keys]
        columns, duplicated, _, ignored = map_header(names)
        if duplicated:
            field = duplicated[0]
            named = [name for name in names if field_of(name) == field]
            raise FileRefused(findings.file_duplicate_key(number, field, named))
        warned = self.warned
        fresh: set[str] = set()  # the keys warned about here (str(1) and "1" are one name)
        warnings: list[tuple[str, Finding]] = []
        for name in names:
            if name not in warned and name not in fresh and field_of(name) is None:
                fresh.add(name)
                warnings.append((name, findings.file_extra_key(number, name)))
        for index, field, used in ignored:
            if names[index] not in warned and names[index] not in fresh:
                fresh.add(names[index])
                found = findings.file_resembling_key(number, names[index], field, names[used])
                warnings.append((names[index], found))
        where = tuple((position, FIELDS.index(field)) for field, position in columns.items())
        return where, warnings

    def remember(
        self, keys: tuple[Any, ...], where: Plan, warnings: Iterable[tuple[str, Finding]]
    ) -> None:
        """Keep the plan for ``keys`` (while there are few) and the keys warned about."""
        if len(self.plans) < _PLANS:
            self.plans[keys] = where
        self.warned.update(name for name, _ in warnings)


def record_cells(
    record: Mapping[str, Any], where: Plan, number: int, number_ids: set[int], whole: list[int]
) -> list[str]:
    """The five cells of ``record`` in row ``number`` by its plan, its values written as
    typed cells are (:mod:`.cells`); an AAST ID that is a number notes the row in
    ``number_ids`` (and in ``whole`` when it is a whole number)."""
    values = list(record.values())
    cells = ["", "", "", "", ""]
    for position, index in where:
        value = values[position]
        cells[index] = cell_text(value)
        if index == ID_INDEX:
            note_number(value, number, number_ids, whole)
    return cells


#: The header of records: the five fields, in their own order.
RECORD_COLUMNS = {field: index for index, field in enumerate(FIELDS)}


def read_records(
    records: Iterable[Mapping[str, Any]], inputs: CheckInputs, collected: Collected
) -> None:
    """Read records, one mapping of header names to values per attendee, as rows of
    the five fields.

    Keys are read as a header's cells are: a key that names no field is ignored
    with a warning, a key named exactly for a field wins over one that only
    resembles it, which is ignored with a warning, and two keys for one field
    (both exact, or both resembling with no exact one) refuse the file.
    """
    keys_read = RecordKeys()
    whole: list[int] = []

    def rows() -> Iterator[list[str]]:
        for number, record in enumerate(records, start=2):
            if not isinstance(record, Mapping):
                yield [NOT_A_RECORD, repr(record)]
                continue
            keys = tuple(record)
            where, warnings = keys_read.plan(keys, number)
            if warnings or keys not in keys_read.plans:
                keys_read.remember(keys, where, warnings)
                collected.file_findings.extend(found for _, found in warnings)
            yield record_cells(record, where, number, collected.number_ids, whole)

    row_pass = RowPass(len(FIELDS), RECORD_COLUMNS, inputs, collected)
    row_pass.rows(rows(), careful=True)
    if whole:
        collected.file_findings.append(findings.aast_id_numbers(whole))
