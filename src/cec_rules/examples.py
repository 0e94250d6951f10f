"""The example data bundled with the package, for the demo, the docs and notebooks.

These functions read files shipped inside the package (never the caller's
files) and return ordinary values.
"""

from __future__ import annotations

from cec_rules.program import Application

__all__ = ["example_applications"]


def _data_text(name: str) -> str:
    from importlib import resources  # imported on first use to keep ``import cec_rules`` quick

    return resources.files("cec_rules").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def example_applications() -> tuple[Application, ...]:
    """Return the bundled example applications: on time, late, partly past,
    submitted late in the evening in another time zone, self-paced, and all past."""
    import json

    data = json.loads(_data_text("applications.json"))
    return tuple(Application.from_dict(item) for item in data)
