"""Fuzz tests of every entry point that takes outside data.

Only a result or one of the library's own errors (:class:`CecRulesError`) may
come out, and every roster row is in the report exactly once (`row-conservation`):

- roster bytes, text streams and records from JSON (:func:`check_roster`),
  under live and self-paced programs, extensions and small limits;
- TOML text for policies and schedules: only :class:`InvalidPolicy` may be raised;
- :meth:`Application.from_dict` with any JSON-like data;
- lifecycle :class:`Event` values of any kind, amount and date;
- accounts CSV text (:meth:`InMemoryRepository.from_csv`);
- the command line, with arguments built from its real commands and options.

The budget is the Hypothesis profile's (``ci``, ``dev`` or ``nightly``, see
conftest.py); the slow CLI tests run a fraction of it.  The tests of
`test_roster_properties.py` already cover arbitrary cells, arbitrary bytes after
a header and CSV-like fragments; this file adds what reaches the reader from
elsewhere.
"""

from __future__ import annotations

import contextlib
import csv
import decimal
import io
import json
import math
import os
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cec_rules.accounts import Account, InMemoryRepository
from cec_rules.cli import main
from cec_rules.deadlines import last_report_day
from cec_rules.errors import CecRulesError, InvalidAmount, InvalidPolicy, PolicyNotInForce
from cec_rules.fees import assess_application
from cec_rules.lifecycle import Event, EventKind, fold
from cec_rules.policy import (
    DEFAULT_POLICY,
    Policy,
    PolicySchedule,
    PolicyVersion,
    as_schedule,
    load_toml,
    policy_from_toml,
    schedule_from_toml,
)
from cec_rules.program import Application, Offering, Program, ProgramFormat
from cec_rules.roster import FIELDS, RosterReport, check_roster

