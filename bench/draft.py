"""Benchmark: a roster entered one attendee at a time against one check of the same rows.

Builds ``--sizes`` rosters (default 2,000 and 20,000 entries) of records as a
staff screen sends them: mostly attendees with accounts, about 2% defective
(a bad date, an unknown ID, a name that differs from the account, a second
entry for an accepted attendee, the first refused and entered again), half of
the dates written M/D/YYYY.  For each size it times, best of ``--repeat``
rounds, sides alternating (``timing.rounds``):

(a) ``RosterDraft.add`` of every entry, one after the other, from an empty
    draft (the newest draft each time: appended in place);
(b) one ``check_roster`` of the same entries as records.

It prints both times, the time of one add, and the ratio (a)/(b), all measured
in the one run.  Adding is amortised O(1), so the ratio stays about the same
from one size to the next; when every add checked every entry again (as
before issue 18), 2,000 adds took about 13 s, and the time grew as the square
of the entries.

Run: ``python bench/draft.py`` (or ``--sizes 2000`` for a quick look).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from timing import best, rounds

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.program import Offering, Program
from cec_rules.roster import RosterDraft, RosterReport, check_roster

PROGRAM = Program(title="Benchmark program", cecs=2, program_id="PRG-2026-0042")
OFFERING = Offering(date(2026, 3, 2), date(2026, 3, 6))
REPORTED = date(2026, 3, 20)
FIRST = ["Ada", "Grace", "José", "Zoë", "Mary-Jane", "Nguyễn", "Amélie", "Olu", "Siobhán", "Li"]
LAST = ["Lovelace", "Hopper", "Núñez", "O'Brien", "Smith", "Van der Berg", "Okafor", "Kowalski"]


def build(count: int, seed: int = 7) -> tuple[list[dict[str, str]], InMemoryRepository]:
    """``count`` entries, and a repository of the accounts they name."""
    rng = random.Random(seed)
    accounts = []
    entries: list[dict[str, str]] = []
    for index in range(count):
        aast_id = f"A{index:08d}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        kind = "guest" if index % 5 == 0 else "member"
        accounts.append(Account(aast_id=aast_id, first_name=first, last_name=last, kind=kind))
        day = OFFERING.start + timedelta(days=rng.randrange(5))
        completed = day.isoformat() if index % 2 else f"{day.month}/{day.day}/{day.year}"
        defect = rng.randrange(250)
        if defect == 0:
            completed = "2/30/2026"
        elif defect == 1:
            aast_id = f"Z{index:08d}"  # no account
        elif defect == 2:
            first = "Adam"  # not the account's name: a warning
        elif defect == 3 and entries:
            entries.append(dict(entries[-1]))  # entered twice
        elif defect == 4:
            entries.append(
                {
                    "Program ID": PROGRAM.program_id or "",
                    "AAST ID": aast_id,
                    "First Name": first,
                    "Last Name": last,
                    "Completion Date": "3/32/2026",  # refused, then entered again below
                }
            )
        entries.append(
            {
                "Program ID": PROGRAM.program_id or "",
                "AAST ID": aast_id,
                "First Name": first,
                "Last Name": last,
                "Completion Date": completed,
            }
        )
    return entries[:count], InMemoryRepository(accounts)


def measure(count: int, repeat: int) -> tuple[float, float]:
    """The best times of ``count`` adds and of one check of the same entries."""
    entries, repository = build(count)
    empty = RosterDraft(program=PROGRAM, offering=OFFERING, reported_at=REPORTED)

    def add_each() -> RosterDraft:
        draft = empty
        for entry in entries:
            draft, _ = draft.add(entry, repository)
        return draft

    def check_once() -> RosterReport:
        return check_roster(
            entries, program=PROGRAM, offering=OFFERING, repository=repository, reported_at=REPORTED
        )

    added, checked = best(rounds(repeat, add_each, check_once))
    assert add_each().report(repository) == check_once()  # the same answer
    return added, checked


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for count in args.sizes:
        added, checked = measure(count, args.repeat)
        print(f"entries:            {count:,}")
        print(f"  {count:,} adds:       {added:.3f} s  ({added / count * 1e6:.0f} µs an add)")
        print(f"  one check_roster: {checked:.3f} s")
        print(f"  ratio:            {added / checked:.1f}x")


if __name__ == "__main__":
    main()
