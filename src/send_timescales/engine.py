"""The engine: events in, a cited :class:`~send_timescales.results.Report` out.

:func:`evaluate` is pure: no I/O, no logging, no global state beyond the lazily built default
calendar and rule set, and the same events and ``as_of`` always give the same report, whatever
order the events came in. Its steps:

1. parse and check the events (types, dates from 1 September 2014, no contradictions);
2. put them in causal order: by date, then by the order facts happen on one day;
3. leave out events after ``as_of`` (the report is as things stood then), with a finding;
4. give each event to the latest decision notice on or before it;
5. for each decision: eligibility, then every deadline its events trigger (the rule version in
   force on the trigger's date, C10), then the undated duties, then findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any

from .calendars import WorkingDayCalendar, check_date
from .citations import CFA_2014, HESC_RULES, SEND_REGS, Citation
from .errors import ContradictoryEventsError, DateOutOfRangeError, InputError
from .events import (
    EVENT_RANK,
    AppealRegistered,
    Case,
    CertificateIssued,
    DecisionNotice,
    EventBase,
    MediationAgreement,
    MediationScheduled,
    event_label,
    event_type,
    parse_events,
)
from .periods import default_calendar, long_date
from .results import (
    Deadline,
    DecisionOutcome,
    Duty,
    Eligibility,
    Finding,
    Party,
    Provenance,
    Reason,
    Report,
    Severity,
    trusted,
)
from .rules import DeadlineRule, DutyRule, EligibilityRule, RuleSet, default_rules
from .rules._model import REGIME_START, Context
from .rules.mediation import declines_mediation

__all__ = ["evaluate"]

_LATE_APPEAL = HESC_RULES.cite("20(4)", "secondary")
_NO_CERTIFICATE = HESC_RULES.cite("19", "secondary")
_SENT = (SEND_REGS.cite("33", "verified"), HESC_RULES.cite("20(1)(c)", "verified"))


@lru_cache(maxsize=1)
def _library_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("send-timescales")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def evaluate(
    events: Iterable[EventBase | Mapping[str, Any]] | Case | str | bytes,
    *,
    as_of: date | None = None,
    calendar: WorkingDayCalendar | None = None,
    rules: RuleSet | None = None,
    case_id: str | None = None,
) -> Report:
    """Every deadline, eligibility answer, duty and finding for a case's events, as of a date.

    ``events`` are event models, dicts shaped like RULES.md section 5, a JSON array, or a
    :class:`~send_timescales.events.Case`. ``as_of`` (default: today) is the date statuses are
    judged at; events after it are left out. ``calendar`` and ``rules`` default to the England
    and Wales calendar and the current rule set. ``case_id`` is recorded in the provenance (a
    ``Case``'s own id is used when none is given).

    Raises :class:`~send_timescales.EventError` for malformed events,
    :class:`~send_timescales.DateOutOfRangeError` for dates before 1 September 2014 (the regime's
    start) and :class:`~send_timescales.ContradictoryEventsError` for events that cannot both be
    true; all are ``ValueError`` subclasses whose messages name the event, field and value.

    >>> report = evaluate(
    ...     [{"type": "decision_notice", "on": "2025-10-01", "decision": "refuse_assessment"},
    ...      {"type": "adviser_contacted", "on": "2025-11-26", "wants_mediation": False},
    ...      {"type": "certificate_issued", "on": "2025-11-29", "reason": "declined"}],
    ...     as_of=date(2025, 12, 1))
    >>> appeal = report.deadline("appeal.register")
    >>> appeal.due, appeal.status, appeal.duty_holder
    (datetime.date(2026, 1, 2), 'pending', 'parent_or_young_person')
    >>> report.eligibility.appealable, report.eligibility.certificate_required
    (True, True)
    """
    if isinstance(events, Case):
        case_id = case_id if case_id is not None else events.case_id
        events = events.events
    parsed = parse_events(events)
    if as_of is None:
        as_of = date.today()
    elif type(as_of) is not date:
        try:
            as_of = check_date(as_of, "as_of")
        except TypeError as error:
            raise InputError(str(error)) from None
    cal = calendar if calendar is not None else default_calendar()
    rule_set = rules if rules is not None else default_rules()
    if as_of < REGIME_START:
        raise DateOutOfRangeError(
            f"as_of {as_of.isoformat()} is before 1 September 2014, when the SEND regime under "
            "the Children and Families Act 2014 began."
        )
    positions = {id(event): index for index, event in enumerate(parsed)}
    _check_dates(parsed, positions, cal)
    ordered = _causal_order(parsed)

    findings: list[Finding] = []
    later = [e for e in ordered if e.on > as_of]
    if later:
        ordered = [e for e in ordered if e.on <= as_of]
        findings.append(_events_after_as_of(later, as_of))
    born = _date_of_birth(ordered, positions)
    groups = _group_by_decision(ordered, positions)

    deadlines: list[Deadline] = []
    duties: list[Duty] = []
    outcomes: list[DecisionOutcome] = []
    for decision, by_type in groups:
        ctx = Context(decision=decision, events=by_type, calendar=cal, as_of=as_of, born=born)
        _check_sequence(ctx, positions, rule_set)
        ctx.eligibility = _eligibility(ctx, rule_set)
        outcomes.append(
            trusted(
                DecisionOutcome,
                on=decision.on,
                decision=decision.decision,
                eligibility=ctx.eligibility,
            )
        )
        found = _deadlines(ctx, rule_set)
        deadlines.extend(found)
        duties.extend(_duties(ctx, rule_set))
        findings.extend(ctx.findings)
        findings.extend(_deadline_findings(found, cal, ctx.eligibility))
        findings.extend(_appeal_findings(ctx))

    rank = rule_set.rank
    deadlines.sort(key=lambda d: (d.due is None, d.due or as_of, rank[d.rule_id], d.trigger_on))
    eligibility = outcomes[-1].eligibility if outcomes else _no_decision()
    if not outcomes:
        findings.append(_no_decision_finding(rule_set))
    return trusted(
        Report,
        deadlines=tuple(deadlines),
        eligibility=eligibility,
        decisions=tuple(outcomes),
        duties=tuple(duties),
        findings=tuple(findings),
        provenance=trusted(
            Provenance,
            library_version=_library_version(),
            rule_set=rule_set.name,
            calendar=cal.name
            + (f" + {len(cal.extra_closures)} local closures" if cal.extra_closures else ""),
            calendar_known_until=cal.known_until,
            as_of=as_of,
            case_id=case_id,
        ),
    )


# ---------------------------------------------------------------------------- checking input


def _where(event: EventBase, positions: dict[int, int]) -> str:
    return f"event {positions.get(id(event), '?')} ({event_label(event)})"


def _check_dates(
    events: list[EventBase], positions: dict[int, int], cal: WorkingDayCalendar
) -> None:
    for event in events:
        fields: list[tuple[str, date | None]] = [("on", event.on)]
        if isinstance(event, DecisionNotice):
            fields.append(("letter_dated", event.letter_dated))
        elif isinstance(event, MediationScheduled):
            fields.append(("mediation_on", event.mediation_on))
        elif isinstance(event, MediationAgreement):
            fields.extend(("agreed_date", a.agreed_date) for a in event.actions)
        for name, value in fields:
            if value is None:
                continue
            if value < REGIME_START and event_type(event) != "child_born":
                raise DateOutOfRangeError(
                    f"{_where(event, positions)}: field {name!r} = {value.isoformat()} is before "
                    "1 September 2014, when the SEND regime under the Children and Families Act "
                    "2014 began; these rules do not apply to it."
                )
            if value > cal.last:
                raise DateOutOfRangeError(
                    f"{_where(event, positions)}: field {name!r} = {value.isoformat()} is after "
                    f"{cal.last.isoformat()}, the last day the {cal.name} calendar supports."
                )


def _causal_order(events: list[EventBase]) -> list[EventBase]:
    """By date, then by the order facts happen on one day; identical keys by content."""
    keyed = sorted(events, key=lambda e: (e.on, EVENT_RANK[event_type(e)]))
    for a, b in pairwise(keyed):
        if a.on == b.on and event_type(a) == event_type(b):
            return sorted(
                events, key=lambda e: (e.on, EVENT_RANK[event_type(e)], e.model_dump_json())
            )
    return keyed


def _date_of_birth(events: list[EventBase], positions: dict[int, int]) -> date | None:
    births = [e for e in events if event_type(e) == "child_born"]
    for other in births[1:]:
        if other.on != births[0].on:
            raise ContradictoryEventsError(
                f"{_where(births[0], positions)} and {_where(other, positions)} give two "
                "different dates of birth."
            )
    return births[0].on if births else None


def _group_by_decision(
    events: list[EventBase], positions: dict[int, int]
) -> list[tuple[DecisionNotice, dict[str, list[EventBase]]]]:
    groups: list[tuple[DecisionNotice, dict[str, list[EventBase]]]] = []
    for event in events:
        if isinstance(event, DecisionNotice):
            groups.append((event, {}))
            continue
        kind = event_type(event)
        if kind == "child_born":
            continue
        if not groups:
            first = next((e for e in events if isinstance(e, DecisionNotice)), None)
            raise ContradictoryEventsError(
                f"{_where(event, positions)} comes before any decision it could concern"
                + (
                    f": the first decision notice is {_where(first, positions)}."
                    if first is not None
                    else ": the case has no decision_notice event."
                )
            )
        groups[-1][1].setdefault(kind, []).append(event)
    return groups


_NEEDS_BEFORE: tuple[tuple[str, str, str, Callable[[EventBase], bool] | None, str], ...] = (
    # (event, its certificate reason or "", the event that must come first and the condition it
    # must meet, what that means)
    (
        "certificate_issued",
        "declined",
        "adviser_contacted",
        declines_mediation,
        "the adviser was told",
    ),
    ("certificate_issued", "not_arranged", "mediation_not_arranged", None, "the adviser was told"),
    ("certificate_issued", "after_mediation", "mediation_held", None, "the mediation concluded"),
    ("mediation_held", "", "mediation_requested", None, "mediation was requested"),
    ("health_notified", "", "mediation_requested", None, "mediation was requested"),
    ("mediation_agreement", "", "mediation_held", None, "the mediation took place"),
)


def _check_sequence(ctx: Context, positions: dict[int, int], rules: RuleSet) -> None:
    """Raise for events that contradict each other; note certificates the events do not support."""
    for kind, reason, needed, condition, meaning in _NEEDS_BEFORE:
        for event in ctx.of(kind):
            if reason and getattr(event, "reason", None) != reason:
                continue
            fitting = [e for e in ctx.of(needed) if condition is None or condition(e)]
            if any(e.on <= event.on for e in fitting):
                continue
            after = [e for e in fitting if e.on > event.on]
            if after:
                raise ContradictoryEventsError(
                    f"{_where(event, positions)} comes before {_where(after[0], positions)}, "
                    f"but it can only happen after {meaning}."
                )
            if kind == "certificate_issued":
                assert isinstance(event, CertificateIssued)
                ctx.findings.append(
                    trusted(
                        Finding,
                        code="certificate_reason_unsupported",
                        severity="warning",
                        message=(
                            f"A mediation certificate was issued on {long_date(event.on)} for "
                            f"the reason {reason!r}, but no {needed} event on or before that "
                            f"date shows that {meaning}."
                        ),
                        rule_id=f"mediation.certificate.{reason}",
                        citations=_certificate_citations(reason, rules, event.on),
                        decision_on=ctx.decision.on,
                    )
                )


def _certificate_citations(reason: str, rules: RuleSet, on: date) -> tuple[Citation, ...]:
    rule = rules.pick(f"mediation.certificate.{reason}", on)
    return rule.citations if rule is not None else (CFA_2014.cite("55", "secondary"),)


# ---------------------------------------------------------------------------- answers


def _eligibility(ctx: Context, rules: RuleSet) -> Eligibility:
    answers: dict[str, str] = {}
    reasons: list[Reason] = []
    for rule_id in rules.eligibility_ids:
        rule = rules.pick(rule_id, ctx.decision.on)
        if not isinstance(rule, EligibilityRule):
            continue
        answer, text, assumption = rule.answer(ctx)
        answers[rule.question] = answer
        if rule.confidence == "secondary":
            text += " (Citation confidence: secondary: the provision's own words were not read.)"
        reasons.append(
            trusted(
                Reason,
                rule_id=rule.id,
                question=rule.question,
                answer=answer,
                text=text,
                citations=rule.citations,
                assumption=assumption,
            )
        )
    party: Party = "unknown"
    if answers.get("party") in ("parent", "young_person"):
        party = "parent" if answers["party"] == "parent" else "young_person"
    return trusted(
        Eligibility,
        decision_on=ctx.decision.on,
        decision=ctx.decision.decision,
        appealable=answers.get("appealable") == "yes",
        mediation_available=answers.get("mediation_available") == "yes",
        certificate_required=answers.get("certificate_required") == "yes",
        party=party,
        reasons=tuple(reasons),
    )


def _deadlines(ctx: Context, rules: RuleSet) -> list[Deadline]:
    found: list[Deadline] = []
    by_trigger = rules.deadline_ids_by_trigger
    triggers: list[EventBase] = [ctx.decision]
    for events in ctx.events.values():
        triggers.extend(events)
    for event in triggers:
        for rule_id in by_trigger.get(event_type(event), ()):
            rule = rules.pick(rule_id, event.on)
            if not isinstance(rule, DeadlineRule):
                continue
            if rule.trigger_when is not None and not rule.trigger_when(event):
                continue
            if rule.applies is not None and not rule.applies(ctx):
                continue
            found.extend(rule.apply(ctx, event))
    return found


def _duties(ctx: Context, rules: RuleSet) -> list[Duty]:
    duties: list[Duty] = []
    for rule_id in rules.duty_ids:
        rule = rules.pick(rule_id, ctx.decision.on)
        if not isinstance(rule, DutyRule):
            continue
        why = rule.applies(ctx)
        if why is None:
            continue
        duties.append(
            trusted(
                Duty,
                rule_id=rule.id,
                summary=rule.summary,
                duty_holder=rule.duty_holder,
                citations=rule.citations,
                applies_because=why,
                decision_on=ctx.decision.on,
            )
        )
        if rule.check is not None:
            for message in rule.check(ctx):
                ctx.findings.append(
                    trusted(
                        Finding,
                        code=rule.finding_code,
                        severity="warning",
                        message=message,
                        rule_id=rule.id,
                        citations=rule.citations,
                        decision_on=ctx.decision.on,
                    )
                )
    return duties


def _deadline_findings(
    deadlines: list[Deadline], cal: WorkingDayCalendar, eligibility: Eligibility
) -> list[Finding]:
    findings: list[Finding] = []
    for d in deadlines:
        due = long_date(d.due) if d.due is not None else ""
        own = d.duty_holder == "parent_or_young_person"
        optional = d.rule_id == "mediation.adviser_contact" and not eligibility.certificate_required
        if d.status == "overdue" and optional:
            findings.append(
                _finding(
                    d,
                    "mediation_time_passed",
                    "info",
                    f"The time to contact the mediation adviser ended on {due}; no certificate "
                    "is needed for this appeal, so the right of appeal is not affected.",
                )
            )
        elif d.status == "overdue":
            findings.append(
                _finding(
                    d,
                    "time_limit_passed" if own else "deadline_overdue",
                    "warning" if own else "error",
                    f"{d.summary}: due {due}, not done"
                    + (
                        "; the time limit has passed."
                        if own
                        else "; the duty is overdue (RULES.md C7: it does not roll forward)."
                    ),
                )
            )
        elif d.status == "missed":
            assert d.done_on is not None
            assert d.due is not None
            late = (d.done_on - d.due).days
            if d.rule_id == "appeal.register":
                findings.append(
                    _finding(
                        d,
                        "appeal_late",
                        "warning",
                        f"The appeal was received on {long_date(d.done_on)}, {late} days after "
                        f"the time limit of {due}: the notice of appeal must ask the Tribunal "
                        "to extend time and say why it is late.",
                        extra=(_LATE_APPEAL,),
                    )
                )
            else:
                findings.append(
                    _finding(
                        d,
                        "done_late" if own else "deadline_missed",
                        "info" if own else "warning",
                        f"{d.summary}: due {due}, done on {long_date(d.done_on)}, "
                        f"{late} day{'s' if late != 1 else ''} late.",
                    )
                )
        if d.provisional:
            findings.append(
                _finding(
                    d,
                    "provisional_due_date",
                    "info",
                    f"{d.summary}: the due date {due} is after {long_date(cal.known_until)}, the "
                    "end of the official bank-holiday list; a bank holiday proclaimed later "
                    "could change it.",
                )
            )
    return findings


def _finding(
    d: Deadline, code: str, severity: Severity, message: str, extra: tuple[Citation, ...] = ()
) -> Finding:
    return trusted(
        Finding,
        code=code,
        severity=severity,
        message=message,
        rule_id=d.rule_id,
        citations=d.citations + extra,
        decision_on=d.decision_on,
    )


def _appeal_findings(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    decision = ctx.decision
    eligibility = ctx.eligibility
    assert eligibility is not None
    if decision.letter_dated is not None and decision.letter_dated != decision.on:
        findings.append(
            trusted(
                Finding,
                code="letter_dated_differs",
                severity="warning" if decision.letter_dated > decision.on else "info",
                message=(
                    f"The notice is dated {long_date(decision.letter_dated)} but was sent on "
                    f"{long_date(decision.on)}: the time limits run from the date it was sent "
                    "(reg 33; HESC r.20(1)(c))."
                ),
                rule_id="appeal.register",
                citations=_SENT,
                decision_on=decision.on,
            )
        )
    for appeal in ctx.of("appeal_registered"):
        assert isinstance(appeal, AppealRegistered)
        if not eligibility.appealable:
            findings.append(
                trusted(
                    Finding,
                    code="appeal_not_appealable",
                    severity="warning",
                    message=(
                        f"An appeal was registered on {long_date(appeal.on)}, but the decision "
                        f"({decision.decision}) is not one that CFA 2014 s.51(2) makes "
                        "appealable."
                    ),
                    rule_id="eligibility.appealable",
                    citations=_reason_citations(eligibility, "eligibility.appealable"),
                    decision_on=decision.on,
                )
            )
            continue
        certificate = [c for c in ctx.of("certificate_issued") if c.on <= appeal.on]
        grounds = set(appeal.grounds or ())
        section_i_only = bool(grounds) and grounds <= {"placement", "no_placement"}
        if eligibility.certificate_required and not certificate and not section_i_only:
            findings.append(
                trusted(
                    Finding,
                    code="appeal_without_certificate",
                    severity="warning",
                    message=(
                        f"The appeal registered on {long_date(appeal.on)} has no mediation "
                        "certificate issued on or before that date, and one is required: the "
                        "Tribunal's permission is needed to proceed without it."
                    ),
                    rule_id="eligibility.certificate_required",
                    citations=(
                        *_reason_citations(eligibility, "eligibility.certificate_required"),
                        _NO_CERTIFICATE,
                    ),
                    decision_on=decision.on,
                )
            )
    return findings


def _reason_citations(eligibility: Eligibility, rule_id: str) -> tuple[Citation, ...]:
    for reason in eligibility.reasons:
        if reason.rule_id == rule_id:
            return reason.citations
    return _SENT


def _events_after_as_of(later: list[EventBase], as_of: date) -> Finding:
    kinds = ", ".join(sorted({event_type(e) for e in later}))
    return trusted(
        Finding,
        code="events_after_as_of",
        severity="info",
        message=(
            f"{len(later)} event{'s' if len(later) != 1 else ''} dated after "
            f"{long_date(as_of)} ({kinds}) {'were' if len(later) != 1 else 'was'} left out: the "
            "report shows the case as it stood on that date."
        ),
        rule_id="appeal.register",
        citations=_SENT,
    )


def _no_decision() -> Eligibility:
    return trusted(
        Eligibility,
        decision_on=None,
        decision=None,
        appealable=False,
        mediation_available=False,
        certificate_required=False,
        party="unknown",
        reasons=(),
    )


def _no_decision_finding(rules: RuleSet) -> Finding:
    rule = rules.pick("eligibility.appealable", REGIME_START)
    citations = rule.citations if rule is not None else _SENT
    return trusted(
        Finding,
        code="no_decision",
        severity="info",
        message="The case has no decision_notice event: there is nothing to appeal or mediate yet.",
        rule_id="eligibility.appealable",
        citations=citations,
    )
