"""Appeals to the SEND Tribunal: HESC Rules r.20(1)(c) (time limit) and r.12 (calculating time).

r.20(1)(c) (verified): the notice of appeal must be received "within 2 months after written notice
of the decision being challenged was sent", or "within 1 month from the date of issue of the
mediation certificate" if that is later: a :func:`~._model.Later` of two limbs. Then the
Tribunal's own rule moves the end (:data:`~._model.HESC_R12`, C8): r.12(3)(a), SEN cases, a time
that ends from 25 December to 1 January inclusive, or in August, moves to the first working day
after 1 January or 31 August; r.12(2), a time that ends on a non-working day moves to the next
working day.

Not modelled: r.12(3)(b) (those days excluded from other Tribunal counts: no rule here counts
them); the Tribunal's discretion to extend time (r.5(3)(a), r.20(4)), reported as a finding on a
late appeal, never computed.
"""

from __future__ import annotations

from datetime import date

from ..citations import HESC_RULES, SEND_REGS
from ..events import AppealRegistered, EventBase
from ..periods import Months, long_date
from ..results import Finding
from ._model import (
    HESC_R12,
    CheckRule,
    DeadlineRule,
    Episode,
    FindingTemplate,
    Later,
    Limb,
    days_late,
)
from .mediation import contact_too_late_for

__all__ = ["RULES"]

_LATE_APPEAL = HESC_RULES.cite("20(4)", "secondary")
_NO_CERTIFICATE = HESC_RULES.cite("19", "secondary")
_NOTICE_LIMB = Months(2)


def _appealable(episode: Episode) -> bool:
    return episode.eligibility is not None and episode.eligibility.appealable


def _no_certificate_yet(episode: Episode) -> str:
    if episode.eligibility is not None and episode.eligibility.certificate_required:
        return (
            "No mediation certificate has been issued, so only the 2-month limb applies for now; "
            "a certificate issued later can only make this date later (1 month from its date of "
            "issue, if that is later)."
        )
    return (
        "No mediation certificate has been issued, and none is needed for this appeal: the "
        "2-month limb applies."
    )


def _barred_certificate(episode: Episode, certificate: EventBase) -> str | None:
    """Why a ``declined`` certificate that reg 34(2) forbids is not counted, else ``None``."""
    barred = contact_too_late_for(episode, certificate)
    if barred is None:
        return None
    first, limit, which = barred
    return (
        f"The certificate issued on {long_date(certificate.on)} is one the adviser may not issue: "
        f"the parent or young person first contacted the adviser on {long_date(first.on)}, after "
        f"the 2 months from the date of the LA's notice ended ({long_date(limit)}; {which}; reg "
        "34(2)), and an appeal then needs the Tribunal's leave (reg 34(3))."
    )


def _awaiting_certificate(episode: Episode, trigger: EventBase, due: date) -> str | None:
    """Why a passed 2-month limit stays open: the mediation route is under way."""
    if episode.of("certificate_issued") or episode.eligibility is None:
        return None
    if not episode.eligibility.certificate_required:
        return None
    notice_limb = _NOTICE_LIMB.end(trigger.on)
    contacted = [e for e in episode.of("adviser_contacted") if e.on <= notice_limb]
    if not contacted:
        return None
    return (
        f"The 2-month limb has passed, but the mediation route is under way (the adviser was "
        f"contacted on {long_date(contacted[0].on)}) and no certificate has been issued yet: "
        "the appeal stays in time until 1 month from the certificate's date of issue, so the "
        "time limit has not run out: pending."
    )


