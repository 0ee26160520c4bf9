"""Shared objects for the routes, taken from the app's state (loaded once at start-up)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from service.engine import Engine
from service.feedback import FeedbackStore
from service.feedback_access import FeedbackAccess
from service.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    """The loaded engine, or 503 saying how to build the index."""
    engine: Engine | None = request.app.state.engine
    if engine is None:
        reason = request.app.state.load_error or "the service is starting"
        raise HTTPException(status_code=503, detail=f"not ready: {reason}")
    # A clock check on most requests; every few seconds it looks for a newer index from a re-ingest.
    await run_in_threadpool(engine.refresh)
    return engine


def get_feedback(request: Request) -> FeedbackStore:
    """The feedback store, or 503 while its database cannot be reached (a sync dependency: run in a thread)."""
    access: FeedbackAccess = request.app.state.feedback
    store = access.store()
    if store is None:
        message, headers = access.unavailable()
        raise HTTPException(status_code=503, detail=message, headers=headers)
    return store


def get_feedback_access(request: Request) -> FeedbackAccess:
    """The feedback store's access, for routes that work on without it (answers)."""
    access: FeedbackAccess = request.app.state.feedback
    return access


EngineDep = Annotated[Engine, Depends(get_engine)]
"""The loaded engine, as a route parameter type."""
SettingsDep = Annotated[Settings, Depends(get_settings)]
"""The settings, as a route parameter type."""
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
"""The feedback store, as a route parameter type."""
FeedbackAccessDep = Annotated[FeedbackAccess, Depends(get_feedback_access)]
"""The feedback store's access (the store may be unavailable), as a route parameter type."""
