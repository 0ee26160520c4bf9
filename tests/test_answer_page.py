"""The printable answer page, without a browser: layout recovery, escaping, language and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.routes_answers import answer_layout
from service.engine import Engine
from service.feedback import FeedbackStore
from service.settings import Settings


@pytest.fixture(scope="module")
def client(settings: Settings, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = FeedbackStore(f"sqlite:///{Path(tmp_path_factory.mktemp('answers')) / 'fb.sqlite3'}", 180)
    with TestClient(create_app(settings, engine, store)) as test_client:
        yield test_client


def test_layout_of_a_japanese_answer() -> None:
    text = "\n".join(
        [
            "リード[1]です。",
            "[1] 事業：説明",
            "ほかの関連事業：",
            "・[2] 関連A",
            "・[3] 関連B",
            "次の一歩：区の経営相談窓口[3]にご相談ください。",
        ]
    )
    layout = answer_layout(text)
    assert layout.lead == "リード[1]です。"
    assert layout.body == "[1] 事業：説明"
    assert layout.related == ["[2] 関連A", "[3] 関連B"]
    assert layout.next_step == "区の経営相談窓口[3]にご相談ください。"


def test_layout_of_an_english_answer_and_of_a_plain_one() -> None:
    text = "Lead [1].\n[1] A: b\nOther related measures:\n- [2] C\nNote.\nNext step: ask the desk [2]."
    layout = answer_layout(text)
    assert (layout.lead, layout.related, layout.next_step) == ("Lead [1].", ["[2] C"], "ask the desk [2].")
    assert layout.body == "[1] A: b\nNote."
    plain = answer_layout("Only one line.")
    assert (plain.lead, plain.body, plain.related, plain.next_step) == ("Only one line.", "", [], "")


def test_answer_page_escapes_the_question_and_follows_lang(client: TestClient) -> None:
    hostile = "<script>alert(1)</script> 事業承継の相談はどこでできますか"
    answer = client.post("/api/ask", json={"question": hostile}).json()
    page = client.get(f"/answers/{answer['interaction_id']}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert '<html lang="ja">' in page.text and "回答の控え" in page.text
    assert page.headers["cache-control"] == "no-store" and page.headers["x-robots-tag"] == "noindex"
    assert "経営相談件数" in page.text and "650" in page.text
    english = client.get(f"/answers/{answer['interaction_id']}", params={"lang": "en"})
    assert '<html lang="en">' in english.text and "Measures cited in the answer" in english.text
    assert client.get(f"/answers/{answer['interaction_id']}", params={"lang": "fr"}).status_code == 422


def test_unknown_answer_is_a_json_404(client: TestClient) -> None:
    response = client.get("/answers/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert "no answer" in response.json()["error"]["message"]


def test_layout_of_a_next_step_naming_another_office() -> None:
    text = "Lead [1].\n[1] A: b\n"
    text += "Next step: for pensions, turn to the pension office.\nFor the ward's measures, ask [2]."
    layout = answer_layout(text)
    assert layout.next_step == "for pensions, turn to the pension office.\nFor the ward's measures, ask [2]."
    assert layout.body == "[1] A: b"
