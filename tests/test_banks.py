"""Banks of independent questions: written from the chapter alone by writers who never saw the code or the question
set, used like the dev split to tune on, and kept here as gates. Each gate holds floors measured when it was set
(BENCHMARKS.md); a wrong target is never allowed but for those left, named in `KNOWN_WRONG` (no new one may appear).

The conversation banks (over 17,000 conversations) and the needs banks (over 4,000 questions) are gated together,
each kind on one fixed sample: every 32nd conversation and every eighth needs question, in the order of the banks'
numbers. A gate per bank, on every second to every eighth of its conversations, took more than half of the suite's
time on a CPU without AVX-512 (session 68, BENCHMARKS.md); one sample across all banks hears every writer's wording
at a quarter of the cost, and a floor one question under a figure of a hundred-odd conversations tells a loss from
noise better than a floor on eight. The conversation sample is gated in four parts, by bank number, which the two
workers share. Each bank's history (its writer's brief, its figures on arrival, what changed for it) is in
BENCHMARKS.md and in this file's history (`git log -p tests/test_banks.py`).
`shien eval --questions tests/data/<bank>` scores a whole bank.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from service.engine import Engine
from service.evaluation.metrics import AnswerCheck, Question, check_answer_for, evaluate_answers, load_questions

from .support import DATA

CONVERSATION_BANK = re.compile(r"conversation_bank(?:_(\d+))?\.jsonl")
NEEDS_BANK = re.compile(r"needs_bank_(\d+)\.jsonl")
# Every this-many-th conversation (question) of the banks, in bank order, is gated. Appending a bank adds its share
# to the last part without moving the earlier banks' sample.
CONVERSATION_STEP = 32
NEEDS_STEP = 8

# Wrong targets left, by question id: each was named as left in its bank's gate before the banks were gated together.
KNOWN_WRONG = {
    "c139-010": '"meet with local construction firms" read as the public works\' count (bank 129)',
    "c267-042": '"how many new members do they aim to add each year?" after the in-town tourism association: '
    "SETAGAYA PORT's new members quoted, a label tied within 0.024 (bank 257)",
    "c289-034": '"what\'s the target count for 2031?" after "will there be lots of events there?": the '
    "ethical-consumption events quoted, not the new hub's (bank 279)",
}

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


def banks_of(kind: re.Pattern[str]) -> list[tuple[int, Path]]:
    """The banks of one kind in `tests/data`, by number (the first conversation bank has none: it is 1)."""
    found = [(int(m.group(1) or 1), path) for path in DATA.glob("*.jsonl") if (m := kind.fullmatch(path.name))]
    return sorted(found)


@functools.cache
def gated_sample(kind: re.Pattern[str], step: int) -> tuple[tuple[int, Question], ...]:
    """Every `step`-th question of a kind's banks taken in order, each with its bank's number (read once per worker:
    the four parts of the conversation sample share it)."""
    every = [(number, q) for number, path in banks_of(kind) for q in load_questions(path)]
    return tuple(every[::step])


def _missed(figures: dict[str, float], gates: dict[str, float]) -> list[str]:
    """The gates (`cited=0.96`, `wrong=0`…) `figures` misses, each named with its figure."""
    unknown = set(gates) - _FLOORS.keys() - _CEILINGS.keys()
    assert not unknown, f"no such gate: {unknown}"
    missed = []
    for gate, bound in gates.items():
        if gate in _FLOORS and (value := figures[_FLOORS[gate]]) < bound:
            missed.append(f"{_FLOORS[gate]} {value:.3f} < {bound}")
        elif gate in _CEILINGS and (value := figures[_CEILINGS[gate]]) > bound:
            missed.append(f"{_CEILINGS[gate]} {value:.3f} > {bound}")
    return missed


def _assert_gates(engine: Engine, name: str, **gates: float) -> None:
    """A whole bank's answer figures against its gates, every miss named in one failure."""
    figures, _, _ = evaluate_answers(load_questions(DATA / name), engine.catalogue, engine.composer.compose)
    missed = _missed(figures, gates)
    assert not missed, f"{name}: " + "; ".join(missed)


