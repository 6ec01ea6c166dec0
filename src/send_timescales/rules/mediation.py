"""Mediation: CFA 2014 ss.52 to 57; SEND Regs 2014 Part 2, regs 32 to 42 (in statutory order).

Confidence: every regulation cited here was read in legislation.gov.uk's text (regs 32 to 42 and
CFA 2014 ss.52 to 56, in the legalize-uk conversion of it; see CHANGELOG.md), so each rule cites
its exact paragraph as ``verified``. Kumar v LB Hillingdon stays ``secondary``.

The scheme applies only to a decision that can be appealed, or to the health and social care
elements of a plan (CFA 2014 s.52(1)): after any other decision, mediation is voluntary and none
of these limits runs. Regs 33 and 34 apply only "where a parent or young person is required to
obtain a mediation certificate" (not for an appeal only about the school named, s.55(2)); there
the adviser contact is an option, never a duty.

Not modelled: reg 40 (mediators' qualifications: no timescale); who may attend (reg 38(1)(a),
(c) to (e)): no timescale; the content of the reg 35(2) notice (the issues, and the health care
provision sought) beyond its date; disagreement resolution (CFA s.57: voluntary, no timescale,
no certificate, no effect on any clock).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Literal

from ..citations import CFA_2014, SEND_REGS, case_law
from ..errors import ContradictoryEventsError
from ..events import (
    AdviserContacted,
    AgreedAction,
    AgreedActionCompleted,
    CertificateIssued,
    EventBase,
    MediationAgreement,
    MediationRequested,
    MediationScheduled,
)
from ..periods import Days, Months, Period, Weeks, WorkingDays, explained, long_date
from ..results import Duty, DutyHolder, Finding, trusted
from ._model import (
    AS_COMPUTED,
    CheckRule,
    DeadlineRule,
    Draft,
    DutyRule,
    Episode,
    Output,
    deadline_rule,
    event_on,
    notice_of,
    trigger_step,
)
from .eligibility import appealable_kind
from .exceptions import AGREEMENT_CORONAVIRUS, coronavirus_2a
from .orders import AS_IF_ORDERED
from .processes import DISPUTE

__all__ = ["NOTICE_ITEMS", "RULES", "declines_mediation"]

_REG_44 = SEND_REGS.cite("44(2)", "verified")

NOTICE_ITEMS: dict[str, str] = {
    "mediation_right": "(a) the right to mediation under CFA 2014 s.53 or s.54",
    "certificate_requirement": "(b) the need for a mediation certificate before appealing",
    "adviser_contact_details": "(c) the mediation adviser's contact details",
    "mediation_timescales": "(d) the timescales for requesting mediation",
    "inform_la_of_mediation": (
        "(e) the need to tell the LA whether they wish to mediate, the mediation issues, and any "
        "health care provision they seek"
    ),
    "la_contact_details": "(f) the contact details of a person at the LA",
}
"""SEND Regs 2014 reg 32: what a notice of an appealable decision must say (verified)."""


# ---------------------------------------------------------------------------- predicates


def _mediation_available(episode: Episode) -> bool:
    return episode.eligibility is not None and episode.eligibility.mediation_available


def _no_certificate_needed(
    reg: str,
) -> Callable[[Episode, Draft], str | None]:  # pragma: no mutate block
    # A partial, not a closure, so that the mutation test reaches the condition (docs/testing.md).
    return partial(_certificate_not_required, reg)


def _certificate_not_required(reg: str, episode: Episode, draft: Draft) -> str | None:
    """Disapplies a limit of ``reg`` where no mediation certificate is required (CFA s.55).

    Either there is no appeal at all (only the health care or social care provision of a plan
    is disputed: s.55(1) applies only where a parent or young person intends to appeal), or
    the appeal is only about Section I (s.55(2)).
    """
    eligibility = episode.eligibility
    if eligibility is None or eligibility.certificate_required:
        return None
    if eligibility.appealable:
        why = (
            "No mediation certificate is needed for this appeal (only the school or type of "
            "school named in Section I, or that none is named, is in dispute: CFA 2014 s.55(2))"
        )
    else:
        why = (
            "No mediation certificate is needed: there is no appeal on what is disputed (only "
            "the health care or social care provision of the plan; CFA 2014 s.55 applies only "
            "where a parent or young person intends to appeal, s.55(1))"
        )
    if reg.startswith("reg 39"):
        return (
            f"{why}, and the certificate of {reg} is issued under s.55(5) only where one is "
            "required: there is no time limit. The mediation and any agreement it reaches "
            "stand (reg 42): disapplied."
        )
    return (
        f"{why}, and {reg} applies only where a parent or young person is required to obtain "
        "one: there is no time limit. Mediation remains open: the parent or young person may "
        "still contact the adviser and ask the LA for it: disapplied."
    )


def _notice_date(episode: Episode) -> tuple[str, date]:
    decision = episode.decision
    assert decision is not None
    if decision.letter_dated is not None and decision.letter_dated < decision.on:
        return "the date printed on it", decision.letter_dated
    return "the day it was sent", decision.on


def _contact_too_late(episode: Episode, draft: Draft) -> str | None:
    """Reg 34(2): no declined certificate after a contact later than 2 months from the notice."""
    decision = episode.decision
    assert decision is not None
    which, dated = _notice_date(episode)
    limit = Months(2).end(dated)
    if draft.trigger.on <= limit:
        return None
    return (
        f"The parent or young person contacted the adviser on {long_date(draft.trigger.on)}, more "
        f"than 2 months after the date of the LA's notice ({which}, {long_date(dated)}: the 2 "
        f"months ended on {long_date(limit)}). Reg 34(2): the adviser may not issue this "
        "certificate; the parent or young person may instead ask the Tribunal for leave to "
        "appeal without one (reg 34(3)): disapplied."
    )


def declines_mediation(event: EventBase) -> bool:
    """Whether the event is the parent or young person telling the adviser they won't mediate."""
    return isinstance(event, AdviserContacted) and not event.wants_mediation


