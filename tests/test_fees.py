"""Tests for cec_rules.fees: assessing an application's fees."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pandas
import pytest
from hypothesis import given, strategies as st

from cec_rules.deadlines import OfferingTiming
from cec_rules.errors import InvalidCredits, PolicyNotInForce
from cec_rules.examples import example_applications
from cec_rules.fees import (
    ApplicationAssessment,
    AssessmentStatus,
    FeeKind,
    FeeLine,
    assess_application,
    calendar_listing_shown,
    total_of,
)
from cec_rules.money import ZERO
from cec_rules.policy import DEFAULT_POLICY, Policy, PolicyVersion, default_schedule
from cec_rules.program import Application, Offering, Program
from helpers import VIEW_TAGS, dtype_name, read_view

UTC = timezone.utc
MAY_1 = date(2026, 5, 1)
MARCH_1 = date(2026, 3, 1)


def _application(
    *starts: date,
    cecs: str = "2",
    submitted: date | datetime = MAY_1,
    calendar_listing: bool = False,
) -> Application:
    return Application(
        program=Program(title="Scoring sleep studies", cecs=cecs),
        offerings=[Offering(start) for start in starts],
        submitted=submitted,
        calendar_listing=calendar_listing,
        reference="APP-1",
    )


def _in_days(days: int, since: date = MAY_1) -> date:
    return since + timedelta(days=days)


LATE_EXPLANATION = (
    "Late: the offering starts 10 day(s) after submission (30 or fewer); application fee "
    "$50.00 x 2 CEC = $100.00; late surcharge $25.00 x 2 CEC = $50.00."
)
ON_TIME_EXPLANATION = (
    "On time: the offering starts 61 day(s) after submission (more than 30); "
    "application fee $50.00 x 2 CEC = $100.00."
)


@pytest.fixture
def late_and_on_time() -> ApplicationAssessment:
    """One late and one on-time offering of a 2-CEC program under the default policy."""
    application = Application(
        program=Program(title="Scoring", cecs="2"),
        offerings=[Offering(date(2026, 5, 11)), Offering(date(2026, 7, 1))],
        submitted=date(2026, 5, 1),
        reference="APP-7",
    )
    return assess_application(application)


def _summary(assessment: ApplicationAssessment) -> tuple[str, str, list[str]]:
    """The status, the total as JSON text, and each offering's timing."""
    return (
        assessment.status.value,
        str(assessment.total),
        [o.timing.value for o in assessment.offerings],
    )


class TestFeeKind:
    """Each fee kind names its rule and reads well in a sentence."""

    @pytest.mark.parametrize(
        ("kind", "rule", "title"),
        [
            pytest.param(
                FeeKind.APPLICATION_FEE, "application-fee", "application fee", id="application"
            ),
            pytest.param(
                FeeKind.LATE_SURCHARGE, "late-surcharge", "late surcharge", id="late-surcharge"
            ),
            pytest.param(
                FeeKind.MEMBER_FILING_FEE, "filing-fee", "member filing fee", id="member-filing"
            ),
            pytest.param(
                FeeKind.GUEST_FILING_FEE, "filing-fee", "guest filing fee", id="guest-filing"
            ),
        ],
    )
    def test_rule_and_title(self, kind: FeeKind, rule: str, title: str) -> None:
        """The rule id and the title of each kind."""
        assert (rule, title) == (kind.rule, kind.title)


class TestFeeLine:
    """A fee line is unit price x quantity, rounded once to cents."""

    def test_charge(self) -> None:
        """charge() multiplies and rounds with the policy's mode."""
        line = FeeLine.charge(
            FeeKind.LATE_SURCHARGE, Decimal("25.00"), Decimal("2"), DEFAULT_POLICY
        )
        expected = (
            FeeKind.LATE_SURCHARGE,
            Decimal("2"),
            Decimal("25.00"),
            "50.00",
            "late-surcharge",
        )
        assert expected == (line.kind, line.quantity, line.unit_price, str(line.amount), line.rule)

    def test_explanation(self) -> None:
        """The line reads as 'late surcharge $25.00 x 2 CEC = $50.00'."""
        line = FeeLine.charge(
            FeeKind.LATE_SURCHARGE, Decimal("25.00"), Decimal("2"), DEFAULT_POLICY
        )
        expected = "late surcharge $25.00 x 2 CEC = $50.00"
        assert expected == line.explanation

    def test_filing_units(self) -> None:
        """Filing fee lines count members and guests, not CECs."""
        member = FeeLine.charge(
            FeeKind.MEMBER_FILING_FEE, Decimal("5"), Decimal("3"), DEFAULT_POLICY
        )
        guest = FeeLine.charge(
            FeeKind.GUEST_FILING_FEE, Decimal("10"), Decimal("1"), DEFAULT_POLICY
        )
        expected = (
            "member filing fee $5.00 x 3 member = $15.00",
            "guest filing fee $10.00 x 1 guest = $10.00",
        )
        assert expected == (member.explanation, guest.explanation)

    def test_to_dict(self) -> None:
        """to_dict gives amounts as strings with cents."""
        line = FeeLine.charge(
            FeeKind.APPLICATION_FEE, Decimal("33.333"), Decimal("0.25"), DEFAULT_POLICY
        )
        expected = {
            "kind": "application-fee",
            "rule": "application-fee",
            "quantity": "0.25",
            "unit": "CEC",
            "unit_price": "33.333",
            "amount": "8.33",
            "explanation": "application fee $33.333 x 0.25 CEC = $8.33",
        }
        assert expected == json.loads(json.dumps(line.to_dict()))

    def test_total_of(self) -> None:
        """total_of sums the amounts; an empty sum is 0.00."""
        line = FeeLine.charge(
            FeeKind.APPLICATION_FEE, Decimal("50"), Decimal("1.25"), DEFAULT_POLICY
        )
        expected = ("125.00", "0.00")
        assert expected == (str(total_of([line, line])), str(total_of([])))


