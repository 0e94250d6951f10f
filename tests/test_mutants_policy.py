"""Tests that kill mutmut's surviving mutants of cec_rules.policy (see docs/mutation.md)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

from cec_rules.errors import InvalidPolicy, NaiveDatetime, PolicyNotInForce
from cec_rules.policy import (
    DEFAULT_POLICY,
    Policy,
    PolicySchedule,
    PolicyVersion,
    _int_field,
    _money_field,
    as_schedule,
    policy_from_mapping,
    schedule_from_toml,
)

#: An hour before the end of the calendar in UTC: already past it at UTC+14.
LAST_HOUR = datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc)
KIRITIMATI = attrs.evolve(DEFAULT_POLICY, label="kiritimati", time_zone="Pacific/Kiritimati")

POLICY_KEYS = (
    "aast_id_pattern, application_fee_per_cec, cec_increment, cec_maximum, "
    "charge_per_offering, guest_fee_below_member, guest_filing_fee, label, "
    "late_surcharge_per_cec, late_window_days, max_cell_length, max_roster_rows, "
    "member_filing_fee, name_max_length, name_mismatch, reporting_window_days, rounding, "
    "time_zone"
)


def _refusal(**values: object) -> tuple[str, str, str]:
    """The message, path and reason of the InvalidPolicy that ``Policy(**values)`` raises."""
    with pytest.raises(InvalidPolicy) as caught:
        Policy(**values)  # type: ignore[arg-type]
    return str(caught.value), caught.value.path, caught.value.reason


class TestFieldHelpers:
    """The field helpers give a typed default and the kind the checks key on.

    Policy's own fields are built once, at import, before a mutant is switched
    on; calling the helpers here is what lets a mutant of them be caught.
    """

    def test_money_field(self) -> None:
        """A money field defaults to the Decimal of its text and is of kind "money"."""

        @attrs.frozen
        class Probe:
            fee: Decimal = _money_field("5.00")

        field = attrs.fields(Probe).fee
        assert (Decimal("5.00"), {"kind": "money"}) == (field.default, dict(field.metadata))
        assert Decimal("5.00") == Probe().fee

    def test_int_field(self) -> None:
        """An int field keeps its default and is of kind "int"."""

        @attrs.frozen
        class Probe:
            days: int = _int_field(30)

        field = attrs.fields(Probe).days
        assert (30, {"kind": "int"}) == (field.default, dict(field.metadata))
        assert 30 == Probe().days


class TestFigureMessages:
    """Each figure Policy refuses has its own message under its key (`policy-version`)."""

    def test_increment_not_positive(self) -> None:
        """A zero CEC increment."""
        expected = (
            "cec_increment: the CEC increment must be positive",
            "cec_increment",
            "the CEC increment must be positive",
        )
        assert expected == _refusal(cec_increment="0")

    def test_unknown_rounding(self) -> None:
        """A rounding mode that is not decimal's lists every mode there is, sorted."""
        modes = (
            "ROUND_05UP, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, "
            "ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP"
        )
        reason = f"'HALF_UP' is not a decimal rounding mode; use one of {modes}"
        assert (f"rounding: {reason}", "rounding", reason) == _refusal(rounding="HALF_UP")

    @pytest.mark.parametrize("name", ["name_max_length", "max_cell_length", "max_roster_rows"])
    def test_limit_zero(self, name: str) -> None:
        """A limit of 0 is refused."""
        expected = (f"{name}: must be at least 1", name, "must be at least 1")
        assert expected == _refusal(**{name: 0})

    @pytest.mark.parametrize("name", ["name_max_length", "max_cell_length", "max_roster_rows"])
    def test_limit_one(self, name: str) -> None:
        """A limit of 1 is the smallest accepted."""
        assert 1 == getattr(Policy(**{name: 1}), name)  # type: ignore[arg-type]


class TestMoneyReason:
    """A money value that is not a number is refused with money's reason, not its message."""

    def test_not_a_number(self) -> None:
        """Only the reason, after the key."""
        expected = (
            "application_fee_per_cec: it is not a number",
            "application_fee_per_cec",
            "it is not a number",
        )
        assert expected == _refusal(application_fee_per_cec="fifty")


