"""Every finding a roster check can give: its code, the rule it enforces, its
severity, and one builder per code that writes its message and hint.

Codes are stable: services key on them.  A finding's rule and severity come
from :data:`FINDING_CODES`, so a code means one thing wherever it is raised.
Messages are written here and nowhere else; the rules decide *whether* a
finding applies, these builders say *what* it says.
"""

from __future__ import annotations

import csv
import enum
import functools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from cec_rules._roster.fields import FIELD_TITLES
from cec_rules.jsonio import REPORT_DATA, JsonValue, at
from cec_rules.policy import character_ranges

if TYPE_CHECKING:
    from cec_rules.accounts import Account
    from cec_rules.deadlines import ReportingWindow
    from cec_rules.policy import Policy
    from cec_rules.program import Offering


class Severity(enum.Enum):
    """An error refuses its row (or the whole file); a warning does not."""

    ERROR = "error"
    WARNING = "warning"


_E, _W = Severity.ERROR, Severity.WARNING

#: Every finding code, the rule it enforces and its severity.  Codes are stable:
#: services may key on them.  File-level codes refuse the whole file.
FINDING_CODES: Mapping[str, tuple[str, Severity]] = {
    # The file as a whole (`roster-file`): refused, no row accepted.
    "file-undecodable": ("roster-file", _E),
    "file-utf16-without-bom": ("roster-file", _E),
    "file-encoding-unknown": ("roster-file", _E),
    "file-no-header": ("roster-file", _E),
    "file-missing-column": ("roster-file", _E),
    "file-duplicate-column": ("roster-file", _E),
    "file-unterminated-quote": ("roster-file", _E),
    "file-malformed-csv": ("roster-file", _E),
    "file-cell-too-long": ("roster-file", _E),
    "file-line-too-long": ("roster-file", _E),
    "file-too-many-columns": ("roster-file", _E),
    "file-too-many-rows": ("roster-file", _E),
    "file-not-a-roster": ("roster-file", _E),
    "file-workbook-needs-extra": ("roster-file", _E),
    "file-workbook-unreadable": ("roster-file", _E),
    "file-workbook-too-large": ("roster-file", _E),
    "file-no-such-sheet": ("roster-file", _E),
    # Warnings about the file.
    "file-decoded-as-cp1252": ("roster-file", _W),
    "file-decoded-as-mac-roman": ("roster-file", _W),
    "file-decoded-as-cp437": ("roster-file", _W),
    "file-decoded-as-cp850": ("roster-file", _W),
    "file-semicolon-delimited": ("roster-file", _W),
    "file-tab-delimited": ("roster-file", _W),
    "file-extra-column": ("roster-file", _W),
    "file-resembling-column": ("roster-file", _W),
    # One row.
    "row-undecodable": ("roster-file", _E),
    "row-ragged": ("roster-fields", _E),
    "row-not-a-record": ("roster-fields", _E),
    "field-missing": ("roster-fields", _E),
    "program-id-mismatch": ("program-id-match", _E),
    "aast-id-format": ("aast-id-format", _E),
    "aast-id-spreadsheet-number": ("aast-id-format", _E),
    "aast-id-numbers": ("aast-id-format", _W),
    "account-not-found": ("account-exists", _E),
    "name-control-character": ("name-fields", _E),
    "name-formula-start": ("name-fields", _E),
    "name-no-letter": ("name-fields", _E),
    "name-too-long": ("name-fields", _E),
    "name-encoding-damage": ("name-fields", _E),
    "name-mismatch": ("name-match", _W),
    "name-mismatch-refused": ("name-match", _E),
    "date-format": ("completion-date", _E),
    "date-two-digit-year": ("completion-date", _E),
    "date-spreadsheet-serial": ("completion-date", _E),
    "date-day-month-order": ("completion-date", _E),
    "date-no-such-day": ("completion-date", _E),
    "date-ambiguous-order": ("completion-date", _E),
    "date-mixed-order": ("completion-date", _E),
    "date-outside-offering": ("completion-date", _E),
    "date-after-report": ("completion-date", _E),
    "duplicate-in-roster": ("one-claim", _E),
    "already-reported": ("one-claim", _E),
    "window-not-open": ("reporting-window", _E),
    "window-closed": ("reporting-window", _E),
    "self-paced-window-closed": ("self-paced-window", _E),
}


