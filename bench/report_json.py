"""Benchmark: a roster report kept as JSON and read back, by its size.

Checks a roster of ``--rows`` rows (default 200,000, the most the rule book's
policy takes) twice, in the shapes ``bench/report_memory.py`` writes: every row
accepted, and every row refused with three findings.  For each report it prints
the length of ``to_json()`` in MiB of UTF-8, the time of ``to_json()`` and of
``RosterReport.from_dict(json.loads(text))``, and the peak ``tracemalloc`` sees
while each runs.  These are the figures behind the caveat in
``docs/service.md``: ``to_dict`` holds the whole report at once, and its
explanation repeats every finding.

Run: ``python bench/report_json.py`` (or ``--rows 20000`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from report_memory import accounts_of, mib, traced_peak, write_roster
from roster import OFFERING, PROGRAM, REPORTED

from cec_rules.accounts import InMemoryRepository
from cec_rules.roster import RosterReport, check_roster


def timed(run: Callable[[], object]) -> float:
    """The seconds ``run`` takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    repository = InMemoryRepository(accounts_of(args.rows))
    for name, defects in (("accepted", "none"), ("refused, three findings", "three")):
        report = check_roster(
            write_roster(args.rows, defects),
            program=PROGRAM,
            offering=OFFERING,
            repository=repository,
            reported_at=REPORTED,
        )
        text = report.to_json()

        def read_back(text: str = text) -> RosterReport:
            return RosterReport.from_dict(json.loads(text))

        assert report == read_back()
        print(f"{args.rows:,} rows, {name}:")
        size = mib(len(text.encode("utf-8")))
        print(f"  to_json:   {size} of text, {timed(report.to_json):6.2f} s")
        print(f"             {mib(traced_peak(report.to_json))} peak")
        print(f"  from_dict: {timed(read_back):6.2f} s (json.loads included)")
        print(f"             {mib(traced_peak(read_back))} peak")


if __name__ == "__main__":
    main()
