"""`shien eval`: retrieval and answer quality on a question set with known answers.

The question set (`tests/data/questions.jsonl`) is split once, by a fixed seed, into `dev`
(thresholds and glossary are tuned on it) and `test` (only reported). Each line names its
split, so a question never moves between them.

Question types: `measure` (a need; `relevant` measures help), `number` (a printed target;
`expect` names the indicator, year and value, or `other_year`, a year asked for that has no
target), `detail` (a programme detail the vision does not print; `relevant` is the related
measure), `out_of_scope`, `nonsense`, `list` (every measure of a kind; `relevant` is complete),
`conversation` (earlier `turns`, then the question; `final_type` says how to judge the last
answer), `broad` (should be asked back), `overview` (a numbered policy, goal or initiative), and
the older `uncovered` (= detail).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.catalogue import NO_TARGET, YEARS, Catalogue
from service.answer.model import Answer, Turn, exchange
from service.answer.verify import MARKER
from service.search.retrieval import Filters, Retriever

SPLITS = ("dev", "test")
SPLIT_SEED = "shien-2026-11-29"
ABSTAIN_TYPES = ("out_of_scope", "nonsense")
DETAIL_TYPES = ("detail", "uncovered")


class QuestionSetError(ValueError):
    """The question set cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Question:
    """One evaluation question and what a right answer holds."""

    id: str
    question: str
    lang: str
    type: str
    relevant: list[str]  # measure names as printed
    raw: dict[str, Any]

    @property
    def split(self) -> str:
        """ "dev" or "test" (questions written before the split existed count as dev)."""
        return str(self.raw.get("split", "dev"))

    @property
    def judged_as(self) -> str:
        """The type the (last) answer is judged by: a conversation's `final_type`, else the type."""
        return str(self.raw.get("final_type", "measure")) if self.type == "conversation" else self.type


def load_questions(path: Path, split: str | None = None) -> list[Question]:
    """Read a JSONL question set, optionally one split of it."""
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
    if split is not None:
        if split not in SPLITS:
            raise QuestionSetError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
        questions = [q for q in questions if q.split == split]
    return questions


def assign_split(question_id: str) -> str:
    """The split a new question joins, fixed by the seed: half of the questions, by hash, are for testing only.

    Questions written before the split existed were tuned on and stay in dev.
    """
    digest = hashlib.sha256(f"{SPLIT_SEED}:{question_id}".encode()).digest()
    return SPLITS[digest[0] % 2]


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
    """Scores overall and per language for the measure questions (measure hits only)."""
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
    wrong_indicator: bool = False  # quoted another indicator's target as if it were the one asked
    first_relevant: bool = False  # the first primary measure is relevant (measure questions)
    clarified: bool = False  # answered with a clarifying question
    recall: float = 0.0  # list questions: share of the relevant measures cited


def _shown_value(value: str, lang: str) -> str:
    if value != NO_TARGET:
        return value
    return "目標値が設定されていません" if lang == "ja" else "no FY"


def _number_ok(q: Question, answer: Answer) -> tuple[str, bool]:
    """(problem, quoted another indicator without saying so)."""
    expect = q.raw.get("expect", {})
    if answer.kind != "number":
        return f"kind {answer.kind}, expected number", False
    lead = answer.lead or answer.text.split("\n", 1)[0]
    if answer.abstained:
        return "said no target matches exactly", False
    if expect["label"] not in answer.text:
        return f"indicator {expect['label']} not in answer", True
    values = expect.get("values") or [expect["value"]]
    for value in values:
        if value == NO_TARGET:
            if not any(s in answer.text for s in ("目標値の設定なし", "設定されていません", "no target set", "no FY")):
                return "no-target not said", False
        elif value not in answer.text:
            return f"value {value} not in answer", expect["label"] not in lead
    if expect.get("other_year") and expect["other_year"] not in answer.text:
        return f"no target for {expect['other_year']} not said", False
    if expect.get("year") and any(
        f"{y} " in answer.text or f"{y}（" in answer.text for y in YEARS if y != expect["year"]
    ):
        return "answer names other years than the one asked", False
    return "", False


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
    """Whether an answer is right for its question, by the type it is judged as."""
    kind = q.judged_as
    relevant = relevant_ids(q, catalogue) if q.relevant else set()
    cited = {c.measure_id for c in answer.citations}
    # The desk pointer every answer ends with is never primary; the desk measure cited as an answer to a request
    # for advice is, and counts.
    primary = [c.measure_id for c in answer.citations if c.primary]
    clarified = answer.kind == "clarify"
    if kind == "number":
        problem, wrong = _number_ok(q, answer)
        return AnswerCheck(q.id, q.type, not problem, problem, wrong_indicator=wrong)
    if kind == "overview":
        problem = _overview_ok(q, answer)
        return AnswerCheck(q.id, q.type, not problem, problem)
    if kind in DETAIL_TYPES:
        if not answer.abstained or answer.kind != "none":
            problem = "did not say the vision does not state it"
        elif relevant and not relevant & cited:
            problem = "related measure not named"
        else:
            problem = ""
        return AnswerCheck(q.id, q.type, not problem, problem)
    if kind in ABSTAIN_TYPES:
        problem = "" if answer.abstained and not primary else "did not abstain"
        return AnswerCheck(q.id, q.type, not problem, problem)
    if kind == "list":
        recall = len(relevant & cited) / len(relevant) if relevant else 0.0
        problem = "" if recall >= 0.9 else f"recall {recall:.2f}"
        return AnswerCheck(q.id, q.type, not problem, problem, recall=recall)
    if kind == "broad":
        return AnswerCheck(q.id, q.type, clarified, "" if clarified else f"kind {answer.kind}", clarified=clarified)
    first = bool(primary) and primary[0] in relevant
    if answer.abstained or clarified:
        problem = "abstained on a covered question" if answer.abstained else "asked back on a specific question"
    elif not relevant & set(primary):
        problem = "cites no relevant measure"
    else:
        problem = ""
    return AnswerCheck(q.id, q.type, not problem, problem, first_relevant=first, clarified=clarified)


