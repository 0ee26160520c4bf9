"""Answers in the real browser, in Japanese and English: lead, reasons, related measures, next step,
English cards, a clarify round trip, and the printable answer page."""

from __future__ import annotations

import json

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, Route

from .conftest import ARTIFACTS, ask, color_share, wait_for_answer

pytestmark = pytest.mark.browser

ACCENT = (0x0B, 0x5C, 0xAD)  # the next-step block's left border (app.css --accent)

CASES = {
    "ja": {
        "question": "父の八百屋を継ぐ人がいなくて困っています",
        "lead": "事業承継",
        "related": "ほかの関連事業",
        "next_step": "次の一歩",
        "reason": "この事業を示す理由",
    },
    "en": {
        "question": "help for my shop Shopping streets and shops",
        "lead": "",  # which measure leads depends on the guide's English (not on this branch yet)
        "related": "Other related measures",
        "next_step": "Next step",
        "reason": "Why this measure",
    },
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_answer_shows_lead_reasons_related_and_next_step(page: Page, ui_server: str, lang: str) -> None:
    case = CASES[lang]
    page.goto(f"{ui_server}/?lang={lang}")
    ask(page, case["question"])
    answer = page.locator(".message.assistant").last
    text = answer.locator(".text")
    # The lead is the first thing in the answer, set apart, with its citation chip.
    lead = text.locator(":scope > *").first
    assert lead.evaluate("n => n.className") == "lead"
    assert case["lead"] in lead.inner_text()
    assert lead.locator(".chip").count() == 1
    # The lead names the measure its chip opens.
    chip_name = (lead.locator(".chip").get_attribute("aria-label") or "").split(" ", 1)[1]
    assert chip_name in lead.inner_text()
    assert float(lead.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")) > float(
        text.locator(".body").evaluate("n => parseFloat(getComputedStyle(n).fontSize)")
    )
    # Related measures are folded under a heading from the UI strings; the heading line is not repeated.
    related = text.locator("details.related")
    assert related.locator("summary").inner_text().startswith(case["related"])
    assert not related.evaluate("d => d.open")
    assert not related.locator("li").first.is_visible()
    assert case["related"] not in text.locator(".body").inner_text()
    related.locator("summary").click()
    items = related.locator("li")
    assert items.count() >= 1 and items.first.is_visible()
    assert related.locator("summary").inner_text().endswith(f"({items.count()})")
    # The next step is its own block, after everything else, with the desk's chip.
    next_step = text.locator(".next-step")
    assert next_step.locator("strong").inner_text() == case["next_step"]
    assert next_step.locator(".chip").count() == 1
    assert case["next_step"] not in next_step.locator("span").inner_text()
    # Each chip's reason is its accessible description, and the card says it too.
    chip = lead.locator(".chip")
    described_by = chip.get_attribute("aria-describedby")
    assert described_by
    reason = page.locator(f"#{described_by}").text_content() or ""
    assert reason.strip()
    chip.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert f"{case['reason']} {reason}" in panel.locator(".reason").inner_text()
    page.keyboard.press("Escape")
    shot = answer.screenshot(path=str(ARTIFACTS / f"answer-{lang}.png"))
    # The picture shows the next-step block: its accent border is there.
    assert color_share(page, shot, ACCENT) > 0.0005


def _with_english(answer: dict[str, object]) -> dict[str, object]:
    """A real answer given the guide's English fields (this branch's corpus has no guide yet)."""
    for citation in answer["citations"]:  # type: ignore[attr-defined]
        citation["name_en"] = f"Startup support <img src=x onerror=alert(1)> ({citation['n']})"
        citation["summary_en"] = "Advice and seminars for people starting a business in the ward."
        citation["audience"] = "People starting a business in Setagaya"
        for indicator in citation["indicators"]:
            indicator["label_en"] = "Consultations"
    return answer


def test_english_card_puts_the_reference_translation_first(page: Page, ui_server: str) -> None:
    answer = httpx.post(
        f"{ui_server}/api/ask", json={"question": CASES["en"]["question"], "lang": "en"}, timeout=60
    ).json()
    answer = _with_english(answer)
    body = f"event: done\ndata: {json.dumps(answer, ensure_ascii=False)}\n\n"

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, content_type="text/event-stream", body=body.encode())

    page.route("**/api/ask", fulfil)
    page.goto(f"{ui_server}/?lang=en")
    ask(page, "anything")
    first = answer["citations"][0]  # type: ignore[index]
    chip = page.locator(".message.assistant .lead .chip")
    assert chip.get_attribute("aria-label") == f"[1] {first['name_en']}"
    chip.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert page.locator("#panel-title").inner_text() == first["name_en"]
    assert page.locator("img").count() == 0
    official = panel.locator(".official-name")
    assert official.inner_text() == f"Official name: {first['name']}"
    assert official.locator("[lang=ja]").inner_text() == first["name"]
    text = panel.inner_text()
    assert "Advice and seminars for people starting a business" in text
    assert "Who it is for: People starting a business in Setagaya" in text
    assert "Consultations" in panel.locator("table").inner_text()
    assert first["indicators"][0]["label"] in panel.locator("table").inner_text()
    assert panel.locator(".translation-note").count() == 1
    assert "参考訳" in panel.locator(".translation-note").inner_text()
    page.screenshot(path=str(ARTIFACTS / "card-en.png"))


