"""Benchmark: deciding the credits of every attendee of a roster, against checking it.

Writes a roster of ``--rows`` rows (default 20,000) as ``bench/roster.py`` does
(about 2% defective rows), checks it, folds a history in which the roster was
reported and its filing fee paid, and times ``--repeat`` rounds (default 5),
each running, one after the other:

* ``check_roster`` on the file's bytes;
* ``roster_credits``: every attendee at once;
* ``credit_decision`` for each AAST ID the roster names, one by one.

The two deciding sides get a copy of the report that no decision has seen, so
each pays for indexing it once, as a service deciding a new report does.  It
prints each side's best time and, for each deciding side, the median of its
ratio to the check in the same round (the two times of one round are taken
seconds apart, so their ratio is steadier than that of two best times).

Last, the time per decision of the search that ``credit_decision`` made before
the index (a scan of the accepted rows, then of the refused rows, for each
attendee), on ``--sample`` attendees spread evenly over the roster, and what
that makes for the whole roster: an estimate, since the search grows with the
roster for each attendee, and deciding them all that way would take a while.

Run: ``python bench/credits.py`` (or ``--rows 2000`` for a quick look).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
from datetime import date
from pathlib import Path

from roster import OFFERING, PROGRAM, REPORTED, write_roster
from timing import best, best_of, rounds

from cec_rules import (
    DEFAULT_POLICY,
    Application,
    Event,
    History,
    InMemoryRepository,
    Program,
    RosterReport,
    Severity,
    assess_application,
    check_roster,
    credit_decision,
    fold,
    roster_credits,
)


def history_of(report: RosterReport) -> History:
    """The history of the program's application: approved, the roster reported and paid."""
    application = Application(
        program=Program(title=PROGRAM.title, cecs=PROGRAM.cecs),
        offerings=[OFFERING],
        submitted=date(2026, 1, 5),
    )
    assessment = assess_application(application)
    reported = Event.roster_reported(report, roster="bench")
    return fold(
        [
            Event.submitted(assessment),
            Event.application_fee_paid(assessment, on=date(2026, 1, 6)),
            Event(on=date(2026, 1, 20), kind="approved"),
            reported,
            Event.filing_fee_paid(reported, on=REPORTED),
        ]
    )


def scanned(aast_id: str, report: RosterReport) -> int:
    """The search each decision made before the index: the accepted rows, then every
    refused row, for one AAST ID; returns the number of errors found, to use them."""
    if any(a.aast_id == aast_id for a in report.accepted):
        return 0
    return sum(
        1
        for row in report.refused
        if len(row.cells) == 5 and row.cells[1].strip() == aast_id
        for finding in row.findings
        if finding.severity is Severity.ERROR
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        repository = InMemoryRepository(write_roster(path, args.rows))
        source = path.read_bytes()

    def checked() -> RosterReport:
        return check_roster(
            source,
            program=PROGRAM,
            offering=OFFERING,
            repository=repository,
            reported_at=REPORTED,
            policy=DEFAULT_POLICY,
        )

    report = checked()
    history = history_of(report)
    ids = [d.aast_id for d in roster_credits(report, history).decisions]
    # A fresh copy of the report for each deciding run: the index is built once per
    # report, and each run should pay for building it.
    fresh = [copy.copy(report) for _ in range(2 * args.repeat)]

    def batch() -> object:
        return roster_credits(fresh.pop(), history)

    def one_by_one() -> object:
        unseen = fresh.pop()
        return [credit_decision(i, report=unseen, history=history) for i in ids]

    times = rounds(args.repeat, checked, batch, one_by_one)
    check_time, batch_time, single_time = best(times)
    batch_ratios = sorted(b / c for c, b, _ in times)
    single_ratios = sorted(s / c for c, _, s in times)
    sample = ids[:: max(1, len(ids) // max(args.sample, 1))]
    (scan_time,) = best_of(3, lambda: [scanned(i, report) for i in sample])
    per_scan = scan_time / max(len(sample), 1)
    credits = roster_credits(report, history)

    print(f"rows:                  {args.rows:,}, {len(ids):,} attendees named")
    print(f"                       {credits.explanation.splitlines()[0]}")
    print(f"check_roster:          {check_time:.3f} s (best of {args.repeat})")
    print(
        f"roster_credits:        {batch_time:.3f} s, {statistics.median(batch_ratios):.2f}x "
        f"the check (median of {len(batch_ratios)} rounds, {batch_ratios[0]:.2f}x to "
        f"{batch_ratios[-1]:.2f}x)"
    )
    print(
        f"credit_decision x {len(ids):,}: {single_time:.3f} s, "
        f"{statistics.median(single_ratios):.2f}x the check (median, {single_ratios[0]:.2f}x to "
        f"{single_ratios[-1]:.2f}x)"
    )
    print(
        f"the search before the index: {per_scan * 1e6:.0f} us a decision on {len(sample)} "
        f"attendees, so about {per_scan * len(ids):.1f} s for all {len(ids):,} (estimated)"
    )


if __name__ == "__main__":
    main()
