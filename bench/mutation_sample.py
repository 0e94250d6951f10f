"""Mutation score from a random sample of mutants, with its confidence interval.

A whole mutmut run over the roster, compare and search modules is some
twenty thousand mutants; on a two-core machine the roster's alone take a day,
since each mutant of the reader reruns most of the roster tests.  A simple
random sample measures the same score within a known margin: this script
draws ``--size`` mutants (seeded, so a rerun draws the same ones) from the
mutants of the modules named, runs mutmut on them, and prints, for each
module and for all, the mutants killed, timed out and survived, the score
(killed and timed out over all checked) and its 95% Wilson interval.

    python bench/mutation_sample.py --size 200 cec_rules._roster cec_rules.roster
    python bench/mutation_sample.py --size 150 cec_rules.compare cec_rules.search \\
        cec_rules._search

Mutants already killed (by an earlier run, whole or sampled) are read as
they are; survivors are run again, since the tests may have changed.  mutmut
keeps which tests reach each function in ``mutants/mutmut-stats.json``; after
a module is added to ``only_mutate``, delete that file, or mutmut finds no
test for the new module's mutants and reports each as "no tests".  The
survivors are listed last: ``mutmut show NAME`` prints each one's change.
``[tool.mutmut]`` in pyproject.toml says which modules are mutated and which
tests run; docs/mutation.md gives the figures.  A sample whose survivors were
just written tests against overstates the score: measure with a new
``--seed``.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAUGHT = ("killed", "timeout")
MISSED = ("survived", "no tests", "suspicious", "segfault")


def mutmut() -> str:
    """The mutmut command: MUTMUT, else the one beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name("mutmut")
    return os.environ.get("MUTMUT") or (str(beside) if beside.exists() else "mutmut")


def statuses() -> dict[str, str]:
    """Every mutant mutmut knows of and its status ("not checked" before a run)."""
    listing = subprocess.run(
        [mutmut(), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status
    return found


def module_of(name: str) -> str:
    """The module a mutant name is in: ``cec_rules.roster`` of
    ``cec_rules.roster.x_check_roster__mutmut_3``."""
    return name.rsplit(".", 1)[0]


def wilson(caught: int, checked: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion ``caught / checked``."""
    if not checked:
        return 0.0, 1.0
    share = caught / checked
    middle = (share + z * z / (2 * checked)) / (1 + z * z / checked)
    half = z * math.sqrt(share * (1 - share) / checked + z * z / (4 * checked * checked))
    half /= 1 + z * z / checked
    return max(0.0, middle - half), min(1.0, middle + half)


def copy_data_files() -> None:
    """Copy the package's files that are not Python (data, schemas) into mutants/: the
    tests read them, and mutmut copies only what it mutates and ``also_copy``."""
    source = ROOT / "src"
    target = ROOT / "mutants" / "src"
    for path in source.rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def main() -> None:
    """Draw the sample, run it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module prefixes, e.g. cec_rules._roster")
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    # mutmut writes the mutants of changed files when it runs: a run of no mutant
    # brings them up to date before the sample is drawn.
    copy_data_files()
    subprocess.run(
        [mutmut(), "run", "no-such-mutant"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    known = statuses()
    pool = sorted(
        name
        for name in known
        if any(module_of(name) == m or module_of(name).startswith(m + ".") for m in args.modules)
    )
    sample = random.Random(args.seed).sample(pool, min(args.size, len(pool)))
    unchecked = [name for name in sample if known[name] == "not checked"]
    # A survivor is run again: the tests may have changed since it was checked, and
    # mutmut keeps a verdict while the mutated function is unchanged.
    again = [name for name in sample if known[name] in MISSED]
    print(
        f"{len(pool)} mutants in {', '.join(args.modules)}; sample of {len(sample)}, "
        f"{len(unchecked)} not yet checked, {len(again)} survivor(s) run again",
        flush=True,
    )
    if unchecked or again:
        env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "mutation")}
        log = ROOT / "mutants" / "mutmut-sample.log"
        with log.open("w") as out:
            subprocess.run(
                [mutmut(), "run", "--max-children", str(args.max_children), *unchecked, *again],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        known = statuses()

    counts: dict[str, Counter[str]] = {}
    for name in sample:
        counts.setdefault(module_of(name), Counter())[known[name]] += 1
        counts.setdefault("all", Counter())[known[name]] += 1
    print(
        f"{'module':<34}{'killed':>8}{'timeout':>9}{'survived':>10}{'other':>7}"
        f"{'score':>8}  95% interval"
    )
    for module, count in sorted(counts.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        caught = sum(count[s] for s in CAUGHT)
        checked = caught + sum(count[s] for s in MISSED)
        other = sum(count.values()) - count["killed"] - count["timeout"] - count["survived"]
        low, high = wilson(caught, checked)
        score = f"{100 * caught / checked:.1f}%" if checked else "-"
        print(
            f"{module:<34}{count['killed']:>8}{count['timeout']:>9}{count['survived']:>10}"
            f"{other:>7}{score:>8}  {100 * low:.1f}% to {100 * high:.1f}%"
        )
    survivors = sorted(name for name in sample if known[name] in MISSED)
    if survivors:
        print("survivors (mutmut show NAME):")
        for name in survivors:
            print(f"  {name}: {known[name]}")


if __name__ == "__main__":
    main()
