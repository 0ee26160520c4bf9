"""Bad corpus files give a clear error naming the file (and line), exit 2, nothing written."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.catalogue import DocumentInfo
from ingest.corpus import CorpusError, load_catalogue
from ingest.parser import ParseError, parse_vision
from service.settings import Settings

from .support import CORPUS, run_cli

DOC = DocumentInfo(id="t", file="t.txt", title="t", publisher="p", language="ja", attribution="a")
TEXT = (CORPUS / "setagaya_vision_ch3.txt").read_text(encoding="utf-8")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _without_checksum(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    for doc in manifest["documents"]:
        doc.pop("sha256", None)
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))


def _cli(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `shien` process: its exit status and stderr as a user sees them."""
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        capture_output=True,
        text=True,
        env={"SHIEN_CORPUS_DIR": str(corpus), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        cwd=corpus.parent,
        timeout=120,
    )


def test_missing_file(corpus_copy: Path) -> None:
    (corpus_copy / "setagaya_vision_ch3.txt").unlink()
    with pytest.raises(CorpusError, match=r"setagaya_vision_ch3\.txt: file not found"):
        load_catalogue(corpus_copy)


def test_empty_file(corpus_copy: Path) -> None:
    (corpus_copy / "setagaya_vision_ch3.txt").write_text("\n\n")
    with pytest.raises(CorpusError, match="file is empty"):
        load_catalogue(corpus_copy)


def test_not_utf8(corpus_copy: Path) -> None:
    (corpus_copy / "setagaya_vision_ch3.txt").write_bytes(TEXT.encode("shift_jis", errors="replace"))
    with pytest.raises(CorpusError, match=r"setagaya_vision_ch3.txt:1: not valid UTF-8"):
        load_catalogue(corpus_copy)


def test_truncated_file_fails_the_checksum(corpus_copy: Path) -> None:
    (corpus_copy / "setagaya_vision_ch3.txt").write_text(TEXT[: len(TEXT) // 2])
    with pytest.raises(CorpusError, match="does not match the manifest's sha256"):
        load_catalogue(corpus_copy)


def test_truncated_inside_a_row_names_the_line(corpus_copy: Path) -> None:
    _without_checksum(corpus_copy)
    lines = TEXT.splitlines()
    cut = lines.index("融資あっせん") + 1  # the row's targets line is gone
    (corpus_copy / "setagaya_vision_ch3.txt").write_text("\n".join(lines[:cut]))
    with pytest.raises(CorpusError, match=r"setagaya_vision_ch3.txt:\d+: .*行動指標"):
        load_catalogue(corpus_copy)


def test_unparseable_row(corpus_copy: Path) -> None:
    _without_checksum(corpus_copy)
    broken = TEXT.replace("経営相談件数 650 700 700 件", "経営相談件数", 1)
    (corpus_copy / "setagaya_vision_ch3.txt").write_text(broken)
    with pytest.raises(CorpusError, match=r"setagaya_vision_ch3.txt:\d+:"):
        load_catalogue(corpus_copy)


def test_cli_exit_status_and_message(corpus_copy: Path) -> None:
    (corpus_copy / "setagaya_vision_ch3.txt").write_text("")
    result = _cli(corpus_copy, "catalogue", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "setagaya_vision_ch3.txt: file is empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_json_has_every_row(corpus_copy: Path) -> None:
    result = run_cli("catalogue", "--json", settings=Settings(corpus_dir=corpus_copy, data_dir=corpus_copy.parent))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 137
    row = data["rows"][0]
    assert {"initiative", "name", "description", "reprint", "indicators", "span"} <= row.keys()
    assert row["indicators"][0].keys() >= {"label", "r6", "r9", "r13", "unit"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_vision(text, DOC)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEXT)))
def test_parser_on_truncated_text_succeeds_or_raises_its_own_error(cut: int) -> None:
    try:
        parse_vision(TEXT[:cut], DOC)
    except ParseError as exc:
        assert exc.file == "t.txt"
        assert exc.line >= 1


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEXT) - 1), st.text(min_size=1, max_size=20))
def test_parser_on_corrupted_text(at: int, junk: str) -> None:
    with contextlib.suppress(ParseError):
        parse_vision(TEXT[:at] + junk + TEXT[at + 1 :], DOC)
