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

:func:`roster_credits` decides every attendee of a roster at once, in time
linear in the roster, and returns :class:`RosterCredits`: the awards, the
refusals with their conditions, and the refused rows that name no attendee.

How the roster is read: the first decision about a report indexes it, once, by
AAST ID (each accepted attendee's place, and each refused row's conditions),
and every later decision about the same report looks the attendee up in that
index, in constant time.  The index is kept by the report's identity for as
long as the report lives, and never changes the report (see :func:`_index`).

:func:`review_decision` decides whether an application may go to review: not
every offering is past (`past-program`) and the application fee is paid in
full (`application-fee`).
"""

from __future__ import annotations

import decimal
import itertools
import operator
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from cec_rules.errors import InvalidArgument, InvalidCredits, RosterMismatch
from cec_rules.fees import ApplicationAssessment, AssessmentStatus
from cec_rules.jsonio import JsonValue
from cec_rules.lifecycle import (
    ApplicationStatus,
    History,
    RosterState,
    RosterStatus,
    report_reference,
)
from cec_rules.money import check_credits, format_money, subtract_money
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
from cec_rules.program import Offering
from cec_rules.roster import FIELDS, RefusedRow, RosterReport, Severity

__all__ = [
    "Award",
    "Condition",
    "CreditDecision",
    "ReviewDecision",
    "RosterCredits",
    "credit_decision",
    "review_decision",
    "roster_credits",
]


@attrs.frozen
class Condition(JsonValue):
    """One unmet condition: the rule it comes from and what is missing."""

    rule: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the condition as JSON-ready data."""
        return {"rule": self.rule, "message": self.message}


@attrs.frozen(kw_only=True)
class Award(JsonValue):
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


#: The rules every positive credit decision has checked.
_CREDIT_RULES = (
    "approval-first",
    "cec-amount",
    "reporting-window",
    "one-claim",
    "fee-before-credit",
)


