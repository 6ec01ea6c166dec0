"""Tests that pin the rule engine's model (``rules/_model.py``) against mutation-test survivors.

What they pin: the "whichever is later / earlier" combinators of limbs (their due dates with and
without explanations, on the case's own calendar, and their words in the catalogue); how a
:class:`RuleSet` is validated (its error messages), ordered by ``needs`` (cycles, ranks, the
deadline ids by trigger) and queried (``pick``, ``in``, ``ids_of``, the plans); the windows of
rule versions; the roll-forward policy; how messages name events; and the finishing of a
deadline (statutory exceptions weighed, held-open findings, protected periods, the health body's
name). Expected dates are computed by hand from the law's words and the England and Wales
bank-holiday list (tests/data/bank-holidays-england-and-wales.json); the comments show the
working. See tests/unit/test_mutation_killers.py for the first such tests and docs/testing.md.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import send_timescales as st
from send_timescales.periods import Days, WorkingDays
from send_timescales.rules import (
    CheckRule,
    DeadlineRule,
    DutyRule,
    InForce,
    RuleSet,
    default_rules,
)
from send_timescales.rules._model import (
    AS_COMPUTED,
    REGIME_START,
    ROLL_FORWARD,
    Earlier,
    Later,
    Limb,
    MeasureRule,
)

Event = dict[str, Any]


def _deadline(report: st.Report, rule_id: str) -> st.Deadline:
    deadline = report.deadline(rule_id)
    assert deadline is not None, [d.rule_id for d in report.deadlines]
    return deadline


def _rule(rule_id: str) -> DeadlineRule:
    rule = default_rules().pick(rule_id, date(2025, 1, 1))
    assert isinstance(rule, DeadlineRule)
    return rule


def _plain(rule_id: str, **fields: Any) -> DeadlineRule:
    """A copy of ``mediation.arrange`` (30 days from a mediation request), renamed."""
    values: dict[str, Any] = {"needs": (), "applies": None, **fields}
    return replace(_rule("mediation.arrange"), id=rule_id, **values)


# ------------------------------------------------------ 1. "whichever is later": appeal.register

# HESC r.20(1)(c): 2 months after the notice of the decision was sent, or 1 month from the date
# of issue of the mediation certificate, if that is later; then r.12(3)(a) and r.12(2).
_NOTICE: Event = {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"}


@pytest.mark.parametrize("explain", [True, False])
def test_appeal_certificate_limb_decides_with_and_without_explanations(explain: bool) -> None:
    # Notice Friday 10 January 2025 + 2 months = Monday 10 March 2025. Certificate Wednesday
    # 5 March 2025 + 1 month = Saturday 5 April 2025; r.12(2): Monday 7 April 2025 (no bank
    # holiday: Easter 2025 is 18-21 April). The later limb decides: 7 April, not 10 March.
    events: list[Event] = [
        _NOTICE,
        {"type": "adviser_contacted", "on": "2025-02-10", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-03-05", "reason": "declined"},
    ]
    report = st.evaluate(events, as_of="2025-03-06", explain=explain)
    deadline = _deadline(report, "appeal.register")
    assert (deadline.due, deadline.status) == (date(2025, 4, 7), "pending")
    if explain:
        assert "The later of the two is Saturday 5 April 2025: the certificate limb decides." in (
            deadline.explanation
        )
    else:
        assert deadline.explanation == ()


@pytest.mark.parametrize("explain", [True, False])
def test_appeal_notice_limb_decides_when_the_certificate_came_early(explain: bool) -> None:
    # Certificate Wednesday 15 January 2025 + 1 month = Saturday 15 February 2025, earlier than
    # the notice limb (Monday 10 March 2025): 10 March stands. (The earlier of the two would be
    # 15 February, moved by r.12(2) to Monday 17 February.)
    events: list[Event] = [
        _NOTICE,
        {"type": "adviser_contacted", "on": "2025-01-13", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-01-15", "reason": "declined"},
    ]
    report = st.evaluate(events, as_of="2025-01-20", explain=explain)
    assert _deadline(report, "appeal.register").due == date(2025, 3, 10)


def test_appeal_without_certificate_counts_the_notice_limb_only_without_explanations() -> None:
    # No certificate: only the notice limb, Monday 10 March 2025.
    report = st.evaluate([_NOTICE], as_of="2025-01-20", explain=False)
    assert _deadline(report, "appeal.register").due == date(2025, 3, 10)


# ---------------------------------------------- 2. "whichever is earlier": amendment.final, Devon

# Reg 22(3): the amended plan within 8 weeks of sending the proposed amendments; after a review,
# R (L, M, P) v Devon CC [2022] EWHC 493 (Admin): never later than 12 weeks after its meeting.


@pytest.mark.parametrize("explain", [True, False])
def test_devon_cap_decides_with_and_without_explanations(explain: bool) -> None:
    # Meeting Monday 6 January 2025 + 84 days = Monday 31 March 2025; amendments sent Monday
    # 3 March 2025 + 56 days = Monday 28 April 2025. The earlier decides: 31 March.
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-01-06"},
        {"type": "amendment_notice_sent", "on": "2025-03-03"},
    ]
    report = st.evaluate(events, as_of="2025-03-10", explain=explain)
    assert _deadline(report, "amendment.final").due == date(2025, 3, 31)


def test_review_meeting_on_the_day_the_amendments_are_sent_still_caps_them() -> None:
    # Meeting and amendments both Monday 3 March 2025: the meeting is "before the proposals"
    # (on or before the day they were sent), so its limb is counted: 3 March + 84 days = Monday
    # 26 May 2025; the 8 weeks give Monday 28 April 2025, the earlier, which decides.
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-03-03"},
        {"type": "amendment_notice_sent", "on": "2025-03-03"},
    ]
    deadline = _deadline(st.evaluate(events, as_of="2025-03-10"), "amendment.final")
    assert deadline.due == date(2025, 4, 28)
    text = " ".join(deadline.explanation)
    assert "the review meeting before the proposals is Monday 3 March 2025" in text
    assert "12 weeks after Monday 3 March 2025 is Monday 26 May 2025" in text
    assert "The earlier of the two is Monday 28 April 2025: the 8-week limb decides." in text


@pytest.mark.parametrize("explain", [True, False])
def test_review_meeting_after_the_amendments_does_not_cap_them(explain: bool) -> None:
    # Amendments sent Monday 3 March 2025 (8 weeks: Monday 28 April 2025); the only meeting is
    # Monday 10 March 2025, after them, so there is no Devon limb: 28 April.
    events: list[Event] = [
        {"type": "amendment_notice_sent", "on": "2025-03-03"},
        {"type": "review_meeting_held", "on": "2025-03-10"},
    ]
    deadline = _deadline(
        st.evaluate(events, as_of="2025-03-11", explain=explain), "amendment.final"
    )
    assert deadline.due == date(2025, 4, 28)
    assert not any(step.startswith("After a review (Devon)") for step in deadline.explanation)


def test_combinators_in_the_rule_catalogue() -> None:
    register = _rule("appeal.register")
    amendment = _rule("amendment.final")
    assert register.period is not None
    assert amendment.period is not None
    assert register.period.describe() == "whichever of notice limb, certificate limb is later"
    assert amendment.period.describe() == "whichever of 8-week limb, 12-week limb is earlier"
    # Without its own words, the catalogue describes the rule's period; without either, nothing.
    assert replace(register, period_text="").describe_period() == (
        "whichever of notice limb, certificate limb is later"
    )
    assert replace(register, period_text="", period=None).describe_period() == ""


# ------------------------------------- 3. combinators of working-day limbs, on the case's calendar

# An LA's local closures are not working days for its own duties. Closures on Monday 13 and
# Thursday 16 January 2025. From the notice (Friday 10 January 2025), 3 working days: Tuesday 14
# (1), Wednesday 15 (2), Friday 17 (3) -> Friday 17 January (without closures: Wednesday 15).
# From the adviser contact (Tuesday 14 January 2025), 3 working days: Wednesday 15 (1), Friday 17
# (2), Monday 20 (3) -> Monday 20 January (without closures: Friday 17).
_CLOSED = st.WorkingDayCalendar.england_and_wales(
    extra_closures=[date(2025, 1, 13), date(2025, 1, 16)]
)
_WD_EVENTS: list[Event] = [
    _NOTICE,
    {"type": "adviser_contacted", "on": "2025-01-14", "wants_mediation": True},
]


def _working_day_rules() -> RuleSet:
    limbs = (
        Limb(name="notice limb", label="Limb A", period=WorkingDays(3)),
        Limb(
            name="contact limb",
            label="Limb B",
            period=WorkingDays(3),
            anchor="adviser_contacted",
            anchor_text="the adviser contact",
        ),
    )
    base = replace(
        _rule("appeal.register"),
        applies=None,
        still_open=None,
        needs=(),
        non_working_day=AS_COMPUTED,
        duty_holder="la",
    )
    return RuleSet(
        [
            replace(base, id="test.later", period=Later(*limbs)),
            replace(base, id="test.earlier", period=Earlier(*limbs)),
            replace(base, id="test.plain", period=WorkingDays(3)),
        ],
        name="working days",
    )


@pytest.mark.parametrize("explain", [True, False])
def test_working_day_limbs_count_on_the_case_calendar(explain: bool) -> None:
    report = st.evaluate(
        _WD_EVENTS,
        as_of="2025-01-14",
        calendar=_CLOSED,
        rules=_working_day_rules(),
        explain=explain,
    )
    assert _deadline(report, "test.later").due == date(2025, 1, 20)
    assert _deadline(report, "test.earlier").due == date(2025, 1, 17)
    assert _deadline(report, "test.plain").due == date(2025, 1, 17)
    if explain:
        later = _deadline(report, "test.later").explanation
        assert later[1].startswith(
            "Limb A: 3 working days after Friday 10 January 2025 is Friday 17 January 2025"
        )
        assert later[2].startswith(
            "Limb B: the adviser contact is Tuesday 14 January 2025; 3 working days after "
            "Tuesday 14 January 2025 is Monday 20 January 2025"
        )
        plain = _deadline(report, "test.plain").explanation
        assert plain[1].startswith(
            "3 working days after Friday 10 January 2025 is Friday 17 January 2025"
        )
        assert "Monday 13 January 2025 (local closure)" in plain[1]


def test_a_limb_not_yet_started_does_not_stop_the_next_limb_being_counted() -> None:
    # The anchored limb first: no adviser contact yet, so only the notice limb is counted, from
    # Friday 10 January 2025: 3 working days (no closures) -> Wednesday 15 January 2025.
    base = _working_day_rules().versions("test.later")[0]
    assert isinstance(base, DeadlineRule)
    assert base.period is not None
    limbs = base.period.limbs  # type: ignore[union-attr]
    rules = RuleSet([replace(base, period=Later(limbs[1], limbs[0]))], name="reversed")
    report = st.evaluate([_NOTICE], as_of="2025-01-11", rules=rules)
    deadline = _deadline(report, "test.later")
    assert deadline.due == date(2025, 1, 15)
    assert deadline.explanation[1].startswith("Limb A: 3 working days after Friday 10 January")


# ------------------------------------------------------------------------ 4. building a RuleSet


def _invalid(rules: list[Any], name: str = "t") -> str:
    with pytest.raises(st.RuleSetError) as raised:
        RuleSet(rules, name=name)
    return str(raised.value)


def test_rule_set_lists_every_problem_in_one_message() -> None:
    rule = _plain("test.a", summary="  ", process="nowhere")
    assert _invalid([rule]) == (
        "Rule set 't' is invalid: rule 'test.a' has no summary; "
        "rule 'test.a' runs in an unknown process 'nowhere'."
    )


def test_rule_set_rejects_a_cycle_of_needs_and_names_it() -> None:
    a = _plain("test.a", needs=("test.b",))
    b = _plain("test.b", needs=("test.a",))
    assert _invalid([a, b], "cyclic") == (
        "Rule set 'cyclic' is invalid: rules need each other in a cycle: "
        "test.a -> test.b -> test.a."
    )


def test_rule_set_rejects_a_need_of_an_unknown_rule() -> None:
    a = _plain("test.a", needs=("test.zzz",))
    assert (
        _invalid([a]) == "Rule set 't' is invalid: rule 'test.a' needs an unknown rule 'test.zzz'."
    )


def test_rule_set_rejects_versions_of_different_kinds() -> None:
    deadline = _plain("test.a", in_force=InForce(REGIME_START, date(2019, 12, 31)))
    duty = DutyRule(
        id="test.a",
        summary="A duty",
        citations=deadline.citations,
        in_force=InForce(date(2020, 1, 1)),
        duty_holder="la",
        applies=lambda episode: None,
    )
    assert _invalid([deadline, duty]) == (
        "Rule set 't' is invalid: versions of 'test.a' are of different kinds."
    )


def test_versions_sharing_a_single_day_overlap_in_either_order() -> None:
    # The old version's last day (1 January 2020) is the new one's first: one day in both.
    old = _plain("test.a", in_force=InForce(REGIME_START, date(2020, 1, 1)))
    new = _plain("test.a", in_force=InForce(date(2020, 1, 1)))
    assert _invalid([old, new]) == (
        "Rule set 't' is invalid: versions of 'test.a' overlap: "
        "2014-09-01 to 2020-01-01 and 2020-01-01 onwards."
    )
    assert _invalid([new, old]) == (
        "Rule set 't' is invalid: versions of 'test.a' overlap: "
        "2020-01-01 onwards and 2014-09-01 to 2020-01-01."
    )
    assert old.in_force.overlaps(new.in_force)
    assert new.in_force.overlaps(old.in_force)
    before = InForce(REGIME_START, date(2019, 12, 31))
    assert not before.overlaps(new.in_force)
    assert not new.in_force.overlaps(before)


def test_in_force_windows_include_both_ends() -> None:
    window = InForce(date(2020, 1, 1), date(2020, 12, 31))
    assert window.contains(date(2020, 1, 1))
    assert window.contains(date(2020, 12, 31))
    assert not window.contains(date(2019, 12, 31))
    assert not window.contains(date(2021, 1, 1))
    onwards = InForce(date(2020, 1, 1))
    assert onwards.contains(date(2099, 1, 1))
    assert not onwards.contains(date(2019, 12, 31))
    assert str(window) == "2020-01-01 to 2020-12-31"
    assert str(onwards) == "2020-01-01 onwards"


def _needs_set() -> RuleSet:
    """``test.a`` (declared first) needs ``test.b``; ``test.b`` has two versions (30, 20 days)."""
    a = _plain("test.a", needs=("test.b",))
    b_new = _plain("test.b", in_force=InForce(date(2020, 1, 1)), period=Days(20))
    b_old = _plain("test.b", in_force=InForce(REGIME_START, date(2019, 12, 31)))
    first = CheckRule(
        id="test.first",
        summary="A first-stage check",
        citations=a.citations,
        check=lambda rule, episode: [],
        stage="first",
    )
    last = replace(first, id="test.last", summary="A last-stage check", stage="last")
    return RuleSet([a, b_new, b_old, last, first], name="needs")


def test_rule_set_orders_rules_by_needs_and_ranks_them_by_declaration() -> None:
    rules = _needs_set()
    assert rules.name == "needs"
    assert repr(rules) == "RuleSet(name='needs', rules=5)"
    assert len(rules) == 5
    assert rules.ids == ("test.a", "test.b", "test.last", "test.first")
    assert rules.rank == {"test.a": 0, "test.b": 1, "test.last": 2, "test.first": 3}
    # test.a reads test.b's results, so test.b is evaluated first.
    assert rules.ids_of("dispute", DeadlineRule) == ("test.b", "test.a")
    assert rules.ids_of("", DeadlineRule) == ("test.b", "test.a")
    assert rules.ids_of("order", DeadlineRule) == ()
    assert rules.ids_of("dispute", MeasureRule) == ()
    assert rules.deadline_ids_by_trigger == {
        ("dispute", "mediation_requested"): ("test.b", "test.a")
    }
    plan = rules.plan("dispute")
    assert [(p.rule_id, p.rank, p.triggers) for p in plan.deadlines] == [
        ("test.b", 1, ("mediation_requested",)),
        ("test.a", 0, ("mediation_requested",)),
    ]
    assert [p.rule_id for p in plan.checks_first] == ["test.first"]
    assert [p.rule_id for p in plan.checks_last] == ["test.last"]
    assert rules.plan("order").deadlines == ()


def test_rule_set_picks_the_version_in_force_on_a_day() -> None:
    rules = _needs_set()
    old, new = rules.versions("test.b")
    assert old.in_force.end == date(2019, 12, 31)
    assert new.in_force.start == date(2020, 1, 1)
    assert rules.pick("test.b", date(2014, 8, 31)) is None
    assert rules.pick("test.b", REGIME_START) is old
    assert rules.pick("test.b", date(2019, 12, 31)) is old
    assert rules.pick("test.b", date(2020, 1, 1)) is new
    assert rules.pick("no.such", date(2020, 1, 1)) is None
    assert "test.b" in rules
    assert "no.such" not in rules
    planned = rules.plan("dispute").deadlines[0]
    assert planned.pick(date(2019, 12, 31)) is old
    assert planned.pick(date(2020, 1, 1)) is new
    # The engine uses the same choice: a request on Tuesday 31 December 2019 gets 30 days
    # (Thursday 30 January 2020), one on Wednesday 1 January 2020 gets 20 days (Tuesday
    # 21 January 2020).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2019-12-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2019-12-31"},
        {"type": "decision_notice", "on": "2020-01-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2020-01-01"},
    ]
    report = st.evaluate(events, as_of="2020-01-02", rules=rules)
    assert sorted(d.due or REGIME_START for d in report.deadlines if d.rule_id == "test.b") == [
        date(2020, 1, 21),
        date(2020, 1, 30),
    ]


def test_default_rules_plans_hold_each_kind_of_rule() -> None:
    # A copy built here (default_rules() is built once, at import).
    rules = RuleSet(list(default_rules()), name="copy")
    assert [p.rule_id for p in rules.plan("request").measures] == ["measure.sen2_20_weeks"]
    dispute = rules.plan("dispute")
    assert [p.rule_id for p in dispute.checks_first] == ["check.event_sequence"]
    assert all(p.versions[0].stage == "last" for p in dispute.checks_last)
    assert "check.appeal_eligibility" in [p.rule_id for p in dispute.checks_last]
    assert rules.ids_of("request", MeasureRule) == ("measure.sen2_20_weeks",)
    assert "appeal.register" in rules
    note = rules.note("no_decision", "The case has no decision notice.")
    assert note is not None
    assert (note.code, note.rule_id, note.message) == (
        "no_decision",
        "input.no_decision",
        "The case has no decision notice.",
    )
    assert _needs_set().note("no_decision", "x") is None


# ------------------------------------------------------------- 5. how messages name an event


def test_contradictory_events_are_named_by_their_position_in_the_input() -> None:
    # Events are numbered from 0 in the caller's order: the mediation (3) cannot come before
    # the request for it (2).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-01-20", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-02-05"},
        {"type": "mediation_held", "on": "2025-02-03", "agreement": "none"},
    ]
    with pytest.raises(st.ContradictoryEventsError) as raised:
        st.evaluate(events, as_of="2025-03-01")
    assert str(raised.value) == (
        "event 3 (mediation_held on 2025-02-03) comes before event 2 (mediation_requested on "
        "2025-02-05), but it can only happen after mediation was requested."
    )
    assert raised.value.event_index == 3


# ---------------------------------------------------------------------- 6. non-working days


def test_roll_forward_policy_moves_a_limit_to_the_next_working_day() -> None:
    # mediation.arrange counted with the ROLL_FORWARD policy instead of C7's NO_MOVE.
    # Request Thursday 6 March 2025 + 30 days = Saturday 5 April 2025 -> Monday 7 April 2025.
    # Request Wednesday 19 March 2025 + 30 days = Friday 18 April 2025 (Good Friday); Saturday,
    # Sunday and Monday 21 April (Easter Monday) are not working days -> Tuesday 22 April 2025.
    # Request Monday 10 March 2025 + 30 days = Wednesday 9 April 2025, a working day: stands.
    arrange = replace(_rule("mediation.arrange"), non_working_day=ROLL_FORWARD)
    rules = RuleSet(
        [arrange if r.id == arrange.id else r for r in default_rules()], name="roll forward"
    )
    cases = {
        "2025-03-06": (
            date(2025, 4, 7),
            "Saturday 5 April 2025 is not a working day (Saturday), so the limit moves to the "
            "next working day: Monday 7 April 2025.",
        ),
        "2025-03-19": (
            date(2025, 4, 22),
            "Friday 18 April 2025 is not a working day (Good Friday), so the limit moves to the "
            "next working day: Tuesday 22 April 2025.",
        ),
        "2025-03-10": (date(2025, 4, 9), None),
    }
    for requested, (due, step) in cases.items():
        events: list[Event] = [
            {"type": "decision_notice", "on": "2025-02-03", "decision": "cease_plan"},
            {"type": "mediation_requested", "on": requested},
        ]
        deadline = _deadline(st.evaluate(events, as_of=requested, rules=rules), arrange.id)
        assert deadline.due == due, requested
        moved = [s for s in deadline.explanation if "is not a working day" in s]
        assert moved == ([step] if step else []), requested


def test_without_explanations_a_duty_ending_on_a_weekend_has_no_steps() -> None:
    # Request Thursday 6 March 2025 + 30 days = Saturday 5 April 2025: an LA duty, it does not
    # move (C7). With explain=False no explanation is written, not even the C7 step.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-02-03", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2025-03-06"},
    ]
    report = st.evaluate(events, as_of="2025-03-07", explain=False)
    deadline = _deadline(report, "mediation.arrange")
    assert (deadline.due, deadline.explanation) == (date(2025, 4, 5), ())
    assert all(d.explanation == () for d in report.deadlines)


def test_without_explanations_a_superseded_limb_is_disapplied_without_steps() -> None:
    # Order to assess Tuesday 7 January 2025; final plan Thursday 10 April 2025: the 10-week
    # "no plan" limb (reg 44(2)(b)(i)) is disapplied, the 14-week limb (Tuesday 15 April 2025)
    # is met.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2025-01-07", "order": "assess"},
        {"type": "decision_notice", "on": "2025-04-10", "decision": "plan_finalised"},
    ]
    report = st.evaluate(events, as_of="2025-04-20", explain=False)
    no_plan = _deadline(report, "tribunal.order.assess.no_plan")
    assert (no_plan.due, no_plan.status, no_plan.explanation) == (None, "disapplied", ())
    final = _deadline(report, "tribunal.order.assess.final_plan")
    assert (final.due, final.status) == (date(2025, 4, 15), "met")


# -------------------------------------------------------------- 7. statutory exceptions weighed

# An order to assess made Monday 2 June 2025 (reg 44(2)(b)): notify within 2 weeks (Monday
# 16 June 2025, running Tuesday 3 to Monday 16 June), no plan within 10 weeks (Monday 11 August
# 2025), final plan within 14 weeks (Monday 8 September 2025). Reg 44(3)(b): an absence of
# 2 weeks or more disapplies them.
_ORDER: Event = {"type": "tribunal_order", "on": "2025-06-02", "order": "assess"}


def _absence(on: str, to: str, **fields: Any) -> Event:
    return {"type": "exception_applied", "on": on, "to": to, "reason": "absence", **fields}


def _unused(report: st.Report) -> list[str]:
    return [f.message for f in report.findings if f.code == "exception_not_applied"]


def test_an_exception_limited_to_other_rules_does_not_hide_a_later_one() -> None:
    # 3-20 June, limited to the make-plan order's draft (not in this case), then 9-22 June
    # (14 days: qualifies) for every limit: the 10- and 14-week limbs are disapplied.
    events: list[Event] = [
        _ORDER,
        _absence("2025-06-03", "2025-06-20", rule_ids=["tribunal.order.make_plan.draft"]),
        _absence("2025-06-09", "2025-06-22"),
    ]
    report = st.evaluate(events, as_of="2025-08-12")
    for rule_id in ("tribunal.order.assess.no_plan", "tribunal.order.assess.final_plan"):
        deadline = _deadline(report, rule_id)
        assert (deadline.due, deadline.status) == (None, "disapplied"), rule_id


def test_an_exception_aimed_at_a_limit_without_that_head_says_so() -> None:
    # A missed appointment (reg 8(2)(c)) is no exception to the order's limits (reg 44(3)).
    events: list[Event] = [
        _ORDER,
        {
            "type": "exception_applied",
            "on": "2025-06-09",
            "to": "2025-06-22",
            "reason": "missed_appointment",
            "rule_ids": ["tribunal.order.assess.no_plan"],
        },
    ]
    report = st.evaluate(events, as_of="2025-06-30")
    assert _deadline(report, "tribunal.order.assess.no_plan").due == date(2025, 8, 11)
    assert _unused(report) == [
        "The exception of Monday 9 June 2025 to Sunday 22 June 2025 (missed appointment) changed "
        "nothing: it was weighed against 1 time limit(s) and applies to none: "
        "tribunal.order.assess.no_plan: its time limit has no exception for this reason. It "
        "changes no date."
    ]


def test_exceptions_starting_more_than_a_week_after_a_limit_are_not_weighed_against_it() -> None:
    # The notify limit is due Monday 16 June 2025. An absence from Monday 23 June (7 days after:
    # within the week a closure's span reaches back) is weighed and does not overlap; one from
    # Tuesday 24 June (8 days after) is not weighed at all.
    only = {"rule_ids": ["tribunal.order.assess.notify"]}
    events: list[Event] = [
        _ORDER,
        _absence("2025-06-23", "2025-07-07", **only),
        _absence("2025-06-24", "2025-07-08", **only),
    ]
    weighed, not_weighed = _unused(st.evaluate(events, as_of="2025-07-30"))
    assert weighed.startswith(
        "The exception of Monday 23 June 2025 to Monday 7 July 2025 (absence) changed nothing: it "
        "was weighed against 1 time limit(s) and applies to none: tribunal.order.assess.notify "
        "(due Monday 16 June 2025): it does not overlap the running period (Tuesday 3 June 2025 "
        "to Monday 16 June 2025)."
    )
    assert not_weighed.startswith(
        "The exception of Tuesday 24 June 2025 to Tuesday 8 July 2025 (absence) changed nothing: "
        "it names only tribunal.order.assess.notify, and none of those time limits with an "
        "exception for this reason was running then"
    )


def test_a_limit_met_on_its_last_day_stays_met_despite_an_exception() -> None:
    # Absence 9-22 June 2025 (14 days, all within the running period) would disapply the
    # 10-week "no plan" limit (due Monday 11 August 2025), but the LA notified its decision not
    # to make a plan on 11 August, the due date itself: met, not disapplied. (The 14-week limb
    # is disapplied: the decision not to make a plan supersedes it.)
    events: list[Event] = [
        _ORDER,
        _absence("2025-06-09", "2025-06-22"),
        {"type": "assessment_agreed", "on": "2025-06-13"},
        {"type": "decision_notice", "on": "2025-08-11", "decision": "refuse_plan"},
    ]
    no_plan = _deadline(st.evaluate(events, as_of="2025-08-12"), "tribunal.order.assess.no_plan")
    assert (no_plan.due, no_plan.status) == (date(2025, 8, 11), "met")


# ------------------------------------------------------------ 8. finishing a deadline's status


def test_appeal_held_open_finding_only_once_the_notice_limb_has_passed() -> None:
    # Notice Friday 10 January 2025 + 2 months = Monday 10 March 2025; the adviser was
    # contacted (mediation wanted) and no certificate yet. On 10 March the limit has not passed:
    # pending, no finding. On Tuesday 11 March it has, but stays open awaiting the certificate.
    events: list[Event] = [
        _NOTICE,
        {"type": "adviser_contacted", "on": "2025-02-10", "wants_mediation": True},
    ]
    on_the_day = st.evaluate(events, as_of="2025-03-10")
    assert _deadline(on_the_day, "appeal.register").status == "pending"
    assert "appeal_awaiting_certificate" not in [f.code for f in on_the_day.findings]
    day_after = st.evaluate(events, as_of="2025-03-11")
    assert _deadline(day_after, "appeal.register").status == "pending"
    assert "appeal_awaiting_certificate" in [f.code for f in day_after.findings]


def test_representations_period_runs_to_its_last_day() -> None:
    # Reg 13(1)(a): at least 15 days from serving the draft (Monday 3 March 2025 is day 1), so
    # the period ends on Monday 17 March 2025. As of that day it is still running: pending; as
    # of Tuesday 18 March it has run in full: met.
    events: list[Event] = [{"type": "draft_plan_issued", "on": "2025-03-03"}]
    last_day = _deadline(st.evaluate(events, as_of="2025-03-17"), "plan.draft_representations")
    assert (last_day.due, last_day.status) == (date(2025, 3, 17), "pending")
    assert last_day.explanation[-1] == (
        "The period is still running as of Monday 17 March 2025: pending."
    )
    after = _deadline(st.evaluate(events, as_of="2025-03-18"), "plan.draft_representations")
    assert (after.due, after.status) == (date(2025, 3, 17), "met")


def test_a_notice_that_is_not_the_final_plan_does_not_cut_representations_short() -> None:
    # A decision not to issue a plan on Monday 10 March 2025 is not the final plan: the 15 days
    # (to Monday 17 March 2025) still ran in full.
    events: list[Event] = [
        {"type": "draft_plan_issued", "on": "2025-03-03"},
        {"type": "decision_notice", "on": "2025-03-10", "decision": "refuse_plan"},
    ]
    report = st.evaluate(events, as_of="2025-03-18")
    deadline = _deadline(report, "plan.draft_representations")
    assert (deadline.due, deadline.status) == (date(2025, 3, 17), "met")
    assert "final_plan_before_representations" not in [f.code for f in report.findings]


def test_health_body_on_1_july_2022_is_the_integrated_care_board() -> None:
    # Health and Care Act 2022: ICBs replaced CCGs on 1 July 2022. The LA notified the health
    # body on Friday 1 July 2022 of a health-only mediation: 30 days -> Sunday 31 July 2022 (no
    # move, C7); the explanation names the ICB, with no CCG note.
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2022-05-03",
            "decision": "plan_finalised",
            "disputed": ["health"],
        },
        {"type": "adviser_contacted", "on": "2022-06-20", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2022-06-28", "issues": ["health"]},
        {"type": "health_notified", "on": "2022-07-01"},
    ]
    deadline = _deadline(st.evaluate(events, as_of="2022-07-04"), "mediation.arrange.health_only")
    assert deadline.due == date(2022, 7, 31)
    assert deadline.explanation[-2:] == (
        "Not yet done as of Monday 4 July 2022: pending (the integrated care board (ICB) must "
        "act).",
        "On Friday 1 July 2022 the health body was the integrated care board (ICB).",
    )


def test_holder_names() -> None:
    from send_timescales.rules._model import holder_name

    assert holder_name("icb", date(2022, 6, 30)) == "the clinical commissioning group (CCG)"
    assert holder_name("icb", date(2022, 7, 1)) == "the integrated care board (ICB)"
    # A holder the library does not name (a rule's own) is shown as given.
    assert holder_name("the school's governing body", date(2025, 1, 1)) == (
        "the school's governing body"
    )


def test_another_decision_does_not_answer_the_request_for_an_assessment() -> None:
    # Request received Monday 6 January 2025: the decision whether to assess is due in 6 weeks,
    # Monday 17 February 2025 (reg 5(1)). A notice refusing to amend a plan on 20 January is
    # not that decision: as of 20 February it is overdue.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-06"},
        {"type": "decision_notice", "on": "2025-01-20", "decision": "refuse_amendment"},
    ]
    deadline = _deadline(st.evaluate(events, as_of="2025-02-20"), "assessment.decision")
    assert (deadline.due, deadline.status) == (date(2025, 2, 17), "overdue")


@pytest.mark.parametrize(("asked", "disapplied"), [("2025-02-03", True), ("2025-02-04", False)])
def test_closure_needs_advice_asked_by_one_week_before_it_reopens(
    asked: str, disapplied: bool
) -> None:
    # Reg 5(4)(a): the school was closed Monday 13 January to Sunday 9 February 2025 (28 days,
    # 4 weeks); the counted span runs from one week before it closed (Monday 6 January) to one
    # week before it re-opened (Monday 10 February - 7 days = Monday 3 February 2025), and the
    # LA must have asked the school for advice within it. Asked on 3 February, the last day: the
    # 6 weeks from the request (Monday 6 January -> Monday 17 February 2025) are disapplied;
    # asked on Tuesday 4 February, a day late: they stand, overdue as of 20 February.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-06"},
        {
            "type": "exception_applied",
            "on": "2025-01-13",
            "to": "2025-02-09",
            "reason": "school_closure",
        },
        {"type": "advice_requested", "on": asked, "body": "educational"},
    ]
    report = st.evaluate(events, as_of="2025-02-20")
    deadline = _deadline(report, "assessment.decision")
    if disapplied:
        assert (deadline.due, deadline.status) == (None, "disapplied")
    else:
        assert (deadline.due, deadline.status) == (date(2025, 2, 17), "overdue")
        assert (
            "the LA did not ask the setting for advice (an advice_requested with body "
            "educational) between Monday 6 January 2025 and Monday 3 February 2025"
        ) in _unused(report)[0]


def test_a_rule_with_one_version_applies_only_within_its_window() -> None:
    # test.c is in force from 1 January 2020 only; test.d from the regime's start to
    # 31 December 2019 only. Neither applies outside its window.
    later = _plain("test.c", in_force=InForce(date(2020, 1, 1)))
    ended = _plain("test.d", in_force=InForce(REGIME_START, date(2019, 12, 31)))
    always = _plain("test.e")
    rules = RuleSet([later, ended, always], name="windows")
    c, d, e = rules.plan("dispute").deadlines
    assert (c.pick(date(2019, 12, 31)), c.pick(date(2020, 1, 1))) == (None, later)
    assert (d.pick(date(2019, 12, 31)), d.pick(date(2020, 1, 1))) == (ended, None)
    assert (e.pick(date(2014, 8, 31)), e.pick(REGIME_START)) == (None, always)
    # Requests on Tuesday 31 December 2019 and Wednesday 1 January 2020, 30 days each: test.d
    # for the first (Thursday 30 January 2020), test.c for the second (Friday 31 January 2020).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2019-12-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2019-12-31"},
        {"type": "decision_notice", "on": "2020-01-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2020-01-01"},
    ]
    report = st.evaluate(events, as_of="2020-01-02", rules=rules)
    assert sorted((d.rule_id, d.due) for d in report.deadlines if d.rule_id != "test.e") == [
        ("test.c", date(2020, 1, 31)),
        ("test.d", date(2020, 1, 30)),
    ]


def test_an_eligibility_question_not_in_force_leaves_the_others_asked() -> None:
    # A rule set whose appealability rule is in force only from 1 January 2020: a decision of
    # Monday 3 June 2019 gets no answer to that question, but the later questions are still
    # asked and answered.
    rules = RuleSet(
        [
            replace(r, in_force=InForce(date(2020, 1, 1)))
            if r.id == "eligibility.appealable"
            else r
            for r in default_rules()
        ],
        name="appealable from 2020",
    )
    events: list[Event] = [
        {"type": "decision_notice", "on": "2019-06-03", "decision": "refuse_assessment"}
    ]
    eligibility = st.evaluate(events, as_of="2019-06-04", rules=rules).eligibility
    assert eligibility is not None
    assert eligibility.appealable is False
    assert [r.rule_id for r in eligibility.reasons] == [
        "eligibility.mediation_available",
        "eligibility.certificate_required",
        "eligibility.party",
    ]
    assert eligibility.certificate_required is True


# ------------------------------------------------ done_by with both done_matches and done_when


def test_a_duty_is_met_only_by_an_event_that_matches_its_trigger_and_its_own_condition() -> None:
    # assessment.advice (reg 8(1)) is met by advice from the body that was asked (done_matches).
    # A made-up version adds a condition of its own (done_when: advice received on a weekday),
    # so both must hold. Asked Mon 10 March 2025; educational advice came Sat 15 March (fails the
    # weekday condition), medical advice Mon 17 March (another body), educational advice Tue 18
    # March (both hold): done on 18 March. Due 10 March + 6 weeks (42 days) = Mon 21 April 2025,
    # Easter Monday; an advice giver's duty does not move (C7), so it stays 21 April: met.
    rule = replace(
        _rule("assessment.advice"),
        id="test.advice",
        done_when=lambda event: event.on.weekday() < 5,
        needs=(),
    )
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-03-03"},
        {"type": "advice_requested", "on": "2025-03-10", "body": "educational"},
        {"type": "advice_received", "on": "2025-03-15", "body": "educational"},
        {"type": "advice_received", "on": "2025-03-17", "body": "medical"},
        {"type": "advice_received", "on": "2025-03-18", "body": "educational"},
    ]
    report = st.evaluate(events, as_of="2025-04-30", rules=RuleSet([rule], name="advice"))
    advice = _deadline(report, "test.advice")
    assert (advice.due, advice.done_on, advice.status) == (
        date(2025, 4, 21),
        date(2025, 3, 18),
        "met",
    )


# ------------------------------------------------ a second exception for a limit already disapplied


def test_a_second_exception_for_a_limit_already_disapplied_says_so() -> None:
    # Request received Tue 14 January 2025; the running periods start Wed 15 January. Limits:
    # assessment.decision 6 weeks (42 days) = Tue 25 February 2025; plan.decision_not_to_issue
    # 16 weeks (112 days) = Tue 6 May 2025; plan.final 20 weeks (140 days) = Tue 3 June 2025.
    # An absence from the area of at least 4 weeks within the running period disapplies each
    # (regs 5(4), 10(4), 13(3)). The first absence, Thu 16 January to Thu 20 February (36 days),
    # disapplies all three. The second, Mon 3 March to Fri 11 April (40 days), starts after 25
    # February, so it does not touch the 6-week limit; it would have disapplied the other two, but
    # the first already had: its finding must say so, not that no limit was running.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "exception_applied", "on": "2025-01-16", "to": "2025-02-20", "reason": "absence"},
        {"type": "exception_applied", "on": "2025-03-03", "to": "2025-04-11", "reason": "absence"},
    ]
    report = st.evaluate(events, as_of="2025-04-30")
    for rule_id in ("assessment.decision", "plan.decision_not_to_issue", "plan.final"):
        assert _deadline(report, rule_id).status == "disapplied", rule_id
    (finding,) = [f for f in report.findings if f.code == "exception_not_applied"]
    first = "the exception of Thursday 16 January 2025 to Thursday 20 February 2025"
    assert finding.message.startswith(
        "The exception of Monday 3 March 2025 to Friday 11 April 2025 (absence) changed "
        "nothing: it was weighed against 3 time limit(s) and applies to none: "
        "assessment.decision (due Tuesday 25 February 2025): it does not overlap the running "
        "period (Wednesday 15 January 2025 to Tuesday 25 February 2025); "
        f"plan.decision_not_to_issue (due Tuesday 6 May 2025): already disapplied by {first}; "
        f"plan.final (due Tuesday 3 June 2025): already disapplied by {first}."
    )
