"""Link stage: resolve every reference once and build the read-only index.

The index (``Handbook``) is what the render stage reads: everything keyed by id,
in stable orders, with the reverse lookups (department -> tasks, document ->
citing tasks, metric -> indicators) built here and nowhere else. Judging the data
is the rules' work (generator/rules), not this stage's.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import model
from .validate import Located, Validated
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
    names: Mapping[str, Mapping[str, str]]  # jurisdiction -> name or alias -> body id
    targets_by_plan: Mapping[str, tuple[Target, ...]]
    document_of_plan: Mapping[str, str]  # plan id -> the cited document that is this plan
    themes: Mapping[str, model.Theme]
    predecessors: Mapping[str, tuple[str, ...]]  # department id -> the ids whose work it took over
    members: Mapping[str, tuple[str, ...]]  # group id -> the departments it covers, where stated
    member_of: Mapping[str, tuple[str, ...]]  # department id -> the groups that cover it

    def body(self, body_id: str) -> model.Department | model.Group:
        """The department or group with this id."""
        return self.departments.get(body_id) or self.groups[body_id]

    def ancestors(self, plan_id: str, task_id: str) -> list[model.Task]:
        """The task's ancestors in its plan, outermost first."""
        chain = []
        parent = self.parents.get((plan_id, task_id))
        while parent:
            chain.append(self.tasks[plan_id, parent])
            parent = self.parents.get((plan_id, parent))
        return chain[::-1]

    def body_or_none(self, body_id: str) -> model.Department | model.Group | None:
        """The department or group with this id, or None."""
        return self.departments.get(body_id) or self.groups.get(body_id)

    def assigned(self, plan_id: str) -> list[model.Task]:
        """The tasks proper of a plan: nodes that carry an assignment."""
        return [t for _, t in self.plans[plan_id].walk() if t.assignment]



def link(validated: Validated) -> Handbook:
    """Resolve references and build the index. Nothing is judged here: where a reference does not
    resolve it is left out, and the rules (generator/rules) say so; a second definition of an id is
    left out too (the first wins)."""
    v = validated
    bodies = _first(v.bodies)
    plans = _first(v.plans)
    documents = _first(v.documents)
    names = _names(v.bodies)
    tasks, parents, duties, citations, targets = {}, {}, [], defaultdict(list), []
    for plan in plans.values():
        for parent, task in _walk(plan):
            if (plan.id, task.id) in tasks:
                continue
            tasks[plan.id, task.id], parents[plan.id, task.id] = task, parent
            duties += _duties(plan, task, names.get(plan.jurisdiction, {}))
            for citation in task.citations:
                if citation.document in documents:
                    citations[citation.document].append(CitedBy(plan.id, task.id, citation.written))
            targets += [Target(plan.id, task.id, indicator) for indicator in task.indicators]
    issuers = {p.id: names[p.jurisdiction][p.issuer] for p in plans.values()
               if p.issuer in names.get(p.jurisdiction, {})}
    plan_by_number = {}
    for p in plans.values():
        if p.doc_number:
            plan_by_number.setdefault(p.doc_number, p.id)
    plan_of_document = {d.id: plan_by_number[d.doc_number] for d in documents.values()
                        if d.doc_number in plan_by_number}
    members = _members(v.groups, bodies, names)
    member_of = defaultdict(list)
    for group_id, department_ids in members.items():
        for department_id in department_ids:
            member_of[department_id].append(group_id)
    by_body, by_task = defaultdict(list), defaultdict(list)
    for duty in duties:
        by_body[duty.body].append(duty)
        by_task[duty.plan, duty.task].append(duty)
    frozen = MappingProxyType
    return Handbook(
        jurisdictions=frozen(_first(v.jurisdictions, keep_order=True)),
        categories=frozen(_first(v.categories, keep_order=True)),
        departments=frozen({k: b for k, b in bodies.items() if b.kind == "department"}),
        groups=frozen({k: b for k, b in bodies.items() if b.kind == "group"}),
        plans=frozen(plans), documents=frozen(documents), metrics=frozen(_first(v.metrics)),
        tasks=frozen(tasks), parents=frozen(parents), duties=tuple(duties),
        duties_by_body=frozen({k: tuple(d) for k, d in sorted(by_body.items())}),
        duties_by_task=frozen({k: tuple(d) for k, d in by_task.items()}),
        citations=frozen({k: tuple(c) for k, c in sorted(citations.items())}), targets=tuple(targets),
        plan_of_document=frozen(dict(sorted(plan_of_document.items()))), issuers=frozen(issuers),
        names=frozen({j: frozen(n) for j, n in sorted(names.items())}),
        targets_by_plan=frozen(_group(targets, lambda t: t.plan)),
        document_of_plan=frozen({p: d for d, p in sorted(plan_of_document.items(), reverse=True)}),
        themes=frozen(_first(v.themes, keep_order=True)),
        predecessors=frozen(_group(sorted(b.id for b in bodies.values() if getattr(b, "successor", None)),
                                   lambda i: bodies[i].successor.department)),
        members=frozen(dict(sorted(members.items()))),
        member_of=frozen({k: tuple(g) for k, g in sorted(member_of.items())}))


