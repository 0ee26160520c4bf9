"""Text from outside that the service cannot process: lone surrogates and NUL characters.

A JSON string may carry a lone surrogate ("\\ud800"), which no encoder accepts (the embedder and the
database fail with UnicodeEncodeError), and NUL, which PostgreSQL refuses in text. Both are rejected at
the edge with a 422 that says so, instead of failing later as a 500.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def text_problem(text: str) -> str | None:
    """Why `text` cannot be processed, or None."""
    if "\x00" in text:
        return "contains a NUL character; remove it"
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return "contains a lone surrogate (broken Unicode); send valid UTF-8 text"
    return None


def _checked(text: str) -> str:
    problem = text_problem(text)
    if problem:
        raise ValueError(problem)
    return text


SafeStr = Annotated[str, AfterValidator(_checked)]
"""A string field that rejects NUL and lone surrogates (a 422 through the validation handler)."""
