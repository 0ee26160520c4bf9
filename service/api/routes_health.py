"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ingest.corpus import CorpusError
from ingest.index import IndexNotReady

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="readyz", response_model=None)
def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    """The index is loaded and matches the corpus and embedder."""
    engine = request.app.state.engine
    if engine is None:
        message = request.app.state.load_error or "the service is starting"
        return JSONResponse({"status": "not ready", "error": {"message": message, "details": []}}, status_code=503)
    try:
        active = engine.active_index()
    except (IndexNotReady, CorpusError) as exc:
        return JSONResponse({"status": "not ready", "error": {"message": str(exc), "details": []}}, status_code=503)
    loaded = engine.retriever.info
    llm: dict[str, Any] = {"provider": engine.settings.llm_provider}
    if engine.generator is not None:
        reachable, detail = engine.generator.chat.reachable()
        llm |= {"reachable": reachable, "detail": detail}
    return {
        "status": "ready",
        "index": {"collection": loaded.collection, "built_at": loaded.built_at, "documents": loaded.documents},
        "active_collection": active.collection,
        "embedder": loaded.embedder_id,
        "llm": llm,
    }
