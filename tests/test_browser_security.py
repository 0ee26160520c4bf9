"""Hostile content and framing, checked in the real browser: nothing runs, nothing leaves, no foreign frame."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Browser, Page, Route

from service.api.app import create_app
from service.engine import Engine
from service.settings import Settings

from .servers import free_port, live_app
from .support import ARTIFACTS, record

pytestmark = pytest.mark.browser

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>click</a>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<math><mtext><img src=x onerror=alert(1)>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
    "<form action=https://evil.example><button>go</button></form>",
    "<img src=https://evil.example/track.gif>",
    "javascript:alert(1)",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>alert(1);//<</script>",
    '<div style="background:url(javascript:alert(1))">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{7*7}} ${alert(1)} <%= 7*7 %>",
    "[1] <img src=x onerror=alert(1)> [2]",
    "事業承継<script>alert('継')</script>",
]


@dataclass(frozen=True)
class Sites:
    """The service, a host site allowed to embed the widget, and one that is not."""

    service: str
    allowed: tuple[str, Path]
    foreign: tuple[str, Path]


def _static_site(name: str) -> tuple[ThreadingHTTPServer, str, Path]:
    root = Path(tempfile.mkdtemp(prefix=f"shien-{name}-"))
    port = free_port()
    site = ThreadingHTTPServer(("127.0.0.1", port), partial(SimpleHTTPRequestHandler, directory=str(root)))
    threading.Thread(target=site.serve_forever, daemon=True).start()
    return site, f"http://127.0.0.1:{port}", root


@pytest.fixture(scope="module")
def sites(settings: Settings, engine: Engine) -> Iterator[Sites]:
    allowed_site, allowed_origin, allowed_root = _static_site("allowed")
    foreign_site, foreign_origin, foreign_root = _static_site("foreign")
    config = settings.model_copy(update={"embed_origins": [allowed_origin], "rate_limit_per_minute": 100_000})
    with live_app(create_app(config, engine), config) as base:
        yield Sites(base, (allowed_origin, allowed_root), (foreign_origin, foreign_root))
    allowed_site.shutdown()
    foreign_site.shutdown()


class Watch:
    """Counts script execution (dialogs, a sentinel) and requests to hosts other than loopback."""

    def __init__(self, page: Page) -> None:
        self.dialogs = 0
        self.outside: list[str] = []
        page.on("dialog", self._dialog)
        page.context.route("**/*", self._route)
        # Runs before page scripts; CDP-injected, so the page's CSP does not block it.
        page.context.add_init_script(
            "window.__xss = 0; window.alert = window.confirm = window.prompt = () => { window.__xss++; };"
        )

    def _dialog(self, dialog: object) -> None:
        self.dialogs += 1
        dialog.dismiss()  # type: ignore[attr-defined]

    def _route(self, route: Route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host not in ("127.0.0.1", "localhost") and not route.request.url.startswith(("data:", "blob:", "about:")):
            self.outside.append(route.request.url)
            route.abort()
            return
        route.continue_()

    def executed(self, page: Page) -> int:
        count = 0
        for frame in page.frames:
            # A cross-origin or error frame cannot be read, and runs nothing of ours.
            with contextlib.suppress(Exception):
                count += int(frame.evaluate("window.__xss || 0"))
        return count + self.dialogs


def ask_all(target: Page | object, payloads: list[str]) -> None:
    for payload in payloads:
        target.locator("#question").fill(payload)  # type: ignore[union-attr]
        target.locator("#ask-button").click()  # type: ignore[union-attr]
        target.locator(".message.assistant[aria-busy]").wait_for(state="detached")  # type: ignore[union-attr]


def test_payloads_in_chat_and_follow_ups(browser: Browser, sites: Sites) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(f"{sites.service}/")
    ask_all(page, XSS_PAYLOADS)  # later ones are follow-ups of earlier ones: the history carries them
    shown = page.locator(".message.user .text").all_inner_texts()
    assert shown == XSS_PAYLOADS
    executed = watch.executed(page)
    record(xss_payloads=len(XSS_PAYLOADS), xss_executed_chat=executed, xss_outside_requests_chat=len(watch.outside))
    assert executed == 0 and watch.outside == []
    assert page.locator(".messages img, .messages script, .messages iframe, .messages svg").count() == 0
    page.close()


def test_payloads_in_staff_search(browser: Browser, sites: Sites) -> None:
    page = browser.new_page()
    watch = Watch(page)
    for payload in XSS_PAYLOADS:
        page.goto(f"{sites.service}/measures?q={quote(payload)}")
        assert page.locator("input[name=q]").input_value() == payload
    executed = watch.executed(page)
    record(xss_executed_staff_search=executed, xss_outside_requests_staff_search=len(watch.outside))
    assert executed == 0 and watch.outside == []
    page.close()


def test_payloads_in_the_widget(browser: Browser, sites: Sites) -> None:
    origin, root = sites.allowed
    (root / "index.html").write_text(
        f"<!doctype html><meta charset=utf-8><title>ward</title>"
        f"<script src='{sites.service}/widget.js' async></script>",
        encoding="utf-8",
    )
    page = browser.new_page()
    watch = Watch(page)
    page.goto(f"{origin}/index.html")
    page.locator("[data-shien-widget] button").click()
    frame = page.frame_locator("[data-shien-widget] iframe")
    frame.locator("#question").wait_for()
    ask_all(frame, XSS_PAYLOADS[:12])
    executed = watch.executed(page)
    record(xss_executed_widget=executed, xss_outside_requests_widget=len(watch.outside))
    assert executed == 0 and watch.outside == []
    page.screenshot(path=str(ARTIFACTS / "widget-xss.png"))
    page.close()


def test_foreign_origin_cannot_frame_embed(browser: Browser, sites: Sites) -> None:
    results = {}
    for name in ("allowed", "foreign"):
        origin, root = sites.allowed if name == "allowed" else sites.foreign
        (root / "frame.html").write_text(
            f"<!doctype html><meta charset=utf-8><iframe id=f src='{sites.service}/embed'></iframe>",
            encoding="utf-8",
        )
        page = browser.new_page()
        page.goto(f"{origin}/frame.html")
        page.wait_for_timeout(1500)
        embed = next((f for f in page.frames if f.url.startswith(sites.service)), None)
        results[name] = embed is not None and embed.locator("#question").count() == 1
        page.close()
    record(foreign_frame_loaded=int(results["foreign"]), allowed_frame_loaded=int(results["allowed"]))
    assert results == {"allowed": True, "foreign": False}
