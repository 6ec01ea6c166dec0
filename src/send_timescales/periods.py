"""The law's units of time as value types, each with one named counting convention.

Every period computes its end from a start date (and, for working days, a calendar) and can
explain that computation as plain-English steps. The conventions are those of
docs/interpretations.md, and each is documented once, on its class:

=====================  ====  ==========================================================
type                   rule  "within N ... of EVENT" ends on
=====================  ====  ==========================================================
:class:`Days`          C1    EVENT + N days (the day of EVENT is not counted)
:class:`Weeks`         C1    EVENT + 7N days
:class:`Months`        C2    the corresponding date N months later, or that month's last day
:class:`WorkingDays`   C3    the Nth working day after EVENT
:class:`AtLeastDays`   C5    "at least N days beginning with" service: the period's last day
                             is service + N - 1; the earliest next step is service + N
:class:`Before`        C6    "before 15 February": the last compliant day is 14 February
:class:`WorkingDaysBefore`   "at least N working days before" a date: the Nth working day
                             before it
:class:`WeeksBefore`         "at least N weeks before" a date: DATE - 7N
:class:`MonthsBefore`        "at least N months before" a date: the corresponding date N months
                             earlier (C2 counted backwards)
:class:`MonthsStartingWith`  "the period of N months starting with" a day: that day is day 1,
                             so the last day is the day before the corresponding date
:class:`Immediately`         the day of EVENT itself
=====================  ====  ==========================================================

Nothing else in the package does date arithmetic. Periods work on any date; only the working-day
calendar is limited to its range.

>>> from datetime import date
>>> Months(2).end(date(2025, 12, 31))
datetime.date(2026, 2, 28)
>>> import textwrap
>>> print(textwrap.fill(Months(2).explain(date(2025, 12, 31))[0], 90))
2 months after Wednesday 31 December 2025 is Saturday 28 February 2026: February 2026 has
no 31st, so the period ends on the last day of that month (C2, docs/interpretations.md#c2;
Interpretation Act 1978 Sch 1: "month" means calendar month).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .calendars import WorkingDayCalendar

__all__ = [
    "AtLeastDays",
    "Before",
    "Days",
    "Immediately",
    "Months",
    "MonthsBefore",
    "MonthsStartingWith",
    "Period",
    "Weeks",
    "WeeksBefore",
    "WorkingDays",
    "WorkingDaysBefore",
    "add_months",
    "default_calendar",
    "explained",
    "long_date",
]

_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=8192)
def long_date(d: date) -> str:
    """``d`` as people write it in letters: ``Friday 2 January 2026``.

    Cached: explanations name the same few dates many times.

    >>> long_date(date(2026, 1, 2))
    'Friday 2 January 2026'
    """
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def add_months(d: date, n: int) -> date:
    """The corresponding date ``n`` calendar months after ``d``, clamped to the month's end (C2).

    One step, never chained month by month: 31 January + 2 months is 31 March, not 28 March.

    >>> add_months(date(2024, 1, 31), 1), add_months(date(2024, 1, 31), 2)
    (datetime.date(2024, 2, 29), datetime.date(2024, 3, 31))
    """
    months = d.month - 1 + n
    year = d.year + months // 12
    month = months % 12 + 1
    day = d.day
    if day > 28:
        last = _days_in_month(year, month)
        if day > last:
            day = last
    return date(year, month, day)


@lru_cache(maxsize=65536)
def explained(period: Period, start: date, calendar: WorkingDayCalendar | None) -> tuple[str, ...]:
    """``period.explain(start, calendar)``, remembered: a batch names the same dates many times.

    Periods are frozen values and a calendar never changes once built, so the steps for the same
    three are always the same.

    >>> explained(Weeks(2), date(2025, 3, 3), None)[0].startswith("2 weeks after Monday 3 March")
    True
    """
    return tuple(period.explain(start, calendar))


@lru_cache(maxsize=1)
def default_calendar() -> WorkingDayCalendar:
    """The England and Wales calendar shared by periods that are not given one.

    Creating it is cheap; its tables are built, once and thread-safely, on first use.
    """
    return WorkingDayCalendar.england_and_wales()


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


@dataclass(frozen=True, slots=True)
class Period(ABC):
    """A length of time in one of the law's units. Subclasses name their convention."""

    n: int

    def __post_init__(self) -> None:
        if type(self.n) is not int or self.n < 0:
            raise ValueError(
                f"{type(self).__name__} needs a whole number of units, zero or more; "
                f"got {self.n!r}."
            )

    @abstractmethod
    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The last day of the period that starts from ``start``."""

    @abstractmethod
    def describe(self) -> str:
        """The period in words, as a regulation would say it (``"2 months"``)."""

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Each step of computing :meth:`end`, in plain English."""
        end = self.end(start, calendar)
        return [f"{self.describe()} after {long_date(start)} is {long_date(end)} ({self.rule})."]

    @property
    def rule(self) -> str:
        """The counting convention this period follows, as cited in explanations."""
        code = self.convention.split(":", 1)[0].split(" ", 1)[0]
        if code[:1] == "C" and code[1:].isdigit():
            return f"{self.convention}; docs/interpretations.md#{code.lower()}"
        return self.convention

    convention = ""


