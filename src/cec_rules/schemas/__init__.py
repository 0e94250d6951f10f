"""JSON Schemas (draft 2020-12) of the JSON forms a service sends and gets back.

Each schema is a file of this package, ``<name>.schema.json``, read when asked
for: :func:`schema` returns it as data for a validator (the ``jsonschema``
package, for example).  The files are generated from the library's types by
:mod:`cec_rules.schemas.generate` (``python scripts/make_schemas.py`` writes
them again), and the tests validate real outputs against them.

The inputs a service accepts: ``application``, ``policy``,
``policy-schedule``, ``roster-records``, ``event``, and ``roster-report`` (a
report kept and read back).  The results it returns: ``application-assessment``,
``reporting-window``, ``roster-report``, ``entry-outcome``,
``roster-credits``, ``credit-decision``, ``review-decision``, ``history``,
``event``, ``comparison``, ``search-result``, ``policy-check``, ``policy`` and
``policy-schedule``.  A part of a value has its definition under ``$defs``
(``roster-report``'s ``#/$defs/Finding``).

A value that passes its schema has the right shape; the library still checks
the rules when it reads it (an offering that ends before it starts, CECs off
the policy's step).  Money and CECs are text in every schema (``"50.00"``,
``"2.5"``): a JSON number there does not pass.

>>> application = schema("application")
>>> application["$ref"], application["$defs"]["Offering"]["required"]
('#/$defs/Application', ['start'])
"""

from __future__ import annotations

from typing import Any

from cec_rules.errors import InvalidArgument

__all__ = ["NAMES", "schema"]

#: The name of every schema, inputs first.
NAMES = (
    "application",
    "policy",
    "policy-schedule",
    "roster-records",
    "event",
    "application-assessment",
    "reporting-window",
    "roster-report",
    "entry-outcome",
    "roster-credits",
    "credit-decision",
    "review-decision",
    "history",
    "comparison",
    "search-result",
    "policy-check",
)


def schema(name: str) -> dict[str, Any]:
    """Return the schema ``name`` (one of :data:`NAMES`), read from its file.

    Each call reads the file and returns a new dict, so a caller may change it.
    An unknown name raises :class:`~cec_rules.errors.InvalidArgument` listing
    the names.
    """
    if name not in NAMES:
        raise InvalidArgument(f"no schema is named {name!r}; the schemas are {', '.join(NAMES)}")
    import json  # here, like the file: nothing is read until a schema is asked for
    from importlib import resources

    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
