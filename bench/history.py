"""Benchmark: a comparison over a large history export, against one assessment pass.

Writes, in a temporary directory, an export (``docs/history.md``) of
``--applications`` applications (default 100,000: the bundled sample's,
repeated under new references and moved across the years) and ``--rosters``
rosters (default 1,000: the sample's roster files, indexed again), then times,
best of ``--repeat`` runs each:

(a) assessing every application once under the baseline (the floor of any
    comparison);
(b) ``read_history``: reading and checking the export;
(c) ``compare_policies`` over what was read, with the headline's figures.

It prints the times and the ratios to (a).  Run: ``python bench/history.py``
(``--applications 20000 --rosters 200`` for a quick look).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from compare import CANDIDATE, summarize
from timing import best_of

from cec_rules import DEFAULT_POLICY, assess_application
from cec_rules.compare import compare_policies
from cec_rules.examples import example_history
from cec_rules.history import read_history

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "cec_rules" / "data" / "history"


def write_export(folder: Path, applications: int, rosters: int) -> None:
    """An export of ``applications`` applications and ``rosters`` rosters in ``folder``."""
    sample = example_history()
    base = [application.to_dict() for application in sample.applications]
    with (folder / "applications.jsonl").open("w", encoding="utf-8") as out:
        for index in range(applications):
            data = dict(base[index % len(base)])
            shift = timedelta(days=7 * (index // len(base) % 100))
            data["reference"] = f"APP-{index:07d}"
            data["submitted"] = _moved(str(data["submitted"]), shift)
            data["offerings"] = [
                {key: _moved(value, shift) for key, value in offering.items()}
                for offering in data["offerings"]
            ]
            out.write(json.dumps(data) + "\n")
    shutil.copy(SAMPLE / "accounts.csv", folder / "accounts.csv")
    shutil.copytree(SAMPLE / "rosters", folder / "rosters")
    with (SAMPLE / "rosters.csv").open(encoding="utf-8", newline="") as stream:
        header, *entries = list(csv.reader(stream))
    with (folder / "rosters.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for index in range(rosters):
            entry = list(entries[index % len(entries)])
            entry[1] = f"roster {index:05d}"
            writer.writerow(entry)


def _moved(text: str, shift: timedelta) -> str:
    """An ISO date (or the date of an ISO moment) moved by ``shift``."""
    day = date.fromisoformat(text[:10]) + shift
    return day.isoformat() + text[10:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--rosters", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write_export(folder, args.applications, args.rosters)
        history = read_history(folder)
        assert not history.problems, history.problems[:3]

        def assess() -> None:
            for application in history.applications:
                assess_application(application, DEFAULT_POLICY)

        def compare() -> str:
            return summarize(
                compare_policies(
                    DEFAULT_POLICY,
                    CANDIDATE,
                    applications=history.applications,
                    rosters=history.rosters,
                )
            )

        floor, reading, comparing = best_of(
            args.repeat, assess, lambda: read_history(folder), compare
        )
    print(f"history: {history.describe()}")
    print(f"(a) one assessment pass:   {floor:7.2f} s")
    print(f"(b) read_history:          {reading:7.2f} s  {reading / floor:5.2f}x")
    print(f"(c) compare + headline:    {comparing:7.2f} s  {comparing / floor:5.2f}x")


if __name__ == "__main__":
    main()