@dataclass(frozen=True, slots=True)
class Days(Period):
    """C1: "within N days of EVENT" ends at the end of EVENT + N; EVENT's day is not counted.

    >>> Days(30).end(date(2025, 3, 1))
    datetime.date(2025, 3, 31)
    """

    convention = "C1: the day of the event is not counted; Dodds v Walker [1981] 1 WLR 1027"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """``start`` + N calendar days."""
        return start + timedelta(days=self.n)

    def describe(self) -> str:
        """``"30 days"``."""
        return _plural(self.n, "day")


@dataclass(frozen=True, slots=True)
class Weeks(Period):
    """C1 in weeks: "within N weeks of EVENT" ends on EVENT + 7N days (the same weekday).

    >>> Weeks(2).end(date(2025, 3, 3))
    datetime.date(2025, 3, 17)
    """

    convention = "C1: a week is 7 days and the day of the event is not counted"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """``start`` + 7N calendar days."""
        return start + timedelta(days=7 * self.n)

    def describe(self) -> str:
        """``"2 weeks"``."""
        return _plural(self.n, "week")


@dataclass(frozen=True, slots=True)
class Months(Period):
    """C2: calendar months; the corresponding date N months on, or the last day of that month.

    >>> Months(1).end(date(2025, 1, 31))
    datetime.date(2025, 2, 28)
    """

    convention = (
        'C2; Interpretation Act 1978 Sch 1: "month" means calendar month; corresponding-date '
        "rule of Dodds v Walker [1981] 1 WLR 1027"
    )

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The corresponding date N months after ``start`` (:func:`add_months`)."""
        return add_months(start, self.n)

    def describe(self) -> str:
        """``"2 months"``."""
        return _plural(self.n, "month")

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Say when the target month has no corresponding day and the period was clamped."""
        end = self.end(start, calendar)
        if end.day == start.day:
            return [
                f"{self.describe()} after {long_date(start)} is {long_date(end)}, the "
                f"corresponding date (C2, docs/interpretations.md#c2; Interpretation Act 1978 "
                f'Sch 1: "month" means calendar month).'
            ]
        return [
            f"{self.describe()} after {long_date(start)} is {long_date(end)}: "
            f"{_MONTH_NAMES[end.month]} {end.year} has no {_ordinal(start.day)}, so the period "
            f"ends on the last day of that month (C2, docs/interpretations.md#c2; Interpretation "
            f'Act 1978 Sch 1: "month" means calendar month).'
        ]


@dataclass(frozen=True, slots=True)
class WorkingDays(Period):
    """C3: "within N working days of EVENT" ends on the Nth working day after EVENT.

    EVENT's own day never counts, even when it is a working day.

    >>> WorkingDays(3).end(date(2026, 4, 2))   # Thursday before Easter
    datetime.date(2026, 4, 9)
    """

    convention = "C3: the Nth working day after the event; C4: working days"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The Nth working day after ``start`` in ``calendar`` (default: England and Wales)."""
        return (calendar or default_calendar()).add_working_days(start, self.n)

    def describe(self) -> str:
        """``"3 working days"``."""
        return _plural(self.n, "working day")

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Name each bank holiday the count skipped.

        >>> import textwrap
        >>> print(textwrap.fill(WorkingDays(3).explain(date(2022, 6, 1))[0], 80))
        3 working days after Wednesday 1 June 2022 is Wednesday 8 June 2022 (C3: the Nth
        working day after the event; C4: working days; docs/interpretations.md#c3); not
        counted: Thursday 2 June 2022 (Spring Bank Holiday), Friday 3 June 2022
        (Platinum Jubilee of Elizabeth II), and the weekend.
        """
        cal = calendar or default_calendar()
        end = cal.add_working_days(start, self.n)
        return [
            f"{self.describe()} after {long_date(start)} is {long_date(end)} ({self.rule})"
            + _skipped(cal, start, end)
            + "."
        ]


