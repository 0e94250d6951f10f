"""The column pass: the rules of :mod:`.rows` applied a column at a time.

A block of CSV lines with no quote is split into cells with string methods and
checked a column at a time: the Program IDs against the expected one, all
AAST IDs by one regular expression, each distinct name and date text cleaned
once.  Rows from ``csv.reader`` or from records are checked one at a time with
the same caches.  A row with any problem is handed to
:func:`~cec_rules._roster.rows.check_row`, the reference, which collects every
reason.

This pass must give exactly the report :func:`~cec_rules._roster.rows.check_row`
alone would give: it only decides faster which rows need no second look.
``tests/test_roster_fastpass.py`` holds it to that with a Hypothesis property
over rosters with every kind of defect.
"""

from __future__ import annotations

import csv
import functools
import itertools
import operator
import re
from collections.abc import Iterable
from datetime import date, timedelta

from cec_rules._roster import findings
from cec_rules._roster.columnar import (
    Seen,
    flags,
    flags_at,
    look_up,
    may_run_past,
    positions,
)
from cec_rules._roster.fields import ASCII_SPACES, FIELDS
from cec_rules._roster.findings import FileRefused
from cec_rules._roster.rows import check_row, clean_date, clean_name, holds_surrogate
from cec_rules._roster.state import CheckInputs, Collected
from cec_rules.deadlines import WindowStatus
from cec_rules.policy import Policy
from cec_rules.program import ProgramFormat


def id_lines(policy: Policy) -> re.Pattern[str]:
    """The policy's AAST ID check repeated over lines of a text, one ID and its line
    break each (`aast-id-format`).

    Matched from the start of a line, it runs over the consecutive lines whose IDs
    the policy allows and stops at the first it refuses.  The check is one
    character class with a bounded repeat, and the class holds no line break (a
    policy refuses one in its set), so each line is matched exactly when that ID
    alone would be fully matched.
    """
    return re.compile(f"(?:{policy.aast_id_pattern}\n)*")


