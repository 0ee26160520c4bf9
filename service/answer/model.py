"""The `Answer` a user gets, with its citations: the same JSON for the CLI, the API and the pages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ingest.card import CardIndicator, MeasureCard
from service.inputs import SafeStr
from service.settings import Settings

AnswerKind = Literal["measure", "number", "overview", "list", "clarify", "none"]
"""measure: measures for a need; number: printed targets; overview: a policy, goal or initiative;
list: every measure of a kind, from the catalogue; clarify: the question is too broad, pick a purpose;
none: the vision does not cover the question (or does not print the detail asked)."""


class CitedInitiative(BaseModel):
    """An initiative a cited measure is placed under, with its goal and policy."""

    code: str
    title: str
    title_en: str = ""
    goal: int
    goal_title: str
    goal_title_en: str = ""
    policy: int
    policy_title: str
    policy_title_en: str = ""
    reprint: bool = Field(description="True when the measure is listed here as 【再掲】")


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
    name: str = Field(description="The official name as printed")
    description: str = Field(description="事業内容 as printed")
    name_en: str = Field("", description="Unofficial reference translation of the name (参考訳)")
    summary_en: str = Field("", description="Unofficial reference translation of the 事業内容 (参考訳)")
    audience: str = Field("", description="Who the measure is for, in the answer's language")
    reason: str = Field("", description="Why this measure is cited, in words a user understands")
    primary: bool = Field(True, description="False for related measures and the desk pointer (shown collapsed)")
    initiatives: list[CitedInitiative]
    indicators: list[CardIndicator] = Field(description="Targets exactly as printed (「－」 = no target)")
    source: Source


class Turn(BaseModel):
    """One previous turn of the conversation."""

    role: Literal["user", "assistant"]
    text: SafeStr = Field(max_length=4000)
    measure_ids: list[str] = Field(default_factory=list, max_length=20)
    kind: AnswerKind | None = Field(None, description='An assistant turn\'s answer kind; "clarify" for an ask back')
    abstained: bool | None = Field(None, description="An assistant turn's `abstained` (closest targets, not stated)")


class Desk(BaseModel):
    """The consultation desk to point to (from settings; fields shown only when set)."""

    name: str = ""
    phone: str = ""
    hours: str = ""
    url: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Desk:
        """The desk the `SHIEN_DESK_*` settings name (empty fields when they are unset)."""
        return cls(name=settings.desk_name, phone=settings.desk_phone, hours=settings.desk_hours, url=settings.desk_url)

    @property
    def configured(self) -> bool:
        """True when the settings name a desk (a name, a phone number or a URL)."""
        return bool(self.name or self.phone or self.url)


class NextStep(BaseModel):
    """What to do after reading the answer: the desk to contact, or a page to open."""

    text: str
    url: str | None = None


class Clarification(BaseModel):
    """A purpose the user can pick to narrow a broad question; `question` is what the chip sends."""

    label: str
    question: str


class Answer(BaseModel):
    """A composed answer: text with [n] markers, its citations and how it was made."""

    text: str
    lang: Literal["ja", "en"]
    kind: AnswerKind
    abstained: bool = Field(description="True when the vision does not answer what was asked (closest measures only)")
    citations: list[Citation]
    lead: str = Field("", description="The one sentence that answers the question")
    next_step: NextStep | None = Field(None, description="What to do now")
    clarify: list[Clarification] = Field(default_factory=list, description="Purposes to pick (kind clarify)")
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


def exchange(question: str, answer: Answer) -> list[Turn]:
    """A question and its answer as the chat sends them back as history (at most the 20 measure ids a turn holds)."""
    return [
        Turn(role="user", text=question),
        Turn(
            role="assistant",
            text=answer.text,
            measure_ids=[c.measure_id for c in answer.citations][:20],
            kind=answer.kind,
            abstained=answer.abstained,
        ),
    ]


def cite(n: int, card: MeasureCard, lang: str, reason: str = "", primary: bool = True) -> Citation:
    """The citation of a measure's card under marker [n], in the answer's language."""
    return Citation(
        n=n,
        measure_id=card.id,
        name=card.name,
        description=card.description,
        name_en=card.name_en,
        summary_en=card.summary_en,
        audience=card.audience(lang),
        reason=reason,
        primary=primary,
        initiatives=[
            CitedInitiative(
                code=p.initiative,
                title=p.initiative_title,
                title_en=p.initiative_title_en,
                goal=p.goal,
                goal_title=p.goal_title,
                goal_title_en=p.goal_title_en,
                policy=p.policy,
                policy_title=p.policy_title,
                policy_title_en=p.policy_title_en,
                reprint=p.reprint,
            )
            for p in card.placements
        ],
        indicators=card.indicators,
        source=Source(
            document=card.source.document,
            title=card.source.title,
            attribution=card.source.attribution,
            lines=card.source.lines,
        ),
    )
