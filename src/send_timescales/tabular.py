r"""Cases from CSV, and reports as typed rows: the shapes analysts' tools read and write.

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

Reports become rows through one column definition per table (:data:`DEADLINE_COLUMNS`,
:data:`ELIGIBILITY_COLUMNS`, :data:`FINDING_COLUMNS`): each :class:`Column` has a name, a type
and how to get its value. :meth:`Report.to_rows() <send_timescales.Report.to_rows>`,
:func:`reports_to_frame` and the command line's CSV output (``send-timescales batch --output
csv``) all use them, so a table read back from the CSV has the columns of the frame. Values are
typed: dates are ``datetime.date``, flags ``bool``, a missing value ``None``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

from pydantic_core import from_json

from .errors import EventError
from .events import _check_text
from .results import Deadline, Eligibility, Finding, Measure, Report

if TYPE_CHECKING:  # pragma: no cover - typing only; pandas is an optional extra
    import pandas

__all__ = [
    "BATCH_CSV_ERROR_COLUMNS",
    "DEADLINE_COLUMNS",
    "ELIGIBILITY_COLUMNS",
    "FINDING_COLUMNS",
    "MEASURE_COLUMNS",
    "TABLES",
    "Column",
    "cases_from_csv",
    "check_csv_header",
    "csv_cell",
    "deadline_rows",
    "event_from_csv_row",
    "report_rows",
    "reports_to_frame",
    "rows",
]

_LIST_FIELDS = frozenset({"disputed", "issues", "grounds", "notice_content"})
_BOOLEAN = {"true": True, "false": False}
_REQUIRED = ("case_id", "type", "on")

Item = TypeVar("Item")
Table = Literal["deadlines", "eligibility", "findings", "measures"]


@dataclass(frozen=True, slots=True)
class Column(Generic[Item]):
    """One column of a table: its name, the type of its values, and how to get the value.

    ``get`` takes the report and the row's item (a deadline, a decision's eligibility, a
    finding) and returns a value of ``type`` or ``None``.

    >>> DEADLINE_COLUMNS[4].name, DEADLINE_COLUMNS[4].type.__name__
    ('due', 'date')
    """

    name: str
    type: type
    get: Callable[[Report, Item], object]
    doc: str


def _case_id(report: Report, _item: object) -> str | None:
    return report.provenance.case_id


def _cites(citations: Iterable[object]) -> str:
    return "; ".join(dict.fromkeys(str(c) for c in citations))


def _confidence(citations: Iterable[Any]) -> str:
    return "secondary" if any(c.confidence == "secondary" for c in citations) else "verified"


DEADLINE_COLUMNS: tuple[Column[Deadline], ...] = (
    Column("case_id", str, _case_id, "the case's id (None when the case has none)"),
    Column(
        "decision_on",
        date,
        lambda _r, d: getattr(d, "decision_on", None),
        "the decision the deadline is of",
    ),
    Column("rule_id", str, lambda _r, d: d.rule_id, "the stable rule id"),
    Column(
        "subject",
        str,
        lambda _r, d: getattr(d, "subject", None),
        "what it is about, when a rule repeats",
    ),
    Column("due", date, lambda _r, d: d.due, "the last day to act (None when disapplied)"),
    Column("status", str, lambda _r, d: d.status, "pending, met, missed, overdue, disapplied"),
    Column("duty_holder", str, lambda _r, d: d.duty_holder, "who must act"),
    Column(
        "done_on", date, lambda _r, d: getattr(d, "done_on", None), "when it was done, if it was"
    ),
    Column("provisional", bool, lambda _r, d: d.provisional, "due after the official holidays"),
    Column(
        "confidence", str, lambda _r, d: _confidence(d.citations), "secondary if any citation is"
    ),
    Column("citations", str, lambda _r, d: _cites(d.citations), "the law, separated by '; '"),
)
"""The columns of the ``deadlines`` table, one row per deadline, in order."""


def _decisions(report: Report) -> list[tuple[Eligibility, bool]]:
    if not report.decisions:
        return [(report.eligibility, True)]
    last = len(report.decisions) - 1
    return [(d.eligibility, i == last) for i, d in enumerate(report.decisions)]


ELIGIBILITY_COLUMNS: tuple[Column[tuple[Eligibility, bool]], ...] = (
    Column("case_id", str, _case_id, "the case's id"),
    Column("decision_on", date, lambda _r, e: e[0].decision_on, "the decision notice's date"),
    Column("decision", str, lambda _r, e: e[0].decision, "what the LA decided"),
    Column("latest", bool, lambda _r, e: e[1], "whether this is the case's latest decision"),
    Column("appealable", bool, lambda _r, e: e[0].appealable, "can be appealed"),
    Column("mediation_available", bool, lambda _r, e: e[0].mediation_available, "can be mediated"),
    Column(
        "certificate_required",
        bool,
        lambda _r, e: e[0].certificate_required,
        "an appeal needs a mediation certificate",
    ),
    Column("party", str, lambda _r, e: e[0].party, "parent, young_person or unknown"),
    Column(
        "assumption",
        bool,
        lambda _r, e: any(r.assumption for r in e[0].reasons),
        "an answer rests on a safe assumption",
    ),
    Column(
        "citations",
        str,
        lambda _r, e: _cites(c for r in e[0].reasons for c in r.citations),
        "the law behind the answers",
    ),
)
"""The columns of the ``eligibility`` table, one row per decision (or one, without any)."""

FINDING_COLUMNS: tuple[Column[Finding], ...] = (
    Column("case_id", str, _case_id, "the case's id"),
    Column(
        "decision_on",
        date,
        lambda _r, f: getattr(f, "decision_on", None),
        "the decision it is about",
    ),
    Column("code", str, lambda _r, f: f.code, "the stable finding code"),
    Column("severity", str, lambda _r, f: f.severity, "error, warning or info"),
    Column("rule_id", str, lambda _r, f: f.rule_id, "the rule behind it"),
    Column("message", str, lambda _r, f: f.message, "what to look at"),
    Column("citations", str, lambda _r, f: _cites(f.citations), "the law"),
)
"""The columns of the ``findings`` table, one row per finding."""

MEASURE_COLUMNS: tuple[Column[Measure], ...] = (
    Column("case_id", str, _case_id, "the case's id"),
    Column("rule_id", str, lambda _r, m: m.rule_id, "the measure's rule"),
    Column("request_on", date, lambda _r, m: m.request_on, "the day the LA received the request"),
    Column("final_on", date, lambda _r, m: m.final_on, "the day the final plan was sent"),
    Column("days", int, lambda _r, m: m.days, "days from request to final plan"),
    Column("weeks", int, lambda _r, m: m.weeks, "whole weeks of days"),
    Column("within_20_weeks", bool, lambda _r, m: m.within_20_weeks, "final plan within 140 days"),
    Column(
        "exception_applied",
        bool,
        lambda _r, m: m.exception_applied,
        "a statutory exception disapplied the 20 weeks (SEN2 reports these apart)",
    ),
    Column(
        "outcome", str, lambda _r, m: m.outcome, "plan_issued, no_plan, refused_assessment, open"
    ),
    Column("citations", str, lambda _r, m: _cites(m.citations), "the law"),
)
"""The columns of the ``measures`` table, one row per request (SEN2's 20 weeks)."""

TABLES: dict[str, tuple[Column[Any], ...]] = {
    "deadlines": DEADLINE_COLUMNS,
    "eligibility": ELIGIBILITY_COLUMNS,
    "findings": FINDING_COLUMNS,
    "measures": MEASURE_COLUMNS,
}
"""The tables and their columns."""

BATCH_CSV_ERROR_COLUMNS = ("error_type", "error_code", "error")
"""The columns the batch CSV output adds after the chosen table's columns (empty on good rows)."""


def _items(report: Report, table: str) -> Sequence[Any]:
    if table == "deadlines":
        return report.deadlines
    if table == "eligibility":
        return _decisions(report)
    if table == "findings":
        return report.findings
    if table == "measures":
        return report.measures
    raise ValueError(f"unknown table {table[:40]!r}; tables: {', '.join(TABLES)}")


def rows(report: Report, table: str = "deadlines") -> list[dict[str, object]]:
    """The report's rows of one table (``deadlines``, ``eligibility``, ``findings``, ``measures``).

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> report = evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                     "decision": "cease_plan"}], as_of=date(2025, 10, 2), case_id="C1")
    >>> row = rows(report)[1]
    >>> row["rule_id"], row["due"], row["provisional"]
    ('appeal.register', datetime.date(2025, 12, 1), False)
    >>> rows(report, "eligibility")[0]["appealable"]
    True
    """
    columns = TABLES.get(table)
    if columns is None:
        _items(report, table)  # raises the error naming the tables
    assert columns is not None
    return [{c.name: c.get(report, item) for c in columns} for item in _items(report, table)]


def report_rows(report: Report) -> dict[str, list[dict[str, object]]]:
    """Every table of the report, by name: what :meth:`Report.to_rows` returns.

    The tables are ``deadlines``, ``eligibility``, ``findings`` and ``measures``.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> tables = evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                     "decision": "cease_plan"}], as_of=date(2025, 10, 2)).to_rows()
    >>> sorted(tables), len(tables["deadlines"])
    (['deadlines', 'eligibility', 'findings', 'measures'], 2)
    """
    return {name: rows(report, name) for name in TABLES}


def deadline_rows(report: Report) -> list[dict[str, object]]:
    """One typed row per deadline, with the columns of :data:`DEADLINE_COLUMNS`.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> found = deadline_rows(evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                                  "decision": "cease_plan"}], as_of=date(2025, 10, 2)))
    >>> found[1]["rule_id"], found[1]["due"].isoformat(), found[1]["status"]
    ('appeal.register', '2025-12-01', 'pending')
    """
    return rows(report, "deadlines")


def reports_to_frame(reports: Iterable[Report], table: str = "deadlines") -> pandas.DataFrame:
    """A pandas DataFrame of one table over many reports (needs the ``pandas`` extra).

    Columns are those of the table's column definition (the batch CSV output has the same), in
    order, even when there are no rows. Dates are ``datetime.date`` objects, flags booleans,
    missing values ``None``.

    >>> from datetime import date
    >>> import send_timescales as st
    >>> report = st.evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                        "decision": "cease_plan"}], as_of=date(2025, 10, 2), case_id="C1")
    >>> frame = st.reports_to_frame([report])
    >>> frame.loc[1, "rule_id"], frame.loc[1, "due"]
    ('appeal.register', datetime.date(2025, 12, 1))
    >>> str(frame["provisional"].dtype), frame["subject"].iloc[1] is None
    ('bool', True)
    """
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "reports_to_frame needs pandas, an optional extra: "
            "pip install 'send-timescales[pandas]'"
        ) from None
    if table not in (*TABLES, "measures"):
        raise ValueError(f"unknown table {table[:40]!r}; tables: {', '.join(TABLES)}, measures")
    found = [row for report in reports for row in rows(report, table)]
    names = [c.name for c in TABLES[table]] if table in TABLES else None
    frame = pandas.DataFrame(found, columns=names, dtype=object)  # keeps dates and None as such
    for column in TABLES.get(table, ()):
        if column.type is bool and frame[column.name].notna().all():
            frame[column.name] = frame[column.name].astype(bool)
    return cast("pandas.DataFrame", frame)


