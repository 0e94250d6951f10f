"""Dates and deadlines: submission dates, lateness, past offerings, reporting windows.

Everything here counts whole calendar days on dates in the association's time
zone (`calendar-days`): weekends and holidays count, and a deadline on a
weekend does not move.  Nothing reads the clock: "today" is always an argument.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from cec_rules.errors import InvalidArgument, InvalidOffering, NaiveDatetime
from cec_rules.jsonio import REPORT_DATA, JsonValue, at
from cec_rules.notebook import labelled, view
from cec_rules.policy import Policy
from cec_rules.program import Offering, ProgramFormat

__all__ = [
    "OfferingTiming",
    "ReportingWindow",
    "WindowStatus",
    "days_before_start",
    "last_report_day",
    "local_date",
    "offering_timing",
    "reporting_window",
]


def local_date(moment: date | datetime, policy: Policy, *, field: str = "moment") -> date:
    """Return the association's calendar date of ``moment`` (`submission-date`).

    A ``date`` is taken as it is; an aware ``datetime`` is converted to the
    policy's time zone; a naive ``datetime`` raises :class:`NaiveDatetime`.

    >>> from zoneinfo import ZoneInfo
    >>> from cec_rules.policy import DEFAULT_POLICY
    >>> local_date(datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
    ...            DEFAULT_POLICY)
    datetime.date(2026, 3, 2)
    """
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise NaiveDatetime.for_field(field, moment)
        return moment.astimezone(policy.zone).date()
    if not isinstance(moment, date):
        raise InvalidArgument(f"{field} must be a date or an aware datetime, got {moment!r}")
    return moment


def days_before_start(offering: Offering, submitted_on: date) -> int:
    """Return how many calendar days after ``submitted_on`` the offering starts.

    Negative when the offering started before the submission date.
    """
    return (offering.start - _plain(submitted_on, "submitted_on")).days


class OfferingTiming(enum.Enum):
    """Where an offering stands against its application's submission date."""

    #: More than the late window before the start: only the application fee.
    ON_TIME = "on-time"
    #: The late window or fewer days before the start, the start day included (`late-surcharge`).
    LATE = "late"
    #: Started before the submission date: not reviewed, not charged (`past-program`).
    PAST = "past"


def offering_timing(
    offering: Offering, submitted_on: date | datetime, policy: Policy
) -> OfferingTiming:
    """Classify an offering as on time, late or past (`late-surcharge`, `past-program`).

    ``submitted_on`` is a date, or an aware datetime taken on the association's
    calendar (`submission-date`).

    >>> from cec_rules.policy import DEFAULT_POLICY
    >>> [offering_timing(Offering(date(2026, 5, 1) + timedelta(days=d)), date(2026, 5, 1),
    ...                  DEFAULT_POLICY).value for d in (-1, 0, 30, 31)]
    ['past', 'late', 'late', 'on-time']
    """
    day = local_date(submitted_on, policy, field="submitted_on")
    return timing_for_days((offering.start - day).days, policy.late_window_days)


def timing_for_days(days: int, late_window_days: int) -> OfferingTiming:
    """Classify an offering that starts ``days`` after submission (negative: before)."""
    if days < 0:
        return OfferingTiming.PAST
    if days <= late_window_days:
        return OfferingTiming.LATE
    return OfferingTiming.ON_TIME


def last_report_day(
    offering: Offering,
    policy: Policy,
    *,
    program_format: ProgramFormat = ProgramFormat.LIVE,
    completion: date | None = None,
    extension: date | None = None,
) -> date:
    """Return the last day on which attendance may be reported.

    Live: the offering's end date plus the reporting window (`reporting-window`).
    Self-paced: the attendee's ``completion`` date plus the window
    (`self-paced-window`).  A staff ``extension`` replaces the last day; for a
    live offering, one before its end raises
    :class:`~cec_rules.errors.InvalidOffering`.
    """
    if not isinstance(policy, Policy):
        raise InvalidArgument(
            f"policy must be a Policy, got {type(policy).__name__}; for a schedule, pass "
            "schedule.at(report_date)"
        )
    if extension is not None:
        extension = _plain(extension, "extension")
        # A live offering's window opens when it ends; a self-paced one's opens at each
        # completion, so there an extension may fall before the offering's end.
        if program_format is ProgramFormat.LIVE and extension < offering.end:
            raise InvalidOffering(
                f"the extension {extension.isoformat()} is before the offering ends "
                f"({offering.end.isoformat()}); an extension is a new last day to report, on "
                "or after the end"
            )
        return extension
    opens = _window_opens(offering, program_format, completion)
    if policy.reporting_window_days > (date.max - opens).days:
        return date.max  # the window outlasts the calendar: open through its last day
    return opens + timedelta(days=policy.reporting_window_days)


def _window_opens(
    offering: Offering, program_format: ProgramFormat, completion: date | None
) -> date:
    if program_format is ProgramFormat.SELF_PACED:
        if completion is None:
            raise InvalidArgument(
                "a self-paced program's window is counted from the attendee's completion date: "
                "pass completion="
            )
        return _plain(completion, "completion")
    return offering.end


