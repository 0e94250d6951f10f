"""Benchmark: the memory a roster report holds for refused rows, against accepted rows.

Writes rosters of ``--rows`` rows (default 1,000,000), in the shape
``bench/roster.py`` writes (names from its lists, dates across the offering,
half M/D/YYYY, half YYYY-MM-DD), and checks each while ``tracemalloc`` traces
memory:

* accepted: every row names an account, so every row is accepted (the
  baseline);
* refused, one finding: the same rows, checked against a repository that
  holds none of their accounts, so each is refused as `account-not-found`,
  whose message names the row's AAST ID;
* refused, three findings: the rows also name another program and a day
  that is not in the calendar (`program-id-mismatch`, `date-no-such-day`,
  `account-not-found`);
* refused, five findings: the rows name another program, an AAST ID with a
  space, names that start as a formula and a day not in the calendar
  (`program-id-mismatch`, `aast-id-format`, `name-formula-start` twice,
  `date-no-such-day`).

For each, it prints the peak traced while ``check_roster`` runs, and the
memory the report holds once the check returns (traced memory still
allocated; the source's bytes, made before tracing starts, are not counted),
each with its ratio to the accepted roster's, measured in the same run. The
target: a report of refused rows holds at most 2.0x what a report of as many
accepted rows does.

Then, for the five-finding report, the peak traced while its findings are
written to a stream as CSV and as JSON Lines (a page at a time, to a stream
that keeps nothing); with ``--to-dict``, also while ``json.dumps`` serialises
its ``to_dict()``, which builds the whole list of dicts and the whole string
(slow, and several gigabytes at a million rows).

Run: ``python bench/report_memory.py`` (or ``--rows 100000`` for a quick look).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import random
import tracemalloc
from collections.abc import Callable
from datetime import timedelta

import attrs
from roster import FIRST, LAST, OFFERING, PROGRAM, REPORTED

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.policy import DEFAULT_POLICY
from cec_rules.roster import RosterReport, check_roster

HEADER = ["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"]
PROGRAM_ID = str(PROGRAM.program_id)
OTHER_PROGRAM = "PRG-2026-0099"


def write_roster(rows: int, defects: str, seed: int = 7) -> bytes:
    """A roster of ``rows`` rows: good ones, or all with the ``defects`` named
    ("none", "three" or "five")."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for index in range(rows):
        day = OFFERING.start + timedelta(days=rng.randrange(5))
        completed = day.isoformat() if index % 2 else f"{day.month}/{day.day}/{day.year}"
        row = [PROGRAM_ID, f"A{index:08d}", rng.choice(FIRST), rng.choice(LAST), completed]
        if defects in ("three", "five"):
            row[0], row[4] = OTHER_PROGRAM, "2/30/2026"
        if defects == "five":
            row[1], row[2], row[3] = f"A {index:08d}", "=" + row[2], "=" + row[3]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def accounts_of(rows: int, seed: int = 7) -> list[Account]:
    """The accounts of the good roster's rows (the names drawn as write_roster draws them)."""
    rng = random.Random(seed)
    accounts = []
    for index in range(rows):
        rng.randrange(5)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        kind = "guest" if index % 5 == 0 else "member"
        accounts.append(
            Account(aast_id=f"A{index:08d}", first_name=first, last_name=last, kind=kind)
        )
    return accounts


@attrs.frozen
class Traced:
    """What tracemalloc saw while checking one roster: the peak, and what the report holds."""

    peak: int
    held: int


def traced_check(
    source: bytes, check: Callable[[bytes], RosterReport]
) -> tuple[Traced, RosterReport]:
    """Check ``source`` while tracemalloc traces; the peak and the memory the report holds."""
    gc.collect()
    tracemalloc.start()
    report = check(source)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Traced(peak, held), report


class Sink(io.StringIO):
    """A text stream that keeps none of the text written to it."""

    def write(self, text: str) -> int:
        return len(text)


def traced_peak(run: Callable[[], object]) -> int:
    """The peak tracemalloc sees while ``run`` runs."""
    gc.collect()
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def mib(size: int) -> str:
    """A size in MiB."""
    return f"{size / 2**20:8.1f} MiB"


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--to-dict",
        action="store_true",
        help="also trace json.dumps(report.to_dict()) on the five-finding report (slow)",
    )
    args = parser.parse_args()
    rows = args.rows
    # A roster this large is past the default limit (200,000 rows): raise it.
    policy = attrs.evolve(DEFAULT_POLICY, max_roster_rows=max(rows, 1))
    known = InMemoryRepository(accounts_of(rows))
    unknown = InMemoryRepository([])

    def checker(repository: InMemoryRepository) -> Callable[[bytes], RosterReport]:
        def check(source: bytes) -> RosterReport:
            return check_roster(
                source,
                program=PROGRAM,
                offering=OFFERING,
                repository=repository,
                reported_at=REPORTED,
                policy=policy,
            )

        return check

    cases = [
        ("accepted", "none", known),
        ("refused, one finding", "none", unknown),
        ("refused, three findings", "three", unknown),
        ("refused, five findings", "five", unknown),
    ]
    figures: list[tuple[str, Traced, int, int]] = []
    report = None
    for name, defects, repository in cases:
        source = write_roster(rows, defects)
        report = None  # let the last report go before the next is traced
        traced, report = traced_check(source, checker(repository))
        figures.append((name, traced, len(report.accepted), sum(report.finding_counts.values())))
        del source
    assert report is not None
    base = figures[0][1]
    print(f"rows: {rows:,} per roster")
    print(
        f"{'roster':<26}{'accepted':>10}{'findings':>11}{'peak checking':>15}{'ratio':>8}"
        f"{'report holds':>15}{'ratio':>8}{'per row':>9}"
    )
    for name, traced, accepted, count in figures:
        print(
            f"{name:<26}{accepted:>10,}{count:>11,}{mib(traced.peak):>15}"
            f"{traced.peak / base.peak:>7.2f}x{mib(traced.held):>15}"
            f"{traced.held / base.held:>7.2f}x{traced.held / max(rows, 1):>7.0f} B"
        )
    print("target: a report of refused rows holds <= 2.0x what one of accepted rows holds")

    last = report
    writers: list[tuple[str, Callable[[], object]]] = [
        ("findings as CSV", lambda: last.write_findings_csv(Sink())),
        ("findings as JSON Lines", lambda: last.write_findings_jsonl(Sink())),
    ]
    if args.to_dict:
        writers.append(("json.dumps(to_dict())", lambda: json.dumps(last.to_dict())))
    print(f"writing the five-finding report ({figures[-1][3]:,} findings):")
    for name, run in writers:
        print(f"  {name:<24} peak {mib(traced_peak(run))}")


if __name__ == "__main__":
    main()
