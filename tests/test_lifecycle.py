"""Tests for cec_rules.lifecycle: the transition table, the fold and the history."""

from __future__ import annotations

import copy
import json
import pickle
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import settings, strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.eligibility import roster_credits
from cec_rules.errors import (
    InvalidAmount,
    InvalidArgument,
    InvalidEvent,
    RefusedFloat,
    RosterMismatch,
    TransitionRefused,
)
from cec_rules.fees import ApplicationAssessment, assess_application
from cec_rules.lifecycle import (
    TRANSITIONS,
    ApplicationStatus,
    Event,
    EventKind,
    History,
    RosterState,
    RosterStatus,
    apply,
    fold,
    report_reference,
)
from cec_rules.money import ZERO
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Application, Offering, Program
from cec_rules.roster import RosterReport, check_roster

_A, _R, _K = ApplicationStatus, RosterStatus, EventKind
DAY_0 = date(2026, 3, 1)


def _on(day: int) -> date:
    return DAY_0 + timedelta(days=day)


def submitted(amount: str = "150.00", day: int = 0) -> Event:
    return Event(on=_on(day), kind=_K.SUBMITTED, amount=amount)


def fee_paid(amount: str, day: int = 1) -> Event:
    return Event(on=_on(day), kind=_K.APPLICATION_FEE_PAID, amount=amount)


def approved(day: int = 2) -> Event:
    return Event(on=_on(day), kind=_K.APPROVED)


def denied(day: int = 2) -> Event:
    return Event(on=_on(day), kind=_K.DENIED)


def withdrawn(day: int = 2) -> Event:
    return Event(on=_on(day), kind=_K.WITHDRAWN)


def reported(amount: str = "15.00", roster: str = "R1", day: int = 10) -> Event:
    return Event(on=_on(day), kind=_K.ROSTER_REPORTED, amount=amount, roster=roster)


def filing_paid(amount: str, roster: str = "R1", day: int = 11) -> Event:
    return Event(on=_on(day), kind=_K.FILING_FEE_PAID, amount=amount, roster=roster)


def issued(roster: str = "R1", day: int = 12) -> Event:
    return Event(on=_on(day), kind=_K.CECS_ISSUED, roster=roster)


# Histories that tables start from, by the status they reach.
NONE: list[Event] = []
SUBMITTED = [submitted()]
PART_PAID = [submitted(), fee_paid("100.00")]
IN_REVIEW = [submitted(), fee_paid("150.00")]
APPROVED = [*IN_REVIEW, approved()]
DENIED = [*IN_REVIEW, denied()]
WITHDRAWN = [*SUBMITTED, withdrawn()]
REPORTED = [*APPROVED, reported()]
PART_FILED = [*REPORTED, filing_paid("10.00")]
FILED = [*REPORTED, filing_paid("15.00")]
ISSUED = [*FILED, issued()]


def _approved_in_a_day() -> History:
    """An application submitted, paid in full (100.00) and approved, all on DAY_0."""
    return fold(
        [
            Event(on=DAY_0, kind="submitted", amount="100.00"),
            Event(on=DAY_0, kind="application-fee-paid", amount="100.00"),
            Event(on=DAY_0, kind="approved"),
        ]
    )


def _roster(history: History, name: str = "R1") -> tuple[str, Decimal, Decimal]:
    state = history.rosters[name]
    return state.status.value, state.due, state.paid


# Each allowed step: the events before it, the event, the status it meets (an
# ApplicationStatus or RosterStatus, as keyed in TRANSITIONS), the status it
# leads to, and the rule the step cites.
ALLOWED = [
    pytest.param(NONE, submitted(), _A.NONE, "submitted", "application-fee", id="submit"),
    pytest.param(
        SUBMITTED,
        fee_paid("150.00"),
        _A.SUBMITTED,
        "in-review",
        "application-fee",
        id="fee-paid-in-full",
    ),
    pytest.param(
        SUBMITTED,
        fee_paid("149.99"),
        _A.SUBMITTED,
        "submitted",
        "application-fee",
        id="fee-paid-in-part",
    ),
    pytest.param(
        IN_REVIEW,
        fee_paid("0.01"),
        _A.IN_REVIEW,
        "in-review",
        "application-fee",
        id="fee-paid-again",
    ),
    pytest.param(
        SUBMITTED,
        withdrawn(),
        _A.SUBMITTED,
        "withdrawn",
        "non-refundable",
        id="withdraw-submitted",
    ),
    pytest.param(
        IN_REVIEW,
        withdrawn(),
        _A.IN_REVIEW,
        "withdrawn",
        "non-refundable",
        id="withdraw-in-review",
    ),
    pytest.param(IN_REVIEW, approved(), _A.IN_REVIEW, "approved", "application-fee", id="approve"),
    pytest.param(IN_REVIEW, denied(), _A.IN_REVIEW, "denied", "non-refundable", id="deny"),
    pytest.param(APPROVED, reported(), _R.NONE, "reported", "approval-first", id="report"),
    pytest.param(
        REPORTED,
        filing_paid("15.00"),
        _R.REPORTED,
        "paid",
        "filing-fee",
        id="filing-fee-paid-in-full",
    ),
    pytest.param(
        REPORTED,
        filing_paid("14.99"),
        _R.REPORTED,
        "reported",
        "filing-fee",
        id="filing-fee-paid-in-part",
    ),
    pytest.param(
        FILED, filing_paid("1.00"), _R.PAID, "paid", "filing-fee", id="filing-fee-paid-again"
    ),
    pytest.param(FILED, issued(), _R.PAID, "cecs-issued", "fee-before-credit", id="issue"),
]


class TestAllowedTransitions:
    """Every pair in the table moves the application or the roster as it says."""

    @pytest.mark.parametrize(("events", "event", "before", "after", "rule"), ALLOWED)
    def test_step(
        self, events: list[Event], event: Event, before: Any, after: str, rule: str
    ) -> None:
        """The event applies and the step records the status before and after, and the rule."""
        history = apply(fold(events), event)
        step = history.steps[-1]
        assert (event, before.value, after, rule) == (
            step.event,
            step.before,
            step.after,
            step.rule,
        )

    @pytest.mark.parametrize(("events", "event", "before", "after", "rule"), ALLOWED)
    def test_status(
        self, events: list[Event], event: Event, before: Any, after: str, rule: str
    ) -> None:
        """The application, or the event's roster, ends in the step's status."""
        history = apply(fold(events), event)
        actual = history.rosters[event.roster].status if event.roster else history.status
        assert after == actual.value

    def test_table_is_covered(self) -> None:
        """The table above exercises every pair of TRANSITIONS."""
        tested = set()
        for param in ALLOWED:
            _, event, before, _, _ = param.values
            assert isinstance(event, Event)
            tested.add((before, event.kind))
        assert set(TRANSITIONS) == tested

    def test_fifty_cents_due_is_submitted(self) -> None:
        """A submission of 0.50 is accepted: the application is submitted with 0.50 due
        (`past-program` asks only that something is due)."""
        history = fold([Event(on=DAY_0, kind="submitted", amount="0.50")])
        expected = (ApplicationStatus.SUBMITTED, Decimal("0.50"), Decimal("0.50"))
        assert expected == (history.status, history.due, history.balance)

    def test_one_dollar_due_is_submitted(self) -> None:
        """A submission of exactly 1.00 is accepted too."""
        history = fold([Event(on=DAY_0, kind="submitted", amount="1.00")])
        assert (ApplicationStatus.SUBMITTED, Decimal("1.00")) == (history.status, history.due)


