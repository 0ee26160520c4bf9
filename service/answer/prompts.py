"""Prompt and answer templates from `prompts/` (Jinja2, plain text: pages escape on display)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


class PromptLibrary:
    """Loads the templates under a prompts directory once."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._env = Environment(
            loader=FileSystemLoader(str(directory)),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,
            keep_trailing_newline=False,
        )
        self._follow_ups: dict[str, dict[str, list[str]]] = json.loads(
            (directory / "follow_ups.json").read_text(encoding="utf-8")
        )

    def render(self, name: str, **context: Any) -> str:
        """Render `name` (e.g. "answer/ja/measure.j2"), trimming blank lines at the ends."""
        return self._env.get_template(name).render(**context).strip()

    def follow_ups(self, lang: str, kind: str) -> list[str]:
        """Suggested next questions for an answer kind."""
        return list(self._follow_ups.get(lang, {}).get(kind, []))
