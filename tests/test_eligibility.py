"""Tests for cec_rules.eligibility: when credits may be issued, and when review may start."""

from __future__ import annotations

import copy
import gc
import itertools
import json
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pandas
import pytest
from hypothesis import given, strategies as st

from cec_rules import eligibility
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.eligibility import (
    Award,
    Condition,
    CreditDecision,
    ReviewDecision,
    RosterCredits,
    credit_decision,
    review_decision,
    roster_credits,
)
from cec_rules.errors import InvalidArgument, InvalidCredits, RosterMismatch
from cec_rules.fees import ApplicationAssessment, assess_application
from cec_rules.lifecycle import (
    ApplicationStatus,
    Event,
    History,
    RosterState,
    RosterStatus,
    fold,
    report_reference,
)
from cec_rules.money import ZERO, check_credits, format_money
from cec_rules.program import Application, Offering, Program
from cec_rules.roster import (
    FIELDS,
    AcceptedAttendee,
    Attendees,
    Finding,
    RefusedRow,
    RefusedRows,
    RosterReport,
    Severity,
    check_roster,
)
from cec_rules.strategies import RosterSample, defective_rosters
from helpers import VIEW_TAGS, cells, check_week, dtype_name, read_view, rows_of_cells, write_csv

# --------------------------------------------------------------------------
# Rosters: one live offering reported on time, late, early and as a bad file,
# and one self-paced offering.

LIVE = Program(title="Scoring sleep studies", cecs="2", program_id="P-100")
LIVE_OFFERING = Offering(date(2026, 3, 2))  # last day to report: 2026-04-16
SELF_PACED = Program(title="Sleep hygiene", cecs="1.5", format="self-paced", program_id="P-200")
SELF_PACED_OFFERING = Offering(date(2026, 1, 1), date(2026, 6, 30))

ACCOUNTS = [
    Account(aast_id="A-1", first_name="Ada", last_name="Lovelace", kind="member"),
    Account(aast_id="A-2", first_name="Grace", last_name="Hopper", kind="guest"),
    Account(aast_id="A-3", first_name="Alan", last_name="Turing", kind="member"),
    Account(aast_id="A-4", first_name="Edsger", last_name="Dijkstra", kind="member"),
]
REPOSITORY = InMemoryRepository(ACCOUNTS, reported={("P-100", LIVE_OFFERING): ["A-3"]})
NAMES = {a.aast_id: (a.first_name, a.last_name) for a in ACCOUNTS}


def _row(aast_id: str, completed: str = "2026-03-02", program_id: str = "P-100") -> dict[str, str]:
    first, last = NAMES.get(aast_id, ("Zed", "Zee"))
    return {
        "Program ID": program_id,
        "AAST ID": aast_id,
        "First Name": first,
        "Last Name": last,
        "Completion Date": completed,
    }


def _live(reported_at: date, rows: list[Any]) -> RosterReport:
    return check_roster(
        rows,
        program=LIVE,
        offering=LIVE_OFFERING,
        repository=REPOSITORY,
        reported_at=reported_at,
    )


LIVE_ROWS = [
    _row("A-1"),  # row 2: accepted (member)
    _row("A-2"),  # row 3: accepted (guest)
    _row("A-3"),  # row 4: already reported in an earlier roster
    _row("Z-9"),  # row 5: no account
    _row("A-1"),  # row 6: a duplicate of row 2
    _row("A-4", completed="2026-03-05"),  # row 7: completed outside the offering
    "not a record",  # row 8: not a mapping
]
ON_TIME = _live(date(2026, 3, 10), LIVE_ROWS)
LATE = _live(date(2026, 5, 1), [_row("A-1"), _row("A-3"), _row("Z-9")])
EARLY = _live(date(2026, 3, 1), [_row("A-1")])
BAD_FILE = check_roster(
    b"Name,Date\nAda,2026-03-02\n",
    program=LIVE,
    offering=LIVE_OFFERING,
    repository=REPOSITORY,
    reported_at=date(2026, 3, 10),
)
SELF_PACED_REPORT = check_roster(
    [
        _row("A-1", completed="2026-01-10", program_id="P-200"),  # 45 days ran out 2026-02-24
        _row("A-2", completed="2026-06-20", program_id="P-200"),  # accepted
        _row("Z-9", completed="2026-01-10", program_id="P-200"),  # late and no account
    ],
    program=SELF_PACED,
    offering=SELF_PACED_OFFERING,
    repository=REPOSITORY,
    reported_at=date(2026, 6, 30),
)


class TestRosters:
    """The rosters the tables below rely on are what their comments say."""

    def test_shapes(self) -> None:
        """Accepted IDs, refused codes and filing fees of each roster."""
        expected = [
            (
                ["A-1", "A-2"],
                [
                    ("already-reported",),
                    ("account-not-found",),
                    ("duplicate-in-roster",),
                    ("date-outside-offering",),
                    ("row-not-a-record",),
                ],
                Decimal("15.00"),
            ),
            (
                [],
                [
                    ("window-closed",),
                    ("window-closed", "already-reported"),
                    ("window-closed", "account-not-found"),
                ],
                ZERO,
            ),
            ([], [("date-after-report", "window-not-open")], ZERO),
            ([], [], ZERO),
            (
                ["A-2"],
                [
                    ("self-paced-window-closed",),
                    ("self-paced-window-closed", "account-not-found"),
                ],
                Decimal("10.00"),
            ),
        ]
        actual = [
            ([a.aast_id for a in r.accepted], [row.codes for row in r.refused], r.filing_fee)
            for r in (ON_TIME, LATE, EARLY, BAD_FILE, SELF_PACED_REPORT)
        ]
        assert expected == actual

    def test_bad_file_is_refused(self) -> None:
        """The bad file is refused as a whole."""
        assert True is BAD_FILE.file_refused


# --------------------------------------------------------------------------
# Histories, built directly so that each condition can be met or not alone.


def _history(
    status: ApplicationStatus = ApplicationStatus.APPROVED,
    roster: RosterState | None = None,
) -> History:
    return History(
        status=status,
        due=Decimal("100.00"),
        paid=Decimal("100.00"),
        rosters={} if roster is None else {"R1": roster},
        steps=(),
    )


def _paid(report: RosterReport) -> RosterState:
    fee = report.filing_fee
    return RosterState(roster="R1", status=RosterStatus.PAID, due=fee, paid=fee)


def _owing(report: RosterReport, paid: str) -> RosterState:
    due = max(report.filing_fee, Decimal("5.00"))
    return RosterState(roster="R1", status=RosterStatus.REPORTED, due=due, paid=Decimal(paid))


def _state(report: RosterReport, fee: str) -> RosterState | None:
    """The roster's state in the history: paid, unpaid, part-paid, not reported, or paid
    and its CECs issued."""
    return {
        "paid": _paid(report),
        "unpaid": _owing(report, "0.00"),
        "part-paid": _owing(report, "2.50"),
        "unreported": None,
        "issued": attrs.evolve(_paid(report), status=RosterStatus.CECS_ISSUED),
    }[fee]


def _decide(aast_id: str, report: RosterReport, history: History) -> CreditDecision:
    return credit_decision(aast_id, report=report, history=history, roster="R1")


@pytest.fixture
def one_refused() -> RosterReport:
    """Row 2 accepted (a member, $5.00 filing fee); row 3 refused (no account Q-7)."""
    return _live(date(2026, 3, 10), [_row("A-1"), _row("Q-7")])


def _with_refused(report: RosterReport, row: RefusedRow) -> RosterReport:
    """The report with its one refused row (row 3) replaced by ``row``."""
    assert [3] == [r.row for r in report.refused]
    return attrs.evolve(report, refused=(row,))


