"""The web pages: chat, staff catalogue, measure detail, embeddable chat, widget script, CSV export."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from service.api.deps import EngineDep, SettingsDep
from service.api.facets import check_facets
from service.api.listing import filter_measures
from service.api.rendering import Lang, csv_response, page, strings, templates
from service.api.schemas import MeasureSummary, measure_detail
from service.engine import Engine
from service.inputs import text_problem
from service.search.retrieval import Filters

router = APIRouter(include_in_schema=False)


def _attribution(engine: Engine | None) -> str:
    # The chat page renders while the index is still loading (engine None): no attribution yet.
    return engine.attribution() if engine else ""


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request, settings: SettingsDep, lang: Lang = "ja") -> HTMLResponse:
    """The chat for business owners."""
    return page(request, "chat.html", lang, settings, attribution=_attribution(request.app.state.engine), embed=False)


@router.get("/embed", response_class=HTMLResponse)
def embed_page(request: Request, settings: SettingsDep, lang: Lang = "ja") -> HTMLResponse:
    """The chat alone, for the widget's iframe."""
    return page(request, "embed.html", lang, settings, attribution=_attribution(request.app.state.engine), embed=True)


def _search_measures(engine: Engine, q: str, policy: int | None, goal: int | None, initiative: str | None) -> list[str]:
    hits = engine.search(q, k=15, filters=Filters(policy=policy, goal=goal, initiative=initiative, kind="measure"))
    return [h.measure_id for h in hits]


@router.get("/measures", response_class=HTMLResponse)
def measures_page(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    lang: Lang = "ja",
    q: Annotated[str, Query(max_length=500)] = "",
    policy_param: Annotated[str, Query(alias="policy", pattern=r"^\d{0,2}$")] = "",
    goal_param: Annotated[str, Query(alias="goal", pattern=r"^\d{0,2}$")] = "",
    initiative_param: Annotated[str, Query(alias="initiative", pattern=r"^(\d{1,2}-\d{1,2})?$")] = "",
) -> HTMLResponse:
    """The staff catalogue: facets, keyword search with highlights, print and CSV."""
    # The filter form sends empty strings for "all".
    policy = int(policy_param) if policy_param else None
    goal = int(goal_param) if goal_param else None
    initiative = initiative_param or None
    check_facets(engine.catalogue, policy, goal, initiative)
    measures = filter_measures(engine, policy, goal, initiative)
    terms: list[str] = []
    problem = text_problem(q)
    if problem:
        raise HTTPException(status_code=422, detail=f"q {problem}")
    if q.strip():
        order = _search_measures(engine, q.strip(), policy, goal, initiative)
        by_id = {m.id: m for m in measures}
        measures = [by_id[mid] for mid in order if mid in by_id]
        terms = engine.highlight_terms(q)
    cat = engine.catalogue
    return page(
        request,
        "measures.html",
        lang,
        settings,
        measures=measures,
        q=q,
        terms=terms,
        policy=policy,
        goal=goal,
        initiative=initiative,
        policies=cat.policies,
        goals=[g for g in cat.goals if policy is None or g.policy == policy],
        initiatives=[i for i in cat.initiatives if goal is None or i.goal == goal],
        titles={i.code: i.title for i in cat.initiatives},
        guide=engine.cards.guide,
    )


def _csv_rows(measures: list[MeasureSummary]) -> list[list[str]]:
    rows = []
    for m in measures:
        codes = " ".join(m.initiatives)
        goals = " ".join(str(g) for g in m.goals)
        policies = " ".join(str(p) for p in m.policies)
        for ind in m.indicators:
            # The English columns come last: the existing columns keep their places.
            label, targets = ind.label, [ind.r6, ind.r9, ind.r13]
            printed = [m.id, m.name, m.description, codes, goals, policies, label, *targets, ind.unit]
            rows.append([*printed, m.name_en, ind.label_en])
    return rows


@router.get("/measures.csv")
def measures_csv(
    engine: EngineDep,
    ids: Annotated[str, Query(max_length=2000, description="Comma-separated measure ids; empty for all")] = "",
) -> Response:
    """The selected measures as CSV, UTF-8 with a BOM so Excel reads Japanese correctly."""
    measures = filter_measures(engine)
    if ids.strip():
        wanted = [i for i in ids.split(",") if i]
        unknown = [i for i in wanted if engine.catalogue.measure(i) is None]
        if unknown:
            raise HTTPException(status_code=404, detail=f"no measure with id {unknown[0]!r}; list ids at /api/measures")
        order = {mid: n for n, mid in enumerate(wanted)}
        measures = sorted((m for m in measures if m.id in order), key=lambda m: order[m.id])
    header = ["id", "施策名", "事業内容", "取組み", "目指す姿", "基本的方針", "行動指標", "R6", "R9", "R13", "単位"]
    header += ["name (English, 参考訳)", "indicator (English, 参考訳)"]
    return csv_response(header, _csv_rows(measures), "setagaya-measures.csv")


@router.get("/measures/{measure_id}", response_class=HTMLResponse)
def measure_page(
    request: Request,
    measure_id: str,
    engine: EngineDep,
    settings: SettingsDep,
    lang: Lang = "ja",
) -> HTMLResponse:
    """One measure: every placement, its indicators, and the source lines."""
    card = engine.cards.card(measure_id)
    if card is None:
        raise HTTPException(status_code=404, detail=f"no measure with id {measure_id!r}; see /measures")
    detail = measure_detail(card)
    first, last = detail.source.lines
    lines = _corpus_lines(settings.corpus_dir / detail.source.file, engine.corpus_hash)
    excerpt = [(n, lines[n - 1]) for n in range(first, min(last, len(lines)) + 1)]
    return page(request, "measure.html", lang, settings, m=detail, excerpt=excerpt)


@lru_cache(maxsize=8)
def _corpus_lines(path: Path, corpus_hash: str) -> list[str]:
    """A corpus file's lines, cached per corpus version: a re-ingest of a changed corpus shows the new lines."""
    del corpus_hash  # part of the cache key only
    return path.read_text(encoding="utf-8").splitlines()


@router.get("/widget.js")
def widget_js() -> Response:
    """The embed script: one <script> tag adds a launcher that opens /embed in an iframe."""
    script, etag = _widget_script()
    return Response(
        script,
        media_type="application/javascript; charset=utf-8",  # host pages in Shift_JIS must not re-decode it
        headers={"cache-control": "public, max-age=300", "etag": etag},
    )


@lru_cache(maxsize=1)
def _widget_script() -> tuple[str, str]:
    """web/templates/widget.js with the launcher's labels in both languages (it picks one by data-lang); its ETag."""
    labels = {lang: {"open": t["widget_open"], "close": t["close_chat"]} for lang, t in strings().items()}
    script = templates.get_template("widget.js").render(labels=labels)
    return script, f'"{hashlib.sha256(script.encode()).hexdigest()[:32]}"'


@router.get("/widget/demo", response_class=HTMLResponse)
def widget_demo(request: Request, settings: SettingsDep, lang: Lang = "ja") -> HTMLResponse:
    """A page showing the widget embedded, as the ward's site would."""
    return page(request, "demo.html", lang, settings)
