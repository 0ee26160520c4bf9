"""Which language a question is in: Japanese if it has any kana or kanji, else English."""

from __future__ import annotations

import re

JAPANESE_SCRIPT = re.compile(r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""One kana or kanji character (hiragana, katakana incl. half-width, CJK ideographs)."""

LANGUAGES = ("ja", "en")


def detect_language(text: str) -> str:
    """ "ja" when the text contains kana or kanji, otherwise "en"."""
    return "ja" if JAPANESE_SCRIPT.search(text) else "en"
