"""Tests that pin the rule catalogue's rows (``send-timescales rules``; docs/rules.md) in-process.

The CLI and server tests that print the catalogue are not in the mutation selection, so these
check ``catalogue_json`` and ``catalogue_markdown`` directly: one row of each shape (a deadline,
an undated duty, a rule with neither, a version with a closed in-force window) against what
docs/rules.md and the rule definitions say, and the escaping of a ``|`` in a Markdown cell
(issue 8; docs/testing.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from send_timescales.rules import CheckRule, RuleSet, default_rules
from send_timescales.rules.catalogue import catalogue_json, catalogue_markdown

_SEND_REGS = "https://www.legislation.gov.uk/uksi/2014/1530/regulation/"
_CFA = "https://www.legislation.gov.uk/ukpga/2014/6/section/"


def _rows(rule_id: str) -> list[dict[str, Any]]:
    data = catalogue_json(default_rules())
    assert data["rule_set"] == "england-send-2014/2026.11"
    return [row for row in data["rules"] if row["id"] == rule_id]


def _citation(instrument: str, provision: str, url: str, confidence: str = "verified") -> Any:
    return {"instrument": instrument, "provision": provision, "confidence": confidence, "url": url}


def test_deadline_row() -> None:
    # SEND Regs 2014 reg 5(1) (and CFA 2014 s.36(4)): the LA decides within 6 weeks of
    # receiving the request whether to assess; a clock of the request process.
    assert _rows("assessment.decision") == [
        {
            "id": "assessment.decision",
            "kind": "deadline",
            "summary": "LA notifies its decision whether to secure an EHC needs assessment",
            "in_force": "2014-09-01 onwards",
            "process": "request",
            "confidence": "verified",
            "citations": [
                _citation("SEND Regs 2014", "reg 5(1)", _SEND_REGS + "5"),
                _citation("CFA 2014", "s.36(4)", _CFA + "36"),
            ],
            "who": "la",
            "trigger": "the LA received the request for an EHC needs assessment (CFA 2014 "
            "s.36(1)), or became responsible for the child or young person (s.24)",
            "period": "6 weeks",
        }
    ]


def test_closed_window_version_row() -> None:
    # Reg 45(3) as made (before SI 2015/359, in force 23 March 2015): 4 weeks to carry out a
    # conceded assessment, known only from secondary sources; the version ends on 22 March 2015.
    (row,) = [r for r in _rows("unopposed.assess.carry_out") if r["in_force"].endswith("22")]
    assert row["in_force"] == "2014-09-01 to 2015-03-22"
    assert row["process"] == "order"
    assert row["confidence"] == "secondary"
    assert row["period"] == "4 weeks"
    assert row["who"] == "la"
    assert row["citations"] == [
        _citation("SEND Regs 2014", "reg 45(3) as made", _SEND_REGS + "45", "secondary")
    ]


def test_duty_row() -> None:
    # SEND Regs 2014 reg 38(2), (3); CFA 2014 s.56(1)(e): the mediator's duty has no date, so
    # no trigger and no period; its holder is the mediator.
    assert _rows("duty.child_views") == [
        {
            "id": "duty.child_views",
            "kind": "duty",
            "summary": "Where a parent (or a young person's alternative person) is the party, the "
            "mediator takes reasonable steps to find out the child's (young person's) views",
            "in_force": "2014-09-01 onwards",
            "process": "dispute",
            "confidence": "verified",
            "citations": [
                _citation("SEND Regs 2014", "reg 38(2), (3)", _SEND_REGS + "38"),
                _citation("CFA 2014", "s.56(1)(e)", _CFA + "56"),
            ],
            "who": "mediator",
            "trigger": "",
            "period": "",
        }
    ]


def test_eligibility_row_has_no_holder_trigger_or_period() -> None:
    # CFA 2014 s.51(2), (3): a question, not a duty; nobody holds it and no clock runs.
    assert _rows("eligibility.appealable") == [
        {
            "id": "eligibility.appealable",
            "kind": "eligibility",
            "summary": "Can this decision be appealed to the SEND Tribunal?",
            "in_force": "2014-09-01 onwards",
            "process": "dispute",
            "confidence": "verified",
            "citations": [
                _citation("CFA 2014", "s.51(2)", _CFA + "51"),
                _citation("CFA 2014", "s.51(3)", _CFA + "51"),
            ],
            "who": "",
            "trigger": "",
            "period": "",
        }
    ]


def test_markdown_escapes_a_pipe_in_a_cell() -> None:
    # A "|" in a summary would end the Markdown table cell: it is written "\|".
    base = default_rules().pick("check.event_sequence", date(2025, 1, 1))
    assert isinstance(base, CheckRule)
    rules = RuleSet([replace(base, summary="Events in order | certificates supported")], name="t")
    text = catalogue_markdown(rules)
    assert "| `check.event_sequence` | Events in order \\| certificates supported | " in text
