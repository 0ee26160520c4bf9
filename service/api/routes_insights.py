"""/insights for staff, behind SHIEN_STAFF_TOKEN: unanswered questions, most asked measures, poor ratings."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from service.api.deps import get_engine, get_feedback, get_settings
from service.api.routes_pages import Lang, csv_response, page
from service.engine import Engine
from service.feedback import FeedbackStore
from service.settings import Settings

router = APIRouter(include_in_schema=False)
COOKIE = "shien_staff"


def _token(settings: Settings) -> str:
    token = settings.staff_token.get_secret_value()
    if not token:
        raise HTTPException(status_code=404, detail="the insights page is off; set SHIEN_STAFF_TOKEN to turn it on")
    return token


def _cookie_value(token: str) -> str:
    return hmac.new(token.encode(), b"shien-staff-session", hashlib.sha256).hexdigest()


def is_staff(request: Request, settings: Settings) -> bool:
    """True with the staff cookie, or with `Authorization: Bearer <token>`."""
    token = _token(settings)
    cookie = request.cookies.get(COOKIE, "")
    bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(cookie, _cookie_value(token)) or (bool(bearer) and hmac.compare_digest(bearer, token))


def require_staff(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """401 unless the request comes from staff."""
    if not is_staff(request, settings):
        raise HTTPException(status_code=401, detail="staff only: sign in at /insights or send Authorization: Bearer")


class Login(BaseModel):
    token: str = Field(min_length=1, max_length=500)


@router.post("/insights/login")
def login(body: Login, settings: Annotated[Settings, Depends(get_settings)]) -> JSONResponse:
    """Check the staff token and set the staff cookie."""
    token = _token(settings)
    if not hmac.compare_digest(body.token, token):
        raise HTTPException(status_code=401, detail="wrong staff token")
    response = JSONResponse({"status": "signed in"})
    response.set_cookie(
        COOKIE, _cookie_value(token), httponly=True, samesite="strict", max_age=8 * 3600, path="/insights"
    )
    return response


@router.get("/insights", response_class=HTMLResponse)
async def insights_page(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    engine: Annotated[Engine, Depends(get_engine)],
    feedback: Annotated[FeedbackStore, Depends(get_feedback)],
    lang: Lang = "ja",
) -> HTMLResponse:
    """The insights page, or its sign-in form."""
    if not is_staff(request, settings):
        return page(request, "insights_login.html", lang, settings)

    def tokens(text: str) -> set[str]:
        return set(engine.retriever.tokenize(text))

    data = await run_in_threadpool(feedback.insights, tokens)
    names = {m.id: m.name for m in engine.catalogue.measures}
    titles = {i.code: i.title for i in engine.catalogue.initiatives}
    return page(request, "insights.html", lang, settings, data=data, names=names, titles=titles)


@router.get(
    "/insights/interactions/{interaction_id}", response_class=HTMLResponse, dependencies=[Depends(require_staff)]
)
def interaction_page(
    request: Request,
    interaction_id: str,
    settings: Annotated[Settings, Depends(get_settings)],
    feedback: Annotated[FeedbackStore, Depends(get_feedback)],
    lang: Lang = "ja",
) -> HTMLResponse:
    """One question, the answer it got, and its ratings."""
    found = feedback.interaction(interaction_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no interaction {interaction_id!r} (it may have been purged)")
    item, ratings = found
    return page(request, "interaction.html", lang, settings, item=item, ratings=ratings)


@router.get("/insights.csv", dependencies=[Depends(require_staff)])
def insights_csv(feedback: Annotated[FeedbackStore, Depends(get_feedback)]) -> Response:
    """Every stored question, answer kind and rating, as CSV (UTF-8 with BOM)."""
    header = ["id", "created_at", "question", "lang", "kind", "abstained", "measure_ids", "rating", "comment"]
    return csv_response(header, feedback.export_rows(), "shien-insights.csv")
