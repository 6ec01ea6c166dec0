"""A tour of the working-day calendar and the law's periods, explaining themselves."""

from __future__ import annotations

from datetime import date

from send_timescales import Months, WorkingDayCalendar, WorkingDays


def main() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    start = date(2025, 12, 19)
    print(f"The next five working days after {start:%A %d %B %Y}:")
    day = start
    for _ in range(5):
        day = cal.add_working_days(day, 1)
        print(f"  {day:%A %d %B %Y}")
    print()
    for period, when in ((WorkingDays(3), date(2022, 6, 1)), (Months(2), date(2025, 12, 31))):
        for step in period.explain(when, cal):
            print(step)


if __name__ == "__main__":
    main()
