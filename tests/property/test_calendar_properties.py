"""Properties of the working-day calendar, against a day-by-day oracle built on `holidays`."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from hypothesis import example, given
from hypothesis import strategies as st

from send_timescales import WorkingDayCalendar

CAL = WorkingDayCalendar.england_and_wales()
# Late enough to cross 2100 would overflow the range with m + n = 800 working days.
# 800 working days (two counts) are a little over 3 years: stay clear of the 2100 end.
days = st.dates(min_value=date(2014, 9, 1), max_value=date(2096, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@lru_cache(maxsize=1)
def _holidays() -> frozenset[date]:
    from holidays.countries.united_kingdom import UnitedKingdom

    return frozenset(UnitedKingdom(subdiv="ENG", years=range(2014, 2102)))  # type: ignore[no-untyped-call]


def oracle_is_working(d: date) -> bool:
    return d.weekday() < 5 and d not in _holidays()


def oracle_add(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if oracle_is_working(d):
            n -= 1
    return d


@given(days, st.integers(min_value=1, max_value=400))
@example(date(2022, 6, 1), 1)  # across the Platinum Jubilee
@example(date(2023, 5, 5), 1)  # across the Coronation
@example(date(2025, 12, 24), 1)
def test_add_agrees_with_a_day_by_day_oracle(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) == oracle_add(d, n)


@given(days)
def test_is_working_day_agrees_with_oracle(d: date) -> None:
    assert CAL.is_working_day(d) is oracle_is_working(d)


@given(days, st.integers(min_value=1, max_value=400))
def test_add_returns_a_working_day(d: date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(d, n))


@given(days, counts)
def test_count_inverts_add(d: date, n: int) -> None:
    assert CAL.count_working_days(d, CAL.add_working_days(d, n)) == n


@given(days, counts, counts)
@example(date(2096, 12, 31), 400, 400)  # the latest start and the longest counts
def test_add_composes(d: date, m: int, n: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(d, m), n) == CAL.add_working_days(d, m + n)


@given(days, days, counts)
def test_add_is_monotone_in_the_start(a: date, b: date, n: int) -> None:
    if a > b:
        a, b = b, a
    assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@given(days, counts, counts)
def test_add_is_monotone_in_n(d: date, m: int, n: int) -> None:
    if m > n:
        m, n = n, m
    assert CAL.add_working_days(d, m) <= CAL.add_working_days(d, n)
    if m < n:
        assert CAL.add_working_days(d, m) < CAL.add_working_days(d, n)


@given(days)
def test_roll_forward_is_idempotent_and_minimal(d: date) -> None:
    rolled = CAL.roll_forward(d)
    assert CAL.roll_forward(rolled) == rolled
    assert CAL.is_working_day(rolled)
    assert rolled >= d
    if rolled > d:  # nothing skipped: every day from d up to the result is a non-working day
        assert not CAL.is_working_day(d)
        assert CAL.count_working_days(d, rolled - timedelta(days=1)) == 0
    assert rolled == (d if oracle_is_working(d) else oracle_add(d, 1))


@given(days, days)
def test_count_is_antisymmetric_and_matches_oracle(a: date, b: date) -> None:
    assert CAL.count_working_days(a, b) == -CAL.count_working_days(b, a)
    if a <= b and (b - a).days < 800:
        expected = sum(oracle_is_working(a + timedelta(days=k)) for k in range(1, (b - a).days + 1))
        assert CAL.count_working_days(a, b) == expected


@given(days, st.integers(min_value=0, max_value=400))
def test_subtract_inverts_add_on_working_days(d: date, n: int) -> None:
    start = CAL.roll_forward(d)
    assert CAL.subtract_working_days(CAL.add_working_days(start, n), n) == start
