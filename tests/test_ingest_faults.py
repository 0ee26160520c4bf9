"""Faults during ingest: SIGKILL at random points, corrupt corpus files, queries during a re-ingest.

The 20 kill runs are marked slow; `make test` runs them (and CI does), `make test-fast` skips them.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.corpus import CorpusError
from service.engine import Engine, build, open_store
from service.settings import Settings

from .support import CORPUS, own_copy, record, run_cli

QUESTIONS = [
    "事業を息子に継がせたい",
    "R9のAED設置台数の目標は？",
    "融資",
    "How do I renew my passport?",
    "取組み3-1の内容は？",
]
KILL_RUNS = 20


def answers(settings: Settings) -> list[str]:
    engine = Engine.load(settings)
    return [engine.answer(q).text for q in QUESTIONS]


@pytest.fixture
def own(tmp_path: Path, settings: Settings, engine: Engine) -> Settings:
    return own_copy(tmp_path, settings, index=True)


def ingest_process(settings: Settings) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SHIEN_DATA_DIR": str(settings.data_dir),
        "SHIEN_CORPUS_DIR": str(settings.corpus_dir),
        "OMP_NUM_THREADS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "ingest"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_serving_the_previous_index(own: Settings) -> None:
    baseline = answers(own)
    start = time.monotonic()
    full = ingest_process(own)
    assert full.wait(timeout=300) == 0
    duration = time.monotonic() - start
    rng = random.Random(20261128)
    survived = 0
    for run in range(KILL_RUNS):
        if run % 5 == 4:  # now and then without cached vectors, so the kill can land while embedding
            shutil.rmtree(own.data_dir / "cache", ignore_errors=True)
        process = ingest_process(own)
        time.sleep(rng.uniform(0.2, duration))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        survived += answers(own) == baseline
    record(kill_runs=KILL_RUNS, kill_runs_serving_same_answers=survived)
    assert survived == KILL_RUNS


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3]),
        lambda p: p.write_bytes(b"\xff\xfe" + p.read_bytes()[:1000]),
        lambda p: p.write_text(""),
        lambda p: p.unlink(),
    ],
    ids=["truncated", "not-utf8", "empty", "missing"],
)
def test_corrupt_corpus_fails_and_old_index_serves(own: Settings, damage: object) -> None:
    baseline = answers(own)
    before = open_store(own).active()
    damage(own.corpus_dir / "setagaya_vision_ch3.txt")  # type: ignore[operator]
    result = run_cli("ingest", settings=own)
    assert result.exit_code == 2
    assert "setagaya_vision_ch3.txt" in result.stderr and "Traceback" not in result.stderr
    assert open_store(own).active() == before
    shutil.copy(CORPUS / "setagaya_vision_ch3.txt", own.corpus_dir / "setagaya_vision_ch3.txt")
    assert answers(own) == baseline


def test_queries_during_reingest_have_no_errors(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.engine.REFRESH_EVERY_S", 0.2)
    engine = Engine.load(own)
    first = engine.retriever.info.collection
    errors = 0
    queries = 0
    stop = threading.Event()

    def ask_repeatedly() -> None:
        nonlocal errors, queries
        while not stop.is_set():
            try:
                engine.refresh()
                engine.answer(QUESTIONS[queries % len(QUESTIONS)])
                engine.retriever.search("融資", k=3)
            except Exception:
                errors += 1
            queries += 1

    workers = [threading.Thread(target=ask_repeatedly) for _ in range(2)]
    for w in workers:
        w.start()
    for _ in range(3):
        build(own)
        time.sleep(0.5)
    stop.set()
    for w in workers:
        w.join(timeout=60)
    record(queries_during_reingest=queries, errors_during_reingest=errors)
    assert queries > 10
    assert errors == 0
    assert engine.retriever.info.collection != first  # it moved to the newest build
    with pytest.raises(CorpusError):
        (own.corpus_dir / "setagaya_vision_ch3.txt").write_text("")
        build(own)
