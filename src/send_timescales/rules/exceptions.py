"""Statutory exceptions to time limits, declared once and cited per paragraph.

A time limit with an exception list "need not" be met where it is impractical because of one of
its heads; the duty then becomes "as soon as practicable" (the deadline is ``disapplied``). The
lists are narrower than they look, and each limit names the heads that can disapply it:

* SEND Regs 2014 reg 44(3) covers only the limits of reg 44(2)(b) and (c) (assessment and a new
  plan after an order): (a) exceptional personal circumstances, (b) absence from the area for a
  continuous period of 2 weeks or more, (c) the circumstances of reg 13(3), which imports
  reg 10(4)(a) to (d) (a school, post-16 institution or early years provider closed for 4 weeks or
  more; personal circumstances; 4 weeks' absence, already covered by (b));
* reg 45(7) covers only the limits of reg 45(3) and (6) (before 23 March 2015: (3), (4) and
  (6)), on the same heads ("not less than 2 weeks");
* coronavirus 2020 (SI 2020/471, in force 1 May 2020, ceasing to have effect on 25 September
  2020): the reg 2A list read "as soon as reasonably practicable" where a requirement could not
  reasonably be met for a reason relating to coronavirus, and a coronavirus head was added to
  reg 10(4) (so to 13(3), 44(3)(c) and 45(7)(c)) and as reg 45(8) (for 45(3A)).

Readings (docs/interpretations.md): an absence counts only for the part of it that falls within
the running period ("during that period of time"); a closure counts from one week before the
setting closed to one week before it re-opened, and must itself last 4 weeks or more; the
coronavirus window's last day is 24 September 2020 (C9: a provision that ceases to have effect
"on" a day is not in effect that day; gov.uk reads 1 May to 25 September inclusive).

A closure head (reg 10(4)(a), (b), and through reg 13(3) the order and concession lists) applies
only where the LA asked the setting for advice (an ``advice_requested`` with body ``educational``)
within the counted span. Not modelled: whether meeting the limit was in fact impractical: an
``exception_applied`` event is the caller's record that the circumstance made it so; the engine
checks its kind, length and dates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..citations import SEND_REGS, Citation
from ..periods import long_date
from ..results import Finding
from ._model import CheckRule, Episode, ExceptionHead

__all__ = [
    "AGREEMENT_CORONAVIRUS",
    "COVID_WINDOW",
    "REG_44_3",
    "REG_45_7",
    "REG_45_7_AS_MADE",
    "REG_45_8",
    "RULES",
    "coronavirus_2a",
]

COVID_WINDOW = (date(2020, 5, 1), date(2020, 9, 24))
"""The days SI 2020/471 had effect: from 1 May 2020 to 24 September 2020 (C9)."""
_COVID_TEXT = "a reason relating to the incidence or transmission of coronavirus"
_COVID_WINDOW_TEXT = (
    "1 May to 24 September 2020, when the coronavirus amendments had effect (SI 2020/471 reg 2(2): "
    '"cease to have effect on 25th September 2020"; read as not in effect on that day, C9; '
    "gov.uk reads 1 May to 25 September inclusive)"
)


def _coronavirus(citation: Citation) -> ExceptionHead:  # pragma: no mutate block
    return ExceptionHead(
        reason="coronavirus",
        text=_COVID_TEXT,
        citation=citation,
        window=COVID_WINDOW,
        window_text=_COVID_WINDOW_TEXT,
    )


def coronavirus_2a(provision: str) -> ExceptionHead:  # pragma: no mutate block
    """The reg 2A coronavirus exception for a listed requirement (``"2A(3)(g)"``)."""
    return _coronavirus(SEND_REGS.cite(f"{provision} (inserted by SI 2020/471)", "verified"))


_CLOSURE = (
    "for a continuous period of 4 weeks or more, when the LA asked it for advice between one week "
    "before it closed and one week before it re-opened"
)


def _closures(paragraph: str) -> tuple[ExceptionHead, ExceptionHead]:  # pragma: no mutate block
    """Reg 10(4)(a) and (b), the closure heads, cited as ``{paragraph}(a)`` and ``(b)``.

    A school or post-16 institution, or an early years provider, closed for 4 weeks or more.
    """
    return (
        ExceptionHead(
            reason="school_closure",
            text=f"the closure of a school or post-16 institution {_CLOSURE}",
            citation=SEND_REGS.cite(f"{paragraph}(a)", "verified"),
            min_days=28,
            lead_days=7,
            needs_advice=True,
        ),
        ExceptionHead(
            reason="early_years_closure",
            text=f"the closure of an early years provider {_CLOSURE}",
            citation=SEND_REGS.cite(f"{paragraph}(b)", "verified"),
            min_days=28,
            lead_days=7,
            needs_advice=True,
        ),
    )


def _order_heads(
    paragraph: str, absence: str, closure_via: str
) -> tuple[ExceptionHead, ...]:  # pragma: no mutate block
    return (
        ExceptionHead(
            reason="personal_circumstances",
            text="exceptional personal circumstances affecting the child, the parent or the "
            "young person",
            citation=SEND_REGS.cite(f"{paragraph}(a)", "verified"),
        ),
        ExceptionHead(
            reason="absence",
            text="the absence of the child, the parent or the young person from the LA's area "
            f"for a continuous period of {absence} during the running period",
            citation=SEND_REGS.cite(f"{paragraph}(b)", "verified"),
            min_days=14,
            within_period=True,
        ),
        *_closures(f"{paragraph}(c), {closure_via}"),
        _coronavirus(
            SEND_REGS.cite(
                f"{paragraph}(c), {closure_via}(e) (inserted by SI 2020/471)", "verified"
            )
        ),
    )


REG_44_3 = _order_heads("44(3)", "2 weeks or more", "13(3), 10(4)")
"""Reg 44(3): the exceptions to the limits of reg 44(2)(b) and (c) only."""
REG_45_7 = _order_heads("45(7)", "not less than 2 weeks", "13(3), 10(4)")
"""Reg 45(7): the exceptions to the limits of reg 45(3) and (6) only."""
REG_45_7_AS_MADE = tuple(
    replace(
        head,
        citation=SEND_REGS.cite(
            head.citation.provision.removeprefix("reg ") + " as made", "secondary"
        ),
    )
    for head in REG_45_7
    if head.reason != "coronavirus"
)
"""Reg 45(7) as made (1 September 2014 to 22 March 2015): (3), (4) and (6); known only from a
secondary verbatim copy, so ``secondary``."""
REG_45_8 = (_coronavirus(SEND_REGS.cite("45(8), 10(4)(e) (inserted by SI 2020/471)", "verified")),)
"""Reg 45(8): coronavirus, for the limits of reg 45(3A) only."""
AGREEMENT_CORONAVIRUS = coronavirus_2a("2A(3)(l)")
"""Reg 2A(3)(l): the coronavirus exception for reg 42(3) and (4)."""


def _unused(rule: CheckRule, episode: Episode) -> list[Finding]:
    """One finding for each exception that disapplied no time limit, saying why."""
    findings: list[Finding] = []
    # A run of touching exceptions of one reason is one circumstance: if one of its records
    # disapplied a limit, none of them changed nothing.
    used_runs = {
        (exception.reason, run)
        for exception in episode.exceptions
        if "" in episode.exceptions_weighed.get(id(exception), ())
        and (run := episode.joined.get(id(exception))) is not None
    }
    for exception in episode.exceptions:
        reasons = episode.exceptions_weighed.get(id(exception), ())
        run = episode.joined.get(id(exception))
        if "" in reasons or (run is not None and (exception.reason, run) in used_runs):
            continue
        label = (
            f"The exception of {long_date(exception.on)} to {long_date(exception.to)} "
            f"({exception.reason.replace('_', ' ')})"
        )
        if reasons:
            shown = "; ".join(reasons[:5]) + (
                f"; and {len(reasons) - 5} more" if len(reasons) > 5 else ""
            )
            why = (
                f"it was weighed against {len(reasons)} time limit(s) and applies to none: {shown}"
            )
        elif exception.rule_ids is not None:
            why = (
                f"it names only {', '.join(exception.rule_ids)}, and none of those time limits "
                "with an exception for this reason was running then"
            )
        else:
            why = (
                "no time limit of this case that has an exception for this reason was running "
                "then (each list names its own: reg 44(3) covers only the assessment and new-plan "
                "limits of an order, reg 45(7) only reg 45(3) and (6), the mediation limits only "
                "coronavirus, and only the advice of a body has a missed appointment head, reg "
                "8(2)(c))"
            )
        findings.append(
            rule.finding(
                "exception_not_applied",
                "warning",
                f"{label} changed nothing: {why}. It changes no date.",
            )
        )
    return findings


UNUSED = CheckRule(
    id="check.exception_not_applied",
    summary="An exception_applied event that disapplies no time limit (not covered, too short, "
    "or outside the running period)",
    process="case",
    check=_unused,
    only_with=("exception_applied",),
    citations=(
        SEND_REGS.cite("44(3)", "verified"),
        SEND_REGS.cite("45(7)", "verified"),
        SEND_REGS.cite("2A (inserted by SI 2020/471)", "verified"),
    ),
)

RULES = (UNUSED,)
"""The check on exceptions that changed nothing."""


def _part2_heads(
    paragraph: str, covid: str
) -> tuple[ExceptionHead, ...]:  # pragma: no mutate block
    """Regs 5(4), 10(4), 13(3) (through 10(4)) and 27(3): the four heads, and coronavirus."""
    return (
        *_closures(paragraph),
        ExceptionHead(
            reason="personal_circumstances",
            text="exceptional personal circumstances affecting the child, the parent or the "
            "young person during the period",
            citation=SEND_REGS.cite(f"{paragraph}(c)", "verified"),
        ),
        ExceptionHead(
            reason="absence",
            text="the absence of the child, the parent or the young person from the LA's area "
            "for a continuous period of not less than 4 weeks during the period",
            citation=SEND_REGS.cite(f"{paragraph}(d)", "verified"),
            min_days=28,
            within_period=True,
        ),
        _coronavirus(SEND_REGS.cite(f"{covid} (inserted by SI 2020/471)", "verified")),
    )


REG_5_4 = _part2_heads("5(4)", "5(4)(e)")
"""Reg 5(4): exceptions to the 6 weeks for the decision whether to assess."""
REG_10_4 = _part2_heads("10(4)", "10(4)(e)")
"""Reg 10(4): exceptions to the 16 weeks for a decision not to issue a plan."""
REG_13_3 = _part2_heads("13(3), 10(4)", "13(3), 10(4)(e)")
"""Reg 13(3): the reg 10(4) exceptions, for the 20 weeks to the final plan."""
REG_27_3 = _part2_heads("27(3)", "27(3)(e)")
"""Reg 27(3): exceptions to the 14 weeks to the final plan after a re-assessment."""
REG_8_2 = (
    ExceptionHead(
        reason="personal_circumstances",
        text="exceptional circumstances affecting the child, the parent or the young person "
        "during the 6 weeks",
        citation=SEND_REGS.cite("8(2)(a)", "verified"),
    ),
    ExceptionHead(
        reason="absence",
        text="the absence of the child, the parent or the young person from the LA's area for a "
        "continuous period of not less than 4 weeks during the 6 weeks",
        citation=SEND_REGS.cite("8(2)(b)", "verified"),
        min_days=28,
        within_period=True,
    ),
    ExceptionHead(
        reason="missed_appointment",
        text="the child or young person failing to keep an appointment for an examination or a "
        "test made by the body during the 6 weeks",
        citation=SEND_REGS.cite("8(2)(c)", "verified"),
    ),
    _coronavirus(SEND_REGS.cite("8(2)(d) (inserted by SI 2020/471)", "verified")),
)
"""Reg 8(2): the advice-giver's own list (not "personal"; a missed appointment)."""
REG_22_6 = (_coronavirus(SEND_REGS.cite("22(6) (inserted by SI 2020/471)", "verified")),)
"""Reg 22(6): coronavirus, for the 8 weeks of reg 22(3) and (4)."""
REG_18A = (_coronavirus(SEND_REGS.cite("18A (inserted by SI 2020/471)", "verified")),)
"""Reg 18A: a review under CFA 2014 s.44(1) as soon as reasonably practicable (coronavirus)."""
