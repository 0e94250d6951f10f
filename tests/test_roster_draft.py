"""A roster built one entry at a time (`RosterDraft`): each entry's outcome is the one
the same row has in a file of the entries so far (`row-conservation`, `one-claim`,
`completion-date`, `account-exists`, `name-match`), drafts are values, and adding
is amortised O(1) (counted, never timed).
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Collection, Iterator, Mapping
from datetime import date
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, strategies as st

from cec_rules._roster import draft as draft_module, fastpass, findings, settle
from cec_rules.accounts import Account, AccountRepository, InMemoryRepository
from cec_rules.errors import InvalidArgument, NotApproved
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, Program
from cec_rules.roster import (
    AcceptedAttendee,
    EntryOutcome,
    Finding,
    RefusedRow,
    RosterDraft,
    RosterReport,
    check_roster,
)
from helpers import (
    ACCOUNTS,
    ADA,
    OFFERING,
    PROGRAM,
    REFUSE,
    REPORTED,
    REPOSITORY,
    YEAR,
    check,
    mapping_rows,
    outcome,
)

#: A year-long offering reported while its window is open: a slash date such as 5/3/2026
#: is inside it read either way, so a later day-first proof refuses it.
WHOLE_YEAR: dict[str, Any] = {"offering": YEAR, "reported_at": date(2027, 1, 10)}
#: Cells of at most 40 characters and rosters of at most 12 rows: entries that would
#: refuse a file as a whole.
LIMITS = attrs.evolve(DEFAULT_POLICY, max_cell_length=40, max_roster_rows=12)
#: REPOSITORY's accounts and one whose ID a spreadsheet would turn into 12345.
ZEROS = Account(aast_id="0012345", first_name="Ida", last_name="Zero", kind="guest")
ZERO_REPOSITORY = InMemoryRepository(
    [*ACCOUNTS, ZEROS], reported={("PRG-1", OFFERING): ["R1"], ("PRG-1", YEAR): ["R1"]}
)

Verdict = tuple[AcceptedAttendee | None, RefusedRow | None, tuple[Finding, ...]]


def verdict(report: RosterReport, row: int) -> Verdict:
    """What a file's report says of ``row``: its attendee, its refusal, its warnings."""
    attendee = next((a for a in report.accepted if a.row == row), None)
    refusal = next((r for r in report.refused if r.row == row), None)
    return attendee, refusal, tuple(w for w in report.warnings if w.row == row)


def verdict_of(entry: EntryOutcome) -> Verdict:
    """What an entry's outcome says of its row."""
    return entry.attendee, entry.refusal, entry.warnings


def new_draft(**options: Any) -> RosterDraft:
    """An empty draft for PROGRAM, by default for OFFERING reported on REPORTED."""
    options.setdefault("offering", OFFERING)
    options.setdefault("reported_at", REPORTED)
    return RosterDraft(program=PROGRAM, **options)


def file_of(draft: RosterDraft, entries: Any, repository: AccountRepository) -> RosterReport:
    """check_roster over ``entries`` with the draft's inputs."""
    return check_roster(
        list(entries),
        program=draft.program,
        offering=draft.offering,
        repository=repository,
        reported_at=draft.reported_at,
        policy=draft.policy,
        extension=draft.extension,
    )


def entry(
    aast_id: object, first: str, last: str, done: str, /, **more: object
) -> dict[str, object]:
    """An entry for PRG-1 keyed by the header's names, and ``more`` keys."""
    return {
        "Program ID": "PRG-1",
        "AAST ID": aast_id,
        "First Name": first,
        "Last Name": last,
        "Completion Date": done,
        **more,
    }


# --------------------------------------------------------------------------
# Generated entries: every kind of row the rules tell apart


PEOPLE = [(a.aast_id, a.first_name, a.last_name) for a in ACCOUNTS]
DATES = [
    "2026-03-02",
    "3/2/2026",
    "5/3/2026",  # another day read day first: refused once a proof comes
    "3/3/2026",  # the same day either way
    "13/3/2026",  # proves the day is written first
    "1/13/2026",  # a day only month first
    "2025-01-01",
    "12/12/2026",
    "2/3/2026",  # outside the one-day offering, inside it read day first
    "bad",
    "31/4/2026",
    "",
]


