"""Tests for cec_rules.program: programs, offerings and applications."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from dateutil import rrule

from cec_rules.errors import (
    InvalidApplication,
    InvalidCredits,
    InvalidOffering,
    NaiveDatetime,
    RefusedFloat,
)
from cec_rules.policy import Policy
from cec_rules.program import (
    DEFAULT_RECURRENCE_LIMIT,
    RECURRENCE_CANDIDATE_LIMIT,
    Application,
    Offering,
    Program,
    ProgramFormat,
)

MARCH_2 = date(2026, 3, 2)
PROGRAM = Program(title="Scoring sleep studies", cecs="2")


def _application(**changes: Any) -> Application:
    values: dict[str, Any] = {
        "program": PROGRAM,
        "offerings": [Offering(MARCH_2)],
        "submitted": date(2026, 1, 15),
    }
    values.update(changes)
    return Application(**values)


def _starts(offerings: tuple[Offering, ...]) -> list[str]:
    return [o.start.isoformat() for o in offerings]


class TestProgram:
    """A program holds a title, CECs, a format and an optional Program ID."""

    def test_defaults(self) -> None:
        """A program is live with no Program ID until approval."""
        expected = ("Scoring sleep studies", Decimal("2"), ProgramFormat.LIVE, None)
        assert expected == (PROGRAM.title, PROGRAM.cecs, PROGRAM.format, PROGRAM.program_id)

    @pytest.mark.parametrize(
        ("cecs", "expected"),
        [
            pytest.param("2.5", Decimal("2.5"), id="text"),
            pytest.param(3, Decimal("3"), id="int"),
            pytest.param(Decimal("0.25"), Decimal("0.25"), id="decimal"),
            pytest.param(" 1.75 ", Decimal("1.75"), id="text-trimmed"),
        ],
    )
    def test_cecs_converted(self, cecs: object, expected: Decimal) -> None:
        """CECs become an exact Decimal."""
        actual = Program(title="t", cecs=cecs).cecs
        assert (expected, Decimal) == (actual, type(actual))

    def test_text_fields_trimmed(self) -> None:
        """Title and Program ID are trimmed; the format is read from its value."""
        program = Program(title="  Title ", cecs=1, format="self-paced", program_id=" P-1 ")
        expected = ("Title", ProgramFormat.SELF_PACED, "P-1")
        assert expected == (program.title, program.format, program.program_id)

    def test_format_enum_accepted(self) -> None:
        """A ProgramFormat member is accepted as it is."""
        expected = ProgramFormat.SELF_PACED
        assert expected == Program(title="t", cecs=1, format=ProgramFormat.SELF_PACED).format

    def test_float_cecs_refused(self) -> None:
        """A float CEC count is a RefusedFloat, a TypeError."""
        with pytest.raises(RefusedFloat) as caught:
            Program(title="t", cecs=2.5)
        assert isinstance(caught.value, TypeError)
        expected = ("cecs", 2.5)
        assert expected == (caught.value.field, caught.value.value)

    @pytest.mark.parametrize(
        ("cecs", "fragment"),
        [
            pytest.param("0", "a positive number of CECs", id="zero"),
            pytest.param(-1, "a positive number of CECs", id="negative"),
            pytest.param("NaN", "it must be a finite number", id="nan"),
            pytest.param("Infinity", "it must be a finite number", id="infinity"),
            pytest.param(True, "not bool", id="bool"),
            pytest.param("two", "it is not a number", id="text"),
        ],
    )
    def test_bad_cecs_refused(self, cecs: object, fragment: str) -> None:
        """Zero, negative, non-finite, bool and non-numeric CECs are InvalidCredits."""
        with pytest.raises(InvalidCredits) as caught:
            Program(title="t", cecs=cecs)
        assert isinstance(caught.value, ValueError)
        assert (cecs, True) == (caught.value.value, fragment in str(caught.value))

    @pytest.mark.parametrize(
        ("changes", "fragment"),
        [
            pytest.param(
                {"title": "  "}, "title must be non-blank text, got '  '", id="blank-title"
            ),
            pytest.param({"title": 5}, "title must be non-blank text, got 5", id="title-int"),
            pytest.param({"program_id": ""}, "program_id must be non-blank text", id="blank-id"),
            pytest.param({"program_id": 7}, "or None before approval, got 7", id="id-int"),
            pytest.param(
                {"format": "webinar"},
                "format must be one of 'live', 'self-paced', got 'webinar'",
                id="format",
            ),
            pytest.param({"format": ["live"]}, "format must be one of", id="format-list"),
        ],
    )
    def test_bad_fields_refused(self, changes: dict[str, object], fragment: str) -> None:
        """Blank or mistyped text and unknown formats are InvalidApplication."""
        values: dict[str, Any] = {"title": "t", "cecs": 1, **changes}
        with pytest.raises(InvalidApplication) as caught:
            Program(**values)
        assert fragment in str(caught.value)

    def test_to_dict(self) -> None:
        """to_dict gives JSON-ready text for every field."""
        program = Program(title="T", cecs="6.5", format="self-paced", program_id="P-9")
        expected = {"program_id": "P-9", "title": "T", "cecs": "6.5", "format": "self-paced"}
        assert expected == json.loads(json.dumps(program.to_dict()))

    def test_frozen(self) -> None:
        """A program cannot be changed in place."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            PROGRAM.cecs = Decimal("3")  # type: ignore[misc]


