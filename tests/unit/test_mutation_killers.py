"""Tests that kill known mutation-test survivors (issue 8).

Each test pins one legal boundary that a one-token change to ``rules/``, ``periods.py`` or
``calendars.py`` used to get past the suite. The expected dates are computed by hand from the law
and the England and Wales bank-holiday list (tests/data/bank-holidays-england-and-wales.json);
the comments show the working. Run the mutation test itself with ``scripts/mutation.sh``
(docs/testing.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import send_timescales as st
from send_timescales.calendars import KNOWN_UNTIL, WorkingDayCalendar
from send_timescales.periods import long_date

Event = dict[str, Any]


def _deadline(events: list[Event], rule_id: str, as_of: str) -> st.Deadline:
    deadline = st.evaluate(events, as_of=as_of).deadline(rule_id)
    assert deadline is not None, rule_id
    return deadline


def _finding_codes(events: list[Event], as_of: str) -> list[str]:
    return [f.code for f in st.evaluate(events, as_of=as_of).findings]


# ------------------------------------------------------------------ 1. HESC r.12(3)(a) Christmas


@pytest.mark.parametrize(
    ("sent", "limit", "due"),
    [
        # 25 Oct 2025 + 2 months = Thursday 25 December 2025 (Christmas Day). r.12(3)(a): the
        # appeal is in time on the first working day after 1 January. 1 January 2026 is a
        # Thursday (New Year's Day, a bank holiday), so Friday 2 January 2026. Treating 25 Dec
        # as outside the window would roll it forward under r.12(2) past Christmas Day, Boxing
        # Day (Friday 26th) and the weekend to Monday 29 December 2025: wrong.
        ("2025-10-25", date(2025, 12, 25), date(2026, 1, 2)),
        # 26 Oct 2025 + 2 months = Friday 26 December 2025 (Boxing Day): same window, 2 Jan.
        ("2025-10-26", date(2025, 12, 26), date(2026, 1, 2)),
        # 31 Oct 2025 + 2 months = Wednesday 31 December 2025, a working day but in the window:
        # r.12(3)(a) still moves it to Friday 2 January 2026 (r.12(2) alone would keep 31 Dec).
        ("2025-10-31", date(2025, 12, 31), date(2026, 1, 2)),
        # 1 Nov 2025 + 2 months = Thursday 1 January 2026, the last day of the window: 2 Jan.
        ("2025-11-01", date(2026, 1, 1), date(2026, 1, 2)),
        # 24 Oct 2025 + 2 months = Wednesday 24 December 2025: a working day before the window,
        # so it stands.
        ("2025-10-24", date(2025, 12, 24), date(2025, 12, 24)),
        # 2 Nov 2025 + 2 months = Friday 2 January 2026: after the window, a working day, stands.
        ("2025-11-02", date(2026, 1, 2), date(2026, 1, 2)),
        # 27 Oct 2024 + 2 months = Friday 27 December 2024: window, so the first working day
        # after Wednesday 1 January 2025 is Thursday 2 January 2025.
        ("2024-10-27", date(2024, 12, 27), date(2025, 1, 2)),
        # 30 Oct 2026 + 2 months = Wednesday 30 December 2026: window; 1 January 2027 is a
        # Friday (bank holiday), then a weekend, so Monday 4 January 2027.
        ("2026-10-30", date(2026, 12, 30), date(2027, 1, 4)),
    ],
)
def test_appeal_christmas_window_moves_to_first_working_day_after_new_year(
    sent: str, limit: date, due: date
) -> None:
    events: list[Event] = [{"type": "decision_notice", "on": sent, "decision": "refuse_assessment"}]
    deadline = _deadline(events, "appeal.register", sent)
    assert deadline.due == due
    text = " ".join(deadline.explanation)
    assert long_date(limit) in text
    if limit != due:
        assert "r.12" in text


def test_appeal_august_window_moves_to_first_working_day_after_31_august() -> None:
    # 30 June 2025 + 2 months = Saturday 30 August 2025: r.12(3)(a), in August, so the first
    # working day after Sunday 31 August is Monday 1 September 2025.
    # 31 May 2025 + 2 months = Thursday 31 July 2025: not August, a working day, stands.
    # 1 June 2025 + 2 months = Friday 1 August 2025: August, so Monday 1 September 2025.
    cases = {
        "2025-06-30": date(2025, 9, 1),
        "2025-05-31": date(2025, 7, 31),
        "2025-06-01": date(2025, 9, 1),
    }
    for sent, due in cases.items():
        events: list[Event] = [
            {"type": "decision_notice", "on": sent, "decision": "refuse_assessment"}
        ]
        assert _deadline(events, "appeal.register", sent).due == due, sent


# ------------------------------------------------------------ 2. the first certificate is used


def test_appeal_certificate_limb_counts_from_the_first_certificate() -> None:
    # HESC r.20(1)(c): 2 months after the notice was sent (10 January 2025 -> Monday 10 March
    # 2025), or 1 month from the date of issue of the certificate if later. Two certificates:
    # the first (20 February 2025) gives Thursday 20 March 2025, later than 10 March, so the
    # limit is 20 March (C9: the first certificate, the earlier date). Counting from the
    # second (5 March 2025) would give Saturday 5 April -> Monday 7 April 2025.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-02-10", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-02-20", "reason": "declined"},
        {"type": "certificate_issued", "on": "2025-03-05", "reason": "declined"},
    ]
    deadline = _deadline(events, "appeal.register", "2025-03-06")
    assert deadline.due == date(2025, 3, 20)
    assert deadline.status == "pending"
    assert any("2 certificates were issued; the first is used" in s for s in deadline.explanation)


def test_appeal_single_certificate_limb_is_later_than_notice_limb() -> None:
    # The same case with only the second certificate: 5 March 2025 + 1 month = Saturday 5 April
    # 2025, not a working day, so r.12(2) moves it to Monday 7 April 2025, later than 10 March.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": "2025-02-10", "wants_mediation": False},
        {"type": "certificate_issued", "on": "2025-03-05", "reason": "declined"},
    ]
    assert _deadline(events, "appeal.register", "2025-03-06").due == date(2025, 4, 7)


# ---------------------------------------------------- 3. school named after a mediation agreement


def _agreement(kind: str, on: str = "2025-03-12") -> list[Event]:
    return [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "plan_finalised"},
        {"type": "adviser_contacted", "on": "2025-01-20", "wants_mediation": True},
        {"type": "mediation_requested", "on": "2025-01-21"},
        {"type": "mediation_held", "on": on, "agreement": "full"},
        {
            "type": "mediation_agreement",
            "on": on,
            "actions": [{"what": "name Oak School", "kind": kind}],
        },
    ]


def test_agreed_placement_amendment_is_due_in_2_weeks() -> None:
    # Reg 42(2) applies the reg 44 limits as if the agreement were an order; reg 44(2)(f), the
    # school named: 2 weeks. Wednesday 12 March 2025 + 14 days = Wednesday 26 March 2025
    # (3 weeks would be 2 April).
    deadline = _deadline(
        _agreement("amend_placement"), "mediation.agreement.appealable", "2025-03-13"
    )
    assert deadline.due == date(2025, 3, 26)
    assert deadline.subject is not None
    assert deadline.subject.startswith("name Oak School")


def test_agreed_plan_amendment_is_due_in_5_weeks() -> None:
    # Reg 44(2)(e), amend the plan: 5 weeks. 12 March 2025 + 35 days = Wednesday 16 April 2025.
    deadline = _deadline(_agreement("amend_plan"), "mediation.agreement.appealable", "2025-03-13")
    assert deadline.due == date(2025, 4, 16)


def test_ordered_placement_amendment_is_due_in_2_weeks() -> None:
    # Reg 44(2)(f) directly: an order made on Friday 7 March 2025 + 14 days = Friday 21 March.
    events: list[Event] = [
        {"type": "tribunal_order", "on": "2025-03-07", "order": "amend_placement"}
    ]
    deadline = _deadline(events, "tribunal.order.amend_placement", "2025-03-08")
    assert deadline.due == date(2025, 3, 21)


# ------------------------------------------------------------ 4. Section I only: no certificate


@pytest.mark.parametrize(
    ("disputed", "required"),
    [
        # CFA 2014 s.55(2): no certificate is needed for an appeal only about the school or type
        # of school named in the plan, or that none is named, whether one or both are disputed.
        (["placement", "no_placement"], False),
        (["placement"], False),
        (["no_placement"], False),
        (["placement", "provision"], True),
        (["needs"], True),
    ],
)
def test_certificate_not_required_for_section_i_only(disputed: list[str], required: bool) -> None:
    events: list[Event] = [
        {
            "type": "decision_notice",
            "on": "2025-01-10",
            "decision": "plan_amended",
            "disputed": disputed,
        }
    ]
    report = st.evaluate(events, as_of="2025-01-11")
    assert report.eligibility.appealable
    assert report.eligibility.certificate_required is required


def test_section_i_appeal_without_certificate_is_not_flagged() -> None:
    # The appeal's grounds are both Section I values: no appeal_without_certificate finding.
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "appeal_registered", "on": "2025-02-01", "grounds": ["placement", "no_placement"]},
    ]
    assert "appeal_without_certificate" not in _finding_codes(events, "2025-02-02")
    events[1]["grounds"] = ["placement", "needs"]
    assert "appeal_without_certificate" in _finding_codes(events, "2025-02-02")


# -------------------------------------------------------------- 5. provisional after known_until


def test_known_until_is_the_end_of_2027() -> None:
    assert date(2027, 12, 31) == KNOWN_UNTIL
    assert WorkingDayCalendar.england_and_wales().known_until == date(2027, 12, 31)


@pytest.mark.parametrize(
    ("order_on", "due", "provisional"),
    [
        # Reg 44(2)(f), 2 weeks: Friday 17 December 2027 + 14 days = Friday 31 December 2027,
        # the calendar's known_until itself: not provisional (only dates AFTER it are).
        ("2027-12-17", date(2027, 12, 31), False),
        # Saturday 18 December 2027 + 14 days = Saturday 1 January 2028: after known_until.
        # (Reg 44 limits do not move off a non-working day, C7.)
        ("2027-12-18", date(2028, 1, 1), True),
        # Thursday 16 December 2027 + 14 days = Thursday 30 December 2027.
        ("2027-12-16", date(2027, 12, 30), False),
    ],
)
def test_due_on_known_until_is_not_provisional(order_on: str, due: date, provisional: bool) -> None:
    events: list[Event] = [{"type": "tribunal_order", "on": order_on, "order": "amend_placement"}]
    report = st.evaluate(events, as_of=order_on)
    deadline = report.deadline("tribunal.order.amend_placement")
    assert deadline is not None
    assert deadline.due == due
    assert deadline.provisional is provisional
    assert ("provisional_due_date" in [f.code for f in report.findings]) is provisional


# ------------------------------------------- 6. adviser contacted on the last day of the 2 months


@pytest.mark.parametrize(
    ("contacted", "status"),
    [
        # Notice sent Friday 10 January 2025; the 2-month limb ends Monday 10 March 2025. The
        # adviser contacted on 10 March (the last day, "on or before" the end) keeps the appeal
        # pending while the certificate is awaited (r.20(1)(c)(ii) may still give a later date).
        ("2025-03-10", "pending"),
        ("2025-03-07", "pending"),
        # Contacted on 11 March, after the limb ended: nothing holds it open, so it is overdue.
        ("2025-03-11", "overdue"),
    ],
)
def test_adviser_contact_on_last_day_keeps_appeal_pending(contacted: str, status: str) -> None:
    events: list[Event] = [
        {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
        {"type": "adviser_contacted", "on": contacted, "wants_mediation": True},
    ]
    report = st.evaluate(events, as_of="2025-03-20")
    deadline = report.deadline("appeal.register")
    assert deadline is not None
    assert deadline.due == date(2025, 3, 10)
    assert deadline.status == status
    codes = [f.code for f in report.findings if f.rule_id == "appeal.register"]
    assert ("appeal_awaiting_certificate" in codes) is (status == "pending")
