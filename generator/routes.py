"""Where every page and every other build output lives: one table, the only place that knows paths.

Each route is a kind of output: its path pattern (docs-relative; ``{id}`` for one output per item),
the items that get one (None: a single fixed output) and the function that renders it. ``render``,
``api``, ``changes``, the rules (an id that would land on a fixed page) and the hook all ask here;
``outputs`` renders the whole table into the one writer (``write.Outputs``), which refuses a second
output on a path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable

from . import (api, crossplan, crossplan_categories, crossplan_lineage, crossplan_themes, crossplan_timeline, exports,
               places, render, search)
from .link import per_handbook


@dataclass(frozen=True)
class Route:
    """One kind of output."""

    kind: str
    pattern: str
    render: Callable[[Any, Any, "Site"], str | bytes]  # (handbook, item, site) -> content
    items: Callable[..., Iterable] | None = None  # (handbook, site) -> the items (or Pages) with an output
    entity: str | None = None  # the model kind whose id fills {id} (for the reserved-id rule)
    paged: str | None = None  # the pattern of pages 2, 3, … ({n}) of a list that is paged
    html: bool = False  # the page is HTML under front matter: MkDocs wraps it in the theme, no Markdown (hook)

    def path(self, item_id: str | None = None, number: int = 1) -> str:
        """This route's path, for one item's id when the pattern has {id}, and page ``number``."""
        pattern = self.paged if number > 1 else self.pattern
        return pattern.format(id=item_id, n=number)

    @property
    def fixed(self) -> bool:
        """A single output (or a paged list), not one per item."""
        return "{id}" not in self.pattern


@dataclass(frozen=True)
class Page:
    """One output of a route whose items are not models: an id (or None) and a page number."""

    id: str | None = None
    number: int = 1


PAGE_ROWS = 200  # an index past this many rows is paged, so that no page grows with the handbook


def page_count(rows: int) -> int:
    """How many pages a list of ``rows`` rows takes: one per PAGE_ROWS rows, at least one."""
    return max(1, -(-rows // PAGE_ROWS))


def on_page(rows, number: int):
    """The rows page ``number`` of a paged list shows."""
    return rows[(number - 1) * PAGE_ROWS:number * PAGE_ROWS]


def numbered(count: int, item_id: str | None = None) -> list[Page]:
    """The pages of a list of ``count`` rows: 1 (always), 2, …"""
    return [Page(item_id, n) for n in range(1, page_count(count) + 1)]


@dataclass(frozen=True)
class Site:
    """What the outputs depend on besides the data: how docs paths become URLs (MkDocs'
    use_directory_urls, site_url), the data's date, and data/'s own files (for the download)."""

    directory_urls: bool = True
    site_url: str = ""
    epoch: int = 0  # seconds: the build's date (generator.dates), never the clock
    data_files: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def of(cls, directory_urls: bool, site_url: str | None, epoch: int, data_dir, plans=None) -> "Site":
        """The site of a build: data/'s YAML files read here, once (of a preview: the plan files of
        ``plans`` only, beside every other file)."""
        from pathlib import Path
        data = Path(data_dir)
        files = tuple((p.relative_to(data).as_posix(), p.read_bytes()) for p in sorted(data.rglob("*.yaml"))
                      if plans is None or p.parent != data / "plans" or p.stem in plans)
        return cls(directory_urls, (site_url or "").rstrip("/"), epoch, files)

    @property
    def data_date(self) -> str:
        """The data's date as the pages print it (YYYY-MM-DD)."""
        return exports.created_at(self.epoch).date().isoformat()

    def absolute(self, docs_path: str) -> str:
        """The URL of a docs path for a download (absolute when site_url is set)."""
        return f"{self.site_url}/{self.url(docs_path)}" if self.site_url else self.url(docs_path)

    def url(self, docs_path: str) -> str:
        """The site-relative URL of a docs path: plans/x.md -> plans/x/ (or plans/x.html)."""
        stem = docs_path.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"


def _api(name: str) -> Route:
    return Route(f"api-{name}", f"api/{name}.json",
                 lambda handbook, _item, site: api.dump(api.BUILDERS[name](handbook, url_for(site))))


def url_for(site: "Site") -> Callable[[str, str | None], str]:
    """(kind, id) -> the site-relative URL of that output."""
    return lambda kind, item_id=None: site.url(path(kind, item_id))


