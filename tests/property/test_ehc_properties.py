"""Properties of the EHC process clocks: requests and plans do not move each other's deadlines,
and a long case (40 events over 5 years) gives the same report whatever order its events come in.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st_

import send_timescales as st

start_days = st_.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31))
BODIES = ["educational", "medical", "psychological", "social_care", "other"]
REQUEST_RULES = ("assessment.", "plan.decision_not_to_issue", "plan.final")
PLAN_RULES = ("review.", "amendment.")


def dated(report: st.Report, prefixes: tuple[str, ...]) -> list[tuple[Any, ...]]:
    return sorted(
        (d.rule_id, d.subject or "", d.trigger_on, d.due or date.min, d.status)
        for d in report.deadlines
        if d.rule_id.startswith(prefixes)
    )


@st_.composite
def requests(draw: st_.DrawFn) -> tuple[list[dict[str, Any]], date]:
    """A request for an assessment and what follows it (no final plan: the plan comes apart)."""
    day = draw(start_days)
    events: list[dict[str, Any]] = [{"type": "assessment_requested", "on": day}]
    if draw(st_.booleans()):
        events.append(
            {"type": "assessment_agreed", "on": day + timedelta(draw(st_.integers(0, 60)))}
        )
    for body in draw(st_.lists(st_.sampled_from(BODIES), unique=True, max_size=3)):
        asked = day + timedelta(draw(st_.integers(0, 60)))
        events.append({"type": "advice_requested", "on": asked, "body": body})
        if draw(st_.booleans()):
            events.append(
                {
                    "type": "advice_received",
                    "on": asked + timedelta(draw(st_.integers(0, 70))),
                    "body": body,
                }
            )
    if draw(st_.booleans()):
        events.append(
            {"type": "draft_plan_issued", "on": day + timedelta(draw(st_.integers(60, 130)))}
        )
    return events, day + timedelta(draw(st_.integers(0, 200)))


@st_.composite
def plan_events(draw: st_.DrawFn, after: date) -> list[dict[str, Any]]:
    """Reviews, decisions, amendments and a transfer of a plan made before ``after``."""
    events: list[dict[str, Any]] = []
    day = after
    for _ in range(draw(st_.integers(1, 3))):
        day += timedelta(draw(st_.integers(200, 380)))
        events.append({"type": "review_meeting_held", "on": day})
        if draw(st_.booleans()):
            events.append(
                {
                    "type": "review_decision",
                    "on": day + timedelta(draw(st_.integers(0, 40))),
                    "outcome": draw(st_.sampled_from(["maintain", "amend"])),
                }
            )
        if draw(st_.booleans()):
            events.append(
                {"type": "amendment_notice_sent", "on": day + timedelta(draw(st_.integers(5, 40)))}
            )
    if draw(st_.booleans()):
        events.append(
            {
                "type": "phase_transfer_planned",
                "on": after + timedelta(30),
                "transfer_on": date(after.year + 2, 9, 1),
                "kind": draw(st_.sampled_from(["other", "to_post16", "post16_to_post16"])),
            }
        )
    return events


@given(requests(), st_.data())
def test_a_plans_reviews_never_move_a_requests_clocks(
    case: tuple[list[dict[str, Any]], date], data: st_.DataObject
) -> None:
    events, as_of = case
    # a plan made a year before the request (a re-request for a child who already has one would
    # be a re-assessment; here only the plan's own events are added, dated after the request)
    reviews = data.draw(plan_events(events[0]["on"]))
    horizon = max(as_of, *(e["on"] for e in reviews))
    alone = st.evaluate(events, as_of=horizon)
    together = st.evaluate(events + reviews, as_of=horizon)
    assert dated(alone, REQUEST_RULES) == dated(together, REQUEST_RULES)


@given(requests(), start_days, st_.data())
def test_a_requests_events_never_move_a_plans_clocks(
    case: tuple[list[dict[str, Any]], date], made: date, data: st_.DataObject
) -> None:
    request, _ = case
    plan = [
        {"type": "decision_notice", "on": made, "decision": "plan_finalised"},
        *data.draw(plan_events(made)),
    ]
    request_only = [e for e in request if e["type"] != "draft_plan_issued"]
    horizon = max(e["on"] for e in plan + request_only)
    alone = st.evaluate(plan, as_of=horizon)
    together = st.evaluate(plan + request_only, as_of=horizon)
    assert dated(alone, PLAN_RULES) == dated(together, PLAN_RULES)


@st_.composite
def five_years(draw: st_.DrawFn) -> tuple[list[dict[str, Any]], date]:
    """About 40 events over 5 years: request, plan, reviews, a dispute, an order, more reviews."""
    day = draw(st_.dates(min_value=date(2015, 1, 1), max_value=date(2021, 12, 31)))
    gap = st_.integers(1, 45)

    def later(days: int | None = None) -> date:
        nonlocal day
        day += timedelta(days if days is not None else draw(gap))
        return day

    events: list[dict[str, Any]] = [
        {"type": "child_born", "on": day - timedelta(days=3000)},
        {"type": "assessment_requested", "on": day},
        {"type": "assessment_agreed", "on": later()},
    ]
    for body in BODIES[:3]:
        events.append({"type": "advice_requested", "on": day, "body": body})
    for body in BODIES[:3]:
        events.append({"type": "advice_received", "on": later(), "body": body})
    events += [
        {"type": "draft_plan_issued", "on": later()},
        {
            "type": "decision_notice",
            "on": later(20),
            "decision": "plan_finalised",
            "disputed": ["provision"],
        },
        {"type": "adviser_contacted", "on": later(), "wants_mediation": True},
        {"type": "mediation_requested", "on": later(), "issues": ["education"]},
        {"type": "mediation_held", "on": later(), "agreement": "none"},
        {"type": "certificate_issued", "on": later(3), "reason": "after_mediation"},
        {"type": "appeal_registered", "on": later()},
        {"type": "tribunal_order", "on": later(120), "order": "amend"},
        {"type": "decision_notice", "on": later(), "decision": "plan_amended"},
    ]
    for _ in range(4):
        meeting = later(draw(st_.integers(250, 360)))
        events += [
            {
                "type": "review_meeting_held",
                "on": meeting,
                "notice_sent_on": meeting - timedelta(draw(st_.integers(7, 21))),
                "report_sent_on": meeting + timedelta(draw(st_.integers(5, 20))),
            },
            {"type": "review_decision", "on": later(), "outcome": "amend"},
            {"type": "amendment_notice_sent", "on": later(2)},
            {"type": "decision_notice", "on": later(), "decision": "plan_amended"},
        ]
    events.append(
        {
            "type": "exception_applied",
            "on": later(),
            "to": later(30),
            "reason": draw(st_.sampled_from(["personal_circumstances", "absence"])),
        }
    )
    return events, later()


@settings(max_examples=40)
@given(five_years(), st_.randoms(use_true_random=False))
def test_a_five_year_case_is_order_independent(
    case: tuple[list[dict[str, Any]], date], rnd: Any
) -> None:
    events, as_of = case
    assert len(events) >= 35
    shuffled = list(events)
    rnd.shuffle(shuffled)
    report = st.evaluate(events, as_of=as_of)
    assert report == st.evaluate(shuffled, as_of=as_of)
    assert report.measures
    assert report.measures[0].outcome == "plan_issued"
    assert len([d for d in report.deadlines if d.rule_id == "review.annual"]) >= 4