def _group(items, key) -> dict:
    """key -> tuple of the items with that key, in their order."""
    out: dict = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return {k: tuple(v) for k, v in out.items()}


def _first(located: list[Located], keep_order: bool = False) -> dict:
    """id -> model, the first definition of each id; sorted by id unless ``keep_order``."""
    found: dict = {}
    for entry in located:
        found.setdefault(entry.item.id, entry.item)
    return found if keep_order else dict(sorted(found.items()))


def _names(bodies: list[Located]) -> dict[str, dict[str, str]]:
    """jurisdiction -> name or alias -> body id; the first body to use a name keeps it."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in bodies:
        for name in entry.item.names:
            names[entry.item.jurisdiction].setdefault(name, entry.item.id)
    return names


def _walk(plan: model.Plan):
    """Yield (parent id, task) for every node, in reading order."""
    def walk(tasks, parent):
        for task in tasks:
            yield parent, task
            yield from walk(task.children, task.id)
    yield from walk(plan.tasks, None)


def _members(groups: list[Located], bodies: dict, names: dict[str, dict[str, str]]) -> dict[str, tuple[str, ...]]:
    """group id -> department ids, for groups that state their members: every department of the
    jurisdiction, or the departments named (a name that is no department is rule H213's to report)."""
    members = {}
    for entry in groups:
        group = entry.item
        if group.members is None or bodies.get(group.id) is not group:
            continue
        if group.members == ALL_DEPARTMENTS:
            members[group.id] = tuple(sorted(b.id for b in bodies.values()
                                             if b.kind == "department" and b.jurisdiction == group.jurisdiction))
            continue
        local = names.get(group.jurisdiction, {})
        found = [local[n] for n in group.members if n in local and bodies[local[n]].kind == "department"]
        members[group.id] = tuple(dict.fromkeys(found))
    return members


def _duties(plan: model.Plan, task: model.Task, names: dict[str, str]) -> list[Duty]:
    """The resolved (body, role) pairs of a task; a body named twice counts once, in its first role."""
    if not task.assignment:
        return []
    duties, seen = [], set()
    for role, written in task.assignment.by_role():
        body = names.get(written)
        if body is not None and body not in seen:
            seen.add(body)
            duties.append(Duty(plan.id, task.id, role, body, written))
    return duties


def per_handbook(function):
    """Compute ``function(handbook)`` once per handbook (each page of a kind asks for the same index)."""
    cache: dict[int, tuple[weakref.ref, object]] = {}

    def cached(handbook: Handbook):
        hit = cache.get(id(handbook))
        if hit is None or hit[0]() is not handbook:
            cache[id(handbook)] = hit = (weakref.ref(handbook, lambda _, key=id(handbook): cache.pop(key, None)),
                                         function(handbook))
        return hit[1]
    cached.__doc__ = function.__doc__
    return cached
