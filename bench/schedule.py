"""Benchmark: building a policy schedule and looking dates up in it.

For 1,000, 10,000 and 100,000 versions (two days apart, every third in force for
one day only, given out of order), times, best of ``--repeat`` runs each:

(a) ``sorted()`` of the versions' start dates, the least any build must do;
(b) ``PolicySchedule(versions)``;
(c) 1,000 lookups with ``resolve()`` of an aware datetime.

It prints (b)/(a), which stays roughly level as the count grows when the build is
O(n log n) (it grew with n when each date was scanned against every version), and
(c) per lookup, which stays roughly level when a lookup is O(log n).

Run:  python bench/schedule.py
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
from timing import best_of

from cec_rules import DEFAULT_POLICY, PolicySchedule, PolicyVersion

BASE = date(2020, 1, 1)
CHICAGO = ZoneInfo("America/Chicago")


def generate(count: int) -> list[PolicyVersion]:
    """``count`` versions, every third a one-day version, odd ones first."""
    policy = attrs.evolve(DEFAULT_POLICY, label="bench")
    versions = [
        PolicyVersion(
            effective_from=BASE + timedelta(days=2 * index),
            effective_until=BASE + timedelta(days=2 * index) if index % 3 == 1 else None,
            policy=policy,
        )
        for index in range(count)
    ]
    return versions[1::2] + versions[::2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(
        f"{'versions':>9} {'sort (s)':>9} {'build (s)':>10} {'build/sort':>11} {'lookup (us)':>12}"
    )
    for count in (1_000, 10_000, 100_000):
        versions = generate(count)
        starts = [v.effective_from for v in versions]
        schedule = PolicySchedule(versions)
        moments = [
            datetime.combine(
                BASE + timedelta(days=(2 * count * i) // 1_000), datetime.min.time()
            ).replace(hour=12, tzinfo=CHICAGO)
            for i in range(1_000)
        ]

        def sort(starts: list[date] = starts) -> None:
            sorted(starts)

        def build(versions: list[PolicyVersion] = versions) -> None:
            PolicySchedule(versions)

        def lookups(schedule: PolicySchedule = schedule, moments: list[datetime] = moments) -> None:
            for moment in moments:
                schedule.resolve(moment, field="submitted")

        sorting, building, lookup = best_of(args.repeat, sort, build, lookups)
        print(
            f"{count:>9,} {sorting:>9.4f} {building:>10.4f} {building / sorting:>11.1f} "
            f"{lookup * 1e3:>12.2f}"
        )


if __name__ == "__main__":
    main()
