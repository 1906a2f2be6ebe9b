"""The offline copy (`mkdocs build -f mkdocs-offline.yml`) opened from file:// in headless Chromium:
the navigation reaches pages, never folder listings, and nothing is asked for outside the copy.
(Search from file:// is not covered here: Material's search worker cannot load from file://.)"""

from __future__ import annotations

import re

import pytest

from .browser import build, local_only
from .site_html import parse

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    return build(tmp_path_factory.mktemp("offline") / "site", "mkdocs-offline.yml")


def test_every_internal_link_names_a_file(offline):
    """A link to a folder opens a folder listing from file://: every page link ends in .html."""
    folders = []
    for path in sorted(offline.rglob("*.html")):
        for href, _ in parse(path).links:
            target = href.split("#")[0]
            if target and not re.match(r"[a-z]+:", target) and not re.search(r"\.[a-z0-9]+$", target):
                folders.append(f"{path.relative_to(offline)}: {href}")
    assert folders == []


def test_navigation_works_from_the_file_system(browser, offline):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    outside, errors = [], []
    local_only(page, outside, errors)
    page.goto((offline / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="部门").click()
    assert page.url.endswith("/departments/index.html")
    assert page.locator(".md-content h1").inner_text().startswith("部门目录")
    page.locator(".md-content a", has_text="四川省").first.click()  # the place, then its departments
    assert page.url.endswith("/places/sichuan.html#departments")
    page.locator(".md-content a", has_text="省质监局").first.click()
    assert page.url.endswith(".html") and "/departments/" in page.url
    assert "省质监局（" in page.locator(".md-content h1").inner_text()
    page.locator(".md-content a.hb-place").first.click()
    assert "/plans/" in page.url and ".html#" in page.url
    page.go_back()
    page.locator(".md-tabs__link", has_text="首页").click()
    assert page.url.endswith("/index.html")
    page.close()
    assert outside == []
    # Material's search worker cannot load its index from file:// (a static search replaces it)
    assert [e for e in errors if "search_index" not in e] == []
