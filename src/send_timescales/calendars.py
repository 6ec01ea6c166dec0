"""Working days in England and Wales, with O(1) arithmetic.

A *working day* (C4, docs/interpretations.md#c4) is any day other than a Saturday, a Sunday,
Christmas Day, Good Friday or a bank holiday in England and Wales, one-off days appointed by
royal proclamation included. The default calendar takes those days from the ``holidays`` package
(``UnitedKingdom(subdiv="ENG")``; never the bare ``UK()``, whose meaning has changed between
releases) and lets a caller add local closures such as an office shut-down.

Conventions, each documented once here:

* :meth:`WorkingDayCalendar.add_working_days` is C3: "within N working days of EVENT" ends on the
  Nth working day *after* EVENT; EVENT itself never counts, even when it is a working day.
* :meth:`WorkingDayCalendar.count_working_days` counts the half-open interval ``(a, b]``, so that
  ``count_working_days(d, add_working_days(d, n)) == n``.
* :meth:`WorkingDayCalendar.roll_forward` is the "next working day" move of HESC r.12(2).

**Speed.** On first use (never at import) the calendar builds two lists for its whole range: for
each day, the number of working days before it; for each working day, its date. Adding, rolling
and counting are then two list look-ups. Building takes about 20 ms once the ``holidays``
package is imported (importing that package takes about a quarter of a second, once per process).

**What it does not know.** ``holidays`` computes the regular bank holidays of any year, but a
one-off day exists only once it is proclaimed. :attr:`WorkingDayCalendar.known_until` is the end
of the last year covered by an official published list (:data:`KNOWN_UNTIL`); dates after it are
computed from the regular pattern and the engine marks them *provisional*. Maintenance: when the
government publishes a new year's list, compare it with ``holidays`` (the test
``tests/unit/test_calendars.py`` does this against ``tests/data``), update the test data and move
:data:`KNOWN_UNTIL` to the new list's last day, noting it in CHANGELOG.md.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from .errors import DateOutOfRangeError, InputError

__all__ = [
    "FIRST_SUPPORTED",
    "KNOWN_UNTIL",
    "LAST_SUPPORTED",
    "WorkingDayCalendar",
    "check_date",
    "parse_date",
]

FIRST_SUPPORTED = date(2014, 9, 1)
"""The SEND regime of CFA 2014 Part 3 came into force on 1 September 2014."""
LAST_SUPPORTED = date(2100, 12, 31)
"""The last date the default calendar covers."""
KNOWN_UNTIL = date(2027, 12, 31)
"""The last day of the last year covered by the official England and Wales bank-holiday list."""

_ONE_DAY = timedelta(days=1)


def check_date(value: object, what: str = "date") -> date:
    """Return ``value`` if it is a :class:`datetime.date`, else raise a clear error (C11).

    A ``datetime`` is a ``date`` subclass, but a legal date has no time of day: it is rejected,
    never truncated.

    >>> check_date(date(2025, 1, 10))
    datetime.date(2025, 1, 10)
    >>> check_date("2025-01-10")
    Traceback (most recent call last):
    ...
    TypeError: date must be a datetime.date, not str ('2025-01-10'); parse strings first, ...
    """
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        raise TypeError(
            f"{what} must be a datetime.date, not a datetime ({value.isoformat()}); "
            "legal dates have no time of day: pass value.date() if that is what you mean."
        )
    if isinstance(value, date):  # a date subclass other than datetime: normalise
        return date(value.year, value.month, value.day)
    raise TypeError(
        f"{what} must be a datetime.date, not {type(value).__name__} ({value!r}); "
        "parse strings first, for example with date.fromisoformat()."
    )


def parse_date(text: str, what: str = "date") -> date:
    """A strict ``YYYY-MM-DD`` date from text (``date.fromisoformat`` alone takes ``20260309``).

    Raises :class:`~send_timescales.InputError` (a ``ValueError``) naming the value.

    >>> parse_date("2026-03-09")
    datetime.date(2026, 3, 9)
    >>> parse_date("09/03/2026", "--as-of")
    Traceback (most recent call last):
    ...
    send_timescales.errors.InputError: --as-of must be a date in the form YYYY-MM-DD, not ...
    """
    try:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(
            f"{what} must be a date in the form YYYY-MM-DD, not {text!r}.",
            code="date_not_iso",
            field=what,
            value=text,
        ) from None


class WorkingDayCalendar:
    """Which days are working days, and O(1) arithmetic on them.

    >>> cal = WorkingDayCalendar.england_and_wales()
    >>> cal.is_working_day(date(2025, 12, 25))
    False
    >>> cal.add_working_days(date(2025, 12, 23), 3)   # 24th, then 29th, then 30th
    datetime.date(2025, 12, 30)
    >>> cal.roll_forward(date(2026, 4, 3))            # Good Friday -> the day after Easter Monday
    datetime.date(2026, 4, 7)
    >>> cal.count_working_days(date(2025, 12, 23), date(2025, 12, 30))
    3
    """

    __slots__ = (
        "_before",
        "_first_ordinal",
        "_given",
        "_holiday_dates",
        "_lock",
        "_max_k",
        "_names",
        "_nth",
        "_size",
        "_statutory",
        "extra_closures",
        "first",
        "known_until",
        "last",
        "name",
    )

    def __init__(
        self,
        non_working_days: Mapping[date, str] | None = None,
        *,
        extra_closures: Iterable[date] = (),
        known_until: date = KNOWN_UNTIL,
        first: date = FIRST_SUPPORTED,
        last: date = LAST_SUPPORTED,
        name: str = "custom",
    ) -> None:
        """Make a calendar whose non-working days are weekends plus ``non_working_days``.

        ``non_working_days`` maps each holiday to its name; when it is ``None`` the England and
        Wales bank holidays are computed (lazily) with the ``holidays`` package.
        """
        self.first: date = check_date(first, "first")
        self.last: date = check_date(last, "last")
        if self.last < self.first:
            raise ValueError(f"The calendar's last day {last} is before its first day {first}.")
        self.known_until: date = check_date(known_until, "known_until")
        self.name = name
        self.extra_closures: tuple[date, ...] = tuple(
            sorted({check_date(d, "extra_closures item") for d in extra_closures})
        )
        self._given = dict(non_working_days) if non_working_days is not None else None
        self._lock = threading.Lock()
        self._first_ordinal = self.first.toordinal()
        self._size = self.last.toordinal() - self._first_ordinal + 1
        # Built on first use by _tables(); None until then.
        self._before: list[int] | None = None
        self._nth: list[date] = []
        self._max_k = -1
        self._names: dict[date, str] = {}
        self._holiday_dates: list[date] = []
        self._statutory: WorkingDayCalendar | None = None if self.extra_closures else self

    @classmethod
    def england_and_wales(cls, extra_closures: Iterable[date] = ()) -> WorkingDayCalendar:
        """The default calendar: weekends and England and Wales bank holidays are not working days.

        ``extra_closures`` adds local non-working days, such as an LA's office closure between
        Christmas and New Year.

        >>> cal = WorkingDayCalendar.england_and_wales(extra_closures=[date(2025, 12, 29)])
        >>> cal.add_working_days(date(2025, 12, 23), 3)
        datetime.date(2025, 12, 31)
        """
        return cls(extra_closures=extra_closures, name="England and Wales")

    def without_closures(self) -> WorkingDayCalendar:
        """The same calendar without its ``extra_closures``: the statutory working days.

        A Tribunal time limit never moves because an LA's office is shut, so the appeal rules
        count on this calendar (built once, lazily, and kept).

        >>> cal = WorkingDayCalendar.england_and_wales(extra_closures=[date(2026, 1, 2)])
        >>> cal.without_closures().is_working_day(date(2026, 1, 2))
        True
        """
        if self._statutory is None:
            with self._lock:
                if self._statutory is None:
                    self._statutory = WorkingDayCalendar(
                        self._given,
                        known_until=self.known_until,
                        first=self.first,
                        last=self.last,
                        name=self.name,
                    )
        return self._statutory

    # ------------------------------------------------------------------ tables

    def _tables(self) -> list[int]:
        """Build the tables once (thread-safe) and return the running-count list."""
        with self._lock:
            if self._before is None:
                self._build()
        assert self._before is not None
        return self._before

    def _holidays(self) -> dict[date, str]:
        if self._given is not None:
            return dict(self._given)
        from holidays.countries.united_kingdom import UnitedKingdom

        years = range(self.first.year, self.last.year + 2)
        return {
            day: str(name)
            for day, name in UnitedKingdom(  # type: ignore[no-untyped-call]
                subdiv="ENG", years=years, language="en_GB"
            ).items()
        }

    def _build(self) -> None:
        names = {d: n for d, n in self._holidays().items() if d.weekday() < 5}
        for closure in self.extra_closures:
            if closure.weekday() < 5:
                names.setdefault(closure, "local closure")
        # _before[i]: working days strictly before day i (day 0 = `first`); one entry per day of
        # the range plus one. _nth[k]: the working day with k working days before it. The lists
        # run a few weeks past `last` so that a result just past it is detected, not lost.
        before: list[int] = []
        nth: list[date] = []
        append_before = before.append
        append_nth = nth.append
        running = 0
        max_k = -1
        day = self.first
        for _ in range(self._size + 40):
            append_before(running)
            if day.weekday() < 5 and day not in names:
                append_nth(day)
                if day <= self.last:
                    max_k = running
                running += 1
            day += _ONE_DAY
        append_before(running)
        self._names = names
        self._holiday_dates = sorted(names)
        self._nth = nth
        self._max_k = max_k
        self._before = before  # last: its being set is what marks the tables as built

    def _out_of_range(self, d: date, what: str) -> DateOutOfRangeError:
        return DateOutOfRangeError(
            f"{what} {d.isoformat()} is outside the supported range "
            f"{self.first.isoformat()} to {self.last.isoformat()} of the {self.name} calendar"
            + (
                " (the SEND regime under the Children and Families Act 2014 began on "
                "1 September 2014)."
                if d < self.first and self.first == FIRST_SUPPORTED
                else "."
            )
        )

    def _index(self, d: date, what: str) -> int:
        if type(d) is not date:
            d = check_date(d, what)
        i = d.toordinal() - self._first_ordinal
        if i < 0 or i >= self._size:
            raise self._out_of_range(d, what)
        return i

    def _past_end(self, start: date, what: str) -> DateOutOfRangeError:
        return DateOutOfRangeError(
            f"{what} {start.isoformat()} is after {self.last.isoformat()}, "
            f"the last day the {self.name} calendar supports."
        )

    # ------------------------------------------------------------------ queries
    # The hot methods inline their checks: each is a few attribute loads and two list look-ups.

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (C4).

        >>> WorkingDayCalendar.england_and_wales().is_working_day(date(2023, 5, 8))  # Coronation
        False
        """
        before = self._before or self._tables()
        if type(d) is not date:
            d = check_date(d)
        i = d.toordinal() - self._first_ordinal
        if i < 0 or i >= self._size:
            raise self._out_of_range(d, "date")
        return before[i + 1] != before[i]

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``th working day after ``d`` (C3); ``d`` itself never counts.

        ``n == 0`` returns ``d`` unchanged, even when it is not a working day. A negative ``n``
        raises :class:`ValueError` (use :meth:`subtract_working_days`).

        >>> WorkingDayCalendar.england_and_wales().add_working_days(date(2022, 6, 1), 1)
        datetime.date(2022, 6, 6)
        """
        before = self._before or self._tables()
        if type(d) is not date:
            d = check_date(d)
        i = d.toordinal() - self._first_ordinal
        if i < 0 or i >= self._size:
            raise self._out_of_range(d, "date")
        if type(n) is not int or n <= 0:
            if type(n) is not int:
                raise TypeError(f"n must be an int, not {type(n).__name__} ({n!r}).")
            if n == 0:
                return d
            raise ValueError(
                f"n must not be negative (got {n}); use subtract_working_days to count backwards."
            )
        k = before[i + 1] + n - 1
        if k > self._max_k:
            raise self._past_end(d, f"{n} working days after")
        return self._nth[k]

    def subtract_working_days(self, d: date, n: int) -> date:
        """The ``n``th working day before ``d``; ``d`` itself never counts; ``n == 0`` gives ``d``.

        Used for "at least N working days before" (the notice of a mediation's date).

        >>> WorkingDayCalendar.england_and_wales().subtract_working_days(date(2022, 6, 6), 1)
        datetime.date(2022, 6, 1)
        """
        before = self._before or self._tables()
        i = self._index(d, "date")
        if type(n) is not int:
            raise TypeError(f"n must be an int, not {type(n).__name__} ({n!r}).")
        if n < 0:
            raise ValueError(f"n must not be negative (got {n}); use add_working_days.")
        if n == 0:
            return d
        k = before[i] - n
        if k < 0:
            raise DateOutOfRangeError(
                f"{n} working days before {d.isoformat()} is before {self.first.isoformat()}, "
                f"the first day the {self.name} calendar supports."
            )
        return self._nth[k]

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a working day, otherwise the next working day (HESC r.12(2)).

        >>> cal = WorkingDayCalendar.england_and_wales()
        >>> cal.roll_forward(date(2022, 9, 17))  # Saturday; the Queen's funeral on Monday
        datetime.date(2022, 9, 20)
        """
        before = self._before or self._tables()
        if type(d) is not date:
            d = check_date(d)
        i = d.toordinal() - self._first_ordinal
        if i < 0 or i >= self._size:
            raise self._out_of_range(d, "date")
        k = before[i]
        if k > self._max_k:
            raise self._past_end(d, "the next working day on or after")
        return self._nth[k]

    def count_working_days(self, a: date, b: date) -> int:
        """The number of working days in the half-open interval ``(a, b]``; negative if b < a.

        >>> WorkingDayCalendar.england_and_wales().count_working_days(
        ...     date(2026, 4, 2), date(2026, 4, 7))   # Good Friday and Easter Monday skipped
        1
        """
        before = self._before or self._tables()
        first = self._first_ordinal
        size = self._size
        if type(a) is not date:
            a = check_date(a, "a")
        if type(b) is not date:
            b = check_date(b, "b")
        i = a.toordinal() - first
        j = b.toordinal() - first
        if i < 0 or i >= size:
            raise self._out_of_range(a, "a")
        if j < 0 or j >= size:
            raise self._out_of_range(b, "b")
        return before[j + 1] - before[i + 1]

    def non_working_days_between(self, a: date, b: date) -> list[tuple[date, str]]:
        """The named non-working weekdays (bank holidays, closures) in ``(a, b]``, in date order.

        Weekends are left out: they need no name. Explanations use this to say which bank
        holidays a count skipped.

        >>> WorkingDayCalendar.england_and_wales().non_working_days_between(
        ...     date(2023, 5, 5), date(2023, 5, 9))
        [(datetime.date(2023, 5, 8), 'Coronation of Charles III')]
        """
        self._before or self._tables()
        self._index(a, "a")
        self._index(b, "b")
        names = self._names
        ordered = self._holiday_dates
        return [(d, names[d]) for d in ordered[bisect_right(ordered, a) : bisect_right(ordered, b)]]

    def why_not_working(self, d: date) -> str | None:
        """Why ``d`` is not a working day (``"Saturday"``, a holiday's name), or ``None``.

        >>> WorkingDayCalendar.england_and_wales().why_not_working(date(2025, 12, 25))
        'Christmas Day'
        """
        if self.is_working_day(d):
            return None
        if d in self._names:
            return self._names[d]
        return d.strftime("%A")

    def __repr__(self) -> str:
        return (
            f"WorkingDayCalendar(name={self.name!r}, first={self.first.isoformat()}, "
            f"last={self.last.isoformat()}, known_until={self.known_until.isoformat()}, "
            f"extra_closures={len(self.extra_closures)})"
        )
