"""Hypothesis strategies for property-testing the program's rules and policy changes.

Install the ``testing`` extra (``pip install 'cec-rules[testing]'``) to use
them.  Names are plural and every knob is keyword-only, as in Hypothesis
itself.  The package registers them with Hypothesis's entry point, so
``st.from_type(cec_rules.Application)`` works too.

>>> from hypothesis import given
>>> from cec_rules import assess_application
>>> @given(applications())
... def test_fees_never_negative(application):
...     assert assess_application(application).total >= 0
>>> test_fees_never_negative()
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.errors import CecRulesError
from cec_rules.policy import (
    DEFAULT_POLICY,
    NameMismatch,
    Policy,
    PolicySchedule,
    PolicyVersion,
    as_schedule,
)
from cec_rules.program import Application, Offering, Program, ProgramFormat

if TYPE_CHECKING:
    from cec_rules.compare import RosterCase

__all__ = [
    "RosterSample",
    "accounts",
    "applications",
    "credits",
    "defective_rosters",
    "offerings",
    "policies",
    "programs",
    "rosters",
    "schedules",
    "version_dates",
]

_EARLIEST = date(2020, 1, 1)
_LATEST = date(2030, 12, 31)
_ZONES = ("America/Chicago", "America/Los_Angeles", "America/New_York", "Asia/Tokyo", "UTC")
_FIRST = ("Ada", "Grace", "José", "Zoë", "Mary-Jane", "Nguyễn", "Siobhán", "Olu", "Li", "Ana María")
_LAST = ("Lovelace", "Hopper", "Núñez", "O'Brien", "Van der Berg", "Okafor", "Kowalski", "Tanaka")


def credits(
    *, policy: Policy = DEFAULT_POLICY, max_cecs: Decimal | None = None
) -> st.SearchStrategy[Decimal]:
    """CEC amounts valid under ``policy``: positive multiples of its increment up to its maximum."""
    top = policy.cec_maximum if max_cecs is None else min(max_cecs, policy.cec_maximum)
    steps = int(top / policy.cec_increment)
    return st.integers(min_value=1, max_value=max(steps, 1)).map(lambda n: n * policy.cec_increment)


@st.composite
def programs(
    draw: st.DrawFn,
    *,
    policy: Policy = DEFAULT_POLICY,
    formats: Sequence[ProgramFormat] = tuple(ProgramFormat),
    program_id: str | st.SearchStrategy[str | None] | None = None,
    max_cecs: Decimal | None = Decimal(20),
) -> Program:
    """Programs with CECs valid under ``policy``; ``program_id`` is a fixed value or a strategy."""
    pid = draw(program_id) if isinstance(program_id, st.SearchStrategy) else program_id
    return Program(
        title=draw(st.sampled_from(("Scoring", "PAP Titration", "Sleep Medicine Update"))),
        cecs=draw(credits(policy=policy, max_cecs=max_cecs)),
        format=draw(st.sampled_from(list(formats))),
        program_id=pid,
    )


@st.composite
def offerings(
    draw: st.DrawFn,
    *,
    min_start: date = _EARLIEST,
    max_start: date = _LATEST,
    max_days: int = 5,
) -> Offering:
    """Offerings starting between the bounds, lasting 1 to ``max_days`` days."""
    start = draw(st.dates(min_value=min_start, max_value=max_start))
    return Offering(start, start + timedelta(days=draw(st.integers(0, max_days - 1))))


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, held to the calendar's first and last day."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def version_dates(
    *policies: Policy | PolicySchedule, around: int = 3, open_days: int = 1461
) -> st.SearchStrategy[date]:
    """Dates drawn from the policies' own version dates, never from a fixed range.

    Half the time a version's first or last day, moved by up to ``around`` days
    either way (where a change shows first); otherwise any day of a version's
    period, an open-ended period counted for ``open_days`` days from its start.
    A schedule that starts in 2031, or in 9990, gives dates there.

    >>> from hypothesis import find, settings
    >>> from cec_rules.policy import schedule_from_toml
    >>> late = schedule_from_toml("[[versions]]\\neffective_from = 2031-01-01")
    >>> find(version_dates(late), lambda day: True, settings=settings(database=None))
    datetime.date(2031, 1, 1)
    """
    if not policies:
        raise ValueError("give at least one policy or schedule to draw dates from")
    versions = [v for policy in policies for v in as_schedule(policy).versions]
    edges = sorted(
        {v.effective_from for v in versions}
        | {v.effective_until for v in versions if v.effective_until is not None}
    )
    periods = [
        (
            v.effective_from,
            _shifted(v.effective_from, open_days)
            if v.effective_until is None
            else v.effective_until,
        )
        for v in versions
    ]
    near = st.tuples(st.sampled_from(edges), st.integers(-around, around)).map(
        lambda pair: _shifted(*pair)
    )
    inside = st.sampled_from(periods).flatmap(lambda period: st.dates(*period))
    return st.one_of(near, inside)


def _in_force(schedule: PolicySchedule, moment: date | datetime) -> Policy:
    """The policy in force at ``moment``; the schedule's first version when none is,
    since such a case is refused whatever it holds."""
    try:
        return schedule.resolve(moment, field="submitted")[1]
    except CecRulesError:
        return schedule.versions[0].policy


def _covers(schedule: PolicySchedule, day: date) -> bool:
    """Whether some version of the schedule is in force on ``day``."""
    try:
        schedule.at(day)
    except CecRulesError:
        return False
    return True


def _zones(schedule: PolicySchedule) -> tuple[str, ...]:
    """The schedule's own time zones first (so that shrinking goes to them), then others."""
    return tuple(dict.fromkeys([*(v.policy.time_zone for v in schedule.versions), *_ZONES]))


