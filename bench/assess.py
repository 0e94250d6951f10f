"""Benchmark: assess_application against the bare arithmetic it has to do.

Generates single-offering applications (CECs in 0.25 steps up to 10, a random
submission date, a start 10 days before to 90 days after it), builds every
``Application`` before any timing, then times, best of ``--repeat`` runs each:

(a) the bare arithmetic over the same inputs: the day count, ``rate x CECs``
    quantized to cents half up, and the surcharge multiply and quantize when the
    offering starts 30 or fewer days after submission;
(b) ``assess_application`` on each application, under the default policy.

It prints both times and the ratio (b)/(a).  The target is at most 10x.  The
garbage collector is paused while timing, as ``timeit`` does, and the two sides
alternate round by round.

Run:  python bench/assess.py --count 1000000
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from timing import best_of

from cec_rules import DEFAULT_POLICY, Application, Offering, Program, assess_application
from cec_rules.money import CENT, ZERO

#: One input of the bare arithmetic: submission date, start date, CECs.
Inputs = list[tuple[date, date, Decimal]]

FIRST_DAY = date(2021, 1, 1)
SPAN_DAYS = 6 * 365


def generate(count: int, seed: int) -> list[Application]:
    """Build ``count`` single-offering applications, reproducibly from ``seed``."""
    rng = random.Random(seed)
    programs = [
        Program(title=f"Program of {quarters / 4} CECs", cecs=Decimal(quarters) / 4)
        for quarters in range(1, 41)
    ]
    applications = []
    for _ in range(count):
        submitted = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
        start = submitted + timedelta(days=rng.randint(-10, 90))
        applications.append(
            Application(
                program=programs[rng.randrange(40)],
                offerings=(Offering(start),),
                submitted=submitted,
            )
        )
    return applications


def bare_inputs(applications: Sequence[Application]) -> Inputs:
    """The same inputs as plain tuples, so the baseline pays for no attribute lookups."""
    inputs: Inputs = []
    for application in applications:
        submitted = application.submitted
        assert not isinstance(submitted, datetime)  # generated as dates
        inputs.append((submitted, application.offerings[0].start, application.program.cecs))
    return inputs


def baseline(inputs: Inputs) -> None:
    """The bare arithmetic: days, rate x CECs quantized, surcharge when late."""
    rate = DEFAULT_POLICY.application_fee_per_cec
    surcharge = DEFAULT_POLICY.late_surcharge_per_cec
    window = DEFAULT_POLICY.late_window_days
    for submitted, start, cecs in inputs:
        days = (start - submitted).days
        (rate * cecs).quantize(CENT, rounding=ROUND_HALF_UP)
        if days <= window:
            (surcharge * cecs).quantize(CENT, rounding=ROUND_HALF_UP)


def library(applications: Sequence[Application]) -> None:
    """assess_application on each application, under the default policy."""
    assess = assess_application
    for application in applications:
        assess(application)


def check(applications: Sequence[Application], inputs: Inputs, sample: int = 1000) -> None:
    """Make sure both sides compute the same amounts on a sample (outside the timing)."""
    for application, (submitted, start, cecs) in zip(
        applications[:sample], inputs[:sample], strict=True
    ):
        days = (start - submitted).days
        expected = ZERO
        if days >= 0:
            expected += (DEFAULT_POLICY.application_fee_per_cec * cecs).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
        if 0 <= days <= DEFAULT_POLICY.late_window_days:
            expected += (DEFAULT_POLICY.late_surcharge_per_cec * cecs).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
        actual = assess_application(application).total
        if expected != actual:
            raise SystemExit(f"mismatch for {application!r}: {expected} != {actual}")


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, check, time both sides and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="applications to assess")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side; best is kept")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for the inputs")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1:
        parser.error("--count and --repeat must be at least 1")

    print(f"generating {args.count:,} single-offering applications (seed {args.seed}) ...")
    applications = generate(args.count, args.seed)
    inputs = bare_inputs(applications)
    check(applications, inputs)
    gc.freeze()  # the inputs live for the whole run: keep them out of collections

    bare, assessed = best_of(
        args.repeat, lambda: baseline(inputs), lambda: library(applications), pause_gc=True
    )
    ratio = assessed / bare
    per_item = 1e6 / args.count
    print(f"python {sys.version.split()[0]}, best of {args.repeat}")
    for label, seconds in (("(a) bare arithmetic:", bare), ("(b) assess_application:", assessed)):
        print(f"{label:24} {seconds:8.3f} s  ({seconds * per_item:6.3f} us per application)")
    print(f"ratio (b)/(a): {ratio:.2f}x")
    print(f"target: <= 10x ({'met' if ratio <= 10 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