class TestCreditAlone:
    """Each condition unmet on its own gives exactly its rule."""

    @pytest.mark.parametrize(
        ("aast_id", "report", "state", "rules"),
        [
            pytest.param("A-1", ON_TIME, "paid", (), id="eligible"),
            pytest.param("A-2", ON_TIME, "paid", (), id="eligible-guest"),
            pytest.param("A-1", LATE, "paid", ("reporting-window",), id="window-closed"),
            pytest.param(
                "A-1",
                EARLY,
                "paid",
                ("completion-date", "reporting-window"),
                id="window-not-open-and-completed-after-report",
            ),
            pytest.param(
                "A-1", SELF_PACED_REPORT, "paid", ("self-paced-window",), id="self-paced-closed"
            ),
            pytest.param("A-3", ON_TIME, "paid", ("one-claim",), id="already-reported"),
            pytest.param("Z-9", ON_TIME, "paid", ("account-exists",), id="account-not-found"),
            pytest.param("Q-1", ON_TIME, "paid", ("reporting-window",), id="absent"),
            pytest.param("A-4", ON_TIME, "paid", ("completion-date",), id="completed-outside"),
            pytest.param("A-1", BAD_FILE, "paid", ("row-conservation",), id="file-refused"),
            pytest.param("A-1", ON_TIME, "unpaid", ("fee-before-credit",), id="fee-unpaid"),
            pytest.param("A-1", ON_TIME, "part-paid", ("fee-before-credit",), id="fee-part-paid"),
            pytest.param("A-1", ON_TIME, "unreported", ("fee-before-credit",), id="not-in-history"),
        ],
    )
    def test_rules(
        self, aast_id: str, report: RosterReport, state: str, rules: tuple[str, ...]
    ) -> None:
        """The unmet conditions are exactly the expected rules, in order."""
        decision = _decide(aast_id, report, _history(roster=_state(report, state)))
        assert (rules, not rules) == (tuple(c.rule for c in decision.unmet), decision.eligible)

    @pytest.mark.parametrize(
        "status",
        [s for s in ApplicationStatus if s is not ApplicationStatus.APPROVED],
        ids=lambda s: s.value,
    )
    def test_not_approved(self, status: ApplicationStatus) -> None:
        """Any status but approved is unmet approval-first, and only that."""
        decision = _decide("A-1", ON_TIME, _history(status, _paid(ON_TIME)))
        expected = (
            ("approval-first",),
            f"the application is {status.value}, not approved",
            None,
        )
        assert expected == (decision.rules, decision.unmet[0].message, decision.award)

    def test_duplicate_row_does_not_block_the_accepted_one(self) -> None:
        """A duplicate row is refused (one-claim), but the attendee's first row earns the award."""
        decision = _decide("A-1", ON_TIME, _history(roster=_paid(ON_TIME)))
        assert (True, date(2026, 3, 2)) == (
            decision.eligible,
            decision.award.completion_date if decision.award else None,
        )

    def test_cecs_already_issued(self) -> None:
        """Once the roster's CECs were issued, they may not be issued again (one-claim)."""
        roster = attrs.evolve(_paid(ON_TIME), status=RosterStatus.CECS_ISSUED)
        decision = _decide("A-1", ON_TIME, _history(roster=roster))
        expected = (
            [("one-claim", "roster 'R1' already had its CECs issued")],
            None,
            "Credits for A-1: no, because roster 'R1' already had its CECs issued (one-claim).",
        )
        assert expected == (
            [(c.rule, c.message) for c in decision.unmet],
            decision.award,
            decision.explanation,
        )

    def test_cecs_issued_through_fold(self) -> None:
        """The same, from a folded history whose last event issued the roster's CECs."""
        events = [
            Event(on=date(2026, 2, 1), kind="submitted", amount="100.00"),
            Event(on=date(2026, 2, 2), kind="application-fee-paid", amount="100.00"),
            Event(on=date(2026, 2, 3), kind="approved"),
            Event(on=date(2026, 3, 10), kind="roster-reported", amount="15.00", roster="R1"),
            Event(on=date(2026, 3, 11), kind="filing-fee-paid", amount="15.00", roster="R1"),
        ]
        before = _decide("A-1", ON_TIME, fold(events))
        issued = Event(on=date(2026, 3, 12), kind="cecs-issued", roster="R1")
        after = _decide("A-1", ON_TIME, fold([*events, issued]))
        assert ((), ("one-claim",)) == (
            tuple(c.rule for c in before.unmet),
            tuple(c.rule for c in after.unmet),
        )

    @pytest.mark.parametrize(
        ("cecs", "message"),
        [
            pytest.param(
                "500", "CECs 500 are refused: an offering carries at most 100 CECs", id="over"
            ),
            pytest.param(
                "0.1",
                "CECs 0.1 are refused: CECs come in steps of 0.25; use a multiple such as 1.00",
                id="off-step",
            ),
        ],
    )
    def test_cecs_the_policy_refuses(self, cecs: str, message: str) -> None:
        """A program whose CECs the policy in force refuses earns no award (`cec-amount`),
        whatever else is met: no application for it could have been approved."""
        program = attrs.evolve(LIVE, cecs=Decimal(cecs))
        report = check_roster(
            [_row("A-1")],
            program=program,
            offering=LIVE_OFFERING,
            repository=REPOSITORY,
            reported_at=date(2026, 3, 10),
        )
        decision = _decide("A-1", report, _history(roster=_paid(report)))
        assert ([("cec-amount", message)], None) == (
            [(c.rule, c.message) for c in decision.unmet],
            decision.award,
        )

    def test_overpaid_roster(self) -> None:
        """A roster paid beyond its fee meets fee-before-credit."""
        roster = attrs.evolve(_paid(ON_TIME), paid=Decimal("20.00"))
        assert True is _decide("A-1", ON_TIME, _history(roster=roster)).eligible

    def test_history_fee_smaller_than_the_report(self) -> None:
        """A history that took less than the report's filing fee does not let credits through."""
        roster = RosterState(roster="R1", status=RosterStatus.PAID, due=ZERO, paid=ZERO)
        decision = _decide("A-1", ON_TIME, _history(roster=roster))
        expected = ("fee-before-credit", "roster 'R1' has $15.00 of its $15.00 filing fee unpaid")
        assert [expected] == [(c.rule, c.message) for c in decision.unmet]

    def test_history_fee_larger_than_the_report(self) -> None:
        """The larger of the history's fee and the report's must be paid."""
        roster = RosterState(
            roster="R1", status=RosterStatus.REPORTED, due=Decimal("20.00"), paid=Decimal("15.00")
        )
        decision = _decide("A-1", ON_TIME, _history(roster=roster))
        expected = ("fee-before-credit", "roster 'R1' has $5.00 of its $20.00 filing fee unpaid")
        assert [expected] == [(c.rule, c.message) for c in decision.unmet]

    def test_aast_id_is_trimmed(self) -> None:
        """An AAST ID with spaces around it is the same attendee."""
        decision = _decide("  A-1 ", ON_TIME, _history(roster=_paid(ON_TIME)))
        assert ("A-1", True) == (decision.aast_id, decision.eligible)

    def test_aast_id_is_exact(self) -> None:
        """An AAST ID in another case is another attendee."""
        assert ("reporting-window",) == _decide(
            "a-1", ON_TIME, _history(roster=_paid(ON_TIME))
        ).rules

    @pytest.mark.parametrize(
        "header",
        [
            pytest.param("Program ID,AAST ID,First Name,Last Name,Completion Date", id="usual"),
            pytest.param("AAST ID,Program ID,First Name,Last Name,Completion Date", id="reordered"),
        ],
    )
    def test_ragged_row_is_the_attendees(self, header: str) -> None:
        """A ragged row keeps its cells as read, in the file's order; the attendee whose
        AAST ID is among them is told the row was ragged (roster-fields), whatever the
        order of the columns."""
        cells = {"Program ID": "P-100", "AAST ID": " A-1 ", "First Name": "Ada"}
        cells |= {"Last Name": "Lovelace, Jr", "Completion Date": "2026-03-02"}
        row = ",".join(cells[name] for name in header.split(","))
        report = check_roster(
            f"{header}\n{row}\n".encode(),
            program=LIVE,
            offering=LIVE_OFFERING,
            repository=REPOSITORY,
            reported_at=date(2026, 3, 10),
        )
        decision = _decide("A-1", report, _history(roster=_paid(report)))
        assert [
            ("roster-fields", "row 2 was refused: the row has 6 cells where the header has 5")
        ] == [(c.rule, c.message) for c in decision.unmet]

    def test_warnings_on_a_refused_row_are_not_conditions(self) -> None:
        """Only errors on the attendee's row are unmet conditions; warnings are not."""
        row = ON_TIME.refused[0]
        warning = Finding(code="name-mismatch", row=row.row, message="names differ")
        report = attrs.evolve(
            ON_TIME,
            refused=(attrs.evolve(row, findings=(*row.findings, warning)), *ON_TIME.refused[1:]),
        )
        assert ("one-claim",) == _decide("A-3", report, _history(roster=_paid(report))).rules

    def test_ragged_row_of_two_cells_is_the_attendees(self, one_refused: RosterReport) -> None:
        """A ragged row of just Program ID and AAST ID is the attendee's row."""
        ragged = Finding(
            code="row-ragged", row=3, message="the row has 2 cells where the header has 5"
        )
        report = _with_refused(one_refused, RefusedRow(3, ("P-100", "Q-7"), (ragged,)))
        decision = _decide("Q-7", report, _history(roster=_paid(report)))
        expected = [
            {
                "rule": "roster-fields",
                "message": "row 3 was refused: the row has 2 cells where the header has 5",
            }
        ]
        assert expected == [c.to_dict() for c in decision.unmet]

    def test_ragged_row_of_one_cell_is_the_attendees(self, one_refused: RosterReport) -> None:
        """A ragged row of one cell holding the AAST ID is the attendee's row too."""
        ragged = Finding(
            code="row-ragged", row=3, message="the row has 1 cells where the header has 5"
        )
        report = _with_refused(one_refused, RefusedRow(3, ("Q-7",), (ragged,)))
        decision = _decide("Q-7", report, _history(roster=_paid(report)))
        assert ("roster-fields",) == decision.rules

    def test_short_refused_row_of_another_kind_names_no_one(
        self, one_refused: RosterReport
    ) -> None:
        """A refused row that is not ragged but has fewer cells than the fields (built by
        hand) names no attendee: the attendee is simply not reported."""
        finding = Finding(code="account-not-found", row=3, message="no account")
        report = _with_refused(one_refused, RefusedRow(3, ("P-100", "Q-7"), (finding,)))
        decision = _decide("Q-7", report, _history(roster=_paid(report)))
        assert ("reporting-window",) == decision.rules

    def test_error_after_a_warning_on_a_refused_row_is_a_condition(
        self, one_refused: RosterReport
    ) -> None:
        """A warning on a refused row is skipped and the errors after it still count: the
        name-mismatch warning comes first, the account-not-found error is the condition."""
        findings = (
            Finding(code="name-mismatch", row=3, message="names differ"),
            Finding(code="account-not-found", row=3, message="no account has AAST ID Q-7"),
        )
        cells = ("P-100", "Q-7", "Zed", "Zee", "2026-03-02")
        report = _with_refused(one_refused, RefusedRow(3, cells, findings))
        decision = _decide("Q-7", report, _history(roster=_paid(report)))
        expected = [
            {"rule": "account-exists", "message": "row 3 was refused: no account has AAST ID Q-7"}
        ]
        assert expected == [c.to_dict() for c in decision.unmet]