class TestLateBoundaries:
    """0-30 days before the start is late, 31 on time, before submission past."""

    @pytest.mark.parametrize(
        ("days", "status", "timing", "total", "kinds"),
        [
            pytest.param(-1, "refused", "past", "0.00", (), id="-1-past"),
            pytest.param(
                0,
                "assessed",
                "late",
                "150.00",
                (FeeKind.APPLICATION_FEE, FeeKind.LATE_SURCHARGE),
                id="0-late-not-past",
            ),
            pytest.param(
                29,
                "assessed",
                "late",
                "150.00",
                (FeeKind.APPLICATION_FEE, FeeKind.LATE_SURCHARGE),
                id="29-late",
            ),
            pytest.param(
                30,
                "assessed",
                "late",
                "150.00",
                (FeeKind.APPLICATION_FEE, FeeKind.LATE_SURCHARGE),
                id="30-late",
            ),
            pytest.param(
                31, "assessed", "on-time", "100.00", (FeeKind.APPLICATION_FEE,), id="31-on-time"
            ),
        ],
    )
    def test_boundaries(
        self, days: int, status: str, timing: str, total: str, kinds: tuple[FeeKind, ...]
    ) -> None:
        """2 CECs: $100.00 on time, $150.00 late, nothing when past."""
        assessment = assess_application(_application(_in_days(days)))
        offering = assessment.offerings[0]
        expected = (status, total, [timing], days, kinds)
        actual = (
            *_summary(assessment),
            offering.days_before_start,
            tuple(line.kind for line in offering.lines),
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("submitted", "start", "timing", "total"),
        [
            pytest.param(
                date(2024, 2, 28), date(2024, 3, 30), "on-time", "100.00", id="leap-2024-31-days"
            ),
            pytest.param(
                date(2023, 2, 28), date(2023, 3, 30), "late", "150.00", id="common-2023-30-days"
            ),
            pytest.param(
                date(2024, 2, 29), date(2024, 3, 31), "on-time", "100.00", id="from-leap-day-31"
            ),
        ],
    )
    def test_leap_years(self, submitted: date, start: date, timing: str, total: str) -> None:
        """The leap day counts as a calendar day."""
        assessment = assess_application(_application(start, submitted=submitted))
        assert ("assessed", total, [timing]) == _summary(assessment)


class TestSubmissionMoment:
    """A submitted datetime is dated in Chicago before days are counted (`submission-date`)."""

    @pytest.mark.parametrize(
        ("submitted", "start", "submission_date", "timing", "total"),
        [
            pytest.param(
                datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
                date(2026, 4, 1),
                date(2026, 3, 2),
                "late",
                "75.00",
                id="los-angeles-2330-is-2-march-so-30-days",
            ),
            pytest.param(
                datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
                date(2026, 4, 1),
                date(2026, 3, 1),
                "on-time",
                "50.00",
                id="tokyo-morning-is-1-march-so-31-days",
            ),
            pytest.param(
                datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
                date(2026, 4, 1),
                date(2026, 3, 1),
                "on-time",
                "50.00",
                id="utc-0300-is-1-march",
            ),
            pytest.param(
                datetime(2026, 3, 9, 4, 30, tzinfo=UTC),
                date(2026, 4, 8),
                date(2026, 3, 8),
                "on-time",
                "50.00",
                id="dst-starts-2330-chicago-as-utc",
            ),
            pytest.param(
                datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
                date(2026, 4, 7),
                date(2026, 3, 8),
                "late",
                "75.00",
                id="dst-starts-0030-chicago-as-utc",
            ),
            pytest.param(
                datetime(2026, 11, 2, 5, 30, tzinfo=UTC),
                date(2026, 12, 2),
                date(2026, 11, 1),
                "on-time",
                "50.00",
                id="dst-ends-2330-chicago-as-utc",
            ),
            pytest.param(
                datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
                date(2026, 12, 1),
                date(2026, 11, 1),
                "late",
                "75.00",
                id="dst-ends-0030-chicago-as-utc",
            ),
            pytest.param(
                datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ZoneInfo("America/Chicago")),
                date(2026, 12, 1),
                date(2026, 11, 1),
                "late",
                "75.00",
                id="dst-ends-repeated-0130-chicago",
            ),
        ],
    )
    def test_zones_and_dst(
        self,
        submitted: datetime,
        start: date,
        submission_date: date,
        timing: str,
        total: str,
    ) -> None:
        """Late evening elsewhere and DST nights in Chicago give the Chicago date (1 CEC)."""
        assessment = assess_application(_application(start, cecs="1", submitted=submitted))
        expected = (submission_date, ("assessed", total, [timing]))
        assert expected == (assessment.submission_date, _summary(assessment))

    def test_policy_zone_knob(self) -> None:
        """A policy in Tokyo dates the same moment a day later, making it late."""
        moment = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
        tokyo = attrs.evolve(DEFAULT_POLICY, time_zone="Asia/Tokyo")
        application = _application(date(2026, 4, 1), cecs="1", submitted=moment)
        expected = (("assessed", "50.00", ["on-time"]), ("assessed", "75.00", ["late"]))
        actual = (
            _summary(assess_application(application)),
            _summary(assess_application(application, tokyo)),
        )
        assert expected == actual


