"""Properties of processes and episodes: strands of a case do not leak into each other.

Orders and concessions (reg 44, reg 45) and disputes (a decision, mediation, appeal) are separate
processes; events of one never move another's deadlines. An exception whose circumstance does not
touch a limit's running period never changes it. Results do not depend on the order of events.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, get_args

from hypothesis import example, given
from hypothesis import strategies as st_

import send_timescales as st
from send_timescales.events import ConcessionKind, ExceptionReason, OrderKind

ORDERS = list(get_args(OrderKind))
CONCESSIONS = list(get_args(ConcessionKind))
REASONS = list(get_args(ExceptionReason))
start_days = st_.dates(min_value=date(2014, 9, 1), max_value=date(2029, 12, 31))
COMPLIANCE: tuple[tuple[str, dict[str, str]], ...] = (
    ("assessment_agreed", {}),
    ("draft_plan_issued", {}),
    ("plan_ceased", {}),
    ("decision_notice", {"decision": "plan_finalised"}),
    ("decision_notice", {"decision": "refuse_plan"}),
    ("decision_notice", {"decision": "plan_amended"}),
)


@st_.composite
def order_cases(draw: st_.DrawFn) -> tuple[list[dict[str, Any]], date, date]:
    """An order or a concession, some compliance events after it, and an as_of."""
    day = draw(start_days)
    if draw(st_.booleans()):
        opener: dict[str, Any] = {
            "type": "tribunal_order",
            "on": day,
            "order": draw(st_.sampled_from(ORDERS)),
        }
    else:
        opener = {
            "type": "appeal_conceded",
            "on": day,
            "concession": draw(st_.sampled_from(CONCESSIONS)),
            "amend": draw(st_.booleans()),
        }
    events = [opener]
    for kind, fields in draw(st_.lists(st_.sampled_from(COMPLIANCE), max_size=4)):
        gap = draw(st_.integers(0, 120))
        events.append({"type": kind, "on": day + timedelta(days=gap), **fields})
    as_of = day + timedelta(days=draw(st_.integers(0, 200)))
    return events, day, as_of


def dated(report: st.Report, prefix: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d.rule_id,
            d.subject or "",
            d.trigger_on,
            d.due or date.min,
            d.status,
            d.done_on or date.min,
        )
        for d in report.deadlines
        if d.rule_id.startswith(prefix)
    )


ORDER_RULES = ("tribunal.", "unopposed.")
DISPUTE_RULES = ("mediation.", "appeal.")


@given(order_cases(), st_.integers(1, 400), st_.booleans())
def test_an_earlier_dispute_never_moves_an_orders_deadlines(
    case: tuple[list[dict[str, Any]], date, date], back: int, mediated: bool
) -> None:
    events, day, as_of = case
    before = day - timedelta(days=back)
    if before < date(2014, 9, 1):
        return
    dispute: list[dict[str, Any]] = [
        {"type": "decision_notice", "on": before, "decision": "refuse_assessment"}
    ]
    if mediated:
        dispute += [
            {"type": "adviser_contacted", "on": before, "wants_mediation": True},
            {"type": "mediation_requested", "on": before, "issues": ["education"]},
        ]
    alone = st.evaluate(events, as_of=as_of)
    together = st.evaluate(events + dispute, as_of=as_of)
    assert dated(alone, ORDER_RULES) == dated(together, ORDER_RULES)


@given(order_cases(), start_days, st_.integers(0, 70))
def test_an_order_never_moves_a_disputes_deadlines(
    case: tuple[list[dict[str, Any]], date, date], decided: date, gap: int
) -> None:
    events, _, order_as_of = case
    orders = [e for e in events if e["type"] != "decision_notice"]
    dispute = [
        {"type": "decision_notice", "on": decided, "decision": "refuse_plan"},
        {
            "type": "adviser_contacted",
            "on": decided + timedelta(days=gap),
            "wants_mediation": False,
        },
    ]
    as_of = max(order_as_of, decided + timedelta(days=gap))
    alone = st.evaluate(dispute, as_of=as_of)
    together = st.evaluate(dispute + orders, as_of=as_of)
    assert dated(alone, DISPUTE_RULES) == dated(together, DISPUTE_RULES)


@given(order_cases(), st_.sampled_from(REASONS), st_.integers(8, 300), st_.integers(0, 60))
@example(
    ([{"type": "tribunal_order", "on": date(2025, 3, 5), "order": "make_plan"}],
     date(2025, 3, 5), date(2025, 4, 20)),
    "school_closure", 8, 40,
)  # fmt: skip
def test_an_exception_that_ends_before_the_running_period_changes_nothing(
    case: tuple[list[dict[str, Any]], date, date], reason: str, back: int, length: int
) -> None:
    events, day, as_of = case
    # A closure counts from one week before it: ending 8 days before the trigger, its counted
    # span ends a week earlier still; any other circumstance ends before the period starts.
    to = day - timedelta(days=back)
    on = to - timedelta(days=length)
    if on < date(2014, 9, 1):
        return
    exception = {"type": "exception_applied", "on": on, "to": to, "reason": reason}
    plain = st.evaluate(events, as_of=as_of)
    excepted = st.evaluate([*events, exception], as_of=as_of)
    assert dated(plain, ORDER_RULES) == dated(excepted, ORDER_RULES)
    assert "exception_not_applied" in {f.code for f in excepted.findings}


@given(
    order_cases(),
    st_.sampled_from(REASONS),
    st_.integers(0, 60),
    st_.randoms(use_true_random=False),
)
def test_mixed_cases_are_order_independent(
    case: tuple[list[dict[str, Any]], date, date], reason: str, length: int, rnd: Any
) -> None:
    events, day, as_of = case
    mixed = [
        *events,
        {"type": "decision_notice", "on": day, "decision": "refuse_assessment"},
        {
            "type": "exception_applied",
            "on": day,
            "to": day + timedelta(days=length),
            "reason": reason,
        },
    ]
    shuffled = list(mixed)
    rnd.shuffle(shuffled)
    assert st.evaluate(mixed, as_of=as_of) == st.evaluate(shuffled, as_of=as_of)


@given(start_days, st_.sampled_from(["assess", "reassess"]), st_.integers(0, 200))
def test_the_assessment_limbs_are_alternatives(day: date, order: str, outcome_gap: int) -> None:
    """Once an outcome is known, exactly one of the 10- and 14-week limbs still has a date."""
    for decision in ("plan_finalised", "refuse_plan"):
        report = st.evaluate(
            [
                {"type": "tribunal_order", "on": day, "order": order},
                {
                    "type": "decision_notice",
                    "on": day + timedelta(days=outcome_gap),
                    "decision": decision,
                },
            ],
            as_of=day + timedelta(days=outcome_gap),
        )
        no_plan = report.deadline("tribunal.order.assess.no_plan")
        final = report.deadline("tribunal.order.assess.final_plan")
        assert no_plan is not None
        assert final is not None
        dated_limbs = [d for d in (no_plan, final) if d.status != "disapplied"]
        assert len(dated_limbs) == 1
        assert dated_limbs[0] is (final if decision == "plan_finalised" else no_plan)
