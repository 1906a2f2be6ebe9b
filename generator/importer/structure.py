"""Structure stage: numbered lines -> the task tree.

Levels are found, not assumed: the first numbering style met (一、) is level 1, the
next new style (（一）) level 2, and so on; meeting a known style again closes the
deeper levels. So numbering that restarts per section and numbering that runs on
across sections ((三)…(三十一)) both work, and ① or (1) may appear at any depth.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..numbers import cn_value
from . import clauses, duties, tables
from .text import Line

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, pattern): the numbering styles of Chinese official documents
STYLES = (
    ("cn-dun", re.compile(r"^([一二三四五六七八九十百]+)、")),                  # 一、
    ("cn-paren", re.compile(r"^[(（]([一二三四五六七八九十百]+)[)）]")),          # （一）
    ("arabic-dot", re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)")),               # 1. 1、 (not 2.5)
    ("arabic-paren", re.compile(r"^[(（](\d{1,3})[)）]")),                     # （1）
    ("circled", re.compile(rf"^([{_CIRCLED}])")),                              # ①
)
_ANNEX = re.compile(r"^附件\s*(\d*)\s*[:：]?\s*")


def numbering(text: str) -> tuple[str, str, int] | None:
    """(style, the number as written, its value) of a numbered line, else None."""
    for style, pattern in STYLES:
        found = pattern.match(text)
        if found:
            raw = found[1]
            value = (int(raw) if raw.isascii() and raw.isdigit() else _CIRCLED.index(raw) + 1 if style == "circled"
                     else cn_value(raw))
            return style, found[0], value
    return None


@dataclass
class Node:
    """A node of the tree being built, with the source lines it came from."""

    id: str
    number: str | None = None
    heading: str | None = None
    paragraphs: list[tuple[str, Line]] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    style: str | None = None
    lines: list[int] = field(default_factory=list)
    table_roles: clauses.Clause | None = None
    duty: duties.Duty | None = None  # from a responsibility line or a table row's columns


def opens_body(line: Line) -> bool:
    """A numbered line or a task table: where the body of a plan can begin."""
    return isinstance(line, tables.Table) or numbering(line.text) is not None


def is_heading(rest: str) -> bool:
    """The words after a number are a heading when they are one short phrase on its own line:
    no sentence inside (a final 。 is allowed), no assignment clause."""
    body = rest[:-1] if rest.endswith(("。", ".")) else rest
    return bool(body) and len(body) <= 30 and not re.search(r"[。;；:：]", body) \
        and clauses.split_clause(rest)[1] is None


@dataclass
class Tree:
    """The whole document: top-level nodes in order."""

    nodes: list[Node] = field(default_factory=list)


def build(lines: list[Line]) -> Tree:
    """The tree of the body lines (after notice, title and preamble are taken off)."""
    tree = Tree()
    stack: list[Node] = []  # open numbered nodes, outermost first
    loose: Node | None = None  # the preamble, for unnumbered lines before the first number
    prefix = "t"
    table: list[Line] | None = None
    for index, line in enumerate(lines):
        text = line.text
        if table is not None:
            if text.endswith("|") or text == "|":
                table.append(line)
                continue
            _table_rows(stack[-1] if stack else tree, table, prefix)
            table = None
        if isinstance(line, tables.Table):
            _task_table(stack[-1] if stack else tree, line)
            if not stack:
                loose = None  # words after a top-level table close the document
            continue
        if duties.starts_line(text):
            owner = stack[-1] if stack else None
            duty = duties.read(text, line.span)
            if duty and owner is not None and owner.duty is None:
                owner.duty = duty
                owner.lines.append(line.number)
                if owner.heading and not owner.paragraphs and not owner.children:
                    # a short item with its own responsibility line is a task: its words are its text
                    owner.paragraphs.append((owner.heading, Line(owner.lines[0], owner.heading)))
                    owner.heading = None
                continue
        annex = _ANNEX.match(text)
        if annex:
            node, prefix = _annex(annex, text, line, tree)
            stack = [node]
            continue
        if text.endswith("|") and stack and re.match(r"^序号", text):
            table = [line]
            continue
        found = numbering(text)
        if found:
            style, written, value = found
            depth = next((i for i, n in enumerate(stack) if n.style == style), len(stack))
            stack = stack[:depth]
            parent_id = stack[-1].id if stack else prefix
            node_id = f"{parent_id}-{value}" if stack or prefix != "t" else f"t{value}"
            node = Node(node_id, number=written, style=style, lines=[line.number])
            rest = text[len(written):].strip()
            if is_heading(rest) and not (stack and stack[0].id == "annexes"):
                node.heading = rest
            elif rest:
                _paragraph(node, rest, line)
            (stack[-1].children if stack else tree.nodes).append(node)
            stack.append(node)
            continue
        if re.fullmatch(r"[|｜]", text):  # an empty table cell outside a table
            continue
        clause = clauses.clause_line(text)
        target = stack[-1] if stack else loose
        if target is None:
            target = loose = Node("closing" if any(n.id == "preamble" or n.style for n in tree.nodes) else "preamble",
                                  lines=[])
            tree.nodes.append(target)
        if clause and target.paragraphs:
            last, source_line = target.paragraphs[-1]
            target.paragraphs[-1] = (last + text, source_line)
            target.lines.append(line.number)
            continue
        if target.style == "annex" and target.heading is None and not target.children and not target.paragraphs:
            target.heading = text
        else:
            _paragraph(target, text, line)
        target.lines.append(line.number)
    if table is not None:
        _table_rows(stack[-1] if stack else tree, table, prefix)
    _closing(tree)
    return tree


def _paragraph(node: Node, text: str, line: Line) -> None:
    """A paragraph of a node; a responsibility clause with a deadline or post closing it
    (…。责任单位：区商务局  完成时限：2024年底前) becomes the node's duty."""
    found = duties.inline(text) if node.duty is None and clauses.split_clause(text)[1] is None else None
    if found and found[0].strip():
        words, duty = found
        node.paragraphs.append((words, line))
        node.duty = dataclasses.replace(duty, lines=line.span)
        return
    node.paragraphs.append((text, line))


