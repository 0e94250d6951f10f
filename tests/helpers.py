"""Values and builders the test modules share (import them as ``from helpers import ...``).

pytest puts ``tests/`` on ``sys.path`` while it imports the test modules (the
directory has no ``__init__.py``), so this plain module is found beside them.
Nothing here is a test; no test module imports another.

Two roster worlds:

- the one-day offering ``OFFERING`` (2026-03-02), with ``REPOSITORY`` and
  ``check``: rules, findings, messages, reading and the report;
- the five-day offering ``WEEK`` (2026-03-02 to 2026-03-06), with
  ``WEEK_REPOSITORY`` and ``check_week``: the Hypothesis properties and the
  column-at-a-time pass, whose generated dates fall anywhere in that week.

Both report on 2026-03-20 (``REPORTED``), for the approved program ``PROGRAM``
(Program ID PRG-1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from html.parser import HTMLParser
from typing import Any

import attrs
from hypothesis import strategies as st

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.policy import DEFAULT_POLICY, NameMismatch, Policy
from cec_rules.program import Offering, Program, ProgramFormat
from cec_rules.roster import Finding, RosterReport, check_roster

# --------------------------------------------------------------------------
# Time zones and policies


class NoOffset(tzinfo):
    """A tzinfo that does not know its offset: a datetime carrying it is still naive."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        """No offset."""
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        """No daylight saving time."""
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        """No name."""
        return None


#: Every key a policy has, sorted, as refusals of an unknown key list them.
POLICY_KEYS = (
    "aast_id_characters, aast_id_max_length, aast_id_min_length, "
    "application_fee_per_cec, cec_increment, cec_maximum, "
    "charge_per_offering, guest_fee_below_member, guest_filing_fee, label, "
    "late_surcharge_per_cec, late_window_days, max_cell_length, max_columns, "
    "max_line_length, max_roster_rows, member_filing_fee, name_max_length, name_mismatch, "
    "reporting_window_days, rounding, time_zone"
)
#: The default policy in the zone where a day starts first (UTC+14).
KIRITIMATI = attrs.evolve(DEFAULT_POLICY, label="kiritimati", time_zone="Pacific/Kiritimati")
#: Name mismatches refuse the row instead of warning.
REFUSE = attrs.evolve(DEFAULT_POLICY, name_mismatch=NameMismatch.REFUSE)
#: Cells of at most 40 characters.
SMALL_CELLS = attrs.evolve(DEFAULT_POLICY, max_cell_length=40)

# --------------------------------------------------------------------------
# Programs, offerings and the report date

PROGRAM = Program(title="Scoring sleep studies", cecs=2, program_id="PRG-1")
SELF_PACED = Program(
    title="Sleep hygiene online", cecs=1, program_id="PRG-1", format=ProgramFormat.SELF_PACED
)
OFFERING = Offering(date(2026, 3, 2))
WEEK = Offering(date(2026, 3, 2), date(2026, 3, 6))
YEAR = Offering(date(2026, 1, 1), date(2026, 12, 31))
REPORTED = date(2026, 3, 20)

# --------------------------------------------------------------------------
# Accounts

ACCOUNTS = (
    Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
    Account(aast_id="A2", first_name="Grace", last_name="Hopper", kind="member"),
    Account(aast_id="A3", first_name="José", last_name="Núñez-O'Brien", kind="member"),
    Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
    Account(aast_id="G2", first_name="Olu", last_name="Okafor", kind="guest"),
    Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
)
#: R1 was reported for OFFERING and for YEAR in an earlier roster.
REPOSITORY = InMemoryRepository(
    ACCOUNTS, reported={("PRG-1", OFFERING): ["R1"], ("PRG-1", YEAR): ["R1"]}
)
#: The accounts of the WEEK world (A3 is José Núñez there); R1 was reported for WEEK.
WEEK_REPOSITORY = InMemoryRepository(
    [
        Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
        Account(aast_id="A2", first_name="Grace", last_name="Hopper", kind="member"),
        Account(aast_id="A3", first_name="José", last_name="Núñez", kind="member"),
        Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
        Account(aast_id="G2", first_name="Olu", last_name="Okafor", kind="guest"),
        Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
    ],
    reported={("PRG-1", WEEK): ["R1"]},
)

# --------------------------------------------------------------------------
# Roster files

HEADER = "Program ID,AAST ID,First Name,Last Name,Completion Date"
#: The header as a list of cells, for csv.writer.
HEADER_CELLS = HEADER.split(",")

ADA = "PRG-1,A1,Ada,Lovelace,2026-03-02"
#: Grace's row with the completion date written M/D/YYYY.
GRACE = "PRG-1,A2,Grace,Hopper,3/2/2026"
#: Grace's row with the completion date written YYYY-MM-DD.
GRACE_ISO = "PRG-1,A2,Grace,Hopper,2026-03-02"
ZOE = "PRG-1,G1,Zoë,Saldaña,2026-03-02"
#: Ada's row as a workbook's or a DataFrame's typed cells.
ADA_CELLS: tuple[object, ...] = ("PRG-1", "A1", "Ada", "Lovelace", date(2026, 3, 2))


def text(*rows: str, header: str = HEADER, newline: str = "\r\n") -> str:
    """A roster's text: the header and the rows, each line ended by ``newline``."""
    return "".join(line + newline for line in (header, *rows))