@attrs.frozen(kw_only=True)
class Finding(JsonValue):
    """One problem found in a roster: a stable ``code``, the ``rule`` it enforces,
    the ``row`` (``None`` for the file), the ``field``, a ``message`` and a ``hint``."""

    code: str
    message: str
    row: int | None = None
    field: str | None = None
    hint: str | None = None

    @property
    def rule(self) -> str:
        """The rule id this finding enforces."""
        return FINDING_CODES[self.code][0]

    @property
    def severity(self) -> Severity:
        """Whether the finding refuses (error) or only warns."""
        return FINDING_CODES[self.code][1]

    @property
    def explanation(self) -> str:
        """The finding as a sentence a person could paste into a message to a provider."""
        where = "The file" if self.row is None else f"Row {self.row}"
        field = f" ({FIELD_TITLES.get(self.field, self.field)})" if self.field else ""
        hint = f" Hint: {self.hint}" if self.hint else ""
        return f"{where}{field}: {self.message} [{self.code}, {self.rule}].{hint}"

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as JSON-ready data."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Build a finding from JSON-ready data, as :meth:`to_dict` writes it.

        ``code`` and ``message`` are needed; ``row``, ``field`` and ``hint`` may be
        null or left out.  ``rule`` and ``severity`` follow from the code
        (:data:`FINDING_CODES`) and are not read.  An unknown code or a key of the
        wrong kind raises :class:`~cec_rules.errors.InvalidReport` naming the key.
        """
        return read_finding(data, "")


def read_finding(data: object, path: str) -> Finding:
    """The finding ``data`` describes, at ``path`` in a report's data (see
    :meth:`Finding.from_dict`)."""
    read = REPORT_DATA
    data = read.mapping(data, path, "a finding")
    code = read.text(read.key(data, "code", path), at(path, "code"))
    if code not in FINDING_CODES:
        raise read.error(
            f"{code!r} is not a finding code; FINDING_CODES lists them", at(path, "code")
        )
    return Finding(
        code=code,
        message=read.text(read.key(data, "message", path), at(path, "message")),
        row=read.optional_whole(data.get("row"), at(path, "row"), least=1),
        field=read.optional_text(data.get("field"), at(path, "field")),
        hint=read.optional_text(data.get("hint"), at(path, "hint")),
    )


class FileRefused(Exception):
    """The file cannot be read as a roster: raised by the readers, caught by the check,
    which refuses the file as a whole with :attr:`finding` (`roster-file`)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def clip(value: str, limit: int = 60) -> str:
    """``value``, cut to ``limit`` characters and an ellipsis when longer."""
    return value if len(value) <= limit else value[:limit] + "…"


# --------------------------------------------------------------------------
# The file (`roster-file`)


SAVE_AS_UTF8 = "save the spreadsheet as 'CSV UTF-8' and upload it again"

# The names of the legacy encodings (sources.LEGACY) in messages, and the code of the
# warning that a file was read in each.
ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "mac_roman": "Mac Roman",
    "cp437": "DOS code page 437",
    "cp850": "DOS code page 850",
}
_ENCODING_ABOUT = {
    "cp1252": "the usual encoding of spreadsheets saved on Windows",
    "mac_roman": "the encoding of spreadsheets saved on older Macs",
    "cp437": "an encoding of DOS programs",
    "cp850": "an encoding of DOS programs",
}


def file_undecodable(tried: str, byte: int, offset: int, *, row: int | None = None) -> Finding:
    """A byte that the encoding the file is read in cannot read (``row``: the header's)."""
    return Finding(
        code="file-undecodable",
        row=row,
        message=f"the file cannot be read as {tried} text (byte {byte:#04x} at offset {offset})",
        hint=SAVE_AS_UTF8,
    )


