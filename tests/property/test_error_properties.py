"""Fuzzing the structured errors: whatever is wrong, every problem has a known code and a place."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st_

import send_timescales as st
from send_timescales.errors import ERROR_CODES, VALUE_LIMIT
from send_timescales.events import EVENT_MODELS

json_values = st_.recursive(
    st_.none() | st_.booleans() | st_.integers() | st_.text(max_size=300),
    lambda inner: st_.lists(inner, max_size=3) | st_.dictionaries(st_.text(max_size=8), inner),
    max_leaves=12,
)
field_names = st_.sampled_from(["on", "type", "decision", "reason", "actions", "x", "agreement"])
event = st_.one_of(
    json_values,
    st_.dictionaries(field_names, json_values, max_size=4),
    st_.fixed_dictionaries(
        {"type": st_.sampled_from(list(EVENT_MODELS)), "on": json_values},
        optional={"decision": json_values, "actions": json_values, "colour": json_values},
    ),
)
cases = st_.one_of(
    st_.lists(event, max_size=5),
    st_.fixed_dictionaries(
        {"events": st_.one_of(st_.lists(event, max_size=4), json_values)},
        optional={"case_id": json_values, "extra": json_values},
    ),
)


@given(cases)
def test_every_problem_has_a_known_code_a_place_and_a_short_value(raw: Any) -> None:
    error: st.SendTimescalesError | None = None
    try:
        if isinstance(raw, dict):
            st.evaluate(st.parse_case(raw), as_of=date(2026, 1, 1))
        else:
            st.evaluate(raw, as_of=date(2026, 1, 1))
    except st.SendTimescalesError as caught:
        error = caught
    if error is None:
        return
    assert error.code in ERROR_CODES
    entries = error.errors()
    assert entries
    for entry in entries:
        assert entry["type"] in ERROR_CODES
        assert isinstance(entry["loc"], tuple)
        assert entry["msg"]
        assert entry["input"] is None or len(entry["input"]) <= VALUE_LIMIT
        if entry["loc"][:1] == ("events",) and len(entry["loc"]) > 1:
            assert isinstance(entry["loc"][1], int)
    assert error.value is None or len(error.value) <= VALUE_LIMIT
    assert str(error) == error.message
    again = pickle.loads(pickle.dumps(error))
    assert again.errors() == entries
