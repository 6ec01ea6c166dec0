"""Issue 8 at small scale: a batch with hostile lines mixed in keeps every good case, reports every
bad one, and its CSV and iCalendar output read back cleanly, with no injected row or property.

bench/bench_batch.py --hostile runs the same mix at 100,000 cases and reports time to the first
record and peak memory.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from send_timescales.cli import main

GOOD = {
    "events": [
        {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-10-20", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-10-22"},
        {"type": "mediation_held", "on": "2025-11-14", "agreement": "partial"},
        {
            "type": "mediation_agreement",
            "on": "2025-11-14",
            "actions": [
                {
                    "what": "assess\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged",
                    "kind": "assess",
                },
                {"what": "=cmd|' /C calc'!A0,\"x\"\n2,3", "kind": "other"},
            ],
        },
    ]
}
INJECTED_IDS = [
    "plain",
    "cr\rlf\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged\r\nDTSTART:20990101",
    "attach;VALUE=URI:http://x.invalid",
    '=HYPERLINK("http://x.invalid","click")',
    "+SUM(1,2)",
    "-3+4",
    "@evil",
    "\ttab",
    "comma,semi;back\\slash",
    "sep\u2028ara\u0085tor\u2029",
    "ctrl\x00\x07\x1b[31m",
]
HOSTILE_LINES = [
    b"[" * 3000 + b"]" * 3000,
    b'{"case_id": "deep", "events": ' + b"[" * 3000 + b"]" * 3000 + b"}",
    b'{"case_id": "surrogate", "events": [], "note": "\\ud800"}',
    b'{"case_id": "\xff\xfe", "events": []}',
    b'{"case_id": "nan", "events": [{"type": "decision_notice", "on": NaN}]}',
    b'{"case_id": "bool", "events": [{"type": "decision_notice", "on": false}]}',
    b'{"case_id": "wrong types", "events": {"type": 1}}',
    json.dumps({"case_id": "huge", "events": [{"type": "x" * 300_000}]}).encode(),
    b"not json",
    b"[]",
    b"null",
]


def build(tmp_path: Path) -> tuple[Path, list[tuple[int, str | None, bool]]]:
    """The batch file, and (line, case id, good?) for every case in it."""
    lines: list[bytes] = []
    expected: list[tuple[int, str | None, bool]] = []
    for n in range(120):
        if n % 10 == 5:
            raw = HOSTILE_LINES[(n // 10) % len(HOSTILE_LINES)]
            lines.append(raw)
            expected.append((len(lines), None, False))
        else:
            case_id = f"{INJECTED_IDS[n % len(INJECTED_IDS)]}#{n}"
            lines.append(json.dumps({"case_id": case_id, **GOOD}).encode())
            expected.append((len(lines), case_id, True))
        if n % 17 == 3:
            lines.append(b"   ")  # blank lines are skipped, and still count as lines
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n")
    return path, expected


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_every_case_once_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    path, expected = build(tmp_path)
    assert main(["batch", str(path), "--as-of", "2026-01-05", "--jobs", jobs]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["line"] for r in records] == [line for line, _, _ in expected]
    for record, (_, case_id, good) in zip(records, expected, strict=True):
        assert ("report" in record) is good, record.get("error")
        if good:
            assert record["case_id"] == case_id
        else:
            assert record["error_type"]
            assert len(record["error"]) <= 300
    bad = sum(1 for *_, good in expected if not good)
    assert f"{len(expected)} case(s), {bad} with errors" in captured.err


def test_csv_output_reads_back_without_injected_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expected = build(tmp_path)
    assert main(["batch", str(path), "--as-of", "2026-01-05", "--output", "csv"]) == 1
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    header = out.split("\r\n", 1)[0].split(",")
    deadlines = [r for r in rows if r["record"] == "deadline"]
    errors = [r for r in rows if r["record"] == "error"]
    assert {r["record"] for r in rows} == {"deadline", "error"}
    good = [(line, case_id) for line, case_id, ok in expected if ok]
    assert len(errors) == len(expected) - len(good)
    per_case = len(deadlines) // len(good)
    assert per_case * len(good) == len(deadlines)
    assert [int(r["line"]) for r in rows] == sorted(int(r["line"]) for r in rows)
    for row in rows:
        assert None not in row  # no row has more cells than the header
        assert all(value is not None for value in row.values())
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    ids = {r["line"]: r["case_id"] for r in deadlines}
    for line, case_id in good:
        assert case_id is not None
        shown = ids[str(line)]
        assert shown.removeprefix("'") == case_id.replace("\x00", "\ufffd")  # NUL: see csv_cell
    subjects = {r["subject"] for r in deadlines if r["subject"]}
    assert "'=cmd|' /C calc'!A0,\"x\"\n2,3" in subjects
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert list(frame.columns) == header
    assert len(frame) == len(rows)
    assert set(frame["record"]) == {"deadline", "error"}


def test_icalendar_output_parses_with_exactly_the_expected_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icalendar = pytest.importorskip("icalendar")
    path, expected = build(tmp_path)
    assert main(["batch", str(path), "--as-of", "2026-01-05", "--output", "ics"]) == 1
    captured = capsys.readouterr()
    text = captured.out
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r" not in text.replace("\r\n", "")
    assert "\n" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    good = [case_id for _, case_id, ok in expected if ok]
    per_case = len(events) // len(good)
    assert per_case >= 3
    assert per_case * len(good) == len(events)
    allowed = {
        "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "TRANSP"
    }  # fmt: skip
    uids = set()
    for event in events:
        assert set(event.keys()) == allowed, set(event.keys()) - allowed
        uids.add(str(event["UID"]))
        for name in ("DTSTART", "DTEND"):
            assert dict(event[name].params) == {"VALUE": "DATE"}, event[name].params
        for name in ("DTSTAMP", "SUMMARY", "DESCRIPTION", "UID", "TRANSP"):
            assert not event[name].params, (name, event[name].params)
        assert event.decoded("DTSTART").year in (2025, 2026)
    assert len(uids) == len(events)
    summaries = [str(e["SUMMARY"]) for e in events]
    for case_id in good:
        assert case_id is not None
        # whitespace and line breaks may change form (a tab becomes a space, U+2028 a newline);
        # control characters are dropped; every other character is there
        wanted = "".join(case_id.translate({0: None, 7: None, 0x1B: None}).split())
        assert any("".join(s.split()).endswith(f"({wanted})") for s in summaries), case_id
    descriptions = "".join(str(e["DESCRIPTION"]) for e in events)
    assert "assess\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged" in descriptions
    assert captured.err.count("EventError") == len(expected) - len(good)