@st.composite
def applications(
    draw: st.DrawFn,
    *,
    policy: Policy | PolicySchedule = DEFAULT_POLICY,
    min_offerings: int = 1,
    max_offerings: int = 3,
    min_submitted: date = _EARLIEST,
    max_submitted: date = date(2030, 6, 30),
    submitted: st.SearchStrategy[date] | None = None,
    aware: bool = True,
    days_before_start: st.SearchStrategy[int] | None = None,
) -> Application:
    """Applications with offerings around the submission date, CECs valid under the
    version of ``policy`` in force when they are submitted.

    The submission date is drawn from ``submitted`` when given; else, for a
    schedule, from its own version dates (:func:`version_dates`); else between
    ``min_submitted`` and ``max_submitted``.  ``days_before_start`` draws each
    offering's start relative to the submission date (default: 20 days before
    to 120 after, so past, late and on-time offerings all occur).  With
    ``aware`` some submissions are timezone-aware datetimes, in the policy's
    own zones and several others.
    """
    schedule = as_schedule(policy)
    if submitted is None:
        submitted = (
            version_dates(schedule)
            if isinstance(policy, PolicySchedule)
            else st.dates(min_value=min_submitted, max_value=max_submitted)
        )
    submitted_on = draw(submitted)
    offsets = (
        st.integers(min_value=-20, max_value=120)
        if days_before_start is None
        else days_before_start
    )
    count = draw(st.integers(min_offerings, max_offerings))
    listed = []
    for _ in range(count):
        start = _shifted(submitted_on, draw(offsets))
        listed.append(Offering(start, _shifted(start, draw(st.integers(0, 3)))))
    moment: date | datetime = submitted_on
    if aware and draw(st.booleans()):
        zone = ZoneInfo(draw(st.sampled_from(_zones(schedule))))
        clock = draw(st.times(min_value=time(0, 0), max_value=time(23, 59)))
        moment = datetime.combine(submitted_on, clock, tzinfo=zone)
    return Application(
        program=draw(programs(policy=_in_force(schedule, moment))),
        offerings=listed,
        submitted=moment,
        calendar_listing=draw(st.booleans()),
        reference=f"APP-{draw(st.integers(1, 99_999)):05d}",
    )


@st.composite
def accounts(
    draw: st.DrawFn,
    *,
    kinds: Sequence[AccountKind] = tuple(AccountKind),
    aast_id: str | st.SearchStrategy[str] | None = None,
) -> Account:
    """AAST accounts with names from many scripts and either kind."""
    if isinstance(aast_id, str):
        identifier = aast_id
    else:
        identifier = draw(
            st.from_regex(r"[A-Z]{1,2}-[0-9]{3,8}", fullmatch=True) if aast_id is None else aast_id
        )
    return Account(
        aast_id=identifier,
        first_name=draw(st.sampled_from(_FIRST)),
        last_name=draw(st.sampled_from(_LAST)),
        kind=draw(st.sampled_from(list(kinds))),
    )


