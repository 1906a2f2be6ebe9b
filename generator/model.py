"""Typed models of the handbook: what validation builds from the plain YAML data.

Names follow the domain: plan, task, department, group, role, indicator, metric,
citation, document, jurisdiction. Field names equal the YAML keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

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
    # 新增13个以上, 下降12%以上: a change of at least N, not a level
    "increase-by-at-least": "提高/新增…以上",
    "reduce-by-at-least": "下降…以上",
}

UNITS = ("%", "个百分点", "个", "家", "项", "天", "亿元", "万元", "千克标准煤", "千瓦时",
         "万千瓦", "人", "次", "件", "条", "所", "名", "位", "倍", "年", "小时", "座",
         "分", "万人", "公里", "万吨", "吨", "亩", "万亩", "户", "元", "千克", "立方米")

LEVELS = {"province": "省", "city": "市", "county": "县"}  # a county or district is read like a city

# The tier of government that issued a document; a plan's tier is its jurisdiction's.
DOCUMENT_LEVELS = {"national": "国家级", "provincial": "省级", "municipal": "市级"}
PLAN_LEVEL = {"province": "provincial", "city": "municipal"}

# value: a level or amount (98.5 %, 83); rank: a position where 1 is first (全国前10位),
# never drawn on the same axis as values
METRIC_KINDS = {"value": "数值", "rank": "名次"}


@dataclass(frozen=True)
class Jurisdiction:
    """A province, city or county whose plans the handbook holds."""

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
    successor: "Succession | None" = None

    kind = "department"

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a source writes this body."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Succession:
    """An institutional reform that handed a department's work to another (2018: 省质监局 -> 省市场监管局)."""

    department: str  # the successor's id
    year: int
    basis: str  # the cited document that made the change


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
        return list(self._by_role)

    @cached_property
    def _by_role(self) -> tuple[tuple[str, str], ...]:
        # made once per assignment: the link stage and several rules per name ask for it
        return tuple((role, name) for role in ROLES for name in getattr(self, role))


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
    unmapped: str | None = None  # why no metric fits, when ``metric`` is left out


@dataclass(frozen=True)
class Citation:
    """A document cited by a task, with the words that cite it."""

    document: str
    written: str


# A dated item in a task's text: a stage with its date range, or a deadline (…前).
TIMELINE_KINDS = {"phase": "阶段", "deadline": "时限"}


@dataclass(frozen=True)
class Dated:
    """A date the text states: 启动阶段(2010年4月-2011年3月), 2011年底前, 于4月30日前.

    ``start``/``end`` are 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as precise as the text."""

    phrase: str
    kind: str
    end: str
    start: str | None = None
    year_inherited: bool = False  # 于4月30日前: the year is the plan's 成文 year, not the sentence's


@dataclass(frozen=True)
class Deadline:
    """When a task is due: the words as written, and at most one reading of them (generator.deadlines)."""

    written: str
    by: str | None = None  # YYYY-MM-DD
    yearly: str | None = None  # MM-DD, every year
    ongoing: bool = False  # standing work: 长期坚持, 持续推进


@dataclass(frozen=True)
class Task:
    """A node of a plan's document tree; a task proper when it has an assignment."""

    id: str
    number: str | None = None
    heading: str | None = None
    text: str | None = None
    assignment: Assignment | None = None
    posts: tuple[str, ...] = ()  # responsible posts (责任领导: 分管副区长), never a person's name
    deadline: Deadline | None = None
    indicators: tuple[Indicator, ...] = ()
    citations: tuple[Citation, ...] = ()
    children: tuple["Task", ...] = ()
    themes: tuple[str, ...] = ()  # ids in themes.yaml: the handbook's classification, not the source's words
    timeline: tuple[Dated, ...] = ()  # dates the text states: stages and deadlines

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
    implements: tuple[Citation, ...] = ()  # the documents the plan says it carries out (贯彻落实, 根据)
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
    level: str | None = None  # national, provincial or municipal, where the issuer shows it
    level_derived: str | None = None  # how the level was inferred when no issuer is stated


@dataclass(frozen=True)
class Theme:
    """What tasks are about (品牌建设, 计量 ...): an editorial classification across plans."""

    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Metric:
    """What an indicator measures, shared across plans so targets compare."""

    id: str
    name: str
    kind: str = "value"
