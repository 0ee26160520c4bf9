"""Every measure that prints a question's words: 「せたがやPayに関する事業を全部」, "which measures mention SDGs?".

A list is read from the catalogue, not ranked by retrieval: a desk officer asking for every measure of a kind needs
all of them. Each word of the question is looked up in what each measure prints (name, 事業内容, the names it is
reprinted under, indicator labels; the guide's English for English words). Words most measures print (実施, 産業)
say nothing; a rarer word says more. A measure is listed when the words it prints weigh at least a share of what
the best-matching measure's words weigh, best-matching first: 「せたがやPay」 lists both Pay measures, while a
common word beside a rare one (「取引適正化のガイドライン」) does not list every measure that prints the common one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.card import Cards, MeasureCard
from service.search.keyword import Glossary, JapaneseTokenizer, acronyms, joined_words

# Calibrated on the dev split's list questions and an independent bank of 50 list questions (see BENCHMARKS.md).
LISTED_SHARE = 0.35  # of the best measure's word weight
TELLING_SHARE = 0.3  # a word printed by more than this share of the measures tells none apart
CRITERION_TERMS = 3  # words named as the criterion in the answer

# Words that ask for a list or name no kind of measure.
LIST_WORDS = frozenset({
    "全部", "全て", "すべて", "総て", "一覧", "リスト", "教える", "事業", "施策", "取組", "取組み", "取り組み",
    "関する", "関係", "係る", "もの", "ある", "いる", "する", "なる", "重点", "向け", "対象", "挙げる", "どれ", "出る",
    "言う", "言葉", "触れる", "実施", "行う", "使う",
    "measure", "measures", "all", "list", "every", "which", "mention", "mentions", "the", "of", "for", "that",
    "programs", "programmes", "program", "programme", "initiatives", "related", "about", "show", "me", "give", "what",
    "are", "is", "there", "include", "includes", "including", "involve", "involves", "support", "have", "has", "one",
    "them", "under", "each", "any", "do", "does", "ward", "in", "on", "with", "and", "or", "to", "as", "at", "such",
    "priority", "whose", "name", "names", "description", "please", "complete", "provide", "use", "uses", "aimed",
    "dealing", "deal", "help", "helps", "want", "need", "can", "you", "by", "from", "an", "a", "it", "its",
    "how", "many", "much",
    "支援", "区", "世田谷", "ビジョン", "の", "を", "に", "で",
    # この・その・あの as Sudachi normalises them: 「この事業者様に…すべて」 points at the client, names no kind.
    "此の", "其の", "彼の",
})  # fmt: skip
# A desk officer's own act towards the client (「ご紹介できる」「ご案内できる取組み」), not a kind of measure
# (紹介件数).
_DESK_ACT = re.compile(r"ご(紹介|案内)")


@dataclass(frozen=True)
class Listing:
    """The measures a list question asks for, best-matching first, and the words they were found by."""

    measure_ids: list[str]
    terms: list[str]


class MeasureLister:
    """Finds every measure that prints the words of a list question."""

    def __init__(self, cards: Cards, tokenizer: JapaneseTokenizer, glossary: Glossary) -> None:
        self.tokenize = tokenizer
        self.glossary = glossary
        self._cards = list(cards)
        self._japanese = {card.id: _printed_ja(card) for card in self._cards}
        self._english = {card.id: _printed_en(card) for card in self._cards}
        # Sudachi's normalised forms as well as the surface: 「ものづくり」 is printed, 物作り is what it reads; and the
        # acronyms in capitals, as a question's topic words keep them (IT).
        self._tokens = {mid: set(tokenizer(text)) | acronyms(text) for mid, text in self._japanese.items()}
        self._name_words_en = {
            card.id: {*re.findall(r"[a-z0-9]+", card.name_en.lower()), *joined_words(card.name_en.lower())}
            for card in self._cards
        }

    def printed_tokens(self, measure_id: str) -> set[str]:
        """The Sudachi forms a measure prints (names, description, indicator labels); empty for an unknown id."""
        return self._tokens.get(measure_id, set())

    def name_words_en(self, measure_id: str) -> set[str]:
        """The words of a measure's English name (the guide's), lower-cased."""
        return self._name_words_en.get(measure_id, set())

    def printing_all(self, words: set[str]) -> list[str]:
        """The measures that print every one of `words`."""
        return [mid for mid, tokens in self._tokens.items() if words <= tokens]

    def terms(self, text: str, ignored: frozenset[str] = frozenset()) -> list[str]:
        """The question's words that can name a kind of measure, and the document terms they stand for."""
        text = _DESK_ACT.sub(" ", text)
        words = [t for t in self.tokenize(text) if t not in LIST_WORDS | ignored and t not in self.glossary.stopwords]
        expanded = [t for t in self.glossary.expand(text) if t not in ignored]
        return list(dict.fromkeys([*(w for w in words if len(w) > 1), *expanded]))

    def printing(self, term: str) -> set[str]:
        """Ids of the measures that print `term` (English terms: in the guide's English too)."""
        if term.isascii():
            pattern = re.compile(rf"\b{re.escape(term.lower())}")
            return {
                mid
                for mid in self._japanese
                if pattern.search(self._english[mid]) or term.lower() in self._japanese[mid].lower()
            }
        return {mid for mid, text in self._japanese.items() if term in text or term in self._tokens[mid]}

    def scores(
        self, text: str, ignored: frozenset[str] = frozenset()
    ) -> tuple[dict[str, float], dict[str, set[str]], dict[str, float]]:
        """Each measure's weight of the telling words it prints; the words with their measures and weights."""
        found = {term: ids for term in self.terms(text, ignored) if (ids := self.printing(term))}
        telling = {t: ids for t, ids in found.items() if len(ids) <= TELLING_SHARE * len(self._cards)} or found
        weights = {t: math.log(len(self._cards) / len(ids)) or 1e-6 for t, ids in telling.items()}
        scores: dict[str, float] = {}
        for term, ids in telling.items():
            for mid in ids:
                scores[mid] = scores.get(mid, 0.0) + weights[term]
        return scores, telling, weights

    def listing(self, text: str, ignored: frozenset[str] = frozenset()) -> Listing:
        """The measures printing the question's telling words (`ignored` left out), weighted by how rare each is."""
        scores, telling, weights = self.scores(text, ignored)
        if not scores:
            return Listing([], [])
        best = max(scores.values())
        # Best-matching first; ties in the catalogue's order (a stable sort).
        listed = sorted(
            (c.id for c in self._cards if scores.get(c.id, 0.0) >= LISTED_SHARE * best), key=lambda m: -scores[m]
        )
        terms = sorted(telling, key=lambda t: -weights[t] * len(telling[t] & set(listed)))
        return Listing(listed, terms[:CRITERION_TERMS])


def as_written(text: str, terms: list[str]) -> list[str]:
    """`terms` as the question spells them: tokens side by side in it joined again (せたがや + pay → せたがやPay,
    setagaya + port → SETAGAYA PORT), in the question's order; only when it spells none of them, `terms` as they are
    (a glossary's document words, normalised forms)."""
    low = text.lower()
    if len(low) != len(text):
        return terms
    spans = sorted((start, start + len(t)) for t in terms if (start := low.find(t.lower())) >= 0)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[start:end] for start, end in merged] or terms


def _printed_ja(card: MeasureCard) -> str:
    names = [card.name, *(p.name for p in card.placements)]
    return " ".join([*names, card.description, *(i.label for i in card.indicators)])


def _printed_en(card: MeasureCard) -> str:
    labels = [i.label_en for i in card.indicators]
    return " ".join([card.name_en, card.summary_en, card.audience_en, *labels]).lower()
