"""An independent oracle for policy comparisons: plain arithmetic from the rule book.

The oracle below does not call the library to work anything out.  From the
rule book's rules and each policy's figures it computes, with ``Decimal``
arithmetic and ``datetime`` dates, every figure of a comparison over generated
histories (applications of one to three offerings, some submitted as aware
datetimes; member and guest rosters, live and self-paced, some with an
unknown attendee; baseline and candidate schedules of one or two versions,
some with a gap): each case's category, totals, fee parts, what is newly
refused or accepted and the fees involved, its facts, the summary figures,
the largest changes, and every group of every breakdown.  The test asserts
that the comparison's JSON agrees with all of it.

The generated cases stay inside what the oracle models: every time zone is
America/Chicago, every roster cell is well formed, and the only roster rules
that refuse a row are `account-exists`, `completion-date`, `reporting-window`
and `self-paced-window`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import event, given, strategies as st

from cec_rules import DEFAULT_POLICY, Application, Offering, Program
from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.compare import RosterCase, compare_policies
from cec_rules.policy import Policy, PolicySchedule, PolicyVersion
from cec_rules.program import ProgramFormat

CENT = Decimal("0.01")
CHICAGO = ZoneInfo("America/Chicago")
#: The rule book's program start: a bare policy is in force from this day on.
PROGRAM_START = date(2020, 1, 1)


# --------------------------------------------------------------------------
# The oracle's world: policies as plain figures, cases as plain values


@dataclass(frozen=True)
class Figures:
    """One policy version's figures, as the rule book names them."""

    label: str
    application_fee: Decimal
    late_surcharge: Decimal
    late_window: int
    reporting_window: int
    member_fee: Decimal
    guest_fee: Decimal
    increment: Decimal
    maximum: Decimal
    per_offering: bool

    def policy(self) -> Policy:
        """The same figures as the library's policy (the input, not the answer)."""
        return Policy(
            label=self.label,
            application_fee_per_cec=self.application_fee,
            late_surcharge_per_cec=self.late_surcharge,
            late_window_days=self.late_window,
            reporting_window_days=self.reporting_window,
            member_filing_fee=self.member_fee,
            guest_filing_fee=self.guest_fee,
            cec_increment=self.increment,
            cec_maximum=self.maximum,
            charge_per_offering=self.per_offering,
        )


@dataclass(frozen=True)
class Version:
    """Figures in force from ``start`` through ``until`` (open-ended when ``None``)."""

    start: date
    until: date | None
    figures: Figures


@dataclass(frozen=True)
class Side:
    """A baseline or a candidate: a bare policy, or a schedule of versions."""

    versions: tuple[Version, ...]
    bare: bool

    def in_force(self, on: date) -> Figures | None:
        """`policy-version`: the latest-starting version whose period holds ``on``."""
        covering = [
            v for v in self.versions if v.start <= on and (v.until is None or on <= v.until)
        ]
        return max(covering, key=lambda v: v.start).figures if covering else None

    def library(self) -> Policy | PolicySchedule:
        """The same side as the library's input."""
        if self.bare:
            return self.versions[0].figures.policy()
        return PolicySchedule(
            [
                PolicyVersion(
                    effective_from=v.start, effective_until=v.until, policy=v.figures.policy()
                )
                for v in self.versions
            ]
        )

    @property
    def label(self) -> str:
        """How a comparison names the side: its labels in start order."""
        return " / ".join(v.figures.label for v in self.versions)


@dataclass(frozen=True)
class Person:
    """An attendee on a roster: ``kind`` is None for an AAST ID with no account."""

    aast_id: str
    kind: str | None
    completed: date


@dataclass(frozen=True)
class AppCase:
    """A generated application."""

    reference: str
    cecs: Decimal
    starts: tuple[tuple[date, date], ...]
    submitted: date | datetime


@dataclass(frozen=True)
class RosterCaseFacts:
    """A generated roster."""

    reference: str
    cecs: Decimal
    self_paced: bool
    start: date
    end: date
    reported: date
    people: tuple[Person, ...]