def _raises_health(event: EventBase) -> bool:
    return isinstance(event, MediationRequested) and "health" in (event.issues or ())


def _health_only(event: EventBase) -> bool:
    return isinstance(event, MediationRequested) and set(event.issues or ()) == {"health"}


def _not_health_only(event: EventBase) -> bool:
    return isinstance(event, MediationRequested) and not _health_only(event)


def _any_health_only_request(episode: Episode) -> bool:
    return any(_health_only(e) for e in episode.of("mediation_requested"))


def _certificate(reason: str) -> Callable[[EventBase], bool]:  # pragma: no mutate block
    return partial(_certificate_for, reason)


def _certificate_for(reason: str, event: EventBase) -> bool:
    """Whether ``event`` is a mediation certificate issued for ``reason``."""
    return isinstance(event, CertificateIssued) and event.reason == reason


_is_declined = _certificate("declined")


def _without_la(episode: Episode, event: EventBase) -> bool:
    """An agreement the LA was not a party to.

    Recorded so, or from a mediation about health care only, which is between the ICB and the
    parent or young person (CFA 2014 s.53(3)).
    """
    return isinstance(event, MediationAgreement) and (
        not event.la_party or _any_health_only_request(episode)
    )


# ---------------------------------------------------------------------------- deadlines

ADVISER_CONTACT = DeadlineRule(
    id="mediation.adviser_contact",
    summary="Contact the mediation adviser (before appealing, unless only the school is disputed)",
    duty_holder="parent_or_young_person",
    trigger="decision_notice",
    trigger_text="written notice of the LA's decision was sent (reg 33: time runs from sending)",
    applies=_mediation_available,
    period=Months(2),
    non_working_day=AS_COMPUTED,
    done_by=("adviser_contacted",),
    disapplied_when=(_no_certificate_needed("reg 33"),),
    exceptions=(coronavirus_2a("2A(3)(g)"),),
    citations=(SEND_REGS.cite("33", "verified"),),
)

CERTIFICATE_DECLINED = DeadlineRule(
    id="mediation.certificate.declined",
    summary="Mediation adviser issues a certificate: the parent or young person does not wish "
    "to mediate",
    duty_holder="mediation_adviser",
    trigger="adviser_contacted",
    trigger_when=declines_mediation,
    trigger_text="the parent or young person told the mediation adviser they do not wish to "
    "pursue mediation",
    applies=_mediation_available,
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("declined"),
    disapplied_when=(_no_certificate_needed("reg 34(1)"), _contact_too_late),
    exceptions=(coronavirus_2a("2A(3)(h)"),),
    citations=(SEND_REGS.cite("34(1)", "verified"), CFA_2014.cite("55(4)", "verified")),
)

