"""Validate stage: plain data checked against the schemas, then typed models.

Every problem of every file is collected; models are built only from files whose
shape is right, so later stages can rely on the types.
"""

from __future__ import annotations

import datetime
from typing import Any

from . import model, schema
from .problems import Problem, did_you_mean
from .read import KeyPath, YamlFile, key_string
from .schema import Field


def check(file: YamlFile, fields: dict[str, Field]) -> list[Problem]:
    """All the ways ``file.data`` departs from ``fields``."""
    if not isinstance(file.data, dict):
        return [_problem(file, (), "the file must hold a mapping of keys at its top level",
                         "start the file with the keys " + ", ".join(fields), type(file.data).__name__)]
    return _check_map(file, file.data, fields, ())


def _check_map(file: YamlFile, data: dict, fields: dict[str, Field], path: KeyPath) -> list[Problem]:
    problems = []
    for key in data:
        if key not in fields:
            hint = did_you_mean(key, fields) or "allowed keys: " + ", ".join(fields)
            problems.append(_problem(file, path + (key,), f"unknown key '{key}'", hint))
    for key, field in fields.items():
        value = data.get(key)
        if value is None or value == [] or value == "":
            if field.required:
                problems.append(_problem(file, path + (key,) if key in data else path,
                                         f"missing required key '{key}'", f"add '{key}:' ({field.doc})"))
            continue
        problems += _check_value(file, value, field, path + (key,))
    return problems


def _check_value(file: YamlFile, value: Any, field: Field, path: KeyPath) -> list[Problem]:
    if not schema.type_ok(value, field.kind):
        return [_problem(file, path, f"expected {schema.KIND_LABEL[field.kind]}", f"write {field.doc} as "
                         f"{schema.KIND_LABEL[field.kind]}", value)]
    if field.choices and value not in field.choices:
        return [_problem(file, path, "not an allowed value",
                         (did_you_mean(value, field.choices) + " allowed: ").lstrip() + ", ".join(field.choices), value)]
    if field.pattern and isinstance(value, str) and not field.pattern.match(value):
        if field.kind == "lines":
            return [_problem(file, path, "not a line number or range", "write e.g. 12 or 203-228", value)]
        return [_problem(file, path, "not a safe id (it becomes a file name and an anchor)",
                         "use lower-case ASCII letters, digits and single hyphens, e.g. 'sichuan-shengzhijianju'", value)]
    if field.kind == "map" and field.schema is not None:
        return _check_map(file, value, field.fields(), path)
    if field.kind == "map":
        return _check_free_map(file, value, path)
    if field.kind == "list" and field.items is not None:
        problems = []
        for index, item in enumerate(value):
            if item is None:
                problems.append(_problem(file, path + (index,), "empty list item", "remove the bare '-' line"))
            else:
                problems += _check_value(file, item, field.items, path + (index,))
        return problems
    return []


def _check_free_map(file: YamlFile, value: dict, path: KeyPath) -> list[Problem]:
    """``derived:``: plan field name -> how it was derived."""
    problems = []
    allowed = [k for k in schema.PLAN if k not in ("id", "tasks", "source", "derived")]
    allowed += ["dates.written", "dates.published", "dates.effective", "period.start", "period.end"]
    for key, how in value.items():
        if key not in allowed:
            problems.append(_problem(file, path + (key,), f"'{key}' is not a plan field that can be derived",
                                     (did_you_mean(key, allowed) + " allowed: ").lstrip() + ", ".join(allowed)))
        elif not isinstance(how, str) or not how.strip():
            problems.append(_problem(file, path + (key,), "say how the value was derived",
                                     f"write '{key}: <how it was derived from the text>'", how))
    return problems


def _problem(file: YamlFile, path: KeyPath, message: str, fix: str, value: Any = None, severity: str = "error") -> Problem:
    return Problem(file.where(path), key_string(path), message, fix, value, severity)


# ---- building models from checked data -------------------------------------------------

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
        year=data.get("year"), year_inherited=bool(data.get("year_inherited")))


def task(data: dict) -> model.Task:
    """A Task (and its subtree) from checked data."""
    assignment = data.get("assignment")
    return model.Task(
        id=data["id"], number=data.get("number"), heading=data.get("heading"), text=data.get("text"),
        assignment=model.Assignment(
            source=assignment.get("source"),
            **{role: _tuple(assignment.get(role)) for role in model.ROLES}) if assignment else None,
        indicators=tuple(indicator(i) for i in data.get("indicators") or ()),
        citations=tuple(model.Citation(c["document"], c["written"]) for c in data.get("citations") or ()),
        children=tuple(task(c) for c in data.get("children") or ()))


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
        derived=tuple(sorted((data.get("derived") or {}).items())), file=file.name)


def registry(file: YamlFile) -> tuple[list[model.Department], list[model.Group]]:
    """Departments and groups from a checked registry file."""
    jurisdiction = file.data["jurisdiction"]
    departments = [model.Department(
        id=d["id"], name=d["name"], jurisdiction=jurisdiction, category=d["category"],
        aliases=_tuple(d.get("aliases")), full_name=d.get("full_name")) for d in file.data.get("departments") or ()]
    groups = [model.Group(id=g["id"], name=g["name"], jurisdiction=jurisdiction, aliases=_tuple(g.get("aliases")),
                          members=_members(g.get("members")))
              for g in file.data.get("groups") or ()]
    return departments, groups
