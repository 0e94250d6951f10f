"""Hypothesis searches that count what they assessed (for :mod:`cec_rules.search`).

Each search is deterministic (derandomized, no database) and never lets a
Hypothesis error out: one that cannot run says why in its result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from hypothesis import HealthCheck, Phase, find, settings, strategies as st
from hypothesis.errors import HypothesisException, NoSuchExample, Unsatisfiable

T = TypeVar("T")


def hunt_settings(budget: int) -> settings:
    """Settings for one search: ``budget`` cases at most, derandomized, no database."""
    return settings(
        max_examples=budget,
        database=None,
        derandomize=True,
        deadline=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )


@attrs.frozen
class Searched:
    """What one Hypothesis search gave: the minimal example (or ``None``), how many
    cases it assessed before the first one met the condition, and why it could not
    run, if it could not."""

    example: Any
    assessed: int
    error: str | None = None


def search_counted(
    strategy: st.SearchStrategy[T], condition: Callable[[T], bool | None], budget: int
) -> Searched:
    """Search ``strategy`` for a case meeting ``condition`` and count the cases assessed.

    ``condition`` answers ``None`` for a case it could not assess; such a case is not
    counted.  The count stops at the first case that meets it: what follows is
    Hypothesis shrinking that case, not new cases.
    """
    assessed = 0
    met = False

    def holds(case: T) -> bool:
        nonlocal assessed, met
        verdict = condition(case)
        if not met and verdict is not None:
            assessed += 1
        met = met or bool(verdict)
        return bool(verdict)

    try:
        example = find(strategy, holds, settings=hunt_settings(budget))
    except (NoSuchExample, Unsatisfiable):
        return Searched(None, assessed)
    except HypothesisException as error:
        return Searched(None, assessed, f"{type(error).__name__}: {error}")
    return Searched(example, assessed)