HEALTH_NOTIFICATION = DeadlineRule(
    id="mediation.health_notification",
    summary="LA notifies each relevant commissioning body (ICB) of the mediation issues, which "
    "include health care provision",
    duty_holder="la",
    trigger="mediation_requested",
    trigger_when=_raises_health,
    trigger_text="the LA was told that the parent or young person wishes to mediate and that the "
    "issues include health care provision",
    applies=_mediation_available,
    period=WorkingDays(3),
    done_by=("health_notified",),
    exceptions=(coronavirus_2a("2A(3)(i)"),),
    citations=(SEND_REGS.cite("35(2)", "verified"), CFA_2014.cite("53(2)", "verified")),
)

ARRANGE = DeadlineRule(
    id="mediation.arrange",
    summary="LA arranges mediation (each ICB concerned takes part where health care is among "
    "mixed issues)",
    duty_holder="la",
    trigger="mediation_requested",
    trigger_when=_not_health_only,
    trigger_text="the LA was told that the parent or young person wishes to mediate",
    period=Days(30),
    done_by=("mediation_held",),
    notes=(
        'Reading: the LA "must arrange for mediation ... within 30 days" (regs 35(4), 36(2)) is '
        "read as the mediation itself taking place by this day, the earlier of the two readings "
        "(C9, docs/interpretations.md#c9); "
        "the other reading, "
        "that only the arrangements must be made within 30 days, is in docs/interpretations.md. "
        "If the LA cannot arrange it in time it must tell the mediation adviser as soon as "
        "possible after it realises (reg 39(2)); the adviser then issues a certificate, and the "
        "mediation can still take place later.",
    ),
    applies=_mediation_available,
    exceptions=(coronavirus_2a("2A(3)(i), (j)"),),
    citations=(
        SEND_REGS.cite("35(4)", "verified"),
        SEND_REGS.cite("36(2)", "verified"),
        CFA_2014.cite("53(4)", "verified"),
        CFA_2014.cite("54(2)", "verified"),
    ),
)

ARRANGE_HEALTH_ONLY = DeadlineRule(
    id="mediation.arrange.health_only",
    summary="ICB (each responsible commissioning body, jointly) arranges mediation about health "
    "care provision only",
    duty_holder="icb",
    trigger="health_notified",
    applies=lambda episode: _mediation_available(episode) and _any_health_only_request(episode),
    trigger_text="the LA notified the health body of a mediation whose issues are health care "
    "provision only",
    period=Days(30),
    done_by=("mediation_held",),
    notes=(
        "Reading: the mediation itself must take place by this day (the earlier reading, "
        "C9, docs/interpretations.md#c9).",
        "The 30 days run from the day the health body received the LA's notice (reg 35(3)); "
        "they are counted here from the day the LA sent it, the earlier date (C9): if it "
        "arrived later, the limit is later by as many days.",
    ),
    exceptions=(coronavirus_2a("2A(3)(i)"),),
    citations=(SEND_REGS.cite("35(3)", "verified"), CFA_2014.cite("53(3)", "verified")),
)


@deadline_rule(
    id="mediation.date_notice",
    summary="The body arranging mediation (the LA; the ICB for health care only) tells the "
    "parent or young person its date and place",
    duty_holder="la",
    trigger="mediation_scheduled",
    trigger_text="the mediation's date and place were fixed and notified",
    period_text="at least 5 working days before the mediation, unless the parent or young "
    "person agrees to less",
    applies=_mediation_available,
    non_working_day=AS_COMPUTED,
    citations=(SEND_REGS.cite("37(2)", "verified"),),
)
def _date_notice(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, MediationScheduled)
    cal = episode.calendar
    steps = [trigger_step(rule, trigger)]
    holder: DutyHolder = "icb" if _any_health_only_request(episode) else "la"
    if trigger.shorter_notice_agreed:
        steps.append(
            "The parent or young person agreed to less than 5 working days' notice, so the "
            "5-working-day limit does not apply: disapplied."
        )
        return [Draft(rule, trigger, None, steps, None, duty_holder=holder)]
    fifth = cal.subtract_working_days(trigger.mediation_on, 5)
    due = fifth - timedelta(days=1)
    steps.append(
        f"The mediation is on {long_date(trigger.mediation_on)}; the 5th working day before it "
        f"is {long_date(fifth)}."
    )
    steps.append(
        f'"At least 5 working days before" is read as 5 clear working days between the notice '
        f"and the mediation, so the notice must be given by {long_date(due)} (the earlier "
        f"reading, C9, docs/interpretations.md#c9; the other reading allows notice on "
        f"{long_date(fifth)})."
    )
    return [Draft(rule, trigger, due, steps, trigger, duty_holder=holder)]


