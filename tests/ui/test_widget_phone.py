"""The embeddable widget on a phone: full screen, the conversation kept while the host page is open,
and a link to the full chat."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, ViewportSize

from ..support import PROJECT
from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
# The launcher's labels are the UI strings of web/i18n.json, like every other label (none is written in widget.js).
STRINGS = json.loads((PROJECT / "web" / "i18n.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_widget_on_a_phone(browser: Browser, ui_server: str, lang: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{ui_server}/widget/demo?lang={lang}")
        launcher = page.locator("[data-shien-widget] button")
        assert launcher.inner_text() == STRINGS[lang]["widget_open"]
        launcher.click()
        iframe = page.locator("[data-shien-widget] iframe")
        iframe.wait_for()
        assert iframe.get_attribute("title") == STRINGS[lang]["widget_open"]
        box = iframe.bounding_box()
        assert box is not None
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, PHONE["width"], PHONE["height"])
        assert not launcher.is_visible()  # the frame covers the screen; the chat's own button closes it
        frame = page.frame_locator("[data-shien-widget] iframe")
        full_chat = frame.locator("#open-full-chat")
        assert full_chat.get_attribute("href") == f"/?lang={lang}"
        assert full_chat.get_attribute("target") == "_blank"
        frame.locator("#question").fill("創業 補助金" if lang == "ja" else "startup Starting a business")
        frame.locator("#ask-button").click()
        frame.locator(".message.assistant:not([aria-busy]) .lead").wait_for()
        page.screenshot(path=str(ARTIFACTS / f"widget-phone-{lang}.png"))
        lead = frame.locator(".message.assistant .lead").inner_text()
        # Closing hides the frame and gives the launcher back its focus ...
        frame.locator("#embed-close").click()
        iframe.wait_for(state="hidden")  # the close request is a message to the host page: asynchronous
        assert launcher.is_visible()
        assert launcher.evaluate("b => b.getRootNode().activeElement === b")
        # ... and reopening shows the same conversation, in the same frame.
        launcher.click()
        assert page.locator("[data-shien-widget] iframe").count() == 1
        assert frame.locator(".message.assistant .lead").inner_text() == lead
        assert frame.locator(".message.user").count() == 1
    finally:
        context.close()


def test_widget_on_a_desktop_stays_a_box(browser: Browser, ui_server: str) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{ui_server}/widget/demo")
        launcher = page.locator("[data-shien-widget] button")
        launcher.click()
        iframe = page.locator("[data-shien-widget] iframe")
        iframe.wait_for()
        box = iframe.bounding_box()
        assert box is not None and box["width"] <= 422 and box["height"] < 900
        assert launcher.is_visible() and launcher.get_attribute("aria-expanded") == "true"
        assert launcher.inner_text() == STRINGS["ja"]["close_chat"]
        launcher.click()
        assert not iframe.is_visible()
        assert launcher.inner_text() == STRINGS["ja"]["widget_open"]
    finally:
        context.close()
