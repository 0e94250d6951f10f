"""Accounts and the repository protocol (section 7): values, the in-memory fake, its CSV form."""

from __future__ import annotations

import io
from collections.abc import Collection, Mapping
from datetime import date
from importlib import resources
from pathlib import Path

import attrs
import pytest

from cec_rules.accounts import (
    Account,
    AccountKind,
    AccountRepository,
    InMemoryRepository,
    reported_before,
)
from cec_rules.errors import InvalidAccount, InvalidArgument, InvalidPolicy, InvalidRepository
from cec_rules.policy import load_toml
from cec_rules.program import Offering
from helpers import ADA as ADA_ROW, check, roster

ON = date(2026, 3, 2)
OFFERING = Offering(date(2026, 3, 2))
ADA = Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member")
ZOE = Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind=AccountKind.GUEST)


class TestAccount:
    """Account: trimmed non-blank text and a kind."""

    def test_fields(self) -> None:
        """Text is trimmed; the kind is an AccountKind."""
        account = Account(aast_id=" A1 ", first_name=" Ada", last_name="Lovelace ", kind="guest")
        expected = ("A1", "Ada", "Lovelace", AccountKind.GUEST)
        assert expected == (account.aast_id, account.first_name, account.last_name, account.kind)

    @pytest.mark.parametrize("kind", ["Member", "staff", "", None, 1])
    def test_bad_kind(self, kind: object) -> None:
        """Only 'member' and 'guest' are kinds."""
        with pytest.raises(InvalidAccount, match="kind must be 'member' or 'guest'"):
            Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind=kind)

    @pytest.mark.parametrize("field", ["aast_id", "first_name", "last_name"])
    @pytest.mark.parametrize("value", ["", "  ", None, 7])
    def test_blank_or_not_text(self, field: str, value: object) -> None:
        """Blank or non-text fields are refused."""
        values: dict[str, object] = {
            "aast_id": "A1",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "kind": "member",
        }
        values[field] = value
        with pytest.raises(InvalidAccount, match="account fields must be non-blank text"):
            Account(**values)


class TestInMemoryRepository:
    """InMemoryRepository: a real, read-only repository held in memory."""

    def test_satisfies_the_protocol(self) -> None:
        """It is an AccountRepository."""
        assert isinstance(InMemoryRepository(), AccountRepository)

    def test_accounts_found_and_absent(self) -> None:
        """Known IDs map to their accounts; unknown IDs are absent."""
        many = [
            Account(aast_id=f"M{i}", first_name="Ada", last_name="Lovelace", kind="member")
            for i in range(20)
        ]
        repository = InMemoryRepository([ADA, ZOE, *many])
        found = repository.accounts(["A1", "G1", "Z9"], on=ON)
        assert {"A1": ADA, "G1": ZOE} == dict(found)

    def test_only_the_ids_asked_for(self) -> None:
        """A small request gets exactly the accounts asked for, even from a small repository."""
        repository = InMemoryRepository([ADA, ZOE])
        expected: tuple[dict[str, Account], ...] = ({"A1": ADA}, {})
        assert expected == (
            dict(repository.accounts(["A1"], on=ON)),
            dict(repository.accounts(["Z9"], on=ON)),
        )

    def test_many_ids(self) -> None:
        """A large request for most IDs finds every one of them (the whole map may come back)."""
        many = [
            Account(aast_id=f"M{i}", first_name="Ada", last_name="Lovelace", kind="member")
            for i in range(10_001)
        ]
        repository = InMemoryRepository([*many, ADA])
        ids = [a.aast_id for a in many] + ["Z9"]
        found = repository.accounts(ids, on=ON)
        expected = [*many, None]
        assert expected == [found.get(i) for i in ids]

    def test_no_ids(self) -> None:
        """No IDs, no accounts."""
        repository = InMemoryRepository([ADA, ZOE])
        assert {} == dict(repository.accounts([], on=ON))

    def test_duplicate_ids_refused(self) -> None:
        """Two accounts with one ID are refused rather than one silently kept."""
        other = Account(aast_id="A1", first_name="Ada", last_name="Byron", kind="guest")
        with pytest.raises(InvalidAccount, match="two accounts have the AAST ID 'A1'"):
            InMemoryRepository([ADA, other])

    def test_reported_ids(self) -> None:
        """Earlier reports are found by Program ID in any case and spacing, per offering."""
        later = Offering(date(2026, 3, 9))
        repository = InMemoryRepository(
            [ADA], reported={("PRG-1", OFFERING): ["A1", "G1"], ("prg-1", later): ["B2"]}
        )
        none = frozenset[str]()
        expected = (frozenset({"A1", "G1"}), frozenset({"B2"}), none, none)
        actual = (
            repository.reported_ids(" prg-1 ", OFFERING),
            repository.reported_ids("PRG-1", later),
            repository.reported_ids("PRG-2", OFFERING),
            repository.reported_ids("PRG-1", Offering(date(2026, 3, 2), date(2026, 3, 3))),
        )
        assert expected == actual


