"""Tests for cec_rules.cli: the ``cec-rules`` command line."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path
from typing import Any, ClassVar

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


# ----------------------------------------------------------------------------
# Conventions shared by every command

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "cec_rules" / "data"
ROSTER_ARGS = (*("--program-id", "PRG-1", "--offering", "2026-03-02", "--reported", "2026-03-20"),)


class _Terminal(StringIO):
    """A stream that says it is a terminal, as stderr is in an interactive shell."""

    def isatty(self) -> bool:
        return True


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **commands.choices}


class TestConventions:
    """What every command does the same way."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version and exits 0."""
        import cec_rules

        assert 0 == main(["--version"], out=StringIO())
        assert f"cec-rules {cec_rules.__version__}\n" == capsys.readouterr().out

    @pytest.mark.parametrize(
        "argv",
        [
            pytest.param(["--json", "demo"], id="before"),
            pytest.param(["demo", "--json"], id="after"),
            pytest.param(["--json", "demo", "--json"], id="both"),
        ],
    )
    def test_global_options_before_or_after(self, argv: list[str]) -> None:
        """--json is the same before the command as after it."""
        code, text = _run(argv)
        assert (0, EXPECTED_TOTALS[0][0]) == (
            code,
            json.loads(text)["applications"][0]["reference"],
        )

    def test_global_option_before_is_kept(self) -> None:
        """A global option before the command is not reset by the command's parser."""
        args = cli._parser().parse_args(["--json", "--no-progress", "demo"])
        assert (True, False) == (args.json, args.progress)
        args = cli._parser().parse_args(["demo"])
        assert (False, None) == (args.json, args.progress)

    @pytest.mark.parametrize("command", sorted(_commands()))
    def test_every_option_has_help(self, command: str) -> None:
        """Every option and argument of every command says what it is for."""
        parser = _commands()[command]
        missing = [
            action.dest
            for action in parser._actions
            if not action.help or action.help == argparse.SUPPRESS
        ]
        assert [] == missing

    @pytest.mark.parametrize("command", sorted(cli.EXIT_CODES))
    def test_help_ends_with_the_exit_codes(
        self, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each command's --help ends with what its exit codes mean."""
        assert 0 == main([command, "--help"], out=StringIO())
        help_text = " ".join(capsys.readouterr().out.split())
        for code, meaning in zip("012", cli.EXIT_CODES[command], strict=True):
            assert f"{code} {meaning}" in help_text

    def test_main_help_gives_the_exit_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cec-rules --help says what 0, 1 and 2 mean and how to pass standard input."""
        assert 0 == main(["--help"], out=StringIO())
        text = capsys.readouterr().out
        assert "0  clean: nothing refused, nothing broken" in text
        assert "1  problems found" in text
        assert "2  could not run, the reason on stderr" in text
        assert "A FILE given as - is read from standard input" in text

    @pytest.mark.parametrize("page", ["README.md", "docs/cli.md"])
    def test_exit_codes_documented(self, page: str) -> None:
        """The README and docs/cli.md give each command's exit codes as --help does."""
        text = (ROOT / page).read_text(encoding="utf-8")
        rows = [f"| `{c}` | {' | '.join(meanings)} |" for c, meanings in cli.EXIT_CODES.items()]
        assert [] == [row for row in rows if row not in text]

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            pytest.param(
                ["quote", "--cecs", "1", "--submitted", "2026-01-01", "--offering"],
                "argument --offering: the offering ends on 2026-03-01, before it starts on "
                "2026-03-05; swap the dates or fix the end date",
                id="offering-ends-before-it-starts",
            ),
            pytest.param(
                ["check-policy", "x.toml", "--budget"],
                "argument --budget: 'x' is not a budget of cases; give a whole number, 1 or more",
                id="budget-text",
            ),
            pytest.param(
                ["compare", "a.toml", "b.toml", "--budget"],
                "argument --budget: '-1' is not a budget of cases (0: no search); give a whole "
                "number, 0 or more",
                id="compare-budget-negative",
            ),
            pytest.param(
                ["check-roster", "r.csv", "--accounts", "a.csv", *ROSTER_ARGS, "--max-findings"],
                "argument --max-findings: 'many' is not a number of findings (0: all); give a "
                "whole number, 0 or more",
                id="max-findings",
            ),
            pytest.param(
                ["check-roster", "r.csv", "--accounts", "a.csv", *ROSTER_ARGS, "--findings-csv"],
                "argument --findings-csv: standard output carries the report; name a file",
                id="findings-csv-to-stdout",
            ),
            pytest.param(
                ["demo", "--write"],
                "argument --write: name a directory to write the files in",
                id="write-to-stdout",
            ),
        ],
    )
    def test_no_internal_names_in_messages(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A refused value is explained in the library's words, never as argparse's
        'invalid _name value'."""
        value = {
            "--offering": "2026-03-05:2026-03-01",
            "--max-findings": "many",
            "--findings-csv": "-",
            "--write": "-",
        }.get(argv[-1], "-1" if argv[0] == "compare" else "x")
        assert 2 == main([*argv, value], out=StringIO())
        err = capsys.readouterr().err
        assert message in err
        assert not re.search(r"invalid \w+ value", err)

    def test_interrupted_exits_130(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C stops a command with exit code 130 and a line saying so, no traceback."""

        def interrupted() -> tuple[Application, ...]:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "example_applications", interrupted)
        assert 130 == main(["demo"], out=StringIO())
        assert "cec-rules demo: interrupted\n" == capsys.readouterr().err


