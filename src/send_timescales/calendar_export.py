r"""Export a report's dated deadlines as an iCalendar file (RFC 5545), for any calendar program.

Each dated deadline becomes an all-day event on its due date, titled with its status and rule,
described with its explanation and citations. Disapplied deadlines (no date) are left out. The
output is deterministic: the same report gives the same bytes (``DTSTAMP`` is ``as_of``).

Nothing from the input can forge a property or an event: every text value is escaped as RFC 5545
section 3.3.11 says (backslash, ``;``, ``,`` and every kind of line break, which becomes ``\n``),
other control characters are dropped, lines are folded at 75 octets, and property parameters are
fixed, never built from input.

>>> from datetime import date
>>> from send_timescales import evaluate
>>> report = evaluate([{"type": "decision_notice", "on": "2025-10-01",
...                     "decision": "cease_plan"}], as_of=date(2025, 10, 2), case_id="C-7")
>>> text = to_icalendar(report)
>>> text.count("BEGIN:VEVENT"), "DTSTART;VALUE=DATE:20251201" in text
(2, True)
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from .results import Deadline, Report

__all__ = ["CALENDAR_END", "calendar_start", "icalendar_events", "to_icalendar"]

_PRODID = "-//send_timescales//SEND statutory timescales//EN"
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")

CALENDAR_END = "END:VCALENDAR\r\n"
"""The last line of an iCalendar document."""


def _escape(text: str) -> str:
    r"""A TEXT value (RFC 5545 section 3.3.11): no raw line break or control character remains.

    >>> print(_escape("a;b,c\\d\r\nEND:VEVENT\u2028x\x00"))
    a\;b\,c\\d\nEND:VEVENT\nx
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\t", " ")
    return _CONTROLS.sub("", _LINE_BREAKS.sub(r"\\n", text))


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets, as RFC 5545 section 3.1 requires."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return [line]
    if len(encoded) == len(line):  # ASCII: one octet a character, so slices will do
        return [line[:75], *(" " + line[i : i + 74] for i in range(75, len(line), 74))]
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return [parts[0], *(" " + p for p in parts[1:])]


def _uid(report: Report, d: Deadline) -> str:
    key = "|".join(
        [
            report.provenance.case_id or "",
            d.rule_id,
            d.trigger,
            d.subject or "",
            str(d.decision_on or ""),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@send-timescales"


def calendar_start() -> str:
    """The opening lines of an iCalendar document, before its events (CRLF line ends).

    >>> calendar_start().splitlines()[0]
    'BEGIN:VCALENDAR'
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN"]
    return "".join(line + "\r\n" for line in [*lines, "METHOD:PUBLISH"])


def icalendar_events(report: Report) -> str:
    r"""The report's dated deadlines as ``VEVENT`` components (folded, CRLF line ends).

    ``calendar_start() + icalendar_events(a) + icalendar_events(b) + CALENDAR_END`` is one
    calendar of two cases; :func:`to_icalendar` is the document of one.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> report = evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                     "decision": "cease_plan"}], as_of=date(2025, 10, 2),
    ...                   case_id="C-1\r\nBEGIN:VEVENT")
    >>> text = icalendar_events(report)
    >>> unfolded = text.replace("\r\n ", "")
    >>> text.split("\r\n").count("BEGIN:VEVENT"), "(C-1\\nBEGIN:VEVENT)" in unfolded
    (2, True)
    """
    stamp = report.provenance.as_of.strftime("%Y%m%dT000000Z")
    case = report.provenance.case_id
    lines: list[str] = []
    for d in report.deadlines:
        if d.due is None:
            continue
        title = f"[{d.status}] {d.summary}" + (f" ({case})" if case else "")
        description = "\n".join(
            [
                f"Rule: {d.rule_id}" + (f" ({d.subject})" if d.subject else ""),
                f"Who must act: {d.duty_holder}",
                "Law: " + "; ".join(str(c) for c in d.citations),
                *d.explanation,
            ]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(report, d)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d.due + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(title)}",
            f"DESCRIPTION:{_escape(description)}",
            f"CATEGORIES:{_escape(d.status)},{_escape(d.duty_holder)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))


def to_icalendar(report: Report) -> str:
    """The report's dated deadlines as an iCalendar document (CRLF line ends)."""
    return calendar_start() + icalendar_events(report) + CALENDAR_END
