"""Properties of the period value types; relativedelta is the oracle for calendar months."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from send_timescales import AtLeastDays, Days, Months, Weeks, WorkingDays
from send_timescales.periods import add_months

any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 31))
regime_day = st.dates(min_value=date(2014, 9, 1), max_value=date(2099, 1, 1))


@given(any_day, st.integers(min_value=0, max_value=600))
@example(date(1978, 9, 30), 4)  # Dodds v Walker: 30 Jan 1979
@example(date(2024, 2, 29), 12)
@example(date(2025, 12, 31), 2)
def test_months_agree_with_relativedelta_for_one_step(d: date, n: int) -> None:
    assert add_months(d, n) == d + relativedelta(months=n)


@given(any_day, st.integers(min_value=0, max_value=600))
def test_months_never_overflow_the_target_month(d: date, n: int) -> None:
    end = add_months(d, n)
    assert (end.year * 12 + end.month) - (d.year * 12 + d.month) == n
    assert end.day == d.day or (end.day < d.day and (end + timedelta(days=1)).day == 1)


@given(any_day, any_day, st.integers(min_value=0, max_value=60))
def test_months_are_monotone_in_the_start(a: date, b: date, n: int) -> None:
    if a > b:
        a, b = b, a
    assert Months(n).end(a) <= Months(n).end(b)


@given(any_day, st.integers(min_value=0, max_value=1000))
def test_days_and_weeks(d: date, n: int) -> None:
    assert Days(n).end(d) == d + timedelta(days=n)
    assert Weeks(n).end(d) == d + timedelta(weeks=n)
    assert Weeks(n).end(d).weekday() == d.weekday()


@given(any_day, st.integers(min_value=1, max_value=100))
def test_at_least_days_counts_the_service_day(d: date, n: int) -> None:
    period = AtLeastDays(n)
    assert (period.end(d) - d).days + 1 == n
    assert period.earliest_next_step(d) == period.end(d) + timedelta(days=1)


@given(regime_day, st.integers(min_value=1, max_value=30))
def test_every_explanation_names_its_convention(d: date, n: int) -> None:
    for period in (Days(n), Weeks(n), Months(n), WorkingDays(n)):
        steps = period.explain(d)
        assert any("docs/interpretations.md#c" in step for step in steps), (period, steps)