def _new_wrong_targets(questions: list[Question], checks: list[AnswerCheck]) -> list[str]:
    """Questions answered with a target other than the one asked, but for those left in `KNOWN_WRONG`."""
    wrong = [q.id for q, check in zip(questions, checks, strict=True) if check.wrong_indicator]
    return [f"{q_id} (another target quoted)" for q_id in wrong if q_id not in KNOWN_WRONG]


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


def test_a_fourth_bank_of_needs_details_and_other_matters(engine: Engine) -> None:
    """Session 10's second bank of its kind: 140 needs (a third of them long and rambling), 30 details and 30 other
    matters."""
    _assert_gates(
        engine,
        "needs_details_scope_bank_2.jsonl",
        cited=0.96,
        first=0.94,
        asked_back=0.02,
        details=0.98,
        out_of_scope=0.98,
    )


def test_a_second_bank_of_number_questions_quotes_the_target_asked(engine: Engine) -> None:
    """Session 16: 180 questions for one printed target each, every indicator asked at least once, in everyday
    words (many saying what is not meant: "sites, not participants"; years as 令和9年度, FY2027, "by 2031",
    「最終年度」, or none), 41 % English; 0.844 and no wrong target on arrival, 0.872 with "how often", hyphenated
    modifiers and a kind named among its measure's targets read (session 16); 0.906 with 件 labels for counts of
    times, keyword queries (「開催数 初年度」, 「令和13」), ruled-out counters and near-tied measures' labels read
    (session 17, tuned on this bank, so no longer a fresh figure)."""
    _assert_gates(engine, "number_bank_2.jsonl", wrong_number=0, printed=0.90)


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


# The conversation sample's parts: first and last bank (None: every later one), and the floor of the last turns right.
_CONVERSATION_PARTS = [(1, 69, 0.964), (70, 139, 0.954), (140, 209, 0.931), (210, None, 0.947)]


@pytest.mark.parametrize(("first", "last", "floor"), _CONVERSATION_PARTS, ids=["1-69", "70-139", "140-209", "210-"])
def test_conversation_banks_answer_the_last_turn(engine: Engine, first: int, last: int | None, floor: float) -> None:
    """Conversations of two to four turns, the last one meaningful only after the others: a target asked by a
    pronoun or another year, a detail the vision does not print, a correction, a change of subject or a matter of
    another office, in the words of shop owners, desk officers, founders, farmers, NPOs, elderly owners and English
    speakers. No target other than the one asked may be quoted without saying so, but for those left."""
    sample = gated_sample(CONVERSATION_BANK, CONVERSATION_STEP)
    questions = [q for number, q in sample if number >= first and (last is None or number <= last)]
    figures, checks, _ = evaluate_answers(questions, engine.catalogue, engine.composer.compose)
    missed = _missed(figures, {"conversations": floor}) + _new_wrong_targets(questions, checks)
    assert not missed, f"conversation banks {first}-{last or ''} ({len(questions)} gated): " + "; ".join(missed)


def test_needs_banks_get_their_measures_the_not_stated_or_the_abstention(engine: Engine) -> None:
    """Needs told in everyday words (troubles, long stories, keyword queries), details the vision does not print or
    benefits it does not state, and matters it does not cover or nonsense, from every needs bank."""
    questions = [q for _, q in gated_sample(NEEDS_BANK, NEEDS_STEP)]
    figures, checks, _ = evaluate_answers(questions, engine.catalogue, engine.composer.compose)
    gates = {"cited": 0.95, "first": 0.935, "asked_back": 0.016, "details": 0.946, "out_of_scope": 0.972}
    missed = _missed(figures, gates) + _new_wrong_targets(questions, checks)
    assert not missed, f"needs banks ({len(questions)} gated): " + "; ".join(missed)
