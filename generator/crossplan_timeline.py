"""Render stage, timeline: every dated item of a plan, and the plans side by side.

Dated items are the plan's dates (成文, 发布, 生效), its period, the stages and
deadlines its text states (task ``timeline``), and the target years of its
indicators. Each plan has a page (chart and table, each item linked to its task);
the handbook page draws one lane per plan and is paged past ``routes.PAGE_ROWS`` plans.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import charts, model, render, routes
from .link import Handbook



@dataclass(frozen=True)
class Item:
    """One dated item of a plan, with the task it belongs to (None for the plan's own dates)."""

    kind: str  # a key of charts.MARK_STYLE
    start: str | None
    end: str
    what: str
    phrase: str
    task: str | None
    inherited: bool = False
    count: int = 1  # how many indicators a target-year item stands for


def timeline_page(plan_id: str | None = None, number: int = 1) -> str:
    """A plan's timeline, or page ``number`` of the handbook's."""
    return routes.path("plan-timeline", plan_id) if plan_id else routes.path("timeline", None, number)


def position(when: str, at_end: bool) -> float:
    """'2011', '2011-12' or '2018-04-30' as a fractional year; a bare year or month ends at its end when ``at_end``."""
    parts = [int(p) for p in when.split("-")]
    year, month, day = parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)
    if month is None:
        return year + (0.999 if at_end else 0.0)
    if day is None:
        return year + (month - (0.001 if at_end else 1)) / 12
    return year + (month - 1) / 12 + (day - 1) / 372


def items(handbook: Handbook, plan_id: str) -> list[Item]:
    """Every dated item of a plan, in date order (then reading order)."""
    plan = handbook.plans[plan_id]
    found = [Item(kind, None, date, label, label, None) for kind, date, label in (
        ("written", plan.written, "成文日期"), ("published", plan.published, "发布日期"),
        ("effective", plan.effective, "生效日期")) if date]
    if plan.period_start and plan.period_end:
        found.append(Item("period", str(plan.period_start), str(plan.period_end), "规划期",
                          f"{plan.period_start}—{plan.period_end}", None))
    years: dict[tuple[str, int], list[str]] = {}
    for _, task in plan.walk():
        for dated in task.timeline:
            found.append(Item(dated.kind, dated.start, dated.end, model.TIMELINE_KINDS[dated.kind], dated.phrase,
                              task.id, dated.year_inherited))
        for indicator in task.indicators:
            if indicator.year:
                years.setdefault((task.id, indicator.year), []).append(indicator.name)
    for (task_id, year), names in years.items():
        found.append(Item("target", None, str(year), f"指标目标年（{len(names)} 项）",
                          f"{len(names)} 项指标：" + "、".join(names), task_id, count=len(names)))
    order = {task.id: i for i, (_, task) in enumerate(plan.walk())}
    return sorted(found, key=lambda i: (position(i.start or i.end, False), order.get(i.task, -1), i.kind))


def _mark(item: Item) -> charts.Mark:
    return charts.Mark(position(item.start or item.end, False), position(item.end, True), item.kind, item.what)


def _date_text(item: Item) -> str:
    return f"{item.start}—{item.end}" if item.start else item.end


def plan_chart(handbook: Handbook, plan_id: str, found: list[Item]) -> Markup:
    """One lane per dated item of the plan."""
    if not found:
        return Markup("")
    lanes = [(item.phrase if item.task else item.what, [_mark(item)]) for item in found if item.kind != "target"]
    targets: dict[str, int] = {}
    for item in found:
        if item.kind == "target":  # one lane per target year: a plan sets most of its targets for one year
            targets[item.end] = targets.get(item.end, 0) + item.count
    lanes += [(f"指标目标年 {year}（{n} 项）", [charts.Mark(position(year, True), position(year, True), "target")])
              for year, n in sorted(targets.items())]
    description = "；".join([f"{_date_text(i)} {i.what}：{i.phrase}" for i in found if i.kind != "target"] +
                           [f"{year}年 {n} 项指标的目标年" for year, n in sorted(targets.items())])
    return charts.timeline_chart(lanes, f"{handbook.plans[plan_id].title}：时间线", description)


def handbook_chart(handbook: Handbook, plan_ids: list[str], by_plan: dict[str, list[Item]]) -> Markup:
    """One lane per plan, every dated item of it on the lane."""
    lanes = [(f"{handbook.jurisdictions[handbook.plans[p].jurisdiction].name} {handbook.plans[p].title}",
              [_mark(i) for i in by_plan[p]]) for p in plan_ids if by_plan[p]]
    if not lanes:
        return Markup("")
    description = "；".join(f"{handbook.plans[p].title}：" + "，".join(f"{_date_text(i)} {i.what}" for i in by_plan[p])
                           for p in plan_ids if by_plan[p])
    return charts.timeline_chart(lanes, "各规划的时间线", description)


def plan_timeline(handbook: Handbook, plan_id: str, site: "routes.Site | None" = None) -> str:
    """A plan's timeline page: chart, then every dated item as a table linked to its task."""
    found = items(handbook, plan_id)
    return render._render("timeline_plan.html.j2", timeline_page(plan_id), handbook, site, plan=handbook.plans[plan_id],
                          items=found, chart=plan_chart(handbook, plan_id, found), date_text=_date_text,
                          rows=[(i, handbook.tasks[plan_id, i.task] if i.task else None) for i in found],
                          MARK_NAMES=charts.MARK_NAMES, index_page=timeline_page())


def handbook_timeline(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the handbook's timeline: one lane and one row per plan."""
    plan_ids = list(handbook.plans)
    count = routes.page_count(len(plan_ids))
    shown = routes.on_page(plan_ids, number)
    by_plan = {p: items(handbook, p) for p in shown}
    return render._render("timeline_index.md.j2", timeline_page(None, number), handbook, plan_ids=shown,
                          by_plan=by_plan, chart=handbook_chart(handbook, shown, by_plan), number=number, count=count,
                          rows=[(handbook.plans[p], handbook.jurisdictions[handbook.plans[p].jurisdiction],
                                 sum(i.kind == "phase" for i in by_plan[p]), sum(i.kind == "deadline" for i in by_plan[p]),
                                 len(by_plan[p])) for p in shown],
                          timeline_page=timeline_page, page_of=lambda n: timeline_page(None, n))
