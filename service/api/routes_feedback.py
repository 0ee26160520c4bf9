"""POST /api/feedback: a rating of an answer (helpful or not, optional comment)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from service.api.deps import FeedbackDep
from service.api.schemas import ErrorResponse
from service.feedback import UnknownInteraction
from service.inputs import SafeStr

router = APIRouter(prefix="/api", tags=["feedback"])


class FeedbackRequest(BaseModel):
    """A rating; `interaction_id` comes from the answer being rated."""

    interaction_id: SafeStr = Field(min_length=1, max_length=64)
    helpful: bool
    comment: SafeStr = Field("", max_length=1000)


@router.post(
    "/feedback",
    operation_id="rate_answer",
    status_code=201,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 429: {"model": ErrorResponse}},
)
async def rate_answer(body: FeedbackRequest, feedback: FeedbackDep) -> dict[str, str]:
    """Store the rating of an answer; rating the same answer again replaces the earlier rating."""
    try:
        await run_in_threadpool(feedback.rate, body.interaction_id, body.helpful, body.comment.strip())
    except UnknownInteraction:
        raise HTTPException(
            status_code=404, detail=f"no answer with interaction_id {body.interaction_id!r}; rate the id an answer gave"
        ) from None
    return {"status": "stored"}
