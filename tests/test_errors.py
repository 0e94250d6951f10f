"""Tests for cec_rules.errors: one base, fitting builtins, facts as attributes."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import attrs
import pytest

from cec_rules import errors
from cec_rules.accounts import InMemoryRepository
from cec_rules.deadlines import (
    days_before_start,
    last_report_day,
    local_date,
    offering_timing,
    reporting_window,
)
from cec_rules.eligibility import credit_decision, review_decision, roster_credits
from cec_rules.errors import (
    CecRulesError,
    InvalidAccount,
    InvalidAmount,
    InvalidApplication,
    InvalidArgument,
    InvalidCredits,
    InvalidOffering,
    InvalidPolicy,
    InvalidReport,
    NaiveDatetime,
    NotApproved,
    PolicyNotInForce,
    RefusedFloat,
    RosterMismatch,
    RowConservationError,
    TransitionRefused,
)
from cec_rules.fees import assess_application
from cec_rules.lifecycle import Event, fold
from cec_rules.policy import DEFAULT_POLICY, PolicySchedule, default_schedule
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import check_roster


class TestHierarchy:
    """Every error is a CecRulesError and the builtin a caller would catch."""

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            pytest.param(RefusedFloat, TypeError, id="RefusedFloat-TypeError"),
            pytest.param(InvalidAmount, ValueError, id="InvalidAmount-ValueError"),
            pytest.param(InvalidCredits, ValueError, id="InvalidCredits-ValueError"),
            pytest.param(InvalidOffering, ValueError, id="InvalidOffering-ValueError"),
            pytest.param(InvalidApplication, ValueError, id="InvalidApplication-ValueError"),
            pytest.param(NaiveDatetime, ValueError, id="NaiveDatetime-ValueError"),
            pytest.param(InvalidPolicy, ValueError, id="InvalidPolicy-ValueError"),
            pytest.param(PolicyNotInForce, LookupError, id="PolicyNotInForce-LookupError"),
            pytest.param(InvalidAccount, ValueError, id="InvalidAccount-ValueError"),
            pytest.param(NotApproved, ValueError, id="NotApproved-ValueError"),
            pytest.param(
                RowConservationError, AssertionError, id="RowConservationError-AssertionError"
            ),
            pytest.param(TransitionRefused, ValueError, id="TransitionRefused-ValueError"),
            pytest.param(RosterMismatch, TransitionRefused, id="RosterMismatch-TransitionRefused"),
            pytest.param(RosterMismatch, ValueError, id="RosterMismatch-ValueError"),
            pytest.param(InvalidArgument, TypeError, id="InvalidArgument-TypeError"),
            pytest.param(InvalidReport, ValueError, id="InvalidReport-ValueError"),
        ],
    )
    def test_subclass_of_base_and_builtin(self, cls: type[Exception], builtin: type) -> None:
        """Each error class inherits both CecRulesError and its builtin."""
        expected = (True, True)
        assert expected == (issubclass(cls, CecRulesError), issubclass(cls, builtin))

    def test_every_exported_error_is_a_library_error(self) -> None:
        """Every class in errors.__all__ derives from CecRulesError."""
        classes = [getattr(errors, name) for name in errors.__all__]
        expected: list[str] = []
        assert expected == [c.__name__ for c in classes if not issubclass(c, CecRulesError)]


class TestCecRulesError:
    """The base error carries its message and an optional rule id."""

    def test_message_and_str(self) -> None:
        """str() of the error is its message."""
        error = CecRulesError("something is wrong")
        expected = ("something is wrong", "something is wrong")
        assert expected == (error.message, str(error))

    def test_rule_defaults_to_none(self) -> None:
        """Without a rule id, rule is None."""
        assert None is CecRulesError("x").rule

    def test_rule_given(self) -> None:
        """A rule id given at construction is kept."""
        expected = "past-program"
        assert expected == CecRulesError("x", rule="past-program").rule


class TestRefusedFloat:
    """RefusedFloat names the field and the float, and suggests a string."""

    def test_for_field(self) -> None:
        """The message names the field, the float and the fix."""
        error = RefusedFloat.for_field("cecs", 2.5)
        expected = ("cecs", 2.5, "money-decimal")
        assert expected == (error.field, error.value, error.rule)
        assert "cecs must be a Decimal, an int or a string such as '2.5'" in str(error)
        assert "not the float 2.5" in str(error)

    def test_in_json(self) -> None:
        """`money-decimal`: a float of JSON data names the key path and says to parse the
        text with parse_float=Decimal."""
        error = RefusedFloat.in_json("program.cecs", 2.5)
        expected = ("program.cecs", 2.5, "money-decimal")
        assert expected == (error.field, error.value, error.rule)
        assert "json.loads(text, parse_float=Decimal)" in str(error)


class TestInvalidReport:
    """InvalidReport names the key path of the report's data and the reason."""

    def test_with_and_without_path(self) -> None:
        """The message is '<path>: <reason>', or the reason alone at the top."""
        error = InvalidReport("expected text", path="accepted[0].aast_id")
        bare = InvalidReport("expected a roster report")
        expected = (
            ("accepted[0].aast_id", "expected text", "accepted[0].aast_id: expected text"),
            ("", "expected a roster report"),
        )
        assert expected == ((error.path, error.reason, str(error)), (bare.path, str(bare)))


