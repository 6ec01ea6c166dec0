"""Fuzzing: whatever a caller sends, evaluate() answers or raises one of our clear errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st_

import send_timescales as st
from send_timescales.events import EVENT_MODELS

FIELDS = [
    "on",
    "type",
    "decision",
    "wants_mediation",
    "issues",
    "reason",
    "agreement",
    "disputed",
    "following_review",
    "mediation_on",
    "actions",
    "grounds",
    "letter_dated",
    "notice_content",
    "what",
    "la_party",
    "shorter_notice_agreed",
]
values = st_.one_of(
    st_.none(),
    st_.booleans(),
    st_.integers(-5, 30000000),
    st_.text(max_size=12),
    st_.dates(min_value=date(1990, 1, 1), max_value=date(2110, 1, 1)).map(date.isoformat),
    st_.sampled_from(
        ["refuse_assessment", "cease_plan", "declined", "after_mediation", "full", "health"]
    ),
    st_.lists(st_.sampled_from(["needs", "placement", "health", "education", "x"]), max_size=3),
)
event = st_.one_of(
    st_.dictionaries(st_.sampled_from(FIELDS), values, max_size=6),
    st_.fixed_dictionaries(
        {
            "type": st_.sampled_from(list(EVENT_MODELS)),
            "on": st_.dates(min_value=date(2013, 1, 1), max_value=date(2030, 1, 1)).map(
                date.isoformat
            ),
        },
        optional=dict.fromkeys(FIELDS[2:], values),
    ),
)


@given(
    st_.lists(event, max_size=6), st_.dates(min_value=date(2014, 9, 1), max_value=date(2031, 1, 1))
)
def test_anything_gives_a_report_or_a_clear_error(
    events: list[dict[str, Any]], as_of: date
) -> None:
    try:
        report = st.evaluate(events, as_of=as_of)
    except st.SendTimescalesError as error:
        failure: Exception = error
    else:
        for d in report.deadlines:
            assert d.citations
            assert d.rule_id
        return
    assert isinstance(failure, ValueError)
    assert str(failure)
