"""`send-timescales batch` end to end: throughput, time to first record and peak memory.

Run: ``.venv/bin/python bench/bench_batch.py [--cases 100000] [--jobs 1,2] [--hostile]``.

Generates N synthetic cases (the shapes of examples/cases/*.json, dates shifted case by case)
as JSON Lines in a temporary folder, then runs ``python -m send_timescales batch`` in a
subprocess once per ``--jobs`` value, reading its standard output as it comes. It reports cases
per second, the time to the first output record, the peak resident memory of the whole process
tree (polled from /proc every 20 ms; worker processes included) and of the largest single
process (``getrusage`` of the children). ``--hostile`` mixes in one hostile line every 1,000
cases (deep nesting, lone surrogates, undecodable bytes, CR/LF and formulas in ids, a 5 MB
string, ...); ``--verify`` reads the output back (pandas for CSV, icalendar for ics, every JSON
record once and in order). ``--src DIR`` runs the package from
another source tree (for before/after figures: ``--src /tmp/before/src --jobs none``, where
``none`` omits the ``--jobs`` option, which older versions lack). Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHAPES = sorted((ROOT / "examples" / "cases").glob("*.json"))
ISSUE_8_SHAPES = [p for p in SHAPES if p.stem != "assessment_to_review"]
"""The three shapes the issue 8 figures were measured on (``--shapes issue8``), for comparisons."""
DATE_FIELDS = ("on", "mediation_on", "letter_dated", "agreed_date")


def _shift(value: Any, days: int) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in DATE_FIELDS and isinstance(item, str):
                out[key] = (date.fromisoformat(item) - timedelta(days=days)).isoformat()
            else:
                out[key] = _shift(item, days)
        return out
    if isinstance(value, list):
        return [_shift(item, days) for item in value]
    return value


HOSTILE: list[bytes] = [
    b"[" * 1000 + b"]" * 1000,
    b'{"case_id": "deep", "events": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"case_id": "\\ud800", "events": []}',
    b'{"case_id": "bad-byte-\xff", "events": []}',
    b'{"case_id": "nan", "events": [{"type": "decision_notice", "on": NaN}]}',
    b'{"case_id": "bool", "events": [{"type": "decision_notice", "on": true}]}',
    json.dumps(
        {
            "case_id": "inject\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged",
            "events": [
                {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}
            ],
        }
    ).encode(),
    json.dumps(
        {
            "case_id": '=HYPERLINK("http://example.invalid")',
            "events": [{"type": "decision_notice", "on": "2025-10-01", "decision": "cease_plan"}],
        }
    ).encode(),
    json.dumps(
        {"case_id": "huge", "events": [{"type": "nope" + "x" * 5_000_000, "on": "2025-01-01"}]}
    ).encode(),
    '{"case_id": "sep\u2028arator", "events": []}'.encode(),
    b"not json at all",
]


def generate(path: Path, cases: int, hostile: bool, shapes_name: str = "all") -> int:
    """Write the batch; return how many non-blank lines (cases) it has."""
    paths = ISSUE_8_SHAPES if shapes_name == "issue8" else SHAPES
    shapes = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    lines = 0
    with path.open("wb") as out:
        out.write(b"\xef\xbb\xbf")  # a byte-order mark, as Excel and Notepad write
        for n in range(cases):
            if hostile and n % 1000 == 999:
                out.write(HOSTILE[(n // 1000) % len(HOSTILE)] + b"\r\n\n")
            else:
                shape = shapes[n % len(shapes)]
                case = _shift(shape, n % 1400)
                case["case_id"] = f"B-{n:07d}"
                out.write(json.dumps(case, separators=(",", ":")).encode() + b"\n")
            lines += 1
    return lines


def _tree_rss_kib(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{current}/task/{current}/children") as children:
                stack.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def verify(path: Path, output: str, cases: int) -> str:
    """Read the output back as pandas (CSV) or icalendar (ics) would; say what was found."""
    started = time.perf_counter()
    if output == "csv":
        import pandas

        frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
        lines = frame["line"].nunique()
        starts = tuple("=+-@\t\r")
        formulas = sum(frame[c].str.startswith(starts).sum() for c in frame.columns)
        kinds = frame["record"].value_counts().to_dict()
        found = f"pandas: {len(frame):,} rows, {lines:,} cases, {kinds}, {formulas} formula cells"
    elif output == "ics":
        import icalendar

        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        names = sorted({name for event in events for name in event})
        found = f"icalendar: {len(events):,} events, properties {names}"
    else:
        with path.open("rb") as records:
            numbers = [json.loads(line)["line"] for line in records]
        ordered = numbers == sorted(numbers) and len(set(numbers)) == len(numbers) == cases
        found = f"json: {len(numbers):,} records, every case once and in order: {ordered}"
    return f"{found} (read back in {time.perf_counter() - started:.0f} s)"


def run(
    batch: Path,
    jobs: str,
    output: str,
    src: str | None,
    as_of: str,
    keep: Path | None = None,
) -> dict[str, float | int | str]:
    command = [sys.executable, "-m", "send_timescales", "batch", str(batch), "--as-of", as_of]
    command += ["--output", output] if output != "jsonl" else []
    if jobs != "none":
        command += ["--jobs", jobs]
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, bufsize=0
    )
    first: list[float] = []
    counts = {"bytes": 0, "lines": 0}
    stderr: list[bytes] = []

    def read_out() -> None:
        assert process.stdout is not None
        sink = keep.open("wb") if keep is not None else None
        while chunk := process.stdout.read(1 << 16):
            if not first:
                first.append(time.perf_counter() - started)
            counts["bytes"] += len(chunk)
            counts["lines"] += chunk.count(b"\n")
            if sink is not None:
                sink.write(chunk)
        if sink is not None:
            sink.close()

    def read_err() -> None:
        assert process.stderr is not None
        stderr.append(process.stderr.read())

    threads = [threading.Thread(target=read_out), threading.Thread(target=read_err)]
    for thread in threads:
        thread.start()
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.02)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    summary = b"".join(stderr).decode("utf-8", "replace").strip().splitlines()
    return {
        "exit": process.returncode,
        "seconds": elapsed,
        "first_record_s": first[0] if first else float("nan"),
        "tree_peak_mb": peak / 1024,
        "records": counts["lines"],
        "out_mb": counts["bytes"] / 1e6,
        "summary": summary[-1] if summary else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated; 'none' omits --jobs")
    parser.add_argument("--output", choices=("jsonl", "csv", "ics"), default="jsonl")
    parser.add_argument("--hostile", action="store_true", help="mix in hostile lines")
    parser.add_argument("--src", default=None, help="run the package from this source tree")
    parser.add_argument("--as-of", default="2026-03-09")
    parser.add_argument(
        "--shapes",
        choices=("all", "issue8"),
        default="all",
        help="all example case files, or the three issue 8 was measured on",
    )
    parser.add_argument(
        "--verify", action="store_true", help="read the output back (pandas, icalendar, json)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "cases.jsonl"
        started = time.perf_counter()
        cases = generate(batch, args.cases, args.hostile, args.shapes)
        print(
            f"{cases:,} cases ({batch.stat().st_size / 1e6:.1f} MB of JSON Lines"
            f"{', hostile lines mixed in' if args.hostile else ''}) generated in "
            f"{time.perf_counter() - started:.1f} s; output {args.output}; "
            f"python {sys.version.split()[0]}; {os.cpu_count()} cores"
        )
        header = (
            f"{'jobs':>5} {'exit':>4} {'seconds':>8} {'cases/s':>9} {'first rec s':>11} "
            f"{'tree peak MB':>12} {'out MB':>8} {'records':>9}"
        )
        print(header)
        for jobs in args.jobs.split(","):
            keep = Path(folder) / f"out.{args.output}" if args.verify else None
            result = run(batch, jobs.strip(), args.output, args.src, args.as_of, keep)
            print(
                f"{jobs:>5} {result['exit']:>4} {result['seconds']:>8.1f} "
                f"{cases / float(result['seconds']):>9,.0f} {result['first_record_s']:>11.2f} "
                f"{result['tree_peak_mb']:>12.0f} {result['out_mb']:>8.1f} "
                f"{result['records']:>9,}"
            )
            print(f"      stderr: {result['summary']}")
            if keep is not None:
                print(f"      {verify(keep, args.output, cases)}")
                keep.unlink()
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"largest single process (getrusage of children): {largest:.0f} MB")


if __name__ == "__main__":
    main()
