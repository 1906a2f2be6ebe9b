"""What search can find: one record per page or task section, read from the handbook model.

A record has what a result shows (title, URL, the page it belongs to, its text) and its keys: the
names a reader types whole (a department's name, aliases and full name, a plan's title, a document's
number). Keys rank above full text; department and group names rank above every other key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from .. import render
from ..link import Handbook
from .text import normal

UrlFor = Callable[[str], str]

# Key groups: department and group names first, every other key after them.
NAMES, TITLES = 0, 1

# Within a group and a match quality (exact, prefix, contained), a smaller weight ranks first.
NAME_WEIGHT = {"name": 0, "alias": 1, "full_name": 2, "place": 3}
TITLE_WEIGHT = {"doc_number": 0, "plan_title": 1, "plan_number": 2, "document_title": 3, "metric": 4}


@dataclass(frozen=True)
class Key:
    """A name a reader types whole, in normal form, with its group and weight."""

    text: str
    group: int
    weight: int


@dataclass(frozen=True)
class Record:
    """One search result: a page, or one section of a plan page."""

    kind: str
    title: str
    url: str
    page: str
    text: str
    keys: tuple[Key, ...] = ()


def records(handbook: Handbook, url_for: UrlFor) -> list[Record]:
    """Every record in a stable order: bodies, each plan followed by its sections, documents,
    indicator pages, metrics. The order is the last tie-break of every ranking."""
    return [*_bodies(handbook, url_for), *_plans(handbook, url_for), *_documents(handbook, url_for),
            *_indicator_pages(handbook, url_for), *_metrics(handbook, url_for)]


def _keys(group: int, pairs) -> tuple[Key, ...]:
    """Keys from (kind, text) pairs; the first of equal normal forms wins, empty ones are dropped."""
    weights = NAME_WEIGHT if group == NAMES else TITLE_WEIGHT
    seen: dict[str, Key] = {}
    for kind, text in pairs:
        key = normal(text or "")
        if key and key not in seen:
            seen[key] = Key(key, group, weights[kind])
    return tuple(seen.values())


def _bodies(handbook: Handbook, url_for: UrlFor) -> Iterator[Record]:
    for body in [*handbook.departments.values(), *handbook.groups.values()]:
        place = handbook.jurisdictions[body.jurisdiction].name
        pairs = [("name", body.name), *(("alias", a) for a in body.aliases), ("full_name", body.full_name),
                 ("place", place + body.name)]
        if body.name[:1] == place[-1:]:
            # 省质监局 of 四川省 is written 四川省质监局: the place's 省 is the name's 省
            pairs.append(("place", place + body.name[1:]))
        facts = [f"别名：{'、'.join(body.aliases)}" if body.aliases else "",
                 f"全称：{body.full_name}" if body.full_name else "", place]
        yield Record(body.kind, f"{body.name}（{place}）", url_for(render.body_page(body)),
                     f"{body.name}（{place}）", "；".join(f for f in facts if f), _keys(NAMES, pairs))


def _plans(handbook: Handbook, url_for: UrlFor) -> Iterator[Record]:
    for plan in handbook.plans.values():
        url = url_for(render.plan_page(plan.id))
        place = handbook.jurisdictions[plan.jurisdiction].name
        facts = "；".join(f for f in (place, plan.issuer, plan.doc_number) if f)
        yield Record("plan", plan.title, url, plan.title, facts,
                     _keys(TITLES, [("plan_title", plan.title), ("plan_number", plan.doc_number)]))
        for _, task in plan.walk():
            if not (task.heading or task.text):
                continue
            words = [w for w in ((task.number or "") + (task.heading or ""), task.text,
                                 task.assignment.source if task.assignment else None) if w]
            yield Record("section", render.task_label(task), f"{url}#{task.id}", plan.title, "\n".join(words))


def _documents(handbook: Handbook, url_for: UrlFor) -> Iterator[Record]:
    for document in handbook.documents.values():
        title = document.title or document.doc_number
        facts = "；".join(f for f in (document.doc_number, document.title, document.issuer) if f)
        yield Record("document", title, url_for(render.document_page(document.id)), title, facts,
                     _keys(TITLES, [("doc_number", document.doc_number), ("document_title", document.title)]))


def _indicator_pages(handbook: Handbook, url_for: UrlFor) -> Iterator[Record]:
    by_plan: dict[str, list[str]] = {}
    for target in handbook.targets:
        by_plan.setdefault(target.plan, []).append(target.indicator.phrase)
    for plan in handbook.plans.values():
        if plan.id in by_plan:
            title = f"指标：{plan.title}"
            yield Record("indicators", title, url_for(render.indicators_page(plan.id)), title,
                         "\n".join(by_plan[plan.id]))


def _metrics(handbook: Handbook, url_for: UrlFor) -> Iterator[Record]:
    # Only a metric with a target has a section (and an anchor) on the indicators page.
    measured = {t.indicator.metric for t in handbook.targets if t.indicator.metric}
    url = url_for(render.indicators_page())
    for metric in handbook.metrics.values():
        if metric.id in measured:
            yield Record("metric", metric.name, f"{url}#{metric.id}", "指标对照", metric.name,
                         _keys(TITLES, [("metric", metric.name)]))
