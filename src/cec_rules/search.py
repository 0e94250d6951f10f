"""Searching a candidate policy with Hypothesis: differences and broken invariants.

:func:`find_differences` asks Hypothesis for a minimal case of each kind of
change between two policies (a fee that changes, an offering's timing that
flips, a filing fee that changes, a roster row whose acceptance flips), or
reports that none was found within the stated budget.

:func:`check_policy` runs Hypothesis over a candidate and reports every
invariant it breaks, so a broken candidate is caught before it is announced:
no fee negative; late never cheaper than on time; more CECs never cheaper; a
guest never cheaper than a member (unless the policy says so).

Both need the ``testing`` extra (Hypothesis).  Searches are deterministic:
the same policies and budget give the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, Phase, find, settings, strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from cec_rules.compare import (
    Outcome,
    RosterCase,
    application_outcome,
    describe_decision,
    describe_subject,
    roster_outcome,
)
from cec_rules.errors import CecRulesError
from cec_rules.fees import assess_application
from cec_rules.policy import Policy, PolicySchedule, as_schedule
from cec_rules.program import Application, Offering
from cec_rules.strategies import RosterSample, applications, rosters

__all__ = [
    "Difference",
    "PolicyCheck",
    "Violation",
    "check_policy",
    "find_differences",
]

T = TypeVar("T")

#: The invariants :func:`check_policy` runs, with what each one promises.
INVARIANTS = {
    "fees-never-negative": "no application fee, surcharge or filing fee is negative",
    "late-never-cheaper": "a late offering never costs less than the same offering on time",
    "more-cecs-never-cheaper": "more CECs never cost less, all else equal",
    "guest-not-cheaper": "a guest's filing fee is never below a member's "
    "(unless guest_fee_below_member is set)",
}


def _settings(budget: int) -> settings:
    return settings(
        max_examples=budget,
        database=None,
        derandomize=True,
        deadline=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )


def _search(
    strategy: st.SearchStrategy[T], condition: Callable[[T], bool], budget: int
) -> T | None:
    try:
        return find(strategy, condition, settings=_settings(budget))
    except (NoSuchExample, Unsatisfiable):
        return None


@attrs.frozen(kw_only=True)
class Difference:
    """A minimal case whose outcome differs between the two policies."""

    kind: str
    example: Application | RosterCase
    baseline: Outcome
    candidate: Outcome

    @property
    def explanation(self) -> str:
        """The difference as a sentence."""
        if isinstance(self.example, Application):
            offerings = ", ".join(o.start.isoformat() for o in self.example.offerings)
            what = (
                f"an application of {self.example.program.cecs} CEC submitted "
                f"{self.example.submitted.isoformat()} for offering(s) starting {offerings}"
            )
        else:
            rows = self.example.source.count(b"\n") - 1
            start = self.example.offering.start.isoformat()
            what = (
                f"a {rows}-row roster for the offering of {start} "
                f"reported {self.example.reported_at.isoformat()}"
            )
        return (
            f"{self.kind}: {what}: baseline {self.baseline.total} "
            f"({_decisions(self.baseline)}), candidate {self.candidate.total} "
            f"({_decisions(self.candidate)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the difference as JSON-ready data."""
        example = (
            self.example.to_dict()
            if isinstance(self.example, Application)
            else {
                "offering": self.example.offering.to_dict(),
                "program": self.example.program.to_dict(),
                "reported_at": self.example.reported_at.isoformat(),
                "roster": self.example.source.decode("utf-8"),
            }
        )
        return {
            "kind": self.kind,
            "example": example,
            "baseline_total": str(self.baseline.total),
            "candidate_total": str(self.candidate.total),
            "explanation": self.explanation,
        }


def _decisions(outcome: Outcome) -> str:
    return ", ".join(
        f"{describe_subject(subject)}: {describe_decision(decision)}"
        for subject, decision in outcome.decisions
    )


@attrs.frozen(kw_only=True)
class SearchResult:
    """The minimal difference found for each kind of change, within a budget."""

    budget: int
    differences: tuple[Difference, ...]
    not_found: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """Plain text: each difference found, and the kinds not found within the budget."""
        lines = [d.explanation for d in self.differences]
        lines += [
            f"{kind}: no difference found within {self.budget} generated cases"
            for kind in self.not_found
        ]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "budget": self.budget,
            "differences": [d.to_dict() for d in self.differences],
            "not_found": list(self.not_found),
        }


