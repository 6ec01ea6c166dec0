from __future__ import annotations

from datetime import date

import pytest

from send_timescales import (
    AtLeastDays,
    Before,
    Days,
    Immediately,
    Months,
    Weeks,
    WorkingDayCalendar,
    WorkingDays,
    WorkingDaysBefore,
)
from send_timescales.periods import add_months, long_date


def test_dodds_v_walker_pinned() -> None:
    # Dodds v Walker [1981] 1 WLR 1027: notice 30 Sep 1978, four months: 30 Jan 1979.
    # Periods work on any date; only the working-day calendar is range-bound.
    assert Months(4).end(date(1978, 9, 30)) == date(1979, 1, 30)


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 1, 31), 2, date(2025, 3, 31)),  # never chained: not 28 March
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 11, 30), 1, date(2025, 12, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2100, 1, 29), 1, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2000, 1, 29), 1, date(2000, 2, 29)),  # 2000 is
        (date(2025, 3, 10), 0, date(2025, 3, 10)),
    ],
)
def test_months(start: date, n: int, end: date) -> None:
    assert add_months(start, n) == end
    assert Months(n).end(start) == end


def test_months_explain_mentions_clamping() -> None:
    (step,) = Months(2).explain(date(2025, 12, 31))
    assert "February 2026 has no 31st" in step
    assert "Saturday 28 February 2026" in step
    (step,) = Months(2).explain(date(2025, 10, 1))
    assert "corresponding date" in step


def test_days_weeks() -> None:
    assert Days(30).end(date(2025, 1, 31)) == date(2025, 3, 2)
    assert Days(0).end(date(2025, 1, 31)) == date(2025, 1, 31)
    assert Weeks(20).end(date(2025, 1, 6)) == date(2025, 5, 26)
    assert Weeks(1).describe() == "1 week"
    assert "docs/interpretations.md#c1" in Days(30).explain(date(2025, 1, 1))[0]


def test_working_days_explain_names_bank_holidays(calendar: WorkingDayCalendar) -> None:
    (step,) = WorkingDays(3).explain(date(2023, 5, 5), calendar)
    assert "Coronation of Charles III" in step
    assert "Thursday 11 May 2023" in step


def test_working_days_without_holidays_say_nothing_extra(calendar: WorkingDayCalendar) -> None:
    (step,) = WorkingDays(3).explain(date(2025, 3, 3), calendar)
    assert "not counted" not in step


def test_at_least_days_c5() -> None:
    period = AtLeastDays(15)
    assert period.end(date(2025, 3, 3)) == date(2025, 3, 17)
    assert period.earliest_next_step(date(2025, 3, 3)) == date(2025, 3, 18)
    assert "beginning with the day of service" in period.describe()


def test_before_c6() -> None:
    assert Before(0, month=2, day=15).end(date(2026, 1, 1)) == date(2026, 2, 14)
    assert Before(0, month=3, day=31).end(date(2024, 6, 1)) == date(2024, 3, 30)
    assert "by Saturday 14 February 2026" in Before(0, month=2, day=15).explain(date(2026, 1, 1))[0]


def test_working_days_before(calendar: WorkingDayCalendar) -> None:
    # mediation on Tuesday 7 April 2026: back over Easter Monday and Good Friday
    assert WorkingDaysBefore(5).end(date(2026, 4, 7), calendar) == date(2026, 3, 27)
    (step,) = WorkingDaysBefore(5).explain(date(2026, 4, 7), calendar)
    assert "Good Friday" in step
    assert "Easter Monday" in step


def test_immediately() -> None:
    assert Immediately(0).end(date(2025, 3, 3)) == date(2025, 3, 3)


