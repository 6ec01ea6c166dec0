"""The package metadata says what is built, and the core needs none of the optional extras."""

from __future__ import annotations

import ast
import re
from importlib.metadata import metadata, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "send_timescales"
OPTIONAL = {"pandas", "tqdm", "rich", "matplotlib", "numpy", "dateutil", "icalendar"}


def test_runtime_dependencies_are_pydantic_and_holidays_only() -> None:
    runtime = {
        re.split(r"[<>=!~ \[;]", line, maxsplit=1)[0].lower()
        for line in requires("send-timescales") or []
        if "extra ==" not in line
    }
    assert runtime == {"pydantic", "holidays"}
    extras = set(metadata("send-timescales").get_all("Provides-Extra") or [])
    assert {"pandas", "progress", "examples", "test", "dev"} <= extras


def test_classifiers_and_summary_match_what_is_built_and_tested() -> None:
    meta = metadata("send-timescales")
    assert meta["Requires-Python"] == ">=3.10"
    versions = {c.rsplit(" ", 1)[-1] for c in meta.get_all("Classifier") or [] if ":: 3." in c}
    assert versions == {"3.10", "3.11", "3.12", "3.13"}
    test_script = (ROOT / "scripts" / "test.sh").read_text()
    assert "for version in 3.10 3.13" in test_script  # the oldest and newest claimed
    summary = meta["Summary"]
    assert "mediation" in summary
    assert "EHC assessment" not in summary  # not built yet
    assert meta.get_all("Project-URL")


def test_the_core_imports_no_optional_extra_at_module_level() -> None:
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in tree.body:  # module level only: functions may import an extra lazily
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in OPTIONAL, (path.name, name)