def find_differences(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    budget: int = 300,
    submitted_from: date = date(2020, 1, 1),
    submitted_to: date = date(2030, 6, 30),
) -> SearchResult:
    """Find a minimal case of each kind of change between two policies.

    ``budget`` is the most generated cases tried per kind.
    """
    base, cand = as_schedule(baseline), as_schedule(candidate)
    # Offerings start at the late-window edges of every version half of the time.
    edges = sorted(
        {-1, 0}
        | {
            v.policy.late_window_days + d
            for schedule in (base, cand)
            for v in schedule.versions
            for d in (-1, 0, 1)
        }
    )
    apps = applications(
        min_offerings=1,
        max_offerings=1,
        min_submitted=submitted_from,
        max_submitted=submitted_to,
        days_before_start=st.one_of(st.sampled_from(edges), st.integers(-20, 120)),
    )

    def outcomes(application: Application) -> tuple[Outcome, Outcome]:
        return application_outcome(application, base), application_outcome(application, cand)

    def fee_differs(application: Application) -> bool:
        before, after = outcomes(application)
        return before.total != after.total

    def timing_flips(application: Application) -> bool:
        before, after = outcomes(application)
        return before.decisions != after.decisions

    def roster_outcomes(sample: RosterSample) -> tuple[Outcome, Outcome]:
        case = sample.case()
        return roster_outcome(case, base), roster_outcome(case, cand)

    def filing_differs(sample: RosterSample) -> bool:
        before, after = roster_outcomes(sample)
        return before.total != after.total

    def acceptance_flips(sample: RosterSample) -> bool:
        before, after = roster_outcomes(sample)
        return before.decisions != after.decisions

    differences = []
    not_found = []
    for kind, condition in (("fee", fee_differs), ("decision", timing_flips)):
        found = _search(apps, condition, budget)
        if found is None:
            not_found.append(f"application {kind}")
        else:
            before, after = outcomes(found)
            differences.append(
                Difference(
                    kind=f"application {kind}", example=found, baseline=before, candidate=after
                )
            )
    roster_samples = rosters(min_rows=1, max_rows=3)
    for kind, roster_condition in (("filing fee", filing_differs), ("decision", acceptance_flips)):
        sample = _search(roster_samples, roster_condition, budget)
        if sample is None:
            not_found.append(f"roster {kind}")
        else:
            case = sample.case()
            differences.append(
                Difference(
                    kind=f"roster {kind}",
                    example=case,
                    baseline=roster_outcome(case, base),
                    candidate=roster_outcome(case, cand),
                )
            )
    return SearchResult(budget=budget, differences=tuple(differences), not_found=tuple(not_found))


@attrs.frozen(kw_only=True)
class Violation:
    """An invariant a candidate breaks, with a minimal example."""

    invariant: str
    message: str

    @property
    def explanation(self) -> str:
        """The violation as a sentence."""
        return f"{self.invariant}: {INVARIANTS[self.invariant]}, but {self.message}"

    def to_dict(self) -> dict[str, str]:
        """Return the violation as JSON-ready data."""
        return {"invariant": self.invariant, "message": self.message}


@attrs.frozen(kw_only=True)
class PolicyCheck:
    """The invariants a candidate policy was checked against, and those it breaks."""

    label: str
    budget: int
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        """True when no invariant is broken."""
        return not self.violations

    @property
    def explanation(self) -> str:
        """Plain text: the verdict and every violation."""
        if self.ok:
            return (
                f"{self.label!r} keeps every invariant ({', '.join(INVARIANTS)}) over "
                f"{self.budget} generated cases each."
            )
        lines = [f"{self.label!r} breaks {len(self.violations)} invariant(s):"]
        lines += [f"  {v.explanation}" for v in self.violations]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the check as JSON-ready data."""
        return {
            "label": self.label,
            "budget": self.budget,
            "ok": self.ok,
            "violations": [v.to_dict() for v in self.violations],
            "explanation": self.explanation,
        }


def _total(application: Application, schedule: PolicySchedule) -> Decimal | None:
    try:
        return assess_application(application, schedule).total
    except CecRulesError:
        return None


def _moved(application: Application, days: int) -> Application:
    start = _day(application) + timedelta(days=days)
    return attrs.evolve(application, offerings=[Offering(start)])


def check_policy(policy: Policy | PolicySchedule, *, budget: int = 200) -> PolicyCheck:
    """Run Hypothesis over ``policy`` and report every invariant it breaks."""
    schedule = as_schedule(policy)
    label = policy.label if isinstance(policy, Policy) else _labels(schedule)
    first = schedule.versions[0].effective_from
    apps = applications(min_offerings=1, max_offerings=3, min_submitted=first, aware=False)
    violations = []

    def negative(application: Application) -> bool:
        total = _total(application, schedule)
        return total is not None and total < 0

    def late_cheaper(application: Application) -> bool:
        in_force = schedule.at(_day(application))
        window = in_force.late_window_days
        late = _total(_moved(application, window), schedule)
        on_time = _total(_moved(application, window + 1), schedule)
        return late is not None and on_time is not None and late < on_time

    def more_cheaper(application: Application) -> bool:
        in_force = schedule.at(_day(application))
        bigger = attrs.evolve(
            application,
            program=attrs.evolve(
                application.program, cecs=application.program.cecs + in_force.cec_increment
            ),
        )
        small, large = _total(application, schedule), _total(bigger, schedule)
        return small is not None and large is not None and large < small

    checks: list[tuple[str, Callable[[Application], bool], str]] = [
        ("fees-never-negative", negative, "this application's total is negative"),
        ("late-never-cheaper", late_cheaper, "this application costs less when late"),
        ("more-cecs-never-cheaper", more_cheaper, "one more increment of CECs costs less"),
    ]
    for invariant, condition, message in checks:
        found = _search(apps, condition, budget)
        if found is not None:
            violations.append(
                Violation(invariant=invariant, message=f"{message}: {found.to_dict()}")
            )
    for version in schedule.versions:
        p = version.policy
        if p.guest_filing_fee < p.member_filing_fee and not p.guest_fee_below_member:
            violations.append(
                Violation(
                    invariant="guest-not-cheaper",
                    message=f"from {version.effective_from.isoformat()} ({p.label!r}) a guest "
                    f"pays {p.guest_filing_fee} and a member {p.member_filing_fee}",
                )
            )
    return PolicyCheck(label=label, budget=budget, violations=tuple(violations))


def _day(application: Application) -> date:
    submitted = application.submitted
    return submitted.date() if isinstance(submitted, datetime) else submitted


def _labels(schedule: PolicySchedule) -> str:
    return " / ".join(v.policy.label for v in schedule.versions)
