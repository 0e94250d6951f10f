"""JSON in and out (cec_rules.jsonio, cec_rules.schemas): one rule for every value, the
schemas generated from the types and validated against real outputs, values read back."""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, strategies as st

import cec_rules
from cec_rules import (
    DEFAULT_POLICY,
    AcceptedAttendee,
    Application,
    Event,
    Finding,
    InvalidApplication,
    InvalidArgument,
    InvalidEvent,
    InvalidOffering,
    InvalidPolicy,
    InvalidReport,
    Offering,
    Policy,
    PolicyFloat,
    PolicySchedule,
    PolicyVersion,
    Program,
    RefusedFloat,
    RefusedRow,
    ReportingWindow,
    RosterDraft,
    RosterReport,
    TransitionRefused,
    assess_application,
    check_roster,
    fold,
    reporting_window,
    review_decision,
    roster_credits,
)
from cec_rules.compare import RosterCase, compare_policies
from cec_rules.examples import example_candidate, sample_population
from cec_rules.jsonio import JsonValue, dumps
from cec_rules.lifecycle import RosterState, Step, report_reference
from cec_rules.roster import FIELDS
from cec_rules.schemas import NAMES, generate, schema
from cec_rules.search import check_policy, find_differences
from cec_rules.strategies import (
    applications,
    defective_rosters,
    policies,
    rosters,
    schedules,
)
from helpers import (
    ADA,
    GRACE,
    OFFERING,
    PROGRAM,
    REPORTED,
    REPOSITORY,
    SELF_PACED,
    SMALL_CELLS,
    ZOE,
    check,
    mapping_rows,
    roster,
)

SCHEMA_DIRECTORY = Path(cec_rules.__file__).parent / "schemas"


@functools.cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    """A validator of the schema ``name``, formats checked (dates among them)."""
    return jsonschema.Draft202012Validator(schema(name), format_checker=jsonschema.FormatChecker())


def valid(name: str, value: Any) -> dict[str, Any]:
    """``value.to_json()`` parsed, after checking it against the schema ``name``."""
    data: dict[str, Any] = json.loads(value.to_json())
    _validator(name).validate(data)
    return data


def _plain(value: object) -> bool:
    """Whether ``value`` is made only of what json.dumps writes as it is: dict (text
    keys), list, str, int, bool and None, nothing of another type (no Decimal, no date)."""
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is list:
        return all(map(_plain, value))
    if type(value) is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


# --------------------------------------------------------------------------
# Real outputs of every kind, each the value a schema is checked against

APPLICATION = Application(
    program=Program(title="Scoring sleep studies", cecs="2.5", program_id="PRG-1"),
    offerings=[Offering(date(2026, 1, 10)), Offering(date(2026, 2, 1), date(2026, 2, 3))],
    submitted=datetime(2026, 1, 15, 23, 30, tzinfo=timezone.utc),
    calendar_listing=True,
    reference="APP-1",
)
ON_TIME = attrs.evolve(
    APPLICATION, offerings=[Offering(date(2026, 6, 1))], submitted=date(2026, 1, 5)
)
#: Ada and Zoë accepted (Zoë with a warning), a blank row, Ada again and a ragged row
#: refused; semicolons, so a file warning too.
MIXED_UPLOAD = roster(
    ADA,
    "PRG-1,G1,Zoey,Saldana,2026-03-02",
    "",
    GRACE.replace("3/2/2026", "3/2/26"),
    ADA,
    "PRG-1,A3,too,many,cells,here",
)


def _mixed() -> RosterReport:
    return check(MIXED_UPLOAD)


def _history(report: RosterReport, *, paid: bool = True) -> tuple[list[Event], Event]:
    assessment = assess_application(ON_TIME)
    reported = Event.roster_reported(report, roster="upload-1")
    events = [
        Event.submitted(assessment),
        Event.application_fee_paid(assessment, on=date(2026, 1, 9)),
        Event(on=date(2026, 1, 20), kind="approved"),
        reported,
    ]
    if paid:
        events.append(Event.filing_fee_paid(reported, on=date(2026, 3, 21)))
    return events, reported


def _outcomes() -> list[Any]:
    """Entry outcomes of each kind: accepted with a change to an earlier entry, refused,
    blank, and not added."""
    draft = RosterDraft(program=PROGRAM, offering=OFFERING, reported_at=REPORTED)
    entries = mapping_rows("PRG-1,A1,Ada,Lovelace,bad", ADA, ",,,,")
    draft, refused = draft.add(entries[0], REPOSITORY)
    draft, accepted = draft.add(entries[1], REPOSITORY)
    draft, blank = draft.add(entries[2], REPOSITORY)
    small = RosterDraft(
        program=PROGRAM, offering=OFFERING, reported_at=REPORTED, policy=SMALL_CELLS
    )
    _, not_added = small.add(mapping_rows(ADA.replace("Ada", "A" * 50))[0], REPOSITORY)
    assert accepted.changed
    assert blank.blank
    assert not not_added.added
    return [refused, accepted, blank, not_added]


