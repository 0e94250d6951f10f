"""The worked SQLite repository (section 7) against a real database file: one batch query
per call, never one per row, never a write."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from cec_rules.accounts import Account, AccountKind, AccountRepository, InMemoryRepository
from cec_rules.program import Offering, Program
from cec_rules.roster import check_roster
from cec_rules.sqlite_repository import SCHEMA, SqliteRepository

PROGRAM = Program(title="Scoring sleep studies", cecs=2, program_id="PRG-1")
OFFERING = Offering(date(2026, 3, 2))
REPORTED = date(2026, 3, 20)

ACCOUNT_ROWS = [
    ("A1", "Ada", "Lovelace", "member", "2020-05-01"),
    ("A2", "Grace", "Hopper", "member", "2026-03-20"),
    ("A3", "José", "Núñez", "member", "2026-03-21"),
    ("G1", "Zoë", "Saldaña", "guest", "2026-01-15"),
    ("R1", "Mary", "Reported", "member", "2024-01-01"),
]
REPORT_ROWS = [
    ("PRG-1", "2026-03-02", "2026-03-02", "R1"),
    ("prg-1", "2026-03-02", "2026-03-02", "R1"),
    ("PRG-1", "2026-03-02", "2026-03-03", "A1"),
    ("PRG-1", "2026-03-09", "2026-03-09", "A2"),
    ("PRG-2", "2026-03-02", "2026-03-02", "G1"),
]


def _create(path: Path, accounts: list[tuple[str, str, str, str, str]]) -> None:
    with sqlite3.connect(path) as setup:
        setup.executescript(SCHEMA)
        setup.executemany("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)", accounts)
        setup.executemany("INSERT INTO reports VALUES (?, ?, ?, ?)", REPORT_ROWS)
    setup.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A database file with the schema and a few accounts and earlier reports."""
    path = tmp_path / "cec.sqlite3"
    _create(path, ACCOUNT_ROWS)
    return path


