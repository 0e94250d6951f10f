"""Messages word for word: what the library tells a person, in one table.

Every message a person reads (an error's text, a roster finding's message and
hint) is written for that person, so its words are pinned here, one case per
message. Each case calls the library and returns the message, or the findings
that carry it; the test compares that with the expected text. The tests in
each module's own file pin what the message is about (the code, the field, the
row, the values on the error); this table pins the words.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.deadlines import last_report_day, reporting_window
from cec_rules.errors import (
    InvalidAmount,
    InvalidCredits,
    InvalidEvent,
    InvalidOffering,
    InvalidPolicy,
    InvalidReport,
    NotApproved,
    PolicyFloat,
    PolicyNotInForce,
    RefusedFloat,
)
from cec_rules.fees import assess_application
from cec_rules.lifecycle import Event, fold
from cec_rules.money import check_credits, sum_money, to_credits
from cec_rules.policy import (
    DEFAULT_POLICY,
    Policy,
    PolicySchedule,
    PolicyVersion,
    load_toml,
    schedule_from_toml,
)
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import (
    Finding,
    RefusedRow,
    RosterDraft,
    RosterReport,
    parse_completion_date,
)
from helpers import (
    ADA,
    ADA_CELLS,
    GRACE_ISO,
    HEADER,
    KIRITIMATI,
    OFFERING,
    POLICY_KEYS,
    PROGRAM,
    REFUSE,
    REPORTED,
    REPOSITORY,
    SELF_PACED,
    SMALL_CELLS,
    YEAR,
    ZOE,
    NonSeekable,
    after_report,
    check,
    mapping_rows,
    refused,
    roster,
    text,
    xlsx,
)


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
    pytest.param(
        lambda: _raised(AttributeError, setattr, fold([]).rosters, "_items", {}),
        "a history's rosters cannot be changed (setting _items)",
        id="history-rosters-set",
    ),
    pytest.param(
        lambda: _raised(AttributeError, delattr, fold([]).rosters, "_items"),
        "a history's rosters cannot be changed (deleting _items)",
        id="history-rosters-delete",
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
    pytest.param(
        lambda: _raised(InvalidCredits, to_credits, "1E-999999999"),
        "CECs 1E-999999999 are refused: it has more than 28 digits written out in full; "
        "write it with at most 28 digits",
        id="cecs-too-many-digits",
    ),
    pytest.param(
        lambda: _raised(
            InvalidCredits,
            check_credits,
            Decimal("1E-999999999"),
            increment=Decimal("0.25"),
            maximum=Decimal("100"),
        ),
        "CECs 1E-999999999 are refused: CECs come in steps of 0.25; use a multiple such as 1.00",
        id="cecs-off-step-below-the-context",
    ),
    pytest.param(
        lambda: _raised(
            InvalidAmount, Event, on=date(2026, 3, 1), kind="submitted", amount="1E+28"
        ),
        "amount '1E+28' is refused: it has more than 28 digits written out in full; "
        "write it with at most 28 digits",
        id="amount-too-many-digits",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, member_filing_fee="0." + "0" * 28 + "5"),
        "member_filing_fee: it has more than 28 digits written out in full; "
        "write it with at most 28 digits",
        id="policy-money-too-many-digits",
    ),
    pytest.param(
        lambda: _raised(
            InvalidAmount, sum_money, [Decimal("99999999999999999999999999.99"), Decimal("0.01")]
        ),
        "total '99999999999999999999999999.99 + 0.01' is refused: it has too many digits to "
        "be counted in cents",
        id="total-too-many-digits",
    ),
]

# --------------------------------------------------------------------------
# Offerings

EXCLUDE_EVERY_DAY = "DTSTART:20260302\nRRULE:FREQ=DAILY\nEXRULE:FREQ=DAILY"

OFFERINGS = [
    pytest.param(
        lambda: _raised(InvalidOffering, Offering.recurring, EXCLUDE_EVERY_DAY),
        "the recurrence yields no date in its first 10,000 candidate dates; check that its "
        "EXRULE and EXDATE lines do not remove every date, or give it a COUNT or UNTIL",
        id="recurrence-no-date-in-candidates",
    ),
    pytest.param(
        lambda: _raised(
            InvalidOffering, Offering.recurring, EXCLUDE_EVERY_DAY + "\nRDATE:20260310T120000"
        ),
        "the recurrence yields only 1 date in its first 10,000 candidate dates; check that "
        "its EXRULE and EXDATE lines do not remove every date, or give it a COUNT or UNTIL",
        id="recurrence-one-date-in-candidates",
    ),
    pytest.param(
        lambda: _raised(
            InvalidOffering,
            Offering.recurring,
            EXCLUDE_EVERY_DAY + "\nRDATE:20260310T120000,20260311T120000",
            limit=1_001,
        ),
        "the recurrence yields only 2 dates in its first 10,010 candidate dates; check that "
        "its EXRULE and EXDATE lines do not remove every date, or give it a COUNT or UNTIL",
        id="recurrence-dates-in-candidates",
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
    pytest.param(
        lambda: _raised(InvalidPolicy, load_toml, "#" * 2_000_001),
        "the TOML text is 2,000,001 characters long; a policy file may hold at most 2,000,000",
        id="toml-too-long",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, load_toml, "label = " + "[" * 21 + "]" * 21),
        "the TOML text nests tables and arrays more than 20 deep; a policy file needs at most 2",
        id="toml-too-deep",
    ),
    pytest.param(
        lambda: _raised(
            InvalidPolicy,
            schedule_from_toml,
            "[[versions]]\neffective_from = 2020-01-01\nmax_roster_rows = 10_000_000_000\n",
        ),
        "versions[0].max_roster_rows: 10000000000 is more than the roster reader takes; "
        "use a whole number from 1 to 1,000,000,000",
        id="roster-limit-too-large",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters=""),
        "aast_id_characters: the set of allowed characters is empty; write it as ranges and "
        'single characters, as in "A-Za-z0-9-"',
        id="policy-id-characters-empty",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="Z-A"),
        "aast_id_characters: the range 'Z-A' runs backwards; write its lower character first, "
        "as in 'A-Z'",
        id="policy-id-characters-backwards",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="A-Z-9"),
        "aast_id_characters: the hyphen after 'Z' is not inside a range; to allow a hyphen, "
        'write it first or last, as in "A-Za-z0-9-"',
        id="policy-id-characters-hyphen-in-the-middle",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="A-Z\\d"),
        "aast_id_characters: a backslash is not allowed: the set is ranges and single "
        "characters with no escapes, not a regular expression (write 0-9 for digits, and a "
        "hyphen first or last)",
        id="policy-id-characters-backslash",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="[A-Z0-9]"),
        "aast_id_characters: write the characters without the brackets of a regular "
        "expression: 'A-Z0-9', not '[A-Z0-9]'",
        id="policy-id-characters-brackets",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="A-Z "),
        "aast_id_characters: ' ' is U+0020 SPACE (whitespace); an AAST ID may hold no "
        "whitespace, line break, control character or surrogate",
        id="policy-id-characters-space",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="!-\xff"),
        "aast_id_characters: the range '!-ÿ' holds U+007F (a control character); an AAST ID "
        "may hold no whitespace, line break, control character or surrogate: split the range "
        "to leave it out",
        id="policy-id-characters-range-over-controls",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_characters="AB" * 501),
        "aast_id_characters: the set is written in 1,002 characters; write it in at most "
        "1,000, with ranges such as A-Z for runs of characters",
        id="policy-id-characters-too-long",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_min_length=8, aast_id_max_length=6),
        "aast_id_min_length: 8 is more than aast_id_max_length 6; the shortest an AAST ID may "
        "be cannot be longer than the longest",
        id="policy-id-lengths-empty",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, aast_id_max_length=1_000_000),
        "aast_id_max_length: 1000000 is longer than any roster cell may be; use a whole "
        "number from 1 to 100,000",
        id="policy-id-length-too-long",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, load_toml, 'aast_id_pattern = "(a+)+b"'),
        "aast_id_pattern: '(a+)+b' is not one character class with a length range, such as "
        "'[A-Za-z0-9-]{1,20}'; a policy no longer takes a regular expression: write the "
        'allowed characters and the length instead, such as aast_id_characters = "A-Za-z0-9-", '
        "aast_id_min_length = 1, aast_id_max_length = 20",
        id="policy-old-id-pattern-not-a-class",
    ),
    pytest.param(
        lambda: _raised(
            InvalidPolicy,
            schedule_from_toml,
            "[[versions]]\neffective_from = 2020-01-01\n"
            'aast_id_pattern = "[A-Z]{1,9}"\naast_id_max_length = 9\n',
        ),
        "versions[0].aast_id_pattern: the old key may not stand beside aast_id_characters, "
        "aast_id_min_length or aast_id_max_length, which replace it; remove it and keep the "
        'new keys, such as aast_id_characters = "A-Za-z0-9-", aast_id_min_length = 1, '
        "aast_id_max_length = 20",
        id="policy-old-id-pattern-beside-the-new-keys",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, load_toml, 'aast_id_pattern = "[A-Z_ ]{1,20}"'),
        "aast_id_pattern: '[A-Z_ ]{1,20}' reads as aast_id_characters = \"A-Z_ \", "
        "aast_id_min_length = 1, aast_id_max_length = 20, which is refused: "
        "aast_id_characters: ' ' is U+0020 SPACE (whitespace); an AAST ID may hold no "
        "whitespace, line break, control character or surrogate",
        id="policy-old-id-pattern-converted-but-refused",
    ),
    pytest.param(
        lambda: _raised(InvalidPolicy, Policy, time_zone="localtime"),
        "time_zone: 'localtime' is not an IANA time zone; use an IANA zone name such as "
        "'America/Chicago'",
        id="policy-zone-not-iana",
    ),
]


# --------------------------------------------------------------------------
# Rosters: every finding of a refused row, exactly (code, row, field, message, hint)

NO_ACCOUNT_HINT = (
    "every attendee who claims CECs needs an AAST account; check the ID or ask the "
    "attendee to create a guest account"
)
MISMATCH_HINT = "check that the AAST ID belongs to this attendee; neither name was changed"
FORMAT_HINT = "copy the ID exactly as shown on the attendee's AAST account"
EXTENSION_HINT = "ask the association's staff for an extension"


#: An account whose ID begins with zeros.
PADDED_REPOSITORY = InMemoryRepository(
    [Account(aast_id="0012345", first_name="Ada", last_name="Lovelace", kind="member")]
)
SAVE_AS_UTF8 = "save the spreadsheet as 'CSV UTF-8' and upload it again"
ENCODING_DAMAGE_HINT = (
    "the file's encoding was lost when it was saved; open the original and save it as "
    "'CSV UTF-8', or type the name again"
)


def _refused(*rows: str, **options: Any) -> dict[int, tuple[Finding, ...]]:
    """Each refused row's number and findings, for a roster of these rows."""
    return refused(check(roster(*rows), **options))


