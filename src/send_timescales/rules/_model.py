"""What a rule is, how versions of it are chosen, and how its answers are built.

Three kinds of rule, each a frozen record carrying a stable ``id``, a one-line ``summary``, its
``citations`` and its :class:`InForce` window:

* :class:`DeadlineRule`: "trigger event + period", optionally with a ``compute`` function for the
  irregular ones ("whichever is later"); the :func:`deadline_rule` decorator turns such a
  function into a record;
* :class:`DutyRule`: an obligation without a date, listed when it applies;
* :class:`EligibilityRule`: a question about the decision (appealable? certificate needed?).

Versions of a rule share an id and have non-overlapping windows; the version applied is the one in
force on the date of the event that starts the clock (RULES.md C10). A :class:`RuleSet` checks all
of this when it is built. Nothing registers itself: each rules module ends with a ``RULES`` tuple
and :func:`send_timescales.rules.default_rules` joins them.

The builders at the bottom (:func:`build_deadline`, :func:`status_of`) stamp every answer with its
rule's id and citations, and add the explanation steps every deadline shares: the conventions
C7 (no roll-forward for an LA, ICB, adviser or mediator), the confidence of the citations, the
name of the health body at the date, and the status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeAlias

from ..citations import Citation
from ..errors import RuleSetError
from ..events import DecisionNotice, EventBase, event_label
from ..periods import Period, long_date
from ..results import Deadline, DutyHolder, Eligibility, Finding, Status, trusted

if TYPE_CHECKING:
    from ..calendars import WorkingDayCalendar

__all__ = [
    "CCG_TO_ICB",
    "REGIME_START",
    "Context",
    "DeadlineRule",
    "DutyRule",
    "EligibilityRule",
    "InForce",
    "Rule",
    "RuleSet",
    "build_deadline",
    "deadline_rule",
    "holder_name",
    "status_of",
    "trigger_step",
]

REGIME_START = date(2014, 9, 1)
"""CFA 2014 Part 3 and the SEND Regs 2014 came into force on 1 September 2014."""
CCG_TO_ICB = date(2022, 7, 1)
"""Health and Care Act 2022: integrated care boards replaced clinical commissioning groups."""

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")


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


@dataclass(frozen=True, kw_only=True)
class Rule:
    """Fields every rule has."""

    id: str
    summary: str
    citations: tuple[Citation, ...]
    in_force: InForce = field(default_factory=InForce)

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
        secondary = ", ".join(
            f"{c.instrument} {c.provision}".strip()
            for c in self.citations
            if c.confidence == "secondary"
        )
        return (
            f"Citation confidence: secondary ({secondary}). The period agrees across reputable "
            "secondary sources (IPSEA, SENDIASS services, the SEND Code), but the regulation's "
            "own words were not read on legislation.gov.uk: check them before relying on it."
        )

    @property
    def kind(self) -> str:
        """``deadline``, ``duty`` or ``eligibility``."""
        return type(self).__name__.removesuffix("Rule").lower()


@dataclass
class Context:
    """What a rule sees: one decision and the events that belong to it, as of a date."""

    decision: DecisionNotice
    events: dict[str, list[EventBase]]
    """The decision's later events by type, each list in date order."""
    calendar: WorkingDayCalendar
    as_of: date
    eligibility: Eligibility | None = None
    born: date | None = None
    findings: list[Finding] = field(default_factory=list)
    """Findings the checks and rules add as they go."""

    def of(self, event_type: str) -> list[EventBase]:
        """Return this decision's events of one type, in date order."""
        return self.events.get(event_type, [])

    def first_after(
        self, event_type: str, day: date, when: Callable[[EventBase], bool] | None = None
    ) -> EventBase | None:
        """The first event of ``event_type`` on or after ``day`` that satisfies ``when``."""
        for event in self.events.get(event_type, ()):
            if event.on >= day and (when is None or when(event)):
                return event
        return None


ComputeFn: TypeAlias = Callable[["DeadlineRule", Context, EventBase], list[Deadline]]


