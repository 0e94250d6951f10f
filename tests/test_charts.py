"""Charts of a policy comparison and the self-contained HTML report (cec_rules.charts)."""

from __future__ import annotations

import io
import re
import sys
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

import attrs
import pytest

from cec_rules import DEFAULT_POLICY, MissingExtra
from cec_rules.charts import _bins, comparison_charts, report_html
from cec_rules.cli import main
from cec_rules.compare import Comparison, compare_policies
from cec_rules.examples import example_candidate, example_history, sample_population
from cec_rules.policy import PolicySchedule, PolicyVersion

CANDIDATES = Path(str(resources.files("cec_rules").joinpath("data").joinpath("candidates")))
HISTORY = example_history()
NO_FILING_FEES = example_candidate("no-filing-fees")


def over_history(candidate: object = NO_FILING_FEES) -> Comparison:
    """The comparison of the rule book with ``candidate`` over the bundled history."""
    return compare_policies(
        DEFAULT_POLICY,
        candidate,  # type: ignore[arg-type]
        applications=HISTORY.applications,
        rosters=HISTORY.rosters,
    )


class TestCharts:
    """Three SVG charts: categories, fee changes of the paying cases, fees by month."""

    def test_three_svg_documents(self) -> None:
        """Each chart is an SVG document with its title, and a notebook shows all three."""
        charts = comparison_charts(over_history())
        titles = {
            "categories": "Cases by category",
            "fee_changes": "Fee changes of the paying cases",
            "revenue_by_month": "Fees by month under each policy",
        }
        for name, title in titles.items():
            svg = getattr(charts, name)
            assert (True, True) == (svg.startswith("<svg"), f"<title>{title}</title>" in svg)
        assert 3 == charts._repr_html_().count("<figure><svg")

    def test_the_same_comparison_draws_the_same_text(self) -> None:
        """No date or random id makes two drawings of one comparison differ."""
        comparison = over_history()
        assert report_html(comparison) == report_html(comparison)

    def test_generated_cases_are_labelled(self) -> None:
        """Charts of generated threshold cases say they are no forecast; charts of the
        program's history do not."""
        applications, rosters = sample_population(DEFAULT_POLICY, NO_FILING_FEES)
        generated = compare_policies(
            DEFAULT_POLICY,
            NO_FILING_FEES,
            applications=applications,
            rosters=rosters,
            generated=True,
        )
        label = "(generated cases, not a forecast)"
        assert label in comparison_charts(generated).categories
        assert label not in comparison_charts(over_history()).categories

    def test_nothing_to_draw(self) -> None:
        """A comparison with no fee change and no assessable case says so in its charts."""
        empty = compare_policies(DEFAULT_POLICY, DEFAULT_POLICY)
        charts = comparison_charts(empty)
        assert "no case pays a different fee" in _text(charts.fee_changes)
        assert "no case is assessable under both" in _text(charts.revenue_by_month)

    def test_cases_no_policy_covers_are_in_no_month(self) -> None:
        """Cases with no version in force on one side are not drawn as fees of $0."""
        late_start = PolicySchedule(
            [PolicyVersion(effective_from=date(2026, 1, 1), policy=DEFAULT_POLICY)]
        )
        comparison = over_history(late_start)
        months = set(
            re.findall(r"20\d\d-\d\d", _text(comparison_charts(comparison).revenue_by_month))
        )
        assert months
        assert all(month >= "2026-01" for month in months), sorted(months)

    def test_bins_never_mix_increases_with_decreases(self) -> None:
        """One bin edge is zero, so a bar is all increases or all decreases."""
        for changes in (
            [Decimal("-160"), Decimal("-5")],
            [Decimal("-3"), Decimal("7.5")],
            [Decimal("40")],
        ):
            edges = _bins(changes)
            assert 0.0 in edges
            assert (edges[0] <= float(min(changes)), edges[-1] >= float(max(changes))) == (
                True,
                True,
            )

    @pytest.mark.parametrize(
        ("changes", "first", "last", "count"),
        [
            pytest.param(["-30"], -31.0, 0.0, 32, id="one-decrease"),
            pytest.param(["15"], 0.0, 15.5, 32, id="one-increase"),
            pytest.param(["-30", "30"], -32.0, 32.0, 33, id="both-ways"),
        ],
    )
    def test_bin_edges(self, changes: list[str], first: float, last: float, count: int) -> None:
        """Up to 30 bins of one width reach past the changes on each side of zero."""
        edges = _bins([Decimal(change) for change in changes])
        assert (first, last, count) == (edges[0], edges[-1], len(edges))

    def test_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the charts extra, the library's own error names the command."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(MissingExtra, match=r"pip install 'cec-rules\[charts\]'"):
            comparison_charts(over_history())


