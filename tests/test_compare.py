"""Comparing policies: outcomes, honest categories, breakdowns, views, and the worked examples."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules import DEFAULT_POLICY, Application, Offering, Program, example_applications
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.compare import (
    CEC_BANDS,
    Breakdown,
    CaseDelta,
    Category,
    Comparison,
    DecisionTotals,
    Dimension,
    RosterCase,
    application_outcome,
    boundary_applications,
    boundary_rosters,
    cec_band,
    change_dates,
    compare_policies,
    roster_outcome,
)
from cec_rules.deadlines import OfferingTiming
from cec_rules.examples import example_candidate, sample_population
from cec_rules.policy import Policy, PolicySchedule, PolicyVersion, schedule_from_toml
from cec_rules.program import ProgramFormat
from cec_rules.strategies import applications, policies, rosters, schedules
from helpers import VIEW_TAGS, dtype_name, read_view

NO_FILING = attrs.evolve(
    DEFAULT_POLICY,
    label="no filing fees",
    member_filing_fee=Decimal(0),
    guest_filing_fee=Decimal(0),
)
SALE = attrs.evolve(DEFAULT_POLICY, label="$10 per CEC", application_fee_per_cec=Decimal(10))
DEARER = attrs.evolve(DEFAULT_POLICY, label="dearer", application_fee_per_cec=Decimal(60))
HALF_STEPS = attrs.evolve(DEFAULT_POLICY, label="half steps", cec_increment=Decimal("0.5"))
SHORT_WINDOW = attrs.evolve(DEFAULT_POLICY, label="30-day window", reporting_window_days=30)
LONG_WINDOW = attrs.evolve(DEFAULT_POLICY, label="60-day window", reporting_window_days=60)
#: A zone where noon in Chicago is already the next day.
KIRITIMATI = attrs.evolve(DEFAULT_POLICY, label="Kiritimati", time_zone="Pacific/Kiritimati")
#: From 2026-01-01 no version is in force until 2026-02-01: a gap.
GAP = PolicySchedule(
    [
        PolicyVersion(
            effective_from=date(2020, 1, 1),
            effective_until=date(2025, 12, 31),
            policy=DEFAULT_POLICY,
        ),
        PolicyVersion(
            effective_from=date(2026, 2, 1), policy=attrs.evolve(DEFAULT_POLICY, label="later")
        ),
    ]
)
CHICAGO = ZoneInfo("America/Chicago")

MEMBER = Account(aast_id="M-1", first_name="Ada", last_name="Lovelace", kind=AccountKind.MEMBER)
GUEST = Account(aast_id="G-1", first_name="Grace", last_name="Hopper", kind=AccountKind.GUEST)


def _application(
    cecs: str,
    start: date | Sequence[date],
    submitted: date | datetime = date(2026, 3, 1),
    reference: str = "A",
) -> Application:
    starts = [start] if isinstance(start, date) else list(start)
    return Application(
        program=Program(title="t", cecs=cecs),
        offerings=[Offering(s) for s in starts],
        submitted=submitted,
        reference=reference,
    )


def _roster(
    days_after_end: int,
    people: Sequence[Account] = (MEMBER, GUEST),
    *,
    reference: str = "R",
    program_id: str | None = "PRG-9",
    program_format: ProgramFormat = ProgramFormat.LIVE,
    known: Sequence[Account] | None = None,
) -> RosterCase:
    """A roster of ``people`` for the offering of 2026-03-02, reported ``days_after_end``."""
    offering = Offering(date(2026, 3, 2))
    lines = ["Program ID,AAST ID,First Name,Last Name,Completion Date"]
    lines += [f"{program_id},{p.aast_id},{p.first_name},{p.last_name},2026-03-02" for p in people]
    return RosterCase(
        reference=reference,
        program=Program(title="t", cecs=2, format=program_format, program_id=program_id),
        offering=offering,
        source=("\r\n".join(lines) + "\r\n").encode(),
        repository=InMemoryRepository(people if known is None else known),
        reported_at=offering.end + timedelta(days=days_after_end),
    )


def _one(
    baseline: Policy | PolicySchedule,
    candidate: Policy | PolicySchedule,
    case: Application | RosterCase,
) -> CaseDelta:
    if isinstance(case, Application):
        comparison = compare_policies(baseline, candidate, applications=[case])
    else:
        comparison = compare_policies(baseline, candidate, rosters=[case])
    (delta,) = comparison.cases
    return delta


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
        assert (Decimal("150.00"), "application") == (outcome.total, outcome.kind)
        two = application_outcome(
            _application("2", [date(2026, 3, 13), date(2026, 5, 1)], date(2026, 3, 1)),
            DEFAULT_POLICY,
        )
        assert ("application", Decimal("250.00"), (0, 1)) == (
            two.kind,
            two.total,
            two.accepted,
        )
        assert (((0, Offering(date(2026, 3, 13))), OfferingTiming.LATE),) == outcome.decisions
        assert ((0,), DEFAULT_POLICY, date(2026, 3, 1)) == (
            outcome.accepted,
            outcome.policy,
            outcome.on,
        )

    def test_several_offerings_keep_each_fee(self) -> None:
        """An application of several offerings keeps each one's fee and the reviewed ones."""
        application = _application("1", [date(2026, 2, 1), date(2026, 3, 13), date(2026, 5, 1)])
        outcome = application_outcome(application, DEFAULT_POLICY)
        assert (1, 2) == outcome.accepted
        assert [Decimal(0), Decimal("75.00"), Decimal("50.00")] == [
            outcome.offering_total(i) for i in range(3)
        ]
        assert (Decimal("100.00"), Decimal("25.00"), Decimal("125.00")) == (
            outcome.application_fee,
            outcome.late_surcharge,
            outcome.total,
        )

    def test_a_refusal_is_an_outcome(self) -> None:
        """CECs that a policy refuses give a zero outcome with the reason and the version
        that refused it, not an error."""
        outcome = application_outcome(
            _application("0.25", date(2026, 5, 1), date(2026, 3, 1)), HALF_STEPS
        )
        assert Decimal(0) == outcome.total
        assert outcome.error is not None
        assert "steps of 0.5" in outcome.error
        assert (True, HALF_STEPS, ()) == (outcome.assessable, outcome.policy, outcome.accepted)
        assert (("application", "refused"),) == outcome.decisions

    def test_roster_outcome_counts_the_filing_fee(self) -> None:
        """A roster's outcome is its filing fee and each row's decision."""
        case = boundary_rosters(DEFAULT_POLICY, DEFAULT_POLICY)[0]
        outcome = roster_outcome(case, DEFAULT_POLICY)
        assert Decimal("15.00") == outcome.total
        assert ((2, "accepted"), (3, "accepted")) == outcome.decisions
        assert (2, 3) == outcome.accepted

    def test_roster_with_no_version_in_force_is_not_assessable(self) -> None:
        """A roster no policy version covers is not assessable (`policy-version`), not refused."""
        case = attrs.evolve(
            boundary_rosters(DEFAULT_POLICY, DEFAULT_POLICY)[0], reported_at=date(2019, 3, 2)
        )
        outcome = roster_outcome(case, DEFAULT_POLICY)
        assert (("roster", "not assessable"),) == outcome.decisions
        assert (False, None) == (outcome.assessable, outcome.on)
        assert outcome.error is not None
        assert "no policy version is in force on 2019-03-02" in outcome.error

    def test_application_with_no_version_in_force_is_not_assessable(self) -> None:
        """An application submitted before every version is not assessable (`policy-version`)."""
        outcome = application_outcome(
            _application("1", date(2019, 5, 1), date(2019, 3, 1)), DEFAULT_POLICY
        )
        assert (False, (("application", "not assessable"),)) == (
            outcome.assessable,
            outcome.decisions,
        )

    def test_roster_of_an_unapproved_program_is_refused_by_the_version_in_force(self) -> None:
        """A roster refused outright (no Program ID) names the version in force."""
        outcome = roster_outcome(_roster(0, program_id=None), DEFAULT_POLICY)
        assert (True, (("roster", "refused"),)) == (outcome.assessable, outcome.decisions)
        assert outcome.error is not None

    def test_unapproved_program_with_no_version_in_force_is_not_assessable(self) -> None:
        """Refused outright on a date no version covers: not assessable."""
        case = attrs.evolve(_roster(0, program_id=None), reported_at=date(2019, 3, 2))
        outcome = roster_outcome(case, DEFAULT_POLICY)
        assert (False, None, None, "roster") == (
            outcome.assessable,
            outcome.policy,
            outcome.on,
            outcome.kind,
        )
        assert outcome.error is not None
        assert "Program ID" in outcome.error


