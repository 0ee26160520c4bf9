"""The form of support a question asks for (money, a loan, premises, a seminar) and whether a measure offers it.

A follow-up often keeps the asker's topic and asks for another form of help: "and is there any money to help with
the first costs?" after a business-plan school, "can they help me find a shop?" after a trial-sales space. The
measure the conversation led with may offer none of it; another of the conversation's measures does.
"""

from __future__ import annotations

import re

from ingest.card import MeasureCard

# What a turn says when it asks for a form of support, and what a measure's name or 事業内容 prints when it offers it.
_FORMS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "money": (
        re.compile(
            r"\b(money|funding|funds|financing|grants?|subsid(y|ies)|loans?|borrow)\b"
            r"|\bhelp (with|paying|to pay|cover(ing)?) (the )?(first |start-?up |initial |upfront )?"
            r"(costs?|bills?|fees?)\b"
            r"|お金|資金|費用|補助|助成|融資|借り|出して(もら|くれ)"
        ),
        # Grants and loans (not "support on the funding side", which the accelerator gives).
        re.compile(r"補助|助成|融資|利子"),
    ),
    # A loan asked by name ("借りるとしたら", "borrow") is money lent, not a grant.
    "loan": (
        # (not a student loan, which the scholarship-repayment grant helps with)
        re.compile(r"\b(?<!student )(loans?|borrow\w*|lend\w*)\b|借り|融資|ローン|貸し"),
        re.compile(r"融資|利子|貸付"),
    ),
    "premises": (
        re.compile(
            r"\b(need|find|finding|rent|renting|lease|looking for)\b[^?!]{0,40}"
            r"\b(shop|store|storefront|premises|office)s?\b"
            r"|\b(shop|store|storefront|premises|office)s?\b[^?!]{0,40}\b(find|rent|lease)\b"
            r"|(物件|店舗|空き店舗|事務所|オフィス)[^。？?]{0,10}(探|見つ|借り|紹介)"
        ),
        re.compile(r"店舗|オフィス|物件|空き店舗|シェアオフィス|コワーキング"),
    ),
    # Something to attend and learn at ("any seminars for employers like us?" after hiring foreign staff).
    "seminar": (
        re.compile(
            # (not "of course", but "some kind of course")
            r"\b(seminars?|workshops?|((?<!of )|(?<=kind of |sort of |type of ))courses?|class(es)?|lectures?"
            r"|study sessions?)\b"
            r"|セミナー|講座|勉強会|講習|教室|スクール"
        ),
        re.compile(r"セミナー|講座|勉強会|講習|スクール|研修"),
    ),
}


def asked_forms(text: str) -> set[str]:
    """The forms of support `text` asks for, by name ("money", "loan", "premises"); a loan asked is no other money."""
    low = text.lower()
    forms = {form for form, (asked, _) in _FORMS.items() if asked.search(low)}
    return forms - {"money"} if "loan" in forms else forms


def offers(card: MeasureCard, form: str) -> bool:
    """Whether the measure `card` offers `form` of support, by the words of its name, 事業内容 and indicator labels
    (the job centre's 事業内容 names no seminar, its セミナー開催数 does)."""
    labels = " ".join(i.label for i in card.indicators)
    return bool(_FORMS[form][1].search(f"{card.name} {card.description} {labels}"))
