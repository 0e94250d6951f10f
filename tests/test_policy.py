"""Tests for cec_rules.policy: the figures, their schedule and their TOML form."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules import policy as policy_module
from cec_rules.errors import InvalidPolicy, NaiveDatetime, PolicyFloat, PolicyNotInForce
from cec_rules.policy import (
    _NOT_IN_IDS,
    DEFAULT_POLICY,
    MAX_TOML_CHARS,
    MAX_TOML_DEPTH,
    PROGRAM_START,
    ROSTER_LIMITS,
    NameMismatch,
    Policy,
    PolicySchedule,
    PolicyVersion,
    _int_field,
    _money_field,
    as_schedule,
    character_ranges,
    default_schedule,
    load_toml,
    policy_from_mapping,
    policy_from_toml,
    schedule_from_toml,
)
from helpers import KIRITIMATI, POLICY_KEYS, IdKnob, NoOffset, id_knobs, id_texts

CHICAGO = ZoneInfo("America/Chicago")
SALE = attrs.evolve(DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal("10.00"))
NO_FILING = attrs.evolve(
    DEFAULT_POLICY,
    label="no filing fees",
    member_filing_fee=Decimal("0.00"),
    guest_filing_fee=Decimal("0.00"),
)

DEFAULT_DICT = {
    "label": "AAST CEC program 2020",
    "application_fee_per_cec": "50.00",
    "late_surcharge_per_cec": "25.00",
    "late_window_days": 30,
    "reporting_window_days": 45,
    "member_filing_fee": "5.00",
    "guest_filing_fee": "10.00",
    "cec_increment": "0.25",
    "cec_maximum": "100",
    "rounding": "ROUND_HALF_UP",
    "time_zone": "America/Chicago",
    "aast_id_characters": "A-Za-z0-9-",
    "aast_id_min_length": 1,
    "aast_id_max_length": 20,
    "name_max_length": 100,
    "name_mismatch": "warn",
    "guest_fee_below_member": False,
    "charge_per_offering": True,
    "max_cell_length": 1000,
    "max_roster_rows": 200_000,
    "max_columns": 64,
    "max_line_length": 65_536,
}


#: The roster limits of `roster-file` and `name-fields`, each a policy knob.
ROSTER_LIMIT_NAMES = [
    "name_max_length",
    "max_cell_length",
    "max_roster_rows",
    "max_columns",
    "max_line_length",
]


def _version(
    start: date, policy: Policy = DEFAULT_POLICY, until: date | None = None
) -> PolicyVersion:
    return PolicyVersion(effective_from=start, policy=policy, effective_until=until)


def _refusal(**values: object) -> tuple[str, str, str]:
    """The message, path and reason of the InvalidPolicy that ``Policy(**values)`` raises."""
    with pytest.raises(InvalidPolicy) as caught:
        Policy(**values)  # type: ignore[arg-type]
    return str(caught.value), caught.value.path, caught.value.reason


#: The IANA zone names, as the tzdata package (a dependency) lists them: the same on every host.
IANA_ZONES = frozenset(resources.files("tzdata").joinpath("zones").read_text("utf-8").split())

#: An hour before the end of the calendar in UTC: already past it at UTC+14.
LAST_HOUR = datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc)


class TestPolicyDefaults:
    """The default policy holds the rule book's figures."""

    def test_to_dict(self) -> None:
        """Every figure is the book's, amounts as strings, in TOML key order."""
        actual = DEFAULT_POLICY.to_dict()
        assert (DEFAULT_DICT, list(DEFAULT_DICT)) == (actual, list(actual))

    def test_to_dict_is_json(self) -> None:
        """to_dict survives json.dumps unchanged."""
        expected = DEFAULT_DICT
        assert expected == json.loads(json.dumps(DEFAULT_POLICY.to_dict()))

    def test_zone_and_regex_built(self) -> None:
        """The zone and the compiled AAST ID pattern are built from the text."""
        expected = (CHICAGO, True, False)
        assert expected == (
            DEFAULT_POLICY.zone,
            bool(DEFAULT_POLICY.aast_id_regex.fullmatch("A-123")),
            bool(DEFAULT_POLICY.aast_id_regex.fullmatch("A_123")),
        )

    def test_frozen(self) -> None:
        """A policy cannot be changed in place."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            DEFAULT_POLICY.late_window_days = 10  # type: ignore[misc]

    def test_equal_and_hashable(self) -> None:
        """Two policies with the same figures are equal and hash alike."""
        assert (Policy(), hash(Policy())) == (DEFAULT_POLICY, hash(DEFAULT_POLICY))

    def test_evolve_converts(self) -> None:
        """attrs.evolve rebuilds and converts: an int amount becomes a Decimal."""
        policy = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=10)  # type: ignore[arg-type]
        assert Decimal("10") == policy.application_fee_per_cec
        assert isinstance(policy.application_fee_per_cec, Decimal)

    def test_name_mismatch_from_text(self) -> None:
        """name_mismatch accepts the enum or its value."""
        expected = (NameMismatch.REFUSE, NameMismatch.REFUSE)
        assert expected == (
            Policy(name_mismatch="refuse").name_mismatch,  # type: ignore[arg-type]
            Policy(name_mismatch=NameMismatch.REFUSE).name_mismatch,
        )

    def test_negative_zero_is_zero(self) -> None:
        """A money value of -0 is stored as 0, so no line prints as -0.00."""
        policy = Policy(application_fee_per_cec="-0.00")  # type: ignore[arg-type]
        expected = ("0.00", False)
        assert expected == (
            str(policy.application_fee_per_cec),
            policy.application_fee_per_cec.is_signed(),
        )


class TestFieldHelpers:
    """The field helpers give a typed default and the kind the checks key on.

    Policy's own fields are built once, at import; calling the helpers here checks
    what they build for any field.
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


