"""The values a roster check returns for its rows: each accepted attendee, the
accepted attendees as a whole (kept as columns), and each refused row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple, overload

import attrs

from cec_rules._roster.findings import Finding, read_finding
from cec_rules.accounts import AccountKind
from cec_rules.jsonio import REPORT_DATA, JsonValue, at, dumps


class AcceptedAttendee(NamedTuple):
    """An attendee whose row was accepted: names as normalized, kind from the account."""

    row: int
    aast_id: str
    first_name: str
    last_name: str
    kind: AccountKind
    completion_date: date

    # A NamedTuple takes no base but its own, so it writes to_json as JsonValue does.
    def to_dict(self) -> dict[str, Any]:
        """Return the attendee as JSON-ready data."""
        return {
            "row": self.row,
            "aast_id": self.aast_id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "kind": self.kind.value,
            "completion_date": self.completion_date.isoformat(),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """Return :meth:`to_dict` as JSON text (see :func:`cec_rules.jsonio.dumps`)."""
        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AcceptedAttendee:
        """Build an attendee from JSON-ready data, as :meth:`to_dict` writes it; a key
        missing or of the wrong kind raises :class:`~cec_rules.errors.InvalidReport`
        naming it."""
        return read_attendee(data, "")


def read_attendee(data: object, path: str) -> AcceptedAttendee:
    """The accepted attendee ``data`` describes, at ``path`` in a report's data."""
    read = REPORT_DATA
    data = read.mapping(data, path, "an accepted attendee")
    aast_id, first_name, last_name = (
        read.text(read.key(data, key, path), at(path, key))
        for key in ("aast_id", "first_name", "last_name")
    )
    return AcceptedAttendee(
        read.whole(read.key(data, "row", path), at(path, "row"), least=1),
        aast_id,
        first_name,
        last_name,
        read.choice(AccountKind, read.key(data, "kind", path), at(path, "kind")),
        read.day(read.key(data, "completion_date", path), at(path, "completion_date")),
    )


# An AcceptedAttendee from a tuple of its six values, without the call to __new__
# that checks the count (the columns guarantee it).
ACCEPT_ROW = functools.partial(tuple.__new__, AcceptedAttendee)


# The account kinds, and their codes in a column of kinds kept as bytes: a column of
# a million enum members would be walked by every garbage collection.
KINDS = (AccountKind.MEMBER, AccountKind.GUEST)
KIND_CODES: dict[AccountKind, int] = {kind: code for code, kind in enumerate(KINDS)}


# Row numbers, AAST IDs, first names, last names, kind codes, completion dates.
Columns = tuple[list[int], list[str], list[str], list[str], bytes, list[date]]


def columns_of(
    rows: list[int],
    aast_ids: list[str],
    first_names: list[str],
    last_names: list[str],
    kind_codes: bytes,
    completion_dates: list[date],
) -> Columns:
    """The six columns of :class:`Attendees`, checked to hold one value per attendee."""
    columns = (rows, aast_ids, first_names, last_names, kind_codes, completion_dates)
    if len({len(c) for c in columns}) > 1:
        raise ValueError("every column of Attendees has one value per attendee")
    return columns


