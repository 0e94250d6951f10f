"""Tests that kill mutmut's surviving mutants of cec_rules.fees (see docs/mutation.md)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import pytest

from cec_rules.errors import PolicyNotInForce
from cec_rules.fees import ApplicationAssessment, assess_application
from cec_rules.program import Application, Offering, Program

LATE_EXPLANATION = (
    "Late: the offering starts 10 day(s) after submission (30 or fewer); application fee "
    "$50.00 x 2 CEC = $100.00; late surcharge $25.00 x 2 CEC = $50.00."
)
ON_TIME_EXPLANATION = (
    "On time: the offering starts 61 day(s) after submission (more than 30); "
    "application fee $50.00 x 2 CEC = $100.00."
)


@pytest.fixture
def assessment() -> ApplicationAssessment:
    """One late and one on-time offering of a 2-CEC program under the default policy."""
    application = Application(
        program=Program(title="Scoring", cecs="2"),
        offerings=[Offering(date(2026, 5, 11)), Offering(date(2026, 7, 1))],
        submitted=date(2026, 5, 1),
        reference="APP-7",
    )
    return assess_application(application)


class TestOfferingToDict:
    """An offering's JSON form has fixed keys."""

    def test_explanation_key(self, assessment: ApplicationAssessment) -> None:
        """The explanation is under "explanation"."""
        data = assessment.offerings[0].to_dict()
        assert LATE_EXPLANATION == data["explanation"]

    def test_keys(self, assessment: ApplicationAssessment) -> None:
        """Exactly these keys, in this order."""
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
        assert expected == list(assessment.offerings[0].to_dict())


class TestOfferingCecs:
    """Each offering's assessment carries the program's CECs."""

    def test_cecs(self, assessment: ApplicationAssessment) -> None:
        """Both offerings carry 2 CECs."""
        assert [Decimal("2"), Decimal("2")] == [o.cecs for o in assessment.offerings]


class TestToRows:
    """One flat row per offering, with the application's reference on each."""

    def test_rows(self, assessment: ApplicationAssessment) -> None:
        """Every key and value of both rows."""
        expected: list[dict[str, Any]] = [
            {
                "reference": "APP-7",
                "start": "2026-05-11",
                "end": "2026-05-11",
                "days_before_start": 10,
                "timing": "late",
                "charged": True,
                "application_fee": "100.00",
                "late_surcharge": "50.00",
                "total": "150.00",
                "explanation": LATE_EXPLANATION,
            },
            {
                "reference": "APP-7",
                "start": "2026-07-01",
                "end": "2026-07-01",
                "days_before_start": 61,
                "timing": "on-time",
                "charged": True,
                "application_fee": "100.00",
                "late_surcharge": "0.00",
                "total": "100.00",
                "explanation": ON_TIME_EXPLANATION,
            },
        ]
        assert expected == assessment.to_rows()


class TestReprHtml:
    """The notebook view is a summary and a table with fixed headers."""

    def test_html(self, assessment: ApplicationAssessment) -> None:
        """The whole HTML text."""
        expected = (
            "<p>2 of 2 offering(s) reviewed; due $250.00 under &#x27;AAST CEC program 2020&#x27;, "
            "submitted 2026-05-01. Fees are not refunded (non-refundable).</p>"
            "<table><thead><tr><th>start</th><th>end</th><th>days</th><th>timing</th>"
            "<th>fees</th></tr></thead><tbody>"
            "<tr><td>2026-05-11</td><td>2026-05-11</td><td>10</td><td>late</td>"
            "<td>150.00</td></tr>"
            "<tr><td>2026-07-01</td><td>2026-07-01</td><td>61</td><td>on-time</td>"
            "<td>100.00</td></tr></tbody></table>"
        )
        assert expected == assessment._repr_html_()


class TestSubmittedOutsideTheCalendar:
    """A submission moment that leaves the calendar in the policy's zone names the field."""

    def test_message_names_submitted(self) -> None:
        """The refusal starts with the field name "submitted"."""
        application = Application(
            program=Program(title="Scoring", cecs="2"),
            offerings=[Offering(date(2026, 5, 11))],
            submitted=datetime(1, 1, 1, 0, 30, tzinfo=timezone.utc),
        )
        with pytest.raises(PolicyNotInForce) as caught:
            assess_application(application)
        expected = (
            "submitted 0001-01-01T00:30:00+00:00 falls outside the calendar (years 1 to 9999) "
            "in the time zone America/Chicago: no policy version is in force"
        )
        assert expected == str(caught.value)
