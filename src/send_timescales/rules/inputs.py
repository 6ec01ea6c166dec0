"""Notes about the input itself: what the report leaves out, and what the case lacks.

They are findings with their own ``input.*`` ids; the citation is the law the missing or
left-out facts would engage.
"""

from __future__ import annotations

from ..citations import CFA_2014
from ._model import InputNoteRule

__all__ = ["RULES"]

EVENTS_AFTER_AS_OF = InputNoteRule(
    id="input.events_after_as_of",
    summary="Events dated after as_of are left out: the report shows the case as it stood then",
    topic="events_after_as_of",
    process="dispute",
    citations=(
        CFA_2014.heading("Part 3 (children with SEN or disabilities)", "part/3", "verified"),
    ),
)

NO_DECISION = InputNoteRule(
    id="input.no_decision",
    summary="The case has no decision notice: nothing can be appealed or mediated yet",
    topic="no_decision",
    process="dispute",
    citations=(CFA_2014.cite("51(2)", "verified"),),
)

RULES = (EVENTS_AFTER_AS_OF, NO_DECISION)
"""The input notes."""