# The three independent axes of a credit decision, each with the rules it leaves
# unmet: the application, the attendee's row, and the roster's filing fee.
APPROVAL = {"approved": (), "in-review": ("approval-first",)}
ROWS: dict[str, tuple[str, RosterReport, tuple[str, ...]]] = {
    "accepted": ("A-1", ON_TIME, ()),
    "window-closed": ("A-1", LATE, ("reporting-window",)),
    "self-paced-window-closed": ("A-1", SELF_PACED_REPORT, ("self-paced-window",)),
    "already-reported": ("A-3", ON_TIME, ("one-claim",)),
    "late-and-already-reported": ("A-3", LATE, ("reporting-window", "one-claim")),
    "account-not-found": ("Z-9", ON_TIME, ("account-exists",)),
    "late-and-no-account": ("Z-9", LATE, ("reporting-window", "account-exists")),
    "self-paced-late-and-no-account": (
        "Z-9",
        SELF_PACED_REPORT,
        ("self-paced-window", "account-exists"),
    ),
    "absent": ("Q-1", ON_TIME, ("reporting-window",)),
    "file-refused": ("A-1", BAD_FILE, ("row-conservation",)),
}
FEES = {
    "paid": (),
    "unpaid": ("fee-before-credit",),
    "part-paid": ("fee-before-credit",),
    "unreported": ("fee-before-credit",),
    "issued": ("one-claim",),
}


def _combination(approval: str, row: str, fee: str) -> Any:
    aast_id, report, row_rules = ROWS[row]
    status = ApplicationStatus(approval)
    rules = APPROVAL[approval] + row_rules + FEES[fee]
    return pytest.param(
        aast_id, report, _history(status, _state(report, fee)), rules, id=f"{approval}-{row}-{fee}"
    )


class TestCreditCombined:
    """Every combination of unmet conditions lists each of them, not only the first."""

    @pytest.mark.parametrize(
        ("aast_id", "report", "history", "rules"),
        [_combination(*axes) for axes in itertools.product(APPROVAL, ROWS, FEES)],
    )
    def test_every_unmet_condition(
        self, aast_id: str, report: RosterReport, history: History, rules: tuple[str, ...]
    ) -> None:
        """The unmet rules are the approval's, then the row's, then the fee's."""
        decision = _decide(aast_id, report, history)
        assert (rules, bool(rules), not rules) == (
            tuple(c.rule for c in decision.unmet),
            decision.award is None,
            decision.eligible,
        )

    def test_from_a_folded_history(self) -> None:
        """A real history before approval leaves approval-first and fee-before-credit unmet."""
        history = fold(
            [
                Event(on=date(2026, 1, 5), kind="submitted", amount="100.00"),
                Event(on=date(2026, 1, 6), kind="application-fee-paid", amount="100.00"),
            ]
        )
        expected = ("approval-first", "reporting-window", "one-claim", "fee-before-credit")
        assert expected == _decide("A-3", LATE, history).rules


class TestAward:
    """A positive decision carries what may be issued."""

    @pytest.mark.parametrize(
        ("aast_id", "report", "expected"),
        [
            pytest.param(
                "A-1",
                ON_TIME,
                Award(
                    aast_id="A-1",
                    program_id="P-100",
                    offering=LIVE_OFFERING,
                    cecs=Decimal("2"),
                    completion_date=date(2026, 3, 2),
                ),
                id="live",
            ),
            pytest.param(
                "A-2",
                SELF_PACED_REPORT,
                Award(
                    aast_id="A-2",
                    program_id="P-200",
                    offering=SELF_PACED_OFFERING,
                    cecs=Decimal("1.5"),
                    completion_date=date(2026, 6, 20),
                ),
                id="self-paced",
            ),
        ],
    )
    def test_award(self, aast_id: str, report: RosterReport, expected: Award) -> None:
        """The award names the attendee, the Program ID, the offering, the CECs and the date."""
        assert expected == _decide(aast_id, report, _history(roster=_paid(report))).award

    def test_to_dict(self) -> None:
        """The award renders as JSON-ready data."""
        award = _decide("A-2", SELF_PACED_REPORT, _history(roster=_paid(SELF_PACED_REPORT))).award
        assert award is not None
        expected = {
            "aast_id": "A-2",
            "program_id": "P-200",
            "offering": {"start": "2026-01-01", "end": "2026-06-30"},
            "cecs": "1.5",
            "completion_date": "2026-06-20",
        }
        assert expected == json.loads(json.dumps(award.to_dict()))


