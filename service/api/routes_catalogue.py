"""The catalogue: measures (filterable), one measure, initiatives, everything."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from service.api.deps import EngineDep
from service.api.facets import check_facets
from service.api.listing import filter_measures
from service.api.schemas import (
    ErrorResponse,
    InitiativeOut,
    MeasureDetail,
    MeasureSummary,
    measure_detail,
)

router = APIRouter(prefix="/api", tags=["catalogue"])


@router.get(
    "/measures",
    operation_id="list_measures",
    response_model=list[MeasureSummary],
    responses={422: {"model": ErrorResponse}},
)
def list_measures(
    engine: EngineDep,
    policy: Annotated[int | None, Query(ge=1, description="A policy number of the catalogue")] = None,
    goal: Annotated[int | None, Query(ge=1, description="A goal number of the catalogue")] = None,
    initiative: Annotated[str | None, Query(pattern=r"^\d{1,2}-\d{1,2}$")] = None,
) -> list[MeasureSummary]:
    """Every distinct measure, optionally filtered by policy, goal or initiative."""
    check_facets(engine.catalogue, policy, goal, initiative)
    return filter_measures(engine, policy, goal, initiative)


@router.get(
    "/measures/{measure_id}",
    operation_id="get_measure",
    response_model=MeasureDetail,
    responses={404: {"model": ErrorResponse}},
)
def get_measure(measure_id: str, engine: EngineDep) -> MeasureDetail:
    """One measure with every placement and its source lines."""
    card = engine.cards.card(measure_id)
    if card is None:
        raise HTTPException(status_code=404, detail=f"no measure with id {measure_id!r}; list ids at /api/measures")
    return measure_detail(card)


@router.get("/initiatives", operation_id="list_initiatives", response_model=list[InitiativeOut])
def list_initiatives(engine: EngineDep) -> list[InitiativeOut]:
    """Every initiative with their goal and the measures placed under each."""
    cat = engine.catalogue
    out = []
    for i in cat.initiatives:
        goal = cat.goal(i.goal)
        out.append(
            InitiativeOut(
                code=i.code,
                title=i.title,
                goal=i.goal,
                goal_title=goal.title if goal else "",
                policy=i.policy,
                bullets=i.bullets,
                measures=[r.measure_id for r in cat.rows if r.initiative == i.code],
            )
        )
    return out


@router.get("/catalogue", operation_id="get_catalogue")
def get_catalogue(engine: EngineDep) -> dict[str, Any]:
    """The whole catalogue, as `shien catalogue --json` prints it."""
    return engine.catalogue.model_dump(mode="json")
