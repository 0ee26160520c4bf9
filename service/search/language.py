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

_HIRAGANA = re.compile(r"[\u3041-\u309f]")
# The words English grammar is built of: a sentence of them is English, however long the Japanese name it quotes
# ("that's with a 中小企業診断士, right?", "is the ふれあい農園 open for kids?").
_ENGLISH_GRAMMAR = re.compile(
    r"\b(the|a|an|is|are|was|were|be|with|that's|it's|what|what's|how|does|do|did|can|could|will|would|for|of|to"
    r"|and|or|right|my|our|your|this|that|there|any|about|in|on|at|from|by|if|i|we|you|they|it)\b",
    re.IGNORECASE,
)
# That many grammar words make a text English though it prints hiragana (a name such as ふれあい農園); with no
# hiragana at all (no particle binds the words into Japanese), this many fewer do.
ENGLISH_GRAMMAR_WORDS = 3

LANGUAGES = ("ja", "en")


def detect_language(text: str) -> str:
    """ "ja" when kana or kanji carry the text, otherwise "en"."""
    japanese = len(JAPANESE_SCRIPT.findall(text))
    if not japanese or japanese * LATIN_PER_JAPANESE < len(_LATIN.findall(text)):
        return "en"
    grammar = len(_ENGLISH_GRAMMAR.findall(text))
    needed = ENGLISH_GRAMMAR_WORDS - (0 if _HIRAGANA.search(text) else 1)
    return "en" if grammar >= needed else "ja"


# Hepburn's long vowels (shōtengai, sōdankai, nōen): the glossary spells romanized words without the macron.
_MACRONS = str.maketrans("āīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ", "aiueoaiueoAIUEOAIUEO")


def without_macrons(text: str) -> str:
    """`text` with long-vowel marks dropped from Latin letters (shōtengai → shotengai)."""
    return text.translate(_MACRONS)
