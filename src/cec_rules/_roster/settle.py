"""Account settlement: the rules that need the accounts, `account-exists`,
`name-match` and `one-claim`, applied to the rows the row pass kept and to
those it refused.

The repository is asked twice per roster, never once per row: one batch call
for the accounts of every well-formed AAST ID, one for the IDs reported for
the offering before; and, only when some all-digit IDs name no account, a
third for those IDs with leading zeros added, to name the likely fix in the
hint.  The kept rows are then handled a column at a time (the
account of every row, whether its names match), so the common row costs no
Python-level step; the few rows with an issue (no account, a name that
differs, an ID kept twice, reported before, or also on a refused row) are
handled one by one, in row order.
"""

from __future__ import annotations

import heapq
import itertools
import operator
from collections.abc import Callable, Collection, Mapping
from typing import Any, NamedTuple

from cec_rules._roster import findings
from cec_rules._roster.attendees import Attendees, attendees_of_columns
from cec_rules._roster.columnar import Seen, between, drop, flags, flags_at, positions, replace
from cec_rules._roster.fields import NAME_FIELDS
from cec_rules._roster.findings import Finding
from cec_rules._roster.refused import RefusedRows, RefusedRowsBuilder
from cec_rules._roster.state import CheckInputs, Collected, PendingRefusal
from cec_rules.accounts import (
    Account,
    AccountKind,
    AccountRepository,
    looked_up,
    reported_before,
)
from cec_rules.names import fold_name, normalize_name
from cec_rules.policy import NameMismatch, Policy


class Settled(NamedTuple):
    """The rows of a roster once settled: accepted, refused (in row order), and the
    warnings of accepted rows."""

    accepted: Attendees
    refused: RefusedRows
    warnings: tuple[Finding, ...]


class _NoAccount:
    """Stands in for a missing account in the column pass: its names are a text no
    kept name is (a name with a control character is refused), and it has no kind."""

    first_name = last_name = "\x00"
    kind = None


_ROW = operator.attrgetter("row")
_NO_NAME = _NoAccount.first_name
_NO_ACCOUNT = _NoAccount()
_FIRST_NAME = operator.attrgetter("first_name")
_LAST_NAME = operator.attrgetter("last_name")
_KIND = operator.attrgetter("kind")

# Rows settled together by _claim_accounts: few enough that their IDs, accounts and
# names stay in the processor's cache from one pass over them to the next.
_SLICE = 4096


def settle_accounts(
    inputs: CheckInputs, collected: Collected, repository: AccountRepository
) -> Settled:
    """Apply `account-exists`, `name-match` and `one-claim` to every row read.

    The accepted columns are the collected lists, changed in place: ``collected``
    is spent once this returns.
    """
    numbers, aast_ids = collected.numbers, collected.aast_ids
    # Rows refused in the row pass whose AAST ID is well formed: their accounts too.
    early_ids = {r.aast_id for r in collected.refused if r.aast_id is not None}
    # Each ID as often as rows hold it (AccountRepository allows that): a set of them
    # would cost a hash-table insert per row, and _claim_accounts finds the repeats.
    wanted = (*aast_ids, *early_ids)
    accounts: Mapping[str, Account] = {}
    reported: frozenset[str] = frozenset()
    if wanted:
        accounts = looked_up(repository, wanted, on=inputs.report_date)
        reported = reported_before(repository, inputs.program_id, inputs.offering)
    del wanted  # a million IDs the garbage collector would walk
    kinds, dirty = _claim_accounts(collected, accounts, early_ids, reported)
    # The IDs that name no account: for those that are all digits, the ID with leading
    # zeros added that names one, if exactly one does (`aast-id-format`).
    unknown = {aast_id for i in positions(dirty, 1) if (aast_id := aast_ids[i]) not in accounts}
    unknown.update(aast_id for aast_id in early_ids if aast_id not in accounts)
    padded = _padded_ids(unknown, inputs, repository)
    # The rows with an issue, one by one in row order: every finding that applies.
    names = collected.names
    refuse_mismatch = inputs.policy.name_mismatch is NameMismatch.REFUSE
    fold = Seen(fold_name).__getitem__  # names repeat: fold each spelling once
    first_row: dict[str, int] = {}
    late_refused: list[PendingRefusal] = []
    warnings: list[Finding] = []
    dropped: list[int] = []
    index = dirty.find(1)
    while index >= 0:
        number, aast_id = numbers[index], aast_ids[index]
        first, last = names[collected.firsts[index]], names[collected.lasts[index]]
        account = accounts.get(aast_id, _NO_ACCOUNT)
        found: list[Finding] = []
        mismatch = None
        if isinstance(account, _NoAccount):
            found.append(findings.account_not_found(number, aast_id, padded.get(aast_id)))
        elif account.first_name != first or account.last_name != last:
            mismatch = mismatch_of(number, first, last, account, refuse_mismatch, fold)
            if mismatch is not None and refuse_mismatch:
                found.append(mismatch)
        if aast_id in first_row:
            found.append(findings.duplicate_in_roster(number, aast_id, first_row[aast_id]))
        elif aast_id in reported:
            found.append(findings.already_reported(number, aast_id))
        if found:
            cells = collected.cells_as_read(index, inputs.program_id)
            late_refused.append(PendingRefusal(number, cells, found, aast_id))
            dropped.append(index)
        else:
            first_row[aast_id] = number
            kinds[index] = account.kind is AccountKind.GUEST  # unset if claimed before
            if mismatch is not None:
                warnings.append(mismatch)
        index = dirty.find(1, index + 1)
    # The accepted columns: the row pass's own lists, changed in place. They are old
    # enough that the garbage collector's frequent collections leave them alone,
    # where new columns of a million values would each be walked a few times.
    if collected.renamed:
        replace(collected.firsts, names.__getitem__)
        replace(collected.lasts, names.__getitem__)
    completions: list[Any] = collected.completions  # texts now, the dates they stand for next
    replace(completions, collected.dates.__getitem__)
    accepted = attendees_of_columns(
        drop(numbers, dropped),
        drop(aast_ids, dropped),
        drop(collected.firsts, dropped),
        drop(collected.lasts, dropped),
        b"".join(between(kinds, dropped)),
        drop(completions, dropped),
    )
    refused = _refused_rows(
        collected.refused,
        late_refused,
        accounts,
        padded,
        reported,
        first_row,
        refuse_mismatch,
        inputs.policy,
    )
    return Settled(accepted, refused, tuple(warnings))


