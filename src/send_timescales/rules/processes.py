"""The processes a case's events are cut into (one episode per opening event).

* ``dispute``: opened by a decision notice (CFA 2014 s.51(2): the decisions that can be
  appealed or mediated); the mediation, certificate and appeal events that follow belong to it
  and must follow a decision.
* ``order``: opened by what the LA must carry out within fixed limits: a Tribunal order (SEND
  Regs 2014 reg 44), the LA's notice that it will not oppose an appeal (reg 45), or a mediation
  agreement on an appealable matter, done "as if" ordered (reg 42(2)). The notices, plans and
  cessations that comply belong to it; they may also happen without any order.

* ``request``: opened by a request for an EHC needs assessment (or the LA becoming responsible)
  or for a re-assessment; the decisions, advice, draft and final plan that answer it belong to it;
* ``plan``: opened by a final EHC plan; its reviews, phase transfers, amendments and ceasing
  belong to it (a new final plan, after a re-assessment, opens a new one);
* ``case``: the whole case, once, after the others (checks that need every deadline, such as
  an exception that changed nothing).

An event belongs to the latest episode of a process opened on or before its date; an event may
open one process and belong to another (a final plan complies with an order and opens a dispute
about its contents).
"""

from __future__ import annotations

from ..events import DecisionNotice, EventBase, MediationAgreement
from ._model import Process

__all__ = ["CASE", "DISPUTE", "ORDER", "PLAN", "PROCESSES", "REQUEST"]


def _agrees_appealable_matter(event: EventBase) -> bool:
    return isinstance(event, MediationAgreement) and any(
        action.kind != "other" for action in event.actions
    )


DISPUTE = Process(
    name="dispute",
    summary="A decision notice and the mediation, certificates and appeal that follow it",
    opened_by=frozenset({"decision_notice"}),
    members=frozenset(
        {
            "adviser_contacted",
            "mediation_requested",
            "health_notified",
            "mediation_scheduled",
            "mediation_not_arranged",
            "mediation_held",
            "mediation_agreement",
            "agreed_action_completed",
            "agreement_sent_to_la",
            "certificate_issued",
            "appeal_registered",
        }
    ),
    must_follow_opener=True,
)

ORDER = Process(
    name="order",
    summary="A Tribunal order, a conceded appeal or a mediation agreement the LA must carry out",
    opened_by=frozenset({"tribunal_order", "appeal_conceded", "mediation_agreement"}),
    opens_when=lambda event: (
        not isinstance(event, MediationAgreement) or _agrees_appealable_matter(event)
    ),
    members=frozenset(
        {
            "assessment_agreed",
            "reassessment_agreed",
            "draft_plan_issued",
            "plan_ceased",
            "decision_notice",
            "agreed_action_completed",
        }
    ),
    answered_anywhere=True,
)

REQUEST = Process(
    name="request",
    summary="A request for an EHC needs assessment or re-assessment, and the clocks it starts",
    opened_by=frozenset({"assessment_requested", "reassessment_requested"}),
    members=frozenset(
        {
            "assessment_agreed",
            "reassessment_agreed",
            "advice_requested",
            "advice_received",
            "draft_plan_issued",
            "decision_notice",
        }
    ),
    opens_implicitly=frozenset({"reassessment_agreed", "advice_requested", "advice_received"}),
)

PLAN = Process(
    name="plan",
    summary="An EHC plan from the day it is made: reviews, phase transfers, amendments, ceasing",
    opened_by=frozenset({"decision_notice"}),
    opens_when=lambda event: (
        isinstance(event, DecisionNotice) and event.decision == "plan_finalised"
    ),
    members=frozenset(
        {
            "review_meeting_held",
            "review_decision",
            "phase_transfer_planned",
            "amendment_notice_sent",
            "decision_notice",
            "plan_ceased",
        }
    ),
    opens_implicitly=frozenset(
        {
            "review_meeting_held",
            "review_decision",
            "phase_transfer_planned",
            "amendment_notice_sent",
            "decision_notice",
        }
    ),
    # An amended plan shows that a plan was made before the case's records, as a review does.
    implicitly_when=lambda event: (
        not isinstance(event, DecisionNotice) or event.decision == "plan_amended"
    ),
)

CASE = Process(
    name="case",
    summary="The whole case, once, after every other episode: checks that need all its deadlines",
    opened_by=frozenset(),
    members=frozenset(),
    whole_case=True,
)

PROCESSES = (DISPUTE, REQUEST, ORDER, PLAN, CASE)
"""Every process, in the order the engine evaluates their episodes."""