def roster(*rows: str, header: str = HEADER, newline: str = "\r\n") -> bytes:
    """A roster file: the header and the rows, CRLF line ends, UTF-8."""
    return text(*rows, header=header, newline=newline).encode("utf-8")


def write_csv(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = HEADER_CELLS,
    *,
    delimiter: str = ",",
    quote_all: bool = False,
) -> bytes:
    """Rows of cells written by csv.writer under the header: CRLF line ends, UTF-8,
    cells quoted where needed (or all of them)."""
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def mapping_rows(*rows: str, header: str = HEADER) -> list[dict[str, str]]:
    """The rows as mappings keyed by the header, as a service holding parsed JSON has them."""
    names = next(csv.reader([header]))
    return [dict(zip(names, cells, strict=False)) for cells in csv.reader(rows)]


class NonSeekable(io.RawIOBase):
    """A binary stream that cannot seek, like a pipe or an upload being received; with
    ``most``, it hands out at most that many bytes a read, as a pipe may."""

    def __init__(self, data: bytes, most: int | None = None) -> None:
        self._data = io.BytesIO(data)
        self._most = most

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(min(len(buffer), self._most or len(buffer)))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# --------------------------------------------------------------------------
# Workbooks, written as a spreadsheet program writes them

#: The header of a workbook, as typed cells.
HEADER_ROW: tuple[object, ...] = tuple(HEADER_CELLS)


