"""Task-division tables flattened to text: a header row, then one row a line.

    序号	重点任务	具体措施	牵头单位	配合单位	完成时限
    1	提升农产品质量	推进农业标准化生产……	区农业农村局	区市场监管局、区商务局	2025年底前

Cells are separated by tabs (a browser's copy of a web table, and what the .docx and .html
readers write) or by runs of two or more spaces (a page saved as text, columns aligned).
A cell that holds a line break continues on the next line: its words join the cell they
break (a browser's copy), or, when the line is indented, the column it stands under. A row
whose merged cells were copied once (序号 and 重点任务 spanning rows) has fewer cells: its
cells are then placed by what they hold (a number, names of bodies, a deadline, words).
Rows grouped under 一、… lines inside the table become children of that section.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .. import deadlines
from ..normalise import ascii_width
from . import clauses, duties
from .text import Line

# Column labels -> kinds (first match wins, so 牵头单位 is lead before 单位 could be anything else).
_COLUMNS = (
    ("number", r"^(序号|编号|序)$"),
    ("post", r"责任领导|分管领导|牵头领导|责任区领导|责任县领导|联系领导"),
    ("lead", r"牵头"),
    ("cooperating", r"配合|协助|协办|参与"),
    ("responsible", r"责任单位|责任部门|负责单位|主责单位|实施单位|责任主体"),
    ("deadline", r"时限|时间|期限|节点"),
    ("task", r"^(重点任务|主要任务|工作任务|任务名称|任务|工作事项|事项|项目)$"),
    ("measure", r"措施|内容|举措|要求|目标"),
)
UNIT_KINDS = ("lead", "responsible", "cooperating")
TEXT_KINDS = ("task", "measure")
_SPACES = re.compile(r"[ \u3000]{2,}|\u3000|\t")
_ROW_NUMBER = re.compile(r"^(\d{1,3})[.、．]?$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*(\S.{0,40})$")


def width(text: str) -> int:
    """Display width: a Chinese character takes two columns, as in an aligned text table."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@dataclass
class Column:
    """One column of the table, as its header cell names it."""

    kind: str  # number, task, measure, lead, responsible, cooperating, deadline, other
    label: str
    at: int  # display column where the header cell starts