CERTIFICATE_NOT_ARRANGED = DeadlineRule(
    id="mediation.certificate.not_arranged",
    summary="Mediation adviser issues a certificate: mediation could not be arranged within "
    "30 days",
    duty_holder="mediation_adviser",
    trigger="mediation_not_arranged",
    trigger_text="the LA told the mediation adviser it cannot arrange mediation within the 30 "
    "days of reg 35(4) or 36(2)",
    applies=lambda episode: _mediation_available(episode) and not _any_health_only_request(episode),
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("not_arranged"),
    notes=(
        "The parent or young person is deemed to have taken part in mediation, and this "
        "certificate does not end the mediation: it can still take place (reg 39(3)).",
    ),
    disapplied_when=(_no_certificate_needed("reg 39(2)"),),
    exceptions=(coronavirus_2a("2A(3)(k)"),),
    citations=(SEND_REGS.cite("39(2), (3)", "verified"),),
)

CERTIFICATE_AFTER_MEDIATION = DeadlineRule(
    id="mediation.certificate.after_mediation",
    summary="Mediation adviser issues a certificate after the mediation",
    duty_holder="mediation_adviser",
    trigger="mediation_held",
    trigger_text="the mediation concluded",
    applies=_mediation_available,
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("after_mediation"),
    disapplied_when=(_no_certificate_needed("reg 39(1)"),),
    notes=(
        "The certificate is issued by the mediation adviser, not the mediator (reg 39(1); "
        "CFA 2014 s.55(5)), whatever some guidance says.",
    ),
    exceptions=(coronavirus_2a("2A(3)(k)"),),
    citations=(SEND_REGS.cite("39(1)", "verified"), CFA_2014.cite("55(5)", "verified")),
)


def _completion(episode: Episode, action: AgreedAction, since: EventBase) -> EventBase | None:
    """The first ``agreed_action_completed`` for the action on or after the agreement.

    Looked up in the whole case: a later decision notice or agreement opens episodes of its own,
    but an agreed action is done whenever it is done (reg 42 has no end for it).
    """
    completions = episode.case_index.get("agreed_action_completed", ())
    for event in completions[bisect_left(completions, since.on, key=event_on) :]:
        if isinstance(event, AgreedActionCompleted) and event.what == action.what:
            return event
    return None


_AMENDED_PLAN = notice_of("plan_amended")


def _appealable_agreement(episode: Episode) -> bool:
    """Whether reg 42(2) applies: the mediation issues are ones the parent could appeal.

    Not for the health care or social care elements of a plan alone (reg 42(3) then).
    """
    return episode.eligibility is None or episode.eligibility.appealable


def _agreed_date_steps(action: AgreedAction, steps: list[str]) -> None:
    assert action.agreed_date is not None
    steps.append(
        f"The parties agreed in writing to a different timescale: {long_date(action.agreed_date)} "
        "replaces the statutory period (reg 42(5))."
    )


