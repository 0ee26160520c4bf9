"""POST /api/ask: a grounded answer, as JSON or as server-sent events."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from service.answer.model import Answer
from service.api.deps import EngineDep, FeedbackAccessDep, SettingsDep
from service.api.schemas import AskRequest, ErrorResponse
from service.api.streaming import sse_stream
from service.api.validation import check_question
from service.feedback_access import DatabaseUnavailable, FeedbackAccess
from service.llm.generation import Event

router = APIRouter(prefix="/api", tags=["answers"])


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
    engine: EngineDep,
    settings: SettingsDep,
    feedback: FeedbackAccessDep,
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


def recorded(events: Iterator[Event], question: str, feedback: FeedbackAccess) -> Iterator[Event]:
    """Pass events through, storing the final answer and giving it the id to rate it by.

    Runs in a worker thread. While the feedback database cannot be reached the answer goes out unrecorded,
    without an id (the chat then shows no rating or print buttons).
    """
    for event in events:
        if event.kind == "final" and event.answer is not None:
            event = Event(
                "final",
                answer=event.answer.model_copy(update={"interaction_id": _record(question, event.answer, feedback)}),
            )
        yield event


def _record(question: str, answer: Answer, feedback: FeedbackAccess) -> str | None:
    store = feedback.store()
    if store is None:
        return None
    try:
        interaction_id = store.record(question, answer)
    except DatabaseUnavailable as exc:
        feedback.failed(exc)
        return None
    feedback.succeeded()
    return interaction_id


def final_answer(events: Iterator[Event]) -> Answer:
    """The final answer of an event stream."""
    for event in events:
        if event.kind == "final" and event.answer is not None:
            return event.answer
    raise RuntimeError("the answer stream ended without a final answer")
