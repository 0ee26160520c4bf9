"""/insights for staff, behind SHIEN_STAFF_TOKEN: unanswered questions, most asked measures, poor ratings."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from itsdangerous import BadData, URLSafeTimedSerializer
from pydantic import BaseModel, Field

from service.api.deps import EngineDep, FeedbackDep, SettingsDep
from service.api.rendering import Lang, csv_response, page
from service.feedback import FeedbackStore
from service.inputs import SafeStr
from service.settings import Settings

router = APIRouter(include_in_schema=False)
COOKIE = "shien_staff"
SALT = "shien-staff-session"


def _token(settings: Settings) -> str:
    token = settings.staff_token.get_secret_value()
    if not token:
        raise HTTPException(status_code=404, detail="the insights page is off; set SHIEN_STAFF_TOKEN to turn it on")
    return token


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison of any text (compare_digest refuses non-ASCII str, so compare bytes)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    """Signs session ids. The key includes the staff token: changing the token ends every session."""
    secret = settings.session_secret.get_secret_value() + "\x00" + _token(settings)
    return URLSafeTimedSerializer(secret, salt=SALT)


def _session_id(request: Request, settings: Settings) -> str | None:
    """The id of a valid, unexpired staff session in the request's cookie, or None."""
    cookie = request.cookies.get(COOKIE, "")
    if not cookie:
        return None
    try:
        session_id = _serializer(settings).loads(cookie, max_age=int(settings.staff_session_hours * 3600))
    except BadData:
        return None
    return session_id if isinstance(session_id, str) else None


def is_staff(request: Request, settings: Settings, feedback: FeedbackStore) -> bool:
    """True with a live staff session cookie, or with `Authorization: Bearer <token>`."""
    token = _token(settings)
    bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if bearer and _same(bearer, token):
        return True
    session_id = _session_id(request, settings)
    return session_id is not None and feedback.session_active(session_id)


def require_staff(
    request: Request,
    settings: SettingsDep,
    feedback: FeedbackDep,
) -> None:
    """401 unless the request comes from staff."""
    if not is_staff(request, settings, feedback):
        raise HTTPException(status_code=401, detail="staff only: sign in at /insights or send Authorization: Bearer")


class Login(BaseModel):
    token: SafeStr = Field(min_length=1, max_length=500)


@router.post("/insights/login")
def login(
    body: Login,
    request: Request,
    settings: SettingsDep,
    feedback: FeedbackDep,
) -> JSONResponse:
    """Check the staff token and start a session (at most SHIEN_SIGNIN_LIMIT_PER_MINUTE tries per client)."""
    token = _token(settings)
    if not _same(body.token, token):
        raise HTTPException(status_code=401, detail="wrong staff token")
    session_id = feedback.open_session(settings.staff_session_hours)
    response = JSONResponse({"status": "signed in"})
    response.set_cookie(
        COOKIE,
        _serializer(settings).dumps(session_id),
        max_age=int(settings.staff_session_hours * 3600),
        path="/",  # every staff route: /insights, /insights/…, /insights.csv
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )
    return response


@router.post("/insights/logout")
def logout(
    request: Request,
    settings: SettingsDep,
    feedback: FeedbackDep,
) -> JSONResponse:
    """End the staff session: its cookie stops working, also if it was copied."""
    session_id = _session_id(request, settings)
    if session_id is not None:
        feedback.close_session(session_id)
    response = JSONResponse({"status": "signed out"})
    response.delete_cookie(COOKIE, path="/", secure=request.url.scheme == "https", httponly=True, samesite="strict")
    return response


@router.get("/insights", response_class=HTMLResponse)
async def insights_page(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
    feedback: FeedbackDep,
    lang: Lang = "ja",
) -> HTMLResponse:
    """The insights page, or its sign-in form."""
    if not await run_in_threadpool(is_staff, request, settings, feedback):
        return page(request, "insights_login.html", lang, settings)

    data = await run_in_threadpool(feedback.insights, engine.tokens)
    names = {m.id: m.name for m in engine.catalogue.measures}
    titles = {i.code: i.title for i in engine.catalogue.initiatives}
    return page(request, "insights.html", lang, settings, data=data, names=names, titles=titles)


@router.get(
    "/insights/interactions/{interaction_id}", response_class=HTMLResponse, dependencies=[Depends(require_staff)]
)
def interaction_page(
    request: Request,
    interaction_id: str,
    settings: SettingsDep,
    feedback: FeedbackDep,
    lang: Lang = "ja",
) -> HTMLResponse:
    """One question, the answer it got, and its ratings."""
    found = feedback.interaction(interaction_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no interaction {interaction_id!r} (it may have been purged)")
    item, ratings = found
    return page(request, "interaction.html", lang, settings, item=item, ratings=ratings)


@router.get("/insights.csv", dependencies=[Depends(require_staff)])
def insights_csv(feedback: FeedbackDep) -> Response:
    """Every stored question, answer kind and rating, as CSV (UTF-8 with BOM)."""
    header = ["id", "created_at", "question", "lang", "kind", "abstained", "measure_ids", "rating", "comment"]
    return csv_response(header, feedback.export_rows(), "shien-insights.csv")
