"""Mediation: CFA 2014 ss.52 to 57; SEND Regs 2014 Part 2, regs 32 to 42 (in statutory order).

Confidence, as read on legislation.gov.uk (see CHANGELOG.md and docs/interpretations.md):
regs 32, 33 and 42 ``verified``; the periods of the regulations in between (certificates, health
notification, the 30 days, 5 working days' notice, attendance, expenses) ``secondary``: their
numbers and units agree across IPSEA, SENDIASS services and the SEND Code, but the regulations'
own words were not read, so those rules cite the mediation cross-heading and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ..citations import CFA_2014, SEND_CODE, SEND_REGS, case_law
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
from ..periods import Days, Immediately, Months, Period, Weeks, WorkingDays, long_date
from ..results import DutyHolder, Finding
from ._model import (
    AS_COMPUTED,
    CheckRule,
    DeadlineRule,
    Draft,
    DutyRule,
    Episode,
    deadline_rule,
    trigger_step,
)

__all__ = ["NOTICE_ITEMS", "RULES", "declines_mediation"]

_MEDIATION_REGS = SEND_REGS.heading(
    "regs 32 to 42 (Part 2, mediation)", "part/2/crossheading/mediation", "secondary"
)
_REG_44 = SEND_REGS.cite("44(2)", "secondary")

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


def _certificate(reason: str) -> Callable[[EventBase], bool]:
    def matches(event: EventBase) -> bool:
        return isinstance(event, CertificateIssued) and event.reason == reason

    matches.__name__ = f"certificate_{reason}"
    return matches


def _without_la(event: EventBase) -> bool:
    return isinstance(event, MediationAgreement) and not event.la_party


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
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("declined"),
    citations=(SEND_REGS.cite("34(1)", "secondary"), CFA_2014.cite("55(4)", "secondary")),
)

HEALTH_NOTIFICATION = DeadlineRule(
    id="mediation.health_notification",
    summary="LA tells each ICB concerned that the mediation issues include health care provision",
    duty_holder="la",
    trigger="mediation_requested",
    trigger_when=_raises_health,
    trigger_text="the LA was told that the parent or young person wishes to mediate and that the "
    "issues include health care provision",
    period=WorkingDays(3),
    done_by=("health_notified",),
    citations=(_MEDIATION_REGS,),
)

ARRANGE = DeadlineRule(
    id="mediation.arrange",
    summary="LA (jointly with each ICB where health and education or social care issues are "
    "both raised) arranges mediation to take place",
    duty_holder="la",
    trigger="mediation_requested",
    trigger_when=_not_health_only,
    trigger_text="the LA was told that the parent or young person wishes to mediate",
    period=Days(30),
    done_by=("mediation_held",),
    notes=(
        'Reading: "arranged to take place within 30 days" is read as the mediation itself taking '
        "place by this day, the earlier of the two readings (RULES.md C9); the other reading, "
        "that only the arrangements must be made within 30 days, is in docs/interpretations.md. "
        "If the LA cannot arrange it in time it must tell the mediation adviser, who then issues "
        "a certificate; the mediation can still take place later.",
    ),
    citations=(_MEDIATION_REGS,),
)

ARRANGE_HEALTH_ONLY = DeadlineRule(
    id="mediation.arrange.health_only",
    summary="ICB arranges mediation about health care provision only",
    duty_holder="icb",
    trigger="health_notified",
    applies=_any_health_only_request,
    trigger_text="the LA notified the health body of a mediation whose issues are health care "
    "provision only",
    period=Days(30),
    done_by=("mediation_held",),
    notes=(
        "Reading: the mediation itself must take place by this day (the earlier reading, "
        "RULES.md C9; see docs/interpretations.md).",
    ),
    citations=(_MEDIATION_REGS,),
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
    citations=(_MEDIATION_REGS, SEND_CODE.cite("ch. 11", "secondary")),
)
def _date_notice(rule: DeadlineRule, episode: Episode, trigger: EventBase) -> list[Draft | Finding]:
    assert isinstance(trigger, MediationScheduled)
    cal = episode.calendar
    steps = [trigger_step(rule, trigger)]
    if trigger.shorter_notice_agreed:
        steps.append(
            "The parent or young person agreed to less than 5 working days' notice, so the "
            "5-working-day limit does not apply: disapplied."
        )
        return [Draft(rule, trigger, None, steps, None)]
    holder: DutyHolder = "icb" if _any_health_only_request(episode) else "la"
    fifth = cal.subtract_working_days(trigger.mediation_on, 5)
    due = fifth - timedelta(days=1)
    steps.append(
        f"The mediation is on {long_date(trigger.mediation_on)}; the 5th working day before it "
        f"is {long_date(fifth)}."
    )
    steps.append(
        f'"At least 5 working days before" is read as 5 clear working days between the notice '
        f"and the mediation, so the notice must be given by {long_date(due)} (the earlier "
        f"reading, RULES.md C9; the other reading allows notice on {long_date(fifth)})."
    )
    return [Draft(rule, trigger, due, steps, trigger, duty_holder=holder)]


CERTIFICATE_NOT_ARRANGED = DeadlineRule(
    id="mediation.certificate.not_arranged",
    summary="Mediation adviser issues a certificate: mediation could not be arranged within "
    "30 days",
    duty_holder="mediation_adviser",
    trigger="mediation_not_arranged",
    trigger_text="the LA (or ICB) told the mediation adviser it cannot arrange mediation within "
    "30 days",
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("not_arranged"),
    notes=("This certificate does not end the mediation: it can still take place.",),
    citations=(_MEDIATION_REGS,),
)

CERTIFICATE_AFTER_MEDIATION = DeadlineRule(
    id="mediation.certificate.after_mediation",
    summary="Mediator issues a certificate after the mediation",
    duty_holder="mediator",
    trigger="mediation_held",
    trigger_text="the mediation concluded",
    period=WorkingDays(3),
    done_by=("certificate_issued",),
    done_when=_certificate("after_mediation"),
    citations=(
        _MEDIATION_REGS,
        CFA_2014.cite("55(5)", "secondary"),
        SEND_CODE.cite("ch. 11", "secondary"),
    ),
)

# reg 42(2): an agreement on an appealable matter is done within the reg 44 limits, as if the
# agreement were a Tribunal order. Each kind maps to the limits of the order it mirrors.
_AS_IF_ORDERED: dict[str, tuple[tuple[str, Period, str], ...]] = {
    "assess": (("notify the parent or young person that it will assess", Weeks(2), "44(2)(b)"),),
    "make_plan": (
        ("issue the draft EHC plan", Weeks(5), "44(2)(c)(i)"),
        ("issue the final EHC plan", Weeks(11), "44(2)(c)(ii)"),
    ),
    "amend_plan": (("issue the amended EHC plan", Weeks(5), "44(2)(e)"),),
    "amend_placement": (("issue the plan amended as to the school named", Weeks(2), "44(2)(f)"),),
    "continue_plan": (("continue to maintain the EHC plan", Immediately(0), "44(2)"),),
}


def _completion(episode: Episode, action: AgreedAction, since: EventBase) -> EventBase | None:
    def same(event: EventBase) -> bool:
        return isinstance(event, AgreedActionCompleted) and event.what == action.what

    return episode.first_after("agreed_action_completed", since.on, same)


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
    trigger="mediation_agreement",
    trigger_text="the mediation agreement was made",
    period_text="the reg 44 limits, as if the agreement were a Tribunal order (2, 5, 11 weeks "
    "or immediately by kind); or the date agreed in writing (reg 42(5))",
    citations=(SEND_REGS.cite("42(2)", "verified"), SEND_REGS.cite("42(5)", "verified"), _REG_44),
)
def _agreement_appealable(
    rule: DeadlineRule, episode: Episode, trigger: EventBase
) -> list[Draft | Finding]:
    assert isinstance(trigger, MediationAgreement)
    found: list[Draft | Finding] = []
    for action in trigger.actions:
        if action.kind == "other":
            continue
        for step_name, period, provision in _AS_IF_ORDERED[action.kind]:
            steps = [
                trigger_step(rule, trigger),
                f"The agreement requires the LA to {step_name} ({action.what!r}); it is a matter "
                f"that could be appealed, so reg 42(2) applies the limit of reg {provision} as if "
                "the agreement were an order of the Tribunal.",
            ]
            if action.agreed_date is not None:
                _agreed_date_steps(action, steps)
                due = action.agreed_date
            else:
                steps.extend(period.explain(trigger.on, episode.calendar))
                due = period.end(trigger.on, episode.calendar)
            done = _completion(episode, action, trigger)
            found.append(
                Draft(
                    rule,
                    trigger,
                    due,
                    steps,
                    done,
                    subject=f"{action.what}: {step_name}",
                    summary=f"LA must {step_name} as agreed in mediation",
                )
            )
    return found


@deadline_rule(
    id="mediation.agreement.other",
    summary="LA or ICB does anything else a mediation agreement requires",
    duty_holder="la",
    trigger="mediation_agreement",
    trigger_text="the mediation agreement was made",
    period_text="within 2 weeks of the agreement, or the date agreed in writing (reg 42(5))",
    citations=(SEND_REGS.cite("42(3)", "verified"), SEND_REGS.cite("42(5)", "verified")),
)
def _agreement_other(
    rule: DeadlineRule, episode: Episode, trigger: EventBase
) -> list[Draft | Finding]:
    assert isinstance(trigger, MediationAgreement)
    found: list[Draft | Finding] = []
    for action in trigger.actions:
        if action.kind != "other":
            continue
        steps = [
            trigger_step(rule, trigger),
            f"The agreement requires {'the ICB' if action.by == 'icb' else 'the LA'} to do "
            f"something other than an appealable matter ({action.what!r}): reg 42(3).",
        ]
        if action.agreed_date is not None:
            _agreed_date_steps(action, steps)
            due = action.agreed_date
        else:
            steps.extend(Weeks(2).explain(trigger.on, episode.calendar))
            due = Weeks(2).end(trigger.on)
        found.append(
            Draft(
                rule,
                trigger,
                due,
                steps,
                _completion(episode, action, trigger),
                subject=action.what,
                duty_holder=action.by,
            )
        )
    return found


AGREEMENT_ICB_NOTICE = DeadlineRule(
    id="mediation.agreement.icb_notice",
    summary="ICB tells the LA of a mediation agreement reached without the LA",
    duty_holder="icb",
    trigger="mediation_agreement",
    trigger_when=_without_la,
    trigger_text="a mediation agreement was reached to which the LA was not a party",
    period=Weeks(1),
    done_by=("agreement_sent_to_la",),
    notes=(
        "A timescale agreed in writing (reg 42(5)) does not change this one: reg 42(5) covers "
        "paragraphs (2) and (3) only.",
    ),
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
        for event in episode.of(kind):
            if reason and getattr(event, "reason", None) != reason:
                continue
            fitting = [e for e in episode.of(needed) if condition is None or condition(e)]
            if any(e.on <= event.on for e in fitting):
                continue
            after = [e for e in fitting if e.on > event.on]
            if after:
                raise ContradictoryEventsError(
                    f"{episode.where(event)} comes before {episode.where(after[0])}, "
                    f"but it can only happen after {meaning}."
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
                        decision_on=episode.decision.on if episode.decision else None,
                        citations=certificate_rule.citations,
                    )
                )
    return findings


EVENT_SEQUENCE = CheckRule(
    id="check.event_sequence",
    summary="Mediation events in an order the law allows, and certificates the events support",
    check=_event_sequence,
    stage="first",
    citations=(_MEDIATION_REGS,),
)


# ---------------------------------------------------------------------------- undated duties


def _appealable(episode: Episode) -> str | None:
    if episode.eligibility is not None and episode.eligibility.appealable:
        return "the decision can be appealed to the SEND Tribunal"
    return None


def _missing_notice_items(episode: Episode) -> list[str]:
    decision = episode.decision
    assert decision is not None
    given = decision.notice_content
    if given is None or episode.eligibility is None or not episode.eligibility.appealable:
        return []
    missing = [text for item, text in NOTICE_ITEMS.items() if item not in given]
    if not missing:
        return []
    return [
        f"The notice of {decision.decision} sent on {long_date(decision.on)} does not "
        f"contain every item reg 32 requires; missing: {'; '.join(missing)}."
    ]


def _mediation_requested(episode: Episode) -> str | None:
    if episode.of("mediation_requested"):
        return "the parent or young person asked for mediation"
    return None


def _parent_is_party(episode: Episode) -> str | None:
    if not episode.of("mediation_requested"):
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
    applies=_appealable,
    check=_missing_notice_items,
    finding_code="notice_missing_content",
    citations=(SEND_REGS.cite("32", "verified"),),
)

LA_ATTENDANCE = DutyRule(
    id="duty.la_attendance",
    summary="The LA attends the mediation, represented by someone with authority to resolve the "
    "issues; the ICB attends where health care is in dispute",
    duty_holder="la_and_icb",
    applies=_mediation_requested,
    citations=(_MEDIATION_REGS,),
)

EXPENSES = DutyRule(
    id="duty.expenses",
    summary="The LA (or ICB) pays the reasonable travel expenses, and other expenses such as "
    "childcare, of the parent or young person attending the mediation",
    duty_holder="la_and_icb",
    applies=_mediation_requested,
    citations=(CFA_2014.cite("56(1)(g)", "verified"), _MEDIATION_REGS),
)

CHILD_VIEWS = DutyRule(
    id="duty.child_views",
    summary="Where a parent is the party, the mediator takes reasonable steps to find out the "
    "child's views",
    duty_holder="mediator",
    applies=_parent_is_party,
    citations=(CFA_2014.cite("56(1)(e)", "verified"), _MEDIATION_REGS),
)

ATTENDANCE_RIGHTS = DutyRule(
    id="duty.attendance_rights",
    summary="The parent or young person may bring an advocate or other supporter of their "
    "choice, a lawyer included; the LA may not refuse to take part because of it",
    duty_holder="la",
    applies=_mediation_requested,
    citations=(
        SEND_REGS.cite("38(1)(b)", "secondary"),
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
    NOTICE_CONTENT,
    ADVISER_CONTACT,
    CERTIFICATE_DECLINED,
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
