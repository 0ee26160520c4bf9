"""A learned reading of whether a first question is too broad to answer without asking back.

The hand-written signals in `scope.py` (generic words, purposes, the closest of 48 generic asks) miss broad asks
worded in ways nobody listed: 「町工場を営んでいます。区の制度で何か利用できるものはありますか」, "I'm a farmer in
Setagaya. anything for me?". A logistic regression on the main model's question vector, trained on labelled broad
and specific questions (`shien train-breadth`), reads the style of a broad ask. Its weights belong to one embedding
model: with another model configured, the classifier is not used and the hand-written signals decide alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Chosen by 5-fold cross-validation on the training questions (BENCHMARKS.md): the most broad asks found while
# under 1 % of specific questions are asked back.
REGULARISATION = 30.0
THRESHOLD = 0.7


@dataclass(frozen=True)
class BreadthClassifier:
    """Logistic regression over one model's normalised question vectors."""

    model: str  # the embedder id the weights were trained on
    weights: np.ndarray
    bias: float
    threshold: float
    trained_on: dict[str, int]  # how many broad and specific questions

    def probability(self, vector: np.ndarray) -> float:
        """The probability that a question with this vector is a broad ask."""
        return float(1.0 / (1.0 + np.exp(-(float(vector @ self.weights) + self.bias))))

    def is_broad(self, vector: np.ndarray) -> bool:
        """True when the probability reaches the threshold."""
        return self.probability(vector) >= self.threshold

    @classmethod
    def fit(cls, model: str, vectors: np.ndarray, broad: list[bool]) -> BreadthClassifier:
        """Train on question vectors (one row each) and whether each question is broad."""
        from sklearn.linear_model import LogisticRegression  # training only: serving needs numpy alone

        labels = np.array(broad, dtype=int)
        fitted = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=5000).fit(vectors, labels)
        return cls(
            model=model,
            weights=fitted.coef_[0].astype(np.float64),
            bias=float(fitted.intercept_[0]),
            threshold=THRESHOLD,
            trained_on={"broad": int(labels.sum()), "specific": int(len(labels) - labels.sum())},
        )

    def save(self, path: Path) -> None:
        """Write the classifier as JSON (weights rounded to 6 decimals: the file stays diffable and small)."""
        data = {
            "model": self.model,
            "threshold": self.threshold,
            "bias": round(self.bias, 6),
            "trained_on": self.trained_on,
            "weights": [round(float(w), 6) for w in self.weights],
        }
        path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path, model: str) -> BreadthClassifier | None:
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
        )
