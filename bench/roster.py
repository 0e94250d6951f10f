"""Benchmark: check a large roster against a bare ``csv.reader`` pass over the same file.

Writes a roster of ``--rows`` rows (default 1,000,000) with about 2% defective
rows (blank rows, bad dates, bad IDs, duplicates, the wrong Program ID),
half of its dates written M/D/YYYY and half YYYY-MM-DD.  Its bad dates name no
day (``2/30/2026``); with ``--day-first-proof`` they are ``13/4/2026``, which
shows the file writes the day first, so that every M/D/YYYY date naming
another day read day first is refused too (`completion-date`): a measure of
that file-level step, on about two rows in five.  It builds an in-memory
repository of the accounts, and times ``--repeat`` rounds
(default 5), each running, one after the other:

* the baseline: ``for row in csv.reader(open(path, newline="")): pass``;
* ``check_roster`` on the same file opened in binary mode.

It prints each side's best time and the ratio of the two sides in each round.
The median of those ratios is the figure held against the target (at most
3.0x).  The speed of a shared machine drifts by a fifth or more over minutes.
The two times of one round are taken seconds apart, so their ratio is
steadier than the ratio of each side's best time, which may come from rounds
run at different speeds; single rounds still vary (here, at times, by a
fifth either way), hence the median.  The ratio of the two best times is printed too.

Then the time of a 50-row roster, two ways: each check alone after a full
garbage collection (which, with a million accounts alive, leaves the
processor's caches cold), best of 200; and each of 200 checks run in a row,
as ``timeit`` measures it, best of 5 such runs.  Last, the peak memory that
``tracemalloc`` sees while checking (measured in a separate run, because
tracing slows everything down).

Run: ``python bench/roster.py`` (or ``--rows 100000`` for a quick look).
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import timeit
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import attrs
from timing import best, best_of, rounds

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.program import Offering, Program
from cec_rules.roster import RosterReport, check_roster

PROGRAM = Program(title="Benchmark program", cecs=2, program_id="PRG-2026-0042")
OFFERING = Offering(date(2026, 3, 2), date(2026, 3, 6))
REPORTED = date(2026, 3, 20)
FIRST = ["Ada", "Grace", "José", "Zoë", "Mary-Jane", "Nguyễn", "Amélie", "Olu", "Siobhán", "Li"]
LAST = ["Lovelace", "Hopper", "Núñez", "O'Brien", "Smith", "Van der Berg", "Okafor", "Kowalski"]


def write_roster(
    path: Path, rows: int, seed: int = 7, bad_date: str = "2/30/2026"
) -> list[Account]:
    """Write the roster file and return the accounts it refers to."""
    rng = random.Random(seed)
    accounts = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
        for index in range(rows):
            aast_id = f"A{index:08d}"
            first, last = rng.choice(FIRST), rng.choice(LAST)
            kind = "guest" if index % 5 == 0 else "member"
            accounts.append(Account(aast_id=aast_id, first_name=first, last_name=last, kind=kind))
            day = OFFERING.start + timedelta(days=rng.randrange(5))
            completed = day.isoformat() if index % 2 else f"{day.month}/{day.day}/{day.year}"
            row = [PROGRAM.program_id, aast_id, first, last, completed]
            defect = rng.randrange(250)
            if defect == 0:
                row = ["", "", "", "", ""]
            elif defect == 1:
                row[4] = bad_date
            elif defect == 2:
                row[1] = "1.23457E+11"
            elif defect == 3:
                row[1] = f"A{max(index - 1, 0):08d}"
            elif defect == 4:
                row[0] = "PRG-2026-0099"
            writer.writerow(row)
    return accounts


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--day-first-proof",
        action="store_true",
        help="write the bad dates as 13/4/2026, which shows the file writes the day first",
    )
    args = parser.parse_args()
    bad_date = "13/4/2026" if args.day_first_proof else "2/30/2026"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        repository = InMemoryRepository(write_roster(path, args.rows, bad_date=bad_date))
        # A roster this large is past the default limit (200,000 rows): raise it.
        policy = attrs.evolve(DEFAULT_POLICY, max_roster_rows=max(args.rows, 1))

        def baseline() -> None:
            with path.open(newline="", encoding="utf-8") as handle:
                for _ in csv.reader(handle):
                    pass

        def checked() -> RosterReport:
            with path.open("rb") as handle:
                return check_roster(
                    handle,
                    program=PROGRAM,
                    offering=OFFERING,
                    repository=repository,
                    reported_at=REPORTED,
                    policy=policy,
                )

        times = rounds(args.repeat, baseline, checked)
        base, ours = best(times)
        ratios = sorted(checked_time / base_time for base_time, checked_time in times)
        report = checked()
        small = path.read_bytes().split(b"\n", 51)
        small_roster = b"\n".join(small[:51]) + b"\n"

        def check_small() -> object:
            return check_roster(
                small_roster,
                program=PROGRAM,
                offering=OFFERING,
                repository=repository,
                reported_at=REPORTED,
            )

        (small_time,) = best_of(200, check_small)
        small_run = min(timeit.repeat(check_small, number=200, repeat=5)) / 200
        tracemalloc.start()
        checked()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"rows:                 {args.rows:,} ({path.name}, {report.explanation.splitlines()[0]})"
    )
    print(f"csv.reader pass:      {base:.3f} s (best of {args.repeat})")
    print(f"check_roster:         {ours:.3f} s (best of {args.repeat})")
    print(
        f"ratio:                {statistics.median(ratios):.2f}x   (median of {len(ratios)} "
        f"rounds, {ratios[0]:.2f}x to {ratios[-1]:.2f}x; target: <= 3.0x)"
    )
    print(f"best against best:    {ours / base:.2f}x")
    print(
        f"50-row roster:        {small_time * 1000:.3f} ms alone, after a full collection; "
        f"{small_run * 1000:.3f} ms each in a run of 200"
    )
    print(f"peak traced memory:   {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
