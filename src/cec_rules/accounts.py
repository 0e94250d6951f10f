"""Accounts and the repository protocol the calling service implements (section 7).

The library stores nothing.  A service gives it a read-only object that
satisfies :class:`AccountRepository`: it looks up many accounts at once (one
call per roster, never one per row) and says which AAST IDs were already
reported for an offering.  :class:`InMemoryRepository` is a real
implementation for notebooks and tests; ``docs/repository.md`` shows one over
SQLite.
"""

from __future__ import annotations

import csv
import enum
import os
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Protocol, TextIO, runtime_checkable

import attrs

from cec_rules.errors import InvalidAccount, InvalidRepository
from cec_rules.program import Offering

__all__ = ["Account", "AccountKind", "AccountRepository", "InMemoryRepository"]


class AccountKind(enum.Enum):
    """The kind of an AAST account, which sets the filing fee (`filing-fee`)."""

    MEMBER = "member"
    GUEST = "guest"


def _kind(value: object) -> AccountKind:
    try:
        return AccountKind(value)
    except ValueError:
        raise InvalidAccount(f"kind must be 'member' or 'guest', got {value!r}") from None


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidAccount(f"account fields must be non-blank text, got {value!r}")
    return value.strip()


@attrs.frozen(kw_only=True)
class Account:
    """An AAST member or guest account, as the association holds it."""

    aast_id: str = attrs.field(converter=_text)
    first_name: str = attrs.field(converter=_text)
    last_name: str = attrs.field(converter=_text)
    kind: AccountKind = attrs.field(converter=_kind)


@runtime_checkable
class AccountRepository(Protocol):
    """Implement this over your own store to let the library check rosters.

    Both methods are read-only and batch: the library calls ``reported_ids`` at
    most once per roster check, and ``accounts`` once, and a second time only
    when some all-digit IDs name no account, for those IDs with leading zeros
    added (to say in the hint which account the row may have meant).
    """

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        """Return the accounts that exist on ``on`` among ``aast_ids``, keyed by AAST ID.

        IDs with no account are simply absent from the result.  ``aast_ids``
        holds the IDs as the roster does: an ID on two rows comes twice.
        """
        ...

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        """Return the AAST IDs already reported for this offering in earlier rosters."""
        ...


def looked_up(
    repository: AccountRepository, aast_ids: Collection[str], *, on: date
) -> Mapping[str, Account]:
    """``repository.accounts(aast_ids, on=on)``, held to the protocol: a mapping whose
    value for each ID asked is that ID's :class:`Account`, or absent.

    Raises :class:`~cec_rules.errors.InvalidRepository` naming the method and what
    it returned, rather than an error from deep inside a check.
    """
    name = f"{type(repository).__name__}.accounts"
    accounts = repository.accounts(aast_ids, on=on)
    if not isinstance(accounts, Mapping):
        raise InvalidRepository(
            f"{name} returned {type(accounts).__name__}; it must return a mapping of AAST ID "
            "to Account, empty when no ID names one"
        )
    if type(repository) is InMemoryRepository:  # a subclass may override accounts
        return accounts  # built of Accounts by this library, keyed by their IDs
    for aast_id in set(aast_ids):
        account = accounts.get(aast_id)
        if account is None:
            continue
        if not isinstance(account, Account):
            raise InvalidRepository(
                f"{name} returned {type(account).__name__} for {aast_id!r}; each value must "
                "be an Account (cec_rules.Account)"
            )
        if account.aast_id != aast_id:
            raise InvalidRepository(
                f"{name} returned the account {account.aast_id!r} under the ID {aast_id!r}; "
                "key each account by its own AAST ID"
            )
    return accounts


def reported_before(
    repository: AccountRepository, program_id: str, offering: Offering
) -> frozenset[str]:
    """``repository.reported_ids(program_id, offering)`` as a set, held to the protocol:
    a collection of AAST IDs (text), never one text or ``None``."""
    name = f"{type(repository).__name__}.reported_ids"
    ids = repository.reported_ids(program_id, offering)
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Collection):
        raise InvalidRepository(
            f"{name} returned {type(ids).__name__}; it must return a collection of AAST IDs "
            "(a set, or an empty one when none was reported)"
        )
    reported = ids if isinstance(ids, frozenset) else frozenset(ids)
    strange = next((aast_id for aast_id in reported if not isinstance(aast_id, str)), None)
    if strange is not None:
        raise InvalidRepository(
            f"{name} returned {strange!r} among the IDs; each must be an AAST ID as text"
        )
    return reported


# Above this many IDs, a request for most of the accounts gets the whole map (see below).
_COPY_LIMIT = 10_000