class TestCategories:
    """Every case falls in exactly one category; each category as a named case."""

    @pytest.mark.parametrize(
        ("baseline", "candidate", "cecs", "category", "delta"),
        [
            pytest.param(DEFAULT_POLICY, DEARER, "2", Category.PAYS_MORE, "20.00", id="pays-more"),
            pytest.param(DEFAULT_POLICY, SALE, "2", Category.PAYS_LESS, "-80.00", id="pays-less"),
            pytest.param(
                DEFAULT_POLICY, DEFAULT_POLICY, "2", Category.PAYS_SAME, "0.00", id="pays-same"
            ),
            pytest.param(
                DEFAULT_POLICY, HALF_STEPS, "0.25", Category.NEWLY_REFUSED, "-12.50", id="refused"
            ),
            pytest.param(
                HALF_STEPS, DEFAULT_POLICY, "0.25", Category.NEWLY_ACCEPTED, "12.50", id="accepted"
            ),
            pytest.param(
                HALF_STEPS, HALF_STEPS, "0.25", Category.PAYS_SAME, "0.00", id="refused-by-both"
            ),
            pytest.param(
                DEFAULT_POLICY,
                PolicySchedule.single(DEFAULT_POLICY, effective_from=date(2027, 1, 1)),
                "2",
                Category.NOT_ASSESSABLE,
                None,
                id="not-assessable",
            ),
        ],
    )
    def test_application_categories(
        self,
        baseline: Policy | PolicySchedule,
        candidate: Policy | PolicySchedule,
        cecs: str,
        category: Category,
        delta: str | None,
    ) -> None:
        """An on-time application falls in the category its two outcomes give."""
        case = _one(baseline, candidate, _application(cecs, date(2026, 5, 1)))
        assert category == case.category
        assert delta == case.to_dict()["delta"]

    def test_newly_refused_application_says_what_and_what_it_carried(self) -> None:
        """An application the candidate refuses carries its baseline fee, apart."""
        case = _one(DEFAULT_POLICY, HALF_STEPS, _application("0.25", date(2026, 5, 1)))
        refused = case.refused
        assert refused is not None
        assert ("application", True, True, 1, Decimal("12.50")) == (
            refused.kind,
            refused.refused,
            refused.whole,
            refused.count,
            refused.fees,
        )
        assert "steps of 0.5" in refused.reasons[0]
        assert (
            "A (application): newly refused: the application refused as a whole (1 offering(s)): "
        ) in case.explanation
        assert case.accepted is None

    def test_newly_accepted_application_brings_its_fee(self) -> None:
        """An application of more CECs than the baseline's maximum is newly accepted."""
        bigger = attrs.evolve(DEFAULT_POLICY, label="bigger", cec_maximum=Decimal(200))
        case = _one(DEFAULT_POLICY, bigger, _application("150", date(2026, 5, 1)))
        assert Category.NEWLY_ACCEPTED == case.category
        accepted = case.accepted
        assert accepted is not None
        assert (True, Decimal("7500.00"), False) == (
            accepted.whole,
            accepted.fees,
            accepted.refused,
        )
        assert "the application accepted as a whole (1 offering(s))" in accepted.explanation
        assert "it brings $7,500.00" in accepted.explanation

    def test_newly_accepted_roster_rows_gain_credits(self) -> None:
        """A longer reporting window accepts rows the baseline refuses: attendees gain credits."""
        case = _one(DEFAULT_POLICY, LONG_WINDOW, _roster(50))
        assert Category.NEWLY_ACCEPTED == case.category
        accepted = case.accepted
        assert accepted is not None
        assert (2, 1, 1, Decimal("15.00"), ("window-closed",)) == (
            accepted.count,
            accepted.members,
            accepted.guests,
            accepted.fees,
            accepted.reasons,
        )
        assert (
            "2 roster row(s) accepted, whose attendees gain their credits (1 member, 1 guest): "
            "window-closed; they bring $15.00 in filing fees"
        ) == accepted.explanation

    def test_refused_in_part_and_accepted_in_part_is_newly_refused(self) -> None:
        """A candidate that refuses one row and accepts another: newly refused, with both
        parts said and counted."""
        dotted = Account(aast_id="1.2", first_name="Grace", last_name="Hopper", kind="guest")
        # The baseline takes M-1 but not 1.2 (no dots); the candidate the other way round.
        candidate = attrs.evolve(
            DEFAULT_POLICY, label="dots", aast_id_characters="0-9.", aast_id_min_length=3
        )
        roster = _roster(0, [MEMBER, dotted])
        case = _one(DEFAULT_POLICY, candidate, roster)
        assert Category.NEWLY_REFUSED == case.category
        assert case.refused is not None
        assert case.accepted is not None
        assert (1, 1, 0, Decimal("5.00")) == (
            case.refused.count,
            case.refused.members,
            case.refused.guests,
            case.refused.fees,
        )
        assert (1, Decimal("10.00")) == (case.accepted.guests, case.accepted.fees)
        comparison = compare_policies(DEFAULT_POLICY, candidate, rosters=[roster])
        assert (1, 1, 0) == (
            comparison.refused.rows,
            comparison.accepted.rows,
            len(comparison.newly_accepted),
        )
        assert "; and 1 roster row(s) accepted" in case.explanation

    def test_file_refused_by_the_candidate_names_the_file_error(self) -> None:
        """A candidate whose row limit refuses the whole file refuses every row, saying why."""
        tight = attrs.evolve(DEFAULT_POLICY, label="one row", max_roster_rows=1)
        case = _one(DEFAULT_POLICY, tight, _roster(0))
        assert case.refused is not None
        assert (True, ("file-too-many-rows",)) == (case.refused.whole, case.refused.reasons)

    def test_fees_too_large_to_hold_are_a_refusal(self) -> None:
        """A candidate whose fees add up past 28 digits in cents refuses the case outright,
        with the error, rather than stopping the comparison."""
        huge = Decimal("9.9E25")
        candidate = attrs.evolve(
            DEFAULT_POLICY,
            label="huge",
            application_fee_per_cec=huge,
            late_surcharge_per_cec=huge,
            member_filing_fee=huge,
            guest_filing_fee=huge,
        )
        late = _one(DEFAULT_POLICY, candidate, _application("1", date(2026, 3, 13)))
        roster = _one(DEFAULT_POLICY, candidate, _roster(0))
        for case in (late, roster):
            assert Category.NEWLY_REFUSED == case.category
            assert case.refused is not None
            assert case.refused.whole
            assert "too many digits" in case.refused.reasons[0]


