"""Generate the JSON Schemas of :mod:`cec_rules.schemas` from the library's types.

How this works.  :data:`SHAPES` declares, for each class with a JSON form, the keys
its ``to_dict`` writes, in order.  A key's schema comes from a type:

* by default the type of the class's attribute of that name: an attrs field's
  annotation, a NamedTuple field's, or a property's return annotation, read with
  ``typing.get_type_hints``; :func:`fields` walks the init fields of an attrs class
  whose JSON form is its fields (a policy);
* else the type written with the key: for a key that no attribute names (an
  assessment's ``reference``), or whose annotation says too little (money is a
  ``Decimal`` written with cents, :data:`MONEY`; a rule id a ``str`` of the rule
  book, :data:`RULE`).

:func:`schema_of` turns a type into a schema: ``str``, ``int``, ``bool``; a
``Decimal`` as text (``$defs/Decimal``), money as text with cents
(``$defs/Money``), a ``date`` or ``datetime`` as ISO text; an enum as the text of
its values; ``X | None`` as either; a tuple, list or sequence as an array; a
mapping of text as an object; a class of :data:`SHAPES` as a ``$ref`` to its
definition, written once under ``$defs``.

Every object is closed (``additionalProperties: false``) and requires every key,
but for a class read back by a ``from_dict`` (:data:`READ_BACK`), which requires
only its init fields without a default: the keys ``from_dict`` fills in or works
out again may be left out.

:data:`SCHEMAS` names the files, each for one value a service sends or gets back.
``python scripts/make_schemas.py`` writes them; ``tests/test_json.py`` checks that
they are current and validates real outputs against them, so a key that
``to_dict`` writes and :data:`SHAPES` lacks, or the other way round, fails it.
This module imports every part of the library (the search among them, which
needs the ``testing`` extra): it is for writing the files, not for a service.
"""

from __future__ import annotations

import collections.abc
import enum
import inspect
import json
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from cec_rules._roster.fields import FIELD_TITLES, FIELDS
from cec_rules.compare import (
    _LARGEST,  # the categories whose largest cases Tally.to_dict lists
    Breakdown,
    CaseDelta,
    CaseFacts,
    Category,
    Comparison,
    DecisionChange,
    DecisionTotals,
    Dimension,
    Group,
    Tally,
)
from cec_rules.deadlines import ReportingWindow
from cec_rules.eligibility import (
    Award,
    Condition,
    CreditDecision,
    ReviewDecision,
    RosterCredits,
)
from cec_rules.fees import ApplicationAssessment, FeeLine, OfferingAssessment
from cec_rules.lifecycle import Event, History, RosterState, Step
from cec_rules.money import ROUNDING_MODES
from cec_rules.policy import Policy, PolicySchedule, PolicyVersion
from cec_rules.program import Application, Offering, Program
from cec_rules.roster import (
    FINDING_CODES,
    AcceptedAttendee,
    EntryOutcome,
    Finding,
    RefusedRow,
    RosterReport,
)
from cec_rules.rules import RULE_BOOK
from cec_rules.search import (
    INVARIANTS,
    Difference,
    FieldChange,
    Gap,
    InvariantResult,
    PolicyCheck,
    SearchResult,
    Violation,
)

__all__ = [
    "MONEY",
    "READ_BACK",
    "RULE",
    "SCHEMAS",
    "SHAPES",
    "fields",
    "render",
    "schema_of",
    "write",
]

#: The draft of JSON Schema the files follow.
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@attrs.frozen
class Named:
    """A type with a definition of its own under ``$defs``: ``schema`` named ``name``."""

    name: str
    schema: dict[str, Any]