class TestPolicyValidation:
    """A policy refuses bad figures with InvalidPolicy naming the field."""

    @pytest.mark.parametrize(
        ("changes", "path", "fragment"),
        [
            pytest.param(
                {"application_fee_per_cec": 50.0},
                "application_fee_per_cec",
                'got the float 50.0; write money as a string such as "50.00"',
                id="float-money",
            ),
            pytest.param(
                {"late_surcharge_per_cec": "NaN"},
                "late_surcharge_per_cec",
                "it must be a finite number",
                id="nan-money",
            ),
            pytest.param(
                {"late_surcharge_per_cec": Decimal("Infinity")},
                "late_surcharge_per_cec",
                "it must be a finite number",
                id="infinite-money",
            ),
            pytest.param(
                {"member_filing_fee": True}, "member_filing_fee", "not bool", id="bool-money"
            ),
            pytest.param(
                {"guest_filing_fee": "ten"}, "guest_filing_fee", "it is not a number", id="text"
            ),
            pytest.param(
                {"application_fee_per_cec": "-1"},
                "application_fee_per_cec",
                "-1 is negative; amounts may not be negative",
                id="negative-money",
            ),
            pytest.param(
                {"late_window_days": "30"},
                "late_window_days",
                "expected a whole number, got '30'",
                id="int-as-text",
            ),
            pytest.param(
                {"late_window_days": True},
                "late_window_days",
                "expected a whole number",
                id="int-as-bool",
            ),
            pytest.param(
                {"reporting_window_days": -1},
                "reporting_window_days",
                "-1 is negative",
                id="negative-days",
            ),
            pytest.param(
                {"late_window_days": 3651},
                "late_window_days",
                "3651 days is more than ten years (3650 days); day counts may not be",
                id="late-window-over-ten-years",
            ),
            pytest.param(
                {"reporting_window_days": 4_000_000},
                "reporting_window_days",
                "4000000 days is more than ten years (3650 days); day counts may not be",
                id="reporting-window-past-the-calendar",
            ),
            pytest.param(
                {"name_max_length": 0}, "name_max_length", "must be at least 1", id="name-0"
            ),
            pytest.param(
                {"max_cell_length": 0}, "max_cell_length", "must be at least 1", id="cell-0"
            ),
            pytest.param(
                {"max_roster_rows": 0}, "max_roster_rows", "must be at least 1", id="rows-0"
            ),
            pytest.param(
                {"charge_per_offering": "yes"},
                "charge_per_offering",
                "expected true or false, got 'yes'",
                id="bool-as-text",
            ),
            pytest.param(
                {"charge_per_offering": 1},
                "charge_per_offering",
                "expected true or false",
                id="bool-as-int",
            ),
            pytest.param(
                {"name_mismatch": "ignore"},
                "name_mismatch",
                "expected one of 'warn', 'refuse', got 'ignore'",
                id="enum",
            ),
            pytest.param(
                {"name_mismatch": ["warn"]}, "name_mismatch", "expected one of", id="enum-list"
            ),
            pytest.param({"label": 5}, "label", "expected text, got 5", id="label-int"),
            pytest.param(
                {"time_zone": "Nowhere/Else"},
                "time_zone",
                "'Nowhere/Else' is not an IANA time zone",
                id="zone-unknown",
            ),
            pytest.param({"time_zone": "America"}, "time_zone", "is not an IANA", id="zone-folder"),
            pytest.param({"time_zone": ""}, "time_zone", "is not an IANA", id="zone-empty"),
            pytest.param(
                {"time_zone": "../etc/passwd"}, "time_zone", "is not an IANA", id="zone-path"
            ),
            pytest.param(
                {"aast_id_characters": "Z-A"},
                "aast_id_characters",
                "the range 'Z-A' runs backwards",
                id="id-characters",
            ),
            pytest.param(
                {"aast_id_characters": 5},
                "aast_id_characters",
                "expected text, got 5",
                id="id-characters-not-text",
            ),
            pytest.param(
                {"aast_id_min_length": 0},
                "aast_id_min_length",
                "must be at least 1",
                id="id-min-0",
            ),
            pytest.param(
                {"aast_id_max_length": "20"},
                "aast_id_max_length",
                "expected a whole number, got '20'",
                id="id-max-as-text",
            ),
            pytest.param(
                {"rounding": "HALF_UP"},
                "rounding",
                "'HALF_UP' is not a decimal rounding mode; use one of ROUND_05UP",
                id="rounding",
            ),
            pytest.param(
                {"cec_increment": "0"},
                "cec_increment",
                "the CEC increment must be positive",
                id="increment-0",
            ),
            pytest.param(
                {"cec_increment": "-0.25"}, "cec_increment", "is negative", id="increment-negative"
            ),
            pytest.param(
                {"cec_maximum": "0.1"},
                "cec_maximum",
                "the maximum 0.1 is below the increment 0.25",
                id="maximum-below-increment",
            ),
        ],
    )
    def test_refused(self, changes: dict[str, object], path: str, fragment: str) -> None:
        """Each bad figure is an InvalidPolicy (a ValueError) with the field as its path."""
        with pytest.raises(InvalidPolicy) as caught:
            Policy(**changes)  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError)
        assert (path, "policy-version") == (caught.value.path, caught.value.rule)
        assert fragment in caught.value.reason
        assert str(caught.value).startswith(f"{path}: ")

    def test_maximum_equal_to_increment(self) -> None:
        """A maximum equal to the increment is allowed."""
        assert Decimal("1") == Policy(cec_increment="1", cec_maximum="1").cec_maximum  # type: ignore[arg-type]

    def test_windows_of_ten_years(self) -> None:
        """Windows of exactly ten years (3650 days) are allowed."""
        policy = Policy(late_window_days=3650, reporting_window_days=3650)
        assert (3650, 3650) == (policy.late_window_days, policy.reporting_window_days)

    def test_increment_not_positive(self) -> None:
        """A zero CEC increment is refused under its key (`policy-version`)."""
        expected = (
            "cec_increment: the CEC increment must be positive",
            "cec_increment",
            "the CEC increment must be positive",
        )
        assert expected == _refusal(cec_increment="0")

    def test_unknown_rounding_lists_the_modes(self) -> None:
        """A rounding mode that is not decimal's lists every mode there is, sorted."""
        modes = (
            "ROUND_05UP, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, "
            "ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP"
        )
        reason = f"'HALF_UP' is not a decimal rounding mode; use one of {modes}"
        assert (f"rounding: {reason}", "rounding", reason) == _refusal(rounding="HALF_UP")

    @pytest.mark.parametrize("name", ROSTER_LIMIT_NAMES)
    def test_limit_zero_refused(self, name: str) -> None:
        """A limit of 0 is refused under its key."""
        expected = (f"{name}: must be at least 1", name, "must be at least 1")
        assert expected == _refusal(**{name: 0})

    @pytest.mark.parametrize("name", ROSTER_LIMIT_NAMES)
    def test_limit_one_accepted(self, name: str) -> None:
        """A limit of 1 is the smallest accepted."""
        assert 1 == getattr(Policy(**{name: 1}), name)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("name", "value", "accepted"),
        [
            pytest.param("name_max_length", 100_000, True, id="name-100000"),
            pytest.param("name_max_length", 100_001, False, id="name-100001"),
            pytest.param("max_cell_length", 100_000, True, id="cell-100000"),
            pytest.param("max_cell_length", 100_001, False, id="cell-100001"),
            pytest.param("max_cell_length", 10**30, False, id="cell-10**30"),
            pytest.param("max_roster_rows", 1_000_000_000, True, id="rows-10**9"),
            pytest.param("max_roster_rows", 1_000_000_001, False, id="rows-10**9+1"),
            pytest.param("max_roster_rows", 2**63, False, id="rows-2**63"),
            pytest.param("max_roster_rows", 10**30, False, id="rows-10**30"),
            pytest.param("max_columns", 10_000, True, id="columns-10000"),
            pytest.param("max_columns", 10_001, False, id="columns-10001"),
            pytest.param("max_line_length", 16 << 20, True, id="line-16MiB"),
            pytest.param("max_line_length", (16 << 20) + 1, False, id="line-16MiB+1"),
        ],
    )
    def test_limit_largest(self, name: str, value: int, accepted: bool) -> None:
        """A roster limit past what the reader takes is refused under its key, naming
        the allowed range; the largest allowed is accepted."""
        if accepted:
            actual: object = getattr(Policy(**{name: value}), name)  # type: ignore[arg-type]
            expected: object = value
        else:
            actual = _refusal(**{name: value})[1:]
            expected = (
                name,
                f"{value} is more than the roster reader takes; "
                f"use a whole number from 1 to {ROSTER_LIMITS[name]:,}",
            )
        assert expected == actual

    def test_limit_from_toml(self) -> None:
        """A TOML integer past a limit is refused as InvalidPolicy, not an OverflowError."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_toml("max_roster_rows = 1000000000000000000000000000000")
        assert "max_roster_rows" == caught.value.path

    @pytest.mark.parametrize(
        "name",
        [
            "application_fee_per_cec",
            "late_surcharge_per_cec",
            "member_filing_fee",
            "guest_filing_fee",
            "cec_increment",
            "cec_maximum",
        ],
    )
    @pytest.mark.parametrize(
        ("value", "held"),
        [
            pytest.param("9" * 28, True, id="28-whole-digits"),
            pytest.param("9" * 29, False, id="29-whole-digits"),
            pytest.param("0." + "0" * 26 + "25", True, id="28-places"),
            pytest.param("0." + "0" * 27 + "25", False, id="29-places"),
            pytest.param("1E-999999999", False, id="exponent-minus-a-billion"),
            pytest.param("1E+999999999", False, id="exponent-a-billion"),
        ],
    )
    def test_money_digits_bounded(self, name: str, value: str, held: bool) -> None:
        """A price, fee, increment or maximum has at most 28 digits written out in full;
        more is refused under its key, never rounded (`money-decimal`)."""
        # The maximum must not fall below the increment, whichever of them is tried.
        other = {"cec_maximum": "9" * 28} if name == "cec_increment" else {}
        if name == "cec_maximum":
            other = {"cec_increment": "0." + "0" * 26 + "25"}
        if held:
            policy = Policy(**{name: value, **other})  # type: ignore[arg-type]
            assert (Decimal(value), str(Decimal(value))) == (
                getattr(policy, name),
                str(getattr(policy, name)),
            )
            return
        reason = "it has more than 28 digits written out in full; write it with at most 28 digits"
        assert (f"{name}: {reason}", name, reason) == _refusal(**{name: value, **other})

    @pytest.mark.parametrize("zone", sorted(IANA_ZONES))
    def test_every_iana_zone_accepted(self, zone: str) -> None:
        """Every zone of the IANA database (as the tzdata package lists it) is a time zone
        a policy may name, links such as US/Central and UTC included."""
        policy = Policy(time_zone=zone)
        assert (zone, zone) == (policy.time_zone, policy.zone.key)

    @pytest.mark.parametrize(
        "zone",
        [
            pytest.param("localtime", id="the-hosts-zone"),
            pytest.param("posixrules", id="posixrules"),
            pytest.param("right/America/Chicago", id="leap-second-variant"),
            pytest.param("posix/America/Chicago", id="posix-variant"),
            pytest.param("america/chicago", id="wrong-case"),
            pytest.param("America/Chicago ", id="trailing-space"),
            pytest.param("/usr/share/zoneinfo/America/Chicago", id="absolute-path"),
            pytest.param("America/../America/Chicago", id="relative-path"),
            pytest.param("zone.tab", id="database-file"),
            pytest.param("America", id="database-folder"),
        ],
    )
    def test_zone_not_in_the_iana_database_refused(self, zone: str) -> None:
        """A name the host's zone files may answer to but that is no IANA zone (the host's
        own zone, a path, a variant folder, another case) is refused under its key, so no
        result depends on the machine (`policy-version`)."""
        reason = (
            f"{zone!r} is not an IANA time zone; use an IANA zone name such as 'America/Chicago'"
        )
        assert (f"time_zone: {reason}", "time_zone", reason) == _refusal(time_zone=zone)

    def test_listed_zone_without_its_file_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A name the list holds but no zone file answers to (a list newer than the files)
        is refused the same way, never a ZoneInfoNotFoundError."""
        monkeypatch.setattr(policy_module, "_iana_zones", lambda: frozenset({"Nowhere/Else"}))
        reason = (
            "'Nowhere/Else' is not an IANA time zone; use an IANA zone name such as "
            "'America/Chicago'"
        )
        assert ("time_zone: " + reason, "time_zone", reason) == _refusal(time_zone="Nowhere/Else")

    def test_the_default_zone_is_iana(self) -> None:
        """The rule book's zone is in the IANA database, and the default policy names it."""
        assert ("America/Chicago", True) == (
            DEFAULT_POLICY.time_zone,
            DEFAULT_POLICY.time_zone in IANA_ZONES,
        )

    def test_money_not_a_number_gives_the_reason(self) -> None:
        """A money value that is not a number is refused with money's reason, not its
        message, after the key."""
        expected = (
            "application_fee_per_cec: it is not a number",
            "application_fee_per_cec",
            "it is not a number",
        )
        assert expected == _refusal(application_fee_per_cec="fifty")


