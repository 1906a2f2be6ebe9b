"""Render stage, cross-plan views: what no single plan shows (metrics compared across plans).

Pure like render.py: Handbook in, Markdown (or CSV) text out, no I/O. The groupings
these views need are built once per handbook (``_groups``), so every page costs
only what it lists and the whole set stays linear in the size of the handbook.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from . import charts, model, render, routes
from .link import Handbook, Target, per_handbook

CHANGE_COMPARATORS = ("reduce-by", "increase-by", "reduce-by-at-least", "increase-by-at-least")
SYMBOLS = {"reach": "", "keep-at": "", "at-least": "≥", "above": ">", "at-most": "≤", "below": "<",
           "increase-by": "增", "reduce-by": "降", "increase-by-at-least": "增≥", "reduce-by-at-least": "降≥"}


@dataclass(frozen=True)
class Groups:
    """The targets of every metric, and the unmapped ones, gathered in one pass."""

    by_metric: dict[str, tuple[Target, ...]]
    unmapped: tuple[Target, ...]


@per_handbook
def _groups(handbook: Handbook) -> Groups:
    """The targets of each metric in chart order, and those without a metric (once per handbook)."""
    by_metric: dict[str, list[Target]] = defaultdict(list)
    for target in handbook.targets:
        if target.indicator.metric in handbook.metrics:
            by_metric[target.indicator.metric].append(target)
    return Groups(
        by_metric={m: tuple(sorted(ts, key=lambda t: _order(handbook, t))) for m, ts in sorted(by_metric.items())},
        unmapped=tuple(t for t in handbook.targets if t.indicator.metric is None))


def _order(handbook: Handbook, target: Target) -> tuple:
    """Targets of a metric by year, then place, plan and task, so the table reads as the chart, left to right."""
    plan = handbook.plans[target.plan]
    return (target.indicator.year or 0, handbook.jurisdictions[plan.jurisdiction].name, target.plan, target.task)


def metric_page(metric_id: str, number: int = 1) -> str:
    """Where a metric's comparison page is (page ``number`` of it, past routes.PAGE_ROWS targets)."""
    return routes.path("metric", metric_id, number)


def metric_csv(metric_id: str) -> str:
    """Where a metric's figures are as CSV (beside its page)."""
    return routes.path("metric-csv", metric_id)


def metrics_index_page(number: int = 1) -> str:
    """Page ``number`` of the metrics index (``pages/`` cannot clash with a metric id)."""
    return routes.path("metrics", None, number)


def metric_ids(handbook: Handbook) -> list[str]:
    """The metrics some indicator measures: each has a page and a CSV."""
    return list(_groups(handbook).by_metric)


def targets_of(handbook: Handbook, metric_id: str) -> tuple[Target, ...]:
    """Every indicator of every plan that measures this metric."""
    return _groups(handbook).by_metric.get(metric_id, ())


def scale(indicator: model.Indicator) -> tuple[str, bool]:
    """Targets share a chart axis only with the same unit and the same sense (a level or a change)."""
    return indicator.unit or "", indicator.comparator in CHANGE_COMPARATORS


def place(handbook: Handbook, target: Target) -> model.Jurisdiction:
    """The jurisdiction whose plan set the target."""
    return handbook.jurisdictions[handbook.plans[target.plan].jurisdiction]


def chart_label(handbook: Handbook, target: Target) -> str:
    """A point's label: place, comparator sign and value (赣州市 ≥97.5)."""
    i = target.indicator
    return f"{place(handbook, target).name} {SYMBOLS[i.comparator]}{render.value_text(i)}"


