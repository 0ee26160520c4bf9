"""Compose a grounded answer from retrieval and the catalogue, with no LLM.

The wording lives in `prompts/answer/<lang>/*.j2`; this module decides what to say:
which measures, which indicator and year, which part of the vision, or that the
vision does not cover the question. Every answer passes `verify.check_answer`
before it is returned.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ingest.catalogue import Catalogue, Indicator, Measure
from service.answer.model import Answer, AnswerKind, Desk, Turn, cite
from service.answer.prompts import PromptLibrary
from service.answer.question import FISCAL_YEAR, YEARS, Analysis, analyze, wants_overview
from service.answer.verify import check_answer, numbers_in
from service.search.keyword import Glossary, JapaneseTokenizer
from service.search.retrieval import Filters, Hit, Retriever

log = logging.getLogger(__name__)

MAX_MEASURES = 4
RELATIVE_SCORE = 0.95  # keep hits within this share of the top fused score (RRF scores are close together)
# Out-of-scope detection, calibrated on tests/data/questions.jsonl (see BENCHMARKS.md):
# a question is in scope when its best measure is close enough (cosine) or shares enough keywords.
IN_SCOPE_SIMILARITY = {"ja": 0.835, "en": 0.80}
IN_SCOPE_KEYWORD = {"ja": 3.2, "en": 1.0}

_UNIT_EN = {
    "件": "cases", "回": "times", "人": "people", "社": "companies", "台": "units", "箇所": "sites",
    "団体": "organisations", "事業者": "businesses", "％": "%", "部": "copies", "校": "schools",
    "園": "farms", "日": "days", "事業": "projects", "会員数": "members",
}  # fmt: skip
_DETAIL_JA = {
    "amount": "金額（補助額や上限など）",
    "deadline": "期限や受付時期",
    "eligibility": "対象者や利用の条件",
    "application": "申請・申込の方法",
    "fee": "費用（有料か無料か）",
    "contact": "窓口の連絡先や場所",
}
_DETAIL_EN = {
    "amount": "amounts (grant sizes or limits)",
    "deadline": "deadlines or application periods",
    "eligibility": "who is eligible or the conditions of use",
    "application": "how to apply",
    "fee": "whether the service is free or what it costs",
    "contact": "contact details or locations",
}
# Words of a follow-up that only point back at the last answer ("what does this measure do?").
_REFERENCE_WORDS = {
    "此の", "其の", "彼の", "此れ", "其れ", "つく", "事業", "内容", "施策", "取組", "取組み",
    "詳しい", "詳細", "教える", "知る", "説明", "概要", "何", "どんな",
    "measure", "measures", "do", "does", "what", "this", "it", "that", "about", "tell", "me", "more", "detail",
    "details", "explain", "they", "these",
}  # fmt: skip
_GENERIC_TOKENS = {"目標", "目標値", "値", "数", "年度", "令和", "target", "r6", "r9", "r13", "何", "いくつ"}


@dataclass
class _Draft:
    kind: AnswerKind
    template: str
    context: dict[str, Any]
    cited: list[Measure] = field(default_factory=list)
    retrieved: set[str] = field(default_factory=set)
    abstained: bool = False


def first_sentence(text: str) -> str:
    """The text up to and including its first 。."""
    head, sep, _ = text.partition("。")
    return head + sep


class Composer:
    """Turns a question (and the conversation so far) into a verified `Answer`."""

    def __init__(
        self,
        catalogue: Catalogue,
        retriever: Retriever,
        prompts: PromptLibrary,
        tokenizer: JapaneseTokenizer,
        glossary: Glossary,
        desk: Desk,
    ) -> None:
        self.catalogue = catalogue
        self.retriever = retriever
        self.prompts = prompts
        self.tokenize = tokenizer
        self.glossary = glossary
        self.desk = desk

    # -- entry point --------------------------------------------------------------

    def compose(self, question: str, history: list[Turn] | None = None, lang: str | None = None) -> Answer:
        """Answer `question`; `history` resolves follow-ups such as 「その目標値は？」."""
        analysis = analyze(question, lang)
        history = history or []
        previous_question = next((t.text for t in reversed(history) if t.role == "user"), "")
        previous_ids = next((t.measure_ids for t in reversed(history) if t.role == "assistant"), [])
        follow_up = analysis.follow_up and bool(previous_question or previous_ids)
        query = f"{previous_question} {question}" if follow_up and previous_question else question

        draft = self._draft(analysis, query, previous_ids if follow_up else [], follow_up)
        return self._finish(analysis, draft)

    def _draft(self, analysis: Analysis, query: str, previous_ids: list[str], follow_up: bool) -> _Draft:
        if wants_overview(analysis) and (overview := self._overview(analysis)):
            return overview
        hits = self.retriever.search(query, k=8, filters=Filters(kind="measure"), lang=analysis.lang)
        if not (previous_ids or self._in_scope(hits, analysis.lang)):
            return self._abstain(analysis, None, hits)
        if analysis.detail and analysis.detail != "contact":
            # The vision names the measure but never amounts, deadlines, eligibility or how to apply.
            return self._abstain(analysis, hits[0], hits)
        if analysis.wants_number and (number := self._number(analysis, query, hits, previous_ids)):
            return number
        if previous_ids and not self._content_tokens(analysis.text) - _REFERENCE_WORDS:
            # 「この事業の内容は？」: about the measures of the last answer, nothing new to search for.
            hits = [h for h in hits if h.measure_id in previous_ids] or hits
            return self._measures(analysis, hits, follow_up, previous_ids)
        return self._measures(analysis, hits, follow_up)

    # -- kinds ----------------------------------------------------------------------

    def _in_scope(self, hits: list[Hit], lang: str) -> bool:
        if not hits:
            return False
        top_similarity = max(h.similarity for h in hits)
        top_keyword = max(h.keyword_score for h in hits)
        return top_similarity >= IN_SCOPE_SIMILARITY[lang] or top_keyword >= IN_SCOPE_KEYWORD[lang]

    def _measures(
        self, analysis: Analysis, hits: list[Hit], follow_up: bool, previous_ids: list[str] | None = None
    ) -> _Draft:
        if previous_ids:
            measures = [m for mid in previous_ids[:MAX_MEASURES] if (m := self.catalogue.measure(mid))]
        else:
            top = hits[0].score
            chosen = [h for h in hits if h.score >= RELATIVE_SCORE * top][:MAX_MEASURES]
            measures = [m for h in chosen if (m := self.catalogue.measure(h.measure_id))]
        # The measures of the previous answer were retrieved for this conversation.
        retrieved = {h.measure_id for h in hits} | set(previous_ids or [])
        draft = _Draft("measure", "measure.j2", {}, retrieved=retrieved)
        # A follow-up about the last answer's measures gets them in full: description and targets.
        items = [
            {
                "n": self._add(draft, m),
                "name": m.name,
                "summary": m.description if previous_ids else first_sentence(m.description),
                "indicators": m.indicators if previous_ids else [],
            }
            for m in measures
        ]
        asks_where = analysis.asks_where or analysis.detail == "contact"
        draft.context = {"measures": items, "asks_where": asks_where, "follow_up_of": follow_up}
        if asks_where:
            self._add_desk(draft)
        return draft

    def _number(self, analysis: Analysis, query: str, hits: list[Hit], previous_ids: list[str]) -> _Draft | None:
        candidates = [m for mid in previous_ids if (m := self.catalogue.measure(mid))]
        candidates += [m for h in hits[:5] if (m := self.catalogue.measure(h.measure_id)) and m not in candidates]
        if not candidates:
            return None
        wanted = self._content_tokens(query)

        def label_overlap(indicator: Indicator) -> int:
            return len(wanted & self._content_tokens(indicator.label))

        def fit(rank: int, measure: Measure) -> tuple[int, int]:
            best_label = max(label_overlap(i) for i in measure.indicators)
            return (2 * best_label + len(wanted & self._content_tokens(measure.name)), -rank)

        ranked = sorted(enumerate(candidates), key=lambda item: fit(*item), reverse=True)
        measure = ranked[0][1] if fit(*ranked[0]) > (0, -len(candidates)) else candidates[0]
        best = max(label_overlap(i) for i in measure.indicators)
        # The indicator the question names; all of the measure's indicators when it names none.
        picks = [(measure, i) for i in measure.indicators if best == 0 or label_overlap(i) == best]
        draft = _Draft("number", "number.j2", {}, retrieved={h.measure_id for h in hits} | {m.id for m in candidates})
        years = [analysis.year] if analysis.year else list(YEARS)
        items = []
        for measure, indicator in picks:
            n = self._add(draft, measure)
            items.append(
                {
                    "n": n,
                    "measure_name": measure.name,
                    "label": indicator.label,
                    "years": [self._year_value(indicator, y) for y in years],
                }
            )
        draft.context = {"items": items, "other_year": analysis.other_year}
        return draft

    @staticmethod
    def _year_value(indicator: Indicator, year: str) -> dict[str, Any]:
        value = indicator.target(year)
        return {
            "year": year,
            "fiscal": FISCAL_YEAR[year],
            "value": value,
            "set": Indicator.is_set(value),
            "unit": indicator.unit,
            "unit_en": _UNIT_EN.get(indicator.unit, ""),
        }

    def _overview(self, analysis: Analysis) -> _Draft | None:
        cat = self.catalogue
        if analysis.initiative and (initiative := cat.initiative(analysis.initiative)):
            rows = [r for r in cat.rows if r.initiative == initiative.code]
            draft = _Draft("overview", "overview_initiative.j2", {}, retrieved={r.measure_id for r in rows})
            measures = []
            for row in rows:
                measure = cat.measure(row.measure_id)
                if measure:
                    measures.append({"n": self._add(draft, measure), "name": row.name, "reprint": row.reprint})
            draft.context = {"initiative": initiative, "measures": measures}
            return draft
        if analysis.goal is not None and (goal := cat.goal(analysis.goal)):
            initiatives = [i for i in cat.initiatives if i.goal == goal.number]
            codes = {i.code for i in initiatives}
            originals = [r for r in cat.rows if r.initiative in codes and not r.reprint]
            draft = _Draft("overview", "overview_goal.j2", {}, retrieved={r.measure_id for r in originals})
            measures = []
            for row in originals[:8]:
                measure = cat.measure(row.measure_id)
                if measure:
                    measures.append({"n": self._add(draft, measure), "name": measure.name})
            draft.context = {"goal": goal, "initiatives": initiatives, "measures": measures}
            return draft
        if analysis.policy is not None and (policy := cat.policy(analysis.policy)):
            goals = [
                {
                    "number": g.number,
                    "title": g.title,
                    "codes": [i.code for i in cat.initiatives if i.goal == g.number],
                }
                for g in cat.goals
                if g.policy == policy.number
            ]
            return _Draft("overview", "overview_policy.j2", {"policy": policy, "goals": goals})
        return None

    def _abstain(self, analysis: Analysis, closest: Hit | None, hits: list[Hit]) -> _Draft:
        draft = _Draft("none", "abstain.j2", {}, retrieved={h.measure_id for h in hits}, abstained=True)
        closest_item = None
        if closest and (measure := self.catalogue.measure(closest.measure_id)):
            closest_item = {"n": self._add(draft, measure), "name": measure.name}
        detail = analysis.detail or "amount"
        draft.context = {
            "closest": closest_item,
            "detail_ja": _DETAIL_JA[detail],
            "detail_en": _DETAIL_EN[detail],
        }
        if closest_item:
            self._add_desk(draft)
        return draft

    # -- helpers ----------------------------------------------------------------------

    def _content_tokens(self, text: str) -> set[str]:
        tokens = set(self.tokenize(text))
        for term in self.glossary.expand(text):
            tokens |= set(self.tokenize(term))
        return {t for t in tokens if t not in _GENERIC_TOKENS and not re.fullmatch(r"[\d,.]+", t)}

    @staticmethod
    def _add(draft: _Draft, measure: Measure) -> int:
        """Cite `measure` (once) and return its marker number."""
        for n, cited in enumerate(draft.cited, start=1):
            if cited.id == measure.id:
                return n
        draft.cited.append(measure)
        return len(draft.cited)

    def _add_desk(self, draft: _Draft) -> None:
        """Point to the consultation desk: the configured one, else the 経営相談窓口 measure."""
        if self.desk.configured:
            return
        desk_id = self.catalogue.desk_measure_id()
        measure = self.catalogue.measure(desk_id) if desk_id else None
        if measure:
            draft.retrieved.add(measure.id)  # looked up in the catalogue: the pointer is part of what was retrieved
            draft.context["desk_measure"] = {"n": self._add(draft, measure)}

    def _finish(self, analysis: Analysis, draft: _Draft) -> Answer:
        lang = analysis.lang if analysis.lang in ("ja", "en") else "ja"
        context = {"desk": self.desk, "desk_measure": None, **draft.context}
        text = self.prompts.render(f"answer/{lang}/{draft.template}", **context)
        cited = dict(enumerate(draft.cited, start=1))
        if draft.kind == "overview":
            draft.retrieved |= {m.id for m in draft.cited}
        # Besides cited measures, numbers may come from the configured desk and the year the user asked about.
        extra = numbers_in(" ".join([self.desk.phone, self.desk.hours, self.desk.url, self.desk.name]))
        extra |= numbers_in(analysis.other_year or "")
        violations = check_answer(text, cited, draft.retrieved, extra)
        if violations:
            # A template or catalogue bug: never show an unverified number or citation.
            log.error("answer failed verification: %s", violations)
            text = "\n".join(f"[{n}] {m.name}" for n, m in cited.items())
        return Answer(
            text=text,
            lang=lang,
            kind=draft.kind,
            abstained=draft.abstained,
            citations=[cite(n, m, self.catalogue) for n, m in cited.items()],
            follow_ups=self.prompts.follow_ups(lang, draft.kind),
            desk=self.desk if self.desk.configured else None,
        )
