"""The rule catalogue: every rule id is paraphrased, carried by code, pinned by tests,
and docs/rules.md says so truthfully."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

import cec_rules
from cec_rules import errors, lifecycle
from cec_rules.deadlines import OfferingTiming, WindowStatus, reporting_window
from cec_rules.fees import FeeKind, OfferingAssessment
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, ProgramFormat
from cec_rules.roster import FINDING_CODES
from cec_rules.rules import RULE_BOOK

ROOT = Path(__file__).resolve().parent.parent
RULES_MD = ROOT.parent / "shared" / "RULES.md"


def _catalogue() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "rules_catalogue", ROOT / "scripts" / "rules_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CATALOGUE = _catalogue()
CODE, PINNED = CATALOGUE.citations()


class TestCatalogue:
    def test_docs_rules_md_is_current(self) -> None:
        """docs/rules.md is what scripts/rules_catalogue.py writes today."""
        expected = CATALOGUE.render()
        actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
        assert expected == actual, "run: python scripts/rules_catalogue.py"

    @pytest.mark.parametrize("rule_id", list(RULE_BOOK))
    def test_every_rule_is_carried_and_pinned(self, rule_id: str) -> None:
        """Each rule id is cited by some code and by some test."""
        assert CODE[rule_id], f"{rule_id} is cited nowhere in src/cec_rules"
        assert PINNED[rule_id], f"{rule_id} is cited by no test"

    def test_rule_book_ids_match_the_catalogue(self) -> None:
        """The catalogue holds exactly the ids the rule book defines, in its order."""
        if not RULES_MD.exists():
            pytest.skip("the rule book is not beside this checkout")
        text = RULES_MD.read_text(encoding="utf-8")
        book = re.findall(r"^- `([a-z-]+)`", text, flags=re.MULTILINE)
        assert book == list(RULE_BOOK)

    def test_backticked_ids_in_the_code_are_catalogued(self) -> None:
        """Every `kebab-case` id the source cites in backticks is a rule id."""
        cited: set[str] = set()
        for path in (ROOT / "src" / "cec_rules").glob("*.py"):
            cited.update(
                re.findall(r"(?<!`)`([a-z]+(?:-[a-z]+)+)`(?!`)", path.read_text(encoding="utf-8"))
            )
        assert set() == cited - set(RULE_BOOK)

    def test_rules_cited_by_results_are_catalogued(self) -> None:
        """Every rule a result, finding, error or event can cite is a catalogued id."""
        cited = {rule for rule, _ in FINDING_CODES.values()}
        cited.update(kind.rule for kind in FeeKind)
        cited.update(lifecycle._EVENT_RULES.values())
        cited.update(
            cls.rule
            for cls in vars(errors).values()
            if isinstance(cls, type)
            and issubclass(cls, errors.CecRulesError)
            and cls.rule is not None
        )
        for timing in OfferingTiming:
            assessment = OfferingAssessment(
                offering=Offering(date(2026, 3, 2)),
                timing=timing,
                days_before_start=0,
                charged=True,
                lines=(),
                cecs=cec_rules.Program(title="t", cecs=1).cecs,
                late_window_days=30,
            )
            cited.update(assessment.rules)
        for program_format in ProgramFormat:
            window = reporting_window(
                Offering(date(2026, 3, 2)),
                date(2026, 3, 3),
                DEFAULT_POLICY,
                program_format=program_format,
                completion=date(2026, 3, 2),
            )
            assert WindowStatus.OPEN is window.status
            cited.update(window.rules)
        assert set() == cited - set(RULE_BOOK)

    def test_every_rule_has_a_paraphrase_and_source(self) -> None:
        """Each catalogue entry has its own summary and names a source section."""
        for rule_id, rule in RULE_BOOK.items():
            assert rule_id == rule.id
            assert len(rule.summary) > 30
            assert rule.source.startswith(("AAST CEC Program page, section", "cec_rules decision"))
