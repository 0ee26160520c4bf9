"""Which printed target a number question asks for, and whether one stands out.

After an answer, a number question is about the measures just shown unless its own words name a target they do not
print (a rare label word, another programme, a count of its own); else it is looked for among all targets, the
conversation's measures weighed first. `IndicatorChooser` scores the indicators; this module reads the conversation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from ingest.card import Cards
from service.answer.indicators import (
    FOLLOW_UP_MARGIN,
    NAMED_LABEL_SPREAD,
    SHOWN_MEASURES,
    IndicatorChooser,
    singular,
)
from service.answer.listing import MeasureLister
from service.answer.model import Turn
from service.answer.question import Analysis, without_years
from service.answer.question_words import (
    ASKED,
    HOW_HELD,
    NAMED_BY_WORDS,
    RARE_SPREAD,
    REFERENCE_WORDS,
    TARGET_WORDS,
    QuestionWords,
)
from service.answer.scope import ENGLISH_FUNCTION_WORDS, Scope
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.retrieval import Filters, Hit, IndicatorMatch, Retriever

# A word printed by this many measures at most can say what a count is of (イベント, "farm"; not 区内 or "through").
COUNTED_WORD_SPREAD = 12

_POINTER = re.compile(r"\b(that|this|those|these)\b|その|この|あの|それ|これ")
# A figure as typed or printed: 30, 8,400, 1850.
_FIGURE = re.compile(r"(?<![0-9,.])[0-9][0-9,]*(?:\.[0-9]+)?")
# A term the turn quotes ("the 'juku' ones", 「『塾』のほう」) names the target itself: no word of the conversation
# tells it apart instead.
_QUOTED = re.compile(r"(^|\s)['\"“‘「『][^'\"”’」』]{2,30}['\"”’」』]")

# A word pointing back at something talked about: a pointer, or a place or thing pointed to (「そこ」, "them").
_DEMONSTRATIVE = re.compile(_POINTER.pattern + r"|あれ|そこ|\b(it|its|them|there)\b")

# A pronoun standing for the thing last talked about (not 「それぞれ」, 「それから」, 「あれば」, "is there").
_PRONOUN = re.compile(r"それ(?!ぞれ|から)|そこ|あれ(?!ば)|\b(it|them)\b|(?<!is )(?<!are )\bthere\b")
# "how many times will they come?": the people of the programme just shown (or the ward running it).
_THEY = re.compile(r"\b(they|their)\b")

# A turn opening by saying the last answer missed: 「あ、ちがう」「いや違います」「あ、それじゃなくて」, "no, not that",
# "wrong one" (not 「違う年度だと？」, another year; nor "no, I meant the course-style ones", which may name the target
# just given again: what it rules out, it says).
_REJECTS_LAST = re.compile(
    r"^\s*(あ|いや|いえ|ううん|え|あの)?[、,\s]*(ちが|違)(う|います)(?=[、,。.!！\s]|ちが|違|$)"
    r"|^\s*(あ|いや|いえ|ううん|え|あの)?[、,\s]*(それ|そっち|そちら|そう)(じゃ|や|では|で)なく"
    r"|^\s*(no|nope)[,.!]?\s+not that\b|\bwrong one\b"
)

# The words of a rejection itself (「ちがう」「いや違います」「…じゃなくて」「の方」), which name no target.
_REJECTING_WORDS = frozenset({"違う", "否", "無い", "方", "ほう", "wrong", "one", "please", "mean", "meant"})


def _names_year(text: str) -> bool:
    """True when `text` names a fiscal year (令和9年度, FY2027, 「最終年度」)."""
    return without_years(text) != unicodedata.normalize("NFKC", text)


# A turn turning to another thing than the one just answered: 「火を消すための設備のほうは」, "what about the …".
_TURNS_TO_ANOTHER = re.compile(r"(の|る)(ほう|方)(は|も|で|って|が)|\b(what|how) about\b|\bthe other\b|\binstead\b")

# English words for how a target counts ("What total is the ward aiming for?", "how many time per year?", "how many
# sodan cases"): a label's gloss may print them (延べ: "Total number of participants…", 回: "times", 件: "cases"),
# yet they name no target.
_HOW_COUNTED = frozenset({
    "total", "totals", "cumulative", "overall", "combined", "aggregate", "altogether", "sum", "time", "times", "case",
    "cases",
})  # fmt: skip

# The noun a demonstrative points back with, when it ends the phrase ("those sessions do they…", not "those fureai
# farm sites", where fureai names the farms).
_POINTING_BACK_WITH = re.compile(
    r"\b(?:those|these|that|this)\s+([a-z]+)\b(?=\s+(?:do|does|did|are|is|was|were|will|would|they|you|in|for|by"
    r"|at|on|per|each|planned|held|run|scheduled)\b|\s*[?,.!]|$)"
    r"|(?:その|あの|この)([ァ-ヶー一-龥]+)"
    # "how many referrals like that", "farms like those"
    r"|\b([a-z]+)\s+like\s+(?:that|those|this|these|it|them)\b"
)


def _pointed_back_with(text: str) -> set[str]:
    """The words a demonstrative points back with ("those sessions", 「そのセミナー」, "referrals like that"): they name
    what was talked about, not a target of their own."""
    return {m.group(1) or m.group(2) or m.group(3) for m in _POINTING_BACK_WITH.finditer(text.lower())}


def _typed_whole(text: str, matches: list[IndicatorMatch]) -> list[IndicatorMatch]:
    """The one target of `matches` whose label `text` types whole (「補助件数」, not 「助成件数」); else none."""
    typed_text = unicodedata.normalize("NFKC", text)
    typed = [m for m in matches if len(m.label) >= 3 and unicodedata.normalize("NFKC", m.label) in typed_text]
    return typed if len({(m.measure_id, m.label) for m in typed}) == 1 else []


def gave_target(answers: list[Turn]) -> bool:
    """True when the last of `answers` (assistant turns) was a number answer: a target, or the closest ones."""
    return bool(answers) and answers[-1].kind == "number"


@dataclass(frozen=True)
class TargetChoice:
    """The targets an answer gives (`picks`), whether one stands out (`clear`: else they are the closest, said so),
    the indicators ranked for the question, and the measure hits the choice was made among."""

    picks: list[IndicatorMatch]
    clear: bool
    matches: list[IndicatorMatch]
    hits: list[Hit]


class TargetFinder:
    """Chooses the target a number question asks for, reading the conversation so far."""

    def __init__(
        self,
        cards: Cards,
        retriever: Retriever,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        scope: Scope,
        lister: MeasureLister,
        indicators: IndicatorChooser,
        words: QuestionWords,
    ) -> None:
        self.cards = cards
        self.retriever = retriever
        self.tokenize = tokenizer
        self.glossary = glossary
        self.scope = scope
        self.lister = lister
        self.indicators = indicators
        self.words = words
        # The words of each label and measure name, singular and lower-cased, tokenised once: follow-ups read them
        # for every target they weigh.
        self._label_words: dict[tuple[str, str], frozenset[str]] = {}
        self._name_words: dict[str, frozenset[str]] = {}

    def find(
        self,
        analysis: Analysis,
        query: str,
        hits: list[Hit],
        previous_ids: list[str],
        context_ids: list[str],
        ranked: list[IndicatorMatch] | None = None,
        previous_answer: Turn | None = None,
    ) -> TargetChoice:
        """The target of the indicator the question names; else the closest ones (`clear` False)."""
        shown = previous_ids or context_ids
        # The last answer gave a target, or only the closest ones ("no target for exactly that").
        previous = [previous_answer] if previous_answer else []
        gave_number = gave_target(previous)
        after_closest = gave_number and bool(previous[0].abstained)
        # A "not stated" answer named the measures a detail was likely asked of, a guess the user never confirmed (an
        # answer that named none, to small talk or "can we go on in English?", guessed nothing).
        after_not_stated = bool(previous) and previous[0].kind == "none" and bool(previous[0].abstained)
        # Not when that detail was a count already (「去年は何件採択された？」, the vision printing no results): the
        # measures it named were found by what was counted, no guess.
        after_not_stated = after_not_stated and bool(previous_ids) and analysis.units_before is None
        # After an answer, this turn's words and the conversation's both say which target is meant; a turn with no
        # words of its own ("and for the very first year of the plan?") says nothing of which.
        says_what = self.words.says_what(analysis.text)
        # 「銭湯のほうは？」, "what about …": a turn turning to another thing than the one just answered.
        turns_to_another = bool(_TURNS_TO_ANOTHER.search(analysis.text.lower()))
        turn = analysis.text if previous_ids and says_what else query
        # 「何回開催」 names no measure, though one shown prints 開催 in its name (イベントの開催).
        # "…, not the coworking ones": a measure named only to be ruled out is not the one the turn names.
        ruled_words = {w for phrase in analysis.ruled_out for w in self.words.says_what(phrase)}
        naming = self._naming(says_what - HOW_HELD - ruled_words, shown)
        named_id = next(iter(naming)) if len(naming) == 1 else None
        if named_id and previous_ids:
            shown = [named_id, *(mid for mid in shown if mid != named_id)]
        on_shown = self.indicators.fitting(self.indicators.shown(query, shown, turn), analysis) if shown else []
        # 「障害者向けの農作業体験会って、何回開く予定？」 after the farm-welfare programme (counted in people): the
        # turn names a measure shown that counts nothing in the unit asked.
        # Named by two words of its name at least (農作業, 体験), typed in the turn: "startups" alone names no one
        # start-up measure, nor do the glossary's readings of one phrase ("new businesses": 起業, 創業).
        turn_words = {w.lower() for w in self.tokenize(analysis.text)}
        named_unfit = (
            named_id is not None
            and len(naming[named_id] & turn_words) >= NAMED_BY_WORDS
            and all(m.measure_id != named_id for m in on_shown)
        )
        # Whether the measures just shown count anything in the unit asked, before `on_shown` is narrowed below.
        shown_fit = bool(on_shown)
        # The target this turn names by a rare word only its label prints (派遣: 顧問的診断士の派遣数; not "open").
        labelled = self.words.label_words(analysis) if previous_ids else set()
        # Not the words a demonstrative points back with ("how many referrals like that" after the office
        # introductions: not the loan referrals).
        pointed_back = _pointed_back_with(analysis.text)
        rare = self._rare_label_words(labelled - pointed_back)
        # The label words typed in the turn, but for those a demonstrative points back with (「そのマッチングの場」).
        own_named = labelled & turn_words - pointed_back
        # Or typed in the turn and printed by one label only, of a measure shown the turn before last and not since:
        # "How many contracts…?" after the harassment service, then a turn that drifted to the consultation desk
        # (契約件数). Labels of the measures just shown are weighed as usual ("how many farms?" among the farms').
        rare |= {
            w
            for w in (labelled - _HOW_COUNTED) & turn_words
            if self.indicators.label_spread(w) == 1
            # Not a word most measures print ("new": SETAGAYA PORT's new members, after the tourism association's).
            and self.scope.spread(w) <= COUNTED_WORD_SPREAD
            and any(
                mid in context_ids and mid not in previous_ids[:SHOWN_MEASURES]
                for mid, _ in self.indicators.labels_printing({w})
            )
        }
        unique = self.indicators.labels_printing(rare)
        own_best: list[Hit] = []
        # Those typed in the turn itself, not a glossary reading of its words ("jobs" is no 求職).
        literal = rare & turn_words
        # A turn naming its own target ("the public works … under its facilities plan, how many jobs?") is not read
        # by a label that counts something else: "jobs" read as 求職 names the matching events, counted in 回.
        names_its_own = bool(unique) and not _POINTER.search(analysis.text.lower())
        names_its_own = names_its_own and not self.indicators.count_asked(unique, analysis)
        if unique and not names_its_own and not any((m.measure_id, m.label) in unique for m in on_shown):
            # 「それって何件くらい派遣する？」 after an answer about the consultation desk: a target only one label
            # prints, and no measure just shown, is looked for among all of them, that label leading.
            on_shown = []
            context_ids = [*dict.fromkeys(mid for mid, _ in unique), *context_ids]
            if literal or turns_to_another:
                # Named in the turn's own words: by those words, since the conversation's would name the target
                # just given again ("And the accelerator there?"); so too a reading of them, in a turn turning to
                # another thing (「銭湯のほうは？」 after the cameras' target: 公衆浴場).
                query = analysis.text
        elif (
            on_shown
            and gave_number
            and not after_closest
            and ASKED.search(analysis.text)
            and self.indicators.names_another(analysis, labelled, shown[:SHOWN_MEASURES])
        ):
            # "And the association's own events?" after the target of its members: the turn, read alone, names another
            # target better than any of the measures shown print; it is looked for among all of them, by its words,
            # and the measure its words find agrees with a target as the conversation's do.
            on_shown = []
            query, own_best = analysis.text, self._own_search(analysis)[:1]
        elif (
            on_shown and gave_number and not after_closest and (named := self._programme_named_besides(analysis, shown))
        ):
            # 「じゃあ、店の機械とか省エネの設備入れるほうの補助は、同じ年度で何件？」 after the web-advertising
            # subsidy's count: the same label (補助件数), of the programme the turn names by its own words, not of the
            # one shown.
            on_shown = []
            query, hits, context_ids = analysis.text, named, [named[0].measure_id]
        elif (
            on_shown
            and previous_ids
            and ASKED.search(analysis.text)
            and (counted := self._counted_words(own_named, on_shown))
            and self.indicators.counted_elsewhere(analysis, counted, on_shown)
        ):
            # 「ためし売りの場の方ですけど、イベント開催数の目標は？」 after an answer about start-up consultations:
            # what the turn counts, by its own words, is printed by no target of the measures shown; it is looked for
            # among all of them, by its words (and the measure they find agrees with a target, as above).
            on_shown = []
            query, own_best = analysis.text, self._own_search(analysis)[:1]
        # 「あ、ちがう、起業家精神のプログラムの数のほう」: the last answer was not what was meant, so its measures
        # are not the ones asked about; the target is looked for among all, the conversation's measures weighed first.
        rejected = bool(_REJECTS_LAST.search(analysis.text.lower()))
        # 「あ、ちがう、最終年度の目標の方が知りたい」 right after a target names nothing but a year: the year was
        # not what was meant, the target was.
        rejected = rejected and not (_names_year(analysis.text) and not says_what - _REJECTING_WORDS)
        # "you said 30 - is that people or events? and for FY2031?", 「180って人数？回数？」: a figure the last answer
        # gave, quoted back, names its target, whatever the turn counts besides.
        quoted_back = (
            self._quoted_back(previous_answer, shown, analysis.text)
            if gave_number and not after_closest and not rejected and not turns_to_another
            else []
        )
        on_shown = quoted_back or on_shown
        if (
            on_shown
            and not rejected
            and (
                previous_ids
                or quoted_back
                or self._names_shown_label(analysis, shown)
                or (
                    self.indicators.about_shown(query, shown, analysis)
                    # 「ごめん言い方悪かった…息子に跡継がせるための研修…に補助が出るって聞いたんやけど、それって何件？」
                    # after an answer about hiring in construction: the turn names a programme of its own (研修, 技術:
                    # the building trade's training subsidy) that none of the measures shown is, so a count of theirs
                    # that merely prints 補助 (エコ住宅補助) is not the one asked.
                    and not self._names_unshown_programme(analysis, hits, shown)
                )
            )
        ):
            # About the measures just shown: their indicators only, the first shown first.
            if gave_number and not after_closest and says_what and turns_to_another:
                # 「では火を消すための設備のほうは、同じ年度で何台でしょうか」 right after the security cameras' target:
                # a turn turning to another thing, by words the target just given does not print, asks another one.
                on_shown = self._besides_given(previous_answer, on_shown, says_what)
            matches = on_shown
            own_words = self.words.content_tokens(analysis.text) - REFERENCE_WORDS
            typed_labels = self.indicators.labels_printing(literal)
            typed = [m for m in on_shown if (m.measure_id, m.label) in typed_labels]
            if not typed:
                # "the adviser visits to shopping street associations" among the closest targets: a reading of the
                # turn's words (顧問, 診断) that only one label prints, and it is one of those shown.
                typed = [m for m in on_shown if (m.measure_id, m.label) in unique]
            if not typed:
                # "how many of those fureai farm sites?": a word of the turn two labels print at most, of which one
                # counts in the unit asked among those shown (ふれあい農園開園数, not ふれあい農園参加人数).
                # Not a noun a demonstrative points back with ("those sessions": the workshops just talked about).
                naming_words = labelled & turn_words - pointed_back
                typed = self._named_by_a_word(naming_words, on_shown)
                if (
                    typed
                    and previous_ids
                    and not after_closest
                    and (
                        _PRONOUN.search(analysis.text.lower())
                        # "how many sessions do they plan to hold?" after "the sessions with a labour consultant",
                        # answered with those consultations: the word is the one the user named the lead's thing by.
                        or not self._named_by_a_word(naming_words - self._typed_before(query, analysis.text), on_shown)
                    )
                ):
                    # "how many times will it be sent?" after an answer led by the decarbonisation information: "it"
                    # is the lead, though "sent" is printed by the English label of the general newsletter shown
                    # below it only; the lead's count comes first, the one the word names beside it.
                    typed = self._lead_beside(previous_ids[0], typed, on_shown)
            if not typed:
                # 「令和13年度の補助件数の目標は？」 after the workshop grants (助成件数) and the equipment subsidy
                # (補助件数), tied by meaning: the label typed whole is the one asked.
                typed = _typed_whole(analysis.text, on_shown)
            if not typed and previous_ids:
                # 「あれって何か所まで増やす予定なん？」 after an answer led by the ふれあい農園 programme, which counts
                # only people: the count in the unit asked that names that programme (ふれあい農園開園数).
                typed = self._counting_the_lead(previous_ids[0], on_shown, labelled, query)
            if not typed and previous_ids and not after_closest:
                # 「そこって2031年度はイベント何回？」 after an answer led by the trial-sales space: the turn points
                # back at the lead, and a word of it names the lead's own count (地域・事業者のイベント開催数), not the
                # events of a measure shown below it, whose name prints the word (イベント回数). The closest targets
                # lead with no measure the user has taken up.
                typed = self._pointed_at_lead(analysis, previous_ids[0], on_shown, labelled & turn_words)
            if not typed and previous_ids and not after_closest and not says_what:
                # 「それ、令和9年度は何園くらいでやるん？」 after 「農作業を教える塾みたいなのってある？」: a turn
                # saying nothing of its own points back at the lead, and a word the turns before typed that one label
                # alone prints (塾: 農作業体験塾実施園数) names the lead's count.
                typed = self._named_most(analysis, previous_ids[0], on_shown, self._label_words_of_one(query))
            given = quoted_back or (self._targets_given(previous_answer, on_shown) if not says_what else [])
            if given and gave_number and not after_closest:
                # "and for the very first year of the plan?" right after a target: that target, for that year.
                picks, clear = given, True
            elif typed:
                # 「延べで何人？」 after an answer about the residents-and-factories measure: a word of the turn only
                # one label prints (住工共生ワーキングの参加延べ人数) names that target among theirs.
                picks, clear = typed, True
            elif (
                (after_closest or after_not_stated)
                and not labelled
                and (analysis.units is None or analysis.units == analysis.units_before)
            ):
                # After the closest targets (none exactly the one asked), or a detail "not stated" of measures
                # guessed ("Who runs those sessions?" → "How many of them a year?"), a turn naming nothing a label
                # prints, nor a unit other than the one asked before ("and for 2031?", "What headcount…?" after "how
                # many people come?"), picks none of them.
                picks, clear = matches[:3], False
            elif previous_ids and query == analysis.text and not own_words:
                # 「その目標値は？」 with nothing else to go by: every target of those measures.
                picks, clear = matches, True
            else:
                # Two of their targets that fit about as well: show both as the closest, never guess one. Labels
                # the conversation cannot tell apart (farms of two kinds) are all the answer.
                group, rivals = self.indicators.siblings(matches[0], matches, f"{query} {turn}")
                clear = self.indicators.stands_out(rivals, FOLLOW_UP_MARGIN)
                if clear:
                    # A target that stands out among those shown comes with the same count of another shown measure
                    # (「その講座」: both measures' lectures); that count never makes an unclear one stand out.
                    group = self.indicators.siblings(matches[0], matches, f"{query} {turn}", across=True)[0]
                picks = group if clear else matches[:3]
                if (
                    not clear
                    and not _QUOTED.search(analysis.text)
                    and (told := self.indicators.told_apart(rivals, f"{query} {turn}", FOLLOW_UP_MARGIN))
                ):
                    # "how many farms will run them?" after "farms running vegetable-growing classes": of the targets
                    # tied, the one the conversation names by what it counts.
                    picks, clear = told, True
                if (
                    not clear
                    and not after_closest
                    # Only after an answer: a turn read as no follow-up has no lead to point back at.
                    and previous_ids
                    # A turn naming nothing of its own ("how many time per year in FY2027?") points back too.
                    and (
                        pointed_back
                        or analysis.points_back
                        or _PRONOUN.search(analysis.text.lower())
                        or not says_what
                        # "how many classes in fiscal 2031?" after an answer led by the consumer-safety classes, the
                        # ethical-consumption ones shown below: no word of the turn names a rival rather than the lead.
                        or not self._names_a_rival(says_what, previous_ids[0], rivals)
                    )
                    and (led := self._tied_of_lead(previous_ids[0], rivals, query))
                ):
                    # "how many of those grants does the ward plan to give?" after an answer led by the social-business
                    # subsidy: of two grant counts tied (the start-up grant's, shown below it), the lead's is the one
                    # pointed back at.
                    picks, clear = led, True
                if (
                    clear
                    and after_closest
                    and labelled
                    and not self.indicators.labels_printing(labelled) & {(m.measure_id, m.label) for m in picks}
                ):
                    # "how many people take the school or join the networking events?" after the closest targets:
                    # the one shown counting people prints none of the words the turn names a target by, so it is
                    # one of the closest again, not the answer.
                    picks, clear = matches[:3], False
                if (
                    clear
                    and previous_ids
                    and not after_closest
                    and (pointed_back or _PRONOUN.search(analysis.text.lower()))
                ):
                    # 「そのメルマガ、R9だと年に何回配信の予定？」 after an answer led by the decarbonisation
                    # information, which the ward's general newsletter shown below it carries too: what the turn
                    # points back at is the lead's as much as the one its words fit best (配信, printed by both
                    # labels); both targets are given.
                    picks = self._lead_pointed_at_too(previous_ids[0], picks, matches, labelled) or picks
                    said = {w for phrase in pointed_back for w in self.tokenize(phrase)} | (labelled & turn_words)
                    of_lead = [m for m in matches if m.measure_id == previous_ids[0]]
                    if not self._names_a_rival(said, previous_ids[0], [*of_lead, *picks]):
                        # "How many of those mailings…?" after the same answer: nothing the turn says names the
                        # general newsletter rather than the lead, so the lead's count comes first, the other beside.
                        picks = self._lead_beside(previous_ids[0], picks, matches)
                if clear and not after_closest and self._pointed_at_elsewhere(picks, previous_ids, pointed_back):
                    # "how many people are they aiming to get to those events?" after an answer led by the job
                    # matching, whose events are counted in times held: a count of people of another measure shown
                    # (SETAGAYA PORT's members) is no target of the events pointed back at; the closest, said so.
                    picks, clear = matches[:3], False
        else:
            matches = ranked if ranked is not None else self.indicators.rank(query, hits, context_ids)
            # "staff retention seminars (not the construction ones)": the twin target of a trade left out is no rival.
            left_out = self.words.left_out(analysis.text, {m.measure_id for m in matches})
            matches = [m for m in matches if m.measure_id not in left_out] or matches
            if rejected and gave_number and not after_closest:
                # "no, not that." right after a target: any target but that one.
                just_given = {(m.measure_id, m.label) for m in self._targets_given(previous_answer, matches)}
                matches = [m for m in matches if (m.measure_id, m.label) not in just_given]
            picks, clear = self._clear_target(
                analysis, query, hits, matches, previous_ids, context_ids, shown_fit, own_best
            )
            first = not previous_ids
            if not clear and first:
                # A first question: a rare label word of its own (「何社くらい載る」: 掲載) may still name one target.
                unique = self.indicators.labels_printing(self._rare_label_words(self.words.label_words(analysis)))
            if not clear and (read := self._read_only_by(unique, hits, matches, analysis, first)):
                # 「マッチングの方、令和13年度に何社載せる目標？」 after an answer listing the succession platform
                # fourth: 載せる reads as 掲載, which one label prints (プラットフォームへの新規掲載事業者数), and its
                # measure is the conversation's best; the dense ranking alone follows マッチング to other labels.
                picks, clear = read, True
            own_subject = bool(previous_ids) and not shown_fit and bool(says_what)
            # 「お店がお試し販売とかイベントやるほうは、同じ年に何回？」 after the accelerator's count: a turn
            # turning to another thing is read alone too, though the conversation's words make a start-up count stand
            # out.
            own_subject = own_subject and (not clear or (gave_number and turns_to_another))
            if own_subject and (alone := self._naming_its_own(analysis, context_ids)):
                # "and the mental health counselling — how many sessions?" after the harassment hotline's contracts:
                # nothing shown counts in the unit asked, and the turn names a programme of its own; read with the
                # turns before, no target stands out (it ties with what they were about, workplace consultations).
                # Read alone, one may: then it is the answer; else the closest stay those of the conversation.
                alone_matches = self.indicators.rank(analysis.text, alone, context_ids)
                alone_picks, alone_clear = self._clear_target(
                    analysis, analysis.text, alone, alone_matches, previous_ids, context_ids, shown_fit
                )
                if alone_clear:
                    query, hits, matches, picks, clear = analysis.text, alone, alone_matches, alone_picks, True
            if (
                clear
                and previous_ids
                and not shown_fit
                and self._guessed_for_the_shown(
                    analysis, query, picks, self._talked_about(shown, previous_ids, context_ids)
                )
            ):
                # "how many times will they come in FY2031?" after the shopping-street advisers (counted in 件): "they"
                # are the measure just shown, which counts nothing in the unit asked; another measure's count in 回
                # (the analysis data shared) is no answer, only one of the closest.
                picks, clear = matches[:3], False
        if (
            clear
            and named_id
            and named_unfit
            and all(m.measure_id != named_id for m in picks)
            # Unless the turn names the target picked by a word its label prints (「そのスクールとか勉強会」: the
            # renovation school's sessions, not the training school's named beside it).
            and not self.indicators.labels_printing(turn_words - _HOW_COUNTED)
            & {(m.measure_id, m.label) for m in picks}
        ):
            # The measure the turn names counts nothing in the unit asked: another's count is one of the closest,
            # never its answer; the named measure's own target leads them.
            own = self.indicators.shown(query, [named_id], turn)[:1]
            matches = [*own, *(m for m in matches if m not in own)]
            picks, clear = matches[:3], False
        return TargetChoice(picks, clear, matches, hits)

    @staticmethod
    def _talked_about(shown: list[str], previous_ids: list[str], context_ids: list[str]) -> list[str]:
        """The measures the last answer showed first, and those the answer before it showed first."""
        earlier = [mid for mid in context_ids if mid not in previous_ids]
        return [*shown[:SHOWN_MEASURES], *earlier[:SHOWN_MEASURES]]

    def _guessed_for_the_shown(
        self, analysis: Analysis, conversation: str, picks: list[IndicatorMatch], talked_about: list[str]
    ) -> bool:
        """True when the turn points back at what was talked about (the measures the last answers showed first) and
        `picks` are none of theirs, chosen by no word of the `conversation` their labels print but a way of counting
        ("times")."""
        if not (_PRONOUN.search(analysis.text.lower()) or _THEY.search(analysis.text.lower()) or analysis.points_back):
            return False
        if any(m.measure_id in talked_about for m in picks):
            return False
        words = self.words.label_words(replace(analysis, text=without_years(conversation))) - _HOW_COUNTED
        return not self.indicators.labels_printing(words) & {(m.measure_id, m.label) for m in picks}

    def _clear_target(
        self,
        analysis: Analysis,
        query: str,
        hits: list[Hit],
        matches: list[IndicatorMatch],
        previous_ids: list[str],
        context_ids: list[str],
        shown_fit: bool,
        own_best: list[Hit] | None = None,
    ) -> tuple[list[IndicatorMatch], bool]:
        """The target among all `matches` that stands out (`IndicatorChooser.clear`), else the closest. The labels of
        `own_best` (the best measure for the turn's own words, when they name another target) agree with it too."""
        anchors = self.indicators.anchors(hits, context_ids, analysis.text)
        anchors |= {i.label for h in own_best or [] if (card := self.cards.card(h.measure_id)) for i in card.indicators}
        if previous_ids and analysis.units and not shown_fit:
            # 「で、参加する人の数のほうは？」 after the farms' count: the measure shown counts no people; the one
            # nearest the conversation besides it may.
            anchors |= {i.label for h in hits[:2] if (card := self.cards.card(h.measure_id)) for i in card.indicators}
        return self.indicators.clear(analysis, matches, anchors, f"{query} {analysis.text}")

    def names_one_target(self, analysis: Analysis) -> bool:
        """True when the question names a target by a word one label alone prints, and few measures do ("that
        certificate": 創業支援事業を受けた証明書の発行者数)."""
        return bool(self._rare_label_words(self.words.label_words(analysis)))

    def _rare_label_words(self, labelled: set[str]) -> set[str]:
        """The words of `labelled` that one label prints and few measures do (派遣, 掲載; not "open")."""
        return {
            w
            for w in labelled - _HOW_COUNTED
            if self.indicators.label_spread(w) == 1 and self.scope.spread(w) <= RARE_SPREAD
        }

    def _read_only_by(
        self,
        unique: set[tuple[str, str]],
        hits: list[Hit],
        matches: list[IndicatorMatch],
        analysis: Analysis,
        first: bool = False,
    ) -> list[IndicatorMatch]:
        """The one target `unique` names (a label only a word of the turn, or a reading of it, prints) when its measure
        is the best for the conversation (`hits`) and it counts in the unit asked; else none. Of a `first` question,
        only one counted in the very counter asked (何社 → 社)."""
        if len(unique) != 1 or not hits:
            return []
        (measure_id, label) = next(iter(unique))
        read = [m for m in self.indicators.fitting(matches, analysis) if (m.measure_id, m.label) == (measure_id, label)]
        if measure_id == hits[0].measure_id and not first:
            return read
        # 「店を継いでくれる方を探すマッチングの仕組みには、何社くらい載る予定」: the succession desk comes first and
        # the platform after it; the platform's label alone prints 掲載 and counts in the very counter asked (社).
        exact = analysis.exact_unit is not None and all(self.indicators.unit(m) == analysis.exact_unit for m in read)
        return read if exact and measure_id in {h.measure_id for h in hits[:SHOWN_MEASURES]} else []

    def _names_unshown_programme(self, analysis: Analysis, hits: list[Hit], shown: list[str]) -> bool:
        """True when the best measure for the turn alone (`hits`) prints a word of it few measures print, and neither
        it nor any measure found next to it was among those just `shown`."""
        if any(h.measure_id in shown[:SHOWN_MEASURES] for h in hits[:SHOWN_MEASURES]):
            return False
        return self.words.prints_rare(analysis.text, hits)

    def _naming_its_own(self, analysis: Analysis, context_ids: list[str]) -> list[Hit]:
        """The turn's own search, when it names a programme few measures print (メンタルヘルス) that the conversation
        has not shown, and points back at nothing; else none. 「その農園、何か所？」 after the farms and a remark, or
        「じゃあそこに参加する区民の人数は？」, are the conversation's."""
        if _DEMONSTRATIVE.search(analysis.text.lower()):
            return []
        alone = self._own_search(analysis)
        if not alone or alone[0].measure_id in context_ids or not self.words.names_one_measure(analysis.text, alone):
            return []
        return alone

    def _own_search(self, analysis: Analysis) -> list[Hit]:
        """The measures the turn's own words find, first the best."""
        return self.retriever.search(analysis.text, k=10, filters=Filters(kind="measure"), lang=analysis.lang)

    def _programme_named_besides(self, analysis: Analysis, shown: list[str]) -> list[Hit]:
        """The search for the turn's own words when they name a programme by words few measures print, and it is none
        of the measures just shown (`shown`); else nothing."""
        if _POINTER.search(analysis.text.lower()):
            # "what's that participation target…?": the target pointed to is one just talked about.
            return []
        found = self.retriever.search(analysis.subject, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        if not found or found[0].measure_id in shown[:SHOWN_MEASURES]:
            return []
        # English words meet the measures' Japanese through the glossary ("energy-saving machines": 省エネ, 設備).
        text = " ".join([analysis.subject, *self.glossary.expand(analysis.subject)])
        # A word asking of the target names no programme ("is the target higher?" and "for higher productivity").
        rare = self.words.rare_nouns(text) - TARGET_WORDS
        # A word a shown measure prints too ("participation" after the participants' target) names no other one.
        printed = self.lister.printed_tokens(found[0].measure_id) | self.lister.name_words_en(found[0].measure_id)
        shown_printed = {
            w
            for mid in shown[:SHOWN_MEASURES]
            for w in self.lister.printed_tokens(mid) | self.lister.name_words_en(mid)
        }
        return found if rare & printed - shown_printed else []

    def _naming(self, words: set[str], shown: list[str]) -> dict[str, set[str]]:
        """The measures of `shown` whose name prints a word of `words` that no other shown measure's name prints, each
        with those words: "that equipment grant" after an answer led by the factory-premises grant names the
        equipment subsidy shown beside it (設備), which the lead's favour among the shown measures would otherwise
        pass over."""
        naming: dict[str, set[str]] = {}
        for word in words - self.scope.generic_words:
            printing = {mid for mid in shown[:SHOWN_MEASURES] if word in self.words.name_words(mid)}
            if len(printing) == 1:
                naming.setdefault(printing.pop(), set()).add(word)
        return naming

    def _counted_words(self, words: set[str], shown: list[IndicatorMatch]) -> set[str]:
        """Those of `words` that can say what a count is of: printed by few measures (イベント, "farm"; not 区内), not
        a way of counting ("total"), nor printed by the measures `shown` ("across all the shotengai" after the shopping
        streets' cameras), nor a verb of holding (「何回開催」)."""
        printed = set().union(*(self.scope.printed_by(mid) for mid in {m.measure_id for m in shown}))
        return {w for w in words - _HOW_COUNTED - HOW_HELD - printed if self.scope.spread(w) <= COUNTED_WORD_SPREAD}

    def _targets_given(self, answer: Turn | None, matches: list[IndicatorMatch]) -> list[IndicatorMatch]:
        """Those of `matches` whose target `answer` gave: their label, in either language, is in its text."""
        if answer is None:
            return []
        given = []
        for match in matches:
            if (indicator := self.indicators.indicator(match)) is None:
                continue
            quoted = [f"「{indicator.label}」", *([f'"{indicator.label_en}"'] if indicator.label_en else [])]
            if any(q in answer.text for q in quoted):
                given.append(match)
        return given

    def _quoted_back(self, answer: Turn | None, shown: list[str], text: str) -> list[IndicatorMatch]:
        """The targets `answer` gave of which `text` quotes a printed value (two digits at least, years left out: a
        single digit is too often something else); else none."""
        figures = {f.replace(",", "") for f in _FIGURE.findall(without_years(text))}
        figures = {f for f in figures if len(f) >= 2}
        if answer is None or not figures:
            return []
        given = self._targets_given(answer, self.indicators.shown(text, shown[:SHOWN_MEASURES]))
        return [
            m
            for m in given
            if (indicator := self.indicators.indicator(m))
            and figures & {value.replace(",", "") for value in (indicator.r6, indicator.r9, indicator.r13)}
        ]

    def _besides_given(
        self, answer: Turn | None, matches: list[IndicatorMatch], words: set[str]
    ) -> list[IndicatorMatch]:
        """`matches` but the targets `answer` gave, unless their labels print a word of `words` (or none is left)."""
        given = {(m.measure_id, m.label) for m in self._targets_given(answer, matches)}
        if not given or given & self.indicators.labels_printing(words):
            return matches
        return [m for m in matches if (m.measure_id, m.label) not in given] or matches

    def _counting_the_lead(
        self, lead: str, matches: list[IndicatorMatch], words: set[str], conversation: str
    ) -> list[IndicatorMatch]:
        """When the measure `lead` has no target among `matches` (none in the unit asked), the one label of them
        that quotes a stretch of its name, as `named_labels` reads one; else none. Not when another of them prints
        a word of the turn's (`words`): 「そのシニア向けのセミナー」 may name the seniors' seminars beside it; nor when
        the `conversation` quotes another of them ("whats the 農業体験農園 thing" led by the Fureai Farm programme)."""
        card = self.cards.card(lead)
        if card is None or any(m.measure_id == lead for m in matches):
            return []
        named = self.indicators.named_labels(card.name)
        quoted = self.indicators.named_labels(conversation) - named
        if any(m.label in quoted for m in matches):
            return []
        counting = [m for m in matches if m.label in named]
        if len({m.label for m in counting}) != 1:
            return []
        others = {(m.measure_id, m.label) for m in matches if m.label != counting[0].label}
        # A word the lead's name prints names the lead, not another label ("those farms" after the Fureai Farm
        # programme, though every farm count prints "farms").
        name = {singular(w) for w in self.words.name_words(lead)}
        words = {w for w in words if singular(w) not in name}
        return [] if others & self.indicators.labels_printing(words) else counting[:1]

    def _pointed_at_lead(
        self, analysis: Analysis, lead: str, matches: list[IndicatorMatch], words: set[str]
    ) -> list[IndicatorMatch]:
        """When the turn points back by a pronoun alone (「そこ」, "it", not 「そのイベント」, which may name another
        measure shown), the one label of the measure `lead` among `matches` that prints a word of `words`; else none."""
        if not _PRONOUN.search(analysis.text.lower()):
            return []
        printing = self.indicators.labels_printing(words - _HOW_COUNTED)
        named = [m for m in matches if m.measure_id == lead and (m.measure_id, m.label) in printing]
        return named[:1] if len({m.label for m in named}) == 1 else []

    def _lead_pointed_at_too(
        self, lead: str, picks: list[IndicatorMatch], matches: list[IndicatorMatch], words: set[str]
    ) -> list[IndicatorMatch]:
        """When `picks` are of another measure than `lead`, and one label of `lead` among `matches` prints every one of
        `words` (the label words the turn types) as the picks' labels do, that label first, then `picks`; else none."""
        words = words - _HOW_COUNTED
        if not words or any(m.measure_id == lead for m in picks):
            return []
        printing = [self.indicators.labels_printing({w}) for w in words]
        if not all((m.measure_id, m.label) in found for m in picks for found in printing):
            return []
        of_lead = [m for m in matches if m.measure_id == lead and all((m.measure_id, m.label) in f for f in printing)]
        return [of_lead[0], *picks] if len({m.label for m in of_lead}) == 1 else []

    @staticmethod
    def _lead_beside(lead: str, picks: list[IndicatorMatch], matches: list[IndicatorMatch]) -> list[IndicatorMatch]:
        """`picks` led by the one label of the measure `lead` among `matches`, when they are of another measure;
        unchanged when they are the lead's, or the lead has no label or several there."""
        own = [m for m in matches if m.measure_id == lead]
        if any(m.measure_id == lead for m in picks) or len(own) != 1:
            return picks
        return [own[0], *picks]

    def _pointed_at_elsewhere(self, picks: list[IndicatorMatch], shown: list[str], pointed_back: set[str]) -> bool:
        """True when a word a demonstrative points back with ("those events") is printed by a label of the lead of the
        measures `shown`, and by neither the label nor the measure name of any of `picks`, which are not the lead's:
        what was pointed at is the lead's thing, counted there, not by the picks (a word their own measure is named by,
        「その支援」 of a support programme, points at them as well)."""
        if not shown or any(m.measure_id == shown[0] for m in picks):
            return False
        words = {singular(w.lower()) for said in pointed_back for w in self.tokenize(said)} - _HOW_COUNTED
        printing = self.indicators.labels_printing(words) if words else set()
        if not any(mid == shown[0] for mid, _ in printing):
            return False
        return not any((m.measure_id, m.label) in printing or words & self._words_naming(m.measure_id) for m in picks)

    def _named_most(
        self, analysis: Analysis, lead: str, matches: list[IndicatorMatch], words: set[str]
    ) -> list[IndicatorMatch]:
        """When the turn points back by a pronoun alone, the label of the measure `lead` among `matches` that prints
        more of `words` than any other of its labels (塾 and 作業 for 農作業体験塾実施園数, 農業 alone for
        農業体験農園開園数); else none."""
        if not _PRONOUN.search(analysis.text.lower()):
            return []
        counts = Counter(
            {
                m.label: sum((m.measure_id, m.label) in self.indicators.labels_printing({w}) for w in words)
                for m in matches
                if m.measure_id == lead
            }
        ).most_common(2)
        if not counts or counts[0][1] == 0 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
            return []
        return [m for m in matches if m.measure_id == lead and m.label == counts[0][0]][:1]

    def _tied_of_lead(self, lead: str, matches: list[IndicatorMatch], conversation: str) -> list[IndicatorMatch]:
        """The one label of the measure `lead` among those of `matches` tied with the best (within
        FOLLOW_UP_MARGIN), when another measure's label ties too, and it prints a noun of `conversation` (the lead
        may have been a poor match for what was asked: "meetups where supporter businesses share ideas" led by the
        industry groups' opinion-exchange meetings); else none."""
        if not matches:
            return []
        tied = [m for m in matches if matches[0].score - m.score < FOLLOW_UP_MARGIN]
        own = [m for m in tied if m.measure_id == lead]
        if len({m.label for m in own}) != 1 or len(own) == len(tied):
            return []
        nouns = self.scope.topic_words(without_years(conversation), verbs=False) - TARGET_WORDS - REFERENCE_WORDS
        return own[:1] if (lead, own[0].label) in self.indicators.labels_printing(nouns) else []

    def _names_a_rival(self, words: set[str], lead: str, rivals: list[IndicatorMatch]) -> bool:
        """True when one of `words` is printed by the label or the measure name of one of `rivals` that is not the
        lead's, and by no label or name of the lead among them ("ethical" of the ethical-consumption classes)."""
        printed: dict[bool, set[str]] = {True: set(), False: set()}
        for m in rivals:
            printed[m.measure_id == lead] |= self._words_counting(m) | self._words_naming(m.measure_id)
        asked = {singular(w.lower()) for w in words - _HOW_COUNTED}
        return bool(asked & printed[False] - printed[True])

    def _singular_words(self, text: str) -> frozenset[str]:
        return frozenset(singular(w.lower()) for w in self.tokenize(text))

    def _words_counting(self, match: IndicatorMatch) -> frozenset[str]:
        """The words of the label `match` is of, Japanese and English."""
        key = (match.measure_id, match.label)
        if key not in self._label_words:
            indicator = self.indicators.indicator(match)
            self._label_words[key] = self._singular_words(
                f"{match.label} {indicator.label_en}" if indicator else match.label
            )
        return self._label_words[key]

    def _words_naming(self, measure_id: str) -> frozenset[str]:
        """The words of a measure's name, Japanese and English."""
        if measure_id not in self._name_words:
            card = self.cards.card(measure_id)
            self._name_words[measure_id] = self._singular_words(f"{card.name} {card.name_en}") if card else frozenset()
        return self._name_words[measure_id]

    def _label_words_of_one(self, text: str) -> set[str]:
        """The words of `text` that one label alone prints."""
        words = set(self.tokenize(text)) - ENGLISH_FUNCTION_WORDS
        return {w for w in words if self.indicators.label_spread(w) == 1}

    def _typed_before(self, conversation: str, turn: str) -> set[str]:
        """The words of `conversation` (the turns so far, this one included) that turns before `turn` typed."""
        before = Counter(w.lower() for w in self.tokenize(conversation))
        before.subtract(w.lower() for w in self.tokenize(turn))
        return {w for w, n in before.items() if n > 0}

    def _named_by_a_word(self, words: set[str], matches: list[IndicatorMatch]) -> list[IndicatorMatch]:
        """The one label of `matches` that a word of `words` names: a word at most NAMED_LABEL_SPREAD labels print,
        and only one label of `matches` (the same label under several measures counts once)."""
        for word in sorted(words - _HOW_COUNTED):
            rare = 0 < self.indicators.label_spread(word) <= NAMED_LABEL_SPREAD
            if not rare or self.scope.spread(word) > RARE_SPREAD:
                continue
            printing = self.indicators.labels_printing({word})
            named = [m for m in matches if (m.measure_id, m.label) in printing]
            if len({m.label for m in named}) == 1:
                return named[:1]
        return []

    def _names_shown_label(self, analysis: Analysis, shown: list[str]) -> bool:
        """True when each noun of the question is printed by one label of a measure just shown (「提供件数の目標は？」
        after an answer about coworking)."""
        # "the final year of the plan" names a year, not a target; "member" is printed as "members".
        nouns = self.scope.topic_words(without_years(analysis.text), verbs=False) - TARGET_WORDS - REFERENCE_WORDS
        return self.indicators.printed_by_labels_of(nouns, shown[:SHOWN_MEASURES])