class RowPass:
    """The row pass: every row checked by the rules that need only the row itself.

    Rows are numbered as a spreadsheet shows them (`row-numbers`): the header is
    row 1 and each record is the next row, so a line break inside quotes does
    not shift later rows, and blank rows keep their numbers.

    Rows exactly as expected take a fast path.  A block of CSV lines without
    quotes is split into cells with string methods and checked a column at a
    time (:meth:`lines`); rows from ``csv.reader`` or from mappings are checked
    one at a time (:meth:`rows`).  Both clean each distinct name and date text
    once, and keep one copy of it, so a roster pays for each spelling once.  A
    row the fast path does not take is checked thoroughly by
    :func:`~cec_rules._roster.rows.check_row`, which collects every finding that
    applies (or takes the row, when it was only irregular, such as a lower-case
    Program ID).
    """

    def __init__(
        self,
        width: int,
        columns: dict[str, int],
        inputs: CheckInputs,
        collected: Collected,
        delimiter: str = ",",
        *,
        header_row: int = 1,
    ) -> None:
        self.width, self.columns, self.inputs, self.collected = width, columns, inputs, collected
        self.delimiter = delimiter
        # Each line's end becomes a cell of its own holding only NUL (which a block
        # read this way has none of), so misplaced line ends show.
        self.line_end = f"{delimiter}\x00{delimiter}"
        policy = inputs.policy
        self.id_lines = id_lines(policy)
        self.limit = policy.max_roster_rows
        # A sheet padded past the column limit: every row's columns are counted.
        self.wide = width > policy.max_columns
        # The last row number given out: the header's row (row 1 but in a sheet with
        # blank rows above it).
        self.header_row = self.number = collected.header_row = header_row
        self.indexes = [columns[f] for f in FIELDS]
        self.pick = operator.itemgetter(*self.indexes)
        earliest = inputs.offering.start
        self.latest = min(inputs.offering.end, inputs.report_date)
        if inputs.program.format is ProgramFormat.SELF_PACED:
            # `self-paced-window`: completed no earlier than the window allows.
            # A window reaching back before the calendar starts leaves it as it is.
            if policy.reporting_window_days < (inputs.report_date - date.min).days:
                window_days = timedelta(days=policy.reporting_window_days)
                earliest = max(earliest, inputs.report_date - window_days)
            self.fast = inputs.extension is None
        else:
            self.fast = inputs.window is not None and inputs.window.status is WindowStatus.OPEN
        self.earliest = earliest
        # Each distinct name and date text seen: the first copy of it when it passes
        # the checks (a date inside the window), or "" when it does not.  A text not
        # seen before is cleaned when first looked up.  (Functions that hold what they
        # need, not methods of this pass: the pass holding a method of itself would
        # be a cycle, which keeps everything collected until a full collection.)
        self.good_names = Seen(functools.partial(_new_name, collected, policy))
        self.good_dates = Seen(
            functools.partial(_new_date, collected, policy.max_cell_length, earliest, self.latest)
        )

    def count_rows(self) -> None:
        """Record the rows read so far; refuse the file past the policy's limit."""
        self.collected.data_rows = self.number - self.header_row
        if self.collected.data_rows > self.limit:
            raise FileRefused(findings.file_too_many_rows(self.limit))

    def rows(
        self, rows: Iterable[list[str]], *, thorough: bool = False, careful: bool = False
    ) -> None:
        """Check rows one at a time (from ``csv.reader``, or from mappings).

        When ``thorough``, every row goes to the reference rules (rows that may
        hold a bad byte); when ``careful``, each row holding a lone surrogate does
        (rows from mappings, whose values no decoder vouched for).
        """
        width, collected, inputs = self.width, self.collected, self.inputs
        keep = collected.keep
        pick, expected_pid = self.pick, inputs.program_id
        id_match = inputs.policy.aast_id_regex.fullmatch
        max_cell = inputs.policy.max_cell_length
        fast = self.fast and not thorough and not self.wide
        good_names, good_dates = self.good_names, self.good_dates
        number = before = self.number
        try:
            for number, row in enumerate(
                itertools.islice(rows, self.limit + 1 + self.header_row - before), start=before + 1
            ):
                if fast and len(row) == width:
                    cells = pick(row)
                    pid, aid, first, last, done = cells
                    first, last, done = good_names[first], good_names[last], good_dates[done]
                    if (
                        pid == expected_pid
                        and first
                        and last
                        and done
                        and max(map(len, row)) <= max_cell
                        and id_match(trimmed := aid.strip())
                        and not (careful and holds_surrogate(row))
                    ):
                        keep(number, (trimmed,), (first,), (last,), (done,))
                        if trimmed is not aid:  # str.strip returns the same object when clean
                            collected.irregular[number] = cells
                        continue
                check_row(number, row, width, self.columns, inputs, collected)
        except csv.Error as error:
            raise FileRefused(findings.file_csv_error(error, number + 1, max_cell)) from None
        self.number = number
        self.count_rows()

    def lines(self, text: str) -> bool:
        """Check whole lines of CSV text with no quote and no NUL, a column at a time;
        False, with nothing checked, when ``csv.reader`` must read them instead.

        Without quotes, ``csv.reader`` splits a line at each delimiter and ends
        it at a line feed, a carriage return and line feed, or a lone carriage
        return; so does this, with string methods over the whole block, which
        cost a fraction of reading the rows one by one.  Lines with another
        number of cells (blank or ragged) are checked one by one; a block with a
        cell longer than the policy's ``max_cell_length`` is left to ``csv`` and
        the reference rules, which refuse the file where they meet the cell.
        """
        if not text.endswith(("\n", "\r")):  # the last line of the file
            text += "\n"
        end = "\r\n" if "\r" in text else "\n"  # as csv.writer ends lines, or as Unix does
        marked = text.replace(end, self.line_end)
        if end == "\r\n" and ("\r" in marked or "\n" in marked):  # a lone CR or LF too
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            end = "\n"
            marked = text.replace(end, self.line_end)
        cells = self._cells(marked)
        limit = self.inputs.policy.max_cell_length
        # The lines: each line end made the text longer by the same number of characters.
        count = (len(marked) - len(text)) // (len(self.line_end) - len(end))
        width = self.width
        if may_run_past(text, self.delimiter + "\n", limit) and max(map(len, cells)) > limit:
            return False
        if len(cells) == count * (width + 1) and cells[width :: width + 1].count("\x00") == count:
            self._shaped(cells, count)
        else:
            self._mixed(text.split(end)[:-1])
        self.count_rows()
        return True

    def _mixed(self, lines: list[str]) -> None:
        """Check lines some of which hold another number of cells than the header."""
        separators = self.width - 1
        counts = list(map(str.count, lines, itertools.repeat(self.delimiter)))
        start = 0
        for index in itertools.compress(itertools.count(), map(separators.__ne__, counts)):
            if index > start:
                marked = self.line_end.join(lines[start:index]) + self.line_end
                self._shaped(self._cells(marked), index - start)
            start = index + 1
            self.number += 1
            row = lines[index].split(self.delimiter)  # a blank line: one blank cell
            check_row(self.number, row, self.width, self.columns, self.inputs, self.collected)
        if len(lines) > start:
            marked = self.line_end.join(lines[start:]) + self.line_end
            self._shaped(self._cells(marked), len(lines) - start)

    def _cells(self, marked: str) -> tuple[str, ...]:
        """The cells of whole lines, each line's followed by its line-end cell, from
        the lines with each line end replaced by :attr:`line_end`.

        A tuple of texts, which the garbage collector stops walking after one look.
        """
        cells = marked.split(self.delimiter)
        cells.pop()  # the empty text after the last line end
        return tuple(cells)

    def _shaped(self, cells: tuple[str, ...], count: int) -> None:
        """Check ``count`` lines of the header's number of cells, a column at a time.

        ``cells`` holds each line's cells and then the line-end cell.  Each
        check finds the rows it fails with no Python step per row: the Program
        IDs compared with the expected one, one regular expression over all the
        AAST IDs, and each name and date text looked up among those seen.  The
        rows that pass every check are kept in runs between those that do not,
        which :func:`~cec_rules._roster.rows.check_row` checks one by one.
        """
        width, inputs, collected = self.width, self.inputs, self.collected
        stride = width + 1
        pids, aids, firsts, lasts, dones = (cells[index::stride] for index in self.indexes)
        # Byte ``i`` of ``failed`` (an integer, so that checks combine with ``|``) is 1
        # when row ``i`` fails a check.
        failed = 0
        if pids.count(inputs.program_id) < count:  # a count costs less than flags
            failed |= flags(map(operator.ne, pids, itertools.repeat(inputs.program_id)))
        joined = "\n".join(aids)
        trimmed = aids
        if not joined.isascii() or any(space in joined for space in ASCII_SPACES):
            trimmed = tuple(map(str.strip, aids))  # an AAST ID may have spaces around it
            joined = "\n".join(trimmed)
        # (No cell is longer than the policy's limit: :meth:`lines` left such a block.)
        failed |= self._bad_ids(joined)
        firsts = look_up(self.good_names, firsts)
        lasts = look_up(self.good_names, lasts)
        dones = look_up(self.good_dates, dones)
        for column in (firsts, lasts, dones):
            if not all(column):
                failed |= flags_at(count, positions(column, ""))
        offset = self.number + 1  # the row number of the first line
        start = 0
        failed_rows = failed.to_bytes(count, "little")
        index = failed_rows.find(1)
        while index >= 0:
            if index > start:
                collected.keep(
                    offset + start,
                    trimmed[start:index],
                    firsts[start:index],
                    lasts[start:index],
                    dones[start:index],
                )
            start = index + 1
            row = cells[index * stride : index * stride + width]
            check_row(offset + index, row, width, self.columns, inputs, collected)
            index = failed_rows.find(1, start)
        if count > start:
            collected.keep(
                offset + start, trimmed[start:], firsts[start:], lasts[start:], dones[start:]
            )
        if trimmed is not aids:
            # Kept rows whose AAST ID had spaces around it: keep their cells as read.
            for index in itertools.compress(range(count), map(operator.ne, trimmed, aids)):
                if not failed_rows[index]:
                    collected.irregular[offset + index] = tuple(
                        cells[index * stride + column] for column in self.indexes
                    )
        self.number = offset + count - 1

    def _bad_ids(self, joined: str) -> int:
        """The flags of the AAST IDs (``joined`` by line breaks) the policy refuses."""
        # The pattern matches the IDs line by line and stops at the first it refuses;
        # skip that line and go on.
        text = joined + "\n"
        match = self.id_lines.match
        failed = 0
        line = 0
        position = 0
        end = len(text)
        # The pattern matches at every position (zero lines at the least).
        while (stop := match(text, position).end()) < end:  # type: ignore[union-attr]
            line += text.count("\n", position, stop)
            failed |= 1 << (8 * line)
            position = text.index("\n", stop) + 1
            line += 1
        return failed


def _new_name(collected: Collected, policy: Policy, raw: str) -> str:
    """A name text seen for the first time: itself when it passes the checks of a
    name (then its cleaned form is kept in ``collected``), else ""."""
    name = clean_name(raw, policy.name_max_length, policy.max_cell_length)
    if not name:
        return ""
    collected.names[raw] = name
    collected.renamed = collected.renamed or name != raw
    return raw


def _new_date(collected: Collected, max_cell: int, earliest: date, latest: date, raw: str) -> str:
    """A date text seen for the first time: itself when it names a day from
    ``earliest`` to ``latest`` (then the day is kept in ``collected``), else ""."""
    completed = clean_date(raw, max_cell)
    if completed is None or not earliest <= completed <= latest:
        return ""
    collected.dates[raw] = completed
    return raw
