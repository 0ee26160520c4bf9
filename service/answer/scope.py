"""Whether a question is within what the vision covers, and whether it is too broad to answer without asking back.

Both read the question's topic words (nouns, full verbs and Latin words, see `JapaneseTokenizer.topic_words`)
against how many measures print each word, besides the retrieval scores.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from typing import Any

import numpy as np

from ingest.card import Cards, MeasureCard
from service.answer.classifier import QuestionClassifier
from service.answer.listing import LIST_WORDS
from service.answer.question import Analysis
from service.search.keyword import JapaneseTokenizer
from service.search.retrieval import Hit, Retriever

# Calibrated on the dev split (see BENCHMARKS.md); English questions meet Japanese text only through the guide
# and the multilingual models, and score lower.
IN_SCOPE_SIMILARITY = {"ja": 0.875, "en": 0.855}  # e5, best facet
IN_SCOPE_UNITS = {"ja": 0.65, "en": 0.65}  # USE, the best measure's best unit
IN_SCOPE_KEYWORD = {"ja": 5.5, "en": 5.5}  # BM25, best measure
STORY_SENTENCES = 3  # a question this long tells a story
BROAD_MIN_PURPOSES = 3  # a question naming this many purposes (起業と人材と販路) is asked back
# A question is also broad when none of its words is specific to a few measures (a word printed for at most
# this share of them) and no measure leads: the best unit similarity within this of the fifth measure's.
SPECIFIC_MAX_SHARE = 0.15
BROAD_MAX_LEAD = 0.25
# A question is also broad when it is this much closer (e5) to one of the generic asks than to any measure, and
# names no purpose, no word the vision lacks, and no word of a single measure ("I need some help with my company").
GENERIC_ASK_MARGIN = 0.02
# Much closer than that, words the vision lacks no longer count as a topic. Calibrated on an independent bank of
# broad and specific asks and of other offices' matters, and the dev split: English questions meet Japanese
# passages at lower similarity, so their margins run higher (an out-of-scope English question can reach 0.07).
GENERIC_ASK_STRONG = {"ja": 0.04, "en": 0.08}
# Closer than this, a question naming nothing the vision lacks is asked back even with a word of a single measure
# (English words meet one measure's guide text by chance: "cafe", "studio", "month"). Calibrated on the independent
# broad bank and the dev split.
GENERIC_ASK_CLOSE = {"ja": 0.04, "en": 0.06}
# Out of scope by the thresholds and read so by the scope classifier at least this surely: never asked back (the
# classifier alone decides only from its own, higher threshold).
UNCOVERED_NOT_ASKED_BACK = 0.8
# A word of a measure's name printed for at most this many measures names that measure ("what's SETAGAYA PORT"):
# the breadth classifier does not ask back a question naming one.
NAME_WORD_MAX_SPREAD = 3
# A turn naming this many words no measure prints asks a matter of its own (柴犬, ごはん, 夏バテ; "tenant", "locks",
# "legally"), not a word or two of the asker's situation.
UNKNOWN_MATTER_WORDS = 3
# Years are the targets' words, not the measures': no unknown matter (「最終年度のほう」).
_YEAR_WORDS = frozenset({"令和", "年度", "最終", "初年度", "平成"})
# A Japanese noun printed for at most this many measures names their topic: the classifier does not ask back a question
# asking about one (English words meet the guide's text by chance).
RARE_NOUN_MAX_SPREAD = 2
# Words asking for a summary of everything, or naming the vision itself: with them, no kind of measure is named.
OVERVIEW_WORDS = frozenset({
    "まとめ", "まとめる", "纏める", "分野", "別", "全体", "全体像", "概要", "ざっと", "ビジョン", "体系", "こと",
    "overview", "summary", "summarise", "summarize", "categories", "category", "breakdown", "vision", "measures",
    "economic", "development", "understand", "give", "could", "would", "i'd", "纏め", "良い",
})  # fmt: skip
# "it" asks for nothing in 「…を全部」, but "IT" (lower-cased like any word) is a kind of measure.
_SUMMARY_WORDS = (LIST_WORDS | OVERVIEW_WORDS) - {"it", "its"}
# The people a desk serves (「相談者が…と聞かれた」): Sudachi reads 相談 in them, yet they ask for no consultation.
_PEOPLE_SERVED = re.compile(r"相談(者|員)|支援(者|員)")
TYPO_MIN_LENGTH = 5  # an English word this long one slip away from an asking word is that word ("anyting")
# A topic word this long one slip away from a word the measures print is that word ("acclerator"); shorter ones
# meet other words by chance ("loans", "lions").
TOPIC_TYPO_MIN_LENGTH = 8
_LONG_LATIN_WORD = re.compile(rf"[A-Za-z]{{{TOPIC_TYPO_MIN_LENGTH},}}")
# English words that carry no topic of their own.
ENGLISH_FUNCTION_WORDS = frozenset({
    "to", "the", "and", "for", "with", "over", "from", "into", "about", "want", "wants", "need", "needs", "have",
    "has", "his", "her", "our", "your", "my", "their", "they", "that", "this", "what", "how", "can", "could",
    "would", "should", "there", "is", "are", "was", "be", "of", "in", "on", "at", "by", "an", "a", "or", "so",
    "but", "not", "no", "do", "does", "did", "me", "we", "you", "it", "its", "some", "any", "get", "help",
    # "How many grants do they plan to give out?": what is given is the topic, not the giving.
    "give", "gives", "giving", "given", "gave",
    "will", "which", "where", "when", "who", "also", "just", "please", "as", "if", "than", "then", "were", "been",
    "am", "he", "she", "him", "them", "us", "these", "those", "such", "per", "each", "every",
    # Particles of phrasal verbs ("go up to", "end up"): "up" names no start-up.
    "up", "down", "out", "off", "go", "goes",
    # Typed fast on a phone: "how many r they aiming for", "help w that", "can u".
    "r", "u", "ur", "w", "pls", "plz",
})  # fmt: skip
# Nouns that only carry grammar (「できること」「使えるもの」「使えるやつ」) and small talk: no topic of their own.
GRAMMAR_WORDS = frozenset({
    "こと", "事", "もの", "物", "もん", "やつ", "ところ", "とこ", "ため", "為", "よう", "場合", "積もり", "ok", "okay",
    "thanks", "thank", "use", "using",
    # 「あと、出す書類って何がいるん？」「その後」: "also", "after" (a successor is 後継, 跡継ぎ).
    "後",
    # Interjections before a follow-up ("Hold on, 105 in 2024? What about 2027?", "hmm, and for shops?").
    "hold", "wait", "hmm", "hm", "huh", "oh", "wow", "hey", "um", "uh", "yeah", "really", "sorry",
})  # fmt: skip
# "I'm a hairdresser in Setagaya, is there anything…": a comma before a question runs two sentences together.
_SENTENCES = re.compile(
    r"(?<=[。！？!?\n])|(?<=\.)\s+|(?<=,)\s+(?=(is there|are there|can|could|do|does|what|how|any)\b)", re.IGNORECASE
)
# 「飲み屋やっとるんやけど、区って何してくれるん？」: who is asking, then the question, in one sentence.
_CLAUSES = re.compile(r"(?<=けど、)|(?<=けれど、)|(?<=ですが、)")
# Words by which a sentence states a need ("We want to…", 「…継ぐ人がいなくて困っています」).
_NEED_WORDS = (
    r"look|want|need|tr(y|ies|ying)|hop(e|ing)|plan|think|seek|struggl|can'?t|cannot|たい|欲しい|ほしい|困|探|悩"
)
# A sentence that only says who is asking ("I'm a carpenter.", 「下北沢で雑貨屋をやってます。」) names an audience,
# not a topic: a word of it the vision lacks does not make the question out of scope or specific.
_SELF_DESCRIPTION = re.compile(
    # Not a sentence that also states a need: "I'm a student looking for work.", 「店を開きたいです。」
    rf"^(?!.*({_NEED_WORDS}))"
    r"\s*((hi|hello|hey|good (morning|afternoon|evening))\b[,.!]*\s*)?"
    r"((i'?m|i am|we'?re|we are|i run|we run|i own|we own|i work as|i make|we make|i sell|we sell|i teach"
    r"|my (family|father|mother|dad|mum|mom|parents) (runs?|owns?|run|own)"
    # "My wife and I run a bakery.", "I've been running a salon for 12 years.", "I have a small cafe."
    r"|my \w+ and i (run|own|manage|operate)|i'?ve been running|i (have|manage|operate) (a|an|my|our)\b"
    r"|we (have|manage|operate) (a|an|our)\b)\b[^?？]*[.!,]"
    r"|[^?？。！!]*(です|でございます|(を|で)?(やって|して|営んで|経営して|構えて)(い|お)?(ます|ります|る)|(やっと|しと)る)"
    r"((ん|の)?(や|だ|です)?(けど|けれど|が)、)?[。.！!〜~]*)\s*$",
    re.IGNORECASE,
)

# A desk officer saying who is asking ("Business desk here.", "I work at a business consultation desk.",
# 「区の窓口の者です。」): the desk is where they sit, not what their client needs.
_DESK_INTRO = re.compile(
    r"^\s*((hi|hello)\b[,!]*\s*)?("
    r"[a-z' -]{0,30}\bdesk( officer| staff)? here"
    r"|(i'?m|i am|i work|this is|we'?re|we are)\b[^.?!,]{0,40}"
    r"\b(desk (officer|staff)|(consultation|support|business|advice|help|ward) (desk|counter))"
    r"(\s+(at|in|of|for)\b[^.?!,]{0,30})?"
    r"|[^。？！?!]{0,25}窓口(の|で|担当の?)?(者|もの|担当|相談員|職員)(です|でございます)"
    r")\s*[.!。！]*\s*$",
    re.IGNORECASE,
)

_KATAKANA_TERM = re.compile(r"[ァ-ヺー]+")


def names_term(text: str, term: str) -> bool:
    """True when `text` prints `term`; a katakana term not as the tail of a longer word (ワーク in
    ワーク・ライフ・バランス, not in ハローワーク or ネットワーク), though it may begin one (ソーシャルビジネス)."""
    if not _KATAKANA_TERM.fullmatch(term):
        return term in text
    return re.search(rf"(?<![ァ-ヺー]){term}", text) is not None


def _one_edit(word: str, other: str) -> bool:
    """True when `word` is `other` with one letter dropped, added, changed or two neighbours swapped."""
    if word == other or abs(len(word) - len(other)) > 1:
        return False
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == other[diff[1]]
        return len(diff) == 1 or (swapped and word[diff[1]] == other[diff[0]])
    short, long = sorted((word, other), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _sentences(text: str, clauses: bool = True) -> list[str]:
    """The sentences of a question, empty ones left out; with `clauses`, a clause ending in 「けど、」 or 「ですが、」
    counts as one, for telling who is asking from what is asked."""
    parts = [part for part in _SENTENCES.split(text) if part and part.strip()]
    if clauses:
        parts = [clause for part in parts for clause in _CLAUSES.split(part) if clause and clause.strip()]
    return parts


def _asking(sentences: list[str]) -> list[str]:
    """The sentences that do more than say who is asking."""
    return [part for part in sentences if not _SELF_DESCRIPTION.match(part)]


def printed_text(card: MeasureCard) -> str:
    """A measure's name and description, in the document's words and the guide's English."""
    return "\n".join([card.name, card.description, card.name_en, card.summary_en])


