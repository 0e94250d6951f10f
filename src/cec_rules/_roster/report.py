"""The report of one roster check (`row-conservation`, `filing-fee`): every row
once, the counts, the filing fee, and the views people and programs read.
"""

from __future__ import annotations

import csv
import itertools
import operator
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

import attrs

from cec_rules._roster.attendees import AcceptedAttendee, Attendees, RefusedRow, row_numbers
from cec_rules._roster.fields import FIELDS
from cec_rules._roster.findings import Finding, Severity
from cec_rules.accounts import AccountKind
from cec_rules.deadlines import ReportingWindow
from cec_rules.errors import RowConservationError
from cec_rules.fees import FeeKind, FeeLine, total_of
from cec_rules.money import money_str
from cec_rules.names import FORMULA_STARTS
from cec_rules.notebook import html_table, to_frame
from cec_rules.policy import Policy
from cec_rules.program import Offering, Program


def _as_attendees(value: Iterable[AcceptedAttendee]) -> Attendees:
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
    accepted: Attendees = attrs.field(converter=_as_attendees)
    refused: tuple[RefusedRow, ...]
    warnings: tuple[Finding, ...]
    blank_rows: tuple[int, ...]
    file_findings: tuple[Finding, ...]
    #: The row of the header: 1, but in a workbook whose sheet has blank rows above it.
    header_row: int = 1

    def __attrs_post_init__(self) -> None:
        self.check_conservation()

    def check_conservation(self) -> None:
        """Raise :class:`RowConservationError` unless every data row appears exactly once
        (`row-conservation`).  Run on construction; a failure is a library bug."""
        numbers = [*row_numbers(self.accepted), *(r.row for r in self.refused), *self.blank_rows]
        numbers.sort()  # merging sorted runs: about as cheap as copying
        # n numbers, rising from h + 1 to h + n with no repeat (h the header's row), are
        # exactly the rows h + 1 .. h + n (a test of neighbours, not a list of n new
        # numbers to compare with).
        first = self.header_row + 1
        if (
            len(numbers) == self.data_rows
            and (not numbers or (numbers[0] == first and numbers[-1] == first + self.data_rows - 1))
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
