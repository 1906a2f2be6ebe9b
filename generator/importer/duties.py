"""Responsibility lines: the line after a 工作要点 item that says who does it and by when.

    责任单位：区市场监管局  配合单位：区教育局、区卫健局  完成时间：2024年12月
    牵头单位：区工信局　　责任领导：分管副区长　　完成时限：2025年底前

Fields are ``label：value`` separated by two or more spaces, full-width spaces, tabs or
；; a line may be split over two (at a field, or inside a value). Role labels are the
clause grammar's (牵头单位 -> lead, 责任单位 -> responsible, 配合单位 -> cooperating);
完成时间 / 完成时限 give the deadline as written; 责任领导 holds a post title (分管副区长),
kept as the task's post. A person's name, a phone number or an e-mail address in a field
is never kept: the field is left out, and the line is reported as not used word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import ROLES
from .. import deadlines
from ..normalise import ascii_width
from . import clauses
from .text import Line, is_contact

_DEADLINE_LABELS = ("完成时间节点", "完成时间", "完成时限", "完成期限", "时间节点", "时限要求", "时间要求", "完成时间要求")
_POST_LABELS = ("责任区领导", "责任县领导", "责任领导", "分管领导", "牵头领导", "包抓领导", "联系领导", "区级责任领导",
                "县级责任领导")
_CONTACT_LABELS = ("联系人", "联系电话", "联系方式", "电话", "手机", "邮箱", "电子邮箱")
_ALL = sorted((*clauses.ROLE_LABELS, *_DEADLINE_LABELS, *_POST_LABELS, *_CONTACT_LABELS), key=len, reverse=True)
_LABEL = re.compile(r"(?:^|(?<=[\s;；,，、。(（〔【]))(" + "|".join(_ALL) + r")\s*[:：]")
START = re.compile(r"^\s*[(（【〔]?\s*(" + "|".join(_ALL) + r")\s*[:：]")
# A post title ends in a rank (副区长, 主任, 书记 …); anything else in 责任领导 may be a person's name.
_POST = re.compile(r"(区长|县长|市长|主任|书记|委员|领导|秘书长|部长|局长|厅长|专员|负责人|常委|主席|院长)$")


@dataclass(frozen=True)
class Duty:
    """Who does a task and by when, read from its responsibility line(s) or its table row."""

    source: str  # the line(s) as written; '' when a field was left out (or for a table row)
    clause: clauses.Clause
    posts: tuple[str, ...] = ()
    deadline: str | None = None
    fields: tuple[tuple[str, str], ...] = ()  # (label as written, how it was read), for the report
    withheld: tuple[str, ...] = ()  # labels of fields not kept (personal details)
    lines: str = ""


def is_post(words: str) -> bool:
    """A post title (分管副区长, 区政府办公室主任), not a department and not a person's name."""
    words = words.strip()
    return bool(_POST.search(words)) and not clauses.looks_like_body(words) and not is_contact(words)


def keeps_contact(text: str) -> bool:
    """A responsibility line whose phone number or e-mail stands in a field of its own (联系人：…
    联系电话：…), so the line can be read without them: the departments are kept, the contact
    fields never. Any other line with contact details is set aside whole."""
    duty = read(text) if starts_line(text) else None
    if duty is None or not duty.withheld:
        return False
    kept = " ".join([*duty.clause.lead, *duty.clause.responsible, *duty.clause.cooperating, *duty.posts,
                     duty.deadline or ""])
    return not is_contact(kept)


def starts_line(text: str) -> bool:
    """Whether a line opens with a responsibility label (责任单位： 牵头单位： 完成时间： …)."""
    return bool(START.match(text))


