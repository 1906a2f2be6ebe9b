"""Validate stage: plain data checked against the schemas, then typed models.

Every problem of every file is collected; models are built only from files whose
shape is right, so later stages can rely on the types. ``Validated`` holds the models
with the file and key path each came from, so that the rules can say where a problem is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from . import model, rules, schema
from .problems import KeyPath, Location, Problem
from .read import YamlFile
from .schema import Field


def shape_problems(file: YamlFile, fields: dict[str, Field]) -> list[Problem]:
    """All the ways ``file.data`` departs from ``fields`` (rules H1xx)."""
    return _Shape(file).problems(fields)


class _Shape:
    """The shape walk of one file. The enabled rules of each node kind are looked up once per file,
    and the value rules once per schema field, not once per node."""

    def __init__(self, file: YamlFile):
        self.name, self.where, self.data = file.name, file.where, file.data
        self.rules = {kind: rules.rules_for(kind) for kind in ("top", "mapping", "value", "derived", "list")}
        self.value_rules: dict[int, list[rules.Rule]] = {}

    def problems(self, fields: dict[str, Field]) -> list[Problem]:
        problems = rules.apply(self.rules["top"], self.node((), (self.data, fields)))
        if not problems:
            self.map(self.data, fields, (), problems)
        return problems

    def node(self, path: KeyPath, item) -> rules.Node:
        return rules.Node(item, self.name, self.where, path)

    def map(self, data: dict, fields: dict[str, Field], path: KeyPath, out: list[Problem]) -> None:
        rules.apply_into(out, self.rules["mapping"], self.node(path, (data, fields)))
        for key, field in fields.items():
            value = data.get(key)
            if not (value is None or value == [] or value == ""):
                self.value(value, field, path + (key,), out)

    def value(self, value: Any, field: Field, path: KeyPath, out: list[Problem]) -> None:
        checks = self.value_rules.get(id(field))
        if checks is None:
            checks = self.value_rules[id(field)] = rules.for_field(self.rules["value"], field)
        kind = field.kind
        if rules.apply_into(out, checks, rules.Node((value, field), self.name, self.where, path)) \
                or not schema.type_ok(value, kind):
            return  # nothing below a value of the wrong kind can be judged
        if kind == "map":
            if field.schema is None:
                rules.apply_into(out, self.rules["derived"], self.node(path, value))
            else:
                self.map(value, field.fields(), path, out)
        elif kind == "list" and field.items is not None:
            rules.apply_into(out, self.rules["list"], self.node(path, value))
            for index, item in enumerate(value):
                if item is not None:
                    self.value(item, field.items, path + (index,), out)


def _tuple(value: Any) -> tuple:
    return tuple(value or ())


def _members(value: Any) -> str | tuple[str, ...] | None:
    return tuple(value) if isinstance(value, list) else value


def _date(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime.date) else None


def indicator(data: dict) -> model.Indicator:
    """An Indicator from checked data."""
    return model.Indicator(
        name=data["name"], comparator=data["comparator"], value=data["value"], phrase=data["phrase"],
        unit=data.get("unit"), value_max=data.get("value_max"), metric=data.get("metric"),
        year=data.get("year"), year_inherited=bool(data.get("year_inherited")), unmapped=data.get("unmapped"))


def document(data: dict) -> model.Document:
    """A Document from checked data."""
    return model.Document(id=data["id"], title=data.get("title"), doc_number=data.get("doc_number"),
                          issuer=data.get("issuer"), level=data.get("level"), level_derived=data.get("level_derived"))


def theme(data: dict) -> model.Theme:
    """A Theme from checked data."""
    return model.Theme(id=data["id"], name=data["name"], description=data.get("description"))


def metric(data: dict) -> model.Metric:
    """A Metric from checked data."""
    return model.Metric(id=data["id"], name=data["name"], kind=data.get("kind") or "value")


def deadline(data: dict | None) -> model.Deadline | None:
    """A Deadline from checked data (None when the task states none)."""
    if not data:
        return None
    return model.Deadline(written=data["written"], by=_date(data.get("by")), yearly=data.get("yearly"),
                          ongoing=bool(data.get("ongoing")))


def task(data: dict) -> model.Task:
    """A Task (and its subtree) from checked data."""
    assignment = data.get("assignment")
    return model.Task(
        id=data["id"], number=data.get("number"), heading=data.get("heading"), text=data.get("text"),
        assignment=model.Assignment(
            source=assignment.get("source"),
            **{role: _tuple(assignment.get(role)) for role in model.ROLES}) if assignment else None,
        posts=_tuple(data.get("posts")), deadline=deadline(data.get("deadline")),
        indicators=tuple(indicator(i) for i in data.get("indicators") or ()),
        citations=tuple(model.Citation(c["document"], c["written"]) for c in data.get("citations") or ()),
        children=tuple(task(c) for c in data.get("children") or ()), themes=_tuple(data.get("themes")),
        timeline=tuple(model.Dated(d["phrase"], d["kind"], d["end"], d.get("start"), bool(d.get("year_inherited")))
                       for d in data.get("timeline") or ()))


def plan(file: YamlFile) -> model.Plan:
    """A Plan from a checked plan file."""
    data = file.data
    dates = data.get("dates") or {}
    period = data.get("period") or {}
    source = data["source"]
    return model.Plan(
        id=data["id"], title=data["title"], jurisdiction=data["jurisdiction"], source_file=source["file"],
        tasks=tuple(task(t) for t in data["tasks"]), issuer=data.get("issuer"), doc_number=data.get("doc_number"),
        written=_date(dates.get("written")), published=_date(dates.get("published")),
        effective=_date(dates.get("effective")), status=data.get("status"),
        period_start=period.get("start"), period_end=period.get("end"), target_year=data.get("target_year"),
        excluded=tuple(model.Excluded(e["lines"], e["reason"]) for e in source.get("excluded") or ()),
        derived=tuple(sorted((data.get("derived") or {}).items())), file=file.name,
        implements=tuple(model.Citation(c["document"], c["written"]) for c in data.get("implements") or ()))


def succession(data: dict | None) -> model.Succession | None:
    """A Succession from checked data (None when the department has no successor)."""
    return model.Succession(data["department"], data["year"], data["basis"]) if data else None


def registry(file: YamlFile) -> tuple[list[model.Department], list[model.Group]]:
    """Departments and groups from a checked registry file."""
    jurisdiction = file.data["jurisdiction"]
    departments = [model.Department(
        id=d["id"], name=d["name"], jurisdiction=jurisdiction, category=d["category"],
        aliases=_tuple(d.get("aliases")), full_name=d.get("full_name"), successor=succession(d.get("successor")))
        for d in file.data.get("departments") or ()]
    groups = [model.Group(id=g["id"], name=g["name"], jurisdiction=jurisdiction, aliases=_tuple(g.get("aliases")),
                          members=_members(g.get("members")))
              for g in file.data.get("groups") or ()]
    return departments, groups


@dataclass(frozen=True)
class Located:
    """A model with the file and key path it was read from."""

    item: Any
    file: YamlFile
    path: KeyPath = ()

    def node(self, item: Any = None, *keys) -> rules.Node:
        """This place (or a key below it) as a node a rule checks."""
        return rules.Node(self.item if item is None else item, self.file.name, self.file.where, self.path + keys)

    def where(self, *keys) -> Location:
        """The location of a key below this model."""
        return self.file.where(self.path + keys)


@dataclass
class Validated:
    """Every validated model of data/, located, in file order: the input of ``link``."""

    jurisdictions: list[Located]
    categories: list[Located]
    departments: list[Located]
    groups: list[Located]
    registries: list[Located]  # the registry files: item = the jurisdiction id they declare
    documents: list[Located]
    metrics: list[Located]
    plans: list[Located]  # path () : the whole file
    themes: list[Located] = field(default_factory=list)

    @property
    def bodies(self) -> list[Located]:
        """Departments then groups."""
        return self.departments + self.groups
