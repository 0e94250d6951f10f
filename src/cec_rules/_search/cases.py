"""The case that shows each policy field's meaning (for :mod:`cec_rules.search`).

``BUILDERS`` maps each field that changes an outcome to a function of the
period and the two versions in force that returns an :class:`Attempt`: a
sentence saying what it tries, and the cases in the order tried (an offering
one day past the shorter late window, a roster reported one day past the
shorter reporting window, CECs one step above the lower maximum, ...).  A
case that cannot be built (no AAST ID both knobs allow, a date past 9999)
raises :class:`Unbuildable`, and :func:`build_attempt` turns it into an
attempt with no case and the reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from itertools import islice
from typing import TypeVar

import attrs

from cec_rules._search.amounts import common_step, doubling_amounts, is_multiple, multiple_above
from cec_rules._search.changes import IN_FORCE, Period
from cec_rules._search.outcomes import Case, dates_text
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.compare import RosterCase
from cec_rules.policy import Policy, character_ranges
from cec_rules.program import Application, Offering, Program

T = TypeVar("T")


#: The most rows a built roster may have: a row limit above it is reported as not built
#: (a roster of the default limit and one row more is checked in about half a second).
LARGEST_BUILT_ROSTER = 200_001

#: The header and the Program ID of every built roster.
HEADER = ("Program ID", "AAST ID", "First Name", "Last Name", "Completion Date")
PROGRAM_ID = "PRG-1"

#: The characters built AAST IDs are made of, when both knobs allow them: letters and
#: digits first, so that a built ID reads as one.
PREFERRED = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz"


class Unbuildable(Exception):
    """No case can be built for a field; the message says why."""


def shift_day(day: date, days: int) -> date:
    """``day`` moved by ``days``; :class:`Unbuildable` past the calendar's ends."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise Unbuildable(
            f"a case would need a date {days:+,} days from {day.isoformat()}, past the "
            "calendar (years 1 to 9999); none was built"
        ) from None


def common_cecs(b: Policy, c: Policy) -> Decimal:
    """The fewest CECs valid under both policies, or :class:`Unbuildable`."""
    step = common_step(b.cec_increment, c.cec_increment)
    if step > min(b.cec_maximum, c.cec_maximum):
        raise Unbuildable(
            f"no CEC amount is valid under both (steps {b.cec_increment} and "
            f"{c.cec_increment}, at most {b.cec_maximum} and {c.cec_maximum})"
        )
    return step


def application_case(
    cecs: Decimal, submitted: date | datetime, starts: Sequence[date]
) -> Application:
    """A constructed application of ``cecs`` CECs with one-day offerings on ``starts``."""
    return Application(
        program=Program(title="Constructed case", cecs=cecs),
        offerings=[Offering(start) for start in starts],
        submitted=submitted,
        reference="constructed case",
    )


def knob_allows(policy: Policy, char: str) -> bool:
    """Whether the policy's AAST ID knob allows the character."""
    return policy.aast_id_regex.fullmatch(char * policy.aast_id_min_length) is not None


def id_alphabet(policies: Sequence[Policy]) -> str:
    """Up to 36 characters every knob allows, letters and digits first."""
    chars = [c for c in PREFERRED if all(knob_allows(p, c) for p in policies)]
    if len(chars) < 2:
        for first, last in character_ranges(policies[0].aast_id_characters):
            for code in range(ord(first), min(ord(last), ord(first) + 64) + 1):
                char = chr(code)
                if char not in chars and all(knob_allows(p, char) for p in policies):
                    chars.append(char)
    return "".join(chars[:36])


def common_ids(policies: Sequence[Policy], count: int) -> list[str] | None:
    """``count`` distinct AAST IDs every knob allows, or ``None`` when there are not
    that many (the shortest length every knob allows, longer only when needed)."""
    alphabet = id_alphabet(policies)
    shortest = max(p.aast_id_min_length for p in policies)
    longest = min(p.aast_id_max_length for p in policies)
    base = len(alphabet)
    width = shortest
    while alphabet and base**width < count and width < longest:
        width += 1
    if not alphabet or shortest > longest or base**width < count:
        return None
    ids = []
    for number in range(count):
        digits = []
        for _ in range(width):
            number, digit = divmod(number, base)
            digits.append(alphabet[digit])
        ids.append("".join(reversed(digits)))
    return ids


