"""Render stage: one pure function per page kind, Handbook -> Markdown text.

No I/O. Every value from data passes through ``escape`` (Jinja's finalize), so
task text can never inject HTML, script or Markdown links; only values the code
builds itself (links, anchors) are marked safe.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Mapping, NamedTuple

import jinja2
from markdown.extensions import toc
from markupsafe import Markup

from . import (crossplan, crossplan_categories, crossplan_lineage, crossplan_themes, crossplan_timeline, deadlines, model,
               normalise, routes, textlinks, worklist)
from .link import Handbook, per_handbook

_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#|~=!<>&\"'$^"}
_ESCAPES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
FIELD_LABELS = {
    "title": "标题", "issuer": "发文机关", "doc_number": "发文字号", "dates.written": "成文日期",
    "dates.published": "发布日期", "dates.effective": "生效日期", "status": "状态", "period": "规划期",
    "period.start": "规划期起", "period.end": "规划期止", "target_year": "目标年份", "jurisdiction": "地区",
}
# List markers need white space after them ("1. ", "- "); "98.5" and "1.空气" are plain text.
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])(?=\s|$)|^(\s*)([-+])(\s)", re.MULTILINE)


def escape(value) -> Markup:
    """Make a data value inert in Markdown and HTML: markup shows as text, never runs."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], str(value))
    text = _LINE_START.sub(lambda m: (m.group(1) or "") + (m.group(2) or "") + f"&#{ord((m.group(3) or m.group(5)))};"
                           + (m.group(6) or "") if m.group(2) else (m.group(4) or "") + f"&#{ord(m.group(5))};"
                           + m.group(6), text)
    return Markup(text)


def yaml_string(value: str) -> Markup:
    """A front-matter string: JSON is valid YAML and quotes everything."""
    return Markup(json.dumps(value, ensure_ascii=False))


@cache
def environment() -> jinja2.Environment:
    """The template environment: every printed value is escaped for Markdown (``finalize``);
    macros return Markup under autoescape, so their output is not escaped twice."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"), autoescape=True, finalize=escape,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["yaml"] = yaml_string
    env.globals["heading"] = lambda depth: Markup("#" * min(depth + 2, 6))
    env.globals["heading_level"] = lambda depth: min(depth + 2, 6)
    env.globals["AUTO_ID"] = Markup(_AUTO_ID)
    env.globals.update(FIELD_LABELS=FIELD_LABELS, ROLE_LABELS=model.ROLE_LABELS, ROLES=model.ROLES, COMPARATORS=model.COMPARATORS,
                       LEVELS=model.LEVELS, DEADLINE=deadlines.label)
    return env


def plan_page(plan_id: str) -> str:
    """Where a plan's page is, relative to the docs root."""
    return routes.path("plan", plan_id)


def body_page(body: model.Department | model.Group) -> str:
    """Where a department's or group's responsibility index is."""
    return routes.path(body.kind, body.id)


def document_page(document_id: str, number: int = 1) -> str:
    """Where a cited document's page is (page ``number`` of it)."""
    return routes.path("document", document_id, number)


def indicators_page(plan_id: str | None = None) -> str:
    """The indicator table of one plan, or the metrics index that compares all plans."""
    return routes.path("plan-indicators", plan_id) if plan_id else routes.path("metrics")


def link(from_page: str, to_page: str, anchor: str | None = None) -> Markup:
    """A relative Markdown link target from one page to another (MkDocs resolves and checks it)."""
    return Markup(routes.link(from_page, to_page, anchor))


def task_label(task: model.Task, limit: int = 36) -> str:
    """A short name for a task: its number and heading, or the start of its text."""
    words = task.heading or (task.text or "").split("\n")[0]
    first = re.split(r"(?<=[。;；])", words, maxsplit=1)[0]
    if len(first) > limit:
        first = first[:limit] + "…"
    number = task.number or ""
    if number[-1:].isalnum() and first:
        number += " "
    return f"{number}{first}" or task.id


def ancestry(handbook: Handbook, plan_id: str, task_id: str) -> list[model.Task]:
    """The task's ancestors, outermost first."""
    return handbook.ancestors(plan_id, task_id)


def value_text(indicator: model.Indicator) -> str:
    """The target value as people write it: 98.5, or 8–10."""
    def number(v: float) -> str:
        return f"{v:g}"
    if indicator.value_max is not None:
        return f"{number(indicator.value)}–{number(indicator.value_max)}"
    return number(indicator.value)