#: A fraction of the profile's budget, for tests whose examples are slow.
_BUDGET = settings().max_examples
slow = settings(max_examples=max(5, _BUDGET // 5), suppress_health_check=[HealthCheck.too_slow])
#: The CLI's check-policy and compare commands run Hypothesis searches of their own.
nested = settings(slow, suppress_health_check=[HealthCheck.too_slow, HealthCheck.nested_given])

PROGRAM = Program(title="Scoring sleep studies", cecs=2, program_id="PRG-1")
SELF_PACED = attrs.evolve(PROGRAM, format=ProgramFormat.SELF_PACED)
OFFERING = Offering(date(2026, 3, 2), date(2026, 3, 6))
REPORTED = date(2026, 3, 20)
HEADER = ["Program ID", "AAST ID", "First Name", "Last Name", "Completion Date"]
REPOSITORY = InMemoryRepository(
    [
        Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member"),
        Account(aast_id="G1", first_name="Zoë", last_name="Saldaña", kind="guest"),
        Account(aast_id="R1", first_name="Mary", last_name="Reported", kind="member"),
    ],
    reported={("PRG-1", OFFERING): ["R1"]},
)
APPLICATION = Application(
    program=Program(title="Scoring sleep studies", cecs=2),
    offerings=[OFFERING, Offering(date(2026, 2, 1))],
    submitted=date(2026, 2, 10),
)
ROSTER = (
    "\ufeffProgram ID,AAST ID,First Name,Last Name,Completion Date\r\n"
    "PRG-1,A1,Ada,Lovelace,2026-03-02\r\nPRG-1,G1,Zoe,Saldana,3/6/2026\r\n"
    "PRG-1,Z9,,x,2026-03-09\r\n,,,,\r\n"
).encode()
SMALL = attrs.evolve(DEFAULT_POLICY, max_cell_length=40, max_roster_rows=12, name_max_length=8)


def accounted(report: RosterReport) -> list[int]:
    """Every row number in the report (accepted, refused, blank), sorted."""
    numbers = [*report.accepted.rows, *(r.row for r in report.refused), *report.blank_rows]
    return sorted(numbers)


def assert_conserved(report: RosterReport) -> None:
    """`row-conservation`: rows 2 .. n + 1 each once; a refused file accepts nothing."""
    assert list(range(2, report.data_rows + 2)) == accounted(report)
    if report.file_refused:
        assert 0 == report.data_rows
    report.to_dict()
    report.to_rows()
    report.write_findings_csv(io.StringIO())
    assert report.explanation


# ----------------------------------------------------------------------------
# Rosters

#: The ways one roster may be checked: program format, policy limits, a staff extension
#: (on or after the offering's end: an earlier one is refused before any row is read).
roster_settings = st.fixed_dictionaries(
    {
        "program": st.sampled_from([PROGRAM, SELF_PACED]),
        "policy": st.sampled_from([DEFAULT_POLICY, SMALL]),
        "extension": st.one_of(st.none(), st.dates(OFFERING.end, date(2026, 6, 1))),
        "reported_at": st.one_of(
            st.dates(date(2026, 2, 20), date(2026, 6, 1)),
            st.datetimes(
                datetime(2026, 2, 20), datetime(2026, 6, 1), timezones=st.just(timezone.utc)
            ),
        ),
    }
)

CSV_FRAGMENTS = [
    '"',
    '""',
    ",",
    ";",
    "\t",
    "|",
    "\r",
    "\n",
    "\r\n",
    "\ufeff",
    "\x00",
    "\u200b",
    " ",
    *HEADER,
    *FIELDS,
    "AAST-ID",
    "aast id",
    "Notes",
    "PRG-1",
    "prg-1",
    "A1",
    " G1 ",
    "R1",
    "Ada",
    "Zoë",
    "Lovelace",
    "Saldaña",
    "2026-03-02",
    "3/4/2026",
    "13/4/2026",
    "46000",
    "=1+1",
    "1.23457E+11",
    "A1.0",
    "x" * 45,
    "é" * 300,
]
#: Bytes that no UTF-8 text holds, and Windows-1252's undefined bytes.
RAW_BYTES = [b"\xff", b"\xfe", b"\x80", b"\x81", b"\x8d", b"\xc3", b"\xe9", b"\xed\xa0\x80"]

csv_text = st.lists(st.sampled_from(CSV_FRAGMENTS), max_size=60).map("".join)


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """Bytes built from CSV fragments: a header often, raw non-UTF-8 bytes sometimes."""
    parts: list[bytes] = []
    if draw(st.booleans()):
        separator = draw(st.sampled_from([",", ";", "\t"]))
        bom = draw(st.sampled_from(["", "\ufeff"]))
        parts.append(
            (bom + separator.join(HEADER) + draw(st.sampled_from(["\r\n", "\n"]))).encode()
        )
    pieces = st.one_of(
        st.sampled_from(CSV_FRAGMENTS).map(str.encode),
        st.sampled_from(RAW_BYTES),
        st.binary(max_size=6),
    )
    parts += draw(st.lists(pieces, max_size=60))
    return b"".join(parts)


class TestRosterBytes:
    """Roster bytes and streams give a report that accounts for every row."""

    @given(csv_bytes(), roster_settings, st.sampled_from(["bytes", "bytearray", "stream"]))
    def test_csv_fragments(self, data: bytes, options: dict[str, Any], kind: str) -> None:
        """Bytes from CSV fragments, under any program format and settings (`row-conservation`)."""
        source: Any = {"bytes": data, "bytearray": bytearray(data), "stream": io.BytesIO(data)}
        report = check_roster(source[kind], offering=OFFERING, repository=REPOSITORY, **options)
        assert_conserved(report)

    @given(st.binary(max_size=300), roster_settings)
    def test_arbitrary_bytes(self, data: bytes, options: dict[str, Any]) -> None:
        """Arbitrary bytes under any settings."""
        report = check_roster(data, offering=OFFERING, repository=REPOSITORY, **options)
        assert_conserved(report)

    @given(csv_bytes())
    def test_unseekable_stream(self, data: bytes) -> None:
        """A stream that cannot seek back is refused as undecodable, never half-read."""

        class Pipe(io.RawIOBase):
            def __init__(self, data: bytes) -> None:
                self._data = io.BytesIO(data)

            def readable(self) -> bool:
                return True

            def readinto(self, buffer: Any) -> int:
                chunk = self._data.read(len(buffer))
                buffer[: len(chunk)] = chunk
                return len(chunk)

        stream = io.BufferedReader(Pipe(data))
        report = check_roster(
            stream, program=PROGRAM, offering=OFFERING, repository=REPOSITORY, reported_at=REPORTED
        )
        assert_conserved(report)

    @given(csv_text, roster_settings, st.sampled_from(["", "\n", "\r\n", None]))
    def test_text_stream(self, text: str, options: dict[str, Any], newline: str | None) -> None:
        """A text stream opened with any newline mode."""
        source = io.StringIO(text, newline=newline)
        report = check_roster(source, offering=OFFERING, repository=REPOSITORY, **options)
        assert_conserved(report)

    @given(
        st.lists(st.lists(st.sampled_from(CSV_FRAGMENTS) | st.text(max_size=8), max_size=7)),
        st.sampled_from([",", ";", "\t"]),
        roster_settings,
    )
    def test_quoted_rows(
        self, rows: list[list[str]], delimiter: str, options: dict[str, Any]
    ) -> None:
        """Cells with quotes, separators and line breaks, correctly quoted: every record is a row
        (`row-numbers`)."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
        report = check_roster(
            out.getvalue().encode(), offering=OFFERING, repository=REPOSITORY, **options
        )
        assert_conserved(report)
        if not report.file_refused:
            assert len(rows) == report.data_rows


#: Values as JSON decoding gives them, nested a little.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.sampled_from(CSV_FRAGMENTS),
    # json.loads('"\\ud800"') gives a lone surrogate: JSON text can carry one.
    st.sampled_from(["\ud800", "Ada\udfff", "\udc80\u0301"]),
)


def json_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Lists and objects of ``inner`` values."""
    return st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)


json_values = st.recursive(json_scalars, json_containers, max_leaves=6)
record_keys = st.one_of(
    st.sampled_from([*HEADER, *FIELDS, "aast id", " AAST ID ", "Notes"]),
    st.text(max_size=8),
    st.integers(),
    st.none(),
    st.floats(allow_nan=False),
)


class TestRosterRecords:
    """Records as a service gets them from JSON: every record is a row of the report."""

    @given(
        st.lists(
            st.one_of(
                st.dictionaries(record_keys, json_values, max_size=7),
                st.fixed_dictionaries(dict.fromkeys(FIELDS, json_values)),
                json_values,
            ),
            max_size=15,
        ),
        roster_settings,
        st.sampled_from([list, tuple, iter]),
    )
    def test_records(
        self, records: list[Any], options: dict[str, Any], container: Callable[[Any], Any]
    ) -> None:
        """Any JSON values, in a list, a tuple or a one-pass iterator (`row-conservation`)."""
        report = check_roster(
            container(records), offering=OFFERING, repository=REPOSITORY, **options
        )
        assert_conserved(report)
        if not report.file_refused:
            assert len(records) == report.data_rows

    @given(st.lists(st.fixed_dictionaries(dict.fromkeys(FIELDS, json_values)), max_size=15))
    def test_records_from_json(self, records: list[dict[str, Any]]) -> None:
        """Records that went through ``json`` and back keep every row."""
        text = json.dumps(records, allow_nan=True)
        report = check_roster(
            json.loads(text),
            program=PROGRAM,
            offering=OFFERING,
            repository=REPOSITORY,
            reported_at=REPORTED,
        )
        assert_conserved(report)
        assert len(records) == report.data_rows


# ----------------------------------------------------------------------------
# TOML policies and schedules

POLICY_KEYS = [f.name for f in attrs.fields(Policy) if f.init]
VERSION_KEYS = ["effective_from", "effective_until"]


def toml_string(text: str) -> str:
    """Quote ``text`` as a TOML basic string."""
    escaped = "".join(
        "\\" + c if c in '"\\' else f"\\u{ord(c):04x}" if c < " " or c == "\x7f" else c
        for c in text
    )
    return f'"{escaped}"'


def toml_float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


toml_dates = st.dates(date(1, 1, 1), date(9999, 12, 31))
toml_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(["0", "-1", "1", "45", "30", "9223372036854775807", "0x10", "1_000"]),
    st.floats().map(toml_float),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.text(max_size=12).map(toml_string),
    st.sampled_from(
        [
            '"50.00"',
            '"-0"',
            '"1e999999"',
            '"NaN"',
            '"Infinity"',
            '"0.25"',
            '"0"',
            '"ROUND_HALF_UP"',
            '"warn"',
            '"refuse"',
            '"America/Chicago"',
            '"America"',
            '"UTC"',
            '"../etc/passwd"',
            '"["',
            '"(a"',
            '"a{1,100000}"',
        ]
    ).map(str),
    toml_dates.map(date.isoformat),
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)).map(datetime.isoformat),
    st.times().map(time.isoformat),
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.just(timezone.utc)).map(
        datetime.isoformat
    ),
)


