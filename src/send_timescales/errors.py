"""Errors raised by send_timescales, each with a stable code and the event, field and value.

Legal "no" answers (not appealable, deadline disapplied, no certificate needed) are results,
never exceptions. Exceptions are for bad input and for bugs::

    SendTimescalesError                      base of everything raised on purpose
    ├── InputError(SendTimescalesError, ValueError)
    │   ├── DateOutOfRangeError              a date outside the supported range
    │   ├── EventError                       an event that is malformed or unknown
    │   └── ContradictoryEventsError         two events that cannot both be true
    └── RuleSetError(SendTimescalesError, ValueError)
                                             a rule set that fails its own checks

``str(error)`` is the human message: full sentences that name the event, field and value, and
never contain case data beyond what the caller passed in (long values are cut short). For
programs, every error also carries:

- ``code``: a stable string from :data:`ERROR_CODES` (each class has a default, and finer codes
  such as ``event_type_unknown`` say more);
- ``event_index``, ``field`` and ``value``: the position of the event in the list, the field
  (dotted for nested fields, such as ``actions.0.agreed_date``) and a short ``repr`` of the value,
  each ``None`` when it does not apply;
- :meth:`~SendTimescalesError.errors`: one dict per problem, shaped like pydantic's
  (``type``, ``loc``, ``msg``, ``input``), so an :class:`EventError` for three bad events gives
  three entries.

>>> import send_timescales as st
>>> try:
...     st.parse_events([{"type": "decision_notice", "on": "2025-01-10", "colour": "red"}])
... except st.EventError as error:
...     caught = error
>>> caught.code, caught.event_index, caught.field, caught.value
('event_invalid', 0, 'decision', None)
>>> [(e["type"], e["loc"]) for e in caught.errors()]
[('field_missing', ('events', 0, 'decision')), ('field_unknown', ('events', 0, 'colour'))]
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

__all__ = [
    "ERROR_CODES",
    "VALUE_LIMIT",
    "ContradictoryEventsError",
    "DateOutOfRangeError",
    "ErrorEntry",
    "EventError",
    "InputError",
    "RuleSetError",
    "SendTimescalesError",
    "short_repr",
]

ERROR_CODES: dict[str, str] = {
    "error": "Any other error the library raises on purpose (the base class's code).",
    "input_error": "The input cannot be evaluated as given, for example an `as_of` that is not "
    "a `datetime.date`.",
    "json_invalid": "Text that should be JSON (a case file, a JSON array of events, a request "
    "body) is not valid JSON, or is empty.",
    "too_deep": "JSON nested more deeply than any case file can be.",
    "case_invalid": "A case file is not an object, or a field of it other than `events` has a bad "
    "value (for example a `case_id` that is not text).",
    "events_not_list": "The events are not a list (a JSON array) of events.",
    "event_not_object": "An event is not an object with a `type` and a date `on`.",
    "event_type_missing": "An event has no `type` field.",
    "event_type_unknown": "An event's `type` is not one of the known event types.",
    "field_missing": "A required field is missing.",
    "field_unknown": "A field that the event (or the case file) does not have: unknown fields are "
    "rejected, never ignored.",
    "date_not_iso": "A date is not a real calendar date written `YYYY-MM-DD` (or a "
    "`datetime.date`): another format, an impossible day such as 2025-02-30, a date-time or a "
    "timestamp. Date-times are rejected, never truncated (convention C11).",
    "event_invalid": "An event is malformed: a field has a value outside its allowed values, or "
    "of the wrong kind (the code of an `EventError` with problems of several kinds).",
    "too_many_events": "A case has more events than the web service accepts.",
    "date_out_of_range": "A date outside the supported range: before 1 September 2014 (only "
    "`child_born` may be earlier), after the calendar's last day (31 December 2100), or an "
    "`as_of` before 1 September 2014.",
    "events_contradictory": "Two events cannot both be true, for example a mediation held before "
    "any decision notice, or two different dates of birth.",
    "rule_set_invalid": "A rule set failed its own checks (duplicate or overlapping rule versions, "
    "a rule without a citation or a summary).",
    "request_too_large": "A request to the web service is larger than its size limit (HTTP 413).",
}
"""Every error code, with what it means. Codes are stable: new ones may be added, none renamed."""

VALUE_LIMIT = 200
"""The most characters of a value's ``repr`` that an error keeps."""

_REPR = reprlib.Repr()
_REPR.maxstring = VALUE_LIMIT
_REPR.maxother = VALUE_LIMIT
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 12
_REPR.maxlevel = 4


def short_repr(value: object, limit: int = VALUE_LIMIT) -> str:
    """The ``repr`` of ``value``, at most ``limit`` characters, safe for any depth or size.

    >>> short_repr("2025-01-10")
    "'2025-01-10'"
    >>> len(short_repr("x" * 10_000)) <= 200
    True
    >>> short_repr([[[[[[1]]]]]])
    '[[[[[...]]]]]'
    """
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ErrorEntry(TypedDict):
    """One problem, shaped like an entry of pydantic's ``ValidationError.errors()``.

    ``type`` is the problem's error code (a key of :data:`ERROR_CODES`); ``loc`` its place in a
    case file (``("events", 2, "on")``, ``("case_id",)``, or ``()`` when it concerns the whole
    input); ``msg`` the sentence; ``input`` a short ``repr`` of the value, or ``None``.
    """

    type: str
    loc: tuple[str | int, ...]
    msg: str
    input: str | None