class TestInvalidAmount:
    """InvalidAmount names the field, the value and the reason."""

    def test_because(self) -> None:
        """The message is '<field> <value!r> is refused: <reason>'."""
        error = InvalidAmount.because("fee", "abc", "it is not a number")
        expected = (
            ("fee", "abc", "it is not a number", "money-decimal"),
            "fee 'abc' is refused: it is not a number",
        )
        assert expected == ((error.field, error.value, error.reason, error.rule), str(error))


class TestInvalidCredits:
    """InvalidCredits names the CEC value."""

    def test_because(self) -> None:
        """The message names the value and the reason; the rule is cec-amount."""
        error = InvalidCredits.because("0.3", "steps of 0.25")
        expected = ("0.3", "cec-amount", "CECs 0.3 are refused: steps of 0.25")
        assert expected == (error.value, error.rule, str(error))


class TestInvalidOffering:
    """InvalidOffering keeps arbitrary facts."""

    def test_facts_and_rule(self) -> None:
        """Keyword facts are kept in .facts; the rule is optional."""
        error = InvalidOffering("bad", rule="offering-count", start=date(2026, 3, 2))
        assert ({"start": date(2026, 3, 2)}, "offering-count") == (error.facts, error.rule)

    def test_no_rule(self) -> None:
        """Without a rule id, rule is None and facts are empty."""
        error = InvalidOffering("bad")
        expected: tuple[dict[str, object], None] = ({}, None)
        assert expected == (error.facts, error.rule)


class TestInvalidApplication:
    """InvalidApplication carries an optional rule."""

    def test_rule(self) -> None:
        """The rule id given is kept; the message is the text."""
        error = InvalidApplication("no offerings", rule="offering-count")
        expected = ("offering-count", "no offerings")
        assert expected == (error.rule, str(error))


class TestNaiveDatetime:
    """NaiveDatetime names the field and says how to fix it."""

    def test_for_field(self) -> None:
        """The message says the datetime has no time zone and suggests ZoneInfo."""
        moment = datetime(2026, 3, 1, 23, 30)
        error = NaiveDatetime.for_field("submitted", moment)
        assert ("submitted", moment, "submission-date") == (error.field, error.value, error.rule)
        assert str(error).startswith("submitted 2026-03-01 23:30:00 has no time zone")
        assert "ZoneInfo('America/Chicago')" in str(error)


class TestInvalidPolicy:
    """InvalidPolicy prefixes the key path to its reason."""

    def test_with_path(self) -> None:
        """With a path, the message is '<path>: <reason>'."""
        error = InvalidPolicy("must be positive", path="versions[1].cec_increment")
        expected = (
            "versions[1].cec_increment",
            "must be positive",
            "policy-version",
            "versions[1].cec_increment: must be positive",
        )
        assert expected == (error.path, error.reason, error.rule, str(error))

    def test_without_path(self) -> None:
        """Without a path, the message is the reason alone."""
        error = InvalidPolicy("not valid TOML")
        expected = ("", "not valid TOML")
        assert expected == (error.path, str(error))


class TestPolicyNotInForce:
    """PolicyNotInForce names the date and the schedule's first start."""

    def test_on_date(self) -> None:
        """The message names both dates; .on is the date asked for."""
        error = PolicyNotInForce.on_date(date(2019, 12, 31), date(2020, 1, 1))
        assert (date(2019, 12, 31), "policy-version") == (error.on, error.rule)
        assert "no policy version is in force on 2019-12-31" in str(error)
        assert "the schedule starts on 2020-01-01" in str(error)