def _money(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=2)


#: What :func:`policies` draws for each field it may vary: every field of a Policy but
#: its label.  A test holds this table to the fields of Policy.
_FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "application_fee_per_cec": _money("0", "200"),
    "late_surcharge_per_cec": _money("0", "100"),
    "late_window_days": st.integers(0, 90),
    "reporting_window_days": st.integers(0, 120),
    "member_filing_fee": _money("0", "25"),
    "guest_filing_fee": _money("0", "50"),
    "cec_increment": st.sampled_from(["0.25", "0.1", "0.33", "0.5", "1"]).map(Decimal),
    "cec_maximum": st.sampled_from(["100", "1", "10", "24", "50", "200"]).map(Decimal),
    "rounding": st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"]),
    "time_zone": st.sampled_from(_ZONES),
    "aast_id_characters": st.sampled_from(["A-Za-z0-9-", "A-Z0-9", "0-9", "A-Za-z0-9._-"]),
    "aast_id_min_length": st.integers(1, 6),
    "aast_id_max_length": st.integers(6, 40),
    "name_max_length": st.integers(20, 200),
    "name_mismatch": st.sampled_from(list(NameMismatch)),
    "guest_fee_below_member": st.booleans(),
    "charge_per_offering": st.booleans(),
    "max_cell_length": st.integers(100, 5000),
    "max_roster_rows": st.integers(1, 1_000_000),
    "max_columns": st.integers(5, 100),
    "max_line_length": st.integers(1000, 200_000),
}


def policies(
    *,
    base: Policy = DEFAULT_POLICY,
    vary: Sequence[str] = (
        "application_fee_per_cec",
        "late_surcharge_per_cec",
        "late_window_days",
        "reporting_window_days",
        "member_filing_fee",
        "guest_filing_fee",
    ),
) -> st.SearchStrategy[Policy]:
    """Valid policies that differ from ``base`` in some of the fields named in ``vary``.

    Any field of :class:`~cec_rules.policy.Policy` but its label may be named.
    A drawn maximum below the increment is raised to it, and a drawn AAST ID
    length range the wrong way round is turned round, so every policy is valid.
    """
    unknown = sorted(set(vary) - set(_FIELD_VALUES))
    if unknown:
        raise ValueError(
            f"cannot vary {', '.join(unknown)}; choose from {', '.join(_FIELD_VALUES)}"
        )
    return _policies(base, tuple(vary))


@st.composite
def _policies(draw: st.DrawFn, base: Policy, vary: tuple[str, ...]) -> Policy:
    changes: dict[str, Any] = {}
    for name in vary:
        if draw(st.booleans()):
            changes[name] = draw(_FIELD_VALUES[name])
    increment = changes.get("cec_increment", base.cec_increment)
    if changes.get("cec_maximum", base.cec_maximum) < increment:
        changes["cec_maximum"] = increment
    shortest = changes.get("aast_id_min_length", base.aast_id_min_length)
    longest = changes.get("aast_id_max_length", base.aast_id_max_length)
    if shortest > longest:
        changes["aast_id_min_length"], changes["aast_id_max_length"] = longest, shortest
    return attrs.evolve(base, label=f"candidate {draw(st.integers(1, 9999))}", **changes)


@st.composite
def schedules(
    draw: st.DrawFn,
    *,
    max_versions: int = 4,
    first: date = date(2020, 1, 1),
    last: date = date(2030, 12, 31),
) -> PolicySchedule:
    """Schedules of open-ended and bounded versions with distinct start dates."""
    starts = draw(
        st.lists(
            st.dates(min_value=first, max_value=last),
            min_size=1,
            max_size=max_versions,
            unique=True,
        )
    )
    versions = []
    for start in sorted(starts):
        until = None
        if draw(st.booleans()):
            until = start + timedelta(days=draw(st.integers(0, 400)))
        versions.append(
            PolicyVersion(effective_from=start, effective_until=until, policy=draw(policies()))
        )
    return PolicySchedule(versions)


