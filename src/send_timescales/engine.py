"""The engine: events in, a cited :class:`~send_timescales.results.Report` out.

:func:`evaluate` is pure: no I/O, no logging, no global state beyond the lazily built default
calendar and rule set, and the same events and ``as_of`` always give the same report, whatever
order the events came in. It is a short pipeline with no law in it; the law is in
:mod:`send_timescales.rules`:

1. parse and check the events (types, dates in the supported range);
2. put them in causal order: by date, then by the order facts happen on one day;
3. leave out events after ``as_of`` (the report is as things stood then), with an input note;
4. cut the timeline into episodes, one per opening of each process of the rule set;
5. for each episode, evaluate its rules in ``needs`` order: pick the version in force on the
   trigger's date (C10), match the trigger, compute, settle the non-working day, disapply for
   statutory exceptions, stamp with the rule's id and citations, apply its finding templates;
   then the undated duties and the case-level checks;
6. sort, and add the provenance.

Cost is O(n log n) in the number of events: events are indexed by type and date once, and each
rule looks its evidence up by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from .calendars import WorkingDayCalendar, check_date, parse_date
from .errors import ContradictoryEventsError, DateOutOfRangeError, InputError
from .events import (
    EVENT_RANK,
    Case,
    DecisionNotice,
    EventBase,
    ExceptionApplied,
    event_dates,
    event_label,
    event_type,
    only_on,
    parse_events,
)
from .periods import default_calendar, long_date
from .results import (
    Deadline,
    DecisionOutcome,
    Duty,
    Eligibility,
    Finding,
    Measure,
    Provenance,
    Report,
    trusted,
)
from .rules import default_rules
from .rules._model import (
    REGIME_START,
    Considered,
    Draft,
    Episode,
    Process,
    RuleSet,
    answer_eligibility,
    finish,
    judge,
    list_duty,
)

__all__ = ["evaluate"]

_ONE_DAY = timedelta(days=1)


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
    as_of: date | str | None = None,
    calendar: WorkingDayCalendar | None = None,
    rules: RuleSet | None = None,
    case_id: str | None = None,
    explain: bool = True,
) -> Report:
    """Every deadline, eligibility answer, duty and finding for a case's events, as of a date.

    ``events`` are event models, dicts shaped like the events of docs/concepts.md, a JSON
    array, or a :class:`~send_timescales.events.Case`. ``as_of`` (default: today; a
    ``datetime.date`` or a ``YYYY-MM-DD`` string, as event dates) is the date statuses are
    judged at; events after it are left out. ``calendar`` and ``rules`` default to
    the England and Wales calendar and the current rule set. ``case_id`` is recorded in the
    provenance (a ``Case``'s own id is used when none is given). ``explain=False`` leaves each
    deadline's ``explanation`` empty: the same dates, statuses and findings, faster, for analysts
    who only tabulate them.

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
    if calendar is not None or rules is not None or case_id is not None:
        _check_options(calendar, rules, case_id)
    if explain is not True and explain is not False:
        raise InputError(
            f"explain must be True or False, not {type(explain).__name__}.",
            code="input_error",
            field="explain",
            value=explain,
        )
    parsed = parse_events(events)
    if as_of is None:
        as_of = date.today()
    elif isinstance(as_of, str):
        as_of = parse_date(as_of, "as_of")
    elif type(as_of) is not date:
        try:
            as_of = check_date(as_of, "as_of")
        except TypeError as error:
            raise InputError(str(error), code="input_error", field="as_of", value=as_of) from None
    cal = calendar if calendar is not None else default_calendar()
    rule_set = rules if rules is not None else default_rules()
    if as_of < REGIME_START:
        raise DateOutOfRangeError(
            f"as_of {as_of.isoformat()} is before 1 September 2014, when the SEND regime under "
            "the Children and Families Act 2014 began.",
            field="as_of",
            value=as_of.isoformat(),
        )
    positions = {id(event): index for index, event in enumerate(parsed)}
    _check_dates(parsed, positions, cal)
    ordered = _causal_order(parsed)

    notes: list[Finding] = []
    later = [e for e in ordered if e.on > as_of]
    if later:
        ordered = [e for e in ordered if e.on <= as_of]
        note = rule_set.note("events_after_as_of", _left_out(later, as_of))
        if note is not None:
            notes.append(note)
    case_index = _index(ordered)
    born = _date_of_birth(case_index.get("child_born", ()), positions)
    exceptions: tuple[ExceptionApplied, ...] = case_index.get(  # type: ignore[assignment]
        "exception_applied", ()
    )

    deadlines: list[Deadline] = []
    duties: list[Duty] = []
    findings: list[Finding] = list(notes)
    outcomes: list[DecisionOutcome] = []
    measures: list[Measure] = []
    eligibility_of: dict[int, Eligibility] = {}
    reported: set[int] = set()
    weighed: dict[int, list[str]] = {}
    present = frozenset(case_index)
    joined = _joined(exceptions)
    common = {
        "memo": {},
        "joined": joined,
        "calendar": cal,
        "as_of": as_of,
        "positions": positions,
        "born": born,
        "explain": explain,
        "case_index": case_index,
        # Each exception's own span: a run of touching exceptions that reaches a running period
        # has a member that overlaps it, and that member is weighed with the whole run's length.
        "exception_reach": max((e.to - e.on).days for e in exceptions) + 8 if exceptions else 0,
    }

    def make(
        process: Process,
        opener: EventBase,
        belonging: list[EventBase],
        index: Mapping[str, tuple[EventBase, ...]],
        decision: DecisionNotice | None,
        eligibility: Eligibility | None,
        store: dict[str, tuple[Deadline, ...]],
    ) -> Episode:
        return Episode(
            process=process,
            opener=opener,
            events=(opener, *belonging),
            index=index,
            decision=decision,
            exceptions=exceptions,
            eligibility=eligibility,
            results=MappingProxyType(store),
            **common,  # type: ignore[arg-type]
        )

    for process in rule_set.processes:
        if process.whole_case:
            if not ordered or not rule_set.plan(process.name).matters(present):
                continue
            results: dict[str, list[Deadline]] = {}
            for d in deadlines:
                results.setdefault(d.rule_id, []).append(d)
            store: dict[str, tuple[Deadline, ...]] = {k: tuple(v) for k, v in results.items()}
            whole = make(process, ordered[0], ordered[1:], _index(ordered[1:]), None, None, store)
            episode = replace(
                whole,
                exceptions_weighed=MappingProxyType({k: tuple(v) for k, v in weighed.items()}),
            )
            outcome = _evaluate_episode(episode, rule_set, store)
            deadlines.extend(outcome.deadlines)
            duties.extend(outcome.duties)
            findings.extend(outcome.findings)
            measures.extend(outcome.measures)
            continue
        for opener, belonging, decision in _episodes(
            process, ordered, positions, present, case_index
        ):
            store = {}
            known = eligibility_of.get(id(decision)) if decision is not None else None
            episode = make(process, opener, belonging, _index(belonging), decision, known, store)
            if decision is not None:
                if known is None:
                    # Answered once per decision, from the episode before any rule has seen it
                    # (so it is completed in place rather than built twice).
                    known = eligibility_of[id(decision)] = answer_eligibility(rule_set, episode)
                    object.__setattr__(episode, "eligibility", known)
                if decision is opener and id(decision) not in reported:
                    reported.add(id(decision))
                    outcomes.append(
                        trusted(
                            DecisionOutcome,
                            on=opener.on,
                            decision=known.decision,
                            eligibility=known,
                        )
                    )
            outcome = _evaluate_episode(episode, rule_set, store)
            deadlines.extend(outcome.deadlines)
            duties.extend(outcome.duties)
            findings.extend(outcome.findings)
            measures.extend(outcome.measures)
            for exception, why in outcome.considered:
                weighed.setdefault(id(exception), []).append(why)

    rank = rule_set.rank
    deadlines.sort(key=lambda d: (d.due is None, d.due or as_of, rank[d.rule_id], d.trigger_on))
    outcomes.sort(key=lambda o: o.on)
    if outcomes:
        eligibility = outcomes[-1].eligibility
    else:
        eligibility = _no_decision()
        note = rule_set.note(
            "no_decision",
            "The case has no decision_notice event: there is nothing to appeal or mediate yet.",
        )
        if note is not None:
            findings.append(note)
    return trusted(
        Report,
        deadlines=tuple(deadlines),
        eligibility=eligibility,
        decisions=tuple(outcomes),
        duties=tuple(duties),
        findings=tuple(findings),
        measures=tuple(sorted(measures, key=lambda m: m.request_on)),
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


def _check_options(calendar: object, rules: object, case_id: object) -> None:
    """The keyword arguments are of the types they claim (they come from other systems too)."""
    for name, value, kind, wanted in (
        ("calendar", calendar, WorkingDayCalendar, "a WorkingDayCalendar"),
        ("rules", rules, RuleSet, "a RuleSet"),
        ("case_id", case_id, str, "a string"),
    ):
        if value is not None and not isinstance(value, kind):
            raise InputError(
                f"{name} must be {wanted} or None, not {type(value).__name__}.",
                code="input_error",
                field=name,
                value=value,
            )


def _check_dates(
    events: list[EventBase], positions: Mapping[int, int], cal: WorkingDayCalendar
) -> None:
    last = cal.last
    for event in events:
        if REGIME_START <= event.on <= last and only_on(type(event)):
            continue  # most events: one date, and it is in range
        for name, value in event_dates(event):
            if value < REGIME_START and not event.may_precede_regime:
                raise DateOutOfRangeError(
                    f"event {positions.get(id(event), '?')} ({event_label(event)}): field "
                    f"{name!r} = {value.isoformat()} is before 1 September 2014, when the SEND "
                    "regime under the Children and Families Act 2014 began; these rules do not "
                    "apply to it.",
                    event_index=positions.get(id(event)),
                    field=name,
                    value=value.isoformat(),
                )
            if value > cal.last:
                raise DateOutOfRangeError(
                    f"event {positions.get(id(event), '?')} ({event_label(event)}): field "
                    f"{name!r} = {value.isoformat()} is after {cal.last.isoformat()}, the last "
                    f"day the {cal.name} calendar supports.",
                    event_index=positions.get(id(event)),
                    field=name,
                    value=value.isoformat(),
                )


def _causal_order(events: list[EventBase]) -> list[EventBase]:
    """By date, then by the order facts happen on one day; identical keys by content."""
    keyed = sorted(events, key=_causal_key)
    for a, b in pairwise(keyed):
        if a.on == b.on and a.type == b.type:  # type: ignore[attr-defined]
            return sorted(events, key=lambda e: (*_causal_key(e), e.model_dump_json()))
    return keyed


def _causal_key(event: EventBase) -> tuple[date, int]:
    return event.on, EVENT_RANK[event.type]  # type: ignore[attr-defined]


def _date_of_birth(births: tuple[EventBase, ...], positions: Mapping[int, int]) -> date | None:
    for other in births[1:]:
        if other.on != births[0].on:
            raise ContradictoryEventsError(
                f"event {positions.get(id(births[0]), '?')} ({event_label(births[0])}) and "
                f"event {positions.get(id(other), '?')} ({event_label(other)}) give two "
                "different dates of birth.",
                event_index=positions.get(id(other)),
                field="on",
                value=other.on.isoformat(),
            )
    return births[0].on if births else None


def _joined(exceptions: tuple[ExceptionApplied, ...]) -> Mapping[int, tuple[date, date]]:
    """For each exception, the first and last day of the run of same-reason exceptions it is in.

    Exceptions of one reason that touch (one ends the day before the next starts) or overlap
    form one run; ``exceptions`` are in date order, so one pass per reason finds the runs.
    """
    runs: dict[int, tuple[date, date]] = {}
    by_reason: dict[str, list[ExceptionApplied]] = {}
    for exception in exceptions:
        by_reason.setdefault(exception.reason, []).append(exception)
    for same in by_reason.values():
        members: list[ExceptionApplied] = []
        first = last = same[0].on
        for exception in same:
            if members and exception.on > last + _ONE_DAY:
                runs.update((id(m), (first, last)) for m in members)
                members = []
            if not members:
                first, last = exception.on, exception.to
            members.append(exception)
            last = max(last, exception.to)
        runs.update((id(m), (first, last)) for m in members)
    return MappingProxyType(runs)


def _left_out(later: list[EventBase], as_of: date) -> str:
    kinds = ", ".join(sorted({event_type(e) for e in later}))
    return (
        f"{len(later)} event{'s' if len(later) != 1 else ''} dated after "
        f"{long_date(as_of)} ({kinds}) {'were' if len(later) != 1 else 'was'} left out: the "
        "report shows the case as it stood on that date."
    )


# ---------------------------------------------------------------------------- episodes


def _where(event: EventBase, positions: Mapping[int, int]) -> str:
    return f"event {positions.get(id(event), '?')} ({event_label(event)})"


def _episodes(
    process: Process,
    ordered: list[EventBase],
    positions: Mapping[int, int],
    present: frozenset[str],
    index: Mapping[str, tuple[EventBase, ...]],
) -> list[tuple[EventBase, list[EventBase], DecisionNotice | None]]:
    """Cut the ordered events into the process's episodes: opener, members, decision in dispute.

    An event belongs to the latest episode opened on or before its date; the decision in
    dispute is the latest decision notice on or before the opening event. ``present`` (the
    event types of the case) lets a process with no opener and no member to place return at
    once; ``index`` (the same events by type) finds the openers of a process opened by one type
    of event present, and the decisions, without reading every event.
    """
    if (
        present.isdisjoint(process.opened_by)
        and (not process.must_follow_opener or present.isdisjoint(process.members))
        and present.isdisjoint(process.opens_implicitly)
    ):
        return []
    kinds = [kind for kind in process.opened_by if kind in index]
    candidates = index[kinds[0]] if len(kinds) == 1 else ordered if kinds else ()
    openers = [e for e in candidates if process.opens(e)]
    if process.opens_implicitly:
        first_opener = openers[0].on if openers else None
        early = [
            e
            for e in ordered
            if e.type in process.opens_implicitly  # type: ignore[attr-defined]
            and (first_opener is None or e.on < first_opener)
            and (process.implicitly_when is None or process.implicitly_when(e))
        ]
        if early:
            openers.insert(0, early[0])
    if not openers and not process.must_follow_opener:
        return []
    members: list[list[EventBase]] = [[] for _ in openers]
    opener_days = [e.on for e in openers]
    opened = {id(e) for e in openers}
    belong = process.members
    for event in ordered:
        if event.type not in belong or id(event) in opened:  # type: ignore[attr-defined]
            continue
        at = bisect_right(opener_days, event.on) - 1
        if at >= 0:
            members[at].append(event)
        elif process.must_follow_opener:
            raise ContradictoryEventsError(
                f"{_where(event, positions)} comes before any decision it could concern"
                + (
                    f": the first decision notice is {_where(openers[0], positions)}."
                    if openers
                    else ": the case has no decision_notice event."
                ),
                event_index=positions.get(id(event)),
                field="on",
                value=event.on.isoformat(),
            )
    notices = index.get("decision_notice", ())
    decisions: tuple[DecisionNotice, ...] = notices  # type: ignore[assignment]
    decision_days = [e.on for e in decisions]
    episodes: list[tuple[EventBase, list[EventBase], DecisionNotice | None]] = []
    for opener, belonging in zip(openers, members, strict=True):
        if isinstance(opener, DecisionNotice):
            decision: DecisionNotice | None = opener
        else:
            at = bisect_right(decision_days, opener.on) - 1
            decision = decisions[at] if at >= 0 else None
        episodes.append((opener, belonging, decision))
    return episodes


def _index(events: list[EventBase]) -> Mapping[str, tuple[EventBase, ...]]:
    """Events by type (types in order of first appearance), each in date order."""
    index: dict[str, list[EventBase]] = {}
    for event in events:
        found = index.get(event.type)  # type: ignore[attr-defined]
        if found is None:
            index[event.type] = [event]  # type: ignore[attr-defined]
        else:
            found.append(event)
    return {kind: tuple(found) for kind, found in index.items()}


_first_item = itemgetter(0)


class _Outcome(NamedTuple):
    deadlines: list[Deadline]
    duties: list[Duty]
    findings: list[Finding]
    considered: list[Considered]
    measures: list[Measure]


def _evaluate_episode(
    episode: Episode, rules: RuleSet, store: dict[str, tuple[Deadline, ...]]
) -> _Outcome:
    """:func:`_episode_outcome`, naming the episode's opener in a calendar range error.

    A time limit that a deadline rule starts is named by its own trigger instead.
    """
    try:
        return _episode_outcome(episode, rules, store)
    except DateOutOfRangeError as error:
        raise _beyond_calendar(episode, episode.opener, None, error) from None


def _episode_outcome(
    episode: Episode, rules: RuleSet, store: dict[str, tuple[Deadline, ...]]
) -> _Outcome:
    """The deadlines, duties and findings of one episode, in a stable order.

    Rules are evaluated in ``needs`` order; each one's deadlines go into ``store`` (which the
    episode shows, read-only, as ``results``) before the next runs. Findings come in this order:
    the first-stage checks; those the rules raise while computing; the duties'; the deadlines'
    own (in the order of the events that started their clocks, then statutory order); the
    last-stage checks.
    """
    plan = rules.plan(episode.process.name)
    day = episode.opener.on
    first_checks: list[Finding] = []
    for check in plan.checks_first:
        checking = check.pick(day)
        if checking is not None:
            first_checks.extend(checking.check(checking, episode))

    positions: dict[str, list[tuple[int, EventBase]]] = {
        episode.opener.type: [(0, episode.opener)]  # type: ignore[attr-defined]
    }
    position = 1
    for kind, events in episode.index.items():
        slot = positions.setdefault(kind, [])
        for event in events:
            slot.append((position, event))
            position += 1
    # (key, deadline, the findings raised while finishing it) and (key, other findings): each
    # sorted by key, the triggering event's position, then statutory order, then output order.
    made: list[tuple[tuple[int, int, int], Deadline, list[Finding]]] = []
    other: list[tuple[tuple[int, int, int], list[Finding]]] = []
    duties: list[Duty] = []
    measures: list[Measure] = []
    considered: list[Considered] = []
    for planned in plan.deadlines:
        if len(planned.triggers) == 1:
            triggered = positions.get(planned.triggers[0])
        else:
            found = [p for kind in planned.triggers for p in positions.get(kind, ())]
            triggered = sorted(found, key=lambda pair: pair[0]) or None
        if triggered is None:
            continue
        results: list[Deadline] = []
        for position, event in triggered:
            rule = planned.pick(event.on)
            if rule is None:
                continue
            if rule.trigger_when is not None and not rule.trigger_when(event):
                continue
            if rule.applies is not None and not rule.applies(episode):
                continue
            try:
                for sequence, output in enumerate(rule.apply(episode, event)):
                    key = (position, planned.rank, sequence)
                    if isinstance(output, Duty):
                        duties.append(output)
                        continue
                    if not isinstance(output, Draft):
                        other.append((key, [output]))
                        continue
                    deadline, held, weighed = finish(output, episode)
                    considered.extend(weighed)
                    results.append(deadline)
                    made.append((key, deadline, held))
                    judged_now = judge(deadline, output.rule, episode.calendar)
                    if judged_now:
                        other.append((key, judged_now))
            except DateOutOfRangeError as error:
                raise _beyond_calendar(episode, event, rule.id, error) from None
        if results:
            store[planned.rule_id] = tuple(results)
    made.sort(key=_first_item)
    other.sort(key=_first_item)
    deadlines = [deadline for _, deadline, _ in made]
    raised = [f for _, _, found in made for f in found]
    judged = [f for _, found in other for f in found]

    duty_findings: list[Finding] = []
    for planned_duty in plan.duties:
        duty_rule = planned_duty.pick(day)
        if duty_rule is not None:
            duty, noted = list_duty(duty_rule, episode)
            if duty is not None:
                duties.append(duty)
            duty_findings.extend(noted)
    for planned_measure in plan.measures:
        measuring = planned_measure.pick(day)
        if measuring is not None:
            measures.extend(measuring.measure(measuring, episode))
    last_checks: list[Finding] = []
    for check in plan.checks_last:
        checking = check.pick(day)
        if checking is not None:
            last_checks.extend(checking.check(checking, episode))
    findings = [*first_checks, *raised, *duty_findings, *judged, *last_checks]
    return _Outcome(deadlines, duties, findings, considered, measures)


def _beyond_calendar(
    episode: Episode, event: EventBase, rule_id: str | None, error: DateOutOfRangeError
) -> DateOutOfRangeError:
    """The calendar's range error, naming the event whose time limit ran past the calendar.

    An error that already names an event is returned as it is.
    """
    if error.event_index is not None:
        return error
    cal = episode.calendar
    limit = f"the time limit of {rule_id}" if rule_id else "a time limit"
    return DateOutOfRangeError(
        f"{episode.where(event)}: field 'on' = {event.on.isoformat()}: {limit} that it starts "
        f"runs past {cal.last.isoformat()}, the last day the {cal.name} calendar supports "
        f"({error.message.rstrip('.')}).",
        event_index=episode.positions.get(id(event)),
        field="on",
        value=event.on.isoformat(),
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
