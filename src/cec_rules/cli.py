"""The ``cec-rules`` command line.

``cec-rules demo`` assesses the bundled example applications and prints what
each provider owes and why.  ``--json`` prints the same results as JSON.

Exit codes: 0 success, 2 a usage error or input the library refuses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from cec_rules.errors import CecRulesError
from cec_rules.examples import example_applications
from cec_rules.fees import ApplicationAssessment, assess_application
from cec_rules.money import format_money

__all__ = ["main"]


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


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    assessments = [assess_application(a) for a in example_applications()]
    if args.json:
        json.dump([a.to_dict() for a in assessments], out, indent=2)
        out.write("\n")
        return 0
    out.write("Example applications assessed under the default policy:\n\n")
    for assessment in assessments:
        out.write(render_assessment(assessment) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cec-rules", description="The rules of the AAST CEC program, as a command line."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="assess the bundled example applications")
    demo.add_argument("--json", action="store_true", help="print JSON instead of tables")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    try:
        code: int = args.run(args, stream)
    except CecRulesError as error:
        print(f"cec-rules: {error}", file=sys.stderr)
        return 2
    return code
