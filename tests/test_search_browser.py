"""Department search, as a reader uses it: the real site, Material's search box, headless Chromium.

One `mkdocs build` of the real site, one local HTTP server on 127.0.0.1, one browser page; every
case types a query into the header search box and reads the rendered result list. Cases come from
data/departments/*.yaml:

- a department's name lists the pages of every department of that name first;
- each alias and the full name list the department's page among the first five;
- the partial names 质监局 and 市场监管局 list a department whose name contains them among the
  first five;
- and the price of that ranking is not paid by other searches: a plan's title lists the plan
  among the first three, with no department page above it (department pages carry a search boost,
  so only their first section may be indexed).

Why a browser: the ranking happens in Material's search worker (lunr, plus the patch in
generator/search.py), so only the running worker shows what a reader sees.
HANDBOOK_SEARCH_PROJECT points the test at another project folder (mkdocs.yml + data/), which is
how the prototype in the scratch folder was measured.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import search

ROOT = Path(__file__).resolve().parent.parent
PROJECT = Path(os.environ.get("HANDBOOK_SEARCH_PROJECT") or ROOT)
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PARTIALS = ("质监局", "市场监管局")
TOP = 5
PLACEHOLDER = "键入以开始搜索"  # Material's zh "type to start searching": the box is empty and settled


@dataclass(frozen=True)
class Body:
    """A department or group as its registry states it, with its page's URL path."""

    page: str
    name: str
    aliases: tuple[str, ...]
    full_name: str | None
    kind: str


@dataclass(frozen=True)
class Case:
    """One query and the pages a reader must find: all of them first, or one among the first TOP."""

    kind: str
    query: str
    expected: frozenset[str]
    all_first: bool

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.query}"


def registry_bodies(project: Path) -> list[Body]:
    """Every department and group in project/data/departments/*.yaml."""
    bodies = []
    for path in sorted((project / "data" / "departments").glob("*.yaml")):
        registry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for kind, folder in (("departments", "departments"), ("groups", "groups")):
            for entry in registry.get(kind) or []:
                bodies.append(Body(f"{folder}/{entry['id']}/", entry["name"], tuple(entry.get("aliases") or ()),
                                   entry.get("full_name"), kind))
    return bodies


def search_cases(bodies: list[Body]) -> list[Case]:
    """The cases the requirement names, one per distinct query and expectation."""
    departments = [b for b in bodies if b.kind == "departments"]
    by_name: dict[str, set[str]] = {}
    for body in bodies:
        by_name.setdefault(body.name, set()).add(body.page)
    cases = {}
    for d in departments:
        cases[("name", d.name)] = Case("name", d.name, frozenset(by_name[d.name]), True)
    for d in departments:
        for alias in d.aliases:
            cases.setdefault(("alias", alias, d.page), Case("alias", alias, frozenset({d.page}), False))
        if d.full_name and d.full_name != d.name:
            cases.setdefault(("full_name", d.full_name, d.page),
                             Case("full_name", d.full_name, frozenset({d.page}), False))
    for partial in PARTIALS:
        cases[("partial", partial)] = Case(
            "partial", partial, frozenset(d.page for d in departments if partial in d.name), False)
    return list(cases.values())


def plan_titles(project: Path) -> list[tuple[str, str]]:
    """(title, page) of every plan in project/data/plans/*.yaml; the id is the file name."""
    plans = []
    for path in sorted((project / "data" / "plans").glob("*.yaml")):
        title = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("title")
        if title:
            plans.append((title, f"plans/{path.stem}/"))
    return plans