def _comparison() -> Any:
    """Two comparisons in one: the sale over the sample population (generated cases), and
    a schedule that starts in 2026 with a shorter reporting window (cases before it not
    assessable, rows newly refused)."""
    sale = example_candidate("ten-dollar-sale")
    applications_, rosters_ = sample_population(DEFAULT_POLICY, sale)
    return compare_policies(
        DEFAULT_POLICY, sale, applications=applications_, rosters=rosters_, generated=True
    )


def _narrower() -> Any:
    narrow = PolicySchedule.single(
        attrs.evolve(DEFAULT_POLICY, label="narrow", reporting_window_days=5),
        effective_from=date(2026, 3, 10),
    )
    case = RosterCase(  # reported 2026-03-20, more than five days after the offering
        reference="roster-1",
        program=PROGRAM,
        offering=OFFERING,
        source=roster(ADA, ZOE),
        repository=REPOSITORY,
        reported_at=REPORTED,
    )
    return compare_policies(DEFAULT_POLICY, narrow, applications=[ON_TIME], rosters=[case])


@functools.cache
def examples() -> dict[str, list[Any]]:
    """For each schema, real outputs of the value it describes."""
    report = _mixed()
    events, _ = _history(report)
    history = fold(events)
    unpaid = fold(_history(report, paid=False)[0])
    credits = roster_credits(report, history)
    self_paced = check(roster(ADA), program=SELF_PACED)
    no_fees = example_candidate("no-filing-fees")
    below = attrs.evolve(DEFAULT_POLICY, label="cheap guests", guest_filing_fee=Decimal("1"))
    # No case tells its rounding from the rule book's: a change with no example.
    half_even = attrs.evolve(DEFAULT_POLICY, label="half even", rounding="ROUND_HALF_EVEN")
    gaps = PolicySchedule(
        [
            PolicyVersion(
                effective_from=date(2020, 1, 1), effective_until=date(2025, 12, 31), policy=below
            ),
            PolicyVersion(effective_from=date(2026, 6, 1), policy=DEFAULT_POLICY),
        ]
    )
    return {
        "application": [APPLICATION, ON_TIME],
        "policy": [DEFAULT_POLICY, below],
        "policy-schedule": [gaps, no_fees, PolicySchedule.single(DEFAULT_POLICY)],
        "event": events,
        "application-assessment": [
            assess_application(APPLICATION),
            assess_application(ON_TIME),
            assess_application(attrs.evolve(ON_TIME, submitted=date(2026, 7, 1))),
        ],
        "reporting-window": [
            reporting_window(OFFERING, day, DEFAULT_POLICY, extension=extension)
            for day, extension in (
                (date(2026, 3, 1), None),
                (REPORTED, None),
                (date(2026, 5, 1), None),
                (date(2026, 5, 1), date(2026, 5, 2)),
            )
        ],
        "roster-report": [report, self_paced, check(b"\x89PNG\r\n\x1a\n")],
        "entry-outcome": _outcomes(),
        "roster-credits": [credits, roster_credits(report, unpaid)],
        "credit-decision": [*credits.decisions, *roster_credits(report, unpaid).decisions],
        "review-decision": [
            review_decision(assess_application(ON_TIME), history),
            review_decision(assess_application(ON_TIME), fold(events[:1])),
        ],
        "history": [history, unpaid, fold([])],
        "comparison": [_comparison(), _narrower()],
        "search-result": [
            find_differences(DEFAULT_POLICY, no_fees, budget=5),
            find_differences(DEFAULT_POLICY, example_candidate("ten-dollar-sale"), budget=5),
            find_differences(DEFAULT_POLICY, half_even, budget=5),
            find_differences(DEFAULT_POLICY, DEFAULT_POLICY, budget=5),
        ],
        "policy-check": [check_policy(gaps, budget=5), check_policy(DEFAULT_POLICY, budget=5)],
    }


def _each_with_a_form() -> Iterator[type]:
    """Every class of the package that writes ``to_dict`` itself."""
    seen: set[type] = set()
    for module in pkgutil.walk_packages(cec_rules.__path__, "cec_rules."):
        if module.name.endswith("__main__"):
            continue  # running it would run the command line
        for value in vars(importlib.import_module(module.name)).values():
            if (
                isinstance(value, type)
                and value.__module__.startswith("cec_rules")
                and "to_dict" in vars(value)
                and value not in seen
            ):
                seen.add(value)
                yield value


# --------------------------------------------------------------------------
# The rule