def short_names(policies: Sequence[Policy]) -> tuple[str, str]:
    """A first and a last name every policy's name length allows."""
    longest = min(p.name_max_length for p in policies)
    return "Ada"[:longest], "Lee"[:longest]


def roster_case(
    *,
    reported: date | datetime,
    end: date,
    people: Sequence[tuple[Account, str, str]],
    program_id: str = PROGRAM_ID,
    extra: Sequence[str] = (),
) -> RosterCase:
    """A roster for the one-day offering of ``end``, each person's row written with the
    names given (which may differ from the account's) and ``extra`` cells appended."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*HEADER, *(f"Note {n}" for n in range(1, len(extra) + 1))])
    for account, first, last in people:
        writer.writerow([program_id, account.aast_id, first, last, end.isoformat(), *extra])
    return RosterCase(
        reference="constructed case",
        program=Program(title="Constructed case", cecs=1, program_id=program_id),
        offering=Offering(end),
        source=buffer.getvalue().encode("utf-8"),
        repository=InMemoryRepository([account for account, _, _ in people]),
        reported_at=reported,
    )


def accounts_for(
    policies: Sequence[Policy],
    count: int,
    kind: AccountKind = AccountKind.MEMBER,
    *,
    written: tuple[str, str] | None = None,
    names: tuple[str, str] | None = None,
) -> list[tuple[Account, str, str]]:
    """``count`` accounts with IDs and names every policy allows, each with the names
    its row is written with (``written``, default: the account's own); or
    :class:`Unbuildable` when the knobs do not allow that many IDs in common."""
    ids = common_ids(policies, count)
    if ids is None:
        raise Unbuildable(
            f"no {count:,} AAST ID(s) are allowed by "
            + " and ".join(p.aast_id_pattern for p in policies)
            + ", so no such roster can be accepted under both"
        )
    first, last = names or short_names(policies)
    row_first, row_last = written or (first, last)
    return [
        (Account(aast_id=i, first_name=first, last_name=last, kind=kind), row_first, row_last)
        for i in ids
    ]


@attrs.frozen
class Attempt:
    """What a construction tries: a sentence, and the cases in the order tried."""

    tried: str
    cases: Iterable[Case]


def _fee_cases(period: Period, b: Policy, c: Policy, *, late: bool, count: int) -> Attempt:
    """Applications with ``count`` offerings, late under both or on time under both, at
    growing CEC amounts: a rate shows in the fee lines."""
    cecs = common_cecs(b, c)
    day = period.first
    if late:
        starts = [day] * count  # starting on the day of submission: late under any window
    else:
        gap = max(b.late_window_days, c.late_window_days) + 1
        starts = [shift_day(day, gap + i) for i in range(count)]
    amounts = doubling_amounts(cecs, min(b.cec_maximum, c.cec_maximum))
    timing = "late" if late else "on-time"
    return Attempt(
        f"applications submitted {day.isoformat()} with {count} {timing} offering(s) "
        f"starting {dates_text(starts)}, at {', '.join(map(str, amounts))} CEC",
        [application_case(amount, day, starts) for amount in amounts],
    )


def _application_fee(period: Period, b: Policy, c: Policy) -> Attempt:
    """The application fee: on-time offerings show the rate alone."""
    return _fee_cases(period, b, c, late=False, count=1)


def _late_surcharge(period: Period, b: Policy, c: Policy) -> Attempt:
    """The late surcharge: an offering starting on the day of submission is late under
    any window."""
    return _fee_cases(period, b, c, late=True, count=1)


def _charge_per_offering(period: Period, b: Policy, c: Policy) -> Attempt:
    """Charging per offering: two on-time offerings are charged twice, or once."""
    return _fee_cases(period, b, c, late=False, count=2)


def _late_window(period: Period, b: Policy, c: Policy) -> Attempt:
    """The late window: an offering one day past the shorter window is late under the
    longer one only."""
    cecs = common_cecs(b, c)
    days = min(b.late_window_days, c.late_window_days) + 1
    start = shift_day(period.first, days)
    return Attempt(
        f"an application submitted {period.first.isoformat()} for an offering starting "
        f"{days} day(s) later, {start.isoformat()}: late under the longer window only",
        [application_case(cecs, period.first, [start])],
    )


def _on_time_start(period: Period, *policies: Policy) -> date:
    """The first day an offering submitted on the period's first day is on time under
    every policy."""
    return shift_day(period.first, max(p.late_window_days for p in policies) + 1)


def _increment(period: Period, b: Policy, c: Policy) -> Attempt:
    """The CEC step: one step of either policy that is not a multiple of the other's step."""
    start = _on_time_start(period, b, c)
    amounts = sorted(
        p.cec_increment
        for p, other in ((b, c), (c, b))
        if not is_multiple(p.cec_increment, other.cec_increment)
    )
    return Attempt(
        f"applications submitted {period.first.isoformat()} for an on-time offering, at one "
        f"step of either policy that is not a multiple of the other's "
        f"({', '.join(map(str, amounts))} CEC)",
        [application_case(amount, period.first, [start]) for amount in amounts],
    )


def _maximum(period: Period, b: Policy, c: Policy) -> Attempt:
    """The CEC maximum: the fewest CECs above the lower maximum that the other allows."""
    lower, higher = sorted((b, c), key=lambda p: p.cec_maximum)
    amounts = []
    for step in (common_step(b.cec_increment, c.cec_increment), higher.cec_increment):
        amount = multiple_above(lower.cec_maximum, step)
        if amount <= higher.cec_maximum and amount not in amounts:
            amounts.append(amount)
    start = _on_time_start(period, b, c)
    return Attempt(
        f"applications submitted {period.first.isoformat()} for an on-time offering with the "
        f"fewest CECs above the lower maximum {lower.cec_maximum} "
        f"({', '.join(map(str, amounts)) or 'none is valid under the other'})",
        [application_case(amount, period.first, [start]) for amount in amounts],
    )


def _or_empty(build: Callable[[], list[T]]) -> list[T]:
    """The cases ``build`` makes, or none when they cannot be built."""
    try:
        return build()
    except Unbuildable:
        return []


def _rounding(period: Period, b: Policy, c: Policy) -> Attempt:
    """The rounding mode: fee lines of many CEC amounts, on time and late, and small
    rosters: any line whose amount falls between cents."""
    day = period.first
    top = min(b.cec_maximum, c.cec_maximum)
    amounts = _or_empty(lambda: [a for k in range(1, 201) if (a := common_cecs(b, c) * k) <= top])
    on_time = _on_time_start(period, b, c)
    groups = _or_empty(
        lambda: [
            accounts_for((b, c), count, kind)
            for count, kind in (
                (1, AccountKind.MEMBER),
                (1, AccountKind.GUEST),
                (3, AccountKind.MEMBER),
            )
        ]
    )

    def cases() -> Iterator[Case]:
        for amount in amounts:
            yield application_case(amount, day, [on_time])
            yield application_case(amount, day, [day])
        for group in groups:
            yield roster_case(reported=day, end=day, people=group)

    span = " to ".join(map(str, amounts[:1] + amounts[-1:]))
    return Attempt(
        f"applications submitted {day.isoformat()}, on time and late, at {len(amounts)} CEC "
        f"amount(s) valid under both ({span or 'none'}); {len(groups)} roster(s) of one "
        "member, one guest and three members reported on the offering's day",
        cases(),
    )


def _time_zone(period: Period, b: Policy, c: Policy) -> Attempt:
    """An aware submission whose date differs in the two zones, for an offering that
    starts on the earlier of the two dates: past under one zone, late under the other;
    and a roster reported then for an offering of the later date: open under one zone,
    not yet open under the other."""
    moment = _split_moment(period, b, c)
    if moment is None:
        return Attempt(
            f"the zones {b.time_zone} and {c.time_zone} give the same date at every quarter "
            f"hour of the three days from {period.first.isoformat()} (within the calendar)",
            (),
        )
    first_day = moment.astimezone(b.zone).date()
    second_day = moment.astimezone(c.zone).date()
    early, late = sorted((first_day, second_day))
    cases: list[Case] = [
        application_case(cecs, moment, [early]) for cecs in _or_empty(lambda: [common_cecs(b, c)])
    ]
    cases += [
        roster_case(reported=moment, end=late, people=people)
        for people in _or_empty(lambda: [accounts_for((b, c), 1)])
    ]
    return Attempt(
        f"{len(cases)} case(s) at {moment.isoformat()} ({first_day.isoformat()} in "
        f"{b.time_zone}, {second_day.isoformat()} in {c.time_zone}): an application for an "
        f"offering starting {early.isoformat()}, and a roster for an offering of "
        f"{late.isoformat()}, where both can be built",
        cases,
    )


def _split_moment(period: Period, b: Policy, c: Policy) -> datetime | None:
    """The first quarter hour of the period's first three days whose date differs in the
    two zones, both dates inside the period and the calendar; ``None`` when there is
    none."""
    for offset in range(3):
        for quarter in range(96):
            clock = time(quarter // 4, 15 * (quarter % 4))
            try:
                moment = datetime.combine(
                    period.first + timedelta(days=offset), clock, timezone.utc
                )
                first_day = moment.astimezone(b.zone).date()
                second_day = moment.astimezone(c.zone).date()
            except OverflowError:  # before year 1 or after 9999 in a zone: try the next
                continue
            if first_day != second_day and period.covers(first_day) and period.covers(second_day):
                return moment.astimezone(b.zone)
    return None


def _reporting_window(period: Period, b: Policy, c: Policy) -> Attempt:
    """The reporting window: a roster reported one day past the shorter window."""
    people = accounts_for((b, c), 1)
    days = min(b.reporting_window_days, c.reporting_window_days) + 1
    end = shift_day(period.first, -days)
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} for an offering that ended "
        f"{days} day(s) before, {end.isoformat()}: closed under the shorter window only",
        [roster_case(reported=period.first, end=end, people=people)],
    )


