"""Calendar benchmark: per-call cost of add / roll / count against bare list indexing.

Run: ``.venv/bin/python bench/bench_calendar.py``. Prints figures; asserts nothing (targets from
issue 2: add/roll/count <= 200 ns median and within 3x of bare list indexing measured in the same
run; building the calendar, holidays included, <= 150 ms).

Comparisons: a day-by-day loop over the ``holidays`` package (what spreadsheets and most
calculators do), and ``numpy.busday_offset`` when numpy is installed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import timeit
from datetime import date, timedelta

from send_timescales import WorkingDayCalendar

REPEATS = 15
NUMBER = 20_000


def per_call_ns(stmt: str, env: dict[str, object], number: int = NUMBER) -> float:
    """Median over REPEATS runs of the time per call, in nanoseconds."""
    timer = timeit.Timer(stmt, globals=env)
    return statistics.median(t / number * 1e9 for t in timer.repeat(REPEATS, number))


def build_ms() -> tuple[float, float]:
    """(build with `holidays` already imported, first use in a fresh process) in milliseconds."""
    code = (
        "import time\n"
        "t0 = time.perf_counter()\n"
        "import holidays.countries.united_kingdom\n"
        "t1 = time.perf_counter()\n"
        "from datetime import date\n"
        "from send_timescales import WorkingDayCalendar\n"
        "c = WorkingDayCalendar.england_and_wales()\n"
        "t2 = time.perf_counter()\n"
        "c.is_working_day(date(2020, 1, 1))\n"
        "t3 = time.perf_counter()\n"
        "print((t3 - t2) * 1e3, (t1 - t0) * 1e3)\n"
    )
    runs = [
        tuple(map(float, subprocess.check_output([sys.executable, "-c", code]).split()))
        for _ in range(5)
    ]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    cal = WorkingDayCalendar.england_and_wales()
    d = date(2025, 12, 23)
    b = date(2026, 6, 30)
    cal.is_working_day(d)  # build the tables
    table = cal._before
    assert table is not None
    nth = cal._nth
    first = cal._first_ordinal

    def bare(x: date, n: int) -> date:
        return nth[table[x.toordinal() - first + 1] + n - 1]

    env: dict[str, object] = {"cal": cal, "d": d, "b": b, "bare": bare}
    floor = per_call_ns("bare(d, 3)", env)
    add = per_call_ns("cal.add_working_days(d, 3)", env)
    roll = per_call_ns("cal.roll_forward(d)", env)
    count = per_call_ns("cal.count_working_days(d, b)", env)
    is_wd = per_call_ns("cal.is_working_day(d)", env)

    from holidays.countries.united_kingdom import UnitedKingdom

    uk = UnitedKingdom(subdiv="ENG", years=range(2014, 2101))  # type: ignore[no-untyped-call]

    def loop_add(x: date, n: int) -> date:
        while n:
            x += timedelta(days=1)
            if x.weekday() < 5 and x not in uk:
                n -= 1
        return x

    env.update(loop_add=loop_add)
    loop3 = per_call_ns("loop_add(d, 3)", env, 2_000)
    loop60 = per_call_ns("loop_add(d, 60)", env, 500)
    add60 = per_call_ns("cal.add_working_days(d, 60)", env)
    built, holidays_import = build_ms()

    print(f"{'operation':<42}{'median ns/call':>16}")
    for name, value in [
        ("bare list indexing (floor)", floor),
        ("add_working_days(d, 3)", add),
        ("add_working_days(d, 60)", add60),
        ("roll_forward(d)", roll),
        ("count_working_days(a, b)", count),
        ("is_working_day(d)", is_wd),
        ("day-by-day loop over holidays, n=3", loop3),
        ("day-by-day loop over holidays, n=60", loop60),
    ]:
        print(f"{name:<42}{value:>16.0f}")
    try:
        import numpy as np  # type: ignore[import-not-found, unused-ignore]

        hols = np.array(sorted(uk), dtype="datetime64[D]")
        cal_np = np.busdaycalendar(holidays=hols)
        env.update(np=np, cal_np=cal_np, d64=np.datetime64(d))
        busday = per_call_ns("np.busday_offset(d64, 3, roll='forward', busdaycal=cal_np)", env)
        print(f"{'numpy.busday_offset(d, 3)':<42}{busday:>16.0f}")
    except ImportError:
        print("numpy not installed: numpy.busday_offset comparison skipped")
    worst = max(add, roll, count)
    print()
    print(
        f"worst of add/roll/count: {worst:.0f} ns (target <= 200 ns): "
        f"{'MET' if worst <= 200 else 'NOT MET'}"
    )
    print(
        f"ratio to bare indexing: {worst / floor:.2f}x (target <= 3x): "
        f"{'MET' if worst <= 3 * floor else 'NOT MET'}"
    )
    print(
        f"calendar build, holidays computed, tables filled: {built:.1f} ms (target <= 150 ms): "
        f"{'MET' if built <= 150 else 'NOT MET'}"
    )
    print(
        f"one-off import of the holidays package in a fresh process: {holidays_import:.0f} ms "
        "(paid on the first calendar use, never at `import send_timescales`)"
    )


if __name__ == "__main__":
    main()
