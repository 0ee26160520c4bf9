"""Turn the catalogue (and its guide) into the documents of the search index.

Two sets, each embedded by its own model:

- `build_documents` (the main model, e5): per measure a few *facets* (the printed Japanese,
  the guide's English, and the everyday needs in each language) that all resolve to the
  measure; one document per indicator, for number questions; one per initiative; and the
  narrative sections split at sentence ends (。) into chunks that keep their heading.
- `build_units` (the second model, USE): short single-sentence units of each measure (its
  names, each sentence of its 事業内容, each indicator label, each everyday need), scored by
  the best unit per measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.card import Cards, MeasureCard
from ingest.catalogue import Catalogue

SECTION_CHUNK_CHARS = 400
MEASURE_FACETS = ("ja", "en", "needs-ja", "needs-en")
# The guide's everyday needs: users' own phrasings, not the document's wording.
PHRASING_FACETS = ("needs-ja", "needs-en")


@dataclass(frozen=True)
class IndexDocument:
    """A unit of retrieval: its id, text, and flat metadata for filtering and citing."""

    id: str
    kind: str  # "measure" | "indicator" | "initiative" | "section" (units: "unit")
    text: str
    metadata: dict[str, str | int | bool] = field(default_factory=dict)


def measure_text(card: MeasureCard, cat: Catalogue) -> str:
    """The printed facet of a measure: name, description, targets, and where it is placed."""
    lines = [f"施策名: {card.name}", f"事業内容: {card.description}"]
    for ind in card.indicators:
        lines.append(f"行動指標: {ind.label} 目標値 R6 {ind.r6} / R9 {ind.r9} / R13 {ind.r13} {ind.unit}")
    seen_goals: set[int] = set()
    for placement in card.placements:
        lines.append(f"取組み {placement.initiative}: {placement.initiative_title}")
        goal = cat.goal(placement.goal)
        if goal and goal.number not in seen_goals:
            seen_goals.add(goal.number)
            lines.append(f"目指す姿 {goal.number}: {goal.title}")
    other_names = sorted({p.name for p in card.placements} - {card.name})
    lines.extend(f"別名: {name}" for name in other_names)
    return "\n".join(lines)


def english_text(card: MeasureCard) -> str:
    """The guide's English facet: name, summary, who it is for, indicator labels."""
    lines = [card.name_en, card.summary_en, f"For: {card.audience_en}"]
    lines += [f"Indicator: {i.label_en}" for i in card.indicators if i.label_en]
    return "\n".join(line for line in lines if line.strip())


def needs_text(card: MeasureCard, lang: str) -> str:
    """Who the measure is for and the everyday problems it answers, in one language."""
    audience, needs = (card.audience_en, card.needs_en) if lang == "en" else (card.audience_ja, card.needs_ja)
    return "\n".join([audience, *needs]) if needs else ""


def indicator_text(card: MeasureCard, label: str) -> str:
    """An indicator as a number question would name it: label, English label and unit, and its measure's name."""
    ind = next(i for i in card.indicators if i.label == label)
    english = f" / {ind.label_en}" if ind.label_en else ""
    return f"{ind.label}{english}（{ind.unit}）\n{card.name}"


def _codes(codes: list[str]) -> str:
    # Chroma metadata holds scalars only; codes are wrapped in commas so ",3-1," matches exactly.
    return "," + ",".join(codes) + ","


def _measure_meta(card: MeasureCard, kind: str) -> dict[str, str | int | bool]:
    return {
        "kind": kind,
        "measure_id": card.id,
        "name": card.name,
        "initiatives": _codes(card.initiatives),
        "goals": _codes([str(g) for g in card.goals]),
        "policies": _codes([str(p) for p in card.policies]),
        "document": card.source.document,
        "first_line": card.source.lines[0],
        "last_line": card.source.lines[1],
    }


