"""Attendance rosters: reading, validating, and the filing fee (section 5, `filing-fee`).

:func:`check_roster` reads a roster (bytes, a binary or text stream, or an
iterable of mappings) for one offering of an approved program and returns a
:class:`RosterReport`: every accepted attendee, every refused row with every
reason that applies, warnings, skipped blank rows, file-level findings and the
filing fee.  Every data row ends up exactly once in the report
(`row-conservation`), and the report checks that itself.

How the check runs:

1. The header is read and matched to the five fields (any case, spaces,
   underscores or hyphens, and a few aliases).  A comma, semicolon or tab
   delimiter is recognised from the header.
2. Each row is checked by the rules that need only the row itself.  The
   text is read in blocks (128 KiB of a binary stream, decoded, or 128 Ki
   characters of a text stream), cut at a line end.
   A block with no quote is split into cells with string methods and checked
   a column at a time: the Program IDs against the expected one, all AAST
   IDs by one regular expression, each distinct name and date text cleaned
   once.  A block with quotes goes through ``csv.reader`` a row at a time,
   with the same caches.  A row with any problem is re-checked slowly to
   collect every reason.
3. One batch call to the repository fetches the accounts of every
   well-formed AAST ID, and one fetches the IDs reported earlier; then
   `account-exists`, `name-match` and `one-claim` are applied a few thousand
   rows at a time, and the rows with an issue one by one, in row order.

Speed is measured by ``bench/roster.py`` against a bare ``csv.reader`` pass.

Bad data is never an exception: it is a :class:`Finding` with a stable code
from :data:`FINDING_CODES`.  Exceptions are kept for calls that cannot be
answered (a program with no Program ID, a source that is not a roster).
"""

from __future__ import annotations