def file_utf16_without_bom() -> Finding:
    """The file looks like UTF-16 text but has no byte-order mark."""
    return Finding(
        code="file-utf16-without-bom",
        message="the file looks like UTF-16 text with no byte-order mark, which cannot be "
        "read with certainty",
        hint=SAVE_AS_UTF8,
    )


def file_encoding_unknown(plausible: Sequence[str]) -> Finding:
    """The file is not UTF-8, and no one legacy encoding reads it as names."""
    if plausible:
        reads = " and ".join(ENCODING_NAMES[e] for e in plausible)
        why = f"it reads as names in {reads} alike"
    else:
        tried = ", ".join(ENCODING_NAMES.values())
        why = f"none of {tried} reads it as names"
    return Finding(
        code="file-encoding-unknown",
        message=f"the file is not UTF-8, and its encoding cannot be told: {why}",
        hint=SAVE_AS_UTF8,
    )


def file_decoded_as(encoding: str, agreeing: Sequence[str] = ()) -> Finding:
    """The file is not UTF-8 and was read in the legacy ``encoding`` (``agreeing``:
    the other encodings that read it the same)."""
    same = "".join(f"; {ENCODING_NAMES[e]} reads it the same" for e in agreeing)
    return Finding(
        code=f"file-decoded-as-{encoding.replace('_', '-')}",
        message=f"the file is not UTF-8; it was read as {ENCODING_NAMES[encoding]}, "
        f"{_ENCODING_ABOUT[encoding]}{same}",
        hint="check a few accented names; save as 'CSV UTF-8' to avoid this",
    )


def file_no_header() -> Finding:
    """The first row is blank, or the file is empty."""
    return Finding(
        code="file-no-header",
        row=1,
        message="the file has no header row",
        hint="the first row must name the columns: Program ID, AAST ID, First Name, "
        "Last Name, Completion Date",
    )


def file_delimited(delimiter: str) -> Finding | None:
    """A warning that the header showed another delimiter than a comma, or ``None``."""
    if delimiter == ",":
        return None
    semicolons = delimiter == ";"
    return Finding(
        code="file-semicolon-delimited" if semicolons else "file-tab-delimited",
        message=f"the file separates its columns with {'semicolons' if semicolons else 'tabs'}; "
        "it was read that way",
    )


def file_missing_column(missing: Sequence[str], row: int = 1) -> Finding:
    """The header names none of the columns for these fields."""
    names = ", ".join(FIELD_TITLES[f] for f in missing)
    return Finding(
        code="file-missing-column",
        row=row,
        message=f"the header lacks {names}",
        hint="the header must name Program ID, AAST ID, First Name, Last Name and Completion Date",
    )


def file_duplicate_column(duplicated: Sequence[str], row: int = 1) -> Finding:
    """The header names these fields more than once."""
    names = ", ".join(FIELD_TITLES[f] for f in duplicated)
    return Finding(
        code="file-duplicate-column",
        row=row,
        message=f"the header names {names} more than once",
        hint="keep one column for each field",
    )


def file_extra_columns(extra: Sequence[str], row: int = 1) -> Finding:
    """The header has columns that are not roster fields."""
    return Finding(
        code="file-extra-column",
        row=row,
        message=f"the column(s) {', '.join(map(repr, extra))} are not roster fields; "
        "they were ignored",
    )


def file_extra_key(row: int, key: str) -> Finding:
    """A record (first seen in ``row``) has a key that is not a roster field."""
    return Finding(
        code="file-extra-column",
        row=row,
        message=f"the key {key!r} is not a roster field; ignored",
    )


def file_unterminated_quote(row: int) -> Finding:
    """A quote opened in ``row`` (or later) is never closed."""
    return Finding(
        code="file-unterminated-quote",
        row=row,
        message=f"a quote opened in row {row} (or a row after it) is never closed",
        hint='look for a stray double quote (") in that row; the rest of the file would '
        "otherwise be merged into one cell",
    )