# Each refused event: the events before it, the event, what it meets (the
# application or its roster), the status named, and the rule cited.
REFUSED = [
    pytest.param(
        NONE,
        fee_paid("1.00"),
        "application",
        "none",
        "application-fee",
        id="pay-before-submitting",
    ),
    pytest.param(
        NONE,
        approved(),
        "application",
        "none",
        "application-fee",
        id="approve-before-submitting",
    ),
    pytest.param(
        NONE,
        withdrawn(),
        "application",
        "none",
        "non-refundable",
        id="withdraw-before-submitting",
    ),
    pytest.param(
        SUBMITTED,
        submitted(day=1),
        "application",
        "submitted",
        "application-fee",
        id="submit-twice",
    ),
    pytest.param(
        SUBMITTED,
        approved(),
        "application",
        "submitted",
        "application-fee",
        id="approve-unpaid",
    ),
    pytest.param(
        PART_PAID,
        approved(),
        "application",
        "submitted",
        "application-fee",
        id="approve-part-paid",
    ),
    pytest.param(
        SUBMITTED, denied(), "application", "submitted", "non-refundable", id="deny-unpaid"
    ),
    pytest.param(
        APPROVED,
        approved(day=3),
        "application",
        "approved",
        "application-fee",
        id="approve-twice",
    ),
    pytest.param(
        APPROVED, denied(day=3), "application", "approved", "non-refundable", id="deny-approved"
    ),
    pytest.param(
        APPROVED,
        withdrawn(day=3),
        "application",
        "approved",
        "non-refundable",
        id="withdraw-approved",
    ),
    pytest.param(
        APPROVED,
        fee_paid("1.00", day=3),
        "application",
        "approved",
        "application-fee",
        id="pay-after-approval",
    ),
    pytest.param(
        DENIED,
        withdrawn(day=3),
        "application",
        "denied",
        "non-refundable",
        id="withdraw-denied",
    ),
    pytest.param(
        DENIED, approved(day=3), "application", "denied", "application-fee", id="approve-denied"
    ),
    pytest.param(
        WITHDRAWN,
        approved(day=3),
        "application",
        "withdrawn",
        "application-fee",
        id="approve-withdrawn",
    ),
    pytest.param(
        WITHDRAWN,
        fee_paid("1.00", day=3),
        "application",
        "withdrawn",
        "application-fee",
        id="pay-withdrawn",
    ),
    pytest.param(
        NONE, reported(), "application", "none", "approval-first", id="report-before-submitting"
    ),
    pytest.param(
        IN_REVIEW,
        reported(),
        "application",
        "in-review",
        "approval-first",
        id="report-unapproved",
    ),
    pytest.param(DENIED, reported(), "application", "denied", "approval-first", id="report-denied"),
    pytest.param(
        WITHDRAWN,
        reported(),
        "application",
        "withdrawn",
        "approval-first",
        id="report-withdrawn",
    ),
    pytest.param(
        SUBMITTED,
        filing_paid("1.00"),
        "application",
        "submitted",
        "approval-first",
        id="filing-fee-unapproved",
    ),
    pytest.param(
        IN_REVIEW, issued(), "application", "in-review", "approval-first", id="cecs-unapproved"
    ),
    pytest.param(
        APPROVED,
        filing_paid("1.00"),
        "roster",
        "none",
        "filing-fee",
        id="filing-fee-before-report",
    ),
    pytest.param(
        APPROVED, issued(), "roster", "none", "fee-before-credit", id="cecs-before-report"
    ),
    pytest.param(REPORTED, issued(), "roster", "reported", "fee-before-credit", id="cecs-unpaid"),
    pytest.param(
        PART_FILED, issued(), "roster", "reported", "fee-before-credit", id="cecs-part-paid"
    ),
    pytest.param(REPORTED, reported(day=11), "roster", "reported", "one-claim", id="report-twice"),
    pytest.param(FILED, reported(day=12), "roster", "paid", "one-claim", id="report-after-payment"),
    pytest.param(
        ISSUED, reported(day=13), "roster", "cecs-issued", "one-claim", id="report-after-cecs"
    ),
    pytest.param(ISSUED, issued(day=13), "roster", "cecs-issued", "one-claim", id="cecs-twice"),
    pytest.param(
        ISSUED,
        filing_paid("1.00", day=13),
        "roster",
        "cecs-issued",
        "filing-fee",
        id="pay-after-cecs",
    ),
]


class TestRefusedTransitions:
    """An event the current status does not allow is refused, naming both."""

    @pytest.mark.parametrize(("events", "event", "subject", "status", "rule"), REFUSED)
    def test_refused(
        self, events: list[Event], event: Event, subject: str, status: str, rule: str
    ) -> None:
        """TransitionRefused carries the status, the event and the rule."""
        with pytest.raises(TransitionRefused) as caught:
            apply(fold(events), event)
        assert (status, event, rule) == (caught.value.status, caught.value.event, caught.value.rule)

    @pytest.mark.parametrize(("events", "event", "subject", "status", "rule"), REFUSED)
    def test_message(
        self, events: list[Event], event: Event, subject: str, status: str, rule: str
    ) -> None:
        """The message names the event, its date, its roster, the status and the rule."""
        target = f" for roster {event.roster!r}" if event.roster else ""
        expected = (
            f"{event.kind.value}{target} on {event.on.isoformat()} is not allowed while the "
            f"{subject} is {status} ({rule})"
        )
        with pytest.raises(TransitionRefused) as caught:
            apply(fold(events), event)
        assert expected == str(caught.value)

    @pytest.mark.parametrize(("events", "event", "subject", "status", "rule"), REFUSED)
    def test_history_unchanged(
        self, events: list[Event], event: Event, subject: str, status: str, rule: str
    ) -> None:
        """A refused event leaves the history it met as it was."""
        history = fold(events)
        before = history.to_dict()
        with pytest.raises(TransitionRefused):
            apply(history, event)
        assert before == history.to_dict()

    @pytest.mark.parametrize(
        ("events", "event", "message"),
        [
            pytest.param(
                IN_REVIEW,
                reported(),
                "roster-reported for roster 'R1' on 2026-03-11 is not allowed while the "
                "application is in-review (approval-first)",
                id="attendance-for-an-unapproved-program",
            ),
            pytest.param(
                REPORTED,
                issued(),
                "cecs-issued for roster 'R1' on 2026-03-13 is not allowed while the roster "
                "is reported (fee-before-credit)",
                id="cecs-before-payment",
            ),
        ],
    )
    def test_rule_book_examples(self, events: list[Event], event: Event, message: str) -> None:
        """The two refusals the rule book names read as a person would write them."""
        with pytest.raises(TransitionRefused) as caught:
            apply(fold(events), event)
        assert message == str(caught.value)

    def test_fold_stops_at_the_refused_event(self) -> None:
        """fold raises on the first refused event, naming that event."""
        bad = approved(day=1)
        with pytest.raises(TransitionRefused) as caught:
            fold([submitted(), bad, fee_paid("150.00", day=2)])
        assert bad is caught.value.event


class TestPayments:
    """Payments add up; the status moves only once the fee is paid in full."""

    def test_partial_application_payments(self) -> None:
        """Three partial payments keep the application submitted until the last."""
        events = [
            submitted("150.00"),
            fee_paid("50.00", 1),
            fee_paid("50.00", 2),
            fee_paid("50.00", 3),
        ]
        seen = [
            (h.status.value, h.paid, h.balance)
            for h in (fold(events[: n + 1]) for n in range(len(events)))
        ]
        expected = [
            ("submitted", ZERO, Decimal("150.00")),
            ("submitted", Decimal("50.00"), Decimal("100.00")),
            ("submitted", Decimal("100.00"), Decimal("50.00")),
            ("in-review", Decimal("150.00"), ZERO),
        ]
        assert expected == seen

    def test_partial_filing_payments(self) -> None:
        """Two partial payments keep the roster reported until the second."""
        history = fold([*REPORTED, filing_paid("7.50", day=11)])
        first = (*_roster(history), history.rosters["R1"].balance)
        history = apply(history, filing_paid("7.50", day=12))
        second = (*_roster(history), history.rosters["R1"].balance)
        expected = [
            ("reported", Decimal("15.00"), Decimal("7.50"), Decimal("7.50")),
            ("paid", Decimal("15.00"), Decimal("15.00"), ZERO),
        ]
        assert expected == [first, second]

    def test_a_zero_payment_changes_nothing(self) -> None:
        """A payment of 0.00 is recorded and leaves the balance as it was."""
        history = fold([*SUBMITTED, fee_paid("0.00")])
        assert ("submitted", Decimal("150.00"), 2) == (
            history.status.value,
            history.balance,
            len(history.steps),
        )

    def test_payments_accept_int_and_text(self) -> None:
        """An amount may be given as an int, text or a Decimal."""
        history = fold(
            [
                Event(on=DAY_0, kind="submitted", amount=150),
                Event(on=DAY_0, kind="application-fee-paid", amount=" 100.5 "),
                Event(on=DAY_0, kind="application-fee-paid", amount=Decimal("49.50")),
            ]
        )
        assert (_A.IN_REVIEW, Decimal("150.00")) == (history.status, history.paid)


class TestOverpayment:
    """Money paid beyond the fee is reported, never hidden or kept silently."""

    @pytest.mark.parametrize(
        ("events", "overpaid"),
        [
            pytest.param([*SUBMITTED, fee_paid("200.00")], "50.00", id="in-one-payment"),
            pytest.param([*IN_REVIEW, fee_paid("25.00", 2)], "25.00", id="after-review"),
            pytest.param([*PART_PAID, fee_paid("50.01", 2)], "0.01", id="second-payment-by-a-cent"),
            pytest.param(IN_REVIEW, "0.00", id="exact"),
        ],
    )
    def test_application(self, events: list[Event], overpaid: str) -> None:
        """History.overpaid is paid minus due; the balance stays at 0.00."""
        history = fold(events)
        expected = (Decimal(overpaid), ZERO, overpaid, "0.00")
        data = history.to_dict()
        assert expected == (history.overpaid, history.balance, data["overpaid"], data["balance"])

    @pytest.mark.parametrize(
        ("events", "overpaid"),
        [
            pytest.param([*REPORTED, filing_paid("20.00")], "5.00", id="in-one-payment"),
            pytest.param([*FILED, filing_paid("2.50", day=12)], "2.50", id="after-paid"),
            pytest.param([*ISSUED], "0.00", id="exact"),
            pytest.param(
                [*APPROVED, reported("0.00"), filing_paid("3.00")], "3.00", id="nothing-due"
            ),
        ],
    )
    def test_roster(self, events: list[Event], overpaid: str) -> None:
        """RosterState.overpaid is paid minus due; the balance stays at 0.00."""
        history = fold(events)
        state = history.rosters["R1"]
        data = history.to_dict()["rosters"]["R1"]
        expected = (Decimal(overpaid), ZERO, overpaid, "0.00")
        assert expected == (state.overpaid, state.balance, data["overpaid"], data["balance"])

    def test_explained(self) -> None:
        """The explanation names the overpayment of the application and of the roster."""
        history = fold([*SUBMITTED, fee_paid("160.00"), approved(), reported()])
        history = apply(history, filing_paid("16.00"))
        lines = history.explanation.splitlines()
        expected = [
            "Application approved: due $150.00, paid $160.00, balance $0.00, overpaid $10.00.",
            "Roster R1 paid: balance $0.00, overpaid $1.00.",
        ]
        assert expected == lines[:2]


