"""A roster built one entry at a time, each entry checked in time that does not grow
with the entries before it (:class:`~cec_rules.roster.RosterDraft`).

A draft answers for each entry exactly what :func:`~cec_rules.roster.check_roster`
answers for the same row of a file of the entries so far.  A file is checked in
passes over all its rows; a draft keeps what those passes found about the rows
so far (a :class:`Book`) and works out what one more row changes:

- The row alone: the entry goes through the row pass of a file of records on
  its own (its keys planned by :class:`~cec_rules._roster.reading.RecordKeys`,
  its cells checked by :class:`~cec_rules._roster.fastpass.RowPass` and the
  reference rules), numbered as its row in the file (`row-numbers`).
- Date order (`completion-date`): the first row that shows the file writes the
  day first changes the dates of the rows before it.  That happens once: the
  rows so far are put in the file's order then (:mod:`.order`), and every later
  row as it comes.
- Accounts (`account-exists`, `name-match`, `one-claim`): settlement decides
  the rows of each AAST ID apart from every other ID's.  Given the ID's account
  and whether it was reported before, its accepted row is its first kept row
  that has the account, was not reported, and (when the policy refuses a
  mismatch) whose names match; each of its other rows is refused, and names the
  accepted row as a duplicate.  A book keeps each ID's rows and accepted row, so
  a new row is settled in one step; when it is its ID's accepted row, the ID's
  rows refused before it become duplicates too, once.
- The repository: each entry's AAST ID is looked up when it is entered (one
  call for one ID), so that an account made meanwhile is found; the IDs
  reported before are asked for once.  When an ID's account is not what it was,
  the rows of that ID are settled again.

Adding is amortised O(1).  A step settles the new row, and again only the rows
it changes: a refused row becomes a duplicate of a later accepted one once.
Two steps touch every row, and happen once in a draft's life: the day-first
proof, and the forms with zeros added passing the most a file looks up.  (News
from the repository settles again the rows of the IDs it is about.)

A book is shared by the drafts made one from another (a lineage): adding to the
newest draft appends in place; adding to an older one first copies the book up
to its entries (a branch), replaying the rows read, with no check and no call.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from cec_rules._roster import findings, settle
from cec_rules._roster.attendees import AcceptedAttendee, RefusedRow
from cec_rules._roster.fastpass import RowPass
from cec_rules._roster.fields import FIELDS, NAME_FIELDS, NOT_A_RECORD
from cec_rules._roster.findings import DateProblem, FileRefused, Finding, Severity
from cec_rules._roster.order import NOT_FIELDS, PROOF, in_order, order_problem
from cec_rules._roster.reading import RECORD_COLUMNS, Plan, RecordKeys, record_cells
from cec_rules._roster.state import CheckInputs, Collected
from cec_rules.accounts import Account, AccountRepository
from cec_rules.jsonio import JsonValue
from cec_rules.names import normalize_name
from cec_rules.policy import NameMismatch

_DATE = FIELDS.index("completion_date")
_FIRST, _LAST = (FIELDS.index(field) for field in NAME_FIELDS)


@attrs.frozen(kw_only=True)
class EntryOutcome(JsonValue):
    """What one entry of a :class:`~cec_rules.roster.RosterDraft` is, exactly as the same
    row of a file of the draft's entries would be.

    ``row`` is the row the entry holds, numbered as a spreadsheet numbers a file's
    rows (the first entry is row 2, `row-numbers`).  An accepted entry has its
    ``attendee`` and the ``warnings`` on it (`name-match`); a refused one its
    ``refusal``, with every finding that applies; a wholly blank one neither.
    ``file_findings`` holds the file-level findings about the entry: a key that
    names no field or only resembles one (first met in this entry), an AAST ID
    given as a number; or the error that keeps it out of the draft, when the
    entry would refuse a file as a whole (a cell past the policy's limit, two
    keys for one field, a row past the most a roster holds).

    ``changed`` holds, in row order, the new outcome of each earlier entry this
    one changed: an earlier refused entry with the same AAST ID becomes a
    duplicate of this one once it is accepted (`one-claim`), and an entry that
    shows the day is written first refuses earlier slash dates that read
    otherwise month first (`completion-date`).
    """

    row: int
    attendee: AcceptedAttendee | None = None
    refusal: RefusedRow | None = None
    warnings: tuple[Finding, ...] = ()
    file_findings: tuple[Finding, ...] = ()
    changed: tuple[EntryOutcome, ...] = ()

    @property
    def added(self) -> bool:
        """False when the entry would refuse a roster as a whole and was not added."""
        return not any(f.severity is Severity.ERROR for f in self.file_findings)

    @property
    def blank(self) -> bool:
        """True for a wholly blank entry, skipped and counted as a file's blank row."""
        return self.added and self.attendee is None and self.refusal is None

    def to_dict(self) -> dict[str, Any]:
        """Return the outcome as JSON-ready data, with the outcomes it changed."""
        return {
            "row": self.row,
            "added": self.added,
            "blank": self.blank,
            "attendee": None if self.attendee is None else self.attendee.to_dict(),
            "refusal": None if self.refusal is None else self.refusal.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
            "file_findings": [f.to_dict() for f in self.file_findings],
            "changed": [c.to_dict() for c in self.changed],
        }

    if not TYPE_CHECKING:  # pragma: no branch (mypy is to flag any other name)

        def __getattr__(self, name: str) -> Any:
            # RosterDraft.add returned the whole report until it returned this: say so
            # to code written for that, rather than a bare AttributeError.
            if name in _REPORT_ONLY:
                raise AttributeError(
                    f"{type(self).__name__} has no attribute {name!r}: RosterDraft.add "
                    "returns the new entry's outcome, not the report of the roster; call "
                    "draft.report(repository) for the whole report"
                )
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