ROUTES: tuple[Route, ...] = (
    Route("home", "index.md", lambda hb, _item, site: render.home(hb, site.data_date)),
    Route("plans", "plans/index.md", lambda hb, page, _: places.plans_index(hb, page.number),
          lambda hb, site=None: places.index_pages(hb), paged="plans/pages/{n}.md"),
    Route("plan", "plans/{id}.md", lambda hb, plan, site: render.plan(hb, plan.id, site),
          lambda hb, site=None: hb.plans.values(), "plan", html=True),
    Route("directory", "departments/index.md", lambda hb, page, _: places.directory(hb, page.number),
          lambda hb, site=None: places.index_pages(hb), paged="departments/pages/{n}.md"),
    Route("place", "places/{id}.md", lambda hb, j, site: places.place(hb, j.id, site),
          lambda hb, site=None: hb.jurisdictions.values(), "jurisdiction", html=True),
    Route("department", "departments/{id}.md", lambda hb, body, site: render.body(hb, body, site),
          lambda hb, site=None: hb.departments.values(), "department", html=True),
    Route("group", "groups/{id}.md", lambda hb, body, site: render.body(hb, body, site),
          lambda hb, site=None: hb.groups.values(), "group", html=True),
    Route("plan-indicators", "indicators/{id}.md", lambda hb, plan, site: render.indicators(hb, plan.id, site),
          lambda hb, site=None: hb.plans.values(), "plan", html=True),
    Route("metrics", "metrics/index.md", lambda hb, page, _: crossplan.metrics_index(hb, page.number),
          lambda hb, site=None: numbered(len(crossplan.metric_ids(hb))), paged="metrics/pages/{n}.md"),
    Route("metric", "metrics/{id}.md", lambda hb, page, site: crossplan.metric(hb, page.id, page.number, site),
          lambda hb, site=None: [p for m in crossplan.metric_ids(hb) for p in numbered(len(crossplan.targets_of(hb, m)), m)],
          "metric", paged="metrics/{id}/pages/{n}.md", html=True),
    Route("metric-csv", "metrics/{id}.csv", lambda hb, page, _: crossplan.metric_csv_text(hb, page.id),
          lambda hb, site=None: [Page(m) for m in crossplan.metric_ids(hb)], "metric"),
    Route("categories", "categories/index.md", lambda hb, _i, _s: crossplan_categories.categories_index(hb)),
    Route("category", "categories/{id}.md", lambda hb, page, site: crossplan_categories.category(hb, page.id, page.number, site),
          lambda hb, site=None: [p for c, ds in crossplan_categories.members(hb).items() for p in numbered(len(ds), c)],
          "category", paged="categories/{id}/pages/{n}.md", html=True),
    Route("lineage", "lineage/index.md", lambda hb, page, _: crossplan_lineage.lineage_index(hb, page.number),
          lambda hb, site=None: numbered(len(crossplan_lineage.lineage(hb).edges)), paged="lineage/pages/{n}.md"),
    Route("themes", "themes/index.md", lambda hb, _i, _s: crossplan_themes.themes_index(hb),
          lambda hb, site=None: [Page()] if hb.themes else []),
    Route("theme", "themes/{id}.md", lambda hb, page, _: crossplan_themes.theme(hb, page.id, page.number),
          lambda hb, site=None: [p for t, ts in crossplan_themes.tasks_by_theme(hb).items() for p in numbered(len(ts), t)],
          "theme", paged="themes/{id}/pages/{n}.md"),
    Route("timeline", "timeline/index.md", lambda hb, page, _: crossplan_timeline.handbook_timeline(hb, page.number),
          lambda hb, site=None: numbered(len(hb.plans)), paged="timeline/pages/{n}.md"),
    Route("plan-timeline", "timeline/{id}.md", lambda hb, plan, site: crossplan_timeline.plan_timeline(hb, plan.id, site),
          lambda hb, site=None: hb.plans.values(), "plan", html=True),
    Route("documents", "documents/index.md", lambda hb, page, _: render.documents_index(hb, page.number),
          lambda hb, site=None: numbered(len(hb.documents)), paged="documents/pages/{n}.md"),
    Route("document", "documents/{id}.md", lambda hb, page, site: render.document(hb, page.id, page.number, site),
          lambda hb, site=None: [p for d in hb.documents for p in numbered(render.document_pages(hb, d), d)],
          "document", paged="documents/{id}/pages/{n}.md", html=True),
    *(_api(name) for name in api.NAMES),
    Route("exports", "exports/{id}", lambda hb, page, site: _exports(hb, site)[page.id],
          lambda hb, site=None: [Page(name) for name in _exports(hb, site or Site())]),
    Route("search", search.FOLDER + "/{id}", lambda hb, page, site: _search(hb, site)[page.id],
          lambda hb, site=None: [Page(name) for name in _search(hb, site or Site())]),
)
BY_KIND = {route.kind: route for route in ROUTES}


