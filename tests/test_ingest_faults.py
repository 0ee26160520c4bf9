"""Faults during ingest: SIGKILL at each stage of a build, corrupt corpus files, queries during a re-ingest.

The kill runs are marked slow; `make test` runs them (and CI does), `make test-fast` skips them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.corpus import CorpusError
from ingest.index import BATCH, COLLECTION_PREFIX, KEEP_BUILDS, UNITS_SUFFIX
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
# Where `shien ingest` is killed: right after it prints the line that starts a stage (see ingest.index.Progress),
# so each kill lands in that stage rather than where a random timer happens to fall.
KILL_AT = [
    f"embedding {BATCH}/",  # the model embedding passages (run without cached vectors): nothing written yet
    "writing 0/",  # the new collection half written
    "writing units 0/",  # the main collection complete, the units' half written: the last step before the switch
    "switching 0/1",  # the pointer record being moved
    "cleaning up 0/",  # older builds (among them the half-written ones above) being dropped
]
BEFORE_THE_SWITCH = 3  # the first three kills land before the pointer moves


def answers(settings: Settings) -> list[str]:
    engine = Engine.load(settings)
    return [engine.answer(q).text for q in QUESTIONS]


@pytest.fixture
def own(tmp_path: Path, settings: Settings, engine: Engine) -> Settings:
    return own_copy(tmp_path, settings, index=True)


def start_ingest(settings: Settings) -> subprocess.Popen[str]:
    """`shien ingest` in a process of its own, as a deployment runs it beside the service; its progress lines
    (see ingest.index.Progress) come on stderr."""
    env = {
        **os.environ,
        "SHIEN_DATA_DIR": str(settings.data_dir),
        "SHIEN_CORPUS_DIR": str(settings.corpus_dir),
        "OMP_NUM_THREADS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", "ingest"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own: the ingest and whatever it starts
    )


def kill_ingest_at(settings: Settings, line: str) -> None:
    """Run `shien ingest` and SIGKILL it as soon as it prints `line`; then check that no process it started (the
    embedding workers) outlives it."""
    process = start_ingest(settings)
    assert process.stderr is not None
    printed = []
    for printed_line in process.stderr:
        printed.append(printed_line)
        if printed_line.startswith(line):
            process.kill()
            break
    status = process.wait(timeout=60)
    process.stderr.close()
    try:
        assert status == -signal.SIGKILL, f"ingest ended ({status}) before printing {line!r}:\n{''.join(printed)}"
        deadline = time.monotonic() + 10
        while _group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(process.pid), f"processes of the ingest killed at {line!r} live on"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def builds(settings: Settings) -> set[str]:
    """The builds whose collections the store holds (complete or not)."""
    names = [c.name for c in open_store(settings).client.list_collections()]
    return {n.removesuffix(UNITS_SUFFIX) for n in names if n.startswith(COLLECTION_PREFIX)}


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_serving_the_previous_index(own: Settings, engine: Engine, tmp_path: Path) -> None:
    """SIGKILL in every stage of a build. After each kill the service loads and gives the same answers, and until
    the switch the pointer still names the previous build; a later ingest completes over what the kills left."""
    baseline = answers(own)
    first = open_store(own).active()
    assert first is not None
    passages = own.vector_cache_dir() / engine.embeddings.path.name  # the main model's cached passage vectors
    saved = shutil.copy(passages, tmp_path)
    served_same = 0
    moved: list[str] = []  # kills before the switch after which the pointer had moved anyway
    for run, line in enumerate(KILL_AT):
        known = builds(own)
        if line.startswith("embedding"):  # no cached passage vectors, so the model is at work when the kill lands
            passages.unlink()
        kill_ingest_at(own, line)
        if line.startswith("embedding"):  # the vectors back: the later stages are what the next runs aim at
            for leftover in passages.parent.glob(f"{passages.name}*"):  # with any journal the kill left
                leftover.unlink()
            shutil.copy(saved, passages)
        if line.startswith("writing"):  # the kill landed with a new collection begun
            assert builds(own) - known, line
        if run < BEFORE_THE_SWITCH and open_store(own).active() != first:
            moved.append(line)
        served_same += answers(own) == baseline
    record(kill_runs=len(KILL_AT), kill_runs_serving_same_answers=served_same)
    assert served_same == len(KILL_AT)
    assert moved == []
    info = build(own)  # what the kills left behind does not stop the next ingest
    assert open_store(own).active() == info
    assert len(builds(own)) <= KEEP_BUILDS + 1  # the half-written builds were dropped
    assert answers(own) == baseline


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


def test_a_new_build_does_not_embed_known_questions_again(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The models outlive index builds, and so do the question vectors: after a re-ingest, a question asked before
    (and the generic asks the scope compares with) costs no model pass, so the first answers stay fast."""
    monkeypatch.setattr("service.engine.REFRESH_EVERY_S", 0.0)
    engine = Engine.load(own)
    question = "How do I renew my passport?"  # out of scope: compared with every generic ask
    engine.answer(question)
    first = engine.retriever.info.collection
    build(own)
    assert engine.refresh() and engine.retriever.info.collection != first
    model = engine.embeddings.inner
    calls: list[str] = []
    real = model.embed_query

    def counted(text: str) -> list[float]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(model, "embed_query", counted)
    engine.answer(question)
    assert calls == []


@pytest.mark.slow
def test_queries_during_reingest_have_no_errors(own: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a deployment does: `shien ingest` rebuilds in a process of its own, three times, while the service
    answers from two threads. No question fails, answers keep coming while each new build is written and switched
    in, and the service ends on the newest build."""
    monkeypatch.setattr("service.engine.REFRESH_EVERY_S", 0.2)
    engine = Engine.load(own)
    first = engine.retriever.info.collection
    errors = 0
    answered: list[float] = []  # when each question's answer and search completed
    stop = threading.Event()

    def ask_repeatedly() -> None:
        nonlocal errors
        while not stop.is_set():
            try:
                engine.refresh()
                engine.answer(QUESTIONS[len(answered) % len(QUESTIONS)])
                engine.retriever.search("融資", k=3)
                answered.append(time.monotonic())
            except Exception:
                errors += 1

    workers = [threading.Thread(target=ask_repeatedly) for _ in range(2)]
    for w in workers:
        w.start()
    written: list[tuple[float, float]] = []  # each build, from its first write to the ingest's exit
    try:
        for _ in range(3):
            process = start_ingest(own)
            assert process.stderr is not None
            printed = []
            began = 0.0
            for line in process.stderr:
                printed.append(line)
                if line.startswith("writing 0/"):
                    began = time.monotonic()
            assert process.wait(timeout=120) == 0, "".join(printed)
            written.append((began, time.monotonic()))
    finally:
        stop.set()
        for w in workers:
            w.join(timeout=60)
    during = [sum(start <= t <= end for t in answered) for start, end in written]
    record(queries_during_reingest=len(answered), errors_during_reingest=errors)
    assert errors == 0
    assert all(during), f"answers while each build was written and switched in: {during}"
    time.sleep(0.3)
    engine.refresh()
    active = open_store(own).active()
    assert active is not None and active.collection != first
    assert engine.retriever.info.collection == active.collection  # it moved to the newest build
    with pytest.raises(CorpusError):
        (own.corpus_dir / "setagaya_vision_ch3.txt").write_text("")
        build(own)
