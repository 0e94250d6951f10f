"""Run the doctests of every module in the cec_rules package, so the examples cannot rot."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cec_rules

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(cec_rules.__path__, prefix="cec_rules.")
)

#: Modules whose docstrings must carry examples (so a lost doctest is noticed).
WITH_EXAMPLES = [
    "cec_rules.deadlines",
    "cec_rules.fees",
    "cec_rules.money",
    "cec_rules.policy",
    "cec_rules.program",
]


class TestDoctests:
    """Every docstring example in the package runs and gives the output shown."""

    @pytest.mark.parametrize("name", ["cec_rules", *MODULES])
    def test_module(self, name: str) -> None:
        """The module's doctests have no failures."""
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True)
        expected = 0
        assert expected == result.failed

    @pytest.mark.parametrize("name", WITH_EXAMPLES)
    def test_examples_present(self, name: str) -> None:
        """The core modules carry runnable examples."""
        module = importlib.import_module(name)
        tests = doctest.DocTestFinder().find(module)
        examples = sum(len(test.examples) for test in tests)
        assert examples > 0

    def test_modules_found(self) -> None:
        """The walk finds the package's modules."""
        assert set(WITH_EXAMPLES) <= set(MODULES)
