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
from cec_rules.policy import Policy, PolicySchedule, PolicyVersion, schedule_from_toml
from cec_rules.strategies import (
    _FIELD_VALUES,
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
    version_dates,
)

#: A schedule after 2030 with its own step, zone, AAST ID knob and roster limits, in
#: force from 2031 and again, in a bounded version, through 2040.
_LATER_POLICY = attrs.evolve(
    DEFAULT_POLICY,
    label="2031",
    cec_increment=Decimal("0.33"),
    cec_maximum=Decimal(10),
    time_zone="Asia/Tokyo",
    aast_id_characters="0-9",
    aast_id_min_length=6,
    aast_id_max_length=6,
    name_max_length=3,
    max_roster_rows=2,
    reporting_window_days=10,
)
LATER = PolicySchedule(
    [
        PolicyVersion(effective_from=date(2031, 1, 1), policy=_LATER_POLICY),
        PolicyVersion(
            effective_from=date(2040, 1, 1),
            effective_until=date(2040, 12, 31),
            policy=attrs.evolve(_LATER_POLICY, label="2040"),
        ),
    ]
)

#: A schedule in force on 2031-01-01 alone.
ONE_DAY = PolicySchedule(
    [
        PolicyVersion(
            effective_from=date(2031, 1, 1),
            effective_until=date(2031, 1, 1),
            policy=attrs.evolve(DEFAULT_POLICY, label="one day"),
        )
    ]
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


class TestScheduleDates:
    """Strategies draw dates from the schedules' own version dates, at any date."""

    @given(version_dates(LATER))
    def test_version_dates_come_from_the_schedule(self, day: date) -> None:
        """Every date is within three days of a version's period."""
        assert date(2030, 12, 29) <= day <= date(2041, 1, 3)

    def test_version_dates_need_a_policy(self) -> None:
        """Drawing dates from no policy at all is a mistake named at once."""
        with pytest.raises(ValueError, match="at least one policy or schedule"):
            version_dates()

    @given(version_dates(schedule_from_toml("[[versions]]\neffective_from = 9999-12-30")))
    def test_dates_stay_in_the_calendar(self, day: date) -> None:
        """Dates near the calendar's end are held to it."""
        assert date(9999, 12, 27) <= day <= date.max

    @given(applications(policy=LATER))
    def test_applications_follow_the_version_in_force(
        self, application: cec_rules.Application
    ) -> None:
        """A schedule's applications are submitted on its dates with CECs in its own steps."""
        assert 0 == application.program.cecs % Decimal("0.33")
        assert application.program.cecs <= 10
        submitted = application.submitted
        day = submitted.date() if isinstance(submitted, datetime) else submitted
        assert day >= date(2030, 12, 29)

    @given(rosters(policy=LATER, max_rows=5, formats=list(ProgramFormat)))
    def test_rosters_follow_the_version_in_force(self, sample: RosterSample) -> None:
        """A schedule's rosters use its knob, name limit and row limit, and are accepted
        whole under it."""
        assert len(sample.rows) <= 2
        assert all(len(row[1]) == 6 and row[1].isdigit() for row in sample.rows)
        report = sample.case().check(LATER)
        assert (len(sample.rows), ()) == (len(report.accepted), tuple(report.refused))

    @given(rosters(policy=ONE_DAY, max_rows=1))
    def test_rosters_are_reported_on_a_day_in_force(self, sample: RosterSample) -> None:
        """A schedule in force for one day gives rosters reported on that day alone,
        though the dates drawn around its edges mostly fall outside it."""
        assert date(2031, 1, 1) == sample.reported_at

    @given(rosters(policy=DEFAULT_POLICY, reported=st.just(date(2031, 5, 1)), max_rows=3))
    def test_rosters_reported_on_the_dates_given(self, sample: RosterSample) -> None:
        """With ``reported``, the report date comes from it and the offering ends in the
        window before it."""
        assert date(2031, 5, 1) == sample.reported_at
        assert date(2031, 3, 17) <= sample.offering.end <= date(2031, 5, 1)


class TestPolicies:
    def test_every_field_but_the_label_can_vary(self) -> None:
        """policies() can vary every field of Policy but its label."""
        fields = {f.name for f in attrs.fields(Policy) if f.init} - {"label"}
        assert fields == set(_FIELD_VALUES)

    @given(policies(vary=list(_FIELD_VALUES)))
    def test_varying_every_field_gives_valid_policies(self, policy: Policy) -> None:
        """Every field varied at once still gives a valid policy."""
        assert policy.cec_maximum >= policy.cec_increment

    @given(
        policies(
            base=attrs.evolve(DEFAULT_POLICY, cec_maximum=Decimal("0.25"), aast_id_min_length=15),
            vary=["cec_increment", "aast_id_max_length"],
        )
    )
    def test_figures_drawn_apart_are_put_in_order(self, policy: Policy) -> None:
        """A maximum below a drawn step is raised to it; lengths the wrong way round turn."""
        assert policy.cec_maximum >= policy.cec_increment
        assert policy.aast_id_min_length <= policy.aast_id_max_length

    def test_an_unknown_field_is_refused(self) -> None:
        """Naming a field policies() cannot vary is a mistake named at once."""
        with pytest.raises(ValueError, match="cannot vary colour"):
            policies(vary=["colour"])