class TestPastOfferings:
    """Past offerings are listed, not charged; all past refuses the application."""

    def test_past_and_future(self) -> None:
        """A past offering is listed with its reason; the future ones are charged."""
        application = _application(
            date(2026, 2, 20), date(2026, 3, 20), date(2026, 4, 17), cecs="1.25", submitted=MARCH_1
        )
        assessment = assess_application(application)
        expected = (
            ("assessed", "156.25", ["past", "late", "on-time"]),
            [False, True, True],
            ["0.00", "93.75", "62.50"],
            (assessment.offerings[0],),
        )
        actual = (
            _summary(assessment),
            [o.charged for o in assessment.offerings],
            [str(o.total) for o in assessment.offerings],
            assessment.past,
        )
        assert expected == actual

    def test_past_explanation(self) -> None:
        """The past offering's sentence gives the days and the rule."""
        application = _application(date(2026, 2, 20), date(2026, 3, 20), submitted=MARCH_1)
        expected = (
            "Past: the offering started on 2026-02-20, 9 day(s) before submission; "
            "it is not reviewed and not charged (past-program)."
        )
        assert expected == assess_application(application).offerings[0].explanation

    def test_all_past_refused(self) -> None:
        """Every offering past: REFUSED, total 0.00, refund 0.00, with the reason."""
        application = _application(date(2026, 1, 10), date(2026, 2, 1), submitted=date(2026, 2, 2))
        assessment = assess_application(application)
        expected = (
            AssessmentStatus.REFUSED,
            ("refused", "0.00", ["past", "past"]),
            "0.00",
            "Refused: all 2 offering(s) started before the submission date 2026-02-02; "
            "nothing is due (past-program).",
            (
                "past-program",
                "submission-date",
                "calendar-days",
                "non-refundable",
                "policy-version",
            ),
        )
        actual = (
            assessment.status,
            _summary(assessment),
            str(assessment.refund),
            assessment.explanation.splitlines()[0],
            assessment.rules,
        )
        assert expected == actual


class TestRefund:
    """Application fees are never refunded (`non-refundable`)."""

    @pytest.mark.parametrize(
        "days",
        [
            pytest.param(-5, id="refused"),
            pytest.param(10, id="late"),
            pytest.param(60, id="on-time"),
        ],
    )
    def test_refund_is_zero(self, days: int) -> None:
        """The refund is 0.00 whatever the outcome, and says so in the rules."""
        assessment = assess_application(_application(_in_days(days)))
        expected = ("0.00", True)
        assert expected == (str(assessment.refund), "non-refundable" in assessment.rules)


class TestChargingKnob:
    """Offerings are charged one by one, or once per application (`offering-count`)."""

    def test_each_offering_charged_by_default(self) -> None:
        """A repeated date is a new offering and is charged again."""
        assessment = assess_application(_application(_in_days(40), _in_days(40)))
        expected = ("assessed", "200.00", ["on-time", "on-time"])
        assert expected == _summary(assessment)

    def test_each_late_offering_charged(self) -> None:
        """Two late offerings each carry the fee and the surcharge."""
        assessment = assess_application(_application(_in_days(5), _in_days(12)))
        expected = (("assessed", "300.00", ["late", "late"]), [2, 2])
        assert expected == (_summary(assessment), [len(o.lines) for o in assessment.offerings])

    def test_once_per_application(self) -> None:
        """charge_per_offering=False charges only the earliest reviewed offering."""
        once = attrs.evolve(DEFAULT_POLICY, charge_per_offering=False)
        application = _application(
            date(2026, 4, 17), date(2026, 3, 20), date(2026, 2, 20), cecs="1.25", submitted=MARCH_1
        )
        assessment = assess_application(application, once)
        expected = (
            ("assessed", "93.75", ["on-time", "late", "past"]),
            [False, True, False],
            "On time: the offering starts 47 day(s) after submission (more than 30); "
            "covered by the single charge of this application (offering-count).",
        )
        actual = (
            _summary(assessment),
            [o.charged for o in assessment.offerings],
            assessment.offerings[0].explanation,
        )
        assert expected == actual

    def test_once_per_application_tie(self) -> None:
        """Of two offerings on the earliest date, the first listed is charged."""
        once = attrs.evolve(DEFAULT_POLICY, charge_per_offering=False)
        assessment = assess_application(_application(_in_days(40), _in_days(40)), once)
        expected = ([True, False], "100.00")
        assert expected == ([o.charged for o in assessment.offerings], str(assessment.total))

    def test_once_per_application_all_past(self) -> None:
        """With every offering past, nothing is charged under the knob either."""
        once = attrs.evolve(DEFAULT_POLICY, charge_per_offering=False)
        assessment = assess_application(_application(_in_days(-3), _in_days(-1)), once)
        expected = (("refused", "0.00", ["past", "past"]), [False, False])
        assert expected == (_summary(assessment), [o.charged for o in assessment.offerings])


