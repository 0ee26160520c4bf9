"""Everything the service loads once: catalogue, embedder, index, retriever."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ingest.build import build_index
from ingest.card import Cards
from ingest.catalogue import Catalogue
from ingest.corpus import corpus_hash, load_catalogue, load_corpus_guide
from ingest.embeddings import CachedEmbeddings, load_embeddings
from ingest.index import IndexInfo, IndexNotReady, IndexStore, open_client
from service.answer.compose import Composer
from service.answer.model import Answer, Desk, Turn
from service.answer.prompts import PromptLibrary
from service.llm.chat import make_chat_model
from service.llm.generation import Event, Generator
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.retrieval import Retriever
from service.settings import Settings

GLOSSARY_FILE = "glossary.json"
REFRESH_EVERY_S = 5.0
log = logging.getLogger(__name__)


def open_store(settings: Settings) -> IndexStore:
    """The index store the settings name (Chroma on disk, or a server)."""
    return IndexStore(open_client(settings.data_dir, settings.chroma_url))


def open_embeddings(settings: Settings) -> CachedEmbeddings:
    """The configured embedder with its vector cache (SHIEN_CACHE_DIR, by default in the data directory)."""
    return load_embeddings(settings.embedding, settings.vector_cache_dir())


def open_units_embeddings(settings: Settings) -> CachedEmbeddings | None:
    """The second model of the fusion with its vector cache, or None when it is turned off."""
    return load_embeddings(settings.units_embedding, settings.vector_cache_dir()) if settings.units_embedding else None


def build(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    embeddings: CachedEmbeddings | None = None,
) -> IndexInfo:
    """Build a new index of the corpus with the configured models (`shien ingest`)."""
    own = embeddings is None
    embedder = embeddings or load_embeddings(settings.embedding, settings.vector_cache_dir(), settings.embed_workers)
    try:
        return build_index(
            settings.corpus_dir, open_store(settings), embedder, progress, open_units_embeddings(settings)
        )
    finally:
        if own:
            embedder.close()


@dataclass
class Engine:
    """The loaded parts, shared by the CLI, the API and the pages."""

    settings: Settings
    catalogue: Catalogue
    retriever: Retriever
    composer: Composer
    store: IndexStore
    embeddings: CachedEmbeddings
    units_embeddings: CachedEmbeddings | None
    cards: Cards
    corpus_hash: str
    generator: Generator | None = None
    _checked: float = field(default_factory=time.monotonic)
    _refresh_lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load the catalogue and the active index; `IndexNotReady` says to run `shien ingest`."""
        catalogue = load_catalogue(settings.corpus_dir)
        cards = Cards(catalogue, load_corpus_guide(settings.corpus_dir, catalogue))
        embeddings = open_embeddings(settings)
        units_embeddings = open_units_embeddings(settings)
        store = open_store(settings)
        loaded_hash = corpus_hash(settings.corpus_dir)
        info = store.require(loaded_hash, embeddings.id, units_embeddings.id if units_embeddings else "")
        tokenizer = JapaneseTokenizer()
        glossary = Glossary.load(settings.corpus_dir / GLOSSARY_FILE)
        retriever = Retriever(store, info, embeddings, tokenizer, glossary, units_embeddings)
        desk = Desk(
            name=settings.desk_name, phone=settings.desk_phone, hours=settings.desk_hours, url=settings.desk_url
        )
        prompts = PromptLibrary(settings.prompts_dir)
        composer = Composer(catalogue, cards, retriever, prompts, tokenizer, glossary, desk)
        chat = make_chat_model(settings)
        generator = Generator(chat, catalogue, prompts, settings.llm_timeout_s) if chat else None
        return cls(
            settings=settings,
            catalogue=catalogue,
            retriever=retriever,
            composer=composer,
            store=store,
            embeddings=embeddings,
            units_embeddings=units_embeddings,
            cards=cards,
            corpus_hash=loaded_hash,
            generator=generator,
        )

    def answer_events(self, question: str, history: list[Turn], lang: str | None = None) -> Iterator[Event]:
        """The answer as events: generated pieces when an LLM is configured, then the final answer."""
        extractive = self.composer.compose(question, history, lang)
        yield Event("start", answer=extractive)
        if self.generator is None:
            yield Event("final", answer=extractive)
            return
        yield from self.generator.stream(question, history, extractive)

    def answer(self, question: str, history: list[Turn] | None = None, lang: str | None = None) -> Answer:
        """The final answer to a question (generated and verified, or extractive)."""
        for event in self.answer_events(question, history or [], lang):
            if event.kind == "final" and event.answer is not None:
                return event.answer
        raise RuntimeError("answer_events ended without a final answer")

    def refresh(self) -> bool:
        """Switch to a newer index if `shien ingest` built one; checked at most every few seconds.

        Only the pointer is read on a check; the corpus is read again only when the new build comes from a
        changed corpus, and then the catalogue is reloaded with the index so answers never mix the two.
        """
        now = time.monotonic()
        if now - self._checked < REFRESH_EVERY_S:
            return False
        with self._refresh_lock:
            if now - self._checked < REFRESH_EVERY_S:
                return False
            self._checked = now
            try:
                info = self.store.active()
                if info is None or info.collection == self.retriever.info.collection:
                    return False
                catalogue, cards = self.catalogue, self.cards
                units_id = self.units_embeddings.id if self.units_embeddings else ""
                if info.embedder_id != self.embeddings.id or info.units_embedder_id != units_id:
                    raise IndexNotReady(f"the new build {info.collection} uses {info.embedder_id}")
                if info.corpus_hash != self.corpus_hash:
                    catalogue = load_catalogue(self.settings.corpus_dir)
                    cards = Cards(catalogue, load_corpus_guide(self.settings.corpus_dir, catalogue))
                    if corpus_hash(self.settings.corpus_dir) != info.corpus_hash:
                        raise IndexNotReady(f"the new build {info.collection} is not of the corpus on disk")
            except Exception as exc:  # whatever goes wrong (server down, bad corpus), the loaded index serves on
                log.warning("keeping the loaded index: %s", exc)
                return False
            retriever = Retriever(
                self.store,
                info,
                self.embeddings,
                self.retriever.tokenize,
                self.retriever.glossary,
                self.units_embeddings,
            )
            old = self.composer
            self.composer = Composer(catalogue, cards, retriever, old.prompts, old.tokenize, old.glossary, old.desk)
            self.catalogue, self.cards, self.retriever, self.corpus_hash = catalogue, cards, retriever, info.corpus_hash
            if self.generator is not None:
                self.generator.catalogue = catalogue
            log.info("switched to index %s", info.collection)
            return True

    def active_index(self) -> IndexInfo:
        """The index the store points at now, checked against the corpus and embedder."""
        units_id = self.units_embeddings.id if self.units_embeddings else ""
        return self.store.require(corpus_hash(self.settings.corpus_dir), self.embeddings.id, units_id)