@attrs.frozen(kw_only=True)
class CreditDecision(JsonValue):
    """Whether an attendee's CECs may be issued, and every reason why not.

    ``rows`` are the numbers of the roster's rows that hold the attendee's AAST
    ID, accepted or refused, in row order (none when no row does).
    """

    aast_id: str
    unmet: tuple[Condition, ...]
    award: Award | None
    rows: tuple[int, ...] = ()

    @property
    def eligible(self) -> bool:
        """True when every condition is met."""
        return not self.unmet

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules of the unmet conditions, or of every condition when all are met."""
        if self.unmet:
            return tuple(dict.fromkeys(c.rule for c in self.unmet))
        return _CREDIT_RULES

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
            "rows": list(self.rows),
            "rules": list(self.rules),
            "explanation": self.explanation,
        }


def credit_decision(
    aast_id: str, *, report: RosterReport, history: History, roster: str | None = None
) -> CreditDecision:
    """Decide whether ``aast_id``'s CECs may be issued for the roster ``report``.

    ``history`` is the folded lifecycle of the program's application.  The
    roster is the one the history reported from ``report``
    (:meth:`~cec_rules.lifecycle.Event.roster_reported`); name it with
    ``roster`` only when its events were written by hand, without the report's
    reference.  A ``roster`` reported from another report raises
    :class:`~cec_rules.errors.RosterMismatch`.

    The first decision about a report reads the whole report once; every later
    one about the same report takes constant time.
    """
    if not isinstance(aast_id, str):
        raise InvalidArgument(f"aast_id must be text, got {aast_id!r}")
    index, common = _prepare(report, history, roster)
    return _decide(aast_id.strip(), index, report, common)


def roster_credits(
    report: RosterReport, history: History, *, roster: str | None = None
) -> RosterCredits:
    """Decide every attendee of the roster ``report`` at once, in time linear in the roster.

    Each AAST ID the roster names gets the decision :func:`credit_decision`
    would give it, in the order of the row that first names it; the refused rows
    that name no attendee (a ragged row, a blank AAST ID) are listed with their
    findings.  ``history`` and ``roster`` are as for :func:`credit_decision`.
    """
    index, common = _prepare(report, history, roster)
    return RosterCredits(
        roster=common.roster,
        report=index.reference,
        program_id=index.program_id,
        offering=report.offering,
        file_refused=index.file_refused,
        decisions=tuple(_decide(aast_id, index, report, common) for aast_id in index.named),
        unnamed=index.unnamed,
    )


@attrs.frozen(kw_only=True)
class RosterCredits(JsonValue):
    """Every attendee of one roster decided at once, as :func:`roster_credits` returns it.

    ``roster`` is the roster's name in the history (``None`` when no roster was
    reported from the report) and ``report`` the report's reference.
    ``decisions`` holds one :class:`CreditDecision` per AAST ID the roster names,
    in the order of the row that first names it; ``unnamed`` the refused rows
    that name no attendee, with their findings.
    """

    roster: str | None
    report: str
    program_id: str
    offering: Offering
    file_refused: bool
    decisions: tuple[CreditDecision, ...]
    unnamed: tuple[RefusedRow, ...]

    @property
    def awards(self) -> tuple[Award, ...]:
        """What may be issued: one award per eligible attendee, in row order."""
        return tuple(d.award for d in self.decisions if d.award is not None)

    @property
    def refusals(self) -> tuple[CreditDecision, ...]:
        """The decisions that award nothing, each with every unmet condition."""
        return tuple(d for d in self.decisions if d.unmet)

    @property
    def cecs(self) -> Decimal:
        """The CECs of every award added up (the program's CECs times the awards)."""
        awards = self.awards
        if not awards:
            return Decimal(0)
        # Every award carries the program's CECs; the product is exact whatever the count.
        return _EXACT.multiply(awards[0].cecs, Decimal(len(awards)))

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind these decisions, each once."""
        cited = dict.fromkeys(rule for d in self.decisions for rule in d.rules)
        cited.update(dict.fromkeys(_row_rules(self.unnamed)))
        if self.file_refused:
            cited["row-conservation"] = None
        return tuple(cited) or _CREDIT_RULES

    @property
    def explanation(self) -> str:
        """A summary a person can read, then the reasons of every refusal and unnamed row."""
        subject = f"roster {self.roster!r}" if self.roster else f"the report {self.report}"
        head = f"Credits for {subject} ({self.program_id}, offering {self.offering.start}):"
        if self.file_refused:
            lines = [
                f"{head} the roster file was refused as a whole, so no attendee may be "
                "credited (row-conservation)."
            ]
        else:
            lines = [
                f"{head} {len(self.awards)} attendee(s) may be issued {self.cecs} CEC in all; "
                f"{len(self.refusals)} refused; {len(self.unnamed)} refused row(s) name no "
                "attendee."
            ]
        lines += [d.explanation for d in self.refusals]
        lines += [f"Row {r.row} names no attendee: {_row_reasons(r)}." for r in self.unnamed]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Return every decision as JSON-ready data."""
        return {
            "roster": self.roster,
            "report": self.report,
            "program_id": self.program_id,
            "offering": self.offering.to_dict(),
            "file_refused": self.file_refused,
            "awarded": len(self.awards),
            "refused": len(self.refusals),
            "cecs": str(self.cecs),
            "decisions": [d.to_dict() for d in self.decisions],
            "unnamed": [r.to_dict() for r in self.unnamed],
            "rules": list(self.rules),
            "explanation": self.explanation,
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per attendee and per unnamed row, in row order, for a DataFrame:
        an award's CECs as ``Decimal`` (they add up to :attr:`cecs`) and its completion
        date as ``date``; ``rules`` the rules of the unmet conditions, joined by ";"."""
        rows: list[dict[str, Any]] = [
            {
                "row": d.rows[0],
                "aast_id": d.aast_id,
                "status": "refused" if d.award is None else "awarded",
                "cecs": None if d.award is None else d.award.cecs,
                "completion_date": None if d.award is None else d.award.completion_date,
                "rules": ";".join(c.rule for c in d.unmet),
                "explanation": d.explanation,
            }
            for d in self.decisions
        ]
        rows += [
            {
                "row": r.row,
                "aast_id": None,
                "status": "unnamed",
                "cecs": None,
                "completion_date": None,
                "rules": ";".join(_row_rules((r,))),
                "explanation": f"Row {r.row} names no attendee: {_row_reasons(r)}.",
            }
            for r in self.unnamed
        ]
        rows.sort(key=operator.itemgetter("row"))
        return rows

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): CECs as ``Decimal``, completion dates as ``datetime64``, the status a
        categorical."""
        return to_frame(self.to_rows(), _FRAME)

    def _repr_html_(self) -> str:
        """The notebook view: the summary, then a table of every refusal and unnamed row
        with each reason on its own line (and a finding's hint under it); every value
        is escaped."""
        rows: list[tuple[int, str | None, str, Lines]] = [
            (
                d.rows[0],
                d.aast_id,
                "refused",
                Lines(tuple(f"{c.message} ({c.rule})" for c in d.unmet)),
            )
            for d in self.refusals
        ]
        rows += [
            (
                r.row,
                None,
                "unnamed",
                Lines(
                    tuple(f"{f.message} ({f.rule})" for f in _errors(r)),
                    hints=tuple(f.hint for f in _errors(r)),
                ),
            )
            for r in self.unnamed
        ]
        rows.sort(key=operator.itemgetter(0))
        summary = paragraphs(self.explanation.splitlines()[0])
        if not rows:
            return view(summary)
        table = html_table(("row", "aast_id", "status", "why"), rows, wrap={1})
        return view(summary, bold("Refused"), table)


# The columns of RosterCredits.to_frame, in the order of to_rows, with their types.
_FRAME = (
    Column("row", ColumnType.INTEGER),
    Column("aast_id", ColumnType.TEXT),
    Column.category("status", ["awarded", "refused", "unnamed"]),
    Column("cecs", ColumnType.DECIMAL),
    Column("completion_date", ColumnType.DATE),
    Column("rules", ColumnType.TEXT),
    Column("explanation", ColumnType.TEXT),
)


# Products of CEC counts: exact whatever the caller's context (see cec_rules.money).
_EXACT = decimal.Context(prec=decimal.MAX_PREC, traps=[decimal.InvalidOperation])


def _errors(row: RefusedRow) -> list[Any]:
    return [f for f in row.findings if f.severity is Severity.ERROR]


def _row_rules(rows: tuple[RefusedRow, ...]) -> list[str]:
    return [f.rule for r in rows for f in _errors(r)]


def _row_reasons(row: RefusedRow) -> str:
    return "; ".join(f"{f.message} ({f.rule})" for f in _errors(row))


# --------------------------------------------------------------------------
# The index of a report, and the decisions read from it


@attrs.frozen(kw_only=True)
class _Index:
    """What credit decisions read from one report, found in one pass over it.

    It holds no reference to the report, so that keeping it does not keep the
    report alive (see :func:`_index`).
    """

    reference: str
    program_id: str
    file_refused: bool
    # The report's filing fee, and its `cec-amount` condition (none when the program's
    # CECs are allowed): each reads the report's columns, so each is found once.
    filing_fee: Decimal
    cec_amount: tuple[Condition, ...]
    # The place in report.accepted of each accepted AAST ID (the first, should a
    # report built by hand accept one twice).
    accepted: Mapping[str, int]
    # For each AAST ID that refused rows hold: those rows' numbers, and the
    # conditions of their errors, one per rule (the first met).
    refused: Mapping[str, tuple[list[int], dict[str, Condition]]]
    # The AAST IDs the roster names, in the order of the row that first names each.
    named: tuple[str, ...]
    # The refused rows that name no attendee.
    unnamed: tuple[RefusedRow, ...]


def _holders(row: RefusedRow) -> tuple[str | None, set[str]]:
    """The AAST ID the refused ``row`` names (``None`` when it names none), and every AAST
    ID whose decision it bears on.

    Its cells are one per field, in the order of :data:`FIELDS`, and its AAST ID
    is its second cell, unless it was ragged: then they are as read, in the
    file's order, and any of them may be the ID, so the row bears on each and
    names none.  A row of another shape (built by hand) bears on no one.
    """
    if "row-ragged" in row.codes:
        return None, set(map(str.strip, row.cells))
    if len(row.cells) != len(FIELDS):
        return None, set()
    aast_id = row.cells[1].strip()
    return aast_id or None, {aast_id}


def _build(report: RosterReport) -> _Index:
    ids = report.accepted.aast_ids
    # Reversed, so that the first place of an ID is the one the dict keeps.
    accepted = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
    refused: dict[str, tuple[list[int], dict[str, Condition]]] = {}
    named_rows: list[tuple[int, str]] = []
    unnamed: list[RefusedRow] = []
    for row in report.refused:
        named, holders = _holders(row)
        if named is None:
            unnamed.append(row)
        else:
            named_rows.append((row.row, named))
        conditions = [
            Condition(f.rule, f"row {row.row} was refused: {f.message}") for f in _errors(row)
        ]
        for aast_id in holders:
            rows, by_rule = refused.setdefault(aast_id, ([], {}))
            rows.append(row.row)
            for condition in conditions:
                by_rule.setdefault(condition.rule, condition)
    # Both runs are in row order, so sorting them is merging them: one pass.
    first_rows = sorted(itertools.chain(zip(report.accepted.rows, ids, strict=True), named_rows))
    program_id = report.program.program_id
    assert program_id is not None  # check_roster refuses a program without one
    policy = report.policy
    try:
        check_credits(
            report.program.cecs, increment=policy.cec_increment, maximum=policy.cec_maximum
        )
        cec_amount: tuple[Condition, ...] = ()
    except InvalidCredits as error:  # a program no application could have had approved
        cec_amount = (Condition("cec-amount", str(error)),)
    return _Index(
        reference=report_reference(report),
        program_id=program_id,
        file_refused=report.file_refused,
        filing_fee=report.filing_fee,
        cec_amount=cec_amount,
        accepted=accepted,
        refused=refused,
        named=tuple(dict.fromkeys(aast_id for _, aast_id in first_rows)),
        unnamed=tuple(unnamed),
    )


def _index(report: RosterReport) -> _Index:
    """The index of ``report``: built on the first call and kept with the report (its
    private ``_derived`` slot, outside its value), so that it lives and goes with
    it; no state outside the report.  Two threads indexing one report at once only
    build it twice."""
    index = report._derived
    if not isinstance(index, _Index):
        index = _build(report)
        object.__setattr__(report, "_derived", index)  # derived data, not the value
    return index


@attrs.frozen
class _Common:
    """What every decision about one report and history shares: the roster's name and
    the conditions before and after the attendee's own."""

    roster: str | None
    before: tuple[Condition, ...]
    after: tuple[Condition, ...]
    #: The unmet conditions of an accepted attendee: the shared ones alone.
    unmet: tuple[Condition, ...] = attrs.field(init=False)

    @unmet.default
    def _unmet(self) -> tuple[Condition, ...]:
        return (*self.before, *self.after)


_FILE_REFUSED = (Condition("row-conservation", "the roster file was refused as a whole"),)
_ABSENT = (Condition("reporting-window", "no row of the roster reports this attendee"),)


def _prepare(report: RosterReport, history: History, roster: str | None) -> tuple[_Index, _Common]:
    _check_kind(report, RosterReport, "report", "a RosterReport from check_roster")
    _check_kind(history, History, "history", "a History from fold")
    if roster is not None and not isinstance(roster, str):
        raise InvalidArgument(f"roster must be the roster's name or None, got {roster!r}")
    index = _index(report)
    before = index.cec_amount
    if history.status is not ApplicationStatus.APPROVED:
        status = history.status.value
        approval = Condition("approval-first", f"the application is {status}, not approved")
        before = (approval, *before)
    name, state = _roster_state(history, roster, index.reference)
    return index, _Common(name, before, _fee_conditions(index.filing_fee, name, state))


def _roster_state(
    history: History, roster: str | None, reference: str
) -> tuple[str | None, RosterState | None]:
    """The roster's name and state: ``roster``'s, checked against the report, or the one
    reported from the report."""
    if roster is not None:
        state = history.rosters.get(roster)
        if state is not None and state.report not in (None, reference):
            raise RosterMismatch.for_report(roster, state.report, reference)
        return roster, state
    for state in history.rosters.values():
        if state.report == reference:
            return state.roster, state
    return None, None


def _fee_conditions(
    filing_fee: Decimal, roster: str | None, state: RosterState | None
) -> tuple[Condition, ...]:
    if state is None:
        if roster is None:
            return (
                Condition(
                    "fee-before-credit",
                    "no roster of the history was reported from this report (name the roster "
                    "with roster= if its events were written by hand)",
                ),
            )
        return (Condition("fee-before-credit", f"roster {roster!r} has no reported event yet"),)
    if state.status is RosterStatus.CECS_ISSUED:
        # Issued once: a second issue would credit the attendee twice.
        return (Condition("one-claim", f"roster {roster!r} already had its CECs issued"),)
    # The fee is the report's, whatever the history recorded as due: a history that
    # took a smaller fee must not let credits through unpaid.
    fee = max(state.due, filing_fee)
    if state.paid < fee:
        return (
            Condition(
                "fee-before-credit",
                f"roster {roster!r} has {format_money(subtract_money(fee, state.paid))} of its "
                f"{format_money(fee)} filing fee unpaid",
            ),
        )
    return ()


def _decide(aast_id: str, index: _Index, report: RosterReport, common: _Common) -> CreditDecision:
    """The decision about ``aast_id``: a few dictionary look-ups, whatever the roster's size."""
    place = index.accepted.get(aast_id)
    held = index.refused.get(aast_id)
    if place is None:
        own: tuple[Condition, ...]
        if index.file_refused:
            own = _FILE_REFUSED
        elif held is not None and held[1]:
            own = tuple(held[1].values())
        else:
            own = _ABSENT
        unmet = (*common.before, *own, *common.after)
        rows = () if held is None else tuple(held[0])
        return CreditDecision(aast_id=aast_id, unmet=unmet, award=None, rows=rows)
    attendee = report.accepted[place]
    award = None
    if not common.unmet:
        award = Award(
            aast_id=aast_id,
            program_id=index.program_id,
            offering=report.offering,
            cecs=report.program.cecs,
            completion_date=attendee.completion_date,
        )
    # The accepted row among the refused rows that hold the ID (a later duplicate).
    rows = (attendee.row,) if held is None else tuple(sorted((attendee.row, *held[0])))
    return CreditDecision(aast_id=aast_id, unmet=common.unmet, award=award, rows=rows)


def _check_kind(value: object, kind: type, name: str, wanted: str) -> None:
    if not isinstance(value, kind):
        raise InvalidArgument(f"{name} must be {wanted}, got {type(value).__name__}")


@attrs.frozen(kw_only=True)
class ReviewDecision(JsonValue):
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
