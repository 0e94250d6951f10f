"""The refused rows of a report, kept as columns.

A million refused rows held as a million :class:`RefusedRow` objects, each with
its tuple of cells, its tuple of findings and each finding's message, cost
several times what as many accepted rows cost.  Yet refused rows repeat one
another: rows refused for one reason carry the same findings but for their
row numbers, and a finding that does differ from row to row (an AAST ID with
no account) says what the row's own cells say.

So :class:`RefusedRows` keeps, for each row, its number, its cells and one
reference to its findings as *recipes*: a finding kept once for every row that
has it (:class:`KeptFinding`), or one written again from the row's cells when
it is read (:class:`CellFinding`).  A recipe is used for a finding only when
it gives that very finding back (:meth:`RefusedRowsBuilder.add` checks), so
the rows read are always the rows refused.
"""

from __future__ import annotations

import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

import attrs

from cec_rules._roster import findings
from cec_rules._roster.attendees import RefusedRow
from cec_rules._roster.fields import FIELDS
from cec_rules._roster.findings import Finding
from cec_rules.policy import Policy


@attrs.frozen(eq=False)
class KeptFinding:
    """A finding kept once, without its row number, for every refused row that has
    it; ``rowed`` says whether the row's number goes back in when it is read."""

    finding: Finding
    rowed: bool

    @property
    def code(self) -> str:
        """The finding's code."""
        return self.finding.code

    def at(self, row: int, cells: Sequence[str]) -> Finding:
        """The finding of the refused row ``row``."""
        finding = self.finding
        if not self.rowed:
            return finding
        return Finding(
            code=finding.code,
            message=finding.message,
            row=row,
            field=finding.field,
            hint=finding.hint,
        )


@attrs.frozen(eq=False)
class CellFinding:
    """A finding written again, when it is read, from the refused row's cells (in the
    order of :data:`FIELDS`): one such recipe serves every row of a report."""

    code: str
    write: Callable[[int, Sequence[str]], Finding]

    def at(self, row: int, cells: Sequence[str]) -> Finding:
        """The finding of the refused row ``row`` whose cells are ``cells``."""
        return self.write(row, cells)


Recipe = KeptFinding | CellFinding


def _aast_id(cells: Sequence[str]) -> str:
    """The trimmed AAST ID of a row whose cells are one per field."""
    return cells[1].strip()


def cell_recipes(policy: Policy | None) -> dict[str, CellFinding]:
    """The findings that name a cell of their row, by code: those that most often
    differ from one refused row to the next (each row's own AAST ID).

    ``policy`` is the policy the roster was checked under, ``None`` when it is
    unknown (rows read back from data): then the AAST ID's format is kept as
    written.
    """
    recipes = [
        CellFinding(
            "account-not-found", lambda row, cells: findings.account_not_found(row, _aast_id(cells))
        ),
        CellFinding(
            "already-reported", lambda row, cells: findings.already_reported(row, _aast_id(cells))
        ),
        CellFinding(
            "aast-id-spreadsheet-number",
            lambda row, cells: findings.aast_id_spreadsheet_number(row, _aast_id(cells)),
        ),
    ]
    if policy is not None:
        recipes.append(
            CellFinding(
                "aast-id-format",
                lambda row, cells: findings.aast_id_format(row, _aast_id(cells), policy),
            )
        )
    return {recipe.code: recipe for recipe in recipes}


