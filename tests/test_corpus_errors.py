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

from .support import CORPUS, DATA, run_cli

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


def test_serve_with_no_index_names_the_bad_file(corpus_copy: Path) -> None:
    """`shien serve` builds a missing index in a process of its own; that build's error reaches the user as any
    command's does, and nothing is served."""
    (corpus_copy / "setagaya_vision_ch3.txt").write_text("")
    result = _cli(corpus_copy, "serve", "--port", "0")  # its data directory is the test's own (cwd/data): no index
    assert result.returncode == 2, result.stderr
    assert "setagaya_vision_ch3.txt: file is empty" in result.stderr
    assert "Traceback" not in result.stderr and "shien on http" not in result.stdout


def test_cli_json_has_every_row(corpus_copy: Path) -> None:
    result = run_cli("catalogue", "--json", settings=Settings(corpus_dir=corpus_copy, data_dir=corpus_copy.parent))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 137
    row = data["rows"][0]
    assert {"initiative", "name", "description", "reprint", "indicators", "span"} <= row.keys()
    assert row["indicators"][0].keys() >= {"label", "r6", "r9", "r13", "unit"}


# -- the table parser, reached by construction: rows generated, printed in the column layout, read back ----

SECOND = (DATA / "second_corpus" / "kanko_ch4.txt").read_text(encoding="utf-8")
TABLE_ROW = (  # the only row of the table under 12-1
    "回遊ルート案内板\nの設置\n\n寺社や公園を結ぶ回遊ルートに、多\n言語の案内板を設置します。\n\n"
    "案内板の設置数 20 30 40 基\n"
)
assert SECOND.count(TABLE_ROW) == 1
# Cell text: kana and kanji that cannot spell a heading or a side label (目指す姿, 基本的方針, 施策名, 目標値).
CELL = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはまみむめもやゆよらりるれろわん"
    "アイウエオカキクケコサシスセソ区内商業支援推進充実整備活用交流創出地域観光"
)
Indicators = list[tuple[tuple[str, str, str, str, str], bool]]
VALUE = st.from_regex(r"\A(?:[1-9][0-9]{0,2}(?:,[0-9]{3})?|－)\Z")
INDICATOR = st.tuples(
    st.text(CELL, min_size=2, max_size=20), VALUE, VALUE, VALUE, st.sampled_from(["件", "回", "人", "箇所", "事業者"])
)
ROW = st.tuples(
    st.text(CELL, min_size=3, max_size=30),
    st.text(CELL, min_size=8, max_size=60).map(lambda d: d + "。"),
    st.lists(st.tuples(INDICATOR, st.booleans()), min_size=1, max_size=3),
)


def _wrap(text: str, width: int) -> list[str]:
    """A cell as the PDF extraction prints it: broken into lines of the column's width."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def _print_row(name: str, description: str, indicators: Indicators) -> str:
    blocks = ["\n".join(_wrap(name, 8)), "\n".join(_wrap(description, 16))]
    for (label, r6, r9, r13, unit), inline in indicators:
        lines, targets = _wrap(label, 7), f"{r6} {r9} {r13} {unit}"
        if inline:  # 「…派遣数 33 33 33 件」: the label's last line carries the targets
            blocks.append("\n".join([*lines[:-1], f"{lines[-1]} {targets}"]))
        else:  # the label in a block of its own, the targets on a line below it
            blocks += ["\n".join(lines), targets]
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=4, unique_by=lambda r: r[0]))
def test_table_rows_read_back_as_printed(
    rows: list[tuple[str, str, list[tuple[tuple[str, str, str, str, str], bool]]]],
) -> None:
    text = SECOND.replace(TABLE_ROW, "\n".join(_print_row(*row) for row in rows), 1)
    catalogue = parse_vision(text, DOC)
    read = [r for r in catalogue.rows if r.initiative == "12-1"]
    assert [(r.name, r.description, r.reprint) for r in read] == [(name, desc, False) for name, desc, _ in rows]
    assert [[(i.label, i.r6, i.r9, i.r13, i.unit) for i in r.indicators] for r in read] == [
        [indicator for indicator, _ in indicators] for _, _, indicators in rows
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_in_a_table_is_read_or_refused(junk: str) -> None:
    """Any text where a row stands reaches the table parser: it parses, or raises a ParseError naming a line."""
    text = SECOND.replace(TABLE_ROW, junk + "\n", 1)
    try:
        parse_vision(text, DOC)
    except ParseError as exc:
        assert 1 <= exc.line <= len(text.splitlines()) + 1


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