def _accepted_rows_and_warnings(
    report: RosterReport,
) -> tuple[tuple[int, ...], tuple[Finding, ...]]:
    """The rows accepted and the warnings given."""
    return report.accepted.rows, report.warnings


ROW_FINDINGS = [
    pytest.param(
        lambda: _refused("PRG-1,1.2E+07,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="aast-id-spreadsheet-number",
                    row=2,
                    field="aast_id",
                    message="'1.2E+07' is not an AAST ID",
                    hint="a spreadsheet turned this ID into a number; format the column as text "
                    "and export again, or type the ID as shown on the account",
                ),
            )
        },
        id="finding-aast-id-spreadsheet-number",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A_1,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A_1' is not an AAST ID "
                    "(letters, digits and hyphens, 1 to 20 characters)",
                    hint=FORMAT_HINT,
                ),
            )
        },
        id="finding-aast-id-format",
    ),
    pytest.param(
        lambda: _refused("PRG-1," + "B" * 59 + "_,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message=f"{'B' * 59 + '_'!r} is not an AAST ID "
                    "(letters, digits and hyphens, 1 to 20 characters)",
                    hint=FORMAT_HINT,
                ),
            )
        },
        id="finding-aast-id-format-60-characters-not-clipped",
    ),
    pytest.param(
        lambda: _refused(
            "PRG-1,A1,Ada,Lovelace,2026-03-02",
            policy=attrs.evolve(
                DEFAULT_POLICY,
                aast_id_characters="0-9A-F#",
                aast_id_min_length=8,
                aast_id_max_length=8,
            ),
        ),
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A1' is not an AAST ID (digits, 'A' to 'F' and '#', exactly 8 "
                    "characters)",
                    hint=FORMAT_HINT,
                ),
            )
        },
        id="finding-aast-id-format-under-another-knob",
    ),
    pytest.param(
        lambda: _refused(
            "PRG-1,A1,Ada,Lovelace,2026-03-02",
            policy=attrs.evolve(
                DEFAULT_POLICY,
                aast_id_characters="a-z-",
                aast_id_min_length=1,
                aast_id_max_length=1,
            ),
        ),
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A1' is not an AAST ID (small letters and hyphens, exactly 1 "
                    "character)",
                    hint=FORMAT_HINT,
                ),
            )
        },
        id="finding-aast-id-format-one-character",
    ),
    pytest.param(
        lambda: _refused("PRG-1," + "B" * 60 + "_,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message=f"{'B' * 60 + '…'!r} is not an AAST ID "
                    "(letters, digits and hyphens, 1 to 20 characters)",
                    hint=FORMAT_HINT,
                ),
            )
        },
        id="finding-aast-id-format-61-characters-clipped-to-60-and-an-ellipsis",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="field-missing",
                    row=2,
                    field="first_name",
                    message="First Name is blank",
                    hint="every row needs all five fields",
                ),
            )
        },
        id="finding-field-missing",
    ),
    pytest.param(
        lambda: _refused(ADA, "PRG-9,A2,Grace,Hopper,2026-03-02"),
        {
            3: (
                Finding(
                    code="program-id-mismatch",
                    row=3,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
            )
        },
        id="finding-program-id-mismatch",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,Ada,Lovelace,2026-03-01"),
        {
            2: (
                Finding(
                    code="date-outside-offering",
                    row=2,
                    field="completion_date",
                    message="2026-03-01 is outside the offering (2026-03-02 to 2026-03-02)",
                    hint="check the date, or whether the row belongs to another offering",
                ),
            )
        },
        id="finding-date-outside-offering",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,Ada,Lovelace,2/3/2026", offering=Offering(date(2026, 3, 2))),
        {
            2: (
                Finding(
                    code="date-outside-offering",
                    row=2,
                    field="completion_date",
                    message="2026-02-03 is outside the offering (2026-03-02 to 2026-03-02)",
                    hint="read day first, '2/3/2026' is 2026-03-02, inside the offering; if the "
                    "file writes the day first, write this date as 3/2/2026 (month first) or "
                    "2026-03-02",
                ),
            )
        },
        id="finding-date-outside-offering-inside-read-day-first",
    ),
    pytest.param(
        lambda: _refused(
            "PRG-1,A1,Ada,Lovelace,05/03/2026",
            "PRG-1,A2,Grace,Hopper,13/03/2026",
            offering=YEAR,
            reported_at=date(2027, 1, 10),
        )[2],
        (
            Finding(
                code="date-ambiguous-order",
                row=2,
                field="completion_date",
                message="'05/03/2026' could be 2026-05-03 (month first) or 2026-03-05 (day first)",
                hint="the file writes the day first, as '13/03/2026' in row 3 shows; if this "
                "date is 2026-03-05, write it as 3/5/2026 (month first) or 2026-03-05",
            ),
        ),
        id="finding-date-ambiguous-order",
    ),
    pytest.param(
        lambda: _refused(
            "PRG-1,A1,Ada,Lovelace,13/03/2026",
            "PRG-1,A2,Grace,Hopper, 1/13/2026",
            offering=YEAR,
            reported_at=date(2027, 1, 10),
        )[3],
        (
            Finding(
                code="date-mixed-order",
                row=3,
                field="completion_date",
                message="'1/13/2026' names a day only month first (2026-01-13), but the file "
                "writes the day first, as '13/03/2026' in row 2 shows",
                hint="check the date, which names no day read day first; if it is 2026-01-13, "
                "write it as 2026-01-13, which reads one way only",
            ),
        ),
        id="finding-date-mixed-order",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,Ada,Lovelace,2026-03-21", program=SELF_PACED, offering=YEAR),
        {2: (after_report(2, "2026-03-21", "2026-03-20"),)},
        id="finding-date-after-report-self-paced",
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,Ada,Lovelace,2026-01-10", program=SELF_PACED, offering=YEAR),
        {
            2: (
                Finding(
                    code="self-paced-window-closed",
                    row=2,
                    field="completion_date",
                    message="completed 2026-01-10, so the last day to report was 2026-02-24; "
                    "24 day(s) late",
                    hint=EXTENSION_HINT,
                ),
            )
        },
        id="finding-self-paced-window-closed",
    ),
    pytest.param(
        lambda: _refused(ADA, reported_at=date(2026, 3, 1)),
        {
            2: (
                after_report(2),
                Finding(
                    code="window-not-open",
                    row=2,
                    message="the offering ends on 2026-03-02; attendance can be reported from "
                    "then on",
                ),
            )
        },
        id="finding-window-not-open",
    ),
    pytest.param(
        lambda: _refused(ADA, reported_at=date(2026, 5, 1)),
        {
            2: (
                Finding(
                    code="window-closed",
                    row=2,
                    message="the last day to report was 2026-04-16; the roster is 15 day(s) late",
                    hint=EXTENSION_HINT,
                ),
            )
        },
        id="finding-window-closed",
    ),
    pytest.param(
        lambda: _refused("PRG-1,X9,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID 'X9'",
                    hint=NO_ACCOUNT_HINT,
                ),
            )
        },
        id="finding-account-not-found",
    ),
    pytest.param(
        lambda: _refused("PRG-1,12345,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID '12345'",
                    hint="if the ID began with zeros, a spreadsheet may have dropped them: "
                    "format the AAST ID column as text and export again; otherwise check the "
                    "ID or ask the attendee to create a guest account",
                ),
            )
        },
        id="finding-account-not-found-all-digits",
    ),
    pytest.param(
        lambda: _refused("PRG-1,12345,Ada,Lovelace,2026-03-02", repository=PADDED_REPOSITORY),
        {
            2: (
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID '12345'",
                    hint="an account has the ID '0012345': a spreadsheet may have dropped its "
                    "leading zeros; format the AAST ID column as text and export again",
                ),
            )
        },
        id="finding-account-not-found-leading-zeros-dropped",
    ),
    pytest.param(
        lambda: _refused("PRG-9,X9,Ada,Lovelace,2026-03-02"),
        {
            2: (
                Finding(
                    code="program-id-mismatch",
                    row=2,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
                Finding(
                    code="account-not-found",
                    row=2,
                    field="aast_id",
                    message="no AAST member or guest account has the ID 'X9'",
                    hint=NO_ACCOUNT_HINT,
                ),
            )
        },
        id="finding-account-not-found-on-a-row-refused-in-the-row-pass",
    ),
    pytest.param(
        lambda: _refused(ADA, ADA),
        {
            3: (
                Finding(
                    code="duplicate-in-roster",
                    row=3,
                    field="aast_id",
                    message="'A1' is already accepted in row 2",
                    hint="report each attendee once per offering",
                ),
            )
        },
        id="finding-duplicate-in-roster",
    ),
    pytest.param(
        lambda: _refused("PRG-1,R1,Mary,Reported,2026-03-02"),
        {
            2: (
                Finding(
                    code="already-reported",
                    row=2,
                    field="aast_id",
                    message="'R1' was already reported for this offering in an earlier roster",
                    hint="a later roster should list only attendees not reported before",
                ),
            )
        },
        id="finding-already-reported",
    ),
    pytest.param(
        lambda: refused(
            check(roster(ZOE + ",é", header=HEADER + ",N").replace(b"\xc3\xa9", b"\xe9\x80"))
        ),
        {
            2: (
                Finding(
                    code="row-undecodable",
                    row=2,
                    message="the row holds bytes that are not UTF-8: 0xe9, 0x80",
                    hint="the rest of the file is UTF-8; " + SAVE_AS_UTF8,
                ),
            )
        },
        id="finding-row-undecodable",
    ),
    pytest.param(
        lambda: refused(
            check(
                io.StringIO(
                    text(
                        ADA.replace(",A1,", ",A1" + "".join(map(chr, range(0xDC80, 0xDC89))) + ",")
                    )
                )
            )
        ),
        {
            2: (
                Finding(
                    code="row-undecodable",
                    row=2,
                    message="the row holds bytes that are not UTF-8: "
                    "0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, …",
                    hint="the rest of the file is UTF-8; " + SAVE_AS_UTF8,
                ),
                Finding(
                    code="aast-id-format",
                    row=2,
                    field="aast_id",
                    message="'A1\\udc80\\udc81\\udc82\\udc83\\udc84\\udc85\\udc86\\udc87"
                    "\\udc88' is not an AAST ID (letters, digits and hyphens, 1 to 20 characters)",
                    hint="copy the ID exactly as shown on the attendee's AAST account",
                ),
            )
        },
        id="finding-row-undecodable-many-bytes",
    ),
    *(
        pytest.param(
            lambda name=name: _refused(f"PRG-1,A1,{name},Lovelace,2026-03-02"),
            {
                2: (
                    Finding(
                        code="name-encoding-damage",
                        row=2,
                        field="first_name",
                        message=f"First Name {name!r} {problem}",
                        hint=ENCODING_DAMAGE_HINT,
                    ),
                )
            },
            id=f"finding-name-encoding-damage-{kind}",
        )
        for kind, name, problem in [
            (
                "question-mark",
                "Jos?",
                "holds '?', which stands for a letter the file's encoding could not hold",
            ),
            (
                "replacement-character",
                "Jos\ufffd",
                "holds the replacement character U+FFFD, which stands for unreadable bytes",
            ),
            (
                "utf8-misread",
                "JosÃ©",
                "looks like UTF-8 text read in another encoding: it reads 'José' when repaired",
            ),
        ]
    ),
    pytest.param(
        lambda: _refused("PRG-1,A1,Ann,Lovelace,2026-03-02", policy=REFUSE),
        {
            2: (
                Finding(
                    code="name-mismatch-refused",
                    row=2,
                    field="first_name",
                    message="the row names Ann Lovelace, the account 'A1' names Ada Lovelace",
                    hint=MISMATCH_HINT,
                ),
            )
        },
        id="finding-name-mismatch-refused-first-name",
    ),
    pytest.param(
        lambda: _refused("PRG-9,A1,Ada,Byron,2026-03-02", policy=REFUSE),
        {
            2: (
                Finding(
                    code="program-id-mismatch",
                    row=2,
                    field="program_id",
                    message="'PRG-9' is not this offering's Program ID 'PRG-1'",
                    hint="report each program's attendees on its own roster",
                ),
                Finding(
                    code="name-mismatch-refused",
                    row=2,
                    field="last_name",
                    message="the row names Ada Byron, the account 'A1' names Ada Lovelace",
                    hint=MISMATCH_HINT,
                ),
            )
        },
        id="finding-name-mismatch-refused-last-name-on-a-row-refused-in-the-row-pass",
    ),
    pytest.param(
        lambda: _accepted_rows_and_warnings(check(roster("PRG-1,A1,Ann,Lovelace,2026-03-02"))),
        (
            (2,),
            (
                Finding(
                    code="name-mismatch",
                    row=2,
                    field="first_name",
                    message="the row names Ann Lovelace, the account 'A1' names Ada Lovelace",
                    hint=MISMATCH_HINT,
                ),
            ),
        ),
        id="finding-name-mismatch-warning-on-the-accepted-row",
    ),
    pytest.param(
        lambda: (
            check(
                [
                    {
                        "Program ID": "PRG-1",
                        "AAST ID": "A1",
                        "First Name": "Ada",
                        "Last Name": "Lovelace",
                        "Completion Date": "2026-03-02",
                    },
                    "oops",
                ]
            ).refused
        ),
        (
            RefusedRow(
                3,
                ("'oops'",),
                (
                    Finding(
                        code="row-not-a-record",
                        row=3,
                        message="entry 2 is not a mapping of field names to values",
                    ),
                ),
            ),
        ),
        id="finding-row-not-a-record",
    ),
]


