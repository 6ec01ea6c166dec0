"""The example notebook is committed with its outputs, and runs top to bottom in a kernel.

Running it needs the `examples` extra (pandas, matplotlib) and nbclient with ipykernel (all in the
dev extra); without them the run is skipped, but the check of the committed outputs is not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.unit.notebooks import run, texts

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "compliance_analysis.ipynb"


def test_committed_notebook_has_its_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    for cell in code[1:]:  # every cell but the imports shows something
        assert cell["outputs"], "".join(cell["source"])[:80]
    for cell in code:
        assert all(output["output_type"] != "error" for output in cell["outputs"])
    data = [output.get("data", {}) for cell in code for output in cell["outputs"]]
    assert any("image/png" in d for d in data), "the chart is missing"
    assert any("<svg" in "".join(d.get("text/html", "")) for d in data), "the time line"
    assert "1000 cases, " in texts(code)


def test_notebook_runs_and_its_numbers_hold() -> None:
    stored, fresh, notebook = run(NOTEBOOK)
    assert "2026-01-02 pending" in fresh
    summary = next(line for line in fresh.splitlines() if line.startswith("1000 cases, "))
    assert summary in stored, "the committed outputs are stale: re-run the notebook"
    assert "appeal.register" in fresh
    assert re.search(r"provisional\s+bool", fresh), "provisional is a real boolean column"
    images = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert len(images) == 1
