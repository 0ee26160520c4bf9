"""Review findings that only show in a browser (Debian's chromium): /docs under the CSP, the staff CSV
after signing in, sign-out, and the widget on a Shift_JIS page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page
from pydantic import SecretStr

from service.api.app import create_app
from service.engine import Engine
from service.settings import Settings

from .servers import live_app

pytestmark = pytest.mark.browser
TOKEN = "staff-secret-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, settings: Settings, engine: Engine) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser-staff") / "fb.sqlite3"
    config = settings.model_copy(update={"staff_token": SecretStr(TOKEN), "database_url": f"sqlite:///{db}"})
    with live_app(create_app(config, engine), config) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def test_docs_render_under_the_csp(page: Page, server: str) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if isinstance(message, ConsoleMessage) else None)
    page.goto(f"{server}/docs")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 9
    assert "ask" in page.locator("#swagger-ui").inner_text()
    assert not [line for line in console if "Content Security Policy" in line], console


def test_staff_sign_in_csv_and_sign_out(page: Page, server: str) -> None:
    page.goto(f"{server}/insights")
    page.locator("#staff-token").fill(TOKEN)
    page.locator("#staff-login button").click()
    page.locator("#staff-logout").wait_for()
    with page.expect_download() as download:
        page.locator("a[href='/insights.csv']").click()
    assert Path(download.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")  # the export, not a 401
    assert page.context.request.get(f"{server}/insights.csv").status == 200
    page.locator("#staff-logout").click()
    page.locator("#staff-login").wait_for()
    assert page.context.request.get(f"{server}/insights.csv").status == 401


def test_widget_on_a_shift_jis_page(page: Page, server: str, host_site: tuple[str, Path]) -> None:
    origin, root = host_site
    (root / "sjis.html").write_bytes(
        "<!doctype html><html><head><meta charset='Shift_JIS'><title>区のサイト</title></head>"
        f"<body><h1>世田谷区</h1><script src='{server}/widget.js' async></script></body></html>".encode("shift_jis")
    )
    page.goto(f"{origin}/sjis.html")
    launcher = page.locator("[data-shien-widget] button")
    launcher.wait_for()
    assert launcher.inner_text() == "事業者支援をチャットで質問"  # not mojibake: the script says it is UTF-8
