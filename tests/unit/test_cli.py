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


# Requests for an EHC needs assessment, one CSV row per event. Worked by hand (SEN2: days from
# the request to the final plan; weeks = days // 7; within 20 weeks = days <= 140):
#   R1 first request Mon 4 Mar 2024, refused Fri 12 Apr 2024: refused_assessment, no final plan;
#      second request Mon 6 Jan 2025, final plan Tue 20 May 2025: Jan 7..31 = 25, + 28 + 31 + 30
#      + 20 = 134 days, 19 weeks, within.
#   R2 request Mon 6 Jan 2025, exceptional personal circumstances 3 to 28 Mar 2025 (reg 13(3),
#      10(4)(c)), final plan Tue 10 Jun 2025: 114 + 31 + 10 = 155 days, 22 weeks, not within,
#      exception applied.
#   R3 request Mon 6 Jan 2025, agreed, no plan (refuse_plan) Mon 28 Apr 2025: no_plan.
#   R4 a plan ceased, no request: one no_measures row. R5 a bad decision: one error row.
#   R6 request Mon 2 Jun 2025, nothing since (as of 1 Dec 2025): open.
MEASURE_EVENTS = (
    "case_id,type,on,decision,to,reason\n"
    "R1,assessment_requested,2024-03-04,,,\n"
    "R1,decision_notice,2024-04-12,refuse_assessment,,\n"
    "R2,assessment_requested,2025-01-06,,,\n"
    "R1,assessment_requested,2025-01-06,,,\n"
    "R1,decision_notice,2025-05-20,plan_finalised,,\n"
    "R2,exception_applied,2025-03-03,,2025-03-28,personal_circumstances\n"
    "R2,decision_notice,2025-06-10,plan_finalised,,\n"
    "R3,assessment_requested,2025-01-06,,,\n"
    "R3,assessment_agreed,2025-02-10,,,\n"
    "R3,decision_notice,2025-04-28,refuse_plan,,\n"
    "R4,decision_notice,2025-03-14,cease_plan,,\n"
    "R5,decision_notice,2025-03-14,nonsense,,\n"
    "R6,assessment_requested,2025-06-02,,,\n"
)


def typed(row: dict[str, str]) -> dict[str, object]:
    """A measures CSV row read back: dates, whole numbers and booleans, None for empty."""
    from datetime import date

    out: dict[str, object] = {}
    for name, text in row.items():
        value: object = text or None
        if text and name in ("request_on", "final_on"):
            value = date.fromisoformat(text)
        elif text and name in ("days", "weeks"):
            value = int(text)
        elif text in ("true", "false"):
            value = text == "true"
        out[name] = value
    return out


def test_batch_measures_csv_is_one_typed_row_per_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    from datetime import date

    from send_timescales.tabular import BATCH_CSV_ERROR_COLUMNS, MEASURE_COLUMNS

    status, out, err = run_batch(
        tmp_path,
        capsys,
        MEASURE_EVENTS.encode(),
        "--output",
        "csv",
        "--table",
        "measures",
        name="requests.csv",
    )
    assert status == 1, err  # R5
    reader = csv.DictReader(io.StringIO(out, newline=""))
    assert reader.fieldnames == [
        "record",
        "row",
        *(c.name for c in MEASURE_COLUMNS),
        *BATCH_CSV_ERROR_COLUMNS,
    ]
    rows = [typed(row) for row in reader]
    found = [
        (
            r["record"],
            r["case_id"],
            r["request_on"],
            r["final_on"],
            r["days"],
            r["weeks"],
            r["within_20_weeks"],
            r["exception_applied"],
            r["outcome"],
        )
        for r in rows
    ]
    d = date.fromisoformat
    assert found == [
        ("measure", "R1", d("2024-03-04"), None, None, None, None, False, "refused_assessment"),
        ("measure", "R1", d("2025-01-06"), d("2025-05-20"), 134, 19, True, False, "plan_issued"),
        ("measure", "R2", d("2025-01-06"), d("2025-06-10"), 155, 22, False, True, "plan_issued"),
        ("measure", "R3", d("2025-01-06"), None, None, None, None, False, "no_plan"),
        ("no_measures", "R4", None, None, None, None, None, None, None),
        ("error", "R5", None, None, None, None, None, None, None),
        ("measure", "R6", d("2025-06-02"), None, None, None, None, False, "open"),
    ]
    assert [r["row"] for r in rows] == ["2", "2", "4", "9", "12", "13", "14"]
    measured = [r for r in rows if r["record"] == "measure"]
    assert {r["rule_id"] for r in measured} == {"measure.sen2_20_weeks"}
    assert all("reg 13(2)" in str(r["citations"]) for r in measured)
    assert all(r["error"] is None for r in rows if r["record"] != "error")
    (error,) = [r for r in rows if r["record"] == "error"]
    assert error["error_type"] == "EventError"
    assert "nonsense" in str(error["error"])


