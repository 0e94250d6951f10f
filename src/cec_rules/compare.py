"""Comparing two policies before a change is announced.

:func:`compare_policies` assesses the same applications and rosters under a
baseline and a candidate (each a :class:`~cec_rules.policy.Policy` or a
:class:`~cec_rules.policy.PolicySchedule`) and returns a :class:`Comparison`:
each case's fee difference, split into application fee, late surcharge and
filing fee (the parts add up to the whole), every decision that flips (on
time to late, accepted to refused), who pays more, less or the same, the
revenue difference and the largest increases.

:func:`boundary_applications` and :func:`boundary_rosters` build the cases at
and around every threshold of both policies, where changes show first.
:func:`find_differences` (in :mod:`cec_rules.search`) asks Hypothesis for a
minimal case of each kind of change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from cec_rules.accounts import Account, AccountKind, AccountRepository, InMemoryRepository
from cec_rules.deadlines import OfferingTiming
from cec_rules.errors import CecRulesError
from cec_rules.fees import ApplicationAssessment, FeeKind, assess_application
from cec_rules.money import ZERO, format_change, format_money, money_str, subtract_money, sum_money
from cec_rules.notebook import html_table, to_frame
from cec_rules.policy import Policy, PolicySchedule, as_schedule
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import RosterReport, check_roster

__all__ = [
    "CaseDelta",
    "Comparison",
    "Flip",
    "RosterCase",
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


@attrs.frozen
class Outcome:
    """What one case came to under one policy: the fee parts and the decisions.

    ``decisions`` pairs each subject (an offering, a row) with its decision.
    ``error`` is set when the policy refused the case outright.
    """

    application_fee: Decimal
    late_surcharge: Decimal
    filing_fee: Decimal
    decisions: tuple[tuple[Subject, str | OfferingTiming], ...]
    error: str | None = None

    @property
    def total(self) -> Decimal:
        """The sum of the three parts."""
        return sum_money((self.application_fee, self.late_surcharge, self.filing_fee))


def application_outcome(application: Application, policy: Policy | PolicySchedule) -> Outcome:
    """Assess ``application`` under ``policy``; a refusal becomes an outcome, not an error."""
    try:
        assessment = assess_application(application, policy)
    except CecRulesError as error:
        return Outcome(ZERO, ZERO, ZERO, (("application", "refused"),), error.message)
    return _assessment_outcome(assessment)


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


def _assessment_outcome(assessment: ApplicationAssessment) -> Outcome:
    # The hot path of a comparison: no strings are built here (see `Flip`).
    fees: list[Decimal] = []
    surcharges: list[Decimal] = []
    decisions = []
    application_fee = FeeKind.APPLICATION_FEE
    for index, offering in enumerate(assessment.offerings):
        for line in offering.lines:
            (fees if line.kind is application_fee else surcharges).append(line.amount)
        decisions.append(((index, offering.offering), offering.timing))
    return Outcome(sum_money(fees), sum_money(surcharges), ZERO, tuple(decisions))


def roster_outcome(case: RosterCase, policy: Policy | PolicySchedule) -> Outcome:
    """Check the roster under ``policy``; a refusal becomes an outcome, not an error."""
    try:
        report = case.check(policy)
    except CecRulesError as error:
        return Outcome(ZERO, ZERO, ZERO, (("roster", "refused"),), error.message)
    accepted: dict[int, str] = {a.row: "accepted" for a in report.accepted}
    refused = {r.row: "refused: " + ",".join(r.codes) for r in report.refused}
    rows = {**accepted, **refused}
    decisions: tuple[tuple[Subject, str | OfferingTiming], ...] = tuple(
        (n, rows[n]) for n in sorted(rows)
    )
    return Outcome(ZERO, ZERO, report.filing_fee, decisions)


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
class CaseDelta:
    """One case under both policies."""

    reference: str
    kind: str
    baseline: Outcome
    candidate: Outcome

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

    @property
    def delta(self) -> Decimal:
        """The whole change: the three parts added up."""
        return sum_money((self.application_fee, self.late_surcharge, self.filing_fee))

    @property
    def flips(self) -> tuple[Flip, ...]:
        """Every decision that differs, including a refusal by one policy only."""
        if self.baseline.decisions == self.candidate.decisions:
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

    def to_dict(self) -> dict[str, Any]:
        """Return the case as JSON-ready data."""
        return {
            "reference": self.reference,
            "kind": self.kind,
            "baseline_total": money_str(self.baseline.total),
            "candidate_total": money_str(self.candidate.total),
            "delta": money_str(self.delta),
            "application_fee": money_str(self.application_fee),
            "late_surcharge": money_str(self.late_surcharge),
            "filing_fee": money_str(self.filing_fee),
            "flips": [f.explanation for f in self.flips],
            "baseline_error": self.baseline.error,
            "candidate_error": self.candidate.error,
        }


def _label(policy: Policy | PolicySchedule) -> str:
    if isinstance(policy, Policy):
        return policy.label
    return " / ".join(v.policy.label for v in policy.versions)


@attrs.frozen(kw_only=True)
class Comparison:
    """Every case under the baseline and the candidate, and the summary figures."""

    baseline: str
    candidate: str
    cases: tuple[CaseDelta, ...]

    @property
    def paying_more(self) -> tuple[CaseDelta, ...]:
        """Cases that cost more under the candidate."""
        return tuple(c for c in self.cases if c.delta > 0)

    @property
    def paying_less(self) -> tuple[CaseDelta, ...]:
        """Cases that cost less under the candidate."""
        return tuple(c for c in self.cases if c.delta < 0)

    @property
    def paying_same(self) -> tuple[CaseDelta, ...]:
        """Cases that cost the same."""
        return tuple(c for c in self.cases if c.delta == 0)

    @property
    def revenue_delta(self) -> Decimal:
        """The change in the association's revenue over every case."""
        return sum_money(c.delta for c in self.cases)

    @property
    def flips(self) -> tuple[Flip, ...]:
        """Every decision that flips, case by case."""
        return tuple(f for c in self.cases for f in c.flips)

    def largest_increases(self, count: int = 5) -> tuple[CaseDelta, ...]:
        """The ``count`` cases whose cost rises most, largest first."""
        ranked = sorted(self.paying_more, key=lambda c: c.delta, reverse=True)
        return tuple(ranked[:count])

    @property
    def explanation(self) -> str:
        """The summary as plain text."""
        lines = [
            f"Comparing {self.candidate!r} with {self.baseline!r} over {len(self.cases)} case(s): "
            f"{len(self.paying_more)} pay more, {len(self.paying_less)} pay less, "
            f"{len(self.paying_same)} the same; revenue changes by "
            f"{format_change(self.revenue_delta)}.",
        ]
        increases = self.largest_increases()
        if increases:
            lines.append(
                "Largest increases: "
                + ", ".join(f"{c.reference} {format_change(c.delta)}" for c in increases)
                + "."
            )
        flips = self.flips
        lines.append(f"{len(flips)} decision(s) flip" + (":" if flips else "."))
        lines.extend(f"  {f.explanation}" for f in flips[:20])
        if len(flips) > 20:
            lines.append(f"  ... and {len(flips) - 20} more")
        return "\n".join(lines)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per case, for a DataFrame or a table."""
        return [c.to_dict() for c in self.cases]

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data."""
        return {
            "baseline": self.baseline,
            "candidate": self.candidate,
            "cases": self.to_rows(),
            "paying_more": len(self.paying_more),
            "paying_less": len(self.paying_less),
            "paying_same": len(self.paying_same),
            "revenue_delta": money_str(self.revenue_delta),
            "largest_increases": [c.reference for c in self.largest_increases()],
            "flips": [f.explanation for f in self.flips],
            "explanation": self.explanation,
        }

    def _repr_html_(self) -> str:
        """An HTML summary and table for notebooks; every value is escaped."""
        rows = [
            (
                c.reference,
                c.kind,
                format_money(c.baseline.total),
                format_money(c.candidate.total),
                format_change(c.delta),
                "; ".join(f.explanation for f in c.flips),
            )
            for c in self.cases
        ]
        return html_table(
            self.explanation.splitlines()[0],
            ("case", "kind", "baseline", "candidate", "change", "flips"),
            rows,
        )

    def to_frame(self) -> Any:
        """Return one row per case as a pandas DataFrame (needs the ``notebook`` extra)."""
        return to_frame(self.to_rows())


def compare_policies(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    applications: Iterable[Application] = (),
    rosters: Iterable[RosterCase] = (),
) -> Comparison:
    """Assess every application and roster under both policies and compare.

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
        )
        for a in applications
    ]
    cases += [
        CaseDelta(
            reference=r.reference,
            kind="roster",
            baseline=roster_outcome(r, base),
            candidate=roster_outcome(r, cand),
        )
        for r in rosters
    ]
    return Comparison(baseline=_label(baseline), candidate=_label(candidate), cases=tuple(cases))


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
