"""A case's outcome under a policy, and what two outcomes differ in
(for :mod:`cec_rules.search`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeAlias

import attrs

from cec_rules.compare import (
    Outcome,
    RosterCase,
    Subject,
    application_outcome,
    describe_decision,
    describe_subject,
    roster_outcome,
)
from cec_rules.deadlines import OfferingTiming
from cec_rules.policy import PolicySchedule
from cec_rules.program import Application
from cec_rules.roster import Severity

Case: TypeAlias = Application | RosterCase


def outcome_of(case: Case, schedule: PolicySchedule) -> Outcome:
    """The case's outcome under the schedule; a refusal is an outcome, not an error."""
    if isinstance(case, Application):
        return application_outcome(case, schedule)
    return roster_outcome(case, schedule)


def outcomes_differ(before: Outcome, after: Outcome) -> bool:
    """Whether two outcomes differ in a fee part or a decision (an error's wording aside)."""
    return (
        before.application_fee,
        before.late_surcharge,
        before.filing_fee,
        before.decisions,
    ) != (after.application_fee, after.late_surcharge, after.filing_fee, after.decisions)


def change_kind(case: Case, before: Outcome, after: Outcome) -> str:
    """What kind of change the case shows: ``application fee``, ``roster decision``, ..."""
    what = "application" if isinstance(case, Application) else "roster"
    if before.decisions != after.decisions:
        return f"{what} decision"
    return "application fee" if what == "application" else "roster filing fee"


def why_no_rows(case: Case, outcome: Outcome, schedule: PolicySchedule) -> Outcome:
    """An outcome with no row decided and no error: the file was refused as a whole, and
    the outcome then carries the file's findings as its error; or it holds no data row,
    and the outcome is left as it is."""
    if isinstance(case, Application) or outcome.decisions or outcome.error is not None:
        return outcome
    report = case.check(schedule)
    found = "; ".join(
        f"{f.code}: {f.message}" for f in report.file_findings if f.severity is Severity.ERROR
    )
    if not found:
        return outcome
    return attrs.evolve(outcome, error=f"the file is refused as a whole ({found})")


def gives_credit(decision: str | OfferingTiming | None) -> bool:
    """Whether a decision lets attendees earn credits: an accepted row, a reviewed offering."""
    return decision == "accepted" or decision in (OfferingTiming.ON_TIME, OfferingTiming.LATE)


def credited(outcome: Outcome) -> bool:
    """Whether any attendee earns credits in this outcome."""
    return any(gives_credit(decision) for _, decision in outcome.decisions)


def lost_credits(before: Outcome, after: Outcome) -> list[str]:
    """What the baseline gives credits for and the candidate does not, in words."""
    later: dict[Subject, str | OfferingTiming] = dict(after.decisions)
    # A subject the candidate does not decide on: the whole case was refused, or (a
    # roster refused as a whole) no row was read.
    whole = later.get("application", later.get("roster", "not read"))
    return [
        f"{describe_subject(subject)}: {describe_decision(decision)} -> "
        f"{describe_decision(later.get(subject, whole))}"
        for subject, decision in before.decisions
        if gives_credit(decision) and not gives_credit(later.get(subject))
    ]


def row_count(case: RosterCase) -> int:
    """The number of data rows of a constructed or generated roster."""
    return case.source.count(b"\n") - 1


def decisions_text(outcome: Outcome, shown: int = 4) -> str:
    """The first ``shown`` decisions of an outcome, how many more, and its error, as text."""
    parts = [
        f"{describe_subject(subject)}: {describe_decision(decision)}"
        for subject, decision in outcome.decisions[:shown]
    ]
    if len(outcome.decisions) > shown:
        parts.append(f"and {len(outcome.decisions) - shown:,} more")
    if outcome.error is not None:
        parts.append(outcome.error)
    return "; ".join(parts) or "no row read"


def dates_text(starts: Sequence[date]) -> str:
    """Dates as ISO text, separated by commas."""
    return ", ".join(s.isoformat() for s in starts)