@st.composite
def entries(draw: st.DrawFn) -> object:
    """An entry: mostly an attendee of the accounts, with the defects the rules find."""
    kind = draw(st.sampled_from(["person"] * 6 + ["any", "blank", "not-a-mapping"]))
    if kind == "blank":
        return dict.fromkeys(("Program ID", "AAST ID", "First Name", "Last Name"), "") | {
            "Completion Date": None
        }
    if kind == "not-a-mapping":
        return draw(st.sampled_from(["PRG-1,A1", None, 7]))
    if kind == "person":
        aast_id, first, last = draw(st.sampled_from(PEOPLE))
        value: object = draw(st.sampled_from([aast_id, aast_id, f" {aast_id}"]))
        first = draw(st.sampled_from([first, first, first.upper(), "Adam"]))
    else:
        value = draw(st.sampled_from(["Z9", "A 1", "12345", 12345, 1.5, "", "0012345", "A1", "R1"]))
        first = draw(st.sampled_from(["Ada", "=Ada", "", "x" * 50, "Ida"]))
        last = draw(st.sampled_from(["Lovelace", "Zero", "", "Hopper"]))
    made = entry(value, first, last, draw(st.sampled_from(DATES)))
    made["Program ID"] = draw(st.sampled_from(["PRG-1"] * 6 + ["prg-1 ", "PRG-2"]))
    more = draw(st.sampled_from(["", "", "", "extra", "resembling", "twice", "snake"]))
    if more == "extra":
        made["Notes"] = "seen at the door"
    elif more == "resembling":
        made["Member ID"] = "ignored"
    elif more == "twice":
        made["aast_id"] = "A2"  # two keys named exactly for one field
    elif more == "snake":
        made = {key.lower().replace(" ", "_"): cell for key, cell in made.items()}
    return made


# Which draft each step adds to: the newest mostly, an older one (a branch), or a
# draft given the newest one's entries (checked when first added to).
PARENTS = st.sampled_from([0, 0, 0, 0, 1, 3, -1])


class TestSameAsAFile:
    """Each entry's outcome, and each change it makes to earlier ones, is the file's."""

    @given(
        steps=st.lists(st.tuples(entries(), PARENTS), max_size=16),
        world=st.sampled_from(
            [
                {},
                {"policy": REFUSE},
                WHOLE_YEAR,
                {**WHOLE_YEAR, "policy": REFUSE},
                {"policy": LIMITS},
            ]
        ),
    )
    def test_each_entry_is_its_row_in_the_file(
        self, steps: list[tuple[object, int]], world: dict[str, Any]
    ) -> None:
        """`row-conservation`, `one-claim`, `completion-date`, `account-exists`,
        `name-match`: every add gives the row's outcome in check_roster over the entries
        so far, names every earlier row whose outcome it changed, and leaves the draft
        it was added to as it was; report() is check_roster over the entries."""
        repository = ZERO_REPOSITORY
        drafts: list[tuple[RosterDraft, list[Any]]] = [(new_draft(**world), [])]
        whole_rows: dict[int, list[int]] = {0: []}  # AAST IDs given as numbers, per draft
        for made, back in steps:
            at = max(0, len(drafts) - 1 - max(back, 0))
            parent, before_entries = drafts[at]
            if back < 0:
                parent = attrs.evolve(parent, entries=before_entries)
            child, added = parent.add(made, repository)  # type: ignore[arg-type]
            before = file_of(parent, before_entries, repository)
            after = file_of(parent, [*before_entries, made], repository)
            row = len(before_entries) + 2
            assert row == added.row
            if after.file_refused:
                assert not added.added
                assert child is parent
                assert (after.file_findings[-1],) == added.file_findings
                continue
            assert added.added
            assert [*before_entries, made] == list(child.entries)
            assert verdict(after, row) == verdict_of(added)
            assert added.blank == (row in after.blank_rows)
            changed = [r for r in range(2, row) if verdict(before, r) != verdict(after, r)]
            assert changed == [c.row for c in added.changed]
            assert [verdict(after, c.row) for c in added.changed] == [
                verdict_of(c) for c in added.changed
            ]
            # The file-level warnings about the entry: its keys', then a number ID's.
            keys = tuple(f for f in after.file_findings if f.row == row)
            numbers = [f for f in added.file_findings if f.code == "aast-id-numbers"]
            assert keys == tuple(f for f in added.file_findings if f.code != "aast-id-numbers")
            whole = [*whole_rows[at], *([row] if numbers else [])]
            assert [findings.aast_id_numbers([row])] * len(numbers) == numbers
            expected = (findings.aast_id_numbers(whole),) if whole else ()
            assert expected == tuple(f for f in after.file_findings if f.code == "aast-id-numbers")
            whole_rows[len(drafts)] = whole
            drafts.append((child, [*before_entries, made]))
        for made_draft, made_entries in drafts:
            assert made_entries == list(made_draft.entries)
            assert file_of(made_draft, made_entries, repository) == made_draft.report(repository)


