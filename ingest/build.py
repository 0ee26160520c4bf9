"""`shien ingest`: corpus → catalogue → documents → embedded Chroma collection, switched in atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.corpus import corpus_hash, load_catalogue
from ingest.documents import build_documents
from ingest.embeddings import CachedEmbeddings
from ingest.index import IndexInfo, IndexStore


def build_index(
    corpus_dir: Path,
    store: IndexStore,
    embeddings: CachedEmbeddings,
    progress: Callable[[int, int], None] | None = None,
) -> IndexInfo:
    """Parse the corpus and build a new index; the previous one serves until the switch."""
    catalogue = load_catalogue(corpus_dir)
    docs = build_documents(catalogue)
    return store.build(docs, embeddings, embeddings.id, corpus_hash(corpus_dir), progress)