def toml_containers(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """TOML arrays and inline tables of ``inner`` values."""
    arrays = st.lists(inner, max_size=3).map(lambda v: "[" + ", ".join(v) + "]")
    tables = st.dictionaries(st.sampled_from([*POLICY_KEYS, "x"]), inner, max_size=2).map(
        lambda table: "{" + ", ".join(f"{k} = {v}" for k, v in table.items()) + "}"
    )
    return arrays | tables


toml_values = st.recursive(toml_scalars, toml_containers, max_leaves=4)
policy_keys = st.one_of(st.sampled_from(POLICY_KEYS), st.sampled_from(["x", "Label", '"label"']))


def toml_table(keys: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Lines ``key = value`` with distinct keys."""
    return st.dictionaries(keys, toml_values, max_size=6).map(
        lambda table: "".join(f"{k} = {v}\n" for k, v in table.items())
    )


@st.composite
def schedules(draw: st.DrawFn) -> str:
    """A schedule: [[versions]] tables of dates and policy keys, sometimes with stray keys."""
    text = draw(toml_table(st.sampled_from(["x", "label"]))) if draw(st.booleans()) else ""
    for _ in range(draw(st.integers(0, 3))):
        text += "[[versions]]\n"
        for key in VERSION_KEYS:
            if draw(st.integers(0, 3)):
                value = draw(st.one_of(toml_dates.map(date.isoformat), toml_values))
                text += f"{key} = {value}\n"
        text += draw(toml_table(policy_keys))
    if draw(st.booleans()):
        text += draw(st.sampled_from(["versions = []\n", "versions = 1\n", "[versions]\n"]))
    return text


toml_texts = st.one_of(
    st.text(max_size=80),
    toml_table(policy_keys),
    schedules(),
    st.lists(
        st.sampled_from(["[", "]", "[[versions]]", "=", '"', "'''", "\n", "label", "#", "{", "}"]),
        max_size=20,
    ).map("".join),
)


def _parse_policy(reader: Callable[[str], object], text: str) -> None:
    try:
        result = reader(text)
    except InvalidPolicy:
        return
    assert isinstance(result, (Policy, PolicySchedule))
    if isinstance(result, PolicySchedule):
        for version in result.versions:
            result.at(version.effective_from)
    else:
        assert result == policy_from_toml(result.to_toml())
    # A policy that reads is usable: its answers are results or the library's errors.
    with contextlib.suppress(CecRulesError):
        assess_application(APPLICATION, result).to_dict()
    try:
        report = check_roster(
            ROSTER,
            program=PROGRAM,
            offering=OFFERING,
            repository=REPOSITORY,
            reported_at=REPORTED,
            policy=result,
        )
    except CecRulesError:
        return
    assert_conserved(report)
    assert report.filing_fee >= 0


class TestToml:
    """Any text given as TOML gives a policy or schedule, or raises InvalidPolicy."""

    @given(toml_texts)
    def test_policy_from_toml(self, text: str) -> None:
        """policy_from_toml: a policy (which round-trips through to_toml) or InvalidPolicy."""
        _parse_policy(policy_from_toml, text)

    @given(toml_texts)
    def test_schedule_from_toml(self, text: str) -> None:
        """schedule_from_toml: a schedule whose every version can be picked, or InvalidPolicy."""
        _parse_policy(schedule_from_toml, text)

    @given(toml_texts)
    def test_load_toml(self, text: str) -> None:
        """load_toml: either kind, or InvalidPolicy."""
        _parse_policy(load_toml, text)

    @given(st.one_of(st.none(), st.integers(), st.binary(max_size=5), st.lists(st.text())))
    def test_not_text(self, value: Any) -> None:
        """A value that is not text is refused with InvalidPolicy too."""
        for reader in (policy_from_toml, schedule_from_toml, load_toml):
            with pytest.raises(InvalidPolicy):
                reader(value)


# ----------------------------------------------------------------------------
# Applications from JSON and lifecycle events

iso_dates = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(["2026-02-30", "2026-13-01", "20260301", "3/1/2026", "", "2026-03-01T00:00"]),
)
iso_moments = st.one_of(
    iso_dates,
    st.datetimes(timezones=st.none() | st.timezones()).map(datetime.isoformat),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=14)))).map(datetime.isoformat),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=-12)))).map(datetime.isoformat),
)


def maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``values``, sometimes any JSON value instead."""
    return st.one_of(values, values, json_values)


application_data = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "program": maybe(
                st.fixed_dictionaries(
                    {"title": maybe(st.text(max_size=8)), "cecs": maybe(st.text(max_size=6))},
                    optional={
                        "format": maybe(st.sampled_from(["live", "self-paced", "LIVE"])),
                        "program_id": maybe(st.none() | st.text(max_size=6)),
                    },
                )
            ),
            "offerings": maybe(
                st.lists(
                    maybe(
                        st.fixed_dictionaries(
                            {"start": maybe(iso_dates)}, optional={"end": maybe(iso_dates)}
                        )
                    ),
                    max_size=3,
                )
            ),
            "submitted": maybe(iso_moments),
        },
        optional={
            "calendar_listing": maybe(st.booleans()),
            "reference": maybe(st.text(max_size=5)),
            "extra": json_values,
        },
    ),
)