@dataclass(frozen=True, kw_only=True)
class DeadlineRule(Rule):
    """A dated duty: ``trigger`` event (matching ``trigger_when``) + ``period``.

    ``done_by`` names the event type that fulfils it (the first one on or after the trigger that
    matches ``done_when``). Irregular rules give ``compute`` instead of, or besides, a period.
    """

    duty_holder: DutyHolder
    trigger: str
    trigger_text: str
    trigger_when: Callable[[EventBase], bool] | None = None
    period: Period | None = None
    period_text: str = ""
    done_by: str | None = None
    done_when: Callable[[EventBase], bool] | None = None
    compute: ComputeFn | None = None
    applies: Callable[[Context], bool] | None = None
    """Optional: whether the rule applies to this decision at all (mediation available...)."""
    notes: tuple[str, ...] = ()
    """Explanation steps added after the period's own (readings, C9 alternatives)."""

    def describe_period(self) -> str:
        """The period in words, for the rule catalogue."""
        return self.period_text or (self.period.describe() if self.period else "")

    def apply(self, ctx: Context, trigger: EventBase) -> list[Deadline]:
        """The deadlines this rule sets for one triggering event."""
        if self.compute is not None:
            return self.compute(self, ctx, trigger)
        assert self.period is not None  # RuleSet checks every rule has one or the other
        due = self.period.end(trigger.on, ctx.calendar)
        steps = [trigger_step(self, trigger), *self.period.explain(trigger.on, ctx.calendar)]
        steps.extend(self.notes)
        done = (
            ctx.first_after(self.done_by, trigger.on, self.done_when)
            if self.done_by is not None
            else None
        )
        return [build_deadline(self, ctx, trigger, due, steps, done)]


def deadline_rule(
    **fields: object,
) -> Callable[[ComputeFn], DeadlineRule]:
    """Decorate an irregular rule's function: the result is the :class:`DeadlineRule` record."""

    def wrap(function: ComputeFn) -> DeadlineRule:
        return DeadlineRule(compute=function, **fields)  # type: ignore[arg-type]

    return wrap


@dataclass(frozen=True, kw_only=True)
class DutyRule(Rule):
    """An undated obligation; ``applies`` returns why it applies to the case, or ``None``."""

    duty_holder: DutyHolder | Literal["la_and_icb"]
    applies: Callable[[Context], str | None]
    check: Callable[[Context], list[str]] | None = None
    """Optional: messages for findings when the case shows the duty was not done."""
    finding_code: str = ""


@dataclass(frozen=True, kw_only=True)
class EligibilityRule(Rule):
    """Answers one eligibility question for a decision (see :mod:`.eligibility`).

    ``answer`` returns ``(answer, text, assumption)``: the answer (``"yes"``, ``"no"`` or a
    party), the reason in plain English, and whether it rests on a safe assumption.
    """

    question: Literal["appealable", "mediation_available", "certificate_required", "party"]
    answer: Callable[[Context], tuple[str, str, bool]]


class RuleSet:
    """A validated, versioned collection of rules.

    Building one checks: ids are dotted lower-case names; every rule is cited; versions of one id
    are of one kind and have windows that do not overlap; deadline rules have a period or a
    compute function.

    >>> from send_timescales.rules import default_rules
    >>> rules = default_rules()
    >>> rules.pick("appeal.register", date(2025, 1, 10)).citations[0].provision
    'r.20(1)(c)'
    """

    def __init__(self, rules: Iterable[Rule], *, name: str) -> None:
        self.name = name
        self._rules: tuple[Rule, ...] = tuple(rules)
        versions: dict[str, list[Rule]] = {}
        problems: list[str] = []
        for rule in self._rules:
            if not _ID.match(rule.id):
                problems.append(f"rule id {rule.id!r} is not a dotted lower-case name")
            if not rule.citations:
                problems.append(f"rule {rule.id!r} has no citation")
            if not rule.summary.strip():
                problems.append(f"rule {rule.id!r} has no summary")
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
        if problems:
            raise RuleSetError(f"Rule set {name!r} is invalid: " + "; ".join(problems) + ".")
        self._versions = {
            rule_id: tuple(sorted(found, key=lambda r: r.in_force.start))
            for rule_id, found in versions.items()
        }
        self.rank = {rule_id: index for index, rule_id in enumerate(self._versions)}
        """Each rule id's position in statutory order (ties in a report are broken by it)."""
        by_trigger: dict[str, list[str]] = {}
        for rule_id, found in self._versions.items():
            first = found[0]
            if isinstance(first, DeadlineRule):
                by_trigger.setdefault(first.trigger, []).append(rule_id)
        self.deadline_ids_by_trigger = {k: tuple(v) for k, v in by_trigger.items()}
        self.duty_ids = tuple(i for i, v in self._versions.items() if isinstance(v[0], DutyRule))
        self.eligibility_ids = tuple(
            i for i, v in self._versions.items() if isinstance(v[0], EligibilityRule)
        )

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._versions

    @property
    def ids(self) -> tuple[str, ...]:
        """Every rule id, in statutory order (the order the modules declare them)."""
        return tuple(self._versions)

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

    def __repr__(self) -> str:
        return f"RuleSet(name={self.name!r}, rules={len(self._rules)})"


