r"""Evaluate many cases as a stream: read one, evaluate it, hand back its record, go on.

This is what ``send-timescales batch`` runs. Input is JSON Lines (a case file per line) or a CSV
of events (a row per event, a ``case_id`` column); output records are JSON Lines, CSV rows or
iCalendar events; CSV rows are one table's (``deadlines`` by default; ``measures``, ``findings``
or ``eligibility``), one row per item, with the typed columns of
:func:`~send_timescales.reports_to_frame`. Memory stays flat in the number of cases: nothing is
kept once its record is out. Every failure of one case (bad bytes, bad JSON, bad events, even a
bug) becomes an error record for that case, and the rest go on; only input that cannot be read at
all stops the run.

Input rules. UTF-8, with or without a byte-order mark. JSON Lines are split on ``\n`` only (a
trailing ``\r`` is dropped; U+2028 and U+0085 inside a string are not line breaks); blank lines
are skipped. A record says where its case came from: ``line`` (JSON Lines, from 1) or ``row``
(CSV, as a spreadsheet numbers it: the header is row 1; a case's first row). A CSV row with a
blank ``case_id`` is an error record of its own, never merged into another case.

>>> import io
>>> from datetime import date
>>> lines = io.BytesIO(b'{"case_id": "A", "events": []}\n\nnot json\n')
>>> for outcome in outcomes(read_jsonl(lines), as_of=date(2026, 1, 5), output="jsonl"):
...     print(outcome.number, outcome.case_id, outcome.failure is None)
1 A True
3 None False
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import IO, Any, Literal, TypeAlias

from .calendar_export import icalendar_events
from .engine import evaluate
from .errors import EventError, InputError
from .events import _json_or_none, parse_case
from .results import Report
from .tabular import (
    BATCH_CSV_ERROR_COLUMNS,
    TABLES,
    Column,
    Table,
    check_csv_header,
    csv_cell,
    event_from_csv_row,
    rows,
)

__all__ = [
    "MESSAGE_CHARS",
    "RECORD_KINDS",
    "Failure",
    "Item",
    "NotJsonLinesError",
    "Outcome",
    "Output",
    "csv_header",
    "evaluate_chunk",
    "evaluate_item",
    "outcomes",
    "read_csv",
    "read_jsonl",
]

Output: TypeAlias = Literal["jsonl", "csv", "ics"]
"""What each record is: a JSON line, CSV rows, or iCalendar events."""

RECORD_KINDS: dict[str, str] = {
    "deadlines": "deadline",
    "eligibility": "eligibility",
    "findings": "finding",
    "measures": "measure",
}
"""The ``record`` cell of a CSV row of each table; a case with no row gets one ``no_<table>``
row (``no_deadlines``, ``no_measures``, ...), a case that fails one ``error`` row."""

MESSAGE_CHARS = 300
"""An error record's message is at most this long, whatever the input."""
_CASE_ID_CHARS = 200
_BOM = b"\xef\xbb\xbf"


class NotJsonLinesError(InputError):
    """The input is one pretty-printed JSON document, not JSON Lines."""


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a case has no report: the exception's type name, its ``code`` and a short message."""

    error_type: str
    code: str | None
    message: str

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        r"""The failure record of an exception; the message is one line, capped.

        >>> Failure.of(EventError("bad\n  value " + "x" * 500)).message[:20]
        'bad value xxxxxxxxxx'
        >>> len(Failure.of(ValueError("x" * 10_000)).message) <= MESSAGE_CHARS
        True
        """
        text = " ".join((str(error) or type(error).__name__).split())
        if len(text) > MESSAGE_CHARS:
            text = text[: MESSAGE_CHARS - 40] + f"... ({len(text):,} characters in all)"
        code = getattr(error, "code", None)
        return cls(type(error).__name__, code if isinstance(code, str) else None, text)


@dataclass(frozen=True, slots=True)
class Item:
    """One case read from the input, not yet evaluated.

    ``number`` is the JSON line (from 1) or the case's first CSV row (the header is row 1);
    ``payload`` is a line's JSON text, or a CSV case's events; ``failure`` is set when reading
    already failed (bad bytes, a bad row).
    """

    number: int
    case_id: str | None
    payload: str | tuple[dict[str, Any], ...] | None
    failure: Failure | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case's record: the bytes to write, and the failure if it has no report."""

    number: int
    case_id: str | None
    data: bytes
    failure: Failure | None = None


