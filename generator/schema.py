"""One schema per YAML kind (plan, task, department, document, ...).

A schema is a mapping of key -> Field. ``check`` walks plain data against it and
returns every problem, each with the key path and the fix; unknown keys are errors
because we own the data.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Any, Callable

from .model import COMPARATORS, DOCUMENT_LEVELS, LEVELS, METRIC_KINDS, ROLES, TIMELINE_KINDS, UNITS

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINES_PATTERN = re.compile(r"^\d+(?:-\d+)?$")
WHEN_PATTERN = re.compile(r"^(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
ALL_DEPARTMENTS = "all-departments"  # a group's members: every department of its jurisdiction


@dataclass(frozen=True)
class Field:
    """What one key may hold."""

    kind: str  # "str" "int" "number" "bool" "date" "list" "map"
    doc: str
    required: bool = False
    choices: tuple = ()
    pattern: re.Pattern | None = None
    items: "Field | None" = None  # for lists
    schema: "dict[str, Field] | Callable[[], dict[str, Field]] | None" = None  # for maps

    def fields(self) -> dict[str, "Field"]:
        """The nested schema (resolved lazily so task trees can recurse)."""
        return self.schema() if callable(self.schema) else (self.schema or {})


def _id(doc: str, required: bool = True) -> Field:
    return Field("str", doc, required=required, pattern=ID_PATTERN)


def _names(doc: str) -> Field:
    return Field("list", doc, items=Field("str", "a name as written"))


KIND_LABEL = {
    "str": "text", "int": "a whole number", "number": "a number", "bool": "true or false",
    "date": "a date YYYY-MM-DD", "list": "a list", "map": "a mapping of keys",
    "lines": "a line number or a range like 203-228",
    "members": f"'{ALL_DEPARTMENTS}' or a list of department names",
}

INDICATOR = {
    "name": Field("str", "what is measured, as written", required=True),
    "metric": _id("id in metrics.yaml", required=False),
    "unmapped": Field("str", "why no metric fits this indicator (instead of metric)"),
    "comparator": Field("str", "how the value is compared", required=True, choices=tuple(COMPARATORS)),
    "value": Field("number", "the target value", required=True),
    "value_max": Field("number", "upper end of a range"),
    "unit": Field("str", "unit of the value", choices=UNITS),
    "year": Field("int", "target year"),
    "year_inherited": Field("bool", "the year is the plan's target_year, not the sentence's"),
    "phrase": Field("str", "the words of the text that state the target", required=True),
}

DATED = {
    "phrase": Field("str", "the words of the text that state the date, verbatim", required=True),
    "kind": Field("str", "phase (a stage with its range) or deadline (…前)", required=True,
                  choices=tuple(TIMELINE_KINDS)),
    "start": Field("str", "first month of a phase, quoted: '2010-04'", pattern=WHEN_PATTERN),
    "end": Field("str", "the deadline or a phase's last month, quoted: '2011', '2011-12', '2018-04-30'",
                 required=True, pattern=WHEN_PATTERN),
    "year_inherited": Field("bool", "the text states no year; it is the year of the plan's 成文日期"),
}

CITATION = {
    "document": _id("id in documents.yaml"),
    "written": Field("str", "the citation as written in the text", required=True),
}

DEADLINE = {
    "written": Field("str", "the deadline as the source writes it (完成时限 / 完成时间)", required=True),
    "by": Field("date", "the date by which, where one can be read (2025年底前 -> 2025-12-31)"),
    "yearly": Field("str", "the day of each year by which, MM-DD (每年6月底前 -> 06-30)",
                    pattern=re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")),
    "ongoing": Field("bool", "true for standing work (长期坚持, 持续推进)"),
}


ASSIGNMENT = {
    "source": Field("str", "the assignment clause as written"),
    **{role: _names(f"departments or groups with role {role}") for role in ROLES},
}


@functools.cache
def task_schema() -> dict[str, Field]:
    """A node of the document tree; children are nodes too (made once: the shape walk keys its rules
    by field)."""
    return {
        "id": _id("stable id of the node, unique in the plan"),
        "number": Field("str", "numbering as written"),
        "heading": Field("str", "heading on its own line, without its number"),
        "text": Field("str", "the body, word for word"),
        "assignment": Field("map", "departments named for this node", schema=ASSIGNMENT),
        "posts": _names("responsible posts (责任领导) as written, e.g. 分管副区长; never a person's name"),
        "deadline": Field("map", "when the task is due, as written and as read", schema=DEADLINE),
        "indicators": Field("list", "quantitative targets", items=Field("map", "an indicator", schema=INDICATOR)),
        "citations": Field("list", "cited documents", items=Field("map", "a citation", schema=CITATION)),
        "children": Field("list", "sub-nodes", items=Field("map", "a task", schema=task_schema)),
        "themes": Field("list", "what the task is about (editorial)", items=_id("id in themes.yaml")),
        "timeline": Field("list", "dates the text states", items=Field("map", "a dated item", schema=DATED)),
    }


PLAN = {
    "id": _id("plan id, equal to the file name"),
    "title": Field("str", "title of the plan", required=True),
    "issuer": Field("str", "issuing body as written"),
    "jurisdiction": _id("id in jurisdictions.yaml"),
    "doc_number": Field("str", "发文字号, normalised"),
    "dates": Field("map", "dates", schema={
        "written": Field("date", "成文日期"),
        "published": Field("date", "发布日期"),
        "effective": Field("date", "生效日期"),
    }),
    "status": Field("str", "status as stated (有效 ...)"),
    "period": Field("map", "plan period", schema={
        "start": Field("int", "first year"), "end": Field("int", "last year")}),
    "target_year": Field("int", "the year the plan's goals are set for"),
    "source": Field("map", "source text", required=True, schema={
        "file": Field("str", "file name in the seeds folder", required=True),
        "excluded": Field("list", "source lines left out, and why", items=Field("map", "a range", schema={
            "lines": Field("lines", "a line number or a range like 203-228", required=True, pattern=LINES_PATTERN),
            "reason": Field("str", "why these lines are not in the task tree", required=True),
        })),
    }),
    "derived": Field("map", "fields derived from the text: field -> how", schema=None),
    "implements": Field("list", "documents the plan carries out, as its text cites them",
                        items=Field("map", "an implemented document", schema=CITATION)),
    "tasks": Field("list", "the document tree", required=True, items=Field("map", "a task", schema=task_schema)),
}

DEPARTMENT = {
    "id": _id("department id"),
    "name": Field("str", "name as the plans write it", required=True),
    "aliases": _names("other ways a source writes the same body"),
    "full_name": Field("str", "full official name, where a source states it"),
    "category": _id("id in categories.yaml"),
    "successor": Field("map", "the body that took this one's work over in an institutional reform", schema={
        "department": _id("id of the successor, a department of the same jurisdiction"),
        "year": Field("int", "the year of the reform", required=True),
        "basis": _id("id in documents.yaml of the public document that made the change"),
    }),
}

GROUP = {
    "id": _id("group id"),
    "name": Field("str", "the collective name as written", required=True),
    "aliases": _names("other ways a source writes the same group"),
    "members": Field("members", "the group's members"),
}

REGISTRY = {
    "jurisdiction": _id("id in jurisdictions.yaml"),
    "departments": Field("list", "departments", items=Field("map", "a department", schema=DEPARTMENT)),
    "groups": Field("list", "groups", items=Field("map", "a group", schema=GROUP)),
}

JURISDICTIONS = {"jurisdictions": Field("list", "jurisdictions", required=True, items=Field("map", "a jurisdiction", schema={
    "id": _id("jurisdiction id"),
    "name": Field("str", "name", required=True),
    "level": Field("str", "province, city or county", required=True, choices=tuple(LEVELS)),
    "province": Field("str", "the province of a city or county"),
}))}

CATEGORIES = {"categories": Field("list", "categories", required=True, items=Field("map", "a category", schema={
    "id": _id("category id"), "name": Field("str", "name", required=True)}))}

DOCUMENTS = {"documents": Field("list", "documents", required=True, items=Field("map", "a document", schema={
    "id": _id("document id"),
    "doc_number": Field("str", "文号 or standard number, normalised"),
    "title": Field("str", "title without 《》"),
    "issuer": Field("str", "issuing body, where stated"),
    "level": Field("str", "tier of the issuer", choices=tuple(DOCUMENT_LEVELS)),
    "level_derived": Field("str", "how the level was inferred, when the issuer is not stated"),
}))}

METRICS = {"metrics": Field("list", "metrics", required=True, items=Field("map", "a metric", schema={
    "id": _id("metric id"), "name": Field("str", "what is measured", required=True),
    "kind": Field("str", "value (the default) or rank (a position, 1 is first)", choices=tuple(METRIC_KINDS))}))}


THEMES = {"themes": Field("list", "themes", required=True, items=Field("map", "a theme", schema={
    "id": _id("theme id"), "name": Field("str", "name", required=True),
    "description": Field("str", "what tasks of this theme are about")}))}


def type_ok(value: Any, kind: str) -> bool:
    """Whether a plain YAML value has the kind a field expects."""
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if kind == "lines":
        return (isinstance(value, int) and not isinstance(value, bool) and value > 0) or isinstance(value, str)
    if kind == "members":
        return value == ALL_DEPARTMENTS or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if kind == "list":
        return isinstance(value, list)
    return isinstance(value, dict)
