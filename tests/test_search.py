"""Searching for differences between policies and checking a candidate's invariants."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest

from cec_rules import (
    DEFAULT_POLICY,
    Application,
    Offering,
    Program,
    assess_application,
    local_date,
    search,
)
from cec_rules.compare import RosterCase, application_outcome
from cec_rules.policy import PolicySchedule, PolicyVersion
from cec_rules.search import (
    INVARIANTS,
    Difference,
    Violation,
    check_policy,
    find_differences,
)

BUDGET = 60


class TestFindDifferences:
    def test_identical_policies_have_no_difference(self) -> None:
        """Two equal policies: every kind is reported as not found within the budget."""
        result = find_differences(DEFAULT_POLICY, DEFAULT_POLICY, budget=BUDGET)
        assert () == result.differences
        assert (
            "application fee",
            "application decision",
            "roster filing fee",
            "roster decision",
        ) == result.not_found
        assert f"no difference found within {BUDGET} generated cases" in result.explanation

    def test_window_and_fee_changes_are_found_minimal(self) -> None:
        """A candidate with a new late window, rate, reporting window and guest fee differs
        in every kind, each with a minimal example."""
        candidate = attrs.evolve(
            DEFAULT_POLICY,
            label="candidate",
            application_fee_per_cec=Decimal(10),
            late_window_days=20,
            reporting_window_days=30,
            guest_filing_fee=Decimal(1),
            guest_fee_below_member=True,
        )
        result = find_differences(DEFAULT_POLICY, candidate, budget=200)
        kinds = [d.kind for d in result.differences]
        assert [
            "application fee",
            "application decision",
            "roster filing fee",
            "roster decision",
        ] == kinds
        decision = result.differences[1]
        assert isinstance(decision.example, Application)
        submitted = local_date(decision.example.submitted, DEFAULT_POLICY)
        days = (decision.example.offerings[0].start - submitted).days
        assert 21 <= days <= 30
        assert "late" in decision.explanation
        roster = result.differences[3]
        assert isinstance(roster.example, RosterCase)
        assert "window-closed" in roster.explanation or "self-paced" in roster.explanation
        data = json.loads(json.dumps(result.to_dict()))
        assert 4 == len(data["differences"])
        assert "roster" in data["differences"][3]["example"]

    def test_difference_explains_an_application(self) -> None:
        """A difference names the application's CECs, dates and both totals."""
        application = Application(
            program=Program(title="t", cecs=1),
            offerings=[Offering(date(2026, 3, 2))],
            submitted=date(2026, 3, 1),
        )
        sale = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal(10))
        difference = Difference(
            kind="application fee",
            example=application,
            baseline=application_outcome(application, DEFAULT_POLICY),
            candidate=application_outcome(application, sale),
        )
        assert difference.explanation.startswith(
            "application fee: an application of 1 CEC submitted 2026-03-01"
        )
        assert "75.00" in difference.explanation
        assert "35.00" in difference.explanation


class TestCheckPolicy:
    def test_default_policy_keeps_every_invariant(self) -> None:
        """The rule book's policy breaks no invariant."""
        check = check_policy(DEFAULT_POLICY, budget=BUDGET)
        assert check.ok
        assert () == check.violations
        assert "keeps every invariant" in check.explanation
        assert json.loads(json.dumps(check.to_dict()))["ok"] is True

    def test_guest_cheaper_than_member_is_caught(self) -> None:
        """A guest fee below the member fee is a violation unless the policy allows it."""
        cheap = attrs.evolve(DEFAULT_POLICY, label="cheap guests", guest_filing_fee=Decimal(1))
        check = check_policy(cheap, budget=BUDGET)
        assert ["guest-not-cheaper"] == [v.invariant for v in check.violations]
        assert "a guest pays 1 and a member 5.00" in check.explanation
        allowed = attrs.evolve(cheap, guest_fee_below_member=True)
        assert check_policy(allowed, budget=BUDGET).ok

    def test_schedule_checks_every_version(self) -> None:
        """Each version of a schedule is checked; the label joins the versions'."""
        cheap = attrs.evolve(DEFAULT_POLICY, label="cheap", guest_filing_fee=Decimal(0))
        schedule = PolicySchedule(
            [
                PolicyVersion(effective_from=date(2020, 1, 1), policy=DEFAULT_POLICY),
                PolicyVersion(effective_from=date(2024, 1, 1), policy=cheap),
            ]
        )
        check = check_policy(schedule, budget=BUDGET)
        assert "AAST CEC program 2020 / cheap" == check.label
        assert 1 == len(check.violations)
        assert "from 2024-01-01" in check.violations[0].message

    @pytest.mark.parametrize("invariant", list(INVARIANTS))
    def test_violation_explains_its_invariant(self, invariant: str) -> None:
        """A violation's explanation states the invariant's promise and the breach."""
        violation = Violation(invariant=invariant, message="here is how")
        assert violation.explanation == f"{invariant}: {INVARIANTS[invariant]}, but here is how"
        assert {"invariant": invariant, "message": "here is how"} == violation.to_dict()


class TestCheckerCatchesBrokenFees:
    """The invariant checker reports a breach when the fee engine misbehaves."""

    def test_a_negative_fee_engine_breaks_every_fee_invariant(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With a fee engine that charges less for more, all three fee invariants fail."""
        real = assess_application

        class Fake:
            def __init__(self, total: Decimal) -> None:
                self.total = total

        def fake(application: Application, policy: object) -> Fake:
            assessment = real(application, policy)  # type: ignore[arg-type]
            late = any(o.timing.value == "late" for o in assessment.offerings)
            return Fake(-application.program.cecs - (1 if late else 0))

        monkeypatch.setattr(search, "assess_application", fake)
        check = check_policy(DEFAULT_POLICY, budget=BUDGET)
        assert [
            "fees-never-negative",
            "late-never-cheaper",
            "more-cecs-never-cheaper",
        ] == [v.invariant for v in check.violations]
        assert not check.ok
        assert "breaks 3 invariant(s)" in check.explanation

    def test_refused_cases_are_skipped(self) -> None:
        """Cases the candidate refuses (CECs over its maximum) are not counted as breaches."""
        small = attrs.evolve(DEFAULT_POLICY, label="small", cec_maximum=Decimal("0.5"))
        assert check_policy(small, budget=BUDGET).ok
