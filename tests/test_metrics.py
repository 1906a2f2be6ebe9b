"""Metric pages compare every plan's target for one metric: table, chart, CSV, index."""

from __future__ import annotations

import csv
import io
import re

import pytest

from generator import charts, crossplan, render, routes

CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


@pytest.fixture(scope="module")
def pages(handbook):
    return routes.pages(handbook)


def rows(page: str) -> list[dict]:
    """The targets in a metric page's table: place, plan, task, indicator name, value, year."""
    table = page.split('<table data-sortable="">')[1].split("<tbody>")[1].split("</tbody>")[0]
    out = []
    for row in table.split("</tr>"):
        cells = CELL.findall(row)
        if cells:
            year = re.match(r"\d{4}", cells[8])
            out.append({"place": cells[0], "plan": re.search(r"plans/([a-z0-9-]+)/", cells[2]).group(1),
                        "task": re.search(r"#([a-z0-9-]+)\"", cells[3]).group(1), "name": cells[4], "value": cells[6],
                        "year": year.group() if year else None})
    return out


def test_food_safety_page_compares_ganzhou_and_jincheng(pages):
    found = {(r["place"], r["value"], r["year"]) for r in rows(pages["metrics/food-safety-sampling-pass-rate.md"])}
    assert found == {("赣州市", "97.5", "2020"), ("晋城市", "98.5", "2025")}


def test_competitiveness_index_page_holds_the_index_not_the_rank(pages):
    page = pages["metrics/manufacturing-quality-competitiveness-index.md"]
    assert {(r["place"], r["value"], r["year"]) for r in rows(page)} == {("赣州市", "83", "2020"),
                                                                          ("四川省", "84.5", "2020")}
    rank = rows(pages["metrics/manufacturing-quality-competitiveness-index-national-rank.md"])
    assert [(r["place"], r["value"]) for r in rank] == [("四川省", "10")]


def test_every_mapped_indicator_is_on_its_metric_page(pages, handbook):
    """Fails when a metric page loses a plan or a target."""
    for metric_id in handbook.metrics:
        expected = sorted((t.plan, t.task, render.value_text(t.indicator)) for t in handbook.targets
                          if t.indicator.metric == metric_id)
        page = pages.get(crossplan.metric_page(metric_id), "")
        assert sorted((r["plan"], r["task"], r["value"]) for r in rows(page)) == expected, metric_id


def test_no_real_indicator_lacks_a_metric_or_a_reason(handbook):
    assert [t for t in handbook.targets if not t.indicator.metric and not t.indicator.unmapped] == []


def test_metric_page_has_a_chart_with_its_text_equivalent(pages):
    page = pages["metrics/food-safety-sampling-pass-rate.md"]
    svg = re.search(r"<svg .*?</svg>", page, re.S).group()
    assert 'role="img"' in svg and "aria-label=" in svg and "<script" not in svg
    desc = re.search(r"<desc>(.*?)</desc>", svg).group(1)
    assert "赣州市 2020年 不低于 97.5%" in desc and "晋城市 2025年 达到 98.5%" in desc
    assert "赣州市 ≥97.5" in svg and "晋城市 98.5" in svg  # every point is labelled in the chart itself
    assert "data-sortable" in page


def test_a_level_and_a_change_never_share_an_axis(pages):
    """森林覆盖率: 赣州 keeps 76.2%, 甘肃 raises it by 10 个百分点: two charts."""
    page = pages["metrics/forest-coverage.md"]
    assert page.count("<svg ") == 2
    assert "变化幅度（个百分点）" in page and "目标值（%）" in page


def test_a_rank_is_drawn_with_first_on_top():
    points = [charts.Point("甲", 2020, 1, None, "甲 1"), charts.Point("乙", 2020, 10, None, "乙 10")]
    svg = charts.dot_chart(points, "名次", "甲 1；乙 10", "名次", reverse=True)
    ys = {label: float(y) for y, label in re.findall(r'<text x="[\d.]+" y="([\d.]+)" font-size="11" fill="[^"]+">([^<]+)<', svg)}
    assert ys["甲 1"] < ys["乙 10"]


