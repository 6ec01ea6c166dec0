"""Eligibility: who may appeal or mediate, and whether a certificate is needed.

CFA 2014 s.51 (appeals), ss.52 to 55 (mediation and certificates), s.83 and EA 1996 s.8 (who
holds the right). Answers are results, never exceptions.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..citations import CFA_2014, EA_1996, SEND_REGS
from ..events import AppealRegistered, DecisionNotice
from ..periods import add_months, long_date
from ._model import EligibilityRule, Episode

__all__ = ["RULES", "appealable_kind", "end_of_compulsory_school_age", "school_leaving_date"]

_S51: dict[str, str] = {
    "refuse_assessment": "s.51(2)(a): a decision not to secure an EHC needs assessment",
    "refuse_plan": "s.51(2)(b): a decision, after an assessment, that no EHC plan is needed",
    "plan_finalised": "s.51(2)(c): the contents of an EHC plan when it is first finalised",
    "plan_amended": "s.51(2)(c): the contents of an EHC plan after it is amended",
    "refuse_reassessment": "s.51(2)(d): a decision not to secure a re-assessment",
    "refuse_amendment": "s.51(2)(e): a decision not to amend or replace the plan following a "
    "review or re-assessment",
    "cease_plan": "s.51(2)(f): a decision to cease to maintain the plan",
}
_CONTENTS = {"needs", "provision", "placement", "no_placement"}
_HEALTH_CARE = {"health", "social_care"}
_SECTION_I = {"placement", "no_placement"}


def appealable_kind(decision: DecisionNotice) -> bool:
    """Whether the kind of decision is one CFA 2014 s.51(2) makes appealable, as sent.

    What is disputed later does not change it: a refusal to amend is appealable unless it is
    recorded as not following a review or re-assessment.

    >>> appealable_kind(DecisionNotice(on=date(2025, 1, 6), decision="refuse_amendment",
    ...                                following_review=False))
    False
    """
    return decision.decision != "refuse_amendment" or decision.following_review is not False


def _decision(episode: Episode) -> DecisionNotice:
    """The decision the dispute is about (every dispute episode has one)."""
    assert episode.decision is not None
    return episode.decision


def _disputed(episode: Episode) -> set[str] | None:
    """What is disputed: the notice's record and every appeal's grounds together, else unknown.

    An appeal on grounds the notice's record leaves out widens the dispute: a certificate is
    needed unless the appeal concerns only Section I (CFA 2014 s.55(2): "an appeal concerning
    only" the school named).
    """
    recorded = _decision(episode).disputed
    found: set[str] | None = None if recorded is None else set(recorded)
    for appeal in episode.of("appeal_registered"):
        if isinstance(appeal, AppealRegistered) and appeal.grounds is not None:
            found = (found or set()) | set(appeal.grounds)
    return found


def _appealable(episode: Episode) -> tuple[str, str, bool]:
    decision = _decision(episode).decision
    if decision == "refuse_amendment":
        if _decision(episode).following_review is False:
            return (
                "no",
                "A refusal to amend a plan that does not follow a review or re-assessment is not "
                "among the decisions CFA 2014 s.51(2) makes appealable.",
                False,
            )
        if _decision(episode).following_review is None:
            return (
                "yes",
                f"Appealable under {_S51[decision]}. Whether the refusal follows a review or "
                "re-assessment was not recorded; it was assumed that it does, so that no right "
                "of appeal is missed (set following_review to settle it).",
                True,
            )
    disputed = _disputed(episode)
    if decision in ("plan_finalised", "plan_amended") and disputed:
        if not disputed & _CONTENTS:
            return (
                "no",
                "Only the health care or social care provision of the plan is disputed; those "
                "sections cannot be appealed on their own (CFA 2014 s.51(2)(c) covers the needs, "
                "the special educational provision and the school named).",
                False,
            )
        sections = ", ".join(sorted(disputed & _CONTENTS))
        return "yes", f"Appealable under {_S51[decision]} (disputed: {sections}).", False
    return "yes", f"Appealable under {_S51[decision]}.", False


def _mediation_available(episode: Episode) -> tuple[str, str, bool]:
    answer, _, assumed = _appealable(episode)
    disputed = _disputed(episode) or set()
    if answer == "yes":
        return (
            "yes",
            "Mediation is available for every decision that can be appealed (CFA 2014 s.52(1)(a)).",
            assumed,
        )
    if (
        _decision(episode).decision in ("plan_finalised", "plan_amended")
        and disputed & _HEALTH_CARE
    ):
        return (
            "yes",
            "Mediation is available about the health care and social care elements of a plan "
            "made, amended or replaced, even where the educational elements are agreed (CFA "
            "2014 s.52(1)(b); the ICB arranges one about health care alone, s.53(3)).",
            False,
        )
    return "no", "The decision cannot be appealed, so the mediation provisions do not apply.", False


def _certificate_required(episode: Episode) -> tuple[str, str, bool]:
    answer, _, assumed = _appealable(episode)
    if answer == "no":
        return "no", "There is no appeal, so no certificate is needed.", False
    disputed = _disputed(episode)
    if _decision(episode).decision not in ("plan_finalised", "plan_amended"):
        return (
            "yes",
            "A mediation certificate is needed before appealing this decision (CFA 2014 s.55): "
            "the parent or young person must at least contact the mediation adviser. Only an "
            "appeal about the school or type of school named in a plan, or that none is named, "
            "is exempt (s.55(2)).",
            assumed,
        )
    if disputed is None:
        return (
            "yes",
            "What is disputed is not recorded, so the safe assumption was made: a mediation "
            "certificate is needed before appealing (none is needed only for an appeal solely "
            "about the school or type of school named in Section I, or that none is named).",
            True,
        )
    if disputed and disputed <= _SECTION_I:
        return (
            "no",
            "The appeal is only about the school or type of school named in Section I (or that "
            "none is named): no mediation certificate is needed (CFA 2014 s.55).",
            False,
        )
    return (
        "yes",
        "A mediation certificate is needed before appealing (CFA 2014 s.55): the parent or young "
        "person must at least contact the mediation adviser.",
        assumed,
    )


def school_leaving_date(year: int) -> date:
    """The last Friday in June of ``year``: the school leaving date.

    >>> school_leaving_date(2026)
    datetime.date(2026, 6, 26)
    """
    last = date(year, 6, 30)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def end_of_compulsory_school_age(born: date) -> date:
    """The day compulsory school age ends (EA 1996 s.8(3)).

    It is the school leaving date of the school year (1 September to 31 August) in which the
    child turns 16.

    >>> end_of_compulsory_school_age(date(2010, 8, 31))   # 16 on 31 Aug 2026
    datetime.date(2026, 6, 26)
    >>> end_of_compulsory_school_age(date(2010, 9, 1))    # 16 on 1 Sep 2026
    datetime.date(2027, 6, 25)
    """
    sixteen = add_months(born, 16 * 12)
    return school_leaving_date(sixteen.year if sixteen.month < 9 else sixteen.year + 1)


def _party(episode: Episode) -> tuple[str, str, bool]:
    if episode.born is None:
        return (
            "unknown",
            "The child's date of birth is not given (add a child_born event): the parent holds "
            "the right until the end of compulsory school age, then the young person.",
            False,
        )
    end = end_of_compulsory_school_age(episode.born)
    when = long_date(_decision(episode).on)
    if _decision(episode).on <= end:
        text = (
            f"On {when} the child was of compulsory school age, which ends on {long_date(end)} "
            "(EA 1996 s.8: the school leaving date of the school year in which they turn 16; "
            "the leaving date, the last Friday in June, is set by order under s.8(4), whose "
            "text was not read): the parent holds the rights of appeal and mediation."
        )
        if add_months(_decision(episode).on, 2) > end:
            text += (
                f" Compulsory school age ends within the 2 months to appeal: from "
                f"{long_date(end + timedelta(days=1))} the young person holds the rights, so "
                "an appeal or mediation after that day is theirs (the answer here is judged at "
                "the date of the decision)."
            )
        return "parent", text, False
    text = (
        f"Compulsory school age ended on {long_date(end)}, before the decision of {when}: the "
        "young person holds the rights of appeal and mediation (CFA 2014 s.83(2)); where they "
        "lack capacity, an alternative person acts for them (SEND Regs 2014 reg 64, Sch 3)."
    )
    if _decision(episode).on >= add_months(episode.born, 25 * 12):
        text += (
            " They were 25 or over on the date of the decision. CFA 2014 s.83(2) defines a young "
            "person as under 25, so whether they still hold these rights (for a plan the LA "
            "keeps under s.46) is not settled: take advice."
        )
    return "young_person", text, False


APPEALABLE = EligibilityRule(
    id="eligibility.appealable",
    summary="Can this decision be appealed to the SEND Tribunal?",
    question="appealable",
    answer=_appealable,
    citations=(CFA_2014.cite("51(2)", "verified"), CFA_2014.cite("51(3)", "verified")),
)
MEDIATION_AVAILABLE = EligibilityRule(
    id="eligibility.mediation_available",
    summary="Can the parent or young person use mediation?",
    question="mediation_available",
    answer=_mediation_available,
    citations=(
        CFA_2014.cite("52(1)", "verified"),
        CFA_2014.cite("53", "verified"),
        CFA_2014.cite("54", "verified"),
    ),
)
CERTIFICATE_REQUIRED = EligibilityRule(
    id="eligibility.certificate_required",
    summary="Must the parent or young person hold a mediation certificate before appealing?",
    question="certificate_required",
    answer=_certificate_required,
    citations=(CFA_2014.cite("55(2), (3)", "verified"),),
)
PARTY = EligibilityRule(
    id="eligibility.party",
    summary="Who holds the right: the parent or the young person?",
    question="party",
    answer=_party,
    citations=(
        CFA_2014.cite("83(2)", "verified"),
        EA_1996.cite("8", "verified"),
        SEND_REGS.cite("64 and Sch 3", "secondary"),
    ),
)

RULES = (APPEALABLE, MEDIATION_AVAILABLE, CERTIFICATE_REQUIRED, PARTY)
"""The eligibility rules, in the order the questions are asked."""