class TestCreditOutput:
    """A credit decision explains itself in plain text and as data."""

    def test_eligible_explanation(self) -> None:
        """A positive decision names the CECs, the Program ID and the completion date."""
        decision = _decide("A-1", ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = "Credits for A-1: 2 CEC may be issued for P-100, completed 2026-03-02."
        assert expected == decision.explanation

    def test_refused_explanation(self) -> None:
        """A negative decision gives every reason with its rule, in order."""
        decision = _decide("A-3", LATE, _history(ApplicationStatus.SUBMITTED, _owing(LATE, "2.50")))
        expected = (
            "Credits for A-3: no, because the application is submitted, not approved "
            "(approval-first); row 3 was refused: the last day to report was 2026-04-16; the "
            "roster is 15 day(s) late (reporting-window); row 3 was refused: 'A-3' was already "
            "reported for this offering in an earlier roster (one-claim); roster 'R1' has $2.50 "
            "of its $5.00 filing fee unpaid (fee-before-credit)."
        )
        assert expected == decision.explanation

    @pytest.mark.parametrize(
        ("aast_id", "report", "roster", "message"),
        [
            pytest.param(
                "Q-1",
                ON_TIME,
                _paid(ON_TIME),
                "no row of the roster reports this attendee",
                id="absent",
            ),
            pytest.param(
                "A-1",
                BAD_FILE,
                _paid(BAD_FILE),
                "the roster file was refused as a whole",
                id="file",
            ),
            pytest.param(
                "A-1", ON_TIME, None, "roster 'R1' has no reported event yet", id="unreported"
            ),
            pytest.param(
                "A-1",
                ON_TIME,
                _owing(ON_TIME, "0.00"),
                "roster 'R1' has $15.00 of its $15.00 filing fee unpaid",
                id="unpaid",
            ),
            pytest.param(
                "Z-9",
                ON_TIME,
                _paid(ON_TIME),
                "row 5 was refused: no AAST member or guest account has the ID 'Z-9'",
                id="no-account",
            ),
        ],
    )
    def test_messages(
        self, aast_id: str, report: RosterReport, roster: RosterState | None, message: str
    ) -> None:
        """Each unmet condition says what is missing in words a provider understands."""
        decision = _decide(aast_id, report, _history(roster=roster))
        assert [message] == [c.message for c in decision.unmet]

    def test_rules_when_eligible(self) -> None:
        """A positive decision cites every condition it checked."""
        decision = _decide("A-1", ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = (
            "approval-first",
            "cec-amount",
            "reporting-window",
            "one-claim",
            "fee-before-credit",
        )
        assert expected == decision.rules

    def test_rules_are_cited_once(self) -> None:
        """Two unmet conditions under one rule cite it once in rules, twice in unmet."""
        decision = _decide("Q-1", ON_TIME, _history(roster=None))
        decision = attrs.evolve(
            decision, unmet=(*decision.unmet, Condition("fee-before-credit", "again"))
        )
        assert (("reporting-window", "fee-before-credit"), 3) == (
            decision.rules,
            len(decision.unmet),
        )

    def test_to_dict_eligible(self) -> None:
        """A positive decision as data: eligible, no unmet condition, the award, the text."""
        decision = _decide("A-1", ON_TIME, _history(roster=_paid(ON_TIME)))
        data = json.loads(json.dumps(decision.to_dict()))
        expected = {
            "aast_id": "A-1",
            "eligible": True,
            "unmet": [],
            "award": {
                "aast_id": "A-1",
                "program_id": "P-100",
                "offering": {"start": "2026-03-02", "end": "2026-03-02"},
                "cecs": "2",
                "completion_date": "2026-03-02",
            },
            "rows": [2, 6],
            "rules": [
                "approval-first",
                "cec-amount",
                "reporting-window",
                "one-claim",
                "fee-before-credit",
            ],
            "explanation": "Credits for A-1: 2 CEC may be issued for P-100, completed 2026-03-02.",
        }
        assert expected == data

    def test_to_dict_refused(self) -> None:
        """A negative decision as data: each unmet condition with its rule, no award."""
        decision = _decide("Z-9", ON_TIME, _history(roster=None))
        data = json.loads(json.dumps(decision.to_dict()))
        expected = {
            "aast_id": "Z-9",
            "eligible": False,
            "unmet": [
                {
                    "rule": "account-exists",
                    "message": "row 5 was refused: no AAST member or guest account has the ID "
                    "'Z-9'",
                },
                {"rule": "fee-before-credit", "message": "roster 'R1' has no reported event yet"},
            ],
            "award": None,
            "rows": [5],
            "rules": ["account-exists", "fee-before-credit"],
            "explanation": decision.explanation,
        }
        assert expected == data

    def test_condition_to_dict(self) -> None:
        """A condition renders as its rule and message."""
        assert {"rule": "one-claim", "message": "m"} == Condition("one-claim", "m").to_dict()


# --------------------------------------------------------------------------
# Review


def _application(start: date, reference: str = "APP-1") -> Application:
    return Application(
        program=Program(title="Scoring sleep studies", cecs="2"),
        offerings=[Offering(start)],
        submitted=date(2026, 3, 1),
        reference=reference,
    )


FUTURE = assess_application(_application(date(2026, 5, 1)))  # on time: $100.00
ALL_PAST = assess_application(_application(date(2026, 2, 1)))  # refused, nothing due


def _paid_history(*payments: str, withdraw: bool = False) -> History:
    events = [Event(on=date(2026, 3, 1), kind="submitted", amount="100.00")]
    events += [
        Event(on=date(2026, 3, 2), kind="application-fee-paid", amount=amount)
        for amount in payments
    ]
    if withdraw:
        events.append(Event(on=date(2026, 3, 3), kind="withdrawn"))
    return fold(events)


class TestReview:
    """An application goes to review when some offering is not past and the fee is paid."""

    @pytest.mark.parametrize(
        ("assessment", "history", "expected"),
        [
            pytest.param(
                ALL_PAST,
                fold([]),
                [("past-program", "every offering started before submission")],
                id="all-past",
            ),
            pytest.param(
                FUTURE,
                fold([]),
                [("application-fee", "$100.00 of the $100.00 application fee is unpaid")],
                id="nothing-submitted",
            ),
            pytest.param(
                FUTURE,
                _paid_history(),
                [("application-fee", "$100.00 of the $100.00 application fee is unpaid")],
                id="unpaid",
            ),
            pytest.param(
                FUTURE,
                _paid_history("60.00"),
                [("application-fee", "$40.00 of the $100.00 application fee is unpaid")],
                id="part-paid",
            ),
            pytest.param(
                FUTURE,
                _paid_history("60.00", "39.99"),
                [("application-fee", "$0.01 of the $100.00 application fee is unpaid")],
                id="a-cent-short",
            ),
            pytest.param(FUTURE, _paid_history("100.00"), [], id="paid-in-full"),
            pytest.param(FUTURE, _paid_history("60.00", "40.00"), [], id="paid-in-two"),
            pytest.param(FUTURE, _paid_history("130.00"), [], id="overpaid"),
            pytest.param(
                FUTURE,
                _paid_history("100.00", withdraw=True),
                [("non-refundable", "the application was withdrawn")],
                id="withdrawn-paid",
            ),
            pytest.param(
                FUTURE,
                _paid_history("60.00", withdraw=True),
                [
                    ("application-fee", "$40.00 of the $100.00 application fee is unpaid"),
                    ("non-refundable", "the application was withdrawn"),
                ],
                id="withdrawn-part-paid",
            ),
            pytest.param(
                FUTURE,
                fold([Event(on=date(2026, 3, 5), kind="approved")], _paid_history("100.00")),
                [("application-fee", "the application was already approved")],
                id="already-approved",
            ),
            pytest.param(
                FUTURE,
                fold([Event(on=date(2026, 3, 5), kind="denied")], _paid_history("100.00")),
                [("application-fee", "the application was already denied")],
                id="already-denied",
            ),
            pytest.param(
                ALL_PAST,
                _paid_history(withdraw=True),
                [
                    ("past-program", "every offering started before submission"),
                    ("non-refundable", "the application was withdrawn"),
                ],
                id="all-past-withdrawn",
            ),
        ],
    )
    def test_conditions(
        self, assessment: ApplicationAssessment, history: History, expected: list[tuple[str, str]]
    ) -> None:
        """Every unmet condition is listed with its rule and message."""
        decision = review_decision(assessment, history)
        actual = [(c.rule, c.message) for c in decision.unmet]
        assert (expected, not expected) == (actual, decision.eligible)

    def test_explanation_eligible(self) -> None:
        """A positive review decision names the application."""
        decision = review_decision(FUTURE, _paid_history("100.00"))
        assert "Review of APP-1: it may go to review." == decision.explanation

    def test_explanation_refused(self) -> None:
        """A negative review decision gives every reason with its rule."""
        decision = review_decision(FUTURE, _paid_history("60.00", withdraw=True))
        expected = (
            "Review of APP-1: no, because $40.00 of the $100.00 application fee is unpaid "
            "(application-fee); the application was withdrawn (non-refundable)."
        )
        assert expected == decision.explanation

    def test_explanation_without_reference(self) -> None:
        """An application with no reference is called the application."""
        assessment = assess_application(_application(date(2026, 5, 1), reference=""))
        decision = review_decision(assessment, _paid_history("100.00"))
        assert "Review of the application: it may go to review." == decision.explanation

    def test_to_dict(self) -> None:
        """A review decision as JSON-ready data."""
        decision = review_decision(ALL_PAST, fold([]))
        expected = {
            "reference": "APP-1",
            "eligible": False,
            "unmet": [
                {"rule": "past-program", "message": "every offering started before submission"}
            ],
            "explanation": "Review of APP-1: no, because every offering started before "
            "submission (past-program).",
        }
        assert expected == json.loads(json.dumps(decision.to_dict()))

    def test_decision_value(self) -> None:
        """The decision is a plain value: equal inputs, equal decisions."""
        assert ReviewDecision(reference="APP-1", unmet=()) == review_decision(
            FUTURE, _paid_history("100.00")
        )


# --------------------------------------------------------------------------
# Credits for a whole roster, and the index behind every decision


def _scanned(aast_id: str, report: RosterReport, history: History, roster: str) -> CreditDecision:
    """credit_decision as it was before the index: the roster searched for each attendee,
    the accepted rows first, then every refused row.  The reference the index agrees with."""
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
    except InvalidCredits as error:
        unmet.append(Condition("cec-amount", str(error)))
    attendee = next((a for a in report.accepted if a.aast_id == aast_id), None)

    def holds(row: RefusedRow) -> bool:
        if "row-ragged" in row.codes:
            return aast_id in map(str.strip, row.cells)
        return len(row.cells) == len(FIELDS) and row.cells[1].strip() == aast_id

    held = [row for row in report.refused if holds(row)]
    if attendee is None:
        if report.file_refused:
            unmet.append(Condition("row-conservation", "the roster file was refused as a whole"))
        else:
            conditions: dict[str, Condition] = {}
            for row in held:
                for finding in row.findings:
                    if finding.severity is Severity.ERROR:
                        message = f"row {row.row} was refused: {finding.message}"
                        conditions.setdefault(finding.rule, Condition(finding.rule, message))
            unmet.extend(
                conditions.values()
                or [Condition("reporting-window", "no row of the roster reports this attendee")]
            )
    state = history.rosters.get(roster)
    if state is None:
        unmet.append(Condition("fee-before-credit", f"roster {roster!r} has no reported event yet"))
    elif state.status is RosterStatus.CECS_ISSUED:
        unmet.append(Condition("one-claim", f"roster {roster!r} already had its CECs issued"))
    else:
        fee = max(state.due, report.filing_fee)
        if state.paid < fee:
            unmet.append(
                Condition(
                    "fee-before-credit",
                    f"roster {roster!r} has {format_money(fee - state.paid)} of its "
                    f"{format_money(fee)} filing fee unpaid",
                )
            )
    award = None
    if not unmet:
        assert attendee is not None
        assert report.program.program_id is not None
        award = Award(
            aast_id=aast_id,
            program_id=report.program.program_id,
            offering=report.offering,
            cecs=report.program.cecs,
            completion_date=attendee.completion_date,
        )
    rows = sorted([*([] if attendee is None else [attendee.row]), *(row.row for row in held)])
    return CreditDecision(aast_id=aast_id, unmet=tuple(unmet), award=award, rows=tuple(rows))


def _credits(report: RosterReport, history: History) -> RosterCredits:
    return roster_credits(report, history, roster="R1")


def _flow(report: RosterReport, *, pay: str | None = None) -> tuple[Event, History]:
    """The roster's report event and the history of an approved application in which it was
    reported from ``report`` (as roster "R1") and, with ``pay``, paid that much."""
    reported = Event.roster_reported(report, roster="R1")
    events = [
        Event(on=date(2026, 2, 1), kind="submitted", amount="100.00"),
        Event(on=date(2026, 2, 2), kind="application-fee-paid", amount="100.00"),
        Event(on=date(2026, 2, 3), kind="approved"),
        reported,
    ]
    if pay is not None:
        events.append(Event.filing_fee_paid(reported, on=report.report_date, amount=pay))
    return reported, fold(events)


class TestRosterCredits:
    """Every attendee of a roster decided at once: awards, refusals, unnamed rows."""

    def test_decisions_in_row_order(self) -> None:
        """One decision per AAST ID the roster names, in the order of its first row, with
        the rows that hold it (A-1's duplicate row 6 among them)."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = [
            ("A-1", True, (2, 6)),
            ("A-2", True, (3,)),
            ("A-3", False, (4,)),
            ("Z-9", False, (5,)),
            ("A-4", False, (7,)),
        ]
        assert expected == [(d.aast_id, d.eligible, d.rows) for d in credits.decisions]

    def test_awards_and_refusals(self) -> None:
        """The awards are the eligible decisions'; the refusals the others, with their
        conditions; the CECs add up."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = (
            ["A-1", "A-2"],
            [("A-3", ("one-claim",)), ("Z-9", ("account-exists",)), ("A-4", ("completion-date",))],
            Decimal("4"),
        )
        assert expected == (
            [a.aast_id for a in credits.awards],
            [(d.aast_id, d.rules) for d in credits.refusals],
            credits.cecs,
        )

    def test_unnamed_rows(self) -> None:
        """A refused row that names no attendee (not a record) is listed with its findings."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        assert [(8, ("row-not-a-record",))] == [(r.row, r.codes) for r in credits.unnamed]

    def test_values(self) -> None:
        """The roster's name, its report's reference, the Program ID and the offering."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = ("R1", report_reference(ON_TIME), "P-100", LIVE_OFFERING, False)
        assert expected == (
            credits.roster,
            credits.report,
            credits.program_id,
            credits.offering,
            credits.file_refused,
        )

    def test_explanation(self) -> None:
        """The summary, then every refusal's reasons and every unnamed row's."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = (
            "Credits for roster 'R1' (P-100, offering 2026-03-02): 2 attendee(s) may be issued "
            "4 CEC in all; 3 refused; 1 refused row(s) name no attendee.\n"
            "Credits for A-3: no, because row 4 was refused: 'A-3' was already reported for "
            "this offering in an earlier roster (one-claim).\n"
            "Credits for Z-9: no, because row 5 was refused: no AAST member or guest account "
            "has the ID 'Z-9' (account-exists).\n"
            "Credits for A-4: no, because row 7 was refused: 2026-03-05 is outside the offering "
            "(2026-03-02 to 2026-03-02) (completion-date).\n"
            "Row 8 names no attendee: entry 7 is not a mapping of field names to values "
            "(roster-fields)."
        )
        assert expected == credits.explanation

    def test_explanation_without_a_roster(self) -> None:
        """Credits for a report no roster was reported from name the report instead."""
        credits = roster_credits(EARLY, _history())
        expected = (
            f"Credits for the report {report_reference(EARLY)} (P-100, offering 2026-03-02): "
            "0 attendee(s) may be issued 0 CEC in all; 1 refused; 0 refused row(s) name no "
            "attendee."
        )
        assert (None, expected) == (credits.roster, credits.explanation.splitlines()[0])

    def test_file_refused(self) -> None:
        """A file refused as a whole credits nobody, and says so."""
        credits = _credits(BAD_FILE, _history(roster=_paid(BAD_FILE)))
        expected = (
            "Credits for roster 'R1' (P-100, offering 2026-03-02): the roster file was refused "
            "as a whole, so no attendee may be credited (row-conservation).",
            (),
            ("row-conservation",),
            True,
        )
        assert expected == (
            credits.explanation,
            credits.decisions,
            credits.rules,
            credits.file_refused,
        )

    def test_rules(self) -> None:
        """The rules cited: every decision's, then the unnamed rows'."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        expected = (
            "approval-first",
            "cec-amount",
            "reporting-window",
            "one-claim",
            "fee-before-credit",
            "account-exists",
            "completion-date",
            "roster-fields",
        )
        assert expected == credits.rules

    def test_rules_of_an_empty_roster(self) -> None:
        """A roster with no row cites the rules a decision checks."""
        empty = _live(date(2026, 3, 10), [])
        assert (
            CreditDecision(aast_id="x", unmet=(), award=None).rules
            == _credits(empty, _history(roster=_paid(empty))).rules
        )

    def test_unpaid_roster_refuses_everyone(self) -> None:
        """A roster a cent short of its fee awards nothing: each accepted attendee is
        refused under fee-before-credit alone (the boundary: paid in full awards)."""
        short = attrs.evolve(_paid(ON_TIME), paid=ON_TIME.filing_fee - Decimal("0.01"))
        credits = _credits(ON_TIME, _history(roster=short))
        expected = [
            ("fee-before-credit", "roster 'R1' has $0.01 of its $15.00 filing fee unpaid"),
        ]
        assert ((), expected, expected) == (
            credits.awards,
            [(c.rule, c.message) for c in credits.decisions[0].unmet],
            [(c.rule, c.message) for c in credits.decisions[1].unmet],
        )

    def test_cecs_of_no_award(self) -> None:
        """No award, no CECs."""
        assert Decimal(0) == _credits(ON_TIME, _history(roster=None)).cecs

    def test_cecs_in_quarters(self) -> None:
        """CECs in quarters add up exactly: 1.25 x 2."""
        program = attrs.evolve(LIVE, cecs=Decimal("1.25"))
        report = check_roster(
            [_row("A-1"), _row("A-2")],
            program=program,
            offering=LIVE_OFFERING,
            repository=REPOSITORY,
            reported_at=date(2026, 3, 10),
        )
        assert Decimal("2.50") == _credits(report, _history(roster=_paid(report))).cecs

    def test_to_dict(self) -> None:
        """The credits as JSON-ready data: counts, each decision, each unnamed row."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        data = json.loads(json.dumps(credits.to_dict()))
        expected = {
            "roster": "R1",
            "report": report_reference(ON_TIME),
            "program_id": "P-100",
            "offering": {"start": "2026-03-02", "end": "2026-03-02"},
            "file_refused": False,
            "awarded": 2,
            "refused": 3,
            "cecs": "4",
            "decisions": [d.to_dict() for d in credits.decisions],
            "unnamed": [
                {
                    "row": 8,
                    "cells": ["'not a record'"],
                    "findings": [ON_TIME.refused[-1].findings[0].to_dict()],
                }
            ],
            "rules": list(credits.rules),
            "explanation": credits.explanation,
        }
        assert expected == data

    def test_to_rows(self) -> None:
        """One flat row per attendee and per unnamed row, in row order."""
        rows = _credits(ON_TIME, _history(roster=_paid(ON_TIME))).to_rows()
        expected = [
            (2, "A-1", "awarded", Decimal(2), date(2026, 3, 2), ""),
            (3, "A-2", "awarded", Decimal(2), date(2026, 3, 2), ""),
            (4, "A-3", "refused", None, None, "one-claim"),
            (5, "Z-9", "refused", None, None, "account-exists"),
            (7, "A-4", "refused", None, None, "completion-date"),
            (8, None, "unnamed", None, None, "roster-fields"),
        ]
        keys = ("row", "aast_id", "status", "cecs", "completion_date", "rules")
        assert expected == [tuple(row[k] for k in keys) for row in rows]

    def test_to_rows_in_row_order(self) -> None:
        """An unnamed row before the attendees comes first: the rows are in row order."""
        report = _live(date(2026, 3, 10), ["not a record", _row("A-1")])
        rows = _credits(report, _history(roster=_paid(report))).to_rows()
        assert [(2, "unnamed"), (3, "awarded")] == [(row["row"], row["status"]) for row in rows]

    def test_to_rows_explanations(self) -> None:
        """Each row carries its sentence."""
        rows = _credits(ON_TIME, _history(roster=_paid(ON_TIME))).to_rows()
        expected = [
            "Credits for A-1: 2 CEC may be issued for P-100, completed 2026-03-02.",
            "Row 8 names no attendee: entry 7 is not a mapping of field names to values "
            "(roster-fields).",
        ]
        assert expected == [rows[0]["explanation"], rows[-1]["explanation"]]

    def test_to_frame(self) -> None:
        """The rows as a DataFrame, one per row of to_rows."""
        frame = _credits(ON_TIME, _history(roster=_paid(ON_TIME))).to_frame()
        assert ([2, 3, 4, 5, 7, 8], ["awarded"] * 2 + ["refused"] * 3 + ["unnamed"]) == (
            list(frame["row"]),
            list(frame["status"]),
        )

    def test_to_frame_columns_are_typed(self) -> None:
        """CECs are Decimal and add up to the roster's, the completion date a datetime64,
        the status a categorical of every status; one column per key of to_rows."""
        credits = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))
        frame = credits.to_frame()
        assert list(credits.to_rows()[0]) == list(frame.columns)
        expected = {
            "row": "int64",
            "status": "category",
            "cecs": "object",
            "completion_date": "datetime64",
        }
        assert expected == {c: dtype_name(frame[c].dtype) for c in expected}
        assert ["awarded", "refused", "unnamed"] == list(frame["status"].cat.categories)
        assert (credits.cecs, Decimal("4")) == (frame["cecs"].sum(), credits.cecs)
        assert pandas.Timestamp(2026, 3, 2) == frame.loc[0, "completion_date"]

    def test_html(self) -> None:
        """The notebook view: the summary, then the refused and unnamed rows, each reason on
        its own line and a finding's hint under it; every value escaped."""
        page = _credits(ON_TIME, _history(roster=_paid(ON_TIME)))._repr_html_()
        view = read_view(page)
        assert view.tags <= VIEW_TAGS
        assert view.paragraphs[0].startswith("Credits for roster 'R1' (P-100, offering")
        assert "Refused" == view.paragraphs[1]
        (table,) = view.tables
        assert ["row", "aast_id", "status", "why"] == table.heads
        assert ["4", "5", "7", "8"] == [c.text for c in table.column("row")]
        unnamed = table.rows[-1]
        assert ["8", "", "unnamed"] == [c.text for c in unnamed[:3]]
        # This finding has no hint: none is shown.
        assert (
            ("entry 7 is not a mapping of field names to values (roster-fields)",),
            (),
            None,
        ) == (unnamed[3].lines, unnamed[3].hints, ON_TIME.refused[-1].findings[0].hint)
        assert {"left"} == {c.align for row in table.rows for c in row}

    def test_html_puts_a_hint_under_its_reason(self) -> None:
        """A refused row that names no attendee shows each error's hint under it."""
        report = _live(date(2026, 3, 10), [_row("A-1"), _row("")])
        (table,) = read_view(_credits(report, _history(roster=_paid(report)))._repr_html_()).tables
        why = table.rows[-1][3]
        (finding,) = report.refused[0].findings
        assert ((f"{finding.message} ({finding.rule})",), (finding.hint,)) == (
            why.lines,
            why.hints,
        )
        assert finding.hint

    def test_html_with_no_refusal(self) -> None:
        """A roster whose every attendee is credited shows its summary alone."""
        report = _live(date(2026, 3, 10), [_row("A-1")])
        view = read_view(_credits(report, _history(roster=_paid(report)))._repr_html_())
        assert ([], 1) == (view.tables, len(view.paragraphs))

    def test_blank_id_names_no_one(self, one_refused: RosterReport) -> None:
        """A refused row whose AAST ID is blank names no attendee."""
        finding = Finding(code="field-missing", row=3, message="AAST ID is blank")
        cells = ("P-100", "  ", "Zed", "Zee", "2026-03-02")
        report = _with_refused(one_refused, RefusedRow(3, cells, (finding,)))
        credits = _credits(report, _history(roster=_paid(report)))
        assert (["A-1"], [3]) == (
            [d.aast_id for d in credits.decisions],
            [r.row for r in credits.unnamed],
        )

    def test_ragged_row_names_no_one_but_bears_on_its_ids(self, one_refused: RosterReport) -> None:
        """A ragged row names no attendee in the batch, but the decision about any ID among
        its cells cites it, in the batch and alone alike."""
        ragged = Finding(
            code="row-ragged", row=3, message="the row has 2 cells where the header has 5"
        )
        report = _with_refused(one_refused, RefusedRow(3, ("P-100", " A-1"), (ragged,)))
        history = _history(roster=_paid(report))
        credits = _credits(report, history)
        alone = _decide("P-100", report, history)
        assert (
            [("A-1", (2, 3), True)],
            [3],
            ("roster-fields",),
            (3,),
        ) == (
            [(d.aast_id, d.rows, d.eligible) for d in credits.decisions],
            [r.row for r in credits.unnamed],
            alone.rules,
            alone.rows,
        )

    def test_row_with_warnings_only_is_no_report(self, one_refused: RosterReport) -> None:
        """A refused row (built by hand) that carries warnings only gives its attendee no
        condition of its own: the attendee is not reported, and nothing is awarded."""
        warning = Finding(code="name-mismatch", row=3, message="names differ")
        cells = ("P-100", "Q-7", "Zed", "Zee", "2026-03-02")
        report = _with_refused(one_refused, RefusedRow(3, cells, (warning,)))
        decision = _credits(report, _history(roster=_paid(report))).decisions[1]
        expected = ("Q-7", (3,), None, ("reporting-window",))
        assert expected == (decision.aast_id, decision.rows, decision.award, decision.rules)

    def test_short_row_bears_on_no_one(self, one_refused: RosterReport) -> None:
        """A refused row of another shape (built by hand) names no one and holds no ID."""
        finding = Finding(code="account-not-found", row=3, message="no account")
        report = _with_refused(one_refused, RefusedRow(3, ("P-100", "Q-7"), (finding,)))
        history = _history(roster=_paid(report))
        assert ([3], ()) == (
            [r.row for r in _credits(report, history).unnamed],
            _decide("Q-7", report, history).rows,
        )

    def test_id_on_a_refused_row_before_its_accepted_row(self) -> None:
        """An attendee refused on row 2 and accepted on row 3 is decided once, in the
        place of row 2, and awarded."""
        report = _live(date(2026, 3, 10), [_row("A-1", completed="2026-03-05"), _row("A-1")])
        credits = _credits(report, _history(roster=_paid(report)))
        assert [("A-1", (2, 3), True)] == [
            (d.aast_id, d.rows, d.eligible) for d in credits.decisions
        ]

    def test_accepted_twice_by_hand(self) -> None:
        """A report built by hand that accepts one ID twice: the first row is the award's."""
        first = ON_TIME.accepted[0]
        again = first._replace(row=8, completion_date=date(2026, 3, 1))
        report = attrs.evolve(
            ON_TIME, accepted=[*ON_TIME.accepted, again], refused=ON_TIME.refused[:-1]
        )
        decision = _credits(report, _history(roster=_paid(report))).decisions[0]
        assert ("A-1", date(2026, 3, 2)) == (
            decision.aast_id,
            decision.award.completion_date if decision.award else None,
        )


