"""axe-core (npm, package.json at the repository root; `npm ci` installs it) finds no serious or
critical violation on any page kind, at 1,400 px and at 375 px, in headless Chromium."""

from __future__ import annotations

import pytest

from .browser import PAGE_KINDS, WIDTHS, local_only
from .conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` at the repository root")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_violation_on_any_page_kind(browser, site_url, axe, width):
    page = browser.new_page(viewport={"width": WIDTHS[width], "height": 900})
    outside, errors = [], []
    local_only(page, outside, errors)
    found = {}
    for kind, path in PAGE_KINDS.items():
        page.goto(site_url + path)
        page.add_script_tag(content=axe)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[kind] = serious
    page.close()
    assert found == {}
    assert outside == [], "a page asked for something outside the site"
    assert errors == []
