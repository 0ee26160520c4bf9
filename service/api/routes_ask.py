"""POST /api/ask: a grounded answer, as JSON or as server-sent events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.answer.model import Answer
from service.api.deps import get_engine, get_feedback, get_settings
from service.api.schemas import AskRequest, ErrorResponse
from service.api.streaming import sse_stream
from service.engine import Engine
from service.feedback import FeedbackStore
from service.inputs import text_problem
from service.llm.generation import Event
from service.settings import Settings

router = APIRouter(prefix="/api", tags=["answers"])


def check_question(question: str, settings: Settings) -> str:
    """The trimmed question, or a 422 that says what is wrong with it."""
    problem = text_problem(question)
    if problem:
        raise HTTPException(status_code=422, detail=f"question {problem}")
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
        429: {"model": ErrorResponse, "description": "Rate limit; see Retry-After"},
        503: {"model": ErrorResponse, "description": "Busy or not ready; see Retry-After"},
    },
)
async def ask(
    body: AskRequest,
    request: Request,
    engine: Annotated[Engine, Depends(get_engine)],
    settings: Annotated[Settings, Depends(get_settings)],
    feedback: Annotated[FeedbackStore, Depends(get_feedback)],
) -> Answer | StreamingResponse:
    """Answer a question from the vision, citing the measures it rests on."""
    question = check_question(body.question, settings)
    events = recorded(engine.answer_events(question, body.history, body.lang), question, feedback)
    if "text/event-stream" in request.headers.get("accept", ""):
        # A sync iterator: Starlette runs it in a worker thread, so generation never blocks the loop.
        return StreamingResponse(
            sse_stream(events),
            media_type="text/event-stream",
            headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
        )
    return await run_in_threadpool(final_answer, events)


def recorded(events: Iterator[Event], question: str, feedback: FeedbackStore) -> Iterator[Event]:
    """Pass events through, storing the final answer and giving it the id to rate it by."""
    for event in events:
        if event.kind == "final" and event.answer is not None:
            interaction_id = feedback.record(question, event.answer)
            event = Event("final", answer=event.answer.model_copy(update={"interaction_id": interaction_id}))
        yield event


def final_answer(events: Iterator[Event]) -> Answer:
    """The final answer of an event stream."""
    for event in events:
        if event.kind == "final" and event.answer is not None:
            return event.answer
    raise RuntimeError("the answer stream ended without a final answer")