class TestFindingTheRoster:
    """The credits find the roster the history reported from the report."""

    def test_found_by_the_report(self) -> None:
        """No roster name is needed when the events were built from the report."""
        _, history = _flow(ON_TIME, pay="15.00")
        credits = roster_credits(ON_TIME, history)
        assert ("R1", ["A-1", "A-2"]) == (credits.roster, [a.aast_id for a in credits.awards])

    def test_found_alone(self) -> None:
        """credit_decision finds it the same way."""
        _, history = _flow(ON_TIME, pay="15.00")
        assert True is credit_decision("A-1", report=ON_TIME, history=history).eligible

    def test_among_other_rosters(self) -> None:
        """The roster reported from this report, not another one."""
        _, history = _flow(ON_TIME, pay="15.00")
        other = Event.roster_reported(SELF_PACED_REPORT, roster="R0")
        history = fold([other], history)
        assert "R1" == roster_credits(ON_TIME, history).roster

    def test_named_and_checked(self) -> None:
        """A roster named by the caller is checked against the report it was reported from."""
        _, history = _flow(ON_TIME, pay="15.00")
        assert "R1" == roster_credits(ON_TIME, history, roster="R1").roster

    def test_named_roster_of_another_report(self) -> None:
        """A roster reported from another report is refused with RosterMismatch."""
        _, history = _flow(ON_TIME, pay="15.00")
        with pytest.raises(RosterMismatch) as caught:
            credit_decision("A-1", report=LATE, history=history, roster="R1")
        error = caught.value
        expected = (
            f"roster 'R1' was reported from the report {report_reference(ON_TIME)}, not from "
            f"{report_reference(LATE)}: decide its credits on the report it was reported from "
            "(fee-before-credit)",
            "R1",
            report_reference(ON_TIME),
            report_reference(LATE),
            "fee-before-credit",
            None,
        )
        assert expected == (
            str(error),
            error.roster,
            error.expected,
            error.given,
            error.rule,
            error.event,
        )

    def test_not_reported(self) -> None:
        """A history with no roster reported from the report: fee-before-credit, saying how
        to name a roster whose events were written by hand."""
        decision = credit_decision("A-1", report=ON_TIME, history=_history(roster=_paid(ON_TIME)))
        expected = [
            (
                "fee-before-credit",
                "no roster of the history was reported from this report (name the roster with "
                "roster= if its events were written by hand)",
            )
        ]
        assert expected == [(c.rule, c.message) for c in decision.unmet]

    def test_unpaid_through_the_flow(self) -> None:
        """Reported and unpaid through events built from the report: refused until paid."""
        _, history = _flow(ON_TIME)
        assert ("fee-before-credit",) == credit_decision(
            "A-1", report=ON_TIME, history=history
        ).rules

    def test_issued_through_the_flow(self) -> None:
        """Once issued from the credits, nobody may be credited again (one-claim)."""
        _, history = _flow(ON_TIME, pay="15.00")
        issued = Event.cecs_issued(roster_credits(ON_TIME, history), on=date(2026, 3, 12))
        after = roster_credits(ON_TIME, fold([issued], history))
        issued_once = Condition("one-claim", "roster 'R1' already had its CECs issued")
        assert ((), {issued_once}) == (after.awards, {d.unmet[-1] for d in after.decisions})

    @pytest.mark.parametrize("roster", [5, b"R1"], ids=["int", "bytes"])
    def test_roster_of_another_kind(self, roster: object) -> None:
        """A roster named by something other than text is refused, saying what to pass."""
        with pytest.raises(InvalidArgument, match="roster must be the roster's name or None"):
            roster_credits(ON_TIME, _history(), roster=roster)  # type: ignore[arg-type]


