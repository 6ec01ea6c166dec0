from __future__ import annotations

import pytest

from send_timescales import EventError
from send_timescales.tabular import MEASURE_COLUMNS, cases_from_csv


def test_rows_are_grouped_by_case_in_first_seen_order() -> None:
    cases = cases_from_csv(
        "case_id,type,on,issues,wants_mediation\n"
        "Z,decision_notice,2025-01-01,,\n"
        "A,decision_notice,2025-01-02,,\n"
        "Z,mediation_requested,2025-01-05,education; health,\n"
        "Z,adviser_contacted,2025-01-04,,TRUE\n"
    )
    assert [c for c, _ in cases] == ["Z", "A"]
    z = cases[0][1]
    assert z[1]["issues"] == ["education", "health"]
    assert z[2]["wants_mediation"] is True
    assert "issues" not in z[0]


def test_json_cells() -> None:
    (case,) = cases_from_csv(
        'case_id,type,on,actions\nA,mediation_agreement,2025-01-01,"[{""what"": ""x""}]"\n'
    )
    assert case[1][0]["actions"] == [{"what": "x"}]
    with pytest.raises(EventError, match="row 2"):
        cases_from_csv('case_id,type,on,actions\nA,mediation_agreement,2025-01-01,"[{oops"\n')


# ---------------------------------------------------------------------------- typed tables

from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

import send_timescales as st  # noqa: E402
from send_timescales.batch import csv_header  # noqa: E402
from send_timescales.tabular import (  # noqa: E402
    BATCH_CSV_ERROR_COLUMNS,
    DEADLINE_COLUMNS,
    ELIGIBILITY_COLUMNS,
    FINDING_COLUMNS,
    csv_cell,
    deadline_rows,
)

EVENTS: list[dict[str, Any]] = [
    {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
    {"type": "adviser_contacted", "on": "2025-11-26", "wants_mediation": False},
    {"type": "certificate_issued", "on": "2025-12-04", "reason": "declined"},
    {"type": "decision_notice", "on": "2026-11-02", "decision": "cease_plan"},
]


def report() -> st.Report:
    return st.evaluate(EVENTS, as_of=date(2027, 6, 1), case_id="T-1")


def test_to_rows_has_every_table_with_typed_values() -> None:
    tables = report().to_rows()
    assert set(tables) == {"deadlines", "eligibility", "findings", "measures"}
    for name, columns in (
        ("deadlines", DEADLINE_COLUMNS),
        ("eligibility", ELIGIBILITY_COLUMNS),
        ("findings", FINDING_COLUMNS),
    ):
        assert tables[name], name
        for row in tables[name]:
            assert list(row) == [c.name for c in columns]
            for column in columns:
                value = row[column.name]
                assert value is None or type(value) is column.type, (name, column.name, value)
    deadline = tables["deadlines"][0]
    assert type(deadline["provisional"]) is bool
    assert deadline["case_id"] == "T-1"
    eligibility = tables["eligibility"]
    assert [e["decision"] for e in eligibility] == ["refuse_assessment", "cease_plan"]
    assert [e["latest"] for e in eligibility] == [False, True]
    assert {f["code"] for f in tables["findings"]} >= {"deadline_missed"}
    assert deadline_rows(report()) == tables["deadlines"]


def test_measures_table_is_typed() -> None:
    # Request Mon 6 Jan 2025; final plan Tue 20 May 2025: 134 days, 19 whole weeks, within 140.
    measured = st.evaluate(
        [
            {"type": "assessment_requested", "on": "2025-01-06"},
            {"type": "decision_notice", "on": "2025-05-20", "decision": "plan_finalised"},
        ],
        as_of=date(2025, 6, 1),
        case_id="M-1",
    )
    [row] = measured.to_rows()["measures"]
    assert row == {
        "case_id": "M-1",
        "rule_id": "measure.sen2_20_weeks",
        "request_on": date(2025, 1, 6),
        "final_on": date(2025, 5, 20),
        "days": 134,
        "weeks": 19,
        "within_20_weeks": True,
        "exception_applied": False,
        "outcome": "plan_issued",
        "citations": "SEND Regs 2014 reg 13(2) [verified]; "
        "SEN2 data collection guide (Department for Education) [secondary]",
    }
    assert list(row) == [c.name for c in MEASURE_COLUMNS]


def test_reports_to_frame_is_typed_and_shares_the_csv_columns() -> None:
    pandas = pytest.importorskip("pandas")
    frame = st.reports_to_frame([report(), report()])
    assert list(frame.columns) == [c.name for c in DEADLINE_COLUMNS]
    header = csv_header("line").decode().strip().split(",")
    assert header == ["record", "line", *frame.columns, *BATCH_CSV_ERROR_COLUMNS]
    assert str(frame["provisional"].dtype) == "bool"
    assert not frame["provisional"].any()  # "false" used to be a truthy string
    assert all(isinstance(d, date) for d in frame["due"])
    assert frame["subject"].map(lambda v: v is None).all()
    empty = st.reports_to_frame([], table="findings")
    assert list(empty.columns) == [c.name for c in FINDING_COLUMNS]
    assert len(empty) == 0
    eligibility = st.reports_to_frame([report()], table="eligibility")
    assert eligibility["appealable"].dtype == bool
    assert isinstance(eligibility, pandas.DataFrame)
    with pytest.raises(ValueError, match="unknown table"):
        st.reports_to_frame([report()], table="nope")


def test_reports_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'send-timescales\[pandas\]'"):
        st.reports_to_frame([report()])


def test_the_core_never_imports_pandas() -> None:
    import subprocess
    import sys

    code = (
        "import sys, send_timescales as st, send_timescales.cli, send_timescales.batch;"
        "st.evaluate([], as_of=__import__('datetime').date(2026, 1, 5)).to_rows();"
        "f = st.reports_to_frame;"
        "print(sorted(m for m in ('pandas', 'tqdm', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (True, "true"),
        (None, ""),
        ("a\x00b", "a\ufffdb"),
        (date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_csv_cells(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_blank_case_id_and_bom_in_cases_from_csv() -> None:
    with pytest.raises(EventError, match="row 3: the case_id is blank"):
        cases_from_csv("\ufeffcase_id,type,on\nA,health_notified,2025-01-10\n,x,2025-01-10\n")
    (case,) = cases_from_csv("\ufeffcase_id,type,on\nA,health_notified,2025-01-10\n\n")
    assert case[0] == "A"
