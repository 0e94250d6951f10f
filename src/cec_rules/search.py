"""Searching two policies for their differences, and checking a candidate's invariants.

:func:`find_differences` compares two policies (or schedules) figure by figure,
period by period: for each field of :class:`~cec_rules.policy.Policy` that
differs on some day, and for each period in which one is in force and the
other is not, it builds a case from the field's meaning (an offering one day
past the shorter late window, a roster reported one day after the shorter
reporting window, CECs one step above the lower maximum, an AAST ID one knob
allows and the other refuses, ...) and assesses it under both.  When no built
case differs, Hypothesis searches the period as a complement.  Every field
that differs ends with a minimal example or a sentence saying exactly what
was tried.  Dates come from the schedules' own version dates, never from a
fixed range.

:func:`check_policy` checks a candidate and says what it tested.  Three
invariants hold by construction (a :class:`~cec_rules.policy.Policy` refuses
what would break them) and are listed as such; the others are checked on the
candidate's own versions and on cases valid under its own figures, with the
number of cases assessed for each.  An invariant no case could be assessed
for is not checked, which is not a pass.

Both need the ``testing`` extra (Hypothesis).  Both are deterministic: the
same policies and budget give the same answer.  No Hypothesis error escapes:
a search that cannot run is reported as such.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from cec_rules._search.amounts import largest_multiple
from cec_rules._search.cases import application_case, build_attempt
from cec_rules._search.changes import (
    FIELD_EFFECTS,
    IN_FORCE,
    NO_EFFECT,
    VERSIONS,
    Period,
    field_changes,
    split_periods,
    structure,
)
from cec_rules._search.hunt import Searched, search_counted
from cec_rules._search.outcomes import (
    Case,
    change_kind,
    credited,
    dates_text,
    decisions_text,
    lost_credits,
    outcome_of,
    outcomes_differ,
    row_count,
    why_no_rows,
)
from cec_rules.compare import Outcome, RosterCase
from cec_rules.errors import CecRulesError, InvalidCredits, PolicyNotInForce
from cec_rules.fees import assess_application
from cec_rules.jsonio import JsonValue
from cec_rules.money import money_str
from cec_rules.notebook import (
    Column,
    ColumnType,
    Lines,
    bullets,
    html_table,
    paragraphs,
    to_frame,
    view,
)
from cec_rules.policy import DEFAULT_POLICY, Policy, PolicySchedule, as_schedule
from cec_rules.program import Application, ProgramFormat
from cec_rules.strategies import applications, rosters, version_dates

__all__ = [
    "FIELD_EFFECTS",
    "GUARANTEED",
    "INVARIANTS",
    "Difference",
    "FieldChange",
    "Gap",
    "InvariantResult",
    "InvariantStatus",
    "PolicyCheck",
    "SearchResult",
    "Violation",
    "check_policy",
    "find_differences",
]

T = TypeVar("T")


#: The invariants :func:`check_policy` reports, with what each one promises.
INVARIANTS = {
    "fees-never-negative": "no application fee, surcharge or filing fee is negative",
    "late-never-cheaper": "a late offering never costs less than the same offering on time",
    "more-cecs-never-cheaper": "more CECs never cost less, all else equal",
    "guest-not-cheaper": "a guest's filing fee is never below a member's "
    "(unless guest_fee_below_member is set)",
    "every-day-covered": "from its first day on, some version is in force on every day",
    "fees-computable": "every application with CECs valid under the version in force "
    "is assessed: its fees can be computed",
    "no-credits-lost": "no attendee loses credits the baseline gives: no roster row the "
    "baseline accepts is refused, and no offering it reviews is refused or left unreviewed",
}


#: The invariants no policy can break, and why: a Policy refuses, when it is built,
#: every figure that would break them.  No case is run for them, since none could fail.
GUARANTEED = {
    "fees-never-negative": "a Policy refuses a negative rate or fee, CECs are positive, and "
    "each fee line is a rate times a positive quantity rounded to cents, which cannot fall "
    "below zero",
    "late-never-cheaper": "under the version in force on a submission date, a late offering "
    "pays the on-time fee plus a surcharge, which a Policy refuses to be negative",
    "more-cecs-never-cheaper": "under the version in force, each fee line is a non-negative "
    "rate times the CECs, and every rounding mode a Policy takes rounds a larger amount to "
    "no less",
}


def _difference(
    case: Case, base: PolicySchedule, cand: PolicySchedule, field: str | None, how: str
) -> Difference:
    """The case as a :class:`Difference`, a roster refused as a whole saying why."""
    before, after = outcome_of(case, base), outcome_of(case, cand)
    return Difference(
        kind=change_kind(case, before, after),
        example=case,
        baseline=why_no_rows(case, before, base),
        candidate=why_no_rows(case, after, cand),
        field=field,
        how=how,
    )


@attrs.frozen(kw_only=True)
class Difference(JsonValue):
    """A minimal case whose outcome differs between the two policies.

    ``field`` is the policy field the case was built or searched for (``None`` for
    a search over every field); ``how`` says whether it was ``constructed`` from
    the field's meaning or ``searched`` by Hypothesis.
    """

    kind: str
    example: Application | RosterCase
    baseline: Outcome
    candidate: Outcome
    field: str | None = None
    how: str = "searched"

    @property
    def explanation(self) -> str:
        """The difference as a sentence."""
        if isinstance(self.example, Application):
            cecs = self.example.program.cecs
            what = (
                f"an application of {cecs} CEC submitted {self.example.submitted.isoformat()} "
                f"for offering(s) starting {dates_text([o.start for o in self.example.offerings])}"
            )
        else:
            start = self.example.offering.start.isoformat()
            what = (
                f"a roster of {row_count(self.example):,} row(s) for the offering of {start} "
                f"reported {self.example.reported_at.isoformat()}"
            )
        return (
            f"{self.kind}: {what}: baseline {self.baseline.total} "
            f"({decisions_text(self.baseline)}), candidate {self.candidate.total} "
            f"({decisions_text(self.candidate)})"
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the difference as JSON-ready data; a roster of more than 20 rows is
        shown by its first 20 rows and its row count."""
        if isinstance(self.example, Application):
            example = self.example.to_dict()
        else:
            text = self.example.source.decode("utf-8")
            rows = row_count(self.example)
            if rows > 20:
                text = "".join(text.splitlines(keepends=True)[:21])
            example = {
                "offering": self.example.offering.to_dict(),
                "program": self.example.program.to_dict(),
                "reported_at": self.example.reported_at.isoformat(),
                "roster": text,
                "roster_rows": rows,
            }
        return {
            "kind": self.kind,
            "field": self.field,
            "how": self.how,
            "example": example,
            "baseline_total": money_str(self.baseline.total),
            "candidate_total": money_str(self.candidate.total),
            "explanation": self.explanation,
        }


