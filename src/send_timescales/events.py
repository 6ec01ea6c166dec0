"""The input vocabulary: facts about a case, each with the date it happened (see docs/concepts.md).

Every event has a ``type`` (a past-tense fact such as ``decision_notice`` or ``mediation_held``)
and a date ``on``; for a notice, ``on`` is the date it was **sent** (reg 33 and HESC r.20(1)(c)
both count from the date written notice "was sent"). Events are pydantic models: build them
directly, or parse plain dicts / JSON with :func:`parse_events`, which names the event, field and
value of anything wrong.

Dates are ``datetime.date`` values or ``YYYY-MM-DD`` strings; a ``datetime``, a timestamp or a
date-time string is rejected, never truncated (C11, docs/interpretations.md#c11). Unknown fields
are rejected.

>>> events = parse_events([
...     {"type": "decision_notice", "on": "2025-01-10", "decision": "refuse_assessment"},
...     {"type": "adviser_contacted", "on": "2025-02-03", "wants_mediation": False},
... ])
>>> events[1]
AdviserContacted(on=datetime.date(2025, 2, 3), type='adviser_contacted', wants_mediation=False)
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import islice
from typing import Annotated, Any, ClassVar, Literal, TypeAlias, cast, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import ErrorDetails, from_json

from .calendars import check_date
from .errors import EventError, short_repr

__all__ = [
    "MAX_EVENTS_PER_CASE",
    "MAX_NESTING_DEPTH",
    "AdviserContacted",
    "AgreedAction",
    "AgreedActionCompleted",
    "AgreementSentToLA",
    "AmendmentNoticeSent",
    "AppealConceded",
    "AppealRegistered",
    "AssessmentAgreed",
    "AssessmentRequested",
    "Case",
    "CertificateIssued",
    "ChildBorn",
    "ConcessionKind",
    "DecisionKind",
    "DecisionNotice",
    "Disputed",
    "DraftPlanIssued",
    "Event",
    "EventBase",
    "ExceptionApplied",
    "ExceptionReason",
    "HealthNotified",
    "MediationAgreement",
    "MediationHeld",
    "MediationNotArranged",
    "MediationRequested",
    "MediationScheduled",
    "NoticeItem",
    "OrderKind",
    "PhaseTransferPlanned",
    "PlanCeased",
    "ReassessmentAgreed",
    "ReassessmentRequested",
    "RequestRoute",
    "ReviewDecision",
    "ReviewMeetingHeld",
    "TransferKind",
    "TribunalOrder",
    "event_dates",
    "event_label",
    "event_type",
    "only_on",
    "parse_case",
    "parse_events",
]


def _legal_date(value: object) -> object:
    """Let ``YYYY-MM-DD`` strings through to pydantic; anything else must pass ``check_date``."""
    if isinstance(value, str):
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
        return value
    try:
        return check_date(value)
    except TypeError as error:  # pydantic reports ValueErrors as validation errors
        raise ValueError(str(error)) from None


LegalDate: TypeAlias = Annotated[date, BeforeValidator(_legal_date)]
"""A date field: a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string, nothing else."""

DecisionKind: TypeAlias = Literal[
    "refuse_assessment",
    "refuse_plan",
    "plan_finalised",
    "plan_amended",
    "refuse_reassessment",
    "refuse_amendment",
    "cease_plan",
]
"""What the LA decided (the appealable kinds are CFA 2014 s.51(2))."""

Disputed: TypeAlias = Literal[
    "needs", "provision", "placement", "no_placement", "health", "social_care"
]
"""An aspect in dispute: plan Sections B, F or I (or that none is named), health, social care."""

NoticeItem: TypeAlias = Literal[
    "mediation_right",
    "certificate_requirement",
    "adviser_contact_details",
    "mediation_timescales",
    "inform_la_of_mediation",
    "la_contact_details",
]
"""The items SEND Regs 2014 reg 32 requires in a notice, (a) to (f), in that order."""

Issue: TypeAlias = Literal["education", "health", "social_care"]
AgreementOutcome: TypeAlias = Literal["full", "partial", "none"]
CertificateReason: TypeAlias = Literal["declined", "not_arranged", "after_mediation"]
ActionKind: TypeAlias = Literal[
    "assess", "make_plan", "amend_plan", "amend_placement", "continue_plan", "other"
]
"""What a mediation agreement requires: an appealable kind (reg 42(2), done within the reg 44
limits as if the agreement were a Tribunal order) or ``other`` (reg 42(3), 2 weeks)."""
OrderKind: TypeAlias = Literal[
    "dismiss_cease_appeal",
    "assess",
    "reassess",
    "make_plan",
    "remit",
    "amend",
    "amend_placement",
    "continue_plan",
    "continue_and_amend",
]
"""What a Tribunal order requires, SEND Regs 2014 reg 44(2)(a) to (h) in that order."""
ConcessionKind: TypeAlias = Literal[
    "assess", "reassess", "make_plan", "amend", "amend_placement", "cease"
]
"""Which appeal the LA did not oppose (reg 45): CFA 2014 s.51(2)(a)/(d), (b), (c)(i)/(ii) or
(e), (c)(iii)/(iv), (f)."""
ExceptionReason: TypeAlias = Literal[
    "school_closure",
    "early_years_closure",
    "personal_circumstances",
    "absence",
    "missed_appointment",
    "coronavirus",
]
"""The circumstances that statutory exceptions to a time limit name (each list names its own)."""


class EventBase(BaseModel):
    """Fields every event has."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: LegalDate
    """The date the fact happened; for a notice, the date it was sent."""

    may_precede_regime: ClassVar[bool] = False
    """Whether the event may be dated before 1 September 2014 (only a date of birth may)."""


