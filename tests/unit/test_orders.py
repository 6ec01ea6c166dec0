"""Tribunal orders (reg 44) and unopposed appeals (reg 45): the undated duties, the checks, and
the conditions that pick each rule. Dates are worked by hand: weeks are 7N days from the order
or the LA's notice to the Tribunal (C1), never moved (C7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import send_timescales as st


def report(*events: dict[str, Any], as_of: str = "2025-12-31") -> st.Report:
    return st.evaluate(list(events), as_of=as_of)


def order(kind: str, on: str = "2025-03-03", **extra: Any) -> dict[str, Any]:
    return {"type": "tribunal_order", "on": on, "order": kind, **extra}


def conceded(kind: str, on: str = "2025-03-03", **extra: Any) -> dict[str, Any]:
    return {"type": "appeal_conceded", "on": on, "concession": kind, **extra}


def codes(r: st.Report) -> list[str]:
    return [f.code for f in r.findings]


@pytest.mark.parametrize("kind", ["continue_plan", "continue_and_amend"])
def test_an_order_to_continue_the_plan_is_an_undated_duty(kind: str) -> None:
    r = report(order(kind))
    [duty] = [d for d in r.duties if d.rule_id == "tribunal.order.continue"]
    assert duty.duty_holder == "la"
    assert "Monday 3 March 2025" in duty.applies_because
    assert [c.provision for c in duty.citations] == ["reg 44(2)(g)"]
    # reg 44(2)(g) has no time limit: no deadline for continuing
    assert not [d for d in r.deadlines if d.rule_id == "tribunal.order.continue"]


@pytest.mark.parametrize("kind", ["amend", "amend_placement", "remit", "make_plan", "assess"])
def test_other_orders_carry_no_duty_to_continue(kind: str) -> None:
    assert not [d for d in report(order(kind)).duties if d.rule_id == "tribunal.order.continue"]


def test_continue_and_amend_is_five_weeks_from_the_order() -> None:
    # Mon 3 Mar 2025 + 35 days = Mon 7 Apr 2025
    d = report(order("continue_and_amend")).deadline("tribunal.order.continue_amend")
    assert d is not None
    assert (d.due, d.status) == (date(2025, 4, 7), "overdue")


def test_an_order_sent_later_gives_a_finding_naming_both_days() -> None:
    same = report(order("amend", sent_on="2025-03-03"))
    assert "order_sent_date_differs" not in codes(same)
    later = report(order("amend", sent_on="2025-03-07"))
    [finding] = [f for f in later.findings if f.code == "order_sent_date_differs"]
    assert finding.rule_id == "check.order_sent_date"
    assert finding.severity == "info"
    assert "made on Monday 3 March 2025 and sent on Friday 7 March 2025" in finding.message
    # the dates still count from the order being made: + 35 days = Mon 7 Apr 2025
    d = later.deadline("tribunal.order.amend")
    assert d is not None
    assert d.due == date(2025, 4, 7)


def test_a_conceded_cease_appeal_keeps_the_plan_from_23_march_2015() -> None:
    r = report(conceded("cease", on="2015-03-23"), as_of="2015-04-01")
    [duty] = [d for d in r.duties if d.rule_id == "unopposed.cease_conceded.continue"]
    assert "Monday 23 March 2015" in duty.applies_because
    assert [c.provision for c in duty.citations] == ["reg 45(6A)"]
    before = report(conceded("cease", on="2015-03-20"), as_of="2015-04-01")
    assert not [d for d in before.duties if d.rule_id == "unopposed.cease_conceded.continue"]
    other = report(conceded("amend", on="2015-03-23"), as_of="2015-04-01")
    assert not [d for d in other.duties if d.rule_id == "unopposed.cease_conceded.continue"]


def test_a_conceded_cease_appeal_with_an_agreed_amendment_has_five_weeks() -> None:
    # Mon 2 Jun 2025 + 35 days = Mon 7 Jul 2025 (reg 45(6A)); without the amendment: no limit
    amend = report(conceded("cease", on="2025-06-02", amend=True)).deadline(
        "unopposed.cease_conceded"
    )
    assert amend is not None
    assert amend.due == date(2025, 7, 7)
    plain = report(conceded("cease", on="2025-06-02")).deadline("unopposed.cease_conceded")
    assert plain is None


@pytest.mark.parametrize(
    ("amend", "due"),
    [(False, date(2025, 6, 16)), (True, date(2025, 7, 7))],
    ids=["school-only-2-weeks", "with-contents-5-weeks"],
)
def test_a_conceded_school_appeal_has_2_or_5_weeks(amend: bool, due: date) -> None:
    # Mon 2 Jun 2025: + 14 days = Mon 16 Jun (reg 45(5)(a)); + 35 days = Mon 7 Jul (reg 45(5)(b))
    d = report(conceded("amend_placement", on="2025-06-02", amend=amend)).deadline(
        "unopposed.amend_placement"
    )
    assert d is not None
    assert d.due == due


def test_a_plan_conceded_before_23_march_2015_has_no_known_period() -> None:
    r = report(conceded("make_plan", on="2015-03-20"), as_of="2015-04-01")
    [finding] = [f for f in r.findings if f.code == "unopposed_period_unknown"]
    assert finding.rule_id == "check.unopposed_as_made"
    assert finding.severity == "warning"
    assert "Friday 20 March 2015, before 23 March 2015" in finding.message
    assert [c.confidence for c in finding.citations] == ["secondary"]
    assert not [d for d in r.deadlines if d.rule_id.startswith("unopposed.make_plan")]


@pytest.mark.parametrize(
    ("kind", "on"),
    [("make_plan", "2015-03-23"), ("assess", "2015-03-20"), ("cease", "2015-03-20")],
    ids=["make-plan-after", "assess-before", "cease-before"],
)
def test_no_unknown_period_finding_otherwise(kind: str, on: str) -> None:
    assert "unopposed_period_unknown" not in codes(
        report(conceded(kind, on=on), as_of="2015-04-01")
    )


def test_a_plan_conceded_from_23_march_2015_has_5_and_11_weeks() -> None:
    # Mon 23 Mar 2015 + 35 days = Mon 27 Apr 2015; + 77 days = Mon 8 Jun 2015 (reg 45(6))
    r = report(conceded("make_plan", on="2015-03-23"), as_of="2015-04-01")
    draft = r.deadline("unopposed.make_plan.draft")
    final = r.deadline("unopposed.make_plan.final")
    assert draft is not None
    assert final is not None
    assert (draft.due, final.due) == (date(2015, 4, 27), date(2015, 6, 8))


@pytest.mark.parametrize(
    ("kind", "rule_ids"),
    [
        ("dismiss_cease_appeal", {"tribunal.order.cease"}),
        (
            "assess",
            {
                "tribunal.order.assess.notify",
                "tribunal.order.assess.no_plan",
                "tribunal.order.assess.final_plan",
            },
        ),
        (
            "reassess",
            {
                "tribunal.order.assess.notify",
                "tribunal.order.assess.no_plan",
                "tribunal.order.assess.final_plan",
            },
        ),
        ("make_plan", {"tribunal.order.make_plan.draft", "tribunal.order.make_plan.final"}),
        ("remit", {"tribunal.order.remit"}),
        ("amend", {"tribunal.order.amend"}),
        ("amend_placement", {"tribunal.order.amend_placement"}),
        ("continue_plan", set()),
        ("continue_and_amend", {"tribunal.order.continue_amend"}),
    ],
)
def test_each_order_gives_exactly_its_own_limits(kind: str, rule_ids: set[str]) -> None:
    assert {d.rule_id for d in report(order(kind)).deadlines} == rule_ids


@pytest.mark.parametrize(
    ("kind", "rule_ids"),
    [
        (
            "assess",
            {"unopposed.assess.notify", "unopposed.assess.no_plan", "unopposed.assess.final_plan"},
        ),
        (
            "reassess",
            {"unopposed.assess.notify", "unopposed.assess.no_plan", "unopposed.assess.final_plan"},
        ),
        ("make_plan", {"unopposed.make_plan.draft", "unopposed.make_plan.final"}),
        ("amend", {"unopposed.amend"}),
        ("amend_placement", {"unopposed.amend_placement"}),
        ("cease", set()),
    ],
)
def test_each_concession_gives_exactly_its_own_limits(kind: str, rule_ids: set[str]) -> None:
    assert {d.rule_id for d in report(conceded(kind)).deadlines} == rule_ids


@pytest.mark.parametrize(("advice", "disapplied"), [(False, False), (True, True)])
def test_an_as_made_closure_needs_the_schools_advice_request(
    advice: bool, disapplied: bool
) -> None:
    # reg 45(7)(c) as made imports reg 13(3) and 10(4)(a): the closure counts only where the LA
    # asked the school for advice between one week before it closed and one week before it
    # re-opened. Conceded Mon 2 Feb 2015 (before 23 March 2015): reg 45(3) as made, 4 weeks =
    # Mon 2 Mar 2015. Closed Mon 2 Feb to Tue 3 Mar 2015 (30 days); counted span Mon 26 Jan to
    # Wed 25 Feb 2015; advice asked of the school on Tue 3 Feb 2015, inside it.
    events = [
        conceded("assess", on="2015-02-02"),
        {
            "type": "exception_applied",
            "on": "2015-02-02",
            "to": "2015-03-03",
            "reason": "school_closure",
        },
    ]
    if advice:
        events.append({"type": "advice_requested", "on": "2015-02-03", "body": "educational"})
    d = report(*events, as_of="2015-03-31").deadline("unopposed.assess.carry_out")
    assert d is not None
    # a disapplied limit becomes "as soon as practicable": it has no due date
    assert (d.status, d.due) == (
        ("disapplied", None) if disapplied else ("overdue", date(2015, 3, 2))
    )
    assert ("exception_not_applied" in codes(report(*events, as_of="2015-03-31"))) is not disapplied
