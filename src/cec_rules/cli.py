"""The ``cec-rules`` command line: the library's answers for people and scripts.

Commands:

- ``demo``: assess the bundled example applications and check the bundled
  example roster (the README's first command); ``demo --write DIR`` writes
  the bundled example files (a roster, its accounts, candidate policies and a
  sample history export) for the README's other examples;
- ``quote``: the fees of one application;
- ``deadline``: whether an offering is late, and its reporting window;
- ``check-roster FILE``: check a roster file, with an accounts CSV standing in
  for the association's accounts: a summary, the findings counted by code and
  the first ``--max-findings`` of them;
- ``compare BASELINE.toml CANDIDATE.toml [--history DIR]``: over the bundled
  sample population (generated cases, not a forecast) or an export of the
  program's history, who pays more, less or the same, what is newly refused or
  accepted and which decisions flip, the changes largest first, the breakdowns
  by group, each figure that differs with a minimal example or what was tried,
  and the candidate's invariants;
- ``check-policy CANDIDATE.toml [--baseline BASELINE.toml]``: each invariant of
  the candidate, guaranteed by construction, kept, broken or not checked, with
  the cases assessed for it (the baseline, by default the rule book, is what
  no attendee may lose credits against).

Conventions, the same in every command: tables by default and ``--json`` for
machines, both global options (``--json``, ``--progress``) accepted before or
after the command; ``-`` for a file reads standard input (one file a run);
the exit codes of :data:`EXIT_CODES`, with the reason for a 2 on stderr; and
on a terminal, a line on stderr saying what a long run is doing
(:class:`Progress`), never when stderr is piped or redirected.

This module is the shell around the library: it opens the files and reads the
clock for the progress line, and hands the library values and streams.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO, TypeVar

from cec_rules._roster.findings import FileRefused, Finding
from cec_rules._roster.sources import decode_bytes
from cec_rules.accounts import InMemoryRepository
from cec_rules.deadlines import OfferingTiming, WindowStatus, offering_timing, reporting_window
from cec_rules.errors import CecRulesError, InvalidAmount
from cec_rules.examples import example_applications, example_roster
from cec_rules.fees import ApplicationAssessment, AssessmentStatus, assess_application
from cec_rules.money import TOO_MANY_DIGITS, format_change, format_money, to_decimal
from cec_rules.policy import (
    DEFAULT_POLICY,
    MAX_TOML_CHARS,
    Policy,
    PolicySchedule,
    as_schedule,
    load_toml,
)
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import FINDING_CODES, RosterReport, check_roster

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from cec_rules.compare import CaseDelta

__all__ = [
    "EXIT_CODES",
    "Progress",
    "format_table",
    "main",
    "render_assessment",
    "render_changes",
    "render_roster",
]

T = TypeVar("T")

# Exit codes a script can rely on.
OK, PROBLEMS, FAILED = 0, 1, 2
#: The exit code after Ctrl-C, as shells give a command stopped by SIGINT (128 + 2).
INTERRUPTED = 130

#: What 2 means: the command could not run (the reason goes to stderr).
COULD_NOT_RUN = "bad arguments, a file that cannot be read or written, or input the library refuses"
# The searches of compare and check-policy may also find no case to assess: not a pass.
_NOT_CHECKED = (
    "bad arguments, a file that cannot be read or written, input the library refuses, "
    "or an invariant no case could be assessed for (not a pass)"
)

#: What exit codes 0, 1 and 2 mean for each command, in words.  Shown by each
#: command's --help and in the README and docs/cli.md, which the tests hold to it.
EXIT_CODES: dict[str, tuple[str, str, str]] = {
    "demo": (
        "the examples were shown or written (they hold refusals on purpose)",
        "never",
        COULD_NOT_RUN,
    ),
    "quote": (
        "the application is assessed",
        "the application is refused (every offering past)",
        COULD_NOT_RUN,
    ),
    "deadline": (
        "a roster reported on --on would be in its window (and the offering is not "
        "past at --submitted)",
        "the window is not open yet or closed on --on (a roster reported then is "
        "refused), or the offering started before --submitted",
        COULD_NOT_RUN,
    ),
    "check-roster": (
        "every row is accepted (warnings allowed)",
        "a row or the whole file is refused",
        COULD_NOT_RUN,
    ),
    "compare": (
        "the comparison ran, and the candidate keeps every invariant checked",
        "the candidate breaks an invariant",
        _NOT_CHECKED,
    ),
    "check-policy": (
        "the candidate keeps every invariant checked",
        "the candidate breaks an invariant",
        _NOT_CHECKED,
    ),
}

#: The findings check-roster prints by default: a screenful.
MAX_FINDINGS = 20

#: The most changed cases the compare command prints as a table (--json lists every case).
COMPARE_ROWS = 20

#: How many pieces (lines of a table, tokens of JSON) are joined into one write: a
#: write per piece costs more than making the piece.
PIECES_A_WRITE = 4096

#: How many lines of the accounts are read between two updates of the progress line.
LINES_A_COUNT = 4096


class UsageError(Exception):
    """A command-line argument or file that cannot be used; printed on stderr."""


# ----------------------------------------------------------------------------
# Tables


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render rows as a plain-text table with a header rule, columns padded to fit."""
    return "\n".join(_table_lines(headers, lambda: rows))