def test_chart_text_from_data_is_escaped():
    svg = charts.dot_chart([charts.Point("<b>", 2020, 5, 8, "<script>x</script>")], '"&', "<i>", "%")
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg and "&lt;script&gt;" in svg


def test_nice_ticks_cover_the_values():
    assert charts.nice_ticks(97.4, 98.6) == [97.0, 97.5, 98.0, 98.5, 99.0]
    ticks = charts.nice_ticks(0, 12500)
    assert ticks[0] <= 0 and ticks[-1] >= 12500 and len(ticks) <= 8


def test_csv_holds_the_same_figures(handbook):
    exports = {p: t for p, t in routes.outputs(handbook).items() if p.startswith("metrics/") and p.endswith(".csv")}
    text = exports["metrics/food-safety-sampling-pass-rate.csv"]
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["place"], r["value"], r["year"], r["comparator"]) for r in table] == [
        ("赣州市", "97.5", "2020", "at-least"), ("晋城市", "98.5", "2025", "reach")]
    assert set(exports) == {crossplan.metric_csv(m) for m in crossplan._groups(handbook).by_metric}


def test_metrics_index_lists_each_metric_once_most_plans_first(pages, handbook):
    index = pages["metrics/index.md"]
    listed = re.findall(r"^\| \d+ \| \[[^]]+\]\(([a-z0-9-]+)\.md\)[^|]* \| (\d+) \|", index, re.MULTILINE)
    assert sorted(m for m, _ in listed) == sorted({t.indicator.metric for t in handbook.targets})
    counts = [int(n) for _, n in listed]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    assert "indicators/index.md" not in pages


def test_metrics_index_is_paged_past_the_page_size(handbook, monkeypatch):
    monkeypatch.setattr(routes, "PAGE_ROWS", 50)
    out = routes.pages(handbook)
    index_pages = sorted(p for p in out if p == "metrics/index.md" or p.startswith("metrics/pages/"))
    assert index_pages == ["metrics/index.md", "metrics/pages/2.md", "metrics/pages/3.md"]
    listed = [line for p in index_pages for line in out[p].splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(listed) == len(crossplan._groups(handbook).by_metric)
    assert "[2](pages/2.md)" in out["metrics/index.md"]


def test_an_unmapped_indicator_says_so_and_leaves_no_metric_page(tmp_path):
    from generator import load

    from .conftest import golden_data
    data = golden_data("minimal", tmp_path)
    plan = data / "plans" / "testprov-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "metric: food-safety-sampling-pass-rate", "unmapped: 口径与其他规划不同"), encoding="utf-8")
    out = routes.pages(load(data))
    assert 'title="口径与其他规划不同">未归入指标</span>' in out["plans/testprov-plan.md"]
    assert "另有 1 项指标未归入任何事项" in out["metrics/index.md"]
    assert not any(p.startswith("metrics/food") for p in out)


def test_a_metric_set_by_many_plans_is_paged_and_loses_no_target(handbook, monkeypatch):
    """Past PAGE_ROWS targets a metric page is paged: every target on exactly one page, each page
    charting its own rows and linking the CSV and the other pages."""
    monkeypatch.setattr(routes, "PAGE_ROWS", 1)
    out = routes.pages(handbook)
    many = [m for m in crossplan.metric_ids(handbook) if len(crossplan.targets_of(handbook, m)) > 1]
    assert many  # 11 metrics are set by more than one plan
    for metric_id in many:
        count = len(crossplan.targets_of(handbook, metric_id))
        paths = [crossplan.metric_page(metric_id, n) for n in range(1, count + 1)]
        assert paths[1] == f"metrics/{metric_id}/pages/2.md" and all(p in out for p in paths)
        assert crossplan.metric_page(metric_id, count + 1) not in out
        found = sorted((r["plan"], r["task"], r["value"]) for p in paths for r in rows(out[p]))
        assert found == sorted((t.plan, t.task, render.value_text(t.indicator))
                               for t in crossplan.targets_of(handbook, metric_id)), metric_id
        assert f'<a href="../../../{metric_id}.csv">CSV 文件</a>' in out[paths[1]]
        assert '<a href="../../">1</a>' in out[paths[1]] and "（第 2 页）" in out[paths[1]]
