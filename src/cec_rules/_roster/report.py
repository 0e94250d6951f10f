"""The report of one roster check (`row-conservation`, `filing-fee`): every row
once, the counts, the filing fee, and the views people and programs read.

A roster can hold a million findings.  The views that hold everything at once
(``to_dict``, ``to_rows``, ``explanation``, the notebook table) are for small
reports.  ``finding_counts`` reads the findings' codes one at a time, and
``finding_pages`` and the two writers read the findings a page at a time, so
what they hold is bounded by the number of codes or by a page.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TextIO, TypeVar

import attrs

from cec_rules._roster.attendees import (
    AcceptedAttendee,
    Attendees,
    RefusedRow,
    read_attendee,
    read_refused_row,
    row_numbers,
)
from cec_rules._roster.fields import FIELDS
from cec_rules._roster.findings import FINDING_CODES, Finding, Severity, read_finding
from cec_rules._roster.refused import RefusedRows
from cec_rules.accounts import AccountKind
from cec_rules.deadlines import ReportingWindow, read_window
from cec_rules.errors import (
    CecRulesError,
    InvalidArgument,
    InvalidPolicy,
    InvalidReport,
    PolicyFloat,
    RefusedFloat,
    RowConservationError,
)
from cec_rules.fees import FeeKind, FeeLine, total_of
from cec_rules.jsonio import REPORT_DATA, JsonValue, at
from cec_rules.money import format_money, money_str
from cec_rules.names import FORMULA_STARTS
from cec_rules.notebook import (
    Column,
    ColumnType,
    Lines,
    bold,
    html_table,
    labelled,
    paragraphs,
    to_frame,
    view,
)
from cec_rules.policy import Policy
from cec_rules.program import Offering, Program


def _as_attendees(value: Iterable[AcceptedAttendee]) -> Attendees:
    return value if isinstance(value, Attendees) else Attendees.of(value)


def _as_refused(value: Iterable[RefusedRow]) -> RefusedRows:
    return value if isinstance(value, RefusedRows) else RefusedRows.of(value)


#: How many findings the writers hold at once: they write a page, then read the next.
PAGE = 1000

#: The most findings the notebook view lists (to_frame and the writers hold them all).
HTML_FINDINGS = 100

#: The headers of the findings CSV.
CSV_HEADERS = ("row", "severity", "code", "rule", "field", "message", "hint")

# Where each code comes in the counts: the catalogue's order, the same in every report.
_CODE = operator.attrgetter("code")
_CODE_ORDER = {code: position for position, code in enumerate(FINDING_CODES)}


@attrs.frozen(kw_only=True)
class RosterReport(JsonValue):
    """The outcome of checking one roster for one offering.

    ``accepted`` and ``refused`` are in row order; ``blank_rows`` lists the
    numbers of wholly blank rows, skipped and counted.  ``file_findings`` holds
    the errors that refused the whole file (then nothing is accepted) and the
    file-level warnings.  ``warnings`` holds row warnings on accepted rows.
    """

    program: Program
    offering: Offering
    report_date: date
    policy: Policy
    window: ReportingWindow | None
    data_rows: int
    accepted: Attendees = attrs.field(converter=_as_attendees)
    refused: RefusedRows = attrs.field(converter=_as_refused)
    warnings: tuple[Finding, ...]
    blank_rows: tuple[int, ...]
    file_findings: tuple[Finding, ...]
    #: The row of the header: 1, but in a workbook whose sheet has blank rows above it.
    header_row: int = 1
    # What another module derives from the report once and keeps with it (the index of
    # its credit decisions, cec_rules.eligibility): never part of the report's value,
    # and gone with the report.
    _derived: Any = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.check_conservation()

    def check_conservation(self) -> None:
        """Raise :class:`RowConservationError` unless every data row appears exactly once
        (`row-conservation`).  Run on construction; a failure is a library bug."""
        numbers = [*row_numbers(self.accepted), *self.refused.row_numbers, *self.blank_rows]
        numbers.sort()  # merging sorted runs: about as cheap as copying
        # n numbers, rising from h + 1 to h + n with no repeat (h the header's row), are
        # exactly the rows h + 1 .. h + n (a test of neighbours, not a list of n new
        # numbers to compare with).
        first = self.header_row + 1
        if (
            len(numbers) == self.data_rows
            and (not numbers or (numbers[0] == first and numbers[-1] == first + self.data_rows - 1))
            and all(map(operator.lt, numbers, itertools.islice(numbers, 1, None)))
        ):
            return
        distinct = len(set(numbers))
        if len(numbers) != self.data_rows or distinct != len(numbers):
            raise RowConservationError(
                f"the report holds {len(numbers)} row(s), {distinct} distinct, for "
                f"{self.data_rows} data row(s)"
            )
        raise RowConservationError("the report names a row the roster does not have")

    @property
    def file_refused(self) -> bool:
        """True when the file could not be read as a roster; then nothing is accepted."""
        return any(f.severity is Severity.ERROR for f in self.file_findings)

    @property
    def members(self) -> int:
        """The number of accepted attendees with member accounts."""
        return self.accepted.count_kind(AccountKind.MEMBER)

    @property
    def guests(self) -> int:
        """The number of accepted attendees with guest accounts."""
        return len(self.accepted) - self.members

    @property
    def filing_fee_lines(self) -> tuple[FeeLine, ...]:
        """Member and guest filing fee lines for the accepted rows (`filing-fee`)."""
        members = self.members
        return (
            FeeLine.charge(
                FeeKind.MEMBER_FILING_FEE,
                self.policy.member_filing_fee,
                Decimal(members),
                self.policy,
            ),
            FeeLine.charge(
                FeeKind.GUEST_FILING_FEE,
                self.policy.guest_filing_fee,
                Decimal(len(self.accepted) - members),
                self.policy,
            ),
        )

    @property
    def filing_fee(self) -> Decimal:
        """The filing fee due for this roster; refused rows cost nothing."""
        return total_of(self.filing_fee_lines)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: file-level first, then each refused row's, then warnings.

        The whole tuple at once; :meth:`finding_pages` reads the same findings a
        page at a time.
        """
        return tuple(self._each_finding())

    def _each_finding(self) -> Iterator[Finding]:
        """The findings in the order of :attr:`findings`, one at a time."""
        refused = itertools.chain.from_iterable(r.findings for r in self.refused)
        return itertools.chain(self.file_findings, refused, self.warnings)

    @property
    def finding_counts(self) -> Mapping[str, int]:
        """How many findings the report holds of each code (read-only).

        File findings, refused rows' findings and warnings are all counted.  The
        codes come in the order of :data:`FINDING_CODES`, whatever the roster, and
        a code missing from it after them, sorted.  The count reads the codes
        alone: no finding is copied, so it is cheap next to :meth:`to_dict`.
        """
        counts = Counter(map(_CODE, self.file_findings))
        counts.update(self.refused.codes())
        counts.update(map(_CODE, self.warnings))
        ordered = sorted(counts, key=lambda code: (_CODE_ORDER.get(code, len(_CODE_ORDER)), code))
        return MappingProxyType({code: counts[code] for code in ordered})

    def finding_pages(self, size: int) -> Iterator[tuple[Finding, ...]]:
        """The findings in the order of :attr:`findings`, in pages of ``size``.

        Each page is a tuple of ``size`` findings, but the last, which may be
        shorter; a report with no findings has no page.  One page is held at a
        time, so a service can send a large report's findings in parts.  Raises
        :class:`~cec_rules.errors.InvalidArgument` unless ``size`` is a whole
        number, 1 or more (checked at the call, before any page is read).
        """
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidArgument(
                "size is the number of findings in a page: pass a whole number, 1 or more "
                f"(such as {PAGE}), not {size!r}"
            )
        return _pages(self._each_finding(), size)

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids behind this report, each once."""
        cited = dict.fromkeys(f.rule for f in self._each_finding())
        cited.update(dict.fromkeys(("row-conservation", "filing-fee", "policy-version")))
        return tuple(cited)

    def _summary(self) -> str:
        """The first line of :attr:`explanation`: the counts and the filing fee."""
        program_id = self.program.program_id
        head = f"Roster for {program_id}, offering {self.offering.start.isoformat()}"
        if self.file_refused:
            return f"{head}: the file was refused as a whole; no row was accepted."
        return (
            f"{head}, reported {self.report_date.isoformat()}: {len(self.accepted)} "
            f"accepted ({self.members} member, {self.guests} guest), {len(self.refused)} "
            f"refused, {len(self.blank_rows)} blank row(s) skipped. Filing fee "
            f"${self.filing_fee:,} (filing-fee)."
        )

    def _counts_line(self) -> str | None:
        """The line of :attr:`explanation` that counts the findings by code, if any."""
        counts = self.finding_counts
        if not counts:
            return None
        return "Findings by code: " + "; ".join(f"{c} {n:,}" for c, n in counts.items()) + "."

    @property
    def explanation(self) -> str:
        """A summary a person can read: counts, the filing fee, the reporting window,
        the number of findings of each code, and every finding.

        It holds every finding, so it is for a small report; a large one's
        findings are better written with :meth:`write_findings_csv`.
        """
        lines = [self._summary()]
        if self.window is not None:
            lines.append(self.window.explanation)
        counts = self._counts_line()
        if counts is not None:
            lines.append(counts)
        lines.extend(f.explanation for f in self._each_finding())
        return "\n".join(lines)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat dict per data row, in row order, for a DataFrame or a table.

        An accepted row's completion date is a ``date``; a refused row's cells are
        as written (its completion date, which may not read as a date, under
        ``completion_date_text``); a blank row has none.
        """
        rows: list[dict[str, Any]] = []
        warnings: dict[int, list[str]] = {}
        for w in self.warnings:
            warnings.setdefault(w.row or 0, []).append(w.code)
        for a in self.accepted:
            rows.append(
                {
                    "row": a.row,
                    "status": "accepted",
                    "aast_id": a.aast_id,
                    "first_name": a.first_name,
                    "last_name": a.last_name,
                    "kind": a.kind.value,
                    "completion_date": a.completion_date,
                    "completion_date_text": None,
                    "codes": ";".join(warnings.get(a.row, ())),
                    "messages": "",
                }
            )
        for r in self.refused:
            rows.append(
                {
                    "row": r.row,
                    "status": "refused",
                    "aast_id": _cell(r, "aast_id"),
                    "first_name": _cell(r, "first_name"),
                    "last_name": _cell(r, "last_name"),
                    "kind": None,
                    "completion_date": None,
                    "completion_date_text": _cell(r, "completion_date"),
                    "codes": ";".join(r.codes),
                    "messages": " | ".join(f.explanation for f in r.findings),
                }
            )
        rows.extend(
            {
                "row": n,
                "status": "blank",
                "aast_id": None,
                "first_name": None,
                "last_name": None,
                "kind": None,
                "completion_date": None,
                "completion_date_text": None,
                "codes": "",
                "messages": "",
            }
            for n in self.blank_rows
        )
        rows.sort(key=operator.itemgetter("row"))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """Return the whole report as JSON-ready data: the convenience for a small report,
        and what :meth:`from_dict` reads back.

        ``reference`` is the report's reference (the one events built from it
        carry, :func:`~cec_rules.lifecycle.report_reference`); ``program`` and
        ``policy_in_force`` hold the program and the policy version in force in
        full (``program_id`` and ``policy`` name them).

        Every accepted attendee, refused row and finding is in it, and in its
        explanation, all held in memory at once, and again in the text that
        ``json.dumps`` makes of it: gigabytes for a roster of a million rows.
        For a large report, write the findings to a stream with
        :meth:`write_findings_jsonl` or :meth:`write_findings_csv` (a page at a
        time), take the counts from :attr:`finding_counts`, and read the
        attendees from :attr:`accepted`, which builds each one as it is read.
        """
        from cec_rules.lifecycle import report_reference

        return {
            "reference": report_reference(self),
            "program_id": self.program.program_id,
            "program": self.program.to_dict(),
            "offering": self.offering.to_dict(),
            "report_date": self.report_date.isoformat(),
            "policy": self.policy.label,
            "policy_in_force": self.policy.to_dict(),
            "window": None if self.window is None else self.window.to_dict(),
            "file_refused": self.file_refused,
            "data_rows": self.data_rows,
            "header_row": self.header_row,
            "finding_counts": dict(self.finding_counts),
            "accepted": [a.to_dict() for a in self.accepted],
            "refused": [r.to_dict() for r in self.refused],
            "warnings": [w.to_dict() for w in self.warnings],
            "blank_rows": list(self.blank_rows),
            "file_findings": [f.to_dict() for f in self.file_findings],
            "filing_fee": {
                "lines": [line.to_dict() for line in self.filing_fee_lines],
                "total": money_str(self.filing_fee),
            },
            "rules": list(self.rules),
            "explanation": self.explanation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RosterReport:
        """Read back a report from what :meth:`to_dict` writes (or ``json.loads`` of
        :meth:`to_json`): the report a roster was reported from, which a service keeps
        until the roster's credits are issued.

        The report read equals the one written, so it has the same reference, and
        credits decided on it are the ones the written report gives.  The keys
        that follow from the others (``program_id``, ``policy``, ``file_refused``,
        ``finding_counts``, ``filing_fee``, ``rules``, ``explanation``, a finding's
        ``rule`` and ``severity``, a window's day counts) are not read: they are
        worked out again.  ``reference``, when present, must be the reference of
        the report read, which covers the Program ID, the offering, the report
        date, who was accepted (rows and AAST IDs), which rows were refused and
        the filing fee: data changed there since it was written is refused (a
        change to a name or a message is not seen; this is a check against
        slips, not a signature).

        A key missing or of the wrong kind, or rows that do not add up
        (`row-conservation`), raise :class:`~cec_rules.errors.InvalidReport` naming
        the key; a JSON float where CECs or money go raises
        :class:`~cec_rules.errors.RefusedFloat` (in the policy,
        :class:`~cec_rules.errors.PolicyFloat`) saying to parse the text with
        ``json.loads(text, parse_float=Decimal)``.

        It reads what :meth:`to_dict` holds, all in memory: the same caveat for a
        large report (see ``docs/service.md``).
        """
        read = REPORT_DATA
        data = read.mapping(data, "", "the data of a roster report")
        window = read.key(data, "window", "")
        try:
            report = cls(
                program=_part(Program.from_dict, read.key(data, "program", ""), "program"),
                offering=_part(Offering.from_dict, read.key(data, "offering", ""), "offering"),
                report_date=read.day(read.key(data, "report_date", ""), "report_date"),
                policy=_part(
                    Policy.from_dict, read.key(data, "policy_in_force", ""), "policy_in_force"
                ),
                window=None if window is None else read_window(window, "window"),
                data_rows=read.whole(read.key(data, "data_rows", ""), "data_rows"),
                accepted=_listed(data, "accepted", read_attendee),
                refused=_listed(data, "refused", read_refused_row),
                warnings=tuple(_listed(data, "warnings", read_finding)),
                blank_rows=tuple(
                    read.whole(row, at("blank_rows", i), least=1)
                    for i, row in enumerate(
                        read.items(read.key(data, "blank_rows", ""), "blank_rows")
                    )
                ),
                file_findings=tuple(_listed(data, "file_findings", read_finding)),
                header_row=read.whole(data.get("header_row", 1), "header_row", least=1),
            )
        except RowConservationError as error:
            raise InvalidReport(
                f"the rows do not add up: {error}; the data was changed since to_dict wrote it",
                path="data_rows",
            ) from None
        written = data.get("reference")
        if written is not None:
            from cec_rules.lifecycle import report_reference

            reference = report_reference(report)
            if written != reference:
                raise InvalidReport(
                    f"{_shown(written)} is not the reference of the report the data holds, "
                    f"{reference}: the data was changed since to_dict wrote it",
                    path="reference",
                )
        return report

    def to_frame(self) -> Any:
        """Return :meth:`to_rows` as a typed pandas DataFrame (needs the ``notebook``
        extra): completion dates as ``datetime64``, the status and the account kind as
        categoricals."""
        return to_frame(self.to_rows(), _FRAME)

    def _repr_html_(self) -> str:
        """The notebook view: the summary, the reporting window, the filing-fee lines,
        the findings counted by code and a table of the first :data:`HTML_FINDINGS`
        findings, each message with its hint on the line below; every value is escaped."""
        parts = [paragraphs(self._summary())]
        if self.window is not None:
            parts.append(labelled("Reporting window", self.window.explanation))
        lines = self.filing_fee_lines
        parts.append(
            html_table(
                ("filing fee", "each", "accepted", "amount"),
                [
                    (
                        line.kind.title,
                        format_money(line.unit_price),
                        f"{line.quantity} {line.unit}",
                        format_money(line.amount),
                    )
                    for line in lines
                ],
                money={1, 3},
                total=("total (filing-fee)", None, None, format_money(self.filing_fee)),
            )
        )
        counts = self.finding_counts
        if not counts:
            parts.append(paragraphs("No findings."))
            return view(*parts)
        parts.append(bold("Findings by code"))
        parts.append(
            html_table(
                ("code", "rule", "severity", "findings"),
                [(code, *_rule_and_severity(code), f"{n:,}") for code, n in counts.items()],
            )
        )
        total = sum(counts.values())
        shown = list(itertools.islice(self._each_finding(), HTML_FINDINGS))
        heading = (
            "Findings"
            if len(shown) == total
            else (
                f"Findings: the first {len(shown):,} of {total:,} (to_frame() has every row, "
                "write_findings_csv() writes every finding)"
            )
        )
        parts.append(bold(heading))
        rows = []
        for f in shown:
            rule, severity = _rule_and_severity(f.code)
            message = Lines((f.message,), hints=(f.hint,))
            rows.append((f.row, severity, f.code, rule, f.field, message))
        parts.append(html_table(("row", "severity", "code", "rule", "field", "message"), rows))
        return view(*parts)

    def write_findings_csv(self, stream: TextIO) -> None:
        """Write every finding as CSV to ``stream``, safe to open in a spreadsheet.

        A header row (row, severity, code, rule, field, message, hint), then one
        row per finding in the order of :attr:`findings`, each line ended by
        CR LF.  Cells that a spreadsheet would run as a formula (starting with
        ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are prefixed with
        an apostrophe here, on export only; stored values are never changed.
        The findings are written a page at a time (one ``write`` call a page),
        so a report of any size is written in the memory of a page.
        """
        page_text = io.StringIO(newline="")
        writer = csv.writer(page_text, lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        stream.write(page_text.getvalue())
        for page in _pages(self._each_finding(), PAGE):
            page_text.seek(0)
            page_text.truncate()
            writer.writerows(map(_csv_cells, page))
            stream.write(page_text.getvalue())

    def write_findings_jsonl(self, stream: TextIO) -> None:
        """Write every finding to ``stream`` as JSON Lines: one JSON object a line.

        Each line holds the keys and values of :meth:`Finding.to_dict`, the
        findings in the order of :attr:`findings` (so they parse back to the
        findings of :meth:`to_dict`), and ends with a line feed.  Text is
        written as it is, not as ``\\u`` escapes: open ``stream`` as UTF-8.
        The findings are written a page at a time (one ``write`` call a page),
        never as one list of dicts or one string, so a report of any size is
        written in the memory of a page.
        """
        encode = json.JSONEncoder(ensure_ascii=False).encode
        for page in _pages(self._each_finding(), PAGE):
            stream.write("".join([encode(f.to_dict()) + "\n" for f in page]))


T = TypeVar("T")


def _part(read: Callable[[Mapping[str, Any]], T], data: Any, path: str) -> T:
    """``read(data)``, the ``from_dict`` of a part of a report at ``path``, its errors
    named by their path in the report's data: a float refusal keeps its kind (a
    ``TypeError``, `money-decimal`), any other becomes :class:`InvalidReport`."""
    try:
        return read(data)
    except PolicyFloat as error:
        raise PolicyFloat(error.reason, path=_inside(path, error.path)) from None
    except RefusedFloat as error:
        raise RefusedFloat.in_json(_inside(path, error.field), error.value) from None
    except InvalidPolicy as error:
        raise InvalidReport(error.reason, path=_inside(path, error.path)) from None
    except CecRulesError as error:
        raise InvalidReport(str(error), path=path) from None


def _inside(path: str, inner: str) -> str:
    """The path ``inner`` of a part's data within the report's, the part being at
    ``path``: ``path`` itself for the part as a whole (``inner`` empty)."""
    return at(path, inner) if inner else path


def _listed(data: Mapping[str, Any], key: str, read: Callable[[object, str], T]) -> list[T]:
    """Each item of the list at ``key`` of ``data``, read by ``read(item, path)``."""
    items = REPORT_DATA.items(REPORT_DATA.key(data, key, ""), key)
    return [read(item, at(key, i)) for i, item in enumerate(items)]


def _shown(value: object) -> str:
    """A value of the data in a message, cut short."""
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:80] + "…"


def _pages(findings: Iterator[Finding], size: int) -> Iterator[tuple[Finding, ...]]:
    """``findings`` in tuples of ``size``, the last one shorter if need be."""
    while page := tuple(itertools.islice(findings, size)):
        yield page


def _csv_cells(f: Finding) -> tuple[str, ...]:
    """A finding's row of the findings CSV (under :data:`CSV_HEADERS`)."""
    return (
        "" if f.row is None else str(f.row),
        f.severity.value,
        f.code,
        f.rule,
        f.field or "",
        _spreadsheet_safe(f.message),
        _spreadsheet_safe(f.hint or ""),
    )


_UNSAFE_STARTS = (*FORMULA_STARTS, "\t", "\r")


def _spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(_UNSAFE_STARTS) else text


def _rule_and_severity(code: str) -> tuple[str | None, str | None]:
    """The rule and the severity of a finding code; none for a code outside the catalogue
    (a finding a caller built by hand)."""
    if code not in FINDING_CODES:
        return None, None
    rule, severity = FINDING_CODES[code]
    return rule, severity.value


def _cell(row: RefusedRow, field: str) -> str | None:
    """The row's cell for ``field``; ``None`` when its cells are not one per field (a
    ragged row keeps its cells as read, in the file's order, whatever their number)."""
    if len(row.cells) != len(FIELDS) or "row-ragged" in row.codes:
        return None
    return row.cells[FIELDS.index(field)]


# The columns of RosterReport.to_frame, in the order of to_rows, with their types.
_FRAME = (
    Column("row", ColumnType.INTEGER),
    Column.category("status", ["accepted", "refused", "blank"]),
    Column("aast_id", ColumnType.TEXT),
    Column("first_name", ColumnType.TEXT),
    Column("last_name", ColumnType.TEXT),
    Column.category("kind", [k.value for k in AccountKind]),
    Column("completion_date", ColumnType.DATE),
    Column("completion_date_text", ColumnType.TEXT),
    Column("codes", ColumnType.TEXT),
    Column("messages", ColumnType.TEXT),
)