def ask_in_turns(q: Question, compose: Callable[[str, list[Turn]], Answer]) -> Answer:
    """The answer to a question after its earlier turns (a conversation), each answered in order."""
    history: list[Turn] = []
    for text in q.raw.get("turns", []):
        history += exchange(text, compose(text, history))
    return compose(q.question, history)


def _share(checks: list[AnswerCheck], predicate: Callable[[AnswerCheck], bool]) -> float:
    return sum(predicate(c) for c in checks) / len(checks) if checks else 0.0


def answer_figures(questions: list[Question], checks: list[AnswerCheck]) -> dict[str, float]:
    """The answer-level figures the issues track, from the checks of one split."""
    by_id = {q.id: q for q in questions}

    def of(*kinds: str, conversation: bool = False) -> list[AnswerCheck]:
        return [
            c for c in checks if by_id[c.id].judged_as in kinds and (by_id[c.id].type == "conversation") == conversation
        ]

    figures: dict[str, float] = {}
    measure = of("measure")
    if measure:
        figures["measure answers citing a relevant measure"] = _share(measure, lambda c: c.ok)
        figures["first primary measure relevant"] = _share(measure, lambda c: c.first_relevant)
        figures["specific questions asked back"] = _share(measure, lambda c: c.clarified)
    number = of("number")
    if number:
        figures["number: printed value"] = _share(number, lambda c: c.ok)
        figures["number: other indicator quoted without saying so"] = float(sum(c.wrong_indicator for c in number))
    for label, kinds in (
        ("detail not printed: not stated + related measure", DETAIL_TYPES),
        ("out of scope and nonsense: abstain", ABSTAIN_TYPES),
        ("overview correctness", ("overview",)),
        ("broad questions asked back", ("broad",)),
    ):
        group = of(*kinds)
        if group:
            figures[label] = _share(group, lambda c: c.ok)
    lists = of("list")
    if lists:
        figures["list recall"] = statistics.mean(c.recall for c in lists)
    conversations = [c for c in checks if by_id[c.id].type == "conversation"]
    if conversations:
        figures["conversations: last turn right"] = _share(conversations, lambda c: c.ok)
        # A wrong target is as bad after two turns as in one: counted apart, gated at 0 like number questions.
        figures["conversations: other indicator quoted without saying so"] = float(
            sum(c.wrong_indicator for c in conversations)
        )
    return figures


def evaluate_answers(
    questions: list[Question],
    catalogue: Catalogue,
    compose: Callable[[str, list[Turn]], Answer],
) -> tuple[dict[str, float], list[AnswerCheck], list[float]]:
    """Answer-level figures, each check, and the latency of each (last) answer in ms."""
    checks: list[AnswerCheck] = []
    latencies: list[float] = []
    for q in questions:
        start = time.perf_counter()
        result = ask_in_turns(q, compose)
        latencies.append((time.perf_counter() - start) * 1000)
        checks.append(check_answer_for(q, result, catalogue))
    return answer_figures(questions, checks), checks, latencies


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
        if q.type == "conversation":
            continue
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
    numbers = [c for c in checks if c.type == "number"]
    details = [c for c in checks if c.type in DETAIL_TYPES]
    return {
        "answers": len(checks),
        "citation validity": valid / max(len(checks), 1),
        "number exactness": _share(numbers, lambda c: c.ok),
        "abstention on uncovered questions": _share(details, lambda c: c.ok),
        "generation attempts": attempted,
        "fallback rate": fallbacks / max(attempted, 1),
        "generated and verified": generated,
        "time to first token p50 ms": percentile(first_token, 50),
        "tokens per second (median)": statistics.median(rates) if rates else 0.0,
    }
