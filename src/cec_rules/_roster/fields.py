"""The grammar of a roster as data: the five fields (`roster-fields`), the header
names that stand for them, and the shapes of completion dates and AAST IDs.
"""

from __future__ import annotations

import re

#: The five fields of a roster row, in the order results use (`roster-fields`).
FIELDS = ("program_id", "aast_id", "first_name", "last_name", "completion_date")

#: Each field as the rule book and a spreadsheet's header name it.
FIELD_TITLES = {
    "program_id": "Program ID",
    "aast_id": "AAST ID",
    "first_name": "First Name",
    "last_name": "Last Name",
    "completion_date": "Completion Date",
}

NAME_FIELDS = ("first_name", "last_name")

# Header names, after lower-casing and turning "_" and "-" into spaces and
# collapsing spaces (header_key), that stand for each field.
HEADER_ALIASES = {
    "program id": "program_id",
    "programid": "program_id",
    "program": "program_id",
    "program number": "program_id",
    "program no": "program_id",
    "aast id": "aast_id",
    "aastid": "aast_id",
    "aast": "aast_id",
    "aast number": "aast_id",
    "aast member id": "aast_id",
    "member id": "aast_id",
    "first name": "first_name",
    "firstname": "first_name",
    "first": "first_name",
    "given name": "first_name",
    "last name": "last_name",
    "lastname": "last_name",
    "last": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "completion date": "completion_date",
    "completiondate": "completion_date",
    "date completed": "completion_date",
    "completed": "completion_date",
    "completed on": "completion_date",
}


def header_key(cell: str) -> str:
    """A header cell as :data:`HEADER_ALIASES` keys it: lower case, "_" and "-" as
    spaces, spaces collapsed, a byte-order mark dropped."""
    return " ".join(cell.replace("\ufeff", "").replace("_", " ").replace("-", " ").lower().split())


def field_of(cell: str) -> str | None:
    """The field a header cell (or a record's key) names, if any."""
    return HEADER_ALIASES.get(header_key(cell))


# Each field's title as header_key spells it, without its spaces.
_EXACT_KEYS = {header_key(title).replace(" ", ""): field for field, title in FIELD_TITLES.items()}


def naming(cell: str) -> tuple[str, bool] | None:
    """The field a header cell (or a record's key) names, if any, and whether it names it
    exactly: its name is the field's title ("Program ID", "program_id", "ProgramID",
    in any case), not one that only resembles it ("Program", "Member ID")."""
    key = header_key(cell)
    field = HEADER_ALIASES.get(key)
    if field is None:
        return None
    return field, _EXACT_KEYS.get(key.replace(" ", "")) == field


# Completion dates (`completion-date`): the two accepted shapes, and the shapes
# of the usual mistakes, each refused with its own finding.
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
SHORT_YEAR_DATE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2}", re.ASCII)
SERIAL_DATE = re.compile(r"\d{4,6}(\.\d+)?", re.ASCII)

# An AAST ID a spreadsheet turned into a number (`aast-id-format`): 1.23457E+11, 123.0.
SPREADSHEET_NUMBER = re.compile(r"\d+(\.\d*)?[eE][+-]?\d+|\d+\.0+", re.ASCII)

# The ASCII characters str.strip removes, but for the line breaks.
ASCII_SPACES = " \t\x0b\x0c\x1c\x1d\x1e\x1f"

# The first cell of a row made from an entry of records that is not a mapping;
# its second cell is the entry's repr.  No text read from a file starts so.
NOT_A_RECORD = "\x00not-a-record"