# What a RosterReport has and an EntryOutcome does not.
_REPORT_ONLY = frozenset(
    {
        "accepted",
        "refused",
        "findings",
        "blank_rows",
        "data_rows",
        "members",
        "guests",
        "filing_fee",
        "filing_fee_lines",
        "file_refused",
        "rules",
        "explanation",
        "to_rows",
        "to_frame",
        "write_findings_csv",
    }
)


class _Plan(NamedTuple):
    """What reading an entry found about its keys (see :class:`RecordKeys`)."""

    keys: tuple[Any, ...]
    where: Plan
    warnings: list[tuple[str, Finding]]


class Read(NamedTuple):
    """One row as the row pass reads it: blank, kept (it passed every rule of the row
    alone) or refused, with what settlement needs of it."""

    row: int
    blank: bool = False
    kept: bool = False
    #: The cells as read: the five fields (of a row that is no record: its repr).
    cells: tuple[str, ...] = ()
    #: The findings of the row alone (of a refused row).
    findings: tuple[Finding, ...] = ()
    #: The trimmed AAST ID, when it is well formed.
    aast_id: str | None = None
    #: A kept row's names as cleaned, and its completion date.
    first: str = ""
    last: str = ""
    completed: date | None = None
    #: The file-level warnings about the row, and the keys it was the first to be
    #: warned about.
    file_findings: tuple[Finding, ...] = ()
    warned: tuple[str, ...] = ()


#: What settlement makes of a row: its attendee, or its refusal, and its warnings.
Verdict = tuple[AcceptedAttendee | None, RefusedRow | None, tuple[Finding, ...]]


@attrs.define
class _Claims:
    """The rows of one AAST ID (indexes among the rows, in order) and its accepted row."""

    rows: list[int] = attrs.Factory(list)
    accepted: int | None = None


#: What the inputs of a draft are: program, offering, reported_at, policy, extension.
Key = tuple[Any, ...]


def same_key(one: Key, other: Key) -> bool:
    """Whether two drafts' inputs are the same (by identity first: they mostly are)."""
    for mine, theirs in zip(one, other, strict=True):
        if mine is not theirs and mine != theirs:
            return False
    return True


