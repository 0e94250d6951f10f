"""Benchmark: the import time of cec_rules against a bare interpreter start.

Starts ``python -c pass``, ``python -c "import cec_rules"`` and an import of
what a roster-checking service uses (``from cec_rules import
assess_application, check_roster``) in fresh processes, ``--repeat`` times
each, and prints the best time of each and the differences (target: under
100 ms more for ``import cec_rules``).  The package imports its modules on
first use, so the second line shows what a service pays in all.

Run:  python bench/import.py
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time


def best(code: str, repeat: int) -> float:
    """Return the best wall time of ``repeat`` fresh interpreters running ``code``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    bare = best("pass", args.repeat)
    imported = best("import cec_rules", args.repeat)
    used = best("from cec_rules import assess_application, check_roster", args.repeat)
    print(f"bare interpreter:        {bare * 1000:.1f} ms")
    print(f"import cec_rules:        {imported * 1000:.1f} ms")
    print(f"  difference:            {(imported - bare) * 1000:.1f} ms   (target: < 100 ms)")
    print(f"fees and rosters loaded: {used * 1000:.1f} ms")
    print(f"  difference:            {(used - bare) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
