#!/usr/bin/env bash
# Mutation test of rules/, periods.py and calendars.py (issue 8); not part of the default test run.
#
#   scripts/mutation.sh                      # the whole scope, then the score
#   MAX_CHILDREN=4 scripts/mutation.sh       # more workers (default: the number of cores)
#   scripts/mutation.sh 'send_timescales.periods*'   # only some mutants (mutmut name globs)
#   MUTATION_REF=HEAD scripts/mutation.sh    # mutate a commit, not the working tree
#   SCORE_ONLY=1 MUTATION_WORKDIR=/tmp/m scripts/mutation.sh   # re-print a finished run's score
#
# mutmut's settings (what to mutate, which tests to run) are in setup.cfg [mutmut]. The run works
# on a copy of the repository (MUTATION_WORKDIR, default a new temporary directory), so that the
# mutants/ tree mutmut writes never lands in the working tree. mutmut is installed into the
# virtual environment ($VENV, default .venv) if it is missing. The score is killed / (killed +
# survived + timeout + suspicious), per file and in total; mutants caught by no selected test
# count as survivors. See docs/testing.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
MAX_CHILDREN="${MAX_CHILDREN:-$(nproc 2>/dev/null || echo 2)}"
WORK="${MUTATION_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/send-timescales-mutation.XXXXXX")}"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -e "$ROOT[test]"
fi
if ! "$VENV/bin/python" -c "import mutmut" 2>/dev/null; then
    "$VENV/bin/pip" install -q "mutmut>=3.3,<4"
fi

if [ -z "${SCORE_ONLY:-}" ]; then
    echo "mutation: working copy in $WORK" >&2
    rm -rf "$WORK/mutants"
    if [ -n "${MUTATION_REF:-}" ]; then
        # A committed tree (MUTATION_REF=HEAD): reproducible while others edit the working tree.
        mkdir -p "$WORK"
        git -C "$ROOT" archive --format=tar "$MUTATION_REF" | tar -x -C "$WORK"
    else
        # The working tree: tracked and untracked (not ignored) files.
        (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) |
            "$VENV/bin/python" -c '
import shutil, sys
from pathlib import Path
root, work = Path(sys.argv[1]), Path(sys.argv[2])
for name in sys.stdin.buffer.read().decode().split("\0"):
    if not name or name.startswith("mutants/") or not (root / name).is_file():
        continue
    (work / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / name, work / name)
' "$ROOT" "$WORK"
    fi
    # mutmut's exit code is not the score: the score is printed below.
    (cd "$WORK" && "$VENV/bin/mutmut" run --max-children "$MAX_CHILDREN" "$@") || true
fi

cd "$WORK"
"$VENV/bin/python" - <<'PY'
import json
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

per_file: dict[str, Counter[str]] = {}
for meta in sorted(Path("mutants").rglob("*.py.meta")):
    data = json.loads(meta.read_text())
    counts = Counter(status_by_exit_code[code] for code in data["exit_code_by_key"].values())
    if counts:
        per_file[str(meta.relative_to("mutants"))[: -len(".meta")]] = counts

SCORED = ("killed", "survived", "no tests", "timeout", "suspicious")


def line(name: str, c: Counter[str]) -> str:
    # A timeout is a detected mutant (the mutant made the tests hang); "no tests" a survivor.
    killed = c["killed"] + c["timeout"]
    total = sum(c[s] for s in SCORED)
    score = 100 * killed / total if total else 100.0
    rest = ", ".join(f"{k} {v}" for k, v in sorted(c.items()) if k not in ("killed",))
    return f"{score:6.1f}%  {killed:5d}/{total:<5d} {name}  ({rest or 'none left'})"


total: Counter[str] = Counter()
for name, counts in per_file.items():
    print(line(name, counts))
    total.update(counts)
print(line("TOTAL", total))
PY
echo "mutation: survivors: cd $WORK && $VENV/bin/mutmut results; mutmut show <name>" >&2
