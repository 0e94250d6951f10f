"""Benchmark: the import time of cec_rules against a bare interpreter start.

Starts ``python -c pass`` and ``python -c "import cec_rules"`` in fresh
processes, alternately, ``--repeat`` times each, and prints the best time of
each and the difference (target: under 100 ms more).

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
    print(f"bare interpreter:   {bare * 1000:.1f} ms")
    print(f"import cec_rules:   {imported * 1000:.1f} ms")
    print(f"difference:         {(imported - bare) * 1000:.1f} ms   (target: < 100 ms)")
    print(f"ratio:              {imported / bare:.2f}x")


if __name__ == "__main__":
    main()