class TestMisleadingCases:
    """The three ways the old comparison misled its reader, each pinned."""

    def test_refused_rosters_are_not_discounts(self) -> None:
        """A 30-day reporting window refuses rosters: newly refused, attendees lose credits,
        the fees counted apart; nobody pays less and the revenue does not fall."""
        rosters = boundary_rosters(DEFAULT_POLICY, SHORT_WINDOW)
        comparison = compare_policies(DEFAULT_POLICY, SHORT_WINDOW, rosters=rosters)
        assert (0, 6) == (len(comparison.paying_less), len(comparison.newly_refused))
        assert Decimal(0) == comparison.revenue_delta
        refused = comparison.refused
        assert (6, 12, 6, 6, Decimal("90.00")) == (
            refused.rosters,
            refused.rows,
            refused.members,
            refused.guests,
            refused.fees,
        )
        text = comparison.explanation
        assert "0 pay less" in text
        assert "6 newly refused" in text
        assert (
            "Newly refused: 12 row(s) of 6 roster(s), whose attendees lose their credits "
            "(6 member, 6 guest); they carried $90.00 in fees."
        ) in text

    def test_offerings_turning_past_are_refused_not_cheaper(self) -> None:
        """An offering that turns past under the candidate's zone is not reviewed: the
        application is newly refused with the fee it carried, not paying less."""
        noon = datetime(2026, 3, 1, 12, 0, tzinfo=CHICAGO)
        application = _application("1", date(2026, 3, 1), noon)
        case = _one(DEFAULT_POLICY, KIRITIMATI, application)
        assert Category.NEWLY_REFUSED == case.category
        assert case.refused is not None
        assert (True, Decimal("75.00"), ("past-program",)) == (
            case.refused.whole,
            case.refused.fees,
            case.refused.reasons,
        )
        comparison = compare_policies(DEFAULT_POLICY, KIRITIMATI, applications=[application])
        assert ((), Decimal(0)) == (comparison.paying_less, comparison.revenue_delta)

    def test_offering_turning_past_in_a_longer_application(self) -> None:
        """One offering of two turning past: newly refused in part, the rest still paid."""
        noon = datetime(2026, 3, 1, 12, 0, tzinfo=CHICAGO)
        application = _application("1", [date(2026, 3, 1), date(2026, 5, 1)], noon)
        case = _one(DEFAULT_POLICY, KIRITIMATI, application)
        assert case.refused is not None
        assert (False, 1, Decimal("75.00")) == (
            case.refused.whole,
            case.refused.count,
            case.refused.fees,
        )
        assert Decimal("50.00") == case.candidate.total
        assert (
            "1 offering(s) no longer reviewed: past-program; they carried $75.00"
            == case.refused.explanation
        )

    def test_schedule_gap_is_not_assessable_not_a_loss(self) -> None:
        """Cases in a gap of the candidate's schedule are not assessable, with the error,
        and count in no money figure."""
        cases = [
            _application("2", date(2026, 3, 1), date(2026, 1, 15), "in the gap"),
            _application("2", date(2026, 5, 1), date(2026, 3, 1), "after it"),
        ]
        comparison = compare_policies(DEFAULT_POLICY, GAP, applications=cases)
        (missing,) = comparison.not_assessable
        assert "in the gap" == missing.reference
        assert (
            "candidate: no policy version is in force on 2026-01-15: the schedule starts on "
            "2020-01-01 and has no version covering that date; add one or check the date",
        ) == missing.errors
        assert Decimal(0) == comparison.revenue_delta
        assert () == missing.flips
        assert "1 not assessable" in comparison.headline
        data = missing.to_dict()
        assert (None, None, "100.00") == (
            data["delta"],
            data["candidate_total"],
            data["baseline_total"],
        )
        assert "Not assessable, counted in no figure: 1 case(s)" in comparison.explanation


class TestFigures:
    def test_identical_policies_change_nothing(self) -> None:
        """Comparing a policy with itself: everyone pays the same and nothing flips."""
        comparison = compare_policies(
            DEFAULT_POLICY, DEFAULT_POLICY, applications=example_applications()
        )
        assert 6 == len(comparison.paying_same)
        assert () == comparison.flips
        assert Decimal(0) == comparison.revenue_delta
        assert () == comparison.largest_increases()
        assert () == comparison.changes

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

    def test_changes_are_sorted_and_leave_out_the_unchanged(self) -> None:
        """The changes list refusals first, then increases and decreases, largest first,
        and no case that pays the same."""
        cases = [
            _application("1", date(2026, 5, 1), reference="small cut"),
            _application("4", date(2026, 5, 1), reference="big cut"),
            _application("0.25", date(2026, 5, 1), reference="refused"),
            _application("1", date(2026, 2, 1), reference="past both"),
        ]
        candidate = attrs.evolve(SALE, cec_increment=Decimal("0.5"))
        comparison = compare_policies(DEFAULT_POLICY, candidate, applications=cases)
        assert ["refused", "big cut", "small cut"] == [c.reference for c in comparison.changes]
        assert ["past both"] == [c.reference for c in comparison.paying_same]

    def test_largest_of_a_category_without_ranking_is_empty(self) -> None:
        """Cases that pay the same or are not assessable have no largest changes."""
        comparison = compare_policies(
            DEFAULT_POLICY,
            GAP,
            applications=[_application("1", date(2026, 3, 1), date(2026, 1, 5))],
        )
        assert () == comparison.largest(Category.NOT_ASSESSABLE)
        assert () == comparison.largest(Category.PAYS_SAME)
        assert Decimal(0) == comparison.not_assessable[0].amount

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
        comparison = compare_policies(
            DEFAULT_POLICY,
            HALF_STEPS,
            applications=[_application("0.25", date(2026, 5, 1), date(2026, 3, 1), "Q")],
        )
        subjects = {(f.subject, f.before, f.after) for f in comparison.flips}
        assert {
            ("offering 1 (2026-05-01)", "on-time", "-"),
            ("application", "-", "refused"),
        } == subjects
        assert "steps of 0.5" in comparison.to_dict()["cases"][0]["candidate_error"]

    def test_decision_totals_of_nothing(self) -> None:
        """Totals over no change say none."""
        totals = DecisionTotals.of((), refused=True)
        assert (0, Decimal(0), "none") == (totals.cases, totals.fees, totals.explanation)