class Book:
    """What the checks of a file would find about the rows of a draft so far, kept so
    that one more row costs a bounded step.  Changed only by :meth:`append` and
    :meth:`checked`, under the lineage's lock."""

    def __init__(self, key: Key, inputs: CheckInputs) -> None:
        self.key = key
        self.inputs = inputs
        self.keys = RecordKeys()
        self.reads: list[Read] = []  # as the row pass read them
        self.rows: list[Read] = []  # in the file's date order
        self.proof: tuple[int, str] | None = None
        self.problems: dict[str, DateProblem | None] = {}
        self.claims: dict[str, _Claims] = {}
        # What the repository said: each ID's account (None: none), the ID with zeros
        # added that names an account (None: none, or more than one), and the IDs
        # reported before (None: not asked yet).
        self.accounts: dict[str, Account | None] = {}
        self.padded: dict[str, str | None] = {}
        self.reported: Collection[str] | None = None
        # The forms with zeros added that the IDs with no account have, in all: past
        # settle.MOST_PADDED a file looks none up, and no hint names one.  The IDs
        # among them not looked up yet (while there were too many).
        self.longest = settle.padded_width(inputs.policy)
        self.padded_total = 0
        self.unpadded: set[str] = set()
        self.refuse = inputs.policy.name_mismatch is NameMismatch.REFUSE
        # The row pass of a file of records, through which each entry goes as its row; it
        # keeps what it learns of names and dates, as it does over a file.
        self.collected = Collected()
        self.row_pass = RowPass(len(FIELDS), RECORD_COLUMNS, inputs, self.collected)
        # The verdicts of rows before the step that is changing them (None: no step).
        self.before: dict[int, Verdict] | None = None

    # -- building

    @classmethod
    def checked(
        cls, key: Key, inputs: CheckInputs, entries: Iterable[Any], repository: AccountRepository
    ) -> Book:
        """A book of ``entries`` (given to a draft, not added one by one), read and
        settled as a file is: the accounts of all their IDs in one batch call.

        Raises :class:`FileRefused` when the entries would refuse a file as a whole.
        """
        book = cls(key, inputs)
        reads: list[Read] = []
        for entry in entries:
            read, plan = book.read(entry, len(reads) + 2)
            book.remember(plan)
            reads.append(read)
        ids = {read.aast_id for read in reads if read.aast_id is not None}
        if ids:
            found = repository.accounts(sorted(ids), on=inputs.report_date)
            book.accounts.update((aast_id, found.get(aast_id)) for aast_id in ids)
            book.reported = book.reported_ids(repository)
            unknown = [aast_id for aast_id in ids if book.accounts[aast_id] is None]
            if sum(settle.padded_count(a, book.longest) for a in unknown) <= settle.MOST_PADDED:
                book.fill(unknown, repository)
        for read in reads:
            book.integrate(read)
        return book

    def replayed(self, length: int) -> Book:
        """A copy of this book as it was with its first ``length`` rows: the rows read are
        replayed, with what the repository said, no row checked and no call made."""
        book = Book(self.key, self.inputs)
        book.accounts = dict(self.accounts)
        book.padded = dict(self.padded)
        book.reported = self.reported
        for read in self.reads[:length]:
            book.keys.warned.update(read.warned)
            book.integrate(read)
        return book

    def read(self, entry: Any, number: int) -> tuple[Read, _Plan | None]:
        """Read ``entry`` as row ``number`` of a file of records, and what its keys would
        make the book remember (for :meth:`remember`); nothing is kept yet.

        Raises :class:`FileRefused` when the entry would refuse a file as a whole.
        """
        inputs = self.inputs
        collected = self.collected
        collected.forget_rows()
        whole: list[int] = []
        plan = None
        warnings: list[tuple[str, Finding]] = []
        if isinstance(entry, Mapping):
            keys = tuple(entry)
            where, warnings = self.keys.plan(keys, number)
            if warnings or keys not in self.keys.plans:
                plan = _Plan(keys, where, warnings)
            cells = record_cells(entry, where, number, collected.number_ids, whole)
        else:
            cells = [NOT_A_RECORD, repr(entry)]
        self.row_pass.number = number - 1  # the last row read: the row before this one
        self.row_pass.rows([cells], careful=True)  # (past the most rows: FileRefused)
        file_findings = tuple(found for _, found in warnings)
        if whole:
            file_findings += (findings.aast_id_numbers(whole),)
        read = Read(
            number,
            file_findings=file_findings,
            warned=tuple(name for name, _ in warnings),
        )
        if collected.blank:
            return read._replace(blank=True), plan
        if collected.refused:
            _, shown, found, aast_id = collected.refused[0]
            return read._replace(cells=tuple(shown), findings=tuple(found), aast_id=aast_id), plan
        names = collected.names
        kept = read._replace(
            kept=True,
            cells=collected.cells_as_read(0, inputs.program_id),
            aast_id=collected.aast_ids[0],
            first=names[collected.firsts[0]],
            last=names[collected.lasts[0]],
            completed=collected.dates[collected.completions[0]],
        )
        return kept, plan

    def remember(self, plan: _Plan | None) -> None:
        """Keep what reading an entry found about its keys, once the entry is in."""
        if plan is not None:
            self.keys.remember(*plan)

    def reported_ids(self, repository: AccountRepository) -> Collection[str]:
        """The IDs reported before for the offering: asked once a book."""
        if self.reported is not None:
            return self.reported
        inputs = self.inputs
        earlier = repository.reported_ids(inputs.program_id, inputs.offering)
        return earlier if isinstance(earlier, (set, frozenset)) else frozenset(earlier)

    def fill(self, unknown: Iterable[str], repository: AccountRepository) -> None:
        """Look up, in one call, the forms with zeros added of the all-digit IDs among
        ``unknown`` (IDs with no account), as a file looks them up."""
        numeric = [a for a in unknown if settle.padded_count(a, self.longest)]
        found = settle.look_up_padded(numeric, self.longest, self.inputs, repository)
        for aast_id in numeric:
            self.padded[aast_id] = found.get(aast_id)
            self.unpadded.discard(aast_id)

    # -- adding one entry

    def append(self, entry: Any, repository: AccountRepository) -> EntryOutcome:
        """Add ``entry`` as the next row and return its outcome, with the new outcome of
        each earlier row it changed.

        An entry that would refuse a file as a whole is not added: its outcome holds
        the error.  Every call to the repository is made before the book changes, so
        an error there leaves it as it was.
        """
        number = len(self.reads) + 2
        try:
            read, plan = self.read(entry, number)
        except FileRefused as refusal:
            return EntryOutcome(row=number, file_findings=(refusal.finding,))
        aast_id = read.aast_id
        # Ask the repository first.
        account: Account | None = None
        padded: dict[str, str] = {}
        reported = self.reported
        total = self.padded_total
        wanted: set[str] = set()
        if aast_id is not None:
            inputs = self.inputs
            reported = self.reported_ids(repository)
            account = repository.accounts([aast_id], on=inputs.report_date).get(aast_id)
            count = settle.padded_count(aast_id, self.longest)
            total += count * ((account is None) - self._counted(aast_id))
            if total <= settle.MOST_PADDED:
                # This ID's forms with zeros added, and those of IDs entered while there
                # were too many to look up.
                wanted = {aast_id} if account is None and count else set()
                wanted |= self.unpadded
                if wanted:
                    padded = settle.look_up_padded(wanted, self.longest, inputs, repository)
        # Then change the book.
        self.reported = reported
        self.remember(plan)
        for other in wanted - {aast_id}:  # looked up only now: the rows had no hint yet
            self.padded[other] = padded.get(other)
            self.unpadded.discard(other)
        self.before = {}
        try:
            if aast_id is not None:
                self._learn(aast_id, account, padded.get(aast_id), aast_id in wanted)
            self.integrate(read)
            index = len(self.rows) - 1
            changed = tuple(
                self.outcome(i, verdict)
                for i in sorted(self.before)
                if (verdict := self.verdict(i)) != self.before[i] and i != index
            )
            return self.outcome(index, self.verdict(index), changed)
        finally:
            self.before = None

    def _counted(self, aast_id: str) -> bool:
        """Whether the book counts ``aast_id``'s forms with zeros added (an ID of its
        rows with no account)."""
        return aast_id in self.claims and self.accounts[aast_id] is None

    def _learn(
        self, aast_id: str, account: Account | None, padded: str | None, looked_up: bool
    ) -> None:
        """Take what the repository now says of ``aast_id`` (``padded`` is known only
        when ``looked_up``); when its rows so far heard otherwise, settle them again."""
        claims = self.claims.get(aast_id)
        before = self.accounts.get(aast_id)
        if not looked_up:
            padded = self.padded.get(aast_id)
        changed = claims is not None and (before != account or self.padded.get(aast_id) != padded)
        if changed:
            assert claims is not None
            self._touch(claims.rows)
            count = settle.padded_count(aast_id, self.longest)
            self._total(self.padded_total + count * ((account is None) - (before is None)))
        self.accounts[aast_id] = account
        if looked_up:
            self.padded[aast_id] = padded
        if looked_up or account is not None:
            self.unpadded.discard(aast_id)
        elif claims is not None and aast_id not in self.padded:
            self.unpadded.add(aast_id)  # (one with no form to look up costs nothing)
        if changed:
            self._settle(aast_id)

    def _total(self, total: int) -> None:
        """Set the count of forms with zeros added; when that turns the hints on or off
        (past settle.MOST_PADDED a file names none), every row with one changes."""
        most = settle.MOST_PADDED
        if (self.padded_total <= most) != (total <= most):
            for aast_id, claims in self.claims.items():
                if self.accounts[aast_id] is None:
                    self._touch(claims.rows)
        self.padded_total = total

    def _touch(self, indexes: Iterable[int]) -> None:
        """Note the verdicts of these rows before a step changes them (once a step)."""
        before = self.before
        if before is not None:
            for index in indexes:
                if index not in before:
                    before[index] = self.verdict(index)

    # -- settling

    def integrate(self, read: Read) -> None:
        """Take the next row as read: put it in the file's date order, and settle it
        with the rows of its AAST ID (the account it names is known)."""
        if self.proof is None and not read.kept and any(f.code == PROOF for f in read.findings):
            # The first row to show that the file writes the day first: every row so far
            # is read again in that order, and settled again.
            self._touch(range(len(self.rows)))
            self.proof = (read.row, read.cells[_DATE])
            self.rows = [self._in_order(r) for r in self.reads]
            for settled in self.claims:
                self._settle(settled)
        self.reads.append(read)
        row = self._in_order(read)
        self.rows.append(row)
        aast_id = row.aast_id
        if aast_id is None:
            return
        claims = self.claims.get(aast_id)
        if claims is None:
            claims = self.claims[aast_id] = _Claims()
            if self.accounts[aast_id] is None:
                count = settle.padded_count(aast_id, self.longest)
                if count and aast_id not in self.padded:
                    self.unpadded.add(aast_id)
                self._total(self.padded_total + count)
        claims.rows.append(len(self.rows) - 1)
        if claims.accepted is None and self._qualifies(row, aast_id):
            self._touch(claims.rows[:-1])  # the ID's rows so far name this one now
            claims.accepted = row.row

    def _in_order(self, read: Read) -> Read:
        """``read`` as a file in the date order the proof shows reads it (`completion-date`)."""
        if (
            self.proof is None
            or read.blank
            or (not read.kept and read.findings[0].code in NOT_FIELDS)
        ):
            return read
        text = read.cells[_DATE]
        if text not in self.problems:
            proof_row, proof = self.proof
            max_cell = self.inputs.policy.max_cell_length
            self.problems[text] = order_problem(text, max_cell, proof_row, proof)
        problem = self.problems[text]
        if problem is None:
            return read
        if read.kept:
            return read._replace(kept=False, findings=(problem.at(read.row),))
        return read._replace(findings=tuple(in_order(read.findings, read.row, problem)))

    def _qualifies(self, row: Read, aast_id: str) -> bool:
        """Whether a row is accepted unless an earlier row of its ID was: kept, its
        account found, not reported before, and (when the policy refuses a mismatch)
        its names the account's."""
        account = self.accounts[aast_id]
        if not row.kept or account is None or aast_id in (self.reported or ()):
            return False
        return (
            not self.refuse
            or (account.first_name == row.first and account.last_name == row.last)
            or settle.mismatch_of(row.row, row.first, row.last, account, True) is None
        )

    def _settle(self, aast_id: str) -> None:
        """Find the accepted row of ``aast_id`` again, from its rows."""
        claims = self.claims[aast_id]
        claims.accepted = next(
            (row.row for index in claims.rows if self._qualifies(row := self.rows[index], aast_id)),
            None,
        )

    def verdict(self, index: int) -> Verdict:
        """The row at ``index`` as settlement of a file of the rows so far leaves it."""
        row = self.rows[index]
        aast_id = row.aast_id
        if row.blank:
            return None, None, ()
        if aast_id is None:
            return None, RefusedRow(row.row, row.cells, row.findings), ()
        number = row.row
        account = self.accounts[aast_id]
        found = list(row.findings)
        mismatch = None
        if account is None:
            hint = self.padded.get(aast_id) if self.padded_total <= settle.MOST_PADDED else None
            found.append(findings.account_not_found(number, aast_id, hint))
        elif row.kept:
            if account.first_name != row.first or account.last_name != row.last:
                mismatch = settle.mismatch_of(number, row.first, row.last, account, self.refuse)
                if mismatch is not None and self.refuse:
                    found.append(mismatch)
        elif self.refuse and not any(f.field in NAME_FIELDS for f in found):
            first, last = normalize_name(row.cells[_FIRST]), normalize_name(row.cells[_LAST])
            refused = settle.mismatch_of(number, first, last, account, True)
            if refused is not None:
                found.append(refused)
        accepted = self.claims[aast_id].accepted
        if accepted is not None and accepted != number:
            found.append(findings.duplicate_in_roster(number, aast_id, accepted))
        elif aast_id in (self.reported or ()):
            found.append(findings.already_reported(number, aast_id))
        if found:
            return None, RefusedRow(number, row.cells, tuple(found)), ()
        assert account is not None  # a kept row whose account was found
        assert row.completed is not None
        attendee = AcceptedAttendee(
            number, aast_id, row.first, row.last, account.kind, row.completed
        )
        return attendee, None, () if mismatch is None else (mismatch,)

    def outcome(
        self, index: int, verdict: Verdict, changed: tuple[EntryOutcome, ...] = ()
    ) -> EntryOutcome:
        """The outcome of the row at ``index`` with its ``verdict``."""
        attendee, refusal, warnings = verdict
        return EntryOutcome(
            row=index + 2,
            attendee=attendee,
            refusal=refusal,
            warnings=warnings,
            file_findings=self.reads[index].file_findings,
            changed=changed,
        )