#: Every code point no AAST ID may hold, as the Unicode database of this Python says.
def _not_in_ids() -> set[int]:
    return {
        code
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cc", "Cs") or chr(code).isspace()
    }


def _allows(policy: Policy, aast_id: str) -> bool:
    return policy.aast_id_regex.fullmatch(aast_id) is not None


class TestAastIdKnob:
    """`aast-id-format`: the AAST ID knob is a set of characters and a length range,
    checked by one character class with a bounded repeat."""

    @pytest.mark.parametrize(
        ("characters", "shortest", "longest", "aast_id", "allowed"),
        [
            pytest.param("A-Za-z0-9-", 1, 20, "A-1", True, id="default"),
            pytest.param("A-Za-z0-9-", 1, 20, "A", True, id="shortest"),
            pytest.param("A-Za-z0-9-", 1, 20, "A" * 20, True, id="longest"),
            pytest.param("A-Za-z0-9-", 1, 20, "A" * 21, False, id="one-past-longest"),
            pytest.param("A-Za-z0-9-", 1, 20, "", False, id="empty"),
            pytest.param("A-Za-z0-9-", 1, 20, "A", True, id="first-of-A-Z"),
            pytest.param("A-Za-z0-9-", 1, 20, "Z", True, id="last-of-A-Z"),
            pytest.param("A-Za-z0-9-", 1, 20, "@", False, id="just-before-A"),
            pytest.param("A-Za-z0-9-", 1, 20, "[", False, id="just-after-Z"),
            pytest.param("A-Za-z0-9-", 1, 20, "a", True, id="first-of-a-z"),
            pytest.param("A-Za-z0-9-", 1, 20, "z", True, id="last-of-a-z"),
            pytest.param("A-Za-z0-9-", 1, 20, "`", False, id="just-before-a"),
            pytest.param("A-Za-z0-9-", 1, 20, "{", False, id="just-after-z"),
            pytest.param("A-Za-z0-9-", 1, 20, "0", True, id="first-of-0-9"),
            pytest.param("A-Za-z0-9-", 1, 20, "9", True, id="last-of-0-9"),
            pytest.param("A-Za-z0-9-", 1, 20, "/", False, id="just-before-0"),
            pytest.param("A-Za-z0-9-", 1, 20, ":", False, id="just-after-9"),
            pytest.param("A-Za-z0-9-", 1, 20, "-", True, id="literal-hyphen-last"),
            pytest.param("A-Za-z0-9-", 1, 20, ",", False, id="just-before-hyphen"),
            pytest.param("A-Za-z0-9-", 1, 20, ".", False, id="just-after-hyphen"),
            pytest.param("A-Za-z0-9-", 1, 20, "A_1", False, id="underscore"),
            pytest.param("A-Za-z0-9-", 1, 20, "É", False, id="accented-letter"),
            pytest.param("A-Za-z0-9-", 1, 20, "A\n", False, id="line-break-after"),
            pytest.param("-AB", 1, 3, "-", True, id="literal-hyphen-first"),
            pytest.param("-AB", 1, 3, "B-A", True, id="hyphen-first-and-singles"),
            pytest.param("-AB", 1, 3, "C", False, id="not-a-range-A-to-B"),
            pytest.param("--/", 1, 3, "-./", True, id="range-from-hyphen"),
            pytest.param("--/", 1, 3, ",", False, id="just-before-range-from-hyphen"),
            pytest.param("--/", 1, 3, "0", False, id="just-after-range-from-hyphen"),
            pytest.param("0-9", 6, 6, "012345", True, id="exactly-six"),
            pytest.param("0-9", 6, 6, "01234", False, id="five-of-six"),
            pytest.param("0-9", 6, 6, "0123456", False, id="seven-of-six"),
            pytest.param("]^[", 1, 3, "[^]", True, id="regex-punctuation"),
            pytest.param("&&~~||", 2, 2, "&|", True, id="regex-set-operators"),
            pytest.param("é", 1, 1, "é", True, id="non-ascii"),
            pytest.param("é", 1, 1, "e\u0301", False, id="decomposed-not-composed"),
            pytest.param("😀-😂", 1, 2, "😂😀", True, id="past-the-bmp"),
            pytest.param("😀-😂", 1, 2, "😃", False, id="just-after-past-the-bmp"),
            pytest.param("A", 100_000, 100_000, "A" * 100_000, True, id="longest-allowed"),
        ],
    )
    def test_allowed(
        self, characters: str, shortest: int, longest: int, aast_id: str, allowed: bool
    ) -> None:
        """Each end of a range is in the set and the character beyond it is not; a hyphen
        first or last is itself; lengths count inclusively (`aast-id-format`)."""
        policy = Policy(
            aast_id_characters=characters,
            aast_id_min_length=shortest,
            aast_id_max_length=longest,
        )
        assert allowed == _allows(policy, aast_id)

    @pytest.mark.parametrize(
        ("text", "ranges"),
        [
            pytest.param(
                "A-Za-z0-9-",
                (("A", "Z"), ("a", "z"), ("0", "9"), ("-", "-")),
                id="default",
            ),
            pytest.param("-", (("-", "-"),), id="hyphen-alone"),
            pytest.param("--", (("-", "-"), ("-", "-")), id="hyphen-first-and-last"),
            pytest.param("-A-Z", (("-", "-"), ("A", "Z")), id="hyphen-first"),
            pytest.param("A-Z-", (("A", "Z"), ("-", "-")), id="hyphen-last"),
            pytest.param("--/", (("-", "/"),), id="range-from-hyphen"),
            pytest.param("a-a", (("a", "a"),), id="range-of-one"),
            pytest.param("ab-", (("a", "a"), ("b", "b"), ("-", "-")), id="singles"),
            pytest.param("[", (("[", "["),), id="a-bracket-alone"),
        ],
    )
    def test_notation(self, text: str, ranges: tuple[tuple[str, str], ...]) -> None:
        """The notation: X-Y a range, any other character itself, a hyphen first or last
        itself."""
        assert ranges == character_ranges(text)

    @pytest.mark.parametrize(
        ("characters", "fragment"),
        [
            pytest.param("", "the set of allowed characters is empty", id="empty"),
            pytest.param("Z-A", "the range 'Z-A' runs backwards", id="reversed"),
            pytest.param("a-A", "write its lower character first, as in 'A-a'", id="case"),
            pytest.param("A-Z-9", "the hyphen after 'Z' is not inside a range", id="mid-hyphen"),
            pytest.param("A\\d", "a backslash is not allowed", id="backslash"),
            pytest.param("[A-Z]", "without the brackets", id="regex-class"),
            pytest.param("A" * 1001, "written in 1,001 characters", id="too-long"),
            pytest.param("A ", "' ' is U+0020 SPACE (whitespace)", id="space"),
            pytest.param("A\t", "'\\t' is U+0009 (a control character)", id="tab"),
            pytest.param("A\n", "'\\n' is U+000A (a line break)", id="line-feed"),
            pytest.param("A\r", "'\\r' is U+000D (a line break)", id="carriage-return"),
            pytest.param("\x85", "U+0085 (a line break)", id="next-line"),
            pytest.param("\u2028", "U+2028 LINE SEPARATOR (a line break)", id="line-separator"),
            pytest.param("\x00", "U+0000 (a control character)", id="nul"),
            pytest.param("\x7f", "U+007F (a control character)", id="delete"),
            pytest.param("\ud800", "U+D800 (a surrogate)", id="surrogate"),
            pytest.param("\xa0", "U+00A0 NO-BREAK SPACE (whitespace)", id="no-break-space"),
            pytest.param("\u3000", "U+3000 IDEOGRAPHIC SPACE (whitespace)", id="ideographic"),
            pytest.param(
                "~-\xa1", "the range '~-¡' holds U+007F (a control character)", id="range-c1"
            ),
            pytest.param(
                " -~", "the range ' -~' holds U+0020 SPACE (whitespace)", id="range-from-space"
            ),
            pytest.param(
                "!-\U0010ffff", "holds U+007F (a control character)", id="range-of-everything"
            ),
            pytest.param("\ud7ff-\ue000", "holds U+D800 (a surrogate)", id="range-over-surrogates"),
            pytest.param(
                "\u2027-\u2030", "holds U+2028 LINE SEPARATOR (a line break)", id="range-2028"
            ),
        ],
    )
    def test_characters_refused(self, characters: str, fragment: str) -> None:
        """A set that is empty, written backwards or ambiguously, in a regex's syntax, or
        holding (in a range too) whitespace, a line break, a control character or a
        surrogate is refused under its key, naming the character."""
        with pytest.raises(InvalidPolicy) as caught:
            Policy(aast_id_characters=characters)
        assert ("aast_id_characters", True) == (
            caught.value.path,
            fragment in caught.value.reason,
        )

    @pytest.mark.parametrize(
        ("shortest", "longest", "path", "reason"),
        [
            pytest.param(0, 20, "aast_id_min_length", "must be at least 1", id="min-0"),
            pytest.param(1, 0, "aast_id_max_length", "must be at least 1", id="max-0"),
            pytest.param(
                -1,
                20,
                "aast_id_min_length",
                "-1 is negative; day counts and limits may not be",
                id="min-negative",
            ),
            pytest.param(
                1,
                100_001,
                "aast_id_max_length",
                "100001 is longer than any roster cell may be; use a whole number from 1 to "
                "100,000",
                id="max-past-the-longest-cell",
            ),
            pytest.param(
                100_001,
                100_001,
                "aast_id_min_length",
                "100001 is longer than any roster cell may be; use a whole number from 1 to "
                "100,000",
                id="min-past-the-longest-cell",
            ),
            pytest.param(
                5,
                3,
                "aast_id_min_length",
                "5 is more than aast_id_max_length 3; the shortest an AAST ID may be cannot "
                "be longer than the longest",
                id="min-above-max",
            ),
        ],
    )
    def test_lengths_refused(self, shortest: int, longest: int, path: str, reason: str) -> None:
        """A length below 1 or past the longest cell, or a range that is empty, is refused
        under its key."""
        assert (f"{path}: {reason}", path, reason) == _refusal(
            aast_id_min_length=shortest, aast_id_max_length=longest
        )

    def test_length_free_of_the_cell_limit(self) -> None:
        """The longest ID is bounded by the longest cell any policy reads, not this policy's
        cell limit: a small cell limit needs no change of the ID's length."""
        policy = Policy(max_cell_length=10)
        assert (10, 20) == (policy.max_cell_length, policy.aast_id_max_length)

    def test_table_of_characters_not_in_ids(self) -> None:
        """The table of characters no ID may hold is exactly Unicode's control characters,
        surrogates and whitespace (line breaks among it), by this Python's database."""
        table = {code for low, high in _NOT_IN_IDS for code in range(low, high + 1)}
        line_breaks = {ord(c) for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
        assert (_not_in_ids(), True) == (table, line_breaks <= table)

    @given(data=st.data(), knob=id_knobs())
    def test_agrees_with_the_reference(self, data: st.DataObject, knob: IdKnob) -> None:
        """For any valid knob and any text, the policy's check says what plain Python says:
        the length in range and every character in the set (`aast-id-format`)."""
        policy = knob.policy()
        aast_id = data.draw(id_texts(knob))
        assert (set(knob.ranges), knob.allows(aast_id)) == (
            set(character_ranges(policy.aast_id_characters)),
            _allows(policy, aast_id),
        )

    @pytest.mark.parametrize(
        ("changes", "pattern"),
        [
            pytest.param({}, "[A-Za-z0-9-]{1,20}", id="default"),
            pytest.param(
                {"aast_id_characters": "0-9", "aast_id_min_length": 6, "aast_id_max_length": 6},
                "[0-9]{6}",
                id="exact-length",
            ),
            pytest.param({"aast_id_characters": "-A]^["}, "[A\\]\\^\\[-]{1,20}", id="escaped"),
            pytest.param({"aast_id_characters": "--/"}, "[\\.-/-]{1,20}", id="hyphen-range"),
            pytest.param({"aast_id_characters": "!--"}, "[!-,-]{1,20}", id="range-to-hyphen"),
            pytest.param({"aast_id_characters": "--."}, "[\\.-]{1,20}", id="hyphen-and-one"),
        ],
    )
    def test_pattern(self, changes: dict[str, Any], pattern: str) -> None:
        """aast_id_pattern reads the knob as a regular expression (read only); a range with
        a hyphen at one end is cut there and the hyphen written last."""
        assert pattern == Policy(**changes).aast_id_pattern

    def test_pattern_is_read_only(self) -> None:
        """aast_id_pattern is no longer a field: a policy is not built with it."""
        with pytest.raises(TypeError, match="aast_id_pattern"):
            Policy(aast_id_pattern="[A-Z]{1,20}")  # type: ignore[call-arg]
        with pytest.raises(AttributeError):
            DEFAULT_POLICY.aast_id_pattern = "x"  # type: ignore[misc]

    @given(knob=id_knobs())
    def test_pattern_reads_back_through_the_old_key(self, knob: IdKnob) -> None:
        """The pattern a policy shows reads back, as the old key, as the same check."""
        policy = knob.policy()
        again = policy_from_mapping({"aast_id_pattern": policy.aast_id_pattern})
        assert policy.aast_id_pattern == again.aast_id_pattern


#: The example the old key's refusals show: the rule book's knob, as the new keys.
NEW_KEYS = 'aast_id_characters = "A-Za-z0-9-", aast_id_min_length = 1, aast_id_max_length = 20'


class TestOldAastIdKey:
    """`aast-id-format`, `policy-version`: a policy file that still has aast_id_pattern
    loads when the pattern is one character class with a length range, converted into
    the new keys; any other pattern is refused, showing the new keys."""

    @pytest.mark.parametrize(
        ("pattern", "knob"),
        [
            pytest.param("[A-Za-z0-9-]{1,20}", ("A-Za-z0-9-", 1, 20), id="the-old-default"),
            pytest.param("[A-Z0-9\\-]{1,20}", ("A-Z0-9-", 1, 20), id="escaped-hyphen"),
            pytest.param("[-A-Z]{2,8}", ("A-Z-", 2, 8), id="hyphen-first"),
            pytest.param("[A-Z-0]{1,8}", ("A-Z0-", 1, 8), id="hyphen-between"),
            pytest.param("\\d{6}", ("0-9", 6, 6), id="digits-exactly"),
            pytest.param("[\\d]{5,7}", ("0-9", 5, 7), id="digits-in-a-class"),
            pytest.param("[A-F\\d]{8}", ("A-F0-9", 8, 8), id="digits-and-a-range"),
            pytest.param("[a-z\\.\\_]{1,20}", ("a-z._", 1, 20), id="escaped-punctuation"),
            pytest.param("[\\[\\]x]{1,2}", ("[]x", 1, 2), id="escaped-brackets"),
            pytest.param("[A-Z]{0,20}", ("A-Z", 1, 20), id="from-zero-reads-from-one"),
            pytest.param("[--/]{2}", (".-/-", 2, 2), id="range-from-hyphen"),
            pytest.param("[é]{1}", ("é", 1, 1), id="non-ascii"),
        ],
    )
    def test_converted(self, pattern: str, knob: tuple[str, int, int]) -> None:
        """One class with {m,n} or {n} becomes the three new keys (`aast-id-format`)."""
        policy = policy_from_mapping({"aast_id_pattern": pattern})
        assert knob == (
            policy.aast_id_characters,
            policy.aast_id_min_length,
            policy.aast_id_max_length,
        )

    def test_old_default_is_the_default(self) -> None:
        """A file written with the old default key reads as the default policy."""
        assert DEFAULT_POLICY == policy_from_toml('aast_id_pattern = "[A-Za-z0-9-]{1,20}"')

    def test_converted_writes_the_new_keys(self) -> None:
        """A policy read from the old key writes the new keys, which read back equal."""
        policy = policy_from_toml('aast_id_pattern = "[A-Z]{3,9}"\nlabel = "old file"')
        lines = policy.to_toml().splitlines()
        expected = (
            policy,
            ['aast_id_characters = "A-Z"', "aast_id_min_length = 3", "aast_id_max_length = 9"],
        )
        assert expected == (
            policy_from_toml(policy.to_toml()),
            [line for line in lines if line.startswith("aast_id")],
        )

    def test_in_a_schedule(self) -> None:
        """A schedule version with the old key loads the same way."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n"
            '[[versions]]\neffective_from = 2026-01-01\naast_id_pattern = "\\\\d{6}"\n'
        )
        assert ("[0-9]{6}", "[A-Za-z0-9-]{1,20}") == (
            schedule.at(date(2026, 1, 1)).aast_id_pattern,
            schedule.at(date(2025, 12, 31)).aast_id_pattern,
        )

    @pytest.mark.parametrize(
        "pattern",
        [
            pytest.param("[A-Z]+", id="unbounded-plus"),
            pytest.param("[A-Z]*", id="unbounded-star"),
            pytest.param("[A-Z]{1,}", id="no-upper-bound"),
            pytest.param("[A-Z]{,5}", id="no-lower-bound"),
            pytest.param("[A-Z]", id="no-length"),
            pytest.param("(a+)+b", id="nested-quantifier"),
            pytest.param("(A|G)\\d+", id="alternation"),
            pytest.param("[^,]{1,20}", id="negated-class"),
            pytest.param("\\S{1,20}", id="not-whitespace"),
            pytest.param("[\\w]{1,20}", id="word-class"),
            pytest.param("[A-Z\\s]{1,20}", id="whitespace-class"),
            pytest.param("[\\x41]{1,2}", id="hex-escape"),
            pytest.param("[\\d-z]{2}", id="range-from-digits"),
            pytest.param("[a-\\d]{2}", id="range-to-digits"),
            pytest.param("^[A-Z]{1,20}$", id="anchors"),
            pytest.param("[A-Z][0-9]{1,5}", id="two-classes"),
            pytest.param("(?i)[a-z]{1,5}", id="flag"),
            pytest.param("[A-Z]{1,20}|[0-9]{6}", id="either-of-two"),
            pytest.param("[]{1}", id="empty-class"),
            pytest.param("", id="empty"),
        ],
    )
    def test_other_patterns_refused(self, pattern: str) -> None:
        """Any other pattern is refused under the old key, with the new keys to write."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping({"aast_id_pattern": pattern})
        reason = (
            f"{pattern!r} is not one character class with a length range, such as "
            "'[A-Za-z0-9-]{1,20}'; a policy no longer takes a regular expression: write the "
            f"allowed characters and the length instead, such as {NEW_KEYS}"
        )
        assert ("aast_id_pattern", reason) == (caught.value.path, caught.value.reason)

    @pytest.mark.parametrize(
        ("pattern", "fragment"),
        [
            pytest.param(
                "[A-Z ]{1,20}",
                "'[A-Z ]{1,20}' reads as aast_id_characters = \"A-Z \", aast_id_min_length = 1, "
                "aast_id_max_length = 20, which is refused: aast_id_characters: ' ' is U+0020 "
                "SPACE (whitespace)",
                id="space",
            ),
            pytest.param(
                "[A-Z]{5,3}", "which is refused: aast_id_min_length: 5 is more than", id="min-max"
            ),
            pytest.param("[A-Z]{0}", "refused: aast_id_max_length: must be at least 1", id="0"),
            pytest.param(
                "[A-Z]{1,200000}", "which is refused: aast_id_max_length: 200000", id="long"
            ),
            pytest.param("[z-a]{1}", "the range 'z-a' runs backwards", id="backwards"),
            pytest.param("[\\\\]{1}", "a backslash is not allowed", id="backslash"),
        ],
    )
    def test_converted_but_refused(self, pattern: str, fragment: str) -> None:
        """A pattern of the right shape whose knob is not valid is refused under the old
        key, showing what it reads as and why that is refused."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping({"aast_id_pattern": pattern})
        assert ("aast_id_pattern", True) == (caught.value.path, fragment in caught.value.reason)

    @pytest.mark.parametrize(
        "data",
        [
            pytest.param(
                {"aast_id_pattern": "[A-Z]{1,5}", "aast_id_min_length": 2}, id="old-first"
            ),
            pytest.param(
                {"aast_id_characters": "A-Z", "aast_id_pattern": "[A-Z]{1,5}"}, id="new-first"
            ),
            pytest.param({"aast_id_max_length": 5, "aast_id_pattern": "(a+)+"}, id="bad-old"),
        ],
    )
    def test_old_and_new_keys_together_refused(self, data: dict[str, object]) -> None:
        """The old key beside any new one is refused, whichever comes first."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping(data, path="versions[1]")
        reason = (
            "the old key may not stand beside aast_id_characters, aast_id_min_length or "
            "aast_id_max_length, which replace it; remove it and keep the new keys, such as "
            + NEW_KEYS
        )
        assert ("versions[1].aast_id_pattern", reason) == (caught.value.path, caught.value.reason)

    def test_not_text_refused(self) -> None:
        """An old key that is not text is refused as any text key is."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_toml("aast_id_pattern = 5")
        assert ("aast_id_pattern", "expected text, got 5") == (
            caught.value.path,
            caught.value.reason,
        )


def _nested(depth: int, how: str) -> str:
    """TOML text whose ``label`` value sits ``depth`` tables or arrays deep."""
    if how == "arrays":
        return "label = " + "[" * depth + "]" * depth
    if how == "inline-tables":
        return "label = " + "{a = " * (depth - 1) + "{}" + "}" * (depth - 1)
    if how == "dotted-keys":
        return "label" + ".a" * depth + " = 1"  # the last key holds the 1, not a table
    return "[label" + ".a" * (depth - 1) + "]"


class TestTomlBounds:
    """TOML text is refused past MAX_TOML_CHARS characters or MAX_TOML_DEPTH levels of
    nesting, as InvalidPolicy saying the limit, before or without recursing."""

    def test_limits(self) -> None:
        """At most 2,000,000 characters, nested at most 20 deep."""
        expected = (2_000_000, 20)
        assert expected == (MAX_TOML_CHARS, MAX_TOML_DEPTH)

    @pytest.mark.parametrize("read", [policy_from_toml, schedule_from_toml, load_toml])
    def test_too_long_refused(self, read: Any) -> None:
        """Every reader refuses text one character past the limit, before parsing it."""
        text = 'label = "x"\n' + "#" * MAX_TOML_CHARS
        with pytest.raises(InvalidPolicy) as caught:
            read(text)
        expected = (
            f"the TOML text is {len(text):,} characters long; "
            f"a policy file may hold at most {MAX_TOML_CHARS:,}"
        )
        assert expected == caught.value.reason

    def test_length_at_the_limit_read(self) -> None:
        """Text of exactly the limit's length is read."""
        text = 'label = "x"\n'
        text += "#" * (MAX_TOML_CHARS - len(text))
        assert "x" == policy_from_toml(text).label

    @pytest.mark.parametrize("how", ["arrays", "inline-tables", "dotted-keys", "table-headers"])
    @pytest.mark.parametrize(
        ("depth", "too_deep"),
        [
            pytest.param(MAX_TOML_DEPTH, False, id="at-the-limit"),
            pytest.param(MAX_TOML_DEPTH + 1, True, id="one-past"),
            pytest.param(5_000, True, id="past-the-parser-stack"),
        ],
    )
    def test_depth(self, how: str, depth: int, too_deep: bool) -> None:
        """Nesting to the limit reaches the usual key checks; past it (even past the
        parser's own stack) the text is refused for its depth."""
        with pytest.raises(InvalidPolicy) as caught:
            load_toml(_nested(depth, how))
        expected = (True, too_deep)
        actual = (
            caught.value.path in ("", "label"),
            caught.value.reason.startswith("the TOML text nests tables and arrays more than 20"),
        )
        assert expected == actual


class TestPolicyToml:
    """A policy reads from and writes to TOML, strictly."""

    def test_to_toml_text(self) -> None:
        """Amounts are quoted strings, counts bare integers, flags true/false."""
        lines = DEFAULT_POLICY.to_toml().splitlines()
        expected = (len(DEFAULT_DICT), 'application_fee_per_cec = "50.00"', "late_window_days = 30")
        assert expected == (
            len(lines),
            lines[1],
            lines[3],
        )
        assert "charge_per_offering = true" in lines
        assert 'name_mismatch = "warn"' in lines

    def test_round_trip_default(self) -> None:
        """The default policy reads back equal."""
        expected = DEFAULT_POLICY
        assert expected == policy_from_toml(DEFAULT_POLICY.to_toml())

    def test_round_trip_awkward_text(self) -> None:
        """Quotes, backslashes and control characters survive the round trip."""
        policy = Policy(
            label='say "hi"\\ \n\ttab \x7f \x00 é, X-ray',
            aast_id_characters="0-9#&&~~[]^|-",
            aast_id_min_length=6,
            aast_id_max_length=6,
            charge_per_offering=False,
            name_mismatch=NameMismatch.REFUSE,
        )
        assert policy == policy_from_toml(policy.to_toml())

    @given(
        label=st.text(max_size=30),
        fee_cents=st.integers(min_value=0, max_value=10**8),
        days=st.integers(min_value=0, max_value=400),
        per_offering=st.booleans(),
        mismatch=st.sampled_from(NameMismatch),
        rounding=st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"]),
        zone=st.sampled_from(["America/Chicago", "UTC", "Asia/Tokyo"]),
    )
    def test_round_trip_property(
        self,
        label: str,
        fee_cents: int,
        days: int,
        per_offering: bool,
        mismatch: NameMismatch,
        rounding: str,
        zone: str,
    ) -> None:
        """policy_from_toml(policy.to_toml()) == policy for any valid figures."""
        policy = Policy(
            label=label,
            application_fee_per_cec=Decimal(fee_cents) / 100,
            late_window_days=days,
            charge_per_offering=per_offering,
            name_mismatch=mismatch,
            rounding=rounding,
            time_zone=zone,
        )
        assert policy == policy_from_toml(policy.to_toml())

    def test_read(self) -> None:
        """Keys read from TOML override the defaults; an int amount is allowed."""
        policy = policy_from_toml(
            'label = "sale"\napplication_fee_per_cec = 10\ncharge_per_offering = false\n'
        )
        assert ("sale", Decimal("10"), False, Decimal("25.00")) == (
            policy.label,
            policy.application_fee_per_cec,
            policy.charge_per_offering,
            policy.late_surcharge_per_cec,
        )

    def test_empty_text_is_default(self) -> None:
        """Empty TOML gives the default policy."""
        expected = DEFAULT_POLICY
        assert expected == policy_from_toml("")

    @pytest.mark.parametrize(
        ("text", "path", "fragment"),
        [
            pytest.param("label = ", "", "not valid TOML", id="invalid-toml"),
            pytest.param('late_fee = "5.00"', "late_fee", "unknown key", id="unknown-key"),
            pytest.param(
                "application_fee_per_cec = 50.0",
                "application_fee_per_cec",
                "got the float 50.0",
                id="float-money",
            ),
            pytest.param(
                'late_window_days = "30"', "late_window_days", "expected a whole number", id="type"
            ),
            pytest.param(
                "label = 2020-01-01", "label", "expected text", id="date-where-text-expected"
            ),
            pytest.param(
                'cec_increment = "0"', "cec_increment", "must be positive", id="figure-check"
            ),
            pytest.param(
                '[versions]\nlabel = "x"', "versions", "unknown key", id="schedule-as-policy"
            ),
        ],
    )
    def test_refused(self, text: str, path: str, fragment: str) -> None:
        """Bad TOML is an InvalidPolicy naming the key path."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_toml(text)
        assert path == caught.value.path
        assert fragment in caught.value.reason

    def test_not_text_refused(self) -> None:
        """Bytes are refused: TOML is read from str."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_toml(b"label = 'x'")  # type: ignore[arg-type]
        expected = "expected TOML text as str, got bytes"
        assert expected == str(caught.value)

    def test_from_mapping_prefixes_path(self) -> None:
        """policy_from_mapping puts its path before the key that failed."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping({"cec_maximum": "0"}, path="versions[2]")
        expected = "versions[2].cec_maximum"
        assert expected == caught.value.path

    def test_unknown_key_lists_every_policy_key(self) -> None:
        """An unknown key is refused under its own path, listing every policy key, sorted."""
        with pytest.raises(InvalidPolicy) as caught:
            policy_from_mapping({"colour": "blue"})
        reason = f"unknown key; the policy keys are {POLICY_KEYS}"
        assert (f"colour: {reason}", "colour") == (str(caught.value), caught.value.path)

    def test_spaces_are_kept(self) -> None:
        """Only quotes, backslashes and control characters are escaped: the label's spaces
        are written as spaces."""
        assert 'label = "AAST CEC program 2020"' == DEFAULT_POLICY.to_toml().splitlines()[0]


class TestPolicyVersion:
    """A version is in force from its start through its end, inclusive."""

    @pytest.mark.parametrize(
        ("until", "on", "expected"),
        [
            pytest.param(None, date(2025, 12, 31), False, id="open-day-before"),
            pytest.param(None, date(2026, 1, 1), True, id="open-first-day"),
            pytest.param(None, date(2999, 1, 1), True, id="open-far-future"),
            pytest.param(date(2026, 1, 31), date(2026, 1, 31), True, id="bounded-last-day"),
            pytest.param(date(2026, 1, 31), date(2026, 2, 1), False, id="bounded-day-after"),
            pytest.param(date(2026, 1, 1), date(2026, 1, 1), True, id="one-day"),
        ],
    )
    def test_covers(self, until: date | None, on: date, expected: bool) -> None:
        """covers() is inclusive at both ends."""
        assert expected == _version(date(2026, 1, 1), until=until).covers(on)

    @pytest.mark.parametrize(
        ("kwargs", "path", "fragment"),
        [
            pytest.param(
                {"effective_from": date(2026, 1, 2), "effective_until": date(2026, 1, 1)},
                "effective_until",
                "2026-01-01 is before effective_from 2026-01-02",
                id="until-before-from",
            ),
            pytest.param(
                {"effective_from": datetime(2026, 1, 1)},
                "effective_from",
                "expected a date such as 2020-01-01",
                id="from-datetime",
            ),
            pytest.param(
                {"effective_from": "2026-01-01"}, "effective_from", "expected a date", id="from-str"
            ),
            pytest.param(
                {"effective_from": date(2026, 1, 1), "effective_until": datetime(2026, 2, 1)},
                "effective_until",
                "expected a date",
                id="until-datetime",
            ),
        ],
    )
    def test_refused(self, kwargs: dict[str, object], path: str, fragment: str) -> None:
        """Bad dates are InvalidPolicy naming the field."""
        with pytest.raises(InvalidPolicy) as caught:
            PolicyVersion(policy=DEFAULT_POLICY, **kwargs)  # type: ignore[arg-type]
        assert (path, True) == (caught.value.path, fragment in caught.value.reason)

    def test_policy_must_be_policy(self) -> None:
        """A version's policy must be a Policy."""
        with pytest.raises(TypeError, match="policy"):
            PolicyVersion(effective_from=date(2026, 1, 1), policy="default")  # type: ignore[arg-type]


class TestPolicySchedule:
    """A schedule picks the latest-starting version whose period covers the date."""

    def test_default_schedule(self) -> None:
        """The default schedule is the book's figures from 2020-01-01, open-ended."""
        schedule = default_schedule()
        assert ((_version(PROGRAM_START),), DEFAULT_POLICY) == (
            schedule.versions,
            schedule.at(date(2020, 1, 1)),
        )

    def test_before_first_version(self) -> None:
        """Before the first start no policy is in force: PolicyNotInForce (a LookupError)."""
        with pytest.raises(PolicyNotInForce) as caught:
            default_schedule().at(date(2019, 12, 31))
        assert isinstance(caught.value, LookupError)
        assert date(2019, 12, 31) == caught.value.on
        assert "the schedule starts on 2020-01-01" in str(caught.value)

    @pytest.mark.parametrize(
        ("on", "member_fee"),
        [
            pytest.param(date(2021, 8, 31), "5.00", id="day-before"),
            pytest.param(date(2021, 9, 1), "0.00", id="first-day"),
            pytest.param(date(2035, 1, 1), "0.00", id="stays"),
        ],
    )
    def test_open_ended_change_stays(self, on: date, member_fee: str) -> None:
        """From 2021-09-01 filing fees stopped, and the change stays (worked example 1)."""
        schedule = default_schedule().with_version(_version(date(2021, 9, 1), NO_FILING))
        assert Decimal(member_fee) == schedule.at(on).member_filing_fee

    @pytest.mark.parametrize(
        ("on", "label"),
        [
            pytest.param(date(2026, 10, 31), "AAST CEC program 2020", id="before-sale"),
            pytest.param(date(2026, 11, 1), "sale", id="sale-starts"),
            pytest.param(date(2026, 12, 31), "sale", id="sale-last-day"),
            pytest.param(date(2027, 1, 1), "AAST CEC program 2020", id="back-after-sale"),
        ],
    )
    def test_bounded_change_returns(self, on: date, label: str) -> None:
        """A sale through December 31 returns to the earlier figures (`promotion`)."""
        schedule = default_schedule().with_version(
            _version(date(2026, 11, 1), SALE, until=date(2026, 12, 31))
        )
        assert label == schedule.at(on).label

    @pytest.mark.parametrize(
        ("on", "label"),
        [
            pytest.param(date(2021, 5, 31), "B", id="outer"),
            pytest.param(date(2021, 6, 1), "C", id="inner-start"),
            pytest.param(date(2021, 6, 30), "C", id="inner-end"),
            pytest.param(date(2021, 7, 1), "B", id="back-to-outer"),
            pytest.param(date(2022, 1, 1), "A", id="back-to-base"),
        ],
    )
    def test_nested_bounded_versions(self, on: date, label: str) -> None:
        """A bounded version inside another returns to the outer one, then the base."""
        schedule = PolicySchedule(
            [
                _version(date(2021, 6, 1), attrs.evolve(SALE, label="C"), date(2021, 6, 30)),
                _version(date(2020, 1, 1), attrs.evolve(SALE, label="A")),
                _version(date(2021, 1, 1), attrs.evolve(SALE, label="B"), date(2021, 12, 31)),
            ]
        )
        assert label == schedule.at(on).label

    def test_versions_sorted(self) -> None:
        """Versions are kept in start order, whatever order they were given in."""
        schedule = PolicySchedule([_version(date(2023, 1, 1), SALE), _version(date(2020, 1, 1))])
        assert [date(2020, 1, 1), date(2023, 1, 1)] == [v.effective_from for v in schedule.versions]

    def test_gap_after_bounded_only_version(self) -> None:
        """After a lone bounded version ends, no policy is in force."""
        schedule = PolicySchedule([_version(date(2026, 1, 1), until=date(2026, 1, 31))])
        with pytest.raises(PolicyNotInForce) as caught:
            schedule.at(date(2026, 2, 1))
        assert date(2026, 2, 1) == caught.value.on

    def test_until_date_max(self) -> None:
        """A version bounded by date.max covers date.max."""
        schedule = PolicySchedule([_version(date(2026, 1, 1), SALE, until=date.max)])
        expected = "sale"
        assert expected == schedule.at(date.max).label

    def test_version_at(self) -> None:
        """version_at returns the version, with its dates."""
        version = _version(date(2026, 11, 1), SALE, until=date(2026, 12, 31))
        schedule = default_schedule().with_version(version)
        assert version == schedule.version_at(date(2026, 12, 1))

    def test_duplicate_starts_refused(self) -> None:
        """Two versions starting on the same day are ambiguous: InvalidPolicy."""
        with pytest.raises(InvalidPolicy) as caught:
            PolicySchedule([_version(date(2020, 1, 1)), _version(date(2020, 1, 1), SALE)])
        expected = "versions"
        assert expected == caught.value.path
        assert "two versions start on 2020-01-01" in caught.value.reason

    def test_empty_refused(self) -> None:
        """A schedule needs at least one version."""
        with pytest.raises(InvalidPolicy) as caught:
            PolicySchedule([])
        expected = ("versions", "a schedule needs at least one version")
        assert expected == (
            caught.value.path,
            caught.value.reason,
        )

    def test_single(self) -> None:
        """single() makes one open-ended version from the given date."""
        schedule = PolicySchedule.single(SALE, effective_from=date(2026, 1, 1))
        assert (_version(date(2026, 1, 1), SALE),) == schedule.versions

    def test_to_dict(self) -> None:
        """to_dict lists each version's dates and figures, JSON-ready."""
        schedule = default_schedule().with_version(
            _version(date(2026, 11, 1), SALE, until=date(2026, 12, 31))
        )
        data = json.loads(json.dumps(schedule.to_dict()))
        expected = (
            {**DEFAULT_DICT, "effective_from": "2020-01-01", "effective_until": None},
            "2026-12-31",
            "10.00",
        )
        assert expected == (
            data["versions"][0],
            data["versions"][1]["effective_until"],
            data["versions"][1]["application_fee_per_cec"],
        )


class TestResolve:
    """resolve() finds the calendar date of a moment and the policy in force then."""

    def test_date_taken_as_is(self) -> None:
        """A date is its own calendar date."""
        assert (date(2026, 3, 1), DEFAULT_POLICY) == default_schedule().resolve(
            date(2026, 3, 1), field="submitted"
        )

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            pytest.param(
                datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
                date(2026, 3, 2),
                id="los-angeles-evening",
            ),
            pytest.param(
                datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
                date(2026, 3, 1),
                id="tokyo-morning",
            ),
            pytest.param(
                datetime(2026, 3, 2, 3, 0, tzinfo=timezone.utc), date(2026, 3, 1), id="utc"
            ),
        ],
    )
    def test_aware_datetime_converted(self, moment: datetime, expected: date) -> None:
        """An aware datetime is converted to the association's zone."""
        assert (expected, DEFAULT_POLICY) == default_schedule().resolve(moment, field="submitted")

    def test_naive_refused(self) -> None:
        """A naive datetime is refused with NaiveDatetime naming the field."""
        with pytest.raises(NaiveDatetime) as caught:
            default_schedule().resolve(datetime(2026, 3, 1, 12), field="submitted")
        expected = "submitted"
        assert expected == caught.value.field

    def test_tzinfo_without_offset_refused(self) -> None:
        """A tzinfo whose utcoffset() is None makes the datetime naive: refused."""
        with pytest.raises(NaiveDatetime):
            default_schedule().resolve(datetime(2026, 3, 1, tzinfo=NoOffset()), field="when")

    def test_before_first_version(self) -> None:
        """A moment before the schedule names its date in the first version's zone."""
        moment = datetime(2020, 1, 1, 3, 0, tzinfo=timezone.utc)  # 2019-12-31 21:00 in Chicago
        with pytest.raises(PolicyNotInForce) as caught:
            default_schedule().resolve(moment, field="submitted")
        assert date(2019, 12, 31) == caught.value.on

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            pytest.param(
                datetime(2026, 3, 1, 16, 0, tzinfo=timezone.utc),
                (date(2026, 3, 2), "tokyo"),
                id="already-2-march-in-tokyo",
            ),
            pytest.param(
                datetime(2026, 3, 1, 14, 0, tzinfo=timezone.utc),
                (date(2026, 3, 1), "AAST CEC program 2020"),
                id="still-1-march-in-tokyo",
            ),
        ],
    )
    def test_each_version_in_its_own_zone(
        self, moment: datetime, expected: tuple[date, str]
    ) -> None:
        """A version moving the zone applies from its start date in its own zone."""
        tokyo = attrs.evolve(DEFAULT_POLICY, label="tokyo", time_zone="Asia/Tokyo")
        schedule = default_schedule().with_version(_version(date(2026, 3, 2), tokyo))
        when, policy = schedule.resolve(moment, field="submitted")
        assert expected == (when, policy.label)

    def test_naive_datetime_is_kept_in_the_error(self) -> None:
        """The error names the field and keeps the naive datetime (`submission-date`)."""
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
    """as_schedule accepts a policy or a schedule."""

    def test_policy(self) -> None:
        """A policy becomes a one-version schedule from 2020-01-01."""
        assert PolicySchedule.single(SALE) == as_schedule(SALE)

    def test_policy_schedule_built_once(self) -> None:
        """The same policy gives the same schedule object each time, holding that policy."""
        policy = attrs.evolve(SALE, label="built once")
        first = as_schedule(policy)
        expected = (first, True)
        assert expected == (as_schedule(policy), first.at(date(2026, 1, 1)) is policy)

    def test_schedule_passes_through(self) -> None:
        """A schedule is returned as it is."""
        schedule = default_schedule()
        assert schedule is as_schedule(schedule)

    def test_other_refused(self) -> None:
        """Anything else is a TypeError naming its type."""
        with pytest.raises(TypeError, match="expected a Policy or a PolicySchedule, got str"):
            as_schedule("default")  # type: ignore[arg-type]

    def test_same_schedule_each_time(self) -> None:
        """A bare policy's one-version schedule is built once and reused: two calls give
        the very same schedule, in force from 2020-01-01."""
        policy = attrs.evolve(DEFAULT_POLICY, label="once")
        first = as_schedule(policy)
        assert first is as_schedule(policy)
        assert [date(2020, 1, 1)] == [v.effective_from for v in first.versions]


