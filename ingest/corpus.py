"""Read the corpus: its manifest, each document's text, and the merged catalogue."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ingest.catalogue import Catalogue, DocumentInfo
from ingest.guide import Guide, GuideError, guide_path, load_guide
from ingest.parser import ParseError, parse_vision

MANIFEST = "manifest.json"


class CorpusError(ValueError):
    """The corpus cannot be read: the message names the file and says what to fix."""


class ManifestEntry(BaseModel):
    """One document as the manifest names it."""

    id: str
    file: str
    format: str = "vision-chapter"
    title: str
    publisher: str
    language: str
    attribution: str
    sha256: str | None = None
    measure_id_namespace: str | None = Field(
        None,
        description='What measure ids are hashed with: the document id when absent; "" hashes the name alone '
        "(the shipped vision, so the ids other data is keyed by stay as they were)",
    )
    desk_measure: str = Field("", description="施策名 of the consultation-desk measure answers point to")


class Manifest(BaseModel):
    """corpus/manifest.json: the documents of the corpus."""

    documents: list[ManifestEntry]


_PARSERS: dict[str, Callable[[str, DocumentInfo, str | None], Catalogue]] = {"vision-chapter": parse_vision}


def load_manifest(corpus_dir: Path) -> Manifest:
    """Read and validate `manifest.json` in the corpus directory."""
    path = corpus_dir / MANIFEST
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise CorpusError(f"{path}: manifest not found; the corpus directory needs a {MANIFEST}") from None
    except ValidationError as exc:
        raise CorpusError(f"{path}: invalid manifest: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}") from None
    for entry in manifest.documents:
        if entry.format not in _PARSERS:
            raise CorpusError(f"{path}: document {entry.id!r} has unknown format {entry.format!r}")
    return manifest


def read_text(path: Path) -> str:
    """A document's text, or a `CorpusError` saying why it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: file not found") from None
    if not data.strip():
        raise CorpusError(f"{path}: file is empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(f"{path}:{line}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from None


def corpus_hash(corpus_dir: Path) -> str:
    """Hash of the manifest and every document: the index records it to detect staleness."""
    manifest = load_manifest(corpus_dir)
    digest = hashlib.sha256((corpus_dir / MANIFEST).read_bytes())
    for entry in manifest.documents:
        digest.update(read_text(corpus_dir / entry.file).encode())
        # The guide's text is indexed with its measures: an edited guide needs a new index.
        guide = guide_path(corpus_dir, entry.id)
        if guide.exists():
            digest.update(guide.read_bytes())
    return digest.hexdigest()


def load_catalogue(corpus_dir: Path) -> Catalogue:
    """Parse every document of the manifest into one catalogue."""
    parts: list[Catalogue] = []
    for entry in load_manifest(corpus_dir).documents:
        path = corpus_dir / entry.file
        text = read_text(path)
        sha = hashlib.sha256(text.encode()).hexdigest()
        if entry.sha256 and entry.sha256 != sha:
            raise CorpusError(
                f"{path}: content does not match the manifest's sha256 (truncated or edited?); "
                "restore the file or update its sha256 in the manifest"
            )
        doc = DocumentInfo(**entry.model_dump(exclude={"format", "sha256", "measure_id_namespace"}), sha256=sha)
        try:
            part = _PARSERS[entry.format](text, doc, entry.measure_id_namespace)
        except ParseError as exc:
            raise CorpusError(f"{corpus_dir / exc.file}:{exc.line}: {exc.message}") from None
        if entry.desk_measure and part.desk_measure_id() is None:
            raise CorpusError(
                f"{corpus_dir / MANIFEST}: desk_measure {entry.desk_measure!r} of {entry.id!r} is not a measure "
                f"name printed in {entry.file}"
            )
        parts.append(part)
    return merge(parts)


def merge(parts: list[Catalogue]) -> Catalogue:
    """One catalogue from several documents' catalogues.

    Measure ids are namespaced by document; policy and goal numbers and initiative codes are what each
    document prints, so two documents must not print the same ones (a `CorpusError` names the clash).
    """
    if len(parts) == 1:
        return parts[0]
    owners: dict[tuple[str, str], str] = {}
    for part in parts:
        doc = part.documents[0].id
        keys = (
            [("document id", d.id) for d in part.documents]
            + [("measure id", m.id) for m in part.measures]
            + [("基本的方針", str(p.number)) for p in part.policies]
            + [("目指す姿", str(g.number)) for g in part.goals]
            + [("initiative", i.code) for i in part.initiatives]
        )
        for key in keys:
            if key in owners:
                raise CorpusError(
                    f"{key[0]} {key[1]} is in both {owners[key]!r} and {doc!r}; "
                    "documents of one corpus must not share ids or numbers"
                )
            owners[key] = doc
    fields = Catalogue.model_fields
    return Catalogue(**{name: [item for part in parts for item in getattr(part, name)] for name in fields})


def load_corpus_guide(corpus_dir: Path, catalogue: Catalogue) -> Guide:
    """The guide files of the catalogue's documents; a `CorpusError` names a broken file."""
    try:
        return load_guide(corpus_dir, [d.id for d in catalogue.documents])
    except GuideError as exc:
        raise CorpusError(str(exc)) from None