class ChildBorn(EventBase):
    """The child's date of birth (``on``): decides whether the parent or the young person acts.

    The only event that may be dated before 1 September 2014.
    """

    type: Literal["child_born"] = "child_born"
    may_precede_regime: ClassVar[bool] = True


class DecisionNotice(EventBase):
    """The LA sent written notice of a decision (``on`` = the date sent)."""

    type: Literal["decision_notice"] = "decision_notice"
    decision: DecisionKind
    following_review: bool | None = None
    """For ``refuse_amendment``: whether the refusal follows a review or re-assessment."""
    disputed: tuple[Disputed, ...] | None = None
    """What the parent or young person disputes; ``None`` when not yet known."""
    letter_dated: LegalDate | None = None
    """The date printed on the letter, when it differs from the date it was sent."""
    notice_content: tuple[NoticeItem, ...] | None = None
    """Which reg 32 items the notice contained; ``None`` when not recorded."""


class AdviserContacted(EventBase):
    """The parent or young person contacted the mediation adviser (reg 33)."""

    type: Literal["adviser_contacted"] = "adviser_contacted"
    wants_mediation: bool


class MediationRequested(EventBase):
    """The LA received notice that the parent or young person wishes to mediate."""

    type: Literal["mediation_requested"] = "mediation_requested"
    issues: tuple[Issue, ...] | None = None
    """What the mediation is about; ``None`` when not said."""


class HealthNotified(EventBase):
    """The LA notified the ICB (a CCG before 1 July 2022) that mediation issues include health."""

    type: Literal["health_notified"] = "health_notified"


class MediationScheduled(EventBase):
    """The parent or young person was told (``on``) the date and place of the mediation."""

    type: Literal["mediation_scheduled"] = "mediation_scheduled"
    mediation_on: LegalDate
    shorter_notice_agreed: bool = False
    """The parent or young person agreed to less than 5 working days' notice."""


class MediationNotArranged(EventBase):
    """The LA (or ICB) told the adviser it cannot arrange mediation within 30 days."""

    type: Literal["mediation_not_arranged"] = "mediation_not_arranged"


class MediationHeld(EventBase):
    """A mediation concluded."""

    type: Literal["mediation_held"] = "mediation_held"
    agreement: AgreementOutcome