class TestOffering:
    """An offering runs from its start through its end, inclusive."""

    def test_one_day_by_default(self) -> None:
        """Without an end, the offering ends on its start day and lasts one day."""
        offering = Offering(MARCH_2)
        expected = (MARCH_2, MARCH_2, 1)
        assert expected == (offering.start, offering.end, offering.days)

    def test_several_days(self) -> None:
        """days counts both ends."""
        expected = 3
        assert expected == Offering(MARCH_2, date(2026, 3, 4)).days

    def test_end_before_start_refused(self) -> None:
        """An end before the start is an InvalidOffering naming both dates."""
        with pytest.raises(InvalidOffering) as caught:
            Offering(MARCH_2, date(2026, 3, 1))
        expected = ({"start": MARCH_2, "end": date(2026, 3, 1)}, True)
        actual = (
            caught.value.facts,
            "ends on 2026-03-01, before it starts on 2026-03-02" in str(caught.value),
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("args", "field"),
        [
            pytest.param((datetime(2026, 3, 2, 9),), "start", id="datetime-start"),
            pytest.param((MARCH_2, datetime(2026, 3, 2, 17)), "end", id="datetime-end"),
            pytest.param(("2026-03-02",), "start", id="text-start"),
            pytest.param((MARCH_2, "2026-03-03"), "end", id="text-end"),
        ],
    )
    def test_non_dates_refused(self, args: tuple[object, ...], field: str) -> None:
        """A datetime or text as an offering date is an InvalidOffering naming the field."""
        with pytest.raises(InvalidOffering) as caught:
            Offering(*args)  # type: ignore[arg-type]
        expected = (field, args[-1])
        assert expected == (caught.value.facts["field"], caught.value.facts["value"])
        assert f"{field} must be a datetime.date such as date(2026, 3, 2)" in str(caught.value)

    def test_to_dict(self) -> None:
        """to_dict gives ISO dates."""
        expected = {"start": "2026-03-02", "end": "2026-03-03"}
        assert expected == Offering(MARCH_2, date(2026, 3, 3)).to_dict()


