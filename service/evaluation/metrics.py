"""`shien eval`: retrieval (and answer) quality on a question set with known answers."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.catalogue import NO_TARGET, YEARS, Catalogue
from service.answer.model import Answer
from service.answer.verify import MARKER
from service.search.retrieval import Filters, Retriever


class QuestionSetError(ValueError):
    """The question set cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Question:
    """One evaluation question and the measures that truly answer it."""

    id: str
    question: str
    lang: str
    type: str
    relevant: list[str]  # measure names as printed
    raw: dict[str, Any]


def load_questions(path: Path) -> list[Question]:
    """Read a JSONL question set."""
    questions = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc.strerror})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(
                Question(
                    id=str(item["id"]),
                    question=str(item["question"]),
                    lang=str(item.get("lang", "ja")),
                    type=str(item.get("type", "measure")),
                    relevant=list(item.get("relevant", [])),
                    raw=item,
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise QuestionSetError(f"{path}:{number}: needs an object with id and question ({exc})") from None
    return questions


def relevant_ids(question: Question, catalogue: Catalogue) -> set[str]:
    """Measure ids of the relevant names (a reprint's printed name counts too)."""
    by_name = {row.name: row.measure_id for row in catalogue.rows}
    missing = [name for name in question.relevant if name not in by_name]
    if missing:
        raise QuestionSetError(f"question {question.id}: no measure named {missing[0]!r}")
    return {by_name[name] for name in question.relevant}


@dataclass(frozen=True)
class RetrievalScores:
    """hit@1, hit@5 and MRR@10 over a group of questions."""

    count: int
    hit1: float
    hit5: float
    mrr10: float

    def to_json(self) -> dict[str, float | int]:
        """Rounded figures for printing."""
        return {
            "n": self.count,
            "hit@1": round(self.hit1, 3),
            "hit@5": round(self.hit5, 3),
            "mrr@10": round(self.mrr10, 3),
        }


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def first_relevant_rank(ranked_ids: list[str], relevant: set[str]) -> int | None:
    """1-based rank of the first relevant id, or None."""
    return next((rank for rank, mid in enumerate(ranked_ids, start=1) if mid in relevant), None)


def score(ranks: Iterable[int | None]) -> RetrievalScores:
    """Aggregate first-relevant ranks into hit@1, hit@5, MRR@10."""
    ranks = list(ranks)
    n = len(ranks) or 1
    return RetrievalScores(
        count=len(ranks),
        hit1=sum(1 for r in ranks if r == 1) / n,
        hit5=sum(1 for r in ranks if r is not None and r <= 5) / n,
        mrr10=sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    )


def measure_ranking(retriever: Retriever) -> Callable[[str], list[str]]:
    """The measure ids that `retriever` ranks for a question, best first (10 at most)."""

    def rank(question: str) -> list[str]:
        return [h.measure_id for h in retriever.search(question, k=10, filters=Filters(kind="measure"))]

    return rank


def evaluate_retrieval(
    questions: list[Question], catalogue: Catalogue, rank: Callable[[str], list[str]]
) -> dict[str, RetrievalScores]:
    """Scores overall and per language for the questions that name relevant measures."""
    by_lang: dict[str, list[int | None]] = {}
    for q in questions:
        if not q.relevant or q.type != "measure":
            continue
        r = first_relevant_rank(rank(q.question), relevant_ids(q, catalogue))
        by_lang.setdefault("all", []).append(r)
        by_lang.setdefault(q.lang, []).append(r)
    return {group: score(ranks) for group, ranks in by_lang.items()}


@dataclass(frozen=True)
class AnswerCheck:
    """How one composed answer fared."""

    id: str
    type: str
    ok: bool
    problem: str = ""


def _number_ok(q: Question, answer: Answer) -> str:
    expect = q.raw.get("expect", {})
    if answer.kind != "number":
        return f"kind {answer.kind}, expected number"
    if expect["label"] not in answer.text:
        return f"indicator {expect['label']} not in answer"
    values = expect.get("values") or [expect["value"]]
    for value in values:
        shown = value if value != NO_TARGET else ("目標値の設定なし" if answer.lang == "ja" else "no target set")
        if shown not in answer.text:
            return f"value {shown} not in answer"
    if expect.get("year") and any(y in answer.text for y in YEARS if y != expect["year"]):
        return "answer names other years than the one asked"
    return ""


def _overview_ok(q: Question, answer: Answer) -> str:
    target = str(q.raw.get("expect", {}).get("target", ""))
    unit, _, ref = target.partition(":")
    if answer.kind != "overview":
        return f"kind {answer.kind}, expected overview"
    needle = {"policy": f"方針{ref}" if answer.lang == "ja" else f"Policy {ref}",
              "goal": f"目指す姿{ref}" if answer.lang == "ja" else f"Goal {ref}",
              "initiative": ref}[unit]  # fmt: skip
    return "" if needle in answer.text else f"{needle} not in answer"


def check_answer_for(q: Question, answer: Answer, catalogue: Catalogue) -> AnswerCheck:
    """Whether an answer is right for its question, by the question's type."""
    problem = ""
    relevant = relevant_ids(q, catalogue) if q.relevant else set()
    cited = {c.measure_id for c in answer.citations}
    if q.type == "number":
        problem = _number_ok(q, answer)
    elif q.type == "overview":
        problem = _overview_ok(q, answer)
    elif q.type == "uncovered":
        if not answer.abstained:
            problem = "did not abstain"
        elif q.raw.get("expect", {}).get("closest") and not relevant & cited:
            problem = "closest measure not named"
    elif answer.abstained:
        problem = "abstained on a covered question"
    elif not relevant & cited:
        problem = "cites no relevant measure"
    return AnswerCheck(q.id, q.type, not problem, problem)


def evaluate_answers(
    questions: list[Question], catalogue: Catalogue, answer: Callable[[str], Answer]
) -> tuple[dict[str, float], list[AnswerCheck], list[float]]:
    """Answer-level figures by question type, each check, and the latency of each answer in ms."""
    checks: list[AnswerCheck] = []
    latencies: list[float] = []
    for q in questions:
        start = time.perf_counter()
        result = answer(q.question)
        latencies.append((time.perf_counter() - start) * 1000)
        checks.append(check_answer_for(q, result, catalogue))
    figures = {}
    for label, kind in (
        ("measure answers citing a relevant measure", "measure"),
        ("number exactness", "number"),
        ("overview correctness", "overview"),
        ("abstention on uncovered questions", "uncovered"),
    ):
        group = [c for c in checks if c.type == kind]
        if group:
            figures[label] = sum(c.ok for c in group) / len(group)
    return figures, checks, latencies


def evaluate_generation(
    questions: list[Question], catalogue: Catalogue, events: Callable[[str], Iterable[Any]]
) -> dict[str, float]:
    """LLM figures: citation validity, number exactness, abstention, fallback rate, time to first token, tokens/s.

    `events` is `Engine.answer_events` for one question; streamed chunks stand in for tokens.
    """
    attempted = fallbacks = generated = valid = 0
    first_token: list[float] = []
    rates: list[float] = []
    checks: list[AnswerCheck] = []
    for q in questions:
        start = time.perf_counter()
        first = last = None
        chunks = 0
        final: Answer | None = None
        for event in events(q.question):
            if event.kind == "delta":
                now = time.perf_counter()
                first = first or now
                last = now
                chunks += 1
            elif event.kind == "final":
                final = event.answer
        if final is None:
            continue
        if first is not None:
            attempted += 1
            first_token.append((first - start) * 1000)
            if last and last > first and chunks > 1:
                rates.append((chunks - 1) / (last - first))
            fallbacks += not final.generated
            generated += final.generated
        markers = {int(n) for n in MARKER.findall(final.text)}
        valid += markers <= {c.n for c in final.citations}
        checks.append(check_answer_for(q, final, catalogue))
    by_type = {t: [c for c in checks if c.type == t] for t in ("number", "uncovered")}
    return {
        "answers": len(checks),
        "citation validity": valid / max(len(checks), 1),
        "number exactness": sum(c.ok for c in by_type["number"]) / max(len(by_type["number"]), 1),
        "abstention on uncovered questions": sum(c.ok for c in by_type["uncovered"])
        / max(len(by_type["uncovered"]), 1),
        "generation attempts": attempted,
        "fallback rate": fallbacks / max(attempted, 1),
        "generated and verified": generated,
        "time to first token p50 ms": percentile(first_token, 50),
        "tokens per second (median)": statistics.median(rates) if rates else 0.0,
    }
