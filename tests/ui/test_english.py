"""English in the browser: the chat answers an English question in English, with the official names beside,
and the staff catalogue shows English titles (the guide's reference translations)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from .conftest import ARTIFACTS, ask

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def test_english_question_gets_an_english_answer(page: Page, ui_server: str) -> None:
    page.goto(f"{ui_server}/?lang=en")
    ask(page, "Nobody in my family wants to take over my shop when I retire")
    answer = page.locator(".message.assistant .text").last
    text = answer.inner_text()
    # Japanese only inside the official names 「…」 (and the 参考訳 mark): the rest reads in English.
    outside = re.sub(r"「[^」]*」", "", re.sub(r"「[^「」]*「[^」]*」[^」]*」", "", text)).replace("参考訳", "")
    assert not JAPANESE.search(outside), outside
    assert "succession" in text.lower() and "「" in text  # an English name with its official name beside it
    chip = answer.locator(".chip").first
    chip.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert not JAPANESE.search(page.locator("#panel-title").inner_text())
    page.screenshot(path=str(ARTIFACTS / "chat-en-guide.png"), full_page=True)


def test_staff_catalogue_in_english(page: Page, ui_server: str) -> None:
    page.goto(f"{ui_server}/measures?lang=en")
    first = page.locator(".measure-card").first
    assert not JAPANESE.search(first.locator("h2").inner_text())
    assert JAPANESE.search(first.locator(".official-name").inner_text())  # the official name beside
    assert first.locator(".audience").inner_text().strip()
    assert page.locator(".translation-note").count() == 1  # marked once per page
    policies = page.locator("select[name=policy] option").all_inner_texts()[1:]
    assert policies and not any(JAPANESE.search(p) for p in policies)