class TestNonRefundable:
    """Withdrawal and denial refund nothing (non-refundable)."""

    @pytest.mark.parametrize(
        ("events", "status", "paid"),
        [
            pytest.param([*SUBMITTED, withdrawn()], "withdrawn", "0.00", id="withdrawn-unpaid"),
            pytest.param(
                [*PART_PAID, withdrawn()], "withdrawn", "100.00", id="withdrawn-part-paid"
            ),
            pytest.param([*IN_REVIEW, withdrawn()], "withdrawn", "150.00", id="withdrawn-paid"),
            pytest.param(DENIED, "denied", "150.00", id="denied"),
            pytest.param(
                [*SUBMITTED, fee_paid("170.00"), denied()], "denied", "170.00", id="denied-overpaid"
            ),
        ],
    )
    def test_refund_is_zero(self, events: list[Event], status: str, paid: str) -> None:
        """The refund is 0.00 (non-refundable) and what was paid stays recorded as paid."""
        history = fold(events)
        data = history.to_dict()
        expected = (status, ZERO, "0.00", paid)
        assert expected == (history.status.value, history.refund, data["refund"], data["paid"])


class TestZeroFilingFee:
    """A roster with nothing to pay is paid as soon as it is reported."""

    def test_paid_at_once(self) -> None:
        """Reporting with a 0.00 fee leads straight to paid."""
        history = fold([*APPROVED, reported("0.00")])
        step = history.steps[-1]
        assert (("paid", ZERO, ZERO), "none", "paid") == (
            _roster(history),
            step.before,
            step.after,
        )

    def test_cecs_follow_at_once(self) -> None:
        """CECs may be issued right after a 0.00 roster is reported."""
        history = fold([*APPROVED, reported("0.00"), issued(day=10)])
        assert "cecs-issued" == history.rosters["R1"].status.value

    def test_zero_fee_step_leads_to_paid(self) -> None:
        """0.00 due: paid, and the step says so."""
        history = fold(
            [Event(on=DAY_0, kind="roster-reported", amount="0.00", roster="R1")],
            _approved_in_a_day(),
        )
        state, step = history.rosters["R1"], history.steps[-1]
        expected = (RosterStatus.PAID, Decimal("0.00"), "none", "paid")
        assert expected == (state.status, state.due, step.before, step.after)

    def test_a_dollar_due_is_owed(self) -> None:
        """1.00 due: reported, 1.00 owing."""
        history = fold(
            [Event(on=DAY_0, kind="roster-reported", amount="1.00", roster="R1")],
            _approved_in_a_day(),
        )
        state = history.rosters["R1"]
        assert (RosterStatus.REPORTED, Decimal("1.00")) == (state.status, state.balance)


class TestRosters:
    """Each roster of an approved program moves on its own."""

    def test_rosters_are_independent(self) -> None:
        """Paying one roster leaves another as it was."""
        history = fold(
            [
                *APPROVED,
                reported("15.00", "R1"),
                reported("10.00", "R2", day=10),
                filing_paid("15.00", "R1"),
                issued("R1"),
            ]
        )
        assert [("cecs-issued", Decimal("15.00")), ("reported", ZERO)] == [
            (history.rosters[name].status.value, history.rosters[name].paid)
            for name in ("R1", "R2")
        ]


class TestDateOrder:
    """Events are applied in date order; an earlier date than the last is refused."""

    def test_out_of_order(self) -> None:
        """An event dated before the last one applied is refused with no status."""
        event = fee_paid("150.00", day=-1)
        with pytest.raises(TransitionRefused) as caught:
            fold([submitted(), event])
        expected = (
            None,
            event,
            None,
            "application-fee-paid on 2026-02-28 comes before the last event applied "
            "(submitted on 2026-03-01); give events in date order",
        )
        error = caught.value
        assert expected == (error.status, error.event, error.rule, str(error))

    def test_out_of_order_is_checked_first(self) -> None:
        """An early event is refused for its date even when its status would refuse it too."""
        with pytest.raises(TransitionRefused) as caught:
            fold([*IN_REVIEW, issued(day=0)])
        assert "comes before the last event applied" in str(caught.value)

    def test_same_day(self) -> None:
        """Several events on one day apply in the order given."""
        history = fold(
            [submitted(day=5), fee_paid("150.00", day=5), approved(day=5), reported(day=5)]
        )
        assert (_A.APPROVED, 4) == (history.status, len(history.steps))

    def test_gaps_of_any_length(self) -> None:
        """Events may be years apart."""
        history = fold([submitted(day=0), fee_paid("150.00", day=800)])
        assert _A.IN_REVIEW == history.status

    def test_out_of_order_across_a_continued_fold(self) -> None:
        """The date order holds across fold(start=...)."""
        with pytest.raises(TransitionRefused, match="comes before"):
            fold([approved(day=0)], start=fold(IN_REVIEW))


