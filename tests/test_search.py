"""Searching two policies for their differences, and checking a candidate's invariants."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pandas
import pytest
from hypothesis import find, given, strategies as st

from cec_rules import (
    DEFAULT_POLICY,
    Application,
    NameMismatch,
    Offering,
    Program,
    assess_application,
    search,
)
from cec_rules._search import amounts, cases
from cec_rules._search.amounts import is_multiple
from cec_rules._search.changes import IN_FORCE, Period
from cec_rules._search.hunt import hunt_settings, search_counted
from cec_rules._search.outcomes import (
    decisions_text,
    lost_credits,
    outcome_of,
    row_count,
    why_no_rows,
)
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.compare import RosterCase, application_outcome, roster_outcome
from cec_rules.deadlines import OfferingTiming
from cec_rules.fees import FeeKind
from cec_rules.policy import Policy, PolicySchedule, PolicyVersion, schedule_from_toml
from cec_rules.search import (
    FIELD_EFFECTS,
    GUARANTEED,
    INVARIANTS,
    Difference,
    FieldChange,
    Gap,
    InvariantResult,
    InvariantStatus,
    PolicyCheck,
    SearchResult,
    Violation,
    check_policy,
    find_differences,
)
from cec_rules.strategies import applications, policies
from helpers import VIEW_TAGS, dtype_name, read_view

# Search budgets stay small: the constructions are deterministic and find the
# differences; Hypothesis is only their complement.
BUDGET = 10


def evolve(**changes: Any) -> Policy:
    return attrs.evolve(DEFAULT_POLICY, **{"label": "candidate", **changes})


def only_change(
    baseline: Policy | PolicySchedule, candidate: Policy | PolicySchedule
) -> FieldChange:
    result = find_differences(baseline, candidate, budget=BUDGET)
    assert 1 == len(result.changes), result.explanation
    return result.changes[0]


def example_of(change: FieldChange) -> Difference:
    assert change.difference is not None, change.explanation
    return change.difference


def _one_row_roster() -> RosterCase:
    """A one-member roster for the offering of 2026-03-02, reported that day."""
    member = Account(aast_id="M-1", first_name="Ada", last_name="Lee", kind=AccountKind.MEMBER)
    return RosterCase(
        reference="one row",
        program=Program(title="t", cecs=1, program_id="PRG-1"),
        offering=Offering(date(2026, 3, 2)),
        source=b"Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
        b"PRG-1,M-1,Ada,Lee,2026-03-02\r\n",
        repository=InMemoryRepository([member]),
        reported_at=date(2026, 3, 2),
    )


def reported_days(case: RosterCase) -> int:
    reported = case.reported_at
    day = reported.date() if isinstance(reported, datetime) else reported
    return (day - case.offering.end).days


class TestTheFiveMissedDifferences:
    """Each difference the old search missed has a one-case counter-example."""

    def test_a_longer_reporting_window(self) -> None:
        """45 -> 60 days: a one-row roster reported 46 days after the offering is refused
        under the baseline and accepted under the candidate."""
        change = only_change(DEFAULT_POLICY, evolve(reporting_window_days=60))
        difference = example_of(change)
        assert ("reporting_window_days", "45", "60") == (
            change.field,
            change.baseline,
            change.candidate,
        )
        assert ("roster decision", "constructed") == (difference.kind, difference.how)
        assert isinstance(difference.example, RosterCase)
        assert 46 == reported_days(difference.example)
        assert (((2, "refused: window-closed"),), ((2, "accepted"),)) == (
            difference.baseline.decisions,
            difference.candidate.decisions,
        )
        assert (None, None) == (difference.baseline.error, difference.candidate.error)

    def test_a_lower_cec_maximum(self) -> None:
        """100 -> 50 CECs: an application of 50.25 CECs is assessed, then refused."""
        difference = example_of(only_change(DEFAULT_POLICY, evolve(cec_maximum=Decimal(50))))
        assert isinstance(difference.example, Application)
        assert Decimal("50.25") == difference.example.program.cecs
        assert 1 == len(difference.example.offerings)
        assert (("application", "refused"),) == difference.candidate.decisions
        assert "at most 50 CECs" in (difference.candidate.error or "")
        assert Decimal("2512.50") == assess_application(difference.example).total

    def test_a_finer_cec_step(self) -> None:
        """0.25 -> 0.1: an application of one new step is refused, then assessed."""
        difference = example_of(only_change(DEFAULT_POLICY, evolve(cec_increment=Decimal("0.1"))))
        assert isinstance(difference.example, Application)
        assert Decimal("0.1") == difference.example.program.cecs
        assert (("application", "refused"),) == difference.baseline.decisions
        assert Decimal("5.00") == difference.candidate.total

    def test_charging_once_per_application(self) -> None:
        """Two on-time offerings are charged twice per offering, once per application."""
        difference = example_of(only_change(DEFAULT_POLICY, evolve(charge_per_offering=False)))
        assert isinstance(difference.example, Application)
        assert 2 == len(difference.example.offerings)
        assert ("application fee", Decimal("25.00"), Decimal("12.50")) == (
            difference.kind,
            difference.baseline.total,
            difference.candidate.total,
        )

    @pytest.mark.parametrize("start", [date(2030, 7, 1), date(2031, 3, 1), date(2099, 12, 31)])
    def test_a_version_after_mid_2030(self, start: date) -> None:
        """A version starting after 2030-06-30 is found on its first day."""
        candidate = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(
                effective_from=start,
                policy=evolve(application_fee_per_cec=Decimal(60)),
            )
        )
        change = only_change(DEFAULT_POLICY, candidate)
        difference = example_of(change)
        assert (start, None) == (change.first_day, change.last_day)
        assert isinstance(difference.example, Application)
        assert start == difference.example.submitted
        assert difference.candidate.total > difference.baseline.total


DEFAULT_POLICY_SCHEDULE = PolicySchedule.single(DEFAULT_POLICY)


#: What each field's construction tried, and the example it gave, against the default
#: policy with the field changed: each text was read against the rule book by hand.
BUILT_CASES = [
    pytest.param(
        {"application_fee_per_cec": Decimal("10")},
        (
            "applications submitted 2020-01-01 with 1 on-time offering(s) starting 2020-02-01, at "
            "0.25, 0.50, 1, 2, 4, 8, 16, 32, 64, 100 CEC"
        ),
        (
            "application_fee_per_cec 50.00 -> 10, from 2020-01-01 onward: application fee: an "
            "application of 0.25 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01: "
            "baseline 12.50 (offering 1 (2020-02-01): on-time), candidate 2.50 (offering 1 "
            "(2020-02-01): on-time) [constructed]"
        ),
        id="rate",
    ),
    pytest.param(
        {"late_surcharge_per_cec": Decimal("0")},
        (
            "applications submitted 2020-01-01 with 1 late offering(s) starting 2020-01-01, at "
            "0.25, 0.50, 1, 2, 4, 8, 16, 32, 64, 100 CEC"
        ),
        (
            "late_surcharge_per_cec 25.00 -> 0, from 2020-01-01 onward: application fee: an "
            "application of 0.25 CEC submitted 2020-01-01 for offering(s) starting 2020-01-01: "
            "baseline 18.75 (offering 1 (2020-01-01): late), candidate 12.50 (offering 1 "
            "(2020-01-01): late) [constructed]"
        ),
        id="surcharge",
    ),
    pytest.param(
        {"late_window_days": 20},
        (
            "an application submitted 2020-01-01 for an offering starting 21 day(s) later, "
            "2020-01-22: late under the longer window only"
        ),
        (
            "late_window_days 30 -> 20, from 2020-01-01 onward: application decision: an "
            "application of 0.25 CEC submitted 2020-01-01 for offering(s) starting 2020-01-22: "
            "baseline 18.75 (offering 1 (2020-01-22): late), candidate 12.50 (offering 1 "
            "(2020-01-22): on-time) [constructed]"
        ),
        id="late-window",
    ),
    pytest.param(
        {"member_filing_fee": Decimal("7")},
        "rosters of 1, 10, 100, 1000 member(s) reported 2020-01-01, the offering's day",
        (
            "member_filing_fee 5.00 -> 7, from 2020-01-01 onward: roster filing fee: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 7.00 (row 2: accepted) [constructed]"
        ),
        id="member",
    ),
    pytest.param(
        {"guest_filing_fee": Decimal("12")},
        "rosters of 1, 10, 100, 1000 guest(s) reported 2020-01-01, the offering's day",
        (
            "guest_filing_fee 10.00 -> 12, from 2020-01-01 onward: roster filing fee: a roster of "
            "1 row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 10.00 (row 2: "
            "accepted), candidate 12.00 (row 2: accepted) [constructed]"
        ),
        id="guest",
    ),
    pytest.param(
        {"aast_id_characters": "0-9"},
        (
            "one-row rosters reported 2020-01-01 with an AAST ID one knob ([A-Za-z0-9-]{1,20} or "
            "[0-9]{1,20}) allows and the other refuses: '-', 'A', 'a', '--------------------'"
        ),
        (
            "aast_id_characters A-Za-z0-9- -> 0-9, from 2020-01-01 onward: roster decision: a "
            "roster of 1 row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 "
            "(row 2: accepted), candidate 0.00 (row 2: refused: aast-id-format) [constructed]"
        ),
        id="id-characters",
    ),
    pytest.param(
        {"aast_id_min_length": 3},
        (
            "one-row rosters reported 2020-01-01 with an AAST ID one knob ([A-Za-z0-9-]{1,20} or "
            "[A-Za-z0-9-]{3,20}) allows and the other refuses: 'A', 'AA'"
        ),
        (
            "aast_id_min_length 1 -> 3, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 0.00 (row 2: refused: aast-id-format) [constructed]"
        ),
        id="id-shortest",
    ),
    pytest.param(
        {"aast_id_max_length": 30},
        (
            "one-row rosters reported 2020-01-01 with an AAST ID one knob ([A-Za-z0-9-]{1,20} or "
            "[A-Za-z0-9-]{1,30}) allows and the other refuses: 'AAAAAAAAAAAAAAAAAAAAA', "
            "'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'"
        ),
        (
            "aast_id_max_length 20 -> 30, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 0.00 (row 2: "
            "refused: aast-id-format), candidate 5.00 (row 2: accepted) [constructed]"
        ),
        id="id-longest",
    ),
    pytest.param(
        {"name_max_length": 2},
        (
            "a one-member roster reported 2020-01-01 whose last name is 3 characters long, one "
            "more than the shorter limit"
        ),
        (
            "name_max_length 100 -> 2, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 0.00 (row 2: refused: name-too-long) [constructed]"
        ),
        id="name-length",
    ),
    pytest.param(
        {"name_mismatch": NameMismatch.REFUSE},
        (
            "a one-member roster reported 2020-01-01 naming the member 'Ada' where the account "
            "says 'Adele'"
        ),
        (
            "name_mismatch warn -> refuse, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 0.00 (row 2: refused: name-mismatch-refused) [constructed]"
        ),
        id="name-mismatch",
    ),
    pytest.param(
        {"max_cell_length": 10},
        (
            "a one-member roster reported 2020-01-01 whose Program ID cell is 11 characters long, "
            "one more than the lower cell limit"
        ),
        (
            "max_cell_length 1000 -> 10, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 0.00 (the file is refused as a whole (file-cell-too-long: row 1: "
            "a cell (column 5) holds 15 characters; a cell may hold at most 10, so the file was "
            "not read)) [constructed]"
        ),
        id="cell-length",
    ),
    pytest.param(
        {"max_roster_rows": 2},
        "a roster of 3 members reported 2020-01-01, one more than the lower row limit",
        (
            "max_roster_rows 200000 -> 2, from 2020-01-01 onward: roster decision: a roster of 3 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 15.00 (row 2: "
            "accepted; row 3: accepted; row 4: accepted), candidate 0.00 (the file is refused as a "
            "whole (file-too-many-rows: the file has more than 2 data rows)) [constructed]"
        ),
        id="row-limit",
    ),
    pytest.param(
        {"max_columns": 3},
        "a one-member roster reported 2020-01-01 with 5 columns, more than the lower column limit",
        (
            "max_columns 64 -> 3, from 2020-01-01 onward: roster decision: a roster of 1 row(s) "
            "for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: accepted), "
            "candidate 0.00 (the file is refused as a whole (file-too-many-columns: row 1 holds 5 "
            "columns; a roster row may hold at most 3)) [constructed]"
        ),
        id="fewer-columns",
    ),
    pytest.param(
        {"max_columns": 7},
        "a one-member roster reported 2020-01-01 with 8 columns, more than the lower column limit",
        (
            "max_columns 64 -> 7, from 2020-01-01 onward: roster decision: a roster of 1 row(s) "
            "for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: accepted), "
            "candidate 0.00 (the file is refused as a whole (file-too-many-columns: row 1 holds 8 "
            "columns; a roster row may hold at most 7)) [constructed]"
        ),
        id="more-columns",
    ),
    pytest.param(
        {"max_line_length": 100},
        (
            "a one-member roster reported 2020-01-01 whose row is a line of 101 or more "
            "characters, more than the lower line limit"
        ),
        (
            "max_line_length 65536 -> 100, from 2020-01-01 onward: roster decision: a roster of 1 "
            "row(s) for the offering of 2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: "
            "accepted), candidate 0.00 (the file is refused as a whole (file-line-too-long: row 2 "
            "runs past 100 characters, the most a line may hold; the file was not read further)) "
            "[constructed]"
        ),
        id="line-length",
    ),
    pytest.param(
        {"rounding": "ROUND_DOWN", "application_fee_per_cec": Decimal("10.01")},
        (
            "applications submitted 2020-01-01, on time and late, at 200 CEC amount(s) valid under "
            "both (0.25 to 50.00); 3 roster(s) of one member, one guest and three members reported "
            "on the offering's day"
        ),
        (
            "rounding ROUND_HALF_UP -> ROUND_DOWN, from 2020-01-01 onward: application fee: an "
            "application of 0.50 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01: "
            "baseline 25.00 (offering 1 (2020-02-01): on-time), candidate 5.00 (offering 1 "
            "(2020-02-01): on-time) [constructed]"
        ),
        id="rounding",
    ),
    pytest.param(
        {"time_zone": "Asia/Tokyo"},
        (
            "2 case(s) at 2020-01-01T09:00:00-06:00 (2020-01-01 in America/Chicago, 2020-01-02 in "
            "Asia/Tokyo): an application for an offering starting 2020-01-01, and a roster for an "
            "offering of 2020-01-02, where both can be built"
        ),
        (
            "time_zone America/Chicago -> Asia/Tokyo, from 2020-01-01 onward: application "
            "decision: an application of 0.25 CEC submitted 2020-01-01T09:00:00-06:00 for "
            "offering(s) starting 2020-01-01: baseline 18.75 (offering 1 (2020-01-01): late), "
            "candidate 0.00 (offering 1 (2020-01-01): past) [constructed]"
        ),
        id="time-zone",
    ),
    pytest.param(
        {"reporting_window_days": 60},
        (
            "a one-member roster reported 2020-01-01 for an offering that ended 46 day(s) before, "
            "2019-11-16: closed under the shorter window only"
        ),
        (
            "reporting_window_days 45 -> 60, from 2020-01-01 onward: roster decision: a roster of "
            "1 row(s) for the offering of 2019-11-16 reported 2020-01-01: baseline 0.00 (row 2: "
            "refused: window-closed), candidate 5.00 (row 2: accepted) [constructed]"
        ),
        id="reporting-window",
    ),
    pytest.param(
        {"cec_maximum": Decimal("50")},
        (
            "applications submitted 2020-01-01 for an on-time offering with the fewest CECs above "
            "the lower maximum 50 (50.25)"
        ),
        (
            "cec_maximum 100 -> 50, from 2020-01-01 onward: application decision: an application "
            "of 50.25 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01: baseline "
            "2512.50 (offering 1 (2020-02-01): on-time), candidate 0.00 (application: refused; "
            "CECs 50.25 are refused: an offering carries at most 50 CECs) [constructed]"
        ),
        id="maximum",
    ),
    pytest.param(
        {"cec_increment": Decimal("0.1")},
        (
            "applications submitted 2020-01-01 for an on-time offering, at one step of either "
            "policy that is not a multiple of the other's (0.1, 0.25 CEC)"
        ),
        (
            "cec_increment 0.25 -> 0.1, from 2020-01-01 onward: application decision: an "
            "application of 0.1 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01: "
            "baseline 0.00 (application: refused; CECs 0.1 are refused: CECs come in steps of "
            "0.25; use a multiple such as 1.00), candidate 5.00 (offering 1 (2020-02-01): on-time) "
            "[constructed]"
        ),
        id="increment",
    ),
    pytest.param(
        {"charge_per_offering": False},
        (
            "applications submitted 2020-01-01 with 2 on-time offering(s) starting 2020-02-01, "
            "2020-02-02, at 0.25, 0.50, 1, 2, 4, 8, 16, 32, 64, 100 CEC"
        ),
        (
            "charge_per_offering True -> False, from 2020-01-01 onward: application fee: an "
            "application of 0.25 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01, "
            "2020-02-02: baseline 25.00 (offering 1 (2020-02-01): on-time; offering 2 "
            "(2020-02-02): on-time), candidate 12.50 (offering 1 (2020-02-01): on-time; offering 2 "
            "(2020-02-02): on-time) [constructed]"
        ),
        id="per-offering",
    ),
]


class TestEveryField:
    """Every field that changes an outcome has its own construction."""

    @pytest.mark.parametrize(
        ("changes", "kind"),
        [
            pytest.param({"application_fee_per_cec": Decimal(10)}, "application fee", id="rate"),
            pytest.param({"late_surcharge_per_cec": Decimal(0)}, "application fee", id="surcharge"),
            pytest.param({"late_window_days": 20}, "application decision", id="late-window"),
            pytest.param({"member_filing_fee": Decimal(7)}, "roster filing fee", id="member"),
            pytest.param({"guest_filing_fee": Decimal(12)}, "roster filing fee", id="guest"),
            pytest.param({"aast_id_characters": "0-9"}, "roster decision", id="id-characters"),
            pytest.param({"aast_id_min_length": 3}, "roster decision", id="id-shortest"),
            pytest.param({"aast_id_max_length": 30}, "roster decision", id="id-longest"),
            pytest.param({"name_max_length": 2}, "roster decision", id="name-length"),
            pytest.param(
                {"name_mismatch": NameMismatch.REFUSE}, "roster decision", id="name-mismatch"
            ),
            pytest.param({"max_cell_length": 10}, "roster decision", id="cell-length"),
            pytest.param({"max_roster_rows": 2}, "roster decision", id="row-limit"),
            pytest.param({"max_columns": 3}, "roster decision", id="fewer-columns"),
            pytest.param({"max_columns": 7}, "roster decision", id="more-columns"),
            pytest.param({"max_line_length": 100}, "roster decision", id="line-length"),
            pytest.param(
                {"rounding": "ROUND_DOWN", "application_fee_per_cec": Decimal("10.01")},
                "application fee",
                id="rounding",
            ),
        ],
    )
    def test_each_field_is_shown_by_a_built_case(self, changes: dict[str, Any], kind: str) -> None:
        """Each changed field has a constructed example of the expected kind."""
        result = find_differences(DEFAULT_POLICY, evolve(**changes), budget=BUDGET)
        assert sorted(changes) == sorted(c.field for c in result.changes)
        for change in result.changes:
            difference = example_of(change)
            assert (change.field, "constructed") == (difference.field, difference.how)
        assert kind == example_of(result.changes[-1]).kind

    @pytest.mark.parametrize(("changes", "tried", "explanation"), BUILT_CASES)
    def test_what_each_construction_tried_and_found(
        self, changes: dict[str, Any], tried: str, explanation: str
    ) -> None:
        """Each construction says what it built, and the example is the first built case
        that the field alone changes, in full."""
        change = find_differences(DEFAULT_POLICY, evolve(**changes), budget=BUDGET).changes[-1]
        assert (tried, explanation) == (change.tried, change.explanation)

    def test_the_aast_id_example_is_allowed_by_one_knob_only(self) -> None:
        """The built roster's AAST ID is refused under one knob and allowed under the other."""
        candidate = evolve(aast_id_characters="A-Z0-9")
        difference = example_of(only_change(DEFAULT_POLICY, candidate))
        assert isinstance(difference.example, RosterCase)
        aast_id = difference.example.source.decode().splitlines()[1].split(",")[1]
        assert DEFAULT_POLICY.aast_id_regex.fullmatch(aast_id)
        assert not candidate.aast_id_regex.fullmatch(aast_id)

    def test_a_time_zone_with_an_aware_submission(self) -> None:
        """Chicago -> Tokyo: a submission at an aware moment whose date differs in the two
        zones makes an offering late under one and past under the other."""
        difference = example_of(only_change(DEFAULT_POLICY, evolve(time_zone="Asia/Tokyo")))
        example = difference.example
        assert isinstance(example, Application)
        assert isinstance(example.submitted, datetime)
        assert example.submitted.tzinfo is not None
        assert {OfferingTiming.LATE, OfferingTiming.PAST} == {
            dict(difference.baseline.decisions).get((0, example.offerings[0])),
            dict(difference.candidate.decisions).get((0, example.offerings[0])),
        }

    def test_zones_that_agree_say_what_was_tried(self) -> None:
        """Two names of the same zone give the same date at every moment: nothing differs."""
        change = only_change(DEFAULT_POLICY, evolve(time_zone="US/Central"))
        assert change.difference is None
        assert "give the same date at every quarter hour" in change.tried
        assert f"then searched {BUDGET} generated applications and rosters" in change.tried

    def test_rounding_that_cannot_show_says_what_was_tried(self) -> None:
        """With whole-cent rates and quarter CECs every line is exact: the rounding mode
        changes nothing, and the search says what it tried."""
        change = only_change(DEFAULT_POLICY, evolve(rounding="ROUND_DOWN"))
        assert change.difference is None
        assert "at 200 CEC amount(s) valid under both (0.25 to 50.00); 3 roster(s)" in (
            change.tried
        )
        assert "no difference found; tried" in change.explanation

    def test_a_field_with_no_effect_is_not_searched(self) -> None:
        """guest_fee_below_member changes no outcome: listed, with the reason, no search."""
        change = only_change(DEFAULT_POLICY, evolve(guest_fee_below_member=True))
        assert change.difference is None
        assert change.tried.startswith("nothing: it changes no fee and no decision")

    def test_the_same_step_written_twice_is_no_change(self) -> None:
        """0.25 and 0.250 are the same increment."""
        result = find_differences(DEFAULT_POLICY, evolve(cec_increment=Decimal("0.250")))
        assert () == result.changes

    def test_a_row_limit_too_large_to_build(self) -> None:
        """A difference past 200,001 rows is not built, and the search says so."""
        bigger = evolve(max_roster_rows=300_000)
        change = only_change(evolve(max_roster_rows=250_000), bigger)
        assert change.tried.startswith(
            "a roster of 250,001 rows, one more than the lower row limit, is more than the "
            "200,001 rows the search builds; the difference shows only on rosters that large; "
            "then searched "
        )

    def test_the_largest_roster_the_search_builds(self) -> None:
        """Under the default limit of 200,000 rows, a roster of 200,001 rows is still
        built and shows the higher limit."""
        change = only_change(DEFAULT_POLICY, evolve(max_roster_rows=250_000))
        example = example_of(change).example
        assert isinstance(example, RosterCase)
        assert cases.LARGEST_BUILT_ROSTER == row_count(example)

    def test_a_line_one_character_short_after_every_extra_column(self) -> None:
        """One extra column of 20 characters leaves a line of 63 one character short: no
        roster is built, and the search says so."""
        base = evolve(label="baseline", max_columns=6, max_cell_length=20)
        change = only_change(base, attrs.evolve(base, label="candidate", max_line_length=62))
        assert change.tried.startswith(
            "a line of 63 characters needs a longer Program ID or more than the 1 extra "
            "column(s) of 20 characters that both policies allow"
        )

    def test_a_line_too_long_for_the_cells_and_no_extra_column(self) -> None:
        """With no column beyond the five and cells of 20 characters, no row reaches 101
        characters: the search says so, naming none extra."""
        base = evolve(label="baseline", max_columns=5, max_cell_length=20)
        change = only_change(base, attrs.evolve(base, label="candidate", max_line_length=100))
        assert change.tried.startswith(
            "a line of 101 characters needs a longer Program ID or more than the 0 extra "
            "column(s) of 20 characters that both policies allow"
        )

    def test_an_example_of_four_rows_is_shown_whole(self) -> None:
        """Four decisions are shown, and none is counted as more."""
        change = only_change(DEFAULT_POLICY, evolve(max_roster_rows=3))
        assert (
            "baseline 20.00 (row 2: accepted; row 3: accepted; row 4: accepted; row 5: "
            "accepted), candidate 0.00"
        ) in change.explanation

    def test_a_line_no_roster_can_reach(self) -> None:
        """Under the default cell and column limits no line reaches 65,537 characters."""
        change = only_change(DEFAULT_POLICY, evolve(max_line_length=100_000))
        assert change.difference is None
        assert "a line of 65537 characters needs a longer Program ID" in change.tried
        assert change.tried.endswith(
            f"; then searched {BUDGET} generated rosters from 2020-01-01 onward"
        )

    def test_knobs_written_apart_that_allow_the_same_ids(self) -> None:
        """A-Z and A-MN-Z allow the same IDs: no ID tells them apart."""
        base = evolve(aast_id_characters="A-Z")
        change = only_change(base, evolve(aast_id_characters="A-MN-Z"))
        assert change.difference is None
        assert "the two knobs allow the same IDs" in change.tried

    @pytest.mark.parametrize(("limit", "shown"), [(19, 20), (20, 20), (25, 20)])
    def test_a_built_roster_of_more_than_twenty_rows_is_cut_in_json(
        self, limit: int, shown: int
    ) -> None:
        """An example roster shows its first 20 rows, and how many it has: one of 20
        rows is shown whole."""
        change = only_change(DEFAULT_POLICY, evolve(max_roster_rows=limit))
        example = example_of(change).to_dict()["example"]
        assert (limit + 1, shown + 1) == (
            example["roster_rows"],
            len(example["roster"].splitlines()),
        )

    def test_a_long_example_roster_says_how_many_rows_more(self) -> None:
        """The explanation of a long example roster counts the rows it does not show."""
        change = only_change(DEFAULT_POLICY, evolve(max_roster_rows=25))
        assert "a roster of 26 row(s)" in change.explanation
        assert "and 22 more" in change.explanation

    def test_every_policy_field_is_in_the_table(self) -> None:
        """FIELD_EFFECTS names every field of Policy, and each field with an effect has a
        construction."""
        fields = [f.name for f in attrs.fields(Policy) if f.init]
        assert sorted(fields) == sorted(FIELD_EFFECTS)
        with_effect = {name for name, effect in FIELD_EFFECTS.items() if effect is not None}
        assert with_effect == set(cases.BUILDERS)


