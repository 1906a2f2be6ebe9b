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
from mkdocs.structure.files import File, Files

from generator import DataError, api, dates, load, render, search
from generator.write import safe_path, staging_dir, swap_in

_built: dict = {}
_run: dict = {}


def on_startup(command, dirty):
    """Remember the command: `build` stages its output, `serve` has its own temporary folder."""
    _run["command"] = command


def data_dir(config) -> Path:
    """data/ beside mkdocs.yml, or HANDBOOK_DATA_DIR (used by tests)."""
    return Path(os.environ.get("HANDBOOK_DATA_DIR") or Path(config.config_file_path).parent / "data")


def url_for(config):
    """How a docs path becomes a site-relative URL under this config's use_directory_urls."""
    return api.directory_url if config.use_directory_urls else (lambda p: p.removesuffix(".md") + ".html")


def on_config(config):
    """Load, validate and link data/ before anything is built; stop on any problem."""
    try:
        handbook = load(data_dir(config))
    except DataError as exc:
        raise PluginError(f"the handbook data has errors; nothing was built\n{exc}") from None
    _built["handbook"] = handbook
    _built["pages"] = render.pages(handbook)
    # MkDocs dates pages and the sitemap with SOURCE_DATE_EPOCH when set: take it from git or the data
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(dates.build_epoch(handbook, data_dir(config))))
    if _run.get("command") in ("build", "gh-deploy") and "staging" not in _run:
        _run["site_dir"], _run["config"] = config.site_dir, config
        _run["staging"] = staging_dir(Path(config.site_dir))
        config.site_dir = str(_run["staging"])
    # the search index is built now because every page must load its client script, named by version
    _built["search"] = search.outputs(handbook, url_for(config))
    script = search.script(_built["search"])
    config.extra_javascript = [s for s in config.extra_javascript if not str(s).startswith(search.FOLDER + "/")]
    config.extra_javascript.append(script)
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages (a generated page never replaces a hand-written one); leave out
    Material's lunr search, which the site does not load."""
    for path, text in _built["pages"].items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is a hand-written page, but the handbook generates a page at the "
                              "same path; move or rename the hand-written page")
        files.append(File.generated(config, path, content=text))
    for file in [f for f in files if f.src_uri.startswith(search.UNUSED_THEME_FILES)]:
        files.remove(file)
    return files


def on_post_build(config) -> None:
    """Write the machine-readable copy and the search index."""
    site = Path(config.site_dir)
    for name, text in api.files(_built["handbook"], url_for(config)).items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    for name, data in _built["search"].items():
        target = safe_path(site, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


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