class Lineage:
    """The entries of drafts made one from another, and their book, shared: each draft
    holds the lineage and how many of its entries are its own."""

    def __init__(self, entries: list[Any], book: Book | None = None) -> None:
        self.entries = entries
        # None until the entries are checked: a draft given entries checks them when
        # first added to.
        self.book = book
        # The error that refuses the entries as a whole, when they were given so, and
        # the inputs it was found for.
        self.refusal: tuple[Key, Finding] | None = None
        self.lock = threading.Lock()

    def serves(self, key: Key) -> bool:
        """Whether drafts with inputs ``key`` can add here: the entries were checked for
        them, or not checked yet."""
        if self.book is not None:
            return same_key(self.book.key, key)
        return self.refusal is None or same_key(self.refusal[0], key)

    def branch(self, length: int, key: Key) -> Lineage:
        """A new lineage of the first ``length`` entries, for drafts with inputs ``key``:
        the book is replayed when it was checked for the same inputs."""
        book = self.book
        if book is not None and same_key(book.key, key):
            return Lineage(self.entries[:length], book.replayed(length))
        return Lineage(self.entries[:length])


class Log:
    """A draft's entries: the first ``length`` of a lineage's.  Compares, hashes and
    pickles as the tuple of them (a pickle holds no later entry, and no book)."""

    __slots__ = ("length", "lineage")

    def __init__(self, lineage: Lineage, length: int) -> None:
        self.lineage = lineage
        self.length = length

    def entries(self) -> tuple[Mapping[str, Any], ...]:
        """The entries, in order."""
        return tuple(self.lineage.entries[: self.length])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Log):
            return NotImplemented
        return self.length == other.length and self.entries() == other.entries()

    def __hash__(self) -> int:
        return hash(self.entries())

    def __reduce__(self) -> tuple[Any, tuple[tuple[Mapping[str, Any], ...]]]:
        return log_of, (self.entries(),)


def log_of(entries: Iterable[Mapping[str, Any]] | Log) -> Log:
    """A draft's entries from an iterable of entries (or its own, kept as they are)."""
    if isinstance(entries, Log):
        return entries
    listed = list(entries)
    return Log(Lineage(listed), len(listed))
