"""The type surface: tests/typing/service.py, a service's use of the API, passes mypy --strict."""

from __future__ import annotations

from pathlib import Path

from mypy import api

SERVICE = Path(__file__).parent / "typing" / "service.py"


class TestTypeSurface:
    """The public API type-checks as a service uses it."""

    def test_service_passes_mypy_strict(self, tmp_path: Path) -> None:
        """mypy --strict finds no error in the typing-only service file."""
        stdout, stderr, status = api.run(
            [
                "--strict",
                "--no-incremental",
                "--cache-dir",
                str(tmp_path / "mypy-cache"),
                "--python-version",
                "3.10",
                "--config-file",
                "",
                str(SERVICE),
            ]
        )
        assert 0 == status, stdout + stderr