def _skipped(cal: WorkingDayCalendar, a: date, b: date) -> str:
    """Say which non-working days in ``(a, b]`` a count passed over: holidays by name."""
    holidays = cal.non_working_days_between(a, b)
    weekend_days = (b - a).days - cal.count_working_days(a, b) - len(holidays)
    parts = [f"{long_date(d)} ({name})" for d, name in holidays]
    if weekend_days > 0:
        parts.append("the weekend" if weekend_days <= 2 else "weekends")
    if not parts:
        return ""
    if len(parts) > 1:
        parts[-1] = "and " + parts[-1]
    return "; not counted: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class AtLeastDays(Period):
    """C5: "at least N days, beginning with the day on which X was served".

    The day of service is day 1, so the period's last day is service + N - 1 (:meth:`end`); the
    authority may act no earlier than service + N (:meth:`earliest_next_step`).

    >>> AtLeastDays(15).end(date(2025, 3, 3)), AtLeastDays(15).earliest_next_step(date(2025, 3, 3))
    (datetime.date(2025, 3, 17), datetime.date(2025, 3, 18))
    """

    convention = "C5: the day of service is day 1"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The last day of the period: ``start`` + N - 1."""
        return start + timedelta(days=self.n - 1) if self.n else start

    def earliest_next_step(self, start: date) -> date:
        """The first day after the period: ``start`` + N."""
        return start + timedelta(days=self.n)

    def describe(self) -> str:
        """``"at least 15 days beginning with the day of service"``."""
        return f"at least {_plural(self.n, 'day')} beginning with the day of service"

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Name the first and last days of the period, and the first day after it.

        >>> print(AtLeastDays(15).explain(date(2024, 4, 23))[0])  # doctest: +NORMALIZE_WHITESPACE
        At least 15 days beginning with Tuesday 23 April 2024 (day 1) end on Tuesday 7 May 2024;
        the next step may come from Wednesday 8 May 2024 (C5: the day of service is day 1;
        docs/interpretations.md#c5).
        """
        return [
            f"At least {_plural(self.n, 'day')} beginning with {long_date(start)} (day 1) end on "
            f"{long_date(self.end(start))}; the next step may come from "
            f"{long_date(self.earliest_next_step(start))} ({self.rule})."
        ]


@dataclass(frozen=True, slots=True)
class Before(Period):
    """C6: "before DATE" (a fixed day of the year): the last compliant day is DATE - 1.

    ``n`` is unused (zero); ``month`` and ``day`` name the fixed date, taken in the year of the
    start date.

    >>> Before(0, month=2, day=15).end(date(2026, 1, 1))
    datetime.date(2026, 2, 14)
    """

    month: int = 1
    day: int = 1
    convention = 'C6: "before" a date means by the day before it'

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The day before ``month``/``day`` in ``start``'s year."""
        return date(start.year, self.month, self.day) - timedelta(days=1)

    def describe(self) -> str:
        """``"before 15 February"``."""
        return f"before {self.day} {_MONTH_NAMES[self.month]}"

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """State the fixed date and the last compliant day."""
        end = self.end(start, calendar)
        return [f"{self.describe()} {start.year} means by {long_date(end)} ({self.rule})."]


