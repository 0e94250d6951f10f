"""The limits of `roster-file`: columns in a row, characters in a cell and in a line.

A file past a limit is refused as a whole, where the reader meets the row that
passes it; the reader reads no further, so a huge or hostile upload costs what
was read up to the limit.  The row limit is counted by the row pass
(:meth:`~cec_rules._roster.fastpass.RowPass.count_rows`), the line limit by
the CSV reader (:mod:`.reading`).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from cec_rules._roster import findings
from cec_rules._roster.findings import FileRefused
from cec_rules.errors import UnsupportedSetting

if TYPE_CHECKING:
    from cec_rules.policy import Policy


def column_count(cells: Sequence[str]) -> int:
    """How many columns ``cells`` hold: up to the last cell that is not blank (a
    sheet pads every row to its widest, and trailing empty cells hold nothing)."""
    count = len(cells)
    while count and not cells[count - 1].strip():
        count -= 1
    return count


def column_title(index: int, columns: Mapping[str, int]) -> str:
    """The roster field of column ``index`` (from 0) when it holds one, else
    "column N" (from 1, as a spreadsheet counts)."""
    for field, at in columns.items():
        if at == index:
            return field
    return f"column {index + 1}"


def check_limits(
    number: int, cells: Sequence[str], columns: Mapping[str, int], policy: Policy
) -> None:
    """Refuse the file when row ``number`` holds more columns than ``max_columns`` or
    a cell longer than ``max_cell_length``."""
    if len(cells) > policy.max_columns:
        count = column_count(cells)
        if count > policy.max_columns:
            raise FileRefused(findings.file_too_many_columns(number, count, policy.max_columns))
    most = policy.max_cell_length
    if max(map(len, cells), default=0) > most:
        index = next(index for index, cell in enumerate(cells) if len(cell) > most)
        title = column_title(index, columns)
        raise FileRefused(findings.file_cell_too_long(number, title, len(cells[index]), most))


def check_csv_setting(policy: Policy) -> None:
    """Refuse to read CSV when this process's ``csv.field_size_limit()`` is below the
    policy's cell limit: ``csv`` would refuse cells the policy allows, and the
    answer would depend on a setting of the process rather than on the file."""
    limit = csv.field_size_limit()
    if limit < policy.max_cell_length:
        raise UnsupportedSetting(
            f"csv.field_size_limit() is {limit:,} in this process, below the policy's "
            f"max_cell_length of {policy.max_cell_length:,}, so csv would refuse cells the "
            f"policy allows; call csv.field_size_limit({policy.max_cell_length}) or more "
            "(its default is 131,072) before checking a roster"
        )
