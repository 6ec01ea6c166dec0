"""Errors raised by send_timescales.

Legal "no" answers (not appealable, deadline disapplied, no certificate needed) are results,
never exceptions. Exceptions are for bad input and for bugs::

    SendTimescalesError                      base of everything raised on purpose
    ├── InputError(SendTimescalesError, ValueError)
    │   ├── DateOutOfRangeError              a date outside the supported range
    │   ├── EventError                       an event that is malformed or unknown
    │   └── ContradictoryEventsError         two events that cannot both be true
    └── RuleSetError(SendTimescalesError, ValueError)
                                             a rule set that fails its own checks

Malformed JSON handed to :func:`send_timescales.parse_events` surfaces as an :class:`EventError`
whose message lists each pydantic problem with the event's position, field and value.

Messages are full sentences that name the event, field and value; they never contain case data
beyond what the caller passed in.
"""

from __future__ import annotations

__all__ = [
    "ContradictoryEventsError",
    "DateOutOfRangeError",
    "EventError",
    "InputError",
    "RuleSetError",
    "SendTimescalesError",
]


class SendTimescalesError(Exception):
    """Base class of every exception that send_timescales raises on purpose."""


class InputError(SendTimescalesError, ValueError):
    """The caller's input cannot be evaluated as given."""


class DateOutOfRangeError(InputError):
    """A date lies outside the range the calendar or the regime supports."""


class EventError(InputError):
    """An event is malformed, unknown, or has a field with a bad value."""


class ContradictoryEventsError(InputError):
    """Two events contradict each other (for example a mediation before any decision)."""


class RuleSetError(SendTimescalesError, ValueError):
    """A rule set failed its own integrity checks (duplicate ids, overlaps, no citation)."""
