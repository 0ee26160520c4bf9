"""Checks on LLM text beyond the extractive ones: numbers by value, by indicator, contacts, names, data requests.

An LLM can state a number the card does not print in a form the digit check does not see (五百万円,
5百万円, ５００万円), put a printed number next to the wrong indicator, add a URL, e-mail address or
phone number of its own (a phishing link asking for a My Number needs no digits at all), or name a
measure it does not cite. Each check returns the offending piece so the caller can log it; users only
see a short code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingest.catalogue import Catalogue, Measure

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}
_NUMERAL_CHARS = "".join(_KANJI_DIGITS) + "".join(_SMALL_UNITS) + "".join(_LARGE_UNITS)
# A number: digits (with commas and decimals) and/or kanji numerals, with 万/億 multipliers.
_QUANTITY = re.compile(rf"(?:\d[\d,]*(?:\.\d+)?|[{_NUMERAL_CHARS}])(?:[\d,.]|[{_NUMERAL_CHARS}])*")
# Kanji-only runs count as numbers only before a counter or unit (一体, 統一, 十分 are words, not numbers).
_COUNTER = re.compile(
    r"\s*(?:円|人|件|台|回|社|名|箇所|か所|ヶ所|カ所|店|団体|校|園|日|年|か月|ヶ月|倍|割|部|事業|会員|%|％|パーセント)"
)
# References to the document's own structure, and its fiscal years, which are not claims.
_STRUCTURAL = re.compile(
    r"\[\d+\]"
    r"|R(?:6|9|13)(?![0-9])|令和(?:6|9|13|六|九|十三)年度?|FY ?(?:2024|2027|2031)"
    r"|(?<![0-9])\d{1,2}-\d{1,2}(?![0-9])"
    r"|基本的方針\d|目指す姿\d{1,2}|[Pp]olicy \d|[Gg]oal \d{1,2}|[Ii]nitiatives? \d{1,2}-\d{1,2}|取組み\d{1,2}"
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n])|(?<=\.)\s")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s「」『』()（）<>\"]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:jp|com|net|org|info|io)\b"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d-])(?:\+81[-\s]?|0)\d{1,4}[-\s(（)）]?\d{1,4}[-\s)）]?\d{3,4}(?![\d-])")
_QUOTED = re.compile(r"「([^」]{2,})」")
# What a support desk never asks for in a chat answer, unless the document itself mentions it.
PERSONAL_DATA_TERMS = (
    "マイナンバー",
    "個人番号",
    "暗証番号",
    "パスワード",
    "口座番号",
    "クレジットカード",
    "My Number",
    "password",
    "PIN",
    "bank account",
    "credit card",
)


@dataclass(frozen=True)
class Problem:
    """One failed check: `code` for users (fallback_reason), `detail` for the log."""

    code: str
    detail: str


def _kanji_value(run: str) -> Decimal | None:
    """The value of a kanji numeral run such as 五百, 二十三, 千二百, or None when it is not one."""
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _KANJI_DIGITS:
            if digit is not None:  # 一二 is not a numeral
                return None
            digit = _KANJI_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def _value(token: str) -> Decimal | None:
    """The value of a number as written: 1,750 / 5.5 / 五百 / 5,000万 / 1億2千万 / 五百万."""
    total = Decimal(0)
    current = ""
    for ch in token + "。":
        if ch in _LARGE_UNITS or ch == "。":
            if current:
                part = _part_value(current)
                if part is None:
                    return None
                total += part * _LARGE_UNITS.get(ch, 1)
            elif ch in _LARGE_UNITS:
                total += _LARGE_UNITS[ch]  # 万 alone: ten thousand
            current = ""
        else:
            current += ch
    return total


def _part_value(part: str) -> Decimal | None:
    digits = part.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        try:
            return Decimal(digits)
        except InvalidOperation:
            return None
    # Digits before kanji units (5千, 1千2百): value the kanji part with the digits as kanji digits.
    translated = "".join("〇一二三四五六七八九"[int(c)] if c.isdigit() else c for c in digits)
    return _kanji_value(translated) if "." not in digits else None


def quantities(text: str) -> list[Decimal]:
    """Every number in `text` by value, after NFKC (full-width digits), kanji numerals and 万/億/兆.

    Structural references (R9, 令和9年度, 取組み3-1, [1] ...) are not numbers here. A run of kanji
    numerals without digits counts only before a counter or unit, so words such as 一体 or 十分 do not.
    """
    normal = _STRUCTURAL.sub(" ", unicodedata.normalize("NFKC", text))
    found: list[Decimal] = []
    for match in _QUANTITY.finditer(normal):
        token = match.group(0).rstrip(",.")
        if not token:
            continue
        has_digit = any(c.isdigit() for c in token)
        if not has_digit and not _COUNTER.match(normal, match.end()):
            continue
        value = _value(token)
        if value is not None:
            found.append(value.normalize())
    return found


def _measure_texts(measure: Measure) -> list[str]:
    return [measure.name, measure.description, *(row.name for row in measure.rows)]


def _indicator_key(text: str) -> str:
    """Text compared for indicator names: NFKC, no の, spaces or punctuation (AEDの設置台数 ~ AED設置台数)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch.isalnum() and ch != "の")