class TestRounding:
    """Lines are rounded once, half up by default; totals are sums of rounded lines."""

    def test_sub_cent_rate(self) -> None:
        """33.333 x 0.25 = 8.33325 rounds to 8.33, and the sentence shows the exact rate."""
        policy = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal("33.333"))
        assessment = assess_application(_application(_in_days(60), cecs="0.25"), policy)
        expected = ("8.33", "application fee $33.333 x 0.25 CEC = $8.33")
        actual = (str(assessment.total), assessment.offerings[0].lines[0].explanation)
        assert expected == actual

    def test_rounded_once(self) -> None:
        """10.125 x 2 is 20.25, not 10.13 x 2 = 20.26: the rate is not rounded first."""
        policy = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal("10.125"))
        assessment = assess_application(_application(_in_days(60)), policy)
        expected = "20.25"
        assert expected == str(assessment.total)

    @pytest.mark.parametrize(
        ("rounding", "total"),
        [
            pytest.param("ROUND_HALF_UP", "5.01", id="half-up"),
            pytest.param("ROUND_HALF_EVEN", "5.00", id="half-even"),
        ],
    )
    def test_rounding_knob(self, rounding: str, total: str) -> None:
        """10.01 x 0.5 = 5.005: half up gives 5.01, half even 5.00."""
        policy = attrs.evolve(
            DEFAULT_POLICY, application_fee_per_cec=Decimal("10.01"), rounding=rounding
        )
        assessment = assess_application(_application(_in_days(60), cecs="0.5"), policy)
        assert total == str(assessment.total)

    def test_total_is_sum_of_rounded_lines(self) -> None:
        """Three lines of 8.33 total 24.99, not the rounded exact 25.00."""
        policy = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal("33.333"))
        application = _application(_in_days(40), _in_days(50), _in_days(60), cecs="0.25")
        expected = "24.99"
        assert expected == str(assess_application(application, policy).total)


class TestCreditChecks:
    """CECs are checked against the policy in force (`cec-amount`)."""

    @pytest.mark.parametrize(
        ("cecs", "total"),
        [
            pytest.param("0.25", "12.50", id="smallest"),
            pytest.param("99.75", "4987.50", id="99.75"),
            pytest.param("100", "5000.00", id="maximum"),
        ],
    )
    def test_accepted(self, cecs: str, total: str) -> None:
        """Multiples of 0.25 up to 100 are charged at $50.00 each."""
        assessment = assess_application(_application(_in_days(60), cecs=cecs))
        assert total == str(assessment.total)

    @pytest.mark.parametrize(
        ("cecs", "policy", "fragment"),
        [
            pytest.param("0.3", DEFAULT_POLICY, "steps of 0.25", id="not-a-quarter"),
            pytest.param("100.25", DEFAULT_POLICY, "at most 100 CECs", id="over-100"),
            pytest.param(
                "0.25",
                Policy(cec_increment="0.5"),  # type: ignore[arg-type]
                "steps of 0.5",
                id="increment-knob",
            ),
            pytest.param(
                "10.25",
                Policy(cec_maximum="10"),  # type: ignore[arg-type]
                "at most 10 CECs",
                id="maximum-knob",
            ),
        ],
    )
    def test_refused(self, cecs: str, policy: Policy, fragment: str) -> None:
        """Off-step or over-maximum CECs are InvalidCredits naming the value."""
        with pytest.raises(InvalidCredits) as caught:
            assess_application(_application(_in_days(60), cecs=cecs), policy)
        expected = (Decimal(cecs), True)
        assert expected == (caught.value.value, fragment in str(caught.value))

    def test_each_offering_carries_the_cecs(self, late_and_on_time: ApplicationAssessment) -> None:
        """Each offering's assessment carries the program's CECs: both carry 2."""
        assert [Decimal("2"), Decimal("2")] == [o.cecs for o in late_and_on_time.offerings]


class TestPolicyVersions:
    """The policy in force on the submission date sets the figures (`policy-version`)."""

    @pytest.mark.parametrize(
        ("submitted", "total", "label"),
        [
            pytest.param(date(2026, 10, 31), "100.00", "AAST CEC program 2020", id="before-sale"),
            pytest.param(date(2026, 11, 1), "20.00", "sale", id="sale-first-day"),
            pytest.param(date(2026, 12, 31), "20.00", "sale", id="sale-last-day"),
            pytest.param(date(2027, 1, 1), "100.00", "AAST CEC program 2020", id="after-sale"),
        ],
    )
    def test_promotion(self, submitted: date, total: str, label: str) -> None:
        """A "$10 per CEC" sale through December 31 applies by submission date (`promotion`)."""
        sale = attrs.evolve(DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal("10"))
        schedule = default_schedule().with_version(
            PolicyVersion(
                effective_from=date(2026, 11, 1), effective_until=date(2026, 12, 31), policy=sale
            )
        )
        assessment = assess_application(
            _application(date(2027, 6, 1), submitted=submitted), schedule
        )
        expected = (total, label, label)
        actual = (str(assessment.total), assessment.policy.label, assessment.to_dict()["policy"])
        assert expected == actual

    def test_before_the_program(self) -> None:
        """Submitted before 2020-01-01, no policy is in force."""
        with pytest.raises(PolicyNotInForce) as caught:
            assess_application(_application(date(2020, 3, 1), submitted=date(2019, 12, 31)))
        assert date(2019, 12, 31) == caught.value.on


