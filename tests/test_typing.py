"""The type surface: tests/typing/service.py, a service's use of the API, passes mypy --strict."""

from __future__ import annotations

from pathlib import Path

from mypy import api

SERVICE = Path(__file__).parent / "typing" / "service.py"
SRC = Path(__file__).resolve().parent.parent / "src"


class TestTypeSurface:
    """The public API type-checks as a service uses it."""

    def test_service_passes_mypy_strict(self, tmp_path: Path) -> None:
        """mypy --strict finds no error in the typing-only service file."""
        # A config of its own (not the project's), whose mypy_path puts this checkout's
        # src/ before any installed copy of the package: the file is checked against the
        # source under test, even where the environment installed another checkout.
        config = tmp_path / "mypy.ini"
        config.write_text(f"[mypy]\nmypy_path = {SRC}\n", encoding="utf-8")
        stdout, stderr, status = api.run(
            [
                "--strict",
                "--no-incremental",
                "--cache-dir",
                str(tmp_path / "mypy-cache"),
                "--python-version",
                "3.10",
                "--config-file",
                str(config),
                str(SERVICE),
            ]
        )
        assert 0 == status, stdout + stderr