class TestReport:
    """The HTML report: one page that needs nothing else."""

    def test_self_contained(self) -> None:
        """No script, no file or address to load: the charts are in the page."""
        page = report_html(over_history())
        assert page.startswith("<!DOCTYPE html>")
        assert "<script" not in page
        loads = re.findall(r'(?:src|href)="([^"#]+)"', page)
        assert [] == loads
        assert 3 == page.count("<svg")

    def test_headline_and_tables(self) -> None:
        """The page holds the comparison's headline, its changes and every breakdown."""
        comparison = over_history()
        page = report_html(comparison)
        assert "37 pay less" in page
        for breakdown in comparison.breakdowns():
            assert breakdown.heading.split(" (")[0] in page

    def test_without_charts(self) -> None:
        """charts=False leaves the charts out, and needs no matplotlib."""
        page = report_html(over_history(), charts=False)
        assert ("<svg" in page, "37 pay less" in page) == (False, True)

    def test_names_are_escaped(self) -> None:
        """A policy's label is text, never markup, in the page."""
        odd = attrs.evolve(DEFAULT_POLICY, label="<b>sale</b> & more")
        page = report_html(over_history(odd), charts=False)
        assert ("<b>sale</b>" in page, "&lt;b&gt;sale&lt;/b&gt; &amp; more" in page) == (
            False,
            True,
        )


def _text(svg: str) -> str:
    """The text an SVG chart shows (matplotlib writes it as comments beside its glyphs)."""
    return " ".join(re.findall(r"<!-- (.*?) -->", svg))


class TestCommandLine:
    """`cec-rules compare ... --html FILE` writes the report."""

    def arguments(self, *extra: str) -> list[str]:
        default = str(CANDIDATES / "default.toml")
        sale = str(CANDIDATES / "no-filing-fees.toml")
        return ["compare", default, sale, "--budget", "0", *extra]

    def test_writes_the_report(self, tmp_path: Path) -> None:
        """The page is written beside the usual output, exit code unchanged."""
        page = tmp_path / "report.html"
        out = io.StringIO()
        code = main(self.arguments("--html", str(page)), out=out)
        text = page.read_text(encoding="utf-8")
        assert (0, True, 3) == (code, "pay less" in out.getvalue(), text.count("<svg"))

    @pytest.mark.parametrize(
        ("target", "message"),
        [
            pytest.param("-", "the HTML report is written to a file", id="stdout"),
            pytest.param("missing-folder/report.html", "cannot write", id="no-folder"),
        ],
    )
    def test_cannot_write(
        self, tmp_path: Path, target: str, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Standard output, or a folder that does not exist, is refused with exit 2."""
        where = target if target == "-" else str(tmp_path / target)
        code = main(self.arguments("--html", where), out=io.StringIO())
        assert (2, True) == (code, message in capsys.readouterr().err)

    def test_without_matplotlib(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without the charts extra the command exits 2 naming the extra."""
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        code = main(self.arguments("--html", str(tmp_path / "r.html")), out=io.StringIO())
        assert (2, True) == (code, "cec-rules[charts]" in capsys.readouterr().err)