class TestExplanations:
    """Every result carries rule ids and sentences a person can read."""

    def test_late_sentence(self) -> None:
        """The late offering's sentence names the days, the window and both lines."""
        assessment = assess_application(_application(date(2026, 3, 13), submitted=MARCH_1))
        expected = (
            "Late: the offering starts 12 day(s) after submission (30 or fewer); "
            "application fee $50.00 x 2 CEC = $100.00; late surcharge $25.00 x 2 CEC = $50.00."
        )
        assert expected == assessment.offerings[0].explanation

    def test_on_time_sentence_and_rules(self) -> None:
        """An on-time offering cites no late surcharge."""
        offering = assess_application(_application(_in_days(31))).offerings[0]
        expected = (
            "On time: the offering starts 31 day(s) after submission (more than 30); "
            "application fee $50.00 x 2 CEC = $100.00.",
            (
                "offering-count",
                "application-fee",
                "submission-date",
                "calendar-days",
                "money-rounding",
            ),
        )
        assert expected == (offering.explanation, offering.rules)

    def test_application_sentence_and_rules(self) -> None:
        """The application's explanation opens with the outcome, then one line per offering."""
        application = _application(date(2026, 3, 13), submitted=MARCH_1, calendar_listing=True)
        assessment = assess_application(application)
        expected_text = (
            "1 of 1 offering(s) reviewed; due $150.00 under 'AAST CEC program 2020', submitted "
            "2026-03-01. Fees are not refunded (non-refundable). Calendar listing requested: "
            "shown at no cost once the program is approved, for offerings not yet past "
            "(calendar-listing).\n"
            "  2026-03-13: Late: the offering starts 12 day(s) after submission (30 or fewer); "
            "application fee $50.00 x 2 CEC = $100.00; late surcharge $25.00 x 2 CEC = $50.00."
        )
        expected_rules = (
            "offering-count",
            "application-fee",
            "late-surcharge",
            "submission-date",
            "calendar-days",
            "money-rounding",
            "non-refundable",
            "calendar-listing",
            "policy-version",
        )
        assert (expected_text, expected_rules) == (assessment.explanation, assessment.rules)

    def test_to_dict(self) -> None:
        """to_dict is JSON-ready, with amounts as strings such as "50.00"."""
        application = _application(date(2026, 3, 13), cecs="1", submitted=MARCH_1)
        data = json.loads(json.dumps(assess_application(application).to_dict()))
        offering = data["offerings"][0]
        expected = {
            "reference": "APP-1",
            "submission_date": "2026-03-01",
            "policy": "AAST CEC program 2020",
            "status": "assessed",
            "application_fee": "50.00",
            "late_surcharge": "25.00",
            "total": "75.00",
            "refund": "0.00",
            "calendar_listing": False,
            "offering": {"start": "2026-03-13", "end": "2026-03-13"},
            "timing": "late",
            "days_before_start": 12,
            "charged": True,
            "offering_total": "75.00",
            "line_amounts": ["50.00", "25.00"],
            "line_prices": ["50.00", "25.00"],
        }
        actual = {
            **{key: data[key] for key in expected if key in data},
            "offering": offering["offering"],
            "timing": offering["timing"],
            "days_before_start": offering["days_before_start"],
            "charged": offering["charged"],
            "offering_total": offering["total"],
            "line_amounts": [line["amount"] for line in offering["lines"]],
            "line_prices": [line["unit_price"] for line in offering["lines"]],
        }
        assert expected == actual

    def test_to_dict_program_and_rules(self) -> None:
        """to_dict carries the program, the rules and the explanation."""
        assessment = assess_application(_application(_in_days(60)))
        data = assessment.to_dict()
        expected = (
            assessment.application.program.to_dict(),
            list(assessment.rules),
            assessment.explanation,
            list(assessment.offerings[0].rules),
        )
        actual = (
            data["program"],
            data["rules"],
            data["explanation"],
            data["offerings"][0]["rules"],
        )
        assert expected == actual

    def test_offering_to_dict_explanation(self, late_and_on_time: ApplicationAssessment) -> None:
        """An offering's explanation is under "explanation" in its JSON form."""
        data = late_and_on_time.offerings[0].to_dict()
        assert LATE_EXPLANATION == data["explanation"]

    def test_offering_to_dict_keys(self, late_and_on_time: ApplicationAssessment) -> None:
        """An offering's JSON form has exactly these keys, in this order."""
        expected = [
            "offering",
            "timing",
            "days_before_start",
            "charged",
            "lines",
            "total",
            "rules",
            "explanation",
        ]
        assert expected == list(late_and_on_time.offerings[0].to_dict())