def _comparisons() -> st.SearchStrategy[Comparison]:
    """Comparisons of generated applications and rosters under generated policies and
    schedules, some with gaps and refusals."""
    sides = st.one_of(
        policies(
            vary=(
                "application_fee_per_cec",
                "late_window_days",
                "reporting_window_days",
                "member_filing_fee",
                "guest_filing_fee",
                "charge_per_offering",
                "time_zone",
            )
        ),
        st.just(HALF_STEPS),
        schedules(max_versions=3),
    )
    return st.builds(
        lambda base, cand, apps, samples: compare_policies(
            base,
            cand,
            applications=apps,
            rosters=[s.case(f"R{i}") for i, s in enumerate(samples)],
            generated=True,
        ),
        sides,
        sides,
        st.lists(applications(max_offerings=3), max_size=6),
        st.lists(rosters(max_rows=3, formats=tuple(ProgramFormat), policy=LONG_WINDOW), max_size=3),
    )


class TestLaws:
    @given(_comparisons())
    def test_categories_partition_the_cases(self, comparison: Comparison) -> None:
        """Every case falls in exactly one category."""
        by_category = [comparison.category(c) for c in Category]
        assert sorted(map(id, comparison.cases)) == sorted(
            id(case) for cases in by_category for case in cases
        )

    @given(_comparisons())
    def test_revenue_is_the_paying_cases_changes(self, comparison: Comparison) -> None:
        """The revenue change is the sum of the paying cases' changes, and no other case's."""
        paying = [c for c in comparison.cases if c.category.paying]
        assert sum((c.delta for c in paying), Decimal(0)) == comparison.revenue_delta
        assert all(c.category is not Category.PAYS_SAME or c.delta == 0 for c in comparison.cases)

    @given(_comparisons())
    def test_refused_fees_are_counted_apart(self, comparison: Comparison) -> None:
        """The fees of refusals are the sum of the refused changes, each the baseline's;
        only newly refused cases have any, and an acceptance brings the candidate's."""
        refused = [c.refused for c in comparison.cases if c.refused is not None]
        assert all(c.category is Category.NEWLY_REFUSED for c in comparison.cases if c.refused)
        assert sum((r.fees for r in refused), Decimal(0)) == comparison.refused.fees
        assert len(refused) == comparison.refused.cases
        accepted = [c.accepted for c in comparison.cases if c.accepted is not None]
        assert sum((a.fees for a in accepted), Decimal(0)) == comparison.accepted.fees

    @given(_comparisons())
    def test_breakdowns_partition_and_add_up(self, comparison: Comparison) -> None:
        """Each breakdown puts every case in one group, and the groups' figures add up to
        the comparison's."""
        for breakdown in comparison.breakdowns():
            tallies = [g.tally for g in breakdown.groups]
            assert len(comparison.cases) == sum(len(t.cases) for t in tallies)
            assert len({g.key for g in breakdown.groups}) == len(breakdown.groups)
            assert comparison.revenue_delta == sum((t.revenue_delta for t in tallies), Decimal(0))
            assert comparison.refused.fees == sum((t.refused.fees for t in tallies), Decimal(0))
            for category in Category:
                assert len(comparison.category(category)) == sum(
                    t.counts[category] for t in tallies
                )

    @given(_comparisons())
    def test_parts_add_up_to_the_whole(self, comparison: Comparison) -> None:
        """Each case's delta is the sum of its fee, surcharge and filing parts."""
        for case in comparison.cases:
            assert case.delta == case.application_fee + case.late_surcharge + case.filing_fee
            assert case.delta == case.candidate.total - case.baseline.total

    @given(_comparisons())
    def test_views_agree(self, comparison: Comparison) -> None:
        """The JSON, the rows and the headline give the same counts."""
        data = json.loads(json.dumps(comparison.to_dict()))
        counts = {c.value: len(comparison.category(c)) for c in Category}
        assert counts == data["categories"]
        assert len(comparison.cases) == len(data["cases"])
        rows = comparison.to_rows(unchanged=True)
        assert len(comparison.cases) == len(rows)
        assert all(r["category"] != "pays-same" for r in comparison.to_rows())
        assert "generated cases, not a forecast" in comparison.headline or not comparison.cases


