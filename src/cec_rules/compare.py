"""Comparing two policies before a change is announced.

:func:`compare_policies` assesses the same applications and rosters under a
baseline and a candidate (each a :class:`~cec_rules.policy.Policy` or a
:class:`~cec_rules.policy.PolicySchedule`) and returns a :class:`Comparison`.

Each case falls in exactly one :class:`Category`:

- **not assessable**: no policy version is in force for it under the baseline,
  the candidate or both; the error says which.  It counts in no money figure.
- **newly refused**: the candidate refuses something the baseline accepts: the
  application as a whole, some of its offerings, or roster rows whose
  attendees lose their credits (:class:`DecisionChange`, with the counts and
  the fees they carried under the baseline).  A case that is refused in part
  and accepted in part is newly refused: a lost credit is the change to see.
- **newly accepted**: the reverse.
- **pays more**, **pays less**, **pays the same**: both policies accept and
  refuse the same offerings and rows, and the fee rises, falls or stays.  A
  case refused under both pays the same (nothing, under both).

The revenue change (:attr:`Comparison.revenue_delta`) is the sum of the
paying cases' changes only; the fees of refusals and acceptances are counted
apart, so a refusal never reads as a discount.  Each case's
:class:`CaseFacts` (timing, member/guest, CEC band, month, the versions in
force, and whether it is generated) groups the cases in
:class:`Breakdown` values: the same figures per group.  Every view (the text
explanation, ``to_dict``, ``to_frame``, ``_repr_html_``) uses these
categories and lists changes largest first, never a case whose fee and
decisions stay as they were.

:func:`boundary_applications` and :func:`boundary_rosters` build the cases at
and around every threshold of both policies, where changes show first.  They
are generated cases: compared with ``generated=True``, every view says that
the figures describe them, not a forecast of revenue.
:func:`find_differences` (in :mod:`cec_rules.search`) asks Hypothesis for a
minimal case of each kind of change.
"""

from __future__ import annotations

import decimal
import enum
import functools
import heapq
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

import attrs

from cec_rules.accounts import Account, AccountKind, AccountRepository, InMemoryRepository
from cec_rules.deadlines import OfferingTiming, WindowStatus, reporting_window, timing_for_days
from cec_rules.errors import CecRulesError, PolicyNotInForce
from cec_rules.fees import ApplicationAssessment, FeeKind, assess_application
from cec_rules.jsonio import JsonValue
from cec_rules.money import (
    ZERO,
    format_change,
    format_money,
    line_amount,
    money_str,
    subtract_money,
    sum_money,
)
from cec_rules.notebook import (
    Column,
    ColumnType,
    Lines,
    bold,
    bullets,
    details,
    html_table,
    paragraphs,
    text_table,
    to_frame,
    view,
)
from cec_rules.policy import Policy, PolicySchedule, as_schedule
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import RosterReport, Severity, check_roster

__all__ = [
    "CEC_BANDS",
    "Breakdown",
    "CaseDelta",
    "CaseFacts",
    "Category",
    "Comparison",
    "DecisionChange",
    "DecisionTotals",
    "Dimension",
    "Flip",
    "Group",
    "Outcome",
    "RosterCase",
    "Tally",
    "application_outcome",
    "boundary_applications",
    "boundary_rosters",
    "change_dates",
    "compare_policies",
    "describe_decision",
    "describe_subject",
    "roster_outcome",
]


@attrs.frozen(kw_only=True)
class RosterCase:
    """A roster to check under each policy: the file, what it reports, and the accounts."""

    reference: str
    program: Program
    offering: Offering
    source: bytes
    repository: AccountRepository
    reported_at: date

    def check(self, policy: Policy | PolicySchedule) -> RosterReport:
        """Check the roster under ``policy``."""
        return check_roster(
            self.source,
            program=self.program,
            offering=self.offering,
            repository=self.repository,
            reported_at=self.reported_at,
            policy=policy,
        )


#: What was decided: an offering (its position and value), a roster row (its number),
#: or the case as a whole ("application", "roster").
Subject = tuple[int, Offering] | int | str

#: The decision recorded for a case no policy version covers.
NOT_ASSESSABLE = "not assessable"


@attrs.frozen
class Outcome:
    """What one case came to under one policy: the fee parts, what it accepts, and why.

    ``policy`` is the version in force and ``on`` the date that chose it (the
    submission date in the association's zone, or the report date); both are
    ``None`` when no version is in force: the case is not assessable, and
    ``error`` says why.  ``error`` is also set, with a version, when that
    version refused the case outright.  ``kind`` is ``"application"`` or
    ``"roster"``.  ``accepted`` holds what the policy accepts: the positions
    of the reviewed offerings, or the numbers of the accepted rows.  An
    application's outcome holds its ``offerings`` and their ``timings``; a
    roster's its ``report``.

    A comparison holds two outcomes for each of perhaps a million cases, so an
    outcome keeps figures, not the assessment they came from.
    """

    policy: Policy | None
    on: date | None
    kind: str
    error: str | None = None
    application_fee: Decimal = ZERO
    late_surcharge: Decimal = ZERO
    filing_fee: Decimal = ZERO
    #: The sum of the three parts.
    total: Decimal = ZERO
    accepted: tuple[int, ...] = ()
    offerings: tuple[Offering, ...] = ()
    timings: tuple[OfferingTiming, ...] = ()
    #: Each offering's fee, for an application of several offerings (one's is the total).
    offering_totals: tuple[Decimal, ...] = ()
    report: RosterReport | None = None

    @classmethod
    def of_assessment(cls, assessment: ApplicationAssessment) -> Outcome:
        """The outcome of an assessed application."""
        offerings = assessment.offerings
        if len(offerings) == 1:
            # The hot path of a comparison: one offering, whose lines are the fee and,
            # when late, the surcharge.  Its tuples are shared, not built per case.
            (only,) = offerings
            lines = only.lines
            timing = only.timing
            if len(lines) == 2:
                fee, surcharge = lines[0].amount, lines[1].amount
                total = _add(fee, surcharge)
            else:
                fee = total = lines[0].amount if lines else ZERO
                surcharge = ZERO
            return cls(
                assessment.policy,
                assessment.submission_date,
                "application",
                None,
                fee,
                surcharge,
                ZERO,
                total,
                _NOTHING if timing is OfferingTiming.PAST else _FIRST,
                assessment.application.offerings,
                _ONE_TIMING[timing],
            )
        fee = assessment.total_for(FeeKind.APPLICATION_FEE)
        surcharge = assessment.total_for(FeeKind.LATE_SURCHARGE)
        past = OfferingTiming.PAST
        return cls(
            assessment.policy,
            assessment.submission_date,
            "application",
            None,
            fee,
            surcharge,
            ZERO,
            sum_money((fee, surcharge)),
            tuple(i for i, o in enumerate(offerings) if o.timing is not past),
            assessment.application.offerings,
            tuple(o.timing for o in offerings),
            tuple(o.total for o in offerings),
        )

    @classmethod
    def of_report(cls, report: RosterReport) -> Outcome:
        """The outcome of a checked roster."""
        fee = report.filing_fee
        return cls(
            report.policy,
            report.report_date,
            "roster",
            filing_fee=fee,
            total=fee,
            accepted=report.accepted.rows,
            report=report,
        )

    @property
    def assessable(self) -> bool:
        """False when no policy version is in force for the case."""
        return self.policy is not None

    def offering_total(self, index: int) -> Decimal:
        """The fee of the application's offering at ``index``."""
        return self.offering_totals[index] if self.offering_totals else self.total

    @functools.cached_property
    def decisions(self) -> tuple[tuple[Subject, str | OfferingTiming], ...]:
        """Each subject (an offering, a row, or the case as a whole) with its decision."""
        report = self.report
        if report is not None:
            rows: dict[int, str] = dict.fromkeys(report.accepted.rows, "accepted")
            rows.update((r.row, "refused: " + ",".join(r.codes)) for r in report.refused)
            return tuple((n, rows[n]) for n in sorted(rows))
        if self.timings:
            return tuple(
                ((i, offering), timing)
                for i, (offering, timing) in enumerate(
                    zip(self.offerings, self.timings, strict=True)
                )
            )
        return ((self.kind, "refused" if self.assessable else NOT_ASSESSABLE),)


