"""Loanwords typed in hiragana (いんぼいす, すたーとあっぷ) read as the katakana the document prints.

Sudachi cuts such words into nonsense (いんぼいす → ぼ, 椅子) and the models barely know them, so a hiragana run
that spells a katakana word of the indexed text is rewritten in katakana before anything reads the question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_HIRAGANA_RUN = re.compile(r"[ぁ-ゖー]{4,}")
# Four characters or more: shorter katakana words (ペア, コト) are too easily spelled by ordinary hiragana.
_KATAKANA_WORD = re.compile(r"[ァ-ヺー]{4,}")
_HIRAGANA_TO_KATAKANA = 0x60


def to_katakana(text: str) -> str:
    """Hiragana letters as katakana, every other character as it is."""
    return "".join(chr(ord(c) + _HIRAGANA_TO_KATAKANA) if "ぁ" <= c <= "ゖ" else c for c in text)


class KanaRestorer:
    """Rewrites hiragana spellings of the katakana words of a text collection."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = {w for text in texts for w in _KATAKANA_WORD.findall(unicodedata.normalize("NFKC", text))}
        longest_first = sorted(words, key=len, reverse=True)
        self._words = re.compile("|".join(map(re.escape, longest_first))) if words else None

    def restore(self, text: str) -> str:
        """`text` with hiragana spellings of known katakana words in katakana (いんぼいすって → インボイスって)."""
        if self._words is None:
            return text
        words = self._words

        def rewrite(run: re.Match[str]) -> str:
            hiragana = run.group(0)
            parts, last = [], 0
            for word in words.finditer(to_katakana(hiragana)):
                parts += [hiragana[last : word.start()], word.group(0)]
                last = word.end()
            return "".join(parts) + hiragana[last:]

        return _HIRAGANA_RUN.sub(rewrite, text)
