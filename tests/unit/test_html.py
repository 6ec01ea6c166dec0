"""The HTML form of a report (what a notebook shows): case id, links to the law, a time line."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import send_timescales as st
from send_timescales.explain import render_timeline_svg

EVENTS: list[dict[str, Any]] = [
    {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
    {"type": "adviser_contacted", "on": "2025-10-20", "wants_mediation": True},
    {"type": "mediation_requested", "on": "2025-10-22"},
    {"type": "mediation_held", "on": "2025-11-14", "agreement": "none"},
    {"type": "certificate_issued", "on": "2025-11-20", "reason": "after_mediation"},
]


def test_html_shows_the_case_links_and_a_timeline() -> None:
    hostile = "<script>alert(1)</script>" + "x" * 1000
    report = st.evaluate(EVENTS, as_of=date(2026, 1, 5), case_id=hostile)
    page = report._repr_html_()
    assert "<script>" not in page
    assert "(case &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "x" * 300 not in page  # a long id is shortened
    for deadline in report.deadlines:
        for citation in deadline.citations:
            if citation.url:
                assert f"<a href='{citation.url}'" in page
    root = ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6])
    namespace = "{http://www.w3.org/2000/svg}"
    dated = [d for d in report.deadlines if d.due is not None]
    circles = root.findall(f"{namespace}circle")
    assert len(circles) == len(dated)
    colours = {c.get("fill") for c in circles}
    assert "#ef6c00" in colours  # the certificate was issued late: missed
    done = [d for d in dated if d.done_on is not None]
    ticks = [line for line in root.findall(f"{namespace}line") if line.get("stroke") == "#000"]
    assert len(ticks) == len(done)


def test_no_timeline_without_dated_deadlines() -> None:
    report = st.evaluate([{"type": "child_born", "on": "2012-01-01"}], as_of=date(2026, 1, 5))
    assert render_timeline_svg(report) == ""
    assert "<svg" not in report._repr_html_()