class TestToml:
    """Policy TOML text: only quotes, backslashes and control characters are escaped."""

    def test_spaces_are_kept(self) -> None:
        """The label's spaces are written as spaces."""
        assert 'label = "AAST CEC program 2020"' == DEFAULT_POLICY.to_toml().splitlines()[0]


class TestMappingMessages:
    """Refusals while reading a policy or a schedule name the key path and say why."""

    def test_unknown_key(self) -> None:
        """An unknown key lists every policy key, sorted."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping({"colour": "blue"})
        reason = f"unknown key; the policy keys are {POLICY_KEYS}"
        assert (f"colour: {reason}", "colour") == (str(caught.value), caught.value.path)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            pytest.param(
                'label = "x"\n[[versions]]\neffective_from = 2020-01-01\n',
                "label: unknown key; a schedule file holds only [[versions]] tables",
                id="key-beside-versions",
            ),
            pytest.param(
                "versions = []\n",
                "versions: expected one or more [[versions]] tables",
                id="no-versions",
            ),
            pytest.param(
                '[[versions]]\nlabel = "x"\n',
                "versions[0].effective_from: missing; every version needs a start date",
                id="no-start",
            ),
            pytest.param(
                '[[versions]]\neffective_from = 2020-01-01\n"versions[0]x" = 1\n',
                f"versions[0].versions[0]x: unknown key; the policy keys are {POLICY_KEYS}",
                id="key-named-like-a-path",
            ),
        ],
    )
    def test_schedule(self, text: str, message: str) -> None:
        """The whole message, path first."""
        with pytest.raises(InvalidPolicy) as caught:
            schedule_from_toml(text)
        assert message == str(caught.value)


class TestDuplicateStarts:
    """Two versions starting the same day are refused (`policy-version`)."""

    def test_message(self) -> None:
        """The message names the day and why."""
        versions = [
            PolicyVersion(effective_from=date(2021, 1, 1), policy=DEFAULT_POLICY),
            PolicyVersion(effective_from=date(2021, 1, 1), policy=KIRITIMATI),
        ]
        with pytest.raises(InvalidPolicy) as caught:
            PolicySchedule(versions)
        expected = (
            "versions: two versions start on 2021-01-01; the version in force would be ambiguous"
        )
        assert expected == str(caught.value)


class TestResolve:
    """Resolving a moment: naive datetimes and the edge of the calendar (`submission-date`)."""

    def test_naive_datetime_is_kept_in_the_error(self) -> None:
        """The error names the field and keeps the naive datetime."""
        moment = datetime(2026, 3, 1, 12, 0)
        with pytest.raises(NaiveDatetime) as caught:
            as_schedule(DEFAULT_POLICY).resolve(moment, field="submitted")
        assert ("submitted", moment) == (caught.value.field, caught.value.value)

    def test_a_version_past_the_calendar_is_skipped(self) -> None:
        """A version whose zone runs past 9999 is skipped; the later versions still count."""
        schedule = PolicySchedule(
            [
                PolicyVersion(effective_from=date(2020, 1, 1), policy=KIRITIMATI),
                PolicyVersion(effective_from=date(2021, 1, 1), policy=DEFAULT_POLICY),
            ]
        )
        on, policy = schedule.resolve(LAST_HOUR, field="submitted")
        assert (date(9999, 12, 31), "AAST CEC program 2020") == (on, policy.label)

    def test_past_the_calendar_everywhere(self) -> None:
        """When no version can date the moment, the error keeps the moment's own date."""
        with pytest.raises(PolicyNotInForce) as caught:
            as_schedule(KIRITIMATI).resolve(LAST_HOUR, field="submitted")
        assert date(9999, 12, 31) == caught.value.on


class TestAsSchedule:
    """A bare policy's one-version schedule is built once and reused."""

    def test_same_schedule_each_time(self) -> None:
        """Two calls give the very same schedule, in force from 2020-01-01."""
        policy = attrs.evolve(DEFAULT_POLICY, label="once")
        first = as_schedule(policy)
        assert first is as_schedule(policy)
        assert [date(2020, 1, 1)] == [v.effective_from for v in first.versions]
