"""Programs, offerings and applications: the values a provider submits.

Each value is frozen and checked when it is built, so a value that exists is
usable.  Policy-dependent checks (the CEC increment and maximum) run when an
application is assessed under a policy, because the policy in force is only
known then.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cec_rules.errors import (
    CecRulesError,
    InvalidApplication,
    InvalidArgument,
    InvalidOffering,
    NaiveDatetime,
    RefusedFloat,
)
from cec_rules.jsonio import JsonValue
from cec_rules.money import to_credits
from cec_rules.policy import DEFAULT_POLICY, Policy

if TYPE_CHECKING:
    from dateutil import rrule

__all__ = ["Application", "Offering", "Program", "ProgramFormat"]

#: How many offerings a recurrence may expand to unless the caller says otherwise.
DEFAULT_RECURRENCE_LIMIT = 366

#: How many candidate dates (the dates its RRULE and EXRULE lines make, before
#: exclusions) a recurrence may read, or ten per offering ``limit`` allows when that
#: is more.  An exclusion that removes every date would otherwise read on to 9999.
RECURRENCE_CANDIDATE_LIMIT = 10_000


class ProgramFormat(enum.Enum):
    """How a program is delivered: on its dates (live) or at the attendee's pace."""

    LIVE = "live"
    SELF_PACED = "self-paced"