def test_batch_csv_tables_share_the_frame_columns_and_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    from datetime import date

    import send_timescales as st
    from send_timescales.tabular import TABLES, cases_from_csv, csv_cell

    good = "\n".join(line for line in MEASURE_EVENTS.splitlines() if not line.startswith("R5"))
    reports = [
        st.evaluate(events, as_of=date(2025, 12, 1), case_id=case_id)
        for case_id, events in cases_from_csv(good)
    ]
    for table, columns in TABLES.items():
        status, out, _ = run_batch(
            tmp_path, capsys, good.encode(), "--output", "csv", "--table", table, name="g.csv"
        )
        assert status == 0
        rows = list(csv.reader(io.StringIO(out, newline="")))
        names = [c.name for c in columns]
        assert rows[0][2 : 2 + len(names)] == names
        cells = [row[2 : 2 + len(names)] for row in rows[1:] if not row[0].startswith("no_")]
        expected = [
            [csv_cell(value) for value in row.values()]
            for report in reports
            for row in report.to_rows()[table]
        ]
        assert cells == expected, table
        assert len(cells) == sum(len(report.to_rows()[table]) for report in reports)
    # the default is the deadlines table
    _, default, _ = run_batch(tmp_path, capsys, good.encode(), "--output", "csv", name="g.csv")
    _, chosen, _ = run_batch(
        tmp_path, capsys, good.encode(), "--output", "csv", "--table", "deadlines", name="g.csv"
    )
    assert default == chosen
    assert default.startswith("record,row,case_id,decision_on,rule_id,")


def test_batch_measures_with_jobs_keep_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("--output", "csv", "--table", "measures")
    data = MEASURE_EVENTS.encode()
    one = run_batch(tmp_path, capsys, data, *args, name="r.csv")
    two = run_batch(tmp_path, capsys, data, *args, "--jobs", "2", name="r.csv")
    assert one[:2] == two[:2]


@pytest.mark.parametrize("output", ["jsonl", "ics"])
def test_batch_table_needs_csv_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    status, out, err = run_batch(
        tmp_path, capsys, MEASURE_EVENTS.encode(), "--output", output, "--table", "measures",
        name="r.csv",
    )  # fmt: skip
    assert status == 2
    assert out == ""
    assert "--table applies to --output csv only" in err
    assert err.count("\n") == 1


def test_batch_unknown_table_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run_batch(tmp_path, capsys, b"", "--output", "csv", "--table", "plans", name="r.csv")
    assert caught.value.code == 2
    assert "invalid choice: 'plans'" in capsys.readouterr().err


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


# ---------------------------------------------------------------------------- the streaming batch


def run_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, *args: str, name: str = "in"
) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    status = main(["batch", str(path), "--as-of", "2025-12-01", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def case_line(case_id: str, **extra: object) -> bytes:
    return json.dumps({**CASE, "case_id": case_id, **extra}).encode() + b"\n"


def test_batch_bom_crlf_blank_lines_and_unicode_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    separated = '{"case_id": "sep\u2028ara\u0085tor", "events": []}\r\n'.encode()
    data = b"\xef\xbb\xbf" + case_line("first") + b"\n  \n" + separated + case_line("last")
    status, out, err = run_batch(tmp_path, capsys, data, name="cases.jsonl")
    assert status == 0, out
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["case_id"], r["line"]) for r in records] == [
        ("first", 1),
        ("sep\u2028ara\u0085tor", 4),
        ("last", 5),
    ]
    assert all("report" in r for r in records)
    assert "3 case(s), 0 with errors; as of 2025-12-01" in err
    assert "cases/s" in err


