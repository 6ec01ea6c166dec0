"""Every `send-timescales ...` command line in the README runs as written, from the repository root
(in a scratch folder that sees the same examples/), and exits with status 0."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        found += [line for line in block.splitlines() if line.startswith("send-timescales ")]
    return found


def test_the_readme_has_batch_commands() -> None:
    assert any(" batch " in line and ".jsonl" in line for line in commands())
    assert any(" batch " in line and ".csv" in line for line in commands())


@pytest.mark.parametrize("command", commands())
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "send-timescales").exists():
        pytest.skip("the send-timescales command is not installed beside this Python")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        ["bash", "-c", f"set -euo pipefail; {command}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    target = re.search(r"> (\S+)$", command)
    if target:
        written = (tmp_path / target.group(1)).read_text(encoding="utf-8")
        assert written.strip()
    else:
        assert result.stdout.strip()
