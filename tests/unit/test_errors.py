"""Structured errors: codes, event index, field, value, errors() entries, pickling."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

import pytest

import send_timescales as st
from send_timescales.errors import ERROR_CODES, VALUE_LIMIT, short_repr

AS_OF = date(2025, 12, 1)
NOTICE = {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}


def caught(call: Any, *args: Any, **kwargs: Any) -> st.SendTimescalesError:
    with pytest.raises(st.SendTimescalesError) as info:
        call(*args, **kwargs)
    return info.value


# ------------------------------------------------------------------------- the error classes


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (st.SendTimescalesError, "error"),
        (st.InputError, "input_error"),
        (st.DateOutOfRangeError, "date_out_of_range"),
        (st.EventError, "event_invalid"),
        (st.ContradictoryEventsError, "events_contradictory"),
        (st.RuleSetError, "rule_set_invalid"),
    ],
)
def test_each_class_has_its_own_documented_default_code(
    cls: type[st.SendTimescalesError], code: str
) -> None:
    assert cls.code == code
    assert code in ERROR_CODES
    error = cls("Something is wrong.")
    assert error.code == code
    assert str(error) == error.message == "Something is wrong."
    assert (error.event_index, error.field, error.value) == (None, None, None)
    assert error.errors() == [
        {"type": code, "loc": (), "msg": "Something is wrong.", "input": None}
    ]


def test_the_keyword_names_the_engine_uses() -> None:
    error = st.ContradictoryEventsError(
        "event 3 (mediation_held on 2025-01-01) comes before ...",
        code="events_contradictory",
        event_index=3,
        field="on",
        value="2025-01-01",
    )
    assert (error.code, error.event_index, error.field, error.value) == (
        "events_contradictory",
        3,
        "on",
        "'2025-01-01'",
    )
    assert error.errors()[0]["loc"] == ("events", 3, "on")
    out_of_range = st.DateOutOfRangeError(
        "too early", event_index=0, field="actions.1.agreed_date", value=date(2014, 1, 1)
    )
    assert out_of_range.code == "date_out_of_range"
    assert out_of_range.value == "datetime.date(2014, 1, 1)"
    assert out_of_range.errors()[0]["loc"] == ("events", 0, "actions", 1, "agreed_date")


def test_a_value_of_none_is_kept_apart_from_no_value() -> None:
    assert st.EventError("m", field="on", value=None).value == "None"
    assert st.EventError("m", field="on").value is None


def test_an_explicit_code_wins_over_the_class_default() -> None:
    assert st.EventError("m", code="too_many_events").code == "too_many_events"
    assert st.EventError.code == "event_invalid"  # the class default is untouched


def test_problems_give_one_entry_each_and_the_shared_code() -> None:
    error = st.EventError(
        "two problems",
        problems=[
            {"code": "field_unknown", "message": "a", "event_index": 0, "field": "x", "value": 1},
            {"code": "field_unknown", "message": "b", "event_index": 2, "field": "y"},
        ],
    )
    assert error.code == "field_unknown"
    assert (error.event_index, error.field, error.value) == (0, "x", "1")
    assert error.errors() == [
        {"type": "field_unknown", "loc": ("events", 0, "x"), "msg": "a", "input": "1"},
        {"type": "field_unknown", "loc": ("events", 2, "y"), "msg": "b", "input": None},
    ]
    mixed = st.EventError(
        "m", problems=[{"code": "field_unknown", "message": "a"}, {"code": "field_missing"}]
    )
    assert mixed.code == "event_invalid"
    assert mixed.errors()[1] == {"type": "field_missing", "loc": (), "msg": "m", "input": None}


def test_a_problem_may_give_its_own_location() -> None:
    error = st.InputError(
        "bad as_of", problems=[{"code": "date_not_iso", "loc": ("query", "as_of"), "value": "x"}]
    )
    assert error.errors() == [
        {"type": "date_not_iso", "loc": ("query", "as_of"), "msg": "bad as_of", "input": "'x'"}
    ]


def test_a_problem_with_an_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="colour"):
        st.EventError("m", problems=[{"colour": "red"}])


def test_errors_returns_copies() -> None:
    error = st.EventError("m", problems=[{"message": "a"}])
    error.errors()[0]["msg"] = "changed"
    assert error.errors()[0]["msg"] == "a"


def test_values_are_short_and_safe() -> None:
    huge = "x" * 100_000
    assert len(short_repr(huge)) <= VALUE_LIMIT
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    assert len(short_repr(deep)) <= VALUE_LIMIT  # repr() itself would raise RecursionError
    error = st.EventError("m", value=huge)
    assert error.value is not None
    assert len(error.value) <= VALUE_LIMIT


# ------------------------------------------------------------------------- from real input


def test_three_bad_events_give_three_entries() -> None:
    error = caught(
        st.parse_events,
        [
            NOTICE,
            {"type": "teleported", "on": "2025-10-02"},
            {"type": "adviser_contacted", "on": "2025-10-03", "wants_mediation": "perhaps"},
            {"type": "health_notified", "on": "2025-10-04", "colour": "red"},
        ],
    )
    assert isinstance(error, st.EventError)
    assert error.code == "event_invalid"  # problems of several kinds
    assert (error.event_index, error.field, error.value) == (1, "type", "'teleported'")
    entries = error.errors()
    assert [(e["type"], e["loc"], e["input"]) for e in entries] == [
        ("event_type_unknown", ("events", 1, "type"), "'teleported'"),
        ("event_invalid", ("events", 2, "wants_mediation"), "'perhaps'"),
        ("field_unknown", ("events", 3, "colour"), "'red'"),
    ]
    assert str(error) == "; ".join(e["msg"] for e in entries)
    assert entries[0]["msg"].startswith("event 1 (teleported): unknown event type 'teleported'")


@pytest.mark.parametrize(
    ("events", "code", "index", "field"),
    [
        ([{**NOTICE, "on": "2025-10-01T09:00:00"}], "date_not_iso", 0, "on"),
        ([{**NOTICE, "on": "01/10/2025"}], "date_not_iso", 0, "on"),
        ([{**NOTICE, "on": "2025-02-30"}], "date_not_iso", 0, "on"),
        ([{**NOTICE, "on": 20251001}], "date_not_iso", 0, "on"),
        ([{**NOTICE, "letter_dated": "2025-9-30"}], "date_not_iso", 0, "letter_dated"),
        ([{"type": "decision_notice", "on": "2025-10-01"}], "field_missing", 0, "decision"),
        ([NOTICE, {"on": "2025-10-01"}], "event_type_missing", 1, "type"),
        ([NOTICE, 5], "event_not_object", 1, None),
        ([{**NOTICE, "decision": "refuse_everything"}], "event_invalid", 0, "decision"),
        (
            [
                NOTICE,
                {
                    "type": "mediation_agreement",
                    "on": "2025-11-01",
                    "actions": [{"what": "x", "agreed_date": "soon"}],
                },
            ],
            "date_not_iso",
            1,
            "actions.0.agreed_date",
        ),
        ('[{"type": "health_notified", "on": "2025-10-01"', "json_invalid", None, None),
        ("[" * 10_000, "too_deep", None, None),
        ('{"case_id": "A", "events": []}', "events_not_list", None, None),
        (None, "events_not_list", None, None),
    ],
)
def test_each_kind_of_problem_has_its_code(
    events: Any, code: str, index: int | None, field: str | None
) -> None:
    error = caught(st.evaluate, events, as_of=AS_OF)
    assert isinstance(error, st.EventError)
    assert (error.code, error.event_index, error.field) == (code, index, field)
    assert all(entry["type"] in ERROR_CODES for entry in error.errors())


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    # json.loads raises RecursionError on such text; it must never escape.
    for text in ("[" * 100_000, '{"case_id": "A", "events": ' + "[" * 100_000):
        assert caught(st.parse_events, text).code == "too_deep"
        assert caught(st.parse_case, text).code == "too_deep"


def test_long_values_are_cut_short_in_messages_too() -> None:
    error = caught(st.parse_events, [{**NOTICE, "decision": "x" * 50_000}])
    assert len(str(error)) < 1_000
    assert error.value is not None
    assert len(error.value) <= VALUE_LIMIT


@pytest.mark.parametrize(
    ("case", "codes"),
    [
        ({"case_id": 7, "events": []}, [("case_invalid", ("case_id",))]),
        ({"case_id": "A"}, [("field_missing", ("events",))]),
        ({"events": [], "colour": "red"}, [("field_unknown", ("colour",))]),
        ({"events": 5}, [("events_not_list", ("events",))]),
        ([], [("case_invalid", ())]),
        ("{", [("json_invalid", ())]),
        (
            {"case_id": "A", "events": [NOTICE, {"type": "nope", "on": "2025-10-02"}]},
            [("event_type_unknown", ("events", 1, "type"))],
        ),
    ],
)
def test_case_files_are_located_too(case: Any, codes: list[tuple[str, tuple[Any, ...]]]) -> None:
    error = caught(st.parse_case, case)
    assert [(e["type"], e["loc"]) for e in error.errors()] == codes
    assert error.code == codes[0][0]


def test_engine_errors_carry_their_class_code() -> None:
    early = caught(st.evaluate, [{**NOTICE, "on": "2014-08-01"}], as_of=AS_OF)
    assert isinstance(early, st.DateOutOfRangeError)
    assert early.code == "date_out_of_range"
    contradiction = caught(
        st.evaluate, [{"type": "mediation_held", "on": "2025-01-01", "agreement": "none"}]
    )
    assert contradiction.code == "events_contradictory"
    assert (contradiction.event_index, contradiction.field) == (0, "on")
    assert (early.event_index, early.field, early.value) == (0, "on", "'2014-08-01'")
    # as_of takes an ISO string, as event dates do; anything else is an input error
    assert caught(st.evaluate, [NOTICE], as_of=20251201).code == "input_error"
    assert caught(st.evaluate, [NOTICE], as_of="1 Dec 2025").code == "date_not_iso"


def test_an_order_sent_before_it_was_made_names_the_field_sent_on() -> None:
    order = {
        "type": "tribunal_order",
        "on": "2025-03-10",
        "order": "remit",
        "sent_on": "2025-03-07",
    }
    error = caught(st.evaluate, [order], as_of="2025-04-01")
    assert isinstance(error, st.EventError)
    assert (error.event_index, error.field) == (0, "sent_on")
    assert "2025-03-07" in str(error.value)
    assert "before 'on'" in error.message


@pytest.mark.parametrize(
    ("events", "index", "rule"),
    [
        # 2 months after 20 December 2100 is 20 February 2101, past the calendar's last day
        # (31 December 2100): the appeal's HESC r.12 roll-forward needs the calendar there.
        (
            [{"type": "decision_notice", "on": "2100-12-20", "decision": "refuse_assessment"}],
            0,
            "appeal.register",
        ),
        # 11 weeks after 20 November 2100 is 5 February 2101 (reg 44(2)(e)).
        (
            [
                {"type": "child_born", "on": "2090-01-01"},
                {"type": "tribunal_order", "on": "2100-11-20", "order": "make_plan"},
            ],
            1,
            "tribunal.order.make_plan.final",
        ),
    ],
)
def test_a_limit_past_the_calendar_names_the_event_that_starts_it(
    events: list[dict[str, Any]], index: int, rule: str
) -> None:
    error = caught(st.evaluate, events, as_of="2100-12-31")
    assert isinstance(error, st.DateOutOfRangeError)
    assert (error.event_index, error.field) == (index, "on")
    assert events[index]["on"] in str(error.value)
    assert f"event {index} (" in error.message
    assert rule in error.message
    assert "2100-12-31" in error.message


# ------------------------------------------------------------------------- pickling


def _examples() -> list[st.SendTimescalesError]:
    return [
        st.EventError("plain"),
        st.ContradictoryEventsError("m", event_index=3, field="on", value="2025-01-01"),
        caught(st.parse_events, [NOTICE, {"type": "nope", "on": "x"}, 5]),
        caught(st.parse_case, {"case_id": 7, "events": 5}),
        st.RuleSetError("bad rules", code="rule_set_invalid"),
    ]


@pytest.mark.parametrize("error", _examples(), ids=lambda e: type(e).__name__)
def test_a_pickled_error_keeps_everything(error: st.SendTimescalesError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert str(again) == str(error)
    assert (again.code, again.event_index, again.field, again.value, again.message) == (
        error.code,
        error.event_index,
        error.field,
        error.value,
        error.message,
    )
    assert again.errors() == error.errors()


def test_an_error_crosses_a_process_boundary() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(st.parse_events, [NOTICE, {"type": "nope", "on": "2025-10-02"}])
        error = future.exception(timeout=60)
    assert isinstance(error, st.EventError)
    assert error.code == "event_type_unknown"
    assert error.errors()[0]["loc"] == ("events", 1, "type")
