"""The command line: ``send-timescales`` (or ``python -m send_timescales``).

Commands::

    send-timescales evaluate CASE.json [--as-of YYYY-MM-DD] [--format json|text|markdown]
    send-timescales ical CASE.json [--as-of YYYY-MM-DD]       the deadlines as an iCalendar file
    send-timescales batch CASES.jsonl|EVENTS.csv [--as-of YYYY-MM-DD] [--output jsonl|csv|ics]
                          [--table deadlines|eligibility|findings|measures] [--jobs N]
                          [--progress]
    send-timescales rules [--format markdown|json]              the rule catalogue
    send-timescales schema [case|report]                        JSON Schema of the input or output

A case file is ``{"case_id": ..., "events": [...]}``; ``-`` reads standard input. ``batch`` streams
(see :mod:`send_timescales.batch`): each case's record is written as soon as it is evaluated, a
bad case becomes an error record and the others go on, and a summary ends on standard error.

Exit status: 0 all good; 1 some batch cases had errors (see their records); 2 a usage error or
input that cannot be read at all; 3 an internal error (a bug: please report it); 141 the output
pipe closed early (``| head``), quietly. Every error is one line on standard error, never a
traceback, and never echoes more than a few hundred characters of input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, Any

from .batch import (
    MESSAGE_CHARS,
    Failure,
    Item,
    Outcome,
    csv_header,
    outcomes,
    read_csv,
    read_jsonl,
    seekable,
)
from .calendar_export import CALENDAR_END, calendar_start, to_icalendar
from .calendars import parse_date
from .engine import evaluate
from .errors import InputError, SendTimescalesError
from .events import MAX_EVENTS_PER_CASE, MAX_NESTING_DEPTH, Case, parse_case
from .results import Report
from .rules import default_rules
from .rules.catalogue import catalogue_json, catalogue_markdown
from .tabular import BATCH_CSV_ERROR_COLUMNS, TABLES, Table

__all__ = ["main"]

PROG = "send-timescales"
EXIT_OK, EXIT_CASE_ERRORS, EXIT_USAGE, EXIT_INTERNAL, EXIT_PIPE = 0, 1, 2, 3, 141

_EXIT_STATUS = """\
exit status:
  0    all good
  1    some batch cases had errors (each has an error record; the others are fine)
  2    usage error, or input that cannot be read at all
  3    internal error (a bug: please report it)
  141  the output pipe closed early (for example `| head`); nothing is printed"""

_EPILOG = f"""\
examples:
  {PROG} evaluate examples/cases/refusal_to_assess_mediation.json --as-of 2026-03-09
  {PROG} evaluate CASE.json --format text
  {PROG} batch examples/cases.jsonl --as-of 2026-03-09 > reports.jsonl
  {PROG} batch examples/events.csv --output csv --jobs 2 > deadlines.csv
  {PROG} ical examples/cases/section_i_only_appeal.json > deadlines.ics
  {PROG} rules --format json

{_EXIT_STATUS}"""

_AS_OF_HELP = (
    "judge every status as of this date, YYYY-MM-DD (default: today; events after it are left out)"
)


_TABLE_ROWS = {
    "deadlines": "a row per deadline",
    "eligibility": "a row per decision",
    "findings": "a row per finding",
    "measures": "a row per request for an EHC needs assessment: SEN2's 20 weeks",
}


def _wrapped(text: str) -> str:
    return "\n    ".join(textwrap.wrap(text, 88))


def _batch_epilog() -> str:
    names = ["record", "line (or row)", *(c.name for c in TABLES["deadlines"])]
    columns = _wrapped(", ".join([*names, *BATCH_CSV_ERROR_COLUMNS]))
    others = "\n    ".join(
        _wrapped(f"{name} ({_TABLE_ROWS[name]}): {', '.join(c.name for c in table)}.")
        for name, table in TABLES.items()
        if name != "deadlines"
    )
    return f"""\
input:
  JSON Lines (.jsonl): one case file {{"case_id": ..., "events": [...]}} per line, UTF-8 with or
  without a byte-order mark; lines are split on \\n only, blank lines are skipped.
  CSV (.csv): one row per event: case_id, type, on, and a column per event field. Rows of one
  case need not be adjacent; a row with a blank case_id is an error of its own.
  A case may have at most {MAX_EVENTS_PER_CASE:,} events and JSON nested at most
  {MAX_NESTING_DEPTH} levels deep; a case beyond either is an error record.

output:
  jsonl: per case {{"case_id", "line" (or "row" for CSV input), "report"}}, or an error
    record {{"case_id", "line"/"row", "error", "error_type", "code"}}.
  csv: a header, then per deadline a row with the columns
    {columns}.
    record is "deadline", "no_deadlines" (a case without any: one row) or "error". Cells that
    a spreadsheet would run as a formula (= + - @) start with a single quote.
    --table chooses another table: its columns (those of st.reports_to_frame(reports,
    table=...)) stand between "line" (or "row") and "error_type", and record is "measure",
    "finding" or "eligibility", "no_measures" or "no_findings" (a case without any) or "error":
    {others}
  ics: one iCalendar file of every case's dated deadlines; error records go to stderr.