def _fields(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs in order; values stripped of separators."""
    found = list(_LABEL.finditer(text))
    out = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        value = text[match.end():end].strip(" \t\u3000\n;；,，。()（）【】〔〕")
        out.append((match.group(1), value))
    return out


def read(text: str, lines: str = "") -> Duty | None:
    """A responsibility line (or two joined) -> a Duty; None when it is not one (no role field)."""
    inner = text.strip().lstrip("(（【〔").rstrip("。)）】〕").strip()
    if not starts_line(inner):
        return None
    roles: dict[str, list[str]] = {role: [] for role in ROLES}
    posts, deadline, read_as, withheld = [], None, [], []
    for label, value in _fields(inner):
        role = clauses.label_role(label)
        if role:
            names = [n for piece in re.split(r"[\s\u3000]+", value) if piece for n in clauses.cell_names(piece)]
            if not names or not all(clauses.looks_like_body(n) for n in names):
                return None  # 责任单位：各部门要… is a sentence, not a field
            for name_role, name in marked(names, role):
                roles[name_role].append(name)
            read_as.append((label, f"{role}: {'、'.join(names)}"))
        elif label in _DEADLINE_LABELS:
            deadline = value
            read_as.append((label, f"deadline: {value} ({deadlines.describe(value)})"))
        elif label in _POST_LABELS:
            kept = [p for p in re.split(r"[、,，\s\u3000]+", value) if p and is_post(p)]
            if len(kept) < len([p for p in re.split(r"[、,，\s\u3000]+", value) if p]):
                withheld.append(label)
            posts += kept
            read_as.append((label, f"post: {'、'.join(kept)}" if kept else "not kept (a person's name)"))
        else:
            withheld.append(label)
            read_as.append((label, "not kept (contact details)"))
    if not any(roles.values()):
        return None
    source = "" if withheld else text.strip()
    return Duty(source, clauses.Clause(source, **{r: tuple(n) for r, n in roles.items()}), tuple(posts), deadline,
                tuple(read_as), tuple(withheld), lines)


# 区市场监管局（牵头）: the mark gives the role; the data keeps the role, not the mark.
LEAD_MARK = re.compile(r"[(（](?:牵头|牵头单位|牵头部门|主责)[)）]$")


def marked(names: list[str], role: str) -> list[tuple[str, str]]:
    """(role, name) of listed names: 区市场监管局（牵头） in a 责任单位 list is the lead, written
    without its mark; the others keep the list's role."""
    out = []
    for name in names:
        mark = LEAD_MARK.search(name)
        out.append(("lead", name[:mark.start()]) if mark else (role, name))
    return out


def inline(paragraph: str) -> tuple[str, Duty] | None:
    """A responsibility clause closing a paragraph: '…。责任单位：区商务局  完成时限：2024年底前' or
    '…（责任单位：区商务局；完成时限：2024年底前）' -> (the words before it, the duty); else None."""
    for match in _LABEL.finditer(paragraph):
        start = match.start()
        if not start or not clauses.label_role(match.group(1)):
            continue
        if paragraph[start - 1] in "(（〔【":
            start -= 1
            if not paragraph.rstrip("。 ").endswith((")", "）", "〕", "】")):
                continue
        elif paragraph[start - 1] not in "。；; \t\u3000":
            continue
        duty = read(paragraph[start:])
        if duty and duty.deadline is not None or duty and duty.posts:
            return paragraph[:start], duty
    return None


def _incomplete(text: str) -> bool:
    """A responsibility line cut inside a value: it ends with 、 or ，, or with a label and no value."""
    norm = ascii_width(text.rstrip())
    return norm.endswith(("、", ",")) or bool(re.search(r"[:：]\s*$", norm))


def join_lines(lines: list[Line]) -> list[Line]:
    """A responsibility line split over two source lines becomes one: at a field boundary the
    second line starts with a label (joined with a line break), inside a value it continues
    the names (joined as written)."""
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if previous is not None and starts_line(previous.text) and previous.last + 1 == line.number:
            if starts_line(line.text):
                out[-1] = Line(previous.number, previous.text + "\n" + line.text, line.last)
                continue
            if _incomplete(previous.text) or (_LABEL.search(line.text) and _first_is_names(line.text)):
                out[-1] = Line(previous.number, previous.text + line.text, line.last)
                continue
        out.append(line)
    return out


def _first_is_names(text: str) -> bool:
    """区商务局  完成时间：… : the words before the first label are names, not a sentence."""
    head = _LABEL.split(text, maxsplit=1)[0].strip(" \t\u3000")
    return bool(head) and all(clauses.looks_like_body(n) for n in clauses.cell_names(head))


@dataclass
class Reading:
    """How the importer read one responsibility block or table, for the report."""

    kind: str  # "responsibility line" or "table"
    lines: str
    how: list[str] = field(default_factory=list)