def figures(handbook: Handbook, plan_id: str | None = None) -> Mapping[str, int]:
    """Counts shown on the home page and on each plan page (one plan's, or the whole handbook's);
    counted once per handbook, since a plan's page, its place's row and its place's page show them."""
    known = _figures(handbook)
    if plan_id not in known:
        known[plan_id] = MappingProxyType(_count(handbook, plan_id))
    return known[plan_id]


@per_handbook
def _figures(handbook: Handbook) -> dict[str | None, Mapping[str, int]]:
    return {}


def _count(handbook: Handbook, plan_id: str | None) -> dict[str, int]:
    plans = [plan_id] if plan_id else list(handbook.plans)
    nodes = [(p, task) for p in plans for _, task in handbook.plans[p].walk()]
    duties = [d for p, task in nodes for d in handbook.duties_by_task.get((p, task.id), ())]
    return {
        "plans": len(plans),
        "nodes": len(nodes),
        "tasks": sum(1 for _, task in nodes if task.assignment),
        "departments": len({d.body for d in duties if d.body in handbook.departments}),
        "groups": len({d.body for d in duties if d.body in handbook.groups}),
        "indicators": sum(len(task.indicators) for _, task in nodes),
        "documents": len({c.document for _, task in nodes for c in task.citations if c.document in handbook.documents}),
    }


class DutyView(NamedTuple):
    """One body named for a task, resolved for printing."""

    role: str
    body: model.Department | model.Group
    written: str


class TargetView(NamedTuple):
    """One indicator with the place, plan and task that set it."""

    jurisdiction: model.Jurisdiction
    plan: model.Plan
    task: model.Task
    indicator: model.Indicator


class CitationView(NamedTuple):
    """One place a document is cited."""

    plan: model.Plan
    task: model.Task
    written: str


def duty_views(handbook: Handbook, plan_id: str, task_id: str) -> list[tuple[str, list[DutyView]]]:
    """The bodies named for a task, by role in role order: [(role, [DutyView, ...]), ...]."""
    duties = handbook.duties_by_task.get((plan_id, task_id), ())
    return [(role, [DutyView(d.role, handbook.body(d.body), d.written) for d in duties if d.role == role])
            for role in model.ROLES if any(d.role == role for d in duties)]


def target_view(handbook: Handbook, target) -> TargetView:
    """A linked indicator, with its place, plan and task."""
    plan_ = handbook.plans[target.plan]
    return TargetView(handbook.jurisdictions[plan_.jurisdiction], plan_, handbook.tasks[target.plan, target.task],
                      target.indicator)


def role_counts(duties) -> Counter:
    """How many tasks per role."""
    return Counter(d.role for d in duties)


def _render(template: str, page: str, handbook: Handbook, site: routes.Site | None = None, **context) -> str:
    """A page from its template: Markdown (``*.md.j2``, links are docs paths MkDocs resolves) or HTML
    (``*.html.j2``, links are the URLs MkDocs would write, for ``site``'s URL style)."""
    env = environment()
    if template.endswith(".html.j2"):
        site = site or routes.Site()
        href = routes.hrefs(site, page)
        to = lambda target, anchor=None: Markup(href(target, anchor))  # noqa: E731
        html_only = {"body_link": lambda body_, written=None: Markup(
            f'<a href="{to(body_page(body_))}">{escape(written or body_.name)}</a>')}
    else:
        to = lambda target, anchor=None: link(page, target, anchor)  # noqa: E731
        html_only = {}
    helpers = {
        **html_only,
        "page": page,
        "link": to,
        "plan_page": plan_page, "body_page": body_page, "document_page": document_page, "route": routes.path,
        "indicators_page": indicators_page, "task_label": task_label, "value_text": value_text,
        "ancestry": lambda plan_id, task_id: ancestry(handbook, plan_id, task_id),
        "role_counts": role_counts, "metric_page": crossplan.metric_page,
    }
    text = env.get_template(template).render(**helpers, **context)
    return _auto_ids(text) if template.endswith(".html.j2") else text


_AUTO_ID = "\x00auto-id\x00"  # a heading's id, filled in once the page's other ids are known
_IDS = re.compile(r' id="([^"]*)"')
_AUTO_HEADING = re.compile(r'<h[1-6] id="\x00auto-id\x00">(.*?)<a class="headerlink" href="#\x00auto-id\x00"')


def _auto_ids(text: str) -> str:
    """Give each heading without an id of its own the id Python-Markdown's toc would: the slug of its
    text, unique on the page (a Chinese heading slugs to nothing, hence _1, _2), so that HTML and
    Markdown pages agree."""
    if _AUTO_ID not in text:
        return text
    used = set(_IDS.findall(text)) - {_AUTO_ID}

    def fill(match: re.Match) -> str:
        ident = toc.unique(toc.slugify(html.unescape(toc.strip_tags(match.group(1))), "-"), used)
        return match.group(0).replace(_AUTO_ID, ident)
    return _AUTO_HEADING.sub(fill, text)


