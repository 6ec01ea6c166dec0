r"""Cases from CSV, and reports as flat rows: the shapes analysts' tools read and write.

A CSV of events has one row per event and a ``case_id`` column; rows of one case need not be
adjacent. Besides ``case_id``, ``type`` and ``on``, a column is any event field; an empty cell
means the field is absent. List fields (``disputed``, ``issues``, ``grounds``,
``notice_content``) hold values separated by ``;``; a cell starting with ``[`` or ``{`` is read
as JSON (for a mediation agreement's ``actions``); ``true`` / ``false`` are booleans.

>>> rows = cases_from_csv(
...     "case_id,type,on,decision,disputed\n"
...     "A,decision_notice,2025-10-01,plan_finalised,needs;placement\n")
>>> rows[0][0], rows[0][1][0]["disputed"]
('A', ['needs', 'placement'])
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .errors import EventError
from .results import Report

__all__ = ["DEADLINE_COLUMNS", "cases_from_csv", "deadline_rows"]

_LIST_FIELDS = frozenset({"disputed", "issues", "grounds", "notice_content"})
_BOOLEAN = {"true": True, "false": False}

DEADLINE_COLUMNS = (
    "case_id",
    "decision_on",
    "rule_id",
    "subject",
    "due",
    "status",
    "duty_holder",
    "done_on",
    "provisional",
    "confidence",
    "citations",
    "error",
)
"""The columns of :func:`deadline_rows`, in order."""


def _cell(field: str, text: str) -> Any:
    if field in _LIST_FIELDS:
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(";") if part.strip()]
    if text[:1] in "[{":
        return json.loads(text)
    return _BOOLEAN.get(text.lower(), text)


def cases_from_csv(text: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Events grouped by ``case_id``, in order of each case's first row.

    Raises :class:`~send_timescales.EventError` naming the row when the header lacks
    ``case_id``, ``type`` or ``on``, or a JSON cell is malformed.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = {"case_id", "type", "on"} - set(reader.fieldnames or ())
    if missing:
        raise EventError(f"The CSV header lacks the column(s) {', '.join(sorted(missing))}.")
    cases: dict[str, list[dict[str, Any]]] = {}
    for number, row in enumerate(reader, start=2):
        case_id = (row.pop("case_id") or "").strip()
        event: dict[str, Any] = {}
        for field, value in row.items():
            if field is None or value is None or not value.strip():
                continue
            try:
                event[field] = _cell(field, value.strip())
            except ValueError:
                raise EventError(
                    f"CSV row {number} (case {case_id!r}): field {field!r} = {value!r} is not "
                    "valid JSON."
                ) from None
        cases.setdefault(case_id, []).append(event)
    return list(cases.items())


def deadline_rows(report: Report) -> list[dict[str, str]]:
    """One flat row per deadline, with the columns of :data:`DEADLINE_COLUMNS`.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> rows = deadline_rows(evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                                 "decision": "cease_plan"}], as_of=date(2025, 10, 2)))
    >>> rows[1]["rule_id"], rows[1]["due"], rows[1]["status"]
    ('appeal.register', '2025-12-01', 'pending')
    """
    case_id = report.provenance.case_id or ""
    rows = []
    for d in report.deadlines:
        rows.append(
            {
                "case_id": case_id,
                "decision_on": d.decision_on.isoformat() if d.decision_on else "",
                "rule_id": d.rule_id,
                "subject": d.subject or "",
                "due": d.due.isoformat() if d.due else "",
                "status": d.status,
                "duty_holder": d.duty_holder,
                "done_on": d.done_on.isoformat() if d.done_on else "",
                "provisional": "true" if d.provisional else "false",
                "confidence": (
                    "secondary"
                    if any(c.confidence == "secondary" for c in d.citations)
                    else "verified"
                ),
                "citations": "; ".join(str(c) for c in d.citations),
                "error": "",
            }
        )
    return rows
