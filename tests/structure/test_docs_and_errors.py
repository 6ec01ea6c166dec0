"""The error codes are documented, the docs site is complete, the core imports no extras."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

import send_timescales as st
from send_timescales.errors import ERROR_CODES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "send_timescales"


def _table_codes(markdown: str, heading: str) -> list[str]:
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def test_every_error_code_is_documented_and_every_documented_code_exists() -> None:
    documented = _table_codes((DOCS / "errors.md").read_text(), "Error codes")
    assert len(documented) == len(set(documented)), "a code is listed twice"
    assert set(documented) == set(ERROR_CODES), (
        f"only in docs/errors.md: {set(documented) - set(ERROR_CODES)}; "
        f"only in errors.py: {set(ERROR_CODES) - set(documented)}"
    )
    assert all(description.strip() for description in ERROR_CODES.values())


def test_every_class_default_code_is_a_known_code() -> None:
    classes = [st.SendTimescalesError]
    while classes:
        cls = classes.pop()
        assert cls.code in ERROR_CODES, cls
        classes.extend(cls.__subclasses__())


def _codes_in_source(tree: ast.AST) -> set[str]:
    """String constants given as an error code: ``SomeError(..., code=...)``, a problem dict's
    ``"code"``, ``code = ...``, ``add(CODE, ...)`` (events.py) and what ``*_code`` functions
    return. (Report findings also have codes, given to ``Finding``: those are not errors.)"""

    def strings(node: ast.AST | None) -> set[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            return strings(node.body) | strings(node.orelse)
        return set()

    def called(func: ast.expr) -> str:
        return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")

    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and called(node.func).endswith("Error"):
            for keyword in node.keywords:
                if keyword.arg == "code":
                    found |= strings(keyword.value)
        elif isinstance(node, ast.Dict):  # a problem: {"code": ..., "message": ...}
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "code" and "message" in keys:
                    found |= strings(value)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == "code":
                    found |= strings(node.value)
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    for name, value in zip(target.elts, node.value.elts, strict=False):
                        if isinstance(name, ast.Name) and name.id == "code":
                            found |= strings(value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "add" and node.args:
                found |= strings(node.args[0])
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_code"):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return):
                    found |= strings(inner.value)
    return found


def test_every_code_the_source_gives_is_a_known_code() -> None:
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= _codes_in_source(ast.parse(path.read_text()))
    assert used - set(ERROR_CODES) == set()
    # The collector really finds codes in each place they are given.
    assert {"event_type_unknown", "field_unknown", "date_not_iso", "too_deep"} <= used
    assert {"events_contradictory", "rule_set_invalid", "case_invalid"} <= used


def test_user_facing_text_names_no_internal_files() -> None:
    for path in [ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.rglob("*.md")]:
        text = path.read_text()
        for word in ("RULES.md", "../shared", "shared/"):
            assert word not in text, f"{path.name} mentions {word}"


def test_each_convention_has_its_stable_anchor() -> None:
    text = (DOCS / "interpretations.md").read_text()
    for n in range(1, 12):
        assert text.count(f'<a id="c{n}"></a>') == 1, f"c{n}"


def test_the_docs_site_lists_every_page() -> None:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !!python/name tags (Material's emoji options); ignore them here.
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)

    def pages(nav: object) -> list[str]:
        if isinstance(nav, str):
            return [nav]
        if isinstance(nav, dict):
            return [p for value in nav.values() for p in pages(value)]
        if isinstance(nav, list):
            return [p for item in nav for p in pages(item)]
        return []

    listed = set(pages(config["nav"]))
    on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert listed == on_disk
    assert config["theme"]["font"] is False  # no font downloads: the build works offline
    assert config["strict"] is True


def test_the_core_library_imports_no_optional_extra() -> None:
    code = (
        "import sys, send_timescales, send_timescales.cli, send_timescales.events; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'fastapi', 'starlette', 'uvicorn', 'mkdocs', 'httpx'} "
        "or m == 'send_timescales.server'); print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