def _filing_fees(kind: AccountKind, period: Period, b: Policy, c: Policy) -> Attempt:
    """A filing fee: rosters of growing numbers of attendees of ``kind``, so that a fee
    that differs by less than a cent shows too."""
    most = min(b.max_roster_rows, c.max_roster_rows)
    counts = [n for n in (1, 10, 100, 1000) if n <= most]
    return Attempt(
        f"rosters of {', '.join(map(str, counts))} {kind.value}(s) reported "
        f"{period.first.isoformat()}, the offering's day",
        [
            roster_case(
                reported=period.first, end=period.first, people=accounts_for((b, c), n, kind)
            )
            for n in counts
        ],
    )


def _member_filing_fee(period: Period, b: Policy, c: Policy) -> Attempt:
    """The member filing fee: rosters of members."""
    return _filing_fees(AccountKind.MEMBER, period, b, c)


def _guest_filing_fee(period: Period, b: Policy, c: Policy) -> Attempt:
    """The guest filing fee: rosters of guests."""
    return _filing_fees(AccountKind.GUEST, period, b, c)


def distinct_chars(allowed: Policy, other: Policy) -> list[str]:
    """Up to eight characters ``allowed`` allows and ``other`` does not: the first of
    each of its ranges, and the character after each of the other's ranges."""
    ends = [ord(last) for _, last in character_ranges(other.aast_id_characters)]

    def options() -> Iterator[str]:
        for first, last in character_ranges(allowed.aast_id_characters):
            yield first
            # Compared as code points: the one after U+10FFFF is no character.
            yield from (chr(e + 1) for e in ends if ord(first) <= e + 1 <= ord(last))

    distinct = dict.fromkeys(char for char in options() if not knob_allows(other, char))
    return list(islice(distinct, 8))