class TestReportedIds:
    """The IDs reported before, given to InMemoryRepository."""

    def test_text_refused(self) -> None:
        """One ID given as text, not in a collection, is refused: its characters would
        otherwise pass for the IDs, and the attendee would be charged again."""
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository([ADA], reported={("PRG-1", OFFERING): "A1"})
        expected = (
            "the IDs reported for PRG-1 must be a collection of AAST IDs, not the text 'A1'; "
            "write ['A1']"
        )
        assert expected == str(raised.value)


ACCOUNTS_CSV = (
    "aast_id,first_name,last_name,kind\r\nA1,Ada,Lovelace,member\r\nG1,Zoë,Saldaña,guest\r\n"
)


class TestFromCsv:
    """InMemoryRepository.from_csv: accounts from a CSV text stream."""

    def test_reads(self) -> None:
        """Each row is an account."""
        repository = InMemoryRepository.from_csv(io.StringIO(ACCOUNTS_CSV, newline=""))
        assert {"A1": ADA, "G1": ZOE} == dict(repository.accounts(["A1", "G1"], on=ON))

    def test_byte_order_mark_and_spaced_names(self) -> None:
        """A byte-order mark, and spaces around or capitals in column names, do not hide
        a column."""
        text = "\ufeffAAST_ID , first_name,Last_Name,kind\nA1,Ada,Lovelace,member\n"
        repository = InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert {"A1": ADA} == dict(repository.accounts(["A1"], on=ON))

    def test_extra_columns_ignored(self) -> None:
        """Other columns are ignored."""
        text = "kind,email,aast_id,first_name,last_name\nmember,a@b,A1,Ada,Lovelace\n"
        repository = InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert {"A1": ADA} == dict(repository.accounts(["A1"], on=ON))

    @pytest.mark.parametrize(
        ("text", "missing"),
        [
            pytest.param("aast_id,first_name,last_name\nA1,Ada,Lovelace\n", "kind", id="kind"),
            pytest.param("", "aast_id, first_name, kind, last_name", id="empty"),
            pytest.param("id,first,last,type\n", "aast_id, first_name, kind, last_name", id="all"),
        ],
    )
    def test_missing_columns(self, text: str, missing: str) -> None:
        """Missing columns are named."""
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert str(raised.value).endswith(f"missing: {missing}")

    @pytest.mark.parametrize(
        ("row", "reason"),
        [
            pytest.param("A2,Grace,Hopper,staff", "kind must be 'member' or 'guest'", id="kind"),
            pytest.param("A2,,Hopper,member", "account fields must be non-blank text", id="blank"),
            pytest.param("A2,Grace", "it has 2 cells where the header has 4", id="short-row"),
            pytest.param(
                "A2,Grace,Hopper,Jr,member", "it has 5 cells where the header has 4", id="long-row"
            ),
        ],
    )
    def test_bad_row_named(self, row: str, reason: str) -> None:
        """A bad row raises InvalidAccount naming its row number."""
        text = ACCOUNTS_CSV + row + "\r\n"
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert str(raised.value).startswith(f"accounts CSV row 4: {reason}")

    @pytest.mark.parametrize(
        ("before", "row"),
        [
            pytest.param("", 4, id="no-blank-row"),
            pytest.param("\r\n", 5, id="empty-line"),
            pytest.param(",,,\r\n\r\n", 6, id="empty-cells-and-empty-line"),
            pytest.param('B1,"Mary\r\nJane",Smith,member\r\n', 5, id="quoted-line-break"),
        ],
    )
    def test_row_numbers_as_a_spreadsheet_shows(self, before: str, row: int) -> None:
        """Rows are numbered as a spreadsheet shows them (`row-numbers`): a blank row is
        skipped but keeps its number, and a quoted line break does not start a row."""
        text = ACCOUNTS_CSV + before + "A2,Grace,Hopper,staff\r\n"
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert str(raised.value).startswith(f"accounts CSV row {row}: kind must be")

    def test_blank_rows_skipped(self) -> None:
        """Wholly blank rows (no cells, or only empty or space-only cells) hold no account."""
        text = ACCOUNTS_CSV.replace("\r\nG1", "\r\n\r\n , ,,\r\nG1") + ",,,\r\n"
        repository = InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert {"A1": ADA, "G1": ZOE} == dict(repository.accounts(["A1", "G1"], on=ON))

    def test_repeated_column_refused(self) -> None:
        """A required column given twice is refused: which of the two holds the value?"""
        text = "aast_id,kind,first_name,last_name,Kind \r\nA1,member,Ada,Lovelace,guest\r\n"
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        assert str(raised.value) == "the accounts CSV has the column kind more than once"

    @pytest.mark.parametrize(
        ("text", "row"),
        [
            pytest.param(ACCOUNTS_CSV + "A2,Grace\rHopper,member\n", 4, id="cr-in-row"),
            pytest.param("aast_id,first\rname,last_name,kind\n", 1, id="cr-in-header"),
        ],
    )
    def test_not_csv_named(self, text: str, row: int) -> None:
        """Text csv cannot read (here a lone carriage return in a stream opened without
        newline="") raises InvalidAccount naming the row, not csv.Error."""
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text))
        assert str(raised.value).startswith(f"accounts CSV row {row} is not readable as CSV: ")

    def test_duplicate_row(self) -> None:
        """An ID listed twice is refused, naming both rows (the ID trimmed, as kept)."""
        text = ACCOUNTS_CSV + "\r\n A1 ,Ada,Byron,guest\r\n"
        with pytest.raises(InvalidAccount) as raised:
            InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        expected = "accounts CSV rows 2 and 5 both have the AAST ID 'A1'; an ID names one account"
        assert expected == str(raised.value)

    def test_bundled_accounts(self) -> None:
        """The example accounts shipped with the package load: members and guests."""
        text = (
            resources.files("cec_rules")
            .joinpath("data")
            .joinpath("accounts.csv")
            .read_text("utf-8")
        )
        repository = InMemoryRepository.from_csv(io.StringIO(text, newline=""))
        ids = ["A1001", "A1002", "A1003", "A1004", "A1005", "A1006", "A1007"]
        ids += ["G2001", "G2002", "G2003"]
        found = repository.accounts(ids, on=ON)
        kinds = [found[i].kind.value for i in ids]
        expected = ["member"] * 7 + ["guest"] * 3
        assert expected == kinds


