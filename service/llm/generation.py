"""Optional LLM answers, held to the same guarantees as the extractive ones.

The extractive answer comes first: it decides what is retrieved, which measures
are cited and whether to abstain. For measure and number answers, the LLM then
rewrites the answer from those measure cards only. Before a user sees the
rewrite as final, code checks it: markers outside 1…n are dropped, every number
must be printed in a cited card, the language must match, and the system
prompt's canary must not appear. Otherwise, or on a timeout or an unreachable
endpoint, the extractive answer is served with `generated: false` and a
`fallback_reason`.
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
from service.answer.verify import MARKER, check_answer
from service.llm.chat import ChatModel
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


def _failure_kind(exc: Exception) -> str:
    """Why the model gave no answer, as the start of `fallback_reason`: timeout, unreachable or model error."""
    name = type(exc).__name__
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return "timeout"
    if isinstance(exc, ConnectionError | OSError) or "Connect" in name:
        return "unreachable"
    return "model error"


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

    def verify(self, text: str, extractive: Answer) -> tuple[str, list[int], str | None]:
        """(cleaned text, cited card numbers, reason it fails or None)."""
        cards: dict[int, Measure] = {
            c.n: m for c in extractive.citations if (m := self.catalogue.measure(c.measure_id)) is not None
        }
        if self.canary in text or any(marker in text for marker in _LEAK_MARKERS):
            return text, [], "prompt leak"
        cleaned = MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in cards else "", text).strip()
        if len(cleaned) < 8:
            return cleaned, [], "empty answer"
        used = sorted({int(n) for n in MARKER.findall(cleaned)})
        if not used:
            return cleaned, [], "no citation"
        names = [c.name for c in extractive.citations]
        if prose_language(cleaned, names) != extractive.lang:
            return cleaned, used, "wrong language"
        cited = {n: cards[n] for n in used}
        violations = check_answer(cleaned, cited, {m.id for m in cards.values()})
        if violations:
            return cleaned, used, f"unverified {violations[0].kind}: {violations[0].detail}"
        return cleaned, used, None

    def stream(self, question: str, history: list[Turn], extractive: Answer) -> Iterator[Event]:
        """Stream the generated text; end with the verified answer or the extractive fallback."""
        if extractive.kind not in GENERATED_KINDS or extractive.abstained or not extractive.citations:
            yield Event("final", answer=extractive)
            return
        text = ""
        reason: str | None = None
        deadline = time.monotonic() + self.timeout_s
        lock = self.chat.lock
        try:
            if lock is not None and not lock.acquire(timeout=self.timeout_s):
                raise TimeoutError("the local model is busy")
            try:
                for chunk in self.chat.model.stream(self.messages(question, history, extractive)):
                    piece = str(chunk.content) if chunk.content else ""
                    if piece:
                        text += piece
                        yield Event("delta", piece)
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"no complete answer within {self.timeout_s:g} s")
            finally:
                if lock is not None:
                    lock.release()
        except TimeoutError as exc:
            reason = f"timeout: {exc}"
        except Exception as exc:
            reason = f"{_failure_kind(exc)}: {type(exc).__name__}: {exc}"[:300]
        if reason is None:
            cleaned, used, reason = self.verify(text, extractive)
        if reason is not None:
            log.info("generation fell back: %s", reason)
            fallback = extractive.model_copy(update={"generated": False, "fallback_reason": reason})
            if text:
                yield Event("replace", fallback.text)
            yield Event("final", answer=fallback)
            return
        if cleaned != text:
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
