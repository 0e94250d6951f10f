"""The example data bundled with the package, for the demo, the docs and notebooks.

These functions read files shipped inside the package (never the caller's
files) and return ordinary values.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from cec_rules.program import Application, Offering, Program

if TYPE_CHECKING:
    from cec_rules.compare import RosterCase
    from cec_rules.policy import Policy, PolicySchedule

__all__ = ["example_applications", "example_roster", "sample_population"]


def _data_bytes(name: str) -> bytes:
    from importlib import resources  # imported on first use to keep ``import cec_rules`` quick

    return resources.files("cec_rules").joinpath("data").joinpath(name).read_bytes()


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


def sample_population(
    baseline: Policy | PolicySchedule, candidate: Policy | PolicySchedule
) -> tuple[tuple[Application, ...], tuple[RosterCase, ...]]:
    """Return the applications and rosters a policy comparison runs over: the bundled
    examples plus the cases at and around every threshold of both policies."""
    from cec_rules.compare import boundary_applications, boundary_rosters

    applications = (*example_applications(), *boundary_applications(baseline, candidate))
    rosters = (example_roster(), *boundary_rosters(baseline, candidate))
    return applications, rosters
