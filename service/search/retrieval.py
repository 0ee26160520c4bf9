"""Hybrid retrieval: dense (Chroma) + BM25 over Japanese tokens, fused by weighted RRF.

BM25 over Japanese tokens has nothing to match in an English question except
what the glossary adds, so the keyword side weighs less for English questions
(calibrated with `shien eval`, figures in BENCHMARKS.md).
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from ingest.index import IndexInfo, IndexStore
from service.search.keyword import Glossary, JapaneseTokenizer, KeywordIndex
from service.search.language import detect_language

RRF_K = 60
KEYWORD_WEIGHT = {"ja": 1.0, "en": 0.5}
DENSE_WEIGHT = 1.0
KINDS = ("measure", "initiative", "section")


@dataclass(frozen=True)
class Filters:
    """Restrict results to a policy, goal, initiative or document kind."""

    policy: int | None = None
    goal: int | None = None
    initiative: str | None = None
    kind: str | None = None

    def accepts(self, meta: dict[str, Any]) -> bool:
        """True when a document's metadata passes every filter that is set."""
        if self.kind and meta.get("kind") != self.kind:
            return False
        if self.policy is not None and f",{self.policy}," not in str(meta.get("policies", "")):
            return False
        if self.goal is not None and f",{self.goal}," not in str(meta.get("goals", "")):
            return False
        return not (self.initiative and f",{self.initiative}," not in str(meta.get("initiatives", "")))


@dataclass(frozen=True)
class Hit:
    """One ranked result."""

    rank: int
    kind: str
    id: str
    measure_id: str
    name: str
    initiatives: list[str]
    score: float
    text: str
    lines: tuple[int, int] = (0, 0)
    document: str = ""
    similarity: float = 0.0  # cosine similarity of the dense side
    keyword_score: float = 0.0  # BM25 score of the keyword side (0 when no keyword matched)

    def to_json(self) -> dict[str, Any]:
        """The hit as `shien search --json` prints it."""
        return {
            "rank": self.rank,
            "kind": self.kind,
            "measure_id": self.measure_id or None,
            "name": self.name,
            "initiatives": self.initiatives,
            "score": round(self.score, 6),
            "text": self.text,
            "source": {"document": self.document, "lines": list(self.lines)},
        }


def query_cache_key(question: str) -> str:
    """NFKC, trimmed, inner whitespace collapsed: the key of the query cache."""
    return " ".join(unicodedata.normalize("NFKC", question).split())


class Retriever:
    """Searches the active index. Load once; `search` is thread-safe."""

    def __init__(
        self,
        store: IndexStore,
        info: IndexInfo,
        embeddings: Embeddings,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        cache_size: int = 512,
    ) -> None:
        self.info = info
        self._embeddings = embeddings
        self.tokenize = tokenizer
        self.glossary = glossary
        self._vectorstore = Chroma(
            client=store.client,
            collection_name=info.collection,
            embedding_function=embeddings,
            create_collection_if_not_exists=False,
        )
        got = store.collection(info).get(include=["documents", "metadatas"])
        self._docs: dict[str, tuple[str, dict[str, Any]]] = {
            doc_id: (text, meta)
            for doc_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }
        ids = list(self._docs)
        self._keyword = KeywordIndex(ids, [self._docs[i][0] for i in ids], tokenizer)
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _query_vector(self, key: str) -> list[float]:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        vector = self._embeddings.embed_query(key)
        with self._lock:
            self._cache[key] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector

    def dense_ranking(self, question: str) -> list[tuple[str, float]]:
        """(document id, cosine similarity), best first."""
        vector = self._query_vector(query_cache_key(question))
        # Despite its name this returns cosine *distances* (the collection uses the cosine space).
        results = self._vectorstore.similarity_search_by_vector_with_relevance_scores(vector, k=len(self._docs))
        return [(str(doc.id), 1.0 - float(distance)) for doc, distance in results if doc.id]

    def keyword_ranking(self, question: str) -> list[tuple[str, float]]:
        """(document id, BM25 score) over the question's tokens and glossary terms, best first."""
        terms = [question, *self.glossary.expand(question)]
        tokens = [t for text in terms for t in self.tokenize(text) if self.glossary.keep(t)]
        scores = self._keyword.scores(tokens)
        return sorted(scores.items(), key=lambda item: -item[1])

    def search(self, question: str, k: int = 5, filters: Filters | None = None, lang: str | None = None) -> list[Hit]:
        """The k best documents for a question, each measure once."""
        filters = filters or Filters()
        lang = lang or detect_language(question)
        dense = [(i, s) for i, s in self.dense_ranking(question) if filters.accepts(self._docs[i][1])]
        keyword = [(i, s) for i, s in self.keyword_ranking(question) if filters.accepts(self._docs[i][1])]
        similarity = dict(dense)
        keyword_score = dict(keyword)
        fused: dict[str, float] = {}
        for ranking, weight in ((dense, DENSE_WEIGHT), (keyword, KEYWORD_WEIGHT[lang])):
            for rank, (doc_id, _) in enumerate(ranking, start=1):
                fused[doc_id] = fused.get(doc_id, 0.0) + weight / (RRF_K + rank)
        ordered = sorted(fused, key=lambda i: -fused[i])[:k]
        hits = []
        for rank, doc_id in enumerate(ordered, start=1):
            text, meta = self._docs[doc_id]
            hits.append(
                Hit(
                    rank=rank,
                    kind=str(meta["kind"]),
                    id=doc_id,
                    measure_id=str(meta.get("measure_id") or ""),
                    name=str(meta.get("name", "")),
                    initiatives=[c for c in str(meta.get("initiatives", "")).split(",") if c],
                    score=fused[doc_id],
                    text=text,
                    lines=(int(meta.get("first_line", 0)), int(meta.get("last_line", 0))),
                    document=str(meta.get("document", "")),
                    similarity=similarity.get(doc_id, 0.0),
                    keyword_score=keyword_score.get(doc_id, 0.0),
                )
            )
        return hits
