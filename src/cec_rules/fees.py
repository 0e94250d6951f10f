"""Application fees: assessing an application for program approval.

:func:`assess_application` gives every offering exactly one timing (on time,
late or past, `late-surcharge` and `past-program`) and its fee lines
(`application-fee`, `late-surcharge`), each rounded once to cents
(`money-rounding`).  Totals are sums of lines.  An application whose offerings
are all past is refused with nothing due.  Fees are never refunded
(`non-refundable`).  The policy is the version in force on the submission date
(`policy-version`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cec_rules.deadlines import OfferingTiming, timing_for_days
from cec_rules.errors import InvalidArgument
from cec_rules.jsonio import JsonValue
from cec_rules.money import (
    ZERO,
    check_credits,
    format_money,
    line_amount,
    money_str,
    sum_money,
)
from cec_rules.notebook import (
    Column,
    ColumnType,
    Lines,
    bold,
    html_table,
    paragraphs,
    to_frame,
    view,
)
from cec_rules.policy import DEFAULT_POLICY, Policy, PolicySchedule, as_schedule
from cec_rules.program import Application, Offering

__all__ = [
    "ApplicationAssessment",
    "AssessmentStatus",
    "FeeKind",
    "FeeLine",
    "OfferingAssessment",
    "assess_application",
    "calendar_listing_shown",
]


class FeeKind(enum.Enum):
    """What a fee line charges for; the value is the rule id that sets it."""

    APPLICATION_FEE = "application-fee"
    LATE_SURCHARGE = "late-surcharge"
    MEMBER_FILING_FEE = "member-filing-fee"
    GUEST_FILING_FEE = "guest-filing-fee"

    @property
    def rule(self) -> str:
        """The rule id that sets this fee."""
        return "filing-fee" if self in _FILING else self.value

    @property
    def title(self) -> str:
        """The fee's name in a sentence."""
        return _TITLES[self]


_FILING = {FeeKind.MEMBER_FILING_FEE, FeeKind.GUEST_FILING_FEE}
_TITLES = {
    FeeKind.APPLICATION_FEE: "application fee",
    FeeKind.LATE_SURCHARGE: "late surcharge",
    FeeKind.MEMBER_FILING_FEE: "member filing fee",
    FeeKind.GUEST_FILING_FEE: "guest filing fee",
}
_UNITS = {
    FeeKind.APPLICATION_FEE: "CEC",
    FeeKind.LATE_SURCHARGE: "CEC",
    FeeKind.MEMBER_FILING_FEE: "member",
    FeeKind.GUEST_FILING_FEE: "guest",
}


@attrs.frozen
class FeeLine(JsonValue):
    """One charge: ``unit_price x quantity``, rounded once to cents (`money-rounding`)."""

    kind: FeeKind
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal

    @classmethod
    def charge(
        cls, kind: FeeKind, unit_price: Decimal, quantity: Decimal, policy: Policy
    ) -> FeeLine:
        """Build the line for ``quantity`` units at ``unit_price`` under ``policy``'s rounding."""
        return cls(kind, quantity, unit_price, line_amount(unit_price, quantity, policy.rounding))

    @property
    def rule(self) -> str:
        """The rule id that sets this line."""
        return self.kind.rule

    @property
    def unit(self) -> str:
        """What the quantity counts: ``CEC``, ``member`` or ``guest``."""
        return _UNITS[self.kind]

    @property
    def explanation(self) -> str:
        """The line as a sentence fragment, e.g. ``late surcharge $25.00 x 2 CEC = $50.00``."""
        return (
            f"{self.kind.title} {format_money(self.unit_price)} x {self.quantity} "
            f"{_UNITS[self.kind]} = {format_money(self.amount)}"
        )

    def to_dict(self) -> dict[str, str]:
        """Return the line as JSON-ready data: amounts as strings."""
        return {
            "kind": self.kind.value,
            "rule": self.rule,
            "quantity": str(self.quantity),
            "unit": _UNITS[self.kind],
            "unit_price": str(self.unit_price),
            "amount": money_str(self.amount),
            "explanation": self.explanation,
        }


def total_of(lines: Iterable[FeeLine]) -> Decimal:
    """Return the sum of the lines' amounts, in cents."""
    return sum_money(line.amount for line in lines)