REGISTER = DeadlineRule(
    id="appeal.register",
    summary="Appeal to the SEND Tribunal: the notice of appeal must be received by the Tribunal",
    duty_holder="parent_or_young_person",
    trigger="decision_notice",
    trigger_text="written notice of the LA's decision was sent (HESC r.20(1)(c)(i): time runs "
    "from sending)",
    applies=_appealable,
    period=Later(
        Limb(name="notice limb", label="Limb (i)", period=_NOTICE_LIMB),
        Limb(
            name="certificate limb",
            label="Limb (ii)",
            period=Months(1),
            anchor="certificate_issued",
            anchor_text="the mediation certificate's date of issue",
            several="{n} certificates were issued; the first is used, which gives the earlier "
            "date (C9, docs/interpretations.md#c9). Counting from a later one would give a later "
            "date.",
            note='The law says 1 calendar month from the certificate, not "30 days" as many '
            "guides say.",
            missing=_no_certificate_yet,
            not_counted=_barred_certificate,
        ),
    ),
    period_text="2 months after the notice was sent, or 1 month from the date of issue of the "
    "mediation certificate if later; then HESC r.12(3)(a) and r.12(2)",
    non_working_day=HESC_R12,
    done_by=("appeal_registered",),
    still_open=_awaiting_certificate,
    held_open=FindingTemplate(
        "appeal_awaiting_certificate",
        "info",
        lambda d: (
            f"The 2-month limit of {long_date(d.due)} has passed, but a mediation "
            "certificate is still awaited: the appeal will be in time up to 1 month from the "
            "certificate's date of issue. Check that mediation is progressing."
        ),
    ),
    when_missed=FindingTemplate(
        "appeal_late",
        "warning",
        lambda d: (
            f"The appeal was received on {long_date(d.done_on)}, "
            f"{days_late(d)} after the time limit of {long_date(d.due)}: the "
            "notice of appeal must ask the Tribunal to extend time and say why it is late."
        ),
        extra_citations=(_LATE_APPEAL,),
    ),
    needs=("eligibility.appealable", "eligibility.certificate_required"),
    citations=(
        HESC_RULES.cite("20(1)(c)", "verified"),
        HESC_RULES.cite("12(2), (3)(a)", "verified"),
    ),
)


def _notice_sent_date(rule: CheckRule, episode: Episode) -> list[Finding]:
    decision = episode.decision
    if decision is None or decision.letter_dated is None or decision.letter_dated == decision.on:
        return []
    return [
        rule.finding(
            "letter_dated_differs",
            "warning" if decision.letter_dated > decision.on else "info",
            f"The notice is dated {long_date(decision.letter_dated)} but was sent on "
            f"{long_date(decision.on)}: the time limits run from the date it was sent "
            "(reg 33; HESC r.20(1)(c)).",
            decision_on=decision.on,
        )
    ]


NOTICE_SENT_DATE = CheckRule(
    id="check.notice_sent_date",
    summary="Time runs from the date a decision notice was sent, not the date printed on it",
    check=_notice_sent_date,
    citations=(SEND_REGS.cite("33", "verified"), HESC_RULES.cite("20(1)(c)", "verified")),
)


def _appeal_eligibility(rule: CheckRule, episode: Episode) -> list[Finding]:
    appeals = episode.of("appeal_registered")
    if not appeals:
        return []
    decision, eligibility = episode.decision, episode.eligibility
    assert decision is not None
    assert eligibility is not None
    cited = {reason.rule_id: reason.citations for reason in eligibility.reasons}
    findings: list[Finding] = []
    for appeal in appeals:
        assert isinstance(appeal, AppealRegistered)
        if not eligibility.appealable:
            findings.append(
                rule.finding(
                    "appeal_not_appealable",
                    "warning",
                    f"An appeal was registered on {long_date(appeal.on)}, but the decision "
                    f"({decision.decision}) is not one that CFA 2014 s.51(2) makes appealable.",
                    decision_on=decision.on,
                    citations=cited.get("eligibility.appealable", rule.citations),
                )
            )
            continue
        certificates = episode.of("certificate_issued")
        certificate = bool(certificates) and certificates[0].on <= appeal.on
        grounds = set(appeal.grounds or ())
        section_i_only = bool(grounds) and grounds <= {"placement", "no_placement"}
        if eligibility.certificate_required and not certificate and not section_i_only:
            findings.append(
                rule.finding(
                    "appeal_without_certificate",
                    "warning",
                    f"The appeal registered on {long_date(appeal.on)} has no mediation "
                    "certificate issued on or before that date, and one is required: CFA 2014 "
                    "s.55(3) allows the appeal only once a certificate has been issued. If the "
                    "adviser was not contacted within the 2 months, the appeal needs the "
                    "Tribunal's leave (reg 34(3)); otherwise the certificate should come first.",
                    decision_on=decision.on,
                    citations=(
                        *cited.get("eligibility.certificate_required", ()),
                        _NO_CERTIFICATE,
                    ),
                )
            )
    return findings


APPEAL_ELIGIBILITY = CheckRule(
    id="check.appeal_eligibility",
    summary="An appeal registered against a decision that cannot be appealed, or without a "
    "required mediation certificate",
    check=_appeal_eligibility,
    needs=("eligibility.appealable", "eligibility.certificate_required"),
    citations=(_NO_CERTIFICATE,),
)

RULES = (REGISTER, NOTICE_SENT_DATE, APPEAL_ELIGIBILITY)
"""The appeal rules: the time limit, then the checks on the notice and the appeal."""
