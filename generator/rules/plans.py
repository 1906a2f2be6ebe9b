"""H3xx: a plan file and the nodes of its task tree."""

from __future__ import annotations

import re

from ..deadlines import READINGS
from ..problems import WARNING
from . import Finding, Node, rule


@rule("H301", "plan-file-name", "plan", "a plan's id equals its file name", "rename the file, or change the id")
def plan_file_name(node: Node, ctx):
    plan = node.item
    stem = node.name.rsplit("/", 1)[-1].removesuffix(".yaml")
    if plan.id != stem:
        yield Finding("the plan id must equal the file name", f"rename the file to {plan.id}.yaml or set id: {stem}",
                      plan.id, at=("id",))


@rule("H302", "duplicate-task-id", "task", "a task id is used once in its plan (it is the task's anchor)",
      "give one of the two a new id")
def duplicate_task_id(node: Node, ctx):
    plan, task = node.item.plan, node.item.task
    first = ctx.first_task[(plan.id, task.id)]
    if first != node.where("id"):
        yield Finding(f"task id '{task.id}' is used twice in this plan",
                      f"give one of them a new id; the other is at {first}", task.id, at=("id",))


@rule("H304", "deadline-readings", "task", "a deadline has at most one reading (by, yearly or ongoing)",
      "keep the one the written words state and remove the others")
def deadline_readings(node: Node, ctx):
    deadline = node.item.task.deadline
    readings = [key for key in READINGS if deadline is not None and getattr(deadline, key)]
    if len(readings) > 1:
        yield Finding(f"a deadline has one reading, not {' and '.join(readings)}",
                      "keep the one the written words state (by, yearly or ongoing) and remove the others",
                      at=("deadline",))


_MARKUP = re.compile(r"<\s*[a-zA-Z/!]|javascript\s*:|\]\s*\(", re.IGNORECASE)


@rule("H303", "markup-in-text", "task", "task text holds no HTML, javascript: link or Markdown link (the site shows "
      "it as plain text and never runs it)", "check it against the source; remove web-page markup",
      severity=WARNING)
def markup_in_text(node: Node, ctx):
    task = node.item.task
    for key in ("heading", "text"):
        value = getattr(task, key) or ""
        found = _MARKUP.search(value)
        if found:
            yield Finding("the text contains HTML, a javascript: link or Markdown link syntax; the site shows it as "
                          "plain text and never runs it",
                          "check it against the source; remove it if it came from a web page's markup",
                          value[max(0, found.start() - 10):found.end() + 20], at=(key,))