# What one offering's outcome accepts: shared by every such outcome.
_FIRST: tuple[int, ...] = (0,)
_NOTHING: tuple[int, ...] = ()
_ONE_TIMING = {timing: (timing,) for timing in OfferingTiming}


# Two fee lines added in the hot path, as sum_money adds them but without its checks.
# Lines are in cents, so a sum that drops any digit (Rounded, a zero included) would not
# hold in 28 digits of cents: sum_money then refuses it with its own error.
_SUM = decimal.Context(prec=28, traps=[decimal.Rounded, decimal.InvalidOperation])


def _add(first: Decimal, second: Decimal) -> Decimal:
    try:
        return _SUM.add(first, second)
    except decimal.DecimalException:
        return sum_money((first, second))


def application_outcome(application: Application, policy: Policy | PolicySchedule) -> Outcome:
    """Assess ``application`` under ``policy``; a refusal becomes an outcome, not an error.

    With no version in force on the submission date, the outcome is not
    assessable (`policy-version`).
    """
    try:
        return Outcome.of_assessment(assess_application(application, policy))
    except PolicyNotInForce as error:
        return Outcome(None, None, "application", error.message)
    except CecRulesError as error:
        # Refused after the version in force was found (CECs off its step or over its
        # maximum, a fee too large to hold in cents): name that version, which refused it.
        on, in_force = as_schedule(policy).resolve(application.submitted, field="submitted")
        return Outcome(in_force, on, "application", error.message)


def roster_outcome(case: RosterCase, policy: Policy | PolicySchedule) -> Outcome:
    """Check the roster under ``policy``; a refusal becomes an outcome, not an error.

    With no version in force on the report date, the outcome is not
    assessable (`policy-version`).
    """
    try:
        return Outcome.of_report(case.check(policy))
    except PolicyNotInForce as error:
        return Outcome(None, None, "roster", error.message)
    except CecRulesError as error:
        try:
            on, in_force = as_schedule(policy).resolve(case.reported_at, field="reported_at")
        except PolicyNotInForce:
            # Refused before the date was looked at (a program with no Program ID), and
            # no version covers the date either.
            return Outcome(None, None, "roster", error.message)
        return Outcome(in_force, on, "roster", error.message)


def describe_subject(subject: Subject) -> str:
    """Name what was decided: ``offering 2 (2026-03-20)``, ``row 5``, ``application``."""
    if isinstance(subject, tuple):
        index, offering = subject
        return f"offering {index + 1} ({offering.start.isoformat()})"
    if isinstance(subject, int):
        return f"row {subject}"
    return subject


def describe_decision(decision: str | OfferingTiming | None) -> str:
    """Name a decision as text; ``-`` when there was none."""
    if decision is None:
        return "-"
    return decision.value if isinstance(decision, OfferingTiming) else decision


class Category(enum.Enum):
    """What a case comes to under the candidate, against the baseline: exactly one.

    The members are in the order the views list them.
    """

    PAYS_MORE = "pays-more"
    PAYS_LESS = "pays-less"
    PAYS_SAME = "pays-same"
    NEWLY_REFUSED = "newly-refused"
    NEWLY_ACCEPTED = "newly-accepted"
    NOT_ASSESSABLE = "not-assessable"

    @property
    def title(self) -> str:
        """The category said of one case: ``pays more``, ``newly refused``."""
        return _TITLES[self]

    @property
    def paying(self) -> bool:
        """True for the categories whose fee change counts in the revenue change."""
        return self in _PAYING


_PAYING = frozenset({Category.PAYS_MORE, Category.PAYS_LESS, Category.PAYS_SAME})
_TITLES = {
    Category.PAYS_MORE: "pays more",
    Category.PAYS_LESS: "pays less",
    Category.PAYS_SAME: "pays the same",
    Category.NEWLY_REFUSED: "newly refused",
    Category.NEWLY_ACCEPTED: "newly accepted",
    Category.NOT_ASSESSABLE: "not assessable",
}

# How the headline counts a category: "3 pay more".
_COUNTED = {
    Category.PAYS_MORE: "pay more",
    Category.PAYS_LESS: "pay less",
    Category.PAYS_SAME: "pay the same",
    Category.NEWLY_REFUSED: "newly refused",
    Category.NEWLY_ACCEPTED: "newly accepted",
    Category.NOT_ASSESSABLE: "not assessable",
}


@attrs.frozen
class Flip:
    """A decision that differs between the baseline and the candidate."""

    reference: str
    subject: str
    before: str
    after: str

    @property
    def explanation(self) -> str:
        """The flip as a sentence."""
        return f"{self.reference}, {self.subject}: {self.before} -> {self.after}"


