"""The walk of the linked models: every located node, handed to the rules of its kind.

``link`` resolves and indexes without judging; this walk is where the linked handbook is judged.
Each rule gets the node and a ``Context``: the handbook (resolved references, first definitions
win) and the validated models with their locations (for "the other definition is at …").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import model
from ..problems import KeyPath, Location, Problem
from . import run


@dataclass(frozen=True)
class InTask:
    """A node inside a task: the plan and task it belongs to, and the item itself."""

    plan: model.Plan
    task: model.Task
    item: Any = None
    role: str | None = None
    index: int = 0


@dataclass
class Context:
    """What rules may consult: the linked handbook and where each model was defined."""

    handbook: Any  # link.Handbook
    validated: Any  # validate.Validated

    @cached_property
    def first_definition(self) -> dict[tuple[str, str], Location]:
        """(kind, id) -> where the id is defined first; bodies share one kind (a department and a
        group may not share an id)."""
        v = self.validated
        out: dict[tuple[str, str], Location] = {}
        for kind, items in (("jurisdiction", v.jurisdictions), ("category", v.categories), ("body", v.bodies),
                            ("document", v.documents), ("metric", v.metrics), ("plan", v.plans),
                            ("theme", v.themes)):
            for located in items:
                out.setdefault((kind, located.item.id), located.where())
        return out

    @cached_property
    def first_task(self) -> dict[tuple[str, str], Location]:
        """(plan id, task id) -> where that task id is used first in the plan."""
        out: dict[tuple[str, str], Location] = {}
        for located in self.validated.plans:
            for path, task in walk_tasks(located.item):
                out.setdefault((located.item.id, task.id), located.file.where(path + ("id",)))
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


def walk_tasks(plan: model.Plan):
    """Yield (key path, task) for every node of a plan, in reading order."""
    def walk(tasks, path: KeyPath):
        for i, task in enumerate(tasks):
            here = path + (i,)
            yield here, task
            yield from walk(task.children, here + ("children",))
    yield from walk(plan.tasks, ("tasks",))


def check_models(validated, handbook) -> list[Problem]:
    """Every problem the model rules (H2xx–H6xx) find in the linked data."""
    ctx = Context(handbook, validated)
    v = validated
    problems: list[Problem] = []
    for kind, items in (("jurisdiction", v.jurisdictions), ("category", v.categories), ("registry", v.registries),
                        ("body", v.bodies), ("document", v.documents), ("metric", v.metrics), ("plan", v.plans),
                        ("theme", v.themes)):
        for located in items:
            problems += run(kind, located.node(), ctx)
    for located in v.plans:
        if handbook.plans.get(located.item.id) is located.item:
            problems += _check_tasks(located, ctx)
    return problems


def _check_tasks(located, ctx: Context) -> list[Problem]:
    plan, file = located.item, located.file
    problems: list[Problem] = []

    def node(item: InTask, path: KeyPath):
        return located.__class__(item, file, path).node()

    for path, task in walk_tasks(plan):
        problems += run("task", node(InTask(plan, task, task), path), ctx)
        if task.assignment:
            problems += run("assignment", node(InTask(plan, task, task.assignment), path + ("assignment",)), ctx)
            order = 0  # position in by_role() order, so a rule can look at the names before this one
            for role in model.ROLES:
                for i, written in enumerate(getattr(task.assignment, role)):
                    problems += run("name", node(InTask(plan, task, written, role, order),
                                                 path + ("assignment", role, i)), ctx)
                    order += 1
        for i, indicator in enumerate(task.indicators):
            problems += run("indicator", node(InTask(plan, task, indicator), path + ("indicators", i)), ctx)
        for i, citation in enumerate(task.citations):
            problems += run("citation", node(InTask(plan, task, citation), path + ("citations", i)), ctx)
    return problems