def round_cents(amount: Decimal) -> Decimal:
    """`money-rounding`: a fee line rounded once to cents, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def cents(amount: Decimal) -> str:
    """`money-decimal`: the JSON form of an amount."""
    return str(amount.quantize(CENT))


# --------------------------------------------------------------------------
# One case under one side


@dataclass
class SideResult:
    """A case under one side: the version in force, the fee parts, what is accepted."""

    figures: Figures | None
    on: date
    application_fee: Decimal = Decimal(0)
    late_surcharge: Decimal = Decimal(0)
    filing_fee: Decimal = Decimal(0)
    #: Accepted offerings (their positions) or rows (their positions in the roster).
    accepted: set[int] = field(default_factory=set)
    #: Each offering's fee, for the offerings of an application.
    unit_fees: dict[int, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return self.application_fee + self.late_surcharge + self.filing_fee


def submission_date(moment: date | datetime) -> date:
    """`submission-date`: a date as given; an aware datetime as its date in Chicago."""
    if isinstance(moment, datetime):
        return moment.astimezone(CHICAGO).date()
    return moment


def timing(days: int, window: int) -> str:
    """`late-surcharge` and `past-program`: past before day 0, late up to the window."""
    if days < 0:
        return "past"
    return "late" if days <= window else "on-time"


def assess(case: AppCase, side: Side) -> SideResult:
    """The rule book's application fees (`application-fee`, `late-surcharge`,
    `past-program`, `offering-count`, `cec-amount`)."""
    on = submission_date(case.submitted)
    figures = side.in_force(on)
    result = SideResult(figures, on)
    if figures is None:
        return result
    if case.cecs > figures.maximum or case.cecs % figures.increment != 0:
        return result  # refused as a whole, nothing due
    timings = [timing((start - on).days, figures.late_window) for start, _ in case.starts]
    reviewed = [i for i, t in enumerate(timings) if t != "past"]
    if figures.per_offering:
        charged = reviewed
    else:
        charged = [min(reviewed, key=lambda i: (case.starts[i][0], i))] if reviewed else []
    fee = round_cents(figures.application_fee * case.cecs)
    surcharge = round_cents(figures.late_surcharge * case.cecs)
    for i in reviewed:
        result.accepted.add(i)
        result.unit_fees[i] = Decimal(0)
    for i in charged:
        result.application_fee += fee
        result.unit_fees[i] += fee
        if timings[i] == "late":
            result.late_surcharge += surcharge
            result.unit_fees[i] += surcharge
    return result


def row_accepted(person: Person, case: RosterCaseFacts, figures: Figures) -> bool:
    """`account-exists`, `completion-date`, `reporting-window`, `self-paced-window`."""
    if person.kind is None:
        return False
    if not (case.start <= person.completed <= case.end) or person.completed > case.reported:
        return False
    opens = person.completed if case.self_paced else case.end
    return opens <= case.reported <= opens + timedelta(days=figures.reporting_window)


def filing(figures: Figures, kinds: Iterable[str]) -> Decimal:
    """`filing-fee`: one line per kind, each rounded once."""
    listed = list(kinds)
    members, guests = listed.count("member"), listed.count("guest")
    return round_cents(figures.member_fee * members) + round_cents(figures.guest_fee * guests)


def check(case: RosterCaseFacts, side: Side) -> SideResult:
    """The rule book's roster rows and filing fee."""
    figures = side.in_force(case.reported)
    result = SideResult(figures, case.reported)
    if figures is None:
        return result
    result.accepted = {i for i, p in enumerate(case.people) if row_accepted(p, case, figures)}
    result.filing_fee = filing(figures, (case.people[i].kind or "" for i in result.accepted))
    return result


# --------------------------------------------------------------------------
# One case under both sides


BANDS = ((Decimal(1), "up to 1"), (Decimal(5), "over 1 to 5"), (Decimal(20), "over 5 to 20"))


def band(cecs: Decimal) -> str:
    """The CEC bands of a breakdown."""
    for bound, name in (*BANDS, (Decimal(100), "over 20 to 100")):
        if cecs <= bound:
            return name
    return "over 100"