@attrs.frozen(kw_only=True)
class DecisionChange(JsonValue):
    """What one policy accepts in a case and the other refuses.

    ``refused`` is True when the candidate refuses it (newly refused), False
    when the candidate accepts it (newly accepted).  ``count`` is the number
    of offerings (an application) or rows (a roster); ``whole`` says the
    refusing policy accepts nothing of the case.  ``members`` and ``guests``
    split a roster's rows by account kind.  ``fees`` is what they carry under
    the policy that accepts them; ``reasons`` say why the other refuses them
    (an error message, or finding codes).
    """

    kind: str
    refused: bool
    whole: bool
    count: int
    members: int = 0
    guests: int = 0
    fees: Decimal
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """The change as a sentence fragment."""
        why = "; ".join(self.reasons)
        money = format_money(self.fees)
        if self.kind == "roster":
            verb, credits = ("refused", "lose") if self.refused else ("accepted", "gain")
            fees = f"they carried {money}" if self.refused else f"they bring {money}"
            return (
                f"{self.count} roster row(s) {verb}, whose attendees {credits} their credits "
                f"({self.members} member, {self.guests} guest): {why}; {fees} in filing fees"
            )
        if self.whole:
            verb = "refused" if self.refused else "accepted"
            fees = f"it carried {money}" if self.refused else f"it brings {money}"
            return f"the application {verb} as a whole ({self.count} offering(s)): {why}; {fees}"
        verb = "no longer reviewed" if self.refused else "newly reviewed"
        fees = f"they carried {money}" if self.refused else f"they bring {money}"
        return f"{self.count} offering(s) {verb}: {why}; {fees}"

    def to_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data: the fees as a string."""
        return {
            "kind": self.kind,
            "refused": self.refused,
            "whole": self.whole,
            "count": self.count,
            "members": self.members,
            "guests": self.guests,
            "fees": money_str(self.fees),
            "reasons": list(self.reasons),
            "explanation": self.explanation,
        }


def _change(
    accepting: Outcome, refusing: Outcome, units: Sequence[int], *, refused: bool
) -> DecisionChange:
    """What ``accepting`` accepts of ``units`` and ``refusing`` does not."""
    whole = not refusing.accepted
    report = accepting.report
    if report is not None:
        chosen = set(units)
        kinds = [a.kind for a in report.accepted if a.row in chosen]
        members = kinds.count(AccountKind.MEMBER)
        guests = len(kinds) - members
        policy = report.policy
        fees = sum_money(
            (
                line_amount(policy.member_filing_fee, Decimal(members), policy.rounding),
                line_amount(policy.guest_filing_fee, Decimal(guests), policy.rounding),
            )
        )
        return DecisionChange(
            kind="roster",
            refused=refused,
            whole=whole,
            count=len(units),
            members=members,
            guests=guests,
            fees=fees,
            reasons=_roster_reasons(refusing, chosen),
        )
    return DecisionChange(
        kind="application",
        refused=refused,
        whole=whole,
        count=len(units),
        fees=sum_money(accepting.offering_total(i) for i in units),
        reasons=(refusing.error,) if refusing.error is not None else ("past-program",),
    )


def _roster_reasons(refusing: Outcome, rows: set[int]) -> tuple[str, ...]:
    """Why ``refusing`` refused ``rows``: its error, or the finding codes of those rows."""
    if refusing.error is not None:
        return (refusing.error,)
    report = cast(RosterReport, refusing.report)
    codes = {code for r in report.refused if r.row in rows for code in r.codes}
    if not codes:
        # A file refused as a whole has no row read: the file's own errors say why.
        codes = {f.code for f in report.file_findings if f.severity is Severity.ERROR}
    return tuple(sorted(codes))


class Dimension(enum.Enum):
    """What a :class:`Breakdown` groups the cases by (each a field of :class:`CaseFacts`)."""

    #: An application's offerings on time, late or past (several: mixed); a roster's
    #: report on time, late (its window closed) or early (not open yet).
    TIMING = "timing"
    #: A roster's accepted attendees: members, guests or both; or an application.
    ATTENDEES = "member-guest"
    #: The program's CECs, in the bands of :data:`CEC_BANDS`.
    CEC_BAND = "cec-band"
    #: The month of the submission date (applications) or the report date (rosters).
    MONTH = "month"
    #: The baseline's and the candidate's versions in force, by label.
    VERSION = "policy-version"

    @property
    def title(self) -> str:
        """The dimension in a heading: ``timing``, ``member or guest``."""
        return _DIMENSION_TITLES[self]


_DIMENSION_TITLES = {
    Dimension.TIMING: "timing",
    Dimension.ATTENDEES: "member or guest",
    Dimension.CEC_BAND: "CEC band",
    Dimension.MONTH: "month",
    Dimension.VERSION: "policy version in force",
}

#: The CEC bands of a breakdown: each band holds the CECs above the previous bound up to
#: its own; past the last bound, "over 100".
CEC_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(1), "up to 1"),
    (Decimal(5), "over 1 to 5"),
    (Decimal(20), "over 5 to 20"),
    (Decimal(100), "over 20 to 100"),
)
_TOP_BAND = "over 100"

# The keys of the dimensions whose keys are a closed set, in the order the views list them.
_TIMINGS = ("on-time", "late", "past", "mixed", "early", "unknown")
_ATTENDEE_KEYS = ("member", "guest", "member and guest", "none accepted", "application")
_WINDOW_TIMING = {
    WindowStatus.OPEN: "on-time",
    WindowStatus.CLOSED: "late",
    WindowStatus.NOT_OPEN: "early",
}
_NO_VERSION = "none in force"


@attrs.frozen(kw_only=True)
class CaseFacts(JsonValue):
    """What a case is, for grouping and charting.

    The facts come from the baseline's side, or the candidate's when no
    baseline version is in force: ``timing`` (see :class:`Dimension`),
    ``attendees`` (``member``, ``guest``, ``member and guest``, ``none
    accepted``, or ``application``), ``cecs`` and its ``cec_band``, ``on``
    (the submission or report date) and its ``month`` (``2026-03``), and
    ``version`` (``baseline label -> candidate label``, ``none in force`` for
    a side with no version).  ``generated`` says the case was generated at
    the policies' thresholds rather than taken from history.
    """

    kind: str
    timing: str
    attendees: str
    cecs: Decimal
    cec_band: str
    on: date
    month: str
    version: str
    generated: bool

    def key(self, dimension: Dimension) -> str:
        """The group of this case in a breakdown by ``dimension``."""
        if dimension is Dimension.TIMING:
            return self.timing
        if dimension is Dimension.ATTENDEES:
            return self.attendees
        if dimension is Dimension.CEC_BAND:
            return self.cec_band
        if dimension is Dimension.MONTH:
            return self.month
        return self.version

    def to_dict(self) -> dict[str, Any]:
        """Return the facts as JSON-ready data."""
        return {
            "kind": self.kind,
            "timing": self.timing,
            "attendees": self.attendees,
            "cecs": str(self.cecs),
            "cec_band": self.cec_band,
            "on": self.on.isoformat(),
            "month": self.month,
            "version": self.version,
            "generated": self.generated,
        }


def cec_band(cecs: Decimal) -> str:
    """The band of :data:`CEC_BANDS` that ``cecs`` falls in.

    >>> cec_band(Decimal(1)), cec_band(Decimal("1.25")), cec_band(Decimal("100.25"))
    ('up to 1', 'over 1 to 5', 'over 100')
    """
    for bound, name in CEC_BANDS:
        if cecs <= bound:
            return name
    return _TOP_BAND


def _plain_date(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _timing(subject: Application | RosterCase, side: Outcome | None) -> str:
    if side is None or side.policy is None or side.on is None:
        return "unknown"
    policy, on = side.policy, side.on
    if isinstance(subject, Application):
        window = policy.late_window_days
        found = {timing_for_days((o.start - on).days, window) for o in subject.offerings}
        return found.pop().value if len(found) == 1 else "mixed"
    if subject.program.format is ProgramFormat.SELF_PACED:
        # Each attendee's window runs from their own completion date: late when any closed.
        report = side.report
        if report is None:
            return "unknown"
        closed = any("self-paced-window-closed" in r.codes for r in report.refused)
        return "late" if closed else "on-time"
    return _WINDOW_TIMING[reporting_window(subject.offering, on, policy).status]


def _attendees(subject: Application | RosterCase, sides: Iterable[Outcome]) -> str:
    if isinstance(subject, Application):
        return "application"
    reports = [side.report for side in sides if side.report is not None]
    members = any(report.members > 0 for report in reports)
    guests = any(report.guests > 0 for report in reports)
    if members and guests:
        return "member and guest"
    if members:
        return "member"
    return "guest" if guests else "none accepted"


@attrs.frozen(kw_only=True)
class CaseDelta(JsonValue):
    """One case under both policies, and the :class:`Category` it falls in.

    ``subject`` is the application or roster case compared; ``generated``
    says it was generated at the policies' thresholds, not taken from history.
    """

    reference: str
    kind: str
    baseline: Outcome
    candidate: Outcome
    subject: Application | RosterCase
    generated: bool = False

    @property
    def application_fee(self) -> Decimal:
        """The change in application fees."""
        return subtract_money(self.candidate.application_fee, self.baseline.application_fee)

    @property
    def late_surcharge(self) -> Decimal:
        """The change in late surcharges."""
        return subtract_money(self.candidate.late_surcharge, self.baseline.late_surcharge)

    @property
    def filing_fee(self) -> Decimal:
        """The change in filing fees."""
        return subtract_money(self.candidate.filing_fee, self.baseline.filing_fee)

    @functools.cached_property
    def delta(self) -> Decimal:
        """The whole change: the candidate's total less the baseline's (the three parts
        added up).  It counts in no figure of a case that is not assessable."""
        return subtract_money(self.candidate.total, self.baseline.total)

    @functools.cached_property
    def category(self) -> Category:
        """The one category this case falls in (see the module's introduction)."""
        base, cand = self.baseline, self.candidate
        if base.policy is None or cand.policy is None:
            return Category.NOT_ASSESSABLE
        before, after = base.accepted, cand.accepted
        if before != after:
            if self.refused is not None:
                return Category.NEWLY_REFUSED
            return Category.NEWLY_ACCEPTED
        # The same offerings or rows accepted: only the fee may differ.
        was, now = base.total, cand.total
        if now > was:
            return Category.PAYS_MORE
        return Category.PAYS_LESS if now < was else Category.PAYS_SAME

    @functools.cached_property
    def refused(self) -> DecisionChange | None:
        """What the candidate refuses that the baseline accepts; ``None`` when nothing is,
        or when the case is not assessable."""
        base, cand = self.baseline, self.candidate
        if base.policy is None or cand.policy is None:
            return None
        kept = set(cand.accepted)
        units = [u for u in base.accepted if u not in kept]
        return _change(base, cand, units, refused=True) if units else None

    @functools.cached_property
    def accepted(self) -> DecisionChange | None:
        """What the candidate accepts that the baseline refuses; ``None`` when nothing is,
        or when the case is not assessable."""
        base, cand = self.baseline, self.candidate
        if base.policy is None or cand.policy is None:
            return None
        kept = set(base.accepted)
        units = [u for u in cand.accepted if u not in kept]
        return _change(cand, base, units, refused=False) if units else None

    @property
    def errors(self) -> tuple[str, ...]:
        """The errors of the sides with no version in force, each named by its side."""
        return tuple(
            f"{name}: {side.error}"
            for name, side in (("baseline", self.baseline), ("candidate", self.candidate))
            if side.policy is None
        )

    @property
    def amount(self) -> Decimal:
        """The money the case's change is ranked by: the change for a paying case, the fees
        carried or brought by a refusal or acceptance, 0.00 when not assessable."""
        category = self.category
        if category.paying:
            return self.delta
        change = self.refused if category is Category.NEWLY_REFUSED else self.accepted
        return ZERO if change is None else change.fees

    @functools.cached_property
    def facts(self) -> CaseFacts:
        """What the case is, for breakdowns and charts (:class:`CaseFacts`)."""
        subject = self.subject
        sides = [s for s in (self.baseline, self.candidate) if s.on is not None]
        judged = sides[0] if sides else None
        if judged is not None and judged.on is not None:
            on = judged.on
        elif isinstance(subject, Application):
            on = _plain_date(subject.submitted)
        else:
            on = _plain_date(subject.reported_at)
        cecs = subject.program.cecs
        return CaseFacts(
            kind=self.kind,
            timing=_timing(subject, judged),
            attendees=_attendees(subject, (self.baseline, self.candidate)),
            cecs=cecs,
            cec_band=cec_band(cecs),
            on=on,
            month=f"{on.year:04d}-{on.month:02d}",
            version=f"{_version(self.baseline)} -> {_version(self.candidate)}",
            generated=self.generated,
        )

    @property
    def flips(self) -> tuple[Flip, ...]:
        """Every decision that differs, including a refusal by one policy only; none when
        the case is not assessable."""
        if self.baseline.decisions == self.candidate.decisions or not (
            self.baseline.assessable and self.candidate.assessable
        ):
            return ()
        before = dict(self.baseline.decisions)
        after = dict(self.candidate.decisions)
        return tuple(
            Flip(
                self.reference,
                describe_subject(subject),
                describe_decision(before.get(subject)),
                describe_decision(after.get(subject)),
            )
            for subject in dict.fromkeys([*before, *after])
            if before.get(subject) != after.get(subject)
        )

    @property
    def explanation(self) -> str:
        """The case in a sentence: its category and what changes."""
        category = self.category
        head = f"{self.reference} ({self.kind}): {category.title}"
        if category is Category.NOT_ASSESSABLE:
            return f"{head}: " + "; ".join(self.errors)
        if category.paying:
            return (
                f"{head}, {format_change(self.delta)} ({format_money(self.baseline.total)} -> "
                f"{format_money(self.candidate.total)})"
            )
        changes = [c.explanation for c in (self.refused, self.accepted) if c is not None]
        return f"{head}: " + "; and ".join(changes)

    def to_dict(self) -> dict[str, Any]:
        """Return the case as JSON-ready data: amounts as strings, and ``null`` for the
        totals and changes of a side with no version in force."""
        assessable = self.category is not Category.NOT_ASSESSABLE

        def money(amount: Decimal, side: Outcome | None = None) -> str | None:
            shown = assessable if side is None else side.assessable
            return money_str(amount) if shown else None

        return {
            "reference": self.reference,
            "kind": self.kind,
            "category": self.category.value,
            "generated": self.generated,
            "baseline_total": money(self.baseline.total, self.baseline),
            "candidate_total": money(self.candidate.total, self.candidate),
            "delta": money(self.delta),
            "application_fee": money(self.application_fee),
            "late_surcharge": money(self.late_surcharge),
            "filing_fee": money(self.filing_fee),
            "refused": None if self.refused is None else self.refused.to_dict(),
            "accepted": None if self.accepted is None else self.accepted.to_dict(),
            "facts": self.facts.to_dict(),
            "flips": [f.explanation for f in self.flips],
            "baseline_error": self.baseline.error,
            "candidate_error": self.candidate.error,
            "explanation": self.explanation,
        }

    def to_row(self) -> dict[str, Any]:
        """Return the case as one flat dict for a DataFrame: amounts as ``Decimal``,
        ``None`` where the case is not assessable; ``revenue_delta`` is the change that
        counts in the revenue change (``delta`` for a paying case, 0.00 for a refusal
        or an acceptance), so that its sum over the cases is :attr:`Tally.revenue_delta`."""
        assessable = self.category is not Category.NOT_ASSESSABLE
        facts = self.facts
        refused, accepted = self.refused, self.accepted
        return {
            "reference": self.reference,
            "kind": self.kind,
            "category": self.category.value,
            "baseline_total": self.baseline.total if self.baseline.assessable else None,
            "candidate_total": self.candidate.total if self.candidate.assessable else None,
            "delta": self.delta if assessable else None,
            "revenue_delta": (self.delta if self.category.paying else ZERO) if assessable else None,
            "application_fee": self.application_fee if assessable else None,
            "late_surcharge": self.late_surcharge if assessable else None,
            "filing_fee": self.filing_fee if assessable else None,
            "refused_count": 0 if refused is None else refused.count,
            "refused_fees": ZERO if refused is None else refused.fees,
            "accepted_count": 0 if accepted is None else accepted.count,
            "accepted_fees": ZERO if accepted is None else accepted.fees,
            "timing": facts.timing,
            "attendees": facts.attendees,
            "cecs": facts.cecs,
            "cec_band": facts.cec_band,
            "on": facts.on,
            "month": facts.month,
            "version": facts.version,
            "generated": self.generated,
            "explanation": self.explanation,
        }

    @property
    def reasons(self) -> tuple[str, ...]:
        """What changes, a line each: for a paying case each fee part that changes
        (application fee, late surcharge, filing fee); for a refusal or an acceptance
        what is refused or accepted, and why; for a case not assessable each side's
        error."""
        category = self.category
        if category is Category.NOT_ASSESSABLE:
            return self.errors
        if category.paying:
            parts = (
                ("application fee", self.application_fee),
                ("late surcharge", self.late_surcharge),
                ("filing fee", self.filing_fee),
            )
            changed = tuple(f"{name} {format_change(amount)}" for name, amount in parts if amount)
            return changed or ("no fee changes",)
        return tuple(c.explanation for c in (self.refused, self.accepted) if c is not None)

    @property
    def change(self) -> str:
        """The change in money as the tables show it: ``+$30.00`` for a paying case,
        ``carried $15.00`` for a refusal (the fees it carried under the baseline),
        ``brings $15.00`` for an acceptance, ``-`` when not assessable."""
        category = self.category
        if category.paying:
            return format_change(self.delta)
        if category is Category.NOT_ASSESSABLE:
            return "-"
        verb = "carried" if category is Category.NEWLY_REFUSED else "brings"
        return f"{verb} {format_money(self.amount)}"


# The columns of Comparison.to_frame, in the order of CaseDelta.to_row, with their types:
# the closed sets list every value; months and versions are those of the cases.
_CASE_FRAME = (
    Column("reference", ColumnType.TEXT),
    Column.category("kind", ["application", "roster"]),
    Column.category("category", [c.value for c in Category]),
    Column("baseline_total", ColumnType.DECIMAL),
    Column("candidate_total", ColumnType.DECIMAL),
    Column("delta", ColumnType.DECIMAL),
    Column("revenue_delta", ColumnType.DECIMAL),
    Column("application_fee", ColumnType.DECIMAL),
    Column("late_surcharge", ColumnType.DECIMAL),
    Column("filing_fee", ColumnType.DECIMAL),
    Column("refused_count", ColumnType.INTEGER),
    Column("refused_fees", ColumnType.DECIMAL),
    Column("accepted_count", ColumnType.INTEGER),
    Column("accepted_fees", ColumnType.DECIMAL),
    Column.category("timing", _TIMINGS),
    Column.category("attendees", _ATTENDEE_KEYS),
    Column("cecs", ColumnType.DECIMAL),
    Column.category("cec_band", [name for _, name in CEC_BANDS] + [_TOP_BAND], ordered=True),
    Column("on", ColumnType.DATE),
    Column.category("month", ordered=True),
    Column.category("version"),
    Column("generated", ColumnType.FLAG),
    Column("explanation", ColumnType.TEXT),
)


def _version(side: Outcome) -> str:
    return _NO_VERSION if side.policy is None else side.policy.label


@attrs.frozen(kw_only=True)
class DecisionTotals(JsonValue):
    """The offerings and rows one policy accepts and the other refuses, over many cases.

    ``refused`` is True for what the candidate newly refuses, False for what it
    newly accepts.  ``applications`` counts the applications with such
    offerings, ``whole_applications`` those refused (or accepted) as a whole,
    ``offerings`` their offerings; ``rosters``, ``rows``, ``members`` and
    ``guests`` the same for rosters; ``fees`` what they carried (or bring).
    """

    refused: bool
    applications: int = 0
    whole_applications: int = 0
    offerings: int = 0
    rosters: int = 0
    rows: int = 0
    members: int = 0
    guests: int = 0
    fees: Decimal = ZERO

    @classmethod
    def of(cls, changes: Iterable[DecisionChange], *, refused: bool) -> DecisionTotals:
        """Add up ``changes``."""
        counts = dict.fromkeys(
            ("applications", "whole_applications", "offerings", "rosters", "rows"), 0
        )
        members = guests = 0
        fees: list[Decimal] = []
        for change in changes:
            if change.kind == "roster":
                counts["rosters"] += 1
                counts["rows"] += change.count
                members += change.members
                guests += change.guests
            else:
                counts["applications"] += 1
                counts["whole_applications"] += change.whole
                counts["offerings"] += change.count
            fees.append(change.fees)
        return cls(refused=refused, members=members, guests=guests, fees=sum_money(fees), **counts)

    @property
    def cases(self) -> int:
        """The number of cases with such offerings or rows."""
        return self.applications + self.rosters

    @property
    def explanation(self) -> str:
        """The totals as a sentence fragment; ``none`` when there are none."""
        parts = []
        if self.applications:
            parts.append(
                f"{self.offerings} offering(s) of {self.applications} application(s) "
                f"({self.whole_applications} as a whole)"
            )
        if self.rosters:
            credits = "lose" if self.refused else "gain"
            parts.append(
                f"{self.rows} row(s) of {self.rosters} roster(s), whose attendees {credits} "
                f"their credits ({self.members} member, {self.guests} guest)"
            )
        if not parts:
            return "none"
        verb = "they carried" if self.refused else "they bring"
        return f"{'; '.join(parts)}; {verb} {format_money(self.fees)} in fees"

    def to_dict(self) -> dict[str, Any]:
        """Return the totals as JSON-ready data: the fees as a string."""
        return {
            "cases": self.cases,
            "applications": self.applications,
            "whole_applications": self.whole_applications,
            "offerings": self.offerings,
            "rosters": self.rosters,
            "rows": self.rows,
            "members": self.members,
            "guests": self.guests,
            "fees": money_str(self.fees),
        }


# The order in which a list of changes shows the categories: refusals first, since an
# attendee losing credits matters more than any fee; a case that pays the same is no change.
_CHANGE_ORDER = {
    Category.NEWLY_REFUSED: 0,
    Category.PAYS_MORE: 1,
    Category.PAYS_LESS: 2,
    Category.NEWLY_ACCEPTED: 3,
    Category.NOT_ASSESSABLE: 4,
}

# The heading of a list of the largest changes of a category.
_LARGEST = {
    Category.NEWLY_REFUSED: "Largest refusals",
    Category.PAYS_MORE: "Largest increases",
    Category.PAYS_LESS: "Largest decreases",
    Category.NEWLY_ACCEPTED: "Largest acceptances",
}


def _as_cases(cases: Iterable[CaseDelta]) -> tuple[CaseDelta, ...]:
    return tuple(cases)


def _ranked(case: CaseDelta) -> tuple[Decimal, str]:
    return -abs(case.amount), case.reference


@attrs.frozen
class Tally(JsonValue):
    """The figures of a set of cases: how many fall in each category, the revenue change
    of the paying ones, and what is newly refused or accepted, counted apart."""

    cases: tuple[CaseDelta, ...] = attrs.field(converter=_as_cases)

    @functools.cached_property
    def by_category(self) -> Mapping[Category, tuple[CaseDelta, ...]]:
        """The cases of each category, in the order given; every category is a key."""
        found: dict[Category, list[CaseDelta]] = {category: [] for category in Category}
        for case in self.cases:
            found[case.category].append(case)
        return {category: tuple(cases) for category, cases in found.items()}

    @property
    def counts(self) -> dict[Category, int]:
        """The number of cases in each category."""
        return {category: len(cases) for category, cases in self.by_category.items()}

    @property
    def paying(self) -> tuple[CaseDelta, ...]:
        """The cases that pay more, less or the same."""
        groups = self.by_category
        return groups[Category.PAYS_MORE] + groups[Category.PAYS_LESS] + groups[Category.PAYS_SAME]

    @functools.cached_property
    def revenue_delta(self) -> Decimal:
        """The change in revenue over the paying cases only: the sum of their changes."""
        # Added up as two sums rather than one change per case: exact either way.
        paying = self.paying
        return subtract_money(
            sum_money(c.candidate.total for c in paying),
            sum_money(c.baseline.total for c in paying),
        )

    @functools.cached_property
    def refused(self) -> DecisionTotals:
        """What the candidate newly refuses, with the fees it carried."""
        return DecisionTotals.of(
            (c.refused for c in self.by_category[Category.NEWLY_REFUSED] if c.refused),
            refused=True,
        )

    @functools.cached_property
    def accepted(self) -> DecisionTotals:
        """What the candidate newly accepts, with the fees it brings: in newly accepted
        cases, and in newly refused cases that the candidate also accepts in part."""
        return DecisionTotals.of(
            (c.accepted for c in self.cases if c.accepted is not None), refused=False
        )

    @property
    def generated(self) -> int:
        """How many of the cases were generated rather than taken from history."""
        return sum(case.generated for case in self.cases)

    def largest(self, category: Category, count: int = 5) -> tuple[CaseDelta, ...]:
        """The ``count`` cases of ``category`` with the largest changes, largest first:
        the fee change of a paying case, the fees of a refusal or an acceptance.  None
        for the cases that pay the same or are not assessable."""
        if category not in _LARGEST:
            return ()
        return tuple(heapq.nsmallest(count, self.by_category[category], key=_ranked))

    @property
    def changes(self) -> tuple[CaseDelta, ...]:
        """Every case but those that pay the same: refusals first, then increases,
        decreases, acceptances and the cases not assessable, each largest first."""
        changed = [c for c in self.cases if c.category is not Category.PAYS_SAME]
        changed.sort(key=lambda c: (_CHANGE_ORDER[c.category], *_ranked(c)))
        return tuple(changed)

    def to_dict(self, largest: int = 3) -> dict[str, Any]:
        """Return the figures as JSON-ready data, with the ``largest`` changes of each
        category (reference and amount)."""
        return {
            "cases": len(self.cases),
            "generated": self.generated,
            "categories": {c.value: n for c, n in self.counts.items()},
            "paying_cases": len(self.paying),
            "revenue_delta": money_str(self.revenue_delta),
            "refused": self.refused.to_dict(),
            "accepted": self.accepted.to_dict(),
            "largest": {
                category.value: [
                    {"reference": c.reference, "amount": money_str(c.amount)}
                    for c in self.largest(category, largest)
                ]
                for category in _LARGEST
            },
        }

    def largest_lines(self, count: int = 5) -> list[str]:
        """One line per category with changes: its ``count`` largest."""
        lines = []
        for category, heading in _LARGEST.items():
            top = self.largest(category, count)
            if top:
                sign = format_change if category.paying else format_money
                shown = ", ".join(f"{c.reference} {sign(c.amount)}" for c in top)
                lines.append(f"{heading}: {shown}.")
        return lines


def _counted(counts: Mapping[Category, int]) -> str:
    return ", ".join(f"{counts[c]} {_COUNTED[c]}" for c in Category)


def _population(tally: Tally) -> str:
    """The cases compared, saying which were generated: their figures are no forecast."""
    total, generated = len(tally.cases), tally.generated
    if not generated:
        return f"{total} case(s)"
    if generated == total:
        return f"{total} generated threshold case(s) (generated cases, not a forecast)"
    return (
        f"{total} case(s), {generated} of them generated threshold cases "
        "(generated cases, not a forecast)"
    )


def _money_cells(tally: Tally) -> list[str]:
    return [
        format_change(tally.revenue_delta),
        format_money(tally.refused.fees),
        format_money(tally.accepted.fees),
    ]


# The money columns of a group's row (_money_cells): the last of _TALLY_HEADERS.
_MONEY_HEADERS = ("revenue change", "refused fees", "accepted fees")
_TALLY_HEADERS = (
    "cases",
    "more",
    "less",
    "same",
    "refused",
    "accepted",
    "n/a",
    *_MONEY_HEADERS,
)


@attrs.frozen
class Group(JsonValue):
    """One group of a :class:`Breakdown`: its key and the figures of its cases."""

    key: str
    tally: Tally

    def cells(self) -> list[str]:
        """The group's row of a plain-text or HTML table (:data:`_TALLY_HEADERS`)."""
        counts = self.tally.counts
        return [
            self.key,
            str(len(self.tally.cases)),
            *(str(counts[c]) for c in Category),
            *_money_cells(self.tally),
        ]

    def to_row(self, dimension: Dimension) -> dict[str, Any]:
        """The group as one flat dict for a DataFrame: amounts as ``Decimal``."""
        tally = self.tally
        refused, accepted = tally.refused, tally.accepted
        top = {
            category: tally.largest(category, 1)
            for category in (Category.PAYS_MORE, Category.PAYS_LESS, Category.NEWLY_REFUSED)
        }
        return {
            "dimension": dimension.value,
            "group": self.key,
            "cases": len(tally.cases),
            **{c.value: n for c, n in tally.counts.items()},
            "revenue_delta": tally.revenue_delta,
            "refused_fees": refused.fees,
            "refused_rows": refused.rows,
            "refused_members": refused.members,
            "refused_guests": refused.guests,
            "refused_offerings": refused.offerings,
            "accepted_fees": accepted.fees,
            "largest_increase": top[Category.PAYS_MORE][0].reference
            if top[Category.PAYS_MORE]
            else None,
            "largest_decrease": top[Category.PAYS_LESS][0].reference
            if top[Category.PAYS_LESS]
            else None,
            "largest_refusal": top[Category.NEWLY_REFUSED][0].reference
            if top[Category.NEWLY_REFUSED]
            else None,
            "generated": tally.generated,
        }

    def to_dict(self, largest: int = 3) -> dict[str, Any]:
        """Return the group as JSON-ready data."""
        return {"group": self.key, **self.tally.to_dict(largest)}


def _group_order(dimension: Dimension, groups: Mapping[str, list[CaseDelta]]) -> list[str]:
    """The keys of ``groups`` in the order a breakdown by ``dimension`` lists them."""
    keys = list(groups)
    if dimension is Dimension.TIMING:
        return sorted(keys, key=_TIMINGS.index)
    if dimension is Dimension.ATTENDEES:
        return sorted(keys, key=_ATTENDEE_KEYS.index)
    if dimension is Dimension.CEC_BAND:
        bands = [name for _, name in CEC_BANDS] + [_TOP_BAND]
        return sorted(keys, key=bands.index)
    if dimension is Dimension.MONTH:
        return sorted(keys)
    # Versions in the order they first come into force among the cases.
    return sorted(keys, key=lambda k: (min(c.facts.on for c in groups[k]), k))


@attrs.frozen
class Breakdown(JsonValue):
    """The cases of a comparison grouped by one :class:`Dimension`: the figures of each
    group, in the dimension's order (timing as on time, late, past; months in order)."""

    dimension: Dimension
    groups: tuple[Group, ...]

    @classmethod
    def of(cls, dimension: Dimension, cases: Iterable[CaseDelta]) -> Breakdown:
        """Group ``cases`` by ``dimension``: every case in exactly one group."""
        found: dict[str, list[CaseDelta]] = {}
        for case in cases:
            found.setdefault(case.facts.key(dimension), []).append(case)
        return cls(
            dimension,
            tuple(Group(key, Tally(found[key])) for key in _group_order(dimension, found)),
        )

    @property
    def generated(self) -> int:
        """How many of the cases were generated rather than taken from history."""
        return sum(g.tally.generated for g in self.groups)

    @property
    def heading(self) -> str:
        """``By timing``, saying when the cases were generated: their figures are no forecast."""
        note = " (generated cases, not a forecast)" if self.generated else ""
        return f"By {self.dimension.title}{note}"

    @property
    def explanation(self) -> str:
        """The breakdown as a plain-text table, then each group's largest changes."""
        heading = f"{self.heading}:"
        if not self.groups:
            return f"{heading} no cases."
        table = text_table(
            [self.dimension.title, *_TALLY_HEADERS], [g.cells() for g in self.groups]
        )
        lines = [heading, table]
        for group in self.groups:
            lines.extend(f"  {group.key}: {line}" for line in group.tally.largest_lines(3))
        return "\n".join(lines)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per group, for a DataFrame: amounts as ``Decimal``."""
        return [g.to_row(self.dimension) for g in self.groups]

    def to_dict(self, largest: int = 3) -> dict[str, Any]:
        """Return the breakdown as JSON-ready data: amounts as strings."""
        return {
            "dimension": self.dimension.value,
            "title": self.dimension.title,
            "note": "generated cases, not a forecast" if self.generated else None,
            "groups": [g.to_dict(largest) for g in self.groups],
        }

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): money as ``Decimal`` (each figure adds up to the comparison's), counts
        as integers, the groups an ordered categorical in the breakdown's order."""
        columns = [
            Column.category("dimension", [d.value for d in Dimension]),
            Column.category("group", [g.key for g in self.groups], ordered=True),
            *_GROUP_FRAME,
        ]
        return to_frame(self.to_rows(), columns)

    def _repr_html_(self) -> str:
        """The notebook view: the heading, a table of the groups (money on the right),
        and each group's largest changes; every value is escaped."""
        return view(self._html())

    def _html(self, *, titled: bool = True) -> str:
        """The view without its frame; ``titled=False`` leaves the heading to a fold."""
        if not self.groups:
            return paragraphs(f"{self.heading}: no cases." if titled else "No cases.")
        headers = [self.dimension.title, *_TALLY_HEADERS]
        table = html_table(
            headers,
            [g.cells() for g in self.groups],
            money=set(range(len(headers) - len(_MONEY_HEADERS), len(headers))),
            wrap={0},
        )
        largest = [
            f"{group.key}: {line}" for group in self.groups for line in group.tally.largest_lines(3)
        ]
        return (bold(self.heading) if titled else "") + table + bullets(largest)


# The columns of Breakdown.to_frame after the dimension and the group, in the order of
# Group.to_row, with their types.
_GROUP_FRAME = (
    Column("cases", ColumnType.INTEGER),
    *(Column(c.value, ColumnType.INTEGER) for c in Category),
    Column("revenue_delta", ColumnType.DECIMAL),
    Column("refused_fees", ColumnType.DECIMAL),
    Column("refused_rows", ColumnType.INTEGER),
    Column("refused_members", ColumnType.INTEGER),
    Column("refused_guests", ColumnType.INTEGER),
    Column("refused_offerings", ColumnType.INTEGER),
    Column("accepted_fees", ColumnType.DECIMAL),
    Column("largest_increase", ColumnType.TEXT),
    Column("largest_decrease", ColumnType.TEXT),
    Column("largest_refusal", ColumnType.TEXT),
    Column("generated", ColumnType.INTEGER),
)


#: The most changed cases the HTML view of a comparison lists (the DataFrame holds all).
HTML_CASES = 100


@attrs.frozen(kw_only=True)
class Comparison(JsonValue):
    """Every case under the baseline and the candidate, by category, and the figures.

    ``cases`` are in the order compared.  The figures (:class:`Tally`) count
    the revenue change over the paying cases only, and what is newly refused
    or accepted apart, with the fees involved.
    """

    baseline: str
    candidate: str
    cases: tuple[CaseDelta, ...]

    @functools.cached_property
    def tally(self) -> Tally:
        """The figures over every case."""
        return Tally(self.cases)

    def category(self, category: Category) -> tuple[CaseDelta, ...]:
        """The cases in ``category``, in the order compared."""
        return self.tally.by_category[category]

    @property
    def paying_more(self) -> tuple[CaseDelta, ...]:
        """Cases that accept the same under both and cost more under the candidate."""
        return self.category(Category.PAYS_MORE)

    @property
    def paying_less(self) -> tuple[CaseDelta, ...]:
        """Cases that accept the same under both and cost less under the candidate."""
        return self.category(Category.PAYS_LESS)

    @property
    def paying_same(self) -> tuple[CaseDelta, ...]:
        """Cases that accept the same under both and cost the same."""
        return self.category(Category.PAYS_SAME)

    @property
    def newly_refused(self) -> tuple[CaseDelta, ...]:
        """Cases in which the candidate refuses something the baseline accepts."""
        return self.category(Category.NEWLY_REFUSED)

    @property
    def newly_accepted(self) -> tuple[CaseDelta, ...]:
        """Cases in which the candidate accepts something the baseline refuses."""
        return self.category(Category.NEWLY_ACCEPTED)

    @property
    def not_assessable(self) -> tuple[CaseDelta, ...]:
        """Cases with no policy version in force under the baseline, the candidate or both."""
        return self.category(Category.NOT_ASSESSABLE)

    @property
    def revenue_delta(self) -> Decimal:
        """The change in revenue over the paying cases only (refusals are counted apart)."""
        return self.tally.revenue_delta

    @property
    def refused(self) -> DecisionTotals:
        """What the candidate newly refuses, and the fees it carried under the baseline."""
        return self.tally.refused

    @property
    def accepted(self) -> DecisionTotals:
        """What the candidate newly accepts, and the fees it brings."""
        return self.tally.accepted

    @property
    def generated(self) -> int:
        """How many cases were generated rather than taken from history."""
        return self.tally.generated

    @property
    def flips(self) -> tuple[Flip, ...]:
        """Every decision that flips, case by case."""
        return tuple(f for c in self.cases for f in c.flips)

    @property
    def changes(self) -> tuple[CaseDelta, ...]:
        """Every case whose fee or acceptance changes, or that is not assessable:
        refusals first, then increases, decreases, acceptances, each largest first."""
        return self.tally.changes

    def largest(self, category: Category, count: int = 5) -> tuple[CaseDelta, ...]:
        """The ``count`` largest changes of ``category``, largest first."""
        return self.tally.largest(category, count)

    def largest_increases(self, count: int = 5) -> tuple[CaseDelta, ...]:
        """The ``count`` cases whose cost rises most, largest first."""
        return self.largest(Category.PAYS_MORE, count)

    def breakdown(self, dimension: Dimension | str) -> Breakdown:
        """The cases grouped by ``dimension`` (a :class:`Dimension` or its value, such as
        ``"timing"``), with the figures of each group."""
        return Breakdown.of(Dimension(dimension), self.cases)

    def breakdowns(self) -> tuple[Breakdown, ...]:
        """The breakdowns by every dimension, in the order of :class:`Dimension`."""
        return tuple(self.breakdown(dimension) for dimension in Dimension)

    @property
    def headline(self) -> str:
        """The first sentence: what is compared, over which cases, and the categories."""
        return (
            f"Comparing {self.candidate!r} with {self.baseline!r} over "
            f"{_population(self.tally)}: {_counted(self.tally.counts)}."
        )

    def _summary(self) -> list[str]:
        tally = self.tally
        lines = [self.headline]
        paying = len(tally.paying)
        if paying:
            lines.append(
                f"Revenue from the {paying} paying case(s) changes by "
                f"{format_change(tally.revenue_delta)}; refusals are counted apart."
            )
        else:
            lines.append("No case is accepted alike under both: no revenue change to show.")
        if tally.refused.cases:
            lines.append(f"Newly refused: {tally.refused.explanation}.")
        if tally.accepted.cases:
            lines.append(f"Newly accepted: {tally.accepted.explanation}.")
        missing = self.not_assessable
        if missing:
            lines.append(
                f"Not assessable, counted in no figure: {len(missing)} case(s) with no policy "
                f"version in force, such as {missing[0].explanation}."
            )
        return lines + tally.largest_lines()

    @property
    def explanation(self) -> str:
        """The summary as plain text: the headline, the revenue change of the paying
        cases, the refusals and acceptances apart, the largest changes, the flips."""
        lines = self._summary()
        flips = self.flips
        lines.append(f"{len(flips)} decision(s) flip" + (":" if flips else "."))
        lines.extend(f"  {f.explanation}" for f in flips[:20])
        if len(flips) > 20:
            lines.append(f"  ... and {len(flips) - 20} more")
        return "\n".join(lines)

    def to_rows(self, *, unchanged: bool = False) -> list[dict[str, Any]]:
        """One flat dict per changed case (:attr:`changes`, in that order), for a
        DataFrame; with ``unchanged``, the cases that pay the same follow."""
        cases = self.changes + (self.paying_same if unchanged else ())
        return [c.to_row() for c in cases]

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data: amounts as strings; ``cases`` holds
        every case, the changes first (as :attr:`changes`), then those that pay the same."""
        figures = self.tally.to_dict()
        return {
            "baseline": self.baseline,
            "candidate": self.candidate,
            "note": "generated cases, not a forecast" if self.generated else None,
            "case_count": figures.pop("cases"),
            **figures,
            "paying_more": len(self.paying_more),
            "paying_less": len(self.paying_less),
            "paying_same": len(self.paying_same),
            "largest_increases": [c.reference for c in self.largest_increases()],
            "cases": [c.to_dict() for c in self.changes + self.paying_same],
            "flips": [f.explanation for f in self.flips],
            "breakdowns": {b.dimension.value: b.to_dict() for b in self.breakdowns()},
            "explanation": self.explanation,
        }

    def _repr_html_(self) -> str:
        """The notebook view: the summary (as :attr:`explanation` opens), the counts by
        category, the largest changes (at most :data:`HTML_CASES`) with the change in
        money on the right, then, folded, the decisions that flip and the breakdowns;
        every value is escaped."""
        counts = self.tally.counts
        categories = html_table(("category", "cases"), [(c.title, counts[c]) for c in Category])
        changes = self.changes
        shown = changes[:HTML_CASES]
        heading = f"Changes, largest first: {len(shown)} of {len(changes)}"
        table = html_table(
            ("case", "kind", "category", "baseline", "candidate", "change", "what changes"),
            [
                (
                    c.reference,
                    c.kind,
                    c.category.title,
                    _shown_total(c.baseline),
                    _shown_total(c.candidate),
                    c.change,
                    Lines(c.reasons),
                )
                for c in shown
            ],
            money={3, 4, 5},
            wrap={0},
        )
        flips = self.flips
        shown_flips = [f.explanation for f in flips[:HTML_CASES]]
        if len(flips) > len(shown_flips):
            shown_flips.append(f"... and {len(flips) - len(shown_flips)} more")
        return view(
            paragraphs(*self._summary()),
            bold("Cases by category"),
            categories,
            bold(heading + (" (to_frame() holds them all)" if len(shown) < len(changes) else "")),
            table,
            details(f"{len(flips)} decision(s) flip", bullets(shown_flips))
            if flips
            else paragraphs("No decision flips."),
            *(details(b.heading, b._html(titled=False)) for b in self.breakdowns()),
        )

    def to_frame(self, *, unchanged: bool = False) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): money as ``Decimal`` (``revenue_delta`` adds up to the comparison's),
        the date as ``datetime64``, the category, timing, CEC band, month and the like as
        categoricals."""
        return to_frame(self.to_rows(unchanged=unchanged), _CASE_FRAME)


def _shown_total(side: Outcome) -> str:
    return format_money(side.total) if side.assessable else "-"


def compare_policies(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    applications: Iterable[Application] = (),
    rosters: Iterable[RosterCase] = (),
    generated: bool = False,
) -> Comparison:
    """Assess every application and roster under both policies and compare.

    ``generated`` marks the cases as generated (such as the threshold cases of
    :func:`boundary_applications`) rather than history: every view then says
    that the figures are no forecast.

    >>> import attrs
    >>> from cec_rules import DEFAULT_POLICY, example_applications
    >>> sale = attrs.evolve(DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal(10))
    >>> comparison = compare_policies(DEFAULT_POLICY, sale, applications=example_applications())
    >>> len(comparison.paying_less), str(comparison.revenue_delta)
    (5, '-600.00')
    """
    base, cand = as_schedule(baseline), as_schedule(candidate)
    cases = [
        CaseDelta(
            reference=a.reference,
            kind="application",
            baseline=application_outcome(a, base),
            candidate=application_outcome(a, cand),
            subject=a,
            generated=generated,
        )
        for a in applications
    ]
    cases += [
        CaseDelta(
            reference=r.reference,
            kind="roster",
            baseline=roster_outcome(r, base),
            candidate=roster_outcome(r, cand),
            subject=r,
            generated=generated,
        )
        for r in rosters
    ]
    return Comparison(baseline=_label(baseline), candidate=_label(candidate), cases=tuple(cases))


def _label(policy: Policy | PolicySchedule) -> str:
    if isinstance(policy, Policy):
        return policy.label
    return " / ".join(v.policy.label for v in policy.versions)


def _in_force(policy: Policy | PolicySchedule, on: date) -> list[Policy]:
    schedule = as_schedule(policy)
    try:
        return [schedule.at(on)]
    except CecRulesError:
        return []


def boundary_applications(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    submitted: date = date(2026, 1, 15),
) -> tuple[Application, ...]:
    """Applications at and around every threshold of both policies in force on ``submitted``.

    Offerings start on the submission day, the day before it, and one day
    either side of each policy's late window; CECs sit at one increment, at
    the maximum, and one increment past it (which one policy may refuse).
    """
    policies = _in_force(baseline, submitted) + _in_force(candidate, submitted)
    offsets = sorted(
        {
            -1,
            0,
            1,
            *(
                d
                for p in policies
                for d in (p.late_window_days - 1, p.late_window_days, p.late_window_days + 1)
                if d >= -1
            ),
        }
    )
    amounts = sorted(
        {Decimal(1)}
        | {p.cec_increment for p in policies}
        | {p.cec_maximum for p in policies}
        | {p.cec_maximum + p.cec_increment for p in policies}
    )
    cases = []
    for cecs in amounts:
        program = Program(title=f"Boundary {cecs} CEC", cecs=cecs)
        for days in offsets:
            start = submitted + timedelta(days=days)
            cases.append(
                Application(
                    program=program,
                    offerings=[Offering(start)],
                    submitted=submitted,
                    reference=f"submitted {submitted.isoformat()}, start {days:+d} days, "
                    f"{cecs} CEC",
                )
            )
    return tuple(cases)


_BOUNDARY_OFFERING = Offering(date(2026, 3, 2))
_MEMBER = Account(aast_id="B-0001", first_name="Ada", last_name="Lovelace", kind=AccountKind.MEMBER)
_GUEST = Account(aast_id="B-0002", first_name="Grace", last_name="Hopper", kind=AccountKind.GUEST)


def boundary_rosters(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    offering: Offering = _BOUNDARY_OFFERING,
    formats: Sequence[ProgramFormat] = tuple(ProgramFormat),
) -> tuple[RosterCase, ...]:
    """One-member, one-guest rosters reported at and around each policy's window edge.

    The report dates are the offering's last day, and one day either side of
    the last day to report under each policy in force then.
    """
    repository = InMemoryRepository([_MEMBER, _GUEST])
    end = offering.end
    days = {0}
    for policy in (baseline, candidate):
        for p in _in_force(policy, end):
            days.update(
                {p.reporting_window_days - 1, p.reporting_window_days, p.reporting_window_days + 1}
            )
    program_id = "PRG-BOUNDARY"
    lines = ["Program ID,AAST ID,First Name,Last Name,Completion Date"]
    for account in (_MEMBER, _GUEST):
        lines.append(
            f"{program_id},{account.aast_id},{account.first_name},{account.last_name},"
            f"{end.isoformat()}"
        )
    source = ("\r\n".join(lines) + "\r\n").encode()
    cases = []
    for program_format in formats:
        program = Program(
            title="Boundary roster", cecs=1, format=program_format, program_id=program_id
        )
        for day in sorted(d for d in days if d >= 0):
            cases.append(
                RosterCase(
                    reference=f"{program_format.value} roster of {offering.start.isoformat()} "
                    f"reported {day} days after the end",
                    program=program,
                    offering=offering,
                    source=source,
                    repository=repository,
                    reported_at=end + timedelta(days=day),
                )
            )
    return tuple(cases)


def change_dates(
    baseline: Policy | PolicySchedule, candidate: Policy | PolicySchedule
) -> tuple[date, ...]:
    """The days around which either policy's version in force changes.

    For each version after the first: the day before it starts and its first
    day; for each bounded version: its last day and the day after.

    >>> from cec_rules.policy import DEFAULT_POLICY, load_toml
    >>> sale = load_toml('''
    ... [[versions]]
    ... effective_from = 2020-01-01
    ... [[versions]]
    ... effective_from = 2026-11-01
    ... effective_until = 2026-12-31
    ... ''')
    >>> [d.isoformat() for d in change_dates(DEFAULT_POLICY, sale)]
    ['2026-10-31', '2026-11-01', '2026-12-31', '2027-01-01']
    """
    days: set[date] = set()
    for schedule in (as_schedule(baseline), as_schedule(candidate)):
        for index, version in enumerate(schedule.versions):
            if index:
                days.update({version.effective_from - timedelta(days=1), version.effective_from})
            if version.effective_until is not None and version.effective_until < date.max:
                days.update({version.effective_until, version.effective_until + timedelta(days=1)})
    return tuple(sorted(days))
