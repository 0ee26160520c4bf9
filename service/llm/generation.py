"""Optional LLM answers, held to the same guarantees as the extractive ones.

The extractive answer comes first: it decides what is retrieved, which measures
are cited and whether to abstain. For measure and number answers, the LLM then
rewrites the answer from those measure cards only. Before a user sees the
rewrite, code checks it: markers outside 1…n are dropped, every number (by
value: 五百万円 is 500万円) must be printed in a cited card and for the indicator
its sentence names, no URL, e-mail address, phone number, measure name or
request for personal data may appear that the cards and desk lack, the language
must match, and the system prompt's canary must not appear. Streamed text is
held back sentence by sentence until it passes. Otherwise, or on a timeout or an
unreachable endpoint, the extractive answer is served with `generated: false`
and a `fallback_reason` code (the details go to the log only: a provider's error
can carry key fragments or internal host names).
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage

from ingest.catalogue import Catalogue, Measure
from service.answer.model import Answer, Turn
from service.answer.prompts import PromptLibrary
from service.answer.verify import MARKER, check_generated
from service.llm.chat import ChatModel
from service.llm.checks import Problem, complete_sentences
from service.privacy import mask_personal_data
from service.search.language import JAPANESE_SCRIPT

log = logging.getLogger(__name__)

GENERATED_KINDS = ("measure", "number")
_LATIN = re.compile(r"[A-Za-z]")
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"")
_LEAK_MARKERS = ("内部識別子", "Internal id", "支援策カード", "Measure cards", "<question>")


@dataclass(frozen=True)
class Event:
    """One step of a streamed answer: "delta" (text piece), "replace" (whole text), or "final"."""

    kind: str
    text: str = ""
    answer: Answer | None = None


def _failure(exc: Exception) -> Problem:
    """The short code for a failed model call, with the error itself kept for the log."""
    name = type(exc).__name__
    detail = f"{name}: {exc}"[:300]
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return Problem("timeout", detail)
    if isinstance(exc, ConnectionError | OSError) or "Connect" in name:
        return Problem("unreachable", detail)
    return Problem("model_error", detail)


class _Rejected(Exception):
    """A streamed sentence failed a check: stop reading the model."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


def prose_language(text: str, names: list[str]) -> str:
    """The language of the prose, ignoring quoted text and measure names (printed in Japanese)."""
    for name in names:
        text = text.replace(name, " ")
    text = _QUOTED.sub(" ", text)
    return "ja" if len(JAPANESE_SCRIPT.findall(text)) > len(_LATIN.findall(text)) else "en"


def safe_user_text(text: str) -> str:
    """User text for the prompt: it cannot close the <question> delimiter."""
    return text.replace("<", "＜").replace(">", "＞")