class TestEveryConditionInTheBatch:
    """The batch gives each attendee the decision credit_decision gives it."""

    @pytest.mark.parametrize(
        ("aast_id", "report", "history", "rules"),
        [_combination(*axes) for axes in itertools.product(APPROVAL, ROWS, FEES)],
    )
    def test_every_combination(
        self, aast_id: str, report: RosterReport, history: History, rules: tuple[str, ...]
    ) -> None:
        """Each combination of the three axes, through the batch: the same decision, with
        the same unmet rules, as the attendee's alone."""
        alone = _decide(aast_id, report, history)
        named = {d.aast_id: d for d in _credits(report, history).decisions}
        # An attendee no row names (absent, or in a file refused as a whole) is not in the
        # batch; every other one is.
        in_batch = aast_id in named
        assert (rules, alone, aast_id != "Q-1" and not report.file_refused) == (
            tuple(c.rule for c in alone.unmet),
            named.get(aast_id, alone),
            in_batch,
        )


# Rosters of any shape, and the states of their roster in the history.
_STATES = ("paid", "unpaid", "part-paid", "unreported", "issued")
_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.IN_REVIEW)


class TestBatchProperties:
    """Laws over generated rosters: the batch, each decision alone and the search the
    index replaced agree, for every attendee."""

    def _agree(self, report: RosterReport, history: History, probes: list[str]) -> None:
        credits = _credits(report, history)
        for decision in credits.decisions:
            assert _scanned(decision.aast_id, report, history, "R1") == decision
            assert (
                credit_decision(decision.aast_id, report=report, history=history, roster="R1")
                == decision
            )
        for probe in probes:
            assert _scanned(probe, report, history, "R1") == credit_decision(
                probe, report=report, history=history, roster="R1"
            )

    @given(
        sample=defective_rosters(max_rows=12),
        state=st.sampled_from(_STATES),
        status=st.sampled_from(_STATUSES),
        probes=st.lists(st.text(max_size=8), max_size=3),
    )
    def test_generated_rosters(
        self, sample: RosterSample, state: str, status: ApplicationStatus, probes: list[str]
    ) -> None:
        """Rosters as providers send them, with defects, under every state of the fee."""
        report = check_roster(
            sample.to_csv(),
            program=sample.program,
            offering=sample.offering,
            repository=sample.repository,
            reported_at=sample.reported_at,
        )
        history = _history(status, _state(report, state))
        self._agree(report, history, [*probes, *(row[1] for row in sample.rows)])

    @given(
        rows=rows_of_cells,
        state=st.sampled_from(_STATES),
        probes=st.lists(cells, max_size=3),
    )
    def test_rows_of_any_cells(self, rows: list[list[str]], state: str, probes: list[str]) -> None:
        """Rows of any cells, ragged ones included: every cell is asked about."""
        report = check_week(write_csv(rows))
        history = _history(roster=_state(report, state))
        asked = [cell for row in rows for cell in row]
        self._agree(report, history, [*probes, *asked])

    @given(sample=defective_rosters(max_rows=12))
    def test_decisions_name_the_roster(self, sample: RosterSample) -> None:
        """The batch decides each AAST ID the roster names once, in row order, and lists
        every other refused row as naming no one: every data row is in one or the other."""
        report = check_roster(
            sample.to_csv(),
            program=sample.program,
            offering=sample.offering,
            repository=sample.repository,
            reported_at=sample.reported_at,
        )
        credits = _credits(report, _history(roster=_paid(report)))
        named = {a.aast_id for a in report.accepted} | {
            r.cells[1].strip()
            for r in report.refused
            if len(r.cells) == 5 and "row-ragged" not in r.codes and r.cells[1].strip()
        }
        firsts = [d.rows[0] for d in credits.decisions]
        rows = {n for d in credits.decisions for n in d.rows} | {r.row for r in credits.unnamed}
        assert (named, sorted(firsts), len(named)) == (
            {d.aast_id for d in credits.decisions},
            firsts,
            len(credits.decisions),
        )
        assert {*report.accepted.rows, *(r.row for r in report.refused)} == rows