class InMemoryRepository:
    """A repository held in memory: for notebooks, tests and small scripts.

    >>> repo = InMemoryRepository([Account(aast_id="A-1", first_name="Ada",
    ...                                    last_name="Lovelace", kind="member")])
    >>> sorted(repo.accounts(["A-1", "Z-9"], on=date(2026, 3, 2)))
    ['A-1']
    """

    def __init__(
        self,
        accounts: Iterable[Account] = (),
        *,
        reported: Mapping[tuple[str, Offering], Iterable[str]] | None = None,
    ) -> None:
        self._accounts: dict[str, Account] = {}
        for account in accounts:
            if account.aast_id in self._accounts:
                raise InvalidAccount(
                    f"two accounts have the AAST ID {account.aast_id!r}; an ID names one account"
                )
            self._accounts[account.aast_id] = account
        self._reported = {
            (program_id.strip().casefold(), offering): _reported_ids(program_id, ids)
            for (program_id, offering), ids in (reported or {}).items()
        }

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        """Return the known accounts among ``aast_ids`` (``on`` does not change them).

        A request for more than 10,000 IDs that covers most of the repository (a
        large roster) gets the whole map rather than a copy of most of it: look
        the IDs up in the result rather than iterating it, and do not change it.
        """
        known = self._accounts
        if len(aast_ids) > _COPY_LIMIT and len(aast_ids) * 4 > len(known):
            # Cheaper to hand back the whole map than to copy most of it.
            return known
        return {aast_id: known[aast_id] for aast_id in aast_ids if aast_id in known}

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        """Return the AAST IDs recorded as already reported for the offering."""
        return self._reported.get((program_id.strip().casefold(), offering), frozenset())

    @classmethod
    def from_csv(cls, stream: TextIO) -> InMemoryRepository:
        """Read accounts from a CSV text stream with columns aast_id, first_name,
        last_name, kind (member or guest), named in any case; other columns are
        ignored.

        Open files with ``newline=""``, as for any CSV file, so that a line break
        inside a quoted name is read as part of it.  Rows are numbered as a
        spreadsheet shows them (`row-numbers`: the header is row 1); blank rows are
        skipped.  A bad row (a blank field, an unknown kind, another number of
        cells than the header, an AAST ID already given), a column given twice,
        or text that is not CSV raises :class:`InvalidAccount` naming the row.
        """
        if isinstance(stream, (str, bytes, os.PathLike)):
            shown = os.fspath(stream) if isinstance(stream, os.PathLike) else stream[:40]
            raise InvalidAccount(
                f"from_csv reads a text stream, not {type(stream).__name__} {shown!r}: the "
                "reader opens no file itself; pass open(path, encoding='utf-8-sig', "
                "newline='') or io.StringIO(text)"
            )
        reader = csv.reader(stream)
        try:
            header = next(reader, [])
        except csv.Error as error:
            raise _not_csv(1, error) from None
        # A spreadsheet saved as "CSV UTF-8" starts with a byte-order mark; column
        # names are read in any case, with spaces around them.
        names = [name.lstrip("\ufeff").strip().casefold() for name in header]
        missing = set(_ACCOUNT_COLUMNS) - set(names)
        if missing:
            raise InvalidAccount(
                "the accounts CSV needs the columns aast_id, first_name, last_name, kind; "
                f"missing: {', '.join(sorted(missing))}"
            )
        for name in _ACCOUNT_COLUMNS:
            if names.count(name) > 1:
                raise InvalidAccount(f"the accounts CSV has the column {name} more than once")
        positions = [names.index(name) for name in _ACCOUNT_COLUMNS]
        accounts: list[Account] = []
        rows: dict[str, int] = {}  # the row of each AAST ID read so far
        number = 1  # the header's row
        try:
            for number, cells in enumerate(reader, start=2):
                if not "".join(cells).strip():  # a blank row: no cells, or only spaces
                    continue
                account = _account(number, cells, len(names), positions)
                if account.aast_id in rows:
                    raise InvalidAccount(
                        f"accounts CSV rows {rows[account.aast_id]} and {number} both have the "
                        f"AAST ID {account.aast_id!r}; an ID names one account"
                    )
                rows[account.aast_id] = number
                accounts.append(account)
        except csv.Error as error:
            raise _not_csv(number + 1, error) from None
        return cls(accounts)


def _reported_ids(program_id: str, ids: Iterable[str]) -> frozenset[str]:
    if isinstance(ids, str):  # a set of its characters would pass for the IDs
        raise InvalidAccount(
            f"the IDs reported for {program_id} must be a collection of AAST IDs, not the "
            f"text {ids!r}; write [{ids!r}]"
        )
    return frozenset(ids)


_ACCOUNT_COLUMNS = ("aast_id", "first_name", "last_name", "kind")


def _account(number: int, cells: list[str], width: int, positions: list[int]) -> Account:
    """The account on row ``number`` of an accounts CSV whose header has ``width``
    cells, the four fields at ``positions``; or :class:`InvalidAccount` naming the row."""
    if len(cells) != width:
        problem = f"it has {len(cells)} cells where the header has {width}"
    else:
        aast_id, first_name, last_name, kind = (cells[p] for p in positions)
        try:
            return Account(aast_id=aast_id, first_name=first_name, last_name=last_name, kind=kind)
        except InvalidAccount as error:
            problem = str(error)
    raise InvalidAccount(f"accounts CSV row {number}: {problem}")


def _not_csv(number: int, error: csv.Error) -> InvalidAccount:
    return InvalidAccount(f"accounts CSV row {number} is not readable as CSV: {error}")
