"""Laws of roster checking as Hypothesis properties, and a fuzz test of the reader.

- `row-conservation`: every data row ends up exactly once (accepted, refused or
  blank) for arbitrary rows and arbitrary bytes, unless the file is refused;
- shuffling the rows changes nothing but which of two duplicates is accepted;
- `filing-fee`: the fee is the member rate times members plus the guest rate times guests;
- a valid roster is accepted whole;
- random bytes and CSV-like text give a report, never an exception.

The rosters are checked against the five-day offering WEEK of helpers.py
(``check_week``), so generated completion dates fall inside or around it.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, strategies as st

from cec_rules._roster.fields import naming
from cec_rules.accounts import Account, AccountKind, InMemoryRepository
from cec_rules.names import normalize_name
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.roster import FIELDS, FINDING_CODES, RosterReport, Severity
from helpers import HEADER_CELLS, WEEK, check_week, rows_of_cells, write_csv

FILE_ERRORS = {
    code
    for code, (_, severity) in FINDING_CODES.items()
    if code.startswith("file-") and severity is Severity.ERROR
}


#: The encoding each warning of a legacy encoding names.
LEGACY_CODES = {
    "file-decoded-as-cp1252": "cp1252",
    "file-decoded-as-mac-roman": "mac_roman",
    "file-decoded-as-cp437": "cp437",
    "file-decoded-as-cp850": "cp850",
}


def row_numbers(report: RosterReport) -> list[int]:
    """Every row number in the report, accepted, refused and blank, sorted."""
    numbers = [a.row for a in report.accepted]
    numbers += [r.row for r in report.refused]
    numbers += report.blank_rows
    return sorted(numbers)


# --------------------------------------------------------------------------
# Every row once (the cells come from helpers.rows_of_cells)


class TestRowConservation:
    """`row-conservation`: every data row is in the report exactly once."""

    @given(rows_of_cells)
    def test_arbitrary_rows(self, rows: list[list[str]]) -> None:
        """Arbitrary rows: each once (`row-conservation`, `row-numbers`); blank rows are the
        all-blank ones; other short or long rows are refused as ragged (`roster-fields`)."""
        report = check_week(write_csv(rows))
        assert not report.file_refused
        expected = list(range(2, len(rows) + 2))
        assert expected == row_numbers(report)
        assert len(rows) == report.data_rows
        blank = tuple(n for n, row in enumerate(rows, start=2) if all(not c.strip() for c in row))
        assert blank == report.blank_rows
        ragged = [
            n
            for n, row in enumerate(rows, start=2)
            if len(row) != len(HEADER_CELLS) and any(c.strip() for c in row)
        ]
        assert ragged == [r.row for r in report.refused if r.codes == ("row-ragged",)]

    @given(rows_of_cells)
    def test_arbitrary_rows_as_mappings(self, rows: list[list[str]]) -> None:
        """The same rows as mappings keep every row too."""
        entries = [dict(zip(FIELDS, row, strict=False)) for row in rows]
        report = check_week(entries)
        assert list(range(2, len(rows) + 2)) == row_numbers(report)

    @given(st.binary(max_size=400), st.booleans())
    def test_arbitrary_bytes(self, body: bytes, with_header: bool) -> None:
        """Arbitrary bytes: the file is refused with a file-level reason, or every record the
        file holds is in the report exactly once."""
        data = (write_csv([]) if with_header else b"") + body
        report = check_week(data)
        if report.file_refused:
            assert {f.code for f in report.file_findings} & FILE_ERRORS
            assert ((), (), (), 0) == (
                tuple(report.accepted),
                tuple(report.refused),
                report.blank_rows,
                report.data_rows,
            )
            return
        legacy = [f.code for f in report.file_findings if f.code.startswith("file-decoded-as-")]
        encoding = LEGACY_CODES[legacy[0]] if legacy else "utf-8-sig"
        if not legacy and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        stream = io.StringIO(data.decode(encoding, "surrogateescape"), newline="")
        stream.readline()
        records = list(csv.reader(stream, strict=True))
        assert len(records) == report.data_rows
        assert list(range(2, len(records) + 2)) == row_numbers(report)


# --------------------------------------------------------------------------
# Shuffling

plausible_rows = st.lists(
    st.tuples(
        st.sampled_from(["PRG-1", "PRG-1", "PRG-1", "prg-1", "PRG-2"]),
        st.sampled_from(["A1", "A2", "A3", "G1", "G2", "R1", "Z9", "A 1"]),
        st.sampled_from(["Ada", "Grace", "José", "Jose", "Zoë", "Olu", "Mary", "=X", ""]),
        st.sampled_from(["Lovelace", "Hopper", "Núñez", "Saldaña", "Okafor", "Reported"]),
        st.sampled_from(["2026-03-02", "3/3/2026", "2026-03-06", "13/4/2026", "2026-03-09"]),
    ).map(list),
    max_size=20,
)


def _claim_key(report: RosterReport, counts: Counter[str]) -> Counter[tuple[Any, ...]]:
    """What must not change when the rows are shuffled, per row content.

    A row whose AAST ID appears once keeps its status, codes and warnings.  A row
    whose ID appears several times keeps its other codes; whether it is the
    accepted one or a duplicate may change, and so may the warnings that come with it.
    """
    keys: Counter[tuple[Any, ...]] = Counter()
    warned = {w.row for w in report.warnings}
    for a in report.accepted:
        if counts[a.aast_id] > 1:
            keys[("claim", a.aast_id)] += 1
        else:
            keys[("accepted", a.aast_id, a.first_name, a.last_name, a.row in warned)] += 1
    for r in report.refused:
        aast_id = r.cells[1].strip()
        codes = tuple(c for c in r.codes if c != "duplicate-in-roster")
        if counts[aast_id] > 1 and not codes:
            keys[("claim", aast_id)] += 1
        else:
            keys[("refused", r.cells, codes)] += 1
    return keys


class TestShuffle:
    """Shuffling the rows changes nothing but which of two duplicates is accepted."""

    @given(plausible_rows, st.randoms(use_true_random=False))
    def test_shuffle(self, rows: list[list[str]], rng: random.Random) -> None:
        """The same claims, refusals, accepted IDs and fee, whatever the order (`one-claim`)."""
        shuffled = rows[:]
        rng.shuffle(shuffled)
        before, after = check_week(write_csv(rows)), check_week(write_csv(shuffled))
        counts = Counter(row[1].strip() for row in rows)
        assert _claim_key(before, counts) == _claim_key(after, counts)
        assert sorted(a.aast_id for a in before.accepted) == sorted(
            a.aast_id for a in after.accepted
        )
        assert before.filing_fee == after.filing_fee
        accepted = [a.aast_id for a in after.accepted]
        assert sorted(set(accepted)) == sorted(accepted)
        assert len(before.blank_rows) == len(after.blank_rows)


# --------------------------------------------------------------------------
# Filing fee

rates = st.integers(min_value=0, max_value=100_000).map(lambda cents: Decimal(cents) / 100)


class TestFilingFee:
    """`filing-fee`: member rate x members + guest rate x guests; refused rows cost nothing."""

    @given(
        st.lists(st.sampled_from([AccountKind.MEMBER, AccountKind.GUEST]), max_size=30),
        st.lists(st.sampled_from(["bad", "13/4/2026", "2026-03-01"]), max_size=5),
        rates,
        rates,
    )
    def test_fee(
        self,
        kinds: list[AccountKind],
        bad_dates: list[str],
        member_rate: Decimal,
        guest_rate: Decimal,
    ) -> None:
        """The total is the rates times the accepted counts, line by line (`filing-fee`)."""
        accounts = [
            Account(aast_id=f"P{i}", first_name="Ada", last_name="Lovelace", kind=kind)
            for i, kind in enumerate(kinds)
        ]
        rows = [["PRG-1", f"P{i}", "Ada", "Lovelace", "2026-03-02"] for i in range(len(kinds))]
        rows += [["PRG-1", f"P{i}", "Ada", "Lovelace", day] for i, day in enumerate(bad_dates)]
        policy = attrs.evolve(
            DEFAULT_POLICY, member_filing_fee=member_rate, guest_filing_fee=guest_rate
        )
        report = check_week(write_csv(rows), repository=InMemoryRepository(accounts), policy=policy)
        members = kinds.count(AccountKind.MEMBER)
        guests = kinds.count(AccountKind.GUEST)
        assert (members, guests) == (report.members, report.guests)
        expected = member_rate * members + guest_rate * guests
        assert expected == report.filing_fee
        assert [Decimal(members), Decimal(guests)] == [
            line.quantity for line in report.filing_fee_lines
        ]
        assert len(bad_dates) == len(report.refused)


# --------------------------------------------------------------------------
# A valid roster is accepted whole

#: Letters of several scripts, including ones NFC changes (U+212B ANGSTROM SIGN becomes Å).
LETTERS = "AaZzÀàéÉñÑøßÇçİıŁłЖжΩωאבمحد李王กคễệ한글ฉ\u212b\u2126"
words = st.text(alphabet=LETTERS, min_size=1, max_size=10)
names = st.tuples(
    words,
    st.lists(st.tuples(st.sampled_from([" ", "-", "'", "  ", "’"]), words), max_size=2),
).map(lambda parts: parts[0] + "".join(sep + word for sep, word in parts[1]))

HEADER_SPELLINGS = {
    "program_id": ["Program ID", "program_id", "PROGRAM-ID", "Program"],
    "aast_id": ["AAST ID", "aast_id", "Member ID", "AAST Number"],
    "first_name": ["First Name", "first_name", "Given Name", "FIRST"],
    "last_name": ["Last Name", "last-name", "Surname", "Family Name"],
    "completion_date": ["Completion Date", "completion_date", "Date Completed", "Completed"],
}


@st.composite
def valid_rosters(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[Account]]:
    """Rows (as field -> cell) that break no rule, and their accounts."""
    ids = draw(
        st.lists(
            st.text(alphabet="ABCXYZabxyz0123456789-", min_size=1, max_size=20),
            unique=True,
            max_size=12,
        )
    )
    rows, accounts = [], []
    for aast_id in ids:
        first, last = draw(names), draw(names)
        day = WEEK.start + timedelta(days=draw(st.integers(0, 4)))
        written = draw(
            st.sampled_from(
                [
                    day.isoformat(),
                    f"{day.month}/{day.day}/{day.year}",
                    f"{day.month:02d}/{day.day:02d}/{day.year}",
                ]
            )
        )
        pad = draw(st.sampled_from(["", " ", "  "]))
        rows.append(
            {
                "program_id": draw(st.sampled_from(["PRG-1", "prg-1", " PRG-1 "])),
                "aast_id": pad + aast_id + pad,
                "first_name": pad + first,
                "last_name": last + pad,
                "completion_date": written,
            }
        )
        accounts.append(
            Account(
                aast_id=aast_id,
                first_name=normalize_name(first),
                last_name=normalize_name(last),
                kind=draw(st.sampled_from(["member", "guest"])),
            )
        )
    return rows, accounts


class TestValidRoster:
    """A roster that breaks no rule is accepted whole, in any header spelling and order."""

    @given(valid_rosters(), st.permutations(FIELDS), st.booleans(), st.data())
    def test_accepted_whole(
        self,
        roster: tuple[list[dict[str, str]], list[Account]],
        order: list[str],
        as_mappings: bool,
        data: st.DataObject,
    ) -> None:
        """Every row is accepted with its normalized names, trimmed ID and account kind,
        from a file or as mappings."""
        rows, accounts = roster
        source: Any = rows
        if not as_mappings:
            header = [data.draw(st.sampled_from(HEADER_SPELLINGS[f])) for f in order]
            source = write_csv([[row[f] for f in order] for row in rows], header)
        report = check_week(source, repository=InMemoryRepository(accounts))
        assert ((), (), (), ()) == (
            report.file_findings,
            tuple(report.refused),
            report.warnings,
            report.blank_rows,
        )
        expected = [(a.aast_id, a.first_name, a.last_name, a.kind) for a in accounts]
        assert expected == [(a.aast_id, a.first_name, a.last_name, a.kind) for a in report.accepted]
        members = sum(1 for a in accounts if a.kind is AccountKind.MEMBER)
        fee = Decimal("5.00") * members + Decimal("10.00") * (len(accounts) - members)
        assert fee == report.filing_fee


# --------------------------------------------------------------------------
# Fuzzing the reader

FRAGMENTS = [
    '"',
    '""',
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\ufeff",
    "\x00",
    " ",
    "Program ID",
    "AAST ID",
    "First Name",
    "Last Name",
    "Completion Date",
    "program_id",
    "Notes",
    "PRG-1",
    "A1",
    "G1",
    "Ada",
    "Zoë",
    "Lovelace",
    "JosÃ©",  # names damaged by a lost encoding
    "Jos?",
    "\udce9",  # a byte that is not UTF-8 (written with surrogateescape)
    "2026-03-02",
    "3/2/2026",
    "13/4/2026",
    "=1+1",
    "1.23457E+11",
    "x" * 50,
]
csvish = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)
csvish_bytes = st.one_of(
    csvish.map(lambda t: t.encode("utf-8", "surrogateescape")),
    csvish.map(lambda t: t.encode("cp1252", "replace")),
    csvish.map(lambda t: t.encode("mac_roman", "replace")),
    csvish.map(lambda t: t.encode("cp850", "replace")),
    csvish.map(lambda t: t.encode("utf-16", "replace")),
    csvish.map(lambda t: t.encode("utf-16-le", "replace")),
    st.binary(max_size=500),
)
small_policy = attrs.evolve(DEFAULT_POLICY, max_cell_length=30, max_roster_rows=15)


def _names_a_field_twice(keys: list[Any]) -> bool:
    """Whether keys name a field twice: two exact names for it, or two resembling ones
    and no exact one."""
    exact: Counter[str] = Counter()
    resembling: Counter[str] = Counter()
    for key in keys:
        named = naming(str(key))
        if named is not None:
            (exact if named[1] else resembling)[named[0]] += 1
    return any(exact[f] > 1 or (not exact[f] and resembling[f] > 1) for f in FIELDS)


class TestFuzz:
    """Random bytes and CSV-like text give a report, never an exception."""

    @given(csvish_bytes, st.sampled_from(["bytes", "stream", "memoryview"]), st.booleans())
    def test_bytes(self, data: bytes, kind: str, small: bool) -> None:
        """Any bytes, in any binary form, give a report that accounts for itself."""
        source: Any = {
            "bytes": data,
            "stream": io.BytesIO(data),
            "memoryview": memoryview(data),
        }[kind]
        report = check_week(source, policy=small_policy if small else DEFAULT_POLICY)
        assert isinstance(report, RosterReport)
        assert report.data_rows == len(row_numbers(report))
        report.to_dict()
        report.write_findings_csv(io.StringIO())

    @given(csvish, st.booleans())
    def test_text(self, data: str, small: bool) -> None:
        """Any CSV-like text in a text stream gives a report."""
        report = check_week(
            io.StringIO(data, newline=""), policy=small_policy if small else DEFAULT_POLICY
        )
        assert report.data_rows == len(row_numbers(report))

    @given(
        st.lists(
            st.one_of(
                st.dictionaries(
                    st.one_of(st.sampled_from(HEADER_CELLS + list(FIELDS)), st.text(max_size=8)),
                    st.one_of(
                        st.text(max_size=12), st.none(), st.integers(), st.sampled_from(FRAGMENTS)
                    ),
                    max_size=7,
                ),
                st.text(max_size=5),
                st.none(),
            ),
            max_size=15,
        )
    )
    def test_mappings(self, entries: list[Any]) -> None:
        """Any list of entries gives a report with every entry in it, unless an entry
        names a field with two keys (both exact, or both resembling it), which refuses
        the file as a header would be."""
        report = check_week(entries)
        doubled = any(
            isinstance(entry, dict) and _names_a_field_twice(list(entry)) for entry in entries
        )
        if doubled:
            assert report.file_refused
            (refusal,) = [f for f in report.file_findings if f.severity is Severity.ERROR]
            assert "file-duplicate-column" == refusal.code
        else:
            assert list(range(2, len(entries) + 2)) == row_numbers(report)
