"""Themes: every task of the plans is classified; theme pages list exactly the tagged tasks."""

from __future__ import annotations

import re

import pytest

from generator import crossplan_themes, render, routes


@pytest.fixture(scope="module")
def pages(handbook):
    return routes.pages(handbook)


def test_every_task_with_an_assignment_has_a_theme(handbook):
    untagged = [(p, t.id) for p in handbook.plans for t in handbook.assigned(p) if not t.themes]
    assert untagged == []
    assert sum(len(handbook.assigned(p)) for p in handbook.plans) == 186


def test_each_theme_page_lists_exactly_its_tasks(pages, handbook):
    for theme_id in handbook.themes:
        page = pages[crossplan_themes.theme_page(theme_id)]
        listed = sorted(re.findall(r"^\| \[[^]]+\]\(\.\./plans/([a-z0-9-]+)\.md#([a-z0-9-]+)\)", page, re.MULTILINE))
        expected = sorted((p, t.id) for p in handbook.plans for _, t in handbook.plans[p].walk() if theme_id in t.themes)
        assert listed == expected, theme_id


def test_plan_pages_tag_tasks_with_links_to_their_themes(pages, handbook):
    page = pages["plans/sichuan-task-division.md"]
    tags = re.findall(r'<a class="hb-tag" href="\.\./\.\./themes/([a-z0-9-]+)/">', page)
    assert len(tags) == sum(len(t.themes) for _, t in handbook.plans["sichuan-task-division"].walk())
    assert set(tags) <= set(handbook.themes)


def test_a_large_theme_is_paged(handbook, monkeypatch):
    monkeypatch.setattr(routes, "PAGE_ROWS", 20)
    out = routes.pages(handbook)
    product = [p for p in out if p == "themes/product.md" or p.startswith("themes/product/")]
    assert sorted(product) == ["themes/product.md", "themes/product/pages/2.md", "themes/product/pages/3.md"]
    rows = sum(len(re.findall(r"^\| \[", out[p], re.MULTILINE)) for p in product)
    assert rows == len(crossplan_themes.tasks_by_theme(handbook)["product"]) == 52