class TestRuleIds:
    """Errors that enforce one rule name it."""

    @pytest.mark.parametrize(
        ("cls", "rule"),
        [
            pytest.param(NotApproved, "approval-first", id="NotApproved"),
            pytest.param(RowConservationError, "row-conservation", id="RowConservationError"),
            pytest.param(InvalidAccount, None, id="InvalidAccount"),
        ],
    )
    def test_rule(self, cls: type[CecRulesError], rule: str | None) -> None:
        """The class names its rule id; the message is kept."""
        error = cls("something is wrong")
        assert (rule, "something is wrong") == (error.rule, str(error))


class _Kind(enum.Enum):
    ROSTER_REPORTED = "roster-reported"
    APPROVED = "approved"


@attrs.frozen
class _Event:
    """A stand-in for a lifecycle event: what TransitionRefused reads from one."""

    on: date
    kind: _Kind
    roster: str | None = None


class TestTransitionRefused:
    """TransitionRefused names the status and the event it met."""

    def test_not_allowed(self) -> None:
        """The message names the event, its date, the status and the rule."""
        event = _Event(date(2026, 3, 1), _Kind.ROSTER_REPORTED)
        error = TransitionRefused.not_allowed("submitted", event, "approval-first")
        expected = (
            "submitted",
            event,
            "approval-first",
            "roster-reported on 2026-03-01 is not allowed while the application is submitted "
            "(approval-first)",
        )
        assert expected == (error.status, error.event, error.rule, str(error))

    def test_not_allowed_for_a_roster(self) -> None:
        """A roster event names its roster and the subject given."""
        event = _Event(date(2026, 4, 1), _Kind.ROSTER_REPORTED, roster="R-1")
        error = TransitionRefused.not_allowed("paid", event, "one-claim", subject="roster")
        expected = (
            "roster-reported for roster 'R-1' on 2026-04-01 is not allowed while the roster is "
            "paid (one-claim)"
        )
        assert expected == str(error)

    def test_malformed(self) -> None:
        """A malformed event has no status and no rule; the reason is the message."""
        event = _Event(date(2026, 3, 1), _Kind.APPROVED)
        error = TransitionRefused.malformed(event, "an approved event carries no amount")
        expected = (None, None, event, "an approved event carries no amount")
        assert expected == (error.status, error.rule, error.event, str(error))

    def test_out_of_order(self) -> None:
        """An event dated before the last one applied names both dates."""
        event = _Event(date(2026, 3, 1), _Kind.APPROVED)
        previous = _Event(date(2026, 3, 5), _Kind.ROSTER_REPORTED)
        error = TransitionRefused.out_of_order(event, previous)
        expected = (
            None,
            "approved on 2026-03-01 comes before the last event applied "
            "(roster-reported on 2026-03-05); give events in date order",
        )
        assert expected == (error.status, str(error))


# --------------------------------------------------------------------------
# A value of the wrong kind at the public API: the library's own error, saying
# what to pass, never an AttributeError or TypeError from inside.

_PROGRAM = Program(title="T", cecs=2, program_id="PRG-1")
_OFFERING = Offering(date(2026, 3, 2))
_REPOSITORY = InMemoryRepository()
_REPORT = check_roster(
    [], program=_PROGRAM, offering=_OFFERING, repository=_REPOSITORY, reported_at=_OFFERING.start
)
_HISTORY = fold([])
_APPLICATION = Application(program=_PROGRAM, offerings=[_OFFERING], submitted=date(2026, 1, 5))


class _AccountsOnly:
    """Half a repository: accounts but no reported_ids."""

    def accounts(self, aast_ids: object, *, on: date) -> dict[str, object]:
        return {}


def _roster(**changes: Any) -> object:
    arguments: dict[str, Any] = {
        "program": _PROGRAM,
        "offering": _OFFERING,
        "repository": _REPOSITORY,
        "reported_at": _OFFERING.start,
    }
    return check_roster([], **(arguments | changes))


def _application(**changes: Any) -> object:
    arguments: dict[str, Any] = {
        "program": _PROGRAM,
        "offerings": [_OFFERING],
        "submitted": date(2026, 1, 5),
    }
    return Application(**(arguments | changes))


