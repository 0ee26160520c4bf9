"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ingest.card import CardIndicator, CardPlacement, CardSource, MeasureCard
from service.answer.model import Turn


class AskRequest(BaseModel):
    """POST /api/ask. The question's length limit comes from settings (checked by the route)."""

    question: str = Field(description="The user's question, Japanese or English")
    history: list[Turn] = Field(default_factory=list, max_length=20, description="Previous turns, oldest first")
    lang: Literal["ja", "en"] | None = Field(None, description="Answer language; detected from the question if unset")


class ErrorBody(BaseModel):
    """Every error: a message that says what to fix."""

    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class MeasureSummary(BaseModel):
    """A measure as listed by GET /api/measures."""

    id: str
    name: str
    description: str
    name_en: str = Field("", description="Unofficial reference translation of the name (参考訳)")
    summary_en: str = Field("", description="Unofficial reference translation of the 事業内容 (参考訳)")
    audience_ja: str = ""
    audience_en: str = ""
    initiatives: list[str]
    goals: list[int]
    policies: list[int]
    indicators: list[CardIndicator]


class MeasureDetail(MeasureSummary):
    """One measure with every placement and its source lines."""

    placements: list[CardPlacement]
    source: CardSource


class InitiativeOut(BaseModel):
    code: str
    title: str
    goal: int
    goal_title: str
    policy: int
    bullets: list[str]
    measures: list[str]


def measure_summary(card: MeasureCard) -> MeasureSummary:
    """The listing view of a measure's card."""
    return MeasureSummary.model_validate(card.model_dump(include=set(MeasureSummary.model_fields)))


def measure_detail(card: MeasureCard) -> MeasureDetail:
    """The full view of a measure's card: placements with goal and policy titles, and its source."""
    return MeasureDetail.model_validate(card.model_dump(include=set(MeasureDetail.model_fields)))
