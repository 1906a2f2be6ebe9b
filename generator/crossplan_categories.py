"""Render stage, like bodies: one page per functional category, its departments across places.

A department page links here instead of listing every like department elsewhere, so
no department page grows with the handbook; a category page past ``routes.PAGE_ROWS``
departments is paged, rows ordered by province so each page holds whole provinces
as far as the size allows.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from . import model, render, routes
from .link import Handbook, per_handbook



def category_page(category_id: str, number: int = 1) -> str:
    """Where page ``number`` of a category's departments is (``pages/`` cannot clash with an id)."""
    return routes.path("category", category_id, number)


def categories_index_page() -> str:
    """The list of functional categories."""
    return routes.path("categories")


def province_of(handbook: Handbook, jurisdiction: model.Jurisdiction) -> str:
    """The province a jurisdiction is in: itself for a province, its ``province`` for a city."""
    return jurisdiction.province or jurisdiction.name


@per_handbook
def members(handbook: Handbook) -> dict[str, list[model.Department]]:
    """Departments per category, by province, place and name: one pass over the registry."""
    by_category: dict[str, list[model.Department]] = defaultdict(list)
    for department in handbook.departments.values():
        by_category[department.category].append(department)
    def order(d: model.Department) -> tuple:
        j = handbook.jurisdictions[d.jurisdiction]
        return (province_of(handbook, j), j.level != "province", j.name, d.name, d.id)
    return {c: sorted(by_category[c], key=order) for c in handbook.categories if by_category.get(c)}


def role_totals(handbook: Handbook, departments) -> Counter:
    """Tasks by role summed over departments."""
    total: Counter = Counter()
    for department in departments:
        total.update(render.role_counts(handbook.duties_by_body.get(department.id, ())))
    return total


def category(handbook: Handbook, category_id: str, number: int = 1, site: "routes.Site | None" = None) -> str:
    """Page ``number`` of a category: its departments in every place, with task counts by role."""
    departments = members(handbook)[category_id]
    count = routes.page_count(len(departments))
    shown = routes.on_page(departments, number)
    return render._render(
        "category.html.j2", category_page(category_id, number), handbook, site, category=handbook.categories[category_id],
        departments=[(d, handbook.jurisdictions[d.jurisdiction],
                      province_of(handbook, handbook.jurisdictions[d.jurisdiction]),
                      render.role_counts(handbook.duties_by_body.get(d.id, ()))) for d in shown],
        number=number, count=count, total=len(departments),
        places=len({d.jurisdiction for d in departments}), totals=role_totals(handbook, departments),
        page_of=lambda n: category_page(category_id, n), index_page=categories_index_page(),
        province=lambda d: province_of(handbook, handbook.jurisdictions[d.jurisdiction]))


def categories_index(handbook: Handbook) -> str:
    """Every functional category with how many departments and places it spans."""
    by_category = members(handbook)
    rows = [(handbook.categories[c], len(ds), len({d.jurisdiction for d in ds}), role_totals(handbook, ds))
            for c, ds in by_category.items()]
    return render._render("categories_index.md.j2", categories_index_page(), handbook, rows=rows,
                          category_page=category_page)
