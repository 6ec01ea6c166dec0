"""Golden cases: worked examples computed by hand, each with its source (tests/golden/cases)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import send_timescales as st

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's yes/no/on/off booleans: `on:` is a key, not True."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(), Loader=_Yaml12Loader)  # a SafeLoader subclass
    assert isinstance(data, dict)
    return data


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 14


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path: Path) -> None:
    case = load(path)
    assert case.get("source"), f"{path.name} has no source"
    events = [{k: _iso(v) for k, v in e.items()} for e in case["events"]]
    report = st.evaluate(events, as_of=case["as_of"])
    expect = case["expect"]
    wanted = expect.get("deadlines", [])
    for item in wanted:
        matches = [d for d in report.deadlines if d.rule_id == item["rule_id"]]
        assert matches, f"{item['rule_id']} not in report: {[d.rule_id for d in report.deadlines]}"
        got = [(d.due, d.status) for d in matches]
        assert (item["due"], item["status"]) in got, (item, got, matches[0].explanation)
    if wanted == [] and "deadlines" in expect:
        assert report.deadlines == (), [d.rule_id for d in report.deadlines]
    for rule_id in expect.get("absent", []):
        assert report.deadline(rule_id) is None, rule_id
    for item in expect.get("measures", []):
        measured = [m for m in report.measures if m.request_on == item["request_on"]]
        assert measured, (item, report.measures)
        for key, value in item.items():
            assert getattr(measured[0], key) == value, (key, value, measured[0])
    codes = [f.code for f in report.findings]
    for code in expect.get("findings", []):
        assert code in codes, (code, codes)
    for key, value in (expect.get("eligibility") or {}).items():
        assert getattr(report.eligibility, key) == value, (key, report.eligibility.reasons)
