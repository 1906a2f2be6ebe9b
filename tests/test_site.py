"""The whole site, built from the real data/ with `mkdocs build --strict`, checked by parsing its HTML."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from .conftest import mkdocs
from .site_html import parse, resolve



@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    run = mkdocs("build", "--strict", "-d", out)
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr
    assert "not included in the \"nav\"" not in run.stderr, run.stderr  # no list of generated pages
    return out


@pytest.fixture(scope="module")
def pages(site):
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def test_every_internal_link_and_anchor_resolves(site, pages):
    broken = []
    for path, page in pages.items():
        for href, _ in page.links:
            target = resolve(site, path, href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{path.relative_to(site)}: {href} -> missing {file.relative_to(site)}")
            elif fragment and file.suffix == ".html" and fragment not in pages[file].ids:
                broken.append(f"{path.relative_to(site)}: {href} -> no anchor #{fragment}")
    assert broken == []


def listed_tasks(page) -> Counter:
    """(section, plan, task, role) for every link to a task, read from the role heading's id it stands
    under: plan-<plan>-<role>, or via-<group>-plan-<plan>-<role> for tasks reaching it through a group."""
    listed = Counter()
    for href, section in page.section_links:
        task = re.fullmatch(r"\.\./\.\./plans/([a-z0-9-]+)/#([a-z0-9-]+)", href)
        if not task or section.startswith("predecessor"):
            continue  # a predecessor's tasks (test_render proves that section)
        heading = re.fullmatch(r"(?:via-([a-z0-9-]+)-)?plan-([a-z0-9-]+)-(lead|responsible|cooperating)", section)
        assert heading and heading[2] == task[1], f"task link {href} under the heading #{section}"
        listed[(heading[1], task[1], task[2], heading[3])] += 1
    return listed


def test_each_department_page_lists_exactly_its_tasks(site, pages, handbook):
    """Own tasks under plan-<plan>-<role>; tasks of the groups it belongs to under via-<group>-..., less
    those already naming it."""
    for body in [*handbook.departments.values(), *handbook.groups.values()]:
        folder = "departments" if body.kind == "department" else "groups"
        path = site / folder / body.id / "index.html"
        own = {(d.plan, d.task) for d in handbook.duties_by_body.get(body.id, ())}
        expected = Counter((None, d.plan, d.task, d.role) for d in handbook.duties_by_body.get(body.id, ()))
        for group in handbook.member_of.get(body.id, ()):
            expected.update((group, d.plan, d.task, d.role) for d in handbook.duties_by_body.get(group, ())
                            if (d.plan, d.task) not in own)
        assert listed_tasks(pages[path]) == expected, body.id


def test_tasks_of_a_group_reach_its_members(site, pages, handbook):
    """省级有关部门 covers every Sichuan department: its 13 tasks are on 省质监局's page, through it."""
    group = "sichuan-shengjiyouguanbumen"
    assert handbook.members[group] == tuple(sorted(d.id for d in handbook.departments.values()
                                                   if d.jurisdiction == "sichuan"))
    listed = listed_tasks(pages[site / "departments" / "sichuan-shengzhijianju" / "index.html"])
    through = {key for key in listed if key[0] == group}
    assert len(through) == 13 - 1  # one of the 13 names 省质监局 itself as lead
    text = (site / "departments" / "sichuan-shengzhijianju" / "index.html").read_text(encoding="utf-8")
    assert "省质监局（四川省）" in text and "经由“省级有关部门”" in text
    group_page = (site / "groups" / group / "index.html").read_text(encoding="utf-8")
    assert group_page.count('href="../../departments/sichuan-') >= 43
    unstated = (site / "groups" / "sichuan-geshizhourenminzhengfu" / "index.html").read_text(encoding="utf-8")
    assert "数据未载明“各市州人民政府”包括哪些部门" in unstated


def test_work_list_shows_every_task_in_full_with_its_place(site, handbook):
    """No truncation: each task's whole text, its place in the plan, the other bodies linked."""
    text = (site / "departments" / "sichuan-shengzhijianju" / "index.html").read_text(encoding="utf-8")
    for duty in handbook.duties_by_body["sichuan-shengzhijianju"]:
        task = handbook.tasks[duty.plan, duty.task]
        for paragraph in (task.text or "").split("\n"):
            assert html.escape(paragraph.strip(), quote=False) in text, duty.task
    assert "附件1 九、 45、" in text and "…" not in text
    assert 'href="../sichuan-shengjingjihexinxihuawei/"' in text  # another department on the same task