def _plain_date(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidOffering(
            f"{field} must be a datetime.date such as date(2026, 3, 2), got {value!r}",
            field=field,
            value=value,
        )
    return value


def _title(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidApplication(f"title must be non-blank text, got {value!r}")
    return value.strip()


def _program_id(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidApplication(
            f"program_id must be non-blank text, or None before approval, got {value!r}"
        )
    return value.strip()


def _format(value: object) -> ProgramFormat:
    try:
        return ProgramFormat(value)
    except ValueError:
        choices = ", ".join(repr(f.value) for f in ProgramFormat)
        raise InvalidApplication(f"format must be one of {choices}, got {value!r}") from None


def _start(value: object) -> date:
    return _plain_date(value, "start")


@attrs.frozen(kw_only=True)
class Program(JsonValue):
    """An educational program: what it is and how many CECs each attendee earns.

    ``program_id`` is the association's Program ID, ``None`` until approval.
    ``cecs`` is a ``Decimal``, ``int`` or numeric string (a float is refused).

    >>> Program(title="Scoring sleep studies", cecs="2.5").cecs
    Decimal('2.5')
    """

    title: str = attrs.field(converter=_title)
    cecs: Decimal = attrs.field(converter=to_credits)
    format: ProgramFormat = attrs.field(default=ProgramFormat.LIVE, converter=_format)
    program_id: str | None = attrs.field(default=None, converter=_program_id)

    def to_dict(self) -> dict[str, Any]:
        """Return the program as JSON-ready data."""
        return {
            "program_id": self.program_id,
            "title": self.title,
            "cecs": str(self.cecs),
            "format": self.format.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Program:
        """Build a program from JSON-ready data, as :meth:`to_dict` writes it.

        ``format`` and ``program_id`` may be left out (live; not approved yet).
        ``cecs`` is text such as ``"2.5"`` (an ``int``, or the ``Decimal`` that
        ``json.loads(text, parse_float=Decimal)`` gives, is taken too); a float is
        refused with :class:`~cec_rules.errors.RefusedFloat` saying so.  Wrong or
        missing data raises an error of this library naming the key.
        """
        return _reading("program", lambda: _program(data, "cecs"))


@attrs.frozen
class Offering(JsonValue):
    """One dated delivery of a program, from ``start`` through ``end`` inclusive.

    A one-day event has ``end == start`` (the default).  For a self-paced
    program the dates bound the period in which attendees may complete it.

    >>> Offering(date(2026, 3, 2))
    Offering(start=datetime.date(2026, 3, 2), end=datetime.date(2026, 3, 2))
    """

    start: date = attrs.field(converter=_start)
    end: date = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        end = self.start if self.end is None else _plain_date(self.end, "end")
        if end < self.start:
            raise InvalidOffering(
                f"the offering ends on {end.isoformat()}, before it starts on "
                f"{self.start.isoformat()}; swap the dates or fix the end date",
                start=self.start,
                end=end,
            )
        object.__setattr__(self, "end", end)

    @property
    def days(self) -> int:
        """The number of calendar days the offering spans, counting both ends."""
        return (self.end - self.start).days + 1

    @classmethod
    def recurring(
        cls,
        rule: rrule.rrule | rrule.rruleset | str,
        *,
        dtstart: date | None = None,
        length_days: int = 1,
        limit: int = DEFAULT_RECURRENCE_LIMIT,
        policy: Policy = DEFAULT_POLICY,
    ) -> tuple[Offering, ...]:
        """Expand a recurrence into dated offerings, each ``length_days`` long.

        ``rule`` is a dateutil ``rrule`` or RFC 5545 text (``"RRULE:FREQ=WEEKLY;COUNT=4"``
        with ``dtstart``, or text carrying its own ``DTSTART``).  A rule that would
        expand to more than ``limit`` offerings, such as one with no COUNT or
        UNTIL, is refused rather than expanded without end.  A start with a time
        zone (``DTSTART:20260402T013000Z``, or one with a ``TZID``) falls on its
        date in the ``policy``'s time zone (`submission-date`); a start with none
        is taken as the date written.  A rule that reads more than
        ``RECURRENCE_CANDIDATE_LIMIT`` (10,000) candidate dates, or ten per offering
        ``limit`` allows when that is more, without ending is refused too: an
        EXRULE that removes every date the RRULE makes would read on to year 9999.

        >>> [o.start.isoformat() for o in Offering.recurring(
        ...     "RRULE:FREQ=WEEKLY;COUNT=3", dtstart=date(2026, 3, 2))]
        ['2026-03-02', '2026-03-09', '2026-03-16']
        """
        if isinstance(length_days, bool) or not isinstance(length_days, int) or length_days < 1:
            raise InvalidOffering(
                f"length_days must be a whole number of days, 1 or more, got {length_days!r}"
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidOffering(f"limit must be a whole number, 1 or more, got {limit!r}")
        if not isinstance(policy, Policy):
            raise InvalidOffering(f"policy must be a Policy, got {type(policy).__name__}")
        from dateutil import rrule  # imported on first use to keep ``import cec_rules`` quick

        parsed: rrule.rrule | rrule.rruleset
        if isinstance(rule, str):
            if dtstart is None and "DTSTART" not in rule.upper():
                # dateutil would start the rule at the current time: never read the clock.
                raise InvalidOffering(
                    f"the recurrence {rule!r} has no start: pass dtstart= or give a DTSTART line"
                )
            start = (
                None
                if dtstart is None
                else datetime.combine(_plain_date(dtstart, "dtstart"), datetime.min.time())
            )
            try:
                parsed = rrule.rrulestr(rule, dtstart=start, forceset=True)
            except (ValueError, TypeError) as error:
                raise InvalidOffering(f"the recurrence {rule!r} cannot be read: {error}") from None
        elif isinstance(rule, (rrule.rrule, rrule.rruleset)):
            parsed = rule
        else:
            raise InvalidOffering(f"expected an rrule or RFC 5545 text, got {type(rule).__name__}")
        budget = max(RECURRENCE_CANDIDATE_LIMIT, 10 * limit)
        moments: list[datetime] = []
        try:
            moments.extend(islice(iter(_counted(parsed, budget)), limit + 1))
        except (ValueError, TypeError) as error:  # e.g. an rruleset mixing naive and aware
            raise InvalidOffering(f"the recurrence cannot be expanded: {error}") from None
        except _TooManyCandidates:
            found = (
                "no date"
                if not moments
                else f"only {len(moments)} date{'s' if len(moments) > 1 else ''}"
            )
            raise InvalidOffering(
                f"the recurrence yields {found} in its first {budget:,} candidate dates; "
                "check that its EXRULE and EXDATE lines do not remove every date, or give "
                "it a COUNT or UNTIL",
                candidates=budget,
            ) from None
        if len(moments) > limit:
            raise InvalidOffering(
                f"the recurrence expands to more than {limit} offerings; give it a COUNT or "
                "UNTIL, or raise the limit",
                limit=limit,
            )
        if not moments:
            raise InvalidOffering("the recurrence yields no dates; check its COUNT and UNTIL")
        days = [_day(moment, policy) for moment in moments]
        span = timedelta(days=length_days - 1)
        if (date.max - days[-1]).days < span.days:
            raise InvalidOffering(
                f"an offering starting {days[-1].isoformat()} and {length_days} days long ends "
                f"after {date.max.isoformat()}"
            )
        return tuple(cls(day, day + span) for day in days)

    def to_dict(self) -> dict[str, str]:
        """Return the offering as JSON-ready data."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Offering:
        """Build an offering from JSON-ready data, as :meth:`to_dict` writes it: ISO
        dates, ``end`` left out for a one-day offering.  A date that is not ISO text
        raises :class:`~cec_rules.errors.InvalidOffering`; a missing ``start``,
        :class:`~cec_rules.errors.InvalidApplication` naming it."""
        return _reading("offering", lambda: _offering(data))


class _TooManyCandidates(Exception):
    """A recurrence read more candidate dates than its budget (never seen by a caller)."""


class _Candidates:
    """A rule whose iteration counts its dates against a budget shared by several rules."""

    def __init__(self, rule: Iterable[datetime], read: list[int], budget: int) -> None:
        self.rule = rule
        self.read = read
        self.budget = budget

    def __iter__(self) -> Iterator[datetime]:
        for moment in self.rule:
            self.read[0] += 1
            if self.read[0] > self.budget:
                raise _TooManyCandidates
            yield moment


def _counted(parsed: rrule.rrule | rrule.rruleset, budget: int) -> rrule.rruleset:
    """A copy of ``parsed`` whose rules, inclusive and exclusive, read at most ``budget``
    dates in all.  The RDATE and EXDATE lists are finite and are not counted."""
    from dateutil import rrule

    read = [0]
    counted = rrule.rruleset()
    if isinstance(parsed, rrule.rrule):
        counted.rrule(_Candidates(parsed, read, budget))  # type: ignore[arg-type]
        return counted
    # An rruleset has no public view of its parts: read the lists its own iteration reads.
    parts = vars(parsed)
    for rule in parts["_rrule"]:
        counted.rrule(_Candidates(rule, read, budget))  # type: ignore[arg-type]
    for rule in parts["_exrule"]:
        counted.exrule(_Candidates(rule, read, budget))  # type: ignore[arg-type]
    for moment in parts["_rdate"]:
        counted.rdate(moment)
    for moment in parts["_exdate"]:
        counted.exdate(moment)
    return counted


def _day(moment: datetime, policy: Policy) -> date:
    """The date of a recurrence's moment: in the policy's time zone when it has one."""
    if moment.utcoffset() is None:  # RFC 5545's floating time: the date as written
        return moment.date()
    try:
        return moment.astimezone(policy.zone).date()
    except OverflowError:
        raise InvalidOffering(
            "the recurrence has a start that falls outside the calendar in "
            f"{policy.time_zone}: {moment}"
        ) from None


def _offerings(value: Iterable[Offering]) -> tuple[Offering, ...]:
    if isinstance(value, Offering):
        value = (value,)
    if not isinstance(value, Iterable) or isinstance(value, (str, bytes, Mapping)):
        raise InvalidApplication(
            f"offerings must be Offering values (one, or a list of them), got {value!r}"
        )
    offerings = tuple(value)
    if not offerings:
        raise InvalidApplication(
            "an application lists at least one offering (`offering-count`)", rule="offering-count"
        )
    for item in offerings:
        if not isinstance(item, Offering):
            raise InvalidApplication(f"offerings must be Offering values, got {item!r}")
    return offerings


def _of_kind(kind: type, wanted: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator refusing a value not of ``kind`` with InvalidArgument."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidArgument(f"{attribute.name} must be {wanted}, got {value!r}")

    return check


def _submitted(value: object) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetime.for_field("submitted", value)
        return value
    if not isinstance(value, date):
        raise InvalidApplication(
            f"submitted must be a date or a timezone-aware datetime, got {value!r}",
            rule="submission-date",
        )
    return value


@attrs.frozen(kw_only=True)
class Application(JsonValue):
    """A provider's request to approve a program for the listed offerings.

    ``submitted`` is a ``date`` (taken as the association's calendar date) or a
    timezone-aware ``datetime`` (converted to the association's zone); a naive
    datetime is refused.  ``reference`` is the caller's own identifier, carried
    into results so that they can be matched back.
    """

    program: Program = attrs.field(validator=_of_kind(Program, "a Program"))
    offerings: tuple[Offering, ...] = attrs.field(converter=_offerings)
    submitted: date | datetime = attrs.field(converter=_submitted)
    calendar_listing: bool = attrs.field(default=False, validator=_of_kind(bool, "True or False"))
    reference: str = attrs.field(default="", validator=_of_kind(str, "text"))

    def to_dict(self) -> dict[str, Any]:
        """Return the application as JSON-ready data (:meth:`from_dict` reads it back)."""
        return {
            "reference": self.reference,
            "program": self.program.to_dict(),
            "offerings": [o.to_dict() for o in self.offerings],
            "submitted": self.submitted.isoformat(),
            "calendar_listing": self.calendar_listing,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Application:
        """Build an application from JSON-ready data, as :meth:`to_dict` writes it.

        Dates are ISO text; ``submitted`` may be a date or a datetime with an offset
        (or ``Z``).  ``reference``, ``calendar_listing``, and the program's
        ``format`` and ``program_id`` may be left out.  The program's ``cecs`` is
        text such as ``"2.5"``; a JSON float there is refused with
        :class:`~cec_rules.errors.RefusedFloat`, which says to parse the text with
        ``json.loads(text, parse_float=Decimal)``.  Wrong or missing data raises an
        error of this library naming the key.
        """
        return _reading(
            "application",
            lambda: cls(
                program=_program(data["program"], "program.cecs"),
                offerings=[_offering(o) for o in data["offerings"]],
                submitted=_iso_moment(data["submitted"]),
                calendar_listing=data.get("calendar_listing", False),
                reference=data.get("reference", ""),
            ),
        )


T = TypeVar("T")


def _reading(what: str, build: Callable[[], T]) -> T:
    """``build()``, which reads JSON-ready data, with a missing key or a value of the
    wrong shape refused as :class:`InvalidApplication` saying so; the library's own
    errors (an offering's dates, the CECs) pass as they are."""
    try:
        return build()
    except InvalidArgument as error:  # a value of the wrong type in the data
        raise InvalidApplication(f"the {what} data is not shaped right: {error}") from None
    except CecRulesError:
        raise
    except KeyError as error:
        raise InvalidApplication(f"the {what} data has no {error.args[0]!r}") from None
    except (TypeError, AttributeError, ValueError) as error:
        raise InvalidApplication(f"the {what} data is not shaped right: {error}") from None


def _program(data: Mapping[str, Any], cecs_path: str) -> Program:
    """The program ``data`` describes; ``cecs_path`` names its CECs in a refusal."""
    cecs = data["cecs"]
    if isinstance(cecs, float):
        raise RefusedFloat.in_json(cecs_path, cecs)
    return Program(
        title=data["title"],
        cecs=cecs,
        format=data.get("format", "live"),
        program_id=data.get("program_id"),
    )


def _offering(data: Mapping[str, Any]) -> Offering:
    """The offering ``data`` describes; a one-day offering may leave out its end."""
    return Offering(
        _iso_date(data["start"], "start"), _iso_date(data.get("end", data["start"]), "end")
    )


def _iso_date(value: object, field: str) -> date:
    if not isinstance(value, str):
        raise InvalidOffering(f"{field} must be an ISO date such as '2026-03-02', got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidOffering(
            f"{field} must be an ISO date such as '2026-03-02', got {value!r}"
        ) from None


def _iso_moment(value: object) -> date | datetime:
    if not isinstance(value, str):
        raise InvalidApplication(f"submitted must be ISO text, got {value!r}")
    # "Z" for UTC, as JavaScript writes a moment: read so by every Python this supports
    # (datetime.fromisoformat reads it itself from 3.11 on).
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(text)
    except ValueError:
        raise InvalidApplication(
            f"submitted must be an ISO date or datetime with an offset, got {value!r}"
        ) from None
