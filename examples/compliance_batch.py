"""An analyst's compliance check: every deadline of every case file in a folder, then a tally.

Usage::

    python examples/compliance_batch.py [FOLDER] [--as-of YYYY-MM-DD]

FOLDER holds case files (``*.json``, each ``{"case_id": ..., "events": [...]}``); the default is
examples/cases/. All cases are judged as of the same date (default: today). The script prints
one row per deadline (case_id, rule_id, due, status, duty_holder), then, for each rule, how many
deadlines have each status. A case file that cannot be evaluated is reported on standard error
and skipped; the exit status is then 1. A usage error exits with status 2.

Standard library only, besides send_timescales.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from send_timescales import (
    InputError,
    Report,
    SendTimescalesError,
    evaluate,
    parse_case,
    parse_date,
)

DEFAULT_FOLDER = Path(__file__).resolve().parent / "cases"
PROG = "compliance_batch.py"
STATUSES = ("met", "missed", "pending", "overdue", "disapplied")
HEADER = ("case_id", "rule_id", "due", "status", "duty_holder")


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is a single line on standard error (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


def _as_of(text: str) -> date:
    try:
        return parse_date(text, "--as-of")
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def evaluate_folder(folder: Path, as_of: date | None) -> tuple[list[Report], list[str]]:
    """The report of each case file in ``folder`` (by file name); one error line per failure."""
    reports: list[Report] = []
    errors: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            case = parse_case(path.read_text(encoding="utf-8"))
            if case.case_id is None:
                case = case.model_copy(update={"case_id": path.stem})
            reports.append(evaluate(case, as_of=as_of))
        except (SendTimescalesError, ValueError, OSError) as error:
            errors.append(f"{path.name}: {' '.join(str(error).split())}")
    return reports, errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = _OneLineParser(prog=PROG, description="Deadline statuses across case files.")
    parser.add_argument(
        "folder", nargs="?", default=str(DEFAULT_FOLDER), help="folder of *.json case files"
    )
    parser.add_argument("--as-of", type=_as_of, default=None, help="judge statuses at this date")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"{PROG}: error: {str(folder)!r} is not a folder", file=sys.stderr)
        return 2

    reports, errors = evaluate_folder(folder, args.as_of)
    for line in errors:
        print(f"{PROG}: skipped {line}", file=sys.stderr)
    if not reports:
        print(f"{PROG}: error: no case in {str(folder)!r} could be evaluated", file=sys.stderr)
        return 2

    as_of = reports[0].provenance.as_of
    print(f"Deadlines as of {as_of.isoformat()} ({len(reports)} cases)")
    print()
    rows: list[tuple[str, ...]] = [HEADER]
    tally: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        for d in report.deadlines:
            rows.append(
                (
                    report.provenance.case_id or "?",
                    d.rule_id,
                    d.due.isoformat() if d.due is not None else "-",
                    d.status,
                    d.duty_holder,
                )
            )
            tally[d.rule_id][d.status] += 1
    for line in _table(rows):
        print(line)

    print()
    print("Statuses per rule")
    print()
    counts: list[tuple[str, ...]] = [("rule_id", *STATUSES, "total")]
    for rule_id in sorted(tally):
        counter = tally[rule_id]
        counts.append((rule_id, *(str(counter[s]) for s in STATUSES), str(sum(counter.values()))))
    for line in _table(counts):
        print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