class TestMalformedEvents:
    """An event that could not apply whatever the status is refused when it is built."""

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            pytest.param(
                {"kind": "submitted"},
                "the submitted event needs an amount",
                id="submitted-no-amount",
            ),
            pytest.param(
                {"kind": "application-fee-paid"},
                "the application-fee-paid event needs an amount",
                id="payment-no-amount",
            ),
            pytest.param(
                {"kind": "roster-reported", "roster": "R1"},
                "the roster-reported event needs an amount",
                id="report-no-amount",
            ),
            pytest.param(
                {"kind": "filing-fee-paid", "roster": "R1"},
                "the filing-fee-paid event needs an amount",
                id="filing-payment-no-amount",
            ),
            pytest.param(
                {"kind": "approved", "amount": "1.00"},
                "the approved event carries no amount",
                id="approved-amount",
            ),
            pytest.param(
                {"kind": "cecs-issued", "amount": "0", "roster": "R1"},
                "the cecs-issued event carries no amount",
                id="cecs-amount",
            ),
            pytest.param(
                {"kind": "roster-reported", "amount": "5.00"},
                "the roster-reported event names its roster",
                id="report-no-roster",
            ),
            pytest.param(
                {"kind": "cecs-issued"},
                "the cecs-issued event names its roster",
                id="cecs-no-roster",
            ),
            pytest.param(
                {"kind": "submitted", "amount": "5.00", "roster": "R1"},
                "the submitted event names no roster",
                id="submitted-roster",
            ),
            pytest.param(
                {"kind": "withdrawn", "roster": "R1"},
                "the withdrawn event names no roster",
                id="withdrawn-roster",
            ),
            pytest.param(
                {"kind": "cecs-issued", "roster": ""},
                "a roster is named by text, not ''",
                id="empty-roster",
            ),
            pytest.param(
                {"kind": "cecs-issued", "roster": "  "},
                "a roster is named by text, not '  '",
                id="blank-roster",
            ),
            pytest.param(
                {"kind": "cecs-issued", "roster": 7},
                "a roster is named by text, not 7",
                id="number-roster",
            ),
            pytest.param(
                {"kind": "approved", "on": datetime(2026, 3, 1, 9, tzinfo=timezone.utc)},
                "an event is dated by a calendar date, not the datetime",
                id="datetime",
            ),
            pytest.param(
                {"kind": "approved", "on": "2026-03-01"},
                "an event is dated by a calendar date such as date(2026, 3, 2), not '2026-03-01'",
                id="text-date",
            ),
            pytest.param(
                {"kind": "approved", "on": None},
                "an event is dated by a calendar date such as date(2026, 3, 2), not None",
                id="no-date",
            ),
        ],
    )
    def test_refused(self, fields: dict[str, Any], message: str) -> None:
        """TransitionRefused says what is wrong, with no status and no rule."""
        with pytest.raises(TransitionRefused) as caught:
            Event(**{"on": DAY_0, **fields})
        error = caught.value
        assert (True, None, None, True) == (
            str(error).startswith(message),
            error.status,
            error.rule,
            isinstance(error.event, Event),
        )

    @pytest.mark.parametrize(
        ("fields", "error"),
        [
            pytest.param({"amount": 1.5}, RefusedFloat, id="float"),
            pytest.param({"amount": "-1.00"}, InvalidAmount, id="negative"),
            pytest.param({"amount": "0.001"}, InvalidAmount, id="fraction-of-a-cent"),
            pytest.param({"amount": "149.995"}, InvalidAmount, id="half-a-cent"),
            pytest.param({"amount": "NaN"}, InvalidAmount, id="nan"),
            pytest.param({"amount": "fifty"}, InvalidAmount, id="text"),
            pytest.param({"kind": "paid"}, ValueError, id="unknown-kind"),
        ],
    )
    def test_bad_values(self, fields: dict[str, Any], error: type[Exception]) -> None:
        """A float, a fraction of a cent (money-decimal) or a bad kind is refused."""
        with pytest.raises(error):
            Event(**{"on": DAY_0, "kind": "application-fee-paid", "amount": "1.00", **fields})

    @pytest.mark.parametrize("amount", ["150.000", "1E+2", "0", "0.10", "12345678901234567890.12"])
    def test_whole_cents_in_any_form(self, amount: str) -> None:
        """Any amount in whole cents is taken as written, however many trailing zeros."""
        event = Event(on=DAY_0, kind="application-fee-paid", amount=amount)
        assert Decimal(amount) == event.amount

    def test_nothing_due_on_submission(self) -> None:
        """An application submitted with 0.00 due (every offering past) is refused."""
        event = submitted("0.00")
        with pytest.raises(TransitionRefused, match=r"every offering is past \(past-program\)"):
            apply(fold([]), event)

    def test_nothing_due_on_submission_carries_the_event(self) -> None:
        """A submission of 0.00 is malformed: the error carries the event and the reason,
        with no status and no rule of its own."""
        event = Event(on=DAY_0, kind="submitted", amount="0.00")
        with pytest.raises(TransitionRefused) as caught:
            fold([event])
        error = caught.value
        expected = (
            "an application with nothing due has no offering to review: every offering "
            "is past (past-program)",
            None,
            event,
            None,
        )
        assert expected == (str(error), error.status, error.event, error.rule)

    def test_negative_amount_names_the_field(self) -> None:
        """A negative amount: the money module's reason, under the field "amount"."""
        with pytest.raises(InvalidAmount) as caught:
            Event(on=DAY_0, kind="submitted", amount="-5")
        error = caught.value
        expected = (
            "amount '-5' is refused: an amount may not be negative",
            "amount",
            "-5",
            "an amount may not be negative",
        )
        assert expected == (str(error), error.field, error.value, error.reason)

    @pytest.mark.parametrize(
        ("amount", "reason"),
        [
            pytest.param("99999999999999999999999999.99", None, id="28-digits-in-cents"),
            pytest.param(
                "9999999999999999999999999999",
                "it has too many digits to be counted in cents",
                id="28-digits-in-dollars-30-in-cents",
            ),
            pytest.param(
                "999999999999999999999999999.99",
                "it has more than 28 digits written out in full; write it with at most 28 digits",
                id="29-digits",
            ),
            pytest.param(
                "1E+999999999",
                "it has more than 28 digits written out in full; write it with at most 28 digits",
                id="huge-exponent",
            ),
        ],
    )
    def test_amounts_a_ledger_can_add(self, amount: str, reason: str | None) -> None:
        """An amount with more than 28 digits, or more than 28 digits in cents, cannot be
        added up exactly: it is refused when the event is made, never an overflow or a
        rounding inside a later fold."""
        if reason is None:
            assert Decimal(amount) == Event(on=DAY_0, kind="submitted", amount=amount).amount
            return
        with pytest.raises(InvalidAmount) as caught:
            Event(on=DAY_0, kind="submitted", amount=amount)
        assert f"amount {amount!r} is refused: {reason}" == str(caught.value)

    def test_fraction_of_a_cent_names_the_field(self) -> None:
        """A fraction of a cent: refused as not whole cents, under the field "amount"."""
        with pytest.raises(InvalidAmount) as caught:
            Event(on=DAY_0, kind="application-fee-paid", amount="1.005")
        error = caught.value
        expected = (
            "amount '1.005' is refused: an amount is paid in whole cents",
            "amount",
            "1.005",
            "an amount is paid in whole cents",
            "money-decimal",
        )
        assert expected == (str(error), error.field, error.value, error.reason, error.rule)

    @pytest.mark.parametrize(
        "thing",
        [
            pytest.param({"on": "2026-03-01", "kind": "submitted"}, id="dict"),
            pytest.param(None, id="none"),
            pytest.param(EventKind.APPROVED, id="kind"),
        ],
    )
    def test_not_an_event(self, thing: Any) -> None:
        """Anything but an Event is a TypeError naming its type."""
        with pytest.raises(TypeError, match=f"expected an Event, got {type(thing).__name__}"):
            fold([submitted(), thing])


class TestFold:
    """fold is pure and can continue an earlier fold."""

    def test_empty(self) -> None:
        """No events: nothing submitted, nothing due, nothing paid."""
        history = fold([])
        assert (_A.NONE, ZERO, ZERO, ZERO, {}, ()) == (
            history.status,
            history.due,
            history.paid,
            history.balance,
            history.rosters,
            history.steps,
        )

    @pytest.mark.parametrize("cut", range(len(ISSUED) + 1))
    def test_start_continues(self, cut: int) -> None:
        """Folding the rest onto the fold of the first part gives the fold of the whole."""
        assert fold(ISSUED) == fold(ISSUED[cut:], start=fold(ISSUED[:cut]))

    def test_pure(self) -> None:
        """Folding the same events twice gives equal histories, and the events' order counts."""
        assert (True, False) == (fold(ISSUED) == fold(ISSUED), fold(IN_REVIEW) == fold(SUBMITTED))

    def test_takes_any_iterable(self) -> None:
        """A generator of events folds like a list."""
        assert fold(ISSUED) == fold(event for event in ISSUED)

    def test_start_is_not_changed(self) -> None:
        """Continuing a fold leaves the earlier history as it was."""
        start = fold(REPORTED)
        before = start.to_dict()
        fold([filing_paid("15.00"), issued()], start=start)
        assert before == start.to_dict()


def _mutations(history: History) -> dict[str, Any]:
    """Ways a caller might try to change a history's rosters, by name."""
    state = RosterState(roster="R9", status=_R.PAID, due=ZERO, paid=ZERO)
    rosters: Any = history.rosters
    return {
        "set-item": lambda: rosters.__setitem__("R9", state),
        "delete-item": lambda: rosters.__delitem__("R1"),
        "update": lambda: rosters.update({"R9": state}),
        "clear": lambda: rosters.clear(),
        "pop": lambda: rosters.pop("R1"),
        "set-default": lambda: rosters.setdefault("R9", state),
        "replace-the-items": lambda: setattr(rosters, "_items", {"R9": state}),
        "delete-the-items": lambda: delattr(rosters, "_items"),
        "replace-the-rosters": lambda: setattr(history, "rosters", {}),
        "extend-the-steps": lambda: history.steps.append(None),  # type: ignore[attr-defined]
    }


MUTATIONS = sorted(_mutations(fold([])))


class TestImmutableHistory:
    """A history is immutable all the way down: no mutable dict or list is reachable from
    it, so no caller can change the empty fold or any later one."""

    @pytest.mark.parametrize("start", ["empty", "reported"])
    @pytest.mark.parametrize("mutation", MUTATIONS)
    def test_refused(self, start: str, mutation: str) -> None:
        """Every way of changing a history's rosters or steps is refused, and the history,
        and every later fold, is as it was."""
        events = [] if start == "empty" else REPORTED
        history = fold(events)
        before = history.to_dict()
        with pytest.raises((TypeError, AttributeError)):
            _mutations(history)[mutation]()
        assert (before, before) == (history.to_dict(), fold(events).to_dict())

    def test_empty_fold_shared_state_untouched(self) -> None:
        """Trying to add a roster to fold([]) leaves a later fold([]) with no rosters."""
        with pytest.raises(TypeError):
            fold([]).rosters["R1"] = RosterState(  # type: ignore[index]
                roster="R1", status=_R.PAID, due=ZERO, paid=ZERO
            )
        assert {} == fold([]).rosters

    def test_given_rosters_are_copied(self) -> None:
        """A history built from a caller's dict keeps its own copy: changing the dict
        afterwards changes nothing."""
        state = RosterState(roster="R1", status=_R.PAID, due=ZERO, paid=ZERO)
        given_rosters = {"R1": state}
        steps = [*fold(REPORTED).steps]
        history = History(
            status=_A.APPROVED, due=ZERO, paid=ZERO, rosters=given_rosters, steps=steps
        )
        given_rosters.clear()
        steps.clear()
        assert ({"R1": state}, fold(REPORTED).steps) == (history.rosters, history.steps)

    def test_rosters_read_as_a_mapping(self) -> None:
        """The rosters read as a mapping does: by key, in order, with len, get and ==."""
        rosters = fold(REPORTED).rosters
        expected = (["R1"], 1, True, None, _R.REPORTED, repr(dict(rosters)))
        assert expected == (
            list(rosters),
            len(rosters),
            "R1" in rosters,
            rosters.get("R2"),
            rosters["R1"].status,
            repr(rosters),
        )

    def test_pickles_and_copies(self) -> None:
        """A history survives pickling and deep copying, equal to itself."""
        history = fold(ISSUED)
        assert (history, history) == (
            pickle.loads(pickle.dumps(history)),
            copy.deepcopy(history),
        )

    def test_transition_table_is_read_only(self) -> None:
        """The transition table cannot be changed by a caller either."""
        with pytest.raises(TypeError):
            TRANSITIONS[(_A.NONE, _K.APPROVED)] = _A.APPROVED  # type: ignore[index]
        assert (_A.NONE, _K.APPROVED) not in TRANSITIONS