# --- schedule lookup agrees with a brute-force scan -------------------------------------

BASE = date(2020, 1, 1)
ZONES = ["America/Chicago", "UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"]
#: Labelled policies per zone, built once: versions are told apart by label.
LABELLED = {
    zone: [attrs.evolve(DEFAULT_POLICY, label=f"v{i}", time_zone=zone) for i in range(6)]
    for zone in ZONES
}


@st.composite
def schedules(draw: st.DrawFn, zone: str | None = "America/Chicago") -> PolicySchedule:
    """Schedules of 1-6 open-ended or bounded versions with distinct start dates, in
    ``zone``, or each version in a zone of its own drawing when ``zone`` is None."""
    starts = draw(
        st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6, unique=True)
    )
    versions = []
    for index, start in enumerate(starts):
        length = draw(st.none() | st.integers(min_value=0, max_value=200))
        first = BASE + timedelta(days=start)
        until = None if length is None else first + timedelta(days=length)
        in_zone = draw(st.sampled_from(ZONES)) if zone is None else zone
        versions.append(_version(first, LABELLED[in_zone][index], until))
    return PolicySchedule(versions)


def _brute_force(schedule: PolicySchedule, on: date) -> PolicyVersion | None:
    covering = [
        v
        for v in schedule.versions
        if v.effective_from <= on and (v.effective_until is None or on <= v.effective_until)
    ]
    return max(covering, key=lambda v: v.effective_from) if covering else None