def change(
    case: AppCase | RosterCaseFacts,
    accepting: SideResult,
    refusing: SideResult,
    units: set[int],
    refused: bool,
) -> dict[str, Any]:
    """What one side accepts and the other refuses, as the comparison's JSON shows it."""
    assert accepting.figures is not None
    if isinstance(case, AppCase):
        fees = sum((accepting.unit_fees[i] for i in units), Decimal(0))
        members = guests = 0
        kind = "application"
    else:
        kinds = [case.people[i].kind or "" for i in units]
        members, guests = kinds.count("member"), kinds.count("guest")
        fees = filing(accepting.figures, kinds)
        kind = "roster"
    return {
        "kind": kind,
        "refused": refused,
        "whole": not refusing.accepted,
        "count": len(units),
        "members": members,
        "guests": guests,
        "fees": cents(fees),
    }


@dataclass
class Expected:
    """One case as the oracle works it out."""

    reference: str
    kind: str
    category: str
    base: SideResult
    cand: SideResult
    refused: dict[str, Any] | None
    accepted: dict[str, Any] | None
    facts: dict[str, Any]

    @property
    def assessable(self) -> bool:
        return self.category != "not-assessable"

    @property
    def delta(self) -> Decimal:
        return self.cand.total - self.base.total

    @property
    def amount(self) -> Decimal:
        """What the case is ranked by among the largest changes."""
        if self.category in ("pays-more", "pays-less", "pays-same"):
            return self.delta
        if self.category == "newly-refused":
            assert self.refused is not None
            return Decimal(self.refused["fees"])
        if self.category == "newly-accepted":
            assert self.accepted is not None
            return Decimal(self.accepted["fees"])
        return Decimal(0)

    def json(self) -> dict[str, Any]:
        """The figures of the case's JSON."""

        def money(amount: Decimal, shown: bool) -> str | None:
            return cents(amount) if shown else None

        return {
            "reference": self.reference,
            "kind": self.kind,
            "category": self.category,
            "generated": True,
            "baseline_total": money(self.base.total, self.base.figures is not None),
            "candidate_total": money(self.cand.total, self.cand.figures is not None),
            "delta": money(self.delta, self.assessable),
            "application_fee": money(
                self.cand.application_fee - self.base.application_fee, self.assessable
            ),
            "late_surcharge": money(
                self.cand.late_surcharge - self.base.late_surcharge, self.assessable
            ),
            "filing_fee": money(self.cand.filing_fee - self.base.filing_fee, self.assessable),
            "refused": self.refused,
            "accepted": self.accepted,
            "facts": self.facts,
        }


def case_timing(case: AppCase | RosterCaseFacts, side: SideResult | None) -> str:
    """The timing a breakdown groups the case by, under ``side``."""
    if side is None or side.figures is None:
        return "unknown"
    figures = side.figures
    if isinstance(case, AppCase):
        found = {timing((s - side.on).days, figures.late_window) for s, _ in case.starts}
        return found.pop() if len(found) == 1 else "mixed"
    if case.self_paced:
        closed = any(
            case.reported > p.completed + timedelta(days=figures.reporting_window)
            for p in case.people
        )
        return "late" if closed else "on-time"
    if case.reported < case.end:
        return "early"
    last = case.end + timedelta(days=figures.reporting_window)
    return "late" if case.reported > last else "on-time"


def expect(case: AppCase | RosterCaseFacts, baseline: Side, candidate: Side) -> Expected:
    """Work out one case under both sides."""
    if isinstance(case, AppCase):
        base, cand = assess(case, baseline), assess(case, candidate)
    else:
        base, cand = check(case, baseline), check(case, candidate)
    refused = accepted = None
    if base.figures is None or cand.figures is None:
        category = "not-assessable"
    else:
        lost, gained = base.accepted - cand.accepted, cand.accepted - base.accepted
        if lost:
            refused = change(case, base, cand, lost, True)
        if gained:
            accepted = change(case, cand, base, gained, False)
        if lost:
            category = "newly-refused"
        elif gained:
            category = "newly-accepted"
        elif cand.total > base.total:
            category = "pays-more"
        else:
            category = "pays-less" if cand.total < base.total else "pays-same"
    judged = base if base.figures is not None else cand if cand.figures is not None else None
    if judged is not None:
        on = judged.on
    elif isinstance(case, AppCase):
        on = case.submitted.date() if isinstance(case.submitted, datetime) else case.submitted
    else:
        on = case.reported
    if isinstance(case, AppCase):
        attendees = "application"
    else:
        kinds = {case.people[i].kind or "" for side in (base, cand) for i in side.accepted}
        if len(kinds) == 2:
            attendees = "member and guest"
        else:
            attendees = kinds.pop() if kinds else "none accepted"
    kind = "application" if isinstance(case, AppCase) else "roster"
    facts: dict[str, Any] = {
        "kind": kind,
        "timing": case_timing(case, judged),
        "attendees": attendees,
        "cecs": str(case.cecs),
        "cec_band": band(case.cecs),
        "on": on.isoformat(),
        "month": on.isoformat()[:7],
        "version": " -> ".join(
            s.figures.label if s.figures else "none in force" for s in (base, cand)
        ),
        "generated": True,
    }
    return Expected(case.reference, kind, category, base, cand, refused, accepted, facts)