class TestCalendarListing:
    """The listing shows only when opted in, approved and not past (`calendar-listing`)."""

    @pytest.mark.parametrize(
        ("listing", "approved", "on", "expected"),
        [
            pytest.param(True, True, date(2026, 3, 20), True, id="shown-until-the-last-day"),
            pytest.param(True, True, date(2026, 3, 21), False, id="gone-after-the-end"),
            pytest.param(True, False, date(2026, 3, 10), False, id="not-approved"),
            pytest.param(False, True, date(2026, 3, 10), False, id="not-opted-in"),
        ],
    )
    def test_shown(self, listing: bool, approved: bool, on: date, expected: bool) -> None:
        """Opted in, approved and an offering not yet ended: shown."""
        application = _application(
            date(2026, 2, 20), date(2026, 3, 20), submitted=MARCH_1, calendar_listing=listing
        )
        assessment = assess_application(application)
        assert expected == calendar_listing_shown(assessment, approved=approved, on=on)

    def test_past_offerings_never_shown(self) -> None:
        """An application whose offerings are all past is not listed."""
        application = _application(date(2026, 2, 20), submitted=MARCH_1, calendar_listing=True)
        assessment = assess_application(application)
        assert False is calendar_listing_shown(assessment, approved=True, on=date(2026, 2, 1))

    def test_costs_nothing(self) -> None:
        """Opting in does not change the total."""
        with_listing = assess_application(_application(_in_days(40), calendar_listing=True))
        without = assess_application(_application(_in_days(40)))
        assert (with_listing.total, "100.00") == (without.total, str(without.total))


# --- properties -----------------------------------------------------------------------------

BASE = date(2020, 1, 1)


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """Policies with rates to a tenth of a cent, any late window, rounding and charging."""
    return Policy(
        application_fee_per_cec=Decimal(draw(st.integers(0, 10**6))) / 1000,
        late_surcharge_per_cec=Decimal(draw(st.integers(0, 10**6))) / 1000,
        late_window_days=draw(st.integers(0, 60)),
        rounding=draw(
            st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP"])
        ),
        charge_per_offering=draw(st.booleans()),
    )


cec_counts = st.integers(min_value=1, max_value=400).map(lambda q: Decimal(q) * Decimal("0.25"))


@st.composite
def applications(draw: st.DrawFn) -> Application:
    """Applications of 1-5 offerings starting from 60 days before to 120 days after submission."""
    submitted = BASE + timedelta(days=draw(st.integers(0, 3000)))
    offerings = [
        Offering(start, start + timedelta(days=draw(st.integers(0, 5))))
        for start in (
            submitted + timedelta(days=d)
            for d in draw(st.lists(st.integers(-60, 120), min_size=1, max_size=5))
        )
    ]
    return Application(
        program=Program(title="Generated", cecs=draw(cec_counts)),
        offerings=offerings,
        submitted=submitted,
        calendar_listing=draw(st.booleans()),
    )


def _cents(amount: Decimal) -> bool:
    return amount.as_tuple().exponent == -2


