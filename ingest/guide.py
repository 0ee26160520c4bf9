"""The plain-language guide: reviewed English renderings and everyday needs for every measure.

The vision prints measure names and 事業内容 in the document's own vocabulary. The guide
(`corpus/guide/<document-id>.json`, one file per document) adds, per measure id:
a faithful English name, summary and indicator labels, who the measure is for,
everyday phrasings of the problems it answers, and what each indicator counts in everyday
words, in Japanese and English. It never carries
a number of its own: targets always come from the catalogue.

Each entry records `source_hash`, a hash of the measure's printed text, so a changed
corpus flags the entries a desk officer has to review (`shien guide check`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ingest.catalogue import Catalogue, Measure

GUIDE_DIR = "guide"
MIN_NEEDS = 8


class GuideError(ValueError):
    """A guide file cannot be read; the message names the file."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AudienceAndNeeds(_Frozen):
    """Who a measure is for and the everyday problems it answers, in one language."""

    audience: str = Field(description="Who the measure is for, in plain words")
    needs: list[str] = Field(description=f"At least {MIN_NEEDS} everyday phrasings of the problems it answers")
    # Labels are the document's jargon (スタンドパイプ, AED): shown under each label, and indexed for number questions.
    counts: dict[str, str] = Field(
        default_factory=dict, description="Printed indicator label -> what it counts, in everyday words"
    )


class EnglishEntry(AudienceAndNeeds):
    """The English side: a faithful rendering of the printed name and 事業内容, and indicator labels."""

    name: str
    summary: str
    indicators: dict[str, str] = Field(description="Printed indicator label -> English label")


class GuideEntry(_Frozen):
    """The guide for one measure."""

    name_ja: str = Field(description="The measure's printed name, for the reader of the file")
    source_hash: str = Field(description="`source_hash` of the measure's printed text when the entry was reviewed")
    en: EnglishEntry
    ja: AudienceAndNeeds


class GuideTitles(_Frozen):
    """English titles of the policies, goals and initiatives, keyed as the document numbers them."""

    policies: dict[str, str] = Field(default_factory=dict)
    goals: dict[str, str] = Field(default_factory=dict)
    initiatives: dict[str, str] = Field(default_factory=dict)


class GuideFile(_Frozen):
    """`corpus/guide/<document-id>.json`."""

    document: str
    titles: GuideTitles = Field(default_factory=GuideTitles)
    measures: dict[str, GuideEntry] = Field(default_factory=dict)


@dataclass(frozen=True)
class Guide:
    """The guide files of every corpus document, looked up by measure id or by document and number."""

    files: dict[str, GuideFile]

    def entry(self, measure_id: str) -> GuideEntry | None:
        """The guide entry of a measure, or None when it has none."""
        for guide in self.files.values():
            if measure_id in guide.measures:
                return guide.measures[measure_id]
        return None

    def _titles(self, document: str) -> GuideTitles:
        guide = self.files.get(document)
        return guide.titles if guide else GuideTitles()

    def policy_title(self, document: str, number: int) -> str:
        """The English title of a policy ("" when the guide has none)."""
        return self._titles(document).policies.get(str(number), "")

    def goal_title(self, document: str, number: int) -> str:
        """The English title of a goal ("" when the guide has none)."""
        return self._titles(document).goals.get(str(number), "")

    def initiative_title(self, document: str, code: str) -> str:
        """The English title of an initiative ("" when the guide has none)."""
        return self._titles(document).initiatives.get(code, "")

    def indicator_label(self, measure_id: str, label: str) -> str:
        """The English label of one of a measure's indicators ("" when the guide has none)."""
        entry = self.entry(measure_id)
        return entry.en.indicators.get(label, "") if entry else ""


EMPTY_GUIDE = Guide(files={})


def guide_path(corpus_dir: Path, document: str) -> Path:
    """Where the guide of a document lives."""
    return corpus_dir / GUIDE_DIR / f"{document}.json"