# --------------------------------------------------------------------------
# Rosters: files refused or read with a warning

NO_HEADER = Finding(
    code="file-no-header",
    row=1,
    message="the file has no header row",
    hint="the first row must name the columns: Program ID, AAST ID, First Name, "
    "Last Name, Completion Date",
)
#: A roster with a byte (0x81) that UTF-8 cannot read, and no valid UTF-8 beyond ASCII.
UNDECODABLE = roster(ADA).replace(b"Lovelace", b"Lov\x81")
#: A UTF-16 roster cut by a lone surrogate.
BAD_UTF16 = text(ADA).encode("utf-16") + b"\x00\xd8a\x00"
LEGACY_HINT = "check a few accented names; save as 'CSV UTF-8' to avoid this"
NAMES = ("PRG-1,A2,José,Müller,2026-03-02", "PRG-1,G1,Zoë,Saldaña,2026-03-02")
MALFORMED = 'PRG-1,A1,"Ada"x,Lovelace,2026-03-02'


def _csv_reason(line: str) -> str:
    """What csv.reader says when strict mode refuses the line."""
    with pytest.raises(csv.Error) as error:
        list(csv.reader([line], strict=True))
    return str(error.value)


def _file_findings_and_rows(source: Any) -> tuple[tuple[Finding, ...], int]:
    """The file findings of a roster and the number of data rows read."""
    report = check(source)
    return report.file_findings, report.data_rows