def charts_for(handbook: Handbook, metric: model.Metric, targets) -> list[Markup]:
    """One chart per scale (unit and sense) of the metric's targets that state a year."""
    by_scale: dict[tuple[str, bool], list[Target]] = defaultdict(list)
    for target in targets:
        if target.indicator.year is not None:
            by_scale[scale(target.indicator)].append(target)
    drawn = []
    for (unit, change), group in sorted(by_scale.items()):
        points = [charts.Point(place(handbook, t).name, t.indicator.year, t.indicator.value, t.indicator.value_max,
                               chart_label(handbook, t)) for t in group]
        axis = ("变化幅度" if change else ("名次" if metric.kind == "rank" else "目标值")) + (f"（{unit}）" if unit else "")
        description = "；".join(
            f"{place(handbook, t).name} {t.indicator.year}年 {model.COMPARATORS[t.indicator.comparator]} "
            f"{render.value_text(t.indicator)}{t.indicator.unit or ''}" for t in group)
        drawn.append(charts.dot_chart(points, f"{metric.name}：各地{axis}，按目标年份", description, axis,
                                      reverse=metric.kind == "rank" and not change))
    return drawn


def metric(handbook: Handbook, metric_id: str, number: int = 1, site: "routes.Site | None" = None) -> str:
    """A metric compared: every plan's target side by side, as a chart, a sortable table and a CSV.
    Past routes.PAGE_ROWS targets the table is paged (in chart order: by year, then place), each page
    charting its own rows; the CSV holds them all."""
    metric_ = handbook.metrics[metric_id]
    targets = targets_of(handbook, metric_id)
    count = routes.page_count(len(targets))
    shown = routes.on_page(targets, number)
    rows = [(render.target_view(handbook, t), render.duty_views(handbook, t.plan, t.task)) for t in shown]
    return render._render("metric.html.j2", metric_page(metric_id, number), handbook, site, metric=metric_, targets=targets,
                          rows=rows, undated=any(not t.indicator.year for t in shown),
                          charts=charts_for(handbook, metric_, shown), place=lambda t: place(handbook, t),
                          plans=sorted({t.plan for t in targets}), csv_page=metric_csv(metric_id), index_page=metrics_index_page(), number=number, count=count,
                          first=(number - 1) * routes.PAGE_ROWS, page_of=lambda n: metric_page(metric_id, n))


def metric_rows(handbook: Handbook) -> list[tuple[model.Metric, int, int, list[str], list[int]]]:
    """(metric, plans, targets, places, years) per metric, most plans first."""
    rows = []
    for metric_id, targets in _groups(handbook).by_metric.items():
        places = sorted({place(handbook, t).name for t in targets})
        years = sorted({t.indicator.year for t in targets if t.indicator.year})
        rows.append((handbook.metrics[metric_id], len({t.plan for t in targets}), len(targets), places, years))
    rows.sort(key=lambda r: (-r[1], -r[2], r[0].name, r[0].id))
    return rows


def metrics_index(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the metrics index: metrics by how many plans set a target for them."""
    rows = metric_rows(handbook)
    count = routes.page_count(len(rows))
    shown = routes.on_page(rows, number)
    return render._render("metrics_index.md.j2", metrics_index_page(number), handbook, rows=shown, number=number,
                          count=count, total=len(rows), first=(number - 1) * routes.PAGE_ROWS,
                          unmapped=len(_groups(handbook).unmapped), targets=len(handbook.targets),
                          index_page=metrics_index_page)


CSV_COLUMNS = ("metric", "metric_name", "jurisdiction", "place", "level", "plan", "plan_title", "task",
               "indicator", "comparator", "value", "value_max", "unit", "year", "year_inherited",
               "lead", "responsible", "cooperating", "phrase")


def metric_csv_text(handbook: Handbook, metric_id: str) -> str:
    """The figures of a metric page as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in targets_of(handbook, metric_id):
        i, plan, where = t.indicator, handbook.plans[t.plan], place(handbook, t)
        duties = handbook.duties_by_task.get((t.plan, t.task), ())
        names = {role: "、".join(d.written for d in duties if d.role == role) for role in model.ROLES}
        writer.writerow((metric_id, handbook.metrics[metric_id].name, where.id, where.name, where.level, plan.id,
                         plan.title, t.task, i.name, i.comparator, charts.number(i.value),
                         "" if i.value_max is None else charts.number(i.value_max), i.unit or "", i.year or "",
                         "true" if i.year_inherited else "false", names["lead"], names["responsible"],
                         names["cooperating"], i.phrase))
    return "\ufeff" + out.getvalue()