def _table_lines(
    headers: Sequence[str], rows: Callable[[], Iterable[Sequence[str]]]
) -> Iterator[str]:
    """The lines of a table of ``rows()``: read once for the widths, once to print, so a
    table of a million rows is printed without holding them."""
    widths = [len(h) for h in headers]
    for row in rows():
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]
    yield _table_line(headers, widths)
    yield _table_line(["-" * w for w in widths], widths)
    for row in rows():
        yield _table_line(row, widths)


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()


def render_assessment(assessment: ApplicationAssessment) -> str:
    """Render one assessment as a heading, a table of its offerings and the explanation."""
    application = assessment.application
    heading = (
        f"{application.reference or '(no reference)'}  {application.program.title}  "
        f"[{assessment.status.value}, due {format_money(assessment.total)}]"
    )
    rows = [
        [
            o.offering.start.isoformat(),
            o.offering.end.isoformat(),
            str(o.days_before_start),
            o.timing.value,
            format_money(o.total),
        ]
        for o in assessment.offerings
    ]
    table = format_table(["start", "end", "days", "timing", "fees"], rows)
    return f"{heading}\n{table}\n{assessment.explanation}\n"


def render_roster(
    report: RosterReport,
    *,
    max_findings: int = 0,
    findings_csv: str | None = None,
    accepted: bool = False,
) -> str:
    """Render a roster report: the summary, the window, the filing fee lines, the
    findings counted by code, and a table of the findings (at most ``max_findings``
    of them; 0 for all), saying how many are left out and how to see them.

    ``findings_csv`` names the file the findings were written to, for that note;
    ``accepted`` adds a table of the accepted rows.
    """
    return "".join(_roster_lines(report, max_findings, findings_csv, accepted))


def _roster_lines(
    report: RosterReport, limit: int, findings_csv: str | None, accepted: bool
) -> Iterator[str]:
    """The lines of :func:`render_roster`, each ended by a line feed, made as they are
    printed (a roster may hold millions of findings and accepted rows)."""
    # The explanation's first line, alone: the explanation makes every finding's sentence.
    yield report._summary() + "\n"
    if report.window is not None:
        yield report.window.explanation + "\n"
    for line in report.filing_fee_lines:
        yield f"  {line.explanation}\n"
    counts = report.finding_counts
    if counts:
        yield "\nFindings by code:\n"
        rows = [[code, f"{n:,}", *_code_facts(code)] for code, n in counts.items()]
        yield from _lines(_table_lines(["code", "findings", "severity", "rule"], lambda: rows))
        total = sum(counts.values())
        shown = total if limit == 0 else min(limit, total)

        def findings() -> Iterator[Finding]:
            every = itertools.chain.from_iterable(report.finding_pages(1000))
            return itertools.islice(every, shown)

        def cells() -> Iterator[list[str]]:
            return map(_finding_cells, findings())

        yield "\n"
        headers = ["row", "severity", "code", "field", "message"]
        yield from _lines(_table_lines(headers, cells))
        if shown < total:
            where = (
                f"all {total:,} are in {findings_csv}"
                if findings_csv
                else "--findings-csv FILE writes them all"
            )
            yield (
                f"... and {total - shown:,} more finding(s) not shown: --max-findings 0 "
                f"shows them all; {where}\n"
            )
    if accepted and len(report.accepted):
        yield "\nAccepted:\n"
        headers = ["row", "aast_id", "first_name", "last_name", "kind", "completion_date"]

        def attendees() -> Iterator[list[str]]:
            for a in report.accepted:
                yield [
                    str(a.row),
                    a.aast_id,
                    a.first_name,
                    a.last_name,
                    a.kind.value,
                    a.completion_date.isoformat(),
                ]

        yield from _lines(_table_lines(headers, attendees))


def _lines(lines: Iterable[str]) -> Iterator[str]:
    return (line + "\n" for line in lines)


def _code_facts(code: str) -> list[str]:
    """The severity and rule of a finding code, as its findings show them."""
    rule, severity = FINDING_CODES[code]
    return [severity.value, rule]


def _finding_cells(f: Finding) -> list[str]:
    # The messages end with no stop: one goes before the hint, which is a sentence.
    hint = f". Hint: {f.hint}" if f.hint else ""
    return [
        "" if f.row is None else str(f.row),
        f.severity.value,
        f.code,
        f.field or "",
        f.message + hint,
    ]


def render_changes(cases: Sequence[CaseDelta]) -> str:
    """Render changed cases as a table: the category, both totals, and the change in
    money (for a refusal or an acceptance, the fees it carried or brings)."""
    from cec_rules.compare import Category

    rows = []
    for case in cases:
        category = case.category
        if category.paying:
            money = format_change(case.delta)
        elif category is Category.NOT_ASSESSABLE:
            money = "-"
        else:
            verb = "carried" if category is Category.NEWLY_REFUSED else "brings"
            money = f"{verb} {format_money(case.amount)}"
        rows.append(
            [
                case.reference,
                case.kind,
                category.title,
                format_money(case.baseline.total) if case.baseline.assessable else "-",
                format_money(case.candidate.total) if case.candidate.assessable else "-",
                money,
            ]
        )
    return format_table(["case", "kind", "category", "baseline", "candidate", "change"], rows)