def load_guide(corpus_dir: Path, documents: list[str]) -> Guide:
    """Read the guide file of each document that has one; a document without one has an empty guide."""
    files: dict[str, GuideFile] = {}
    for document in documents:
        path = guide_path(corpus_dir, document)
        if not path.exists():
            continue
        try:
            guide = GuideFile.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            error = exc.errors()[0]
            location = ".".join(str(part) for part in error["loc"])
            raise GuideError(f"{path}: {error['msg']} at {location}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise GuideError(f"{path}: cannot read ({exc})") from None
        if guide.document != document:
            raise GuideError(f"{path}: says document {guide.document!r}, expected {document!r}")
        files[document] = guide
    return Guide(files=files)


def source_hash(measure: Measure) -> str:
    """A short hash of what the document prints for a measure: names, 事業内容 and indicators."""
    printed = {
        "names": sorted({measure.name, *(row.name for row in measure.rows)}),
        "description": measure.description,
        "indicators": [[i.label, i.r6, i.r9, i.r13, i.unit] for i in measure.indicators],
    }
    return hashlib.sha256(json.dumps(printed, ensure_ascii=False).encode()).hexdigest()[:16]


# Guide text describes problems, never programme terms the vision does not print.
FORBIDDEN = {
    "ja": re.compile(
        r"補助率|助成率|[0-9一二三四五六七八九十百千]+万?円|万円|上限|限度額|締め?切|期限|申請期間|まで(に|の)申"
        r"|必ず|確実に|保証|無料|タダ|対象条件|要件|資格が(ある|必要)|以内に|分の[一二三四五六七八九]"
    ),
    "en": re.compile(
        r"\byen\b|¥|\$|\bper ?cent\b|%|\bup to\b|\bdeadline|\bguarantee|\bfree of charge\b|\bfor free\b"
        r"|\beligib|\bwithin \w+ (days|weeks|months)\b|\bsubsidy rate\b|\bmaximum (grant|amount|subsidy)\b"
        r"|\bmust (be|have)\b",
        re.IGNORECASE,
    ),
}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _DIGITS.findall(unicodedata.normalize("NFKC", text))}


def printed_numbers(measure: Measure) -> set[str]:
    """Every number the document prints for a measure (names, 事業内容, indicator labels and targets)."""
    texts = [measure.name, measure.description, *(row.name for row in measure.rows)]
    texts += [f"{i.label} {i.r6} {i.r9} {i.r13} {i.unit}" for i in measure.indicators]
    return set().union(*(_numbers(t) for t in texts))


@dataclass(frozen=True)
class GuideProblem:
    """One problem `shien guide check` reports: which measure, which field, what to fix."""

    measure_id: str
    name: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.measure_id} ({self.name}) {self.field}: {self.message}"


def _texts(entry: GuideEntry) -> list[tuple[str, str, str]]:
    """(field, language, text) of every guide text of an entry."""
    out = [
        ("en.name", "en", entry.en.name),
        ("en.summary", "en", entry.en.summary),
        ("en.audience", "en", entry.en.audience),
        ("ja.audience", "ja", entry.ja.audience),
    ]
    out += [(f"en.needs[{n}]", "en", t) for n, t in enumerate(entry.en.needs)]
    out += [(f"ja.needs[{n}]", "ja", t) for n, t in enumerate(entry.ja.needs)]
    out += [(f"en.indicators[{label}]", "en", t) for label, t in entry.en.indicators.items()]
    for lang, side in (("en", entry.en), ("ja", entry.ja)):
        out += [(f"{lang}.counts[{label}]", lang, t) for label, t in side.counts.items()]
    return out


