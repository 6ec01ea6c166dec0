"""Render a :class:`~send_timescales.results.Report` for people: text, Markdown or HTML.

The HTML form is what a notebook shows for a report (``Report._repr_html_``). Rendering reads
the report only; it adds nothing the report does not say.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from .citations import Citation
from .periods import long_date
from .results import DUTY_HOLDER_NAMES, Deadline, Report

__all__ = ["render_html", "render_markdown", "render_text", "render_timeline_svg"]

_STATUS = {
    "pending": "pending",
    "met": "met",
    "missed": "MISSED",
    "overdue": "OVERDUE",
    "disapplied": "disapplied",
}
_HOLDER = {holder: names[0] for holder, names in DUTY_HOLDER_NAMES.items()}


def _cite(citations: tuple[Citation, ...]) -> str:
    return "; ".join(str(c) for c in citations)


def _due(d: Deadline) -> str:
    if d.due is None:
        return "no fixed date (disapplied)"
    return long_date(d.due) + (" (provisional)" if d.provisional else "")


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def render_text(report: Report, *, explain: bool = True) -> str:
    """The report as plain text: eligibility, deadlines with their steps, duties, findings.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> text = evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                   "decision": "cease_plan"}], as_of=date(2025, 10, 2)).to_text()
    >>> print(text.splitlines()[0])
    SEND timescales as of Thursday 2 October 2025
    """
    p = report.provenance
    e = report.eligibility
    lines = [f"SEND timescales as of {long_date(p.as_of)}"]
    if p.case_id:
        lines[0] += f" (case {p.case_id})"
    lines.append("=" * len(lines[0]))
    lines.append("")
    if e.decision_on is not None:
        lines.append(f"Decision: {e.decision} (notice sent {long_date(e.decision_on)})")
    lines.append(
        f"Appealable: {_yes(e.appealable)}   Mediation available: "
        f"{_yes(e.mediation_available)}   Certificate required: {_yes(e.certificate_required)}"
        f"   Party: {e.party.replace('_', ' ')}"
    )
    for reason in e.reasons:
        flag = " [assumption]" if reason.assumption else ""
        lines.append(f"  - {reason.question}: {reason.answer}{flag}. {reason.text}")
        lines.append(f"    ({reason.rule_id}; {_cite(reason.citations)})")
    lines.append("")
    lines.append("Deadlines")
    lines.append("---------")
    if not report.deadlines:
        lines.append("  none")
    for d in report.deadlines:
        subject = f" [{d.subject}]" if d.subject else ""
        done = f" (done {long_date(d.done_on)})" if d.done_on is not None else ""
        lines.append(f"* {_due(d)}  {_STATUS[d.status]}{done}  {d.rule_id}{subject}")
        lines.append(f"    {d.summary} (who: {_HOLDER[d.duty_holder]})")
        lines.append(f"    Law: {_cite(d.citations)}")
        if explain:
            lines.extend(f"    - {step}" for step in d.explanation)
    if report.duties:
        lines.append("")
        lines.append("Duties without a date")
        lines.append("---------------------")
        for duty in report.duties:
            lines.append(f"[ ] {duty.summary} (who: {_HOLDER[duty.duty_holder]})")
            lines.append(f"    {duty.rule_id}; {_cite(duty.citations)}")
    if report.findings:
        lines.append("")
        lines.append("Findings")
        lines.append("--------")
        for f in report.findings:
            lines.append(f"! {f.severity.upper()} {f.code}: {f.message}")
            lines.append(f"    {f.rule_id}; {_cite(f.citations)}")
    lines.append("")
    lines.append(
        f"Rule set {p.rule_set}; calendar {p.calendar}, bank holidays official until "
        f"{long_date(p.calendar_known_until)}; send_timescales {p.library_version}."
    )
    return "\n".join(lines) + "\n"


def _table(report: Report, cell: Callable[[str], str]) -> list[list[str]]:
    rows = []
    for d in report.deadlines:
        rows.append(
            [
                cell(_due(d)),
                cell(_STATUS[d.status]),
                cell(d.rule_id + (f" [{d.subject}]" if d.subject else "")),
                cell(_HOLDER[d.duty_holder]),
                cell(_cite(d.citations)),
            ]
        )
    return rows


def render_markdown(report: Report) -> str:
    """The report as Markdown: eligibility, a deadline table, duties and findings."""
    e = report.eligibility
    out = [f"## SEND timescales as of {long_date(report.provenance.as_of)}", ""]
    out.append(
        f"**Appealable:** {_yes(e.appealable)} · **Mediation:** {_yes(e.mediation_available)}"
        f" · **Certificate required:** {_yes(e.certificate_required)} · **Party:** "
        f"{e.party.replace('_', ' ')}"
    )
    out += ["", "| Due | Status | Rule | Who | Law |", "|---|---|---|---|---|"]
    out += [
        "| " + " | ".join(row) + " |" for row in _table(report, lambda s: s.replace("|", "\\|"))
    ]
    if report.duties:
        out += ["", "**Duties without a date**", ""]
        out += [f"- [ ] {d.summary} (`{d.rule_id}`)" for d in report.duties]
    if report.findings:
        out += ["", "**Findings**", ""]
        out += [f"- **{f.severity}** `{f.code}`: {f.message}" for f in report.findings]
    return "\n".join(out) + "\n"


_COLOURS = {
    "met": "#2e7d32",
    "missed": "#ef6c00",
    "overdue": "#c62828",
    "pending": "#1565c0",
    "disapplied": "#757575",
}
_SHOWN_CHARS = 200


def _short(text: str, limit: int = _SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _links(citations: tuple[Citation, ...]) -> str:
    """Citations as HTML, each a link to its provision where it has a web address."""
    parts = []
    for c in citations:
        label = html.escape(str(c))
        if c.url and c.url.startswith(("https://", "http://")):
            parts.append(f"<a href='{html.escape(c.url, quote=True)}' target='_blank'>{label}</a>")
        else:
            parts.append(label)
    return "; ".join(parts)


def render_timeline_svg(report: Report, *, width: int = 640) -> str:
    """The case's deadlines on a time line, as inline SVG (no dependency, no script).

    One row per dated deadline: a line from the event that started the clock to the due date, a
    dot on the due date coloured by status, a tick where it was done; a dashed line marks
    ``as_of``. An empty string when the report has no dated deadline.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> svg = render_timeline_svg(evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                                      "decision": "cease_plan"}], as_of=date(2025, 10, 2)))
    >>> svg.startswith("<svg"), svg.count("<circle")
    (True, 2)
    """
    dated = [d for d in report.deadlines if d.due is not None]
    if not dated:
        return ""
    as_of = report.provenance.as_of
    days = [d.trigger_on for d in dated] + [d.due for d in dated if d.due is not None]
    days += [d.done_on for d in dated if d.done_on is not None] + [as_of]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    left, right, row, top = 230, 20, 20, 24
    height = top + row * len(dated) + 10

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / span

    esc = html.escape
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"role='img' aria-label='Time line of the deadlines' "
        "style='font: 11px sans-serif'>",
        f"<text x='{left}' y='12'>{esc(first.isoformat())}</text>",
        f"<text x='{width - right}' y='12' text-anchor='end'>{esc(last.isoformat())}</text>",
    ]
    for i, d in enumerate(dated):
        y = top + row * i + row / 2
        assert d.due is not None
        colour = _COLOURS[d.status]
        label = _short(d.rule_id + (f" [{d.subject}]" if d.subject else ""), 36)
        parts.append(
            f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end'>{esc(label)}</text>"
            f"<line x1='{x(d.trigger_on):.1f}' y1='{y:.1f}' x2='{x(d.due):.1f}' y2='{y:.1f}' "
            f"stroke='{colour}' stroke-width='2'/>"
            f"<circle cx='{x(d.due):.1f}' cy='{y:.1f}' r='5' fill='{colour}'>"
            f"<title>{esc(_short(d.rule_id))}: due {esc(d.due.isoformat())}, {esc(d.status)}"
            "</title></circle>"
        )
        if d.done_on is not None:
            parts.append(
                f"<line x1='{x(d.done_on):.1f}' y1='{y - 7:.1f}' x2='{x(d.done_on):.1f}' "
                f"y2='{y + 7:.1f}' stroke='#000' stroke-width='2'>"
                f"<title>done {esc(d.done_on.isoformat())}</title></line>"
            )
    parts.append(
        f"<line x1='{x(as_of):.1f}' y1='{top - 6}' x2='{x(as_of):.1f}' y2='{height - 4}' "
        f"stroke='#555' stroke-dasharray='4 3'><title>as of {esc(as_of.isoformat())}</title>"
        "</line></svg>"
    )
    return "".join(parts)


def render_html(report: Report) -> str:
    """The report as an HTML fragment: what a notebook shows (``Report._repr_html_``).

    It has the case id, the eligibility answers, a time line of the deadlines (inline SVG), the
    deadlines with links to the law (each citation's ``url``), and the findings.

    >>> from datetime import date
    >>> from send_timescales import evaluate
    >>> page = evaluate([{"type": "decision_notice", "on": "2025-10-01",
    ...                   "decision": "cease_plan"}], as_of=date(2025, 10, 2),
    ...                  case_id="<C-1>")._repr_html_()
    >>> "(case &lt;C-1&gt;)" in page, "<svg" in page
    (True, True)
    >>> "<a href='https://www.legislation.gov.uk/uksi/2008/2699/rule/20'" in page
    True
    """
    e = report.eligibility
    esc = html.escape
    case = report.provenance.case_id
    title = f"SEND timescales as of {long_date(report.provenance.as_of)}"
    if case:
        title += f" (case {_short(case)})"
    parts = [
        f"<div class='send-timescales'><h4>{esc(title)}</h4>",
        f"<p>Appealable: <b>{_yes(e.appealable)}</b> · Mediation: "
        f"<b>{_yes(e.mediation_available)}</b> · Certificate required: "
        f"<b>{_yes(e.certificate_required)}</b> · Party: <b>{esc(e.party)}</b></p>",
        render_timeline_svg(report),
        "<table><thead><tr><th>Due</th><th>Status</th><th>Rule</th><th>Who</th><th>Law</th>"
        "</tr></thead><tbody>",
    ]
    for d in report.deadlines:
        cells = [
            esc(_due(d)),
            esc(_STATUS[d.status]),
            esc(_short(d.rule_id + (f" [{d.subject}]" if d.subject else ""))),
            esc(_HOLDER[d.duty_holder]),
            _links(d.citations),
        ]
        parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    parts.append("</tbody></table>")
    if report.findings:
        parts.append("<ul>")
        parts += [
            f"<li><b>{esc(f.severity)}</b> <code>{esc(f.code)}</code>: "
            f"{esc(_short(f.message, 500))} ({_links(f.citations)})</li>"
            for f in report.findings
        ]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)
