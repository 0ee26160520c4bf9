"""Banks of independent questions: written from the chapter alone by writers who never saw the code or the question
set, used like the dev split to tune on, and kept here as gates. Each holds a floor measured when it was added
(BENCHMARKS.md); a wrong target is never allowed, but for those a bank had on arrival that are still left, named in its
gate's docstring (no new one may appear).

To keep the suite under its time budget, the larger banks are gated on a sample, in file order: the conversation
banks before bank 215 on every eighth conversation, those before bank 251 on every fourth and the rest on every other
one, and the needs banks on every other question. Samples were cut in steps as banks were added (halves in sessions 39
to 64, quarters in session 60) and again in session 65, on a CPU without AVX-512, where e5 runs in float32 and took
the suite to 28 minutes: each gate was then set on its new sample, one question under its figure (one over, for
questions asked back), with no more wrong targets than the sample has. The docstrings tell the figures of the whole
banks, or of the earlier samples, when they were cut (BENCHMARKS.md).
`shien eval --questions tests/data/<bank>` scores a whole bank.
"""

from __future__ import annotations

import json
import re

import pytest

from service.engine import Engine
from service.evaluation.metrics import Question, check_answer_for, evaluate_answers, load_questions

from .support import DATA

# Conversation banks numbered below these are gated on every eighth conversation, or every fourth; the rest on every
# other one (see above).
_FIRST_QUARTERED_CONVERSATION_BANK = 215
_FIRST_HALVED_CONVERSATION_BANK = 251
_CONVERSATION_BANK = re.compile(r"conversation_bank(?:_(\d+))?\.jsonl")
_NEEDS_BANK = re.compile(r"needs_bank_\d+\.jsonl")


def _gated_questions(name: str) -> list[Question]:
    """The questions of a bank its gate is measured on: every other question of a needs bank, every eighth, fourth or
    other conversation of a conversation bank by its age, all of any other bank."""
    questions = load_questions(DATA / name)
    if _NEEDS_BANK.fullmatch(name):
        return questions[::2]
    bank = _CONVERSATION_BANK.fullmatch(name)
    if not bank:
        return questions
    number = int(bank.group(1) or 1)
    step = 8 if number < _FIRST_QUARTERED_CONVERSATION_BANK else 4 if number < _FIRST_HALVED_CONVERSATION_BANK else 2
    return questions[::step]


def _figures(engine: Engine, name: str) -> dict[str, float]:
    """The answer figures of a bank in the question-set format, as `shien eval` reports them."""
    figures, _, _ = evaluate_answers(_gated_questions(name), engine.catalogue, engine.composer.compose)
    return figures


# What a bank is gated on, by the short names its gates use: floors a figure must reach, and ceilings it must stay
# under (questions asked back, targets quoted other than the one asked).
_FLOORS = {
    "cited": "measure answers citing a relevant measure",
    "first": "first primary measure relevant",
    "details": "detail not printed: not stated + related measure",
    "out_of_scope": "out of scope and nonsense: abstain",
    "printed": "number: printed value",
    "conversations": "conversations: last turn right",
}
_CEILINGS = {
    "asked_back": "specific questions asked back",
    "wrong_number": "number: other indicator quoted without saying so",
    "wrong": "conversations: other indicator quoted without saying so",
}


def _assert_gates(engine: Engine, name: str, **gates: float) -> None:
    """A bank's answer figures against its gates (`cited=0.96`, `wrong=0`…), every miss named in one failure."""
    unknown = set(gates) - _FLOORS.keys() - _CEILINGS.keys()
    assert not unknown, f"no such gate: {unknown}"
    figures = _figures(engine, name)
    missed = []
    for gate, bound in gates.items():
        if gate in _FLOORS and (value := figures[_FLOORS[gate]]) < bound:
            missed.append(f"{_FLOORS[gate]} {value:.3f} < {bound}")
        elif gate in _CEILINGS and (value := figures[_CEILINGS[gate]]) > bound:
            missed.append(f"{_CEILINGS[gate]} {value:.3f} > {bound}")
    assert not missed, f"{name}: " + "; ".join(missed)


