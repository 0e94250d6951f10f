"""The header row (`roster-fields`, `roster-file`): its delimiter, and which
column holds which field.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import NamedTuple

from cec_rules._roster import findings
from cec_rules._roster.fields import FIELDS, naming
from cec_rules._roster.findings import FileRefused, Finding
from cec_rules._roster.limits import check_limits
from cec_rules.policy import Policy

# The delimiters a roster may use, the comma first.
DELIMITERS = (",", ";", "\t")


class HeaderMap(NamedTuple):
    """What a header's cells name: the column of each field found, the fields named
    more than once, the names of the columns that are not roster fields, and the
    columns ignored because they only resemble a field that another column names
    exactly, each as (its column, the field, the column used)."""

    columns: dict[str, int]
    duplicated: list[str]
    extra: list[str]
    ignored: list[tuple[int, str, int]]

    def named(self) -> int:
        """How many fields the header names, once or more."""
        return len(self.columns) + len(self.duplicated)


class Header(NamedTuple):
    """The header row: its delimiter, its cells, and which column holds each field."""

    delimiter: str
    cells: list[str]
    columns: dict[str, int]


def map_header(cells: list[str]) -> HeaderMap:
    """Match header cells to the fields, in any case and with a few aliases.

    A column named exactly for a field wins over columns whose names only
    resemble it (`roster-file`), which are ignored; two columns for one field
    that are both exact, or both resembling with no exact one, are a field
    named twice: which one holds the data would be a guess.
    """
    exact: dict[str, list[int]] = {}
    resembling: dict[str, list[int]] = {}
    extra: list[str] = []
    for index, cell in enumerate(cells):
        named = naming(cell)
        if named is None:
            if cell.strip():
                extra.append(cell.strip())
        else:
            field, is_exact = named
            (exact if is_exact else resembling).setdefault(field, []).append(index)
    columns: dict[str, int] = {}
    duplicated: list[str] = []
    ignored: list[tuple[int, str, int]] = []
    for field in FIELDS:
        chosen = exact.get(field) or resembling.get(field)
        if chosen is None:
            continue
        if len(chosen) > 1:
            duplicated.append(field)
            continue
        columns[field] = chosen[0]
        if field in exact:
            ignored.extend((index, field, chosen[0]) for index in resembling.get(field, ()))
    ignored.sort()
    return HeaderMap(columns, duplicated, extra, ignored)


def read_header(
    line: str, readline: Callable[[], str], file_findings: list[Finding], policy: Policy
) -> tuple[Header, str]:
    """Read the header record under the delimiter that names the most fields.

    ``line`` is the file's first line; a quote still open at its end goes on
    into further lines from ``readline`` (`roster-file`: the header is a CSV
    record like any other), up to the policy's ``max_line_length`` characters in
    all: a quote still open past that is a stray one, and the rest of the file is
    not read in search of its end.
    Returns the header and the text of the lines read past it, which the
    first data row starts with.

    Appends a warning for a delimiter other than a comma and one for extra
    columns to ``file_findings``; raises :class:`FileRefused` when a field's
    column is missing or named twice, when a quote opened in the header is
    never closed (or not within the line limit), when it passes a limit of
    `roster-file`, or when ``csv`` cannot read it.
    """
    lines = _HeaderLines(line, readline, policy.max_line_length)
    best: tuple[int, str, list[str], int] | None = None
    failure: Finding | None = None
    try:
        for delimiter in DELIMITERS:
            record = lines.record(delimiter)
            if isinstance(record, Finding):  # a quote open to the end, or past the span
                failure = failure or record
                continue
            cells, used = record
            found = map_header(cells).named()
            if best is None or found > best[0]:
                best = (found, delimiter, cells, used)
            if found == len(FIELDS):  # no later delimiter can name more
                break
    except csv.Error as error:  # a header cell beyond csv's field limit
        raise FileRefused(findings.file_csv_error(error, 1, policy.max_cell_length)) from None
    if failure is not None and (best is None or best[0] < len(FIELDS)):
        # A quote left open under one delimiter, and no other reads a whole header.
        raise FileRefused(failure)
    assert best is not None
    _, delimiter, cells, used = best
    warning = findings.file_delimited(delimiter)
    if warning is not None:
        file_findings.append(warning)
    return header_of_cells(cells, file_findings, policy, delimiter), "".join(lines.lines[used:])


class _HeaderLines:
    """The lines a header record is read from: the first line, then as many more from
    ``readline`` as a quote left open asks for, kept so that each delimiter's reader
    reads the same ones."""

    def __init__(self, first: str, readline: Callable[[], str], span: int) -> None:
        self.lines = [first]
        self.size = len(first)
        self.readline = readline
        self.span = span
        self.ended = False  # whether readline has reached the end of the stream

    def record(self, delimiter: str) -> tuple[list[str], int] | Finding:
        """The first record under ``delimiter`` and the number of lines it takes, or the
        finding that refuses the file when a quote stays open to the end of the
        stream or past the ``span`` of characters a line may hold."""
        short: list[Finding] = []

        def feed() -> Iterator[str]:
            index = 0
            while True:
                if index == len(self.lines):
                    if not self.ended and self.size <= self.span:
                        line = self.readline()
                        self.ended = not line
                        if line:
                            self.lines.append(line)
                            self.size += len(line)
                    if index == len(self.lines):
                        # csv.reader asks for a line only while a quote is open.
                        opened = findings.file_unterminated_quote(1)
                        long = findings.file_line_too_long(1, self.span)
                        short.append(opened if self.ended else long)
                        return
                yield self.lines[index]
                index += 1

        reader = csv.reader(feed(), delimiter=delimiter)
        cells = next(reader)
        if short:
            return short[0]
        if sum(len(line.rstrip("\r\n")) for line in self.lines[: reader.line_num]) > self.span:
            return findings.file_line_too_long(1, self.span)
        return cells, reader.line_num


def header_of_cells(
    cells: list[str],
    file_findings: list[Finding],
    policy: Policy,
    delimiter: str = ",",
    row: int = 1,
) -> Header:
    """The header made of ``cells`` (from a CSV line, a sheet's row or a frame's columns),
    found in ``row`` (1, but in a sheet with blank rows above it).

    Appends a warning for extra columns, and one for each column ignored because
    it only resembles a field another column names exactly, to ``file_findings``;
    raises :class:`FileRefused` when a field's column is missing or named twice, or
    when the header passes the column or cell limit of `roster-file`.
    """
    check_limits(row, cells, {}, policy)
    columns, duplicated, extra, ignored = map_header(cells)
    missing = [f for f in FIELDS if f not in columns and f not in duplicated]
    if missing:
        raise FileRefused(findings.file_missing_column(missing, row))
    if duplicated:
        raise FileRefused(findings.file_duplicate_column(duplicated, row))
    if extra:
        file_findings.append(findings.file_extra_columns(extra, row))
    for index, field, used in ignored:
        file_findings.append(
            findings.file_resembling_column(cells[index].strip(), field, cells[used].strip(), row)
        )
    return Header(delimiter, cells, columns)