class TestScheduleProperties:
    """Lookup by bisection agrees with the definition, scanned version by version."""

    @given(schedule=schedules(), offset=st.integers(min_value=-30, max_value=700))
    def test_version_at_agrees_with_scan(self, schedule: PolicySchedule, offset: int) -> None:
        """version_at/at return the latest-starting covering version, or PolicyNotInForce."""
        on = BASE + timedelta(days=offset)
        expected = _brute_force(schedule, on)
        if expected is None:
            with pytest.raises(PolicyNotInForce) as caught:
                schedule.version_at(on)
            assert on == caught.value.on
        else:
            assert (expected, expected.policy) == (schedule.version_at(on), schedule.at(on))

    @given(
        data=st.data(),
        zone=st.sampled_from(ZONES),
        minutes=st.integers(min_value=-60 * 24 * 40, max_value=60 * 24 * 700),
        given_in=st.sampled_from([*ZONES, "Europe/London", "Australia/Adelaide"]),
    )
    def test_resolve_agrees_with_converting(
        self, data: st.DataObject, zone: str, minutes: int, given_in: str
    ) -> None:
        """resolve(aware) == (date in the zone, policy in force on that date)."""
        schedule = data.draw(schedules(zone))
        moment = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=minutes)
        moment = moment.astimezone(ZoneInfo(given_in))
        local = moment.astimezone(ZoneInfo(zone)).date()
        expected = _brute_force(schedule, local)
        if expected is None:
            with pytest.raises(PolicyNotInForce) as caught:
                schedule.resolve(moment, field="submitted")
            assert local == caught.value.on
        else:
            assert (local, expected.policy) == schedule.resolve(moment, field="submitted")

    @given(
        schedule=schedules(zone=None),
        minutes=st.integers(min_value=-60 * 24 * 40, max_value=60 * 24 * 700),
    )
    def test_resolve_agrees_across_zones(self, schedule: PolicySchedule, minutes: int) -> None:
        """With versions in several zones, resolve(aware) is the latest-starting version
        whose period holds the moment's date in that version's own zone."""
        moment = datetime(2020, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=minutes)
        covering = [
            (version, local)
            for version in schedule.versions
            if version.covers(local := moment.astimezone(version.policy.zone).date())
        ]
        if not covering:
            first = schedule.versions[0]
            with pytest.raises(PolicyNotInForce) as caught:
                schedule.resolve(moment, field="submitted")
            assert moment.astimezone(first.policy.zone).date() == caught.value.on
        else:
            version, local = max(covering, key=lambda pair: pair[0].effective_from)
            assert (local, version.policy) == schedule.resolve(moment, field="submitted")


