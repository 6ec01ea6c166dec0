"""Readings fixed after an independent check of the rules against the law (CHANGELOG, Fixed).

Every expected date is worked out by hand in a comment, from the regulation's words and the
England and Wales bank-holiday list; none is copied from the code's output.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import send_timescales as st

Event = dict[str, Any]


def _deadline(events: list[Event], as_of: str, rule_id: str) -> st.Deadline | None:
    return st.evaluate(events, as_of=as_of).deadline(rule_id)


# ------------------------------------------------- a re-assessment notice that answers an order


def test_notice_answering_a_reassess_order_meets_it_and_starts_no_reg_27_clock() -> None:
    # Order made on the same day as the LA's notice (Mon 2 Feb 2026): the notice answers it.
    # reg 44(2)(b): 2 Feb + 14 = Mon 16 Feb 2026, done on 2 Feb: met.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": "reassessment_agreed", "on": "2026-02-02"},
    ]
    report = st.evaluate(events, as_of="2026-02-20")
    notify = report.deadline("tribunal.order.assess.notify")
    assert notify is not None
    assert (notify.due, notify.status, notify.done_on) == (
        date(2026, 2, 16),
        "met",
        date(2026, 2, 2),
    )
    assert report.deadline("reassessment.final") is None


def test_notice_before_the_order_is_a_reg_25_notice() -> None:
    # The notice of Sun 1 Feb 2026 comes before the order of Mon 2 Feb: it answers no order, so
    # reg 27(2) runs from it: 1 Feb + 98 days = Sun 10 May 2026 (C7: not moved). The order's
    # notice (2 Feb + 14 = Mon 16 Feb 2026) has had no notice on or after it: overdue on 20 Feb.
    events: list[Event] = [
        {"type": "reassessment_agreed", "on": "2026-02-01"},
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
    ]
    report = st.evaluate(events, as_of="2026-02-20")
    final = report.deadline("reassessment.final")
    assert final is not None
    assert final.due == date(2026, 5, 10)
    notify = report.deadline("tribunal.order.assess.notify")
    assert notify is not None
    assert (notify.due, notify.status) == (date(2026, 2, 16), "overdue")


def test_a_request_received_after_the_order_claims_the_notice() -> None:
    # Concession to assess Mon 6 Oct 2025, answered by assessment_agreed Fri 10 Oct 2025. A
    # request to re-assess received Mon 2 Mar 2026 is answered by the notice of Fri 13 Mar
    # 2026 (reg 25(1): 2 Mar + 15 = Tue 17 Mar: met); reg 27(2): 13 Mar + 98 = Fri 19 Jun 2026.
    events: list[Event] = [
        {"type": "appeal_conceded", "on": "2025-10-06", "concession": "assess"},
        {"type": "assessment_agreed", "on": "2025-10-10"},
        {"type": "reassessment_requested", "on": "2026-03-02"},
        {"type": "reassessment_agreed", "on": "2026-03-13"},
    ]
    report = st.evaluate(events, as_of="2026-03-20")
    decision = report.deadline("reassessment.decision")
    assert decision is not None
    assert (decision.due, decision.status) == (date(2026, 3, 17), "met")
    final = report.deadline("reassessment.final")
    assert final is not None
    assert final.due == date(2026, 6, 19)
    notify = report.deadline("unopposed.assess.notify")
    assert notify is not None
    assert notify.done_on == date(2025, 10, 10)


def test_a_second_notice_after_an_answered_order_starts_reg_27() -> None:
    # Order of Mon 2 Feb 2026 answered by assessment_agreed Tue 10 Feb; a later notice of
    # Mon 1 Jun 2026 is the LA's own decision: 1 Jun + 98 = Mon 7 Sep 2026.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": "assessment_agreed", "on": "2026-02-10"},
        {"type": "reassessment_agreed", "on": "2026-06-01"},
    ]
    final = _deadline(events, "2026-06-05", "reassessment.final")
    assert final is not None
    assert (final.due, final.status) == (date(2026, 9, 7), "pending")


def test_notice_answering_a_mediation_agreement_to_assess() -> None:
    # Refusal to re-assess Mon 5 Jan 2026; mediation agreement Mon 2 Feb 2026 to assess (reg
    # 42(2), as if ordered): notify within 2 weeks, 2 Feb + 14 = Mon 16 Feb 2026; the LA's
    # notice of Tue 10 Feb meets it and starts no reg 27(2) clock.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2026-01-05", "decision": "refuse_reassessment"},
        {
            "type": "mediation_agreement",
            "on": "2026-02-02",
            "actions": [{"what": "re-assess", "kind": "assess"}],
        },
        {"type": "reassessment_agreed", "on": "2026-02-10"},
    ]
    report = st.evaluate(events, as_of="2026-02-20")
    assert report.deadline("reassessment.final") is None
    steps = [d for d in report.deadlines if d.rule_id == "mediation.agreement.appealable"]
    notify = [d for d in steps if d.due == date(2026, 2, 16)]
    assert [(d.status, d.done_on) for d in notify] == [("met", date(2026, 2, 10))]


def test_a_concession_other_than_to_assess_does_not_claim_the_notice() -> None:
    # A concession to amend (Mon 2 Feb 2026) is not an order to (re-)assess: the notice of
    # Fri 6 Feb 2026 starts reg 27(2): 6 Feb + 98 = Fri 15 May 2026.
    events: list[Event] = [
        {"type": "appeal_conceded", "on": "2026-02-02", "concession": "amend"},
        {"type": "reassessment_agreed", "on": "2026-02-06"},
    ]
    final = _deadline(events, "2026-02-20", "reassessment.final")
    assert final is not None
    assert final.due == date(2026, 5, 15)


# ------------------------------------------------------------------------- reg 18(3)


@pytest.mark.parametrize(
    ("transfer_on", "kind", "due"),
    [
        # reg 18(3): secondary to post-16 on 1 September 2015: before 31 May 2015 = Sat 30 May.
        ("2015-09-01", "to_post16", date(2015, 5, 30)),
        # Any other day: reg 18(1)(a), before 31 March = Mon 30 Mar 2015.
        ("2015-09-02", "to_post16", date(2015, 3, 30)),
        # Another year: before 31 March 2016 = Wed 30 Mar 2016.
        ("2016-09-01", "to_post16", date(2016, 3, 30)),
        # Another kind of transfer on that day: reg 18(1)(b), before 15 February = Sat 14 Feb.
        ("2015-09-01", "other", date(2015, 2, 14)),
    ],
)
def test_reg_18_3_first_post16_transfer(transfer_on: str, kind: str, due: date) -> None:
    events: list[Event] = [
        {
            "type": "phase_transfer_planned",
            "on": "2014-10-01",
            "transfer_on": transfer_on,
            "kind": kind,
        }
    ]
    deadline = _deadline(events, "2015-01-05", "review.phase_transfer")
    assert deadline is not None
    assert deadline.due == due
    assert any("18(3)" in step for step in deadline.explanation) is (due == date(2015, 5, 30))


def test_a_before_date_on_a_weekend_has_no_c7_note() -> None:
    # Before 31 May 2015 = Sat 30 May 2015: the date stands, without the note of C7.
    events: list[Event] = [
        {
            "type": "phase_transfer_planned",
            "on": "2014-10-01",
            "transfer_on": "2015-09-01",
            "kind": "to_post16",
        },
    ]
    deadline = _deadline(events, "2015-01-05", "review.phase_transfer")
    assert deadline is not None
    assert deadline.due == date(2015, 5, 30)
    assert not any("not a working day" in step for step in deadline.explanation)
    assert "reg 18(3)" in {c.provision for c in deadline.citations}


# ---------------------------------------------- a certificate the adviser may not issue


_LATE_CONTACT: list[Event] = [
    # Notice sent Thu 31 Jul 2025: 2 months end Tue 30 Sep 2025 (no 31 September, C2).
    {"type": "decision_notice", "on": "2025-07-31", "decision": "refuse_assessment"},
    # First contact Wed 1 Oct 2025, a day after: reg 34(2), the adviser may not issue a
    # declined certificate; one issued Fri 3 Oct 2025 is not counted (C9).
    {"type": "adviser_contacted", "on": "2025-10-01", "wants_mediation": False},
    {"type": "certificate_issued", "on": "2025-10-03", "reason": "declined"},
]


@pytest.mark.parametrize("explain", [True, False])
def test_a_barred_certificate_does_not_extend_the_appeal(explain: bool) -> None:
    report = st.evaluate(_LATE_CONTACT, as_of="2025-10-10", explain=explain)
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert (appeal.due, appeal.status) == (date(2025, 9, 30), "overdue")
    if explain:
        # Counting from the certificate: 3 Oct + 1 month = Mon 3 Nov 2025, named as the other
        # reading; the "no certificate yet" note is not given, as one was issued.
        text = " ".join(appeal.explanation)
        assert "Limb (ii) would end on Monday 3 November 2025" in text
        assert "No mediation certificate has been issued" not in text


def test_a_later_certificate_the_law_allows_is_counted() -> None:
    # After the barred certificate, a certificate after mediation of Thu 20 Nov 2025: limb (ii)
    # = Sat 20 Dec 2025, later than limb (i); r.12(2) moves a Saturday to Mon 22 Dec 2025.
    events = [
        *_LATE_CONTACT,
        {"type": "certificate_issued", "on": "2025-11-20", "reason": "after_mediation"},
    ]
    appeal = _deadline(events, "2025-11-21", "appeal.register")
    assert appeal is not None
    assert (appeal.due, appeal.status) == (date(2025, 12, 22), "pending")
    assert any("would end on Monday 3 November 2025" in s for s in appeal.explanation)


def test_a_declined_certificate_after_a_timely_contact_is_counted() -> None:
    # Contact on Tue 30 Sep 2025, the last day of the 2 months: the declined certificate of Fri
    # 3 Oct 2025 is allowed; 3 Oct + 1 month = Mon 3 Nov 2025.
    events = [dict(e) for e in _LATE_CONTACT]
    events[1]["on"] = "2025-09-30"
    appeal = _deadline(events, "2025-10-10", "appeal.register")
    assert appeal is not None
    assert (appeal.due, appeal.status) == (date(2025, 11, 3), "pending")


# ---------------------------------------- reg 39 certificates where none is required


def test_no_certificate_after_mediation_when_only_section_i_is_disputed() -> None:
    # Only the school named is disputed (CFA 2014 s.55(2)): no certificate of reg 39(1) or (2).
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2026-01-05",
            "decision": "plan_finalised",
            "disputed": ["placement"],
        },
        {"type": "mediation_requested", "on": "2026-01-12", "issues": ["education"]},
        {"type": "mediation_not_arranged", "on": "2026-02-06"},
        {"type": "mediation_held", "on": "2026-02-20", "agreement": "none"},
    ]
    report = st.evaluate(events, as_of="2026-03-02")
    for rule_id, reg in [
        ("mediation.certificate.after_mediation", "reg 39(1)"),
        ("mediation.certificate.not_arranged", "reg 39(2)"),
    ]:
        deadline = report.deadline(rule_id)
        assert deadline is not None
        assert (deadline.due, deadline.status) == (None, "disapplied")
        assert "Section I" in deadline.explanation[-1]
        assert (
            f"{reg} is issued under s.55(5) only where one is required"
            in (deadline.explanation[-1])
        )
    assert not [f for f in report.findings if f.rule_id and "certificate" in f.rule_id]


def test_no_appeal_reason_names_s55_1() -> None:
    # Only health care disputed on an amended plan: no appeal, so no certificate (s.55(1)).
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2026-01-05",
            "decision": "plan_amended",
            "disputed": ["health"],
        },
        {"type": "mediation_requested", "on": "2026-01-20", "issues": ["health"]},
        {"type": "mediation_held", "on": "2026-03-10", "agreement": "none"},
    ]
    report = st.evaluate(events, as_of="2026-03-20")
    contact = report.deadline("mediation.adviser_contact")
    assert contact is not None
    assert contact.status == "disapplied"
    assert "there is no appeal on what is disputed" in contact.explanation[-1]
    assert "Section I" not in contact.explanation[-1]
    after = report.deadline("mediation.certificate.after_mediation")
    assert after is not None
    assert (after.due, after.status) == (None, "disapplied")


def test_shorter_notice_of_a_health_only_mediation_is_the_icbs() -> None:
    # Reg 37(2) "that body": the ICB arranges a health-only mediation (reg 35(3)), also when
    # the parent agreed to shorter notice and the limit is disapplied.
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2026-02-02",
            "decision": "plan_amended",
            "disputed": ["health"],
        },
        {"type": "mediation_requested", "on": "2026-02-09", "issues": ["health"]},
        {
            "type": "mediation_scheduled",
            "on": "2026-03-10",
            "mediation_on": "2026-03-12",
            "shorter_notice_agreed": True,
        },
    ]
    notice = _deadline(events, "2026-03-11", "mediation.date_notice")
    assert notice is not None
    assert (notice.due, notice.status, notice.duty_holder) == (None, "disapplied", "icb")


# ------------------------------------------- review meeting notice: two clear weeks


@pytest.mark.parametrize(
    ("sent_on", "status"),
    [
        # Meeting Mon 16 Mar 2026: 14 days before is Mon 2 Mar; two clear weeks end Sun 1 Mar.
        ("2026-03-01", "met"),
        ("2026-03-02", "missed"),
        ("2026-02-27", "met"),
    ],
)
def test_review_notice_needs_two_clear_weeks(sent_on: str, status: str) -> None:
    events: list[Event] = [
        {
            "type": "review_meeting_held",
            "on": "2026-03-16",
            "notice_sent_on": sent_on,
            "advice_circulated_on": sent_on,
        },
    ]
    report = st.evaluate(events, as_of="2026-03-17")
    for rule_id in ("review.meeting_notice", "review.advice_circulation"):
        deadline = report.deadline(rule_id)
        assert deadline is not None
        assert (deadline.due, deadline.status) == (date(2026, 3, 1), status)
        text = " ".join(deadline.explanation)
        assert "the other reading allows Monday 2 March 2026" in text
        assert "not a working day" not in text  # a date fixed by "at least" stands (C7)


def test_c7_note_names_schools_and_advice_givers() -> None:
    # Meeting Sat 7 Mar 2026: the school's report is due within 2 weeks, Sat 21 Mar 2026, which
    # does not move (C7); the note names every body whose duty does not move.
    events: list[Event] = [{"type": "review_meeting_held", "on": "2026-03-07"}]
    report = _deadline(events, "2026-03-09", "review.report")
    assert report is not None
    assert report.due == date(2026, 3, 21)
    assert any("mediator, school or advice giver" in step for step in report.explanation)


# ---------------------------------------------------------------------- texts


def test_secondary_note_names_the_source_that_was_not_read() -> None:
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2026-03-02"},
    ]
    decision = _deadline(events, "2026-03-09", "review.decision")
    assert decision is not None
    note = [s for s in decision.explanation if s.startswith("Citation confidence: secondary")]
    assert len(note) == 1
    assert "Devon" in note[0]
    assert "its own words were not read in the official text" in note[0]


def test_mediation_right_cites_s52() -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2026-01-05", "decision": "refuse_assessment"},
    ]
    reasons = st.evaluate(events, as_of="2026-01-06").eligibility.reasons
    texts = {r.question: r.text for r in reasons}
    assert "s.52(1)(a)" in texts["mediation_available"]
    assert "or that none is named, is exempt (s.55(2))" in texts["certificate_required"]


def test_appeal_without_certificate_names_s55_3() -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2026-01-05", "decision": "refuse_assessment"},
        {"type": "appeal_registered", "on": "2026-01-20"},
    ]
    found = [
        f
        for f in st.evaluate(events, as_of="2026-01-21").findings
        if f.code == "appeal_without_certificate"
    ]
    assert len(found) == 1
    assert "s.55(3)" in found[0].message


# ------------------------------------ which notice answers an order: the edges of the rule


def _finals(events: list[Event], as_of: str) -> list[date | None]:
    report = st.evaluate(events, as_of=as_of)
    return [d.due for d in report.deadlines if d.rule_id == "reassessment.final"]


@pytest.mark.parametrize(
    "opener",
    [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "assess"},
        {"type": "appeal_conceded", "on": "2026-02-02", "concession": "assess"},
        {"type": "appeal_conceded", "on": "2026-02-02", "concession": "reassess"},
    ],
)
def test_every_order_to_assess_claims_the_notice(opener: Event) -> None:
    # A notice of Fri 13 Feb 2026 after an order or concession of Mon 2 Feb to assess or
    # re-assess answers it: no reg 27(2) clock.
    events = [opener, {"type": "reassessment_agreed", "on": "2026-02-13"}]
    assert _finals(events, "2026-02-20") == []


def test_an_agreement_with_only_other_actions_claims_nothing() -> None:
    # A mediation agreement whose only action is of kind "other" (reg 42(3)) is not an order to
    # assess: the notice of Fri 13 Feb 2026 starts reg 27(2), 13 Feb + 98 = Fri 22 May 2026.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2026-01-05", "decision": "refuse_reassessment"},
        {
            "type": "mediation_agreement",
            "on": "2026-02-02",
            "actions": [{"what": "a meeting", "kind": "other"}],
        },
        {"type": "reassessment_agreed", "on": "2026-02-13"},
    ]
    assert _finals(events, "2026-02-20") == [date(2026, 5, 22)]


def test_a_request_received_on_the_day_of_the_order_does_not_claim_the_notice() -> None:
    # Request and order both Mon 2 Feb 2026: the request is not received "since" the order,
    # so the notice of Fri 13 Feb answers the order: no reg 27(2) clock.
    events: list[Event] = [
        {"type": "reassessment_requested", "on": "2026-02-02"},
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": "reassessment_agreed", "on": "2026-02-13"},
    ]
    assert _finals(events, "2026-02-20") == []


@pytest.mark.parametrize("notice_on", ["2026-02-10", "2026-02-13"])
def test_a_request_after_the_order_claims_the_notice(notice_on: str) -> None:
    # Order Mon 2 Feb 2026, request received Tue 10 Feb; the notice (the same day as the
    # request, or Fri 13 Feb) answers the request: 14 weeks from it, 10 Feb + 98 = Tue 19 May,
    # 13 Feb + 98 = Fri 22 May 2026.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": "reassessment_requested", "on": "2026-02-10"},
        {"type": "reassessment_agreed", "on": notice_on},
    ]
    due = {"2026-02-10": date(2026, 5, 19), "2026-02-13": date(2026, 5, 22)}[notice_on]
    assert _finals(events, "2026-02-20") == [due]


@pytest.mark.parametrize("first", ["assessment_agreed", "reassessment_agreed"])
def test_an_order_answered_on_its_own_day_leaves_later_notices_free(first: str) -> None:
    # Order Mon 2 Feb 2026, answered the same day; a notice of Mon 1 Jun 2026 is the LA's own
    # decision: 1 Jun + 98 = Mon 7 Sep 2026. The first notice starts nothing.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": first, "on": "2026-02-02"},
        {"type": "reassessment_agreed", "on": "2026-06-01"},
    ]
    assert _finals(events, "2026-06-05") == [date(2026, 9, 7)]


# -------------------------------------------------- exceptions: the second check's fixes


def _statuses(events: list[Event], as_of: str) -> dict[str, tuple[date | None, str]]:
    return {d.rule_id: (d.due, d.status) for d in st.evaluate(events, as_of=as_of).deadlines}


def test_a_closure_excuses_only_limits_running_when_advice_was_asked() -> None:
    # Request received Mon 5 Jan 2026: the 6 weeks end Mon 16 Feb. Advice asked of the school
    # Wed 18 Feb, after that; the school is closed Mon 23 Feb to Sun 22 Mar (28 days), so the
    # span runs Mon 16 Feb to Mon 16 Mar. The decision (Thu 19 Feb) is late: missed. The 16 and
    # 20 weeks (Mon 27 Apr, Mon 25 May 2026) were running on 18 Feb: disapplied.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "advice_requested", "on": "2026-02-18", "body": "educational"},
        {"type": "assessment_agreed", "on": "2026-02-19"},
        {
            "type": "exception_applied",
            "on": "2026-02-23",
            "to": "2026-03-22",
            "reason": "school_closure",
        },
    ]
    found = _statuses(events, "2026-03-01")
    assert found["assessment.decision"] == (date(2026, 2, 16), "missed")
    assert found["plan.decision_not_to_issue"] == (None, "disapplied")
    assert found["plan.final"] == (None, "disapplied")
    report = st.evaluate(events, as_of="2026-03-01")
    assert not [f for f in report.findings if f.code == "exception_not_applied"]


def test_a_closure_with_advice_asked_on_the_day_of_the_request_counts() -> None:
    # Request Mon 5 Jan 2026, advice asked that day; school closed Mon 12 Jan to Sun 8 Feb
    # (28 days): span Mon 5 Jan to Mon 2 Feb holds the request; the 6 weeks (Mon 16 Feb) run.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "advice_requested", "on": "2026-01-05", "body": "educational"},
        {
            "type": "exception_applied",
            "on": "2026-01-12",
            "to": "2026-02-08",
            "reason": "school_closure",
        },
    ]
    assert _statuses(events, "2026-01-20")["assessment.decision"] == (None, "disapplied")


def test_advice_asked_after_the_limit_gives_the_reason_in_the_finding() -> None:
    # As above, but the only limit is the 6 weeks: the finding says the request came too late.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "advice_requested", "on": "2026-02-18", "body": "educational"},
        {"type": "assessment_agreed", "on": "2026-02-19"},
        {
            "type": "exception_applied",
            "on": "2026-02-23",
            "to": "2026-03-22",
            "reason": "school_closure",
            "rule_ids": ["assessment.decision"],
        },
    ]
    (finding,) = [
        f
        for f in st.evaluate(events, as_of="2026-03-01").findings
        if f.code == "exception_not_applied"
    ]
    assert (
        "asked the setting for advice on Wednesday 18 February 2026, outside the running period "
        "of this limit (Tuesday 6 January 2026 to Monday 16 February 2026): that request cannot "
        "have made it impractical to meet"
    ) in finding.message


@pytest.mark.parametrize(
    ("second_on", "joined"),
    [
        # 12-25 Jan and 26 Jan-8 Feb 2026 touch: one absence of 28 days.
        ("2026-01-26", True),
        # Overlapping records: 12-25 Jan and 20 Jan-8 Feb, one absence of 28 days.
        ("2026-01-20", True),
        # 27 Jan-8 Feb leaves 26 Jan between them: 14 and 13 days, no 4 weeks.
        ("2026-01-27", False),
    ],
)
def test_touching_absences_are_one_continuous_absence(second_on: str, joined: bool) -> None:
    # Request Mon 5 Jan 2026: 6 weeks Mon 16 Feb, 16 weeks Mon 27 Apr, 20 weeks Mon 25 May.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "exception_applied", "on": "2026-01-12", "to": "2026-01-25", "reason": "absence"},
        {"type": "exception_applied", "on": second_on, "to": "2026-02-08", "reason": "absence"},
    ]
    report = st.evaluate(events, as_of="2026-03-01")
    found = {d.rule_id: (d.due, d.status) for d in report.deadlines}
    if joined:
        assert set(found.values()) == {(None, "disapplied")}
        assert not [f for f in report.findings if f.code == "exception_not_applied"]
    else:
        assert found["assessment.decision"] == (date(2026, 2, 16), "overdue")
        assert found["plan.final"] == (date(2026, 5, 25), "pending")


def test_absences_of_another_reason_do_not_join() -> None:
    # A 14-day absence touching 14 days of personal circumstances is still a 14-day absence;
    # the personal circumstances alone (no length needed) disapply the limits.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-01-05", "order": "make_plan"},
        {"type": "exception_applied", "on": "2026-01-06", "to": "2026-01-12", "reason": "absence"},
        {
            "type": "exception_applied",
            "on": "2026-01-13",
            "to": "2026-01-19",
            "reason": "personal_circumstances",
            "rule_ids": ["tribunal.order.make_plan.final"],
        },
    ]
    # Reg 44(3)(b): 2 weeks' absence needed; 7 days only: the draft (5 Jan + 35 = Mon 9 Feb)
    # stands; the final plan (5 Jan + 77 = Mon 23 Mar) is disapplied by the circumstances.
    found = _statuses(events, "2026-01-20")
    assert found["tribunal.order.make_plan.draft"] == (date(2026, 2, 9), "pending")
    assert found["tribunal.order.make_plan.final"] == (None, "disapplied")


@pytest.mark.parametrize(
    ("order_on", "due", "status"),
    [
        # Order Mon 10 Aug 2020 + 35 days = Mon 14 Sep 2020, within the window: disapplied.
        ("2020-08-10", None, "disapplied"),
        # Order Mon 17 Aug 2020 + 35 = Mon 21 Sep 2020: within the window, disapplied.
        ("2020-08-17", None, "disapplied"),
        # Order Thu 20 Aug 2020 + 35 = Thu 24 Sep 2020, the window's last day: disapplied.
        ("2020-08-20", None, "disapplied"),
        # Order Mon 24 Aug 2020 + 35 = Mon 28 Sep 2020: after the window, the limit stands.
        ("2020-08-24", date(2020, 9, 28), "overdue"),
    ],
)
def test_coronavirus_excuses_only_limits_due_in_the_window(
    order_on: str, due: date | None, status: str
) -> None:
    events: list[Event] = [
        {"type": "tribunal_order", "on": order_on, "order": "amend"},
        {
            "type": "exception_applied",
            "on": "2020-09-01",
            "to": "2020-09-10",
            "reason": "coronavirus",
        },
    ]
    assert _statuses(events, "2020-10-05")["tribunal.order.amend"] == (due, status)


def test_coronavirus_limit_due_after_the_window_names_the_other_reading() -> None:
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2020-08-24", "order": "amend"},
        {
            "type": "exception_applied",
            "on": "2020-09-01",
            "to": "2020-09-10",
            "reason": "coronavirus",
        },
    ]
    (finding,) = [
        f
        for f in st.evaluate(events, as_of="2020-10-05").findings
        if f.code == "exception_not_applied"
    ]
    assert "falls due on Monday 28 September 2020, after 1 May to 24 September 2020" in (
        finding.message
    )
    assert "the other reading" in finding.message


# ------------------------------------------------ eligibility and duties: the second check


def test_appeal_grounds_widen_what_is_disputed() -> None:
    # Notice of a final plan Mon 2 Jun 2025 recording only the school named as disputed; the
    # appeal of Mon 14 Jul 2025 is also about needs: a certificate is needed (s.55(2): only an
    # appeal "concerning only" Section I is exempt), so reg 33 runs: 2 Jun + 2 months = Sat 2
    # Aug 2025, not moved.
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2025-06-02",
            "decision": "plan_finalised",
            "disputed": ["placement"],
        },
        {"type": "appeal_registered", "on": "2025-07-14", "grounds": ["needs", "placement"]},
    ]
    report = st.evaluate(events, as_of="2025-07-20")
    assert report.eligibility.certificate_required is True
    contact = report.deadline("mediation.adviser_contact")
    assert contact is not None
    assert (contact.due, contact.status) == (date(2025, 8, 2), "pending")
    assert "appeal_without_certificate" in [f.code for f in report.findings]


def test_appeal_grounds_count_when_the_notice_records_nothing() -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-06-02", "decision": "plan_finalised"},
        {"type": "appeal_registered", "on": "2025-07-14", "grounds": ["placement"]},
    ]
    assert st.evaluate(events, as_of="2025-07-20").eligibility.certificate_required is False


@pytest.mark.parametrize(
    ("ceased_on", "extra", "flagged"),
    [
        # Decision to cease Mon 2 Mar 2026; time to appeal: 2 May (Sat) -> r.12(2): Mon 4 May
        # is the Early May bank holiday -> Tue 5 May 2026. Ceased Mon 16 Mar: too early.
        ("2026-03-16", [], True),
        # Ceased on the day of the decision itself: too early.
        ("2026-03-02", [], True),
        # An appeal registered on the last day, Tue 5 May, is in time: ceasing Wed 6 May is
        # too early while it is undecided.
        ("2026-05-06", [{"type": "appeal_registered", "on": "2026-05-05"}], True),
        # An order that does not dismiss the appeal (to continue the plan) does not end it.
        (
            "2026-06-16",
            [
                {"type": "appeal_registered", "on": "2026-04-20"},
                {"type": "tribunal_order", "on": "2026-06-10", "order": "continue_plan"},
            ],
            True,
        ),
        # Dismissed on the day the appeal was registered, or on the day of ceasing: allowed.
        (
            "2026-06-16",
            [
                {"type": "appeal_registered", "on": "2026-04-20"},
                {"type": "tribunal_order", "on": "2026-04-20", "order": "dismiss_cease_appeal"},
            ],
            False,
        ),
        (
            "2026-06-16",
            [
                {"type": "appeal_registered", "on": "2026-04-20"},
                {"type": "tribunal_order", "on": "2026-06-16", "order": "dismiss_cease_appeal"},
            ],
            False,
        ),
        # Ceased on Tue 5 May itself: still within the time to appeal.
        ("2026-05-05", [], True),
        # Ceased Wed 6 May, the day after, with no appeal brought: allowed.
        ("2026-05-06", [], False),
        # An appeal registered Mon 20 Apr (in time) and no order yet: ceasing Tue 16 Jun is
        # too early.
        ("2026-06-16", [{"type": "appeal_registered", "on": "2026-04-20"}], True),
        # The Tribunal dismissed the appeal on Wed 10 Jun: ceasing on 16 Jun is allowed.
        (
            "2026-06-16",
            [
                {"type": "appeal_registered", "on": "2026-04-20"},
                {"type": "tribunal_order", "on": "2026-06-10", "order": "dismiss_cease_appeal"},
            ],
            False,
        ),
    ],
)
def test_plan_ceased_too_early(ceased_on: str, extra: list[Event], flagged: bool) -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2026-03-02", "decision": "cease_plan"},
        {"type": "plan_ceased", "on": ceased_on},
        *extra,
    ]
    report = st.evaluate(events, as_of="2026-06-20")
    appeal = [d for d in report.deadlines if d.rule_id == "appeal.register"]
    assert appeal[0].due == date(2026, 5, 5)
    found = [f for f in report.findings if f.code == "plan_ceased_too_early"]
    assert bool(found) is flagged
    if found:
        assert found[0].rule_id == "cease.maintain_pending_appeal"
        assert found[0].severity == "warning"
        assert found[0].message.endswith(
            "CFA 2014 s.45(4) says the LA may not cease to maintain it until then."
            if not extra
            else "was not yet finally decided (no order dismissing it on or before that day): "
            "CFA 2014 s.45(4) says the LA may not cease to maintain it until the appeal is "
            "finally determined."
        )


def test_party_reason_says_when_the_young_person_takes_over() -> None:
    # Born Mon 31 Aug 2009: 16 on Sun 31 Aug 2025, in the school year 2024/25, whose leaving
    # date is the last Friday in June 2025, Fri 27 Jun. A decision sent that day: the parent,
    # and from Sat 28 Jun 2025 the young person.
    events: list[Event] = [
        {"type": "child_born", "on": "2009-08-31"},
        {"type": "decision_notice", "on": "2025-06-27", "decision": "refuse_assessment"},
    ]
    eligibility = st.evaluate(events, as_of="2025-07-01").eligibility
    assert eligibility.party == "parent"
    (reason,) = [r for r in eligibility.reasons if r.question == "party"]
    assert "from Saturday 28 June 2025 the young person holds the rights" in reason.text
    # Sent 2 months and a day before the leaving date (Sat 26 Apr 2025): the 2 months end on
    # Thu 26 Jun, before it: no such sentence.
    events[1]["on"] = "2025-04-26"
    eligibility = st.evaluate(events, as_of="2025-07-01").eligibility
    (reason,) = [r for r in eligibility.reasons if r.question == "party"]
    assert "the young person holds the rights, so" not in reason.text


def test_party_reason_after_25_says_it_is_not_settled() -> None:
    events: list[Event] = [
        {"type": "child_born", "on": "2000-03-14"},
        {"type": "decision_notice", "on": "2025-03-14", "decision": "cease_plan"},
    ]
    eligibility = st.evaluate(events, as_of="2025-03-20").eligibility
    (reason,) = [r for r in eligibility.reasons if r.question == "party"]
    assert "defines a young person as under 25" in reason.text


def test_party_reason_when_the_2_months_end_on_the_leaving_date() -> None:
    # Leaving date Fri 27 Jun 2025 (born Mon 31 Aug 2009). A decision sent Sun 27 Apr 2025:
    # its 2 months end on Fri 27 Jun, the leaving date itself: the parent acts throughout, no
    # sentence. Sent Mon 28 Apr: the 2 months end Sat 28 Jun, the young person's first day.
    events: list[Event] = [
        {"type": "child_born", "on": "2009-08-31"},
        {"type": "decision_notice", "on": "2025-04-27", "decision": "refuse_assessment"},
    ]
    for sent_on, said in [("2025-04-27", False), ("2025-04-28", True)]:
        events[1]["on"] = sent_on
        reasons = st.evaluate(events, as_of="2025-05-01").eligibility.reasons
        (reason,) = [r for r in reasons if r.question == "party"]
        assert ("from Saturday 28 June 2025 the young person" in reason.text) is said


def test_touching_closures_are_not_joined() -> None:
    # Two schools' closures of 14 days each, back to back (Mon 12 to Sun 25 Jan and Mon 26 Jan
    # to Sun 8 Feb 2026), with advice asked on the day of the request: each needs 4 weeks on
    # its own, so nothing is disapplied (only absences join). The 6 weeks: Mon 16 Feb 2026.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "advice_requested", "on": "2026-01-05", "body": "educational"},
        {
            "type": "exception_applied",
            "on": "2026-01-12",
            "to": "2026-01-25",
            "reason": "school_closure",
        },
        {
            "type": "exception_applied",
            "on": "2026-01-26",
            "to": "2026-02-08",
            "reason": "school_closure",
        },
    ]
    assert _statuses(events, "2026-02-10")["assessment.decision"] == (
        date(2026, 2, 16),
        "pending",
    )


def test_an_exception_limited_to_several_limits_names_them() -> None:
    # An absence of Tue 24 Jun to Tue 8 Jul 2025 after an order to assess of Mon 2 Jun 2025,
    # limited by rule_ids to two limits this case does not have: the finding names both.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2025-06-02", "order": "assess"},
        {
            "type": "exception_applied",
            "on": "2025-06-24",
            "to": "2025-07-08",
            "reason": "absence",
            "rule_ids": ["plan.final", "reassessment.final"],
        },
    ]
    (finding,) = [
        f
        for f in st.evaluate(events, as_of="2025-07-30").findings
        if f.code == "exception_not_applied"
    ]
    assert "it names only plan.final, reassessment.final, and none of those" in finding.message


# ------------------------------------------------- reviews and amendments: the third check


def _amendment_final(between: list[Event]) -> tuple[date | None, str]:
    # Review meeting Mon 13 Jan 2025; proposals Mon 1 Sep 2025; amended plan Fri 24 Oct 2025.
    # 8 weeks from the proposals: 1 Sep + 56 = Mon 27 Oct 2025 (met). 12 weeks from the
    # meeting: 13 Jan + 84 = Mon 7 Apr 2025, the earlier, when the proposals follow the review.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-01-13"},
        *between,
        {"type": "amendment_notice_sent", "on": "2025-09-01"},
        {"type": "decision_notice", "on": "2025-10-24", "decision": "plan_amended"},
    ]
    found = _statuses(events, "2025-11-01")
    return found["amendment.final"]


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        # Nothing settled the review: the proposals follow it; Devon's 12 weeks decide.
        ([], (date(2025, 4, 7), "missed")),
        (
            [{"type": "review_decision", "on": "2025-01-31", "outcome": "amend"}],
            (date(2025, 4, 7), "missed"),
        ),
        # The review kept the plan (on the day of the meeting, or later): reg 28, 8 weeks.
        (
            [{"type": "review_decision", "on": "2025-01-13", "outcome": "maintain"}],
            (date(2025, 10, 27), "met"),
        ),
        (
            [{"type": "review_decision", "on": "2025-01-31", "outcome": "maintain"}],
            (date(2025, 10, 27), "met"),
        ),
        # A decision not to amend, or an amended plan, settled it.
        (
            [{"type": "decision_notice", "on": "2025-02-28", "decision": "refuse_amendment"}],
            (date(2025, 10, 27), "met"),
        ),
        (
            [{"type": "decision_notice", "on": "2025-03-14", "decision": "plan_amended"}],
            (date(2025, 10, 27), "met"),
        ),
        # A decision to cease the plan settled it too.
        (
            [{"type": "decision_notice", "on": "2025-03-14", "decision": "cease_plan"}],
            (date(2025, 10, 27), "met"),
        ),
        # A re-assessment began in between (requested, or agreed on the day of the proposals).
        ([{"type": "reassessment_requested", "on": "2025-06-02"}], (date(2025, 10, 27), "met")),
        ([{"type": "reassessment_agreed", "on": "2025-09-01"}], (date(2025, 10, 27), "met")),
    ],
)
def test_devon_limb_only_for_proposals_that_follow_the_review(
    between: list[Event], expected: tuple[date, str]
) -> None:
    assert _amendment_final(between) == expected


def test_a_decision_not_to_amend_within_the_15_days_cuts_them_short() -> None:
    # Proposals sent Fri 13 Feb 2026: day 1; the 15 days run to Fri 27 Feb 2026. A decision
    # not to amend on Mon 23 Feb (day 11) comes within them: missed, with the finding.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-06-02", "decision": "plan_finalised"},
        {"type": "amendment_notice_sent", "on": "2026-02-13"},
        {"type": "decision_notice", "on": "2026-02-23", "decision": "refuse_amendment"},
    ]
    report = st.evaluate(events, as_of="2026-03-02")
    representations = report.deadline("amendment.representations")
    assert representations is not None
    assert (representations.due, representations.status) == (date(2026, 2, 27), "missed")
    (finding,) = [f for f in report.findings if f.code == "amended_plan_before_representations"]
    assert "a decision not to amend" in finding.message


@pytest.mark.parametrize(
    ("moving", "kept", "due", "status"),
    [
        # Move Mon 31 Aug 2026: five months before is Tue 31 Mar 2026; five clear months end
        # Mon 30 Mar 2026. Kept on 30 Mar: met; on 31 Mar: missed.
        ("2026-08-31", "2026-03-30", date(2026, 3, 30), "met"),
        ("2026-08-31", "2026-03-31", date(2026, 3, 30), "missed"),
        # Move Mon 5 Jan 2026: Tue 5 Aug 2025, less a day: Mon 4 Aug 2025.
        ("2026-01-05", "2025-08-04", date(2025, 8, 4), "met"),
    ],
)
def test_post16_move_needs_five_clear_months(
    moving: str, kept: str, due: date, status: str
) -> None:
    events: list[Event] = [
        {
            "type": "phase_transfer_planned",
            "on": "2025-06-02",
            "transfer_on": moving,
            "kind": "post16_to_post16",
        },
        {"type": "review_decision", "on": kept, "outcome": "maintain"},
    ]
    deadline = _deadline(events, "2026-09-01", "review.phase_transfer")
    assert deadline is not None
    assert (deadline.due, deadline.status) == (due, status)
    assert any("five clear months" in step for step in deadline.explanation)


@pytest.mark.parametrize(("reassessed", "words"), [(True, "reg 27(4)(a)"), (False, "s.44(1)")])
def test_a_new_plan_ends_the_old_review_clock_with_the_right_reason(
    reassessed: bool, words: str
) -> None:
    # Plan made Mon 2 Sep 2024 (review by Mon 1 Sep 2025); a new final plan on Mon 2 Jun 2025.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "decision_notice", "on": "2025-06-02", "decision": "plan_finalised"},
    ]
    if reassessed:
        events.insert(1, {"type": "reassessment_agreed", "on": "2025-02-03"})
    report = st.evaluate(events, as_of="2025-06-10")
    old = [d for d in report.deadlines if d.rule_id == "review.annual" and d.status == "disapplied"]
    assert len(old) == 1
    assert words in old[0].explanation[-1]


# ----------------------------------------------- mediation agreements: the fourth check


def _agreement_case(
    actions: list[Event], *more: Event, disputed: list[str] | None = None
) -> list[Event]:
    # Refusal to assess Mon 5 Jan 2026 (or a plan amended, with `disputed`); mediation
    # requested Mon 12 Jan, held and agreed Mon 2 Feb 2026.
    notice: Event = {"type": "decision_notice", "on": "2026-01-05", "decision": "refuse_assessment"}
    if disputed is not None:
        notice = {
            "type": "decision_notice",
            "on": "2026-01-05",
            "decision": "plan_amended",
            "disputed": disputed,
        }
    issues = ["health"] if disputed == ["health"] else ["education"]
    return [
        notice,
        {"type": "mediation_requested", "on": "2026-01-12", "issues": issues},
        {"type": "mediation_held", "on": "2026-02-02", "agreement": "full"},
        {"type": "mediation_agreement", "on": "2026-02-02", "actions": actions},
        *more,
    ]


def test_agreed_date_earlier_than_the_first_step_moves_it_too() -> None:
    # Assess, agreed date Fri 13 Feb 2026: earlier than the 2 weeks (Mon 16 Feb), so the
    # notice is due by 13 Feb too; the outcomes take the agreed date.
    events = _agreement_case([{"what": "assess", "kind": "assess", "agreed_date": "2026-02-13"}])
    dues = [
        d.due
        for d in st.evaluate(events, as_of="2026-02-03").deadlines
        if d.rule_id == "mediation.agreement.appealable"
    ]
    assert dues == [date(2026, 2, 13)] * 3


def test_agreed_date_later_keeps_the_first_steps_limit() -> None:
    # Make a plan, agreed date Mon 4 May 2026: the draft keeps 5 weeks (2 Feb + 35 = Mon 9
    # Mar 2026); the final plan is due on the agreed date.
    events = _agreement_case([{"what": "plan", "kind": "make_plan", "agreed_date": "2026-05-04"}])
    report = st.evaluate(events, as_of="2026-02-03")
    by_subject = {
        d.subject: d for d in report.deadlines if d.rule_id == "mediation.agreement.appealable"
    }
    assert by_subject["plan: issue the draft EHC plan"].due == date(2026, 3, 9)
    assert by_subject["plan: issue the final EHC plan"].due == date(2026, 5, 4)
    assert any(
        "the other reading applies the agreed date to every step" in step
        for step in by_subject["plan: issue the draft EHC plan"].explanation
    )


def test_a_completion_before_the_agreement_does_not_count() -> None:
    # An agreed_action_completed dated before the agreement (Fri 30 Jan) is not its completion;
    # the one of Mon 9 Feb is: 2 weeks from 2 Feb = Mon 16 Feb 2026, met.
    events = _agreement_case(
        [{"what": "a meeting", "kind": "other"}],
        {"type": "agreed_action_completed", "on": "2026-02-09", "what": "a meeting"},
    )
    events.insert(2, {"type": "agreed_action_completed", "on": "2026-01-30", "what": "a meeting"})
    other = _deadline(events, "2026-02-20", "mediation.agreement.other")
    assert other is not None
    assert (other.due, other.status, other.done_on) == (date(2026, 2, 16), "met", date(2026, 2, 9))


def test_health_only_agreement_actions_are_reg_42_3() -> None:
    # Only health disputed on an amended plan: no appeal, so an action of kind amend_plan is reg
    # 42(3)'s, 2 weeks, by the ICB: Mon 16 Feb 2026; and the ICB must tell the LA within a
    # week (Mon 9 Feb), the mediation being between the ICB and the parent.
    events = _agreement_case(
        [{"what": "amend section G", "kind": "amend_plan", "by": "icb"}], disputed=["health"]
    )
    report = st.evaluate(events, as_of="2026-02-03")
    assert report.deadline("mediation.agreement.appealable") is None
    other = report.deadline("mediation.agreement.other")
    assert other is not None
    assert (other.due, other.duty_holder) == (date(2026, 2, 16), "icb")
    notice = report.deadline("mediation.agreement.icb_notice")
    assert notice is not None
    assert notice.due == date(2026, 2, 9)


def test_an_education_agreement_with_the_la_has_no_icb_notice() -> None:
    events = _agreement_case([{"what": "a meeting", "kind": "other"}])
    assert _deadline(events, "2026-02-03", "mediation.agreement.icb_notice") is None
    events[3]["la_party"] = False
    notice = _deadline(events, "2026-02-03", "mediation.agreement.icb_notice")
    assert notice is not None
    assert notice.due == date(2026, 2, 9)


def test_exception_ending_before_it_starts_names_the_field_to() -> None:
    with pytest.raises(st.EventError) as raised:
        st.evaluate(
            [
                {
                    "type": "exception_applied",
                    "on": "2025-03-10",
                    "to": "2025-03-01",
                    "reason": "absence",
                }
            ],
            as_of="2025-04-01",
        )
    assert raised.value.field == "to"
    assert "2025-03-01" in str(raised.value.value)


def test_a_late_decision_not_to_issue_after_a_draft_is_missed() -> None:
    # Request received Mon 2 Jun 2025: 16 weeks end Mon 22 Sep 2025. A draft served Mon 1 Sep,
    # then a decision not to issue a plan on Mon 20 Oct 2025: reg 10(1) applies to that
    # decision, made 4 weeks late: missed (the draft does not excuse it).
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-06-02"},
        {"type": "assessment_agreed", "on": "2025-07-07"},
        {"type": "draft_plan_issued", "on": "2025-09-01"},
        {"type": "decision_notice", "on": "2025-10-20", "decision": "refuse_plan"},
    ]
    found = _statuses(events, "2025-10-27")
    assert found["plan.decision_not_to_issue"] == (date(2025, 9, 22), "missed")


def test_a_plan_on_the_day_of_the_refusal_to_assess_is_judged() -> None:
    # Request Mon 5 Jan 2026 (20 weeks: Mon 25 May). A refusal to assess and a final plan on
    # the same day (Mon 9 Feb) would contradict each other; the limit done on the day of the
    # refusal is judged, not disapplied: met.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2026-01-05"},
        {"type": "decision_notice", "on": "2026-02-09", "decision": "refuse_assessment"},
        {"type": "decision_notice", "on": "2026-02-09", "decision": "plan_finalised"},
    ]
    assert _statuses(events, "2026-02-20")["plan.final"] == (date(2026, 5, 25), "met")


def test_a_run_member_outside_the_window_is_not_reported_unused() -> None:
    # Order to make a plan Mon 2 Mar 2026: draft by Mon 6 Apr, final by Mon 18 May; both run
    # from Tue 3 Mar. Absences recorded as three touching events, 1-10 Feb, 11-25 Feb and 26 Feb
    # to 17 Mar 2026: one absence, 15 days of it within the running periods (3-17 Mar, reg
    # 44(3)(b) needs 2 weeks): both limits disapplied. The first record lies far before the
    # periods, yet it is part of the absence that disapplied them: no exception_not_applied.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-03-02", "order": "make_plan"},
        {"type": "exception_applied", "on": "2026-02-01", "to": "2026-02-10", "reason": "absence"},
        {"type": "exception_applied", "on": "2026-02-11", "to": "2026-02-25", "reason": "absence"},
        {"type": "exception_applied", "on": "2026-02-26", "to": "2026-03-17", "reason": "absence"},
    ]
    report = st.evaluate(events, as_of="2026-03-20")
    found = {d.rule_id: (d.due, d.status) for d in report.deadlines}
    assert found["tribunal.order.make_plan.draft"] == (None, "disapplied")
    assert found["tribunal.order.make_plan.final"] == (None, "disapplied")
    assert [f for f in report.findings if f.code == "exception_not_applied"] == []


def test_the_latest_order_claims_the_notice() -> None:
    # Orders to re-assess Mon 2 Feb and Mon 2 Mar 2026, each answered by a notice (Thu 5 Feb,
    # Tue 10 Mar): neither notice starts reg 27(2)'s 14 weeks.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-02-02", "order": "reassess"},
        {"type": "reassessment_agreed", "on": "2026-02-05"},
        {"type": "tribunal_order", "on": "2026-03-02", "order": "reassess"},
        {"type": "reassessment_agreed", "on": "2026-03-10"},
    ]
    assert _finals(events, "2026-03-20") == []


# ------------------------------------ one amended plan complies with two orders or agreements


def test_one_amended_plan_complies_with_two_orders() -> None:
    # Order to amend Section F, Mon 5 Jan 2026: reg 44(2)(e), 5 weeks: 5 Jan + 35 = Mon 9 Feb 2026.
    # Order to amend the school named, Tue 20 Jan 2026: reg 44(2)(f), 2 weeks: Tue 3 Feb 2026.
    # The amended plan of Mon 2 Feb 2026 is on or after both orders and in time for both: met,
    # although it comes after the second order (and so belongs to its episode).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-09-01", "decision": "plan_finalised"},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "amend"},
        {"type": "tribunal_order", "on": "2026-01-20", "order": "amend_placement"},
        {"type": "decision_notice", "on": "2026-02-02", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2026-03-30")
    first = report.deadline("tribunal.order.amend")
    second = report.deadline("tribunal.order.amend_placement")
    assert first is not None
    assert second is not None
    assert (first.due, first.status, first.done_on) == (date(2026, 2, 9), "met", date(2026, 2, 2))
    assert (second.due, second.status, second.done_on) == (
        date(2026, 2, 3),
        "met",
        date(2026, 2, 2),
    )


def test_an_order_is_complied_with_after_a_later_agreement() -> None:
    # Order to amend, Mon 5 Jan 2026: due Mon 9 Feb 2026. A mediation agreement on Wed 14 Jan
    # 2026 (to assess) opens an episode of its own; the amended plan comes on Fri 13 Feb 2026,
    # 4 days after the order's limit: missed, not overdue.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-12-01", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-12-02", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-12-03", "issues": ["education"]},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "amend"},
        {"type": "mediation_held", "on": "2026-01-14", "agreement": "full"},
        {
            "type": "mediation_agreement",
            "on": "2026-01-14",
            "actions": [{"what": "assess", "kind": "assess"}],
        },
        {"type": "decision_notice", "on": "2026-02-13", "decision": "plan_amended"},
    ]
    amend = _deadline(events, "2026-03-30", "tribunal.order.amend")
    assert amend is not None
    assert (amend.due, amend.status, amend.done_on) == (
        date(2026, 2, 9),
        "missed",
        date(2026, 2, 13),
    )


def test_an_agreed_amendment_is_done_by_the_plan_not_the_completion_record() -> None:
    # Agreement of Mon 17 Feb 2025 to amend the plan: reg 42(2) with reg 44(2)(e), "issue the
    # amended EHC plan" within 5 weeks: 17 Feb + 35 = Mon 24 Mar 2025. The action is recorded
    # done on Sun 23 Mar 2025, but the amended plan's notice is dated Thu 10 Apr 2025: the plan
    # is the evidence (a completion record stands in only where no plan is recorded): missed.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-02", "decision": "plan_amended"},
        {"type": "adviser_contacted", "on": "2025-01-06", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-01-15", "issues": ["education"]},
        {"type": "mediation_held", "on": "2025-02-17", "agreement": "full"},
        {
            "type": "mediation_agreement",
            "on": "2025-02-17",
            "actions": [{"what": "amend F", "kind": "amend_plan"}],
        },
        {"type": "agreed_action_completed", "on": "2025-03-23", "what": "amend F"},
        {"type": "decision_notice", "on": "2025-04-10", "decision": "plan_amended"},
    ]
    amend = _deadline(events, "2025-05-01", "mediation.agreement.appealable")
    assert amend is not None
    assert (amend.due, amend.status, amend.done_on) == (
        date(2025, 3, 24),
        "missed",
        date(2025, 4, 10),
    )
    # without the plan, the record of completion is the evidence
    without = _deadline(events[:-1], "2025-05-01", "mediation.agreement.appealable")
    assert without is not None
    assert (without.status, without.done_on) == ("met", date(2025, 3, 23))


# ------------------------------------------- alternative limbs: the first outcome ends the other


def _order_assess(*outcomes: Event) -> list[Event]:
    # Order to assess, Fri 25 Aug 2023 (reg 44(2)(b)): notify within 2 weeks (Fri 8 Sep 2023);
    # then a decision that no plan is needed within 10 weeks (25 Aug + 70 = Fri 3 Nov 2023), or
    # the final plan within 14 weeks (25 Aug + 98 = Fri 1 Dec 2023).
    return [
        {"type": "tribunal_order", "on": "2023-08-25", "order": "assess"},
        {"type": "assessment_agreed", "on": "2023-09-08"},
        *outcomes,
    ]


def test_a_plan_made_after_the_decision_not_to_make_one_answers_something_else() -> None:
    # No plan needed, notified Mon 30 Oct 2023: the 10-week limb is met, and the final-plan limb
    # falls away then (reg 44(2)(b)(ii) applies only where the LA decides a plan is necessary).
    # The plan of Thu 27 Jun 2024 (after a later appeal, say) does not bring it back.
    report = st.evaluate(
        _order_assess(
            {"type": "decision_notice", "on": "2023-10-30", "decision": "refuse_plan"},
            {"type": "decision_notice", "on": "2024-06-27", "decision": "plan_finalised"},
        ),
        as_of="2024-07-01",
    )
    no_plan = report.deadline("tribunal.order.assess.no_plan")
    final = report.deadline("tribunal.order.assess.final_plan")
    assert no_plan is not None
    assert final is not None
    assert (no_plan.due, no_plan.status, no_plan.done_on) == (
        date(2023, 11, 3),
        "met",
        date(2023, 10, 30),
    )
    assert (final.due, final.status, final.done_on) == (None, "disapplied", None)
    assert not [f for f in report.findings if f.rule_id == "tribunal.order.assess.final_plan"]


def test_a_decision_not_to_make_a_plan_after_the_plan_answers_something_else() -> None:
    # Final plan Fri 24 Nov 2023, within the 14 weeks (Fri 1 Dec 2023): met. A decision not to
    # make a plan on Mon 15 Jan 2024 comes after it: the 10-week limb had already fallen away.
    report = st.evaluate(
        _order_assess(
            {"type": "decision_notice", "on": "2023-11-24", "decision": "plan_finalised"},
            {"type": "decision_notice", "on": "2024-01-15", "decision": "refuse_plan"},
        ),
        as_of="2024-02-01",
    )
    no_plan = report.deadline("tribunal.order.assess.no_plan")
    final = report.deadline("tribunal.order.assess.final_plan")
    assert no_plan is not None
    assert final is not None
    assert (no_plan.status, no_plan.done_on) == ("disapplied", None)
    assert (final.due, final.status, final.done_on) == (
        date(2023, 12, 1),
        "met",
        date(2023, 11, 24),
    )


def test_a_decision_not_to_make_a_plan_after_a_draft_still_meets_its_limb() -> None:
    # A draft (Mon 16 Oct 2023) does not end the 10-week limb: a decision that no plan is needed
    # may still follow it; notified Wed 1 Nov 2023, within the limb (Fri 3 Nov): met.
    report = st.evaluate(
        _order_assess(
            {"type": "draft_plan_issued", "on": "2023-10-16"},
            {"type": "decision_notice", "on": "2023-11-01", "decision": "refuse_plan"},
        ),
        as_of="2023-12-04",
    )
    no_plan = report.deadline("tribunal.order.assess.no_plan")
    final = report.deadline("tribunal.order.assess.final_plan")
    assert no_plan is not None
    assert final is not None
    assert (no_plan.due, no_plan.status, no_plan.done_on) == (
        date(2023, 11, 3),
        "met",
        date(2023, 11, 1),
    )
    assert final.status == "disapplied"


def test_an_amended_plan_after_the_refusal_to_amend_is_not_the_re_assessment_plan() -> None:
    # Re-assessment notified Mon 2 Jun 2025: reg 27(2)'s 14 weeks, 2 Jun + 98 = Mon 8 Sep 2025.
    # The LA decides on Fri 1 Aug 2025 not to amend or replace the plan: no time limit then. An
    # amended plan of Mon 1 Dec 2025 answers something else.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_requested", "on": "2025-05-19"},
        {"type": "reassessment_agreed", "on": "2025-06-02"},
        {
            "type": "decision_notice",
            "on": "2025-08-01",
            "decision": "refuse_amendment",
            "following_review": True,
        },
        {"type": "decision_notice", "on": "2025-12-01", "decision": "plan_amended"},
    ]
    final = _deadline(events, "2025-12-15", "reassessment.final")
    assert final is not None
    assert (final.due, final.status, final.done_on) == (None, "disapplied", None)


# ------------------------------------------------------ reg 42(3): an agreed amendment is the plan


def _social_care_agreement(kind: str, plan_on: str) -> list[Event]:
    # Only social care is disputed: no appeal, so reg 42(3): the LA "must do that thing within
    # two weeks": agreement Thu 1 May 2025 + 14 days = Thu 15 May 2025.
    return [
        {
            "type": "decision_notice",
            "on": "2025-04-07",
            "decision": "plan_amended",
            "disputed": ["social_care"],
        },
        {"type": "mediation_requested", "on": "2025-04-14", "issues": ["social_care"]},
        {"type": "mediation_held", "on": "2025-05-01", "agreement": "full"},
        {
            "type": "mediation_agreement",
            "on": "2025-05-01",
            "actions": [{"what": "amend H2", "kind": kind}],
        },
        {"type": "decision_notice", "on": plan_on, "decision": "plan_amended"},
    ]


def test_an_amended_plan_does_an_agreed_amendment_under_reg_42_3() -> None:
    # The amended plan of Wed 14 May 2025 is the thing agreed: met.
    other = _deadline(
        _social_care_agreement("amend_plan", "2025-05-14"),
        "2025-05-30",
        "mediation.agreement.other",
    )
    assert other is not None
    assert (other.due, other.status, other.done_on) == (date(2025, 5, 15), "met", date(2025, 5, 14))


def test_a_late_amended_plan_misses_an_agreed_amendment_under_reg_42_3() -> None:
    # The plan amended as to the school named comes on Mon 19 May 2025, 4 days late: missed. A
    # decision of another kind before it (Fri 9 May) is not the amended plan.
    events = [
        *_social_care_agreement("amend_placement", "2025-05-19"),
        {
            "type": "decision_notice",
            "on": "2025-05-09",
            "decision": "refuse_amendment",
            "following_review": False,
        },
    ]
    other = _deadline(events, "2025-05-30", "mediation.agreement.other")
    assert other is not None
    assert (other.due, other.status, other.done_on) == (
        date(2025, 5, 15),
        "missed",
        date(2025, 5, 19),
    )


# ------------------------------------------------------------- the plan reviewed is the child's


def test_a_phase_transfer_recorded_before_the_first_plan_is_met_by_its_review() -> None:
    # Transfer Tue 1 Sep 2026 (not to post-16): reg 18(1)(b), review and amend where necessary
    # before 15 February 2026 (due Sat 14 Feb 2026; a date fixed by "before" stands as computed).
    # The transfer was recorded on Mon 3 Mar 2025, before the plan of Fri 30 May 2025; the review
    # decided on Fri 28 Nov 2025 to keep the plan, within 12 months of the transfer: met.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-13"},
        {"type": "assessment_agreed", "on": "2025-02-20"},
        {
            "type": "phase_transfer_planned",
            "on": "2025-03-03",
            "transfer_on": "2026-09-01",
            "kind": "other",
        },
        {"type": "draft_plan_issued", "on": "2025-05-01"},
        {"type": "decision_notice", "on": "2025-05-30", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-11-10", "report_sent_on": "2025-11-20"},
        {"type": "review_decision", "on": "2025-11-28", "outcome": "maintain"},
    ]
    transfer = _deadline(events, "2026-03-01", "review.phase_transfer")
    assert transfer is not None
    assert (transfer.due, transfer.status, transfer.done_on) == (
        date(2026, 2, 14),
        "met",
        date(2025, 11, 28),
    )


def test_a_phase_transfer_review_of_the_plan_made_after_a_re_assessment_counts() -> None:
    # Transfer Mon 1 Sep 2025: due Fri 14 Feb 2025. A new plan (after a re-assessment) of Fri 4
    # Oct 2024 opens a new plan episode; its review decided on Fri 24 Jan 2025 to keep it: met.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2023-10-02", "decision": "plan_finalised"},
        {
            "type": "phase_transfer_planned",
            "on": "2024-06-03",
            "transfer_on": "2025-09-01",
            "kind": "other",
        },
        {"type": "reassessment_requested", "on": "2024-07-01"},
        {"type": "reassessment_agreed", "on": "2024-07-12"},
        {"type": "draft_plan_issued", "on": "2024-09-02"},
        {"type": "decision_notice", "on": "2024-10-04", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-01-10"},
        {"type": "review_decision", "on": "2025-01-24", "outcome": "maintain"},
    ]
    transfer = _deadline(events, "2025-03-01", "review.phase_transfer")
    assert transfer is not None
    assert (transfer.due, transfer.status, transfer.done_on) == (
        date(2025, 2, 14),
        "met",
        date(2025, 1, 24),
    )


def test_no_phase_transfer_review_is_due_for_a_plan_that_has_ceased() -> None:
    # The plan ceased on Fri 5 Sep 2025, before the review for a transfer on Tue 1 Sep 2026 was
    # due (before 15 February 2026), and no new plan was made: nothing to review: disapplied.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {
            "type": "phase_transfer_planned",
            "on": "2025-03-03",
            "transfer_on": "2026-09-01",
            "kind": "other",
        },
        {"type": "review_meeting_held", "on": "2025-06-02", "report_sent_on": "2025-06-10"},
        {"type": "decision_notice", "on": "2025-06-10", "decision": "cease_plan"},
        {"type": "plan_ceased", "on": "2025-09-05"},
    ]
    report = st.evaluate(events, as_of="2026-03-01")
    transfer = report.deadline("review.phase_transfer")
    assert transfer is not None
    assert (transfer.due, transfer.status) == (None, "disapplied")
    assert not [f for f in report.findings if f.rule_id == "review.phase_transfer"]


def test_a_plan_amended_after_a_re_assessment_waits_for_the_15_days() -> None:
    # reg 27(1): a plan amended after a re-assessment follows reg 13(1). Draft served Wed 1 May
    # 2024 is day 1 (C5): the 15 days run to Wed 15 May 2024. The amended plan of Fri 10 May cut
    # them short: missed, with final_plan_before_representations.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2023-05-02", "decision": "plan_finalised"},
        {"type": "reassessment_requested", "on": "2024-03-04"},
        {"type": "reassessment_agreed", "on": "2024-03-15"},
        {"type": "draft_plan_issued", "on": "2024-05-01"},
        {"type": "decision_notice", "on": "2024-05-10", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2024-06-01")
    period = report.deadline("plan.draft_representations")
    assert period is not None
    assert (period.due, period.status, period.done_on) == (
        date(2024, 5, 15),
        "missed",
        date(2024, 5, 10),
    )
    assert "final_plan_before_representations" in {f.code for f in report.findings}


def test_a_new_plan_after_a_stale_re_assessment_is_reviewed_from_its_own_start() -> None:
    # A re-assessment of 2019 ended in a decision not to amend (Thu 1 Aug 2019); the plan then
    # ceased (Fri 20 Mar 2020). A new request (Mon 10 Jan 2022) led to a new plan on Fri 27 May
    # 2022: CFA s.44(1)(a), "the period of 12 months starting with" that day, so by Fri 26 May
    # 2023 (C9), not reg 27(4)(a)'s 12 months after it.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2018-09-03", "decision": "plan_finalised"},
        {"type": "reassessment_requested", "on": "2019-05-01"},
        {"type": "reassessment_agreed", "on": "2019-05-10"},
        {"type": "decision_notice", "on": "2019-08-01", "decision": "refuse_amendment"},
        {"type": "decision_notice", "on": "2019-09-10", "decision": "cease_plan"},
        {"type": "plan_ceased", "on": "2020-03-20"},
        {"type": "assessment_requested", "on": "2022-01-10"},
        {"type": "assessment_agreed", "on": "2022-02-15"},
        {"type": "draft_plan_issued", "on": "2022-05-03"},
        {"type": "decision_notice", "on": "2022-05-27", "decision": "plan_finalised"},
    ]
    report = st.evaluate(events, as_of="2022-06-10")
    reviews = [d for d in report.deadlines if d.rule_id == "review.annual"]
    assert [(d.trigger_on, d.due) for d in reviews if d.trigger_on == date(2022, 5, 27)] == [
        (date(2022, 5, 27), date(2023, 5, 26))
    ]


def test_an_order_to_cease_a_plan_that_had_already_ceased_is_disapplied() -> None:
    # Decision to cease Mon 10 Feb 2025, appeal Tue 1 Apr, plan ceased Thu 1 May 2025 (while the
    # appeal was open: CFA s.45(4), plan_ceased_too_early), appeal dismissed Fri 11 Jul 2025:
    # reg 44(2)(a) "cease to maintain ... immediately" leaves nothing to do: disapplied, with no
    # deadline_overdue.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-06-03", "decision": "plan_finalised"},
        {"type": "decision_notice", "on": "2025-02-10", "decision": "cease_plan"},
        {"type": "adviser_contacted", "on": "2025-02-20", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-02-21", "reason": "declined"},
        {"type": "appeal_registered", "on": "2025-04-01"},
        {"type": "plan_ceased", "on": "2025-05-01"},
        {"type": "tribunal_order", "on": "2025-07-11", "order": "dismiss_cease_appeal"},
    ]
    report = st.evaluate(events, as_of="2025-07-20")
    cease = report.deadline("tribunal.order.cease")
    assert cease is not None
    assert (cease.due, cease.status, cease.done_on) == (None, "disapplied", None)
    assert cease.explanation[-1] == (
        "The plan had already ceased on Thursday 1 May 2025 (plan_ceased on 2025-05-01), before "
        "the order: there is nothing left to cease (ceasing it while the appeal was open is "
        "reported under CFA 2014 s.45(4), plan_ceased_too_early): disapplied."
    )
    codes = {f.code for f in report.findings}
    assert "plan_ceased_too_early" in codes
    assert "deadline_overdue" not in codes


def test_an_order_to_cease_a_plan_made_again_since_it_ceased_still_runs() -> None:
    # The plan ceased on Mon 3 Feb 2025 and a new plan was made on Mon 2 Jun 2025; a decision to
    # cease the new plan is appealed and the appeal dismissed on Fri 11 Jul 2025: reg 44(2)(a),
    # "immediately": due that day, and not done by 20 July: overdue.
    events: list[Event] = [
        {"type": "plan_ceased", "on": "2025-02-03"},
        {"type": "decision_notice", "on": "2025-06-02", "decision": "plan_finalised"},
        {"type": "tribunal_order", "on": "2025-07-11", "order": "dismiss_cease_appeal"},
    ]
    cease = _deadline(events, "2025-07-20", "tribunal.order.cease")
    assert cease is not None
    assert (cease.due, cease.status) == (date(2025, 7, 11), "overdue")


# --------------------------------------- reg 27(4)(a): a re-assessment that ends in an amended plan


def test_an_amended_plan_after_a_re_assessment_starts_the_review_clock() -> None:
    # Reg 27(4)(a): "where the local authority carries out a reassessment, it must review the EHC
    # plan within 12 months of the date on which a copy of the finalised plan is sent"; reg 27(1)
    # and (2) cover a decision "to amend or replace" it. Amended plan sent Fri 20 Jun 2025: 12
    # months to the corresponding date (C2), Sat 20 Jun 2026 (C7: not moved). The case records
    # no earlier plan: the amended plan shows one existed.
    events: list[Event] = [
        {"type": "reassessment_requested", "on": "2025-03-03"},
        {"type": "reassessment_agreed", "on": "2025-03-18"},
        {"type": "draft_plan_issued", "on": "2025-05-19"},
        {"type": "decision_notice", "on": "2025-06-20", "decision": "plan_amended"},
    ]
    review = _deadline(events, "2025-07-01", "review.annual")
    assert review is not None
    assert (review.due, review.status) == (date(2026, 6, 20), "pending")


def test_an_amended_plan_after_a_re_assessment_leaves_the_earlier_review_clock() -> None:
    # Plan made Mon 15 Jan 2024: s.44(1)(a), "the period of 12 months starting with" that day,
    # ends Tue 14 Jan 2025. Re-assessment notified Fri 15 Mar 2024; amended plan sent Fri 14 Jun
    # 2024: reg 27(4)(a) adds "within 12 months" of it (Sat 14 Jun 2025), but s.44(1) still
    # binds and is the earlier date (C9): no clock of its own. The review of Tue 20 May 2025 is
    # 126 days late for the plan's clock: missed; it starts the next: by Tue 19 May 2026.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-01-15", "decision": "plan_finalised"},
        {"type": "reassessment_requested", "on": "2024-03-04"},
        {"type": "reassessment_agreed", "on": "2024-03-15"},
        {"type": "draft_plan_issued", "on": "2024-05-01"},
        {"type": "decision_notice", "on": "2024-06-14", "decision": "plan_amended"},
        {"type": "review_meeting_held", "on": "2025-05-20"},
    ]
    report = st.evaluate(events, as_of="2025-07-01")
    reviews = {d.trigger_on: d for d in report.deadlines if d.rule_id == "review.annual"}
    assert set(reviews) == {date(2024, 1, 15), date(2025, 5, 20)}
    first = reviews[date(2024, 1, 15)]
    assert (first.due, first.status, first.done_on) == (
        date(2025, 1, 14),
        "missed",
        date(2025, 5, 20),
    )
    assert reviews[date(2025, 5, 20)].due == date(2026, 5, 19)


def test_an_amendment_after_a_review_does_not_restart_the_review_clock() -> None:
    # Control: an amended plan after a review's proposals (reg 22), with no re-assessment, leaves
    # the clock with the review: meeting Wed 20 Nov 2024, next by Wed 19 Nov 2025.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-01-15", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2024-11-20"},
        {"type": "amendment_notice_sent", "on": "2024-12-02"},
        {"type": "decision_notice", "on": "2025-01-10", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-07-01")
    dues = sorted((d.trigger_on, d.due) for d in report.deadlines if d.rule_id == "review.annual")
    assert dues == [
        (date(2024, 1, 15), date(2025, 1, 14)),
        (date(2024, 11, 20), date(2025, 11, 19)),
    ]


# A plan made Mon 2 Sep 2024, a re-assessment notified Mon 3 Mar 2025, and a new final plan Fri 27
# Jun 2025. If the new plan follows the re-assessment, reg 27(4)(a): within 12 months of sending
# it, to the corresponding date: Sat 27 Jun 2026. If something in between ended the
# re-assessment, it is a new plan under s.44(1)(a): the 12 months starting with that day end on
# Fri 26 Jun 2026 (C9).
_REASSESSED = date(2026, 6, 27)
_NEW_PLAN = date(2026, 6, 26)


@pytest.mark.parametrize(
    ("between", "notified_on", "due"),
    [
        ([], "2025-03-03", _REASSESSED),
        ([{"type": "plan_ceased", "on": "2025-04-07"}], "2025-03-03", _NEW_PLAN),
        ([{"type": "assessment_requested", "on": "2025-04-07"}], "2025-03-03", _NEW_PLAN),
        ([{"type": "assessment_agreed", "on": "2025-04-07"}], "2025-03-03", _NEW_PLAN),
        (
            [{"type": "decision_notice", "on": "2025-04-07", "decision": "refuse_amendment"}],
            "2025-03-03",
            _NEW_PLAN,
        ),
        # a decision of another kind does not end the re-assessment
        (
            [{"type": "decision_notice", "on": "2025-04-07", "decision": "refuse_assessment"}],
            "2025-03-03",
            _REASSESSED,
        ),
        # an ending on the day of the notice, or of the plan, is not between them
        ([{"type": "plan_ceased", "on": "2025-03-03"}], "2025-03-03", _REASSESSED),
        ([{"type": "assessment_agreed", "on": "2025-06-27"}], "2025-03-03", _REASSESSED),
        # a notice on the day of the new plan counts; one on the day of the old plan does not
        ([], "2025-06-27", _REASSESSED),
        ([], "2024-09-02", _NEW_PLAN),
    ],
    ids=[
        "follows",
        "ceased",
        "new request",
        "new assessment",
        "refused to amend",
        "other decision",
        "ceased on the notice day",
        "assessed on the plan day",
        "notice on the plan day",
        "notice on the old plan day",
    ],
)
def test_which_plans_follow_a_re_assessment(
    between: list[Event], notified_on: str, due: date
) -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": notified_on},
        *between,
        {"type": "decision_notice", "on": "2025-06-27", "decision": "plan_finalised"},
    ]
    report = st.evaluate(events, as_of="2025-07-01")
    new = [
        d for d in report.deadlines if d.rule_id == "review.annual" and d.trigger_on.year == 2025
    ]
    assert [d.due for d in new] == [due]


def test_amended_plans_with_an_earlier_plan_start_no_review_clock() -> None:
    # The plan made Mon 2 Sep 2024 is reviewed within the 12 months starting with that day, by
    # Mon 1 Sep 2025, whatever amended plans follow: the re-assessment's (Fri 27 Jun 2025) and
    # one after proposals (Wed 1 Oct 2025).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2025-03-03"},
        {"type": "decision_notice", "on": "2025-06-27", "decision": "plan_amended"},
        {"type": "amendment_notice_sent", "on": "2025-09-01"},
        {"type": "decision_notice", "on": "2025-10-01", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-10-10")
    reviews = sorted(
        (d.trigger_on, d.due) for d in report.deadlines if d.rule_id == "review.annual"
    )
    assert reviews == [(date(2024, 9, 2), date(2025, 9, 1))]


def test_a_phase_transfer_review_of_a_plan_made_again_after_ceasing_is_due() -> None:
    # The plan ceased Fri 5 Sep 2025; a new plan was made Mon 1 Dec 2025, before the review for
    # a transfer on Tue 1 Sep 2026 was due (before 15 February 2026, Sat 14 Feb). That plan must
    # be reviewed: not disapplied, and overdue on 1 Mar 2026 with no review.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {
            "type": "phase_transfer_planned",
            "on": "2025-03-03",
            "transfer_on": "2026-09-01",
            "kind": "other",
        },
        {"type": "plan_ceased", "on": "2025-09-05"},
        {"type": "decision_notice", "on": "2025-12-01", "decision": "plan_finalised"},
    ]
    transfer = _deadline(events, "2026-03-01", "review.phase_transfer")
    assert transfer is not None
    assert (transfer.due, transfer.status) == (date(2026, 2, 14), "overdue")


def test_a_plan_ceased_the_day_its_transfer_was_recorded_needs_no_transfer_review() -> None:
    # Ceased Mon 3 Mar 2025, the day the transfer was recorded: nothing left to review.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {
            "type": "phase_transfer_planned",
            "on": "2025-03-03",
            "transfer_on": "2026-09-01",
            "kind": "other",
        },
        {"type": "plan_ceased", "on": "2025-03-03"},
    ]
    transfer = _deadline(events, "2026-03-01", "review.phase_transfer")
    assert transfer is not None
    assert transfer.status == "disapplied"
    assert transfer.explanation[-1] == (
        "The plan ceased on Monday 3 March 2025 (plan_ceased on 2025-03-03), before the review "
        "was due, and no new plan was made: there is no plan to review: disapplied."
    )


# ------------------------------------------ what an amended plan or a refusal answers


def test_a_plan_that_answers_a_later_amend_order_is_not_the_reassessment_outcome() -> None:
    # Order to re-assess Mon 5 Jan 2026: reg 44(2)(b): no plan needed within 10 weeks (Mon 16 Mar
    # 2026) or the final plan within 14 weeks (Mon 13 Apr 2026), "following the reassessment".
    # No re-assessment was notified; the amended plan of Mon 2 Mar answers the order to amend of
    # Mon 2 Feb (reg 44(2)(e): 5 weeks, Mon 9 Mar: met). Both limbs: overdue on 1 May.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-06-03", "decision": "plan_finalised"},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "reassess"},
        {"type": "tribunal_order", "on": "2026-02-02", "order": "amend"},
        {"type": "decision_notice", "on": "2026-03-02", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2026-05-01")
    found = {d.rule_id: (d.due, d.status) for d in report.deadlines}
    assert found["tribunal.order.assess.no_plan"] == (date(2026, 3, 16), "overdue")
    assert found["tribunal.order.assess.final_plan"] == (date(2026, 4, 13), "overdue")
    assert found["tribunal.order.amend"] == (date(2026, 3, 9), "met")


def test_a_refusal_before_the_reassessment_notice_does_not_end_the_plan_limb() -> None:
    # The refusal of Mon 12 Jan 2026 answers the December proposals (reg 22), before the LA
    # notified the re-assessment (Fri 16 Jan): it is not "following the reassessment". The
    # amended plan of Mon 18 May misses the 14 weeks (Mon 13 Apr 2026) by 35 days.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-06-03", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-11-10"},
        {"type": "amendment_notice_sent", "on": "2025-12-01"},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "reassess"},
        {
            "type": "decision_notice",
            "on": "2026-01-12",
            "decision": "refuse_amendment",
            "following_review": True,
        },
        {"type": "reassessment_agreed", "on": "2026-01-16"},
        {"type": "decision_notice", "on": "2026-05-18", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2026-06-01")
    final = report.deadline("tribunal.order.assess.final_plan")
    no_plan = report.deadline("tribunal.order.assess.no_plan")
    assert final is not None
    assert no_plan is not None
    assert (final.due, final.status, final.done_on) == (
        date(2026, 4, 13),
        "missed",
        date(2026, 5, 18),
    )
    assert no_plan.status == "disapplied"


def test_an_amendment_after_a_review_is_not_a_reassessment_outcome() -> None:
    # Re-assessment notified Mon 2 Sep 2024; then a review (Mon 9 Dec 2024) and its proposals
    # (Fri 20 Dec), answered by the amended plan of Mon 10 Feb 2025 (reg 22). The review clock
    # runs from the review: "12 months starting with" 9 Dec 2024 ends Mon 8 Dec 2025; the next
    # review, Mon 15 Dec 2025: missed.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-01-15", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2024-09-02"},
        {"type": "review_meeting_held", "on": "2024-12-09"},
        {"type": "amendment_notice_sent", "on": "2024-12-20"},
        {"type": "decision_notice", "on": "2025-02-10", "decision": "plan_amended"},
        {"type": "review_meeting_held", "on": "2025-12-15"},
    ]
    report = st.evaluate(events, as_of="2026-01-05")
    reviews = {d.trigger_on: d for d in report.deadlines if d.rule_id == "review.annual"}
    assert date(2025, 2, 10) not in reviews
    after = reviews[date(2024, 12, 9)]
    assert (after.due, after.status, after.done_on) == (
        date(2025, 12, 8),
        "missed",
        date(2025, 12, 15),
    )


def test_a_plan_replaced_after_a_reassessment_keeps_reg_27_4_a_despite_an_amendment() -> None:
    # Proposals Mon 6 Jan 2025 (no re-assessment yet), re-assessment notified Mon 3 Feb, amended
    # plan Mon 24 Feb (it answers the proposals), new final plan Tue 6 May 2025 after the
    # re-assessment: reg 27(4)(a), 12 months to the corresponding date, Wed 6 May 2026.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-01-15", "decision": "plan_finalised"},
        {"type": "amendment_notice_sent", "on": "2025-01-06"},
        {"type": "reassessment_agreed", "on": "2025-02-03"},
        {"type": "decision_notice", "on": "2025-02-24", "decision": "plan_amended"},
        {"type": "decision_notice", "on": "2025-05-06", "decision": "plan_finalised"},
    ]
    report = st.evaluate(events, as_of="2025-06-01")
    dues = {d.trigger_on: d.due for d in report.deadlines if d.rule_id == "review.annual"}
    assert dues[date(2025, 5, 6)] == date(2026, 5, 6)
    assert date(2025, 2, 24) not in dues


def test_an_amended_plan_an_order_required_does_not_cut_the_draft_period_short() -> None:
    # Draft Mon 11 Nov 2024: the 15 days run to Mon 25 Nov. The amended plan of Fri 15 Nov is
    # the one the order to amend of Mon 14 Oct required (reg 44(2)(e), due Mon 18 Nov: met), not
    # the re-assessment's; the re-assessment's amended plan, Mon 9 Dec, respects the period: met.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-03-04", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2024-09-16"},
        {"type": "tribunal_order", "on": "2024-10-14", "order": "amend"},
        {"type": "draft_plan_issued", "on": "2024-11-11"},
        {"type": "decision_notice", "on": "2024-11-15", "decision": "plan_amended"},
        {"type": "decision_notice", "on": "2024-12-09", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-01-10")
    period = report.deadline("plan.draft_representations")
    assert period is not None
    assert (period.due, period.status) == (date(2024, 11, 25), "met")
    assert "final_plan_before_representations" not in {f.code for f in report.findings}
    reviews = [(d.trigger_on, d.due) for d in report.deadlines if d.rule_id == "review.annual"]
    assert reviews == [(date(2024, 3, 4), date(2025, 3, 3))]


def test_an_order_to_cease_is_not_done_by_ceasing_a_later_plan() -> None:
    # The plan ceased Thu 1 May 2025, before the appeal was dismissed (Fri 11 Jul 2025): nothing
    # left to cease. A new plan made Mon 18 May 2026 and ceased Tue 1 Jun 2027 is another plan.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2023-01-16", "decision": "plan_finalised"},
        {"type": "decision_notice", "on": "2025-02-03", "decision": "cease_plan"},
        {"type": "adviser_contacted", "on": "2025-02-20", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-02-21", "reason": "declined"},
        {"type": "appeal_registered", "on": "2025-03-03"},
        {"type": "plan_ceased", "on": "2025-05-01"},
        {"type": "tribunal_order", "on": "2025-07-11", "order": "dismiss_cease_appeal"},
        {"type": "decision_notice", "on": "2026-05-18", "decision": "plan_finalised"},
        {"type": "plan_ceased", "on": "2027-06-01"},
    ]
    cease = _deadline(events, "2027-07-01", "tribunal.order.cease")
    assert cease is not None
    assert (cease.due, cease.status, cease.done_on) == (None, "disapplied", None)


# ---------------------------------------------------------- reviews, amendments and ceasing


def test_a_report_sent_after_as_of_is_not_yet_sent() -> None:
    # Meeting Mon 3 Mar 2025: the report within 2 weeks (reg 20(9)), by Mon 17 Mar. The meeting
    # records it sent on Thu 20 Mar; as of Mon 10 Mar that had not happened: pending. As of Tue
    # 25 Mar: missed, 3 days late.
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-03-03", "report_sent_on": "2025-03-20"}
    ]
    early = _deadline(events, "2025-03-10", "review.report")
    late = _deadline(events, "2025-03-25", "review.report")
    assert early is not None
    assert late is not None
    assert (early.due, early.status, early.done_on) == (date(2025, 3, 17), "pending", None)
    assert (late.status, late.done_on) == ("missed", date(2025, 3, 20))


def test_ceasing_while_a_certificate_is_awaited_is_too_early() -> None:
    # Decision to cease Mon 3 Feb 2025; the adviser was contacted Fri 28 Mar (in the 2 months)
    # and mediation asked for: the appeal is in time up to 1 month from a certificate not yet
    # issued (HESC r.20(1)(c)), so the time to appeal had not ended when the plan was ceased on
    # Thu 10 Apr 2025: CFA s.45(4).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-02-03", "decision": "cease_plan"},
        {"type": "adviser_contacted", "on": "2025-03-28", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-03-31", "issues": ["education"]},
        {"type": "plan_ceased", "on": "2025-04-10"},
    ]
    report = st.evaluate(events, as_of="2025-04-15")
    early = [f for f in report.findings if f.code == "plan_ceased_too_early"]
    assert [f.message for f in early] == [
        "The plan was ceased on Thursday 10 April 2025, while the time to appeal against the "
        "decision of Monday 3 February 2025 to cease it had not ended: a mediation certificate "
        "was still awaited, and the appeal is in time up to 1 month from its date of issue (HESC "
        "r.20(1)(c)). CFA 2014 s.45(4) says the LA may not cease to maintain the plan until the "
        "time to appeal has ended."
    ]
    # Ceased on the last day of the 2 months (Thu 3 Apr 2025): before the time ended, whatever
    # the certificate.
    on_the_day = st.evaluate(
        [*events[:3], {"type": "plan_ceased", "on": "2025-04-03"}], as_of="2025-04-15"
    )
    assert [f.message for f in on_the_day.findings if f.code == "plan_ceased_too_early"] == [
        "The plan was ceased on Thursday 3 April 2025, before the time to appeal against the "
        "decision of Monday 3 February 2025 to cease it ended (Thursday 3 April 2025): CFA 2014 "
        "s.45(4) says the LA may not cease to maintain it until then."
    ]
    # control: no adviser contacted, so the 2 months (Thu 3 Apr) ended before the ceasing
    plain = st.evaluate([events[0], events[3]], as_of="2025-04-15")
    assert "plan_ceased_too_early" not in {f.code for f in plain.findings}


def test_a_refused_reassessment_request_keeps_the_devon_limb() -> None:
    # Meeting Mon 6 Jan 2025; a request to re-assess (Mon 13 Jan) refused on Mon 27 Jan, so no
    # re-assessment began; proposals Mon 17 Feb follow the review: the earlier of 8 weeks from
    # them (Mon 14 Apr) and 12 weeks from the meeting (Mon 31 Mar 2025).
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-01-06", "report_sent_on": "2025-01-17"},
        {"type": "reassessment_requested", "on": "2025-01-13"},
        {"type": "decision_notice", "on": "2025-01-27", "decision": "refuse_reassessment"},
        {"type": "review_decision", "on": "2025-02-03", "outcome": "amend"},
        {"type": "amendment_notice_sent", "on": "2025-02-17"},
    ]
    final = _deadline(events, "2025-03-01", "amendment.final")
    assert final is not None
    assert (final.due, final.status) == (date(2025, 3, 31), "pending")


def test_no_devon_limb_where_the_four_weeks_were_disapplied() -> None:
    # Meeting Wed 1 Jul 2020; reg 2A turned reg 20(10)'s 4 weeks into "as soon as reasonably
    # practicable" (review.decision disapplied), so Devon's 12 weeks (4 + 8) do not bind:
    # proposals Wed 30 Sep 2020, 8 weeks to Wed 25 Nov 2020; amended plan Fri 20 Nov: met.
    events: list[Event] = [
        {
            "type": "exception_applied",
            "on": "2020-06-01",
            "to": "2020-09-24",
            "reason": "coronavirus",
        },
        {"type": "review_meeting_held", "on": "2020-07-01", "report_sent_on": "2020-07-10"},
        {"type": "review_decision", "on": "2020-09-30", "outcome": "amend"},
        {"type": "amendment_notice_sent", "on": "2020-09-30"},
        {"type": "decision_notice", "on": "2020-11-20", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2020-12-01")
    decided = report.deadline("review.decision")
    final = report.deadline("amendment.final")
    assert decided is not None
    assert final is not None
    assert decided.status == "disapplied"
    assert (final.due, final.status, final.done_on) == (
        date(2020, 11, 25),
        "met",
        date(2020, 11, 20),
    )


# ------------------------------------------------- a second adversarial review of these readings


def test_a_refusal_that_answers_proposals_does_not_end_the_re_assessment() -> None:
    # Proposals Mon 20 Jan 2025 after the review of Mon 6 Jan; re-assessment notified Mon 3 Feb;
    # the refusal of Mon 10 Mar is reg 22(4)'s answer to the proposals (8 weeks: met), not the
    # re-assessment's. Reg 27(2): the plan within 14 weeks of the notice, Mon 12 May 2025; the
    # amended plan of Mon 2 Jun is 21 days late: missed. Reg 27(4)(a): its review within 12
    # months, by Tue 2 Jun 2026.
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-01-06"},
        {"type": "amendment_notice_sent", "on": "2025-01-20"},
        {"type": "reassessment_requested", "on": "2025-01-27"},
        {"type": "reassessment_agreed", "on": "2025-02-03"},
        {
            "type": "decision_notice",
            "on": "2025-03-10",
            "decision": "refuse_amendment",
            "following_review": True,
        },
        {"type": "draft_plan_issued", "on": "2025-04-28"},
        {"type": "decision_notice", "on": "2025-06-02", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-06-10")
    final = report.deadline("reassessment.final")
    assert final is not None
    assert (final.due, final.status, final.done_on) == (
        date(2025, 5, 12),
        "missed",
        date(2025, 6, 2),
    )
    reviews = {d.trigger_on: d.due for d in report.deadlines if d.rule_id == "review.annual"}
    # the review clock of Mon 6 Jan 2025 stands (s.44(1)(b)): by Mon 5 Jan 2026
    assert reviews == {date(2025, 1, 6): date(2026, 1, 5)}


def test_a_later_re_assessment_notice_does_not_move_an_earlier_orders_outcome() -> None:
    # Order to assess Mon 5 Jan 2026: the final plan within 14 weeks, Mon 13 Apr 2026; sent Mon
    # 30 Mar: met, whatever happens in November (a re-assessment notified Fri 13 Nov 2026).
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2026-01-05", "order": "assess"},
        {"type": "decision_notice", "on": "2026-03-30", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2026-11-13"},
    ]
    for as_of in ("2026-06-01", "2026-12-01"):
        final = _deadline(events, as_of, "tribunal.order.assess.final_plan")
        assert final is not None
        assert (final.due, final.status, final.done_on) == (
            date(2026, 4, 13),
            "met",
            date(2026, 3, 30),
        )


def test_a_ceasing_before_the_decision_appealed_is_of_an_earlier_plan() -> None:
    # A plan ceased in June 2019; a plan existed again by 2024 (reviewed Mon 4 Mar 2024), and the
    # decision of Mon 3 Jun 2024 to cease it was appealed; the appeal was dismissed on Mon 2 Dec
    # 2024: reg 44(2)(a), "immediately": due that day, not done by 10 Jan 2025: overdue.
    events: list[Event] = [
        {"type": "plan_ceased", "on": "2019-06-03"},
        {"type": "review_meeting_held", "on": "2024-03-04"},
        {"type": "decision_notice", "on": "2024-06-03", "decision": "cease_plan"},
        {"type": "adviser_contacted", "on": "2024-06-20", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2024-06-21", "reason": "declined"},
        {"type": "appeal_registered", "on": "2024-07-01"},
        {"type": "tribunal_order", "on": "2024-12-02", "order": "dismiss_cease_appeal"},
    ]
    cease = _deadline(events, "2025-01-10", "tribunal.order.cease")
    assert cease is not None
    assert (cease.due, cease.status) == (date(2024, 12, 2), "overdue")


def test_a_re_assessment_notified_on_the_day_of_the_review_takes_its_proposals() -> None:
    # Review and re-assessment notice both Mon 3 Mar 2025: the proposals of Mon 2 Jun carry out
    # the re-assessment (no Devon limb: 8 weeks to Mon 28 Jul, amended plan Tue 1 Jul: met), and
    # the review clock runs from the review (s.44(1)(b)): by Mon 2 Mar 2026.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-03-04", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-03-03"},
        {"type": "reassessment_agreed", "on": "2025-03-03"},
        {"type": "amendment_notice_sent", "on": "2025-06-02"},
        {"type": "decision_notice", "on": "2025-07-01", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-08-01")
    final = report.deadline("amendment.final")
    assert final is not None
    assert (final.due, final.status) == (date(2025, 7, 28), "met")
    reviews = {d.trigger_on: d.due for d in report.deadlines if d.rule_id == "review.annual"}
    assert reviews[date(2025, 3, 3)] == date(2026, 3, 2)
    assert date(2025, 7, 1) not in reviews


_DISPUTED_PLAN: list[Event] = [
    {"type": "adviser_contacted", "on": "2025-03-03", "wants_mediation": True},
    {"type": "mediation_requested", "on": "2025-03-05", "issues": ["education"]},
    {"type": "mediation_held", "on": "2025-03-10", "agreement": "full"},
]


@pytest.mark.parametrize(
    ("request_events", "answers_it"),
    [
        ([{"type": "tribunal_order", "on": "2025-03-10", "order": "amend"}], True),
        ([{"type": "tribunal_order", "on": "2025-03-10", "order": "amend_placement"}], True),
        ([{"type": "tribunal_order", "on": "2025-03-10", "order": "continue_and_amend"}], True),
        ([{"type": "tribunal_order", "on": "2025-03-10", "order": "continue_plan"}], False),
        ([{"type": "appeal_conceded", "on": "2025-03-10", "concession": "amend"}], True),
        ([{"type": "appeal_conceded", "on": "2025-03-10", "concession": "amend_placement"}], True),
        (
            [{"type": "appeal_conceded", "on": "2025-03-10", "concession": "cease", "amend": True}],
            True,
        ),
        ([{"type": "appeal_conceded", "on": "2025-03-10", "concession": "cease"}], False),
        (
            [
                *_DISPUTED_PLAN,
                {
                    "type": "mediation_agreement",
                    "on": "2025-03-10",
                    "actions": [{"what": "F", "kind": "amend_plan"}],
                },
            ],
            True,
        ),
        (
            [
                *_DISPUTED_PLAN,
                {
                    "type": "mediation_agreement",
                    "on": "2025-03-10",
                    "actions": [{"what": "I", "kind": "amend_placement"}],
                },
            ],
            True,
        ),
        (
            [
                *_DISPUTED_PLAN,
                {
                    "type": "mediation_agreement",
                    "on": "2025-03-10",
                    "actions": [{"what": "x", "kind": "other"}],
                },
            ],
            False,
        ),
    ],
    ids=[
        "order amend",
        "order amend_placement",
        "order continue_and_amend",
        "order continue_plan",
        "concession amend",
        "concession amend_placement",
        "concession cease and amend",
        "concession cease",
        "agreement amend_plan",
        "agreement amend_placement",
        "agreement other",
    ],
)
def test_an_amended_plan_answers_the_request_to_amend_not_the_re_assessment(
    request_events: list[Event], answers_it: bool
) -> None:
    # Re-assessment notified Mon 3 Mar 2025. An order, concession or agreement of Mon 10 Mar
    # 2025; amended plan Tue 1 Apr 2025. If what came on 10 Mar requires the plan to be
    # amended, the amended plan answers it; otherwise it is the
    # re-assessment's, and reg 27(1) makes it wait for the draft's 15 days (reg 13(1)): the
    # draft of Mon 24 Mar is day 1, so they run to Mon 7 Apr; the plan of Tue 1 Apr cut them
    # short: missed. If it answers the order, concession or agreement: the period ran in full.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2025-03-03"},
        *request_events,
        {"type": "draft_plan_issued", "on": "2025-03-24"},
        {"type": "decision_notice", "on": "2025-04-01", "decision": "plan_amended"},
    ]
    period = _deadline(events, "2025-05-01", "plan.draft_representations")
    assert period is not None
    assert period.due == date(2025, 4, 7)
    if answers_it:
        assert (period.status, period.done_on) == ("met", None)
    else:
        assert (period.status, period.done_on) == ("missed", date(2025, 4, 1))


# ------------------------------------------------------------ boundaries of the readings above


def test_an_order_notice_in_a_later_orders_episode_still_answers_it() -> None:
    # Order to re-assess Mon 5 Jan 2026: notify within 2 weeks, by Mon 19 Jan. An order to amend
    # of Mon 12 Jan opens an episode of its own; the re-assessment notice of Thu 15 Jan answers
    # the first order: met.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-06-03", "decision": "plan_finalised"},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "reassess"},
        {"type": "tribunal_order", "on": "2026-01-12", "order": "amend"},
        {"type": "reassessment_agreed", "on": "2026-01-15"},
    ]
    notify = _deadline(events, "2026-02-01", "tribunal.order.assess.notify")
    assert notify is not None
    assert (notify.due, notify.status, notify.done_on) == (
        date(2026, 1, 19),
        "met",
        date(2026, 1, 15),
    )


def _review_clocks(events: list[Event], as_of: str) -> dict[date, date | None]:
    report = st.evaluate(events, as_of=as_of)
    return {d.trigger_on: d.due for d in report.deadlines if d.rule_id == "review.annual"}


def test_the_first_amendment_decision_after_proposals_answers_them() -> None:
    # Plan Mon 2 Sep 2024; re-assessment notified Mon 6 Jan 2025; review Mon 3 Feb; proposals Mon
    # 10 Feb (after the review: its proposals). A decision of another kind (a refusal to
    # re-assess, Thu 20 Feb) is not an amendment decision; the amended plan of Thu 20 Mar answers
    # the proposals, so it restarts no review: the clock runs from the review (by Mon 2 Feb 2026).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2025-01-06"},
        {"type": "review_meeting_held", "on": "2025-02-03"},
        {"type": "amendment_notice_sent", "on": "2025-02-10"},
        {"type": "decision_notice", "on": "2025-02-20", "decision": "refuse_reassessment"},
        {"type": "decision_notice", "on": "2025-03-20", "decision": "plan_amended"},
    ]
    assert _review_clocks(events, "2025-04-01") == {
        date(2024, 9, 2): date(2025, 9, 1),
        date(2025, 2, 3): date(2026, 2, 2),
    }


def test_the_latest_review_before_proposals_decides_whose_they_are() -> None:
    # Reviews Mon 6 Jan and Mon 3 Mar 2025, a re-assessment notice between them (Mon 3 Feb):
    # proposals of Mon 10 Mar follow the later review, so their amended plan (Mon 14 Apr) is the
    # review's, not the re-assessment's: no restart.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "review_meeting_held", "on": "2025-01-06"},
        {"type": "reassessment_agreed", "on": "2025-02-03"},
        {"type": "review_meeting_held", "on": "2025-03-03"},
        {"type": "amendment_notice_sent", "on": "2025-03-10"},
        {"type": "decision_notice", "on": "2025-04-14", "decision": "plan_amended"},
    ]
    clocks = _review_clocks(events, "2025-05-01")
    assert date(2025, 4, 14) not in clocks
    assert clocks[date(2025, 3, 3)] == date(2026, 3, 2)


def test_each_set_of_proposals_is_placed_on_its_own() -> None:
    # Re-assessment notified Mon 6 Jan 2025, carried out by proposals of Mon 20 Jan and a draft
    # of Mon 24 Feb: its amended plan of Mon 3 Mar is within the draft's 15 days (to Mon 10 Mar,
    # reg 27(1), 13(1)): missed. A second re-assessment notice (Thu 1 May) is followed by a
    # review (Mon 2 Jun) and its proposals (Mon 9 Jun): their amended plan of Mon 14 Jul is the
    # review's, not the re-assessment's, so a draft of Mon 7 Jul (to Mon 21 Jul) is not cut short.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {"type": "reassessment_agreed", "on": "2025-01-06"},
        {"type": "amendment_notice_sent", "on": "2025-01-20"},
        {"type": "draft_plan_issued", "on": "2025-02-24"},
        {"type": "decision_notice", "on": "2025-03-03", "decision": "plan_amended"},
        {"type": "reassessment_agreed", "on": "2025-05-01"},
        {"type": "review_meeting_held", "on": "2025-06-02"},
        {"type": "amendment_notice_sent", "on": "2025-06-09"},
        {"type": "draft_plan_issued", "on": "2025-07-07"},
        {"type": "decision_notice", "on": "2025-07-14", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-08-01")
    periods = {
        d.trigger_on: (d.due, d.status)
        for d in report.deadlines
        if d.rule_id == "plan.draft_representations"
    }
    assert periods == {
        date(2025, 2, 24): (date(2025, 3, 10), "missed"),
        date(2025, 7, 7): (date(2025, 7, 21), "met"),
    }


def test_a_plan_ceased_on_the_day_its_transfer_review_was_due_needs_none() -> None:
    # Transfer Tue 1 Sep 2026: review before 15 Feb 2026 (Sat 14 Feb). Ceased that very day.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-09-02", "decision": "plan_finalised"},
        {
            "type": "phase_transfer_planned",
            "on": "2025-03-03",
            "transfer_on": "2026-09-01",
            "kind": "other",
        },
        {"type": "plan_ceased", "on": "2026-02-14"},
    ]
    transfer = _deadline(events, "2026-03-01", "review.phase_transfer")
    assert transfer is not None
    assert transfer.status == "disapplied"


def test_an_undecided_request_to_re_assess_takes_the_proposals() -> None:
    # Review Mon 6 Jan 2025; a request to re-assess Mon 3 Feb, agreed only on Wed 12 Mar, after
    # the proposals of Mon 10 Mar: a re-assessment was under way (the request was not refused),
    # so no Devon limb: 8 weeks from the proposals, Mon 5 May 2025.
    events: list[Event] = [
        {"type": "review_meeting_held", "on": "2025-01-06"},
        {"type": "reassessment_requested", "on": "2025-02-03"},
        {"type": "amendment_notice_sent", "on": "2025-03-10"},
        {"type": "reassessment_agreed", "on": "2025-03-12"},
    ]
    final = _deadline(events, "2025-03-20", "amendment.final")
    assert final is not None
    assert final.due == date(2025, 5, 5)


@pytest.mark.parametrize(
    "ceasings",
    [
        # the plan ceased during the appeal, after an older plan had ceased in 2019
        ["2019-06-03", "2024-08-01"],
        # ceased on the very day of the decision to cease
        ["2024-06-03"],
    ],
    ids=["two ceasings", "same day as the decision"],
)
def test_an_order_to_cease_after_the_plan_ceased_is_disapplied(ceasings: list[str]) -> None:
    events: list[Event] = [
        *({"type": "plan_ceased", "on": day} for day in ceasings),
        {"type": "decision_notice", "on": "2024-06-03", "decision": "cease_plan"},
        {"type": "adviser_contacted", "on": "2024-06-20", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2024-06-21", "reason": "declined"},
        {"type": "appeal_registered", "on": "2024-07-01"},
        {"type": "tribunal_order", "on": "2024-12-02", "order": "dismiss_cease_appeal"},
    ]
    cease = _deadline(events, "2025-01-10", "tribunal.order.cease")
    assert cease is not None
    assert cease.status == "disapplied"


def test_an_agreement_on_other_matters_does_not_take_an_orders_outcome() -> None:
    # Order to assess Mon 5 Jan 2026: the final plan within 14 weeks, Mon 13 Apr 2026. A
    # mediation agreement of Mon 2 Feb on "other" matters only (reg 42(3)) opens no order
    # episode, so the final plan of Mon 30 Mar is still the order's outcome: met.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-11-03", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-11-10", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-11-12", "issues": ["education"]},
        {"type": "tribunal_order", "on": "2026-01-05", "order": "assess"},
        {"type": "assessment_agreed", "on": "2026-01-12"},
        {"type": "mediation_held", "on": "2026-02-02", "agreement": "partial"},
        {
            "type": "mediation_agreement",
            "on": "2026-02-02",
            "actions": [{"what": "a named contact", "kind": "other"}],
        },
        {"type": "decision_notice", "on": "2026-03-30", "decision": "plan_finalised"},
    ]
    final = _deadline(events, "2026-05-01", "tribunal.order.assess.final_plan")
    assert final is not None
    assert (final.due, final.status, final.done_on) == (
        date(2026, 4, 13),
        "met",
        date(2026, 3, 30),
    )
