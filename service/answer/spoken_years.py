"""Fiscal years said in words, as voice input and romanised Japanese type them, rewritten in digits.

「れいわきゅうねんど」 → 令和9年度, 「にせんにじゅうななねんど」 → 2027年度, 「二〇二七年度」 → 2027年度,
"twenty twenty seven" → 2027, "fiscal twenty seven" → FY2027, "Reiwa 9" / "reiwa nine" → R9: the year parsers
read digits only."""

from __future__ import annotations

import re

_KANA_DIGITS = {
    "いち": 1,
    "に": 2,
    "さん": 3,
    "よん": 4,
    "よ": 4,
    "し": 4,
    "ご": 5,
    "ろく": 6,
    "なな": 7,
    "しち": 7,
    "はち": 8,
    "きゅう": 9,
    "く": 9,
}
KANJI_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")}
_KANA_DIGIT = "(?:" + "|".join(sorted(_KANA_DIGITS, key=len, reverse=True)) + ")"
# A number up to 9999 in kana: (digit)せん (digit)ひゃく is never a year of the plan, so thousands, tens and ones.
_KANA_NUMBER = rf"(?:(?:{_KANA_DIGIT})?せん)?(?:(?:{_KANA_DIGIT})?じゅう)?(?:{_KANA_DIGIT})?"
_KANJI_NUMBER = r"[〇一二三四五六七八九千十]{1,6}"

# 「れいわきゅうねんど」「令和じゅうさん年度」: the era read aloud, the number in kana.
_KANA_REIWA = re.compile(rf"(?:れいわ|令和)\s*({_KANA_NUMBER})\s*(?:ねんど|年度|ねん|年)")
# 「にせんにじゅうななねんど」: a western year in kana (2000 and up, so it starts with にせん).
_KANA_WESTERN = re.compile(rf"(にせん{_KANA_NUMBER})\s*(?:ねんど|年度)")
# 「じゅうさんねんど」 after no kana (a kana before it may be a particle: 「までにじゅうさん」 is not 23).
_KANA_SHORT = re.compile(rf"(?<![ぁ-ゖ])((?:{_KANA_DIGIT})?じゅう(?:{_KANA_DIGIT})?|{_KANA_DIGIT})\s*ねんど")
# 「二〇二七年度」「二千二十七年度」: a western year in kanji numerals.
_KANJI_WESTERN = re.compile(rf"(?<![〇一二三四五六七八九千十])({_KANJI_NUMBER})\s*(年度)")
# 「れいわ9ねんど」: the era read aloud, the number typed.
_KANA_ERA = re.compile(r"れいわ(?=\s*[0-9〇一二三四五六七八九十])")
# 「2027ねんど」: the digits typed, the rest read aloud.
_DIGITS_KANA = re.compile(r"(\d)\s*ねんど")

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13}
_TENS = {"twenty": 20, "thirty": 30}
_ONE = "(" + "|".join(_ONES) + ")"
_TEN = "(twenty|thirty)"
# "twenty twenty seven", "twenty thirty-one", "two thousand and twenty four".
_WESTERN_WORDS = re.compile(rf"\b(?:twenty|two thousand(?: and)?)[- ]{_TEN}(?:[- ]{_ONE})?\b", re.IGNORECASE)
# "fiscal twenty seven", "FY twenty-seven", "f y thirty one": a fiscal year in two digits said in words.
_SHORT_FISCAL_WORDS = re.compile(rf"\b(?:fy|f\.? ?y\.?|fiscal(?: year)?)\s+{_TEN}[- ]{_ONE}\b", re.IGNORECASE)
# "Reiwa 9", "reiwa nine", "Reiwa thirteen".
_REIWA_WORDS = re.compile(
    r"\breiwa[- ]?(\d{1,2}|" + "|".join([*_TEENS, *_ONES]) + r")\b(?:\s*(?:nendo|fiscal year|fy))?", re.IGNORECASE
)


def _kana_number(kana: str) -> int:
    """The value of a kana number (「にせんにじゅうなな」 → 2027, 「きゅう」 → 9); 0 when it is none."""
    total = 0
    rest = kana
    for unit, size in (("せん", 1000), ("じゅう", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            total += (_KANA_DIGITS.get(head, 0) if head else 1) * size
    if rest:
        if rest not in _KANA_DIGITS:
            return 0
        total += _KANA_DIGITS[rest]
    return total


def _kanji_number(kanji: str) -> int:
    """The value of kanji numerals (「二〇二七」 → 2027, 「二千二十七」 → 2027); 0 when they are none."""
    if "千" not in kanji and "十" not in kanji:
        return int("".join(str(KANJI_DIGITS[c]) for c in kanji))
    total = 0
    rest = kanji
    for unit, size in (("千", 1000), ("十", 10)):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            if len(head) > 1 or "千" in head:
                return 0
            total += (KANJI_DIGITS[head] if head else 1) * size
    if len(rest) > 1:
        return 0
    return total + (KANJI_DIGITS[rest] if rest else 0)


def _western(match: re.Match[str]) -> str:
    return str(2000 + _TENS[match.group(1).lower()] + _ONES.get((match.group(2) or "").lower(), 0))


def _short_fiscal(match: re.Match[str]) -> str:
    return f"FY{2000 + _TENS[match.group(1).lower()] + _ONES[match.group(2).lower()]}"


def _reiwa(match: re.Match[str]) -> str:
    said = match.group(1).lower()
    number = int(said) if said.isdigit() else {**_ONES, **_TEENS}[said]
    return f"R{number}"


def _kana_years(match: re.Match[str], era: str) -> str:
    number = _kana_number(match.group(1))
    return f"{era}{number}年度" if number else match.group(0)


def _kanji_western(match: re.Match[str]) -> str:
    number = _kanji_number(match.group(1))
    return f"{number}{match.group(2)}" if 2000 <= number < 2100 else match.group(0)


def with_years_in_digits(text: str) -> str:
    """`text` with the fiscal years it says in words written in digits (「れいわきゅうねんど」 → 令和9年度)."""
    text = _KANA_REIWA.sub(lambda m: _kana_years(m, "令和"), text)
    text = _KANA_WESTERN.sub(lambda m: _kana_years(m, ""), text)
    text = _KANA_SHORT.sub(lambda m: _kana_years(m, ""), text)
    text = _KANJI_WESTERN.sub(_kanji_western, text)
    text = _KANA_ERA.sub("令和", text)
    text = _DIGITS_KANA.sub(r"\1年度", text)
    text = _SHORT_FISCAL_WORDS.sub(_short_fiscal, text)
    text = _WESTERN_WORDS.sub(_western, text)
    return _REIWA_WORDS.sub(_reiwa, text)