@deadline_rule(
    id="mediation.agreement.appealable",
    summary="LA does what a mediation agreement on an appealable matter requires, within the "
    "Tribunal-order limits",
    duty_holder="la",
    process="order",
    trigger="mediation_agreement",
    trigger_text="the mediation agreement was made",
    period_text="the reg 44 limits, as if the agreement were a Tribunal order (assess: 2 weeks "
    "to notify, then 10 weeks for a decision that no plan is needed or 14 weeks for the final "
    "plan; make a plan: 5 weeks for the draft, 11 for the final; amend: 5 weeks; the school "
    "named: 2 weeks); or the date agreed in writing (reg 42(5))",
    citations=(SEND_REGS.cite("42(2)", "verified"), SEND_REGS.cite("42(5)", "verified"), _REG_44),
)
def _agreement_appealable(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, MediationAgreement)
    found: list[Output] = []
    if not _appealable_agreement(episode):
        return found  # reg 42(3) instead: mediation.agreement.other
    for action in trigger.actions:
        if action.kind == "other":
            continue
        if action.kind == "continue_plan":
            found.append(
                trusted(
                    Duty,
                    rule_id=rule.id,
                    summary=f"LA continues to maintain the EHC plan as agreed in mediation "
                    f"({action.what!r}); reg 44(2)(g) sets no time limit",
                    duty_holder="la",
                    citations=rule.citations,
                    applies_because=f"the mediation agreement of {long_date(trigger.on)} "
                    "requires the plan to be maintained",
                    decision_on=episode.decision_on,
                )
            )
            continue
        steps_of_action = AS_IF_ORDERED[action.kind]
        for number, (order_rule, step_name) in enumerate(steps_of_action, start=1):
            provision = order_rule.citations[0].provision
            steps = [
                trigger_step(rule, trigger),
                f"The agreement requires the LA to {step_name} ({action.what!r}); it is a matter "
                f"that could be appealed, so reg 42(2) applies the limit of {provision} as if "
                "the agreement were an order of the Tribunal.",
            ]
            period = order_rule.period
            assert isinstance(period, Period)
            statutory = period.end(trigger.on, episode.calendar)
            interim = number == 1 and len(steps_of_action) > 1
            if action.agreed_date is not None and not interim:
                _agreed_date_steps(action, steps)
                due = action.agreed_date
            elif action.agreed_date is not None:
                steps.extend(explained(period, trigger.on, episode.calendar))
                due = min(statutory, action.agreed_date)
                steps.append(
                    f"The date agreed in writing, {long_date(action.agreed_date)}, is read as "
                    "the date for the outcome (reg 42(5)): this first step keeps its own limit "
                    "unless the agreed date is earlier, so it is due by "
                    f"{long_date(due)} (the earlier reading, C9, docs/interpretations.md#c9; "
                    "the other reading applies the agreed date to every step)."
                )
            else:
                steps.extend(explained(period, trigger.on, episode.calendar))
                due = statutory
            done = order_rule.done(episode, trigger)
            if len(steps_of_action) == 1:
                # The plan itself is the evidence ("issue the amended EHC plan"), when it belongs
                # to the agreement; else a record that the action was done; else a plan sent
                # after a later decision or agreement.
                done = (
                    order_rule.done(episode, trigger, local=True)
                    or _completion(episode, action, trigger)
                    or done
                )
            else:
                steps.append(
                    f"Step {number} of {len(steps_of_action)}: each step is evidenced by its own "
                    "event (an agreed_action_completed event marks a one-step action only)."
                )
            draft = Draft(
                rule,
                trigger,
                due,
                steps,
                done,
                subject=f"{action.what}: {step_name}",
                summary=f"LA must {step_name} as agreed in mediation",
            )
            found.append(order_rule.disapply(episode, draft))
    return found


@deadline_rule(
    id="mediation.agreement.other",
    summary="LA or ICB does anything else a mediation agreement requires",
    duty_holder="la",
    trigger="mediation_agreement",
    trigger_text="the mediation agreement was made",
    period_text="within 2 weeks of the agreement, or the date agreed in writing (reg 42(5))",
    applies=_mediation_available,
    exceptions=(AGREEMENT_CORONAVIRUS,),
    citations=(SEND_REGS.cite("42(3)", "verified"), SEND_REGS.cite("42(5)", "verified")),
)
def _agreement_other(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Output]:
    assert isinstance(trigger, MediationAgreement)
    found: list[Output] = []
    appealable = _appealable_agreement(episode)
    for action in trigger.actions:
        if action.kind != "other" and appealable:
            continue
        steps = [
            trigger_step(rule, trigger),
            f"The agreement requires {'the ICB' if action.by == 'icb' else 'the LA'} to do "
            f"something other than an appealable matter ({action.what!r}): reg 42(3)."
            + (
                ""
                if action.kind == "other"
                else " What is disputed cannot be appealed (only the health care or social care "
                "provision of the plan), so reg 42(2) does not apply to it."
            ),
        ]
        if action.agreed_date is not None:
            _agreed_date_steps(action, steps)
            due = action.agreed_date
        else:
            steps.extend(explained(Weeks(2), trigger.on, episode.calendar))
            due = Weeks(2).end(trigger.on)
        done = _completion(episode, action, trigger)
        if action.kind in ("amend_plan", "amend_placement"):
            # The amended plan shows an agreed amendment done too, whichever comes first (the
            # plan wins a tie).
            amended = episode.first_matching(
                "decision_notice", trigger.on, _AMENDED_PLAN, whole_case=True
            )
            if amended is not None and (done is None or amended.on <= done.on):
                done = amended
        found.append(
            Draft(
                rule,
                trigger,
                due,
                steps,
                done,
                subject=action.what,
                duty_holder=action.by,
                exceptions=rule.exceptions,
            )
        )
    return found


