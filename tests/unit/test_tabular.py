from __future__ import annotations

import pytest

from send_timescales import EventError
from send_timescales.tabular import cases_from_csv


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
