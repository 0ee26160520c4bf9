"""Shared fixtures: the real corpus and its catalogue, one engine, one Chroma server per session."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from datetime import date
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
from .support import ARTIFACTS, CHROMIUM, CORPUS, FIGURES, LAUNCH_ARGS, VECTOR_CACHE, FirstTurns, exclusive

# Under pytest-xdist (`make test` runs two workers) the tests of one module run in one worker, so its module
# fixtures are set up once; the modules that answer the question set share a worker, so the engine embeds each
# of those questions once. The longest start first, so that no worker is left alone with one at the end.
# The question banks were written on this day; relative years in them (今年度, "this fiscal year") mean its FY.
QUESTIONS_WRITTEN = date(2026, 11, 29)
SAME_WORKER = {
    "tests/test_answers.py": "questions",
    "tests/test_quality.py": "questions",
    "tests/test_retrieval.py": "questions",
    "tests/test_english.py": "questions",
}
LONGEST_FIRST = ["tests/test_ingest_faults.py", "tests/test_index.py", "questions", "tests/test_scale.py"]


# Each bank's gate is a work unit of its own: together they take over ten minutes, and as one module they kept one
# worker busy long after the other had finished (each worker has its engine anyway).
SPLIT_BY_TEST = {"tests/test_banks.py"}


def _work_unit(nodeid: str) -> str:
    module = nodeid.split("::", 1)[0]
    return nodeid if module in SPLIT_BY_TEST else SAME_WORKER.get(module, module)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: the order of collection is the order of work
        first = {unit: rank for rank, unit in enumerate(LONGEST_FIRST)}
        items.sort(key=lambda item: first.get(_work_unit(item.nodeid), len(first)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """With `-n`, hand the workers whole modules (and the question-set modules together), in collection order."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModulesTogether(LoadScopeScheduling):  # type: ignore[misc]  # xdist has no type hints
        def _split_scope(self, nodeid: str) -> str:
            return _work_unit(nodeid)

    config.option.loadscopereorder = False
    return ModulesTogether(config, log)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--add-figures",
        action="store_true",
        help="add to the reliability figures of the run before (`make test` runs the `alone` tests second)",
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    """A run starts its reliability figures afresh (once, in the controlling process under pytest-xdist)."""
    if not hasattr(session.config, "workerinput") and not session.config.getoption("add_figures"):
        FIGURES.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CORPUS)


@pytest.fixture(scope="session")
def corpus_lines() -> list[str]:
    return (CORPUS / "setagaya_vision_ch3.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a data directory of the session's own (index built once) and the persistent vector cache,
    on the date the banks were written: 「今年度」 in them means FY2026 (R8), whenever the suite runs."""
    return Settings(
        data_dir=tmp_path_factory.mktemp("data"), corpus_dir=CORPUS, cache_dir=VECTOR_CACHE, today=QUESTIONS_WRITTEN
    )


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Engine:
    """The real engine over a real index, built with the bundled embedder."""
    # One build at a time across worker processes: with a cold vector cache the first embeds, the next reuses.
    with exclusive(VECTOR_CACHE.parent / "build.lock"):
        build(settings)
    return Engine.load(settings)


@pytest.fixture(scope="session")
def first_turns(engine: Engine) -> FirstTurns:
    """The engine's answers to questions asked with no conversation before, composed once per worker."""
    return FirstTurns(engine)


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