def card_text(card: MeasureCard) -> str:
    """What a measure prints and the guide says of it: the words its topic words come from."""
    return "\n".join([printed_text(card), card.audience_ja, card.audience_en, *card.needs_ja, *card.needs_en])


def _word_after(text: str) -> str:
    """The word `text` begins with, past a particle (「の就労…」: 就労; "'s Industry Plaza": industry): a Latin word,
    or two Japanese characters."""
    rest = re.sub(r"^(?:\s+|の|'s\b)+", "", text)
    latin = re.match(r"[A-Za-z]+", rest)
    return latin.group(0).lower() if latin else rest[:2]


def _places_pattern(names: list[str]) -> re.Pattern[str]:
    """Matches a neighbourhood named in a question, with the English preposition or the station that comes with it
    ("in Kyodo", "near Sangenjaya station", 「経堂駅の近く」 leaves 「の近く」)."""
    latin = sorted((n for n in names if n.isascii()), key=len, reverse=True)
    kanji = sorted((n for n in names if not n.isascii()), key=len, reverse=True)
    english = r"(?:\b(?:in|at|near|around|from|by)\s+)?\b(?:" + "|".join(map(re.escape, latin)) + r")\b(?:\s+station)?"
    japanese = "(?:" + "|".join(map(re.escape, kanji)) + ")(?:駅)?"
    return re.compile(f"{english}|{japanese}", re.IGNORECASE)