class _Typed:
    """A minimal repository written against the protocol, as a service would."""

    def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
        return {}

    def reported_ids(self, program_id: str, offering: Offering) -> Collection[str]:
        return ()


class TestProtocol:
    """AccountRepository: any object with the two batch methods satisfies it."""

    def test_structural(self) -> None:
        """A class that never mentions the protocol satisfies it; one without the methods
        does not."""
        repository: AccountRepository = _Typed()
        assert (True, False) == (
            isinstance(repository, AccountRepository),
            isinstance(object(), AccountRepository),
        )


class _Broken:
    """A repository whose two methods return what it is given."""

    def __init__(self, accounts: object = None, reported: object = frozenset()) -> None:
        self._accounts, self._reported = accounts, reported

    def accounts(self, aast_ids: object, *, on: date) -> object:
        return self._accounts

    def reported_ids(self, program_id: str, offering: object) -> object:
        return self._reported


ADA_ACCOUNT = Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member")


class TestProtocolBroken:
    """A repository that breaks the protocol is refused naming the method and what it
    returned, never a bare TypeError or AttributeError from inside a check."""

    @pytest.mark.parametrize(
        ("repository", "message"),
        [
            pytest.param(
                _Broken([ADA_ACCOUNT]),
                "_Broken.accounts returned list; it must return a mapping of AAST ID to Account",
                id="accounts-a-list",
            ),
            pytest.param(_Broken(None), "_Broken.accounts returned NoneType", id="accounts-none"),
            pytest.param(
                _Broken({"A1": {"aast_id": "A1"}}),
                "_Broken.accounts returned dict for 'A1'; each value must be an Account",
                id="accounts-dicts",
            ),
            pytest.param(
                _Broken({"A1": attrs.evolve(ADA_ACCOUNT, aast_id="A2")}),
                "_Broken.accounts returned the account 'A2' under the ID 'A1'",
                id="accounts-wrong-key",
            ),
            pytest.param(
                _Broken({}, None),
                "_Broken.reported_ids returned NoneType; it must return a collection",
                id="reported-none",
            ),
            pytest.param(
                _Broken({}, "A1"),
                "_Broken.reported_ids returned str",
                id="reported-text",
            ),
            pytest.param(
                _Broken({}, [1]),
                "_Broken.reported_ids returned 1 among the IDs",
                id="reported-numbers",
            ),
        ],
    )
    def test_refused(self, repository: object, message: str) -> None:
        """check_roster raises InvalidRepository with a message a developer can act on."""
        with pytest.raises(InvalidRepository) as raised:
            check(roster(ADA_ROW), repository=repository)
        assert str(raised.value).startswith(message), str(raised.value)

    def test_own_errors_pass_through(self) -> None:
        """An AttributeError inside a repository's own method is its own bug: not hidden."""

        class Buggy:
            def accounts(self, aast_ids: object, *, on: date) -> object:
                return None.missing  # type: ignore[attr-defined]

            def reported_ids(self, program_id: str, offering: object) -> object:
                return frozenset().missing  # type: ignore[attr-defined]

        with pytest.raises(AttributeError, match="missing"):
            check(roster(ADA_ROW), repository=Buggy())
        with pytest.raises(AttributeError, match="missing"):
            reported_before(Buggy(), "PRG-1", OFFERING)  # type: ignore[arg-type]

    def test_padded_lookup_checked_too(self) -> None:
        """The second call, for zero-padded IDs, is held to the protocol as well."""

        class SecondCallBroken(_Broken):
            calls = 0

            def accounts(self, aast_ids: object, *, on: date) -> object:
                self.calls += 1
                return {} if self.calls == 1 else ["0012345"]

        with pytest.raises(InvalidRepository, match=r"SecondCallBroken\.accounts returned list"):
            check(roster("PRG-1,12345,Ada,Lovelace,2026-03-02"), repository=SecondCallBroken())

    def test_a_subclass_of_the_in_memory_repository_is_checked(self) -> None:
        """Only the library's own InMemoryRepository is trusted as built: a subclass that
        overrides accounts is held to the protocol like any repository."""

        class Overridden(InMemoryRepository):
            def accounts(self, aast_ids: Collection[str], *, on: date) -> Mapping[str, Account]:
                return {"A1": attrs.evolve(ADA_ACCOUNT, aast_id="A2")}

        with pytest.raises(InvalidRepository, match="under the ID 'A1'"):
            check(roster(ADA_ROW), repository=Overridden())

    def test_a_good_repository_of_its_own(self) -> None:
        """A repository of the service's own that keeps the protocol is used as given."""
        report = check(roster(ADA_ROW), repository=_Broken({"A1": ADA_ACCOUNT}, ["A9"]))
        assert (1, ()) == (len(report.accepted), tuple(report.refused))


class TestPathsAreNotOpened:
    """The rules open no file themselves: a path where content belongs is refused saying
    how to pass the content, never read as the content."""

    def test_from_csv(self) -> None:
        """InMemoryRepository.from_csv with a path or text says to pass a stream."""
        for value in (Path("accounts.csv"), "aast_id,first_name"):
            with pytest.raises(InvalidAccount, match="from_csv reads a text stream"):
                InMemoryRepository.from_csv(value)  # type: ignore[arg-type]

    def test_load_toml(self) -> None:
        """load_toml with a path says to pass the text."""
        with pytest.raises(InvalidPolicy, match=r"got the path 'policy\.toml'"):
            load_toml(Path("policy.toml"))  # type: ignore[arg-type]

    def test_check_roster(self) -> None:
        """check_roster with a path says to pass the bytes or a stream."""
        with pytest.raises(InvalidArgument, match=r"not its path 'roster\.csv'"):
            check(Path("roster.csv"))
