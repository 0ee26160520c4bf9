"""Keyword search: BM25 over Japanese tokens (Sudachi), with a bilingual glossary.

Japanese has no spaces, so whitespace splitting finds nothing; Sudachi splits
text into short units and gives normalised forms (継が→継ぐ, ＩＴ→IT), after NFKC
so full-width and half-width forms match.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from sudachipy import SplitMode, dictionary

from service.search.kana import to_katakana
from service.search.language import without_macrons

_SKIP_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}
# Verbs that frame a sentence and name nothing (「起業しようと思ってる」): the guide's example needs print them too.
_FRAMING_VERBS = {"思う"}
_HYPHENATED = re.compile(r"\b([a-z]{2,})-([a-z]{2,})\b")
# A code of letters and digits that begins a hyphenated programme name (R60-SETAGAYA-): Sudachi splits it into a
# letter and a number, neither of which names anything.
_PROGRAMME_CODE = re.compile(r"(?<![a-z0-9])[a-z]{1,3}\d{2,3}(?=-)")
_LATIN_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
_KANJI_WORD = re.compile(r"[一-龥々]{2,}")
# A two-letter acronym written in capitals (IT, DX, PR, EC) names a topic the vision prints; in lower case ("it")
# it is a pronoun, and other two-letter Latin words name nothing.
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{2}(?![A-Za-z])")
_READINGS_KEPT = 8192  # texts whose readings are kept (a build has ~430)
# A name the document spells in hiragana, opening a quoted or bracketed term before katakana or Latin letters
# (「せせせプロジェクト」, 「せたがやPay」, 「おしごとカフェ」): Sudachi reads せせせ as a verb and two auxiliaries and
# drops it, so such names are kept as words of their own.
_HIRAGANA_NAME = re.compile(r"(?<=[「(『])[ぁ-ゖ]{3,}(?=[ァ-ヺA-Za-z])")


def acronyms(text: str) -> set[str]:
    """The two-letter acronyms `text` writes in capitals (IT, DX), after NFKC (ＩＴ → IT)."""
    return set(_ACRONYM.findall(unicodedata.normalize("NFKC", text)))


def joined_words(text: str) -> list[str]:
    """Hyphenated Latin words of lower-cased `text` written whole ("start-up" → startup, "co-working" →
    coworking): the guide's English hyphenates what users type as one word, and the reverse."""
    return [a + b for a, b in _HYPHENATED.findall(text)]


class JapaneseTokenizer:
    """Sudachi (core dictionary, short units), normalised forms, content words only."""

    def __init__(self) -> None:
        sudachi = dictionary.Dictionary(dict="core")
        self._tokenizer = sudachi.tokenizer(mode=SplitMode.A)
        self._long_units = sudachi.tokenizer(mode=SplitMode.C)  # 補助金, 支援策: the words a reading spells
        self._lock = threading.Lock()  # a Sudachi tokenizer is not thread-safe
        self._names: frozenset[str] = frozenset()  # hiragana names of the indexed text (`learn_names`)
        # Every index build reads the same texts' readings: kept, so a build switching in while questions are
        # answered does not hold the tokenizer for two passes over the whole corpus.
        self._readings: dict[str, frozenset[tuple[str, str]]] = {}

    def learn_names(self, texts: list[str]) -> None:
        """Keep the hiragana names `texts` print (せせせ of 「せせせプロジェクト」) and the codes that begin a
        programme's name (r60 of R60-SETAGAYA-) as words, from now on."""
        normalised = [unicodedata.normalize("NFKC", text) for text in texts]
        found = {name for text in normalised for name in _HIRAGANA_NAME.findall(text)}
        found |= {code for text in normalised for code in _PROGRAMME_CODE.findall(text.lower())}
        self._names = self._names | found  # replaced whole: readers see the old set or the new one

    def _names_in(self, text: str) -> list[str]:
        return [name for name in self._names if name in text]

    def __call__(self, text: str) -> list[str]:
        """Tokens of `text` for BM25."""
        text = unicodedata.normalize("NFKC", text).lower()
        with self._lock:
            morphemes = list(self._tokenizer.tokenize(text))
        tokens = []
        for m in morphemes:
            pos = m.part_of_speech()
            if pos[0] in _SKIP_POS or (
                pos[0] == "動詞" and (pos[1] == "非自立可能" or m.normalized_form() in _FRAMING_VERBS)
            ):
                continue
            surface = m.surface()
            # Sudachi "normalises" English words to katakana (father→ファーザー): keep them as typed.
            token = surface if surface.isascii() else m.normalized_form().lower()
            if token.strip():
                tokens.append(token)
        return tokens + self._names_in(text) + joined_words(text)

    def kanji_readings(self, text: str) -> frozenset[tuple[str, str]]:
        """The nouns of `text` written in kanji alone, each with its reading in katakana (補助金, ホジョキン), as long
        units and as their short parts (支援策 and 支援)."""
        if (known := self._readings.get(text)) is not None:
            return known
        normal = unicodedata.normalize("NFKC", text)
        with self._lock:
            morphemes = [*self._long_units.tokenize(normal), *self._tokenizer.tokenize(normal)]
        found = frozenset(
            (m.surface(), m.reading_form())
            for m in morphemes
            if m.part_of_speech()[0] == "名詞" and _KANJI_WORD.fullmatch(m.surface())
        )
        if len(self._readings) >= _READINGS_KEPT:
            self._readings.clear()
        self._readings[text] = found
        return found

    def topic_words(self, text: str, verbs: bool = True) -> set[str]:
        """Words that can name a topic: nouns and full verbs (normalised), Latin words of three letters or more.

        Adverbs, adjectives, pronouns, counters and auxiliaries (もう, ちょっと, 新しい, みたい) name none;
        `verbs=False` keeps the nouns alone (減らす, 聞く name no programme). Two-letter acronyms count when written
        in capitals, and are kept so ("IT tools" names IT; "is it free" names nothing)."""
        text = unicodedata.normalize("NFKC", text)
        capitals = set(_ACRONYM.findall(text))
        text = text.lower()
        with self._lock:
            morphemes = list(self._tokenizer.tokenize(text))
        words: set[str] = set()
        for n, m in enumerate(morphemes):
            surface = m.surface()
            if surface.isascii():
                words.update(w for w in _LATIN_WORD.findall(surface) if len(w) >= 3)
                continue
            pos = m.part_of_speech()
            noun = pos[0] == "名詞" and pos[1] in ("普通名詞", "固有名詞") and pos[2] != "助数詞可能"
            if noun or (verbs and pos[0] == "動詞" and pos[1] == "一般"):
                words.add(m.normalized_form())
            elif pos[0] == "形状詞" and n + 1 < len(morphemes):
                # 多様性, 柔軟性: an adjectival stem with a noun-making suffix is a noun, and names a topic.
                after = morphemes[n + 1]
                if after.part_of_speech()[:2] == ("接尾辞", "名詞的"):
                    words.add(m.normalized_form() + after.surface())
        return words | capitals | set(self._names_in(text)) | set(joined_words(text))