WRONG_KINDS = [
    pytest.param(
        lambda: last_report_day(_OFFERING, default_schedule()),  # type: ignore[arg-type]
        "policy must be a Policy, got PolicySchedule; for a schedule, pass "
        "schedule.at(report_date)",
        id="window-under-a-schedule",
    ),
    pytest.param(
        lambda: reporting_window(_OFFERING, "2026-03-10", DEFAULT_POLICY),  # type: ignore[arg-type]
        "report_date must be a datetime.date, got '2026-03-10'",
        id="window-text-date",
    ),
    pytest.param(
        lambda: reporting_window(
            _OFFERING, date(2026, 3, 10), DEFAULT_POLICY, program_format=ProgramFormat.SELF_PACED
        ),
        "a self-paced program's window is counted from the attendee's completion date: "
        "pass completion=",
        id="self-paced-window-without-completion",
    ),
    pytest.param(
        lambda: days_before_start(_OFFERING, datetime(2026, 3, 1, tzinfo=timezone.utc)),
        "submitted_on must be a datetime.date, got "
        "datetime.datetime(2026, 3, 1, 0, 0, tzinfo=datetime.timezone.utc)",
        id="days-before-start-datetime",
    ),
    pytest.param(
        lambda: offering_timing(_OFFERING, "2026-03-01", DEFAULT_POLICY),  # type: ignore[arg-type]
        "submitted_on must be a date or an aware datetime, got '2026-03-01'",
        id="offering-timing-text",
    ),
    pytest.param(
        lambda: local_date("2026-03-01", DEFAULT_POLICY),  # type: ignore[arg-type]
        "moment must be a date or an aware datetime, got '2026-03-01'",
        id="local-date-text",
    ),
    pytest.param(
        lambda: default_schedule().resolve("2026-03-01", field="submitted"),  # type: ignore[arg-type]
        "submitted must be a date or an aware datetime, got '2026-03-01'",
        id="schedule-resolve-text",
    ),
    pytest.param(
        lambda: default_schedule().at(datetime(2026, 3, 1, tzinfo=timezone.utc)),
        "on must be a datetime.date, not a datetime; for a moment, use resolve()",
        id="schedule-at-datetime",
    ),
    pytest.param(
        lambda: PolicySchedule([DEFAULT_POLICY]),  # type: ignore[list-item]
        "a schedule's versions are PolicyVersion values (a Policy and the date it takes "
        f"effect), got {DEFAULT_POLICY!r}; for one policy, use PolicySchedule.single(policy)",
        id="schedule-of-policies",
    ),
    pytest.param(
        lambda: PolicySchedule(None),  # type: ignore[arg-type]
        "a schedule's versions are PolicyVersion values (a Policy and the date it takes "
        "effect), got None; for one policy, use PolicySchedule.single(policy)",
        id="schedule-of-none",
    ),
    pytest.param(
        lambda: _roster(repository=None),
        "repository must have the methods accounts(aast_ids, on=) and "
        "reported_ids(program_id, offering) of AccountRepository, got NoneType",
        id="roster-without-repository",
    ),
    pytest.param(
        lambda: _roster(repository=_AccountsOnly()),
        "repository must have the methods accounts(aast_ids, on=) and "
        "reported_ids(program_id, offering) of AccountRepository, got _AccountsOnly",
        id="roster-with-half-a-repository",
    ),
    pytest.param(
        lambda: _roster(reported_at="2026-03-10"),
        "reported_at must be a date or an aware datetime, got str",
        id="roster-text-report-date",
    ),
    pytest.param(
        lambda: _roster(extension="2026-05-01"),
        "extension must be a datetime.date, got '2026-05-01'",
        id="roster-text-extension",
    ),
    pytest.param(
        lambda: _roster(
            program=Program(title="T", cecs=2, program_id="PRG-1", format="self-paced"),
            extension="2026-05-01",
        ),
        "extension must be a datetime.date, got '2026-05-01'",
        id="self-paced-roster-text-extension",
    ),
    pytest.param(
        lambda: _roster(extension=date(2026, 3, 1)),
        "the extension 2026-03-01 is before the offering ends (2026-03-02); an extension is "
        "a new last day to report, on or after the end",
        id="roster-extension-before-the-end",
    ),
    pytest.param(
        lambda: credit_decision(None, report=_REPORT, history=_HISTORY, roster="R1"),  # type: ignore[arg-type]
        "aast_id must be text, got None",
        id="credit-no-id",
    ),
    pytest.param(
        lambda: credit_decision("A-1", report=None, history=_HISTORY, roster="R1"),  # type: ignore[arg-type]
        "report must be a RosterReport from check_roster, got NoneType",
        id="credit-no-report",
    ),
    pytest.param(
        lambda: credit_decision("A-1", report=_REPORT, history=[], roster="R1"),  # type: ignore[arg-type]
        "history must be a History from fold, got list",
        id="credit-events-not-folded",
    ),
    pytest.param(
        lambda: credit_decision("A-1", report=_REPORT, history=_HISTORY, roster=1),  # type: ignore[arg-type]
        "roster must be the roster's name or None, got 1",
        id="credit-roster-a-number",
    ),
    pytest.param(
        lambda: roster_credits(None, _HISTORY),  # type: ignore[arg-type]
        "report must be a RosterReport from check_roster, got NoneType",
        id="credits-no-report",
    ),
    pytest.param(
        lambda: roster_credits(_REPORT, [Event.roster_reported(_REPORT, roster="R1")]),  # type: ignore[arg-type]
        "history must be a History from fold, got list",
        id="credits-events-not-folded",
    ),
    pytest.param(
        lambda: Event.roster_reported(_REPORT.to_dict(), roster="R1"),  # type: ignore[arg-type]
        "report must be a RosterReport from check_roster, got dict",
        id="event-from-a-report-as-data",
    ),
    pytest.param(
        lambda: Event.submitted(assess_application(_APPLICATION).total),  # type: ignore[arg-type]
        "assessment must be an ApplicationAssessment from assess_application, got Decimal",
        id="event-from-a-total",
    ),
    pytest.param(
        lambda: review_decision(None, _HISTORY),  # type: ignore[arg-type]
        "assessment must be an ApplicationAssessment from assess_application, got NoneType",
        id="review-no-assessment",
    ),
    pytest.param(
        lambda: review_decision(assess_application(_APPLICATION), []),  # type: ignore[arg-type]
        "history must be a History from fold, got list",
        id="review-events-not-folded",
    ),
    pytest.param(
        lambda: default_schedule().at("2026-03-01"),  # type: ignore[arg-type]
        "on must be a datetime.date, not '2026-03-01'; for a moment, use resolve()",
        id="schedule-at-text",
    ),
    pytest.param(
        lambda: assess_application("APP-1"),  # type: ignore[arg-type]
        "application must be an Application, got str",
        id="assess-text",
    ),
    pytest.param(
        lambda: assess_application(_APPLICATION, None),  # type: ignore[arg-type]
        "expected a Policy or a PolicySchedule, got NoneType",
        id="assess-no-policy",
    ),
    pytest.param(
        lambda: fold([{"kind": "submitted"}]),  # type: ignore[list-item]
        "expected an Event, got dict",
        id="fold-a-dict",
    ),
    pytest.param(
        lambda: _application(program="T"),
        "program must be a Program, got 'T'",
        id="application-program-text",
    ),
    pytest.param(
        lambda: _application(offerings=None),
        "offerings must be Offering values (one, or a list of them), got None",
        id="application-no-offerings",
    ),
    pytest.param(
        lambda: _application(calendar_listing="yes"),
        "calendar_listing must be True or False, got 'yes'",
        id="application-listing-text",
    ),
    pytest.param(
        lambda: _application(reference=None),
        "reference must be text, got None",
        id="application-reference-none",
    ),
    pytest.param(
        lambda: Offering.recurring(
            "RRULE:FREQ=WEEKLY;COUNT=1",
            dtstart=date(2026, 3, 2),
            policy=default_schedule(),  # type: ignore[arg-type]
        ),
        "policy must be a Policy, got PolicySchedule",
        id="recurring-under-a-schedule",
    ),
]


class TestWrongKinds:
    """A value of the wrong kind is a CecRulesError (InvalidArgument is also a TypeError,
    InvalidApplication a ValueError) whose message says what to pass."""

    @pytest.mark.parametrize(("call", "message"), WRONG_KINDS)
    def test_library_error(self, call: Callable[[], object], message: str) -> None:
        """The error is the library's, and its message is the one given."""
        with pytest.raises(CecRulesError) as caught:
            call()
        assert message == str(caught.value)