def _plain(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidArgument(f"{field} must be a datetime.date, got {value!r}")
    return value


class WindowStatus(enum.Enum):
    """Whether attendance may be reported on a given day."""

    NOT_OPEN = "window-not-open"
    OPEN = "window-open"
    CLOSED = "window-closed"


@attrs.frozen(kw_only=True)
class ReportingWindow(JsonValue):
    """The reporting window of an offering (or of one self-paced attendee) on a report date."""

    status: WindowStatus
    opens: date
    last_day: date
    report_date: date
    extended: bool
    rules: tuple[str, ...]

    @property
    def days_left(self) -> int:
        """Days remaining after the report date while open (0 on the last day); else 0."""
        return (self.last_day - self.report_date).days if self.status is WindowStatus.OPEN else 0

    @property
    def days_over(self) -> int:
        """Days past the last day when closed; else 0."""
        if self.status is WindowStatus.CLOSED:
            return (self.report_date - self.last_day).days
        return 0

    @property
    def explanation(self) -> str:
        """A sentence a person can read, naming the rule."""
        rule = self.rules[0]
        last = self.last_day.isoformat()
        source = "a staff extension" if self.extended else f"{rule}"
        if self.status is WindowStatus.NOT_OPEN:
            return (
                f"Not open yet: attendance can be reported from {self.opens.isoformat()}, "
                f"the day the offering is held; the last day is {last} ({source})."
            )
        if self.status is WindowStatus.CLOSED:
            return (
                f"Closed: the last day to report was {last} ({source}); "
                f"{self.report_date.isoformat()} is {self.days_over} day(s) late."
            )
        return (
            f"Open: report by {last} ({source}); {self.days_left} day(s) left "
            f"after {self.report_date.isoformat()}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the window as JSON-ready data."""
        return {
            "status": self.status.value,
            "opens": self.opens.isoformat(),
            "last_day": self.last_day.isoformat(),
            "report_date": self.report_date.isoformat(),
            "extended": self.extended,
            "days_left": self.days_left,
            "days_over": self.days_over,
            "rules": list(self.rules),
            "explanation": self.explanation,
        }

    def _repr_html_(self) -> str:
        """The notebook view: the window's status and days, as the CLI prints them."""
        return view(labelled("Reporting window", self.explanation))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReportingWindow:
        """Build a window from JSON-ready data, as :meth:`to_dict` writes it.

        ``days_left``, ``days_over`` and ``explanation`` follow from the rest and are
        not read.  A key missing or of the wrong kind raises
        :class:`~cec_rules.errors.InvalidReport` naming it (a window is read back as
        part of a roster report).
        """
        return read_window(data, "")


def read_window(data: object, path: str) -> ReportingWindow:
    """The reporting window ``data`` describes, at ``path`` in a report's data."""
    read = REPORT_DATA
    data = read.mapping(data, path, "a reporting window")
    rules = at(path, "rules")
    opens, last_day, report_date = (
        read.day(read.key(data, key, path), at(path, key))
        for key in ("opens", "last_day", "report_date")
    )
    return ReportingWindow(
        status=read.choice(WindowStatus, read.key(data, "status", path), at(path, "status")),
        opens=opens,
        last_day=last_day,
        report_date=report_date,
        extended=read.flag(read.key(data, "extended", path), at(path, "extended")),
        rules=tuple(
            read.text(rule, at(rules, i))
            for i, rule in enumerate(read.items(read.key(data, "rules", path), rules))
        ),
    )


def reporting_window(
    offering: Offering,
    report_date: date,
    policy: Policy,
    *,
    program_format: ProgramFormat = ProgramFormat.LIVE,
    completion: date | None = None,
    extension: date | None = None,
) -> ReportingWindow:
    """Return the reporting window's status on ``report_date``.

    Day 0 is the end date (or, self-paced, the completion date); the window
    closes after the last day.  Before day 0 it is not open yet.

    >>> from cec_rules.policy import DEFAULT_POLICY
    >>> window = reporting_window(Offering(date(2026, 3, 2)), date(2026, 4, 16), DEFAULT_POLICY)
    >>> window.status.value, window.last_day.isoformat(), window.days_left
    ('window-open', '2026-04-16', 0)
    """
    report_date = _plain(report_date, "report_date")
    opens = _window_opens(offering, program_format, completion)
    last_day = last_report_day(
        offering, policy, program_format=program_format, completion=completion, extension=extension
    )
    if report_date < opens:
        status = WindowStatus.NOT_OPEN
    elif report_date > last_day:
        status = WindowStatus.CLOSED
    else:
        status = WindowStatus.OPEN
    rule = "self-paced-window" if program_format is ProgramFormat.SELF_PACED else "reporting-window"
    return ReportingWindow(
        status=status,
        opens=opens,
        last_day=last_day,
        report_date=report_date,
        extended=extension is not None,
        rules=(rule, "calendar-days"),
    )