BODIES = registry_bodies(PROJECT)
CASES = search_cases(BODIES)
PLANS = plan_titles(PROJECT)


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request."""

    def log_message(self, *args) -> None:
        pass


class SearchBox:
    """Material's header search box on a live page: type a query, read the ranked page paths."""

    def __init__(self, page, url: str):
        self.page = page
        # The worker reports a query lunr cannot parse as a console warning and shows no results.
        self.invalid: list[str] = []
        page.on("console", lambda message: self.invalid.append(message.text)
                if message.text.startswith("Invalid query") else None)
        page.goto(url)
        self.box = page.locator("input.md-search__input")
        self.box.click()
        self._wait_meta(f"=== {PLACEHOLDER!r}")

    def _wait_meta(self, condition: str) -> None:
        self.page.wait_for_function(
            f"() => {{ const m = document.querySelector('.md-search-result__meta');"
            f" return m !== null && m.textContent.trim() {condition} }}", timeout=15000)

    def search(self, query: str) -> list[tuple[str, str]]:
        """(page path, title) of each result, best first, after typing ``query``."""
        self.box.fill("")
        self.box.press("End")
        self._wait_meta(f"=== {PLACEHOLDER!r}")
        # fill() then one key: Material reads the box on keyup, and typed Chinese sends no keyup,
        # so exactly one query (the whole text) reaches the worker.
        self.box.fill(query)
        self.box.press("End")
        self._wait_meta(f"!== {PLACEHOLDER!r}")
        assert not self.invalid, f"the search worker rejected the query: {self.invalid.pop()}"
        links = self.page.eval_on_selector_all(
            ".md-search-result__list > li > a.md-search-result__link:first-child",
            "els => els.map(e => [e.href, (e.querySelector('h1') || e).textContent.replace(/\\u200b/g, '')])")
        return [(urlsplit(href).path.lstrip("/"), title.strip()) for href, title in links]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build` from the project's mkdocs.yml."""
    site = tmp_path_factory.mktemp("search-site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                          str(PROJECT / "mkdocs.yml"), "--site-dir", str(site)],
                         cwd=PROJECT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, f"mkdocs build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    return site


@pytest.fixture(scope="session")
def search_box(built_site):
    """A headless Chromium page on the built site, served from 127.0.0.1 only."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the search test needs Debian's chromium "
                    "(apt-get install chromium); it is not skipped, because search is a requirement")
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    errors: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            # Nothing but the local server: a theme font or any other outside address is refused.
            page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                       else route.abort())
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            yield SearchBox(page, f"http://127.0.0.1:{server.server_port}/")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_data_gives_cases():
    """The cases come from data/; no departments or plans would mean no search test at all."""
    assert [b for b in BODIES if b.kind == "departments"], f"no departments in {PROJECT / 'data' / 'departments'}"
    assert PLANS, f"no plan titles in {PROJECT / 'data' / 'plans'}"
    for partial in PARTIALS:
        assert any(c.kind == "partial" and c.query == partial and c.expected for c in CASES), (
            f"no department name contains {partial!r}; the partial-name case has nothing to find")


def test_built_worker_is_patched(built_site):
    """The hook applied the search worker patch (its marker heads the built worker)."""
    workers = list(built_site.glob(search.WORKER_GLOB))
    assert len(workers) == 1 and workers[0].read_text(encoding="utf-8").startswith(search.PATCH_MARKER)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_department_search(search_box, case: Case):
    """The query lists the expected department pages where a reader looks first."""
    results = search_box.search(case.query)
    paths = [path for path, _ in results]
    shown = "\n".join(f"  {i + 1}. {path}  {title}" for i, (path, title) in enumerate(results[:8])) or "  (none)"
    if case.all_first:
        first = set(paths[:len(case.expected)])
        assert first == case.expected, (
            f"{case.query!r} must list {sorted(case.expected)} first; the results were:\n{shown}")
    else:
        assert case.expected, f"{case.query!r}: no department to expect"
        assert case.expected & set(paths[:TOP]), (
            f"{case.query!r} must list one of {sorted(case.expected)} among the first {TOP}; the results were:\n{shown}")


@pytest.mark.parametrize("title, plan_page", PLANS, ids=[page for _, page in PLANS])
def test_plan_title_is_not_buried_under_departments(search_box, title: str, plan_page: str):
    """Searching a plan's title lists the plan among the first three, no department page above it."""
    paths = [path for path, _ in search_box.search(title)]
    assert plan_page in paths[:3], f"{title!r} must list {plan_page} among the first 3; got {paths[:8]}"
    above = [p for p in paths[:paths.index(plan_page)] if p.startswith(("departments/", "groups/"))]
    assert not above, (f"{title!r}: department pages {above} rank above the plan; index only the first section "
                       "of department pages (every heading below h1 needs { data-search-exclude })")


def test_patch_refuses_changed_worker(tmp_path):
    """An upstream change to the patched code stops the build with the file and the missing code."""
    worker = tmp_path / "assets" / "javascripts" / "workers" / "search.0000.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text('"use strict";(()=>{/* some other version */})();', encoding="utf-8")
    with pytest.raises(search.SearchPatchError) as raised:
        search.patch_search_worker(tmp_path)
    message = str(raised.value)
    assert str(worker) in message and "o<t.length;o++" in message and "found 0" in message


def test_patch_needs_exactly_one_worker(tmp_path):
    """No worker (a theme other than Material) is an error, not a silent no-op."""
    with pytest.raises(search.SearchPatchError, match="expected exactly one search worker"):
        search.patch_search_worker(tmp_path)
