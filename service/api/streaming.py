"""Server-sent events for /api/ask: the text in pieces, then the citations, then done."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from service.answer import Answer

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


def answer_events(answer: Answer) -> Iterator[str]:
    """The SSE stream of a composed answer."""
    yield sse("meta", {"lang": answer.lang, "kind": answer.kind, "abstained": answer.abstained})
    for piece in text_pieces(answer.text):
        yield sse("delta", {"text": piece})
    yield sse("citations", [c.model_dump(mode="json") for c in answer.citations])
    yield sse("done", answer.model_dump(mode="json"))