class TestFeeProperties:
    """Laws every assessment obeys."""

    @given(application=applications(), policy=policies())
    def test_never_negative(self, application: Application, policy: Policy) -> None:
        """No line, offering total, application total or refund is negative."""
        assessment = assess_application(application, policy)
        amounts = [line.amount for line in assessment.lines]
        amounts += [o.total for o in assessment.offerings]
        amounts += [assessment.total, assessment.refund]
        expected: list[Decimal] = []
        assert expected == [a for a in amounts if a < 0 or a.is_signed()]

    @given(application=applications(), policy=policies())
    def test_one_timing_per_offering(self, application: Application, policy: Policy) -> None:
        """Each offering, in order, gets exactly the timing its day count gives."""
        assessment = assess_application(application, policy)
        expected = []
        for offering in application.offerings:
            days = (offering.start - application.submitted).days
            if days < 0:
                timing = OfferingTiming.PAST
            elif days <= policy.late_window_days:
                timing = OfferingTiming.LATE
            else:
                timing = OfferingTiming.ON_TIME
            expected.append((offering, days, timing))
        actual = [(o.offering, o.days_before_start, o.timing) for o in assessment.offerings]
        assert (len(application.offerings), expected) == (len(assessment.offerings), actual)

    @given(application=applications(), policy=policies())
    def test_totals_are_sums_of_lines(self, application: Application, policy: Policy) -> None:
        """The total is the sum of every line, of the offering totals, and of the kinds."""
        assessment = assess_application(application, policy)
        by_line = sum((line.amount for o in assessment.offerings for line in o.lines), ZERO)
        by_offering = sum((o.total for o in assessment.offerings), ZERO)
        by_kind = assessment.total_for(FeeKind.APPLICATION_FEE) + assessment.total_for(
            FeeKind.LATE_SURCHARGE
        )
        expected = (by_line, by_line, by_line, True, str(by_line))
        actual = (
            assessment.total,
            by_offering,
            by_kind,
            all(_cents(line.amount) for line in assessment.lines),
            assessment.to_dict()["total"],
        )
        assert expected == actual

    @given(application=applications(), policy=policies())
    def test_charging(self, application: Application, policy: Policy) -> None:
        """Per offering: every reviewed offering is charged; per application: the earliest."""
        assessment = assess_application(application, policy)
        reviewed = [
            i for i, o in enumerate(assessment.offerings) if o.timing is not OfferingTiming.PAST
        ]
        if policy.charge_per_offering:
            expected = reviewed
        else:
            starts = [application.offerings[i].start for i in reviewed]
            expected = [reviewed[starts.index(min(starts))]] if reviewed else []
        charged = [i for i, o in enumerate(assessment.offerings) if o.charged]
        with_lines = [i for i, o in enumerate(assessment.offerings) if o.lines]
        assert (expected, expected) == (charged, with_lines)

    @given(application=applications(), policy=policies())
    def test_refused_iff_all_past(self, application: Application, policy: Policy) -> None:
        """REFUSED exactly when every offering is past, and then nothing is due."""
        assessment = assess_application(application, policy)
        all_past = all(o.start < application.submitted for o in application.offerings)
        status = AssessmentStatus.REFUSED if all_past else AssessmentStatus.ASSESSED
        expected = (status, True)
        assert expected == (assessment.status, not all_past or assessment.total == 0)

    @given(application=applications(), policy=policies(), more=cec_counts, fewer=cec_counts)
    def test_more_cecs_never_cost_less(
        self, application: Application, policy: Policy, more: Decimal, fewer: Decimal
    ) -> None:
        """With the same dates and policy, more CECs never cost less."""
        fewer, more = min(fewer, more), max(fewer, more)

        def total(cecs: Decimal) -> Decimal:
            program = attrs.evolve(application.program, cecs=cecs)
            return assess_application(attrs.evolve(application, program=program), policy).total

        assert total(fewer) <= total(more)

    @given(
        policy=policies(),
        cecs=cec_counts,
        start=st.integers(0, 3000),
        length=st.integers(0, 5),
        late_days=st.integers(0, 60),
        extra_days=st.integers(1, 400),
    )
    def test_late_never_costs_less(
        self,
        policy: Policy,
        cecs: Decimal,
        start: int,
        length: int,
        late_days: int,
        extra_days: int,
    ) -> None:
        """The same offering costs at least as much submitted late as submitted on time."""
        late_days = min(late_days, policy.late_window_days)
        first = BASE + timedelta(days=start + 500)
        offering = Offering(first, first + timedelta(days=length))

        def assessed(days_before: int) -> ApplicationAssessment:
            application = Application(
                program=Program(title="Generated", cecs=cecs),
                offerings=[offering],
                submitted=first - timedelta(days=days_before),
            )
            return assess_application(application, policy)

        late = assessed(late_days)
        on_time = assessed(policy.late_window_days + extra_days)
        expected = (OfferingTiming.LATE, OfferingTiming.ON_TIME, True)
        actual = (
            late.offerings[0].timing,
            on_time.offerings[0].timing,
            late.total >= on_time.total,
        )
        assert expected == actual