def _many_versions(count: int) -> list[PolicyVersion]:
    """``count`` versions two days apart, every third in force for its first day only (so
    the open-ended one before it is in force again the next day), given out of order."""
    policy = attrs.evolve(DEFAULT_POLICY, label="many")
    versions = [
        _version(
            BASE + timedelta(days=2 * index),
            policy,
            BASE + timedelta(days=2 * index) if index % 3 == 1 else None,
        )
        for index in range(count)
    ]
    return versions[1::2] + versions[::2]


class TestScheduleScale:
    """A schedule is built in O(n log n) and looks a date up in O(log n): counted by the
    number of times a version's period is checked, the only per-version work."""

    @pytest.mark.parametrize("count", [1, 10, 1_000, 20_000], ids=lambda n: f"{n}-versions")
    def test_build_and_lookups_check_each_version_a_few_times(
        self, count: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Building checks each version's period at most three times in all (a scan per
        date would check n for each of up to 2n dates), and a lookup checks none."""
        versions = _many_versions(count)
        calls = [0]
        covers = PolicyVersion.covers

        def counted(version: PolicyVersion, on: date) -> bool:
            calls[0] += 1
            return covers(version, on)

        monkeypatch.setattr(PolicyVersion, "covers", counted)
        schedule = PolicySchedule(versions)
        built = calls[0]
        last = BASE + timedelta(days=2 * (count - 1))
        moment = datetime(last.year, last.month, last.day, 12, tzinfo=ZoneInfo("America/Chicago"))
        found = (schedule.at(last), schedule.resolve(moment, field="submitted")[0])
        assert (True, built, (DEFAULT_POLICY.time_zone, last)) == (
            built <= 3 * count,
            calls[0],
            (found[0].time_zone, found[1]),
        )

    def test_many_versions_agree_with_the_definition(self) -> None:
        """Over 2,000 one-day and open-ended versions, every day's version is the
        latest-starting one covering it."""
        schedule = PolicySchedule(_many_versions(2_000))
        days = [BASE + timedelta(days=offset) for offset in range(-1, 4_001)]
        expected = [_brute_force_sorted(schedule, on) for on in days]
        assert expected == [_version_or_none(schedule, on) for on in days]


def _brute_force_sorted(schedule: PolicySchedule, on: date) -> date | None:
    """The start of the latest-starting version covering ``on``, scanning backwards."""
    for version in reversed(schedule.versions):
        if version.effective_from <= on and (
            version.effective_until is None or on <= version.effective_until
        ):
            return version.effective_from
    return None


def _version_or_none(schedule: PolicySchedule, on: date) -> date | None:
    try:
        return schedule.version_at(on).effective_from
    except PolicyNotInForce:
        return None


# --- schedules from TOML ------------------------------------------------------------------

SCHEDULE_TOML = """
[[versions]]
effective_from = 2020-01-01

