"""Date order, a property of the whole file (`completion-date`).

The row pass reads a slash date month first (``M/D/YYYY``), the association's
convention.  A file that holds a slash date impossible month first but possible
day first (``13/03/2026``, refused as ``date-day-month-order``) shows that it
writes the day first, and then nothing of it may be taken month first.  Once
the whole file is read, :func:`settle_date_order` refuses every slash date of
such a file that read month first names another day than read day first
(``date-ambiguous-order``), or names a day only month first
(``date-mixed-order``): on rows the row pass kept, whichever side of the
proving row they are (they move to the refused rows), and on rows it refused
(whose findings from the month-first reading give way).  A date that names the
same day either way (``3/3/2026``), and a ``YYYY-MM-DD`` date, are left alone.

The work is per distinct date text, and only once a proof was read: a file
without one costs a look at the distinct date texts of its refused rows.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from datetime import date

from cec_rules._roster import findings
from cec_rules._roster.columnar import positions
from cec_rules._roster.fields import FIELDS, US_DATE
from cec_rules._roster.findings import DateProblem, Finding
from cec_rules._roster.rows import parse_completion_date, read_day_first
from cec_rules._roster.state import CheckInputs, Collected, PendingRefusal

#: The code of a date that shows a file writes the day first.
PROOF = "date-day-month-order"
#: The findings of a date read month first, which give way when the file writes
#: the day first: they rest on a reading that is not the file's.
MONTH_FIRST_FINDINGS = frozenset(
    {"date-outside-offering", "date-after-report", "self-paced-window-closed"}
)
#: The findings of rows whose cells are kept as read, not one per field.
NOT_FIELDS = frozenset({"row-ragged", "row-not-a-record"})
_DATE = FIELDS.index("completion_date")
_NOT = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def settle_date_order(inputs: CheckInputs, collected: Collected) -> None:
    """Refuse every date of a file written day first that was read month first.

    Changes ``collected`` in place: kept rows whose date is refused become
    pending refusals (in row order among the others, `row-conservation`), and
    refused rows whose date is refused get its finding in place of those of the
    month-first reading.
    """
    proof = _first_proof(collected)
    if proof is None:
        return
    proof_row, proof_text = proof
    max_cell = inputs.policy.max_cell_length
    problems: dict[str, DateProblem | None] = {}

    def problem_of(text: str) -> DateProblem | None:
        if text not in problems:
            problems[text] = order_problem(text, max_cell, proof_row, proof_text)
        return problems[text]

    for pending in collected.refused:
        found = pending.findings
        if found[0].code in NOT_FIELDS:
            continue
        problem = problem_of(pending.cells[_DATE])
        if problem is not None:
            found[:] = in_order(found, pending.row, problem)
    moved = _refuse_kept(collected, problem_of, inputs.program_id)
    if moved:
        collected.refused.extend(moved)
        collected.refused.sort(key=operator.attrgetter("row"))


def _first_proof(collected: Collected) -> tuple[int, str] | None:
    """The first row whose date shows the file writes the day first, and its date text;
    ``None`` when no row does.

    Every such text was parsed on a refused row (it is no date month first), so a
    look at the distinct texts parsed tells whether to look for the row.
    """
    if not any(
        isinstance(parsed, DateProblem) and parsed.code == PROOF
        for parsed in collected.parsed.values()
    ):
        return None
    return next(
        (pending.row, pending.cells[_DATE])
        for pending in collected.refused
        if any(f.code == PROOF for f in pending.findings)
    )


def in_order(found: Sequence[Finding], row: int, problem: DateProblem) -> list[Finding]:
    """The findings of a refused ``row`` whose date text has ``problem`` in a file
    written day first: those of the month-first reading give way to it, which
    takes the date's place in field order (before the findings of no field, such
    as the reporting window's)."""
    kept = [f for f in found if f.code not in MONTH_FIRST_FINDINGS]
    at = next((i for i, f in enumerate(kept) if f.field is None), len(kept))
    kept.insert(at, problem.at(row))
    return kept


def order_problem(text: str, max_cell: int, proof_row: int, proof: str) -> DateProblem | None:
    """Why a date text is refused in a file written day first, or ``None``: a slash
    date that names one day month first and another (or none) day first."""
    if len(text) > max_cell or US_DATE.fullmatch(text.strip()) is None:
        return None
    month_first = parse_completion_date(text)
    if not isinstance(month_first, date):
        return None  # refused already, for what it is
    day_first = read_day_first(text)
    if day_first == month_first:
        return None
    if day_first is None:
        return findings.date_mixed_order(text, month_first, proof_row, proof)
    return findings.date_ambiguous_order(text, month_first, day_first, proof_row, proof)


def _refuse_kept(
    collected: Collected, problem_of: Callable[[str], DateProblem | None], program_id: str
) -> list[PendingRefusal]:
    """Take the kept rows whose date text has a problem out of the kept columns, and
    return them as pending refusals in row order.

    The kept rows' distinct date texts are the keys of ``collected.dates``; only
    when one of them has a problem are the rows' texts looked through.
    """
    refused = {text for text in collected.dates if problem_of(text) is not None}
    if not refused:
        return []
    completions = collected.completions
    marks = bytes(map(refused.__contains__, completions))  # 1 for each row to move
    dropped = list(positions(marks, 1))
    moved = []
    for index in dropped:
        number = collected.numbers[index]
        problem = problem_of(completions[index])
        assert problem is not None
        cells = collected.cells_as_read(index, program_id)
        moved.append(PendingRefusal(number, cells, [problem.at(number)], collected.aast_ids[index]))
        collected.irregular.pop(number, None)
    # The rows kept, in one pass a column (where columnar.drop moves a slice per row
    # dropped, and a file written day first may drop most of them).
    kept = marks.translate(_NOT)
    collected.numbers[:] = itertools.compress(collected.numbers, kept)
    for column in (collected.aast_ids, collected.firsts, collected.lasts, completions):
        column[:] = itertools.compress(column, kept)
    return moved
