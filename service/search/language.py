"""Which language a question is in: Japanese when kana or kanji carry it, else English; and romanized Japanese
written as the glossary spells it."""

from __future__ import annotations

import re

JAPANESE_SCRIPT = re.compile(r"[\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""One kana, kanji or Japanese punctuation character (hiragana, katakana incl. half-width, CJK ideographs)."""
_LATIN = re.compile(r"[A-Za-z]")
# An English sentence may quote a Japanese name (「せたがやPay」): Japanese only when its script is more than a
# quotation, at least one character in this many Latin letters.
LATIN_PER_JAPANESE = 8

LANGUAGES = ("ja", "en")


def detect_language(text: str) -> str:
    """ "ja" when kana or kanji carry the text, otherwise "en"."""
    japanese = len(JAPANESE_SCRIPT.findall(text))
    return "ja" if japanese and japanese * LATIN_PER_JAPANESE >= len(_LATIN.findall(text)) else "en"


# Hepburn's long vowels (shōtengai, sōdankai, nōen): the glossary spells romanized words without the macron.
_MACRONS = str.maketrans("āīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ", "aiueoaiueoAIUEOAIUEO")


def without_macrons(text: str) -> str:
    """`text` with long-vowel marks dropped from Latin letters (shōtengai → shotengai)."""
    return text.translate(_MACRONS)