STORY = [
    submitted("150.00"),
    fee_paid("200.00"),
    approved(),
    reported("15.00"),
    filing_paid("20.00"),
    issued(),
]


class TestOutput:
    """A history renders as plain text and as JSON-ready data."""

    def test_explanation(self) -> None:
        """The status and balances, each roster, then one sentence per step."""
        expected = "\n".join(
            [
                "Application approved: due $150.00, paid $200.00, balance $0.00, overpaid $50.00.",
                "Roster R1 cecs-issued: balance $0.00, overpaid $5.00.",
                "2026-03-01: submitted ($150.00): application none -> submitted (application-fee).",
                "2026-03-02: application-fee-paid ($200.00): application submitted -> in-review "
                "(application-fee).",
                "2026-03-03: approved: application in-review -> approved (application-fee).",
                "2026-03-11: roster-reported ($15.00): roster R1 none -> reported "
                "(approval-first).",
                "2026-03-12: filing-fee-paid ($20.00): roster R1 reported -> paid (filing-fee).",
                "2026-03-13: cecs-issued: roster R1 paid -> cecs-issued (fee-before-credit).",
            ]
        )
        assert expected == fold(STORY).explanation

    def test_explanation_without_overpayment(self) -> None:
        """No overpayment, no mention of one."""
        expected = (
            "Application submitted: due $150.00, paid $100.00, balance $50.00.\n"
            "2026-03-01: submitted ($150.00): application none -> submitted (application-fee).\n"
            "2026-03-02: application-fee-paid ($100.00): application submitted -> submitted "
            "(application-fee)."
        )
        assert expected == fold(PART_PAID).explanation

    def test_explanation_of_nothing(self) -> None:
        """An empty history says so in one line."""
        expected = "Application none: due $0.00, paid $0.00, balance $0.00."
        assert expected == fold([]).explanation

    def test_to_dict(self) -> None:
        """Amounts are strings with cents; steps carry the event and the move."""
        data = fold(STORY).to_dict()
        data.pop("explanation")
        expected = {
            "status": "approved",
            "due": "150.00",
            "paid": "200.00",
            "balance": "0.00",
            "overpaid": "50.00",
            "refund": "0.00",
            "rosters": {
                "R1": {
                    "status": "cecs-issued",
                    "due": "15.00",
                    "paid": "20.00",
                    "balance": "0.00",
                    "overpaid": "5.00",
                    "report": None,
                }
            },
            "steps": [
                {
                    "on": "2026-03-01",
                    "kind": "submitted",
                    "amount": "150.00",
                    "roster": None,
                    "report": None,
                    "before": "none",
                    "after": "submitted",
                    "rule": "application-fee",
                },
                {
                    "on": "2026-03-02",
                    "kind": "application-fee-paid",
                    "amount": "200.00",
                    "roster": None,
                    "report": None,
                    "before": "submitted",
                    "after": "in-review",
                    "rule": "application-fee",
                },
                {
                    "on": "2026-03-03",
                    "kind": "approved",
                    "amount": None,
                    "roster": None,
                    "report": None,
                    "before": "in-review",
                    "after": "approved",
                    "rule": "application-fee",
                },
                {
                    "on": "2026-03-11",
                    "kind": "roster-reported",
                    "amount": "15.00",
                    "roster": "R1",
                    "report": None,
                    "before": "none",
                    "after": "reported",
                    "rule": "approval-first",
                },
                {
                    "on": "2026-03-12",
                    "kind": "filing-fee-paid",
                    "amount": "20.00",
                    "roster": "R1",
                    "report": None,
                    "before": "reported",
                    "after": "paid",
                    "rule": "filing-fee",
                },
                {
                    "on": "2026-03-13",
                    "kind": "cecs-issued",
                    "amount": None,
                    "roster": "R1",
                    "report": None,
                    "before": "paid",
                    "after": "cecs-issued",
                    "rule": "fee-before-credit",
                },
            ],
        }
        assert expected == data

    def test_json_round_trip(self) -> None:
        """to_dict survives json.dumps and json.loads unchanged, explanation included."""
        data = fold(STORY).to_dict()
        assert data == json.loads(json.dumps(data))

    def test_amounts_shown_with_cents(self) -> None:
        """An amount given as a whole number is shown with cents."""
        data = fold([Event(on=DAY_0, kind="submitted", amount=150)]).to_dict()
        assert ("150.00", "150.00") == (data["due"], data["steps"][0]["amount"])

    def test_event_to_dict(self) -> None:
        """An event renders its date, kind, amount, roster and report."""
        expected = {
            "on": "2026-03-12",
            "kind": "filing-fee-paid",
            "amount": "5.50",
            "roster": "R1",
            "report": None,
        }
        assert expected == filing_paid("5.5").to_dict()


# --------------------------------------------------------------------------
# The lifecycle as a state machine


def _reachable() -> frozenset[Any]:
    """The statuses the table can reach from the two starting statuses."""
    reached: set[Any] = {_A.NONE, _R.NONE}
    grown = True
    while grown:
        targets = {after for (before, _), after in TRANSITIONS.items() if before in reached}
        grown = not targets <= reached
        reached |= targets
    return frozenset(reached)


REACHABLE = _reachable()
ROSTER_NAMES = st.sampled_from(["R1", "R2", "R3"])
DAYS = st.integers(min_value=0, max_value=20)
CENTS = st.integers(min_value=0, max_value=40_000).map(lambda cents: Decimal(cents).scaleb(-2))

# The model: where each event is allowed, written from the rule book (section 8),
# not from TRANSITIONS.  Roster events also need the application approved.
MODEL_APPLICATION = {
    _K.SUBMITTED: {_A.NONE},
    _K.APPLICATION_FEE_PAID: {_A.SUBMITTED, _A.IN_REVIEW},
    _K.APPROVED: {_A.IN_REVIEW},
    _K.DENIED: {_A.IN_REVIEW},
    _K.WITHDRAWN: {_A.SUBMITTED, _A.IN_REVIEW},
}
MODEL_ROSTER = {
    _K.ROSTER_REPORTED: {_R.NONE},
    _K.FILING_FEE_PAID: {_R.REPORTED, _R.PAID},
    _K.CECS_ISSUED: {_R.PAID},
}
WITH_AMOUNT = {_K.SUBMITTED, _K.APPLICATION_FEE_PAID, _K.ROSTER_REPORTED, _K.FILING_FEE_PAID}


def _snapshot(history: History) -> tuple[Any, ...]:
    """Everything a history holds, copied, to see that a refused event changed nothing."""
    return (history.status, history.due, history.paid, dict(history.rosters), history.steps)


