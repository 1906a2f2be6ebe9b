"""No generated index page lists more than routes.PAGE_ROWS rows, at a corpus size where an unpaged
list would (issue 8): the place indexes, the documents index and every other paged list."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from generator import load, routes

ROOT = Path(__file__).resolve().parent.parent
PLANS = 80  # ~2,000 departments, ~220 documents: past PAGE_ROWS for any list that is not split or paged


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("corpus") / "data"
    corpus.generate(PLANS, 1, out)
    return load(out)


def table_rows(markdown: str) -> int:
    """The body rows of every table on a page: Markdown tables (header and separator lines not
    counted) and, on an HTML page, the rows of every <tbody>."""
    html_rows = sum(body.count("<tr>") for body in re.findall(r"<tbody>(.*?)</tbody>", markdown, re.S))
    lines = markdown.splitlines()
    separator = re.compile(r"^\|( *:?-+:? *\|)+$")
    rows = 0
    for i, line in enumerate(lines):
        if line.startswith("|") and not separator.match(line):
            header = i + 1 < len(lines) and separator.match(lines[i + 1])
            rows += not header
    return rows + html_rows


def index_pages(handbook) -> dict[str, str]:
    """Every page of every index route: the fixed pages and the pages of paged lists."""
    out = {}
    for route in routes.ROUTES:
        if not route.pattern.endswith(".md") or not (route.fixed or route.paged):
            continue
        for item in [None] if route.items is None else route.items(handbook, routes.Site()):
            number = getattr(item, "number", 1)
            out[route.path(getattr(item, "id", None), number)] = route.render(handbook, item, routes.Site())
    return out


def test_no_index_page_lists_more_than_page_rows(handbook):
    assert len(handbook.departments) > 4 * routes.PAGE_ROWS  # the corpus is large enough to matter
    assert len(handbook.documents) > routes.PAGE_ROWS
    pages = index_pages(handbook)
    too_long = {path: n for path, text in pages.items() if (n := table_rows(text)) > routes.PAGE_ROWS}
    assert too_long == {}
    assert {"index.md", "plans/index.md", "departments/index.md", "documents/index.md", "documents/pages/2.md"} <= set(pages)


def test_the_place_indexes_page_and_list_every_place_once(handbook, monkeypatch):
    """With a small page, the plans index and the directory take several pages, each within the
    limit, and together list every place exactly once; the home page stays one line per province."""
    monkeypatch.setattr(routes, "PAGE_ROWS", 10)
    pages = index_pages(handbook)
    for kind, anchor in (("plans", "plans"), ("directory", "departments")):
        paths = [routes.path(kind, None, n) for n in range(1, routes.page_count(len(handbook.jurisdictions)) + 1)]
        assert len(paths) > 1 and set(paths) <= set(pages)
        listed = [j for p in paths for j in re.findall(rf"\((?:\.\./)+places/([a-z0-9-]+)\.md#{anchor}\)", pages[p])]
        assert sorted(listed) == sorted(handbook.jurisdictions)
        assert all(table_rows(pages[p]) <= 10 for p in paths)
    provinces = {j.province or j.name for j in handbook.jurisdictions.values()}
    assert len(re.findall(r"^- \[[^\]]+\]\(departments/", pages["index.md"], re.M)) == len(provinces)


def test_a_place_links_to_its_province_on_the_index_page_it_is_on(handbook, monkeypatch):
    """Past one index page, a place page's links to the plans index and the directory go to the
    page that lists it, where its province's heading (the anchor) is."""
    monkeypatch.setattr(routes, "PAGE_ROWS", 10)
    pages = routes.pages(handbook)
    checked = 0
    for path, text in pages.items():
        if not path.startswith("places/"):
            continue
        for url, anchor in re.findall(r'href="\.\./\.\./((?:plans|departments)/(?:pages/\d+/)?)#(p-[a-z0-9-]+)"', text):
            target = url + "index.md" if url.count("/") == 1 else url.rstrip("/") + ".md"
            assert f"{{ #{anchor} }}" in pages[target], (path, target, anchor)
            checked += 1
    assert checked == 2 * len(handbook.jurisdictions)
