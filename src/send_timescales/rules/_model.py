"""What a rule is, how versions of it are chosen, and how its answers are built.

A case's events are cut into **episodes**, one per opening of a :class:`Process` (a decision
notice opens a ``dispute``; a Tribunal order, a conceded appeal or a mediation agreement on an
appealable matter opens an ``order``). An :class:`Episode` is frozen: its opening event, the
events that belong to it, the calendar, ``as_of`` and the facts known so far (the date of birth,
the decision in dispute, its eligibility, earlier rules' results by id). Rules read an episode and
**return** their outputs; nothing is appended to shared state.

Five kinds of rule, each a frozen record with a stable ``id``, a one-line ``summary``, its
``citations``, its :class:`InForce` window, the process it belongs to and the rules whose results
it ``needs``:

* :class:`DeadlineRule`: "trigger event + period, unless an exception applies". The period is a
  :class:`~send_timescales.periods.Period`, or a :class:`Later` / :class:`Earlier` combinator of
  limbs; only irregular rules give a ``compute`` function (the :func:`deadline_rule` decorator
  turns one into a record). What happens when the limit ends on a non-working day is a named
  :class:`NonWorkingDayPolicy`; what lateness means is a :class:`FindingTemplate` (a default per
  duty holder, overridable per rule); statutory exceptions are data (:class:`ExceptionHead`);
* :class:`DutyRule`: an obligation without a date, listed when it applies;
* :class:`EligibilityRule`: a question about the decision (appealable? certificate needed?);
* :class:`CheckRule`: a case-level check that yields findings with its own id and citations;
* :class:`InputNoteRule`: a note about the input itself (events after ``as_of``, no decision).

Versions of a rule share an id and have contiguous windows that do not overlap; the version
applied is the one in force on the date of the event that starts the clock (C10). :func:`versions`
builds them from dated values. A :class:`RuleSet` checks all of this when it is built, orders the
rules by ``needs`` and rejects cycles and unknown ids. Nothing registers itself: each rules module
ends with a ``RULES`` tuple and :func:`send_timescales.rules.default_rules` joins them.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, partial
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeAlias, TypeVar

from ..citations import Citation
from ..errors import RuleSetError
from ..events import (
    AdviceRequested,
    DecisionNotice,
    EventBase,
    ExceptionApplied,
    event_label,
    event_type,
)
from ..periods import Period, explained, long_date
from ..results import (
    DUTY_HOLDER_NAMES,
    Deadline,
    Duty,
    DutyHolder,
    Eligibility,
    Finding,
    Measure,
    Party,
    Reason,
    Severity,
    Status,
    trusted,
)

if TYPE_CHECKING:
    from ..calendars import WorkingDayCalendar

__all__ = [
    "AS_COMPUTED",
    "CCG_TO_ICB",
    "HESC_R12",
    "NO_MOVE",
    "REGIME_START",
    "ROLL_FORWARD",
    "CheckRule",
    "DeadlineRule",
    "Draft",
    "DutyRule",
    "Earlier",
    "EligibilityRule",
    "Episode",
    "ExceptionHead",
    "FindingTemplate",
    "InForce",
    "InputNoteRule",
    "Later",
    "Limb",
    "MeasureRule",
    "NonWorkingDayPolicy",
    "Output",
    "Plan",
    "Planned",
    "Process",
    "Rule",
    "RuleSet",
    "days_late",
    "deadline_rule",
    "event_on",
    "holder_name",
    "notice_of",
    "status_of",
    "superseded_by",
    "trigger_step",
    "versions",
]

REGIME_START = date(2014, 9, 1)
"""CFA 2014 Part 3 and the SEND Regs 2014 came into force on 1 September 2014."""
CCG_TO_ICB = date(2022, 7, 1)
"""Health and Care Act 2022: integrated care boards replaced clinical commissioning groups."""

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_ONE_DAY = timedelta(days=1)


# ---------------------------------------------------------------------------- processes


@dataclass(frozen=True, slots=True)
class Process:
    """A strand of a case: the events that open it and the events that belong to it.

    An event may open one process and belong to another (a final plan both complies with an
    order and opens a dispute about its contents).
    """

    name: str
    summary: str
    opened_by: frozenset[str]
    members: frozenset[str]
    opens_when: Callable[[EventBase], bool] | None = None
    """Optional: which events of the ``opened_by`` types open it (all of them if ``None``)."""
    must_follow_opener: bool = False
    """Whether a member event before any opener contradicts the case (it must follow one)."""
    whole_case: bool = False
    """One episode of the whole case, evaluated last, with every deadline as its results."""
    opens_implicitly: frozenset[str] = frozenset()
    """Member events of these types before any opener form an episode of their own, opened by
    the first of them (a plan made before the case's recorded events, whose reviews are)."""
    implicitly_when: Callable[[EventBase], bool] | None = None
    """Optional: which events of the :attr:`opens_implicitly` types may open an episode so (all
    of them if ``None``)."""
    answered_anywhere: bool = False
    """Whether the event that does a duty of an episode (:meth:`Episode.first_after`) may be any
    of the case's events on or after the trigger, not only the episode's own: one amended plan
    complies with two orders, though it belongs to the episode of the later one."""

    def opens(self, event: EventBase) -> bool:
        """Whether ``event`` opens a new episode of this process."""
        return event_type(event) in self.opened_by and (
            self.opens_when is None or self.opens_when(event)
        )


# ---------------------------------------------------------------------------- versions


@dataclass(frozen=True, slots=True)
class InForce:
    """The days a version of a rule applies to: ``start`` to ``end`` inclusive (open if None)."""

    start: date = REGIME_START
    end: date | None = None

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the window."""
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: InForce) -> bool:
        """Whether two windows share a day."""
        return (self.end is None or other.start <= self.end) and (
            other.end is None or self.start <= other.end
        )

    def __str__(self) -> str:
        end = "onwards" if self.end is None else f"to {self.end.isoformat()}"
        return f"{self.start.isoformat()} {end}"


_R = TypeVar("_R", bound="Rule")


def versions(
    base: _R, *changes: tuple[date, Mapping[str, Any]]
) -> tuple[_R, ...]:  # pragma: no mutate block
    """Contiguous versions of one rule from dated values (OpenFisca's dated parameters).

    ``base`` is the version in force from its own ``in_force.start``; each change is the date a
    new version starts and the fields it replaces (kept by later versions unless replaced again).

    >>> from send_timescales.citations import SEND_REGS
    >>> from send_timescales.periods import Weeks
    >>> old = DutyRule(id="x.y", summary="s", citations=(SEND_REGS.cite("1", "verified"),),
    ...                duty_holder="la", applies=lambda episode: None)
    >>> [str(v.in_force) for v in versions(old, (date(2015, 3, 23), {"summary": "t"}))]
    ['2014-09-01 to 2015-03-22', '2015-03-23 onwards']
    """
    out: list[_R] = []
    current = base
    for start, values in sorted(changes, key=lambda change: change[0]):
        out.append(replace(current, in_force=InForce(current.in_force.start, start - _ONE_DAY)))
        current = replace(current, in_force=InForce(start), **values)
    out.append(current)
    return tuple(out)


# ---------------------------------------------------------------------------- episodes


@dataclass(frozen=True, slots=True)
class Episode:
    """What a rule sees: one opening of a process, its events and the facts known, as of a date."""

    process: Process
    opener: EventBase
    events: tuple[EventBase, ...]
    """The opening event, then the events that belong to it, in causal order."""
    index: Mapping[str, tuple[EventBase, ...]]
    """The episode's events by type (the opener excluded), each in date order; types in order
    of first appearance."""
    calendar: WorkingDayCalendar
    as_of: date
    positions: Mapping[int, int]
    """Each event's position in the caller's input, by ``id()`` (for messages)."""
    born: date | None = None
    case_index: Mapping[str, tuple[EventBase, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Every event of the case (as of ``as_of``) by type, each in date order: for facts that lie
    outside the episode (an advice request during a closure, the re-assessment a plan follows)."""
    decision: DecisionNotice | None = None
    """The decision notice in dispute when the episode opened (a dispute's own opener)."""
    exceptions: tuple[ExceptionApplied, ...] = ()
    """Every ``exception_applied`` event of the case, as of ``as_of``, in date order."""
    exception_reach: int = 0
    """How many days before a running period an exception may start and still touch it (its
    longest span, plus the week a closure counts before it): candidates are found by bisection."""
    memo: dict[Any, Any] = field(default_factory=dict)
    """Facts derived from the whole case, computed once per evaluation and shared by its
    episodes (``memo.get(key)`` or ``memo.setdefault``), so that rules need not rescan it."""
    joined: Mapping[int, tuple[date, date]] = field(default_factory=lambda: MappingProxyType({}))
    """For each exception (by ``id()``), the first and last day of the run of exceptions of the
    same reason that touch or overlap it (one continuous absence recorded as several events)."""
    eligibility: Eligibility | None = None
    results: Mapping[str, tuple[Deadline, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """Deadlines of rules already evaluated for this episode, by rule id (see ``needs``); for the
    whole-case episode, every deadline of the case."""
    explain: bool = True
    """Whether to write each deadline's explanation (``False``: dates and statuses only)."""
    exceptions_weighed: Mapping[int, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    """For the whole-case episode: for each exception (by ``id()``), why it did not disapply
    each limit it was weighed against; an empty reason marks one it did disapply."""

    @property
    def decision_on(self) -> date | None:
        """The date of the decision in dispute, or ``None`` outside a dispute."""
        return self.decision.on if self.decision is not None else None

    def of(self, event_type: str) -> tuple[EventBase, ...]:
        """The episode's events of one type, in date order (the opener excluded)."""
        return self.index.get(event_type, ())

    def first_after(
        self,
        event_type: str,
        day: date,
        when: Callable[[EventBase], bool] | None = None,
        *,
        local: bool = False,
    ) -> EventBase | None:
        """The first event of ``event_type`` on or after ``day`` that satisfies ``when``.

        Among the episode's events, or the whole case's for a process
        :attr:`~Process.answered_anywhere` (unless ``local``).
        """
        anywhere = self.process.answered_anywhere and not local
        events = (self.case_index if anywhere else self.index).get(event_type)
        if not events:
            return None
        for event in events[bisect_left(events, day, key=_on) :]:
            if when is None or when(event):
                return event
        return None

    def first_matching(
        self,
        event_type: str,
        day: date,
        when: Callable[[EventBase], bool] | None,
        *,
        local: bool = False,
        whole_case: bool = False,
        unless: Callable[[Episode, EventBase], bool] | None = None,
    ) -> EventBase | None:
        """:meth:`first_after` for a predicate that lives as long as the rule set.

        The events that satisfy ``when`` are gathered once per evaluation (:attr:`memo`) and
        found by bisection, so that a rule applied to many triggers does not rescan the case
        for a match that rarely comes. ``whole_case`` looks among every event of the case;
        ``unless`` (as long-lived) leaves out events that answer something else. With neither
        ``when`` nor ``unless`` there is nothing to gather: the events are bisected as they are.
        """
        anywhere = whole_case or (self.process.answered_anywhere and not local)
        source = self.case_index if anywhere else self.index
        if when is None and unless is None:
            events = source.get(event_type, ())
            at = bisect_left(events, day, key=_on)
            return events[at] if at < len(events) else None
        key = ("first_matching", event_type, id(when), id(unless), id(source))
        matching: list[EventBase] | None = self.memo.get(key)
        if matching is None:
            matching = self.memo[key] = [
                e
                for e in source.get(event_type, ())
                if (when is None or when(e)) and (unless is None or not unless(self, e))
            ]
        at = bisect_left(matching, day, key=_on)
        return matching[at] if at < len(matching) else None

    def where(self, event: EventBase) -> str:
        """``event 3 (mediation_held on 2025-02-03)``: how messages name an event."""
        return f"event {self.positions.get(id(event), '?')} ({event_label(event)})"


def event_on(event: EventBase) -> date:
    """An event's date: the key for bisecting events kept in date order."""
    return event.on


_on = event_on


# ---------------------------------------------------------------------------- policies


class NonWorkingDayPolicy(ABC):
    """What happens when a time limit ends on a day that is not a working day."""

    name: str
    convention: str

    @abstractmethod
    def settle(self, due: date, calendar: WorkingDayCalendar) -> tuple[date, list[str]]:
        """The due date after the policy, and the explanation steps it adds."""

    def __repr__(self) -> str:
        return self.name


class _NoMove(NonWorkingDayPolicy):
    name = "NO_MOVE"
    convention = "C7: a duty ending on a non-working day does not move"

    def settle(self, due: date, calendar: WorkingDayCalendar) -> tuple[date, list[str]]:
        if calendar.is_working_day(due):
            return due, []
        before = calendar.subtract_working_days(due, 1)
        return due, [
            f"{long_date(due)} is not a working day ({calendar.why_not_working(due)}). The SEND "
            "Regulations 2014 have no provision moving a duty of an LA, ICB, mediation adviser, "
            "mediator, school or advice giver to the next working day, so it must be done by "
            "then: in practice by "
            f"{long_date(before)}, the last working day before it (C7, docs/interpretations.md#c7)."
        ]


class _AsComputed(NonWorkingDayPolicy):
    name = "AS_COMPUTED"
    convention = "the date stands as computed"

    def settle(self, due: date, calendar: WorkingDayCalendar) -> tuple[date, list[str]]:
        return due, []


class _RollForward(NonWorkingDayPolicy):
    name = "ROLL_FORWARD"
    convention = "a limit ending on a non-working day moves to the next working day"

    def settle(self, due: date, calendar: WorkingDayCalendar) -> tuple[date, list[str]]:
        if calendar.is_working_day(due):
            return due, []
        moved = calendar.roll_forward(due)
        return moved, [
            f"{long_date(due)} is not a working day ({calendar.why_not_working(due)}), so the "
            f"limit moves to the next working day: {long_date(moved)}."
        ]


def _christmas(day: date) -> bool:
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


class _HescR12(NonWorkingDayPolicy):
    """HESC r.12(3)(a), then r.12(2), on the statutory calendar (C8)."""

    name = "HESC_R12"
    convention = "C8: HESC r.12(3)(a) Christmas and August, then r.12(2) next working day"

    def settle(self, due: date, calendar: WorkingDayCalendar) -> tuple[date, list[str]]:
        # Working days here are statutory ones: an LA's local closures (extra_closures) never
        # move a Tribunal time limit.
        cal = calendar.without_closures()
        if _christmas(due):
            new_year = date(due.year + (due.month == 12), 1, 1)
            moved = cal.add_working_days(new_year, 1)
            return moved, [
                f"{long_date(due)} falls between 25 December and 1 January inclusive, so under "
                f"HESC r.12(3)(a) the appeal is in time on the first working day after 1 January: "
                f"{long_date(moved)}."
            ]
        if due.month == 8:
            moved = cal.add_working_days(date(due.year, 8, 31), 1)
            return moved, [
                f"{long_date(due)} falls in August, so under HESC r.12(3)(a) the appeal is in time "
                f"on the first working day after 31 August: {long_date(moved)}."
            ]
        if cal.is_working_day(due):
            return due, [f"{long_date(due)} is a working day: no roll-forward is needed."]
        moved = cal.roll_forward(due)
        steps = [
            f"{long_date(due)} is not a working day ({cal.why_not_working(due)}), so under HESC "
            f"r.12(2) the appeal is in time on the next working day: {long_date(moved)}."
        ]
        if moved.month == 8 or _christmas(moved):
            steps.append(
                "r.12(3)(a) is not applied again to a date that r.12(2) produced (the literal "
                "reading, and the earlier date, C8 and C9, docs/interpretations.md#c8); on the "
                "other reading the "
                "August or Christmas roll-forward would apply to it too (docs/interpretations.md)."
            )
        return moved, steps


NO_MOVE: NonWorkingDayPolicy = _NoMove()
"""C7: the due date stays; the explanation names the day and the last working day before it."""
AS_COMPUTED: NonWorkingDayPolicy = _AsComputed()
"""The due date stands as computed, without comment (a parent's or young person's own limit)."""
ROLL_FORWARD: NonWorkingDayPolicy = _RollForward()
"""A limit ending on a non-working day moves to the next working day."""
HESC_R12: NonWorkingDayPolicy = _HescR12()
"""C8: the Tribunal's own rule for its time limits (Christmas and August, then next working
day), counted on the statutory calendar."""


# ---------------------------------------------------------------------------- exceptions


@dataclass(frozen=True, slots=True)
class ExceptionHead:
    """One head of a list of statutory exceptions to a time limit, cited to its paragraph.

    An ``exception_applied`` event with this ``reason`` disapplies a limit whose running period
    (the day after its trigger to its due date) overlaps the circumstance, when the circumstance
    qualifies: it lasted at least ``min_days`` (counting only the days within the running period
    if ``within_period``) and, for a head limited to a ``window`` (coronavirus 2020), falls in
    it. ``lead_days`` shifts a closure to the span the law names ("beginning one week before ...
    closed ... and ending one week before ... it re-opens").
    """

    reason: str
    text: str
    citation: Citation
    min_days: int = 0
    within_period: bool = False
    window: tuple[date, date] | None = None
    window_text: str = ""
    lead_days: int = 0
    needs_advice: bool = False
    """A closure head of Part 2 (reg 10(4)(a), (b)): the LA must have asked the setting for
    advice (an ``advice_requested`` with body ``educational``) within the counted span."""

    def overlap(
        self,
        exception: ExceptionApplied,
        running: tuple[date, date],
        case_index: Mapping[str, tuple[EventBase, ...]] | None = None,
        joined: tuple[date, date] | None = None,
    ) -> tuple[date, date] | str:
        """The days of the running period the head covers for ``exception``, or why none.

        ``joined`` is the first and last day of the exceptions of the same reason that touch or
        overlap this one (:attr:`Episode.joined`): an absence recorded as several events is one
        continuous absence, and its length is that of the whole.
        """
        first, last = exception.on, exception.to
        if self.reason == "absence" and joined is not None:
            first, last = joined
        days = (last - first).days + 1
        if not self.within_period and days < self.min_days:
            return (
                f"it lasted {_plural_days(days)}, and {self.text} needs at least "
                f"{self.min_days} days"
            )
        if self.lead_days:
            first = first - timedelta(days=self.lead_days)
            last = last + _ONE_DAY - timedelta(days=self.lead_days)
        if self.needs_advice:
            asked = [
                e
                for e in (case_index or {}).get("advice_requested", ())
                if isinstance(e, AdviceRequested)
                and e.body == "educational"
                and first <= e.on <= last
            ]
            if not asked:
                return (
                    "the LA did not ask the setting for advice (an advice_requested with body "
                    f"educational) between {long_date(first)} and {long_date(last)}, one week "
                    "before it closed to one week before it re-opened"
                )
            # The request must fall while the limit runs (from its trigger to its due date):
            # one made after the limit was due cannot be why it was impractical to meet.
            if not any(running[0] - _ONE_DAY <= e.on <= running[1] for e in asked):
                return (
                    f"the LA asked the setting for advice on {long_date(asked[0].on)}, outside "
                    f"the running period of this limit ({long_date(running[0])} to "
                    f"{long_date(running[1])}): that request cannot have made it impractical "
                    "to meet"
                )
        if self.window is not None:
            first, last = max(first, self.window[0]), min(last, self.window[1])
            if first > last:
                return f"it falls outside {self.window_text}"
            if running[1] > self.window[1]:
                # The amendments had ceased to have effect when the limit fell due, with no
                # saving provision: the usual limit applies again (C9, the earlier date).
                return (
                    f"the time limit falls due on {long_date(running[1])}, after "
                    f"{self.window_text}: the usual time limit applies again (C9, "
                    "docs/interpretations.md#c9; the other reading, that a reason within the "
                    "window still excuses a limit falling due after it, would disapply it)"
                )
        first, last = max(first, running[0]), min(last, running[1])
        if first > last:
            return (
                f"it does not overlap the running period ({long_date(running[0])} to "
                f"{long_date(running[1])})"
            )
        inside = (last - first).days + 1
        if self.within_period and inside < self.min_days:
            return (
                f"only {_plural_days(inside)} of it {'falls' if inside == 1 else 'fall'} within "
                "the running period "
                f"({long_date(running[0])} to {long_date(running[1])}), and {self.text} needs "
                f"at least {self.min_days} days"
            )
        return first, last


# ---------------------------------------------------------------------------- rules


@dataclass(frozen=True, kw_only=True)
class Rule:
    """Fields every rule has."""

    id: str
    summary: str
    citations: tuple[Citation, ...]
    in_force: InForce = field(default_factory=InForce)
    process: str = "dispute"
    """The process whose episodes the rule is evaluated in."""
    needs: tuple[str, ...] = ()
    """Rules whose results this one reads (``episode.results``); evaluated first."""

    @cached_property
    def confidence(self) -> Literal["verified", "secondary"]:
        """``secondary`` if any of the rule's citations is, else ``verified``."""
        if any(c.confidence == "secondary" for c in self.citations):
            return "secondary"
        return "verified"

    @cached_property
    def secondary_note(self) -> str:
        """The explanation step a rule with a ``secondary`` citation adds (empty if verified)."""
        if self.confidence == "verified":
            return ""
        cited = [
            f"{c.instrument} {c.provision}".strip()
            for c in self.citations
            if c.confidence == "secondary"
        ]
        which = "its" if len(cited) == 1 else "their"
        return (
            f"Citation confidence: secondary ({', '.join(cited)}): {which} own words were not "
            "read in the official text (legislation.gov.uk, or the judgment); the reading "
            "follows reputable secondary sources (IPSEA, SENDIASS services, the SEND Code): "
            "check them before relying on it."
        )

    @property
    def kind(self) -> str:
        """``deadline``, ``duty``, ``eligibility``, ``check`` or ``inputnote``."""
        return type(self).__name__.removesuffix("Rule").lower()

    def finding(
        self,
        code: str,
        severity: Severity,
        message: str,
        *,
        decision_on: date | None = None,
        citations: tuple[Citation, ...] | None = None,
    ) -> Finding:
        """A finding stamped with this rule's id and (unless given) its citations."""
        return trusted(
            Finding,
            code=code,
            severity=severity,
            message=message,
            rule_id=self.id,
            citations=self.citations if citations is None else citations,
            decision_on=decision_on,
        )


@dataclass(frozen=True, slots=True)
class FindingTemplate:
    """What a deadline's lateness means: a finding's code, severity, message and extra law."""

    code: str
    severity: Severity
    message: Callable[[Deadline], str]
    extra_citations: tuple[Citation, ...] = ()

    def build(self, deadline: Deadline) -> Finding:
        """The finding for ``deadline``, citing its rule (and any extra citations)."""
        return trusted(
            Finding,
            code=self.code,
            severity=self.severity,
            message=self.message(deadline),
            rule_id=deadline.rule_id,
            citations=deadline.citations + self.extra_citations,
            decision_on=deadline.decision_on,
        )


def _due_text(d: Deadline) -> str:
    return long_date(d.due) if d.due is not None else ""


def _late_days(d: Deadline) -> int:
    assert d.done_on is not None
    assert d.due is not None
    return (d.done_on - d.due).days


def _plural_days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def days_late(d: Deadline) -> str:
    """How late a deadline was done, in words: ``"1 day"``, ``"3 days"``."""
    return _plural_days(_late_days(d))


OWN_LIMIT_PASSED = FindingTemplate(
    "time_limit_passed",
    "warning",
    lambda d: f"{d.summary}: due {_due_text(d)}, not done; the time limit has passed.",
)
OWN_LIMIT_LATE = FindingTemplate(
    "done_late",
    "info",
    lambda d: (
        f"{d.summary}: due {_due_text(d)}, done on {long_date(d.done_on)}, {days_late(d)} late."
    ),
)
DUTY_OVERDUE = FindingTemplate(
    "deadline_overdue",
    "error",
    lambda d: (
        f"{d.summary}: due {_due_text(d)}, not done; the duty is overdue (C7, "
        "docs/interpretations.md#c7: it does not roll forward)."
    ),
)
DUTY_MISSED = FindingTemplate(
    "deadline_missed",
    "warning",
    lambda d: (
        f"{d.summary}: due {_due_text(d)}, done on {long_date(d.done_on)}, {days_late(d)} late."
    ),
)
PROVISIONAL = FindingTemplate(
    "provisional_due_date",
    "info",
    lambda d: (
        f"{d.summary}: the due date {_due_text(d)} is after the end of the official "
        "bank-holiday list; a bank holiday proclaimed later could change it."
    ),
)


def _default_templates(holder: str) -> tuple[FindingTemplate, FindingTemplate]:
    """Overdue and missed findings by duty holder: a person's own limit, or a body's duty."""
    if holder == "parent_or_young_person":
        return OWN_LIMIT_PASSED, OWN_LIMIT_LATE
    return DUTY_OVERDUE, DUTY_MISSED


@dataclass(slots=True)
class Draft:
    """A deadline as a rule computed it, before the engine settles, disapplies and stamps it."""

    rule: DeadlineRule
    trigger: EventBase
    due: date | None
    steps: list[str]
    done: EventBase | None
    subject: str | None = None
    summary: str | None = None
    duty_holder: DutyHolder | None = None
    still_open_because: str | None = None
    """Keeps a passed date ``pending`` where the law lets a later event extend it."""
    held_open: FindingTemplate | None = None
    """The finding to give when ``still_open_because`` keeps the deadline open."""
    exceptions: tuple[ExceptionHead, ...] = ()
    """The statutory exceptions that can disapply this limit."""
    done_on: date | None = None
    """When the duty was done as a field of an event rather than an event of its own (a review
    report's ``report_sent_on``); ``done_label`` then says what it was."""
    done_label: str = ""
    breached_by: EventBase | None = None
    """For a protected period (15 days to make representations): the event that cut it short.
    The deadline is then ``missed``; without one it is ``met`` once the period has ended."""


Output: TypeAlias = "Draft | Duty | Finding"
ComputeFn: TypeAlias = Callable[["DeadlineRule", Episode, EventBase], "list[Output]"]
Disapplication: TypeAlias = Callable[[Episode, "Draft"], "str | None"]
"""Why a limit does not apply to this draft (the explanation step, ending "disapplied."), or
``None``: a named condition of the law, such as "where a certificate is required"."""


def superseded_by(
    kinds: tuple[str, ...],
    because: str,
    when: Callable[[EventBase], bool] | None = None,
    *,
    ends_it: bool = False,
    unless: Callable[[Episode, EventBase], bool] | None = None,
    local: bool = False,
) -> Disapplication:  # pragma: no mutate block
    """A limb that an outcome makes irrelevant: disapplied once such an event has happened.

    ``because`` may name the event with ``{event}``. A limb already done stays as it is; with
    ``ends_it`` (an outcome that ends the process, such as a refusal to assess), only if it was
    done before (or on the day of) that outcome: an event after it answers something else.
    ``unless`` and ``local`` are the limb's :attr:`DeadlineRule.done_unless` and
    :attr:`DeadlineRule.local_evidence`: outcomes are looked for as its own evidence is.
    """
    # A partial of a module function, not a closure: the rule records are built at import, and
    # the mutation test can switch a mutant on only in code looked up when the rule runs.
    return partial(_superseded, kinds, because, when, ends_it, unless, local)


def _superseded(
    kinds: tuple[str, ...],
    because: str,
    when: Callable[[EventBase], bool] | None,
    ends_it: bool,
    unless: Callable[[Episode, EventBase], bool] | None,
    local: bool,
    episode: Episode,
    draft: Draft,
) -> str | None:
    """:func:`superseded_by`'s condition for one draft."""
    if draft.done is not None and not ends_it:
        return None
    day = draft.trigger.on
    found = [
        e
        for kind in kinds
        if (e := episode.first_matching(kind, day, when, local=local, unless=unless)) is not None
    ]
    if not found:
        return None
    first = min(found, key=_on)
    if draft.done is not None:
        if draft.done.on <= first.on:
            return None
        draft.done = None  # it came after the outcome that ended the limb: it answers another
    return because.format(event=event_label(first))


@dataclass(frozen=True, slots=True)
class Limb:
    """One limb of a "whichever is later / earlier" time limit.

    ``anchor`` is the event type whose first occurrence starts the limb (``None``: the
    rule's trigger); ``missing`` explains a limb whose anchor has not happened yet.
    """

    name: str
    label: str
    period: Period
    anchor: str | None = None
    anchor_text: str = ""
    several: str = ""
    """A note when several anchor events exist (``{n}`` is their number)."""
    note: str = ""
    """A note added whenever the limb is counted."""
    missing: Callable[[Episode], str] | None = None
    latest_before_trigger: bool = False
    """Anchor on the latest such event on or before the trigger (else the first one)."""
    follows: Callable[[Episode, EventBase, EventBase], bool] | None = None
    """Optional, with :attr:`latest_before_trigger`: whether the trigger follows that anchor
    (episode, anchor, trigger); where it does not, the limb does not apply."""
    not_counted: Callable[[Episode, EventBase], str | None] | None = None
    """Optional: why an anchor event is not counted (a certificate the law says may not be
    issued); the limb counts from the others (C9: the earlier date)."""

    def excluded(self, episode: Episode) -> list[tuple[EventBase, str]]:
        """The anchor events :attr:`not_counted` leaves out, each with the reason."""
        if self.not_counted is None or self.anchor is None:
            return []
        return [
            (event, why)
            for event in episode.of(self.anchor)
            if (why := self.not_counted(episode, event)) is not None
        ]

    def anchor_event(
        self,
        episode: Episode,
        trigger: EventBase,
        excluded: list[tuple[EventBase, str]] | None = None,
    ) -> tuple[EventBase, int] | None:
        """The event the limb counts from (and how many candidates there were), if any.

        ``excluded`` is :meth:`excluded`'s answer when the caller has it already.
        """
        assert self.anchor is not None
        anchors = episode.of(self.anchor)
        if episode.opener.type == self.anchor:  # type: ignore[attr-defined]
            anchors = (episode.opener, *anchors)
        if self.not_counted is not None:
            left_out = {
                id(e) for e, _ in (self.excluded(episode) if excluded is None else excluded)
            }
            anchors = tuple(e for e in anchors if id(e) not in left_out)
        if self.latest_before_trigger:
            before = bisect_right(anchors, trigger.on, key=_on)
            if not before or (
                self.follows is not None and not self.follows(episode, anchors[before - 1], trigger)
            ):
                return None
            return anchors[before - 1], before
        return (anchors[0], len(anchors)) if anchors else None


@dataclass(frozen=True, slots=True)
class _Combinator:
    """The later or the earlier of several limbs (a period with more than one start)."""

    limbs: tuple[Limb, ...]
    later: bool

    def describe(self) -> str:
        """The combinator in words."""
        word = "later" if self.later else "earlier"
        return f"whichever of {', '.join(limb.name for limb in self.limbs)} is {word}"

    def compute(self, episode: Episode, trigger: EventBase) -> tuple[date, list[str]]:
        """The due date and the steps naming each limb and the one that decides."""
        if not episode.explain:
            ends = []
            for limb in self.limbs:
                if limb.anchor is None:
                    ends.append(limb.period.end(trigger.on, episode.calendar))
                elif found := limb.anchor_event(episode, trigger):
                    ends.append(limb.period.end(found[0].on, episode.calendar))
            return (max if self.later else min)(ends), []
        counted: list[tuple[Limb, date]] = []
        steps: list[str] = []
        notes: list[str] = []
        missing: list[str] = []
        for limb in self.limbs:
            if limb.anchor is None:
                start = trigger.on
                steps.append(f"{limb.label}: " + explained(limb.period, start, episode.calendar)[0])
            else:
                left_out = limb.excluded(episode)
                found = limb.anchor_event(episode, trigger, left_out)
                for event, why in left_out:
                    notes.append(
                        f"{why} It is not counted, which gives the earlier date (C9, "
                        f"docs/interpretations.md#c9); counting from it, {limb.label} would end "
                        f"on {long_date(limb.period.end(event.on, episode.calendar))}."
                    )
                if found is None:
                    if limb.missing is not None and not left_out:
                        missing.append(limb.missing(episode))
                    continue
                start = found[0].on
                steps.append(
                    f"{limb.label}: {limb.anchor_text} is {long_date(start)}; "
                    + explained(limb.period, start, episode.calendar)[0]
                )
                if found[1] > 1 and limb.several:
                    steps.append(limb.several.format(n=found[1]))
            counted.append((limb, limb.period.end(start, episode.calendar)))
            if limb.note:
                notes.append(limb.note)
        pick = max if self.later else min
        winner, end = pick(counted, key=lambda pair: pair[1])
        if len(counted) > 1:
            # Ties go to the first limb: the one named first in the law.
            winner = next(limb for limb, day in counted if day == end)
            word = "later" if self.later else "earlier"
            if all(day == end for _, day in counted):
                steps.append(f"Both limbs end on {long_date(end)}.")
            else:
                steps.append(
                    f"The {word} of the two is {long_date(end)}: the {winner.name} decides."
                )
        steps.extend(notes)
        steps.extend(missing)
        return end, steps


# The combinators read as the law's "whichever is later / earlier" (hence capitalised). They run
# only while the rule records are built, at import, so the mutation test cannot switch their
# mutants on: they are excluded from it.
def Later(*limbs: Limb) -> _Combinator:  # noqa: N802  # pragma: no mutate block
    """The later of several limbs (HESC r.20(1)(c): "... if that is later")."""
    return _Combinator(limbs, later=True)


def Earlier(*limbs: Limb) -> _Combinator:  # noqa: N802  # pragma: no mutate block
    """The earlier of several limbs."""
    return _Combinator(limbs, later=False)


@dataclass(frozen=True, kw_only=True)
class DeadlineRule(Rule):
    """A dated duty: ``trigger`` event (matching ``trigger_when``) + ``period``.

    ``done_by`` names the event types that fulfil it (the first one on or after the trigger that
    matches ``done_when``). Irregular rules give ``compute`` instead of a period.
    """

    duty_holder: DutyHolder
    trigger: str
    trigger_text: str
    also_triggered_by: tuple[str, ...] = ()
    """Other event types that start the same clock (each review restarts the annual one)."""
    trigger_when: Callable[[EventBase], bool] | None = None
    starts_clock: Callable[[Episode, EventBase], bool] | None = None
    """Optional: whether a triggering event starts the clock, given the rest of the case (a
    notice that answers a Tribunal order is not the notice of a request)."""
    period: Period | _Combinator | None = None
    period_text: str = ""
    done_by: tuple[str, ...] = ()
    done_when: Callable[[EventBase], bool] | None = None
    done_matches: Callable[[EventBase, EventBase], bool] | None = None
    """Optional: whether an event fulfils the duty of this trigger (advice from the body asked)."""
    compute: ComputeFn | None = None
    subject: Callable[[EventBase], str] | None = None
    """Optional: what each deadline is about when the rule applies several times (a body)."""
    applies: Callable[[Episode], bool] | None = None
    """Optional: whether the rule applies to this episode at all (mediation available...)."""
    notes: tuple[str, ...] = ()
    """Explanation steps added after the period's own (readings, C9 alternatives)."""
    non_working_day: NonWorkingDayPolicy = NO_MOVE
    exceptions: tuple[ExceptionHead, ...] = ()
    """The statutory exceptions that can disapply this limit, each cited."""
    disapplied_when: tuple[Disapplication, ...] = ()
    """Conditions of the law under which the limit does not apply at all."""
    when_overdue: FindingTemplate | None = None
    when_missed: FindingTemplate | None = None
    still_open: Callable[[Episode, EventBase, date], str | None] | None = None
    """Optional: why a passed limit stays open (a later event may still extend it)."""
    held_open: FindingTemplate | None = None
    protected_period: bool = False
    """The limit protects a period for the parent or young person (representations on a draft):
    it is ``met`` when the period runs in full and ``missed`` when a ``breached_by`` event (the
    final plan) comes within it."""
    breached_by: tuple[str, ...] = ()
    breached_when: Callable[[EventBase], bool] | None = None
    breached_unless: Callable[[Episode, EventBase], bool] | None = None
    """Optional, with ``breached_by``: such events that do not cut this period short, given the
    case (an amended plan that no re-assessment leads to)."""
    done_unless: Callable[[Episode, EventBase], bool] | None = None
    """Optional: events that would do the duty (or make the limb irrelevant) but answer
    something else (a decision on a review's proposals is not a re-assessment's outcome)."""
    local_evidence: bool = False
    """Look for the event that does the duty among the episode's own events, even in a process
    :attr:`~Process.answered_anywhere` (a plan that answers a later order of another kind is
    not this one's outcome)."""

    def describe_period(self) -> str:
        """The period in words, for the rule catalogue."""
        return self.period_text or (self.period.describe() if self.period else "")

    @cached_property
    def templates(self) -> tuple[FindingTemplate, FindingTemplate]:
        """The overdue and missed finding templates: the rule's own, else the holder's default."""
        overdue, missed = _default_templates(self.duty_holder)
        return self.when_overdue or overdue, self.when_missed or missed

    def done(
        self, episode: Episode, trigger: EventBase, *, local: bool | None = None
    ) -> EventBase | None:
        """The first event on or after the trigger that fulfils the duty, if any.

        ``local`` overrides :attr:`local_evidence` (look only among the episode's events).
        """
        when = self.done_when
        if self.done_matches is not None:
            matches, plain = self.done_matches, self.done_when

            def when(event: EventBase) -> bool:
                return matches(trigger, event) and (plain is None or plain(event))

        return _first(
            episode,
            self.done_by,
            trigger.on,
            when,
            local=self.local_evidence if local is None else local,
            stable=self.done_matches is None,
            unless=self.done_unless,
        )

    def apply(self, episode: Episode, trigger: EventBase) -> list[Output]:
        """The deadlines (as drafts) and findings this rule gives for one triggering event."""
        if self.starts_clock is not None and not self.starts_clock(episode, trigger):
            return []
        if self.compute is not None:
            return self.compute(self, episode, trigger)
        assert self.period is not None  # RuleSet checks every rule has one or the other
        if isinstance(self.period, _Combinator):
            due, limb_steps = self.period.compute(episode, trigger)
        else:
            due = self.period.end(trigger.on, episode.calendar)
            limb_steps = []
        if episode.explain:
            steps = [trigger_step(self, trigger)]
            if limb_steps:
                steps.extend(limb_steps)
            elif not isinstance(self.period, _Combinator):
                steps.extend(explained(self.period, trigger.on, episode.calendar))
            steps.extend(self.notes)
        else:
            steps = []
        draft = Draft(
            self,
            trigger,
            due,
            steps,
            self.done(episode, trigger),
            subject=self.subject(trigger) if self.subject is not None else None,
            exceptions=self.exceptions,
        )
        if self.breached_by:
            draft.breached_by = _first(
                episode,
                self.breached_by,
                trigger.on,
                self.breached_when,
                unless=self.breached_unless,
            )
        if self.still_open is not None:
            draft.still_open_because = self.still_open(episode, trigger, due)
            draft.held_open = self.held_open
        return [self.disapply(episode, draft)]

    def disapply(self, episode: Episode, draft: Draft) -> Draft:
        """The draft, disapplied (no due date) if one of the law's conditions says so."""
        for condition in self.disapplied_when:
            because = condition(episode, draft)
            if because is not None:
                draft.due = None
                draft.steps.append(because)
                break
        return draft


def notice_of(*decisions: str) -> Callable[[EventBase], bool]:
    """A predicate: the event is a decision notice of one of these kinds.

    >>> notice_of("plan_finalised")(DecisionNotice(on=date(2025, 1, 6), decision="plan_finalised"))
    True
    """

    def matches(event: EventBase) -> bool:
        return isinstance(event, DecisionNotice) and event.decision in decisions

    return matches


def _first(
    episode: Episode,
    kinds: tuple[str, ...],
    day: date,
    when: Callable[[EventBase], bool] | None,
    *,
    local: bool = False,
    stable: bool = True,
    unless: Callable[[Episode, EventBase], bool] | None = None,
) -> EventBase | None:
    """The earliest event of any of ``kinds`` on or after ``day`` that satisfies ``when``.

    ``when`` and ``unless`` (events that answer something else, left out) live as long as the
    rule set (:meth:`Episode.first_matching`), unless ``stable`` is false: a predicate made for
    one trigger is applied by scanning instead.
    """
    found: list[EventBase] = []
    for kind in kinds:
        if stable:
            event = episode.first_matching(kind, day, when, local=local, unless=unless)
        else:
            assert unless is None  # only a long-lived predicate can leave events out
            event = episode.first_after(kind, day, when, local=local)
        if event is not None:
            found.append(event)
    return min(found, key=_on) if found else None


def deadline_rule(**fields: Any) -> Callable[[ComputeFn], DeadlineRule]:  # pragma: no mutate block
    """Decorate an irregular rule's function: the result is the :class:`DeadlineRule` record."""

    def wrap(function: ComputeFn) -> DeadlineRule:
        return DeadlineRule(compute=function, **fields)

    return wrap


@dataclass(frozen=True, kw_only=True)
class DutyRule(Rule):
    """An undated obligation; ``applies`` returns why it applies to the episode, or ``None``."""

    duty_holder: DutyHolder | Literal["la_and_icb"]
    applies: Callable[[Episode], str | None]
    holder: Callable[[Episode], DutyHolder | Literal["la_and_icb"]] | None = None
    """Optional: who owes the duty in this episode, where the law names different bodies."""
    check: Callable[[Episode], list[str]] | None = None
    """Optional: messages for findings when the case shows the duty was not done."""
    finding_code: str = ""


EligibilityQuestion: TypeAlias = Literal[
    "appealable", "mediation_available", "certificate_required", "party"
]


@dataclass(frozen=True, kw_only=True)
class EligibilityRule(Rule):
    """Answers one eligibility question for a decision (see :mod:`.eligibility`).

    ``answer`` returns ``(answer, text, assumption)``: the answer (``"yes"``, ``"no"`` or a
    party), the reason in plain English, and whether it rests on a safe assumption.
    """

    question: EligibilityQuestion
    answer: Callable[[Episode], tuple[str, str, bool]]


@dataclass(frozen=True, kw_only=True)
class CheckRule(Rule):
    """A case-level check: findings about the episode, stamped with this rule's id.

    ``stage`` ``first`` runs before the deadlines (checks of the input's consistency, which may
    raise :class:`~send_timescales.ContradictoryEventsError`); ``last`` runs after them.
    """

    check: Callable[[CheckRule, Episode], list[Finding]]
    stage: Literal["first", "last"] = "last"
    only_with: tuple[str, ...] = ()
    """Optional: event types without which the check has nothing to say (it is then skipped)."""


@dataclass(frozen=True, kw_only=True)
class MeasureRule(Rule):
    """A performance measure of an episode (SEN2's 20 weeks), read from its rules' results."""

    measure: Callable[[MeasureRule, Episode], list[Measure]]


InputNoteTopic: TypeAlias = Literal["events_after_as_of", "no_decision"]


@dataclass(frozen=True, kw_only=True)
class InputNoteRule(Rule):
    """A note about the input itself: what it left out, or what it lacks."""

    topic: InputNoteTopic
    severity: Severity = "info"


Rules: TypeAlias = (
    "DeadlineRule | DutyRule | EligibilityRule | CheckRule | InputNoteRule | MeasureRule"
)

_K = TypeVar("_K", bound=Rule)


@dataclass(frozen=True, slots=True)
class Planned(Generic[_K]):
    """One rule id of a process's plan: its versions, and (for deadlines) its trigger and rank."""

    rule_id: str
    versions: tuple[_K, ...]
    rank: int
    triggers: tuple[str, ...] = ()
    always: _K | None = None
    """The only version, when it has no end: in force on every day from its start."""

    def pick(self, day: date) -> _K | None:
        """The version in force on ``day`` (C10), or ``None``."""
        always = self.always
        if always is not None:
            return always if always.in_force.start <= day else None
        for rule in self.versions:
            window = rule.in_force
            if window.start <= day and (window.end is None or day <= window.end):
                return rule
        return None


@dataclass(frozen=True, slots=True)
class Plan:
    """What the engine evaluates for one process, each kind in ``needs`` order (built once)."""

    deadlines: tuple[Planned[DeadlineRule], ...]
    duties: tuple[Planned[DutyRule], ...]
    checks_first: tuple[Planned[CheckRule], ...]
    checks_last: tuple[Planned[CheckRule], ...]
    measures: tuple[Planned[MeasureRule], ...] = ()
    eligibility: tuple[Planned[EligibilityRule], ...] = ()

    def matters(self, present: Iterable[str]) -> bool:
        """Whether any rule of the plan can say something about a case with these event types."""
        kinds = set(present)
        if (
            self.duties
            or self.measures
            or any(not kinds.isdisjoint(d.triggers) for d in self.deadlines)
        ):
            return True
        return any(
            not rule.only_with or kinds.intersection(rule.only_with)
            for planned in (*self.checks_first, *self.checks_last)
            for rule in planned.versions
        )


class RuleSet:
    """A validated, versioned collection of rules and the processes they run in.

    Building one checks: ids are dotted lower-case names; every rule is cited; versions of one id
    are of one kind and have windows that do not overlap; deadline rules have a period or a
    compute function; every rule's process is known; ``needs`` name known rules and form no
    cycle. Rules are then kept in ``needs`` order (statutory order otherwise).

    >>> from send_timescales.rules import default_rules
    >>> rules = default_rules()
    >>> rules.pick("appeal.register", date(2025, 1, 10)).citations[0].provision
    'r.20(1)(c)'
    """

    def __init__(
        self, rules: Iterable[Rule], *, name: str, processes: Iterable[Process] = ()
    ) -> None:
        self.name = name
        self._rules: tuple[Rule, ...] = tuple(rules)
        self.processes: tuple[Process, ...] = tuple(processes) or _default_processes()
        known = {p.name for p in self.processes}
        versions: dict[str, list[Rule]] = {}
        problems: list[str] = []
        for rule in self._rules:
            if not _ID.match(rule.id):
                problems.append(f"rule id {rule.id!r} is not a dotted lower-case name")
            if not rule.citations:
                problems.append(f"rule {rule.id!r} has no citation")
            if not rule.summary.strip():
                problems.append(f"rule {rule.id!r} has no summary")
            if rule.process not in known:
                problems.append(f"rule {rule.id!r} runs in an unknown process {rule.process!r}")
            if isinstance(rule, DeadlineRule) and rule.period is None and rule.compute is None:
                problems.append(f"deadline rule {rule.id!r} has neither a period nor a function")
            for other in versions.get(rule.id, []):
                if type(other) is not type(rule):
                    problems.append(f"versions of {rule.id!r} are of different kinds")
                if other.in_force.overlaps(rule.in_force):
                    problems.append(
                        f"versions of {rule.id!r} overlap: {other.in_force} and {rule.in_force}"
                    )
            versions.setdefault(rule.id, []).append(rule)
        for rule in self._rules:
            problems.extend(
                f"rule {rule.id!r} needs an unknown rule {need!r}"
                for need in rule.needs
                if need not in versions
            )
        order = _needs_order(versions, problems)
        if problems:
            raise RuleSetError(f"Rule set {name!r} is invalid: " + "; ".join(problems) + ".")
        self._versions = {
            rule_id: tuple(sorted(versions[rule_id], key=lambda r: r.in_force.start))
            for rule_id in order
        }
        self.rank = {rule_id: index for index, rule_id in enumerate(versions)}
        """Each rule id's position in statutory order (ties in a report are broken by it)."""
        self._by_kind: dict[tuple[str, type[Rule]], tuple[str, ...]] = {}
        for rule_id, found in self._versions.items():
            key = (found[0].process, type(found[0]))
            self._by_kind[key] = (*self._by_kind.get(key, ()), rule_id)
        by_trigger: dict[tuple[str, str], list[str]] = {}
        for rule_id in self.ids_of("", DeadlineRule):
            first = self._versions[rule_id][0]
            assert isinstance(first, DeadlineRule)
            for trigger in (first.trigger, *first.also_triggered_by):
                by_trigger.setdefault((first.process, trigger), []).append(rule_id)
        self.deadline_ids_by_trigger = {k: tuple(v) for k, v in by_trigger.items()}
        """Deadline rule ids by (process, trigger event type), in ``needs`` order."""
        self._notes = {
            first.topic: rule_id
            for rule_id, (first, *_) in self._versions.items()
            if isinstance(first, InputNoteRule)
        }

        self._plans = {p.name: self._plan(p.name) for p in self.processes}

    def _plan(self, process: str) -> Plan:
        def planned(
            kind: type[_K], keep: Callable[[_K], bool] = lambda r: True
        ) -> list[Planned[_K]]:
            out: list[Planned[_K]] = []
            for rule_id, found in self._versions.items():
                first = found[0]
                if first.process == process and isinstance(first, kind) and keep(first):
                    triggers = (
                        (first.trigger, *first.also_triggered_by)
                        if isinstance(first, DeadlineRule)
                        else ()
                    )
                    typed = tuple(v for v in found if isinstance(v, kind))
                    always = typed[0] if len(typed) == 1 and typed[0].in_force.end is None else None
                    out.append(Planned(rule_id, typed, self.rank[rule_id], triggers, always))
            return out

        return Plan(
            deadlines=tuple(planned(DeadlineRule)),
            duties=tuple(planned(DutyRule)),
            checks_first=tuple(planned(CheckRule, lambda r: r.stage == "first")),
            checks_last=tuple(planned(CheckRule, lambda r: r.stage == "last")),
            measures=tuple(planned(MeasureRule)),
            eligibility=tuple(planned(EligibilityRule)),
        )

    def plan(self, process: str) -> Plan:
        """What the engine evaluates for each episode of ``process``, in ``needs`` order."""
        return self._plans[process]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._versions

    @property
    def ids(self) -> tuple[str, ...]:
        """Every rule id, in statutory order (the order the modules declare them)."""
        return tuple(self.rank)

    def ids_of(self, process: str, kind: type[Rule]) -> tuple[str, ...]:
        """The ids of one kind of rule in one process (every process if ``""``), in order."""
        if process:
            return self._by_kind.get((process, kind), ())
        return tuple(i for (_, k), ids in self._by_kind.items() if k is kind for i in ids)

    def versions(self, rule_id: str) -> Sequence[Rule]:
        """Every version of a rule, oldest first."""
        return self._versions[rule_id]

    def pick(self, rule_id: str, day: date) -> Rule | None:
        """The version of ``rule_id`` in force on ``day`` (C10), or ``None``."""
        for rule in self._versions.get(rule_id, ()):
            window = rule.in_force
            if window.start <= day and (window.end is None or day <= window.end):
                return rule
        return None

    def note(self, topic: InputNoteTopic, message: str) -> Finding | None:
        """The input note on ``topic`` with ``message``, if the rule set has one."""
        rule_id = self._notes.get(topic)
        if rule_id is None:
            return None
        rule = self._versions[rule_id][-1]
        assert isinstance(rule, InputNoteRule)
        return rule.finding(topic, rule.severity, message)

    def __repr__(self) -> str:
        return f"RuleSet(name={self.name!r}, rules={len(self._rules)})"


def _needs_order(versions: Mapping[str, list[Rule]], problems: list[str]) -> list[str]:
    """Rule ids in declaration order, each after the rules it needs; cycles are problems."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(rule_id: str, path: tuple[str, ...]) -> None:
        if state.get(rule_id) == "done" or rule_id not in versions:
            return
        if state.get(rule_id) == "visiting":
            problems.append("rules need each other in a cycle: " + " -> ".join((*path, rule_id)))
            return
        state[rule_id] = "visiting"
        for rule in versions[rule_id]:
            for need in rule.needs:
                visit(need, (*path, rule_id))
        state[rule_id] = "done"
        order.append(rule_id)

    for rule_id in versions:
        visit(rule_id, ())
    return order


def _default_processes() -> tuple[Process, ...]:
    from .processes import PROCESSES

    return PROCESSES


# ---------------------------------------------------------------------------- stamping


def holder_name(holder: str, on: date) -> str:
    """The duty holder's name in explanations; a health body is named as it was on ``on``.

    >>> holder_name("icb", date(2022, 6, 30)), holder_name("icb", date(2022, 7, 1))
    ('the clinical commissioning group (CCG)', 'the integrated care board (ICB)')
    """
    if holder == "icb" and on < CCG_TO_ICB:
        return "the clinical commissioning group (CCG)"
    return DUTY_HOLDER_NAMES[holder][1] if holder in DUTY_HOLDER_NAMES else holder


def status_of(due: date | None, done_on: date | None, as_of: date) -> Status:
    """The status of a deadline as of ``as_of`` (see :data:`~send_timescales.results.Status`).

    >>> status_of(date(2025, 3, 10), None, date(2025, 3, 10))
    'pending'
    >>> status_of(date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 1))
    'missed'
    """
    if due is None:
        return "disapplied"
    if done_on is not None:
        return "met" if done_on <= due else "missed"
    return "overdue" if as_of > due else "pending"


def trigger_step(rule: DeadlineRule, trigger: EventBase) -> str:
    """The first explanation step of every deadline: what started the clock, and when."""
    return f"The clock starts on {long_date(trigger.on)}: {rule.trigger_text}."


def _disapplying(
    draft: Draft, episode: Episode, due: date
) -> tuple[tuple[ExceptionApplied, ExceptionHead, tuple[date, date]] | None, list[Considered]]:
    """The first exception that disapplies the draft's limit, and why each other one did not.

    Every candidate is weighed: one that would also have disapplied the limit is told that the
    first had already done so (its finding would otherwise say no limit was running).
    """
    running = (draft.trigger.on + _ONE_DAY, due)
    considered: list[Considered] = []
    found: tuple[ExceptionApplied, ExceptionHead, tuple[date, date]] | None = None
    exceptions = episode.exceptions
    first = bisect_left(exceptions, running[0] - timedelta(days=episode.exception_reach), key=_on)
    last = bisect_right(exceptions, running[1] + timedelta(days=7), key=_on)
    for exception in exceptions[first:last]:
        if exception.rule_ids is not None and draft.rule.id not in exception.rule_ids:
            continue
        heads = [head for head in draft.exceptions if head.reason == exception.reason]
        if not heads and exception.rule_ids is not None:
            considered.append(
                (exception, f"{draft.rule.id}: its time limit has no exception for this reason")
            )
        for head in heads:
            span = head.overlap(
                exception, running, episode.case_index, episode.joined.get(id(exception))
            )
            if isinstance(span, tuple):
                if found is None:
                    found = (exception, head, span)
                else:
                    # (A record of the same run as the first is not reported unused either:
                    # check.exception_not_applied treats a run as one circumstance.)
                    used = found[0]
                    considered.append(
                        (
                            exception,
                            f"{draft.rule.id} (due {long_date(due)}): already disapplied by the "
                            f"exception of {long_date(used.on)} to {long_date(used.to)}",
                        )
                    )
                break
            considered.append((exception, f"{draft.rule.id} (due {long_date(due)}): {span}"))
    return found, considered


Considered: TypeAlias = tuple[ExceptionApplied, str]
"""An exception that was weighed against a limit and did not disapply it, and why."""


def finish(draft: Draft, episode: Episode) -> tuple[Deadline, list[Finding], list[Considered]]:
    """Settle, disapply, stamp and judge a draft; return the deadline and its findings.

    In order: the rule's non-working-day policy; a statutory exception whose circumstance
    overlaps the running period (the limit then becomes "as soon as practicable": disapplied,
    unless it was already met); the status with its evidence; the name of the health body at
    the date; the confidence of the citations when secondary. Then the findings the rule's
    templates give for the status.
    """
    rule = draft.rule
    cal = episode.calendar
    holder = draft.duty_holder or rule.duty_holder
    steps = draft.steps
    due = draft.due
    citations = rule.citations
    if due is not None:
        due, moved = rule.non_working_day.settle(due, cal)
        steps.extend(moved)
    done_on = draft.done.on if draft.done is not None else draft.done_on
    if done_on is not None and done_on > episode.as_of:
        # A date recorded on an event (a report's report_sent_on) after as_of: as things stood
        # then, it had not happened yet.
        done_on = None
    considered: list[Considered] = []
    if due is not None and episode.exceptions and not (done_on is not None and done_on <= due):
        found, considered = _disapplying(draft, episode, due)
        if found is not None:
            used, head, span = found
            considered.append((used, ""))
            counted = (
                "counted from one week before the setting closed: " if head.lead_days else "from "
            )
            steps.append(
                f"An exception applies ({event_label(used)}): {head.text} "
                f"({head.citation.instrument} {head.citation.provision}), {counted}"
                f"{long_date(span[0])} to {long_date(span[1])}, within the running period of "
                f"this limit ({long_date(draft.trigger.on + _ONE_DAY)} to {long_date(due)})"
                + (f", and within {head.window_text}" if head.window is not None else "")
                + ". The time limit does not apply: the duty must be done as soon as "
                + ("reasonably practicable" if head.reason == "coronavirus" else "practicable")
                + ": disapplied."
            )
            due = None
            citations = (*citations, head.citation)
    status = status_of(due, done_on, episode.as_of)
    if rule.protected_period and due is not None:
        status, done_on = _protected(draft, due, episode.as_of)
    findings: list[Finding] = []
    if status == "overdue" and draft.still_open_because is not None:
        status = "pending"
        steps.append(draft.still_open_because)
    if episode.explain:
        steps.extend(_status_steps(draft, holder, status, due, done_on, episode.as_of))
        if rule.secondary_note:
            steps.append(rule.secondary_note)
    deadline = trusted(
        Deadline,
        rule_id=rule.id,
        summary=draft.summary or rule.summary,
        due=due,
        status=status,
        duty_holder=holder,
        citations=citations,
        explanation=tuple(steps) if episode.explain else (),
        provisional=due is not None and due > cal.known_until,
        trigger=event_label(draft.trigger),
        trigger_on=draft.trigger.on,
        done_on=done_on,
        decision_on=episode.decision_on,
        subject=draft.subject,
    )
    if (
        draft.held_open is not None
        and draft.still_open_because is not None
        and status == "pending"
        and due is not None
        and due < episode.as_of
    ):
        findings.append(draft.held_open.build(deadline))
    return deadline, findings, considered


def _protected(draft: Draft, due: date, as_of: date) -> tuple[Status, date | None]:
    """The status of a protected period: cut short (missed), run in full (met), or running."""
    if draft.breached_by is not None and draft.breached_by.on <= due:
        return "missed", draft.breached_by.on
    return ("met" if as_of > due else "pending"), None


def _status_steps(
    draft: Draft, holder: str, status: Status, due: date | None, done_on: date | None, as_of: date
) -> list[str]:
    """The explanation steps that give a deadline's status with its evidence, and who acts."""
    steps: list[str] = []
    who = holder_name(holder, draft.trigger.on)
    done = event_label(draft.done) if draft.done is not None else draft.done_label
    if draft.rule.protected_period and due is not None:
        if status == "missed":
            assert draft.breached_by is not None
            steps.append(
                f"{event_label(draft.breached_by)} came on {long_date(draft.breached_by.on)}, "
                f"before the period ended on {long_date(due)}: the period was cut short: missed."
            )
        elif status == "met":
            steps.append(f"The period ran in full to {long_date(due)}: met.")
        else:
            steps.append(f"The period is still running as of {long_date(as_of)}: pending.")
        return steps
    if status == "met":
        steps.append(f"Done on {long_date(done_on)} ({done}), in time: met.")
    elif status == "missed":
        late = (done_on - due).days  # type: ignore[operator]
        steps.append(f"Done on {long_date(done_on)} ({done}), {_plural_days(late)} late: missed.")
    elif status == "overdue" and holder == "parent_or_young_person":
        late = (as_of - due).days  # type: ignore[operator]
        steps.append(
            f"Not done as of {long_date(as_of)}, {_plural_days(late)} after the due date: the "
            "time limit has passed (overdue). It is a time limit on the parent's or young "
            "person's own step, not a duty they breached."
        )
    elif status == "overdue":
        late = (as_of - due).days  # type: ignore[operator]
        steps.append(
            f"Not done as of {long_date(as_of)}, {_plural_days(late)} "
            f"after the due date: overdue ({who} must act)."
        )
    elif status == "pending":
        steps.append(f"Not yet done as of {long_date(as_of)}: pending ({who} must act).")
    elif done_on is not None:
        steps.append(f"Done on {long_date(done_on)} ({done}).")
    if holder == "icb":
        steps.append(
            f"On {long_date(draft.trigger.on)} the health body was {who}"
            + (
                "; clinical commissioning groups were replaced by integrated care boards on "
                "1 July 2022 (Health and Care Act 2022)."
                if draft.trigger.on < CCG_TO_ICB
                else "."
            )
        )
    return steps


def judge(deadline: Deadline, rule: DeadlineRule, calendar: WorkingDayCalendar) -> list[Finding]:
    """The findings a finished deadline's status gives (the rule's templates), and provisional."""
    overdue, missed = rule.templates
    findings = []
    if deadline.status == "overdue":
        findings.append(overdue.build(deadline))
    elif deadline.status == "missed":
        findings.append(missed.build(deadline))
    if deadline.provisional:
        findings.append(
            trusted(
                Finding,
                code=PROVISIONAL.code,
                severity=PROVISIONAL.severity,
                message=f"{deadline.summary}: the due date {_due_text(deadline)} is after "
                f"{long_date(calendar.known_until)}, the end of the official bank-holiday list; "
                "a bank holiday proclaimed later could change it.",
                rule_id=deadline.rule_id,
                citations=deadline.citations,
                decision_on=deadline.decision_on,
            )
        )
    return findings


def disapplied_by_exception(deadline: Deadline, rule: Rule) -> bool:
    """Whether a statutory exception disapplied the deadline (its citation was added to it)."""
    return deadline.status == "disapplied" and len(deadline.citations) > len(rule.citations)


def answer_eligibility(rules: RuleSet, episode: Episode) -> Eligibility:
    """Ask every eligibility question of the rule set about the episode's decision."""
    decision = episode.decision
    assert decision is not None
    answers: dict[str, str] = {}
    reasons: list[Reason] = []
    for planned in rules.plan(episode.process.name).eligibility:
        rule = planned.pick(decision.on)
        if rule is None:
            continue
        answer, text, assumption = rule.answer(episode)
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
        decision_on=decision.on,
        decision=decision.decision,
        appealable=answers.get("appealable") == "yes",
        mediation_available=answers.get("mediation_available") == "yes",
        certificate_required=answers.get("certificate_required") == "yes",
        party=party,
        reasons=tuple(reasons),
    )


def list_duty(rule: DutyRule, episode: Episode) -> tuple[Duty | None, list[Finding]]:
    """The undated duty, if it applies to the episode, and findings where it was not done."""
    why = rule.applies(episode)
    if why is None:
        return None, []
    decision_on = episode.decision_on
    duty = trusted(
        Duty,
        rule_id=rule.id,
        summary=rule.summary,
        duty_holder=rule.holder(episode) if rule.holder is not None else rule.duty_holder,
        citations=rule.citations,
        applies_because=why,
        decision_on=decision_on,
    )
    messages = rule.check(episode) if rule.check is not None else []
    return duty, [
        rule.finding(rule.finding_code, "warning", m, decision_on=decision_on) for m in messages
    ]
