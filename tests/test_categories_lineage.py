"""Like bodies (a page per functional category) and the lineage of documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator import crossplan_categories, crossplan_lineage, render, routes


@pytest.fixture(scope="module")
def pages(handbook):
    return routes.pages(handbook)


def listed_departments(page: str) -> list[tuple[str, int, int, int]]:
    """(department id, lead, responsible, cooperating) per row of a category page's table."""
    cell = r'\n<td style="text-align: right;">(\d+)</td>'
    return [(m[1], int(m[2]), int(m[3]), int(m[4])) for m in re.finditer(
        r'<td><a href="(?:\.\./)+departments/([a-z0-9-]+)/">[^<]*</a></td>\n<td>[^<]*</td>\n<td>[^<]*</td>'
        + cell * 3, page)]


def test_each_department_is_on_its_category_page_with_its_task_counts(pages, handbook):
    seen = Counter()
    for category_id in handbook.categories:
        page = pages.get(crossplan_categories.category_page(category_id), "")
        for department_id, lead, responsible, cooperating in listed_departments(page):
            assert handbook.departments[department_id].category == category_id
            counts = Counter(d.role for d in handbook.duties_by_body.get(department_id, ()))
            assert (lead, responsible, cooperating) == (counts["lead"], counts["responsible"], counts["cooperating"])
            seen[department_id] += 1
    assert seen == Counter(set(handbook.departments))


def test_market_regulation_spans_the_places(pages):
    page = pages["categories/market-regulation.md"]
    for department_id in ("sichuan-shengzhijianju", "anhui-shengzhijianju", "gansu-shengzhijianju",
                          "jincheng-shishichangjianguanju"):
        assert f'href="../../departments/{department_id}/"' in page
    assert "categories/market-regulation.md" in pages["categories/index.md"] or \
        "(market-regulation.md)" in pages["categories/index.md"]


def test_a_large_category_is_paged(handbook, monkeypatch):
    monkeypatch.setattr(routes, "PAGE_ROWS", 3)
    out = routes.pages(handbook)
    members = crossplan_categories.members(handbook)["market-regulation"]
    paged = [p for p in out if p == "categories/market-regulation.md" or p.startswith("categories/market-regulation/")]
    assert len(paged) == -(-len(members) // 3) > 1
    assert sum(len(listed_departments(out[p])) for p in paged) == len(members)


def test_documents_list_the_plans_that_implement_them(pages):
    page = pages["documents/zhongfa-2017-24.md"]
    section = page.split("落实本文件的规划")[1].split("<h2")[0]
    assert set(re.findall(r'href="\.\./\.\./plans/([a-z0-9-]+)/"', section)) == {
        "anhui-quality-improvement", "ganzhou-quality-city", "sichuan-task-division"}
    assert "ganzhou-quality-city" in pages["documents/ganfa-2018-16.md"].split("落实本文件的规划")[1]
    assert "sichuan-task-division" in pages["documents/chuanweifa-2018-6.md"].split("落实本文件的规划")[1]
    jincheng = pages["documents/zhiliang-qiangguo-jianshe-gangyao.md"]
    assert "jincheng-quality-city" in jincheng.split("落实本文件的规划")[1] and "推定" in jincheng


def test_plans_say_what_they_implement(pages, handbook):
    for plan in handbook.plans.values():
        lines = pages[render.plan_page(plan.id)].splitlines()
        row = lines[lines.index("<td>落实文件</td>") + 1]
        assert re.findall(r"\.\./\.\./documents/([a-z0-9-]+)/", row) == [c.document for c in plan.implements]
    assert [c.document for c in handbook.plans["sichuan-task-division"].implements] == [
        "zhongfa-2017-24", "chuanweifa-2018-6"]


def test_lineage_graph_runs_national_to_provincial_to_municipal(handbook, pages):
    svg = crossplan_lineage.graph(handbook)
    headers = re.findall(r'font-weight="bold">([^<]+)<', svg)
    assert headers == ["国家级", "省级", "市级"]
    edges = crossplan_lineage.lineage(handbook).edges
    assert len(edges) == sum(len(p.implements) for p in handbook.plans.values()) == 8
    assert svg.count("marker-end=") == len(edges)
    desc = re.search(r"<desc>(.*?)</desc>", svg).group(1)
    assert desc.count("落实") == len(edges)
    assert len(re.findall(r"^\| \[", pages["lineage/index.md"], re.MULTILINE)) == len(edges)


def test_lineage_is_paged_past_the_page_size(handbook, monkeypatch):
    monkeypatch.setattr(routes, "PAGE_ROWS", 3)
    out = {p: t for p, t in routes.pages(handbook).items() if p.startswith("lineage/")}
    assert sorted(out) == ["lineage/index.md", "lineage/pages/2.md", "lineage/pages/3.md"]
    rows = sum(len(re.findall(r"^\| \[", page, re.MULTILINE)) for page in out.values())
    assert rows == len(crossplan_lineage.lineage(handbook).edges)
    assert all(page.count("marker-end=") <= 3 for page in out.values())


def test_a_document_cited_by_many_plans_is_paged_and_loses_no_row(handbook, monkeypatch):
    """A national document is cited by every plan that carries it out: past PAGE_ROWS rows its page
    is paged, each list PAGE_ROWS rows a page, and every citation and implementing plan is on a page."""
    monkeypatch.setattr(routes, "PAGE_ROWS", 1)
    out = routes.pages(handbook)
    document_id = "zhongfa-2017-24"
    citations = handbook.citations[document_id]
    implementing = crossplan_lineage.lineage(handbook).by_document[document_id]
    count = max(len(citations), len(implementing))
    assert count == 3
    paths = [render.document_page(document_id, n) for n in range(1, count + 1)]
    assert paths[1:] == [f"documents/{document_id}/pages/{n}.md" for n in range(2, count + 1)]
    assert all(p in out for p in paths) and render.document_page(document_id, count + 1) not in out
    cited = [m for p in paths for m in re.findall(r'<td><a href="[./]*plans/([a-z0-9-]+)/#([a-z0-9-]+)">', out[p])]
    assert sorted(cited) == sorted((c.plan, c.task) for c in citations)
    assert '<a href="../../">1</a>' in out[paths[2]] and "（第 3 页）" in out[paths[2]]
