"""Rebuild the report snapshots: ``python tests/snapshots/build.py``.

Run it only for a deliberate change to computed answers, and list each change in CHANGELOG.md.
``python tests/snapshots/build.py --diff`` summarises how today's reports differ from the stored
ones (which cases, which rule ids) without writing anything.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SNAPSHOT = HERE / "reports.jsonl.gz"
SEED = 20261128
GENERATED = 3000

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
import send_timescales as st  # noqa: E402
from tests.golden.test_golden import CASES, _iso  # noqa: E402
from tests.golden.test_golden import load as load_golden  # noqa: E402
from tests.snapshots.cases import generate  # noqa: E402


def _golden() -> Iterator[tuple[str, list[dict[str, Any]], date]]:
    for path in CASES:
        case = load_golden(path)
        events = [{k: _iso(v) for k, v in e.items()} for e in case["events"]]
        yield f"golden/{path.stem}", events, case["as_of"]


def _examples() -> Iterator[tuple[str, list[dict[str, Any]], date]]:
    for path in sorted((ROOT / "examples" / "cases").glob("*.json")):
        case = json.loads(path.read_text())
        for as_of in (date(2025, 6, 1), date(2026, 3, 9), date(2027, 1, 15)):
            yield f"example/{path.stem}@{as_of}", case["events"], as_of


def cases() -> Iterator[tuple[str, list[dict[str, Any]], date]]:
    """Every snapshotted case: golden, examples, then the generated ones."""
    yield from _golden()
    yield from _examples()
    for n, (events, as_of) in enumerate(generate(SEED, GENERATED)):
        yield f"generated/{n}", events, as_of


def outcome(events: list[dict[str, Any]], as_of: date) -> str:
    """The report's JSON, or the error's type and message."""
    try:
        return st.evaluate(events, as_of=as_of).model_dump_json()
    except st.SendTimescalesError as error:
        return json.dumps({"error": type(error).__name__, "message": str(error)})


def load() -> dict[str, str]:
    """The stored snapshot: case name -> outcome."""
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return {row["name"]: row["outcome"] for row in map(json.loads, f)}


def _summary(name: str, old: str, new: str) -> str:
    a, b = json.loads(old), json.loads(new)
    if not a:
        return f"{name}: new case"
    if "error" in a or "error" in b:
        return f"{name}: error {a.get('error')} -> {b.get('error')}"
    changed: Counter[str] = Counter()
    da = {(d["rule_id"], d["trigger_on"], d.get("subject")): d for d in a["deadlines"]}
    db = {(d["rule_id"], d["trigger_on"], d.get("subject")): d for d in b["deadlines"]}
    for key in da.keys() | db.keys():
        x, y = da.get(key), db.get(key)
        if x is None or y is None:
            changed[f"{key[0]} {'added' if x is None else 'removed'}"] += 1
        elif (x["due"], x["status"]) != (y["due"], y["status"]):
            changed[f"{key[0]} {x['due']}/{x['status']} -> {y['due']}/{y['status']}"] += 1
        elif x != y:
            changed[f"{key[0]} text"] += 1
    fa = Counter(f["code"] + "@" + f["rule_id"] for f in a["findings"])
    fb = Counter(f["code"] + "@" + f["rule_id"] for f in b["findings"])
    for code in (fa - fb) | (fb - fa):
        changed[f"finding {code} {fa[code]} -> {fb[code]}"] += 1
    for part in ("eligibility", "decisions", "duties", "provenance"):
        if a[part] != b[part]:
            changed[part] += 1
    return f"{name}: " + "; ".join(sorted(changed))


def main(argv: list[str]) -> int:
    current = {name: outcome(events, as_of) for name, events, as_of in cases()}
    if "--diff" in argv:
        stored = load()
        kinds: Counter[str] = Counter()
        for name in current:
            if stored.get(name) != current[name]:
                line = _summary(name, stored.get(name, "{}"), current[name])
                print(line)
                for part in line.split(": ", 1)[1].split("; "):
                    kinds[part] += 1
        print("\nchanges by kind:")
        for kind, n in kinds.most_common():
            print(f"{n:6}  {kind}")
        return 0
    lines = "".join(json.dumps({"name": n, "outcome": t}) + "\n" for n, t in current.items())
    with open(SNAPSHOT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(lines.encode("utf-8"))
    print(f"wrote {len(current)} outcomes to {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
