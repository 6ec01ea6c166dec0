"""Seeded case generator for the report snapshots (no hypothesis: the same seed, the same cases).

Cases cover every event type, several decisions per case, missing facts, events after ``as_of``
and inputs the engine rejects (the error message is snapshotted too).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, get_args

from send_timescales.events import ActionKind, DecisionKind, Disputed, NoticeItem

# The vocabularies come from the event models (one declaration): a new kind changes the seeded
# cases, and the snapshot test then shows it, to be rebuilt on purpose.
DECISIONS: tuple[str, ...] = get_args(DecisionKind)
DISPUTED: tuple[str, ...] = get_args(Disputed)
NOTICE_ITEMS: tuple[str, ...] = get_args(NoticeItem)
ACTION_KINDS: tuple[str, ...] = get_args(ActionKind)
FIRST = date(2014, 9, 1)
LAST = date(2029, 12, 31)


def _subset(rnd: random.Random, items: tuple[str, ...], empty: bool = False) -> list[str]:
    chosen = [i for i in items if rnd.random() < 0.35]
    return chosen if chosen or empty else [rnd.choice(items)]


def _dispute(rnd: random.Random, day: date, events: list[dict[str, Any]]) -> date:
    """One decision and what follows it; returns the last date used."""

    def step(lo: int = 0, hi: int = 40) -> date:
        nonlocal day
        day += timedelta(days=rnd.randint(lo, hi))
        return day

    decision: dict[str, Any] = {
        "type": "decision_notice",
        "on": day.isoformat(),
        "decision": rnd.choice(DECISIONS),
    }
    if rnd.random() < 0.5:
        decision["disputed"] = _subset(rnd, DISPUTED)
    if decision["decision"] == "refuse_amendment" and rnd.random() < 0.7:
        decision["following_review"] = rnd.random() < 0.6
    if rnd.random() < 0.2:
        decision["letter_dated"] = (day + timedelta(days=rnd.randint(-5, 3))).isoformat()
    if rnd.random() < 0.3:
        decision["notice_content"] = _subset(rnd, NOTICE_ITEMS, empty=True)
    events.append(decision)
    path = rnd.random()
    if path < 0.15:
        pass  # nothing happens after the decision
    elif path < 0.4:
        events.append(
            {"type": "adviser_contacted", "on": step(0, 75).isoformat(), "wants_mediation": False}
        )
        if rnd.random() < 0.8:
            events.append(
                {"type": "certificate_issued", "on": step(0, 6).isoformat(), "reason": "declined"}
            )
    else:
        events.append(
            {"type": "adviser_contacted", "on": step(0, 70).isoformat(), "wants_mediation": True}
        )
        issues = (
            None if rnd.random() < 0.2 else _subset(rnd, ("education", "health", "social_care"))
        )
        request: dict[str, Any] = {"type": "mediation_requested", "on": step(0, 10).isoformat()}
        if issues is not None:
            request["issues"] = issues
        events.append(request)
        if issues and "health" in issues and rnd.random() < 0.7:
            events.append({"type": "health_notified", "on": step(0, 6).isoformat()})
        if rnd.random() < 0.2:
            events.append({"type": "mediation_not_arranged", "on": step(5, 30).isoformat()})
            if rnd.random() < 0.8:
                events.append(
                    {
                        "type": "certificate_issued",
                        "on": step(0, 6).isoformat(),
                        "reason": "not_arranged",
                    }
                )
        elif rnd.random() < 0.8:
            told = step(3, 20)
            held = told + timedelta(days=rnd.randint(1, 20))
            scheduled: dict[str, Any] = {
                "type": "mediation_scheduled",
                "on": told.isoformat(),
                "mediation_on": held.isoformat(),
            }
            if rnd.random() < 0.15:
                scheduled["shorter_notice_agreed"] = True
            if rnd.random() < 0.6:
                events.append(scheduled)
            day = held
            outcome = rnd.choice(("full", "partial", "none"))
            events.append({"type": "mediation_held", "on": held.isoformat(), "agreement": outcome})
            if outcome != "none" and rnd.random() < 0.8:
                actions = []
                for n in range(rnd.randint(1, 3)):
                    action: dict[str, Any] = {
                        "what": f"action {n}",
                        "kind": rnd.choice(ACTION_KINDS),
                    }
                    if action["kind"] == "other" and rnd.random() < 0.3:
                        action["by"] = "icb"
                    if rnd.random() < 0.15:
                        action["agreed_date"] = (
                            held + timedelta(days=rnd.randint(5, 90))
                        ).isoformat()
                    actions.append(action)
                agreement: dict[str, Any] = {
                    "type": "mediation_agreement",
                    "on": held.isoformat(),
                    "actions": actions,
                }
                if rnd.random() < 0.15:
                    agreement["la_party"] = False
                    if rnd.random() < 0.6:
                        events.append(
                            {"type": "agreement_sent_to_la", "on": step(0, 12).isoformat()}
                        )
                events.append(agreement)
                for action in actions:
                    if rnd.random() < 0.6:
                        events.append(
                            {
                                "type": "agreed_action_completed",
                                "on": (held + timedelta(days=rnd.randint(0, 100))).isoformat(),
                                "what": action["what"],
                            }
                        )
            if rnd.random() < 0.85:
                events.append(
                    {
                        "type": "certificate_issued",
                        "on": step(0, 6).isoformat(),
                        "reason": "after_mediation",
                    }
                )
    if rnd.random() < 0.5:
        appeal: dict[str, Any] = {"type": "appeal_registered", "on": step(0, 70).isoformat()}
        if rnd.random() < 0.4:
            appeal["grounds"] = _subset(rnd, DISPUTED)
        events.append(appeal)
    return day


def generate(seed: int, count: int) -> list[tuple[list[dict[str, Any]], date]]:
    """``count`` cases (events, as_of) from ``seed``; the same arguments give the same cases."""
    rnd = random.Random(seed)
    span = (LAST - FIRST).days
    out: list[tuple[list[dict[str, Any]], date]] = []
    for _ in range(count):
        day = FIRST + timedelta(days=rnd.randint(0, span))
        events: list[dict[str, Any]] = []
        if rnd.random() < 0.4:
            events.append(
                {
                    "type": "child_born",
                    "on": (day - timedelta(days=rnd.randint(500, 9500))).isoformat(),
                }
            )
        for _ in range(1 if rnd.random() < 0.8 else rnd.randint(2, 3)):
            day = _dispute(rnd, day, events) + timedelta(days=rnd.randint(1, 200))
        if rnd.random() < 0.03:  # an event with no decision before it: an error
            events.insert(0, {"type": "health_notified", "on": FIRST.isoformat()})
        as_of = min(day + timedelta(days=rnd.randint(-60, 400)), date(2030, 12, 31))
        rnd.shuffle(events)
        out.append((events, max(as_of, FIRST)))
    return out
