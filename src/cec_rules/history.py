"""A program's past applications and rosters, read from a simple export, so that a
candidate policy can be compared over what really happened.

The export is a directory (``docs/history.md`` describes it in full)::

    applications.jsonl   one application a line, as Application.to_dict writes it
    applications.csv     or the same as CSV: reference, program_id, title, cecs,
                         format, offerings, submitted, calendar_listing
    accounts.csv         the accounts: aast_id, first_name, last_name, kind
    rosters.csv          the index: file, reference, program_id, title, cecs,
                         format, offering, reported
    rosters/             the roster files the index names (CSV or workbooks)

It is read with the care an upload gets: a record that cannot be read does not
stop the others; it becomes a :class:`HistoryProblem` naming the file and the
line, and :func:`read_history` returns every case it could read with every
problem it met.  A directory that is not such an export at all (no index of
applications or rosters, accounts that cannot be read, a roster path that
leads outside the directory) is an :class:`~cec_rules.errors.InvalidHistory`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import attrs

from cec_rules.accounts import AccountRepository, InMemoryRepository
from cec_rules.compare import RosterCase
from cec_rules.errors import CecRulesError, InvalidHistory
from cec_rules.program import Application, Offering, Program

__all__ = ["HistoryProblem", "PastCases", "read_history"]

#: The columns of applications.csv, and of the roster index, rosters.csv.
APPLICATION_COLUMNS = (
    "reference",
    "program_id",
    "title",
    "cecs",
    "format",
    "offerings",
    "submitted",
    "calendar_listing",
)
ROSTER_COLUMNS = (
    "file",
    "reference",
    "program_id",
    "title",
    "cecs",
    "format",
    "offering",
    "reported",
)

T = TypeVar("T")

# The most a line of the export's own files may hold: an application or an index
# entry is a few hundred characters.
_MAX_LINE = 65_536


@attrs.frozen
class HistoryProblem:
    """A record of the export that could not be read: the ``file`` (relative to the
    export), its ``line`` (1 for a CSV header, as a spreadsheet counts; ``None`` for
    the file as a whole) and what is wrong."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.message}"


@attrs.frozen(kw_only=True)
class PastCases:
    """What :func:`read_history` read: the applications and rosters, and the records it
    could not read."""

    applications: tuple[Application, ...]
    rosters: tuple[RosterCase, ...]
    problems: tuple[HistoryProblem, ...] = ()

    def describe(self) -> str:
        """One sentence: what was read, and how many records were not."""
        text = f"{len(self.applications)} past applications and {len(self.rosters)} rosters"
        if self.problems:
            text += f"; {len(self.problems)} records could not be read and are left out"
        return text