@attrs.frozen(kw_only=True)
class FieldChange(JsonValue):
    """A field whose value differs between the two policies, where, and what the
    search found for it: a minimal example, or ``tried`` saying what it tried.

    ``field`` is a Policy field, ``"in force"`` for a period in which only one of
    the two is in force, or ``"versions"`` for schedules that agree on every
    figure on every day but split their versions apart.  ``first_day`` and
    ``last_day`` (``None``: onward) bound the first period in which it differs with
    these two values; ``periods`` counts the periods in which it does.
    """

    field: str
    baseline: str
    candidate: str
    first_day: date
    last_day: date | None
    periods: int
    difference: Difference | None
    tried: str

    @property
    def when(self) -> str:
        """The first period as words: ``from 2026-11-01 to 2026-12-31``."""
        return Period(self.first_day, self.last_day, None, None).text

    @property
    def explanation(self) -> str:
        """The change and what was found for it, as a sentence."""
        more = f" (and {self.periods - 1} later period(s))" if self.periods > 1 else ""
        head = f"{self.field} {self.baseline} -> {self.candidate}, {self.when}{more}"
        if self.difference is not None:
            return f"{head}: {self.difference.explanation} [{self.difference.how}]"
        return f"{head}: no difference found; tried {self.tried}"

    def to_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data."""
        return {
            "field": self.field,
            "baseline": self.baseline,
            "candidate": self.candidate,
            "first_day": self.first_day.isoformat(),
            "last_day": None if self.last_day is None else self.last_day.isoformat(),
            "periods": self.periods,
            "difference": None if self.difference is None else self.difference.to_dict(),
            "tried": self.tried,
            "explanation": self.explanation,
        }


@attrs.frozen(kw_only=True)
class SearchResult(JsonValue):
    """Every field that differs between two policies, each with a minimal example or
    what was tried; ``budget`` is the most generated cases per Hypothesis search."""

    baseline: str
    candidate: str
    budget: int
    changes: tuple[FieldChange, ...]

    @property
    def differences(self) -> tuple[Difference, ...]:
        """The minimal examples found, one per field change that has one."""
        return tuple(c.difference for c in self.changes if c.difference is not None)

    @property
    def not_found(self) -> tuple[str, ...]:
        """For each field change with no example, a sentence saying what was tried."""
        return tuple(c.explanation for c in self.changes if c.difference is None)

    @property
    def explanation(self) -> str:
        """Plain text: one line per field that differs."""
        if not self.changes:
            return (
                f"{self.candidate!r} and {self.baseline!r} agree on every figure on every "
                "day, in the same versions: no case can differ."
            )
        lines = [
            f"{len(self.changes)} change(s) between {self.baseline!r} and {self.candidate!r}, "
            f"{len(self.differences)} with an example:"
        ]
        lines += [f"  {c.explanation}" for c in self.changes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "baseline": self.baseline,
            "candidate": self.candidate,
            "budget": self.budget,
            "changes": [c.to_dict() for c in self.changes],
            "differences": [d.to_dict() for d in self.differences],
            "not_found": list(self.not_found),
            "explanation": self.explanation,
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per field that differs, for a DataFrame: its first period's days
        as ``date`` (``last_day`` ``None``: onward), the example's totals as ``Decimal``
        (``None`` when none was found)."""
        return [
            {
                "field": c.field,
                "baseline": c.baseline,
                "candidate": c.candidate,
                "first_day": c.first_day,
                "last_day": c.last_day,
                "periods": c.periods,
                "found": c.difference is not None,
                "how": None if c.difference is None else c.difference.how,
                "kind": None if c.difference is None else c.difference.kind,
                "baseline_total": None if c.difference is None else c.difference.baseline.total,
                "candidate_total": None if c.difference is None else c.difference.candidate.total,
                "explanation": c.explanation,
            }
            for c in self.changes
        ]

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): days as ``datetime64``, totals as ``Decimal``, how each example was found
        a categorical."""
        return to_frame(self.to_rows(), _CHANGE_FRAME)

    def _repr_html_(self) -> str:
        """The notebook view: the summary, then a table of the fields that differ with
        what was found for each (the example, or what was tried); every value is escaped."""
        head = paragraphs(self.explanation.splitlines()[0])
        if not self.changes:
            return view(head)
        rows = [
            (
                c.field,
                c.baseline,
                c.candidate,
                c.when + (f" (and {c.periods - 1} later period(s))" if c.periods > 1 else ""),
                Lines((f"{c.difference.explanation} [{c.difference.how}]",))
                if c.difference is not None
                else Lines((f"no difference found; tried {c.tried}",)),
            )
            for c in self.changes
        ]
        table = html_table(
            ("field", "baseline", "candidate", "when", "found"), rows, wrap={0, 1, 2}
        )
        return view(head, table)


def _label(policy: Policy | PolicySchedule) -> str:
    if isinstance(policy, Policy):
        return policy.label
    return " / ".join(v.policy.label for v in policy.versions)


def _cases(
    field: str, days: st.SearchStrategy[date], base: PolicySchedule, cand: PolicySchedule
) -> tuple[st.SearchStrategy[Case], str]:
    """Generated cases that can show ``field``, on ``days``, valid under either policy."""
    apps = st.one_of(
        *(applications(policy=p, submitted=days, max_offerings=2) for p in (base, cand))
    )
    roster_cases = st.one_of(
        *(
            rosters(policy=p, reported=days, max_rows=3, formats=tuple(ProgramFormat))
            for p in (base, cand)
        )
    ).map(lambda sample: sample.case())
    effect = FIELD_EFFECTS.get(field)
    if effect == "application":
        return apps, "applications"
    if effect == "roster":
        return roster_cases, "rosters"
    return st.one_of(apps, roster_cases), "applications and rosters"


def _search_field(
    field: str,
    days: st.SearchStrategy[date],
    where: str,
    base: PolicySchedule,
    cand: PolicySchedule,
    budget: int,
    period: Period | None = None,
) -> tuple[Difference | None, str]:
    """Hypothesis over ``days``: a minimal case whose outcome differs, or what was tried.

    Given the ``period``, a case must also change with ``field`` alone, in the
    baseline's or the candidate's setting (:func:`_differs_by`), so that an example found
    is one of this field's and not of another that differs too.
    """
    strategy, what = _cases(field, days, base, cand)
    alone = [] if period is None else _isolated(field, period)

    searched = search_counted(strategy, lambda case: _differs_by(case, base, cand, alone), budget)
    if searched.error is not None:
        return None, f"the search of generated {what} {where} could not run ({searched.error})"
    tried = f"searched {searched.assessed} generated {what} {where}"
    if searched.example is None:
        return None, tried
    return _difference(searched.example, base, cand, field, "searched"), tried


def _isolated(field: str, period: Period) -> list[tuple[PolicySchedule, PolicySchedule]]:
    """Pairs of policies that differ in ``field`` alone, each in force on every day: the
    baseline's version of the period against it with the candidate's value, and the
    candidate's version with the baseline's value against it.  A mix that is no valid
    policy (a maximum below the other's increment) is left out; there is no pair when
    one side has no version."""
    b, c = period.baseline, period.candidate
    if b is None or c is None:
        return []
    pairs = []
    for version, other in ((b, c), (c, b)):
        try:
            mixed = attrs.evolve(version, **{field: getattr(other, field)})
        except CecRulesError:
            continue
        pairs.append(
            (
                PolicySchedule.single(version, effective_from=date.min),
                PolicySchedule.single(mixed, effective_from=date.min),
            )
        )
    return pairs


def _differs_by(
    case: Case,
    base: PolicySchedule,
    cand: PolicySchedule,
    alone: Sequence[tuple[PolicySchedule, PolicySchedule]],
) -> bool:
    """Whether the case's outcome differs between the two schedules and also changes with
    the field alone (the pairs of :func:`_isolated`), in the baseline's setting or the
    candidate's: so that an example given for a field is one of that field, not of
    another that differs too.  With no pair to compare, a difference is enough."""
    if not outcomes_differ(outcome_of(case, base), outcome_of(case, cand)):
        return False
    return not alone or any(
        outcomes_differ(outcome_of(case, one), outcome_of(case, other)) for one, other in alone
    )


def _constructed(
    field: str, period: Period, base: PolicySchedule, cand: PolicySchedule
) -> tuple[Difference | None, str]:
    """The first built case for ``field`` whose outcome differs, by that field, and what
    was tried."""
    if field in NO_EFFECT:
        return None, f"nothing: {NO_EFFECT[field]}"
    attempt = build_attempt(field, period)
    alone = _isolated(field, period)
    for case in attempt.cases:
        if _differs_by(case, base, cand, alone):
            return _difference(case, base, cand, field, "constructed"), attempt.tried
    return None, attempt.tried


def find_differences(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    *,
    budget: int = 300,
) -> SearchResult:
    """Find, for every field that differs between two policies, a minimal case whose
    outcome differs, or say exactly what was tried.

    The two are split into periods on which the pair of versions in force stays
    the same (any date, from the schedules' own version dates).  For each field
    that differs with the same two values, in the first period where it does, a
    case is built from the field's meaning; when no built case differs,
    Hypothesis searches up to ``budget`` generated cases of that period.  A
    period in which only one is in force is a change too (``"policy in force"``).

    >>> import attrs
    >>> from cec_rules.policy import DEFAULT_POLICY
    >>> longer = attrs.evolve(DEFAULT_POLICY, label="60 days", reporting_window_days=60)
    >>> [c.field for c in find_differences(DEFAULT_POLICY, longer, budget=10).changes]
    ['reporting_window_days']
    """
    base, cand = as_schedule(baseline), as_schedule(candidate)
    changes = []
    for field, before, after, periods in field_changes(base, cand):
        period = periods[0]
        difference, tried = _constructed(field, period, base, cand)
        if difference is None and field not in NO_EFFECT:
            difference, searched = _search_field(
                field, period.dates(), period.text, base, cand, budget, period
            )
            tried = f"{tried}; then {searched}"
        changes.append(
            FieldChange(
                field=field,
                baseline=before,
                candidate=after,
                first_day=period.first,
                last_day=period.last,
                periods=len(periods),
                difference=difference,
                tried=tried,
            )
        )
    if not changes and structure(base) != structure(cand):
        changes.append(_versions_change(base, cand, budget))
    return SearchResult(
        baseline=_label(baseline),
        candidate=_label(candidate),
        budget=budget,
        changes=tuple(changes),
    )


def _spans(schedule: PolicySchedule) -> str:
    return ", ".join(
        Period(v.effective_from, v.effective_until, None, None).text for v in schedule.versions
    )


def _versions_change(base: PolicySchedule, cand: PolicySchedule, budget: int) -> FieldChange:
    """Schedules equal day by day but split apart: a version's own zone decides which
    version an aware moment falls in, so search aware cases around every version date."""
    difference, tried = _search_field(
        VERSIONS, version_dates(base, cand), "at and around every version date", base, cand, budget
    )
    return FieldChange(
        field=VERSIONS,
        baseline=_spans(base),
        candidate=_spans(cand),
        first_day=min(base.versions[0].effective_from, cand.versions[0].effective_from),
        last_day=None,
        periods=1,
        difference=difference,
        tried=f"nothing to build: every figure agrees on every day; {tried}",
    )


class InvariantStatus(enum.Enum):
    """What the check found for one invariant."""

    #: No policy can break it: a Policy refuses what would (see GUARANTEED).
    GUARANTEED = "guaranteed"
    #: Checked, and kept by every case assessed.
    KEPT = "kept"
    #: A case breaks it.
    BROKEN = "broken"
    #: No case could be assessed for it: not a pass.
    NOT_CHECKED = "not checked"


@attrs.frozen(kw_only=True)
class Violation(JsonValue):
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
class InvariantResult(JsonValue):
    """One invariant: its status, how many cases (or versions) were assessed for it,
    what was checked or why it needs no check, and the violations found."""

    invariant: str
    status: InvariantStatus
    assessed: int
    detail: str
    violations: tuple[Violation, ...] = ()

    @property
    def promise(self) -> str:
        """What the invariant promises."""
        return INVARIANTS[self.invariant]

    @property
    def explanation(self) -> str:
        """The invariant, its status and what was tested, as text."""
        head = f"{self.invariant} [{self.status.value}]: {self.promise}; {self.detail}"
        return "\n".join([head, *(f"    but {v.message}" for v in self.violations)])

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {
            "invariant": self.invariant,
            "promise": self.promise,
            "status": self.status.value,
            "assessed": self.assessed,
            "detail": self.detail,
            "violations": [v.to_dict() for v in self.violations],
        }


@attrs.frozen
class Gap(JsonValue):
    """Days on which no version of a schedule is in force: from ``first_day``, the first
    day uncovered, through ``last_day`` (``None``: onward)."""

    first_day: date
    last_day: date | None

    @property
    def explanation(self) -> str:
        """The gap as words."""
        return "no version is in force " + Period(self.first_day, self.last_day, None, None).text

    def to_dict(self) -> dict[str, str | None]:
        """Return the gap as JSON-ready data."""
        return {
            "first_day": self.first_day.isoformat(),
            "last_day": None if self.last_day is None else self.last_day.isoformat(),
        }


@attrs.frozen(kw_only=True)
class PolicyCheck(JsonValue):
    """A candidate's invariants: each one guaranteed, kept, broken or not checked,
    with how many cases were assessed for it, and the schedule's gaps."""

    label: str
    baseline: str
    budget: int
    results: tuple[InvariantResult, ...]
    gaps: tuple[Gap, ...] = ()

    def _with(self, status: InvariantStatus) -> tuple[InvariantResult, ...]:
        return tuple(r for r in self.results if r.status is status)

    @property
    def broken(self) -> tuple[InvariantResult, ...]:
        """The invariants a case breaks."""
        return self._with(InvariantStatus.BROKEN)

    @property
    def not_checked(self) -> tuple[InvariantResult, ...]:
        """The invariants no case could be assessed for."""
        return self._with(InvariantStatus.NOT_CHECKED)

    @property
    def violations(self) -> tuple[Violation, ...]:
        """Every violation found."""
        return tuple(v for r in self.results for v in r.violations)

    @property
    def ok(self) -> bool:
        """True when every invariant is guaranteed or kept: none broken, none unchecked."""
        return not self.broken and not self.not_checked

    @property
    def explanation(self) -> str:
        """Plain text: the verdict, then every invariant with what was tested."""
        checked = [r for r in self.results if r.status is not InvariantStatus.GUARANTEED]
        guaranteed = len(self.results) - len(checked)
        if self.broken:
            verdict = f"{self.label!r} breaks {len(self.broken)} invariant(s)"
        elif self.not_checked:
            verdict = (
                f"{self.label!r} could not be checked against {len(self.not_checked)} invariant(s)"
            )
        else:
            verdict = f"{self.label!r} keeps every invariant checked"
        verdict += (
            f" ({len(checked)} checked against the baseline {self.baseline!r} and its own "
            f"versions, up to {self.budget} generated cases each; {guaranteed} hold by "
            "construction):"
        )
        return "\n".join([verdict, *(f"  {r.explanation}" for r in self.results)])

    def to_dict(self) -> dict[str, Any]:
        """Return the check as JSON-ready data."""
        return {
            "label": self.label,
            "baseline": self.baseline,
            "budget": self.budget,
            "ok": self.ok,
            "invariants": [r.to_dict() for r in self.results],
            "gaps": [g.to_dict() for g in self.gaps],
            "violations": [v.to_dict() for v in self.violations],
            "explanation": self.explanation,
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per invariant, for a DataFrame: its status, how many cases were
        assessed for it, what was tested and its violations (joined by newlines)."""
        return [
            {
                "invariant": r.invariant,
                "status": r.status.value,
                "assessed": r.assessed,
                "promise": r.promise,
                "detail": r.detail,
                "violations": len(r.violations),
                "violation_messages": "\n".join(v.message for v in r.violations),
            }
            for r in self.results
        ]

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): the status a categorical of every status, counts as integers."""
        return to_frame(self.to_rows(), _INVARIANT_FRAME)

    def _repr_html_(self) -> str:
        """The notebook view: the verdict, a table of the invariants (each with what was
        tested and, under it, each violation), then the schedule's gaps; every value is
        escaped."""
        rows = [
            (
                r.invariant,
                r.status.value,
                r.promise,
                Lines((r.detail, *(f"but {v.message}" for v in r.violations))),
            )
            for r in self.results
        ]
        return view(
            paragraphs(self.explanation.splitlines()[0]),
            html_table(("invariant", "status", "promise", "what was tested"), rows, wrap={2}),
            bullets([g.explanation for g in self.gaps]),
        )


def _gaps(schedule: PolicySchedule) -> tuple[Gap, ...]:
    """The days from the schedule's first day on that no version covers."""
    gaps = []
    reach: date | None = None  # the last day covered so far
    for version in schedule.versions:  # in start order
        if reach is not None and (version.effective_from - reach).days > 1:
            gaps.append(Gap(reach + timedelta(days=1), version.effective_from - timedelta(days=1)))
        end = date.max if version.effective_until is None else version.effective_until
        reach = end if reach is None else max(reach, end)
    if reach is not None and reach < date.max:
        gaps.append(Gap(reach + timedelta(days=1), None))
    return tuple(gaps)


def _guest_fees(schedule: PolicySchedule) -> InvariantResult:
    violations = tuple(
        Violation(
            invariant="guest-not-cheaper",
            message=f"from {v.effective_from.isoformat()} ({v.policy.label!r}) a guest pays "
            f"{money_str(v.policy.guest_filing_fee)} and a member "
            f"{money_str(v.policy.member_filing_fee)}",
        )
        for v in schedule.versions
        if v.policy.guest_filing_fee < v.policy.member_filing_fee
        and not v.policy.guest_fee_below_member
    )
    count = len(schedule.versions)
    return InvariantResult(
        invariant="guest-not-cheaper",
        status=InvariantStatus.BROKEN if violations else InvariantStatus.KEPT,
        assessed=count,
        detail=f"checked on each of its {count} version(s)",
        violations=violations,
    )


def _coverage(schedule: PolicySchedule, gaps: tuple[Gap, ...]) -> InvariantResult:
    count = len(schedule.versions)
    first = schedule.versions[0].effective_from.isoformat()
    return InvariantResult(
        invariant="every-day-covered",
        status=InvariantStatus.BROKEN if gaps else InvariantStatus.KEPT,
        assessed=count,
        detail=f"checked over its {count} version(s), from its first day {first}",
        violations=tuple(
            Violation(
                invariant="every-day-covered",
                message=f"{gap.explanation} (first day uncovered: {gap.first_day.isoformat()})",
            )
            for gap in gaps
        ),
    )


def _largest_cases(schedule: PolicySchedule) -> Iterator[Application]:
    """For each version, on its first day, the most CECs it allows in three late
    offerings: the largest fee lines and sums it can be asked for."""
    for version in schedule.versions:
        policy = version.policy
        day = version.effective_from
        cecs = largest_multiple(policy.cec_maximum, policy.cec_increment)
        # Three offerings on the day of submission: late, and each charged on its own.
        yield application_case(cecs, day, [day] * 3)


def _assessable(application: Application, schedule: PolicySchedule) -> str | bool | None:
    """``None`` when the case cannot be assessed for this invariant (no version in
    force: that is a gap, reported apart); the error's message when assessing it
    fails; ``False`` when it is assessed."""
    try:
        assess_application(application, schedule).total  # noqa: B018 - the sum may overflow
    except (PolicyNotInForce, InvalidCredits):
        return None
    except CecRulesError as error:
        return error.message
    return False


def _computable(schedule: PolicySchedule, budget: int) -> InvariantResult:
    violations = []
    assessed = 0
    for application in _largest_cases(schedule):
        # In force on its version's first day, with CECs it allows: always assessed.
        verdict = _assessable(application, schedule)
        assessed += 1
        if isinstance(verdict, str):
            violations.append(_unassessable(application, verdict))
    built = assessed

    def fails(application: Application) -> bool | None:
        verdict = _assessable(application, schedule)
        return None if verdict is None else verdict is not False

    searched, note = _then_search(
        applications(policy=schedule, submitted=version_dates(schedule)),
        fails,
        budget,
        broken=bool(violations),
    )
    assessed += searched.assessed
    if searched.example is not None:
        reason = _assessable(searched.example, schedule)
        assert isinstance(reason, str)
        violations.append(_unassessable(searched.example, reason))
    steps = ", ".join(sorted({str(v.policy.cec_increment) for v in schedule.versions}))
    detail = (
        f"{assessed} application(s) assessed: {built} with the most CECs of each version, "
        f"{searched.assessed} generated with CECs valid under the version in force (step "
        f"{steps}), submitted at and around its version dates, some at aware times{note}"
    )
    return _result("fees-computable", assessed, detail, violations)


def _unassessable(application: Application, reason: str) -> Violation:
    starts = dates_text([o.start for o in application.offerings])
    return Violation(
        invariant="fees-computable",
        message=f"an application of {application.program.cecs} CEC submitted "
        f"{application.submitted.isoformat()} for offering(s) starting {starts} cannot be "
        f"assessed: {reason}",
    )


def _then_search(
    strategy: st.SearchStrategy[T],
    condition: Callable[[T], bool | None],
    budget: int,
    *,
    broken: bool,
) -> tuple[Searched, str]:
    """The generated search of an invariant, unless a built case already breaks it, and
    a note for its detail saying what became of the search."""
    if broken:
        return Searched(None, 0), "; no case was generated: a built case already breaks it"
    searched = search_counted(strategy, condition, budget)
    if searched.error is not None:
        return searched, f"; the generated search could not run ({searched.error})"
    return searched, ""


def _result(
    invariant: str, assessed: int, detail: str, violations: Sequence[Violation]
) -> InvariantResult:
    if violations:
        status = InvariantStatus.BROKEN
    elif assessed == 0:
        status = InvariantStatus.NOT_CHECKED
    else:
        status = InvariantStatus.KEPT
    return InvariantResult(
        invariant=invariant,
        status=status,
        assessed=assessed,
        detail=detail,
        violations=tuple(violations),
    )


def _credits_kept(
    base: PolicySchedule, cand: PolicySchedule, baseline_label: str, budget: int
) -> InvariantResult:
    """Cases in which the baseline gives credits, compared under the candidate: one
    built for each field that differs, then generated ones valid under the baseline,
    on the days on which both are in force."""
    shared = [p for p in split_periods(base, cand) if p.baseline and p.candidate]
    if not shared:
        return _result(
            "no-credits-lost",
            0,
            f"{baseline_label!r} and the candidate are never in force on the same day, so "
            "no case can be compared",
            (),
        )
    violations: list[Violation] = []
    assessed = 0
    fields = []
    for field, _, _, periods in field_changes(base, cand):
        inside = [p for p in periods if p.baseline and p.candidate]
        if field == IN_FORCE or not inside or field in NO_EFFECT:
            continue
        fields.append(field)
        for case in build_attempt(field, inside[0]).cases:
            before = outcome_of(case, base)
            if not credited(before):  # the baseline gives no credit: nothing to lose
                continue
            assessed += 1
            after = outcome_of(case, cand)
            lost = lost_credits(before, after)
            if lost:
                violations.append(_lost_violation(field, case, base, cand, lost))
                break
    built = assessed
    days = st.sampled_from(shared).flatmap(lambda period: period.dates())
    generated = st.one_of(
        applications(policy=base, submitted=days),
        rosters(policy=base, reported=days, max_rows=3, formats=tuple(ProgramFormat)).map(
            lambda sample: sample.case()
        ),
    )

    def loses(case: Case) -> bool | None:
        before = outcome_of(case, base)
        if not credited(before):
            return None
        return bool(lost_credits(before, outcome_of(case, cand)))

    searched, note = _then_search(generated, loses, budget, broken=bool(violations))
    assessed += searched.assessed
    if searched.example is not None:
        case = searched.example
        lost = lost_credits(outcome_of(case, base), outcome_of(case, cand))
        violations.append(_lost_violation(None, case, base, cand, lost))
    when = "; ".join(p.text for p in shared[:3]) + (" ..." if len(shared) > 3 else "")
    detail = (
        f"{assessed} case(s) in which {baseline_label!r} gives credits compared under the "
        f"candidate: {built} built for the figures that differ ("
        f"{', '.join(dict.fromkeys(fields)) or 'none'}), {searched.assessed} generated "
        "applications and rosters valid under the baseline, on the days both are in force "
        f"({when}){note}"
    )
    return _result("no-credits-lost", assessed, detail, violations)


def _lost_violation(
    field: str | None, case: Case, base: PolicySchedule, cand: PolicySchedule, lost: list[str]
) -> Violation:
    difference = _difference(
        case, base, cand, field, "searched" if field is None else "constructed"
    )
    cause = "" if field is None else f"{field} differs, and "
    shown = "; ".join(lost[:3]) + (f"; and {len(lost) - 3:,} more" if len(lost) > 3 else "")
    return Violation(
        invariant="no-credits-lost",
        message=f"{cause}credits are lost ({shown}) in {difference.explanation}",
    )


def check_policy(
    policy: Policy | PolicySchedule,
    *,
    baseline: Policy | PolicySchedule = DEFAULT_POLICY,
    budget: int = 200,
) -> PolicyCheck:
    """Check ``policy`` (the candidate) and say, for each invariant, what was tested.

    Three invariants hold by construction and are listed as guaranteed, with
    the reason.  The others are checked on the candidate's own versions
    (``guest-not-cheaper``, ``every-day-covered``, with each gap's first day
    uncovered), on applications valid under its own figures
    (``fees-computable``), and against ``baseline`` (default: the rule book)
    on the days both are in force (``no-credits-lost``).  Each result counts
    the cases assessed; none assessed is :attr:`InvariantStatus.NOT_CHECKED`.
    ``budget`` is the most generated cases per Hypothesis search.

    >>> check = check_policy(DEFAULT_POLICY, budget=5)
    >>> [(r.invariant, r.status.value) for r in check.results][:4]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('fees-never-negative', 'guaranteed'), ('late-never-cheaper', 'guaranteed'),
     ('more-cecs-never-cheaper', 'guaranteed'), ('guest-not-cheaper', 'kept')]
    """
    schedule, base = as_schedule(policy), as_schedule(baseline)
    results = [
        InvariantResult(
            invariant=invariant,
            status=InvariantStatus.GUARANTEED,
            assessed=0,
            detail=f"guaranteed by construction: {reason}",
        )
        for invariant, reason in GUARANTEED.items()
    ]
    gaps = _gaps(schedule)
    results += [
        _guest_fees(schedule),
        _coverage(schedule, gaps),
        _computable(schedule, budget),
        _credits_kept(base, schedule, _label(baseline), budget),
    ]
    return PolicyCheck(
        label=_label(policy),
        baseline=_label(baseline),
        budget=budget,
        results=tuple(results),
        gaps=gaps,
    )


# The columns of SearchResult.to_frame and PolicyCheck.to_frame, in the order of their
# to_rows, with their types.
_CHANGE_FRAME = (
    Column("field", ColumnType.TEXT),
    Column("baseline", ColumnType.TEXT),
    Column("candidate", ColumnType.TEXT),
    Column("first_day", ColumnType.DATE),
    Column("last_day", ColumnType.DATE),
    Column("periods", ColumnType.INTEGER),
    Column("found", ColumnType.FLAG),
    Column.category("how", ["constructed", "searched"]),
    Column("kind", ColumnType.TEXT),
    Column("baseline_total", ColumnType.DECIMAL),
    Column("candidate_total", ColumnType.DECIMAL),
    Column("explanation", ColumnType.TEXT),
)
_INVARIANT_FRAME = (
    Column("invariant", ColumnType.TEXT),
    Column.category("status", [s.value for s in InvariantStatus]),
    Column("assessed", ColumnType.INTEGER),
    Column("promise", ColumnType.TEXT),
    Column("detail", ColumnType.TEXT),
    Column("violations", ColumnType.INTEGER),
    Column("violation_messages", ColumnType.TEXT),
)