class TestWhatCannotBeBuilt:
    """A field whose case cannot be built says why, and the other fields still are."""

    def test_knobs_with_no_id_in_common(self) -> None:
        """Digit IDs against letter IDs: no roster is accepted under both, so roster fields
        cannot be built; the AAST ID knob itself, and applications, still can."""
        base = evolve(label="digits", aast_id_characters="0-9")
        candidate = evolve(
            aast_id_characters="A-Z",
            reporting_window_days=30,
            rounding="ROUND_DOWN",
            time_zone="Asia/Tokyo",
        )
        changes = {c.field: c for c in find_differences(base, candidate, budget=1).changes}
        assert "aast_id_characters" == example_of(changes["aast_id_characters"]).field
        assert changes["reporting_window_days"].tried.startswith(
            "no 1 AAST ID(s) are allowed by [0-9]{1,20} and [A-Z]{1,20}, so no such roster "
            "can be accepted under both"
        )
        assert "; 0 roster(s) of one member" in changes["rounding"].tried
        time_zone = example_of(changes["time_zone"])
        assert isinstance(time_zone.example, Application)
        assert changes["time_zone"].tried.startswith("1 case(s) at 2020-01-01T09:00:00-06:00")

    def test_steps_with_no_amount_in_common(self) -> None:
        """Steps of 0.25 and 0.33 below 8.25 CECs have no amount in common: application
        fields cannot be built; a roster still shows the time zone."""
        base = evolve(label="small", cec_maximum=Decimal("0.5"))
        candidate = evolve(
            cec_increment=Decimal("0.33"),
            cec_maximum=Decimal("0.5"),
            application_fee_per_cec=Decimal(10),
            rounding="ROUND_DOWN",
            time_zone="Asia/Tokyo",
        )
        changes = {c.field: c for c in find_differences(base, candidate, budget=1).changes}
        assert changes["application_fee_per_cec"].tried.startswith(
            "no CEC amount is valid under both (steps 0.25 and 0.33, at most 0.5 and 0.5); "
            "then searched"
        )
        assert "at 0 CEC amount(s) valid under both (none)" in changes["rounding"].tried
        assert isinstance(example_of(changes["time_zone"]).example, RosterCase)

    def test_many_characters_one_knob_allows(self) -> None:
        """The characters tried are at most eight, the shortest IDs first."""
        base = evolve(label="ten letters", aast_id_characters="ABCDEFGHIJ")
        change = only_change(base, evolve(aast_id_characters="Z"))
        assert "allows and the other refuses: 'A', 'B', 'C', 'D'" in change.tried

    def test_a_knob_of_other_scripts(self) -> None:
        """A knob with no ASCII letter or digit builds IDs from its own characters."""
        base = evolve(label="greek", aast_id_characters="α-ω")
        change = only_change(base, evolve(aast_id_characters="α-ω", aast_id_max_length=3))
        difference = example_of(change)
        assert isinstance(difference.example, RosterCase)
        assert "αααα" in difference.example.source.decode()

    def test_a_time_zone_at_the_end_of_the_calendar(self) -> None:
        """A zone change on 9999-12-31 has no moment left whose dates differ in the period."""
        candidate = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(effective_from=date(9999, 12, 31), policy=evolve(time_zone="Asia/Tokyo"))
        )
        change = only_change(DEFAULT_POLICY, candidate)
        assert "from 9999-12-31 onward" == change.when
        assert change.tried.startswith(
            "the zones America/Chicago and Asia/Tokyo give the same date at every quarter hour"
        )

    def test_a_time_zone_at_the_start_of_the_calendar(self) -> None:
        """On 0001-01-01 the early hours fall before year 1 in Chicago: a later moment of
        the day still shows the change."""
        base = PolicySchedule.single(DEFAULT_POLICY, effective_from=date(1, 1, 1))
        candidate = PolicySchedule.single(
            evolve(time_zone="Asia/Tokyo"), effective_from=date(1, 1, 1)
        )
        difference = example_of(only_change(base, candidate))
        assert isinstance(difference.example, Application)
        submitted = difference.example.submitted
        assert isinstance(submitted, datetime)
        assert (date(1, 1, 1), date(1, 1, 2)) == (
            submitted.date(),
            submitted.astimezone(ZoneInfo("Asia/Tokyo")).date(),
        )

    def test_a_policy_in_force_alone_at_the_end_of_the_calendar(self) -> None:
        """Only the candidate is in force on 9999-12-31: nothing can be built, and the
        search of that day compares the two schedules as they are."""
        base = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\neffective_until = 9999-12-30\n"
        )
        changes = find_differences(base, DEFAULT_POLICY, budget=BUDGET).changes
        (change,) = [c for c in changes if c.field == "policy in force"]
        assert ("none", "from 9999-12-31 onward") == (change.baseline, change.when)
        assert "past the calendar" in change.tried
        assert example_of(change).how == "searched"

    def test_a_mix_that_is_no_policy_searches_the_schedules(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the baseline with one field taken from the candidate is no valid policy (a
        maximum below its step), the search compares the two schedules as they are."""
        monkeypatch.setitem(
            cases.BUILDERS, "cec_maximum", lambda p, b, c: cases.Attempt("none", ())
        )
        base = evolve(label="whole CECs", cec_increment=Decimal(1))
        candidate = evolve(cec_increment=Decimal("0.25"), cec_maximum=Decimal("0.5"))
        result = find_differences(base, candidate, budget=BUDGET)
        (change,) = [c for c in result.changes if c.field == "cec_maximum"]
        assert "searched" == example_of(change).how


class TestPeriodsAndVersions:
    def test_identical_policies_have_nothing_to_search(self) -> None:
        """Two equal policies: no change, and the explanation says no case can differ."""
        result = find_differences(DEFAULT_POLICY, DEFAULT_POLICY, budget=BUDGET)
        assert () == result.changes
        assert () == result.differences
        assert "agree on every figure on every day, in the same versions" in result.explanation
        assert [] == json.loads(json.dumps(result.to_dict()))["changes"]

    def test_a_schedule_starting_in_2031(self) -> None:
        """Before 2031 only the baseline is in force: an application submitted on its first
        day is assessed under the baseline and not assessable under the candidate."""
        candidate = schedule_from_toml("[[versions]]\neffective_from = 2031-01-01")
        change = only_change(DEFAULT_POLICY, candidate)
        assert ("policy in force", "'AAST CEC program 2020'", "none") == (
            change.field,
            change.baseline,
            change.candidate,
        )
        assert (date(2020, 1, 1), date(2030, 12, 31)) == (change.first_day, change.last_day)
        assert (("application", "not assessable"),) == example_of(change).candidate.decisions

    def test_a_bounded_sale_is_found_in_its_period(self) -> None:
        """The $10 sale through December 31 differs in its own period only."""
        sale = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n[[versions]]\n"
            'effective_from = 2026-11-01\neffective_until = 2026-12-31\nlabel = "sale"\n'
            'application_fee_per_cec = "10.00"\n'
        )
        change = only_change(DEFAULT_POLICY, sale)
        assert "from 2026-11-01 to 2026-12-31" == change.when
        assert date(2026, 11, 1) == example_of(change).example.submitted  # type: ignore[union-attr]

    def test_a_one_day_version(self) -> None:
        """A version of one day differs on that day only, and the JSON says so."""
        one_day = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(
                effective_from=date(2026, 7, 4),
                effective_until=date(2026, 7, 4),
                policy=evolve(member_filing_fee=Decimal(0)),
            )
        )
        result = find_differences(DEFAULT_POLICY, one_day, budget=BUDGET)
        (change,) = result.changes
        assert "on 2026-07-04" == change.when
        assert result.explanation.startswith(
            "1 change(s) between 'AAST CEC program 2020' and "
            "'AAST CEC program 2020 / candidate', 1 with an example:\n"
            "  member_filing_fee 5.00 -> 0, on 2026-07-04: roster filing fee: a roster of 1 "
            "row(s) for the offering of 2026-07-04 reported 2026-07-04"
        )
        data = json.loads(json.dumps(result.to_dict()))
        assert ("2026-07-04", "2026-07-04", "constructed") == (
            data["changes"][0]["first_day"],
            data["changes"][0]["last_day"],
            data["differences"][0]["how"],
        )
        roster = data["differences"][0]["example"]
        assert (1, "2026-07-04") == (roster["roster_rows"], roster["reported_at"])
        assert [] == data["not_found"]

    def test_a_change_in_several_periods_is_counted(self) -> None:
        """The same change in two periods is listed once, with the later period counted."""
        higher = evolve(member_filing_fee=Decimal(7))
        candidate = PolicySchedule(
            [
                PolicyVersion(effective_from=date(2020, 1, 1), policy=higher),
                PolicyVersion(
                    effective_from=date(2024, 1, 1),
                    effective_until=date(2024, 12, 31),
                    policy=DEFAULT_POLICY,
                ),
            ]
        )
        change = only_change(DEFAULT_POLICY, candidate)
        assert 2 == change.periods
        assert "(and 1 later period(s))" in change.explanation

    def test_schedules_split_apart_but_equal_every_day_are_searched(self) -> None:
        """Equal figures on every day in versions split apart: searched, not built."""
        split = PolicySchedule(
            [
                PolicyVersion(
                    effective_from=date(2020, 1, 1),
                    effective_until=date(2025, 12, 31),
                    policy=DEFAULT_POLICY,
                ),
                PolicyVersion(effective_from=date(2026, 1, 1), policy=DEFAULT_POLICY),
            ]
        )
        change = only_change(DEFAULT_POLICY, split)
        assert ("versions", "from 2020-01-01 onward") == (change.field, change.baseline)
        assert (date(2020, 1, 1), None, 1) == (change.first_day, change.last_day, change.periods)
        assert "from 2020-01-01 to 2025-12-31, from 2026-01-01 onward" == change.candidate
        assert change.difference is None
        assert change.tried == (
            "nothing to build: every figure agrees on every day; searched "
            f"{BUDGET} generated applications and rosters at and around every version date"
        )

    def test_a_difference_found_around_version_dates_is_given(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Should the search around the version dates of schedules split apart find a case,
        the change carries it."""
        found = Difference(
            kind="application fee",
            example=_one_row_roster(),
            baseline=application_outcome(
                Application(
                    program=Program(title="t", cecs=1),
                    offerings=[Offering(date(2026, 6, 1))],
                    submitted=date(2026, 1, 1),
                ),
                DEFAULT_POLICY,
            ),
            candidate=roster_outcome(_one_row_roster(), DEFAULT_POLICY),
            field="versions",
            how="searched",
        )
        monkeypatch.setattr(search, "_search_field", lambda *args: (found, "searched"))
        split = PolicySchedule(
            [
                PolicyVersion(
                    effective_from=date(2020, 1, 1),
                    effective_until=date(2025, 12, 31),
                    policy=DEFAULT_POLICY,
                ),
                PolicyVersion(effective_from=date(2026, 1, 1), policy=DEFAULT_POLICY),
            ]
        )
        change = only_change(DEFAULT_POLICY, split)
        assert (found, "nothing to build: every figure agrees on every day; searched") == (
            change.difference,
            change.tried,
        )

    def test_dates_at_the_end_of_the_calendar(self) -> None:
        """A version starting on 9999-12-30 cannot hold an offering 31 days later: the
        construction says so, Hypothesis finds a case in the two days left, and no error
        escapes."""
        candidate = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(
                effective_from=date(9999, 12, 30),
                policy=evolve(application_fee_per_cec=Decimal(60)),
            )
        )
        change = only_change(DEFAULT_POLICY, candidate)
        assert change.tried.startswith(
            "a case would need a date +31 days from 9999-12-30, past the calendar (years 1 to "
            "9999); none was built; then searched "
        )
        difference = example_of(change)
        assert ("searched", "application fee") == (difference.how, difference.kind)

    def test_the_search_complements_a_construction(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When no built case shows a field, Hypothesis searches the field's period, and a
        case it finds differs with that field alone changed."""
        monkeypatch.setitem(
            cases.BUILDERS,
            "application_fee_per_cec",
            lambda period, b, c: cases.Attempt("no case", ()),
        )
        change = only_change(DEFAULT_POLICY, evolve(application_fee_per_cec=Decimal(10)))
        difference = example_of(change)
        assert ("searched", "application fee", "application_fee_per_cec") == (
            difference.how,
            difference.kind,
            difference.field,
        )
        assert change.tried.startswith("no case; then searched ")
        assert "[searched]" in change.explanation

    def test_a_search_that_cannot_run_says_so(self) -> None:
        """A Hypothesis error is a result saying the search could not run, never raised."""
        searched = search_counted(
            st.dates(min_value=date(2031, 1, 1), max_value=date(2030, 1, 1)),
            lambda day: True,
            BUDGET,
        )
        assert (None, 0) == (searched.example, searched.assessed)
        assert searched.error is not None
        assert searched.error.startswith("InvalidArgument")

    def test_a_field_search_that_cannot_run_says_so(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The field's tried text carries the error of a search that could not run."""
        monkeypatch.setitem(
            cases.BUILDERS, "late_window_days", lambda period, b, c: cases.Attempt("x", ())
        )
        monkeypatch.setattr(
            search,
            "_cases",
            lambda *args: (st.dates(date(2031, 1, 1), date(2030, 1, 1)), "dates"),
        )
        change = only_change(DEFAULT_POLICY, evolve(late_window_days=20))
        assert "the search of generated dates from 2020-01-01 onward could not run" in (
            change.tried
        )


class TestAnExampleIsTheFieldsOwn:
    """When several fields differ, the example given for one is one that field alone
    changes, in the baseline's setting or the candidate's."""

    def test_a_rounding_mode_with_no_effect_takes_no_example_from_the_rate(self) -> None:
        """With whole-cent rates every line is exact: the rate's change shows in every
        application, but none is given as the rounding mode's example, built or searched."""
        result = find_differences(
            DEFAULT_POLICY,
            evolve(rounding="ROUND_DOWN", application_fee_per_cec=Decimal(60)),
            budget=BUDGET,
        )
        by_field = {change.field: change for change in result.changes}
        assert by_field["rounding"].difference is None
        assert f"then searched {BUDGET} generated applications and rosters" in (
            by_field["rounding"].tried
        )
        rate = example_of(by_field["application_fee_per_cec"])
        assert ("constructed", "application fee") == (rate.how, rate.kind)

    def test_a_rounding_mode_shows_in_the_candidate_setting(self) -> None:
        """ROUND_DOWN changes nothing at the baseline's $50 rate, but at the candidate's
        $10.01 it does: the example is one where the mode alone changes the fee."""
        candidate = evolve(rounding="ROUND_DOWN", application_fee_per_cec=Decimal("10.01"))
        result = find_differences(DEFAULT_POLICY, candidate, budget=BUDGET)
        rounding = next(c for c in result.changes if c.field == "rounding")
        example = example_of(rounding).example
        assert isinstance(example, Application)
        half_up = attrs.evolve(candidate, rounding="ROUND_HALF_UP")
        assert assess_application(example, policy=half_up).total != (
            assess_application(example, policy=candidate).total
        )

    def test_a_search_attributes_nothing_to_a_field_the_other_explains(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With no built case, the generated search of a field with no effect finds no
        example, though every case differs by the rate."""
        monkeypatch.setitem(cases.BUILDERS, "rounding", lambda period, b, c: cases.Attempt("x", ()))
        result = find_differences(
            DEFAULT_POLICY,
            evolve(rounding="ROUND_DOWN", application_fee_per_cec=Decimal(60)),
            budget=BUDGET,
        )
        rounding = next(c for c in result.changes if c.field == "rounding")
        assert (
            None,
            f"x; then searched {BUDGET} generated applications and rosters from 2020-01-01 onward",
        ) == (rounding.difference, rounding.tried)


class TestWhatIsBuilt:
    """Each construction says what it builds, and builds what it says."""

    @pytest.mark.parametrize(
        ("amount", "step", "multiple"),
        [
            ("0.5", "0.25", True),
            ("0.25", "0.5", False),
            ("0.3", "0.1", True),
            ("1", "0.33", False),
            ("0.99", "0.33", True),
            ("2", "1", True),
            ("0.70", "0.1", True),
            ("1", "0.1", True),
            ("1.05", "0.1", False),
        ],
    )
    def test_is_multiple(self, amount: str, step: str, multiple: bool) -> None:
        """Whether an amount is a whole number of steps, exactly, at any scale."""
        assert multiple is is_multiple(Decimal(amount), Decimal(step))

    @pytest.mark.parametrize(
        ("number", "places", "scaled"),
        [("-1.5", 1, -15), ("1.5", 2, 150), ("0", 3, 0), ("1E+2", 0, 100)],
    )
    def test_scaled(self, number: str, places: int, scaled: int) -> None:
        """A number times a power of ten, as an exact int, its sign kept."""
        assert scaled == amounts.scaled(Decimal(number), places)

    def test_scaled_to_fewer_places(self) -> None:
        """Trailing zeros past the places are dropped exactly; any other digit there is an
        error, never a float."""
        assert (3, -3) == (
            amounts.scaled(Decimal("0.30"), 1),
            amounts.scaled(Decimal("-0.300"), 1),
        )
        with pytest.raises(ValueError, match=r"0\.35 has more than 1 decimal place"):
            amounts.scaled(Decimal("0.35"), 1)

    @pytest.mark.parametrize(
        ("value", "step", "above", "at_most"),
        [
            ("50", "0.25", "50.25", "50"),
            ("50.10", "0.5", "50.50", "50"),
            ("0.99", "0.33", "1.32", "0.99"),
            ("7", "2", "8", "6"),
        ],
    )
    def test_multiples_around_a_value(
        self, value: str, step: str, above: str, at_most: str
    ) -> None:
        """The smallest multiple of a step above a value, and the largest not above it,
        exactly and written plainly."""
        pair = (
            amounts.multiple_above(Decimal(value), Decimal(step)),
            amounts.largest_multiple(Decimal(value), Decimal(step)),
        )
        assert (above, at_most) == tuple(map(str, pair))

    @pytest.mark.parametrize(
        ("step", "top", "expected"),
        [
            ("0.25", "1", ["0.25", "0.50", "1"]),
            ("0.1", "0.35", ["0.10", "0.20", "0.30"]),
            ("0.25", "100", ["0.25", "0.50", "1", "2", "4", "8", "16", "32", "64", "100"]),
        ],
    )
    def test_doubling_amounts(self, step: str, top: str, expected: list[str]) -> None:
        """One step, two, four, ... not above the top, then the largest multiple of the
        step not above it."""
        assert expected == [str(a) for a in amounts.doubling_amounts(Decimal(step), Decimal(top))]

    def test_doubling_stops_after_forty_doublings(self) -> None:
        """However high the top, at most forty doublings are tried, then the top."""
        found = amounts.doubling_amounts(Decimal(1), Decimal(2**41))
        assert [*(Decimal(2**n) for n in range(40)), Decimal(2**41)] == found

    @pytest.mark.parametrize(
        ("numbers", "places"), [(("0.25", "1"), 2), (("1E+2", "5"), 0), (("7",), 0), (("0.5",), 1)]
    )
    def test_decimal_places(self, numbers: tuple[str, ...], places: int) -> None:
        """The most digits after the point among the numbers; none for whole ones, however
        they are written."""
        assert places == amounts.decimal_places(*map(Decimal, numbers))

    @pytest.mark.parametrize("which", ["first", "last", "between"])
    def test_a_period_gives_the_search_both_ends_and_the_days_between(self, which: str) -> None:
        """A search of a bounded period tries its first day, its last day and the days
        between, within a few cases."""
        period = Period(date(2026, 11, 1), date(2026, 12, 31), None, None)
        wanted = {
            "first": lambda day: day == period.first,
            "last": lambda day: day == period.last,
            "between": lambda day: period.first < day < date(2026, 12, 31),
        }[which]
        assert search_counted(period.dates(), wanted, 5).example is not None

    def test_a_period_covers_its_first_and_last_days(self) -> None:
        """A bounded period covers its first and last days and none outside."""
        period = Period(date(2026, 11, 1), date(2026, 12, 31), None, None)
        days = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 12, 31), date(2027, 1, 1)]
        assert [False, True, True, False] == [period.covers(d) for d in days]

    def test_a_step_that_is_a_multiple_of_the_other_is_not_tried(self) -> None:
        """0.25 -> 0.5: 0.5 is two of the old steps, so only 0.25 is tried."""
        change = only_change(DEFAULT_POLICY, evolve(cec_increment=Decimal("0.5")))
        assert change.tried.endswith("not a multiple of the other's (0.25 CEC)")
        assert Decimal("0.25") == example_of(change).example.program.cecs

    @pytest.mark.parametrize(
        ("changes", "timing", "start"),
        [
            ({"late_surcharge_per_cec": Decimal(0)}, "late", "2020-01-01"),
            ({"application_fee_per_cec": Decimal(60)}, "on-time", "2020-02-01"),
        ],
    )
    def test_fee_applications_say_their_timing(
        self, changes: dict[str, Any], timing: str, start: str
    ) -> None:
        """A rate is shown by offerings late under both, or on time under both."""
        change = only_change(DEFAULT_POLICY, evolve(**changes))
        assert change.tried.startswith(
            f"applications submitted 2020-01-01 with 1 {timing} offering(s) starting {start}, "
            "at 0.25, 0.50, 1, 2, 4, 8, 16, 32, 64, 100 CEC"
        )

    @pytest.mark.parametrize("kind", list(AccountKind))
    def test_filing_fee_rosters(self, kind: AccountKind) -> None:
        """A filing fee is shown by rosters of growing size, reported on the offering's
        day, of attendees of the fee's kind, up to the lower row limit."""
        field = f"{kind.value}_filing_fee"
        base = evolve(label="baseline", max_roster_rows=50)
        changes: dict[str, Any] = {"label": "candidate", field: Decimal(13)}
        change = only_change(base, attrs.evolve(base, **changes))
        assert change.tried == (
            f"rosters of 1, 10 {kind.value}(s) reported 2020-01-01, the offering's day"
        )
        example = example_of(change).example
        assert isinstance(example, RosterCase)
        assert (date(2020, 1, 1), date(2020, 1, 1)) == (example.reported_at, example.offering.end)
        report = example.check(base)
        assert (1, kind is AccountKind.MEMBER, kind is AccountKind.GUEST) == (
            len(report.accepted),
            report.members == 1,
            report.guests == 1,
        )

    @pytest.mark.parametrize(
        ("cell", "limit", "length"), [(1000, 100, 101), (20, 100, 101), (20, 41, 43)]
    )
    def test_a_line_one_character_over_the_lower_limit(
        self, cell: int, limit: int, length: int
    ) -> None:
        """The built row is a line of the lower limit plus one, padded in the Program ID
        and then in extra cells within the cell limit; when a single character is left
        to add, an extra cell of one character makes it two."""
        base = evolve(label="baseline", max_cell_length=cell)
        change = only_change(base, attrs.evolve(base, label="candidate", max_line_length=limit))
        example = example_of(change).example
        assert isinstance(example, RosterCase)
        row = example.source.decode().splitlines()[1]
        assert length == len(row)
        assert all(len(c) <= cell for c in row.split(","))
        assert row.startswith("PRG-10")

    @pytest.mark.parametrize(("limit", "program_id"), [(10, "PRG-0000000"), (2, "PPP")])
    def test_a_program_id_one_character_over_the_cell_limit(
        self, limit: int, program_id: str
    ) -> None:
        """The built Program ID is one character longer than the lower cell limit."""
        period = Period(date(2026, 1, 1), None, DEFAULT_POLICY, evolve(max_cell_length=limit))
        (roster,) = cases.build_attempt("max_cell_length", period).cases
        assert isinstance(roster, RosterCase)
        assert program_id == roster.source.decode().splitlines()[1].split(",")[0]

    def test_a_last_name_one_character_over_the_shorter_limit(self) -> None:
        """The built last name is one character longer than the shorter name limit."""
        period = Period(date(2026, 1, 1), None, DEFAULT_POLICY, evolve(name_max_length=4))
        (roster,) = cases.build_attempt("name_max_length", period).cases
        assert isinstance(roster, RosterCase)
        assert "Leeee" == roster.source.decode().splitlines()[1].split(",")[3]

    @pytest.mark.parametrize(
        ("knob", "alphabet"),
        [
            ("AB_", "AB"),
            ("A_", "A_"),
            ("_.", "_."),
            ("A-Z", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            ("A-Za-z0-9-", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
        ],
    )
    def test_id_alphabet_prefers_letters_and_digits(self, knob: str, alphabet: str) -> None:
        """Built IDs use letters and digits when both knobs allow two or more; other
        characters only when fewer."""
        assert alphabet == cases.id_alphabet([evolve(aast_id_characters=knob)])


class TestPartsOfTheSearch:
    """The pieces the search is built of, where a whole search cannot show them."""

    def test_a_period_draws_its_first_day_first(self) -> None:
        """The simplest day a period gives the search is its first: a difference that shows
        from the first day on is given on that day."""
        period = Period(date(2031, 3, 1), None, DEFAULT_POLICY, DEFAULT_POLICY)
        assert date(2031, 3, 1) == find(period.dates(), lambda day: True)

    def test_no_common_ids_when_the_lengths_do_not_meet(self) -> None:
        """One knob's shortest ID is longer than the other's longest: no ID is allowed by
        both, however many characters they share."""
        policies = [evolve(aast_id_min_length=5), evolve(aast_id_max_length=3)]
        assert cases.common_ids(policies, 1) is None
        assert ["A", "B"] == cases.common_ids([DEFAULT_POLICY], 2)
        exact = evolve(aast_id_min_length=3, aast_id_max_length=3)
        assert ["AAA", "AAB"] == cases.common_ids([exact], 2)
        ids = cases.common_ids([DEFAULT_POLICY], 37)
        assert ids is not None
        assert (["AA", "AB"], "BA") == (ids[:2], ids[36])
        two = evolve(aast_id_characters="AB", aast_id_max_length=1)
        assert (["A", "B"], None) == (cases.common_ids([two], 2), cases.common_ids([two], 3))

    @pytest.mark.parametrize(
        ("allowed", "other", "distinct"),
        [("A-N", "A-M", ["N"]), ("A-Z", "A-M", ["N"]), ("A-Z", "B-Z", ["A"]), ("A-M", "A-Z", [])],
    )
    def test_distinct_chars(self, allowed: str, other: str, distinct: list[str]) -> None:
        """Characters one knob allows and the other does not: the first of each of its
        ranges, and the one just past each of the other's, to the end of its range."""
        assert distinct == cases.distinct_chars(
            evolve(aast_id_characters=allowed), evolve(aast_id_characters=other)
        )

    def test_a_maximum_no_other_amount_passes(self) -> None:
        """Maximums 50 and 50.1 on a step of 0.25: no amount lies above 50 and within 50.1,
        so none is built, and the sentence says so."""
        change = only_change(
            evolve(label="baseline", cec_maximum=Decimal(50)), evolve(cec_maximum=Decimal("50.1"))
        )
        assert change.difference is None
        assert change.tried.startswith(
            "applications submitted 2020-01-01 for an on-time offering with the fewest CECs "
            "above the lower maximum 50 (none is valid under the other); then searched "
        )
        assert re.search(r"then searched \d+ generated applications from 2020-01-01", change.tried)

    def test_common_cecs_at_a_maximum_of_one_step(self) -> None:
        """A maximum equal to the step allows that one amount."""
        one = evolve(cec_increment=Decimal(1), cec_maximum=Decimal(1))
        assert Decimal(1) == cases.common_cecs(one, DEFAULT_POLICY)

    def test_rounding_offerings_on_time_under_both_windows(self) -> None:
        """With the candidate's window shorter, the rounding mode's on-time offering still
        starts past the longer window: on time under both."""
        candidate = evolve(
            rounding="ROUND_DOWN", application_fee_per_cec=Decimal("10.01"), late_window_days=20
        )
        result = find_differences(DEFAULT_POLICY, candidate, budget=BUDGET)
        rounding = next(c for c in result.changes if c.field == "rounding")
        assert rounding.explanation == (
            "rounding ROUND_HALF_UP -> ROUND_DOWN, from 2020-01-01 onward: application fee: an "
            "application of 0.50 CEC submitted 2020-01-01 for offering(s) starting 2020-02-01: "
            "baseline 25.00 (offering 1 (2020-02-01): on-time), candidate 5.00 (offering 1 "
            "(2020-02-01): on-time) [constructed]"
        )

    def test_a_day_only_one_policy_is_in_force(self) -> None:
        """An application on time under the policy in force, and a one-member roster, both
        dated the period's first day."""
        period = Period(date(2020, 1, 1), date(2026, 12, 31), None, DEFAULT_POLICY)
        attempt = cases.build_attempt(IN_FORCE, period)
        application, roster = attempt.cases
        assert isinstance(application, Application)
        assert isinstance(roster, RosterCase)
        assert "an application submitted and a roster reported 2020-01-01" == attempt.tried
        assert (Decimal("0.25"), date(2020, 1, 1), date(2020, 2, 1)) == (
            application.program.cecs,
            application.submitted,
            application.offerings[0].start,
        )
        assert (1, date(2020, 1, 1)) == (row_count(roster), roster.reported_at)

    @pytest.mark.parametrize(("baseline_window", "candidate_window"), [(30, 20), (20, 30)])
    def test_a_maximum_shown_on_time_under_both_windows(
        self, baseline_window: int, candidate_window: int
    ) -> None:
        """With either late window shorter, the maximum's application starts past the
        longer one: on time under both."""
        baseline = evolve(label="baseline", late_window_days=baseline_window)
        candidate = evolve(cec_maximum=Decimal(50), late_window_days=candidate_window)
        result = find_differences(baseline, candidate, budget=BUDGET)
        maximum = next(c for c in result.changes if c.field == "cec_maximum")
        example = example_of(maximum).example
        assert isinstance(example, Application)
        assert date(2020, 2, 1) == example.offerings[0].start

    def test_what_the_rounding_mode_and_the_time_zone_build(self) -> None:
        """The rounding mode's rosters hold one member, one guest and three members; the
        time zone's roster one member."""
        period = Period(date(2026, 1, 1), None, DEFAULT_POLICY, evolve(rounding="ROUND_DOWN"))
        rosters = [
            c for c in cases.build_attempt("rounding", period).cases if isinstance(c, RosterCase)
        ]
        assert [1, 1, 3] == [row_count(r) for r in rosters]
        period = Period(date(2026, 1, 1), None, DEFAULT_POLICY, evolve(time_zone="Asia/Tokyo"))
        application, roster = cases.build_attempt("time_zone", period).cases
        assert isinstance(application, Application)
        assert isinstance(roster, RosterCase)
        assert (1, 1) == (len(application.offerings), row_count(roster))

    def test_a_zone_half_an_hour_off(self) -> None:
        """Kolkata is five and a half hours ahead of UTC: the first moment the dates differ
        is found to the quarter hour."""
        change = only_change(DEFAULT_POLICY, evolve(time_zone="Asia/Kolkata"))
        assert change.tried.startswith(
            "2 case(s) at 2020-01-01T12:30:00-06:00 (2020-01-01 in America/Chicago, "
            "2020-01-02 in Asia/Kolkata)"
        )

    def test_zones_seen_from_the_baseline_east_of_the_candidate(self) -> None:
        """Tokyo -> Chicago: the moment is the first quarter hour at which the two dates
        differ, both dates named in their own zones."""
        change = only_change(evolve(label="Tokyo", time_zone="Asia/Tokyo"), DEFAULT_POLICY)
        assert change.tried.startswith(
            "2 case(s) at 2020-01-02T00:00:00+09:00 (2020-01-02 in Asia/Tokyo, 2020-01-01 in "
            "America/Chicago): an application for an offering starting 2020-01-01, and a "
            "roster for an offering of 2020-01-02"
        )

    def test_a_search_draws_cases_inside_the_period(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no built case, a difference in force for two months only is found by
        generated cases dated inside those months."""
        monkeypatch.setitem(
            cases.BUILDERS, "application_fee_per_cec", lambda period, b, c: cases.Attempt("x", ())
        )
        sale = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(
                effective_from=date(2026, 11, 1),
                effective_until=date(2026, 12, 31),
                policy=evolve(label="sale", application_fee_per_cec=Decimal(10)),
            )
        )
        difference = example_of(only_change(DEFAULT_POLICY, sale))
        assert isinstance(difference.example, Application)
        submitted = difference.example.submitted
        day = submitted.date() if isinstance(submitted, datetime) else submitted
        assert date(2026, 11, 1) <= day <= date(2026, 12, 31)

    def test_a_policy_in_force_where_the_other_is_not(self) -> None:
        """A baseline in force only from 2027: the years before show as a change of the
        policy in force, each side named."""
        later = PolicySchedule.single(
            attrs.evolve(DEFAULT_POLICY, label="later"), effective_from=date(2027, 1, 1)
        )
        result = find_differences(later, DEFAULT_POLICY, budget=BUDGET)
        change = next(c for c in result.changes if c.field == "policy in force")
        assert ("none", "'AAST CEC program 2020'") == (change.baseline, change.candidate)
        dearer = PolicySchedule.single(
            evolve(label="later", application_fee_per_cec=Decimal(60)),
            effective_from=date(2027, 1, 1),
        )
        result = find_differences(dearer, DEFAULT_POLICY, budget=BUDGET)
        assert [
            ("policy in force", date(2020, 1, 1)),
            ("application_fee_per_cec", date(2027, 1, 1)),
        ] == [(c.field, c.first_day) for c in result.changes]

    def test_credits_lost_to_a_roster_refused_outright(self) -> None:
        """A roster the candidate refuses outright loses each row the baseline accepts:
        the rows read as refused, not as unread."""
        before = roster_outcome(_one_row_roster(), DEFAULT_POLICY)
        after = attrs.evolve(before, report=None, error="refused outright")
        assert (("roster", "refused"),) == after.decisions
        assert ["row 2: accepted -> refused"] == lost_credits(before, after)

    def test_more_than_three_rows_lost_are_counted(self) -> None:
        """A violation shows three lost rows and counts the rest."""
        check = check_policy(evolve(max_roster_rows=5), baseline=DEFAULT_POLICY, budget=BUDGET)
        (violation,) = check.violations
        assert violation.message.startswith(
            "max_roster_rows differs, and credits are lost (row 2: accepted -> not read; "
            "row 3: accepted -> not read; row 4: accepted -> not read; and 3 more) in "
        )

    def test_the_fewest_cecs_above_the_lower_maximum(self) -> None:
        """Steps 0.25 and 0.5, maximums 100 and 50: the first amount above 50 on both steps,
        then on the higher maximum's step alone; the first is refused by the maximum
        alone."""
        base = evolve(label="baseline")
        cand = evolve(cec_increment=Decimal("0.5"), cec_maximum=Decimal(50))
        result = find_differences(base, cand, budget=BUDGET)
        change = next(c for c in result.changes if c.field == "cec_maximum")
        assert change.tried.endswith("above the lower maximum 50 (50.50, 50.25)")
        assert Decimal("50.50") == example_of(change).example.program.cecs

    def test_a_field_is_compared_alone_on_every_day(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The policies that change one field alone are in force on every day the two
        schedules are, here from 2010: no case from before 2020 is taken for the field's."""
        monkeypatch.setitem(cases.BUILDERS, "rounding", lambda period, b, c: cases.Attempt("x", ()))
        result = find_differences(
            PolicySchedule.single(evolve(label="baseline"), effective_from=date(2010, 1, 1)),
            PolicySchedule.single(
                evolve(rounding="ROUND_DOWN", application_fee_per_cec=Decimal(60)),
                effective_from=date(2010, 1, 1),
            ),
            budget=BUDGET,
        )
        rounding = next(c for c in result.changes if c.field == "rounding")
        assert rounding.difference is None
        assert rounding.tried.endswith("from 2010-01-01 onward")


class TestHunt:
    """A search is repeatable and counts the cases it assessed up to the first that met
    the condition."""

    def test_settings(self) -> None:
        """The budget is the most examples; derandomized, with no database."""
        chosen = hunt_settings(7)
        assert (7, True, None) == (chosen.max_examples, chosen.derandomize, chosen.database)

    @pytest.mark.parametrize("threshold", [-1, 0, 40, 10**9])
    def test_the_count_stops_at_the_first_case_met(self, threshold: int) -> None:
        """Cases the condition cannot assess (odd numbers) are not counted; the count
        stops at the first that meets it, whatever the shrinking tries after."""
        verdicts: list[bool | None] = []

        def condition(n: int) -> bool | None:
            verdicts.append(None if n % 2 else n >= threshold)
            return verdicts[-1]

        searched = search_counted(st.integers(0, 10**6), condition, 30)
        first = verdicts.index(True) + 1 if True in verdicts else len(verdicts)
        expected = sum(v is not None for v in verdicts[:first])
        assert expected == searched.assessed
        assert (searched.example is None) is (True not in verdicts)
        again = search_counted(
            st.integers(0, 10**6), lambda n: None if n % 2 else n >= threshold, 30
        )
        assert (searched.example, searched.assessed) == (again.example, again.assessed)


class TestDifference:
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
        data = difference.to_dict()
        assert (None, "searched", "2026-03-01") == (
            data["field"],
            data["how"],
            data["example"]["submitted"],
        )

    def test_a_roster_refused_as_a_whole_says_why(self) -> None:
        """A roster refused as a whole carries its file finding as the outcome's error."""
        change = only_change(DEFAULT_POLICY, evolve(max_columns=3))
        difference = example_of(change)
        assert difference.candidate.error is not None
        assert difference.candidate.error.startswith("the file is refused as a whole")
        assert "file-too-many-columns" in difference.candidate.error

    def test_a_roster_of_no_row_is_not_called_refused(self) -> None:
        """A roster that holds its header alone decides no row and is refused for nothing:
        its outcome says no row was read, not that the file was refused."""
        empty = attrs.evolve(
            _one_row_roster(), source=b"Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
        )
        schedule = DEFAULT_POLICY_SCHEDULE
        outcome = why_no_rows(empty, outcome_of(empty, schedule), schedule)
        assert ((), None, "no row read") == (
            outcome.decisions,
            outcome.error,
            decisions_text(outcome),
        )


class TestCheckPolicy:
    def test_default_policy_keeps_every_invariant_and_says_what_it_tested(self) -> None:
        """The rule book's policy: three invariants guaranteed, four kept, each with the
        number of cases assessed."""
        check = check_policy(DEFAULT_POLICY, budget=BUDGET)
        assert check.ok
        statuses = {r.invariant: r.status for r in check.results}
        assert list(INVARIANTS) == list(statuses)
        assert {
            "fees-never-negative": InvariantStatus.GUARANTEED,
            "late-never-cheaper": InvariantStatus.GUARANTEED,
            "more-cecs-never-cheaper": InvariantStatus.GUARANTEED,
            "guest-not-cheaper": InvariantStatus.KEPT,
            "every-day-covered": InvariantStatus.KEPT,
            "fees-computable": InvariantStatus.KEPT,
            "no-credits-lost": InvariantStatus.KEPT,
        } == statuses
        assessed = {r.invariant: r.assessed for r in check.results}
        assert (1, 1) == (assessed["guest-not-cheaper"], assessed["every-day-covered"])
        # Generated cases that fall on a day no version is in force are not counted.
        assert 1 < assessed["fees-computable"] <= BUDGET + 1
        assert 0 < assessed["no-credits-lost"] <= BUDGET
        assert "keeps every invariant checked" in check.explanation
        assert "3 hold by construction" in check.explanation
        data = json.loads(json.dumps(check.to_dict()))
        assert (True, "AAST CEC program 2020", []) == (data["ok"], data["baseline"], data["gaps"])
        assert "guaranteed" == data["invariants"][0]["status"]

    @pytest.mark.parametrize("invariant", list(GUARANTEED))
    def test_an_invariant_guaranteed_by_construction_is_listed_as_such(
        self, invariant: str
    ) -> None:
        """An invariant no policy can break is guaranteed, with no case run and the reason."""
        result = next(
            r for r in check_policy(DEFAULT_POLICY, budget=1).results if r.invariant == invariant
        )
        assert (InvariantStatus.GUARANTEED, 0) == (result.status, result.assessed)
        assert result.detail == f"guaranteed by construction: {GUARANTEED[invariant]}"
        assert f"{invariant} [guaranteed]" in result.explanation

    def test_a_step_of_a_third_is_assessed_on_valid_cases(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A 0.33 step: the cases are drawn in steps of 0.33 up to the maximum, every one in
        force is assessed, and the report counts them."""
        thirds = evolve(cec_increment=Decimal("0.33"), label="thirds")
        verdicts: list[tuple[Decimal, object]] = []
        real = search._assessable

        def spy(application: Application, schedule: PolicySchedule) -> object:
            verdict = real(application, schedule)
            verdicts.append((application.program.cecs, verdict))
            return verdict

        monkeypatch.setattr(search, "_assessable", spy)
        check = check_policy(thirds, baseline=thirds, budget=BUDGET)
        result = next(r for r in check.results if r.invariant == "fees-computable")
        assert all(c % Decimal("0.33") == 0 and c <= 100 for c, _ in verdicts)
        assert Decimal("99.99") == verdicts[0][0]  # the most CECs the version allows
        assessed = [v for _, v in verdicts if v is not None]
        assert (InvariantStatus.KEPT, len(assessed)) == (result.status, result.assessed)
        assert len(assessed) > BUDGET // 2
        assert "(step 0.33)" in result.detail
        assert f"{len(assessed)} application(s) assessed" in result.detail
        assert check.ok

    def test_zero_cases_assessed_is_not_a_pass(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Drawing CECs valid under another policy (the old checker's mistake) assesses no
        case: the invariant is not checked, and the check is not ok."""
        thirds = evolve(cec_increment=Decimal("0.33"), label="thirds")
        monkeypatch.setattr(search, "_largest_cases", lambda schedule: iter(()))
        monkeypatch.setattr(
            search,
            "applications",
            lambda policy, submitted: applications(submitted=submitted, aware=False),
        )
        check = check_policy(thirds, baseline=thirds, budget=BUDGET)
        result = next(r for r in check.results if r.invariant == "fees-computable")
        assert (InvariantStatus.NOT_CHECKED, 0) == (result.status, result.assessed)
        assert (False, (), (result,)) == (check.ok, check.broken, check.not_checked)
        assert "could not be checked against 1 invariant(s)" in check.explanation

    def test_a_lower_maximum_loses_credits(self) -> None:
        """Programs of more than the candidate's maximum can no longer be approved."""
        check = check_policy(evolve(cec_maximum=Decimal(50)), budget=BUDGET)
        (result,) = check.broken
        assert "no-credits-lost" == result.invariant
        assert "offering 1 (2020-02-01): on-time -> refused" in result.violations[0].message
        assert "no case was generated: a built case already breaks it" in result.detail

    @pytest.mark.parametrize(
        ("changes", "lost"),
        [
            pytest.param(
                {"reporting_window_days": 30},
                "row 2: accepted -> refused: window-closed",
                id="shorter-window",
            ),
            pytest.param(
                {"name_mismatch": NameMismatch.REFUSE},
                "row 2: accepted -> refused: name-mismatch-refused",
                id="stricter-names",
            ),
            pytest.param({"max_columns": 3}, "row 2: accepted -> not read", id="fewer-columns"),
        ],
    )
    def test_a_candidate_that_loses_credits_is_reported(
        self, changes: dict[str, Any], lost: str
    ) -> None:
        """A candidate under which an attendee the baseline credits is refused breaks
        no-credits-lost, naming the field and the row."""
        check = check_policy(evolve(**changes), budget=BUDGET)
        assert ["no-credits-lost"] == [r.invariant for r in check.broken]
        (violation,) = check.violations
        assert f"{next(iter(changes))} differs, and credits are lost ({lost})" in violation.message

    def test_a_longer_window_loses_no_credits(self) -> None:
        """A candidate more generous than the baseline keeps every credit."""
        check = check_policy(evolve(reporting_window_days=60), budget=BUDGET)
        assert check.ok
        result = next(r for r in check.results if r.invariant == "no-credits-lost")
        # The case built for the longer window is one the baseline refuses: no credit to lose.
        assert "0 built for the figures that differ (reporting_window_days)" in result.detail

    def test_generated_cases_find_a_loss_no_construction_shows(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The generated applications and rosters valid under the baseline find a loss too."""
        monkeypatch.setitem(
            cases.BUILDERS, "reporting_window_days", lambda p, b, c: cases.Attempt("x", ())
        )
        check = check_policy(evolve(reporting_window_days=0), budget=BUDGET)
        (violation,) = check.violations
        assert violation.message.startswith("credits are lost (row ")
        assert "window-closed" in violation.message

    def test_generated_applications_find_a_loss_no_construction_shows(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With no built case, generated applications valid under the baseline find the
        offerings a lower CEC maximum refuses."""
        monkeypatch.setitem(cases.BUILDERS, "cec_maximum", lambda p, b, c: cases.Attempt("x", ()))
        check = check_policy(evolve(cec_maximum=Decimal("0.5")), budget=BUDGET)
        (violation,) = check.violations
        assert violation.message.startswith("credits are lost (offering 1 (")
        assert "-> refused)" in violation.message

    def test_a_schedule_with_gaps_names_each_first_day_uncovered(self) -> None:
        """Gaps between versions, and after a last bounded one, break every-day-covered."""
        gappy = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\neffective_until = 2024-12-31\n"
            "[[versions]]\neffective_from = 2026-01-01\neffective_until = 2026-12-31\n"
        )
        check = check_policy(gappy, budget=BUDGET)
        assert ["every-day-covered"] == [r.invariant for r in check.broken]
        assert [(date(2025, 1, 1), date(2025, 12, 31)), (date(2027, 1, 1), None)] == [
            (g.first_day, g.last_day) for g in check.gaps
        ]
        assert [
            "no version is in force from 2025-01-01 to 2025-12-31 "
            "(first day uncovered: 2025-01-01)",
            "no version is in force from 2027-01-01 onward (first day uncovered: 2027-01-01)",
        ] == [v.message for v in check.violations]
        assert {"every-day-covered"} == {v.invariant for v in check.violations}
        assert {"first_day": "2027-01-01", "last_day": None} == check.to_dict()["gaps"][1]

    def test_overlapping_versions_leave_no_gap(self) -> None:
        """A bounded version inside an open-ended one covers nothing new and leaves no gap."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n"
            "[[versions]]\neffective_from = 2022-01-01\neffective_until = 2022-01-31\n"
            "[[versions]]\neffective_from = 2022-01-10\neffective_until = 2022-01-20\n"
        )
        assert () == check_policy(schedule, budget=1).gaps

    def test_versions_end_to_end_leave_no_gap(self) -> None:
        """A version that starts the day after the last one ends leaves no gap."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\neffective_until = 2025-12-31\n"
            "[[versions]]\neffective_from = 2026-01-01\n"
        )
        assert () == check_policy(schedule, budget=1).gaps

    def test_each_version_s_largest_case_is_counted(self) -> None:
        """Three versions: three applications with the most CECs, one of each."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n"
            '[[versions]]\neffective_from = 2024-01-01\ncec_maximum = "50"\n'
            "[[versions]]\neffective_from = 2026-01-01\n"
        )
        result = next(
            r
            for r in check_policy(schedule, budget=BUDGET).results
            if r.invariant == "fees-computable"
        )
        generated = re.search(r"each version, (\d+) generated", result.detail)
        assert generated is not None
        assert result.detail.startswith(
            f"{result.assessed} application(s) assessed: 3 with the most CECs of each version"
        )
        assert 3 + int(generated[1]) == result.assessed

    def test_a_schedule_starting_in_2031(self) -> None:
        """A schedule starting after 2030-06-30 is checked on its own dates."""
        later = schedule_from_toml('[[versions]]\neffective_from = 2031-01-01\nlabel = "2031"\n')
        check = check_policy(later, budget=BUDGET)
        assert check.ok
        credits = next(r for r in check.results if r.invariant == "no-credits-lost")
        assert "on the days both are in force (from 2031-01-01 onward)" in credits.detail
        covered = next(r for r in check.results if r.invariant == "every-day-covered")
        assert "from its first day 2031-01-01" in covered.detail

    def test_a_baseline_never_in_force_with_the_candidate(self) -> None:
        """No day on which both are in force: no-credits-lost is not checked."""
        early = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\neffective_until = 2020-12-31\n"
        )
        later = schedule_from_toml("[[versions]]\neffective_from = 2031-01-01\n")
        check = check_policy(later, baseline=early, budget=BUDGET)
        (result,) = check.not_checked
        assert ("no-credits-lost", 0) == (result.invariant, result.assessed)
        assert "never in force on the same day" in result.detail
        assert not check.ok

    def test_a_fee_too_large_to_compute_is_caught(self) -> None:
        """A rate so high that the largest valid application overflows is broken."""
        huge = evolve(application_fee_per_cec=Decimal("1E+25"))
        check = check_policy(huge, baseline=huge, budget=BUDGET)
        (result,) = check.broken
        assert ("fees-computable", "fees-computable") == (
            result.invariant,
            result.violations[0].invariant,
        )
        assert result.violations[0].message.startswith(
            "an application of 100 CEC submitted 2020-01-01 for offering(s) starting "
            "2020-01-01, 2020-01-01, 2020-01-01 cannot be assessed: "
        )
        assert 1 == result.assessed
        assert result.detail.startswith(
            "1 application(s) assessed: 1 with the most CECs of each version, 0 generated"
        )
        assert result.detail.endswith("; no case was generated: a built case already breaks it")

    def test_a_generated_case_too_large_to_compute_is_caught(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The generated applications catch an overflow the built cases miss."""
        monkeypatch.setattr(search, "_largest_cases", lambda schedule: iter(()))
        huge = evolve(application_fee_per_cec=Decimal("1E+26"))
        check = check_policy(huge, baseline=huge, budget=BUDGET)
        (violation,) = check.violations
        assert violation.message.startswith("an application of ")
        assert "cannot be assessed: fee line" in violation.message

    def test_guest_cheaper_than_member_is_caught(self) -> None:
        """A guest fee below the member fee is a violation unless the policy allows it."""
        cheap = evolve(label="cheap guests", guest_filing_fee=Decimal(1))
        check = check_policy(cheap, baseline=cheap, budget=BUDGET)
        assert ["guest-not-cheaper"] == [r.invariant for r in check.broken]
        assert "a guest pays 1.00 and a member 5.00" in check.explanation
        allowed = attrs.evolve(cheap, guest_fee_below_member=True)
        assert check_policy(allowed, baseline=allowed, budget=BUDGET).ok

    def test_schedule_checks_every_version(self) -> None:
        """Each version of a schedule is checked; the label joins the versions'."""
        cheap = attrs.evolve(DEFAULT_POLICY, label="cheap", guest_filing_fee=Decimal(0))
        schedule = DEFAULT_POLICY_SCHEDULE.with_version(
            PolicyVersion(effective_from=date(2024, 1, 1), policy=cheap)
        )
        check = check_policy(schedule, budget=BUDGET)
        assert "AAST CEC program 2020 / cheap" == check.label
        result = next(r for r in check.results if r.invariant == "guest-not-cheaper")
        assert (2, 1) == (result.assessed, len(result.violations))
        assert "from 2024-01-01" in result.violations[0].message

    def test_a_field_after_a_year_the_candidate_is_not_in_force(self) -> None:
        """A candidate from 2021 with a shorter reporting window: the year before it is in
        force is passed over, and the window's built roster shows the loss."""
        candidate = PolicySchedule.single(
            evolve(reporting_window_days=30), effective_from=date(2021, 1, 1)
        )
        check = check_policy(candidate, baseline=DEFAULT_POLICY, budget=BUDGET)
        result = next(r for r in check.results if r.invariant == "no-credits-lost")
        assert "1 built for the figures that differ (reporting_window_days)" in result.detail
        assert result.violations[0].message.startswith(
            "reporting_window_days differs, and credits are lost (row 2: accepted -> refused"
        )

    def test_three_shared_periods_are_named_whole(self) -> None:
        """Three periods both are in force are named without an ellipsis."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n"
            "[[versions]]\neffective_from = 2022-01-01\nreporting_window_days = 60\n"
            "[[versions]]\neffective_from = 2024-01-01\n"
        )
        check = check_policy(schedule, baseline=DEFAULT_POLICY, budget=BUDGET)
        result = next(r for r in check.results if r.invariant == "no-credits-lost")
        assert result.detail.endswith(
            "on the days both are in force (from 2020-01-01 to 2021-12-31; from 2022-01-01 to "
            "2023-12-31; from 2024-01-01 onward)"
        )

    def test_credits_kept_names_each_field_once_and_the_shared_periods(self) -> None:
        """A field that differs with two values is named once; the days both are in force
        are the first three shared periods, and an ellipsis for more."""
        schedule = schedule_from_toml(
            "[[versions]]\neffective_from = 2020-01-01\n"
            "[[versions]]\neffective_from = 2022-01-01\nreporting_window_days = 60\n"
            "[[versions]]\neffective_from = 2024-01-01\n"
            "[[versions]]\neffective_from = 2026-01-01\nreporting_window_days = 50\n"
        )
        check = check_policy(schedule, baseline=DEFAULT_POLICY, budget=BUDGET)
        result = next(r for r in check.results if r.invariant == "no-credits-lost")
        assert "built for the figures that differ (reporting_window_days), " in result.detail
        assert result.detail.endswith(
            "on the days both are in force (from 2020-01-01 to 2021-12-31; from 2022-01-01 to "
            "2023-12-31; from 2024-01-01 to 2025-12-31 ...)"
        )

    def test_the_whole_explanation_of_a_check(self) -> None:
        """Every line of a check that breaks two invariants: the verdict, each invariant
        with its promise and what was tested, each violation under it."""
        candidate = evolve(max_roster_rows=5, guest_filing_fee=Decimal(1))
        check = check_policy(candidate, baseline=DEFAULT_POLICY, budget=BUDGET)
        lines = check.explanation.splitlines()
        guaranteed = [
            f"  {name} [guaranteed]: {INVARIANTS[name]}; guaranteed by construction: {why}"
            for name, why in GUARANTEED.items()
        ]
        assert [
            "'candidate' breaks 2 invariant(s) (4 checked against the baseline 'AAST CEC "
            f"program 2020' and its own versions, up to {BUDGET} generated cases each; 3 hold "
            "by construction):",
            *guaranteed,
            "  guest-not-cheaper [broken]: a guest's filing fee is never below a member's "
            "(unless guest_fee_below_member is set); checked on each of its 1 version(s)",
            "    but from 2020-01-01 ('candidate') a guest pays 1.00 and a member 5.00",
            "  every-day-covered [kept]: from its first day on, some version is in force on "
            "every day; checked over its 1 version(s), from its first day 2020-01-01",
        ] == lines[:7]
        computable = re.fullmatch(
            r"  fees-computable \[kept\]: every application with CECs valid under the version "
            r"in force is assessed: its fees can be computed; (\d+) application\(s\) assessed: "
            r"1 with the most CECs of each version, (\d+) generated with CECs valid under the "
            r"version in force \(step 0\.25\), submitted at and around its version dates, some "
            r"at aware times",
            lines[7],
        )
        assert computable is not None
        assert int(computable[1]) == 1 + int(computable[2])
        assert [
            "  no-credits-lost [broken]: no attendee loses credits the baseline gives: no "
            "roster row the baseline accepts is refused, and no offering it reviews is refused "
            "or left unreviewed; 2 case(s) in which 'AAST CEC program 2020' gives credits "
            "compared under the candidate: 2 built for the figures that differ "
            "(guest_filing_fee, max_roster_rows), 0 generated applications and rosters valid "
            "under the baseline, on the days both are in force (from 2020-01-01 onward); no "
            "case was generated: a built case already breaks it",
            "    but max_roster_rows differs, and credits are lost (row 2: accepted -> not "
            "read; row 3: accepted -> not read; row 4: accepted -> not read; and 3 more) in "
            "roster decision: a roster of 6 row(s) for the offering of 2020-01-01 reported "
            "2020-01-01: baseline 30.00 (row 2: accepted; row 3: accepted; row 4: accepted; "
            "row 5: accepted; and 2 more), candidate 0.00 (the file is refused as a whole "
            "(file-too-many-rows: the file has more than 5 data rows))",
        ] == lines[8:]
        data = json.loads(check.to_json())
        assert (False, [], check.explanation) == (data["ok"], data["gaps"], data["explanation"])
        assert [
            (r.invariant, r.status.value, r.assessed, r.detail, len(r.violations))
            for r in check.results
        ] == [
            (i["invariant"], i["status"], i["assessed"], i["detail"], len(i["violations"]))
            for i in data["invariants"]
        ]
        assert [0, 0, 0, 1, 1] == [r.assessed for r in check.results][:5]
        assert ["guest-not-cheaper", "no-credits-lost"] == [
            v["invariant"] for v in data["violations"]
        ]
        rows = check.to_rows()
        assert [(r.invariant, r.status.value, len(r.violations)) for r in check.results] == [
            (row["invariant"], row["status"], row["violations"]) for row in rows
        ]
        assert (
            "from 2020-01-01 ('candidate') a guest pays 1.00 and a member 5.00"
            == (rows[3]["violation_messages"])
        )

    def test_a_generated_search_that_cannot_run_is_said(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A search that cannot run leaves the built cases' count and says why."""
        monkeypatch.setattr(
            search,
            "version_dates",
            lambda schedule: st.dates(date(2031, 1, 1), date(2030, 1, 1)),
        )
        result = next(
            r
            for r in check_policy(DEFAULT_POLICY, budget=BUDGET).results
            if r.invariant == "fees-computable"
        )
        assert (InvariantStatus.KEPT, 1) == (result.status, result.assessed)
        assert "the generated search could not run (InvalidArgument" in result.detail

    @pytest.mark.parametrize("invariant", list(INVARIANTS))
    def test_violation_explains_its_invariant(self, invariant: str) -> None:
        """A violation's explanation states the invariant's promise and the breach."""
        violation = Violation(invariant=invariant, message="here is how")
        assert violation.explanation == f"{invariant}: {INVARIANTS[invariant]}, but here is how"
        assert {"invariant": invariant, "message": "here is how"} == violation.to_dict()


ALL_FIELDS = [name for name in FIELD_EFFECTS if name != "label"]


class TestGuarantees:
    """The reasons GUARANTEED gives hold: no policy, whatever its figures, breaks them."""

    @given(policies(vary=ALL_FIELDS), applications(aware=False), st.data())
    def test_no_policy_breaks_a_guaranteed_invariant(
        self, policy: Policy, application: Application, data: st.DataObject
    ) -> None:
        """Under any valid policy: no negative line, late never cheaper than on time, and
        one more step of CECs never cheaper."""
        cecs = data.draw(st.integers(1, 40)) * policy.cec_increment
        if cecs + policy.cec_increment > policy.cec_maximum:
            cecs = policy.cec_increment
        program = attrs.evolve(application.program, cecs=cecs)
        application = attrs.evolve(application, program=program)
        assessment = assess_application(application, policy)
        assert all(line.amount >= 0 for line in assessment.lines)
        day = assessment.submission_date
        window = policy.late_window_days

        def total(start_in: int, amount: Decimal) -> Decimal:
            moved = attrs.evolve(
                application,
                program=attrs.evolve(program, cecs=amount),
                offerings=[Offering(day + timedelta(days=start_in))],
            )
            return assess_application(moved, policy).total

        assert total(window, cecs) >= total(window + 1, cecs)
        if cecs + policy.cec_increment <= policy.cec_maximum:
            for start_in in (window, window + 1):
                assert total(start_in, cecs + policy.cec_increment) >= total(start_in, cecs)
        assert assessment.total_for(FeeKind.LATE_SURCHARGE) >= 0


class TestOutcomes:
    def test_a_sum_too_large_for_cents_is_a_refusal(self) -> None:
        """Lines that each fit in cents but whose sum does not refuse the case; no error
        escapes the search."""
        huge = PolicySchedule.single(evolve(application_fee_per_cec=Decimal("1E+25")))
        application = Application(
            program=Program(title="t", cecs="3.5"),
            offerings=[Offering(date(2026, 6, 1))] * 3,
            submitted=date(2026, 1, 1),
        )
        outcome = outcome_of(application, huge)
        assert (("application", "refused"),) == outcome.decisions
        assert outcome.error is not None
        assert "too many digits to be counted in cents" in outcome.error


class TestNotebookViews:
    """Search results and policy checks render for reading and load into typed frames."""

    CANDIDATE = attrs.evolve(
        DEFAULT_POLICY, label="c", late_window_days=20, member_filing_fee=Decimal(6)
    )
    TRIED = FieldChange(
        field="name_max_length",
        baseline="100",
        candidate="90",
        first_day=date(2026, 1, 1),
        last_day=date(2026, 6, 30),
        periods=3,
        difference=None,
        tried="names of 91 to 100 characters",
    )

    def _result(self) -> SearchResult:
        found = find_differences(DEFAULT_POLICY, self.CANDIDATE, budget=BUDGET)
        return attrs.evolve(found, changes=(*found.changes, self.TRIED))

    def test_search_html(self) -> None:
        """The view: the summary, then each field with its example, or what was tried, as
        the CLI prints them; every value escaped."""
        result = self._result()
        view = read_view(result._repr_html_())
        assert view.tags <= VIEW_TAGS
        assert [result.explanation.splitlines()[0]] == view.paragraphs
        (table,) = view.tables
        assert ["field", "baseline", "candidate", "when", "found"] == table.heads
        # The field and the two values are sentences for a schedule; the dates stay whole.
        assert [True, True, True, False, True] == [c.wraps for c in table.rows[0]]
        assert ["late_window_days", "30", "20", "from 2020-01-01 onward"] == table.texts()[0][:4]
        assert table.texts()[0][4].endswith("[constructed]")
        assert [
            "name_max_length",
            "100",
            "90",
            "from 2026-01-01 to 2026-06-30 (and 2 later period(s))",
            "no difference found; tried names of 91 to 100 characters",
        ] == table.texts()[2]

    def test_search_json_whole(self) -> None:
        """The JSON of a search: both labels, the budget, each change with its example or
        what was tried, the differences and the changes with none, and the explanation."""
        result = self._result()
        data = json.loads(result.to_json())
        application = {
            "kind": "application decision",
            "field": "late_window_days",
            "how": "constructed",
            "example": {
                "reference": "constructed case",
                "program": {
                    "program_id": None,
                    "title": "Constructed case",
                    "cecs": "0.25",
                    "format": "live",
                },
                "offerings": [{"start": "2020-01-22", "end": "2020-01-22"}],
                "submitted": "2020-01-01",
                "calendar_listing": False,
            },
            "baseline_total": "18.75",
            "candidate_total": "12.50",
            "explanation": "application decision: an application of 0.25 CEC submitted "
            "2020-01-01 for offering(s) starting 2020-01-22: baseline 18.75 (offering 1 "
            "(2020-01-22): late), candidate 12.50 (offering 1 (2020-01-22): on-time)",
        }
        roster = {
            "kind": "roster filing fee",
            "field": "member_filing_fee",
            "how": "constructed",
            "example": {
                "offering": {"start": "2020-01-01", "end": "2020-01-01"},
                "program": {
                    "program_id": "PRG-1",
                    "title": "Constructed case",
                    "cecs": "1",
                    "format": "live",
                },
                "reported_at": "2020-01-01",
                "roster": "Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
                "PRG-1,A,Ada,Lee,2020-01-01\r\n",
                "roster_rows": 1,
            },
            "baseline_total": "5.00",
            "candidate_total": "6.00",
            "explanation": "roster filing fee: a roster of 1 row(s) for the offering of "
            "2020-01-01 reported 2020-01-01: baseline 5.00 (row 2: accepted), candidate 6.00 "
            "(row 2: accepted)",
        }
        tried = {
            "field": "name_max_length",
            "baseline": "100",
            "candidate": "90",
            "first_day": "2026-01-01",
            "last_day": "2026-06-30",
            "periods": 3,
            "difference": None,
            "tried": "names of 91 to 100 characters",
            "explanation": self.TRIED.explanation,
        }
        assert {
            "baseline": "AAST CEC program 2020",
            "candidate": "c",
            "budget": BUDGET,
            "changes": [
                {
                    "field": "late_window_days",
                    "baseline": "30",
                    "candidate": "20",
                    "first_day": "2020-01-01",
                    "last_day": None,
                    "periods": 1,
                    "difference": application,
                    "tried": result.changes[0].tried,
                    "explanation": result.changes[0].explanation,
                },
                {
                    "field": "member_filing_fee",
                    "baseline": "5.00",
                    "candidate": "6",
                    "first_day": "2020-01-01",
                    "last_day": None,
                    "periods": 1,
                    "difference": roster,
                    "tried": result.changes[1].tried,
                    "explanation": result.changes[1].explanation,
                },
                tried,
            ],
            "differences": [application, roster],
            "not_found": [self.TRIED.explanation],
            "explanation": "\n".join(
                [
                    "3 change(s) between 'AAST CEC program 2020' and 'c', 2 with an example:",
                    *(f"  {c.explanation}" for c in result.changes),
                ]
            ),
        } == data
        assert result.changes[2].explanation == (
            "name_max_length 100 -> 90, from 2026-01-01 to 2026-06-30 (and 2 later "
            "period(s)): no difference found; tried names of 91 to 100 characters"
        )
        assert [
            ("late_window_days", True, "constructed", "application decision", Decimal("18.75")),
            ("member_filing_fee", True, "constructed", "roster filing fee", Decimal("5.00")),
            ("name_max_length", False, None, None, None),
        ] == [
            (r["field"], r["found"], r["how"], r["kind"], r["baseline_total"])
            for r in result.to_rows()
        ]

    def test_search_html_of_no_change(self) -> None:
        """Two policies that agree show the sentence that says so, and no table."""
        result = find_differences(DEFAULT_POLICY, DEFAULT_POLICY, budget=BUDGET)
        view = read_view(result._repr_html_())
        assert ([result.explanation], []) == (view.paragraphs, view.tables)

    def test_search_frame(self) -> None:
        """One row per field: days as datetime64 (NaT: onward), totals as Decimal, how each
        was found a categorical; a field with no example has none."""
        result = self._result()
        frame = result.to_frame()
        assert list(result.to_rows()[0]) == list(frame.columns)
        assert ["late_window_days", "member_filing_fee", "name_max_length"] == list(frame["field"])
        assert ("datetime64", "category", "int64", "bool") == tuple(
            dtype_name(frame[c].dtype) for c in ("first_day", "how", "periods", "found")
        )
        assert ["constructed", "searched"] == list(frame["how"].cat.categories)
        assert [Decimal("5.00"), Decimal("6.00")] == [
            frame.loc[1, "baseline_total"],
            frame.loc[1, "candidate_total"],
        ]
        assert pandas.isna(frame.loc[0, "last_day"])
        assert (False, None) == (frame.loc[2, "found"], frame.loc[2, "baseline_total"])

    def test_check_html(self) -> None:
        """The check's view: the verdict, each invariant with what was tested and each
        violation on its own line, then the gaps."""
        violation = Violation(invariant="guest-not-cheaper", message="a guest pays <4.00>")
        check = PolicyCheck(
            label="c",
            baseline="b",
            budget=5,
            results=(
                InvariantResult(
                    invariant="guest-not-cheaper",
                    status=InvariantStatus.BROKEN,
                    assessed=1,
                    detail="checked on each of its 1 version(s)",
                    violations=(violation,),
                ),
            ),
            gaps=(Gap(date(2027, 1, 1), None),),
        )
        view = read_view(check._repr_html_())
        assert view.tags <= VIEW_TAGS
        assert [check.explanation.splitlines()[0]] == view.paragraphs
        (table,) = view.tables
        assert ["invariant", "status", "promise", "what was tested"] == table.heads
        assert [False, False, True, True] == [c.wraps for c in table.rows[0]]
        assert (
            "checked on each of its 1 version(s)",
            "but a guest pays <4.00>",
        ) == table.rows[0][3].lines
        assert [Gap(date(2027, 1, 1), None).explanation] == view.items
        frame = check.to_frame()
        assert list(check.to_rows()[0]) == list(frame.columns)
        assert (["guaranteed", "kept", "broken", "not checked"], 1, "a guest pays <4.00>") == (
            list(frame["status"].cat.categories),
            frame.loc[0, "violations"],
            frame.loc[0, "violation_messages"],
        )

    def test_check_frame_of_a_real_check(self) -> None:
        """A real check gives one row per invariant, with the cases assessed as integers."""
        check = check_policy(self.CANDIDATE, budget=BUDGET)
        frame = check.to_frame()
        assert [r.invariant for r in check.results] == list(frame["invariant"])
        assert "int64" == dtype_name(frame["assessed"].dtype)
        assert read_view(check._repr_html_()).items == []
