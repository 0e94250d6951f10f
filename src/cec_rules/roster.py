"""Attendance rosters: reading, validating, and the filing fee (section 5, `filing-fee`).

:func:`check_roster` reads a roster (bytes, a binary or text stream, or an
iterable of mappings) for one offering of an approved program and returns a
:class:`RosterReport`: every accepted attendee, every refused row with every
reason that applies, warnings, skipped blank rows, file-level findings and the
filing fee.  Every data row ends up exactly once in the report
(`row-conservation`), and the report checks that itself.

How the check runs (each step is a module of :mod:`cec_rules._roster`):

1. The arguments are checked and the policy in force on the report date is
   found (``state``).
2. The source is read (``reading``, ``sources``): bytes are decoded, the
   header, a CSV record that may run over quoted line breaks, is matched to
   the five fields (``header``; any case, spaces, underscores or hyphens, a
   few aliases, a name exactly a field's winning over one that only resembles
   it, a comma, semicolon or tab delimiter), and the text is read in blocks
   cut at a line end.
3. Each row is checked by the rules that need only the row itself.  A block
   with no quote is split into cells and checked a column at a time
   (``fastpass``); a block with quotes goes through ``csv.reader`` a row at a
   time.  A row with any problem is checked again by the reference rules
   (``rows``), which collect every reason.
4. Date order is a property of the file: when a row shows that the file
   writes the day first (``13/3/2026``), every slash date read month first
   that would name another day read day first is refused, on rows kept
   before and after that row alike (``order``).
5. Two batch calls to the repository fetch the accounts of every well-formed
   AAST ID and the IDs reported earlier; then `account-exists`, `name-match`
   and `one-claim` are applied (``settle``).
6. The report is built (``report``), and checks that every row is in it once.

Speed is measured by ``bench/roster.py`` against a bare ``csv.reader`` pass.

Bad data is never an exception: it is a :class:`Finding` with a stable code
from :data:`FINDING_CODES`.  Exceptions are kept for calls that cannot be
answered (a program with no Program ID, a source that is not a roster).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from cec_rules._roster.attendees import AcceptedAttendee, Attendees, RefusedRow
from cec_rules._roster.draft import Book, EntryOutcome, Key, Lineage, Log, log_of
from cec_rules._roster.fields import FIELDS
from cec_rules._roster.findings import FINDING_CODES, FileRefused, Finding, Severity
from cec_rules._roster.order import settle_date_order
from cec_rules._roster.reading import RosterSource, read_roster
from cec_rules._roster.refused import RefusedRows
from cec_rules._roster.report import RosterReport
from cec_rules._roster.rows import parse_completion_date as parse_completion_date
from cec_rules._roster.settle import settle_accounts
from cec_rules._roster.state import CheckInputs, Collected
from cec_rules.accounts import AccountRepository
from cec_rules.errors import InvalidArgument
from cec_rules.policy import DEFAULT_POLICY, Policy, PolicySchedule
from cec_rules.program import Offering, Program

__all__ = [
    "FIELDS",
    "FINDING_CODES",
    "AcceptedAttendee",
    "Attendees",
    "EntryOutcome",
    "Finding",
    "RefusedRow",
    "RefusedRows",
    "RosterDraft",
    "RosterReport",
    "Severity",
    "check_roster",
]

# The public classes are named by this module, where users import them from:
# in reprs, in the docs and in pickles, which then outlive any move of the parts.
for _public in (
    AcceptedAttendee,
    Attendees,
    EntryOutcome,
    Finding,
    RefusedRow,
    RefusedRows,
    RosterReport,
    Severity,
):
    _public.__module__ = __name__
del _public


def check_roster(
    source: RosterSource,
    *,
    program: Program,
    offering: Offering,
    repository: AccountRepository,
    reported_at: date | datetime,
    policy: Policy | PolicySchedule = DEFAULT_POLICY,
    extension: date | None = None,
    sheet: str | None = None,
) -> RosterReport:
    """Check a roster for one offering of an approved program and return the report.

    ``source`` is the file's bytes or a binary stream the caller opened (CSV
    text, or a workbook: ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``, which
    needs the ``spreadsheets`` extra), a text stream, a pandas or polars
    DataFrame, or an iterable of mappings keyed by header names (one per
    attendee).  ``sheet`` names the workbook's sheet to read; the first when
    it is ``None`` (other sources have no sheets and ignore it).
    ``reported_at`` is the report date (a ``date``, or an aware ``datetime``
    converted to the association's zone).  The policy in force on that date
    sets the window, the patterns and the filing fee (`policy-version`).
    ``extension`` is a staff extension: a new last day for this offering.

    Raises :class:`~cec_rules.errors.NotApproved` when the program has no
    Program ID (`approval-first`), and :class:`~cec_rules.errors.InvalidArgument`
    (a ``TypeError``) for a source, program, offering, repository or date of
    another kind.
    Every problem in the data itself is a finding in the report.
    """
    inputs = CheckInputs.resolve(program, offering, reported_at, policy, extension)
    _check_repository(repository)
    collected = Collected()
    try:
        read_roster(source, inputs, collected, sheet)
    except FileRefused as refusal:  # `roster-file`: refused as a whole, no row accepted
        collected = Collected(file_findings=[*collected.file_findings, refusal.finding])
    settle_date_order(inputs, collected)
    accepted, refused, warnings = settle_accounts(inputs, collected, repository)
    return RosterReport(
        program=inputs.program,
        offering=inputs.offering,
        report_date=inputs.report_date,
        policy=inputs.policy,
        window=inputs.window,
        data_rows=collected.data_rows,
        accepted=accepted,
        refused=refused,
        warnings=warnings,
        blank_rows=tuple(collected.blank),
        file_findings=tuple(collected.file_findings),
        header_row=collected.header_row,
    )


def _check_repository(repository: object) -> None:
    """Raise :class:`~cec_rules.errors.InvalidArgument` unless ``repository`` has the
    methods of :class:`~cec_rules.accounts.AccountRepository`."""
    if not (
        callable(getattr(repository, "accounts", None))
        and callable(getattr(repository, "reported_ids", None))
    ):
        raise InvalidArgument(
            "repository must have the methods accounts(aast_ids, on=) and "
            "reported_ids(program_id, offering) of AccountRepository, got "
            f"{type(repository).__name__}"
        )


def _no_entries() -> Log:
    """The entries of a new draft: none, in a lineage of its own."""
    return log_of(())


@attrs.frozen(kw_only=True, repr=False)
class RosterDraft:
    """A roster built one attendee at a time, for individual entry by staff.

    :meth:`add` returns a new draft and the :class:`EntryOutcome` of the entry
    added: exactly what the same row would be in a file of the entries so far
    (:func:`check_roster` over them as records), with the same findings,
    duplicates of earlier entries included, and the new outcome of each earlier
    entry it changed (an earlier refused entry with its AAST ID is then a
    duplicate of it too; an entry that shows dates are written day first
    refuses earlier slash dates, `completion-date`).  :meth:`report` gives the
    whole report.

    Adding costs the same whatever the entries before (amortised): the draft
    keeps what it found about them, shared with the drafts made from it.  It
    looks up each entry's AAST ID when the entry is added, and the IDs reported
    earlier once; a draft given ``entries`` checks them, with one batch call,
    when first added to.  A draft is a value: adding to it leaves it as it was,
    and adding to an older draft again starts a branch of its own.

    An entry that would refuse a file as a whole (a cell past the policy's
    limit, two keys for one field, a row past the most a roster holds) is not
    added: the draft returned is this one, and the outcome holds the error.
    """

    program: Program
    offering: Offering
    reported_at: date | datetime
    policy: Policy | PolicySchedule = DEFAULT_POLICY
    extension: date | None = None
    _log: Log = attrs.field(factory=_no_entries, converter=log_of, alias="entries")

    @property
    def entries(self) -> tuple[Mapping[str, Any], ...]:
        """The entries, in the order added."""
        return self._log.entries()

    def add(
        self, entry: Mapping[str, Any], repository: AccountRepository
    ) -> tuple[RosterDraft, EntryOutcome]:
        """Return the draft with ``entry`` added, and the entry's outcome.

        ``entry`` maps header names to values, as a record of :func:`check_roster`.
        Raises what :func:`check_roster` raises for the draft's program, offering,
        dates and the repository.
        """
        _check_repository(repository)
        key = (self.program, self.offering, self.reported_at, self.policy, self.extension)
        log = self._log
        lineage = log.lineage
        with lineage.lock:
            if len(lineage.entries) == log.length and lineage.serves(key):
                return self._added(lineage, key, entry, repository)  # appended in place
            branch = lineage.branch(log.length, key)
        return self._added(branch, key, entry, repository)

    def _added(
        self, lineage: Lineage, key: Key, entry: Mapping[str, Any], repository: AccountRepository
    ) -> tuple[RosterDraft, EntryOutcome]:
        """Add ``entry`` to the newest draft of ``lineage``, which holds this draft's entries."""
        if lineage.book is None and lineage.refusal is None:
            inputs = CheckInputs.resolve(
                self.program, self.offering, self.reported_at, self.policy, self.extension
            )
            try:
                lineage.book = Book.checked(key, inputs, lineage.entries, repository)
            except FileRefused as refusal:  # entries given to the draft that no roster holds
                lineage.refusal = (key, refusal.finding)
        if lineage.refusal is not None:
            row = len(lineage.entries) + 2
            return self, EntryOutcome(row=row, file_findings=(lineage.refusal[1],))
        assert lineage.book is not None
        outcome = lineage.book.append(entry, repository)
        if not outcome.added:
            return self, outcome
        lineage.entries.append(entry)
        added = RosterDraft(
            program=self.program,
            offering=self.offering,
            reported_at=self.reported_at,
            policy=self.policy,
            extension=self.extension,
            entries=Log(lineage, len(lineage.entries)),
        )
        return added, outcome

    def report(self, repository: AccountRepository) -> RosterReport:
        """Check every entry so far, exactly as :func:`check_roster` checks a file of them."""
        return check_roster(
            self.entries,
            program=self.program,
            offering=self.offering,
            repository=repository,
            reported_at=self.reported_at,
            policy=self.policy,
            extension=self.extension,
        )

    def __repr__(self) -> str:
        return (
            f"RosterDraft(program={self.program!r}, offering={self.offering!r}, "
            f"reported_at={self.reported_at!r}, policy={self.policy!r}, "
            f"extension={self.extension!r}, entries={self.entries!r})"
        )
