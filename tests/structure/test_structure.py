"""Structural checks: the rule set is sound, the docs match the code, the public API is curated."""

from __future__ import annotations

import ast
import re
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

import send_timescales as st
from send_timescales.citations import SEND_REGS
from send_timescales.rules import DeadlineRule, InForce, RuleSet, default_rules
from send_timescales.rules.catalogue import catalogue_markdown

ROOT = Path(__file__).resolve().parents[2]
RULES_MD = ROOT.parent / "shared" / "RULES.md"

# Every rule id of RULES.md section 2 (mediation, appeal, eligibility, undated duties).
SECTION_2_IDS = {
    "mediation.adviser_contact",
    "mediation.certificate.declined",
    "mediation.health_notification",
    "mediation.arrange",
    "mediation.arrange.health_only",
    "mediation.date_notice",
    "mediation.certificate.not_arranged",
    "mediation.certificate.after_mediation",
    "mediation.agreement.appealable",
    "mediation.agreement.other",
    "mediation.agreement.icb_notice",
    "appeal.register",
    "eligibility.appealable",
    "eligibility.mediation_available",
    "eligibility.certificate_required",
    "eligibility.party",
    "duty.notice_content",
    "duty.la_attendance",
    "duty.expenses",
    "duty.child_views",
    "duty.attendance_rights",
}


# Case-level checks and input notes: rule kinds of their own, with their own ids.
CHECK_AND_INPUT_IDS = {
    "check.event_sequence",
    "check.notice_sent_date",
    "check.appeal_eligibility",
    "input.events_after_as_of",
    "input.no_decision",
}


def test_every_section_2_rule_is_implemented() -> None:
    ids = set(default_rules().ids)
    assert ids >= SECTION_2_IDS
    assert ids >= CHECK_AND_INPUT_IDS


def test_rule_ids_match_rules_md_when_it_is_beside_the_project() -> None:
    if not RULES_MD.exists():
        pytest.skip("shared/RULES.md is not beside this checkout")
    text = RULES_MD.read_text()
    section_2 = text[text.index("## 2.") : text.index("## 3.")]
    listed = set(re.findall(r"`((?:mediation|appeal|eligibility|duty)\.[a-z_.]+)`", section_2))
    assert listed <= SECTION_2_IDS, listed - SECTION_2_IDS
    assert listed >= SECTION_2_IDS


def test_every_rule_is_cited_and_summarised() -> None:
    for rule in default_rules():
        assert rule.citations, rule.id
        assert rule.summary.strip(), rule.id


def test_versions_are_contiguous_windows_from_the_regime_start() -> None:
    rules = default_rules()
    for rule_id in rules.ids:
        found = rules.versions(rule_id)
        assert found[0].in_force.start >= date(2014, 9, 1), rule_id
        for older, newer in pairwise(found):
            assert older.in_force.end is not None, rule_id
            assert newer.in_force.start == older.in_force.end + timedelta(days=1), rule_id
    # reg 45 changed on 23 March 2015 (SI 2015/359): two versions, the change on that day
    amend = rules.versions("unopposed.amend")
    assert [str(v.in_force) for v in amend] == [
        "2014-09-01 to 2015-03-22",
        "2015-03-23 onwards",
    ]


def test_docs_rule_catalogue_matches_the_code() -> None:
    on_disk = (ROOT / "docs" / "rules.md").read_text()
    assert on_disk == catalogue_markdown(default_rules()), (
        "docs/rules.md is out of date: run `send-timescales rules > docs/rules.md`"
    )


def test_rule_set_rejects_duplicates_overlaps_and_uncited_rules() -> None:
    base = default_rules().pick("mediation.arrange", date(2025, 1, 1))
    assert isinstance(base, DeadlineRule)
    from dataclasses import replace

    with pytest.raises(st.RuleSetError, match="overlap"):
        RuleSet([base, replace(base, in_force=InForce(date(2020, 1, 1)))], name="t")
    with pytest.raises(st.RuleSetError, match="no citation"):
        RuleSet([replace(base, citations=())], name="t")
    with pytest.raises(st.RuleSetError, match="dotted"):
        RuleSet([replace(base, id="Bad Id")], name="t")
    with pytest.raises(st.RuleSetError, match="neither a period"):
        RuleSet([replace(base, period=None)], name="t")


