"""Shared by the notebook tests: the text of a notebook's outputs, and a fresh run of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def texts(cells: list[Any]) -> str:
    """Every text output of the cells (printed text and plain-text results), joined."""
    found = []
    for cell in cells:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            found.append("".join(text))
    return "\n".join(found)


def run(path: Path) -> tuple[str, str, Any]:
    """Execute the notebook in a kernel: (its stored output text, its fresh output text, it).

    Skips the test when the examples extra or the kernel packages are not installed.
    """
    for module in ("pandas", "matplotlib", "ipykernel"):
        pytest.importorskip(module)
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    stored = texts(notebook.cells)
    nbclient.NotebookClient(
        notebook,
        timeout=600,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return stored, texts(notebook.cells), notebook