[[versions]]
effective_from = 2021-09-01
label = "no filing fees"
member_filing_fee = "0.00"
guest_filing_fee = "0.00"

[[versions]]
effective_from = 2026-11-01
effective_until = 2026-12-31
label = "sale"
application_fee_per_cec = "10.00"
"""


class TestScheduleToml:
    """A schedule reads from [[versions]] tables, strictly."""

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            pytest.param(date(2021, 8, 31), ("AAST CEC program 2020", "50.00", "5.00"), id="2020"),
            pytest.param(date(2021, 9, 1), ("no filing fees", "50.00", "0.00"), id="no-filing"),
            pytest.param(date(2026, 11, 1), ("sale", "10.00", "5.00"), id="sale-keeps-book"),
            pytest.param(date(2027, 1, 1), ("no filing fees", "50.00", "0.00"), id="after-sale"),
        ],
    )
    def test_read(self, on: date, expected: tuple[str, str, str]) -> None:
        """Versions apply by date; a key left out keeps the book's value, not the previous one."""
        policy = schedule_from_toml(SCHEDULE_TOML).at(on)
        assert expected == (
            policy.label,
            str(policy.application_fee_per_cec),
            str(policy.member_filing_fee),
        )

    def test_bounded_version_read(self) -> None:
        """effective_until is read as the version's last day."""
        versions = schedule_from_toml(SCHEDULE_TOML).versions
        assert [None, None, date(2026, 12, 31)] == [v.effective_until for v in versions]

    @pytest.mark.parametrize(
        ("text", "path", "fragment"),
        [
            pytest.param("[[versions]\n", "", "not valid TOML", id="invalid-toml"),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\n"
                '[[versions]]\neffective_from = 2021-01-01\nlate_fee = "5.00"\n',
                "versions[1].late_fee",
                "unknown key; the policy keys are",
                id="unknown-key",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\napplication_fee_per_cec = 10.0\n",
                "versions[0].application_fee_per_cec",
                'got the float 10.0; write money as a string such as "10.00"',
                id="float-money",
            ),
            pytest.param(
                '[[versions]]\neffective_from = 2020-01-01\nlate_window_days = "30"\n',
                "versions[0].late_window_days",
                "expected a whole number",
                id="wrong-type",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\ncharge_per_offering = 1\n",
                "versions[0].charge_per_offering",
                "expected true or false",
                id="wrong-type-bool",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\n"
                '[[versions]]\neffective_from = 2021-01-01\ncec_increment = "0"\n',
                "versions[1].cec_increment",
                "the CEC increment must be positive",
                id="figure-check",
            ),
            pytest.param(
                '[[versions]]\neffective_from = 2020-01-01\ntime_zone = "Mars/Olympus"\n',
                "versions[0].time_zone",
                "is not an IANA time zone",
                id="bad-zone",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\n"
                "[[versions]]\neffective_from = 2020-01-01\n",
                "versions",
                "two versions start on 2020-01-01",
                id="duplicate-starts",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2026-02-01\neffective_until = 2026-01-31\n",
                "versions[0].effective_until",
                "2026-01-31 is before effective_from 2026-02-01",
                id="until-before-from",
            ),
            pytest.param("", "versions", "expected one or more [[versions]] tables", id="empty"),
            pytest.param(
                "versions = []", "versions", "expected one or more [[versions]]", id="no-tables"
            ),
            pytest.param(
                'versions = "2020"', "versions", "expected one or more", id="versions-text"
            ),
            pytest.param(
                "versions = [1]",
                "versions[0]",
                "expected a [[versions]] table, got 1",
                id="not-table",
            ),
            pytest.param(
                '[[versions]]\nlabel = "x"\n',
                "versions[0].effective_from",
                "missing; every version needs a start date",
                id="missing-from",
            ),
            pytest.param(
                '[[versions]]\neffective_from = "2020-01-01"\n',
                "versions[0].effective_from",
                "expected a date such as 2020-01-01, got '2020-01-01'",
                id="from-as-text",
            ),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\n"
                "effective_until = 2020-12-31T00:00:00\n",
                "versions[0].effective_until",
                "expected a date",
                id="until-as-datetime",
            ),
            pytest.param(
                'label = "x"\n[[versions]]\neffective_from = 2020-01-01\n',
                "label",
                "unknown key; a schedule file holds only [[versions]] tables",
                id="top-level-key",
            ),
        ],
    )
    def test_refused(self, text: str, path: str, fragment: str) -> None:
        """Each mistake is an InvalidPolicy whose path names the key."""
        with pytest.raises(InvalidPolicy) as caught:
            schedule_from_toml(text)
        assert path == caught.value.path
        assert fragment in caught.value.reason

    def test_not_text_refused(self) -> None:
        """A non-str argument is refused."""
        with pytest.raises(InvalidPolicy, match="expected TOML text as str, got NoneType"):
            schedule_from_toml(None)  # type: ignore[arg-type]


class TestFloatRefusal:
    """A float where money is expected is a TypeError as well as an InvalidPolicy."""

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            pytest.param("application_fee_per_cec = 10.5", "application_fee_per_cec", id="flat"),
            pytest.param(
                "[[versions]]\neffective_from = 2020-01-01\nguest_filing_fee = 1.5",
                "versions[0].guest_filing_fee",
                id="schedule",
            ),
        ],
    )
    def test_float_is_type_error_naming_the_key(self, text: str, path: str) -> None:
        """`money-decimal`: the float is refused, never rounded, and the key path is named."""
        loader = schedule_from_toml if "versions" in text else policy_from_toml
        with pytest.raises(TypeError) as caught:
            loader(text)
        assert isinstance(caught.value, PolicyFloat)
        assert isinstance(caught.value, InvalidPolicy)
        assert path == caught.value.path

    def test_constructor_float_is_type_error(self) -> None:
        """Policy(...) with a float amount raises PolicyFloat, a TypeError."""
        with pytest.raises(PolicyFloat, match=r"got the float 50\.0"):
            Policy(application_fee_per_cec=50.0)  # type: ignore[arg-type]
