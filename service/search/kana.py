"""Words typed in hiragana read as the document prints them: loanwords in katakana (いんぼいす → インボイス) and
kanji words by their reading (ほじょきん → 補助金, しえんさく → 支援策); katakana words the document joins with a dot,
typed without it (セラサービス → セラ・サービス); a loanword misremembered by one letter (アクセレーター →
アクセラレーター, エシカール → エシカル).

Sudachi cuts such words into nonsense (いんぼいす → ぼ, 椅子) and the models barely know them, so a hiragana run
that spells a katakana word of the indexed text, or the reading of one of its kanji nouns, is rewritten before
anything reads the question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_HIRAGANA_RUN = re.compile(r"[ぁ-ゖー]{3,}")
_KANJI = re.compile(r"[一-龥々]")
# Four characters or more: shorter katakana words (ペア, コト) are too easily spelled by ordinary hiragana.
_KATAKANA_WORD = re.compile(r"[ァ-ヺー]{4,}")
_KATAKANA_RUN = re.compile(r"[ァ-ヺー]+")
_HIRAGANA_TO_KATAKANA = 0x60
# A katakana word this long at least, that the document does not print, is read as the one printed word it misses by a
# single letter: shorter ones (カフェ, ネパール) are too often words of their own.
_MIN_SLIP = 5
# Katakana words the document joins with a middle dot (セラ・サービス, ワーク・ライフ・バランス): typed without it, the
# search and the models would meet a word the document never prints.
_DOTTED_WORD = re.compile(r"[ァ-ヺー]{2,}(?:・[ァ-ヺー]{2,})+")
# One-kana particles that end the kanji word before them (的に, 店を): what follows starts a word.
_PARTICLES = frozenset("にをがはでともへ")
# A reading this long at least (ソウダン, ユウシ): two kana (シエ, ケン) are spelled by ordinary hiragana too often.
_MIN_READING = 3
_MIN_READING_AFTER_PARTICLE = 4
_MAX_READING = 12


def to_katakana(text: str) -> str:
    """Hiragana letters as katakana, every other character as it is."""
    return "".join(chr(ord(c) + _HIRAGANA_TO_KATAKANA) if "ぁ" <= c <= "ゖ" else c for c in text)


class KanaRestorer:
    """Rewrites hiragana spellings of the katakana words and kanji nouns of a text collection."""

    def __init__(
        self, texts: Iterable[str], readings: Iterable[tuple[str, str]] = (), phrasings: Iterable[str] = ()
    ) -> None:
        """`texts`: the indexed text; `readings`: its kanji nouns with their katakana readings (補助金, ホジョキン);
        `phrasings`: the guide's everyday phrasings among `texts`, typed as users type
        (「けんこうけいえい 勉強したい」): what they spell in hiragana is no name the document spells so."""
        texts = list(texts)
        printed = "\n".join(unicodedata.normalize("NFKC", text) for text in texts)
        typed = set(phrasings)
        own = "\n".join(unicodedata.normalize("NFKC", text) for text in texts if text not in typed)
        words = set(_KATAKANA_WORD.findall(printed))
        self._words = _longest_first(words)
        self._printed_words = frozenset(words)
        self._dotted = {word.replace("・", ""): word for word in _DOTTED_WORD.findall(printed)}
        self._dotless = _longest_first(set(self._dotted))
        runs = _HIRAGANA_RUN.findall(own)  # what the document itself spells in hiragana
        in_hiragana = "|".join(runs)
        spelled: dict[str, set[str]] = {}
        for word, reading in readings:
            if len(reading) >= _MIN_READING and reading not in words:
                spelled.setdefault(reading, set()).add(word)
        # A reading two printed words share (キカイ: 機会, 機械) is left as typed.
        unique = {reading: next(iter(found)) for reading, found in spelled.items() if len(found) == 1}
        # Not one the document spells in hiragana (せたがやPay, おしごとカフェ), even inside a longer run.
        self._kanji = {r: w for r, w in unique.items() if to_hiragana(r) not in in_hiragana}
        self._readings = _longest_first(set(self._kanji))
        # In a chain of two or more nouns (じぎょうしょうけい), only a whole run the document spells counts: the
        # guide's 「じぎょうしゃ」 does not keep ジギョウ from spelling 事業.
        whole_runs = set(runs)
        self._chained = {r: w for r, w in unique.items() if to_hiragana(r) not in whole_runs}

    def restore(self, text: str) -> str:
        """`text` with hiragana spellings of known words as printed (いんぼいすって → インボイスって, ほじょきんある →
        補助金ある), and dotted katakana words with their dot (セラサービス → セラ・サービス)."""

        def rewrite(run: re.Match[str]) -> str:
            hiragana = run.group(0)
            particle = head = ""
            # A kanji word's reading only where a word starts: at a run that follows no kanji (after one, the run is
            # its inflection: 働きたい is no キタイ, 期待), and only at the run's start (していきたい is no 指定).
            starts_word = run.start() == 0 or not _KANJI.match(text, run.start() - 1)
            after_particle = not starts_word and hiragana[0] in _PARTICLES
            if after_particle:
                # 「最終的にしゅうしょくまで」: a particle ends the kanji word, and a word starts after it.
                particle, hiragana, starts_word = hiragana[0], hiragana[1:], True
            chain = self._chain(to_katakana(hiragana)) if starts_word else None
            if chain:
                head, hiragana = "".join(self._chained[r] for r in chain), hiragana[sum(map(len, chain)) :]
            elif (
                self._readings
                and starts_word
                and (reading := self._readings.match(to_katakana(hiragana)))
                # After a particle, a short reading is more often a verb (土日もあいてる is no アイテ, 相手).
                and (not after_particle or len(reading.group(0)) >= _MIN_READING_AFTER_PARTICLE)
            ):
                head, hiragana = self._kanji[reading.group(0)], hiragana[reading.end() :]
            if self._words is None:
                return particle + head + hiragana
            parts, last = [], 0
            for word in self._words.finditer(to_katakana(hiragana)):
                parts += [hiragana[last : word.start()], word.group(0)]
                last = word.end()
            return particle + head + "".join(parts) + hiragana[last:]

        text = _HIRAGANA_RUN.sub(rewrite, text)
        text = self._dotless.sub(lambda m: self._dotted[m.group(0)], text) if self._dotless else text
        return _KATAKANA_RUN.sub(self._mend_slip, text)

    def _mend_slip(self, run: re.Match[str]) -> str:
        """The printed katakana word `run` misses by one letter, when there is exactly one; else `run` as typed."""
        typed = run.group(0)
        if len(typed) < _MIN_SLIP or typed in self._printed_words:
            return typed
        near = [word for word in self._printed_words if _one_letter_apart(typed, word)]
        return near[0] if len(near) == 1 else typed

    def _chain(self, katakana: str) -> list[str] | None:
        """The readings of two or more kanji nouns spelling the longest start of `katakana` (ジギョウショウケイ →
        ジギョウ, ショウケイ: 事業承継, where the longest first reading alone gives 事業所 and leaves ウケイ)."""
        # reach[i]: the fewest readings spelling katakana[:i] exactly.
        reach: dict[int, list[str]] = {0: []}
        for end in range(1, len(katakana) + 1):
            ways = [
                [*reach[start], katakana[start:end]]
                for start in range(max(0, end - _MAX_READING), end - _MIN_READING + 1)
                if start in reach and katakana[start:end] in self._chained
            ]
            if ways:
                reach[end] = min(ways, key=len)
        chains = [chain for chain in reach.values() if len(chain) >= 2]
        return max(chains, key=lambda chain: sum(map(len, chain))) if chains else None


def _one_letter_apart(a: str, b: str) -> bool:
    """True when `a` becomes `b` by changing, adding or dropping one letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    skip = 1 if len(a) == len(b) else 0
    return a[start + skip :] == b[start + 1 :]


def _longest_first(words: set[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None


def to_hiragana(text: str) -> str:
    """Katakana letters as hiragana, every other character as it is."""
    return "".join(chr(ord(c) - _HIRAGANA_TO_KATAKANA) if "ァ" <= c <= "ヶ" else c for c in text)
