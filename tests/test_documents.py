"""A second document beside the vision: a made-up chapter (tests/data/second_corpus) with 2 policies,
3 goals, 4 initiatives and a 重点事業 table, merged into one corpus with no id collision."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ingest.corpus import CorpusError, load_catalogue
from ingest.documents import build_documents
from service.api.app import create_app
from service.engine import Engine, build
from service.search.retrieval import Filters
from service.settings import Settings

from .support import CORPUS, DATA

SECOND = DATA / "second_corpus"
SHIPPED_DESK = "m-bf3bbb44"  # 経営相談窓口の充実 of the vision


def corpus_of_both(target: Path, second_twice: bool = False) -> Path:
    """The shipped corpus plus the second document, as a ward would add it: its text and a manifest entry."""
    shutil.copytree(CORPUS, target)
    shutil.copy(SECOND / "kanko_ch4.txt", target / "kanko_ch4.txt")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    added = json.loads((SECOND / "manifest.json").read_text(encoding="utf-8"))["documents"]
    if second_twice:
        added = [*added, {**added[0], "id": "kanko-ch4-copy"}]
    manifest["documents"] += added
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Engine:
    tmp = tmp_path_factory.mktemp("two-documents")
    config = settings.model_copy(update={"data_dir": tmp / "data", "corpus_dir": corpus_of_both(tmp / "corpus")})
    build(config)
    return Engine.load(config)


@pytest.fixture(scope="module")
def client(both: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(both.settings.model_copy(update={"rate_limit_per_minute": 1000}), both)) as c:
        yield c


def second_measure(engine: Engine, name: str) -> str:
    found = [m.id for m in engine.catalogue.measures if m.name == name and m.span.document == "kanko-ch4"]
    assert len(found) == 1, name
    return found[0]


def test_catalogue_holds_both_documents(both: Engine) -> None:
    cat = both.catalogue
    shipped = load_catalogue(CORPUS)
    assert [d.id for d in cat.documents] == ["setagaya-vision-ch3", "kanko-ch4"]
    assert [p.number for p in cat.policies] == [1, 2, 3, 4, 5, 6]
    assert [g.number for g in cat.goals] == list(range(1, 15))
    assert [g.policy for g in cat.goals[11:]] == [5, 5, 6]
    assert [i.code for i in cat.initiatives[-4:]] == ["12-1", "12-2", "13-1", "14-1"]
    assert len(cat.measures) == len(shipped.measures) + 4
    ids = [m.id for m in cat.measures]
    assert len(set(ids)) == len(ids)
    # The vision's ids are untouched; the chapter's own 経営相談窓口の充実 gets an id of its own.
    assert {m.id for m in shipped.measures} <= set(ids)
    assert second_measure(both, "経営相談窓口の充実") != SHIPPED_DESK
    assert cat.desk_measure_id() == SHIPPED_DESK
    # A 【再掲】 row of the chapter joins its original there.
    signs = cat.measure(second_measure(both, "回遊ルート案内板の設置"))
    assert signs is not None and signs.initiatives == ["12-1", "13-1"]
    assert signs.span.document == "kanko-ch4" and signs.span.file == "kanko_ch4.txt"


def test_index_covers_both(both: Engine) -> None:
    documents = build_documents(both.catalogue, both.cards)
    assert len({d.id for d in documents}) == len(documents)
    assert both.retriever.info.documents == len(documents)
    hits = both.retriever.search("観光案内所の多言語対応", k=3, filters=Filters(kind="measure"))
    assert hits[0].measure_id == second_measure(both, "観光案内所の多言語対応")
    hits = both.retriever.search("融資あっせん", k=3, filters=Filters(kind="measure"))
    assert hits[0].name == "融資あっせん及び利子補給による事業者負担の軽減"


def test_search_filters_cover_both(client: TestClient, both: Engine) -> None:
    tourism_desk = second_measure(both, "経営相談窓口の充実")
    on_6 = client.get("/api/search", params={"q": "経営相談", "policy": 6, "kind": "measure"}).json()["hits"]
    assert [h["measure_id"] for h in on_6] == [tourism_desk]
    on_2 = client.get("/api/search", params={"q": "経営相談", "goal": 2, "kind": "measure"}).json()["hits"]
    assert SHIPPED_DESK in [h["measure_id"] for h in on_2] and tourism_desk not in [h["measure_id"] for h in on_2]
    bad = client.get("/api/search", params={"q": "経営相談", "policy": 7})
    assert bad.status_code == 422
    assert "1, 2, 3, 4, 5, 6" in bad.json()["error"]["message"]
    assert client.get("/api/measures", params={"goal": 15}).status_code == 422
    assert {m["id"] for m in client.get("/api/measures", params={"goal": 13}).json()} == {
        second_measure(both, "観光案内所の多言語対応"),
        second_measure(both, "回遊ルート案内板の設置"),
    }


def test_answer_from_the_second_document(both: Engine) -> None:
    answer = both.composer.compose("多言語対応の案内所数のR9の目標は？")
    assert answer.kind == "number" and not answer.abstained
    assert answer.citations[0].measure_id == second_measure(both, "観光案内所の多言語対応")
    assert answer.citations[0].source.document == "kanko-ch4"
    assert "3箇所" in answer.text


def test_pages_cover_both(client: TestClient, both: Engine) -> None:
    listing = client.get("/measures").text
    assert listing.count('class="measure-card') == len(both.catalogue.measures)
    on_5 = client.get("/measures", params={"policy": "5"}).text
    assert "観光案内所の多言語対応" in on_5 and "融資あっせん" not in on_5
    assert client.get("/measures", params={"policy": "9"}).status_code == 422
    detail = client.get(f"/measures/{second_measure(both, '観光案内所の多言語対応')}").text
    assert "観光案内所に多言語対応のスタッフ" in detail and "架空の章" in detail
    assert "経営相談窓口の充" in client.get(f"/measures/{SHIPPED_DESK}").text


def test_documents_printing_the_same_numbers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="基本的方針 5 is in both 'kanko-ch4' and 'kanko-ch4-copy'"):
        load_catalogue(corpus_of_both(tmp_path / "corpus", second_twice=True))


def test_desk_measure_must_be_printed(tmp_path: Path) -> None:
    corpus = corpus_of_both(tmp_path / "corpus")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"][1]["desk_measure"] = "観光相談窓口"
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match="desk_measure '観光相談窓口' of 'kanko-ch4' is not a measure name"):
        load_catalogue(corpus)
