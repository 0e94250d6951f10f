"""Policies and their effective-dated schedule (`policy-version`).

A :class:`Policy` holds every figure of the rule book: rates, day counts, the
CEC increment and maximum, the rounding mode, the association's time zone and
the AAST ID knob and the roster limits.  It is immutable and checked when it is
built.

A :class:`PolicySchedule` holds dated versions.  The version in force on a date
is, among the versions whose period contains the date, the one that started
last.  So a bounded version (a sale through December 31) gives way to the
figures that were in force before it once it ends, and an open-ended version
stays until a later one starts.

Both load from TOML text (:func:`policy_from_toml`, :func:`schedule_from_toml`),
strictly: an unknown key, a wrong type, or a float where money is expected is
an :class:`~cec_rules.errors.InvalidPolicy` naming the key path.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import os
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from heapq import heappop, heappush
from importlib import resources
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from cec_rules.errors import (
    CecRulesError,
    InvalidArgument,
    InvalidPolicy,
    NaiveDatetime,
    PolicyFloat,
    PolicyNotInForce,
    RefusedFloat,
)
from cec_rules.jsonio import JSON_FLOAT_ADVICE, JsonValue
from cec_rules.money import ROUNDING_MODES, to_decimal

__all__ = [
    "DEFAULT_POLICY",
    "NameMismatch",
    "Policy",
    "PolicySchedule",
    "PolicyVersion",
    "default_schedule",
    "load_toml",
    "policy_from_toml",
    "schedule_from_toml",
]

#: The date from which the rule book's figures apply (the association's 2020 program).
PROGRAM_START = date(2020, 1, 1)


class NameMismatch(enum.Enum):
    """What a roster does when a row's names differ from the account's (`name-match`)."""

    WARN = "warn"
    REFUSE = "refuse"


# The longest late window or reporting window a policy may set: ten years.
_MAX_WINDOW_DAYS = 3650

#: The largest value of each roster limit.  The reader counts rows and cuts cells by
#: these, so a limit past them (a TOML integer may be 10**30) is refused when the
#: policy is built, not met as an OverflowError or an endless count while a roster is read.
ROSTER_LIMITS = {
    "name_max_length": 100_000,
    "max_cell_length": 100_000,
    "max_roster_rows": 1_000_000_000,
    "max_columns": 10_000,
    "max_line_length": 16 << 20,
}

#: The most characters of TOML text a policy or schedule may hold (about 20,000 versions).
MAX_TOML_CHARS = 2_000_000

#: The deepest TOML tables and arrays may nest (a schedule needs 2: [[versions]] tables).
MAX_TOML_DEPTH = 20


def _money_field(default: str) -> Any:
    return attrs.field(default=Decimal(default), metadata={"kind": "money"})


def _int_field(default: int) -> Any:
    return attrs.field(default=default, metadata={"kind": "int"})


@attrs.frozen(kw_only=True)
class Policy(JsonValue):
    """One version of the program's figures.  Every default is the rule book's.

    Build a variant with :func:`attrs.evolve`::

        >>> import attrs
        >>> sale = attrs.evolve(DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal("10"))
        >>> sale.application_fee_per_cec
        Decimal('10')

    Amounts are ``Decimal`` (or ``int``/numeric ``str``, converted); a float is
    refused.  Every value is checked here, so a ``Policy`` that exists is usable.
    """

    #: A short name shown in comparisons and explanations.
    label: str = attrs.field(default="AAST CEC program 2020", metadata={"kind": "str"})
    #: `application-fee`: dollars per CEC, per offering charged.
    application_fee_per_cec: Decimal = _money_field("50.00")
    #: `late-surcharge`: dollars per CEC added to a late offering.
    late_surcharge_per_cec: Decimal = _money_field("25.00")
    #: `late-surcharge`: an offering starting this many days or fewer after submission is late.
    late_window_days: int = _int_field(30)
    #: `reporting-window`: days after the offering ends (or completion, self-paced) to report.
    reporting_window_days: int = _int_field(45)
    #: `filing-fee`: dollars per accepted member attendee.
    member_filing_fee: Decimal = _money_field("5.00")
    #: `filing-fee`: dollars per accepted guest attendee.
    guest_filing_fee: Decimal = _money_field("10.00")
    #: `cec-amount`: CECs come in steps of this size.
    cec_increment: Decimal = _money_field("0.25")
    #: `cec-amount`: the most CECs one offering may carry.
    cec_maximum: Decimal = _money_field("100")
    #: `money-rounding`: the ``decimal`` rounding mode for each fee line.
    rounding: str = attrs.field(default="ROUND_HALF_UP", metadata={"kind": "str"})
    #: `submission-date`: the IANA zone in which dates are counted.
    time_zone: str = attrs.field(default="America/Chicago", metadata={"kind": "str"})
    #: `aast-id-format`: the characters a trimmed AAST ID may hold, written as in
    #: :func:`character_ranges`: ranges ``X-Y`` and single characters; a hyphen first
    #: or last stands for itself.
    aast_id_characters: str = attrs.field(default="A-Za-z0-9-", metadata={"kind": "str"})
    #: `aast-id-format`: the fewest characters in a trimmed AAST ID (at least 1).
    aast_id_min_length: int = _int_field(1)
    #: `aast-id-format`: the most characters in a trimmed AAST ID (at most 100,000).
    aast_id_max_length: int = _int_field(20)
    #: `name-fields`: the most characters in a first or last name.
    name_max_length: int = _int_field(100)
    #: `name-match`: warn on an accepted row, or refuse it.
    name_mismatch: NameMismatch = attrs.field(default=NameMismatch.WARN, metadata={"kind": "enum"})
    #: `filing-fee`: True when a guest's filing fee may be below a member's on purpose.
    guest_fee_below_member: bool = attrs.field(default=False, metadata={"kind": "bool"})
    #: `offering-count`: charge each offering on its own (True) or once per application.
    charge_per_offering: bool = attrs.field(default=True, metadata={"kind": "bool"})
    #: `roster-file`: the most characters one roster cell may hold; a longer cell
    #: refuses the file.
    max_cell_length: int = _int_field(1000)
    #: `roster-file`: the most data rows one roster may hold.
    max_roster_rows: int = _int_field(200_000)
    #: `roster-file`: the most columns (cells up to the last one not blank) a row may hold.
    max_columns: int = _int_field(64)
    #: `roster-file`: the most characters a line of CSV text may hold (64 KiB of ASCII
    #: text); a record whose quoted line breaks join several lines counts as one line.
    max_line_length: int = _int_field(65_536)

    zone: ZoneInfo = attrs.field(init=False, eq=False, repr=False)
    #: `aast-id-format`: the AAST ID knob as one regular expression, built from the
    #: three fields above: a single character class with a bounded repeat, which
    #: decides a cell in time linear in its length (no backtracking to blow up).
    aast_id_regex: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)
    #: This policy as a one-version schedule, built once, on first use, by :func:`as_schedule`.
    _single: PolicySchedule | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(type(self)):
            kind = field.metadata.get("kind")
            if kind is not None:
                value = _check_kind(kind, field, getattr(self, field.name), field.name)
                object.__setattr__(self, field.name, value)
        self._check_figures()
        zone = _zone(self.time_zone)
        regex = _aast_id_regex(
            self.aast_id_characters, self.aast_id_min_length, self.aast_id_max_length
        )
        object.__setattr__(self, "zone", zone)
        object.__setattr__(self, "aast_id_regex", regex)

    @property
    def aast_id_pattern(self) -> str:
        """The regular expression a whole trimmed AAST ID matches, as text (read only).

        Built from :attr:`aast_id_characters` and the two lengths; a policy no
        longer takes a pattern of its own (`aast-id-format`)::

            >>> DEFAULT_POLICY.aast_id_pattern
            '[A-Za-z0-9-]{1,20}'
        """
        return self.aast_id_regex.pattern

    def _check_figures(self) -> None:
        if self.cec_increment <= 0:
            raise InvalidPolicy("the CEC increment must be positive", path="cec_increment")
        if self.cec_maximum < self.cec_increment:
            raise InvalidPolicy(
                f"the maximum {self.cec_maximum} is below the increment {self.cec_increment}",
                path="cec_maximum",
            )
        if self.rounding not in ROUNDING_MODES:
            raise InvalidPolicy(
                f"{self.rounding!r} is not a decimal rounding mode; use one of "
                + ", ".join(sorted(ROUNDING_MODES)),
                path="rounding",
            )
        for name, most in ROSTER_LIMITS.items():
            value = getattr(self, name)
            if value < 1:
                raise InvalidPolicy("must be at least 1", path=name)
            if value > most:
                raise InvalidPolicy(
                    f"{value} is more than the roster reader takes; "
                    f"use a whole number from 1 to {most:,}",
                    path=name,
                )
        for name in ("late_window_days", "reporting_window_days"):
            # A window of years is a typing slip, and one of millions of days runs off
            # the calendar wherever dates are counted from it.
            days = getattr(self, name)
            if days > _MAX_WINDOW_DAYS:
                raise InvalidPolicy(
                    f"{days} days is more than ten years ({_MAX_WINDOW_DAYS} days); "
                    "day counts may not be",
                    path=name,
                )

    def to_dict(self) -> dict[str, Any]:
        """Return the policy as JSON-ready data: amounts as strings, in TOML key order."""
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self)):
            if field.init:
                value = getattr(self, field.name)
                if isinstance(value, Decimal):
                    value = str(value)
                elif isinstance(value, NameMismatch):
                    value = value.value
                out[field.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        """Build a policy from JSON-ready data: :meth:`to_dict`'s, or a policy file's
        keys as JSON.  Keys left out keep the rule book's values.

        Strict, as :func:`policy_from_toml`: an unknown key or a value of the wrong
        kind is an :class:`~cec_rules.errors.InvalidPolicy` naming the key; a JSON
        float where money goes is a :class:`~cec_rules.errors.PolicyFloat` saying to
        parse the text with ``json.loads(text, parse_float=Decimal)``.

        >>> Policy.from_dict({"label": "sale", "application_fee_per_cec": "10.00"}).label
        'sale'
        """
        if not isinstance(data, Mapping):
            raise InvalidPolicy(f"expected a mapping of policy keys, got {type(data).__name__}")
        with _json_floats():
            return policy_from_mapping(data)

    def to_toml(self) -> str:
        """Return the policy as TOML text that :func:`policy_from_toml` reads back."""
        return "".join(f"{key} = {_toml_value(value)}\n" for key, value in self.to_dict().items())


@functools.cache
def _iana_zones() -> frozenset[str]:
    """The IANA zone names, as the tzdata package (a dependency) lists them.

    ZoneInfo also answers to names of the host's files that are no IANA zone:
    ``localtime`` (the machine's own zone), ``posixrules``, the ``right/`` and
    ``posix/`` copies, and other cases of a name on a case-blind disk.  A policy
    names a zone of this list, so its dates are the same on every machine.
    """
    text = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(text.split())


def _zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``, or :class:`InvalidPolicy` under ``time_zone``."""
    reason = f"{name!r} is not an IANA time zone; use an IANA zone name such as 'America/Chicago'"
    if name not in _iana_zones():
        raise InvalidPolicy(reason, path="time_zone")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a listed zone the files lack
        raise InvalidPolicy(reason, path="time_zone") from None


# --------------------------------------------------------------------------
# The AAST ID knob (`aast-id-format`): a set of characters and a length range

#: The longest an AAST ID may be allowed to be: the longest cell any policy reads.
_LONGEST_ID = ROSTER_LIMITS["max_cell_length"]

#: The most characters ``aast_id_characters`` may be written in: ranges keep a set short.
_LONGEST_SET_TEXT = 1000

#: The characters no AAST ID may hold, as inclusive ranges of code points: the control
#: characters (category Cc), whitespace as ``str.isspace`` sees it (every line break
#: among it) and the surrogates (Cs).  A table, so that a range as wide as all of
#: Unicode is checked in a few steps; ``tests/test_policy.py`` holds it to the
#: Unicode database of the running Python.
_NOT_IN_IDS = (
    (0x00, 0x20),  # the C0 controls (tab, line feed, ...) and the space
    (0x7F, 0xA0),  # DEL, the C1 controls (next line among them) and the no-break space
    (0x1680, 0x1680),  # Ogham space mark
    (0x2000, 0x200A),  # en quad to hair space
    (0x2028, 0x2029),  # line separator, paragraph separator
    (0x202F, 0x202F),  # narrow no-break space
    (0x205F, 0x205F),  # medium mathematical space
    (0x3000, 0x3000),  # ideographic space
    (0xD800, 0xDFFF),  # the surrogates
)

_NOT_IN_IDS_TEXT = "an AAST ID may hold no whitespace, line break, control character or surrogate"


def character_ranges(text: str) -> tuple[tuple[str, str], ...]:
    r"""The characters an ``aast_id_characters`` text allows, as (first, last) ranges in
    the order written; a single character is the range (c, c) (`aast-id-format`).

    The text is read from left to right:

    * ``X-Y``, a character, a hyphen and a character, stands for every character
      from ``X`` to ``Y`` inclusive, by code point (``A-Z``, ``0-9``); ``X`` may
      not come after ``Y``;
    * any other character stands for itself;
    * so a hyphen stands for itself only first or last (``-A-Z``, ``A-Z-``); a
      hyphen elsewhere that is not inside a range (``A-Z-9``) is refused.

    There are no escapes: a backslash is refused, so that ``\d`` or ``\-`` copied
    from a regular expression is not taken for the characters ``\`` and ``d``;
    and a text in brackets (``[A-Z]``) is refused, since the brackets would be
    allowed characters.  No character of the set, a range's included, may be
    whitespace, a line break, a control character or a surrogate.  The text is at
    most 1,000 characters.  A bad text is an :class:`InvalidPolicy` under
    ``aast_id_characters`` saying what to write.

    >>> character_ranges("A-Za-z0-9-")
    (('A', 'Z'), ('a', 'z'), ('0', '9'), ('-', '-'))
    """
    path = "aast_id_characters"
    if not text:
        raise InvalidPolicy(
            "the set of allowed characters is empty; write it as ranges and single "
            'characters, as in "A-Za-z0-9-"',
            path=path,
        )
    if len(text) > _LONGEST_SET_TEXT:
        raise InvalidPolicy(
            f"the set is written in {len(text):,} characters; write it in at most "
            f"{_LONGEST_SET_TEXT:,}, with ranges such as A-Z for runs of characters",
            path=path,
        )
    if "\\" in text:
        raise InvalidPolicy(
            "a backslash is not allowed: the set is ranges and single characters with no "
            "escapes, not a regular expression (write 0-9 for digits, and a hyphen first "
            "or last)",
            path=path,
        )
    if len(text) > 1 and text[0] == "[" and text[-1] == "]":
        raise InvalidPolicy(
            f"write the characters without the brackets of a regular expression: "
            f"{text[1:-1]!r}, not {text!r}",
            path=path,
        )
    ranges = []
    index, end = 0, len(text)
    while index < end:
        first = text[index]
        if index + 2 < end and text[index + 1] == "-":
            last, written = text[index + 2], text[index : index + 3]
            if last < first:
                raise InvalidPolicy(
                    f"the range {written!r} runs backwards; write its lower character first, "
                    f"as in {last + '-' + first!r}",
                    path=path,
                )
            index += 3
        else:
            if first == "-" and 0 < index < end - 1:
                raise InvalidPolicy(
                    f"the hyphen after {text[index - 1]!r} is not inside a range; to allow "
                    'a hyphen, write it first or last, as in "A-Za-z0-9-"',
                    path=path,
                )
            last, written = first, first
            index += 1
        _check_fit(first, last, written)
        ranges.append((first, last))
    return tuple(ranges)


def _check_fit(first: str, last: str, written: str) -> None:
    """Refuse the range from ``first`` to ``last`` when it holds a character of
    :data:`_NOT_IN_IDS`, naming the first such character."""
    for low, high in _NOT_IN_IDS:
        if low <= ord(last) and ord(first) <= high:
            code = max(low, ord(first))
            name = unicodedata.name(chr(code), "")
            named = f"U+{code:04X} {name}".rstrip()
            if first == last:
                reason = f"{written!r} is {named} ({_unfit_kind(chr(code))}); {_NOT_IN_IDS_TEXT}"
            else:
                reason = (
                    f"the range {written!r} holds {named} ({_unfit_kind(chr(code))}); "
                    f"{_NOT_IN_IDS_TEXT}: split the range to leave it out"
                )
            raise InvalidPolicy(reason, path="aast_id_characters")


def _unfit_kind(char: str) -> str:
    """What a character of :data:`_NOT_IN_IDS` is, in words."""
    if len(f"a{char}b".splitlines()) > 1:
        return "a line break"
    category = unicodedata.category(char)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "a surrogate"
    return "whitespace"


def _written(ranges: Iterable[tuple[str, str]], escape: Callable[[str], str]) -> str:
    """``ranges`` written as a set again (``escape`` applied to each character), with
    no hyphen at the end of a range: a range that starts or ends with one is cut
    there, and one hyphen stands last.  So the text is the same set as an
    ``aast_id_characters`` value and, escaped, inside a regular expression's class.
    """
    parts = []
    hyphen = False
    for first, last in ranges:
        if first == last == "-":
            hyphen = True
            continue
        if first == "-" < last:
            hyphen, first = True, "."  # the character after the hyphen
        elif first < "-" == last:
            hyphen, last = True, ","  # the character before it
        parts.append(escape(first) if first == last else f"{escape(first)}-{escape(last)}")
    return "".join(parts) + ("-" if hyphen else "")


def _aast_id_regex(characters: str, shortest: int, longest: int) -> re.Pattern[str]:
    """The AAST ID knob checked and built into one regular expression: a single
    character class (which holds no line break) with a bounded repeat.  Such a
    pattern cannot backtrack past one step per character, so any cell is decided in
    time linear in its length."""
    ranges = character_ranges(characters)
    for path, length in (("aast_id_min_length", shortest), ("aast_id_max_length", longest)):
        if length < 1:
            raise InvalidPolicy("must be at least 1", path=path)
        if length > _LONGEST_ID:
            raise InvalidPolicy(
                f"{length} is longer than any roster cell may be; "
                f"use a whole number from 1 to {_LONGEST_ID:,}",
                path=path,
            )
    if shortest > longest:
        raise InvalidPolicy(
            f"{shortest} is more than aast_id_max_length {longest}; the shortest an AAST ID "
            "may be cannot be longer than the longest",
            path="aast_id_min_length",
        )
    repeat = f"{shortest}" if shortest == longest else f"{shortest},{longest}"
    return re.compile(f"[{_written(ranges, re.escape)}]{{{repeat}}}")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return '"' + "".join(_toml_char(c) for c in str(value)) + '"'


def _toml_char(char: str) -> str:
    """Escape one character for a TOML basic string: quote, backslash and control characters."""
    if char in '"\\':
        return "\\" + char
    if char < " " or char == "\x7f":
        return f"\\u{ord(char):04x}"
    return char


def _check_kind(kind: str, field: attrs.Attribute[Any], value: object, path: str) -> object:
    """Check and convert one policy value of the given kind; the error names ``path``."""
    if kind == "money":
        try:
            number = to_decimal(value, field=field.name)
        except RefusedFloat as error:
            raise PolicyFloat(_reason(error, value), path=path) from None
        except CecRulesError as error:
            raise InvalidPolicy(_reason(error, value), path=path) from None
        if number < 0:
            raise InvalidPolicy(f"{number} is negative; amounts may not be negative", path=path)
        # "-0" passes the check above; keep its sign out of fee lines ("$-0.00").
        return number.copy_abs()
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidPolicy(f"expected a whole number, got {value!r}", path=path)
        if value < 0:
            raise InvalidPolicy(f"{value} is negative; day counts and limits may not be", path=path)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise InvalidPolicy(f"expected true or false, got {value!r}", path=path)
        return value
    if kind == "enum":
        try:
            return NameMismatch(value.value if isinstance(value, NameMismatch) else value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in NameMismatch)
            raise InvalidPolicy(f"expected one of {choices}, got {value!r}", path=path) from None
    if not isinstance(value, str):
        raise InvalidPolicy(f"expected text, got {value!r}", path=path)
    return value


def _reason(error: CecRulesError, value: object) -> str:
    if isinstance(value, float):
        return f'got the float {value!r}; write money as a string such as "{value:.2f}"'
    return getattr(error, "reason", error.message)


#: The rule book's figures, as a policy.
DEFAULT_POLICY = Policy()

_FIELDS = {field.name: field for field in attrs.fields(Policy) if field.init}


def policy_from_mapping(data: Mapping[str, object], *, path: str = "") -> Policy:
    """Build a policy from parsed TOML or JSON data, strictly; missing keys keep defaults.

    The old key ``aast_id_pattern`` is read as the new AAST ID keys when its pattern
    is one character class with a length range (see :func:`_old_id_knob`).
    """
    prefix = f"{path}." if path else ""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == _OLD_ID_KEY:
            values.update(_from_old_id_key(value, data, prefix + key))
            continue
        field = _FIELDS.get(key)
        if field is None:
            known = ", ".join(sorted(_FIELDS))
            raise InvalidPolicy(f"unknown key; the policy keys are {known}", path=prefix + key)
        values[key] = _check_kind(field.metadata["kind"], field, value, prefix + key)
    try:
        return Policy(**values)
    except InvalidPolicy as error:
        raise type(error)(error.reason, path=prefix + error.path) from None


# --------------------------------------------------------------------------
# The old AAST ID key, a regular expression until December 2026

_OLD_ID_KEY = "aast_id_pattern"
_ID_KEYS = ("aast_id_characters", "aast_id_min_length", "aast_id_max_length")
#: The rule book's knob, shown as the example in the old key's refusals.
_DEFAULT_ID_KNOB = tuple(_FIELDS[key].default for key in _ID_KEYS)

#: An old pattern that is one character class, not negated, with a length range
#: ``{m,n}`` or ``{n}``; or ``\d`` as the class.  Group 1 is the class's inside.
_OLD_ID_SHAPE = re.compile(
    r"(?:\[(?!\^)((?:\\.|[^\\\]])+)\]|\\d)\{(\d{1,9})(?:,(\d{1,9}))?\}", re.DOTALL
)


def _old_id_knob(pattern: str) -> tuple[str, int, int] | None:
    r"""The AAST ID knob (characters, fewest, most) an old ``aast_id_pattern`` stands
    for, or ``None`` when it is not one character class with a length range.

    Inside the class: characters, ranges, ``\d`` (read as the digits 0 to 9, the only
    digits an AAST ID has) and a backslash before an ASCII punctuation character,
    read as that character.  A length range from 0 reads as from 1: a blank ID is
    refused as missing before its format is checked, so the two allow the same IDs.

    >>> _old_id_knob("[A-Z0-9\\-]{1,20}"), _old_id_knob(r"\d{6}"), _old_id_knob("(A|G)+")
    (('A-Z0-9-', 1, 20), ('0-9', 6, 6), None)
    """
    shape = _OLD_ID_SHAPE.fullmatch(pattern)
    if shape is None:
        return None
    inside, low, high = shape.groups()
    ranges = (("0", "9"),) if inside is None else _old_class(inside)
    if ranges is None:
        return None
    shortest = int(low)
    longest = shortest if high is None else int(high)
    return _written(ranges, str), max(shortest, 1), longest


def _old_class(inside: str) -> list[tuple[str, str]] | None:
    """The ranges of the inside of a regular expression's class, read as ``re`` reads
    it, or ``None`` when it holds an escape other than ``\\d`` and ``\\`` before ASCII
    punctuation, or a range with ``\\d`` at one end (which ``re`` refuses)."""
    tokens = re.findall(r"\\.|.", inside, re.DOTALL)
    ranges = []
    index = 0
    while index < len(tokens):
        if index + 2 < len(tokens) and tokens[index + 1] == "-":
            first, last = tokens[index], tokens[index + 2]
            index += 3
        else:
            first = last = tokens[index]
            index += 1
            if first == "\\d":
                ranges.append(("0", "9"))
                continue
        low, high = _old_literal(first), _old_literal(last)
        if low is None or high is None:
            return None
        ranges.append((low, high))
    return ranges


def _old_literal(token: str) -> str | None:
    """The character a token of a class stands for: itself, or the ASCII punctuation
    after a backslash; ``None`` for any other escape (``\\d`` at a range's end too)."""
    if len(token) == 1:
        return token
    char = token[1]
    return char if char.isascii() and not char.isalnum() else None


def _id_keys_text(knob: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{key} = {_toml_value(value)}" for key, value in zip(_ID_KEYS, knob, strict=True)
    )


def _from_old_id_key(value: object, data: Mapping[str, object], path: str) -> dict[str, Any]:
    """The new AAST ID keys for the old key ``aast_id_pattern`` holding ``value``, or
    :class:`InvalidPolicy` under ``path`` showing the new keys to write."""
    example = _id_keys_text(_DEFAULT_ID_KNOB)
    if not isinstance(value, str):
        raise InvalidPolicy(f"expected text, got {value!r}", path=path)
    if any(key in data for key in _ID_KEYS):
        raise InvalidPolicy(
            "the old key may not stand beside aast_id_characters, aast_id_min_length or "
            f"aast_id_max_length, which replace it; remove it and keep the new keys, such as "
            f"{example}",
            path=path,
        )
    knob = _old_id_knob(value)
    if knob is None:
        raise InvalidPolicy(
            f"{value!r} is not one character class with a length range, such as "
            "'[A-Za-z0-9-]{1,20}'; a policy no longer takes a regular expression: write the "
            f"allowed characters and the length instead, such as {example}",
            path=path,
        )
    try:
        _aast_id_regex(*knob)
    except InvalidPolicy as error:
        raise InvalidPolicy(
            f"{value!r} reads as {_id_keys_text(knob)}, which is refused: {error}", path=path
        ) from None
    return dict(zip(_ID_KEYS, knob, strict=True))


def _toml() -> Any:
    """The TOML parser, imported on first use to keep ``import cec_rules`` quick."""
    if sys.version_info >= (3, 11):  # pragma: no cover - one branch per interpreter
        import tomllib

        return tomllib
    import tomli  # pragma: no cover

    return tomli  # pragma: no cover


def _parse_toml(text: str) -> dict[str, Any]:
    if isinstance(text, os.PathLike):
        raise InvalidPolicy(
            "expected the TOML text, got the path "
            f"{os.fspath(text)!r}: load_toml opens no file itself; pass "
            "Path(...).read_text(encoding='utf-8')"
        )
    if not isinstance(text, str):
        raise InvalidPolicy(f"expected TOML text as str, got {type(text).__name__}")
    if len(text) > MAX_TOML_CHARS:
        raise InvalidPolicy(
            f"the TOML text is {len(text):,} characters long; "
            f"a policy file may hold at most {MAX_TOML_CHARS:,}"
        )
    try:
        data: dict[str, Any] = _toml().loads(text)
    except _toml().TOMLDecodeError as error:
        raise InvalidPolicy(f"not valid TOML: {error}") from None
    except RecursionError:
        # The parser recurses once per nested array or inline table: hundreds deep
        # exhaust the stack before the walk below could count them.
        raise _too_deep() from None
    _check_depth(data)
    return data


def _too_deep() -> InvalidPolicy:
    return InvalidPolicy(
        f"the TOML text nests tables and arrays more than {MAX_TOML_DEPTH} deep; "
        "a policy file needs at most 2"
    )


def _check_depth(data: dict[str, Any]) -> None:
    """Refuse parsed TOML nested past :data:`MAX_TOML_DEPTH`, counted without recursing.

    Dotted keys (``a.b.c = 1``) nest tables without brackets, and a value nested
    thousands deep would break the ``repr`` in a later message.
    """
    # The document is level 0; each table or array is one level below the one holding it.
    waiting: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 0)]
    while waiting:
        value, depth = waiting.pop()
        if depth > MAX_TOML_DEPTH:
            raise _too_deep()
        children = value.values() if isinstance(value, dict) else value
        waiting.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def policy_from_toml(text: str) -> Policy:
    """Read one policy from TOML text whose top-level keys are policy fields.

    >>> policy = policy_from_toml('label = "sale"\\napplication_fee_per_cec = "10.00"')
    >>> policy.application_fee_per_cec
    Decimal('10.00')
    """
    return policy_from_mapping(_parse_toml(text))