def file_cell_too_long(row: int, column: str | None, length: int | None, most: int) -> Finding:
    """A cell of ``row`` holds ``length`` characters (``None``: more than ``most``,
    uncounted), past ``most``; ``column`` is the roster field or the column's place
    ("column 7") when known."""
    field = column if column in FIELD_TITLES else None
    where = "" if column is None else f" ({FIELD_TITLES.get(column, column)})"
    held = f"{length:,} characters" if length is not None else f"more than {most:,} characters"
    return Finding(
        code="file-cell-too-long",
        row=row,
        field=field,
        message=f"row {row}: a cell{where} holds {held}; a cell may hold at most {most:,}, "
        "so the file was not read",
        hint="check that row for a stray double quote or pasted text; the policy's "
        "max_cell_length sets the limit",
    )


def file_line_too_long(row: int, most: int) -> Finding:
    """A line (or a record over several lines) from ``row`` on runs past ``most`` characters."""
    return Finding(
        code="file-line-too-long",
        row=row,
        message=f"row {row} runs past {most:,} characters, the most a line may hold; "
        "the file was not read further",
        hint="a double quote left open joins every line after it into one; otherwise the "
        "file is not a roster, or the policy's max_line_length sets the limit",
    )


def file_too_many_columns(row: int, count: int, most: int) -> Finding:
    """``row`` holds ``count`` columns, past ``most``."""
    return Finding(
        code="file-too-many-columns",
        row=row,
        message=f"row {row} holds {count:,} columns; a roster row may hold at most {most:,}",
        hint="delete the columns past the roster's own, or save only the roster's sheet; "
        "the policy's max_columns sets the limit",
    )


def file_resembling_column(column: str, field: str, used: str, row: int = 1) -> Finding:
    """The header's ``column`` resembles ``field``, which the column ``used`` names exactly."""
    title = FIELD_TITLES[field]
    return Finding(
        code="file-resembling-column",
        row=row,
        message=f"the column {clip(column)!r} resembles {title}; it was ignored, and the "
        f"column {clip(used)!r} read as {title}",
        hint=f"check that the column {clip(used)!r} holds the {title}; rename the column "
        f"{clip(column)!r} if it holds something else",
    )


def file_resembling_key(row: int, key: str, field: str, used: str) -> Finding:
    """A record (first seen in ``row``) has a ``key`` that resembles ``field``, which its
    key ``used`` names exactly."""
    title = FIELD_TITLES[field]
    return Finding(
        code="file-resembling-column",
        row=row,
        message=f"the key {clip(key)!r} resembles {title}; it was ignored, and the key "
        f"{clip(used)!r} read as {title}",
    )


def file_duplicate_key(row: int, field: str, keys: Sequence[str]) -> Finding:
    """A record names ``field`` with more than one of its ``keys``."""
    return Finding(
        code="file-duplicate-column",
        row=row,
        message=f"the entry names {FIELD_TITLES[field]} more than once "
        f"(keys {', '.join(repr(clip(key)) for key in keys)})",
        hint="keep one key for each field",
    )


def file_csv_error(error: csv.Error, row: int, most: int) -> Finding:
    """``csv`` could not read the file from ``row`` on; ``most`` is the policy's cell
    limit, which ``csv``'s own field size limit is never below
    (:func:`~cec_rules._roster.limits.check_csv_setting`)."""
    text = str(error)
    if "unexpected end of data" in text:
        return file_unterminated_quote(row)
    if "field larger than field limit" in text:
        return file_cell_too_long(row, None, None, most)
    return Finding(
        code="file-malformed-csv",
        row=row,
        message=f"the CSV cannot be read here: {text}",
        hint="look for a double quote in the middle of a cell; quote the whole cell instead",
    )


def file_too_many_rows(limit: int) -> Finding:
    """The file has more data rows than the policy allows."""
    return Finding(
        code="file-too-many-rows",
        message=f"the file has more than {limit:,} data rows",
        hint="split the roster into several files",
    )