class Scope:
    """Scope and breadth of questions, from the catalogue's words and `prompts/clarify.json`."""

    def __init__(
        self,
        cards: Cards,
        tokenizer: JapaneseTokenizer,
        clarify: dict[str, Any],
        retriever: Retriever,
        breadth: QuestionClassifier | None = None,
        uncovered: QuestionClassifier | None = None,
    ) -> None:
        self.tokenize = tokenizer
        self.retriever = retriever
        self.breadth = breadth
        self.uncovered = uncovered
        self.generic_asks: list[str] = [*clarify["generic_asks"]["ja"], *clarify["generic_asks"]["en"]]
        self._generic_vectors: np.ndarray | None = None  # embedded on first use: loading stays quick
        self._generic_lock = threading.Lock()
        self.generic_words: frozenset[str] = frozenset(clarify["generic_words"])
        self.support_words: frozenset[str] = frozenset(clarify["support_words"])
        self._asking_words = [w for w in self.generic_words | self.support_words if w.isascii() and len(w) >= 4]
        self.support_kinds: frozenset[str] = frozenset(clarify["support_kinds"])
        self.service_forms: frozenset[str] = frozenset(clarify["service_forms"])
        self.purposes: list[dict[str, Any]] = clarify["purposes"]
        self._places = _places_pattern(clarify["places"]["names"])
        # The word after a neighbourhood where the vision names one (三軒茶屋就労支援センター, "Sangenjaya Industry
        # Plaza"): a place named with it is the place the vision covers.
        self._after_places: frozenset[str] = frozenset(
            word
            for card in cards
            for text in [printed_text(card)]
            for match in self._places.finditer(text)
            if (word := _word_after(text[match.end() :]))
        )
        self._measures = len(cards)
        # For each topic word, how many measures print it or list it among their needs.
        self._spread: Counter[str] = Counter(w for card in cards for w in tokenizer.topic_words(card_text(card)))
        # The one measure printing each word only it prints, in its name or description (「ステッカー」, "sticker"); not
        # in the needs the guide lists, whose incidental words ("landlord") name no programme.
        printed = {card.id: tokenizer.topic_words(printed_text(card)) for card in cards}
        self._printed: dict[str, frozenset[str]] = {mid: frozenset(words) for mid, words in printed.items()}
        self._sole_printer: dict[str, str] = {
            w: mid for mid, words in printed.items() for w in words if self._spread[w] == 1
        }
        self._name_words: frozenset[str] = frozenset(
            w for card in cards for w in tokenizer.topic_words(f"{card.name}\n{card.name_en}")
        )
        self._latin_by_length: dict[int, list[str]] = {}
        for word in self._spread:
            if word.isascii() and len(word) >= TOPIC_TYPO_MIN_LENGTH - 1:
                self._latin_by_length.setdefault(len(word), []).append(word)
        # Latin words the vision itself prints (AED, DX, PORT): unlike the guide's English, no chance match.
        self._printed_latin: frozenset[str] = frozenset(
            w for card in cards for w in tokenizer.topic_words(f"{card.name}\n{card.description}") if w.isascii()
        )

    def focus(self, text: str) -> str:
        """The sentences of a question that say what is needed, for searching.

        「父の八百屋を継ぐ人がいなくて困っています。区で何か支援はありますか？」: the second sentence only asks
        whether there is support; searched with it, the need drowns in words every measure shares. A sentence
        naming a kind of support (補助金, loan) stays."""
        sentences = _sentences(text, clauses=False)
        if len(sentences) < 2:
            return text
        kept = [part for part in sentences if self.says_need(part) and not _DESK_INTRO.match(part)]
        # Every sentence kept: the question as typed, so that it is embedded once, not again as a rejoined copy.
        if not kept or len(kept) == len(sentences):
            return text
        return " ".join(part.strip() for part in kept)

    def says_need(self, text: str) -> bool:
        """True when `text` names a topic or a kind of support (補助金, loan), not only asks
        (「何か使える制度はありますか」)."""
        return bool(self.topic_words(text) or self.support_kinds & set(self.tokenize(text)))

    @staticmethod
    def tells_a_story(text: str) -> bool:
        """True when `text` runs to STORY_SENTENCES sentences or more: a situation told, its needs said along the
        way."""
        return len(_sentences(text, clauses=False)) >= STORY_SENTENCES

    def without_places(self, text: str) -> str:
        """`text` without the neighbourhoods it names, which say where the asker is, not whether the vision covers
        what they need ("my tofu shop in Kyodo"); one named as the vision names a place it covers
        (「三軒茶屋就労支援センター」, "Sangenjaya Industry Plaza") stays. The search keeps them all: 「三茶で仕事探し
        の相談」 is the Sangenjaya job centre."""

        def unless_covered(match: re.Match[str]) -> str:
            return match.group(0) if _word_after(text[match.end() :]) in self._after_places else " "

        return re.sub(r"\s{2,}", " ", self._places.sub(unless_covered, text)).strip() or text

    def topic_words(self, text: str, verbs: bool = True) -> set[str]:
        """The words of `text` that can name a topic, generic support words left out (`verbs=False`: nouns only)."""
        return self.tokenize.topic_words(text, verbs) - self.generic_words - ENGLISH_FUNCTION_WORDS - GRAMMAR_WORDS

    def in_scope(self, hits: list[Hit], lang: str, text: str) -> bool:
        """Close enough to some measure, and not only about things no measure mentions (確定申告の相談)."""
        if not hits:
            return False
        top = hits[0]
        close = (
            max(h.similarity for h in hits) >= IN_SCOPE_SIMILARITY[lang]
            or top.unit_similarity >= IN_SCOPE_UNITS[lang]
            or max(h.keyword_score for h in hits) >= IN_SCOPE_KEYWORD[lang]
        )
        return close and not self.names_only_unknown(text, verbs=True)

    def with_slips_mended(self, text: str) -> str:
        """`text` with each long English word no measure prints, one slip away from a single word one prints, written
        as that word ("acclerator program" → "accelerator program"): the search would otherwise miss it."""

        def mend(match: re.Match[str]) -> str:
            word = match.group(0)
            low = word.lower()
            if not self._unknown(low):
                return word
            near = {w for n in (-1, 0, 1) for w in self._latin_by_length.get(len(low) + n, ()) if _one_edit(low, w)}
            return near.pop() if len(near) == 1 else word

        return _LONG_LATIN_WORD.sub(mend, text)

    def reads_uncovered(self, text: str, threshold: float | None = None) -> bool:
        """True when the scope classifier reads `text` as about nothing the vision covers, however close to some
        measure by similarity (a road-closure permit), and it does not ask for support in general words: "hojokin
        arimasu ka?" reads as foreign to the classifier, yet asks for what the vision is about. `threshold`: a
        probability other than the classifier's own."""
        if self.uncovered is None or self.asks_support(text):
            return False
        # Where the asker is says nothing of what they need ("my tofu shop in Kyodo").
        text = self.without_places(text)
        probability = self.uncovered.probability(self.retriever.question_vector(text))
        return probability >= (self.uncovered.threshold if threshold is None else threshold)

    def spread(self, word: str) -> int:
        """How many measures print `word` (a Sudachi normal form or a Latin word)."""
        return self._spread[word]

    def printed_by(self, measure_id: str) -> frozenset[str]:
        """The topic words a measure prints in its name or description (either language)."""
        return self._printed.get(measure_id, frozenset())

    def sole_printer(self, word: str) -> str | None:
        """The id of the one measure whose name or description prints `word` (or its English plural), if only one
        does."""
        plural = f"{word}s" if word.isascii() else word
        return self._sole_printer.get(word) or self._sole_printer.get(plural)

    def names_specific(self, text: str, verbs: bool = True) -> bool:
        """True when `text` has a word printed for only a few measures (ふれあい農園, AED), not one all share;
        `verbs=False` counts nouns only."""
        return self._any_specific(self.topic_words(text, verbs))

    def _any_specific(self, words: set[str]) -> bool:
        return any(1 <= self._glossary_spread(w) <= SPECIFIC_MAX_SHARE * self._measures for w in words)

    def _glossary_spread(self, word: str) -> int:
        """How many measures print `word`, or, for a word none prints, the fewest that print a term the glossary
        reads it as (インスタ → インターネット広告); 0 when neither."""
        if self._spread[word]:
            return self._spread[word]
        return min((n for n in self._term_spreads(word) or [] if n), default=0)

    def _term_spreads(self, word: str) -> list[int] | None:
        """For each topic word of the terms the glossary reads `word` as, how many measures print it; None when the
        glossary has no reading of `word` (an empty list: its terms are generic words only)."""
        terms = self.retriever.glossary.expand(word)
        return [self._spread[t] for term in terms for t in self.topic_words(term)] if terms else None

    def is_broad(
        self,
        analysis: Analysis,
        hits: list[Hit],
        in_conversation: bool = False,
        lists_measures: bool = False,
        first: bool = True,
    ) -> bool:
        """Too broad to answer well: no topic of its own (「補助金」, "help for my shop"), three purposes or more,
        closer to a generic ask than to any measure (not `in_conversation`: after an answer, 「作る費用に補助
        あるの？」 asks about what was just shown), or no word specific to a few measures while no measure leads; or,
        for the `first` question of a conversation, read as a broad ask by the breadth classifier (`classifier.py`).

        Never broad: a question naming one or two purposes (開業, "startup") or a word no measure prints, or asking
        for every measure of a kind that some measures print (`lists_measures`: 「相談ができる事業を全部」)."""
        if analysis.of_a_measure:
            return False
        # 「支援策一覧」, "list of business support please", 「分野別にまとめて」, "overview of the vision's measures":
        # the words asking for a list or a summary, and those naming the vision itself, name no kind of measure.
        tokens = set(self.tokenize(analysis.text))
        summary = analysis.wants_list or bool(tokens & OVERVIEW_WORDS)
        unnamed = self.generic_words | _SUMMARY_WORDS if summary else self.generic_words
        own = tokens - unnamed
        named = sum(1 for p in self.purposes if any(names_term(analysis.text, term) for term in p["terms"]))
        if not own or named >= BROAD_MIN_PURPOSES:
            return True
        if lists_measures:
            # A desk officer asking for every measure of a kind gets them all.
            return False
        if not self.in_scope(hits, analysis.lang, analysis.text) and self.reads_uncovered(
            analysis.text, UNCOVERED_NOT_ASKED_BACK
        ):
            # 「世田谷区の区の花って何でしたっけ？」: trivia reads like a generic ask, but nothing it is about is
            # covered; no purpose offered to pick would fit it.
            return False
        if self._broad_by_signals(analysis, hits, in_conversation):
            return True
        # The classifier reads first questions only: a later turn, even after an ask back, leans on the earlier ones
        # (「うちの商店会で使えるもの」 after 「支援ある？」).
        return first and not in_conversation and self._reads_broad(analysis, hits)

    def _broad_by_signals(self, analysis: Analysis, hits: list[Hit], in_conversation: bool) -> bool:
        """The hand-written signals: purposes, generic asks, words the vision lacks, and the lead of the best
        measure."""
        words = self.topic_words(analysis.text)
        if self.names_purpose(analysis.text):
            return False
        # How much closer to a generic ask than to any measure; after an answer, 「作る費用に補助あるの？」 asks about
        # what was just shown, so a conversation is never asked back for that.
        generic = float("-inf") if in_conversation else self._generic_margin(analysis.text, hits)
        if generic >= GENERIC_ASK_STRONG[analysis.lang]:
            # Much closer: words the vision lacks are the asker's own (a trade, a place, "overwhelmed"), not a topic.
            return True
        # A word no measure prints (確定申告, visa) names a topic, if one the vision lacks: never broad.
        if self._names_unknown(analysis.text):
            return False
        if generic >= GENERIC_ASK_CLOSE[analysis.lang]:
            return True
        asks_support = self.asks_support(analysis.text)
        if (
            generic >= GENERIC_ASK_MARGIN
            and not any(self._spread[w] == 1 for w in words)  # a word of a single measure names it
            # As does a noun of two (ホームページ, 銭湯), where something is asked (not 大学 of 「大学の学生です。」).
            and not self._names_rare_noun(" ".join(_asking(_sentences(analysis.text))))
            and (asks_support or any(self._spread[w] for w in words))  # 「ああああ」, "hmm": no ask at all
        ):
            return True
        if self._any_specific(words):
            return False
        if not self.in_scope(hits, analysis.lang, analysis.text):
            # Out of scope, the abstention, unless it asks for support in general ("anything for a group like ours?")
            # or only says who is asking before asking what there is (「陶芸やってます。何かありますか？」).
            return asks_support or self._asks_only_who(analysis.text)
        return not (len(hits) >= 5 and hits[0].unit_similarity - hits[4].unit_similarity >= BROAD_MAX_LEAD)

    def _reads_broad(self, analysis: Analysis, hits: list[Hit]) -> bool:
        """The breadth classifier reads a broad ask, and the question names no purpose it asks about, no measure and
        no rare topic, and is not out of scope.

        Chit-chat reads like a broad ask too (「好きな色は？」): asked back only when in scope or asking for support,
        never when it names something the vision lacks and is out of scope ("help me plan my wedding")."""
        if analysis.wants_list:
            # "All of them, please" reads broad; which kind is asked for is the lister's to say.
            return False
        if self.breadth is None or not self.breadth.reads(self.retriever.question_vector(analysis.text)):
            return False
        sentences = _sentences(analysis.text)
        if any(not p.get("audience") for p in self.named_purposes(" ".join(_asking(sentences)))):
            # A purpose asked about is a topic ("What does the ward do for hiring?"); one in a sentence that only says
            # who is asking is an audience (「町工場を営んでいます。区の制度で何か利用できるものは？」), as is a shop,
            # a workshop or a farm asked about with nothing they need ("What support is out there for small shops?").
            return False
        if any(p["label"][lang] in analysis.text for p in self.purposes for lang in ("ja", "en")):
            # Narrowed by a purpose offered when asked back (「補助金 創業・開業」), even with no history sent.
            return False
        asked = " ".join(_asking(sentences) or [analysis.text])
        if any(w in self._name_words and 1 <= self._spread[w] <= NAME_WORD_MAX_SPREAD for w in self.topic_words(asked)):
            return False
        if self._names_rare_noun(asked):
            # 「インボイス どうしたらいいか分からん」
            return False
        in_scope = self.in_scope(hits, analysis.lang, analysis.text)
        if self._names_unknown(analysis.text) and not in_scope:
            return False
        return in_scope or self.asks_support(analysis.text)

    def says_purpose(self, text: str) -> bool:
        """True when the question says one of the purposes by a phrase family of the glossary ("I want to open a
        small bakery next year": starting a business), however far its other words are from any measure."""
        terms = set(self.retriever.glossary.phrase_terms(text))
        return any(terms & set(p["terms"]) for p in self.purposes)

    def names_purpose(self, text: str) -> bool:
        """True when the question, or a document term its words stand for, names one of the purposes (開業資金,
        "business loan")."""
        return bool(self.named_purposes(text))

    def named_purposes(self, text: str) -> list[dict[str, Any]]:
        """The purposes the question, or a document term its words stand for, names."""
        # Through the glossary, not by generic words alone: "shop" and "advice" stand for document terms too.
        glossary = self.retriever.glossary
        said = {*self.tokenize(text), *text.lower().split()}
        borrowed = {term for word in said & (self.generic_words | self.support_words) for term in glossary.expand(word)}
        texts = [text, *(term for term in glossary.expand(text) if term not in borrowed)]
        return [
            p
            for p in self.purposes
            # 相談 is asked of anything
            if any(names_term(t, term) for term in set(p["terms"]) - self.generic_words for t in texts)
        ]

    def _names_unknown(self, text: str) -> bool:
        """True when a sentence asking something has a word no measure prints (確定申告, visa); sentences that
        only say who is asking are left out, when something else is asked."""
        return bool(self._unknown_asked(text))

    def names_unknown_matter(self, text: str) -> bool:
        """True when the sentences of `text` asking something name UNKNOWN_MATTER_WORDS words or more that no measure
        prints ("which fertiliser for tomatoes in this soil?"): a matter of the asker's own, not the vision's."""
        return len(self._unknown_asked(text) - _YEAR_WORDS) >= UNKNOWN_MATTER_WORDS

    def _unknown_asked(self, text: str) -> set[str]:
        """The words no measure prints in the sentences of `text` asking something (all of them, when none asks)."""
        sentences = _sentences(text)
        words = self.topic_words(" ".join(_asking(sentences) or sentences))
        return {w for w in words if self._unknown(w) and len(w) >= (4 if w.isascii() else 2)}

    def names_only_unknown(self, text: str, verbs: bool = False) -> bool:
        """True when every noun (and verb, with `verbs`) of `text` is one no measure prints (嫁, 喧嘩; "tractor
        battery")."""
        words = self.topic_words(text, verbs)
        return bool(words) and all(self._unknown(w) for w in words)

    def _asks_only_who(self, text: str) -> bool:
        """True when the sentences of `text` only say who is asking, but for one asking with no topic of its own
        ("I'm a translator. Does the ward have anything?"): the trade is an audience, not a topic."""
        sentences = _sentences(text)
        asked = _asking(sentences)
        return 0 < len(asked) < len(sentences) and not self.topic_words(" ".join(asked))

    def _names_rare_noun(self, text: str) -> bool:
        """True when `text` has a noun one or two measures print (銭湯, インボイス, AED): it names their topic.
        Other English words meet the guide's text by chance ("cafe", "studio"), so they do not count."""
        return any(
            (not w.isascii() or w in self._printed_latin) and 1 <= self._spread[w] <= RARE_NOUN_MAX_SPREAD
            for w in self.topic_words(text, False)
        )

    def _unknown(self, word: str) -> bool:
        """True when no measure prints `word`, its English singular ("programs"), or a term the glossary reads it
        as ("foreigners" → 外国籍): the vision does not speak of it."""
        if self._spread[word] or (word.isascii() and word.endswith("s") and self._spread[word[:-1]]):
            return False
        if word.isascii() and len(word) >= TYPO_MIN_LENGTH and any(_one_edit(word, w) for w in self._asking_words):
            # "anyting", "suport", "subsidys": a slip of a word that asks for help names no topic.
            return False
        spreads = self._term_spreads(word)
        # An empty list: 自営業 → 事業者, a word for the asker the vision speaks of in generic words only.
        return spreads is None or (bool(spreads) and not any(spreads))

    def asks_support(self, text: str) -> bool:
        """True when the question asks for support in general words (支援, 相談, help, support, advice)."""
        text = _PEOPLE_SERVED.sub(" ", text)
        return bool(self.support_words & {*self.tokenize(text), *text.lower().split()})

    def names_only_forms(self, text: str) -> bool:
        """True when the topic words of `text` only name forms and kinds of support (a seminar, someone to ask,
        funding): "is there a seminar or someone to ask?" names no topic of its own."""
        words = self.topic_words(text)
        return bool(words) and words <= self.service_forms | self.support_kinds

    def asks_generically(self, text: str, hits: list[Hit]) -> bool:
        """Closer to an ask for help that names no purpose than to any measure (e5), by `GENERIC_ASK_MARGIN`."""
        return self._generic_margin(text, hits) >= GENERIC_ASK_MARGIN

    def _generic_margin(self, text: str, hits: list[Hit]) -> float:
        """The e5 similarity of `text` to the closest generic ask minus that to the closest measure."""
        with self._generic_lock:
            if self._generic_vectors is None:
                self._generic_vectors = self.retriever.question_vectors(self.generic_asks)
            vectors = self._generic_vectors
        closest = float(self.retriever.question_similarities(text, vectors).max())
        return closest - max((h.similarity for h in hits), default=0.0)
