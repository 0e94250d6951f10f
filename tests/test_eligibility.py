"""Tests for cec_rules.eligibility: when credits may be issued, and when review may start."""

from __future__ import annotations

import itertools
import json
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.eligibility import (
    Award,
    Condition,
    CreditDecision,
    ReviewDecision,
    credit_decision,
    review_decision,
)
from cec_rules.fees import ApplicationAssessment, assess_application
from cec_rules.lifecycle import (
    ApplicationStatus,
    Event,
    History,
    RosterState,
    RosterStatus,
    fold,
)
from cec_rules.money import ZERO
from cec_rules.program import Application, Offering, Program
from cec_rules.roster import Finding, RefusedRow, RosterReport, check_roster

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
