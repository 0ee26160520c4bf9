"""Reliability under hostile or arbitrary input: API fuzzing, property tests, concurrent writes.

Figures are written to tests/artifacts/reliability.json for docs/reliability.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.api.app import create_app
from service.engine import Engine
from service.feedback import FeedbackStore
from service.settings import Settings

from .support import record


@pytest.fixture(scope="module")
def app(settings: Settings, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    db = tmp_path_factory.mktemp("fuzz") / "fb.sqlite3"
    config = settings.model_copy(update={"rate_limit_per_minute": 1_000_000, "database_url": f"sqlite:///{db}"})
    application = create_app(config, engine)
    with TestClient(application):  # runs the lifespan: opens the feedback store
        yield application


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def test_api_fuzzing(app: FastAPI) -> None:
    """Every operation, schema-generated input: no 5xx, and every response matches the schema."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 9
    failures: list[str] = []
    for operation in operations:
        label = operation.label

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case: schemathesis.Case[Any]) -> None:
            response = case.call()
            server_error = response.status_code >= 500
            try:
                case.validate_response(response, checks=[schemathesis.checks.response_schema_conformance])
                violation = False
            except AssertionError:
                violation = True
            record(fuzz_requests=1, fuzz_5xx=int(server_error), fuzz_schema_violations=int(violation))
            if server_error or violation:
                failures.append(f"{label}: {response.status_code} {response.text[:200]}")  # noqa: B023 - runs now

        fuzz()
    record(fuzz_operations=len(operations))
    assert failures == []


QUESTION_TEXT = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # kanji
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width forms
        st.characters(min_codepoint=0xFF61, max_codepoint=0xFF9F),  # half-width katakana
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
        st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
        st.characters(min_codepoint=0x0000, max_codepoint=0x001F),  # control characters
        st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # right-to-left scripts
        st.sampled_from(["\u202e", "\u200b", "\ufeff", " ", "R9", "[1]", "<script>", "0", "1,750"]),
        st.characters(codec="utf-8"),
    ),
    max_size=530,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(question=QUESTION_TEXT)
def test_answer_and_search_never_crash(client: TestClient, question: str) -> None:
    """Any text: 200 with an answer, or 422 saying why (empty, too long, a NUL character); never a 5xx."""
    answer = client.post("/api/ask", json={"question": question})
    search = client.get("/api/search", params={"q": question})
    record(property_cases=1, property_5xx=int(answer.status_code >= 500) + int(search.status_code >= 500))
    stripped = question.strip()
    expected = 422 if not stripped or len(stripped) > 500 or "\x00" in question else 200
    assert answer.status_code == expected, answer.text
    assert search.status_code in (200, 422)
    if expected == 422:
        assert answer.json()["error"]["message"]
    else:
        body = answer.json()
        assert {int(n) for n in re.findall(r"\[(\d+)\]", body["text"])} <= {c["n"] for c in body["citations"]}


@pytest.mark.parametrize("length", [499, 500, 501, 5000])
def test_question_length_cap(client: TestClient, length: int) -> None:
    response = client.post("/api/ask", json={"question": "融" * length})
    if length <= 500:
        assert response.status_code == 200
    else:
        assert response.status_code == 422
        assert f"too long ({length} characters); the limit is 500" in response.json()["error"]["message"]


def _concurrent_ratings(store: FeedbackStore, engine: Engine, writes: int, threads: int) -> int:
    """`writes` ratings over 100 answers at once (ten each: one rating per answer is kept); lost writes."""
    answer = engine.composer.compose("融資")
    interactions = [store.record("融資", answer) for _ in range(100)]
    before = store.counts()[1]

    def rate(i: int) -> None:
        store.rate(interactions[i % 100], helpful=i % 2 == 0, comment=f"#{i}")

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(rate, range(writes)))
    lost = 0
    for n, interaction in enumerate(interactions):
        found = store.interaction(interaction)
        assert found is not None
        comments = [r.comment for r in found[1]]
        lost += len(comments) != 1 or int(comments[0][1:]) % 100 != n  # one rating, one of this answer's writes
    assert store.counts()[1] - before == 100
    return lost


def test_concurrent_rating_writes_sqlite(tmp_path: Path, engine: Engine) -> None:
    store = FeedbackStore(f"sqlite:///{tmp_path / 'fb.sqlite3'}", retention_days=30)
    lost = _concurrent_ratings(store, engine, writes=1000, threads=16)
    record(ratings_written_sqlite=1000, ratings_lost_sqlite=lost)
    assert lost == 0


def test_concurrent_rating_writes_postgresql(engine: Engine, postgres_url: str) -> None:
    store = FeedbackStore(postgres_url, retention_days=30)
    lost = _concurrent_ratings(store, engine, writes=1000, threads=16)
    record(ratings_written_postgresql=1000, ratings_lost_postgresql=lost)
    assert lost == 0
