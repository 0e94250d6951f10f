"""When credits may be issued, and when an application may go to review.

:func:`credit_decision` decides whether one attendee's CECs may be issued for
one roster: the program is approved (`approval-first`) and carries CECs the
policy allows (`cec-amount`), the attendee's row was
accepted in a roster reported within its window (`reporting-window`,
`self-paced-window`), the attendee is not claimed twice (`one-claim`), the
roster's filing fee is paid in full (`fee-before-credit`), and the roster's CECs
were not issued already (`one-claim`).  The decision lists
every unmet condition with its rule, not only the first; a positive decision
carries the :class:`Award`.

:func:`review_decision` decides whether an application may go to review: not
every offering is past (`past-program`) and the application fee is paid in
full (`application-fee`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cec_rules.errors import InvalidArgument, InvalidCredits
from cec_rules.fees import ApplicationAssessment, AssessmentStatus
from cec_rules.lifecycle import ApplicationStatus, History, RosterStatus
from cec_rules.money import check_credits, format_money, subtract_money
from cec_rules.program import Offering
from cec_rules.roster import FIELDS, AcceptedAttendee, RefusedRow, RosterReport, Severity

__all__ = [
    "Award",
    "Condition",
    "CreditDecision",
    "ReviewDecision",
    "credit_decision",
    "review_decision",
]


@attrs.frozen
class Condition:
    """One unmet condition: the rule it comes from and what is missing."""

    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the condition as JSON-ready data."""
        return {"rule": self.rule, "message": self.message}


@attrs.frozen(kw_only=True)
class Award:
    """CECs that may be issued to one attendee for one offering."""

    aast_id: str
    program_id: str
    offering: Offering
    cecs: Decimal
    completion_date: date

    def to_dict(self) -> dict[str, Any]:
        """Return the award as JSON-ready data."""
        return {
            "aast_id": self.aast_id,
            "program_id": self.program_id,
            "offering": self.offering.to_dict(),
            "cecs": str(self.cecs),
            "completion_date": self.completion_date.isoformat(),
        }


def _explain(subject: str, verdict: str, unmet: tuple[Condition, ...]) -> str:
    if not unmet:
        return f"{subject}: {verdict}."
    reasons = "; ".join(f"{c.message} ({c.rule})" for c in unmet)
    return f"{subject}: no, because {reasons}."


@attrs.frozen(kw_only=True)
class CreditDecision:
    """Whether an attendee's CECs may be issued, and every reason why not."""

    aast_id: str
    unmet: tuple[Condition, ...]
    award: Award | None

    @property
    def eligible(self) -> bool:
        """True when every condition is met."""
        return not self.unmet

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules of the unmet conditions, or of every condition when all are met."""
        if self.unmet:
            return tuple(dict.fromkeys(c.rule for c in self.unmet))
        return (
            "approval-first",
            "cec-amount",
            "reporting-window",
            "one-claim",
            "fee-before-credit",
        )

    @property
    def explanation(self) -> str:
        """A sentence a member of staff could paste into a message to a provider."""
        verdict = ""
        if self.award is not None:
            verdict = (
                f"{self.award.cecs} CEC may be issued for {self.award.program_id}, completed "
                f"{self.award.completion_date.isoformat()}"
            )
        return _explain(f"Credits for {self.aast_id}", verdict, self.unmet)

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data."""
        return {
            "aast_id": self.aast_id,
            "eligible": self.eligible,
            "unmet": [c.to_dict() for c in self.unmet],
            "award": None if self.award is None else self.award.to_dict(),
            "rules": list(self.rules),
            "explanation": self.explanation,
        }


