"""GET /answers/{interaction_id}: one stored answer as a page to print or share."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from ingest.card import MeasureCard
from service.api.deps import EngineDep, FeedbackDep, SettingsDep
from service.api.rendering import Lang, page, strings

router = APIRouter(include_in_schema=False)

# The composer's bullets for related measures: 「・[4] …」 in Japanese, "- [4] …" in English.
_RELATED_LINE = re.compile(r"^(?:・|- )(\[\d+\].*)$")


@dataclass(frozen=True)
class AnswerLayout:
    """A stored answer text split the way the composer lays it out."""

    lead: str
    body: str
    related: list[str] = field(default_factory=list)
    next_step: str = ""


def answer_layout(text: str) -> AnswerLayout:
    """Lead (first line), body, the related-measures list under its heading, and the next step (last lines).

    Only the text is stored with an interaction, so the parts are recovered from the layout of
    prompts/answer/*/*.j2: the heading ends with a colon, the next step starts with 次の一歩 / Next step.
    """
    lines = text.strip().split("\n")
    lead = lines.pop(0)
    next_step = ""
    prefixes = tuple(f"{strings()[lang]['next_step']}{sep}" for lang in ("ja", "en") for sep in ("：", ":"))
    # The next step runs from its heading to the end: a referral to another office comes with the desk's line.
    start = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].startswith(prefixes)), None)
    if start is not None:
        next_step = "\n".join([re.sub(r"^[^：:]*[：:]\s*", "", lines[start]), *lines[start + 1 :]])
        del lines[start:]
    related: list[str] = []
    first = next((i for i, line in enumerate(lines) if _RELATED_LINE.match(line)), None)
    if first is not None and first > 0 and re.search(r"[：:]\s*$", lines[first - 1]):
        last = first
        while last < len(lines) and (match := _RELATED_LINE.match(lines[last])):
            related.append(match.group(1))
            last += 1
        del lines[first - 1 : last]
    return AnswerLayout(lead=lead, body="\n".join(lines).strip(), related=related, next_step=next_step)


@router.get("/answers/{interaction_id}", response_class=HTMLResponse)
async def answer_page(
    request: Request,
    interaction_id: str,
    engine: EngineDep,
    settings: SettingsDep,
    feedback: FeedbackDep,
    lang: Lang | None = None,
) -> HTMLResponse:
    """A stored answer with the question, its cited measures and their targets, the source and the desk.

    The address is the one the chat's print button opens; it works until the interaction is purged
    (SHIEN_RETENTION_DAYS). Without `lang`, the page is in the answer's language.
    """
    found = await run_in_threadpool(feedback.interaction, interaction_id)
    if found is None:
        raise HTTPException(
            status_code=404, detail=f"no answer {interaction_id!r}; it may have been deleted after the retention period"
        )
    item, _ = found
    shown: Lang = lang or ("en" if item.lang == "en" else "ja")
    # Citations are numbered in the order their ids are stored: [1] is the first id.
    cards: list[tuple[int, MeasureCard]] = [
        (n, card) for n, mid in enumerate(json.loads(item.measure_ids), start=1) if (card := engine.cards.card(mid))
    ]
    desk_id = engine.composer.desk_measure_id
    desk_card = None if engine.composer.desk.configured or not desk_id else engine.cards.card(desk_id)
    translated = shown == "en" and any(c.name_en or c.summary_en for _, c in cards)
    documents = engine.catalogue.documents
    response = page(
        request,
        "answer.html",
        shown,
        settings,
        item=item,
        layout=answer_layout(item.answer_text),
        cards=cards,
        desk_card=desk_card,
        translated=translated,
        attribution=documents[0].attribution if documents else "",
        address=str(request.url),
    )
    # A personal question: not for caches or search engines, though anyone with the address may open it.
    response.headers["cache-control"] = "no-store"
    response.headers["x-robots-tag"] = "noindex"
    return response
