from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from send_timescales import WorkingDayCalendar

DATA = Path(__file__).parent / "data"

# The day-by-day oracles are slow on first use (they import `holidays`): no per-example deadline.
# CI runs derandomized, so a red CI is reproducible.
settings.register_profile("default", deadline=None, max_examples=200)
settings.register_profile("ci", deadline=None, max_examples=300, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar.england_and_wales()


def official_bank_holidays() -> dict[date, str]:
    """The published England and Wales list (tests/data), independent of the holidays package."""
    raw = json.loads((DATA / "bank-holidays-england-and-wales.json").read_text())
    return {date.fromisoformat(e["date"]): e["title"] for e in raw["events"]}
