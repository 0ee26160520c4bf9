"""Rendering shared by the page routes: templates, UI strings, highlighting, CSV downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from service.answer.model import Desk
from service.settings import PROJECT_DIR, Settings

WEB_DIR = PROJECT_DIR / "web"
Lang = Literal["ja", "en"]

templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
# `tojson` keeps Japanese as it is (still escaping < > & '): widget.js stays readable, and UTF-8 as it declares.
templates.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, Any]]:
    """UI strings by language (web/i18n.json)."""
    data: dict[str, dict[str, Any]] = json.loads((WEB_DIR / "i18n.json").read_text(encoding="utf-8"))
    return data


def highlight(text: str, terms: list[str]) -> Markup:
    """Escape `text` and wrap each occurrence of a search term in <mark>."""
    terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    if not terms:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out = Markup("")
    last = 0
    for match in pattern.finditer(text):
        out += escape(text[last : match.start()]) + Markup("<mark>") + escape(match.group(0)) + Markup("</mark>")
        last = match.end()
    return out + escape(text[last:])


templates.env.filters["highlight"] = highlight


def page(request: Request, name: str, lang: Lang, settings: Settings, **context: Any) -> HTMLResponse:
    """A page of web/templates in a language, with the UI strings, the desk and the question limit."""
    desk = Desk.from_settings(settings)
    return templates.TemplateResponse(
        request,
        name,
        {"lang": lang, "t": strings()[lang], "desk": desk, "max_chars": settings.max_question_chars, **context},
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection rule).

    A cell that begins with = + - @, a tab or CR, also after leading spaces or line breaks that a
    spreadsheet strips, gets a leading apostrophe.
    """
    if value.startswith(_FORMULA_START) or value.lstrip(" \n\u3000").startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_response(header: list[str], rows: list[list[str]], filename: str) -> Response:
    """A CSV download, UTF-8 with a BOM so Excel reads Japanese correctly; every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return Response(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