class TestTheRule:
    """Every value with to_dict has to_json; its data is plain JSON; from_dict reads it."""

    def test_every_class_with_to_dict_has_to_json(self) -> None:
        """A class that writes to_dict is a JsonValue (the NamedTuple attendee writes its
        own to_json), so every result and input has to_json."""
        found = set(_each_with_a_form()) - {JsonValue}
        odd = [cls for cls in found if not issubclass(cls, JsonValue)]
        assert [AcceptedAttendee] == odd
        assert all(callable(getattr(cls, "to_json", None)) for cls in found)

    def test_every_form_has_a_definition(self) -> None:
        """Every class that writes to_dict has its shape in the schemas, and every shape is
        such a class (but a roster's state and a step, which History writes)."""
        found = set(_each_with_a_form()) - {JsonValue}
        assert set(generate.SHAPES) - {RosterState, Step} == found

    def test_every_class_read_back_writes_its_form(self) -> None:
        """A class with from_dict writes to_dict too, and is in the schemas' shapes."""
        readers = {cls for cls in _each_with_a_form() if "from_dict" in vars(cls)}
        assert readers <= set(generate.SHAPES)
        assert {
            Program,
            Offering,
            Application,
            Policy,
            PolicySchedule,
            PolicyVersion,
            Event,
            ReportingWindow,
            Finding,
            AcceptedAttendee,
            RefusedRow,
            RosterReport,
        } == readers

    @pytest.mark.parametrize("name", [n for n in NAMES if n != "roster-records"])
    def test_data_is_plain_json(self, name: str) -> None:
        """to_dict holds only dict, list, str, int, bool and None: no Decimal, no date
        reaches json.dumps; to_json is that data as text."""
        for value in examples()[name]:
            data = value.to_dict()
            assert _plain(data), f"{type(value).__name__}.to_dict() holds other types"
            assert data == json.loads(value.to_json())

    def test_to_json_writes_text_as_it_is(self) -> None:
        """to_json writes names as they are (no \\u escapes) and indents on request."""
        report = check(roster(ZOE))
        assert '"first_name": "Zoë"' in report.to_json()
        assert report.to_json(indent=2).startswith('{\n  "reference": ')
        assert dumps({"a": "é"}) == '{"a": "é"}'
        assert report.accepted[0].to_json() == dumps(report.accepted[0].to_dict())

    def test_base_writes_no_form(self) -> None:
        """The base class has no form of its own: a class must write to_dict."""
        with pytest.raises(NotImplementedError, match="JsonValue writes no JSON form"):
            JsonValue().to_json()


# --------------------------------------------------------------------------
# The schemas


class TestSchemaFiles:
    """The schema files are generated from the types and are current."""

    @pytest.mark.parametrize("name", NAMES)
    def test_file_is_current(self, name: str) -> None:
        """Each file is what the generator writes today."""
        actual = (SCHEMA_DIRECTORY / f"{name}.schema.json").read_text(encoding="utf-8")
        assert generate.render(name) == actual, "run: python scripts/make_schemas.py"

    def test_no_other_files(self) -> None:
        """The package holds one file per schema the generator knows, and lists them."""
        files = sorted(p.name for p in SCHEMA_DIRECTORY.glob("*.json"))
        assert sorted(f"{name}.schema.json" for name in generate.SCHEMAS) == files
        assert tuple(generate.SCHEMAS) == NAMES

    def test_write(self, tmp_path: Path) -> None:
        """write() writes every file, as render() gives it."""
        paths = generate.write(tmp_path)
        assert [p.name for p in paths] == [f"{name}.schema.json" for name in NAMES]
        assert generate.render("event") == (tmp_path / "event.schema.json").read_text("utf-8")

    @pytest.mark.parametrize("name", NAMES)
    def test_valid_draft_2020_12(self, name: str) -> None:
        """Each schema is a valid draft 2020-12 schema with its own $id."""
        document = schema(name)
        jsonschema.Draft202012Validator.check_schema(document)
        assert generate.DRAFT == document["$schema"]
        assert f"urn:cec-rules:schema:{name}" == document["$id"]

    def test_schema_read_fresh(self) -> None:
        """schema() reads the file each call: a caller may change what it gets."""
        first = schema("event")
        first["title"] = "changed"
        assert "event" == schema("event")["title"]

    def test_unknown_name(self) -> None:
        """An unknown name is refused, listing the names."""
        with pytest.raises(InvalidArgument, match="the schemas are application, policy"):
            schema("report")

    def test_a_type_with_no_schema(self) -> None:
        """The generator refuses a type it cannot write, and an attribute no class has."""
        with pytest.raises(TypeError, match="no JSON schema for <class 'float'>"):
            generate.schema_of.__globals__["_Builder"]().schema(float)
        with pytest.raises(TypeError, match="Offering has no attribute 'middle'"):
            generate._annotation(Offering, "middle")

    def test_fields_walks_attrs_fields(self) -> None:
        """fields() gives a key per init field, in order, with the types given."""
        keys = generate.fields(Offering, end=str)
        assert (generate.Key("start"), generate.Key("end", str)) == keys


