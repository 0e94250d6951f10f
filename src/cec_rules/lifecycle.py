"""The lifecycle of an application and its rosters (rule book section 8).

This module holds *every* state transition of the program in one table,
:data:`TRANSITIONS`.  An application moves

    submitted (fee due) -> in review (fee paid in full) -> approved | denied

and may be withdrawn before a decision, with no refund (`non-refundable`).
After approval each roster moves

    reported (filing fee due) -> paid (paid in full) -> CECs issued.

:func:`fold` turns a list of dated events into the current status, the
balances and the history.  It is pure: the same events give the same result.
An event that the current status does not allow is refused with
:class:`~cec_rules.errors.TransitionRefused`, naming both.

Events are best built from the library's results, so that no figure is copied
by hand: :meth:`Event.submitted` from an assessment, :meth:`Event.roster_reported`
from a roster report (the one place the roster is named),
:meth:`Event.filing_fee_paid` from that event, and :meth:`Event.cecs_issued`
from the credits decided for the roster.  A roster event built so carries the
reference of its report (:func:`report_reference`), and the fold refuses one
built from the report of another roster with
:class:`~cec_rules.errors.RosterMismatch`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, ValuesView
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from cec_rules.errors import (
    InvalidAmount,
    InvalidArgument,
    InvalidEvent,
    RefusedFloat,
    RosterMismatch,
    TransitionRefused,
)
from cec_rules.jsonio import DataReader, JsonValue
from cec_rules.money import (
    ZERO,
    check_cents,
    format_money,
    money_str,
    subtract_money,
    sum_money,
    to_money,
)

if TYPE_CHECKING:
    from cec_rules.eligibility import RosterCredits
    from cec_rules.fees import ApplicationAssessment
    from cec_rules.roster import RosterReport

__all__ = [
    "TRANSITIONS",
    "ApplicationStatus",
    "Event",
    "EventKind",
    "History",
    "RosterState",
    "RosterStatus",
    "Rosters",
    "Step",
    "apply",
    "fold",
    "report_reference",
]


class ApplicationStatus(enum.Enum):
    """Where an application stands."""

    NONE = "none"  # before the submission event
    SUBMITTED = "submitted"
    IN_REVIEW = "in-review"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"


class RosterStatus(enum.Enum):
    """Where one roster of an approved program stands."""

    NONE = "none"  # not reported yet
    REPORTED = "reported"
    PAID = "paid"
    CECS_ISSUED = "cecs-issued"


class EventKind(enum.Enum):
    """What happened."""

    SUBMITTED = "submitted"
    APPLICATION_FEE_PAID = "application-fee-paid"
    APPROVED = "approved"
    DENIED = "denied"
    WITHDRAWN = "withdrawn"
    ROSTER_REPORTED = "roster-reported"
    FILING_FEE_PAID = "filing-fee-paid"
    CECS_ISSUED = "cecs-issued"


_A, _R, _K = ApplicationStatus, RosterStatus, EventKind

# How this table works: each key is (the status an event meets, the event); the
# value is the status it leads to.  Payments name their "paid in full" status;
# a partial payment stays where it is (see `fold`).  A pair that is not here is
# refused.  Application events move the application; roster events move one
# roster and need the application approved (`approval-first`).
TRANSITIONS: Mapping[tuple[enum.Enum, EventKind], enum.Enum] = MappingProxyType(
    {
        (_A.NONE, _K.SUBMITTED): _A.SUBMITTED,
        (_A.SUBMITTED, _K.APPLICATION_FEE_PAID): _A.IN_REVIEW,
        (_A.IN_REVIEW, _K.APPLICATION_FEE_PAID): _A.IN_REVIEW,  # reported as overpayment
        (_A.SUBMITTED, _K.WITHDRAWN): _A.WITHDRAWN,
        (_A.IN_REVIEW, _K.WITHDRAWN): _A.WITHDRAWN,
        (_A.IN_REVIEW, _K.APPROVED): _A.APPROVED,
        (_A.IN_REVIEW, _K.DENIED): _A.DENIED,
        (_R.NONE, _K.ROSTER_REPORTED): _R.REPORTED,
        (_R.REPORTED, _K.FILING_FEE_PAID): _R.PAID,
        (_R.PAID, _K.FILING_FEE_PAID): _R.PAID,  # reported as overpayment
        (_R.PAID, _K.CECS_ISSUED): _R.CECS_ISSUED,
    }
)

# The rule each event kind enforces, cited in refusals and in the history.
_EVENT_RULES = {
    _K.SUBMITTED: "application-fee",
    _K.APPLICATION_FEE_PAID: "application-fee",
    _K.APPROVED: "application-fee",
    _K.DENIED: "non-refundable",
    _K.WITHDRAWN: "non-refundable",
    _K.ROSTER_REPORTED: "approval-first",
    _K.FILING_FEE_PAID: "filing-fee",
    _K.CECS_ISSUED: "fee-before-credit",
}

# A roster event met again where it was already done: a roster is reported once
# (forgotten attendees go in a later roster) and its CECs are issued once, so
# nobody is counted, charged or credited twice (`one-claim`).
_REPEATS = frozenset(
    {
        (_R.REPORTED, _K.ROSTER_REPORTED),
        (_R.PAID, _K.ROSTER_REPORTED),
        (_R.CECS_ISSUED, _K.ROSTER_REPORTED),
        (_R.CECS_ISSUED, _K.CECS_ISSUED),
    }
)

_ROSTER_EVENTS = frozenset({_K.ROSTER_REPORTED, _K.FILING_FEE_PAID, _K.CECS_ISSUED})
_AMOUNT_EVENTS = frozenset(
    {_K.SUBMITTED, _K.APPLICATION_FEE_PAID, _K.ROSTER_REPORTED, _K.FILING_FEE_PAID}
)


def _kind(value: object) -> EventKind:
    try:
        return EventKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in EventKind)
        raise InvalidEvent(f"{value!r} is not an event kind; use one of {kinds}") from None


def _amount(value: object) -> Decimal | None:
    if value is None:
        return None
    amount = to_money(value, field="amount")
    # `money-decimal`: whole cents only.  A fraction of a cent would leave a balance that
    # the status counts but that `money_str` rounds away in `to_dict`.
    # Read the digits rather than as_integer_ratio(), which for 1E+999999999 computes
    # 10**999999999 and never returns.  Trailing zeros do not make a fraction of a cent.
    _, digits, exponent = amount.as_tuple()
    zeros = len(digits) - len(bytes(digits).rstrip(b"\0"))
    if any(digits) and int(exponent) + zeros < -2:
        raise InvalidAmount.because("amount", value, "an amount is paid in whole cents")
    check_cents(amount, field="amount", value=value)
    return amount


# Why a submission with nothing due is refused, by the fold and by Event.submitted alike.
_NOTHING_DUE = (
    "an application with nothing due has no offering to review: every offering is past "
    "(past-program)"
)


@attrs.frozen(kw_only=True)
class Event(JsonValue):
    """One dated event.

    ``amount`` is the fee due (``submitted``: the application fee;
    ``roster-reported``: the filing fee) or the amount paid (the two payment
    events), in whole cents; other events carry none.  Roster events name their
    ``roster``, and may carry the ``report`` reference of the roster report they
    were built from (:func:`report_reference`), by which the fold tells one
    roster's report from another's.  ``on`` is a calendar date, never a datetime.

    The classmethods build events from the library's results, so that no figure
    is copied by hand: :meth:`submitted`, :meth:`application_fee_paid`,
    :meth:`roster_reported`, :meth:`filing_fee_paid` and :meth:`cecs_issued`.
    Events without a figure are written as they are:
    ``Event(on=date(2026, 3, 5), kind="approved")``.

    >>> Event(on=date(2026, 3, 1), kind="submitted", amount="150.00").amount
    Decimal('150.00')
    """

    on: date
    kind: EventKind = attrs.field(converter=_kind)
    amount: Decimal | None = attrs.field(default=None, converter=_amount)
    roster: str | None = attrs.field(default=None)
    report: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.on, datetime):
            # A datetime cannot be ordered against the dates of other events.
            raise TransitionRefused.malformed(
                self, f"an event is dated by a calendar date, not the datetime {self.on!r}"
            )
        if not isinstance(self.on, date):
            raise TransitionRefused.malformed(
                self,
                f"an event is dated by a calendar date such as date(2026, 3, 2), not {self.on!r}",
            )
        needs_amount = self.kind in _AMOUNT_EVENTS
        if needs_amount != (self.amount is not None):
            wanted = "needs an amount" if needs_amount else "carries no amount"
            raise TransitionRefused.malformed(self, f"the {self.kind.value} event {wanted}")
        needs_roster = self.kind in _ROSTER_EVENTS
        if needs_roster != (self.roster is not None):
            wanted = "names its roster" if needs_roster else "names no roster"
            raise TransitionRefused.malformed(self, f"the {self.kind.value} event {wanted}")
        roster = self.roster
        if roster is not None and (not isinstance(roster, str) or not roster.strip()):
            raise TransitionRefused.malformed(self, f"a roster is named by text, not {roster!r}")
        report = self.report
        if report is None:
            return
        if not needs_roster:
            raise TransitionRefused.malformed(
                self, f"the {self.kind.value} event carries no roster report"
            )
        if not isinstance(report, str) or not report.strip():
            raise TransitionRefused.malformed(
                self, f"a roster report is referred to by text, not {report!r}"
            )

    @classmethod
    def submitted(cls, assessment: ApplicationAssessment, *, on: date | None = None) -> Event:
        """The submission of an assessed application, with its total due.

        ``on`` is the assessment's submission date (in the association's zone)
        unless given.  An assessment with nothing due, every offering past, is
        refused with :class:`~cec_rules.errors.TransitionRefused` (`past-program`),
        as the fold would refuse it.
        """
        from cec_rules.fees import ApplicationAssessment

        _check_result(
            assessment,
            ApplicationAssessment,
            "assessment",
            "an ApplicationAssessment from assess_application",
        )
        event = cls(
            on=assessment.submission_date if on is None else on,
            kind=EventKind.SUBMITTED,
            amount=assessment.total,
        )
        if not assessment.total:
            raise TransitionRefused.malformed(event, _NOTHING_DUE)
        return event

    @classmethod
    def application_fee_paid(
        cls, assessment: ApplicationAssessment, *, on: date, amount: object = None
    ) -> Event:
        """A payment of the application fee of ``assessment``: its total, or ``amount``.

        Give ``amount`` for a payment of another sum, as received (a part, or
        more, which the fold reports as overpaid); it is refused as any
        amount is (`money-decimal`).
        """
        from cec_rules.fees import ApplicationAssessment

        _check_result(
            assessment,
            ApplicationAssessment,
            "assessment",
            "an ApplicationAssessment from assess_application",
        )
        paid = assessment.total if amount is None else amount
        return cls(on=on, kind=EventKind.APPLICATION_FEE_PAID, amount=paid)

    @classmethod
    def roster_reported(cls, report: RosterReport, *, roster: str, on: date | None = None) -> Event:
        """The report of a checked roster under the name ``roster``, with its filing fee due.

        This is the one place the roster is named: the payment is built from this
        event (:meth:`filing_fee_paid`), and the credits find the roster in the
        history by the report's reference.  ``on`` is the report date unless given.
        """
        from cec_rules.roster import RosterReport

        _check_result(report, RosterReport, "report", "a RosterReport from check_roster")
        return cls(
            on=report.report_date if on is None else on,
            kind=EventKind.ROSTER_REPORTED,
            amount=report.filing_fee,
            roster=roster,
            report=report_reference(report),
        )

    @classmethod
    def filing_fee_paid(cls, reported: Event, *, on: date, amount: object = None) -> Event:
        """A payment of the filing fee of the roster ``reported`` names: the fee in full, or
        ``amount``.

        ``reported`` is the roster's ``roster-reported`` event, which gives the
        roster's name, its report's reference and the fee.  Give ``amount`` for a
        payment of another sum, as received; it is refused as any amount is
        (`money-decimal`).
        """
        if not isinstance(reported, Event) or reported.kind is not EventKind.ROSTER_REPORTED:
            raise InvalidArgument(
                "reported must be the roster's roster-reported Event (Event.roster_reported), "
                f"got {_described(reported)}"
            )
        return cls(
            on=on,
            kind=EventKind.FILING_FEE_PAID,
            amount=reported.amount if amount is None else amount,
            roster=reported.roster,
            report=reported.report,
        )

    @classmethod
    def cecs_issued(cls, credits: RosterCredits, *, on: date) -> Event:
        """The issue of the CECs that ``credits`` awards, for the roster they were decided for.

        Refused with :class:`~cec_rules.errors.TransitionRefused` when the
        credits award nothing (`fee-before-credit`): they were decided before the
        roster was reported, paid or approved, and issuing on them would close
        the roster with nobody credited.
        """
        from cec_rules.eligibility import RosterCredits

        _check_result(credits, RosterCredits, "credits", "RosterCredits from roster_credits")
        if not credits.awards:
            raise TransitionRefused(
                "there are no CECs to issue, the credits award nothing: "
                + credits.explanation.splitlines()[0],
                status=None,
                event=None,
                rule="fee-before-credit",
            )
        return cls(on=on, kind=EventKind.CECS_ISSUED, roster=credits.roster, report=credits.report)

    def to_dict(self) -> dict[str, Any]:
        """Return the event as JSON-ready data."""
        return {
            "on": self.on.isoformat(),
            "kind": self.kind.value,
            "amount": None if self.amount is None else money_str(self.amount),
            "roster": self.roster,
            "report": self.report,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        """Build an event from JSON-ready data, as :meth:`to_dict` writes it.

        ``on`` is an ISO date and ``kind`` an event kind; ``amount`` (money as text
        such as ``"15.00"``), ``roster`` and ``report`` may be null or left out.  A
        key of the wrong kind raises :class:`~cec_rules.errors.InvalidEvent` naming
        it; a JSON float amount, :class:`~cec_rules.errors.RefusedFloat` saying to
        parse the text with ``json.loads(text, parse_float=Decimal)``; an event the
        rules refuse, the error building it raises.

        >>> Event.from_dict({"on": "2026-03-01", "kind": "submitted", "amount": "150.00"}).amount
        Decimal('150.00')
        """
        read = _EVENT_DATA
        data = read.mapping(data, "", "the data of an event")
        amount = data.get("amount")
        if isinstance(amount, float):
            raise RefusedFloat.in_json("amount", amount)
        return cls(
            on=read.day(read.key(data, "on", ""), "on"),
            kind=read.choice(EventKind, read.key(data, "kind", ""), "kind"),
            amount=amount,
            roster=read.optional_text(data.get("roster"), "roster"),
            report=read.optional_text(data.get("report"), "report"),
        )


def _event_data_error(reason: str, path: str) -> InvalidEvent:
    return InvalidEvent(f"{path}: {reason}" if path else reason)


_EVENT_DATA = DataReader(_event_data_error)


def _described(value: object) -> str:
    if isinstance(value, Event):
        return f"a {value.kind.value} event"
    return type(value).__name__


def _check_result(value: object, kind: type, name: str, wanted: str) -> None:
    if not isinstance(value, kind):
        raise InvalidArgument(f"{name} must be {wanted}, got {type(value).__name__}")


def report_reference(report: RosterReport) -> str:
    """The reference of a roster report: its Program ID, offering, report date and a digest.

    The digest covers who the report accepted (each accepted row's number and AAST
    ID), which rows it refused, its data rows and its filing fee: two rosters
    reported for one offering accept different attendees (`one-claim`), so their
    references differ, and the same report always gives the same reference.
    """
    import hashlib  # here: a service that reports no roster need not import it

    program_id = report.program.program_id or ""
    offering, reported = report.offering, report.report_date.isoformat()
    digest = hashlib.blake2b(digest_size=8)
    # Unit and record separators: no AAST ID, date or number holds a control character.
    head = (program_id, offering.start, offering.end, reported, report.data_rows)
    digest.update("\x1f".join(map(str, head)).encode())
    digest.update(f"\x1d{money_str(report.filing_fee)}".encode())
    # A column at a time, each joined at the speed of C rather than a row at a time.
    accepted = report.accepted
    for column in (
        map(str, accepted.rows),
        accepted.aast_ids,
        (str(r.row) for r in report.refused),
    ):
        digest.update(("\x1d" + "\x1e".join(column)).encode())
    return f"{program_id}/{offering.start}/{reported}/{digest.hexdigest()}"


@attrs.frozen(kw_only=True)
class RosterState:
    """One roster's status and balances, and the reference of the report it was reported
    from (``None`` when its roster-reported event was written by hand without one)."""

    roster: str
    status: RosterStatus
    due: Decimal
    paid: Decimal
    report: str | None = None

    @property
    def balance(self) -> Decimal:
        """What is still owed: never negative (see :attr:`overpaid`)."""
        return max(subtract_money(self.due, self.paid), ZERO)

    @property
    def overpaid(self) -> Decimal:
        """What was paid beyond the fee: reported, never hidden or kept silently."""
        return max(subtract_money(self.paid, self.due), ZERO)


@attrs.frozen(kw_only=True)
class Step:
    """One event as the fold applied it: the status before and after, and why."""

    event: Event
    before: str
    after: str
    rule: str

    @property
    def explanation(self) -> str:
        """The step as a sentence."""
        target = f"roster {self.event.roster}" if self.event.roster else "application"
        amount = "" if self.event.amount is None else f" ({format_money(self.event.amount)})"
        return (
            f"{self.event.on.isoformat()}: {self.event.kind.value}{amount}: {target} "
            f"{self.before} -> {self.after} ({self.rule})."
        )


class Rosters(Mapping[str, RosterState]):
    """A history's rosters by name: a mapping nobody can change.

    It reads as a ``dict`` does (and equals one with the same items), but has no
    way to add, replace or remove a roster, so a history, the empty one that every
    ``fold([])`` returns included, stays as it was made.  It pickles and copies.
    """

    __slots__ = ("_items",)
    _items: Mapping[str, RosterState]

    def __init__(self, items: Mapping[str, RosterState] | None = None) -> None:
        object.__setattr__(self, "_items", MappingProxyType(dict(items or {})))

    def __getitem__(self, key: str) -> RosterState:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> ValuesView[RosterState]:
        """The rosters' states, read straight from the items (not a key at a time)."""
        return self._items.values()

    def __repr__(self) -> str:
        return repr(dict(self._items))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a history's rosters cannot be changed (setting {name})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a history's rosters cannot be changed (deleting {name})")

    def __reduce__(self) -> tuple[type[Rosters], tuple[dict[str, RosterState]]]:
        return (type(self), (dict(self._items),))


