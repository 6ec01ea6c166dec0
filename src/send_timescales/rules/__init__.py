"""The rule catalogue: one module per part of the law, each ending with ``RULES``.

:func:`default_rules` joins them into the validated :class:`RuleSet` that
:func:`send_timescales.evaluate` uses unless given another.
"""

from __future__ import annotations

from functools import lru_cache

from . import appeals, eligibility, mediation
from ._model import DeadlineRule, DutyRule, EligibilityRule, InForce, Rule, RuleSet

__all__ = [
    "RULE_SET_NAME",
    "DeadlineRule",
    "DutyRule",
    "EligibilityRule",
    "InForce",
    "Rule",
    "RuleSet",
    "default_rules",
]

RULE_SET_NAME = "england-send-2014/2026.11"
"""Name and version of the default rule set, recorded in every report's provenance."""


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rule set for England: eligibility, mediation and appeals (RULES.md section 2).

    Built and validated once, on first use.

    >>> "appeal.register" in default_rules()
    True
    """
    return RuleSet((*eligibility.RULES, *mediation.RULES, *appeals.RULES), name=RULE_SET_NAME)
