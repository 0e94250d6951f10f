"""The public API as a service uses it, for ``mypy --strict`` only (never run).

A service implements the repository protocol over its own store, assesses an
application, checks a roster (and builds one an entry at a time), folds the
lifecycle, decides credits, compares two policies, and reads every result with
the precise type it stores.  If a public signature loosens (``Any``, a missing
``None``) or tightens, this file stops type-checking; tests/test_typing.py runs
mypy on it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from cec_rules import (
    DEFAULT_POLICY,
    AcceptedAttendee,
    Account,
    AccountKind,
    AccountRepository,
    Application,
    ApplicationAssessment,
    ApplicationStatus,
    AssessmentStatus,
    Attendees,
    Award,
    CecRulesError,
    Condition,
    CreditDecision,
    EntryOutcome,
    Event,
    FeeLine,
    Finding,
    History,
    Offering,
    OfferingAssessment,
    OfferingTiming,
    Policy,
    PolicySchedule,
    Program,
    RefusedRow,
    RefusedRows,
    ReportingWindow,
    RosterCredits,
    RosterDraft,
    RosterMismatch,
    RosterReport,
    RosterState,
    RosterStatus,
    Severity,
    WindowStatus,
    assess_application,
    check_roster,
    credit_decision,
    default_schedule,
    fold,
    load_toml,
    roster_credits,
)
from cec_rules.compare import CaseDelta, Comparison, RosterCase, compare_policies
from cec_rules.schemas import schema


class DictRepository:
    """The service's own repository: accounts and earlier reports held in dicts."""

    def __init__(
        self,
        accounts: Mapping[str, Account],
        reported: Mapping[tuple[str, date], frozenset[str]],
    ) -> None:
        self._accounts = dict(accounts)
        self._reported = dict(reported)

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        return {i: self._accounts[i] for i in aast_ids if i in self._accounts}

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        return self._reported.get((program_id, offering.start), frozenset())


ada = Account(aast_id="A-1", first_name="Ada", last_name="Lovelace", kind="member")
kind: AccountKind = ada.kind
repository: AccountRepository = DictRepository({ada.aast_id: ada}, {})

# --- Applications and their fees -------------------------------------------