class AgreedAction(BaseModel):
    """One thing a mediation agreement requires."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    what: str = Field(min_length=1)
    kind: ActionKind = "other"
    by: Literal["la", "icb"] = "la"
    agreed_date: LegalDate | None = None
    """A date the parties agreed in writing instead of the statutory time (reg 42(5))."""


class MediationAgreement(EventBase):
    """A written mediation agreement (``on`` = the date of the agreement)."""

    type: Literal["mediation_agreement"] = "mediation_agreement"
    actions: tuple[AgreedAction, ...] = ()
    la_party: bool = True
    """False when the agreement was reached without the LA (health care only): reg 42(4)."""


class AgreedActionCompleted(EventBase):
    """Something a mediation agreement required was done (matched to it by ``what``)."""

    type: Literal["agreed_action_completed"] = "agreed_action_completed"
    what: str = Field(min_length=1)


class AgreementSentToLA(EventBase):
    """The ICB told the LA of an agreement reached without it (reg 42(4))."""

    type: Literal["agreement_sent_to_la"] = "agreement_sent_to_la"


class CertificateIssued(EventBase):
    """A mediation certificate was issued (``on`` = its date of issue)."""

    type: Literal["certificate_issued"] = "certificate_issued"
    reason: CertificateReason


class AppealRegistered(EventBase):
    """The SEND Tribunal received the appeal."""

    type: Literal["appeal_registered"] = "appeal_registered"
    grounds: tuple[Disputed, ...] | None = None


class ExceptionApplied(EventBase):
    """A circumstance that a statutory exception to a time limit names (``on`` to ``to``).

    ``on`` is the first day the circumstance applied and ``to`` its last; for a closure, the
    first and last days the setting was closed. ``rule_ids`` limits it to those rules; without
    it, every limit whose exception list names the ``reason`` is considered.
    """

    type: Literal["exception_applied"] = "exception_applied"
    to: LegalDate
    reason: ExceptionReason
    rule_ids: tuple[str, ...] | None = None

    @field_validator("to")
    @classmethod
    def _ends_after_it_starts(cls, to: date, info: ValidationInfo) -> date:
        # A field validator, so that the error names the field "to" and its value.
        on = info.data.get("on")
        if isinstance(on, date) and to < on:
            raise ValueError(
                f"'to' ({to.isoformat()}) is before 'on' ({on.isoformat()}): "
                "'to' is the last day the circumstance applied"
            )
        return to


class TribunalOrder(EventBase):
    """The SEND Tribunal made an order (``on`` = the date it was made, which reg 44 counts from)."""

    type: Literal["tribunal_order"] = "tribunal_order"
    order: OrderKind
    sent_on: LegalDate | None = None
    """The date the order was sent, when known (gov.uk guidance counts from it); not before
    ``on``."""

    @field_validator("sent_on")
    @classmethod
    def _sent_after_it_is_made(cls, sent_on: date | None, info: ValidationInfo) -> date | None:
        # A field validator, so that the error names the field "sent_on" and its value.
        on = info.data.get("on")
        if sent_on is not None and isinstance(on, date) and sent_on < on:
            raise ValueError(
                f"'sent_on' ({sent_on.isoformat()}) is before 'on' ({on.isoformat()}): an "
                "order is sent on or after the day it is made"
            )
        return sent_on


class AppealConceded(EventBase):
    """The LA notified the Tribunal it will not oppose the appeal (``on``; reg 45(1))."""

    type: Literal["appeal_conceded"] = "appeal_conceded"
    concession: ConcessionKind
    amend: bool = False
    """With ``cease``: the LA also agreed to amend the plan (reg 45(6A)); with
    ``amend_placement``: it must also amend the plan's contents (reg 45(5)(b))."""


class AssessmentAgreed(EventBase):
    """The LA notified the parent or young person that it will make the (re-)assessment."""

    type: Literal["assessment_agreed"] = "assessment_agreed"


class DraftPlanIssued(EventBase):
    """The LA served a draft EHC plan (``on`` = the day it was served)."""

    type: Literal["draft_plan_issued"] = "draft_plan_issued"


class PlanCeased(EventBase):
    """The LA ceased to maintain the EHC plan."""

    type: Literal["plan_ceased"] = "plan_ceased"


AdviceBody: TypeAlias = Literal["educational", "medical", "psychological", "social_care", "other"]
"""Whose advice the LA asked for (SEND Regs 2014 reg 6(1)(b) to (h)), matched request to reply."""
RequestRoute: TypeAlias = Literal["request", "became_responsible"]
"""How the assessment clock started: a request under CFA 2014 s.36(1), or the LA becoming
responsible for the child or young person under s.24."""
TransferKind: TypeAlias = Literal["to_post16", "post16_to_post16", "other"]
"""A transfer between phases (reg 18(1)): from secondary school to a post-16 institution, from one
post-16 institution to another, or any other (early years to school, infant to junior, primary to
secondary, and so on)."""


class AssessmentRequested(EventBase):
    """The LA received a request for an EHC needs assessment (``on``), or became responsible."""

    type: Literal["assessment_requested"] = "assessment_requested"
    route: RequestRoute = "request"


