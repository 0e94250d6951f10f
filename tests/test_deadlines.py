"""Tests for cec_rules.deadlines: submission dates, lateness and reporting windows."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules.deadlines import (
    OfferingTiming,
    ReportingWindow,
    WindowStatus,
    days_before_start,
    last_report_day,
    local_date,
    offering_timing,
    reporting_window,
    timing_for_days,
)
from cec_rules.errors import InvalidOffering, NaiveDatetime
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, ProgramFormat
from helpers import NoOffset, read_view

UTC = timezone.utc
CHICAGO = ZoneInfo("America/Chicago")
MARCH_2 = date(2026, 3, 2)
#: A one-day offering on 2026-03-02: the last day to report is 2026-04-16.
HELD_MARCH_2 = Offering(MARCH_2)
SELF_PACED = ProgramFormat.SELF_PACED


class TestLocalDate:
    """local_date gives the association's calendar date of a moment (`submission-date`)."""

    def test_date_as_is(self) -> None:
        """A date is taken as it is."""
        expected = MARCH_2
        assert expected == local_date(MARCH_2, DEFAULT_POLICY)

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            pytest.param(
                datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
                date(2026, 3, 2),
                id="los-angeles-2330-is-next-day-in-chicago",
            ),
            pytest.param(
                datetime(2026, 3, 1, 21, 59, tzinfo=ZoneInfo("America/Los_Angeles")),
                date(2026, 3, 1),
                id="los-angeles-2159-same-day",
            ),
            pytest.param(
                datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
                date(2026, 3, 1),
                id="tokyo-morning-is-previous-day",
            ),
            pytest.param(
                datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("Europe/London")),
                date(2026, 3, 2),
                id="london-evening-same-day",
            ),
            pytest.param(datetime(2026, 3, 2, 3, 0, tzinfo=UTC), date(2026, 3, 1), id="utc-0300"),
            pytest.param(datetime(2026, 3, 2, 6, 0, tzinfo=UTC), date(2026, 3, 2), id="utc-0600"),
            pytest.param(datetime(2026, 3, 2, 5, 59, tzinfo=UTC), date(2026, 3, 1), id="utc-0559"),
            pytest.param(
                datetime(2026, 3, 2, 0, 30, tzinfo=timezone(timedelta(hours=-5))),
                date(2026, 3, 1),
                id="fixed-offset",
            ),
        ],
    )
    def test_other_zones(self, moment: datetime, expected: date) -> None:
        """An aware datetime is converted to America/Chicago and its date used."""
        assert expected == local_date(moment, DEFAULT_POLICY)

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            pytest.param(
                datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
                date(2026, 3, 8),
                id="dst-starts-0030-local-cst",
            ),
            pytest.param(
                datetime(2026, 3, 9, 4, 30, tzinfo=UTC),
                date(2026, 3, 8),
                id="dst-starts-2330-local-cdt",
            ),
            pytest.param(
                datetime(2026, 3, 9, 5, 30, tzinfo=UTC),
                date(2026, 3, 9),
                id="day-after-dst-starts-0030-local-cdt",
            ),
            pytest.param(
                datetime(2026, 3, 8, 5, 30, tzinfo=UTC),
                date(2026, 3, 7),
                id="eve-of-dst-start-2330-local-cst",
            ),
            pytest.param(
                datetime(2026, 3, 8, 2, 30, tzinfo=CHICAGO),
                date(2026, 3, 8),
                id="dst-starts-nonexistent-0230-local",
            ),
            pytest.param(
                datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
                date(2026, 11, 1),
                id="dst-ends-0030-local-cdt",
            ),
            pytest.param(
                datetime(2026, 11, 2, 5, 30, tzinfo=UTC),
                date(2026, 11, 1),
                id="dst-ends-2330-local-cst",
            ),
            pytest.param(
                datetime(2026, 11, 1, 4, 30, tzinfo=UTC),
                date(2026, 10, 31),
                id="eve-of-dst-end-2330-local-cdt",
            ),
            pytest.param(
                datetime(2026, 11, 1, 1, 30, fold=0, tzinfo=CHICAGO),
                date(2026, 11, 1),
                id="dst-ends-ambiguous-0130-first",
            ),
            pytest.param(
                datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=CHICAGO),
                date(2026, 11, 1),
                id="dst-ends-ambiguous-0130-second",
            ),
        ],
    )
    def test_daylight_saving_days(self, moment: datetime, expected: date) -> None:
        """On the days DST starts and ends in Chicago, the offset in force that night is used."""
        assert expected == local_date(moment, DEFAULT_POLICY)

    def test_zone_is_a_policy_knob(self) -> None:
        """A policy in another zone counts dates there."""
        tokyo = attrs.evolve(DEFAULT_POLICY, time_zone="Asia/Tokyo")
        moment = datetime(2026, 3, 1, 16, 0, tzinfo=UTC)
        expected = (date(2026, 3, 1), date(2026, 3, 2))
        assert expected == (local_date(moment, DEFAULT_POLICY), local_date(moment, tokyo))

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({}, "moment", id="default-field"),
            pytest.param({"field": "submitted"}, "submitted", id="named-field"),
        ],
    )
    def test_naive_refused(self, kwargs: dict[str, str], field: str) -> None:
        """A naive datetime is refused with NaiveDatetime naming the field; never guessed."""
        with pytest.raises(NaiveDatetime) as caught:
            local_date(datetime(2026, 3, 1, 23, 30), DEFAULT_POLICY, **kwargs)
        expected = (field, "submission-date")
        assert expected == (caught.value.field, caught.value.rule)

    def test_non_date_refused(self) -> None:
        """Text is a TypeError."""
        with pytest.raises(TypeError, match="moment must be a date or an aware datetime"):
            local_date("2026-03-01", DEFAULT_POLICY)  # type: ignore[arg-type]

    def test_tzinfo_without_offset_is_naive(self) -> None:
        """A tzinfo returning no offset is refused like a missing one, keeping the datetime."""
        moment = datetime(2026, 3, 1, 23, 30, tzinfo=NoOffset())
        with pytest.raises(NaiveDatetime) as caught:
            local_date(moment, DEFAULT_POLICY, field="submitted")
        assert ("submitted", moment) == (caught.value.field, caught.value.value)

    def test_naive_datetime_is_kept_on_the_error(self) -> None:
        """The naive datetime itself is on the error."""
        moment = datetime(2026, 3, 1, 23, 30)
        with pytest.raises(NaiveDatetime) as caught:
            local_date(moment, DEFAULT_POLICY)
        assert ("moment", moment) == (caught.value.field, caught.value.value)