class Attendees(Sequence[AcceptedAttendee]):
    """The accepted attendees of a roster, in row order: a read-only sequence.

    A roster can hold a million attendees, so they are kept as six columns of
    values (row numbers, AAST IDs, names, kinds, dates) and each
    :class:`AcceptedAttendee` is built when it is read.  It compares equal to
    any sequence of the same attendees, a tuple included.

    The columns are lists that nothing outside this object holds: a roster
    check hands over the lists it filled, not copies for the garbage
    collector to walk.

    >>> from datetime import date
    >>> from cec_rules import AcceptedAttendee, AccountKind, Attendees
    >>> attendees = Attendees.of([AcceptedAttendee(2, "A-1", "Ada", "Lovelace",
    ...                                            AccountKind.MEMBER, date(2026, 3, 2))])
    >>> attendees[0].aast_id, len(attendees), attendees.count_kind(AccountKind.GUEST)
    ('A-1', 1, 0)
    """

    __slots__ = ("_columns",)

    def __init__(
        self,
        rows: Sequence[int] = (),
        aast_ids: Sequence[str] = (),
        first_names: Sequence[str] = (),
        last_names: Sequence[str] = (),
        kinds: Sequence[AccountKind] = (),
        completion_dates: Sequence[date] = (),
    ) -> None:
        try:
            codes = bytes(map(KIND_CODES.__getitem__, kinds))
        except KeyError as error:
            raise ValueError(f"{error.args[0]!r} is not an AccountKind") from None
        self._columns = columns_of(
            list(rows),
            list(aast_ids),
            list(first_names),
            list(last_names),
            codes,
            list(completion_dates),
        )

    @classmethod
    def of(cls, attendees: Iterable[AcceptedAttendee]) -> Attendees:
        """Build the sequence from attendees, in the order given."""
        items = list(attendees)
        if not items:
            return cls()
        return cls(*zip(*items, strict=True))

    @property
    def rows(self) -> tuple[int, ...]:
        """The row numbers of the accepted attendees."""
        return tuple(self._columns[0])

    @property
    def aast_ids(self) -> tuple[str, ...]:
        """The AAST IDs of the accepted attendees."""
        return tuple(self._columns[1])

    def count_kind(self, kind: AccountKind) -> int:
        """How many accepted attendees hold an account of ``kind``."""
        return self._columns[4].count(KIND_CODES[kind])

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, index: int) -> AcceptedAttendee: ...

    @overload
    def __getitem__(self, index: slice) -> Attendees: ...

    def __getitem__(self, index: int | slice) -> AcceptedAttendee | Attendees:
        rows, ids, firsts, lasts, codes, dates = self._columns
        if isinstance(index, slice):
            return attendees_of_columns(
                rows[index], ids[index], firsts[index], lasts[index], codes[index], dates[index]
            )
        return AcceptedAttendee(
            rows[index], ids[index], firsts[index], lasts[index], KINDS[codes[index]], dates[index]
        )

    def __iter__(self) -> Iterator[AcceptedAttendee]:
        rows, ids, firsts, lasts, codes, dates = self._columns
        kinds = map(KINDS.__getitem__, codes)
        return map(ACCEPT_ROW, zip(rows, ids, firsts, lasts, kinds, dates, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Attendees):
            return self._columns == other._columns
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        # As a tuple of the same attendees hashes, since the two compare equal.
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Attendees({list(self)!r})"


@attrs.frozen
class RefusedRow(JsonValue):
    """A refused row: its number, its cells exactly as read, and every finding.

    ``cells`` holds one cell per field, in the order of :data:`FIELDS` (other
    columns left out), except on a ragged row (its finding's code is row-ragged),
    whose cells do not line up with the header: then every cell, in the file's
    order.
    """

    row: int
    cells: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the row's findings, in order."""
        return tuple(f.code for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """Return the row as JSON-ready data: its number, its cells, its findings."""
        return {
            "row": self.row,
            "cells": list(self.cells),
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RefusedRow:
        """Build a refused row from JSON-ready data, as :meth:`to_dict` writes it; a key
        missing or of the wrong kind raises :class:`~cec_rules.errors.InvalidReport`
        naming it."""
        return read_refused_row(data, "")


def read_refused_row(data: object, path: str) -> RefusedRow:
    """The refused row ``data`` describes, at ``path`` in a report's data."""
    read = REPORT_DATA
    data = read.mapping(data, path, "a refused row")
    cells = at(path, "cells")
    findings = at(path, "findings")
    return RefusedRow(
        read.whole(read.key(data, "row", path), at(path, "row"), least=1),
        tuple(
            read.text(cell, at(cells, i))
            for i, cell in enumerate(read.items(read.key(data, "cells", path), cells))
        ),
        tuple(
            read_finding(finding, at(findings, i))
            for i, finding in enumerate(read.items(read.key(data, "findings", path), findings))
        ),
    )


def attendees_of_columns(
    rows: list[int],
    aast_ids: list[str],
    first_names: list[str],
    last_names: list[str],
    kind_codes: bytes,
    completion_dates: list[date],
) -> Attendees:
    """Build :class:`Attendees` from its columns, the kinds as :data:`KIND_CODES`.

    The lists become the sequence's own: the caller must not change them.
    """
    attendees = Attendees.__new__(Attendees)
    attendees._columns = columns_of(
        rows, aast_ids, first_names, last_names, kind_codes, completion_dates
    )
    return attendees


def row_numbers(attendees: Attendees) -> list[int]:
    """The row numbers of ``attendees``: their own column, not a copy."""
    return attendees._columns[0]
