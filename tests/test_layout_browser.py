"""Tables and small screens, in headless Chromium at 1,400 px and 375 px: no table hides a column,
long tables sort by any column, the directory filters as one types."""

from __future__ import annotations

import pytest

from .browser import PAGE_KINDS, WIDTHS, local_only

pytestmark = pytest.mark.browser

# Every cell whose right edge lies beyond what its table's box shows, or beyond the window.
HIDDEN_CELLS = """() => {
  const out = [];
  document.querySelectorAll('.md-content table').forEach((table, t) => {
    const box = (table.closest('.md-typeset__scrollwrap') || table.parentElement).getBoundingClientRect();
    table.querySelectorAll('th, td').forEach(cell => {
      const r = cell.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;  /* a card's empty cell, or a hidden header */
      if (r.right > Math.min(box.right, window.innerWidth) + 1)
        out.push(`table ${t}: ${cell.textContent.trim().slice(0, 12)} ends at ${Math.round(r.right)}`);
    });
  });
  return out;
}"""


@pytest.fixture
def page(browser):
    opened = browser.new_page()
    outside, errors = [], []
    local_only(opened, outside, errors)
    yield opened
    opened.close()
    assert outside == [] and errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_hides_a_column(page, site_url, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    hidden = {}
    for kind, path in [*PAGE_KINDS.items(), ("all-indicators", "indicators/")]:
        page.goto(site_url + path)
        cells = page.evaluate(HIDDEN_CELLS)
        if cells:
            hidden[kind] = cells[:3] + [f"… {len(cells)} cells"]
    assert hidden == {}


def test_plans_table_gives_plan_titles_room(page, site_url):
    """A place's plans table (the home page no longer lists plans)."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site_url + "places/sichuan/")
    width = page.evaluate("document.querySelector('.md-content table td:nth-child(1)').getBoundingClientRect().width")
    assert width > 160, "plan titles wrap a few characters a line"


def test_phone_shows_each_cell_under_its_header(page, site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "indicators/sichuan-task-division/")
    label = page.evaluate("getComputedStyle(document.querySelector('.md-content tbody td:last-child'), '::before').content")
    assert "年份" in label


def test_long_tables_sort_by_any_column(page, site_url):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site_url + "places/sichuan/")
    table = page.locator(".hb-filtered table").first
    names = table.locator("thead th").all_inner_texts()
    column_of_lead = next(i for i, name in enumerate(names) if name.startswith("牵头")) + 1
    header = table.locator("thead th").nth(column_of_lead - 1)

    def lead_counts() -> list[int]:
        return [int(v) for v in table.locator(f"tbody tr td:nth-child({column_of_lead})").all_inner_texts()]

    before = lead_counts()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert lead_counts() == sorted(before) != before
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert lead_counts() == sorted(before, reverse=True)


def test_directory_filter_box(page, site_url):
    """A place's departments filter by name; its plans table stays shown."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "places/sichuan/")
    page.get_by_label("筛选").fill("质监局")
    visible = page.locator(".hb-filtered tbody tr:visible").all_inner_texts()
    assert visible and all("质监局" in row for row in visible)
    assert page.locator(".hb-filtered tbody tr").count() > 30
    assert page.locator(".md-content a[href*='plans/sichuan-task-division']").first.is_visible()
    assert page.locator("#hb-filter-status").inner_text() == f"显示 {len(visible)} 行"
    page.goto(site_url + "departments/")  # the directory's filter finds a place
    page.get_by_label("筛选").fill("四川")
    assert page.locator(".hb-filtered tbody tr:visible").all_inner_texts()[0].startswith("四川省")
    assert page.locator(".hb-filtered tbody tr:visible").count() == 1