@attrs.frozen(kw_only=True)
class OfferingAssessment(JsonValue):
    """One offering's timing and fee lines within an application.

    ``charged`` is False for a past offering, and, when the policy charges once
    per application, for every offering but the first one charged.
    """

    offering: Offering
    timing: OfferingTiming
    days_before_start: int
    charged: bool
    lines: tuple[FeeLine, ...]
    cecs: Decimal
    late_window_days: int

    @property
    def total(self) -> Decimal:
        """The sum of this offering's fee lines."""
        return total_of(self.lines)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids that produced this result."""
        if self.timing is OfferingTiming.PAST:
            return ("past-program", "submission-date", "calendar-days")
        rules = ["offering-count", "application-fee"]
        if self.timing is OfferingTiming.LATE:
            rules.append("late-surcharge")
        rules += ["submission-date", "calendar-days", "money-rounding"]
        return tuple(rules)

    @property
    def explanation(self) -> str:
        """A sentence a person can read, naming the rule and the figures."""
        return "; ".join(self.reasons) + "."

    @property
    def reasons(self) -> tuple[str, ...]:
        """The parts of :attr:`explanation`, each a line of the notebook view: the timing
        and why, then each fee line with its figures (or why it is not charged)."""
        days = self.days_before_start
        when = f"{self.offering.start.isoformat()}"
        if self.timing is OfferingTiming.PAST:
            return (
                f"Past: the offering started on {when}, {-days} day(s) before submission",
                "it is not reviewed and not charged (past-program)",
            )
        if self.timing is OfferingTiming.LATE:
            head = (
                f"Late: the offering starts {days} day(s) after submission "
                f"({self.late_window_days} or fewer)"
            )
        else:
            head = (
                f"On time: the offering starts {days} day(s) after submission "
                f"(more than {self.late_window_days})"
            )
        if not self.charged:
            return (head, "covered by the single charge of this application (offering-count)")
        return (head, *(line.explanation for line in self.lines))

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as JSON-ready data."""
        return {
            "offering": self.offering.to_dict(),
            "timing": self.timing.value,
            "days_before_start": self.days_before_start,
            "charged": self.charged,
            "lines": [line.to_dict() for line in self.lines],
            "total": money_str(self.total),
            "rules": list(self.rules),
            "explanation": self.explanation,
        }


class AssessmentStatus(enum.Enum):
    """The outcome of assessing a whole application."""

    #: At least one offering is reviewed; the total is due.
    ASSESSED = "assessed"
    #: Every offering is past: refused as a whole with nothing due (`past-program`).
    REFUSED = "refused"