# --------------------------------------------------------------------------
# Named cases

ENTRIES = [
    ADA,
    "PRG-1,A2,Grace,Hopper,13/4/2026",
    "PRG-1,A2,Grace,Hopper,3/2/2026",
    ADA,
    "PRG-1,Z9,Li,Wei,2026-03-02",
    ",,,,",
    "PRG-1,G1,Zoe,Saldana,2026-03-02",
]


class TestRosterDraft:
    """`RosterDraft`: entries one at a time give the findings the same rows give in a file."""

    def test_same_findings_as_a_file(self) -> None:
        """Entering the rows one by one ends with the report of the same file."""
        draft = new_draft()
        for made in mapping_rows(*ENTRIES):
            draft, _ = draft.add(made, REPOSITORY)
        assert check(mapping_rows(*ENTRIES)) == draft.report(REPOSITORY)

    def test_each_step_matches_the_file_so_far(self) -> None:
        """After each entry, its outcome is its row's in the file of the rows so far."""
        draft = new_draft()
        for count, made in enumerate(mapping_rows(*ENTRIES), start=1):
            draft, added = draft.add(made, REPOSITORY)
            assert count + 1 == added.row
            assert verdict(check(mapping_rows(*ENTRIES[:count])), count + 1) == verdict_of(added)

    def test_duplicate_of_an_earlier_entry(self) -> None:
        """`one-claim`: a second entry for an accepted ID is refused naming the earlier
        entry's row, whatever the keys' spelling."""
        draft, _ = new_draft().add(entry("A1", "Ada", "Lovelace", "2026-03-02"), REPOSITORY)
        again = {
            "aast_id": "A1",
            "program_id": "PRG-1",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "completion_date": "3/2/2026",
        }
        _, added = draft.add(again, REPOSITORY)
        assert added.refusal is not None
        assert ("duplicate-in-roster",) == added.refusal.codes
        assert "'A1' is already accepted in row 2" == added.refusal.findings[0].message

    def test_later_entry_adds_to_an_earlier_refused_one(self) -> None:
        """`one-claim`: an earlier refused entry becomes a duplicate once a later one with its
        ID is accepted, and the later one's outcome says so."""
        entries = mapping_rows("PRG-1,A1,Ada,Lovelace,bad", ADA)
        draft, first = new_draft().add(entries[0], REPOSITORY)
        assert first.refusal is not None
        assert ("date-format",) == first.refusal.codes
        draft, second = draft.add(entries[1], REPOSITORY)
        assert second.attendee is not None
        [changed] = second.changed
        assert changed.refusal is not None
        assert (2, ("date-format", "duplicate-in-roster")) == (changed.row, changed.refusal.codes)
        assert {2: ("date-format", "duplicate-in-roster"), 3: ("accepted",)} == outcome(
            draft.report(REPOSITORY)
        )

    def test_draft_options(self) -> None:
        """The draft's policy and extension are used as in check_roster."""
        draft = new_draft(reported_at=date(2026, 5, 1), policy=REFUSE, extension=date(2026, 5, 1))
        _, added = draft.add(mapping_rows("PRG-1,A1,Adam,Lovelace,2026-03-02")[0], REPOSITORY)
        assert added.refusal is not None
        assert ("name-mismatch-refused",) == added.refusal.codes

    def test_unapproved_program(self) -> None:
        """`approval-first`: adding to a draft for a program with no Program ID raises."""
        draft = RosterDraft(
            program=Program(title="New", cecs=1), offering=OFFERING, reported_at=REPORTED
        )
        with pytest.raises(NotApproved):
            draft.add(mapping_rows(ADA)[0], REPOSITORY)
        assert () == draft.entries

    def test_repository_of_another_kind(self) -> None:
        """A repository without the protocol's methods is refused before anything is read."""
        with pytest.raises(InvalidArgument, match="reported_ids"):
            new_draft().add(mapping_rows(ADA)[0], object())  # type: ignore[arg-type]


