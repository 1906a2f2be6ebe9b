"""MkDocs hooks: every `mkdocs build` and `mkdocs serve` reflects data/.

Thin by design: each event calls into the generator package. Pages are added as
in-memory files (MkDocs 1.6 ``File.generated``), so nothing is written into docs/
and `mkdocs serve` rebuilds exactly once per YAML edit. `mkdocs build` writes into
a staging folder that replaces site/ only when the build succeeded, so a failed
build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from generator import DataError, api, dates, exports, load, render, search
from generator.write import safe_path, staging_dir, swap_in

_built: dict = {}
_run: dict = {}


def on_startup(command, dirty):
    """Remember the command: `build` stages its output, `serve` has its own temporary folder."""
    _run["command"] = command


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml, or HANDBOOK_DATA_DIR (used by tests)."""
    return Path(os.environ.get("HANDBOOK_DATA_DIR") or Path(config.config_file_path).parent / "data")


@event_priority(100)  # before the search plugin's on_config, which loads jieba's user dictionary
def on_config(config):
    """Load, validate and link data/ before anything is built; stop on any problem."""
    try:
        handbook = load(data_dir(config))
    except DataError as exc:
        raise PluginError(f"the handbook data has errors; nothing was built\n{exc}") from None
    _built["handbook"] = handbook
    # MkDocs dates pages and the sitemap with SOURCE_DATE_EPOCH when set: take it from git or the data
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(dates.build_epoch(handbook, data_dir(config))))
    _built["epoch"] = int(os.environ["SOURCE_DATE_EPOCH"])
    data_date = exports.created_at(_built["epoch"]).date().isoformat()
    _built["pages"] = render.pages(handbook, data_date)
    config.extra["data_date"] = data_date  # overrides/main.html: the printed footer
    if _run.get("command") in ("build", "gh-deploy") and "staging" not in _run:
        _run["site_dir"], _run["config"] = config.site_dir, config
        _run["staging"] = staging_dir(Path(config.site_dir))
        config.site_dir = str(_run["staging"])
    try:
        search.configure(config, handbook)
    except search.SearchPatchError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages; a generated page never replaces a hand-written one."""
    in_nav = set(_nav_paths(config.nav))
    for path, text in _built["pages"].items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is a hand-written page, but the handbook generates a page at the "
                              "same path; move or rename the hand-written page")
        # pages reached by links, not by the navigation: MkDocs would otherwise list each of them
        inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=text, inclusion=inclusion))
    add_exports(files, config)
    return files


def _nav_paths(nav):
    """Every page path named in mkdocs.yml's nav."""
    for entry in nav or ():
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, str):
                yield value
            else:
                yield from _nav_paths(value)


def add_exports(files: Files, config) -> None:
    """The downloads (generator/exports.py) as generated files, so MkDocs checks the links to them
    and copies them into the site. One function, to move into the one writer (issue 7)."""
    data = data_dir(config)
    data_files = {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}
    site_url = (config.site_url or "").rstrip("/")
    page_url = api.directory_url if config.use_directory_urls else (lambda p: p.removesuffix(".md") + ".html")
    url_for = (lambda p: f"{site_url}/{page_url(p)}") if site_url else page_url
    created = exports.created_at(_built["epoch"])
    for path, content in exports.files(_built["handbook"], url_for, data_files, created).items():
        safe_path(Path(config.site_dir), path)  # an id can never put a download outside the site
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is hand-written, but the handbook generates a download there")
        files.append(File.generated(config, path, content=content))


def on_post_build(config) -> None:
    """Write the machine-readable copy and finish the search index."""
    site = Path(config.site_dir)
    url_for = api.directory_url if config.use_directory_urls else (lambda p: p.removesuffix(".md") + ".html")
    for name, text in api.files(_built["handbook"], url_for).items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    try:
        search.finish(site, _built["handbook"])
    except search.SearchPatchError as exc:
        raise PluginError(str(exc)) from None


def on_serve(server, config, builder):
    """Rebuild when data/ changes, as for docs/."""
    server.watch(str(data_dir(config)))
    return server


def on_shutdown():
    """Swap the staged site in only if the whole build succeeded (strict checks included)."""
    staging = _run.pop("staging", None)
    if staging is None:
        return
    _run["config"].site_dir = _run["site_dir"]
    if sys.exc_info()[0] is None:
        swap_in(staging, Path(_run["site_dir"]))
    else:
        shutil.rmtree(staging, ignore_errors=True)