# ---------------------------------------------------------------------------- CSV in and out

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A value as a CSV cell: dates ISO, booleans ``true``/``false``, ``None`` empty.

    Text that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
    carriage return) gets a leading single quote, as OWASP recommends against CSV injection; a
    NUL character becomes U+FFFD.

    >>> csv_cell(date(2026, 1, 2)), csv_cell(True), csv_cell(None), csv_cell("=1+1")
    ('2026-01-02', 'true', '', "'=1+1")
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "\x00" in text:  # the csv module of Python 3.10 cannot write a NUL
        text = text.replace("\x00", "\ufffd")
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _cell(field: str, text: str) -> Any:
    if field in _LIST_FIELDS and not text.startswith("["):
        return [part.strip() for part in text.split(";") if part.strip()]
    if text[:1] in "[{":
        _check_text(text, "The cell")
        return from_json(text)
    return _BOOLEAN.get(text.lower(), text)


def event_from_csv_row(row: Mapping[str, str | None], number: int) -> tuple[str, dict[str, Any]]:
    """The case id and the event of one CSV row (``number`` as a spreadsheet shows it).

    Raises :class:`~send_timescales.EventError` naming the row for a blank ``case_id`` or a
    malformed JSON cell.

    >>> event_from_csv_row({"case_id": "A", "type": "health_notified", "on": "2025-01-10",
    ...                     "issues": ""}, 2)
    ('A', {'type': 'health_notified', 'on': '2025-01-10'})
    """
    case_id = (row.get("case_id") or "").strip()
    if not case_id:
        raise EventError(f"CSV row {number}: the case_id is blank; every row needs one.")
    event: dict[str, Any] = {}
    for field, value in row.items():
        if field is None or field == "case_id" or value is None or not value.strip():
            continue
        try:
            event[field] = _cell(field, value.strip())
        except EventError as error:
            raise EventError(f"CSV row {number}, field {field[:40]!r}: {error}") from None
        except ValueError as error:
            raise EventError(
                f"CSV row {number}, field {field[:40]!r}: not valid JSON ({str(error)[:100]})."
            ) from None
    return case_id, event


def check_csv_header(fields: Sequence[str] | None) -> list[str]:
    r"""The header's field names; :class:`~send_timescales.EventError` if a required one lacks.

    >>> check_csv_header(["\ufeffcase_id", "type", "on"])
    ['case_id', 'type', 'on']
    """
    names = [name.strip().lstrip("\ufeff") for name in fields or ()]
    missing = [name for name in _REQUIRED if name not in names]
    if missing:
        raise EventError(f"The CSV header lacks the column(s) {', '.join(missing)}.")
    return names


def cases_from_csv(text: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Events grouped by ``case_id``, in order of each case's first row.

    A byte-order mark is ignored. Raises :class:`~send_timescales.EventError` naming the row
    when the header lacks ``case_id``, ``type`` or ``on``, a ``case_id`` is blank, or a JSON
    cell is malformed. (``send-timescales batch`` reads the same format as a stream, turning
    each bad row into an error record instead.)
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = check_csv_header(next(reader, None))
    cases: dict[str, list[dict[str, Any]]] = {}
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        case_id, event = event_from_csv_row(dict(zip(header, values, strict=False)), number)
        cases.setdefault(case_id, []).append(event)
    return list(cases.items())