class Generator:
    """Rewrites extractive answers with a chat model, verifying the result."""

    def __init__(self, chat: ChatModel, catalogue: Catalogue, prompts: PromptLibrary, timeout_s: float) -> None:
        self.chat = chat
        self.catalogue = catalogue
        self.prompts = prompts
        self.timeout_s = timeout_s
        self.canary = f"SHIEN-CANARY-{secrets.token_hex(8)}"

    def messages(self, question: str, history: list[Turn], extractive: Answer) -> list[SystemMessage | HumanMessage]:
        """The system prompt with the numbered cards, and the delimited user input."""
        lang = extractive.lang
        system = self.prompts.render(f"llm/{lang}/system.j2", canary=self.canary, cards=extractive.citations)
        turns = [Turn(role=t.role, text=safe_user_text(t.text)) for t in history[-4:]]
        user = self.prompts.render(f"llm/{lang}/user.j2", question=safe_user_text(question), history=turns)
        return [SystemMessage(system), HumanMessage(user)]

    def _cards(self, extractive: Answer) -> dict[int, Measure]:
        return {c.n: m for c in extractive.citations if (m := self.catalogue.measure(c.measure_id)) is not None}

    @staticmethod
    def _sources(extractive: Answer) -> list[str]:
        """Text besides the cards that may be repeated: the extractive answer and the desk."""
        desk = extractive.desk
        return [extractive.text, *([desk.name, desk.phone, desk.hours, desk.url] if desk else [])]

    def _problem(self, text: str, cited: dict[int, Measure], extractive: Answer) -> Problem | None:
        """The first check `text` fails against the cards in `cited`, or None."""
        if self.canary in text or any(marker in text for marker in _LEAK_MARKERS):
            return Problem("prompt_leak", "the canary or a prompt marker appeared")
        retrieved = {m.id for m in self._cards(extractive).values()}
        violations = check_generated(text, cited, retrieved, self.catalogue, self._sources(extractive))
        if not violations:
            return None
        first = violations[0]
        code = first.kind if first.kind == "personal_data_request" else f"unverified_{first.kind}"
        return Problem(code, first.detail)

    def _clean(self, text: str, extractive: Answer) -> str:
        """The text without markers that name no card."""
        cards = self._cards(extractive)
        return MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in cards else "", text)

    def verify(self, text: str, extractive: Answer) -> tuple[str, list[int], Problem | None]:
        """(cleaned text, cited card numbers, the check it fails or None)."""
        cleaned = self._clean(text, extractive).strip()
        if self.canary in text or any(marker in text for marker in _LEAK_MARKERS):
            return cleaned, [], Problem("prompt_leak", "the canary or a prompt marker appeared")
        if len(cleaned) < 8:
            return cleaned, [], Problem("empty_answer", f"{len(cleaned)} characters")
        used = sorted({int(n) for n in MARKER.findall(cleaned)})
        if not used:
            return cleaned, [], Problem("no_citation", "no [n] marker")
        names = [c.name for c in extractive.citations]
        if prose_language(cleaned, names) != extractive.lang:
            return cleaned, used, Problem("wrong_language", f"expected {extractive.lang}")
        cited = {n: m for n, m in self._cards(extractive).items() if n in used}
        return cleaned, used, self._problem(cleaned, cited, extractive)

    def stream(self, question: str, history: list[Turn], extractive: Answer) -> Iterator[Event]:
        """Stream the generated text sentence by sentence, each only once it passes the checks; end with the
        verified answer or the extractive fallback."""
        if extractive.kind not in GENERATED_KINDS or extractive.abstained or not extractive.citations:
            yield Event("final", answer=extractive)
            return
        text = ""  # everything the model sent
        held = ""  # the sentence being received, not yet checked
        shown = ""  # checked text the client has
        problem: Problem | None = None
        deadline = time.monotonic() + self.timeout_s
        lock = self.chat.lock
        try:
            if lock is not None and not lock.acquire(timeout=self.timeout_s):
                raise TimeoutError("the local model is busy")
            try:
                for chunk in self.chat.model.stream(self.messages(question, history, extractive)):
                    piece = str(chunk.content) if chunk.content else ""
                    text += piece
                    complete, held = complete_sentences(held + piece)
                    for sentence in complete:
                        checked = self._clean(sentence, extractive)
                        failed = self._problem(checked, self._cards(extractive), extractive)
                        if failed is not None:
                            raise _Rejected(failed)
                        shown += checked
                        yield Event("delta", checked)
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"no complete answer within {self.timeout_s:g} s")
            finally:
                if lock is not None:
                    lock.release()
        except _Rejected as exc:
            problem = exc.problem
        except Exception as exc:
            problem = _failure(exc)
        if problem is None:
            cleaned, used, problem = self.verify(text, extractive)
        if problem is not None:
            log.info("generation fell back: %s (%s)", problem.code, mask_personal_data(problem.detail))
            fallback = extractive.model_copy(update={"generated": False, "fallback_reason": problem.code})
            if shown:
                yield Event("replace", fallback.text)
            yield Event("final", answer=fallback)
            return
        if cleaned.startswith(shown):
            if cleaned != shown:
                yield Event("delta", cleaned[len(shown) :])
        else:
            yield Event("replace", cleaned)
        answer = extractive.model_copy(
            update={
                "text": cleaned,
                "citations": [c for c in extractive.citations if c.n in used],
                "generated": True,
                "fallback_reason": None,
            }
        )
        yield Event("final", answer=answer)

    def generate(self, question: str, history: list[Turn], extractive: Answer) -> Answer:
        """The final answer, without streaming."""
        final = extractive
        for event in self.stream(question, history, extractive):
            if event.answer is not None:
                final = event.answer
        return final
