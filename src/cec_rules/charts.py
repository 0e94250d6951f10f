"""Charts of a policy comparison, and a self-contained HTML report that holds them.

Three charts answer what a policy owner asks of a change:

- **fee changes**: how many cases pay how much more or less (the paying
  cases only; a refusal is no discount and is counted apart);
- **revenue by month**: what the cases assessable under both policies pay in
  each month of submission or report, under each policy;
- **cases by category**: pays more, less or the same, newly refused or
  accepted, not assessable.

They are drawn with matplotlib (``pip install 'cec-rules[charts]'``), as SVG
text: matplotlib's object interface, never its global state or a window, so
charts can be drawn in threads and on machines with no screen.
:func:`report_html` puts them, with the comparison's headline and tables, in
one HTML page that needs nothing else (no script, no network); the command
line writes it with ``cec-rules compare ... --html report.html``.
"""

from __future__ import annotations

import html
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cec_rules.errors import MissingExtra
from cec_rules.money import ZERO

if TYPE_CHECKING:
    from cec_rules.compare import Comparison

__all__ = ["ComparisonCharts", "comparison_charts", "report_html"]

#: Colours that stay apart for the common kinds of colour blindness (Okabe and Ito).
BASELINE_COLOUR, CANDIDATE_COLOUR = "#0072B2", "#E69F00"
MORE_COLOUR, LESS_COLOUR, OTHER_COLOUR = "#D55E00", "#009E73", "#999999"


@attrs.frozen
class ComparisonCharts:
    """The charts of a comparison, each an SVG document as text; a notebook shows them."""

    fee_changes: str
    revenue_by_month: str
    categories: str

    def _repr_html_(self) -> str:
        return "".join(
            f"<figure>{svg}</figure>"
            for svg in (self.categories, self.fee_changes, self.revenue_by_month)
        )


def comparison_charts(comparison: Comparison) -> ComparisonCharts:
    """Draw the three charts of ``comparison`` (see the module's introduction).

    Raises :class:`MissingExtra` when matplotlib is not installed.
    """
    figure_class = _figure_class()
    return ComparisonCharts(
        fee_changes=_fee_changes(figure_class, comparison),
        revenue_by_month=_revenue_by_month(figure_class, comparison),
        categories=_categories(figure_class, comparison),
    )


def _figure_class() -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtra(
            "drawing charts needs matplotlib: pip install 'cec-rules[charts]'"
        ) from None
    return Figure


def _svg(figure: Any, title: str, name: str) -> str:
    """The figure as SVG text with ``title`` as its accessible title.

    No date, and no random id: matplotlib names its clipping paths and markers by
    a random hash (or by a salt set in its global settings, which a library leaves
    alone), so they are renamed after the chart's ``name``; the same comparison
    then draws the same text, and the charts of one page never share an id.
    """
    figure.suptitle(title)
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Title": title})
    text = out.getvalue()
    text = text[text.index("<svg") :]  # the document, without the XML prolog
    ids = dict.fromkeys(re.findall(r'id="([a-z][0-9a-f]{10})"', text))
    for number, old in enumerate(ids):
        text = text.replace(old, f"{name}-{old[0]}{number}")
    return text


def _categories(figure_class: Any, comparison: Comparison) -> str:
    from cec_rules.compare import Category

    counts = comparison.tally.counts
    shown = list(Category)
    figure = figure_class(figsize=(7, 3.2), layout="constrained")
    axes = figure.add_subplot()
    values = [counts.get(category, 0) for category in shown]
    colours = [_category_colour(category) for category in shown]
    bars = axes.barh([category.title for category in shown], values, color=colours)
    axes.bar_label(bars, padding=3)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(_whole_numbers())
    axes.set_xlabel("cases")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, _titled("Cases by category", comparison), "categories")