@attrs.frozen(kw_only=True)
class ApplicationAssessment(JsonValue):
    """The fees of an application and the timing of each of its offerings."""

    application: Application
    submission_date: date
    policy: Policy
    offerings: tuple[OfferingAssessment, ...]

    @property
    def status(self) -> AssessmentStatus:
        """Refused when every offering is past; otherwise assessed."""
        if all(o.timing is OfferingTiming.PAST for o in self.offerings):
            return AssessmentStatus.REFUSED
        return AssessmentStatus.ASSESSED

    @property
    def lines(self) -> tuple[FeeLine, ...]:
        """Every fee line of every offering, in offering order."""
        return tuple(line for o in self.offerings for line in o.lines)

    @property
    def total(self) -> Decimal:
        """The amount due: the sum of every line (0.00 when refused)."""
        return total_of(self.lines)

    def total_for(self, kind: FeeKind) -> Decimal:
        """The sum of the lines of one kind."""
        return total_of(line for line in self.lines if line.kind is kind)

    @property
    def refund(self) -> Decimal:
        """Always 0.00: application fees are not refunded (`non-refundable`)."""
        return ZERO

    @property
    def past(self) -> tuple[OfferingAssessment, ...]:
        """The offerings not considered for review because they started before submission."""
        return tuple(o for o in self.offerings if o.timing is OfferingTiming.PAST)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind this result, each once, in the order first cited."""
        cited = dict.fromkeys(rule for o in self.offerings for rule in o.rules)
        cited["non-refundable"] = None
        if self.application.calendar_listing:
            cited["calendar-listing"] = None
        cited["policy-version"] = None
        return tuple(cited)

    @property
    def explanation(self) -> str:
        """Plain sentences: the outcome, then one per offering."""
        count = len(self.offerings)
        if self.status is AssessmentStatus.REFUSED:
            head = (
                f"Refused: all {count} offering(s) started before the submission date "
                f"{self.submission_date.isoformat()}; nothing is due (past-program)."
            )
        else:
            reviewed = count - len(self.past)
            head = (
                f"{reviewed} of {count} offering(s) reviewed; due {format_money(self.total)} "
                f"under {self.policy.label!r}, submitted {self.submission_date.isoformat()}. "
                "Fees are not refunded (non-refundable)."
            )
        if self.application.calendar_listing:
            head += (
                " Calendar listing requested: shown at no cost once the program is approved, "
                "for offerings not yet past (calendar-listing)."
            )
        body = "\n".join(
            f"  {o.offering.start.isoformat()}: {o.explanation}" for o in self.offerings
        )
        return f"{head}\n{body}"

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as JSON-ready data: amounts as strings, dates as ISO text."""
        return {
            "reference": self.application.reference,
            "program": self.application.program.to_dict(),
            "submission_date": self.submission_date.isoformat(),
            "policy": self.policy.label,
            "status": self.status.value,
            "offerings": [o.to_dict() for o in self.offerings],
            "application_fee": money_str(self.total_for(FeeKind.APPLICATION_FEE)),
            "late_surcharge": money_str(self.total_for(FeeKind.LATE_SURCHARGE)),
            "total": money_str(self.total),
            "refund": money_str(self.refund),
            "calendar_listing": self.application.calendar_listing,
            "rules": list(self.rules),
            "explanation": self.explanation,
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per offering, for a DataFrame or a table: dates as ``date``,
        money as ``Decimal`` (the totals add up to :attr:`total`)."""
        reference = self.application.reference
        return [
            {
                "reference": reference,
                "start": o.offering.start,
                "end": o.offering.end,
                "days_before_start": o.days_before_start,
                "timing": o.timing.value,
                "charged": o.charged,
                "application_fee": total_of(
                    x for x in o.lines if x.kind is FeeKind.APPLICATION_FEE
                ),
                "late_surcharge": total_of(x for x in o.lines if x.kind is FeeKind.LATE_SURCHARGE),
                "total": o.total,
                "explanation": o.explanation,
            }
            for o in self.offerings
        ]

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): dates as ``datetime64``, money as ``Decimal``, the timing a categorical."""
        return to_frame(self.to_rows(), _FRAME)

    @property
    def heading(self) -> str:
        """The reference, the program and the outcome, as the command line heads it."""
        application = self.application
        return (
            f"{application.reference or '(no reference)'}  {application.program.title}  "
            f"[{self.status.value}, due {format_money(self.total)}]"
        )

    def _repr_html_(self) -> str:
        """The notebook view: the heading, the summary, and a table of the offerings with
        their fee split and the reasons, line by line; every value is escaped."""
        rows = [
            (
                o.offering.start.isoformat(),
                o.offering.end.isoformat(),
                o.days_before_start,
                o.timing.value,
                *(format_money(amount) for amount in _split(o.lines)),
                Lines(o.reasons),
            )
            for o in self.offerings
        ]
        total = ("total", None, None, None, *(format_money(a) for a in _split(self.lines)), None)
        headers = ("start", "end", "days before start", "timing")
        return view(
            bold(self.heading),
            paragraphs(*self.explanation.splitlines()[:1]),
            html_table(
                (*headers, "application fee", "late surcharge", "total", "why"),
                rows,
                money={4, 5, 6},
                total=total,
            ),
        )


def _split(lines: Iterable[FeeLine]) -> tuple[Decimal, Decimal, Decimal]:
    """The application fees, the late surcharges and the total of ``lines``."""
    lines = tuple(lines)
    return (
        total_of(x for x in lines if x.kind is FeeKind.APPLICATION_FEE),
        total_of(x for x in lines if x.kind is FeeKind.LATE_SURCHARGE),
        total_of(lines),
    )


# The columns of ApplicationAssessment.to_frame, in the order of to_rows, with their types.
_FRAME = (
    Column("reference", ColumnType.TEXT),
    Column("start", ColumnType.DATE),
    Column("end", ColumnType.DATE),
    Column("days_before_start", ColumnType.INTEGER),
    Column.category("timing", [t.value for t in OfferingTiming]),
    Column("charged", ColumnType.FLAG),
    Column("application_fee", ColumnType.DECIMAL),
    Column("late_surcharge", ColumnType.DECIMAL),
    Column("total", ColumnType.DECIMAL),
    Column("explanation", ColumnType.TEXT),
)


def assess_application(
    application: Application, policy: Policy | PolicySchedule = DEFAULT_POLICY
) -> ApplicationAssessment:
    """Assess an application's fees under the policy in force on its submission date.

    ``policy`` is a single :class:`Policy` (taken as in force from 2020-01-01)
    or a :class:`PolicySchedule`.  CECs that break the policy's increment or
    maximum raise :class:`~cec_rules.errors.InvalidCredits`.

    >>> from cec_rules.program import Program
    >>> application = Application(program=Program(title="Scoring", cecs=2),
    ...     offerings=[Offering(date(2026, 3, 13))], submitted=date(2026, 3, 1))
    >>> assessment = assess_application(application)
    >>> assessment.total
    Decimal('150.00')
    >>> print(assessment.offerings[0].explanation.replace("; ", ";\\n"))
    Late: the offering starts 12 day(s) after submission (30 or fewer);
    application fee $50.00 x 2 CEC = $100.00;
    late surcharge $25.00 x 2 CEC = $50.00.
    """
    if not isinstance(application, Application):
        raise InvalidArgument(
            f"application must be an Application, got {type(application).__name__}"
        )
    submitted_on, in_force = as_schedule(policy).resolve(application.submitted, field="submitted")
    cecs = application.program.cecs
    check_credits(cecs, increment=in_force.cec_increment, maximum=in_force.cec_maximum)
    window = in_force.late_window_days
    fee_line = FeeLine.charge(
        FeeKind.APPLICATION_FEE, in_force.application_fee_per_cec, cecs, in_force
    )
    on_time_lines = (fee_line,)
    late_lines: tuple[FeeLine, ...] | None = None  # the surcharge is priced at the first late one
    charge_each = in_force.charge_per_offering
    first_charged: int | None = None
    if not charge_each:
        # `offering-count` knob: one charge for the application, at its earliest reviewed offering.
        reviewed = [
            (o.start, i) for i, o in enumerate(application.offerings) if o.start >= submitted_on
        ]
        first_charged = min(reviewed)[1] if reviewed else None
    results = []
    for index, offering in enumerate(application.offerings):
        days = (offering.start - submitted_on).days
        timing = timing_for_days(days, window)
        if timing is OfferingTiming.PAST:
            lines: tuple[FeeLine, ...] = ()
            charged = False
        else:
            charged = charge_each or index == first_charged
            if not charged:
                lines = ()
            elif timing is OfferingTiming.LATE:
                if late_lines is None:
                    surcharge = FeeLine.charge(
                        FeeKind.LATE_SURCHARGE, in_force.late_surcharge_per_cec, cecs, in_force
                    )
                    late_lines = (fee_line, surcharge)
                lines = late_lines
            else:
                lines = on_time_lines
        results.append(
            OfferingAssessment(
                offering=offering,
                timing=timing,
                days_before_start=days,
                charged=charged,
                lines=lines,
                cecs=cecs,
                late_window_days=window,
            )
        )
    return ApplicationAssessment(
        application=application,
        submission_date=submitted_on,
        policy=in_force,
        offerings=tuple(results),
    )


def calendar_listing_shown(assessment: ApplicationAssessment, *, approved: bool, on: date) -> bool:
    """Say whether the program shows on the CEC calendar on ``on`` (`calendar-listing`).

    Only when the provider opted in, the program is approved, and at least one
    reviewed offering has not ended before ``on``.
    """
    if not (assessment.application.calendar_listing and approved):
        return False
    return any(
        o.timing is not OfferingTiming.PAST and o.offering.end >= on for o in assessment.offerings
    )
