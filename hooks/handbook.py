"""MkDocs hooks: every `mkdocs build` and `mkdocs serve` reflects data/.

A thin adapter: each event calls into the generator package. Every output of the routes table
(pages, api JSON) is handed to MkDocs as an in-memory file (``File.generated``), so nothing is
written into docs/ and `mkdocs serve` rebuilds exactly once per YAML edit. `mkdocs build` writes
into a staging folder that replaces site/ only when the build succeeded (``on_build_error`` marks
a failure), so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import sys
import types
from pathlib import Path

import markdown
from markdown.extensions.toc import nest_toc_tokens, strip_tags
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from generator import DataError, dates, load, render, routes, search
from generator.write import staging_dir, swap_in

_built: dict = {}
_run: dict = {}


def on_startup(command, dirty):
    """Remember the command: `build` stages its output, `serve` has its own temporary folder."""
    _run["command"] = command


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml, or HANDBOOK_DATA_DIR (used by tests)."""
    return Path(os.environ.get("HANDBOOK_DATA_DIR") or Path(config.config_file_path).parent / "data")


def preview() -> list[str] | None:
    """Under `mkdocs serve` only: HANDBOOK_PREVIEW=<plan or jurisdiction id>[,...] builds those plans
    alone (README, Preview); `mkdocs build` and `python -m generator check` always take all of data/."""
    ids = [i.strip() for i in os.environ.get("HANDBOOK_PREVIEW", "").split(",") if i.strip()]
    return ids if ids and _run.get("command") == "serve" else None


def on_config(config):
    """Load, validate and link data/ before anything is built; stop on any problem (under
    `mkdocs serve`, show it on every page instead, so that no request waits for a fixed build)."""
    _built["problems"] = _built["banners"] = None
    _built["preview"] = preview()
    gc.unfreeze()  # a rebuild under serve: the last build's objects may be collected again
    try:
        handbook = load(data_dir(config), _built["preview"])
    except DataError as exc:
        if _run.get("command") != "serve":
            raise PluginError(f"the handbook data has errors; nothing was built\n{exc}") from None
        # printed, not logged: a logged error would count against `strict` and abort the very build
        # that shows it, and MkDocs' server then holds every request until the data is fixed
        print(f"ERROR    -  the handbook data has errors; every page shows them until they are fixed\n{exc}",
              file=sys.stderr, flush=True)
        _built["problems"] = exc.problems
        _built.setdefault("outputs", routes.problem_outputs(exc.problems))
        return config
    _built["handbook"] = handbook
    # MkDocs dates pages and the sitemap with SOURCE_DATE_EPOCH when set: take it from git or the data
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(dates.build_epoch(handbook, data_dir(config))))
    site = routes.Site.of(config.use_directory_urls, config.site_url, int(os.environ["SOURCE_DATE_EPOCH"]),
                          data_dir(config), plans=set(handbook.plans) if _built["preview"] else None)
    # the handbook, then the outputs, live to the end of the build: move them out of the cycle
    # collector's way, which would otherwise walk them again and again (a fifth of rendering at N=300)
    gc.freeze()
    _built["outputs"] = routes.outputs(handbook, site)
    gc.freeze()
    _built["html_pages"] = routes.html_pages(_built["outputs"])
    config.extra["data_date"] = site.data_date  # overrides/main.html: the printed footer
    if _run.get("command") in ("build", "gh-deploy") and "staging" not in _run:
        _run.update(site_dir=config.site_dir, config=config, staging=staging_dir(Path(config.site_dir)), failed=False)
        config.site_dir = str(_run["staging"])
    # every page loads the search client, whose name carries the index's version
    config.extra_javascript = [s for s in config.extra_javascript if not str(s).startswith(search.FOLDER + "/")]
    config.extra_javascript.append(search.script(dict(_built["outputs"].items())))
    return config


