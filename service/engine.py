"""Everything the service loads once: catalogue, embedder, index, retriever."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.build import build_index, corpus_cards
from ingest.card import Cards
from ingest.catalogue import Catalogue
from ingest.corpus import corpus_hash
from ingest.embeddings import CachedEmbeddings, load_embeddings
from ingest.index import IndexInfo, IndexNotReady, IndexStore, Progress, open_client
from service.answer.compose import Composer
from service.answer.model import Answer, Desk, Turn
from service.answer.prompts import PromptLibrary
from service.llm.chat import ChatModel, make_chat_model
from service.llm.generation import Event, Generator
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.retrieval import Filters, Hit, Retriever
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
    progress: Progress | None = None,
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


@dataclass(frozen=True)
class Models:
    """What stays loaded across index builds: the embedders, tokenizer, glossary, prompts and desk."""

    embeddings: CachedEmbeddings
    units_embeddings: CachedEmbeddings | None
    tokenizer: JapaneseTokenizer
    glossary: Glossary
    prompts: PromptLibrary
    desk: Desk
    chat: ChatModel | None

    @property
    def units_id(self) -> str:
        """The second model's id ("" when it is turned off)."""
        return self.units_embeddings.id if self.units_embeddings else ""


@dataclass(frozen=True)
class Snapshot:
    """One consistent state: a catalogue, its cards and the index built from them, and what answers from them."""

    catalogue: Catalogue
    cards: Cards
    corpus_hash: str
    retriever: Retriever
    composer: Composer
    generator: Generator | None

    @classmethod
    def assemble(cls, settings: Settings, store: IndexStore, info: IndexInfo, models: Models) -> Snapshot:
        """Read the corpus the build `info` was made from and wire retrieval and answering over it."""
        cards = corpus_cards(settings.corpus_dir)
        catalogue = cards.catalogue
        retriever = Retriever(
            store, info, models.embeddings, models.tokenizer, models.glossary, models.units_embeddings
        )
        composer = Composer(
            catalogue, cards, retriever, models.prompts, models.tokenizer, models.glossary, models.desk, settings.today
        )
        generator = Generator(models.chat, catalogue, models.prompts, settings.llm_timeout_s) if models.chat else None
        return cls(catalogue, cards, info.corpus_hash, retriever, composer, generator)


