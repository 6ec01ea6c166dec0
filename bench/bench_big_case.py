"""One case with many events: evaluate() must grow as n log n, not n squared.

Run: ``.venv/bin/python bench/bench_big_case.py``. Prints seconds per case size; asserts nothing.
Target from issue 8: 100,000 events in one case in a few seconds. The events are spread over
eight years (a decision, mediation, certificates, appeals, reviews, advice, and 1% exceptions).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

import send_timescales as st

START = date(2016, 1, 1)
KINDS = (
    "adviser_contacted",
    "mediation_requested",
    "certificate_issued",
    "appeal_registered",
    "review_meeting_held",
    "advice_requested",
    "advice_received",
)


def case(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """A decision notice and ``n`` more events over eight years."""
    rnd = random.Random(seed)
    events: list[dict[str, Any]] = [
        {"type": "decision_notice", "on": START, "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": START, "wants_mediation": False},
        {"type": "mediation_requested", "on": START},
    ]
    for _ in range(n - len(events)):
        day = START + timedelta(days=rnd.randint(0, 3000))
        if rnd.random() < 0.01:
            events.append(
                {
                    "type": "exception_applied",
                    "on": day,
                    "to": day + timedelta(days=20),
                    "reason": "absence",
                }
            )
            continue
        kind = rnd.choice(KINDS)
        event: dict[str, Any] = {"type": kind, "on": day}
        if kind == "adviser_contacted":
            event["wants_mediation"] = rnd.random() < 0.5
        elif kind == "certificate_issued":
            event["reason"] = "declined"
        elif kind.startswith("advice"):
            event["body"] = "medical"
        events.append(event)
    return events


def main() -> None:
    print(f"{'events':>8}  {'seconds':>8}  {'deadlines':>9}  (explain=True)")
    for n in (1_000, 10_000, 30_000, 100_000):
        events = case(n)
        began = time.perf_counter()
        report = st.evaluate(events, as_of=date(2025, 1, 1))
        seconds = time.perf_counter() - began
        print(f"{n:>8,}  {seconds:>8.2f}  {len(report.deadlines):>9,}")


if __name__ == "__main__":
    main()
