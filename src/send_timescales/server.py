"""A JSON web service, for systems written in other languages: ``send-timescales serve``.

Needs the ``server`` extra (``pip install 'send-timescales[server]'``: FastAPI and uvicorn).
``import send_timescales`` never imports this module. Endpoints:

- ``POST /evaluate[?as_of=YYYY-MM-DD]``: a case file ``{"case_id": ..., "events": [...]}`` in,
  the report out, exactly ``report.model_dump(mode="json")``;
- ``POST /batch[?as_of=YYYY-MM-DD]``: JSON Lines in (a case file per line), JSON Lines streamed
  out, one record per non-blank line, in order: ``{"line", "case_id", "report"}``, or for a line
  that cannot be evaluated ``{"line", "case_id", "error_type", "code", "message", "errors"}``;
- ``GET /rules``: the rule catalogue; ``GET /schema/case`` and ``GET /schema/report``: JSON
  Schemas; ``GET /health``: status, library version, rule set and calendar;
- ``GET /openapi.json``: the OpenAPI description, built from the same pydantic models.

Errors are HTTP 422 with ``{"detail": [{"type", "loc", "msg", "input"}, ...]}``, one entry per
problem, ``type`` being the error code (docs/errors.md); a body over the size limit is HTTP 413.
Nothing here logs a request body, and :func:`run` turns uvicorn's access log off.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> case = {"case_id": "A1", "events": [
...     {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}]}
>>> answer = client.post("/evaluate", params={"as_of": "2025-10-02"}, json=case)
>>> answer.status_code, answer.json()["deadlines"][1]["rule_id"]
(200, 'appeal.register')
>>> bad = client.post("/evaluate", json={"events": [{"type": "teleported", "on": "2025-10-01"}]})
>>> bad.status_code, bad.json()["detail"][0]["type"], bad.json()["detail"][0]["loc"]
(422, 'event_type_unknown', ['body', 'events', 0, 'type'])
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .calendars import WorkingDayCalendar, parse_date
from .engine import evaluate
from .errors import DateOutOfRangeError, EventError, InputError, SendTimescalesError
from .events import Case, parse_case
from .periods import default_calendar
from .results import Report
from .rules import RuleSet, default_rules
from .rules._model import REGIME_START
from .rules.catalogue import catalogue_json

__all__ = [
    "MAX_BATCH_BYTES",
    "MAX_EVENTS",
    "MAX_REQUEST_BYTES",
    "ErrorDetail",
    "ErrorResponse",
    "Health",
    "create_app",
    "run",
]

MAX_REQUEST_BYTES = 1_000_000
"""Default limit on the size of a request body (``/evaluate``), in bytes."""
MAX_BATCH_BYTES = 50_000_000
"""Default limit on the size of a ``/batch`` request body, in bytes."""
MAX_EVENTS = 10_000
"""Default limit on the number of events in one case."""
MESSAGE_LIMIT = 1_000
"""The most characters of an error message in a batch error record."""

_AS_OF = Query(
    default=None,
    description="Judge statuses as of this date (YYYY-MM-DD); default: the server's today. "
    "Pass it: a report without it changes from day to day.",
    examples=["2026-03-09"],
)
_JSON_LINES = "application/x-ndjson"


class ErrorDetail(BaseModel):
    """One problem with a request: an entry of ``SendTimescalesError.errors()``."""

    type: str = Field(description="The error code (see the error codes in the documentation).")
    loc: list[str | int] = Field(
        description='Where: ["body", "events", 2, "on"], ["query", "as_of"], ...'
    )
    msg: str = Field(description="The problem in words, naming the event, field and value.")
    input: str | None = Field(default=None, description="A short repr of the value, if any.")


class ErrorResponse(BaseModel):
    """The body of an HTTP 413 or 422 answer."""

    detail: list[ErrorDetail]


class Health(BaseModel):
    """What ``GET /health`` answers."""

    status: Literal["ok"] = "ok"
    version: str
    rule_set: str
    calendar: str
    calendar_known_until: date


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "The request body is over the size limit."},
    422: {"model": ErrorResponse, "description": "The input cannot be evaluated."},
}


def _detail(error: SendTimescalesError) -> list[dict[str, Any]]:
    """The error's problems, located in the request (``body`` unless they say ``query``)."""
    out: list[dict[str, Any]] = []
    for entry in error.errors():
        loc: tuple[str | int, ...] = entry["loc"]
        if not loc or loc[0] not in ("body", "query"):
            loc = ("body", *loc)
        out.append({**entry, "loc": list(loc)})
    return out