class _Unset:
    """The default of ``value=``: distinguishes "no value given" from a value of ``None``."""

    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Any = _Unset()
_PROBLEM_KEYS = frozenset({"code", "message", "event_index", "field", "value", "loc"})


def _loc(event_index: int | None, field: str | None) -> tuple[str | int, ...]:
    """Where a problem is in a case file: ``("events", 2, "actions", 0, "agreed_date")``."""
    parts: list[str | int] = ["events", event_index] if event_index is not None else []
    if field:
        parts.extend(int(p) if p.isdigit() else p for p in field.split("."))
    return tuple(parts)


class SendTimescalesError(Exception):
    """Base class of every exception that send_timescales raises on purpose.

    ``SendTimescalesError("message")`` works as for any exception; the keyword-only arguments
    add the structure: ``code`` (default: the class's), ``event_index``, ``field``, ``value``
    (any object; kept as a short ``repr``) and ``problems``, a list of dicts, one per problem,
    with the keys ``code``, ``message``, ``event_index``, ``field``, ``value`` and, to override
    the location built from the index and field, ``loc``. When ``problems`` are given, the
    error's own ``event_index``, ``field`` and ``value`` default to the first problem's, and its
    ``code`` to the problems' code when they all share one.

    >>> error = SendTimescalesError("The case is wrong.", field="case_id", value=5)
    >>> error.code, error.field, error.value, str(error)
    ('error', 'case_id', '5', 'The case is wrong.')
    >>> error.errors()
    [{'type': 'error', 'loc': ('case_id',), 'msg': 'The case is wrong.', 'input': '5'}]
    """

    code: str = "error"
    """The error's stable code (a key of :data:`ERROR_CODES`)."""

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        event_index: int | None = None,
        field: str | None = None,
        value: object = _UNSET,
        problems: Iterable[Mapping[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message: str = message
        """The human message (the same as ``str(error)``)."""
        found = [self._problem(p) for p in problems or ()]
        first = found[0] if found else None
        if code is None and found and len({p["type"] for p in found}) == 1:
            code = found[0]["type"]
        if code is not None:
            self.code = code
        self.event_index: int | None = event_index
        """The position (from 0) of the event concerned in the list of events, if any."""
        self.field: str | None = field
        """The field concerned (dotted when nested: ``actions.0.agreed_date``), if any."""
        self.value: str | None = None if value is _UNSET else short_repr(value)
        """A short ``repr`` of the value concerned (at most 200 characters), if any."""
        if first is not None and event_index is None and field is None and value is _UNSET:
            self.event_index = first["_event_index"]
            self.field = first["_field"]
            self.value = first["input"]
        self._problems: list[ErrorEntry] = [
            ErrorEntry(type=p["type"], loc=p["loc"], msg=p["msg"], input=p["input"]) for p in found
        ]

    def _problem(self, problem: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(problem) - _PROBLEM_KEYS
        if unknown:
            raise TypeError(f"a problem's keys are {sorted(_PROBLEM_KEYS)}, not {sorted(unknown)}")
        index = problem.get("event_index")
        field = problem.get("field")
        value = problem.get("value", _UNSET)
        loc = problem.get("loc")
        return {
            "type": problem.get("code") or type(self).code,
            "loc": tuple(loc) if loc is not None else _loc(index, field),
            "msg": problem.get("message") or self.message,
            "input": None if value is _UNSET else short_repr(value),
            "_event_index": index,
            "_field": field,
        }

    def errors(self) -> list[ErrorEntry]:
        """One dict per problem, shaped like pydantic's ``ValidationError.errors()``.

        An error built without ``problems`` has one entry, made from its own attributes.

        >>> EventError("event 2 (mediation_held): ...", event_index=2, field="on").errors()
        [{'type': 'event_invalid', 'loc': ('events', 2, 'on'), 'msg': 'event 2 (mediation_held): ...', 'input': None}]
        """  # noqa: E501 - a doctest's output is one line
        if self._problems:
            return [entry.copy() for entry in self._problems]
        return [
            ErrorEntry(
                type=self.code,
                loc=_loc(self.event_index, self.field),
                msg=self.message,
                input=self.value,
            )
        ]


class InputError(SendTimescalesError, ValueError):
    """The caller's input cannot be evaluated as given."""

    code = "input_error"


class DateOutOfRangeError(InputError):
    """A date lies outside the range the calendar or the regime supports."""

    code = "date_out_of_range"


class EventError(InputError):
    """An event is malformed, unknown, or has a field with a bad value."""

    code = "event_invalid"


class ContradictoryEventsError(InputError):
    """Two events contradict each other (for example a mediation before any decision)."""

    code = "events_contradictory"


class RuleSetError(SendTimescalesError, ValueError):
    """A rule set failed its own integrity checks (duplicate ids, overlaps, no citation)."""

    code = "rule_set_invalid"
