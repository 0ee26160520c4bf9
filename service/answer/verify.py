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

from ingest.catalogue import Catalogue, Measure
from service.llm.checks import card_sources, check_contacts, check_names, check_numbers, check_personal_data_requests

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

    kind: str  # "marker" | "citation" | "number"; for LLM text also "contact" | "name" | "personal_data_request"
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


def check_generated(
    text: str,
    cited: dict[int, Measure],
    retrieved_ids: Iterable[str],
    catalogue: Catalogue,
    sources: Iterable[str] = (),
) -> list[Violation]:
    """`check_answer` for LLM text, plus its own risks: numbers by value (五百万円 is 500万円) and by the
    indicator each sentence names, and no URL, e-mail address, phone number, measure name, quotation or
    request for personal data that the cited cards and `sources` (the desk, the extractive answer) lack.
    """
    known = [*card_sources(cited, catalogue), *sources]
    # Contacts and data requests first: a phone number is also digits, and its code should say what it is.
    problems = [
        *check_contacts(text, known),
        *check_personal_data_requests(text, known),
        *check_names(text, cited, catalogue, known),
    ]
    first = [Violation(p.code.removeprefix("unverified_"), p.detail) for p in problems]
    numbers = [Violation("number", p.detail) for p in check_numbers(text, cited)]
    return first + check_answer(text, cited, retrieved_ids) + numbers