class TestRecurring:
    """Offering.recurring expands an RFC 5545 rule into dated offerings."""

    def test_text_with_dtstart(self) -> None:
        """RRULE text with dtstart= expands from that date."""
        offerings = Offering.recurring("RRULE:FREQ=WEEKLY;COUNT=3", dtstart=MARCH_2)
        expected = ["2026-03-02", "2026-03-09", "2026-03-16"]
        assert expected == _starts(offerings)

    def test_text_with_own_dtstart(self) -> None:
        """Text carrying its own DTSTART needs no dtstart=."""
        offerings = Offering.recurring("DTSTART:20260302T090000\nRRULE:FREQ=MONTHLY;COUNT=2")
        expected = ["2026-03-02", "2026-04-02"]
        assert expected == _starts(offerings)

    def test_rrule_object(self) -> None:
        """A dateutil rrule is expanded as it is."""
        rule = rrule.rrule(rrule.WEEKLY, count=2, dtstart=datetime(2026, 3, 2))
        expected = ["2026-03-02", "2026-03-09"]
        assert expected == _starts(Offering.recurring(rule))

    def test_rruleset_object(self) -> None:
        """A dateutil rruleset (rule plus extra dates) is expanded in date order."""
        rules = rrule.rruleset()
        rules.rrule(rrule.rrule(rrule.WEEKLY, count=2, dtstart=datetime(2026, 3, 2)))
        rules.rdate(datetime(2026, 3, 5))
        expected = ["2026-03-02", "2026-03-05", "2026-03-09"]
        assert expected == _starts(Offering.recurring(rules))

    def test_length_days(self) -> None:
        """length_days sets each offering's span, counting both ends."""
        offerings = Offering.recurring("RRULE:FREQ=WEEKLY;COUNT=2", dtstart=MARCH_2, length_days=2)
        expected = (
            Offering(MARCH_2, date(2026, 3, 3)),
            Offering(date(2026, 3, 9), date(2026, 3, 10)),
        )
        assert expected == offerings

    @pytest.mark.parametrize(
        ("rule", "expected"),
        [
            pytest.param(
                "DTSTART:20260402T013000Z\nRRULE:FREQ=WEEKLY;COUNT=2",
                ["2026-04-01", "2026-04-08"],
                id="utc-evening-before-in-chicago",
            ),
            pytest.param(
                "DTSTART;TZID=America/Chicago:20260401T203000\nRRULE:FREQ=WEEKLY;COUNT=1",
                ["2026-04-01"],
                id="chicago",
            ),
            pytest.param(
                "DTSTART;TZID=Asia/Tokyo:20260402T090000\nRRULE:FREQ=WEEKLY;COUNT=1",
                ["2026-04-01"],
                id="tokyo-morning",
            ),
            pytest.param(
                "DTSTART:20260402T013000\nRRULE:FREQ=WEEKLY;COUNT=1",
                ["2026-04-02"],
                id="floating-time-taken-as-written",
            ),
        ],
    )
    def test_moments_with_a_time_zone(self, rule: str, expected: list[str]) -> None:
        """A start with a time zone falls on the association's date (`submission-date`):
        01:30 UTC on 2 April is the evening of 1 April in Chicago.  A start with no
        time zone (RFC 5545's floating time) is taken as the date written."""
        assert expected == _starts(Offering.recurring(rule))

    def test_moments_in_the_policy_time_zone(self) -> None:
        """The policy's time zone decides the date."""
        policy = Policy(time_zone="Asia/Tokyo")
        rule = "DTSTART:20260402T013000Z\nRRULE:FREQ=WEEKLY;COUNT=1"
        assert ["2026-04-02"] == _starts(Offering.recurring(rule, policy=policy))

    def test_length_past_the_calendar_refused(self) -> None:
        """Offerings that would end after the last date Python knows are refused, naming
        the last."""
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring("RRULE:FREQ=WEEKLY;COUNT=2", dtstart=MARCH_2, length_days=10**7)
        expected = "an offering starting 2026-03-09 and 10000000 days long ends after 9999-12-31"
        assert expected == str(caught.value)

    @pytest.mark.parametrize(
        ("length_days", "ends"),
        [
            pytest.param(2, date.max, id="ends-on-the-last-date"),
            pytest.param(3, None, id="a-day-past"),
        ],
    )
    def test_length_to_the_calendars_end(self, length_days: int, ends: date | None) -> None:
        """An offering may end on 9999-12-31, and not a day later."""
        rule, start = "RRULE:FREQ=DAILY;COUNT=1", date(9999, 12, 30)
        if ends is None:
            with pytest.raises(InvalidOffering, match="ends after 9999-12-31"):
                Offering.recurring(rule, dtstart=start, length_days=length_days)
        else:
            (offering,) = Offering.recurring(rule, dtstart=start, length_days=length_days)
            assert ends == offering.end

    def test_moment_off_the_calendar_refused(self) -> None:
        """A start that in the association's time zone falls before the first date
        Python knows is refused, not an OverflowError."""
        rule = "DTSTART:00010101T010000Z\nRRULE:FREQ=DAILY;COUNT=1"
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring(rule)
        expected = (
            "the recurrence has a start that falls outside the calendar in America/Chicago: "
            "0001-01-01 01:00:00+00:00"
        )
        assert expected == str(caught.value)

    def test_exactly_the_limit(self) -> None:
        """A rule expanding to exactly the limit is accepted."""
        offerings = Offering.recurring("RRULE:FREQ=DAILY;COUNT=5", dtstart=MARCH_2, limit=5)
        expected = 5
        assert expected == len(offerings)

    @pytest.mark.parametrize(
        ("rule", "limit"),
        [
            pytest.param("RRULE:FREQ=DAILY", DEFAULT_RECURRENCE_LIMIT, id="unbounded-default"),
            pytest.param("RRULE:FREQ=DAILY;COUNT=6", 5, id="over-given-limit"),
        ],
    )
    def test_over_limit_refused(self, rule: str, limit: int) -> None:
        """A rule expanding past the limit (or without end) is refused, not expanded."""
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring(rule, dtstart=MARCH_2, limit=limit)
        expected = ({"limit": limit}, True)
        actual = (
            caught.value.facts,
            f"the recurrence expands to more than {limit} offerings" in str(caught.value),
        )
        assert expected == actual

    def test_default_limit(self) -> None:
        """The default limit is one year of daily offerings."""
        expected = 366
        assert expected == DEFAULT_RECURRENCE_LIMIT

    @pytest.mark.parametrize(
        "rule",
        [
            pytest.param("RRULE:FREQ=DAILY;COUNT=0", id="count-0"),
            pytest.param("RRULE:FREQ=DAILY;UNTIL=20260101", id="until-before-start"),
        ],
    )
    def test_yields_nothing_refused(self, rule: str) -> None:
        """A rule that yields no date is refused."""
        with pytest.raises(InvalidOffering, match="the recurrence yields no dates"):
            Offering.recurring(rule, dtstart=MARCH_2)

    @pytest.mark.parametrize(
        ("rule", "fragment"),
        [
            pytest.param("not a rule", "cannot be read", id="not-a-rule"),
            pytest.param("RRULE:FREQ=FOO", "cannot be read", id="bad-freq"),
            pytest.param("RRULE:FREQ=WEEKLY;BOGUS=1", "cannot be read", id="unknown-part"),
            pytest.param("DTSTART:2026X\nRRULE:FREQ=DAILY", "cannot be read", id="bad-dtstart"),
        ],
    )
    def test_bad_text_refused(self, rule: str, fragment: str) -> None:
        """Text dateutil cannot read is an InvalidOffering quoting it."""
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring(rule, dtstart=MARCH_2)
        expected = (True, True)
        assert expected == (fragment in str(caught.value), repr(rule) in str(caught.value))

    def test_text_without_start_refused(self) -> None:
        """Text with neither DTSTART nor dtstart= is refused: the clock is never read."""
        with pytest.raises(InvalidOffering, match="has no start: pass dtstart="):
            Offering.recurring("RRULE:FREQ=WEEKLY;COUNT=2")

    def test_dtstart_datetime_refused(self) -> None:
        """dtstart= must be a date, not a datetime."""
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring("RRULE:FREQ=WEEKLY;COUNT=2", dtstart=datetime(2026, 3, 2, 9))
        expected = "dtstart"
        assert expected == caught.value.facts["field"]

    def test_wrong_rule_type_refused(self) -> None:
        """Anything but text or an rrule is refused, naming its type."""
        with pytest.raises(InvalidOffering, match="expected an rrule or RFC 5545 text, got int"):
            Offering.recurring(5)  # type: ignore[arg-type]

    @pytest.mark.parametrize("length_days", [0, -1, True, "2", 1.5], ids=repr)
    def test_bad_length_days_refused(self, length_days: object) -> None:
        """length_days must be a whole number, 1 or more."""
        with pytest.raises(InvalidOffering, match="length_days must be a whole number of days"):
            Offering.recurring(
                "RRULE:FREQ=DAILY;COUNT=1",
                dtstart=MARCH_2,
                length_days=length_days,  # type: ignore[arg-type]
            )

    @pytest.mark.parametrize("limit", [0, -5, True, "5"], ids=repr)
    def test_bad_limit_refused(self, limit: object) -> None:
        """limit must be a whole number, 1 or more."""
        with pytest.raises(InvalidOffering, match="limit must be a whole number, 1 or more"):
            Offering.recurring(
                "RRULE:FREQ=DAILY;COUNT=1",
                dtstart=MARCH_2,
                limit=limit,  # type: ignore[arg-type]
            )

    def test_expansion_error_refused(self) -> None:
        """A set dateutil cannot expand (naive and aware dates mixed) is an InvalidOffering."""
        rules = rrule.rruleset()
        rules.rrule(rrule.rrule(rrule.DAILY, count=2, dtstart=datetime(2026, 3, 2)))
        rules.rdate(datetime(2026, 3, 5, tzinfo=timezone.utc))
        with pytest.raises(InvalidOffering, match="the recurrence cannot be expanded"):
            Offering.recurring(rules)


