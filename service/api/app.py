"""The FastAPI app: settings and engine loaded once, routers by area, security middleware."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ingest.corpus import CorpusError
from ingest.embeddings import EmbeddingConfigError
from ingest.index import IndexNotReady
from service.api import (
    routes_answers,
    routes_ask,
    routes_catalogue,
    routes_docs,
    routes_feedback,
    routes_health,
    routes_insights,
    routes_pages,
    routes_search,
)
from service.api.rendering import WEB_DIR
from service.api.security import BodySizeLimit, SecurityHeaders
from service.api.throttle import ConcurrencyCap, Limiter, RateLimit
from service.engine import Engine
from service.feedback import FeedbackStore
from service.feedback_access import DatabaseUnavailable, FeedbackAccess
from service.llm.chat import LLMConfigError
from service.privacy import install_log_filters
from service.settings import Settings

log = logging.getLogger(__name__)


def _error(status: int, message: str, details: list[dict[str, object]] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "details": details or []}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, object]]]:
    errors = exc.errors()
    details = [{"field": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")} for e in errors]
    if any(e.get("type") == "json_invalid" for e in errors):
        return 'request body is not valid JSON; send a JSON object such as {"question": "..."}', details
    first = details[0] if details else {"field": "request", "problem": "invalid"}
    return f"invalid {first['field']}: {first['problem']}", details


def create_app(
    settings: Settings | None = None, engine: Engine | None = None, feedback: FeedbackStore | None = None
) -> FastAPI:
    """Build the app. The engine and feedback store are opened at start-up unless given (tests share them)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.feedback.store()  # open now if the database answers; a dead one costs recording, not answers
        if app.state.engine is None:
            try:
                app.state.engine = Engine.load(settings)
            except (IndexNotReady, CorpusError, EmbeddingConfigError, LLMConfigError) as exc:
                app.state.load_error = str(exc)
                log.error("not ready: %s", exc)
        yield

    app = FastAPI(
        title="shien",
        version="0.1.0",
        description="Business-support measures of Setagaya ward, answered from its economic development vision.",
        lifespan=lifespan,
        docs_url=None,  # served by routes_docs from local Swagger UI assets (the CSP allows no CDN)
        redoc_url=None,
    )
    limiter = Limiter(settings)
    app.state.settings = settings
    app.state.limiter = limiter
    app.state.engine = engine
    app.state.feedback = FeedbackAccess(
        lambda: FeedbackStore(settings.feedback_url(), settings.retention_days), store=feedback
    )
    app.state.load_error = ""

    for router in (
        routes_ask.router,
        routes_search.router,
        routes_catalogue.router,
        routes_health.router,
        routes_feedback.router,
        routes_insights.router,
        routes_answers.router,
        routes_pages.router,
        routes_docs.router,
    ):
        app.include_router(router)
    # Before /static, which would otherwise match these paths.
    app.mount(routes_docs.ASSETS_PREFIX, StaticFiles(directory=routes_docs.swagger_ui_dir()), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = _validation_message(exc)
        return _error(422, message, details)

    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        access: FeedbackAccess = request.app.state.feedback
        access.failed(exc)
        message, headers = access.unavailable()
        response = _error(503, message)
        response.headers.update(headers)
        return response

    for unavailable in DatabaseUnavailable:
        app.add_exception_handler(unavailable, database_unavailable)

    # Starlette's class: it also covers unknown routes (404) and methods (405), and the body-size 413.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or API route at {request.url.path}; the API is listed at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; see /docs"
        response = _error(exc.status_code, message)
        response.headers.update(exc.headers or {})
        return response

    # Innermost first (each add wraps the ones before): the concurrency cap, then the rate limit (before a body
    # is read), the body cap, CORS (so 429 and 503 carry its headers), the security headers and error shape on
    # everything, and outermost the forwarded client address when the peer is a trusted proxy.
    app.add_middleware(ConcurrencyCap, limit=settings.max_concurrent_requests, wait_s=settings.queue_timeout_s)
    app.add_middleware(RateLimit, limiter=limiter)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, read_timeout_s=settings.body_timeout_s)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.embed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "accept"],
        expose_headers=["retry-after"],
        allow_credentials=False,
    )
    app.add_middleware(SecurityHeaders, embed_origins=settings.embed_origins)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    install_log_filters()
    return app
