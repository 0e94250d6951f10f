"""The notebook helpers (cec_rules.notebook) and docs/example.ipynb.

The example notebook holds no test code: its cells are what staff would type.
Here they run top to bottom in one namespace, as a notebook runs them, and
what each cell shows (the value of its last expression, as Jupyter displays
it) is checked, cell by cell, by the cell's id.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas
import pytest

from cec_rules.compare import Breakdown, Comparison
from cec_rules.eligibility import RosterCredits
from cec_rules.fees import ApplicationAssessment
from cec_rules.notebook import (
    Column,
    ColumnType,
    Lines,
    bullets,
    details,
    html_table,
    to_frame,
)
from cec_rules.roster import RosterReport
from helpers import VIEW_TAGS, dtype_name, read_view

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"


def _cells() -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return cells


def _source(cell: Mapping[str, Any]) -> str:
    return "".join(cell["source"])


def _run(source: str, namespace: dict[str, Any]) -> object:
    """Run a cell's code in ``namespace`` and return what Jupyter would show: the value of
    its last statement when that is an expression, else ``None``."""
    tree = ast.parse(source, str(NOTEBOOK))
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, str(NOTEBOOK), "exec"), namespace)
    if last is None:
        return None
    expression = ast.Expression(last.value)  # type: ignore[attr-defined]
    return eval(compile(expression, str(NOTEBOOK), "eval"), namespace)


@pytest.fixture(scope="module")
def shown() -> dict[str, Any]:
    """What each code cell shows, by its id, the cells run in order in one namespace."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    outputs = {}
    for cell in _cells():
        if cell["cell_type"] == "code":
            outputs[cell["id"]] = _run(_source(cell), namespace)
    return outputs


class TestExampleNotebookFile:
    """The notebook file: clean, with ids, and with no test code in its cells."""

    def test_no_test_code_in_the_cells(self) -> None:
        """No cell asserts or imports a test tool: the checks are in this file."""
        for cell in _cells():
            if cell["cell_type"] != "code":
                continue
            tree = ast.parse(_source(cell))
            nodes = list(ast.walk(tree))
            assert not [n for n in nodes if isinstance(n, ast.Assert)], cell["id"]
            modules = [a.name for n in nodes if isinstance(n, ast.Import) for a in n.names]
            modules += [n.module or "" for n in nodes if isinstance(n, ast.ImportFrom)]
            tools = {m.split(".")[0] for m in modules} & {"pytest", "helpers", "unittest"}
            assert not tools, cell["id"]

    def test_cells_have_ids_and_no_stored_outputs(self) -> None:
        """nbformat 4.5: every cell has a unique id; code cells are stored unexecuted, so
        what they show is never stale (this file checks it)."""
        data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
        cells = data["cells"]
        assert (4, 5) <= (data["nbformat"], data["nbformat_minor"])
        ids = [c["id"] for c in cells]
        assert len(ids) == len(set(ids))
        code = [c for c in cells if c["cell_type"] == "code"]
        assert [([], None)] * len(code) == [(c["outputs"], c["execution_count"]) for c in code]