program = Program(title="Scoring sleep studies", cecs="2", program_id="PRG-1")
offering = Offering(date(2026, 3, 2), date(2026, 3, 6))
submitted = datetime(2026, 1, 5, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
application = Application(
    program=program, offerings=[offering], submitted=submitted, reference="web-42"
)
from_json: Application = Application.from_dict(application.to_dict())

policy: Policy | PolicySchedule = load_toml('label = "sale"\napplication_fee_per_cec = "10.00"')
schedule: PolicySchedule = default_schedule()
assessment: ApplicationAssessment = assess_application(application, schedule)
total: Decimal = assessment.total
status: AssessmentStatus = assessment.status
submission_date: date = assessment.submission_date
in_force: Policy = assessment.policy
per_offering: tuple[OfferingAssessment, ...] = assessment.offerings
timing: OfferingTiming = per_offering[0].timing
days_before_start: int = per_offering[0].days_before_start
lines: tuple[FeeLine, ...] = assessment.lines
line_amount: Decimal = lines[0].amount
line_rule: str = lines[0].rule
explanation: str = assessment.explanation
assessment_json: dict[str, object] = assessment.to_dict()

# --- Rosters ------------------------------------------------------------------

csv_bytes = (
    b"Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
    b"PRG-1,A-1,Ada,Lovelace,2026-03-06\r\n"
)
report: RosterReport = check_roster(
    csv_bytes,
    program=program,
    offering=offering,
    repository=repository,
    reported_at=date(2026, 3, 20),
    policy=DEFAULT_POLICY,
)
records: Sequence[Mapping[str, str]] = [
    {"Program ID": "PRG-1", "AAST ID": "A-1", "First Name": "Ada", "Last Name": "Lovelace"}
]
from_records: RosterReport = check_roster(
    records,
    program=program,
    offering=offering,
    repository=repository,
    reported_at=date(2026, 3, 20),
)
accepted: Attendees = report.accepted
first: AcceptedAttendee = accepted[0]
first_row: int = first.row
first_id: str = first.aast_id
first_kind: AccountKind = first.kind
completed: date = first.completion_date
accepted_rows: tuple[int, ...] = accepted.rows
refused: RefusedRows = report.refused
refused_codes: tuple[str, ...] = refused[0].codes if refused else ()
findings: tuple[Finding, ...] = report.findings
finding_code: str = findings[0].code
finding_row: int | None = findings[0].row
severity: Severity = findings[0].severity
blank_rows: tuple[int, ...] = report.blank_rows
data_rows: int = report.data_rows
file_refused: bool = report.file_refused
filing_fee: Decimal = report.filing_fee
members: int = report.members
window: ReportingWindow | None = report.window
window_status: WindowStatus | None = None if window is None else window.status
report_json: dict[str, object] = report.to_dict()
report_text: str = report.to_json(indent=2)
kept_report: RosterReport = RosterReport.from_dict(json.loads(report_text, parse_float=Decimal))
report_schema: dict[str, object] = schema("roster-report")
finding_counts: Mapping[str, int] = report.finding_counts
pages: Iterator[tuple[Finding, ...]] = report.finding_pages(size=1000)
with open("findings.jsonl", "w", encoding="utf-8") as findings_jsonl:
    report.write_findings_jsonl(findings_jsonl)
with open("findings.csv", "w", newline="", encoding="utf-8") as findings_csv:
    report.write_findings_csv(findings_csv)

# A member of staff enters attendees one at a time.
draft = RosterDraft(program=program, offering=offering, reported_at=date(2026, 3, 20))
entry: EntryOutcome
draft, entry = draft.add(records[0], repository)
entry_row: int = entry.row
entry_attendee: AcceptedAttendee | None = entry.attendee
entry_refusal: RefusedRow | None = entry.refusal
entry_warnings: tuple[Finding, ...] = entry.warnings
entry_added: bool = entry.added
entry_blank: bool = entry.blank
entries_changed: tuple[EntryOutcome, ...] = entry.changed
draft_entries: tuple[Mapping[str, object], ...] = draft.entries
draft_report: RosterReport = draft.report(repository)

# --- Lifecycle and credits ------------------------------------------------------

history: History = fold(
    [
        Event(on=date(2026, 1, 5), kind="submitted", amount=total),
        Event(on=date(2026, 1, 6), kind="application-fee-paid", amount=total),
        Event(on=date(2026, 1, 20), kind="approved"),
        Event(on=date(2026, 3, 20), kind="roster-reported", roster="r1", amount=filing_fee),
        Event(on=date(2026, 3, 21), kind="filing-fee-paid", roster="r1", amount=filing_fee),
    ]
)
application_status: ApplicationStatus = history.status
balance: Decimal = history.balance
refund: Decimal = history.refund
roster_state: RosterState = history.rosters["r1"]
roster_status: RosterStatus = roster_state.status
roster_balance: Decimal = roster_state.balance

decision: CreditDecision = credit_decision("A-1", report=report, history=history, roster="r1")
decision_rows: tuple[int, ...] = decision.rows

# The same flow with every figure taken from the results, the roster named once.
reported: Event = Event.roster_reported(report, roster="upload-17")
built: History = fold(
    [
        Event.submitted(assessment),
        Event.application_fee_paid(assessment, on=date(2026, 1, 6)),
        Event.application_fee_paid(assessment, on=date(2026, 1, 6), amount="0.01"),
        Event(on=date(2026, 1, 20), kind="approved"),
        reported,
        Event.filing_fee_paid(reported, on=date(2026, 3, 21)),
    ]
)
credits: RosterCredits = roster_credits(report, built)
stored_events: list[Event] = [Event.from_dict(json.loads(e.to_json())) for e in [reported]]
credits_text: str = credits.to_json()
credits_roster: str | None = credits.roster
report_reference: str = credits.report
awards: tuple[Award, ...] = credits.awards
refusals: tuple[CreditDecision, ...] = credits.refusals
unnamed: tuple[RefusedRow, ...] = credits.unnamed
cecs_awarded: Decimal = credits.cecs
credits_json: dict[str, object] = credits.to_dict()
credits_rows: list[dict[str, object]] = credits.to_rows()
alone: CreditDecision = credit_decision("A-1", report=report, history=built)
issued: Event = Event.cecs_issued(credits, on=date(2026, 3, 22))
event_report: str | None = issued.report
state_report: str | None = built.rosters["upload-17"].report
try:
    fold([issued], built)
except RosterMismatch as mismatch:
    expected_report: str | None = mismatch.expected
    given_report: str | None = mismatch.given
    mismatched_roster: str = mismatch.roster
eligible: bool = decision.eligible
unmet: tuple[Condition, ...] = decision.unmet
award: Award | None = decision.award
award_cecs: Decimal | None = None if award is None else award.cecs
decision_rules: tuple[str, ...] = decision.rules

# --- Comparing policies -------------------------------------------------------------

case = RosterCase(
    reference="march",
    program=program,
    offering=offering,
    source=csv_bytes,
    repository=repository,
    reported_at=date(2026, 3, 20),
)
comparison: Comparison = compare_policies(
    schedule, policy, applications=[application], rosters=[case]
)
revenue_delta: Decimal = comparison.revenue_delta
paying_less: tuple[CaseDelta, ...] = comparison.paying_less
delta: Decimal = comparison.cases[0].delta

try:
    assess_application(application, DEFAULT_POLICY)
except CecRulesError as error:
    rule: str | None = error.rule
    message: str = error.message
