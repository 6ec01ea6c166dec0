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