class _CountedRule(rrule.rrule):
    """An rrule that counts the dates drawn from it."""

    drawn = 0

    def __iter__(self) -> Iterator[datetime]:
        for moment in super().__iter__():
            type(self).drawn += 1
            yield moment


def _daily(count: int | None) -> rrule.rrule:
    return rrule.rrule(rrule.DAILY, count=count, dtstart=datetime(2026, 3, 2))


def _excluded(include: int | None, exclude: int | None) -> rrule.rruleset:
    """Daily dates from 2026-03-02, ``include`` of them, less the first ``exclude``."""
    rules = rrule.rruleset()
    rules.rrule(_daily(include))
    rules.exrule(_daily(exclude))
    return rules


class TestRecurrenceCandidates:
    """A recurrence reads at most RECURRENCE_CANDIDATE_LIMIT candidate dates (those its
    rules make, exclusions included), or ten per offering allowed, then stops."""

    def test_candidate_limit(self) -> None:
        """The limit is 10,000 candidate dates."""
        expected = 10_000
        assert expected == RECURRENCE_CANDIDATE_LIMIT

    @pytest.mark.parametrize(
        ("include", "exclude", "expected"),
        [
            # The rule's dates and the exclusion's are read in turn: 5,000 of each is 10,000.
            pytest.param(5_000, 4_999, ["2039-11-08"], id="9999-candidates"),
            pytest.param(5_000, 5_000, "yields no dates", id="10000-candidates-then-the-end"),
            pytest.param(5_001, 5_000, "no date in its first 10,000", id="10001-candidates"),
            pytest.param(None, None, "no date in its first 10,000", id="every-date-excluded"),
        ],
    )
    def test_boundary(self, include: int | None, exclude: int | None, expected: object) -> None:
        """Up to 10,000 candidates a rule expands as before; past them it is refused."""
        try:
            actual: object = _starts(Offering.recurring(_excluded(include, exclude)))
        except InvalidOffering as error:
            # A refusal is pinned by the words that tell it apart; test_messages pins the rest.
            actual = expected if str(expected) in str(error) else str(error)
        assert expected == actual

    @pytest.mark.parametrize(
        ("limit", "budget"),
        [
            pytest.param(DEFAULT_RECURRENCE_LIMIT, 10_000, id="default"),
            pytest.param(1_000, 10_000, id="1000"),
            pytest.param(1_001, 10_010, id="1001"),
        ],
    )
    def test_candidates_read_when_every_date_is_excluded(
        self, limit: int, budget: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exclusion removing every date stops after the budget and one candidate,
        not at year 9999; the error carries the budget."""
        monkeypatch.setattr(_CountedRule, "drawn", 0)
        rules = rrule.rruleset()
        rules.rrule(_CountedRule(rrule.DAILY, dtstart=datetime(2026, 3, 2)))
        rules.exrule(_CountedRule(rrule.HOURLY, dtstart=datetime(2026, 3, 2)))
        with pytest.raises(InvalidOffering) as caught:
            Offering.recurring(rules, limit=limit)
        expected = ({"candidates": budget}, budget + 1)
        assert expected == (caught.value.facts, _CountedRule.drawn)

    def test_exdate_and_rdate_kept(self) -> None:
        """A set's extra dates and excluded dates apply as before."""
        rules = rrule.rruleset()
        rules.rrule(_daily(3))
        rules.exdate(datetime(2026, 3, 3))
        rules.rdate(datetime(2026, 3, 10))
        expected = ["2026-03-02", "2026-03-04", "2026-03-10"]
        assert expected == _starts(Offering.recurring(rules))


class TestApplication:
    """An application lists a program's offerings and when it was submitted."""

    def test_offerings_become_a_tuple(self) -> None:
        """A list, a generator or a single Offering is kept as a tuple."""

        def generate() -> Iterator[Offering]:
            yield Offering(MARCH_2)

        expected = ((Offering(MARCH_2),),) * 3
        actual = (
            _application(offerings=[Offering(MARCH_2)]).offerings,
            _application(offerings=generate()).offerings,
            _application(offerings=Offering(MARCH_2)).offerings,
        )
        assert expected == actual

    def test_defaults(self) -> None:
        """No calendar listing and an empty reference unless given."""
        application = _application()
        expected = (False, "")
        assert expected == (application.calendar_listing, application.reference)

    def test_no_offerings_refused(self) -> None:
        """An application with no offering is refused (`offering-count`)."""
        with pytest.raises(InvalidApplication) as caught:
            _application(offerings=[])
        expected = ("offering-count", True)
        actual = (caught.value.rule, "lists at least one offering" in str(caught.value))
        assert expected == actual

    def test_non_offering_refused(self) -> None:
        """Every listed item must be an Offering."""
        with pytest.raises(InvalidApplication, match="offerings must be Offering values, got"):
            _application(offerings=[Offering(MARCH_2), MARCH_2])

    @pytest.mark.parametrize(
        "submitted",
        [
            pytest.param(date(2026, 1, 15), id="date"),
            pytest.param(datetime(2026, 1, 15, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo")), id="aware"),
            pytest.param(datetime(2026, 1, 15, 23, 30, tzinfo=timezone.utc), id="utc"),
        ],
    )
    def test_submitted_kept(self, submitted: date) -> None:
        """A date or an aware datetime is kept as given."""
        assert submitted == _application(submitted=submitted).submitted

    def test_naive_submission_refused(self) -> None:
        """A naive datetime is refused with NaiveDatetime: its date would be a guess."""
        moment = datetime(2026, 1, 15, 23, 30)
        with pytest.raises(NaiveDatetime) as caught:
            _application(submitted=moment)
        assert isinstance(caught.value, ValueError)
        expected = ("submitted", moment, "submission-date")
        assert expected == (caught.value.field, caught.value.value, caught.value.rule)

    def test_text_submission_refused(self) -> None:
        """Text is not a submission moment."""
        with pytest.raises(InvalidApplication) as caught:
            _application(submitted="2026-01-15")
        expected = ("submission-date", True)
        actual = (
            caught.value.rule,
            "submitted must be a date or a timezone-aware datetime" in str(caught.value),
        )
        assert expected == actual

    @pytest.mark.parametrize(
        "changes",
        [
            pytest.param({"program": "Scoring"}, id="program"),
            pytest.param({"calendar_listing": "yes"}, id="calendar-listing"),
            pytest.param({"reference": 1001}, id="reference"),
        ],
    )
    def test_mistyped_fields_refused(self, changes: dict[str, object]) -> None:
        """A program that is not a Program, a non-bool listing or non-text reference: TypeError."""
        with pytest.raises(TypeError, match=next(iter(changes))):
            _application(**changes)

    def test_to_dict(self) -> None:
        """to_dict gives JSON-ready data with ISO dates."""
        application = _application(
            submitted=datetime(2026, 3, 1, 23, 30, tzinfo=ZoneInfo("America/Los_Angeles")),
            calendar_listing=True,
            reference="APP-1",
        )
        expected = {
            "reference": "APP-1",
            "program": {
                "program_id": None,
                "title": "Scoring sleep studies",
                "cecs": "2",
                "format": "live",
            },
            "offerings": [{"start": "2026-03-02", "end": "2026-03-02"}],
            "submitted": "2026-03-01T23:30:00-08:00",
            "calendar_listing": True,
        }
        assert expected == json.loads(json.dumps(application.to_dict()))

    @pytest.mark.parametrize(
        "submitted",
        [
            pytest.param(date(2026, 1, 15), id="date"),
            pytest.param(datetime(2026, 1, 15, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo")), id="aware"),
        ],
    )
    def test_round_trip(self, submitted: date) -> None:
        """from_dict(to_dict()) gives an equal application."""
        application = _application(
            program=Program(title="T", cecs="1.25", format="self-paced", program_id="P-1"),
            offerings=[Offering(MARCH_2, date(2026, 3, 3)), Offering(date(2026, 4, 1))],
            submitted=submitted,
            calendar_listing=True,
            reference="APP-9",
        )
        assert application == Application.from_dict(application.to_dict())

    def test_from_dict_defaults(self) -> None:
        """from_dict fills the optional keys: end = start, live, no listing, no reference."""
        application = Application.from_dict(
            {
                "program": {"title": "T", "cecs": "2"},
                "offerings": [{"start": "2026-03-02"}],
                "submitted": "2026-01-15",
            }
        )
        expected = _application(program=Program(title="T", cecs=2))
        assert expected == application


BASE_DATA: dict[str, Any] = {
    "program": {"title": "T", "cecs": "2"},
    "offerings": [{"start": "2026-03-02"}],
    "submitted": "2026-01-15",
}


def _without(key: str) -> dict[str, Any]:
    return {k: v for k, v in BASE_DATA.items() if k != key}


class TestFromDictErrors:
    """from_dict refuses wrong or missing data with an error of this library."""

    @pytest.mark.parametrize(
        ("data", "error", "fragment"),
        [
            pytest.param(
                _without("program"),
                InvalidApplication,
                "the application data has no 'program'",
                id="no-program",
            ),
            pytest.param(
                _without("offerings"),
                InvalidApplication,
                "the application data has no 'offerings'",
                id="no-offerings",
            ),
            pytest.param(
                _without("submitted"),
                InvalidApplication,
                "the application data has no 'submitted'",
                id="no-submitted",
            ),
            pytest.param(
                {**BASE_DATA, "program": {"cecs": "2"}},
                InvalidApplication,
                "has no 'title'",
                id="no-title",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [{"end": "2026-03-02"}]},
                InvalidApplication,
                "has no 'start'",
                id="no-start",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": 5},
                InvalidApplication,
                "the application data is not shaped right",
                id="offerings-int",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [["2026-03-02"]]},
                InvalidApplication,
                "not shaped right",
                id="offering-list",
            ),
            pytest.param(
                {**BASE_DATA, "program": None},
                InvalidApplication,
                "not shaped right",
                id="program-none",
            ),
            pytest.param(
                {**BASE_DATA, "calendar_listing": "yes"},
                InvalidApplication,
                "not shaped right",
                id="listing-text",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": []},
                InvalidApplication,
                "lists at least one offering",
                id="empty-offerings",
            ),
            pytest.param(
                {**BASE_DATA, "program": {"title": "T", "cecs": "2", "format": "webinar"}},
                InvalidApplication,
                "format must be one of",
                id="bad-format",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [{"start": "2026-13-01"}]},
                InvalidOffering,
                "start must be an ISO date such as '2026-03-02', got '2026-13-01'",
                id="bad-iso-start",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [{"start": "2026-03-02", "end": "3/3/2026"}]},
                InvalidOffering,
                "end must be an ISO date",
                id="bad-iso-end",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [{"start": 20260302}]},
                InvalidOffering,
                "start must be an ISO date such as '2026-03-02', got 20260302",
                id="start-int",
            ),
            pytest.param(
                {**BASE_DATA, "offerings": [{"start": "2026-03-02", "end": "2026-03-01"}]},
                InvalidOffering,
                "before it starts",
                id="end-before-start",
            ),
            pytest.param(
                {**BASE_DATA, "submitted": "yesterday"},
                InvalidApplication,
                "submitted must be an ISO date or datetime with an offset, got 'yesterday'",
                id="bad-iso-submitted",
            ),
            pytest.param(
                {**BASE_DATA, "submitted": "2026-02-30"},
                InvalidApplication,
                "submitted must be an ISO date",
                id="impossible-date",
            ),
            pytest.param(
                {**BASE_DATA, "submitted": 20260115},
                InvalidApplication,
                "submitted must be ISO text, got 20260115",
                id="submitted-int",
            ),
            pytest.param(
                {**BASE_DATA, "submitted": "2026-01-15T12:00:00"},
                NaiveDatetime,
                "has no time zone",
                id="naive-submitted",
            ),
            pytest.param(
                {**BASE_DATA, "program": {"title": "T", "cecs": 2.5}},
                RefusedFloat,
                "not the float 2.5",
                id="float-cecs",
            ),
            pytest.param(
                {**BASE_DATA, "program": {"title": "T", "cecs": "0"}},
                InvalidCredits,
                "a positive number of CECs",
                id="zero-cecs",
            ),
        ],
    )
    def test_refused(self, data: dict[str, Any], error: type[Exception], fragment: str) -> None:
        """Each mistake raises the precise error, with a message naming it."""
        with pytest.raises(error) as caught:
            Application.from_dict(data)
        assert fragment in str(caught.value)

    def test_not_a_mapping_refused(self) -> None:
        """A list instead of a mapping is refused as badly shaped."""
        with pytest.raises(InvalidApplication, match="not shaped right"):
            Application.from_dict([BASE_DATA])  # type: ignore[arg-type]

    def test_aware_submission_read(self) -> None:
        """An ISO datetime with an offset is read as an aware datetime."""
        application = Application.from_dict({**BASE_DATA, "submitted": "2026-03-01T23:30:00-08:00"})
        expected = datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc)
        actual = application.submitted
        assert isinstance(actual, datetime)
        assert (expected, timedelta(hours=-8)) == (actual, actual.utcoffset())
