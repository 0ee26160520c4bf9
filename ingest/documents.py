"""Turn the catalogue into the documents of the search index.

One document per distinct measure, one per initiative, and the narrative
sections split at sentence ends (。) into chunks that keep their heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.catalogue import Catalogue, Measure

SECTION_CHUNK_CHARS = 400


@dataclass(frozen=True)
class IndexDocument:
    """A unit of retrieval: its id, text, and flat metadata for filtering and citing."""

    id: str
    kind: str  # "measure" | "initiative" | "section"
    text: str
    metadata: dict[str, str | int | bool] = field(default_factory=dict)


def measure_text(measure: Measure, cat: Catalogue) -> str:
    """What a measure document says: name, description, targets, and where it is placed."""
    lines = [f"施策名: {measure.name}", f"事業内容: {measure.description}"]
    for ind in measure.indicators:
        lines.append(f"行動指標: {ind.label} 目標値 R6 {ind.r6} / R9 {ind.r9} / R13 {ind.r13} {ind.unit}")
    seen_goals: set[int] = set()
    for code in measure.initiatives:
        initiative = cat.initiative(code)
        if initiative is None:
            continue
        lines.append(f"取組み {code}: {initiative.title}")
        goal = cat.goal(initiative.goal)
        if goal and goal.number not in seen_goals:
            seen_goals.add(goal.number)
            lines.append(f"目指す姿 {goal.number}: {goal.title}")
    other_names = sorted({row.name for row in measure.rows} - {measure.name})
    lines.extend(f"別名: {name}" for name in other_names)
    return "\n".join(lines)


def _codes(codes: list[str]) -> str:
    # Chroma metadata holds scalars only; codes are wrapped in commas so ",3-1," matches exactly.
    return "," + ",".join(codes) + ","


def build_documents(cat: Catalogue) -> list[IndexDocument]:
    """Every document of the index, in a stable order."""
    docs: list[IndexDocument] = []
    for measure in cat.measures:
        initiatives = [cat.initiative(code) for code in measure.initiatives]
        goals = sorted({i.goal for i in initiatives if i})
        policies = sorted({i.policy for i in initiatives if i})
        docs.append(
            IndexDocument(
                id=measure.id,
                kind="measure",
                text=measure_text(measure, cat),
                metadata={
                    "kind": "measure",
                    "measure_id": measure.id,
                    "name": measure.name,
                    "initiatives": _codes(measure.initiatives),
                    "goals": _codes([str(g) for g in goals]),
                    "policies": _codes([str(p) for p in policies]),
                    "document": measure.span.document,
                    "first_line": measure.span.first_line,
                    "last_line": measure.span.last_line,
                },
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
