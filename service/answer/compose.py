"""Compose a grounded answer from retrieval and the catalogue, with no LLM.

The wording lives in `prompts/answer/<lang>/*.j2`; this module decides what to say:
which measures (at most three primary ones, most relevant first), which indicator and
year, which part of the vision, every measure of a kind, a clarifying question when the
ask is broad, or that the vision does not cover the question or does not print the
detail asked. Every answer passes `verify.check_answer` before it is returned.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ingest.card import Cards, MeasureCard, english_unit
from ingest.catalogue import Catalogue, Indicator
from service.answer.classifier import QuestionClassifier
from service.answer.indicators import SHOWN_MEASURES, IndicatorChooser
from service.answer.listing import LIST_WORDS, MeasureLister, as_written
from service.answer.model import Answer, AnswerKind, Clarification, Desk, NextStep, Turn, cite
from service.answer.prompts import PromptLibrary
from service.answer.question import (
    FISCAL_YEAR,
    FOLLOW_UP_MAX_CHARS,
    YEARS,
    Analysis,
    analyze,
    asks_for_someone,
    asks_if_true,
    asks_same_year,
    changes_topic,
    fiscal_year,
    goes_back_to_first,
    is_courtesy,
    not_in_trades,
    plan_year_named,
    ruled_out,
    sets_matter_aside,
    wants_overview,
    with_counters_in_kanji,
    without_aside,
    without_going_back_words,
    years_after,
)
from service.answer.question_words import ASKED, HOW_HELD, HOW_OFTEN, RARE_SPREAD, REFERENCE_WORDS, QuestionWords
from service.answer.referrals import Referral, Referrals
from service.answer.scope import ENGLISH_FUNCTION_WORDS, Scope
from service.answer.support_forms import asked_forms, offers
from service.answer.targets import TargetFinder, gave_target
from service.answer.verify import check_answer, numbers_in
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.language import JAPANESE_SCRIPT, detect_language
from service.search.retrieval import Filters, Hit, IndicatorMatch, Retriever, fuse_rankings, with_best_signals

log = logging.getLogger(__name__)

MAX_ALSO_RELATED = 2  # a "not stated" answer names at most this many measures beside the first
# The verbs of a procedure asked ("how do I sign up?", "how do I apply"), which say what is asked, not what of.
_PROCEDURE_WORDS = frozenset({"apply", "sign", "register", "join", "enrol", "enroll", "subscribe"})
# Whether any support exists ("is there anything for…", "do they have something for…"), not a count.
_ASKS_IF_ANY = re.compile(
    r"\b(is|are) there (also )?(anything|any|something|someone|somebody|somewhere|anyone|anybody)\b"
    r"|\b(do|does|can|could) (the ward|they|you|setagaya) (have|offer|do|run) (anything|something)\b"
    # 「同じ拠点で小中高生向けの起業家教育みたいなのもやるの？」: whether that is done too.
    r"|も(やる|やって(る|い|ます)|ある|あります|して(る|い|ます)|されて(る|い|ます))(の|ん)?(です|でしょう)?か?[?？]?$"
    # 「建設じゃなくても出られる同じようなのってある？」: whether there is one like it.
    r"|(ような|みたいな)(の|もの|もん|やつ)(って|は|が|も)?[、,]?(ある|あります|あん)(の|ん)?(です|でしょう)?か?[?？]?$"
)
# An age said of whom the turn is for ("people over 60", 「70代」, "a 65-year-old"): an audience, though no topic word.
_AGE = re.compile(
    r"\b(over|above|under|aged?|past)\s\d{2}\b|\b\d{2}\s?(-?years?[- ]olds?|\+|plus)|\bin (my|his|her|their|our) \d0s\b"
    r"|\d{2}\s?(歳|才|代)"
)
_THAT_ONE = re.compile(r"\b(that|this|the same)( new| free)? one\b")
# 「そっちじゃなくて」, "not that one": a correction pointing at what was just shown rather than naming it.
_POINTER_RULED_OUT = re.compile(r"そっち|そちら|それ|そっちの(方|ほう)|(the )?(that|this|first)( one)?")
# The thing a question asks to be covered too: 「防犯カメラも同じ制度で対象になりますか」.
_THING_COVERED = re.compile(
    r"([^、。？?\s]{1,12}?)(も|って|は)(同じ制度で|この制度で|その制度で|同じ補助で)?(補助の)?対象"
)
# A claim that the ward meets part of a cost (「動画の制作費って区が一部出してくれるの？」, "would the ward pay for part
# of some online ads?"), and the words that make such a claim more than the vision says (all of it, always).
_WARD_PAYS = re.compile(
    r"\b(will|would|does|do|could|can) (they|the ward|setagaya|the city)( \w+ly)? (pay|cover|subsidi[sz]e|fund)\b"
    r"|区が[^。？?]{0,8}(出して|負担して|払って|持って|補助して)くれ"
)
_MORE_THAN_PART = re.compile(
    r"全額|全部|すべて|全て|ぜんぶ|必ず|絶対|確実|保証|100|無料|タダ"
    r"|\b(all|full|fully|entire|entirely|whole|guarantee\w*|definitely|surely|always|automatic\w*|free)\b"
    # A share or a sum the vision does not print: 「区が半分出してくれる」, "pay 2/3 of it", "up to 500,000 yen".
    r"|半分|半額|割|[%％]|分の|円|\d|\b(half|thirds?|quarter|percent|yen)\b"
)
# The one trade the vision has measures of its own for beside general ones worded alike (建設業従事者の離職防止 beside
# 区内企業への従業員の定着促進支援): they lead only an asker who speaks of that trade, not a cleaner's or a café's.
_CONSTRUCTION_NAMED = "建設"
_CONSTRUCTION_WORDS = re.compile(
    r"建設|建築|工務店|大工|左官|とび職|鳶|土木|解体|内装|リフォーム|塗装|設備工事|現場|ゼネコン"
    r"|\b(construction|builders?|building (firm|company|trade|work)|carpenters?|contractors?|plasterers?|roofers?"
    r"|scaffold\w*|civil engineering|renovation|site workers?|plumb\w*|electricians?|painters?)\b",
    re.I,
)
# The share of 事業内容 words two measures share when one is the other for a single trade.
_TWIN_WORDING = 0.5
MAX_PRIMARY = 3
MAX_RELATED = 3
# Shares of the top fused score (min-max scaled views, summed). Set so that as many measures pass as passed
# the reciprocal-rank scores these replaced (0.90 and 0.80 there): on dev, the second measure in 97 % of
# questions and five of the next five in nearly all; only a measure far behind the first is left out.
SECOND_RELATED_SCORE = 0.40  # "not stated" answers name a second related measure this close to the first
RELATIVE_SCORE = 0.30  # primary and related measures: within this share of the top fused score
# A noun of a measure's name printed by this many measures names a subject (創業, 建設); by fewer, a programme of its
# own (ハンズオン), which another form of help is rarely asked of.
SUBJECT_NOUN_SPREAD = (3, 12)
_ALL_YEARS = re.compile(
    r"other years|each year|every year|all (the )?years|ほかの年|他の年|各年度|それぞれの年|全部の年", re.I
)
# A turn that opens by acknowledging the last answer (「あー、メルマガか」「なるほどね」, "ah so it's…", "oh ok").
_ACKNOWLEDGES = re.compile(r"(あー+|ああ+|あぁ+|へー+|へぇ+|ほー+|ふーん|なるほど|そっか|そうか|(ah|oh|aha|i see)\b)")
# Words by which a turn speaks of the asker or their business (「うちは」, "we", "my shop").
_OF_THE_ASKER = re.compile(r"うち|私|わたし|僕|ぼく|俺|弊社|当社|自分|\b(we|we're|our|us|my|i|i'm|i've|me)\b")
# A turn that says what the asker wants, without a question (「ネットショップも作りたいんですよね」).
_WANTS = re.compile(r"たい|欲しい|ほしい|困って|探して|\b(want|need|looking for|would like|'d like|wish)\b")
# A question closing a sentence before the turn goes on (「区の公共工事って今後増えるんでしょうか。計画的に発注するって
# 聞いたんですが」): the turn asks, though its last sentence only tells.
_ASKED_MIDWAY = re.compile(r"(でしょうか|ですか|ますか|かな|かね)。")
# Words that state a need, a plan or a wish to use something (「雇いたい」, 「使えますか」, "looking to hire"), not only
# who is asking.
_NEED = re.compile(
    # Unsure how to go about it (「雇おか迷ってる」「手続きがよう分からん」) is a need as much as a wish is.
    r"たい|欲しい|ほしい|困|悩|迷|探し|予定|つもり|考えて|使え|利用でき|受けられ|(分|わ)から(ん|ない|へん)"
    # Hiring now, or unsure: "I'm hiring a couple of Nepali staff", "not sure about the rules".
    r"|\b(i'm|i am|we're|we are) (hiring|recruiting)|\b(not sure|unsure|worried|confused)\b"
    r"|\b(want|wants|need|needs|looking (for|to)|hop(e|ing) to|plan|planning|thinking of|would like|'d like"
    r"|try(ing)? to|can (i|we) (use|get|apply|talk|speak|consult)|wonder(s|ing|ed)? (if|whether)"
    # "Is there somewhere in the ward I can talk to a 社労士?"
    r"|(somewhere|someone|anywhere|anyone|a place|an office)( in the ward)? (i|we) can (talk|speak|consult|ask))\b",
    re.I,
)
_TALK_TO = re.compile(
    r"\b(talk|speak) (to|with) (a|an|someone|somebody)\b|\bconsult (a|an|with)\b|\bconsultations? with (a|an)\b"
    r"|\b(anyone|anybody|someone|somebody)\b[^.?!]{0,25}\b(talk|speak) (to|with)\b"
    r"|相談(でき|したい|に乗って)"
    # 「そういうのって誰にきいたらええの？」, "who should I ask about that?": someone to consult, asked for.
    r"|(誰|だれ)に(聞|き|訊)(いたら|けば)|\bwho (should|could|can|do) (i|we) (ask|talk to|speak to|go to)\b"
    # 「社労士さんとかに聞けるとこある？」, "anywhere we could ask about it?": a place to ask, asked for.
    r"|(聞|き|訊)け(る|ます)(とこ|所|場所|窓口|人)"
    r"|\b(where|somewhere|anywhere)\b[^.?!]{0,20}\b(i|we) (can|could) ask\b",
    re.I,
)
# What the ward does about a matter, asked ("Is the ward doing anything about whole shopping streets dying out?",
# 「区は農地残すために何か動いとるん？」): an ask for its measures, whatever other office the turn also names.
_WARD_DOING = re.compile(
    r"\b(is|does|has|did|will|can) the ward\b[^.?!]{0,15}\b(do|doing|done|have|offer|offering|got)\b"
    r"|\bwhat (is|does|has|will|can) the ward\b[^.?!]{0,15}\b(do|doing|done|offer)\b"
    # "my friend said the ward do seminar and consultation for company hiring foreign residents": a programme heard of.
    r"|\b(said|says|heard|hear|told (me|us))\b[^.?!]{0,12}\bthe ward\b[^.?!]{0,6}\b(do|does|runs?|has|have|offers?"
    r"|holds?|gives?)\b"
    r"|区(は|って|が|も|で)[^。？?]{0,20}(何か|なんか|なにか)[^。？?]{0,4}(して|し|やって|動いて|動いと|取り組んで|手を打って)",
    re.I,
)
# "not just one shop", 「求人紹介だけやなくて」: more than that is asked, nothing ruled out.
_NOT_ONLY = re.compile(r"\bnot (just|only|simply|merely)\b|だけ(じゃ|や|で|では)な(く|い)|のみならず")
# Verbs asking whether the ward runs something ("does the ward hold any seminars on that?"): no topic of their own.
_RUNS_OR_OFFERS = frozenset({"run", "runs", "hold", "holds", "offer", "offers", "provide", "provides", "host", "hosts"})
# When, said before a pointer (「次からそういうお知らせ」, "next time, something like that"): no topic of its own.
_WHEN_WORDS = frozenset({
    "次", "次回", "今度", "今後", "今", "今年", "来年", "将来", "毎年", "毎回", "最近", "以前", "前",
    "next", "time", "now", "future", "year", "later",
})  # fmt: skip
_WANTS_TO_KNOW = re.compile(r"知りたい|教えて(ほしい|欲しい)|\b(want|need|like) to (know|find out|understand)\b", re.I)
# How far down a turn's own ranking a measure that alone prints one of its nouns may lead it from.
SOLE_PRINTER_RANKS = 3


def _before_the_side_matter(history: list[Turn]) -> list[Turn]:
    """The conversation before its last turn, the side matter a turn sets aside ("health insurance for therapy?" →
    "I'll let her check with the insurer. How many counselling sessions…?"), when a turn before it is left."""
    users = [n for n, turn in enumerate(history) if turn.role == "user"]
    return history[: users[-1]] if len(users) >= 2 else history


def _without_courtesies(history: list[Turn]) -> list[Turn]:
    """The conversation without the turns that only thanked or acknowledged, and the replies to them: 「同じ事業で、
    証明書の発行者数は？」 after 「ありがとうございます。」 is about the measure answered before the thanks."""
    kept: list[Turn] = []
    skip_reply = False
    for turn in history:
        if turn.role == "user":
            skip_reply = is_courtesy(turn.text)
            if not skip_reply:
                kept.append(turn)
        elif not skip_reply:
            kept.append(turn)
    return kept


@dataclass
class _Draft:
    kind: AnswerKind
    template: str
    context: dict[str, Any]
    cited: list[MeasureCard] = field(default_factory=list)
    primary: int = 0  # how many leading citations are primary (the rest: related, the desk)
    reasons: dict[str, str] = field(default_factory=dict)
    retrieved: set[str] = field(default_factory=set)
    abstained: bool = False
    next_url: str | None = None
    clarify: list[Clarification] = field(default_factory=list)


def _sharing_most(text: str, earlier: list[str], words_of: Callable[[str], set[str]]) -> str | None:
    """The one of `earlier` sharing the most of `words_of` with `text` (the earliest of equals), if any shares one."""
    words = words_of(text)
    shared = [(len(words & words_of(turn)), -n, turn) for n, turn in enumerate(earlier)]
    best = max(shared, default=None)
    return best[2] if best is not None and best[0] > 0 else None


def _led_by(lead: Hit, hits: list[Hit]) -> list[Hit]:
    """`hits` with `lead` first, at the first one's score (so that as many measures pass the score share as before)."""
    top = replace(lead, score=hits[0].score) if hits else lead
    return [top, *(h for h in hits if h.measure_id != lead.measure_id)]


