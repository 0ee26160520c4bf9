"""Checks every answer must pass before a user sees it: citations and numbers.

- every citation marker [n] in the text names a citation, and every citation is a
  measure that retrieval returned;
- every number in the text appears in a cited measure (its name, description,
  indicator labels or targets), apart from the structural references the answer
  itself uses (R9, 令和9年度, FY2027, 取組み3-1, 目指す姿3, 基本的方針1 ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.catalogue import Measure

MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_STRUCTURAL = re.compile(
    r"\[\d+\]"
    r"|R(?:6|9|13)(?![0-9])|令和(?:6|9|13)年度|FY(?:2024|2027|2031)"
    r"|(?<![0-9])\d{1,2}-\d{1,2}(?![0-9])"
    r"|基本的方針\d|目指す姿\d{1,2}|[Pp]olicy \d|[Gg]oal \d{1,2}|[Ii]nitiatives? \d{1,2}-\d{1,2}"
)


@dataclass(frozen=True)
class Violation:
    """One broken guarantee, for logs and fallback reasons."""

    kind: str  # "marker" | "citation" | "number"
    detail: str


def numbers_in(text: str) -> set[str]:
    """Numbers as written, commas kept ("1,750"), after NFKC (full-width digits count)."""
    return set(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def measure_numbers(measure: Measure) -> set[str]:
    """Every number a measure prints: in its name, description, indicator labels and targets."""
    parts = [measure.name, measure.description]
    for ind in measure.indicators:
        parts += [ind.label, ind.r6, ind.r9, ind.r13]
    for row in measure.rows:
        parts.append(row.name)
    return {n for part in parts for n in numbers_in(part)}


def check_answer(
    text: str,
    cited: dict[int, Measure],
    retrieved_ids: Iterable[str],
    extra_numbers: Iterable[str] = (),
) -> list[Violation]:
    """Every way `text` with its citations breaks the guarantees (empty when it keeps them)."""
    violations: list[Violation] = []
    retrieved = set(retrieved_ids)
    for n, measure in cited.items():
        if measure.id not in retrieved:
            violations.append(Violation("citation", f"[{n}] {measure.id} was not retrieved"))
    for marker in MARKER.findall(text):
        if int(marker) not in cited:
            violations.append(Violation("marker", f"[{marker}] has no citation"))
    allowed = {n for m in cited.values() for n in measure_numbers(m)} | set(extra_numbers)
    stripped = _STRUCTURAL.sub(" ", unicodedata.normalize("NFKC", text))
    for number in sorted(numbers_in(stripped)):
        if number not in allowed:
            violations.append(Violation("number", f"{number} is in no cited measure"))
    return violations