Records come in input order and are written (and flushed) one by one. `line` is the JSON line
(from 1); `row` is the CSV row as a spreadsheet numbers it (the header is row 1).

examples:
  {PROG} batch examples/cases.jsonl --as-of 2026-03-09 > reports.jsonl
  {PROG} batch examples/events.csv --output csv > deadlines.csv
  {PROG} batch examples/cases.jsonl --output csv --table measures > measures.csv
  {PROG} batch cases.jsonl --jobs 2 --progress --output ics > deadlines.ics

{_EXIT_STATUS}"""


def _as_of(text: str) -> date:
    try:
        return parse_date(text, "--as-of")
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--jobs wants a whole number, not {text[:40]!r}"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (one per core) or more")
    return value or os.cpu_count() or 1


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--port wants a whole number, not {text[:40]!r}"
        ) from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"--port must be from 1 to 65535, not {value}")
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("send-timescales")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled source tree
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Statutory SEND timescales (England), with the law behind every date.",
        epilog=_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    case_help = "case file (JSON: {case_id, events}); - reads standard input"
    run = commands.add_parser(
        "evaluate",
        help="evaluate one case file and print the report",
        description="Evaluate one case file and print its report.",
        epilog=_EXIT_STATUS,
        formatter_class=raw,
    )
    run.add_argument("case", help=case_help)
    run.add_argument("--as-of", type=_as_of, default=None, metavar="DATE", help=_AS_OF_HELP)
    run.add_argument(
        "--format",
        choices=("json", "text", "markdown"),
        default="json",
        help="json (default: the report exactly as Report.model_dump), text or markdown",
    )
    ical = commands.add_parser(
        "ical",
        help="export a case's deadlines as iCalendar",
        description="Write a case's dated deadlines as an iCalendar file (RFC 5545).",
        epilog=_EXIT_STATUS,
        formatter_class=raw,
    )
    ical.add_argument("case", help=case_help)
    ical.add_argument("--as-of", type=_as_of, default=None, metavar="DATE", help=_AS_OF_HELP)
    batch = commands.add_parser(
        "batch",
        help="evaluate many cases (JSON Lines or CSV), streaming",
        description="Evaluate many cases as a stream: each record is written as soon as its\n"
        "case is evaluated; a bad case becomes an error record and the others go on. A\n"
        "summary (cases, errors, seconds, cases per second, as-of date) ends on stderr.",
        epilog=_batch_epilog(),
        formatter_class=raw,
    )
    batch.add_argument(
        "cases", help="a .jsonl file (a case per line) or a .csv of events; - for stdin"
    )
    batch.add_argument(
        "--as-of",
        type=_as_of,
        default=None,
        metavar="DATE",
        help="judge every case as of this date, YYYY-MM-DD (default: today, fixed once at the "
        "start of the run and printed in the summary)",
    )
    batch.add_argument(
        "--input",
        choices=("auto", "jsonl", "csv"),
        default="auto",
        help="input format (default: auto, csv for a .csv file name, else jsonl)",
    )
    batch.add_argument(
        "--output",
        choices=("jsonl", "csv", "ics"),
        default="jsonl",
        help="jsonl (default): a record per case; csv: a row per deadline (or per item of "
        "--table); ics: iCalendar",
    )
    batch.add_argument(
        "--table",
        choices=tuple(TABLES),
        default=None,
        help="with --output csv, the table to write, a row per item: deadlines (default), "
        "eligibility (a row per decision), findings, or measures (SEN2's 20 weeks, a row per "
        "request for an assessment)",
    )
    batch.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="evaluate in N worker processes, output still in input order (default: 1; "
        "0: one per core)",
    )
    batch.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal; needs the "
        "optional extra: pip install 'send-timescales[progress]')",
    )
    rules = commands.add_parser("rules", help="print the rule catalogue")
    rules.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="default: markdown"
    )
    schema = commands.add_parser("schema", help="print the JSON Schema of a case or a report")
    schema.add_argument(
        "which", choices=("case", "report"), nargs="?", default="case", help="default: case"
    )
    _add_serve(commands)
    return parser


def _one_line(error: BaseException) -> str:
    return Failure.of(error).message


def _read(name: str) -> bytes:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return data.removeprefix(b"\xef\xbb\xbf")


def _render(report: Report, fmt: str) -> str:
    if fmt == "text":
        return report.to_text()
    if fmt == "markdown":
        return report.to_markdown()
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _binary(stream: IO[str]) -> IO[bytes]:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return _TextSink(stream)  # type: ignore[return-value]


class _TextSink:
    """Bytes written to a text stream (when sys.stdout has no binary buffer, as in some hosts)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def _progress_bar(wanted: bool | None) -> Any:
    """A tqdm bar on stderr, None when not wanted; exits 2 if asked for but not installed."""
    if wanted is False or (wanted is None and not sys.stderr.isatty()):
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        if wanted:
            raise _UsageError(
                "--progress needs tqdm, an optional extra: pip install 'send-timescales[progress]'"
            ) from None
        return None
    return tqdm(unit=" cases", file=sys.stderr, dynamic_ncols=True, mininterval=0.5)