def _whole_numbers() -> Any:
    """Ticks at whole numbers only: a count of cases has no fractions."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _category_colour(category: Any) -> str:
    name = category.name
    if name in ("PAYS_MORE", "NEWLY_REFUSED"):
        return MORE_COLOUR
    if name in ("PAYS_LESS", "NEWLY_ACCEPTED"):
        return LESS_COLOUR
    return OTHER_COLOUR


def _fee_changes(figure_class: Any, comparison: Comparison) -> str:
    changes = [case.delta for case in comparison.tally.paying if case.delta != ZERO]
    figure = figure_class(figsize=(7, 3.2), layout="constrained")
    axes = figure.add_subplot()
    if changes:
        values = [float(change) for change in changes]  # drawn, never added up
        bins = _bins(changes)
        _, edges, patches = axes.hist(values, bins=bins, edgecolor="white")
        for left, patch in zip(edges, patches, strict=False):
            patch.set_facecolor(MORE_COLOUR if left >= 0 else LESS_COLOUR)
        axes.axvline(0, color="black", linewidth=0.8)
        axes.yaxis.set_major_locator(_whole_numbers())
        axes.set_ylabel("cases")
    else:
        axes.text(0.5, 0.5, "no case pays a different fee", ha="center", va="center")
        axes.set_yticks([])
    axes.set_xlabel("change in fee per case ($)")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, _titled("Fee changes of the paying cases", comparison), "fee-changes")


def _bins(changes: Sequence[Decimal]) -> list[float]:
    """Edges of up to 30 bins of equal width over the changes, with one edge at zero, so
    that no bin mixes increases with decreases."""
    low, high = float(min(min(changes), ZERO)), float(max(max(changes), ZERO))
    width = (high - low) / 30 or 1.0
    below = int(-low // width) + 1 if low < 0 else 0
    above = int(high // width) + 1 if high > 0 else 0
    return [index * width for index in range(-below, above + 1)]


def _revenue_by_month(figure_class: Any, comparison: Comparison) -> str:
    from cec_rules.compare import Category

    baseline: dict[date, Decimal] = defaultdict(lambda: ZERO)
    candidate: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for case in comparison.cases:
        if case.category is Category.NOT_ASSESSABLE:
            continue  # in no money figure
        month = case.facts.on.replace(day=1)
        baseline[month] += case.baseline.total
        candidate[month] += case.candidate.total
    months = sorted(baseline)
    figure = figure_class(figsize=(7, 3.4), layout="constrained")
    axes = figure.add_subplot()
    if months:
        positions = range(len(months))
        axes.bar(
            [p - 0.2 for p in positions],
            [float(baseline[m]) for m in months],
            width=0.4,
            color=BASELINE_COLOUR,
            label=f"baseline: {comparison.baseline}",
        )
        axes.bar(
            [p + 0.2 for p in positions],
            [float(candidate[m]) for m in months],
            width=0.4,
            color=CANDIDATE_COLOUR,
            label=f"candidate: {comparison.candidate}",
        )
        step = max(1, len(months) // 12)
        axes.set_xticks(list(positions)[::step], [m.strftime("%Y-%m") for m in months][::step])
        axes.tick_params(axis="x", labelrotation=45)
        figure.legend(loc="outside lower center", fontsize="small", frameon=False, ncols=2)
        axes.set_ylabel("fees ($)")
    else:
        axes.text(0.5, 0.5, "no case is assessable under both", ha="center", va="center")
        axes.set_yticks([])
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, _titled("Fees by month under each policy", comparison), "months")


def _titled(title: str, comparison: Comparison) -> str:
    """``title``, saying when the cases were generated rather than taken from history."""
    if comparison.generated:
        return f"{title} (generated cases, not a forecast)"
    return title


def report_html(comparison: Comparison, *, charts: bool = True) -> str:
    """One HTML page with the comparison's headline, its charts (unless ``charts`` is
    false) and its tables: the changes, largest first, and each breakdown.

    The page needs nothing else: its style is inline, its charts are SVG in the
    page, and it runs no script.  Raises :class:`MissingExtra` when ``charts``
    and matplotlib is not installed.
    """
    drawn = comparison_charts(comparison)._repr_html_() if charts else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(comparison.candidate)} against "
        f"{html.escape(comparison.baseline)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(comparison.candidate)}</h1>",
        f"<p class=against>against {html.escape(comparison.baseline)}</p>",
        drawn,
        comparison._repr_html_(),
        *(f"<h2>{html.escape(b.heading)}</h2>{b._repr_html_()}" for b in comparison.breakdowns()),
        "</body></html>",
    ]
    return "\n".join(parts)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}h1{margin-bottom:0}.against{margin-top:.2rem;color:#555}"
    ".headline{font-size:1.1rem}figure{margin:1rem 0}svg{max-width:100%;height:auto}"
    "table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{padding:.25rem .6rem;"
    "border-bottom:1px solid #ddd;text-align:left}th{background:#f4f4f4}"
)
