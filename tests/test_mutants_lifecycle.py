"""Tests that kill mutmut's surviving mutants of cec_rules.lifecycle (see docs/mutation.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from cec_rules.errors import InvalidAmount, InvalidEvent, TransitionRefused
from cec_rules.lifecycle import (
    ApplicationStatus,
    Event,
    History,
    RosterStatus,
    fold,
)

DAY = date(2026, 3, 1)


def _approved() -> History:
    """An application submitted, paid in full and approved."""
    return fold(
        [
            Event(on=DAY, kind="submitted", amount="100.00"),
            Event(on=DAY, kind="application-fee-paid", amount="100.00"),
            Event(on=DAY, kind="approved"),
        ]
    )


class TestUnknownKind:
    """An unknown event kind is refused with the list of the kinds there are."""

    def test_message(self) -> None:
        """Every kind, in order, comma-separated."""
        with pytest.raises(InvalidEvent) as caught:
            Event(on=DAY, kind="paid", amount="1.00")
        expected = (
            "'paid' is not an event kind; use one of submitted, application-fee-paid, "
            "approved, denied, withdrawn, roster-reported, filing-fee-paid, cecs-issued"
        )
        assert expected == str(caught.value)


class TestAmountErrors:
    """A refused amount names the field "amount", the value and the reason (`money-decimal`)."""

    def test_negative(self) -> None:
        """A negative amount: the money module's reason, under the field "amount"."""
        with pytest.raises(InvalidAmount) as caught:
            Event(on=DAY, kind="submitted", amount="-5")
        error = caught.value
        expected = (
            "amount '-5' is refused: an amount may not be negative",
            "amount",
            "-5",
            "an amount may not be negative",
        )
        assert expected == (str(error), error.field, error.value, error.reason)

    def test_fraction_of_a_cent(self) -> None:
        """A fraction of a cent: refused as not whole cents."""
        with pytest.raises(InvalidAmount) as caught:
            Event(on=DAY, kind="application-fee-paid", amount="1.005")
        error = caught.value
        expected = (
            "amount '1.005' is refused: an amount is paid in whole cents",
            "amount",
            "1.005",
            "an amount is paid in whole cents",
            "money-decimal",
        )
        assert expected == (str(error), error.field, error.value, error.reason, error.rule)


class TestSubmittedAmount:
    """A submission must have something due (`past-program`); any positive amount will do."""

    def test_nothing_due_is_refused(self) -> None:
        """A submission of 0.00 is malformed, with the event and the reason."""
        event = Event(on=DAY, kind="submitted", amount="0.00")
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

    def test_fifty_cents_due(self) -> None:
        """A submission of 0.50 is accepted: the application is submitted with 0.50 due."""
        history = fold([Event(on=DAY, kind="submitted", amount="0.50")])
        expected = (ApplicationStatus.SUBMITTED, Decimal("0.50"), Decimal("0.50"))
        assert expected == (history.status, history.due, history.balance)

    def test_one_dollar_due(self) -> None:
        """A submission of exactly 1.00 is accepted too."""
        history = fold([Event(on=DAY, kind="submitted", amount="1.00")])
        assert (ApplicationStatus.SUBMITTED, Decimal("1.00")) == (history.status, history.due)


class TestRosterWithNothingDue:
    """A roster reported with no filing fee is paid at once; one with a fee is not."""

    def test_zero_fee(self) -> None:
        """0.00 due: paid, and the step says so."""
        history = fold(
            [Event(on=DAY, kind="roster-reported", amount="0.00", roster="R1")], _approved()
        )
        state, step = history.rosters["R1"], history.steps[-1]
        expected = (RosterStatus.PAID, Decimal("0.00"), "none", "paid")
        assert expected == (state.status, state.due, step.before, step.after)

    def test_one_dollar_fee(self) -> None:
        """1.00 due: reported, 1.00 owing."""
        history = fold(
            [Event(on=DAY, kind="roster-reported", amount="1.00", roster="R1")], _approved()
        )
        state = history.rosters["R1"]
        assert (RosterStatus.REPORTED, Decimal("1.00")) == (state.status, state.balance)