def _unprocessable(error: SendTimescalesError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": _detail(error)})


def _as_of(text: str | None) -> date | None:
    """The ``as_of`` query parameter: a strict ``YYYY-MM-DD`` date, or ``None``."""
    if text is None:
        return None
    where = {"loc": ("query", "as_of"), "value": text}
    try:
        day = parse_date(text, "as_of")
    except InputError as error:
        raise InputError(str(error), problems=[{**where, "code": "date_not_iso"}]) from None
    if day < REGIME_START:
        raise DateOutOfRangeError(
            f"as_of {day.isoformat()} is before 1 September 2014, when the SEND regime under "
            "the Children and Families Act 2014 began.",
            problems=[where],
        )
    return day


def _check_size(case: Case, max_events: int) -> None:
    if len(case.events) > max_events:
        raise EventError(
            f"The case has {len(case.events)} events; this service accepts at most "
            f"{max_events} events in one case.",
            code="too_many_events",
            field="events",
            value=len(case.events),
        )


def _case_id_of(line: str) -> str | None:
    """The ``case_id`` of a line that could not be evaluated, if it can be read at all."""
    try:
        raw = json.loads(line)
    except (ValueError, RecursionError):
        return None
    case_id = raw.get("case_id") if isinstance(raw, Mapping) else None
    return case_id if isinstance(case_id, str) else None


class _BodyLimit:
    """Answer 413 to a request whose body is over its path's limit, before the app reads it.

    The body is read here (counting, so a missing or false ``Content-Length`` does not help)
    and replayed to the app; nothing of it is logged.
    """

    def __init__(self, app: ASGIApp, limits: Mapping[str, int], default: int) -> None:
        self.app = app
        self.limits = limits
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(send, limit)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # waits for the client to disconnect
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    detail = {
        "type": "request_too_large",
        "loc": ["body"],
        "msg": f"The request body is larger than this service's limit of {limit:,} bytes.",
        "input": None,
    }
    body = json.dumps({"detail": [detail]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _request_error(error: RequestValidationError) -> SendTimescalesError:
    """The library's own error for a request body that FastAPI could not validate as a Case.

    The body is parsed again by :func:`~send_timescales.parse_case`, so that the service gives
    the same codes and messages as the library.
    """
    body = error.body
    problems = error.errors()
    if isinstance(body, bytes):  # FastAPI reads only JSON content types as JSON
        return EventError(
            "The request body must be JSON, sent with the header Content-Type: application/json.",
            code="json_invalid",
        )
    text: str | bytes | Mapping[str, Any]
    if body is None:
        text = b""
    elif any(p.get("type") == "json_invalid" for p in problems) and isinstance(body, str):
        text = body  # FastAPI could not decode it: this is the raw text
    elif isinstance(body, Mapping):
        text = body
    else:
        text = json.dumps(body)  # valid JSON, but not an object
    try:
        parse_case(text)
    except SendTimescalesError as found:
        return found
    return InputError(
        "; ".join(str(p.get("msg")) for p in problems),
        problems=[
            {"message": str(p.get("msg")), "loc": tuple(p.get("loc", ())), "value": p.get("input")}
            for p in problems
        ],
    )


def create_app(
    *,
    calendar: WorkingDayCalendar | None = None,
    rules: RuleSet | None = None,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    max_batch_bytes: int = MAX_BATCH_BYTES,
    max_events: int = MAX_EVENTS,
) -> FastAPI:
    """The web service as a FastAPI application (serve it with any ASGI server).

    ``calendar`` and ``rules`` default to those of :func:`send_timescales.evaluate`.
    ``max_request_bytes`` limits the body of ``/evaluate`` (1 MB), ``max_batch_bytes`` that of
    ``/batch`` (50 MB), and ``max_events`` the events of one case (10,000).

    >>> from fastapi.testclient import TestClient
    >>> health = TestClient(create_app()).get("/health").json()
    >>> health["status"], health["rule_set"], health["calendar_known_until"]
    ('ok', 'england-send-2014/2026.11', '2027-12-31')
    """
    import send_timescales

    cal = calendar if calendar is not None else default_calendar()
    rule_set = rules if rules is not None else default_rules()
    version = str(send_timescales.__version__)
    app = FastAPI(
        title="send_timescales",
        version=version,
        summary="The statutory timescales of England's SEND system, with the law behind each.",
        description=(
            "Send a case's events; get every deadline, eligibility answer, duty and finding, "
            "each with its rule id and citations. Errors are HTTP 422 with one entry per "
            "problem, whose `type` is a stable error code."
        ),
    )
    app.add_middleware(_BodyLimit, limits={"/batch": max_batch_bytes}, default=max_request_bytes)

    def run_case(case: Case, as_of: date | None) -> Report:
        _check_size(case, max_events)
        return evaluate(case, as_of=as_of, calendar=cal, rules=rule_set)

    @app.exception_handler(SendTimescalesError)
    async def library_error(request: Request, error: SendTimescalesError) -> JSONResponse:
        return _unprocessable(error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        return _unprocessable(_request_error(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        # FastAPI answers 400 when json.loads itself fails: JSON nested too deeply, or not UTF-8.
        cause = error.__cause__
        if error.status_code == 400 and isinstance(cause, RecursionError):
            return _unprocessable(
                EventError("The case file is nested too deeply to be JSON.", code="too_deep")
            )
        if error.status_code == 400 and isinstance(cause, UnicodeDecodeError):
            return _unprocessable(
                EventError("The case file is not UTF-8 text.", code="json_invalid")
            )
        return await http_exception_handler(request, error)

    @app.post(
        "/evaluate",
        response_model=Report,
        responses=_ERRORS,
        summary="Evaluate one case",
        description="A case file in, its report out (as `send-timescales evaluate` prints).",
    )
    def evaluate_case(case: Case, as_of: str | None = _AS_OF) -> JSONResponse:
        report = run_case(case, _as_of(as_of))
        return JSONResponse(report.model_dump(mode="json"))

    @app.post(
        "/batch",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "One JSON record per non-blank input line, in order.",
                "content": {_JSON_LINES: {"schema": {"type": "string"}}},
            },
            **_ERRORS,
        },
        summary="Evaluate many cases (JSON Lines)",
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "One case file per line.",
                "content": {_JSON_LINES: {"schema": {"type": "string"}}},
            }
        },
    )
    async def batch(request: Request, as_of: str | None = _AS_OF) -> StreamingResponse:
        day = _as_of(as_of)
        try:
            text = (await request.body()).decode("utf-8")
        except UnicodeDecodeError:
            raise EventError(
                "The batch is not UTF-8 text: send JSON Lines, one case file per line.",
                code="json_invalid",
            ) from None

        def records() -> Iterator[str]:
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    record = _batch_record(number, line, day, run_case)
                    yield json.dumps(record, ensure_ascii=False) + "\n"

        return StreamingResponse(records(), media_type=_JSON_LINES)

    @app.get("/rules", summary="The rule catalogue")
    def rules_catalogue() -> dict[str, Any]:
        return catalogue_json(rule_set)

    @app.get("/schema/case", summary="JSON Schema of a case file")
    def case_schema() -> dict[str, Any]:
        return Case.model_json_schema()

    @app.get("/schema/report", summary="JSON Schema of a report")
    def report_schema() -> dict[str, Any]:
        return Report.model_json_schema()

    @app.get("/health", response_model=Health, summary="Status, version, rule set, calendar")
    def health() -> Health:
        return Health(
            version=version,
            rule_set=rule_set.name,
            calendar=cal.name,
            calendar_known_until=cal.known_until,
        )

    return app


def _batch_record(
    number: int, line: str, as_of: date | None, run_case: Callable[[Case, date | None], Report]
) -> dict[str, Any]:
    """The output record of one batch line: its report, or its error."""
    case_id: str | None = None
    try:
        case = parse_case(line)
        case_id = case.case_id
        report = run_case(case, as_of)
    except (SendTimescalesError, ValueError) as error:
        code = error.code if isinstance(error, SendTimescalesError) else InputError.code
        message = " ".join(str(error).split()) or type(error).__name__
        if len(message) > MESSAGE_LIMIT:
            message = message[: MESSAGE_LIMIT - 3] + "..."
        return {
            "line": number,
            "case_id": case_id if case_id is not None else _case_id_of(line),
            "error_type": type(error).__name__,
            "code": code,
            "message": message,
            "errors": [{**e, "loc": list(e["loc"])} for e in error.errors()]
            if isinstance(error, SendTimescalesError)
            else [{"type": code, "loc": [], "msg": message, "input": None}],
        }
    return {"line": number, "case_id": case_id, "report": report.model_dump(mode="json")}


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    max_request_bytes: int = MAX_REQUEST_BYTES,
    max_batch_bytes: int = MAX_BATCH_BYTES,
    max_events: int = MAX_EVENTS,
) -> None:
    """Serve :func:`create_app` with uvicorn until interrupted; no access log.

    Raises ``OSError`` naming the address when it cannot listen there (a port in use, an
    unknown host).
    ``send-timescales serve`` calls this. Example (it blocks, so it is not run here)::

        from send_timescales.server import run
        run("127.0.0.1", 8000)
    """
    import uvicorn

    app = create_app(
        max_request_bytes=max_request_bytes,
        max_batch_bytes=max_batch_bytes,
        max_events=max_events,
    )
    try:
        uvicorn.run(app, host=host, port=port, access_log=False, server_header=False)
    except SystemExit as stop:
        # uvicorn logs why it could not start (a port in use, say) and exits with its
        # STARTUP_FAILURE, 3: here that is an error about the address, not about this library.
        if stop.code != _UVICORN_STARTUP_FAILURE:
            raise
        raise OSError(
            f"cannot listen on {host}:{port}: the web service did not start (uvicorn's message "
            "above says why, for example that the address is already in use)"
        ) from None


_UVICORN_STARTUP_FAILURE = 3
