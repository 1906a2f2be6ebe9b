"""The machine-readable copy of the handbook: site/api/*.json.

Pure: returns records; the routes table decides where each file goes and passes
``url_for(kind, id)``, the site-relative URL of a page.
"""

from __future__ import annotations

import json
from typing import Callable

from . import deadlines
from .link import Handbook

UrlFor = Callable[..., str]  # (route kind, id) -> site-relative URL


def plans(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """{id, title, jurisdiction, issuer, doc_number, issued, url, tasks} per plan."""
    return [{
        "id": p.id, "title": p.title, "jurisdiction": p.jurisdiction, "issuer": p.issuer,
        "doc_number": p.doc_number, "issued": p.written or p.published, "url": url_for("plan", p.id),
        "tasks": len(handbook.assigned(p.id)),
    } for p in handbook.plans.values()]


def departments(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """Every department with every task it is named for, and its role."""
    return [{
        "id": d.id, "name": d.name, "full_name": d.full_name, "aliases": list(d.aliases),
        "jurisdiction": d.jurisdiction, "category": d.category, "url": url_for("department", d.id),
        "tasks": [{"plan": t.plan, "task": t.task, "role": t.role} for t in handbook.duties_by_body.get(d.id, ())],
    } for d in handbook.departments.values()]


def indicators(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """Every indicator with its plan and task."""
    return [{
        "plan": t.plan, "task": t.task, "name": t.indicator.name, "metric": t.indicator.metric,
        "comparator": t.indicator.comparator, "value": t.indicator.value, "value_max": t.indicator.value_max,
        "unit": t.indicator.unit, "year": t.indicator.year, "year_inherited": t.indicator.year_inherited,
        "text": t.indicator.phrase,
    } for t in handbook.targets]


def citations(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """Every cited document, whether the handbook holds it, and where it is cited."""
    return [{
        "id": d.id, "doc_number": d.doc_number, "title": d.title, "url": url_for("document", d.id),
        "in_handbook": d.id in handbook.plan_of_document, "plan": handbook.plan_of_document.get(d.id),
        "cited_by": [{"plan": c.plan, "task": c.task} for c in handbook.citations.get(d.id, ())],
    } for d in handbook.documents.values()]


def tasks(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """Every node of every plan, word for word, with its parent and its permalink (and its posts and
    deadline where it has them)."""
    return [{
        "plan": plan.id, "id": task.id, "parent": handbook.parents.get((plan.id, task.id)),
        "number": task.number, "heading": task.heading, "text": task.text,
        "assigned": task.assignment is not None,
        **({"posts": list(task.posts)} if task.posts else {}),
        **({"deadline": deadlines.as_data(task.deadline)} if task.deadline else {}),
        "url": f"{url_for('plan', plan.id)}#{task.id}",
    } for plan in handbook.plans.values() for _, task in plan.walk()]


def groups(handbook: Handbook, url_for: UrlFor) -> list[dict]:
    """Every group (collective name) with the tasks that name it."""
    return [{
        "id": g.id, "name": g.name, "aliases": list(g.aliases), "jurisdiction": g.jurisdiction,
        "url": url_for("group", g.id),
        "tasks": [{"plan": t.plan, "task": t.task, "role": t.role} for t in handbook.duties_by_body.get(g.id, ())],
    } for g in handbook.groups.values()]


BUILDERS = {"plans": plans, "departments": departments, "groups": groups, "indicators": indicators,
            "citations": citations, "tasks": tasks}
NAMES = tuple(BUILDERS)  # the files api/<name>.json, in this order


def dump(records: list[dict]) -> str:
    """JSON text as the site serves it: stable, readable, UTF-8 characters as themselves."""
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def snapshot(handbook: Handbook) -> dict[str, list[dict]]:
    """The whole machine-readable copy as Python data, URLs as the default site writes them."""
    from . import routes
    url_for = routes.url_for(routes.Site())
    return {name: build(handbook, url_for) for name, build in BUILDERS.items()}
