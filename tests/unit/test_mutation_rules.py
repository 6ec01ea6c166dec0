"""Tests that kill mutation-test survivors in the rule modules (issue 8).

They pin what a user relies on and the old suite let a one-token change to ``rules/`` get past:
the order mediation events must come in (``check.event_sequence``: the error naming both events,
the ``certificate_reason_unsupported`` warning), the SEN2 20-week measure, the review clock after
a re-assessment, what meets a phase-transfer review, the reg 44/45 order checks and duties, the
exceptions that changed nothing, the appeal checks, who is a party at 25, and which mediation
agreements open an order. Expected dates are worked by hand from the law and the England and
Wales bank-holiday list (tests/data/bank-holidays-england-and-wales.json); the comments show the
working. Run the mutation test itself with ``scripts/mutation.sh`` (docs/testing.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import send_timescales as st

Event = dict[str, Any]


def _deadlines(events: list[Event], rule_id: str, as_of: str) -> list[st.Deadline]:
    return [d for d in st.evaluate(events, as_of=as_of).deadlines if d.rule_id == rule_id]


def _findings(events: list[Event], code: str, as_of: str) -> list[st.Finding]:
    return [f for f in st.evaluate(events, as_of=as_of).findings if f.code == code]


# ------------------------------------------------------------ 1. mediation events out of order


def test_mediation_held_before_its_request_raises_naming_both_events() -> None:
    # docs/concepts.md: mediation_held needs mediation_requested first; the request exists but
    # is dated two days after the mediation, so evaluation raises. No certificate is in the case
    # (the certificate rows of the check come first and find nothing to look at).
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-01-20", "wants_mediation": True},
        {"type": "mediation_held", "on": "2025-02-10", "agreement": "none"},
        {"type": "mediation_requested", "on": "2025-02-12"},
    ]
    with pytest.raises(st.ContradictoryEventsError) as raised:
        st.evaluate(events, as_of="2025-03-01")
    error = raised.value
    assert error.event_index == 2
    assert error.field == "on"
    assert error.value == "'2025-02-10'"  # a short repr of the date sent
    message = str(error)
    assert "event 2 (mediation_held on 2025-02-10)" in message
    assert "event 3 (mediation_requested on 2025-02-12)" in message
    assert "only happen after mediation was requested" in message


def test_health_notified_before_the_request_raises_at_its_own_index() -> None:
    # health_notified also needs mediation_requested first; the events are given out of date
    # order, so the index is the event's position in the input (0), not its rank by date.
    events: list[Event] = [
        {"type": "health_notified", "on": "2025-01-22"},
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "mediation_requested", "on": "2025-01-24", "issues": ["health"]},
    ]
    with pytest.raises(st.ContradictoryEventsError) as raised:
        st.evaluate(events, as_of="2025-03-01")
    assert raised.value.event_index == 0
    assert raised.value.field == "on"
    assert raised.value.value == "'2025-01-22'"


def test_unsupported_declined_certificate_after_another_certificate_is_flagged() -> None:
    # Two certificates: the first (not_arranged) is supported by mediation_not_arranged; the
    # second (declined) has no adviser_contacted with wants_mediation false before it, so reg
    # 34(1) does not support it. Looking at the declined row must not stop at the first
    # certificate, whose reason is another.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-01-20", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-01-21"},
        {"type": "mediation_not_arranged", "on": "2025-02-11"},
        {"type": "certificate_issued", "on": "2025-02-12", "reason": "not_arranged"},
        {"type": "certificate_issued", "on": "2025-02-26", "reason": "declined"},
    ]
    found = _findings(events, "certificate_reason_unsupported", "2025-03-01")
    assert len(found) == 1
    finding = found[0]
    assert finding.severity == "warning"
    assert finding.rule_id == "check.event_sequence"
    assert finding.decision_on == date(2025, 1, 10)
    assert finding.message == (
        "A mediation certificate was issued on Wednesday 26 February 2025 for the reason "
        "'declined', but no adviser_contacted event on or before that date shows that the "
        "adviser was told."
    )
    # The citations are those of the declined certificate's rule: reg 34(1), CFA s.55(4).
    assert [(c.instrument, c.provision) for c in finding.citations] == [
        ("SEND Regs 2014", "reg 34(1)"),
        ("CFA 2014", "s.55(4)"),
    ]


# ------------------------------------------------------------------ 2. SEN2: the 20-week measure


@pytest.mark.parametrize(
    ("final", "days", "within"),
    [
        # Request received Tuesday 14 January 2025. 20 weeks = 140 days: 17 days to 31 January,
        # 28 to 28 February (45), 31 to 31 March (76), 30 to 30 April (106), 31 to 31 May (137),
        # so day 140 is Tuesday 3 June 2025: within 20 weeks. Wednesday 4 June is day 141: not.
        ("2025-06-03", 140, True),
        ("2025-06-04", 141, False),
    ],
)
def test_sen2_twenty_weeks_counts_day_140_as_within(final: str, days: int, within: bool) -> None:
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "decision_notice", "on": final, "decision": "plan_finalised"},
    ]
    (measure,) = st.evaluate(events, as_of="2025-07-01").measures
    assert measure.request_on == date(2025, 1, 14)
    assert measure.final_on == date.fromisoformat(final)
    assert measure.days == days
    assert measure.weeks == 20
    assert measure.within_20_weeks is within
    assert measure.outcome == "plan_issued"


def test_sen2_decision_not_to_issue_a_plan_is_no_plan_not_a_refusal_to_assess() -> None:
    # The LA agreed to assess, then decided no plan is needed (reg 10): the request ended with
    # "no_plan". Only a refuse_assessment notice makes it "refused_assessment".
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "assessment_agreed", "on": "2025-02-18"},
        {"type": "decision_notice", "on": "2025-04-30", "decision": "refuse_plan"},
    ]
    (measure,) = st.evaluate(events, as_of="2025-07-01").measures
    assert measure.outcome == "no_plan"
    assert measure.final_on is None
    assert measure.within_20_weeks is None
    refused: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "decision_notice", "on": "2025-02-18", "decision": "refuse_assessment"},
    ]
    (measure,) = st.evaluate(refused, as_of="2025-07-01").measures
    assert measure.outcome == "refused_assessment"


def test_sen2_amended_plan_is_neither_a_final_plan_nor_a_decision_not_to_issue() -> None:
    # The LA became responsible (s.24) for a child with a plan on 14 January 2025, agreed to
    # assess, and amended the existing plan on 30 April. That is no final plan under reg 13(2)
    # (plan.final, due 20 weeks later on 3 June 2025, is overdue) and no reg 10 decision not to
    # issue one (plan.decision_not_to_issue, due 16 weeks later on 6 May 2025, is overdue): the
    # request is still open for SEN2.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14", "route": "became_responsible"},
        {"type": "assessment_agreed", "on": "2025-02-18"},
        {"type": "decision_notice", "on": "2025-04-30", "decision": "plan_amended"},
    ]
    report = st.evaluate(events, as_of="2025-07-01")
    (measure,) = report.measures
    assert measure.outcome == "open"
    assert measure.final_on is None
    for rule_id, due in (
        ("plan.decision_not_to_issue", date(2025, 5, 6)),
        ("plan.final", date(2025, 6, 3)),
    ):
        deadline = report.deadline(rule_id)
        assert deadline is not None
        assert (deadline.due, deadline.status) == (due, "overdue")


# ------------------------------------------------------------------ 3. reviews and phase transfer


def test_review_after_an_earlier_plan_is_not_treated_as_after_reassessment() -> None:
    # The re-assessment (agreed 2 November 2020) led to the plan of 15 January 2021. The plan
    # of 1 March 2022 came later, with no re-assessment since the earlier plan, so its review is
    # CFA s.44(1)'s: within 12 months starting with Tuesday 1 March 2022, ending the day before
    # the corresponding date, Tuesday 28 February 2023 (reg 27(4)'s "within 12 months of"
    # would give Wednesday 1 March 2023). The 2021 plan did follow the re-assessment: its
    # review is due within 12 months of 15 January 2021, Saturday 15 January 2022 (C7: it does
    # not move).
    events: list[Event] = [
        {"type": "reassessment_agreed", "on": "2020-11-02"},
        {"type": "decision_notice", "on": "2021-01-15", "decision": "plan_finalised"},
        {"type": "decision_notice", "on": "2022-03-01", "decision": "plan_finalised"},
    ]
    annual = {d.trigger_on: d.due for d in _deadlines(events, "review.annual", "2022-03-02")}
    assert annual == {date(2021, 1, 15): date(2022, 1, 15), date(2022, 3, 1): date(2023, 2, 28)}


def test_plan_sent_the_day_the_reassessment_was_agreed_is_the_reassessed_plan() -> None:
    # The re-assessment agreed on Friday 15 January 2021 is answered by the plan finalised that
    # same day (reassessment.final, 14 weeks = 98 days to Friday 23 April 2021, is met by it), so
    # that plan's review is reg 27(4)(a)'s, within 12 months of sending it: Saturday 15 January
    # 2022 (C2, the corresponding date; C7: it does not move). The next plan, 1 March 2022, has
    # no re-assessment after the earlier plan: s.44(1), ending Tuesday 28 February 2023.
    events: list[Event] = [
        {"type": "reassessment_agreed", "on": "2021-01-15"},
        {"type": "decision_notice", "on": "2021-01-15", "decision": "plan_finalised"},
        {"type": "decision_notice", "on": "2022-03-01", "decision": "plan_finalised"},
    ]
    (final,) = _deadlines(events, "reassessment.final", "2022-03-02")
    assert (final.due, final.done_on) == (date(2021, 4, 23), date(2021, 1, 15))
    annual = {d.trigger_on: d.due for d in _deadlines(events, "review.annual", "2022-03-02")}
    assert annual == {date(2021, 1, 15): date(2022, 1, 15), date(2022, 3, 1): date(2023, 2, 28)}


def _transfer(*outcomes: Event) -> list[Event]:
    # A plan made 10 January 2023; a transfer (primary to secondary: reg 18(1)(b)) on Wednesday
    # 3 September 2025 is planned. The review must take place before 15 February 2025, so by
    # Friday 14 February 2025, and is met by the first amended plan or decision to keep the plan
    # on or after 3 September 2024 (12 months before the transfer).
    return [
        {"type": "decision_notice", "on": "2023-01-10", "decision": "plan_finalised"},
        {"type": "phase_transfer_planned", "on": "2024-06-01", "transfer_on": "2025-09-03"},
        *outcomes,
    ]


def _phase_transfer(events: list[Event]) -> st.Deadline:
    (deadline,) = _deadlines(events, "review.phase_transfer", "2025-03-01")
    assert deadline.due == date(2025, 2, 14)
    return deadline


def test_phase_transfer_review_met_by_the_earliest_outcome() -> None:
    # A decision to keep the plan on 12 November 2024 and an amended plan on 2 December 2024:
    # the earlier of the two meets the review.
    events = _transfer(
        {"type": "review_decision", "on": "2024-11-12", "outcome": "maintain"},
        {"type": "decision_notice", "on": "2024-12-02", "decision": "plan_amended"},
    )
    deadline = _phase_transfer(events)
    assert deadline.status == "met"
    assert deadline.done_on == date(2024, 11, 12)


def test_phase_transfer_review_met_by_a_refusal_to_amend_after_a_review() -> None:
    # A notice refusing to amend after a review (1 October 2024; reg 22(4): the review found no
    # amendment necessary) completes the review "and amend, where necessary" of reg 18(1). One
    # recorded as not following a review does not: the decision to keep the plan of 12 November
    # 2024 then meets it.
    refusal: Event = {"type": "decision_notice", "on": "2024-10-01", "decision": "refuse_amendment"}
    kept: Event = {"type": "review_decision", "on": "2024-11-12", "outcome": "maintain"}
    deadline = _phase_transfer(_transfer(refusal, kept))
    assert (deadline.status, deadline.done_on) == ("met", date(2024, 10, 1))
    deadline = _phase_transfer(_transfer({**refusal, "following_review": False}, kept))
    assert (deadline.status, deadline.done_on) == ("met", date(2024, 11, 12))


def test_phase_transfer_review_without_any_outcome_is_overdue() -> None:
    deadline = _phase_transfer(_transfer())
    assert deadline.status == "overdue"
    assert deadline.done_on is None


# ---------------------------------------------------------------------- 4. orders and concessions


def test_order_sent_date_finding_names_the_decision_it_follows() -> None:
    # The order (made Tuesday 10 June 2025, sent Friday 13 June) follows the refusal to assess
    # notified on 10 January 2025: deadline.decision_on's rule, "the latest decision notice on
    # or before the event that opened" the order.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "tribunal_order", "on": "2025-06-10", "order": "assess", "sent_on": "2025-06-13"},
    ]
    (finding,) = _findings(events, "order_sent_date_differs", "2025-06-20")
    assert finding.decision_on == date(2025, 1, 10)
    assert "made on Tuesday 10 June 2025 and sent on Friday 13 June 2025" in finding.message


def test_plan_conceded_before_23_march_2015_warns_the_period_is_unknown() -> None:
    # Reg 45(6) as made (before SI 2015/359, in force 23 March 2015) could not be read: a
    # concession of 10 February 2015 gets a warning, tied to the refusal of 10 October 2014.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2014-10-10", "decision": "refuse_plan"},
        {"type": "appeal_conceded", "on": "2015-02-10", "concession": "make_plan"},
    ]
    (finding,) = _findings(events, "unopposed_period_unknown", "2015-02-20")
    assert finding.severity == "warning"
    assert finding.decision_on == date(2014, 10, 10)
    assert finding.message == (
        "The LA stopped opposing an appeal against a refusal to make a plan on Tuesday 10 "
        "February 2015, before 23 March 2015. Reg 45(6) as then in force set the time limit, "
        "but its words could not be read, so no date is given: check it."
    )


def test_conceded_cease_appeal_duty_says_what_was_conceded() -> None:
    # Reg 45(6A): the LA that no longer opposes an appeal against ceasing the plan continues to
    # maintain it.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "cease_plan"},
        {"type": "appeal_conceded", "on": "2025-02-10", "concession": "cease"},
    ]
    report = st.evaluate(events, as_of="2025-02-20")
    (duty,) = [d for d in report.duties if d.rule_id == "unopposed.cease_conceded.continue"]
    assert duty.applies_because == (
        "on Monday 10 February 2025 the LA notified the Tribunal that it will not oppose the "
        "appeal against ceasing the plan"
    )


def test_agreement_on_other_matters_only_does_not_open_an_order() -> None:
    # A Tribunal order to make a plan, made Monday 6 January 2025: the draft is due 5 weeks
    # (35 days) later, Monday 10 February 2025 (reg 44(2)(c)(i)). A mediation agreement about
    # another decision, on 3 February, requires only an "other" action: it is not done "as if"
    # ordered (reg 42(3), not 42(2)), so it opens no order, and the draft of 7 February still
    # answers the Tribunal's order.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2024-12-02", "decision": "plan_amended"},
        {"type": "tribunal_order", "on": "2025-01-06", "order": "make_plan"},
        {"type": "adviser_contacted", "on": "2025-01-08", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-01-09"},
        {"type": "mediation_held", "on": "2025-02-03", "agreement": "full"},
        {
            "type": "mediation_agreement",
            "on": "2025-02-03",
            "actions": [{"what": "arrange a speech therapy visit", "kind": "other"}],
        },
        {"type": "draft_plan_issued", "on": "2025-02-07"},
    ]
    (draft,) = _deadlines(events, "tribunal.order.make_plan.draft", "2025-02-08")
    assert draft.due == date(2025, 2, 10)
    assert draft.status == "met"
    assert draft.done_on == date(2025, 2, 7)


# ------------------------------------------------------------- 5. exceptions that changed nothing


def _request_with_advice(bodies: int) -> list[Event]:
    # A request received 14 January 2025, agreed 18 February; advice asked of `bodies` bodies
    # on 19 February (each due 6 weeks later, 2 April 2025). An absence of 10 days (3 to 12
    # March) is short of the 28 days regs 8(2)(b) and 10(4)(c) need: it is weighed against each
    # advice limit, the 16 weeks (reg 10(1)) and the 20 weeks (reg 13(2)), and applies to none.
    names = ["educational", "medical", "psychological", "social_care", "other"]
    return [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "assessment_agreed", "on": "2025-02-18"},
        *({"type": "advice_requested", "on": "2025-02-19", "body": b} for b in names[:bodies]),
        {"type": "exception_applied", "on": "2025-03-03", "to": "2025-03-12", "reason": "absence"},
    ]


@pytest.mark.parametrize(("bodies", "limits", "more"), [(3, 5, False), (4, 6, True)])
def test_unused_exception_lists_five_limits_then_how_many_more(
    bodies: int, limits: int, more: bool
) -> None:
    (finding,) = _findings(_request_with_advice(bodies), "exception_not_applied", "2025-03-20")
    message = finding.message
    assert f"it was weighed against {limits} time limit(s) and applies to none" in message
    # At most five reasons are shown; "; and 1 more" says how many were left out (6 - 5).
    assert message.count("needs at least 28 days") == 5
    assert message.endswith(
        "needs at least 28 days; and 1 more. It changes no date."
        if more
        else "needs at least 28 days. It changes no date."
    )


def test_only_the_exception_that_changed_nothing_is_reported() -> None:
    # The first absence (16 January to 20 February 2025, 36 days) covers 4 weeks of the running
    # periods and disapplies the request's limits; the second (3 to 12 March) changes nothing,
    # and only it is reported.
    events: list[Event] = [
        {"type": "assessment_requested", "on": "2025-01-14"},
        {"type": "exception_applied", "on": "2025-01-16", "to": "2025-02-20", "reason": "absence"},
        {"type": "exception_applied", "on": "2025-03-03", "to": "2025-03-12", "reason": "absence"},
    ]
    (finding,) = _findings(events, "exception_not_applied", "2025-03-20")
    assert finding.message.startswith(
        "The exception of Monday 3 March 2025 to Wednesday 12 March 2025 (absence) changed nothing"
    )


# ------------------------------------------------------------------ 6. appeals and eligibility


def test_every_appeal_against_an_unappealable_decision_is_flagged() -> None:
    # A refusal to amend that does not follow a review is not appealable (CFA 2014 s.51(2)(e)):
    # each of the two appeals registered gets its own warning.
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2025-01-10",
            "decision": "refuse_amendment",
            "following_review": False,
        },
        {"type": "appeal_registered", "on": "2025-02-03"},
        {"type": "appeal_registered", "on": "2025-02-20"},
    ]
    found = _findings(events, "appeal_not_appealable", "2025-03-01")
    assert [f.message.split(",")[0] for f in found] == [
        "An appeal was registered on Monday 3 February 2025",
        "An appeal was registered on Thursday 20 February 2025",
    ]


@pytest.mark.parametrize(("decided", "over_25"), [("2025-03-14", True), ("2025-03-13", False)])
def test_young_person_is_25_on_their_25th_birthday(decided: str, over_25: bool) -> None:
    # Born Tuesday 14 March 2000: 25 on Friday 14 March 2025 (the day before, 24). Compulsory
    # school age ended on the school leaving date of 2015/16, the year they turned 16: the last
    # Friday in June 2016, 24 June 2016. So the young person is the party either way.
    events: list[Event] = [
        {"type": "child_born", "on": "2000-03-14"},
        {"type": "decision_notice", "on": decided, "decision": "cease_plan"},
    ]
    eligibility = st.evaluate(events, as_of="2025-03-20").eligibility
    assert eligibility.party == "young_person"
    (reason,) = [r for r in eligibility.reasons if r.rule_id == "eligibility.party"]
    assert "Compulsory school age ended on Friday 24 June 2016" in reason.text
    assert ("They were 25 or over on the date of the decision." in reason.text) is over_25
