"""Clauses stage: the assignment clause of a task -> who leads, who is responsible, who helps.

Plans name the departments of a task in a few ways, all with ASCII or full-width
punctuation:

1. a bracket after the task: ``(省农委牵头,省国土资源厅等按职责分工负责)``,
   ``(牵头单位:省质监局;配合单位:省工商局)``, ``〔责任单位:市市场监管局、市工信局(国资委)〕``;
2. a closing sentence: ``…。责任单位:市经贸委,相关县(市、区)政府;协助单位:市外经贸局。``;
3. a line of its own after the task: ``省质监局、工业和信息化厅、科技厅负责落实。``;
4. the 牵头部门 / 责任部门 cells of a task-division table.

Matching is done on a normalised copy of the text in which every full-width mark
is replaced by its ASCII twin *one character for one character*, so a position in
the copy is the same position in the input. Everything returned is sliced from the
input: the source's own characters, never the normalised ones.

A clause is only accepted when every part of it is a role word or a name that looks
like a body (ends in 局, 厅, 委, 政府, 成员单位 …): ``(专项、基金等)``, ``(GMP)``,
``(2018—2020年)`` and ``(市、区)`` are left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ROLES
from ..normalise import BRACKETS, ascii_width, require_text



@dataclass(frozen=True)
class Clause:
    """An assignment clause as written, and the names it gives each role, in order."""

    source: str
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()


# Normalising, one character for one character.

# Full-width and bracket variants -> ASCII, so positions stay the same. 〔〕【】[] are
# all brackets to the clause grammar; 、 stays (it only ever separates names).


def _normal(text: str) -> str:
    """Full-width as ASCII and every bracket as ( ), one character for one."""
    return ascii_width(text).translate(BRACKETS)


@dataclass(frozen=True)
class _Span:
    """A piece of the input and its normalised twin (same length, same positions)."""

    raw: str
    norm: str

    @classmethod
    def of(cls, raw: str) -> "_Span":
        return cls(raw, _normal(raw))

    def __getitem__(self, index: slice) -> "_Span":
        return _Span(self.raw[index], self.norm[index])

    def __len__(self) -> int:
        return len(self.raw)

    def strip(self, chars: str | None = None) -> "_Span":
        """Strip `chars` (white space by default) from both ends, judged on the normal form."""
        left = len(self.norm) - len(self.norm.lstrip(chars))
        right = len(self.norm.rstrip(chars))
        return self[left:max(left, right)]


# Role words.

# Labels followed by a colon: 牵头单位:… 责任单位:… 配合单位:… (longest first).
_LABELS = {
    # 牵头 -> lead
    "牵头单位": "lead", "牵头部门": "lead", "牵头责任单位": "lead", "主办单位": "lead", "牵头": "lead",
    # 责任单位 / 责任部门 -> responsible
    "责任单位": "responsible", "责任部门": "responsible", "负责单位": "responsible",
    "负责部门": "responsible", "主责单位": "responsible", "实施单位": "responsible",
    # 配合 / 协助 / 协办 / 参与 -> cooperating
    "配合单位": "cooperating", "配合部门": "cooperating", "协助单位": "cooperating",
    "协助部门": "cooperating", "协办单位": "cooperating", "参与单位": "cooperating",
    "参与部门": "cooperating", "协作单位": "cooperating", "配合": "cooperating",
    "协助": "cooperating", "协办": "cooperating", "参与": "cooperating",
}
_LABEL = re.compile("(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*:")

# Verbs closing a run of names: X牵头 / Y按职责分工负责 / Z配合 (longest first, so that
# 牵头负责 is lead and not 负责, and 按职责分工负责 is not cut to 负责).
_VERBS = {
    # 牵头, 牵头负责 -> lead
    "牵头负责": "lead", "牵头落实": "lead", "牵头实施": "lead", "牵头": "lead",
    # 按职责分工负责, 分工负责, 负责落实, 负责 -> responsible
    "按照职责分工负责": "responsible", "按职责分工负责": "responsible", "按职能分工负责": "responsible",
    "按职责分工落实": "responsible", "按职责负责": "responsible", "分工负责": "responsible",
    "共同负责": "responsible", "具体负责": "responsible", "负责落实": "responsible",
    "负责实施": "responsible", "负责": "responsible",
    # 配合, 协助, 协办, 参与 -> cooperating
    "配合落实": "cooperating", "协助落实": "cooperating", "配合": "cooperating",
    "协助": "cooperating", "协办": "cooperating", "参与": "cooperating",
}
_VERB = re.compile("(" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r")\s*$")

# 等 / 等部门 … after the last name: "等" is not a department.
_ETC = re.compile(r"\s*等(?:有关|相关)?(?:部门|单位)?\s*$")
# 由X牵头: 由 is not part of the name.
_BY = re.compile(r"^\s*由\s*")

# What a body's name ends with (局 厅 委 办 …, 政府, 党委, 成员单位, 有关部门 …).
_BODY_END = re.compile(
    r"(局|厅|委|办|院|部|会|室|处|所|站|队|中心|政府|单位|部门|公司|集团|银行|分行|支行|人行|海关|机关"
    r"|联|科协|政协|组|馆|社|电视台|电台|署)$")
# Words that end like a body but are not one (平台, 场所, 全部 …).
_NOT_BODY_END = re.compile(r"(平台|场所|全部|内部|外部|局部|东部|西部|南部|北部|中部|网站|车站|机会|大会)$")
# A bracket that closes a name, as in 市工信局(国资委): judged without it.
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
# Characters no name contains: sentence marks, quotes, title marks, digits.
_NOT_IN_NAME = re.compile(r"[。!?:;,“”\"《》0-9０-９%]")

# 各市州党委、政府 -> 各市州党委, 各市州政府: these bare words take the prefix of the name before.
_SHORT_FORMS = ("人民政府", "政府", "党委", "人大", "政协")
_PREFIXABLE_END = re.compile(r"(人民政府|政府|党委|人大常委会|人大|政协)$")

# 及 / 以及 / 和 / 与 join two names (文化厅及省质量强省工作领导小组相关成员单位) only when
# the part before already ends like a body: 省经济和信息化委 and 市规划和自然资源局 stay whole.
_JOINERS = ("以及", "及", "和", "与")

_SEPARATORS = "、,;。\n"
_TERMINAL = " \t\r\n。.;,"


def _balanced(norm: str) -> bool:
    """Brackets open before they close and all close: 各市(州)人民政府, not 推进(省财政厅."""
    depth = 0
    for char in norm:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _looks_like_body(name: str) -> bool:
    """A department-like name: short, no sentence marks or digits, ends like a body."""
    core = _TRAILING_BRACKET.sub("", _normal(name)).strip()
    if not 2 <= len(core) <= 40 or _NOT_IN_NAME.search(core):
        return False
    if _NOT_BODY_END.search(core) or not _balanced(core):
        return False
    return bool(_BODY_END.search(core)) or core in _SHORT_FORMS


# Splitting.

def _split_top(span: _Span, separators: str = _SEPARATORS) -> list[_Span]:
    """Split at separators outside brackets: 相关县(市、区)政府 and 市工信局(国资委) stay whole."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(span.norm):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            pieces.append(span[start:i])
            start = i + 1
    pieces.append(span[start:])
    return pieces


def _depth_zero(norm: str, index: int) -> bool:
    """Whether `index` lies outside every bracket of `norm`."""
    depth = 0
    for char in norm[:index]:
        depth += {"(": 1, ")": -1}.get(char, 0)
    return depth <= 0


def _split_joined(span: _Span) -> list[_Span]:
    """文化厅及省…相关成员单位 -> two names; 省经济和信息化委 stays one (its 和 follows no body end)."""
    for joiner in _JOINERS:
        start = 0
        while (at := span.norm.find(joiner, start)) > 0:
            left, right = span[:at].strip(), span[at + len(joiner):].strip()
            if (_depth_zero(span.norm, at) and _BODY_END.search(_TRAILING_BRACKET.sub("", left.norm))
                    and (_looks_like_body(right.raw) or right.norm in _SHORT_FORMS)):
                return [*_split_joined(left), *_split_joined(right)]
            start = at + len(joiner)
    return [span]


def _clean(item: _Span) -> _Span:
    """One listed name without 由 before it and 等 / 等部门 after it."""
    item = item.strip()
    by = _BY.match(item.norm)
    if by:
        item = item[by.end():]
    etc = _ETC.search(item.norm)
    if etc:
        item = item[:etc.start()]
    return item.strip()


def _names(items: list[_Span]) -> list[str]:
    """Listed items -> names, with 及 split and 各市州党委、政府 expanded."""
    names: list[str] = []
    for item in items:
        for part in _split_joined(_clean(item)):
            part = _clean(part)
            if not part.raw:
                continue
            previous = names[-1] if names else None
            if part.norm in _SHORT_FORMS and previous:
                # 各市州党委、政府: the bare 政府 belongs to the same 各市州 as the 党委 before it.
                prefix = _PREFIXABLE_END.search(_normal(previous))
                if prefix:
                    names.append(previous[:prefix.start()] + part.raw)
                    continue
            names.append(part.raw)
    return names


def split_names(fragment: str) -> list[str]:
    """'省国土资源厅、省粮食局、省质监局等' -> the names, as written.

    Splits at 、 , ， ; ； outside brackets; drops 由 and a trailing 等 / 等部门;
    '各市州党委、政府' -> ['各市州党委', '各市州政府'];
    '文化厅及省质量强省工作领导小组相关成员单位' -> two names;
    '市工信局(国资委)' (or with full-width brackets) stays one name.
    """
    require_text(fragment, "split_names", "fragment")
    return _names(_split_top(_Span.of(fragment)))


# The clause grammar.

def _parse_roles(body: _Span, *, verbs_only: bool = False) -> dict[str, tuple[str, ...]] | None:
    """The inside of a clause -> names by role; None unless every part is a role word or a body.

    Items are separated by 、 , ; 。 outside brackets. An item is
    - labelled, '牵头单位:X' (the label holds until the next label or verb: 责任单位:A,B);
    - closed by a verb, 'X牵头' / 'Y等按职责分工负责' (earlier bare items share its role:
      'A,B等按职责分工负责' or 各级党委、政府按职责分工负责);
    - bare, a name waiting for its label or verb.
    """
    roles: dict[str, list[str]] = {role: [] for role in ROLES}
    pending: list[_Span] = []
    label: str | None = None

    def assign(role: str, items: list[_Span]) -> bool:
        names = _names(items)
        if not names or not all(_looks_like_body(name) for name in names):
            return False
        roles[role].extend(names)
        return True

    for item in _split_top(body):
        item = item.strip()
        if not item.norm:
            continue
        labelled = None if verbs_only else _LABEL.match(item.norm)
        verb = _VERB.search(item.norm)
        if labelled:
            if pending and not (label and assign(label, pending)):
                return None
            pending, label = [item[labelled.end():]], _LABELS[labelled.group(1)]
            continue
        if verb:
            names_part = item[:verb.start()]
            if label and pending and not assign(label, pending):
                return None
            if label:
                pending = []
            if not assign(_VERBS[verb.group(1)], [*pending, names_part]):
                return None
            pending, label = [], None
            continue
        pending.append(item)
    if pending and not (label and assign(label, pending)):
        return None
    if not any(roles.values()):
        return None
    return {role: tuple(names) for role, names in roles.items()}


def _matching_open(norm: str, close: int) -> int | None:
    """The index of the bracket opening the one at `close`, or None if unbalanced."""
    depth = 0
    for i in range(close, -1, -1):
        if norm[i] == ")":
            depth += 1
        elif norm[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return None


def _bracket_clause(span: _Span) -> tuple[int, dict] | None:
    """Style 1: (…牵头,…按职责分工负责) / 〔责任单位:…〕 closing the paragraph (a 。 may follow)."""
    end = len(span.norm.rstrip(_TERMINAL))
    if end == 0 or span.norm[end - 1] != ")":
        return None
    start = _matching_open(span.norm, end - 1)
    if start is None:
        return None
    roles = _parse_roles(span[start + 1:end - 1])
    return (start, roles) if roles else None


def _label_clause(span: _Span) -> tuple[int, dict] | None:
    """Style 2: a closing sentence that starts with a label, 责任单位:… after the 。 before it."""
    for label in _LABEL.finditer(span.norm):
        start = label.start()
        if start and span.norm[start - 1] not in "。!?;,. \t" or not _depth_zero(span.norm, start):
            continue
        roles = _parse_roles(span[start:].strip(_TERMINAL))
        if roles:
            return start, roles
    return None


def _verb_sentence_clause(span: _Span) -> tuple[int, dict] | None:
    """Style 3 inside a paragraph: a last sentence that is only names and verbs (X、Y负责落实。)."""
    core = span.strip(_TERMINAL)
    start = max(core.norm.rfind(mark) for mark in "。!?") + 1
    if not _VERB.search(core.norm):
        return None
    roles = _parse_roles(core[start:], verbs_only=True)
    return (start, roles) if roles else None


def split_clause(paragraph: str) -> tuple[str, Clause | None]:
    """A paragraph -> (its text without the trailing assignment clause, the clause).

    (paragraph, None) when it has none. text + clause.source == paragraph, always;
    a 。 or white space after a closing bracket belongs to the clause.
    """
    require_text(paragraph, "split_clause", "paragraph")
    span = _Span.of(paragraph)
    for finder in (_bracket_clause, _label_clause, _verb_sentence_clause):
        found = finder(span)
        if found:
            start, roles = found
            return paragraph[:start], Clause(paragraph[start:], **roles)
    return paragraph, None


def clause_line(line: str) -> Clause | None:
    """A whole line that is only an assignment ('省质监局、工业和信息化厅、科技厅负责落实。'
    standing after its task, or a bracket or 责任单位: line on its own); None otherwise.

    The clause's source is the line without its surrounding white space.
    """
    require_text(line, "clause_line", "line")
    stripped = line.strip()
    if not stripped:
        return None
    text, clause = split_clause(stripped)
    if clause and not text.strip():
        return Clause(stripped, clause.lead, clause.responsible, clause.cooperating)
    return None


def table_roles(lead_cell: str, responsible_cell: str) -> Clause:
    """A task-division table row's 牵头部门 / 责任部门 cells -> a Clause with source ''.

    Table columns give the roles (牵头部门 -> lead, 责任部门 -> responsible). A cell may
    still carry the table's ' |' border; an empty cell ('|' or '') gives no names.
    """
    cells = [require_text(cell, "table_roles", "cell").strip().removesuffix("|").strip()
             for cell in (lead_cell, responsible_cell)]
    lead, responsible = (tuple(cell_names(cell)) for cell in cells)
    return Clause("", lead=lead, responsible=responsible)


def cell_names(cell: str) -> list[str]:
    """A cell's or field's names; a cell may also list them with spaces or line breaks
    ('省质监局 省工商局') when every piece is a body on its own."""
    names = split_names(cell)
    spaced = [piece for name in names for piece in name.split()]
    if len(spaced) > len(names) and all(_looks_like_body(piece) for piece in spaced):
        return spaced
    return names


def looks_like_body(name: str) -> bool:
    """Whether a name reads as a department or group (ends in 局, 厅, 委, 政府, 成员单位 …)."""
    return _looks_like_body(name)


def label_role(label: str) -> str | None:
    """The role a label gives (牵头单位 -> lead, 责任单位 -> responsible, 配合单位 -> cooperating)."""
    return _LABELS.get(re.sub(r"\s+", "", label))


ROLE_LABELS = tuple(sorted(_LABELS, key=len, reverse=True))