class TestNotebookViews:
    """Assessments render for reading in notebooks and load into typed DataFrames."""

    def test_rows_split_fee_and_surcharge_per_offering(self) -> None:
        """to_rows gives one flat dict per offering with its fee parts as Decimal."""
        assessment = assess_application(example_applications()[2])
        rows = assessment.to_rows()
        expected = [
            ("past", Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
            ("late", Decimal("62.50"), Decimal("31.25"), Decimal("93.75")),
            ("on-time", Decimal("62.50"), Decimal("0.00"), Decimal("62.50")),
        ]
        actual = [
            (r["timing"], r["application_fee"], r["late_surcharge"], r["total"]) for r in rows
        ]
        assert expected == actual

    def test_to_frame_columns_are_typed(self) -> None:
        """Dates are datetime64, the timing a categorical of every timing, money Decimal,
        the flag a bool and the days an integer; one column per key of to_rows."""
        assessment = assess_application(example_applications()[2])
        frame = assessment.to_frame()
        expected = {
            "reference": "str",
            "start": "datetime64",
            "end": "datetime64",
            "days_before_start": "int64",
            "timing": "category",
            "charged": "bool",
            "application_fee": "object",
            "late_surcharge": "object",
            "total": "object",
            "explanation": "str",
        }
        assert expected == {name: dtype_name(dtype) for name, dtype in frame.dtypes.items()}
        assert list(assessment.to_rows()[0]) == list(frame.columns)
        assert ["on-time", "late", "past"] == list(frame["timing"].cat.categories)
        assert {Decimal} == {type(v) for v in frame["total"]}
        assert pandas.Timestamp(2026, 3, 20) == frame.loc[1, "start"]

    def test_to_frame_money_sums_to_the_total_exactly(self) -> None:
        """The sum of each money column is the assessment's figure, to the cent."""
        assessment = assess_application(example_applications()[2])
        frame = assessment.to_frame()
        expected = (
            assessment.total,
            assessment.total_for(FeeKind.APPLICATION_FEE),
            assessment.total_for(FeeKind.LATE_SURCHARGE),
        )
        actual = tuple(frame[c].sum() for c in ("total", "application_fee", "late_surcharge"))
        assert expected == actual
        assert (Decimal("156.25"), Decimal) == (actual[0], type(actual[0]))

    def test_to_frame_adds_cents_exactly(self) -> None:
        """Thirty offerings of $8.33 (0.25 CEC at $33.33, rounded once) add up to the total
        exactly, where floats would not."""
        policy = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal("33.33"))
        starts = [_in_days(40 + i) for i in range(30)]
        assessment = assess_application(_application(*starts, cecs="0.25"), policy)
        assert assessment.total == assessment.to_frame()["total"].sum()
        assert 249.9 != sum(float(line.amount) for line in assessment.lines)

    def test_to_rows_every_key(self, late_and_on_time: ApplicationAssessment) -> None:
        """One flat row per offering, every key and value, the reference on each."""
        expected: list[dict[str, Any]] = [
            {
                "reference": "APP-7",
                "start": date(2026, 5, 11),
                "end": date(2026, 5, 11),
                "days_before_start": 10,
                "timing": "late",
                "charged": True,
                "application_fee": Decimal("100.00"),
                "late_surcharge": Decimal("50.00"),
                "total": Decimal("150.00"),
                "explanation": LATE_EXPLANATION,
            },
            {
                "reference": "APP-7",
                "start": date(2026, 7, 1),
                "end": date(2026, 7, 1),
                "days_before_start": 61,
                "timing": "on-time",
                "charged": True,
                "application_fee": Decimal("100.00"),
                "late_surcharge": Decimal("0.00"),
                "total": Decimal("100.00"),
                "explanation": ON_TIME_EXPLANATION,
            },
        ]
        assert expected == late_and_on_time.to_rows()

    def test_html_shows_the_fee_split_and_the_reasons(
        self, late_and_on_time: ApplicationAssessment
    ) -> None:
        """The view: the heading and the summary as the CLI prints them, then a table of the
        offerings with the fee split, the reasons line by line, and a total row."""
        view = read_view(late_and_on_time._repr_html_())
        assert [
            "APP-7  Scoring  [assessed, due $250.00]",
            "2 of 2 offering(s) reviewed; due $250.00 under 'AAST CEC program 2020', "
            "submitted 2026-05-01. Fees are not refunded (non-refundable).",
        ] == view.paragraphs
        (table,) = view.tables
        headers = ["start", "end", "days before start", "timing", "application fee"]
        assert [*headers, "late surcharge", "total", "why"] == table.heads
        late_why = (
            "Late: the offering starts 10 day(s) after submission (30 or fewer)\n"
            "application fee $50.00 x 2 CEC = $100.00\n"
            "late surcharge $25.00 x 2 CEC = $50.00"
        )
        assert [
            ["2026-05-11", "2026-05-11", "10", "late", "$100.00", "$50.00", "$150.00", late_why],
            [
                "2026-07-01",
                "2026-07-01",
                "61",
                "on-time",
                "$100.00",
                "$0.00",
                "$100.00",
                "On time: the offering starts 61 day(s) after submission (more than 30)\n"
                "application fee $50.00 x 2 CEC = $100.00",
            ],
        ] == table.texts()
        assert table.total is not None
        assert ["total", "", "", "", "$200.00", "$50.00", "$250.00", ""] == [
            c.text for c in table.total
        ]

    def test_html_aligns_only_money_right(self, late_and_on_time: ApplicationAssessment) -> None:
        """Money is right-aligned; dates, days, timing and the reasons are left-aligned,
        and only the reasons wrap."""
        (table,) = read_view(late_and_on_time._repr_html_()).tables
        expected = ["left"] * 4 + ["right"] * 3 + ["left"]
        assert [expected] * 2 == [[c.align for c in row] for row in table.rows]
        assert expected == [h.align for h in table.headers]
        assert [False] * 7 + [True] == [c.wraps for c in table.rows[0]]

    def test_html_of_a_refusal_says_why(self) -> None:
        """A refused application's view says it is refused, why, and nothing is due."""
        application = _application(_in_days(-3), calendar_listing=True)
        view = read_view(assess_application(application)._repr_html_())
        assert "APP-1  Scoring sleep studies  [refused, due $0.00]" == view.paragraphs[0]
        assert view.paragraphs[1].startswith("Refused: all 1 offering(s) started before")
        assert view.paragraphs[1].endswith("for offerings not yet past (calendar-listing).")
        assert (
            "Past: the offering started on 2026-04-28, 3 day(s) before submission\n"
            "it is not reviewed and not charged (past-program)"
        ) == view.tables[0].column("why")[0].text

    def test_html_escapes_the_summary(self) -> None:
        """The HTML view escapes the policy label and the title."""
        policy = attrs.evolve(DEFAULT_POLICY, label="<script>x</script>")
        application = attrs.evolve(
            example_applications()[0], program=Program(title="<b>Sleep</b>", cecs="2")
        )
        page = assess_application(application, policy)._repr_html_()
        view = read_view(page)
        assert "<script>" not in page
        assert view.tags <= VIEW_TAGS
        assert "APP-1001  <b>Sleep</b>  [assessed, due $150.00]" == view.paragraphs[0]
        assert "'<script>x</script>'" in view.paragraphs[1]