def credit_decision(
    aast_id: str, *, report: RosterReport, history: History, roster: str
) -> CreditDecision:
    """Decide whether ``aast_id``'s CECs may be issued for the roster ``report``.

    ``history`` is the folded lifecycle of the program's application, in which
    the roster is named ``roster``.
    """
    if not isinstance(aast_id, str):
        raise InvalidArgument(f"aast_id must be text, got {aast_id!r}")
    _check_kind(report, RosterReport, "report", "a RosterReport from check_roster")
    _check_kind(history, History, "history", "a History from fold")
    aast_id = aast_id.strip()
    unmet: list[Condition] = []
    if history.status is not ApplicationStatus.APPROVED:
        unmet.append(
            Condition("approval-first", f"the application is {history.status.value}, not approved")
        )
    policy = report.policy
    try:
        check_credits(
            report.program.cecs, increment=policy.cec_increment, maximum=policy.cec_maximum
        )
    except InvalidCredits as error:  # a program no application could have had approved
        unmet.append(Condition("cec-amount", str(error)))
    attendee = _accepted(report, aast_id)
    if attendee is None:
        unmet.extend(_row_conditions(report, aast_id))
    state = history.rosters.get(roster)
    if state is None:
        unmet.append(Condition("fee-before-credit", f"roster {roster!r} has no reported event yet"))
    elif state.status is RosterStatus.CECS_ISSUED:
        # Issued once: a second issue would credit the attendee twice.
        unmet.append(Condition("one-claim", f"roster {roster!r} already had its CECs issued"))
    else:
        # The fee is the report's, whatever the history recorded as due: a history that
        # took a smaller fee must not let credits through unpaid.
        fee = max(state.due, report.filing_fee)
        if state.paid < fee:
            unmet.append(
                Condition(
                    "fee-before-credit",
                    f"roster {roster!r} has {format_money(subtract_money(fee, state.paid))} of its "
                    f"{format_money(fee)} filing fee unpaid",
                )
            )
    award = None
    if not unmet:
        assert attendee is not None
        program_id = report.program.program_id
        assert program_id is not None
        award = Award(
            aast_id=aast_id,
            program_id=program_id,
            offering=report.offering,
            cecs=report.program.cecs,
            completion_date=attendee.completion_date,
        )
    return CreditDecision(aast_id=aast_id, unmet=tuple(unmet), award=award)


def _check_kind(value: object, kind: type, name: str, wanted: str) -> None:
    if not isinstance(value, kind):
        raise InvalidArgument(f"{name} must be {wanted}, got {type(value).__name__}")


def _accepted(report: RosterReport, aast_id: str) -> AcceptedAttendee | None:
    return next((a for a in report.accepted if a.aast_id == aast_id), None)


def _holds(row: RefusedRow, aast_id: str) -> bool:
    """Whether the refused ``row`` is the attendee's: its AAST ID cell is ``aast_id``.

    Its cells are one per field, in the order of :data:`FIELDS`, unless it was
    ragged: then they are as read, in the file's order, and any of them may be
    the ID.
    """
    if "row-ragged" in row.codes:
        return aast_id in map(str.strip, row.cells)
    return len(row.cells) == len(FIELDS) and row.cells[1].strip() == aast_id


def _row_conditions(report: RosterReport, aast_id: str) -> list[Condition]:
    if report.file_refused:
        return [Condition("row-conservation", "the roster file was refused as a whole")]
    conditions: dict[str, Condition] = {}
    for row in report.refused:
        if not _holds(row, aast_id):
            continue
        for finding in row.findings:
            if finding.severity is not Severity.ERROR:
                continue
            rule = finding.rule
            conditions.setdefault(
                rule, Condition(rule, f"row {row.row} was refused: {finding.message}")
            )
    if not conditions:
        return [Condition("reporting-window", "no row of the roster reports this attendee")]
    return list(conditions.values())


@attrs.frozen(kw_only=True)
class ReviewDecision:
    """Whether an application may go to review, and every reason why not."""

    reference: str
    unmet: tuple[Condition, ...]

    @property
    def eligible(self) -> bool:
        """True when the application may go to review."""
        return not self.unmet

    @property
    def explanation(self) -> str:
        """A sentence a person can read."""
        subject = f"Review of {self.reference or 'the application'}"
        return _explain(subject, "it may go to review", self.unmet)

    def to_dict(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data."""
        return {
            "reference": self.reference,
            "eligible": self.eligible,
            "unmet": [c.to_dict() for c in self.unmet],
            "explanation": self.explanation,
        }


def review_decision(assessment: ApplicationAssessment, history: History) -> ReviewDecision:
    """Decide whether the assessed application may go to review.

    Every offering past (`past-program`), the fee not paid in full
    (`application-fee`), a withdrawn application (`non-refundable`) and one
    already decided are each reported.
    """
    _check_kind(
        assessment,
        ApplicationAssessment,
        "assessment",
        "an ApplicationAssessment from assess_application",
    )
    _check_kind(history, History, "history", "a History from fold")
    unmet = []
    if assessment.status is AssessmentStatus.REFUSED:
        unmet.append(Condition("past-program", "every offering started before submission"))
    elif history.paid < assessment.total:
        unmet.append(
            Condition(
                "application-fee",
                f"{format_money(assessment.total - history.paid)} of the "
                f"{format_money(assessment.total)} application fee is unpaid",
            )
        )
    if history.status is ApplicationStatus.WITHDRAWN:
        unmet.append(Condition("non-refundable", "the application was withdrawn"))
    elif history.status in (ApplicationStatus.APPROVED, ApplicationStatus.DENIED):
        unmet.append(
            Condition("application-fee", f"the application was already {history.status.value}")
        )
    return ReviewDecision(reference=assessment.application.reference, unmet=tuple(unmet))