@attrs.frozen(kw_only=True)
class PolicyVersion(JsonValue):
    """A policy and the dates it is in force: from ``effective_from`` through
    ``effective_until`` inclusive, or open-ended when that is ``None``."""

    effective_from: date = attrs.field()
    policy: Policy = attrs.field(validator=attrs.validators.instance_of(Policy))
    effective_until: date | None = attrs.field(default=None)

    @effective_from.validator
    def _check_from(self, _: attrs.Attribute[date], value: date) -> None:
        _require_date(value, "effective_from")

    @effective_until.validator
    def _check_until(self, _: attrs.Attribute[date | None], value: date | None) -> None:
        if value is None:
            return
        _require_date(value, "effective_until")
        if value < self.effective_from:
            raise InvalidPolicy(
                f"{value.isoformat()} is before effective_from {self.effective_from.isoformat()}",
                path="effective_until",
            )

    def covers(self, on: date) -> bool:
        """Say whether this version's period contains ``on``."""
        return self.effective_from <= on and (
            self.effective_until is None or on <= self.effective_until
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the version as JSON-ready data: its dates, then its policy's keys."""
        until = self.effective_until
        return {
            "effective_from": self.effective_from.isoformat(),
            "effective_until": None if until is None else until.isoformat(),
            **self.policy.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PolicyVersion:
        """Build a version from JSON-ready data, as :meth:`to_dict` writes it: one of
        the ``versions`` that :meth:`PolicySchedule.from_dict` reads, with its errors."""
        with _json_floats():
            return _version_from_table(_dated(data, ""), "")


def _require_date(value: object, path: str) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InvalidPolicy(f"expected a date such as 2020-01-01, got {value!r}", path=path)


def _schedule_versions(
    versions: Iterable[PolicyVersion],
) -> tuple[PolicyVersion, ...]:
    items = tuple(versions) if isinstance(versions, Iterable) else (versions,)
    for item in items:
        if not isinstance(item, PolicyVersion):
            raise InvalidArgument(
                "a schedule's versions are PolicyVersion values (a Policy and the date it takes "
                f"effect), got {item!r}; for one policy, use PolicySchedule.single(policy)"
            )
    ordered = tuple(sorted(items, key=lambda v: v.effective_from))
    if not ordered:
        raise InvalidPolicy("a schedule needs at least one version", path="versions")
    for earlier, later in pairwise(ordered):
        if earlier.effective_from == later.effective_from:
            raise InvalidPolicy(
                f"two versions start on {later.effective_from.isoformat()}; "
                "the version in force would be ambiguous",
                path="versions",
            )
    return ordered


_ZoneSegments = tuple[ZoneInfo, tuple[date, ...], tuple[PolicyVersion | None, ...]]


def _segments(
    versions: tuple[PolicyVersion, ...],
) -> tuple[tuple[date, ...], tuple[PolicyVersion | None, ...]]:
    """The dates where the version in force may change, and the version in force from each.

    ``versions`` are sorted by start, no two on the same day.  The version in force
    changes only where some version starts or on the day after one ends.  One sweep
    over those dates keeps the versions started so far in a heap, latest start on top,
    and drops a top whose period has ended: ``O(n log n)`` for ``n`` versions.
    """
    points = {v.effective_from for v in versions}
    points.update(
        v.effective_until + timedelta(days=1)
        for v in versions
        if v.effective_until is not None and v.effective_until < date.max
    )
    starts = tuple(sorted(points))
    winners: list[PolicyVersion | None] = []
    started: list[int] = []  # negated indexes into versions: the latest start is the smallest
    following = 0
    for point in starts:
        while following < len(versions) and versions[following].effective_from <= point:
            heappush(started, -following)
            following += 1
        # A version that has ended stays ended as the sweep moves on: drop it once on top.
        while started and not versions[-started[0]].covers(point):
            heappop(started)
        winners.append(versions[-started[0]] if started else None)
    return starts, tuple(winners)


def _lookup(
    starts: tuple[date, ...], winners: tuple[PolicyVersion | None, ...], on: date
) -> PolicyVersion | None:
    """The version in force on ``on`` by bisection over :func:`_segments`, or ``None``."""
    index = bisect_right(starts, on) - 1
    return winners[index] if index >= 0 else None


@attrs.frozen
class PolicySchedule(JsonValue):
    """Dated policy versions; :meth:`at` picks the version in force on a date.

    A promotion, such as a sale price through December 31, is a bounded
    version here, not a special case in the code (`promotion`).

    >>> sale = attrs.evolve(DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal("10"))
    >>> schedule = default_schedule().with_version(
    ...     PolicyVersion(effective_from=date(2026, 11, 1), effective_until=date(2026, 12, 31),
    ...                   policy=sale))
    >>> schedule.at(date(2026, 12, 31)).label, schedule.at(date(2027, 1, 1)).label
    ('sale', 'AAST CEC program 2020')
    """

    versions: tuple[PolicyVersion, ...] = attrs.field(converter=_schedule_versions)
    _starts: tuple[date, ...] = attrs.field(init=False, eq=False, repr=False)
    _winners: tuple[PolicyVersion | None, ...] = attrs.field(init=False, eq=False, repr=False)
    #: Per time zone: the zone and the segments of the versions counted in it, for resolve().
    _zones: tuple[_ZoneSegments, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        starts, winners = _segments(self.versions)
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_winners", winners)
        by_zone: dict[str, list[PolicyVersion]] = {}
        for version in self.versions:  # in start order, so each list stays sorted
            by_zone.setdefault(version.policy.time_zone, []).append(version)
        zones: tuple[_ZoneSegments, ...]
        if len(by_zone) == 1:
            zones = ((self.versions[0].policy.zone, starts, winners),)
        else:
            zones = tuple(
                (group[0].policy.zone, *_segments(tuple(group))) for group in by_zone.values()
            )
        object.__setattr__(self, "_zones", zones)

    def version_at(self, on: date) -> PolicyVersion:
        """Return the version in force on ``on``, or raise :class:`PolicyNotInForce`."""
        winner = _lookup(self._starts, self._winners, on)
        if winner is None:
            raise PolicyNotInForce.on_date(on, self.versions[0].effective_from)
        return winner

    def at(self, on: date) -> Policy:
        """Return the policy in force on ``on``, a calendar date."""
        if isinstance(on, datetime) or not isinstance(on, date):
            kind = "a datetime" if isinstance(on, datetime) else repr(on)
            raise InvalidArgument(
                f"on must be a datetime.date, not {kind}; for a moment, use resolve()"
            )
        return self.version_at(on).policy

    def resolve(self, moment: date | datetime, *, field: str) -> tuple[date, Policy]:
        """Return the association's calendar date of ``moment`` and the policy in force then.

        A ``date`` is taken as it is.  An aware ``datetime`` is converted to each
        version's time zone; the version in force is the latest-starting one whose
        period holds the moment's date in its own zone.  A naive ``datetime`` is
        refused with :class:`~cec_rules.errors.NaiveDatetime` (`submission-date`).
        """
        if not isinstance(moment, date):  # a datetime is a date too
            raise InvalidArgument(f"{field} must be a date or an aware datetime, got {moment!r}")
        if not isinstance(moment, datetime):
            version = self.version_at(moment)
            return moment, version.policy
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise NaiveDatetime.for_field(field, moment)
        # Each version counts the moment's date in its own zone, so look it up once per zone
        # among that zone's versions, and keep the latest-starting winner of them all.
        found: tuple[date, PolicyVersion] | None = None
        for zone, starts, winners in self._zones:
            try:
                local = moment.astimezone(zone).date()
            except OverflowError:  # before year 1 or after 9999 there: no version covers it
                continue
            winner = _lookup(starts, winners, local)
            if winner is not None and (
                found is None or found[1].effective_from < winner.effective_from
            ):
                found = (local, winner)
        if found is None:
            first = self.versions[0]
            try:
                on = moment.astimezone(first.policy.zone).date()
            except OverflowError:
                raise PolicyNotInForce(
                    f"{field} {moment.isoformat()} falls outside the calendar (years 1 to 9999) "
                    f"in the time zone {first.policy.time_zone}: no policy version is in force",
                    on=moment.date(),
                ) from None
            raise PolicyNotInForce.on_date(on, first.effective_from)
        return found[0], found[1].policy

    def with_version(self, version: PolicyVersion) -> PolicySchedule:
        """Return a new schedule with ``version`` added."""
        return PolicySchedule((*self.versions, version))

    @classmethod
    def single(cls, policy: Policy, *, effective_from: date = PROGRAM_START) -> PolicySchedule:
        """Return a schedule of one open-ended version."""
        return cls((PolicyVersion(effective_from=effective_from, policy=policy),))

    def to_dict(self) -> dict[str, Any]:
        """Return the schedule as JSON-ready data."""
        return {"versions": [v.to_dict() for v in self.versions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PolicySchedule:
        """Build a schedule from JSON-ready data, as :meth:`to_dict` writes it: a list
        ``versions`` of objects, each with ``effective_from`` (ISO text),
        ``effective_until`` (ISO text, or null or left out for open-ended) and any
        policy keys; a key left out keeps the rule book's value, as in
        :func:`schedule_from_toml`, whose errors these are (with the key path).
        """
        if not isinstance(data, Mapping):
            raise InvalidPolicy(f"expected a mapping with versions, got {type(data).__name__}")
        tables = data.get("versions")
        if isinstance(tables, list):
            tables = [_dated(table, f"versions[{i}]") for i, table in enumerate(tables)]
        with _json_floats():
            return _schedule_from_data({**data, "versions": tables})


def default_schedule() -> PolicySchedule:
    """Return the default schedule: the rule book's figures, in force from 2020-01-01."""
    return PolicySchedule.single(DEFAULT_POLICY)


def as_schedule(policy: Policy | PolicySchedule) -> PolicySchedule:
    """Accept either a single policy (in force from 2020-01-01, open-ended) or a schedule."""
    if isinstance(policy, PolicySchedule):
        return policy
    if isinstance(policy, Policy):
        # Assessing under a bare policy is the common case: build its schedule once, not per call.
        single = policy._single
        if single is None:
            single = PolicySchedule.single(policy)
            object.__setattr__(policy, "_single", single)
        return single
    raise InvalidArgument(f"expected a Policy or a PolicySchedule, got {type(policy).__name__}")


_VERSION_KEYS = {"effective_from", "effective_until"}


def schedule_from_toml(text: str) -> PolicySchedule:
    """Read a schedule from TOML text: an array of ``[[versions]]`` tables.

    Each table has ``effective_from`` (a TOML date), optionally
    ``effective_until``, and any policy keys; a key left out keeps the rule
    book's value (not the previous version's).

    >>> schedule = schedule_from_toml('''
    ... [[versions]]
    ... effective_from = 2020-01-01
    ...
    ... [[versions]]
    ... effective_from = 2021-09-01
    ... label = "no filing fees"
    ... member_filing_fee = "0.00"
    ... guest_filing_fee = "0.00"
    ... ''')
    >>> schedule.at(date(2021, 9, 1)).member_filing_fee
    Decimal('0.00')
    """
    return _schedule_from_data(_parse_toml(text))


def load_toml(text: str) -> Policy | PolicySchedule:
    """Read a policy or a schedule from TOML text: a schedule when it has ``[[versions]]``.

    >>> load_toml('label = "sale"').label
    'sale'
    """
    data = _parse_toml(text)
    if "versions" in data:
        return _schedule_from_data(data)
    return policy_from_mapping(data)


def _dated(table: object, path: str) -> object:
    """A version's JSON object with its ISO dates read as dates (an open end, null,
    left out), as TOML gives them; anything else as it is, for the reader to refuse."""
    if not isinstance(table, Mapping):
        return table
    dated = dict(table)
    for key in _VERSION_KEYS & set(table):
        value = table[key]
        if value is None and key == "effective_until":
            del dated[key]
        elif isinstance(value, str):
            dated[key] = _iso_day(value, _key(path, key))
    return dated


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(text: str, path: str) -> date:
    """``text``, ISO text such as ``2020-01-01``, as a date; else :class:`InvalidPolicy`."""
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:  # the shape of a date, but no day of the calendar
            pass
    raise InvalidPolicy(f"expected an ISO date such as '2020-01-01', got {text!r}", path=path)


@contextlib.contextmanager
def _json_floats() -> Iterator[None]:
    """Add the JSON advice to a :class:`PolicyFloat` raised inside: a float in JSON data
    is what ``json.loads`` makes of a number with a fraction."""
    try:
        yield
    except PolicyFloat as error:
        raise PolicyFloat(f"{error.reason}, or {JSON_FLOAT_ADVICE}", path=error.path) from None


def _schedule_from_data(data: Mapping[str, Any]) -> PolicySchedule:
    extra = set(data) - {"versions"}
    if extra:
        raise InvalidPolicy(
            "unknown key; a schedule file holds only [[versions]] tables",
            path=sorted(extra)[0],
        )
    tables = data.get("versions")
    if not isinstance(tables, list) or not tables:
        raise InvalidPolicy("expected one or more [[versions]] tables", path="versions")
    return PolicySchedule(
        [_version_from_table(table, f"versions[{index}]") for index, table in enumerate(tables)]
    )


def _version_from_table(table: object, path: str) -> PolicyVersion:
    """The version a ``[[versions]]`` table (its TOML, or its JSON with dates read) at
    ``path`` describes."""
    if not isinstance(table, Mapping):
        raise InvalidPolicy(f"expected a [[versions]] table, got {table!r}", path=path)
    policy_keys = {k: v for k, v in table.items() if k not in _VERSION_KEYS}
    if "effective_from" not in table:
        raise InvalidPolicy(
            "missing; every version needs a start date", path=_key(path, "effective_from")
        )
    for key in _VERSION_KEYS & set(table):
        _require_date(table[key], _key(path, key))
    try:
        return PolicyVersion(
            effective_from=table["effective_from"],
            effective_until=table.get("effective_until"),
            policy=policy_from_mapping(policy_keys, path=path),
        )
    except InvalidPolicy as error:
        raise type(error)(error.reason, path=_join(path, error.path)) from None


def _key(path: str, key: str) -> str:
    """The path of ``key`` within the table at ``path`` (the document's, when empty)."""
    return f"{path}.{key}" if path else key


def _join(prefix: str, path: str) -> str:
    return path if path.startswith(prefix) else f"{prefix}.{path}"
