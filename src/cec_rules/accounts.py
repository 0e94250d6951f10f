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
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Protocol, TextIO, runtime_checkable

import attrs

from cec_rules.errors import InvalidAccount
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

    Both methods are read-only and batch: the library calls each at most once
    per roster check.
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
            (program_id.strip().casefold(), offering): frozenset(ids)
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
        last_name, kind (member or guest).  A bad row, or text that is not CSV,
        raises :class:`InvalidAccount` naming its row number.  Open files with
        ``newline=""``, as for any CSV file, so that a line break inside a
        quoted name is read as part of it."""
        reader = csv.DictReader(stream)
        try:
            header = reader.fieldnames or ()
        except csv.Error as error:
            raise _not_csv(1, error) from None
        # A spreadsheet saved as "CSV UTF-8" starts with a byte-order mark.
        reader.fieldnames = [name.lstrip("\ufeff").strip() for name in header]
        missing = {"aast_id", "first_name", "last_name", "kind"} - set(reader.fieldnames)
        if missing:
            raise InvalidAccount(
                "the accounts CSV needs the columns aast_id, first_name, last_name, kind; "
                f"missing: {', '.join(sorted(missing))}"
            )
        accounts: list[Account] = []
        try:
            for row in reader:
                accounts.append(
                    Account(
                        aast_id=row["aast_id"],
                        first_name=row["first_name"],
                        last_name=row["last_name"],
                        kind=row["kind"],
                    )
                )
        except InvalidAccount as error:  # the header is row 1, each account a row after it
            raise InvalidAccount(f"accounts CSV row {len(accounts) + 2}: {error}") from None
        except csv.Error as error:
            raise _not_csv(len(accounts) + 2, error) from None
        return cls(accounts)


def _not_csv(number: int, error: csv.Error) -> InvalidAccount:
    return InvalidAccount(f"accounts CSV row {number} is not readable as CSV: {error}")
