"""A bare page with Material's search markup and the handbook's search client, without MkDocs.

For tests and benchmarks of the search engine alone: write ``generator.search.outputs`` into a
folder with this page as index.html, open it over http or file://, type into the box. The markup
is the part of overrides/partials/search.html the client reads (same classes, same translations).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

TRANSLATIONS = {
    "search.result.placeholder": "键入以开始搜索",
    "search.result.none": "没有找到符合条件的结果",
    "search.result.one": "找到 1 个符合条件的结果",
    "search.result.other": "# 个符合条件的结果",
}


def page_html(script: str) -> str:
    """index.html for a folder holding the search outputs; ``script`` is ``search.script(files)``."""
    config = json.dumps({"base": ".", "translations": TRANSLATIONS}, ensure_ascii=False)
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>search harness</title></head><body>
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<div class="md-search" role="dialog" aria-label="查找"><div class="md-search__inner" role="search">
<form class="md-search__form" name="handbook-search">
<input type="text" class="md-search__input" name="query" autocomplete="off" required>
<button type="reset">x</button></form>
<div class="md-search__output"><div class="md-search-result">
<div class="md-search-result__meta">正在初始化搜索引擎</div>
<ol class="md-search-result__list" role="presentation"></ol>
</div></div></div></div>
<script id="__config" type="application/json">{config}</script>
<script src="{escape(script)}"></script>
</body></html>
"""


def write_site(files: dict[str, bytes], script: str, folder: Path) -> Path:
    """The search outputs and the harness page in ``folder``; returns index.html."""
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    index = folder / "index.html"
    index.write_text(page_html(script), encoding="utf-8")
    return index
