"""Messages word for word: what the library tells a person, in one table.

Every message a person reads (an error's text, a roster finding's message and
hint) is written for that person, so its words are pinned here, one case per
message. Each case calls the library and returns the message, or the findings
that carry it; the test compares that with the expected text. The tests in
each module's own file pin what the message is about (the code, the field, the
row, the values on the error); this table pins the words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import pytest

from cec_rules.deadlines import last_report_day, reporting_window
from cec_rules.errors import InvalidCredits, InvalidEvent, InvalidPolicy, PolicyNotInForce
from cec_rules.fees import assess_application
from cec_rules.lifecycle import Event
from cec_rules.money import to_credits
from cec_rules.policy import DEFAULT_POLICY, PolicySchedule, PolicyVersion, schedule_from_toml
from cec_rules.program import Application, Offering, Program, ProgramFormat
from helpers import KIRITIMATI, POLICY_KEYS


def _raised(error: type[Exception], call: Callable[..., object], *args: Any, **kwargs: Any) -> str:
    """The text of the ``error`` that ``call(*args, **kwargs)`` raises."""
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    return str(caught.value)


# --------------------------------------------------------------------------
# Deadlines

SELF_PACED_NEEDS_COMPLETION = (
    "a self-paced program's window is counted from the attendee's completion date: pass completion="
)

DEADLINES = [
    pytest.param(
        lambda: _raised(
            TypeError,
            last_report_day,
            Offering(date(2026, 3, 2)),
            DEFAULT_POLICY,
            program_format=ProgramFormat.SELF_PACED,
        ),
        SELF_PACED_NEEDS_COMPLETION,
        id="last-report-day-self-paced-without-completion",
    ),
    pytest.param(
        lambda: _raised(
            TypeError,
            reporting_window,
            Offering(date(2026, 3, 2)),
            date(2026, 3, 3),
            DEFAULT_POLICY,
            program_format=ProgramFormat.SELF_PACED,
        ),
        SELF_PACED_NEEDS_COMPLETION,
        id="reporting-window-self-paced-without-completion",
    ),
]

# --------------------------------------------------------------------------
# Fees

FEES = [
    pytest.param(
        lambda: _raised(
            PolicyNotInForce,
            assess_application,
            Application(
                program=Program(title="Scoring", cecs="2"),
                offerings=[Offering(date(2026, 5, 11))],
                submitted=datetime(1, 1, 1, 0, 30, tzinfo=timezone.utc),
            ),
        ),
        "submitted 0001-01-01T00:30:00+00:00 falls outside the calendar (years 1 to 9999) "
        "in the time zone America/Chicago: no policy version is in force",
        id="submitted-outside-the-calendar",
    ),
]

# --------------------------------------------------------------------------
# Lifecycle

LIFECYCLE = [
    pytest.param(
        lambda: _raised(InvalidEvent, Event, on=date(2026, 3, 1), kind="paid", amount="1.00"),
        "'paid' is not an event kind; use one of submitted, application-fee-paid, "
        "approved, denied, withdrawn, roster-reported, filing-fee-paid, cecs-issued",
        id="unknown-event-kind",
    ),
]

# --------------------------------------------------------------------------
# Money

MONEY = [
    pytest.param(
        lambda: _raised(InvalidCredits, to_credits, 0),
        "CECs 0 are refused: a program must carry a positive number of CECs",
        id="zero-cecs",
    ),
]

# --------------------------------------------------------------------------
# Policies: reading a schedule, the path first

POLICY = [
    pytest.param(
        lambda: _raised(
            InvalidPolicy,
            schedule_from_toml,
            'label = "x"\n[[versions]]\neffective_from = 2020-01-01\n',
        ),
        "label: unknown key; a schedule file holds only [[versions]] tables",
        id="schedule-key-beside-versions",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, schedule_from_toml, "versions = []\n"),
        "versions: expected one or more [[versions]] tables",
        id="schedule-no-versions",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, schedule_from_toml, '[[versions]]\nlabel = "x"\n'),
        "versions[0].effective_from: missing; every version needs a start date",
        id="schedule-no-start",
    ),
    pytest.param(
        lambda: _raised(
            InvalidPolicy,
            schedule_from_toml,
            '[[versions]]\neffective_from = 2020-01-01\n"versions[0]x" = 1\n',
        ),
        f"versions[0].versions[0]x: unknown key; the policy keys are {POLICY_KEYS}",
        id="schedule-key-named-like-a-path",
    ),
    pytest.param(
        lambda: _raised(
            InvalidPolicy,
            PolicySchedule,
            [
                PolicyVersion(effective_from=date(2021, 1, 1), policy=DEFAULT_POLICY),
                PolicyVersion(effective_from=date(2021, 1, 1), policy=KIRITIMATI),
            ],
        ),
        "versions: two versions start on 2021-01-01; the version in force would be ambiguous",
        id="schedule-duplicate-starts",
    ),
]


MESSAGES = [*DEADLINES, *FEES, *LIFECYCLE, *MONEY, *POLICY]


class TestMessages:
    """The library's messages, word for word."""

    @pytest.mark.parametrize(("actual", "expected"), MESSAGES)
    def test_word_for_word(self, actual: Callable[[], object], expected: object) -> None:
        """The message (or the findings carrying it) is exactly the expected one."""
        assert expected == actual()