class TestFacts:
    @pytest.mark.parametrize(
        ("cecs", "band"),
        [
            pytest.param("0.25", "up to 1", id="quarter"),
            pytest.param("1", "up to 1", id="one"),
            pytest.param("1.25", "over 1 to 5", id="past-one"),
            pytest.param("5", "over 1 to 5", id="five"),
            pytest.param("20", "over 5 to 20", id="twenty"),
            pytest.param("100", "over 20 to 100", id="hundred"),
            pytest.param("100.25", "over 100", id="past-the-maximum"),
        ],
    )
    def test_cec_bands(self, cecs: str, band: str) -> None:
        """A CEC count falls in the band whose bound it does not pass."""
        assert band == cec_band(Decimal(cecs))
        assert band in [name for _, name in CEC_BANDS] + ["over 100"]

    @pytest.mark.parametrize(
        ("starts", "timing"),
        [
            pytest.param([date(2026, 5, 1)], "on-time", id="on-time"),
            pytest.param([date(2026, 3, 31)], "late", id="late"),
            pytest.param([date(2026, 2, 28)], "past", id="past"),
            pytest.param([date(2026, 2, 28), date(2026, 5, 1)], "mixed", id="mixed"),
        ],
    )
    def test_application_timing(self, starts: list[date], timing: str) -> None:
        """An application's timing is its offerings' under the baseline; several: mixed."""
        case = _one(DEFAULT_POLICY, SALE, _application("1", starts))
        assert timing == case.facts.timing

    def test_refused_application_still_has_a_timing(self) -> None:
        """An application the baseline refuses outright is timed by the version that refused it."""
        case = _one(HALF_STEPS, DEFAULT_POLICY, _application("0.25", date(2026, 5, 1)))
        assert ("on-time", "half steps -> AAST CEC program 2020") == (
            case.facts.timing,
            case.facts.version,
        )

    def test_facts_of_a_case_no_version_covers(self) -> None:
        """A case neither policy covers is timed unknown and dated as given."""
        moment = datetime(2019, 3, 1, 23, 0, tzinfo=CHICAGO)
        case = _one(DEFAULT_POLICY, DEFAULT_POLICY, _application("1", date(2019, 5, 1), moment))
        facts = case.facts
        assert ("unknown", date(2019, 3, 1), "2019-03", "none in force -> none in force") == (
            facts.timing,
            facts.on,
            facts.month,
            facts.version,
        )
        roster = attrs.evolve(_roster(0), reported_at=date(2019, 3, 2))
        assert date(2019, 3, 2) == _one(DEFAULT_POLICY, DEFAULT_POLICY, roster).facts.on

    def test_facts_come_from_the_candidate_when_the_baseline_has_no_version(self) -> None:
        """With no baseline version in force, the candidate's side gives the facts."""
        later = PolicySchedule.single(SALE, effective_from=date(2026, 1, 1))
        baseline = PolicySchedule.single(DEFAULT_POLICY, effective_from=date(2027, 1, 1))
        case = _one(baseline, later, _application("1", date(2026, 3, 13)))
        assert ("late", "none in force -> $10 per CEC") == (case.facts.timing, case.facts.version)

    @pytest.mark.parametrize(
        ("days", "program_format", "timing"),
        [
            pytest.param(-1, ProgramFormat.LIVE, "early", id="live-early"),
            pytest.param(0, ProgramFormat.LIVE, "on-time", id="live-on-time"),
            pytest.param(46, ProgramFormat.LIVE, "late", id="live-late"),
            pytest.param(45, ProgramFormat.SELF_PACED, "on-time", id="self-paced-on-time"),
            pytest.param(46, ProgramFormat.SELF_PACED, "late", id="self-paced-late"),
        ],
    )
    def test_roster_timing(self, days: int, program_format: ProgramFormat, timing: str) -> None:
        """A roster's timing is its report against the baseline's window."""
        case = _one(DEFAULT_POLICY, SALE, _roster(days, program_format=program_format))
        assert timing == case.facts.timing

    def test_self_paced_roster_refused_outright_has_no_timing(self) -> None:
        """A self-paced roster refused outright under both has no window to time it by."""
        roster = _roster(0, program_id=None, program_format=ProgramFormat.SELF_PACED)
        assert "unknown" == _one(DEFAULT_POLICY, SALE, roster).facts.timing

    @pytest.mark.parametrize(
        ("people", "known", "attendees"),
        [
            pytest.param([MEMBER], None, "member", id="member"),
            pytest.param([GUEST], None, "guest", id="guest"),
            pytest.param([MEMBER, GUEST], None, "member and guest", id="both"),
            pytest.param([MEMBER], [], "none accepted", id="none"),
        ],
    )
    def test_roster_attendees(
        self, people: list[Account], known: list[Account] | None, attendees: str
    ) -> None:
        """A roster's attendees are the kinds of the accounts accepted under either policy."""
        case = _one(DEFAULT_POLICY, SALE, _roster(0, people, known=known))
        assert attendees == case.facts.attendees

    def test_facts_as_data(self) -> None:
        """The facts serialize with the CECs as a string and the date as ISO text."""
        case = _one(DEFAULT_POLICY, SALE, _application("2.5", date(2026, 5, 1)))
        assert {
            "kind": "application",
            "timing": "on-time",
            "attendees": "application",
            "cecs": "2.5",
            "cec_band": "over 1 to 5",
            "on": "2026-03-01",
            "month": "2026-03",
            "version": "AAST CEC program 2020 -> $10 per CEC",
            "generated": False,
        } == case.facts.to_dict()


def _mixed() -> Comparison:
    """A comparison with a case in every category: generated, and with a label to escape."""
    candidate = attrs.evolve(
        DEFAULT_POLICY,
        label="<b>mixed</b>",
        application_fee_per_cec=Decimal(60),
        late_surcharge_per_cec=Decimal(0),
        cec_increment=Decimal("0.5"),
        cec_maximum=Decimal(200),
        reporting_window_days=30,
        member_filing_fee=Decimal(6),
    )
    apps = [
        _application("2", date(2026, 5, 1), reference="more"),  # $100 -> $120
        _application("2", date(2026, 3, 13), reference="less"),  # $150 late -> $120
        _application("1", date(2026, 2, 1), reference="same"),  # past under both
        _application("0.25", date(2026, 5, 1), reference="refused"),  # off the 0.5 step
        _application("150", date(2026, 5, 1), reference="accepted"),  # over 100, up to 200
        _application("1", date(2019, 5, 1), date(2019, 3, 1), reference="too early"),
    ]
    return compare_policies(
        DEFAULT_POLICY,
        candidate,
        applications=apps,
        rosters=[
            _roster(40, reference="late roster"),  # within 45 days, not 30
            _roster(0, [MEMBER], reference="member"),  # $5 -> $6
        ],
        generated=True,
    )


