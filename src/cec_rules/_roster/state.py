"""What one roster check works with: its frozen inputs, and what the row pass
collects for account settlement and the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

import attrs

from cec_rules._roster.findings import DateProblem, Finding
from cec_rules.deadlines import ReportingWindow, last_report_day, reporting_window
from cec_rules.errors import InvalidArgument, NotApproved
from cec_rules.policy import Policy, PolicySchedule, as_schedule
from cec_rules.program import Offering, Program, ProgramFormat


@attrs.frozen
class CheckInputs:
    """The inputs of one check, resolved: the program and its ID, the offering, the
    report date, the policy in force on it, the offering's reporting window (for a
    live program) and a staff extension."""

    program: Program
    program_id: str
    offering: Offering
    report_date: date
    policy: Policy
    window: ReportingWindow | None
    extension: date | None

    @classmethod
    def resolve(
        cls,
        program: Program,
        offering: Offering,
        reported_at: date | datetime,
        policy: Policy | PolicySchedule,
        extension: date | None,
    ) -> CheckInputs:
        """Check the arguments of a roster check and resolve the policy in force.

        Raises :class:`~cec_rules.errors.NotApproved` for a program with no Program
        ID (`approval-first`) and :class:`~cec_rules.errors.InvalidArgument` for an
        argument of the wrong kind.
        """
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
        return cls(
            program=program,
            program_id=program.program_id,
            offering=offering,
            report_date=report_date,
            policy=in_force,
            window=window,
            extension=extension,
        )


class PendingRefusal(NamedTuple):
    """A row refused by the row pass, before account settlement adds its findings:
    the row number, its cells as read, its findings so far, and its AAST ID when that
    is well formed (so that settlement can look up its account and claims)."""

    row: int
    cells: Sequence[str]
    findings: list[Finding]
    aast_id: str | None


@attrs.define
class Collected:
    """What the row pass collects (mutable while one check runs, spent by settlement)."""

    data_rows: int = 0
    header_row: int = 1
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
    parsed: dict[str, date | DateProblem] = attrs.Factory(dict)
    refused: list[PendingRefusal] = attrs.Factory(list)
    # The rows whose AAST ID was a number cell (a workbook's, a DataFrame's).
    number_ids: set[int] = attrs.Factory(set)
    blank: list[int] = attrs.Factory(list)
    file_findings: list[Finding] = attrs.Factory(list)

    def take_over(self, other: Collected) -> None:
        """Hold what ``other`` collected instead of what this did (a second reading of
        the file replaces the first)."""
        for field in attrs.fields(Collected):
            setattr(self, field.name, getattr(other, field.name))

    def forget_rows(self) -> None:
        """Forget the rows collected, keeping what was learnt of their names and dates: a
        draft reads its entries one at a time through one row pass, as a file's rows."""
        for rows in (self.numbers, self.aast_ids, self.firsts, self.lasts, self.completions):
            rows.clear()
        self.irregular.clear()
        self.refused.clear()
        self.number_ids.clear()
        self.blank.clear()

    def keep(
        self,
        row: int,
        aast_ids: Sequence[str],
        firsts: Sequence[str],
        lasts: Sequence[str],
        completions: Sequence[str],
    ) -> None:
        """Keep consecutive rows that pass every rule of the row alone, the first of
        them numbered ``row``; their names and dates are already in the caches."""
        self.numbers.extend(range(row, row + len(aast_ids)))
        self.aast_ids.extend(aast_ids)
        self.firsts.extend(firsts)
        self.lasts.extend(lasts)
        self.completions.extend(completions)

    def cells_as_read(self, index: int, program_id: str) -> tuple[str, ...]:
        """The cells of the kept row at ``index`` exactly as read."""
        number = self.numbers[index]
        if number in self.irregular:
            return self.irregular[number]
        return (
            program_id,
            self.aast_ids[index],
            self.firsts[index],
            self.lasts[index],
            self.completions[index],
        )