@dataclass(frozen=True, slots=True)
class WorkingDaysBefore(Period):
    """At least N working days before DATE: the Nth working day before DATE.

    Counting back from DATE, DATE itself not counted (the mirror of C3).

    >>> WorkingDaysBefore(5).end(date(2025, 6, 16))   # a Monday
    datetime.date(2025, 6, 9)
    """

    convention = "C3 counted backwards: the Nth working day before the date; C4: working days"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The Nth working day before ``start``."""
        return (calendar or default_calendar()).subtract_working_days(start, self.n)

    def describe(self) -> str:
        """``"5 working days"``."""
        return _plural(self.n, "working day")

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Name each bank holiday skipped counting back."""
        cal = calendar or default_calendar()
        end = cal.subtract_working_days(start, self.n)
        return [
            f"{self.describe()} before {long_date(start)} is {long_date(end)} ({self.rule})"
            + _skipped(cal, end, start - timedelta(days=1))
            + "."
        ]


@dataclass(frozen=True, slots=True)
class Immediately(Period):
    """A duty to act "immediately": due on the day of the event itself.

    >>> Immediately(0).end(date(2025, 3, 3))
    datetime.date(2025, 3, 3)
    """

    convention = "immediately: due on the day of the event"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """``start`` itself."""
        return start

    def describe(self) -> str:
        """``"immediately"``."""
        return "immediately"

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """One step: due on the day of the event."""
        return [f"Immediately: due on {long_date(start)}, the day of the event."]


@dataclass(frozen=True, slots=True)
class WeeksBefore(Period):
    """At least N weeks before DATE: by DATE - 7N days (C1 counted backwards).

    >>> WeeksBefore(2).end(date(2025, 6, 16))
    datetime.date(2025, 6, 2)
    """

    convention = "C1 counted backwards: a week is 7 days and the day itself is not counted"

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """``start`` - 7N calendar days."""
        return start - timedelta(days=7 * self.n)

    def describe(self) -> str:
        """``"2 weeks"``."""
        return _plural(self.n, "week")

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """One step: the day N weeks before."""
        end = self.end(start, calendar)
        return [f"{self.describe()} before {long_date(start)} is {long_date(end)} ({self.rule})."]


@dataclass(frozen=True, slots=True)
class MonthsBefore(Period):
    """At least N months before DATE: the corresponding date N months earlier (C2 backwards).

    Where that month has no such day, its last day (31 August - 5 months = 31 March; 31 July -
    5 months = 28 or 29 February).

    >>> MonthsBefore(5).end(date(2026, 7, 31))
    datetime.date(2026, 2, 28)
    """

    convention = 'C2 counted backwards; Interpretation Act 1978 Sch 1: "month" means calendar month'

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The corresponding date N months before ``start``."""
        return add_months(start, -self.n)

    def describe(self) -> str:
        """``"5 months"``."""
        return _plural(self.n, "month")

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """One step: the corresponding date N months before."""
        end = self.end(start, calendar)
        return [f"{self.describe()} before {long_date(start)} is {long_date(end)} ({self.rule})."]


@dataclass(frozen=True, slots=True)
class MonthsStartingWith(Period):
    """The period of N months "starting with" a day (CFA 2014 s.44(1)): that day is day 1.

    The period ends on the day before the corresponding date N months later (C2 for the
    corresponding date; "starting with" includes the first day, as C5 does for days).

    >>> MonthsStartingWith(12).end(date(2022, 7, 1))
    datetime.date(2023, 6, 30)
    >>> MonthsStartingWith(12).end(date(2024, 2, 29))   # 28 Feb 2025 is the corresponding date
    datetime.date(2025, 2, 27)
    """

    convention = (
        'C2 and C5: "starting with" the day, which is day 1; the period ends the day before the '
        "corresponding date"
    )

    def end(self, start: date, calendar: WorkingDayCalendar | None = None) -> date:
        """The day before the corresponding date N months after ``start``."""
        return add_months(start, self.n) - timedelta(days=1)

    def describe(self) -> str:
        """``"the period of 12 months starting with the day"``."""
        return f"the period of {_plural(self.n, 'month')} starting with the day"

    def explain(self, start: date, calendar: WorkingDayCalendar | None = None) -> list[str]:
        """Name the corresponding date and the last day of the period."""
        corresponding = add_months(start, self.n)
        end = self.end(start, calendar)
        return [
            f"The period of {_plural(self.n, 'month')} starting with {long_date(start)} (that day "
            f"is its first) ends on {long_date(end)}, the day before the corresponding date "
            f"{long_date(corresponding)} ({self.rule})."
        ]
