"""MkDocs hook: show the doctests and cross-references of docstrings well in the API reference.

Docstrings carry runnable ``>>>`` examples (the test suite runs them). Markdown would read a
``>>>`` line as a nested quotation, so this hook fences each such example as ``pycon`` code
before mkdocstrings renders it, and turns Sphinx roles such as ``:class:`~pkg.Name``` into code
(``Name``). Fenced blocks (the docs pages' own examples) are left alone.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

_FENCES = ("```", "~~~")
_ROLE = re.compile(r":(?:class|func|meth|data|attr|mod|exc|obj):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    short, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


class _FenceDoctests(Preprocessor):
    """Wrap each run of lines that starts with ``>>>`` (up to a blank line) in a code fence."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence: str | None = None
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.lstrip()
            if fence is not None:
                if stripped.startswith(fence):
                    fence = None
                out.append(line)
                i += 1
                continue
            if stripped.startswith(_FENCES):
                fence = stripped[:3]
                out.append(line)
                i += 1
                continue
            if not stripped.startswith(">>>"):
                out.append(_ROLE.sub(_role, line))
                i += 1
                continue
            indent = line[: len(line) - len(stripped)]
            block: list[str] = []
            while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
                block.append(lines[i][len(indent) :])
                i += 1
            if out and out[-1].strip():
                out.append("")
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```", ""]
        return out


class _DoctestExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.preprocessors.register(_FenceDoctests(md), "fence_doctests", 40)


@event_priority(100)  # before mkdocstrings reads the Markdown extensions
def on_config(config: Any) -> Any:
    """Add the doctest-fencing Markdown extension."""
    config.markdown_extensions.append(_DoctestExtension())
    return config