def _search(handbook, site: "Site") -> dict[str, bytes]:
    """The search index and client (generator/search), once per handbook and URL style; their names
    are site paths under search/, so each is an item of the search route."""
    return _SEARCH[site.directory_urls](handbook)


def _search_for(directory_urls: bool):
    return per_handbook(lambda handbook: {name.removeprefix(search.FOLDER + "/"): data for name, data
                                          in search.outputs(handbook, Site(directory_urls).url).items()})


_SEARCH = {True: _search_for(True), False: _search_for(False)}
_EXPORTS: dict = {}


def _exports(handbook, site: "Site") -> dict[str, bytes]:
    """The downloads (generator/exports): every table as CSV and Excel, and the whole data set; once
    per handbook and site."""
    last = _EXPORTS.get("last")
    # one build at a time: keep no handbook alive past its build; compare the site by identity first
    # (its data files are the whole data set: hashing it for every download would cost seconds)
    if last is None or last[0] is not handbook or (last[1] is not site and last[1] != site):
        built = exports.files(handbook, site.absolute, dict(site.data_files), exports.created_at(site.epoch))
        _EXPORTS["last"] = last = (handbook, site, {name.removeprefix("exports/"): data for name, data in built.items()})
    return last[2]


def path(kind: str, item_id: str | None = None, number: int = 1) -> str:
    """Where the output of ``kind`` (for ``item_id``, page ``number``) lives, docs-relative."""
    return BY_KIND[kind].path(item_id, number)


def collisions(entity: str, item_id: str) -> list[str]:
    """The fixed outputs an item's own outputs would land on (an id 'index' replaces an index page)."""
    fixed = _fixed_paths()
    return sorted(route.path(item_id) for route in ROUTES
                  if route.entity == entity and route.path(item_id) in fixed)


@lru_cache(maxsize=None)
def _fixed_paths() -> frozenset[str]:
    """The paths of the fixed outputs (made once: the reserved-id rule asks for every item)."""
    return frozenset(route.pattern for route in ROUTES if route.fixed or route.paged)


def outputs(handbook, site: Site = Site()) -> "write.Outputs":
    """Every output of the handbook, rendered, in the one writer (which refuses a path twice)."""
    from .write import Outputs

    out = Outputs()
    for route in ROUTES:
        for item in ([None] if route.items is None else route.items(handbook, site)):
            item_id, number = (None, 1) if item is None else (item.id, getattr(item, "number", 1))
            out.add(route.path(item_id, number), route.render(handbook, item, site), route.kind)
    return out


def problem_outputs(problems) -> "write.Outputs":
    """Before any good build: each fixed page, holding only the problems (so the nav resolves)."""
    from .write import Outputs

    out = Outputs()
    for route in ROUTES:
        if route.fixed and route.pattern.endswith(".md"):
            out.add(route.path(), "# data/ 有错误\n\n", route.kind)
    return out


def pages(handbook) -> dict[str, str]:
    """Every generated Markdown page: docs path -> text, in path order."""
    return {p: text for p, text in outputs(handbook).items() if p.endswith(".md")}


HTML_KINDS = frozenset(route.kind for route in ROUTES if route.html)


def html_pages(outputs: "write.Outputs") -> set[str]:
    """The docs paths of the outputs that are HTML pages (Route.html), which MkDocs must not convert."""
    return {path for path, kind in outputs.kinds().items() if kind in HTML_KINDS}


def hrefs(site: Site, from_page: str) -> Callable[[str, str | None], str]:
    """(docs path, anchor) -> the URL of a link from the HTML page ``from_page``, relative to the
    page's own URL, as MkDocs writes a Markdown link between the same two docs paths:
    departments/x.md -> plans/y.md#t is ../../plans/y/#t (plans/y.html with file URLs); a file that
    is not a page (exports/x.csv) is its own URL."""
    here = site.url(from_page)  # departments/x/ is a folder; departments/x.html lies in departments/
    folder = here[:-1] if here.endswith("/") else here.rpartition("/")[0]

    def href(to_page: str, anchor: str | None = None) -> str:
        if to_page == from_page and anchor:
            return f"#{anchor}"
        there = site.url(to_page) if to_page.endswith(".md") else to_page
        return (_relative(folder, there) or "./") + (f"#{anchor}" if anchor else "")
    return href


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link target from one docs page to another (MkDocs resolves and checks it)."""
    if to_page == from_page and anchor:
        return f"#{anchor}"
    return _relative(posixpath.dirname(from_page), to_page) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=4096)
def _relative(from_dir: str, to_page: str) -> str:
    """posixpath.relpath for docs-relative paths (a URL ending in / keeps it), without its abspath
    (and getcwd) per call."""
    here = from_dir.split("/") if from_dir else []
    there = to_page.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