class RefusedRowsBuilder:
    """Collects refused rows, in row order, into :class:`RefusedRows`.

    Each distinct cell text, each finding without its row number and each
    combination of findings is kept once for all the rows that share it.
    """

    def __init__(self, policy: Policy | None = None) -> None:
        self._by_code = cell_recipes(policy)
        # Each finding kept, by what it says and whether it names the row it is on.
        self._kept: dict[tuple[object, ...], KeptFinding] = {}
        self._combinations: dict[tuple[Recipe, ...], tuple[Recipe, ...]] = {}
        self._texts: dict[str, str] = {}
        self._rows = array.array("q")
        self._starts = array.array("q", [0])
        self._cells: list[str] = []
        self._recipes: list[tuple[Recipe, ...]] = []

    def add(self, row: int, cells: Sequence[str], found: Iterable[Finding]) -> None:
        """Add the refused row ``row`` (after those added before), its cells as read,
        and its findings."""
        share = self._texts.setdefault
        shared = tuple(map(share, cells, cells))
        recipes = tuple(self._recipe(row, shared, finding) for finding in found)
        self._rows.append(row)
        self._cells.extend(shared)
        self._starts.append(len(self._cells))
        self._recipes.append(self._combinations.setdefault(recipes, recipes))

    def _recipe(self, row: int, cells: tuple[str, ...], finding: Finding) -> Recipe:
        """The recipe that gives ``finding`` back for the row ``row`` of ``cells``."""
        code = finding.code
        recipe = self._by_code.get(code)
        if recipe is not None and len(cells) == len(FIELDS) and recipe.at(row, cells) == finding:
            return recipe
        rowed = finding.row == row
        key = (
            code,
            finding.message,
            finding.field,
            finding.hint,
            rowed,
            None if rowed else finding.row,
        )
        kept = self._kept.get(key)
        if kept is None:
            written = finding
            if rowed:
                written = Finding(
                    code=code, message=finding.message, field=finding.field, hint=finding.hint
                )
            kept = self._kept[key] = KeptFinding(written, rowed)
        return kept

    def rows(self) -> RefusedRows:
        """The rows added, as :class:`RefusedRows` (the builder is spent)."""
        refused = RefusedRows.__new__(RefusedRows)
        refused._rows, refused._starts = self._rows, self._starts
        refused._cells, refused._recipes = self._cells, self._recipes
        return refused


class RefusedRows(Sequence[RefusedRow]):
    """The refused rows of a roster, in row order: a read-only sequence.

    A roster can refuse a million rows, so they are kept as columns (row
    numbers, cells, and each row's findings written once for every row that
    has the same) and each :class:`RefusedRow` is built when it is read.  It
    compares equal to any sequence of the same rows, a tuple included; a slice
    of it is a tuple of rows.

    >>> from cec_rules import Finding, RefusedRow, RefusedRows
    >>> row = RefusedRow(3, ("PRG-1", "", "Ada", "Lovelace", "2026-03-02"),
    ...                  (Finding(code="field-missing", message="AAST ID is empty", row=3),))
    >>> refused = RefusedRows.of([row])
    >>> refused[0] == row, len(refused), refused == (row,)
    (True, 1, True)
    """

    __slots__ = ("_cells", "_recipes", "_rows", "_starts")

    _rows: array.array[int]
    _starts: array.array[int]
    _cells: list[str]
    _recipes: list[tuple[Recipe, ...]]

    def __init__(self, rows: Iterable[RefusedRow] = ()) -> None:
        built = RefusedRows.of(rows)
        self._rows, self._starts = built._rows, built._starts
        self._cells, self._recipes = built._cells, built._recipes

    @classmethod
    def of(cls, rows: Iterable[RefusedRow]) -> RefusedRows:
        """Build the sequence from refused rows, sorted by row number."""
        builder = RefusedRowsBuilder()
        for refused in sorted(rows, key=lambda r: r.row):
            builder.add(refused.row, refused.cells, refused.findings)
        return builder.rows()

    @property
    def row_numbers(self) -> Sequence[int]:
        """The numbers of the refused rows, in order (read without building a row)."""
        return memoryview(self._rows).toreadonly()

    def codes(self) -> Iterator[str]:
        """The codes of every refused row's findings, in order, without building the
        findings."""
        for recipes in self._recipes:
            for recipe in recipes:
                yield recipe.code

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> RefusedRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[RefusedRow, ...]: ...

    def __getitem__(self, index: int | slice) -> RefusedRow | tuple[RefusedRow, ...]:
        positions = range(len(self))[index]  # raises IndexError as a sequence does
        if isinstance(positions, range):
            return tuple(map(self._row, positions))
        return self._row(positions)

    def _row(self, position: int) -> RefusedRow:
        """The refused row at ``position``."""
        row = self._rows[position]
        cells = tuple(self._cells[self._starts[position] : self._starts[position + 1]])
        return RefusedRow(row, cells, tuple(r.at(row, cells) for r in self._recipes[position]))

    def __iter__(self) -> Iterator[RefusedRow]:
        return map(self._row, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        # As a tuple of the same rows hashes, since the two compare equal.
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"RefusedRows({list(self)!r})"