def _bank(name: str) -> list[dict[str, str | None]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


def test_number_questions_in_many_wordings_quote_the_target_asked_or_none(engine: Engine) -> None:
    """160 questions for every printed target, in everyday words, and 20 for numbers the vision does not print:
    the target asked is quoted most of the time, another target never, and an unprinted number gets none."""
    right, wrong, printed, unprinted, declined = 0, 0, 0, 0, 0
    for n, item in enumerate(_bank("number_phrasings.jsonl")):
        answer = engine.composer.compose(str(item["question"]))
        if item["label"] is None:
            unprinted += 1
            declined += answer.abstained
            continue
        printed += 1
        expect = {key: item[key] for key in ("label", "year", "value", "unit")}
        question = Question(f"np-{n}", str(item["question"]), str(item["lang"]), "number", [], {"expect": expect})
        check = check_answer_for(question, answer, engine.catalogue)
        right += check.ok
        wrong += check.wrong_indicator
    assert wrong == 0
    assert right / printed >= 0.85
    assert declined / unprinted >= 0.80


def test_conversations_in_many_wordings_answer_the_last_turn(engine: Engine) -> None:
    """80 conversations of two or three turns, the last one meaningful only after the others."""
    _assert_gates(engine, "conversation_bank.jsonl", wrong=0, conversations=0.9)


def test_needs_in_many_wordings_get_their_measures(engine: Engine) -> None:
    """210 questions, three for every measure, describing the need without the measure's words. (Cited 0.943
    until session 16, where e5 moved to PyTorch and one near-tied question came to be asked back: 0.938.)"""
    _assert_gates(engine, "measure_questions.jsonl", cited=0.93, first=0.90, asked_back=0.02)


def test_details_the_vision_does_not_print_name_the_related_measure(engine: Engine) -> None:
    """150 questions asking a programme's rate, amount, deadline, date, conditions, procedure, fee or contact, or
    claiming a benefit, each with the measure a good answer names: "not stated", that measure, and the desk."""
    bank = _bank("detail_questions.jsonl")
    questions = [
        Question(f"dq-{n}", str(item["question"]), str(item["lang"]), "detail", list(item["related"] or []), {})
        for n, item in enumerate(bank)
    ]
    figures, _, _ = evaluate_answers(questions, engine.catalogue, engine.composer.compose)
    assert figures["detail not printed: not stated + related measure"] >= 0.92


def test_a_second_bank_of_needs_and_details_gets_measures_or_not_stated(engine: Engine) -> None:
    """A second writer's 110 needs and 90 details (a rate, fee, date, place, procedure… the vision does not print,
    or a claimed benefit), covering 70 measures."""
    _assert_gates(engine, "needs_and_details_bank.jsonl", cited=0.97, first=0.94, asked_back=0.02, details=0.95)


def test_a_second_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """A second writer's 100 conversations. One of them still gets another target of a measure just shown (c8-039,
    in BENCHMARKS.md): the gate holds that count, and must be lowered to 0 when it is fixed."""
    _assert_gates(engine, "conversation_bank_2.jsonl", wrong=0, conversations=0.84)


def test_questions_the_vision_does_not_cover_get_the_abstention(engine: Engine) -> None:
    """160 questions the chapter does not answer: other offices' matters near the measures, everyday talk, junk and
    attempts to make shien promise or invent support."""
    _assert_gates(engine, "out_of_scope_bank.jsonl", out_of_scope=0.95)


@pytest.mark.parametrize(
    ("name", "broad_floor"),
    [
        # A second writer's 70 broad asks and 70 short specific needs, held out of the breadth classifier's training.
        ("broad_bank_2.jsonl", 0.88),
        # A third writer's 60 and 60, written after every change of session 9 but the hiragana reading.
        ("broad_bank_3.jsonl", 0.86),
        # A fourth writer's 50 and 50 (session 10: 0.80 on arrival).
        ("broad_bank_4.jsonl", 0.88),
        # A fifth writer's 55 and 55 (session 11: 0.727 on arrival; half of its broad asks are a full sentence or two).
        ("broad_bank_5.jsonl", 0.80),
        # A sixth writer's 55 and 55 (session 12: 0.655 on arrival; many name the asker's trade, a shop or a workshop).
        ("broad_bank_6.jsonl", 0.74),
    ],
)
def test_more_banks_of_broad_asks_are_asked_back(engine: Engine, name: str, broad_floor: float) -> None:
    bank = _bank(name)
    asked = {str(item["question"]): engine.composer.compose(str(item["question"])).kind == "clarify" for item in bank}
    broad = [asked[str(item["question"])] for item in bank if item["label"] == "broad"]
    specific = [asked[str(item["question"])] for item in bank if item["label"] == "specific"]
    assert sum(broad) / len(broad) >= broad_floor
    assert sum(specific) / len(specific) <= 0.05


def test_a_third_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """A third writer's 90 conversations, half asking a target after two or three turns."""
    _assert_gates(engine, "conversation_bank_3.jsonl", wrong=0, conversations=0.91)


def test_a_third_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """A third writer's 100 needs, 50 details the chapter does not print and 50 questions it does not cover."""
    _assert_gates(
        engine,
        "needs_details_scope_bank.jsonl",
        cited=0.98,
        first=0.95,
        asked_back=0.02,
        details=0.98,
        out_of_scope=0.96,
    )


def test_a_fourth_and_fifth_bank_of_conversations_answer_the_last_turn(engine: Engine) -> None:
    """Two more writers' 80 conversations each (session 10), a tenth of them asking a detail the vision does not print
    after an answer, or drifting to another office's matter."""
    _assert_gates(engine, "conversation_bank_4.jsonl", wrong=0, conversations=0.8)
    _assert_gates(engine, "conversation_bank_5.jsonl", wrong=0, conversations=0.9)


def test_more_banks_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 10's banks: 110 needs, 60 details, 40 questions the chapter does not cover and 10 of nonsense from one
    writer; 140 needs (a third of them long and rambling), 30 details and 30 other matters from another."""
    _assert_gates(
        engine,
        "needs_details_scope_bank_2.jsonl",
        cited=0.96,
        first=0.94,
        asked_back=0.02,
        details=0.98,
        out_of_scope=0.98,
    )
    _assert_gates(
        engine, "needs_bank_3.jsonl", cited=0.92, first=0.89, asked_back=0.02, details=0.94, out_of_scope=0.93
    )


def test_a_sixth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 11: a writer's 90 conversations, a third ending in a target asked indirectly, some changing the
    subject on the way (0.900 on arrival; 0.967 until session 16, where e5 moved to PyTorch and one near-tied
    side remark came to be answered as a new need: 0.956; 0.978 in session 17, the detail after that remark naming the
    measures shown, and a farm count read from a measure nearly tied with the best)."""
    _assert_gates(engine, "conversation_bank_6.jsonl", wrong=0, conversations=0.91)


def test_a_fourth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 11: 130 needs, 45 details, 35 other matters and 10 of nonsense, nearly half in English (on arrival:
    cited 0.931, details 0.822, out of scope 0.933)."""
    _assert_gates(engine, "needs_bank_4.jsonl", cited=0.94, first=0.92, asked_back=0.03, details=0.95, out_of_scope=0.9)


def test_a_seventh_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 12: a writer's 90 conversations, 35 ending in a target asked indirectly (0.900 and two wrong targets on
    arrival: farms of two kinds, and "jobs" read as events)."""
    _assert_gates(engine, "conversation_bank_7.jsonl", wrong=0, conversations=0.91)


def test_a_fifth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 12: 130 needs covering all 70 measures, 45 details, 35 other matters and 10 of nonsense, 41 % English
    (on arrival: cited 0.938, details 0.867, out of scope 0.933)."""
    _assert_gates(engine, "needs_bank_5.jsonl", cited=0.95, first=0.96, asked_back=0.02, details=0.9, out_of_scope=0.95)


def test_an_eighth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 13: a writer's 90 conversations, 35 ending in a target asked indirectly (0.900 and one wrong target on
    arrival). Its last wrong target (c14-058: 「あれって…延べで何人」 after a turn about the 住工共生 working group got
    the measure's other count of participants) was fixed in session 15: none is allowed now."""
    _assert_gates(engine, "conversation_bank_8.jsonl", wrong=0, conversations=0.75)


def test_a_sixth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 13: 150 needs covering all 70 measures, 50 details (five of each kind) and 20 other matters, 41 %
    English (on arrival: cited 0.960, first primary 0.947, details 0.800, out of scope 0.900; first primary 0.953
    until session 16, where e5 moved to PyTorch and one near-tied need came to lead with its second measure)."""
    _assert_gates(engine, "needs_bank_6.jsonl", cited=0.95, first=0.9, asked_back=0.03, details=0.9, out_of_scope=0.9)


def test_a_ninth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 14: a writer's 90 conversations in six shapes (a programme from an earlier turn, a long story and a
    short question, a narrowed audience, a change of subject, another target of the same programme, a year alone);
    0.789 and two wrong targets on arrival ("the accelerator there" after the coworking target)."""
    _assert_gates(engine, "conversation_bank_9.jsonl", wrong=0, conversations=0.83)


def test_a_seventh_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 14: 120 needs covering all 70 measures (two needs at once, situations without a question, desk officers
    asking for a client, misleading words), 40 details, 30 other matters, 10 of nonsense, 40 % English (on arrival:
    cited 0.908, first primary 0.900, details 0.825, out of scope 0.925)."""
    _assert_gates(engine, "needs_bank_7.jsonl", cited=0.88, first=0.88, asked_back=0.05, details=0.8, out_of_scope=0.94)


def test_a_tenth_bank_of_conversations(engine: Engine) -> None:
    """Session 15: 90 more conversations in the same six shapes, with pronoun and place-word follow-ups, 「ほかには？」,
    corrections and small-talk openings (40 % English); 0.756 and four wrong targets on arrival ("and three years
    later?", 「で、最終年度は？」, "Totally unrelated: … flyers"). The two left follow a side remark the answer took
    for a new need (「去年は仕入れ先が一つ潰れちゃって…」 then 「数字は？」): the target printed is that of the measure
    just shown, named by its label. 0.811 in session 17: two details asked right after a side remark point past it."""
    _assert_gates(engine, "conversation_bank_10.jsonl", wrong=0, conversations=0.83)


def test_an_eleventh_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 17: a writer who saw only the chapter wrote 60 conversations in the six shapes of bank 9 (with side
    remarks, corrections and greetings between the questions), 40 % English. On arrival 0.833 and no wrong target,
    the same question by question on the code before and after session 17's conversation changes (those were
    designed on banks 4–10 and fixed none of these): the figure is a fresh one. 0.850 once 「防犯カメラは？」 after a
    target was read as the same question about the cameras (found here, so tuned on from then)."""
    _assert_gates(engine, "conversation_bank_11.jsonl", wrong=0, conversations=0.75)


def test_an_eighth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 15: 120 needs over all 70 measures (many for a named trade: a sento, a plumber, a daycare), 40 details
    (incl. how to join and whom to contact), 30 other matters, 10 of nonsense, 40 % English (on arrival: cited 0.933,
    first primary 0.858, details 0.850, out of scope 0.950)."""
    _assert_gates(
        engine, "needs_bank_8.jsonl", cited=0.95, first=0.91, asked_back=0.02, details=0.88, out_of_scope=0.95
    )


def test_a_second_bank_of_number_questions_quotes_the_target_asked(engine: Engine) -> None:
    """Session 16: 180 questions for one printed target each, every indicator asked at least once, in everyday
    words (many saying what is not meant: "sites, not participants"; years as 令和9年度, FY2027, "by 2031",
    「最終年度」, or none), 41 % English; 0.844 and no wrong target on arrival, 0.872 with "how often", hyphenated
    modifiers and a kind named among its measure's targets read (session 16); 0.906 with 件 labels for counts of
    times, keyword queries (「開催数 初年度」, 「令和13」), ruled-out counters and near-tied measures' labels read
    (session 17, tuned on this bank, so no longer a fresh figure)."""
    _assert_gates(engine, "number_bank_2.jsonl", wrong_number=0, printed=0.90)


def test_a_twelfth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 18: a writer who saw only the chapter wrote 60 conversations (pronoun follow-ups, 「ほかには？」,
    audience shifts, corrections, long stories then a short question, changes of subject, another target or year),
    40 % English. On arrival 0.800 and three wrong targets: a correction's ruled-out target quoted (「マッチングイベント
    の回数やなくて…」), "how many shops … sign up" read as how to apply, a counted phrase running past a dash. 0.867
    once those were fixed and a question of who may use what was just shown named it (tuned on from then). One wrong
    target is left: "How many seminars are planned for older workers?" after the job centre for graduates quotes the
    job centre's seminars (180回), not R60-SETAGAYA's (7回); the rules tried for it broke four other conversations."""
    # 0.867 where it was tuned; 0.850 (one conversation less) on CPUs with AVX-512 BF16, where e5's linear layers
    # run in bfloat16 (sessions 21 and 22).
    _assert_gates(engine, "conversation_bank_12.jsonl", wrong=0, conversations=0.87)


def test_a_held_out_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 18: 60 needs (half of them troubles told without a question: 「うちの工場、若い子が全然来てくれへん」),
    15 details, 45 other matters written to sound like business (a road permit, back pain, the ward's flower, the
    mayor), 10 of nonsense, 40 % English. On arrival: cited 1.000, first primary 0.817, details 0.933, out of scope
    0.836. Kept out of the scope classifier's training (`classifier_training.py`): out of scope 0.873 with it, no
    need lost; 0.891 once such questions are never asked back (「世田谷区の区の花って何でしたっけ？」, found here,
    so the bank is tuned on from then, though still out of the classifier's training)."""
    _assert_gates(
        engine, "scope_bank_12.jsonl", cited=0.98, first=0.80, asked_back=0.02, details=0.93, out_of_scope=0.89
    )


def test_a_ninth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 19: 80 needs over all 70 measures (dull ones too: statistics, farmland, procurement), 50 details (sums,
    deadlines, documents, languages, benefits claimed), 20 other matters, 40 % English; kept out of the scope
    classifier's training. On arrival: cited 0.938, first primary 0.975, details 0.880, out of scope 1.000; cited
    0.963 and details 0.940 once a network "we can sign up to" asks whether one exists, 「締め切ったあとに知る」 asks
    no deadline, subscribing is applying, a benefit that "comes with" a programme is claimed and the language a
    programme runs in is a detail (tuned on from then); details 0.960 once a page a programme is published on is a
    detail."""
    _assert_gates(
        engine, "needs_bank_9.jsonl", cited=0.97, first=0.95, asked_back=0.03, details=0.86, out_of_scope=0.91
    )


def test_a_thirteenth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 19: 60 conversations (one of the programmes just listed picked out, desk officers asking for a client,
    more told about the asker, a question asked again another way, changes of subject, a target asked without naming
    the programme), 40 % English. On arrival 0.917 and no wrong target (four targets asked with no year were labelled
    with R13, and a full answer names every year: those labels were corrected to no year). 0.983 once a client's
    question in the third person ("Can she still attend?") asks who may use it, 「相談者」 asks for no consultation,
    何時ごろ asks a time, and a detail of 「そのセミナー」, or of who may use it beside a fee, is asked of what was
    just shown (tuned on from then)."""
    _assert_gates(engine, "conversation_bank_13.jsonl", wrong=0, conversations=0.87)


def test_a_fourteenth_bank_of_conversations_answers_the_last_turn(engine: Engine) -> None:
    """Session 19: 60 conversations ("anything else?" for the same need, the audience narrowed, a detail of one of the
    programmes listed, small talk then a short question, a target after a detail, English with pronouns only), 40 %
    English. On arrival 0.850 and no wrong target; 0.917 once a commission ("take a cut") is a fee, 「お金かかるん？」
    asks one, "would they cover …?" claims a benefit, 「道路の使用許可」 is the police's and 「渋谷区にも…制度ある？」
    that ward's (tuned on from then)."""
    _assert_gates(engine, "conversation_bank_14.jsonl", wrong=0, conversations=0.87)


def test_a_tenth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 19: 90 needs asked in unusual ways (desk officers describing a client at length, slangy English with
    Japanese words, 1-4-word keyword queries, trades the chapter never names, two needs at once), 30 details and 20
    other matters in the same styles, 40 % English. On arrival: cited 0.900, first primary 0.889, details 0.767, out
    of scope 0.950. Cited 0.944 and details 0.933 once 週3日程度 asks no date (日程), 「ほしいんですよね」 states a
    wish, "how many months does it run" asks a date not a target, "find out after the deadline" asks none, CCTV is a
    security camera, "can I get … if I lease" asks who may, and "does it get me a discount?", a certification and
    「有利になるのか」 claim a benefit (tuned on from then). Session 61: asked back 0.033 (was under 0.03) once
    「しょうひしゃ そうだん」 reads as 「消費者 相談」, which is asked back as that typed in kanji already was (the kana
    had met the guide's own phrasings, which no longer keep a kanji word's reading); left, noted in BENCHMARKS.md."""
    _assert_gates(
        engine, "needs_bank_10.jsonl", cited=0.93, first=0.87, asked_back=0.07, details=0.88, out_of_scope=0.83
    )


def test_a_fifteenth_bank_of_conversations(engine: Engine) -> None:
    """Session 20: 60 conversations written from the chapter alone that move in less usual ways (a correction, a
    switch of language, only the year changed in casual words, a neighbouring need, a long story then a short
    question, a programme picked out by a word of its topic, chit-chat then a pronoun), 40 % English. On arrival
    0.883 with 3 wrong targets ("and for the very first year of the plan?", "and what's the end goal?" read as no
    year); 0.983 and none once those name the plan's years, a turn asking only another year keeps the target just
    given, "can I book it on a weekend?" asks a date and "what could we sign up for?" asks for a programme (tuned on
    from then)."""
    _assert_gates(engine, "conversation_bank_15.jsonl", wrong=0, conversations=0.87)


def test_an_eleventh_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 20: 85 needs told from the asker's situation (trades the chapter never names: a food truck, a home
    nail salon), 45 details the chapter does not print (who runs it, the language, how long until the money comes,
    conditions, claimed benefits) and 20 other matters, 42 % English. On arrival: cited 0.976, first primary 0.965,
    details 0.733, out of scope 0.950. Details 0.933 and cited 0.988 once who runs a programme is a detail, a
    language named among others, 「どこでやる」, 「…じゃないとダメ？」, the weekend, 加点 and 「区が出してくれるの？」
    read, and the asker's own deadlines ask none (tuned on from then)."""
    _assert_gates(
        engine, "needs_bank_11.jsonl", cited=0.97, first=0.95, asked_back=0.03, details=0.86, out_of_scope=0.9
    )


def test_a_sixteenth_and_seventeenth_bank_of_conversations(engine: Engine) -> None:
    """Session 22: 120 conversations written from the chapter alone (corrections, the year alone in casual words,
    one of two measures picked, a change of subject; desk staff speaking for a client, long stories, audience shifts,
    a switch of language), 40 % English. On arrival 0.933 and 0.883, each with one wrong target: "And by the final
    year of the plan?" quoted FY2024's again, and "How many contracts…?" the consultation desk's 700 consultations
    after a turn had drifted there from the harassment service. 0.967 and 0.917 with none once the plan's last year
    reads in those words, 「9年度は？」 names R9, and a word typed that only one label of a measure the conversation
    showed prints (契約件数) names that target (tuned on from then). Floors one conversation under: vectors differ
    in the last digits from one CPU to another."""
    _assert_gates(engine, "conversation_bank_16.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_17.jsonl", wrong=0, conversations=0.87)


def test_a_twelfth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 22: 90 needs told from the asker's situation, covering all 70 measures, 40 details the chapter does
    not print and 20 other matters, 40 % English. On arrival: cited 0.933, first primary 0.944, details 1.0, out of
    scope 0.95; cited 0.944 once "worth signing up for?" asks whether joining pays, not how (tuned on from then).
    Left: a need beside another office's word (ハローワーク, 社会保険の加入) is referred only, and the asker's own
    service (有料の一時預かり) reads as a detail asked. Floors one question under."""
    _assert_gates(
        engine, "needs_bank_12.jsonl", cited=0.94, first=0.9, asked_back=0.02, details=0.93, out_of_scope=0.88
    )


def test_an_eighteenth_and_nineteenth_bank_of_conversations(engine: Engine) -> None:
    """Session 23: 120 conversations written from the chapter alone (desk staff for a client, expat owners and
    employers of foreign staff; elderly owners, farmers, craftsmen, Kansai speech, English mixed in), 40 % English.
    On arrival 0.933 and 0.917, no wrong target. 0.983 and 0.983 once "the last year of the plan" is FY2031 and not
    last year, 「最終年度はなんぼ」 and 「最初の年はもっと多いん？」 ask targets, a lunch place or the weather after an
    in-scope turn is no follow-up, "that one" keeps the measure just shown, and 金利 is read as interest (tuned on
    from then). Floors one conversation under."""
    _assert_gates(engine, "conversation_bank_18.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_19.jsonl", wrong=0, conversations=0.87)


def test_a_thirteenth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 23: 90 needs (job seekers, students, NPOs, employers of foreign staff, parents going back to work,
    welfare facilities) covering all 70 measures, 40 details the chapter does not print and 20 other matters, 40 %
    English. On arrival: cited 0.922, first primary 0.956, details 0.95, out of scope 0.90. Cited 0.978, details and
    out of scope 1.0 once 「何人か雇ってる」 counts nothing asked, an English situation told before the question asks
    no detail, 労働条件 is no condition to apply, 「何回出たらもらえる」 is a condition, not a target, and rent arrears
    and a national subsidy named in English are other offices' (tuned on from then). Floors one question under."""
    _assert_gates(
        engine, "needs_bank_13.jsonl", cited=0.95, first=0.97, asked_back=0.03, details=0.95, out_of_scope=0.9
    )


def test_a_twentieth_bank_of_conversations_and_a_fourteenth_of_needs(engine: Engine) -> None:
    """Session 23, a second round: 60 conversations (founders in their first year, NPO staff, students, welfare
    facilities, IT freelancers, restaurant owners) and 150 questions (90 needs covering all 70 measures, 40 details,
    20 other matters; terse keyword queries and typos), 40 % English. On arrival: 0.933; cited 0.922, first primary
    0.878, details 0.90, out of scope 0.95. 0.967; cited 0.956, details 0.95, out of scope 1.0 once a grilled-meat
    place is small talk, "Should I sign up?" asks whether joining pays, 「じゃなくてもいいから」 states what the
    asker accepts, a certification wanted (施工管理の資格) is no condition asked, 「どこで一覧見れる」 asks for no list,
    a shopping street's 負担金 is a fee, and abandoned bicycles are the roads section's (tuned on from then). Floors
    one question under."""
    _assert_gates(engine, "conversation_bank_20.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_14.jsonl", cited=0.93, first=0.86, asked_back=0.05, details=0.95, out_of_scope=0.88
    )


def test_a_twenty_first_and_twenty_second_bank_of_conversations_and_a_fifteenth_of_needs(engine: Engine) -> None:
    """Session 24: 120 conversations (three earlier turns, pointing back two answers, a change of language; desk
    officers for a client, elderly owners, remarks between turns) and 150 questions (details asked indirectly, needs
    that sound like another office's), 40 % English. On arrival: 0.967 and 0.917; cited 0.944, first primary 0.911,
    details 0.875, out of scope 1.0. 1.0 and 0.983; cited 1.0, details 0.975 once 「最終年度はどこまで増やす」, "the
    final-year figure" and "what rate is the ward aiming for" ask targets, a claim quoted from a client and 加点 are
    premises, 「…もらえるやつ、ありましたよね」 and 「計画的に出してるって本当？」 check what the ward does, a pick-up
    or rain, "how long is the programme" and 「番号は？」 are details, "that new hub" points back for a detail, and
    romanized and clipped words (shotengai, アクセラ) and "digital currency" are read (tuned on from then). Floors one
    question under."""
    _assert_gates(engine, "conversation_bank_21.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_22.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_15.jsonl", cited=0.97, first=0.93, asked_back=0.03, details=0.9, out_of_scope=0.91
    )


def test_a_twenty_third_bank_of_conversations_and_a_sixteenth_of_needs(engine: Engine) -> None:
    """Session 24, a second round: 60 terse conversations (two to six words a turn, English and Japanese mixed,
    switching to another measure of the same topic) and 150 questions (1-4-word keyword queries, checks of what one
    heard, how a programme is run), 40 % English. On arrival: 0.817; cited 0.978, first primary 0.967, details 0.875,
    out of scope 0.95. 0.90; cited 0.989, details 0.975 once 「…は？何校？」 continues the last number question, a
    lunch spot is small talk, 「何年続けてもらえる？」 and Saturdays are dates, 「入りたい」 alone keeps the measure
    just shown, "if I attend, do I automatically get…" and 「ホント？」 are premises, which banks take part is who runs
    it, applying before buying is the procedure, and romanized words (tokutei, jinzai) are read (tuned on from
    then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_23.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_16.jsonl", cited=0.95, first=0.95, asked_back=0.03, details=0.95, out_of_scope=0.88
    )


def test_a_twenty_fourth_and_twenty_fifth_bank_of_conversations_and_a_seventeenth_and_eighteenth_of_needs(
    engine: Engine,
) -> None:
    """Session 25: 120 conversations (targets asked without the indicator's words, details right after a measure,
    chats that begin out of scope; desk officers working through several needs, going back two or three turns, a
    switch of language) and 300 questions (long stories with one need buried in them, wishes; 55 % English, what
    the ward plans, details asked indirectly, rumours), 40-55 % English. On arrival: 0.917 and 0.883; cited 0.933
    and 0.989, first primary 0.967 and 0.967, details 0.975 and 0.85, out of scope 1.0 and 1.0. 0.983 and 0.983;
    cited 0.967 and 1.0, details 1.0 and 0.975 once the plan's last year is read after ほんで or with どうなってんの,
    「いくらか持ってくれる」 is "some of it", booking and minutes are details, money spent in a story is no amount
    asked, claims heard on a condition and "if I send my managers…, do we get" are premises, "can we continue in
    English?" is agreed to, "on it" and 「それって」 point back for a detail, and consumer trouble (定期購入) is the
    consumer-safety measure's (tuned on from then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_24.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_25.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_17.jsonl", cited=0.93, first=0.95, asked_back=0.05, details=0.95, out_of_scope=0.9
    )
    _assert_gates(
        engine, "needs_bank_18.jsonl", cited=0.97, first=0.95, asked_back=0.03, details=0.95, out_of_scope=0.9
    )


def test_a_twenty_sixth_and_twenty_seventh_bank_of_conversations_and_a_nineteenth_of_needs(engine: Engine) -> None:
    """Session 25, a second round: 120 conversations (a measure named two or three turns back by a vague reference,
    a target right after a detail, corrections; programmes described by what happens there, narrowed to a kind of
    business or person) and 150 questions (desk officers with two or three facts about a client, places in the ward
    named in passing, half-remembered programme names). On arrival: 0.883 and 0.90 with **one wrong target** ("Got
    it. And by the final year of the plan?" re-quoted FY2027's); cited 0.956, first primary 0.922, details 0.90, out
    of scope 0.90. 0.967 and 0.983, no wrong target; cited 0.978, first 0.933, details 1.0, out of scope 0.95 once a
    plan year named anywhere in a turn overrides the year asked before, a ruled-out year is not asked, "which
    measure" asked with a condition is a measure question, 「最初のやつ」 is the first topic, and 区営住宅 is another
    office's (tuned on from then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_26.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_27.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_19.jsonl", cited=0.97, first=0.95, asked_back=0.03, details=0.95, out_of_scope=0.8
    )


def test_a_twenty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 25, a third round: 60 short conversations as on a phone (a vague first turn, thanks mixed into the last
    turn, a target of another year or a sibling indicator, whether the ward does something for a kind of person).
    On arrival: 0.967; 1.0 once a claim about the programme just shown (「その証明書があれば…半額」) keeps it beside
    another office's matter, and a thing the measure prints asked to be covered too (「防犯カメラも対象？」) is
    answered with it (tuned on from then). Floor one question under."""
    _assert_gates(engine, "conversation_bank_28.jsonl", wrong=0, conversations=0.87)


def test_a_twenty_ninth_and_thirtieth_bank_of_conversations_and_a_twentieth_of_needs(engine: Engine) -> None:
    """Session 26: 120 conversations (two or three needs, then one picked by its place or a loose description;
    corrections, thanks between turns, a target asked in everyday words; 60 % English in one bank) and 150 questions
    (details asked indirectly: who to call, a cutoff, how often one may use it; claims half-remembered; a third as
    one- to three-word keywords). On arrival: 0.95 and 0.917; cited 0.963, details 0.88, out of scope 1.0. 0.967 and
    1.0; cited 1.0, details 0.96 once how often the asker may use a programme, how recipients are chosen and what
    the ward pays the asker are read as terms (never as the ward's target), a thanks between turns is passed over,
    「後者」 is the later need, kana chains (じぎょうしょうけい) and long English slips (acclerator) are read as
    printed, a consultation asked beside a pension worry is the vision's, and exporting is JETRO's (tuned on from
    then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_29.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_30.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_20.jsonl", cited=0.97, first=0.97, asked_back=0.03, details=0.96, out_of_scope=0.9
    )


def test_a_thirty_first_bank_of_conversations(engine: Engine) -> None:
    """Session 26, a second round: 60 conversations whose last turn links back with no pronoun ("and for
    restaurants?"), targets described in plain words, plan years as 「計画の最終年」, chats that begin with another
    office's matter, a switch of language. On arrival: 0.933 with **one wrong target** ("What total is the ward aiming
    for in FY2024?" after the shopping-street cameras quoted another measure's participants, its English gloss
    printing "Total"). 1.0, no wrong target, once words for how a target counts name none, 「計画の最終年」 is FY2031,
    「それとは別に」 starts a new topic, and a need of the turn's own is answered after another office's matter (tuned
    on from then). Floor one question under."""
    _assert_gates(engine, "conversation_bank_31.jsonl", wrong=0, conversations=0.87)


def test_a_thirty_second_bank_of_conversations(engine: Engine) -> None:
    """Session 26, a third round: 60 conversations with remarks between a target and the next year asked ("22
    doesn't sound like much."), relatives named by what they run, counts the asker wonders about aloud. On arrival:
    0.933 with **one wrong target** ("What about FY2027?" after that remark quoted a mental-health count). 0.983, no
    wrong target, once a bare year or a brief follow-up after a remark on a target asks of that target (a correction
    still names what is asked next), 「何件くらい見込んでるんやろ」 claims nothing, and "who runs" asks only as a
    question (tuned on from then). Floor one question under."""
    _assert_gates(engine, "conversation_bank_32.jsonl", wrong=0, conversations=0.87)


def test_a_thirty_third_bank_of_conversations_and_a_twenty_first_of_needs(engine: Engine) -> None:
    """Session 27: 60 conversations (remarks and asides between turns, an aside out of scope before a target asked,
    「話かわるけど」, targets asked as "what does that go up to") and 150 questions (terms asked in other words: the
    share of interest the ward bears, used machinery, the share left to the asker; names typed without their dot).
    On arrival: 0.883 with **two wrong targets** ("What does that go up to by R9?" after the closest targets quoted
    the start-up consultations; "how many sessions a year in FY2027?" after an aside answered as out of scope quoted
    the seminar on hiring foreign residents); cited 0.95, first 0.95, details 0.86, out of scope 1.0. 0.95, no wrong
    target; cited 0.975, first 0.95, details 0.98, out of scope 1.0 once "up" names no label, a target or detail asked
    after an out-of-scope aside is of the measure before it, 「さいごの年」 is FY2031, 何校 counts schools, a private
    matter after a programme is out of scope when the scope classifier reads it so, the terms above are details,
    改修 reads as 施設整備 and セラサービス as セラ・サービス (tuned on from then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_33.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_21.jsonl", cited=0.97, first=0.97, asked_back=0.03, details=0.96, out_of_scope=0.9
    )


def test_a_thirty_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 27, a second round: 60 conversations of three or four turns whose last turn depends on one two or three
    back, minds changed, English with Japanese words (hojokin, shōtengai, gaikokujin). On arrival: 0.883 with **one
    wrong target**; 0.933 once romanized words with macrons reach the glossary, 何パー and 何わり are rates (tuned on
    from then). The wrong target stays, counted here: "My family has a field … the fureai nōen thing where residents
    rent little plots." is read as out of scope, the remark after it drifts to the employment centre, and "what's
    the target for participants in the final year?" quotes that centre's event participants (40) instead of the
    farm's (35,000). The gate holds that count, and must be lowered to 0 when it is fixed. 0.95 in session 29
    (the farms' count asked after ふれあい農園 was named: a label quoted by its own words anchors it); the floor
    rose to one question under."""
    _assert_gates(engine, "conversation_bank_34.jsonl", wrong=0, conversations=0.87)


def test_a_thirty_fifth_and_sixth_bank_of_conversations_and_a_twenty_second_of_needs(engine: Engine) -> None:
    """Session 28: 60 conversations (hearsay, corrections, a remark acknowledging the answer before a target), 60 more
    whose first turn often tells a story and asks nothing (desk officers working through one client, English with
    romanized words), and 150 questions (keyword queries, long stories, kana for kanji, Kansai speech). On arrival:
    0.933 with **one wrong target** (「なんかしょ」 read as no unit, a count of people quoted) and 0.917 with **two**
    (「あーメルマガか…」 drifted to the ward's general newsletter; 「…気がするんですよね」 read as a claim, then
    「目標件数との比較」 found the one label printing 比較); cited 0.912, first 0.85, details 0.90, out of scope 0.95.
    0.933 and 0.95, no wrong target; cited 0.925, first 0.85, details 0.90, out of scope 1.0 once kana counters read as
    kanji, an impression is no claim, an acknowledgement is passed over, 比較 follows a target up and thanks alone get a
    welcome (tuned on from then). Floors one question under."""
    # Raised in session 29 (0.95, 0.967; cited 0.938, first 0.863), one question under.
    _assert_gates(engine, "conversation_bank_35.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_36.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_22.jsonl", cited=0.87, first=0.85, asked_back=0.08, details=0.88, out_of_scope=0.9
    )


def test_a_thirty_seventh_bank_of_conversations_and_a_twenty_third_of_needs(engine: Engine) -> None:
    """Session 28, a second round: 60 conversations whose middle turns react to the answer ("oh so it's a newsletter
    thing"), tell of the asker's business or correct the topic, with counters in kana and years as "FY27"; 150
    questions, most telling the situation first. On arrival: 0.933, no wrong target (a market stall's "crowd wasn't
    really our target" read as a number question; "FY27" not read as a year); cited 0.989, first 0.989, details
    0.975, out of scope 1.0. 0.967 once "our target" is the asker's market and a two-digit FY a plan year (and
    needs_bank_22's co-pay question a detail: details 0.92). Floors one question under."""
    _assert_gates(engine, "conversation_bank_37.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_23.jsonl", cited=0.97, first=0.97, asked_back=0.03, details=0.94, out_of_scope=0.88
    )


def test_a_thirty_eighth_and_ninth_bank_of_conversations_and_a_twenty_fourth_of_needs(engine: Engine) -> None:
    """Session 29: 60 conversations whose last turn leans on the earlier ones (a year changed, the other target of a
    measure, a correction, a return to the first topic, an audience narrowed), 60 written as messy widget logs
    (fragments, voice typing, very polite elderly speech, hearsay to confirm), and 150 questions (45 % English from
    owners of many backgrounds, kana keyword queries, benefits assumed to be confirmed, other offices' matters near
    the vision's). On arrival: 0.867 and 0.867, no wrong target; cited 0.938, first 0.938, details 0.78, out of scope
    0.80. 0.967 and 0.933; cited 0.95, first 0.95, details 0.92, out of scope 1.0 once yes-tags, 「ってことでええの」
    and hearsay are claims, 「それほんま？」 tests the claim before it, どんくらい/いかほど/なんぼ of a target ask a
    count, 「で、」 carries the topic on, a label quoted by its own words anchors it, a ruled-out count leaves out its
    unit, a kind of business left out leaves its measures out, and lawyers, banks' own loans and national subsidies
    by name are referred (tuned on from then). Floors one question under."""
    _assert_gates(engine, "conversation_bank_38.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_39.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_24.jsonl", cited=0.87, first=0.87, asked_back=0.08, details=0.92, out_of_scope=0.9
    )


def test_a_fortieth_bank_of_conversations(engine: Engine) -> None:
    """Session 29, a second round: 60 short conversations (one or two earlier turns) whose last turn switches kind or
    topic: a target after a detail, a new need after a target, a detail of another programme, a target of a
    programme only implied, out of scope after in scope. On arrival (session 29's final code): 0.95, no wrong
    target. Left: "ok, and is there anything for my staff's mental health?" after a count is read as the same count
    asked of another thing; "Which companies are registered? Can you give me a list of names?" gets a list of
    measures; "How do I sign up my shop as a supporter?" after the ethical-consumption supporters names the Pay
    measure. Floor one question under."""
    _assert_gates(engine, "conversation_bank_40.jsonl", wrong=0, conversations=0.87)


def test_a_forty_first_and_second_bank_of_conversations_and_a_twenty_fifth_of_needs(engine: Engine) -> None:
    """Session 30: 60 short conversations in the style of the question set (one or two earlier turns, a need or a
    target asked of them), 60 more, 60 % English, whose first turn tells a situation and whose last reacts to it, and
    150 questions covering every measure, the less obvious ones as often as the obvious, mostly situations one step
    from the measure. On arrival: 0.90 and 0.95, no wrong target; cited 0.94, first 0.89, asked back 0.03, details
    0.967, out of scope 0.90. 0.933 and 0.967; cited 0.95, details 1.0, out of scope 0.95 once a claim followed by
    the plan's count asks the count, "as of" names no label, 「、」 leaves no dangling particle in a detail's subject,
    "up to date" asks no date, private payment apps' fees are referred to their provider, and a turn naming only a
    form of support continues the topic (tuned on from then). Left: 「しごと探してます。三茶のあたりで相談…」 and an
    industry association's events are asked back; "in three years" and 「いま」 read from today, not from the plan's
    first year; an eligibility asked of a new topic in a conversation is "not stated" for the measure shown first;
    "and if nobody wants it, what then?" after a succession answer does not reach closing a business. Floors one
    question under."""
    _assert_gates(engine, "conversation_bank_41.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_42.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "needs_bank_25.jsonl", cited=0.94, first=0.9, asked_back=0.04, details=0.93, out_of_scope=0.9)


def test_a_forty_third_and_fourth_bank_of_conversations_and_a_twenty_sixth_of_needs(engine: Engine) -> None:
    """Session 31: 59 conversations, a third of them three turns long, half ending in a target; 59 more, 60 % English,
    whose first turn tells a situation at length and whose last leans on it ("any workshops on that for
    employers?"); 150 questions covering every measure, some a desk officer's for a client. (Each conversation bank
    had one more, asking 「今年度」's target expecting FY2024's: the brief said so, but asked in FY2026 it is R8, which
    has no target, and shien says that.) On arrival: 0.966 and 0.864, no wrong target; cited 0.97, details 0.967,
    out of scope 1.0. 0.983 and 0.915, cited 0.99 once "the plan's last year" is FY2031, "how many of those farm
    sites" counts sites, businesses funded fit a target in 事業, a word only one shown label prints names it, a turn
    referring to the topic (「そういう人」, "doing that") keeps it, a client quoted is no instruction and one's own
    procedure to talk over is a need (tuned on from then). Left: a visa worry told without asking gets no foreign-staff
    measure; staff health at a factory leads with the factory measures; a long ask naming three needs is asked back;
    "official recognition" for an eco café misses the ethical-consumption supporters. Floors one question under."""
    _assert_gates(engine, "conversation_bank_43.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_44.jsonl", wrong=0, conversations=0.75)
    _assert_gates(
        engine, "needs_bank_26.jsonl", cited=0.98, first=0.96, asked_back=0.02, details=0.86, out_of_scope=0.9
    )


def test_a_forty_fifth_and_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 31, a second round: 60 conversations, half of them three turns long (a reaction, an aside or a detail
    between the topic and the last turn), half ending in a target; 60 more whose last turn moves (to another group, a
    related need, back two turns, or a target of a measure only implied). On arrival: 0.933 and 0.967, each with one
    wrong target ("How many of those sessions…?" after an answer led by the business desk, the foreign-staff measure
    fourth; 「その講座」 after two measures holding lectures). 0.967 and 1.0, none wrong, once staff named by
    nationality are foreign staff, a consultation asked beside a pension matter is the ward's, and a target that stands
    out comes with the same count of another measure shown (tuned on from then). Left: "How many times do they plan to
    send those advisors out?" after an answer about shopping-street experts shows the closest targets; lectures for
    parents after the children's ethical-consumption leaflets lead with the entrepreneurship classes. Floors one
    question under."""
    _assert_gates(engine, "conversation_bank_45.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_46.jsonl", wrong=0, conversations=0.87)


def test_a_forty_seventh_and_eighth_bank_of_conversations_and_a_twenty_seventh_of_needs(engine: Engine) -> None:
    """Session 32: 60 conversations whose first turn rambles over two or three worries and whose last picks one back
    up, a third three turns long; 60 more, 60 % English, narrowing to a group, asking what else there is, a desk
    officer over several turns; 150 questions told indirectly (what happened, not what is wanted), naming the wrong
    office or programme, or a few keywords. On arrival: 0.90 with 2 wrong targets and 0.933 with 1; cited 0.93,
    details 0.967, out of scope 1.0. 0.917 and 0.983; cited 0.98, first 0.93, details 1.0 once a desk officer's
    self-introduction is left out of the search, "Is the ward doing anything about…?" asks for measures beside another
    office's matter, a katakana purpose inside a longer word (ハローワーク) names none, LGBT staff are diversity
    management, "old" is 高齢者 only of people, how long something takes is a detail, and the year asked before carries
    to another target (tuned on from then). Left: two wrong targets among the five farm counts of one measure ("the
    plots residents rent for their own veggies — how many sites?", "the farmer-taught course plots — how many?" both
    quote 野菜作り講習会実施園数, 1 園); "the desk problem I mentioned" (a coworking space), 「最初に書いたやつ」 within
    one long turn, "anything else besides that subsidy…" repeats it; a false 「区の奨学金免除制度」 gets "not so" with
    the real measure. Floors one question under; the two wrong targets are the ceiling."""
    # Session 33: "the plots residents rent for their own veggies — how many sites?" gets ふれあい農園開園数 (the count
    # naming the programme the answer led with); one wrong target left, 0.933.
    _assert_gates(engine, "conversation_bank_47.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_48.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_27.jsonl", cited=0.98, first=0.94, asked_back=0.02, details=0.93, out_of_scope=0.9
    )


def test_a_forty_ninth_and_fiftieth_bank_of_conversations(engine: Engine) -> None:
    """Session 32, a second round: 60 plain two-turn chats in the question set's style, half ending in a target; 60
    more, 55 % English, whose first turns tell a concrete business at length (with an aside between, at times) and
    whose last asks in words that only make sense with it. On arrival (the code after the first round's changes):
    0.933, none wrong, and 0.883 with 2 wrong targets. 0.95 and 0.917 once "somebody at the ward I can talk with"
    asks for the consultation, people getting a subsidy are counted by the grants made, and 「その補助って…採択される
    見込み？」 after a guessed remark asks of the subsidy before it. Left: one wrong target, "that equipment grant"
    after an answer led by the factory-premises grant quotes its "grants made" (1 project), not the equipment
    subsidy's 20 (naming the shown measure by a word of its name was tried: 15 new wrong targets, reverted); a kana
    せみなー, 「まずは体験会から」 for farm-welfare work. Floors one question under; the wrong target is the ceiling."""
    _assert_gates(engine, "conversation_bank_49.jsonl", wrong=0, conversations=0.87)
    # Session 33: "that equipment grant" favours the shown measure whose name prints 設備; none wrong, 0.933.
    _assert_gates(engine, "conversation_bank_50.jsonl", wrong=0, conversations=0.75)


def test_a_fifty_first_and_second_bank_of_conversations(engine: Engine) -> None:
    """Session 33: 60 conversations of the classic follow-ups ("what else?", another audience, a third turn asking
    another year or count of the target just given); 60 more with short casual or Kansai-ish last turns, a desk officer
    relaying a client, a complete change of topic, or a turn back to the first of two. On arrival: 0.867 with one wrong
    target, and 0.933. 0.95 and 0.967 once a shown measure named by a word of its name leads the targets, a place to
    ask beside another office's matter asks for the ward's consultation, a turn after a question asked back is read
    with it, "the very end of the plan" is R13, the same count of another programme named by its words is that
    programme's, a longer "what else" asks for measures not yet shown, and "what if we're a …?" narrows (tuned on from
    then). Left: one wrong target, "and the regular business newsletter with subsidy and seminar info — how many
    issues?" after the fair-trading newsletter's count repeats that count (6 回; the labels' vectors are alike, and
    the words telling them apart are common ones); 「うちみたいな店でもつかえる？」 of せたがやPay gets "conditions not
    stated"; a purpose clause (「助成金の申請書に書きたくて」) reads as an application question. Floors one question
    under; the wrong target is the ceiling."""
    _assert_gates(engine, "conversation_bank_51.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_52.jsonl", wrong=0, conversations=0.87)


def test_a_fifty_third_and_fourth_bank_of_conversations_and_a_twenty_eighth_of_needs(engine: Engine) -> None:
    """Session 33, a second round: 60 conversations, 70 % English, a third opening with a target asked outright, last
    turns naming a neighbourhood, a trade or a size, or in the other language; 60 more in which the user corrects
    or clarifies, or pushes back on an answer that did not fit; 150 questions from people who rarely use business
    words (elderly owners, students, parents, volunteers), two needs in one message, romaji and kana keywords. On
    arrival: 0.883 with one wrong target (shopping-street adviser visits after "not covered" quoted the desk's
    consultations) and 0.95; cited 0.89, details 0.867, out of scope 0.95. 0.95 and 0.95 once a need told at length
    after a target is a question of its own, "tell me in English" asks no programme's languages, and the desk shown
    after "not covered" is no context of the next target (tuned on from then). Left: "does it keep growing after that?
    what's the number for the last year of the plan?" is no number question (reading "the number" with a plan year as
    a target was tried: a wrong target, reverted); many needs asked with a condition (「年寄りでもできる？」, "run by
    the ward?") get "not stated" with the right measure. Floors one question under. Session 37: the mental-health
    sessions after the harassment contracts are answered (0.967), once a follow-up naming a programme of its own is
    ranked by its own words."""
    _assert_gates(engine, "conversation_bank_53.jsonl", wrong=0, conversations=0.62)
    _assert_gates(engine, "conversation_bank_54.jsonl", wrong=0, conversations=0.87)
    _assert_gates(
        engine, "needs_bank_28.jsonl", cited=0.88, first=0.92, asked_back=0.04, details=0.86, out_of_scope=0.8
    )


def test_a_fifty_fifth_to_seventh_bank_of_conversations(engine: Engine) -> None:
    """Session 34: 60 conversations of the commonest kinds (whether help exists, then a target, another year, another
    group, or a third turn back to the first); 60 opening with a long rambling situation or a desk officer relaying
    a case, ending short or guessing the counter word (「何べん」, "how many places?"); 60 asking for more or other
    help, narrowing to a trade or group, or asking "the target for that?" with no name. On arrival: 0.95 with one
    wrong target, 0.883 with one, and 0.933. 0.967, 0.933 and 0.95 with none once the year chosen of two is asked,
    「何べん」 counts times, "what share of users" asks a target, a new need named in a follow-up leads, "is there
    anything for…?" after a target asks for support, and farmland, stress and 年寄り have glossary readings (tuned on
    from then). Left: the turnout of the short-staffed-industry events after the plain events shows the closest;
    「返さなくていいお金」 (a grant) is read as the scholarship repayment; a Kansai story of doorstep scams then
    「そういうの気ぃつける講座」 is read as out of scope; the invoice questions are left to the tax office. Floors one
    question under."""
    _assert_gates(engine, "conversation_bank_55.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_56.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_57.jsonl", wrong=0, conversations=0.87)


def test_a_fifty_eighth_to_sixty_second_bank_of_conversations(engine: Engine) -> None:
    """Sessions 34 and 35: 60 conversations of number follow-ups over measures with several targets (another target,
    another year, a remark between); 60 naming a new need, another group or a changed situation, 8 of them ending
    out of scope; 60 of three turns going back to the first topic past a digression, some switching language; 60
    with very short last turns (「13年度は？」, "how many people?"); 60 naming two programmes and picking one by a
    description (「マッチングの方」, "the other one"). On arrival: 0.867 with four wrong targets, 0.883, 0.867 with two,
    0.9 with one, 0.8 with three. 0.9 with one, 0.883, 0.967, 0.917 with two and 0.833 with three once a thing ruled
    out in everyday words is ruled out as the labels print it, a target no shown label names after the closest is no
    answer, going back is read in more words (「最初に聞いた機械の補助な、」, "Going back to the grant") with the desk
    kept when it led the answer gone back to, 「27年度」 is 2027年度, 「Xのほう、」 picks one of the things just talked
    about, and 「年金生活の」 says who asks (tuned on from then). Left: of two programmes named, one picked by a word of
    its description or by its place (「マッチングの方」「後の方の配信」) is not found (a tier of label and description
    words was tried: it fixed none, reverted); "target for the plan's final year?" after the accelerator answer quotes
    the start-up consultations (the turn's own words name no target); after seniors' job courses 「令和6年度は何回？」
    quotes the employment centre's seminars. Floors one question under; the wrong targets are the ceilings. Bank 62
    has two wrong targets since session 39 (c72-043's target is shown among the closest once the question is searched
    as typed); one of them is in the half gated since session 44, and its ceiling is one."""
    _assert_gates(engine, "conversation_bank_58.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_59.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_60.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_61.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_62.jsonl", wrong=0, conversations=0.87)


def test_a_sixty_third_to_sixty_fifth_bank_of_conversations(engine: Engine) -> None:
    """Session 36: 60 ordinary conversations (a vague situation, then a reaction to the answer); 60 number follow-ups
    that refer back loosely ("how many of those by the plan's final year?", a target named by its unit only); 60 with
    very short colloquial last turns after long rambling first ones. On arrival: 0.917 with one wrong target, 0.95
    with one, 0.867. 0.933 with one, 0.967 and 0.917 once "every year" in a story asks no target, days open in a plan
    year are a target, 「話戻るけど」 goes back, "who can I ask?" after measures answered a worry that named a pension
    is asked of them, and a noun only one measure prints (a sticker) leads a follow-up (tuned on from then); none
    wrong once 「想定」 reads as a target word like 「見込み」 (「どれくらい採択される想定」 of the social-business
    grant had quoted the せせせ events shown beside it; it now gets the closest targets). Left: 「その紹介件数」 of the
    loan referrals reads as the office introductions' label, and "how many shops in FY2024?" of the ethical
    supporters names no label (the closest targets, no answer); 「そういうの学べる場」 after staff health finds the
    open learning space. 0.933 for the short last turns once a turn broad on its own words after measures goes on
    with the conversation's need ("where can we meet people?"), 0.95 once hiring foreign staff beside a visa question
    gets the seminars on employing foreign residents. Floors one question under; the wrong targets are the
    ceilings."""
    _assert_gates(engine, "conversation_bank_63.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_64.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_65.jsonl", wrong=0, conversations=0.87)


def test_a_sixty_sixth_and_sixty_seventh_bank_of_conversations(engine: Engine) -> None:
    """Session 36, second round: 60 plain two-turn conversations ("それ2027年度は年何回やるつもり？", "what if I'm a
    freelancer?"); 60 of three turns whose second narrows or questions the first, then a target or a related need.
    On arrival: 0.95 and 0.917, one wrong target each (「何店くらい集める予定」 quoted the ethical events' count;
    "those sessions" after the job centre's workshops quoted the foreign-staff seminars). 0.983 and 0.967, none
    wrong, once 「何店」 counts shops, 「どの事業が使えますか」 asks which programme, "before I apply for anything,
    …" asks what follows it, a noun ending a phrase after a demonstrative points back ("those sessions"), and hiring
    foreign staff beside a visa question gets the seminars on employing foreign residents (tuned on from then).
    Left: "any seminars for employers?" after hiring Vietnamese staff leads with the job centre; 「大人向けの講座」
    after the children's flyer repeats the flyer; "what I really need is an online shop" after Setagaya Pay stays
    with the payment app. Floors one question under; the wrong targets are the ceilings."""
    _assert_gates(engine, "conversation_bank_66.jsonl", wrong=0, conversations=0.87)
    # Bank 67: 0.983 from session 38.
    _assert_gates(engine, "conversation_bank_67.jsonl", wrong=0, conversations=0.87)


def test_a_sixty_eighth_to_seventieth_bank_of_conversations(engine: Engine) -> None:
    """Session 37: 60 conversations whose first turn is a search-box query or a terse question (「創業 補助金」,
    "farm plots for residents?") and whose last is a common short follow-up (「その目標値は？」, "and for shop
    owners?"); 60 whose first turn says where the asker is or what their trade is (Kyodo, a tofu shop); 60 asking
    another indicator of a measure with several, or the same help for another group. On arrival: 0.917, 0.883, and
    0.917 with one wrong target. 0.933, 0.917, 0.967 once a neighbourhood no longer reads as out of scope ("my tofu
    shop in Kyodo"), "too late" in a story asks no deadline, a count a plan schedules for a year or of days open a
    year is a target, R60 is the seniors' programme and no year, and being deceived (騙される) is a consumer matter.
    Session 38: 0.933, 0.933 and 1.0, the wrong target gone, once a pronoun points at the lead measure (「そこって
    2031年度はイベント何回？」 after the trial-sales space had quoted the ethical events shown below it). Left: "a
    bakery near Sangenjaya station" leads with the Sangenjaya job centre; 「若手を育てる経費の補助、ありましたよね？」
    is read as a claim the vision does not make. Floors one question under."""
    _assert_gates(engine, "conversation_bank_68.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_69.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_70.jsonl", wrong=0, conversations=0.87)


def test_a_seventy_first_to_seventy_third_bank_of_conversations(engine: Engine) -> None:
    """Session 38: 60 conversations whose short last turn asks for another kind of help than the first ("and if I
    swap the old freezer…, anything for that?"); 60 asking another indicator of a measure just shown, or pointing back
    (「そこって…何回？」); 60 whose first turn is a long story and whose last is short, switches language or corrects
    the one before ("not the events, the working group"). On arrival: 0.967, 0.983, and 0.90 with one wrong target.
    0.983 each once a pronoun points at the lead measure, a correction rules out a word many labels print and
    「ちゃうくて」 rules out, なん before a counter asks a count, a turn naming a new need then "that" asks for it, and
    a turn saying the last answer missed (「あ、ちがう、起業家精神のプログラムの数のほう」, the wrong target: the
    start-up consultations shown) looks beyond the measures it showed. Floors one question under."""
    _assert_gates(engine, "conversation_bank_71.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_72.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_73.jsonl", wrong=0, conversations=0.87)


def test_a_seventy_fourth_to_seventy_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 40: 60 conversations whose last turn asks for help with a second need of the same asker ("ok and what
    about finding staff for it?"); 60 asking a target in words that describe what is counted ("what headcount are
    they hoping for in 2031?"); 60 from owners who write as they speak (dialect, typos, learners' English). On
    arrival: 0.967, 0.967, and 0.933 with one wrong target ("how many company they want to support" quoted the
    start-up consultations' count). 0.967, 0.983 and 0.983 with none, once days open are counted (「年間何日」,
    "how many days … in 2031?"), "by end of the plan" is FY2031 and "how many company" counts companies, "that kind
    of" points back, and a ward programme heard of beside a visa worry is answered. Floors one question under."""
    _assert_gates(engine, "conversation_bank_74.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_75.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_76.jsonl", wrong=0, conversations=0.87)


def test_a_seventy_seventh_and_seventy_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 40: 60 three-turn conversations of a desk officer working through a client's case; 60 whose last turn
    refers back indirectly ("that kind of thing") or asks the same for another trade. On arrival: 0.983 and 0.983.
    1.0 each once the staff-retention seminars for every company lead for a cleaner's, not the building trade's, and
    "does the ward run anything to help employers like me get that right?" goes on with the case past the visa
    office. Floors one question under."""
    _assert_gates(engine, "conversation_bank_77.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_78.jsonl", wrong=0, conversations=0.87)


def test_a_seventy_ninth_to_eighty_first_bank_of_conversations(engine: Engine) -> None:
    """Session 40's last three banks (desk speech in Japanese; native English with asides; two needs told, then one
    picked), gated in session 41 once three of their four wrong targets were gone: a count the turn names by its own
    words that no target shown prints is looked for among all ("people through those farm sessions", 「ためし売りの
    場の方…イベント開催数」, "those mailouts"). Bank 79 keeps one (c89-055: "how many of those … installed across
    shopping streets" after standpipes quotes the streets supported), outside the half gated since session 44.
    Floors one question under."""
    _assert_gates(engine, "conversation_bank_79.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_80.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_81.jsonl", wrong=0, conversations=0.87)


def test_an_eighty_second_to_eighty_fifth_bank_of_conversations(engine: Engine) -> None:
    """Session 41: 60 three-turn conversations whose middle turn drifts and whose last goes back; 60 number
    follow-ups naming the thing counted in everyday words; 60 measure follow-ups narrowing or shifting the need; 60
    desk cases with corrections, year switches and nicknames. On arrival: 0.933, 0.933 with two wrong targets, 0.900
    and 0.950 with one. 0.967, 0.950, 0.917 and 0.983 with none, once workshops that get money count grants, "those
    emails" singles out no newsletter, two newsletter counts shown are both the answer, a word after 「的に」 is read
    from kana, "They also want…" carries the case on, and 「ぜんぶで…何台」 is a total. Floors one question under."""
    _assert_gates(engine, "conversation_bank_82.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_83.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_84.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_85.jsonl", wrong=0, conversations=0.87)


def test_an_eighty_sixth_to_eighty_ninth_bank_of_conversations(engine: Engine) -> None:
    """Session 42: 60 conversations that switch to a separate need; 60 short casual follow-ups; 60 long rambling
    turns from owners telling their story; 60 corrections ("no wait, I meant…", 「ちゃうちゃう」). On arrival: 0.933,
    0.867, 0.917 with three wrong targets and 0.983 with one. Now 0.933, 0.967, 0.983 and 1.0 with none, once a final
    year asked in Kansai speech, 「なんぼ」 and 「なんだんたい」 of a count, headcounts, "not the X ones", the turn's
    own best measure, 載せる as 掲載, a "not stated" answer leaving another office behind, a programme the turn
    names that no measure shown is, and the lead's own farms are read. Floors one question under."""
    _assert_gates(engine, "conversation_bank_86.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_87.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_88.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_89.jsonl", wrong=0, conversations=0.87)


def test_a_ninetieth_to_ninety_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 43: 60 everyday conversations of all twelve personas; 60 three-turn switches to a sibling target or
    back to the first turn; 60 measure follow-ups asking another form of help; 60 follow-ups pointing back with a
    pronoun; 60 desk officers' client cases; 60 situations told before any question, in named neighbourhoods; 60
    casual English chats. On arrival: 0.967, 0.917, 0.917, 0.967 with two wrong targets, 0.983, 0.983 and 0.950.
    Now 0.983, 1.0, 0.950, 0.967 with one wrong target, 0.983, 1.0 and 0.967, once 載る reads as 掲載 and a first
    question's rare label word counts in the counter asked, 「同じ年度」 going back keeps the year asked last, support
    asked for the same year is a count, 「…もやるの？」 asks for the measure, "shops that sign up" asks no procedure, a
    reading counting something else leaves the turn's own target, meetups count in 回, more sales is the sales-channel
    purpose, a web shop beside exporting is covered, "fixing it up" points back and "a loan at a lower interest rate"
    is the loan. Floors one question under; the wrong target left (c103-001: "those" after an answer that led with
    the wrong measure) is the one allowed."""
    _assert_gates(engine, "conversation_bank_90.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_91.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_92.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_93.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_94.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_95.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_96.jsonl", wrong=0, conversations=0.87)


def test_a_ninety_seventh_to_hundred_and_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 44: helpers who saw the chapter, the measure list and the question set's dev conversations (to write
    in the manner of the person whose test conversations are still short of their floor) wrote eight banks of 60:
    four centred on a quarter of the measure list each, then measure follow-ups asking the same asker's next need,
    number follow-ups asking a target indirectly, elderly, Kansai and desk speech, and English owners. On arrival:
    0.917 with one wrong target, 0.95, 0.933 with one, 0.883 with three (the first four, on the session's starting
    code); 0.917, 0.967 with one, 0.967 with one, 0.917 (the next four, after the first round's changes). Now 0.933,
    0.967, 0.95, 0.917, 0.933, 0.967, 0.967 and 0.95, with one wrong target in banks 97, 99, 100, 102 and 103 each,
    once a how-many of things held counts in 回, 「何社くらいが対象になる見込み？」 with a plan year asks a
    target, 後押し asks for support, 思う names nothing, hearing about new subsidies is the newsletter, "new" names
    no label shown before, a place "where residents sign up" asks no procedure, "a mailing list he can sign up for"
    asks whether there is one, and a follow-up asking money or a shop the lead does not offer is led by the
    conversation's measure offering it. Left: a count asked by a pronoun of what the answer led with, when other
    shown measures print the turn's words (「それ、令和13年度は何件くらい紹介する目標なん？」 after the loan
    referrals: reading the lead's only count was tried, 26 more wrong targets, dropped); "farms like that" after an
    answer led by the Fureai Farm programme; two newsletter counts near-tied after 脱炭素. Floors one question
    under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_97.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_98.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_99.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_100.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_101.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_102.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_103.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_104.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_fifth_to_hundred_and_twelfth_bank_of_conversations(engine: Engine) -> None:
    """Session 45: helpers who saw the chapter, the measure list and the dev conversations wrote eight more banks of
    60 in that manner: basic policies 1–2 and 3–4 with the last turn switching need or form of help (105, 106), short
    follow-ups by less common personas (107, 108), plain and clumsy English with long stories (109, 110), and desk
    officers asking a number indirectly or the neighbouring need (111, 112). On arrival (the session's starting code):
    0.983 with one wrong target, 0.95, 0.85 with one, 0.867 with five, 0.983, 0.917, 0.883 and 0.983. Now 1.0, 0.967,
    0.917, 0.917 with four wrong targets, 0.983, 0.933, 0.917 and 0.983, once a money follow-up is led by the measure
    named for the last answer's subject and a loan by the loans, a count a plan expects is a target, a word of the
    conversation tells nearly tied targets apart, a count of a suffix (相談会) is of the measures shown, a turn whose
    words the lead prints asks more of it, and a pronoun after turns naming a label asks that target. Left: bank 108's
    wrong targets (a count 「区が用意するそういう場所」 read as the office referrals' over the coworking spaces'
    provision; "farms like that" after the Fureai Farm programme; 「それ」 after the ethical event led, read as the
    せせせ project's events; a student's construction meet-ups read as the builders' exchange meetings). Floors one
    question under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_105.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_106.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_107.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_108.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_109.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_110.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_111.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_112.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_thirteenth_to_hundred_and_twentieth_bank_of_conversations(engine: Engine) -> None:
    """Sessions 46–47: helpers who saw the chapter, the measure list and the dev conversations wrote eight more banks
    of 60: a demonstrative pointing at a side detail (113), very short English follow-ups by less common personas
    (114), Kansai speakers switching the form of help (115), desk officers asking numbers indirectly (116),
    narrowing, re-targeting and corrections (117), two earlier turns with the second switching topic (118), long
    rambling stories and a short pick (119), and elderly polite Japanese and non-native English on rare measures
    (120). On arrival: 0.933, 0.90 with three wrong targets, 0.967, 0.933 with one, 0.933 with one, 0.95 with one,
    0.95 with one and 0.967 with one. Now 0.967, 0.90 with three, 0.983, 0.95, 0.95 with one, 0.967, 0.967 and
    0.983, once a turn to another thing (のほう, "what about") after a target asks another target, "X like that"
    names no target, 「うちの店も参加できますか」 asks of what was shown, a shortage of staff told is a hiring need, a
    programme that pays (「お金出るやつ」) asks no amount, the lead's count is the one pointed back at among two tied,
    a landlord in passing is no legal dispute, 「建設じゃなくて普通の会社向け」 leaves construction out, a need told in
    a story beside another office's matter is answered, and praise of the chat asks nothing. Floors one question
    under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_113.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_114.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_115.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_116.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_117.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_118.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_119.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_120.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_twenty_first_to_hundred_and_twenty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 47: eight more banks in that manner: shop owners in trouble asking by paraphrase and pronoun (121),
    desk staff introducing policies 3–4's less famous measures (122), years said in many ways (123), an aside then
    back to the first topic (124), very short last turns (125), long rambling first turns (126), less common users
    and every measure (127), and corrections and narrowing (128). On arrival: 0.967 with one wrong target, 0.883,
    0.733 with one, 0.90 with two, 0.85 with one, 0.90, 0.983 and 0.833. Now 0.967 with one, 0.917, 0.767, 0.917
    with one, 0.85 with one, 0.95, 0.983 and 0.833, once years counted on from a year named (「令和6年度の3年後」) and
    the plan's middle year are read, praise of the chat is a courtesy, and a turn that only asks what to introduce
    is searched as the conversation. Their brief called a year the vision prints no target for (R7, 「－」) a detail
    "not stated"; the question set calls it a number question answered with the years printed, as shien answers it,
    so about twenty of those (most of bank 123's misses) stay misses by design. Left: a count asked in a unit the
    lead's label does not use (「何回来てもらえる」 of 派遣数, in 件); a correction "not a loan, I meant a grant".
    Floors one question under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_121.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_122.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_123.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_124.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_125.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_126.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_127.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_128.jsonl", wrong=0, conversations=0.75)


def test_a_hundred_and_twenty_ninth_to_hundred_and_thirty_third_bank_of_conversations(engine: Engine) -> None:
    """Session 48: ten more banks in that manner, written from a brief that now calls a year printed 「－」 a number
    question: self-corrections and year changes (129), elderly Kansai story-tellers (130), non-native English with
    romaji (131), desk officers moving between one measure's indicators (132), topic switches by students and NPOs
    (133), the less talked-about measures (134), a remark between turns (135), money first, then counts (136),
    messy mixed-language input (137), and details the vision does not print (138). On arrival: 0.90 with two wrong
    targets, 0.95, 0.90 with one, 0.95, 0.967, 0.967, 0.917 with one, 0.867 with one, 0.95 with one and 0.933. Now
    0.983 with one, 1.0, 0.95, 1.0, 0.983, 0.983, 0.933 with one, 0.90, 0.983 and 0.967, once a learner's "how many
    time" counts times (and "cases" names no target), the plan's first year asked is no going back, a turn correcting
    its own year asks the last, a rejection naming only a year keeps the target, past results are "not stated", 指標
    asks targets, "random but" changes the subject, interest is money, grants are counted in romaji and by 採択, visas
    of a kind, a welfare club for firms and a neighbour's tree are referred right, a quoted label beats the lead's
    namesake, and a correction ruling out what was led with drops it. Left: "meet with local construction
    firms" read as the public works' count (129); a remark's answer led by another shown measure, pointed back at
    (135). Floors one question under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_129.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_130.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_131.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_132.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_133.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_thirty_fourth_to_hundred_and_thirty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 48's other five banks (their story is told above, in the test of banks 129–133), a test of their own
    so that the two halves run side by side."""
    _assert_gates(engine, "conversation_bank_134.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_135.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_136.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_137.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_138.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_thirty_ninth_to_hundred_and_forty_third_bank_of_conversations(engine: Engine) -> None:
    """Session 49: ten more banks from the same brief, on themes not yet written: one measure's indicators and years,
    with returns two turns back (139), casual and Kansai Japanese with typos (140), non-native English with Japanese
    words (141), desk officers telling a client's case (142), elderly owners rambling, then changing the subject (143),
    counts asked by what is counted, in units the measure may not use (144), corrections and "something similar"
    (145), short chat turns by students and job seekers (146), owners of particular trades (147), and years said in
    many ways (148). On arrival: 0.983, 0.967 with one wrong target, 0.883 with one, 0.95, 0.933 with two, 0.80 with
    two, 0.983, 0.95, 0.95 with one and 0.917 with one. Now 0.983, 0.983 with one, 0.933 with one, 0.983, 0.95 with
    one, 0.817 with one, 1.0, 0.967, 0.967 and 0.983, once a dispatch count is the count of times the glossary's
    reading names, a count pointed back at in a unit nothing talked about counts in is only one of the closest, a
    measure named that counts nothing in the unit asked leads the closest, the year is that of the sentence asking,
    「表の真ん中の年」 and "the plan's first year" are plan years, a turn changing the subject keeps no context, "how
    do I sign up" is of the measure shown, a desk officer's 「該当するものすべて」 lists nothing by この or ご案内,
    銭湯 after the cameras asks the bathhouses, and a neighbour's noise, a tax return in romaji and a collection day
    are referred. Left: a seminar count asked in people (144, several: the vision prints no attendance, so "no
    target for exactly that" is the honest answer to golds that name the count of sessions); "how many referrals r
    they planning" read as the loan referrals (140); a start-up grant's count asked in people (141); the farming
    school's and the vegetable classes' farms tied (143). Floors one question under; the wrong targets left are the
    ceilings."""
    _assert_gates(engine, "conversation_bank_139.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_140.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_141.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_142.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_143.jsonl", wrong=0, conversations=0.75)


def test_a_hundred_and_forty_fourth_to_hundred_and_forty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 49's other five banks (their story is told above, in the test of banks 139–143), a test of their own
    so that the two halves run side by side."""
    _assert_gates(engine, "conversation_bank_144.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_145.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_146.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_147.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_148.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_forty_ninth_to_hundred_and_fifty_third_bank_of_conversations(engine: Engine) -> None:
    """Session 50: ten more banks from the same brief: voice-input transcripts, years spoken as words (149), owners
    weighing two programmes and going back and forth (150), tax accountants, bank and chamber staff asking for a
    client (151), students and side-business founders in slang and romaji (152), shopping streets' safety and
    community life (153), farmers and food (154), work and hiring (155), misremembered numbers and assumed benefits
    (156), tourism, design and digital owners, mostly in English (157), and long rambling turns (158). On arrival:
    0.667, 0.867 with three wrong targets, 0.967, 0.817, 0.95 with one, 1.0, 0.967, 0.95, 0.967 and 0.933. Now 0.967,
    0.917 with three, 0.967, 0.933, 0.967 with one, 1.0, 0.967, 0.95, 0.967 and 0.967, once years said in words are
    years, romaji is read in kana, a detail of the other programme gone back to is asked of it, a quote someone said
    is no instruction, the story before a question asks no detail, and a garbage spot, a collection day and another
    ward turned to are referred. Left: a count of the first of two programmes asked after the second's ("and the
    first one? how many firms get matching support that same year?": the second's again, 150, three such); the
    rules tried for it moved 25 other bank answers to wrong targets. Floors one question under; the wrong targets left
    are the ceilings."""
    _assert_gates(engine, "conversation_bank_149.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_150.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_151.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_152.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_153.jsonl", wrong=0, conversations=0.75)


def test_a_hundred_and_fifty_fourth_to_hundred_and_fifty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 50's other five banks (their story is told above, in the test of banks 149–153), a test of their own
    so that the two halves run side by side."""
    _assert_gates(engine, "conversation_bank_154.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_155.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_156.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_157.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_158.jsonl", wrong=0, conversations=0.75)


def test_a_hundred_and_fifty_ninth_to_hundred_and_sixty_first_bank_of_conversations(engine: Engine) -> None:
    """Session 51: six banks from the same brief, in the plain two-turn style of the question set's own
    conversations: measures 1–18, 19–36, 37–53 and 54–70 of the list, one bank each (159–162), a target asked first
    and the next turn moving to another year, a sibling target or a neighbouring measure (163), and owners telling
    their concrete trade (164). On arrival: 0.90, 0.933, 0.90, 0.95, 0.90 and 0.90 with six wrong targets. Now 0.917,
    0.933, 0.90, 0.95, 0.917 and 0.917, once advisers sent out count as dispatches and the asker's own price asks
    no fee. Left: six targets of a measure shown
    below the lead, quoted for a turn pointing back at the lead (「それ令和9年度は何回やるん？」 after the seminars for
    employers of foreign staff led, the job centre's seminars), which the ranking prefers; taking the lead's target
    instead moved 30 other bank answers to wrong targets. Floors one question under; the wrong targets left are the
    ceilings."""
    _assert_gates(engine, "conversation_bank_159.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_160.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_161.jsonl", wrong=1, conversations=0.62)


def test_a_hundred_and_sixty_second_to_hundred_and_sixty_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 51's other three banks (their story is told above, in the test of banks 159–161), a test of their
    own so that the two halves run side by side."""
    _assert_gates(engine, "conversation_bank_162.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_163.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_164.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_sixty_fifth_to_hundred_and_sixty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 52: ten banks from the same brief. 165: a first turn off to the side (a story, another office's
    matter, a greeting), then a covered question; 166 and 167: measures 1–35 and 36–70, a programme asked, then
    another year or another of its targets in the user's words; 168: a desk officer narrowing a client's case over
    two or three turns. On arrival: 0.983, 0.967 (1 wrong), 0.95 (2 wrong) and 0.9; now 0.983, 0.983 (1 wrong),
    0.967 (1 wrong) and 0.967, once 「いくつか」 asks no count, "what steps to take" asks for advice, a pointer closing
    a long English clause points back, a label typed whole names its target, a client's worry says the detail asked,
    and damages go to Houterasu. Floors one question under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_165.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_166.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_167.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_168.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_sixty_ninth_to_hundred_and_seventy_first_bank_of_conversations(engine: Engine) -> None:
    """Session 52's banks 169 (all English, very short follow-ups), 170 (casual and Kansai Japanese with typos, a
    year or an unprinted detail asked next) and 171 (the question set's own Japanese two-turn style: a target asked
    through a demonstrative). On arrival: 0.933, 1 and 0.983 (1 wrong); now 0.967, 1 and
    0.983 (1 wrong) (their story is told above, in the test of banks 165–168)."""
    _assert_gates(engine, "conversation_bank_169.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_170.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_171.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_seventy_second_to_hundred_and_seventy_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 52's banks 172 (the question set's own English two-turn style), 173 (three turns: a situation, a
    programme, then its target, a sibling or a turn back) and 174 (a story of two or three needs, the next turn
    picking one). On arrival: 0.967, 0.983 and 0.933 (1 wrong); now 1, 1 and 0.967 (1 wrong), once
    career advice and being out of work read as job-seeking, "send someone over" as a dispatch, "borrow" as a loan,
    and a detail of a programme named but not shown names it."""
    _assert_gates(engine, "conversation_bank_172.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_173.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_174.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_seventy_fifth_to_hundred_and_seventy_seventh_bank_of_conversations(engine: Engine) -> None:
    """Session 53: eight banks from the same brief. 175: the earlier turns in one language and the last in the other;
    176: another target or year of the programme just talked about; 177: the last turn changing the subject (a third
    of them a real follow-up). On arrival: 0.95, 0.9 (2 wrong) and 0.917; now 0.95, 0.917 (2 wrong) and 0.933, once
    burnable waste goes to the cleaning office and "what percentage of Setagaya Pay app users" asks a target. Left:
    two farm targets of the same measure quoted for "the community farms where residents pick vegetables" and "the
    other kind, the farms where the farmer coaches people" (野菜作り講習会実施園数 and 農作業体験塾実施園数 by a
    small margin). Floors one question under; the wrong targets left are the ceilings."""
    _assert_gates(engine, "conversation_bank_175.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_176.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_177.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_seventy_eighth_to_hundred_and_eightieth_bank_of_conversations(engine: Engine) -> None:
    """Session 53's banks 178 (an elderly owner or a parent, polite and at length, pointing back vaguely:
    「先ほどの件ですが」), 179 (students and freelancers texting casually) and 180 (farms, environment, tourism,
    disaster preparedness and town life told as what the asker sees). On arrival: 0.867 (1 wrong), 0.983 and 0.967;
    now 0.883 (1 wrong), 0.983 and 0.983, once a loanword misremembered by a letter (アクセレーター) is read as
    printed and stray cats go to the health centre. Left: 「先ほどの引き合わせのお手伝い…何社くらい」 quotes the
    desk's consultations, after a first answer that missed the business-matching measure."""
    _assert_gates(engine, "conversation_bank_178.jsonl", wrong=0, conversations=0.5)
    _assert_gates(engine, "conversation_bank_179.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_180.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_eighty_first_and_second_bank_of_conversations(engine: Engine) -> None:
    """Session 53's banks 181 (a yes/no or checking last turn: 「それって毎年やるってこと？」, "so the interest is
    basically zero?", a wrong figure to correct) and 182 (the question set's own two-turn style over the measures its
    examples never use). On arrival: 0.867 and 0.95; now 0.933 and 0.983, once zero interest, a ceiling with a figure,
    the month applications open and half of a cost are details put up for a yes, cardboard goes to the cleaning
    office, and the ward topping up a Tokyo scheme is the ward's measure."""
    _assert_gates(engine, "conversation_bank_181.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_182.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_eighty_third_to_eighty_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 54's banks 183 (a desk officer's terse case notes: 「相談者：…。該当しそうな施策は？」), 184 (years
    named the asker's way: "in 2027", 「中間の年」, "the final year"), 185 (corrections: 「いや、そうじゃなくて…」,
    "sorry, I meant the one for shopping streets") and 186 (owners of a bath-house, a bakery, a small farm … telling
    their own case). On arrival: 0.967, 0.983, 0.867 (1 wrong) and 0.983; now 0.967, 0.983, 0.933 (1 wrong) and 0.983,
    once a detail asked of another programme than the one ruled out names that programme and a target set
    aside by name ("forget the cameras") is ruled out. Left wrong: "no, the other number — the construction count under
    the eco housing subsidy" quotes the public-works count just given."""
    _assert_gates(engine, "conversation_bank_183.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_184.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_185.jsonl", wrong=1, conversations=0.62)
    _assert_gates(engine, "conversation_bank_186.jsonl", wrong=0, conversations=0.75)


def test_a_hundred_and_eighty_seventh_to_ninetieth_bank_of_conversations(engine: Engine) -> None:
    """Session 54's banks 187 (a side matter the vision does not cover, set aside before going back: 「年金はまた
    年金事務所で聞きます。話を戻すと、…」), 188 (terse follow-ups: "R13?", 「単位は？」, 「それ、目黒区のは？」), 189
    (learners' Japanese in spaced kana, and non-native English) and 190 (programmes weighed against each other). On
    arrival: 0.767 (3 wrong), 0.9 (1 wrong), 0.9 and 0.917 (1 wrong); now 0.95 (2 wrong), 0.967, 0.917 and 0.917
    (1 wrong), once the side matter set aside is no referral, another ward named is that ward's matter, "what % do
    they cover?" is a rate not stated, "how many referrals?" after the office matching is its introductions, and
    「なんかい」 is 何回; in session 55 bank 187 reached 1 with no wrong target, once a turn setting the side turn aside
    goes back to the conversation before it (the association's meetings with the ward, and a psychologist's sessions
    asked after a side turn answered with another measure's consultations). Left wrong: the business matching's FY2024
    blank asked after a turn that led with the staff matching."""
    _assert_gates(engine, "conversation_bank_187.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_188.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_189.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_190.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_ninety_first_to_ninety_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 55's banks 191 (elderly owners telling their case at length before the point: handing over, closing,
    staff), 192 (owners typing fast on a phone: "how many r they aiming for", romaji, "shotengai", "kuyakusho"), 193
    (a desk officer between clients: 「次の方は…」) and 194 (Kansai-ish and very casual speech). On arrival: 0.85 (1
    wrong), 0.917, 0.933 and 0.9 (1 wrong); now 0.9 (1 wrong), 0.967, 1 and 0.95 (1 wrong), once another ward is asked
    in more ways (「しぶやくの…」, 「目黒区のはどうなってる？」), 手伝い asks for support, "aiming" asks a target, a
    need said to be the same is the conversation's, and 「その辺」 points back. Left wrong: R60-SETAGAYA's seminars
    asked after a turn answered with the job centre (its seminars quoted), and the accelerator's firms asked "with it"
    after an answer that showed the business matching below it. Halved to every other conversation in session 57
    (whole banks then: 0.9 (1 wrong), 0.967, 1 and 0.95 (1 wrong))."""
    _assert_gates(engine, "conversation_bank_191.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_192.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_193.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_194.jsonl", wrong=0, conversations=0.87)


def test_a_hundred_and_ninety_fifth_to_ninety_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 55's banks 195 (one of several programmes the asker named picked next: "the first of those", 「農家
    だったら？」), 196 (students, job seekers, foreign residents, parents going back to work), 197 (checking users:
    journalists, assembly watchers, rumours) and 198 (English and Japanese mixed). On arrival: 0.9 (3 wrong), 0.9 (2
    wrong), 0.9 and 0.917; now 0.917 (3 wrong), 0.95 (2 wrong), 0.9 and 0.967, once another ward is asked mid-sentence,
    a tax-free shop is the tax office's, 「何パーセント…いくら」 is the rate, a small child brought along is a condition
    not printed, and 「そういうことを学べるセミナー」 points back. Left wrong: "the first of those / the first one"
    picking an item of the asker's own list (the start-up consultations and the office introductions quoted), "the
    resident plots" (the vegetable-growing lessons' farms quoted), "those programs" for a student (the start-up
    consultations quoted), and the fair-dealing guidelines' newsletter count asked after the industry newsletter.
    Halved to every other conversation in session 57 (whole banks then: 0.917 (3 wrong), 0.95 (2 wrong), 0.9 and
    0.967)."""
    _assert_gates(engine, "conversation_bank_195.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_196.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_197.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_198.jsonl", wrong=0, conversations=0.62)


def test_a_hundred_and_ninety_ninth_to_two_hundred_and_second_bank_of_conversations(engine: Engine) -> None:
    """Session 56's banks 199 (very short follow-ups after a target: a year, a sibling figure, 「ほかには？」), 200
    (pivots to another audience or trade: "what about for farmers?", 「建設業の場合は？」), 201 (three turns going back
    to the first topic past a side matter: 「最初に聞いたほうの話」, "Back to the first one") and 202 (how to use a
    programme: booking, deadlines, fees, places). On arrival: 0.917, 0.783 (2 wrong), 0.767 (2 wrong) and 0.967; now
    0.967, 0.817 (1 wrong), 0.95 and 0.967, once side matters are set aside in everyday words (「…として、」「また今度に
    します」「調べさせます」, "forget the app", "… can wait"), "the first one" is the conversation's first turn, a
    sentence asking before the turn's last is no remark, a target turned to is read by the turn's own words too,
    another ward is asked as 「目黒区やったらどう？」 or "does Meguro do the same?", whether to book is a detail, and
    "the membership target" counts people. Left wrong: "homeowners' eco-renovation jobs" after the public works'
    count quotes that count again ("jobs" read as 求職). Halved to every other conversation in session 58 (whole
    banks then: 0.967, 0.817 (1 wrong), 0.95 and 0.967)."""
    _assert_gates(engine, "conversation_bank_199.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_200.jsonl", wrong=1, conversations=0.62)
    _assert_gates(engine, "conversation_bank_201.jsonl", wrong=0, conversations=0.75)
    _assert_gates(engine, "conversation_bank_202.jsonl", wrong=0, conversations=0.87)


def test_a_two_hundred_and_third_to_two_hundred_and_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 56's banks 203 (desk officers narrowing for a client in keigo), 204 (casual English with typos and
    pronouns: "wat abt", "that one", "FY27"), 205 (casual Japanese with demonstratives, kana and Kansai-ish endings)
    and 206 (corrections: "sorry, I meant FY2027", 「いや、そうじゃなくて農業のほう」). On arrival: 0.967, 0.933 (1
    wrong), 0.933 and 0.967; now 0.967, 0.967, 0.95 and 0.967, once "apply for one" follows up on the programme
    just shown, another ward is asked in more ways, and "biz" counts businesses (session 57: the business matching's
    FY2024 blank asked "how many biz did that match in FY2024?", a wrong target before). Halved to every other
    conversation in session 58 (whole banks then: 0.967, 0.967, 0.95 and 0.967)."""
    _assert_gates(engine, "conversation_bank_203.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_204.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_205.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_206.jsonl", wrong=0, conversations=0.75)


def test_a_two_hundred_and_seventh_to_two_hundred_and_tenth_bank_of_conversations(engine: Engine) -> None:
    """Session 57's banks 207 (a target, then another year or another of the measure's counts: 「じゃあ令和13年度
    は？」, "and the number of events?"), 208 ("anything else?": other help for the same need, or the need narrowed),
    209 (the same need for another kind of person: "and for shop owners?", 「学生だったら？」) and 210 (older owners and
    their families telling long stories, the question buried in them). On arrival: 0.95, 0.933 (1 wrong), 0.817 (1
    wrong) and 0.9; now 0.967, 0.933 (1 wrong), 0.9 and 0.917, once an age says whom a turn is for ("people over
    60"), 「高校生だったら？」 goes on with the need, 「建設業じゃなくても…似たようなのある？」 asks for one like it,
    money the ward gives towards a need is a subsidy asked, another office's matter asked as the help itself (「確定
    申告の相談もそこで」, "help me get my pension refund") is that office's, and 「13年は？」 is a plan year. Left
    wrong: 「その集まり」 after an answer led by the business exchange (the tourism association's events quoted, not
    the ethical businesses' conference). Session 58: banks 209 and 210 at 0.917 and 0.933, once a disability
    certificate and a home helper are the welfare office's. Halved to every other conversation in session 58
    (whole banks then: 0.967, 0.933 (1 wrong), 0.917 and 0.933)."""
    _assert_gates(engine, "conversation_bank_207.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_208.jsonl", wrong=0, conversations=0.62)
    _assert_gates(engine, "conversation_bank_209.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_210.jsonl", wrong=0, conversations=0.87)


def test_a_two_hundred_and_eleventh_to_two_hundred_and_fourteenth_bank_of_conversations(engine: Engine) -> None:
    """Session 57's banks 211 (English speakers mixing in romaji: "sogyo", "the kuyakusho", "hojokin"), 212 (desk
    officers describing a client's case, then narrowing), 213 (casual phone typing: Kansai-ish, kana, "k and 2031?",
    "wat about for cafes") and 214 (doubts and corrections of the last answer: 「さっきの数字、人数じゃなくて回数の
    ほう」, "you said 30 - is that people or events?"). On arrival: 0.933, 0.917, 0.817 (2 wrong) and 0.85 (3 wrong);
    now 0.95, 0.917, 0.917 and 0.95 (1 wrong), once "ppl" and "cos" count people and companies, a year checked before
    the one asked is no ask, a figure quoted back names its target, a programme's strands agree with a target of
    either, which programme was meant is checked against those shown (「…ほうで合ってる？」), "is that one for us
    too?" asks who qualifies, and "in shibuya … over there" is another ward. Left wrong: 「多様性のほうの経営…そっちの
    R9の回数」 after the health-management newsletters (the diverse-work-styles consultations quoted). Session 58:
    banks 211 and 212 at 0.983 and 0.933, once "zairyu card", "hoikuen" and "which work visa" are other offices'.
    Halved to every other conversation in session 58 (whole banks then: 0.983, 0.933, 0.917 and 0.95 (1 wrong))."""
    _assert_gates(engine, "conversation_bank_211.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_212.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_213.jsonl", wrong=0, conversations=0.87)
    _assert_gates(engine, "conversation_bank_214.jsonl", wrong=0, conversations=0.87)


def test_a_two_hundred_and_fifteenth_to_two_hundred_and_eighteenth_bank_of_conversations(engine: Engine) -> None:
    """Session 58's banks 215 (a matter the vision does not cover told first, then what the ward offers for
    it: 「じゃあ区のほうで何かないの？」), 216 (the language switched mid-conversation: romaji, "the shoutengai
    one"), 217 (three turns going back to the first topic: 「最初に聞いたやつ」, "the one before that") and 218
    (shopping streets, safety, cashless payment, tourism). On arrival: 0.85, 0.967, 0.917 (1 wrong) and 0.95 (1
    wrong); now 0.9, 0.983, 0.933 and 0.967 (1 wrong), once the NHI health check and the accommodation tax are other
    offices', a job introduction asked for is finding work, 「何軒も」 says "many", another ward is asked in romaji,
    and "Back to the first one" shares no "back" with "pay back". Left wrong: "how many of those … installed" after a
    defibrillator (the shopping streets supported quoted, not the AEDs). Session 59: bank 215 at 0.917, once how
    much of the interest the ward bears is a rate not stated. Halved to every other conversation in session 59
    (whole banks then: 0.917, 0.983, 0.933 and 0.967 (1 wrong))."""
    _assert_gates(engine, "conversation_bank_215.jsonl", wrong=0, conversations=0.8)
    _assert_gates(engine, "conversation_bank_216.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_217.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_218.jsonl", wrong=0, conversations=0.93)


def test_a_two_hundred_and_nineteenth_to_two_hundred_and_twenty_second_bank_of_conversations(engine: Engine) -> None:
    """Session 58's banks 219 (farmers, the environment, makers and craftsmen), 220 (work and hiring: job seekers,
    students, parents, older people, disabilities, foreign staff, employers), 221 (desk officers' terse case notes
    and corrections) and 222 (push-back after an answer: a benefit to confirm, a figure doubted, a need restated).
    On arrival: 0.933 (1 wrong), 0.85 (3 wrong), 0.967 and 0.8 (4 wrong); now 0.933 (1 wrong), 0.883 (2 wrong), 0.967
    and 0.933, once a sentence quoting a figure back checks it (the other year asked is the question),
    「どこまで増やす」 asks how far and 「将来的には」 when, a ward nursery is the welfare office's, and "I wasn't
    asking about visas" is no referral. Left wrong: the accelerator's firms asked after a turn answered with the
    business matching; R60-SETAGAYA's seminars asked after a remark answered with the job centre (the せせせ events
    quoted); the diversity mail magazine asked after a question back and the industry newsletter (its count
    quoted). Session 59: banks 219 and 220 at 0.95 and 0.9, once the farm kind retrieval agrees with is the one
    counted and a parent's dependant income limit is the tax office's. Halved to every other conversation in
    session 59 (whole banks then: 0.95 (1 wrong), 0.9 (2 wrong), 0.967 and 0.933)."""
    _assert_gates(engine, "conversation_bank_219.jsonl", wrong=1, conversations=0.8)
    _assert_gates(engine, "conversation_bank_220.jsonl", wrong=1, conversations=0.86)
    _assert_gates(engine, "conversation_bank_221.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_222.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_twenty_third_to_two_hundred_and_twenty_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 59's banks 223 (English-speaking owners following up tersely: "and in 2031?", "which one's for me?",
    a Japanese word or two), 224 (older owners and their families in long, spaced hiragana, pointing back vaguely:
    「さっきのあれ」), 225 (a figure of a programme asked indirectly, the year changed) and 226 (corrections and
    narrowing: "no, I meant for students", 「それじゃなくて、外国人向けのやつ」). On arrival: 0.9 (1 wrong), 0.817
    (1 wrong), 0.983 (1 wrong) and 0.867; now 0.917 (1 wrong), 0.867 (1 wrong), 0.983 (1 wrong) and 0.967, once a
    broken pavement, a road-use permit and another ward's shopping streets (「すぎなみの ほうの…」) are other
    offices', 「りそくは なんパーセント」 asks a rate, a spaced 「いつ どこで」 asks a date and place, and
    「それじゃなくて」, "not the working sessions - …", 「いまの回数じゃなくて」 and "not the coworking ones"
    correct a target as meant. Left wrong: the decarbonisation and staff-health newsletters asked after answers that
    showed the ward's general newsletter too (its count quoted); counselling sessions asked after an answer that
    showed no counselling (the job centre's seminars quoted)."""
    _assert_gates(engine, "conversation_bank_223.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_224.jsonl", wrong=0, conversations=0.66)
    _assert_gates(engine, "conversation_bank_225.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_226.jsonl", wrong=0, conversations=0.93)


def test_a_two_hundred_and_twenty_seventh_to_two_hundred_and_thirtieth_bank_of_conversations(engine: Engine) -> None:
    """Session 59's banks 227 (casual Kansai-ish and youth speech with typos: 「ほんで、それなんぼ目指しとるん？」),
    228 (NPOs, community groups and social enterprises), 229 (students, young job seekers and people returning to
    work) and 230 (desk officers preparing a client visit, then asking after the route, the fee, the target). On
    arrival: 0.95 (1 wrong), 0.917, 0.933 and 0.917 (1 wrong); now 0.967 (1 wrong), 0.967, 0.967 and 0.933 (1
    wrong), once 「なんぼ％くらいまで下がるん？」 asks a rate, an NPO's legal status, emergency supplies and a road
    permit for a festival are other offices', 「扶養から外れる」 is the tax office's, and another ward asked as
    "what would Meguro give her?" or 「渋谷区だと…何がある」 is that ward's. Left wrong: "how many ppl do they plan
    to give it to" after the start-up subsidy (the start-up certificates' holders quoted); the decarbonisation
    newsletters asked in a turn read on its own (the general newsletter's count quoted)."""
    _assert_gates(engine, "conversation_bank_227.jsonl", wrong=1, conversations=0.86)
    _assert_gates(engine, "conversation_bank_228.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_229.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_230.jsonl", wrong=1, conversations=0.86)


def test_a_two_hundred_and_thirty_first_to_two_hundred_and_thirty_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 60's banks 231 (life stories told over two turns, the need clear only in the second, then a pronoun:
    「それって区で何かある？」), 232 (a broad area asked, then one programme singled out by a trait: "the one with the
    consultants who come to you"), 233 (desk officers asking whether a programme suits a client, another year or
    target of it, or a detail) and 234 (hurried phone typing: typos, half-sentences, corrections, narrowing). On
    arrival: 0.883 (1 wrong), 0.967, 0.783 (1 wrong) and 0.917; now 0.9, 0.967, 0.85 (1 wrong) and 0.917, once
    「農家さんにも勧めて大丈夫ですか」 asks of the programme just shown and a remark naming the loan referrals is no
    guess. Left wrong: the hub's supported companies asked after an answer led by its sibling measure (business
    matching), whose count was quoted. Many of bank 233's misses ask whether a client qualifies, which the vision
    does not state and shien says so; the bank counts that as a measure question. Session 61: 0.917, 0.967, 0.867 (1
    wrong) and 0.95, once another ward singled out as the side asked about (「目黒区のほうだと」, 「目黒区の方！」,
    "Meguro ward next door") is that ward's and 「ちがう、いまじゃなくて2031年の目標のほう」 keeps the target. Gated on
    every other conversation since session 61 (whole banks then: 0.917, 0.967, 0.867 (1 wrong) and 0.95)."""
    _assert_gates(engine, "conversation_bank_231.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_232.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_233.jsonl", wrong=0, conversations=0.8)
    _assert_gates(engine, "conversation_bank_234.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_thirty_fifth_to_two_hundred_and_thirty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 61's banks 235 (two turns about the less-talked-about programmes: consumer leaflets, the industry
    plaza, construction, ethical-consumption conferences, newsletters), 236 (English-speaking users following up
    tersely: "ok and by 2031?", "who runs it and where do i apply"), 237 (small shops' owners telling their own case
    on a phone, then 「うちみたいな店でもいける？」, 「ほかにもある？」) and 238 (three turns of desk officers going
    back to the first or second programme). On arrival: 0.917 (1 wrong), 0.95 (1 wrong), 0.983 and 0.933; now 0.95,
    0.983, 1 and 0.95, once 「けんこう経営」 typed half in kana reads as 健康経営 (the guide's phrasings no longer keep
    a kanji word's reading), "those events" of a count of people of another measure is the closest said so, a teacher
    at an international school is no enrolment, customs and a minpaku licence are other offices',
    「話を聞いてもらえる」 is no benefit claimed and 「次からそういうお知らせ」 refers back. Halved to every other
    conversation in session 62 (whole banks then: 0.95, 0.983, 1 and 0.95)."""
    _assert_gates(engine, "conversation_bank_235.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_236.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_237.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_238.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_thirty_ninth_to_two_hundred_and_forty_second_bank_of_conversations(engine: Engine) -> None:
    """Session 61's banks 239 (food and drink businesses), 240 (makers and builders: noise, successors, public works),
    241 (a figure or a programme half-remembered, set straight: 「150台って聞いた」, "HR said 10,000 members") and 242
    (people not yet in business, vague first, then narrowing). On arrival: 0.95, 0.867, 0.783 (1 wrong) and 0.883 (1
    wrong); now 0.967, 0.867, 0.883 and 0.917 (1 wrong), once a figure said with its counter tells what the target
    counts, a rate or cap pointed back at is a detail, 「ほんとはどれ？」 asks for the programme, and a separate liquor
    licence, a food licence and Japanese classes are other offices'. Left wrong: the accelerator's FY2024 firms asked
    after a turn answered with the business matching (its count quoted). Many of bank 240's misses ask whether the
    ward pays for a renovation or a machine, which shien answers as a detail not stated, naming the measure. Gated
    on every other conversation since session 62 (whole banks then: 0.967, 0.883, 0.883 and 0.917 (1 wrong); the
    wrong one is outside the half gated)."""
    _assert_gates(engine, "conversation_bank_239.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_240.jsonl", wrong=0, conversations=0.66)
    _assert_gates(engine, "conversation_bank_241.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_242.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_forty_third_to_two_hundred_and_forty_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 62's banks 243 (users correcting themselves across turns: "no wait, I meant…", another year or trade),
    244 (desk officers narrowing a client's case, targets switching between R6, R9 and R13), 245 (English-speaking
    residents following up with pronouns: "that one", "the second thing you mentioned") and 246 (elderly owners and
    their children abroad: hiragana, odd spacing, rambling). On arrival: 0.9, 0.933 (1 wrong), 0.9 (1 wrong) and
    0.883; now 0.933, 0.933 (1 wrong), 0.917 and 0.883, once a visa extension asked "for that" is the immigration
    office's, 「年金の話はやめておきます」 sets the pension aside, and "those mailings" after the decarbonisation
    information gives its count first. Left wrong: the short-staffed industries' events asked again for FY2024 after
    a first turn answered with the closest targets (the matching events' count, listed first, is quoted). Gated on
    every other conversation since session 64: 0.9, 0.9 (1 wrong), 0.933 and 0.9 on that half."""
    _assert_gates(engine, "conversation_bank_243.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_244.jsonl", wrong=1, conversations=0.8)
    _assert_gates(engine, "conversation_bank_245.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_246.jsonl", wrong=0, conversations=0.73)


def test_a_two_hundred_and_forty_seventh_to_two_hundred_and_fiftieth_bank_of_conversations(engine: Engine) -> None:
    """Session 62's banks 247 (urban farming, environment, schools with farms), 248 (tourism, events and culture,
    some Kansai speech), 249 (students, job seekers and employers, in chat shorthand, with pensions and visas beside)
    and 250 (founders and small makers pressing for details: how much, until when, is it guaranteed). On arrival:
    0.933, 0.95, 0.967 and 0.917 (1 wrong); now 0.933, 0.95, 0.967 and 0.933 (1 wrong), once a fee the asker does
    not know, said in passing (「無料かはわかんないけど」), asks nothing. Left wrong: the hub's business matching asked
    in a third turn, whose sibling's count (the accelerator's) is quoted. (In session 63 a second one appeared: "How
    many grants do they plan to give out in FY2027?" after a remark answered with a guess quoted the guess's count;
    right again since session 64, "give" naming no topic.) Halved to every other conversation in session 64: 0.967,
    0.933, 0.967 and 0.9 (1 wrong) on that half."""
    _assert_gates(engine, "conversation_bank_247.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_248.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_249.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_250.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_fifty_first_to_two_hundred_and_fifty_fourth_bank_of_conversations(engine: Engine) -> None:
    """Session 63's banks 251 (desk officers working through a client's case, then one year's target), 252
    (English-speaking shop owners following up tersely: "and 2027?", "the other one you said"), 253 (a figure or a
    programme half-remembered from a flyer, pointed back at with それ/"that one") and 254 (ward support and everyday
    matters in turn: taxes, visas, rent, some Kansai speech). On arrival: 0.967 (1 wrong), 0.9, 0.917 (1 wrong) and
    0.867; now 0.983, 0.9, 0.933 and 0.883 (no wrong), once 「何園」 counts farms, a count
    ruled out in another unit rules out the label its words name (「野菜作りの講習会の数じゃなくて、塾のほう」), and
    「聞きたかったのは…人の数」 asks a count."""
    _assert_gates(engine, "conversation_bank_251.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_252.jsonl", wrong=0, conversations=0.83)
    _assert_gates(engine, "conversation_bank_253.jsonl", wrong=0, conversations=0.9)
    _assert_gates(engine, "conversation_bank_254.jsonl", wrong=0, conversations=0.86)


def test_a_two_hundred_and_fifty_fifth_to_two_hundred_and_fifty_eighth_bank_of_conversations(engine: Engine) -> None:
    """Session 63's banks 255 (urban farming, decarbonisation, ethical consumption), 256 (handing a business over:
    elderly owners in hiragana, successors, their children abroad), 257 (tourism, events, culture, cashless payment)
    and 258 (work and hiring in chat shorthand). On arrival: 0.867, 0.9, 0.867 (2 wrong) and 0.95 (1 wrong); after
    the session's changes 0.883, 0.9, 0.883 (1 wrong) and 0.967, once a share asked outright ("like what
    percentage?") is counted in percent and 「年間の開催数」 is counted of what was just shown. Left wrong: "how many
    new members do they aim to add each year?" after the in-town tourism association, whose label ties by 0.024 with
    SETAGAYA PORT's new members (quoted). Many of bank 255's misses are matters the vision does not cover (a clinic,
    a solar panel vendor, the Tokyo EV grant) asked beside a conversation about its measures."""
    _assert_gates(engine, "conversation_bank_255.jsonl", wrong=0, conversations=0.8)
    _assert_gates(engine, "conversation_bank_256.jsonl", wrong=0, conversations=0.83)
    _assert_gates(engine, "conversation_bank_257.jsonl", wrong=1, conversations=0.86)
    _assert_gates(engine, "conversation_bank_258.jsonl", wrong=0, conversations=0.93)


def test_a_two_hundred_and_fifty_ninth_to_two_hundred_and_sixty_second_bank_of_conversations(engine: Engine) -> None:
    """Session 66's banks 259 (restaurant owners, landlords, career advisers), 260 (a welfare workshop, a taxi firm,
    retirees opening shops), 261 (a brewery, employers of interns, a disabled founder) and 262 (a flower shop, a
    shopping street's treasurer, a desk officer's terse keywords). Eight number questions asked "each year" or
    「年に」 with no year expect any year's target. On arrival, whole banks: 56, 56, 56 and 57 of 60 (1 wrong each in
    261 and 262); after the session's changes 56, 57, 56 and 58, once 「どれくらいで審査通る？」 and
    「保証人って要る？」 are read as details and a それ in mid-turn points back. Left wrong: "that startup grant" read
    as the start-up certificates shown beside it, "counselling sessions" as the foreign staff's seminars."""
    _assert_gates(engine, "conversation_bank_259.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_260.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_261.jsonl", wrong=1, conversations=0.86)
    _assert_gates(engine, "conversation_bank_262.jsonl", wrong=0, conversations=0.93)


def test_a_two_hundred_and_sixty_third_to_two_hundred_and_sixty_sixth_bank_of_conversations(engine: Engine) -> None:
    """Session 66's second round: banks 263 (a bathhouse, a tofu maker with no successor, a PTA member, an adviser's
    client), 264 (a caregiver seeking work, a farmers' market, vacant houses), 265 (a ramen shop losing staff, a
    live house, a single father freelancing) and 266 (a nursery, a bank officer referring clients, a hardware store).
    On arrival, whole banks: 53, 56, 54 and 54 of 60 (2 wrong in 263, 1 in 266); after あと was read as no topic 54,
    56, 54 and 54. Left wrong: 「そのマッチングの場ってのに新しく載る店」 after the succession platform (the job
    matching events quoted), "how many of those grants" after the equipment subsidy, and 「塾みたいなの…何園」 (the
    fureai farms quoted); a nursery asking about the schools' flowers is read as the childcare office's matter."""
    _assert_gates(engine, "conversation_bank_263.jsonl", wrong=2, conversations=0.83)
    _assert_gates(engine, "conversation_bank_264.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_265.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_266.jsonl", wrong=0, conversations=0.83)


def test_a_two_hundred_and_sixty_seventh_to_two_hundred_and_seventieth_bank_of_conversations(engine: Engine) -> None:
    """Session 67's banks 267 (shop owners, craftsmen, English-speaking owners correcting themselves), 268 (farmers,
    NPOs, students and job seekers jumping to a private matter), 269 (desk officers, founders and freelancers asking
    another year or target) and 270 (elderly owners, employers of foreign staff, shopping streets; long, rambling,
    Kansai). On arrival, whole banks: 59, 53, 56 and 53 of 60 (1 wrong each in 268 and 270); after the session's
    changes 60, 57, 57 and 56, once a change of subject after a thanks, another ward's programme in Kansai or said to
    exist, a health matter, "definitely get it" and a turn of several things no measure prints are read as such.
    Left wrong: "harvest-type farm gardens" (the course-type farms quoted), "sessions" of the mental-health
    consultations after the employment centre led (its seminars quoted)."""
    _assert_gates(engine, "conversation_bank_267.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_268.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_269.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_270.jsonl", wrong=0, conversations=0.9)


def test_a_two_hundred_and_seventy_first_to_two_hundred_and_seventy_fourth_bank_of_conversations(
    engine: Engine,
) -> None:
    """Session 67's second round: banks 271 (founders, students, English speakers in two-to-six-word turns), 272 (desk
    officers for their clients, builders, manufacturers; polite and terse), 273 (shopping streets, restaurants, green
    businesses, cashless payment; business-like matters outside the vision) and 274 (welfare employers, disabled
    jobseekers, seniors, urban farms, succession; kana and dialect). Four "a year" number questions had R9 as their
    year; their expectation now names no year. On arrival, whole banks: 58, 57, 56 and 60 of 60, none wrong; after
    "what would that service cost", "they'll pay off my whole loan?" and 「福岡市の…補助」 were read as such, 59, 58,
    57 and 60. Left: a delivery app's fee, a private recruiter's fee and the national monozukuri grant's deadline,
    asked beside the conversation, are answered as details of the ward's measures."""
    _assert_gates(engine, "conversation_bank_271.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_272.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_273.jsonl", wrong=0, conversations=0.9)
    _assert_gates(engine, "conversation_bank_274.jsonl", wrong=0, conversations=0.96)


def test_a_two_hundred_and_seventy_fifth_to_two_hundred_and_seventy_eighth_bank_of_conversations(
    engine: Engine,
) -> None:
    """Session 68: banks 275 (desk officers juggling clients, switching, correcting and narrowing; Kansai shop owners),
    276 (English-speaking owners and employers of foreign staff, targets across years), 277 (elderly owners and their
    families, long turns assuming a benefit) and 278 (students, jobseekers, NPOs, farmers and freelancers typing fast,
    an unrelated last question). Three "a year" number questions had R6 as their year; their expectation now names no
    year. On arrival, whole banks: 54, 56, 58 and 54 of 60, one wrong target ("how many sessions" after a labour
    consultant's sessions quoted the foreign-staff seminars); after the count asked by the asker's own word, existence
    checks, Kansai 「んやな？」, "for that", another ward's offer and a private company's price were read as such: 57,
    60, 59 and 57, none wrong. Left: a client's website subsidy asked after a second client's loan, a programme asked
    by name after its description, "can the ward force my client to pay?", arthritis, a tomato's disease, a private
    foundation's grants and a registration-tax claim beside the start-up certificate."""
    _assert_gates(engine, "conversation_bank_275.jsonl", wrong=0, conversations=0.9)
    _assert_gates(engine, "conversation_bank_276.jsonl", wrong=0, conversations=0.96)
    _assert_gates(engine, "conversation_bank_277.jsonl", wrong=0, conversations=0.93)
    _assert_gates(engine, "conversation_bank_278.jsonl", wrong=0, conversations=0.9)


def test_a_two_hundred_and_seventy_ninth_to_two_hundred_and_eighty_second_bank_of_conversations(
    engine: Engine,
) -> None:
    """Session 68's second round, scored on the code after the first round's changes and gated as it arrived: banks 279
    (restaurant, café and food-shop owners, terse), 280 (manufacturers, craftsmen, builders; some Kansai, some
    English), 281 (NPOs, social businesses, welfare workshops, urban farms; vague pointers back) and 282 (three turns
    shifting topic and coming back; jobseekers, young founders, retirees). Whole banks: 57, 54, 56 and 53 of 60, three
    wrong targets, all in the gated sample and left: "what's the target count for 2031?" after "will there be lots of
    events there?" drifted from the new hub to the ethical-consumption events; "how many farms run those?" after a
    farming 'juku' quotes the farming-experience farms; "back to my first thing, those factory visits and school
    outreach events" quotes the hands-on school's participants."""
    _assert_gates(engine, "conversation_bank_279.jsonl", wrong=1, conversations=0.9)
    _assert_gates(engine, "conversation_bank_280.jsonl", wrong=0, conversations=0.86)
    _assert_gates(engine, "conversation_bank_281.jsonl", wrong=0, conversations=0.83)
    _assert_gates(engine, "conversation_bank_282.jsonl", wrong=2, conversations=0.83)
