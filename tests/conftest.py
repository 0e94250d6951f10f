"""Shared test set-up: Hypothesis profiles and the decimal float trap.

Profiles (choose with ``HYPOTHESIS_PROFILE``; the default is ``ci`` when ``CI``
is set, else ``dev``):

- ``ci``: 50 examples, derandomized, so a CI run is reproducible;
- ``dev``: 100 examples;
- ``nightly``: 2,000 examples, for a long search.
"""

from __future__ import annotations

import decimal
import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=50, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
# Mutation runs (bench/mutation.sh): each mutant reruns the tests that reach its
# function, so the properties run few examples. A survivor is then rerun under
# "ci"; a smaller profile can only let more mutants survive, never fewer.
settings.register_profile(
    "mutation", max_examples=10, derandomize=True, deadline=None, print_blob=True
)
settings.register_profile("nightly", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _trap_float_operations() -> Iterator[None]:
    """Make any float that reaches Decimal arithmetic fail the test (`money-decimal`)."""
    context = decimal.getcontext()
    before = context.traps[decimal.FloatOperation]
    context.traps[decimal.FloatOperation] = True
    try:
        yield
    finally:
        context.traps[decimal.FloatOperation] = before
