"""Tests for cec_rules.cli: the ``cec-rules`` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import attrs
import pytest

from cec_rules import cli
from cec_rules.cli import format_table, main, render_assessment
from cec_rules.errors import InvalidApplication
from cec_rules.examples import example_applications
from cec_rules.fees import assess_application
from cec_rules.program import Application

#: What each bundled example owes: its reference, status and total.
EXPECTED_TOTALS = [
    ("APP-1001", "assessed", "150.00"),
    ("APP-1002", "assessed", "325.00"),
    ("APP-1003", "assessed", "156.25"),
    ("APP-1004", "assessed", "75.00"),
    ("APP-1005", "assessed", "150.00"),
    ("APP-1006", "refused", "0.00"),
]


def _demo(*args: str) -> tuple[int, str]:
    out = StringIO()
    code = main(["demo", *args], out=out)
    return code, out.getvalue()


class TestDemo:
    """``cec-rules demo`` prints the bundled example assessments."""

    def test_exit_code_and_heading(self) -> None:
        """The demo exits 0 and says what it prints."""
        code, text = _demo()
        expected = (0, "Example applications assessed under the default policy:")
        assert expected == (code, text.splitlines()[0])

    @pytest.mark.parametrize(
        "heading",
        [
            "APP-1001  Scoring Pediatric Sleep Studies  [assessed, due $150.00]",
            "APP-1002  Sleep Medicine Update  [assessed, due $325.00]",
            "APP-1003  PAP Titration Webinar Series  [assessed, due $156.25]",
            "APP-1004  Evening Submission from Los Angeles  [assessed, due $75.00]",
            "APP-1005  Home Sleep Testing, Self-Paced  [assessed, due $150.00]",
            "APP-1006  Conference Held Last Month  [refused, due $0.00]",
        ],
        ids=[reference for reference, _, _ in EXPECTED_TOTALS],
    )
    def test_each_example_heading(self, heading: str) -> None:
        """Each example has a heading with its reference, title, status and amount due."""
        _, text = _demo()
        assert heading in text.splitlines()

    @pytest.mark.parametrize(
        "fragment",
        [
            pytest.param("2026-03-13  2026-03-13  12    late    $150.00", id="late-row"),
            pytest.param("2026-02-20  2026-02-20  -9    past     $0.00", id="past-row"),
            pytest.param("submitted 2026-03-02", id="los-angeles-evening-dated-in-chicago"),
            pytest.param("late surcharge $25.00 x 2 CEC = $50.00", id="surcharge-sentence"),
            pytest.param(
                "Refused: all 1 offering(s) started before the submission date 2026-02-02",
                id="refused-sentence",
            ),
            pytest.param("Calendar listing requested", id="calendar-listing"),
        ],
    )
    def test_explains(self, fragment: str) -> None:
        """The tables and sentences explain each outcome."""
        _, text = _demo()
        assert fragment in text

    def test_json(self) -> None:
        """--json prints every example application's status and total, and the roster."""
        code, text = _demo("--json")
        data = json.loads(text)
        actual = [
            (item["reference"], item["status"], item["total"]) for item in data["applications"]
        ]
        assert "45.00" == data["roster"]["filing_fee"]["total"]
        expected = (0, EXPECTED_TOTALS)
        assert expected == (code, actual)

    def test_json_amounts_are_strings(self) -> None:
        """Amounts in the JSON are strings with cents."""
        _, text = _demo("--json")
        first = json.loads(text)["applications"][0]
        expected = ("100.00", "50.00", "0.00")
        assert expected == (first["application_fee"], first["late_surcharge"], first["refund"])

    def test_default_stream_is_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without out=, the demo writes to standard output."""
        code = main(["demo"])
        captured = capsys.readouterr()
        expected = (0, True, "")
        assert expected == (code, "APP-1006" in captured.out, captured.err)

    def test_refused_input_exits_2(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Input the library refuses is reported on stderr with exit code 2."""

        def broken() -> tuple[Application, ...]:
            raise InvalidApplication("the application data has no 'program'")

        monkeypatch.setattr(cli, "example_applications", broken)
        out = StringIO()
        code = main(["demo"], out=out)
        expected = (2, "", "cec-rules demo: the application data has no 'program'\n")
        assert expected == (code, out.getvalue(), capsys.readouterr().err)

    @pytest.mark.parametrize(
        "argv", [pytest.param([], id="no-command"), pytest.param(["bogus"], id="unknown")]
    )
    def test_usage_error_exits_2(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """A usage error exits with code 2 and says what is wrong on stderr."""
        code = main(argv, out=StringIO())
        assert 2 == code
        assert "usage: cec-rules" in capsys.readouterr().err


class TestRendering:
    """Tables and assessments render as plain text."""

    def test_format_table(self) -> None:
        """Columns are padded to the widest cell; trailing spaces are trimmed."""
        expected = "a    bb\n---  --\nccc  d\nx"
        assert expected == format_table(["a", "bb"], [["ccc", "d"], ["x", ""]])

    def test_no_reference(self) -> None:
        """An application without a reference is shown as '(no reference)'."""
        application = example_applications()[0]
        assessment = assess_application(attrs.evolve(application, reference=""))
        expected = "(no reference)  Scoring Pediatric Sleep Studies  [assessed, due $150.00]"
        assert expected == render_assessment(assessment).splitlines()[0]


class TestModule:
    """``python -m cec_rules`` runs the command line."""

    def test_python_m_demo(self) -> None:
        """The module runs the demo in a fresh interpreter and exits 0."""
        result = subprocess.run(
            [sys.executable, "-m", "cec_rules", "demo"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        expected = (0, True, True, "")
        actual = (
            result.returncode,
            "APP-1001" in result.stdout,
            "[refused, due $0.00]" in result.stdout,
            result.stderr,
        )
        assert expected == actual

    def test_examples(self) -> None:
        """The bundled examples are the six applications the demo shows."""
        expected = [reference for reference, _, _ in EXPECTED_TOTALS]
        assert expected == [a.reference for a in example_applications()]
