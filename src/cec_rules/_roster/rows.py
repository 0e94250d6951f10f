"""The rules for one row, the reference: every other path agrees with these.

:func:`check_row` checks one row thoroughly and collects every finding the row
alone allows: its shape (`roster-fields`), its Program ID (`program-id-match`),
its AAST ID (`aast-id-format`), its names (`name-fields`), its completion date
(`completion-date`) and the reporting window (`reporting-window`,
`self-paced-window`).  The column pass (:mod:`.fastpass`) takes the rows that
pass them all without calling it; a property test holds the two to the same
answers.  The rules that need the accounts are in :mod:`.settle`.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from datetime import date

from cec_rules._roster import findings
from cec_rules._roster.fields import (
    FIELDS,
    ISO_DATE,
    NOT_A_RECORD,
    SERIAL_DATE,
    SHORT_YEAR_DATE,
    SPREADSHEET_NUMBER,
    US_DATE,
)
from cec_rules._roster.findings import DateProblem, Finding
from cec_rules._roster.limits import check_limits
from cec_rules._roster.sources import SURROGATE, undecoded
from cec_rules._roster.state import CheckInputs, Collected, PendingRefusal
from cec_rules.deadlines import WindowStatus, reporting_window
from cec_rules.names import name_problem, normalize_name
from cec_rules.policy import Policy
from cec_rules.program import ProgramFormat


def parse_completion_date(text: str) -> date | DateProblem:
    """Return the date written in ``text``, or the :class:`DateProblem` that refuses it
    (`completion-date`).

    Accepts ``YYYY-MM-DD`` and ``M/D/YYYY``; refuses everything else, never guessing.

    >>> parse_completion_date("3/2/2026"), parse_completion_date("2026-03-02")
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    >>> parse_completion_date("13/4/2026").code
    'date-day-month-order'
    """
    value = text.strip()
    written = value if ISO_DATE.fullmatch(value) else None
    us = None if written else US_DATE.fullmatch(value)
    if us:
        month_text, day_text, year_text = us.groups()
        written = f"{year_text}-{month_text.zfill(2)}-{day_text.zfill(2)}"
    if written is not None:
        # The date as YYYY-MM-DD, read by date.fromisoformat: far cheaper than three
        # int() calls and date().
        try:
            return date.fromisoformat(written)
        except ValueError:
            year, month, day = map(int, written.split("-"))
            if us and month > 12 and read_day_first(value) is not None:
                return findings.date_day_month_order(value, year, month, day)
            return findings.date_no_such_day(value)
    if SHORT_YEAR_DATE.fullmatch(value):
        return findings.date_two_digit_year(value)
    if SERIAL_DATE.fullmatch(value):
        return findings.date_spreadsheet_serial(value)
    return findings.date_format(value)


def read_day_first(text: str) -> date | None:
    """The date a slash date names read day first (``D/M/YYYY``), or ``None`` when
    ``text`` is no slash date or names no day that way (`completion-date`).

    >>> read_day_first("13/4/2026"), read_day_first("4/13/2026"), read_day_first("2026-04-13")
    (datetime.date(2026, 4, 13), None, None)
    """
    us = US_DATE.fullmatch(text.strip())
    if us is None:
        return None
    day, month, year = map(int, us.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def aast_id_finding(value: str, row: int, policy: Policy, number: bool = False) -> Finding | None:
    """The finding that refuses a trimmed AAST ID (`aast-id-format`), or ``None``.

    ``number`` says that the ID was a number cell of a workbook or a DataFrame:
    one the policy refuses (a fraction, an exponent) is a spreadsheet's number.
    """
    if policy.aast_id_regex.fullmatch(value):
        return None
    if number or SPREADSHEET_NUMBER.fullmatch(value):
        return findings.aast_id_spreadsheet_number(row, value)
    return findings.aast_id_format(row, value, policy)


def clean_date(text: str, max_cell: int) -> date | None:
    """The column pass's view of a date: the date, or None if it has any problem."""
    parsed = parse_completion_date(text) if len(text) <= max_cell else None
    return parsed if isinstance(parsed, date) else None


def clean_name(raw: str, max_length: int, max_cell: int) -> str | None:
    """The column pass's view of a name: the normalized name, or None if it has any problem."""
    if len(raw) > max_cell:
        return None
    name = normalize_name(raw)
    if not name or name_problem(raw, name, max_length) is not None:
        return None
    return name


def holds_surrogate(row: Sequence[str]) -> bool:
    """Whether a cell of ``row`` holds a lone surrogate: a byte that was not UTF-8."""
    joined = "".join(row)
    return not joined.isascii() and SURROGATE.search(joined) is not None


