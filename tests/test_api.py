"""The HTTP API: every route, good and bad input, limits and headers."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ingest.documents import build_documents
from service.api.app import create_app
from service.engine import Engine
from service.settings import Settings

EMBEDDER = "https://www.city.setagaya.example"


@pytest.fixture(scope="module")
def client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"embed_origins": [EMBEDDER], "rate_limit_per_minute": 1000}), engine)
    with TestClient(app) as test_client:
        yield test_client


def error_message(response: object) -> str:
    return str(response.json()["error"]["message"])  # type: ignore[attr-defined]


def test_health_and_ready(client: TestClient, engine: Engine) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["index"]["documents"] == len(build_documents(engine.catalogue, engine.cards))


def test_not_ready_without_an_index(tmp_path: object, settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"data_dir": tmp_path}))
    with TestClient(app) as c:
        ready = c.get("/readyz")
        assert ready.status_code == 503
        assert "shien ingest" in error_message(ready)
        ask = c.post("/api/ask", json={"question": "融資"})
        assert ask.status_code == 503
        assert "shien ingest" in error_message(ask)
        assert c.get("/healthz").status_code == 200


def test_ask_json(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": "R9のAED設置台数の目標は？"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["kind"] == "number" and answer["lang"] == "ja" and not answer["abstained"]
    assert "110台" in answer["text"]
    assert answer["citations"][0]["source"]["lines"] == [952, 969]


def test_ask_with_history_and_language(client: TestClient) -> None:
    history = [{"role": "user", "text": "商店街に防犯カメラを付ける補助はありますか"}]
    answer = client.post("/api/ask", json={"question": "その目標値は？", "history": history}).json()
    assert "防犯カメラの設置台数" in answer["text"]
    english = client.post("/api/ask", json={"question": "融資", "lang": "en"}).json()
    assert english["lang"] == "en" and english["text"].startswith("The closest fit")


def test_ask_streams_server_sent_events(client: TestClient) -> None:
    with client.stream(
        "POST",
        "/api/ask",
        json={"question": "事業承継の相談はどこでできますか"},
        headers={"accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = []
    for frame in raw.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-2:] == ["citations", "done"]
    assert names.count("delta") > 3
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["text"]
    assert events[-2][1] == done["citations"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": ""}, "question is empty"),
        ({"question": "   "}, "question is empty"),
        ({"question": "あ" * 501}, "too long (501 characters); the limit is 500"),
        ({}, "invalid body.question: Field required"),
        ({"question": 42}, "invalid body.question"),
        ({"question": "融資", "lang": "fr"}, "invalid body.lang"),
        ({"question": "融資", "history": [{"role": "system", "text": "x"}]}, "invalid body.history.0.role"),
    ],
)
def test_ask_bad_input(client: TestClient, body: dict[str, object], fragment: str) -> None:
    response = client.post("/api/ask", json=body)
    assert response.status_code == 422
    assert fragment in error_message(response)


def test_ask_broken_json(client: TestClient) -> None:
    response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "not valid JSON" in error_message(response)


def test_body_size_cap(client: TestClient) -> None:
    response = client.post(
        "/api/ask", content=b"{" + b" " * 20_000 + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "at most 16384 bytes" in error_message(response)


def test_body_size_cap_without_content_length(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # sent chunked: the cap is enforced on the stream itself
        yield b'{"question": "'
        yield b"x" * 20_000
        yield b'"}'

    response = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "at most 16384 bytes" in error_message(response)


def test_search(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "事業を息子に継がせたい", "k": 3, "kind": "measure"}).json()["hits"]
    assert len(hits) == 3
    # Both succession measures answer it: the platform and the desk's succession consultations.
    assert "事業承継の円滑な推進（事業承継プラットフォームの構築）" in [h["name"] for h in hits]
    filtered = client.get("/api/search", params={"q": "支援", "goal": 11}).json()["hits"]
    assert all(h["kind"] == "section" or any(c.startswith("11-") for c in h["initiatives"]) for h in filtered)


@pytest.mark.parametrize(
    "params", [{"q": ""}, {"q": "x", "k": 0}, {"q": "x", "initiative": "3_1"}, {"q": "x", "kind": "page"}, {}]
)
def test_search_bad_input(client: TestClient, params: dict[str, str | int]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert error_message(response)


def test_measures(client: TestClient) -> None:
    everything = client.get("/api/measures").json()
    assert len(everything) == 70
    goal3 = client.get("/api/measures", params={"goal": 3}).json()
    assert goal3 and all(3 in m["goals"] for m in goal3)
    detail = client.get("/api/measures/m-bf3bbb44").json()
    assert detail["name"] == "経営相談窓口の充実"
    assert [p["initiative"] for p in detail["placements"]] == ["2-1", "4-1", "4-3", "7-2"]
    assert detail["source"]["lines"] == [1333, 1346]


def test_unknown_measure(client: TestClient) -> None:
    response = client.get("/api/measures/m-nothing")
    assert response.status_code == 404
    assert "no measure with id 'm-nothing'" in error_message(response)


def test_initiatives_and_catalogue(client: TestClient) -> None:
    initiatives = client.get("/api/initiatives").json()
    assert len(initiatives) == 38
    assert initiatives[0]["code"] == "1-1" and len(initiatives[0]["measures"]) == 5
    catalogue = client.get("/api/catalogue").json()
    assert len(catalogue["rows"]) == 137


def test_csv_export(client: TestClient) -> None:
    response = client.get("/measures.csv", params={"ids": "m-bf3bbb44,m-6bdf105b"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,施策名,事業内容")
    assert len(lines) == 1 + 1 + 3  # header, one indicator, three indicators
    assert "経営相談件数,650,700,700,件" in lines[1]
    assert client.get("/measures.csv", params={"ids": "m-nope"}).status_code == 404


def test_pages_render_and_escape(client: TestClient) -> None:
    for path in ("/", "/?lang=en", "/embed", "/measures", "/measures/m-bf3bbb44", "/widget/demo"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]
    hostile = client.get("/measures", params={"q": "<script>alert(1)</script>創業"})
    assert "<script>alert(1)</script>" not in hostile.text
    assert "&lt;script&gt;" in hostile.text
    assert client.get("/measures/m-nope").status_code == 404


def test_security_headers(client: TestClient) -> None:
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert csp.endswith("frame-ancestors 'self'")
    assert page.headers["x-frame-options"] == "SAMEORIGIN"
    embed = client.get("/embed")
    assert embed.headers["content-security-policy"].endswith(f"frame-ancestors 'self' {EMBEDDER}")
    assert "x-frame-options" not in embed.headers
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("application/javascript")


def test_cors_follows_the_embed_list(client: TestClient) -> None:
    allowed = client.options("/api/ask", headers={"origin": EMBEDDER, "access-control-request-method": "POST"})
    assert allowed.headers.get("access-control-allow-origin") == EMBEDDER
    other = client.post("/api/ask", json={"question": "融資"}, headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_rate_limit(settings: Settings, engine: Engine) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 3}), engine)
    with TestClient(app) as c:
        codes = [c.get("/api/search", params={"q": "融資"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = c.get("/api/search", params={"q": "融資"})
        assert int(limited.headers["retry-after"]) >= 1
        assert "at most 3 per minute" in error_message(limited)
        assert c.post("/api/ask", json={"question": "融資"}).status_code == 200  # separate per route
        assert c.get("/api/measures").status_code == 200


def test_unknown_route_and_method(client: TestClient) -> None:
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and "no page or API route at /api/nothing" in error_message(missing)
    wrong = client.put("/api/ask", json={"question": "融資"})
    assert wrong.status_code == 405 and "PUT is not allowed on /api/ask" in error_message(wrong)


def test_openapi_operation_ids(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "ask",
        "search",
        "list_measures",
        "get_measure",
        "list_initiatives",
        "get_catalogue",
        "healthz",
        "readyz",
    } <= ids