# --------------------------------------------------------------------------
# Many cases: the figures of a comparison and of each group

CATEGORIES = (
    "pays-more",
    "pays-less",
    "pays-same",
    "newly-refused",
    "newly-accepted",
    "not-assessable",
)
PAYING = CATEGORIES[:3]


def totals(changes: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """What is newly refused (or accepted), added up."""
    listed = list(changes)
    apps = [c for c in listed if c["kind"] == "application"]
    rows = [c for c in listed if c["kind"] == "roster"]
    return {
        "cases": len(listed),
        "applications": len(apps),
        "whole_applications": sum(c["whole"] for c in apps),
        "offerings": sum(c["count"] for c in apps),
        "rosters": len(rows),
        "rows": sum(c["count"] for c in rows),
        "members": sum(c["members"] for c in rows),
        "guests": sum(c["guests"] for c in rows),
        "fees": cents(sum((Decimal(c["fees"]) for c in listed), Decimal(0))),
    }


def tally(cases: list[Expected]) -> dict[str, Any]:
    """The figures of a set of cases, as the comparison's JSON gives them."""
    paying = [c for c in cases if c.category in PAYING]
    ranked = {
        "newly-refused": "newly-refused",
        "pays-more": "pays-more",
        "pays-less": "pays-less",
        "newly-accepted": "newly-accepted",
    }
    largest = {
        name: [
            {"reference": c.reference, "amount": cents(c.amount)}
            for c in sorted(
                (c for c in cases if c.category == category),
                key=lambda c: (-abs(c.amount), c.reference),
            )[:3]
        ]
        for name, category in ranked.items()
    }
    return {
        "cases": len(cases),
        "generated": len(cases),
        "categories": {k: sum(c.category == k for c in cases) for k in CATEGORIES},
        "paying_cases": len(paying),
        "revenue_delta": cents(sum((c.delta for c in paying), Decimal(0))),
        "refused": totals(c.refused for c in cases if c.refused),
        "accepted": totals(c.accepted for c in cases if c.accepted),
        "largest": largest,
    }


DIMENSIONS = {
    "timing": "timing",
    "member-guest": "attendees",
    "cec-band": "cec_band",
    "month": "month",
    "policy-version": "version",
}


def groups(cases: list[Expected], fact: str) -> dict[str, dict[str, Any]]:
    """The figures of each group of a breakdown by ``fact``."""
    found: dict[str, list[Expected]] = {}
    for case in cases:
        found.setdefault(case.facts[fact], []).append(case)
    return {key: {"group": key, **tally(listed)} for key, listed in found.items()}


# --------------------------------------------------------------------------
# Generated histories


@st.composite
def figures(draw: st.DrawFn) -> Figures:
    """A version's figures, from values that make changes, refusals and rounding show."""
    member = draw(st.sampled_from([Decimal(0), Decimal("2.5"), Decimal(5)]))
    return Figures(
        label=f"v{draw(st.integers(1, 99))}",
        application_fee=draw(st.sampled_from([Decimal(10), Decimal(50), Decimal("33.33")])),
        late_surcharge=draw(st.sampled_from([Decimal(0), Decimal("12.5"), Decimal(25)])),
        late_window=draw(st.sampled_from([0, 20, 30])),
        reporting_window=draw(st.sampled_from([30, 45, 60])),
        member_fee=member,
        guest_fee=member + draw(st.sampled_from([Decimal(0), Decimal("5"), Decimal("7.5")])),
        increment=draw(st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal(1)])),
        maximum=draw(st.sampled_from([Decimal(20), Decimal(100), Decimal(150)])),
        per_offering=draw(st.booleans()),
    )


