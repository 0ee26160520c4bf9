"""Shared fixtures: the real corpus and its catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.catalogue import Catalogue
from ingest.corpus import load_catalogue
from service.engine import Engine, build
from service.settings import Settings

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CORPUS)


@pytest.fixture(scope="session")
def corpus_lines() -> list[str]:
    return (CORPUS / "setagaya_vision_ch3.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a data directory of the test session's own (index built once)."""
    return Settings(data_dir=tmp_path_factory.mktemp("data"), corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Engine:
    """The real engine over a real index, built with the bundled embedder."""
    build(settings)
    return Engine.load(settings)
