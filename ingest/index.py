"""The Chroma index: build a new collection, then switch to it atomically.

The active collection is named by a pointer record (in a small collection of
its own, so it works the same on disk and on a Chroma server). A build writes
a fresh collection and only then moves the pointer: a failed or interrupted
ingest leaves the previous index serving. The pointer records the corpus hash
and the embedder id, so a query-time mismatch is caught.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from ingest.documents import IndexDocument

POINTER_COLLECTION = "shien_pointer"
POINTER_ID = "active"
COLLECTION_PREFIX = "shien_idx_"
BATCH = 64  # passages per embedding call: big enough to share between worker processes
UNITS_SUFFIX = "_units"
KEEP_BUILDS = 3  # serving replicas switch to a new build within seconds; older builds stay that long

Progress = Callable[[str, int, int], None]
"""Told (stage, done, total) as a build goes. The stages, in order: "embedding" (passages), "writing" (the new
collection), "writing units", "switching" (0/1 right before the pointer moves, 1/1 after), "cleaning up"
(older builds dropped; only when there are some)."""


@dataclass(frozen=True)
class Units:
    """The second model's short units and the embedder that embeds them."""

    docs: list[IndexDocument]
    embeddings: Embeddings
    embedder_id: str


class IndexNotReady(RuntimeError):
    """The index is missing or does not match the corpus or embedder: run `shien ingest`."""


@dataclass(frozen=True)
class IndexInfo:
    """What the pointer records about the active collection."""

    collection: str
    corpus_hash: str
    embedder_id: str
    built_at: str
    documents: int
    units_collection: str = ""
    units_embedder_id: str = ""


def open_client(data_dir: Path, chroma_url: str = "") -> Any:
    """A Chroma client: on disk under `data_dir/chroma`, or a server when `chroma_url` is set."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if chroma_url:
        from urllib.parse import urlparse

        url = urlparse(chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=settings,
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


class IndexStore:
    """The collections of one Chroma client and the pointer to the active one."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def _pointer(self) -> Any:
        return self.client.get_or_create_collection(POINTER_COLLECTION, embedding_function=None)

    def active(self) -> IndexInfo | None:
        """The active index, or None when nothing was ever built."""
        got = self._pointer().get(ids=[POINTER_ID], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return IndexInfo(
            collection=str(meta["collection"]),
            corpus_hash=str(meta["corpus_hash"]),
            embedder_id=str(meta["embedder_id"]),
            built_at=str(meta["built_at"]),
            documents=int(meta["documents"]),
            units_collection=str(meta.get("units_collection", "")),
            units_embedder_id=str(meta.get("units_embedder_id", "")),
        )

    def require(self, corpus_hash: str, embedder_id: str, units_embedder_id: str = "") -> IndexInfo:
        """The active index, checked against the corpus and the embedders in use."""
        info = self.active()
        if info is None:
            raise IndexNotReady("no index has been built yet; run `shien ingest`")
        for built, configured in ((info.embedder_id, embedder_id), (info.units_embedder_id, units_embedder_id)):
            if built != configured:
                raise IndexNotReady(
                    f"the index was built with {built or 'no second model'!r} but {configured or 'none'!r} "
                    "is configured; run `shien ingest`"
                )
        if info.corpus_hash != corpus_hash:
            raise IndexNotReady("the corpus changed since the index was built; run `shien ingest`")
        return info

    def collection(self, info: IndexInfo) -> Any:
        """The Chroma collection an `IndexInfo` names."""
        return self.client.get_collection(info.collection, embedding_function=None)

    def units(self, info: IndexInfo) -> Any | None:
        """The collection of the second model's units, or None when the build has none."""
        if not info.units_collection:
            return None
        return self.client.get_collection(info.units_collection, embedding_function=None)

    def _write(
        self, name: str, docs: list[IndexDocument], vectors: list[list[float]], stage: str, progress: Progress
    ) -> None:
        collection = self.client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
        progress(stage, 0, len(docs))
        for start in range(0, len(docs), 256):
            batch = docs[start : start + 256]
            collection.add(
                ids=[d.id for d in batch],
                documents=[d.text for d in batch],
                metadatas=[d.metadata for d in batch],
                embeddings=vectors[start : start + 256],
            )
            progress(stage, min(start + 256, len(docs)), len(docs))
        if collection.count() != len(docs):
            raise IndexNotReady(f"wrote {collection.count()} of {len(docs)} documents to {name}")

    def build(
        self,
        docs: list[IndexDocument],
        embeddings: Embeddings,
        embedder: str,
        corpus_hash: str,
        progress: Progress | None = None,
        units: Units | None = None,
    ) -> IndexInfo:
        """Embed and write `docs` (and the second model's `units`) to new collections, then point at them."""
        report: Progress = progress or _quiet
        previous = self.active()
        name = f"{COLLECTION_PREFIX}{datetime.now(UTC):%Y%m%d%H%M%S}_{uuid.uuid4().hex[:6]}"
        # The second model is small and numpy-bound: it embeds its units on the other core meanwhile.
        with ThreadPoolExecutor(max_workers=1) as pool:
            unit_vectors = (
                pool.submit(units.embeddings.embed_documents, [d.text for d in units.docs]) if units else None
            )
            vectors: list[list[float]] = []
            for start in range(0, len(docs), BATCH):
                batch = docs[start : start + BATCH]
                vectors.extend(embeddings.embed_documents([d.text for d in batch]))
                report("embedding", min(start + BATCH, len(docs)), len(docs))
            self._write(name, docs, vectors, "writing", report)
            if units and unit_vectors:
                self._write(f"{name}{UNITS_SUFFIX}", units.docs, unit_vectors.result(), "writing units", report)
        info = IndexInfo(
            collection=name,
            corpus_hash=corpus_hash,
            embedder_id=embedder,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            documents=len(docs),
            units_collection=f"{name}{UNITS_SUFFIX}" if units else "",
            units_embedder_id=units.embedder_id if units else "",
        )
        # The switch: one upsert of the pointer record.
        # The pointer record carries a dummy vector so Chroma never reaches for its own embedder.
        report("switching", 0, 1)
        self._pointer().upsert(ids=[POINTER_ID], embeddings=[[1.0]], metadatas=[asdict(info)])
        report("switching", 1, 1)
        self._drop_stale({name, previous.collection if previous else name}, report)
        return info

    def _drop_stale(self, keep: set[str], progress: Progress) -> None:
        """Drop collections of older builds, keeping the newest few for replicas still reading them."""
        names = [
            n
            for col in self.client.list_collections()
            if (n := col if isinstance(col, str) else col.name) and n.startswith(COLLECTION_PREFIX)
        ]
        builds = sorted({n.removesuffix(UNITS_SUFFIX) for n in names})
        keep = keep | set(builds[-KEEP_BUILDS:])
        stale = [n for n in names if n.removesuffix(UNITS_SUFFIX) not in keep]
        for done, col_name in enumerate(stale):
            progress("cleaning up", done, len(stale))
            self.client.delete_collection(col_name)
        if stale:
            progress("cleaning up", len(stale), len(stale))


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress report."""
