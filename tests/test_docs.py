"""The examples in README.md and docs/ run, and CI runs the README's test command."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


class TestDocumentation:
    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_examples_run(self, page: Path) -> None:
        """Every >>> example on the page gives the output the page shows."""
        result = doctest.testfile(
            str(page),
            module_relative=False,
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
            verbose=False,
            report=True,
        )
        assert 0 == result.failed
        assert result.attempted > 0

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's second command, word for word."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        block = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
        assert 2 == len(block)
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        assert block[1] in ci


class TestPackage:
    def test_version_comes_from_the_metadata(self) -> None:
        """cec_rules.__version__ is the installed distribution's version."""
        import importlib.metadata

        import cec_rules

        assert importlib.metadata.version("cec-rules") == cec_rules.__version__

    def test_unknown_attribute_is_an_attribute_error(self) -> None:
        """Asking the package for a name it lacks raises AttributeError naming it."""
        import cec_rules

        with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
            cec_rules.nothing_here  # noqa: B018

    def test_dir_lists_every_public_name(self) -> None:
        """dir(cec_rules) lists every public name, loaded or not."""
        import cec_rules

        assert set(cec_rules.__all__) <= set(dir(cec_rules))

    def test_public_names_resolve(self) -> None:
        """Every name in __all__ can be read from the package."""
        import cec_rules

        missing = [name for name in cec_rules.__all__ if getattr(cec_rules, name, None) is None]
        assert [] == missing