class TestViews:
    def test_headline_and_explanation(self) -> None:
        """The explanation counts every category, says the cases are generated, gives the
        paying cases' revenue change and the refusals apart."""
        lines = _mixed().explanation.splitlines()
        assert [
            "Comparing '<b>mixed</b>' with 'AAST CEC program 2020' over 8 generated threshold "
            "case(s) (generated cases, not a forecast): 2 pay more, 1 pay less, 1 pay the same, "
            "2 newly refused, 1 newly accepted, 1 not assessable.",
            "Revenue from the 4 paying case(s) changes by -$9.00; refusals are counted apart.",
            "Newly refused: 1 offering(s) of 1 application(s) (1 as a whole); 2 row(s) of 1 "
            "roster(s), whose attendees lose their credits (1 member, 1 guest); they carried "
            "$27.50 in fees.",
            "Newly accepted: 1 offering(s) of 1 application(s) (1 as a whole); they bring "
            "$9,000.00 in fees.",
        ] == lines[:4]
        assert lines[4].startswith("Not assessable, counted in no figure: 1 case(s)")
        assert [
            "Largest refusals: late roster $15.00, refused $12.50.",
            "Largest increases: more +$20.00, member +$1.00.",
            "Largest decreases: less -$30.00.",
            "Largest acceptances: accepted $9,000.00.",
            "6 decision(s) flip:",
        ] == lines[5:10]

    def test_population_of_history_and_of_a_mix(self) -> None:
        """Cases from history are counted plainly; a mix says how many were generated."""
        history = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        assert "over 6 case(s): " in history.headline
        mixed = attrs.evolve(history, cases=history.cases + _mixed().cases)
        assert (
            "over 14 case(s), 8 of them generated threshold cases (generated cases, not a forecast)"
        ) in mixed.headline
        assert None is history.to_dict()["note"]

    def test_no_paying_case(self) -> None:
        """With no case accepted alike under both, there is no revenue change to show."""
        comparison = compare_policies(
            DEFAULT_POLICY, HALF_STEPS, applications=[_application("0.25", date(2026, 5, 1))]
        )
        assert (
            "No case is accepted alike under both: no revenue change to show."
            == comparison.explanation.splitlines()[1]
        )

    def test_to_dict_is_json_with_money_as_strings(self) -> None:
        """The comparison serializes to JSON: categories, figures and cases, money as text."""
        data = json.loads(json.dumps(_mixed().to_dict()))
        assert "generated cases, not a forecast" == data["note"]
        assert (8, 8, 8) == (
            data["case_count"],
            len(data["cases"]),
            sum(data["categories"].values()),
        )
        assert "-9.00" == data["revenue_delta"]
        assert {
            "cases": 2,
            "applications": 1,
            "whole_applications": 1,
            "offerings": 1,
            "rosters": 1,
            "rows": 2,
            "members": 1,
            "guests": 1,
            "fees": "27.50",
        } == data["refused"]
        assert [
            "late roster",
            "refused",
            "more",
            "member",
            "less",
            "accepted",
            "too early",
            "same",
        ] == [c["reference"] for c in data["cases"]]
        refused = data["cases"][0]
        assert ("newly-refused", "15.00", "-15.00") == (
            refused["category"],
            refused["refused"]["fees"],
            refused["delta"],
        )
        assert [
            {"reference": "late roster", "amount": "15.00"},
            {"reference": "refused", "amount": "12.50"},
        ] == data["largest"]["newly-refused"]
        assert set(data["breakdowns"]) == {d.value for d in Dimension}

    def test_many_flips_are_elided(self) -> None:
        """Past twenty flips the explanation says how many more there are."""
        shorter = attrs.evolve(DEFAULT_POLICY, late_window_days=0)
        cases = [_application("1", date(2026, 3, 10), date(2026, 3, 1), f"A{i}") for i in range(25)]
        text = compare_policies(DEFAULT_POLICY, shorter, applications=cases).explanation
        assert "... and 5 more" in text

    def test_html_escapes_values_and_lists_changes_only(self) -> None:
        """The notebook view escapes every value and lists the changes, not the unchanged."""
        comparison = _mixed()
        page = comparison._repr_html_()
        view = read_view(page)
        assert "<b>mixed</b>" not in page
        assert view.tags <= VIEW_TAGS
        assert comparison._summary() == view.paragraphs[: len(comparison._summary())]
        assert view.paragraphs[0].startswith("Comparing '<b>mixed</b>' with")
        assert "Changes, largest first: 7 of 7" in view.paragraphs
        assert "Cases by category" in view.paragraphs
        categories, changes = view.tables[:2]
        assert [["pays more", "2"], ["pays less", "1"]] == categories.texts()[:2]
        assert "same" not in [c.text for c in changes.column("case")]

    def test_html_says_what_changes_as_the_cli_does(self) -> None:
        """Each change: both totals, the change in money as the CLI's table gives it (the
        fees a refusal carried or an acceptance brings), and what changes, line by line:
        the fee parts of a paying case, the reasons of a refusal, each side's error."""
        changes = read_view(_mixed()._repr_html_()).tables[1]
        assert ["case", "kind", "category", "baseline", "candidate", "change"] == changes.heads[:6]
        rows = {row[0].text: [c.text for c in row[1:]] for row in changes.rows}
        assert ["roster", "newly refused", "$15.00", "$0.00", "carried $15.00"] == rows[
            "late roster"
        ][:5]
        assert rows["late roster"][5].startswith("2 roster row(s) refused")
        assert ["pays less", "$150.00", "$120.00", "-$30.00"] == rows["less"][1:5]
        assert "application fee +$20.00\nlate surcharge -$50.00" == rows["less"][5]
        assert "filing fee +$1.00" == rows["member"][5]
        assert "brings $9,000.00" == rows["accepted"][4]
        assert ["-", "-", "-"] == rows["too early"][2:5]
        assert rows["too early"][5].startswith("baseline: no policy version is in force")
        assert rows["too early"][5].count("\n") == 1
        assert ["left"] * 3 + ["right"] * 3 + ["left"] == [c.align for c in changes.rows[0]]

    def test_html_folds_the_flips_and_the_breakdowns(self) -> None:
        """The decisions that flip and every breakdown follow, folded, as the CLI prints them
        after the table; the breakdowns carry no second heading."""
        comparison = _mixed()
        view = read_view(comparison._repr_html_())
        assert ["category", "cases"] == view.tables[0].heads
        assert [
            "6 decision(s) flip",
            *(b.heading for b in comparison.breakdowns()),
        ] == view.folds
        flips = [f.explanation for f in comparison.flips]
        assert flips == view.items[: len(flips)]
        assert 2 + len(Dimension) == len(view.tables)
        assert not any(p.startswith("By ") for p in view.paragraphs)

    def test_html_of_no_cases(self) -> None:
        """With no case, each folded breakdown says so under its fold's heading."""
        view = read_view(compare_policies(DEFAULT_POLICY, DEARER)._repr_html_())
        assert [b.heading for b in compare_policies(DEFAULT_POLICY, DEARER).breakdowns()] == (
            view.folds
        )
        assert len(Dimension) == view.paragraphs.count("No cases.")

    def test_html_without_flips(self) -> None:
        """A comparison in which no decision flips says so, unfolded."""
        comparison = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        view = read_view(comparison._repr_html_())
        assert "No decision flips." in view.paragraphs
        assert len(Dimension) == len(view.folds)

    def test_html_lists_at_most_a_hundred_changes(self) -> None:
        """A long list of changes is cut in the notebook view, saying where the rest are."""
        cases = [_application("1", date(2026, 5, 1), reference=f"A{i}") for i in range(101)]
        view = read_view(compare_policies(DEFAULT_POLICY, SALE, applications=cases)._repr_html_())
        assert "Changes, largest first: 100 of 101 (to_frame() holds them all)" in view.paragraphs
        assert 100 == len(view.tables[1].rows)

    def test_html_lists_at_most_a_hundred_flips(self) -> None:
        """A long list of flips is cut in the notebook view, saying how many more there are."""
        shorter = attrs.evolve(DEFAULT_POLICY, late_window_days=0)
        cases = [
            _application("1", date(2026, 3, 10), date(2026, 3, 1), f"A{i}") for i in range(105)
        ]
        view = read_view(
            compare_policies(DEFAULT_POLICY, shorter, applications=cases)._repr_html_()
        )
        assert ["105 decision(s) flip"] == view.folds[:1]
        assert "... and 5 more" == view.items[100]

    def test_to_frame_has_the_changes_with_decimal_money(self) -> None:
        """to_frame gives one row per change, money as Decimal; unchanged ones on request."""
        comparison = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        frame = comparison.to_frame()
        assert (5, Decimal("-260.00")) == (len(frame), frame.loc[0, "delta"])
        assert {"application_fee", "late_surcharge", "filing_fee", "category", "timing"} <= set(
            frame.columns
        )
        assert 6 == len(comparison.to_frame(unchanged=True))

    def test_to_frame_columns_are_typed(self) -> None:
        """Money and CECs are Decimal, the date a datetime64, the closed sets categoricals
        of every value (CEC bands in order), months ordered; one column per key of to_rows."""
        comparison = _mixed()
        frame = comparison.to_frame()
        assert list(comparison.to_rows()[0]) == list(frame.columns)
        money = ["baseline_total", "candidate_total", "delta", "revenue_delta", "refused_fees"]
        assert {"object"} == {dtype_name(frame[c].dtype) for c in [*money, "cecs"]}
        assert {Decimal} == {type(v) for v in frame["refused_fees"]}
        categories = ["kind", "category", "timing", "attendees", "cec_band", "month", "version"]
        assert {"category"} == {dtype_name(frame[c].dtype) for c in categories}
        assert [c.value for c in Category] == list(frame["category"].cat.categories)
        assert [*(name for _, name in CEC_BANDS), "over 100"] == list(
            frame["cec_band"].cat.categories
        )
        assert (True, ["2019-03", "2026-03", "2026-04"]) == (
            frame["month"].cat.ordered,
            list(frame["month"].cat.categories),
        )
        assert ("datetime64", "bool", "int64") == (
            dtype_name(frame["on"].dtype),
            dtype_name(frame["generated"].dtype),
            dtype_name(frame["refused_count"].dtype),
        )

    def test_to_frame_money_adds_up_to_the_figures(self) -> None:
        """revenue_delta adds up to the revenue change of the paying cases, refused_fees and
        accepted_fees to what is newly refused and accepted, exactly."""
        comparison = _mixed()
        frame = comparison.to_frame(unchanged=True)
        assert (
            comparison.revenue_delta,
            comparison.refused.fees,
            comparison.accepted.fees,
        ) == (
            frame["revenue_delta"].sum(),
            frame["refused_fees"].sum(),
            frame["accepted_fees"].sum(),
        )
        # delta counts a refusal's whole change too, so it does not add up to the revenue change.
        assert comparison.revenue_delta != frame["delta"].sum()

    def test_to_frame_of_no_changes_keeps_its_columns(self) -> None:
        """A comparison with no change gives a frame of no rows with every column, typed."""
        comparison = compare_policies(DEFAULT_POLICY, DEFAULT_POLICY, applications=[])
        frame = comparison.to_frame()
        assert (0, "category", 0) == (
            len(frame),
            dtype_name(frame["category"].dtype),
            frame["revenue_delta"].sum(),
        )

    def test_rows_give_each_part_and_what_is_refused_or_accepted(self) -> None:
        """A row gives the fee parts of the change, and counts and fees of what is refused
        or accepted (none: zero)."""
        fields = (
            "application_fee",
            "late_surcharge",
            "filing_fee",
            "refused_count",
            "refused_fees",
            "accepted_count",
            "accepted_fees",
        )
        rows = {r["reference"]: r for r in _mixed().to_rows(unchanged=True)}
        zero = Decimal(0)
        assert {
            "member": (zero, zero, Decimal("1.00"), 0, zero, 0, zero),
            "late roster": (zero, zero, Decimal("-15.00"), 2, Decimal("15.00"), 0, zero),
            "refused": (Decimal("-12.50"), zero, zero, 1, Decimal("12.50"), 0, zero),
            "accepted": (Decimal("9000.00"), zero, zero, 0, zero, 1, Decimal("9000.00")),
            "same": (zero, zero, zero, 0, zero, 0, zero),
            "too early": (None, None, None, 0, zero, 0, zero),
        } == {
            reference: tuple(rows[reference][f] for f in fields)
            for reference in ("member", "late roster", "refused", "accepted", "same", "too early")
        }

    def test_row_of_a_case_not_assessable(self) -> None:
        """A case not assessable has no change in its row."""
        comparison = _mixed()
        row = next(r for r in comparison.to_rows() if r["reference"] == "too early")
        assert (None, None, None, "not-assessable") == (
            row["delta"],
            row["baseline_total"],
            row["application_fee"],
            row["category"],
        )
        assert [None] * 4 == [
            row[k] for k in ("candidate_total", "revenue_delta", "late_surcharge", "filing_fee")
        ]