def _aast_id(period: Period, b: Policy, c: Policy) -> Attempt:
    """One-row rosters with an AAST ID one knob allows and the other refuses."""
    common = id_alphabet((b, c))[:1]
    ids: list[str] = []
    for allowed, other in ((b, c), (c, b)):
        lengths = sorted(
            {
                n
                for n in (
                    allowed.aast_id_min_length,
                    other.aast_id_min_length - 1,
                    other.aast_id_max_length + 1,
                    allowed.aast_id_max_length,
                )
                if allowed.aast_id_min_length <= n <= allowed.aast_id_max_length
            }
        )
        for char in [*common, *distinct_chars(allowed, other)]:
            for length in lengths:
                candidate = char * length
                if not other.aast_id_regex.fullmatch(candidate) and candidate not in ids:
                    ids.append(candidate)
    ids.sort(key=lambda i: (len(i), i))
    ids = ids[:4]
    first, last = short_names((b, c))
    cases = [
        roster_case(
            reported=period.first,
            end=period.first,
            people=[
                (Account(aast_id=i, first_name=first, last_name=last, kind="member"), first, last)
            ],
        )
        for i in ids
    ]
    shown = ", ".join(repr(i if len(i) <= 30 else f"{i[:12]}...({len(i)} characters)") for i in ids)
    return Attempt(
        f"one-row rosters reported {period.first.isoformat()} with an AAST ID one knob "
        f"({b.aast_id_pattern} or {c.aast_id_pattern}) allows and the other refuses: "
        + (shown or "the two knobs allow the same IDs"),
        cases,
    )