class TestEntryOutcome:
    """What add returns: the entry's row, as accepted, refused, blank or not added."""

    def test_accepted_with_a_warning(self) -> None:
        """`name-match`: an accepted entry carries its attendee and its warnings."""
        _, added = new_draft().add(entry("A1", "Adam", "Lovelace", "2026-03-02"), REPOSITORY)
        assert added.attendee is not None
        assert (2, "Adam") == (added.attendee.row, added.attendee.first_name)
        assert ("name-mismatch",) == tuple(w.code for w in added.warnings)
        assert (True, False, None) == (added.added, added.blank, added.refusal)

    def test_blank(self) -> None:
        """`row-conservation`: a wholly blank entry is added, neither accepted nor refused."""
        draft, added = new_draft().add(entry(" ", "", "", "", **{"Program ID": ""}), REPOSITORY)
        assert (True, True, (2,)) == (added.added, added.blank, draft.report(REPOSITORY).blank_rows)

    def test_file_warnings_once(self) -> None:
        """A key that names no field is warned about in the first entry that has it only."""
        draft, first = new_draft().add(
            entry("A1", "Ada", "Lovelace", "2026-03-02", Notes="x"), REPOSITORY
        )
        _, second = draft.add(entry("A2", "Grace", "Hopper", "2026-03-02", Notes="y"), REPOSITORY)
        assert (("file-extra-column", 2),) == tuple((f.code, f.row) for f in first.file_findings)
        assert () == second.file_findings

    def test_number_id(self) -> None:
        """`aast-id-format`: an AAST ID given as a number is read as its digits, with the
        warning for this entry's row."""
        _, added = new_draft().add(entry(12345, "Ida", "Zero", "2026-03-02"), ZERO_REPOSITORY)
        assert (findings.aast_id_numbers([2]),) == added.file_findings
        assert added.refusal is not None
        assert "'0012345'" in (added.refusal.findings[0].hint or "")

    @pytest.mark.parametrize(
        ("made", "code"),
        [
            pytest.param(
                entry("A1", "x" * 41, "Lovelace", "2026-03-02"), "file-cell-too-long", id="cell"
            ),
            pytest.param(
                entry("A1", "Ada", "Lovelace", "2026-03-02", aast_id="A2"),
                "file-duplicate-column",
                id="keys",
            ),
        ],
    )
    def test_not_added(self, made: dict[str, object], code: str) -> None:
        """`roster-file`: an entry that would refuse a file as a whole is not added; the draft
        stays as it was, and the outcome holds the file's error."""
        draft = new_draft(policy=LIMITS)
        same, added = draft.add(made, REPOSITORY)
        assert same is draft
        assert (False, False, 2) == (added.added, added.blank, added.row)
        assert (code,) == tuple(f.code for f in added.file_findings)
        assert file_of(draft, [made], REPOSITORY).file_findings[-1:] == added.file_findings

    def test_too_many_rows(self) -> None:
        """`roster-file`: past the most rows a roster holds, an entry is not added."""
        draft = new_draft(policy=LIMITS)
        for _ in range(12):
            draft, _ = draft.add(mapping_rows(ADA)[0], REPOSITORY)
        same, added = draft.add(mapping_rows(ADA)[0], REPOSITORY)
        assert (same, ("file-too-many-rows",)) == (
            draft,
            tuple(f.code for f in added.file_findings),
        )

    def test_report_only_names_fail_loudly(self) -> None:
        """Code written for add's old answer, the whole report, fails saying what to call."""
        _, added = new_draft().add(mapping_rows(ADA)[0], REPOSITORY)
        with pytest.raises(AttributeError, match=r"draft\.report\(repository\)"):
            added.accepted  # type: ignore[attr-defined]  # noqa: B018
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            added.nothing  # type: ignore[attr-defined]  # noqa: B018


