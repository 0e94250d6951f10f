"""docs/example.ipynb runs top to bottom, and results render in a notebook."""

from __future__ import annotations

import json
from pathlib import Path

import cec_rules.notebook

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"


class TestExampleNotebook:
    def test_every_code_cell_runs(self) -> None:
        """Each code cell runs in order in one namespace; the last expression renders as HTML."""
        cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        assert len(code) >= 5
        namespace: dict[str, object] = {}
        for source in code:
            exec(compile(source, str(NOTEBOOK), "exec"), namespace)
        comparison = namespace["comparison"]
        page = comparison._repr_html_()  # type: ignore[attr-defined]
        assert page.startswith("<p>Comparing &#x27;$10 per CEC sale&#x27;")

    def test_notebook_module_is_the_one_the_cells_use(self) -> None:
        """The notebook helpers are importable from the package."""
        assert callable(cec_rules.notebook.to_frame)
