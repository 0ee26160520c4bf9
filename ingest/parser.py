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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import ClassVar

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
from ingest.text import comparison_key, join_lines, latin_words, strip_circled_number


class ParseError(ValueError):
    """The text does not have the structure of a vision chapter."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


_RUNNING_HEADER = re.compile(r"^\d{1,2} [^\d\s]\S*$")  # chapter number and title, e.g. 「3 世田谷区の…」
_RUNNING_HEADER_MIN = 3  # printed on at least this many pages to count as the running header
_VALUE = r"(?:\d[\d,.]*|－)"
_TARGETS = re.compile(rf"(?:^|\s)({_VALUE}) ({_VALUE}) ({_VALUE}) (\S+)$")
_INITIATIVE = re.compile(r"^(\d+)－(\d+)\.\s*(.+)$")
_POLICY_LINE = re.compile(r"^基本的方針(\d+) (.+)$")
_GOAL_LINE = re.compile(r"^(?:（目指す姿）\s*)?(\d+)．(.+)$")
_FRONT_HEADING = re.compile(r"^(?:（\d）\S+|[①②]「ビジョン（未来像）」\S+)$")
_REPRINT = "【再掲】"
_INITIATIVES_MARK = "【目指す姿の実現に向けた取組み】"
_TABLE_MARK = "【目指す姿の実現に向けた重点事業】"
_POLICY_LIST_MARK = re.compile(r"^〈[^〉]*基本的方針〉$")  # 〈発展条例における4つの基本的方針〉
_GOAL_LIST_MARK = re.compile(r"^〈[^〉]*基本的方針と「目指す姿」〉$")  # 〈4つの基本的方針と「目指す姿」〉
_POLICY_SECTIONS = {"現状と課題": "issues", "政策の方向性": "direction"}  # heading -> section key
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


def running_header(lines: list[str]) -> str | None:
    """The chapter's running page header (「3 世田谷区の経済産業政策の方向性」): the most repeated
    line of chapter number and title, if it is printed on several pages."""
    counts = Counter(line.strip() for line in lines if _RUNNING_HEADER.match(line.strip()))
    if not counts:
        return None
    header, count = counts.most_common(1)[0]
    return header if count >= _RUNNING_HEADER_MIN else None


def split_blocks(lines: list[str], words: frozenset[str] = frozenset()) -> list[Block]:
    """Split lines into blocks at blank lines and page starts; drop the running page header."""
    header = running_header(lines)
    blocks: list[Block] = []
    current: Block | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        page_start = line.startswith(" ") and bool(stripped)
        if not stripped or page_start or stripped == header:
            if current:
                blocks.append(current)
            current = None
            if not stripped or stripped == header:
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


def _title_key(text: str) -> str:
    """Key of a heading, ignoring goal numbers and footnote marks printed beside it."""
    return comparison_key(re.sub(r"\d", "", text))


def measure_id(name: str, namespace: str = "") -> str:
    """A stable id from the measure's name within its document's namespace, so re-parsing gives the same id.

    `m-` and 8 hex digits of the SHA-256 of `namespace/name-key`; with an empty namespace (the shipped
    vision, whose ids other data is keyed by) of the name key alone.
    """
    key = comparison_key(name)
    return "m-" + hashlib.sha256((f"{namespace}/{key}" if namespace else key).encode()).hexdigest()[:8]


class _Mode(Enum):
    """Where the reading stands inside a policy section."""

    POLICY = auto()  # 現状と課題 / 政策の方向性
    GOAL_LIST = auto()  # the policy's list of its goals (read from the list at the front instead)
    GOAL_INTRO = auto()  # the text under a goal's heading
    INITIATIVES = auto()  # 【目指す姿の実現に向けた取組み】
    TABLE = auto()  # 【目指す姿の実現に向けた重点事業】


class _Kind(Enum):
    """What a block is; each kind has its handler."""

    FRONT = auto()
    POLICY_HEAD = auto()
    SECTION_HEAD = auto()
    GOAL_LIST = auto()
    GOAL_HEAD = auto()
    INITIATIVES_MARK = auto()
    TABLE_MARK = auto()
    BODY = auto()


@dataclass(frozen=True)
class _ListedGoal:
    """A goal as the list of policies and goals prints it."""

    number: int
    policy: int
    title: str


@dataclass
class _OpenSection:
    key: str
    heading: str
    policy: int
    first: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _OpenGoal:
    listed: _ListedGoal
    first: int
    last: int
    intro: list[Block] = field(default_factory=list)


@dataclass
class _OpenInitiative:
    code: str
    goal: int
    policy: int
    title: str
    first: int
    last: int
    bullets: list[str] = field(default_factory=list)


@dataclass
class _State:
    """The parser's state between blocks: what is open, and what has been read."""

    mode: _Mode = _Mode.POLICY
    policy: int = 0
    first_policy_line: int = 0
    section: _OpenSection | None = None
    goal: _OpenGoal | None = None
    initiative: _OpenInitiative | None = None
    table_initiative: str = ""
    goals: list[Goal] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    table_blocks: dict[str, list[Block]] = field(default_factory=dict)


