"""The floor: what MkDocs + Material cost per page, whatever the handbook puts on it.

    python benchmarks/page_cost.py [--pages 5000] [--only tables-search ...] [--json out.json]

Builds synthetic sites with the handbook's theme settings (Material, ``language: zh``, its
features and Markdown extensions) and no hook, in these variants:

- trivial-search / trivial-nosearch: a heading and one sentence per page, with and without the
  ``search`` plugin (zh: jieba segments every page for the index);
- tables-search / tables-nosearch: about 8 KB of Markdown per page, tables of Chinese text with
  20 links to other pages and their anchors, like a department page;
- tables-fullnav / tables-fullnav-prune: the table pages all listed in the navigation (folders
  of 100), without and with ``navigation.prune``, no search: what a navigation that grows with the
  site costs, against the handbook's small fixed navigation (the other variants).

Each variant is also built with 10 pages, so the fixed cost (start-up, imports, theme) is taken
out: per page = (time(N) - time(10)) / (N - 10). Figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import posixpath
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import log, run_limited, tree_bytes  # noqa: E402

SMALL = 10
FEATURES = ["navigation.tabs", "navigation.indexes", "navigation.top", "search.highlight", "toc.follow"]
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.details", {"toc": {"permalink": True}}]
# (page kind, search plugin, navigation listing every page, navigation.prune)
VARIANTS = {
    "trivial-search": ("trivial", True, False, False),
    "trivial-nosearch": ("trivial", False, False, False),
    "tables-search": ("tables", True, False, False),
    "tables-nosearch": ("tables", False, False, False),
    "tables-fullnav": ("tables", False, True, False),
    "tables-fullnav-prune": ("tables", False, True, True),
}
WORDS = ("省市场监管局 牵头 负责 配合 质量提升 标准化 品牌建设 计量 检验检测 认证认可 工业和信息化 发展改革 "
         "农业农村 住房和城乡建设 交通运输 生态环境 卫生健康 商务 文化和旅游 教育 科技 财政 人力资源").split()


def page_path(i: int) -> str:
    """Pages in folders of 100, as departments or plans would be."""
    return f"p{i // 100:03d}/page{i:05d}.md"


def trivial_page(i: int, n: int, rng: random.Random) -> str:
    """A heading and one sentence."""
    return f"# 页面 {i}\n\n这是第 {i} 个页面。\n"


def tables_page(i: int, n: int, rng: random.Random) -> str:
    """About 8 KB: a heading, two sections, tables of Chinese text, 20 links with anchors."""
    lines = [f"# 部门 {i}", "", "## 职责", "", "| 任务 | 内容 | 角色 |", "|---|---|---|"]
    row = 0
    while sum(len(x.encode()) for x in lines) < 8000:
        text = "".join(rng.choice(WORDS) for _ in range(12))
        if row % 2 == 0 and row < 40:
            target = rng.randrange(n)
            link = f"[{rng.choice(WORDS)}]({_relative(page_path(i), page_path(target))}#zhi-ze)"
        else:
            link = rng.choice(WORDS)
        lines.append(f"| {row + 1} | {text} | {link} |")
        row += 1
        if row == 30:
            lines += ["", "## 指标", "", "| 指标 | 目标 |", "|---|---|"]
    return "\n".join(lines) + "\n"


def _relative(here: str, there: str) -> str:
    return posixpath.relpath(there, posixpath.dirname(here))


def project(root: Path, name: str, pages: int) -> Path:
    """A project folder with mkdocs.yml and docs/ for one variant and page count."""
    kind, search, full_nav, prune = VARIANTS[name]
    folder = root / f"{name}-{pages}"
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    rng = random.Random(f"{name}:{pages}")
    make = trivial_page if kind == "trivial" else tables_page
    (docs / "index.md").write_text("# 首页\n\n合成页面。\n", encoding="utf-8")
    for i in range(pages):
        path = docs / page_path(i)
        path.parent.mkdir(exist_ok=True)
        body = make(i, pages, rng)
        if kind == "tables":
            body = body.replace("## 职责", "## 职责 {#zhi-ze}")
        path.write_text(body, encoding="utf-8")
    features = FEATURES + (["navigation.prune"] if prune else [])
    config = {
        "site_name": "页面成本", "docs_dir": "docs", "strict": True,
        "theme": {"name": "material", "language": "zh", "font": False, "features": features},
        "plugins": ["search"] if search else [],
        "markdown_extensions": EXTENSIONS,
        "validation": {"nav": {"omitted_files": "info"}, "links": {"anchors": "warn"}},
    }
    if full_nav:
        groups: dict[str, list[str]] = {}
        for i in range(pages):
            groups.setdefault(f"组 {i // 100}", []).append(page_path(i))
        config["nav"] = [{"首页": "index.md"}, *({k: v} for k, v in groups.items())]
    else:
        config["nav"] = [{"首页": "index.md"}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def measure(root: Path, name: str, pages: int, timeout: float | None) -> dict:
    """Build one variant at one page count: wall, CPU, peak memory, bytes."""
    folder = project(root, name, pages)
    run = run_limited([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], folder, timeout)
    site = folder / "site"
    html = [p.stat().st_size for p in site.rglob("*.html")] if site.is_dir() else []
    result = {"variant": name, "pages": pages, **{k: run[k] for k in ("wall_s", "cpu_s", "peak_mb", "returncode",
                                                                       "timed_out")},
              "html_bytes": sum(html), "median_html": sorted(html)[len(html) // 2] if html else None,
              "search_bytes": tree_bytes(site / "search") if (site / "search").is_dir() else 0}
    if run["returncode"] != 0:
        result["error"] = run["stderr"][-2000:]
    shutil.rmtree(folder, ignore_errors=True)
    return result


def table(results: list[dict], pages: int) -> str:
    """Per variant: times at N and at 10 pages, per-page cost, bytes."""
    lines = ["| variant | pages | build | CPU | peak memory | fixed (10 pages) | per page (wall) | per page (CPU) | "
             "median HTML page | search index |", "|---|---|---|---|---|---|---|---|---|---|"]
    by = {(r["variant"], r["pages"]): r for r in results}
    for name in dict.fromkeys(r["variant"] for r in results):
        big, small = by.get((name, pages)), by.get((name, SMALL))
        if not big:
            continue
        if big["returncode"] != 0:
            stopped = f"> {big['wall_s']:.0f} s (stopped)" if big["timed_out"] else "failed"
            lines.append(f"| {name} | {pages:,} | {stopped} | {big['cpu_s']:.0f} s when stopped | {big['peak_mb']:.0f} MB "
                         f"| {small['wall_s']:.1f} s | | | | |" if small else f"| {name} | {pages:,} | {stopped} | | | | | | | |")
            continue
        per_wall = (big["wall_s"] - small["wall_s"]) / (pages - SMALL) * 1000 if small else None
        per_cpu = (big["cpu_s"] - small["cpu_s"]) / (pages - SMALL) * 1000 if small else None
        lines.append(f"| {name} | {pages:,} | {big['wall_s']:.1f} s | {big['cpu_s']:.1f} s | {big['peak_mb']:.0f} MB | "
                     f"{small['wall_s']:.1f} s | {per_wall:.1f} ms | {per_cpu:.1f} ms | "
                     f"{(big['median_html'] or 0) / 1000:.1f} KB | {big['search_bytes'] / 1e6:.1f} MB |")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command line: build every variant at 10 and N pages, print the table."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--pages", type=int, default=5000, help="pages per site (default 5000)")
    parse.add_argument("--only", nargs="+", choices=list(VARIANTS), help="variants to build (default: all)")
    parse.add_argument("--timeout", type=float, help="stop a build after this many seconds")
    parse.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parse.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="handbook-page-cost-"))
    results = []
    try:
        for name in args.only or VARIANTS:
            for pages in (SMALL, args.pages):
                started = time.perf_counter()
                results.append(measure(root, name, pages, args.timeout))
                log(f"{name} {pages}: {results[-1]['wall_s']:.1f} s build, {time.perf_counter() - started:.1f} s in all")
                if args.json:
                    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(table(results, args.pages))
    return 0 if all(r["returncode"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