# The most IDs with leading zeros added that the check asks the repository for, in its
# one extra call; past it, it asks for none.
MOST_PADDED = 100_000


def _padded_ids(
    unknown: Collection[str], inputs: CheckInputs, repository: AccountRepository
) -> dict[str, str]:
    """For each ID in ``unknown`` (IDs with no account) that is all digits, the ID with
    leading zeros added that names an account, when exactly one does.

    A spreadsheet drops an ID's leading zeros when it takes the ID for a number.
    The padded forms, up to the longest ID the policy allows (when it allows
    zeros), are looked up in one batch call, made only when there is one to look
    up (and not when there are more than :data:`MOST_PADDED`).  The row stays refused:
    the padded ID only names the likely fix in its hint.
    """
    numeric = sorted(aast_id for aast_id in unknown if aast_id.isascii() and aast_id.isdigit())
    if not numeric:
        return {}
    longest = padded_width(inputs.policy)
    if sum(padded_count(aast_id, longest) for aast_id in numeric) > MOST_PADDED:
        return {}
    return look_up_padded(numeric, longest, inputs, repository)


def padded_width(policy: Policy) -> int:
    """The longest all-digit ID the policy allows, if it allows zeros, and a cell holds
    (0 when it allows no zeros).  The IDs padded are well formed, so each padded
    form up to it is too."""
    zeros = policy.aast_id_regex.fullmatch("0" * policy.aast_id_min_length)
    return min(policy.aast_id_max_length, policy.max_cell_length) if zeros else 0


def padded_count(aast_id: str, longest: int) -> int:
    """How many forms with leading zeros added an ID has up to ``longest`` characters:
    none unless it is all digits."""
    if not (aast_id.isascii() and aast_id.isdigit()):
        return 0
    return max(0, longest - len(aast_id))


def look_up_padded(
    numeric: Collection[str], longest: int, inputs: CheckInputs, repository: AccountRepository
) -> dict[str, str]:
    """For each all-digit ID of ``numeric``, the one form with leading zeros added (up to
    ``longest`` characters) that names an account, when exactly one does: one batch
    call, made only when there is a form to look up."""
    forms = {
        aast_id: [aast_id.rjust(width, "0") for width in range(len(aast_id) + 1, longest + 1)]
        for aast_id in numeric
    }
    wanted = [form for padded in forms.values() for form in padded]
    if not wanted:
        return {}
    accounts = looked_up(repository, wanted, on=inputs.report_date)
    out = {}
    for aast_id, padded in forms.items():
        named = [form for form in padded if form in accounts]
        if len(named) == 1:
            out[aast_id] = named[0]
    return out


