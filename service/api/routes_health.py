"""Liveness and readiness."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ingest.corpus import CorpusError
from ingest.index import IndexNotReady
from service.api.throttle import Limiter
from service.feedback_access import FeedbackAccess

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="healthz")
async def healthz() -> dict[str, str]:
    """The process is alive. Runs on the event loop itself, so a full thread pool cannot starve it."""
    return {"status": "ok"}


async def _llm_probe(request: Request) -> tuple[bool, str]:
    """The LLM endpoint's reachability, probed at most once per SHIEN_LLM_PROBE_CACHE_S."""
    engine = request.app.state.engine
    ttl = engine.settings.llm_probe_cache_s
    cached: tuple[float, bool, str] | None = getattr(request.app.state, "llm_probe", None)
    if cached is not None and time.monotonic() - cached[0] < ttl:
        return cached[1], cached[2]
    reachable, detail = await run_in_threadpool(engine.generator.chat.reachable)
    request.app.state.llm_probe = (time.monotonic(), reachable, detail)
    return reachable, detail


@router.get("/readyz", operation_id="readyz", response_model=None)
async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    """The index is loaded and matches the corpus and embedder.

    "degraded" while rate limits cannot reach Redis or answers cannot be recorded (the feedback database).
    """
    engine = request.app.state.engine
    if engine is None:
        message = request.app.state.load_error or "the service is starting"
        return JSONResponse({"status": "not ready", "error": {"message": message, "details": []}}, status_code=503)
    try:
        active = await run_in_threadpool(engine.active_index)
    except (IndexNotReady, CorpusError) as exc:
        return JSONResponse({"status": "not ready", "error": {"message": str(exc), "details": []}}, status_code=503)
    loaded = engine.retriever.info
    llm: dict[str, Any] = {"provider": engine.settings.llm_provider}
    if engine.generator is not None:
        reachable, detail = await _llm_probe(request)
        llm |= {"reachable": reachable, "detail": detail}
    limiter: Limiter = request.app.state.limiter
    limits = limiter.status()
    feedback: FeedbackAccess = request.app.state.feedback
    return {
        "status": "degraded" if limits.degraded or feedback.problem else "ready",
        "index": {"collection": loaded.collection, "built_at": loaded.built_at, "documents": loaded.documents},
        "active_collection": active.collection,
        "embedder": loaded.embedder_id,
        "llm": llm,
        "rate_limits": {"store": limits.store, "degraded": limits.degraded, "detail": limits.detail},
        "feedback": {"degraded": bool(feedback.problem), "detail": feedback.problem},
    }