class TestExampleNotebookShows:
    """What each cell of the example notebook shows."""

    def test_every_result_cell_renders_as_html(self, shown: dict[str, Any]) -> None:
        """Every result the cells show renders as a view built only of the view's tags."""
        results = [
            v
            for key, v in shown.items()
            if type(v).__module__.startswith("cec_rules") and key != "charts-view"
        ]
        assert 5 == len(results)
        for result in results:
            assert read_view(result._repr_html_()).tags <= VIEW_TAGS

    def test_the_assessment_shows_its_fee_split(self, shown: dict[str, Any]) -> None:
        """The third example application: past, late and on time, each with its fee lines."""
        assessment = shown["fees-view"]
        assert isinstance(assessment, ApplicationAssessment)
        view = read_view(assessment._repr_html_())
        assert (
            "APP-1003  PAP Titration Webinar Series  [assessed, due $156.25]"
            == (view.paragraphs[0])
        )
        (table,) = view.tables
        assert ["past", "late", "on-time"] == [c.text for c in table.column("timing")]
        assert (
            "Late: the offering starts 19 day(s) after submission (30 or fewer)",
            "application fee $50.00 x 1.25 CEC = $62.50",
            "late surcharge $25.00 x 1.25 CEC = $31.25",
        ) == table.column("why")[1].lines
        assert ["$0.00", "$31.25", "$0.00"] == [c.text for c in table.column("late surcharge")]

    def test_the_offerings_frame_is_typed(self, shown: dict[str, Any]) -> None:
        """The frame of every offering: dates, a categorical timing, Decimal money."""
        frame = shown["fees-frame"]
        assert ["reference", "start", "timing", "application_fee", "late_surcharge", "total"] == (
            list(frame.columns)
        )
        assert ("datetime64", "category") == (
            dtype_name(frame["start"].dtype),
            dtype_name(frame["timing"].dtype),
        )
        assert 8 == len(frame)
        assert {Decimal} == {type(v) for v in frame["total"]}

    def test_the_frame_total_is_the_library_total(self, shown: dict[str, Any]) -> None:
        """The frame's sum and the assessments' totals are the same Decimal, exactly."""
        frame_total, total = shown["fees-total"]
        assert (Decimal("856.25"), Decimal, Decimal("856.25")) == (
            frame_total,
            type(frame_total),
            total,
        )

    def test_totals_by_timing(self, shown: dict[str, Any]) -> None:
        """The totals grouped by the categorical timing: every timing, in its order."""
        by_timing = shown["fees-by-timing"]
        assert {
            "on-time": Decimal("537.50"),
            "late": Decimal("318.75"),
            "past": Decimal("0.00"),
        } == dict(by_timing)
        assert ["on-time", "late", "past"] == list(by_timing.index)

    def test_the_roster_shows_window_fees_and_hints(self, shown: dict[str, Any]) -> None:
        """The roster view: the window, the filing-fee lines, and each hint on its own line."""
        report = shown["roster-view"]
        assert isinstance(report, RosterReport)
        view = read_view(report._repr_html_())
        assert view.paragraphs[1].startswith("Reporting window — Open: report by 2026-04-16")
        fees = view.tables[0]
        assert [
            ["member filing fee", "$5.00", "3 member", "$15.00"],
            ["guest filing fee", "$10.00", "3 guest", "$30.00"],
        ] == fees.texts()
        findings = view.tables[-1]
        finding = next(f for f in report.findings if f.code == "date-day-month-order")
        message = findings.rows[2][5]
        assert ((finding.message,), (finding.hint,)) == (message.lines, message.hints)
        assert not any("Hint:" in row[5].text for row in findings.rows)

    def test_the_refused_rows(self, shown: dict[str, Any]) -> None:
        """The refused rows, each with its completion date as written."""
        refused = shown["roster-frame"]
        assert [7, 8, 9, 10, 12, 13] == list(refused["row"])
        assert "13/4/2026" == refused.loc[refused["row"] == 8, "completion_date_text"].item()

    def test_the_credits(self, shown: dict[str, Any]) -> None:
        """Credits for the roster: six awards of 2 CEC, and the refused rows with reasons."""
        credits = shown["credits-view"]
        assert isinstance(credits, RosterCredits)
        view = read_view(credits._repr_html_())
        assert view.paragraphs[0].endswith(
            "6 attendee(s) may be issued 12 CEC in all; 5 refused; "
            "0 refused row(s) name no attendee."
        )
        assert ["7", "8", "10", "12", "13"] == [c.text for c in view.tables[0].column("row")]
        awarded = shown["credits-frame"]
        assert (6, Decimal(12), pandas.Timestamp(2026, 3, 2)) == (
            len(awarded),
            awarded["cecs"].sum(),
            awarded["completion_date"].max(),
        )

    def test_the_comparison(self, shown: dict[str, Any]) -> None:
        """The sale: every change a decrease, the flips and breakdowns folded."""
        comparison = shown["compare-view"]
        assert isinstance(comparison, Comparison)
        view = read_view(comparison._repr_html_())
        assert view.paragraphs[0].startswith("Comparing '$10 per CEC sale' with")
        assert {"pays less"} == {c.text for c in view.tables[1].column("category")}
        assert "No decision flips." in view.paragraphs
        assert 5 == len(view.folds)

    def test_the_breakdown(self, shown: dict[str, Any]) -> None:
        """The breakdown by CEC band, in band order."""
        breakdown = shown["breakdown-view"]
        assert isinstance(breakdown, Breakdown)
        (table,) = read_view(breakdown._repr_html_()).tables
        assert ["up to 1", "over 1 to 5", "over 5 to 20", "over 20 to 100", "over 100"] == [
            c.text for c in table.column("CEC band")
        ]

    def test_the_changes_add_up(self, shown: dict[str, Any]) -> None:
        """The frame of changes: typed, and its revenue change is the comparison's."""
        changes = shown["changes-frame"]
        assert ("category", "datetime64") == (
            dtype_name(changes["category"].dtype),
            dtype_name(changes["on"].dtype),
        )
        frame_total, total = shown["changes-total"]
        assert (Decimal("-20850.00"), Decimal("-20850.00")) == (frame_total, total)

    def test_the_charts(self, shown: dict[str, Any]) -> None:
        """The comparison's three charts, drawn as SVG in the notebook (generated cases,
        labelled as such)."""
        html = shown["charts-view"]._repr_html_()
        title = "<title>Cases by category (generated cases, not a forecast)</title>"
        assert (3, True) == (html.count("<figure><svg"), title in html)


