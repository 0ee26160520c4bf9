"""English answers read in English: only the official Japanese names, marked as such, stay in Japanese."""

from __future__ import annotations

import pytest

from service.engine import Engine
from service.evaluation.metrics import load_questions
from service.search.language import JAPANESE_SCRIPT

from .support import DATA

ENGLISH = [q for q in load_questions(DATA / "questions.jsonl") if q.lang == "en" and q.type != "conversation"]


def japanese_left(engine: Engine, text: str, official: list[str]) -> str:
    """What Japanese remains once the official names and labels (and the 参考訳 mark) are taken out."""
    printed = (
        {p.name for c in engine.cards for p in c.placements}
        | {i.label for c in engine.cards for i in c.indicators}
        | {i.title for i in engine.catalogue.initiatives}  # an initiative's official title, beside its English
    )
    names = sorted({*official, *printed}, key=len, reverse=True)
    for name in names:
        text = text.replace(f"「{name}」", "")
    return "".join(
        JAPANESE_SCRIPT.findall(text.replace("参考訳", "").replace("「－」", ""))
    )  # 「－」: no target, as printed


@pytest.mark.parametrize("kind", ["measure", "number", "detail", "list", "out_of_scope", "broad"])
def test_english_answers_keep_japanese_to_the_official_names(engine: Engine, kind: str) -> None:
    questions = [q for q in ENGLISH if q.type == kind]
    assert questions
    for q in questions:
        answer = engine.composer.compose(q.question, [], "en")
        left = japanese_left(engine, answer.text, [c.name for c in answer.citations])
        assert not left, (q.id, left, answer.text)


def test_english_number_answer_in_everyday_words(engine: Engine) -> None:
    answer = engine.composer.compose(
        "How many primary schools are meant to grow flowers with local farmers in FY2027?", [], "en"
    )
    assert answer.kind == "number" and not answer.abstained
    assert answer.lead.startswith("The FY2027 (R9) target for") and "schools" in answer.lead
    card = engine.cards.card(answer.citations[0].measure_id)
    assert card is not None
    flowers = next(i for i in card.indicators if i.label == "花栽培実施小学校数")
    assert f"{flowers.r9} {flowers.unit_en}" in answer.lead and flowers.label_en in answer.lead


def test_the_consumer_centre_in_english_is_the_one_the_vision_prints(engine: Engine) -> None:
    """「消費生活センター」 in English ("consumer affairs center", "consumer advice centre"): asked where it is, the
    answer says the vision prints no address and names the measure that prints the centre."""
    answer = engine.composer.compose("Where is the consumer affairs center, and when is it open?")
    assert answer.kind == "none" and answer.abstained, answer.text
    names = [c.name for c in answer.citations if c.primary]
    assert any("消費生活センター" in name for name in names), names
