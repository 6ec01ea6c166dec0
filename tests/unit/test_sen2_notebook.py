"""The SEN2 notebook is committed with its outputs, and re-running it gives the same figures.

The check of the committed outputs needs nothing but the standard library. Re-running needs the
`examples` extra (pandas, matplotlib) and nbclient with ipykernel (all in the dev extra); without
them it is skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.unit.notebooks import run, texts

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "sen2_twenty_weeks.ipynb"
HEADLINE = re.compile(
    r"^Headline (?P<year>\d{4}): (?P<excl>\d+\.\d)% of EHC plans issued within 20 weeks "
    r"excluding exceptions \((?P<within>[\d,]+) of (?P<plain>[\d,]+)\); (?P<incl>\d+\.\d)% "
    r"including them \((?P<within_all>[\d,]+) of (?P<all>[\d,]+)\)$",
    re.MULTILINE,
)


def images(cells: list[Any]) -> list[str]:
    return [
        "".join(output["data"]["image/png"])
        for cell in cells
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]


def headline(text: str) -> re.Match[str]:
    found = list(HEADLINE.finditer(text))
    assert len(found) == 1, "one headline line"
    return found[0]


def year_table(text: str) -> list[str]:
    """The SEN2 table's rows by year (year, plans, exceptions, within, % excl., % incl.)."""
    return [line for line in text.splitlines() if re.match(r"^20\d\d(\s+[\d.]+){5}$", line)]


def number(text: str) -> int:
    return int(text.replace(",", ""))


def test_committed_notebook_has_its_outputs_and_a_chart() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert len(code) >= 6
    for cell in code[1:]:  # every cell but the imports shows something
        assert cell["outputs"], "".join(cell["source"])[:80]
    for cell in code:
        assert all(output["output_type"] != "error" for output in cell["outputs"])
        assert cell["execution_count"] is not None, "executed top to bottom"
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    assert len(images(code)) == 1, "the weeks-to-plan chart"
    text = texts(code)
    assert "10000 requests evaluated" in text
    assert "explain=False" in "".join("".join(c["source"]) for c in code)
    assert 'table="measures"' in "".join("".join(c["source"]) for c in code)


def test_committed_figures_add_up() -> None:
    text = texts(json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"])
    found = headline(text)
    within, plain = number(found["within"]), number(found["plain"])
    within_all, every = number(found["within_all"]), number(found["all"])
    assert f"{100 * within / plain:.1f}" == found["excl"]
    assert f"{100 * within_all / every:.1f}" == found["incl"]
    # An exception only disapplies a 20 weeks that was not met: the plans within 20 weeks are the
    # same with or without them; the plans with an exception are the difference in the totals.
    assert within_all == within
    assert every > plain
    rows = {row.split()[0]: row.split()[1:] for row in year_table(text)}
    assert set(rows) == {"2023", "2024", "2025"}
    plans, exceptions, in_time, excl, incl = rows[found["year"]]
    assert (int(plans), int(plans) - int(exceptions), int(in_time)) == (every, plain, within)
    assert (excl, incl) == (found["excl"], found["incl"])
    for plans, exceptions, in_time, excl, incl in rows.values():
        assert 0 < int(exceptions) < int(plans)
        assert float(excl) == round(100 * int(in_time) / (int(plans) - int(exceptions)), 1)
        assert float(incl) == round(100 * int(in_time) / int(plans), 1)
        assert float(incl) < float(excl)


def test_notebook_reruns_to_the_committed_figures() -> None:
    stored, fresh, notebook = run(NOTEBOOK)
    assert headline(fresh).group(0) == headline(stored).group(0), (
        "the committed outputs are stale: re-run the notebook"
    )
    assert year_table(fresh) == year_table(stored)
    counts = re.search(r"plan_issued\s+(\d+)", fresh)
    assert counts is not None
    assert counts.group(0) in stored
    assert len(images(notebook.cells)) == 1
