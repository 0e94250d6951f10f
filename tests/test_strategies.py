"""The shipped Hypothesis strategies draw valid values, and defective rosters say where."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, strategies as st

import cec_rules
from cec_rules import DEFAULT_POLICY, AccountKind, ProgramFormat
from cec_rules.policy import Policy, PolicySchedule
from cec_rules.strategies import (
    RosterSample,
    _hypothesis_setup_hook,
    accounts,
    applications,
    credits,
    defective_rosters,
    offerings,
    policies,
    programs,
    rosters,
    schedules,
)


class TestValues:
    @given(credits(policy=attrs.evolve(DEFAULT_POLICY, cec_increment=Decimal("0.5"))))
    def test_credits_follow_the_increment(self, cecs: Decimal) -> None:
        """Credits are positive multiples of the policy's increment."""
        assert cecs > 0
        assert 0 == cecs % Decimal("0.5")

    @given(programs(formats=[ProgramFormat.SELF_PACED], program_id=st.just("P-1")))
    def test_programs_take_fixed_or_drawn_ids(self, program: cec_rules.Program) -> None:
        """A program's format and ID follow the knobs."""
        assert ProgramFormat.SELF_PACED is program.format
        assert "P-1" == program.program_id

    @given(offerings(min_start=date(2026, 1, 1), max_start=date(2026, 1, 31), max_days=3))
    def test_offerings_stay_in_bounds(self, offering: cec_rules.Offering) -> None:
        """Offerings start within the bounds and last at most max_days days."""
        assert date(2026, 1, 1) <= offering.start <= date(2026, 1, 31)
        assert 1 <= offering.days <= 3

    @given(applications(aware=True, min_offerings=2, max_offerings=2))
    def test_applications_assess(self, application: cec_rules.Application) -> None:
        """Every generated application can be assessed under the default policy."""
        assert 2 == len(application.offerings)
        assessment = cec_rules.assess_application(application)
        assert assessment.total >= 0
        if isinstance(application.submitted, datetime):
            assert application.submitted.tzinfo is not None

    @given(accounts(kinds=[AccountKind.GUEST], aast_id="G-1"))
    def test_accounts_follow_the_knobs(self, account: cec_rules.Account) -> None:
        """Accounts take a fixed ID and the allowed kinds."""
        assert ("G-1", AccountKind.GUEST) == (account.aast_id, account.kind)

    @given(
        policies(
            vary=[
                "late_window_days",
                "charge_per_offering",
                "name_mismatch",
                "rounding",
                "time_zone",
            ]
        )
    )
    def test_policies_are_valid(self, policy: Policy) -> None:
        """Generated policies are valid Policy values with a candidate label."""
        assert policy.label.startswith("candidate ")
        assert 0 <= policy.late_window_days <= 90

    @given(schedules(max_versions=3))
    def test_schedules_have_distinct_starts(self, schedule: PolicySchedule) -> None:
        """Generated schedules hold one to three versions with distinct starts."""
        starts = [v.effective_from for v in schedule.versions]
        assert len(starts) == len(set(starts))
        assert 1 <= len(starts) <= 3

    def test_from_type_uses_the_registered_strategies(self) -> None:
        """After the entry-point hook, st.from_type draws library values."""
        _hypothesis_setup_hook()
        drawn: list[object] = []

        @given(st.from_type(cec_rules.Application), st.from_type(PolicySchedule))
        def draw(application: cec_rules.Application, schedule: PolicySchedule) -> None:
            drawn.append(application)
            assert schedule.versions

        draw()
        assert drawn
        assert all(a.reference.startswith("APP-") for a in drawn)  # type: ignore[attr-defined]


class TestRosters:
    @given(rosters(formats=list(ProgramFormat), max_rows=8))
    def test_a_valid_roster_is_accepted_whole(self, sample: RosterSample) -> None:
        """Every row of a generated valid roster is accepted."""
        report = sample.case().check(DEFAULT_POLICY)
        assert len(sample.rows) == len(report.accepted)
        assert () == report.refused

    @given(defective_rosters(duplicates=False, blank=False, max_rows=6))
    def test_each_defect_refuses_its_row(self, sample: RosterSample) -> None:
        """Each row a defect was put in is refused, at the row number given."""
        report = sample.case().check(DEFAULT_POLICY)
        refused = {r.row for r in report.refused}
        assert {row for row, _ in sample.defects} <= refused

    @given(
        defective_rosters(
            blank=True,
            bad_date=False,
            two_digit_year=False,
            bad_id=False,
            unknown_account=False,
            wrong_program=False,
            missing_name=False,
            formula_name=False,
            duplicates=True,
            max_rows=6,
        )
    )
    def test_blank_and_duplicate_defects(self, sample: RosterSample) -> None:
        """Blank rows are skipped and duplicates refused as duplicate-in-roster."""
        report = sample.case().check(DEFAULT_POLICY)
        kinds = Counter(kind for _, kind in sample.defects)
        blank_rows = {row for row, kind in sample.defects if kind == "blank"}
        assert blank_rows <= set(report.blank_rows)
        if kinds["duplicate"]:
            codes = {c for r in report.refused for c in r.codes}
            assert "duplicate-in-roster" in codes or blank_rows

    def test_no_defect_kind_is_refused(self) -> None:
        """Switching every defect off is a mistake the strategy names at once."""
        with pytest.raises(ValueError, match="at least one kind of defect"):
            defective_rosters(
                blank=False,
                bad_date=False,
                two_digit_year=False,
                bad_id=False,
                unknown_account=False,
                wrong_program=False,
                missing_name=False,
                formula_name=False,
                duplicates=False,
            )
