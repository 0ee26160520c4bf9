"""Accessibility in the real browser: axe-core on every page in both languages, and the chat by keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from .conftest import STAFF_TOKEN, ask

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
AXE = Axe()


def blocking_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    results: dict[str, Any] = AXE.run(page).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pages_have_no_serious_violations(
    context: BrowserContext, page: Page, ui_server: str, stored_answers: dict[str, str], lang: str
) -> None:
    signed_in = context.request.post(f"{ui_server}/insights/login", data={"token": STAFF_TOKEN})
    assert signed_in.ok
    paths = [
        "/",
        "/measures",
        "/measures/m-bf3bbb44",
        "/embed",
        f"/answers/{stored_answers[lang]}",
        "/insights",
    ]
    found = {}
    for path in paths:
        page.goto(f"{ui_server}{path}{'&' if '?' in path else '?'}lang={lang}")
        found[path] = blocking_violations(page)
    assert page.locator("h1").inner_text() == ("利用状況（職員向け）" if lang == "ja" else "Insights (for staff)")
    # The chat with an answer, its related measures open and a card showing.
    page.goto(f"{ui_server}/?lang={lang}")
    ask(page, "父の八百屋を継ぐ人がいなくて困っています" if lang == "ja" else "startup Starting a business")
    page.locator("details.related summary").click()
    page.locator(".message.assistant .lead .chip").click()
    page.locator("#panel").wait_for(state="visible")
    found["/ with an answer and a card"] = blocking_violations(page)
    # A clarify answer and its options.
    ask(page, "補助金" if lang == "ja" else "startup")
    found["/ with a clarify answer"] = blocking_violations(page)
    assert {path: problems for path, problems in found.items() if problems} == {}
    # axe really ran under the pages' CSP: an image without alt text is reported.
    page.evaluate("document.body.appendChild(Object.assign(document.createElement('img'), {src: 'data:,'}))")
    assert any(line.startswith("image-alt (critical)") for line in blocking_violations(page))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_keyboard_only_ask_open_a_card_and_close_it(page: Page, ui_server: str, lang: str) -> None:
    page.goto(f"{ui_server}/?lang={lang}")
    active = "() => document.activeElement && (document.activeElement.id || document.activeElement.className)"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "question":
            break
    assert page.evaluate(active) == "question"
    page.keyboard.type("事業承継の相談はどこでできますか" if lang == "ja" else "startup Starting a business")
    page.keyboard.press("Enter")
    page.locator(".message.assistant:not([aria-busy]) .lead").wait_for()
    # Back from the question box to the answer's last chip (the next step's), by keyboard only.
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(active) == "chip":
            break
    assert page.evaluate(active) == "chip"
    page.evaluate("() => document.activeElement.dataset.probe = 'this one'")
    chip_label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement.id") == "panel"
    # The card is the chip's measure.
    assert chip_label.split(" ", 1)[1] in page.locator("#panel-title").inner_text()
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.evaluate("() => document.activeElement.dataset.probe") == "this one"