def test_versions_are_chosen_by_the_trigger_date() -> None:
    base = default_rules().pick("mediation.arrange", date(2025, 1, 1))
    assert isinstance(base, DeadlineRule)
    from dataclasses import replace

    from send_timescales import Days

    old = replace(base, in_force=InForce(date(2014, 9, 1), date(2019, 12, 31)))
    new = replace(
        base,
        in_force=InForce(date(2020, 1, 1)),
        period=Days(20),
        citations=(SEND_REGS.cite("99", "secondary"),),
    )
    rules = RuleSet([*(r for r in default_rules() if r.id != base.id), old, new], name="versions")
    events = [
        {"type": "decision_notice", "on": "2019-12-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2019-12-31"},
        {"type": "decision_notice", "on": "2020-01-01", "decision": "cease_plan"},
        {"type": "mediation_requested", "on": "2020-01-01"},
    ]
    report = st.evaluate(events, as_of=date(2020, 1, 2), rules=rules)
    arranged = sorted(
        (d.trigger_on, d.due) for d in report.deadlines if d.rule_id == "mediation.arrange"
    )
    assert arranged == [
        (date(2019, 12, 31), date(2020, 1, 30)),  # 30 days: the old version
        (date(2020, 1, 1), date(2020, 1, 21)),  # 20 days: the new version
    ]


def test_public_api_is_complete_and_unique() -> None:
    # Sorting of every __all__ is enforced by ruff (RUF022) in the test command.
    assert len(st.__all__) == len(set(st.__all__))
    for name in st.__all__:
        if name != "__version__":
            assert hasattr(st, name), name
    for name in ("evaluate", "WorkingDayCalendar", "Report", "Deadline", "Citation"):
        assert name in st.__all__


def test_public_functions_have_docstrings() -> None:
    for name in st.__all__:
        obj = getattr(st, name, None)
        if callable(obj):
            assert obj.__doc__, name


def test_contract_names_of_design_md() -> None:
    report = st.evaluate(
        [{"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"}],
        as_of=date(2025, 3, 1),
    )
    d = report.deadlines[0]
    for attribute in (
        "rule_id",
        "due",
        "status",
        "duty_holder",
        "citations",
        "explanation",
        "provisional",
    ):
        assert hasattr(d, attribute)
    for attribute in ("appealable", "mediation_available", "certificate_required", "reasons"):
        assert hasattr(report.eligibility, attribute)
    assert {"deadlines", "eligibility", "findings"} <= set(report.model_dump(mode="json"))
    assert d.citations[0].confidence in {"verified", "secondary"}
    assert isinstance(
        st.WorkingDayCalendar.england_and_wales(extra_closures=()), st.WorkingDayCalendar
    )


def test_no_network_logging_or_printing_in_the_library() -> None:
    banned_modules = {"logging", "socket", "urllib", "http", "requests"}
    for path in (ROOT / "src" / "send_timescales").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & banned_modules, path
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in banned_modules, path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print" or path.name == "cli.py", path


def test_the_engine_holds_no_law() -> None:
    """engine.py is a pipeline: no rule id, no citation, no legal table (they live in rules/)."""
    source = (ROOT / "src" / "send_timescales" / "engine.py").read_text()
    tree = ast.parse(source)
    ids = set(default_rules().ids)
    strings = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert not strings & ids, strings & ids
    assert not [s for s in strings if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", s)]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.endswith("citations"), "the engine imports citations"
            names = {a.name for a in node.names}
            assert not names & {"Citation", "Instrument", "SEND_REGS", "CFA_2014", "HESC_RULES"}
    tables = [
        node.targets[0].id  # type: ignore[attr-defined]
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, (ast.Dict, ast.Tuple, ast.List, ast.Set))
        and getattr(node.targets[0], "id", "") != "__all__"
    ]
    assert tables == [], f"module-level tables in engine.py: {tables}"
    assert "reg " not in source
    assert "s.51" not in source


def test_vocabularies_are_declared_once() -> None:
    from typing import get_args

    from send_timescales.events import EVENT_MODELS, Event
    from send_timescales.results import DUTY_HOLDER_NAMES, DutyHolder

    assert set(DUTY_HOLDER_NAMES) == {*get_args(DutyHolder), "la_and_icb"}
    union = get_args(get_args(Event)[0])
    assert list(EVENT_MODELS.values()) == list(union)
    for process in default_rules().processes:
        assert process.opened_by | process.members <= set(EVENT_MODELS), process.name


def test_concepts_page_lists_every_event_and_finding_code() -> None:
    """docs/concepts.md names every event type and every finding code the rules can give."""
    from typing import get_args

    from send_timescales.events import EVENT_MODELS
    from send_timescales.rules._model import InputNoteTopic

    text = (ROOT / "docs" / "concepts.md").read_text()
    sources = "".join(
        path.read_text() for path in (ROOT / "src" / "send_timescales" / "rules").glob("*.py")
    )
    codes = (
        set(re.findall(r'FindingTemplate\(\s*"([a-z_]+)"', sources))
        | set(re.findall(r'\.finding\(\s*"([a-z_]+)"', sources))
        | set(re.findall(r'finding_code="([a-z_]+)"', sources))
        | set(get_args(InputNoteTopic))
    )
    assert len(codes) >= 20, codes
    assert not [k for k in EVENT_MODELS if f"`{k}`" not in text]
    assert not [c for c in sorted(codes) if f"`{c}`" not in text]