import codecs
import csv
import enum
import functools
import io
import itertools
import operator
import re
from collections.abc import (
    Callable,
    Collection,
    Container,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import IO, Any, NamedTuple, Protocol, TextIO, TypeVar, overload

import attrs

from cec_rules.accounts import Account, AccountKind, AccountRepository
from cec_rules.deadlines import ReportingWindow, WindowStatus, last_report_day, reporting_window
from cec_rules.errors import InvalidArgument, NotApproved, RowConservationError
from cec_rules.fees import FeeKind, FeeLine, total_of
from cec_rules.money import money_str
from cec_rules.names import FORMULA_STARTS, fold_name, name_problem, normalize_name
from cec_rules.notebook import html_table, to_frame
from cec_rules.policy import DEFAULT_POLICY, NameMismatch, Policy, PolicySchedule, as_schedule
from cec_rules.program import Offering, Program, ProgramFormat

__all__ = [
    "FIELDS",
    "FINDING_CODES",
    "AcceptedAttendee",
    "Attendees",
    "Finding",
    "RefusedRow",
    "RosterDraft",
    "RosterReport",
    "Severity",
    "check_roster",
]

#: The five fields of a roster row, in the order results use (`roster-fields`).
FIELDS = ("program_id", "aast_id", "first_name", "last_name", "completion_date")

_FIELD_TITLES = {
    "program_id": "Program ID",
    "aast_id": "AAST ID",
    "first_name": "First Name",
    "last_name": "Last Name",
    "completion_date": "Completion Date",
}

# Header names, after lower-casing and turning "_" and "-" into spaces and
# collapsing spaces, that stand for each field.
_HEADER_ALIASES = {
    "program id": "program_id",
    "programid": "program_id",
    "program": "program_id",
    "program number": "program_id",
    "program no": "program_id",
    "aast id": "aast_id",
    "aastid": "aast_id",
    "aast": "aast_id",
    "aast number": "aast_id",
    "aast member id": "aast_id",
    "member id": "aast_id",
    "first name": "first_name",
    "firstname": "first_name",
    "first": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "lastname": "last_name",
    "last": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "completion date": "completion_date",
    "completiondate": "completion_date",
    "date completed": "completion_date",
    "completed": "completion_date",
    "completed on": "completion_date",
}


class Severity(enum.Enum):
    """An error refuses its row (or the whole file); a warning does not."""

    ERROR = "error"
    WARNING = "warning"


_E, _W = Severity.ERROR, Severity.WARNING

#: Every finding code, the rule it enforces and its severity.  Codes are stable:
#: services may key on them.  File-level codes refuse the whole file.
FINDING_CODES: Mapping[str, tuple[str, Severity]] = {
    # The file as a whole (`row-conservation`): refused, no row accepted.
    "file-undecodable": ("row-conservation", _E),
    "file-no-header": ("row-conservation", _E),
    "file-missing-column": ("roster-fields", _E),
    "file-duplicate-column": ("roster-fields", _E),
    "file-unterminated-quote": ("row-conservation", _E),
    "file-malformed-csv": ("row-conservation", _E),
    "file-cell-too-large": ("row-conservation", _E),
    "file-too-many-rows": ("row-conservation", _E),
    # Warnings about the file.
    "file-decoded-as-cp1252": ("row-conservation", _W),
    "file-semicolon-delimited": ("roster-fields", _W),
    "file-tab-delimited": ("roster-fields", _W),
    "file-extra-column": ("roster-fields", _W),
    # One row.
    "row-ragged": ("roster-fields", _E),
    "row-not-a-record": ("roster-fields", _E),
    "field-missing": ("roster-fields", _E),
    "cell-too-long": ("roster-fields", _E),
    "program-id-mismatch": ("program-id-match", _E),
    "aast-id-format": ("aast-id-format", _E),
    "aast-id-spreadsheet-number": ("aast-id-format", _E),
    "account-not-found": ("account-exists", _E),
    "name-control-character": ("name-fields", _E),
    "name-formula-start": ("name-fields", _E),
    "name-no-letter": ("name-fields", _E),
    "name-too-long": ("name-fields", _E),
    "name-mismatch": ("name-match", _W),
    "name-mismatch-refused": ("name-match", _E),
    "date-format": ("completion-date", _E),
    "date-two-digit-year": ("completion-date", _E),
    "date-spreadsheet-serial": ("completion-date", _E),
    "date-day-month-order": ("completion-date", _E),
    "date-no-such-day": ("completion-date", _E),
    "date-outside-offering": ("completion-date", _E),
    "date-after-report": ("completion-date", _E),
    "duplicate-in-roster": ("one-claim", _E),
    "already-reported": ("one-claim", _E),
    "window-not-open": ("reporting-window", _E),
    "window-closed": ("reporting-window", _E),
    "self-paced-window-closed": ("self-paced-window", _E),
}


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found in a roster: a stable ``code``, the ``rule`` it enforces,
    the ``row`` (``None`` for the file), the ``field``, a ``message`` and a ``hint``."""

    code: str
    message: str
    row: int | None = None
    field: str | None = None
    hint: str | None = None

    @property
    def rule(self) -> str:
        """The rule id this finding enforces."""
        return FINDING_CODES[self.code][0]

    @property
    def severity(self) -> Severity:
        """Whether the finding refuses (error) or only warns."""
        return FINDING_CODES[self.code][1]

    @property
    def explanation(self) -> str:
        """The finding as a sentence a person could paste into a message to a provider."""
        where = "The file" if self.row is None else f"Row {self.row}"
        field = f" ({_FIELD_TITLES.get(self.field, self.field)})" if self.field else ""
        hint = f" Hint: {self.hint}" if self.hint else ""
        return f"{where}{field}: {self.message} [{self.code}, {self.rule}].{hint}"

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class AcceptedAttendee(NamedTuple):
    """An attendee whose row was accepted: names as normalized, kind from the account."""

    row: int
    aast_id: str
    first_name: str
    last_name: str
    kind: AccountKind
    completion_date: date


_ACCEPT = functools.partial(tuple.__new__, AcceptedAttendee)


# The account kinds, and their codes in a column of kinds kept as bytes: a column of
# a million enum members would be walked by every garbage collection.
_KINDS = (AccountKind.MEMBER, AccountKind.GUEST)
_KIND_CODES: dict[AccountKind, int] = {kind: code for code, kind in enumerate(_KINDS)}


_Columns = tuple[list[int], list[str], list[str], list[str], bytes, list[date]]


def _columns(
    rows: list[int],
    aast_ids: list[str],
    first_names: list[str],
    last_names: list[str],
    kind_codes: bytes,
    completion_dates: list[date],
) -> _Columns:
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
            codes = bytes(map(_KIND_CODES.__getitem__, kinds))
        except KeyError as error:
            raise ValueError(f"{error.args[0]!r} is not an AccountKind") from None
        self._columns = _columns(
            list(rows),
            list(aast_ids),
            list(first_names),
            list(last_names),
            codes,
            list(completion_dates),
        )

    @classmethod
    def _of_columns(
        cls,
        rows: list[int],
        aast_ids: list[str],
        first_names: list[str],
        last_names: list[str],
        kind_codes: bytes,
        completion_dates: list[date],
    ) -> Attendees:
        """Build the sequence from its columns, the kinds as :data:`_KIND_CODES`.

        The lists become the sequence's own: the caller must not change them.
        """
        attendees = cls.__new__(cls)
        attendees._columns = _columns(
            rows, aast_ids, first_names, last_names, kind_codes, completion_dates
        )
        return attendees

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
        return self._columns[4].count(_KIND_CODES[kind])

    def __len__(self) -> int:
        return len(self._columns[0])

    @overload
    def __getitem__(self, index: int) -> AcceptedAttendee: ...

    @overload
    def __getitem__(self, index: slice) -> Attendees: ...

    def __getitem__(self, index: int | slice) -> AcceptedAttendee | Attendees:
        rows, ids, firsts, lasts, codes, dates = self._columns
        if isinstance(index, slice):
            return Attendees._of_columns(
                rows[index], ids[index], firsts[index], lasts[index], codes[index], dates[index]
            )
        return AcceptedAttendee(
            rows[index], ids[index], firsts[index], lasts[index], _KINDS[codes[index]], dates[index]
        )

    def __iter__(self) -> Iterator[AcceptedAttendee]:
        rows, ids, firsts, lasts, codes, dates = self._columns
        kinds = map(_KINDS.__getitem__, codes)
        return map(_ACCEPT, zip(rows, ids, firsts, lasts, kinds, dates, strict=True))

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
class RefusedRow:
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


# --------------------------------------------------------------------------
# Completion dates (`completion-date`)

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_US_SHORT_YEAR = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2}", re.ASCII)
_SERIAL = re.compile(r"\d{4,6}(\.\d+)?", re.ASCII)


def parse_completion_date(text: str) -> date | tuple[str, str, str | None]:
    """Return the date written in ``text``, or ``(code, message, hint)``.

    Accepts ``YYYY-MM-DD`` and ``M/D/YYYY``; refuses everything else, never guessing.

    >>> parse_completion_date("3/2/2026"), parse_completion_date("2026-03-02")
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    >>> parse_completion_date("13/4/2026")[0]
    'date-day-month-order'
    """
    value = text.strip()
    written = value if _ISO.fullmatch(value) else None
    us = None if written else _US.fullmatch(value)
    if us:
        month_text, day_text, year_text = us.groups()
        written = f"{year_text}-{month_text.zfill(2)}-{day_text.zfill(2)}"
    if written is not None:
        # The date as YYYY-MM-DD, read by date.fromisoformat: about a quarter of the
        # cost of three int() calls and date() (0.37 us against 1.6 us).
        try:
            return date.fromisoformat(written)
        except ValueError:
            year, month, day = map(int, written.split("-"))
            if us and 12 < month <= 31 and day <= 12:
                return (
                    "date-day-month-order",
                    f"{value!r} has no month {month}",
                    f"this looks like day/month order; write it as {day}/{month}/{year} "
                    f"(month first) or {year}-{day:02d}-{month:02d}",
                )
            return ("date-no-such-day", f"{value!r} is not a day in the calendar", None)
    if _US_SHORT_YEAR.fullmatch(value):
        return (
            "date-two-digit-year",
            f"{value!r} has a two-digit year",
            "write the year in full, for example 3/2/2026 or 2026-03-02",
        )
    if _SERIAL.fullmatch(value):
        return (
            "date-spreadsheet-serial",
            f"{value!r} is a number, not a date",
            "a spreadsheet turned this date into its serial number; format the column as "
            "text or as a date (YYYY-MM-DD) and export again",
        )
    return (
        "date-format",
        f"{value!r} is not a date in YYYY-MM-DD or M/D/YYYY form",
        "write dates as 2026-03-02 or 3/2/2026",
    )


# --------------------------------------------------------------------------
# AAST IDs (`aast-id-format`)

_SPREADSHEET_NUMBER = re.compile(r"\d+(\.\d*)?[eE][+-]?\d+|\d+\.0+", re.ASCII)


def _aast_id_finding(value: str, row: int, policy: Policy) -> Finding | None:
    if policy.aast_id_regex.fullmatch(value):
        return None
    if _SPREADSHEET_NUMBER.fullmatch(value):
        return Finding(
            code="aast-id-spreadsheet-number",
            row=row,
            field="aast_id",
            message=f"{value!r} is not an AAST ID",
            hint="a spreadsheet turned this ID into a number; format the column as text and "
            "export again, or type the ID as shown on the account",
        )
    return Finding(
        code="aast-id-format",
        row=row,
        field="aast_id",
        message=f"{_clip(value)!r} is not an AAST ID (letters, digits and hyphens, 1 to 20)",
        hint="copy the ID exactly as shown on the attendee's AAST account",
    )


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


# --------------------------------------------------------------------------
# The report


def _attendees(value: Iterable[AcceptedAttendee]) -> Attendees:
    return value if isinstance(value, Attendees) else Attendees.of(value)


@attrs.frozen(kw_only=True)
class RosterReport:
    """The outcome of checking one roster for one offering.

    ``accepted`` and ``refused`` are in row order; ``blank_rows`` lists the
    numbers of wholly blank rows, skipped and counted.  ``file_findings`` holds
    the errors that refused the whole file (then nothing is accepted) and the
    file-level warnings.  ``warnings`` holds row warnings on accepted rows.
    """

    program: Program
    offering: Offering
    report_date: date
    policy: Policy
    window: ReportingWindow | None
    data_rows: int
    accepted: Attendees = attrs.field(converter=_attendees)
    refused: tuple[RefusedRow, ...]
    warnings: tuple[Finding, ...]
    blank_rows: tuple[int, ...]
    file_findings: tuple[Finding, ...]

    def __attrs_post_init__(self) -> None:
        self.check_conservation()

    def check_conservation(self) -> None:
        """Raise :class:`RowConservationError` unless every data row appears exactly once
        (`row-conservation`).  Run on construction; a failure is a library bug."""
        numbers = [*self.accepted._columns[0], *(r.row for r in self.refused), *self.blank_rows]
        numbers.sort()  # merging sorted runs: about as cheap as copying
        # n numbers, rising from 2 to n + 1 with no repeat, are exactly the rows 2 .. n + 1
        # (a test of neighbours, not a list of n new numbers to compare with).
        if (
            len(numbers) == self.data_rows
            and (not numbers or (numbers[0] == 2 and numbers[-1] == self.data_rows + 1))
            and all(map(operator.lt, numbers, itertools.islice(numbers, 1, None)))
        ):
            return
        distinct = len(set(numbers))
        if len(numbers) != self.data_rows or distinct != len(numbers):
            raise RowConservationError(
                f"the report holds {len(numbers)} row(s), {distinct} distinct, for "
                f"{self.data_rows} data row(s)"
            )
        raise RowConservationError("the report names a row the roster does not have")

    @property
    def file_refused(self) -> bool:
        """True when the file could not be read as a roster; then nothing is accepted."""
        return any(f.severity is Severity.ERROR for f in self.file_findings)

    @property
    def members(self) -> int:
        """The number of accepted attendees with member accounts."""
        return self.accepted.count_kind(AccountKind.MEMBER)

    @property
    def guests(self) -> int:
        """The number of accepted attendees with guest accounts."""
        return len(self.accepted) - self.members

    @property
    def filing_fee_lines(self) -> tuple[FeeLine, ...]:
        """Member and guest filing fee lines for the accepted rows (`filing-fee`)."""
        members = self.members
        return (
            FeeLine.charge(
                FeeKind.MEMBER_FILING_FEE,
                self.policy.member_filing_fee,
                Decimal(members),
                self.policy,
            ),
            FeeLine.charge(
                FeeKind.GUEST_FILING_FEE,
                self.policy.guest_filing_fee,
                Decimal(len(self.accepted) - members),
                self.policy,
            ),
        )

    @property
    def filing_fee(self) -> Decimal:
        """The filing fee due for this roster; refused rows cost nothing."""
        return total_of(self.filing_fee_lines)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: file-level first, then each refused row's, then warnings."""
        return (
            *self.file_findings,
            *(f for r in self.refused for f in r.findings),
            *self.warnings,
        )

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind this report, each once."""
        cited = dict.fromkeys(f.rule for f in self.findings)
        cited.update(dict.fromkeys(("row-conservation", "filing-fee", "policy-version")))
        return tuple(cited)

    @property
    def explanation(self) -> str:
        """A summary a person can read: counts, the filing fee, and every finding."""
        program_id = self.program.program_id
        head = f"Roster for {program_id}, offering {self.offering.start.isoformat()}"
        if self.file_refused:
            lines = [f"{head}: the file was refused as a whole; no row was accepted."]
        else:
            lines = [
                f"{head}, reported {self.report_date.isoformat()}: {len(self.accepted)} "
                f"accepted ({self.members} member, {self.guests} guest), {len(self.refused)} "
                f"refused, {len(self.blank_rows)} blank row(s) skipped. Filing fee "
                f"${self.filing_fee:,} (filing-fee)."
            ]
        if self.window is not None:
            lines.append(self.window.explanation)
        lines.extend(f.explanation for f in self.findings)
        return "\n".join(lines)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per data row, in row order, for a DataFrame or a table."""
        rows: list[dict[str, Any]] = []
        warnings: dict[int, list[str]] = {}
        for w in self.warnings:
            warnings.setdefault(w.row or 0, []).append(w.code)
        for a in self.accepted:
            rows.append(
                {
                    "row": a.row,
                    "status": "accepted",
                    "aast_id": a.aast_id,
                    "first_name": a.first_name,
                    "last_name": a.last_name,
                    "kind": a.kind.value,
                    "completion_date": a.completion_date.isoformat(),
                    "codes": ";".join(warnings.get(a.row, ())),
                    "messages": "",
                }
            )
        for r in self.refused:
            rows.append(
                {
                    "row": r.row,
                    "status": "refused",
                    "aast_id": _cell(r, "aast_id"),
                    "first_name": _cell(r, "first_name"),
                    "last_name": _cell(r, "last_name"),
                    "kind": None,
                    "completion_date": _cell(r, "completion_date"),
                    "codes": ";".join(r.codes),
                    "messages": " | ".join(f.explanation for f in r.findings),
                }
            )
        rows.extend(
            {
                "row": n,
                "status": "blank",
                "aast_id": None,
                "first_name": None,
                "last_name": None,
                "kind": None,
                "completion_date": None,
                "codes": "",
                "messages": "",
            }
            for n in self.blank_rows
        )
        rows.sort(key=operator.itemgetter("row"))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """Return the whole report as JSON-ready data."""
        return {
            "program_id": self.program.program_id,
            "offering": self.offering.to_dict(),
            "report_date": self.report_date.isoformat(),
            "policy": self.policy.label,
            "window": None if self.window is None else self.window.to_dict(),
            "file_refused": self.file_refused,
            "data_rows": self.data_rows,
            "accepted": [
                {
                    "row": a.row,
                    "aast_id": a.aast_id,
                    "first_name": a.first_name,
                    "last_name": a.last_name,
                    "kind": a.kind.value,
                    "completion_date": a.completion_date.isoformat(),
                }
                for a in self.accepted
            ],
            "refused": [
                {
                    "row": r.row,
                    "cells": list(r.cells),
                    "findings": [f.to_dict() for f in r.findings],
                }
                for r in self.refused
            ],
            "warnings": [w.to_dict() for w in self.warnings],
            "blank_rows": list(self.blank_rows),
            "file_findings": [f.to_dict() for f in self.file_findings],
            "filing_fee": {
                "lines": [line.to_dict() for line in self.filing_fee_lines],
                "total": money_str(self.filing_fee),
            },
            "rules": list(self.rules),
            "explanation": self.explanation,
        }

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a pandas DataFrame (needs the ``notebook`` extra)."""
        return to_frame(self.to_rows())

    def _repr_html_(self) -> str:
        """A summary and a table of every finding for notebooks; every value is escaped."""
        rows = [
            (
                "" if f.row is None else f.row,
                f.severity.value,
                f.code,
                f.rule,
                f.field or "",
                f.message + (f" Hint: {f.hint}" if f.hint else ""),
            )
            for f in self.findings
        ]
        return html_table(
            self.explanation.splitlines()[0],
            ("row", "severity", "code", "rule", "field", "message"),
            rows,
        )

    def write_findings_csv(self, stream: TextIO) -> None:
        """Write every finding as CSV to ``stream``, safe to open in a spreadsheet.

        Cells that a spreadsheet would run as a formula (starting with ``=``,
        ``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with an
        apostrophe here, on export only; stored values are never changed.
        """
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(["row", "severity", "code", "rule", "field", "message", "hint"])
        for f in self.findings:
            writer.writerow(
                [
                    "" if f.row is None else str(f.row),
                    f.severity.value,
                    f.code,
                    f.rule,
                    f.field or "",
                    _spreadsheet_safe(f.message),
                    _spreadsheet_safe(f.hint or ""),
                ]
            )


_UNSAFE_STARTS = (*FORMULA_STARTS, "\t", "\r")


def _spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(_UNSAFE_STARTS) else text


def _cell(row: RefusedRow, field: str) -> str | None:
    """The row's cell for ``field``; ``None`` when its cells are not one per field (a
    ragged row keeps its cells as read, in the file's order, whatever their number)."""
    if len(row.cells) != len(FIELDS) or "row-ragged" in row.codes:
        return None
    return row.cells[FIELDS.index(field)]


# --------------------------------------------------------------------------
# Reading


class _FileRefused(Exception):
    """Internal: the file cannot be read as a roster."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").replace("-", " ").lower().split())


def _map_header(cells: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Return (field -> column index, duplicated fields, extra column names)."""
    columns: dict[str, int] = {}
    duplicated: list[str] = []
    extra: list[str] = []
    for index, cell in enumerate(cells):
        field = _HEADER_ALIASES.get(_header_key(cell))
        if field is None:
            if cell.strip():
                extra.append(cell.strip())
        elif field in columns:
            duplicated.append(field)
        else:
            columns[field] = index
    return columns, duplicated, extra


_DELIMITERS = ((",", None), (";", "file-semicolon-delimited"), ("\t", "file-tab-delimited"))


def _read_header(line: str) -> tuple[str, list[str], Finding | None]:
    """Pick the delimiter under which the header names the most fields."""
    best: tuple[int, str, list[str], str | None] | None = None
    for delimiter, code in _DELIMITERS:
        cells = next(csv.reader([line], delimiter=delimiter), [])
        found = len(_map_header(cells)[0])
        if best is None or found > best[0]:
            best = (found, delimiter, cells, code)
        if found == len(FIELDS):  # no later delimiter can name more
            break
    assert best is not None
    _, delimiter, cells, code = best
    warning = None
    if code is not None:
        name = "semicolons" if delimiter == ";" else "tabs"
        warning = Finding(
            code=code,
            message=f"the file separates its columns with {name}; it was read that way",
        )
    return delimiter, cells, warning


@attrs.define
class _Scan:
    """What the row pass collects (internal, mutable while one check runs)."""

    data_rows: int = 0
    # Rows that pass every check the row alone allows, kept as columns of values the
    # reader already made (no object per row, nothing for the garbage collector): the
    # row number, the trimmed AAST ID, and the raw names and completion date, whose
    # cleaned forms are in the caches below.
    numbers: list[int] = attrs.Factory(list)
    aast_ids: list[str] = attrs.Factory(list)
    firsts: list[str] = attrs.Factory(list)
    lasts: list[str] = attrs.Factory(list)
    completions: list[str] = attrs.Factory(list)
    # Raw cells of the rows above whose Program ID or AAST ID was not exactly as kept.
    irregular: dict[int, tuple[str, ...]] = attrs.Factory(dict)
    # The cleaned form of each name and date text of a kept row.
    names: dict[str, str] = attrs.Factory(dict)
    dates: dict[str, date] = attrs.Factory(dict)
    # Whether cleaning changed a kept name (else the names are kept as read).
    renamed: bool = False
    # What each completion date text of a refused row parses to.
    parsed: dict[str, date | tuple[str, str, str | None]] = attrs.Factory(dict)
    refused: list[tuple[int, Sequence[str], list[Finding], str | None]] = attrs.Factory(list)
    blank: list[int] = attrs.Factory(list)
    file_findings: list[Finding] = attrs.Factory(list)


@attrs.frozen
class _Context:
    program: Program
    program_id: str
    offering: Offering
    report_date: date
    policy: Policy
    window: ReportingWindow | None
    extension: date | None


def check_roster(
    source: bytes | bytearray | memoryview | IO[bytes] | IO[str] | Iterable[Mapping[str, Any]],
    *,
    program: Program,
    offering: Offering,
    repository: AccountRepository,
    reported_at: date | datetime,
    policy: Policy | PolicySchedule = DEFAULT_POLICY,
    extension: date | None = None,
) -> RosterReport:
    """Check a roster for one offering of an approved program and return the report.

    ``source`` is the file's bytes, a binary or text stream the caller opened,
    or an iterable of mappings keyed by header names (one per attendee).
    ``reported_at`` is the report date (a ``date``, or an aware ``datetime``
    converted to the association's zone).  The policy in force on that date
    sets the window, the patterns and the filing fee (`policy-version`).
    ``extension`` is a staff extension: a new last day for this offering.

    Raises :class:`~cec_rules.errors.NotApproved` when the program has no
    Program ID (`approval-first`), and :class:`~cec_rules.errors.InvalidArgument`
    (a ``TypeError``) for a source, program, offering, repository or date of
    another kind.
    Every problem in the data itself is a finding in the report.
    """
    context = _context(program, offering, reported_at, policy, extension)
    if not (
        callable(getattr(repository, "accounts", None))
        and callable(getattr(repository, "reported_ids", None))
    ):
        raise InvalidArgument(
            "repository must have the methods accounts(aast_ids, on=) and "
            "reported_ids(program_id, offering) of AccountRepository, got "
            f"{type(repository).__name__}"
        )
    scan = _Scan()
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            _scan_binary(io.BytesIO(source), context, scan)
        elif hasattr(source, "read"):
            if isinstance(source.read(0), bytes):
                _scan_binary(source, context, scan)  # type: ignore[arg-type]
            else:
                _scan_text(source, context, scan)  # type: ignore[arg-type]
        elif isinstance(source, Iterable) and not isinstance(source, (str, Mapping)):
            _scan_mappings(source, context, scan)
        else:
            raise InvalidArgument(
                "a roster source is bytes, an open binary or text stream, or an iterable of "
                f"mappings; got {type(source).__name__} (open a file with open(path, 'rb'); "
                "pass one record as a list of one mapping)"
            )
    except _FileRefused as refusal:
        scan.file_findings.append(refusal.finding)
        return _refused_file(context, scan)
    return _finish(context, scan, repository)


def _context(
    program: Program,
    offering: Offering,
    reported_at: date | datetime,
    policy: Policy | PolicySchedule,
    extension: date | None,
) -> _Context:
    if not isinstance(program, Program) or not isinstance(offering, Offering):
        raise InvalidArgument("program must be a Program and offering an Offering")
    if not isinstance(reported_at, date):  # a datetime is a date too
        raise InvalidArgument(
            f"reported_at must be a date or an aware datetime, got {type(reported_at).__name__}"
        )
    if program.program_id is None:
        raise NotApproved(
            f"{program.title!r} has no Program ID: attendance can be reported only for an "
            "approved program (approval-first); approve it first, then report"
        )
    report_date, in_force = as_schedule(policy).resolve(reported_at, field="reported_at")
    window = None
    if program.format is ProgramFormat.LIVE:
        window = reporting_window(offering, report_date, in_force, extension=extension)
    elif extension is not None:  # each row's window uses it: check it before any row
        last_report_day(offering, in_force, program_format=program.format, extension=extension)
    return _Context(
        program=program,
        program_id=program.program_id,
        offering=offering,
        report_date=report_date,
        policy=in_force,
        window=window,
        extension=extension,
    )


def _refused_file(context: _Context, scan: _Scan) -> RosterReport:
    return RosterReport(
        program=context.program,
        offering=context.offering,
        report_date=context.report_date,
        policy=context.policy,
        window=context.window,
        data_rows=0,
        accepted=(),
        refused=(),
        warnings=(),
        blank_rows=(),
        file_findings=tuple(scan.file_findings),
    )


def _scan_binary(stream: IO[bytes], context: _Context, scan: _Scan) -> None:
    start = stream.tell() if stream.seekable() else None
    try:
        _scan_encoded(stream, "utf-8-sig", context, scan)
        return
    except UnicodeDecodeError as error:
        if start is None:
            raise _FileRefused(_undecodable(error, "UTF-8")) from None
    stream.seek(start)
    fresh = _Scan(file_findings=[_CP1252_WARNING])
    try:
        _scan_encoded(stream, "cp1252", context, fresh)
    except UnicodeDecodeError as error:
        raise _FileRefused(_undecodable(error, "UTF-8 or Windows-1252")) from None
    # The first pass may have collected rows before it met the bad byte: start over.
    for field in attrs.fields(_Scan):
        setattr(scan, field.name, getattr(fresh, field.name))


_CP1252_WARNING = Finding(
    code="file-decoded-as-cp1252",
    message="the file is not UTF-8; it was read as Windows-1252, the usual encoding of "
    "spreadsheets saved on Windows",
    hint="check a few accented names; save as 'CSV UTF-8' to avoid this",
)


def _undecodable(error: UnicodeDecodeError, tried: str) -> Finding:
    return Finding(
        code="file-undecodable",
        message=f"the file cannot be read as {tried} text (byte {error.object[error.start]:#04x} "
        f"at offset {error.start} of a block)",
        hint="save the spreadsheet as 'CSV UTF-8' and upload it again",
    )


def _scan_encoded(stream: IO[bytes], encoding: str, context: _Context, scan: _Scan) -> None:
    _scan_text(_Decoded(stream, encoding), context, scan)


class _TextSource(Protocol):
    """What the row pass reads text from: a text stream, or a :class:`_Decoded` one."""

    def read(self, size: int, /) -> str: ...  # pragma: no cover (a protocol)

    def readline(self) -> str: ...  # pragma: no cover (a protocol)


# A line end as csv reads it: CR LF, a lone CR or a lone LF.
_LINE_END = re.compile(r"\r\n?|\n")


class _Decoded:
    """A binary stream read as text, as ``io.TextIOWrapper(stream, encoding,
    newline="")`` reads it: line ends kept as they are, a bad byte a
    ``UnicodeDecodeError``.  Only the two calls the row pass makes.

    It decodes each block of bytes in one call of the codec's incremental
    decoder: about a third of the time of a wrapper's ``read``, which copies each
    block more than once.  The caller's stream is left open.
    """

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._decode = codecs.getincrementaldecoder(encoding)("strict").decode
        self._text = ""  # decoded and not yet handed out
        self._ended = False
        self.nul = False  # whether a NUL byte was read (in UTF-8 or cp1252, only NUL has one)

    def _more(self, size: int) -> bool:
        """Decode more of the stream onto what is held; False at its end."""
        while not self._ended:
            data = self._stream.read(size)
            self._ended = not data
            self.nul = self.nul or b"\x00" in data
            text = self._decode(data, final=self._ended)
            if text:  # none when the bytes read end inside a character
                self._text += text
                return True
        return False

    def read(self, size: int, /) -> str:
        """The text held, or else about ``size`` bytes' worth; "" at the end."""
        if not self._text:
            self._more(size)
        text, self._text = self._text, ""
        return text

    def readline(self) -> str:
        """The next line with its line end; the rest of the text at the end."""
        pieces = []
        while True:
            text = self._text
            match = _LINE_END.search(text)
            if match is not None:
                cut = match.end()
                # A CR the text ends with may be the first half of a CR LF.
                if cut < len(text) or text[-1] == "\n" or self._ended:
                    self._text = text[cut:]
                    pieces.append(text[:cut])
                    return "".join(pieces)
                pieces.append(text[:-1])
                self._text = "\r"
            else:
                pieces.append(text)
                self._text = ""
            if not self._more(_BLOCK):
                pieces.append(self._text)
                self._text = ""
                return "".join(pieces)


def _scan_text(stream: _TextSource, context: _Context, scan: _Scan) -> None:
    header_line = stream.readline()
    if not header_line.strip().lstrip("\ufeff"):
        raise _FileRefused(
            Finding(
                code="file-no-header",
                row=1,
                message="the file has no header row",
                hint="the first row must name the columns: Program ID, AAST ID, First Name, "
                "Last Name, Completion Date",
            )
        )
    try:
        delimiter, header, delimiter_warning = _read_header(header_line)
    except csv.Error as error:  # a header cell beyond csv's field limit
        raise _FileRefused(_csv_error(error, 1)) from None
    if delimiter_warning is not None:
        scan.file_findings.append(delimiter_warning)
    columns = _check_header(header, scan)
    row_pass = _RowPass(len(header), columns, context, scan, delimiter)
    carry = ""  # the start of a line the last block cut
    while True:
        block = stream.read(_BLOCK)
        text = carry + block
        if not block:  # the end of the file, perhaps after a last line with no line break
            if text:
                row_pass.text(text, quoted=_needs_csv(text, stream))
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
            row_pass.text(text, stream, quoted=quoted)


def _needs_csv(text: str, stream: _TextSource) -> bool:
    """Whether a block of CSV text holds a quote (or a NUL, which ``csv`` refuses on
    Python 3.10 only), so that only ``csv.reader`` can split it into cells.

    Text decoded from a stream with no NUL byte so far has no NUL: that is known
    without a search, which in text with a character beyond Latin-1 (two bytes a
    character, most of them zero) takes thirty times as long as one for a quote.
    """
    if '"' in text:
        return True
    return (not isinstance(stream, _Decoded) or stream.nul) and "\x00" in text


def _check_header(header: list[str], scan: _Scan) -> dict[str, int]:
    columns, duplicated, extra = _map_header(header)
    missing = [f for f in FIELDS if f not in columns]
    if missing:
        names = ", ".join(_FIELD_TITLES[f] for f in missing)
        raise _FileRefused(
            Finding(
                code="file-missing-column",
                row=1,
                message=f"the header lacks {names}",
                hint="the header must name Program ID, AAST ID, First Name, Last Name and "
                "Completion Date",
            )
        )
    if duplicated:
        names = ", ".join(_FIELD_TITLES[f] for f in duplicated)
        raise _FileRefused(
            Finding(
                code="file-duplicate-column",
                row=1,
                message=f"the header names {names} more than once",
                hint="keep one column for each field",
            )
        )
    if extra:
        scan.file_findings.append(
            Finding(
                code="file-extra-column",
                row=1,
                message=f"the column(s) {', '.join(map(repr, extra))} are not roster fields; "
                "they were ignored",
            )
        )
    return columns


def _csv_error(error: csv.Error, row: int) -> Finding:
    text = str(error)
    if "unexpected end of data" in text:
        return Finding(
            code="file-unterminated-quote",
            row=row,
            message=f"a quote opened in row {row} (or a row after it) is never closed",
            hint='look for a stray double quote (") in that row; the rest of the file would '
            "otherwise be merged into one cell",
        )
    if "field larger than field limit" in text:
        return Finding(
            code="file-cell-too-large",
            row=row,
            message="a cell is far larger than any roster field",
            hint="check the row for a stray double quote or pasted text",
        )
    return Finding(
        code="file-malformed-csv",
        row=row,
        message=f"the CSV cannot be read here: {text}",
        hint="look for a double quote in the middle of a cell; quote the whole cell instead",
    )


def _scan_mappings(records: Iterable[Mapping[str, Any]], context: _Context, scan: _Scan) -> None:
    extra_seen: set[str] = set()

    def rows() -> Iterator[list[str]]:
        for number, record in enumerate(records, start=2):
            if not isinstance(record, Mapping):
                yield [_NOT_A_RECORD, repr(record)]
                continue
            cells = ["", "", "", "", ""]
            for key, value in record.items():
                field = _HEADER_ALIASES.get(_header_key(str(key)))
                if field is None:
                    if str(key) not in extra_seen:
                        extra_seen.add(str(key))
                        scan.file_findings.append(
                            Finding(
                                code="file-extra-column",
                                row=number,
                                message=f"the key {str(key)!r} is not a roster field; ignored",
                            )
                        )
                    continue
                cells[FIELDS.index(field)] = "" if value is None else str(value)
            yield cells

    _RowPass(len(FIELDS), {f: i for i, f in enumerate(FIELDS)}, context, scan).rows(rows())


_NOT_A_RECORD = "\x00not-a-record"

# The text of a CSV file is read in blocks of this many characters (a few thousand
# rows): small enough that a block's cells stay in the processor's cache while its
# columns are checked; on the benchmark, 128 Ki ran about 15% faster than 1 Mi.
_BLOCK = 1 << 17


# A regular expression whose every atom matches one character other than a line
# break, with no anchors, lookaround, back-references or flags: a literal, an
# escaped punctuation character, \d, \w, ".", a class that is not negated, a
# group, an alternation, a quantifier.
_ONE_LINE_PATTERN = re.compile(
    r"""(?:
        \\[dw] | \\[^A-Za-z0-9\n]
      | \[ (?!\^) (?: \\[dw] | \\[^A-Za-z0-9\n] | [^\\\]\n] )+ \]
      | \(\?: | \((?!\?) | [)|]
      | [*+?]\?? | \{ \d* (?: , \d* )? \} \??
      | [^\\\[\]()|*+?{}^$\n]
    )*""",
    re.VERBOSE,
)


def _id_lines(pattern: str) -> re.Pattern[str] | None:
    """The AAST ID pattern repeated over lines of a text, one ID and its line break each.

    Matched from the start of a line, it runs over the consecutive lines whose
    IDs the pattern matches whole and stops at the first it refuses.  Only for
    a pattern from :data:`_ONE_LINE_PATTERN`'s plain subset: such a pattern can
    never match a line break or look past the text it matches, so each line is
    matched exactly when that ID alone would be fully matched.  Any other
    pattern gives ``None``.
    """
    if _ONE_LINE_PATTERN.fullmatch(pattern) is None:
        return None
    return re.compile(f"(?:(?:{pattern})\n)*")


class _Seen(dict[str, str]):
    """Texts seen, each with the result of ``clean``, which runs once per text."""

    def __init__(self, clean: Callable[[str], str]) -> None:
        super().__init__()
        self.clean = clean

    def __missing__(self, text: str) -> str:
        value = self[text] = self.clean(text)
        return value


class _RowPass:
    """The row pass: every row checked by the rules that need only the row itself.

    Rows are numbered as a spreadsheet shows them (`row-numbers`): the header is
    row 1 and each record is the next row, so a line break inside quotes does
    not shift later rows, and blank rows keep their numbers.

    Rows exactly as expected take a fast path.  A block of CSV lines without
    quotes is split into cells with string methods and checked a column at a
    time (:meth:`lines`); rows from ``csv.reader`` or from mappings are checked
    one at a time (:meth:`rows`).  Both clean each distinct name and date text
    once, and keep one copy of it, so a roster pays for each spelling once.  A
    row the fast path does not take is checked thoroughly by :func:`_slow_row`,
    which collects every finding that applies (or takes the row, when it was
    only irregular, such as a lower-case Program ID).
    """

    def __init__(
        self,
        width: int,
        columns: dict[str, int],
        context: _Context,
        scan: _Scan,
        delimiter: str = ",",
    ) -> None:
        self.width, self.columns, self.context, self.scan = width, columns, context, scan
        self.delimiter = delimiter
        # Each line's end becomes a cell of its own holding only NUL (which a block
        # read this way has none of), so misplaced line ends show.
        self.line_end = f"{delimiter}\x00{delimiter}"
        policy = context.policy
        self.id_lines = _id_lines(policy.aast_id_pattern)
        self.limit = policy.max_roster_rows
        self.number = 1  # the last row number given out; the header is row 1
        self.indexes = [columns[f] for f in FIELDS]
        self.pick = operator.itemgetter(*self.indexes)
        earliest = context.offering.start
        self.latest = min(context.offering.end, context.report_date)
        if context.program.format is ProgramFormat.SELF_PACED:
            # `self-paced-window`: completed no earlier than the window allows.
            # A window reaching back before the calendar starts leaves it as it is.
            if policy.reporting_window_days < (context.report_date - date.min).days:
                window_days = timedelta(days=policy.reporting_window_days)
                earliest = max(earliest, context.report_date - window_days)
            self.fast = context.extension is None
        else:
            self.fast = context.window is not None and context.window.status is WindowStatus.OPEN
        self.earliest = earliest
        # Each distinct name and date text seen: the first copy of it when it passes
        # the checks (a date inside the window), or "" when it does not.  A text not
        # seen before is cleaned when first looked up.
        self.good_names = _Seen(self._new_name)
        self.good_dates = _Seen(self._new_date)

    def _count_rows(self) -> None:
        """Record the rows read so far; refuse the file past the policy's limit."""
        self.scan.data_rows = self.number - 1
        if self.number - 1 > self.limit:
            raise _FileRefused(
                Finding(
                    code="file-too-many-rows",
                    message=f"the file has more than {self.limit:,} data rows",
                    hint="split the roster into several files",
                )
            )

    def _new_name(self, raw: str) -> str:
        policy = self.context.policy
        name = _clean_name(raw, policy.name_max_length, policy.max_cell_length)
        if not name:
            return ""
        self.scan.names[raw] = name
        self.scan.renamed = self.scan.renamed or name != raw
        return raw

    def _new_date(self, raw: str) -> str:
        completed = _clean_date(raw, self.context.policy.max_cell_length)
        if completed is None or not self.earliest <= completed <= self.latest:
            return ""
        self.scan.dates[raw] = completed
        return raw

    def _keep(
        self,
        row: int,
        aast_ids: Sequence[str],
        firsts: Sequence[str],
        lasts: Sequence[str],
        completions: Sequence[str],
    ) -> None:
        """Keep consecutive clean rows, the first of them numbered ``row``."""
        scan = self.scan
        scan.numbers.extend(range(row, row + len(aast_ids)))
        scan.aast_ids.extend(aast_ids)
        scan.firsts.extend(firsts)
        scan.lasts.extend(lasts)
        scan.completions.extend(completions)

    def rows(self, rows: Iterable[list[str]]) -> None:
        """Check rows one at a time (from ``csv.reader``, or from mappings)."""
        width, scan, context = self.width, self.scan, self.context
        pick, expected_pid = self.pick, context.program_id
        id_match = context.policy.aast_id_regex.fullmatch
        max_cell = context.policy.max_cell_length
        fast, good_names, good_dates = self.fast, self.good_names, self.good_dates
        number = before = self.number
        try:
            for number, row in enumerate(
                itertools.islice(rows, self.limit + 2 - before), start=before + 1
            ):
                if fast and len(row) == width:
                    cells = pick(row)
                    pid, aid, first, last, done = cells
                    first, last, done = good_names[first], good_names[last], good_dates[done]
                    if (
                        pid == expected_pid
                        and first
                        and last
                        and done
                        and len(aid) <= max_cell
                        and id_match(trimmed := aid.strip())
                    ):
                        self._keep(number, (trimmed,), (first,), (last,), (done,))
                        if trimmed is not aid:  # str.strip returns the same object when clean
                            scan.irregular[number] = cells
                        continue
                _slow_row(number, row, width, self.columns, context, scan)
        except csv.Error as error:
            raise _FileRefused(_csv_error(error, number + 1)) from None
        self.number = number
        self._count_rows()

    def records(self, lines: list[str], stream: _TextSource | None = None) -> None:
        """Check whole lines of CSV text with ``csv.reader``, one row at a time.

        A quoted cell still open at the last line goes on in the ``stream``:
        the reader takes further lines from it until the row ends, and no more.
        """
        more: Iterable[str] = () if stream is None else iter(stream.readline, "")
        reader = csv.reader(itertools.chain(lines, more), delimiter=self.delimiter, strict=True)
        end = len(lines)

        def block() -> Iterator[list[str]]:
            for record in reader:
                yield record
                if reader.line_num >= end:
                    return

        self.rows(block())

    def text(self, text: str, stream: _TextSource | None = None, *, quoted: bool) -> None:
        """Check a block of whole lines of CSV text (the file's last may lack a line end).

        A block that is ``quoted`` (as :func:`_needs_csv` tells) is read by
        ``csv.reader``, which may take more lines from the ``stream`` for a
        quoted line break; any other block by :meth:`lines`.
        """
        if quoted or not self.fast:
            # (When the reporting window is shut every row is refused: no fast path.)
            self.records(io.StringIO(text, newline="").readlines(), stream)
        else:
            self.lines(text)

    def lines(self, text: str) -> None:
        """Check whole lines of CSV text with no quote and no NUL, a column at a time.

        Without quotes, ``csv.reader`` splits a line at each delimiter and ends
        it at a line feed, a carriage return and line feed, or a lone carriage
        return; so does this, with string methods over the whole block, which
        cost a fraction of reading the rows one by one.  Lines with another
        number of cells (blank or ragged) are checked one by one; a block with a
        cell longer than ``csv`` reads (its field size limit) is left to ``csv``.
        """
        if not text.endswith(("\n", "\r")):  # the last line of the file
            text += "\n"
        end = "\r\n" if "\r" in text else "\n"  # as csv.writer ends lines, or as Unix does
        marked = text.replace(end, self.line_end)
        if end == "\r\n" and ("\r" in marked or "\n" in marked):  # a lone CR or LF too
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            end = "\n"
            marked = text.replace(end, self.line_end)
        cells = self._cells(marked)
        limit = csv.field_size_limit()
        # The lines: each line end made the text longer by the same number of characters.
        count = (len(marked) - len(text)) // (len(self.line_end) - len(end))
        width = self.width
        if _may_run_past(text, self.delimiter + "\n", limit) and max(map(len, cells)) > limit:
            # csv.reader refuses the file (file-cell-too-large) where it meets the cell.
            self.records(io.StringIO(text, newline="").readlines())
        elif len(cells) == count * (width + 1) and cells[width :: width + 1].count("\x00") == count:
            self._shaped(cells, count)
        else:
            self._mixed(text.split(end)[:-1])
        self._count_rows()

    def _mixed(self, lines: list[str]) -> None:
        """Check lines some of which hold another number of cells than the header."""
        separators = self.width - 1
        counts = list(map(str.count, lines, itertools.repeat(self.delimiter)))
        start = 0
        for index in itertools.compress(itertools.count(), map(separators.__ne__, counts)):
            if index > start:
                marked = self.line_end.join(lines[start:index]) + self.line_end
                self._shaped(self._cells(marked), index - start)
            start = index + 1
            self.number += 1
            row = lines[index].split(self.delimiter)  # a blank line: one blank cell
            _slow_row(self.number, row, self.width, self.columns, self.context, self.scan)
        if len(lines) > start:
            marked = self.line_end.join(lines[start:]) + self.line_end
            self._shaped(self._cells(marked), len(lines) - start)

    def _cells(self, marked: str) -> tuple[str, ...]:
        """The cells of whole lines, each line's followed by its line-end cell, from
        the lines with each line end replaced by :attr:`line_end`.

        A tuple of texts, which the garbage collector stops walking after one look.
        """
        cells = marked.split(self.delimiter)
        cells.pop()  # the empty text after the last line end
        return tuple(cells)

    def _shaped(self, cells: tuple[str, ...], count: int) -> None:
        """Check ``count`` lines of the header's number of cells, a column at a time.

        ``cells`` holds each line's cells and then the line-end cell.  Each
        check finds the rows it fails with no Python step per row: the Program
        IDs compared with the expected one, one regular expression over all the
        AAST IDs, and each name and date text looked up among those seen.  The
        rows that pass every check are kept in runs between those that do not,
        which :func:`_slow_row` checks one by one.
        """
        width, context, scan = self.width, self.context, self.scan
        policy = context.policy
        stride = width + 1
        pids, aids, firsts, lasts, dones = (cells[index::stride] for index in self.indexes)
        # Byte ``i`` of ``failed`` (an integer, so that checks combine with ``|``) is 1
        # when row ``i`` fails a check.
        failed = 0
        if pids.count(context.program_id) < count:  # a count costs less than flags
            failed |= _flags(map(operator.ne, pids, itertools.repeat(context.program_id)))
        joined = raw = "\n".join(aids)
        trimmed = aids
        if not joined.isascii() or any(space in joined for space in _ASCII_SPACES):
            trimmed = tuple(map(str.strip, aids))  # an AAST ID may have spaces around it
            joined = "\n".join(trimmed)
        failed |= self._bad_ids(joined, trimmed)
        # Names and dates check their own length when first cleaned.
        limit = policy.max_cell_length
        if _may_run_past(raw, "\n", limit) and max(map(len, aids)) > limit:
            failed |= _flags(map(limit.__lt__, map(len, aids)))
        firsts = _look_up(self.good_names, firsts)
        lasts = _look_up(self.good_names, lasts)
        dones = _look_up(self.good_dates, dones)
        for column in (firsts, lasts, dones):
            if not all(column):
                failed |= _flags_at(count, _positions(column, ""))
        offset = self.number + 1  # the row number of the first line
        start = 0
        failed_rows = failed.to_bytes(count, "little")
        index = failed_rows.find(1)
        while index >= 0:
            if index > start:
                self._keep(
                    offset + start,
                    trimmed[start:index],
                    firsts[start:index],
                    lasts[start:index],
                    dones[start:index],
                )
            start = index + 1
            row = cells[index * stride : index * stride + width]
            _slow_row(offset + index, row, width, self.columns, context, scan)
            index = failed_rows.find(1, start)
        if count > start:
            self._keep(
                offset + start, trimmed[start:], firsts[start:], lasts[start:], dones[start:]
            )
        if trimmed is not aids:
            # Kept rows whose AAST ID had spaces around it: keep their cells as read.
            for index in itertools.compress(range(count), map(operator.ne, trimmed, aids)):
                if not failed_rows[index]:
                    scan.irregular[offset + index] = tuple(
                        cells[index * stride + column] for column in self.indexes
                    )
        self.number = offset + count - 1

    def _bad_ids(self, joined: str, aast_ids: Sequence[str]) -> int:
        """The flags of the AAST IDs (``joined`` by line breaks) the policy's pattern refuses."""
        if self.id_lines is None:
            # A pattern that cannot run over many IDs at once: match them one by one.
            fullmatch = self.context.policy.aast_id_regex.fullmatch
            return _flags(map(operator.not_, map(fullmatch, aast_ids)))
        # The pattern matches the IDs line by line and stops at the first it refuses;
        # skip that line and go on.
        text = joined + "\n"
        match = self.id_lines.match
        failed = 0
        line = 0
        position = 0
        end = len(text)
        # The pattern matches at every position (zero lines at the least).
        while (stop := match(text, position).end()) < end:  # type: ignore[union-attr]
            line += text.count("\n", position, stop)
            failed |= 1 << (8 * line)
            position = text.index("\n", stop) + 1
            line += 1
        return failed


# The ASCII characters str.strip removes, but for the line breaks.
_ASCII_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f"


def _may_run_past(text: str, ends: str, limit: int) -> bool:
    """False when no run of characters between the ``ends`` (one or two characters)
    is longer than ``limit``; True when one may be.

    Any run of ``2 * step - 1`` characters or more holds a whole window of
    ``step`` characters starting at a multiple of ``step``: a look into each such
    window costs a few calls per ``step`` characters rather than one per line.
    """
    step = limit // 2 + 1  # 2 * step - 1 <= limit + 1
    find = text.find
    for start in range(0, len(text) - step + 1, step):
        stop = start + step
        for end in ends:
            if find(end, start, stop) >= 0:
                break
        else:
            return True
    return False


def _look_up(seen: _Seen, texts: tuple[str, ...]) -> tuple[str, ...]:
    """What ``seen`` holds for each of ``texts`` (at least one), in order.

    One ``itemgetter`` call looks them all up with no call per text, which costs
    about two thirds of a ``map``.  An ``itemgetter`` of one key gives the value
    itself rather than a tuple, so one text is looked up on its own.
    """
    if len(texts) == 1:
        return (seen[texts[0]],)
    return operator.itemgetter(*texts)(seen)  # type: ignore[no-any-return]


_V = TypeVar("_V")


def _positions(column: Sequence[_V], value: _V) -> Iterator[int]:
    """The indexes at which ``column`` holds ``value``, in increasing order."""
    index = -1
    try:  # (cheaper than contextlib.suppress, an object and two calls per use)
        while True:
            index = column.index(value, index + 1)
            yield index
    except ValueError:  # no more
        return


def _flags_at(count: int, indexes: Iterable[int]) -> int:
    """Flags (as :func:`_flags` makes them) of ``count`` rows, set at ``indexes``."""
    flags = bytearray(count)
    for index in indexes:
        flags[index] = 1
    return int.from_bytes(flags, "little")


def _flags(flags: Iterable[bool]) -> int:
    """One byte per row, 1 where the flag is true, read as a little-endian integer.

    Masks of the same rows combine with ``|``; ``to_bytes`` gives the bytes back.
    """
    return int.from_bytes(bytes(flags), "little")


def _clean_date(text: str, max_cell: int) -> date | None:
    """The fast path's view of a date: the date, or None if it has any problem."""
    parsed = parse_completion_date(text) if len(text) <= max_cell else None
    return parsed if isinstance(parsed, date) else None


def _clean_name(raw: str, max_length: int, max_cell: int) -> str | None:
    """The fast path's view of a name: the normalized name, or None if it has any problem."""
    if len(raw) > max_cell:
        return None
    name = normalize_name(raw)
    if not name or name_problem(raw, name, max_length) is not None:
        return None
    return name


def _slow_row(
    number: int,
    row: Sequence[str],
    width: int,
    columns: dict[str, int],
    context: _Context,
    scan: _Scan,
) -> None:
    """Check one row thoroughly, collecting every finding that applies."""
    if not "".join(row).strip():  # no cells, or only blank ones
        scan.blank.append(number)
        return
    if row[0] is _NOT_A_RECORD:
        finding = Finding(
            code="row-not-a-record",
            row=number,
            message=f"entry {number - 1} is not a mapping of field names to values",
        )
        scan.refused.append((number, row[1:], [finding], None))
        return
    if len(row) != width:
        finding = Finding(
            code="row-ragged",
            row=number,
            message=f"the row has {len(row)} cells where the header has {width}",
            hint="look for a comma inside a name that is not in quotes, or a missing cell",
        )
        scan.refused.append((number, row, [finding], None))
        return
    cells = tuple(map(row.__getitem__, map(columns.__getitem__, FIELDS)))
    findings: list[Finding] = []
    aast_id = _check_fields(number, cells, context, findings, scan)
    window = context.window
    if window is not None and window.status is not WindowStatus.OPEN:
        findings.append(_window_finding(number, window))
    if findings:
        scan.refused.append((number, cells, findings, aast_id))
        return
    # Irregular but valid (a Program ID in another case, a name with extra spaces): take it.
    _, _, first, last, done = cells
    completed = parse_completion_date(done)
    assert isinstance(completed, date)
    assert aast_id is not None
    for raw in (first, last):
        name = scan.names[raw] = normalize_name(raw)
        scan.renamed = scan.renamed or name != raw
    scan.dates[done] = completed
    scan.numbers.append(number)
    scan.aast_ids.append(aast_id)
    scan.firsts.append(first)
    scan.lasts.append(last)
    scan.completions.append(done)
    scan.irregular[number] = cells


def _check_fields(
    number: int, cells: Sequence[str], context: _Context, findings: list[Finding], scan: _Scan
) -> str | None:
    """Append every field finding; return the trimmed AAST ID when it is well formed.

    A name or date text already kept on an accepted row (``scan.names`` and
    ``scan.dates``) has nothing to find and is not checked again.
    """
    policy = context.policy
    well_formed_id = None
    # Where the texts already kept on accepted rows are, field by field.
    known: tuple[Container[str], ...] = ((), (), scan.names, scan.names, scan.dates)
    for field, raw, kept in zip(FIELDS, cells, known, strict=True):
        if raw in kept:
            continue
        if len(raw) > policy.max_cell_length:
            findings.append(
                Finding(
                    code="cell-too-long",
                    row=number,
                    field=field,
                    message=f"the cell holds {len(raw):,} characters; the most is "
                    f"{policy.max_cell_length:,}",
                )
            )
            continue
        if not raw.strip():
            findings.append(
                Finding(
                    code="field-missing",
                    row=number,
                    field=field,
                    message=f"{_FIELD_TITLES[field]} is blank",
                    hint="every row needs all five fields",
                )
            )
            continue
        if field == "program_id":
            if raw.strip().casefold() != context.program_id.casefold():
                findings.append(
                    Finding(
                        code="program-id-mismatch",
                        row=number,
                        field=field,
                        message=f"{_clip(raw.strip())!r} is not this offering's Program ID "
                        f"{context.program_id!r}",
                        hint="report each program's attendees on its own roster",
                    )
                )
        elif field == "aast_id":
            aast_id = raw.strip()
            problem = _aast_id_finding(aast_id, number, policy)
            if problem is None:
                well_formed_id = aast_id
            else:
                findings.append(problem)
        elif field == "completion_date":
            parsed = scan.parsed.get(raw)
            if parsed is None:  # each text parsed once per roster
                parsed = scan.parsed[raw] = parse_completion_date(raw)
            findings.extend(_date_findings(number, parsed, context))
        else:
            name = normalize_name(raw)
            named = name_problem(raw, name, policy.name_max_length)
            if named is not None:
                code, message = named
                findings.append(
                    Finding(
                        code=code,
                        row=number,
                        field=field,
                        message=f"{_FIELD_TITLES[field]} {_clip(name)!r} {message}",
                    )
                )
    return well_formed_id


def _date_findings(
    number: int, parsed: date | tuple[str, str, str | None], context: _Context
) -> list[Finding]:
    if not isinstance(parsed, date):
        code, message, hint = parsed
        return [Finding(code=code, row=number, field="completion_date", message=message, hint=hint)]
    offering = context.offering
    findings = []
    if not offering.start <= parsed <= offering.end:
        findings.append(
            Finding(
                code="date-outside-offering",
                row=number,
                field="completion_date",
                message=f"{parsed.isoformat()} is outside the offering "
                f"({offering.start.isoformat()} to {offering.end.isoformat()})",
                hint="check the date, or whether the row belongs to another offering",
            )
        )
    if parsed > context.report_date:
        findings.append(
            Finding(
                code="date-after-report",
                row=number,
                field="completion_date",
                message=f"{parsed.isoformat()} is after the report date "
                f"{context.report_date.isoformat()}",
                hint="report attendees only once they have completed the program",
            )
        )
    if context.program.format is ProgramFormat.SELF_PACED:
        window = reporting_window(
            offering,
            context.report_date,
            context.policy,
            program_format=ProgramFormat.SELF_PACED,
            completion=parsed,
            extension=context.extension,
        )
        if window.status is WindowStatus.CLOSED:
            findings.append(
                Finding(
                    code="self-paced-window-closed",
                    row=number,
                    field="completion_date",
                    message=f"completed {parsed.isoformat()}, so the last day to report was "
                    f"{window.last_day.isoformat()}; {window.days_over} day(s) late",
                    hint="ask the association's staff for an extension",
                )
            )
    return findings


def _window_finding(number: int, window: ReportingWindow) -> Finding:
    if window.status is WindowStatus.NOT_OPEN:
        return Finding(
            code="window-not-open",
            row=number,
            message=f"the offering ends on {window.opens.isoformat()}; attendance can be "
            "reported from then on",
        )
    return Finding(
        code="window-closed",
        row=number,
        message=f"the last day to report was {window.last_day.isoformat()}; the roster is "
        f"{window.days_over} day(s) late",
        hint="ask the association's staff for an extension",
    )


# --------------------------------------------------------------------------
# Accounts, duplicates, and the report


class _NoAccount:
    """Stands in for a missing account in the column pass: its names are a text no
    kept name is (a name with a control character is refused), and it has no kind."""

    first_name = last_name = "\x00"
    kind = None


_NO_NAME = _NoAccount.first_name
_NO_ACCOUNT = _NoAccount()
_FIRST_NAME = operator.attrgetter("first_name")
_LAST_NAME = operator.attrgetter("last_name")
_KIND = operator.attrgetter("kind")


def _finish(context: _Context, scan: _Scan, repository: AccountRepository) -> RosterReport:
    """Apply `account-exists`, `name-match` and `one-claim`, and build the report.

    The rows kept by the row pass are handled a column at a time (the account
    of every row, whether its names match), so the common row costs no
    Python-level step; the few rows with an issue (no account, a name that
    differs, an ID kept twice, reported before, or also on a refused row) are
    then handled one by one, in row order.

    The accepted columns are the scan's own lists, changed in place: the scan
    is spent once this returns.
    """
    policy = context.policy
    numbers, aast_ids = scan.numbers, scan.aast_ids
    # Rows refused in the row pass whose AAST ID is well formed: their accounts too.
    early_ids = {r[3] for r in scan.refused if r[3] is not None}
    # Each ID as often as rows hold it (AccountRepository allows that): a set of them
    # would cost a hash-table insert per row, and _settle finds the repeats anyway.
    wanted = (*aast_ids, *early_ids)
    accounts: Mapping[str, Account] = {}
    earlier: Collection[str] = ()
    if wanted:
        accounts = repository.accounts(wanted, on=context.report_date)
        earlier = repository.reported_ids(context.program_id, context.offering)
    del wanted  # a million IDs the garbage collector would walk
    reported = earlier if isinstance(earlier, (set, frozenset)) else frozenset(earlier)
    kinds, dirty = _settle(scan, accounts, early_ids, reported)
    # The rows with an issue, one by one in row order: every finding that applies.
    names = scan.names
    refuse_mismatch = policy.name_mismatch is NameMismatch.REFUSE
    fold = _Seen(fold_name).__getitem__  # names repeat: fold each spelling once
    first_row: dict[str, int] = {}
    late_refused: list[tuple[int, Sequence[str], list[Finding], str | None]] = []
    warnings: list[Finding] = []
    dropped: list[int] = []
    index = dirty.find(1)
    while index >= 0:
        number, aast_id = numbers[index], aast_ids[index]
        first, last = names[scan.firsts[index]], names[scan.lasts[index]]
        account = accounts.get(aast_id, _NO_ACCOUNT)
        findings: list[Finding] = []
        mismatch = None
        if isinstance(account, _NoAccount):
            findings.append(_no_account(number, aast_id))
        elif account.first_name != first or account.last_name != last:
            mismatch = _name_mismatch(number, first, last, account, refuse_mismatch, fold)
            if mismatch is not None and refuse_mismatch:
                findings.append(mismatch)
        if aast_id in first_row:
            findings.append(_duplicate(number, aast_id, first_row[aast_id]))
        elif aast_id in reported:
            findings.append(_already_reported(number, aast_id))
        if findings:
            late_refused.append((number, _raw_cells(scan, index, context), findings, aast_id))
            dropped.append(index)
        else:
            first_row[aast_id] = number
            kinds[index] = account.kind is AccountKind.GUEST  # unset if claimed before
            if mismatch is not None:
                warnings.append(mismatch)
        index = dirty.find(1, index + 1)
    # The accepted columns: the row pass's own lists, changed in place. They are old
    # enough that the garbage collector's frequent collections leave them alone,
    # where new columns of a million values would each be walked a few times.
    if scan.renamed:
        _replace(scan.firsts, names.__getitem__)
        _replace(scan.lasts, names.__getitem__)
    completions: list[Any] = scan.completions  # texts now, the dates they stand for next
    _replace(completions, scan.dates.__getitem__)
    accepted = Attendees._of_columns(
        _drop(numbers, dropped),
        _drop(aast_ids, dropped),
        _drop(scan.firsts, dropped),
        _drop(scan.lasts, dropped),
        b"".join(_between(kinds, dropped)),
        _drop(completions, dropped),
    )
    refused = _refused_rows(
        scan.refused, late_refused, accounts, reported, first_row, refuse_mismatch
    )
    return RosterReport(
        program=context.program,
        offering=context.offering,
        report_date=context.report_date,
        policy=policy,
        window=context.window,
        data_rows=scan.data_rows,
        accepted=accepted,
        refused=refused,
        warnings=tuple(warnings),
        blank_rows=tuple(scan.blank),
        file_findings=tuple(scan.file_findings),
    )


# Rows settled together by _settle: few enough that their IDs, accounts and names
# stay in the processor's cache from one pass over them to the next.
_SETTLE = 4096


def _settle(
    scan: _Scan,
    accounts: Mapping[str, Account],
    early_ids: set[str],
    reported: frozenset[str] | set[str],
) -> tuple[bytearray, bytearray]:
    """The account kinds of the kept rows, and which rows have an issue: no account,
    other names than the account's (once cleaned), or an ID that is on another
    kept row, on a row refused earlier (``early_ids``) or ``reported`` before.

    One byte per row each: a kind is 1 for a guest, else 0 (as :data:`_KINDS`);
    an issue is 1.  Each row claims its account from a copy of ``accounts``,
    taking it out, so a later row with the same ID finds none: one hash probe
    per row both finds the account and notes the claim (`one-claim`).  All rows
    of an ID claimed twice then have an issue, the first included; a row that
    found no account has no kind yet.  The accounts are read a slice of rows at
    a time and let go: a million of them held in one list would make each
    garbage collection walk them.
    """
    kinds = bytearray()
    dirty = bytearray()
    aast_ids = scan.aast_ids
    claims = dict(accounts)
    # An ID also on a refused row, or reported before: every kept row of it has an
    # issue.  Their accounts are claimed first, so that those rows find none.
    for aast_id in itertools.chain(early_ids, reported):
        claims.pop(aast_id, None)
    before: set[str] = set()  # IDs claimed in an earlier slice and again later
    for start in range(0, len(aast_ids), _SETTLE):
        ids = aast_ids[start : start + _SETTLE]
        firsts = scan.firsts[start : start + _SETTLE]
        lasts = scan.lasts[start : start + _SETTLE]
        if scan.renamed:
            firsts = list(map(scan.names.__getitem__, firsts))
            lasts = list(map(scan.names.__getitem__, lasts))
        found = list(map(claims.pop, ids, itertools.repeat(_NO_ACCOUNT)))
        # Each check's flags as an integer, one byte per row, so that they combine
        # with "|" rather than with a call per row.  A row that found no account has
        # an issue; its names are then set to _NoAccount's, so that the slice's names
        # can be compared with the accounts' as whole lists, which costs less than
        # flags, and flagged one by one only when they differ.
        account_firsts = list(map(_FIRST_NAME, found))
        account_lasts = list(map(_LAST_NAME, found))
        issues = 0
        if account_firsts.count(_NO_NAME):
            missing = list(_positions(account_firsts, _NO_NAME))
            issues = _flags_at(len(ids), missing)
            for index in missing:  # (firsts and lasts are this slice's own lists)
                firsts[index] = lasts[index] = _NO_NAME
        if account_firsts != firsts:
            issues |= _flags(map(operator.ne, account_firsts, firsts))
        if account_lasts != lasts:
            issues |= _flags(map(operator.ne, account_lasts, lasts))
        issue_bytes = bytearray(issues.to_bytes(len(ids), "little"))
        # A row that found no account for an ID that has one: an earlier row claimed it.
        repeated = {
            aast_id
            for index in _positions(issue_bytes, 1)
            if found[index] is _NO_ACCOUNT
            and (aast_id := ids[index]) in accounts
            and aast_id not in early_ids
            and aast_id not in reported
        }
        if repeated:
            # The row that claimed the account has an issue too, in this slice or before.
            for index in _positions(bytes(map(repeated.__contains__, ids)), 1):
                if found[index] is not _NO_ACCOUNT:
                    issue_bytes[index] = 1
                    repeated.remove(ids[index])
            before |= repeated
        dirty += issue_bytes
        # An identity test, as hashing an enum member runs Python code.
        kinds += bytes(map(operator.is_, map(_KIND, found), itertools.repeat(AccountKind.GUEST)))
    if before:
        issues = int.from_bytes(dirty, "little") | _flags(map(before.__contains__, aast_ids))
        dirty = bytearray(issues.to_bytes(len(aast_ids), "little"))
    return kinds, dirty


_T = TypeVar("_T")
_S = TypeVar("_S", bound=Sequence[Any])


def _replace(column: list[Any], value: Callable[[Any], Any]) -> None:
    """Replace each item of ``column`` by its ``value``, in place."""
    column[:] = map(value, column)


def _drop(column: list[_T], dropped: list[int]) -> list[_T]:
    """Remove the items at the increasing indexes ``dropped`` from ``column``; return it.

    The items between two dropped ones move down in one slice assignment, which
    costs far less than a test of every item; those before the first stay put.
    """
    if not dropped:
        return column
    end = dropped[0]
    for start, stop in itertools.pairwise([*dropped, len(column)]):
        piece = column[start + 1 : stop]
        column[end : end + len(piece)] = piece
        end += len(piece)
    del column[end:]
    return column


def _between(column: _S, dropped: list[int]) -> Iterator[_S]:
    """The slices of ``column`` between the increasing indexes ``dropped``."""
    start = 0
    for index in dropped:
        yield column[start:index]  # type: ignore[misc]
        start = index + 1
    yield column[start:]  # type: ignore[misc]


def _raw_cells(scan: _Scan, index: int, context: _Context) -> tuple[str, ...]:
    """The cells of a kept row exactly as read."""
    number = scan.numbers[index]
    if number in scan.irregular:
        return scan.irregular[number]
    return (
        context.program_id,
        scan.aast_ids[index],
        scan.firsts[index],
        scan.lasts[index],
        scan.completions[index],
    )


def _refused_rows(
    early: list[tuple[int, Sequence[str], list[Finding], str | None]],
    late: list[tuple[int, Sequence[str], list[Finding], str | None]],
    accounts: Mapping[str, Account],
    reported: frozenset[str] | set[str] | Any,
    first_row: dict[str, int],
    refuse_mismatch: bool,
) -> tuple[RefusedRow, ...]:
    """Add the account and claim findings to rows refused in the row pass; merge in order."""
    out = []
    for number, cells, findings, aast_id in early:
        if aast_id is not None:
            account = accounts.get(aast_id)
            if account is None:
                findings.append(_no_account(number, aast_id))
            elif refuse_mismatch and not any(f.field in _NAME_FIELDS for f in findings):
                # Both names are valid: compare them as an accepted row's would be.
                mismatch = _name_mismatch(
                    number, normalize_name(cells[2]), normalize_name(cells[3]), account, True
                )
                if mismatch is not None:
                    findings.append(mismatch)
            if aast_id in first_row:
                findings.append(_duplicate(number, aast_id, first_row[aast_id]))
            elif aast_id in reported:
                findings.append(_already_reported(number, aast_id))
        out.append(RefusedRow(number, tuple(cells), tuple(findings)))
    for number, cells, findings, aast_id in late:
        if (
            aast_id in first_row
            and first_row[aast_id] != number
            and not any(f.code == "duplicate-in-roster" for f in findings)
        ):
            findings.append(_duplicate(number, aast_id, first_row[aast_id]))
        out.append(RefusedRow(number, tuple(cells), tuple(findings)))
    out.sort(key=operator.attrgetter("row"))
    return tuple(out)


_NAME_FIELDS = ("first_name", "last_name")


def _no_account(number: int, aast_id: str) -> Finding:
    return Finding(
        code="account-not-found",
        row=number,
        field="aast_id",
        message=f"no AAST member or guest account has the ID {aast_id!r}",
        hint="every attendee who claims CECs needs an AAST account; check the ID or ask the "
        "attendee to create a guest account",
    )


def _duplicate(number: int, aast_id: str, accepted_row: int) -> Finding:
    return Finding(
        code="duplicate-in-roster",
        row=number,
        field="aast_id",
        message=f"{aast_id!r} is already accepted in row {accepted_row}",
        hint="report each attendee once per offering",
    )


def _already_reported(number: int, aast_id: str) -> Finding:
    return Finding(
        code="already-reported",
        row=number,
        field="aast_id",
        message=f"{aast_id!r} was already reported for this offering in an earlier roster",
        hint="a later roster should list only attendees not reported before",
    )


def _name_mismatch(
    number: int,
    first: str,
    last: str,
    account: Account,
    refuse: bool,
    fold: Callable[[str], str] = fold_name,
) -> Finding | None:
    same_first = fold(first) == fold(account.first_name)
    if same_first and fold(last) == fold(account.last_name):
        return None
    return Finding(
        code="name-mismatch-refused" if refuse else "name-mismatch",
        row=number,
        field="last_name" if same_first else "first_name",
        message=f"the row names {first} {last}, the account {account.aast_id!r} names "
        f"{account.first_name} {account.last_name}",
        hint="check that the AAST ID belongs to this attendee; neither name was changed",
    )


# --------------------------------------------------------------------------
# One attendee at a time


@attrs.frozen(kw_only=True)
class RosterDraft:
    """A roster built one attendee at a time, for individual entry.

    Each :meth:`add` returns a new draft and the report as it stands, whose
    last row is the entry just added: the same rules, the same findings as the
    same row in a file, duplicates against earlier entries included.

    A later entry can add a finding to an earlier one (an earlier refused
    entry with the same AAST ID is then also a duplicate of the accepted one),
    exactly as in a file; :meth:`report` always gives the whole picture.
    """

    program: Program
    offering: Offering
    reported_at: date | datetime
    policy: Policy | PolicySchedule = DEFAULT_POLICY
    extension: date | None = None
    entries: tuple[Mapping[str, Any], ...] = ()

    def add(
        self, entry: Mapping[str, Any], repository: AccountRepository
    ) -> tuple[RosterDraft, RosterReport]:
        """Return the draft with ``entry`` added, and the report of every entry so far."""
        draft = attrs.evolve(self, entries=(*self.entries, entry))
        return draft, draft.report(repository)

    def report(self, repository: AccountRepository) -> RosterReport:
        """Check every entry so far, exactly as :func:`check_roster` checks a file."""
        return check_roster(
            self.entries,
            program=self.program,
            offering=self.offering,
            repository=repository,
            reported_at=self.reported_at,
            policy=self.policy,
            extension=self.extension,
        )