class TestApplicationFromDict:
    """Application.from_dict with any JSON-like data: an application or the library's error."""

    @given(application_data)
    def test_from_dict(self, data: Any) -> None:
        """Only CecRulesError subclasses come out; an application round-trips through to_dict."""
        try:
            application = Application.from_dict(data)
        except CecRulesError:
            return
        assert application == Application.from_dict(application.to_dict())
        try:
            assessment = assess_application(application)
        except CecRulesError:
            return
        assessment.to_dict()


event_amounts = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=8),
    st.sampled_from(["10.00", "0.005", "-0", "1e-2", "1E+2", "NaN", "sNaN", "1e999999999"]),
    json_values,
)


class TestEvents:
    """Events of any kind, amount, roster and date: an event or the library's error."""

    @given(
        st.lists(
            st.fixed_dictionaries(
                {
                    "on": st.one_of(st.dates(), st.datetimes(), json_values),
                    "kind": st.one_of(st.sampled_from([k.value for k in EventKind]), json_values),
                    "amount": event_amounts,
                    "roster": st.one_of(st.none(), st.text(max_size=4), json_values),
                }
            ),
            max_size=6,
        )
    )
    def test_events(self, fields: list[dict[str, Any]]) -> None:
        """Each event is built or refused with a CecRulesError; the built ones fold or are
        refused the same way."""
        events = []
        for values in fields:
            try:
                events.append(Event(**values))
            except CecRulesError:
                pass
            except TypeError:
                # ``on`` that is not a date at all is a caller's type error, as
                # test_lifecycle.py pins (text-date); every other refusal is the library's.
                assert not isinstance(values["on"], date)
        try:
            history = fold(events)
        except CecRulesError:
            return
        history.to_dict()