def _write_pieces(pieces: Iterable[str], out: TextIO) -> None:
    """Write ``pieces`` of text to ``out``, :data:`PIECES_A_WRITE` of them a write."""
    pieces = iter(pieces)
    while chunk := "".join(itertools.islice(pieces, PIECES_A_WRITE)):
        out.write(chunk)


def _dump(data: Any, out: TextIO) -> None:
    # json.dump writes each token on its own: millions of writes for a large report.
    chunks = json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(data)
    _write_pieces(chunks, out)
    out.write("\n")


# ----------------------------------------------------------------------------
# The progress line


class Progress:
    """One line on standard error that says what a long command is doing, redrawn in
    place (``reading accounts.csv: 250,000 of 500,000 lines (50%) 3s``).

    A thread redraws it every ``interval`` seconds, once ``delay`` seconds have
    passed since the command started, so that a quick command shows nothing;
    the work itself only sets :attr:`done` (no clock read, no write).  With no
    ``stream`` (stderr is not a terminal, or ``--no-progress``) nothing is ever
    drawn.  :meth:`note` prints a message line without tearing the progress line,
    and :meth:`stop` erases it for good.
    """

    def __init__(
        self,
        stream: TextIO | None,
        *,
        delay: float = 1.0,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._begun = clock()
        self._lock = threading.Lock()
        self._label = ""
        self._total: int | None = None
        self._unit = ""
        #: How far the current step has come, in its unit; set by the work as it goes.
        self.done = 0
        self._drawn = 0  # the length of the line on the screen now
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start redrawing the line in a thread (nothing without a stream)."""
        if self._stream is not None:
            self._thread = threading.Thread(target=self._run, name="cec-rules progress")
            self._thread.daemon = True  # an interrupted command must not wait for it
            self._thread.start()

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            self.draw()

    def step(self, label: str, total: int | None = None, unit: str = "") -> None:
        """Begin a step: ``label`` says what is done, ``total`` how much there is in
        ``unit`` (``"B"`` for bytes, shown in MB), or ``None`` when not known."""
        with self._lock:
            self._label, self._total, self._unit, self.done = label, total, unit, 0

    def text(self) -> str:
        """The line as it is drawn now: the step, how far it is, and the time so far."""
        done, total, unit = self.done, self._total, self._unit
        if total and unit == "B" and done >= total:
            # The file is read; the library settles the rows it read before it returns.
            amount = f": all {_amount(total, unit)} read"
        elif total:
            part = min(100, done * 100 // total)
            # The unit once, after the total: "250,000 of 500,000 lines"; but "MB" twice.
            shown = _amount(done, unit if unit == "B" else "")
            amount = f": {shown} of {_amount(total, unit)} ({part}%)"
        elif done:
            amount = f": {_amount(done, unit)}"
        else:
            amount = "..."
        return f"{self._label}{amount} {int(self._clock() - self._begun)}s"

    def draw(self) -> None:
        """Draw the line, when there is a step and the delay has passed."""
        with self._lock:
            if self._stream is None or self._stopped.is_set() or not self._label:
                return
            if self._clock() - self._begun < self._delay:
                return
            # A line as wide as the terminal would wrap, and "\r" then returns to the
            # second row: keep it one column short.
            text = self.text()[: _columns(self._stream) - 1]
            self._stream.write("\r" + text.ljust(self._drawn))
            self._stream.flush()
            self._drawn = len(text)

    def _erase(self) -> None:
        """Blank the line drawn (spaces, not an escape sequence: any terminal shows it)."""
        if self._stream is not None and self._drawn:
            self._stream.write("\r" + " " * self._drawn + "\r")
            self._stream.flush()
            self._drawn = 0

    def note(self, message: str) -> None:
        """Print ``message`` as a line on stderr, the progress line erased first (the
        next redraw puts it back under the message)."""
        with self._lock:
            self._erase()
            print(message, file=sys.stderr if self._stream is None else self._stream)

    def before_output(self, out: TextIO) -> None:
        """Make way for the command's output on ``out``: on a terminal, stop and erase
        the line, which would mix with it; else say that it is being written."""
        if _is_terminal(out):
            self.stop()
        else:
            self.step("writing the output")

    def stop(self) -> None:
        """Stop redrawing and erase the line; nothing is drawn after."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self._erase()


def _amount(count: int, unit: str) -> str:
    if unit == "B":
        return f"{count / 1_000_000:,.1f} MB"
    return f"{count:,} {unit}".rstrip()


def _columns(stream: TextIO) -> int:
    """The width of the terminal ``stream`` writes to (80 when it cannot be told)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):  # not a terminal, or a stream with no descriptor
        return 80
    return columns or 80  # a pseudo-terminal nobody sized (script, some CI runners): 0


def _is_terminal(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


class _CountedBytes(io.RawIOBase):
    """A seekable binary file read through, each read setting ``progress.done`` to the
    position it ended at: how the progress of a roster check is known from outside
    the library, which only reads the stream it is given."""

    def __init__(self, stream: IO[bytes], progress: Progress) -> None:
        super().__init__()
        self._stream = stream
        self._progress = progress

    def readable(self) -> bool:
        """True: it is read."""
        return True

    def seekable(self) -> bool:
        """True: only a seekable file is counted so (standard input is copied first)."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer`` from the file; the position reached is the progress."""
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self._progress.done = self._stream.tell()
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move in the file (the library reads a file again in another encoding)."""
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        """The position in the file."""
        return self._stream.tell()


class _CountedLines(io.StringIO):
    """Text read a line at a time (as ``csv.reader`` reads a stream), counting the lines
    into ``progress.done`` every :data:`LINES_A_COUNT` lines."""

    def __init__(self, text: str, progress: Progress) -> None:
        super().__init__(text, newline="")
        self._progress = progress

    # typeshed types the lines of io's base class as bytes, as StringIO's own stub
    # does with an ignore of its own.
    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        """The lines, each with its line end, counted as they are read."""
        for count, line in enumerate(iter(self.readline, ""), start=1):
            if not count % LINES_A_COUNT:
                self._progress.done = count
            yield line


def _counted(items: Sequence[T], progress: Progress, before: int) -> Iterator[T]:
    """``items`` one by one, each counted into ``progress.done`` after ``before`` others."""
    for done, item in enumerate(items, start=before + 1):
        yield item
        progress.done = done


# ----------------------------------------------------------------------------
# Argument types: each turns text into a value or says what to write instead,
# with the library's own message where the library refuses it.


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _moment(text: str) -> date | datetime:
    if len(text) == 10:
        return _date(text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date or datetime; write 2026-03-01 or 2026-03-01T23:30-08:00"
        ) from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; add one, such as 2026-03-01T23:30-08:00"
        )
    return moment


def _decimal(text: str) -> Decimal:
    try:
        return to_decimal(text, field="the number")
    except InvalidAmount as error:
        if error.reason == TOO_MANY_DIGITS:
            raise argparse.ArgumentTypeError(f"{text!r} is refused: {error.reason}") from None
        raise argparse.ArgumentTypeError(f"{text!r} is not a number such as 2.5") from None


def _whole(least: int, what: str) -> Callable[[str], int]:
    """An argument type for a whole number of at least ``least``; ``what`` it counts."""

    def whole(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            number = least - 1
        if number < least:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not {what}; give a whole number, {least} or more"
            )
        return number

    return whole


_budget = _whole(1, "a budget of cases")
_search_budget = _whole(0, "a budget of cases (0: no search)")
_finding_limit = _whole(0, "a number of findings (0: all)")


def _offering(text: str) -> Offering:
    start, _, end = text.partition(":")
    try:
        return Offering(_date(start), _date(end) if end else None)  # type: ignore[arg-type]
    except CecRulesError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _output(text: str) -> str:
    if text == "-":
        raise argparse.ArgumentTypeError(
            "standard output carries the report; name a file, such as findings.csv"
        )
    return text


def _directory(text: str) -> str:
    if text == "-":
        raise argparse.ArgumentTypeError("name a directory to write the files in, such as example")
    return text


# ----------------------------------------------------------------------------
# Input files: a path, or "-" for standard input


def _shown(path: str) -> str:
    """How a file is named in messages and on the progress line."""
    return "standard input" if path == "-" else path


def _read(path: str, most: int = -1) -> bytes:
    """The bytes of the file at ``path`` (``-``: standard input): all of them, or the
    first ``most``."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(most)
        with Path(path).open("rb") as stream:
            return stream.read(most)
    except OSError as error:
        raise UsageError(f"cannot read {_shown(path)}: {error.strerror or error}") from None


def _policy(path: str | None) -> Policy | PolicySchedule:
    if path is None:
        return DEFAULT_POLICY
    # UTF-8 takes at most four bytes a character: a file past this is too long to read.
    most = 4 * MAX_TOML_CHARS
    text = _read(path, most + 1)
    name = _shown(path)
    if len(text) > most:
        raise UsageError(
            f"{name}: the file is more than {most:,} bytes long; "
            f"a policy file may hold at most {MAX_TOML_CHARS:,} characters"
        )
    try:
        return load_toml(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text") from None
    except CecRulesError as error:
        raise UsageError(f"{name}: {error}") from None


def _accounts(path: str, progress: Progress) -> InMemoryRepository:
    name = _shown(path)
    # The accounts are decoded as a roster is: UTF-8, UTF-16 after its mark, a legacy
    # encoding only when it can be told; never with bytes replaced.
    try:
        text, _ = decode_bytes(_read(path))
    except FileRefused as refused:
        finding = refused.finding
        raise UsageError(f"{name}: {finding.message}; {finding.hint}") from None
    progress.step(f"reading {name}", text.count("\n"), "lines")
    try:
        return InMemoryRepository.from_csv(_CountedLines(text, progress))
    except CecRulesError as error:
        raise UsageError(f"{name}: {error}") from None


@contextlib.contextmanager
def _roster_stream(path: str, progress: Progress) -> Iterator[IO[bytes]]:
    """The roster at ``path`` (``-``: standard input) as a binary stream whose reads
    move the progress line.  A stream that cannot seek (a pipe) is copied to a
    temporary file first, so that every roster can be read again in a legacy
    encoding, as a file on disk can."""
    name = _shown(path)
    with contextlib.ExitStack() as stack:
        if path == "-":
            source: IO[bytes] = sys.stdin.buffer
            if _is_terminal(sys.stdin):
                progress.note("cec-rules: reading the roster from the terminal; end it with Ctrl-D")
        else:
            try:
                source = stack.enter_context(Path(path).open("rb"))
            except OSError as error:
                raise UsageError(f"cannot read {path}: {error.strerror}") from None
        if not source.seekable():
            copy = stack.enter_context(tempfile.TemporaryFile())
            progress.step(f"reading {name}", unit="B")
            try:
                while data := source.read(1 << 20):
                    copy.write(data)
                    progress.done += len(data)
            except OSError as error:
                raise UsageError(f"cannot read {name}: {error.strerror or error}") from None
            copy.seek(0)
            source = copy
        # From where the stream stands (a file opened and read into by a shell script
        # is read from there on, as the library reads any stream).
        start = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(start)
        progress.step(f"checking {name}", end, "B")
        yield io.BufferedReader(_CountedBytes(source, progress))


# ----------------------------------------------------------------------------
# Commands


def _demo(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    if args.write is not None:
        return _write_examples(Path(args.write), out, json_output=args.json)
    assessments = [assess_application(a) for a in example_applications()]
    report = example_roster().check(DEFAULT_POLICY)
    if args.json:
        _dump({"applications": [a.to_dict() for a in assessments], "roster": report.to_dict()}, out)
        return OK
    out.write("Example applications assessed under the default policy:\n\n")
    for assessment in assessments:
        out.write(render_assessment(assessment) + "\n")
    out.write("Example roster checked under the default policy:\n\n")
    out.write(render_roster(report))
    return OK


#: The bundled files ``demo --write`` writes, by their path in the package's data
#: directory (a directory with everything in it), and what each is.
EXAMPLE_FILES = {
    "roster.csv": "a roster of program PRG-1's offering of 2026-03-02, with defects",
    "accounts.csv": "the accounts the roster names",
    "candidates": "candidate policies: default.toml (the rule book), no-filing-fees.toml, "
    "ten-dollar-sale.toml",
    "history": "a made-up three years of a small program, exported as docs/history.md says",
}


def _write_examples(directory: Path, out: TextIO, *, json_output: bool) -> int:
    """Write the bundled example files into ``directory``; a file already there is
    left alone when it is the same, and refused (nothing written) when it differs."""
    from importlib import resources

    data = resources.files("cec_rules").joinpath("data")
    files = dict(_example_files(data, EXAMPLE_FILES))
    for relative, content in files.items():
        target = directory / relative
        if target.exists() and (not target.is_file() or target.read_bytes() != content):
            raise UsageError(
                f"{target} exists and is not the example file; write the examples to "
                "another directory, or move it away"
            )
    try:
        for relative, content in files.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    except OSError as error:
        raise UsageError(f"cannot write {error.filename}: {error.strerror}") from None
    if json_output:
        _dump({"directory": str(directory), "files": sorted(files)}, out)
        return OK
    out.write(f"Wrote the example files to {directory}:\n")
    for name, what in EXAMPLE_FILES.items():
        out.write(f"  {name}{'/' if name in ('candidates', 'history') else ''}: {what}\n")
    out.write(
        f"\nTry, in {directory}:\n"
        "  cec-rules check-roster roster.csv --accounts accounts.csv --program-id PRG-1 "
        "--offering 2026-03-02 --reported 2026-03-20\n"
        "  cec-rules compare candidates/default.toml candidates/ten-dollar-sale.toml "
        "--history history\n"
    )
    return OK


def _example_files(root: Traversable, names: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Each file under ``root``'s entries ``names``, by its path below ``root``."""
    for name in names:
        entry = root.joinpath(name)
        if entry.is_dir():
            children = sorted(child.name for child in entry.iterdir())
            for path, content in _example_files(entry, children):
                yield f"{name}/{path}", content
        else:
            yield name, entry.read_bytes()


def _quote(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    application = Application(
        program=Program(title=args.title, cecs=args.cecs),
        offerings=args.offering,
        submitted=args.submitted,
        calendar_listing=args.calendar,
        reference=args.reference,
    )
    assessment = assess_application(application, _policy(args.policy))
    if args.json:
        _dump(assessment.to_dict(), out)
    else:
        out.write(render_assessment(assessment))
    return PROBLEMS if assessment.status is AssessmentStatus.REFUSED else OK


def _deadline(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    schedule = as_schedule(_policy(args.policy))
    offering = args.offering
    result: dict[str, Any] = {"offering": offering.to_dict()}
    lines = []
    past = False
    if args.submitted is not None:
        submitted_on, in_force = schedule.resolve(args.submitted, field="submitted")
        timing = offering_timing(offering, submitted_on, in_force)
        past = timing is OfferingTiming.PAST
        days = (offering.start - submitted_on).days
        result["submission"] = {
            "date": submitted_on.isoformat(),
            "days_before_start": days,
            "timing": timing.value,
        }
        lines.append(
            f"Submitted {submitted_on.isoformat()}: the offering starts {days} day(s) later, "
            f"so it is {timing.value} (late window {in_force.late_window_days} days)."
        )
    report_on, in_force = schedule.resolve(args.on, field="on")
    program_format = ProgramFormat.SELF_PACED if args.completion else ProgramFormat.LIVE
    window = reporting_window(
        offering,
        report_on,
        in_force,
        program_format=program_format,
        completion=args.completion,
        extension=args.extension,
    )
    result["reporting_window"] = window.to_dict()
    lines.append(window.explanation)
    if args.json:
        _dump(result, out)
    else:
        out.write("\n".join(lines) + "\n")
    # A roster reported on a day its window is not open is refused (window-not-open,
    # window-closed), as check-roster refuses its rows: the same answer, the same code.
    return PROBLEMS if past or window.status is not WindowStatus.OPEN else OK


def _check_roster(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    program = Program(
        title=args.title,
        cecs=args.cecs,
        program_id=args.program_id,
        format=ProgramFormat.SELF_PACED if args.self_paced else ProgramFormat.LIVE,
    )
    policy = _policy(args.policy)
    repository = _accounts(args.accounts, progress)
    with _roster_stream(args.file, progress) as source:
        report = check_roster(
            source,
            program=program,
            offering=args.offering,
            repository=repository,
            reported_at=args.reported,
            policy=policy,
            extension=args.extension,
            sheet=args.sheet,
        )
    if args.findings_csv:
        progress.step(f"writing {args.findings_csv}")
        try:
            with open(args.findings_csv, "w", newline="", encoding="utf-8") as stream:
                report.write_findings_csv(stream)
        except OSError as error:
            raise UsageError(f"cannot write {args.findings_csv}: {error.strerror}") from None
    progress.before_output(out)
    if args.json:
        _dump(_roster_json(report, accepted=args.accepted), out)
    else:
        lines = _roster_lines(report, args.max_findings, args.findings_csv, args.accepted)
        _write_pieces(lines, out)
    return PROBLEMS if report.refused or report.file_refused else OK


def _roster_json(report: RosterReport, *, accepted: bool) -> dict[str, Any]:
    """The report's :meth:`~RosterReport.to_dict` with the counts after its
    ``finding_counts``, and without the accepted rows unless asked for: a roster's
    accepted rows are most of it, and what a script needs is what was refused."""
    data: dict[str, Any] = {}
    for key, value in report.to_dict().items():
        if key == "accepted" and not accepted:
            continue
        data[key] = value
        if key == "finding_counts":
            data["counts"] = {
                "accepted": len(report.accepted),
                "members": report.members,
                "guests": report.guests,
                "refused": len(report.refused),
                "blank_rows": len(report.blank_rows),
                "findings": sum(report.finding_counts.values()),
            }
    return data


def _html_path(value: str) -> str:
    """The file ``--html`` writes: a path, never standard output."""
    if value == "-":
        raise argparse.ArgumentTypeError(
            "the HTML report is written to a file; name one, such as report.html"
        )
    return value


def _compare(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    from cec_rules.compare import compare_policies
    from cec_rules.examples import sample_population

    baseline, candidate = _policy(args.baseline), _policy(args.candidate)
    if args.history is None:
        # The sample population is the bundled examples and the threshold cases: generated.
        applications, rosters = sample_population(baseline, candidate)
        generated = True
    else:
        from cec_rules.history import read_history

        progress.step(f"reading the history in {args.history}")
        past = read_history(args.history)
        for problem in past.problems:
            progress.note(f"cec-rules compare: left out: {problem}")
        applications, rosters, generated = past.applications, past.rosters, False
    progress.step("comparing", len(applications) + len(rosters), "cases")
    comparison = compare_policies(
        baseline,
        candidate,
        applications=_counted(applications, progress, 0),
        rosters=_counted(rosters, progress, len(applications)),
        generated=generated,
    )
    if args.html is not None:
        from cec_rules.charts import report_html

        progress.step(f"drawing {args.html}")
        page = report_html(comparison)
        try:
            with open(args.html, "w", encoding="utf-8") as stream:
                stream.write(page)
        except OSError as error:
            raise UsageError(f"cannot write {args.html}: {error.strerror}") from None
    search = check = None
    if args.budget > 0:
        search_module = _search_module()
        progress.step(f"searching for differences ({args.budget} cases a search)")
        search = search_module.find_differences(baseline, candidate, budget=args.budget)
        progress.step(f"checking the candidate's invariants ({args.budget} cases a search)")
        check = search_module.check_policy(candidate, baseline=baseline, budget=args.budget)
    progress.before_output(out)
    if args.json:
        data = comparison.to_dict()
        data["search"] = None if search is None else search.to_dict()
        data["invariants"] = None if check is None else check.to_dict()
        _dump(data, out)
    else:
        out.write(comparison.explanation + "\n")
        changes = comparison.changes
        if changes:
            out.write("\n" + render_changes(changes[:COMPARE_ROWS]) + "\n")
            if len(changes) > COMPARE_ROWS:
                out.write(
                    f"... and {len(changes) - COMPARE_ROWS} more changed case(s); "
                    "--json lists every case\n"
                )
            for breakdown in comparison.breakdowns():
                out.write("\n" + breakdown.explanation + "\n")
        if search is not None and check is not None:
            out.write("\nWhat differs, figure by figure:\n" + search.explanation + "\n")
            out.write("\n" + check.explanation + "\n")
    return OK if check is None else _check_code(check, args.command, progress)


def _check_policy(args: argparse.Namespace, out: TextIO, progress: Progress) -> int:
    baseline = DEFAULT_POLICY if args.baseline is None else _policy(args.baseline)
    candidate = _policy(args.candidate)
    progress.step(f"checking the candidate's invariants ({args.budget} cases a search)")
    check = _search_module().check_policy(candidate, baseline=baseline, budget=args.budget)
    progress.before_output(out)
    if args.json:
        _dump(check.to_dict(), out)
    else:
        out.write(check.explanation + "\n")
    return _check_code(check, args.command, progress)


def _check_code(check: Any, command: str, progress: Progress) -> int:
    """1 when an invariant is broken; else 2 when one could not be checked (no case
    could be assessed for it: not a pass), saying which on stderr; else 0."""
    if check.broken:
        return PROBLEMS
    if check.not_checked:
        for result in check.not_checked:
            progress.note(
                f"cec-rules {command}: could not check {result.invariant}: {result.detail}"
            )
        return FAILED
    return OK


def _search_module() -> Any:
    try:
        from cec_rules import search
    except ImportError:  # pragma: no cover - only without the testing extra
        raise UsageError(
            "this needs Hypothesis: pip install 'cec-rules[testing]', or pass --budget 0"
        ) from None
    return search


# ----------------------------------------------------------------------------
# The parser


def _epilog(command: str | None) -> str:
    """The exit codes, as --help ends: what they mean in general, or for one command."""
    if command is None:
        codes = [
            ("0", "clean: nothing refused, nothing broken"),
            ("1", "problems found: the answer refuses or breaks something"),
            ("2", "could not run, the reason on stderr"),
        ]
        head = "exit codes (each command's --help says what they mean for it):"
        tail = [
            "",
            "A FILE given as - is read from standard input (one file a run).",
            "--json and --progress may come before or after the command.",
        ]
    else:
        codes = list(zip("012", EXIT_CODES[command], strict=True))
        head, tail = "exit codes:", []
    lines = [head]
    for code, meaning in codes:
        lines.append(
            textwrap.fill(meaning, 78, initial_indent=f"  {code}  ", subsequent_indent="     ")
        )
    return "\n".join(lines + tail)


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--json and --progress, on the main parser and on each command's.

    A command's parser gives them no default, so that one given before the command
    is not overwritten by the command's default when it is given there only.
    """
    parser.add_argument(
        "--json",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="print JSON instead of tables",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None if top else argparse.SUPPRESS,
        help="show what a long run is doing on stderr; by default only when stderr is a "
        "terminal, never when it is piped",
    )


def _parser() -> argparse.ArgumentParser:
    from cec_rules import __version__

    parser = argparse.ArgumentParser(
        prog="cec-rules",
        description="The rules of the AAST CEC program, as a command line.",
        epilog=_epilog(None),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"cec-rules {__version__}", help="print the version"
    )
    _global_options(parser, top=True)
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        help="what to do (COMMAND --help for more)",
    )

    def command(name: str, help: str, inputs: tuple[str, ...] = ()) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=_epilog(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _global_options(sub, top=False)
        # The arguments naming files to read, of which one at most may be "-".
        sub.set_defaults(inputs=inputs)
        return sub

    def policy(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--policy",
            metavar="TOML",
            help="a policy or schedule file (docs/policy.md); default: the rule book",
        )

    demo = command("demo", "assess the bundled example applications and roster")
    demo.add_argument(
        "--write",
        metavar="DIR",
        type=_directory,
        help="instead, write the bundled example files to DIR (created if need be): "
        "roster.csv, accounts.csv, candidates/, history/",
    )
    demo.set_defaults(run=_demo)

    quote = command("quote", "the fees of one application", ("policy",))
    quote.add_argument("--cecs", type=_decimal, required=True, help="CECs per attendee, e.g. 2.5")
    quote.add_argument(
        "--offering",
        type=_offering,
        action="append",
        required=True,
        metavar="START[:END]",
        help="an offering's dates (repeat for several)",
    )
    quote.add_argument(
        "--submitted",
        type=_moment,
        required=True,
        metavar="WHEN",
        help="the submission date, or a datetime with its UTC offset",
    )
    quote.add_argument("--title", default="Program", help="the program's title")
    quote.add_argument("--reference", default="", help="the application's reference")
    quote.add_argument("--calendar", action="store_true", help="opt into the CEC calendar")
    policy(quote)
    quote.set_defaults(run=_quote)

    deadline = command("deadline", "lateness and the reporting window of an offering", ("policy",))
    deadline.add_argument(
        "--offering",
        type=_offering,
        required=True,
        metavar="START[:END]",
        help="the offering's dates",
    )
    deadline.add_argument(
        "--on",
        type=_moment,
        required=True,
        metavar="WHEN",
        help="the day to judge the reporting window on",
    )
    deadline.add_argument(
        "--submitted",
        type=_moment,
        metavar="WHEN",
        help="the application's submission: also say whether the offering is late",
    )
    deadline.add_argument(
        "--completion",
        type=_date,
        metavar="DATE",
        help="a self-paced attendee's completion date (the window runs from it)",
    )
    deadline.add_argument(
        "--extension", type=_date, metavar="DATE", help="a staff extension's last day"
    )
    policy(deadline)
    deadline.set_defaults(run=_deadline)

    roster = command("check-roster", "check a roster file", ("file", "accounts", "policy"))
    roster.add_argument(
        "file",
        metavar="FILE",
        help="the roster: CSV, or a workbook (.xlsx, .xlsm, .xls, .ods) with the "
        "spreadsheets extra; - reads standard input",
    )
    roster.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")
    roster.add_argument(
        "--accounts",
        required=True,
        metavar="CSV",
        help="the accounts: a CSV with columns aast_id, first_name, last_name, kind",
    )
    roster.add_argument(
        "--program-id", required=True, metavar="ID", help="the approved program's ID"
    )
    roster.add_argument(
        "--cecs", type=_decimal, default=Decimal(1), help="CECs per attendee (default: 1)"
    )
    roster.add_argument("--title", default="Program", help="the program's title")
    roster.add_argument(
        "--offering",
        type=_offering,
        required=True,
        metavar="START[:END]",
        help="the offering's dates",
    )
    roster.add_argument(
        "--reported", type=_moment, required=True, metavar="WHEN", help="the report date"
    )
    roster.add_argument(
        "--self-paced",
        action="store_true",
        help="a self-paced program: each attendee's window runs from their completion",
    )
    roster.add_argument(
        "--extension", type=_date, metavar="DATE", help="a staff extension's last day"
    )
    policy(roster)
    roster.add_argument(
        "--max-findings",
        type=_finding_limit,
        default=MAX_FINDINGS,
        metavar="N",
        help=f"print at most N findings after their counts (default: {MAX_FINDINGS}; "
        "0: all); --json lists them all",
    )
    roster.add_argument(
        "--findings-csv",
        type=_output,
        metavar="OUT",
        help="also write every finding to OUT as CSV",
    )
    roster.add_argument(
        "--accepted",
        action="store_true",
        help="also list the accepted rows (--json leaves them out by default and counts them)",
    )
    roster.set_defaults(run=_check_roster)

    compare = command(
        "compare", "compare a candidate policy with a baseline", ("baseline", "candidate")
    )
    compare.add_argument("baseline", help="baseline policy or schedule (TOML); - for stdin")
    compare.add_argument("candidate", help="candidate policy or schedule (TOML); - for stdin")
    compare.add_argument(
        "--budget",
        type=_search_budget,
        default=200,
        help="cases per Hypothesis search (default: 200; 0: no search)",
    )
    compare.add_argument(
        "--history",
        metavar="DIR",
        help="compare over the past applications and rosters exported to DIR "
        "(docs/history.md) instead of generated cases",
    )
    compare.add_argument(
        "--html",
        metavar="FILE",
        type=_html_path,
        help="also write a self-contained HTML report with charts to FILE "
        "(needs pip install 'cec-rules[charts]')",
    )
    compare.set_defaults(run=_compare)

    check = command(
        "check-policy", "check a candidate policy's invariants", ("candidate", "baseline")
    )
    check.add_argument("candidate", help="candidate policy or schedule (TOML); - for stdin")
    check.add_argument(
        "--baseline",
        metavar="TOML",
        help="the policy no attendee may lose credits against (default: the rule book)",
    )
    check.add_argument(
        "--budget",
        type=_budget,
        default=200,
        help="generated cases per Hypothesis search (default: 200)",
    )
    check.set_defaults(run=_check_policy)
    return parser


def _one_stdin(args: argparse.Namespace) -> None:
    """Refuse two files read from standard input: it can be read once."""
    named = [name for name in args.inputs if getattr(args, name) == "-"]
    if len(named) > 1:
        shown = " and ".join(name.replace("_", "-") for name in named)
        raise UsageError(f"{shown} are both -, and standard input can be read once; name a file")


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the
    exit code: 0 clean, 1 problems found, 2 could not run (:data:`EXIT_CODES`), 130
    after Ctrl-C.  The output goes to ``out`` (default: standard output); messages
    and the progress line go to standard error."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    stream = sys.stdout if out is None else out
    show = args.progress if args.progress is not None else _is_terminal(sys.stderr)
    progress = Progress(sys.stderr if show else None)
    progress.start()
    try:
        _one_stdin(args)
        code: int = args.run(args, stream, progress)
    except (CecRulesError, UsageError) as error:
        progress.note(f"cec-rules {args.command}: {error}")
        return FAILED
    except BrokenPipeError:
        # The reader went away (`cec-rules compare ... | head`): stop quietly.
        if out is None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except KeyboardInterrupt:
        progress.note(f"cec-rules {args.command}: interrupted")
        return INTERRUPTED
    finally:
        progress.stop()
    return code