class ReassessmentRequested(EventBase):
    """The LA received a request for a re-assessment of the EHC plan (``on``)."""

    type: Literal["reassessment_requested"] = "reassessment_requested"


class PhaseTransferPlanned(EventBase):
    """A transfer between phases of education is planned (``on`` = the day it was recorded)."""

    type: Literal["phase_transfer_planned"] = "phase_transfer_planned"
    transfer_on: LegalDate
    """The day the child or young person moves to the new phase."""
    kind: TransferKind = "other"


class ReassessmentAgreed(EventBase):
    """The LA notified the parent or young person that it will re-assess (``on``)."""

    type: Literal["reassessment_agreed"] = "reassessment_agreed"


class AdviceRequested(EventBase):
    """The LA asked a body for advice for the assessment (``on`` = the day the request went)."""

    type: Literal["advice_requested"] = "advice_requested"
    body: AdviceBody


class AdviceReceived(EventBase):
    """The LA received advice from a body (matched to its request by ``body``)."""

    type: Literal["advice_received"] = "advice_received"
    body: AdviceBody


class ReviewMeetingHeld(EventBase):
    """A review meeting of the EHC plan was held (``on``).

    The optional dates record the steps around it: the notice of the meeting, the circulation of
    the advice, and the report after it.
    """

    type: Literal["review_meeting_held"] = "review_meeting_held"
    notice_sent_on: LegalDate | None = None
    advice_circulated_on: LegalDate | None = None
    arranged_by: Literal["school", "la"] = "school"
    """``school`` (the head teacher or principal, reg 20) or ``la`` (not at school, reg 21)."""
    report_sent_on: LegalDate | None = None


class ReviewDecision(EventBase):
    """The LA notified its decision after a review: keep the plan as it is, or amend it."""

    type: Literal["review_decision"] = "review_decision"
    outcome: Literal["maintain", "amend"]


class AmendmentNoticeSent(EventBase):
    """The LA sent the proposed amendments to the plan (``on``; reg 22(2)(a))."""

    type: Literal["amendment_notice_sent"] = "amendment_notice_sent"


Event: TypeAlias = Annotated[
    ChildBorn
    | ExceptionApplied
    | AssessmentRequested
    | ReassessmentRequested
    | PhaseTransferPlanned
    | TribunalOrder
    | AppealConceded
    | AssessmentAgreed
    | ReassessmentAgreed
    | AdviceRequested
    | AdviceReceived
    | ReviewMeetingHeld
    | ReviewDecision
    | AmendmentNoticeSent
    | DraftPlanIssued
    | PlanCeased
    | DecisionNotice
    | AdviserContacted
    | MediationRequested
    | HealthNotified
    | MediationScheduled
    | MediationNotArranged
    | MediationHeld
    | MediationAgreement
    | AgreedActionCompleted
    | AgreementSentToLA
    | CertificateIssued
    | AppealRegistered,
    Field(discriminator="type"),
]
"""Any event; pydantic picks the model from its ``type``. The order of the union is the order
facts happen on a single day (an order before the plan that complies with it, a decision before
the mediation it leads to)."""

EVENT_MODELS: dict[str, type[EventBase]] = {
    model.model_fields["type"].default: model for model in get_args(get_args(Event)[0])
}
"""Event models by their ``type``, in the order facts happen on one day (from :data:`Event`)."""

EVENT_RANK: dict[str, int] = {name: rank for rank, name in enumerate(EVENT_MODELS)}


class Case(BaseModel):
    """A case file: ``{"case_id": ..., "events": [...]}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_id: str | None = None
    events: tuple[Event, ...]


_EVENTS = TypeAdapter(list[Event])
_CASE = TypeAdapter(Case)


def event_type(event: EventBase) -> str:
    """The ``type`` of any event (every concrete event model has one).

    >>> event_type(HealthNotified(on=date(2025, 1, 10)))
    'health_notified'
    """
    return event.type  # type: ignore[attr-defined, no-any-return]


def _date_fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A model's date fields, and its fields holding tuples of models (looked up once)."""
    found = _DATE_FIELDS.get(model)
    if found is None:
        dates: list[str] = []
        nested: list[str] = []
        for name, info in model.model_fields.items():
            kinds = (info.annotation, *get_args(info.annotation))
            kinds = (*kinds, *(get_args(k)[0] for k in kinds if get_origin(k) is Annotated))
            if date in kinds:
                dates.append(name)
            elif any(
                isinstance(inner, type) and issubclass(inner, BaseModel)
                for kind in kinds
                for inner in get_args(kind)
            ):
                nested.append(name)
        found = _DATE_FIELDS[model] = (tuple(dates), tuple(nested))
    return found


