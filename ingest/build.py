"""`shien ingest`: corpus → catalogue and guide → documents → embedded Chroma collections, switched in atomically."""

from __future__ import annotations

from pathlib import Path

from ingest.card import Cards
from ingest.corpus import corpus_hash, load_catalogue, load_corpus_guide
from ingest.documents import build_documents, build_units
from ingest.embeddings import CachedEmbeddings
from ingest.index import IndexInfo, IndexStore, Progress, Units


def corpus_cards(corpus_dir: Path) -> Cards:
    """The catalogue of the corpus and the card of each of its measures (`cards.catalogue` holds the catalogue)."""
    catalogue = load_catalogue(corpus_dir)
    return Cards(catalogue, load_corpus_guide(corpus_dir, catalogue))


def build_index(
    corpus_dir: Path,
    store: IndexStore,
    embeddings: CachedEmbeddings,
    progress: Progress | None = None,
    units_embeddings: CachedEmbeddings | None = None,
) -> IndexInfo:
    """Parse the corpus and build a new index; the previous one serves until the switch."""
    cards = corpus_cards(corpus_dir)
    docs = build_documents(cards.catalogue, cards)
    units = Units(build_units(cards), units_embeddings, units_embeddings.id) if units_embeddings else None
    return store.build(docs, embeddings, embeddings.id, corpus_hash(corpus_dir), progress, units)
