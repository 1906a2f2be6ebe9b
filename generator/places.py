"""Render stage, places: the indexes of places by province and one page per place.

The plans index and the department directory list places, not plans or departments: a place is a
row (a province with its cities and counties under it), paged every ``routes.PAGE_ROWS`` rows, so
neither grows with the handbook's plans or registries. Each place has its own page
(``places/<jurisdiction>.md``) with its plans, their figures and downloads, and its departments and
groups with their task counts by role. Pure like render.py: Handbook in, Markdown out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from . import model, normalise, render, routes
from .crossplan_categories import province_of
from .link import Handbook, per_handbook


@dataclass(frozen=True)
class Place:
    """One jurisdiction with what its index row shows."""

    jurisdiction: model.Jurisdiction
    province: str
    plans: tuple[model.Plan, ...]
    departments: int  # registered departments
    named: int  # of which a task names
    groups: int
    counts: Counter  # tasks by role over its departments and groups
    tasks: int  # tasks with an assignment, over its plans
    indicators: int


@dataclass(frozen=True)
class Province:
    """The places of one province on one page of an index."""

    name: str
    anchor: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class DirectoryRow:
    """One department or group of the directory, with its task counts."""

    body: model.Department | model.Group
    category: str
    counts: Counter


@dataclass(frozen=True)
class DirectorySection:
    """The bodies of one jurisdiction, in pinyin order, and the columns that hold anything."""

    jurisdiction: model.Jurisdiction
    rows: tuple[DirectoryRow, ...]
    aliases: bool  # show the alias column
    roles: tuple[str, ...]  # the role columns with any task


def place_page(jurisdiction_id: str) -> str:
    """Where a place's page is."""
    return routes.path("place", jurisdiction_id)


def province_anchor(province: str) -> str:
    """The anchor of a province's heading on the index pages (p-sichuansheng)."""
    return "p-" + normalise.pinyin_slug(province)


@per_handbook
def bodies_by_place(handbook: Handbook) -> dict[str, list]:
    """jurisdiction id -> its departments (then groups), each in pinyin order: one pass over the registries."""
    out: dict[str, list] = defaultdict(list)
    for b in [*handbook.departments.values(), *handbook.groups.values()]:
        out[b.jurisdiction].append(b)
    return {j: sorted(bs, key=lambda b: (b.kind == "group", normalise.pinyin_key(b.name))) for j, bs in out.items()}


@per_handbook
def places(handbook: Handbook) -> tuple[Place, ...]:
    """Every jurisdiction by province (pinyin order), the province itself first, then its places."""
    plans: dict[str, list[model.Plan]] = defaultdict(list)
    for plan in handbook.plans.values():
        plans[plan.jurisdiction].append(plan)
    bodies = bodies_by_place(handbook)
    rows = []
    for j in handbook.jurisdictions.values():
        own = bodies.get(j.id, [])
        figures = [render.figures(handbook, p.id) for p in plans[j.id]]
        counts: Counter = Counter()
        for b in own:
            counts.update(render.role_counts(handbook.duties_by_body.get(b.id, ())))
        rows.append(Place(j, province_of(handbook, j), tuple(plans[j.id]),
                          departments=sum(1 for b in own if b.kind == "department"),
                          named=sum(1 for b in own if b.kind == "department" and b.id in handbook.duties_by_body),
                          groups=sum(1 for b in own if b.kind == "group"), counts=counts,
                          tasks=sum(f["tasks"] for f in figures), indicators=sum(f["indicators"] for f in figures)))
    rows.sort(key=lambda r: (normalise.pinyin_key(r.province), r.jurisdiction.level != "province",
                             normalise.pinyin_key(r.jurisdiction.name), r.jurisdiction.id))
    return tuple(rows)


def index_pages(handbook: Handbook) -> list[routes.Page]:
    """The pages of a place index (plans or directory)."""
    return routes.numbered(len(places(handbook)))


def provinces(handbook: Handbook, number: int = 1) -> list[Province]:
    """The places on page ``number`` of an index, grouped by province (a province split by a page
    boundary heads both pages)."""
    shown = routes.on_page(places(handbook), number)
    groups: dict[str, list[Place]] = {}
    for place in shown:
        groups.setdefault(place.province, []).append(place)
    return [Province(name, province_anchor(name), tuple(ps)) for name, ps in groups.items()]


