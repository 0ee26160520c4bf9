"""GET /api/search: ranked hits from the hybrid retriever."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from service.api.deps import EngineDep, SettingsDep
from service.api.facets import check_facets
from service.api.schemas import ErrorResponse
from service.api.validation import check_question
from service.search.retrieval import Filters

router = APIRouter(prefix="/api", tags=["search"])


@router.get(
    "/search",
    operation_id="search",
    responses={422: {"model": ErrorResponse}, 429: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
async def search(
    engine: EngineDep,
    settings: SettingsDep,
    q: Annotated[str, Query(description="The question or keywords")],
    k: Annotated[int, Query(ge=1, le=50)] = 10,
    policy: Annotated[int | None, Query(ge=1, description="A policy number of the catalogue")] = None,
    goal: Annotated[int | None, Query(ge=1, description="A goal number of the catalogue")] = None,
    initiative: Annotated[str | None, Query(pattern=r"^\d{1,2}-\d{1,2}$")] = None,
    kind: Annotated[Literal["measure", "initiative", "section"] | None, Query()] = None,
) -> dict[str, Any]:
    """Hits as `shien search --json` prints them."""
    question = check_question(q, settings)
    check_facets(engine.catalogue, policy, goal, initiative)
    filters = Filters(policy=policy, goal=goal, initiative=initiative, kind=kind)
    hits = await run_in_threadpool(engine.search, question, k, filters)
    return {"query": question, "hits": [h.to_json() for h in hits]}
