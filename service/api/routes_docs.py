"""/docs: Swagger UI from the assets bundled in the `fastapi-offline` package, not a CDN.

The CSP allows scripts and styles from this origin only, so FastAPI's default page (CDN assets and an
inline script) rendered blank. This page loads Swagger UI 5 (it reads OpenAPI 3.1, which FastAPI writes)
from /static/swagger-ui and starts it from a script file.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

router = APIRouter(include_in_schema=False)
ASSETS_PREFIX = "/static/swagger-ui"

_PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>shien API</title>
  <link rel="stylesheet" href="{ASSETS_PREFIX}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{ASSETS_PREFIX}/swagger-ui-bundle.js" charset="utf-8"></script>
  <script src="/static/docs.js" charset="utf-8"></script>
</body>
</html>
"""


def swagger_ui_dir() -> str:
    """The directory of Swagger UI's distribution files."""
    return str(Path(fastapi_offline.__file__).parent / "static")


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """Swagger UI for /openapi.json."""
    return HTMLResponse(_PAGE)


@router.get("/redoc")
def redoc() -> RedirectResponse:
    """The API reference lives at /docs (ReDoc loaded from a CDN, which the CSP blocks)."""
    return RedirectResponse("/docs")