@st.composite
def sides(draw: st.DrawFn) -> Side:
    """A bare policy, or a schedule of one or two versions, sometimes with a gap."""
    first = draw(figures())
    if draw(st.booleans()):
        return Side((Version(PROGRAM_START, None, first),), bare=True)
    start = draw(st.sampled_from([PROGRAM_START, date(2026, 2, 1)]))
    if draw(st.booleans()):
        return Side((Version(start, None, first),), bare=False)
    switch = draw(st.dates(date(2026, 3, 1), date(2026, 8, 31)))
    # The first version runs on under a bounded second one (a promotion), ends the day
    # before the second starts, or ends 20 days before it (a gap).
    until = draw(st.sampled_from([None, 1, 20]))
    second = draw(figures())
    bounded = until is None or draw(st.booleans())
    return Side(
        (
            Version(start, None if until is None else switch - timedelta(days=until), first),
            Version(switch, switch + timedelta(days=60) if bounded else None, second),
        ),
        bare=False,
    )


@st.composite
def app_cases(draw: st.DrawFn, reference: str) -> AppCase:
    """An application of one to three offerings around its submission."""
    submitted_on = draw(st.dates(date(2025, 12, 20), date(2026, 9, 30)))
    starts = []
    for _ in range(draw(st.integers(1, 3))):
        start = submitted_on + timedelta(days=draw(st.integers(-3, 40)))
        starts.append((start, start + timedelta(days=draw(st.integers(0, 2)))))
    submitted: date | datetime = submitted_on
    if draw(st.booleans()):
        # An aware moment whose Chicago date may differ from its own.
        offset = timezone(timedelta(hours=draw(st.sampled_from([-8, 0, 9]))))
        submitted = datetime(
            submitted_on.year,
            submitted_on.month,
            submitted_on.day,
            draw(st.integers(0, 23)),
            draw(st.sampled_from([0, 30])),
            tzinfo=offset,
        )
    cecs = draw(st.sampled_from(["0.25", "0.5", "1", "1.25", "2.5", "20", "100", "100.25", "150"]))
    return AppCase(reference, Decimal(cecs), tuple(starts), submitted)


POOL = (
    ("M-1", "member"),
    ("M-2", "member"),
    ("G-1", "guest"),
    ("G-2", "guest"),
    ("X-9", None),
)
NAMES = {"M-1": "Ada", "M-2": "Alan", "G-1": "Grace", "G-2": "Edsger", "X-9": "Nobody"}


@st.composite
def roster_cases(draw: st.DrawFn, reference: str) -> RosterCaseFacts:
    """A roster of one to four attendees, reported around the end of its window."""
    start = draw(st.dates(date(2025, 12, 1), date(2026, 8, 31)))
    end = start + timedelta(days=draw(st.integers(0, 3)))
    chosen = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True))
    people = tuple(
        Person(aast_id, kind, start + timedelta(days=draw(st.integers(0, (end - start).days))))
        for aast_id, kind in chosen
    )
    return RosterCaseFacts(
        reference=reference,
        cecs=Decimal(draw(st.sampled_from(["1", "2.5", "20"]))),
        self_paced=draw(st.booleans()),
        start=start,
        end=end,
        reported=end + timedelta(days=draw(st.integers(-2, 70))),
        people=people,
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[AppCase], list[RosterCaseFacts]]:
    """Some applications and rosters, each with its own reference."""
    apps = [draw(app_cases(f"A{i:02d}")) for i in range(draw(st.integers(0, 8)))]
    rosters = [draw(roster_cases(f"R{i:02d}")) for i in range(draw(st.integers(0, 3)))]
    return apps, rosters