AGREEMENT_ICB_NOTICE = DeadlineRule(
    id="mediation.agreement.icb_notice",
    summary="ICB tells the LA of a mediation agreement reached without the LA",
    duty_holder="icb",
    trigger="mediation_agreement",
    starts_clock=_without_la,
    trigger_text="a mediation agreement was reached to which the LA was not a party",
    period=Weeks(1),
    done_by=("agreement_sent_to_la",),
    notes=(
        "A timescale agreed in writing (reg 42(5)) does not change this one: reg 42(5) covers "
        "paragraphs (2) and (3) only.",
    ),
    applies=_mediation_available,
    exceptions=(AGREEMENT_CORONAVIRUS,),
    citations=(SEND_REGS.cite("42(4)", "verified"),),
)


# ---------------------------------------------------------------------------- checks

_NEEDS_BEFORE: tuple[tuple[str, str, str, Callable[[EventBase], bool] | None, str], ...] = (
    # (event, its certificate reason or "", the event that must come first and the condition it
    # must meet, what that means)
    (
        "certificate_issued",
        "declined",
        "adviser_contacted",
        declines_mediation,
        "the adviser was told",
    ),
    ("certificate_issued", "not_arranged", "mediation_not_arranged", None, "the adviser was told"),
    ("certificate_issued", "after_mediation", "mediation_held", None, "the mediation concluded"),
    ("mediation_held", "", "mediation_requested", None, "mediation was requested"),
    ("health_notified", "", "mediation_requested", None, "mediation was requested"),
    ("mediation_agreement", "", "mediation_held", None, "the mediation took place"),
)


def _event_sequence(rule: CheckRule, episode: Episode) -> list[Finding]:
    """Raise for events that contradict each other; note certificates the events do not support."""
    findings: list[Finding] = []
    for kind, reason, needed, condition, meaning in _NEEDS_BEFORE:
        events = episode.of(kind)
        if not events:
            continue
        # the events that may come first, in date order: only the earliest matters
        fitting = [e for e in episode.of(needed) if condition is None or condition(e)]
        for event in events:
            if reason and getattr(event, "reason", None) != reason:
                continue
            if fitting and fitting[0].on <= event.on:
                continue
            if fitting:
                raise ContradictoryEventsError(
                    f"{episode.where(event)} comes before {episode.where(fitting[0])}, "
                    f"but it can only happen after {meaning}.",
                    event_index=episode.positions.get(id(event)),
                    field="on",
                    value=event.on.isoformat(),
                )
            if kind == "certificate_issued":
                certificate_rule = _CERTIFICATE_RULES[reason]
                findings.append(
                    rule.finding(
                        "certificate_reason_unsupported",
                        "warning",
                        f"A mediation certificate was issued on {long_date(event.on)} for "
                        f"the reason {reason!r}, but no {needed} event on or before that "
                        f"date shows that {meaning}.",
                        decision_on=episode.decision_on,
                        citations=certificate_rule.citations,
                    )
                )
    return findings


EVENT_SEQUENCE = CheckRule(
    id="check.event_sequence",
    summary="Mediation events in an order the law allows, and certificates the events support",
    check=_event_sequence,
    stage="first",
    citations=(
        SEND_REGS.cite("34(1)", "verified"),
        SEND_REGS.cite("39", "verified"),
        CFA_2014.cite("55(4), (5)", "verified"),
    ),
)

_MEDIATION_EVENTS = tuple(
    sorted(
        DISPUTE.members - {"agreed_action_completed", "agreement_sent_to_la", "appeal_registered"}
    )
)
"""The mediation events of a dispute (its members, less completions and the appeal)."""


