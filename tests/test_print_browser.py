"""A department page and a plan page print on A4 as documents: rendered to PDF in headless Chromium
and read back. Needs a font with Chinese glyphs (.ci/run installs fonts-wqy-microhei)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from .browser import local_only

pytestmark = pytest.mark.browser
A4 = (595, 842)  # points
NAV_WORDS = ("使用说明", "键入以开始搜索", "返回顶部", "跳转至")


def printed(browser, url: str) -> list[str]:
    """The text of each printed sheet, all white space removed (the PDF wraps lines anywhere)."""
    page = browser.new_page()
    outside, errors = [], []
    local_only(page, outside, errors)
    page.goto(url)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    assert outside == [] and errors == []
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {A4}
    return [re.sub(r"\s+", "", p.extract_text()) for p in reader.pages]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("path, title", [
    ("departments/sichuan-shengzhijianju/", "省质监局（四川省）"),
    ("plans/sichuan-task-division/", "四川省开展质量提升行动重点工作任务分工方案"),
])
def test_page_prints_as_a_document(browser, site_url, path, title, handbook):
    sheets = printed(browser, site_url + path)
    assert len(sheets) > 3
    whole = "".join(sheets)
    for word in NAV_WORDS:
        assert word not in whole, f"navigation or search printed: {word}"
    for number, sheet in enumerate(sheets, start=1):
        assert title in sheet, f"sheet {number} has no header with the title"
        assert compact(site_url + path) in sheet and "数据日期" in sheet, f"sheet {number} has no footer"
        assert f"{number}/{len(sheets)}" in sheet
    plan = "sichuan-task-division"
    tasks = ([handbook.tasks[d.plan, d.task] for d in handbook.duties_by_body["sichuan-shengzhijianju"]]
             if path.startswith("departments") else handbook.assigned(plan))
    missing = [t.id for t in tasks if compact(t.text or "") not in whole]
    assert missing == [], "task text cut or missing in print"


def test_printed_tables_keep_every_column(browser, site_url):
    """The indicator table of a work-list item prints all five columns, the year included."""
    sheets = "".join(printed(browser, site_url + "departments/sichuan-shengzhijianju/"))
    assert "指标比较目标值单位年份" in sheets
    assert "产品质量满意度不低于85%2020（沿用规划目标年）" in sheets


def test_print_keeps_each_task_and_row_on_one_sheet(browser, site_url):
    """In print, a work-list task, a plan's task and a table row never break across sheets, and
    no table is cut to a scroll box."""
    page = browser.new_page()
    page.emulate_media(media="print")
    styles = {}
    for path in ("departments/sichuan-shengzhijianju/", "plans/sichuan-task-division/"):
        page.goto(site_url + path)
        styles[path] = page.evaluate("""() => ({
          blocks: [...new Set([...document.querySelectorAll('.hb-work, .hb-task, .md-content tr')]
                   .map(e => getComputedStyle(e).breakInside))],
          scroll: [...new Set([...document.querySelectorAll('.md-typeset__scrollwrap')]
                   .map(e => getComputedStyle(e).overflowX))],
          nav: [...document.querySelectorAll('.md-header, .md-tabs, .md-sidebar, .md-search')]
               .filter(e => getComputedStyle(e).display !== 'none').length})""")
    page.close()
    for path, found in styles.items():
        assert found == {"blocks": ["avoid"], "scroll": ["visible"], "nav": 0}, path