@attrs.frozen(kw_only=True)
class RosterSample:
    """A roster ready to check: its CSV bytes, what it reports, and the accounts it uses.

    ``defects`` names each defect put in and its row number.
    """

    program: Program
    offering: Offering
    reported_at: date
    accounts: tuple[Account, ...]
    rows: tuple[tuple[str, ...], ...]
    defects: tuple[tuple[int, str], ...] = ()

    @property
    def repository(self) -> InMemoryRepository:
        """An in-memory repository holding the case's accounts."""
        return InMemoryRepository(self.accounts)

    def case(self, reference: str = "generated roster") -> RosterCase:
        """The sample as a :class:`~cec_rules.compare.RosterCase`, ready to check or compare."""
        from cec_rules.compare import RosterCase

        return RosterCase(
            reference=reference,
            program=self.program,
            offering=self.offering,
            source=self.to_csv(),
            repository=self.repository,
            reported_at=self.reported_at,
        )

    def to_csv(self) -> bytes:
        """The roster as a UTF-8 CSV file with the five-column header."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
        writer.writerows(self.rows)
        return buffer.getvalue().encode("utf-8")


def _aast_ids(policy: Policy) -> st.SearchStrategy[str]:
    """AAST IDs the policy's knob allows: the usual ``AB-12345`` shape
    under the rule book's knob, else drawn from the knob itself, at most a dozen
    characters past its shortest and never longer than a cell may be."""
    if policy.aast_id_pattern == DEFAULT_POLICY.aast_id_pattern:
        return st.from_regex(r"[A-Z]{1,2}-[0-9]{3,8}", fullmatch=True)
    pattern = policy.aast_id_pattern
    shortest = policy.aast_id_min_length
    longest = max(shortest, min(policy.aast_id_max_length, shortest + 12, policy.max_cell_length))
    # The knob is one character class with a bounded repeat: keep the class, bound the repeat.
    return st.from_regex(
        f"{pattern[: pattern.rindex('{')]}{{{shortest},{longest}}}", fullmatch=True
    )


@st.composite
def rosters(
    draw: st.DrawFn,
    *,
    min_rows: int = 1,
    max_rows: int = 20,
    policy: Policy | PolicySchedule = DEFAULT_POLICY,
    formats: Sequence[ProgramFormat] = (ProgramFormat.LIVE,),
    reported: st.SearchStrategy[date] | None = None,
) -> RosterSample:
    """Valid rosters: every row should be accepted under the version of ``policy`` in
    force on the report date.

    The report date is drawn from ``reported`` when given, else, for a
    schedule, from its own version dates (:func:`version_dates`), and the
    offering ends within that version's reporting window before it.  For a
    single policy with no ``reported``, the offering starts in 2024 to 2028 and
    is reported within the window.  AAST IDs follow the version's knob, names
    its length limit, and the row count its row limit (a roster needs the
    five-column header to fit the version's cell and column limits).
    """
    schedule = as_schedule(policy)
    program_format = draw(st.sampled_from(list(formats)))
    if reported is None and isinstance(policy, PolicySchedule):
        # A roster reported on a day no version is in force is refused whole: not valid.
        reported = version_dates(schedule).filter(lambda day: _covers(schedule, day))
    if reported is None:
        offering = draw(offerings(min_start=date(2024, 1, 1), max_start=date(2028, 12, 31)))
        in_force = _in_force(schedule, offering.end)
        window = in_force.reporting_window_days
        reported_at = _shifted(offering.end, draw(st.integers(0, window)))
    else:
        reported_at = draw(reported)
        in_force = _in_force(schedule, reported_at)
        window = in_force.reporting_window_days
        end = _shifted(reported_at, -draw(st.integers(0, window)))
        offering = Offering(_shifted(end, -draw(st.integers(0, 4))), end)
    program = draw(programs(policy=in_force, formats=[program_format], program_id="PRG-2026-0042"))
    if program.format is ProgramFormat.SELF_PACED:
        earliest = max(offering.start, _shifted(reported_at, -window))
    else:
        earliest = offering.start
    latest = min(offering.end, reported_at)
    most = min(max_rows, in_force.max_roster_rows)
    longest = in_force.name_max_length
    people = draw(
        st.lists(
            accounts(aast_id=_aast_ids(in_force)),
            min_size=min(min_rows, most),
            max_size=most,
            unique_by=lambda a: a.aast_id,
        )
    )
    # Names the version allows: cut to its length limit (every listed name starts
    # with a letter, so a cut one still holds one).
    people = [
        attrs.evolve(
            person,
            first_name=person.first_name[:longest].strip(),
            last_name=person.last_name[:longest].strip(),
        )
        for person in people
    ]
    rows = []
    for person in people:
        completed = draw(st.dates(min_value=earliest, max_value=latest))
        written = (
            completed.isoformat()
            if draw(st.booleans())
            else f"{completed.month}/{completed.day}/{completed.year}"
        )
        assert program.program_id is not None
        rows.append(
            (program.program_id, person.aast_id, person.first_name, person.last_name, written)
        )
    return RosterSample(
        program=program,
        offering=offering,
        reported_at=reported_at,
        accounts=tuple(people),
        rows=tuple(rows),
    )


_DEFECTS: dict[str, Callable[[tuple[str, ...]], tuple[str, ...]]] = {
    "blank": lambda row: ("", "", "", "", ""),
    "bad_date": lambda row: (*row[:4], "13/4/2026"),
    "two_digit_year": lambda row: (*row[:4], "3/2/26"),
    "bad_id": lambda row: (row[0], "1.23457E+11", *row[2:]),
    "unknown_account": lambda row: (row[0], "ZZ-00000000", *row[2:]),
    "wrong_program": lambda row: ("PRG-1999-0001", *row[1:]),
    "missing_name": lambda row: (*row[:2], "", *row[3:]),
    "formula_name": lambda row: (*row[:2], "=" + row[2], *row[3:]),
}


def defective_rosters(
    *,
    blank: bool = True,
    bad_date: bool = True,
    two_digit_year: bool = True,
    bad_id: bool = True,
    unknown_account: bool = True,
    wrong_program: bool = True,
    missing_name: bool = True,
    formula_name: bool = True,
    duplicates: bool = True,
    min_rows: int = 2,
    max_rows: int = 20,
) -> st.SearchStrategy[RosterSample]:
    """Rosters with one to three defects of the kinds switched on; ``defects`` says where."""
    switches = {
        "blank": blank,
        "bad_date": bad_date,
        "two_digit_year": two_digit_year,
        "bad_id": bad_id,
        "unknown_account": unknown_account,
        "wrong_program": wrong_program,
        "missing_name": missing_name,
        "formula_name": formula_name,
        "duplicate": duplicates,
    }
    enabled = tuple(name for name, on in switches.items() if on)
    if not enabled:
        raise ValueError("switch on at least one kind of defect")
    return _defective(enabled, rosters(min_rows=min_rows, max_rows=max_rows))


@st.composite
def _defective(
    draw: st.DrawFn, enabled: tuple[str, ...], valid: st.SearchStrategy[RosterSample]
) -> RosterSample:
    case = draw(valid)
    tagged: list[tuple[tuple[str, ...], list[str]]] = [(row, []) for row in case.rows]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(enabled))
        index = draw(st.integers(0, len(tagged) - 1))
        row, tags = tagged[index]
        if kind == "duplicate":
            tagged.insert(index + 1, (row, [kind]))
        else:
            tagged[index] = (_DEFECTS[kind](row), [*tags, kind])
    rows = [row for row, _ in tagged]
    defects = [(number, tag) for number, (_, tags) in enumerate(tagged, 2) for tag in tags]
    return attrs.evolve(case, rows=tuple(rows), defects=tuple(defects))


def _hypothesis_setup_hook() -> None:
    """Register the strategies with Hypothesis (run through its entry point)."""
    st.register_type_strategy(Program, programs())
    st.register_type_strategy(Offering, offerings())
    st.register_type_strategy(Application, applications())
    st.register_type_strategy(Account, accounts())
    st.register_type_strategy(Policy, policies())
    st.register_type_strategy(PolicySchedule, schedules())
