"""Typed cells as the text the row pass reads (`roster-file`, `aast-id-format`,
`completion-date`).

A workbook's cells and a DataFrame's values carry types that a CSV file has
lost: a date cell is a date, an empty cell is ``None`` or ``NaN``, a number is
a number.  :func:`cell_text` writes each as the text a careful export would
have held, so that the same rules and the same findings apply to every form
of roster:

- text stays as it is;
- ``None``, ``NaN``, ``NaT`` and pandas' ``NA`` are blank;
- a date is written ``YYYY-MM-DD``, and a date and time counts as its date: a
  typed date has no day/month order to guess;
- a whole number is written as its digits (``12345.0`` is ``12345``); a
  number with a fraction or too large to be exact keeps its decimal point or
  exponent, which the AAST ID and date rules refuse with the hint that a
  spreadsheet made it a number;
- an infinite number is ``∞`` (never ``inf``, which would pass for a name);
- anything else is written as ``str`` writes it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

# The names of pandas' missing-value types: compared by name so that pandas is
# never imported here (NaT is also a datetime; NA has no truth value).
MISSING_TYPES = frozenset({"NaTType", "NAType"})

# The largest whole number a binary float holds exactly.
EXACT_FLOAT = 2**53


def cell_text(value: object) -> str:
    """The text of a typed cell, as a careful CSV export would hold it.

    >>> from datetime import date, datetime
    >>> [cell_text(v) for v in ("Zoë", None, float("nan"), 12345.0, 12.5, date(2026, 3, 2))]
    ['Zoë', '', '', '12345', '12.5', '2026-03-02']
    >>> cell_text(datetime(2026, 3, 2, 17, 30))
    '2026-03-02'
    """
    if isinstance(value, str):
        return value
    if value is None or type(value).__name__ in MISSING_TYPES:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as a spreadsheet shows and exports it
    number = whole_number(value)
    if number is not None:
        return str(number)
    if isinstance(value, Decimal):
        if value.is_nan():
            return ""
        if value.is_infinite():
            return "∞" if value > 0 else "-∞"
        return str(value)
    if isinstance(value, numbers.Real):
        real = float(value)
        if math.isnan(real):
            return ""
        if math.isinf(real):  # not "inf", which would pass for a name
            return "∞" if real > 0 else "-∞"
    return str(value)


def whole_number(value: object) -> int | None:
    """``value`` as an ``int`` when it is a whole number held exactly: any integer or
    decimal, a float below 2**53; else ``None``.  The callers have told booleans
    apart: they are no numbers here."""
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():  # a decimal is exact
            return int(value)
        return None
    if isinstance(value, numbers.Real):
        real = float(value)
        if math.isfinite(real) and real.is_integer() and abs(real) < EXACT_FLOAT:
            return int(real)
    return None


def is_number(value: object) -> bool:
    """Whether a typed cell holds a number (a boolean is none).  A NaN counts: its
    cell is blank, refused as a missing field whatever else is said of it."""
    return isinstance(value, (numbers.Number, Decimal)) and not isinstance(value, bool)


def text_rows(
    rows: Iterator[Sequence[object]],
    first: int,
    id_column: int,
    number_ids: set[int],
    whole: list[int],
) -> Iterator[list[str]]:
    """The rows as lists of texts, the first numbered ``first``.

    Each row whose AAST ID (in column ``id_column``) was a number cell is added
    to ``number_ids`` (`aast-id-format`): a number the policy's pattern refuses
    (a fraction, an exponent) is then refused as a spreadsheet's number.  A
    whole number is read as its digits, and its row appended to ``whole``: a
    spreadsheet may have dropped its leading zeros.
    """
    for number, row in enumerate(rows, start=first):
        note_number(row[id_column], number, number_ids, whole)  # rows are full width
        yield [cell if type(cell) is str else cell_text(cell) for cell in row]


def note_number(value: object, row: int, number_ids: set[int], whole: list[int]) -> None:
    """Note ``row`` in ``number_ids`` when the AAST ID ``value`` is a number cell, and in
    ``whole`` too when it is a whole number."""
    if is_number(value):
        number_ids.add(row)
        if whole_number(value) is not None:
            whole.append(row)