# ----------------------------------------------------------------------------
# Accounts files

account_csv = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            [
                "aast_id,first_name,last_name,kind\r\n",
                "aast_id,first_name,last_name\n",
                "A1,Ada,Lovelace,member\n",
                "G1,Zoë,Saldaña,guest\n",
                "A1,Ada,Again,member\n",
                "X,,,admin\n",
                '"',
                ",",
                "\n",
                "\ufeff",
                "\x00",
                "\r",
            ]
        ),
        max_size=10,
    ).map("".join),
)


class TestAccountsCsv:
    """An accounts CSV gives a repository or InvalidAccount."""

    @given(account_csv, st.sampled_from(["", "\n"]))
    def test_from_csv(self, text: str, newline: str) -> None:
        """Only the library's errors come out of from_csv, whether or not the stream was
        opened with newline="" (without it, a lone carriage return is not a line end)."""
        try:
            repository = InMemoryRepository.from_csv(io.StringIO(text, newline=newline))
        except CecRulesError:
            return
        repository.accounts(["A1", "G1"], on=REPORTED)


# ----------------------------------------------------------------------------
# The command line

cli_dates = st.one_of(
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.dates(),
    st.sampled_from([date.min, date.max, date(2026, 3, 2)]),
).map(date.isoformat)
cli_moments = st.one_of(
    cli_dates,
    st.datetimes(timezones=st.timezones() | st.just(timezone.utc)).map(datetime.isoformat),
    st.datetimes().map(datetime.isoformat),
)
garbage = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["", "-", "--", "nan", "-1", "1e999999", "sNaN", "2026-02-30", "--json"]),
)
cli_numbers = st.one_of(
    st.decimals(allow_nan=True).map(str),
    st.integers(-5, 200).map(str),
    st.sampled_from(["2.5", "0.25", "0", "1e3"]),
)
cli_offerings = st.one_of(
    cli_dates,
    st.tuples(cli_dates, cli_dates).map(":".join),
    garbage,
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Temporary files the fuzzed command lines name (the contents are rewritten per example)."""
    root = tmp_path_factory.mktemp("cli")
    paths = {
        name: root / name
        for name in ("roster.csv", "accounts.csv", "policy.toml", "candidate.toml", "out.csv")
    }
    paths["roster.csv"].write_bytes(b"")
    paths["accounts.csv"].write_text("aast_id,first_name,last_name,kind\nA1,Ada,Lovelace,member\n")
    for name in ("policy.toml", "candidate.toml"):
        paths[name].write_text("")
    (root / "folder").mkdir()
    out = {name: str(path) for name, path in paths.items()}
    out["folder"] = str(root / "folder")
    out["missing"] = str(root / "missing" / "file")
    return out


def cli_path(files: dict[str, str], name: str) -> st.SearchStrategy[str]:
    """Mostly the named file, sometimes a folder, a missing path, standard input (which
    pytest does not let be read) or garbage."""
    return st.one_of(
        st.just(files[name]),
        st.just(files[name]),
        st.sampled_from([files["folder"], files["missing"], "-"]),
        garbage,
    )


def output_path(files: dict[str, str]) -> st.SearchStrategy[str]:
    """Where ``--findings-csv`` writes: mostly the output file, sometimes a folder, a
    missing folder or an odd name, always inside the temporary folder (never the
    working directory, and never an absolute path the garbage happens to spell)."""
    root = os.path.dirname(files["out.csv"])
    odd = garbage.filter(lambda text: "/" not in text).map(lambda text: os.path.join(root, text))
    return st.one_of(
        st.just(files["out.csv"]),
        st.just(files["out.csv"]),
        st.sampled_from([files["folder"], files["missing"]]),
        odd,
    )


def option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """``[name, value]`` usually, ``[]`` sometimes (to miss a required option)."""
    return st.one_of(values.map(lambda v: [name, v]), values.map(lambda v: [name, v]), st.just([]))


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


def argvs(files: dict[str, str]) -> st.SearchStrategy[list[str]]:
    """Command lines of the real commands and options, with random values, in random order."""

    # The global options, before the command as well as among its options.
    before = st.sampled_from([[], ["--json"], ["--no-progress"], ["--json", "--no-progress"]])

    def command(name: str, *parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
        return st.tuples(before, *parts, flag("--json"), flag("--no-progress")).flatmap(
            lambda chosen: st.permutations([p for p in chosen[1:] if p]).map(
                lambda order: [*chosen[0], name] + [item for part in order for item in part]
            )
        )

    policy = option("--policy", cli_path(files, "policy.toml"))
    return st.one_of(
        command(
            "quote",
            option("--cecs", cli_numbers | garbage),
            option("--offering", cli_offerings),
            option("--offering", cli_offerings),
            option("--submitted", cli_moments | garbage),
            option("--title", garbage),
            option("--reference", garbage),
            flag("--calendar"),
            policy,
        ),
        command(
            "deadline",
            option("--offering", cli_offerings),
            option("--on", cli_moments | garbage),
            option("--submitted", cli_moments | garbage),
            option("--completion", cli_dates | garbage),
            option("--extension", cli_dates | garbage),
            policy,
        ),
        command(
            "check-roster",
            cli_path(files, "roster.csv").map(lambda p: [p]),
            option("--accounts", cli_path(files, "accounts.csv")),
            option("--program-id", st.sampled_from(["PRG-1", "", " "]) | garbage),
            option("--cecs", cli_numbers | garbage),
            option("--title", garbage),
            option("--offering", cli_offerings),
            option("--reported", cli_moments | garbage),
            flag("--self-paced"),
            option("--extension", cli_dates | garbage),
            policy,
            option("--findings-csv", output_path(files)),
            option("--max-findings", st.sampled_from(["0", "1", "20", "-1", "x"]) | garbage),
            flag("--accepted"),
        ),
        command(
            "compare",
            cli_path(files, "policy.toml").map(lambda p: [p]),
            cli_path(files, "candidate.toml").map(lambda p: [p]),
            st.sampled_from([["--budget", "0"], ["--budget", "-3"], ["--budget", "1"]]),
        ),
        command(
            "check-policy",
            cli_path(files, "candidate.toml").map(lambda p: [p]),
            st.sampled_from(
                [["--budget", "0"], ["--budget", "1"], ["--budget", "-3"], ["--budget", "x"]]
            ),
        ),
        st.lists(garbage, max_size=4),
    )


class TestCommandLine:
    """Any command line returns 0, 1 or 2 and never raises."""

    @nested
    @given(st.data(), csv_bytes(), csv_text, toml_texts, toml_texts)
    def test_main(
        self,
        files: dict[str, str],
        data: st.DataObject,
        roster: bytes,
        accounts: str,
        policy: str,
        candidate: str,
    ) -> None:
        """Random arguments and file contents: an exit code, never an exception."""
        Path(files["roster.csv"]).write_bytes(roster)
        Path(files["accounts.csv"]).write_text(
            "aast_id,first_name,last_name,kind\n" + accounts, encoding="utf-8", errors="replace"
        )
        Path(files["policy.toml"]).write_text(policy, encoding="utf-8", errors="replace")
        Path(files["candidate.toml"]).write_text(candidate, encoding="utf-8", errors="replace")
        argv = data.draw(argvs(files))
        code = main(argv, out=io.StringIO())
        assert code in (0, 1, 2)

    @slow
    @given(st.data())
    def test_dates(self, files: dict[str, str], data: st.DataObject) -> None:
        """Well-formed commands at every date, the ends of the calendar included, with any
        output path for the findings."""
        moments = st.one_of(
            st.dates().map(date.isoformat),
            st.sampled_from(["0001-01-01T00:00+05:00", "9999-12-31T23:59-05:00"]),
        )
        start = data.draw(st.dates())
        end = start + timedelta(days=data.draw(st.integers(0, min(10, (date.max - start).days))))
        offering = f"{start}:{end}"
        day = data.draw(st.dates()).isoformat()
        command = data.draw(st.sampled_from(["quote", "deadline", "check-roster"]))
        argv = {
            "quote": ["quote", "--cecs", "1", "--offering", offering],
            "deadline": ["deadline", "--offering", offering, "--completion", day],
            "check-roster": [
                *("check-roster", files["roster.csv"], "--accounts", files["accounts.csv"]),
                *("--program-id", "PRG-1", "--offering", offering),
                *data.draw(flag("--self-paced")),
                *data.draw(option("--findings-csv", output_path(files))),
            ],
        }[command]
        argv += {"quote": ["--submitted"], "deadline": ["--on"], "check-roster": ["--reported"]}[
            command
        ]
        argv.append(data.draw(moments))
        if command != "quote" and data.draw(st.booleans()):
            argv += ["--extension", day]
        argv += data.draw(flag("--json"))
        Path(files["policy.toml"]).write_text("")
        Path(files["accounts.csv"]).write_text(  # test_main leaves random text in it
            "aast_id,first_name,last_name,kind\nA1,Ada,Lovelace,member\n"
        )
        Path(files["roster.csv"]).write_bytes(
            b"Program ID,AAST ID,First Name,Last Name,Completion Date\r\n"
            + b"PRG-1,A1,Ada,Lovelace,9999-12-31\r\nPRG-1,A1,Ada,Lovelace,0001-01-01\r\n"
        )
        code = main(argv, out=io.StringIO())
        assert code in (0, 1, 2)


# ----------------------------------------------------------------------------
# What the fuzzers found, pinned as named cases

UTC_PLUS_5 = timezone(timedelta(hours=5))
TOKYO_LATE = datetime(9999, 12, 31, 20, 0, tzinfo=timezone.utc)  # 10000-01-01 in Tokyo


class TestFound:
    """Crashes the fuzzers found, each now a result or the library's error."""

    @pytest.mark.parametrize(
        ("moment", "zone"),
        [
            pytest.param(datetime(1, 1, 1, tzinfo=UTC_PLUS_5), "America/Chicago", id="year-0"),
            pytest.param(TOKYO_LATE, "Asia/Tokyo", id="year-10000"),
        ],
    )
    def test_moment_outside_the_calendar(self, moment: datetime, zone: str) -> None:
        """A moment whose local date is outside years 1-9999 is in force under no version."""
        policy = attrs.evolve(DEFAULT_POLICY, time_zone=zone)
        with pytest.raises(PolicyNotInForce, match="falls outside the calendar") as caught:
            as_schedule(policy).resolve(moment, field="submitted")
        assert moment.date() == caught.value.on

    def test_moment_outside_one_zone(self) -> None:
        """A version whose zone puts the moment past 9999 is skipped; another one applies."""
        tokyo = attrs.evolve(DEFAULT_POLICY, label="tokyo", time_zone="Asia/Tokyo")
        schedule = PolicySchedule(
            [
                PolicyVersion(effective_from=date(2020, 1, 1), policy=DEFAULT_POLICY),
                PolicyVersion(effective_from=date(2021, 1, 1), policy=tokyo),
            ]
        )
        assert (date(9999, 12, 31), DEFAULT_POLICY) == schedule.resolve(TOKYO_LATE, field="on")

    def test_submitted_from_json_before_the_calendar(self) -> None:
        """Application.from_dict takes the moment; assessing it raises the library's error."""
        data = {
            "program": {"title": "T", "cecs": "1"},
            "offerings": [{"start": "2026-03-02"}],
            "submitted": "0001-01-01T00:00:00+05:00",
        }
        with pytest.raises(PolicyNotInForce):
            assess_application(Application.from_dict(data))

    @pytest.mark.parametrize(
        ("opens", "days", "expected"),
        [
            pytest.param(date(9999, 12, 1), 45, date.max, id="end-of-calendar"),
            pytest.param(date(9990, 3, 2), 3650, date.max, id="longest-window"),
            pytest.param(date(9999, 11, 16), 45, date.max, id="exactly-the-last-day"),
        ],
    )
    def test_window_outlasts_the_calendar(self, opens: date, days: int, expected: date) -> None:
        """A last day beyond 9999-12-31 is 9999-12-31: open through the calendar's end."""
        policy = attrs.evolve(DEFAULT_POLICY, reporting_window_days=days)
        assert expected == last_report_day(Offering(opens), policy)

    def test_self_paced_window_before_the_calendar(self) -> None:
        """A self-paced window reaching back before year 1 accepts any completion in the
        offering (`self-paced-window`)."""
        policy = attrs.evolve(DEFAULT_POLICY, reporting_window_days=3650)
        offering = Offering(date(1, 1, 1), date(1, 1, 31))
        accounts = InMemoryRepository(
            [Account(aast_id="A1", first_name="Ada", last_name="Lovelace", kind="member")]
        )
        source = [dict(zip(FIELDS, ["PRG-1", "A1", "Ada", "Lovelace", "0001-01-02"], strict=True))]
        report = check_roster(
            source,
            program=SELF_PACED,
            offering=offering,
            repository=accounts,
            reported_at=date(1, 2, 1),
            policy=PolicySchedule.single(policy, effective_from=date(1, 1, 1)),
        )
        assert ("A1",) == report.accepted.aast_ids

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["deadline", "--offering", "9999-12-31", "--on", "9999-12-31"], id="end"),
            pytest.param(
                [
                    *("quote", "--cecs", "1", "--offering", "2026-03-02", "--submitted"),
                    "0001-01-01T00:00+05:00",
                ],
                id="before-year-1",
            ),
        ],
    )
    def test_cli_at_the_ends_of_the_calendar(self, argv: list[str]) -> None:
        """The command line answers at the calendar's ends instead of an OverflowError."""
        assert main(argv, out=io.StringIO()) in (0, 2)

    @pytest.mark.parametrize("where", ["missing/out.csv", "."])
    def test_findings_csv_unwritable(
        self, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--findings-csv to a path that cannot be written is a usage error, not an OSError."""
        roster = tmp_path / "roster.csv"
        roster.write_text(",".join(HEADER) + "\nPRG-1,A1,Ada,Lovelace,2026-03-02\n")
        accounts = tmp_path / "accounts.csv"
        accounts.write_text("aast_id,first_name,last_name,kind\nA1,Ada,Lovelace,member\n")
        argv = [
            *("check-roster", str(roster), "--accounts", str(accounts), "--program-id", "PRG-1"),
            *("--offering", "2026-03-02", "--reported", "2026-03-10"),
            *("--findings-csv", str(tmp_path / where)),
        ]
        assert 2 == main(argv, out=io.StringIO())
        assert "cannot write" in capsys.readouterr().err

    def test_fee_line_too_large_for_cents(self) -> None:
        """A policy's fee of 1E+27 per CEC, for 2 CECs, cannot be computed in cents:
        InvalidAmount, not decimal.InvalidOperation (`money-rounding`)."""
        policy = policy_from_toml('application_fee_per_cec = "1e27"')
        with pytest.raises(InvalidAmount, match="too many digits to be computed in cents"):
            assess_application(APPLICATION, policy)

    @pytest.mark.parametrize("amount", ["1E+30", "1e999999999"])
    def test_amount_too_large_for_cents_is_refused(self, amount: str) -> None:
        """An event amount with more digits than a sum of money holds (1E+30, and
        1E+999999999, whose digits are counted from its exponent at once) is refused
        when the event is made: a fold would round its cents away, or overflow."""
        with pytest.raises(InvalidAmount, match="more than 28 digits written out in full"):
            Event(on=date(2026, 1, 5), kind="submitted", amount=amount)

    @pytest.mark.parametrize("budget", ["0", "-3", "x"])
    def test_check_policy_budget(
        self, budget: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """check-policy refuses a budget below 1 as a usage error (it crashed in Hypothesis)."""
        path = tmp_path / "candidate.toml"
        path.write_text('label = "x"\n')
        assert 2 == main(["check-policy", str(path), "--budget", budget], out=io.StringIO())
        assert "--budget" in capsys.readouterr().err


# ----------------------------------------------------------------------------
# The decimal float trap (`money-decimal`)


class TestFloatTrap:
    """conftest.py turns on the decimal FloatOperation trap for every test."""

    def test_trap_is_on(self) -> None:
        """Comparing a Decimal with a float raises FloatOperation inside a test."""
        assert decimal.getcontext().traps[decimal.FloatOperation]
        with pytest.raises(decimal.FloatOperation):
            _ = Decimal(1) < 1.5

    def test_trap_catches_construction(self) -> None:
        """Building a Decimal from a float raises it too."""
        with pytest.raises(decimal.FloatOperation):
            Decimal(0.1)  # noqa: RUF032 - the float is the point