class TestSchemasAgainstOutputs:
    """Real outputs of every kind pass their schema, and every object lists the keys
    to_dict writes, in its order."""

    @pytest.mark.parametrize("name", [n for n in NAMES if n != "roster-records"])
    def test_outputs_valid(self, name: str) -> None:
        """Every example output of the schema's kind passes it."""
        for value in examples()[name]:
            valid(name, value)

    def test_outputs_cover_the_interesting_cases(self) -> None:
        """The examples hold the values whose parts are optional or nullable: generated
        and unassessable cases, newly refused rows, differences of both kinds, a field
        change with no example, gaps and violations."""
        comparison, narrower = examples()["comparison"]
        assert comparison.generated
        assert narrower.not_assessable
        assert narrower.newly_refused
        changes = [c for result in examples()["search-result"] for c in result.changes]
        examples_ = [c.difference.example for c in changes if c.difference is not None]
        assert {Application, RosterCase} == {type(e) for e in examples_}
        assert any(c.difference is None for c in changes)
        first_check = examples()["policy-check"][0]
        assert first_check.gaps
        assert first_check.violations

    def test_every_shape_checked_key_for_key(self) -> None:
        """For every class of the shapes, some example's to_dict writes exactly the keys
        its shape lists, in the same order (RosterState and Step as History writes them);
        each schema's definitions are built from those shapes."""
        seen: dict[type, list[str]] = {}
        for name in NAMES:
            if name == "roster-records":
                continue
            for value in examples()[name]:
                for part in _parts(value):
                    seen.setdefault(type(part), list(part.to_dict()))
        data = examples()["history"][0].to_dict()
        seen[RosterState] = list(next(iter(data["rosters"].values())))
        seen[Step] = list(data["steps"][0])
        for cls, entries in generate.SHAPES.items():
            assert cls in seen, f"no example holds a {cls.__name__}"
            keys = [key.name for _, key in generate._keys(cls, entries)]
            assert keys == seen[cls], cls.__name__

    def test_records_valid(self) -> None:
        """Records keyed by the five fields pass roster-records; another key fails it."""
        records = mapping_rows(ADA, header=",".join(FIELDS))
        _validator("roster-records").validate(records)
        assert not _validator("roster-records").is_valid([{**records[0], "email": "a@b"}])
        assert 1 == len(check_roster_records(records).accepted)

    def test_money_is_text(self) -> None:
        """A JSON number where money or CECs go fails the schema."""
        data = json.loads(APPLICATION.to_json())
        data["program"]["cecs"] = 2
        assert not _validator("application").is_valid(data)
        event = json.loads(examples()["event"][0].to_json())
        assert not _validator("event").is_valid({**event, "amount": "100.5"})


def check_roster_records(records: list[dict[str, str]]) -> RosterReport:
    """Check records as a service takes them from JSON."""
    return check_roster(
        records, program=PROGRAM, offering=OFFERING, repository=REPOSITORY, reported_at=REPORTED
    )


def _parts(value: Any) -> Iterator[Any]:
    """``value`` and every value with a JSON form inside it (through attrs fields,
    properties the JSON form lists, tuples and the accepted attendees)."""
    waiting = [value]
    seen: set[int] = set()
    while waiting:
        item = waiting.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (list, tuple)) and not isinstance(item, AcceptedAttendee):
            waiting.extend(item)
            continue
        if not hasattr(item, "to_dict"):
            continue
        yield item
        if isinstance(item, RosterReport):
            waiting.extend([list(item.accepted), item.filing_fee_lines])
        for name in ("offerings", "lines", "decisions", "unmet", "award", "changes"):
            waiting.append(getattr(item, name, None))
        for name in ("cases", "difference", "results", "gaps", "violations", "refused"):
            waiting.append(getattr(item, name, None))
        for name in ("accepted", "facts", "window", "findings", "warnings", "file_findings"):
            waiting.append(getattr(item, name, None))
        for name in ("changed", "attendee", "refusal", "unnamed", "program", "offering"):
            waiting.append(getattr(item, name, None))
        for name in ("versions", "policy", "tally", "example"):
            waiting.append(getattr(item, name, None))
        if hasattr(item, "breakdowns"):
            for breakdown in item.breakdowns():
                waiting.extend([breakdown, breakdown.groups])
        if isinstance(item, PolicySchedule):
            waiting.extend(item.versions)


