"""Boundary tests for calendars.py and periods.py found by the mutation test (issue 8).

Each test pins an edge that a one-token mutant used to get past: the first and last day of a
calendar's range, the last working day before its end, the exact wording of an error or an
explanation step. A small calendar (January 2025, with New Year's Day and one local holiday) keeps
the arithmetic checkable by hand: its working days are 2, 3, 6-10, 13-17, 21-24 and 27-31 January
(21 days; Wednesday 1 January and Monday 20 January are holidays).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import pytest

from send_timescales.calendars import WorkingDayCalendar, check_date, parse_date
from send_timescales.errors import DateOutOfRangeError, InputError
from send_timescales.periods import (
    Before,
    Immediately,
    MonthsBefore,
    WeeksBefore,
    WorkingDaysBefore,
    _ordinal,
)

JAN_1, JAN_2, JAN_3 = date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3)
JAN_30, JAN_31 = date(2025, 1, 30), date(2025, 1, 31)
BEFORE, AFTER = date(2024, 12, 31), date(2025, 2, 1)


def tiny(last: date = JAN_31) -> WorkingDayCalendar:
    return WorkingDayCalendar(
        {JAN_1: "New Year's Day", date(2025, 1, 20): "Local day"},
        first=JAN_1,
        last=last,
        name="tiny",
    )


def exact(message: str) -> str:
    return f"^{re.escape(message)}$"


def starts(message: str) -> str:
    return f"^{re.escape(message)}"


def outside(what: str, d: date) -> str:
    return exact(
        f"{what} {d.isoformat()} is outside the supported range 2025-01-01 to 2025-01-31 of the "
        "tiny calendar."
    )


# ------------------------------------------------------------------------- range and past end


def test_roll_forward_at_both_ends() -> None:
    cal = tiny()
    assert cal.roll_forward(JAN_1) == JAN_2  # the first day: a holiday, in range
    assert cal.roll_forward(JAN_31) == JAN_31  # the last working day is the last day
    assert cal.roll_forward(date(2025, 1, 25)) == date(2025, 1, 27)
    with pytest.raises(DateOutOfRangeError, match=outside("date", BEFORE)):
        cal.roll_forward(BEFORE)
    with pytest.raises(DateOutOfRangeError, match=outside("date", AFTER)):
        cal.roll_forward(AFTER)


def test_roll_forward_past_the_end() -> None:
    # Ending on Saturday 25 January: the next working day (Monday 27th) is past the end.
    cal = tiny(last=date(2025, 1, 25))
    assert cal.roll_forward(date(2025, 1, 24)) == date(2025, 1, 24)
    with pytest.raises(
        DateOutOfRangeError,
        match=exact(
            "the next working day on or after 2025-01-25 is after 2025-01-25, the last day the "
            "tiny calendar supports."
        ),
    ):
        cal.roll_forward(date(2025, 1, 25))


def test_add_working_days_at_both_ends() -> None:
    cal = tiny()
    assert cal.add_working_days(JAN_1, 1) == JAN_2
    assert cal.add_working_days(JAN_30, 1) == JAN_31
    assert cal.add_working_days(JAN_31, 0) == JAN_31
    assert cal.add_working_days(JAN_1, 21) == JAN_31
    with pytest.raises(
        DateOutOfRangeError,
        match=exact(
            "2 working days after 2025-01-30 is after 2025-01-31, the last day the tiny calendar "
            "supports."
        ),
    ):
        cal.add_working_days(JAN_30, 2)
    with pytest.raises(DateOutOfRangeError, match=outside("date", BEFORE)):
        cal.add_working_days(BEFORE, 1)
    with pytest.raises(DateOutOfRangeError, match=outside("date", AFTER)):
        cal.add_working_days(AFTER, 1)
    with pytest.raises(TypeError, match=exact("n must be an int, not float (1.0).")):
        cal.add_working_days(JAN_2, 1.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=starts("n must not be negative (got -1); use subtract")):
        cal.add_working_days(JAN_2, -1)


def test_subtract_working_days_at_both_ends() -> None:
    cal = tiny()
    assert cal.subtract_working_days(JAN_3, 1) == JAN_2
    assert cal.subtract_working_days(JAN_31, 20) == JAN_2  # 20 working days, 2 to 30 January
    assert cal.subtract_working_days(JAN_3, 0) == JAN_3
    with pytest.raises(
        DateOutOfRangeError,
        match=exact(
            "2 working days before 2025-01-03 is before 2025-01-01, the first day the tiny "
            "calendar supports."
        ),
    ):
        cal.subtract_working_days(JAN_3, 2)
    with pytest.raises(DateOutOfRangeError, match=outside("date", AFTER)):
        cal.subtract_working_days(AFTER, 1)
    with pytest.raises(
        ValueError, match=starts("n must not be negative (got -1); use add_working")
    ):
        cal.subtract_working_days(JAN_3, -1)


def test_is_working_day_and_count_at_both_ends() -> None:
    cal = tiny()
    assert not cal.is_working_day(JAN_1)
    assert cal.is_working_day(JAN_31)
    assert cal.count_working_days(JAN_1, JAN_31) == 21
    assert cal.count_working_days(JAN_31, JAN_1) == -21
    assert cal.count_working_days(JAN_1, JAN_1) == 0
    assert cal.non_working_days_between(JAN_1, JAN_31) == [(date(2025, 1, 20), "Local day")]
    assert cal.why_not_working(JAN_1) == "New Year's Day"
    assert cal.why_not_working(date(2025, 1, 4)) == "Saturday"
    assert cal.why_not_working(JAN_2) is None
    calls: list[tuple[str, date, Callable[[], object]]] = [
        ("date", BEFORE, lambda: cal.is_working_day(BEFORE)),
        ("date", AFTER, lambda: cal.is_working_day(AFTER)),
        ("a", BEFORE, lambda: cal.count_working_days(BEFORE, JAN_2)),
        ("a", AFTER, lambda: cal.count_working_days(AFTER, JAN_2)),
        ("b", BEFORE, lambda: cal.count_working_days(JAN_2, BEFORE)),
        ("b", AFTER, lambda: cal.count_working_days(JAN_2, AFTER)),
        ("a", BEFORE, lambda: cal.non_working_days_between(BEFORE, JAN_2)),
        ("b", AFTER, lambda: cal.non_working_days_between(JAN_2, AFTER)),
    ]
    for what, day, call in calls:
        with pytest.raises(DateOutOfRangeError, match=outside(what, day)):
            call()


def test_before_the_send_regime_the_message_says_when_it_began() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    with pytest.raises(
        DateOutOfRangeError,
        match=exact(
            "date 2014-08-31 is outside the supported range 2014-09-01 to 2100-12-31 of the "
            "England and Wales calendar (the SEND regime under the Children and Families Act 2014"
            " began on 1 September 2014)."
        ),
    ):
        cal.roll_forward(date(2014, 8, 31))
    assert cal.name == "England and Wales"
    assert cal.first == date(2014, 9, 1)
    assert cal.last == date(2100, 12, 31)


def test_calendar_rejects_a_reversed_range() -> None:
    with pytest.raises(
        ValueError, match=starts("The calendar's last day 2025-01-01 is before its first")
    ):
        WorkingDayCalendar({}, first=JAN_2, last=JAN_1)


# ------------------------------------------------------------------------ dates and parsing


def test_check_date_messages() -> None:
    assert check_date(JAN_2) == JAN_2
    with pytest.raises(
        TypeError, match=starts("date must be a datetime.date, not str ('x'); parse")
    ):
        check_date("x")
    with pytest.raises(
        TypeError, match=starts("on must be a datetime.date, not a datetime (2025-01-02T")
    ):
        check_date(datetime(2025, 1, 2), "on")
    with pytest.raises(TypeError, match=starts("date must be a datetime.date, not str")):
        tiny().roll_forward("2025-01-02")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["20260309", "2026/03/09", "2026-03/09", "2026-3-09", "2026-03-9x", "2026-13-01"]
)
def test_parse_date_rejects_other_forms(text: str) -> None:
    with pytest.raises(
        InputError, match=starts("--as-of must be a date in the form YYYY-MM-DD")
    ) as info:
        parse_date(text, "--as-of")
    assert info.value.code == "date_not_iso"


def test_parse_date_accepts_iso() -> None:
    assert parse_date("2026-03-09") == date(2026, 3, 9)


# ------------------------------------------------------------------------------ periods


def test_ordinals() -> None:
    numbers = (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113)
    assert [_ordinal(n) for n in numbers] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th",
        "21st", "22nd", "23rd", "101st", "111th", "112th", "113th",
    ]  # fmt: skip


def test_backward_periods_describe_and_explain() -> None:
    # Monday 16 June 2025: 2 weeks before is Monday 2 June; 5 months before, Thursday 16 January;
    # 5 working days before, Monday 9 June (the weekend of 14-15 June not counted).
    start = date(2025, 6, 16)
    assert WeeksBefore(2).describe() == "2 weeks"
    assert WeeksBefore(1).describe() == "1 week"
    assert WeeksBefore(2).explain(start) == [
        "2 weeks before Monday 16 June 2025 is Monday 2 June 2025 (C1 counted backwards: a week "
        "is 7 days and the day itself is not counted; docs/interpretations.md#c1)."
    ]
    assert MonthsBefore(5).describe() == "5 months"
    assert MonthsBefore(1).describe() == "1 month"
    assert MonthsBefore(5).explain(start) == [
        "5 months before Monday 16 June 2025 is Thursday 16 January 2025 (C2 counted backwards; "
        'Interpretation Act 1978 Sch 1: "month" means calendar month; '
        "docs/interpretations.md#c2)."
    ]
    assert WorkingDaysBefore(5).describe() == "5 working days"
    assert WorkingDaysBefore(1).describe() == "1 working day"
    assert WorkingDaysBefore(5).end(start) == date(2025, 6, 9)
    assert WorkingDaysBefore(5).explain(start) == [
        "5 working days before Monday 16 June 2025 is Monday 9 June 2025 (C3 counted backwards: "
        "the Nth working day before the date; C4: working days; docs/interpretations.md#c3); "
        "not counted: the weekend."
    ]
    assert Before(0, month=2, day=15).explain(start) == [
        'before 15 February 2025 means by Friday 14 February 2025 (C6: "before" a date means by '
        "the day before it; docs/interpretations.md#c6)."
    ]
    assert Immediately(0).explain(start) == [
        "Immediately: due on Monday 16 June 2025, the day of the event."
    ]