class TestBreakdowns:
    def test_by_timing(self) -> None:
        """The breakdown by timing lists on time, late, past in that order, with figures."""
        breakdown = _mixed().breakdown(Dimension.TIMING)
        assert ["on-time", "late", "past", "unknown"] == [g.key for g in breakdown.groups]
        on_time = breakdown.groups[0].tally
        # more (+$20), member (+$1), refused, accepted, and the roster 40 days late under
        # the candidate but on time under the baseline.
        assert (5, Decimal("21.00")) == (len(on_time.cases), on_time.revenue_delta)

    @pytest.mark.parametrize(
        ("dimension", "keys"),
        [
            pytest.param(
                "member-guest", ["member", "member and guest", "application"], id="member-guest"
            ),
            pytest.param("cec-band", ["up to 1", "over 1 to 5", "over 100"], id="cec-band"),
            pytest.param("month", ["2019-03", "2026-03", "2026-04"], id="month"),
            pytest.param(
                "policy-version",
                [
                    "none in force -> none in force",
                    "AAST CEC program 2020 -> <b>mixed</b>",
                ],
                id="policy-version",
            ),
        ],
    )
    def test_group_keys_in_order(self, dimension: str, keys: list[str]) -> None:
        """Each dimension lists its groups in its own order."""
        assert keys == [g.key for g in _mixed().breakdown(dimension).groups]

    def test_versions_in_the_order_they_come_into_force(self) -> None:
        """Version groups are listed by the earliest date among their cases."""
        candidate = example_candidate("ten-dollar-sale")
        cases = [
            _application("1", date(2027, 3, 1), date(2026, 12, 1), "sale"),
            _application("1", date(2026, 12, 1), date(2026, 10, 1), "before"),
        ]
        breakdown = compare_policies(DEFAULT_POLICY, candidate, applications=cases).breakdown(
            Dimension.VERSION
        )
        assert [
            "AAST CEC program 2020 -> 2020 program",
            "AAST CEC program 2020 -> $10 per CEC through December 31",
        ] == [g.key for g in breakdown.groups]

    def test_views(self) -> None:
        """A breakdown renders as text, JSON, rows for a DataFrame and HTML."""
        breakdown = _mixed().breakdown(Dimension.ATTENDEES)
        text = breakdown.explanation.splitlines()
        assert "By member or guest (generated cases, not a forecast):" == text[0]
        assert text[1].split() == [
            "member",
            "or",
            "guest",
            "cases",
            "more",
            "less",
            "same",
            "refused",
            "accepted",
            "n/a",
            "revenue",
            "change",
            "refused",
            "fees",
            "accepted",
            "fees",
        ]
        assert "  member and guest: Largest refusals: late roster $15.00." in text
        assert [["member", "1"], ["member and guest", "1"], ["application", "6"]] == [
            g.cells()[:2] for g in breakdown.groups
        ]
        data = json.loads(json.dumps(breakdown.to_dict()))
        assert ("member-guest", "member or guest", "generated cases, not a forecast") == (
            data["dimension"],
            data["title"],
            data["note"],
        )
        assert {"group": "member", "cases": 1} == {
            k: data["groups"][0][k] for k in ("group", "cases")
        }
        rows = breakdown.to_rows()
        roster = rows[1]
        assert (
            "member and guest",
            1,
            Decimal("15.00"),
            2,
            "late roster",
        ) == (
            roster["group"],
            roster["newly-refused"],
            roster["refused_fees"],
            roster["refused_rows"],
            roster["largest_refusal"],
        )
        assert (None, None) == (roster["largest_increase"], roster["largest_decrease"])
        applications = rows[2]
        assert ("application", "more", "less", "refused") == (
            applications["group"],
            applications["largest_increase"],
            applications["largest_decrease"],
            applications["largest_refusal"],
        )
        frame = breakdown.to_frame()
        assert 3 == len(frame)
        view = read_view(breakdown._repr_html_())
        assert ["By member or guest (generated cases, not a forecast)"] == view.paragraphs
        (table,) = view.tables
        assert ["member", "member and guest", "application"] == [
            c.text for c in table.column("member or guest")
        ]
        assert ["left"] * 8 + ["right"] * 3 == [c.align for c in table.rows[0]]
        # The group's name may wrap; counts and money stay on one line.
        assert [True] + [False] * 10 == [c.wraps for c in table.rows[0]]
        assert "member and guest: Largest refusals: late roster $15.00." in view.items

    def test_breakdown_frame_is_typed(self) -> None:
        """The groups are an ordered categorical in the breakdown's order, counts integers,
        money Decimal adding up to the comparison's figures."""
        comparison = _mixed()
        breakdown = comparison.breakdown("timing")
        frame = breakdown.to_frame()
        assert list(breakdown.to_rows()[0]) == list(frame.columns)
        assert (True, ["on-time", "late", "past", "unknown"]) == (
            frame["group"].cat.ordered,
            list(frame["group"].cat.categories),
        )
        assert [d.value for d in Dimension] == list(frame["dimension"].cat.categories)
        assert ("int64", "int64") == (
            dtype_name(frame["cases"].dtype),
            dtype_name(frame["pays-more"].dtype),
        )
        assert (comparison.revenue_delta, comparison.refused.fees) == (
            frame["revenue_delta"].sum(),
            frame["refused_fees"].sum(),
        )

    def test_breakdown_html_of_no_cases(self) -> None:
        """A breakdown of no cases says so in its view."""
        view = read_view(Breakdown.of(Dimension.MONTH, ())._repr_html_())
        assert (["By month: no cases."], []) == (view.paragraphs, view.tables)

    def test_breakdown_of_no_cases(self) -> None:
        """A breakdown of no cases says so."""
        assert "By month: no cases." == Breakdown.of(Dimension.MONTH, ()).explanation

    def test_breakdown_of_history_has_no_note(self) -> None:
        """Cases from history are grouped without the note on generated cases."""
        comparison = compare_policies(DEFAULT_POLICY, SALE, applications=example_applications())
        breakdown = comparison.breakdown("timing")
        assert ("By timing", None) == (breakdown.heading, breakdown.to_dict()["note"])


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
    comparison = compare_policies(DEFAULT_POLICY, DEARER, applications=example_applications())
    assert count == len(comparison.largest_increases(count))


