"""Render a :class:`~send_timescales.results.Report` for people: text, Markdown or HTML.

The HTML form is what a notebook shows for a report (``Report._repr_html_``). Rendering reads
the report only; it adds nothing the report does not say.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from .citations import Citation
from .periods import long_date
from .results import Deadline, Report

__all__ = ["render_html", "render_markdown", "render_text"]

_STATUS = {
    "pending": "pending",
    "met": "met",
    "missed": "MISSED",
    "overdue": "OVERDUE",
    "disapplied": "disapplied",
}
_HOLDER = {
    "la": "LA",
    "icb": "ICB",
    "mediation_adviser": "mediation adviser",
    "mediator": "mediator",
    "parent_or_young_person": "parent / young person",
    "la_and_icb": "LA and ICB",
}


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


def render_html(report: Report) -> str:
    """The report as an HTML fragment (used by notebooks)."""
    e = report.eligibility
    esc = html.escape
    parts = [
        f"<div class='send-timescales'><h4>SEND timescales as of "
        f"{esc(long_date(report.provenance.as_of))}</h4>",
        f"<p>Appealable: <b>{_yes(e.appealable)}</b> · Mediation: "
        f"<b>{_yes(e.mediation_available)}</b> · Certificate required: "
        f"<b>{_yes(e.certificate_required)}</b> · Party: <b>{esc(e.party)}</b></p>",
        "<table><thead><tr><th>Due</th><th>Status</th><th>Rule</th><th>Who</th><th>Law</th>"
        "</tr></thead><tbody>",
    ]
    for row in _table(report, esc):
        parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    parts.append("</tbody></table>")
    if report.findings:
        parts.append("<ul>")
        parts += [
            f"<li><b>{esc(f.severity)}</b> <code>{esc(f.code)}</code>: {esc(f.message)}</li>"
            for f in report.findings
        ]
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)