class TestTiming:
    """An offering is past, late or on time by calendar days before its start."""

    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            pytest.param(-30, OfferingTiming.PAST, id="-30-past"),
            pytest.param(-1, OfferingTiming.PAST, id="-1-past"),
            pytest.param(0, OfferingTiming.LATE, id="0-late-not-past"),
            pytest.param(1, OfferingTiming.LATE, id="1-late"),
            pytest.param(29, OfferingTiming.LATE, id="29-late"),
            pytest.param(30, OfferingTiming.LATE, id="30-late"),
            pytest.param(31, OfferingTiming.ON_TIME, id="31-on-time"),
            pytest.param(365, OfferingTiming.ON_TIME, id="365-on-time"),
        ],
    )
    def test_boundaries(self, days: int, expected: OfferingTiming) -> None:
        """30 days before the start is late, 31 on time, 0 late, -1 past."""
        submitted = date(2026, 5, 1)
        offering = Offering(submitted + timedelta(days=days))
        actual = (
            days_before_start(offering, submitted),
            offering_timing(offering, submitted, DEFAULT_POLICY),
        )
        assert (days, expected) == actual

    @pytest.mark.parametrize(
        ("submitted", "start", "days", "expected"),
        [
            pytest.param(
                date(2024, 2, 28), date(2024, 3, 30), 31, OfferingTiming.ON_TIME, id="leap-2024"
            ),
            pytest.param(
                date(2023, 2, 28), date(2023, 3, 30), 30, OfferingTiming.LATE, id="common-2023"
            ),
            pytest.param(
                date(2024, 2, 29), date(2024, 3, 30), 30, OfferingTiming.LATE, id="from-leap-day"
            ),
            pytest.param(
                date(2024, 1, 30), date(2024, 2, 29), 30, OfferingTiming.LATE, id="to-leap-day"
            ),
            pytest.param(
                date(2024, 2, 29), date(2024, 2, 29), 0, OfferingTiming.LATE, id="on-leap-day"
            ),
            pytest.param(
                date(2024, 3, 1), date(2024, 2, 29), -1, OfferingTiming.PAST, id="leap-day-past"
            ),
            pytest.param(
                date(2025, 12, 1), date(2026, 1, 1), 31, OfferingTiming.ON_TIME, id="year-end"
            ),
            pytest.param(
                date(2026, 2, 27), date(2026, 3, 29), 30, OfferingTiming.LATE, id="over-weekends"
            ),
        ],
    )
    def test_calendar_days(
        self, submitted: date, start: date, days: int, expected: OfferingTiming
    ) -> None:
        """Days are calendar days: leap days and weekends count."""
        offering = Offering(start)
        actual = (
            days_before_start(offering, submitted),
            offering_timing(offering, submitted, DEFAULT_POLICY),
        )
        assert (days, expected) == actual

    @pytest.mark.parametrize(
        ("days", "expected"),
        [
            pytest.param(0, OfferingTiming.LATE, id="0-late"),
            pytest.param(7, OfferingTiming.LATE, id="7-late"),
            pytest.param(8, OfferingTiming.ON_TIME, id="8-on-time"),
        ],
    )
    def test_late_window_is_a_policy_knob(self, days: int, expected: OfferingTiming) -> None:
        """A 7-day late window makes day 7 late and day 8 on time."""
        week = attrs.evolve(DEFAULT_POLICY, late_window_days=7)
        offering = Offering(MARCH_2 + timedelta(days=days))
        assert expected == offering_timing(offering, MARCH_2, week)

    def test_aware_submission_on_the_association_calendar(self) -> None:
        """An aware datetime is taken on the association's date (`submission-date`): 23:30
        in Los Angeles on 1 March is 2 March in Chicago, 30 days before 1 April: late."""
        moment = datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
        offering = Offering(date(2026, 4, 1))
        expected = (OfferingTiming.LATE, OfferingTiming.ON_TIME)
        actual = (
            offering_timing(offering, moment, DEFAULT_POLICY),
            offering_timing(offering, date(2026, 3, 1), DEFAULT_POLICY),
        )
        assert expected == actual

    def test_multi_day_offering_counts_from_start(self) -> None:
        """Lateness is counted to the start, not the end."""
        offering = Offering(date(2026, 3, 31), date(2026, 4, 5))
        expected = (30, OfferingTiming.LATE)
        actual = (
            days_before_start(offering, date(2026, 3, 1)),
            offering_timing(offering, date(2026, 3, 1), DEFAULT_POLICY),
        )
        assert expected == actual

    @given(days=st.integers(min_value=-1000, max_value=1000), window=st.integers(0, 400))
    def test_exactly_one_timing(self, days: int, window: int) -> None:
        """Every day count has exactly the timing its sign and the window give."""
        if days < 0:
            expected = OfferingTiming.PAST
        elif days <= window:
            expected = OfferingTiming.LATE
        else:
            expected = OfferingTiming.ON_TIME
        assert expected == timing_for_days(days, window)

    def test_values(self) -> None:
        """The timings serialise as kebab-case codes."""
        expected = ["on-time", "late", "past"]
        assert expected == [t.value for t in OfferingTiming]