# --------------------------------------------------------------------------
# Reading values back


class TestRoundTrips:
    """from_dict(json.loads(to_json())) gives an equal value."""

    @pytest.mark.parametrize("name", ["application", "policy", "policy-schedule", "event"])
    def test_inputs(self, name: str) -> None:
        """Each input's example reads back equal."""
        kind = type(examples()[name][0])
        for value in examples()[name]:
            assert value == kind.from_dict(valid(name, value))

    def test_reports(self) -> None:
        """Each report reads back equal, with the same reference."""
        for report in examples()["roster-report"]:
            data = valid("roster-report", report)
            read = RosterReport.from_dict(data)
            assert report == read
            assert report_reference(report) == report_reference(read) == data["reference"]

    def test_parts(self) -> None:
        """A report's parts read back on their own."""
        report = _mixed()
        assert report.accepted[0] == AcceptedAttendee.from_dict(report.accepted[0].to_dict())
        assert report.refused[0] == RefusedRow.from_dict(report.refused[0].to_dict())
        assert report.warnings[0] == Finding.from_dict(report.warnings[0].to_dict())
        assert report.window is not None
        assert report.window == ReportingWindow.from_dict(report.window.to_dict())
        assert PROGRAM == Program.from_dict(PROGRAM.to_dict())
        assert OFFERING == Offering.from_dict({"start": "2026-03-02"})
        sale = example_candidate("ten-dollar-sale")
        assert isinstance(sale, PolicySchedule)
        version = sale.versions[1]
        assert version == PolicyVersion.from_dict(json.loads(version.to_json()))

    def test_credits_from_the_kept_report(self) -> None:
        """Credits decided on the report read back are the written report's: the history
        finds the roster by the report's reference."""
        report = _mixed()
        events, _ = _history(report)
        kept = RosterReport.from_dict(json.loads(report.to_json()))
        assert roster_credits(report, fold(events)) == roster_credits(kept, fold(events))

    def test_parsed_with_decimals(self) -> None:
        """Data parsed with parse_float=Decimal reads as the text would."""
        text = '{"program": {"title": "T", "cecs": 2.5}, "offerings": [{"start": "2026-03-02"}],'
        text += ' "submitted": "2026-01-15T10:00:00Z"}'
        application = Application.from_dict(json.loads(text, parse_float=Decimal))
        assert Decimal("2.5") == application.program.cecs
        assert datetime(2026, 1, 15, 10, tzinfo=timezone.utc) == application.submitted
        event = Event.from_dict(
            json.loads(
                '{"on": "2026-03-01", "kind": "submitted", "amount": 150.00}', parse_float=Decimal
            )
        )
        assert Decimal("150.00") == event.amount
        policy = Policy.from_dict(json.loads('{"member_filing_fee": 4.50}', parse_float=Decimal))
        assert Decimal("4.50") == policy.member_filing_fee

    def test_schedule_open_end_left_out(self) -> None:
        """A version's open end may be null or left out."""
        data = {"versions": [{"effective_from": "2020-01-01", "label": "x"}]}
        assert date(2020, 1, 1) == PolicySchedule.from_dict(data).versions[0].effective_from


class TestProperties:
    """Laws over generated values: the JSON validates and reads back equal."""

    @given(applications())
    def test_applications(self, application: Application) -> None:
        """An application, and its assessment, pass their schemas; it reads back equal."""
        assert application == Application.from_dict(valid("application", application))
        valid("application-assessment", assess_application(application))

    @given(policies(vary=[f.name for f in attrs.fields(Policy) if f.init and f.name != "label"]))
    def test_policies(self, policy: Policy) -> None:
        """A policy passes its schema and reads back equal."""
        assert policy == Policy.from_dict(valid("policy", policy))

    @given(schedules())
    def test_schedules(self, schedule: PolicySchedule) -> None:
        """A schedule passes its schema and reads back equal."""
        assert schedule == PolicySchedule.from_dict(valid("policy-schedule", schedule))

    @given(st.one_of(rosters(), defective_rosters()))
    def test_rosters(self, sample: Any) -> None:
        """A roster's records pass roster-records; its report passes roster-report and
        reads back equal, with the same reference."""
        records = [dict(zip(FIELDS, row, strict=True)) for row in sample.rows]
        _validator("roster-records").validate(records)
        report = check_roster(
            sample.to_csv(),
            program=sample.program,
            offering=sample.offering,
            repository=sample.repository,
            reported_at=sample.reported_at,
        )
        read = RosterReport.from_dict(valid("roster-report", report))
        assert report == read
        assert report_reference(report) == report_reference(read)


# --------------------------------------------------------------------------
# What from_dict refuses


def _report_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_mixed().to_json())
    data.update(changes)
    return data


