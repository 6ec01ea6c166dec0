"""Collection settings for the whole repository (doctests in src/, docs/ and README.md included).

On a Python where only the test extra is installed (the 3.10 and 3.13 runs of the test command),
modules that need an optional extra are not imported for their doctests.
"""

from __future__ import annotations

import importlib.util

collect_ignore: list[str] = []
if importlib.util.find_spec("fastapi") is None:
    collect_ignore += ["src/send_timescales/server.py", "docs/recipes.md"]