@pytest.fixture
def connection(database: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the database file."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


class Statements:
    """Records every SQL statement a connection runs."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.statements: list[str] = []
        connection.set_trace_callback(self.statements.append)

    def count(self, table: str) -> int:
        return sum(1 for s in self.statements if f"FROM {table}" in s)


class TestSqliteRepository:
    """SqliteRepository reads accounts and earlier reports as the protocol asks."""

    def test_satisfies_the_protocol(self, connection: sqlite3.Connection) -> None:
        """It is an AccountRepository."""
        assert isinstance(SqliteRepository(connection), AccountRepository)

    def test_accounts(self, connection: sqlite3.Connection) -> None:
        """Known IDs come back as accounts; unknown IDs are absent."""
        found = SqliteRepository(connection).accounts(["A1", "G1", "Z9"], on=REPORTED)
        expected = {
            "A1": Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
            "G1": Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
        }
        assert expected == dict(found)
        assert AccountKind.GUEST == found["G1"].kind

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            pytest.param(date(2026, 3, 19), ["A1", "G1"], id="day-before-A2"),
            pytest.param(date(2026, 3, 20), ["A1", "A2", "G1"], id="A2-created-that-day"),
            pytest.param(date(2026, 3, 21), ["A1", "A2", "A3", "G1"], id="A3-created-that-day"),
            pytest.param(date(2020, 4, 30), [], id="before-all"),
        ],
    )
    def test_as_of_a_date(
        self, connection: sqlite3.Connection, on: date, expected: list[str]
    ) -> None:
        """An account created after the date does not exist as of that date."""
        found = SqliteRepository(connection).accounts(["A1", "A2", "A3", "G1"], on=on)
        assert expected == sorted(found)

    def test_reported_ids(self, connection: sqlite3.Connection) -> None:
        """Earlier reports of this offering only; Program ID in any case and spacing."""
        repository = SqliteRepository(connection)
        expected = (
            frozenset({"R1"}),
            frozenset({"R1"}),
            frozenset({"A1"}),
            frozenset[str](),
        )
        actual = (
            repository.reported_ids("PRG-1", OFFERING),
            repository.reported_ids(" prg-1 ", OFFERING),
            repository.reported_ids("PRG-1", Offering(date(2026, 3, 2), date(2026, 3, 3))),
            repository.reported_ids("PRG-3", OFFERING),
        )
        assert expected == actual

    def test_one_query_per_call(self, connection: sqlite3.Connection) -> None:
        """Each call runs exactly one statement, whatever the number of IDs."""
        trace = Statements(connection)
        repository = SqliteRepository(connection)
        repository.accounts([f"X{i}" for i in range(500)] + ["A1"], on=REPORTED)
        repository.reported_ids("PRG-1", OFFERING)
        assert 2 == len(trace.statements)
        assert (1, 1) == (trace.count("accounts"), trace.count("reports"))
        assert all(s.lstrip().startswith("SELECT") for s in trace.statements)

    def test_fifty_thousand_ids(self, tmp_path: Path) -> None:
        """50,000 IDs in one call: no variable limit, one query, every account found."""
        path = tmp_path / "big.sqlite3"
        rows = [(f"M{i:05d}", "Ada", "Lovelace", "member", "2020-01-01") for i in range(50_000)]
        _create(path, rows)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            trace = Statements(connection)
            ids = [row[0] for row in rows]
            found = SqliteRepository(connection).accounts([*ids, "Z1", "Z2"], on=REPORTED)
        connection.close()
        assert (50_000, 1) == (len(found), len(trace.statements))
        assert set(ids) == set(found)

    def test_row_factory_of_the_connection(self, connection: sqlite3.Connection) -> None:
        """A caller's row factory on the connection does not change the results."""
        connection.row_factory = lambda cursor, row: dict(
            zip([c[0] for c in cursor.description], row, strict=True)
        )
        repository = SqliteRepository(connection)
        assert ["A1"] == sorted(repository.accounts(["A1"], on=REPORTED))
        assert frozenset({"R1"}) == repository.reported_ids("PRG-1", OFFERING)

    def test_never_writes(self, database: Path) -> None:
        """On a writable connection, a whole roster check changes nothing."""
        with sqlite3.connect(database) as connection:
            before = connection.total_changes
            _check(connection, [ADA, GRACE])
            assert (before, False) == (connection.total_changes, connection.in_transaction)
        connection.close()


ADA = "PRG-1,A1,Ada,Lovelace,2026-03-02"
GRACE = "PRG-1,A2,Grace,Hopper,3/2/2026"


def _check(connection: sqlite3.Connection, rows: Sequence[str]) -> dict[int, tuple[str, ...]]:
    header = "Program ID,AAST ID,First Name,Last Name,Completion Date"
    data = "".join(line + "\r\n" for line in (header, *rows)).encode("utf-8")
    report = check_roster(
        data,
        program=PROGRAM,
        offering=OFFERING,
        repository=SqliteRepository(connection),
        reported_at=REPORTED,
    )
    out: dict[int, tuple[str, ...]] = dict.fromkeys((a.row for a in report.accepted), ("accepted",))
    out.update({r.row: r.codes for r in report.refused})
    out.update(dict.fromkeys(report.blank_rows, ("blank",)))
    return dict(sorted(out.items()))


class TestRosterCheck:
    """A whole roster check through the SQLite repository."""

    ROWS = (
        ADA,
        GRACE,
        "PRG-1,A3,José,Núñez,2026-03-02",
        "PRG-1,G1,Zoë,Saldaña,2026-03-02",
        "PRG-1,R1,Mary,Reported,2026-03-02",
        ADA,
        "PRG-1,Z9,Li,Wei,bad",
        "",
    )
    EXPECTED: ClassVar[dict[int, tuple[str, ...]]] = {
        2: ("accepted",),
        3: ("accepted",),
        4: ("account-not-found",),
        5: ("accepted",),
        6: ("already-reported",),
        7: ("duplicate-in-roster",),
        8: ("date-format", "account-not-found"),
        9: ("blank",),
    }

    def test_findings(self, connection: sqlite3.Connection) -> None:
        """The roster's findings come from the database (A3 did not exist on the report date)."""
        assert self.EXPECTED == _check(connection, self.ROWS)

    def test_one_accounts_query_and_one_reported_query(
        self, connection: sqlite3.Connection
    ) -> None:
        """A whole roster check runs one accounts query and one reports query, no more."""
        trace = Statements(connection)
        _check(connection, self.ROWS * 50)
        assert (2, 1, 1) == (
            len(trace.statements),
            trace.count("accounts"),
            trace.count("reports"),
        )

    def test_same_findings_as_in_memory(self, connection: sqlite3.Connection) -> None:
        """The SQLite and in-memory repositories give the same report for the same data."""
        memory = InMemoryRepository(
            [
                Account(aast_id=a, first_name=f, last_name=last, kind=k)
                for a, f, last, k, created in ACCOUNT_ROWS
                if date.fromisoformat(created) <= REPORTED
            ],
            reported={("PRG-1", OFFERING): ["R1"]},
        )
        header = "Program ID,AAST ID,First Name,Last Name,Completion Date"
        data = "".join(line + "\r\n" for line in (header, *self.ROWS)).encode("utf-8")
        reports = [
            check_roster(
                data,
                program=PROGRAM,
                offering=OFFERING,
                repository=repository,
                reported_at=REPORTED,
            )
            for repository in (SqliteRepository(connection), memory)
        ]
        assert reports[0].to_dict() == reports[1].to_dict()

    def test_no_query_without_ids(self, connection: sqlite3.Connection) -> None:
        """A roster with no well-formed AAST ID queries nothing."""
        trace = Statements(connection)
        assert {2: ("blank",)} == _check(connection, [""])
        assert [] == trace.statements