def _claim_accounts(
    collected: Collected,
    accounts: Mapping[str, Account],
    early_ids: set[str],
    reported: frozenset[str] | set[str],
) -> tuple[bytearray, bytearray]:
    """The account kinds of the kept rows, and which rows have an issue: no account,
    other names than the account's (once cleaned), or an ID that is on another
    kept row, on a row refused earlier (``early_ids``) or ``reported`` before.

    One byte per row each: a kind is 1 for a guest, else 0 (as
    :data:`~cec_rules._roster.attendees.KINDS`); an issue is 1.  Each row claims
    its account from a copy of ``accounts``, taking it out, so a later row with
    the same ID finds none: one hash probe per row both finds the account and
    notes the claim (`one-claim`).  All rows of an ID claimed twice then have an
    issue, the first included; a row that found no account has no kind yet.  The
    accounts are read a slice of rows at a time and let go: a million of them
    held in one list would make each garbage collection walk them.
    """
    kinds = bytearray()
    dirty = bytearray()
    aast_ids = collected.aast_ids
    claims = dict(accounts)
    # An ID also on a refused row, or reported before: every kept row of it has an
    # issue.  Their accounts are claimed first, so that those rows find none.
    for aast_id in itertools.chain(early_ids, reported):
        claims.pop(aast_id, None)
    before: set[str] = set()  # IDs claimed in an earlier slice and again later
    for start in range(0, len(aast_ids), _SLICE):
        ids = aast_ids[start : start + _SLICE]
        firsts = collected.firsts[start : start + _SLICE]
        lasts = collected.lasts[start : start + _SLICE]
        if collected.renamed:
            firsts = list(map(collected.names.__getitem__, firsts))
            lasts = list(map(collected.names.__getitem__, lasts))
        found = list(map(claims.pop, ids, itertools.repeat(_NO_ACCOUNT)))
        # Each check's flags as an integer, one byte per row, so that they combine
        # with "|" rather than with a call per row.  A row that found no account has
        # an issue; its names are then set to _NoAccount's, so that the slice's names
        # can be compared with the accounts' as whole lists, which costs less than
        # flags, and flagged one by one only when they differ.
        account_firsts = list(map(_FIRST_NAME, found))
        account_lasts = list(map(_LAST_NAME, found))
        issues = 0
        if account_firsts.count(_NO_NAME):
            missing = list(positions(account_firsts, _NO_NAME))
            issues = flags_at(len(ids), missing)
            for index in missing:  # (firsts and lasts are this slice's own lists)
                firsts[index] = lasts[index] = _NO_NAME
        if account_firsts != firsts:
            issues |= flags(map(operator.ne, account_firsts, firsts))
        if account_lasts != lasts:
            issues |= flags(map(operator.ne, account_lasts, lasts))
        issue_bytes = bytearray(issues.to_bytes(len(ids), "little"))
        # A row that found no account for an ID that has one: an earlier row claimed it.
        repeated = {
            aast_id
            for index in positions(issue_bytes, 1)
            if found[index] is _NO_ACCOUNT
            and (aast_id := ids[index]) in accounts
            and aast_id not in early_ids
            and aast_id not in reported
        }
        if repeated:
            # The row that claimed the account has an issue too, in this slice or before.
            for index in positions(bytes(map(repeated.__contains__, ids)), 1):
                if found[index] is not _NO_ACCOUNT:
                    issue_bytes[index] = 1
                    repeated.remove(ids[index])
            before |= repeated
        dirty += issue_bytes
        # An identity test, as hashing an enum member runs Python code.
        kinds += bytes(map(operator.is_, map(_KIND, found), itertools.repeat(AccountKind.GUEST)))
    if before:
        issues = int.from_bytes(dirty, "little") | flags(map(before.__contains__, aast_ids))
        dirty = bytearray(issues.to_bytes(len(aast_ids), "little"))
    return kinds, dirty


def _refused_rows(
    early: list[PendingRefusal],
    late: list[PendingRefusal],
    accounts: Mapping[str, Account],
    padded: Mapping[str, str],
    reported: frozenset[str] | set[str],
    first_row: dict[str, int],
    refuse_mismatch: bool,
    policy: Policy,
) -> RefusedRows:
    """Add the account and claim findings to rows refused in the row pass; merge
    them with the rows refused in settlement, in row order.

    ``padded`` maps an ID with no account to the one ID with leading zeros added
    that has one.
    """
    for number, cells, found, aast_id in early:
        if aast_id is not None:
            account = accounts.get(aast_id)
            if account is None:
                found.append(findings.account_not_found(number, aast_id, padded.get(aast_id)))
            elif refuse_mismatch and not any(f.field in NAME_FIELDS for f in found):
                # Both names are valid: compare them as an accepted row's would be.
                mismatch = mismatch_of(
                    number, normalize_name(cells[2]), normalize_name(cells[3]), account, True
                )
                if mismatch is not None:
                    found.append(mismatch)
            if aast_id in first_row:
                found.append(findings.duplicate_in_roster(number, aast_id, first_row[aast_id]))
            elif aast_id in reported:
                found.append(findings.already_reported(number, aast_id))
    for number, _, found, aast_id in late:
        if (
            aast_id in first_row
            and first_row[aast_id] != number
            and not any(f.code == "duplicate-in-roster" for f in found)
        ):
            assert aast_id is not None
            found.append(findings.duplicate_in_roster(number, aast_id, first_row[aast_id]))
    # Each list is in row order (the row pass reads rows in order and sorts those it
    # moves; settlement walks the kept rows in order): merge them.
    refused = RefusedRowsBuilder(policy)
    for number, cells, found, _ in heapq.merge(early, late, key=_ROW):
        refused.add(number, cells, found)
    return refused.rows()


def mismatch_of(
    number: int,
    first: str,
    last: str,
    account: Account,
    refuse: bool,
    fold: Callable[[str], str] = fold_name,
) -> Finding | None:
    """`name-match`: the finding when the row's names, folded, differ from the
    account's; ``None`` when they are the same but for case, accents and the like."""
    same_first = fold(first) == fold(account.first_name)
    if same_first and fold(last) == fold(account.last_name):
        return None
    return findings.name_mismatch(
        number, first, last, account, refuse=refuse, first_same=same_first
    )
