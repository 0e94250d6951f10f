"""Timing shared by the benchmarks: the best of several rounds, sides alternating.

Each round runs every side once, one after the other, so a burst of load from
elsewhere on the machine falls on all sides alike rather than on one side's
rounds.  ``pause_gc`` pauses the garbage collector while a side runs, as
``timeit`` does; leave it off to time what a caller sees.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def timed(run: Callable[[], object], *, pause_gc: bool = False) -> float:
    """The wall time of one run."""
    gc.collect()
    if pause_gc:
        gc.disable()
    try:
        began = time.perf_counter()
        run()
        return time.perf_counter() - began
    finally:
        gc.enable()


def rounds(repeat: int, *runs: Callable[[], object], pause_gc: bool = False) -> list[list[float]]:
    """The times of ``repeat`` rounds: in each, one time per run, in the order given."""
    return [[timed(run, pause_gc=pause_gc) for run in runs] for _ in range(repeat)]


def best(times: list[list[float]]) -> list[float]:
    """The best time of each run over the rounds ``times`` (as :func:`rounds` gives)."""
    return [min(run_times) for run_times in zip(*times, strict=True)]


def best_of(repeat: int, *runs: Callable[[], object], pause_gc: bool = False) -> list[float]:
    """The best time of each run over ``repeat`` rounds."""
    return best(rounds(repeat, *runs, pause_gc=pause_gc))