_DATE_FIELDS: dict[type[BaseModel], tuple[tuple[str, ...], tuple[str, ...]]] = {}
_ON_ONLY = ("on",)


def only_on(model: type[BaseModel]) -> bool:
    """Whether an event model's only date is ``on`` (so :func:`event_dates` needs no lookup).

    >>> only_on(HealthNotified), only_on(TribunalOrder)
    (True, False)
    """
    found = _ONLY_ON_MODELS.get(model)
    if found is None:
        dates, nested = _date_fields(model)
        found = _ONLY_ON_MODELS[model] = dates == _ON_ONLY and not nested
    return found


_ONLY_ON_MODELS: dict[type[BaseModel], bool] = {}


def event_dates(event: EventBase) -> list[tuple[str, date]]:
    """Every date an event carries, with its field name (nested ones by their own name).

    >>> event_dates(TribunalOrder(on=date(2025, 1, 10), order="remit", sent_on=date(2025, 1, 13)))
    [('on', datetime.date(2025, 1, 10)), ('sent_on', datetime.date(2025, 1, 13))]
    """
    if only_on(type(event)):  # most events: one date, always given
        return [("on", event.on)]
    dates, nested = _date_fields(type(event))
    found = [(name, value) for name in dates if (value := getattr(event, name)) is not None]
    for name in nested:
        for item in getattr(event, name):
            item_dates, _ = _date_fields(type(item))
            found.extend(
                (field, value)
                for field in item_dates
                if (value := getattr(item, field)) is not None
            )
    return found


def event_label(event: EventBase) -> str:
    """A short name for an event in messages: ``decision_notice on 2025-01-10``.

    >>> event_label(HealthNotified(on=date(2025, 1, 10)))
    'health_notified on 2025-01-10'
    """
    return f"{event.type} on {event.on.isoformat()}"  # type: ignore[attr-defined]


_NOT_AN_OBJECT = ("model_attributes_type", "dict_type", "model_type")
_DATE_WORDS = ("YYYY-MM-DD", "datetime.date")


def _problem_code(item: ErrorDetails) -> str:
    """The error code (a key of ``ERROR_CODES``) of one pydantic problem within an event."""
    kind = item["type"]
    if kind == "extra_forbidden":
        return "field_unknown"
    if kind == "missing":
        return "field_missing"
    if kind == "recursion_loop":
        return "too_deep"
    if kind.startswith("date_") or (
        kind == "value_error" and any(word in item["msg"] for word in _DATE_WORDS)
    ):
        return "date_not_iso"
    return "event_invalid"


def _describe(errors: Iterable[ErrorDetails], raw: object) -> tuple[str, list[dict[str, Any]]]:
    """One sentence per problem, naming the event (position and type), field and value.

    Also returns the problems structured for :class:`~send_timescales.EventError`: each with its
    ``code``, ``message`` (its sentence), ``event_index``, ``field`` and ``value``.
    """
    problems: list[dict[str, Any]] = []

    def add(code: str, message: str, index: int | None, field: str | None, *value: object) -> None:
        # ``value`` is given only when the problem has one (a missing field has none).
        problem = {"code": code, "message": message, "event_index": index, "field": field}
        problems.append(problem | ({"value": value[0]} if value else {}))

    for item in errors:
        loc = list(item["loc"])
        value = item.get("input")
        where = "events"
        index: int | None = None
        if loc and isinstance(loc[0], int):
            index = loc[0]
            loc.pop(0)
            kind = None
            if isinstance(raw, list) and index < len(raw) and isinstance(raw[index], Mapping):
                kind = raw[index].get("type")
            where = f"event {index}" + (f" ({kind})" if isinstance(kind, str) else "")
            if loc and loc[0] == kind:  # the discriminator's own level
                loc.pop(0)
        if not loc and index is None and item["type"] in ("list_type", "tuple_type"):
            add(
                "events_not_list",
                f"events must be a list (a JSON array) of events, not {short_repr(value)}"
                + (" (a case file? use parse_case)" if isinstance(value, Mapping) else ""),
                None,
                None,
                value,
            )
            continue
        if not loc and item["type"] in _NOT_AN_OBJECT:
            add(
                "event_not_object",
                f"{where}: {short_repr(value)} is not an event: an event is an object with a "
                "'type' and a date 'on'",
                index,
                None,
                value,
            )
            continue
        if item["type"] == "union_tag_invalid":
            tag = (item.get("ctx") or {}).get("tag")
            add(
                "event_type_unknown",
                f"{where}: unknown event type {short_repr(tag)}; known types: "
                + ", ".join(EVENT_MODELS),
                index,
                "type",
                tag,
            )
            continue
        if item["type"] == "union_tag_not_found":
            add("event_type_missing", f"{where}: has no 'type' field", index, "type")
            continue
        field = ".".join(str(part) for part in loc) or "type"
        code = _problem_code(item)
        if code == "field_missing":
            add(code, f"{where}: field {field!r} is required but missing", index, field)
            continue
        message = item["msg"]
        if code == "field_unknown":
            message = "is not a field of this event (unknown fields are rejected)"
        message = message.removeprefix("Value error, ")
        add(code, f"{where}: field {field!r} = {short_repr(value)}: {message}", index, field, value)
    return "; ".join(p["message"] for p in problems), problems