FILE_FINDINGS = [
    pytest.param(
        lambda: _file_findings_and_rows(b""),
        ((NO_HEADER,), 0),
        id="file-no-header-empty",
    ),
    pytest.param(
        lambda: _file_findings_and_rows(b"\r\n" + ADA.encode()),
        ((NO_HEADER,), 0),
        id="file-no-header-blank-first-line",
    ),
    pytest.param(
        lambda: _file_findings_and_rows(io.StringIO("\ufeff\n" + ADA)),
        ((NO_HEADER,), 0),
        id="file-no-header-only-a-byte-order-mark",
    ),
    pytest.param(
        lambda: check(roster('PRG-1,A1,"Ada,Lovelace,2026-03-02')).file_findings,
        (
            Finding(
                code="file-unterminated-quote",
                row=2,
                message="a quote opened in row 2 (or a row after it) is never closed",
                hint='look for a stray double quote (") in that row; the rest of the file would '
                "otherwise be merged into one cell",
            ),
        ),
        id="file-unterminated-quote",
    ),
    pytest.param(
        lambda: (
            check(roster(ADA, 'PRG-1,A1,"' + "x" * 200_000 + '",Lovelace,2026-03-02')).file_findings
        ),
        (
            Finding(
                code="file-line-too-long",
                row=3,
                message="row 3 runs past 65,536 characters, the most a line may hold; the file "
                "was not read further",
                hint="a double quote left open joins every line after it into one; otherwise "
                "the file is not a roster, or the policy's max_line_length sets the limit",
            ),
        ),
        id="file-line-too-long",
    ),
    pytest.param(
        lambda: (
            check(
                roster("P" * 41 + ",A_1,Ada,Lovelace,2026-03-02"), policy=SMALL_CELLS
            ).file_findings
        ),
        (
            Finding(
                code="file-cell-too-long",
                row=2,
                field="program_id",
                message="row 2: a cell (Program ID) holds 41 characters; a cell may hold at "
                "most 40, so the file was not read",
                hint="check that row for a stray double quote or pasted text; the policy's "
                "max_cell_length sets the limit",
            ),
        ),
        id="file-cell-too-long",
    ),
    pytest.param(
        lambda: check(roster(ADA + ",x" * 60)).file_findings,
        (
            Finding(
                code="file-too-many-columns",
                row=2,
                message="row 2 holds 65 columns; a roster row may hold at most 64",
                hint="delete the columns past the roster's own, or save only the roster's "
                "sheet; the policy's max_columns sets the limit",
            ),
        ),
        id="file-too-many-columns",
    ),
    pytest.param(
        lambda: check(roster(MALFORMED)).file_findings,
        (
            Finding(
                code="file-malformed-csv",
                row=2,
                message=f"the CSV cannot be read here: {_csv_reason(MALFORMED)}",
                hint="look for a double quote in the middle of a cell; quote the whole cell "
                "instead",
            ),
        ),
        id="file-malformed-csv",
    ),
    pytest.param(
        lambda: check(roster(ADA, header="Program ID,AAST ID,First Name,Last Name")).file_findings,
        (
            Finding(
                code="file-missing-column",
                row=1,
                message="the header lacks Completion Date",
                hint="the header must name Program ID, AAST ID, First Name, Last Name and "
                "Completion Date",
            ),
        ),
        id="file-missing-column",
    ),
    pytest.param(
        lambda: check(roster(ADA, header=HEADER + ",AAST-ID")).file_findings,
        (
            Finding(
                code="file-duplicate-column",
                row=1,
                message="the header names AAST ID more than once",
                hint="keep one column for each field",
            ),
        ),
        id="file-duplicate-column",
    ),
    pytest.param(
        lambda: check(roster(ADA + ",PRG-9", header=HEADER + ",Program")).file_findings,
        (
            Finding(
                code="file-resembling-column",
                row=1,
                message="the column 'Program' resembles Program ID; it was ignored, and the "
                "column 'Program ID' read as Program ID",
                hint="check that the column 'Program ID' holds the Program ID; rename the "
                "column 'Program' if it holds something else",
            ),
        ),
        id="file-resembling-column",
    ),
    pytest.param(
        lambda: check([{**mapping_rows(ADA)[0], "Member ID": "Z9"}]).file_findings,
        (
            Finding(
                code="file-resembling-column",
                row=2,
                message="the key 'Member ID' resembles AAST ID; it was ignored, and the key "
                "'AAST ID' read as AAST ID",
            ),
        ),
        id="file-resembling-column-key",
    ),
    pytest.param(
        lambda: check([{**mapping_rows(ADA)[0], "aast_id": "Z9"}]).file_findings,
        (
            Finding(
                code="file-duplicate-column",
                row=2,
                message="the entry names AAST ID more than once (keys 'AAST ID', 'aast_id')",
                hint="keep one key for each field",
            ),
        ),
        id="file-duplicate-column-key",
    ),
    pytest.param(
        lambda: check(BAD_UTF16).file_findings,
        (
            Finding(
                code="file-undecodable",
                message="the file cannot be read as UTF-16 text (byte 0x00 at offset 184)",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-undecodable",
    ),
    pytest.param(
        lambda: check(io.BufferedReader(NonSeekable(UNDECODABLE))).file_findings,
        (
            Finding(
                code="file-undecodable",
                message="the file cannot be read as UTF-8 text (byte 0x81 at offset 73)",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-undecodable-one-way-stream",
    ),
    pytest.param(
        lambda: (
            check(roster(ZOE, header=HEADER + ",Notés").replace(b"\xc3\xa9", b"\xe9")).file_findings
        ),
        (
            Finding(
                code="file-undecodable",
                row=1,
                message="the file cannot be read as UTF-8 text (byte 0xe9 at offset 59)",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-undecodable-header",
    ),
    pytest.param(
        lambda: check(text(ADA).encode("utf-16-le")).file_findings,
        (
            Finding(
                code="file-utf16-without-bom",
                message="the file looks like UTF-16 text with no byte-order mark, which cannot "
                "be read with certainty",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-utf16-without-bom",
    ),
    pytest.param(
        lambda: (
            check(
                roster(ADA, "PRG-1,A2,Grace,Ørsted,2026-03-02").decode().encode("cp1252")
            ).file_findings
        ),
        (
            Finding(
                code="file-encoding-unknown",
                message="the file is not UTF-8, and its encoding cannot be told: it reads as "
                "names in Windows-1252 and Mac Roman and DOS code page 850 alike",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-encoding-unknown-several",
    ),
    pytest.param(
        lambda: check(roster(ADA).replace(b"Lovelace", b"Lov\xb0")).file_findings,
        (
            Finding(
                code="file-encoding-unknown",
                message="the file is not UTF-8, and its encoding cannot be told: none of "
                "Windows-1252, Mac Roman, DOS code page 437, DOS code page 850 reads it as names",
                hint=SAVE_AS_UTF8,
            ),
        ),
        id="file-encoding-unknown-none",
    ),
    pytest.param(
        lambda: check(text(*NAMES).encode("cp1252")).file_findings,
        (
            Finding(
                code="file-decoded-as-cp1252",
                message="the file is not UTF-8; it was read as Windows-1252, the usual encoding "
                "of spreadsheets saved on Windows",
                hint=LEGACY_HINT,
            ),
        ),
        id="file-decoded-as-cp1252",
    ),
    pytest.param(
        lambda: check(text(*NAMES).encode("mac_roman")).file_findings,
        (
            Finding(
                code="file-decoded-as-mac-roman",
                message="the file is not UTF-8; it was read as Mac Roman, the encoding of "
                "spreadsheets saved on older Macs",
                hint=LEGACY_HINT,
            ),
        ),
        id="file-decoded-as-mac-roman",
    ),
    pytest.param(
        lambda: check(text(*NAMES).encode("cp437")).file_findings,
        (
            Finding(
                code="file-decoded-as-cp437",
                message="the file is not UTF-8; it was read as DOS code page 437, an encoding "
                "of DOS programs; DOS code page 850 reads it the same",
                hint=LEGACY_HINT,
            ),
        ),
        id="file-decoded-as-cp437",
    ),
    pytest.param(
        lambda: check(text("PRG-1,A2,Þór,Núñez,2026-03-02").encode("cp850")).file_findings,
        (
            Finding(
                code="file-decoded-as-cp850",
                message="the file is not UTF-8; it was read as DOS code page 850, an encoding "
                "of DOS programs",
                hint=LEGACY_HINT,
            ),
        ),
        id="file-decoded-as-cp850",
    ),
    pytest.param(
        lambda: (
            check(
                roster(ADA, GRACE_ISO), policy=attrs.evolve(DEFAULT_POLICY, max_roster_rows=1)
            ).file_findings
        ),
        (
            Finding(
                code="file-too-many-rows",
                message="the file has more than 1 data rows",
                hint="split the roster into several files",
            ),
        ),
        id="file-too-many-rows",
    ),
    pytest.param(
        lambda: check(b"%PDF-1.7\n").file_findings,
        (
            Finding(
                code="file-not-a-roster",
                message="the file appears to be a PDF document, not a roster",
                hint="save the roster from the spreadsheet as 'CSV UTF-8' and upload that, or "
                "upload the workbook itself",
            ),
        ),
        id="file-not-a-roster",
    ),
    pytest.param(
        lambda: _without_workbook_reader(lambda: check(xlsx(ADA_CELLS)).file_findings),
        (
            Finding(
                code="file-workbook-needs-extra",
                message="the file appears to be a workbook (.xlsx, .xlsm or .ods) or another zip "
                "archive; reading workbooks needs the optional 'spreadsheets' extra, which is not "
                "installed (pip install 'cec-rules[spreadsheets]')",
                hint="save the roster from the spreadsheet as 'CSV UTF-8' and upload that, or ask "
                "for the 'spreadsheets' extra to be installed",
            ),
        ),
        id="file-workbook-needs-extra",
    ),
    pytest.param(
        lambda: check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)).file_findings,
        (
            Finding(
                code="file-workbook-unreadable",
                message="the file appears to be an Excel 97-2003 workbook (.xls) or another Office "
                "document, but it cannot be opened as a workbook: Cannot detect file format",
                hint="open it in the spreadsheet program and save it again, or save the roster "
                "from the spreadsheet as 'CSV UTF-8' and upload that",
            ),
        ),
        id="file-workbook-unreadable",
    ),
    pytest.param(
        lambda: check(xlsx(ADA_CELLS, sheets=("Roster", "Notes")), sheet="March").file_findings,
        (
            Finding(
                code="file-no-such-sheet",
                message="the workbook has no sheet named 'March'; its sheets are 'Roster', 'Notes'",
                hint="name one of the workbook's sheets, or leave the sheet out to read the first",
            ),
        ),
        id="file-no-such-sheet",
    ),
    pytest.param(
        lambda: _with_no_room_to_unpack(lambda: check(_stored_zip(1000)).file_findings),
        (
            Finding(
                code="file-workbook-too-large",
                message="the file appears to be a workbook (.xlsx, .xlsm or .ods) or another zip "
                "archive of 1,128 bytes that unpacks to 1,000 bytes, far more than a roster's "
                "workbook does",
                hint="save the roster from the spreadsheet as 'CSV UTF-8' and upload that, or "
                "open the workbook and save it again",
            ),
        ),
        id="file-workbook-too-large",
    ),
    pytest.param(
        lambda: check(xlsx(ADA_CELLS, ("PRG-1", 12345, "Ada", "Lovelace", 0))).file_findings,
        (
            Finding(
                code="aast-id-numbers",
                field="aast_id",
                message="the AAST ID was a number, not text, in 1 row(s) (row 3); each was read "
                "as its digits",
                hint="a spreadsheet may have dropped leading zeros from these IDs: format the "
                "AAST ID column as text and type the IDs as the accounts show them",
            ),
        ),
        id="aast-id-numbers",
    ),
]


def _stored_zip(size: int) -> bytes:
    """A zip archive of one part of ``size`` bytes, stored as they are."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", (2026, 1, 1, 0, 0, 0)), bytes(size))
    return out.getvalue()


def _with_no_room_to_unpack(call: Callable[[], object]) -> object:
    """What ``call`` returns while a workbook may unpack to nothing at all."""
    from cec_rules._roster import workbook

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook, "UNPACKED_FLOOR", 0)
        patch.setattr(workbook, "UNPACKED_RATIO", 0)
        return call()


def _without_workbook_reader(call: Callable[[], object]) -> object:
    """What ``call`` returns while python-calamine cannot be imported."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "python_calamine", None)
        return call()


# --------------------------------------------------------------------------
# Rosters: completion dates refused, as (code, message, hint)

DATE_TEXTS = [
    pytest.param(
        lambda: parse_completion_date("3/2/26"),
        (
            "date-two-digit-year",
            "'3/2/26' has a two-digit year",
            "write the year in full, for example 3/2/2026 or 2026-03-02",
        ),
        id="date-text-two-digit-year",
    ),
    pytest.param(
        lambda: parse_completion_date("45123"),
        (
            "date-spreadsheet-serial",
            "'45123' is a number, not a date",
            "a spreadsheet turned this date into its serial number; format the column as "
            "text or as a date (YYYY-MM-DD) and export again",
        ),
        id="date-text-spreadsheet-serial",
    ),
    pytest.param(
        lambda: parse_completion_date("2026/03/02"),
        (
            "date-format",
            "'2026/03/02' is not a date in YYYY-MM-DD or M/D/YYYY form",
            "write dates as 2026-03-02 or 3/2/2026",
        ),
        id="date-text-format",
    ),
    # Day-month order is suggested only when the first number could be a day.
    pytest.param(
        lambda: parse_completion_date("32/5/2026"),
        ("date-no-such-day", "'32/5/2026' is not a day in the calendar", None),
        id="date-text-no-such-day",
    ),
    pytest.param(
        lambda: parse_completion_date("31/4/2026"),
        ("date-no-such-day", "'31/4/2026' is not a day in the calendar", None),
        id="date-text-no-such-day-either-way",
    ),
    pytest.param(
        lambda: parse_completion_date("31/5/2026"),
        (
            "date-day-month-order",
            "'31/5/2026' has no month 31",
            "this looks like day/month order; write it as 5/31/2026 (month first) or 2026-05-31",
        ),
        id="date-text-day-month-order",
    ),
]


# --------------------------------------------------------------------------
# Rosters: what check_roster refuses to be given, saying what to pass instead

CHECK_ROSTER_ARGUMENTS = [
    pytest.param(
        lambda: _raised(TypeError, check, "Program ID,AAST ID"),
        "a roster source is bytes, an open binary or text stream, a DataFrame, or an "
        "iterable of mappings; got str (open a file with open(path, 'rb'); pass one record "
        "as a list of one mapping)",
        id="check-roster-source-of-another-type",
    ),
    pytest.param(
        lambda: _raised(TypeError, check, roster(ADA), program="PRG-1"),
        "program must be a Program and offering an Offering",
        id="check-roster-program-not-a-program",
    ),
    *(
        pytest.param(
            lambda value=value: _raised(TypeError, check, roster(ADA), reported_at=value),
            f"reported_at must be a date or an aware datetime, got {type(value).__name__}",
            id=f"check-roster-reported-at-{type(value).__name__}",
        )
        for value in ("2026-03-20", 20260320, None)
    ),
    pytest.param(
        lambda: _raised(NotApproved, check, roster(ADA), program=Program(title="Draft", cecs=2)),
        "'Draft' has no Program ID: attendance can be reported only for an approved "
        "program (approval-first); approve it first, then report",
        id="check-roster-program-not-approved",
    ),
]


# --------------------------------------------------------------------------
# Rosters: what a report refuses to be asked, saying what to pass instead

REPORT_ARGUMENTS = [
    *(
        pytest.param(
            lambda size=size: _raised(TypeError, check(roster(ADA)).finding_pages, size),
            "size is the number of findings in a page: pass a whole number, 1 or more "
            f"(such as 1000), not {size!r}",
            id=f"finding-pages-size-{name}",
        )
        for name, size in (("zero", 0), ("text", "100"))
    ),
]


# --------------------------------------------------------------------------
# RosterDraft: an entry's outcome is no report


def _outcome_of_an_add() -> object:
    """What RosterDraft.add returns for Ada's entry, the entry's outcome."""
    draft = RosterDraft(program=PROGRAM, offering=OFFERING, reported_at=REPORTED)
    return draft.add(mapping_rows(ADA)[0], REPOSITORY)[1]


ROSTER_DRAFT = [
    pytest.param(
        lambda: _raised(AttributeError, getattr, _outcome_of_an_add(), "accepted"),
        "EntryOutcome has no attribute 'accepted': RosterDraft.add returns the new entry's "
        "outcome, not the report of the roster; call draft.report(repository) for the whole "
        "report",
        id="draft-add-is-no-report",
    ),
]


# --------------------------------------------------------------------------
# JSON data read back: a float where money or CECs go, a report changed since written

JSON_DATA = [
    pytest.param(
        lambda: _raised(
            RefusedFloat,
            Application.from_dict,
            {"program": {"title": "T", "cecs": 2.5}, "offerings": [], "submitted": ""},
        ),
        "program.cecs must be text such as '2.5' or a Decimal, not the float 2.5: a float "
        "cannot hold every amount exactly; parse the JSON with json.loads(text, "
        "parse_float=Decimal), or write the number as text",
        id="json-float-cecs",
    ),
    pytest.param(
        lambda: _raised(PolicyFloat, Policy.from_dict, {"member_filing_fee": 5.0}),
        'member_filing_fee: got the float 5.0; write money as a string such as "5.00", or '
        "parse the JSON with json.loads(text, parse_float=Decimal)",
        id="json-float-policy-money",
    ),
    pytest.param(
        lambda: _raised(
            InvalidReport,
            RosterReport.from_dict,
            {**check(roster(ADA)).to_dict(), "blank_rows": [3]},
        ),
        "data_rows: the rows do not add up: the report holds 2 row(s), 2 distinct, for 1 data "
        "row(s); the data was changed since to_dict wrote it",
        id="json-report-rows-do-not-add-up",
    ),
]


MESSAGES = [
    *DEADLINES,
    *FEES,
    *LIFECYCLE,
    *MONEY,
    *OFFERINGS,
    *POLICY,
    *ROW_FINDINGS,
    *FILE_FINDINGS,
    *DATE_TEXTS,
    *CHECK_ROSTER_ARGUMENTS,
    *REPORT_ARGUMENTS,
    *ROSTER_DRAFT,
    *JSON_DATA,
]


class TestMessages:
    """The library's messages, word for word."""

    @pytest.mark.parametrize(("actual", "expected"), MESSAGES)
    def test_word_for_word(self, actual: Callable[[], object], expected: object) -> None:
        """The message (or the findings carrying it) is exactly the expected one."""
        assert expected == actual()