class TestLastReportDay:
    """The last day to report is the end (or completion) plus 45 days, or the extension."""

    @pytest.mark.parametrize(
        ("offering", "expected"),
        [
            pytest.param(HELD_MARCH_2, date(2026, 4, 16), id="one-day"),
            pytest.param(Offering(date(2026, 2, 27), MARCH_2), date(2026, 4, 16), id="from-end"),
            pytest.param(Offering(date(2024, 1, 20)), date(2024, 3, 5), id="leap-year"),
            pytest.param(Offering(date(2023, 1, 20)), date(2023, 3, 6), id="common-year"),
            pytest.param(Offering(date(2025, 12, 20)), date(2026, 2, 3), id="year-end"),
        ],
    )
    def test_live(self, offering: Offering, expected: date) -> None:
        """Live: the end date plus 45 calendar days (`reporting-window`)."""
        assert expected == last_report_day(offering, DEFAULT_POLICY)

    def test_self_paced_from_completion(self) -> None:
        """Self-paced: the attendee's completion date plus 45 (`self-paced-window`)."""
        offering = Offering(date(2026, 7, 1), date(2026, 12, 31))
        actual = last_report_day(
            offering, DEFAULT_POLICY, program_format=SELF_PACED, completion=date(2026, 8, 10)
        )
        assert date(2026, 9, 24) == actual

    @pytest.mark.parametrize(
        ("program_format", "extension"),
        [
            pytest.param(ProgramFormat.LIVE, date(2026, 5, 1), id="live-later"),
            pytest.param(ProgramFormat.LIVE, date(2026, 4, 1), id="live-earlier"),
            pytest.param(SELF_PACED, date(2027, 3, 1), id="self-paced"),
            pytest.param(ProgramFormat.LIVE, date(2026, 3, 2), id="live-the-last-day-held"),
        ],
    )
    def test_extension_replaces(self, program_format: ProgramFormat, extension: date) -> None:
        """A staff extension replaces the last day, earlier or later."""
        actual = last_report_day(
            HELD_MARCH_2,
            DEFAULT_POLICY,
            program_format=program_format,
            completion=date(2026, 3, 2),
            extension=extension,
        )
        assert extension == actual

    def test_extension_before_a_live_offering_ends_refused(self) -> None:
        """An extension before a live offering ends would close the window before it
        opens: a slip, refused naming both dates."""
        with pytest.raises(InvalidOffering) as caught:
            last_report_day(
                Offering(date(2026, 3, 2), date(2026, 3, 6)),
                DEFAULT_POLICY,
                extension=date(2026, 3, 5),
            )
        expected = (
            "the extension 2026-03-05 is before the offering ends (2026-03-06); an extension "
            "is a new last day to report, on or after the end"
        )
        assert expected == str(caught.value)

    def test_self_paced_extension_before_the_end(self) -> None:
        """A self-paced offering's windows open at each completion, so an extension may
        fall before the offering's end."""
        actual = last_report_day(
            Offering(date(2026, 1, 1), date(2026, 12, 31)),
            DEFAULT_POLICY,
            program_format=SELF_PACED,
            completion=date(2026, 1, 10),
            extension=date(2026, 3, 20),
        )
        assert date(2026, 3, 20) == actual

    def test_window_is_a_policy_knob(self) -> None:
        """A 60-day reporting window moves the last day."""
        policy = attrs.evolve(DEFAULT_POLICY, reporting_window_days=60)
        assert date(2026, 5, 1) == last_report_day(HELD_MARCH_2, policy)

    def test_self_paced_needs_completion(self) -> None:
        """A self-paced window without a completion date is a TypeError saying so."""
        with pytest.raises(TypeError, match="pass completion="):
            last_report_day(HELD_MARCH_2, DEFAULT_POLICY, program_format=SELF_PACED)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            pytest.param({"extension": datetime(2026, 5, 1, 12)}, "extension", id="extension"),
            pytest.param(
                {"program_format": SELF_PACED, "completion": "2026-03-02"},
                "completion",
                id="completion",
            ),
        ],
    )
    def test_non_dates_refused(self, kwargs: dict[str, object], field: str) -> None:
        """An extension or completion that is not a plain date is a TypeError naming it."""
        with pytest.raises(TypeError, match=rf"{field} must be a datetime\.date"):
            last_report_day(HELD_MARCH_2, DEFAULT_POLICY, **kwargs)  # type: ignore[arg-type]