MAX_EVENTS_PER_CASE = 100_000
"""The most events one case may have; :func:`parse_case` and :func:`parse_events` reject more,
before validating any, with an :class:`~send_timescales.EventError` that says so."""

MAX_NESTING_DEPTH = 64
"""The deepest JSON nesting accepted in a case file or an event array (a real case needs 4);
deeper text is rejected before it is parsed, so no input can exhaust the parser's stack."""

_SHOWN_PROBLEMS = 5
"""At most this many problems are listed in one message; the rest are counted."""
_MAX_PROBLEMS = 100
"""At most this many problems are kept for ``errors()``."""
_MESSAGE_CHARS = 1_000
"""No message is longer than this, whatever the input."""
_STRING_PATTERN = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STRINGS = re.compile(_STRING_PATTERN, re.DOTALL)
_STRINGS_BYTES = re.compile(_STRING_PATTERN.encode(), re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_BRACKETS_BYTES = re.compile(rb"[\[\]{}]")
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 80
_SHORT.maxlevel = 2
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4


class _Shown:
    """A value in a message: its ``repr``, shortened so that no input can flood a message."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _SHORT.repr(self.value)


def _shown(item: ErrorDetails) -> ErrorDetails:
    """A pydantic problem whose input (and union tag) print shortened."""
    shown: dict[str, Any] = {**item, "input": _Shown(item.get("input"))}
    if "ctx" in item:
        shown["ctx"] = {key: _Shown(value) for key, value in (item["ctx"] or {}).items()}
    return cast(ErrorDetails, shown)


def _bounded(problems: list[str], total: int) -> str:
    """Join the first problems; count the rest; cap the length."""
    message = "; ".join(problems[:_SHOWN_PROBLEMS])
    if total > _SHOWN_PROBLEMS:
        message += f"; and {total - _SHOWN_PROBLEMS} more problem(s)"
    if len(message) > _MESSAGE_CHARS:
        message = message[: _MESSAGE_CHARS - 30] + f"... ({len(message):,} characters in all)"
    return message


def _check_text(text: str | bytes, what: str) -> None:
    """Reject text nested deeper than :data:`MAX_NESTING_DEPTH` before any JSON parser sees it.

    Only brackets outside JSON strings count. Text with few brackets cannot be too deep, so the
    usual case costs two ``count`` calls.
    """
    if isinstance(text, bytes):
        opening = text.count(b"[") + text.count(b"{")
    else:
        opening = text.count("[") + text.count("{")
    if opening <= MAX_NESTING_DEPTH:
        return
    if isinstance(text, bytes):
        brackets = [
            m.group() in (b"[", b"{")
            for m in _BRACKETS_BYTES.finditer(_STRINGS_BYTES.sub(b'""', text))
        ]
    else:
        brackets = [m.group() in "[{" for m in _BRACKETS.finditer(_STRINGS.sub('""', text))]
    depth = 0
    for opens in brackets:
        depth += 1 if opens else -1
        if depth > MAX_NESTING_DEPTH:
            raise EventError(
                f"{what} nests JSON more than {MAX_NESTING_DEPTH} levels deep (a case needs 4); "
                "it is rejected unread.",
                code="too_deep",
            )


def _too_many(count: int, what: str) -> EventError:
    return EventError(
        f"{what} has {count if count <= MAX_EVENTS_PER_CASE else 'more than'}"
        f"{'' if count <= MAX_EVENTS_PER_CASE else f' {MAX_EVENTS_PER_CASE:,}'} events; "
        f"a case may have at most {MAX_EVENTS_PER_CASE:,} (MAX_EVENTS_PER_CASE).",
        code="too_many_events",
    )


def _json_or_none(text: str | bytes) -> object:
    """The JSON value of ``text`` as pydantic reads it (lone surrogates refused), or ``None``."""
    try:
        _check_text(text, "The text")
        return from_json(text)
    except (ValueError, UnicodeError, RecursionError):
        return None


def _json_problem(error: ValidationError, what: str) -> EventError | None:
    """The :class:`EventError` for text that is not JSON at all (or not Unicode), else ``None``."""
    first = error.errors(include_url=False)[0]
    if first["type"] == "string_unicode":
        return EventError(
            f"{what} not valid Unicode text (it has a lone surrogate).", code="json_invalid"
        )
    if first["type"] != "json_invalid":
        return None
    detail = str((first.get("ctx") or {}).get("error", ""))
    code = "too_deep" if "recursion limit" in detail else "json_invalid"
    return EventError(
        f"{what} not valid JSON: {_bounded([first['msg']], 1)}.",
        code=code,
        value=first["input"],
    )


def _load_large(text: str | bytes, what: str) -> object:
    """Parse text too long to be sure of its event count before validating it."""
    try:
        return from_json(text)
    except ValueError as error:
        raise EventError(
            f"{what} is not valid JSON: {_bounded([str(error)], 1)}.", code="json_invalid"
        ) from None
    except UnicodeError:
        raise EventError(
            f"{what} is not valid Unicode text (it has a lone surrogate).", code="json_invalid"
        ) from None


def _problems(errors: list[ErrorDetails], raw: object) -> EventError:
    """One :class:`EventError` for pydantic's problems: a bounded message, structured entries."""
    shown = [_describe([_shown(p)], raw)[0] for p in errors[:_SHOWN_PROBLEMS]]
    _, problems = _describe(errors[:_MAX_PROBLEMS], raw)
    return EventError(_bounded(shown, len(errors)), problems=problems)


def parse_events(events: Iterable[EventBase | Mapping[str, Any]] | str | bytes) -> list[EventBase]:
    """Events from models, dicts shaped as in the events table of the docs, or a JSON array.

    Raises :class:`~send_timescales.EventError` naming the event (its position and type), the
    field and the value of each problem (at most five are listed; long values are shortened);
    its ``code``, ``event_index``, ``field``, ``value`` and ``errors()`` give the same to
    programs. JSON nested more than :data:`MAX_NESTING_DEPTH` levels deep and more than
    :data:`MAX_EVENTS_PER_CASE` events are rejected before validation.

    >>> parse_events('[{"type": "health_notified", "on": "2025-01-10"}]')
    [HealthNotified(on=datetime.date(2025, 1, 10), type='health_notified')]
    >>> parse_events([{"type": "health_notified", "on": "2025-01-10T09:00:00"}])
    Traceback (most recent call last):
    ...
    send_timescales.errors.EventError: event 0 (health_notified): field 'on' = ...
    >>> parse_events("[" * 100 + "]" * 100)
    Traceback (most recent call last):
    ...
    send_timescales.errors.EventError: The event array nests JSON more than 64 levels deep ...
    """
    if isinstance(events, (str, bytes)):
        _check_text(events, "The event array")
        if len(events) <= 2 * MAX_EVENTS_PER_CASE:  # too short to hold too many events
            try:
                return list(_EVENTS.validate_json(events))
            except ValidationError as error:
                not_json = _json_problem(error, "The events are")
                if not_json is not None:
                    raise not_json from None
                raise _problems(error.errors(include_url=False), _json_or_none(events)) from None
        loaded = _load_large(events, "The events")
        if not isinstance(loaded, list):
            raise EventError(
                "The events must be a JSON array of events; got a JSON "
                f"{type(loaded).__name__.replace('dict', 'object')}.",
                code="events_not_list",
            )
        events = loaded
    if isinstance(events, Mapping) or not isinstance(events, Iterable):
        raise EventError(
            "events must be a list of events (event models or dicts), a JSON array of them, or "
            f"a Case; got {type(events).__name__}"
            + (" (a case file? pass it to parse_case first)" if isinstance(events, Mapping) else "")
            + ".",
            code="events_not_list",
            value=events,
        )
    if isinstance(events, (list, tuple)):
        items = list(events)
    else:
        items = list(islice(events, MAX_EVENTS_PER_CASE + 1))
    if len(items) > MAX_EVENTS_PER_CASE:
        raise _too_many(len(items), "The case")
    if all(isinstance(e, EventBase) for e in items):
        return [e for e in items if isinstance(e, EventBase)]
    try:
        return list(_EVENTS.validate_python(items))
    except ValidationError as error:
        raise _problems(error.errors(include_url=False), items) from None


def parse_case(case: Case | Mapping[str, Any] | str | bytes) -> Case:
    """A case file from a model, a dict or JSON text: ``{"case_id": ..., "events": [...]}``.

    Raises :class:`~send_timescales.EventError` as :func:`parse_events` does, and for text that
    is not JSON, not Unicode, nested more than :data:`MAX_NESTING_DEPTH` levels deep, or with
    more than :data:`MAX_EVENTS_PER_CASE` events.

    >>> parse_case('{"case_id": "A1", "events": []}').case_id
    'A1'
    >>> parse_case('{"case_id": "A1", "events": [' + "[" * 70 + "]" * 70 + "]}")
    Traceback (most recent call last):
    ...
    send_timescales.errors.EventError: The case file nests JSON more than 64 levels deep ...
    """
    if isinstance(case, Case):
        return case
    if isinstance(case, (str, bytes)):
        _check_text(case, "The case file")
        if len(case) > 2 * MAX_EVENTS_PER_CASE:  # long enough to hold too many events
            loaded = _load_large(case, "The case file")
            if not isinstance(loaded, Mapping):
                raise EventError(
                    "A case file must be a JSON object {case_id, events}; got a JSON "
                    f"{type(loaded).__name__.replace('dict', 'object')}.",
                    code="case_invalid",
                )
            case = loaded
    if isinstance(case, Mapping):
        listed = case.get("events")
        if isinstance(listed, (list, tuple)) and len(listed) > MAX_EVENTS_PER_CASE:
            raise _too_many(len(listed), "The case")
    try:
        if isinstance(case, (str, bytes)):
            return _CASE.validate_json(case)
        return _CASE.validate_python(case)
    except ValidationError as error:
        if isinstance(case, (str, bytes)):
            not_json = _json_problem(error, "The case file is")
            if not_json is not None:
                raise not_json from None
        raw = _json_or_none(case) if isinstance(case, (str, bytes)) else case
        events = raw.get("events") if isinstance(raw, Mapping) else None
        sentences: list[str] = []
        problems: list[dict[str, Any]] = []
        found_errors = error.errors(include_url=False)
        for item in found_errors[:_MAX_PROBLEMS]:
            loc = item["loc"]
            if len(loc) > 1 and loc[0] == "events":
                sentence, found = _describe([{**item, "loc": loc[1:]}], events)
                sentences.append(sentence)
                problems.extend(found)
                continue
            value = item.get("input")
            field = ".".join(str(p) for p in loc) or None
            kind = item["type"]
            if field is None:
                code = "case_invalid"
                sentence = (
                    f"case: {short_repr(value)} is not a case file: a case file is an object "
                    '{"case_id": ..., "events": [...]}'
                )
            elif kind == "missing":
                code, sentence = "field_missing", f"case: field {field!r} is missing"
            elif kind == "extra_forbidden":
                code = "field_unknown"
                sentence = (
                    f"case: field {field!r} = {short_repr(value)}: is not a field of a case file "
                    "(its fields are case_id and events)"
                )
            elif field == "events":
                code = "events_not_list"
                sentence = f"case: field 'events' = {short_repr(value)}: must be a list of events"
            else:
                code = _problem_code(item)
                code = "case_invalid" if code == "event_invalid" else code
                sentence = f"case: field {field!r} = {short_repr(value)}: {item['msg']}"
            sentences.append(sentence)
            problem = {"code": code, "message": sentence, "field": field}
            problems.append(problem if code == "field_missing" else problem | {"value": value})
        raise EventError(_bounded(sentences, len(found_errors)), problems=problems) from None
