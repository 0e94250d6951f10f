"""Benchmark: hostile uploads against a clean roster of the same size.

A service that checks rosters uploaded by the public meets files made to hurt
it.  This script builds, in memory, a clean roster of ``--megabytes`` MB
(default 6, about 150,000 rows: under the rule book's row limit) and uploads
of the same size in each hostile shape, checks each under the rule book's
limits (the default policy), and prints for each:

* the best time over ``--repeat`` rounds (default 3) and its ratio to the
  clean roster's, measured in the same rounds;
* the peak memory ``tracemalloc`` sees during one more check, and its ratio to
  the clean roster's.

What to read in it: a hostile upload is refused where it passes a limit, so it
costs a small fraction of the clean roster, however large it is.  Rows that
are all refused (one AAST ID repeated) or blank cost more per byte than clean
rows: there are more of them in a file of the same size, and each refused row
is kept with its findings; the row limit bounds them.  The policy-file shapes
(deep and long TOML, a schedule of many versions) are timed on their own: they
have no clean counterpart.

Run: ``python bench/hostile.py`` (``--megabytes 4`` for a quick look).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from roster import OFFERING, PROGRAM, REPORTED, write_roster
from timing import best, rounds

from cec_rules.accounts import InMemoryRepository
from cec_rules.errors import CecRulesError
from cec_rules.policy import DEFAULT_POLICY, load_toml, schedule_from_toml
from cec_rules.roster import check_roster

HEADER = b"Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
ROW = b"PRG-2026-0042,A00000001,Ada,Lovelace,2026-03-02\r\n"


def shapes(size: int) -> dict[str, bytes]:
    """Hostile uploads of ``size`` bytes each, after a header and one row."""
    head = HEADER + ROW

    def fill(piece: bytes, lead: bytes = b"") -> bytes:
        body = head + lead
        return body + piece * ((size - len(body)) // len(piece))

    return {
        "one line, no line break": fill(b"x"),
        "one row of ever more cells": fill(b"a,"),
        "a quote never closed": fill(b"Hopper\r\n", b'PRG-2026-0042,A2,"Grace'),
        "blank lines past the row limit": fill(b"\r\n"),
        "lone CRs past the row limit": fill(b"\r"),
        "NULs in one cell": fill(b"\x00"),
        "bytes that are no UTF-8": fill(b"\xff\xfe,"),
        "Windows-1252, one ID repeated": fill(b"PRG-2026-0042,A1,Jos\xe9,L\xf3pez,2026-03-02\r\n"),
        "UTF-8, one ID repeated": fill("PRG-2026-0042,A1,José,López,2026-03-02\r\n".encode()),
    }


def policy_files() -> dict[str, Callable[[], object]]:
    """Policy inputs with no clean counterpart: each is refused or read in time
    proportional to its size."""
    deep = "label = " + "[" * 1_000_000 + "]" * 1_000_000
    long = "x = 1\n" * 400_000
    versions = "".join(
        f'[[versions]]\neffective_from = {date(2020, 1, 1) + timedelta(days=n)}\nlabel = "v{n}"\n'
        for n in range(20_000)
    )
    return {
        "TOML nested 1,000,000 deep": lambda: _refused(load_toml, deep),
        "TOML of 2.4 MB": lambda: _refused(load_toml, long),
        "schedule of 20,000 versions": lambda: schedule_from_toml(versions),
    }


def _refused(function: Callable[[str], object], text: str) -> object:
    try:
        return function(text)
    except CecRulesError as error:
        return error


def peak(run: Callable[[], object]) -> int:
    """The peak memory traced while ``run`` runs."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = args.megabytes << 20
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        repository = InMemoryRepository(write_roster(path, size // 40))
        clean = path.read_bytes()[:size]
    clean = clean[: clean.rfind(b"\n") + 1]
    policy = DEFAULT_POLICY

    def check(data: bytes) -> Callable[[], object]:
        return lambda: check_roster(
            io.BytesIO(data),
            program=PROGRAM,
            offering=OFFERING,
            repository=repository,
            reported_at=REPORTED,
            policy=policy,
        )

    uploads = {"clean roster": clean, **shapes(len(clean))}
    runs = [check(data) for data in uploads.values()]
    times = best(rounds(args.repeat, *runs))
    peaks = [peak(run) for run in runs]
    print(f"uploads of {len(clean) / (1 << 20):.1f} MB, best of {args.repeat} rounds")
    print(f"{'upload':<34}{'time':>10}{'ratio':>8}{'peak MB':>10}{'ratio':>8}  outcome")
    for (name, _), run, time, memory in zip(uploads.items(), runs, times, peaks, strict=True):
        report = run()
        codes = [f.code for f in report.file_findings] or ["read"]  # type: ignore[attr-defined]
        print(
            f"{name:<34}{time:>9.3f}s{time / times[0]:>8.3f}"
            f"{memory / (1 << 20):>10.1f}{memory / peaks[0]:>8.3f}  {', '.join(codes)}"
        )
    print()
    for name, run in policy_files().items():
        (time,) = best(rounds(args.repeat, run))
        print(f"{name:<34}{time:>9.3f}s{peak(run) / (1 << 20):>18.1f}  {type(run()).__name__}")


if __name__ == "__main__":
    main()
