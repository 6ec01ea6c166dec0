"""What :func:`send_timescales.evaluate` returns: a :class:`Report` of cited answers.

Every :class:`Deadline`, :class:`Reason` (behind each eligibility answer), :class:`Duty` and
:class:`Finding` carries the ``rule_id`` that produced it and at least one
:class:`~send_timescales.Citation`; building one without them fails validation. The engine stamps
them from the rule, so a rule cannot forget.

``report.model_dump(mode="json")`` is JSON-ready, and is exactly what the command line prints.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .citations import Citation

__all__ = [
    "DUTY_HOLDER_NAMES",
    "Deadline",
    "DecisionOutcome",
    "Duty",
    "DutyHolder",
    "Eligibility",
    "Finding",
    "Measure",
    "Party",
    "Provenance",
    "Reason",
    "Report",
    "Severity",
    "Status",
]

Status: TypeAlias = Literal["pending", "met", "missed", "overdue", "disapplied"]
"""``pending``: not yet due and not done; ``met``: done on or before the due date; ``missed``:
done, but late; ``overdue``: not done and the due date has passed (as of ``as_of``);
``disapplied``: the time limit does not apply (``due`` is ``None``)."""

DutyHolder: TypeAlias = Literal[
    "la",
    "icb",
    "mediation_adviser",
    "mediator",
    "parent_or_young_person",
    "school",
    "advice_giver",
]
"""Who must act. ``icb`` covers the clinical commissioning group (CCG) before 1 July 2022;
``school`` is the head teacher or principal who arranges a review; ``advice_giver`` is the body
the LA asked for advice for an assessment."""

DUTY_HOLDER_NAMES: dict[str, tuple[str, str]] = {
    "la": ("LA", "the local authority"),
    "icb": ("ICB", "the integrated care board (ICB)"),
    "mediation_adviser": ("mediation adviser", "the mediation adviser"),
    "mediator": ("mediator", "the mediator"),
    "parent_or_young_person": ("parent / young person", "the parent or young person"),
    "school": ("school", "the head teacher or principal of the school or institution"),
    "advice_giver": ("advice giver", "the body asked for advice"),
    "la_and_icb": ("LA and ICB", "the local authority and the ICB"),
}
"""Every duty holder (and ``la_and_icb``, for undated duties they share): its label in tables
and its name in sentences. The one place these names are declared; an ICB is named a CCG in
explanations of dates before 1 July 2022."""

Party: TypeAlias = Literal["parent", "young_person", "unknown"]
Severity: TypeAlias = Literal["error", "warning", "info"]

_CONFIG = ConfigDict(extra="forbid", frozen=True)
Citations = Field(min_length=1)

_M = TypeVar("_M", bound=BaseModel)


def trusted(model: type[_M], **values: Any) -> _M:
    """Build a result the engine has already checked, without re-validating it (internal).

    The engine builds every field from typed events and rule records, so validating again would
    only cost time (pydantic's own ``model_construct`` is slower still, as it fills defaults).
    Every field must be given. Public construction (``Deadline(...)``) validates as usual, and
    the test suite round-trips engine reports through ``Report.model_validate`` to prove they
    are valid.
    """
    instance = _new(model)
    _set_attribute(instance, "__dict__", values)
    every = _EVERY_FIELD.get(model)
    if every is None:
        every = _EVERY_FIELD[model] = set(model.model_fields)
    # Every field is given, so the set of fields set is the model's own, shared (pydantic copies
    # it before changing it, in model_copy).
    _set_fields_set(instance, every if len(values) == len(every) else set(values))
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


_EVERY_FIELD: dict[type[BaseModel], set[str]] = {}


# BaseModel's slots, set through their descriptors (a third faster than object.__setattr__).
_new = object.__new__
_set_attribute = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class Deadline(BaseModel):
    """A dated duty or time limit, its status as of ``as_of``, and the law behind it."""

    model_config = _CONFIG

    rule_id: str = Field(min_length=1)
    """Stable public id of the rule (``appeal.register``)."""
    summary: str
    """What must be done, in one line."""
    due: date | None
    """The last day to act; ``None`` when the time limit is disapplied."""
    status: Status
    duty_holder: DutyHolder
    citations: tuple[Citation, ...] = Citations
    explanation: tuple[str, ...]
    """Each step of the computation, in plain English."""
    provisional: bool = False
    """True when ``due`` is after the calendar's ``known_until`` (bank holidays not yet final)."""
    trigger: str
    """The event that started the clock (``certificate_issued on 2025-11-29``)."""
    trigger_on: date
    done_on: date | None = None
    """The date of the event that fulfilled the duty, if any."""
    decision_on: date | None = None
    """The decision notice this deadline belongs to (its date sent)."""
    subject: str | None = None
    """What the deadline is about when a rule applies several times (an agreed action)."""


class Reason(BaseModel):
    """One cited reason behind an eligibility answer."""

    model_config = _CONFIG

    rule_id: str = Field(min_length=1)
    question: Literal["appealable", "mediation_available", "certificate_required", "party"]
    answer: str
    """``"yes"``, ``"no"``, or the party (``"parent"``)."""
    text: str
    citations: tuple[Citation, ...] = Citations
    assumption: bool = False
    """True when the answer rests on a safe assumption because facts were missing."""


class Eligibility(BaseModel):
    """Can the decision be appealed or mediated, is a certificate needed, and who acts."""

    model_config = _CONFIG

    decision_on: date | None
    decision: str | None
    appealable: bool
    mediation_available: bool
    certificate_required: bool
    party: Party
    reasons: tuple[Reason, ...]


class Duty(BaseModel):
    """An obligation without a date, listed so that a caseworker can tick it off."""

    model_config = _CONFIG

    rule_id: str = Field(min_length=1)
    summary: str
    duty_holder: DutyHolder | Literal["la_and_icb"]
    citations: tuple[Citation, ...] = Citations
    applies_because: str
    decision_on: date | None = None


class Finding(BaseModel):
    """Something a caseworker should look at: a breach, a defect, a warning."""

    model_config = _CONFIG

    code: str
    """Stable machine-readable code (``deadline_overdue``, ``notice_missing_content``)."""
    severity: Severity
    message: str
    rule_id: str = Field(min_length=1)
    citations: tuple[Citation, ...] = Citations
    decision_on: date | None = None


class DecisionOutcome(BaseModel):
    """One decision of the case, with its own eligibility."""

    model_config = _CONFIG

    on: date
    decision: str
    eligibility: Eligibility


class Provenance(BaseModel):
    """What the answers were computed with."""

    model_config = _CONFIG

    library_version: str
    rule_set: str
    calendar: str
    calendar_known_until: date
    as_of: date
    case_id: str | None = None


class Measure(BaseModel):
    """A performance measure of one request: SEN2's 20 weeks from request to final EHC plan."""

    model_config = _CONFIG

    rule_id: str = Field(min_length=1)
    """The measure's rule (``measure.sen2_20_weeks``, which reads ``plan.final``)."""
    citations: tuple[Citation, ...] = Citations
    request_on: date
    """The day the LA received the request (or became responsible)."""
    final_on: date | None
    """The day the final plan was sent; ``None`` when no final plan has been issued yet."""
    days: int | None
    """Days from the request to the final plan (``None`` without a final plan)."""
    weeks: int | None
    """Whole weeks of ``days``."""
    within_20_weeks: bool | None
    """Whether the final plan was issued within 20 weeks (140 days) of the request; ``None``
    without a final plan."""
    exception_applied: bool
    """Whether a statutory exception disapplied the 20-week limit (SEN2 reports those apart)."""
    outcome: Literal["plan_issued", "no_plan", "refused_assessment", "open"]
    """How the request ended as of ``as_of``."""


class Report(BaseModel):
    """Everything the engine can say about a case as of a date."""

    model_config = _CONFIG

    deadlines: tuple[Deadline, ...]
    """Every dated duty and time limit, in due-date order (disapplied ones last)."""
    eligibility: Eligibility
    """The latest decision's eligibility (each decision's own is in ``decisions``)."""
    decisions: tuple[DecisionOutcome, ...]
    duties: tuple[Duty, ...]
    findings: tuple[Finding, ...]
    provenance: Provenance
    measures: tuple[Measure, ...] = ()
    """One measure per request for an EHC needs assessment (SEN2's 20 weeks)."""

    def deadline(self, rule_id: str) -> Deadline | None:
        """The first deadline with ``rule_id`` (the latest decision's, if several), or ``None``."""
        matches = [d for d in self.deadlines if d.rule_id == rule_id]
        if not matches:
            return None
        latest = max((d.decision_on or date.min) for d in matches)
        return next(d for d in matches if (d.decision_on or date.min) == latest)

    def to_text(self) -> str:
        """The report for people, as plain text (see :mod:`send_timescales.explain`)."""
        from .explain import render_text

        return render_text(self)

    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The report as typed table rows, by table name (see :mod:`send_timescales.tabular`).

        Tables: ``deadlines``, ``eligibility``, ``findings``, and ``measures`` when the report
        has them. Dates are ``datetime.date``, flags ``bool``, missing values ``None``.

        >>> from send_timescales import evaluate
        >>> rows = evaluate([{"type": "decision_notice", "on": "2025-10-01",
        ...                   "decision": "cease_plan"}], as_of=date(2025, 10, 2)).to_rows()
        >>> rows["deadlines"][0]["due"], rows["eligibility"][0]["appealable"]
        (datetime.date(2025, 12, 1), True)
        """
        from .tabular import report_rows

        return report_rows(self)

    def to_markdown(self) -> str:
        """The report as Markdown."""
        from .explain import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:
        from .explain import render_html

        return render_html(self)
