"""The `Answer` a user gets, with its citations: the same JSON for the CLI, the API and the pages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ingest.catalogue import Catalogue, Measure
from service.inputs import SafeStr

AnswerKind = Literal["measure", "number", "overview", "none"]


class CitedInitiative(BaseModel):
    """An initiative a cited measure is placed under, with its goal and policy."""

    code: str
    title: str
    goal: int
    goal_title: str
    policy: int
    policy_title: str
    reprint: bool = Field(description="True when the measure is listed here as 【再掲】")


class CitedIndicator(BaseModel):
    """An indicator with its targets exactly as printed (「－」 = no target)."""

    label: str
    r6: str
    r9: str
    r13: str
    unit: str


class Source(BaseModel):
    """Where the cited row stands in the corpus."""

    document: str
    title: str = ""
    attribution: str = ""
    lines: list[int] = Field(description="[first, last], 1-based, inclusive")


class Citation(BaseModel):
    """The measure behind a marker [n] in the answer text."""

    n: int
    measure_id: str
    name: str
    description: str
    initiatives: list[CitedInitiative]
    indicators: list[CitedIndicator]
    source: Source


class Turn(BaseModel):
    """One previous turn of the conversation."""

    role: Literal["user", "assistant"]
    text: SafeStr = Field(max_length=4000)
    measure_ids: list[str] = Field(default_factory=list, max_length=20)


class Desk(BaseModel):
    """The consultation desk to point to (from settings; fields shown only when set)."""

    name: str = ""
    phone: str = ""
    hours: str = ""
    url: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.name or self.phone or self.url)


class Answer(BaseModel):
    """A composed answer: text with [n] markers, its citations and how it was made."""

    text: str
    lang: Literal["ja", "en"]
    kind: AnswerKind
    abstained: bool
    citations: list[Citation]
    follow_ups: list[str] = Field(default_factory=list, description="Suggested next questions")
    desk: Desk | None = None
    generated: bool = Field(False, description="True when an LLM wrote the text (and it passed verification)")
    fallback_reason: str | None = Field(
        None,
        description="Why the LLM text was not served, as a short code (timeout, unreachable, model_error, "
        "prompt_leak, empty_answer, no_citation, wrong_language, unverified_number, unverified_contact, "
        "unverified_name, unverified_marker, personal_data_request); details only in the log",
    )
    interaction_id: str | None = Field(None, description="Id to rate this answer by (POST /api/feedback)")


def cite(n: int, measure: Measure, catalogue: Catalogue) -> Citation:
    """A citation for a measure: every placement with its goal and policy, and its source lines."""
    initiatives = [
        CitedInitiative(
            code=p.initiative.code,
            title=p.initiative.title,
            goal=p.initiative.goal,
            goal_title=p.goal_title,
            policy=p.initiative.policy,
            policy_title=p.policy_title,
            reprint=p.row.reprint,
        )
        for p in catalogue.placements(measure)
    ]
    doc = catalogue.document(measure.span.document)
    return Citation(
        n=n,
        measure_id=measure.id,
        name=measure.name,
        description=measure.description,
        initiatives=initiatives,
        indicators=[
            CitedIndicator(label=i.label, r6=i.r6, r9=i.r9, r13=i.r13, unit=i.unit) for i in measure.indicators
        ],
        source=Source(
            document=measure.span.document,
            title=doc.title if doc else "",
            attribution=doc.attribution if doc else "",
            lines=[measure.span.first_line, measure.span.last_line],
        ),
    )