# ---------------------------------------------------------------------------- builders

_HOLDERS: dict[str, str] = {
    "la": "the local authority",
    "mediation_adviser": "the mediation adviser",
    "mediator": "the mediator",
    "parent_or_young_person": "the parent or young person",
}


def holder_name(holder: str, on: date) -> str:
    """The duty holder's name in explanations; a health body is named as it was on ``on``.

    >>> holder_name("icb", date(2022, 6, 30)), holder_name("icb", date(2022, 7, 1))
    ('the clinical commissioning group (CCG)', 'the integrated care board (ICB)')
    """
    if holder == "icb":
        if on < CCG_TO_ICB:
            return "the clinical commissioning group (CCG)"
        return "the integrated care board (ICB)"
    return _HOLDERS.get(holder, holder)


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


def build_deadline(
    rule: DeadlineRule,
    ctx: Context,
    trigger: EventBase,
    due: date | None,
    steps: list[str],
    done: EventBase | None,
    *,
    subject: str | None = None,
    summary: str | None = None,
    duty_holder: DutyHolder | None = None,
    still_open_because: str | None = None,
) -> Deadline:
    """Stamp a deadline with its rule's id and citations, and finish its explanation.

    Adds, in order: the C7 note when an LA, ICB, adviser or mediator duty ends on a non-working
    day; the status with its evidence; the confidence of the citations when secondary; and the
    name of the health body where the duty is an ICB's. ``still_open_because`` keeps a passed
    date ``pending`` where the law lets a later event extend it (an awaited certificate).
    """
    cal = ctx.calendar
    holder = duty_holder or rule.duty_holder
    if due is not None and holder != "parent_or_young_person" and not cal.is_working_day(due):
        before = cal.subtract_working_days(due, 1)
        steps.append(
            f"{long_date(due)} is not a working day ({cal.why_not_working(due)}). The SEND "
            "Regulations 2014 have no provision moving a duty of an LA, ICB, mediation adviser "
            "or mediator to the next working day, so it must be done by then: in practice by "
            f"{long_date(before)}, the last working day before it (RULES.md C7)."
        )
    done_on = done.on if done is not None else None
    status = status_of(due, done_on, ctx.as_of)
    if status == "overdue" and still_open_because is not None:
        status = "pending"
        steps.append(still_open_because)
    who = holder_name(holder, trigger.on)
    if status == "met":
        steps.append(f"Done on {long_date(done_on)} ({event_label(done)}), in time: met.")  # type: ignore[arg-type]
    elif status == "missed":
        late = (done_on - due).days  # type: ignore[operator]
        steps.append(
            f"Done on {long_date(done_on)} ({event_label(done)}), "  # type: ignore[arg-type]
            f"{late} day{'s' if late != 1 else ''} late: missed."
        )
    elif status == "overdue":
        late = (ctx.as_of - due).days  # type: ignore[operator]
        steps.append(
            f"Not done as of {long_date(ctx.as_of)}, {late} day{'s' if late != 1 else ''} "
            f"after the due date: overdue ({who} must act)."
        )
    elif status == "pending":
        steps.append(f"Not yet done as of {long_date(ctx.as_of)}: pending ({who} must act).")
    if holder == "icb":
        steps.append(
            f"On {long_date(trigger.on)} the health body was {who}"
            + (
                "; clinical commissioning groups were replaced by integrated care boards on "
                "1 July 2022 (Health and Care Act 2022)."
                if trigger.on < CCG_TO_ICB
                else "."
            )
        )
    if rule.secondary_note:
        steps.append(rule.secondary_note)

    return trusted(
        Deadline,
        rule_id=rule.id,
        summary=summary or rule.summary,
        due=due,
        status=status,
        duty_holder=holder,
        citations=rule.citations,
        explanation=tuple(steps),
        provisional=due is not None and due > cal.known_until,
        trigger=event_label(trigger),
        trigger_on=trigger.on,
        done_on=done_on,
        decision_on=ctx.decision.on,
        subject=subject,
    )
