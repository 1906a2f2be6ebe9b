"""H4xx: the departments and groups named for a task, by role."""

from __future__ import annotations

from ..problems import did_you_mean
from . import Finding, Node, rule


def named_in_clause(name: str, clause: str) -> bool:
    """Whether the clause names ``name``, also inside a compound that shares a prefix:
    各市州党委、政府 names 各市州党委 and 各市州政府."""
    if name in clause:
        return True
    return any(name[:cut] in clause and f"、{name[cut:]}" in clause for cut in range(1, len(name) - 1))


def _names(ctx, plan) -> dict[str, str]:
    return ctx.handbook.names.get(plan.jurisdiction, {})


@rule("H401", "unknown-body", "name", "a name in an assignment is a name or alias of a department or group of the "
      "plan's jurisdiction", "correct the name, or add it to data/departments/<jurisdiction>.yaml")
def unknown_body(node: Node, ctx):
    plan, written = node.item.plan, node.item.item
    names = _names(ctx, plan)
    if written not in names:
        yield Finding(f"no department or group of {plan.jurisdiction} is called '{written}'",
                      did_you_mean(written, names)
                      or f"add it to data/departments/{plan.jurisdiction}.yaml (as a name or alias)", written)


@rule("H402", "named-twice", "name", "a body is named once per task (in one role)", "keep it once, in its role")
def named_twice(node: Node, ctx):
    here = node.item
    if not here.index:
        return  # the first name of a task has none before it
    names = _names(ctx, here.plan)
    body = names.get(here.item)
    earlier = [written for _, written in here.task.assignment.by_role()[:here.index]]
    if body is not None and any(names.get(w) == body for w in earlier):
        yield Finding(f"'{here.item}' is named twice for this task", "keep it once, in its role", here.item)


@rule("H403", "not-in-clause", "name", "a name stands in the assignment clause as written",
      "write the name as assignment.source writes it, or correct the clause to the source's words")
def not_in_clause(node: Node, ctx):
    here = node.item
    clause = here.task.assignment.source
    known = here.item in _names(ctx, here.plan)  # an unknown name is H401's to report
    if clause and known and not named_in_clause(here.item, clause):
        yield Finding(f"'{here.item}' is not named in the assignment clause",
                      "write the name as assignment.source writes it, or correct the clause to the source's words",
                      here.item)


@rule("H404", "empty-assignment", "assignment", "an assignment names at least one department or group",
      "list at least one under lead, responsible or cooperating, or remove assignment:")
def empty_assignment(node: Node, ctx):
    if not node.item.item.by_role():
        yield Finding("an assignment names no department",
                      "list at least one under lead, responsible or cooperating")
