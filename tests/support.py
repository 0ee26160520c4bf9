"""Constants and helpers shared by the test modules (fixtures are in conftest.py).

Test modules import from here, never from each other.
"""

from __future__ import annotations

import fcntl
import json
import logging
import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from typer.testing import CliRunner, Result

from service.answer.model import Answer, Turn
from service.cli import app
from service.engine import Engine
from service.settings import Settings

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"
DATA = PROJECT / "tests" / "data"
ARTIFACTS = PROJECT / "tests" / "artifacts"
# Kept between runs (gitignored): vectors keyed by embedder and text, so only new text is embedded.
VECTOR_CACHE = PROJECT / ".cache" / "vectors"

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# References the answer itself makes (markers, years, codes), written here independently of service.answer.verify.
STRUCTURAL = (
    r"\[\d+\]|R(6|9|13)(?![0-9])|令和(6|9|13)年度|FY(2024|2027|2031)"
    r"|\d{1,2}-\d{1,2}|方針\d|目指す姿\d+|[Pp]olicy \d|[Gg]oal \d+"
    r"|ビジョンに\d+件|lists \d+ priority"  # the count of a list answer
)

FIGURES = ARTIFACTS / "reliability.json"


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing), across threads and processes (pytest-xdist).

    flock locks an open file description, so two opens conflict even within one process.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def record(**figures: int) -> None:
    """Add to the reliability figures of this run (for docs/reliability.md) and save them.

    The file is emptied when a run starts (conftest.py); every worker process of the run adds to it.
    """
    with exclusive(FIGURES.with_suffix(".lock")):
        counts: Counter[str] = Counter(json.loads(FIGURES.read_text()) if FIGURES.exists() else {})
        counts.update(figures)
        FIGURES.write_text(json.dumps(dict(counts), indent=2))


def copy_vector_cache(source: Path, target: Path) -> None:
    """Copy a vector cache directory, each SQLite file as a consistent snapshot (SQLite's backup), so a copy
    taken while another worker's build writes to the shared cache is never torn."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.sqlite"):
        with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(target / path.name)) as dst:
            src.backup(dst)


def own_copy(tmp: Path, settings: Settings, *, index: bool) -> Settings:
    """Settings over a corpus copy and a data directory of one test's own, holding a copy of the vector cache
    (so a test may delete or spoil it) and, with `index`, of the session's index."""
    shutil.copytree(CORPUS, tmp / "corpus")
    if index:
        shutil.copytree(settings.data_dir, tmp / "data")
    copy_vector_cache(settings.vector_cache_dir(), tmp / "data" / "cache")
    return Settings(data_dir=tmp / "data", corpus_dir=tmp / "corpus")


def run_cli(*args: str, settings: Settings) -> Result:
    """`shien ARGS` in this process, with the environment naming `settings`' directories.

    A subprocess would only add an interpreter and model load; one test per exit path still runs
    the real command in a process (see test_corpus_errors.py).
    """
    env = {
        "SHIEN_DATA_DIR": str(settings.data_dir),
        "SHIEN_CORPUS_DIR": str(settings.corpus_dir),
        "SHIEN_CACHE_DIR": str(settings.vector_cache_dir()),
        "COLUMNS": "200",
    }
    return CliRunner().invoke(app, list(args), env=env)


class _FailedVerification(logging.Handler):
    """The composer's "failed verification" errors (an answer its check had to replace)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        if "failed verification" in record.getMessage():
            self.messages.append(record.getMessage())


class FirstTurns:
    """The engine's composer, with each question asked with no conversation before it answered once per worker: the
    question-set modules (answers, quality) ask the same questions. Answers its check had to replace are kept in
    `failures`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.failures: list[str] = []
        self._answers: dict[str, Answer] = {}

    def compose(self, question: str, history: list[Turn] | None = None) -> Answer:
        """The composer's answer; from the first time it was asked when there is no conversation before it."""
        if history:
            return self.engine.composer.compose(question, history)
        if question not in self._answers:
            logger = logging.getLogger("service.answer.compose")
            watcher = _FailedVerification(self.failures)
            logger.addHandler(watcher)
            try:
                self._answers[question] = self.engine.composer.compose(question)
            finally:
                logger.removeHandler(watcher)
        return self._answers[question]