def problems_banner(problems) -> str:
    """Markdown that heads every page while `mkdocs serve` shows a data error (text escaped)."""
    lines = "\n".join(f"    {escape(str(p)).replace(chr(10), '<br>')}<br>" for p in problems)
    return (f'!!! failure "data/ 有错误：修正后本页自动刷新（以下为上次成功构建的内容）"\n\n{lines}\n\n'
            f"    {escape(report_line(problems))}\n\n")


def preview_banner(ids) -> str:
    """Markdown that heads every page of a preview build (HANDBOOK_PREVIEW): part of the data only."""
    names = "、".join(str(escape(i)) for i in ids)
    return (f'!!! warning "预览：只含部分数据"\n\n    本站只由 {names} 的规划构建（HANDBOOK_PREVIEW），'
            "其他规划、部门和文件未收录，各页的计数、目录和搜索只反映这一部分。完整的站点用 `mkdocs build` 构建。\n\n")


def report_line(problems) -> str:
    """The closing line of a problem report: how many errors and warnings."""
    from .problems import report
    return report(list(problems)).rsplit("\n", 1)[-1]


def home(handbook: Handbook, data_date: str | None = None) -> str:
    """The home page, of a fixed size: the handbook's figures, the way in (the indexes, one line per
    province), the whole-data download. Per plan and per place lists live on the index pages."""
    from . import places
    return _render("home.md.j2", routes.path("home"), handbook, figures=figures(handbook),
                   places=len(handbook.jurisdictions), provinces=places.province_pages(handbook),
                   anchor=places.province_anchor, data_date=data_date, data_zip=DATA_ZIP,
                   indicator_downloads=exports_of(indicators_page()))


def plan(handbook: Handbook, plan_id: str, site: routes.Site | None = None) -> str:
    """A plan: metadata card, then every node of the document in order."""
    plan_, href = handbook.plans[plan_id], routes.hrefs(site or routes.Site(), plan_page(plan_id))
    issuer = handbook.issuers.get(plan_id)
    nodes = [(depth, task, duty_views(handbook, plan_id, task.id), [handbook.themes[t] for t in task.themes])
             for depth, task in plan_.walk()]
    return _render("plan.html.j2", plan_page(plan_id), handbook, site, plan=plan_, nodes=nodes,
                   downloads=exports_of(plan_page(plan_id)),
                   implements=[handbook.documents[c.document] for c in plan_.implements],
                   jurisdiction=handbook.jurisdictions[plan_.jurisdiction], figures=figures(handbook, plan_id),
                   self_document=handbook.document_of_plan.get(plan_id),
                   issuer_body=handbook.body(issuer) if issuer else None, lineage_page=crossplan_lineage.lineage_page(),
                   theme_page=crossplan_themes.theme_page, timeline_page=crossplan_timeline.timeline_page,
                   linked=lambda task, text: textlinks.linked(handbook, plan_, task, text, escape, lambda kind, ident: href(
                       document_page(ident) if kind == "document" else body_page(handbook.body(ident)))))


def body(handbook: Handbook, body_: model.Department | model.Group, site: routes.Site | None = None) -> str:
    """A department's (or group's) work list (责任清单): every task in full, by plan and role,
    then the tasks that reach it through the groups it belongs to."""
    work = worklist.work_list(handbook, body_)
    jurisdiction = handbook.jurisdictions[body_.jurisdiction]
    issued = [handbook.plans[p] for p in issued_plans(handbook).get(body_.id, ())]
    return _render("body.html.j2", body_page(body_), handbook, site, body=body_, work=work, jurisdiction=jurisdiction,
                   successor=successor_view(handbook, body_), predecessors=predecessor_views(handbook, body_),
                   title=body_title(body_, jurisdiction), issued=issued,
                   category=handbook.categories[body_.category] if body_.kind == "department" else None,
                   counts=role_counts(handbook.duties_by_body.get(body_.id, ())),
                   via_count=sum(len(p.items) for v in work.via for p in v.plans),
                   downloads=exports_of(body_page(body_)))


class SuccessionView(NamedTuple):
    """One side of an institutional reform, resolved for printing."""

    body: model.Department
    year: int
    basis: model.Document | None = None
    tasks: tuple = ()  # (plan, task, role) the predecessor was named for


def successor_view(handbook: Handbook, body_) -> SuccessionView | None:
    """The body that took this department's work over, with the reform's year and basis."""
    succession = getattr(body_, "successor", None)
    if succession is None:
        return None
    return SuccessionView(handbook.departments[succession.department], succession.year,
                          handbook.documents[succession.basis])


