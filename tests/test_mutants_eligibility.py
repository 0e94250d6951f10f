"""Tests that kill mutmut's surviving mutants of cec_rules.eligibility (see docs/mutation.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.eligibility import CreditDecision, credit_decision
from cec_rules.lifecycle import ApplicationStatus, History, RosterState, RosterStatus
from cec_rules.program import Offering, Program
from cec_rules.roster import Finding, RefusedRow, RosterReport, check_roster

PROGRAM = Program(title="Scoring sleep studies", cecs="2", program_id="P-100")
OFFERING = Offering(date(2026, 3, 2))
REPOSITORY = InMemoryRepository(
    [Account(aast_id="A-1", first_name="Ada", last_name="Lovelace", kind="member")]
)


@pytest.fixture
def report() -> RosterReport:
    """Row 2 accepted (a member, $5.00 filing fee); row 3 refused (no account Q-7)."""
    rows = [
        {
            "Program ID": "P-100",
            "AAST ID": aast_id,
            "First Name": first,
            "Last Name": last,
            "Completion Date": "2026-03-02",
        }
        for aast_id, first, last in [("A-1", "Ada", "Lovelace"), ("Q-7", "Zed", "Zee")]
    ]
    return check_roster(
        rows,
        program=PROGRAM,
        offering=OFFERING,
        repository=REPOSITORY,
        reported_at=date(2026, 3, 10),
    )


def _decide(aast_id: str, report: RosterReport) -> CreditDecision:
    """Decide with the application approved and the roster's fee paid in full."""
    fee = report.filing_fee
    history = History(
        status=ApplicationStatus.APPROVED,
        due=Decimal("100.00"),
        paid=Decimal("100.00"),
        rosters={"R1": RosterState(roster="R1", status=RosterStatus.PAID, due=fee, paid=fee)},
        steps=(),
    )
    return credit_decision(aast_id, report=report, history=history, roster="R1")


def _with_refused(report: RosterReport, row: RefusedRow) -> RosterReport:
    """The report with its one refused row (row 3) replaced by ``row``."""
    assert [3] == [r.row for r in report.refused]
    return attrs.evolve(report, refused=(row,))


class TestShortRefusedRows:
    """A ragged refused row is matched on any of its cells, another on its AAST ID cell."""

    def test_two_cells(self, report: RosterReport) -> None:
        """A ragged row of just Program ID and AAST ID is the attendee's row."""
        ragged = Finding(
            code="row-ragged", row=3, message="the row has 2 cells where the header has 5"
        )
        refused = _with_refused(report, RefusedRow(3, ("P-100", "Q-7"), (ragged,)))
        decision = _decide("Q-7", refused)
        expected = [
            {
                "rule": "roster-fields",
                "message": "row 3 was refused: the row has 2 cells where the header has 5",
            }
        ]
        assert expected == [c.to_dict() for c in decision.unmet]

    def test_one_cell(self, report: RosterReport) -> None:
        """A ragged row of one cell holding the AAST ID is the attendee's row too."""
        ragged = Finding(
            code="row-ragged", row=3, message="the row has 1 cells where the header has 5"
        )
        refused = _with_refused(report, RefusedRow(3, ("Q-7",), (ragged,)))
        decision = _decide("Q-7", refused)
        assert ("roster-fields",) == decision.rules

    def test_short_row_of_another_kind(self, report: RosterReport) -> None:
        """A refused row that is not ragged but has fewer cells than the fields (built by
        hand) names no attendee: the attendee is simply not reported."""
        finding = Finding(code="account-not-found", row=3, message="no account")
        refused = _with_refused(report, RefusedRow(3, ("P-100", "Q-7"), (finding,)))
        assert ("reporting-window",) == _decide("Q-7", refused).rules


class TestWarningsBeforeErrors:
    """A warning on a refused row is skipped, and the errors after it still count."""

    def test_error_after_a_warning(self, report: RosterReport) -> None:
        """The name-mismatch warning comes first; the account-not-found error is the condition."""
        findings = (
            Finding(code="name-mismatch", row=3, message="names differ"),
            Finding(code="account-not-found", row=3, message="no account has AAST ID Q-7"),
        )
        cells = ("P-100", "Q-7", "Zed", "Zee", "2026-03-02")
        refused = _with_refused(report, RefusedRow(3, cells, findings))
        decision = _decide("Q-7", refused)
        expected = [
            {"rule": "account-exists", "message": "row 3 was refused: no account has AAST ID Q-7"}
        ]
        assert expected == [c.to_dict() for c in decision.unmet]