def xlsx(
    *rows: Sequence[object],
    sheets: Sequence[str] = ("Roster",),
    start: int = 1,
    rows_header: Sequence[object] = HEADER_ROW,
) -> bytes:
    """An .xlsx workbook written by openpyxl: ``rows_header`` and ``rows`` of typed
    cells in its first sheet from row ``start``; the other ``sheets`` hold one cell each.
    ``None`` is an empty cell; a ``date`` or ``datetime`` is a date cell."""
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = sheets[0]
    for number, row in enumerate((rows_header, *rows), start=start):
        for column, value in enumerate(row, start=1):
            if value is not None:
                cell = first.cell(row=number, column=column, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # typed text, not a formula
    for name in sheets[1:]:
        book.create_sheet(name)["A1"] = "notes"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods(*rows: Sequence[object]) -> bytes:
    """An OpenDocument spreadsheet (.ods), written as its standard lays it out: a zip
    of the mimetype (stored first), the manifest and the content; a ``date`` cell is
    a date value, a number a float value, ``None`` an empty cell."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="'
                f'{value.isoformat()}"><text:p>{value}</text:p></table:table-cell>'
            )
        if isinstance(value, (int, float)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = "".join(
        "<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>"
        for row in (HEADER_ROW, *rows)
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="Roster">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --------------------------------------------------------------------------
# Checking a roster and reading the report


def check(source: Any, **options: Any) -> RosterReport:
    """check_roster with PROGRAM, OFFERING, REPOSITORY and REPORTED unless given."""
    options.setdefault("program", PROGRAM)
    options.setdefault("offering", OFFERING)
    options.setdefault("repository", REPOSITORY)
    options.setdefault("reported_at", REPORTED)
    return check_roster(source, **options)


def check_week(source: Any, **options: Any) -> RosterReport:
    """check_roster with PROGRAM, WEEK, WEEK_REPOSITORY and REPORTED unless given."""
    options.setdefault("offering", WEEK)
    options.setdefault("repository", WEEK_REPOSITORY)
    return check(source, **options)


def outcome(report: RosterReport) -> dict[int, tuple[str, ...]]:
    """Each data row: ("accepted", *warning codes), ("blank",) or its finding codes."""
    rows: dict[int, tuple[str, ...]] = {}
    for a in report.accepted:
        rows[a.row] = ("accepted", *(w.code for w in report.warnings if w.row == a.row))
    for r in report.refused:
        rows[r.row] = r.codes
    for n in report.blank_rows:
        rows[n] = ("blank",)
    return dict(sorted(rows.items()))


def file_codes(report: RosterReport) -> tuple[tuple[int | None, str], ...]:
    """(row, code) of each file-level finding."""
    return tuple((f.row, f.code) for f in report.file_findings)


def refused(report: RosterReport) -> dict[int, tuple[Finding, ...]]:
    """Each refused row's number and its findings."""
    return {r.row: r.findings for r in report.refused}


def after_report(row: int, completed: str = "2026-03-02", reported: str = "2026-03-01") -> Finding:
    """The date-after-report finding of a row."""
    return Finding(
        code="date-after-report",
        row=row,
        field="completion_date",
        message=f"{completed} is after the report date {reported}",
        hint="report attendees only once they have completed the program",
    )


# --------------------------------------------------------------------------
# Hypothesis strategies for roster cells

#: Cells that exercise the rules: valid values, near misses and arbitrary text.
cells = st.one_of(
    st.sampled_from(
        [
            "PRG-1",
            "prg-1 ",
            "PRG-2",
            "A1",
            "A2",
            " G1",
            "Z9",
            "R1",
            "1.23457E+11",
            "Ada",
            "Lovelace",
            "=Ada",
            "Zoë",
            "2026-03-02",
            "3/4/2026",
            "13/4/2026",
            "3/2/26",
            "",
            " ",
        ]
    ),
    st.text(max_size=12),
)
#: Up to 25 rows, most of five cells, some shorter or longer.
rows_of_cells = st.lists(
    st.one_of(st.lists(cells, min_size=5, max_size=5), st.lists(cells, max_size=7)),
    max_size=25,
)


# --------------------------------------------------------------------------
# AAST ID knobs (`aast-id-format`): a set of characters and a length range

#: Blocks of code points that hold no character an AAST ID may not hold (whitespace,
#: line breaks, controls, surrogates): printable ASCII with its regular expression
#: punctuation, Latin-1 and beyond, CJK, and past the Basic Multilingual Plane.
_ID_BLOCKS = ((0x21, 0x7E), (0xA1, 0x24F), (0x3001, 0x30FF), (0x1F600, 0x1F64F))


@st.composite
def _id_ranges(draw: st.DrawFn) -> tuple[str, str]:
    """A range of allowed characters (one character, or a few to many), neither end a
    hyphen or a backslash, which the notation reads otherwise."""
    low, high = draw(st.sampled_from(_ID_BLOCKS))
    first = draw(st.integers(low, high).filter(lambda code: chr(code) not in "-\\"))
    if draw(st.booleans()):
        return chr(first), chr(first)
    last = draw(st.integers(first, min(high, first + draw(st.sampled_from([3, 40, 400])))))
    return chr(first), chr(last) if chr(last) not in "-\\" else chr(first)


@attrs.frozen
class IdKnob:
    """An AAST ID knob as a policy writes it, and the ranges it stands for, by which
    :meth:`allows` decides an ID in plain Python, without a regular expression."""

    characters: str
    ranges: tuple[tuple[str, str], ...]
    shortest: int
    longest: int

    def allows(self, aast_id: str) -> bool:
        """The reference: the length in range and every character in the set."""
        return self.shortest <= len(aast_id) <= self.longest and all(
            any(first <= char <= last for first, last in self.ranges) for char in aast_id
        )

    def policy(self, **changes: Any) -> Policy:
        """The default policy with this knob (and ``changes``)."""
        return attrs.evolve(
            DEFAULT_POLICY,
            aast_id_characters=self.characters,
            aast_id_min_length=self.shortest,
            aast_id_max_length=self.longest,
            **changes,
        )


@st.composite
def id_knobs(draw: st.DrawFn, *, longest: int = 30) -> IdKnob:
    """Valid AAST ID knobs: a few ranges and single characters, a hyphen first, last or
    not at all, and a length range within 1 to ``longest``."""
    ranges = draw(st.lists(_id_ranges(), min_size=1, max_size=5))
    text = "".join(a if a == b else f"{a}-{b}" for a, b in ranges)
    hyphen = draw(st.sampled_from(["", "first", "last"]))
    if hyphen:
        text = "-" + text if hyphen == "first" else text + "-"
        ranges.append(("-", "-"))
    if text.startswith("[") and text.endswith("]"):  # refused, as a regex's class
        text += "-"
        ranges.append(("-", "-"))
    shortest = draw(st.integers(1, longest))
    most = draw(st.integers(shortest, longest))
    return IdKnob(text, tuple(ranges), shortest, most)


def id_texts(knob: IdKnob) -> st.SearchStrategy[str]:
    """Texts near ``knob``'s IDs: its characters and others (a line break, a space, an
    underscore, characters next to its ranges), around its lengths."""
    inside = [first for first, _ in knob.ranges] + [last for _, last in knob.ranges]
    near = [
        chr(code)
        for first, last in knob.ranges
        for code in (ord(first) - 1, ord(last) + 1)
        if 0 <= code < 0xD800 or 0xDFFF < code < 0x110000
    ]
    alphabet = st.sampled_from([*inside, *near, "\n", " ", "_", "a", "0", "-"])
    return st.lists(alphabet, max_size=knob.longest + 2).map("".join)


# --------------------------------------------------------------------------
# Notebook views read back (the HTML of _repr_html_) and DataFrame types


def dtype_name(dtype: Any) -> str:
    """A DataFrame column's dtype by name, ``datetime64`` for a date at any resolution
    (pandas picks the resolution of dates, and has changed it between versions)."""
    return "datetime64" if getattr(dtype, "kind", "") == "M" else str(dtype)


@attrs.frozen
class Cell:
    """One cell of a view's table: its lines, the hints under them, its alignment and
    whether it may wrap (``white-space:nowrap`` keeps it on one line)."""

    lines: tuple[str, ...]
    hints: tuple[str, ...]
    align: str
    wraps: bool

    @property
    def text(self) -> str:
        """The lines and hints, one per line of text."""
        return "\n".join((*self.lines, *self.hints))


@attrs.frozen
class Table:
    """A table of a view: its headers, its body rows and its total row (if any)."""

    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None

    @property
    def heads(self) -> list[str]:
        """The headers' texts."""
        return [h.text for h in self.headers]

    def texts(self) -> list[list[str]]:
        """Each body row's cell texts."""
        return [[c.text for c in row] for row in self.rows]

    def column(self, header: str) -> list[Cell]:
        """The body cells under ``header``."""
        position = self.heads.index(header)
        return [row[position] for row in self.rows]


@attrs.frozen
class View:
    """A notebook view read back: its blocks in order (a paragraph's text, a table, a
    fold's summary as ``"fold: ..."``, a list item as ``"- ..."``) and every tag seen."""

    blocks: tuple[str | Table, ...]
    tags: frozenset[str]

    @property
    def paragraphs(self) -> list[str]:
        """The paragraphs' texts, in order."""
        return [b for b in self.blocks if isinstance(b, str) and b[:2] not in {"- ", "fo"}]

    @property
    def tables(self) -> list[Table]:
        """The tables, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def folds(self) -> list[str]:
        """The summaries of the folded parts, in order."""
        return [b[6:] for b in self.blocks if isinstance(b, str) and b.startswith("fold: ")]

    @property
    def items(self) -> list[str]:
        """The list items, in order."""
        return [b[2:] for b in self.blocks if isinstance(b, str) and b.startswith("- ")]


class _ViewReader(HTMLParser):
    """Reads a view into a :class:`View`; text comes back unescaped."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str | Table] = []
        self.tags: set[str] = set()
        self.text: list[str] | None = None  # the text of the paragraph, item or summary
        self.cell: dict[str, Any] | None = None
        self.row: list[Cell] = []
        self.section: dict[str, Any] = {}
        self.hint = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        style = dict(attrs).get("style") or ""
        if tag in {"p", "li", "summary"}:
            self.text = ["" if tag == "p" else "- " if tag == "li" else "fold: "]
        elif tag == "table":
            self.section = {"thead": [], "tbody": [], "tfoot": []}
        elif tag in {"thead", "tbody", "tfoot"}:
            self.section["now"] = tag
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            align = "right" if "text-align:right" in style else "left"
            self.cell = {"lines": [], "hints": [], "align": align, "style": style, "text": []}
        elif tag == "div" and self.cell is not None:
            self.hint = "italic" in style
            self.cell["text"] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "li", "summary"} and self.text is not None:
            self.blocks.append("".join(self.text))
            self.text = None
        elif tag == "div" and self.cell is not None:
            self.cell["hints" if self.hint else "lines"].append("".join(self.cell["text"]))
            self.cell["text"] = []
        elif tag in {"td", "th"} and self.cell is not None:
            cell = self.cell
            lines = cell["lines"] or ["".join(cell["text"])]
            wraps = "nowrap" not in cell["style"]
            self.row.append(Cell(tuple(lines), tuple(cell["hints"]), cell["align"], wraps))
            self.cell = None
        elif tag == "tr":
            self.section[self.section["now"]].append(tuple(self.row))
        elif tag == "table":
            head, body, foot = (self.section[k] for k in ("thead", "tbody", "tfoot"))
            self.blocks.append(Table(head[0], tuple(body), foot[0] if foot else None))

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"].append(data)
        elif self.text is not None:
            self.text.append(data)


def read_view(page: str) -> View:
    """Read the HTML of a result's ``_repr_html_`` back into a :class:`View`."""
    reader = _ViewReader()
    reader.feed(page)
    reader.close()
    return View(tuple(reader.blocks), frozenset(reader.tags))


#: The tags a view is built of: any other tag in it came from a value left unescaped.
VIEW_TAGS = frozenset(
    {"div", "p", "strong", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "ul", "li"}
    | {"details", "summary"}
)
