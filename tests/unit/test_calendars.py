from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta

import pytest

from send_timescales import KNOWN_UNTIL, DateOutOfRangeError, WorkingDayCalendar
from send_timescales.calendars import FIRST_SUPPORTED, LAST_SUPPORTED, check_date

from ..conftest import DATA, official_bank_holidays


def test_every_day_of_the_official_list_agrees(calendar: WorkingDayCalendar) -> None:
    official = official_bank_holidays()
    day = FIRST_SUPPORTED
    checked = 0
    while day <= date(2027, 12, 31):
        expected = day.weekday() < 5 and day not in official
        assert calendar.is_working_day(day) is expected, (day, official.get(day))
        day += timedelta(days=1)
        checked += 1
    assert checked == 4870


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2022, 6, 2), "moved spring bank holiday (Platinum Jubilee year)"),
        (date(2022, 6, 3), "Platinum Jubilee"),
        (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
        (date(2023, 5, 8), "Coronation of King Charles III"),
        (date(2020, 5, 8), "VE Day 75 (early May moved)"),
        (date(2015, 12, 28), "Boxing Day substitute"),
        (date(2021, 12, 27), "Christmas Day substitute"),
        (date(2021, 12, 28), "Boxing Day substitute"),
        (date(2022, 1, 3), "New Year's Day substitute"),
        (date(2022, 12, 27), "Christmas Day substitute"),
        (date(2023, 1, 2), "New Year's Day substitute"),
        (date(2027, 12, 28), "Boxing Day substitute"),
        (date(2026, 4, 3), "Good Friday"),
    ],
)
def test_one_off_and_substitute_days_are_not_working_days(
    calendar: WorkingDayCalendar, day: date, why: str
) -> None:
    assert day in official_bank_holidays(), why
    assert not calendar.is_working_day(day), why


def test_the_usual_days_around_them_are_working_days(calendar: WorkingDayCalendar) -> None:
    assert calendar.is_working_day(date(2022, 5, 30))  # the spring holiday moved that year
    assert calendar.is_working_day(date(2020, 5, 4))  # early May moved to VE Day
    assert calendar.is_working_day(date(2023, 5, 9))


def test_known_until_is_the_end_of_the_official_list(calendar: WorkingDayCalendar) -> None:
    raw = json.loads((DATA / "bank-holidays-england-and-wales.json").read_text())
    assert calendar.known_until == KNOWN_UNTIL == date.fromisoformat(raw["covers"]["to"])


def test_add_working_days_is_the_nth_working_day_after() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    # Thursday 2 April 2026; Good Friday 3rd and Easter Monday 6th are skipped.
    assert cal.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert cal.add_working_days(date(2026, 4, 2), 3) == date(2026, 4, 9)
    # the start day never counts, even when it is a working day
    assert cal.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 4)
    # a start on a non-working day: the first working day after it is day 1
    assert cal.add_working_days(date(2025, 3, 1), 1) == date(2025, 3, 3)


def test_add_zero_returns_the_date_itself_even_on_a_holiday(calendar: WorkingDayCalendar) -> None:
    assert calendar.add_working_days(date(2025, 12, 25), 0) == date(2025, 12, 25)


def test_subtract_working_days(calendar: WorkingDayCalendar) -> None:
    assert calendar.subtract_working_days(date(2026, 4, 7), 1) == date(2026, 4, 2)
    assert calendar.subtract_working_days(date(2026, 4, 7), 0) == date(2026, 4, 7)
    with pytest.raises(DateOutOfRangeError):
        calendar.subtract_working_days(date(2014, 9, 2), 5)


def test_roll_forward(calendar: WorkingDayCalendar) -> None:
    assert calendar.roll_forward(date(2025, 3, 3)) == date(2025, 3, 3)
    assert calendar.roll_forward(date(2025, 3, 1)) == date(2025, 3, 3)
    assert calendar.roll_forward(date(2022, 12, 24)) == date(2022, 12, 28)


