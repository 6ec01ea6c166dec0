"""The rule catalogue, generated from a :class:`RuleSet` (docs/rules.md is this, checked by a test).

>>> from send_timescales.rules import default_rules
>>> print(catalogue_markdown(default_rules()).splitlines()[0])
# Rule catalogue
"""

from __future__ import annotations

from typing import Any

from ..results import DUTY_HOLDER_NAMES
from ._model import (
    CheckRule,
    DeadlineRule,
    DutyRule,
    EligibilityRule,
    InputNoteRule,
    MeasureRule,
    Rule,
    RuleSet,
)

__all__ = ["catalogue_json", "catalogue_markdown"]


def _who(holder: str) -> str:
    return DUTY_HOLDER_NAMES[holder][0]


def _row(rule: Rule) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": rule.id,
        "kind": rule.kind,
        "summary": rule.summary,
        "in_force": str(rule.in_force),
        "process": rule.process,
        "confidence": rule.confidence,
        "citations": [c.model_dump(mode="json") for c in rule.citations],
    }
    if isinstance(rule, DeadlineRule):
        row.update(who=rule.duty_holder, trigger=rule.trigger_text, period=rule.describe_period())
    elif isinstance(rule, DutyRule):
        row.update(who=rule.duty_holder, trigger="", period="")
    else:
        row.update(who="", trigger="", period="")
    return row


def catalogue_json(rules: RuleSet) -> dict[str, Any]:
    """The catalogue as JSON-ready data: ``{"rule_set": name, "rules": [...]}``."""
    return {"rule_set": rules.name, "rules": [_row(rule) for rule in rules]}


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_markdown(rules: RuleSet) -> str:
    """The catalogue as Markdown tables: deadlines, eligibility, duties, checks, measures, notes."""
    out = [
        "# Rule catalogue",
        "",
        f"Generated from the rule set `{rules.name}` by `send-timescales rules`; a test checks "
        "that this file matches the code. Rule ids are stable public identifiers. Confidence: "
        "`verified` means the operative words were read on legislation.gov.uk; `secondary` "
        "means the number and unit agree across reputable secondary sources but the provision's "
        "own words were not read (such rules say so in every explanation). An ICB is a "
        "clinical commissioning group (CCG) before 1 July 2022. Versions of one rule share its "
        "id; the version applied is the one in force on the day the clock starts.",
        "",
    ]
    sections = (
        (
            "Deadlines",
            DeadlineRule,
            "| Rule id | Who | Clock starts when | Period | Law | Confidence | In force |",
        ),
        ("Eligibility", EligibilityRule, "| Rule id | Question | Law | Confidence | In force |"),
        (
            "Duties without a date",
            DutyRule,
            "| Rule id | Duty | Who | Law | Confidence | In force |",
        ),
        ("Case checks", CheckRule, "| Rule id | Finds | Law | Confidence | In force |"),
        ("Measures", MeasureRule, "| Rule id | Measures | Law | Confidence | In force |"),
        (
            "Notes about the input",
            InputNoteRule,
            "| Rule id | Note | Law | Confidence | In force |",
        ),
    )
    for title, kind, header in sections:
        out += [f"## {title}", "", header, "|" + "---|" * (header.count("|") - 1)]
        for rule in rules:
            if not isinstance(rule, kind):
                continue
            law = "; ".join(
                f"[{c.instrument} {c.provision}]({c.url})"
                if c.url
                else f"{c.instrument} {c.provision}".strip()
                for c in rule.citations
            )
            if isinstance(rule, DeadlineRule):
                cells = [
                    f"`{rule.id}`",
                    _who(rule.duty_holder),
                    _escape(rule.trigger_text),
                    _escape(rule.describe_period()),
                ]
            elif isinstance(rule, DutyRule):
                cells = [f"`{rule.id}`", _escape(rule.summary), _who(rule.duty_holder)]
            else:
                cells = [f"`{rule.id}`", _escape(rule.summary)]
            cells += [_escape(law), rule.confidence, str(rule.in_force)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
