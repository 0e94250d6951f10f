"""What differs between two policies, and where (for :mod:`cec_rules.search`).

Two schedules are split into periods on which the pair of versions in force
stays the same; in each, every field of a Policy is compared by value.
``FIELD_EFFECTS`` says where each field shows.
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from cec_rules.errors import PolicyNotInForce
from cec_rules.policy import Policy, PolicySchedule

#: Where each field of a Policy shows: in an application's fees and timing, in a
#: roster's rows and filing fee, in both, or nowhere (``None``: it changes no
#: outcome).  ``tests/test_search.py`` holds this table to the fields of Policy, so
#: a new field cannot be left out of the search unnoticed.
FIELD_EFFECTS: dict[str, str | None] = {
    "label": None,
    "application_fee_per_cec": "application",
    "late_surcharge_per_cec": "application",
    "late_window_days": "application",
    "reporting_window_days": "roster",
    "member_filing_fee": "roster",
    "guest_filing_fee": "roster",
    "cec_increment": "application",
    "cec_maximum": "application",
    "rounding": "both",
    "time_zone": "both",
    "aast_id_characters": "roster",
    "aast_id_min_length": "roster",
    "aast_id_max_length": "roster",
    "name_max_length": "roster",
    "name_mismatch": "roster",
    "guest_fee_below_member": None,
    "charge_per_offering": "application",
    "max_cell_length": "roster",
    "max_roster_rows": "roster",
    "max_columns": "roster",
    "max_line_length": "roster",
}

#: Why a field that changes no outcome is not searched.
NO_EFFECT = {
    "guest_fee_below_member": "it changes no fee and no decision: it only tells check_policy "
    "that a guest fee below a member's is intended",
}

#: Two pseudo-fields: a period in which one policy is in force and the other is not, and
#: schedules that agree on every figure on every day but split their versions apart.
IN_FORCE, VERSIONS = "policy in force", "versions"

#: How far past its start an open-ended period is drawn from.
OPEN_DAYS = 4 * 366


def version_in_force(schedule: PolicySchedule, on: date) -> Policy | None:
    """The policy in force on ``on``, or ``None`` when no version is."""
    try:
        return schedule.at(on)
    except PolicyNotInForce:
        return None


@attrs.frozen
class Period:
    """Days from ``first`` through ``last`` (``None``: onward) with the same pair of
    versions in force (``None`` where a schedule has none)."""

    first: date
    last: date | None
    baseline: Policy | None
    candidate: Policy | None

    def covers(self, day: date) -> bool:
        """Whether ``day`` is in the period."""
        return self.first <= day and (self.last is None or day <= self.last)

    def dates(self) -> st.SearchStrategy[date]:
        """Its first day, its last day, or any day of it."""
        last = self.last
        if last is None:
            try:
                last = self.first + timedelta(days=OPEN_DAYS)
            except OverflowError:
                last = date.max
        return st.one_of(st.just(self.first), st.just(last), st.dates(self.first, last))

    @property
    def text(self) -> str:
        """The period in words: ``from 2026-11-01 to 2026-12-31``, ``on ...``, ``from ...
        onward``."""
        if self.last is None:
            return f"from {self.first.isoformat()} onward"
        if self.last == self.first:
            return f"on {self.first.isoformat()}"
        return f"from {self.first.isoformat()} to {self.last.isoformat()}"


def split_periods(base: PolicySchedule, cand: PolicySchedule) -> list[Period]:
    """Every period on which at least one of the two is in force, in date order."""
    points: set[date] = set()
    for schedule in (base, cand):
        for version in schedule.versions:
            points.add(version.effective_from)
            until = version.effective_until
            if until is not None and until < date.max:
                points.add(until + timedelta(days=1))
    ordered = sorted(points)
    periods = []
    for index, first in enumerate(ordered):
        last = ordered[index + 1] - timedelta(days=1) if index + 1 < len(ordered) else None
        before, after = version_in_force(base, first), version_in_force(cand, first)
        if before is not None or after is not None:
            periods.append(Period(first, last, before, after))
    return periods


#: The fields of a Policy that can change an outcome.
FIGURES = tuple(name for name, effect in FIELD_EFFECTS.items() if effect is not None)


def structure(schedule: PolicySchedule) -> tuple[Any, ...]:
    """The schedule's versions as dates and figures: equal for two schedules that give
    every case the same outcome (labels aside)."""
    return tuple(
        (
            v.effective_from,
            v.effective_until,
            tuple(getattr(v.policy, name) for name in FIGURES),
        )
        for v in schedule.versions
    )


def value_text(value: object) -> str:
    """A field's value as text: an enum by its value."""
    return str(value.value if isinstance(value, enum.Enum) else value)


def field_changes(
    base: PolicySchedule, cand: PolicySchedule
) -> list[tuple[str, str, str, list[Period]]]:
    """Each (field, baseline value, candidate value) that differs, with the periods in
    which it does, in order of its first period."""
    found: dict[tuple[str, str, str], list[Period]] = {}
    for period in split_periods(base, cand):
        b, c = period.baseline, period.candidate
        if b is None or c is None:
            key = (IN_FORCE, in_force_text(b), in_force_text(c))
            found.setdefault(key, []).append(period)
            continue
        for field in FIELD_EFFECTS:
            # Values, not their text: 0.25 and 0.250 CEC are the same step.
            before, after = getattr(b, field), getattr(c, field)
            if field != "label" and before != after:
                found.setdefault((field, value_text(before), value_text(after)), []).append(period)
    return [(*key, periods) for key, periods in found.items()]


def in_force_text(policy: Policy | None) -> str:
    """The policy in force, as its label, or ``none``."""
    return "none" if policy is None else repr(policy.label)
