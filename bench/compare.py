"""Benchmark: comparing two policies against assessing the same applications once.

Generates ``--count`` single-offering applications (default 100,000), then
times, best of ``--repeat`` runs each:

(a) assessing every application once under the baseline;
(b) ``compare_policies(baseline, candidate, applications=...)``, which assesses
    each under both;
(c) the same comparison and its figures: every case's category, the revenue
    change of the paying cases and the refusals counted apart (what the
    headline says; the breakdowns and flips are further passes on demand).

It prints the times and the ratios (b)/(a) and (c)/(a) (target for (c): at
most 2.5x).  The candidate is the worked "$10 per CEC" sale with a 20-day late
window, so fees change and decisions flip.

Run:  python bench/compare.py
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal

import attrs
from timing import best_of

from cec_rules import DEFAULT_POLICY, Application, Offering, Program, assess_application
from cec_rules.compare import Comparison, compare_policies

CANDIDATE = attrs.evolve(
    DEFAULT_POLICY, label="sale", application_fee_per_cec=Decimal(10), late_window_days=20
)


def generate(count: int, seed: int = 11) -> list[Application]:
    """Build ``count`` single-offering applications, reproducibly."""
    rng = random.Random(seed)
    programs = [Program(title=f"P{q}", cecs=Decimal(q) / 4) for q in range(1, 41)]
    out = []
    for index in range(count):
        submitted = date(2021, 1, 1) + timedelta(days=rng.randrange(2000))
        start = submitted + timedelta(days=rng.randint(-10, 90))
        out.append(
            Application(
                program=programs[rng.randrange(40)],
                offerings=(Offering(start),),
                submitted=submitted,
                reference=f"APP-{index}",
            )
        )
    return out


def summarize(comparison: Comparison) -> str:
    """The headline's figures: each case's category, the revenue change, the refusals."""
    tally = comparison.tally
    return f"{comparison.headline} {tally.revenue_delta} {tally.refused.fees}"


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    applications = generate(args.count)
    once, both, summed = best_of(
        args.repeat,
        lambda: [assess_application(a) for a in applications],
        lambda: compare_policies(DEFAULT_POLICY, CANDIDATE, applications=applications),
        lambda: summarize(compare_policies(DEFAULT_POLICY, CANDIDATE, applications=applications)),
    )
    comparison = compare_policies(DEFAULT_POLICY, CANDIDATE, applications=applications)
    print(f"applications:       {args.count:,}")
    print(f"assess once:        {once:.3f} s")
    print(f"compare two:        {both:.3f} s   ({both / once:.2f}x)")
    print(f"and its figures:    {summed:.3f} s   ({summed / once:.2f}x, target: <= 2.5x)")
    print(f"summary:            {comparison.headline}")


if __name__ == "__main__":
    main()
