"""Evaluate one case file and print the report for people, with the law behind every date.

Usage::

    python examples/evaluate_case.py [CASE.json] [--as-of YYYY-MM-DD]

CASE.json is ``{"case_id": ..., "events": [...]}`` (default: the refusal-to-assess example in
examples/cases/). Without ``--as-of`` the statuses are judged as of today. Bad input (a missing
file, a malformed case, a bad date) prints one line on standard error and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from send_timescales import SendTimescalesError, evaluate, parse_case, parse_date

DEFAULT_CASE = Path(__file__).resolve().parent / "cases" / "refusal_to_assess_mediation.json"
PROG = "evaluate_case.py"


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is a single line on standard error (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


def parse_as_of(text: str) -> date:
    """A strict ``YYYY-MM-DD`` date (an ``InputError``, a ``ValueError``, otherwise)."""
    return parse_date(text, "--as-of")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _OneLineParser(prog=PROG, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "case",
        nargs="?",
        default=str(DEFAULT_CASE),
        help="case file (JSON: {case_id, events}); default: %(default)s",
    )
    parser.add_argument("--as-of", default=None, help="judge statuses at this date (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    try:
        as_of = parse_as_of(args.as_of) if args.as_of is not None else None
        case = parse_case(Path(args.case).read_text(encoding="utf-8"))
        report = evaluate(case, as_of=as_of)
    except (SendTimescalesError, ValueError, OSError) as error:
        message = " ".join((str(error) or type(error).__name__).split())
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2
    sys.stdout.write(report.to_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