@pytest.mark.parametrize(
    ("lang", "broad", "option", "narrowed"),
    [
        ("ja", "補助金", "創業・開業", "区内起業・創業チャレンジ支援"),
        ("en", "help for my shop", "Shopping streets and shops", ""),
    ],
)
def test_clarify_round_trip(page: Page, ui_server: str, lang: str, broad: str, option: str, narrowed: str) -> None:
    page.goto(f"{ui_server}/?lang={lang}")
    ask(page, broad)
    first = page.locator(".message.assistant").first
    assert first.get_attribute("data-kind") == "clarify"
    options = first.locator(".clarify[role=group] button")
    assert options.count() >= 3
    page.screenshot(path=str(ARTIFACTS / f"clarify-{lang}.png"))
    options.filter(has_text=option).click()
    wait_for_answer(page, 2)
    assert page.locator(".message.user").last.inner_text().endswith(f"{broad} {option}")
    second = page.locator(".message.assistant").nth(1)
    assert second.get_attribute("data-kind") == "measure"
    assert narrowed in second.locator(".lead").inner_text()
    assert second.locator(".lead .chip").count() == 1


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_print_view_from_the_chat(context: BrowserContext, page: Page, ui_server: str, lang: str) -> None:
    case = CASES[lang]
    page.goto(f"{ui_server}/?lang={lang}")
    ask(page, case["question"])
    link = page.locator(".message.assistant .print-link")
    with context.expect_page() as opened:
        link.click()
    view = opened.value
    view.wait_for_load_state()
    assert "/answers/" in view.url and f"lang={lang}" in view.url
    main = view.locator("main")
    assert case["question"] in main.locator(".message.user").inner_text()
    assert case["lead"] in main.locator(".lead").inner_text() and "[1]" in main.locator(".lead").inner_text()
    assert case["next_step"] in main.locator(".next-step").inner_text()
    cited = main.locator("section.cited")
    assert cited.count() == page.locator(".message.assistant .text .chip").evaluate_all(
        "chips => new Set(chips.map((c) => c.textContent)).size"
    )
    assert cited.first.locator("h3").inner_text().startswith("[1] ")
    # Targets exactly as printed, and where they are printed.
    assert cited.first.locator("table.targets tbody tr").count() >= 1
    assert "世田谷区地域経済発展ビジョン" in cited.first.locator(".source").inner_text()
    assert "経営相談窓口の充実" in main.locator(".desk-contact").inner_text()
    assert main.locator("time").get_attribute("datetime")
    assert view.url in main.locator(".meta a").inner_text()
    view.emulate_media(media="print")
    assert not view.locator(".site-header").is_visible()
    assert not view.locator("#print-answer").is_visible()
    assert cited.first.is_visible()
    shot = view.screenshot(path=str(ARTIFACTS / f"answer-print-{lang}.png"), full_page=True)
    # On paper the page is black on white: mostly white, with no accent-coloured header bar.
    assert color_share(view, shot, (255, 255, 255)) > 0.6
    assert color_share(view, shot, ACCENT, tolerance=4) < 0.01


def test_print_view_unknown_id_is_a_json_404(page: Page, ui_server: str) -> None:
    response = page.request.get(f"{ui_server}/answers/no-such-answer")
    assert response.status == 404
    assert "no answer" in response.json()["error"]["message"]


def test_referral_to_another_office_is_the_next_step(context: BrowserContext, page: Page, ui_server: str) -> None:
    """A visa question beside a hiring need: the hiring measure answers, the immigration office and the desk are
    the next step, one block with a link to the office, in the chat and on the printable page."""
    page.goto(f"{ui_server}/?lang=en")
    ask(page, "I run a cafe and want to hire a foreign cook, but I don't understand the visa process")
    answer = page.locator(".message.assistant").last
    next_step = answer.locator(".text .next-step")
    lines = next_step.locator("span").inner_text().split("\n")
    assert "Immigration Services Agency" in lines[0] and "general guidance" in lines[0]
    assert "business consultation desk" in lines[1] and next_step.locator(".chip").count() == 1
    assert next_step.locator("a").get_attribute("href") == "https://www.moj.go.jp/isa/"
    assert "Immigration" not in answer.locator(".text .body").inner_text()
    with context.expect_page() as opened:
        answer.locator(".print-link").click()
    view = opened.value
    view.wait_for_load_state()
    printed = view.locator("main .next-step").inner_text()
    assert "Immigration Services Agency" in printed and "business consultation desk" in printed
