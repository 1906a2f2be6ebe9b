"""Search, as a reader uses it: the real site, the header search box, headless Chromium.

One `mkdocs build` of the real site, one local HTTP server on 127.0.0.1, one browser page; every
case types a query into the header search box and reads the rendered result list. Cases come from
data/departments/*.yaml:

- a department's name lists the pages of every department of that name first;
- each alias and the full name list the department's page among the first five;
- the partial names 质监局 and 市场监管局 list a department whose name contains them among the
  first five;
- and the price of that ranking is not paid by other searches: a plan's title lists the plan
  among the first three, with no department page above it.

Then the engine itself (generator/search): a page view downloads no index, a query only the
shards it needs, document numbers in any brackets, a phrase copied from a task, the keyboard,
text from the data shown as text, and the offline copy opened from file://.

Why a browser: the ranking happens in the client script (generator/search/client.js) reading the
built shards, so only the running page shows what a reader sees.
HANDBOOK_SEARCH_PROJECT points the test at another project folder (mkdocs.yml + data/), which is
how the prototype in the scratch folder was measured.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator.search import shards, text
from generator.search.records import NAMES, Key, Record

from .conftest import copy_project, mkdocs
from .search_harness import write_site

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
        # (URL, bytes) of every response, to see what the search downloads
        self.downloads: list[tuple[str, int]] = []
        page.on("requestfinished", lambda request: self.downloads.append(
            (request.url, request.sizes()["responseBodySize"])))
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

    def settle(self) -> None:
        """Wait until the query's last shards are in (the result box is no longer aria-busy)."""
        self.page.wait_for_function("() => !document.querySelector('.md-search-result').hasAttribute('aria-busy')")

    def hrefs(self) -> list[str]:
        """The full address of each result's first link, fragment included."""
        return self.page.eval_on_selector_all(
            ".md-search-result__list > li > a.md-search-result__link:first-child", "els => els.map(e => e.href)")


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


def local_only(route) -> None:
    """Nothing but the local server or the local files: a font or any outside address is refused."""
    url = urlsplit(route.request.url)
    route.continue_() if url.scheme == "file" or url.hostname == "127.0.0.1" else route.abort()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, never a downloaded browser."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: the search test needs Debian's chromium "
                    "(apt-get install chromium); it is not skipped, because search is a requirement")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served from 127.0.0.1 only."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def open_page(browser, errors: list[str]):
    """A fresh page (empty cache) that records its requests and its JavaScript errors."""
    page = browser.new_page()
    page.route("**/*", local_only)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


@pytest.fixture(scope="session")
def search_box(browser, site_url):
    """One page on the built site, kept for every case."""
    errors: list[str] = []
    page = open_page(browser, errors)
    yield SearchBox(page, site_url)
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def fresh_box(browser, site_url):
    """A new page with nothing loaded yet, for counting what a search downloads."""
    errors: list[str] = []
    page = open_page(browser, errors)
    yield SearchBox(page, site_url)
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_data_gives_cases():
    """The cases come from data/; no departments or plans would mean no search test at all."""
    assert [b for b in BODIES if b.kind == "departments"], f"no departments in {PROJECT / 'data' / 'departments'}"
    assert PLANS, f"no plan titles in {PROJECT / 'data' / 'plans'}"
    for partial in PARTIALS:
        assert any(c.kind == "partial" and c.query == partial and c.expected for c in CASES), (
            f"no department name contains {partial!r}; the partial-name case has nothing to find")


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


def index_files(site: Path) -> tuple[str, dict]:
    """The search folder of a built site (search/<version>/) and the client's manifest."""
    (client,) = site.glob("search/*/handbook-search.js")
    manifest = json.loads(re.search(r"var MANIFEST = (\{.*?\});", client.read_text(encoding="utf-8")).group(1))
    return manifest["dir"], manifest


def shard_downloads(box: SearchBox, folder: str) -> dict[str, int]:
    """Index files downloaded so far (k/.., t/.., d/..) and their sizes; the client script excluded."""
    found = {}
    for url, size in box.downloads:
        path = urlsplit(url).path.lstrip("/")
        if path.startswith(folder) and not path.endswith("handbook-search.js"):
            found[path.removeprefix(folder).removesuffix(".js")] = size
    return found


def test_a_page_view_downloads_no_index(fresh_box, built_site, site_url):
    """Opening pages loads the client script only: no shard, no lunr index, no search worker."""
    for path in ("", "departments/", "plans/sichuan-task-division/"):
        fresh_box.page.goto(site_url + path)
        fresh_box.page.wait_for_load_state("networkidle")
    urls = [urlsplit(url).path for url, _ in fresh_box.downloads]
    folder, _ = index_files(built_site)
    assert any(u.endswith("handbook-search.js") for u in urls)
    assert shard_downloads(fresh_box, folder) == {}
    assert not [u for u in urls if "search_index" in u or "workers/search" in u or "lunr" in u], urls
    assert not list(built_site.glob("assets/javascripts/lunr")) and not list(built_site.glob("search/search_index*"))


