"""Parse the PDF-extracted text of a vision chapter into a `Catalogue`.

The text comes in blocks separated by blank lines; a line starting with one
space opens a new PDF page. Running page headers and side labels (「目指す姿」 over
a goal number) are dropped; everything else is read by a small state machine:
policy sections, goal sections, the initiative list, and the 重点事業 tables,
whose rows are rebuilt from their column blocks (name, description, indicators).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.catalogue import (
    Catalogue,
    DocumentInfo,
    Goal,
    Indicator,
    Initiative,
    Measure,
    MeasureRow,
    Policy,
    Section,
    SourceSpan,
)
from ingest.text import join_lines, latin_words, strip_circled_number


class ParseError(ValueError):
    """The text does not have the structure of a vision chapter."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


_PAGE_HEADER = re.compile(r"^\d+ 世田谷区の経済産業政策の方向性$")
_VALUE = r"(?:\d[\d,.]*|－)"
_TARGETS = re.compile(rf"(?:^|\s)({_VALUE}) ({_VALUE}) ({_VALUE}) (\S+)$")
_INITIATIVE = re.compile(r"^(\d+)－(\d+)\.\s*(.+)$")
_POLICY_LINE = re.compile(r"^基本的方針(\d) (.+)$")
_GOAL_LINE = re.compile(r"^(?:（目指す姿）\s*)?(\d+)．(.+)$")
_FRONT_HEADING = re.compile(r"^(?:（\d）\S+|[①②]「ビジョン（未来像）」\S+)$")
_REPRINT = "【再掲】"
_INITIATIVES_MARK = "【目指す姿の実現に向けた取組み】"
_TABLE_MARK = "【目指す姿の実現に向けた重点事業】"
_POLICY_LIST_MARK = "〈発展条例における4つの基本的方針〉"
_GOAL_LIST_MARK = "〈4つの基本的方針と「目指す姿」〉"
_SAME_MEASURE_RATIO = 0.75  # name similarity for a reprint printed under another name
_NARROW_COLUMN = 20  # display width of the name and indicator columns
_SIDE_LABELS = {"目指す姿", "基本的方針"}
_LEADING_NUMBER = re.compile(r"^[\s\u3000]*\d{1,2}(\s|$)")
_LONE_NUMBER = re.compile(r"^[\s\u3000]*\d{1,3}\s*$")  # page numbers, stray goal numbers


@dataclass
class Block:
    """Consecutive non-blank lines, with their 1-based line numbers."""

    lines: list[str]
    first: int
    words: frozenset[str] = frozenset()

    @property
    def last(self) -> int:
        return self.first + len(self.lines) - 1

    @property
    def text(self) -> str:
        return join_lines(self.lines, self.words)


def split_blocks(lines: list[str], words: frozenset[str] = frozenset()) -> list[Block]:
    """Split lines into blocks at blank lines and page starts; drop page headers."""
    blocks: list[Block] = []
    current: Block | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        page_start = line.startswith(" ") and bool(stripped)
        if not stripped or page_start or _PAGE_HEADER.match(stripped):
            if current:
                blocks.append(current)
            current = None
            if not stripped or _PAGE_HEADER.match(stripped):
                continue
        if current is None:
            current = Block([], number, words)
        current.lines.append(line)
    if current:
        blocks.append(current)
    return _drop_side_labels(blocks)


def _drop_side_labels(blocks: list[Block]) -> list[Block]:
    """Drop page side labels: 「目指す姿」 or 「基本的方針」 over a lone goal or policy number."""
    kept: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.text in _SIDE_LABELS and nxt is not None and _LEADING_NUMBER.match(nxt.lines[0]):
            continue
        if _LONE_NUMBER.match(block.lines[0]):
            if len(block.lines) == 1:
                continue
            block = Block(block.lines[1:], block.first + 1, block.words)
        kept.append(block)
    return kept


