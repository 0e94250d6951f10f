"""A worked :class:`~cec_rules.accounts.AccountRepository` over SQLite (section 7).

The library never opens a database: the caller hands :class:`SqliteRepository`
an open ``sqlite3`` connection, and the repository only reads through it.
Each method issues exactly one ``SELECT`` whatever the number of AAST IDs: the
IDs travel as one JSON array parameter and SQLite unpacks it with
``json_each``, so there is no limit on the number of ``?`` variables and no
query per row.  ``docs/repository.md`` walks through it.

The tables it reads (:data:`SCHEMA`)::

    accounts(aast_id PRIMARY KEY, first_name, last_name,
             kind CHECK IN ('member', 'guest'), created_on DATE)
    reports(program_id, offering_start, offering_end, aast_id)

Dates are ISO text (``2026-03-02``).  An account created after the ``on``
date does not exist as of that date.

>>> import sqlite3
>>> connection = sqlite3.connect(":memory:")
>>> _ = connection.executescript(SCHEMA)
>>> _ = connection.execute(
...     "INSERT INTO accounts VALUES ('A-1', 'Ada', 'Lovelace', 'member', '2025-01-01')")
>>> repository = SqliteRepository(connection)
>>> sorted(repository.accounts(["A-1", "Z-9"], on=date(2026, 3, 2)))
['A-1']
>>> dict(repository.accounts(["A-1"], on=date(2024, 12, 31)))
{}
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from datetime import date

from cec_rules.accounts import Account
from cec_rules.program import Offering

__all__ = ["SCHEMA", "SqliteRepository"]

#: The tables :class:`SqliteRepository` reads, as SQL a caller may run to create them.
SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    aast_id    TEXT PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('member', 'guest')),
    created_on DATE NOT NULL  -- ISO text, 2026-03-02
);
CREATE TABLE IF NOT EXISTS reports (
    program_id     TEXT NOT NULL,
    offering_start DATE NOT NULL,
    offering_end   DATE NOT NULL,
    aast_id        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_offering
    ON reports (program_id COLLATE NOCASE, offering_start, offering_end);
"""

# One query each.  json_each(?) turns the one JSON array parameter into rows,
# and the primary key index finds each ID: no variable limit, no query per ID.
_ACCOUNTS_QUERY = """
SELECT aast_id, first_name, last_name, kind
FROM accounts
WHERE aast_id IN (SELECT value FROM json_each(?)) AND created_on <= ?
"""

_REPORTED_QUERY = """
SELECT DISTINCT aast_id
FROM reports
WHERE program_id = ? COLLATE NOCASE AND offering_start = ? AND offering_end = ?
"""


class SqliteRepository:
    """Accounts and earlier reports read from a SQLite database laid out as :data:`SCHEMA`.

    ``connection`` is an open :class:`sqlite3.Connection` the caller owns (and
    closes); it may be read-only (``file:...?mode=ro``).  The repository never
    writes, and issues one query per call.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        """Return the accounts among ``aast_ids`` created on or before ``on``, keyed by ID."""
        cursor = self._connection.cursor()
        cursor.row_factory = None  # plain tuples, whatever the connection's factory
        rows = cursor.execute(_ACCOUNTS_QUERY, (json.dumps(list(aast_ids)), on.isoformat()))
        return {
            aast_id: Account(aast_id=aast_id, first_name=first, last_name=last, kind=kind)
            for aast_id, first, last, kind in rows
        }

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        """Return the AAST IDs already reported for this offering of the program."""
        cursor = self._connection.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            _REPORTED_QUERY,
            (program_id.strip(), offering.start.isoformat(), offering.end.isoformat()),
        )
        return frozenset(aast_id for (aast_id,) in rows)
