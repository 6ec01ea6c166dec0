"""Appeals to the SEND Tribunal: HESC Rules r.20(1)(c) (time limit) and r.12 (calculating time).

r.20(1)(c) (verified): the notice of appeal must be received "within 2 months after written notice
of the decision being challenged was sent", or "within 1 month from the date of issue of the
mediation certificate" if that is later. r.12(3)(a), SEN cases: a time that ends on a day from
25 December to 1 January inclusive, or in August, moves to the first working day after 1 January
or 31 August; r.12(2): a time that ends on a non-working day moves to the next working day
(RULES.md C8).
"""

from __future__ import annotations

from datetime import date

from ..citations import HESC_RULES
from ..events import DecisionNotice, EventBase
from ..periods import Months, long_date
from ..results import Deadline, Finding, trusted
from ._model import Context, DeadlineRule, build_deadline, deadline_rule, trigger_step

__all__ = ["RULES", "tribunal_roll_forward"]


def tribunal_roll_forward(end: date, ctx: Context) -> tuple[date, list[str]]:
    """Apply HESC r.12(3)(a), then r.12(2), to the end of an appeal period (RULES.md C8).

    r.12(3)(a) is applied to the computed end only, never again to a date r.12(2) produced
    (the literal reading; the explanation names the other). Working days here are statutory
    ones: an LA's local closures (``extra_closures``) never move a Tribunal time limit.
    """
    cal = ctx.calendar.without_closures()
    if (end.month == 12 and end.day >= 25) or (end.month == 1 and end.day == 1):
        new_year = date(end.year + (end.month == 12), 1, 1)
        moved = cal.add_working_days(new_year, 1)
        return moved, [
            f"{long_date(end)} falls between 25 December and 1 January inclusive, so under "
            f"HESC r.12(3)(a) the appeal is in time on the first working day after 1 January: "
            f"{long_date(moved)}."
        ]
    if end.month == 8:
        moved = cal.add_working_days(date(end.year, 8, 31), 1)
        return moved, [
            f"{long_date(end)} falls in August, so under HESC r.12(3)(a) the appeal is in time "
            f"on the first working day after 31 August: {long_date(moved)}."
        ]
    if cal.is_working_day(end):
        return end, [f"{long_date(end)} is a working day: no roll-forward is needed."]
    moved = cal.roll_forward(end)
    steps = [
        f"{long_date(end)} is not a working day ({cal.why_not_working(end)}), so under HESC "
        f"r.12(2) the appeal is in time on the next working day: {long_date(moved)}."
    ]
    if (
        (moved.month == 8)
        or (moved.month == 12 and moved.day >= 25)
        or (moved.month == 1 and moved.day == 1)
    ):
        steps.append(
            "r.12(3)(a) is not applied again to a date that r.12(2) produced (the literal "
            "reading, and the earlier date, RULES.md C8 and C9); on the other reading the "
            "August or Christmas roll-forward would apply to it too (docs/interpretations.md)."
        )
    return moved, steps


@deadline_rule(
    id="appeal.register",
    summary="Appeal to the SEND Tribunal: the notice of appeal must be received by the Tribunal",
    duty_holder="parent_or_young_person",
    trigger="decision_notice",
    trigger_text="written notice of the LA's decision was sent (HESC r.20(1)(c)(i): time runs "
    "from sending)",
    period_text="2 months after the notice was sent, or 1 month from the date of issue of the "
    "mediation certificate if later; then HESC r.12(3)(a) and r.12(2)",
    done_by="appeal_registered",
    citations=(
        HESC_RULES.cite("20(1)(c)", "verified"),
        HESC_RULES.cite("12(2), (3)(a)", "verified"),
    ),
)
def _appeal_register(rule: DeadlineRule, ctx: Context, trigger: EventBase) -> list[Deadline]:
    assert isinstance(trigger, DecisionNotice)
    if ctx.eligibility is None or not ctx.eligibility.appealable:
        return []
    steps = [trigger_step(rule, trigger)]
    notice_limb = Months(2).end(trigger.on)
    steps.append("Limb (i): " + Months(2).explain(trigger.on)[0])
    end = notice_limb
    certificates = ctx.of("certificate_issued")
    if certificates:
        certificate = certificates[0]
        certificate_limb = Months(1).end(certificate.on)
        steps.append(
            "Limb (ii): the mediation certificate's date of issue is "
            f"{long_date(certificate.on)}; " + Months(1).explain(certificate.on)[0]
        )
        if len(certificates) > 1:
            steps.append(
                f"{len(certificates)} certificates were issued; the first is used, which gives "
                "the earlier date (RULES.md C9). Counting from a later one would give a later date."
            )
        if certificate_limb > notice_limb:
            end = certificate_limb
            steps.append(f"The later of the two is {long_date(end)}: the certificate limb decides.")
        else:
            steps.append(f"The later of the two is {long_date(end)}: the notice limb decides.")
        steps.append(
            'The law says 1 calendar month from the certificate, not "30 days" as many guides say.'
        )
    elif ctx.eligibility.certificate_required:
        steps.append(
            "No mediation certificate has been issued, so only the 2-month limb applies for now; "
            "a certificate issued later can only make this date later (1 month from its date of "
            "issue, if that is later)."
        )
    else:
        steps.append(
            "No mediation certificate has been issued, and none is needed for this appeal: the "
            "2-month limb applies."
        )
    due, rolled = tribunal_roll_forward(end, ctx)
    steps.extend(rolled)
    done = ctx.first_after("appeal_registered", trigger.on)
    awaiting = None
    contacted = [e for e in ctx.of("adviser_contacted") if e.on <= notice_limb]
    if not certificates and contacted and ctx.eligibility.certificate_required:
        awaiting = (
            f"The 2-month limb has passed, but the mediation route is under way (the adviser was "
            f"contacted on {long_date(contacted[0].on)}) and no certificate has been issued yet: "
            "the appeal stays in time until 1 month from the certificate's date of issue, so the "
            "time limit has not run out: pending."
        )
    deadline = build_deadline(rule, ctx, trigger, due, steps, done, still_open_because=awaiting)
    if awaiting is not None and deadline.status == "pending" and due < ctx.as_of:
        ctx.findings.append(
            trusted(
                Finding,
                code="appeal_awaiting_certificate",
                severity="info",
                message=(
                    f"The 2-month limit of {long_date(due)} has passed, but a mediation "
                    "certificate is still awaited: the appeal will be in time up to 1 month from "
                    "the certificate's date of issue. Check that mediation is progressing."
                ),
                rule_id=rule.id,
                citations=rule.citations,
                decision_on=trigger.on,
            )
        )
    return [deadline]


RULES = (_appeal_register,)
"""The appeal rules."""