class TestHtml:
    """The HTML building blocks."""

    def test_lines_put_each_hint_under_its_line(self) -> None:
        """Each line is a block; a hint follows its own line, dimmed; a missing hint and a
        hint with no line are left out."""
        cell = Lines(("first", "second", "third"), hints=(None, "fix <it>"))
        html = html_table(["h"], [[cell]])
        (table,) = read_view(html).tables
        assert (("first", "second", "third"), ("fix <it>",)) == (
            table.rows[0][0].lines,
            table.rows[0][0].hints,
        )
        assert html.index("second") < html.index("fix &lt;it&gt;") < html.index("third")
        assert "extra" not in Lines(("one",), hints=(None, "extra")).html()

    def test_table_blank_cells_and_total(self) -> None:
        """None is a blank cell; a total row is bold, under the body."""
        html = html_table(["a", "b"], [[None, 2]], money={1}, total=["all", "$2.00"])
        (table,) = read_view(html).tables
        assert ([["", "2"]], ["all", "$2.00"]) == (
            table.texts(),
            [c.text for c in table.total or ()],
        )
        assert "font-weight:bold" in html.split("<tfoot>")[1]

    def test_sentences_wrap_other_cells_stay_on_one_line(self) -> None:
        """Columns in ``wrap`` and Lines wrap; the rest, money included, do not."""
        html = html_table(
            ["a", "b", "c", "d"], [["x", "y", Lines(("z",)), "$1"]], wrap={1}, money={3}
        )
        (table,) = read_view(html).tables
        assert [False, True, True, False] == [c.wraps for c in table.rows[0]]

    def test_bullets_and_details(self) -> None:
        """A list of nothing is nothing; a fold escapes its summary."""
        assert "" == bullets([])
        view = read_view(details("<b>more</b>", bullets(["one <i>"])))
        assert (["<b>more</b>"], ["one <i>"]) == (view.folds, view.items)


class TestToFrame:
    """Typed DataFrames from rows and a table of columns."""

    COLUMNS = (
        Column("n", ColumnType.INTEGER),
        Column("ok", ColumnType.FLAG),
        Column("fee", ColumnType.DECIMAL),
        Column("on", ColumnType.DATE),
        Column.category("seen"),
        Column.category("month", ordered=True),
        Column.category("kind", ["a", "b", "c"]),
        Column("note", ColumnType.TEXT),
    )
    ROWS = (
        {
            "n": 1,
            "ok": True,
            "fee": Decimal("0.10"),
            "on": date(2026, 3, 2),
            "seen": "z",
            "month": "2026-03",
            "kind": "b",
            "note": "x",
        },
        {
            "n": 2,
            "ok": False,
            "fee": Decimal("0.20"),
            "on": None,
            "seen": "y",
            "month": "2026-01",
            "kind": None,
            "note": None,
        },
    )

    def test_each_type(self) -> None:
        """Integers, booleans, Decimal objects, datetime64, categoricals and text."""
        frame = to_frame(self.ROWS, self.COLUMNS)
        assert ["int64", "bool", "object", "datetime64"] == [
            dtype_name(frame[c].dtype) for c in ("n", "ok", "fee", "on")
        ]
        assert Decimal("0.30") == frame["fee"].sum()
        assert pandas.isna(frame.loc[1, "on"])
        assert pandas.isna(frame.loc[1, "note"])

    def test_categories(self) -> None:
        """Unlisted categories are the values in the rows: in the order they come, or sorted
        when ordered; listed ones are all kept, used or not."""
        frame = to_frame(self.ROWS, self.COLUMNS)
        assert (["z", "y"], ["2026-01", "2026-03"], ["a", "b", "c"]) == (
            list(frame["seen"].cat.categories),
            list(frame["month"].cat.categories),
            list(frame["kind"].cat.categories),
        )
        assert {"a": 0, "b": 1, "c": 0} == dict(frame["kind"].value_counts(sort=False))

    def test_a_value_outside_the_categories_is_a_bug(self) -> None:
        """pandas would blank a value outside the listed categories: it is refused instead."""
        with pytest.raises(AssertionError, match="kind"):
            to_frame([{"kind": "d"}], [Column.category("kind", ["a"])])

    def test_no_rows_keep_every_column(self) -> None:
        """A frame of no rows has every column, typed; its money sums to zero."""
        frame = to_frame([], self.COLUMNS)
        assert [c.name for c in self.COLUMNS] == list(frame.columns)
        assert ("datetime64", "category", 0) == (
            dtype_name(frame["on"].dtype),
            dtype_name(frame["kind"].dtype),
            frame["fee"].sum(),
        )

    def test_without_columns_pandas_infers(self) -> None:
        """Without a table of columns, the rows' keys are the columns, typed by pandas."""
        frame = to_frame([{"a": 1, "b": "x"}])
        assert (["a", "b"], "int64") == (list(frame.columns), dtype_name(frame["a"].dtype))