def build_documents(cat: Catalogue, cards: Cards) -> list[IndexDocument]:
    """Every document of the main index, in a stable order."""
    docs: list[IndexDocument] = []
    for card in cards:
        facets = {
            "ja": measure_text(card, cat),
            "en": english_text(card),
            "needs-ja": needs_text(card, "ja"),
            "needs-en": needs_text(card, "en"),
        }
        for facet, text in facets.items():
            if text.strip():
                # The printed facet keeps the bare measure id: it is the measure's document of record.
                doc_id = card.id if facet == "ja" else f"{card.id}#{facet}"
                docs.append(IndexDocument(doc_id, "measure", text, {**_measure_meta(card, "measure"), "facet": facet}))
        for n, ind in enumerate(card.indicators):
            docs.append(
                IndexDocument(
                    id=f"{card.id}#indicator-{n}",
                    kind="indicator",
                    text=indicator_text(card, ind.label),
                    metadata={**_measure_meta(card, "indicator"), "facet": "indicator", "label": ind.label},
                )
            )
    for initiative in cat.initiatives:
        goal = cat.goal(initiative.goal)
        text = "\n".join(
            [f"取組み {initiative.code}: {initiative.title}", *initiative.bullets]
            + ([f"目指す姿 {goal.number}: {goal.title}"] if goal else [])
        )
        docs.append(
            IndexDocument(
                id=f"initiative-{initiative.code}",
                kind="initiative",
                text=text,
                metadata={
                    "kind": "initiative",
                    "measure_id": "",
                    "name": initiative.title,
                    "initiatives": _codes([initiative.code]),
                    "goals": _codes([str(initiative.goal)]),
                    "policies": _codes([str(initiative.policy)]),
                    "document": initiative.span.document,
                    "first_line": initiative.span.first_line,
                    "last_line": initiative.span.last_line,
                },
            )
        )
    for section in cat.sections:
        for n, chunk in enumerate(split_sentences(section.text, SECTION_CHUNK_CHARS)):
            policy = cat.policy(section.policy) if section.policy else None
            heading = f"{policy.title} {section.heading}" if policy else section.heading
            docs.append(
                IndexDocument(
                    id=f"section-{section.span.document}-{section.key}-{n}",  # front-1… recur in every document
                    kind="section",
                    text=f"{heading}\n{chunk}",
                    metadata={
                        "kind": "section",
                        "measure_id": "",
                        "name": heading,
                        "section": section.key,
                        "initiatives": ",",
                        "goals": ",",
                        "policies": _codes([str(section.policy)] if section.policy else []),
                        "document": section.span.document,
                        "first_line": section.span.first_line,
                        "last_line": section.span.last_line,
                    },
                )
            )
    return docs


_SENTENCE_END = re.compile(r"(?<=[。.!?！？])\s*")


def measure_units(card: MeasureCard) -> list[tuple[str, str]]:
    """Short single-meaning texts of a measure, each with the indicator label it names ("" for none):
    names, description sentences, indicator labels, audience and needs."""
    units = [(text, "") for text in (card.name, *(p.name for p in card.placements), card.name_en)]
    units += [(s, "") for s in _SENTENCE_END.split(card.description)]
    units += [(s, "") for s in _SENTENCE_END.split(card.summary_en)]
    for ind in card.indicators:
        units += [(ind.label, ind.label), (ind.label_en, ind.label)]
    units += [(text, "") for text in (card.audience_ja, card.audience_en, *card.needs_ja, *card.needs_en)]
    seen: dict[str, str] = {}
    for text, label in units:
        if text.strip() and (text.strip() not in seen or label):
            seen[text.strip()] = label
    return list(seen.items())


def count_units(card: MeasureCard) -> list[tuple[str, str]]:
    """What each indicator counts, in the guide's everyday words, with its label: 「電気ショックの機械は何台？」
    finds AEDの設置台数 by them. They rank indicators only, not measures: a measure is not about its targets."""
    units = [(text, i.label) for i in card.indicators for text in (i.counts_ja, i.counts_en) if text.strip()]
    return list(dict.fromkeys(units))


def build_units(cards: Cards) -> list[IndexDocument]:
    """The short units of every measure for the second model, in a stable order."""
    docs = []
    for card in cards:
        meta = {"kind": "unit", "measure_id": card.id}
        docs += [
            IndexDocument(f"{card.id}#unit-{n}", "unit", text, {**meta, "label": label})
            for n, (text, label) in enumerate(measure_units(card))
        ]
        docs += [
            IndexDocument(f"{card.id}#counts-{n}", "unit", text, {**meta, "label": label, "counts": True})
            for n, (text, label) in enumerate(count_units(card))
        ]
    return docs


def split_sentences(text: str, limit: int) -> list[str]:
    """Chunks of whole sentences (ending in 。), each at most `limit` characters where possible."""
    sentences = [s + "。" for s in text.replace("\n", "").split("。") if s.strip()]
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > limit:
            chunks.append(current)
            current = ""
        current += sentence
    if current:
        chunks.append(current)
    return chunks