def check_entry(measure: Measure, entry: GuideEntry | None) -> list[GuideProblem]:
    """Everything wrong with one measure's guide entry (an empty list when it is complete and current)."""

    def problem(field: str, message: str) -> GuideProblem:
        return GuideProblem(measure.id, measure.name, field, message)

    if entry is None:
        return [problem("entry", "no guide entry; add one to the document's guide file")]
    problems = []
    if entry.source_hash != source_hash(measure):
        problems.append(
            problem(
                "source_hash",
                "the printed measure changed since the entry was reviewed; review it, then "
                f"`shien guide stamp {measure.id}`",
            )
        )
    for field, text in (
        ("en.name", entry.en.name),
        ("en.summary", entry.en.summary),
        ("en.audience", entry.en.audience),
        ("ja.audience", entry.ja.audience),
    ):
        if not text.strip():
            problems.append(problem(field, "empty"))
    for lang, needs in (("en", entry.en.needs), ("ja", entry.ja.needs)):
        if len([n for n in needs if n.strip()]) < MIN_NEEDS:
            problems.append(problem(f"{lang}.needs", f"{len(needs)} phrasings; at least {MIN_NEEDS} are needed"))
    labels = {i.label for i in measure.indicators}
    for field, by_label, missing in (
        ("en.indicators", entry.en.indicators, "no English label for this indicator"),
        ("en.counts", entry.en.counts, "no everyday words for what this indicator counts"),
        ("ja.counts", entry.ja.counts, "no everyday words for what this indicator counts"),
    ):
        for label in sorted(labels - set(by_label)):
            problems.append(problem(f"{field}[{label}]", missing))
        for label in sorted(set(by_label) - labels):
            problems.append(problem(f"{field}[{label}]", "the measure prints no indicator with this label"))
    allowed = printed_numbers(measure)
    for field, lang, text in _texts(entry):
        invented = sorted(_numbers(text) - allowed)
        if invented:
            problems.append(problem(field, f"number {invented[0]} is not printed in this measure: {text!r}"))
        if match := FORBIDDEN[lang].search(text):
            problems.append(
                problem(field, f"promises a programme term the vision does not print ({match.group(0)!r}): {text!r}")
            )
    return problems


def check_guide(catalogue: Catalogue, guide: Guide) -> list[GuideProblem]:
    """Every problem of the guide against the catalogue: missing, incomplete, stale or unsafe entries."""
    problems = [p for m in catalogue.measures for p in check_entry(m, guide.entry(m.id))]
    known = {m.id for m in catalogue.measures}
    for document, file in guide.files.items():
        for measure_id, entry in file.measures.items():
            if measure_id not in known:
                problems.append(
                    GuideProblem(measure_id, entry.name_ja, "entry", f"no such measure in {document}; remove it")
                )
        for kind, titles, expected in (
            ("policies", file.titles.policies, {str(p.number) for p in catalogue.policies}),
            ("goals", file.titles.goals, {str(g.number) for g in catalogue.goals}),
            ("initiatives", file.titles.initiatives, {i.code for i in catalogue.initiatives}),
        ):
            for key in sorted(expected - set(titles)):
                problems.append(GuideProblem(f"{kind}.{key}", document, f"titles.{kind}", "no English title"))
    return problems


def stamp(corpus_dir: Path, catalogue: Catalogue, measure_ids: list[str]) -> list[str]:
    """Record the current `source_hash` of reviewed entries (all entries when `measure_ids` is empty).

    Returns the ids stamped; raises `GuideError`, writing nothing, for an id with no entry.
    """
    files: dict[Path, dict[str, Any]] = {}
    for document in catalogue.documents:
        path = guide_path(corpus_dir, document.id)
        if path.exists():
            files[path] = json.loads(path.read_text(encoding="utf-8"))
    stamped: list[str] = []
    for measure in catalogue.measures:
        if measure_ids and measure.id not in measure_ids:
            continue
        path = guide_path(corpus_dir, measure.span.document)
        entries = files.get(path, {}).get("measures", {})
        if measure.id in entries:
            entries[measure.id]["source_hash"] = source_hash(measure)
            stamped.append(measure.id)
    missing = sorted(set(measure_ids) - set(stamped))
    if missing:
        raise GuideError(f"no guide entry for {', '.join(missing)}; add one first")
    for path, raw in files.items():
        path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return stamped