SAVE_AS_CSV = "save the roster from the spreadsheet as 'CSV UTF-8' and upload that"
EXTRA = "pip install 'cec-rules[spreadsheets]'"


def file_not_a_roster(kind: str) -> Finding:
    """The file is a document or an image, not a roster."""
    return Finding(
        code="file-not-a-roster",
        message=f"the file appears to be {kind}, not a roster",
        hint=f"{SAVE_AS_CSV}, or upload the workbook itself",
    )


def file_workbook_needs_extra(kind: str) -> Finding:
    """The file is a workbook and the workbook reader is not installed."""
    return Finding(
        code="file-workbook-needs-extra",
        message=f"the file appears to be {kind}; reading workbooks needs the optional "
        f"'spreadsheets' extra, which is not installed ({EXTRA})",
        hint=f"{SAVE_AS_CSV}, or ask for the 'spreadsheets' extra to be installed",
    )


def file_workbook_unreadable(kind: str, error: str) -> Finding:
    """The file starts as a workbook does, but the reader cannot open it."""
    return Finding(
        code="file-workbook-unreadable",
        message=f"the file appears to be {kind}, but it cannot be opened as a workbook: "
        f"{clip(error, 120)}",
        hint=f"open it in the spreadsheet program and save it again, or {SAVE_AS_CSV}",
    )


def file_workbook_too_large(kind: str, size: int, unpacked: int, *, stated: bool = True) -> Finding:
    """The workbook unpacks to far more than a workbook of its size does: ``unpacked``
    bytes as its archive states, or (not ``stated``) more than that, as counted."""
    more = "" if stated else "more than "
    return Finding(
        code="file-workbook-too-large",
        message=f"the file appears to be {kind} of {size:,} bytes that unpacks to "
        f"{more}{unpacked:,} bytes, far more than a roster's workbook does",
        hint=f"{SAVE_AS_CSV}, or open the workbook and save it again",
    )


def file_no_such_sheet(name: str, names: Sequence[str]) -> Finding:
    """The workbook has no sheet of the name the caller gave."""
    return Finding(
        code="file-no-such-sheet",
        message=f"the workbook has no sheet named {clip(name)!r}; its sheets are "
        + ", ".join(repr(clip(n)) for n in names),
        hint="name one of the workbook's sheets, or leave the sheet out to read the first",
    )


def aast_id_numbers(rows: Sequence[int]) -> Finding:
    """AAST ID cells that were numbers (a workbook's, a DataFrame's), read as their digits."""
    shown = ", ".join(map(str, rows[:10])) + (", …" if len(rows) > 10 else "")
    return Finding(
        code="aast-id-numbers",
        field="aast_id",
        message=f"the AAST ID was a number, not text, in {len(rows):,} row(s) "
        f"(row {shown}); each was read as its digits",
        hint="a spreadsheet may have dropped leading zeros from these IDs: format the AAST ID "
        "column as text and type the IDs as the accounts show them",
    )


# --------------------------------------------------------------------------
# The shape of a row (`roster-fields`)


def row_not_a_record(row: int) -> Finding:
    """An entry of records that is not a mapping."""
    return Finding(
        code="row-not-a-record",
        row=row,
        message=f"entry {row - 1} is not a mapping of field names to values",
    )


def row_undecodable(row: int, shown: Sequence[str]) -> Finding:
    """A row of a UTF-8 file that holds bytes that are not UTF-8 (``shown`` as
    :func:`~cec_rules._roster.sources.undecoded` shows them)."""
    more = len(shown) > 8
    return Finding(
        code="row-undecodable",
        row=row,
        message=f"the row holds bytes that are not UTF-8: {', '.join(shown[:8])}"
        + (", …" if more else ""),
        hint="the rest of the file is UTF-8; " + SAVE_AS_UTF8,
    )


def row_ragged(row: int, cells: int, width: int) -> Finding:
    """A row with another number of cells than the header."""
    return Finding(
        code="row-ragged",
        row=row,
        message=f"the row has {cells} cells where the header has {width}",
        hint="look for a comma inside a name that is not in quotes, or a missing cell",
    )