def _replaced(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The mixed report's data with the value at ``path`` replaced."""
    data = _report_data()
    place: Any = data
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return data


class TestReportRefused:
    """RosterReport.from_dict refuses data it cannot read, naming the key."""

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            pytest.param(
                [], "expected the data of a roster report (a JSON object), got a list", id="list"
            ),
            pytest.param(
                {k: v for k, v in _report_data().items() if k != "program"},
                "program: missing; every value written by to_dict has it",
                id="no-program",
            ),
            pytest.param(
                _report_data(program={"title": "T"}),
                "program: the program data has no 'cecs'",
                id="program-without-cecs",
            ),
            pytest.param(
                _report_data(offering={"start": "3/2/2026"}),
                "offering: start must be an ISO date such as '2026-03-02', got '3/2/2026'",
                id="offering-date",
            ),
            pytest.param(
                _report_data(report_date="2026-02-30"),
                "report_date: expected an ISO date such as '2026-03-02', got '2026-02-30'",
                id="impossible-date",
            ),
            pytest.param(
                _report_data(report_date="2026-W10-1"),
                "report_date: expected an ISO date such as '2026-03-02', got '2026-W10-1'",
                id="week-date",
            ),
            pytest.param(
                _replaced(("policy_in_force", "late_window_days"), "30"),
                "policy_in_force.late_window_days: expected a whole number, got '30'",
                id="policy-figure",
            ),
            pytest.param(
                _report_data(policy_in_force=[]),
                "policy_in_force: expected a mapping of policy keys, got list",
                id="policy-list",
            ),
            pytest.param(
                _replaced(("window", "status"), "open"),
                "window.status: expected one of 'window-not-open', 'window-open', "
                "'window-closed', got 'open'",
                id="window-status",
            ),
            pytest.param(
                _replaced(("window", "extended"), "no"),
                "window.extended: expected true or false, got 'no'",
                id="window-extended",
            ),
            pytest.param(
                _replaced(("window", "rules"), "reporting-window"),
                "window.rules: expected a list (a JSON array), got 'reporting-window'",
                id="window-rules",
            ),
            pytest.param(
                _report_data(data_rows=True),
                "data_rows: expected a whole number, 0 or more, got True",
                id="rows-bool",
            ),
            pytest.param(
                _replaced(("accepted", 0, "kind"), "staff"),
                "accepted[0].kind: expected one of 'member', 'guest', got 'staff'",
                id="attendee-kind",
            ),
            pytest.param(
                _replaced(("accepted", 0, "first_name"), None),
                "accepted[0].first_name: expected text, got None",
                id="attendee-name",
            ),
            pytest.param(
                _replaced(("accepted", 1), "Zoë"),
                "accepted[1]: expected an accepted attendee (a JSON object), got 'Zoë'",
                id="attendee-text",
            ),
            pytest.param(
                _replaced(("refused", 0, "cells", 1), 7),
                "refused[0].cells[1]: expected text, got 7",
                id="cell-number",
            ),
            pytest.param(
                _replaced(("refused", 0, "findings", 0, "code"), "no-such-code"),
                "refused[0].findings[0].code: 'no-such-code' is not a finding code; "
                "FINDING_CODES lists them",
                id="finding-code",
            ),
            pytest.param(
                _replaced(("refused", 0, "findings", 0, "row"), 0),
                "refused[0].findings[0].row: expected a whole number, 1 or more, got 0",
                id="finding-row",
            ),
            pytest.param(
                _replaced(("blank_rows", 0), "4"),
                "blank_rows[0]: expected a whole number, 1 or more, got '4'",
                id="blank-row",
            ),
            pytest.param(
                _report_data(header_row=0),
                "header_row: expected a whole number, 1 or more, got 0",
                id="header-row",
            ),
            pytest.param(
                _report_data(blank_rows=[]),
                "data_rows: the rows do not add up: the report holds 5 row(s), 5 distinct, for 6 "
                "data row(s); the data was changed since to_dict wrote it",
                id="rows-lost",
            ),
            pytest.param(
                _report_data(accepted=[]),
                "data_rows: the rows do not add up: the report holds 4 row(s), 4 distinct, for 6 "
                "data row(s); the data was changed since to_dict wrote it",
                id="accepted-dropped",
            ),
            pytest.param(
                _report_data(reference="PRG-1/2026-03-02/2026-03-20/0"),
                "reference: 'PRG-1/2026-03-02/2026-03-20/0' is not the reference of the report "
                "the data holds, PRG-1/2026-03-02/2026-03-20/...: the data was changed since "
                "to_dict wrote it",
                id="reference",
            ),
        ],
    )
    def test_refused(self, data: Any, message: str) -> None:
        """The error is InvalidReport, with the key path and the reason."""
        with pytest.raises(InvalidReport) as caught:
            RosterReport.from_dict(data)
        if "..." in message:
            head, tail = message.split("...")
            assert str(caught.value).startswith(head)
            assert str(caught.value).endswith(tail)
        else:
            assert message == str(caught.value)

    def test_error_carries_the_path(self) -> None:
        """InvalidReport is a ValueError with the path and reason as attributes."""
        with pytest.raises(ValueError, match="header_row") as caught:
            RosterReport.from_dict(_report_data(header_row=0))
        assert isinstance(caught.value, InvalidReport)
        assert ("header_row", "expected a whole number, 1 or more, got 0") == (
            caught.value.path,
            caught.value.reason,
        )

    def test_reference_may_be_left_out(self) -> None:
        """A report written without its reference reads back all the same."""
        data = _report_data()
        del data["reference"]
        assert _mixed() == RosterReport.from_dict(data)

    def test_float_cecs(self) -> None:
        """A float where the program's CECs go is a RefusedFloat naming the key, with the
        advice (`money-decimal`)."""
        with pytest.raises(RefusedFloat) as caught:
            RosterReport.from_dict(_replaced(("program", "cecs"), 2.0))
        assert "program.cecs" == caught.value.field
        assert "json.loads(text, parse_float=Decimal)" in str(caught.value)

    def test_float_money_in_the_policy(self) -> None:
        """A float where the policy's money goes is a PolicyFloat naming the key, with the
        advice (`money-decimal`)."""
        with pytest.raises(PolicyFloat) as caught:
            RosterReport.from_dict(_replaced(("policy_in_force", "guest_filing_fee"), 10.0))
        assert "policy_in_force.guest_filing_fee" == caught.value.path
        assert str(caught.value).endswith("json.loads(text, parse_float=Decimal)")