def test_largest_gives_five_unless_asked() -> None:
    """Of seven cases that pay more, the five largest are given by default, largest
    first."""
    applications = [_application(str(n), date(2026, 5, 1), reference=str(n)) for n in range(1, 8)]
    comparison = compare_policies(DEFAULT_POLICY, DEARER, applications=applications)
    assert 7 == len(comparison.category(Category.PAYS_MORE))
    expected = ["7", "6", "5", "4", "3"]
    assert expected == [c.reference for c in comparison.largest_increases()]
    assert expected == [c.reference for c in comparison.largest(Category.PAYS_MORE)]
    assert (
        "Largest increases: 7 +$70.00, 6 +$60.00, 5 +$50.00, 4 +$40.00, 3 +$30.00."
        in comparison.explanation.splitlines()
    )


class TestBundledCandidates:
    """The two worked examples, as bundled TOML candidates over the sample population."""

    def comparison(self, name: str) -> Comparison:
        baseline, candidate = example_candidate("default"), example_candidate(name)
        applications, rosters = sample_population(baseline, candidate)
        return compare_policies(
            baseline, candidate, applications=applications, rosters=rosters, generated=True
        )

    def test_no_filing_fees_changes_only_rosters_from_september(self) -> None:
        """`filing-fee` removal: rosters reported from 2021-09-01 pay less; nothing else moves."""
        comparison = self.comparison("no-filing-fees")
        assert () == comparison.paying_more
        assert {"roster"} == {c.kind for c in comparison.paying_less}
        assert all(
            c.candidate.filing_fee == 0 and c.filing_fee == c.delta for c in comparison.paying_less
        )
        assert () == comparison.flips
        assert ((), ()) == (comparison.newly_refused, comparison.not_assessable)

    def test_sale_changes_only_applications_during_the_sale(self) -> None:
        """`promotion`: applications submitted Nov 1 - Dec 31 pay $10 per CEC, then $50 again."""
        comparison = self.comparison("ten-dollar-sale")
        lower = {c.reference.split(",")[0] for c in comparison.paying_less}
        assert {"submitted 2026-11-01", "submitted 2026-12-31"} == lower
        assert () == comparison.paying_more
        months = [
            g.key
            for g in comparison.breakdown(Dimension.MONTH).groups
            if g.tally.paying and g.tally.revenue_delta
        ]
        assert ["2026-11", "2026-12"] == months

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
