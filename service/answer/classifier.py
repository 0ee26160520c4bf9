"""Learned readings of a question's style, where hand-written signals miss wordings nobody listed.

- Breadth: a first question too broad to answer without asking back. The signals in `scope.py` (generic words,
  purposes, the closest of 48 generic asks) miss 「町工場を営んでいます。区の制度で何か利用できるものはありますか」
  and "I'm a farmer in Setagaya. anything for me?".
- Scope: a question about nothing the vision covers though close enough to some measure by similarity ("My lower back
  hurts from standing at the counter all day", 「区長って今誰？」): measures share words with all of daily life.

Each is a logistic regression on the main model's question vector, trained on labelled questions (`shien
train-breadth`, `shien train-scope`). Its weights belong to one embedding model: with another model configured, the
classifier is not used and the hand-written signals decide alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Chosen by cross-validation on the training questions, leaving one question set out at a time (BENCHMARKS.md).
# Breadth: the most broad asks found while under 1 % of specific questions are asked back.
BREADTH_REGULARISATION = 30.0
BREADTH_THRESHOLD = 0.7
# Scope: a question is read as out of scope only when nearly certain; about 1 in 1,000 covered questions is read so
# while most of the out-of-scope questions the similarity thresholds let in are caught.
SCOPE_REGULARISATION = 10.0
SCOPE_THRESHOLD = 0.9


@dataclass(frozen=True)
class QuestionClassifier:
    """Logistic regression over one model's normalised question vectors: does a question read as `positive`?"""

    model: str  # the embedder id the weights were trained on
    weights: np.ndarray
    bias: float
    threshold: float
    trained_on: dict[str, int]  # how many questions of each label, the positive one first
    # SHA-256 of the labelled questions trained on: retrained weights differ in the last digits from one CPU to
    # another, so this is what tells exactly whether a shipped file still matches its training set.
    questions_sha256: str

    def probability(self, vector: np.ndarray) -> float:
        """The probability that a question with this vector reads as the positive label."""
        return float(1.0 / (1.0 + np.exp(-(float(vector @ self.weights) + self.bias))))

    def reads(self, vector: np.ndarray) -> bool:
        """True when the probability reaches the threshold."""
        return self.probability(vector) >= self.threshold

    @classmethod
    def fit(
        cls,
        model: str,
        vectors: np.ndarray,
        positive: list[bool],
        labels: tuple[str, str],
        regularisation: float,
        threshold: float,
        questions_sha256: str,
    ) -> QuestionClassifier:
        """Train on question vectors (one row each) and whether each question is positive; `labels` names the
        positive and the negative label; `questions_sha256` identifies the labelled questions."""
        from sklearn.linear_model import LogisticRegression  # training only: serving needs numpy alone

        marks = np.array(positive, dtype=int)
        fitted = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=5000).fit(vectors, marks)
        return cls(
            model=model,
            weights=fitted.coef_[0].astype(np.float64),
            bias=float(fitted.intercept_[0]),
            threshold=threshold,
            trained_on={labels[0]: int(marks.sum()), labels[1]: int(len(marks) - marks.sum())},
            questions_sha256=questions_sha256,
        )

    def save(self, path: Path) -> None:
        """Write the classifier as JSON (weights rounded to 6 decimals: the file stays diffable and small)."""
        data = {
            "model": self.model,
            "threshold": self.threshold,
            "bias": round(self.bias, 6),
            "trained_on": self.trained_on,
            "questions_sha256": self.questions_sha256,
            "weights": [round(float(w), 6) for w in self.weights],
        }
        path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, model: str) -> QuestionClassifier | None:
        """The classifier at `path` if it was trained for `model`, else None (no file, or another model)."""
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["model"] != model:
            return None
        return cls(
            model=data["model"],
            weights=np.array(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            trained_on=dict(data["trained_on"]),
            questions_sha256=str(data.get("questions_sha256", "")),
        )
