"""The runnable examples in examples/: the scripts run, and the case files give the right dates.

Every expected date below was worked out by hand from RULES.md (C1 to C8) and the official
England and Wales bank-holiday list, not taken from the library's output:

refusal_to_assess_mediation.json (refusal to assess sent Fri 16 Jan 2026), as of Mon 9 Mar 2026
  mediation.adviser_contact: 16 Jan + 2 months = Mon 16 Mar 2026; adviser contacted 27 Jan: met.
  mediation.arrange: request received Thu 29 Jan + 30 days = Sat 28 Feb 2026 (no roll-forward for
    an LA, C7); mediation held Wed 25 Feb: met.
  mediation.date_notice: mediation Wed 25 Feb; 5 working days before it: Tue 24, Mon 23, Fri 20,
    Thu 19, Wed 18 Feb; 5 clear working days -> notice by Tue 17 Feb 2026; given Mon 9 Feb: met.
  mediation.certificate.after_mediation: 3rd working day after Wed 25 Feb: Thu 26 (1), Fri 27 (2),
    Mon 2 Mar (3) -> Mon 2 Mar 2026; issued Tue 3 Mar: missed (1 day late).
  mediation.agreement.appealable (assess, reg 44(2)(b) 2 weeks) and .other (reg 42(3) 2 weeks):
    Wed 25 Feb + 14 days = Wed 11 Mar 2026; not done by 9 Mar: pending.
  appeal.register: notice limb 16 Jan + 2 months = Mon 16 Mar; certificate limb 3 Mar + 1 month =
    Fri 3 Apr 2026, Good Friday; later = 3 Apr; r.12(2): Sat 4, Sun 5, Mon 6 (Easter Monday) are
    not working days -> Tue 7 Apr 2026; appeal received Thu 5 Mar: met.

declined_mediation_easter.json (final plan sent Fri 13 Feb 2026), as of Mon 20 Apr 2026
  mediation.adviser_contact: 13 Feb + 2 months = Mon 13 Apr 2026; contacted Thu 2 Apr: met.
  mediation.certificate.declined: 3rd working day after Thu 2 Apr: Fri 3 (Good Friday), Sat 4,
    Sun 5, Mon 6 (Easter Monday) skipped; Tue 7 (1), Wed 8 (2), Thu 9 (3) -> Thu 9 Apr 2026;
    issued Thu 9 Apr (the last day): met.
  appeal.register: notice limb Mon 13 Apr; certificate limb 9 Apr + 1 month = Sat 9 May 2026;
    later = 9 May; r.12(2) -> Mon 11 May 2026 (the early May bank holiday is 4 May); pending.

section_i_only_appeal.json (amended plan sent Fri 26 Jun 2026, only Section I disputed)
  appeal.register: no certificate needed or issued; 26 Jun + 2 months = Wed 26 Aug 2026, in
    August, so r.12(3)(a): first working day after 31 Aug; Mon 31 Aug 2026 is the summer bank
    holiday -> Tue 1 Sep 2026; appeal received Mon 20 Jul: met.
  mediation.adviser_contact: 26 Jun + 2 months = Wed 26 Aug 2026 (C2; a parent's limit, not
    moved); not contacted by 21 Jul: pending.

assessment_to_review.json (request received Mon 8 Jan 2024), as of Mon 15 Sep 2025. Weeks are 7N
days (C1) and no LA or advice limit moves for a weekend or bank holiday (C7).
  assessment.decision (reg 5(1), "within 6 weeks" of the request): 8 Jan + 42 days = Mon 19 Feb
    2024 (Jan 9..31 is 23 days, + 19); agreed Thu 15 Feb: met.
  assessment.advice (reg 8(1), 6 weeks), asked of 3 bodies on Fri 16 Feb 2024: + 42 days = Fri 29
    Mar 2024 (Good Friday, not moved; 2024 is a leap year: Feb 17..29 is 13 days, + 29);
    educational Thu 21 Mar: met; medical Wed 27 Mar: met; psychological Fri 12 Apr: missed.
  plan.decision_not_to_issue (reg 10(1), 16 weeks): 8 Jan + 112 = Mon 29 Apr 2024 (23 + 29 + 31
    = 83 to 31 Mar, + 29); a draft was served on Tue 23 Apr, so no refusal falls due: disapplied.
  plan.draft_representations (reg 13(1)(a), "at least 15 days beginning with the day on which
    the draft plan was served"): Tue 23 Apr = day 1, day 15 = 23 Apr + 14 = Tue 7 May 2024;
    the final plan (Fri 17 May) came after it: met.
  plan.final (reg 13(2), 20 weeks): 8 Jan + 140 = Mon 27 May 2024 (83 to 31 Mar, + 30 = 113 to
    30 Apr, + 27; the spring bank holiday, not moved); final plan Fri 17 May: met.
  SEN2 measure: 17 May - 8 Jan = 23 + 29 + 31 + 30 + 17 = 130 days = 18 weeks (<= 140: within).
  The final plan's Sections B and F are disputed (mediation needs a certificate):
  mediation.adviser_contact: 17 May + 2 months = Wed 17 Jul 2024; contacted Mon 3 Jun: met.
  mediation.arrange: request received Wed 5 Jun + 30 days = Fri 5 Jul 2024; held Wed 3 Jul: met.
  mediation.date_notice: mediation Wed 3 Jul; 5 working days before it: Tue 2, Mon 1 Jul, Fri 28,
    Thu 27, Wed 26 Jun -> notice by Tue 25 Jun 2024; given Mon 17 Jun: met.
  mediation.certificate.after_mediation: 3rd working day after Wed 3 Jul: Thu 4 (1), Fri 5 (2),
    Mon 8 (3) -> Mon 8 Jul 2024; issued Fri 5 Jul: met.
  mediation.agreement.other (reg 42(3), 2 weeks): 3 Jul + 14 = Wed 17 Jul 2024; done Mon 15 Jul.
  appeal.register: notice limb 17 May + 2 months = Wed 17 Jul; certificate limb 5 Jul + 1 month
    = Mon 5 Aug 2024; the later ends in August, so r.12(3)(a): the first working day after 31 Aug
    (Sat) = Mon 2 Sep 2024; no appeal: overdue.
  review.annual (CFA s.44(1), "the period of 12 months starting with" Fri 17 May 2024): the
    corresponding date is Sat 17 May 2025, so the last day is Fri 16 May 2025; meeting Tue 13
    May 2025: met. The next: starting with Tue 13 May 2025 -> Tue 12 May 2026: pending.
  review.meeting_notice and review.advice_circulation (regs 20(3), (4): at least 2 weeks before
    the meeting, read as two clear weeks, C9): 13 May - 14 = Tue 29 Apr 2025, less a day = Mon
    28 Apr 2025; notice and advice Mon 28 Apr: both met.
  review.report (reg 20(9), within 2 weeks): 13 May + 14 = Tue 27 May 2025; sent Fri 23 May: met.
  review.decision (reg 20(10), within 4 weeks of the meeting): 13 May + 28 = Tue 10 Jun 2025;
    decision to amend Fri 6 Jun: met.
  amendment.representations (reg 22(2)(c), at least 15 days from the notice): Mon 23 Jun 2025 =
    day 1, + 14 = Mon 7 Jul 2025; amended plan after it: met.
  amendment.final (reg 22(3); Devon): the earlier of 23 Jun + 56 = Mon 18 Aug 2025 (8 weeks from
    the notice) and 13 May + 84 = Tue 5 Aug 2025 (12 weeks from the meeting: May 14..31 is 18, +
    30 + 31 = 79, + 5) = Tue 5 Aug 2025; amended plan Fri 1 Aug: met.
  After the amended plan (Fri 1 Aug 2025, nothing disputed yet): appeal.register 1 Aug + 2
    months = Wed 1 Oct 2025, and mediation.adviser_contact Wed 1 Oct 2025: both pending.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from send_timescales import Report, evaluate, parse_case

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
CASES = EXAMPLES / "cases"

REFUSAL = CASES / "refusal_to_assess_mediation.json"
EASTER = CASES / "declined_mediation_easter.json"
SECTION_I = CASES / "section_i_only_appeal.json"
REVIEW = CASES / "assessment_to_review.json"

D = date.fromisoformat


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def report_for(path: Path, as_of: date) -> Report:
    return evaluate(parse_case(path.read_text(encoding="utf-8")), as_of=as_of)


# ---------------------------------------------------------------------------- the case files

# (case file, as_of, rule_id, due, status, duty holder): worked by hand, see the module docstring.
EXPECTED: list[tuple[Path, str, str, str, str, str]] = [
    (REFUSAL, "2026-03-09", "mediation.adviser_contact", "2026-03-16", "met",
     "parent_or_young_person"),
    (REFUSAL, "2026-03-09", "mediation.arrange", "2026-02-28", "met", "la"),
    (REFUSAL, "2026-03-09", "mediation.date_notice", "2026-02-17", "met", "la"),
    (REFUSAL, "2026-03-09", "mediation.certificate.after_mediation", "2026-03-02", "missed",
     "mediation_adviser"),
    (REFUSAL, "2026-03-09", "mediation.agreement.appealable", "2026-03-11", "pending", "la"),
    (REFUSAL, "2026-03-09", "mediation.agreement.other", "2026-03-11", "pending", "la"),
    (REFUSAL, "2026-03-09", "appeal.register", "2026-04-07", "met", "parent_or_young_person"),
    (EASTER, "2026-04-20", "mediation.adviser_contact", "2026-04-13", "met",
     "parent_or_young_person"),
    (EASTER, "2026-04-20", "mediation.certificate.declined", "2026-04-09", "met",
     "mediation_adviser"),
    (EASTER, "2026-04-20", "appeal.register", "2026-05-11", "pending", "parent_or_young_person"),
    # The day before the certificate: the adviser's duty is still open, and only the notice limb
    # (13 Feb + 2 months = Mon 13 Apr 2026) is known.
    (EASTER, "2026-04-08", "mediation.certificate.declined", "2026-04-09", "pending",
     "mediation_adviser"),
    (EASTER, "2026-04-08", "appeal.register", "2026-04-13", "pending", "parent_or_young_person"),
    (SECTION_I, "2026-07-21", "appeal.register", "2026-09-01", "met", "parent_or_young_person"),
    # Only Section I is disputed: no certificate is needed, so reg 33 does not apply at all.
    (SECTION_I, "2026-07-21", "mediation.adviser_contact", "", "disapplied",
     "parent_or_young_person"),
    # Before the appeal was registered (the appeal event is left out as after as_of).
    (SECTION_I, "2026-07-01", "appeal.register", "2026-09-01", "pending",
     "parent_or_young_person"),
    (REVIEW, "2025-09-15", "assessment.decision", "2024-02-19", "met", "la"),
    (REVIEW, "2025-09-15", "plan.decision_not_to_issue", "", "disapplied", "la"),
    (REVIEW, "2025-09-15", "plan.draft_representations", "2024-05-07", "met", "la"),
    (REVIEW, "2025-09-15", "plan.final", "2024-05-27", "met", "la"),
    (REVIEW, "2025-09-15", "mediation.arrange", "2024-07-05", "met", "la"),
    (REVIEW, "2025-09-15", "mediation.date_notice", "2024-06-25", "met", "la"),
    (REVIEW, "2025-09-15", "mediation.certificate.after_mediation", "2024-07-08", "met",
     "mediation_adviser"),
    (REVIEW, "2025-09-15", "mediation.agreement.other", "2024-07-17", "met", "la"),
    (REVIEW, "2025-09-15", "review.meeting_notice", "2025-04-28", "met", "school"),
    (REVIEW, "2025-09-15", "review.advice_circulation", "2025-04-28", "met", "school"),
    (REVIEW, "2025-09-15", "review.report", "2025-05-27", "met", "school"),
    (REVIEW, "2025-09-15", "review.decision", "2025-06-10", "met", "la"),
    (REVIEW, "2025-09-15", "amendment.representations", "2025-07-07", "met", "la"),
    (REVIEW, "2025-09-15", "amendment.final", "2025-08-05", "met", "la"),
    # Before the final plan: the 20 weeks run, the draft's 15 days have not yet ended.
    (REVIEW, "2024-05-01", "plan.final", "2024-05-27", "pending", "la"),
    (REVIEW, "2024-05-01", "plan.draft_representations", "2024-05-07", "pending", "la"),
    # Before the amendment notice: only the decision after the review is due.
    (REVIEW, "2025-06-09", "review.decision", "2025-06-10", "met", "la"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "as_of", "rule_id", "due", "status", "holder"),
    EXPECTED,
    ids=[f"{p.stem}-{a}-{r}" for p, a, r, *_ in EXPECTED],
)
def test_case_file_deadline(
    path: Path, as_of: str, rule_id: str, due: str, status: str, holder: str
) -> None:
    deadline = report_for(path, D(as_of)).deadline(rule_id)
    assert deadline is not None, f"{rule_id} missing"
    assert deadline.due == (D(due) if due else None)
    assert deadline.status == status
    assert deadline.duty_holder == holder
    assert deadline.citations


@pytest.mark.parametrize(
    ("path", "as_of", "rule_ids"),
    [
        (
            REFUSAL,
            "2026-03-09",
            {
                "mediation.adviser_contact": 1,
                "mediation.arrange": 1,
                "mediation.date_notice": 1,
                "mediation.certificate.after_mediation": 1,
                # the agreed assessment: notify, then no plan (10 weeks) or final plan (14 weeks)
                "mediation.agreement.appealable": 3,
                "mediation.agreement.other": 1,
                "appeal.register": 1,
            },
        ),
        (
            EASTER,
            "2026-04-20",
            {
                "mediation.adviser_contact": 1,
                "mediation.certificate.declined": 1,
                "appeal.register": 1,
                # the plan finalised on Fri 13 Feb 2026 is reviewed within the 12 months starting
                # with that day: by Fri 12 Feb 2027 (CFA 2014 s.44(1))
                "review.annual": 1,
            },
        ),
        (SECTION_I, "2026-07-21", {"mediation.adviser_contact": 1, "appeal.register": 1}),
        (
            REVIEW,
            "2025-09-15",
            {
                "assessment.decision": 1,
                "assessment.advice": 3,  # one per body asked
                "plan.decision_not_to_issue": 1,
                "plan.draft_representations": 1,
                "plan.final": 1,
                "mediation.adviser_contact": 2,  # the final plan, then the amended plan
                "mediation.arrange": 1,
                "mediation.date_notice": 1,
                "mediation.certificate.after_mediation": 1,
                "mediation.agreement.other": 1,
                "appeal.register": 2,
                "review.annual": 2,  # the first year (met), then the year from the meeting
                "review.meeting_notice": 1,
                "review.advice_circulation": 1,
                "review.report": 1,
                "review.decision": 1,
                "amendment.representations": 1,
                "amendment.final": 1,
            },
        ),
    ],
    ids=["refusal", "easter", "section_i", "assessment_to_review"],
)
def test_case_file_has_exactly_these_deadlines(
    path: Path, as_of: str, rule_ids: dict[str, int]
) -> None:
    report = report_for(path, D(as_of))
    counts: dict[str, int] = {}
    for d in report.deadlines:
        counts[d.rule_id] = counts.get(d.rule_id, 0) + 1
    assert counts == rule_ids


def test_every_case_file_parses_with_events_on_or_before_its_as_of() -> None:
    as_of = {
        REFUSAL: D("2026-03-09"),
        EASTER: D("2026-04-20"),
        SECTION_I: D("2026-07-21"),
        REVIEW: D("2025-09-15"),
    }
    assert sorted(CASES.glob("*.json")) == sorted(as_of)
    for path, day in as_of.items():
        case = parse_case(path.read_text(encoding="utf-8"))
        assert case.case_id
        assert all(event.on <= day for event in case.events), path.name
        report = evaluate(case, as_of=day)
        assert report.provenance.case_id == case.case_id
        assert "events_after_as_of" not in {f.code for f in report.findings}


def test_refusal_case_eligibility_and_findings() -> None:
    report = report_for(REFUSAL, D("2026-03-09"))
    e = report.eligibility
    assert (e.decision, e.appealable, e.mediation_available) == ("refuse_assessment", True, True)
    assert e.certificate_required
    assert e.party == "parent"  # born 20 Jun 2014: compulsory school age ends 28 Jun 2030
    codes = {(f.code, f.rule_id) for f in report.findings}
    assert ("deadline_missed", "mediation.certificate.after_mediation") in codes
    assert "appeal_without_certificate" not in {c for c, _ in codes}
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert appeal.done_on == D("2026-03-05")
    assert any("Good Friday" in step for step in appeal.explanation)


def test_refusal_case_agreement_actions_are_separate_deadlines() -> None:
    report = report_for(REFUSAL, D("2026-03-09"))
    subjects = {
        (d.rule_id, d.subject, d.due)
        for d in report.deadlines
        if d.rule_id.startswith("mediation.agreement")
    }
    # Agreement Wed 25 Feb 2026: + 2 weeks = Wed 11 Mar; + 10 weeks = Wed 6 May; + 14 weeks =
    # Wed 3 Jun 2026 (reg 42(2) applying reg 44(2)(b)); the other action: + 2 weeks (reg 42(3)).
    what = "carry out an EHC needs assessment"
    assert subjects == {
        (
            "mediation.agreement.appealable",
            f"{what}: notify the parent or young person that it will assess",
            D("2026-03-11"),
        ),
        (
            "mediation.agreement.appealable",
            f"{what}: notify a decision, after the assessment, that no plan is needed",
            D("2026-05-06"),
        ),
        (
            "mediation.agreement.appealable",
            f"{what}: send the final EHC plan after the assessment",
            D("2026-06-03"),
        ),
        (
            "mediation.agreement.other",
            "share the school's SEN support records with the parent",
            D("2026-03-11"),
        ),
    }
    # Three months on, nothing shows the LA did either: both overdue, both LA errors.
    later = report_for(REFUSAL, D("2026-06-01"))
    overdue = {d.rule_id for d in later.deadlines if d.status == "overdue"}
    assert overdue == {"mediation.agreement.appealable", "mediation.agreement.other"}
    errors = {f.rule_id for f in later.findings if f.severity == "error"}
    assert errors == overdue


def test_easter_certificate_count_skips_good_friday_and_easter_monday() -> None:
    report = report_for(EASTER, D("2026-04-20"))
    certificate = report.deadline("mediation.certificate.declined")
    assert certificate is not None
    assert certificate.trigger_on == D("2026-04-02")  # Thursday before Good Friday
    assert certificate.due == D("2026-04-09")
    assert certificate.done_on == D("2026-04-09")
    text = " ".join(certificate.explanation)
    assert "Good Friday" in text
    assert "Easter Monday" in text
    assert report.eligibility.certificate_required
    assert report.eligibility.party == "parent"


def test_easter_case_appeal_time_passes_without_an_appeal() -> None:
    appeal = report_for(EASTER, D("2026-05-12")).deadline("appeal.register")
    assert appeal is not None
    assert (appeal.due, appeal.status) == (D("2026-05-11"), "overdue")


def test_section_i_case_needs_no_certificate() -> None:
    report = report_for(SECTION_I, D("2026-07-21"))
    e = report.eligibility
    assert (e.appealable, e.mediation_available, e.certificate_required) == (True, True, False)
    assert not any(d.rule_id.startswith("mediation.certificate") for d in report.deadlines)
    assert "appeal_without_certificate" not in {f.code for f in report.findings}
    appeal = report.deadline("appeal.register")
    assert appeal is not None
    assert any("August" in step for step in appeal.explanation)


def test_assessment_to_review_advice_is_one_deadline_per_body() -> None:
    report = report_for(REVIEW, D("2025-09-15"))
    advice = {
        (d.subject, d.due, d.status, d.done_on)
        for d in report.deadlines
        if d.rule_id == "assessment.advice"
    }
    # Asked on Fri 16 Feb 2024; 6 weeks = 42 days -> Fri 29 Mar 2024 (Good Friday, not moved).
    assert advice == {
        ("educational advice", D("2024-03-29"), "met", D("2024-03-21")),
        ("medical advice", D("2024-03-29"), "met", D("2024-03-27")),
        ("psychological advice", D("2024-03-29"), "missed", D("2024-04-12")),
    }
    late = [f for f in report.findings if f.rule_id == "assessment.advice"]
    assert [f.code for f in late] == ["deadline_missed"]
    assert "14 days late" in late[0].message


def test_assessment_to_review_sen2_measure() -> None:
    (measure,) = report_for(REVIEW, D("2025-09-15")).measures
    assert measure.rule_id == "measure.sen2_20_weeks"
    assert (measure.request_on, measure.final_on) == (D("2024-01-08"), D("2024-05-17"))
    assert (measure.days, measure.weeks) == (130, 18)
    assert measure.within_20_weeks is True
    assert measure.exception_applied is False
    assert measure.outcome == "plan_issued"
    (row,) = report_for(REVIEW, D("2025-09-15")).to_rows()["measures"]
    assert row["case_id"] == "EX-004-assessment-to-review"
    assert row["days"] == 130
    # Before the final plan the request is still open: no final date, no weeks.
    (before,) = report_for(REVIEW, D("2024-05-01")).measures
    assert (before.outcome, before.final_on, before.days, before.within_20_weeks) == (
        "open",
        None,
        None,
        None,
    )


def test_assessment_to_review_appeals_and_reviews_follow_each_decision() -> None:
    report = report_for(REVIEW, D("2025-09-15"))
    appeals = {
        (d.trigger_on, d.due, d.status) for d in report.deadlines if d.rule_id == "appeal.register"
    }
    assert appeals == {
        # the certificate limb (5 Aug 2024) ends in August: the first working day after 31 Aug
        (D("2024-05-17"), D("2024-09-02"), "overdue"),
        (D("2025-08-01"), D("2025-10-01"), "pending"),
    }
    reviews = {
        (d.trigger_on, d.due, d.status) for d in report.deadlines if d.rule_id == "review.annual"
    }
    # 12 months starting with the day: the day before the corresponding date; the amendment
    # does not restart the clock.
    assert reviews == {
        (D("2024-05-17"), D("2025-05-16"), "met"),
        (D("2025-05-13"), D("2026-05-12"), "pending"),
    }
    later = report_for(REVIEW, D("2026-05-13"))
    (next_review,) = [
        d
        for d in later.deadlines
        if d.rule_id == "review.annual" and d.trigger_on == D("2025-05-13")
    ]
    assert next_review.status == "overdue"


def test_assessment_to_review_amendment_twelve_week_limb_decides() -> None:
    final = report_for(REVIEW, D("2025-09-15")).deadline("amendment.final")
    assert final is not None
    # 8 weeks from the notice (Mon 23 Jun 2025) = Mon 18 Aug 2025; 12 weeks from the review
    # meeting (Tue 13 May 2025) = Tue 5 Aug 2025: the earlier decides.
    assert (final.due, final.done_on, final.status) == (D("2025-08-05"), D("2025-08-01"), "met")
    text = " ".join(final.explanation)
    assert "Monday 18 August 2025" in text
    assert "12-week limb decides" in text
    # An amended plan on the day after the 12-week limb would be late, though within 8 weeks.
    case = parse_case(REVIEW.read_text(encoding="utf-8"))
    events = [e.model_dump() for e in case.events]
    events[-1] = {**events[-1], "on": D("2025-08-06")}
    late = evaluate(events, as_of=D("2025-09-15")).deadline("amendment.final")
    assert late is not None
    assert late.status == "missed"


def test_batch_inputs_hold_every_case_file() -> None:
    from send_timescales.tabular import cases_from_csv

    files = {
        case.case_id: case
        for case in (parse_case(p.read_text(encoding="utf-8")) for p in CASES.glob("*.json"))
    }
    lines = (EXAMPLES / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    jsonl = {case.case_id: case for case in map(parse_case, lines)}
    assert jsonl == files
    rows = cases_from_csv((EXAMPLES / "events.csv").read_text(encoding="utf-8"))
    from_csv = {
        case_id: parse_case({"case_id": case_id, "events": events}) for case_id, events in rows
    }
    assert from_csv == files


# ---------------------------------------------------------------------------- evaluate_case.py

_DEADLINE_LINE = re.compile(
    r"^\* (?P<due>\w+ \d+ \w+ \d{4})(?: \(provisional\))?\s+(?P<status>\S+)"
    r"(?: \(done [^)]*\))?\s+(?P<rule>[a-z_.]+)"
)


def deadline_lines(text: str) -> set[tuple[str, str, str]]:
    found = set()
    for line in text.splitlines():
        match = _DEADLINE_LINE.match(line)
        if match:
            found.add((match["due"], match["status"], match["rule"]))
    return found


def test_evaluate_case_default_is_the_refusal_case() -> None:
    result = run("evaluate_case.py", "--as-of", "2026-03-09")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith(
        "SEND timescales as of Monday 9 March 2026 (case EX-001-refusal-to-assess-mediation)"
    )
    assert "Decision: refuse_assessment (notice sent Friday 16 January 2026)" in out
    assert {
        ("Tuesday 17 February 2026", "met", "mediation.date_notice"),
        ("Saturday 28 February 2026", "met", "mediation.arrange"),
        ("Monday 2 March 2026", "MISSED", "mediation.certificate.after_mediation"),
        ("Wednesday 11 March 2026", "pending", "mediation.agreement.appealable"),
        ("Wednesday 11 March 2026", "pending", "mediation.agreement.other"),
        ("Monday 16 March 2026", "met", "mediation.adviser_contact"),
        ("Tuesday 7 April 2026", "met", "appeal.register"),
        ("Wednesday 6 May 2026", "pending", "mediation.agreement.appealable"),
        ("Wednesday 3 June 2026", "pending", "mediation.agreement.appealable"),
    } == deadline_lines(out)
    assert "deadline_missed" in out


@pytest.mark.parametrize(
    ("path", "as_of", "expected"),
    [
        (
            EASTER,
            "2026-04-20",
            {
                ("Thursday 9 April 2026", "met", "mediation.certificate.declined"),
                ("Monday 13 April 2026", "met", "mediation.adviser_contact"),
                ("Monday 11 May 2026", "pending", "appeal.register"),
                ("Friday 12 February 2027", "pending", "review.annual"),
            },
        ),
        (
            SECTION_I,
            "2026-07-21",
            # the adviser contact is disapplied (no certificate needed): no date to list
            {("Tuesday 1 September 2026", "met", "appeal.register")},
        ),
    ],
    ids=["easter", "section_i"],
)
def test_evaluate_case_other_cases(
    path: Path, as_of: str, expected: set[tuple[str, str, str]]
) -> None:
    result = run("evaluate_case.py", str(path.relative_to(REPO)), "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    assert deadline_lines(result.stdout) == expected


def test_evaluate_case_easter_explanation_names_the_holidays() -> None:
    result = run("evaluate_case.py", str(EASTER), "--as-of", "2026-04-20")
    assert result.returncode == 0, result.stderr
    assert (
        "not counted: Friday 3 April 2026 (Good Friday), Monday 6 April 2026 (Easter Monday), "
        "and the weekend" in result.stdout
    )


def test_evaluate_case_without_as_of_runs() -> None:
    result = run("evaluate_case.py")
    assert result.returncode == 0, result.stderr
    assert "EX-001-refusal-to-assess-mediation" in result.stdout


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, ("no/such/case.json",), "No such file"),
        (None, ("--as-of", "2026-3-9"), "YYYY-MM-DD"),
        (None, ("--as-of", "2010-01-01"), "before 1 September 2014"),
        (None, ("--no-such-option",), "unrecognized arguments"),
        ("not json", (), "not valid JSON"),
        ('{"events": [{"type": "mediation_held", "on": "2026-01-05"}]}', (), "'agreement'"),
        (
            '{"events": [{"type": "decision_notice", "on": "2026-01-05T09:00:00",'
            ' "decision": "refuse_assessment"}]}',
            (),
            "YYYY-MM-DD",
        ),
    ],
    ids=["missing-file", "bad-as-of", "as-of-too-early", "bad-option", "not-json",
         "missing-field", "datetime"],
)  # fmt: skip
def test_evaluate_case_bad_input(
    tmp_path: Path, content: str | None, args: tuple[str, ...], message: str
) -> None:
    argv = list(args)
    if content is not None:
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        argv.insert(0, str(bad))
    result = run("evaluate_case.py", *argv)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("evaluate_case.py: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------- compliance_batch.py

REVIEW_ID = "EX-004-assessment-to-review"
BATCH_ROWS = {
    ("EX-001-refusal-to-assess-mediation", "mediation.date_notice", "2026-02-17", "met", "la"),
    ("EX-001-refusal-to-assess-mediation", "mediation.arrange", "2026-02-28", "met", "la"),
    ("EX-001-refusal-to-assess-mediation", "mediation.certificate.after_mediation", "2026-03-02",
     "missed", "mediation_adviser"),
    ("EX-001-refusal-to-assess-mediation", "mediation.agreement.appealable", "2026-03-11",
     "overdue", "la"),
    ("EX-001-refusal-to-assess-mediation", "mediation.agreement.other", "2026-03-11", "overdue",
     "la"),
    ("EX-001-refusal-to-assess-mediation", "mediation.adviser_contact", "2026-03-16", "met",
     "parent_or_young_person"),
    ("EX-001-refusal-to-assess-mediation", "appeal.register", "2026-04-07", "met",
     "parent_or_young_person"),
    ("EX-001-refusal-to-assess-mediation", "mediation.agreement.appealable", "2026-05-06",
     "overdue", "la"),
    ("EX-001-refusal-to-assess-mediation", "mediation.agreement.appealable", "2026-06-03",
     "overdue", "la"),
    ("EX-002-declined-mediation-easter", "mediation.certificate.declined", "2026-04-09", "met",
     "mediation_adviser"),
    ("EX-002-declined-mediation-easter", "mediation.adviser_contact", "2026-04-13", "met",
     "parent_or_young_person"),
    ("EX-002-declined-mediation-easter", "appeal.register", "2026-05-11", "overdue",
     "parent_or_young_person"),
    ("EX-002-declined-mediation-easter", "review.annual", "2027-02-12", "pending", "la"),
    ("EX-003-section-i-only-appeal", "mediation.adviser_contact", "-", "disapplied",
     "parent_or_young_person"),
    ("EX-003-section-i-only-appeal", "appeal.register", "2026-09-01", "met",
     "parent_or_young_person"),
    # assessment_to_review.json, as of 21 Jul 2026 (see the module docstring): the second annual
    # review (due 12 May 2026) and the time for the parent after the amended plan have passed.
    (REVIEW_ID, "assessment.decision", "2024-02-19", "met", "la"),
    (REVIEW_ID, "assessment.advice", "2024-03-29", "met", "advice_giver"),
    (REVIEW_ID, "assessment.advice", "2024-03-29", "missed", "advice_giver"),
    (REVIEW_ID, "plan.draft_representations", "2024-05-07", "met", "la"),
    (REVIEW_ID, "plan.final", "2024-05-27", "met", "la"),
    (REVIEW_ID, "mediation.date_notice", "2024-06-25", "met", "la"),
    (REVIEW_ID, "mediation.arrange", "2024-07-05", "met", "la"),
    (REVIEW_ID, "mediation.certificate.after_mediation", "2024-07-08", "met", "mediation_adviser"),
    (REVIEW_ID, "mediation.adviser_contact", "2024-07-17", "met", "parent_or_young_person"),
    (REVIEW_ID, "mediation.agreement.other", "2024-07-17", "met", "la"),
    (REVIEW_ID, "appeal.register", "2024-09-02", "overdue", "parent_or_young_person"),
    (REVIEW_ID, "review.meeting_notice", "2025-04-28", "met", "school"),
    (REVIEW_ID, "review.advice_circulation", "2025-04-28", "met", "school"),
    (REVIEW_ID, "review.annual", "2025-05-16", "met", "la"),
    (REVIEW_ID, "review.report", "2025-05-27", "met", "school"),
    (REVIEW_ID, "review.decision", "2025-06-10", "met", "la"),
    (REVIEW_ID, "amendment.representations", "2025-07-07", "met", "la"),
    (REVIEW_ID, "amendment.final", "2025-08-05", "met", "la"),
    (REVIEW_ID, "mediation.adviser_contact", "2025-10-01", "overdue", "parent_or_young_person"),
    (REVIEW_ID, "appeal.register", "2025-10-01", "overdue", "parent_or_young_person"),
    (REVIEW_ID, "review.annual", "2026-05-12", "overdue", "la"),
    (REVIEW_ID, "plan.decision_not_to_issue", "-", "disapplied", "la"),
}  # fmt: skip


def table_rows(text: str, width: int) -> list[tuple[str, ...]]:
    return [tuple(line.split()) for line in text.splitlines() if len(line.split()) == width]


def test_compliance_batch_table_and_tally() -> None:
    result = run("compliance_batch.py", "--as-of", "2026-07-21")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Deadlines as of 2026-07-21 (4 cases)")
    rows = table_rows(out, 5)
    assert rows[0] == ("case_id", "rule_id", "due", "status", "duty_holder")
    body = [row for row in rows[1:] if not set(row[0]) <= {"-"}]
    assert len(body) == len(BATCH_ROWS) + 1  # two met educational and medical advice rows
    assert set(body) == BATCH_ROWS
    tally = {row[0]: row[1:] for row in table_rows(out, 7)}
    # columns: met, missed, pending, overdue, disapplied, total
    assert tally["rule_id"] == ("met", "missed", "pending", "overdue", "disapplied", "total")
    assert tally["appeal.register"] == ("2", "0", "0", "3", "0", "5")
    assert tally["mediation.adviser_contact"] == ("3", "0", "0", "1", "1", "5")
    assert tally["mediation.certificate.after_mediation"] == ("1", "1", "0", "0", "0", "2")
    assert tally["mediation.agreement.appealable"] == ("0", "0", "0", "3", "0", "3")
    assert tally["assessment.advice"] == ("2", "1", "0", "0", "0", "3")
    assert tally["review.annual"] == ("1", "0", "1", "1", "0", "3")
    assert tally["amendment.final"] == ("1", "0", "0", "0", "0", "1")


def test_compliance_batch_skips_a_bad_case(tmp_path: Path) -> None:
    shutil.copy(EASTER, tmp_path / EASTER.name)
    (tmp_path / "broken.json").write_text('{"events": [{"type": "nonsense"}]}', encoding="utf-8")
    result = run("compliance_batch.py", str(tmp_path), "--as-of", "2026-04-20")
    assert result.returncode == 1
    assert "broken.json" in result.stderr
    assert "Traceback" not in result.stderr
    rows = set(table_rows(result.stdout, 5))
    assert ("EX-002-declined-mediation-easter", "appeal.register", "2026-05-11", "pending",
            "parent_or_young_person") in rows  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [("--as-of", "2026-02-30"), ("no/such/folder",)],
    ids=["bad-date", "missing-folder"],
)
def test_compliance_batch_bad_input(args: tuple[str, ...]) -> None:
    result = run("compliance_batch.py", *args)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("compliance_batch.py: error: ")
