"""Link stage: resolve every reference once and build the read-only index.

The index (``Handbook``) is what the render stage reads: everything keyed by id,
in stable orders, with the reverse lookups (department -> tasks, document ->
citing tasks, metric -> indicators) built here and nowhere else.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import model, normalise
from .problems import Problem, WARNING, did_you_mean
from .read import KeyPath, YamlFile, key_string
from .schema import ALL_DEPARTMENTS


@dataclass(frozen=True)
class Duty:
    """One department or group named for one task in one role."""

    plan: str
    task: str
    role: str
    body: str
    written: str


@dataclass(frozen=True)
class CitedBy:
    """One place a document is cited."""

    plan: str
    task: str
    written: str


@dataclass(frozen=True)
class Target:
    """One indicator, with the plan and task that set it."""

    plan: str
    task: str
    indicator: model.Indicator


@dataclass(frozen=True)
class Handbook:
    """Everything the site shows, linked, keyed by id, read-only."""

    jurisdictions: Mapping[str, model.Jurisdiction]
    categories: Mapping[str, model.Category]
    departments: Mapping[str, model.Department]
    groups: Mapping[str, model.Group]
    plans: Mapping[str, model.Plan]
    documents: Mapping[str, model.Document]
    metrics: Mapping[str, model.Metric]
    tasks: Mapping[tuple[str, str], model.Task]
    parents: Mapping[tuple[str, str], str | None]
    duties: tuple[Duty, ...]
    duties_by_body: Mapping[str, tuple[Duty, ...]]
    duties_by_task: Mapping[tuple[str, str], tuple[Duty, ...]]
    citations: Mapping[str, tuple[CitedBy, ...]]
    targets: tuple[Target, ...]
    plan_of_document: Mapping[str, str]
    issuers: Mapping[str, str]
    members: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """group id -> the ids of the departments it covers, for groups whose membership is stated."""
    member_of: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """department id -> the ids of the groups that cover it."""

    def body(self, body_id: str) -> model.Department | model.Group:
        """The department or group with this id."""
        return self.departments.get(body_id) or self.groups[body_id]

    def assigned(self, plan_id: str) -> list[model.Task]:
        """The tasks proper of a plan: nodes that carry an assignment."""
        return [t for _, t in self.plans[plan_id].walk() if t.assignment]

    def document_for_plan(self, plan_id: str) -> str | None:
        """The cited-document id that is this plan, if any."""
        return next((d for d, p in self.plan_of_document.items() if p == plan_id), None)


@dataclass
class Sources:
    """The validated models with the files they came from (for locating problems)."""

    jurisdictions: list[tuple[model.Jurisdiction, YamlFile, KeyPath]]
    categories: list[tuple[model.Category, YamlFile, KeyPath]]
    departments: list[tuple[model.Department, YamlFile, KeyPath]]
    groups: list[tuple[model.Group, YamlFile, KeyPath]]
    registries: list[tuple[str, YamlFile]]
    documents: list[tuple[model.Document, YamlFile, KeyPath]]
    metrics: list[tuple[model.Metric, YamlFile, KeyPath]]
    plans: list[tuple[model.Plan, YamlFile]]


def link(src: Sources) -> tuple[Handbook, list[Problem]]:
    """Resolve references and build the index; problems for everything unresolved."""
    problems: list[Problem] = []
    jurisdictions = _unique(src.jurisdictions, "jurisdiction", problems, keep_order=True)
    categories = _unique(src.categories, "category", problems, keep_order=True)
    bodies = _unique(src.departments + src.groups, "department or group", problems)
    documents = _unique(src.documents, "document", problems)
    metrics = _unique(src.metrics, "metric", problems)
    plans = _unique([(p, f, ("id",)) for p, f in src.plans], "plan", problems)

    problems += _check_registries(src, jurisdictions, categories)
    names = _names_by_jurisdiction(src, problems)
    problems += _check_documents(src)

    tasks, parents, duties, citations, targets = {}, {}, [], defaultdict(list), []
    for plan, file in sorted(src.plans, key=lambda pf: pf[0].id):
        if plans.get(plan.id) is not plan:
            continue
        problems += _check_plan(plan, file, jurisdictions)
        for path, parent, task in _walk_located(plan, file):
            if (plan.id, task.id) in tasks:
                problems.append(Problem(file.where(path + ("id",)), key_string(path + ("id",)),
                                        f"task id '{task.id}' is used twice in this plan",
                                        f"give one of them a new id; the other is at {file.where(tasks[plan.id, task.id][1] + ('id',))}",
                                        task.id))
                continue
            tasks[plan.id, task.id] = (task, path)
            problems += _check_markup(task, file, path)
            parents[plan.id, task.id] = parent
            duties += _resolve_assignment(plan, task, file, path, names.get(plan.jurisdiction, {}), problems)
            for i, citation in enumerate(task.citations):
                cpath = path + ("citations", i)
                if citation.document not in documents:
                    problems.append(Problem(file.where(cpath + ("document",)), key_string(cpath + ("document",)),
                                            "cited document not in documents.yaml",
                                            did_you_mean(citation.document, documents) or "add it to data/documents.yaml",
                                            citation.document))
                else:
                    citations[citation.document].append(CitedBy(plan.id, task.id, citation.written))
                problems += _check_in_text(task, citation.written, file, cpath + ("written",), "citation")
            for i, indicator in enumerate(task.indicators):
                ipath = path + ("indicators", i)
                problems += _check_indicator(plan, task, indicator, file, ipath, metrics)
                targets.append(Target(plan.id, task.id, indicator))

    issuers = {p.id: names[p.jurisdiction][p.issuer] for p in plans.values()
               if p.issuer and p.issuer in names.get(p.jurisdiction, {})}
    used = {d.body for d in duties} | set(issuers.values())
    for body, file, path in src.departments + src.groups:
        if body.id not in used and bodies.get(body.id) is body:
            problems.append(Problem(file.where(path + ("id",)), key_string(path + ("id",)),
                                    f"no task names the {body.kind} '{body.name}' and no plan has it as issuer",
                                    "remove it, or add it to a task's assignment", body.id, WARNING))

    members = _resolve_members(src, bodies, names, problems)
    member_of = defaultdict(list)
    for group_id, department_ids in members.items():
        for department_id in department_ids:
            member_of[department_id].append(group_id)

    plan_of_document = {d.id: p.id for d in documents.values() for p in plans.values()
                        if d.doc_number and p.doc_number and d.doc_number == p.doc_number}
    by_body, by_task = defaultdict(list), defaultdict(list)
    for duty in duties:
        by_body[duty.body].append(duty)
        by_task[duty.plan, duty.task].append(duty)

    frozen = MappingProxyType
    handbook = Handbook(
        jurisdictions=frozen(jurisdictions), categories=frozen(categories),
        departments=frozen({k: v for k, v in sorted(bodies.items()) if isinstance(v, model.Department)}),
        groups=frozen({k: v for k, v in sorted(bodies.items()) if isinstance(v, model.Group)}),
        plans=frozen(dict(sorted(plans.items()))), documents=frozen(dict(sorted(documents.items()))),
        metrics=frozen(dict(sorted(metrics.items()))),
        tasks=frozen({k: v[0] for k, v in tasks.items()}), parents=frozen(parents),
        duties=tuple(duties), duties_by_body=frozen({k: tuple(v) for k, v in sorted(by_body.items())}),
        duties_by_task=frozen({k: tuple(v) for k, v in by_task.items()}),
        citations=frozen({k: tuple(v) for k, v in sorted(citations.items())}), targets=tuple(targets),
        plan_of_document=frozen(dict(sorted(plan_of_document.items()))), issuers=frozen(issuers),
        members=frozen(dict(sorted(members.items()))), member_of=frozen({k: tuple(v) for k, v in sorted(member_of.items())}))
    return handbook, problems


def _unique(items, what: str, problems: list[Problem], keep_order: bool = False) -> dict:
    """Index items by id; a second definition of an id is a problem naming the first."""
    found: dict = {}
    where: dict = {}
    for item, file, path in items:
        if item.id in found:
            problems.append(Problem(file.where(path + ("id",) if path[-1:] != ("id",) else path),
                                    key_string(path), f"{what} id '{item.id}' is defined twice",
                                    f"rename one; the other definition is at {where[item.id]}", item.id))
            continue
        found[item.id] = item
        where[item.id] = file.where(path)
    return found if keep_order else dict(sorted(found.items()))


def _check_registries(src: Sources, jurisdictions: dict, categories: dict) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for jurisdiction, file in src.registries:
        loc = file.where(("jurisdiction",))
        if jurisdiction not in jurisdictions:
            problems.append(Problem(loc, "jurisdiction", "unknown jurisdiction",
                                    did_you_mean(jurisdiction, jurisdictions) or "add it to jurisdictions.yaml", jurisdiction))
        if jurisdiction in seen:
            problems.append(Problem(loc, "jurisdiction", "a second registry for this jurisdiction",
                                    f"merge it into {seen[jurisdiction]}", jurisdiction))
        seen.setdefault(jurisdiction, file.name)
        expected = f"{jurisdiction}.yaml"
        if not file.name.endswith("/" + expected):
            problems.append(Problem(loc, "jurisdiction", "the file name must be the jurisdiction id",
                                    f"rename the file to {expected}", jurisdiction))
    for department, file, path in src.departments:
        if department.category not in categories:
            problems.append(Problem(file.where(path + ("category",)), key_string(path + ("category",)),
                                    "unknown category", (did_you_mean(department.category, categories)
                                                         + " allowed: ").lstrip() + ", ".join(categories),
                                    department.category))
    return problems


def _names_by_jurisdiction(src: Sources, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """name or alias -> body id, per jurisdiction; a name used twice is a problem."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for body, file, path in src.departments + src.groups:
        for name in body.names:
            other = names[body.jurisdiction].get(name)
            if other and other != body.id:
                problems.append(Problem(file.where(path), key_string(path),
                                        f"the name '{name}' is already used by '{other}' in {body.jurisdiction}",
                                        "a name or alias must point to one body: remove it from one of them", name))
            names[body.jurisdiction].setdefault(name, body.id)
    return names


