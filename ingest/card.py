"""One view of a measure: the card every consumer builds on.

Citations, the API's measure schemas, the index documents and the pages all start
from `measure_card`: the printed Japanese (name, 事業内容, indicators with targets
exactly as printed, every placement, source lines) beside the guide's reviewed English
and audience. Numbers only ever come from the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ingest.catalogue import Catalogue, Measure
from ingest.guide import Guide

UNIT_EN = {
    "件": "cases", "回": "times", "人": "people", "社": "companies", "台": "units", "箇所": "sites",
    "団体": "organisations", "事業者": "businesses", "％": "%", "部": "copies", "校": "schools",
    "園": "farms", "日": "days", "事業": "projects", "会員数": "members", "店舗": "shops", "名": "people",
    "者": "people", "本": "items", "施設": "facilities", "か所": "sites", "商店街": "shopping streets",
}  # fmt: skip
# Each English unit for a target of exactly one ("1 project", not "1 projects").
UNIT_EN_ONE = {
    "cases": "case", "times": "time", "people": "person", "companies": "company", "units": "unit", "sites": "site",
    "organisations": "organisation", "businesses": "business", "copies": "copy", "schools": "school", "farms": "farm",
    "days": "day", "projects": "project", "members": "member", "shops": "shop", "items": "item",
    "facilities": "facility", "shopping streets": "shopping street",
}  # fmt: skip


def english_unit(unit_en: str, value: str) -> str:
    """The English unit of a target `value` as printed: singular for exactly one."""
    return UNIT_EN_ONE.get(unit_en, unit_en) if value.strip() == "1" else unit_en


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CardIndicator(_Frozen):
    """An indicator with its targets exactly as printed (「－」 = no target) and its English label."""

    label: str
    label_en: str = ""
    counts_ja: str = ""  # what it counts, in everyday words (the guide's)
    counts_en: str = ""
    r6: str
    r9: str
    r13: str
    unit: str
    unit_en: str = ""


class CardPlacement(_Frozen):
    """A row placing the measure under an initiative, with that initiative's goal and policy."""

    initiative: str
    initiative_title: str
    initiative_title_en: str = ""
    goal: int
    goal_title: str
    goal_title_en: str = ""
    policy: int
    policy_title: str
    policy_title_en: str = ""
    name: str = Field(description="The measure's name as printed in this row")
    reprint: bool
    lines: list[int]


class CardSource(_Frozen):
    """Where the measure's original row stands in the corpus."""

    document: str
    title: str = ""
    attribution: str = ""
    file: str = ""
    lines: list[int] = Field(description="[first, last], 1-based, inclusive")


class MeasureCard(_Frozen):
    """Everything shown about a measure, in the document's words and the guide's English."""

    id: str
    name: str
    description: str
    name_en: str = Field("", description="Unofficial reference translation of the name (参考訳)")
    summary_en: str = Field("", description="Unofficial reference translation of the 事業内容 (参考訳)")
    audience_ja: str = ""
    audience_en: str = ""
    needs_ja: list[str] = Field(default_factory=list)
    needs_en: list[str] = Field(default_factory=list)
    initiatives: list[str]
    goals: list[int]
    policies: list[int]
    indicators: list[CardIndicator]
    placements: list[CardPlacement]
    source: CardSource

    @property
    def family(self) -> str:
        """The name before its parenthesised part: measures printed as one programme's several strands share it."""
        return self.name.split("（", 1)[0]

    def display_name(self, lang: str) -> str:
        """The name to lead with in a language: the English rendering when there is one."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def display_summary(self, lang: str) -> str:
        """The 事業内容 in a language: the English rendering when there is one."""
        return self.summary_en if lang == "en" and self.summary_en else self.description

    def audience(self, lang: str) -> str:
        """Who the measure is for, in a language ("" when the guide has no entry)."""
        return self.audience_en if lang == "en" else self.audience_ja


def measure_card(measure: Measure, catalogue: Catalogue, guide: Guide) -> MeasureCard:
    """The card of a measure: printed text, targets, placements, source, and the guide's English."""
    entry = guide.entry(measure.id)
    document = measure.span.document
    placements = [
        CardPlacement(
            initiative=p.initiative.code,
            initiative_title=p.initiative.title,
            initiative_title_en=guide.initiative_title(document, p.initiative.code),
            goal=p.initiative.goal,
            goal_title=p.goal_title,
            goal_title_en=guide.goal_title(document, p.initiative.goal),
            policy=p.initiative.policy,
            policy_title=p.policy_title,
            policy_title_en=guide.policy_title(document, p.initiative.policy),
            name=p.row.name,
            reprint=p.row.reprint,
            lines=[p.row.span.first_line, p.row.span.last_line],
        )
        for p in catalogue.placements(measure)
    ]
    doc = catalogue.document(document)
    return MeasureCard(
        id=measure.id,
        name=measure.name,
        description=measure.description,
        name_en=entry.en.name if entry else "",
        summary_en=entry.en.summary if entry else "",
        audience_ja=entry.ja.audience if entry else "",
        audience_en=entry.en.audience if entry else "",
        needs_ja=list(entry.ja.needs) if entry else [],
        needs_en=list(entry.en.needs) if entry else [],
        initiatives=measure.initiatives,
        goals=sorted({p.goal for p in placements}),
        policies=sorted({p.policy for p in placements}),
        indicators=[
            CardIndicator(
                label=i.label,
                label_en=entry.en.indicators.get(i.label, "") if entry else "",
                counts_ja=entry.ja.counts.get(i.label, "") if entry else "",
                counts_en=entry.en.counts.get(i.label, "") if entry else "",
                r6=i.r6,
                r9=i.r9,
                r13=i.r13,
                unit=i.unit,
                unit_en=UNIT_EN.get(i.unit, ""),
            )
            for i in measure.indicators
        ],
        placements=placements,
        source=CardSource(
            document=document,
            title=doc.title if doc else "",
            attribution=doc.attribution if doc else "",
            file=measure.span.file,
            lines=[measure.span.first_line, measure.span.last_line],
        ),
    )


class Cards:
    """The card of every measure of a catalogue, built once."""

    def __init__(self, catalogue: Catalogue, guide: Guide) -> None:
        self.catalogue = catalogue
        self.guide = guide
        self._cards = {m.id: measure_card(m, catalogue, guide) for m in catalogue.measures}

    def card(self, measure_id: str) -> MeasureCard | None:
        """The card of a measure, or None for an unknown id."""
        return self._cards.get(measure_id)

    def __iter__(self) -> Iterator[MeasureCard]:
        return iter(self._cards.values())

    def __len__(self) -> int:
        return len(self._cards)
