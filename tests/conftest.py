"""Shared fixtures: the real corpus and its catalogue, one engine, one Chroma server per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.catalogue import Catalogue
from ingest.corpus import load_catalogue
from service.engine import Engine, build
from service.settings import Settings

from .servers import chroma_server, wipe_chroma
from .support import CORPUS, VECTOR_CACHE


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