def _name_length(period: Period, b: Policy, c: Policy) -> Attempt:
    """The name length: a last name one character longer than the shorter limit."""
    length = min(b.name_max_length, c.name_max_length) + 1
    last = "L" + "e" * (length - 1)
    people = accounts_for((b, c), 1, names=(short_names((b, c))[0], last))
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} whose last name is "
        f"{length} characters long, one more than the shorter limit",
        [roster_case(reported=period.first, end=period.first, people=people)],
    )


def _name_mismatch(period: Period, b: Policy, c: Policy) -> Attempt:
    """The name mismatch setting: a row naming the member otherwise than the account."""
    first, last = short_names((b, c))
    people = accounts_for((b, c), 1, names=("Adele", last), written=(first, last))
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} naming the member "
        f"{first!r} where the account says 'Adele'",
        [roster_case(reported=period.first, end=period.first, people=people)],
    )


def _cell_length(period: Period, b: Policy, c: Policy) -> Attempt:
    """The cell limit: a Program ID cell one character longer than the lower limit."""
    people = accounts_for((b, c), 1)
    length = min(b.max_cell_length, c.max_cell_length) + 1
    program_id = ("PRG-" + "0" * length)[:length] if length >= 4 else "P" * length
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} whose Program ID cell is "
        f"{length} characters long, one more than the lower cell limit",
        [
            roster_case(
                reported=period.first, end=period.first, people=people, program_id=program_id
            )
        ],
    )


def _columns(period: Period, b: Policy, c: Policy) -> Attempt:
    """The column limit: a row with one column more than the lower limit."""
    people = accounts_for((b, c), 1)
    count = max(len(HEADER), min(b.max_columns, c.max_columns) + 1)
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} with {count} columns, "
        "more than the lower column limit",
        [
            roster_case(
                reported=period.first,
                end=period.first,
                people=people,
                extra=["x"] * (count - len(HEADER)),
            )
        ],
    )