def _mediation_scope(rule: CheckRule, episode: Episode) -> list[Finding]:
    """One finding for mediation about a decision outside the statutory scheme."""
    if _mediation_available(episode):
        return []
    events = [e for kind in _MEDIATION_EVENTS for e in episode.of(kind)]
    if not events:
        return []
    decision = episode.decision
    assert decision is not None
    first = min(events, key=lambda e: e.on)
    return [
        rule.finding(
            "mediation_outside_scheme",
            "info",
            f"Mediation events follow the notice of {decision.decision} of "
            f"{long_date(decision.on)} (the first on {long_date(first.on)}), but that decision "
            "cannot be appealed and the statutory mediation scheme does not apply to it: any "
            "mediation is voluntary, and none of the mediation time limits runs.",
            decision_on=decision.on,
        )
    ]


MEDIATION_SCOPE = CheckRule(
    id="check.mediation_scope",
    summary="Mediation after a decision that cannot be appealed is outside the statutory scheme",
    check=_mediation_scope,
    needs=("eligibility.mediation_available",),
    citations=(CFA_2014.cite("52(1)", "verified"),),
)


def contact_too_late_for(
    episode: Episode, certificate: EventBase
) -> tuple[EventBase, date, str] | None:
    """Reg 34(2): whether the adviser may not issue this ``declined`` certificate.

    For such a certificate, the first contact with the adviser (after the 2 months), the last
    day of the 2 months and which date of the notice they run from; else ``None``. The first
    contact decides: it came on or before the certificate, and after the 2 months.
    """
    if not _is_declined(certificate):
        return None
    which, dated = _notice_date(episode)
    limit = Months(2).end(dated)
    contacts = episode.of("adviser_contacted")
    if contacts and limit < contacts[0].on <= certificate.on:
        return contacts[0], limit, which
    return None


def _late_contact_certificate(rule: CheckRule, episode: Episode) -> list[Finding]:
    """Reg 34(2): a declined certificate issued although the contact came too late."""
    findings: list[Finding] = []
    decision = episode.decision
    assert decision is not None
    for certificate in episode.of("certificate_issued"):
        barred = contact_too_late_for(episode, certificate)
        if barred is not None:
            first, limit, which = barred
            findings.append(
                rule.finding(
                    "certificate_not_allowed",
                    "warning",
                    f"A certificate that the parent or young person does not wish to mediate was "
                    f"issued on {long_date(certificate.on)}, but they first contacted the adviser "
                    f"on {long_date(first.on)}, after the 2 months from the date of the "
                    f"LA's notice ended ({long_date(limit)}; {which}). Reg 34(2) says the adviser "
                    "may not issue it: an appeal needs the Tribunal's leave (reg 34(3)).",
                    decision_on=decision.on,
                )
            )
    return findings


LATE_CONTACT_CERTIFICATE = CheckRule(
    id="check.late_contact_certificate",
    summary="A declined certificate issued after a contact later than 2 months from the notice",
    check=_late_contact_certificate,
    citations=(SEND_REGS.cite("34(2)", "verified"), SEND_REGS.cite("34(3)", "verified")),
)


# ---------------------------------------------------------------------------- undated duties


def _appealable_kind(episode: Episode) -> str | None:
    decision = episode.decision
    assert decision is not None
    if appealable_kind(decision):
        return "the notice is of a decision that can be appealed to the SEND Tribunal"
    return None


def _missing_notice_items(episode: Episode) -> list[str]:
    decision = episode.decision
    assert decision is not None
    given = decision.notice_content
    if given is None or not appealable_kind(decision):
        return []
    missing = [text for item, text in NOTICE_ITEMS.items() if item not in given]
    if not missing:
        return []
    return [
        f"The notice of {decision.decision} sent on {long_date(decision.on)} does not "
        f"contain every item reg 32 requires; missing: {'; '.join(missing)}."
    ]


def _mediation_requested(episode: Episode) -> str | None:
    if _mediation_available(episode) and episode.of("mediation_requested"):
        return "the parent or young person asked for mediation"
    return None


def _arranging_body(episode: Episode) -> DutyHolder:
    """Who arranges the mediation: the ICB for health care only, else the LA (regs 35, 36)."""
    return "icb" if _any_health_only_request(episode) else "la"