_UNICODE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _one_line(text: str) -> str:
    """A JSON text with U+0085, U+2028 and U+2029 escaped: one line even for ``splitlines``."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return text.translate(_UNICODE_BREAKS)
    return text


def _short_id(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value if len(value) <= _CASE_ID_CHARS else value[:_CASE_ID_CHARS] + "..."


# ---------------------------------------------------------------------------- reading


def read_jsonl(stream: IO[bytes]) -> Iterator[Item]:
    r"""The cases of a JSON Lines stream, one :class:`Item` per non-blank line.

    Raises :class:`NotJsonLinesError` when the first non-blank line is a lone ``{`` or ``[``
    (a pretty-printed case file, which ``send-timescales evaluate`` reads).

    >>> import io
    >>> data = b'\xef\xbb\xbf{"a": 1}\r\n\n{"b":"\xe2\x80\xa8"}\n\xff\n'
    >>> items = list(read_jsonl(io.BytesIO(data)))
    >>> [(i.number, i.payload, i.failure is None) for i in items]
    [(1, '{"a": 1}', True), (3, '{"b":"\u2028"}', True), (4, None, False)]
    """
    started = False
    for number, raw in enumerate(stream, start=1):
        line = raw[3:] if number == 1 and raw.startswith(_BOM) else raw
        line = line.removesuffix(b"\n").removesuffix(b"\r")
        if not line.strip():
            continue
        if not started and line.strip() in (b"{", b"["):
            raise NotJsonLinesError(
                f"line {number} is a lone {line.strip().decode()!r}: this looks like one "
                "pretty-printed case file, not JSON Lines (one case per line). Use "
                "`send-timescales evaluate FILE` for one case, or write each case on one line."
            )
        started = True
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Item(
                number,
                None,
                None,
                Failure.of(
                    EventError(
                        f"line {number} is not valid UTF-8: byte 0x{line[error.start]:02x} at "
                        f"byte {error.start + 1} of the line."
                    )
                ),
            )
            continue
        yield Item(number, None, text)


def _decoded(stream: IO[bytes]) -> Iterator[str]:
    for number, raw in enumerate(stream, start=1):
        line = raw[3:] if number == 1 and raw.startswith(_BOM) else raw
        yield line.decode("utf-8", "surrogateescape")


def _records(stream: IO[bytes]) -> Iterator[tuple[int, list[str] | Failure]]:
    """Each CSV record with its row number; a record the csv module cannot read is a Failure."""
    stream.seek(0)
    reader = csv.reader(_decoded(stream), strict=False)
    number = 0
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield number, Failure.of(EventError(f"CSV row {number}: {error}."))
            continue
        try:
            "".join(values).encode("utf-8")
        except UnicodeEncodeError:
            yield number, Failure.of(EventError(f"CSV row {number} is not valid UTF-8."))
            continue
        yield number, values


@dataclass(slots=True)
class _Pending:
    number: int
    case_id: str | None
    remaining: int
    events: list[dict[str, Any]]
    failure: Failure | None = None


def read_csv(stream: IO[bytes]) -> Iterator[Item]:
    r"""The cases of a CSV of events, one :class:`Item` per case in order of its first row.

    The stream is read twice (first to count each case's rows, so that a case is handed on as
    soon as its last row is read): give a file, or a copy of standard input (see
    :func:`seekable`). Memory holds only the cases whose rows are still to come, which for an
    export sorted by case is one. Raises :class:`~send_timescales.EventError` when the header
    lacks ``case_id``, ``type`` or ``on``.

    >>> import io
    >>> data = io.BytesIO(b"case_id,type,on\nA,health_notified,2025-01-10\n"
    ...                   b",health_notified,2025-01-10\nA,health_notified,2025-01-11\n")
    >>> [(i.number, i.case_id, len(i.payload or ()), i.failure is None) for i in read_csv(data)]
    [(2, 'A', 2, True), (3, None, 0, False)]
    """
    records = _records(stream)
    first = next(records, None)
    if first is None or isinstance(first[1], Failure):
        raise EventError("The CSV has no readable header row (case_id, type, on, ...).")
    header = check_csv_header(first[1])
    where = header.index("case_id")
    counts: dict[str, int] = {}
    for _, values in records:
        if isinstance(values, list) and len(values) > where and values[where].strip():
            key = values[where].strip()
            counts[key] = counts.get(key, 0) + 1
    records = _records(stream)
    next(records)
    queue: deque[_Pending] = deque()
    open_cases: dict[str, _Pending] = {}
    for number, values in records:
        if isinstance(values, list) and not any(v.strip() for v in values):
            continue
        if isinstance(values, Failure):
            queue.append(_Pending(number, None, 0, [], values))
        else:
            key = values[where].strip() if len(values) > where else ""
            pending = open_cases.get(key) if key else None
            if pending is None:
                pending = _Pending(number, _short_id(key) or None, counts.get(key, 1), [])
                queue.append(pending)
                if key:
                    open_cases[key] = pending
            pending.remaining -= 1
            if pending.failure is None:
                try:
                    _, event = event_from_csv_row(dict(zip(header, values, strict=False)), number)
                    pending.events.append(event)
                except EventError as error:
                    pending.failure = Failure.of(error)
                    pending.events.clear()
            if pending.remaining <= 0 and key:
                del open_cases[key]
        while queue and queue[0].remaining <= 0:
            done = queue.popleft()
            yield Item(done.number, done.case_id, tuple(done.events), done.failure)
    for done in queue:  # only when the file changed between the two passes
        yield Item(done.number, done.case_id, tuple(done.events), done.failure)


def seekable(stream: IO[bytes]) -> IO[bytes]:
    """The stream itself if it can seek, else a temporary file holding a copy of it.

    >>> import io
    >>> seekable(io.BytesIO(b"x")).read()
    b'x'
    """
    try:
        if stream.seekable():
            return stream
    except (AttributeError, OSError, ValueError):
        pass
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller with the stream
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


# ---------------------------------------------------------------------------- evaluating


def _columns(table: str) -> tuple[Column[Any], ...]:
    columns = TABLES.get(table)
    if columns is None:
        raise ValueError(f"unknown table {table[:40]!r}; tables: {', '.join(TABLES)}")
    return columns


def csv_header(source: str, table: Table = "deadlines") -> bytes:
    """The header line of the batch CSV output; ``source`` is ``line`` or ``row``.

    The columns are ``record``, ``source``, the table's columns (those of
    :func:`~send_timescales.reports_to_frame` for the same table), then
    :data:`~send_timescales.tabular.BATCH_CSV_ERROR_COLUMNS`.

    >>> csv_header("line").decode().split(",")[:4]
    ['record', 'line', 'case_id', 'decision_on']
    >>> csv_header("row", "measures").decode().split(",")[:6]
    ['record', 'row', 'case_id', 'rule_id', 'request_on', 'final_on']
    """
    names = ["record", source, *(c.name for c in _columns(table)), *BATCH_CSV_ERROR_COLUMNS]
    return (",".join(names) + "\r\n").encode()


def _csv_bytes(rows: list[list[object]]) -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(
        [[value if type(value) is int else csv_cell(value) for value in row] for row in rows]
    )
    return text.getvalue().encode("utf-8")


def _case_row(table: str, case_id: str | None) -> list[object]:
    """The table's cells of a row that has only the case id (``no_<table>`` and ``error``)."""
    return [case_id if c.name == "case_id" else None for c in _columns(table)]


def _format(item: Item, report: Report, output: Output, source: str, table: Table) -> bytes:
    case_id = report.provenance.case_id
    if output == "ics":
        return icalendar_events(report).encode("utf-8")
    if output == "csv":
        blank = [""] * len(BATCH_CSV_ERROR_COLUMNS)
        found = rows(report, table)
        if not found:
            empty = _case_row(table, case_id)
            return _csv_bytes([[f"no_{table}", item.number, *empty, *blank]])
        kind = RECORD_KINDS[table]
        return _csv_bytes([[kind, item.number, *row.values(), *blank] for row in found])
    head = json.dumps({"case_id": case_id, source: item.number}, ensure_ascii=False)
    return _one_line(f'{head[:-1]}, "report": {report.model_dump_json()}}}\n').encode()


def _error_bytes(
    item: Item,
    case_id: str | None,
    failure: Failure,
    output: Output,
    source: str,
    table: Table = "deadlines",
) -> bytes:
    if output == "ics":
        return b""
    if output == "csv":
        row = ["error", item.number, *_case_row(table, case_id)]
        return _csv_bytes([[*row, failure.error_type, failure.code, failure.message]])
    record = {
        "case_id": case_id,
        source: item.number,
        "error": failure.message,
        "error_type": failure.error_type,
        "code": failure.code,
    }
    text = _one_line(json.dumps(record, ensure_ascii=False) + "\n")
    return text.encode("utf-8", "backslashreplace")


def evaluate_item(
    item: Item, as_of: date, output: Output, source: str = "line", table: Table = "deadlines"
) -> Outcome:
    """Evaluate one case and format its record; any failure becomes an error record.

    ``table`` is the table whose rows a CSV record holds (``deadlines``, ``measures``,
    ``findings`` or ``eligibility``); the other outputs ignore it.

    >>> out = evaluate_item(Item(7, None, '{"case_id": "Z", "events": "no"}'), date(2026, 1, 5),
    ...                     "jsonl")
    >>> import json
    >>> record = json.loads(out.data)
    >>> record["case_id"], record["line"], record["error_type"]
    ('Z', 7, 'EventError')
    >>> case = ('{"case_id": "M", "events": [{"type": "assessment_requested", "on": "2025-01-06"},'
    ...         ' {"type": "decision_notice", "on": "2025-05-20", "decision": "plan_finalised"}]}')
    >>> out = evaluate_item(Item(1, None, case), date(2025, 6, 1), "csv", table="measures")
    >>> out.data.decode().split(",")[:10]  # doctest: +NORMALIZE_WHITESPACE
    ['measure', '1', 'M', 'measure.sen2_20_weeks', '2025-01-06', '2025-05-20', '134', '19',
     'true', 'false']
    """
    case_id = item.case_id
    failure = item.failure
    if failure is None:
        try:
            if isinstance(item.payload, str):
                case = parse_case(item.payload)
                case_id = case.case_id
                report = evaluate(case, as_of=as_of)
            else:
                report = evaluate(list(item.payload or ()), as_of=as_of, case_id=case_id)
            return Outcome(item.number, case_id, _format(item, report, output, source, table))
        except Exception as error:
            failure = Failure.of(error)
            if case_id is None and isinstance(item.payload, str):
                raw = _json_or_none(item.payload)
                case_id = _short_id(raw.get("case_id")) if isinstance(raw, dict) else None
            case_id = _short_id(case_id)
    try:
        data = _error_bytes(item, case_id, failure, output, source, table)
    except Exception:  # the record of a failure must not fail in turn
        failure = Failure(failure.error_type, failure.code, "(the message could not be written)")
        data = _error_bytes(item, None, failure, output, source, table)
    return Outcome(item.number, case_id, data, failure)


def evaluate_chunk(
    items: list[Item],
    as_of: date,
    output: Output,
    source: str = "line",
    table: Table = "deadlines",
) -> list[Outcome]:
    """:func:`evaluate_item` over a list (the unit of work of a worker process).

    >>> [o.number for o in evaluate_chunk([Item(1, None, "[]"), Item(2, None, "{")],
    ...                                   date(2026, 1, 5), "csv", "row")]
    [1, 2]
    """
    return [evaluate_item(item, as_of, output, source, table) for item in items]


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    size = 4  # small first chunks: the first record is out at once
    while chunk := list(islice(items, size)):
        yield chunk
        size = min(size * 4, 64)


def outcomes(
    items: Iterable[Item],
    *,
    as_of: date,
    output: Output,
    jobs: int = 1,
    source: str = "line",
    table: Table = "deadlines",
) -> Generator[Outcome, None, None]:
    r"""The record of each item, in input order, evaluated in ``jobs`` worker processes.

    With ``jobs`` above 1, chunks of cases go to a process pool with at most ``3 * jobs``
    chunks in flight, so memory stays bounded however long the input. ``table`` chooses the
    rows of a CSV record (see :func:`evaluate_item`); an unknown one is a ``ValueError``.

    >>> import io
    >>> lines = io.BytesIO(b"".join(b'{"case_id": "C%d", "events": []}\n' % n
    ...                             for n in range(50)))
    >>> found = outcomes(read_jsonl(lines), as_of=date(2026, 1, 5), output="jsonl", jobs=2)
    >>> [o.case_id for o in found][-3:]
    ['C47', 'C48', 'C49']
    """
    _columns(table)
    iterator = iter(items)
    if jobs <= 1:
        for item in iterator:
            yield evaluate_item(item, as_of, output, source, table)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    inflight: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in _chunks(iterator):
            inflight.append(pool.submit(evaluate_chunk, chunk, as_of, output, source, table))
            while inflight and (len(inflight) >= 3 * jobs or inflight[0].done()):
                yield from inflight.popleft().result()
        while inflight:
            yield from inflight.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