class TestReportingWindow:
    """The window is not open before day 0, open through day 45, closed after."""

    @pytest.mark.parametrize(
        ("report_date", "status", "days_left", "days_over"),
        [
            pytest.param(date(2026, 3, 1), WindowStatus.NOT_OPEN, 0, 0, id="day-before-end"),
            pytest.param(date(2026, 3, 2), WindowStatus.OPEN, 45, 0, id="day-0-end-date"),
            pytest.param(date(2026, 4, 15), WindowStatus.OPEN, 1, 0, id="44-days-open"),
            pytest.param(date(2026, 4, 16), WindowStatus.OPEN, 0, 0, id="45-days-last-day"),
            pytest.param(date(2026, 4, 17), WindowStatus.CLOSED, 0, 1, id="46-days-closed"),
            pytest.param(date(2026, 6, 1), WindowStatus.CLOSED, 0, 46, id="long-closed"),
        ],
    )
    def test_boundaries(
        self, report_date: date, status: WindowStatus, days_left: int, days_over: int
    ) -> None:
        """44 and 45 days after the end are open, 46 closed, the day before not open."""
        window = reporting_window(HELD_MARCH_2, report_date, DEFAULT_POLICY)
        expected = (status, days_left, days_over, date(2026, 4, 16), MARCH_2, False)
        actual = (
            window.status,
            window.days_left,
            window.days_over,
            window.last_day,
            window.opens,
            window.extended,
        )
        assert expected == actual

    def test_not_open_during_a_multi_day_offering(self) -> None:
        """Day 0 is the end date: during the offering the window is not open yet."""
        offering = Offering(date(2026, 2, 27), MARCH_2)
        window = reporting_window(offering, date(2026, 3, 1), DEFAULT_POLICY)
        expected = (WindowStatus.NOT_OPEN, MARCH_2)
        assert expected == (window.status, window.opens)

    def test_weekend_deadline_does_not_move(self) -> None:
        """A last day on a Saturday stays; the Monday after is 2 days over."""
        window = reporting_window(Offering(date(2026, 3, 4)), date(2026, 4, 20), DEFAULT_POLICY)
        expected = (date(2026, 4, 18), 5, WindowStatus.CLOSED, 2)
        actual = (window.last_day, window.last_day.weekday(), window.status, window.days_over)
        assert expected == actual

    @pytest.mark.parametrize(
        ("report_date", "status", "days_left", "days_over"),
        [
            pytest.param(date(2026, 4, 20), WindowStatus.OPEN, 11, 0, id="past-45-still-open"),
            pytest.param(date(2026, 5, 1), WindowStatus.OPEN, 0, 0, id="extension-last-day"),
            pytest.param(date(2026, 5, 2), WindowStatus.CLOSED, 0, 1, id="after-extension"),
        ],
    )
    def test_extension(
        self, report_date: date, status: WindowStatus, days_left: int, days_over: int
    ) -> None:
        """An extension to 2026-05-01 replaces the last day."""
        window = reporting_window(
            HELD_MARCH_2, report_date, DEFAULT_POLICY, extension=date(2026, 5, 1)
        )
        expected = (status, days_left, days_over, date(2026, 5, 1), True)
        actual = (
            window.status,
            window.days_left,
            window.days_over,
            window.last_day,
            window.extended,
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("report_date", "status"),
        [
            pytest.param(date(2026, 8, 9), WindowStatus.NOT_OPEN, id="before-completion"),
            pytest.param(date(2026, 8, 10), WindowStatus.OPEN, id="completion-day"),
            pytest.param(date(2026, 9, 24), WindowStatus.OPEN, id="completion-plus-45"),
            pytest.param(date(2026, 9, 25), WindowStatus.CLOSED, id="completion-plus-46"),
        ],
    )
    def test_self_paced(self, report_date: date, status: WindowStatus) -> None:
        """Self-paced windows count from the attendee's completion, not the offering end."""
        offering = Offering(date(2026, 7, 1), date(2026, 12, 31))
        window = reporting_window(
            offering,
            report_date,
            DEFAULT_POLICY,
            program_format=SELF_PACED,
            completion=date(2026, 8, 10),
        )
        expected = (
            status,
            date(2026, 8, 10),
            date(2026, 9, 24),
            ("self-paced-window", "calendar-days"),
        )
        assert expected == (window.status, window.opens, window.last_day, window.rules)

    def test_report_date_must_be_a_date(self) -> None:
        """A datetime report date is a TypeError."""
        with pytest.raises(TypeError, match=r"report_date must be a datetime\.date"):
            reporting_window(HELD_MARCH_2, datetime(2026, 4, 1, tzinfo=UTC), DEFAULT_POLICY)

    @given(
        end_offset=st.integers(min_value=0, max_value=3000),
        report_offset=st.integers(min_value=-100, max_value=200),
    )
    def test_status_follows_the_day_count(self, end_offset: int, report_offset: int) -> None:
        """Days after the end decide the status: <0 not open, 0..45 open, >45 closed."""
        end = date(2020, 1, 1) + timedelta(days=end_offset)
        window = reporting_window(
            Offering(end), end + timedelta(days=report_offset), DEFAULT_POLICY
        )
        if report_offset < 0:
            expected = (WindowStatus.NOT_OPEN, 0, 0)
        elif report_offset <= 45:
            expected = (WindowStatus.OPEN, 45 - report_offset, 0)
        else:
            expected = (WindowStatus.CLOSED, 0, report_offset - 45)
        assert expected == (window.status, window.days_left, window.days_over)