def predecessor_views(handbook: Handbook, body_) -> list[SuccessionView]:
    """The departments whose work this one took over, each with the tasks it was named for."""
    out = []
    for predecessor_id in handbook.predecessors.get(body_.id, ()):
        predecessor = handbook.departments[predecessor_id]
        tasks = tuple((handbook.plans[d.plan], handbook.tasks[d.plan, d.task], d.role)
                      for d in handbook.duties_by_body.get(predecessor_id, ()))
        out.append(SuccessionView(predecessor, predecessor.successor.year, tasks=tasks))
    return out


def body_title(body_: model.Department | model.Group, jurisdiction: model.Jurisdiction) -> str:
    """The name with its place, 省质监局（四川省）, so that like names of different places differ in
    headings and search results; a name that already holds its place (甘肃省人民政府办公厅) stays as it is."""
    return body_.name if jurisdiction.name in body_.name else f"{body_.name}（{jurisdiction.name}）"


@per_handbook
def issued_plans(handbook: Handbook) -> dict[str, list[str]]:
    """body id -> the ids of the plans it issued."""
    out: dict[str, list[str]] = {}
    for plan_id, issuer in handbook.issuers.items():
        out.setdefault(issuer, []).append(plan_id)
    return out


DATA_ZIP = "exports/handbook-data.zip"  # the whole data set: data/ YAML, api JSON, every CSV


def exports_of(page: str) -> dict[str, str]:
    """The downloads of a page, by format: departments/x.md -> exports/departments/x.csv."""
    stem = "exports/" + page.removesuffix(".md")
    return {"CSV": f"{stem}.csv", "Excel": f"{stem}.xlsx"}


def indicators(handbook: Handbook, plan_id: str, site: routes.Site | None = None) -> str:
    """The indicator table of one plan, in task order (the metric pages compare plans)."""
    rows = [target_view(handbook, t) for t in handbook.targets_by_plan.get(plan_id, ())]
    return _render("indicators.html.j2", indicators_page(plan_id), handbook, site, plan=handbook.plans[plan_id], rows=rows,
                   downloads=exports_of(indicators_page(plan_id)))


def documents_index(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the cited documents and how often each is cited (paged every PAGE_ROWS)."""
    rows = [(d, len(handbook.citations.get(d.id, ())), handbook.plans.get(handbook.plan_of_document.get(d.id, "")))
            for d in routes.on_page(list(handbook.documents.values()), number)]
    return _render("documents_index.md.j2", routes.path("documents", None, number), handbook, rows=rows,
                   number=number, count=routes.page_count(len(handbook.documents)), total=len(handbook.documents),
                   index_page=lambda n: routes.path("documents", None, n))


def document_pages(handbook: Handbook, document_id: str) -> int:
    """How many pages a document's page takes: its two lists (plans implementing it, tasks citing
    it) are paged together, PAGE_ROWS rows of each a page, since a national document is cited by
    every plan that carries it out."""
    implementing = crossplan_lineage.lineage(handbook).by_document.get(document_id, ())
    return routes.page_count(max(len(implementing), len(handbook.citations.get(document_id, ()))))


def document(handbook: Handbook, document_id: str, number: int = 1, site: routes.Site | None = None) -> str:
    """Page ``number`` of a cited document: number, title, the plans that implement it and the plans
    and tasks that cite it."""
    citations = handbook.citations.get(document_id, ())
    implementing = crossplan_lineage.lineage(handbook).by_document.get(document_id, ())
    cited_by = [CitationView(handbook.plans[c.plan], handbook.tasks[c.plan, c.task], c.written)
                for c in routes.on_page(citations, number)]
    in_handbook = handbook.plan_of_document.get(document_id)
    return _render("document.html.j2", document_page(document_id, number), handbook, site,
                   document=handbook.documents[document_id],
                   cited_by=cited_by, in_handbook=handbook.plans[in_handbook] if in_handbook else None,
                   implemented_by=[(handbook.plans[e.plan], handbook.jurisdictions[handbook.plans[e.plan].jurisdiction],
                                    e.written) for e in routes.on_page(implementing, number)],
                   lineage_page=crossplan_lineage.lineage_page(), DOCUMENT_LEVELS=model.DOCUMENT_LEVELS,
                   number=number, count=document_pages(handbook, document_id), first=(number - 1) * routes.PAGE_ROWS,
                   totals=(len(implementing), len(citations)), page_of=lambda n: document_page(document_id, n),
                   PAGE_ROWS=routes.PAGE_ROWS)