@dataclass
class _RowDraft:  # the blocks of one table row while it is being read
    initiative: str
    name: list[Block] = field(default_factory=list)
    description: list[Block] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


class VisionParser:
    """Reads one document's text; `parse()` returns its part of the catalogue."""

    def __init__(self, text: str, doc: DocumentInfo, id_namespace: str) -> None:
        self.doc = doc
        self.id_namespace = id_namespace
        self.lines = text.splitlines()
        self.words = latin_words(text)
        self.blocks = split_blocks(self.lines, self.words)
        # Filled by `parse` from the lists at the front of the document.
        self._policy_keys: dict[str, int] = {}
        self._goal_keys: dict[str, _ListedGoal] = {}
        self._goal_list_line = 0

    # -- helpers ---------------------------------------------------------------

    def _span(self, first: int, last: int) -> SourceSpan:
        return SourceSpan(document=self.doc.id, file=self.doc.file, first_line=first, last_line=last)

    def _error(self, line: int, message: str) -> ParseError:
        return ParseError(self.doc.file, line, message)

    # -- the lists of policies and goals ----------------------------------------

    def _policies(self) -> list[Policy]:
        """基本的方針 N and their titles, from the list after 〈…基本的方針〉, as many as it prints."""
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
        if problem := _numbering_problem([p.number for p in policies]):
            raise self._error(start + 1, f"基本的方針 N after {self.lines[start].strip()}: {problem}")
        return policies

    def _goal_titles(self) -> list[_ListedGoal]:
        """The goals (目指す姿) with their policy, from the list after 〈…基本的方針と「目指す姿」〉."""
        start = self._line_of(_GOAL_LIST_MARK)
        found: list[_ListedGoal] = []
        policy = 0
        for i in range(start + 1, len(self.lines)):
            raw = self.lines[i]
            if raw.startswith(" ") and raw.strip():
                break
            line = raw.strip()
            if m := re.search(r"基本的方針(\d+)", line):
                policy = int(m.group(1))
                continue
            if m := _GOAL_LINE.match(line):
                if not policy:
                    raise self._error(i + 1, "目指す姿 listed before any 基本的方針")
                found.append(_ListedGoal(int(m.group(1)), policy, join_lines([m.group(2)])))
        if problem := _numbering_problem([g.number for g in found]):
            raise self._error(start + 1, f"目指す姿 N． after {self.lines[start].strip()}: {problem}")
        return found

    def _line_of(self, marker: re.Pattern[str]) -> int:
        for i, line in enumerate(self.lines):
            if marker.match(line.strip()):
                return i
        raise self._error(1, f"missing a line like {marker.pattern}")

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
        self._policy_keys = {_title_key(p.title): p.number for p in policies}
        self._goal_keys = {_title_key(g.title): g for g in goal_list}
        self._goal_list_line = self._line_of(_GOAL_LIST_MARK)
        state = _State()
        for idx, block in enumerate(self.blocks):
            following = self.blocks[idx + 1].text if idx + 1 < len(self.blocks) else ""
            if state.goal is not None:  # a goal's span runs to the block that closes it
                state.goal.last = max(state.goal.last, block.last)
            kind = self._kind(block, following, state)
            self._HANDLERS[kind](self, state, block)
        self._close_all(state, len(self.lines))

        known = {i.code for i in state.initiatives}
        for code, blocks in state.table_blocks.items():
            if code not in known:
                raise self._error(blocks[0].first if blocks else 1, f"table for unknown initiative {code}")
        rows_read = [row for code, blocks in state.table_blocks.items() for row in self._rows(code, blocks)]
        measures = group_measures(rows_read)
        rows = sorted((row for m in measures for row in m.rows), key=lambda r: r.span.first_line)
        return Catalogue(
            documents=[self.doc],
            policies=policies,
            goals=state.goals,
            initiatives=state.initiatives,
            rows=rows,
            measures=measures,
            sections=self._front_sections(state.first_policy_line) + state.sections,
        )

    def _kind(self, block: Block, following: str, state: _State) -> _Kind:
        """What a block is, given the block after it and where the reading stands."""
        text = block.text
        key = _title_key(text)
        if key in self._policy_keys and following.startswith("現状と課題") and block.first > self._goal_list_line:
            return _Kind.POLICY_HEAD
        if not state.policy:
            return _Kind.FRONT
        if state.mode is _Mode.POLICY and text in _POLICY_SECTIONS:
            return _Kind.SECTION_HEAD
        if state.mode is _Mode.POLICY and text == "目指す姿":
            return _Kind.GOAL_LIST
        if key in self._goal_keys and following.startswith("基本的方針"):
            return _Kind.GOAL_HEAD
        if text == _INITIATIVES_MARK:
            return _Kind.INITIATIVES_MARK
        if text == _TABLE_MARK:
            return _Kind.TABLE_MARK
        return _Kind.BODY

    # One handler per kind of block.

    def _on_front(self, state: _State, block: Block) -> None:
        """Front matter is read by `_front_sections` once the first policy section is found."""

    def _on_policy_head(self, state: _State, block: Block) -> None:
        self._close_all(state, block.first - 1)
        state.policy, state.mode = self._policy_keys[_title_key(block.text)], _Mode.POLICY
        state.first_policy_line = state.first_policy_line or block.first

    def _on_section_head(self, state: _State, block: Block) -> None:
        self._close_section(state, block.first - 1)
        key = f"policy-{state.policy}-{_POLICY_SECTIONS[block.text]}"
        state.section = _OpenSection(key, block.text, state.policy, block.first)

    def _on_goal_list(self, state: _State, block: Block) -> None:
        self._close_section(state, block.first - 1)
        state.mode = _Mode.GOAL_LIST

    def _on_goal_head(self, state: _State, block: Block) -> None:
        self._close_section(state, block.first - 1)
        self._close_initiative(state)
        self._close_goal(state)
        listed = self._goal_keys[_title_key(block.text)]
        if listed.policy != state.policy:
            raise self._error(
                block.first,
                f"目指す姿{listed.number} listed under 基本的方針{listed.policy}, found under {state.policy}",
            )
        state.goal = _OpenGoal(listed, block.first, block.last)
        state.mode = _Mode.GOAL_INTRO

    def _on_initiatives_mark(self, state: _State, block: Block) -> None:
        state.mode = _Mode.INITIATIVES

    def _on_table_mark(self, state: _State, block: Block) -> None:
        self._close_initiative(state)
        state.mode = _Mode.TABLE

    def _on_body(self, state: _State, block: Block) -> None:
        if state.mode is _Mode.POLICY and state.section is not None:
            state.section.blocks.append(block)
        elif state.mode is _Mode.GOAL_INTRO and state.goal is not None:
            state.goal.intro.append(block)
        elif state.mode is _Mode.INITIATIVES:
            self._initiative_block(state, block)
        elif state.mode is _Mode.TABLE:
            self._table_block(state, block)

    _HANDLERS: ClassVar[dict[_Kind, Callable[[VisionParser, _State, Block], None]]] = {
        _Kind.FRONT: _on_front,
        _Kind.POLICY_HEAD: _on_policy_head,
        _Kind.SECTION_HEAD: _on_section_head,
        _Kind.GOAL_LIST: _on_goal_list,
        _Kind.GOAL_HEAD: _on_goal_head,
        _Kind.INITIATIVES_MARK: _on_initiatives_mark,
        _Kind.TABLE_MARK: _on_table_mark,
        _Kind.BODY: _on_body,
    }

    def _initiative_block(self, state: _State, block: Block) -> None:
        """An initiative heading (「3－1. …」) or a bullet, possibly continued over a page break."""
        text = block.text
        if m := _INITIATIVE.match(text):
            self._close_initiative(state)
            code = f"{m.group(1)}-{m.group(2)}"
            goal = state.goal.listed.number if state.goal else 0
            if int(m.group(1)) != goal:
                raise self._error(block.first, f"initiative {code} found under 目指す姿{goal}")
            state.initiative = _OpenInitiative(code, goal, state.policy, m.group(3), block.first, block.last)
        elif state.initiative is not None:
            body = text.lstrip("◦").strip()
            if text.startswith("◦") or not state.initiative.bullets:
                state.initiative.bullets.append(body)
            else:
                state.initiative.bullets[-1] += body
            state.initiative.last = block.last

    def _table_block(self, state: _State, block: Block) -> None:
        """A table's initiative heading, its column header, or a cell block of its rows."""
        if m := _INITIATIVE.match(block.text):
            state.table_initiative = f"{m.group(1)}-{m.group(2)}"
            state.table_blocks.setdefault(state.table_initiative, [])
        elif _is_table_header(block):
            return
        elif not state.table_initiative:
            raise self._error(block.first, "table row before any initiative heading")
        else:
            state.table_blocks[state.table_initiative].append(block)

    # Closing what is open when a new heading (or the end) comes.

    def _close_all(self, state: _State, last: int) -> None:
        self._close_section(state, last)
        self._close_initiative(state)
        self._close_goal(state)

    def _close_section(self, state: _State, last: int) -> None:
        if state.section is not None:
            open_ = state.section
            state.sections.append(
                self._section(open_.key, open_.heading, open_.policy, open_.blocks, open_.first, last)
            )
        state.section = None

    def _close_goal(self, state: _State) -> None:
        open_ = state.goal
        if open_ is not None and not any(g.number == open_.listed.number for g in state.goals):
            state.goals.append(
                Goal(
                    number=open_.listed.number,
                    policy=open_.listed.policy,
                    title=open_.listed.title,
                    intro=_prose(open_.intro),
                    span=self._span(open_.first, open_.last),
                )
            )
        state.goal = None

    def _close_initiative(self, state: _State) -> None:
        open_ = state.initiative
        if open_ is not None:
            state.initiatives.append(
                Initiative(
                    code=open_.code,
                    goal=open_.goal,
                    policy=open_.policy,
                    title=open_.title,
                    bullets=open_.bullets,
                    span=self._span(open_.first, open_.last),
                )
            )
        state.initiative = None

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
            measure_id=measure_id(name, self.id_namespace),
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


def _numbering_problem(numbers: list[int]) -> str | None:
    """What is wrong with the numbers a list prints (none, repeated, out of order), or None."""
    if not numbers:
        return "none found"
    if numbers != sorted(set(numbers)):
        return "expected each number once, in ascending order; found " + ", ".join(map(str, numbers))
    return None


def parse_vision(text: str, doc: DocumentInfo, id_namespace: str | None = None) -> Catalogue:
    """Parse one vision chapter's text into a catalogue; measure ids are namespaced by `id_namespace`
    (the document id unless given; "" hashes the name alone, as the shipped vision's ids do)."""
    return VisionParser(text, doc, doc.id if id_namespace is None else id_namespace).parse()