# --------------------------------------------------------------------------
# Linear: counting the rows read


class _CountingAttendees(Attendees):
    """Accepted attendees that count each one read."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        type(self).reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[AcceptedAttendee]:
        for attendee in super().__iter__():
            type(self).reads += 1
            yield attendee


class _CountingRows(RefusedRows):
    """Refused rows that count each one read."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        type(self).reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[Any]:
        for row in super().__iter__():
            type(self).reads += 1
            yield row


def _sized(count: int) -> RosterReport:
    """A roster of ``count`` accepted members and ``count`` refused unknown IDs, in
    alternate rows, whose rows count their reads."""
    people = [
        Account(aast_id=f"M-{i}", first_name="Ada", last_name="Lovelace", kind="member")
        for i in range(count)
    ]
    rows = []
    for i in range(count):
        rows += [_row(f"M-{i}"), _row(f"U-{i}")]
    report = check_roster(
        [{**row, "First Name": "Ada", "Last Name": "Lovelace"} for row in rows],
        program=LIVE,
        offering=LIVE_OFFERING,
        repository=InMemoryRepository(people),
        reported_at=date(2026, 3, 10),
    )
    counted = attrs.evolve(
        report,
        accepted=_CountingAttendees(*zip(*report.accepted, strict=True)),
        refused=_CountingRows(report.refused),
    )
    _CountingAttendees.reads = _CountingRows.reads = 0
    return counted