def sentences(text: str) -> list[str]:
    """The text split after 。！？!? and line breaks (and after a full stop followed by a space)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def complete_sentences(text: str) -> tuple[list[str], str]:
    """(the complete sentences at the start of streamed `text`, the unfinished rest)."""
    cut = max((m.end() for m in _SENTENCE_END.finditer(text)), default=0)
    return sentences(text[:cut]), text[cut:]


def check_numbers(text: str, cited: dict[int, Measure]) -> list[Problem]:
    """Every number by value is printed in a cited measure, and belongs to the indicator its sentence names.

    A sentence that names indicators of the cited measures (by label) may only state their own targets;
    a sentence that names none may state any number the cited measures print.
    """
    problems: list[Problem] = []
    allowed: set[Decimal] = set()
    indicators: list[tuple[str, set[Decimal]]] = []
    for measure in cited.values():
        for part in _measure_texts(measure):
            allowed.update(quantities(part))
        for ind in measure.indicators:
            values = {v for field in (ind.label, ind.r6, ind.r9, ind.r13) for v in quantities(field + ind.unit)}
            allowed |= values
            indicators.append((_indicator_key(ind.label), values))
    for sentence in sentences(text):
        key = _indicator_key(sentence)
        named = [values for label, values in indicators if label and label in key]
        scope = set().union(*named) if named else allowed
        for value in quantities(sentence):
            if value not in scope:
                where = "the indicator its sentence names" if named and value in allowed else "a cited measure"
                problems.append(Problem("unverified_number", f"{value} is not printed for {where}: {sentence!r}"))
    return problems


def contacts(text: str) -> set[str]:
    """URLs, domain names, e-mail addresses and phone numbers in `text` (NFKC), as written."""
    normal = unicodedata.normalize("NFKC", text)
    found = set(_EMAIL.findall(normal))
    without_email = _EMAIL.sub(" ", normal)
    found |= set(_URL.findall(without_email))
    found |= {re.sub(r"\D", "", p) for p in _PHONE.findall(without_email)}
    return found


def check_contacts(text: str, sources: Iterable[str]) -> list[Problem]:
    """Every URL, e-mail address and phone number in `text` is printed in `sources` (cards, desk, document)."""
    known: set[str] = set()
    for source in sources:
        known |= contacts(source)
    return [Problem("unverified_contact", f"{c!r} is printed nowhere in the sources") for c in contacts(text) - known]


def check_personal_data_requests(text: str, sources: Iterable[str]) -> list[Problem]:
    """No mention of My Number, PINs, passwords, account or card numbers unless the sources mention them."""
    source_text = "\n".join(sources).lower()
    lowered = unicodedata.normalize("NFKC", text).lower()
    return [
        Problem("personal_data_request", f"mentions {term!r}")
        for term in PERSONAL_DATA_TERMS
        if term.lower() in lowered and term.lower() not in source_text
    ]


def check_names(text: str, cited: dict[int, Measure], catalogue: Catalogue, sources: Iterable[str]) -> list[Problem]:
    """Measure names in the text are those of cited measures; quoted 「…」 text is printed in the sources."""
    problems: list[Problem] = []
    cited_ids = {m.id for m in cited.values()}
    for measure in catalogue.measures:
        named = measure.id not in cited_ids and len(measure.name) >= 6 and measure.name in text
        if named and not any(measure.name in c.name for c in cited.values()):  # a longer cited name contains it
            problems.append(Problem("unverified_name", f"names {measure.name!r}, which is not cited"))
    source_text = unicodedata.normalize("NFKC", "\n".join(sources))
    for quoted in _QUOTED.findall(text):
        if unicodedata.normalize("NFKC", quoted) not in source_text:
            problems.append(Problem("unverified_name", f"quotes 「{quoted}」, printed nowhere in the sources"))
    return problems


def card_sources(cited: dict[int, Measure], catalogue: Catalogue) -> list[str]:
    """The text of the cited cards the LLM was shown: names, descriptions, indicators and initiative titles."""
    out: list[str] = []
    for measure in cited.values():
        out += _measure_texts(measure)
        out += [f"{i.label} {i.r6} {i.r9} {i.r13} {i.unit}" for i in measure.indicators]
        out += [i.title for code in measure.initiatives if (i := catalogue.initiative(code))]
    return out
