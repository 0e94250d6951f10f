"""Write the bundled sample history: three years of a small program's applications
and rosters, in the export format of ``docs/history.md``.

It is made up, but shaped as a real program's: a dozen programs of 0.5 to 6
CECs, live and self-paced; series of up to four offerings; submissions at
business hours and late evenings in the four continental US zones, most weeks
ahead and some late or after an offering started; rosters of members and
guests reported within the window or a few days past it, with the usual
defects (an unknown ID, a misspelt name, a row twice, a day-first date).

Run from the project root: ``python scripts/make_history.py`` rewrites
``src/cec_rules/data/history/``.  The output is the same on every run.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parent.parent / "src" / "cec_rules" / "data" / "history"

PROGRAMS = [
    ("Scoring Pediatric Sleep Studies", "2", "live"),
    ("PAP Titration Webinar", "1.25", "live"),
    ("Home Sleep Apnea Testing", "1.5", "live"),
    ("Insomnia and CBT-I Basics", "0.5", "self-paced"),
    ("Actigraphy in Practice", "1", "self-paced"),
    ("Annual Sleep Technologist Conference", "6", "live"),
    ("Parasomnias Case Review", "0.75", "live"),
    ("Infection Control in the Sleep Lab", "1", "self-paced"),
    ("Advanced EEG Artifacts", "2.5", "live"),
    ("MSLT and MWT Protocols", "1.75", "live"),
    ("Pediatric Sleep Grand Rounds", "3", "live"),
    ("Ethics for Sleep Technologists", "0.5", "self-paced"),
]
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
FIRST = ["Ada", "Grace", "José", "Zoë", "Mary-Jane", "Olu", "Amélie", "Siobhán", "Li", "Omar"]
LAST = ["Lovelace", "Hopper", "Núñez", "O'Brien", "Okafor", "Kowalski", "Nguyễn", "Smith"]


def main() -> None:
    rng = random.Random(2026)
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "rosters").mkdir(parents=True)
    accounts = _accounts(rng)
    applications: list[dict[str, object]] = []
    approved: list[tuple[dict[str, object], str]] = []
    serial = 0
    for year in (2024, 2025, 2026):
        for month in range(1, 13):
            if year == 2026 and month > 10:
                break
            for _ in range(rng.randint(3, 6)):
                serial += 1
                title, cecs, form = rng.choice(PROGRAMS)
                application = _application(rng, serial, year, month, title, cecs, form)
                applications.append(application)
                if rng.random() < 0.35:
                    approved.append((application, f"PRG-{year}-{serial:04d}"))
    with (OUT / "applications.jsonl").open("w", encoding="utf-8", newline="\n") as out:
        for application in applications:
            out.write(json.dumps(application, ensure_ascii=False) + "\n")
    with (OUT / "accounts.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["aast_id", "first_name", "last_name", "kind"])
        writer.writerows(accounts)
    index = []
    for application, program_id in approved:
        program = application["program"]
        assert isinstance(program, dict)
        offering = application["offerings"][0]  # type: ignore[index]
        end = date.fromisoformat(offering["end"])
        late = rng.random() < 0.15
        reported = end + timedelta(days=rng.randint(46, 60) if late else rng.randint(3, 40))
        name = f"rosters/{program_id}.csv"
        _roster(rng, OUT / name, program_id, offering, accounts, program["format"] == "self-paced")
        index.append(
            [
                name,
                f"{application['reference']} roster",
                program_id,
                program["title"],
                program["cecs"],
                program["format"],
                f"{offering['start']}:{offering['end']}",
                reported.isoformat(),
            ]
        )
    with (OUT / "rosters.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["file", "reference", "program_id", "title", "cecs", "format", "offering", "reported"]
        )
        writer.writerows(index)
    print(f"wrote {len(applications)} applications and {len(index)} rosters to {OUT}")


def _accounts(rng: random.Random) -> list[list[str]]:
    rows = []
    for number in range(1, 161):
        kind = "guest" if number % 5 == 0 else "member"
        rows.append([f"A{1000 + number}", rng.choice(FIRST), rng.choice(LAST), kind])
    return rows


def _application(
    rng: random.Random, serial: int, year: int, month: int, title: str, cecs: str, form: str
) -> dict[str, object]:
    zone = ZoneInfo(rng.choice(ZONES))
    day = date(year, month, rng.randint(1, 28))
    hour = time(23, 30) if rng.random() < 0.1 else time(rng.randint(8, 17), rng.choice([0, 15, 45]))
    submitted = datetime.combine(day, hour, tzinfo=zone)
    lead = rng.choice([-3, 5, 12, 20, 29, 30, 31, 35, 45, 60, 90, 120])
    count = 1 if form == "self-paced" else rng.choice([1, 1, 1, 2, 3, 4])
    offerings = []
    start = day + timedelta(days=lead)
    for _ in range(count):
        length = 0 if form == "self-paced" or rng.random() < 0.7 else rng.randint(1, 2)
        end = start + timedelta(days=length)
        offerings.append({"start": start.isoformat(), "end": end.isoformat()})
        start += timedelta(days=rng.choice([7, 14, 28]))
    return {
        "reference": f"APP-{year}-{serial:04d}",
        "program": {"program_id": None, "title": title, "cecs": cecs, "format": form},
        "offerings": offerings,
        "submitted": submitted.isoformat(),
        "calendar_listing": rng.random() < 0.5,
    }


def _roster(
    rng: random.Random,
    path: Path,
    program_id: str,
    offering: dict[str, str],
    accounts: list[list[str]],
    self_paced: bool,
) -> None:
    start, end = date.fromisoformat(offering["start"]), date.fromisoformat(offering["end"])
    rows = []
    for aast_id, first, last, _ in rng.sample(accounts, rng.randint(6, 30)):
        done = start + timedelta(days=rng.randint(0, (end - start).days))
        if self_paced:
            done = start + timedelta(days=rng.randint(0, 20))
        when = done.isoformat() if rng.random() < 0.6 else f"{done.month}/{done.day}/{done.year}"
        rows.append([program_id, aast_id, first, last, when])
    defect = rng.random()
    if defect < 0.25:
        rows.append([program_id, "A9999", "Pat", "Unknown", start.isoformat()])
    elif defect < 0.45:
        rows.append(list(rows[0]))
    elif defect < 0.6:
        rows[1][2] = rows[1][2] + "a"
    elif defect < 0.7:
        day = start.day + 12 if start.day < 17 else start.day  # past 12: shows day-first order
        rows[-1][4] = f"{day}/{start.month}/{start.year}"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