def _reads() -> tuple[int, int]:
    return _CountingAttendees.reads, _CountingRows.reads


class TestLinear:
    """Deciding a roster reads each row a fixed number of times, whatever its size."""

    @pytest.mark.parametrize("count", [50, 100, 200])
    def test_batch_reads_each_row_a_fixed_number_of_times(self, count: int) -> None:
        """The batch reads each accepted attendee once (to take its completion date) and
        each refused row twice (indexing it, and its report's reference): 2n attendees
        cost twice what n cost, where a search per attendee cost four times."""
        report = _sized(count)
        credits = _credits(report, _history(roster=_paid(report)))
        assert ((count, 2 * count), 2 * count) == (_reads(), len(credits.decisions))

    def test_each_decision_after_the_first_reads_one_row_at_most(self) -> None:
        """After the first decision about a report, each one reads at most the attendee's
        own accepted row and no refused row."""
        report = _sized(100)
        history = _history(roster=_paid(report))
        credit_decision("M-0", report=report, history=history, roster="R1")
        first = _reads()
        for i in range(100):
            credit_decision(f"M-{i}", report=report, history=history, roster="R1")
            credit_decision(f"U-{i}", report=report, history=history, roster="R1")
        assert ((1, 200), (101, 200)) == (first, _reads())

    def test_batch_after_a_decision_indexes_nothing_again(self) -> None:
        """A batch after a decision about the same report reads no refused row again."""
        report = _sized(50)
        history = _history(roster=_paid(report))
        credit_decision("M-0", report=report, history=history, roster="R1")
        _credits(report, history)
        assert (51, 100) == _reads()


# --------------------------------------------------------------------------
# The index: once per report, kept with the report, gone with it


class TestIndex:
    """The index is built once per report, kept with it (outside its value), and gone
    with it: no state outside the report."""

    def test_built_once_per_report(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Decisions about one report index it once; an evolved report is another value
        and is indexed again."""
        builds: list[int] = []
        build = eligibility._build

        def counted(report: RosterReport) -> Any:
            builds.append(id(report))
            return build(report)

        monkeypatch.setattr(eligibility, "_build", counted)
        report = attrs.evolve(ON_TIME)
        history = _history(roster=_paid(report))
        for aast_id in ("A-1", "A-2", "Q-1"):
            _decide(aast_id, report, history)
        _credits(report, history)
        other = attrs.evolve(report)
        _decide("A-1", other, history)
        assert [id(report), id(other)] == builds

    def test_report_is_not_changed(self) -> None:
        """Deciding leaves the report equal to what it was, and its hash the same."""
        report = attrs.evolve(ON_TIME)
        before = attrs.evolve(report)
        _credits(report, _history(roster=_paid(report)))
        assert (before, hash(before)) == (report, hash(report))

    def test_gone_with_the_report(self) -> None:
        """Once the report is gone, so is its index: nothing is kept across reports."""
        report = attrs.evolve(ON_TIME)
        _credits(report, _history(roster=_paid(report)))
        index = weakref.ref(eligibility._index(report))
        del report
        gc.collect()
        assert index() is None

    def test_threads(self) -> None:
        """Threads deciding about one new report at once agree with the batch."""
        report = copy.copy(ON_TIME)
        history = _history(roster=_paid(report))
        ids = ["A-1", "A-2", "A-3", "Z-9", "A-4", "Q-1"] * 20
        with ThreadPoolExecutor(max_workers=8) as pool:
            decided = list(pool.map(lambda i: _decide(i, report, history), ids))
        by_id = {d.aast_id: d for d in _credits(report, history).decisions}
        assert [by_id.get(i, _decide(i, ON_TIME, history)) for i in ids] == decided