def test_department_page_shows_aliases_and_full_name(site):
    text = (site / "departments" / "sichuan-jiaotongyunshuting" / "index.html").read_text(encoding="utf-8")
    assert "交通厅" in text and "交通运输厅" in text
    jincheng = (site / "departments" / "jincheng-shishichangjianguanju" / "index.html").read_text(encoding="utf-8")
    assert "晋城市市场监督管理局" in jincheng


def test_plan_pages_have_every_task_anchor(site, pages, handbook):
    for plan in handbook.plans.values():
        ids = pages[site / "plans" / plan.id / "index.html"].ids
        missing = [task.id for _, task in plan.walk() if task.id not in ids]
        assert missing == [], plan.id


def test_no_script_from_data(site, pages):
    """Every page has exactly the theme's scripts: data can add none."""
    theme = len(pages[site / "about" / "index.html"].scripts)
    assert {path.relative_to(site).as_posix(): len(page.scripts) for path, page in pages.items()
            if len(page.scripts) != theme and path.name != "404.html"} == {}


def test_api_files_match_the_data(site, handbook):
    api = {name: json.loads((site / "api" / f"{name}.json").read_text(encoding="utf-8"))
           for name in ("plans", "departments", "indicators", "citations")}
    assert {p["id"]: p["tasks"] for p in api["plans"]} == {
        p: len(handbook.assigned(p)) for p in handbook.plans}
    assert set(api["plans"][0]) == {"id", "title", "jurisdiction", "issuer", "doc_number", "issued", "url", "tasks"}
    for department in api["departments"]:
        assert {"id", "name", "full_name", "aliases", "jurisdiction", "category", "url", "tasks"} <= set(department)
        expected = [(d.plan, d.task, d.role) for d in handbook.duties_by_body.get(department["id"], ())]
        assert [(t["plan"], t["task"], t["role"]) for t in department["tasks"]] == expected
        assert {t["role"] for t in department["tasks"]} <= {"lead", "responsible", "cooperating"}
    assert len(api["indicators"]) == len(handbook.targets)
    assert {"plan", "task", "name", "comparator", "value", "unit", "year", "text"} <= set(api["indicators"][0])
    for citation in api["citations"]:
        assert {"doc_number", "title", "url", "in_handbook", "cited_by"} <= set(citation)
    for entry in api["plans"] + api["departments"] + api["citations"]:
        assert (site / entry["url"] / "index.html").is_file(), entry["url"]


def test_home_page_figures_are_the_data(site, handbook):
    """The 合计 row of the home table: each column equals what the data holds, cell by cell."""
    text = (site / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<td><strong>合计</strong></td>(.*?)</tr>", text, re.S)
    assert row, "the home page has no 合计 row"
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]
    plans = list(handbook.plans)
    expected = {
        "条目": sum(1 for p in plans for _ in handbook.plans[p].walk()),
        "有分工的任务": sum(len(handbook.assigned(p)) for p in plans),
        "部门": len({d.body for d in handbook.duties if d.body in handbook.departments}),
        "集体名称": len({d.body for d in handbook.duties if d.body in handbook.groups}),
        "指标": len(handbook.targets),
        "引用文件": len(handbook.citations),
    }
    assert dict(zip(expected, cells[1:])) == {k: str(v) for k, v in expected.items()}


def test_metric_pages_compare_plans_in_a_sortable_table_and_a_chart(site):
    page = (site / "metrics" / "food-safety-sampling-pass-rate" / "index.html").read_text(encoding="utf-8")
    table = re.search(r"<table data-sortable.*?</table>", page, re.S).group()
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
    assert ["赣州市", "97.5", "2020（沿用规划目标年）"] == [c for c in cells if c in ("赣州市", "97.5", "2020（沿用规划目标年）")]
    assert "晋城市" in cells and "98.5" in cells
    assert page.count('<svg class="hb-chart"') == 1 and "<desc>" in page
    assert (site / "metrics" / "food-safety-sampling-pass-rate.csv").read_text(encoding="utf-8-sig").count("\n") == 3
    assert not (site / "indicators" / "index.html").exists()