def test_a_query_downloads_only_the_shards_it_needs(fresh_box, built_site):
    """省质监局: the key shard of 省质, the text shards of its bigrams, and record chunks to check."""
    folder, manifest = index_files(built_site)
    results = fresh_box.search("省质监局")
    assert results[0][0].startswith("departments/")
    fresh_box.settle()
    downloaded = shard_downloads(fresh_box, folder)
    grams = text.bigrams("省质监局")
    expected = {f"k/{text.shard_name(text.shard('省质', manifest['k']), manifest['k'])}"}
    expected |= {f"t/{text.shard_name(text.shard(g, manifest['t']), manifest['t'])}" for g in grams}
    assert {name for name in downloaded if not name.startswith("d/")} == expected
    assert len([name for name in downloaded if name.startswith("d/")]) <= manifest["checked"]
    total = sum(1 for path in built_site.glob(folder + "*/*.js"))
    assert len(downloaded) < total / 2, f"{len(downloaded)} of {total} index files for one query"


@pytest.mark.parametrize("query, page", [("中发〔2017〕24号", "documents/zhongfa-2017-24/"),
                                         ("中发[2017]24号", "documents/zhongfa-2017-24/"),
                                         ("中发［2017］24 号", "documents/zhongfa-2017-24/"),
                                         ("ｇｂ／ｔ１９００４", "documents/gb-t-19004/")])
def test_a_document_number_lists_its_document_first(search_box, query, page):
    """Brackets, width and case as the sources write them: the browser's normal form is Python's."""
    assert search_box.search(query)[0][0] == page


def test_a_phrase_copied_from_a_task_finds_its_section(search_box):
    plan = yaml.safe_load((PROJECT / "data" / "plans" / "anhui-quality-improvement.yaml").read_text(encoding="utf-8"))
    stack, task = list(plan["tasks"]), None
    while stack:
        node = stack.pop(0)
        if len(node.get("text") or "") > 60:
            task = node
            break
        stack[:0] = node.get("children") or []
    phrase = task["text"][20:45]
    search_box.search(phrase)
    first = urlsplit(search_box.hrefs()[0])
    assert (first.path.lstrip("/"), first.fragment) == ("plans/anhui-quality-improvement/", task["id"]), phrase


def test_keyboard_moves_opens_and_closes(fresh_box, site_url):
    page = fresh_box.page
    fresh_box.search("省质监局")
    page.keyboard.press("ArrowDown")  # while full-text results may still arrive: focus stays on the link
    first = fresh_box.hrefs()[0]
    fresh_box.settle()
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    fresh_box.box.click()
    page.keyboard.press("Enter")
    page.wait_for_url(first)


def harness_files(records: list) -> dict[str, bytes]:
    """The index of ``records`` and the client, as generator.search.outputs lays them out."""
    index = shards.build(records)
    files = {f"search/v/{name}": data.encode("utf-8") for name, data in index.files.items()}
    manifest = {"dir": "search/v/", "k": index.key_shards, "t": index.text_shards, "c": shards.CHUNK,
                "grams": 6, "checked": 12, "callback": shards.CALLBACK}
    client = (ROOT / "generator" / "search" / "client.js").read_text(encoding="utf-8")
    files["search/v/handbook-search.js"] = client.replace("/*MANIFEST*/null", json.dumps(manifest)).encode("utf-8")
    return files


def test_results_are_text_never_markup(browser, tmp_path):
    """Titles and text from the data reach the page as text: no element, no script runs."""
    hostile = '<img src=x onerror="window.__pwned=1">省质监局'
    records = [Record("department", hostile, "departments/x/", hostile, "<script>window.__pwned=2</script>省质监局",
                      (Key(text.normal("省质监局"), NAMES, 0),))]
    index_html = write_site(harness_files(records), "search/v/handbook-search.js", tmp_path)
    errors: list[str] = []
    page = open_page(browser, errors)
    box = SearchBox(page, index_html.as_uri())
    box.search("省质监局")
    box.settle()
    assert page.eval_on_selector("h1", "e => e.textContent") == hostile
    assert page.evaluate("document.querySelectorAll('.md-search-result__list img, .md-search-result__list script').length") == 0
    assert page.evaluate("window.__pwned") is None
    page.close()
    assert not errors


def test_a_missing_shard_is_reported_in_the_box(browser, tmp_path):
    """A shard that cannot be loaded says so where the results would be; nothing hangs or throws."""
    records = [Record("department", "省质监局", "departments/x/", "省质监局", "", (Key("省质监局", NAMES, 0),))]
    files = {name: data for name, data in harness_files(records).items() if "/k/" not in name}
    errors: list[str] = []
    page = open_page(browser, errors)
    box = SearchBox(page, write_site(files, "search/v/handbook-search.js", tmp_path).as_uri())
    box.box.fill("省质监局")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('无法加载')")
    assert box.search("省质监局") == []
    page.close()
    assert not errors


def test_search_works_from_file_urls(browser, tmp_path):
    """The offline copy (use_directory_urls: false) searches when opened from the file system."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    run = mkdocs("build", "--quiet", "--site-dir", site, cwd=project)
    assert run.returncode == 0, run.stderr
    errors: list[str] = []
    page = open_page(browser, errors)
    box = SearchBox(page, (site / "plans" / "index.html").as_uri())
    box.search("省质监局")
    hrefs = box.hrefs()
    assert hrefs and hrefs[0] in {(site / "departments" / f"{d}.html").as_uri()
                                  for d in ("sichuan-shengzhijianju", "anhui-shengzhijianju")}, hrefs[:3]
    page.goto(hrefs[0])
    assert page.title().startswith("省质监局")
    page.close()
    assert not errors
