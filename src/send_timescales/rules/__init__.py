"""The rule catalogue: one module per part of the law, each ending with ``RULES``.

:func:`default_rules` joins them into the validated :class:`RuleSet` that
:func:`send_timescales.evaluate` uses unless given another.
"""

from __future__ import annotations

from functools import lru_cache

from . import appeals, assessment, eligibility, exceptions, inputs, mediation, orders, reviews
from ._model import (
    CheckRule,
    DeadlineRule,
    DutyRule,
    EligibilityRule,
    InForce,
    InputNoteRule,
    Process,
    Rule,
    RuleSet,
    versions,
)
from .processes import PROCESSES

__all__ = [
    "RULE_SET_NAME",
    "CheckRule",
    "DeadlineRule",
    "DutyRule",
    "EligibilityRule",
    "InForce",
    "InputNoteRule",
    "Process",
    "Rule",
    "RuleSet",
    "default_rules",
    "versions",
]

RULE_SET_NAME = "england-send-2014/2026.11"
"""Name and version of the default rule set, recorded in every report's provenance."""


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The rule set for England: the EHC process clocks, mediation, appeals and Tribunal orders.

    Built and validated once, on first use.

    >>> "appeal.register" in default_rules()
    True
    """
    return RuleSet(
        (
            *eligibility.RULES,
            *assessment.RULES,
            *reviews.RULES,
            *mediation.RULES,
            *orders.RULES,
            *appeals.RULES,
            *exceptions.RULES,
            *inputs.RULES,
        ),
        name=RULE_SET_NAME,
        processes=PROCESSES,
    )
