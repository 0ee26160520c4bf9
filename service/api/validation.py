"""Checks on user text that routes share: a clear 422 for what cannot be answered."""

from __future__ import annotations

from fastapi import HTTPException

from service.inputs import text_problem
from service.settings import Settings


def check_question(question: str, settings: Settings) -> str:
    """The trimmed question, or a 422 that says what is wrong with it."""
    problem = text_problem(question)
    if problem:
        raise HTTPException(status_code=422, detail=f"question {problem}")
    text = question.strip()
    if not text:
        raise HTTPException(status_code=422, detail="question is empty; type a question")
    if len(text) > settings.max_question_chars:
        raise HTTPException(
            status_code=422,
            detail=f"question is too long ({len(text)} characters); the limit is {settings.max_question_chars}",
        )
    return text
