"""Notebook views: HTML for reading, plain-text tables, and typed pandas DataFrames.

Results call these from their ``_repr_html_`` and ``to_frame`` methods, and
``text_table`` from their plain-text explanations.

**HTML.**  A view shows the same *why* as the command line (the fee split, the
reporting window, the filing-fee lines, each refusal's reasons), laid out for
reading: text is left-aligned (a notebook's stylesheet right-aligns table
cells), only money is right-aligned, a hint sits on its own line under its
message, and long lists are cut with a note saying where the rest are.  Every
value is HTML-escaped; the styles are inline, so that a notebook, an exported
page and a browser show the same.

**DataFrames.**  ``to_frame`` builds a frame from a result's ``to_rows`` and
a table of :class:`Column` values that types each column: money and credits
are ``Decimal`` objects (so ``frame["total"].sum()`` is the library's total,
to the cent, in Python's default decimal context), dates are ``datetime64``,
closed sets (a timing, a status, a category) are pandas categoricals listing
every possible value, counts are integers and flags booleans.  A frame of no
rows still has every column.  It needs pandas (the ``notebook`` extra), which
is imported on the first call only; without it, ``to_frame`` raises an
``ImportError`` that says how to install it.
"""

from __future__ import annotations

import enum
import html
import itertools
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import attrs

__all__ = [
    "Column",
    "ColumnType",
    "Lines",
    "bold",
    "bullets",
    "details",
    "html_table",
    "labelled",
    "paragraphs",
    "text_table",
    "to_frame",
    "view",
]


# --------------------------------------------------------------------------
# HTML

# Inline styles: a notebook's stylesheet right-aligns and centres table cells vertically;
# these put text on the left and at the top, and money on the right in even-width digits.
_LEFT = "text-align:left;vertical-align:top"
_MONEY = "text-align:right;vertical-align:top;white-space:nowrap;font-variant-numeric:tabular-nums"
# A hint reads as an aside to the message above it: dimmed, not coloured, so that a dark
# theme shows it too.
_HINT = "opacity:0.75;font-style:italic"


@attrs.frozen
class Lines:
    """A table cell of several lines: each of ``lines`` on its own line and, under it,
    its hint (``hints[i]`` for ``lines[i]``, ``None`` for none) on a line of its own,
    dimmed, as an aside: never "Hint:" glued to the message.

    >>> print(Lines(("no ID", "no name"), hints=("see badge",)).html())
    <div>no ID</div><div style="opacity:0.75;font-style:italic">see badge</div><div>no name</div>
    """

    lines: tuple[str, ...]
    hints: tuple[str | None, ...] = ()

    def html(self) -> str:
        """The cell's content, every line escaped."""
        parts = []
        for line, hint in itertools.zip_longest(self.lines, self.hints[: len(self.lines)]):
            parts.append(f"<div>{html.escape(line)}</div>")
            if hint:
                parts.append(f'<div style="{_HINT}">{html.escape(hint)}</div>')
        return "".join(parts)


def _cell(value: object) -> str:
    if isinstance(value, Lines):
        return value.html()
    return "" if value is None else html.escape(str(value))


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    money: Collection[int] = (),
    wrap: Collection[int] = (),
    total: Sequence[object] | None = None,
) -> str:
    """Return a table of ``rows`` under ``headers``; every value is escaped.

    The columns whose positions are in ``money`` are right-aligned, every other
    one left-aligned.  The columns in ``wrap`` hold sentences and wrap; the
    others (dates, codes, amounts) stay on one line.  A cell is text, a number,
    ``None`` (left blank) or :class:`Lines` (which wraps).  ``total``, when
    given, is a last row in bold.

    >>> page = html_table(["name", "fee"], [["<b>Zoë</b>", "$5.00"]], money={1})
    >>> "&lt;b&gt;Zoë&lt;/b&gt;</td>" in page, 'right' in page.split("<td")[2]
    (True, True)
    """

    def style(position: int, value: object) -> str:
        if position in money:
            return _MONEY
        if position in wrap or isinstance(value, Lines):
            return _LEFT
        return _LEFT + ";white-space:nowrap"

    def row(cells: Sequence[object], tag: str = "td", extra: str = "") -> str:
        return (
            "<tr>"
            + "".join(
                f'<{tag} style="{style(i, v)}{extra}">{_cell(v)}</{tag}>'
                for i, v in enumerate(cells)
            )
            + "</tr>"
        )

    foot = "" if total is None else f"<tfoot>{row(total, extra=';font-weight:bold')}</tfoot>"
    return (
        f"<table><thead>{row(headers, 'th')}</thead>"
        f"<tbody>{''.join(row(r) for r in rows)}</tbody>{foot}</table>"
    )


def paragraphs(*texts: str) -> str:
    """Return each of ``texts`` as a left-aligned paragraph, escaped.

    >>> paragraphs("Fees are <not> refunded.")
    '<p style="text-align:left">Fees are &lt;not&gt; refunded.</p>'
    """
    return "".join(f'<p style="text-align:left">{html.escape(text)}</p>' for text in texts)