class TestWindowExplanation:
    """The window explains itself in a sentence naming the rule."""

    @pytest.mark.parametrize(
        ("report_date", "extension", "expected"),
        [
            pytest.param(
                date(2026, 3, 1),
                None,
                "Not open yet: attendance can be reported from 2026-03-02, the day the "
                "offering is held; the last day is 2026-04-16 (reporting-window).",
                id="not-open",
            ),
            pytest.param(
                date(2026, 4, 15),
                None,
                "Open: report by 2026-04-16 (reporting-window); 1 day(s) left after 2026-04-15.",
                id="open",
            ),
            pytest.param(
                date(2026, 4, 18),
                None,
                "Closed: the last day to report was 2026-04-16 (reporting-window); "
                "2026-04-18 is 2 day(s) late.",
                id="closed",
            ),
            pytest.param(
                date(2026, 4, 18),
                date(2026, 4, 30),
                "Open: report by 2026-04-30 (a staff extension); 12 day(s) left after 2026-04-18.",
                id="extended",
            ),
        ],
    )
    def test_explanation(self, report_date: date, extension: date | None, expected: str) -> None:
        """Each status has its own sentence with the dates and the source of the last day."""
        window = reporting_window(HELD_MARCH_2, report_date, DEFAULT_POLICY, extension=extension)
        assert expected == window.explanation

    def test_notebook_view(self) -> None:
        """A window shows in a notebook as the CLI's sentence, after its label."""
        window = reporting_window(HELD_MARCH_2, date(2026, 4, 18), DEFAULT_POLICY)
        view = read_view(window._repr_html_())
        assert [f"Reporting window — {window.explanation}"] == view.paragraphs

    def test_to_dict(self) -> None:
        """to_dict is JSON-ready: codes, ISO dates, counts, rules and the sentence."""
        window = reporting_window(HELD_MARCH_2, date(2026, 4, 17), DEFAULT_POLICY)
        expected = {
            "status": "window-closed",
            "opens": "2026-03-02",
            "last_day": "2026-04-16",
            "report_date": "2026-04-17",
            "extended": False,
            "days_left": 0,
            "days_over": 1,
            "rules": ["reporting-window", "calendar-days"],
            "explanation": "Closed: the last day to report was 2026-04-16 (reporting-window); "
            "2026-04-17 is 1 day(s) late.",
        }
        assert expected == json.loads(json.dumps(window.to_dict()))

    def test_is_a_value(self) -> None:
        """A window is a frozen value: equal windows compare equal."""
        first = reporting_window(HELD_MARCH_2, date(2026, 4, 1), DEFAULT_POLICY)
        second = reporting_window(Offering(MARCH_2), date(2026, 4, 1), DEFAULT_POLICY)
        assert (first, ReportingWindow) == (second, type(second))
