from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from send_timescales.cli import main

CASE = {
    "case_id": "CLI-1",
    "events": [
        {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-11-26", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-11-29", "reason": "declined"},
    ],
}


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    return path


def test_evaluate_prints_the_report_as_json(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", str(case_file), "--as-of", "2025-12-01"]) == 0
    out = json.loads(capsys.readouterr().out)
    appeal = next(d for d in out["deadlines"] if d["rule_id"] == "appeal.register")
    assert appeal["due"] == "2026-01-02"
    assert out["provenance"]["case_id"] == "CLI-1"
    assert out["provenance"]["as_of"] == "2025-12-01"


def test_json_output_is_exactly_model_dump(
    case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    import send_timescales as st

    main(["evaluate", str(case_file), "--as-of", "2025-12-01"])
    printed = json.loads(capsys.readouterr().out)
    expected = st.evaluate(st.parse_case(CASE), as_of=date(2025, 12, 1)).model_dump(mode="json")
    assert printed == expected


def test_text_and_markdown(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(case_file), "--as-of", "2025-12-01", "--format", "text"]) == 0
    assert "appeal.register" in capsys.readouterr().out
    assert main(["evaluate", str(case_file), "--as-of", "2025-12-01", "--format", "markdown"]) == 0
    assert "| Due |" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            '{"case_id": "x", "events": [{"type": "nope", "on": "2025-01-01"}]}',
            "unknown event type 'nope'",
        ),
        ('{"case_id": "x", "events": [', "not valid JSON"),
        ('{"case_id": "x", "events": [], "colour": 1}', "colour"),
        (
            '{"events": [{"type": "decision_notice", "on": "2013-01-01", '
            '"decision": "cease_plan"}]}',
            "2013-01-01",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "/nonexistent/case.json"]) == 2
    assert "No such file" in capsys.readouterr().err


def test_bad_as_of_is_a_usage_error(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["evaluate", str(case_file), "--as-of", "01/12/2025"])
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_batch_keeps_going_past_a_bad_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps(CASE),
        '{"case_id": "bad", "events": [{"type": "decision_notice", "on": "2025-01-01T09:00"}]}',
        "not json",
        json.dumps({**CASE, "case_id": "CLI-2"}),
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n")
    assert main(["batch", str(path), "--as-of", "2025-12-01"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["case_id"] for r in records] == ["CLI-1", "bad", None, "CLI-2"]
    assert "report" in records[0]
    assert "report" in records[3]
    assert "2025-01-01T09:00" in records[1]["error"]
    assert records[2]["line"] == 3


def test_rules_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    assert "`appeal.register`" in capsys.readouterr().out
    assert main(["rules", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["rules"]
    assert main(["schema", "case"]) == 0
    assert "events" in json.loads(capsys.readouterr().out)["properties"]
    assert main(["schema", "report"]) == 0
    assert "deadlines" in json.loads(capsys.readouterr().out)["properties"]


def test_python_dash_m_and_stdin(case_file: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "send_timescales", "evaluate", "-", "--as-of", "2025-12-01"],
        input=case_file.read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["eligibility"]["appealable"] is True
    bad = subprocess.run(
        [sys.executable, "-m", "send_timescales", "evaluate", "-"],
        input="{}",
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


CSV_CASES = (
    "case_id,type,on,decision,disputed,wants_mediation,reason,grounds\n"
    "A,decision_notice,2025-10-01,refuse_assessment,,,,\n"
    "B,decision_notice,2025-03-14,plan_amended,placement,,,\n"
    "A,adviser_contacted,2025-11-26,,,false,,\n"
    "A,certificate_issued,2025-11-29,,,,declined,\n"
    "C,decision_notice,2013-01-01,cease_plan,,,,\n"
    "B,appeal_registered,2025-04-01,,,,,placement\n"
)


def test_batch_from_csv_to_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    path = tmp_path / "cases.csv"
    path.write_text(CSV_CASES)
    assert main(["batch", str(path), "--as-of", "2025-12-01", "--output", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    appeal_a = next(r for r in rows if r["case_id"] == "A" and r["rule_id"] == "appeal.register")
    assert (appeal_a["due"], appeal_a["status"]) == ("2026-01-02", "pending")
    appeal_b = next(r for r in rows if r["case_id"] == "B" and r["rule_id"] == "appeal.register")
    assert (appeal_b["due"], appeal_b["status"]) == ("2025-05-14", "met")
    (error,) = [r for r in rows if r["error"]]
    assert error["case_id"] == "C"
    assert "2013-01-01" in error["error"]


def test_batch_csv_to_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CSV_CASES)
    assert main(["batch", str(path), "--as-of", "2025-12-01"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["case_id"] for r in records] == ["A", "B", "C"]
    assert records[1]["report"]["eligibility"]["certificate_required"] is False


def test_batch_csv_without_required_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("case,type,on\nA,decision_notice,2025-01-01\n")
    assert main(["batch", str(path)]) == 2
    assert "case_id" in capsys.readouterr().err


def test_ical_export(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ical", str(case_file), "--as-of", "2025-12-01"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.rstrip().endswith("END:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20260102" in text
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "HESC Rules r.20(1)(c) [verified]" in unfolded
    assert "DTSTAMP:20251201T000000Z" in text
    # deterministic: the same case gives the same bytes
    assert main(["ical", str(case_file), "--as-of", "2025-12-01"]) == 0
    assert capsys.readouterr().out == text
