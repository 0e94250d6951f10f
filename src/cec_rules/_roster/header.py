"""The header row (`roster-fields`, `roster-file`): its delimiter, and which
column holds which field.
"""

from __future__ import annotations

import csv
from typing import NamedTuple

from cec_rules._roster import findings
from cec_rules._roster.fields import FIELDS, field_of
from cec_rules._roster.findings import FileRefused, Finding

# The delimiters a roster may use, the comma first.
DELIMITERS = (",", ";", "\t")


class HeaderMap(NamedTuple):
    """What a header's cells name: the column of each field found, the fields named
    more than once, and the names of the columns that are not roster fields."""

    columns: dict[str, int]
    duplicated: list[str]
    extra: list[str]


class Header(NamedTuple):
    """The header row: its delimiter, its cells, and which column holds each field."""

    delimiter: str
    cells: list[str]
    columns: dict[str, int]


def map_header(cells: list[str]) -> HeaderMap:
    """Match header cells to the fields, in any case and with a few aliases."""
    columns: dict[str, int] = {}
    duplicated: list[str] = []
    extra: list[str] = []
    for index, cell in enumerate(cells):
        field = field_of(cell)
        if field is None:
            if cell.strip():
                extra.append(cell.strip())
        elif field in columns:
            duplicated.append(field)
        else:
            columns[field] = index
    return HeaderMap(columns, duplicated, extra)


def read_header(line: str, file_findings: list[Finding]) -> Header:
    """Read the header line under the delimiter that names the most fields.

    Appends a warning for a delimiter other than a comma and one for extra
    columns to ``file_findings``; raises :class:`FileRefused` when a field's
    column is missing or named twice, or when ``csv`` cannot read the line.
    """
    best: tuple[int, str, list[str]] | None = None
    try:
        for delimiter in DELIMITERS:
            cells = next(csv.reader([line], delimiter=delimiter), [])
            found = len(map_header(cells).columns)
            if best is None or found > best[0]:
                best = (found, delimiter, cells)
            if found == len(FIELDS):  # no later delimiter can name more
                break
    except csv.Error as error:  # a header cell beyond csv's field limit
        raise FileRefused(findings.file_csv_error(error, 1)) from None
    assert best is not None
    _, delimiter, cells = best
    warning = findings.file_delimited(delimiter)
    if warning is not None:
        file_findings.append(warning)
    return header_of_cells(cells, file_findings, delimiter)


def header_of_cells(cells: list[str], file_findings: list[Finding], delimiter: str = ",") -> Header:
    """The header made of ``cells`` (from a CSV line, a sheet's row or a frame's columns).

    Appends a warning for extra columns to ``file_findings``; raises
    :class:`FileRefused` when a field's column is missing or named twice.
    """
    columns, duplicated, extra = map_header(cells)
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        raise FileRefused(findings.file_missing_column(missing))
    if duplicated:
        raise FileRefused(findings.file_duplicate_column(duplicated))
    if extra:
        file_findings.append(findings.file_extra_columns(extra))
    return Header(delimiter, cells, columns)
