"""Timeline: every dated item of a plan, each linked to its task; the plans side by side."""

from __future__ import annotations

import re

import pytest

from generator import crossplan_timeline, render, routes


@pytest.fixture(scope="module")
def pages(handbook):
    return routes.pages(handbook)


def rows(page: str) -> list[list[str]]:
    """The cells of the sortable table's body rows: a plan's timeline page is HTML, the handbook's Markdown."""
    if '<table data-sortable="">' in page:
        body = page.split('<table data-sortable="">')[1].split("<tbody>")[1].split("</tbody>")[0]
        return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in body.split("</tr>") if "<td>" in row]
    table = page.split("data-sortable markdown>")[1].split("</div>")[0]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in table.splitlines()
            if line.startswith("| ") and not line.startswith("| ---") and not line.startswith("| 日期") and
            not line.startswith("| 规划 |")]


def test_gansu_phases_and_deadlines_are_on_its_timeline(pages):
    found = {(r[0], r[1], r[2]) for r in rows(pages["timeline/gansu-quality-revitalization.md"])}
    assert {("2010-04—2011-03", "阶段", "启动阶段(2010年4月-2011年3月)"),
            ("2011-04—2015-09", "阶段", "实施阶段(2011年4月-2015年9月)"),
            ("2015-10—2015-12", "阶段", "总结阶段(2015年10月-2015年12月)"),
            ("2011-12", "时限", "2011年底前"), ("2011-04", "时限", "于2011年4月底前"),
            ("2011-03-18", "成文", "成文日期")} <= found


def test_a_deadline_without_a_year_says_its_year_is_the_plans(pages):
    found = {(r[0], r[2]) for r in rows(pages["timeline/sichuan-task-division.md"])}
    assert ("2018-04-30（年份沿用成文日期）", "于4月30日前") in found
    assert ("2018-06-30", "2018年6月30日前") in found


def test_every_dated_item_links_to_its_task(pages, handbook):
    for plan_id, plan in handbook.plans.items():
        page = pages[crossplan_timeline.timeline_page(plan_id)]
        linked = re.findall(r'href="\.\./\.\./plans/' + plan_id + r'/#([a-z0-9-]+)"', page)
        expected = [t.id for _, t in plan.walk() for _ in t.timeline]
        expected += list(dict.fromkeys((t.id, i.year) for _, t in plan.walk() for i in t.indicators if i.year))
        assert len(linked) == len(expected), plan_id
        assert set(linked) == {e if isinstance(e, str) else e[0] for e in expected}, plan_id


def test_target_years_count_every_indicator(handbook):
    for plan_id in handbook.plans:
        found = crossplan_timeline.items(handbook, plan_id)
        assert sum(i.count for i in found if i.kind == "target") == sum(
            1 for t in handbook.targets if t.plan == plan_id and t.indicator.year)


def test_handbook_timeline_has_one_lane_and_one_row_per_plan(pages, handbook):
    page = pages["timeline/index.md"]
    assert len(rows(page)) == len(handbook.plans)
    svg = re.search(r"<svg .*?</svg>", page, re.S).group()
    assert "<title>" in svg and "<desc>" in svg and "aria-label" in svg
    for plan in handbook.plans.values():
        assert plan.title in re.search(r"<desc>(.*?)</desc>", svg).group(1)


def test_positions_order_dates_of_any_precision():
    p = crossplan_timeline.position
    assert p("2011", False) < p("2011-04", False) < p("2011-04-30", True) < p("2011-04", True) < p("2011", True)
