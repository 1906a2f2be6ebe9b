"""The work list (责任清单): every task one department or group acts on, selected and grouped.

Pure and shared by the department and group pages and by their exports, so a page and its
spreadsheet always list the same tasks. Templates receive these views and only print them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model
from .link import Duty, Handbook


@dataclass(frozen=True)
class Colleague:
    """Another department or group named for the same task, in its role."""

    role: str
    body: model.Department | model.Group
    written: str


@dataclass(frozen=True)
class Item:
    """One task on a work list, with everything a reader needs to act on it."""

    plan: model.Plan
    task: model.Task
    role: str
    written: str  # the name as the assignment writes it
    place: str  # the chain of numbers from the plan's top: 附件1 一、 2、
    section: str | None  # the heading of the nearest ancestor that has one
    others: tuple[Colleague, ...]
    via: model.Group | None = None  # set when the task reaches the department through a group

    @property
    def others_by_role(self) -> tuple[tuple[str, tuple[Colleague, ...]], ...]:
        """The other bodies on the task, by role, roles without any left out."""
        return tuple((role, found) for role in model.ROLES
                     if (found := tuple(o for o in self.others if o.role == role)))


@dataclass(frozen=True)
class RoleGroup:
    """The items of one plan in one role."""

    role: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class PlanGroup:
    """The items of one plan, by role."""

    plan: model.Plan
    date: str | None  # 成文日期, else 发布日期: what "newest first" sorts by
    roles: tuple[RoleGroup, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of this plan, in role order."""
        return tuple(item for group in self.roles for item in group.items)


@dataclass(frozen=True)
class ViaGroup:
    """Tasks addressed to a group the department belongs to."""

    group: model.Group
    plans: tuple[PlanGroup, ...]


@dataclass(frozen=True)
class WorkList:
    """What a department or group acts on: its own tasks, then those reaching it through groups."""

    body: model.Department | model.Group
    plans: tuple[PlanGroup, ...]
    via: tuple[ViaGroup, ...]
    groups: tuple[model.Group, ...]  # the groups that cover this department
    members: tuple[model.Department, ...] | None  # a group's departments; None when not stated

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item, own tasks first, in page order."""
        return (tuple(i for p in self.plans for i in p.items)
                + tuple(i for v in self.via for p in v.plans for i in p.items))


def place(handbook: Handbook, plan_id: str, task: model.Task) -> str:
    """The numbers of the task's ancestors and its own, outermost first: 附件1 一、 2、."""
    chain = [*ancestors(handbook, plan_id, task.id), task]
    return " ".join(t.number for t in chain if t.number)


def ancestors(handbook: Handbook, plan_id: str, task_id: str) -> list[model.Task]:
    """The task's ancestors, outermost first."""
    return handbook.ancestors(plan_id, task_id)


def plan_date(plan: model.Plan) -> str | None:
    """The date a plan is known by: written, else published."""
    return plan.written or plan.published


def item(handbook: Handbook, duty: Duty, via: model.Group | None = None) -> Item:
    """One duty as a work-list item."""
    task = handbook.tasks[duty.plan, duty.task]
    headed = [t for t in ancestors(handbook, duty.plan, duty.task) if t.heading]
    others = tuple(Colleague(d.role, handbook.body(d.body), d.written)
                   for d in handbook.duties_by_task.get((duty.plan, duty.task), ()) if d.body != duty.body)
    return Item(plan=handbook.plans[duty.plan], task=task, role=duty.role, written=duty.written,
                place=place(handbook, duty.plan, task), section=headed[-1].heading if headed else None,
                others=others, via=via)


def by_plan(items: list[Item]) -> tuple[PlanGroup, ...]:
    """Items grouped by plan, newest plan first (undated plans last), then by role."""
    plans: dict[str, list[Item]] = {}
    for it in items:
        plans.setdefault(it.plan.id, []).append(it)
    groups = [PlanGroup(plan=found[0].plan, date=plan_date(found[0].plan),
                        roles=tuple(RoleGroup(role, tuple(i for i in found if i.role == role))
                                    for role in model.ROLES if any(i.role == role for i in found)))
              for found in plans.values()]
    undated = sorted((g for g in groups if not g.date), key=lambda g: g.plan.id)
    dated = sorted((g for g in groups if g.date), key=lambda g: (g.date, g.plan.id), reverse=True)
    return tuple(dated + undated)


def through(handbook: Handbook, department: model.Department, group: model.Group) -> list[Item]:
    """The tasks naming a group the department belongs to, less those naming the department itself
    (already on its list)."""
    own = {(d.plan, d.task) for d in handbook.duties_by_body.get(department.id, ())}
    return [item(handbook, d, via=group) for d in handbook.duties_by_body.get(group.id, ())
            if (d.plan, d.task) not in own]


def work_list(handbook: Handbook, body: model.Department | model.Group) -> WorkList:
    """The work list of one department or group."""
    own = [item(handbook, d) for d in handbook.duties_by_body.get(body.id, ())]
    groups = tuple(handbook.groups[g] for g in handbook.member_of.get(body.id, ()))
    via = tuple(ViaGroup(g, by_plan(found)) for g in groups if (found := through(handbook, body, g)))
    members = None
    if body.kind == "group" and body.id in handbook.members:
        members = tuple(sorted((handbook.departments[d] for d in handbook.members[body.id]), key=lambda d: d.name))
    return WorkList(body=body, plans=by_plan(own), via=via, groups=groups, members=members)