def _without_phrases(text: str, phrases: Sequence[str]) -> str:
    """`text` without `phrases` (those a correction rules out: 「融資じゃなくて」 leaves 「じゃなくて」)."""
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def first_sentence(text: str) -> str:
    """The text up to and including its first 。 (or first ". " in English)."""
    head, sep, _ = text.partition("。")
    if sep:
        return head + sep
    match = re.search(r"(?<=[.!?])\s", text)
    return text[: match.start()] if match else text


class Composer:
    """Turns a question (and the conversation so far) into a verified `Answer`."""

    def __init__(
        self,
        catalogue: Catalogue,
        cards: Cards,
        retriever: Retriever,
        prompts: PromptLibrary,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        desk: Desk,
        today: date | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.cards = cards
        self.retriever = retriever
        self.prompts = prompts
        self.tokenize = tokenizer
        self.glossary = glossary
        self.desk = desk
        self.today = today  # None: the real date, read at each question (今年度 changes in April)
        clarify = json.loads((prompts.directory / "clarify.json").read_text(encoding="utf-8"))
        breadth = QuestionClassifier.load(prompts.directory / "breadth.json", retriever.model_id)
        uncovered = QuestionClassifier.load(prompts.directory / "scope.json", retriever.model_id)
        self.scope = Scope(cards, tokenizer, clarify, retriever, breadth, uncovered)
        self.indicators = IndicatorChooser(cards, retriever, tokenizer)
        self.lister = MeasureLister(cards, tokenizer, glossary)
        self.words = QuestionWords(cards, tokenizer, glossary, self.scope, self.lister, self.indicators)
        self.targets = TargetFinder(
            cards, retriever, tokenizer, glossary, self.scope, self.lister, self.indicators, self.words
        )
        self.referrals = Referrals.load(prompts.directory / "referrals.json")
        self._phrases: dict[str, dict[str, dict[str, str]]] = json.loads(
            (prompts.directory / "answer" / "phrases.json").read_text(encoding="utf-8")
        )

    @property
    def desk_measure_id(self) -> str:
        """The measure answers point to when no desk is configured ("" when the corpus has none)."""
        return self.catalogue.desk_measure_id() or ""

    # -- entry point --------------------------------------------------------------

    def compose(self, question: str, history: list[Turn] | None = None, lang: str | None = None) -> Answer:
        """Answer `question`; `history` resolves follow-ups such as 「その目標値は？」 or 「ほかには？」."""
        question = with_counters_in_kanji(self.scope.with_slips_mended(self.retriever.restore_kana(question)))
        # 「税金は税理士に聞くわ。」: the other office's matter is set aside; the rest is the question.
        remaining = without_aside(question)
        set_aside = remaining != question
        dismissed, question = set_aside and sets_matter_aside(question), remaining
        current = fiscal_year(self.today or date.today())
        analysis = analyze(question, lang, current)
        if analysis.ruled_out:
            # 「銭湯やなくて」 rules out what labels print as 公衆浴場: the glossary's readings of a thing ruled out are
            # ruled out too; not of a count (「畑の数じゃなくて」 rules out counting farms, not the farms).
            things = [p for p in analysis.ruled_out if "数" not in p and analyze(p, analysis.lang).units is None]
            readings = (r for phrase in things for r in self.glossary.expand(phrase))
            analysis = replace(analysis, ruled_out=tuple(dict.fromkeys([*analysis.ruled_out, *readings])))
        history = self._past_a_remark(analysis, _without_courtesies(history or []))
        if dismissed:
            history = _before_the_side_matter(history)
        previous_question = next((t.text for t in reversed(history) if t.role == "user"), "")
        if previous_question and asks_if_true(question):
            # 「それほんま？」 after 「区が手数料ぜんぶもってくれるって言うてたで」: the benefit claimed before is put
            # to the test now.
            claimed = analyze(f"{previous_question} {question}", analysis.lang, current)
            if claimed.premise:
                analysis = replace(analysis, premise=True, subject=claimed.subject)
        answers = [t for t in history if t.role == "assistant"]
        # Clients send the measure ids back: trust none.
        shown = [[mid for mid in t.measure_ids if self.cards.card(mid)] for t in answers[-2:]]
        # The desk pointer that ends every answer was not shown as an answer, unless it led (「経営相談は？」):
        # 「何箇所開く目標？」 after an answer about farms is never about the number of desk consultations.
        last = shown[-1] if shown else []
        previous_ids = [mid for n, mid in enumerate(last) if n == 0 or mid != self.desk_measure_id]
        # An answer that only said where to ask showed no measure to follow up on: the next turn is no question about
        # the desk, though it may still carry the conversation on ("My startup folded" → "anything for trying again?").
        abstained_before = last == [self.desk_measure_id] and answers[-1].kind == "none"
        # The measures of the answer before it: a number answer shows one measure, while the turn before may have
        # shown its sibling ("a tourism association?" → "how many members?" → "and how many events?").
        earlier_ids = [mid for mid in (shown[0] if len(shown) > 1 else []) if mid != self.desk_measure_id]
        context_ids = list(dict.fromkeys([*previous_ids, *earlier_ids]))
        # After a turn that asked nothing (「今はみんな年取っちゃってさ。」), a detail (「そこ、会費いる？」) may point
        # past it, to the measures the answer before it presented, when that answer led with another one.
        asks_detail = bool(analysis.detail or analysis.premise)
        remark = asks_detail and bool(previous_question) and not self._asks(previous_question)
        led_elsewhere = bool(earlier_ids) and earlier_ids[0] not in previous_ids[:1]
        # Not past a remark to a "not stated" answer's guess ("I want to apply for the startup school" → "a friend did
        # it last year" → "when's the deadline?"): the measure the remark's answer presented is the better reading.
        led_elsewhere = led_elsewhere and answers[-2].kind in ("measure", "number")
        past_remark = earlier_ids[:SHOWN_MEASURES] if remark and led_elsewhere else []
        # A later turn with no topic of its own (「令和9年度は？」, "And FY2031?") continues the conversation, as
        # does a detail asked of nothing it names (「申請の締め切りは？」: of the measures just shown).
        # Who may use it, asked right after measures were shown (「開業して3か月なんですけど、それでも使えますか？」,
        # "Could a retired guy like my dad join it too?"), asks of them: the asker's description names no new topic. So
        # does a detail of a programme pointed back to (「そのセミナーが平日の何時ごろにやってるのか」).
        eligible = analysis.asks_who_may_use and bool(answers) and answers[-1].kind == "measure"
        # Unless it names a programme of its own, which another measure prints (「ホームページ作る費用の補助って、農家
        # でもつかえる？」 after the farm measures): that measure is the one asked of.
        eligible = eligible and not self._names_another_programme(analysis, previous_ids)
        pointed = analysis.points_back or analysis.points_to_place or analysis.points_by_pronoun
        # "how do I sign up" after an answer: words of the procedure asked name nothing it is of.
        names_nothing = not self.scope.topic_words(analysis.subject) - _PROCEDURE_WORDS
        of_shown = asks_detail and (eligible or pointed or names_nothing)
        # 「後のほうのやつ、何ていう事業？」: the later of the things just talked about is the conversation's.
        continues = analysis.follow_up or analysis.wants_more or of_shown or analysis.points_to_latter
        # 「雇う側向けにそのへん教えてくれる場ってあるん？」: the topic referred to, not named, is the conversation's
        # (not "…cut our CO2 emissions. Does the ward send info on that?", which points at what the turn just said,
        # nor a count asked of 「そういう農園」, which names what it counts); so is a need said to be the same
        # (「悩みはまったく同じ。建設業だと…」).
        continues = continues or self._refers_back(analysis) or analysis.says_same_need
        # 「うちは美容室なんだけど、建設業じゃなくても使える似たようなのある？」: one like it, for another trade.
        continues = continues or (analysis.refers_to_topic and bool(not_in_trades(analysis.text)))
        # "any seminars for employers like us?" after the asker's riders from Nepal: the case told before.
        continues = continues or (analysis.means_the_asker and bool(previous_ids))
        # "no wait, I meant how many people take part, not how many farms": a correction of the turn before.
        continues = continues or not self.words.own_words(analysis.text) or bool(analysis.ruled_out)
        # 「私どもの和菓子屋も加わることはできますでしょうか」 after the tourism association: the asker's own shop
        # named, of what was just shown.
        continues = continues or (analysis.asks_to_join and bool(previous_ids))
        # 「専門家が来てくれるほうの話で合ってる？」: which of the programmes just shown was meant.
        continues = continues or (analysis.checks_which_one and bool(previous_ids))
        # 「年に何回くらい相談会とかやってるん？」 after start-up consultations: a count asked of nothing but a suffix
        # (会) is a count of what was just shown.
        own_words = self.words.own_words(analysis.text)
        suffixes_only = all(len(w) < 2 for w in own_words)
        # 「年間の開催数の目標って、R6だと何回？」 after the work centre's seminars: how often a thing is held, by the
        # year, names no thing held.
        how_often_only = own_words <= HOW_HELD | HOW_OFTEN
        continues = continues or (analysis.wants_number and bool(previous_ids) and (suffixes_only or how_often_only))
        # "is there a seminar or someone to ask?" after an answer: the form of support, asked of the same topic.
        continues = continues or (bool(previous_ids) and self.scope.names_only_forms(analysis.text))
        # 「イベントとかもやってるん？」 after the せせせ project (a number question naming a label is read by it).
        more_of_lead = bool(previous_ids) and not analysis.wants_number
        continues = continues or (more_of_lead and self._asks_more_of(analysis.text, previous_ids[0]))
        previous_ids = [] if abstained_before else previous_ids
        if abstained_before:
            # Nor is the desk the context of a target asked next ("and the adviser visits … how many dispatches?"
            # after "not covered"): its consultations' count would be quoted for whatever was asked.
            context_ids = [mid for mid in context_ids if mid != self.desk_measure_id]
        user_turns = [t.text for t in history if t.role == "user"]
        # A turn that changed the subject ("Different topic: my daughter…") carries nothing from before it on.
        since = max((n for n, text in enumerate(user_turns) if changes_topic(text)), default=0)
        # 「最初のご近所との関係の話ですが」: the earlier turn it goes back to. A turn that changes the subject, or goes
        # back to one no earlier turn shares a word with, is read on its own.
        back_to = self._gone_back_to(analysis, user_turns)
        fresh = analysis.new_topic or (
            analysis.goes_back and back_to is None and bool(self.scope.topic_words(analysis.subject))
        )
        follow_up = continues and bool(previous_question or previous_ids) and not fresh
        if analysis.new_topic:
            # "Different subject: the new industry hub … how many businesses?": the measures talked about before are
            # no context of its target (the succession platform's listed businesses).
            context_ids = []
        # The conversation so far, as its last two questions: the topic is often set two turns back ("hire people
        # with disabilities" → "we've seen the seminars" → "what about through farming?").
        earlier_questions = user_turns[since:][-2:]
        if back_to is not None:
            # About that turn's topic and the measures its answer showed (their targets, for a number question), not
            # those of the answers since.
            context_ids = self._answered_after(history, back_to)
            earlier_questions, previous_ids, follow_up = [back_to], [], True
        focused = self.scope.focus(question)
        earlier_focused = " ".join(self.scope.focus(q) for q in earlier_questions)
        resumable = bool(previous_ids) or abstained_before  # "My startup folded" → "anything for trying again?"
        # "my Nepali staff's visas and contracts" → another office → "does the ward run anything to help employers
        # like me get that right?": the asker's case goes on past the referral.
        resumable = resumable or (
            bool(answers)
            and answers[-1].kind == "none"
            and not last
            and self.referrals.match(previous_question) is not None
        )
        # After a question asked back (the last turn was in scope, only broad), a turn saying more of the same case
        # (「商品づくりのアドバイスとかPRまで手伝ってもらえる仕組みってありますか」) is read with it; one asking a
        # detail ("where am I allowed to park my delivery van?") answers no ask back.
        asked_back = bool(answers) and answers[-1].kind == "clarify" and not (analysis.detail or analysis.premise)
        resumable = resumable or asked_back
        resumable = resumable and not (analysis.nonsense or analysis.instructs or fresh)
        # 「何か使える制度はありますか」 after a staff shortage told: the turn only asks; read with the conversation,
        # its words (制度, 使える) would pull the search towards whichever measure prints them most (the loans).
        # (Not after a "not covered" answer: "does Setagaya give hojokin for this type?" after a social-business cafe
        # told without a question asks that case again, now as a need for support.)
        only_asks = bool(earlier_focused) and not (
            analysis.wants_number or analysis.detail or self.scope.says_need(focused) or abstained_before
        )
        in_conversation = earlier_focused if only_asks else f"{earlier_focused} {focused}"
        if not follow_up and previous_question and resumable:
            # 「関連するセミナーは？」: out of scope on its own words, in scope read after the last question.
            follow_up = self._resolves_in_conversation(analysis, focused, in_conversation)
        query = in_conversation if follow_up and previous_question else focused
        if follow_up and self._asks_number_again(analysis, previous_question, gave_target(answers[-1:])):
            # 「AEDは令和9年度で何台？」 then 「スタンドパイプのほうは？」: the same question about another target.
            analysis = replace(analysis, wants_number=True)
        if follow_up and analysis.year is None and not analysis.other_year and not _ALL_YEARS.search(analysis.text):
            # 「同じ年で」: the year of the conversation so far.
            # (Not the turn's own "and three years later?": counted on below, from the year asked before.)
            earlier = analyze(earlier_focused if analysis.years_later else query, analysis.lang, current)
            year, other_year = earlier.year, earlier.other_year
            if back_to is not None and not (year or other_year) and asks_same_year(analysis.text):
                # 「最初に伺ったセミナーは、同じ年度で何回？」: the year asked last, not one of the turn gone back to.
                year = self._year_asked(user_turns[since:], analysis, current)
            if (year or other_year) and (named := plan_year_named(analysis.text)):
                # "Got it. And by the final year of the plan?" after FY2027: the plan's last year, not FY2027 again.
                year, other_year = named, None
            elif analysis.years_later and year:
                # "and three years later?" after FY2024: FY2027.
                year, other_year = years_after(year, analysis.years_later)
            analysis = replace(analysis, year=year, other_year=other_year)
        elif analysis.wants_number and analysis.year is None and not analysis.other_year and not analysis.years_later:
            # 「小学校でお花を育てるのは何校？」 after 「令和13年度の目標で」 about the farms: another target, named in
            # the turn's own words, asked for the year the conversation has been asking about.
            analysis = replace(analysis, year=self._year_asked(user_turns[since:], analysis, current))
        if abstained_before and analysis.wants_number and self.words.says_what(question):
            # "how many fureai farm sites in FY2031?" after an answer that showed no measure: the words before it
            # named nothing the vision covers, and would only pull towards labels that share them (vegetables). The
            # year they asked is kept (read above).
            query = focused
        gave_one = gave_target(answers[-1:]) and not answers[-1].abstained and follow_up
        if gave_one and analysis.wants_number and analysis.units is None and not self.words.says_what(question):
            # "and for the first year?" after "How many people…?" and its target still counts people.
            asked = analyze(previous_question, analysis.lang, current)
            analysis = replace(analysis, units=asked.units, exact_unit=asked.exact_unit)
        if follow_up and analysis.wants_number and previous_question:
            analysis = replace(analysis, units_before=analyze(previous_question, analysis.lang, current).units)
        # Taxes, pensions, visas…: another office's matter, named as the next step whatever else is answered.
        # 「そこはどこで手続きするの？」 after a turn about a driving licence continues that office's matter (asked
        # where, or after a turn referred there). After a turn answered with a measure
        # (「街灯のところに防犯カメラ付けたい」), 「でも維持費が会費じゃまかなえない」 is about that measure.
        # A "not stated" answer citing a measure ("free sessions with those attorneys?") left the other office behind:
        # "How many sessions…?" after it is about that measure, not the pension the first turn named.
        carried = analysis.asks_where or (bool(answers) and answers[-1].kind == "none" and not answers[-1].measure_ids)
        # Not to a target the turn names by a word of its label alone ("how many people … will get that certificate?"
        # after a story of a start-up certificate that cut registration costs, referred to the Legal Affairs Bureau).
        carried = carried and not (analysis.wants_number and self.targets.names_one_target(analysis))
        carried = carried and not set_aside
        # "I wasn't asking about visas. I mean how to employ foreign residents properly": not the visa office's.
        referral = self.referrals.match(_without_phrases(analysis.text, analysis.ruled_out)) or (
            self.referrals.match(query) if follow_up and carried else None
        )
        draft = self._draft(
            analysis,
            query,
            previous_ids if follow_up else [],
            follow_up,
            context_ids,
            referral,
            not previous_question,
            answers[-1] if answers else None,
            past_remark,
        )
        if draft.kind == "clarify" and not follow_up and resumable and answers and answers[-1].kind == "measure":
            # "where can we meet people?" after the measures for an NPO looking for partners: broad alone, it goes on
            # with the need the conversation has already made clear, not with an ask back.
            again = self._draft(
                analysis, in_conversation, previous_ids, True, context_ids, referral, False, answers[-1]
            )
            if again.kind != "clarify":
                draft = again
        if draft.kind == "clarify" and answers and answers[-1].kind == "clarify":
            # A turn after an ask back answers it (「うちの商店会で使えるもの」 after 「支援ある？」): read with the
            # question asked, it may be clear.
            narrowed = analyze(f"{previous_question} {question}", analysis.lang, current)
            again = self._draft(narrowed, f"{earlier_focused} {focused}", [], False, [], referral, False)
            if again.kind != "clarify":
                analysis, draft = narrowed, again
        if referral:
            draft.context["referral"] = referral.for_lang(analysis.lang)
            draft.next_url = referral.url or None
        return self._finish(analysis, draft)

    def _draft(
        self,
        analysis: Analysis,
        query: str,
        previous_ids: list[str],
        follow_up: bool,
        context_ids: list[str],
        referral: Referral | None = None,
        first: bool = True,
        previous_answer: Turn | None = None,
        past_remark: Sequence[str] = (),
    ) -> _Draft:
        # Chat for its own sake is no question about the measures just shown, even when it points back
        # (「その辺でええ居酒屋教えてや」).
        if ((analysis.nonsense or analysis.instructs) and not follow_up) or analysis.small_talk:
            # Agreeing to go on in English needs no pointer to the desk.
            return self._abstain(analysis, None, [], desk=analysis.chat_language is None)
        if wants_overview(analysis) and not analysis.wants_list and (overview := self._overview(analysis)):
            return overview
        # 「建設業じゃなくても出られる同じようなのってある？」: the trade left out says whom the programme is not for;
        # searched by it, that trade's own measures would lead.
        left_out = not_in_trades(analysis.text) if not analysis.wants_number else ()
        searched = _without_phrases(query, left_out)
        hits = self.retriever.search(searched, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        own = self.scope.focus(analysis.text)
        if not follow_up and own != analysis.text:
            # Ranked by the need alone; whether it is in scope, judged on the stronger evidence of the need and
            # the whole question (「どうしたらええ？」 can help the scope as much as it would blur the order).
            whole = self.retriever.search(analysis.text, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
            hits = with_best_signals(hits, whole)
        names_topic = bool(self.scope.topic_words(analysis.text) or _AGE.search(analysis.text))
        if follow_up and query != own and names_topic and not analysis.wants_number:
            # "what about agriculture folks?" after a question about builders: the new words lead, the
            # conversation narrows. Both readings are ranked and fused, so neither drowns the other, unless the turn
            # alone asks as generally as a new visitor would (「作る費用に補助あるの？」): then the conversation leads.
            alone = self.retriever.search(
                _without_phrases(own, left_out), k=10, filters=Filters(kind="measure"), lang=analysis.lang
            )
            # Nor when it only asks the form the support takes ("is there a seminar or someone to ask?"), or refers to
            # the topic instead of naming it ("any workshops on that for employers?"): of the conversation's topic.
            # A turn naming a thing few measures print, which its own best measure prints and the one the last answer
            # led with does not ("is there also someone she could talk to about the stress?": メンタルヘルス after
            # the harassment service), asks a new need: that measure leads, the conversation orders the rest.
            # Not a remark on what was shown (「小売店とか飲食店向けのものですよね」), which asks for nothing new.
            # Or a word one measure alone prints, of one of its best ("some kind of sticker … for the window?": the
            # ethical businesses' stickers, below the area renovation its other words call up).
            alone, sole = self._sole_printer_first(own, alone)
            new_need = (sole or self.words.names_one_measure(own, alone)) and alone[0].measure_id not in previous_ids[
                :1
            ]
            new_need = new_need and self._asks(analysis.text)
            only_forms = self.scope.names_only_forms(own)
            # 「私どもの和菓子屋も加わることはできますでしょうか」: the asker's shop, of the conversation's topic.
            of_topic = only_forms or analysis.refers_to_topic or analysis.asks_to_join
            of_topic = of_topic or analysis.says_same_need
            of_topic = of_topic or (bool(previous_ids) and self._asks_more_of(analysis.text, previous_ids[0]))
            # A turn naming that thing asks for it even when it then points at it ("if I want an oven that uses less
            # electricity, anything for that?": the equipment subsidy, not the web-advertising one shown).
            if new_need and not only_forms:
                hits = _led_by(alone[0], hits)
            elif not (of_topic or self.scope.asks_generically(own, alone)):
                hits = fuse_rankings(alone, hits)
            elif asks_for_someone(analysis.text):
                # "is there someone I can actually talk to about the client stuff?" after a freelancer's story: the
                # conversation says what about (fair dealing), the turn asks for someone to talk to; of the
                # conversation's first measures, the first that offers consultations (相談) leads, not the guidelines.
                hits = self._consultations_first(hits, query)
        asks_measures = not (analysis.wants_number or analysis.detail or analysis.premise)
        # A detail may rule out the lead as well ("sorry, not the website one — the new equipment one. what's the
        # subsidy rate?"): it is asked of the measure meant.
        ruled = (
            self._lead_ruled_out(analysis, previous_ids[0])
            if follow_up and not analysis.wants_number and previous_ids
            else set()
        )
        if ruled:
            # "sorry, not a loan exactly — I meant someone to go over my numbers": the measure led with, named for the
            # thing ruled out, is not wanted, and the turn's other words say what is; they lead, the conversation
            # orders the rest. (Unless those words find it first: "the whole area, not just one shop" after the area
            # renovation.)
            meant = self.retriever.search(
                _without_phrases(own, analysis.ruled_out), k=10, filters=Filters(kind="measure"), lang=analysis.lang
            )
            if meant and meant[0].measure_id not in ruled:
                hits = [h for h in fuse_rankings(meant, meant, hits) if h.measure_id not in ruled] or hits
            else:
                ruled = set()
        if follow_up and previous_ids and asks_measures:
            # "and is there any money to help with the first costs?" after a business-plan school: a measure offering
            # the form of support asked leads, when the one the conversation led with offers none.
            hits = self._offering_first(analysis, hits, previous_ids[0])
            # Nor do they come back as the ones offering the form of support asked ("I meant a grant": no loan).
            hits = [h for h in hits if h.measure_id not in ruled] or hits
        # A detail or a claim of the measure just shown, pointed back to ("with that certificate my registration tax
        # gets halved, right?"), is about that measure: another office's matter in it is the next step, not the answer.
        # "that one" may be the other office's programme the same turn names ("the METI subsidy — its rate on that
        # one?").
        pointed_back = bool(previous_ids) and (analysis.detail or analysis.premise) and analysis.points_back
        pointed_back = pointed_back and not _THAT_ONE.search(analysis.text.lower())
        if (
            referral
            and not referral.covered
            and not pointed_back
            # 「そういうの、誰かに相談できるとこある？」 after a worry about social insurance asks of the conversation.
            and (
                referral.exclusive
                or referral.asked_as_such(analysis.text)
                or not self._covered_besides(analysis, query if analysis.refers_to_topic else "")
            )
            # "who can I ask?" after measures answered a worry that also named a pension: of those measures, the other
            # office the next step.
            and not (previous_ids and self._names_nothing_but_forms(analysis.text))
        ):
            # 「確定申告のやり方は？」: nothing but another office's matter; that office is the answer.
            return self._abstain(analysis, None, hits, desk=False)
        judged_by_scope = not (follow_up or analysis.of_a_measure or analysis.wants_list)
        if judged_by_scope and self.scope.reads_uncovered(analysis.text):
            # Close to some measure by similarity, yet about nothing the vision covers (a road-closure permit): neither
            # a list of unrelated measures nor a question back. Details and targets are judged by the measure they
            # ask about.
            return self._abstain(analysis, None, hits)
        # 「中小企業支援を一覧で」 names no kind of measure, only who they are for: that is asked back.
        generic = self.scope.generic_words
        lists_measures = analysis.wants_list and bool(self.lister.listing(analysis.text, generic).measure_ids)
        if not follow_up and self.scope.is_broad(analysis, hits, bool(context_ids), lists_measures, first):
            return self._clarify(analysis, hits)
        if analysis.wants_list and (listing := self._list(analysis)):
            return listing
        # A number question in a conversation about measures is about their targets.
        in_scope = bool(previous_ids) or (analysis.wants_number and bool(context_ids))
        in_scope = in_scope or self.scope.in_scope(hits, analysis.lang, query)
        # A thing only one or two measures print (広告, 利子補給), printed by the best measure, is theirs.
        in_scope = in_scope or self.words.prints_rare(analysis.text, hits)
        # "I want to open a small bakery next year": a purpose said in so many words is the vision's to answer.
        in_scope = in_scope or (
            self.scope.says_purpose(analysis.text) and not self.scope.reads_uncovered(analysis.text)
        )
        ranked: list[IndicatorMatch] | None = None  # ranked once, for the scope check and the answer
        if not in_scope and analysis.wants_number:
            # A number question names an indicator more than a need: a clear indicator puts it in scope.
            ranked = self.indicators.rank(query, hits, context_ids)
            anchors = self.indicators.anchors(hits, context_ids, analysis.text)
            in_scope = self.indicators.clear(analysis, ranked, anchors)[1]
        if previous_ids and analysis.checks_which_one and not (analysis.detail or analysis.premise):
            # 「ＨＰとネット広告に使えるほうで合ってる？」: which of the programmes just shown was meant, by what
            # the turn says it is for.
            return self._measures(analysis, hits, follow_up, [self._shown_one_named(own, previous_ids)])
        if analysis.detail or analysis.premise:
            # The vision names measures and targets, never amounts, rates, deadlines, conditions or contacts.
            if not follow_up and self.scope.topic_words(analysis.subject):
                # The related measure is found by what the question is about, not by "who can apply"; the asking
                # words can also hide that it is in scope (「次の創業セミナーっていつありますか？」).
                subject = analysis.subject
                found = self.retriever.search(subject, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
                in_scope = in_scope or self.scope.in_scope(found, analysis.lang, subject)
                # A thing only a few measures print (利子補給, 創業セミナー), asked a detail of, is theirs.
                in_scope = in_scope or self.words.prints_rare(subject, found)
                hits = self._by_printed_words(subject, found) if in_scope else hits
            elif (
                follow_up
                and analysis.turns_back
                and (other := self._other_of_conversation(analysis, previous_ids, context_ids))
            ):
                # 「チラシのほうは…申し込み方法は？」 after the lectures' target, when the first turn named the
                # children's flyers beside them: the detail is asked of the other programme the turn goes back to.
                hits = other
            elif (
                follow_up
                and analysis.turns_back
                and previous_ids
                and (named := self._programme_not_shown(analysis, previous_ids[:SHOWN_MEASURES]))
            ):
                # 「メンタルの相談の方、受付時間と電話番号は？」 after an answer about staff retention that did not show
                # the mental-health consultations: the detail is asked of the programme the turn names by a word few
                # measures print.
                hits = named
            elif follow_up and previous_ids and not ruled and any(h.measure_id == previous_ids[0] for h in hits):
                # Asked of the measures just shown: those are the related measures (no near-tie of this turn's
                # search: the conversation has said what is meant).
                hits = self._shown_related(previous_ids, hits, past_remark)
            if analysis.detail == "eligibility" and in_scope and self._covers_thing_asked(analysis.text, hits):
                # 「防犯カメラも同じ制度で対象になりますか？」: the measure prints the thing asked of (AED、防犯カメラ
                # …の設置・維持管理補助), so the vision does say it is covered.
                return self._measures(analysis, hits, follow_up, [hits[0].measure_id])
            if not analysis.detail and in_scope and self._pays_for_what_it_prints(analysis.text, hits):
                # "would the ward pay for part of some online ads or a promo video?": the subsidy the vision prints
                # for exactly those costs (…動画の製作、インターネット広告…経費の一部を補助) is the answer.
                return self._measures(analysis, hits, follow_up, [hits[0].measure_id])
            return self._not_stated(analysis, hits if in_scope else [])
        if not in_scope:
            return self._abstain(analysis, None, hits)
        if analysis.wants_more and previous_ids:
            # 「ほかには？」: the next measures for the same question, none of those already shown as answers (one
            # only listed as related below them was not presented, and may be the one wanted next). The desk shown
            # among them was presented too.
            presented = previous_answer.measure_ids[:SHOWN_MEASURES] if previous_answer else previous_ids
            fresh = [h for h in hits if h.measure_id not in {*previous_ids[:SHOWN_MEASURES], *presented}]
            return self._measures(analysis, fresh or hits, follow_up)
        if analysis.wants_number:
            return self._number(analysis, query, hits, previous_ids, context_ids, ranked, previous_answer)
        if previous_ids and not self.words.content_tokens(analysis.text) - REFERENCE_WORDS:
            # 「この事業の内容は？」: about the measures of the last answer, nothing new to search for.
            return self._measures(analysis, hits, follow_up, previous_ids)
        if previous_ids and analysis.states_a_wish and not self.scope.topic_words(analysis.text, verbs=False):
            # 「入りたい」「うちも呼びたい」 after an answer: what was just shown is wanted, nothing new is named.
            return self._measures(analysis, hits, follow_up, previous_ids[:1])
        if previous_ids and analysis.points_back and not self.words.prints_rare(analysis.text, hits):
            # "How does that one work from the company's side?": the measure the last answer led with, asked of in
            # words many measures print.
            return self._measures(analysis, hits, follow_up, previous_ids[:1])
        hits = self._general_before_construction(f"{query} {analysis.text}", self._without_excluded(analysis, hits))
        return self._measures(analysis, hits, follow_up)

    # -- conversation -----------------------------------------------------------------

    def _past_a_remark(self, analysis: Analysis, history: list[Turn]) -> list[Turn]:
        """The conversation without a remark turn and the reply to it, when the remark only gets in the way:
        - after a target (「22 doesn't sound like much.」), when this turn asks a target with no words of its own
          ("What about FY2027?") or follows up briefly (「銭湯のほうは？」): it asks of the target given before;
        - answered as out of scope ("my landlord brought it up…", 「いま猫がキーボード踏んでった笑」), when this turn
          asks a target or a detail ("how many sessions a year in FY2027?", 「それ、月いくら？」): it asks of the
          measures shown before the remark, not of nothing;
        - answered with measures matched with it, when this turn asks a target in no words of its own.
        """
        answers = [t for t in history if t.role == "assistant"]
        users = [n for n, t in enumerate(history) if t.role == "user"]
        if len(answers) < 2 or len(users) < 2:
            return history
        remark = history[users[-1]].text
        # 「いや、そっちやなくて、勉強会の方や」 is a correction, not a remark: it names what is asked from then on.
        if self._asks(remark) or ruled_out(remark):
            return history
        bare = analysis.wants_number and not self.words.own_words(analysis.text)
        on_target = (bare or analysis.follow_up) and gave_target(answers[-2:-1]) and not gave_target(answers[-1:])
        # An answer out of scope shows no measure, at most the desk.
        showed_nothing = answers[-1].kind == "none" and set(answers[-1].measure_ids) <= {self.desk_measure_id}
        showed_nothing = showed_nothing and bool(set(answers[-2].measure_ids) - {self.desk_measure_id})
        # 「あーメルマガか。正直あんま読まへんけどな笑」, "ah so it's like a seminar plus a consultation. ok.": the
        # answer acknowledged, in its own words; what was matched with them is not what the next turn asks of. (Not
        # 「なるほど。うちは…NPOなんです」: what it says of the asker narrows what is asked next.)
        low = remark.strip().lower()
        echoes = answers[-2].kind in ("measure", "number") and bool(_ACKNOWLEDGES.match(low))
        echoes = echoes and not _OF_THE_ASKER.search(low)
        # "target for FY2024?" after a worry told in passing ("My wife is nervous… Anyway."): the measure matched
        # with the remark, one the answer before it did not show, was a guess; a target asked in no words of its own
        # is of those asked for before it. (A remark whose answer led with one shown before, 「区からメールで届く
        # やつがあるって聞いたけど」, narrowed the topic instead.)
        lead = answers[-1].measure_ids[:1]
        guessed = answers[-1].kind == "measure" and not set(lead) & set(answers[-2].measure_ids)
        # (「その補助って…何件？」 names only the kind of support asked about before: no words of its own either.)
        past_a_guess = analysis.wants_number and not self.words.says_what(analysis.text) - self.scope.support_kinds
        past_a_guess = past_a_guess and answers[-2].kind == "measure" and guessed
        # 「区があっせんしてくれる低利の融資、けっこう使われてるって聞いたんですが」: a remark naming the programme its
        # answer led with by words of its name (融資, あっせん) guessed nothing: it told what is asked of next.
        past_a_guess = past_a_guess and not (lead and self.words.prints_name_of(remark, lead[0]))
        if on_target or echoes or past_a_guess or (analysis.asks_of_a_measure and showed_nothing):
            return history[: users[-1]]
        return history

    def _refers_back(self, analysis: Analysis) -> bool:
        """True when the turn points at the topic told before, not at something it names itself before the pointer
        (forms of support, verbs asking whether the ward runs something and for whom it asks aside), and asks no count,
        whose own words name what it counts."""
        if not analysis.refers_to_topic or analysis.wants_number:
            return False
        said_before = self.scope.topic_words(analysis.before_topic_pointer, verbs=False) - _RUNS_OR_OFFERS - _WHEN_WORDS
        return not (said_before - self.scope.service_forms - self.scope.support_kinds)

    def _year_asked(self, user_turns: list[str], analysis: Analysis, current: int) -> str | None:
        """The year the last number question among `user_turns` asked, when this turn asks for no particular year."""
        if _ALL_YEARS.search(analysis.text):
            return None
        for text in reversed(user_turns):
            earlier = analyze(text, analysis.lang, current)
            if earlier.wants_number:
                return earlier.year
        return None

    def _asks(self, text: str) -> bool:
        """True when a turn asks or wants something; false for a remark (「今はみんな年取っちゃってさ。」, "It was a
        mess.")."""
        asked = ASKED.search(text) or _ASKED_MIDWAY.search(text) or _WANTS.search(text.lower())
        return bool(asked) or self.scope.asks_support(text)

    def _resolves_in_conversation(self, analysis: Analysis, question: str, combined: str) -> bool:
        """True when a later turn is out of scope on its own words but in scope read after the last question, or
        asks as generally as a new visitor would (「作る費用に補助あるの？」 after an answer about websites)."""
        # 「嫁さんと喧嘩してもうてん、どう謝ったらええ？」 or "what's the best organic fertiliser for my tomatoes?"
        # after a programme: a matter of its own the vision does not speak of, however close the conversation so far
        # reads.
        if (
            not analysis.asks_of_a_measure
            and (self.scope.names_only_unknown(analysis.text) or self.scope.names_unknown_matter(analysis.text))
            and self.scope.reads_uncovered(analysis.text)
        ):
            return False
        alone = self.retriever.search(question, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        if self.scope.in_scope(alone, analysis.lang, question):
            return self.scope.asks_generically(question, alone)
        together = self.retriever.search(combined, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        return self.scope.in_scope(together, analysis.lang, combined)

    def _other_of_conversation(self, analysis: Analysis, previous_ids: list[str], context_ids: list[str]) -> list[Hit]:
        """The measures a detail's subject finds, when the best of them is one the conversation showed before, not
        the one the last answer led with (「プラットフォームの方、登録の申込方法は？」 after the closing
        consultations); else none."""
        if not previous_ids or not self.scope.topic_words(analysis.subject, verbs=False):
            return []
        found = self.retriever.search(analysis.subject, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        if not found or found[0].measure_id == previous_ids[0] or found[0].measure_id not in context_ids:
            return []
        return found

    def _names_another_programme(self, analysis: Analysis, shown: list[str]) -> bool:
        """True when the subject of a detail names a thing few measures print, printed by a measure other than the
        one the last answer led with (`shown`), which leads the search for it."""
        return bool(self._programme_not_shown(analysis, shown[:1]))

    def _programme_not_shown(self, analysis: Analysis, shown: list[str]) -> list[Hit]:
        """The measures the subject of a detail finds, when it names a thing few measures print and the best of them
        is none of the measures `shown`; else none."""
        found = self.retriever.search(analysis.subject, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        if not found or found[0].measure_id in shown or not self.words.prints_rare(analysis.subject, found):
            return []
        return found

    def _sole_printer_first(self, text: str, hits: list[Hit]) -> tuple[list[Hit], bool]:
        """`hits` with the one among the first few that alone prints a noun of `text` first, and whether one does."""
        nouns = self.scope.topic_words(text, verbs=False) - self.scope.generic_words
        printers = {mid for w in nouns if len(w) >= 2 and (mid := self.scope.sole_printer(w))}
        near = [h for h in hits[:SOLE_PRINTER_RANKS] if h.measure_id in printers]
        if len(near) != 1:
            return hits, False
        return [near[0], *(h for h in hits if h is not near[0])], True

    def _covers_thing_asked(self, text: str, hits: list[Hit]) -> bool:
        """True when the thing a question asks to be covered (「防犯カメラも対象？」) is a noun few measures print and
        the best measure prints it; who asks (「NPOでも対象？」) is not such a thing."""
        match = _THING_COVERED.search(text)
        if not match or not hits:
            return False
        nouns = self.scope.topic_words(match.group(1), verbs=False) - self.scope.generic_words
        return self._prints_a_rare_one(hits[0].measure_id, nouns)

    def _prints_a_rare_one(self, measure_id: str, words: set[str]) -> bool:
        """True when the measure prints one of `words` that few measures print."""
        printed = self.lister.printed_tokens(measure_id)
        return any(1 <= self.scope.spread(w) <= RARE_SPREAD and w in printed for w in words)

    def _pays_for_what_it_prints(self, text: str, hits: list[Hit]) -> bool:
        """True when `text` claims the ward meets part of a cost, no more (not all of it, not always), of things few
        measures print (in its words or the glossary's readings of them), and the best measure is a subsidy printing
        them."""
        low = text.lower()
        if not hits or not _WARD_PAYS.search(low) or _MORE_THAN_PART.search(low):
            return False
        card = self.cards.card(hits[0].measure_id)
        if card is None or not re.search("補助|助成", card.description):
            return False
        readings = self.scope.topic_words(" ".join(self.glossary.expand(text)), verbs=False)
        things = (self.scope.topic_words(text, verbs=False) | readings) - self.scope.generic_words
        return self._prints_a_rare_one(hits[0].measure_id, things)

    def _by_printed_words(self, text: str, hits: list[Hit]) -> list[Hit]:
        """`hits` reordered by their rank and by the rare words of `text` each prints, fused: a programme named by
        its own word (コワーキング, accelerator) leads, the rest of the question (区民なら, 無料) does not."""
        scores = self.lister.scores(text)[0]
        printed = sorted((h for h in hits if h.measure_id in scores), key=lambda h: -scores[h.measure_id])
        return fuse_rankings(hits, printed)

    def _shown_related(self, previous_ids: list[str], hits: list[Hit], before: Sequence[str]) -> list[Hit]:
        """The measures a detail asked of the last answer is about (its lead is among `hits`): the one it led with,
        with its siblings, then the others it showed as answers (「電話番号わかる？」 after three programmes may be
        about any of them).

        After a turn that asked nothing (「今はみんな年取っちゃってさ。」), 「そこ、会費いる？」 points past it: the
        measure the answer `before` it led with comes first, the last answer's lead next."""
        ids = [*before[:1], *previous_ids[:1], *before[1:SHOWN_MEASURES], *previous_ids[1:SHOWN_MEASURES]]
        shown = [h for mid in ids for h in hits if h.measure_id == mid]
        return list({h.measure_id: h for h in [*self._family_of(shown[0].measure_id, hits), *shown]}.values())

    def _shown_one_named(self, text: str, previous_ids: list[str]) -> str:
        """The measure of those the last answer showed first that `text` finds best (its lead when none)."""
        shown = previous_ids[:SHOWN_MEASURES]
        found = self.retriever.search(text, k=20, filters=Filters(kind="measure"))
        return next((h.measure_id for h in found if h.measure_id in shown), shown[0])

    def _family_of(self, measure_id: str, hits: list[Hit]) -> list[Hit]:
        """The hit of `measure_id` and those of its siblings under the same name."""
        lead = next(h for h in hits if h.measure_id == measure_id)
        card = self.cards.card(measure_id)
        if card is None:
            return [lead]
        family = card.family
        siblings = [h for h in hits if h is not lead and (c := self.cards.card(h.measure_id)) and c.family == family]
        return [lead, *siblings]

    def _answered_after(self, history: list[Turn], question: str) -> list[str]:
        """The measures the answer to the user turn `question` (its first occurrence) showed, the desk aside unless it
        led that answer ("someone at the ward I can talk to about the business side?")."""
        asked = next((n for n, t in enumerate(history) if t.role == "user" and t.text == question), None)
        if asked is None:
            return []
        reply = next((t for t in history[asked + 1 :] if t.role == "assistant"), None)
        shown = [mid for mid in (reply.measure_ids if reply else []) if self.cards.card(mid)]
        return [mid for n, mid in enumerate(shown) if n == 0 or mid != self.desk_measure_id]

    def _gone_back_to(self, analysis: Analysis, user_turns: list[str]) -> str | None:
        """The earlier user turn a turn going back names: the one sharing the most of its own words; else the
        conversation's first turn, when named by its place (「最初のやつ、区は何してるん？」 shares no word with it;
        "Back to the first one" is the first, past a turn that changed the subject); else the one sharing a generic
        word ("Going back to the grant": the turn asking for a grant, not the remark since) or a kanji stem
        (「お試し販売の件」: the turn that said 「試しに売って」)."""
        # A turn saying it changes the subject goes back to none ("Separate thing - … before I go back to Canada").
        if not analysis.goes_back or analysis.new_topic or not user_turns:
            return None
        text = without_going_back_words(analysis.text)
        if back_to := _sharing_most(text, user_turns, self.words.own_words):
            return back_to
        if goes_back_to_first(analysis.text):
            return user_turns[0]
        return _sharing_most(text, user_turns, self.words.asked_words) or _sharing_most(
            text, user_turns, self.words.own_stems
        )

    def _asks_number_again(self, analysis: Analysis, previous_question: str, gave_number: bool = False) -> bool:
        """True when a later turn asks no question of its own kind after a number question, or asks one after a
        target was given (a remark may stand between): no detail, no claim, no ask for support or a list
        (「スタンドパイプのほうは？」, "and the cameras?")."""
        if analysis.wants_number or analysis.detail or analysis.premise or analysis.wants_list or analysis.wants_more:
            return False
        if not self.words.content_tokens(analysis.text) - REFERENCE_WORDS:
            # 「この事業の内容は？」 asks about the measure itself.
            return False
        if len(analysis.text) > FOLLOW_UP_MAX_CHARS[analysis.lang]:
            # "im 72, run a tatami shop… could i put mine on there and get some advise?": a need told at length is a
            # question of its own, not the last one's asked of another thing.
            return False
        if _ASKS_IF_ANY.search(analysis.text.lower()):
            # "and is there anything for my staff's mental health?" after a target asks whether support exists.
            return False
        after_number = analyze(previous_question, analysis.lang).wants_number
        after_number = after_number or (gave_number and bool(ASKED.search(analysis.text)))
        # 「銭湯への支援はいかがでしょうか。同じ年度でお願いします。」: support named, but asked for the year of the
        # target just given, so the same question about another thing.
        return after_number and (asks_same_year(analysis.text) or not self.scope.asks_support(analysis.text))

    def _names_nothing_but_forms(self, text: str) -> bool:
        """True when `text` names no topic, or only forms of support ("who can I ask?", 「誰に聞けばいい？」)."""
        return not self.scope.topic_words(text) or self.scope.names_only_forms(text)

    def _covered_besides(self, analysis: Analysis, conversation: str = "") -> bool:
        """True when a question naming another office's matter also asks about something the vision covers
        (「外国人を雇いたいが、在留資格の手続きも不安」: the hiring measures, and the visa office). With `conversation`,
        its words are judged instead of the turn's (a turn that refers to the topic said before)."""
        text = conversation or analysis.text
        rest = self.referrals.without(text)
        if not self.scope.topic_words(rest):
            return False
        hits = self.retriever.search(rest, k=10, filters=Filters(kind="measure"), lang=analysis.lang)
        if self.referrals.match(text) is None and not (analysis.detail or analysis.premise):
            # The other office's matter came from the turns before ("extend my barista's visa" → "Then for employers
            # like me who hire foreign residents, does the ward offer anything?", 「あと、働き方そのものを相談できる
            # とこってあります？」 after social insurance): a turn naming a thing of its own that the vision covers
            # asks about that.
            return self.scope.in_scope(hits, analysis.lang, rest)
        if not self.scope.names_specific(rest, verbs=False):
            # 「年金を貰いながら働くと減らされる？」「青色申告の決算書の書き方」: no noun of a few measures' own, so
            # the other office's matter is the question.
            return False
        # 「店の古い冷蔵庫、粗大ごみで出せる？」, "extend my workshop: who issues the permit?": a word the vision prints
        # beside another office's matter is no need yet, nor is a purpose only saying who asks ("as a foreign
        # founder"). A need is an ask for support, a purpose wanted (雇いたい, "looking to hire"), a thing wanted that
        # a few measures print (「街灯のところに防犯カメラ付けたい」; wanting to know a procedure,
        # 「手続きの流れを知りたい」, asks about the other office's matter), or a benefit claimed of a programme named
        # by its own words (「ふれあい農園に出したら固定資産税は免除だよな？」).
        # English words meet the Japanese measures through the glossary ("ads": 広告, which one measure prints).
        rare = self.words.prints_rare(rest, hits)
        rare = rare or (analysis.lang == "en" and self.words.names_one_measure(rest, hits))
        purpose_wanted = self.scope.names_purpose(rest) and bool(_NEED.search(rest))
        # Or, in a story of several sentences, a need said of a thing few measures print ("My wife also wonders if we
        # could work with facilities for disabled people", beside an inheritance-tax worry).
        rare = rare or (self.scope.tells_a_story(rest) and self.scope.names_specific(rest, verbs=False))
        thing_wanted = rare and not analysis.detail and bool(_NEED.search(_WANTS_TO_KNOW.sub(" ", rest)))
        # "Anywhere in the ward I can talk to a 社労士?": a consultation asked for, in English words.
        # "Is there anything from the ward for employers like us?": whether any support exists, asked.
        asked = self.scope.asks_support(rest) or bool(
            _TALK_TO.search(rest) or _WARD_DOING.search(rest) or _ASKS_IF_ANY.search(rest.lower())
        )
        if not (asked or purpose_wanted or thing_wanted or (analysis.premise and rare)):
            return False
        return self.scope.in_scope(hits, analysis.lang, rest)

    # -- kinds ----------------------------------------------------------------------

    def _without_excluded(self, analysis: Analysis, hits: list[Hit]) -> list[Hit]:
        """`hits` without the measures whose name prints a kind of business the question leaves out ("anything like
        that for companies that aren't in construction?": not the construction ones), unless none would be left."""
        left_out = self.words.left_out(analysis.text, [h.measure_id for h in hits])
        return [h for h in hits if h.measure_id not in left_out] or hits

    def _general_before_construction(self, text: str, hits: list[Hit]) -> list[Hit]:
        """`hits` led by the general measure worded like the construction one that leads them, unless `text` speaks
        of construction (「パートさんがすぐ辞める」 at a cleaner's: the staff-retention seminars for every company, not
        those for the building trade, whose 事業内容 reads near word for word the same)."""

        def card_of(hit: Hit) -> MeasureCard | None:
            return self.cards.card(hit.measure_id)

        lead_card = card_of(hits[0]) if hits else None
        if lead_card is None or _CONSTRUCTION_NAMED not in lead_card.name or _CONSTRUCTION_WORDS.search(text):
            return hits
        words = self.words.content_tokens(lead_card.description)
        # Each general measure with the share of 事業内容 words it has in common with the lead.
        shares = [
            (len(words & other) / max(1, len(words | other)), hit)
            for hit in hits
            if (card := card_of(hit)) is not None and _CONSTRUCTION_NAMED not in card.name
            for other in [self.words.content_tokens(card.description)]
        ]
        share, twin = max(shares, key=lambda pair: pair[0], default=(0.0, None))
        return _led_by(twin, hits) if twin is not None and share >= _TWIN_WORDING else hits

    def _measures(
        self, analysis: Analysis, hits: list[Hit], follow_up: bool, previous_ids: list[str] | None = None
    ) -> _Draft:
        lang = analysis.lang
        if previous_ids:
            chosen = [c for mid in previous_ids[:MAX_PRIMARY] if (c := self.cards.card(mid))]
            related: list[MeasureCard] = []
        else:
            top = hits[0].score
            close = [h for h in hits if h.score >= RELATIVE_SCORE * top]
            chosen = [c for h in close[:MAX_PRIMARY] if (c := self.cards.card(h.measure_id))]
            related = [
                c for h in close[MAX_PRIMARY : MAX_PRIMARY + MAX_RELATED] if (c := self.cards.card(h.measure_id))
            ]
        retrieved = {h.measure_id for h in hits} | set(previous_ids or [])
        draft = _Draft("measure", "measure.j2", {}, retrieved=retrieved)
        by_id = {h.measure_id: h for h in hits}
        items = []
        for card in chosen:
            n = self._add(draft, card, self._reason(analysis, card, by_id.get(card.id)))
            summary = card.display_summary(lang)
            items.append(
                {
                    "n": n,
                    "name": card.display_name(lang),
                    "official": card.name,
                    # A follow-up about the last answer's measures gets them in full: description and targets.
                    "summary": summary if previous_ids else first_sentence(summary),
                    "indicators": card.indicators if previous_ids else [],
                }
            )
        draft.primary = len(draft.cited)
        collapsed = [
            {"n": self._add(draft, c, self._reason(analysis, c, by_id.get(c.id))), "name": c.display_name(lang)}
            for c in related
        ]
        asks_where = analysis.asks_where
        if not items:
            return self._abstain(analysis, None, hits)
        draft.context = {"measures": items, "related": collapsed, "asks_where": asks_where, "follow_up_of": follow_up}
        draft.context["lead"] = {"n": items[0]["n"], "name": items[0]["name"], "official": items[0]["official"]}
        self._add_desk(draft, analysis.lang)
        return draft

    def _number(
        self,
        analysis: Analysis,
        query: str,
        hits: list[Hit],
        previous_ids: list[str],
        context_ids: list[str],
        ranked: list[IndicatorMatch] | None = None,
        previous_answer: Turn | None = None,
    ) -> _Draft:
        """The target of the indicator the question names, or "no target for exactly that"."""
        lang = analysis.lang
        choice = self.targets.find(analysis, query, hits, previous_ids, context_ids, ranked, previous_answer)
        hits, matches, picks, clear = choice.hits, choice.matches, choice.picks, choice.clear
        retrieved = {h.measure_id for h in hits} | set(previous_ids) | {m.measure_id for m in matches[:3]}
        draft = _Draft("number", "number.j2", {}, retrieved=retrieved)
        if not picks:
            return self._abstain(analysis, hits[0] if hits else None, hits)
        years = [analysis.year] if analysis.year else list(YEARS)
        items = []
        for match in picks:
            card = self.cards.card(match.measure_id)
            if card is None:
                continue
            indicator = next(i for i in card.indicators if i.label == match.label)
            reason = self._indicator_reason(lang, indicator.label_en or indicator.label)
            n = self._add(draft, card, reason)
            items.append(
                {
                    "n": n,
                    "measure_name": card.display_name(lang),
                    "official": card.name,
                    "label": indicator.label,
                    "label_en": indicator.label_en,
                    "years": [self._year_value(indicator, y) for y in years],
                }
            )
        draft.primary = len(draft.cited)
        draft.abstained = not clear
        # One label printed with different targets under several measures: all of them, said so.
        twins = clear and len(items) > 1 and len({item["label"] for item in items}) == 1
        # Labels of one measure the question cannot tell apart: each with its targets, said so.
        siblings = clear and len({item["label"] for item in items}) > 1
        draft.context = {
            "items": items,
            "other_year": analysis.other_year,
            "exact": clear,
            "twins": twins,
            "siblings": siblings,
            # Of two measures just shown (「その講座」 after two that hold lectures).
            "across": siblings and len({item["official"] for item in items}) > 1,
        }
        draft.next_url = f"/measures/{picks[0].measure_id}"
        return draft

    def _lead_ruled_out(self, analysis: Analysis, lead: str) -> set[str]:
        """The measure `lead` (the one the last answer led with) when its name prints a Japanese reading of a thing
        the turn rules out (「融資じゃなくて」, "not a loan": 融資あっせん…) and the turn says what it means instead;
        else none. "Not just a job list" (「求人紹介だけやなくて」) rules nothing out: it asks for more.

        A detail asked of another programme names that programme besides the detail ("not the website one — the
        new equipment one. what's the rate?"): the lead is ruled out by a thing its description prints, or by
        pointing at it (「そっちじゃなくて」); 「それじゃなくて、補助率が知りたいの」 names no other programme."""
        card = self.cards.card(lead)
        if card is None or _NOT_ONLY.search(analysis.text.lower()):
            return set()
        of_detail = bool(analysis.detail or analysis.premise)
        meant = _without_phrases(analysis.subject if of_detail else analysis.text, analysis.ruled_out)
        if not self.scope.topic_words(meant, verbs=not of_detail):
            return set()
        if of_detail and any(_POINTER_RULED_OUT.fullmatch(p.lower()) for p in analysis.ruled_out):
            return {card.id}
        readings = [p for p in analysis.ruled_out if JAPANESE_SCRIPT.search(p) and len(p) >= 2 and "数" not in p]
        printed = f"{card.name} {card.description}" if of_detail else card.name
        return {card.id} if any(r in printed for r in readings) else set()

    def _offering_first(self, analysis: Analysis, hits: list[Hit], shown_lead: str) -> list[Hit]:
        """`hits` (the conversation's) led by a measure offering a form of support the turn asks for (money, a loan,
        premises): of those offering it, one named for the subject of the measure the last answer led with
        (`shown_lead`: 建設業 after a builder's worry about young staff, 創業 after start-up advice), else the best for
        the conversation and the turn alone together (the start-up grant for "any money for the first costs?" after a
        business-plan school, not the accelerator's funding help). Unchanged when the first offers it and is of that
        subject, or none offering it is."""
        forms = asked_forms(analysis.text)
        lead = self.cards.card(hits[0].measure_id) if hits else None
        if not forms or lead is None or not self._asks(analysis.text):
            return hits
        shown = self.cards.card(shown_lead)
        topic = self._subject_nouns(shown.name) if shown else set()
        lead_offers = any(offers(lead, form) for form in forms)
        if lead_offers and (not topic or topic & self._subject_nouns(lead.name)):
            return hits
        alone = self.retriever.search(analysis.text, k=10, filters=Filters(kind="measure"), lang=analysis.lang)

        def offering(ranked: list[Hit]) -> list[Hit]:
            cards = [(h, self.cards.card(h.measure_id)) for h in ranked]
            return [h for h, card in cards if card and any(offers(card, form) for form in forms)]

        # The conversation's order counts twice: the turn alone ("any money?") knows nothing of whose costs.
        best = fuse_rankings(offering(hits), offering(hits), offering(alone))
        same_subject = [h for h in best if topic & self._subject_nouns(h.name)]
        if lead_offers and not same_subject:
            # "money to help me launch it?" led by the hands-on support's grants, no start-up grant in sight.
            return hits
        best = same_subject or best
        return _led_by(best[0], hits) if best else hits

    def _asks_more_of(self, text: str, lead_id: str) -> bool:
        """True when the measure `lead_id` prints every word of `text`'s own (「イベントとかもやってるん？」 after the
        せせせ project, which holds events): more of that measure is asked, not another."""
        own = self.words.own_words(text)
        return bool(own) and own <= self.lister.printed_tokens(lead_id)

    def _subject_nouns(self, name: str) -> set[str]:
        """The nouns of a measure's `name` that name a subject (建設, 創業), not a kind of work (促進, 実施) nor a
        programme of its own (ハンズオン): printed by a few measures."""
        return self.words.nouns_printed_by(name, *SUBJECT_NOUN_SPREAD)

    def _consultations_first(self, hits: list[Hit], conversation: str) -> list[Hit]:
        """`hits` with a measure whose name offers consultations (相談) first, at the first one's score: of the first
        few, one printing a noun of `conversation` few measures print (保険 after a worry about pensions and social
        insurance: the 社労士 consultations, not those on closing a business nearly tied with them); else the first
        such of the first SHOWN_MEASURES (unchanged when that is the first, or none offers consultations)."""
        consulting = [h for h in hits[: SHOWN_MEASURES + 1] if "相談" in h.name]
        rare = self.words.rare_nouns(conversation)
        printing = [h for h in consulting if rare & self.lister.printed_tokens(h.measure_id)]
        lead = printing[0] if printing else next((h for h in consulting if h in hits[:SHOWN_MEASURES]), None)
        if lead is None or lead is hits[0]:
            return hits
        return _led_by(lead, hits)

    def _year_value(self, indicator: Any, year: str) -> dict[str, Any]:
        value = indicator.r6 if year == "R6" else indicator.r9 if year == "R9" else indicator.r13
        return {
            "year": year,
            "fiscal": FISCAL_YEAR[year],
            "value": value,
            "set": Indicator.is_set(value),
            "unit": indicator.unit,
            "unit_en": english_unit(indicator.unit_en, value),
        }

    def _not_stated(self, analysis: Analysis, hits: list[Hit]) -> _Draft:
        """The vision does not print the detail asked (or the benefit asserted); the related measure and the desk."""
        draft = _Draft("none", "not_stated.j2", {}, retrieved={h.measure_id for h in hits}, abstained=True)
        detail = "premise" if analysis.premise else analysis.detail or "amount"
        closest = None
        if hits and (card := self.cards.card(hits[0].measure_id)):
            closest = {
                "n": self._add(draft, card, self._reason(analysis, card, hits[0])),
                "name": card.display_name(analysis.lang),
                "official": card.name,
                # A claimed benefit is answered with what the vision does say of the measure (「費用の一部を補助
                # します」), so "no such promise" never reads as "no such programme".
                "summary": card.display_summary(analysis.lang) if analysis.premise else "",
            }
        # Two measures nearly tie, or the first has siblings under the same name (the three SETAGAYA PORT
        # measures, the two せたがやPay ones): name them too, the desk can tell which one the programme belongs to.
        others = [h for h in hits[1:2] if h.score >= SECOND_RELATED_SCORE * hits[0].score]
        if hits:
            others += self._family_of(hits[0].measure_id, hits)[1:]
        also = []
        for hit in list({h.measure_id: h for h in others}.values())[:MAX_ALSO_RELATED]:
            if card := self.cards.card(hit.measure_id):
                also.append(
                    {
                        "n": self._add(draft, card, self._reason(analysis, card, hit)),
                        "name": card.display_name(analysis.lang),
                        "official": card.name,
                    }
                )
        draft.primary = len(draft.cited)
        draft.context = {
            "closest": closest,
            "also": also,
            "detail": self._phrase(analysis.lang, "detail", detail),
            "premise": analysis.premise,
        }
        self._add_desk(draft, analysis.lang)
        return draft

    def _abstain(self, analysis: Analysis, closest: Hit | None, hits: list[Hit], desk: bool = True) -> _Draft:
        """The vision does not cover the question: say so, and where to ask instead (the desk, unless another
        office handles the matter)."""
        draft = _Draft("none", "abstain.j2", {}, retrieved={h.measure_id for h in hits}, abstained=True)
        draft.context = {
            "greeting": analysis.greeting,
            "thanks": analysis.thanks,
            "nonsense": analysis.nonsense,
            "instructs": analysis.instructs,
            "small_talk": analysis.small_talk,
            "switches_language": analysis.chat_language is not None,
        }
        if desk:
            self._add_desk(draft, analysis.lang)
        return draft

    def _list(self, analysis: Analysis) -> _Draft | None:
        """Every measure of a kind, from the catalogue: an initiative, goal or policy, or a word they print."""
        cat = self.catalogue
        lang = analysis.lang
        criterion = ""
        if analysis.policy is not None and cat.policy(analysis.policy):
            # A policy named with its initiatives (「方針3の方策、つまり8-1〜9-2」) asks for the whole policy.
            ids = [c.id for c in self.cards if analysis.policy in c.policies]
            criterion = self._phrase(lang, "criterion", "policy", number=analysis.policy)
        elif analysis.initiative and cat.initiative(analysis.initiative):
            ids = [r.measure_id for r in cat.rows if r.initiative == analysis.initiative]
            criterion = f"{analysis.initiative}"
        elif analysis.goal is not None and cat.goal(analysis.goal):
            ids = [c.id for c in self.cards if analysis.goal in c.goals]
            criterion = self._phrase(lang, "criterion", "goal", number=analysis.goal)
        else:
            ids, criterion = self._measures_mentioning(analysis)
        ids = list(dict.fromkeys(ids))
        if not ids:
            return None
        draft = _Draft("list", "list.j2", {}, retrieved=set(ids))
        items = []
        for mid in ids:
            card = self.cards.card(mid)
            if card:
                reason = self._keyword_reason(lang, [criterion]) if criterion else ""
                items.append(
                    {"n": self._add(draft, card, reason), "name": card.display_name(lang), "official": card.name}
                )
        draft.primary = len(draft.cited)
        draft.context = {"items": items, "criterion": criterion, "count": len(items)}
        return draft

    def _measures_mentioning(self, analysis: Analysis) -> tuple[list[str], str]:
        """Measures whose printed text (or English rendering) has the question's telling words."""
        listing = self.lister.listing(analysis.text)
        if analysis.lang == "en":
            # An English answer names its criterion in English only (a Japanese term found by the glossary is not).
            english = as_written(analysis.text, [t for t in listing.terms if t.isascii()])
            return listing.measure_ids, ", ".join(t for t in english if t.isascii())
        return listing.measure_ids, "・".join(as_written(analysis.text, listing.terms))

    def _clarify(self, analysis: Analysis, hits: list[Hit]) -> _Draft:
        """A broad question: one sentence and the purposes to narrow it by."""
        lang = analysis.lang
        hit_ids = {h.measure_id for h in hits}
        scored = []
        # A purpose the question names is who is asking (「町工場 支援」): the choices narrow by what else is needed.
        named = self.scope.named_purposes(analysis.text)
        for purpose in (p for p in self.scope.purposes if p not in named):
            terms = purpose["terms"]
            matching = sum(
                1 for c in self.cards if c.id in hit_ids and any(t in c.name or t in c.description for t in terms)
            )
            scored.append((matching, purpose))
        chosen = [p for _, p in sorted(scored, key=lambda item: -item[0])][:6]
        draft = _Draft("clarify", "clarify.j2", {}, retrieved=hit_ids)
        draft.clarify = [
            Clarification(label=p["label"][lang], question=f"{analysis.text} {p['label'][lang]}") for p in chosen
        ]
        draft.context = {"purposes": [c.label for c in draft.clarify]}
        return draft

    def _overview(self, analysis: Analysis) -> _Draft | None:
        cat = self.catalogue
        lang = analysis.lang
        guide = self.cards.guide
        if analysis.initiative and (initiative := cat.initiative(analysis.initiative)):
            rows = [r for r in cat.rows if r.initiative == initiative.code]
            draft = _Draft("overview", "overview_initiative.j2", {}, retrieved={r.measure_id for r in rows})
            measures = []
            for row in rows:
                card = self.cards.card(row.measure_id)
                if card:
                    name = card.display_name(lang) if lang == "en" else row.name
                    measures.append({"n": self._add(draft, card, ""), "name": name, "reprint": row.reprint})
            draft.primary = len(draft.cited)
            title_en = guide.initiative_title(initiative.span.document, initiative.code)
            draft.context = {"initiative": initiative, "title_en": title_en, "measures": measures}
            draft.next_url = f"/measures?initiative={initiative.code}"
            return draft
        if analysis.goal is not None and (goal := cat.goal(analysis.goal)):
            initiatives = [
                {"code": i.code, "title": i.title, "title_en": guide.initiative_title(i.span.document, i.code)}
                for i in cat.initiatives
                if i.goal == goal.number
            ]
            codes = {i["code"] for i in initiatives}
            originals = [r for r in cat.rows if r.initiative in codes and not r.reprint]
            draft = _Draft("overview", "overview_goal.j2", {}, retrieved={r.measure_id for r in originals})
            measures = []
            for row in originals[:8]:
                card = self.cards.card(row.measure_id)
                if card:
                    measures.append({"n": self._add(draft, card, ""), "name": card.display_name(lang)})
            draft.primary = len(draft.cited)
            draft.context = {
                "goal": goal,
                "title_en": guide.goal_title(goal.span.document, goal.number),
                "initiatives": initiatives,
                "measures": measures,
            }
            draft.next_url = f"/measures?goal={goal.number}"
            return draft
        if analysis.policy is not None and (policy := cat.policy(analysis.policy)):
            goals = [
                {
                    "number": g.number,
                    "title": g.title,
                    "title_en": guide.goal_title(g.span.document, g.number),
                    "codes": [i.code for i in cat.initiatives if i.goal == g.number],
                }
                for g in cat.goals
                if g.policy == policy.number
            ]
            title_en = guide.policy_title(policy.span.document, policy.number)
            draft = _Draft("overview", "overview_policy.j2", {"policy": policy, "title_en": title_en, "goals": goals})
            draft.next_url = f"/measures?policy={policy.number}"
            return draft
        return None

    # -- reasons ------------------------------------------------------------------------

    def _reason(self, analysis: Analysis, card: MeasureCard, hit: Hit | None) -> str:
        """Why a measure is shown: the everyday need it matched, or the question's words it prints."""
        lang = analysis.lang
        needs = card.needs_en if lang == "en" else card.needs_ja
        if hit and hit.matched and hit.matched in needs:
            return self._phrase(lang, "reason", "need", need=hit.matched)
        words = self._words_in(analysis.text, card)
        if words:
            return self._keyword_reason(lang, words)
        if hit and hit.matched and detect_language(hit.matched) == lang:
            return self._phrase(lang, "reason", "related", text=hit.matched)
        audience = card.audience(lang)
        if audience:
            return self._phrase(lang, "reason", "audience", audience=audience)
        return ""

    def _words_in(self, question: str, card: MeasureCard) -> list[str]:
        """Words of the question that the measure prints (or its English rendering has), in the question's script."""
        haystack = f"{card.name} {card.description}"
        english = f"{card.name_en} {card.summary_en} {card.audience_en}".lower()
        english_question = detect_language(question) == "en"
        # A reason quotes the user's own words: the glossary's document terms would read as Japanese in English.
        tokens = set(self.tokenize(question)) if english_question else self.words.content_tokens(question)
        words = []
        for token in tokens - REFERENCE_WORDS - LIST_WORDS - ENGLISH_FUNCTION_WORDS - self.scope.generic_words:
            if len(token) < 2 or (english_question and not token.isascii()) or not self.glossary.keep(token):
                continue
            if token in haystack or (token.isascii() and re.search(rf"\b{re.escape(token)}", english)):
                words.append(token)
        return sorted(words, key=len, reverse=True)[:3]

    def _keyword_reason(self, lang: str, words: list[str]) -> str:
        separator = self._phrase(lang, "reason", "word_separator")
        quoted = separator.join(self._phrase(lang, "reason", "word", word=w) for w in words)
        return self._phrase(lang, "reason", "words", words=quoted)

    def _indicator_reason(self, lang: str, label: str) -> str:
        return self._phrase(lang, "reason", "indicator", label=label)

    def _phrase(self, lang: str, group: str, key: str, **fields: Any) -> str:
        """A short phrase from prompts/answer/phrases.json, filled in."""
        return str(self._phrases[lang][group][key]).format(**fields)

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _add(draft: _Draft, card: MeasureCard, reason: str) -> int:
        """Cite `card` (once) and return its marker number."""
        for n, cited in enumerate(draft.cited, start=1):
            if cited.id == card.id:
                return n
        draft.cited.append(card)
        draft.reasons[card.id] = reason
        return len(draft.cited)

    def _add_desk(self, draft: _Draft, lang: str) -> None:
        """Point to the consultation desk: the configured one, else the 経営相談窓口 measure."""
        if self.desk.configured:
            return
        desk_id = self.catalogue.desk_measure_id()
        card = self.cards.card(desk_id) if desk_id else None
        if card:
            draft.retrieved.add(card.id)  # looked up in the catalogue: the pointer is part of what was retrieved
            reason = self._phrase(lang, "reason", "desk")
            draft.context["desk_measure"] = {
                "n": self._add(draft, card, reason),
                "summary": first_sentence(card.display_summary(lang)),
            }

    def _next_step(self, lang: str, draft: _Draft) -> NextStep:
        text = self.prompts.render(f"answer/{lang}/_next_step.j2", desk=self.desk, **draft.context)
        url = self.desk.url or None if draft.next_url is None else draft.next_url
        return NextStep(text=text, url=url)

    def _finish(self, analysis: Analysis, draft: _Draft) -> Answer:
        lang = analysis.lang if analysis.lang in ("ja", "en") else "ja"
        draft.context.setdefault("desk_measure", None)
        draft.context.setdefault("referral", None)
        context = {"desk": self.desk, "english_shown": lang == "en" and any(c.name_en for c in draft.cited)}
        context |= draft.context
        text = self.prompts.render(f"answer/{lang}/{draft.template}", **context)
        # An ask back and an agreement to go on in English lead to no next step.
        needs_step = draft.kind != "clarify" and not draft.context.get("switches_language")
        next_step = self._next_step(lang, draft) if needs_step else None
        if next_step and next_step.text:
            text = f"{text}\n{next_step.text}"
        cited = dict(enumerate(draft.cited, start=1))
        if draft.kind in ("overview", "list"):
            draft.retrieved |= {c.id for c in draft.cited}
        measures = {n: m for n, c in cited.items() if (m := self.catalogue.measure(c.id)) is not None}
        # Besides cited measures, numbers may come from the configured desk and the year the user asked about.
        extra = numbers_in(" ".join([self.desk.phone, self.desk.hours, self.desk.url, self.desk.name]))
        if analysis.other_year:
            # The year asked for, said to have no target: as R8, and as 令和8年度 or FY2026.
            extra |= {analysis.other_year[1:], str(int(analysis.other_year[1:]) + 2018)}
        if draft.kind == "list":
            extra |= numbers_in(str(draft.context.get("count", "")))
        violations = check_answer(text, measures, draft.retrieved, extra)
        if violations:
            # A template or catalogue bug: never show an unverified number or citation.
            log.error("answer failed verification: %s", violations)
            text = "\n".join(f"[{n}] {c.name}" for n, c in cited.items())
        lead = text.split("\n", 1)[0]
        return Answer(
            text=text,
            lang=lang,
            kind=draft.kind,
            abstained=draft.abstained,
            citations=[
                cite(n, c, lang, draft.reasons.get(c.id, ""), primary=n <= draft.primary) for n, c in cited.items()
            ],
            follow_ups=self.prompts.follow_ups(lang, draft.kind),
            desk=self.desk if self.desk.configured else None,
            lead=lead,
            next_step=next_step,
            clarify=draft.clarify,
        )