def _run(argv: list[str]) -> tuple[int, str]:
    out = StringIO()
    code = main(argv, out=out)
    return code, out.getvalue()


# ----------------------------------------------------------------------------
# The progress line


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _progress(stream: StringIO | None = None) -> tuple[cli.Progress, StringIO, _Clock]:
    clock = _Clock()
    stream = _Terminal() if stream is None else stream
    return cli.Progress(stream, delay=1.0, clock=clock), stream, clock


class TestProgress:
    """The progress line: drawn on a terminal after a delay, erased before output."""

    def test_nothing_before_the_delay(self) -> None:
        """A command quicker than the delay draws nothing."""
        progress, stream, clock = _progress()
        progress.step("checking roster.csv", 1000, "B")
        clock.now += 0.5
        progress.draw()
        assert "" == stream.getvalue()

    @pytest.mark.parametrize(
        ("total", "unit", "done", "expected"),
        [
            pytest.param(
                24_800_000, "B", 12_400_000, "checking: 12.4 MB of 24.8 MB (50%) 3s", id="bytes"
            ),
            pytest.param(24_800_000, "B", 24_800_000, "checking: all 24.8 MB read 3s", id="read"),
            pytest.param(
                500_001, "lines", 250_000, "checking: 250,000 of 500,001 lines (49%) 3s", id="lines"
            ),
            pytest.param(None, "B", 3_000_000, "checking: 3.0 MB 3s", id="no-total"),
            pytest.param(None, "", 0, "checking... 3s", id="a-step-alone"),
        ],
    )
    def test_text(self, total: int | None, unit: str, done: int, expected: str) -> None:
        """The line says the step, how far it is and the seconds so far."""
        progress, _, clock = _progress()
        progress.step("checking", total, unit)
        progress.done = done
        clock.now += 3.4
        assert expected == progress.text()

    def test_drawn_in_place_and_erased(self) -> None:
        """Each redraw returns to the line's start and covers the longer line before it;
        stop blanks it and leaves the cursor at its start."""
        progress, stream, clock = _progress()
        clock.now += 2
        progress.step("reading accounts.csv", 4, "lines")
        progress.done = 1
        progress.draw()
        progress.step("checking r.csv")
        progress.draw()
        progress.stop()
        first = "reading accounts.csv: 1 of 4 lines (25%) 2s"
        second = "checking r.csv... 2s"
        expected = f"\r{first}\r{second.ljust(len(first))}\r{' ' * len(second)}\r"
        assert expected == stream.getvalue()

    def test_nothing_after_stop(self) -> None:
        """Once stopped, nothing more is drawn."""
        progress, stream, clock = _progress()
        progress.step("x")
        clock.now += 5
        progress.stop()
        progress.draw()
        assert "" == stream.getvalue()

    def test_no_step_no_line(self) -> None:
        """Before the first step there is nothing to say."""
        progress, stream, clock = _progress()
        clock.now += 5
        progress.draw()
        assert "" == stream.getvalue()

    def test_note_erases_the_line_first(self) -> None:
        """A message goes on its own line, not after the progress line."""
        progress, stream, clock = _progress()
        progress.step("comparing")
        clock.now += 2
        progress.draw()
        progress.note("cec-rules compare: left out: x")
        drawn = "comparing... 2s"
        assert f"\r{drawn}\r{' ' * len(drawn)}\rcec-rules compare: left out: x\n" == (
            stream.getvalue()
        )

    def test_silent_progress_notes_to_stderr(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a stream, nothing is drawn, and a note still reaches stderr."""
        progress = cli.Progress(None)
        progress.start()
        progress.step("x")
        progress.draw()
        progress.note("a message")
        progress.stop()
        assert "a message\n" == capsys.readouterr().err

    def test_before_output(self) -> None:
        """Before output to a terminal the line is stopped; to a pipe it says it writes."""
        progress, stream, clock = _progress()
        progress.step("checking")
        progress.before_output(StringIO())
        clock.now += 2
        assert "writing the output... 2s" == progress.text()
        progress.before_output(_Terminal())
        progress.draw()
        assert "" == stream.getvalue()

    def test_the_thread_draws(self) -> None:
        """Started, a thread redraws the line until it is stopped."""
        drawn = threading.Event()

        class Watched(_Terminal):
            def write(self, text: str) -> int:
                drawn.set()
                return super().write(text)

        stream = Watched()
        progress = cli.Progress(stream, delay=0, interval=0.001)
        progress.step("working")
        progress.start()
        try:
            assert drawn.wait(timeout=60)
        finally:
            progress.stop()
        assert stream.getvalue().endswith("\r")

    @pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
    def test_fits_the_terminal(self) -> None:
        """The line is cut one column short of the terminal's width, so that it never
        wraps; a terminal that reports no width counts as 80 columns."""
        import fcntl
        import struct
        import termios

        leader, follower = os.openpty()
        with os.fdopen(follower, "w") as terminal, os.fdopen(leader, "rb", buffering=0):
            assert 80 == cli._columns(terminal)  # a new pseudo-terminal has 0 columns
            fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 30, 0, 0))
            assert 30 == cli._columns(terminal)
        assert 80 == cli._columns(StringIO())

    def test_accounts_lines_are_counted(self) -> None:
        """The accounts' lines are counted as csv reads them, a few thousand at a time."""
        progress, _, _ = _progress()
        lines = cli._CountedLines("a,b\r\n" * (cli.LINES_A_COUNT + 1), progress)
        assert cli.LINES_A_COUNT + 1 == len(list(csv.reader(lines)))
        assert cli.LINES_A_COUNT == progress.done

    def test_closed_stream_is_no_terminal(self) -> None:
        """A closed stream is not a terminal (isatty would raise)."""
        stream = StringIO()
        stream.close()
        assert cli._is_terminal(stream) is False


class _Stepping(cli.Progress):
    """A progress line that draws at each step, with no delay: what a long run shows,
    without waiting for one."""

    made: ClassVar[list[_Stepping]] = []

    def __init__(self, stream: Any, **kwargs: Any) -> None:
        super().__init__(stream, delay=0)
        self.stream = stream
        self.made.append(self)
        #: Each step ended, with how far it had come.
        self.ended: list[tuple[str, int]] = []

    def start(self) -> None:
        """No thread: the steps draw."""

    def step(self, label: str, total: int | None = None, unit: str = "") -> None:
        self.draw()
        self.ended.append((self._label, self.done))
        super().step(label, total, unit)
        self.draw()


@pytest.fixture
def stepping(monkeypatch: pytest.MonkeyPatch) -> list[_Stepping]:
    _Stepping.made = []
    monkeypatch.setattr(cli, "Progress", _Stepping)
    return _Stepping.made


class TestProgressInCommands:
    """What the commands tell the progress line, and when it is on."""

    def _check(self, *extra: str) -> int:
        return main(
            [
                "check-roster",
                str(DATA / "roster.csv"),
                "--accounts",
                str(DATA / "accounts.csv"),
                *ROSTER_ARGS,
                *extra,
            ],
            out=StringIO(),
        )

    def test_on_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, stepping: list[_Stepping]
    ) -> None:
        """With stderr a terminal, check-roster says it reads the accounts and checks the
        roster, up to its last byte, and erases the line at the end.  (The files are
        named from their folder: a line longer than the terminal is cut, and the
        checkout's own path may be of any length.)"""
        monkeypatch.setattr("sys.stderr", _Terminal())
        monkeypatch.chdir(DATA)
        code = main(
            ["check-roster", "roster.csv", "--accounts", "accounts.csv", *ROSTER_ARGS],
            out=StringIO(),
        )
        assert 1 == code
        (progress,) = stepping
        text = progress.stream.getvalue()
        assert "reading accounts.csv: 0 of 11 lines (0%)" in text
        assert "checking roster.csv: 0.0 MB of 0.0 MB (0%)" in text
        assert "checking roster.csv: all 0.0 MB read" in text
        assert "writing the output" in text
        assert text.endswith("\r")
        assert ("checking roster.csv", (DATA / "roster.csv").stat().st_size) == progress.ended[-1]

    def test_silent_when_piped(self, stepping: list[_Stepping]) -> None:
        """With stderr piped (as under pytest), the line has no stream: nothing shows."""
        assert 1 == self._check()
        assert [None] == [p.stream for p in stepping]

    def test_no_progress_on_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, stepping: list[_Stepping]
    ) -> None:
        """--no-progress hides it on a terminal; --progress shows it when piped."""
        monkeypatch.setattr("sys.stderr", _Terminal())
        assert 1 == self._check("--no-progress")
        monkeypatch.setattr("sys.stderr", StringIO())
        assert 1 == self._check("--progress")
        assert [None, sys.stderr] == [p.stream for p in stepping]

    def test_compare_counts_cases(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stepping: list[_Stepping]
    ) -> None:
        """compare over a history says it reads it, then counts the cases compared."""
        monkeypatch.setattr("sys.stderr", _Terminal())
        monkeypatch.chdir(DATA)  # short names: a line longer than the terminal is cut
        argv = [
            "compare",
            "candidates/default.toml",
            "candidates/no-filing-fees.toml",
            *("--history", "history", "--budget", "0"),
        ]
        assert 0 == main(argv, out=StringIO())
        (progress,) = stepping
        text = progress.stream.getvalue()
        assert "reading the history in history..." in text
        assert "comparing: 0 of 193 cases (0%)" in text
        assert ("comparing", 193) == progress.ended[-1]


