"""Benchmark: check a large .xlsx roster against the workbook reader's own bare read.

Writes, with openpyxl, a workbook of ``--rows`` rows (default 100,000) in the
shape a provider's sheet has: text IDs and names, date cells, a whole-number
AAST ID now and then, about 2% defective rows.  Then it times ``--repeat``
rounds (default 5), each running, one after the other:

* the baseline: python-calamine opening the workbook and listing the first
  sheet's rows (``iter_rows``), the least any check of it must do;
* ``check_roster`` on the same bytes;
* for comparison only, openpyxl's read-only mode walking the same rows.

It prints each side's best time and the median of the per-round ratios to the
baseline (the target for ``check_roster`` is at most 2.0x).

Run: ``python bench/workbook.py`` (``--rows 20000`` for a quick look).  Needs
the ``spreadsheets`` extra and openpyxl (both in the ``test`` extra).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
from datetime import timedelta

import openpyxl
from python_calamine import CalamineWorkbook
from roster import FIRST, LAST, OFFERING, PROGRAM, REPORTED
from timing import best, rounds

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.roster import RosterReport, check_roster


def write_workbook(rows: int, seed: int = 7) -> tuple[bytes, list[Account]]:
    """The workbook's bytes and the accounts it refers to."""
    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Roster")
    sheet.append(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
    accounts = []
    for index in range(rows):
        aast_id = f"A{index:08d}" if index % 50 else str(10_000_000 + index)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        accounts.append(Account(aast_id=aast_id, first_name=first, last_name=last, kind="member"))
        day = OFFERING.start + timedelta(days=rng.randrange(5))
        row: list[object] = [PROGRAM.program_id, aast_id, first, last, day]
        if not index % 50:
            row[1] = int(aast_id)  # typed as a number, as a spreadsheet does
        defect = rng.randrange(250)
        if defect == 0:
            row = [None] * 5
        elif defect == 1:
            row[4] = "13/4/2026"
        elif defect == 2:
            row[1] = 1.23457e11
        elif defect == 3:
            row[0] = "PRG-2026-0099"
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), accounts


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data, accounts = write_workbook(args.rows)
    repository = InMemoryRepository(accounts)

    def baseline() -> None:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        for _ in sheet.iter_rows():
            pass

    def checked() -> RosterReport:
        return check_roster(
            data, program=PROGRAM, offering=OFFERING, repository=repository, reported_at=REPORTED
        )

    def openpyxl_read() -> None:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass

    times = rounds(args.repeat, baseline, checked, openpyxl_read)
    base, ours, other = best(times)
    ratio = statistics.median(t[1] / t[0] for t in times)
    other_ratio = statistics.median(t[2] / t[0] for t in times)
    report = checked()
    print(f"{args.rows:,} rows, {len(data) / 1e6:.1f} MB .xlsx")
    print(f"  calamine bare read : {base:.3f} s")
    print(f"  check_roster       : {ours:.3f} s  ({ratio:.2f}x, target at most 2.0x)")
    print(f"  openpyxl read-only : {other:.3f} s  ({other_ratio:.2f}x, for comparison)")
    print(f"  {len(report.accepted):,} accepted, {len(report.refused):,} refused")


if __name__ == "__main__":
    main()