def on_files(files: Files, config) -> Files:
    """Add every generated output; a generated page never replaces a hand-written one."""
    in_nav = set(_nav_paths(config.nav))
    for path, content in _built["outputs"].items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is a hand-written page, but the handbook generates a page at the "
                              "same path; move or rename the hand-written page")
        # pages reached by links, not by the navigation: MkDocs would otherwise list each of them
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    for file in [f for f in files if f.src_uri.startswith(search.UNUSED_THEME_FILES)]:
        files.remove(file)  # Material's lunr search: the site does not load it
    if _run.get("command") != "serve":
        _built["outputs"] = None  # MkDocs' files hold them now; serve keeps them to show a data error on
    return files


def _nav_paths(nav):
    """Every page path named in mkdocs.yml's nav."""
    for entry in nav or ():
        for value in (entry.values() if isinstance(entry, dict) else [entry]):
            if isinstance(value, str):
                yield value
            else:
                yield from _nav_paths(value)


def on_pre_page(page, config, files):
    """A generated HTML page (routes: Route.html) is not converted: MkDocs takes its text as the content."""
    if page.file.src_uri in _built.get("html_pages", ()):
        page.read_source = types.MethodType(_read_html, page)
        page.render = types.MethodType(_render_html, page)
    return page


_FRONT_MATTER = re.compile(r'---\ntitle: ("(?:[^"\\\n]|\\.)*")\n---\n')


def _read_html(page, config):
    """Page.read_source for an HTML page, whose front matter is its title as a JSON string
    (render.yaml_string): read without a YAML parser per page."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    text = page.file.content_string if source is None else source
    match = _FRONT_MATTER.match(text)
    if match is None:
        page.markdown, page.meta = get_data(text)
    else:
        page.markdown, page.meta = text[match.end():].lstrip("\n"), {"title": json.loads(match.group(1))}


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"')
_ID = re.compile(r' id="([^"]+)"')


def _render_html(page, config, files):
    """Page.render for an HTML page: what Python-Markdown would have given MkDocs for the same page
    (the content, the table of contents of its headings, the ids links may point to), at the cost of
    two regular expressions; its links are already the URLs MkDocs would write."""
    page.content = page.markdown.strip()
    # one copy of the page in memory, not three (its generated file, its source, its content): at
    # 1,000 plans the pages are gigabytes, and MkDocs holds every page's content until the end
    page.markdown = ""
    page.file.content_string = ""
    tokens = [{"level": int(level), "id": ident, "name": strip_tags(inner), "html": inner, "data-toc-label": ""}
              for level, ident, inner in _HEADING.findall(page.content)]
    page.toc = get_toc(nest_toc_tokens(tokens))
    page._title_from_render = None
    page.present_anchor_ids = set(_ID.findall(page.content))
    page.links_to_anchors = {}


def on_page_markdown(text, page, config, files):
    """Under `mkdocs serve` with a data error: the problems head every page; in a preview, the
    banner saying it shows part of the data."""
    if _built.get("banners") is None:  # once a build: (Markdown, HTML)
        problems = _built.get("problems")
        banner = ((render.preview_banner(_built["preview"]) if _built.get("preview") else "")
                  + (render.problems_banner(problems) if problems else ""))
        _built["banners"] = (banner, markdown.markdown(banner, extensions=["admonition"]) + "\n" if banner else "")
    banner, as_html = _built["banners"]
    if not banner:
        return text
    return (as_html if page.file.src_uri in _built.get("html_pages", ()) else banner) + text


def on_serve(server, config, builder):
    """Rebuild when data/ changes, as for docs/."""
    server.watch(str(data_dir(config)))
    return server


def on_build_error(error):
    """Remember that the build failed, so that on_shutdown discards the staged site."""
    _run["failed"] = True


def on_shutdown():
    """Swap the staged site in only if the whole build succeeded (strict checks included)."""
    staging = _run.pop("staging", None)
    if staging is None:
        return
    _run["config"].site_dir = _run["site_dir"]
    if _run.pop("failed"):
        shutil.rmtree(staging, ignore_errors=True)
    else:
        swap_in(staging, Path(_run["site_dir"]))