def _key(text: str) -> str:
    """Comparison key: NFKC without spaces or punctuation differences."""
    return re.sub(r"[\s「」『』]", "", unicodedata.normalize("NFKC", text))


def _title_key(text: str) -> str:
    """Key of a heading, ignoring goal numbers and footnote marks printed beside it."""
    return _key(re.sub(r"\d", "", text))


def measure_id(name: str) -> str:
    """A stable id from the measure's name, so re-parsing gives the same id."""
    return "m-" + hashlib.sha256(_key(name).encode()).hexdigest()[:8]


@dataclass
class _RowDraft:  # the blocks of one table row while it is being read
    initiative: str
    name: list[Block] = field(default_factory=list)
    description: list[Block] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


class VisionParser:
    """Reads one document's text; `parse()` returns its part of the catalogue."""

    def __init__(self, text: str, doc: DocumentInfo) -> None:
        self.doc = doc
        self.lines = text.splitlines()
        self.words = latin_words(text)
        self.blocks = split_blocks(self.lines, self.words)

    # -- helpers ---------------------------------------------------------------

    def _span(self, first: int, last: int) -> SourceSpan:
        return SourceSpan(document=self.doc.id, file=self.doc.file, first_line=first, last_line=last)

    def _error(self, line: int, message: str) -> ParseError:
        return ParseError(self.doc.file, line, message)

    # -- the lists of policies and goals ----------------------------------------

    def _policies(self) -> list[Policy]:
        start = self._line_of(_POLICY_LIST_MARK)
        policies: list[Policy] = []
        for i in range(start + 1, len(self.lines)):
            raw = self.lines[i]
            if raw.startswith(" ") and raw.strip():
                break
            if match := _POLICY_LINE.match(raw.strip()):
                parts, last = [match.group(2)], i
                while (
                    last + 1 < len(self.lines)
                    and self.lines[last + 1].strip()
                    and not self.lines[last + 1].startswith(" ")
                ):
                    last += 1
                    parts.append(self.lines[last])
                policies.append(
                    Policy(number=int(match.group(1)), title=join_lines(parts), span=self._span(i + 1, last + 1))
                )
        if [p.number for p in policies] != [1, 2, 3, 4]:
            raise self._error(start + 1, "expected 基本的方針1 to 4 after " + _POLICY_LIST_MARK)
        return policies

    def _goal_titles(self) -> list[tuple[int, int, str, int]]:
        """(number, policy, title, line) from the list of goals."""
        start = self._line_of(_GOAL_LIST_MARK)
        found: list[tuple[int, int, str, int]] = []
        policy = 0
        for i in range(start + 1, len(self.lines)):
            raw = self.lines[i]
            if raw.startswith(" ") and raw.strip():
                break
            line = raw.strip()
            if m := re.search(r"基本的方針(\d)", line):
                policy = int(m.group(1))
                continue
            if m := _GOAL_LINE.match(line):
                found.append((int(m.group(1)), policy, join_lines([m.group(2)]), i + 1))
        if [g[0] for g in found] != list(range(1, 12)):
            raise self._error(start + 1, "expected 目指す姿 1 to 11 after " + _GOAL_LIST_MARK)
        return found

    def _line_of(self, marker: str) -> int:
        for i, line in enumerate(self.lines):
            if line.strip() == marker:
                return i
        raise self._error(1, f"missing {marker}")

    # -- front narrative ---------------------------------------------------------

    def _front_sections(self, end_line: int) -> list[Section]:
        """Headed sections before the first policy section, e.g. （2）ビジョン（未来像）."""
        heads: list[tuple[int, str]] = []
        i = 0
        while i < end_line - 1:
            line = self.lines[i].strip()
            if _FRONT_HEADING.match(line) or line.startswith("（1）「"):
                heading = line
                # A heading may wrap onto an indented second line.
                if self.lines[i + 1].startswith("\u3000"):
                    heading += self.lines[i + 1].strip()
                    i += 1
                heads.append((i + 1, join_lines([heading])))
            i += 1
        sections: list[Section] = []
        for n, (start, heading) in enumerate(heads):
            stop = heads[n + 1][0] - 1 if n + 1 < len(heads) else end_line - 1
            blocks = [b for b in self.blocks if start < b.first and b.last <= stop]
            sections.append(self._section(f"front-{n + 1}", heading, None, blocks, start, stop))
        return sections

    def _section(
        self, key: str, heading: str, policy: int | None, blocks: list[Block], first: int, last: int
    ) -> Section:
        return Section(key=key, heading=heading, policy=policy, text=_prose(blocks), span=self._span(first, last))

    # -- the main pass -----------------------------------------------------------

    def parse(self) -> Catalogue:
        """Parse the whole document; raise `ParseError` naming the line at fault."""
        if not any(line.strip() for line in self.lines):
            raise self._error(1, "the file is empty")
        policies = self._policies()
        goal_list = self._goal_titles()
        policy_keys = {_title_key(p.title): p.number for p in policies}
        goal_keys = {_title_key(title): (number, policy) for number, policy, title, _ in goal_list}
        goal_titles = {number: title for number, _, title, _ in goal_list}

        goals: list[Goal] = []
        initiatives: list[Initiative] = []
        sections: list[Section] = []
        table_blocks: dict[str, list[Block]] = {}

        mode = ""
        policy = goal = 0
        section: tuple[str, str, int, list[Block]] | None = None  # key, heading, first line, blocks
        intro: list[Block] = []
        initiative: dict[str, object] | None = None
        table_initiative = ""
        first_policy_line = 0

        def close_section(last: int) -> None:
            nonlocal section
            if section:
                key, heading, first, blocks = section
                sections.append(self._section(key, heading, policy, blocks, first, last))
            section = None

        def close_goal() -> None:
            nonlocal intro
            if goal and not any(g.number == goal for g in goals):
                goals.append(
                    Goal(
                        number=goal,
                        policy=policy,
                        title=goal_titles[goal],
                        intro=_prose(intro),
                        span=self._span(goal_first, goal_last),
                    )
                )
            intro = []

        def close_initiative() -> None:
            nonlocal initiative
            if initiative:
                initiatives.append(Initiative.model_validate(initiative))
            initiative = None

        goal_first = goal_last = 0
        for idx, block in enumerate(self.blocks):
            text = block.text
            key = _title_key(text)
            nxt = self.blocks[idx + 1].text if idx + 1 < len(self.blocks) else ""
            goal_last = max(goal_last, block.last) if goal else goal_last

            if key in policy_keys and nxt.startswith("現状と課題") and block.first > self._line_of(_GOAL_LIST_MARK):
                close_section(block.first - 1)
                close_initiative()
                close_goal()
                policy, goal, mode = policy_keys[key], 0, "policy"
                first_policy_line = first_policy_line or block.first
                continue
            if not policy:
                continue
            if mode == "policy" and text in ("現状と課題", "政策の方向性"):
                close_section(block.first - 1)
                section = (
                    f"policy-{policy}-{'issues' if text == '現状と課題' else 'direction'}",
                    text,
                    block.first,
                    [],
                )
                continue
            if mode == "policy" and text == "目指す姿":
                close_section(block.first - 1)
                mode = "goals-list"
                continue
            if key in goal_keys and nxt.startswith("基本的方針"):
                close_section(block.first - 1)
                close_initiative()
                close_goal()
                goal, owner = goal_keys[key]
                if owner != policy:
                    raise self._error(
                        block.first, f"目指す姿{goal} listed under 基本的方針{owner}, found under {policy}"
                    )
                goal_first, goal_last, mode = block.first, block.last, "goal-intro"
                continue
            if text == _INITIATIVES_MARK:
                mode = "initiatives"
                continue
            if text == _TABLE_MARK:
                close_initiative()
                mode = "table"
                continue

            if mode == "policy" and section:
                section[3].append(block)
            elif mode == "goal-intro":
                intro.append(block)
            elif mode == "initiatives":
                if m := _INITIATIVE.match(text):
                    close_initiative()
                    code = f"{m.group(1)}-{m.group(2)}"
                    if int(m.group(1)) != goal:
                        raise self._error(block.first, f"initiative {code} found under 目指す姿{goal}")
                    initiative = {
                        "code": code,
                        "goal": goal,
                        "policy": policy,
                        "title": m.group(3),
                        "bullets": [],
                        "span": self._span(block.first, block.last),
                    }
                elif initiative is not None:
                    bullets: list[str] = initiative["bullets"]  # type: ignore[assignment]
                    body = text.lstrip("◦").strip()
                    if text.startswith("◦") or not bullets:
                        bullets.append(body)
                    else:
                        bullets[-1] += body
                    initiative["span"] = self._span(initiative["span"].first_line, block.last)  # type: ignore[attr-defined]
            elif mode == "table":
                if m := _INITIATIVE.match(text):
                    table_initiative = f"{m.group(1)}-{m.group(2)}"
                    table_blocks.setdefault(table_initiative, [])
                elif _is_table_header(block):
                    continue
                elif not table_initiative:
                    raise self._error(block.first, "table row before any initiative heading")
                else:
                    table_blocks[table_initiative].append(block)
        close_section(len(self.lines))
        close_initiative()
        close_goal()

        known = {i.code for i in initiatives}
        for code, blocks in table_blocks.items():
            if code not in known:
                raise self._error(blocks[0].first if blocks else 1, f"table for unknown initiative {code}")
        measures = group_measures([row for code, blocks in table_blocks.items() for row in self._rows(code, blocks)])
        rows = sorted((row for m in measures for row in m.rows), key=lambda r: r.span.first_line)
        return Catalogue(
            documents=[self.doc],
            policies=policies,
            goals=goals,
            initiatives=initiatives,
            rows=rows,
            measures=measures,
            sections=self._front_sections(first_policy_line) + sections,
        )

    # -- tables --------------------------------------------------------------------

    def _rows(self, initiative: str, blocks: list[Block]) -> Iterator[MeasureRow]:
        """Rebuild rows from column blocks: name, description, indicators.

        Descriptions are told apart by their wider column; a narrow block after
        a row's description is an indicator label if targets follow it before
        any other column, and otherwise the name of the next row.
        """
        draft: _RowDraft | None = None
        label: list[Block] = []
        for i, block in enumerate(blocks):
            targets = _targets(block)
            if targets is not None:
                if draft is None or not draft.description:
                    raise self._error(block.first, "indicator targets before the row's 事業内容")
                draft.indicators.append(self._indicator(label, block, targets))
                label = []
            elif _is_description(block):
                if draft is None or draft.indicators:
                    raise self._error(block.first, "事業内容 without a 施策名 before it")
                draft.description.append(block)
            elif draft is not None and draft.description and _label_follows(blocks, i):
                label.append(block)
            elif draft is not None and not draft.description:
                draft.name.append(block)
            else:
                if draft is not None:
                    yield self._finish(draft)
                draft = _RowDraft(initiative, name=[block])
        if draft is not None:
            yield self._finish(draft)

    def _indicator(self, label: list[Block], block: Block, targets: tuple[str, str, str, str, str]) -> Indicator:
        lines = [line for b in label for line in b.lines] + list(block.lines[:-1]) + [targets[0]]
        _, text = strip_circled_number(join_lines(lines, self.words))
        if not text:
            raise self._error(block.first, "indicator targets without a label")
        first = label[0].first if label else block.first
        r6, r9, r13, unit = targets[1:]
        return Indicator(label=text, r6=r6, r9=r9, r13=r13, unit=unit, span=self._span(first, block.last))

    def _finish(self, draft: _RowDraft) -> MeasureRow:
        first = draft.name[0].first
        if not draft.description:
            raise self._error(first, "table row without 事業内容 (a block ending in 。)")
        if not draft.indicators:
            raise self._error(first, "table row without 行動指標 targets (R6 R9 R13 単位)")
        raw_name = join_lines([line for b in draft.name for line in b.lines], self.words)
        reprint = _REPRINT in raw_name
        name = raw_name.replace(_REPRINT, "").strip()
        return MeasureRow(
            measure_id=measure_id(name),
            initiative=draft.initiative,
            name=name,
            description=join_lines([line for b in draft.description for line in b.lines], self.words),
            reprint=reprint,
            indicators=draft.indicators,
            span=self._span(first, draft.indicators[-1].span.last_line),
        )


