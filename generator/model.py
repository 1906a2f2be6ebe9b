"""Typed models of the handbook: what validation builds from the plain YAML data.

Names follow the domain: plan, task, department, group, role, indicator, metric,
citation, document, jurisdiction. Field names equal the YAML keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# 牵头 / 按职责分工负责, 责任单位 / 配合单位, 协助单位
ROLES = ("lead", "responsible", "cooperating")
ROLE_LABELS = {"lead": "牵头", "responsible": "负责", "cooperating": "配合"}

COMPARATORS = {
    "reach": "达到",
    "at-least": "不低于",
    "above": "超过",
    "at-most": "不高于",
    "below": "低于",
    "keep-at": "保持在",
    "reduce-by": "降低",
    "increase-by": "提高",
}

UNITS = ("%", "个百分点", "个", "家", "项", "天", "亿元", "万元", "千克标准煤", "千瓦时",
         "万千瓦", "人", "次", "件", "条", "所", "名", "位", "倍", "年", "小时", "座",
         "分", "万人", "公里", "万吨", "吨", "亩", "万亩", "户", "元", "千克", "立方米")

LEVELS = {"province": "省", "city": "市"}


@dataclass(frozen=True)
class Jurisdiction:
    """A province or city whose plans the handbook holds."""

    id: str
    name: str
    level: str
    province: str | None = None


@dataclass(frozen=True)
class Category:
    """A functional category, so like bodies can be found across jurisdictions."""

    id: str
    name: str


@dataclass(frozen=True)
class Department:
    """One body of one jurisdiction (四川 省质监局 and 安徽 省质监局 are two)."""

    id: str
    name: str
    jurisdiction: str
    category: str
    aliases: tuple[str, ...] = ()
    full_name: str | None = None

    kind = "department"

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a source writes this body."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Group:
    """A collective name (各市州人民政府, 省级有关部门): several bodies, not one."""

    id: str
    name: str
    jurisdiction: str
    aliases: tuple[str, ...] = ()
    members: str | tuple[str, ...] | None = None  # "all-departments", department names, or not stated

    kind = "group"
    full_name = None
    category = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a source writes this group."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Assignment:
    """The departments named for a task, by role, as the clause writes them."""

    source: str | None
    lead: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()

    def by_role(self) -> list[tuple[str, str]]:
        """(role, name) pairs in role order, then in the order written."""
        return [(role, name) for role in ROLES for name in getattr(self, role)]


@dataclass(frozen=True)
class Indicator:
    """A quantitative target stated in a task's text."""

    name: str
    comparator: str
    value: float
    phrase: str
    unit: str | None = None
    value_max: float | None = None
    metric: str | None = None
    year: int | None = None
    year_inherited: bool = False


@dataclass(frozen=True)
class Citation:
    """A document cited by a task, with the words that cite it."""

    document: str
    written: str


@dataclass(frozen=True)
class Task:
    """A node of a plan's document tree; a task proper when it has an assignment."""

    id: str
    number: str | None = None
    heading: str | None = None
    text: str | None = None
    assignment: Assignment | None = None
    indicators: tuple[Indicator, ...] = ()
    citations: tuple[Citation, ...] = ()
    children: tuple["Task", ...] = ()

    def walk(self, depth: int = 0):
        """Yield (depth, task) for this node and its descendants in reading order."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class Excluded:
    """Source lines deliberately left out of the task tree, and why."""

    lines: str | int
    reason: str


@dataclass(frozen=True)
class Plan:
    """One published plan: metadata and its full task tree."""

    id: str
    title: str
    jurisdiction: str
    source_file: str
    tasks: tuple[Task, ...]
    issuer: str | None = None
    doc_number: str | None = None
    written: str | None = None
    published: str | None = None
    effective: str | None = None
    status: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    target_year: int | None = None
    excluded: tuple[Excluded, ...] = ()
    derived: tuple[tuple[str, str], ...] = ()
    file: str = field(default="", compare=False)

    def walk(self):
        """Yield (depth, task) for every node of the plan in reading order."""
        for task in self.tasks:
            yield from task.walk()

    def derivation(self, name: str) -> str | None:
        """How a derived field was derived, or None when the source states it."""
        return dict(self.derived).get(name)


@dataclass(frozen=True)
class Document:
    """A document cited by number or by title."""

    id: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None


@dataclass(frozen=True)
class Metric:
    """What an indicator measures, shared across plans so targets compare."""

    id: str
    name: str
