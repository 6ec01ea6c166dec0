"""Tribunal orders and unopposed appeals: SEND Regs 2014 regs 44 and 45 (in statutory order).

Reg 44(2) (verified; periods unchanged since 2014): what the LA must do, and by when, after an
order of the First-tier Tribunal, counted from the day the order was made (C1: weeks are 7N days;
C7: a duty ending on a non-working day does not move). Reg 45 (verified, as substituted by
SI 2015/359 from 23 March 2015): the same limits where the LA notifies the Tribunal that it will
not oppose an appeal, counted from that notice. Before 23 March 2015 reg 45 read differently:
(3) carry out the assessment within 4 weeks, (4) amend the contents within 4 weeks, (5) the
school within 2 weeks; those words are known only from a secondary copy, so those versions are
``secondary``; old (6) (a plan refused) could not be read and gives a finding instead of a date.
The version applied is the one in force on the day of the LA's notice (C10).

Alternatives, not cumulative: after an assessment order the LA either notifies that no plan is
needed (10 weeks) or sends a final plan (14 weeks); once one outcome happens, the other limb is
disapplied (a draft plan counts as the decision to make one).

Exceptions (see :mod:`.exceptions`): reg 44(3) covers only (2)(b) and (c); reg 45(7) only (3)
and (6) (as made: (3), (4) and (6)); reg 45(8) and the coronavirus reg 2A list cover others for
1 May to 24 September 2020.

Not modelled: directions of the Tribunal that change a period (reg 44(1) "or any direction");
compliance with the Tribunal's recommendations on health and social care (reg 43, the
Recommendations Power Regulations 2017); what the LA must send with a plan (regs 13(2), 14(2),
22(3)).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from ..citations import SEND_REGS
from ..events import AppealConceded, DecisionNotice, EventBase, TribunalOrder, event_label
from ..periods import Immediately, Weeks, explained, long_date
from ..results import Finding
from ._model import (
    REGIME_START,
    CheckRule,
    DeadlineRule,
    Draft,
    DutyRule,
    Episode,
    InForce,
    Output,
    deadline_rule,
    event_on,
    notice_of,
    superseded_by,
    trigger_step,
    versions,
)
from .exceptions import REG_44_3, REG_45_7, REG_45_7_AS_MADE, REG_45_8, coronavirus_2a
from .reviews import answers_proposals, plans_made

__all__ = ["AS_IF_ORDERED", "RULES"]

SI_2015_359 = date(2015, 3, 23)
"""The SEND (Amendment) Regulations 2015 substituted reg 45(3) to (6) from this day."""
_AS_MADE = InForce(REGIME_START, SI_2015_359 - timedelta(days=1))
_SUBSTITUTED = InForce(SI_2015_359)

_ORDERED = "the Tribunal's order was made (reg 44 counts from the order being made)"
_CONCEDED = (
    "the LA notified the Tribunal that it will not oppose the appeal (reg 45(1): the limits "
    "count from that notice)"
)
_2A_ORDERS = coronavirus_2a("2A(3)(m)")
_2A_UNOPPOSED = coronavirus_2a("2A(3)(n)")


# Predicates are partials of module functions, not closures: the rule records are built at import,
# and the mutation test can switch a mutant on only in code looked up when a rule runs.
def _order(*kinds: str) -> Callable[[EventBase], bool]:  # pragma: no mutate block
    return partial(_is_order, kinds)


def _is_order(kinds: tuple[str, ...], event: EventBase) -> bool:
    """Whether ``event`` is a Tribunal order of one of ``kinds``."""
    return isinstance(event, TribunalOrder) and event.order in kinds


def _conceded(
    *kinds: str, amend: bool | None = None
) -> Callable[[EventBase], bool]:  # pragma: no mutate block
    return partial(_is_concession, kinds, amend)


def _is_concession(kinds: tuple[str, ...], amend: bool | None, event: EventBase) -> bool:
    """Whether ``event`` concedes an appeal in one of ``kinds`` (and agrees to amend, if set)."""
    return (
        isinstance(event, AppealConceded)
        and event.concession in kinds
        and (amend is None or event.amend is amend)
    )


_NO_PLAN = ("refuse_plan", "refuse_amendment")
_PLAN = ("plan_finalised", "plan_amended")
_PLAN_NEEDED = (
    "The LA decided that a plan is needed ({event}), so the limb for notifying a decision not to "
    "make one no longer applies: disapplied."
)
# The limbs of reg 44(2)(b)(i) and (ii) are alternatives. A draft does not end the first (a
# decision that no plan is needed may still follow it); the plan or the decision not to make one
# ends the other limb, and the same kind of event coming after it answers something else (a
# later order, say).
# The outcomes "following the assessment" (reg 44(2)(b)(i), (ii); reg 45(3A)) are looked for among
# the order's own events (a plan after a later order of another kind answers that order), leaving
# out a decision on a review's proposals to amend, which answers them.
_NO_PLAN_SUPERSEDED = (
    superseded_by(("draft_plan_issued",), _PLAN_NEEDED, local=True),
    superseded_by(
        ("decision_notice",),
        _PLAN_NEEDED,
        when=notice_of(*_PLAN),
        ends_it=True,
        unless=answers_proposals,
        local=True,
    ),
)
_PLAN_SUPERSEDED = superseded_by(
    ("decision_notice",),
    "The LA notified a decision not to make a plan ({event}), so the limb for sending a final "
    "plan no longer applies: disapplied.",
    when=notice_of(*_NO_PLAN),
    ends_it=True,
    unless=answers_proposals,
    local=True,
)


# ---------------------------------------------------------------------------- reg 44


def _la(**fields: object) -> DeadlineRule:  # pragma: no mutate block
    """An LA duty after an order or concession (process ``order``; C7: no roll-forward)."""
    return DeadlineRule(duty_holder="la", process="order", **fields)  # type: ignore[arg-type]


def _already_ceased(episode: Episode, draft: Draft) -> str | None:
    """Disapplies the order to cease where the plan had already ceased before it was made.

    Nothing is left to do (no plan made again since); ceasing a plan while the appeal against
    ceasing it was open is a breach of CFA 2014 s.45(4), reported on its own.
    """
    ceased = episode.case_index.get("plan_ceased", ())
    at = bisect_left(ceased, draft.trigger.on, key=event_on)
    if not at:
        return None
    last = ceased[at - 1]
    decided = episode.decision
    if decided is not None and decided.decision == "cease_plan" and last.on < decided.on:
        return None  # ceased before the decision being appealed: a plan existed again since
    made = plans_made(episode)
    if bisect_right(made, last.on, key=event_on) < bisect_right(
        made, draft.trigger.on, key=event_on
    ):
        return None  # a plan was made again since it ceased
    draft.done = None  # a later ceasing is of a plan made since, not of this one
    return (
        f"The plan had already ceased on {long_date(last.on)} ({event_label(last)}), before the "
        "order: there is nothing left to cease (ceasing it while the appeal was open is reported "
        "under CFA 2014 s.45(4), plan_ceased_too_early): disapplied."
    )


ORDER_CEASE = _la(
    id="tribunal.order.cease",
    summary="LA ceases to maintain the EHC plan (the Tribunal dismissed the appeal against "
    "ceasing it)",
    trigger="tribunal_order",
    trigger_when=_order("dismiss_cease_appeal"),
    trigger_text=_ORDERED,
    period=Immediately(0),
    done_by=("plan_ceased",),
    disapplied_when=(_already_ceased,),
    citations=(SEND_REGS.cite("44(2)(a)", "verified"),),
)
ORDER_ASSESS_NOTIFY = _la(
    id="tribunal.order.assess.notify",
    summary="LA notifies the parent or young person that it will make the (re-)assessment the "
    "Tribunal ordered",
    trigger="tribunal_order",
    trigger_when=_order("assess", "reassess"),
    trigger_text=_ORDERED,
    period=Weeks(2),
    done_by=("assessment_agreed", "reassessment_agreed"),
    exceptions=REG_44_3,
    citations=(SEND_REGS.cite("44(2)(b)", "verified"),),
)
ORDER_ASSESS_NO_PLAN = _la(
    id="tribunal.order.assess.no_plan",
    summary="LA notifies, with reasons, a decision after the ordered (re-)assessment that no "
    "EHC plan is needed",
    trigger="tribunal_order",
    trigger_when=_order("assess", "reassess"),
    trigger_text=_ORDERED,
    period=Weeks(10),
    done_by=("decision_notice",),
    done_when=notice_of(*_NO_PLAN),
    disapplied_when=_NO_PLAN_SUPERSEDED,
    done_unless=answers_proposals,
    local_evidence=True,
    exceptions=REG_44_3,
    citations=(SEND_REGS.cite("44(2)(b)(i)", "verified"),),
)
ORDER_ASSESS_FINAL_PLAN = _la(
    id="tribunal.order.assess.final_plan",
    summary="LA sends the finalised EHC plan after the ordered (re-)assessment",
    trigger="tribunal_order",
    trigger_when=_order("assess", "reassess"),
    trigger_text=_ORDERED,
    period=Weeks(14),
    done_by=("decision_notice",),
    done_when=notice_of(*_PLAN),
    disapplied_when=(_PLAN_SUPERSEDED,),
    done_unless=answers_proposals,
    local_evidence=True,
    exceptions=REG_44_3,
    citations=(SEND_REGS.cite("44(2)(b)(ii)", "verified"),),
)
ORDER_MAKE_PLAN_DRAFT = _la(
    id="tribunal.order.make_plan.draft",
    summary="LA issues a draft EHC plan (the Tribunal ordered it to make and maintain a plan)",
    trigger="tribunal_order",
    trigger_when=_order("make_plan"),
    trigger_text=_ORDERED,
    period=Weeks(5),
    done_by=("draft_plan_issued",),
    exceptions=REG_44_3,
    citations=(SEND_REGS.cite("44(2)(c)(i)", "verified"),),
)
ORDER_MAKE_PLAN_FINAL = _la(
    id="tribunal.order.make_plan.final",
    summary="LA sends the finalised EHC plan (the Tribunal ordered it to make and maintain a plan)",
    trigger="tribunal_order",
    trigger_when=_order("make_plan"),
    trigger_text=_ORDERED,
    period=Weeks(11),
    done_by=("decision_notice",),
    done_when=notice_of("plan_finalised"),
    exceptions=REG_44_3,
    citations=(SEND_REGS.cite("44(2)(c)(ii)", "verified"),),
)
ORDER_REMIT = _la(
    id="tribunal.order.remit",
    summary="LA reconsiders the case the Tribunal referred back, and sends a draft plan or "
    "notice of its decision not to maintain one",
    trigger="tribunal_order",
    trigger_when=_order("remit"),
    trigger_text=_ORDERED,
    period=Weeks(2),
    done_by=("draft_plan_issued", "decision_notice"),
    done_when=lambda e: (
        not isinstance(e, DecisionNotice)
        or e.decision in ("refuse_assessment", "refuse_plan", "refuse_reassessment", "cease_plan")
    ),
    exceptions=(_2A_ORDERS,),
    citations=(SEND_REGS.cite("44(2)(d)", "verified"),),
)
ORDER_AMEND = _la(
    id="tribunal.order.amend",
    summary="LA issues the EHC plan amended as to its special educational provision, as the "
    "Tribunal ordered",
    trigger="tribunal_order",
    trigger_when=_order("amend"),
    trigger_text=_ORDERED,
    period=Weeks(5),
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended"),
    exceptions=(_2A_ORDERS,),
    citations=(SEND_REGS.cite("44(2)(e)", "verified"),),
)
ORDER_AMEND_PLACEMENT = _la(
    id="tribunal.order.amend_placement",
    summary="LA issues the EHC plan amended as to the school or type of school named, as the "
    "Tribunal ordered",
    trigger="tribunal_order",
    trigger_when=_order("amend_placement"),
    trigger_text=_ORDERED,
    period=Weeks(2),
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended"),
    exceptions=(_2A_ORDERS,),
    citations=(SEND_REGS.cite("44(2)(f)", "verified"),),
)


def _continue_ordered(episode: Episode) -> str | None:
    opener = episode.opener
    if isinstance(opener, TribunalOrder) and opener.order in (
        "continue_plan",
        "continue_and_amend",
    ):
        return f"the Tribunal's order of {long_date(opener.on)} requires the plan to be maintained"
    return None


ORDER_CONTINUE = DutyRule(
    id="tribunal.order.continue",
    summary="LA continues to maintain the EHC plan (no time limit: the order takes effect)",
    duty_holder="la",
    process="order",
    applies=_continue_ordered,
    citations=(SEND_REGS.cite("44(2)(g)", "verified"),),
)
ORDER_CONTINUE_AMEND = _la(
    id="tribunal.order.continue_amend",
    summary="LA continues to maintain the EHC plan and issues it amended, as the Tribunal ordered",
    trigger="tribunal_order",
    trigger_when=_order("continue_and_amend"),
    trigger_text=_ORDERED,
    period=Weeks(5),
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended"),
    exceptions=(_2A_ORDERS,),
    citations=(SEND_REGS.cite("44(2)(h)", "verified"),),
)


def _order_sent_date(rule: CheckRule, episode: Episode) -> list[Finding]:
    order = episode.opener
    if not isinstance(order, TribunalOrder) or order.sent_on is None or order.sent_on == order.on:
        return []
    return [
        rule.finding(
            "order_sent_date_differs",
            "info",
            f"The Tribunal's order was made on {long_date(order.on)} and sent on "
            f"{long_date(order.sent_on)}. Reg 44 counts from the order being made, so the dates "
            "here run from the earlier day; gov.uk guidance counts from the day it was sent, "
            "which would give later dates.",
            decision_on=episode.decision_on,
        )
    ]


ORDER_SENT_DATE = CheckRule(
    id="check.order_sent_date",
    summary="Reg 44 counts from the day the order was made, not the day it was sent",
    process="order",
    check=_order_sent_date,
    citations=(SEND_REGS.cite("44(2)", "verified"),),
)


# ---------------------------------------------------------------------------- reg 45

UNOPPOSED_ASSESS_CARRY_OUT = _la(
    id="unopposed.assess.carry_out",
    summary="LA carries out the assessment or re-assessment it no longer opposes (reg 45(3) as "
    "made, before 23 March 2015)",
    trigger="appeal_conceded",
    trigger_when=_conceded("assess", "reassess"),
    trigger_text=_CONCEDED,
    period=Weeks(4),
    done_by=("draft_plan_issued", "decision_notice"),
    done_when=lambda e: not isinstance(e, DecisionNotice) or e.decision in (*_NO_PLAN, *_PLAN),
    notes=(
        "Reading: the assessment is taken as carried out when its outcome is known: a draft "
        "plan, or a decision not to make or amend one (docs/interpretations.md).",
    ),
    exceptions=REG_45_7_AS_MADE,
    in_force=_AS_MADE,
    citations=(SEND_REGS.cite("45(3) as made", "secondary"),),
)
UNOPPOSED_ASSESS_NOTIFY = _la(
    id="unopposed.assess.notify",
    summary="LA notifies the parent or young person that it will make the (re-)assessment it no "
    "longer opposes",
    trigger="appeal_conceded",
    trigger_when=_conceded("assess", "reassess"),
    trigger_text=_CONCEDED,
    period=Weeks(2),
    done_by=("assessment_agreed", "reassessment_agreed"),
    exceptions=REG_45_7,
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(3)", "verified"),),
)
UNOPPOSED_ASSESS_NO_PLAN = _la(
    id="unopposed.assess.no_plan",
    summary="LA notifies, with reasons, a decision after the conceded (re-)assessment that no "
    "EHC plan is needed",
    trigger="appeal_conceded",
    trigger_when=_conceded("assess", "reassess"),
    trigger_text=_CONCEDED,
    period=Weeks(10),
    done_by=("decision_notice",),
    done_when=notice_of(*_NO_PLAN),
    disapplied_when=_NO_PLAN_SUPERSEDED,
    done_unless=answers_proposals,
    local_evidence=True,
    exceptions=REG_45_8,
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(3A)(a)", "verified"),),
)
UNOPPOSED_ASSESS_FINAL_PLAN = _la(
    id="unopposed.assess.final_plan",
    summary="LA sends the finalised EHC plan after the conceded (re-)assessment",
    trigger="appeal_conceded",
    trigger_when=_conceded("assess", "reassess"),
    trigger_text=_CONCEDED,
    period=Weeks(14),
    done_by=("decision_notice",),
    done_when=notice_of(*_PLAN),
    disapplied_when=(_PLAN_SUPERSEDED,),
    done_unless=answers_proposals,
    local_evidence=True,
    exceptions=REG_45_8,
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(3A)(b)", "verified"),),
)
UNOPPOSED_AMEND = versions(
    _la(
        id="unopposed.amend",
        summary="LA issues the EHC plan amended as the conceded appeal (needs, provision, or a "
        "refusal to amend after a review) required",
        trigger="appeal_conceded",
        trigger_when=_conceded("amend"),
        trigger_text=_CONCEDED,
        period=Weeks(4),
        done_by=("decision_notice",),
        done_when=notice_of("plan_amended"),
        exceptions=REG_45_7_AS_MADE,
        citations=(SEND_REGS.cite("45(4) as made", "secondary"),),
    ),
    (
        SI_2015_359,
        {
            "period": Weeks(5),
            "exceptions": (_2A_UNOPPOSED,),
            "citations": (SEND_REGS.cite("45(4)", "verified"),),
        },
    ),
)


@deadline_rule(
    id="unopposed.amend_placement",
    summary="LA issues the EHC plan amended as to the school or type of school named, as the "
    "conceded appeal required",
    duty_holder="la",
    process="order",
    trigger="appeal_conceded",
    trigger_text=_CONCEDED,
    trigger_when=_conceded("amend_placement"),
    period_text="within 2 weeks; within 5 weeks where the LA must also amend the plan's "
    "contents (reg 45(5)(b))",
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended"),
    exceptions=(_2A_UNOPPOSED,),
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(5)", "verified"),),
)
def _amend_placement(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, AppealConceded)
    period = Weeks(5) if trigger.amend else Weeks(2)
    steps = [
        trigger_step(rule, trigger),
        "The LA must also amend the plan's contents, so reg 45(5)(b) gives 5 weeks for both."
        if trigger.amend
        else "Only the school or type of school named is in issue: reg 45(5)(a), 2 weeks.",
        *explained(period, trigger.on, episode.calendar),
    ]
    due = period.end(trigger.on, episode.calendar)
    return [
        Draft(rule, trigger, due, steps, rule.done(episode, trigger), exceptions=rule.exceptions)
    ]


UNOPPOSED_AMEND_PLACEMENT = (
    _la(
        id="unopposed.amend_placement",
        summary=_amend_placement.summary,
        trigger="appeal_conceded",
        trigger_when=_conceded("amend_placement"),
        trigger_text=_CONCEDED,
        period=Weeks(2),
        done_by=("decision_notice",),
        done_when=notice_of("plan_amended"),
        in_force=_AS_MADE,
        citations=(SEND_REGS.cite("45(5) as made", "secondary"),),
    ),
    _amend_placement,
)
UNOPPOSED_MAKE_PLAN_DRAFT = _la(
    id="unopposed.make_plan.draft",
    summary="LA issues a draft EHC plan (it no longer opposes an appeal against refusing one)",
    trigger="appeal_conceded",
    trigger_when=_conceded("make_plan"),
    trigger_text=_CONCEDED,
    period=Weeks(5),
    done_by=("draft_plan_issued",),
    exceptions=REG_45_7,
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(6)(a)", "verified"),),
)
UNOPPOSED_MAKE_PLAN_FINAL = _la(
    id="unopposed.make_plan.final",
    summary="LA sends the finalised EHC plan (it no longer opposes an appeal against refusing one)",
    trigger="appeal_conceded",
    trigger_when=_conceded("make_plan"),
    trigger_text=_CONCEDED,
    period=Weeks(11),
    done_by=("decision_notice",),
    done_when=notice_of("plan_finalised"),
    exceptions=REG_45_7,
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(6)(b)", "verified"),),
)
UNOPPOSED_CEASE_CONCEDED = _la(
    id="unopposed.cease_conceded",
    summary="LA amends the EHC plan it agreed to amend when it stopped opposing an appeal "
    "against ceasing it",
    trigger="appeal_conceded",
    trigger_when=_conceded("cease", amend=True),
    trigger_text=_CONCEDED,
    period=Weeks(5),
    done_by=("decision_notice",),
    done_when=notice_of("plan_amended"),
    exceptions=(_2A_UNOPPOSED,),
    in_force=_SUBSTITUTED,
    citations=(SEND_REGS.cite("45(6A)", "verified"),),
)


def _continue_conceded(episode: Episode) -> str | None:
    opener = episode.opener
    if (
        isinstance(opener, AppealConceded)
        and opener.concession == "cease"
        and opener.on >= SI_2015_359
    ):
        return (
            f"on {long_date(opener.on)} the LA notified the Tribunal that it will not oppose the "
            "appeal against ceasing the plan"
        )
    return None


UNOPPOSED_CONTINUE = DutyRule(
    id="unopposed.cease_conceded.continue",
    summary="LA continues to maintain the EHC plan it no longer proposes to cease",
    duty_holder="la",
    process="order",
    applies=_continue_conceded,
    citations=(SEND_REGS.cite("45(6A)", "verified"),),
)


def _period_unknown(rule: CheckRule, episode: Episode) -> list[Finding]:
    opener = episode.opener
    if (
        not isinstance(opener, AppealConceded)
        or opener.on >= SI_2015_359
        or opener.concession != "make_plan"
    ):
        return []
    return [
        rule.finding(
            "unopposed_period_unknown",
            "warning",
            f"The LA stopped opposing an appeal against a refusal to make a plan on "
            f"{long_date(opener.on)}, before 23 March 2015. Reg 45(6) as then in force set the "
            "time limit, but its words could not be read, so no date is given: check it.",
            decision_on=episode.decision_on,
        )
    ]


UNOPPOSED_PERIOD_UNKNOWN = CheckRule(
    id="check.unopposed_as_made",
    summary="A plan conceded before 23 March 2015: the period of reg 45(6) as made is not known",
    process="order",
    check=_period_unknown,
    citations=(SEND_REGS.cite("45(6) as made", "secondary"),),
)


AS_IF_ORDERED: dict[str, tuple[tuple[DeadlineRule, str], ...]] = {
    "assess": (
        (ORDER_ASSESS_NOTIFY, "notify the parent or young person that it will assess"),
        (ORDER_ASSESS_NO_PLAN, "notify a decision, after the assessment, that no plan is needed"),
        (ORDER_ASSESS_FINAL_PLAN, "send the final EHC plan after the assessment"),
    ),
    "make_plan": (
        (ORDER_MAKE_PLAN_DRAFT, "issue the draft EHC plan"),
        (ORDER_MAKE_PLAN_FINAL, "issue the final EHC plan"),
    ),
    "amend_plan": ((ORDER_AMEND, "issue the amended EHC plan"),),
    "amend_placement": ((ORDER_AMEND_PLACEMENT, "issue the plan amended as to the school named"),),
}
"""Reg 42(2): the reg 44 limits an agreement on an appealable matter is done within, as if it
were an order, by the kind of agreed action, each with the step's name (continuing a plan has no
time limit)."""

RULES = (
    ORDER_CEASE,
    ORDER_ASSESS_NOTIFY,
    ORDER_ASSESS_NO_PLAN,
    ORDER_ASSESS_FINAL_PLAN,
    ORDER_MAKE_PLAN_DRAFT,
    ORDER_MAKE_PLAN_FINAL,
    ORDER_REMIT,
    ORDER_AMEND,
    ORDER_AMEND_PLACEMENT,
    ORDER_CONTINUE,
    ORDER_CONTINUE_AMEND,
    ORDER_SENT_DATE,
    UNOPPOSED_ASSESS_CARRY_OUT,
    UNOPPOSED_ASSESS_NOTIFY,
    UNOPPOSED_ASSESS_NO_PLAN,
    UNOPPOSED_ASSESS_FINAL_PLAN,
    *UNOPPOSED_AMEND,
    *UNOPPOSED_AMEND_PLACEMENT,
    UNOPPOSED_MAKE_PLAN_DRAFT,
    UNOPPOSED_MAKE_PLAN_FINAL,
    UNOPPOSED_CEASE_CONCEDED,
    UNOPPOSED_CONTINUE,
    UNOPPOSED_PERIOD_UNKNOWN,
)
"""Tribunal orders (reg 44) and unopposed appeals (reg 45), in statutory order."""