def _line_length(period: Period, b: Policy, c: Policy) -> Attempt:
    """The line limit: a row whose line is one character longer than the lower limit,
    padded within the cell and column limits both policies allow."""
    people = accounts_for((b, c), 1)
    account, first, last = people[0]
    length = min(b.max_line_length, c.max_line_length) + 1
    cell = min(b.max_cell_length, c.max_cell_length)
    spare_columns = min(b.max_columns, c.max_columns) - len(HEADER)
    # The Program ID is padded first, to the longest cell both allow; then extra cells
    # as long as a cell may be, each one a comma longer too.
    base = len(",".join([PROGRAM_ID, account.aast_id, first, last, period.first.isoformat()]))
    padding = max(0, min(cell - len(PROGRAM_ID), length - base))
    program_id = PROGRAM_ID + "0" * padding
    need = length - base - padding
    extra: list[str] = []
    while need > 0 and len(extra) < spare_columns:
        size = min(cell, max(need - 1, 1))
        extra.append("x" * size)
        need -= size + 1
    if need > 0:
        return Attempt(
            f"a line of {length} characters needs a longer Program ID or more than the "
            f"{max(spare_columns, 0)} extra column(s) of {cell} characters that both "
            "policies allow: no such roster passes their other limits",
            (),
        )
    return Attempt(
        f"a one-member roster reported {period.first.isoformat()} whose row is a line of "
        f"{length} or more characters, more than the lower line limit",
        [
            roster_case(
                reported=period.first,
                end=period.first,
                people=people,
                program_id=program_id,
                extra=extra,
            )
        ],
    )


def _row_limit(period: Period, b: Policy, c: Policy) -> Attempt:
    """The row limit: a roster one row longer than the lower limit."""
    count = min(b.max_roster_rows, c.max_roster_rows) + 1
    if count > LARGEST_BUILT_ROSTER:
        return Attempt(
            f"a roster of {count:,} rows, one more than the lower row limit, is more than "
            f"the {LARGEST_BUILT_ROSTER:,} rows the search builds; the difference shows only "
            "on rosters that large",
            (),
        )
    people = accounts_for((b, c), count)
    return Attempt(
        f"a roster of {count:,} members reported {period.first.isoformat()}, one more than "
        "the lower row limit",
        [roster_case(reported=period.first, end=period.first, people=people)],
    )


def _in_force(period: Period, b: Policy | None, c: Policy | None) -> Attempt:
    """A day only one policy is in force: an application and a roster that day."""
    policy = b if c is None else c
    assert policy is not None
    start = _on_time_start(period, policy)
    # One policy's own knob always allows an ID: accounts_for cannot fail here.
    people = accounts_for((policy,), 1)
    return Attempt(
        f"an application submitted and a roster reported {period.first.isoformat()}",
        [
            application_case(policy.cec_increment, period.first, [start]),
            roster_case(reported=period.first, end=period.first, people=people),
        ],
    )


#: The construction for each field that changes outcomes (see FIELD_EFFECTS).
BUILDERS: dict[str, Callable[[Period, Policy, Policy], Attempt]] = {
    "application_fee_per_cec": _application_fee,
    "late_surcharge_per_cec": _late_surcharge,
    "late_window_days": _late_window,
    "reporting_window_days": _reporting_window,
    "member_filing_fee": _member_filing_fee,
    "guest_filing_fee": _guest_filing_fee,
    "cec_increment": _increment,
    "cec_maximum": _maximum,
    "rounding": _rounding,
    "time_zone": _time_zone,
    "aast_id_characters": _aast_id,
    "aast_id_min_length": _aast_id,
    "aast_id_max_length": _aast_id,
    "name_max_length": _name_length,
    "name_mismatch": _name_mismatch,
    "charge_per_offering": _charge_per_offering,
    "max_cell_length": _cell_length,
    "max_roster_rows": _row_limit,
    "max_columns": _columns,
    "max_line_length": _line_length,
}


def build_attempt(field: str, period: Period) -> Attempt:
    """The construction for ``field`` over ``period``, or the reason none was built."""
    try:
        if field == IN_FORCE:
            return _in_force(period, period.baseline, period.candidate)
        assert period.baseline is not None
        assert period.candidate is not None
        return BUILDERS[field](period, period.baseline, period.candidate)
    except Unbuildable as reason:
        return Attempt(str(reason), ())