class LifecycleMachine(RuleBasedStateMachine):
    """Apply generated events one by one, against a model of what the rule book allows.

    The rules behind a precondition move the application forward; ``any_event``
    tries any event at any time (withdrawal and denial among them), so that
    refusals are exercised in every status.
    """

    def __init__(self) -> None:
        super().__init__()
        self.history = fold([])
        self.applied: list[Event] = []
        self.today = DAY_0
        self.status = _A.NONE
        self.due = ZERO
        self.paid = ZERO
        self.rosters: dict[str, tuple[RosterStatus, Decimal, Decimal]] = {}

    def _roster(self, roster: str | None) -> tuple[RosterStatus, Decimal, Decimal]:
        return self.rosters.get(roster or "", (_R.NONE, ZERO, ZERO))

    def _expect(self, kind: EventKind, amount: Decimal | None, roster: str | None) -> str | None:
        """Return None when the model allows the event, else the status it should name."""
        if kind in MODEL_APPLICATION:
            if self.status not in MODEL_APPLICATION[kind]:
                return self.status.value
            if kind is _K.SUBMITTED and amount == 0:
                return "malformed"  # nothing due: every offering past
            return None
        if self.status is not _A.APPROVED:
            return str(self.status.value)
        status = self._roster(roster)[0]
        return None if status in MODEL_ROSTER[kind] else status.value

    def _model(self, kind: EventKind, amount: Decimal | None, roster: str | None) -> None:
        """Move the model as the rule book says the event moves the history."""
        if kind is _K.SUBMITTED:
            assert amount is not None
            self.status, self.due = _A.SUBMITTED, amount
        elif kind is _K.APPLICATION_FEE_PAID:
            assert amount is not None
            self.paid += amount
            self.status = _A.IN_REVIEW if self.paid >= self.due else _A.SUBMITTED
        elif kind in {_K.APPROVED, _K.DENIED, _K.WITHDRAWN}:
            self.status = {_K.APPROVED: _A.APPROVED, _K.DENIED: _A.DENIED}.get(kind, _A.WITHDRAWN)
        else:
            assert roster is not None
            status, due, paid = self._roster(roster)
            if kind is _K.ROSTER_REPORTED:
                assert amount is not None
                due = amount
            elif kind is _K.FILING_FEE_PAID:
                assert amount is not None
                paid += amount
            if kind is not _K.CECS_ISSUED:
                status = _R.PAID if paid >= due else _R.REPORTED
            else:
                status = _R.CECS_ISSUED
            self.rosters[roster] = (status, due, paid)

    def _event(
        self, kind: EventKind, days: int, amount: Decimal | None = None, roster: str | None = None
    ) -> None:
        """Apply an event dated ``days`` after the last; a refusal must match the model."""
        self.today += timedelta(days=days)
        event = Event(on=self.today, kind=kind, amount=amount, roster=roster)
        refused_in = self._expect(kind, amount, roster)
        if refused_in is None:
            self.history = apply(self.history, event)
            self.applied.append(event)
            self._model(kind, amount, roster)
            return
        before = _snapshot(self.history)
        with pytest.raises(TransitionRefused) as caught:
            apply(self.history, event)
        expected_status = None if refused_in == "malformed" else refused_in
        assert (expected_status, event) == (caught.value.status, caught.value.event)
        assert before == _snapshot(self.history)

    @initialize(stage=st.integers(min_value=0, max_value=3))
    def start(self, stage: int) -> None:
        """Begin with the first ``stage`` steps to approval, so that rosters are reached often."""
        fee = Decimal("150.00")
        opening = [(_K.SUBMITTED, fee), (_K.APPLICATION_FEE_PAID, fee), (_K.APPROVED, None)]
        for kind, amount in opening[:stage]:
            self._event(kind, 1, amount=amount)

    @precondition(lambda self: self.status is _A.NONE)
    @rule(days=DAYS, amount=CENTS)
    def submit(self, days: int, amount: Decimal) -> None:
        self._event(_K.SUBMITTED, days, amount=amount)

    @precondition(lambda self: self.status in {_A.SUBMITTED, _A.IN_REVIEW})
    @rule(days=DAYS, amount=CENTS, exact=st.booleans())
    def pay_application_fee(self, days: int, amount: Decimal, exact: bool) -> None:
        if exact and self.due > self.paid:
            amount = self.due - self.paid
        self._event(_K.APPLICATION_FEE_PAID, days, amount=amount)

    @precondition(lambda self: self.status is _A.IN_REVIEW)
    @rule(days=DAYS)
    def approve(self, days: int) -> None:
        self._event(_K.APPROVED, days)

    @precondition(lambda self: self.status is _A.APPROVED)
    @rule(days=DAYS, roster=ROSTER_NAMES, fee=st.one_of(st.just(ZERO), CENTS))
    def report_roster(self, days: int, roster: str, fee: Decimal) -> None:
        self._event(_K.ROSTER_REPORTED, days, amount=fee, roster=roster)

    @precondition(lambda self: bool(self.rosters))
    @rule(days=DAYS, roster=ROSTER_NAMES, amount=CENTS, exact=st.booleans())
    def pay_filing_fee(self, days: int, roster: str, amount: Decimal, exact: bool) -> None:
        _, due, paid = self._roster(roster)
        if exact and due > paid:
            amount = due - paid
        self._event(_K.FILING_FEE_PAID, days, amount=amount, roster=roster)

    @precondition(lambda self: bool(self.rosters))
    @rule(days=DAYS, roster=ROSTER_NAMES)
    def issue_cecs(self, days: int, roster: str) -> None:
        self._event(_K.CECS_ISSUED, days, roster=roster)

    @rule(days=DAYS, kind=st.sampled_from(list(EventKind)), amount=CENTS, roster=ROSTER_NAMES)
    def any_event(self, days: int, kind: EventKind, amount: Decimal, roster: str) -> None:
        self._event(
            kind,
            days,
            amount=amount if kind in WITH_AMOUNT else None,
            roster=roster if kind in MODEL_ROSTER else None,
        )

    @precondition(lambda self: bool(self.applied))
    @rule(days=st.integers(min_value=1, max_value=400), kind=st.sampled_from(list(EventKind)))
    def event_out_of_order(self, days: int, kind: EventKind) -> None:
        event = Event(
            on=self.applied[-1].on - timedelta(days=days),
            kind=kind,
            amount=Decimal("1.00") if kind in WITH_AMOUNT else None,
            roster="R1" if kind in MODEL_ROSTER else None,
        )
        with pytest.raises(TransitionRefused, match="comes before the last event applied"):
            apply(self.history, event)

    @invariant()
    def matches_the_model(self) -> None:
        rosters = {name: (s.status, s.due, s.paid) for name, s in self.history.rosters.items()}
        expected = (self.status, self.due, self.paid, self.rosters)
        assert expected == (self.history.status, self.history.due, self.history.paid, rosters)

    @invariant()
    def replays(self) -> None:
        assert self.history == fold(self.applied)
        assert len(self.applied) == len(self.history.steps)

    @invariant()
    def status_is_possible(self) -> None:
        history = self.history
        assert history.status in REACHABLE
        assert all(s.status in REACHABLE - {_R.NONE} for s in history.rosters.values())
        if history.rosters:
            assert history.status is _A.APPROVED
        if history.status is _A.NONE:
            assert (ZERO, ZERO, ()) == (history.due, history.paid, history.steps)
        elif history.status is _A.SUBMITTED:
            assert history.paid < history.due
        elif history.status is not _A.WITHDRAWN:
            assert history.paid >= history.due > 0

    @invariant()
    def balances_are_never_negative(self) -> None:
        states: list[History | RosterState] = [self.history, *self.history.rosters.values()]
        for state in states:
            assert min(state.due, state.paid, state.balance, state.overpaid) >= 0
            assert state.balance == max(state.due - state.paid, ZERO)
            assert state.overpaid == max(state.paid - state.due, ZERO)
            assert (state.overpaid > 0) == (state.paid > state.due)

    @invariant()
    def credit_only_when_approved_and_paid(self) -> None:
        for state in self.history.rosters.values():
            if state.status in {_R.PAID, _R.CECS_ISSUED}:
                assert self.history.status is _A.APPROVED
                assert state.paid >= state.due
            else:
                assert state.paid < state.due

    @invariant()
    def refund_is_zero(self) -> None:
        assert ZERO == self.history.refund

    def teardown(self) -> None:
        data = self.history.to_dict()
        assert ("0.00", data) == (data["refund"], json.loads(json.dumps(data)))


class TestLifecycleMachine:
    """No sequence of events reaches an impossible state."""

    def test_machine(self) -> None:
        """CECs only once paid (fee-before-credit) and approved (approval-first), always."""
        # The number of runs comes from the Hypothesis profile (tests/conftest.py).
        run_state_machine_as_test(LifecycleMachine, settings=settings(stateful_step_count=20))

    def test_reachable(self) -> None:
        """Every status the enums name is reachable from the table (none is dead)."""
        assert set(ApplicationStatus) | set(RosterStatus) == REACHABLE


class TestUnknownKind:
    def test_unknown_event_kind_is_a_library_error(self) -> None:
        """An event kind the library does not know is refused with InvalidEvent naming it."""
        with pytest.raises(InvalidEvent, match="'refunded' is not an event kind"):
            Event(on=date(2026, 3, 1), kind="refunded")


# --------------------------------------------------------------------------
# Events built from the library's results: the figures and the roster's report come
# from the results, never copied by hand, and bad use is refused.

_PROGRAM = Program(title="Scoring sleep studies", cecs="2", program_id="PRG-1")
_OFFERING = Offering(date(2026, 3, 2))
_REPOSITORY = InMemoryRepository(
    [
        Account(aast_id="A-1", first_name="Ada", last_name="Lovelace", kind="member"),
        Account(aast_id="G-1", first_name="Grace", last_name="Hopper", kind="guest"),
    ]
)
_ROWS = "Program ID,AAST ID,First Name,Last Name,Completion Date\n"


def _report(*ids: str, reported_at: date = date(2026, 3, 20)) -> RosterReport:
    """A roster of the attendees ``ids`` (A-1 a member, G-1 a guest, others unknown)."""
    body = "".join(f"PRG-1,{aast_id},Ada,Lovelace,2026-03-02\n" for aast_id in ids)
    return check_roster(
        (_ROWS + body).encode(),
        program=_PROGRAM,
        offering=_OFFERING,
        repository=_REPOSITORY,
        reported_at=reported_at,
    )


#: Ada (a member, $5.00) and Grace (a guest, $10.00): $15.00 due.
BOTH = _report("A-1", "G-1")
#: Ada alone: $5.00 due.
ADA_ALONE = _report("A-1")
#: Submitted 2026-01-05 for 2026-03-02, on time: 2 CECs x $50.00 = $100.00.
ASSESSMENT = assess_application(
    Application(
        program=Program(title="Scoring sleep studies", cecs="2"),
        offerings=[_OFFERING],
        submitted=datetime(2026, 1, 5, 23, 30, tzinfo=timezone(timedelta(hours=-8))),
    )
)
#: Every offering past: nothing due.
ALL_PAST = assess_application(
    Application(
        program=Program(title="Scoring sleep studies", cecs="2"),
        offerings=[_OFFERING],
        submitted=date(2026, 3, 3),
    )
)