# A phrasal verb takes its object between its words: "hand my bakery over" is "hand over".
_PARTICLES = frozenset({"over", "down", "up", "out", "on", "off"})
_PREPOSITIONS = frozenset({"to", "for", "in", "at", "with", "from", "of", "by"})
# The words between are the object: no particle or preposition ("hand out flyers over the weekend").
_OBJECT = rf"(?:\s+(?!(?:{'|'.join(sorted(_PARTICLES | _PREPOSITIONS))})\b)[a-z0-9'\-]+){{1,3}}"


def _split_phrase(term: str, text: str) -> bool:
    """True when `text` says a two-word phrasal verb of the glossary with up to three words between its parts."""
    verb, _, particle = term.partition(" ")
    if particle not in _PARTICLES or " " in particle:
        return False
    return re.search(rf"\b{re.escape(verb)}{_OBJECT}\s+{particle}\b", text) is not None


def _glossary_key(term: str) -> str:
    """A glossary term as `Glossary.expand` compares it: NFKC, lower case, and Japanese kana in katakana."""
    key = unicodedata.normalize("NFKC", term).lower()
    return key if key.isascii() else to_katakana(key)


@dataclass(frozen=True)
class Glossary:
    """Everyday words (English or Japanese) mapped to the document's own terms.

    `patterns` hold the phrase families a list of words would spell out one by one ("starting a company",
    "launching our own business", "opening a cafe"), as regular expressions over the lower-cased question."""

    entries: dict[str, list[str]]
    stopwords: frozenset[str] = frozenset()
    patterns: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = ()

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read `corpus/glossary.json` ({"terms": {"term": ["文書の語", ...]}, "patterns": {...}, "stopwords": [...]});
        a missing file is an empty glossary."""
        if not path.exists():
            return cls({})
        data = json.loads(path.read_text(encoding="utf-8"))
        patterns = []
        for pattern, targets in data.get("patterns", {}).items():
            try:
                patterns.append((re.compile(pattern), tuple(targets)))
            except re.error as err:
                raise ValueError(f"{path}: glossary pattern {pattern!r} is not a regular expression: {err}") from err
        return cls(
            {_glossary_key(k): list(v) for k, v in data["terms"].items()},
            frozenset(w.lower() for w in data.get("stopwords", [])),
            tuple(patterns),
        )

    def expand(self, question: str) -> list[str]:
        """The document terms that the question's words stand for (romanized words with or without macrons)."""
        text = without_macrons(unicodedata.normalize("NFKC", question)).lower()
        words = set(_LATIN_WORD.findall(text))
        # Kana in either script: 「せたがやぺい」 is the glossary's せたがやペイ.
        kana = to_katakana(text)
        found: list[str] = []
        for term, targets in self.entries.items():
            if term.isascii():
                said = term in words if " " not in term else term in text or _split_phrase(term, text)
            else:
                said = term in kana
            if said:
                found.extend(targets)
        found.extend(t for t in self._phrase_terms(text) if t not in found)
        return found

    def phrase_terms(self, question: str) -> list[str]:
        """The document terms of the phrase families the question says ("opening a small bakery" → 創業)."""
        return self._phrase_terms(without_macrons(unicodedata.normalize("NFKC", question)).lower())

    def _phrase_terms(self, text: str) -> list[str]:
        return [t for pattern, targets in self.patterns if pattern.search(text) for t in targets]

    def keep(self, token: str) -> bool:
        """False for a stopword, which keyword search ignores."""
        return token not in self.stopwords


class KeywordIndex:
    """BM25 over a fixed list of document texts."""

    def __init__(self, ids: list[str], texts: list[str], tokenize: JapaneseTokenizer) -> None:
        self.ids = ids
        self._bm25 = bm25s.BM25()
        self._bm25.index([tokenize(t) for t in texts], show_progress=False)

    def scores(self, tokens: list[str]) -> dict[str, float]:
        """BM25 score of every document with a positive score."""
        if not tokens:
            return {}
        values = np.asarray(self._bm25.get_scores(tokens))
        return {self.ids[i]: float(values[i]) for i in np.flatnonzero(values > 0)}