def field_missing(row: int, field: str) -> Finding:
    """A blank cell."""
    return Finding(
        code="field-missing",
        row=row,
        field=field,
        message=f"{FIELD_TITLES[field]} is blank",
        hint="every row needs all five fields",
    )


# --------------------------------------------------------------------------
# The fields of a row


def program_id_mismatch(row: int, value: str, expected: str) -> Finding:
    """`program-id-match`: the row names another program."""
    return Finding(
        code="program-id-mismatch",
        row=row,
        field="program_id",
        message=f"{clip(value)!r} is not this offering's Program ID {expected!r}",
        hint="report each program's attendees on its own roster",
    )


def aast_id_spreadsheet_number(row: int, value: str) -> Finding:
    """`aast-id-format`: a spreadsheet turned the ID into a number."""
    return Finding(
        code="aast-id-spreadsheet-number",
        row=row,
        field="aast_id",
        message=f"{value!r} is not an AAST ID",
        hint="a spreadsheet turned this ID into a number; format the column as text and "
        "export again, or type the ID as shown on the account",
    )


def aast_id_format(row: int, value: str, policy: Policy) -> Finding:
    """`aast-id-format`: the ID is not of the policy's shape, which the message describes."""
    allowed = allowed_ids(
        policy.aast_id_characters, policy.aast_id_min_length, policy.aast_id_max_length
    )
    return Finding(
        code="aast-id-format",
        row=row,
        field="aast_id",
        message=f"{clip(value)!r} is not an AAST ID ({allowed})",
        hint="copy the ID exactly as shown on the attendee's AAST account",
    )


#: Ranges of an AAST ID's characters that have a name in words, by what the set holds.
_NAMED_RANGES = {
    ("A", "Z"): "capital letters",
    ("a", "z"): "small letters",
    ("0", "9"): "digits",
    ("-", "-"): "hyphens",
    ("_", "_"): "underscores",
    (".", "."): "full stops",
}


@functools.lru_cache(maxsize=16)
def allowed_ids(characters: str, shortest: int, longest: int) -> str:
    """The AAST IDs a policy allows, in words: its characters, then its lengths.

    >>> allowed_ids("A-Za-z0-9-", 1, 20)
    'letters, digits and hyphens, 1 to 20 characters'
    >>> allowed_ids("0-9A-F#", 8, 8)
    "digits, 'A' to 'F' and '#', exactly 8 characters"
    """
    ranges = character_ranges(characters)
    words = [
        _NAMED_RANGES.get(pair)
        or (repr(pair[0]) if pair[0] == pair[1] else "{!r} to {!r}".format(*pair))
        for pair in ranges
    ]
    if ("A", "Z") in ranges and ("a", "z") in ranges:
        # Both cases: letters, where the capitals are.
        words = ["letters" if w == "capital letters" else w for w in words if w != "small letters"]
    words = list(dict.fromkeys(words))
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    unit = "character" if longest == 1 else "characters"
    length = f"exactly {longest}" if shortest == longest else f"{shortest} to {longest}"
    return f"{listed}, {length} {unit}"


def name_refused(row: int, field: str, name: str, code: str, problem: str) -> Finding:
    """`name-fields`: a name refused for ``problem`` (from :func:`cec_rules.names.name_problem`)."""
    return Finding(
        code=code,
        row=row,
        field=field,
        message=f"{FIELD_TITLES[field]} {clip(name)!r} {problem}",
        hint=_NAME_HINTS.get(code),
    )


_NAME_HINTS = {
    "name-encoding-damage": "the file's encoding was lost when it was saved; open the "
    "original and save it as 'CSV UTF-8', or type the name again",
}


class DateProblem(NamedTuple):
    """Why a completion date text is not a date (`completion-date`): a finding's
    code, message and hint, before it is placed in a row with :meth:`at`."""

    code: str
    message: str
    hint: str | None

    def at(self, row: int) -> Finding:
        """The finding for this problem in ``row``."""
        return Finding(
            code=self.code,
            row=row,
            field="completion_date",
            message=self.message,
            hint=self.hint,
        )