def _targets(block: Block | None) -> tuple[str, str, str, str, str] | None:
    """(label tail, R6, R9, R13, unit) when the block's last line carries targets."""
    if block is None:
        return None
    last = block.lines[-1].strip()
    m = _TARGETS.search(last)
    if not m:
        return None
    return (last[: m.start()].strip(), m.group(1), m.group(2), m.group(3), m.group(4))


def _width(line: str) -> int:
    """Display width: a Japanese character counts two, spaces nothing."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line if not ch.isspace())


def _is_description(block: Block) -> bool:
    """事業内容 blocks end a sentence or run wider than the name and label columns."""
    return block.text.endswith("。") or max(_width(line) for line in block.lines) > _NARROW_COLUMN


def _label_follows(blocks: list[Block], i: int) -> bool:
    """True when narrow blocks from i on lead to a targets line with no label of its own."""
    for block in blocks[i:]:
        targets = _targets(block)
        if targets is not None:
            return len(block.lines) == 1 and not targets[0]
        if _is_description(block):
            return False
    return False


def _is_table_header(block: Block) -> bool:
    first = block.lines[0].strip()
    return first.startswith("施策名") or first == "目標値" or first.startswith("R6 R9 R13")


def _prose(blocks: list[Block]) -> str:
    """Paragraphs of running text; figure labels (no sentence in them) are dropped."""
    paragraphs: list[str] = []
    joined = True
    for block in blocks:
        text = block.text
        if "。" not in text and not (paragraphs and not joined):
            continue
        if paragraphs and not joined:
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        joined = text.endswith("。")
    return "\n".join(paragraphs)


def group_measures(rows: list[MeasureRow]) -> list[Measure]:
    """Group rows into distinct measures; a 【再掲】 row joins its original.

    The document sometimes reprints a measure under a slightly different name
    (「人材採用促進」 → 「人材採用」), so a reprint with no original of the same
    name joins the most similar original with the same indicators.
    """
    originals = {row.measure_id: row for row in rows if not row.reprint}
    groups: dict[str, list[MeasureRow]] = {mid: [] for mid in originals}
    for row in rows:
        mid = row.measure_id
        if row.reprint and mid not in originals:
            mid = _closest_original(row, list(originals.values())) or mid
            row = row.model_copy(update={"measure_id": mid})
        groups.setdefault(mid, []).append(row)
    measures = []
    for mid, group in groups.items():
        original = originals.get(mid, group[0])
        ordered = sorted(group, key=lambda r: r.reprint)
        measures.append(
            Measure(
                id=mid,
                name=original.name,
                description=original.description,
                indicators=original.indicators,
                rows=ordered,
            )
        )
    return measures


def _closest_original(row: MeasureRow, originals: list[MeasureRow]) -> str | None:
    labels = [i.label for i in row.indicators]
    best, best_ratio = None, _SAME_MEASURE_RATIO
    for original in originals:
        if [i.label for i in original.indicators] != labels:
            continue
        ratio = difflib.SequenceMatcher(None, row.name, original.name).ratio()
        if ratio >= best_ratio:
            best, best_ratio = original.measure_id, ratio
    return best


def parse_vision(text: str, doc: DocumentInfo) -> Catalogue:
    """Parse one vision chapter's text into a catalogue."""
    return VisionParser(text, doc).parse()