class Engine:
    """The loaded parts, shared by the CLI, the API and the pages.

    Everything that depends on the corpus and the index lives in one `Snapshot`, replaced as a whole
    when `shien ingest` switches in a new build: a request reads one snapshot and never mixes two.
    """

    def __init__(self, settings: Settings, store: IndexStore, models: Models, snapshot: Snapshot) -> None:
        self.settings = settings
        self.store = store
        self.models = models
        self._snapshot = snapshot
        self._checked = time.monotonic()
        self._refresh_lock = threading.Lock()

    @classmethod
    def load(cls, settings: Settings) -> Engine:
        """Load the models, the catalogue and the active index; `IndexNotReady` says to run `shien ingest`."""
        embeddings = open_embeddings(settings)
        units_embeddings = open_units_embeddings(settings)
        desk = Desk.from_settings(settings)
        models = Models(
            embeddings=embeddings,
            units_embeddings=units_embeddings,
            tokenizer=JapaneseTokenizer(),
            glossary=Glossary.load(settings.corpus_dir / GLOSSARY_FILE),
            prompts=PromptLibrary(settings.prompts_dir),
            desk=desk,
            chat=make_chat_model(settings),
        )
        store = open_store(settings)
        info = store.require(corpus_hash(settings.corpus_dir), embeddings.id, models.units_id)
        return cls(settings, store, models, Snapshot.assemble(settings, store, info, models))

    # -- what the snapshot holds -------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue of the loaded build."""
        return self._snapshot.catalogue

    @property
    def cards(self) -> Cards:
        """The measure cards of the loaded build."""
        return self._snapshot.cards

    @property
    def retriever(self) -> Retriever:
        """The retriever over the loaded build."""
        return self._snapshot.retriever

    @property
    def composer(self) -> Composer:
        """The answer composer over the loaded build."""
        return self._snapshot.composer

    @property
    def generator(self) -> Generator | None:
        """The LLM generator, when an LLM is configured."""
        return self._snapshot.generator

    @property
    def embeddings(self) -> CachedEmbeddings:
        """The main embedder."""
        return self.models.embeddings

    @property
    def corpus_hash(self) -> str:
        """The hash of the corpus the loaded build was made from."""
        return self._snapshot.corpus_hash

    # -- what routes ask for -----------------------------------------------------------

    def search(self, question: str, k: int = 5, filters: Filters | None = None, lang: str | None = None) -> list[Hit]:
        """Ranked hits for a question (see `Retriever.search`)."""
        return self._snapshot.retriever.search(question, k, filters, lang)

    def highlight_terms(self, query: str) -> list[str]:
        """The words to highlight for a keyword search: the query's words and the document terms they stand for."""
        return query.split() + self.models.glossary.expand(query)

    def tokens(self, text: str) -> set[str]:
        """Content tokens of a text (Sudachi), for grouping similar questions."""
        return set(self.models.tokenizer(text))

    def attribution(self) -> str:
        """The attribution line of the corpus's first document ("" without documents)."""
        documents = self.catalogue.documents
        return documents[0].attribution if documents else ""

    # -- answering -------------------------------------------------------------------

    def answer_events(self, question: str, history: list[Turn], lang: str | None = None) -> Iterator[Event]:
        """The answer as events: generated pieces when an LLM is configured, then the final answer."""
        snapshot = self._snapshot
        extractive = snapshot.composer.compose(question, history, lang)
        yield Event("start", answer=extractive)
        if snapshot.generator is None:
            yield Event("final", answer=extractive)
            return
        yield from snapshot.generator.stream(question, history, extractive)

    def answer(self, question: str, history: list[Turn] | None = None, lang: str | None = None) -> Answer:
        """The final answer to a question (generated and verified, or extractive)."""
        for event in self.answer_events(question, history or [], lang):
            if event.kind == "final" and event.answer is not None:
                return event.answer
        raise RuntimeError("answer_events ended without a final answer")

    # -- new builds ----------------------------------------------------------------------

    def refresh(self) -> bool:
        """Switch to a newer index if `shien ingest` built one; checked at most every few seconds.

        Only the pointer is read on a check; the corpus is read again only when a new build is there, and the
        new snapshot (catalogue, cards, index, composer) replaces the old one whole.
        """
        now = time.monotonic()
        if now - self._checked < REFRESH_EVERY_S:
            return False
        # A thread already checking, or assembling a new snapshot (~1 s of CPU), is not waited for: this question
        # is answered from the snapshot in place.
        if not self._refresh_lock.acquire(blocking=False):
            return False
        try:
            if now - self._checked < REFRESH_EVERY_S:
                return False
            self._checked = now
            return self._switch()
        finally:
            self._refresh_lock.release()

    def _switch(self) -> bool:
        """Load the build the store points at, if it is new and fits this corpus and these models."""
        try:
            info = self.store.active()
            if info is None or info.collection == self.retriever.info.collection:
                return False
            if info.embedder_id != self.embeddings.id or info.units_embedder_id != self.models.units_id:
                raise IndexNotReady(f"the new build {info.collection} uses {info.embedder_id}")
            if corpus_hash(self.settings.corpus_dir) != info.corpus_hash:
                raise IndexNotReady(f"the new build {info.collection} is not of the corpus on disk")
            snapshot = Snapshot.assemble(self.settings, self.store, info, self.models)
        except Exception as exc:  # whatever goes wrong (server down, bad corpus), the loaded index serves on
            log.warning("keeping the loaded index: %s", exc)
            return False
        self._snapshot = snapshot
        log.info("switched to index %s", info.collection)
        return True

    def active_index(self) -> IndexInfo:
        """The index the store points at now, checked against the corpus and embedders."""
        return self.store.require(corpus_hash(self.settings.corpus_dir), self.embeddings.id, self.models.units_id)
