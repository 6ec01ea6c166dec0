"""send_timescales: the statutory timescales of England's SEND system, with the law behind each.

>>> from datetime import date
>>> import send_timescales as st
>>> st.WorkingDayCalendar.england_and_wales().add_working_days(date(2025, 12, 23), 3)
datetime.date(2025, 12, 30)
"""

from __future__ import annotations

from typing import Any

from .calendars import KNOWN_UNTIL, WorkingDayCalendar
from .citations import Citation, Instrument
from .errors import (
    ContradictoryEventsError,
    DateOutOfRangeError,
    EventError,
    InputError,
    RuleSetError,
    SendTimescalesError,
)
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

__all__ = [
    "KNOWN_UNTIL",
    "AtLeastDays",
    "Before",
    "Citation",
    "ContradictoryEventsError",
    "DateOutOfRangeError",
    "Days",
    "EventError",
    "Immediately",
    "InputError",
    "Instrument",
    "Months",
    "Period",
    "RuleSetError",
    "SendTimescalesError",
    "Weeks",
    "WorkingDayCalendar",
    "WorkingDays",
    "WorkingDaysBefore",
    "__version__",
]


def __getattr__(name: str) -> Any:
    # The version is read from the installed package's metadata on first request, not at import.
    if name == "__version__":
        from importlib.metadata import version

        return version("send-timescales")
    raise AttributeError(f"module 'send_timescales' has no attribute {name!r}")