def _resolve_members(src: Sources, bodies: dict, names: dict[str, dict[str, str]],
                     problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """group id -> department ids, for groups that state their members: every department of the
    jurisdiction, or the departments named (each must be a department of the same registry)."""
    members = {}
    for group, file, path in src.groups:
        if group.members is None or bodies.get(group.id) is not group:
            continue
        if group.members == ALL_DEPARTMENTS:
            members[group.id] = tuple(sorted(d.id for d, _, _ in src.departments if d.jurisdiction == group.jurisdiction))
            continue
        found = []
        for i, name in enumerate(group.members):
            mpath = path + ("members", i)
            body_id = names.get(group.jurisdiction, {}).get(name)
            if body_id is None or not isinstance(bodies.get(body_id), model.Department):
                department_names = {n: b for n, b in names.get(group.jurisdiction, {}).items()
                                    if isinstance(bodies.get(b), model.Department)}
                problems.append(Problem(file.where(mpath), key_string(mpath),
                                        f"no department of {group.jurisdiction} is called '{name}'",
                                        did_you_mean(name, department_names)
                                        or f"a member must be a department's name or alias in this registry, or write "
                                           f"members: {ALL_DEPARTMENTS}", name))
            elif body_id not in found:
                found.append(body_id)
        members[group.id] = tuple(found)
    return members


def _check_documents(src: Sources) -> list[Problem]:
    problems = []
    for document, file, path in src.documents:
        if document.doc_number and normalise.doc_number(document.doc_number) != document.doc_number:
            problems.append(Problem(file.where(path + ("doc_number",)), key_string(path + ("doc_number",)),
                                    "document number is not in normal form",
                                    f"write it as '{normalise.doc_number(document.doc_number)}'", document.doc_number))
        if not document.doc_number and not document.title:
            problems.append(Problem(file.where(path), key_string(path), "a document needs a doc_number or a title",
                                    "add doc_number: or title:"))
    return problems


def _check_plan(plan: model.Plan, file: YamlFile, jurisdictions: dict) -> list[Problem]:
    problems = []
    stem = file.name.rsplit("/", 1)[-1].removesuffix(".yaml")
    if plan.id != stem:
        problems.append(Problem(file.where(("id",)), "id", "the plan id must equal the file name",
                                f"rename the file to {plan.id}.yaml or set id: {stem}", plan.id))
    if plan.id == "index":
        problems.append(Problem(file.where(("id",)), "id", "'index' is reserved for the list page", "choose another id"))
    if plan.jurisdiction not in jurisdictions:
        problems.append(Problem(file.where(("jurisdiction",)), "jurisdiction", "unknown jurisdiction",
                                did_you_mean(plan.jurisdiction, jurisdictions) or "add it to jurisdictions.yaml",
                                plan.jurisdiction))
    if plan.doc_number and normalise.doc_number(plan.doc_number) != plan.doc_number:
        problems.append(Problem(file.where(("doc_number",)), "doc_number", "document number is not in normal form",
                                f"write it as '{normalise.doc_number(plan.doc_number)}'", plan.doc_number))
    return problems


def _walk_located(plan: model.Plan, file: YamlFile):
    """Yield (key path, parent id, task) for every node, in reading order."""
    def walk(tasks, path, parent):
        for i, task in enumerate(tasks):
            here = path + (i,)
            yield here, parent, task
            yield from walk(task.children, here + ("children",), task.id)
    yield from walk(plan.tasks, ("tasks",), None)


def _resolve_assignment(plan, task, file, path, names: dict[str, str], problems: list[Problem]) -> list[Duty]:
    if not task.assignment:
        return []
    duties, seen, unresolved = [], set(), 0
    for role in model.ROLES:
        for i, written in enumerate(getattr(task.assignment, role)):
            apath = path + ("assignment", role, i)
            body = names.get(written)
            if body is None:
                hint = did_you_mean(written, names)
                problems.append(Problem(file.where(apath), key_string(apath),
                                        f"no department or group of {plan.jurisdiction} is called '{written}'",
                                        hint or f"add it to data/departments/{plan.jurisdiction}.yaml (as a name or alias)",
                                        written))
                unresolved += 1
                continue
            if body in seen:
                problems.append(Problem(file.where(apath), key_string(apath),
                                        f"'{written}' is named twice for this task", "keep it once, in its role",
                                        written))
                continue
            seen.add(body)
            duties.append(Duty(plan.id, task.id, role, body, written))
            if task.assignment.source and not named_in_clause(written, task.assignment.source):
                problems.append(Problem(file.where(apath), key_string(apath),
                                        f"'{written}' is not named in the assignment clause",
                                        "write the name as assignment.source writes it, or correct the clause "
                                        "to the source's words", written))
    if not duties and not unresolved:
        problems.append(Problem(file.where(path + ("assignment",)), key_string(path + ("assignment",)),
                                "an assignment names no department", "list at least one under lead, responsible or cooperating"))
    return duties


_MARKUP = re.compile(r"<\s*[a-zA-Z/!]|javascript\s*:|\]\s*\(", re.IGNORECASE)


def _check_markup(task: model.Task, file: YamlFile, path: KeyPath) -> list[Problem]:
    """Text that looks like HTML, a script link or a Markdown link: shown as text, never run."""
    problems = []
    for key in ("heading", "text"):
        value = getattr(task, key) or ""
        found = _MARKUP.search(value)
        if found:
            problems.append(Problem(file.where(path + (key,)), key_string(path + (key,)),
                                    "the text contains HTML, a javascript: link or Markdown link syntax; the site "
                                    "shows it as plain text and never runs it",
                                    "check it against the source; remove it if it came from a web page's markup",
                                    value[max(0, found.start() - 10):found.end() + 20], WARNING))
    return problems


def named_in_clause(name: str, clause: str) -> bool:
    """Whether the clause names ``name``, also inside a compound that shares a prefix:
    各市州党委、政府 names 各市州党委 and 各市州政府."""
    if name in clause:
        return True
    return any(name[:cut] in clause and f"、{name[cut:]}" in clause for cut in range(1, len(name) - 1))


def _check_in_text(task: model.Task, words: str, file: YamlFile, path: KeyPath, what: str) -> list[Problem]:
    haystack = normalise.compact((task.heading or "") + (task.text or ""))
    if normalise.compact(words) in haystack:
        return []
    return [Problem(file.where(path), key_string(path), f"the {what} is not found word for word in the task's text",
                    "copy the words exactly from the task's text", words)]


def _check_indicator(plan, task, indicator: model.Indicator, file, path, metrics) -> list[Problem]:
    problems = _check_in_text(task, indicator.phrase, file, path + ("phrase",), "indicator phrase")
    stated = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", indicator.phrase)]
    for key in ("value", "value_max"):
        value = getattr(indicator, key)
        if value is not None and not any(abs(value - n) < 1e-9 for n in stated):
            problems.append(Problem(file.where(path + (key,)), key_string(path + (key,)),
                                    "the value is not a number the phrase states",
                                    "use one of the phrase's numbers: " + (", ".join(f"{n:g}" for n in stated) or
                                                                            "(none: quote the words that state it)"),
                                    value))
    if indicator.metric and indicator.metric not in metrics:
        problems.append(Problem(file.where(path + ("metric",)), key_string(path + ("metric",)), "unknown metric",
                                did_you_mean(indicator.metric, metrics) or "add it to data/metrics.yaml", indicator.metric))
    if indicator.year_inherited and indicator.year != plan.target_year:
        problems.append(Problem(file.where(path + ("year",)), key_string(path + ("year",)),
                                "an inherited year must be the plan's target_year",
                                f"set year: {plan.target_year}, or drop year_inherited if the sentence states the year",
                                indicator.year))
    if indicator.value_max is not None and indicator.value_max < indicator.value:
        problems.append(Problem(file.where(path + ("value_max",)), key_string(path + ("value_max",)),
                                "value_max is below value", "write the range as value (low) and value_max (high)",
                                indicator.value_max))
    return problems
