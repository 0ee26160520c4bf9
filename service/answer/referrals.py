"""Where to ask instead: matters another office handles (taxes, pensions, visas, permits, labour law).

The vision covers the ward's business-support measures; an owner also asks the desk about a tax return or a
visa. Such a question gets the office that handles it as its next step, from `prompts/referrals.json`, marked
as general guidance rather than something the vision says.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# The other office's matter as the very thing the help asked is for: "help me get my pension refund", 「確定申告の相談も
# そこでできる？」 (not "hire foreign staff, and the visa side worries me").
_HELP_WITH = re.compile(
    r"\bhelp (?:me |us |him |her |them )?(?:to )?(?:get|with|claim|file|apply for|sort out|do|(?:gett|claim|fil|do)ing)"
    # "help filing his first blue-form tax return": a word or two describing the matter
    r" (?:my |our |his |her |their |the )?(?:(?!(?:and|or|but|for|to|of|in|with|on|at|by)\b)[a-z-]+ ){0,2}$"
    # "how to get his work visa extended", "how do I renew my residence card?", "how do I sort out the visa?"
    r"|\bhow (?:do i |do we |can i |can we |to |should i |should we )?"
    r"(?:get|renew|extend|apply for|obtain|change|sort out|arrange|handle|deal with|file|process)"
    r" (?:my |our |his |her |their |the |a )?$"
)
# The matter itself asked after: "which work visa category would the cooks need?", 「どんな在留資格が要る？」.
_WHICH_OF_IT = re.compile(
    r"\b(?:which|what)(?: kinds? of| types? of| sorts? of)? $|(?:どの|どんな|何の|なんの|どういう)$"
)
_DONE_THERE = re.compile(
    r"の?(?:相談|申請|手続き?|届け?出?)(?:も|は|って)?(?:そこ|ここ|区|窓口)?で?(?:でき|して|やって|受け)"
)
# Whether the matter itself is needed: "do I need a minpaku licence for that?", "do I need some kind of food
# licence", 「民泊の届出って必要？」.
_NEED_IT = re.compile(
    r"\b(?:do|does|will|would) (?:i|we|he|she|they|you) (?:need|require) (?:to get )?(?:[\w'-]+ ){0,3}$"
)
# The matter itself offered: "does the ward offer free Japanese classes?", 「区で日本語教室ってやってる？」 is asked
# through the pattern's own words.
_OFFERS_IT = re.compile(
    r"\b(?:does|do|will|would|can) (?:the ward|setagaya|the city|they|you) (?:also )?(?:offer|have|run|provide|hold)"
    r"(?: (?:any|some|a|an|free|cheap|low-cost))* $"
)
_NEEDED = re.compile(r"(?:って|は|が|も)?(?:必要|要る|いるの|いるん|取らな|とらな)")


@dataclass(frozen=True)
class Referral:
    """A matter outside the vision, and the office that handles it."""

    topic: dict[str, str]  # by language
    where: dict[str, str]
    url: str
    pattern: re.Pattern[str]
    # The whole question is the other office's, whatever else it names (another ward's rent subsidy for shops).
    exclusive: bool = False
    # A measure covers the matter too (the ward's consumer consultations): answered with it, the office named beside.
    covered: bool = False

    def asked_as_such(self, text: str) -> bool:
        """True when `text` asks for help with the matter itself, or which of it, wherever it asks it
        (「確定申告の相談もそこでできるの？」, "can the ward help me get my pension refund?", "which visa would they
        need?", "do I need a minpaku licence for that?"), so no measure beside it answers."""
        return any(
            _HELP_WITH.search(before := text[: m.start()].lower())
            or _WHICH_OF_IT.search(before)
            or _DONE_THERE.match(text, m.end())
            or _NEED_IT.search(before)
            or _OFFERS_IT.search(before)
            or _NEEDED.match(text, m.end())
            for m in self.pattern.finditer(text)
        )

    def for_lang(self, lang: str) -> dict[str, str]:
        """Topic, office and URL in one language, for a template."""
        key = "en" if lang == "en" else "ja"
        return {"topic": self.topic[key], "where": self.where[key], "url": self.url}


class Referrals:
    """The referral table, matched against a question's own words."""

    def __init__(self, referrals: list[Referral]) -> None:
        self.referrals = referrals

    @classmethod
    def load(cls, path: Path) -> Referrals:
        """Read the table; a pattern that does not compile is an error at start-up, not at a question."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            [
                Referral(
                    topic=entry["topic"],
                    where=entry["where"],
                    url=entry.get("url", ""),
                    pattern=re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE),
                    exclusive=bool(entry.get("exclusive", False)),
                    covered=bool(entry.get("covered", False)),
                )
                for entry in raw["referrals"]
            ]
        )

    def match(self, text: str) -> Referral | None:
        """The referral whose words come first in `text`, if any."""
        found = [(m.start(), r) for r in self.referrals if (m := r.pattern.search(text))]
        return min(found, key=lambda item: item[0])[1] if found else None

    def without(self, text: str) -> str:
        """`text` with every referral's words removed: what else the question asks about."""
        for referral in self.referrals:
            text = referral.pattern.sub(" ", text)
        return text
