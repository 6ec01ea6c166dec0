"""Reviews, phase transfers, amendments and ceasing: CFA 2014 ss.44, 45; SEND Regs 2014 regs 18-22.

In statutory order; read in legislation.gov.uk's published data (``verified``).

A plan is reviewed "in the period of 12 months starting with" the day it was first made, then
with each review (CFA s.44(1)): that day is day 1, so the review is due by the day before the
corresponding date (C9; the anniversary reading used in practice is a day later). After a
re-assessment, reg 27(4)(a) says instead "within 12 months of the date on which a copy of the
finalised plan is sent" (C2, no day taken off). An amendment never resets the clock. Around a
review meeting (regs 20, 21): at least 2 weeks' notice, advice circulated at least 2 weeks
before, a report within 2 weeks, the LA's decision within 4 weeks. Before a transfer between
phases, the plan is reviewed and amended where necessary before 15 February (before 31 March
from secondary school to post-16; at least five months before a post-16 to post-16 move)
(reg 18). Amending after a review (reg 22): at least 15 days for representations, then the
amended plan (or a decision not to amend) within 8 weeks of the proposed amendments, and, after
a review, never later than 12 weeks after its meeting (R (L, M, P) v Devon CC [2022] EWHC 493
(Admin): the 4 weeks of reg 20(10) plus the 8 of reg 22(3)). A plan the LA decides to cease is
kept until the time to appeal ends or an appeal is decided (CFA s.45(4)).

Not modelled: the transfer of a plan to another LA (reg 15) and a change of commissioning body
(reg 16), with their 15 working days; who must attend a review (reg 20(2)); reg 28's amendments
without a review are counted as reg 22 amendments (8 weeks) with no meeting, hence no 12-week
limb; reg 31 (the procedure for ceasing) sets no time limit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date, timedelta
from typing import NamedTuple

from ..citations import CFA_2014, SEND_REGS, case_law
from ..events import (
    AppealConceded,
    DecisionNotice,
    EventBase,
    MediationAgreement,
    PhaseTransferPlanned,
    ReviewDecision,
    ReviewMeetingHeld,
    TribunalOrder,
    event_label,
)
from ..periods import (
    AtLeastDays,
    Before,
    Months,
    MonthsBefore,
    MonthsStartingWith,
    Period,
    Weeks,
    WeeksBefore,
    explained,
    long_date,
)
from ..results import Deadline, DutyHolder
from ._model import (
    AS_COMPUTED,
    DeadlineRule,
    Draft,
    DutyRule,
    Earlier,
    Episode,
    FindingTemplate,
    Limb,
    Output,
    deadline_rule,
    event_on,
    notice_of,
    trigger_step,
)
from .exceptions import REG_18A, REG_22_6, coronavirus_2a

__all__ = ["RULES"]

_ONE_DAY = timedelta(days=1)
_DEVON = case_law("R (L, M, P) v Devon County Council [2022] EWHC 493 (Admin)", "secondary")
_REVIEW_2A = coronavirus_2a("2A(3)(c), (d)")
_REASSESSED_2A = (coronavirus_2a("2A(3)(f)"),)
"""Reg 2A(3)(f): coronavirus, for the review within 12 months of a re-assessment (reg 27(4))."""


def _arranger(meeting: EventBase) -> DutyHolder:
    return (
        "la" if isinstance(meeting, ReviewMeetingHeld) and meeting.arranged_by == "la" else "school"
    )


def _ends_a_reassessment(event: EventBase) -> bool:
    """Whether a later plan no longer follows an earlier re-assessment notice after ``event``.

    The plan ceased, a new request or notice of an assessment, or a decision not to amend or
    replace the plan (the re-assessment ended without a new one).
    """
    return not isinstance(event, DecisionNotice) or event.decision == "refuse_amendment"


def _reassessment_dates(episode: Episode) -> tuple[list[date], list[date]]:
    """The days of re-assessment notices, and of the events that end a re-assessment.

    Sorted, and gathered once per evaluation (``Episode.memo``), so that each plan is placed by
    bisection.
    """
    found: tuple[list[date], list[date]] | None = episode.memo.get("reviews.reassessments")
    if found is None:
        index = episode.case_index
        notices = [e.on for e in index.get("reassessment_agreed", ())]
        by_proposals = _amendment_claims(episode)[0]
        enders = sorted(
            e.on
            for kind in (
                "plan_ceased",
                "assessment_requested",
                "assessment_agreed",
                "decision_notice",
            )
            for e in index.get(kind, ())
            if _ends_a_reassessment(e) and id(e) not in by_proposals
        )
        found = episode.memo["reviews.reassessments"] = (notices, enders)
    return found


def _reassessed_between(episode: Episode, since: date, plan_on: date) -> bool:
    """Whether a re-assessment notified after ``since`` leads to a plan sent on ``plan_on``.

    The latest ``reassessment_agreed`` in that span counts unless the plan ceasing, a new
    request or notice of an assessment, or a decision not to amend or replace the plan comes
    between it and the plan (the re-assessment then ended without it).
    """
    notices, enders = _reassessment_dates(episode)
    latest = _latest_on_or_before(notices, plan_on)
    if latest is None or latest <= since:
        return False
    # an ending strictly between the notice and the plan
    return bisect_right(enders, latest) == bisect_left(enders, plan_on)


class _Starts(NamedTuple):
    """The days a plan was made, or amended after a re-assessment (see :func:`_plan_starts`)."""

    days: list[date]
    amended: frozenset[int]
    """The ids of the amended plans among them."""
    made: list[EventBase]
    """The plans made (their final versions sent), in date order."""


def _plan_starts(episode: Episode) -> _Starts:
    """The days a plan was made, or amended after a re-assessment, and the amended ones.

    Both start the review clock (CFA 2014 s.44(1); reg 27(4)(a), which covers a decision "to
    amend or replace" the plan after a re-assessment). Worked out once per evaluation
    (``Episode.memo``), in date order: an amendment follows a re-assessment only if the
    re-assessment came after the latest such start.
    """
    found: _Starts | None = episode.memo.get("reviews.plan_starts")
    if found is None:
        starts: list[date] = []
        amended: list[EventBase] = []
        made: list[EventBase] = []
        by_proposals, by_requests = _amendment_claims(episode)
        claimed = by_proposals | by_requests
        since = date.min
        for event in episode.case_index.get("decision_notice", ()):
            if not isinstance(event, DecisionNotice):
                continue
            if event.decision == "plan_finalised":
                made.append(event)
            elif (
                event.decision == "plan_amended"
                and id(event) not in claimed
                and _reassessed_between(episode, since, event.on)
            ):
                amended.append(event)
            else:
                continue
            starts.append(event.on)
            since = event.on
        found = episode.memo["reviews.plan_starts"] = _Starts(
            starts, frozenset(id(e) for e in amended), made
        )
    return found


def _amends_on_request(event: EventBase) -> bool:
    """An order, a concession or a mediation agreement that requires the plan to be amended."""
    if isinstance(event, TribunalOrder):
        return event.order in ("amend", "amend_placement", "continue_and_amend")
    if isinstance(event, AppealConceded):
        return event.concession in ("amend", "amend_placement") or event.amend
    if isinstance(event, MediationAgreement):
        return any(a.kind in ("amend_plan", "amend_placement") for a in event.actions)
    return False


def _amendment_claims(episode: Episode) -> tuple[frozenset[int], frozenset[int]]:
    """The ids of amendment decisions that answer something other than a re-assessment.

    First, those that answer proposals to amend: the first amended plan or decision not to
    amend on or after proposals (reg 22(2), ``amendment_notice_sent``), unless the proposals
    came after a re-assessment notice with no later review (they then carry the re-assessment
    out; a notice on the day of the review counts as after it). Second, those that answer an
    order, a concession or an agreement to amend: the first amended plan on or after it (reg
    44(2)(e), (f), (h); reg 45(4) to (6A); reg 42(2)). Worked out once per evaluation.
    """
    found: tuple[frozenset[int], frozenset[int]] | None = episode.memo.get("reviews.claims")
    if found is not None:
        return found
    index = episode.case_index
    decisions = [
        e
        for e in index.get("decision_notice", ())
        if isinstance(e, DecisionNotice) and e.decision in ("plan_amended", "refuse_amendment")
    ]
    plans = [e for e in decisions if e.decision == "plan_amended"]
    by_proposals: set[int] = set()
    reviewed = [e.on for e in index.get("review_meeting_held", ())]
    reassessed = [e.on for e in index.get("reassessment_agreed", ())]
    for proposals in index.get("amendment_notice_sent", ()):
        last_review = _latest_on_or_before(reviewed, proposals.on)
        last_reassessment = _latest_on_or_before(reassessed, proposals.on)
        if last_reassessment is not None and (
            last_review is None or last_review <= last_reassessment
        ):
            continue
        at = bisect_left(decisions, proposals.on, key=event_on)
        if at < len(decisions):
            by_proposals.add(id(decisions[at]))
    by_requests: set[int] = set()
    requests = [
        e
        for kind in ("tribunal_order", "appeal_conceded", "mediation_agreement")
        for e in index.get(kind, ())
        if _amends_on_request(e)
    ]
    for request in requests:
        at = bisect_left(plans, request.on, key=event_on)
        if at < len(plans):
            by_requests.add(id(plans[at]))
    found = episode.memo["reviews.claims"] = (frozenset(by_proposals), frozenset(by_requests))
    return found


def plans_made(episode: Episode) -> list[EventBase]:
    """The case's final plans (``decision_notice`` with ``plan_finalised``), in date order.

    Gathered once per evaluation with :func:`_plan_starts`.
    """
    return _plan_starts(episode).made


def answers_proposals(episode: Episode, event: EventBase) -> bool:
    """Whether an amendment decision answers a review's proposals to amend (reg 22(3), (4)).

    It is then not the outcome of a re-assessment, nor of an order to (re-)assess.
    """
    return id(event) in _amendment_claims(episode)[0]


def _latest_on_or_before(days: list[date], day: date) -> date | None:
    """The latest of ``days`` (in order) on or before ``day``, if any."""
    at = bisect_right(days, day)
    return days[at - 1] if at else None


def _after_reassessment(episode: Episode) -> bool:
    """Whether the plan that opened the episode was finalised after a re-assessment.

    The re-assessment must come after the previous plan (made, or amended after a
    re-assessment) and lead to this one (:func:`_reassessed_between`).
    """
    plan = episode.opener
    starts = _plan_starts(episode).days
    at = bisect_left(starts, plan.on)
    return _reassessed_between(episode, starts[at - 1] if at else date.min, plan.on)


def amended_after_reassessment(episode: Episode, event: EventBase) -> bool:
    """Whether ``event`` is the plan a re-assessment ended in, amended (reg 27(1), (4)(a)).

    Not an amended plan that answers proposals to amend, or an order, a concession or an
    agreement to amend (:func:`_amendment_claims`).
    """
    return id(event) in _plan_starts(episode).amended


def _starts_review_clock(episode: Episode, trigger: EventBase) -> bool:
    """A plan made, a review meeting, or a re-assessment's amended plan with no earlier plan.

    Where an earlier plan is recorded, its s.44(1) clock (from the plan or its last review)
    runs on: an amendment never resets it, and it is never later than reg 27(4)(a)'s 12 months
    from the amended plan (a review after the amended plan meets that one too), so the earlier
    date binds (C9).
    """
    return (
        not isinstance(trigger, DecisionNotice)
        or trigger.decision != "plan_amended"
        or (trigger is episode.opener and amended_after_reassessment(episode, trigger))
    )


def _starts_a_review_year(event: EventBase) -> bool:
    """A plan made (its final version sent) or amended, or a review meeting.

    An amended plan starts a review year only after a re-assessment (:func:`_starts_review_clock`).
    """
    return not isinstance(event, DecisionNotice) or event.decision in (
        "plan_finalised",
        "plan_amended",
    )


@deadline_rule(
    id="review.annual",
    summary="LA reviews the EHC plan (a review meeting), at least every 12 months",
    duty_holder="la",
    process="plan",
    trigger="decision_notice",
    also_triggered_by=("review_meeting_held",),
    trigger_when=_starts_a_review_year,
    starts_clock=_starts_review_clock,
    trigger_text="the EHC plan was made (its final version sent), or last reviewed",
    period_text="in the period of 12 months starting with the day the plan was first made, then "
    "with each review (the day before the corresponding date); after a re-assessment, within 12 "
    "months of sending the finalised plan",
    exceptions=REG_18A,
    citations=(CFA_2014.cite("44(1)", "verified"), SEND_REGS.cite("27(4)", "verified")),
)
def _annual(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    made = isinstance(trigger, DecisionNotice)
    amended = made and trigger.decision == "plan_amended"  # type: ignore[attr-defined]
    ceased = episode.of("plan_ceased")
    if ceased and ceased[0].on <= trigger.on:
        return []
    period: Period = (
        Months(12) if amended or (made and _after_reassessment(episode)) else MonthsStartingWith(12)
    )
    due = period.end(trigger.on, episode.calendar)
    # the next review meeting: on or after the day the plan was made, after an earlier meeting
    done = episode.first_after("review_meeting_held", trigger.on if made else trigger.on + _ONE_DAY)
    steps: list[str] = []
    if episode.explain:
        if amended:
            steps.append(
                f"The clock starts on {long_date(trigger.on)}: the plan amended after the "
                "re-assessment was sent."
            )
        elif made:
            steps.append(trigger_step(rule, trigger))
        else:
            steps.append(f"The clock starts on {long_date(trigger.on)}: the plan was reviewed.")
        if amended:
            steps.append(
                'The re-assessment ended in an amended plan: reg 27(4)(a) ("where the local '
                'authority carries out a reassessment", after a decision "to amend or replace" '
                'the plan, reg 27(1), (2)) requires the review "within 12 months of the date on '
                'which a copy of the finalised plan is sent" (C2, docs/interpretations.md#c2). '
                "The case records no earlier plan, whose own 12 months would otherwise bind."
            )
        elif isinstance(period, Months):
            steps.append(
                "The plan followed a re-assessment: reg 27(4)(a) requires the review "
                '"within 12 months of the date on which a copy of the finalised plan is sent" '
                "(C2, docs/interpretations.md#c2)."
            )
        steps.extend(explained(period, trigger.on, episode.calendar))
        if isinstance(period, MonthsStartingWith):
            steps.append(
                '"Starting with" makes that day the first of the 12 months, so the review is due '
                "by the day before the anniversary (C9, docs/interpretations.md#c9); the "
                "anniversary reading used in practice gives a day later."
            )
    exceptions = _REASSESSED_2A if isinstance(period, Months) else rule.exceptions
    draft = Draft(rule, trigger, due, steps, done, exceptions=exceptions)
    made_later = plans_made(episode)
    at = bisect_right(made_later, episode.opener.on, key=event_on)
    replaced = made_later[at] if at < len(made_later) else None
    if done is None and ceased and ceased[0].on <= due:
        draft.due = None
        draft.steps.append(
            f"The plan ceased on {long_date(ceased[0].on)} ({event_label(ceased[0])}): no "
            "further review is due: disapplied."
        )
    elif done is None and replaced is not None and replaced.on <= due:
        draft.due = None
        reassessed = any(
            episode.opener.on < e.on <= replaced.on
            for e in episode.case_index.get("reassessment_agreed", ())
        )
        draft.steps.append(
            f"A new plan was finalised on {long_date(replaced.on)} ({event_label(replaced)})"
            + (
                ", after a re-assessment: its own 12 months start then (reg 27(4)(a))"
                if reassessed
                else ": its own 12 months start then (CFA 2014 s.44(1))"
            )
            + ", and this clock ends: disapplied."
        )
    return [draft]


@deadline_rule(
    id="review.meeting_notice",
    summary="The person arranging the review meeting gives at least 2 weeks' notice of its date",
    duty_holder="school",
    process="plan",
    trigger="review_meeting_held",
    trigger_text="the review meeting was held (the notice is counted back from its date)",
    period_text="at least 2 weeks before the meeting",
    non_working_day=AS_COMPUTED,
    citations=(SEND_REGS.cite("20(3)", "verified"), SEND_REGS.cite("21(3)", "verified")),
)
def _meeting_notice(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, ReviewMeetingHeld)
    return _before_meeting(rule, episode, trigger, trigger.notice_sent_on, "the notice was sent")


@deadline_rule(
    id="review.advice_circulation",
    summary="The person arranging the review meeting circulates the advice at least 2 weeks "
    "before it",
    duty_holder="school",
    process="plan",
    trigger="review_meeting_held",
    trigger_text="the review meeting was held (the circulation is counted back from its date)",
    period_text="at least 2 weeks before the meeting",
    non_working_day=AS_COMPUTED,
    citations=(SEND_REGS.cite("20(4)", "verified"), SEND_REGS.cite("21(4)", "verified")),
)
def _advice_circulation(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, ReviewMeetingHeld)
    return _before_meeting(
        rule, episode, trigger, trigger.advice_circulated_on, "the advice was circulated"
    )


def _clear(latest: date, said: str, read_as: str) -> tuple[date, str]:
    """An "at least N before" limit read as N clear (whole) units: the due date and its step.

    ``latest`` is the day N before, the other reading, which the step names; C9 takes the day
    before it, as for the 5 working days' notice of a mediation.
    """
    due = latest - timedelta(days=1)
    return due, (
        f'"{said}" is read as {read_as}, so it is due by {long_date(due)} (the earlier reading, '
        f"C9, docs/interpretations.md#c9; the other reading allows {long_date(latest)})."
    )


def _before_meeting(
    rule: DeadlineRule,
    episode: Episode,
    meeting: ReviewMeetingHeld,
    done_on: date | None,
    what: str,
) -> list[Output]:
    """A step due at least 2 weeks before the meeting, judged only where its date is recorded.

    "At least two weeks" is read as two clear weeks: 14 whole days between the step and the
    meeting (the earlier reading, C9), as for the 5 working days' notice of a mediation.
    """
    if done_on is None:
        return []
    period = WeeksBefore(2)
    due, clear = _clear(
        period.end(meeting.on),
        "At least two weeks",
        "two clear weeks, 14 whole days between it and the meeting",
    )
    steps = [trigger_step(rule, meeting), *explained(period, meeting.on, episode.calendar), clear]
    return [
        Draft(
            rule,
            meeting,
            due,
            steps,
            None,
            duty_holder=_arranger(meeting),
            done_on=done_on,
            done_label=f"{what}: recorded on the review meeting",
        )
    ]


@deadline_rule(
    id="review.report",
    summary="The review report is prepared and sent to everyone invited, within 2 weeks of the "
    "meeting",
    duty_holder="school",
    process="plan",
    trigger="review_meeting_held",
    trigger_text="the review meeting was held",
    period_text="within 2 weeks of the meeting",
    exceptions=(_REVIEW_2A,),
    citations=(SEND_REGS.cite("20(9)", "verified"), SEND_REGS.cite("21(7), (8)", "verified")),
)
def _report(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, ReviewMeetingHeld)
    steps = [trigger_step(rule, trigger), *explained(Weeks(2), trigger.on, episode.calendar)]
    steps.append(
        'Reading: "prepared within two weeks ... and sent" is read as sent within the two weeks '
        "too (C9, docs/interpretations.md#c9)."
    )
    return [
        Draft(
            rule,
            trigger,
            Weeks(2).end(trigger.on),
            steps,
            None,
            duty_holder=_arranger(trigger),
            done_on=trigger.report_sent_on,
            done_label="the report was sent: recorded on the review meeting",
            exceptions=rule.exceptions,
        )
    ]


REVIEW_DECISION = DeadlineRule(
    id="review.decision",
    summary="LA decides whether to keep, amend or cease the plan after the review, and notifies "
    "it (with any proposed amendments)",
    duty_holder="la",
    process="plan",
    trigger="review_meeting_held",
    trigger_text="the review meeting was held",
    period=Weeks(4),
    done_by=("review_decision", "decision_notice", "amendment_notice_sent"),
    done_when=lambda e: (
        not isinstance(e, DecisionNotice)
        or e.decision in ("cease_plan", "refuse_amendment", "plan_amended")
    ),
    exceptions=(_REVIEW_2A,),
    citations=(
        SEND_REGS.cite("20(10)", "verified"),
        SEND_REGS.cite("21(9)", "verified"),
        _DEVON,
    ),
)


_FIRST_POST16_TRANSFER = date(2015, 9, 1)
"""Reg 18(3): a transfer from secondary school to a post-16 institution on this day had until 31
May 2015."""
_MONTHS = {2: "February", 3: "March", 5: "May"}


@deadline_rule(
    id="review.phase_transfer",
    summary="LA reviews the plan and amends it where necessary to name the new school or "
    "institution, before a transfer between phases",
    duty_holder="la",
    process="plan",
    trigger="phase_transfer_planned",
    trigger_text="a transfer between phases of education is planned",
    period_text="before 15 February of the transfer's calendar year; before 31 March from "
    "secondary school to post-16 (before 31 May 2015 for a transfer on 1 September 2015); at "
    "least five months before a post-16 to post-16 transfer",
    non_working_day=AS_COMPUTED,
    citations=(
        SEND_REGS.cite("18(1)", "verified"),
        SEND_REGS.cite("18(2)", "verified"),
        SEND_REGS.cite("18(3)", "verified"),
    ),
)
def _phase_transfer(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, PhaseTransferPlanned)
    transfer = trigger.transfer_on
    if trigger.kind == "post16_to_post16":
        period: Period = MonthsBefore(5)
        due, clear = _clear(
            period.end(transfer),
            "At least five months before",
            "five clear months between the review and the move",
        )
        since = MonthsBefore(12).end(transfer)
        how = (
            f"A move from one post-16 institution to another on {long_date(transfer)}: reg 18(2), "
            "at least five months before it."
        )
        steps_period = [*explained(period, transfer, episode.calendar), clear]
    else:
        if trigger.kind != "to_post16":
            day, month, paragraph = 15, 2, "18(1)(b)"
        elif transfer == _FIRST_POST16_TRANSFER:
            day, month, paragraph = 31, 5, "18(3)"
        else:
            day, month, paragraph = 31, 3, "18(1)(a)"
        period = Before(0, month=month, day=day)
        due = period.end(date(transfer.year, 1, 1))
        since = MonthsBefore(12).end(transfer)
        how = (
            f"A transfer on {long_date(transfer)}: reg {paragraph}, before {day} "
            f"{_MONTHS[month]} in the calendar year of the transfer."
            if paragraph != "18(3)"
            else f"A transfer from secondary school to a post-16 institution on "
            f"{long_date(transfer)}: reg 18(3), before 31 May 2015 (instead of 31 March, reg "
            "18(1)(a))."
        )
        steps_period = list(explained(period, date(transfer.year, 1, 1), episode.calendar))
    done = _first_review_outcome(episode, since)
    steps = [trigger_step(rule, trigger), how, *steps_period]
    steps.append(
        f"Met by the first amended plan or decision to keep the plan on or after "
        f"{long_date(since)}, 12 months before the transfer (reg 18(1): the review of a child "
        '"within 12 months of a transfer"), whichever plan it is (a plan made or re-made '
        "after the transfer was planned counts too)."
    )
    draft = Draft(rule, trigger, due, steps, done)
    ceased = _ceased_without_a_new_plan(episode, trigger.on, due)
    if done is None and ceased is not None:
        draft.due = None
        draft.steps.append(
            f"The plan ceased on {long_date(ceased.on)} ({event_label(ceased)}), before the "
            "review was due, and no new plan was made: there is no plan to review: disapplied."
        )
    return [draft]


def _ceased_without_a_new_plan(episode: Episode, since: date, due: date) -> EventBase | None:
    """The first ``plan_ceased`` from ``since`` to ``due``, if no plan was made after it by then."""
    all_ceased = episode.case_index.get("plan_ceased", ())
    at = bisect_left(all_ceased, since, key=event_on)
    if at == len(all_ceased) or all_ceased[at].on > due:
        return None
    ceased = all_ceased[at]
    made = plans_made(episode)
    remade = bisect_right(made, ceased.on, key=event_on) < bisect_right(made, due, key=event_on)
    return None if remade else ceased


def _amended_or_kept_after_review(event: EventBase) -> bool:
    """An amended plan, or a decision not to amend that follows a review (reg 22(4))."""
    return isinstance(event, DecisionNotice) and (
        event.decision == "plan_amended"
        or (event.decision == "refuse_amendment" and event.following_review is not False)
    )


def _kept(event: EventBase) -> bool:
    """A decision after a review to keep the plan as it is."""
    return isinstance(event, ReviewDecision) and event.outcome == "maintain"


def _first_review_outcome(episode: Episode, since: date) -> EventBase | None:
    """The first amended plan, decision not to amend, or decision to keep the plan, since.

    Looked for in the whole case: the plan may have been made, or made again after a
    re-assessment, after the transfer was planned (a new plan episode), and it is still the
    child's plan that is reviewed.
    """
    found = [
        e
        for e in (
            episode.first_matching(
                "decision_notice", since, _amended_or_kept_after_review, whole_case=True
            ),
            episode.first_matching("review_decision", since, _kept, whole_case=True),
        )
        if e is not None
    ]
    return min(found, key=lambda e: e.on) if found else None


AMENDMENT_REPRESENTATIONS = DeadlineRule(
    id="amendment.representations",
    summary="LA gives the parent or young person at least 15 days, from the day the proposed "
    "amendments were served, to make representations before amending the plan",
    duty_holder="la",
    process="plan",
    trigger="amendment_notice_sent",
    trigger_text="the proposed amendments were sent (reg 22(2)(a); read as served that day)",
    period=AtLeastDays(15),
    non_working_day=AS_COMPUTED,
    protected_period=True,
    breached_by=("decision_notice",),
    breached_when=notice_of("plan_amended", "refuse_amendment"),
    when_missed=FindingTemplate(
        "amended_plan_before_representations",
        "error",
        lambda d: (
            f"The LA decided on the proposed amendments on {long_date(d.done_on)} (an amended "
            f"plan, or a decision not to amend), within the 15 days for representations on "
            f"them, which ran to {long_date(d.due)}."
        ),
    ),
    citations=(SEND_REGS.cite("22(2)(c)", "verified"), SEND_REGS.cite("28", "verified")),
)


def _review_settled_dates(episode: Episode) -> list[date]:
    """The sorted dates of events that settle a review or begin a re-assessment.

    A decision to keep the plan, a decision not to amend it, to cease it, an amended plan, a
    request to re-assess (unless refused) or a notice of one: built once per evaluation
    (``Episode.memo``).
    """
    found: list[date] | None = episode.memo.get("reviews.settled")
    if found is None:
        index = episode.case_index
        settling = notice_of("refuse_amendment", "cease_plan", "plan_amended")
        found = episode.memo["reviews.settled"] = sorted(
            [
                *(
                    e.on
                    for e in index.get("review_decision", ())
                    if isinstance(e, ReviewDecision) and e.outcome == "maintain"
                ),
                *(e.on for e in index.get("decision_notice", ()) if settling(e)),
                # a re-assessment begins with a request, or the LA's notice that it will
                # re-assess (reg 25(1)); a request the LA refused began none
                *(e.on for e in index.get("reassessment_agreed", ())),
                *_requests_not_refused(index),
            ]
        )
    return found


def _requests_not_refused(index: Mapping[str, tuple[EventBase, ...]]) -> list[date]:
    """The days of requests to re-assess whose answer is not a refusal (reg 25(1)).

    A request is answered by the first notice on or after it, that the LA will re-assess or
    that it will not; one still unanswered counts as the start of a re-assessment.
    """
    answers = sorted(
        [
            *((e.on, False) for e in index.get("reassessment_agreed", ())),
            *(
                (e.on, True)
                for e in index.get("decision_notice", ())
                if notice_of("refuse_reassessment")(e)
            ),
        ]
    )
    days = [day for day, _ in answers]
    found = []
    for request in index.get("reassessment_requested", ()):
        at = bisect_left(days, request.on)
        if at == len(answers) or not answers[at][1]:
            found.append(request.on)
    return found


def _proposals_follow_the_review(
    episode: Episode, meeting: EventBase, proposals: EventBase
) -> bool:
    """Whether proposed amendments follow the review meeting before them (Devon's 12 weeks).

    Not where, between the meeting and the proposals, the review was settled otherwise (a
    decision to keep the plan as it is, a decision not to amend it, to cease it, or an amended
    plan) or a re-assessment began (its amendments are reg 27's): the proposals are then an
    amendment without a review (reg 28), with the 8 weeks of reg 22(3) alone. Nor where the 4
    weeks after the meeting (``review.decision``) were disapplied.
    """
    settled = _review_settled_dates(episode)
    at = bisect_left(settled, meeting.on)
    if at < len(settled) and settled[at] <= proposals.on:
        return False
    # Devon adds the 4 weeks of reg 20(10) to the 8 of reg 22(3): where the 4 weeks did not
    # apply (disapplied, by the coronavirus amendments of 2020 for one), neither does the sum.
    return not any(
        d.trigger_on == meeting.on and d.status == "disapplied"
        for d in episode.results.get("review.decision", ())
    )


AMENDMENT_FINAL = DeadlineRule(
    id="amendment.final",
    summary="LA issues the amended plan, or notifies a decision not to amend it, after proposing "
    "amendments",
    duty_holder="la",
    process="plan",
    trigger="amendment_notice_sent",
    trigger_text="the LA sent the proposed amendments (reg 22(2)(a))",
    needs=("review.decision",),
    period=Earlier(
        Limb(name="8-week limb", label="Reg 22(3), (4)", period=Weeks(8)),
        Limb(
            name="12-week limb",
            label="After a review (Devon)",
            period=Weeks(12),
            anchor="review_meeting_held",
            anchor_text="the review meeting before the proposals",
            latest_before_trigger=True,
            follows=_proposals_follow_the_review,
            note="Devon: the 4 weeks of reg 20(10) to propose amendments and the 8 weeks of reg "
            "22(3) to make them add up to 12 weeks from the review meeting, at the latest.",
        ),
    ),
    period_text="within 8 weeks of sending the proposed amendments; after a review, never later "
    "than 12 weeks after its meeting (Devon)",
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended", "refuse_amendment"),
    exceptions=REG_22_6,
    citations=(
        SEND_REGS.cite("22(3)", "verified"),
        SEND_REGS.cite("22(4)", "verified"),
        _DEVON,
    ),
)


def _maintained(episode: Episode) -> str | None:
    decision = episode.decision
    if decision is None or decision.decision != "cease_plan" or episode.opener is not decision:
        return None
    appeal: tuple[Deadline, ...] = episode.results.get("appeal.register", ())
    until = (
        f"after {long_date(appeal[0].due)}, the end of the time to appeal, if no appeal is "
        "brought by then"
        if appeal and appeal[0].due is not None
        else "the end of the time to appeal, if no appeal is brought"
    )
    return (
        f"the LA decided on {long_date(decision.on)} to cease the plan: it must keep maintaining "
        f"it until {until}, or until an appeal brought in time is finally decided"
    )


def _ceased_too_early(episode: Episode) -> list[str]:
    """CFA s.45(4): a plan ceased before the time to appeal ended, or while an appeal was open.

    Judged on the first ``plan_ceased`` on or after the decision. An appeal brought in time
    (registered on or before the end of the time to appeal) keeps the plan until it is finally
    decided: only a Tribunal order dismissing it (``dismiss_cease_appeal``) on or before the
    ceasing ends that.
    """
    decision = episode.decision
    assert decision is not None
    all_ceased = episode.case_index.get("plan_ceased", ())
    at = bisect_left(all_ceased, decision.on, key=event_on)
    appeal: tuple[Deadline, ...] = episode.results.get("appeal.register", ())
    if at == len(all_ceased) or not appeal or appeal[0].due is None:
        return []
    first, due = all_ceased[at], appeal[0].due
    brought = [e for e in episode.of("appeal_registered") if e.on <= due]
    if not brought:
        if first.on > due and appeal[0].status == "pending":
            # The time to appeal is held open: a mediation certificate is still awaited, and
            # the appeal will be in time up to 1 month from it (HESC r.20(1)(c)).
            return [
                f"The plan was ceased on {long_date(first.on)}, while the time to appeal against "
                f"the decision of {long_date(decision.on)} to cease it had not ended: a "
                "mediation certificate was still awaited, and the appeal is in time up to 1 month "
                "from its date of issue (HESC r.20(1)(c)). CFA 2014 s.45(4) says the LA may not "
                "cease to maintain the plan until the time to appeal has ended."
            ]
        if first.on > due:
            return []
        return [
            f"The plan was ceased on {long_date(first.on)}, before the time to appeal against "
            f"the decision of {long_date(decision.on)} to cease it ended ({long_date(due)}): "
            "CFA 2014 s.45(4) says the LA may not cease to maintain it until then."
        ]
    dismissals: list[date] | None = episode.memo.get("reviews.dismissals")
    if dismissals is None:
        dismissals = episode.memo["reviews.dismissals"] = [
            e.on
            for e in episode.case_index.get("tribunal_order", ())
            if isinstance(e, TribunalOrder) and e.order == "dismiss_cease_appeal"
        ]
    after = bisect_left(dismissals, brought[0].on)
    if after < len(dismissals) and dismissals[after] <= first.on:
        return []
    return [
        f"The plan was ceased on {long_date(first.on)}, while the appeal registered on "
        f"{long_date(brought[0].on)} against the decision to cease it was not yet finally "
        "decided (no order dismissing it on or before that day): CFA 2014 s.45(4) says the LA "
        "may not cease to maintain it until the appeal is finally determined."
    ]


CEASE_MAINTAIN = DutyRule(
    id="cease.maintain_pending_appeal",
    summary="LA keeps maintaining the EHC plan it decided to cease until the time to appeal "
    "ends, or an appeal is finally decided",
    duty_holder="la",
    process="dispute",
    applies=_maintained,
    check=_ceased_too_early,
    finding_code="plan_ceased_too_early",
    needs=("appeal.register",),
    citations=(CFA_2014.cite("45(4)", "verified"),),
)

RULES = (
    _annual,
    _phase_transfer,
    _meeting_notice,
    _advice_circulation,
    _report,
    REVIEW_DECISION,
    AMENDMENT_REPRESENTATIONS,
    AMENDMENT_FINAL,
    CEASE_MAINTAIN,
)
"""The review, amendment and ceasing rules, in statutory order."""