#: An amount of money: a ``Decimal`` written with cents, as text.
MONEY = Named(
    "Money",
    {
        "description": 'an amount in US dollars, with cents, as text such as "50.00"',
        "type": "string",
        "pattern": r"^-?[0-9]+\.[0-9]{2}$",
    },
)
#: A rule id of the rule book.
RULE = Named(
    "RuleId",
    {"description": "a rule id of the rule book", "type": "string", "enum": list(RULE_BOOK)},
)
_DECIMAL = Named(
    "Decimal",
    {
        "description": 'an exact number as text, such as "2.5" (never a JSON number)',
        "type": "string",
        "pattern": r"^-?[0-9]+(\.[0-9]+)?(E[+-][0-9]+)?$",
    },
)
_DATE = Named(
    "Date",
    {
        "description": 'a calendar date, ISO text such as "2026-03-02"',
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    },
)
_MOMENT = Named(
    "DateTime",
    {
        "description": "a moment with its offset from UTC, ISO text such as "
        '"2026-03-01T23:30:00-08:00"',
        "type": "string",
        "format": "date-time",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
        r"([+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?|Z)$",
    },
)


@attrs.frozen
class OneOf:
    """Text that is one of ``values``."""

    values: tuple[str, ...]


@attrs.frozen
class Key:
    """One key of a JSON form: its ``type``, or when that is ``None`` the type of the
    attribute ``source`` (by default the key's name).  A ``source`` with a dot
    (``policy.label``) says the value is worked out from a field, not the field."""

    name: str
    type: Any = None
    source: str | None = None

    @property
    def attribute(self) -> str:
        """The attribute the key's value comes from."""
        return self.source or self.name


@attrs.frozen
class Nullable:
    """A value of ``kind``, or null."""

    kind: Any


@attrs.frozen
class AnyOf:
    """A value of one of ``kinds``."""

    kinds: tuple[Any, ...]


@attrs.frozen
class Array:
    """A list of values of ``kind``: ``tuple[kind, ...]`` for a kind that is no type."""

    kind: Any


@attrs.frozen
class Merge:
    """The keys of another class's JSON form written into this one (``{**x.to_dict()}``),
    but those in ``leave_out``."""

    shape: type
    leave_out: tuple[str, ...] = ()


@attrs.frozen
class Obj:
    """An object written in place, with these keys, all required."""

    keys: tuple[Key, ...]


@attrs.frozen
class Keyed:
    """An object whose keys are ``keys`` (each present), each holding a ``value``."""

    keys: tuple[str, ...]
    value: Any


Entry = str | Key | Merge


def fields(cls: type, **types_of: Any) -> tuple[Key, ...]:
    """A key for each init field of the attrs class ``cls``, in order; ``types_of``
    gives the type of a field whose annotation says too little."""
    return tuple(
        Key(field.name, types_of.get(field.name)) for field in attrs.fields(cls) if field.init
    )