def date_day_month_order(value: str, year: int, month: int, day: int) -> DateProblem:
    """A slash date whose month is past 12 but whose day could be a month."""
    return DateProblem(
        "date-day-month-order",
        f"{value!r} has no month {month}",
        f"this looks like day/month order; write it as {day}/{month}/{year} "
        f"(month first) or {year}-{day:02d}-{month:02d}",
    )


def date_no_such_day(value: str) -> DateProblem:
    """A date of the right shape naming no day of the calendar."""
    return DateProblem("date-no-such-day", f"{value!r} is not a day in the calendar", None)


def date_two_digit_year(value: str) -> DateProblem:
    """A date with a two-digit year, never guessed."""
    return DateProblem(
        "date-two-digit-year",
        f"{value!r} has a two-digit year",
        "write the year in full, for example 3/2/2026 or 2026-03-02",
    )


def date_spreadsheet_serial(value: str) -> DateProblem:
    """A date a spreadsheet turned into its serial number."""
    return DateProblem(
        "date-spreadsheet-serial",
        f"{value!r} is a number, not a date",
        "a spreadsheet turned this date into its serial number; format the column as "
        "text or as a date (YYYY-MM-DD) and export again",
    )


def date_format(value: str) -> DateProblem:
    """Any other text that is not a date."""
    return DateProblem(
        "date-format",
        f"{value!r} is not a date in YYYY-MM-DD or M/D/YYYY form",
        "write dates as 2026-03-02 or 3/2/2026",
    )


def date_outside_offering(
    row: int, completed: date, offering: Offering, value: str, day_first: date | None
) -> Finding:
    """`completion-date`: completed before the offering starts or after it ends; the
    hint names ``day_first``, the date ``value`` names read day first, when that falls
    inside the offering."""
    hint = "check the date, or whether the row belongs to another offering"
    if day_first is not None:
        hint = (
            f"read day first, {clip(value.strip())!r} is {day_first.isoformat()}, inside the "
            f"offering; if the file writes the day first, write this date as "
            f"{_month_first(day_first)} (month first) or {day_first.isoformat()}"
        )
    return Finding(
        code="date-outside-offering",
        row=row,
        field="completion_date",
        message=f"{completed.isoformat()} is outside the offering "
        f"({offering.start.isoformat()} to {offering.end.isoformat()})",
        hint=hint,
    )


def _month_first(day: date) -> str:
    """A date written M/D/YYYY."""
    return f"{day.month}/{day.day}/{day.year}"


def date_ambiguous_order(
    value: str, month_first: date, day_first: date, proof_row: int, proof: str
) -> DateProblem:
    """A slash date that names one day month first and another day first, in a file
    that writes the day first (``proof``, in ``proof_row``, has no such month)."""
    return DateProblem(
        "date-ambiguous-order",
        f"{clip(value.strip())!r} could be {month_first.isoformat()} (month first) or "
        f"{day_first.isoformat()} (day first)",
        f"the file writes the day first, as {clip(proof.strip())!r} in row {proof_row} shows; "
        f"if this date is {day_first.isoformat()}, write it as {_month_first(day_first)} "
        f"(month first) or {day_first.isoformat()}",
    )


def date_mixed_order(value: str, month_first: date, proof_row: int, proof: str) -> DateProblem:
    """A slash date that names a day only month first, in a file that writes the day
    first (``proof``, in ``proof_row``, has no such month)."""
    return DateProblem(
        "date-mixed-order",
        f"{clip(value.strip())!r} names a day only month first ({month_first.isoformat()}), "
        f"but the file writes the day first, as {clip(proof.strip())!r} in row {proof_row} shows",
        f"check the date, which names no day read day first; if it is "
        f"{month_first.isoformat()}, write it as {month_first.isoformat()}, which reads one "
        "way only",
    )


