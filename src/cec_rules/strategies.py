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
from cec_rules.policy import (
    DEFAULT_POLICY,
    NameMismatch,
    Policy,
    PolicySchedule,
    PolicyVersion,
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


@st.composite
def applications(
    draw: st.DrawFn,
    *,
    policy: Policy = DEFAULT_POLICY,
    min_offerings: int = 1,
    max_offerings: int = 3,
    min_submitted: date = _EARLIEST,
    max_submitted: date = date(2030, 6, 30),
    aware: bool = True,
    days_before_start: st.SearchStrategy[int] | None = None,
) -> Application:
    """Applications with offerings around the submission date.

    ``days_before_start`` draws each offering's start relative to the
    submission date (default: 20 days before to 120 after, so past, late and
    on-time offerings all occur).  With ``aware`` some submissions are
    timezone-aware datetimes in several zones.
    """
    submitted_on = draw(st.dates(min_value=min_submitted, max_value=max_submitted))
    offsets = (
        st.integers(min_value=-20, max_value=120)
        if days_before_start is None
        else days_before_start
    )
    count = draw(st.integers(min_offerings, max_offerings))
    listed = []
    for _ in range(count):
        start = submitted_on + timedelta(days=draw(offsets))
        listed.append(Offering(start, start + timedelta(days=draw(st.integers(0, 3)))))
    submitted: date | datetime = submitted_on
    if aware and draw(st.booleans()):
        zone = ZoneInfo(draw(st.sampled_from(_ZONES)))
        moment = draw(st.times(min_value=time(0, 0), max_value=time(23, 59)))
        submitted = datetime.combine(submitted_on, moment, tzinfo=zone)
    return Application(
        program=draw(programs(policy=policy)),
        offerings=listed,
        submitted=submitted,
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
        identifier = draw(aast_id or st.from_regex(r"[A-Z]{1,2}-[0-9]{3,8}", fullmatch=True))
    return Account(
        aast_id=identifier,
        first_name=draw(st.sampled_from(_FIRST)),
        last_name=draw(st.sampled_from(_LAST)),
        kind=draw(st.sampled_from(list(kinds))),
    )


def _money(low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=2)


@st.composite
def policies(
    draw: st.DrawFn,
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
) -> Policy:
    """Valid policies that differ from ``base`` in some of the fields named in ``vary``."""
    choices: dict[str, st.SearchStrategy[Any]] = {
        "application_fee_per_cec": _money("0", "200"),
        "late_surcharge_per_cec": _money("0", "100"),
        "late_window_days": st.integers(0, 90),
        "reporting_window_days": st.integers(0, 120),
        "member_filing_fee": _money("0", "25"),
        "guest_filing_fee": _money("0", "50"),
        "charge_per_offering": st.booleans(),
        "name_mismatch": st.sampled_from(list(NameMismatch)),
        "rounding": st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"]),
        "time_zone": st.sampled_from(_ZONES),
    }
    changes: dict[str, Any] = {}
    for name in vary:
        if draw(st.booleans()):
            changes[name] = draw(choices[name])
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


@st.composite
def rosters(
    draw: st.DrawFn,
    *,
    min_rows: int = 1,
    max_rows: int = 20,
    policy: Policy = DEFAULT_POLICY,
    formats: Sequence[ProgramFormat] = (ProgramFormat.LIVE,),
) -> RosterSample:
    """Valid rosters: every row should be accepted under ``policy``."""
    program = draw(programs(policy=policy, formats=formats, program_id="PRG-2026-0042"))
    offering = draw(offerings(min_start=date(2024, 1, 1), max_start=date(2028, 12, 31)))
    window = max(policy.reporting_window_days, 0)
    reported_at = offering.end + timedelta(days=draw(st.integers(0, window)))
    if program.format is ProgramFormat.SELF_PACED:
        earliest = max(offering.start, reported_at - timedelta(days=window))
    else:
        earliest = offering.start
    latest = min(offering.end, reported_at)
    people = draw(
        st.lists(
            accounts(),
            min_size=min_rows,
            max_size=max_rows,
            unique_by=lambda a: a.aast_id,
        )
    )
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
