from __future__ import annotations

from datetime import date
from typing import Any, get_args

import pytest

import send_timescales as st
from send_timescales import ContradictoryEventsError, DateOutOfRangeError, EventError
from send_timescales.events import NoticeItem

AS_OF = date(2026, 1, 5)


def notice(
    on: str = "2025-10-01", decision: str = "refuse_assessment", **extra: Any
) -> dict[str, Any]:
    return {"type": "decision_notice", "on": on, "decision": decision, **extra}


def due(report: st.Report, rule_id: str) -> date | None:
    d = report.deadline(rule_id)
    assert d is not None, [x.rule_id for x in report.deadlines]
    return d.due


# ---------------------------------------------------------------- appeal.register


def test_appeal_notice_limb_only() -> None:
    report = st.evaluate([notice("2025-03-14")], as_of=date(2025, 3, 20))
    assert due(report, "appeal.register") == date(2025, 5, 14)


def test_appeal_certificate_limb_is_one_calendar_month_not_30_days() -> None:
    report = st.evaluate(
        [
            notice("2025-01-15"),
            {"type": "adviser_contacted", "on": "2025-03-05", "wants_mediation": False},
            {"type": "certificate_issued", "on": "2025-03-06", "reason": "declined"},
        ],
        as_of=date(2025, 3, 20),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.due == date(2025, 4, 7)  # 6 Apr is a Sunday: r.12(2) moves it to Monday
    assert any("certificate limb decides" in step for step in appeal.explanation)
    assert any("r.12(2)" in step for step in appeal.explanation)


def test_appeal_christmas_roll_forward_ipsea() -> None:
    report = st.evaluate(
        [
            notice("2025-10-01"),
            {"type": "adviser_contacted", "on": "2025-11-26", "wants_mediation": False},
            {"type": "certificate_issued", "on": "2025-11-29", "reason": "declined"},
        ],
        as_of=date(2025, 12, 1),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.due == date(2026, 1, 2)
    assert any("r.12(3)(a)" in step for step in appeal.explanation)


def test_appeal_august_roll_forward() -> None:
    report = st.evaluate([notice("2026-06-10")], as_of=date(2026, 6, 11))
    # 10 Aug 2026 is in August: first working day after 31 Aug (the summer bank holiday): 1 Sep
    assert due(report, "appeal.register") == date(2026, 9, 1)


def test_appeal_literal_reading_does_not_reapply_r12_3a() -> None:
    # notice 24 Oct 2022 -> 24 Dec 2022 (Saturday) -> r.12(3)(a) applies directly (24 Dec is not
    # in 25 Dec-1 Jan) no: r.12(2) moves it to Wed 28 Dec; r.12(3)(a) is not applied again.
    report = st.evaluate([notice("2022-10-24")], as_of=date(2022, 10, 25))
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.due == date(2022, 12, 28)
    assert any("not applied again" in step for step in appeal.explanation)


def test_appeal_stays_pending_while_a_certificate_is_awaited() -> None:
    report = st.evaluate(
        [
            notice("2025-10-01"),
            {"type": "adviser_contacted", "on": "2025-10-20", "wants_mediation": True},
            {"type": "mediation_requested", "on": "2025-10-21"},
        ],
        as_of=date(2025, 12, 10),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.due == date(2025, 12, 1)
    assert appeal.status == "pending"
    codes = {f.code for f in report.findings}
    assert "time_limit_passed" not in codes
    assert "appeal_awaiting_certificate" in codes


def test_late_adviser_contact_does_not_hold_the_appeal_open() -> None:
    report = st.evaluate(
        [
            notice("2025-10-01"),
            {"type": "adviser_contacted", "on": "2025-12-05", "wants_mediation": True},
        ],
        as_of=date(2025, 12, 10),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.status == "overdue"


def test_section_i_only_adviser_contact_is_optional() -> None:
    report = st.evaluate(
        [notice("2025-06-02", "plan_amended", disputed=["placement"])], as_of=date(2025, 9, 1)
    )
    contact = report.deadline("mediation.adviser_contact")
    assert contact is not None
    assert (contact.due, contact.status) == (None, "disapplied")
    assert "reg 33 applies only where" in contact.explanation[-1]
    assert not [f for f in report.findings if f.rule_id == "mediation.adviser_contact"]
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert not any("30 days" in step for step in appeal.explanation)


def test_appeal_registered_late_is_missed_with_a_finding() -> None:
    report = st.evaluate(
        [
            notice("2025-03-14", disputed=["placement"]),
            {"type": "appeal_registered", "on": "2025-05-20"},
        ],
        as_of=date(2025, 6, 1),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.status == "missed"
    late = [f for f in report.findings if f.code == "appeal_late"]
    assert late
    assert late[0].rule_id == "appeal.register"


def test_appeal_without_required_certificate_is_a_finding_not_an_error() -> None:
    report = st.evaluate(
        [
            notice("2025-03-14", disputed=["needs"]),
            {"type": "appeal_registered", "on": "2025-04-01"},
        ],
        as_of=date(2025, 4, 2),
    )
    codes = {f.code for f in report.findings}
    assert "appeal_without_certificate" in codes


def test_section_i_appeal_needs_no_certificate() -> None:
    report = st.evaluate(
        [
            notice("2025-03-14", "plan_amended", disputed=["placement"]),
            {"type": "appeal_registered", "on": "2025-04-01", "grounds": ["placement"]},
        ],
        as_of=date(2025, 4, 2),
    )
    assert report.eligibility.certificate_required is False
    assert "appeal_without_certificate" not in {f.code for f in report.findings}


# ---------------------------------------------------------------- mediation


def test_mediation_chain_every_deadline() -> None:
    report = st.evaluate(
        [
            notice("2025-10-01"),
            {"type": "adviser_contacted", "on": "2025-10-06", "wants_mediation": True},
            {"type": "mediation_requested", "on": "2025-10-07", "issues": ["education", "health"]},
            {"type": "health_notified", "on": "2025-10-09"},
            {"type": "mediation_scheduled", "on": "2025-10-10", "mediation_on": "2025-10-31"},
            {"type": "mediation_held", "on": "2025-10-31", "agreement": "partial"},
            {
                "type": "mediation_agreement",
                "on": "2025-10-31",
                "actions": [
                    {"what": "assess", "kind": "assess"},
                    {"what": "speech therapy review", "kind": "other", "by": "icb"},
                ],
            },
            {"type": "certificate_issued", "on": "2025-11-03", "reason": "after_mediation"},
            # each step of an agreed assessment is evidenced by its own event (reg 42(2) and
            # reg 44(2)(b)): here the notice that the LA will assess
            {"type": "assessment_agreed", "on": "2025-11-10"},
        ],
        as_of=date(2025, 11, 20),
    )
    got = {(d.rule_id, d.subject): (d.due, d.status, d.duty_holder) for d in report.deadlines}
    assert got[("mediation.adviser_contact", None)] == (
        date(2025, 12, 1),
        "met",
        "parent_or_young_person",
    )
    assert got[("mediation.health_notification", None)] == (date(2025, 10, 10), "met", "la")
    assert got[("mediation.arrange", None)] == (date(2025, 11, 6), "met", "la")
    # 31 Oct is a Friday: 5th working day before is Fri 24 Oct; clear days: by Thu 23 Oct
    assert got[("mediation.date_notice", None)] == (date(2025, 10, 23), "met", "la")
    assert got[("mediation.certificate.after_mediation", None)] == (
        date(2025, 11, 5),
        "met",
        "mediation_adviser",  # reg 39(1): the adviser issues it, not the mediator
    )
    assess = got[
        (
            "mediation.agreement.appealable",
            "assess: notify the parent or young person that it will assess",
        )
    ]
    assert assess == (date(2025, 11, 14), "met", "la")
    assert got[("mediation.agreement.other", "speech therapy review")] == (
        date(2025, 11, 14),
        "overdue",
        "icb",
    )
    # the certificate after mediation (3 Nov) gives 3 Dec, later than 1 Dec
    assert got[("appeal.register", None)] == (
        date(2025, 12, 3),
        "pending",
        "parent_or_young_person",
    )
    assert {d.rule_id for d in report.duties} >= {
        "duty.notice_content",
        "duty.la_attendance",
        "duty.expenses",
        "duty.child_views",
        "duty.attendance_rights",
    }


def test_date_notice_disapplied_when_shorter_notice_agreed() -> None:
    report = st.evaluate(
        [
            notice("2025-10-01"),
            {"type": "mediation_requested", "on": "2025-10-07"},
            {
                "type": "mediation_scheduled",
                "on": "2025-10-28",
                "mediation_on": "2025-10-30",
                "shorter_notice_agreed": True,
            },
        ],
        as_of=date(2025, 10, 29),
    )
    d = report.deadline("mediation.date_notice")
    assert d is not None
    assert d.status == "disapplied"
    assert d.due is None
    assert report.deadlines[-1].rule_id == "mediation.date_notice"  # disapplied sort last


def test_health_only_mediation_is_the_icbs_with_ccg_name_before_july_2022() -> None:
    report = st.evaluate(
        [
            notice("2022-03-01", "plan_finalised", disputed=["health"]),
            {"type": "mediation_requested", "on": "2022-03-10", "issues": ["health"]},
            {"type": "health_notified", "on": "2022-03-11"},
        ],
        as_of=date(2022, 3, 12),
    )
    assert report.eligibility.appealable is False
    assert report.eligibility.mediation_available is True
    assert report.deadline("mediation.arrange") is None
    d = report.deadline("mediation.arrange.health_only")
    assert d is not None
    assert (d.due, d.duty_holder) == (date(2022, 4, 10), "icb")
    assert any("clinical commissioning group" in step for step in d.explanation)
    assert report.deadline("appeal.register") is None


def test_la_duty_ending_on_a_weekend_does_not_roll_forward() -> None:
    report = st.evaluate(
        [notice("2025-09-01"), {"type": "mediation_requested", "on": "2025-10-03"}],
        as_of=date(2025, 10, 4),
    )
    d = report.deadline("mediation.arrange")
    assert d is not None
    assert d.due == date(2025, 11, 2)  # a Sunday, kept
    assert any("C7, docs/interpretations.md#c7" in step for step in d.explanation)


def test_agreed_date_overrides_under_reg_42_5_but_not_icb_notice() -> None:
    report = st.evaluate(
        [
            notice("2025-09-01"),
            {"type": "mediation_requested", "on": "2025-09-05"},
            {"type": "mediation_held", "on": "2025-09-20", "agreement": "full"},
            {
                "type": "mediation_agreement",
                "on": "2025-09-20",
                "la_party": False,
                "actions": [{"what": "OT report", "kind": "other", "agreed_date": "2025-12-01"}],
            },
        ],
        as_of=date(2025, 10, 1),
    )
    other = report.deadline("mediation.agreement.other")
    assert other is not None
    assert other.due == date(2025, 12, 1)
    notice_ = report.deadline("mediation.agreement.icb_notice")
    assert notice_ is not None
    assert notice_.due == date(2025, 9, 27)
    assert notice_.status == "overdue"


def test_secondary_rules_say_so_in_their_explanation() -> None:
    report = st.evaluate(
        [notice(), {"type": "adviser_contacted", "on": "2025-10-06", "wants_mediation": False}],
        as_of=AS_OF,
    )
    for d in report.deadlines:
        secondary = any(c.confidence == "secondary" for c in d.citations)
        says = any("confidence: secondary" in step for step in d.explanation)
        assert secondary == says, d.rule_id


# ---------------------------------------------------------------- eligibility


@pytest.mark.parametrize(
    ("decision", "extra", "appealable"),
    [
        ("refuse_assessment", {}, True),
        ("refuse_plan", {}, True),
        ("plan_finalised", {}, True),
        ("plan_amended", {"disputed": ["provision"]}, True),
        ("refuse_reassessment", {}, True),
        ("refuse_amendment", {"following_review": True}, True),
        ("refuse_amendment", {"following_review": False}, False),
        ("cease_plan", {}, True),
        ("plan_finalised", {"disputed": ["health", "social_care"]}, False),
    ],
)
def test_appealable_decisions(decision: str, extra: dict[str, Any], appealable: bool) -> None:
    report = st.evaluate([notice("2025-01-10", decision, **extra)], as_of=date(2025, 1, 11))
    assert report.eligibility.appealable is appealable
    assert (report.deadline("appeal.register") is not None) is appealable
    (reason,) = [r for r in report.eligibility.reasons if r.question == "appealable"]
    assert reason.citations


def test_unknown_following_review_is_a_safe_assumption() -> None:
    report = st.evaluate([notice("2025-01-10", "refuse_amendment")], as_of=date(2025, 1, 11))
    assert report.eligibility.appealable is True
    (reason,) = [r for r in report.eligibility.reasons if r.question == "appealable"]
    assert reason.assumption is True


def test_a_certificate_is_always_required_for_decisions_without_a_school() -> None:
    report = st.evaluate([notice()], as_of=AS_OF)  # a refusal to assess names no school
    (reason,) = [r for r in report.eligibility.reasons if r.question == "certificate_required"]
    assert report.eligibility.certificate_required is True
    assert reason.assumption is False


def test_unknown_disputed_assumes_a_certificate_is_required() -> None:
    report = st.evaluate([notice(decision="plan_finalised")], as_of=AS_OF)
    (reason,) = [r for r in report.eligibility.reasons if r.question == "certificate_required"]
    assert report.eligibility.certificate_required is True
    assert reason.assumption is True
    assert "safe assumption" in reason.text


@pytest.mark.parametrize(
    ("born", "decision_on", "party"),
    [
        ("2009-08-31", "2025-06-27", "parent"),  # 16 on 31 Aug 2025: CSA ends Fri 27 Jun 2025
        ("2009-08-31", "2025-06-28", "young_person"),
        ("2009-09-01", "2026-06-26", "parent"),  # 16 on 1 Sep 2025: CSA ends Fri 26 Jun 2026
        ("2009-09-01", "2026-06-27", "young_person"),
        ("2012-02-29", "2025-01-10", "parent"),
    ],
)
def test_party_follows_compulsory_school_age(born: str, decision_on: str, party: str) -> None:
    report = st.evaluate(
        [{"type": "child_born", "on": born}, notice(decision_on)],
        as_of=date.fromisoformat(decision_on),
    )
    assert report.eligibility.party == party


def test_party_unknown_without_date_of_birth() -> None:
    assert st.evaluate([notice()], as_of=AS_OF).eligibility.party == "unknown"


def test_child_views_duty_only_when_parent_is_party() -> None:
    events = [
        {"type": "child_born", "on": "2005-01-01"},
        notice("2025-01-10"),
        {"type": "mediation_requested", "on": "2025-01-15"},
    ]
    report = st.evaluate(events, as_of=date(2025, 1, 20))
    assert report.eligibility.party == "young_person"
    assert "duty.child_views" not in {d.rule_id for d in report.duties}


# ---------------------------------------------------------------- findings


def test_notice_missing_reg_32_items() -> None:
    report = st.evaluate(
        [notice(notice_content=["mediation_right", "certificate_requirement"])], as_of=AS_OF
    )
    (finding,) = [f for f in report.findings if f.code == "notice_missing_content"]
    assert "(c) the mediation adviser's contact details" in finding.message
    assert finding.citations[0].provision == "reg 32"


def test_complete_notice_has_no_finding() -> None:
    items = list(get_args(NoticeItem))  # every item reg 32 lists (a) to (f)
    assert len(items) == 6
    report = st.evaluate([notice(notice_content=items)], as_of=AS_OF)
    assert "notice_missing_content" not in {f.code for f in report.findings}


def test_certificate_reason_unsupported_is_a_finding() -> None:
    report = st.evaluate(
        [notice(), {"type": "certificate_issued", "on": "2025-10-10", "reason": "after_mediation"}],
        as_of=AS_OF,
    )
    assert "certificate_reason_unsupported" in {f.code for f in report.findings}


def test_overdue_la_duty_is_an_error_finding() -> None:
    report = st.evaluate(
        [notice(), {"type": "mediation_requested", "on": "2025-10-07", "issues": ["health"]}],
        as_of=date(2025, 10, 20),
    )
    overdue = [f for f in report.findings if f.code == "deadline_overdue"]
    assert overdue
    assert overdue[0].severity == "error"


def test_provisional_past_known_until() -> None:
    report = st.evaluate([notice("2027-12-01")], as_of=date(2027, 12, 2))
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.provisional is True
    assert "provisional_due_date" in {f.code for f in report.findings}


def test_letter_dated_differs() -> None:
    report = st.evaluate([notice("2025-10-03", letter_dated="2025-10-01")], as_of=AS_OF)
    assert due(report, "appeal.register") == date(2025, 12, 3)
    assert "letter_dated_differs" in {f.code for f in report.findings}


def test_events_after_as_of_are_left_out() -> None:
    report = st.evaluate(
        [notice("2025-10-01"), {"type": "appeal_registered", "on": "2025-11-20"}],
        as_of=date(2025, 11, 1),
    )
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.status == "pending"
    assert "events_after_as_of" in {f.code for f in report.findings}


# ---------------------------------------------------------------- several decisions


def test_each_decision_gets_its_own_deadlines() -> None:
    report = st.evaluate(
        [
            notice("2025-01-10", "refuse_assessment"),
            {"type": "appeal_registered", "on": "2025-02-01"},
            notice("2025-09-01", "plan_finalised", disputed=["placement"]),
        ],
        as_of=date(2025, 9, 2),
    )
    assert [o.decision for o in report.decisions] == ["refuse_assessment", "plan_finalised"]
    appeals = [d for d in report.deadlines if d.rule_id == "appeal.register"]
    assert [(d.decision_on, d.status) for d in appeals] == [
        (date(2025, 1, 10), "met"),
        (date(2025, 9, 1), "pending"),
    ]
    assert report.eligibility.decision == "plan_finalised"
    assert report.eligibility.certificate_required is False
    latest = report.deadline("appeal.register")
    assert latest is not None
    assert latest.decision_on == date(2025, 9, 1)


def test_no_decision_yet() -> None:
    report = st.evaluate([{"type": "child_born", "on": "2015-01-01"}], as_of=AS_OF)
    assert report.deadlines == ()
    assert report.eligibility.appealable is False
    assert "no_decision" in {f.code for f in report.findings}


# ---------------------------------------------------------------- bad input


def test_event_before_any_decision_names_both_events() -> None:
    with pytest.raises(ContradictoryEventsError) as caught:
        st.evaluate(
            [
                {"type": "mediation_held", "on": "2025-01-05", "agreement": "none"},
                notice("2025-01-10"),
            ],
            as_of=AS_OF,
        )
    message = str(caught.value)
    assert "mediation_held on 2025-01-05" in message
    assert "decision_notice on 2025-01-10" in message
    assert isinstance(caught.value, ValueError)


def test_certificate_before_adviser_contact_names_both_events() -> None:
    with pytest.raises(ContradictoryEventsError) as caught:
        st.evaluate(
            [
                notice(),
                {"type": "certificate_issued", "on": "2025-10-05", "reason": "declined"},
                {"type": "adviser_contacted", "on": "2025-10-08", "wants_mediation": False},
            ],
            as_of=AS_OF,
        )
    assert "certificate_issued on 2025-10-05" in str(caught.value)
    assert "adviser_contacted on 2025-10-08" in str(caught.value)


def test_two_dates_of_birth_contradict() -> None:
    with pytest.raises(ContradictoryEventsError):
        st.evaluate(
            [
                {"type": "child_born", "on": "2015-01-01"},
                {"type": "child_born", "on": "2015-01-02"},
                notice(),
            ],
            as_of=AS_OF,
        )


@pytest.mark.parametrize(
    ("event", "words"),
    [
        (
            {"type": "decision_notice", "on": "2014-08-31", "decision": "cease_plan"},
            ["2014-08-31", "1 September 2014"],
        ),
        ({"type": "teleported", "on": "2025-01-01"}, ["unknown event type 'teleported'"]),
        (
            {"type": "decision_notice", "on": "2025-01-01T10:00:00", "decision": "cease_plan"},
            ["'on'", "2025-01-01T10:00:00"],
        ),
        (
            {"type": "decision_notice", "on": "2025-01-01", "decision": "refuse_everything"},
            ["'decision'", "refuse_everything"],
        ),
        (
            {
                "type": "decision_notice",
                "on": "2025-01-01",
                "decision": "cease_plan",
                "colour": "red",
            },
            ["'colour'", "unknown fields"],
        ),
        (
            {"type": "decision_notice", "on": 20250101, "decision": "cease_plan"},
            ["'on'", "20250101"],
        ),
    ],
)
def test_bad_events_name_event_field_and_value(event: dict[str, Any], words: list[str]) -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 - the message is checked below
        st.evaluate([event], as_of=AS_OF)
    assert isinstance(caught.value, st.SendTimescalesError)
    for word in words:
        assert word in str(caught.value)
    assert "event 0" in str(caught.value)


def test_datetime_objects_are_rejected_not_truncated() -> None:
    from datetime import datetime

    with pytest.raises(EventError, match="datetime"):
        st.evaluate(
            [{"type": "decision_notice", "on": datetime(2025, 1, 1, 9), "decision": "cease_plan"}],
            as_of=AS_OF,
        )
    with pytest.raises(st.InputError, match="not a datetime"):
        st.evaluate([notice()], as_of=datetime(2025, 1, 1, 9))


def test_as_of_before_the_regime() -> None:
    with pytest.raises(DateOutOfRangeError):
        st.evaluate([], as_of=date(2014, 1, 1))


def test_nested_dates_are_checked_too() -> None:
    with pytest.raises(DateOutOfRangeError, match="letter_dated"):
        st.evaluate([notice(letter_dated="2014-05-01")], as_of=AS_OF)


def test_json_text_input_and_case_model() -> None:
    text = '[{"type": "decision_notice", "on": "2025-10-01", "decision": "cease_plan"}]'
    assert st.evaluate(text, as_of=AS_OF).deadline("appeal.register") is not None
    case = st.parse_case({"case_id": "C-1", "events": [notice()]})
    assert st.evaluate(case, as_of=AS_OF).provenance.case_id == "C-1"
    with pytest.raises(EventError, match="not valid JSON"):
        st.evaluate("[{", as_of=AS_OF)


def test_report_is_valid_under_its_own_schema() -> None:
    report = st.evaluate(
        [
            notice(notice_content=["mediation_right"]),
            {"type": "adviser_contacted", "on": "2025-10-06", "wants_mediation": False},
            {"type": "certificate_issued", "on": "2025-10-08", "reason": "declined"},
        ],
        as_of=AS_OF,
    )
    again = st.Report.model_validate(report.model_dump(mode="json"))
    assert again == report
    assert st.Report.model_validate_json(report.model_dump_json()) == report


def test_renderings() -> None:
    report = st.evaluate(
        [notice(), {"type": "mediation_requested", "on": "2025-10-07"}], as_of=AS_OF
    )
    text = report.to_text()
    assert "appeal.register" in text
    assert "HESC Rules r.20(1)(c) [verified]" in text
    assert "| Due | Status | Rule | Who | Law |" in report.to_markdown()
    assert "<table>" in report._repr_html_()


def test_local_closures_never_move_the_tribunal_deadline() -> None:
    cal = st.WorkingDayCalendar.england_and_wales(extra_closures=[date(2026, 1, 2)])
    events = [
        notice("2025-10-01"),
        {"type": "adviser_contacted", "on": "2025-11-26", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-11-29", "reason": "declined"},
    ]
    report = st.evaluate(events, as_of=date(2025, 12, 1), calendar=cal)
    assert due(report, "appeal.register") == date(2026, 1, 2)
    assert "1 local closures" in report.provenance.calendar


def test_as_of_may_be_an_iso_string_like_event_dates() -> None:
    assert st.evaluate([notice()], as_of="2025-12-01") == st.evaluate(
        [notice()], as_of=date(2025, 12, 1)
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"as_of": "01/12/2025"}, "as_of"),
        ({"as_of": 20251201}, "as_of"),
        ({"calendar": "england"}, "calendar"),
        ({"rules": ["appeal.register"]}, "rules"),
        ({"case_id": 42}, "case_id"),
    ],
    ids=["as_of-format", "as_of-int", "calendar", "rules", "case_id"],
)
def test_wrongly_typed_options_are_input_errors_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(st.InputError) as caught:
        st.evaluate([notice()], **kwargs)  # type: ignore[arg-type]
    assert field in str(caught.value)
    assert caught.value.field == field


def test_health_only_date_notice_is_owed_by_the_icb() -> None:
    report = st.evaluate(
        [
            notice("2025-03-03", "plan_finalised", disputed=["health"]),
            {"type": "mediation_requested", "on": "2025-03-10", "issues": ["health"]},
            {"type": "health_notified", "on": "2025-03-11"},
            {"type": "mediation_scheduled", "on": "2025-03-20", "mediation_on": "2025-04-02"},
        ],
        as_of=date(2025, 3, 21),
    )
    d = report.deadline("mediation.date_notice")
    assert d is not None
    assert d.duty_holder == "icb"


@pytest.mark.parametrize("bad", [None, 5, {"type": "decision_notice"}])
def test_events_that_are_not_a_list(bad: object) -> None:
    with pytest.raises(EventError, match="events must be a list"):
        st.evaluate(bad, as_of=AS_OF)  # type: ignore[arg-type]


def test_an_event_that_is_not_an_object() -> None:
    with pytest.raises(EventError, match="event 1: 5 is not an event"):
        st.evaluate([notice(), 5], as_of=AS_OF)  # type: ignore[list-item]