def _approved_from(assessment: ApplicationAssessment = ASSESSMENT) -> list[Event]:
    return [
        Event.submitted(assessment),
        Event.application_fee_paid(assessment, on=date(2026, 1, 7)),
        Event(on=date(2026, 1, 20), kind="approved"),
    ]


class TestEventsFromResults:
    """An event built from a result equals the one written by hand with its figures."""

    def test_submitted(self) -> None:
        """The submission carries the assessment's total, on its submission date (the 5th
        at 23:30 in Los Angeles is the 6th in Chicago)."""
        expected = Event(on=date(2026, 1, 6), kind="submitted", amount="100.00")
        assert expected == Event.submitted(ASSESSMENT)

    def test_submitted_on_another_day(self) -> None:
        """A submission recorded on another day keeps the assessment's total."""
        expected = Event(on=date(2026, 1, 9), kind="submitted", amount="100.00")
        assert expected == Event.submitted(ASSESSMENT, on=date(2026, 1, 9))

    def test_submitted_with_nothing_due(self) -> None:
        """An assessment with every offering past is refused as the fold refuses it."""
        with pytest.raises(TransitionRefused) as caught:
            Event.submitted(ALL_PAST)
        expected = (
            "an application with nothing due has no offering to review: every offering is "
            "past (past-program)",
            Event(on=date(2026, 3, 3), kind="submitted", amount="0.00"),
        )
        assert expected == (str(caught.value), caught.value.event)

    def test_submitted_with_a_cent_due(self) -> None:
        """A cent due is something due: the boundary of the refusal above."""
        penny = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal("0.01"))
        application = attrs.evolve(ASSESSMENT.application, program=Program(title="T", cecs=1))
        assessment = assess_application(application, penny)
        assert Decimal("0.01") == Event.submitted(assessment).amount

    def test_application_fee_paid_in_full(self) -> None:
        """A payment of the assessment's fee carries its total."""
        expected = Event(on=date(2026, 1, 7), kind="application-fee-paid", amount="100.00")
        assert expected == Event.application_fee_paid(ASSESSMENT, on=date(2026, 1, 7))

    def test_application_fee_paid_in_part(self) -> None:
        """A payment of another sum carries that sum."""
        expected = Event(on=date(2026, 1, 7), kind="application-fee-paid", amount="60.00")
        actual = Event.application_fee_paid(ASSESSMENT, on=date(2026, 1, 7), amount="60.00")
        assert expected == actual

    def test_roster_reported(self) -> None:
        """The roster's report carries the filing fee, the report date and the reference."""
        expected = Event(
            on=date(2026, 3, 20),
            kind="roster-reported",
            amount="15.00",
            roster="R1",
            report=report_reference(BOTH),
        )
        assert expected == Event.roster_reported(BOTH, roster="R1")

    def test_roster_reported_on_another_day(self) -> None:
        """A roster recorded on another day keeps the report's fee and reference."""
        event = Event.roster_reported(BOTH, roster="R1", on=date(2026, 3, 22))
        assert (date(2026, 3, 22), Decimal("15.00")) == (event.on, event.amount)

    def test_filing_fee_paid_in_full(self) -> None:
        """A payment built from the roster's report event pays its fee, for its roster."""
        reported = Event.roster_reported(BOTH, roster="R1")
        expected = Event(
            on=date(2026, 3, 21),
            kind="filing-fee-paid",
            amount="15.00",
            roster="R1",
            report=report_reference(BOTH),
        )
        assert expected == Event.filing_fee_paid(reported, on=date(2026, 3, 21))

    def test_filing_fee_paid_in_part(self) -> None:
        """A payment of another sum carries that sum, for the same roster."""
        reported = Event.roster_reported(BOTH, roster="R1")
        event = Event.filing_fee_paid(reported, on=date(2026, 3, 21), amount="14.99")
        assert (Decimal("14.99"), "R1", reported.report) == (
            event.amount,
            event.roster,
            event.report,
        )

    def test_filing_fee_paid_of_a_hand_written_report(self) -> None:
        """A payment built from a roster-reported event written by hand names no report."""
        reported = Event(on=date(2026, 3, 20), kind="roster-reported", amount="5", roster="R1")
        event = Event.filing_fee_paid(reported, on=date(2026, 3, 21))
        assert (Decimal("5"), "R1", None) == (event.amount, event.roster, event.report)

    def test_cecs_issued(self) -> None:
        """The issue names the roster and the report the credits were decided for."""
        reported = Event.roster_reported(BOTH, roster="R1")
        history = fold(
            [*_approved_from(), reported, Event.filing_fee_paid(reported, on=date(2026, 3, 21))]
        )
        credits = roster_credits(BOTH, history)
        expected = Event(
            on=date(2026, 3, 22), kind="cecs-issued", roster="R1", report=report_reference(BOTH)
        )
        assert expected == Event.cecs_issued(credits, on=date(2026, 3, 22))

    def test_the_whole_flow_folds(self) -> None:
        """Events built from results fold to a roster whose CECs were issued."""
        reported = Event.roster_reported(BOTH, roster="R1")
        events = [
            *_approved_from(),
            reported,
            Event.filing_fee_paid(reported, on=date(2026, 3, 21)),
        ]
        issued_event = Event.cecs_issued(roster_credits(BOTH, fold(events)), on=date(2026, 3, 22))
        state = fold([*events, issued_event]).rosters["R1"]
        expected = RosterState(
            roster="R1",
            status=RosterStatus.CECS_ISSUED,
            due=Decimal("15.00"),
            paid=Decimal("15.00"),
            report=report_reference(BOTH),
        )
        assert expected == state


def _payment(fee: str, amount: object) -> Event:
    """A payment of ``amount`` of the application fee or of BOTH's filing fee."""
    if fee == "application":
        return Event.application_fee_paid(ASSESSMENT, on=DAY_0, amount=amount)
    return Event.filing_fee_paid(Event.roster_reported(BOTH, roster="R1"), on=DAY_0, amount=amount)


class TestEventsFromResultsRefused:
    """Bad use of the builders is refused with the library's own errors."""

    @pytest.mark.parametrize(
        ("amount", "error", "message"),
        [
            pytest.param(
                "-5.00",
                InvalidAmount,
                "amount '-5.00' is refused: an amount may not be negative",
                id="negative",
            ),
            pytest.param(
                "-0.01",
                InvalidAmount,
                "amount '-0.01' is refused: an amount may not be negative",
                id="a-cent-below-zero",
            ),
            pytest.param(
                5.0,
                RefusedFloat,
                "amount must be a Decimal, an int or a string such as '5.0', not the float 5.0: "
                "a float cannot hold every amount in cents exactly",
                id="float",
            ),
            pytest.param(
                "$5.00",
                InvalidAmount,
                "amount '$5.00' is refused: it is not a number",
                id="dollar-sign",
            ),
            pytest.param(
                "EUR 5",
                InvalidAmount,
                "amount 'EUR 5' is refused: it is not a number",
                id="another-currency",
            ),
            pytest.param(
                "5.001",
                InvalidAmount,
                "amount '5.001' is refused: an amount is paid in whole cents",
                id="fraction-of-a-cent",
            ),
        ],
    )
    @pytest.mark.parametrize("fee", ["application", "filing"])
    def test_negative_or_foreign_amount(
        self, amount: object, error: type[Exception], message: str, fee: str
    ) -> None:
        """A payment of a negative amount, a float, text in another currency or a fraction
        of a cent is refused (money-decimal), for either fee."""
        with pytest.raises(error) as caught:
            _payment(fee, amount)
        assert message == str(caught.value)

    def test_zero_payment_is_an_amount(self) -> None:
        """0.00 is not negative: the boundary of the refusal above."""
        reported = Event.roster_reported(BOTH, roster="R1")
        assert ZERO == Event.filing_fee_paid(reported, on=DAY_0, amount="0.00").amount

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            pytest.param(
                lambda: Event.submitted(BOTH),  # type: ignore[arg-type]
                "assessment must be an ApplicationAssessment from assess_application, got "
                "RosterReport",
                id="submitted-from-a-report",
            ),
            pytest.param(
                lambda: Event.application_fee_paid("100.00", on=DAY_0),  # type: ignore[arg-type]
                "assessment must be an ApplicationAssessment from assess_application, got str",
                id="application-fee-from-text",
            ),
            pytest.param(
                lambda: Event.roster_reported(ASSESSMENT, roster="R1"),  # type: ignore[arg-type]
                "report must be a RosterReport from check_roster, got ApplicationAssessment",
                id="reported-from-an-assessment",
            ),
            pytest.param(
                lambda: Event.filing_fee_paid(BOTH, on=DAY_0),  # type: ignore[arg-type]
                "reported must be the roster's roster-reported Event (Event.roster_reported), "
                "got RosterReport",
                id="filing-fee-from-a-report",
            ),
            pytest.param(
                lambda: Event.filing_fee_paid(submitted(), on=DAY_0),
                "reported must be the roster's roster-reported Event (Event.roster_reported), "
                "got a submitted event",
                id="filing-fee-from-a-submission",
            ),
            pytest.param(
                lambda: Event.cecs_issued(BOTH, on=DAY_0),  # type: ignore[arg-type]
                "credits must be RosterCredits from roster_credits, got RosterReport",
                id="issued-from-a-report",
            ),
        ],
    )
    def test_wrong_result(self, build: Any, message: str) -> None:
        """A result of another kind is refused with InvalidArgument, saying what to pass."""
        with pytest.raises(InvalidArgument) as caught:
            build()
        assert message == str(caught.value)

    def test_roster_must_be_named(self) -> None:
        """A roster is named by text, not left blank."""
        with pytest.raises(TransitionRefused, match="a roster is named by text, not ' '"):
            Event.roster_reported(BOTH, roster=" ")

    @pytest.mark.parametrize(
        ("events", "rule"),
        [
            pytest.param([], "fee-before-credit", id="not-reported"),
            pytest.param(["reported"], "fee-before-credit", id="unpaid"),
            pytest.param(["reported", "part-paid"], "fee-before-credit", id="a-cent-short"),
        ],
    )
    def test_issue_of_credits_that_award_nothing(self, events: list[str], rule: str) -> None:
        """Credits decided before the roster was reported or paid in full award nothing:
        issuing on them would close the roster with nobody credited."""
        reported = Event.roster_reported(BOTH, roster="R1")
        built = {
            "reported": reported,
            "part-paid": Event.filing_fee_paid(
                reported, on=DAY_0 + timedelta(days=30), amount="14.99"
            ),
        }
        history = fold([*_approved_from(), *(built[e] for e in events)])
        credits = roster_credits(BOTH, history)
        with pytest.raises(TransitionRefused) as caught:
            Event.cecs_issued(credits, on=date(2026, 4, 1))
        assert (rule, None, True) == (
            caught.value.rule,
            caught.value.event,
            str(caught.value).startswith(
                "there are no CECs to issue, the credits award nothing: Credits for "
            ),
        )