class TestValues:
    """Drafts are values: adding leaves a draft as it was; an older draft branches."""

    def test_older_drafts_unchanged(self) -> None:
        """add returns a new draft and leaves the old one as it was, however many follow."""
        empty = new_draft()
        one, _ = empty.add(mapping_rows(ADA)[0], REPOSITORY)
        two, _ = one.add(mapping_rows("PRG-1,A1,Ada,Lovelace,bad")[0], REPOSITORY)
        assert (0, 1, 2) == (len(empty.entries), len(one.entries), len(two.entries))
        assert {2: ("accepted",)} == outcome(one.report(REPOSITORY))

    def test_branches(self) -> None:
        """Adding to an older draft again starts a branch: each is the file of its entries."""
        one, _ = new_draft().add(mapping_rows("PRG-1,A1,Ada,Lovelace,bad")[0], REPOSITORY)
        left, accepted = one.add(mapping_rows(ADA)[0], REPOSITORY)
        right, refused = one.add(mapping_rows("PRG-1,A1,Adam,Lovelace,bad")[0], REPOSITORY)
        left, _ = left.add(mapping_rows(ADA)[0], REPOSITORY)  # the newest of its branch again
        assert [2] == [c.row for c in accepted.changed]
        assert () == refused.changed
        assert {
            2: ("date-format", "duplicate-in-roster"),
            3: ("accepted",),
            4: ("duplicate-in-roster",),
        } == outcome(left.report(REPOSITORY))
        assert {2: ("date-format",), 3: ("date-format",)} == outcome(right.report(REPOSITORY))

    def test_branch_after_the_proof(self) -> None:
        """`completion-date`: a branch from a draft whose entries prove day-first order
        replays the proof."""
        rows = mapping_rows("PRG-1,A1,Ada,Lovelace,5/3/2026", "PRG-1,A2,Grace,Hopper,13/3/2026")
        one, _ = new_draft(**WHOLE_YEAR).add(rows[0], REPOSITORY)
        two, proved = one.add(rows[1], REPOSITORY)
        _, newest = two.add(rows[0], REPOSITORY)
        _, branched = two.add(rows[0], REPOSITORY)
        assert [2] == [c.row for c in proved.changed]
        assert newest == branched
        assert branched.refusal is not None
        assert ("date-ambiguous-order",) == branched.refusal.codes

    def test_other_inputs(self) -> None:
        """A draft made with attrs.evolve for another policy checks its entries for that policy."""
        draft, _ = new_draft().add(entry("A1", "Adam", "Lovelace", "2026-03-02"), REPOSITORY)
        strict = attrs.evolve(draft, policy=REFUSE)
        strict, added = strict.add(entry("A2", "Grace", "Hopper", "2026-03-02"), REPOSITORY)
        assert added.attendee is not None
        assert {2: ("name-mismatch-refused",), 3: ("accepted",)} == outcome(
            strict.report(REPOSITORY)
        )
        _, again = draft.add(entry("A2", "Grace", "Hopper", "2026-03-02"), REPOSITORY)
        assert () == again.changed

    def test_equality_and_repr(self) -> None:
        """Two drafts of the same inputs and entries are equal; the repr shows the entries."""
        made = mapping_rows(ADA)[0]
        one, _ = new_draft().add(made, REPOSITORY)
        assert new_draft(entries=[made]) == one
        assert new_draft() != one
        assert repr(made) in repr(one)
        assert repr(one).startswith("RosterDraft(program=")

    def test_pickle(self) -> None:
        """A pickled draft holds its own entries only, and can be added to."""
        one, _ = new_draft().add(mapping_rows(ADA)[0], REPOSITORY)
        one.add(mapping_rows(GRACE_ROW)[0], REPOSITORY)  # a later entry, not in one's pickle
        copied = pickle.loads(pickle.dumps(one))
        assert (one, 1) == (copied, len(copied.entries))
        _, added = copied.add(mapping_rows(GRACE_ROW)[0], REPOSITORY)
        assert added.attendee is not None
        assert hash(new_draft()) == hash(new_draft())
        assert draft_module.log_of(()) != ()

    def test_threads(self) -> None:
        """Entries added to one draft from several threads at once each make their own draft."""
        draft, _ = new_draft().add(mapping_rows(ADA)[0], REPOSITORY)
        results: list[tuple[RosterDraft, EntryOutcome]] = []

        def add() -> None:
            results.append(draft.add(mapping_rows(ADA)[0], REPOSITORY))

        threads = [threading.Thread(target=add) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [2] * 4 == [len(made.entries) for made, _ in results]
        assert [("duplicate-in-roster",)] * 4 == [
            added.refusal.codes for _, added in results if added.refusal
        ]


GRACE_ROW = "PRG-1,A2,Grace,Hopper,2026-03-02"


class TestGivenEntries:
    """A draft given entries checks them when first added to, as a file is checked."""

    def test_one_batch_call(self) -> None:
        """The given entries' accounts are looked up in one call, the new entry's in another."""
        repository = Counting(REPOSITORY)
        draft = new_draft(entries=mapping_rows(*ENTRIES))
        _, added = draft.add(mapping_rows(ZOE_ROW)[0], repository)
        assert [["A1", "A2", "G1", "Z9"], ["G1"]] == repository.asked
        assert 1 == repository.reported
        assert verdict(check(mapping_rows(*ENTRIES, ZOE_ROW)), 9) == verdict_of(added)

    def test_entries_no_roster_holds(self) -> None:
        """`roster-file`: given entries that would refuse a file as a whole, the draft takes
        no more; each add says why, and report() is the refused file."""
        given = [entry("A1", "Ada", "x" * 41, "2026-03-02"), mapping_rows(ADA)[0]]
        draft = new_draft(policy=LIMITS, entries=given)
        for _ in range(2):
            same, added = draft.add(mapping_rows(ADA)[0], REPOSITORY)
            assert same is draft
            assert (4, ("file-cell-too-long",)) == (
                added.row,
                tuple(f.code for f in added.file_findings),
            )
        assert draft.report(REPOSITORY).file_refused
        _, added = attrs.evolve(draft, policy=DEFAULT_POLICY).add(mapping_rows(ADA)[0], REPOSITORY)
        assert added.refusal is not None
        assert ("duplicate-in-roster",) == added.refusal.codes

    def test_padded_ids_in_one_call(self) -> None:
        """`aast-id-format`: the forms with zeros added of the given entries' all-digit IDs
        with no account are looked up in one call, as a file's are."""
        repository = Counting(ZERO_REPOSITORY)
        draft = new_draft(entries=[entry("12345", "Ida", "Zero", "2026-03-02")])
        draft, _ = draft.add(mapping_rows(ADA)[0], repository)
        assert 3 == len(repository.asked)
        assert file_of(draft, draft.entries, ZERO_REPOSITORY) == draft.report(ZERO_REPOSITORY)

    def test_blank_entries_ask_nothing(self) -> None:
        """Entries with no well-formed AAST ID cost no call to the repository."""
        repository = Counting(REPOSITORY)
        draft = new_draft(entries=mapping_rows(",,,,", "PRG-1,A 1,Ada,Lovelace,2026-03-02"))
        _, added = draft.add(mapping_rows(",,,,")[0], repository)
        assert ([], 0, True) == (repository.asked, repository.reported, added.blank)


ZOE_ROW = "PRG-1,G1,Zoë,Saldaña,2026-03-02"


class Counting:
    """A repository that counts what it is asked."""

    def __init__(self, repository: AccountRepository) -> None:
        self.repository = repository
        self.asked: list[list[str]] = []
        self.reported = 0

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        """The accounts of ``repository``; the IDs asked for are noted, sorted."""
        self.asked.append(sorted(aast_ids))
        return self.repository.accounts(aast_ids, on=on)

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        """The IDs of ``repository``; the call is counted."""
        self.reported += 1
        return self.repository.reported_ids(program_id, offering)


class TestRepository:
    """Each entry's AAST ID is asked for when it is entered; what the answer changes for
    earlier entries of that ID is in the outcome."""

    def test_account_made_meanwhile(self) -> None:
        """`account-exists`: an entry whose ID had no account finds the one made since; the
        earlier entry of that ID is then accepted, and the new one a duplicate."""
        li = Account(aast_id="L1", first_name="Li", last_name="Wei", kind="guest")
        later = InMemoryRepository([*ACCOUNTS, li])
        made = entry("L1", "Li", "Wei", "2026-03-02")
        draft, first = new_draft().add(made, REPOSITORY)
        assert first.refusal is not None
        draft, second = draft.add(made, later)
        assert second.refusal is not None
        assert ("duplicate-in-roster",) == second.refusal.codes
        assert [(2, True)] == [(c.row, c.attendee is not None) for c in second.changed]
        assert file_of(draft, draft.entries, later) == draft.report(later)

    def test_account_gone(self) -> None:
        """`account-exists`: an account gone since an entry was accepted refuses it too."""
        draft, _ = new_draft().add(mapping_rows(ADA)[0], REPOSITORY)
        _, again = draft.add(mapping_rows(ADA)[0], InMemoryRepository(ACCOUNTS[1:]))
        assert again.refusal is not None
        assert ("account-not-found",) == again.refusal.codes
        assert [("account-not-found",)] == [c.refusal.codes for c in again.changed if c.refusal]

    def test_reported_ids_asked_once(self) -> None:
        """`one-claim`: the IDs reported earlier are asked for once a draft."""
        repository = Counting(REPOSITORY)
        draft = new_draft()
        for row in ("PRG-1,R1,Mary,Reported,2026-03-02", ADA, ",,,,"):
            draft, _ = draft.add(mapping_rows(row)[0], repository)
        assert (1, [["R1"], ["A1"]]) == (repository.reported, repository.asked)

    def test_error_leaves_the_draft_as_it_was(self) -> None:
        """An error of the repository leaves the draft as it was: adding again works."""

        class Failing(Counting):
            def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
                raise ConnectionError("the database is down")

        draft, _ = new_draft().add(mapping_rows(ADA)[0], REPOSITORY)
        with pytest.raises(ConnectionError):
            draft.add(entry("A1", "Ada", "Lovelace", "2026-03-02", Notes="x"), Failing(REPOSITORY))
        draft, again = draft.add(
            entry("A1", "Ada", "Lovelace", "2026-03-02", Notes="x"), REPOSITORY
        )
        assert ("file-extra-column",) == tuple(f.code for f in again.file_findings)
        assert file_of(draft, draft.entries, REPOSITORY) == draft.report(REPOSITORY)


class TestPaddedHints:
    """`aast-id-format`: an all-digit ID with no account names the ID with zeros added
    that has one, unless a file holds more such IDs than are looked up."""

    def test_hint_found_later(self) -> None:
        """An account with zeros added made since an entry gives earlier entries the hint."""
        draft, first = new_draft().add(entry("12345", "Ida", "Zero", "2026-03-02"), REPOSITORY)
        assert first.refusal is not None
        assert "'0012345'" not in (first.refusal.findings[0].hint or "")
        _, second = draft.add(entry("12345", "Ida", "Zero", "2026-03-02"), ZERO_REPOSITORY)
        assert [2] == [c.row for c in second.changed]
        assert second.refusal is not None
        assert "'0012345'" in (second.refusal.findings[0].hint or "")

    @staticmethod
    def added(
        draft: RosterDraft, aast_id: str, repository: AccountRepository
    ) -> tuple[RosterDraft, EntryOutcome]:
        """Add an entry for Ida Zero with ``aast_id``; the draft's report is then the file's."""
        draft, added = draft.add(entry(aast_id, "Ida", "Zero", "2026-03-02"), repository)
        assert file_of(draft, draft.entries, repository) == draft.report(repository)
        return draft, added

    def test_hints_go_past_the_most(self) -> None:
        """Past the most forms with zeros added that are looked up, earlier hints go; when an
        ID then finds its account, the forms are few enough again and they come back."""
        one = Account(aast_id="1", first_name="Ida", last_name="Zero", kind="guest")
        found = InMemoryRepository([*ACCOUNTS, ZEROS, one])
        draft, _ = new_draft().add(mapping_rows(ADA)[0], ZERO_REPOSITORY)
        with mock.patch.object(settle, "MOST_PADDED", 24):  # 12345: 15 forms, 1: 19, 18 digits: 2
            draft, _ = self.added(draft, "12345", ZERO_REPOSITORY)
            draft, _ = self.added(draft, "999999999999999999", ZERO_REPOSITORY)
            draft, past = self.added(draft, "1", ZERO_REPOSITORY)
            draft, back = self.added(draft, "1", found)
        assert [3] == [c.row for c in past.changed]
        assert [3, 5] == [c.row for c in back.changed]

    def test_hints_looked_up_once_few_enough(self) -> None:
        """An ID entered while there were too many forms to look up has its own looked up
        once there are few enough."""
        one = Account(aast_id="1", first_name="Ida", last_name="Zero", kind="guest")
        found = InMemoryRepository([*ACCOUNTS, ZEROS, one])
        draft = new_draft()
        with mock.patch.object(settle, "MOST_PADDED", 24):
            draft, _ = self.added(draft, "999999999999999999", ZERO_REPOSITORY)
            draft, _ = self.added(draft, "1", ZERO_REPOSITORY)
            draft, past = self.added(draft, "12345", ZERO_REPOSITORY)
            draft, back = self.added(draft, "1", found)
        assert past.refusal is not None
        assert "'0012345'" not in (past.refusal.findings[0].hint or "")
        assert [3, 4] == [c.row for c in back.changed]
        assert back.changed[1].refusal is not None
        assert "'0012345'" in (back.changed[1].refusal.findings[0].hint or "")

    def test_given_entries_past_the_most(self) -> None:
        """Given entries with more forms than are looked up get no hint, as in a file."""
        given = [entry(a, "Ida", "Zero", "2026-03-02") for a in ("12345", "999999999999999999")]
        with mock.patch.object(settle, "MOST_PADDED", 12):
            draft, added = new_draft(entries=given).add(given[0], ZERO_REPOSITORY)
            assert verdict(file_of(draft, draft.entries, ZERO_REPOSITORY), 4) == verdict_of(added)


class TestLinearWork:
    """Adding is amortised O(1): the work of n adds grows as n (counted, never timed)."""

    @staticmethod
    def rows(count: int) -> Iterator[dict[str, object]]:
        """``count`` entries that cost most to keep right: a fifth refused for one ID, then
        accepted once and repeated, IDs with no account, and a late day-first proof."""
        fifth = count // 5
        for index in range(count):
            if index < fifth:
                yield entry("A1", "Ada", "Lovelace", "bad")
            elif index < 2 * fifth:
                yield entry("A1", "Ada", "Lovelace", "5/3/2026" if index % 2 else "2026-03-05")
            elif index < 3 * fifth:
                yield entry(f"{index}", "Li", "Wei", "6/3/2026")  # all digits, no account
            elif index == 4 * fifth:
                yield entry("G1", "Zoë", "Saldaña", "13/3/2026")  # the proof
            else:
                yield entry(f"Z{index}", "Li", "Wei", "2026-03-02")

    def test_two_thousand_adds(self) -> None:
        """2,000 adds read 2,000 rows, ask the repository about one ID each (and its forms
        with zeros added), and settle each row a bounded number of times."""
        count = 2_000
        repository = Counting(REPOSITORY)
        read = [0]
        settled = [0]
        row_pass = fastpass.RowPass.rows
        verdict_of_row = draft_module.Book.verdict

        def counted_rows(self: fastpass.RowPass, rows: Any, **options: bool) -> None:
            rows = list(rows)
            read[0] += len(rows)
            row_pass(self, rows, **options)

        def counted_verdict(self: draft_module.Book, index: int) -> Any:
            settled[0] += 1
            return verdict_of_row(self, index)

        draft = new_draft(**WHOLE_YEAR)
        with (
            mock.patch.object(fastpass.RowPass, "rows", counted_rows),
            mock.patch.object(draft_module.Book, "verdict", counted_verdict),
        ):
            for made in self.rows(count):
                draft, _ = draft.add(made, repository)
        # One call a row, and one for the forms with zeros added of each all-digit ID (at
        # most 17 for IDs of three or four digits); a draft that checked every row again
        # on each add would settle 2,001,000 rows.
        assert count == read[0]
        assert count + count // 5 == len(repository.asked)
        assert count + 17 * count // 5 >= sum(map(len, repository.asked))
        assert 1 == repository.reported
        assert 3 * count >= settled[0]
        # And the answer is the file's.
        assert file_of(draft, draft.entries, REPOSITORY) == draft.report(REPOSITORY)


class TestDraftExtension:
    """A draft's report is checked with the draft's staff extension (`reporting-window`)."""

    def test_report_uses_the_extension(self) -> None:
        """Reported after the window closed, the entry is accepted under an extension
        that reaches the report date, in the entry's outcome and in the report alike."""
        late = date(2026, 12, 1)
        (entry,) = mapping_rows(ADA)
        closed, closed_outcome = new_draft(reported_at=late).add(entry, REPOSITORY)
        extended, outcome_of_entry = new_draft(reported_at=late, extension=date(2026, 12, 31)).add(
            entry, REPOSITORY
        )
        assert ("window-closed",) == closed_outcome.refusal.codes  # type: ignore[union-attr]
        assert ("window-closed",) == closed.report(REPOSITORY).refused[0].codes
        assert outcome_of_entry.attendee is not None
        assert (2,) == extended.report(REPOSITORY).accepted.rows
