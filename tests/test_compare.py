"""Comparing policies: case deltas, flips, boundary cases, and the two worked examples."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from cec_rules import DEFAULT_POLICY, Application, Offering, Program, example_applications
from cec_rules.compare import (
    Comparison,
    RosterCase,
    application_outcome,
    boundary_applications,
    boundary_rosters,
    change_dates,
    compare_policies,
    roster_outcome,
)
from cec_rules.deadlines import OfferingTiming
from cec_rules.examples import example_candidate, sample_population
from cec_rules.policy import PolicySchedule, PolicyVersion, schedule_from_toml
from cec_rules.strategies import applications, policies

NO_FILING = attrs.evolve(
    DEFAULT_POLICY,
    label="no filing fees",
    member_filing_fee=Decimal(0),
    guest_filing_fee=Decimal(0),
)
SALE = attrs.evolve(DEFAULT_POLICY, label="$10 per CEC", application_fee_per_cec=Decimal(10))


def _application(cecs: str, start: date, submitted: date, reference: str = "A") -> Application:
    return Application(
        program=Program(title="t", cecs=cecs),
        offerings=[Offering(start)],
        submitted=submitted,
        reference=reference,
    )


class TestOutcomes:
    def test_application_outcome_splits_fee_and_surcharge(self) -> None:
        """A late offering's outcome holds the fee and the surcharge apart."""
        outcome = application_outcome(
            _application("2", date(2026, 3, 13), date(2026, 3, 1)), DEFAULT_POLICY
        )
        assert (Decimal("100.00"), Decimal("50.00"), Decimal(0)) == (
            outcome.application_fee,
            outcome.late_surcharge,
            outcome.filing_fee,
        )
        assert Decimal("150.00") == outcome.total
        assert (((0, Offering(date(2026, 3, 13))), OfferingTiming.LATE),) == outcome.decisions

    def test_a_refusal_is_an_outcome(self) -> None:
        """CECs that a policy refuses give a zero outcome with the reason, not an error."""
        half = attrs.evolve(DEFAULT_POLICY, cec_increment=Decimal("0.5"))
        outcome = application_outcome(
            _application("0.25", date(2026, 5, 1), date(2026, 3, 1)), half
        )
        assert Decimal(0) == outcome.total
        assert outcome.error is not None
        assert "steps of 0.5" in outcome.error

    def test_roster_outcome_counts_the_filing_fee(self) -> None:
        """A roster's outcome is its filing fee and each row's decision."""
        case = boundary_rosters(DEFAULT_POLICY, DEFAULT_POLICY)[0]
        outcome = roster_outcome(case, DEFAULT_POLICY)
        assert Decimal("15.00") == outcome.total
        assert ((2, "accepted"), (3, "accepted")) == outcome.decisions

    def test_roster_refused_by_policy_is_an_outcome(self) -> None:
        """A roster no policy version covers is a refused outcome, not an error."""
        case = attrs.evolve(
            boundary_rosters(DEFAULT_POLICY, DEFAULT_POLICY)[0], reported_at=date(2019, 3, 2)
        )
        outcome = roster_outcome(case, DEFAULT_POLICY)
        assert (("roster", "refused"),) == outcome.decisions
        assert outcome.error is not None


