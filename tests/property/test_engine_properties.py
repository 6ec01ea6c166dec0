"""Properties of evaluate(): monotone deadlines, order independence, JSON round trips, citations."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any, get_args

from hypothesis import given
from hypothesis import strategies as st_

import send_timescales as st
from send_timescales.events import DecisionKind

DECISIONS = get_args(DecisionKind)  # every kind the model accepts, so a new one is drawn too
start_days = st_.dates(min_value=date(2014, 9, 1), max_value=date(2030, 12, 31))
gaps = st_.integers(min_value=0, max_value=70)


@st_.composite
def cases(draw: st_.DrawFn) -> tuple[list[dict[str, Any]], date]:
    """A plausible mediation case: each step some days after the one before."""
    day = draw(start_days)
    decision = draw(st_.sampled_from(DECISIONS))
    disputed = draw(
        st_.none()
        | st_.lists(
            st_.sampled_from(
                ["needs", "provision", "placement", "no_placement", "health", "social_care"]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    events: list[dict[str, Any]] = [
        {
            "type": "decision_notice",
            "on": day.isoformat(),
            "decision": decision,
            "disputed": disputed,
        }
    ]
    if draw(st_.booleans()):
        events.append(
            {
                "type": "child_born",
                "on": (day - timedelta(days=draw(st_.integers(3000, 9000)))).isoformat(),
            }
        )

    def step() -> str:
        nonlocal day
        day += timedelta(days=draw(gaps))
        return day.isoformat()

    wants = draw(st_.booleans())
    if draw(st_.booleans()):
        events.append({"type": "adviser_contacted", "on": step(), "wants_mediation": wants})
        if not wants:
            events.append({"type": "certificate_issued", "on": step(), "reason": "declined"})
        else:
            issues = draw(
                st_.none()
                | st_.lists(
                    st_.sampled_from(["education", "health", "social_care"]),
                    min_size=1,
                    unique=True,
                )
            )
            events.append({"type": "mediation_requested", "on": step(), "issues": issues})
            if issues and "health" in issues and draw(st_.booleans()):
                events.append({"type": "health_notified", "on": step()})
            if draw(st_.booleans()):
                events.append({"type": "mediation_held", "on": step(), "agreement": "none"})
                events.append(
                    {"type": "certificate_issued", "on": step(), "reason": "after_mediation"}
                )
    if draw(st_.booleans()):
        events.append({"type": "appeal_registered", "on": step()})
    as_of = day + timedelta(days=draw(st_.integers(0, 400)))
    return events, as_of


@given(cases(), st_.randoms(use_true_random=False))
def test_order_of_events_does_not_matter(case: tuple[list[dict[str, Any]], date], rnd: Any) -> None:
    events, as_of = case
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert st.evaluate(events, as_of=as_of) == st.evaluate(shuffled, as_of=as_of)


@given(cases())
def test_evaluate_is_deterministic_and_round_trips_through_json(
    case: tuple[list[dict[str, Any]], date],
) -> None:
    events, as_of = case
    report = st.evaluate(events, as_of=as_of)
    assert report == st.evaluate(events, as_of=as_of)
    assert st.Report.model_validate_json(report.model_dump_json()) == report
    assert json.loads(json.dumps(report.model_dump(mode="json"))) == report.model_dump(mode="json")
    parsed = st.parse_events(events)
    again = st.parse_events(json.dumps([e.model_dump(mode="json") for e in parsed]))
    assert again == parsed


@given(cases())
def test_every_result_is_cited(case: tuple[list[dict[str, Any]], date]) -> None:
    events, as_of = case
    report = st.evaluate(events, as_of=as_of)
    items: list[Any] = [
        *report.deadlines,
        *report.duties,
        *report.findings,
        *report.eligibility.reasons,
    ]
    for item in items:
        assert item.rule_id
        assert item.citations
        assert all(c.confidence in ("verified", "secondary") for c in item.citations)
    for d in report.deadlines:
        assert d.explanation
        assert (d.due is None) == (d.status == "disapplied")
        if (
            d.due is not None
            and d.duty_holder != "parent_or_young_person"
            and d.rule_id.startswith("mediation.certificate")
        ):
            assert st.WorkingDayCalendar.england_and_wales().is_working_day(d.due)
    dues = [d.due for d in report.deadlines if d.due is not None]
    assert dues == sorted(dues)


@given(start_days, gaps)
def test_deadlines_are_monotone_in_their_trigger(day: date, shift: int) -> None:
    later = day + timedelta(days=shift)
    for decision in ("refuse_assessment", "plan_finalised"):
        a = st.evaluate([{"type": "decision_notice", "on": day, "decision": decision}], as_of=day)
        b = st.evaluate(
            [{"type": "decision_notice", "on": later, "decision": decision}], as_of=later
        )
        for rule_id in ("appeal.register", "mediation.adviser_contact"):
            da, db = a.deadline(rule_id), b.deadline(rule_id)
            assert da is not None
            assert db is not None
            assert da.due is not None
            assert db.due is not None
            assert da.due <= db.due


@given(start_days, st_.integers(0, 120), st_.integers(0, 120))
def test_a_later_certificate_never_makes_the_appeal_earlier(
    day: date, first: int, extra: int
) -> None:
    def appeal_due(certificate_gap: int | None) -> date:
        events: list[dict[str, Any]] = [
            {"type": "decision_notice", "on": day, "decision": "refuse_assessment"},
            {"type": "adviser_contacted", "on": day, "wants_mediation": False},
        ]
        if certificate_gap is not None:
            events.append(
                {
                    "type": "certificate_issued",
                    "on": day + timedelta(days=certificate_gap),
                    "reason": "declined",
                }
            )
        d = st.evaluate(events, as_of=day).deadline("appeal.register")
        assert d is not None
        assert d.due is not None
        return d.due

    without = appeal_due(None)
    sooner = appeal_due(first)
    later = appeal_due(first + extra)
    assert without <= sooner <= later


@given(start_days, st_.integers(0, 58))
def test_working_day_certificate_deadlines_are_working_days(day: date, gap: int) -> None:
    # Within 2 months of the notice (58 days always are): a later contact bars the certificate
    # (reg 34(2)), so there is no date to check.
    contact = day + timedelta(days=gap)
    report = st.evaluate(
        [
            {"type": "decision_notice", "on": day, "decision": "cease_plan"},
            {"type": "adviser_contacted", "on": contact, "wants_mediation": False},
        ],
        as_of=contact,
    )
    d = report.deadline("mediation.certificate.declined")
    assert d is not None
    assert d.due is not None
    cal = st.WorkingDayCalendar.england_and_wales()
    assert cal.is_working_day(d.due)
    assert cal.count_working_days(contact, d.due) == 3
