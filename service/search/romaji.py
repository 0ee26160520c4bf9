"""Japanese typed in romaji, read in kana: 「sangenjaya ni shuushoku no soudan dekiru toko aru?」 →
「さんげんじゃや に しゅうしょく の そうだん できる とこ ある?」, which `KanaRestorer` then reads as the document prints
it (しゅうしょく → 就職, そうだん → 相談).

Owners on a phone without a Japanese keyboard write Japanese this way; the models read it as noise. Only a text
that reads as romaji Japanese is rewritten, and in it only the words that spell kana: English ("web", "platform"),
acronyms and numbers stay as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jaconv

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_JAPANESE_SCRIPT = re.compile(r"[ぁ-ゖァ-ヺ一-龥]")
_HIRAGANA_ONLY = re.compile(r"[ぁ-ゖー]+")
# What only romaji Japanese spells: its particles and endings, and sounds English words seldom spell.
_JAPANESE_WORDS = frozenset({
    "wa", "ga", "wo", "ni", "de", "ka", "ne", "yo", "kedo", "tte", "desu", "masu", "aru", "nai", "naru", "suru",
    "shitai", "dekiru", "kudasai", "onegai", "toka", "nanka", "mitai", "dake", "kara", "made", "node", "demo",
    "sore", "kore", "sono", "kono", "doko", "nani", "nan", "ikura", "maji", "yappari", "chotto",
})  # fmt: skip
_JAPANESE_SOUNDS = re.compile(
    r"shi|chi|tsu|ou|uu|ky|gy|ry|ny|hy|my|by|py|sh[aou]|ch[aou]|j[aou]|([kstp])\1"
    r"|(nai|tai|masu|desu|mashita|teru|tta|rou|shou)$"
)
# Enough of the text's Latin words spell kana, and enough of them are Japanese beyond doubt.
_SPELLING_SHARE = 0.75
_MIN_JAPANESE_WORDS = 2
_ALL_SPELLED_WORDS = 3
# Words romaji spells by sound (the particles wa, wo) or that start with a doubled consonant (tte), as kana prints
# them.
_SPOKEN = {"wa": "は", "wo": "を", "tte": "って"}
# English words that spell kana ("tea": てあ, "you": よう): neither sign of romaji nor against it.
_ENGLISH = frozenset({
    "i", "a", "an", "on", "in", "is", "it", "at", "as", "so", "to", "no", "do", "go", "me", "we", "he", "be", "are",
    "you", "tea", "run", "one", "oh", "ok", "hi", "japan", "shoe", "joke", "judo", "hotel", "taxi", "menu", "anime",
})  # fmt: skip


# Every search reads its query through `romaji_as_kana`, English questions too: the words' spellings are kept.
@lru_cache(maxsize=8192)
def _kana(word: str) -> str | None:
    """The hiragana a lower-case Latin word spells as Hepburn romaji, else None: an English word spells no kana that
    reads back as it (guesthouse → ぐえってょうせ → "guetteyouse", hello → へっろ → "herro")."""
    if word in _SPOKEN:
        return _SPOKEN[word]
    kana = jaconv.alphabet2kana(word)
    if not _HIRAGANA_ONLY.fullmatch(kana) or jaconv.kana2alphabet(kana) != word.replace("'", ""):
        return None
    return kana


def reads_as_romaji(text: str) -> bool:
    """True when `text` is Japanese typed in romaji: no Japanese script, and most of its words spell kana, two of
    them at least beyond doubt Japanese (particles, endings, sounds like "shu" or "tsu")."""
    if _JAPANESE_SCRIPT.search(text):
        return False
    words = [w.lower() for w in _LATIN_WORD.findall(text) if not w.isupper() or len(w) == 1]
    words = [w for w in words if w not in _ENGLISH]
    if len(words) < _MIN_JAPANESE_WORDS:
        return False
    # An English text gives itself away within a few words: stop once too many spell no kana.
    allowed_misses = len(words) - _SPELLING_SHARE * len(words)
    spelled: list[str] = []
    for n, word in enumerate(words):
        if _kana(word) is not None:
            spelled.append(word)
        elif n + 1 - len(spelled) > allowed_misses:
            return False
    japanese = [w for w in spelled if w in _JAPANESE_WORDS or _JAPANESE_SOUNDS.search(w)]
    # 「kakutei shinkoku no yarikata」: three words or more, every one spelling kana, are Japanese too.
    return len(japanese) >= _MIN_JAPANESE_WORDS or len(spelled) == len(words) >= _ALL_SPELLED_WORDS


def romaji_as_kana(text: str) -> str:
    """`text` with its romaji words in hiragana, when it reads as romaji Japanese; else `text` as it is."""
    if not reads_as_romaji(text):
        return text

    def spell(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if word.isupper() and len(word) > 1:
            return word
        return _kana(low) or word

    return _LATIN_WORD.sub(spell, text)


_SPACE_BETWEEN_JAPANESE = re.compile(r"(?<=[ぁ-ゖァ-ヺー一-龥々])[ \t]+(?=[ぁ-ゖァ-ヺー一-龥々])")


def joined(text: str) -> str:
    """`text` without the spaces romaji put between Japanese words (確定 申告 → 確定申告), as Japanese prints it."""
    return _SPACE_BETWEEN_JAPANESE.sub("", text)