def test_batch_error_records_are_short_typed_and_isolated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "x" * 2_000_000
    data = b"".join(
        [
            case_line("ok-1"),
            b"[" * 5000 + b"]" * 5000 + b"\n",
            b'{"case_id": "lone", "events": [], "x": "\\ud800"}\n',
            b'{"case_id": "bad-byte \xff", "events": []}\n',
            json.dumps({"case_id": "huge", "events": [{"type": huge, "on": "2025-01-01"}]}).encode()
            + b"\n",
            b'{"case_id": "nan", "events": [{"type": "decision_notice", "on": NaN}]}\n',
            b'{"case_id": "true", "events": [{"type": "decision_notice", "on": true}]}\n',
            b'{"case_id": ' + b'"' + b"y" * 5000 + b'", "events": 3}\n',
            case_line("ok-2"),
        ]
    )
    status, out, err = run_batch(tmp_path, capsys, data, name="cases.jsonl")
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in records] == list(range(1, 10))
    assert "report" in records[0]
    assert "report" in records[-1]
    for record in records[1:-1]:
        assert record["error_type"] == "EventError", record
        assert "code" in record
        assert 0 < len(record["error"]) <= 300
        assert len(json.dumps(record)) < 1000
    assert "64 levels" in records[1]["error"]
    assert records[2]["case_id"] is None
    assert "UTF-8" in records[3]["error"]
    assert records[4]["case_id"] == "huge"
    assert records[7]["case_id"].endswith("...")
    assert len(records[7]["case_id"]) < 300
    assert "9 case(s), 7 with errors" in err
    assert len(err) < 500


def test_batch_pretty_printed_case_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_batch(
        tmp_path, capsys, json.dumps(CASE, indent=2).encode(), name="case.jsonl"
    )
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "send-timescales evaluate" in err


def test_batch_unreadable_input_is_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(tmp_path / "missing.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_batch_as_of_defaults_to_today_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    path = tmp_path / "cases.jsonl"
    path.write_bytes(case_line("a") + case_line("b"))
    assert main(["batch", str(path)]) == 0
    captured = capsys.readouterr()
    as_of = {
        json.loads(line)["report"]["provenance"]["as_of"] for line in captured.out.splitlines()
    }
    assert as_of == {date.today().isoformat()}
    assert f"as of {date.today().isoformat()}" in captured.err


def test_batch_jobs_keep_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [case_line(f"C{n}") if n % 7 else b"{bad\n" for n in range(300)]
    status, out, _ = run_batch(tmp_path, capsys, b"".join(lines), "--jobs", "2", name="c.jsonl")
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in records] == list(range(1, 301))
    assert [r["case_id"] for r in records if "report" in r] == [
        f"C{n}" for n in range(300) if n % 7
    ]
    single_status, single, _ = run_batch(tmp_path, capsys, b"".join(lines), name="c.jsonl")
    assert single == out
    assert single_status == status


def test_batch_csv_blank_case_id_bom_and_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    data = (
        "\ufeffcase_id,type,on,decision,actions\r\n"
        "A,decision_notice,2025-10-01,refuse_assessment,\r\n"
        ",decision_notice,2025-10-02,cease_plan,\r\n"
        'B,mediation_agreement,2025-10-01,,"[{oops"\r\n'
        "C,child_born,2015-01-01,,\r\n"
        "A,adviser_contacted,2025-11-26,,\r\n"
    ).encode() + b"D,decision_notice,2025-10-01,cease\xffplan,\r\n"
    status, out, _ = run_batch(tmp_path, capsys, data, "--output", "csv", name="e.csv")
    assert status == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    by_record = [(r["record"], r["row"], r["case_id"]) for r in rows]
    assert by_record[0] == ("error", "2", "A")  # adviser_contacted lacks wants_mediation
    assert ("error", "3", "") in by_record  # blank case_id: its own error, not merged
    assert ("error", "4", "B") in by_record
    assert ("no_deadlines", "5", "C") in by_record
    assert ("error", "7", "") in by_record  # undecodable byte
    assert "blank" in next(r["error"] for r in rows if r["row"] == "3")


