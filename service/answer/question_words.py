"""The words a question names, read against the catalogue.

Its content words (glossary readings included), what it asks about beyond words that only point back or ask for a
target, the nouns few measures print (which name a programme), and the words indicator labels print. Composing an
answer and choosing a target both go by them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.card import Cards
from service.answer.indicators import IndicatorChooser
from service.answer.listing import MeasureLister
from service.answer.question import Analysis, excluded, without_years
from service.answer.scope import ENGLISH_FUNCTION_WORDS, GRAMMAR_WORDS, Scope
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.retrieval import Hit

RARE_SPREAD = 2  # a noun printed by this many measures at most names them (利子補給, not 店舗)
# Words of a measure's name a turn prints to name that measure: one (支援, 事業者) is shared by many names.
NAMED_BY_WORDS = 2

# A turn put as a question, not a remark on the last answer (「診断士が対応してるんですよね。」, "Only a handful").
ASKED = re.compile(r"[?？]|(か|の|は|って|かな)[。.\s]*$")

# Words of a follow-up that only point back at the last answer ("what does this measure do?").
REFERENCE_WORDS = {
    "此の", "其の", "彼の", "此れ", "其れ", "つく", "事業", "内容", "施策", "取組", "取組み",
    "詳しい", "詳細", "教える", "知る", "説明", "概要", "何", "どんな",
    "measure", "measures", "do", "does", "what", "this", "it", "that", "about", "tell", "me", "more", "detail",
    "details", "explain", "they", "these",
}  # fmt: skip

# Words that ask for a target without naming one (「目標台数は？」, "how many").
TARGET_WORDS = {
    "目標", "目標値", "台数", "件数", "人数", "回数", "数", "何台", "何件", "何人", "何回", "いくつ", "どれくらい",
    "年度", "令和", "予定", "目指す", "台", "件", "人", "回", "社", "校", "箇所", "枚", "園", "日", "年", "同じ",
    "how", "many", "much", "target", "targets", "goal", "and", "fy", "year", "years", "r6", "r9", "r13", "2024",
    "2027", "2031", "then", "next", "same", "about",
    # How far a target goes: 「どこまで増やす」, "increase to", "how often".
    "増やす", "増える", "伸ばす", "どこ", "まで", "計画", "increase", "grow", "reach", "aim", "aims",
    "aiming", "plan", "planned", "often", "times", "time",
    # When a target is reached, in the loose words of a follow-up: 「将来的には」「いずれは」, "eventually", "by 2031".
    "将来", "的", "いずれ", "eventually", "future", "by",
    # How a target is followed up: 「目標件数との比較」, 「実績と比べて」, 「達成状況」.
    "比較", "比べる", "実績", "達成", "進捗",
    # Which way a target moves, asked of it: "is the target higher for FY2031?", 「前の年より多いの？」.
    "higher", "lower", "bigger", "larger", "smaller", "less", "fewer", "多い", "少ない", "高い", "低い", "上がる",
    "下がる", "減る",
    # The figure asked for, named as such: 「数字は？」, "what's the figure?".
    "数字", "数値", "figure", "figures",
    # What is expected of a target: 「何件くらい採択される見込み？」.
    "見込み", "見込む", "見込", "採択", "想定", "expect", "expected", "expecting",
}  # fmt: skip

# Verbs of holding: 「何回開催」 counts how often a thing is held, and names no thing (the lectures just shown).
HOW_HELD = frozenset({"開催", "実施", "行う", "held", "hold", "holding", "conducted", "carried"})
# How often, by the year: 「年間の開催数」, "held annually" names no thing either.
HOW_OFTEN = frozenset({"年間", "毎年", "年", "annual", "annually", "yearly", "per", "every", "each", "a"})

_GENERIC_TOKENS = {"目標", "目標値", "値", "数", "年度", "令和", "target", "r6", "r9", "r13", "何", "いくつ"}


class QuestionWords:
    """Reads a question's words against the catalogue's measures and indicator labels."""

    def __init__(
        self,
        cards: Cards,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        scope: Scope,
        lister: MeasureLister,
        indicators: IndicatorChooser,
    ) -> None:
        self.cards = cards
        self.tokenize = tokenizer
        self.glossary = glossary
        self.scope = scope
        self.lister = lister
        self.indicators = indicators

    def content_tokens(self, text: str) -> set[str]:
        tokens = set(self.tokenize(text))
        for term in self.glossary.expand(text):
            tokens |= set(self.tokenize(term))
        return {t for t in tokens if t not in _GENERIC_TOKENS and not re.fullmatch(r"[\d,.]+", t)}

    def asked_words(self, text: str) -> set[str]:
        """The question's content words beyond years, references, target words and formal nouns."""
        return self.content_tokens(without_years(text)) - REFERENCE_WORDS - TARGET_WORDS - GRAMMAR_WORDS

    def says_what(self, text: str) -> set[str]:
        """What the question asks about (「その補助」: 補助), if anything ("and for the first year?")."""
        # Kana alone (じゃあ, で) and English function words ("for", "what's") name nothing.
        words = self.asked_words(text) - ENGLISH_FUNCTION_WORDS
        return {w for w in words if not re.fullmatch(r"[ぁ-ゖー]+|[a-z]+'[a-z]+", w)}

    def own_words(self, text: str) -> set[str]:
        """The question's content words beyond references, target words, generic support words and formal nouns."""
        return self.asked_words(text) - self.scope.generic_words

    def own_stems(self, text: str) -> set[str]:
        """The kanji each of the question's own words begins with: 「お試し」 (試す) and 「試しに」 (試し) share 試;
        最近 and ご近所 share none."""
        return {stem.group() for word in self.own_words(text) if (stem := re.match(r"[\u4e00-\u9fff]+", word))}

    def rare_nouns(self, text: str) -> set[str]:
        """The nouns of `text` (two characters or more, no generic support word) that few measures print."""
        return self.nouns_printed_by(text, 1, RARE_SPREAD)

    def nouns_printed_by(self, text: str, fewest: int, most: int) -> set[str]:
        """The nouns of `text` (two characters or more, no generic support word) that `fewest` to `most` measures
        print."""
        nouns = self.scope.topic_words(text, verbs=False) - self.scope.generic_words
        return {w for w in nouns if len(w) >= 2 and fewest <= self.scope.spread(w) <= most}

    def prints_rare(self, text: str, hits: list[Hit]) -> bool:
        """True when the best measure for `text` prints one of its nouns that few measures print, or all of its
        nouns, which few measures print together (創業 and セミナー: each is common, both together are not)."""
        if not hits:
            return False
        words = {
            w
            for w in self.scope.topic_words(text, verbs=False) - self.scope.generic_words
            if len(w) >= 2 and self.scope.spread(w)
        }
        # An English question meets the measure's English name ("Oshigoto Café").
        best = self.lister.printed_tokens(hits[0].measure_id) | self.lister.name_words_en(hits[0].measure_id)
        if any(self.scope.spread(w) <= RARE_SPREAD and w in best for w in words):
            return True
        together = self.lister.printing_all(words)
        return len(words) >= 2 and hits[0].measure_id in together and len(together) <= RARE_SPREAD

    def names_one_measure(self, text: str, hits: list[Hit]) -> bool:
        """True when `text` names a thing few measures print, printed by the best of `hits`: in its own words, or by a
        glossary reading that one measure alone prints ("stress": メンタルヘルス; not "shop": 個店, which two print)."""
        if self.prints_rare(text, hits):
            return True
        readings = self.scope.topic_words(" ".join(self.glossary.expand(text)), verbs=False) - self.scope.generic_words
        best = self.lister.printed_tokens(hits[0].measure_id) if hits else set()
        return any(self.scope.spread(w) == 1 and w in best for w in readings)

    def label_words(self, analysis: Analysis) -> set[str]:
        """The question's own words that some indicator label prints (「AED」, "events"), function words aside."""
        words = {w.lower() if w.isascii() else w for w in self.own_words(analysis.text)}
        return {w for w in words if len(w) >= 2 and w not in ENGLISH_FUNCTION_WORDS and self.indicators.label_spread(w)}

    def name_words(self, measure_id: str) -> set[str]:
        """The words of a measure's name, in Japanese (Sudachi forms) and in the guide's English."""
        card = self.cards.card(measure_id)
        ja = set(self.tokenize(card.name)) if card else set()
        return ja | self.lister.name_words_en(measure_id)

    def prints_name_of(self, text: str, measure_id: str) -> bool:
        """True when `text` prints NAMED_BY_WORDS words at least of the measure's name (融資, あっせん)."""
        own = {w.lower() for w in self.own_words(text)}
        return len(own & {w.lower() for w in self.name_words(measure_id)}) >= NAMED_BY_WORDS

    def left_out(self, text: str, measure_ids: Iterable[str]) -> set[str]:
        """Those of `measure_ids` whose name prints a kind of business `text` leaves out ("for companies that aren't
        in construction", "not the construction ones", 「建設業以外」)."""
        phrases = excluded(text)
        if not phrases:
            return set()
        # "not in Setagaya" leaves out no measure: the glossary's stopwords name none.
        english = {
            form
            for p in phrases
            for w in re.findall(r"[a-z]+", p)
            if w not in ENGLISH_FUNCTION_WORDS and self.glossary.keep(w)
            for form in (w, w.removesuffix("s"))
        }
        # 「建設業じゃなくて」 leaves out 地域建設産業 too.
        stems = {p.removesuffix("業") for p in phrases if len(p) > 2 and p.endswith("業")}
        japanese = {t for p in [*phrases, *stems] for t in [p, *self.glossary.expand(p)] if not t.isascii()}
        return {
            mid
            for mid in measure_ids
            if (card := self.cards.card(mid)) is not None
            and bool(english & self.lister.name_words_en(mid) or any(t in card.name for t in japanese))
        }
