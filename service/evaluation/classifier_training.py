"""The labelled questions the question classifiers (`service/answer/classifier.py`) are trained on.

Only questions meant for tuning: the dev split (never test), the generic asks of `prompts/clarify.json`, and banks
written independently from the chapter. Held out, as checks nobody trained on: `broad_bank_2.jsonl` (breadth) and
`scope_bank_12.jsonl` (scope).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.answer.classifier import (
    BREADTH_REGULARISATION,
    BREADTH_THRESHOLD,
    SCOPE_REGULARISATION,
    SCOPE_THRESHOLD,
)
from service.evaluation.metrics import load_questions

# (file, the question types or bank labels that are broad, those that are specific)
_BREADTH_SOURCES: tuple[tuple[str, set[str], set[str]], ...] = (
    ("questions.jsonl", {"broad"}, {"measure"}),
    ("broad_asks.jsonl", {"broad"}, {"specific"}),
    ("measure_questions.jsonl", set(), {"measure"}),
    ("needs_and_details_bank.jsonl", set(), {"measure"}),
)
# Covered: a need, a broad ask or a list; out of scope: another matter, or nothing at all. Details and numbers are
# judged by what they ask of a measure, conversations by the turns before: neither is read by the scope classifier.
_COVERED = {"measure", "broad", "specific", "list"}
_OUT_OF_SCOPE = {"out_of_scope", "nonsense"}
_SCOPE_SOURCES = (
    "questions.jsonl",
    "measure_questions.jsonl",
    "needs_and_details_bank.jsonl",
    "needs_bank_3.jsonl",
    "needs_bank_4.jsonl",
    "needs_bank_5.jsonl",
    "needs_bank_6.jsonl",
    "needs_bank_7.jsonl",
    "needs_bank_8.jsonl",
    "needs_details_scope_bank.jsonl",
    "needs_details_scope_bank_2.jsonl",
    "out_of_scope_bank.jsonl",
    "broad_asks.jsonl",
    "broad_bank_3.jsonl",
    "broad_bank_4.jsonl",
    "broad_bank_5.jsonl",
    "broad_bank_6.jsonl",
)
OTHER_OFFICES = "other_offices.jsonl"  # questions for other offices: out of scope, each naming the office


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def breadth_questions(data_dir: Path, clarify: dict[str, Any]) -> list[tuple[str, bool]]:
    """Each breadth training question with whether it is broad, in a stable order."""
    examples = [(ask, True) for lang in ("ja", "en") for ask in clarify["generic_asks"][lang]]
    for name, broad, specific in _BREADTH_SOURCES:
        path = data_dir / name
        if name == "broad_asks.jsonl":
            labelled = [(str(row["question"]), str(row["label"])) for row in _rows(path)]
        else:
            split = "dev" if name == "questions.jsonl" else None
            labelled = [(q.question, q.type) for q in load_questions(path, split)]
        examples += [(text, label in broad) for text, label in labelled if label in broad | specific]
    return examples


def scope_questions(data_dir: Path, clarify: dict[str, Any]) -> list[tuple[str, bool]]:
    """Each scope training question with whether it is out of scope, in a stable order."""
    examples = [(ask, False) for lang in ("ja", "en") for ask in clarify["generic_asks"][lang]]
    for name in _SCOPE_SOURCES:
        rows = _rows(data_dir / name)
        if name == "questions.jsonl":
            rows = [row for row in rows if row["split"] == "dev"]
        labelled = [(str(row["question"]), str(row.get("type") or row.get("label"))) for row in rows]
        examples += [(text, label in _OUT_OF_SCOPE) for text, label in labelled if label in _COVERED | _OUT_OF_SCOPE]
    examples += [(str(row["question"]), True) for row in _rows(data_dir / OTHER_OFFICES)]
    return examples


def questions_sha256(examples: list[tuple[str, bool]]) -> str:
    """A fingerprint of labelled questions, their order included: a shipped classifier names the set it came from."""
    return hashlib.sha256(json.dumps(examples, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ClassifierSpec:
    """How one question classifier is trained: its questions, its labels (positive first) and its settings."""

    questions: Callable[[Path, dict[str, Any]], list[tuple[str, bool]]]
    labels: tuple[str, str]
    regularisation: float
    threshold: float


# Each classifier by the name of its weights file in prompts/ and of its `shien train-NAME` command.
CLASSIFIERS: dict[str, ClassifierSpec] = {
    "breadth": ClassifierSpec(breadth_questions, ("broad", "specific"), BREADTH_REGULARISATION, BREADTH_THRESHOLD),
    "scope": ClassifierSpec(scope_questions, ("out_of_scope", "covered"), SCOPE_REGULARISATION, SCOPE_THRESHOLD),
}
