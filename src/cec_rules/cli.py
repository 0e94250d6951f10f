"""The ``cec-rules`` command line: the library's answers for people and scripts.

Commands:

- ``demo``: assess the bundled example applications and check the bundled
  example roster (the README's first command);
- ``quote``: the fees of one application;
- ``deadline``: whether an offering is late, and its reporting window;
- ``check-roster FILE``: check a roster file, with an accounts CSV standing in
  for the association's accounts;
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

Tables by default, ``--json`` for machines.  Exit codes: 0 the answer is
clean; 1 the answer has problems (refused rows, a refused application,
broken invariants); 2 the command could not run (bad arguments, unreadable
files, input the library refuses, an invariant no case could be assessed
for), with the reason on stderr.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cec_rules._roster.findings import FileRefused
from cec_rules._roster.sources import decode_bytes
from cec_rules.accounts import InMemoryRepository
from cec_rules.deadlines import offering_timing, reporting_window
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
from cec_rules.roster import RosterReport, check_roster

if TYPE_CHECKING:
    from cec_rules.compare import CaseDelta

__all__ = ["format_table", "main", "render_assessment", "render_changes", "render_roster"]

# Exit codes a script can rely on.
OK, PROBLEMS, FAILED = 0, 1, 2


class UsageError(Exception):
    """A command-line argument or file that cannot be used; printed on stderr."""


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Render rows as a plain-text table with a header rule, columns padded to fit."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]
    lines = [headers, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


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


def render_roster(report: RosterReport) -> str:
    """Render a roster report: the summary, then a table of every finding."""
    summary = report.explanation.splitlines()[0]
    rows = [
        [
            "" if f.row is None else str(f.row),
            f.severity.value,
            f.code,
            f.field or "",
            f.message + (f" Hint: {f.hint}" if f.hint else ""),
        ]
        for f in report.findings
    ]
    table = format_table(["row", "severity", "code", "field", "message"], rows) if rows else ""
    lines = [summary]
    if report.window is not None:
        lines.append(report.window.explanation)
    for line in report.filing_fee_lines:
        lines.append(f"  {line.explanation}")
    if table:
        lines += ["", table]
    return "\n".join(lines) + "\n"


def _dump(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


# ----------------------------------------------------------------------------
# Argument types: each turns text into a value or says what to write instead.


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


def _budget(text: str) -> int:
    budget = int(text)
    if budget < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a budget; give 1 or more cases")
    return budget


def _offering(text: str) -> Offering:
    start, _, end = text.partition(":")
    return Offering(_date(start), _date(end) if end else None)  # type: ignore[arg-type]


def _read(path: str, most: int = -1) -> bytes:
    """The bytes of the file at ``path``: all of them, or the first ``most``."""
    try:
        with Path(path).open("rb") as stream:
            return stream.read(most)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None


def _policy(path: str | None) -> Policy | PolicySchedule:
    if path is None:
        return DEFAULT_POLICY
    # UTF-8 takes at most four bytes a character: a file past this is too long to read.
    most = 4 * MAX_TOML_CHARS
    text = _read(path, most + 1)
    if len(text) > most:
        raise UsageError(
            f"{path}: the file is more than {most:,} bytes long; "
            f"a policy file may hold at most {MAX_TOML_CHARS:,} characters"
        )
    try:
        return load_toml(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None
    except CecRulesError as error:
        raise UsageError(f"{path}: {error}") from None


# ----------------------------------------------------------------------------
# Commands


def _demo(args: argparse.Namespace, out: TextIO) -> int:
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


def _quote(args: argparse.Namespace, out: TextIO) -> int:
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


def _deadline(args: argparse.Namespace, out: TextIO) -> int:
    schedule = as_schedule(_policy(args.policy))
    offering = args.offering
    result: dict[str, Any] = {"offering": offering.to_dict()}
    lines = []
    if args.submitted is not None:
        submitted_on, in_force = schedule.resolve(args.submitted, field="submitted")
        timing = offering_timing(offering, submitted_on, in_force)
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
    return OK


def _check_roster(args: argparse.Namespace, out: TextIO) -> int:
    # The accounts are decoded as a roster is: UTF-8, UTF-16 after its mark, a legacy
    # encoding only when it can be told; never with bytes replaced.
    try:
        accounts_text, _ = decode_bytes(_read(args.accounts))
    except FileRefused as refused:
        finding = refused.finding
        raise UsageError(f"{args.accounts}: {finding.message}; {finding.hint}") from None
    try:
        repository = InMemoryRepository.from_csv(io.StringIO(accounts_text, newline=""))
    except CecRulesError as error:
        raise UsageError(f"{args.accounts}: {error}") from None
    program = Program(
        title=args.title,
        cecs=args.cecs,
        program_id=args.program_id,
        format=ProgramFormat.SELF_PACED if args.self_paced else ProgramFormat.LIVE,
    )
    report = check_roster(
        _read(args.file),
        program=program,
        offering=args.offering,
        repository=repository,
        reported_at=args.reported,
        policy=_policy(args.policy),
        extension=args.extension,
        sheet=args.sheet,
    )
    if args.findings_csv:
        try:
            with open(args.findings_csv, "w", newline="", encoding="utf-8") as stream:
                report.write_findings_csv(stream)
        except OSError as error:
            raise UsageError(f"cannot write {args.findings_csv}: {error.strerror}") from None
    if args.json:
        _dump(report.to_dict(), out)
    else:
        out.write(render_roster(report))
    return PROBLEMS if report.refused or report.file_refused else OK


#: The most changed cases the compare command prints as a table (--json lists every case).
COMPARE_ROWS = 20


def _compare(args: argparse.Namespace, out: TextIO) -> int:
    from cec_rules.compare import compare_policies
    from cec_rules.examples import sample_population

    baseline, candidate = _policy(args.baseline), _policy(args.candidate)
    if args.history is None:
        # The sample population is the bundled examples and the threshold cases: generated.
        applications, rosters = sample_population(baseline, candidate)
        generated = True
    else:
        from cec_rules.history import read_history

        past = read_history(args.history)
        for problem in past.problems:
            print(f"cec-rules compare: left out: {problem}", file=sys.stderr)
        applications, rosters, generated = past.applications, past.rosters, False
    comparison = compare_policies(
        baseline, candidate, applications=applications, rosters=rosters, generated=generated
    )
    search = check = None
    if args.budget > 0:
        search_module = _search_module()
        search = search_module.find_differences(baseline, candidate, budget=args.budget)
        check = search_module.check_policy(candidate, baseline=baseline, budget=args.budget)
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
    return OK if check is None else _check_code(check, args.command)


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


def _check_policy(args: argparse.Namespace, out: TextIO) -> int:
    baseline = DEFAULT_POLICY if args.baseline is None else _policy(args.baseline)
    check = _search_module().check_policy(
        _policy(args.candidate), baseline=baseline, budget=args.budget
    )
    if args.json:
        _dump(check.to_dict(), out)
    else:
        out.write(check.explanation + "\n")
    return _check_code(check, args.command)


def _check_code(check: Any, command: str) -> int:
    """1 when an invariant is broken; else 2 when one could not be checked (no case
    could be assessed for it: not a pass), saying which on stderr; else 0."""
    if check.broken:
        return PROBLEMS
    if check.not_checked:
        for result in check.not_checked:
            print(
                f"cec-rules {command}: could not check {result.invariant}: {result.detail}",
                file=sys.stderr,
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cec-rules",
        description="The rules of the AAST CEC program, as a command line.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 could not run.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--json", action="store_true", help="print JSON instead of tables")
        return sub

    demo = command("demo", "assess the bundled example applications and roster")
    demo.set_defaults(run=_demo)

    quote = command("quote", "the fees of one application")
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
        "--submitted", type=_moment, required=True, help="date or datetime with offset"
    )
    quote.add_argument("--title", default="Program")
    quote.add_argument("--reference", default="")
    quote.add_argument("--calendar", action="store_true", help="opt into the CEC calendar")
    quote.add_argument("--policy", metavar="TOML", help="a policy or schedule file")
    quote.set_defaults(run=_quote)

    deadline = command("deadline", "lateness and the reporting window of an offering")
    deadline.add_argument("--offering", type=_offering, required=True, metavar="START[:END]")
    deadline.add_argument(
        "--on", type=_moment, required=True, help="the day to judge the window on"
    )
    deadline.add_argument("--submitted", type=_moment, help="also say whether it is late")
    deadline.add_argument("--completion", type=_date, help="self-paced: the completion date")
    deadline.add_argument("--extension", type=_date, help="a staff extension's last day")
    deadline.add_argument("--policy", metavar="TOML")
    deadline.set_defaults(run=_deadline)

    roster = command("check-roster", "check a roster file")
    roster.add_argument(
        "file", help="the roster: CSV, or a workbook (.xlsx, .xlsm, .xls, .ods) with the extra"
    )
    roster.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")
    roster.add_argument("--accounts", required=True, help="accounts CSV: aast_id,first_name,...")
    roster.add_argument("--program-id", required=True)
    roster.add_argument("--cecs", type=_decimal, default=Decimal(1))
    roster.add_argument("--title", default="Program")
    roster.add_argument("--offering", type=_offering, required=True, metavar="START[:END]")
    roster.add_argument("--reported", type=_moment, required=True, help="the report date")
    roster.add_argument("--self-paced", action="store_true")
    roster.add_argument("--extension", type=_date)
    roster.add_argument("--policy", metavar="TOML")
    roster.add_argument("--findings-csv", metavar="OUT", help="also write the findings as CSV")
    roster.set_defaults(run=_check_roster)

    compare = command("compare", "compare a candidate policy with a baseline")
    compare.add_argument("baseline", help="baseline policy or schedule (TOML)")
    compare.add_argument("candidate", help="candidate policy or schedule (TOML)")
    compare.add_argument(
        "--budget", type=int, default=200, help="cases per Hypothesis search (0: no search)"
    )
    compare.add_argument(
        "--history",
        metavar="DIR",
        help="compare over the past applications and rosters exported to DIR "
        "(docs/history.md) instead of generated cases",
    )
    compare.set_defaults(run=_compare)

    check = command("check-policy", "check a candidate policy's invariants")
    check.add_argument("candidate", help="candidate policy or schedule (TOML)")
    check.add_argument(
        "--baseline",
        metavar="TOML",
        help="the policy no attendee may lose credits against (default: the rule book)",
    )
    check.add_argument(
        "--budget", type=_budget, default=200, help="generated cases per Hypothesis search"
    )
    check.set_defaults(run=_check_policy)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    stream = sys.stdout if out is None else out
    try:
        code: int = args.run(args, stream)
    except (CecRulesError, UsageError) as error:
        print(f"cec-rules {args.command}: {error}", file=sys.stderr)
        return FAILED
    except BrokenPipeError:
        # The reader went away (`cec-rules compare ... | head`): stop quietly.
        if out is None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    return code
