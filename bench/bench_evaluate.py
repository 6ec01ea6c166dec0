"""evaluate() on a 6-event mediation case, from JSON text to JSON text.

Run: ``.venv/bin/python bench/bench_evaluate.py``. Prints figures; asserts nothing. Targets, as
ratios to the floor measured in the same run (bare pydantic validation of the events plus the
table arithmetic, no explanations): JSON to JSON at most 3x the floor, and the summary path
(``explain=False``) at most 2x.
"""

from __future__ import annotations

import json
import statistics
import timeit
from datetime import date

import send_timescales as st
from send_timescales.events import _EVENTS
from send_timescales.periods import add_months, default_calendar

CASE = json.dumps(
    {
        "case_id": "bench-1",
        "events": [
            {"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
            {"type": "adviser_contacted", "on": "2025-10-20", "wants_mediation": True},
            {"type": "mediation_requested", "on": "2025-10-22", "issues": ["education"]},
            {"type": "mediation_held", "on": "2025-11-14", "agreement": "none"},
            {"type": "certificate_issued", "on": "2025-11-17", "reason": "after_mediation"},
            {"type": "appeal_registered", "on": "2025-12-10"},
        ],
    }
)
AS_OF = date(2026, 1, 5)
EVENTS_JSON = json.dumps(json.loads(CASE)["events"])


def json_to_json() -> str:
    return st.evaluate(st.parse_case(CASE), as_of=AS_OF).model_dump_json()


def evaluate_only(case: st.Case) -> st.Report:
    return st.evaluate(case, as_of=AS_OF)


def summary_json_to_json() -> str:
    return st.evaluate(st.parse_case(CASE), as_of=AS_OF, explain=False).model_dump_json()


def floor() -> int:
    """Validate the events with pydantic and do the arithmetic the deadlines need, nothing else."""
    events = _EVENTS.validate_json(EVENTS_JSON)
    cal = default_calendar()
    notice, _contact, request, held, cert, _ = events
    dues = (
        add_months(notice.on, 2),
        request.on.toordinal() + 30,
        cal.add_working_days(held.on, 3),
        max(add_months(notice.on, 2), add_months(cert.on, 1)),
        cal.roll_forward(add_months(cert.on, 1)),
    )
    return len(dues) + len(json.dumps([d if isinstance(d, int) else d.isoformat() for d in dues]))


def per_call_us(fn: object, number: int = 2000, repeat: int = 15) -> float:
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    return statistics.median(t / number * 1e6 for t in timer.repeat(repeat, number))


def main() -> None:
    json_to_json()  # build the calendar and the rule set once
    case = st.parse_case(CASE)
    full = per_call_us(json_to_json)
    summary = per_call_us(summary_json_to_json)
    parse = per_call_us(lambda: st.parse_case(CASE))
    engine = per_call_us(lambda: evaluate_only(case))
    report = evaluate_only(case)
    dump = per_call_us(report.model_dump_json)
    summary_report = st.evaluate(case, as_of=AS_OF, explain=False)
    summary_dump = per_call_us(summary_report.model_dump_json)
    base = per_call_us(floor)
    print(f"{'step':<52}{'median us/call':>16}")
    for name, value in [
        ("JSON case -> evaluate -> JSON report (the target)", full),
        ("  parse_case (pydantic validation)", parse),
        ("  evaluate (engine, explanations included)", engine),
        ("  report.model_dump_json", dump),
        ("JSON to JSON, explain=False (the summary path)", summary),
        ("  report.model_dump_json, explain=False", summary_dump),
        ("floor: bare pydantic validation + table arithmetic", base),
    ]:
        print(f"{name:<52}{value:>16.1f}")
    print()
    print(
        f"JSON to JSON: {full:.1f} us, {full / base:.1f}x the floor (target <= 3x: "
        f"{'MET' if full <= 3 * base else 'NOT MET'}); {len(report.deadlines)} deadlines, "
        f"{len(report.findings)} findings, {len(report.duties)} duties"
    )
    print(
        f"summary path: {summary:.1f} us, {summary / base:.1f}x the floor (target <= 2x: "
        f"{'MET' if summary <= 2 * base else 'NOT MET'})"
    )
    # What no engine can go below: reading the case and writing its report, with no rule
    # evaluated at all. When this alone exceeds a target, the target cannot be met without
    # changing the report's contents.
    print(
        f"parse_case + model_dump_json alone (no rule evaluated): {parse + dump:.1f} us, "
        f"{(parse + dump) / base:.1f}x the floor; explain=False: {parse + summary_dump:.1f} us, "
        f"{(parse + summary_dump) / base:.1f}x"
    )
    print(f"throughput: about {1e6 / full:,.0f} cases per second on one core")


if __name__ == "__main__":
    main()
