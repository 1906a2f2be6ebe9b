"""Data rules about themes, the editorial classification of tasks.

Each rule is one function that yields problems for one located task, so the rule
registry (issue 7) can list it under its code.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from . import model
from .problems import Problem, did_you_mean
from .read import KeyPath, YamlFile, key_string


def check_task_themes(task: model.Task, file: YamlFile, path: KeyPath,
                      themes: Mapping[str, model.Theme]) -> Iterator[Problem]:
    """H540: a task's themes are ids in themes.yaml, each named once."""
    seen = set()
    for i, theme_id in enumerate(task.themes):
        where = path + ("themes", i)
        if theme_id not in themes:
            yield Problem(file.where(where), key_string(where), "H540 unknown theme",
                          (did_you_mean(theme_id, themes) + " allowed: ").lstrip() + (", ".join(themes) or
                                                                                      "(none: add data/themes.yaml)"),
                          theme_id)
        elif theme_id in seen:
            yield Problem(file.where(where), key_string(where), "H540 the theme is named twice for this task",
                          "keep it once", theme_id)
        seen.add(theme_id)
