"""The example notebook runs top to bottom: its code cells are executed in order, as in Jupyter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "compliance_analysis.ipynb"


def test_notebook_runs_and_its_numbers_hold() -> None:
    notebook = json.loads(NOTEBOOK.read_text())
    namespace: dict[str, Any] = {"__name__": "__notebook__"}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)
    assert len(namespace["reports"]) == 1000
    assert namespace["appeal"].due.isoformat() == "2026-01-02"
    assert "<table>" in namespace["report"]._repr_html_()
    statuses = {row["status"] for row in namespace["rows"]}
    assert {"met", "missed"} <= statuses
    for row in namespace["rows"]:
        assert row["citations"]