class TestInputsRefused:
    """The other from_dicts refuse data with the library's errors, naming the key."""

    @pytest.mark.parametrize(
        ("call", "data", "error", "message"),
        [
            pytest.param(
                Event.from_dict,
                ["2026-03-01"],
                InvalidEvent,
                "expected the data of an event (a JSON object), got a list",
                id="event-list",
            ),
            pytest.param(
                Event.from_dict,
                {"kind": "approved"},
                InvalidEvent,
                "on: missing; every value written by to_dict has it",
                id="event-no-date",
            ),
            pytest.param(
                Event.from_dict,
                {"on": "2026-03-01", "kind": "paid"},
                InvalidEvent,
                "kind: expected one of 'submitted', 'application-fee-paid', 'approved', "
                "'denied', 'withdrawn', 'roster-reported', 'filing-fee-paid', 'cecs-issued', "
                "got 'paid'",
                id="event-kind",
            ),
            pytest.param(
                Event.from_dict,
                {"on": "2026-03-01", "kind": "approved", "roster": 7},
                InvalidEvent,
                "roster: expected text, got 7",
                id="event-roster",
            ),
            pytest.param(
                Event.from_dict,
                {"on": "2026-03-01", "kind": "submitted"},
                TransitionRefused,
                "the submitted event needs an amount",
                id="event-malformed",
            ),
            pytest.param(
                Policy.from_dict,
                "label = 'x'",
                InvalidPolicy,
                "expected a mapping of policy keys, got str",
                id="policy-text",
            ),
            pytest.param(
                Policy.from_dict,
                {"colour": "red"},
                InvalidPolicy,
                "colour: unknown key; the policy keys are ",
                id="policy-unknown-key",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                [],
                InvalidPolicy,
                "expected a mapping with versions, got list",
                id="schedule-list",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {"versions": [{"effective_from": "1/1/2020"}]},
                InvalidPolicy,
                "versions[0].effective_from: expected an ISO date such as '2020-01-01', "
                "got '1/1/2020'",
                id="schedule-date",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {"versions": [{"effective_from": "2020-02-30"}]},
                InvalidPolicy,
                "versions[0].effective_from: expected an ISO date such as '2020-01-01', "
                "got '2020-02-30'",
                id="schedule-impossible-date",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {"versions": ["2020-01-01"]},
                InvalidPolicy,
                "versions[0]: expected a [[versions]] table, got '2020-01-01'",
                id="schedule-version-text",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {"versions": [{"effective_from": "2020-01-01", "effective_until": 5}]},
                InvalidPolicy,
                "versions[0].effective_until: expected a date such as 2020-01-01, got 5",
                id="schedule-until-number",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {},
                InvalidPolicy,
                "versions: expected one or more [[versions]] tables",
                id="schedule-empty",
            ),
            pytest.param(
                PolicyVersion.from_dict,
                {"label": "sale"},
                InvalidPolicy,
                "effective_from: missing; every version needs a start date",
                id="version-no-start",
            ),
            pytest.param(
                PolicyVersion.from_dict,
                {"effective_from": "2026-11-01", "effective_until": "2026-10-31"},
                InvalidPolicy,
                "effective_until: 2026-10-31 is before effective_from 2026-11-01",
                id="version-backwards",
            ),
            pytest.param(
                Offering.from_dict,
                {"end": "2026-03-02"},
                InvalidApplication,
                "the offering data has no 'start'",
                id="offering-no-start",
            ),
            pytest.param(
                Offering.from_dict,
                {"start": "2026-03-02", "end": "2026-03-01"},
                InvalidOffering,
                "the offering ends on 2026-03-01, before it starts on 2026-03-02",
                id="offering-backwards",
            ),
            pytest.param(
                Program.from_dict,
                {"title": "T", "cecs": "2", "format": "webinar"},
                InvalidApplication,
                "format must be one of 'live', 'self-paced', got 'webinar'",
                id="program-format",
            ),
            pytest.param(
                Finding.from_dict,
                {"code": "date-format"},
                InvalidReport,
                "message: missing; every value written by to_dict has it",
                id="finding-no-message",
            ),
            pytest.param(
                AcceptedAttendee.from_dict,
                {"row": 2},
                InvalidReport,
                "aast_id: missing; every value written by to_dict has it",
                id="attendee-no-id",
            ),
            pytest.param(
                RefusedRow.from_dict,
                {"row": 2, "cells": [], "findings": "none"},
                InvalidReport,
                "findings: expected a list (a JSON array), got 'none'",
                id="refused-row-findings",
            ),
            pytest.param(
                ReportingWindow.from_dict,
                {"status": "window-open", "opens": 20260302},
                InvalidReport,
                "opens: expected an ISO date such as '2026-03-02', got 20260302",
                id="window-date-number",
            ),
            pytest.param(
                ReportingWindow.from_dict,
                {"status": "window-open", "opens": {"y": 2026}},
                InvalidReport,
                "opens: expected an ISO date such as '2026-03-02', got a dict",
                id="window-date-object",
            ),
        ],
    )
    def test_refused(self, call: Any, data: Any, error: type[Exception], message: str) -> None:
        """Each is refused with its kind's error, whose message starts as shown."""
        with pytest.raises(error) as caught:
            call(data)
        assert str(caught.value).startswith(message)

    @pytest.mark.parametrize(
        ("call", "data", "error", "path"),
        [
            pytest.param(
                Application.from_dict,
                {"program": {"title": "T", "cecs": 2.5}, "offerings": [], "submitted": ""},
                RefusedFloat,
                "program.cecs",
                id="application",
            ),
            pytest.param(
                Program.from_dict, {"title": "T", "cecs": 1.0}, RefusedFloat, "cecs", id="program"
            ),
            pytest.param(
                Event.from_dict,
                {"on": "2026-03-01", "kind": "submitted", "amount": 150.0},
                RefusedFloat,
                "amount",
                id="event",
            ),
            pytest.param(
                Policy.from_dict,
                {"member_filing_fee": 5.0},
                PolicyFloat,
                "member_filing_fee",
                id="policy",
            ),
            pytest.param(
                PolicySchedule.from_dict,
                {"versions": [{"effective_from": "2020-01-01", "guest_filing_fee": 10.0}]},
                PolicyFloat,
                "versions[0].guest_filing_fee",
                id="schedule",
            ),
            pytest.param(
                PolicyVersion.from_dict,
                {"effective_from": "2020-01-01", "late_surcharge_per_cec": 25.0},
                PolicyFloat,
                "late_surcharge_per_cec",
                id="version",
            ),
        ],
    )
    def test_floats_refused_with_advice(
        self, call: Any, data: Any, error: type[Exception], path: str
    ) -> None:
        """`money-decimal`: a JSON float where money or CECs go is a TypeError naming the key
        and saying to parse with parse_float=Decimal."""
        with pytest.raises(error) as caught:
            call(data)
        assert isinstance(caught.value, TypeError)
        assert str(caught.value).startswith(path)
        assert "json.loads(text, parse_float=Decimal)" in str(caught.value)


class TestSizes:
    """What a report's JSON holds for its rows (the caveat of docs/service.md)."""

    def test_json_grows_with_the_rows(self) -> None:
        """A report's JSON text is a few hundred bytes a row: it holds every attendee,
        every refused row and every finding, and the explanation again."""
        rows = [f"PRG-1,A{i % 2 + 1},Ada,Lovelace,2026-03-02" for i in range(200)]
        report = check(roster(*rows))
        text = report.to_json()
        assert 200 == len(report.refused) + len(report.accepted)
        assert 100 * 200 < len(text) < 1000 * 200
        assert report == RosterReport.from_dict(json.loads(text))