def province_pages(handbook: Handbook) -> list[tuple[str, int, int, int]]:
    """(province, index page it starts on, places, departments) per province, in index order: the
    home page's short list (one row per province, whatever the number of plans)."""
    out: dict[str, list] = {}
    for i, place in enumerate(places(handbook)):
        entry = out.setdefault(place.province, [i // routes.PAGE_ROWS + 1, 0, 0])
        entry[1] += 1
        entry[2] += place.departments
    return [(name, *entry) for name, entry in out.items()]


def _index(template: str, kind: str, handbook: Handbook, number: int, **context) -> str:
    count = routes.page_count(len(places(handbook)))
    return render._render(template, routes.path(kind, None, number), handbook, provinces=provinces(handbook, number),
                          number=number, count=count, index_page=lambda n: routes.path(kind, None, n),
                          place_page=place_page, total=len(places(handbook)), **context)


def plans_index(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the plans index: places by province, each with its plans' count and figures."""
    return _index("plans_index.md.j2", "plans", handbook, number, plans=len(handbook.plans))


def directory(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the department directory: places by province with their departments'
    and groups' task counts by role, a filter box, and the functional categories."""
    from .crossplan_categories import members
    roles = tuple(role for role in model.ROLES if any(p.counts[role] for p in places(handbook)))
    categories = [handbook.categories[c] for c in members(handbook)] if number == 1 else []
    return _index("directory.md.j2", "directory", handbook, number, roles=roles, categories=categories)


def section(handbook: Handbook, jurisdiction: model.Jurisdiction) -> DirectorySection:
    """A place's departments and groups with their task counts (the columns that hold anything)."""
    rows = tuple(DirectoryRow(b, handbook.categories[b.category].name if b.category else "集体名称",
                                     render.role_counts(handbook.duties_by_body.get(b.id, ())))
                 for b in bodies_by_place(handbook).get(jurisdiction.id, ()))
    return DirectorySection(jurisdiction, rows, aliases=any(r.body.aliases for r in rows),
                                   roles=tuple(role for role in model.ROLES if any(r.counts[role] for r in rows)))


@dataclass(frozen=True)
class Lookup:
    """Each place's row, the index page it is on, and the places of each province."""

    row: dict[str, Place]
    page: dict[str, int]
    by_province: dict[str, tuple[Place, ...]]


@per_handbook
def lookup(handbook: Handbook) -> Lookup:
    """The place lookups, once per handbook (each place page asks)."""
    rows = places(handbook)
    by_province: dict[str, list[Place]] = defaultdict(list)
    for p in rows:
        by_province[p.province].append(p)
    return Lookup({p.jurisdiction.id: p for p in rows},
                  {p.jurisdiction.id: i // routes.PAGE_ROWS + 1 for i, p in enumerate(rows)},
                  {name: tuple(ps) for name, ps in by_province.items()})


def place(handbook: Handbook, jurisdiction_id: str, site: "routes.Site | None" = None) -> str:
    """A place: its plans with their figures and downloads, its departments and groups by role,
    and its province (a province: its places in the handbook)."""
    found = lookup(handbook)
    row = found.row[jurisdiction_id]
    j = row.jurisdiction
    kin = found.by_province[row.province]
    within = [p for p in kin if p.jurisdiction.id != j.id] if j.level == "province" else []
    parent = next((p.jurisdiction for p in kin if p.jurisdiction.level == "province" and p.jurisdiction.id != j.id), None)
    return render._render(
        "place.html.j2", place_page(j.id), handbook, site, place=row, jurisdiction=j, within=within, parent=parent,
        plans=[(p, render.figures(handbook, p.id), render.exports_of(render.plan_page(p.id))) for p in row.plans],
        section=section(handbook, j), place_page=place_page,
        plans_page=routes.path("plans", None, found.page[j.id]),
        directory_page=routes.path("directory", None, found.page[j.id]), anchor=province_anchor(row.province))
