"""The typed catalogue of a vision document: policies, goals, initiatives, measures.

Every item carries its source span so an answer can cite the lines it rests on.
Targets are kept exactly as printed (「1,750」, 「－」): the document's numbers are
quoted, never recomputed.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, computed_field

from ingest.text import comparison_key

NO_TARGET = "－"
"""How the document prints a year with no target."""

YEARS = ("R6", "R9", "R13")
"""The target years of the 行動指標 columns, as printed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceSpan(_Frozen):
    """Where an item stands in its document: file and 1-based inclusive line range."""

    document: str = Field(description="Document id from the corpus manifest")
    file: str
    first_line: int
    last_line: int

    @property
    def lines(self) -> tuple[int, int]:
        return (self.first_line, self.last_line)


class Policy(_Frozen):
    """基本的方針: one of the four basic policies of the ordinance."""

    number: int
    title: str
    span: SourceSpan


class Goal(_Frozen):
    """目指す姿: a target state under a policy."""

    number: int
    policy: int
    title: str
    intro: str = ""
    span: SourceSpan


class Initiative(_Frozen):
    """取組み (e.g. "3-1"): a line of action under a goal, with its bullet points."""

    code: str
    goal: int
    policy: int
    title: str
    bullets: list[str]
    span: SourceSpan


class Indicator(_Frozen):
    """行動指標: an output indicator with its targets exactly as printed."""

    label: str
    r6: str
    r9: str
    r13: str
    unit: str
    span: SourceSpan

    def target(self, year: str) -> str:
        """The printed target for "R6", "R9" or "R13"."""
        return {"R6": self.r6, "R9": self.r9, "R13": self.r13}[year]

    @staticmethod
    def is_set(value: str) -> bool:
        """True when a printed target is a value, not 「－」."""
        return value != NO_TARGET


class MeasureRow(_Frozen):
    """One row of a 重点事業 table, as printed under one initiative."""

    measure_id: str
    initiative: str = Field(description='Initiative code with an ASCII hyphen, e.g. "3-1"')
    name: str = Field(description="施策名 as printed, without the 【再掲】 mark")
    description: str = Field(description="事業内容")
    reprint: bool = Field(description="True when the row is marked 【再掲】")
    indicators: list[Indicator]
    span: SourceSpan


class Measure(_Frozen):
    """A distinct priority measure with every row that places it under an initiative."""

    id: str
    name: str
    description: str
    indicators: list[Indicator]
    rows: list[MeasureRow] = Field(
        exclude=True, description="Every row placing it; in JSON see `rows` of the catalogue"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def initiatives(self) -> list[str]:
        """Codes of every initiative the measure serves, original placement first."""
        return [row.initiative for row in self.rows]

    @property
    def span(self) -> SourceSpan:
        """The lines of the original (non-reprint) row."""
        return self.rows[0].span


class Placement(_Frozen):
    """A row of a measure with the initiative it sits under and that initiative's goal and policy titles."""

    row: MeasureRow
    initiative: Initiative
    goal_title: str
    policy_title: str


class Section(_Frozen):
    """A headed block of narrative text (vision, 基本の考え方, 現状と課題, ...)."""

    key: str
    heading: str
    policy: int | None = None
    text: str
    span: SourceSpan


class DocumentInfo(_Frozen):
    """A corpus document as named by the manifest."""

    id: str
    file: str
    title: str
    publisher: str
    language: str
    attribution: str
    sha256: str = ""
    desk_measure: str = Field("", description="施策名 of the consultation-desk measure (manifest), or empty")


class Catalogue(_Frozen):
    """Everything parsed from the corpus, with lookups by id and code."""

    documents: list[DocumentInfo]
    policies: list[Policy]
    goals: list[Goal]
    initiatives: list[Initiative]
    rows: list[MeasureRow]
    measures: list[Measure]
    sections: list[Section]

    @cached_property
    def _measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def _initiatives_by_code(self) -> dict[str, Initiative]:
        return {i.code: i for i in self.initiatives}

    def measure(self, measure_id: str) -> Measure | None:
        """The measure with this id, or None."""
        return self._measures_by_id.get(measure_id)

    def initiative(self, code: str) -> Initiative | None:
        """The initiative with this code ("3-1"), or None."""
        return self._initiatives_by_code.get(code)

    def goal(self, number: int) -> Goal | None:
        """The goal with this number, or None."""
        return next((g for g in self.goals if g.number == number), None)

    def policy(self, number: int) -> Policy | None:
        """The policy with this number, or None."""
        return next((p for p in self.policies if p.number == number), None)

    def placements(self, measure: Measure) -> list[Placement]:
        """Every row of a measure with its initiative, goal and policy, original placement first."""
        out = []
        for row in measure.rows:
            initiative = self.initiative(row.initiative)
            if initiative is None:
                continue
            goal = self.goal(initiative.goal)
            policy = self.policy(initiative.policy)
            out.append(
                Placement(
                    row=row,
                    initiative=initiative,
                    goal_title=goal.title if goal else "",
                    policy_title=policy.title if policy else "",
                )
            )
        return out

    def desk_measure_id(self) -> str | None:
        """Id of the consultation-desk measure the manifest names (the first document that names one), or None."""
        for doc in self.documents:
            if not doc.desk_measure:
                continue
            wanted = comparison_key(doc.desk_measure)
            for measure in self.measures:
                if measure.span.document == doc.id and comparison_key(measure.name) == wanted:
                    return measure.id
        return None

    def document(self, doc_id: str) -> DocumentInfo | None:
        """The manifest entry of a document, or None."""
        return next((d for d in self.documents if d.id == doc_id), None)
