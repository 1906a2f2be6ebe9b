"""Render stage, themes: one page per theme listing its tasks across plans, by plan.

Themes are the handbook's editorial classification of tasks (data/themes.yaml),
shown as tags on plan pages. A theme page past ``PAGE_ROWS`` tasks is paged, so
no page grows with the handbook.
"""

from __future__ import annotations

from collections import defaultdict

from . import model, render
from .link import Handbook

PAGE_ROWS = 200


def theme_page(theme_id: str, number: int = 1) -> str:
    """Where page ``number`` of a theme's tasks is (``pages/`` cannot clash with an id)."""
    return f"themes/{theme_id}.md" if number == 1 else f"themes/{theme_id}/pages/{number}.md"


def themes_index_page() -> str:
    """The list of themes."""
    return "themes/index.md"


def tasks_by_theme(handbook: Handbook) -> dict[str, list[tuple[str, model.Task]]]:
    """theme id -> (plan id, task) in plan order, then reading order: one pass over every plan."""
    found: dict[str, list[tuple[str, model.Task]]] = defaultdict(list)
    for plan_id, plan in handbook.plans.items():
        for _, task in plan.walk():
            for theme_id in task.themes:
                found[theme_id].append((plan_id, task))
    return {t: found.get(t, []) for t in handbook.themes}


def theme(handbook: Handbook, theme_id: str, tasks: list[tuple[str, model.Task]], number: int = 1) -> str:
    """Page ``number`` of a theme: its tasks grouped by plan, with their lead departments."""
    count = max(1, -(-len(tasks) // PAGE_ROWS))
    shown = tasks[(number - 1) * PAGE_ROWS:number * PAGE_ROWS]
    by_plan: dict[str, list[model.Task]] = {}
    for plan_id, task in shown:
        by_plan.setdefault(plan_id, []).append(task)
    return render._render("theme.md.j2", theme_page(theme_id, number), handbook, theme=handbook.themes[theme_id],
                          by_plan=by_plan, number=number, count=count, total=len(tasks),
                          plans=len({p for p, _ in tasks}), page_of=lambda n: theme_page(theme_id, n),
                          theme_page=theme_page, index_page=themes_index_page())


def themes_index(handbook: Handbook, found: dict[str, list[tuple[str, model.Task]]]) -> str:
    """Every theme with how many tasks and plans it spans."""
    rows = [(handbook.themes[t], len(tasks), len({p for p, _ in tasks})) for t, tasks in found.items()]
    return render._render("themes_index.md.j2", themes_index_page(), handbook, rows=rows, theme_page=theme_page)


def pages(handbook: Handbook) -> dict[str, str]:
    """The themes index and every page of every theme (none when the handbook has no themes)."""
    if not handbook.themes:
        return {}
    found = tasks_by_theme(handbook)
    out = {themes_index_page(): themes_index(handbook, found)}
    for theme_id, tasks in found.items():
        for number in range(1, max(1, -(-len(tasks) // PAGE_ROWS)) + 1):
            out[theme_page(theme_id, number)] = theme(handbook, theme_id, tasks, number)
    return out