class _UsageError(Exception):
    pass


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    return open(name, "rb")


def _batch(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.table is not None and args.output != "csv":
        raise _UsageError(
            f"--table applies to --output csv only, not --output {args.output} (a jsonl "
            "record has every table in its report)"
        )
    table: Table = args.table or "deadlines"
    as_of: date = args.as_of or date.today()
    kind = args.input
    if kind == "auto":
        kind = "csv" if args.cases.lower().endswith(".csv") else "jsonl"
    source = "row" if kind == "csv" else "line"
    output = args.output
    bar = None
    stream = _open_input(args.cases)
    try:
        items: Iterator[Item] = read_csv(seekable(stream)) if kind == "csv" else read_jsonl(stream)
        first = next(items, None)  # a header that cannot be read stops the run here (status 2)
        if first is not None:
            items = chain([first], items)
        out = _binary(sys.stdout)
        if output == "csv":
            out.write(csv_header(source, table))
        elif output == "ics":
            out.write(calendar_start().encode())
        out.flush()
        cases = errors = 0
        results = outcomes(
            items, as_of=as_of, output=output, jobs=args.jobs, source=source, table=table
        )
        try:
            for outcome in results:
                if bar is None and cases == 0:  # after the workers started: no fork in a thread
                    bar = _progress_bar(args.progress)
                _write(out, outcome, output, source, bar)
                cases += 1
                errors += outcome.failure is not None
                if bar is not None:
                    bar.update(1)
        finally:
            results.close()  # stops the worker processes, even after a closed pipe
        if output == "ics":
            out.write(CALENDAR_END.encode())
            out.flush()
    finally:
        if bar is not None:
            bar.close()
        if stream is not sys.stdin.buffer:
            stream.close()
    seconds = time.perf_counter() - started
    rate = cases / seconds if seconds > 0 else 0.0
    where = " (see their error records)" if errors and output != "ics" else ""
    print(
        f"{PROG}: {cases:,} case(s), {errors:,} with errors{where}; as of {as_of.isoformat()}; "
        f"{seconds:.1f} s, {rate:,.0f} cases/s.",
        file=sys.stderr,
    )
    return EXIT_CASE_ERRORS if errors else EXIT_OK


def _write(out: IO[bytes], outcome: Outcome, output: str, source: str, bar: Any) -> None:
    if outcome.data:
        out.write(outcome.data)
        out.flush()
    if output == "ics" and outcome.failure is not None:
        who = f" (case {outcome.case_id!r})" if outcome.case_id is not None else ""
        line = (
            f"{PROG}: {source} {outcome.number}{who}: {outcome.failure.error_type}: "
            f"{outcome.failure.message}"
        )
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.command == "evaluate":
        report = evaluate(parse_case(_read(args.case)), as_of=args.as_of)
        sys.stdout.write(_render(report, args.format))
        return EXIT_OK
    if args.command == "ical":
        report = evaluate(parse_case(_read(args.case)), as_of=args.as_of)
        sys.stdout.write(to_icalendar(report))
        return EXIT_OK
    if args.command == "batch":
        return _batch(args)
    if args.command == "rules":
        rules = default_rules()
        if args.format == "json":
            sys.stdout.write(json.dumps(catalogue_json(rules), indent=2) + "\n")
        else:
            sys.stdout.write(catalogue_markdown(rules))
        return EXIT_OK
    model = Case if args.which == "case" else Report
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")
    return EXIT_OK


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so that the exit flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# ---------------------------------------------------------------------------- serve


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve``: the JSON web service of :mod:`send_timescales.server`."""
    serve = commands.add_parser(
        "serve", help="run the JSON web service (needs the server extra: FastAPI, uvicorn)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (1 to 65535)")
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
    except OSError as error:  # the address cannot be listened on (server.run checks first)
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
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
    """Run the command line; returns the exit status (0, 1, 2, 3 or 141: see the module doc).

    >>> main(["schema", "case"]) == 0  # doctest: +ELLIPSIS
    {...
    True
    """
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    try:
        return _run(args)
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except (SendTimescalesError, OSError, _UsageError) as error:
        print(f"{PROG}: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:
        message = " ".join(str(error).split())[:MESSAGE_CHARS]
        print(
            f"{PROG}: internal error ({type(error).__name__}): {message} - please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
