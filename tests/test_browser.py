"""The pages in a real browser (Debian's chromium, driven by Playwright): chat, catalogue, widget, XSS."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from service.api.app import create_app
from service.engine import Engine
from service.settings import Settings

from .servers import live_app
from .support import ARTIFACTS, CHROMIUM, PROJECT

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(settings: Settings, engine: Engine, host_site: tuple[str, Path]) -> Iterator[str]:
    config = settings.model_copy(update={"embed_origins": [host_site[0]]})
    with live_app(create_app(config, engine), config) as base:
        yield base


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of any alert/confirm/prompt the page opened (an XSS would open one)."""
    return []


@pytest.fixture
def page(browser: Browser, dialogs: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    pg = context.new_page()

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", record)
    yield pg
    context.close()


def test_chat_streams_a_cited_answer(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/")
    page.fill("#question", "事業承継の相談はどこでできますか")
    page.click("#ask-button")
    page.locator(".message.assistant .chip").first.wait_for()
    assert "経営相談窓口の充実" in page.locator(".message.assistant .text").inner_text()
    chip = page.locator('.message.assistant .chip[aria-label*="経営相談窓口の充実（事業承継"]').first
    chip.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert "経営相談窓口の充実（事業承継等に関する相談対応）" in page.locator("#panel-title").inner_text()
    assert "650" in panel.inner_text() and "3-1" in panel.inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
    page.keyboard.press("Escape")
    assert not panel.is_visible()


def test_follow_up_in_the_chat(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/?lang=en")
    page.fill("#question", "Is there support for security cameras in shopping streets?")
    page.press("#question", "Enter")
    page.locator(".message.assistant .chip").first.wait_for()
    page.fill("#question", "what are its targets?")
    page.press("#question", "Enter")
    page.locator(".message.assistant").nth(1).locator(".chip").first.wait_for()
    text = page.locator(".message.assistant").nth(1).inner_text()
    assert "R9" in text and "830" in text


def test_staff_catalogue_filter_search_and_csv(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/measures")
    total = page.locator(".measure-card").count()
    assert total == 70
    page.select_option("select[name=goal]", "3")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**goal=3**")
    cards = page.locator(".measure-card")
    assert 0 < cards.count() < total
    assert "事業承継の円滑な推進" in page.locator("#measure-list").inner_text()
    page.fill("input[name=q]", "相談")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**q=**")
    assert page.locator("mark").count() > 0
    page.locator(".pick").nth(0).check()
    page.locator(".pick").nth(1).check()
    chosen = [page.locator(".pick").nth(i).get_attribute("value") for i in range(2)]
    with page.expect_download() as download_info:
        page.click("#export-csv")
    download = download_info.value
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = data.decode("utf-8-sig").splitlines()
    assert {row.split(",")[0] for row in rows[1:]} == set(chosen)
    page.screenshot(path=str(ARTIFACTS / "measures.png"), full_page=True)
    page.emulate_media(media="print")
    page.evaluate(
        "document.querySelectorAll('.measure-card').forEach((c, i) => c.classList.toggle('unselected', i > 1))"
    )
    assert page.locator(".measure-card:visible").count() == 2
    assert not page.locator(".filters").is_visible()


def test_measure_page_shows_source_lines(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/measures/m-bf3bbb44")
    text = page.locator("article").inner_text()
    assert "経営相談窓口の充実" in text and "1333" in text and "2-1" in text and "7-2" in text


@pytest.mark.parametrize(("lang", "words"), [("ja", "消火栓につないで"), ("en", "fire hydrants")])
def test_targets_say_what_they_count(page: Page, live_server: str, lang: str, words: str) -> None:
    """スタンドパイプ is jargon: the targets table says what it is, in the reader's language, on the measure page
    and in the chat's card."""
    page.goto(f"{live_server}/measures/m-6bdf105b?lang={lang}")
    row = page.locator("table.targets tbody tr", has_text="スタンドパイプ")
    assert words in row.locator(".counts").inner_text()
    page.goto(f"{live_server}/?lang={lang}")
    page.fill("#question", "商店街のスタンドパイプの設置台数の令和9年度の目標は？")
    page.click("#ask-button")
    page.locator(".message.assistant .chip").first.wait_for()
    page.locator(".message.assistant .chip").first.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    assert words in panel.locator("table.targets tbody tr", has_text="スタンドパイプ").locator(".counts").inner_text()


def test_widget_on_another_origin(page: Page, live_server: str, host_site: tuple[str, Path]) -> None:
    origin, root = host_site
    (root / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Ward site</title>"
        "<style>button { background: red !important; }</style></head>"
        f"<body><h1>Setagaya</h1><script src='{live_server}/widget.js' data-lang='ja' async></script></body></html>",
        encoding="utf-8",
    )
    page.goto(f"{origin}/index.html")
    launcher = page.locator("[data-shien-widget] button")
    launcher.wait_for()
    # The host page's CSS does not reach into the widget.
    color = launcher.evaluate("b => getComputedStyle(b).backgroundColor")
    assert color != "rgb(255, 0, 0)"
    launcher.click()
    frame = page.frame_locator("[data-shien-widget] iframe")
    frame.locator("#question").fill("創業 補助金")
    frame.locator("#ask-button").click()
    frame.locator(".message.assistant .chip").first.wait_for()
    assert "区内起業・創業チャレンジ支援" in frame.locator(".message.assistant").inner_text()
    page.screenshot(path=str(ARTIFACTS / "widget.png"))


def test_hostile_question_is_shown_as_text(page: Page, live_server: str, dialogs: list[str]) -> None:
    page.goto(f"{live_server}/")
    payload = "<img src=x onerror=alert(1)>"
    page.fill("#question", payload)
    page.click("#ask-button")
    page.locator(".message.assistant .text").wait_for()
    page.locator(".message.assistant[aria-busy]").wait_for(state="detached")
    assert page.locator(".message.user .text").inner_text() == payload
    assert page.locator("img").count() == 0
    assert dialogs == []


def test_embed_screenshot_shows_the_english_chat(page: Page, live_server: str) -> None:
    """The screenshot kept for the docs is the English chat a user sees: its labels, in view, actually painted."""
    en = json.loads((PROJECT / "web" / "i18n.json").read_text(encoding="utf-8"))["en"]
    page.goto(f"{live_server}/embed?lang=en")
    question, button = page.locator("#question"), page.locator("#ask-button")
    assert page.locator("html").get_attribute("lang") == "en"
    assert question.get_attribute("placeholder") == en["ask_placeholder"]
    assert button.inner_text().strip() == en["ask_button"]
    viewport = page.viewport_size
    assert viewport is not None
    for element in (question, button):
        box = element.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]
    shot = page.screenshot(path=str(ARTIFACTS / "embed.png"))
    # The same page with nothing painted: the screenshot must differ (a blank or unstyled crash page would not).
    page.evaluate("document.body.style.visibility = 'hidden'")
    assert page.screenshot() != shot
