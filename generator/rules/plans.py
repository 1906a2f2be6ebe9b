"""H3xx: a plan file and the nodes of its task tree."""

from __future__ import annotations

import re

from .. import normalise
from ..deadlines import READINGS
from ..problems import WARNING, did_you_mean
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
    if not first.same(node, "id"):
        yield Finding(f"task id '{task.id}' is used twice in this plan",
                      f"give one of them a new id; the other is at {first.where()}", task.id, at=("id",))


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


@rule("H305", "unknown-theme", "task", "a task's themes are ids in themes.yaml",
      "use one of the theme ids of data/themes.yaml")
def unknown_theme(node: Node, ctx):
    themes = ctx.handbook.themes
    for i, theme_id in enumerate(node.item.task.themes):
        if theme_id not in themes:
            yield Finding("unknown theme", (did_you_mean(theme_id, themes) + " allowed: ").lstrip()
                          + (", ".join(themes) or "(none: add data/themes.yaml)"), theme_id, at=("themes", i))


@rule("H306", "theme-twice", "task", "a task names each theme once", "keep it once")
def theme_twice(node: Node, ctx):
    themes = node.item.task.themes
    for i, theme_id in enumerate(themes):
        if theme_id in themes[:i] and theme_id in ctx.handbook.themes:
            yield Finding("the theme is named twice for this task", "keep it once", theme_id, at=("themes", i))


def _dated(node: Node):
    """(index, dated item) of a task's timeline."""
    return enumerate(node.item.task.timeline)


@rule("H307", "dated-phrase-not-in-text", "task", "a dated item's phrase (a stage, a deadline in the text) stands "
      "word for word in the task's text", "copy the words exactly from the task's text")
def dated_phrase_not_in_text(node: Node, ctx):
    task = node.item.task
    if not task.timeline:
        return  # most tasks state no date: no need to compact their text
    text = normalise.compact((task.heading or "") + (task.text or ""))
    for i, item in _dated(node):
        if normalise.compact(item.phrase) not in text:
            yield Finding("the dated phrase is not found word for word in the task's text",
                          "copy the words exactly from the task's text", item.phrase, at=("timeline", i, "phrase"))


@rule("H308", "dated-year", "task", "a dated item's year is one its phrase states, or, marked year_inherited, the "
      "year of the plan's 成文日期", "use the phrase's year, or mark year_inherited: true when the text states none")
def dated_year(node: Node, ctx):
    plan = node.item.plan
    for i, item in _dated(node):
        year = item.end[:4]
        if item.year_inherited and plan.written and plan.written[:4] != year:
            yield Finding("an inherited year must be the year of the plan's 成文日期",
                          f"write the date in {plan.written[:4]}, or drop year_inherited", item.end,
                          at=("timeline", i, "end"))
        elif not item.year_inherited and year not in normalise.ascii_width(item.phrase):
            yield Finding("the year is not one the phrase states",
                          "use the phrase's year, or mark year_inherited: true when the text states none", item.end,
                          at=("timeline", i, "end"))


@rule("H309", "phase-reversed", "task", "a phase starts no later than it ends", "write the earlier date as start")
def phase_reversed(node: Node, ctx):
    for i, item in _dated(node):
        if item.start and item.start > item.end[:len(item.start)]:
            yield Finding("the phase starts after it ends", "write the earlier date as start", item.start,
                          at=("timeline", i, "start"))


@rule("H310", "implements-unknown-document", "plan", "a document the plan implements is in documents.yaml",
      "use the id suggested, or add the document to data/documents.yaml")
def implements_unknown_document(node: Node, ctx):
    documents = ctx.handbook.documents
    for i, implemented in enumerate(node.item.implements):
        if implemented.document not in documents:
            yield Finding("the implemented document is not in documents.yaml",
                          did_you_mean(implemented.document, documents) or "add it to data/documents.yaml",
                          implemented.document, at=("implements", i, "document"))


@rule("H311", "implements-not-in-text", "plan", "the words saying what a plan implements stand in the plan's text",
      "copy them exactly from the notice or preamble that says what the plan carries out")
def implements_not_in_text(node: Node, ctx):
    plan = node.item
    if not plan.implements:
        return
    text = normalise.compact("".join((t.heading or "") + (t.text or "") for _, t in plan.walk()))
    for i, implemented in enumerate(plan.implements):
        if normalise.compact(implemented.written) not in text:
            yield Finding("the words citing the implemented document are not in the plan's text",
                          "copy them exactly from the notice or preamble that says what the plan carries out",
                          implemented.written, at=("implements", i, "written"))
