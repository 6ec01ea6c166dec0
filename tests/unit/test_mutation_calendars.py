"""Tests that kill mutation-test survivors in ``calendars.py`` and ``periods.py`` (issue 8).

They pin what a caller of the working-day calendar and the periods relies on: which days a
freshly built calendar names and why, the bounds and name a calendar (and its statutory copy
without local closures) keeps, the errors that name the bad argument, and the "not counted"
part of a working-day explanation.

The default England and Wales calendar is built once per process and cached, so a mutant in its
builders (``_holidays``, ``_build``) only runs when a test builds a FRESH calendar: the tests
below that need the builders construct their own. Expected dates come by hand from the official
list (tests/data/bank-holidays-england-and-wales.json); the comments show the working. Holiday
names are the ``holidays`` package's (the calendar's source), used only where the official list
gives the same name.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from send_timescales import DateOutOfRangeError, InputError, WorkingDayCalendar
from send_timescales.calendars import parse_date
from send_timescales.periods import (
    AtLeastDays,
    Days,
    WorkingDays,
    WorkingDaysBefore,
)

MOMENT = datetime(2025, 3, 3, 9, 30)  # a Monday morning: a datetime, never a legal date


# ------------------------------------------------------------ 1. input checking and its messages


def test_a_datetime_is_refused_with_the_advice_to_pass_its_date() -> None:
    with pytest.raises(
        TypeError,
        match=r"^date must be a datetime\.date, not a datetime \(2025-03-03T09:30:00\); legal "
        r"dates have no time of day: pass value\.date\(\) if that is what you mean\.$",
    ):
        WorkingDayCalendar.england_and_wales().is_working_day(MOMENT)


def test_parse_date_names_the_value_it_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_date("09/03/2026")
    error = caught.value
    assert str(error) == "date must be a date in the form YYYY-MM-DD, not '09/03/2026'."
    assert error.code == "date_not_iso"
    assert error.field == "date"
    assert error.value == "'09/03/2026'"


@pytest.mark.parametrize(
    "text",
    [
        # An ISO week date, 10 characters with "-" at index 4 but not at 7: date.fromisoformat
        # (Python 3.11+) reads it as Monday 2 March 2026, but it is not YYYY-MM-DD.
        "2026-W10-1",
        # Too short to have a 5th or 8th character: still an InputError, never an IndexError.
        "2026-3",
        "",
    ],
)
def test_parse_date_takes_only_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(InputError, match="must be a date in the form YYYY-MM-DD"):
        parse_date(text, "on")


@pytest.mark.parametrize("argument", ["first", "last", "known_until"])
def test_calendar_bounds_that_are_not_dates_are_named(argument: str) -> None:
    with pytest.raises(TypeError, match=rf"^{argument} must be a datetime\.date, not str"):
        WorkingDayCalendar({}, **{argument: "2025-01-01"})  # type: ignore[arg-type]


def test_an_extra_closure_that_is_not_a_date_is_named() -> None:
    with pytest.raises(TypeError, match=r"^extra_closures item must be a datetime\.date, not str"):
        WorkingDayCalendar.england_and_wales(extra_closures=["2025-12-29"])  # type: ignore[list-item]


def test_count_working_days_names_the_bad_end() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    with pytest.raises(TypeError, match=r"^a must be a datetime\.date, not a datetime"):
        cal.count_working_days(MOMENT, date(2025, 3, 10))
    with pytest.raises(TypeError, match=r"^b must be a datetime\.date, not a datetime"):
        cal.count_working_days(date(2025, 3, 3), MOMENT)


def test_non_working_days_between_and_subtract_refuse_datetimes_by_name() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    with pytest.raises(TypeError, match=r"^a must be a datetime\.date, not a datetime"):
        cal.non_working_days_between(MOMENT, date(2025, 3, 10))
    with pytest.raises(TypeError, match=r"^b must be a datetime\.date, not a datetime"):
        cal.non_working_days_between(date(2025, 3, 1), MOMENT)
    with pytest.raises(TypeError, match=r"^date must be a datetime\.date, not a datetime"):
        cal.subtract_working_days(MOMENT, 1)


def test_subtract_working_days_names_a_non_integer_count() -> None:
    with pytest.raises(TypeError, match=r"^n must be an int, not float \(1\.5\)\.$"):
        WorkingDayCalendar.england_and_wales().subtract_working_days(date(2025, 3, 3), 1.5)  # type: ignore[arg-type]


# ------------------------------------------------------------ 2. a fresh calendar's first call


def test_count_working_days_as_the_first_call_builds_the_tables() -> None:
    # (Thursday 2 April 2026, Tuesday 7 April 2026]: Good Friday 3rd, the weekend and Easter
    # Monday 6th are skipped, so only Tuesday 7th counts.
    cal = WorkingDayCalendar.england_and_wales()
    assert cal.count_working_days(date(2026, 4, 2), date(2026, 4, 7)) == 1


def test_non_working_days_between_as_the_first_call_builds_the_tables() -> None:
    # (Friday 5 May 2023, Tuesday 9 May 2023]: Monday 8 May 2023 was the Coronation bank holiday.
    cal = WorkingDayCalendar.england_and_wales()
    assert [d for d, _ in cal.non_working_days_between(date(2023, 5, 5), date(2023, 5, 9))] == [
        date(2023, 5, 8)
    ]


# ------------------------------------------------------------ 3. what a fresh calendar names


def test_a_bank_holiday_on_a_saturday_is_not_named_its_substitute_is() -> None:
    # 2026: Christmas Day is Friday 25 December; Boxing Day falls on Saturday 26th, so the bank
    # holiday is the substitute day, Monday 28 December (official list). Saturday the 26th is
    # not a working day because it is a Saturday, and the named days in (24 Dec, 29 Dec] are
    # the 25th and the 28th only.
    cal = WorkingDayCalendar.england_and_wales()
    assert cal.why_not_working(date(2026, 12, 26)) == "Saturday"
    named = cal.non_working_days_between(date(2026, 12, 24), date(2026, 12, 29))
    assert [d for d, _ in named] == [date(2026, 12, 25), date(2026, 12, 28)]
    assert named[0][1] == "Christmas Day"


def test_a_local_closure_on_a_saturday_is_just_a_saturday() -> None:
    # Closures on Saturday 27 and Monday 29 December 2025. (Wed 24 Dec, Wed 31 Dec 2025] names
    # Christmas Day (Thursday 25th), Boxing Day (Friday 26th) and the closure on the 29th; the
    # 27th is a weekend day, not a closure.
    cal = WorkingDayCalendar.england_and_wales(
        extra_closures=[date(2025, 12, 27), date(2025, 12, 29)]
    )
    assert cal.why_not_working(date(2025, 12, 27)) == "Saturday"
    assert cal.why_not_working(date(2025, 12, 29)) == "local closure"
    assert cal.non_working_days_between(date(2025, 12, 24), date(2025, 12, 31)) == [
        (date(2025, 12, 25), "Christmas Day"),
        (date(2025, 12, 26), "Boxing Day"),
        (date(2025, 12, 29), "local closure"),
    ]


def test_a_short_default_calendar_knows_the_holidays_of_its_own_years() -> None:
    # An England and Wales calendar for 2025 alone: Thursday 25 December 2025 (Christmas Day)
    # is a bank holiday; Friday 2 January 2026 is a working day, just past its end (the tables
    # run a few weeks on so that the next working day after 31 December is found).
    cal = WorkingDayCalendar(first=date(2025, 1, 1), last=date(2025, 12, 31), name="2025")
    assert not cal.is_working_day(date(2025, 12, 25))
    assert cal.why_not_working(date(2025, 12, 25)) == "Christmas Day"
    # 31 Dec 2025 + 1 working day: Thursday 1 January 2026 is New Year's Day, so Friday 2nd,
    # which lies past `last`: an error, not a guess.
    with pytest.raises(DateOutOfRangeError, match="after 2025-12-31"):
        cal.add_working_days(date(2025, 12, 31), 1)
    # 30 Dec 2025 + 1 working day: Wednesday 31 December, the last day, is fine.
    assert cal.add_working_days(date(2025, 12, 30), 1) == date(2025, 12, 31)


# ------------------------------------------------------------ 4. one-day calendars


def test_a_one_day_calendar_on_a_working_day() -> None:
    # first == last is a valid range. Monday 3 March 2025 is a working day; the next one is
    # Tuesday 4 March, past the calendar's end.
    monday = date(2025, 3, 3)
    cal = WorkingDayCalendar({}, first=monday, last=monday)
    assert cal.is_working_day(monday)
    assert cal.roll_forward(monday) == monday
    with pytest.raises(DateOutOfRangeError, match="after 2025-03-03"):
        cal.add_working_days(monday, 1)


def test_a_calendar_with_no_working_day_answers_nothing_past_its_end() -> None:
    # Saturday 1 March 2025 alone: no working day in range, so neither the next working day
    # (Monday 3 March, past the end) nor 1 working day after it can be given.
    saturday = date(2025, 3, 1)
    cal = WorkingDayCalendar({}, first=saturday, last=saturday)
    assert not cal.is_working_day(saturday)
    with pytest.raises(DateOutOfRangeError, match="after 2025-03-01"):
        cal.roll_forward(saturday)
    with pytest.raises(DateOutOfRangeError, match="after 2025-03-01"):
        cal.add_working_days(saturday, 1)


def test_a_calendar_without_a_name_is_called_custom_in_its_errors() -> None:
    cal = WorkingDayCalendar({}, first=date(2025, 1, 1), last=date(2025, 12, 31))
    assert cal.name == "custom"
    with pytest.raises(
        DateOutOfRangeError,
        match=r"^date 2026-01-05 is outside the supported range 2025-01-01 to 2025-12-31 of the "
        r"custom calendar\.$",
    ):
        cal.is_working_day(date(2026, 1, 5))


# ------------------------------------------------------------ 5. the statutory calendar


def test_without_closures_keeps_the_given_days_bounds_and_name() -> None:
    # A custom calendar: one given holiday (Tuesday 4 March 2025), one local closure
    # (Wednesday 5 March 2025), range 2025, known until 30 June 2025.
    cal = WorkingDayCalendar(
        {date(2025, 3, 4): "test day"},
        extra_closures=[date(2025, 3, 5)],
        known_until=date(2025, 6, 30),
        first=date(2025, 1, 1),
        last=date(2025, 12, 31),
        name="test",
    )
    statutory = cal.without_closures()
    assert statutory.why_not_working(date(2025, 3, 4)) == "test day"
    assert statutory.is_working_day(date(2025, 3, 5))  # the closure is gone
    assert statutory.is_working_day(date(2025, 12, 25))  # still only the given days
    # Monday 3 March + 1 working day: Tuesday 4th is the given holiday, so Wednesday 5th (the
    # calendar with its closure would say Thursday 6th).
    assert statutory.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 5)
    assert cal.add_working_days(date(2025, 3, 3), 1) == date(2025, 3, 6)
    assert (statutory.first, statutory.last) == (date(2025, 1, 1), date(2025, 12, 31))
    assert statutory.known_until == date(2025, 6, 30)
    assert statutory.name == "test"
    assert statutory.extra_closures == ()
    with pytest.raises(
        DateOutOfRangeError,
        match=r"^date 2024-12-31 is outside the supported range 2025-01-01 to 2025-12-31 of the "
        r"test calendar\.$",
    ):
        statutory.is_working_day(date(2024, 12, 31))
    assert cal.without_closures() is statutory  # built once and kept


def test_a_calendar_without_closures_is_its_own_statutory_calendar() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    assert cal.without_closures() is cal  # no second set of tables to build


# ------------------------------------------------------------ 6. periods


def test_working_days_count_on_the_calendar_given() -> None:
    # Tuesday 23 December 2025 + 3 working days: Wednesday 24th (1); Christmas Day and Boxing
    # Day (Thursday 25th, Friday 26th) and the weekend skipped; Monday 29th (2), Tuesday 30th (3).
    # With an office closure on Monday 29th: Tuesday 30th (2), Wednesday 31st (3).
    closed = WorkingDayCalendar.england_and_wales(extra_closures=[date(2025, 12, 29)])
    assert WorkingDays(3).end(date(2025, 12, 23)) == date(2025, 12, 30)
    assert WorkingDays(3).end(date(2025, 12, 23), closed) == date(2025, 12, 31)
    text = WorkingDays(3).explain(date(2025, 12, 23), closed)[0]
    assert text.startswith("3 working days after Tuesday 23 December 2025 is Wednesday 31 ")
    assert "Monday 29 December 2025 (local closure)" in text


def _after(n: int, start: str, end: str) -> str:
    return f"{WorkingDays(n).describe()} after {start} is {end} ({WorkingDays(n).rule})"


def test_explanation_names_a_holiday_and_no_weekend_when_none_was_skipped() -> None:
    # Tuesday 31 December 2024 + 1 working day: Wednesday 1 January 2025 is New Year's Day, so
    # Thursday 2 January 2025. One holiday, no weekend day, in between.
    assert WorkingDays(1).explain(date(2024, 12, 31)) == [
        _after(1, "Tuesday 31 December 2024", "Thursday 2 January 2025")
        + "; not counted: Wednesday 1 January 2025 (New Year's Day)."
    ]


def test_explanation_says_nothing_was_skipped_by_saying_nothing() -> None:
    # Monday 3 March 2025 + 1 working day = Tuesday 4 March 2025: nothing in between.
    assert WorkingDays(1).explain(date(2025, 3, 3)) == [
        _after(1, "Monday 3 March 2025", "Tuesday 4 March 2025") + "."
    ]


def test_explanation_counts_a_single_weekend_day_as_the_weekend() -> None:
    # Saturday 1 March 2025 + 1 working day = Monday 3 March 2025; Sunday 2nd was passed over.
    assert WorkingDays(1).explain(date(2025, 3, 1)) == [
        _after(1, "Saturday 1 March 2025", "Monday 3 March 2025") + "; not counted: the weekend."
    ]


def test_explanation_says_weekends_for_more_than_one_weekend() -> None:
    # Saturday 1 March 2025 + 6 working days: Monday 3 to Friday 7 March (5), Monday 10 March
    # (6). Passed over: Sunday 2nd and Saturday 8th/Sunday 9th, three weekend days.
    assert WorkingDays(6).explain(date(2025, 3, 1)) == [
        _after(6, "Saturday 1 March 2025", "Monday 10 March 2025") + "; not counted: weekends."
    ]


def test_explanation_joins_a_holiday_and_the_weekend_with_and() -> None:
    # Good Friday, 3 April 2026, + 1 working day: Saturday 4th, Sunday 5th, Easter Monday 6th
    # skipped, so Tuesday 7 April 2026.
    assert WorkingDays(1).explain(date(2026, 4, 3)) == [
        _after(1, "Friday 3 April 2026", "Tuesday 7 April 2026")
        + "; not counted: Monday 6 April 2026 (Easter Monday), and the weekend."
    ]


def test_working_days_before_explains_only_the_days_between() -> None:
    # 1 working day before Friday 7 March 2025 is Thursday 6 March 2025: nothing in between (the
    # weekend after the Friday is not part of the count).
    rule = WorkingDaysBefore(1).rule
    assert WorkingDaysBefore(1).explain(date(2025, 3, 7)) == [
        f"1 working day before Friday 7 March 2025 is Thursday 6 March 2025 ({rule})."
    ]
    # 1 working day before Tuesday 22 April 2025 is Thursday 17 April 2025: Good Friday (18th),
    # the weekend and Easter Monday (21st) lie between.
    assert WorkingDaysBefore(1).explain(date(2025, 4, 22)) == [
        f"1 working day before Tuesday 22 April 2025 is Thursday 17 April 2025 ({rule}); not "
        "counted: Friday 18 April 2025 (Good Friday), Monday 21 April 2025 (Easter Monday), and "
        "the weekend."
    ]


def test_at_least_zero_days_ends_on_the_day_of_service() -> None:
    # "At least 0 days beginning with" service leaves no period: it ends on the day itself, not
    # the day before.
    assert AtLeastDays(0).end(date(2025, 3, 3)) == date(2025, 3, 3)


def test_a_negative_period_is_refused_by_its_type_name() -> None:
    with pytest.raises(
        ValueError, match=r"^Days needs a whole number of units, zero or more; got -1\.$"
    ):
        Days(-1)