class TestCompare:
    def test_identical_policies_change_nothing(self) -> None:
        """Comparing a policy with itself: everyone pays the same and nothing flips."""
        comparison = compare_policies(
            DEFAULT_POLICY, DEFAULT_POLICY, applications=example_applications()
        )
        assert 6 == len(comparison.paying_same)
        assert () == comparison.flips
        assert Decimal(0) == comparison.revenue_delta
        assert () == comparison.largest_increases()

    def test_sale_lowers_every_reviewed_application(self) -> None:
        """The $10 sale lowers the fee of every application with a reviewed offering."""
        comparison = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        assert 5 == len(comparison.paying_less)
        assert ["APP-1006"] == [c.reference for c in comparison.paying_same]
        first = comparison.cases[0]
        assert Decimal("-80.00") == first.application_fee
        assert Decimal(0) == first.late_surcharge
        assert Decimal("-80.00") == first.delta

    def test_increase_ranks_largest_first(self) -> None:
        """A fee increase lists the largest increases first."""
        dearer = attrs.evolve(DEFAULT_POLICY, label="dearer", late_surcharge_per_cec=Decimal(40))
        comparison = compare_policies(DEFAULT_POLICY, dearer, applications=example_applications())
        top = comparison.largest_increases(2)
        assert ["APP-1001", "APP-1003"] == [c.reference for c in top]
        assert [Decimal("30.00"), Decimal("18.75")] == [c.delta for c in top]

    def test_late_window_change_flips_timing(self) -> None:
        """Shortening the late window flips an offering from late to on time."""
        shorter = attrs.evolve(DEFAULT_POLICY, label="20 days", late_window_days=20)
        comparison = compare_policies(
            DEFAULT_POLICY,
            shorter,
            applications=[_application("1", date(2026, 3, 26), date(2026, 3, 1), "APP-9")],
        )
        (flip,) = comparison.flips
        assert ("APP-9", "late", "on-time") == (flip.reference, flip.before, flip.after)
        assert "APP-9, offering 1 (2026-03-26): late -> on-time" == flip.explanation
        assert Decimal("-25.00") == comparison.revenue_delta

    def test_no_filing_fee_worked_example(self) -> None:
        """From 2021-09-01 no filing fees: rosters pay less, applications the same."""
        schedule = PolicySchedule(
            [
                PolicyVersion(effective_from=date(2020, 1, 1), policy=DEFAULT_POLICY),
                PolicyVersion(effective_from=date(2021, 9, 1), policy=NO_FILING),
            ]
        )
        rosters = boundary_rosters(DEFAULT_POLICY, schedule, offering=Offering(date(2021, 9, 6)))
        comparison = compare_policies(
            DEFAULT_POLICY, schedule, applications=example_applications(), rosters=rosters
        )
        assert 6 == len([c for c in comparison.cases if c.kind == "application" and c.delta == 0])
        accepted = [c for c in comparison.cases if c.kind == "roster" and c.baseline.total]
        assert accepted
        assert all(Decimal("-15.00") == c.filing_fee == c.delta for c in accepted)

    def test_refusal_by_one_policy_flips(self) -> None:
        """An application the candidate refuses shows the refusal as a flip."""
        half = attrs.evolve(DEFAULT_POLICY, label="half steps", cec_increment=Decimal("0.5"))
        comparison = compare_policies(
            DEFAULT_POLICY,
            half,
            applications=[_application("0.25", date(2026, 5, 1), date(2026, 3, 1), "Q")],
        )
        subjects = {(f.subject, f.before, f.after) for f in comparison.flips}
        assert {
            ("offering 1 (2026-05-01)", "on-time", "-"),
            ("application", "-", "refused"),
        } == subjects
        assert "steps of 0.5" in comparison.to_dict()["cases"][0]["candidate_error"]

    @given(applications(max_offerings=2), policies(), policies())
    def test_parts_add_up_to_the_whole(
        self, application: Application, baseline: object, candidate: object
    ) -> None:
        """Each case's delta is the sum of its fee, surcharge and filing parts."""
        comparison = compare_policies(baseline, candidate, applications=[application])  # type: ignore[arg-type]
        (case,) = comparison.cases
        assert case.delta == case.application_fee + case.late_surcharge + case.filing_fee
        assert case.delta == case.candidate.total - case.baseline.total
        assert comparison.revenue_delta == case.delta


class TestBoundaries:
    def test_application_offsets_cover_both_windows(self) -> None:
        """Boundary applications start at -1, 0 and either side of both late windows."""
        shorter = attrs.evolve(DEFAULT_POLICY, late_window_days=20)
        cases = boundary_applications(DEFAULT_POLICY, shorter, submitted=date(2026, 1, 15))
        offsets = sorted({(a.offerings[0].start - date(2026, 1, 15)).days for a in cases})
        assert [-1, 0, 1, 19, 20, 21, 29, 30, 31] == offsets
        amounts = sorted({a.program.cecs for a in cases})
        assert [Decimal("0.25"), Decimal(1), Decimal(100), Decimal("100.25")] == amounts

    def test_schedule_with_no_version_in_force_adds_no_edges(self) -> None:
        """A schedule not yet in force on the date contributes no thresholds."""
        later = PolicySchedule.single(DEFAULT_POLICY, effective_from=date(2027, 1, 1))
        cases = boundary_applications(later, later, submitted=date(2026, 1, 15))
        offsets = sorted({(a.offerings[0].start - date(2026, 1, 15)).days for a in cases})
        assert [-1, 0, 1] == offsets

    def test_roster_report_days_cover_both_windows(self) -> None:
        """Boundary rosters are reported on the end day and either side of both windows."""
        shorter = attrs.evolve(DEFAULT_POLICY, reporting_window_days=30)
        cases = boundary_rosters(DEFAULT_POLICY, shorter)
        live = [c for c in cases if "live" in c.reference]
        days = [(c.reported_at - c.offering.end).days for c in live]
        assert [0, 29, 30, 31, 44, 45, 46] == days
        assert all(isinstance(c, RosterCase) for c in cases)