@pytest.mark.parametrize("bad", [-1, 1.5, "2"])
def test_periods_reject_bad_lengths(bad: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        Months(bad)  # type: ignore[arg-type]


def test_long_date() -> None:
    assert long_date(date(2026, 1, 2)) == "Friday 2 January 2026"


def test_periods_are_hashable_values() -> None:
    assert Months(2) == Months(2)
    assert len({Months(2), Months(2), Weeks(2)}) == 2


# ---------------------------------------------------------------------------- exact wording
# Explanations are what a caseworker reads: their words are pinned here (dates worked by hand).


def test_the_period_of_12_months_starting_with_a_day_is_worded_exactly() -> None:
    from send_timescales.periods import MonthsStartingWith

    # 29 Feb 2024: the corresponding date 12 months later is 28 Feb 2025 (no 29th); the day
    # before it, Thu 27 Feb 2025, is the last day of the period.
    [step] = MonthsStartingWith(12).explain(date(2024, 2, 29))
    assert step == (
        "The period of 12 months starting with Thursday 29 February 2024 (that day is its first) "
        "ends on Thursday 27 February 2025, the day before the corresponding date Friday "
        '28 February 2025 (C2 and C5: "starting with" the day, which is day 1; the period ends '
        "the day before the corresponding date; docs/interpretations.md#c2)."
    )
    assert MonthsStartingWith(12).describe() == "the period of 12 months starting with the day"
    assert MonthsStartingWith(1).describe() == "the period of 1 month starting with the day"


def test_periods_counted_back_are_worded_exactly() -> None:
    from send_timescales.periods import MonthsBefore, WeeksBefore

    # Mon 16 Jun 2025 - 14 days = Mon 2 Jun 2025
    assert WeeksBefore(2).explain(date(2025, 6, 16)) == [
        "2 weeks before Monday 16 June 2025 is Monday 2 June 2025 (C1 counted backwards: a week "
        "is 7 days and the day itself is not counted; docs/interpretations.md#c1)."
    ]
    # Mon 5 Jan 2026 - 5 months = Tue 5 Aug 2025
    assert MonthsBefore(5).explain(date(2026, 1, 5)) == [
        "5 months before Monday 5 January 2026 is Tuesday 5 August 2025 (C2 counted backwards; "
        'Interpretation Act 1978 Sch 1: "month" means calendar month; '
        "docs/interpretations.md#c2)."
    ]
    assert (WeeksBefore(1).describe(), MonthsBefore(1).describe()) == ("1 week", "1 month")


def test_the_protected_period_is_worded_exactly() -> None:
    # served Fri 28 Feb 2025: day 15 is Fri 14 Mar 2025, the next step from Sat 15 Mar 2025
    assert AtLeastDays(15).explain(date(2025, 2, 28)) == [
        "At least 15 days beginning with Friday 28 February 2025 (day 1) end on Friday 14 March "
        "2025; the next step may come from Saturday 15 March 2025 (C5: the day of service is "
        "day 1; docs/interpretations.md#c5)."
    ]


def test_before_a_fixed_date_is_worded_exactly() -> None:
    # before 15 February 2026 (a Sunday): by Saturday 14 February 2026
    assert Before(0, month=2, day=15).explain(date(2026, 1, 1)) == [
        'before 15 February 2026 means by Saturday 14 February 2026 (C6: "before" a date means '
        "by the day before it; docs/interpretations.md#c6)."
    ]


def test_skipped_days_are_listed_with_and(calendar: WorkingDayCalendar) -> None:
    # Thu 18 Dec 2025 + 5 working days: Fri 19, Mon 22, Tue 23, Wed 24, Mon 29 Dec 2025 (25 and
    # 26 December are bank holidays, 20-21 and 27-28 weekends)
    [step] = WorkingDays(5).explain(date(2025, 12, 18), calendar)
    assert step.endswith(
        "; not counted: Thursday 25 December 2025 (Christmas Day), Friday 26 December 2025 "
        "(Boxing Day), and weekends."
    )
    # one weekend only: "the weekend"
    [step] = WorkingDays(3).explain(date(2025, 3, 6), calendar)
    assert step.endswith("; not counted: the weekend.")