# ----------------------------------------------------------------------------
# The shell examples of the README and docs/cli.md run as written


def _shell_examples(page: str) -> list[str]:
    """The ```sh blocks of ``page`` that run ``cec-rules``, but for the install block
    (CI runs that one, .ci/run)."""
    text = (ROOT / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    return [
        block
        for block in blocks
        if re.search(r"(^|\| )cec-rules ", block, re.MULTILINE) and "pip install" not in block
    ]


def _commands_of(block: str) -> list[tuple[str, int]]:
    """Each command of a shell block (continued lines joined) with the exit code its
    comment gives (``# exits 1``), 0 when it gives none."""
    lines = block.replace("\\\n", " ").splitlines()
    found = [(line, re.search(r"#\s*exits (\d)", line)) for line in lines if line.strip()]
    return [(line, int(match.group(1)) if match else 0) for line, match in found]


EXAMPLES = [
    pytest.param(page, block, id=f"{page}-{number}")
    for page in ("README.md", "docs/cli.md")
    for number, block in enumerate(_shell_examples(page), start=1)
]


@pytest.mark.skipif(sys.platform == "win32", reason="the examples are POSIX shell")
class TestShellExamples:
    """The shell examples run as written, each command with the exit code it says."""

    def test_there_are_examples(self) -> None:
        """The README and docs/cli.md both have examples to run."""
        assert {"README.md", "docs/cli.md"} == {case.values[0] for case in EXAMPLES}

    def test_no_paths_into_the_source_tree(self) -> None:
        """An installed user has no src/ directory: the examples use the example files."""
        assert [] == [case.id for case in EXAMPLES if "src/" in str(case.values[1])]

    @pytest.mark.parametrize(("page", "block"), EXAMPLES)
    def test_runs(self, page: str, block: str, tmp_path: Path) -> None:
        """After `cec-rules demo --write` into an empty directory, every command of the
        block exits as its comment says (0 when it says nothing)."""
        import cec_rules

        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        shim = bin_dir / "cec-rules"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cec_rules "$@"\n')
        shim.chmod(0o755)
        work = tmp_path / "work"
        commands = _commands_of(block)
        codes = tmp_path / "codes"
        script = [f"cd {work}"]
        for line, _ in commands:
            script += [line, f'echo $? >> "{codes}"']
        env = {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(Path(cec_rules.__file__).parent.parent),
        }
        env.pop("COVERAGE_PROCESS_START", None)
        setup = subprocess.run(
            [str(shim), "demo", "--write", str(work)], env=env, capture_output=True, check=False
        )
        assert 0 == setup.returncode
        result = subprocess.run(
            ["bash", "-c", "\n".join(script)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        actual = [int(code) for code in codes.read_text().split()] if codes.exists() else []
        lines = [line for line, _ in commands]
        assert commands == list(zip(lines, actual, strict=False)), result.stderr
