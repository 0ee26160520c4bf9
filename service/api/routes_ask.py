"""POST /api/ask: a grounded answer, as JSON or as server-sent events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.answer import Answer
from service.api.deps import get_engine, get_settings
from service.api.schemas import AskRequest, ErrorResponse
from service.api.streaming import sse_stream
from service.engine import Engine
from service.settings import Settings

router = APIRouter(prefix="/api", tags=["answers"])


def check_question(question: str, settings: Settings) -> str:
    """The trimmed question, or a 422 that says what is wrong with it."""
    text = question.strip()
    if not text:
        raise HTTPException(status_code=422, detail="question is empty; type a question")
    if len(text) > settings.max_question_chars:
        raise HTTPException(
            status_code=422,
            detail=f"question is too long ({len(text)} characters); the limit is {settings.max_question_chars}",
        )
    return text


@router.post(
    "/ask",
    operation_id="ask",
    response_model=Answer,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Answer JSON, or SSE when Accept: text/event-stream",
        },
        422: {"model": ErrorResponse},
        429: {"model": ErrorResponse},
    },
)
async def ask(
    body: AskRequest,
    request: Request,
    engine: Annotated[Engine, Depends(get_engine)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Answer | StreamingResponse:
    """Answer a question from the vision, citing the measures it rests on."""
    question = check_question(body.question, settings)
    if "text/event-stream" in request.headers.get("accept", ""):
        # A sync iterator: Starlette runs it in a worker thread, so generation never blocks the loop.
        return StreamingResponse(
            sse_stream(engine.answer_events(question, body.history, body.lang)),
            media_type="text/event-stream",
            headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
        )
    return await run_in_threadpool(engine.answer, question, body.history, body.lang)
