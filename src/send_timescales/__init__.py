"""send_timescales: the statutory timescales of England's SEND system, with the law behind each.

>>> from datetime import date
>>> import send_timescales as st
>>> report = st.evaluate(
...     [{"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"}],
...     as_of=date(2025, 10, 2))
>>> [(d.rule_id, d.due.isoformat()) for d in report.deadlines]
[('mediation.adviser_contact', '2025-12-01'), ('appeal.register', '2025-12-01')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .calendars import KNOWN_UNTIL, WorkingDayCalendar, parse_date
from .citations import Citation, Instrument
from .engine import evaluate
from .errors import (
    ContradictoryEventsError,
    DateOutOfRangeError,
    EventError,
    InputError,
    RuleSetError,
    SendTimescalesError,
)
from .events import Case, Event, parse_case, parse_events
from .periods import (
    AtLeastDays,
    Before,
    Days,
    Immediately,
    Months,
    Period,
    Weeks,
    WorkingDays,
    WorkingDaysBefore,
)
from .results import (
    Deadline,
    DecisionOutcome,
    Duty,
    Eligibility,
    Finding,
    Provenance,
    Reason,
    Report,
)
from .rules import RuleSet, default_rules

if TYPE_CHECKING:  # pragma: no cover - imported on first use (see __getattr__)
    from .tabular import reports_to_frame

__all__ = [
    "KNOWN_UNTIL",
    "AtLeastDays",
    "Before",
    "Case",
    "Citation",
    "ContradictoryEventsError",
    "DateOutOfRangeError",
    "Days",
    "Deadline",
    "DecisionOutcome",
    "Duty",
    "Eligibility",
    "Event",
    "EventError",
    "Finding",
    "Immediately",
    "InputError",
    "Instrument",
    "Months",
    "Period",
    "Provenance",
    "Reason",
    "Report",
    "RuleSet",
    "RuleSetError",
    "SendTimescalesError",
    "Weeks",
    "WorkingDayCalendar",
    "WorkingDays",
    "WorkingDaysBefore",
    "__version__",
    "default_rules",
    "evaluate",
    "parse_case",
    "parse_date",
    "parse_events",
    "reports_to_frame",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed package's metadata on first request, not at import.
    if name == "__version__":
        from importlib.metadata import version

        return version("send-timescales")
    if name == "reports_to_frame":  # pandas stays an optional extra: nothing is imported early
        from .tabular import reports_to_frame

        return reports_to_frame
    raise AttributeError(f"module 'send_timescales' has no attribute {name!r}")
