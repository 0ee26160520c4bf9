"""Server-sent events for /api/ask: the text in pieces, then the citations, then done."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from service.llm.generation import Event

log = logging.getLogger(__name__)

PIECE_CHARS = 24


def sse(event: str, data: Any) -> str:
    """One SSE frame; data is JSON on a single line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def text_pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """The text in small pieces, never splitting a citation marker such as [12]."""
    piece = ""
    for ch in text:
        piece += ch
        if len(piece) >= size and "[" not in piece[piece.rfind("]") + 1 :]:
            yield piece
            piece = ""
    if piece:
        yield piece


def sse_stream(events: Iterable[Event]) -> Iterator[str]:
    """SSE frames: meta, delta pieces, replace (when verification changed the streamed text), citations, done.

    The status line is sent before the answer exists, so a failure later cannot become a 500: the stream
    then ends with an `error` event in the service's error shape, and the client shows it.
    """
    try:
        yield from _frames(events)
    except Exception:
        log.exception("the answer stream failed")
        yield sse("error", {"error": {"message": "internal error; the problem has been logged", "details": []}})


def _frames(events: Iterable[Event]) -> Iterator[str]:
    streamed = False
    done = False
    for event in events:
        if event.kind == "start" and event.answer is not None:
            answer = event.answer
            yield sse("meta", {"lang": answer.lang, "kind": answer.kind, "abstained": answer.abstained})
        elif event.kind == "delta":
            streamed = True
            yield sse("delta", {"text": event.text})
        elif event.kind == "replace":
            yield sse("replace", {"text": event.text})
        elif event.kind == "final" and event.answer is not None:
            final = event.answer
            if not streamed:
                for piece in text_pieces(final.text):
                    yield sse("delta", {"text": piece})
            yield sse("citations", [c.model_dump(mode="json") for c in final.citations])
            yield sse("done", final.model_dump(mode="json"))
            done = True
    if not done:
        raise RuntimeError("the answer stream ended without a final answer")