def test_csv_output_neutralises_formulas_and_quotes_line_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    hostile = '=HYPERLINK("http://x.invalid")\r\nB,deadline,forged'
    data = case_line(hostile) + case_line("+1") + case_line("@SUM(A1)") + case_line("-2")
    status, out, _ = run_batch(tmp_path, capsys, data, "--output", "csv", name="c.jsonl")
    assert status == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["record", "line", "case_id"]
    assert all(len(row) == len(header) for row in body)
    assert len(body) == 4 * 3  # three deadlines per case, no forged row
    ids = {row[2] for row in body}
    assert ids == {"'" + hostile, "'+1", "'@SUM(A1)", "'-2"}
    assert {row[0] for row in body} == {"deadline"}


def test_batch_ics_output_is_one_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = case_line("one") + b"oops\n" + case_line("two")
    status, out, err = run_batch(tmp_path, capsys, data, "--output", "ics", name="c.jsonl")
    assert status == 1
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    assert out.endswith("END:VCALENDAR\r\n")
    assert out.split("\r\n").count("BEGIN:VEVENT") == 6
    assert "line 2" in err
    assert "EventError" in err


def test_progress_without_tqdm_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    status, _, err = run_batch(tmp_path, capsys, case_line("a"), "--progress", name="c.jsonl")
    assert status == 2
    assert "pip install 'send-timescales[progress]'" in err


def test_progress_bar_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    status, out, err = run_batch(tmp_path, capsys, case_line("a"), "--progress", name="c.jsonl")
    assert status == 0
    assert json.loads(out)["case_id"] == "a"
    assert "cases" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"send-timescales {version('send-timescales')}"
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "default: today, fixed once at the start of the run",
        "record, line (or row), case_id, decision_on, rule_id",
        "error_type, error_code, error",
        "--table {deadlines,eligibility,findings,measures}",
        "measures (a row per request for an EHC needs assessment: SEN2's 20 weeks): case_id, "
        "rule_id, request_on, final_on, days, weeks, within_20_weeks, exception_applied, "
        "outcome, citations.",
        "3 internal error",
        "--jobs N",
        "pip install 'send-timescales[progress]'",
        "examples:",
    ):
        assert words in text, words
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    assert "default: today" in capsys.readouterr().out


def test_internal_error_is_status_3(
    case_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import send_timescales.cli as cli

    def broken(*_: object, **__: object) -> object:
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "evaluate", broken)
    assert main(["evaluate", str(case_file)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("send-timescales: internal error (KeyError)")
    assert "Traceback" not in err


def test_a_bug_in_one_batch_case_is_an_error_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import send_timescales.batch as batch
    from send_timescales import evaluate as real

    def flaky(case: object, **kwargs: object) -> object:
        if getattr(case, "case_id", None) == "boom":
            raise RecursionError("deep trouble")
        return real(case, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "evaluate", flaky)
    status, out, _ = run_batch(
        tmp_path, capsys, case_line("a") + case_line("boom") + case_line("b"), name="c.jsonl"
    )
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert records[1]["error_type"] == "RecursionError"
    assert records[1]["code"] is None
    assert "report" in records[2]


def test_error_messages_never_echo_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"case_id": "x", "events": [{"type": "z" * 1_000_000}]}))
    assert main(["evaluate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert len(err) < 400


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"".join(case_line(f"C{n}") for n in range(3000)))
    for jobs in ("1", "2"):
        result = subprocess.run(
            f"'{sys.executable}' -m send_timescales batch '{path}' --jobs {jobs} | head -n 1",
            shell=True,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0
        assert json.loads(result.stdout)["case_id"] == "C0"
        assert result.stderr == "", result.stderr


def test_first_record_is_written_before_the_input_ends(tmp_path: Path) -> None:
    """Streaming: the first record comes out while the rest of the input is still to come."""
    process = subprocess.Popen(
        [sys.executable, "-m", "send_timescales", "batch", "-", "--as-of", "2025-12-01"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(case_line("early"))
    process.stdin.flush()
    first = json.loads(process.stdout.readline())  # the input is still open
    assert first["case_id"] == "early"
    process.stdin.write(case_line("late"))
    process.stdin.close()
    assert json.loads(process.stdout.readline())["case_id"] == "late"
    assert process.wait(timeout=60) == 0
    process.stdout.close()
    assert process.stderr is not None
    process.stderr.close()
