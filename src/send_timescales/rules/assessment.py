"""EHC needs assessment, plan and re-assessment: SEND Regs 2014 Part 2 regs 5 to 27 (in order).

Read in legislation.gov.uk's published data (``verified``; see CHANGELOG.md). The clocks of a
request for an assessment (CFA 2014 s.36(1); or the LA becoming responsible, s.24) all start on
the day the LA **received** it: the decision whether to assess within 6 weeks (reg 5(1)), a
decision not to issue a plan within 16 weeks (reg 10(1)), the final plan within 20 weeks
(reg 13(2)). Advice asked of another body is due within 6 weeks of the request for it (reg 8(1)).
A draft plan gives the parent or young person at least 15 days, beginning with the day it was
served, to make representations (reg 13(1)(a)): a protected period, ``met`` when it runs in full.
A re-assessment: the LA says within 15 days whether it will re-assess (reg 25(1)), then sends the
final plan within 14 weeks of that notice (reg 27(2)). Weeks are 7N days (C1); nothing moves for
a weekend or bank holiday (C7).

Exceptions (:mod:`.exceptions`): regs 5(4), 10(4), 13(3) (through 10(4)) and 27(3): a closure of
the setting the LA asked for advice, exceptional personal circumstances, 4 weeks' absence; reg
8(2)'s own list; coronavirus 2020 for each.

Not modelled: reg 4 (a determination that a plan is not necessary, notified with the decision not
to assess: the ``refuse_assessment`` notice answers both); reg 6, 7, 9 (what advice to seek and
how: no time limit); reg 11, 12, 14 (the plan's form and who receives it); no time limit exists
for a draft plan itself, nor for a decision not to amend after a re-assessment.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import Literal

from ..citations import CFA_2014, SEND_REGS, Citation
from ..events import (
    AdviceReceived,
    AdviceRequested,
    AppealConceded,
    AssessmentRequested,
    DecisionNotice,
    EventBase,
    MediationAgreement,
    TribunalOrder,
)
from ..periods import AtLeastDays, Days, Weeks, long_date
from ..results import Measure, trusted
from ._model import (
    AS_COMPUTED,
    DeadlineRule,
    Episode,
    FindingTemplate,
    MeasureRule,
    disapplied_by_exception,
    notice_of,
    superseded_by,
)
from .exceptions import REG_5_4, REG_8_2, REG_10_4, REG_13_3, REG_27_3, coronavirus_2a
from .reviews import amended_after_reassessment, answers_proposals

__all__ = ["RULES"]

_REQUESTED = (
    "the LA received the request for an EHC needs assessment (CFA 2014 s.36(1)), or became "
    "responsible for the child or young person (s.24)"
)


def _same_body(trigger: EventBase, event: EventBase) -> bool:
    return (
        isinstance(trigger, AdviceRequested)
        and isinstance(event, AdviceReceived)
        and event.body == trigger.body
    )


_REFUSED_TO_ASSESS = superseded_by(
    ("decision_notice",),
    "The LA decided not to secure an assessment ({event}): the later clocks of this request do "
    "not run: disapplied.",
    when=notice_of("refuse_assessment"),
    ends_it=True,
)
_PLAN_ROUTE = (
    "A plan is being made ({event}), so the limb for notifying a decision not to issue one no "
    "longer applies: disapplied."
)
# A draft does not end the request: a decision not to issue may still follow it (and then meets
# or misses its limb). A final plan does: a decision not to issue after it answers something else.
_DRAFTING = superseded_by(("draft_plan_issued",), _PLAN_ROUTE)
_PLAN_MADE = superseded_by(
    ("decision_notice",), _PLAN_ROUTE, when=notice_of("plan_finalised"), ends_it=True
)
# The two outcomes are alternatives: the first ends the other's limb, and a plan made after a
# decision not to issue one (after an appeal, say) answers something else.
_NO_PLAN = superseded_by(
    ("decision_notice",),
    "The LA notified a decision not to issue a plan ({event}), so no final plan is due: "
    "disapplied.",
    when=notice_of("refuse_plan"),
    ends_it=True,
)


def _amended_for_another_reason(episode: Episode, event: EventBase) -> bool:
    """An amended plan that no re-assessment led to.

    Reg 27(1) applies reg 13(1) (the draft's 15 days) only to one that a re-assessment led to.
    """
    return (
        isinstance(event, DecisionNotice)
        and event.decision == "plan_amended"
        and not amended_after_reassessment(episode, event)
    )


def _la(**fields: object) -> DeadlineRule:  # pragma: no mutate block
    return DeadlineRule(duty_holder="la", process="request", **fields)  # type: ignore[arg-type]


ASSESSMENT_DECISION = _la(
    id="assessment.decision",
    summary="LA notifies its decision whether to secure an EHC needs assessment",
    trigger="assessment_requested",
    trigger_text=_REQUESTED,
    period=Weeks(6),
    done_by=("assessment_agreed", "decision_notice"),
    done_when=lambda e: not isinstance(e, DecisionNotice) or e.decision == "refuse_assessment",
    exceptions=REG_5_4,
    citations=(SEND_REGS.cite("5(1)", "verified"), CFA_2014.cite("36(4)", "verified")),
)
ASSESSMENT_ADVICE = DeadlineRule(
    id="assessment.advice",
    summary="A body asked for advice for the EHC needs assessment gives it",
    duty_holder="advice_giver",
    process="request",
    trigger="advice_requested",
    trigger_text="the LA asked the body for advice (its request counts from the day it was sent; "
    "reg 8(1) counts from its receipt, a later day, C9)",
    period=Weeks(6),
    done_by=("advice_received",),
    done_matches=_same_body,
    subject=lambda trigger: f"{getattr(trigger, 'body', '')} advice",
    exceptions=REG_8_2,
    citations=(SEND_REGS.cite("8(1)", "verified"), CFA_2014.cite("31", "verified")),
)
PLAN_DECISION_NOT_TO_ISSUE = _la(
    id="plan.decision_not_to_issue",
    summary="LA notifies, after the assessment, a decision that no EHC plan is needed",
    trigger="assessment_requested",
    trigger_text=_REQUESTED,
    period=Weeks(16),
    done_by=("decision_notice",),
    done_when=notice_of("refuse_plan"),
    disapplied_when=(_REFUSED_TO_ASSESS, _DRAFTING, _PLAN_MADE),
    exceptions=REG_10_4,
    citations=(SEND_REGS.cite("10(1)", "verified"), CFA_2014.cite("36(9)", "verified")),
)
PLAN_DRAFT_REPRESENTATIONS = DeadlineRule(
    id="plan.draft_representations",
    summary="LA gives the parent or young person at least 15 days, from the day the draft plan "
    "was served, to make representations and ask for a school before finalising it",
    duty_holder="la",
    process="case",
    trigger="draft_plan_issued",
    trigger_text="the draft EHC plan was served",
    period=AtLeastDays(15),
    non_working_day=AS_COMPUTED,
    protected_period=True,
    breached_by=("decision_notice",),
    # reg 27(1): a plan amended or replaced after a re-assessment follows reg 13(1) too; an
    # amended plan that answers proposals, an order or an agreement to amend does not.
    breached_when=notice_of("plan_finalised", "plan_amended"),
    breached_unless=_amended_for_another_reason,
    when_missed=FindingTemplate(
        "final_plan_before_representations",
        "error",
        lambda d: (
            f"The final plan was issued on {long_date(d.done_on)}, within the 15 days "
            f"for representations on the draft, which ran to {long_date(d.due)}: the LA may not "
            "finalise the plan before they end (for a plan amended after a re-assessment too, "
            "reg 27(1))."
        ),
    ),
    notes=(
        "The day the draft was served is day 1 (C5, docs/interpretations.md#c5): the LA may "
        "finalise the plan from the day after the period ends.",
    ),
    citations=(
        SEND_REGS.cite("13(1)(a)", "verified"),
        CFA_2014.cite("38(4)", "verified"),
        SEND_REGS.cite("27(1)", "verified"),
    ),
)
PLAN_FINAL = _la(
    id="plan.final",
    summary="LA sends the finalised EHC plan",
    trigger="assessment_requested",
    trigger_text=_REQUESTED,
    period=Weeks(20),
    done_by=("decision_notice",),
    done_when=notice_of("plan_finalised"),
    disapplied_when=(_REFUSED_TO_ASSESS, _NO_PLAN),
    exceptions=REG_13_3,
    citations=(SEND_REGS.cite("13(2)", "verified"),),
)
REASSESSMENT_DECISION = _la(
    id="reassessment.decision",
    summary="LA notifies whether it will re-assess",
    trigger="reassessment_requested",
    trigger_text="the LA received the request for a re-assessment",
    period=Days(15),
    done_by=("reassessment_agreed", "decision_notice"),
    done_when=lambda e: not isinstance(e, DecisionNotice) or e.decision == "refuse_reassessment",
    exceptions=(coronavirus_2a("2A(3)(e)"),),
    citations=(SEND_REGS.cite("25(1)", "verified"),),
)


def _to_assess(event: EventBase) -> bool:
    """An order, a conceded appeal or a mediation agreement requiring a (re-)assessment."""
    if isinstance(event, TribunalOrder):
        return event.order in ("assess", "reassess")
    if isinstance(event, AppealConceded):
        return event.concession in ("assess", "reassess")
    return isinstance(event, MediationAgreement) and any(
        action.kind == "assess" for action in event.actions
    )


def _order_dates(episode: Episode) -> tuple[list[date], list[date], list[date]]:
    """The sorted dates of orders to (re-)assess, requests to re-assess and notices to assess.

    Built once per evaluation (``Episode.memo``), so that each notice is placed by bisection.
    """
    found = episode.memo.get("assessment.order_dates")
    if found is None:
        index = episode.case_index
        found = episode.memo["assessment.order_dates"] = (
            sorted(
                event.on
                for kind in ("tribunal_order", "appeal_conceded", "mediation_agreement")
                for event in index.get(kind, ())
                if _to_assess(event)
            ),
            [event.on for event in index.get("reassessment_requested", ())],
            sorted(
                event.on
                for kind in ("assessment_agreed", "reassessment_agreed")
                for event in index.get(kind, ())
            ),
        )
    orders, requests, notices = found
    return orders, requests, notices


def _not_answering_an_order(episode: Episode, notice: EventBase) -> bool:
    """Whether a notice that the LA will re-assess starts the 14 weeks of reg 27(2).

    Not when it answers a Tribunal order, a conceded appeal or a mediation agreement to
    (re-)assess (regs 44(2)(b), 45(3), 42(2)): it is then the first notice of a (re-)assessment
    on or after the latest of them, with no request to re-assess received since, and the
    order's own limits run instead. Reg 27(2) counts only from the reg 25(1) notice (an answer
    to a request) or the LA's own decision to re-assess (CFA 2014 s.44(3)).
    """
    orders, requests, notices = _order_dates(episode)
    at = bisect_right(orders, notice.on)
    if at == 0:
        return True
    since = orders[at - 1]
    # a request received after the order, on or before the notice
    after = bisect_right(requests, since)
    if after < len(requests) and requests[after] <= notice.on:
        return True
    # an earlier notice on or after the order already answered it
    first = bisect_left(notices, since)
    return first < len(notices) and notices[first] < notice.on


REASSESSMENT_FINAL = _la(
    id="reassessment.final",
    summary="LA sends the finalised EHC plan after the re-assessment",
    trigger="reassessment_agreed",
    trigger_text="the LA notified that it will re-assess (reg 25(1))",
    starts_clock=_not_answering_an_order,
    period=Weeks(14),
    done_by=("decision_notice",),
    done_when=notice_of("plan_finalised", "plan_amended"),
    disapplied_when=(
        superseded_by(
            ("decision_notice",),
            "The LA decided not to amend or replace the plan after the re-assessment ({event}); "
            "reg 27 sets no time limit for that decision: disapplied.",
            when=notice_of("refuse_amendment"),
            ends_it=True,
            unless=answers_proposals,
        ),
    ),
    exceptions=REG_27_3,
    citations=(SEND_REGS.cite("27(2)", "verified"),),
)


def _twenty_weeks(rule: MeasureRule, episode: Episode) -> list[Measure]:
    """SEN2: weeks from the request to the final plan, and whether within 20 weeks."""
    request = episode.opener
    if not isinstance(request, AssessmentRequested):
        return []
    found = episode.results.get("plan.final", ())
    final = found[0] if found else None
    refused = episode.first_after("decision_notice", request.on, notice_of("refuse_assessment"))
    no_plan = episode.first_after("decision_notice", request.on, notice_of("refuse_plan"))
    final_on = final.done_on if final is not None else None
    outcome: Literal["plan_issued", "no_plan", "refused_assessment", "open"]
    if final_on is not None:
        outcome = "plan_issued"
    elif refused is not None:
        outcome = "refused_assessment"
    elif no_plan is not None:
        outcome = "no_plan"
    else:
        outcome = "open"
    days = (final_on - request.on).days if final_on is not None else None
    return [
        trusted(
            Measure,
            rule_id=rule.id,
            citations=rule.citations,
            request_on=request.on,
            final_on=final_on,
            days=days,
            weeks=days // 7 if days is not None else None,
            within_20_weeks=days <= 140 if days is not None else None,
            exception_applied=final is not None and disapplied_by_exception(final, PLAN_FINAL),
            outcome=outcome,
        )
    ]


SEN2_TWENTY_WEEKS = MeasureRule(
    id="measure.sen2_20_weeks",
    summary="SEN2: the weeks from a request for an assessment to the final EHC plan, and whether "
    "it was within 20 weeks (requests where an exception applied are reported apart)",
    process="request",
    measure=_twenty_weeks,
    needs=("plan.final",),
    citations=(
        SEND_REGS.cite("13(2)", "verified"),
        Citation(
            instrument="SEN2 data collection guide (Department for Education)",
            provision="",
            confidence="secondary",
            url=None,
        ),
    ),
)

RULES = (
    ASSESSMENT_DECISION,
    ASSESSMENT_ADVICE,
    PLAN_DECISION_NOT_TO_ISSUE,
    PLAN_DRAFT_REPRESENTATIONS,
    PLAN_FINAL,
    REASSESSMENT_DECISION,
    REASSESSMENT_FINAL,
    SEN2_TWENTY_WEEKS,
)
"""The assessment, plan and re-assessment rules, in statutory order."""
