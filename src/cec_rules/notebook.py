"""Notebook views: HTML tables, plain-text tables and pandas DataFrames of results.

Results call these from their ``_repr_html_`` and ``to_frame`` methods, so a
notebook shows an assessment, a roster report or a comparison as a summary
and a table, and ``text_table`` from their plain-text explanations.  Every
value is HTML-escaped.  ``to_frame`` needs pandas (the
``notebook`` extra); without it, it raises an ``ImportError`` that says so.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["html_table", "text_table", "to_frame"]


def html_table(summary: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a paragraph with ``summary`` and a table; every value is escaped.

    >>> "<td>&lt;b&gt;Zoë&lt;/b&gt;</td>" in html_table("1 row", ["name"], [["<b>Zoë</b>"]])
    True
    """
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f"<p>{html.escape(summary)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


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


def to_frame(rows: Sequence[Mapping[str, Any]]) -> Any:
    """Return ``rows`` (flat dicts) as a pandas DataFrame."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - the test environment has pandas
        raise ImportError("to_frame() needs pandas: pip install 'cec-rules[notebook]'") from None
    return pandas.DataFrame.from_records(list(rows))
