"""Data rules about dated items (stages and deadlines) in a task's text.

Each rule is one function that yields problems for one located task, so the rule
registry (issue 7) can list it under its code.
"""

from __future__ import annotations

from typing import Iterator

from . import model, normalise
from .problems import Problem
from .read import KeyPath, YamlFile, key_string


def check_timeline(plan: model.Plan, task: model.Task, file: YamlFile, path: KeyPath) -> Iterator[Problem]:
    """H550: a dated item quotes the task's words and states what they state.

    The phrase stands word for word in the task's text; its year is in the phrase
    unless ``year_inherited`` (then it is the year of the plan's 成文日期); a phase
    starts no later than it ends."""
    text = normalise.compact((task.heading or "") + (task.text or ""))
    for i, item in enumerate(task.timeline):
        where = path + ("timeline", i)
        year = item.end[:4]
        if normalise.compact(item.phrase) not in text:
            yield Problem(file.where(where + ("phrase",)), key_string(where + ("phrase",)),
                          "H550 the dated phrase is not found word for word in the task's text",
                          "copy the words exactly from the task's text", item.phrase)
        if item.year_inherited and plan.written and plan.written[:4] != year:
            yield Problem(file.where(where + ("end",)), key_string(where + ("end",)),
                          "H550 an inherited year must be the year of the plan's 成文日期",
                          f"write the date in {plan.written[:4]}, or drop year_inherited", item.end)
        elif not item.year_inherited and year not in normalise.ascii_width(item.phrase):
            yield Problem(file.where(where + ("end",)), key_string(where + ("end",)),
                          "H550 the year is not one the phrase states",
                          "use the phrase's year, or mark year_inherited: true when the text states none", item.end)
        if item.start and item.start > item.end[:len(item.start)]:
            yield Problem(file.where(where + ("start",)), key_string(where + ("start",)),
                          "H550 the phase starts after it ends", "write the earlier date as start", item.start)
