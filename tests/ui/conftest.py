"""Shared fixtures for the UI tests: one live server (staff sign-in on), one chromium, helpers.

Session-scoped so the answers, accessibility and widget tests share a server and a browser.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from pydantic import SecretStr

from service.api.app import create_app
from service.engine import Engine
from service.feedback import FeedbackStore
from service.settings import Settings

from ..servers import live_app
from ..support import PROJECT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT / "tests" / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]  # fmt: skip
STAFF_TOKEN = "ui-test-staff-token"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; .ci/run must install Debian's chromium", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture(scope="session")
def ui_server(settings: Settings, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service with /insights turned on and a feedback store of its own; yields its base URL."""
    ui_settings = settings.model_copy(update={"staff_token": SecretStr(STAFF_TOKEN)})
    store = FeedbackStore(f"sqlite:///{tmp_path_factory.mktemp('ui-feedback') / 'fb.sqlite3'}", 180)
    with live_app(create_app(ui_settings, engine, store), ui_settings) as base:
        yield base


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh desktop-sized context (own cookies) per test."""
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A page in the test's context."""
    return context.new_page()


@pytest.fixture(scope="session")
def stored_answers(ui_server: str) -> dict[str, str]:
    """Interaction ids of one answered question per language, asked through the API."""
    questions = {"ja": "父の八百屋を継ぐ人がいなくて困っています", "en": "startup Starting a business"}
    ids: dict[str, str] = {}
    for lang, question in questions.items():
        response = httpx.post(f"{ui_server}/api/ask", json={"question": question, "lang": lang}, timeout=60)
        response.raise_for_status()
        ids[lang] = response.json()["interaction_id"]
    return ids


def ask(page: Page, question: str) -> None:
    """Type a question into the chat and wait until its answer is complete."""
    before = page.locator(".message.assistant").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    wait_for_answer(page, before + 1)


def wait_for_answer(page: Page, count: int) -> None:
    """Wait until the chat shows `count` finished assistant messages."""
    page.locator(".message.assistant").nth(count - 1).wait_for()
    page.wait_for_function(
        "n => document.querySelectorAll('.message.assistant:not([aria-busy])').length >= n", arg=count
    )


def color_share(page: Page, png: bytes, rgb: tuple[int, int, int], tolerance: int = 12) -> float:
    """The share of a screenshot's pixels within `tolerance` of a colour, read back in the browser.

    So a test asserts on what the picture shows (e.g. the next-step block's accent), not on its size.
    """
    data = "data:image/png;base64," + base64.b64encode(png).decode()
    share: float = page.evaluate(
        """async ([src, rgb, tol]) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = new OffscreenCanvas(img.width, img.height);
          const g = canvas.getContext("2d");
          g.drawImage(img, 0, 0);
          const px = g.getImageData(0, 0, img.width, img.height).data;
          let hits = 0;
          for (let i = 0; i < px.length; i += 4) {
            const near = [0, 1, 2].every((c) => Math.abs(px[i + c] - rgb[c]) <= tol);
            if (near) hits++;
          }
          return hits / (px.length / 4);
        }""",
        [data, list(rgb), tolerance],
    )
    return share