class TestRendering:
    def comparison(self) -> Comparison:
        return compare_policies(
            DEFAULT_POLICY,
            attrs.evolve(DEFAULT_POLICY, label="<b>short</b>", late_window_days=5),
            applications=example_applications(),
        )

    def test_to_dict_is_json(self) -> None:
        """The comparison serializes to JSON with amounts as strings."""
        data = json.loads(json.dumps(self.comparison().to_dict()))
        assert "-106.25" == data["revenue_delta"]
        assert 6 == len(data["cases"])
        assert ("-50.00", "0.00") == (
            data["cases"][0]["late_surcharge"],
            data["cases"][0]["application_fee"],
        )

    def test_explanation_lists_flips(self) -> None:
        """The explanation counts who pays more or less and lists the flips."""
        text = self.comparison().explanation
        assert "0 pay more, 3 pay less, 3 the same" in text
        assert "APP-1001, offering 1 (2026-03-13): late -> on-time" in text

    def test_many_flips_are_elided(self) -> None:
        """Past twenty flips the explanation says how many more there are."""
        shorter = attrs.evolve(DEFAULT_POLICY, late_window_days=0)
        cases = [_application("1", date(2026, 3, 10), date(2026, 3, 1), f"A{i}") for i in range(25)]
        text = compare_policies(DEFAULT_POLICY, shorter, applications=cases).explanation
        assert "... and 5 more" in text

    def test_html_escapes_values(self) -> None:
        """The notebook table escapes every value, labels included."""
        page = self.comparison()._repr_html_()
        assert "&lt;b&gt;short&lt;/b&gt;" in page
        assert "<b>short</b>" not in page
        assert page.count("<tr>") == 7

    def test_explanation_names_largest_increases(self) -> None:
        """When some pay more, the explanation names the largest increases."""
        dearer = attrs.evolve(DEFAULT_POLICY, label="dearer", application_fee_per_cec=Decimal(60))
        text = compare_policies(
            DEFAULT_POLICY, dearer, applications=example_applications()
        ).explanation
        assert "Largest increases: APP-1002 +$65.00" in text


class TestWorkedExamples:
    def test_sale_through_december_returns_to_the_earlier_rate(self) -> None:
        """A bounded sale (`promotion`) charges $10 per CEC through Dec 31, then $50 again."""
        schedule = schedule_from_toml(
            """
            [[versions]]
            effective_from = 2020-01-01

            [[versions]]
            effective_from = 2026-11-01
            effective_until = 2026-12-31
            label = "sale"
            application_fee_per_cec = "10.00"
            """
        )
        during = _application("2", date(2027, 3, 1), date(2026, 12, 31), "during")
        after = _application("2", date(2027, 3, 1), date(2027, 1, 1), "after")
        comparison = compare_policies(DEFAULT_POLICY, schedule, applications=[during, after])
        assert [Decimal("-80.00"), Decimal(0)] == [c.delta for c in comparison.cases]


@pytest.mark.parametrize("count", [1, 3])
def test_largest_increases_respects_count(count: int) -> None:
    """largest_increases returns at most the number asked for."""
    dearer = attrs.evolve(DEFAULT_POLICY, application_fee_per_cec=Decimal(60))
    comparison = compare_policies(DEFAULT_POLICY, dearer, applications=example_applications())
    assert count == len(comparison.largest_increases(count))


class TestFrame:
    def test_to_frame_has_one_row_per_case(self) -> None:
        """to_frame gives a DataFrame with a row per case and the delta columns."""
        comparison = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        frame = comparison.to_frame()
        assert (6, "-80.00") == (len(frame), frame.loc[0, "delta"])
        assert {"application_fee", "late_surcharge", "filing_fee"} <= set(frame.columns)


class TestBundledCandidates:
    """The two worked examples, as bundled TOML candidates over the sample population."""

    def comparison(self, name: str) -> Comparison:
        baseline, candidate = example_candidate("default"), example_candidate(name)
        applications, rosters = sample_population(baseline, candidate)
        return compare_policies(baseline, candidate, applications=applications, rosters=rosters)

    def test_no_filing_fees_changes_only_rosters_from_september(self) -> None:
        """`filing-fee` removal: rosters reported from 2021-09-01 pay less; nothing else moves."""
        comparison = self.comparison("no-filing-fees")
        assert () == comparison.paying_more
        assert {"roster"} == {c.kind for c in comparison.paying_less}
        assert all(
            c.candidate.filing_fee == 0 and c.filing_fee == c.delta for c in comparison.paying_less
        )
        assert () == comparison.flips

    def test_sale_changes_only_applications_during_the_sale(self) -> None:
        """`promotion`: applications submitted Nov 1 - Dec 31 pay $10 per CEC, then $50 again."""
        comparison = self.comparison("ten-dollar-sale")
        lower = {c.reference.split(",")[0] for c in comparison.paying_less}
        assert {"submitted 2026-11-01", "submitted 2026-12-31"} == lower
        assert () == comparison.paying_more

    def test_default_candidate_is_the_rule_book(self) -> None:
        """The bundled default candidate holds exactly the rule book's figures."""
        assert DEFAULT_POLICY == example_candidate("default")

    def test_unknown_candidate_is_named(self) -> None:
        """Asking for a candidate that is not bundled names the ones that are."""
        with pytest.raises(ValueError, match="choose one of default, no-filing-fees"):
            example_candidate("half-price")


class TestChangeDates:
    def test_single_versions_have_no_change_dates(self) -> None:
        """Two open-ended single policies change on no day."""
        assert () == change_dates(DEFAULT_POLICY, SALE)

    def test_open_ended_change_gives_the_day_before_and_the_first_day(self) -> None:
        """A later open-ended version gives the day before it starts and its first day."""
        days = change_dates(DEFAULT_POLICY, example_candidate("no-filing-fees"))
        assert (date(2021, 8, 31), date(2021, 9, 1)) == days
