"""Shared fixtures: the real corpus and its catalogue, one engine, one Chroma server per session."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from ingest.catalogue import Catalogue
from ingest.corpus import load_catalogue
from service.engine import Engine, build
from service.settings import Settings

from .servers import chroma_server, create_database, free_port, postgres_server, wipe_chroma
from .support import ARTIFACTS, CHROMIUM, CORPUS, LAUNCH_ARGS, VECTOR_CACHE


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CORPUS)


@pytest.fixture(scope="session")
def corpus_lines() -> list[str]:
    return (CORPUS / "setagaya_vision_ch3.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a data directory of the session's own (index built once) and the persistent vector cache."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"), corpus_dir=CORPUS, cache_dir=VECTOR_CACHE)


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Engine:
    """The real engine over a real index, built with the bundled embedder."""
    build(settings)
    return Engine.load(settings)


@pytest.fixture(scope="session")
def chroma_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One `chroma run` server for the whole session; tests take it emptied through `chroma_url`."""
    with chroma_server(tmp_path_factory.mktemp("chroma")) as url:
        yield url


@pytest.fixture
def chroma_url(chroma_session: str) -> str:
    """The session's Chroma server with no collections: each test starts from an empty server."""
    wipe_chroma(chroma_session)
    return chroma_session


@pytest.fixture(scope="session")
def postgres_session() -> Iterator[str]:
    """One throwaway PostgreSQL cluster for the whole session; tests take a database of their own through
    `postgres_url`. (A test that stops PostgreSQL starts its own with `postgres_server`.)"""
    with postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_session: str) -> str:
    """A new, empty database of the test's own on the session's PostgreSQL; its SQLAlchemy URL."""
    return create_database(postgres_session, f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Debian chromium for every browser test (skipped locally without it, required in CI)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; .ci/run must install Debian's chromium", pytrace=False)
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def host_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A second local origin standing in for the ward's website."""
    root = tmp_path_factory.mktemp("host")
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(SimpleHTTPRequestHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", root
    server.shutdown()