def _rosters(value: Mapping[str, RosterState]) -> Rosters:
    return value if type(value) is Rosters else Rosters(value)


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class History(JsonValue):
    """The current status of an application and its rosters, and how it got there."""

    status: ApplicationStatus
    due: Decimal
    paid: Decimal
    rosters: Mapping[str, RosterState] = attrs.field(converter=_rosters)
    steps: tuple[Step, ...] = attrs.field(converter=_steps)

    @property
    def balance(self) -> Decimal:
        """The application fee still owed; never negative (see :attr:`overpaid`)."""
        return max(subtract_money(self.due, self.paid), ZERO)

    @property
    def overpaid(self) -> Decimal:
        """What was paid beyond the application fee, reported for the caller to settle."""
        return max(subtract_money(self.paid, self.due), ZERO)

    @property
    def refund(self) -> Decimal:
        """Always 0.00: neither withdrawal nor denial refunds the fee (`non-refundable`)."""
        return ZERO

    @property
    def explanation(self) -> str:
        """The history as plain text: the status, balances, then each step."""
        head = (
            f"Application {self.status.value}: due {format_money(self.due)}, paid "
            f"{format_money(self.paid)}, balance {format_money(self.balance)}"
        )
        if self.overpaid:
            head += f", overpaid {format_money(self.overpaid)}"
        lines = [head + "."]
        lines += [
            f"Roster {r.roster} {r.status.value}: balance {format_money(r.balance)}"
            + (f", overpaid {format_money(r.overpaid)}" if r.overpaid else "")
            + "."
            for r in self.rosters.values()
        ]
        lines += [step.explanation for step in self.steps]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the history as JSON-ready data."""
        return {
            "status": self.status.value,
            "due": money_str(self.due),
            "paid": money_str(self.paid),
            "balance": money_str(self.balance),
            "overpaid": money_str(self.overpaid),
            "refund": money_str(self.refund),
            "rosters": {
                r.roster: {
                    "status": r.status.value,
                    "due": money_str(r.due),
                    "paid": money_str(r.paid),
                    "balance": money_str(r.balance),
                    "overpaid": money_str(r.overpaid),
                    "report": r.report,
                }
                for r in self.rosters.values()
            },
            "steps": [
                {**s.event.to_dict(), "before": s.before, "after": s.after, "rule": s.rule}
                for s in self.steps
            ],
            "explanation": self.explanation,
        }


_EMPTY = History(status=ApplicationStatus.NONE, due=ZERO, paid=ZERO, rosters={}, steps=())


def fold(events: Iterable[Event], start: History = _EMPTY) -> History:
    """Apply dated events in order and return the resulting history.

    Events must be in date order; one that the current status does not allow
    raises :class:`~cec_rules.errors.TransitionRefused` naming the status and
    the event.  ``start`` continues an earlier fold.

    >>> history = fold([
    ...     Event(on=date(2026, 3, 1), kind="submitted", amount="150.00"),
    ...     Event(on=date(2026, 3, 3), kind="application-fee-paid", amount="100.00"),
    ... ])
    >>> history.status.value, history.balance
    ('submitted', Decimal('50.00'))
    """
    history = start
    for event in events:
        history = apply(history, event)
    return history


def apply(history: History, event: Event) -> History:
    """Apply one event to a history and return the new history."""
    if not isinstance(event, Event):
        raise InvalidArgument(f"expected an Event, got {type(event).__name__}")
    if history.steps and event.on < history.steps[-1].event.on:
        raise TransitionRefused.out_of_order(event, history.steps[-1].event)
    rule = _EVENT_RULES[event.kind]
    if event.kind in _ROSTER_EVENTS:
        return _apply_roster(history, event, rule)
    status = history.status
    target = TRANSITIONS.get((status, event.kind))
    if not isinstance(target, ApplicationStatus):
        raise TransitionRefused.not_allowed(status.value, event, rule)
    due, paid = history.due, history.paid
    if event.kind is EventKind.SUBMITTED:
        assert event.amount is not None
        if event.amount <= 0:
            raise TransitionRefused.malformed(event, _NOTHING_DUE)
        due = event.amount
    elif event.kind is EventKind.APPLICATION_FEE_PAID:
        assert event.amount is not None
        paid = sum_money((paid, event.amount))
        if paid < due:
            target = ApplicationStatus.SUBMITTED  # a partial payment: still due
    step = Step(event=event, before=status.value, after=target.value, rule=rule)
    return attrs.evolve(history, status=target, due=due, paid=paid, steps=(*history.steps, step))


def _apply_roster(history: History, event: Event, rule: str) -> History:
    assert event.roster is not None
    if history.status is not ApplicationStatus.APPROVED:
        # Whatever the roster event, an unapproved program breaks `approval-first`.
        raise TransitionRefused.not_allowed(history.status.value, event, "approval-first")
    current = history.rosters.get(event.roster)
    _check_report(history, current, event, rule)
    status = RosterStatus.NONE if current is None else current.status
    target = TRANSITIONS.get((status, event.kind))
    if not isinstance(target, RosterStatus):
        if (status, event.kind) in _REPEATS:
            rule = "one-claim"
        raise TransitionRefused.not_allowed(status.value, event, rule, subject="roster")
    due = ZERO if current is None else current.due
    paid = ZERO if current is None else current.paid
    report = event.report if current is None else current.report
    if event.kind is EventKind.ROSTER_REPORTED:
        assert event.amount is not None
        due = event.amount
        if due == 0:
            target = RosterStatus.PAID  # nothing to pay (e.g. no filing fees in force)
    elif event.kind is EventKind.FILING_FEE_PAID:
        assert event.amount is not None
        paid = sum_money((paid, event.amount))
        if paid < due:
            target = RosterStatus.REPORTED
    state = RosterState(roster=event.roster, status=target, due=due, paid=paid, report=report)
    step = Step(event=event, before=status.value, after=target.value, rule=rule)
    return attrs.evolve(
        history,
        rosters={**history.rosters, event.roster: state},
        steps=(*history.steps, step),
    )


def _check_report(history: History, current: RosterState | None, event: Event, rule: str) -> None:
    """Refuse a roster event built from the report of another roster.

    A roster is reported from one report, once: the same report under a second
    name would count and charge its attendees twice (`one-claim`); a payment or
    an issue built from another report than the roster's would pay or credit
    the wrong roster.  A roster or event without a reference (written by hand)
    is not checked.
    """
    if event.report is None:
        return
    if current is None and event.kind is EventKind.ROSTER_REPORTED:
        for state in history.rosters.values():
            if state.report == event.report:
                raise RosterMismatch.reported_twice(state.roster, event)
    elif (
        event.kind is not EventKind.ROSTER_REPORTED  # a second report is refused as a repeat
        and current is not None
        and current.report not in (None, event.report)
    ):
        raise RosterMismatch.for_event(current.roster, current.report, event, rule)
