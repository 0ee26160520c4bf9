"""The labelled questions the breadth classifier (`service/answer/breadth.py`) is trained on.

Only questions meant for tuning: the dev split (never test), the generic asks of `prompts/clarify.json`, and
three banks written independently from the chapter. `broad_bank_2.jsonl` stays out: it is the held-out check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from service.evaluation.metrics import load_questions

# (file, the question types or bank labels that are broad, those that are specific)
_SOURCES: tuple[tuple[str, set[str], set[str]], ...] = (
    ("questions.jsonl", {"broad"}, {"measure"}),
    ("broad_asks.jsonl", {"broad"}, {"specific"}),
    ("measure_questions.jsonl", set(), {"measure"}),
    ("needs_and_details_bank.jsonl", set(), {"measure"}),
)


def training_questions(data_dir: Path, clarify: dict[str, Any]) -> list[tuple[str, bool]]:
    """Each training question with whether it is broad, in a stable order."""
    examples = [(ask, True) for lang in ("ja", "en") for ask in clarify["generic_asks"][lang]]
    for name, broad, specific in _SOURCES:
        path = data_dir / name
        if name == "broad_asks.jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            labelled = [(str(row["question"]), str(row["label"])) for row in rows]
        else:
            split = "dev" if name == "questions.jsonl" else None
            labelled = [(q.question, q.type) for q in load_questions(path, split)]
        examples += [(text, label in broad) for text, label in labelled if label in broad | specific]
    return examples
