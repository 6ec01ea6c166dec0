"""The command line: ``send-timescales`` (or ``python -m send_timescales``).

Commands::

    send-timescales evaluate CASE.json [--as-of YYYY-MM-DD] [--format json|text|markdown]
    send-timescales ical CASE.json [--as-of YYYY-MM-DD]       the deadlines as an iCalendar file
    send-timescales batch CASES.jsonl|CASES.csv [--as-of YYYY-MM-DD] [--output jsonl|csv]
    send-timescales rules [--format markdown|json]              the rule catalogue
    send-timescales schema [case|report]                        JSON Schema of the input or output

A case file is ``{"case_id": ..., "events": [...]}``; ``-`` reads standard input. A batch is JSON
Lines (one case file per line) or a CSV of events with a ``case_id`` column (see
:mod:`send_timescales.tabular`); its output is one JSON report per line, or one CSV row per
deadline. Every error is one line on standard error and exit status 2, never a traceback. In a
batch, a bad case becomes an error record (``{"case_id": ..., "error": ...}``, or a CSV row with
the ``error`` column) and the others go on; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from .calendar_export import to_icalendar
from .calendars import parse_date
from .engine import evaluate
from .errors import InputError, SendTimescalesError
from .events import Case, parse_case
from .results import Report
from .rules import default_rules
from .rules.catalogue import catalogue_json, catalogue_markdown
from .tabular import DEADLINE_COLUMNS, cases_from_csv, deadline_rows

__all__ = ["main"]


def _as_of(text: str) -> date:
    try:
        return parse_date(text, "--as-of")
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="send-timescales",
        description="Statutory SEND timescales (England), with the law behind every date.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("evaluate", help="evaluate one case file and print the report")
    run.add_argument("case", help="case file (JSON: {case_id, events}); - for standard input")
    run.add_argument("--as-of", type=_as_of, default=None, help="judge statuses at this date")
    run.add_argument(
        "--format", choices=("json", "text", "markdown"), default="json", help="output format"
    )
    ical = commands.add_parser("ical", help="export a case's deadlines as iCalendar")
    ical.add_argument("case", help="case file (JSON: {case_id, events}); - for standard input")
    ical.add_argument("--as-of", type=_as_of, default=None, help="judge statuses at this date")
    batch = commands.add_parser("batch", help="evaluate many cases (JSON Lines or CSV)")
    batch.add_argument(
        "cases", help="a .jsonl file (a case per line) or a .csv of events; - for stdin"
    )
    batch.add_argument("--as-of", type=_as_of, default=None)
    batch.add_argument(
        "--input", choices=("auto", "jsonl", "csv"), default="auto", help="default: by extension"
    )
    batch.add_argument(
        "--output", choices=("jsonl", "csv"), default="jsonl", help="reports, or deadline rows"
    )
    rules = commands.add_parser("rules", help="print the rule catalogue")
    rules.add_argument("--format", choices=("markdown", "json"), default="markdown")
    schema = commands.add_parser("schema", help="print the JSON Schema of a case or a report")
    schema.add_argument("which", choices=("case", "report"), nargs="?", default="case")
    _add_serve(commands)
    return parser


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8")


def _render(report: Report, fmt: str) -> str:
    if fmt == "text":
        return report.to_text()
    if fmt == "markdown":
        return report.to_markdown()
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _batch(text: str, as_of: date | None, kind: str, output: str, out: TextIO) -> int:
    """Evaluate every case; a bad case becomes an error record and the others go on."""
    results: list[tuple[object, int, Report | None, str]] = []
    if kind == "csv":
        for number, (name, events) in enumerate(cases_from_csv(text), start=1):
            try:
                report = evaluate(events, as_of=as_of, case_id=name)
                results.append((name, number, report, ""))
            except (SendTimescalesError, ValueError) as failure:
                results.append((name, number, None, _one_line(failure)))
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            case_id: object = None
            try:
                raw = json.loads(line)
                if isinstance(raw, dict):
                    case_id = raw.get("case_id")
                case = parse_case(raw)
                results.append((case.case_id, number, evaluate(case, as_of=as_of), ""))
            except (SendTimescalesError, ValueError) as error:
                results.append((case_id, number, None, _one_line(error)))
    if output == "csv":
        writer = csv.DictWriter(out, fieldnames=DEADLINE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for who, _, found, message in results:
            if found is None:
                writer.writerow({"case_id": who or "", "error": message})
            else:
                writer.writerows(deadline_rows(found))
    else:
        for who, number, found, message in results:
            record: dict[str, object] = {"case_id": who, "line": number}
            if found is None:
                record["error"] = message
            else:
                record["report"] = found.model_dump(mode="json")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    failures = sum(1 for _, _, found, _ in results if found is None)
    if failures:
        print(
            f"send-timescales: {failures} case(s) had errors; see their error records.",
            file=sys.stderr,
        )
    return 1 if failures else 0


def _one_line(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())


# ---------------------------------------------------------------------------- serve


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve``: the JSON web service of :mod:`send_timescales.server`."""
    serve = commands.add_parser(
        "serve", help="run the JSON web service (needs the server extra: FastAPI, uvicorn)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--max-request-bytes", type=int, default=1_000_000, help="largest /evaluate body"
    )
    serve.add_argument(
        "--max-batch-bytes", type=int, default=50_000_000, help="largest /batch body"
    )
    serve.add_argument("--max-events", type=int, default=10_000, help="most events in one case")


def _serve(args: argparse.Namespace) -> int:
    """Run the web service until interrupted; without the server extra, say how to get it."""
    try:
        from .server import run

        run(
            args.host,
            args.port,
            max_request_bytes=args.max_request_bytes,
            max_batch_bytes=args.max_batch_bytes,
            max_events=args.max_events,
        )
    except ImportError as error:
        if error.name not in {"fastapi", "starlette", "uvicorn"}:
            raise
        print(
            "send-timescales: error: the serve command needs the server extra: "
            "pip install 'send-timescales[server]'",
            file=sys.stderr,
        )
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some batch cases failed, 2 error)."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    try:
        if args.command == "evaluate":
            case = parse_case(_read(args.case))
            report = evaluate(case, as_of=args.as_of)
            sys.stdout.write(_render(report, args.format))
            return 0
        if args.command == "ical":
            report = evaluate(parse_case(_read(args.case)), as_of=args.as_of)
            sys.stdout.write(to_icalendar(report))
            return 0
        if args.command == "batch":
            kind = args.input
            if kind == "auto":
                kind = "csv" if args.cases.lower().endswith(".csv") else "jsonl"
            return _batch(_read(args.cases), args.as_of, kind, args.output, sys.stdout)
        if args.command == "rules":
            rules = default_rules()
            if args.format == "json":
                sys.stdout.write(json.dumps(catalogue_json(rules), indent=2) + "\n")
            else:
                sys.stdout.write(catalogue_markdown(rules))
            return 0
        model = Case if args.which == "case" else Report
        sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
        return 0
    except (SendTimescalesError, ValueError, OSError) as error:
        print(f"send-timescales: error: {_one_line(error)}", file=sys.stderr)
        return 2
