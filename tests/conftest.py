"""Shared fixtures: the real corpus and its catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.catalogue import Catalogue
from ingest.corpus import load_catalogue

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CORPUS)


@pytest.fixture(scope="session")
def corpus_lines() -> list[str]:
    return (CORPUS / "setagaya_vision_ch3.txt").read_text(encoding="utf-8").splitlines()
