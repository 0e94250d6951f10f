"""JSON in and out: one rule for every value the library returns or reads back.

The rule:

* **``to_dict()``** on every result and every input value returns its JSON form as
  plain data: ``dict`` with text keys, ``list``, ``str``, ``int``, ``bool`` and
  ``None``, nothing else.  Money is text with cents (``"50.00"``), CECs and other
  exact numbers are text (``"2.5"``, `money-decimal`), dates and moments ISO text,
  enums their value.  So a ``Decimal`` or a ``date`` never reaches ``json.dumps``.
* **``to_json()``** on the same values returns ``to_dict()`` as JSON text, written
  by :func:`dumps`: text as it is (no ``\\u`` escapes, so encode it as UTF-8) and
  never ``NaN``.  ``indent=2`` makes it readable.
* **``from_dict(data)``** on the values a service reads back (an application, a
  policy or schedule, an event, a roster report and their parts) reads what
  ``to_dict`` writes, and so ``json.loads`` of what ``to_json`` writes, into an
  equal value.  Wrong data raises the library's error for that kind of value,
  naming the key.  A JSON number with a fraction is read by ``json.loads`` as a
  ``float``, which cannot hold every amount exactly; where money or CECs go it is
  refused with :class:`~cec_rules.errors.RefusedFloat` (a policy's
  :class:`~cec_rules.errors.PolicyFloat`), whose message says to parse the text
  with ``json.loads(text, parse_float=Decimal)``, or to write the number as text.

The JSON Schemas of these forms are in :mod:`cec_rules.schemas`.

>>> from datetime import date
>>> from cec_rules import Offering
>>> Offering(date(2026, 3, 2)).to_json()
'{"start": "2026-03-02", "end": "2026-03-02"}'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from cec_rules.errors import CecRulesError, InvalidReport

__all__ = ["JSON_FLOAT_ADVICE", "REPORT_DATA", "DataReader", "JsonValue", "at", "dumps"]

#: What to do about a JSON float where money or CECs go: said by every refusal of one.
JSON_FLOAT_ADVICE = "parse the JSON with json.loads(text, parse_float=Decimal)"


def dumps(data: Mapping[str, Any], *, indent: int | None = None) -> str:
    """Return JSON-ready ``data`` (a ``to_dict()``) as JSON text, as every ``to_json`` does.

    Text is written as it is, not as ``\\u`` escapes (as the roster report's JSON
    Lines writer writes it): encode the result as UTF-8.  ``NaN`` is never written.

    >>> print(dumps({"name": "Zoë", "fee": "10.00"}))
    {"name": "Zoë", "fee": "10.00"}
    """
    import json  # here: a service that never writes JSON need not import it

    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


class JsonValue:
    """A value with a JSON form: its class writes :meth:`to_dict`; :meth:`to_json` is
    that as text.  The base of every result and input class of the library."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the value as JSON-ready data (each class writes its own)."""
        raise NotImplementedError(f"{type(self).__name__} writes no JSON form")

    def to_json(self, *, indent: int | None = None) -> str:
        """Return :meth:`to_dict` as JSON text (see :func:`dumps`); ``indent`` as in
        ``json.dumps``."""
        return dumps(self.to_dict(), indent=indent)


E = TypeVar("E", bound=Enum)

# The one shape of a date in JSON: what date.isoformat() writes.  (date.fromisoformat
# also reads "20260302" and week dates such as "2026-W10-1", from Python 3.11 on.)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DataReader:
    """Reads the parts of JSON-ready data for a ``from_dict``, refusing a part of the
    wrong kind with ``error(reason, path)``, where ``path`` names the key
    (``accepted[3].completion_date``).

    Each method takes the value and its path and returns it checked; the error's
    reason says what was expected and what was found.
    """

    def __init__(self, error: Callable[[str, str], CecRulesError]) -> None:
        self.error = error

    def mapping(self, value: object, path: str, what: str) -> Mapping[str, Any]:
        """``value`` as a mapping of keys (``what`` it holds, for the message)."""
        if not isinstance(value, Mapping):
            raise self.error(f"expected {what} (a JSON object), got {_kind(value)}", path)
        return value

    def key(self, data: Mapping[str, Any], key: str, path: str) -> Any:
        """The value of the required ``key`` of ``data``."""
        if key not in data:
            raise self.error("missing; every value written by to_dict has it", at(path, key))
        return data[key]

    def text(self, value: object, path: str) -> str:
        """``value`` as text."""
        if not isinstance(value, str):
            raise self.error(f"expected text, got {_kind(value)}", path)
        return value

    def optional_text(self, value: object, path: str) -> str | None:
        """``value`` as text, or ``None`` for JSON null."""
        return None if value is None else self.text(value, path)

    def whole(self, value: object, path: str, *, least: int = 0) -> int:
        """``value`` as a whole number, ``least`` or more."""
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise self.error(f"expected a whole number, {least} or more, got {_kind(value)}", path)
        return value

    def optional_whole(self, value: object, path: str, *, least: int = 0) -> int | None:
        """``value`` as a whole number, or ``None`` for JSON null."""
        return None if value is None else self.whole(value, path, least=least)

    def flag(self, value: object, path: str) -> bool:
        """``value`` as true or false."""
        if not isinstance(value, bool):
            raise self.error(f"expected true or false, got {_kind(value)}", path)
        return value

    def day(self, value: object, path: str) -> date:
        """``value``, ISO text such as ``"2026-03-02"``, as a date."""
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:  # the shape of a date, but no day of the calendar
                pass
        raise self.error(f"expected an ISO date such as '2026-03-02', got {_kind(value)}", path)

    def choice(self, kind: type[E], value: object, path: str) -> E:
        """``value``, the value of one member of the enum ``kind``, as that member."""
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(repr(member.value) for member in kind)
            raise self.error(f"expected one of {choices}, got {_kind(value)}", path) from None

    def items(self, value: object, path: str) -> list[Any]:
        """``value``, a JSON array, as a list."""
        if not isinstance(value, list):
            raise self.error(f"expected a list (a JSON array), got {_kind(value)}", path)
        return value


def at(path: str, key: str | int) -> str:
    """The path of ``key`` (a key, or an index) within the value at ``path``.

    >>> at("", "accepted"), at("accepted", 3), at("accepted[3]", "row")
    ('accepted', 'accepted[3]', 'accepted[3].row')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value: object) -> str:
    """``value`` in a message: short values as written, others by their kind."""
    if value is None or isinstance(value, (bool, int, float, str, date, datetime)):
        shown = repr(value)
        return shown if len(shown) <= 60 else shown[:60] + "…"
    return f"a {type(value).__name__}"


def _report_error(reason: str, path: str) -> CecRulesError:
    return InvalidReport(reason, path=path)


#: The reader of a roster report's data and its parts, refusing with
#: :class:`~cec_rules.errors.InvalidReport`.
REPORT_DATA = DataReader(_report_error)