def _annex(found: re.Match, text: str, line: Line, tree: Tree) -> tuple[Node, str]:
    """附件1 / 附件2: / 附件:1.… (a list of annexes)."""
    number = found[1]
    rest = text[found.end():].strip()
    node_id = f"annex{number}" if number else "annexes"
    node = Node(node_id, number=text[:found.end()].strip(), style="annex", lines=[line.number])
    tree.nodes.append(node)
    if rest:
        inner = numbering(rest)
        if inner and not number:
            style, written, value = inner
            child = Node(f"{node_id}-{value}", number=written, style=style, lines=[line.number])
            child.paragraphs.append((rest[len(written):].strip(), line))
            node.children.append(child)
            return node, node_id
        node.heading = rest
    return node, node_id


def _table_rows(parent, table: list[Line], prefix: str) -> None:
    """A task-division table flattened to one cell a line: a header row, then rows of as many cells."""
    cells = [line.text.rstrip("|").strip() for line in table]
    header = []
    for cell in cells:
        if cell and not cell.isdigit() and len(header) < 8 and (not header or cell != header[0]):
            header.append(cell)
        else:
            break
    width = len(header)
    children = parent.children if isinstance(parent, Node) else parent.nodes
    rows = cells[width:]
    for start in range(0, len(rows) - width + 1, width):
        row = dict(zip(header, rows[start:start + width]))
        number = row.get("序号", str(start // width + 1))
        node = Node(f"{prefix}-{number}", number=number, style="table-row",
                    lines=[l.number for l in table[width + start:width + start + width]])
        content = next((row[k] for k in header if k in ("主要内容", "工作任务", "任务", "重点任务", "内容")), "")
        node.paragraphs.append((content, table[width + start]))
        lead = next((row[k] for k in header if "牵头" in k), "")
        responsible = next((row[k] for k in header if "责任" in k or "配合" in k or "参与" in k), "")
        node.table_roles = clauses.table_roles(lead, responsible)
        children.append(node)


def _task_table(parent, table: tables.Table) -> None:
    """A task table's sections and rows as nodes under ``parent`` (or at the top of the tree)."""
    children = parent.children if isinstance(parent, Node) else parent.nodes
    base = parent.id if isinstance(parent, Node) else None
    heading_at, text_at = tables.text_columns(table.columns)
    for section in table.sections:
        owner, owner_id = children, base
        if section.number:
            found = numbering(section.number)
            value = found[2] if found else len(children) + 1
            node_id = f"{base}-{value}" if base else f"t{value}"
            node = Node(node_id, number=section.number, heading=section.heading, style="table-section",
                        lines=[section.line])
            children.append(node)
            owner, owner_id = node.children, node_id
        for row in section.rows:
            owner.append(_table_row(row, table, owner_id, heading_at, text_at))


def _table_row(row: tables.Row, table: tables.Table, parent_id: str | None, heading_at, text_at) -> Node:
    """One table row as a node: 序号 its number, 重点任务 its heading, 具体措施 its text, the unit
    columns its roles, 完成时限 its deadline."""
    kinds = [c.kind for c in table.columns]
    number = tables.digits(row.text(kinds.index("number")))
    node = Node(f"{parent_id}-{number}" if parent_id else f"t{number}", number=row.text(kinds.index("number")),
                style="table-row", lines=list(row.lines))
    if heading_at is not None and row.text(heading_at):
        node.heading = row.text(heading_at)
    others = [i for i, c in enumerate(table.columns) if c.kind == "other"]
    for index in ([text_at] if text_at is not None else []) + others:  # 备注: its words are source text too
        if row.text(index):
            node.paragraphs.append((row.text(index), Line(row.lines[0], row.text(index), row.lines[-1])))
    roles = {role: [] for role in tables.UNIT_KINDS}
    for i, column in enumerate(table.columns):
        if column.kind in tables.UNIT_KINDS:
            for role, name in duties.marked(row.names(i), column.kind):
                roles[role].append(name)
    deadline = next((row.text(i) for i, c in enumerate(table.columns) if c.kind == "deadline" and row.text(i)), None)
    written = [p for i, c in enumerate(table.columns) if c.kind == "post" for p in row.names(i)]
    posts = tuple(p for p in written if duties.is_post(p))
    withheld = ("责任领导",) if len(posts) < len(written) else ()  # a person's name: never kept
    node.duty = duties.Duty("", clauses.Clause("", **{r: tuple(n) for r, n in roles.items()}), posts=posts,
                            deadline=deadline, withheld=withheld, lines=f"{row.lines[0]}-{row.lines[-1]}")
    return node


def _closing(tree: Tree) -> None:
    """A last unnumbered paragraph addressed to everyone (各地各部门要…, 本方案…) closes the
    document rather than continuing the last item."""
    last = tree.nodes[-1] if tree.nodes else None
    while last is not None and last.children:
        last = last.children[-1]
    if last is None or len(last.paragraphs) < 2:
        return
    text, line = last.paragraphs[-1]
    if re.match(r"^(各地|各有关|各级|各部门|各县|各市|各单位|各街道|各乡镇|各成员单位|本方案|本实施|本意见|本要点|以上)", text) and \
            clauses.split_clause(text)[1] is None:
        last.paragraphs.pop()
        last.lines.remove(line.number)
        tree.nodes.append(Node("closing", paragraphs=[(text, line)], lines=[line.number]))