class TestReportReferences:
    """The fold tells one roster's report from another's by the events' references."""

    def _reported(self, *events: Event) -> History:
        return fold([*_approved_from(), *events])

    def test_reference_is_kept_by_the_roster(self) -> None:
        """The roster keeps the reference of its report through its payment."""
        reported = Event.roster_reported(BOTH, roster="R1")
        history = self._reported(reported, Event.filing_fee_paid(reported, on=date(2026, 3, 21)))
        assert report_reference(BOTH) == history.rosters["R1"].report

    def test_one_report_as_two_rosters(self) -> None:
        """The same report reported again under another name is refused (one-claim)."""
        first = Event.roster_reported(BOTH, roster="R1")
        again = Event.roster_reported(BOTH, roster="R2", on=date(2026, 3, 21))
        with pytest.raises(RosterMismatch) as caught:
            self._reported(first, again)
        error = caught.value
        expected = (
            f"roster-reported for roster 'R2' on 2026-03-21 reports the report "
            f"{report_reference(BOTH)} again: it was reported as roster 'R1', and its attendees "
            "may be counted and charged once (one-claim)",
            "one-claim",
            "R1",
            again,
        )
        assert expected == (str(error), error.rule, error.roster, error.event)

    def test_two_reports_as_two_rosters(self) -> None:
        """Two reports, two rosters: both are reported."""
        history = self._reported(
            Event.roster_reported(BOTH, roster="R1"),
            Event.roster_reported(ADA_ALONE, roster="R2"),
        )
        assert ["R1", "R2"] == list(history.rosters)

    def test_second_report_under_the_same_name(self) -> None:
        """Another report under a roster's name is refused as a roster reported twice
        (one-claim), as the transition table says, not as a mismatch."""
        again = Event.roster_reported(ADA_ALONE, roster="R1", on=date(2026, 3, 21))
        with pytest.raises(TransitionRefused) as caught:
            self._reported(Event.roster_reported(BOTH, roster="R1"), again)
        assert (False, "one-claim", "reported") == (
            isinstance(caught.value, RosterMismatch),
            caught.value.rule,
            caught.value.status,
        )

    def test_payment_built_from_another_report(self) -> None:
        """A payment for R1 built from the report of another roster is refused (filing-fee)."""
        wrong = Event.roster_reported(ADA_ALONE, roster="R1")
        payment = Event.filing_fee_paid(wrong, on=date(2026, 3, 21))
        with pytest.raises(RosterMismatch) as caught:
            self._reported(Event.roster_reported(BOTH, roster="R1"), payment)
        error = caught.value
        expected = (
            f"filing-fee-paid for roster 'R1' on 2026-03-21 was built from the report "
            f"{report_reference(ADA_ALONE)}, but the roster was reported from the report "
            f"{report_reference(BOTH)} (filing-fee)",
            "filing-fee",
            report_reference(BOTH),
            report_reference(ADA_ALONE),
        )
        assert expected == (str(error), error.rule, error.expected, error.given)

    def test_issue_built_from_another_report(self) -> None:
        """An issue for R1 naming another report is refused (fee-before-credit)."""
        reported = Event.roster_reported(BOTH, roster="R1")
        issue = Event(
            on=date(2026, 3, 22),
            kind="cecs-issued",
            roster="R1",
            report=report_reference(ADA_ALONE),
        )
        with pytest.raises(RosterMismatch) as caught:
            self._reported(reported, Event.filing_fee_paid(reported, on=date(2026, 3, 21)), issue)
        assert "fee-before-credit" == caught.value.rule

    @pytest.mark.parametrize(
        ("reported_with", "paid_with"),
        [
            pytest.param(None, "report", id="roster-written-by-hand"),
            pytest.param("report", None, id="payment-written-by-hand"),
            pytest.param(None, None, id="both-written-by-hand"),
        ],
    )
    def test_unreferenced_events_are_not_checked(
        self, reported_with: str | None, paid_with: str | None
    ) -> None:
        """A roster or a payment written by hand, without a reference, cannot be checked
        and is applied as before."""
        reference = report_reference(BOTH)
        history = self._reported(
            Event(
                on=date(2026, 3, 20),
                kind="roster-reported",
                amount="15.00",
                roster="R1",
                report=reference if reported_with else None,
            ),
            Event(
                on=date(2026, 3, 21),
                kind="filing-fee-paid",
                amount="15.00",
                roster="R1",
                report=reference if paid_with else None,
            ),
        )
        state = history.rosters["R1"]
        assert (RosterStatus.PAID, reference if reported_with else None) == (
            state.status,
            state.report,
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            pytest.param(
                {"kind": "approved", "report": "x"},
                "the approved event carries no roster report",
                id="on-an-application-event",
            ),
            pytest.param(
                {"kind": "cecs-issued", "roster": "R1", "report": " "},
                "a roster report is referred to by text, not ' '",
                id="blank",
            ),
            pytest.param(
                {"kind": "cecs-issued", "roster": "R1", "report": 7},
                "a roster report is referred to by text, not 7",
                id="a-number",
            ),
        ],
    )
    def test_malformed_reference(self, fields: dict[str, Any], message: str) -> None:
        """A reference goes on a roster event only, as text."""
        with pytest.raises(TransitionRefused, match=re.escape(message)):
            Event(on=DAY_0, **fields)

    def test_reference_names_the_report(self) -> None:
        """The reference starts with the Program ID, offering and report date."""
        reference = report_reference(BOTH)
        assert (True, 4, 16) == (
            reference.startswith("PRG-1/2026-03-02/2026-03-20/"),
            len(reference.split("/")),
            len(reference.split("/")[-1]),
        )

    @pytest.mark.parametrize(
        "other",
        [
            pytest.param(lambda: _report("G-1", "A-1"), id="other-order"),
            pytest.param(lambda: ADA_ALONE, id="fewer-accepted"),
            pytest.param(lambda: _report("A-1", "G-1", "Z-9"), id="a-refused-row-more"),
            pytest.param(
                lambda: _report("A-1", "G-1", reported_at=date(2026, 3, 21)), id="another-day"
            ),
            pytest.param(
                lambda: attrs.evolve(BOTH, program=attrs.evolve(_PROGRAM, program_id="PRG-2")),
                id="another-program",
            ),
            pytest.param(
                lambda: attrs.evolve(BOTH, offering=Offering(date(2026, 3, 2), date(2026, 3, 3))),
                id="another-offering-end",
            ),
            pytest.param(
                lambda: attrs.evolve(
                    BOTH, policy=attrs.evolve(BOTH.policy, member_filing_fee=Decimal("6.00"))
                ),
                id="another-fee",
            ),
            pytest.param(
                lambda: attrs.evolve(
                    BOTH,
                    data_rows=3,
                    blank_rows=(4,),
                ),
                id="a-blank-row-more",
            ),
        ],
    )
    def test_references_differ(self, other: Any) -> None:
        """Reports that differ in what they decided have different references."""
        assert report_reference(BOTH) != report_reference(other())

    def test_reference_is_stable(self) -> None:
        """The same roster checked again gives the same reference."""
        assert report_reference(BOTH) == report_reference(_report("A-1", "G-1"))

    def test_empty_report(self) -> None:
        """A report that accepted nobody has a reference too."""
        assert report_reference(_report()).startswith("PRG-1/2026-03-02/2026-03-20/")
