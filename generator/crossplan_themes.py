"""Render stage, themes: one page per theme listing its tasks across plans, by plan.

Themes are the handbook's editorial classification of tasks (data/themes.yaml),
shown as tags on plan pages. A theme page past ``routes.PAGE_ROWS`` tasks is paged, so
no page grows with the handbook.
"""

from __future__ import annotations

from collections import defaultdict

from . import model, render, routes
from .link import Handbook, per_handbook



def theme_page(theme_id: str, number: int = 1) -> str:
    """Where page ``number`` of a theme's tasks is (``pages/`` cannot clash with an id)."""
    return routes.path("theme", theme_id, number)


def themes_index_page() -> str:
    """The list of themes."""
    return routes.path("themes")


@per_handbook
def tasks_by_theme(handbook: Handbook) -> dict[str, list[tuple[str, model.Task]]]:
    """theme id -> (plan id, task) in plan order, then reading order: one pass over every plan."""
    found: dict[str, list[tuple[str, model.Task]]] = defaultdict(list)
    for plan_id, plan in handbook.plans.items():
        for _, task in plan.walk():
            for theme_id in task.themes:
                found[theme_id].append((plan_id, task))
    return {t: found.get(t, []) for t in handbook.themes}


def theme(handbook: Handbook, theme_id: str, number: int = 1) -> str:
    """Page ``number`` of a theme: its tasks grouped by plan, with their lead departments."""
    tasks = tasks_by_theme(handbook)[theme_id]
    count = routes.page_count(len(tasks))
    shown = routes.on_page(tasks, number)
    grouped: dict[str, list] = {}
    for plan_id, task in shown:
        duties = dict(render.duty_views(handbook, plan_id, task.id))
        others = [handbook.themes[t] for t in task.themes if t != theme_id]
        grouped.setdefault(plan_id, []).append((task, duties.get("lead") or duties.get("responsible") or [], others))
    by_plan = [(handbook.plans[p], handbook.jurisdictions[handbook.plans[p].jurisdiction], tasks)
               for p, tasks in grouped.items()]
    return render._render("theme.md.j2", theme_page(theme_id, number), handbook, theme=handbook.themes[theme_id],
                          by_plan=by_plan, number=number, count=count, total=len(tasks),
                          plans=len({p for p, _ in tasks}), page_of=lambda n: theme_page(theme_id, n),
                          theme_page=theme_page, index_page=themes_index_page())


def themes_index(handbook: Handbook) -> str:
    """Every theme with how many tasks and plans it spans."""
    rows = [(handbook.themes[t], len(tasks), len({p for p, _ in tasks})) for t, tasks in tasks_by_theme(handbook).items()]
    return render._render("themes_index.md.j2", themes_index_page(), handbook, rows=rows, theme_page=theme_page)
