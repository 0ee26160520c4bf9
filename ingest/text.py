"""Rebuild the text of a PDF-extracted cell or paragraph.

The PDF extraction breaks a cell's text over short lines and letter-spaces
narrow cells for justification (「農 福 連 携 の 推 進」, 「S E T A G A Y A」).
Japanese has no spaces between words, so lines join with nothing between them
and only spaces between two Latin words (「SETAGAYA PORT」) survive.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \u3000\t]+")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "&+-./")


def _collapse_letter_spacing(tokens: list[str]) -> list[str]:
    """Merge runs of three or more one-character tokens (letter-spaced text)."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1:
            run.append(tok)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if tok:
            out.append(tok)
    return out


def normalize_spaces(text: str) -> str:
    """Remove justification spaces, keeping one space between two Latin words."""
    tokens = _collapse_letter_spacing([t for t in _SPACES.split(text.strip()) if t])
    if not tokens:
        return ""
    out = tokens[0]
    for tok in tokens[1:]:
        if _is_latin(out[-1]) and _is_latin(tok[0]):
            out += " "
        out += tok
    return out


_LATIN_TAIL = re.compile(r"([A-Za-z]+)[ \u3000]+$")
_LATIN_HEAD = re.compile(r"^([A-Za-z]+)")
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


def latin_words(text: str) -> frozenset[str]:
    """Latin words printed whole inside a line, to mend words split at a line end."""
    return frozenset(word for line in text.splitlines() for word in _LATIN_WORD.findall(line.strip()[:-1] + " "))


def join_lines(lines: list[str], words: frozenset[str] = frozenset()) -> str:
    """Join the lines of one cell or paragraph into its text.

    A space at a line end between two Latin words is kept (「“SETAGAYA␣」+「PORT”」),
    unless the two halves form a word seen whole elsewhere (「R60-SE␣」+「TAGAYA-」).
    """
    raw = ""
    for line in lines:
        line = line.rstrip("\n").lstrip(" \u3000")
        tail, head = _LATIN_TAIL.search(raw), _LATIN_HEAD.match(line)
        if tail and head and tail.group(1) + head.group(1) in words:
            raw = raw[: tail.end(1)]
        raw += line
    return normalize_spaces(raw)


def strip_circled_number(label: str) -> tuple[int | None, str]:
    """Split 「①AEDの設置台数」 into (1, 「AEDの設置台数」)."""
    if label and label[0] in _CIRCLED:
        return _CIRCLED.index(label[0]) + 1, label[1:]
    return None, label


def comparison_key(text: str) -> str:
    """Key for comparing names and headings: NFKC without spaces or 「」『』."""
    return re.sub(r"[\s「」『』]", "", unicodedata.normalize("NFKC", text))
