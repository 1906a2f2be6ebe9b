"""MkDocs hooks: every `mkdocs build` and `mkdocs serve` reflects data/.

Thin by design: each event calls into the generator package. Pages are added as
in-memory files (MkDocs 1.6 ``File.generated``), so nothing is written into docs/
and `mkdocs serve` rebuilds exactly once per YAML edit.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator import DataError, api, load, render, search

_built: dict = {}


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
    _built["pages"] = render.pages(handbook)
    search.configure(config, handbook)
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages; a generated page never replaces a hand-written one."""
    for path, text in _built["pages"].items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is a hand-written page, but the handbook generates a page at the "
                              "same path; move or rename the hand-written page")
        files.append(File.generated(config, path, content=text))
    return files


def on_post_build(config) -> None:
    """Write the machine-readable copy and finish the search index."""
    site = Path(config.site_dir)
    url_for = api.directory_url if config.use_directory_urls else (lambda p: p.removesuffix(".md") + ".html")
    for name, text in api.files(_built["handbook"], url_for).items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    search.finish(site, _built["handbook"])


def on_serve(server, config, builder):
    """Rebuild when data/ changes, as for docs/."""
    server.watch(str(data_dir(config)))
    return server