def check_row(
    number: int,
    row: Sequence[str],
    width: int,
    columns: dict[str, int],
    inputs: CheckInputs,
    collected: Collected,
) -> None:
    """Check one row thoroughly: refuse it with every finding that applies, or keep
    it when it was only irregular (a Program ID in another case, a name with extra
    spaces).  A wholly blank row is counted as blank (`row-conservation`).

    A row holding a lone surrogate (a byte of a UTF-8 file that is not UTF-8) is
    refused (`roster-file`); its cells are kept with U+FFFD for each such
    byte, so that the report can always be written as UTF-8.
    """
    joined = "".join(row)
    if not joined.strip():  # no cells, or only blank ones
        collected.blank.append(number)
        return
    if row[0] is NOT_A_RECORD:
        finding = findings.row_not_a_record(number)
        collected.refused.append(PendingRefusal(number, row[1:], [finding], None))
        return
    check_limits(number, row, columns, inputs.policy)
    # (A search, cheaper than listing the bytes, for the many rows that hold none.)
    bad_bytes = None if joined.isascii() or not SURROGATE.search(joined) else undecoded(joined)
    found: list[Finding] = []
    if bad_bytes:
        found.append(findings.row_undecodable(number, bad_bytes))
    if len(row) != width:
        found.append(findings.row_ragged(number, len(row), width))
        shown = _replaced(row) if bad_bytes else row
        collected.refused.append(PendingRefusal(number, shown, found, None))
        return
    cells = tuple(map(row.__getitem__, map(columns.__getitem__, FIELDS)))
    aast_id = _check_fields(number, cells, inputs, found, collected)
    window = inputs.window
    if window is not None and window.status is not WindowStatus.OPEN:
        if window.status is WindowStatus.NOT_OPEN:
            found.append(findings.window_not_open(number, window))
        else:
            found.append(findings.window_closed(number, window))
    if found:
        shown = _replaced(cells) if bad_bytes else cells
        collected.refused.append(PendingRefusal(number, shown, found, aast_id))
        return
    _, _, first, last, done = cells
    completed = parse_completion_date(done)
    assert isinstance(completed, date)
    assert aast_id is not None
    for raw in (first, last):
        name = collected.names[raw] = normalize_name(raw)
        collected.renamed = collected.renamed or name != raw
    collected.dates[done] = completed
    collected.keep(number, (aast_id,), (first,), (last,), (done,))
    collected.irregular[number] = cells


def _replaced(cells: Sequence[str]) -> tuple[str, ...]:
    """``cells`` with U+FFFD for each lone surrogate."""
    return tuple(SURROGATE.sub("\ufffd", cell) for cell in cells)


def _check_fields(
    number: int,
    cells: Sequence[str],
    inputs: CheckInputs,
    found: list[Finding],
    collected: Collected,
) -> str | None:
    """Append every field finding to ``found``; return the trimmed AAST ID when it is
    well formed.

    A name or date text already kept on an accepted row (``collected.names`` and
    ``collected.dates``) has nothing to find and is not checked again.
    """
    policy = inputs.policy
    well_formed_id = None
    # Where the texts already kept on accepted rows are, field by field.
    known: tuple[Container[str], ...] = ((), (), collected.names, collected.names, collected.dates)
    for field, raw, kept in zip(FIELDS, cells, known, strict=True):
        if raw in kept:
            continue
        if not raw.strip():
            found.append(findings.field_missing(number, field))
            continue
        if field == "program_id":
            if raw.strip().casefold() != inputs.program_id.casefold():
                found.append(findings.program_id_mismatch(number, raw.strip(), inputs.program_id))
        elif field == "aast_id":
            aast_id = raw.strip()
            problem = aast_id_finding(aast_id, number, policy, number in collected.number_ids)
            if problem is None:
                well_formed_id = aast_id
            else:
                found.append(problem)
        elif field == "completion_date":
            parsed = collected.parsed.get(raw)
            if parsed is None:  # each text parsed once per roster
                parsed = collected.parsed[raw] = parse_completion_date(raw)
            found.extend(_date_findings(number, raw, parsed, inputs))
        else:
            name = normalize_name(raw)
            problem_of_name = name_problem(raw, name, policy.name_max_length)
            if problem_of_name is not None:
                code, message = problem_of_name
                found.append(findings.name_refused(number, field, name, code, message))
    return well_formed_id


def _date_findings(
    number: int, raw: str, parsed: date | DateProblem, inputs: CheckInputs
) -> list[Finding]:
    """The findings of a completion date ``raw`` as parsed: inside the offering, not
    after the report, and for a self-paced program inside the attendee's own window.

    A slash date outside the offering that read day first falls inside it says so.
    """
    if not isinstance(parsed, date):
        return [parsed.at(number)]
    offering = inputs.offering
    found = []
    if not offering.start <= parsed <= offering.end:
        day_first = read_day_first(raw)
        if day_first is None or not offering.start <= day_first <= offering.end:
            day_first = None
        found.append(findings.date_outside_offering(number, parsed, offering, raw, day_first))
    if parsed > inputs.report_date:
        found.append(findings.date_after_report(number, parsed, inputs.report_date))
    if inputs.program.format is ProgramFormat.SELF_PACED:
        window = reporting_window(
            offering,
            inputs.report_date,
            inputs.policy,
            program_format=ProgramFormat.SELF_PACED,
            completion=parsed,
            extension=inputs.extension,
        )
        if window.status is WindowStatus.CLOSED:
            found.append(findings.self_paced_window_closed(number, parsed, window))
    return found