def test_count_working_days_half_open(calendar: WorkingDayCalendar) -> None:
    assert calendar.count_working_days(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert calendar.count_working_days(date(2025, 3, 3), date(2025, 3, 10)) == 5
    assert calendar.count_working_days(date(2025, 3, 10), date(2025, 3, 3)) == -5
    official = official_bank_holidays()
    by_oracle = sum(
        1
        for k in range(1, 366)
        if (d := date(2025, 1, 1) + timedelta(days=k)).weekday() < 5 and d not in official
    )
    assert calendar.count_working_days(date(2025, 1, 1), date(2026, 1, 1)) == by_oracle == 253


def test_extra_closures() -> None:
    cal = WorkingDayCalendar.england_and_wales(
        extra_closures=[date(2025, 12, 29), date(2025, 12, 27)]
    )
    assert not cal.is_working_day(date(2025, 12, 29))
    assert cal.add_working_days(date(2025, 12, 23), 3) == date(2025, 12, 31)
    assert cal.why_not_working(date(2025, 12, 29)) == "local closure"
    assert cal.extra_closures == (date(2025, 12, 27), date(2025, 12, 29))


def test_custom_calendar_from_a_mapping() -> None:
    cal = WorkingDayCalendar(
        {date(2025, 3, 4): "test day"}, first=date(2025, 1, 1), last=date(2025, 12, 31)
    )
    assert cal.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 5)
    assert cal.is_working_day(date(2025, 12, 25))  # only what it was given


def test_why_not_working(calendar: WorkingDayCalendar) -> None:
    assert calendar.why_not_working(date(2025, 3, 3)) is None
    assert calendar.why_not_working(date(2025, 3, 1)) == "Saturday"
    assert calendar.why_not_working(date(2023, 5, 8)) == "Coronation of Charles III"


def test_non_working_days_between_long_span(calendar: WorkingDayCalendar) -> None:
    found = calendar.non_working_days_between(date(2024, 12, 31), date(2025, 12, 31))
    assert [d for d, _ in found] == sorted(
        d for d in official_bank_holidays() if d.year == 2025 and d.weekday() < 5
    )


@pytest.mark.parametrize("bad", [date(2014, 8, 31), date(2101, 1, 1), date(1999, 1, 1)])
def test_out_of_range_dates_name_the_date_and_range(
    calendar: WorkingDayCalendar, bad: date
) -> None:
    with pytest.raises(DateOutOfRangeError) as caught:
        calendar.is_working_day(bad)
    assert isinstance(caught.value, ValueError)
    assert bad.isoformat() in str(caught.value)
    assert "2014-09-01 to 2100-12-31" in str(caught.value)


def test_results_past_the_range_are_errors_not_guesses(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(DateOutOfRangeError, match="2100-12-31"):
        calendar.add_working_days(LAST_SUPPORTED, 1)
    short = WorkingDayCalendar({}, first=date(2025, 1, 1), last=date(2025, 3, 1))  # a Saturday
    with pytest.raises(DateOutOfRangeError, match="2025-03-01"):
        short.roll_forward(date(2025, 3, 1))
    assert calendar.add_working_days(date(2100, 12, 30), 1) == date(2100, 12, 31)


def test_datetimes_are_rejected_not_truncated(calendar: WorkingDayCalendar) -> None:
    moment = datetime(2025, 3, 3, 23, 59)
    for call in (
        lambda: calendar.is_working_day(moment),
        lambda: calendar.add_working_days(moment, 1),
        lambda: calendar.roll_forward(moment),
        lambda: calendar.count_working_days(moment, date(2025, 3, 4)),
    ):
        with pytest.raises(TypeError, match="not a datetime"):
            call()


def test_strings_are_rejected(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(TypeError, match="not str"):
        calendar.add_working_days("2025-03-03", 1)  # type: ignore[arg-type]


def test_negative_and_non_integer_n(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        calendar.add_working_days(date(2025, 3, 3), -1)
    with pytest.raises(TypeError):
        calendar.add_working_days(date(2025, 3, 3), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        calendar.add_working_days(date(2025, 3, 3), True)


def test_check_date_accepts_date_subclasses_by_value() -> None:
    class MyDate(date):
        pass

    assert type(check_date(MyDate(2025, 1, 1))) is date


def test_tables_are_lazy_and_built_once_under_threads() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    assert cal._before is None  # nothing built by construction
    results: list[date] = []

    def work() -> None:
        results.append(cal.add_working_days(date(2025, 12, 23), 3))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [date(2025, 12, 30)] * 8


def test_importing_the_package_builds_nothing() -> None:
    import subprocess
    import sys

    code = (
        "import sys, send_timescales; "
        "assert 'holidays' not in sys.modules, 'holidays imported at import time'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_bad_calendar_bounds() -> None:
    with pytest.raises(ValueError, match="before its first day"):
        WorkingDayCalendar({}, first=date(2025, 1, 2), last=date(2025, 1, 1))


def test_repr(calendar: WorkingDayCalendar) -> None:
    assert "England and Wales" in repr(calendar)