def _values(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


_RULES = Array(RULE)
_TEXTS = tuple[str, ...]
_MONEY_OR_NONE = Nullable(MONEY)

#: The JSON form of each class: the keys its ``to_dict`` writes, in order.
SHAPES: dict[type, tuple[Entry, ...]] = {
    # Inputs, read back by from_dict.
    Program: ("program_id", "title", "cecs", "format"),
    Offering: ("start", "end"),
    Application: ("reference", "program", "offerings", "submitted", "calendar_listing"),
    Policy: fields(Policy, rounding=OneOf(tuple(sorted(ROUNDING_MODES)))),
    PolicyVersion: ("effective_from", "effective_until", Merge(Policy)),
    PolicySchedule: ("versions",),
    Event: ("on", "kind", Key("amount", _MONEY_OR_NONE), "roster", "report"),
    # Applications and their fees.
    FeeLine: (
        "kind",
        Key("rule", RULE),
        "quantity",
        Key("unit", OneOf(("CEC", "member", "guest"))),
        "unit_price",
        Key("amount", MONEY),
        "explanation",
    ),
    OfferingAssessment: (
        "offering",
        "timing",
        "days_before_start",
        "charged",
        "lines",
        Key("total", MONEY),
        Key("rules", _RULES),
        "explanation",
    ),
    ApplicationAssessment: (
        Key("reference", str),
        Key("program", Program),
        "submission_date",
        Key("policy", str),
        "status",
        "offerings",
        Key("application_fee", MONEY),
        Key("late_surcharge", MONEY),
        Key("total", MONEY),
        Key("refund", MONEY),
        Key("calendar_listing", bool),
        Key("rules", _RULES),
        "explanation",
    ),
    ReportingWindow: (
        "status",
        "opens",
        "last_day",
        "report_date",
        "extended",
        "days_left",
        "days_over",
        Key("rules", _RULES),
        "explanation",
    ),
    # Rosters.
    Finding: (
        Key("code", OneOf(tuple(FINDING_CODES))),
        Key("rule", RULE),
        "severity",
        "row",
        "field",
        "message",
        "hint",
    ),
    AcceptedAttendee: ("row", "aast_id", "first_name", "last_name", "kind", "completion_date"),
    RefusedRow: ("row", "cells", "findings"),
    RosterReport: (
        Key("reference", str),
        Key("program_id", str, source="program.program_id"),
        "program",
        "offering",
        "report_date",
        Key("policy", str, source="policy.label"),
        Key("policy_in_force", source="policy"),
        "window",
        "file_refused",
        "data_rows",
        "header_row",
        "finding_counts",
        Key("accepted", tuple[AcceptedAttendee, ...]),
        Key("refused", tuple[RefusedRow, ...]),
        "warnings",
        "blank_rows",
        "file_findings",
        Key(
            "filing_fee",
            Obj((Key("lines", tuple[FeeLine, ...]), Key("total", MONEY))),
        ),
        Key("rules", _RULES),
        "explanation",
    ),
    EntryOutcome: (
        "row",
        "added",
        "blank",
        "attendee",
        "refusal",
        "warnings",
        "file_findings",
        "changed",
    ),
    # Credits and the lifecycle.
    Condition: (Key("rule", RULE), "message"),
    Award: ("aast_id", "program_id", "offering", "cecs", "completion_date"),
    CreditDecision: (
        "aast_id",
        "eligible",
        "unmet",
        "award",
        "rows",
        Key("rules", _RULES),
        "explanation",
    ),
    RosterCredits: (
        "roster",
        "report",
        "program_id",
        "offering",
        "file_refused",
        Key("awarded", int),
        Key("refused", int),
        "cecs",
        "decisions",
        "unnamed",
        Key("rules", _RULES),
        "explanation",
    ),
    ReviewDecision: ("reference", "eligible", "unmet", "explanation"),
    History: (
        "status",
        Key("due", MONEY),
        Key("paid", MONEY),
        Key("balance", MONEY),
        Key("overpaid", MONEY),
        Key("refund", MONEY),
        "rosters",
        "steps",
        "explanation",
    ),
    RosterState: (
        "status",
        Key("due", MONEY),
        Key("paid", MONEY),
        Key("balance", MONEY),
        Key("overpaid", MONEY),
        "report",
    ),
    Step: (Merge(Event), "before", "after", Key("rule", RULE)),
    # Comparing policies.
    DecisionChange: (
        "kind",
        "refused",
        "whole",
        "count",
        "members",
        "guests",
        Key("fees", MONEY),
        "reasons",
        "explanation",
    ),
    CaseFacts: (
        "kind",
        "timing",
        "attendees",
        "cecs",
        "cec_band",
        "on",
        "month",
        "version",
        "generated",
    ),
    CaseDelta: (
        "reference",
        "kind",
        "category",
        "generated",
        Key("baseline_total", _MONEY_OR_NONE),
        Key("candidate_total", _MONEY_OR_NONE),
        Key("delta", _MONEY_OR_NONE),
        Key("application_fee", _MONEY_OR_NONE),
        Key("late_surcharge", _MONEY_OR_NONE),
        Key("filing_fee", _MONEY_OR_NONE),
        "refused",
        "accepted",
        "facts",
        Key("flips", _TEXTS),
        Key("baseline_error", str | None),
        Key("candidate_error", str | None),
        "explanation",
    ),
    DecisionTotals: (
        "cases",
        "applications",
        "whole_applications",
        "offerings",
        "rosters",
        "rows",
        "members",
        "guests",
        Key("fees", MONEY),
    ),
    Tally: (
        Key("cases", int),
        "generated",
        Key("categories", Keyed(_values(Category), int)),
        Key("paying_cases", int),
        Key("revenue_delta", MONEY),
        "refused",
        "accepted",
        Key(
            "largest",
            Keyed(
                tuple(category.value for category in _LARGEST),
                Array(Obj((Key("reference", str), Key("amount", MONEY)))),
            ),
        ),
    ),
    Group: (Key("group", str), Merge(Tally)),
    Breakdown: ("dimension", Key("title", str), Key("note", str | None), "groups"),
    Comparison: (
        "baseline",
        "candidate",
        Key("note", str | None),
        Key("case_count", int),
        Merge(Tally, leave_out=("cases",)),
        Key("paying_more", int),
        Key("paying_less", int),
        Key("paying_same", int),
        Key("largest_increases", _TEXTS),
        "cases",
        Key("flips", _TEXTS),
        Key("breakdowns", Keyed(_values(Dimension), Breakdown)),
        "explanation",
    ),
    # Searching and checking policies.
    Difference: (
        "kind",
        "field",
        "how",
        Key(
            "example",
            AnyOf(
                (
                    Application,
                    Obj(
                        (
                            Key("offering", Offering),
                            Key("program", Program),
                            Key("reported_at", date),
                            Key("roster", str),
                            Key("roster_rows", int),
                        )
                    ),
                )
            ),
        ),
        Key("baseline_total", MONEY),
        Key("candidate_total", MONEY),
        "explanation",
    ),
    FieldChange: (
        "field",
        "baseline",
        "candidate",
        "first_day",
        "last_day",
        "periods",
        "difference",
        "tried",
        "explanation",
    ),
    SearchResult: (
        "baseline",
        "candidate",
        "budget",
        "changes",
        "differences",
        "not_found",
        "explanation",
    ),
    Violation: (Key("invariant", OneOf(tuple(INVARIANTS))), "message"),
    InvariantResult: (
        Key("invariant", OneOf(tuple(INVARIANTS))),
        "promise",
        "status",
        "assessed",
        "detail",
        "violations",
    ),
    Gap: ("first_day", "last_day"),
    PolicyCheck: (
        "label",
        "baseline",
        "budget",
        "ok",
        Key("invariants", source="results"),
        "gaps",
        "violations",
        "explanation",
    ),
}

#: The classes whose JSON form a ``from_dict`` reads back.
READ_BACK = frozenset(cls for cls in SHAPES if hasattr(cls, "from_dict"))

#: A record of a roster, as ``check_roster`` and ``RosterDraft.add`` take it.
_RECORD = Named(
    "RosterRecord",
    {
        "description": "one attendee of a roster: the five fields, each as text",
        "type": "object",
        "properties": {
            field: {"description": FIELD_TITLES[field], "type": "string"} for field in FIELDS
        },
        "required": list(FIELDS),
        "additionalProperties": False,
    },
)

#: Each schema file: its name, the type of its value and what it is.
SCHEMAS: dict[str, tuple[Any, str]] = {
    "application": (
        Application,
        "An application for approval, as Application.to_dict writes it and "
        "Application.from_dict reads it.",
    ),
    "policy": (Policy, "A policy, as Policy.to_dict writes it and Policy.from_dict reads it."),
    "policy-schedule": (
        PolicySchedule,
        "A schedule of policy versions, as PolicySchedule.to_dict writes it and "
        "PolicySchedule.from_dict reads it.",
    ),
    "roster-records": (
        Array(_RECORD),
        "A roster as records, one per attendee, as check_roster and RosterDraft.add take "
        "them (the roster check judges each value and reports what it finds).",
    ),
    "event": (Event, "A lifecycle event, as Event.to_dict writes it and Event.from_dict reads it."),
    "application-assessment": (
        ApplicationAssessment,
        "The fees of an application, as ApplicationAssessment.to_dict writes them.",
    ),
    "reporting-window": (
        ReportingWindow,
        "The reporting window of an offering on a report date, as ReportingWindow.to_dict "
        "writes it.",
    ),
    "roster-report": (
        RosterReport,
        "The report of a roster check, as RosterReport.to_dict writes it and "
        "RosterReport.from_dict reads it back.",
    ),
    "entry-outcome": (
        EntryOutcome,
        "What one entry added to a RosterDraft is, as EntryOutcome.to_dict writes it.",
    ),
    "roster-credits": (
        RosterCredits,
        "The credits of every attendee of a roster, as RosterCredits.to_dict writes them.",
    ),
    "credit-decision": (
        CreditDecision,
        "Whether one attendee's CECs may be issued, as CreditDecision.to_dict writes it.",
    ),
    "review-decision": (
        ReviewDecision,
        "Whether an application may go to review, as ReviewDecision.to_dict writes it.",
    ),
    "history": (
        History,
        "The status, balances and steps of an application and its rosters, as "
        "History.to_dict writes them.",
    ),
    "comparison": (
        Comparison,
        "Two policies compared over the same cases, as Comparison.to_dict writes it.",
    ),
    "search-result": (
        SearchResult,
        "Every figure that differs between two policies, with a minimal case each, as "
        "SearchResult.to_dict writes it.",
    ),
    "policy-check": (
        PolicyCheck,
        "A candidate policy's invariants, as PolicyCheck.to_dict writes them.",
    ),
}


class _Builder:
    """Builds one schema document: the root's schema and the definitions it uses."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def schema(self, kind: Any) -> dict[str, Any]:
        """The schema of values of ``kind`` (see :func:`schema_of`)."""
        if isinstance(kind, Named):
            self.defs.setdefault(kind.name, {"title": kind.name, **kind.schema})
            return _ref(kind.name)
        if isinstance(kind, OneOf):
            return {"type": "string", "enum": list(kind.values)}
        if isinstance(kind, Nullable):
            return {"anyOf": [self.schema(kind.kind), {"type": "null"}]}
        if isinstance(kind, AnyOf):
            return {"anyOf": [self.schema(option) for option in kind.kinds]}
        if isinstance(kind, Array):
            return {"type": "array", "items": self.schema(kind.kind)}
        if isinstance(kind, Obj):
            return self.closed(object, kind.keys, required=True)
        if isinstance(kind, Keyed):
            value = self.schema(kind.value)
            return {
                "type": "object",
                "properties": dict.fromkeys(kind.keys, value),
                "required": list(kind.keys),
                "additionalProperties": False,
            }
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            options = [self.schema(arg) for arg in args if arg is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return {"anyOf": options}
        if origin in (tuple, list, collections.abc.Sequence):
            return {"type": "array", "items": self.schema(args[0])}
        if origin in (dict, collections.abc.Mapping):
            return {"type": "object", "additionalProperties": self.schema(args[1])}
        return self._plain(kind)

    def _plain(self, kind: Any) -> dict[str, Any]:
        """The schema of a type that is not generic: a built-in, an enum, a shape."""
        simple = {str: "string", bool: "boolean", int: "integer"}
        if kind in simple:
            return {"type": simple[kind]}
        if kind in _NAMED_TYPES:
            return self.schema(_NAMED_TYPES[kind])
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return self.schema(Named(kind.__name__, {"type": "string", "enum": _values(kind)}))
        if kind in SHAPES:
            name = kind.__name__
            if name not in self.defs:
                self.defs[name] = {}  # taken, so that a shape that holds itself ends here
                self.defs[name] = {"title": name, **self.closed(kind, SHAPES[kind])}
            return _ref(name)
        raise TypeError(f"no JSON schema for {kind!r}: add it to SHAPES, or give the key a type")

    def closed(
        self, owner: type, entries: tuple[Entry, ...], *, required: bool = False
    ) -> dict[str, Any]:
        """An object of the keys ``entries`` of ``owner``'s JSON form, no other key; all
        required when ``required`` or when ``owner`` is not read back."""
        properties: dict[str, Any] = {}
        needed: list[str] = []
        for holder, key in _keys(owner, entries):
            kind = key.type if key.type is not None else _annotation(holder, key.attribute)
            properties[key.name] = self.schema(kind)
            if required or owner not in READ_BACK or _needed(holder, key.attribute):
                needed.append(key.name)
        return {
            "type": "object",
            "properties": properties,
            "required": needed,
            "additionalProperties": False,
        }


#: The types written as text with a definition of their own.
_NAMED_TYPES = {Decimal: _DECIMAL, datetime: _MOMENT, date: _DATE}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _keys(owner: type, entries: tuple[Entry, ...]) -> list[tuple[type, Key]]:
    """Each key of ``entries`` with the class whose attribute it names, merges unfolded."""
    found: list[tuple[type, Key]] = []
    for entry in entries:
        if isinstance(entry, Merge):
            found += [
                (holder, key)
                for holder, key in _keys(entry.shape, SHAPES[entry.shape])
                if key.name not in entry.leave_out
            ]
        else:
            found.append((owner, Key(entry) if isinstance(entry, str) else entry))
    return found


def _annotation(cls: type, name: str) -> Any:
    """The type of ``cls``'s attribute ``name``: a field's annotation, or a property's
    return annotation, resolved in the module that wrote ``cls.to_dict`` (a class
    named by another module, as the roster's public values are, keeps its annotations'
    names in its own)."""
    writer = getattr(cls, "to_dict", None)
    hints = typing.get_type_hints(cls, globalns=getattr(writer, "__globals__", None))
    if name in hints:
        return hints[name]
    member = inspect.getattr_static(cls, name, None)
    if isinstance(member, property) and member.fget is not None:
        return typing.get_type_hints(member.fget)["return"]
    raise TypeError(f"{cls.__name__} has no attribute {name!r}: give the key a type in SHAPES")


def _needed(cls: type, name: str) -> bool:
    """Whether ``from_dict`` needs the key of ``cls``'s attribute ``name``: an init field
    without a default (an attrs field, or a NamedTuple's)."""
    if attrs.has(cls):
        field = attrs.fields_dict(cls).get(name)
        return field is not None and field.init and field.default is attrs.NOTHING
    return name in getattr(cls, "_fields", ()) and name not in cls._field_defaults  # type: ignore[attr-defined]


def schema_of(name: str) -> dict[str, Any]:
    """The schema document named ``name`` (a key of :data:`SCHEMAS`), built from the
    types."""
    kind, description = SCHEMAS[name]
    builder = _Builder()
    root = builder.schema(kind)
    return {
        "$schema": DRAFT,
        "$id": f"urn:cec-rules:schema:{name}",
        "$comment": "Generated from the types by cec_rules.schemas.generate; do not edit: "
        "run python scripts/make_schemas.py",
        "title": name,
        "description": description,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def render(name: str) -> str:
    """The text of the file of the schema ``name``."""
    return json.dumps(schema_of(name), indent=2, ensure_ascii=False) + "\n"


def write(directory: Path) -> list[Path]:
    """Write every schema to ``directory``, as ``<name>.schema.json``; return the paths."""
    written = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
