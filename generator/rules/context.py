"""The walk of the linked models: every located node, handed to the rules of its kind.

``link`` resolves and indexes without judging; this walk is where the linked handbook is judged.
Each rule gets the node and a ``Context``: the handbook (resolved references, first definitions
win) and the validated models with their locations (for "the other definition is at …").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from .. import model
from ..problems import KeyPath, Location, Problem
from . import Node, apply, apply_into, rules_for


class InTask(NamedTuple):
    """A node inside a task: the plan and task it belongs to, and the item itself (a named tuple: the
    walk makes several per task)."""

    plan: model.Plan
    task: model.Task
    item: Any = None
    role: str | None = None
    index: int = 0


class Place(NamedTuple):
    """A key path in a read file, located only when asked: most places are never reported."""

    file: Any  # read.YamlFile
    path: KeyPath

    def where(self) -> Location:
        """The location of this place."""
        return self.file.where(self.path)

    def same(self, node: Node, *keys) -> bool:
        """Whether this place is where ``node`` (or a key below it) stands."""
        return (self.file.name, self.path) == (node.name, node.path + keys) or self.where() == node.where(*keys)


@dataclass
class Context:
    """What rules may consult: the linked handbook and where each model was defined."""

    handbook: Any  # link.Handbook
    validated: Any  # validate.Validated

    @cached_property
    def first_definition(self) -> dict[tuple[str, str], Place]:
        """(kind, id) -> where the id is defined first; bodies share one kind (a department and a
        group may not share an id)."""
        v = self.validated
        out: dict[tuple[str, str], Place] = {}
        for kind, items in (("jurisdiction", v.jurisdictions), ("category", v.categories), ("body", v.bodies),
                            ("document", v.documents), ("metric", v.metrics), ("plan", v.plans),
                            ("theme", v.themes)):
            for located in items:
                out.setdefault((kind, located.item.id), Place(located.file, located.path))
        return out

    @cached_property
    def first_task(self) -> dict[tuple[str, str], Place]:
        """(plan id, task id) -> where that task id is used first in the plan."""
        out: dict[tuple[str, str], Place] = {}
        for located in self.validated.plans:
            for path, task in walk_tasks(located.item):
                out.setdefault((located.item.id, task.id), Place(located.file, path + ("id",)))
        return out

    @cached_property
    def registries_by_jurisdiction(self) -> dict[str, str]:
        """jurisdiction id -> the first registry file declaring it."""
        out: dict[str, str] = {}
        for located in self.validated.registries:
            out.setdefault(located.item, located.file.name)
        return out

    @cached_property
    def used_bodies(self) -> set[str]:
        """Ids of the bodies some task names, some plan has as issuer, or that succeeded such a body."""
        return ({d.body for d in self.handbook.duties} | set(self.handbook.issuers.values())
                | set(self.handbook.predecessors))


def walk_tasks(plan: model.Plan) -> list[tuple[KeyPath, model.Task]]:
    """(key path, task) for every node of a plan, in reading order (a list made by plain recursion:
    nested generators cost a step per level for every node)."""
    out: list[tuple[KeyPath, model.Task]] = []

    def walk(tasks, path: KeyPath) -> None:
        for i, task in enumerate(tasks):
            here = path + (i,)
            out.append((here, task))
            if task.children:
                walk(task.children, here + ("children",))
    walk(plan.tasks, ("tasks",))
    return out


def check_models(validated, handbook) -> list[Problem]:
    """Every problem the model rules (H2xx–H6xx) find in the linked data."""
    ctx = Context(handbook, validated)
    v = validated
    problems: list[Problem] = []
    for kind, items in (("jurisdiction", v.jurisdictions), ("category", v.categories), ("registry", v.registries),
                        ("body", v.bodies), ("document", v.documents), ("metric", v.metrics), ("plan", v.plans),
                        ("theme", v.themes)):
        enabled = rules_for(kind)
        for located in items:
            problems += apply(enabled, located.node(), ctx)
    enabled = {kind: rules_for(kind) for kind in ("task", "assignment", "name", "indicator", "citation")}
    for located in v.plans:
        if handbook.plans.get(located.item.id) is located.item:
            problems += _check_tasks(located, ctx, enabled)
    return problems


def _check_tasks(located, ctx: Context, enabled: dict[str, list]) -> list[Problem]:
    plan, name, where = located.item, located.file.name, located.file.where
    problems: list[Problem] = []

    def check(kind: str, item: InTask, path: KeyPath) -> None:
        apply_into(problems, enabled[kind], Node(item, name, where, path), ctx)

    for path, task in walk_tasks(plan):
        check("task", InTask(plan, task, task), path)
        if task.assignment:
            check("assignment", InTask(plan, task, task.assignment), path + ("assignment",))
            order = 0  # position in by_role() order, so a rule can look at the names before this one
            for role in model.ROLES:
                for i, written in enumerate(getattr(task.assignment, role)):
                    check("name", InTask(plan, task, written, role, order), path + ("assignment", role, i))
                    order += 1
        for i, indicator in enumerate(task.indicators):
            check("indicator", InTask(plan, task, indicator), path + ("indicators", i))
        for i, citation in enumerate(task.citations):
            check("citation", InTask(plan, task, citation), path + ("citations", i))
    return problems
