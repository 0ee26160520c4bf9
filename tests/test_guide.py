"""The plain-language guide: `shien guide check` passes on the shipped corpus and names every kind of problem."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.catalogue import Catalogue
from ingest.corpus import load_corpus_guide
from ingest.guide import check_guide, guide_path, source_hash
from service.cli import app

from .support import CORPUS

DOCUMENT = "setagaya-vision-ch3"
FLOWERS = "農業者と区民とのふれあいの場の創出"


def run_check(corpus: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["guide", "check"], env={"SHIEN_CORPUS_DIR": str(corpus)})
    return result.exit_code, result.output


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def edit_guide(corpus: Path, edit: object) -> None:
    path = guide_path(corpus, DOCUMENT)
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def measure_id_named(catalogue: Catalogue, name: str) -> str:
    return next(m.id for m in catalogue.measures if m.name == name)


def test_shipped_guide_is_complete_current_and_safe(catalogue: Catalogue) -> None:
    guide = load_corpus_guide(CORPUS, catalogue)
    assert check_guide(catalogue, guide) == []
    code, output = run_check(CORPUS)
    assert code == 0, output
    assert "70 entries" in output


def test_every_measure_reads_in_english(catalogue: Catalogue) -> None:
    guide = load_corpus_guide(CORPUS, catalogue)
    for measure in catalogue.measures:
        entry = guide.entry(measure.id)
        assert entry is not None, measure.name
        assert entry.en.name and entry.en.summary and entry.en.audience and entry.ja.audience
        assert set(entry.en.indicators) == {i.label for i in measure.indicators}
        assert set(entry.en.counts) == set(entry.ja.counts) == {i.label for i in measure.indicators}
        assert len(entry.en.needs) >= 8 and len(entry.ja.needs) >= 8
    setagaya_pay = guide.entry(measure_id_named(catalogue, "地域経済循環の推進（せたがやPay事業の実施）"))
    assert setagaya_pay is not None and "Setagaya Pay" in setagaya_pay.en.name


def test_missing_entry_is_named(corpus_copy: Path, catalogue: Catalogue) -> None:
    flowers = measure_id_named(catalogue, FLOWERS)
    edit_guide(corpus_copy, lambda d: d["measures"].pop(flowers))
    code, output = run_check(corpus_copy)
    assert code == 2
    assert flowers in output and "no guide entry" in output


def test_stale_hash_is_named(corpus_copy: Path, catalogue: Catalogue) -> None:
    flowers = measure_id_named(catalogue, FLOWERS)
    edit_guide(corpus_copy, lambda d: d["measures"][flowers].update(source_hash="0" * 16))
    code, output = run_check(corpus_copy)
    assert code == 2
    assert flowers in output and "source_hash" in output and "shien guide stamp" in output
    assert source_hash(next(m for m in catalogue.measures if m.id == flowers)) != "0" * 16


def test_invented_number_is_named(corpus_copy: Path, catalogue: Catalogue) -> None:
    flowers = measure_id_named(catalogue, FLOWERS)
    edit_guide(corpus_copy, lambda d: d["measures"][flowers]["en"]["needs"].append("flowers at 12 schools"))
    code, output = run_check(corpus_copy)
    assert code == 2
    assert "en.needs" in output and "number 12 is not printed" in output


@pytest.mark.parametrize(
    ("lang", "promise"),
    [
        ("ja", "補助率は2分の1で必ずもらえる"),
        ("ja", "参加費は無料です"),
        ("en", "grants of up to a million yen"),
        ("en", "apply before the deadline"),
    ],
)
def test_forbidden_promise_is_named(corpus_copy: Path, catalogue: Catalogue, lang: str, promise: str) -> None:
    flowers = measure_id_named(catalogue, FLOWERS)
    edit_guide(corpus_copy, lambda d: d["measures"][flowers][lang]["needs"].append(promise))
    code, output = run_check(corpus_copy)
    assert code == 2
    assert f"{lang}.needs" in output and "promises a programme term" in output


def test_what_an_indicator_counts_is_required_and_checked(corpus_copy: Path, catalogue: Catalogue) -> None:
    """Every indicator says what it counts in both languages; a missing one and an invented number are named."""
    flowers = measure_id_named(catalogue, FLOWERS)
    label = "花栽培実施小学校数"

    def edit(d: dict[str, dict[str, dict[str, dict[str, dict[str, str]]]]]) -> None:
        d["measures"][flowers]["ja"]["counts"].pop(label)
        d["measures"][flowers]["en"]["counts"][label] = "Primary schools growing flowers, 12 of them"

    edit_guide(corpus_copy, edit)
    code, output = run_check(corpus_copy)
    assert code == 2
    assert f"ja.counts[{label}]: no everyday words for what this indicator counts" in output
    assert f"en.counts[{label}]: number 12 is not printed" in output


def test_stamp_records_a_review(corpus_copy: Path, catalogue: Catalogue) -> None:
    flowers = measure_id_named(catalogue, FLOWERS)
    edit_guide(corpus_copy, lambda d: d["measures"][flowers].update(source_hash="0" * 16))
    runner = CliRunner()
    result = runner.invoke(app, ["guide", "stamp", flowers], env={"SHIEN_CORPUS_DIR": str(corpus_copy)})
    assert result.exit_code == 0, result.output
    assert run_check(corpus_copy)[0] == 0
    unknown = runner.invoke(app, ["guide", "stamp", "m-00000000"], env={"SHIEN_CORPUS_DIR": str(corpus_copy)})
    assert unknown.exit_code == 2 and "m-00000000" in unknown.output