def read_history(directory: str | os.PathLike[str]) -> PastCases:
    """Read a program's past applications and rosters from an export ``directory``.

    Raises :class:`~cec_rules.errors.InvalidHistory` when the directory is not an
    export: it lacks both applications and a roster index, its accounts cannot be
    read while it has rosters, or the index names a file outside it.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InvalidHistory(f"{str(root)!r} is not a directory holding a history export")
    problems: list[HistoryProblem] = []
    applications = tuple(_applications(root, problems))
    index = root / "rosters.csv"
    rosters: tuple[RosterCase, ...] = ()
    if index.is_file():
        repository = _accounts(root)
        rosters = tuple(_rosters(root, repository, problems))
    elif not applications and not problems and not _has_applications(root):
        raise InvalidHistory(
            f"{str(root)!r} holds neither applications.jsonl, applications.csv nor "
            "rosters.csv; see docs/history.md for the export's layout"
        )
    return PastCases(applications=applications, rosters=rosters, problems=tuple(problems))


def _has_applications(root: Path) -> bool:
    return (root / "applications.jsonl").is_file() or (root / "applications.csv").is_file()


def _applications(root: Path, problems: list[HistoryProblem]) -> Iterator[Application]:
    jsonl, table = root / "applications.jsonl", root / "applications.csv"
    if jsonl.is_file():
        yield from _jsonl_applications(jsonl, problems)
    if table.is_file():
        for line, record in _csv_records(table, APPLICATION_COLUMNS, problems):
            application = _read(table.name, line, problems, _application, record)
            if application is not None:
                yield application


def _jsonl_applications(path: Path, problems: list[HistoryProblem]) -> Iterator[Application]:
    with path.open(encoding="utf-8-sig", errors="strict", newline="") as stream:
        line = 0
        while True:
            line += 1
            try:
                text = stream.readline(_MAX_LINE + 1)
                if len(text) > _MAX_LINE:
                    # Skip the rest of the line, a bounded read at a time.
                    while (rest := stream.readline(_MAX_LINE)) and not rest.endswith("\n"):
                        pass
                    problems.append(
                        HistoryProblem(path.name, line, "longer than 65,536 characters")
                    )
                    continue
            except UnicodeDecodeError:
                problems.append(HistoryProblem(path.name, line, "not UTF-8 text; save as UTF-8"))
                return
            if not text:
                return
            if not text.strip():
                continue
            application = _read(path.name, line, problems, _from_json, text)
            if application is not None:
                yield application


def _from_json(text: str) -> Application:
    from decimal import Decimal

    try:
        data = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as error:
        raise InvalidHistory(f"not a JSON object: {error}") from None
    if not isinstance(data, Mapping):
        raise InvalidHistory(f"not a JSON object but {type(data).__name__}")
    return Application.from_dict(data)


def _application(record: dict[str, str]) -> Application:
    offerings = [_offering(part) for part in record["offerings"].split(";") if part.strip()]
    listing = record["calendar_listing"].strip().casefold()
    if listing not in ("", "true", "false", "yes", "no"):
        raise InvalidHistory(f"calendar_listing is true or false, not {listing!r}")
    return Application.from_dict(
        {
            "reference": record["reference"].strip(),
            "program": {
                "title": record["title"].strip(),
                "cecs": record["cecs"].strip(),
                "format": record["format"].strip() or "live",
                "program_id": record["program_id"].strip() or None,
            },
            "offerings": offerings,
            "submitted": record["submitted"].strip(),
            "calendar_listing": listing in ("true", "yes"),
        }
    )


def _offering(text: str) -> dict[str, str]:
    start, _, end = text.strip().partition(":")
    return {"start": start.strip(), "end": (end or start).strip()}


def _accounts(root: Path) -> AccountRepository:
    path = root / "accounts.csv"
    if not path.is_file():
        raise InvalidHistory(f"{str(root)!r} has rosters.csv but no accounts.csv")
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return InMemoryRepository.from_csv(stream)
    except UnicodeDecodeError:
        raise InvalidHistory("accounts.csv is not UTF-8 text; save it as UTF-8") from None
    except CecRulesError as error:
        raise InvalidHistory(f"accounts.csv: {error}") from None


def _rosters(
    root: Path, repository: AccountRepository, problems: list[HistoryProblem]
) -> Iterator[RosterCase]:
    index = root / "rosters.csv"
    inside = root.resolve()
    for line, record in _csv_records(index, ROSTER_COLUMNS, problems):
        file = record["file"].strip()
        path = (root / file).resolve()
        if not path.is_relative_to(inside):
            raise InvalidHistory(
                f"rosters.csv, line {line}: {file!r} is outside the export; name roster "
                "files by their path inside it, such as rosters/2026-03.csv"
            )
        case = _read(index.name, line, problems, _roster, record, path, repository)
        if case is not None:
            yield case


def _roster(record: dict[str, str], path: Path, repository: AccountRepository) -> RosterCase:
    if not path.is_file():
        raise InvalidHistory(f"no roster file {record['file'].strip()!r}")
    parts = _offering(record["offering"])
    offering = Offering(_date(parts["start"], "offering"), _date(parts["end"], "offering"))
    program = Program(
        title=record["title"].strip(),
        cecs=record["cecs"].strip(),
        format=record["format"].strip() or "live",
        program_id=record["program_id"].strip() or None,
    )
    reported = _date(record["reported"], "reported")
    return RosterCase(
        reference=record["reference"].strip() or record["file"].strip(),
        program=program,
        offering=offering,
        source=path.read_bytes(),
        repository=repository,
        reported_at=reported,
    )


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidHistory(
            f"{field} must be an ISO date such as 2026-03-20, not {text.strip()!r}"
        ) from None


def _csv_records(
    path: Path, columns: tuple[str, ...], problems: list[HistoryProblem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each record of a CSV file of the export with its line, as a mapping of the
    ``columns`` (named in any case; others ignored).  A file that lacks a column, is
    not UTF-8 or is not CSV stops with a problem; a record of another width is one."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(HistoryProblem(path.name, None, "not UTF-8 text; save it as UTF-8"))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [cell.strip().casefold() for cell in next(reader, [])]
        missing = [name for name in columns if name not in header]
        if missing:
            problems.append(HistoryProblem(path.name, 1, f"the header lacks {', '.join(missing)}"))
            return
        places = {name: header.index(name) for name in columns}
        for cells in reader:
            line = reader.line_num
            if not "".join(cells).strip():
                continue
            if len(cells) != len(header):
                message = f"{len(cells)} cells where the header has {len(header)}"
                problems.append(HistoryProblem(path.name, line, message))
                continue
            yield line, {name: cells[place] for name, place in places.items()}
    except csv.Error as error:
        problems.append(HistoryProblem(path.name, reader.line_num, f"not CSV here: {error}"))


def _read(
    file: str, line: int, problems: list[HistoryProblem], read: Callable[..., T], *args: Any
) -> T | None:
    """What ``read(*args)`` returns, or ``None`` with the library's error as a problem."""
    try:
        return read(*args)
    except CecRulesError as error:
        problems.append(HistoryProblem(file, line, str(error)))
        return None