def _parties(episode: Episode) -> DutyHolder | Literal["la_and_icb"]:
    """Who must take part: the LA, the ICBs for health care only, both for mixed issues."""
    if _any_health_only_request(episode):
        return "icb"
    if any(_raises_health(e) for e in episode.of("mediation_requested")):
        return "la_and_icb"
    return "la"


def _parent_is_party(episode: Episode) -> str | None:
    if _mediation_requested(episode) is None:
        return None
    party = episode.eligibility.party if episode.eligibility is not None else "unknown"
    if party == "young_person":
        return None
    if party == "unknown":
        return (
            "mediation was requested and the child's date of birth is not given, so the "
            "parent may be the party"
        )
    return "mediation was requested and the parent is the party"


NOTICE_CONTENT = DutyRule(
    id="duty.notice_content",
    summary="The decision notice must explain mediation, the certificate, the adviser's contact "
    "details, the timescales, what to tell the LA, and an LA contact",
    duty_holder="la",
    applies=_appealable_kind,
    check=_missing_notice_items,
    finding_code="notice_missing_content",
    citations=(SEND_REGS.cite("32", "verified"),),
)

LA_ATTENDANCE = DutyRule(
    id="duty.la_attendance",
    summary="The body arranging the mediation makes sure it is attended by people with "
    "authority to resolve the issues; each party takes part (the LA; each ICB where health care "
    "is in issue; the LA is not a party to a mediation about health care only)",
    duty_holder="la_and_icb",
    holder=_parties,
    applies=_mediation_requested,
    citations=(
        SEND_REGS.cite("37(1)", "verified"),
        CFA_2014.cite("53(3), (4)", "verified"),
        CFA_2014.cite("54(2)", "verified"),
    ),
)

EXPENSES = DutyRule(
    id="duty.expenses",
    summary="The body arranging the mediation pays the parent's or young person's expenses of "
    "attending: public transport fares, 25p a mile by car, taxi fares, loss of earnings up to "
    "£45, a registered carer at £5.35 an hour per child, overnight up to £81 (inner London), "
    "£71 (elsewhere) or £21 (with family or friends); it may require prior agreement or evidence",
    duty_holder="la",
    holder=_arranging_body,
    applies=_mediation_requested,
    citations=(SEND_REGS.cite("41", "verified"), CFA_2014.cite("56(1)(g)", "verified")),
)

CHILD_VIEWS = DutyRule(
    id="duty.child_views",
    summary="Where a parent (or a young person's alternative person) is the party, the mediator "
    "takes reasonable steps to find out the child's (young person's) views",
    duty_holder="mediator",
    applies=_parent_is_party,
    citations=(SEND_REGS.cite("38(2), (3)", "verified"), CFA_2014.cite("56(1)(e)", "verified")),
)

ATTENDANCE_RIGHTS = DutyRule(
    id="duty.attendance_rights",
    summary="The parent or young person may bring an advocate or other supporter of their "
    "choice, a lawyer included",
    duty_holder="la",
    holder=_arranging_body,
    applies=_mediation_requested,
    citations=(
        SEND_REGS.cite("38(1)(b)", "verified"),
        case_law("Kumar v London Borough of Hillingdon [2020] EWHC 3326 (Admin)", "secondary"),
    ),
)

_CERTIFICATE_RULES = {
    "declined": CERTIFICATE_DECLINED,
    "not_arranged": CERTIFICATE_NOT_ARRANGED,
    "after_mediation": CERTIFICATE_AFTER_MEDIATION,
}

RULES = (
    EVENT_SEQUENCE,
    MEDIATION_SCOPE,
    NOTICE_CONTENT,
    ADVISER_CONTACT,
    CERTIFICATE_DECLINED,
    LATE_CONTACT_CERTIFICATE,
    HEALTH_NOTIFICATION,
    ARRANGE,
    ARRANGE_HEALTH_ONLY,
    _date_notice,
    CERTIFICATE_NOT_ARRANGED,
    LA_ATTENDANCE,
    ATTENDANCE_RIGHTS,
    CERTIFICATE_AFTER_MEDIATION,
    EXPENSES,
    CHILD_VIEWS,
    _agreement_appealable,
    _agreement_other,
    AGREEMENT_ICB_NOTICE,
)
"""The mediation rules, in statutory order (reg 32 to reg 42)."""
