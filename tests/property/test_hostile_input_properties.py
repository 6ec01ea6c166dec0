"""Fuzzing with arbitrary JSON: deep nesting, lone surrogates, huge strings, NaN, booleans as
dates, wrong types. Whatever comes in, the library answers or raises a SendTimescalesError; the
command line never crashes (status 0, 1 or 2, never 3, never a traceback); a batch accounts for
every input case exactly once, in order."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_

import send_timescales as st
from send_timescales.cli import main
from send_timescales.events import EVENT_MODELS

# Text with lone surrogates (category Cs), line separators and control characters allowed (built
# from lists: hypothesis's text() leaves surrogates out).
any_text = st_.lists(
    st_.one_of(
        st_.characters(codec=None, exclude_categories=()),
        st_.characters(categories=["Cs", "Zl", "Zp", "Cc"]),
        st_.sampled_from(["\\", '"', "[", "{", "\r\n", "=", ";", ","]),
    ),
    max_size=20,
).map("".join)
scalars = st_.one_of(
    st_.none(),
    st_.booleans(),
    st_.integers(),
    st_.floats(allow_nan=True, allow_infinity=True),
    any_text,
    st_.sampled_from(["2025-10-01", "2025-13-45", "2013-01-01", "0001-01-01", "9999-12-31"]),
    st_.sampled_from(list(EVENT_MODELS)),
    st_.just("x" * 100_000),
)
json_values = st_.recursive(
    scalars,
    lambda inner: st_.one_of(
        st_.lists(inner, max_size=4), st_.dictionaries(any_text, inner, max_size=4)
    ),
    max_leaves=12,
)


@st_.composite
def deep(draw: st_.DrawFn) -> Any:
    value = draw(json_values)
    for _ in range(draw(st_.integers(0, 1500))):
        value = [value] if draw(st_.booleans()) else {"events": value}
    return value


FIELDS = ["type", "on", "decision", "wants_mediation", "reason", "agreement", "actions", "what"]
event_like = st_.one_of(
    st_.fixed_dictionaries(
        {"type": st_.sampled_from(list(EVENT_MODELS)), "on": scalars},
        optional=dict.fromkeys(FIELDS[2:], json_values),
    ),
    json_values,
)
case_like = st_.one_of(
    st_.fixed_dictionaries(
        {"case_id": st_.one_of(any_text, scalars), "events": st_.lists(event_like, max_size=5)}
    ),
    deep(),
    json_values,
)


def encode(value: Any, how: int) -> bytes:
    """JSON text of a value, three ways: ASCII escapes, raw UTF-8, or with invalid bytes."""
    if how == 0:
        return json.dumps(value, ensure_ascii=True).encode()
    text = json.dumps(value, ensure_ascii=False)
    if how == 1:
        return text.encode("utf-8", "replace")
    return text.encode("utf-8", "surrogatepass")  # lone surrogates as invalid UTF-8


def check(call: Any) -> Any:
    """The call's result, or the SendTimescalesError it raised (any other exception fails)."""
    try:
        result = call()
    except st.SendTimescalesError as error:
        result = error
    if isinstance(result, st.SendTimescalesError):
        assert 0 < len(str(result)) <= 2000
    return result


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(case_like, st_.integers(0, 2))
def test_parse_case_and_evaluate_answer_or_raise_our_error(value: Any, how: int) -> None:
    check(lambda: st.parse_case(value) if isinstance(value, dict) else None)
    text = encode(value, how)
    case = check(lambda: st.parse_case(text))
    if isinstance(case, st.Case):
        check(lambda: st.evaluate(case, as_of=date(2026, 1, 5)))
    events: Any = value.get("events") if isinstance(value, dict) else value
    check(lambda: st.evaluate(events, as_of=date(2026, 1, 5)))
    check(lambda: st.evaluate(encode(events, how), as_of=date(2026, 1, 5)))


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(case_like, st_.integers(0, 2))
def test_evaluate_and_ical_commands_never_crash(value: Any, how: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_bytes(encode(value, how))
        for argv in (
            ["evaluate", str(path), "--as-of", "2026-01-05"],
            ["evaluate", str(path), "--as-of", "2026-01-05", "--format", "text"],
            ["ical", str(path), "--as-of", "2026-01-05"],
        ):
            status, out, err = run_cli(*argv)
            assert status in (0, 2), err
            assert "Traceback" not in err
            assert len(err) < 1500
            if status == 2:
                assert out == ""
                assert err.startswith("send-timescales: error: ")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    st_.lists(st_.tuples(case_like, st_.integers(0, 2)), min_size=1, max_size=8),
    st_.sampled_from(["jsonl", "csv", "ics"]),
)
def test_batch_accounts_for_every_case_once_in_order(
    cases: list[tuple[Any, int]], output: str
) -> None:
    lines = [encode(value, how).replace(b"\n", b" ") for value, how in cases]
    numbered = [n for n, line in enumerate(lines, start=1) if line.strip()]
    if lines and lines[0].strip() in (b"{", b"["):
        return  # a pretty-printed file: one usage error, tested elsewhere
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        status, out, err = run_cli("batch", str(path), "--as-of", "2026-01-05", "--output", output)
    assert status in (0, 1), err
    assert "Traceback" not in err
    assert f"{len(numbered)} case(s)" in err
    if output == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        assert [r["line"] for r in records] == numbered
        assert all(("report" in r) != ("error" in r) for r in records)
        assert (status == 1) == any("error" in r for r in records)
    elif output == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        assert all(None not in row for row in rows)
        seen = list(dict.fromkeys(int(r["line"]) for r in rows))
        assert seen == numbered
    else:
        assert out.startswith("BEGIN:VCALENDAR\r\n")
        assert out.endswith("END:VCALENDAR\r\n")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    st_.lists(
        st_.lists(st_.one_of(any_text, st_.sampled_from(["A", "", "2025-10-01", "cease_plan"])),
                  min_size=0, max_size=6),
        max_size=8,
    )
)  # fmt: skip
def test_csv_batch_never_crashes(rows: list[list[str]]) -> None:
    # Quoted by hand: the csv module of Python 3.10 cannot write a NUL, which is hostile input.
    header = "case_id,type,on,decision,actions,wants_mediation\r\n"
    body = "".join(
        ",".join('"' + cell.replace('"', '""') + '"' for cell in row) + "\r\n" for row in rows
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        path.write_bytes((header + body).encode("utf-8", "surrogatepass"))
        status, out, err = run_cli("batch", str(path), "--as-of", "2026-01-05")
    assert status in (0, 1), err
    assert "Traceback" not in err
    numbers = [json.loads(line)["row"] for line in out.splitlines()]
    assert numbers == sorted(numbers)
    assert len(numbers) == len(set(numbers))