@dataclass
class Row:
    """One row: its cells by column, each cell the pieces it was written in (a piece a line)."""

    cells: dict[int, list[str]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    placed: str = "by position"

    def text(self, index: int) -> str:
        """A text cell: its pieces joined as one (a cell wraps mid-sentence)."""
        return "".join(self.cells.get(index, ()))

    def names(self, index: int) -> list[str]:
        """A names cell: every piece split into names (a line break separates names too)."""
        return [name for piece in self.cells.get(index, ()) for name in clauses.cell_names(piece) if name]


@dataclass
class Section:
    """一、… standing alone inside a table: the rows after it are its children."""

    number: str
    heading: str
    line: int
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Table(Line):
    """A whole table standing in the line list as one line (its header), so other stages pass it."""

    columns: tuple = ()
    sections: tuple = ()  # Section; the first has number '' when rows come before any 一、
    mode: str = "tab"
    whole = True  # never joined with a neighbouring line


def _segments(raw: str, tabbed: bool) -> list[tuple[int, str]]:
    """(display column, text) of each cell written on a line; a tab line keeps its empty cells."""
    if tabbed:
        out, at = [], 0
        for piece in raw.split("\t"):
            out.append((at, piece.strip(" \u3000")))
            at += 1
        return out
    out, at, position = [], 0, 0
    for match in _SPACES.finditer(raw + "  "):
        piece = raw[at:match.start()]
        if piece.strip():
            out.append((position + width(raw[at:match.start()]) - width(piece.lstrip()), piece.strip()))
        position += width(raw[at:match.end()])
        at = match.end()
    return out


def _columns(raw: str) -> tuple[Column, ...] | None:
    """The columns of a header line, or None when it is not a task table's header."""
    tabbed = "\t" in raw.strip()
    cells = [(at, text) for at, text in _segments(raw.rstrip(), tabbed) if text]
    if len(cells) < 3:
        return None
    columns = []
    for index, (at, text) in enumerate(cells):
        label = re.sub(r"\s+", "", text)
        kind = next((k for k, pattern in _COLUMNS if re.search(pattern, label)), "other")
        columns.append(Column(kind, label, index if tabbed else at))
    kinds = [c.kind for c in columns]
    if kinds[0] != "number" or not any(k in UNIT_KINDS for k in kinds) or not any(k in TEXT_KINDS for k in kinds):
        return None
    return tuple(columns)


def find(text: str) -> list[Table]:
    """Every flattened task table in a text (raw lines, before any joining)."""
    raw = text.splitlines()
    found, index = [], 0
    while index < len(raw):
        columns = _columns(raw[index])
        if columns is None:
            index += 1
            continue
        table, index = _read(raw, index, columns)
        if table.sections and any(s.rows for s in table.sections):
            found.append(table)
    return found


def _read(raw: list[str], start: int, columns: tuple[Column, ...]) -> tuple[Table, int]:
    """Rows from the line after the header to where the table ends; (table, index after it)."""
    tabbed = "\t" in raw[start].strip()
    sections = [Section("", "", start + 1)]
    row: Row | None = None
    expected = 1
    last = start
    index = start + 1
    while index < len(raw):
        line = raw[index].rstrip()
        number = index + 1
        if not line.strip():
            following = next((raw[j] for j in range(index + 1, len(raw)) if raw[j].strip()), "")
            if not _opens_row(following, tabbed, expected) and not _opens_section(raw, index + 1, tabbed):
                break
            index += 1
            continue
        segments = _segments(line, tabbed)
        first = segments[0][1] if segments else ""
        if _opens_row(line, tabbed, expected):
            row = Row(lines=[number])
            sections[-1].rows.append(row)
            _place(row, segments, columns, tabbed, start_row=True)
            expected = int(_ROW_NUMBER.match(first)[1]) + 1
        elif _opens_section(raw, index, tabbed):
            found = _SECTION.match(line.strip())
            sections.append(Section(found[1], found[2].strip(), number))
            row = None
        elif row is not None and _continues(line, row, columns, tabbed):
            row.lines.append(number)
            _place(row, segments, columns, tabbed, start_row=False, indented=line[:1] in " \t\u3000")
        else:
            break
        last = index
        index += 1
    for section in sections:
        for each in section.rows:
            _realign(each, columns)
    header = raw[start].strip()
    table = Table(start + 1, header, last + 1, columns=columns, sections=tuple(s for s in sections if s.rows or s.number),
                  mode="tab" if tabbed else "spaces")
    return table, last + 1


def _opens_row(line: str, tabbed: bool, expected: int) -> bool:
    """A line whose first cell is the next row number (or 1 after a section), with cells after it."""
    segments = _segments(line.rstrip(), tabbed) if line.strip() else []
    if len(segments) < 2 or line[:1] in " \t\u3000":
        return False
    found = _ROW_NUMBER.match(segments[0][1])
    return bool(found) and int(found[1]) in (expected, 1)


def _opens_section(raw: list[str], index: int, tabbed: bool) -> bool:
    """一、… alone on a line, followed (after blank lines) by a row numbered 1 or running on."""
    if index >= len(raw) or not _SECTION.match(raw[index].strip()) or len(_segments(raw[index].strip(), tabbed)) > 1:
        return False
    following = next((raw[j] for j in range(index + 1, len(raw)) if raw[j].strip()), "")
    segments = _segments(following.rstrip(), tabbed) if following.strip() else []
    return len(segments) >= 2 and bool(_ROW_NUMBER.match(segments[0][1]))


def _continues(line: str, row: Row, columns, tabbed: bool) -> bool:
    """A line inside a row: indented under a column, or the rest of a cell cut by a line break
    while the row still lacks cells, or a short piece (a name, 5个以上。) right after it."""
    if line[:1] in " \t\u3000":
        return True
    filled = max(row.cells, default=-1) + 1
    return filled < len(columns) or width(line.strip()) <= 24


def _column_at(at: int, columns) -> int:
    """The column a cell written at display column ``at`` stands under (the nearest start)."""
    return min(range(len(columns)), key=lambda i: (abs(columns[i].at - at), i))


def _place(row: Row, segments, columns, tabbed: bool, start_row: bool, indented: bool = False) -> None:
    """Put a line's cells into the row. A row's first line, and an indented line, stand under their
    columns (by tab count, or by display position); any other line goes on with the cell the line
    break cut (its first piece joins that cell, the rest follow it)."""
    if not segments:
        return
    if start_row or indented:
        for index, (at, text) in enumerate(segments):
            if text:
                row.cells.setdefault(index if tabbed else _column_at(at, columns), []).append(text)
        return
    open_cell = max(row.cells, default=0)
    row.cells.setdefault(open_cell, []).append(segments[0][1])
    for offset, (at, text) in enumerate(segments[1:], start=1):
        if text:
            row.cells.setdefault(open_cell + offset if tabbed else _column_at(at, columns), []).append(text)


def _kind_of(pieces: list[str]) -> str:
    """What a cell holds: number, names, deadline or words."""
    joined = "".join(pieces)
    if _ROW_NUMBER.match(joined):
        return "number"
    if deadlines.looks_like(joined):
        return "deadline"
    if all(duties.is_post(piece) for piece in pieces):
        return "post"
    names = [n for piece in pieces for n in clauses.cell_names(piece) if n]
    if names and all(clauses.looks_like_body(n) for n in names):
        return "names"
    return "words"


def _fits(kind: str, column: Column) -> bool:
    if column.kind in UNIT_KINDS:
        return kind == "names"
    if column.kind == "number":
        return kind == "number"
    if column.kind == "deadline":
        return kind == "deadline"
    if column.kind == "post":
        return kind in ("post", "words")  # a person's name stays in its column, to be withheld there
    return kind == "words" or column.kind == "other"


def _realign(row: Row, columns) -> None:
    """A row whose cells do not fit their columns (merged cells copied once, an empty cell lost
    between spaces) has its cells placed again by what they hold: number first, deadline last,
    names into the unit columns in order, words into the text columns from the right."""
    cells = [(i, row.cells[i]) for i in sorted(row.cells) if "".join(row.cells[i]).strip()]
    if all(i < len(columns) and _fits(_kind_of(p), columns[i]) for i, p in cells):
        return
    kinds = [(_kind_of(p), p) for _, p in cells]
    placed: dict[int, list[str]] = {}
    for wanted, targets in (("number", ["number"]), ("deadline", ["deadline"]), ("post", ["post"]),
                            ("names", list(UNIT_KINDS)),
                            ("words", ["measure", "task", "other"])):
        pieces = [p for k, p in kinds if k == wanted]
        slots = [i for i, c in enumerate(columns) if c.kind in targets]
        if wanted == "names":
            slots = sorted(slots, key=lambda i: (UNIT_KINDS.index(columns[i].kind), i))
        if wanted == "words":
            slots = sorted(slots, key=lambda i: -i)  # from the right: 具体措施 before 重点任务
            pieces = list(reversed(pieces))
        for slot, piece in zip(slots, pieces):
            placed[slot] = piece
        if len(pieces) > len(slots) and slots:
            placed[slots[-1]] = placed.get(slots[-1], []) + [x for p in pieces[len(slots):] for x in p]
    row.cells = placed
    row.placed = "by content (cells did not fit their columns)"


def reading(table: Table) -> list[str]:
    """How the table was read, one line per point, for the report."""
    heading_at, text_at = text_columns(table.columns)
    roles = {"number": "number", "lead": "lead", "responsible": "responsible", "cooperating": "cooperating",
             "deadline": "deadline", "post": "posts", "other": "text (a paragraph of its own)"}
    roles.update({table.columns[i].kind: name for i, name in ((heading_at, "heading"), (text_at, "text"))
                  if i is not None})
    out = [f"cells separated by {'tabs' if table.mode == 'tab' else 'runs of spaces'}; columns: " +
           ", ".join(f"{c.label} -> {roles[c.kind]}" for c in table.columns)]
    rows = [r for s in table.sections for r in s.rows]
    realigned = [r for r in rows if r.placed != "by position"]
    out.append(f"{len(rows)} rows in {sum(1 for s in table.sections if s.number)} sections"
               + (f"; placed by content: rows at lines {', '.join(str(r.lines[0]) for r in realigned)}" if realigned else ""))
    return out


def row_texts(text: str) -> list[str]:
    """Every row of every task table in a text, its cells in column order, each cell whole (a cell
    an aligned table cut over several lines joined): the words a table row's fields are read from."""
    return ["".join(row.text(index) for index in sorted(row.cells))
            for table in find(text) for section in table.sections for row in section.rows]


def text_columns(columns) -> tuple[int | None, int | None]:
    """(heading column, text column): 重点任务 is the heading when 具体措施 holds the text."""
    task = next((i for i, c in enumerate(columns) if c.kind == "task"), None)
    measure = next((i for i, c in enumerate(columns) if c.kind == "measure"), None)
    if measure is None:
        return None, task
    return task, measure


def digits(text: str) -> str:
    """A row number as written, without its 、 or ."""
    return ascii_width(text).rstrip("、.")
