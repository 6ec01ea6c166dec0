"""The JSON web service: endpoints, structured errors, limits, and a real uvicorn run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi.exceptions import RequestValidationError
from fastapi.testclient import TestClient

import send_timescales as st
from send_timescales.cli import main
from send_timescales.errors import ERROR_CODES
from send_timescales.rules import default_rules
from send_timescales.rules.catalogue import catalogue_json
from send_timescales.server import _request_error, create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "examples" / "cases" / "refusal_to_assess_mediation.json").read_text())
AS_OF = "2026-03-09"
NOTICE = {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def detail(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.text
    entries: list[dict[str, Any]] = response.json()["detail"]
    assert entries
    for entry in entries:
        assert set(entry) == {"type", "loc", "msg", "input"}
        assert entry["type"] in ERROR_CODES
        assert entry["loc"][0] in ("body", "query")
    return entries


# ------------------------------------------------------------------------- /evaluate


def test_evaluate_answers_exactly_the_report_json(client: TestClient) -> None:
    response = client.post("/evaluate", params={"as_of": AS_OF}, json=EXAMPLE)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = st.evaluate(st.parse_case(EXAMPLE), as_of=date(2026, 3, 9))
    assert response.json() == expected.model_dump(mode="json")
    assert response.json()["provenance"]["case_id"] == "EX-001-refusal-to-assess-mediation"


def test_evaluate_without_as_of_judges_today(client: TestClient) -> None:
    response = client.post("/evaluate", json={"events": [NOTICE]})
    assert response.json()["provenance"]["as_of"] == date.today().isoformat()


def test_each_bad_event_is_one_located_entry(client: TestClient) -> None:
    response = client.post(
        "/evaluate",
        json={
            "case_id": "E-1",
            "events": [
                NOTICE,
                {"type": "teleported", "on": "2025-10-02"},
                {"type": "adviser_contacted", "on": "2025-10-03T09:00", "wants_mediation": True},
                {"type": "health_notified", "on": "2025-10-04", "colour": "red"},
            ],
        },
    )
    assert [(e["type"], e["loc"], e["input"]) for e in detail(response)] == [
        ("event_type_unknown", ["body", "events", 1, "type"], "'teleported'"),
        ("date_not_iso", ["body", "events", 2, "on"], "'2025-10-03T09:00'"),
        ("field_unknown", ["body", "events", 3, "colour"], "'red'"),
    ]
    # the same problems, in the same words, as the library gives
    with pytest.raises(st.EventError) as caught:
        st.parse_case(json.loads(response.request.content))
    assert [e["msg"] for e in detail(response)] == [e["msg"] for e in caught.value.errors()]


@pytest.mark.parametrize(
    ("content", "headers", "code", "loc"),
    [
        ('{"events": [', {"content-type": "application/json"}, "json_invalid", ["body"]),
        ("", {"content-type": "application/json"}, "json_invalid", ["body"]),
        ('{"events": []}', {"content-type": "text/plain"}, "json_invalid", ["body"]),
        ("[1, 2]", {"content-type": "application/json"}, "case_invalid", ["body"]),
        ('"a case"', {"content-type": "application/json"}, "case_invalid", ["body"]),
        ('{"events": 5}', {"content-type": "application/json"}, "events_not_list", None),
        (
            '{"case_id": 7, "events": []}',
            {"content-type": "application/json"},
            "case_invalid",
            None,
        ),
        ('{"events": [], "x": 1}', {"content-type": "application/json"}, "field_unknown", None),
        ('{"case_id": "A"}', {"content-type": "application/json"}, "field_missing", None),
        ("[" * 5_000, {"content-type": "application/json"}, "too_deep", ["body"]),
    ],
)
def test_bodies_that_are_not_case_files(
    client: TestClient, content: str, headers: dict[str, str], code: str, loc: list[Any] | None
) -> None:
    entries = detail(client.post("/evaluate", content=content, headers=headers))
    assert entries[0]["type"] == code
    if loc is not None:
        assert entries[0]["loc"] == loc


def test_text_that_json_itself_cannot_read(client: TestClient) -> None:
    headers = {"content-type": "application/json"}
    not_utf8 = client.post("/evaluate", content=b'{"case_id": "\xff"}', headers=headers)
    assert detail(not_utf8)[0]["type"] == "json_invalid"
    assert client.get("/nowhere").status_code == 404  # other HTTP errors are FastAPI's own


def test_contradictory_events_and_dates_out_of_range(client: TestClient) -> None:
    entries = detail(
        client.post(
            "/evaluate",
            json={"events": [{"type": "mediation_held", "on": "2025-01-01", "agreement": "none"}]},
        )
    )
    assert entries[0]["type"] == "events_contradictory"
    early = detail(client.post("/evaluate", json={"events": [{**NOTICE, "on": "2014-08-31"}]}))
    assert early[0]["type"] == "date_out_of_range"
    assert "2014-08-31" in early[0]["msg"]


@pytest.mark.parametrize(
    ("as_of", "code"),
    [("2026/03/09", "date_not_iso"), ("20260309", "date_not_iso"), ("2013-01-01", None)],
)
def test_a_bad_as_of_is_located_in_the_query(
    client: TestClient, as_of: str, code: str | None
) -> None:
    entries = detail(client.post("/evaluate", params={"as_of": as_of}, json=EXAMPLE))
    assert entries[0]["loc"] == ["query", "as_of"]
    assert entries[0]["type"] == (code or "date_out_of_range")
    assert entries[0]["input"] == repr(as_of)


def test_the_events_limit() -> None:
    small = TestClient(create_app(max_events=3))
    events = [NOTICE, *({"type": "child_born", "on": "2015-01-01"} for _ in range(2))]
    assert small.post("/evaluate", json={"events": events}).status_code == 200
    entries = detail(small.post("/evaluate", json={"events": [*events, events[1]]}))
    assert entries == [
        {
            "type": "too_many_events",
            "loc": ["body", "events"],
            "msg": "The case has 4 events; this service accepts at most 3 events in one case.",
            "input": "4",
        }
    ]


def test_the_request_size_limit() -> None:
    small = TestClient(create_app(max_request_bytes=500))
    assert small.post("/evaluate", json={"events": [NOTICE]}).status_code == 200
    big = {"case_id": "x" * 600, "events": [NOTICE]}
    response = small.post("/evaluate", json=big)
    assert response.status_code == 413
    assert response.json()["detail"][0]["type"] == "request_too_large"
    assert "500 bytes" in response.json()["detail"][0]["msg"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit still holds
        data = json.dumps(big).encode()
        for start in range(0, len(data), 100):
            yield data[start : start + 100]

    chunked = small.post(
        "/evaluate", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413


def test_the_fallback_when_the_library_accepts_what_fastapi_refused() -> None:
    refused = RequestValidationError(
        [{"type": "weird", "loc": ("body", "events"), "msg": "odd", "input": 1}],
        body={"events": []},
    )
    error = _request_error(refused)
    assert isinstance(error, st.InputError)
    assert error.errors() == [
        {"type": "input_error", "loc": ("body", "events"), "msg": "odd", "input": "1"}
    ]


# ------------------------------------------------------------------------- /batch


def test_batch_streams_a_record_per_line_in_order(client: TestClient) -> None:
    lines = [
        json.dumps(EXAMPLE),
        "",
        "{not json",
        json.dumps({"case_id": "B-2", "events": [{"type": "nope", "on": "2025-01-01"}]}),
        json.dumps({"case_id": "C-3", "events": [NOTICE]}),
        json.dumps({"case_id": "D-4", "events": [{**NOTICE, "decision": "x" * 5_000}]}),
    ]
    response = client.post(
        "/batch",
        params={"as_of": AS_OF},
        content="\n".join(lines) + "\n",
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert [r["line"] for r in records] == [1, 3, 4, 5, 6]
    assert [r["case_id"] for r in records] == [EXAMPLE["case_id"], None, "B-2", "C-3", "D-4"]
    expected = st.evaluate(st.parse_case(EXAMPLE), as_of=date(2026, 3, 9))
    assert records[0] == {
        "line": 1,
        "case_id": EXAMPLE["case_id"],
        "report": expected.model_dump(mode="json"),
    }
    assert records[3]["report"]["provenance"]["as_of"] == AS_OF
    for record in (records[1], records[2], records[4]):
        assert set(record) == {"line", "case_id", "error_type", "code", "message", "errors"}
        assert record["error_type"] == "EventError"
        assert record["code"] in ERROR_CODES
    assert records[1]["code"] == "json_invalid"
    assert records[2]["code"] == "event_type_unknown"
    assert records[2]["errors"][0]["loc"] == ["events", 0, "type"]
    assert len(records[4]["message"]) <= 1_000


def test_batch_limits_and_bad_parameters() -> None:
    app = TestClient(create_app(max_events=1, max_request_bytes=100, max_batch_bytes=2_000))
    body = json.dumps({"events": [NOTICE]}) + "\n" + json.dumps({"events": [NOTICE, NOTICE]})
    records = [json.loads(line) for line in app.post("/batch", content=body).text.splitlines()]
    assert "report" in records[0]  # the batch limit, not the 100-byte one, applies
    assert records[1]["code"] == "too_many_events"
    assert app.post("/batch", content="x" * 2_001).status_code == 413
    assert detail(app.post("/batch", content=b"\xff\xfe"))[0]["type"] == "json_invalid"
    assert detail(app.post("/batch", params={"as_of": "soon"}, content=body))[0]["loc"] == [
        "query",
        "as_of",
    ]


# ------------------------------------------------------------------------- the other endpoints


def test_rules_schemas_and_health(client: TestClient) -> None:
    assert client.get("/rules").json() == catalogue_json(default_rules())
    assert client.get("/schema/case").json() == st.Case.model_json_schema()
    assert client.get("/schema/report").json() == st.Report.model_json_schema()
    health = client.get("/health").json()
    assert health == {
        "status": "ok",
        "version": st.__version__,
        "rule_set": default_rules().name,
        "calendar": "England and Wales",
        "calendar_known_until": "2027-12-31",
    }


def test_a_calendar_and_rules_can_be_given() -> None:
    cal = st.WorkingDayCalendar.england_and_wales(extra_closures=[date(2026, 1, 2)])
    app = TestClient(create_app(calendar=cal))
    report = app.post("/evaluate", params={"as_of": AS_OF}, json=EXAMPLE).json()
    assert report["provenance"]["calendar"] == "England and Wales + 1 local closures"


def test_openapi_is_built_from_the_library_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    evaluate = spec["paths"]["/evaluate"]["post"]
    body = evaluate["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Case"}
    ok = evaluate["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].startswith("#/components/schemas/Report")
    assert evaluate["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorResponse"
    }
    schemas = spec["components"]["schemas"]
    assert set(schemas["Case"]["properties"]) == set(st.Case.model_fields)
    assert "application/x-ndjson" in spec["paths"]["/batch"]["post"]["requestBody"]["content"]
    assert {"/rules", "/schema/case", "/schema/report", "/health"} <= set(spec["paths"])


def test_no_case_data_is_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    secret = {"case_id": "SECRET-CASE-ID", "events": [{**NOTICE, "colour": "SECRET-VALUE"}]}
    client.post("/evaluate", json=secret)
    client.post("/batch", content=json.dumps(secret))
    assert "SECRET" not in caplog.text


# ------------------------------------------------------------------------- the command


def test_serve_without_the_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now fails
    monkeypatch.delitem(sys.modules, "send_timescales.server")
    assert main(["serve"]) == 2
    assert "pip install 'send-timescales[server]'" in capsys.readouterr().err


def test_serve_passes_its_options_and_defaults_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from send_timescales import server

    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(server, "run", lambda *a, **k: calls.append((a, k)))
    assert main(["serve"]) == 0
    assert main(["serve", "--host", "0.0.0.0", "--port", "9001", "--max-events", "5"]) == 0
    defaults = {
        "max_request_bytes": server.MAX_REQUEST_BYTES,
        "max_batch_bytes": server.MAX_BATCH_BYTES,
        "max_events": server.MAX_EVENTS,
    }
    assert calls == [
        (("127.0.0.1", 8000), defaults),
        (("0.0.0.0", 9001), {**defaults, "max_events": 5}),
    ]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_end_to_end_with_uvicorn(tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "send_timescales", "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/health", timeout=2) as answer:
                        health = json.load(answer)
                    break
                except (urllib.error.URLError, ConnectionError):
                    assert server.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "the server did not start in 30 s"
                    time.sleep(0.2)
            assert health["status"] == "ok"
            request = urllib.request.Request(
                f"{base}/evaluate?as_of={AS_OF}",
                data=json.dumps(EXAMPLE).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=10) as answer:
                report = json.load(answer)
            expected = st.evaluate(st.parse_case(EXAMPLE), as_of=date(2026, 3, 9))
            assert report == expected.model_dump(mode="json")
            bad = urllib.request.Request(
                f"{base}/evaluate",
                data=b'{"events": [{"type": "nope", "on": "2025-01-01"}]}',
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(bad, timeout=10)
            assert refused.value.code == 422
            assert json.load(refused.value)["detail"][0]["type"] == "event_type_unknown"
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log.read_text()
    assert "Uvicorn running" in output  # the log is captured ...
    assert EXAMPLE["case_id"] not in output  # ... but holds no case data
    assert "POST /evaluate" not in output  # and no access log


def test_serve_on_a_port_in_use_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"send-timescales: error: cannot listen on 127.0.0.1:{port}: ")


@pytest.mark.parametrize("port", ["0", "65536", "70000", "http"])
def test_serve_refuses_a_port_out_of_range(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", port])
    assert stopped.value.code == 2
    assert "--port" in capsys.readouterr().err