def bold(text: str) -> str:
    """Return ``text`` as a left-aligned paragraph in bold, escaped: a result's heading."""
    return f'<p style="text-align:left"><strong>{html.escape(text)}</strong></p>'


def labelled(label: str, text: str) -> str:
    """Return ``text`` as a left-aligned paragraph led by ``label`` in bold and a dash,
    escaped."""
    label = html.escape(label)
    return f'<p style="text-align:left"><strong>{label}</strong> — {html.escape(text)}</p>'


def bullets(texts: Sequence[str]) -> str:
    """Return ``texts`` as a left-aligned list, escaped; nothing when there are none."""
    if not texts:
        return ""
    items = "".join(f"<li>{html.escape(text)}</li>" for text in texts)
    return f'<ul style="text-align:left">{items}</ul>'


def details(summary: str, body: str) -> str:
    """Return ``body`` (HTML) folded under the escaped line ``summary``, closed until
    clicked: for what the command line prints but a reader opens on demand."""
    return f"<details><summary>{html.escape(summary)}</summary>{body}</details>"


def view(*parts: str) -> str:
    """Return the parts of a result's view (HTML) in one block."""
    return '<div class="cec-rules">' + "".join(parts) + "</div>"


# --------------------------------------------------------------------------
# Plain text


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return ``rows`` as a plain-text table under ``headers`` and a rule, padded to fit.

    >>> print(text_table(["group", "cases"], [["late", "12"]]))
    group  cases
    -----  -----
    late   12
    """
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


# --------------------------------------------------------------------------
# DataFrames


class ColumnType(enum.Enum):
    """What a DataFrame column holds, and so its dtype."""

    #: Text: pandas' ``str`` dtype (``object`` before pandas 3).
    TEXT = "text"
    #: A count or a row number: ``int64``.
    INTEGER = "integer"
    #: True or false: ``bool``.
    FLAG = "flag"
    #: Money or credits: ``Decimal`` objects, added exactly.
    DECIMAL = "decimal"
    #: A date: ``datetime64``, ``NaT`` where there is none.
    DATE = "date"
    #: One of a set of values: a pandas categorical.
    CATEGORY = "category"


@attrs.frozen
class Column:
    """One column of a result's DataFrame: its name, its :class:`ColumnType` and, for a
    category, the values it may take and whether their order means something (months,
    CEC bands).  Categories of ``None`` are the values in the rows: sorted when
    ordered, else in the order they first come."""

    name: str
    type: ColumnType
    categories: tuple[str, ...] | None = None
    ordered: bool = False

    @classmethod
    def category(
        cls, name: str, categories: Sequence[str] | None = None, *, ordered: bool = False
    ) -> Column:
        """A categorical column of ``categories``, every one listed even when unused."""
        return cls(
            name, ColumnType.CATEGORY, None if categories is None else tuple(categories), ordered
        )

    def series(self, values: list[Any], pandas: Any) -> Any:
        """``values`` as a pandas Series of this column's dtype."""
        kind = self.type
        if kind is ColumnType.INTEGER:
            return pandas.Series(values, dtype="int64", name=self.name)
        if kind is ColumnType.FLAG:
            return pandas.Series(values, dtype="bool", name=self.name)
        if kind is ColumnType.DECIMAL:
            # Object dtype keeps each Decimal as it is: a float column would round cents.
            return pandas.Series(values, dtype=object, name=self.name)
        if kind is ColumnType.DATE:
            return pandas.Series(
                pandas.to_datetime(pandas.Series(values, dtype=object)), name=self.name
            )
        if kind is ColumnType.CATEGORY:
            categories = self.categories
            if categories is None:
                seen = dict.fromkeys(v for v in values if v is not None)
                categories = tuple(sorted(seen) if self.ordered else seen)
            elif not set(values) <= {*categories, None}:
                # pandas would turn a value outside the categories into a blank, silently.
                raise AssertionError(f"{self.name}: {set(values) - set(categories)} unlisted")
            return pandas.Series(
                pandas.Categorical(values, categories=categories, ordered=self.ordered),
                name=self.name,
            )
        return pandas.Series(values, dtype=_text_dtype(pandas), name=self.name)


def _text_dtype(pandas: Any) -> Any:
    """pandas' own text dtype from pandas 3 on (missing text is NaN, so a comparison gives
    plain booleans); before it, ``object``, as pandas 1 and 2 hold text."""
    return "str" if int(pandas.__version__.split(".")[0]) >= 3 else object


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - the test environment has pandas
        raise ImportError("to_frame() needs pandas: pip install 'cec-rules[notebook]'") from None
    return pandas


def to_frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column] | None = None) -> Any:
    """Return ``rows`` (flat dicts) as a pandas DataFrame.

    With ``columns``, the frame has exactly those columns, in that order, each
    of its :class:`ColumnType` (a row must hold every column's key); without,
    pandas infers the columns and their types from the rows.
    """
    pandas = _pandas()
    if columns is None:
        return pandas.DataFrame.from_records(list(rows))
    return pandas.DataFrame(
        {c.name: c.series([row[c.name] for row in rows], pandas) for c in columns},
        columns=[c.name for c in columns],
    )
