"""A result cannot be built without its rule id and at least one citation (DESIGN principle 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from send_timescales import Deadline, Duty, Finding, Reason
from send_timescales.citations import SEND_REGS

CITED = (SEND_REGS.cite("33", "verified"),)
MODELS: list[tuple[Any, dict[str, Any]]] = [
    (Duty, {"rule_id": "a.b", "summary": "s", "duty_holder": "la", "applies_because": "x"}),
    (Finding, {"code": "c", "severity": "info", "message": "m", "rule_id": "a.b"}),
    (Reason, {"rule_id": "a.b", "question": "party", "answer": "x", "text": "t"}),
    (
        Deadline,
        {
            "rule_id": "a.b",
            "summary": "s",
            "due": None,
            "status": "disapplied",
            "duty_holder": "la",
            "explanation": (),
            "trigger": "t",
            "trigger_on": date(2025, 1, 1),
        },
    ),
]


@pytest.mark.parametrize(("model", "fields"), MODELS, ids=[m.__name__ for m, _ in MODELS])
def test_results_need_a_rule_id_and_a_citation(model: Any, fields: dict[str, Any]) -> None:
    assert model(**fields, citations=CITED).rule_id == "a.b"
    with pytest.raises(ValidationError):
        model(**fields)
    with pytest.raises(ValidationError):
        model(**fields, citations=())
    with pytest.raises(ValidationError):
        model(**{**fields, "rule_id": ""}, citations=CITED)


def test_results_are_frozen() -> None:
    duty = Duty(**MODELS[0][1], citations=CITED)
    with pytest.raises(ValidationError):
        duty.summary = "changed"


def test_engine_built_results_are_whole_and_independent() -> None:
    # The engine builds results without validating them again (results.trusted): each has every
    # field set, round-trips through validation, and a copy with changes leaves the others be.
    from send_timescales import evaluate

    report = evaluate(
        [{"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}],
        as_of="2025-10-02",
    )
    first, second = report.deadlines[0], report.deadlines[1]
    assert first.model_fields_set == set(Deadline.model_fields)
    assert type(report).model_validate(report.model_dump()) == report
    changed = first.model_copy(update={"summary": "changed"})
    assert changed.summary == "changed"
    assert first.summary != "changed"
    assert second.model_fields_set == set(Deadline.model_fields)
    assert report.model_dump_json(exclude_unset=True) == report.model_dump_json()
