"""Which printed indicator a number question asks about, or that none stands out.

A target quoted for the wrong indicator is the worst answer shien can give, so an indicator is
chosen only when it stands out (score, margin, agreement with measure retrieval, and the unit the
question counts in); otherwise the answer shows the closest targets as such.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from ingest.card import CardIndicator, Cards, MeasureCard
from service.answer.question import Analysis, analyze
from service.answer.scope import ENGLISH_FUNCTION_WORDS
from service.search.keyword import JapaneseTokenizer
from service.search.retrieval import Hit, IndicatorMatch, Retriever

# Calibrated on the dev split (see BENCHMARKS.md). An indicator scores its own similarity (e5 + USE) plus
# its measure's relevance to the question, weighted: the measure tells which of similar labels is meant.
# Relevance is 1 for the best measure and falls by RELEVANCE_SPREAD times the share its fused score trails by:
# it breaks near-ties between labels, and must not let any label of the best measure stand out merely because
# that measure leads (「エステの回数券を解約したい」 is no question about consumer lectures).
INDICATOR_MEASURE_WEIGHT = 0.8
RELEVANCE_SPREAD = 0.2
INDICATOR_MIN_SCORE = {"ja": 1.7, "en": 1.7}
INDICATOR_MARGIN = 0.04  # over the best indicator with another label
# A stretch of a label this long, printed by this few labels, names them (ふれあい農園: ふれあい農園開園数,
# ふれあい農園参加人数; ビジネスマッチング); a shorter one (商店街, 会員数) is a common word.
NAMED_LABEL_CHARS = 5
NAMED_LABEL_SPREAD = 2
# A second measure whose fused score is at least this share of the best one's ties with it: its labels agree with
# measure retrieval as much as the best one's do.
ANCHOR_TIE = 0.95
SHOWN_MEASURES = 3  # the measures of the last answer a follow-up can be about (its primary ones)
# A number question after an answer: the shown measures' indicators win unless another scores this much higher.
SHOWN_SLACK = 0.10
SHOWN_PRIOR = 0.10  # the lead measure's indicators over the third shown measure's
FOLLOW_UP_MARGIN = 0.02  # a follow-up's target over the best other label of the measures shown
EXACT_UNIT_BONUS = 0.05  # a target in the very unit the question counts in (何社: 社) over one in a unit that also fits
# Labels of one measure ending in the same words, in one unit, count the same thing of different kinds
# (ふれあい農園開園数 / 農業体験農園開園数; AEDの設置台数 / 防犯カメラの設置台数): "the same words" is a shared ending
# of at least this many characters (not 園数 or 人数, which end labels that count different things).
SIBLING_ENDING = 3
# Labels of two measures just shown count the same thing of different kinds when they share a longer ending
# (エシカル消費に関する講座の実施回数 / 消費者の安心安全や意識向上に関する講座の実施回数: 「その講座」 fits both).
SHOWN_SIBLING_ENDING = 5
# A count of times (何回, "how many times") is printed in 件 for dispatches (顧問的診断士の派遣数): a label in 件
# fits it when it names what the question names, in a word at most this many labels print (派遣, not 相談 or 補助).
TIMES_IN_CASES_SPREAD = 2
# Words that say what is done with a count, not what is counted: "how many meetups does the ward plan to hold" names
# no public facilities management plan.
_ASKING_VERBS = frozenset({"plan", "plans", "planned", "planning", "aim", "aims", "aiming", "target", "targets"})
# A word a correction rules out names the labels to leave out (「マッチングイベントの回数やなくて」: マッチング), unless
# more than this share of labels print it ("number", 数): such a word says nothing of which target is meant.
RULED_OUT_MAX_SHARE = 0.1


def singular(word: str) -> str:
    """An English word without a plural s ("consultations" meets "consultation"); other words as they are."""
    return word[:-1] if word.isascii() and len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _unbracketed(label: str) -> str:
    """A label without the bracket closing it: …情報発信（メールマガジン配信数） ends as メールマガジン配信数 does."""
    return label.rstrip("）)")


class IndicatorChooser:
    """Ranks the catalogue's indicators for a number question and decides whether one stands out."""

    def __init__(self, cards: Cards, retriever: Retriever, tokenizer: JapaneseTokenizer) -> None:
        self.cards = cards
        self.retriever = retriever
        self.tokenizer = tokenizer

        indicators = [(card.id, i) for card in cards for i in card.indicators]
        # The words each label prints, in both languages.
        self._label_words: dict[tuple[str, str], frozenset[str]] = {
            (mid, i.label): self._words_of(i.label, i.label_en) for mid, i in indicators
        }
        # The words that say which kind of thing each label counts: its own, and the guide's everyday words for it
        # (消火栓, hose: スタンドパイプの設置台数).
        self._kind_words: dict[tuple[str, str], frozenset[str]] = {
            (mid, i.label): self._label_words[(mid, i.label)] | self._words_of(i.counts_ja, i.counts_en)
            for mid, i in indicators
        }
        # The same words with each plural as its singular: "member" is printed by "Number of Sera Service members".
        self._label_singulars: dict[tuple[str, str], frozenset[str]] = {
            key: frozenset(singular(w) for w in words) for key, words in self._label_words.items()
        }
        # How many distinct labels print each word (a label printed under several measures counts once).
        printed_by_label: dict[str, set[str]] = {}
        for (_, label), words in self._label_singulars.items():
            printed_by_label.setdefault(label, set()).update(words)
        self._label_spread: Counter[str] = Counter(w for words in printed_by_label.values() for w in words)
        self._labels = len(printed_by_label)
        # Every stretch of each label's text, NAMED_LABEL_CHARS long at least, with the labels printing it.
        self._stretches: dict[str, set[str]] = {}
        for label in printed_by_label:
            shown = unicodedata.normalize("NFKC", label)
            for start in range(len(shown)):
                for end in range(start + NAMED_LABEL_CHARS, len(shown) + 1):
                    self._stretches.setdefault(shown[start:end], set()).add(label)
        self._longest_label = max((len(label) for label in printed_by_label), default=0)

    def _name_words(self, card: MeasureCard) -> frozenset[str]:
        """The words of a measure's name, in both languages."""
        return self._words_of(card.name, card.name_en)

    def _words_of(self, ja: str, en: str) -> frozenset[str]:
        """Sudachi normal forms of the Japanese, and the words of the English."""
        # "e-mail newsletters" prints "email" too, as the other newsletters' labels spell it.
        joined = [f"{a}{b}" for a, b in re.findall(r"\b([a-z])-([a-z]+)", en.lower())]
        return frozenset([*self.tokenizer(ja), *re.findall(r"[a-z]+", en.lower()), *joined])

    def label_spread(self, word: str) -> int:
        """How many distinct labels print `word` (in either number)."""
        return self._label_spread[singular(word)]

    def printed_by_labels_of(self, words: set[str], measure_ids: list[str]) -> bool:
        """True when `words` is not empty and one label of the measures `measure_ids` prints every one of them."""
        singulars = {singular(w) for w in words}
        return bool(words) and any(
            singulars <= printed for (mid, _), printed in self._label_singulars.items() if mid in measure_ids
        )

    def names_another(self, analysis: Analysis, words: set[str], shown: list[str]) -> bool:
        """True when a follow-up names a target of another measure than those just shown: the best label for the
        turn alone is elsewhere, leads theirs by SHOWN_SLACK, and prints a word of the turn that no label of theirs
        prints ("the association's own events" after its members' target; not "those sessions" after them)."""
        everywhere = self.fitting(self.retriever.indicators(analysis.text), analysis)
        here = self.fitting(self.retriever.indicators(analysis.text, set(shown)), analysis)
        if not everywhere or not here or everywhere[0].measure_id in shown:
            return False
        if everywhere[0].score < here[0].score + SHOWN_SLACK:
            return False
        printed = {singular(w) for (mid, _), kind in self._kind_words.items() if mid in shown for w in kind}
        best = {singular(w) for w in self._kind_words[(everywhere[0].measure_id, everywhere[0].label)]}
        return bool({singular(w) for w in words} - printed & best)

    def counted_elsewhere(self, analysis: Analysis, words: set[str], shown: list[IndicatorMatch]) -> bool:
        """True when a follow-up names what it counts by `words` (its own words some label prints), none of which the
        targets `shown` print, while the best target for the turn alone prints one: 「イベント開催数」 after an answer
        about start-up consultations, "people through those farm sessions" after the tourism association's members."""
        singulars = {singular(w) for w in words}
        if not singulars or any(
            {singular(w) for w in self._kind_words[(m.measure_id, m.label)]} & singulars for m in shown
        ):
            return False
        everywhere = self.fitting(self.retriever.indicators(analysis.text), analysis)
        if not everywhere:
            return False
        best = {singular(w) for w in self._kind_words[(everywhere[0].measure_id, everywhere[0].label)]}
        return bool(best & singulars)

    def not_ruled_out(self, matches: list[IndicatorMatch], analysis: Analysis) -> list[IndicatorMatch]:
        """`matches` without the targets the question rules out: those whose label prints a word of a phrase it
        rules out (「マッチングイベントの回数やなくて」), not printed in what it asks instead, nor printed by most
        labels."""
        if not analysis.ruled_out:
            return matches
        # "how many people take part, not how many farms": a count ruled out in other units than the one asked rules
        # out what it counts (箇所), not the farms, which the participants' label prints too.
        asked = analysis.units or frozenset()
        by_unit: set[str] = set()
        phrases = []
        # "people, not the number of farms" still asks about farm plots: a word counts as kept in either number.
        kept = {singular(w) for w in self._words_of(analysis.corrected, analysis.corrected)}
        ruled: set[str] = set()
        for phrase in analysis.ruled_out:
            counted = analyze(phrase, analysis.lang).units
            if counted and asked and not counted & asked:
                by_unit |= counted
                # 「体験農園とか野菜作りの講習会の数じゃなくて、塾のほう」 (何園): a word of it one label alone prints
                # (講習: 野菜作り講習会実施園数) rules that label out, whatever it counts in.
                words = {singular(w) for w in self._words_of(phrase, phrase) if w not in ENGLISH_FUNCTION_WORDS}
                ruled |= {w for w in words - kept if self.label_spread(w) == 1}
            else:
                phrases.append(phrase)
        whole: list[str] = []
        for phrase in phrases:
            if phrase not in analysis.text:
                # A glossary reading of a thing ruled out (銭湯: 公衆浴場; "coworking": シェアオフィス) rules out the
                # labels printing it whole, not every label printing a part of it (区内のオフィス).
                whole.append(unicodedata.normalize("NFKC", phrase))
                continue
            words = {singular(w) for w in self._words_of(phrase, phrase) if w not in ENGLISH_FUNCTION_WORDS} - kept
            # By its words few labels print (マッチング of 「マッチングイベントの回数」), or, when it has none, by the
            # ones it has: "not the events" rules out the events, however many labels print them.
            rare = {w for w in words if 0 < self.label_spread(w) <= RULED_OUT_MAX_SHARE * self._labels}
            ruled |= rare or words
        return [
            m
            for m in matches
            if self.unit(m) not in by_unit
            and not self._label_singulars[(m.measure_id, m.label)] & ruled
            and not any(reading in unicodedata.normalize("NFKC", m.label) for reading in whole)
        ]

    def labels_printing(self, words: set[str]) -> set[tuple[str, str]]:
        """The (measure id, label) of each indicator whose label prints one of `words` (派遣: 顧問的診断士の派遣数), in
        either number."""
        singulars = {singular(w) for w in words}
        return {key for key, printed in self._label_singulars.items() if printed & singulars}

    def rank(self, query: str, hits: list[Hit], context_ids: list[str]) -> list[IndicatorMatch]:
        """Every indicator, scored by its own similarity and its measure's relevance, best first.

        The measures of the conversation's last answer count as fully relevant: 「会員は何人にする目標？」 after an
        answer about a measure asks about that measure's members, not another measure's."""
        top = hits[0].score if hits and hits[0].score > 0 else 1.0
        relevance = {h.measure_id: 1 - RELEVANCE_SPREAD * (1 - h.score / top) for h in hits}
        relevance |= dict.fromkeys(context_ids[:SHOWN_MEASURES], 1.0)
        rescored = [
            replace(m, score=m.score + INDICATOR_MEASURE_WEIGHT * relevance.get(m.measure_id, 0.0))
            for m in self.retriever.indicators(query)
        ]
        return sorted(rescored, key=lambda m: -m.score)

    def shown(self, query: str, shown: list[str], turn: str = "") -> list[IndicatorMatch]:
        """The indicators of the measures just shown, the first shown (the lead) favoured: 「その補助」 means it.

        With `turn` (the last question alone, `query` being the conversation), each indicator scores the mean
        of both readings: the conversation names the thing ("What about the AED machines?" → "and by 2031?"),
        while its earlier words can pull towards a label that merely shares them (住宅 → エコ住宅補助)."""
        prior = {
            mid: SHOWN_PRIOR * (SHOWN_MEASURES - i) / SHOWN_MEASURES for i, mid in enumerate(shown[:SHOWN_MEASURES])
        }
        matches = self.retriever.indicators(query, set(prior))
        if turn and turn != query:
            alone = {(m.measure_id, m.label): m.score for m in self.retriever.indicators(turn, set(prior))}
            matches = [replace(m, score=(m.score + alone.get((m.measure_id, m.label), m.score)) / 2) for m in matches]
        return sorted((replace(m, score=m.score + prior[m.measure_id]) for m in matches), key=lambda m: -m.score)

    def about_shown(self, query: str, shown: list[str], analysis: Analysis) -> bool:
        """A number question after an answer is about its measures unless it names another indicator clearly."""
        everywhere = self.fitting(self.retriever.indicators(query), analysis)
        here = self.fitting(self.retriever.indicators(query, set(shown[:SHOWN_MEASURES])), analysis)
        return bool(here) and bool(everywhere) and here[0].score >= everywhere[0].score - SHOWN_SLACK

    @staticmethod
    def stands_out(matches: list[IndicatorMatch], margin: float) -> bool:
        """True when the best match leads the best one with another label by `margin` (or has no rival)."""
        if not matches:
            return False
        runner_up = next((m for m in matches[1:] if m.label != matches[0].label), None)
        return runner_up is None or matches[0].score - runner_up.score >= margin

    def told_apart(self, matches: list[IndicatorMatch], text: str, margin: float) -> list[IndicatorMatch]:
        """The best of `matches`, with another label within `margin` of it, when `text` names it by a word of its
        label that none of the others prints and at most NAMED_LABEL_SPREAD labels do ("vegetable-growing classes":
        野菜作り講習会実施園数 over 農作業体験塾実施園数); else none. Never a label behind the best: a word of an
        earlier turn (「住宅街」, "student loan") can name a label by chance."""
        if not matches:
            return []
        best = matches[0]
        tied = {(m.measure_id, m.label): m for m in matches if best.score - m.score < margin}
        if len({label for _, label in tied}) < 2:
            return []
        said = {singular(w) for w in self.tokenizer(text) if w not in ENGLISH_FUNCTION_WORDS}
        said = {w for w in said if self._label_spread[w] <= NAMED_LABEL_SPREAD}
        rivals = [key for key in tied if key[1] != best.label]
        others = {singular(w) for key in rivals for w in self._kind_words[key]}
        # A word a rival's measure is named by ("construction" in 建設業人材確保) is the conversation's subject, not
        # what is counted.
        others |= {singular(w) for mid, _ in rivals if (card := self.cards.card(mid)) for w in self._name_words(card)}
        own = self._label_singulars[(best.measure_id, best.label)] - others
        return [m for m in matches if m.label == best.label] if said & own else []

    def fitting(self, matches: list[IndicatorMatch], analysis: Analysis) -> list[IndicatorMatch]:
        """The indicators that count what the question counts, none it rules out: 「何人」 is never answered with a
        number of 回, and 「何社」 is answered in 社 before 件 when both fit about as well."""
        matches = self.not_ruled_out(matches, analysis)
        if analysis.units is None:
            return matches
        named = self._rare_words_of(analysis.text) if "回" in analysis.units else set()
        # 「派遣って何回？」: dispatches are counted in 件, and counted in the very counter asked.
        times_in_cases = {
            (m.measure_id, m.label)
            for m in matches
            if self.unit(m) == "件" and named & self._label_words[(m.measure_id, m.label)]
        }
        fit = [m for m in matches if self.unit(m) in analysis.units or (m.measure_id, m.label) in times_in_cases]
        if analysis.exact_unit:
            fit = [
                replace(
                    m, score=m.score + EXACT_UNIT_BONUS * self._counts_exactly(m, analysis.exact_unit, times_in_cases)
                )
                for m in fit
            ]
            fit.sort(key=lambda m: -m.score)
        return fit

    def _counts_exactly(self, match: IndicatorMatch, unit: str, times_in_cases: set[tuple[str, str]]) -> bool:
        """True when `match` counts in `unit`, the very counter asked, or in 件 what a count of times (回) names."""
        return self.unit(match) == unit or (unit == "回" and (match.measure_id, match.label) in times_in_cases)

    def count_asked(self, labels: set[tuple[str, str]], analysis: Analysis) -> bool:
        """True when one of `labels` (measure id, label) fits what the question counts, as `fitting` reads it."""
        return bool(self.fitting([IndicatorMatch(mid, label, 0.0, 0.0, 0.0) for mid, label in labels], analysis))

    def _rare_words_of(self, text: str) -> set[str]:
        """The words of `text`, and of its glossary readings ("advisors": 顧問的診断士), that some label prints and at
        most TIMES_IN_CASES_SPREAD labels do."""
        tokens = [t for phrase in [text, *self.retriever.glossary.expand(text)] for t in self.tokenizer(phrase)]
        words = {*tokens, *(singular(w) for w in tokens)}
        return {w for w in words - _ASKING_VERBS if 0 < self.label_spread(w) <= TIMES_IN_CASES_SPREAD}

    def siblings(
        self, best: IndicatorMatch, matches: list[IndicatorMatch], text: str, across: bool = False
    ) -> tuple[list[IndicatorMatch], list[IndicatorMatch]]:
        """`best` with the labels of its measure that count the same thing of another kind, unless `text` names the
        kind of the best one and not theirs; and `matches` left as its rivals, without any of those labels.

        「農園は何箇所？」 fits ふれあい農園開園数 and 農業体験農園開園数 alike, so both are the answer, each with
        its label, neither guessed; 「ふれあい農園は？」 gets that one, and 「AEDと防犯カメラは何台？」 both. A label
        told apart is no rival either: 「商店街向けは何団体？」 is not asking the bathhouses' count.

        With `across` (`matches` being the measures just shown), labels of the other measures sharing a longer ending
        are kin too: 「その講座、何回？」 after two measures that both hold lectures."""
        kinds = self._kinds(best, matches, text, across)
        kin = {(m.measure_id, m.label) for m, _ in kinds}
        group = [best, *(match for match, named_apart in kinds if not named_apart)]
        return group, [m for m in matches if (m.measure_id, m.label) not in kin]

    def _kinds(
        self, best: IndicatorMatch, matches: list[IndicatorMatch], text: str, across: bool = False
    ) -> list[tuple[IndicatorMatch, bool]]:
        """The other labels of `best`'s measure counting the same thing of another kind (the same unit and ending),
        each with whether `text` names `best`'s kind and not this one's."""
        indicator = self.indicator(best)
        if indicator is None:
            return []
        # "AEDs" names the AED label's kind; "the" names none.
        said = {singular(w) for w in self.tokenizer(text) if w not in ENGLISH_FUNCTION_WORDS}
        best_words = {singular(w) for w in self._kind_words[(best.measure_id, best.label)]}
        kinds: list[tuple[IndicatorMatch, bool]] = []
        for match in matches:
            other = self.indicator(match)
            same_measure = match.measure_id == best.measure_id
            ending = SIBLING_ENDING if same_measure else SHOWN_SIBLING_ENDING
            if (
                not (same_measure or across)
                or other is None
                or other.label in {best.label, *(m.label for m, _ in kinds)}
                or other.unit != indicator.unit
                or _unbracketed(other.label)[-ending:] != _unbracketed(indicator.label)[-ending:]
            ):
                continue
            words = {singular(w) for w in self._kind_words[(match.measure_id, match.label)]}
            kinds.append((match, not (words - best_words & said) and bool(best_words - words & said)))
        return kinds

    def anchors(self, hits: list[Hit], context_ids: list[str], text: str = "") -> set[str]:
        """Labels of the indicators of the best measure for the question (and of a second one nearly tied with it:
        ふれあい農園事業 and 農業者と区民とのふれあいの場, whose labels count the farms), of the measures just
        shown, and those the question `text` names (`named_labels`)."""
        best = [h.measure_id for h in hits[:2] if h.score >= ANCHOR_TIE * hits[0].score]
        # Strands of the best measure's programme found beside it (the tourism association's members, and its events)
        # are one topic: a target of either agrees with the search.
        lead = self.cards.card(hits[0].measure_id) if hits else None
        if lead is not None and lead.family != lead.name:
            best += [
                h.measure_id
                for h in hits[1:SHOWN_MEASURES]
                if (card := self.cards.card(h.measure_id)) and card.family == lead.family
            ]
        ids = [*best, *context_ids[:SHOWN_MEASURES]]
        return {i.label for mid in ids if (card := self.cards.card(mid)) for i in card.indicators} | self.named_labels(
            text
        )

    def named_labels(self, text: str) -> set[str]:
        """The labels `text` quotes a stretch of, NAMED_LABEL_CHARS long at least, that at most NAMED_LABEL_SPREAD
        labels print (「ふれあい農園っていくつ開いとる？」: ふれあい農園開園数 and ふれあい農園参加人数, whichever farm
        measure the search put first). A single common word is no such stretch: 「商店街にどれくらい置いてある？」
        names no 商店街への支援件数."""
        text = unicodedata.normalize("NFKC", text)
        named: set[str] = set()
        for start in range(len(text)):
            for end in range(start + NAMED_LABEL_CHARS, min(len(text), start + self._longest_label) + 1):
                labels = self._stretches.get(text[start:end])
                if labels is None:
                    break
                if len(labels) <= NAMED_LABEL_SPREAD:
                    named |= labels
        return named

    def clear(
        self, analysis: Analysis, matches: list[IndicatorMatch], anchors: set[str], text: str = ""
    ) -> tuple[list[IndicatorMatch], bool]:
        """The indicator the question names when one stands out, else the closest three, shown as such.

        Stands out (calibrated on the dev split): a score and a margin over the best other label, and agreement
        with measure retrieval: the label is printed for the best measure (or one just shown). Labels the question
        (`text`, else the turn) cannot tell apart from the best one stand out with it (`siblings`)."""
        matches = self.not_ruled_out(matches, analysis)
        if not matches:
            return [], False
        fitting = self.fitting(matches, analysis)
        if not fitting:
            return matches[:3], False
        best = fitting[0]
        group, rivals = self.siblings(best, fitting, text or analysis.text)
        anchored = [m for m in group if m.label in anchors]
        if best.label not in anchors and len({m.label for m in anchored}) == 1:
            # 「農業体験できるふれあい農園って何か所？」 names both farm kinds' words, so neither is told apart by
            # them; the kind measure retrieval agrees with (or whose label the question quotes a stretch of) is meant.
            best, group = anchored[0], anchored
        # The same label printed for several measures (経営相談件数 of each desk) is one indicator, not a rival.
        clear = (
            best.score >= INDICATOR_MIN_SCORE[analysis.lang]
            and self.stands_out(rivals, INDICATOR_MARGIN)
            and best.label in anchors
        )
        if not clear:
            return matches[:3], False
        # The same label with other targets under another measure that fits as well (SETAGAYA PORTの新規会員登録者数
        # under three SETAGAYA PORT measures): every one of them, each with its measure, never one as "the" target.
        # A label many unrelated measures print (補助件数) is told apart by the measure's relevance instead.
        picks, seen = list(group), {self._targets(best)}
        for match in fitting[1:]:
            targets = self._targets(match)
            if match.label == best.label and best.score - match.score < INDICATOR_MARGIN and targets not in seen:
                picks.append(match)
                seen.add(targets)
        return picks, True

    def indicator(self, match: IndicatorMatch) -> CardIndicator | None:
        """The catalogue's indicator `match` stands for (None when its measure or label is gone)."""
        card = self.cards.card(match.measure_id)
        return next((i for i in card.indicators if i.label == match.label), None) if card else None

    def _targets(self, match: IndicatorMatch) -> tuple[str, str, str]:
        indicator = self.indicator(match)
        return (indicator.r6, indicator.r9, indicator.r13) if indicator else ("", "", "")

    def unit(self, match: IndicatorMatch) -> str:
        """The unit the target of `match` counts in ("" for an unknown label)."""
        indicator = self.indicator(match)
        return indicator.unit if indicator else ""
