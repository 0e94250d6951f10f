"""The example data bundled with the package, for the demo, the docs and notebooks.

These functions read files shipped inside the package (never the caller's
files) and return ordinary values.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cec_rules.program import Application, Offering, Program

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from cec_rules.compare import RosterCase
    from cec_rules.history import PastCases
    from cec_rules.policy import Policy, PolicySchedule

__all__ = [
    "example_applications",
    "example_candidate",
    "example_history",
    "example_roster",
    "sample_population",
]


def _data_path(name: str) -> Traversable:
    from importlib import resources  # imported on first use to keep ``import cec_rules`` quick

    path = resources.files("cec_rules").joinpath("data")
    for part in name.split("/"):
        path = path.joinpath(part)
    return path


def _data_bytes(name: str) -> bytes:
    return _data_path(name).read_bytes()


def _data_text(name: str) -> str:
    return _data_bytes(name).decode("utf-8")


def example_applications() -> tuple[Application, ...]:
    """Return the bundled example applications: on time, late, partly past,
    submitted late in the evening in another time zone, self-paced, and all past."""
    import json

    data = json.loads(_data_text("applications.json"))
    return tuple(Application.from_dict(item) for item in data)


def example_roster() -> RosterCase:
    """Return the bundled example roster with its accounts: thirteen rows for the
    offering of 2026-03-02 of program PRG-1, reported on 2026-03-20, with a blank
    row and defects of several kinds.

    >>> roster = example_roster()
    >>> roster.program.program_id, roster.reported_at
    ('PRG-1', datetime.date(2026, 3, 20))
    """
    import io

    from cec_rules.accounts import InMemoryRepository
    from cec_rules.compare import RosterCase

    return RosterCase(
        reference="example roster",
        program=Program(title="Scoring Pediatric Sleep Studies", cecs=2, program_id="PRG-1"),
        offering=Offering(date(2026, 3, 2)),
        source=_data_bytes("roster.csv"),
        repository=InMemoryRepository.from_csv(io.StringIO(_data_text("accounts.csv"))),
        reported_at=date(2026, 3, 20),
    )


def example_history() -> PastCases:
    """Return the bundled sample history: about three years of a small program's
    applications (aware submission times, series of offerings, live and
    self-paced programs) and rosters of members and guests, made up but shaped as
    a real program's (``scripts/make_history.py`` writes it).

    >>> history = example_history()
    >>> history.describe()
    '143 past applications and 50 rosters'
    """
    from pathlib import Path

    from cec_rules.history import read_history

    return read_history(Path(str(_data_path("history"))))


def sample_population(
    baseline: Policy | PolicySchedule, candidate: Policy | PolicySchedule
) -> tuple[tuple[Application, ...], tuple[RosterCase, ...]]:
    """Return the applications and rosters a policy comparison runs over.

    The bundled examples; the cases at and around every threshold of both
    policies (the late window, the reporting window, the CEC increment and
    maximum); and the same cases submitted or reported on either side of each
    day on which either policy's version in force changes.
    """
    from datetime import timedelta

    from cec_rules.compare import boundary_applications, boundary_rosters, change_dates

    applications = [*example_applications(), *boundary_applications(baseline, candidate)]
    rosters = [example_roster(), *boundary_rosters(baseline, candidate)]
    days = change_dates(baseline, candidate)
    for day in days:
        applications += boundary_applications(baseline, candidate, submitted=day)
    ends = sorted({*days, *(day - timedelta(days=1) for day in days)})
    for end in ends:
        rosters += boundary_rosters(baseline, candidate, offering=Offering(end))
    return tuple(applications), tuple(rosters)


def example_candidate(name: str) -> Policy | PolicySchedule:
    """Return a bundled candidate policy by name: ``default`` (the rule book written out),
    ``no-filing-fees`` (worked example 1) or ``ten-dollar-sale`` (worked example 2).

    >>> example_candidate("ten-dollar-sale").versions[1].policy.application_fee_per_cec
    Decimal('10.00')
    """
    from cec_rules.policy import load_toml

    names = ("default", "no-filing-fees", "ten-dollar-sale")
    if name not in names:
        raise ValueError(f"no bundled candidate {name!r}; choose one of {', '.join(names)}")
    return load_toml(_data_text(f"candidates/{name}.toml"))
