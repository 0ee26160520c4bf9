"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ingest.catalogue import Catalogue, Indicator, Measure
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


class PlacementOut(BaseModel):
    """A row placing a measure under an initiative."""

    initiative: str
    initiative_title: str
    goal: int
    goal_title: str
    policy: int
    policy_title: str
    name: str
    reprint: bool
    lines: list[int]


class MeasureSummary(BaseModel):
    """A measure as listed by GET /api/measures."""

    id: str
    name: str
    description: str
    initiatives: list[str]
    goals: list[int]
    policies: list[int]
    indicators: list[Indicator]


class MeasureDetail(MeasureSummary):
    """One measure with every placement and its source lines."""

    placements: list[PlacementOut]
    source: dict[str, Any]


class InitiativeOut(BaseModel):
    code: str
    title: str
    goal: int
    goal_title: str
    policy: int
    bullets: list[str]
    measures: list[str]


def measure_summary(measure: Measure, catalogue: Catalogue) -> MeasureSummary:
    """The listing view of a measure."""
    initiatives = [i for code in measure.initiatives if (i := catalogue.initiative(code))]
    return MeasureSummary(
        id=measure.id,
        name=measure.name,
        description=measure.description,
        initiatives=measure.initiatives,
        goals=sorted({i.goal for i in initiatives}),
        policies=sorted({i.policy for i in initiatives}),
        indicators=measure.indicators,
    )


def measure_detail(measure: Measure, catalogue: Catalogue) -> MeasureDetail:
    """The full view of a measure: placements with goal and policy titles, and its source."""
    placements = [
        PlacementOut(
            initiative=p.initiative.code,
            initiative_title=p.initiative.title,
            goal=p.initiative.goal,
            goal_title=p.goal_title,
            policy=p.initiative.policy,
            policy_title=p.policy_title,
            name=p.row.name,
            reprint=p.row.reprint,
            lines=[p.row.span.first_line, p.row.span.last_line],
        )
        for p in catalogue.placements(measure)
    ]
    doc = catalogue.document(measure.span.document)
    summary = measure_summary(measure, catalogue)
    return MeasureDetail(
        **summary.model_dump(),
        placements=placements,
        source={
            "document": measure.span.document,
            "title": doc.title if doc else "",
            "attribution": doc.attribution if doc else "",
            "file": measure.span.file,
            "lines": [measure.span.first_line, measure.span.last_line],
        },
    )