def library_application(case: AppCase) -> Application:
    """The generated application as the library's input."""
    return Application(
        program=Program(title="Generated", cecs=case.cecs),
        offerings=[Offering(start, end) for start, end in case.starts],
        submitted=case.submitted,
        reference=case.reference,
    )


REPOSITORY = InMemoryRepository(
    [
        Account(aast_id=aast_id, first_name=NAMES[aast_id], last_name="Tester", kind=kind)
        for aast_id, kind in POOL
        if kind is not None
    ]
)


def library_roster(case: RosterCaseFacts) -> RosterCase:
    """The generated roster as the library's input: a CSV file and the accounts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
    for person in case.people:
        writer.writerow(
            ["PRG-7", person.aast_id, NAMES[person.aast_id], "Tester", person.completed.isoformat()]
        )
    program_format = ProgramFormat.SELF_PACED if case.self_paced else ProgramFormat.LIVE
    return RosterCase(
        reference=case.reference,
        program=Program(
            title="Generated", cecs=case.cecs, format=program_format, program_id="PRG-7"
        ),
        offering=Offering(case.start, case.end),
        source=buffer.getvalue().encode(),
        repository=REPOSITORY,
        reported_at=case.reported,
    )


def _by_reference(items: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    return {item["reference"]: item for item in items}


class TestOracle:
    @given(sides(), sides(), histories())
    def test_every_figure_agrees(
        self,
        baseline: Side,
        candidate: Side,
        history: tuple[list[AppCase], list[RosterCaseFacts]],
    ) -> None:
        """Every figure of a comparison over a generated history is the oracle's."""
        apps, rosters = history
        comparison = compare_policies(
            baseline.library(),
            candidate.library(),
            applications=[library_application(a) for a in apps],
            rosters=[library_roster(r) for r in rosters],
            generated=True,
        )
        data = json.loads(json.dumps(comparison.to_dict()))
        cases: list[AppCase | RosterCaseFacts] = [*apps, *rosters]
        expected = [expect(c, baseline, candidate) for c in cases]
        for case in expected:  # shown by --hypothesis-show-statistics
            event(f"{case.kind} {case.category}")

        # Each case.
        actual = _by_reference(data["cases"])
        assert len(expected) == len(data["cases"])
        for case in expected:
            shown = {k: actual[case.reference][k] for k in case.json()}
            for part in ("refused", "accepted"):
                if shown[part] is not None:
                    shown[part] = {k: v for k, v in shown[part].items() if k in case.json()[part]}
            assert case.json() == shown

        # The comparison's figures, and the headline's counts.
        whole = tally(expected)
        whole["case_count"] = whole.pop("cases")
        assert whole == {k: data[k] for k in whole}
        counts = whole["categories"]
        assert (baseline.label, candidate.label) == (data["baseline"], data["candidate"])
        words = ("pay more", "pay less", "pay the same", "newly refused", "newly accepted")
        sentence = ", ".join(
            f"{counts[k]} {w}" for k, w in zip(CATEGORIES, (*words, "not assessable"), strict=True)
        )
        assert f": {sentence}." in comparison.headline

        # Every group of every breakdown.
        for dimension, fact in DIMENSIONS.items():
            groups_shown = {g["group"]: g for g in data["breakdowns"][dimension]["groups"]}
            assert groups(expected, fact) == groups_shown

    def test_the_oracle_knows_the_rule_book(self) -> None:
        """The oracle's own figures for the rule book's worked example: 2 CEC, 12 days
        before the start, $100 fee and $50 surcharge."""
        rule_book = Figures(
            label="AAST CEC program 2020",
            application_fee=Decimal(50),
            late_surcharge=Decimal(25),
            late_window=30,
            reporting_window=45,
            member_fee=Decimal(5),
            guest_fee=Decimal(10),
            increment=Decimal("0.25"),
            maximum=Decimal(100),
            per_offering=True,
        )
        assert DEFAULT_POLICY == rule_book.policy()
        side = Side((Version(PROGRAM_START, None, rule_book),), bare=True)
        case = AppCase("A", Decimal(2), ((date(2026, 3, 13), date(2026, 3, 13)),), date(2026, 3, 1))
        result = assess(case, side)
        assert (Decimal(100), Decimal(50)) == (result.application_fee, result.late_surcharge)