def date_after_report(row: int, completed: date, report_date: date) -> Finding:
    """`completion-date`: completed after the day of the report."""
    return Finding(
        code="date-after-report",
        row=row,
        field="completion_date",
        message=f"{completed.isoformat()} is after the report date {report_date.isoformat()}",
        hint="report attendees only once they have completed the program",
    )


# --------------------------------------------------------------------------
# Windows (`reporting-window`, `self-paced-window`)


def self_paced_window_closed(row: int, completed: date, window: ReportingWindow) -> Finding:
    """`self-paced-window`: this attendee's window closed before the report date."""
    return Finding(
        code="self-paced-window-closed",
        row=row,
        field="completion_date",
        message=f"completed {completed.isoformat()}, so the last day to report was "
        f"{window.last_day.isoformat()}; {window.days_over} day(s) late",
        hint="ask the association's staff for an extension",
    )


def window_not_open(row: int, window: ReportingWindow) -> Finding:
    """`reporting-window`: the offering has not ended yet."""
    return Finding(
        code="window-not-open",
        row=row,
        message=f"the offering ends on {window.opens.isoformat()}; attendance can be "
        "reported from then on",
    )


def window_closed(row: int, window: ReportingWindow) -> Finding:
    """`reporting-window`: the last day to report has passed."""
    return Finding(
        code="window-closed",
        row=row,
        message=f"the last day to report was {window.last_day.isoformat()}; the roster is "
        f"{window.days_over} day(s) late",
        hint="ask the association's staff for an extension",
    )


# --------------------------------------------------------------------------
# Accounts and claims (`account-exists`, `name-match`, `one-claim`)


def account_not_found(row: int, aast_id: str, padded: str | None = None) -> Finding:
    """`account-exists`: no account has the ID.  An ID of digits only may have lost its
    leading zeros to a spreadsheet (`aast-id-format`): the hint says so, and names
    ``padded``, the one ID with leading zeros added that an account has, if any."""
    if padded is not None:
        hint = (
            f"an account has the ID {padded!r}: a spreadsheet may have dropped its leading "
            "zeros; format the AAST ID column as text and export again"
        )
    elif aast_id.isascii() and aast_id.isdigit():
        hint = (
            "if the ID began with zeros, a spreadsheet may have dropped them: format the AAST "
            "ID column as text and export again; otherwise check the ID or ask the attendee "
            "to create a guest account"
        )
    else:
        hint = (
            "every attendee who claims CECs needs an AAST account; check the ID or ask the "
            "attendee to create a guest account"
        )
    return Finding(
        code="account-not-found",
        row=row,
        field="aast_id",
        message=f"no AAST member or guest account has the ID {aast_id!r}",
        hint=hint,
    )


def name_mismatch(
    row: int, first: str, last: str, account: Account, *, refuse: bool, first_same: bool
) -> Finding:
    """`name-match`: the row's names differ from the account's (``first_same``: only the
    last name does); a warning, or an error when the policy refuses mismatches."""
    return Finding(
        code="name-mismatch-refused" if refuse else "name-mismatch",
        row=row,
        field="last_name" if first_same else "first_name",
        message=f"the row names {first} {last}, the account {account.aast_id!r} names "
        f"{account.first_name} {account.last_name}",
        hint="check that the AAST ID belongs to this attendee; neither name was changed",
    )


def duplicate_in_roster(row: int, aast_id: str, accepted_row: int) -> Finding:
    """`one-claim`: the ID is accepted in an earlier row of this roster."""
    return Finding(
        code="duplicate-in-roster",
        row=row,
        field="aast_id",
        message=f"{aast_id!r} is already accepted in row {accepted_row}",
        hint="report each attendee once per offering",
    )


def already_reported(row: int, aast_id: str) -> Finding:
    """`one-claim`: the ID was reported for this offering in an earlier roster."""
    return Finding(
        code="already-reported",
        row=row,
        field="aast_id",
        message=f"{aast_id!r} was already reported for this offering in an earlier roster",
        hint="a later roster should list only attendees not reported before",
    )
