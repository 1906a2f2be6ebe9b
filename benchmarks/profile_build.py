"""Where the time of a `mkdocs build` goes: a cProfile run summarised by stage.

    python benchmarks/profile_build.py --plans 300 [--out prof.out]     # corpus, profiled build, summary
    python benchmarks/profile_build.py --stats prof.out                  # summary of an existing profile

The build runs as ``python -m cProfile -o prof.out -m mkdocs build --strict`` in a project made
as run.py makes it. The summary adds up cumulative seconds of the functions that stand for
each stage (the handbook hook's load and render, MkDocs' Markdown conversion and each Markdown
extension inside it, Material's template rendering, the search plugin, writing files); stages
nest, so the indented rows are parts of the row above, and shares are of the whole run.
cProfile itself slows Python code about 1.5 to 2 times; the shares are what to read.
"""

from __future__ import annotations

import argparse
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import log, make_project, run_limited  # noqa: E402

# (depth, label, [(file suffix, function name[, caller file suffix])]): cumulative time of the matching
# functions (only of their calls from that caller file, when one is given). A function that calls
# itself or another listed one is counted once, at its outermost call.
STAGES = [
    (0, "handbook hook: on_config", [("hooks/handbook.py", "on_config")]),
    (1, "generator load (read, validate, link)", [("generator/load.py", "load")]),
    (2, "YAML parsing (yaml composer, safe_load and compose, pure Python)", [("yaml/composer.py", "compose_document")]),
    (1, "generator routes.outputs (Jinja2 → Markdown, api JSON)", [("generator/routes.py", "outputs")]),
    (1, "search.outputs (sharded index)", [("generator/search/__init__.py", "outputs")]),
    (0, "handbook hook: on_files (add generated pages)", [("hooks/handbook.py", "on_files")]),
    (0, "navigation and files (get_navigation)", [("mkdocs/structure/nav.py", "get_navigation")]),
    (0, "Markdown → HTML (Page.render)", [("mkdocs/structure/pages.py", "render")]),
    (1, "block parsing (BlockParser.parseDocument)", [("markdown/blockparser.py", "parseDocument")]),
    (2, "tables", [("markdown/extensions/tables.py", "run")]),
    (2, "md_in_html", [("markdown/extensions/md_in_html.py", "run")]),
    (2, "admonition", [("markdown/extensions/admonition.py", "run")]),
    (2, "pymdownx.details", [("pymdownx/details.py", "run")]),
    (1, "inline patterns (InlineProcessor)", [("markdown/treeprocessors.py", "run")]),
    (1, "toc", [("markdown/extensions/toc.py", "run")]),
    (1, "attr_list", [("markdown/extensions/attr_list.py", "run")]),
    (1, "MkDocs link validation and rewriting", [("mkdocs/structure/pages.py", "run")]),
    (1, "serialising HTML (postprocessors, to_xhtml)", [("markdown/serializers.py", "_write_html"),
                                                          ("markdown/postprocessors.py", "run")]),
    (0, "page templates (Material, per page)", [("mkdocs/commands/build.py", "_build_page")]),
    (1, "Material templates (Template.render called by _build_page)",
     [("jinja2/environment.py", "render", "mkdocs/commands/build.py")]),
    (1, "search plugin: on_page_context (index entry per page)", [("material/plugins/search/plugin.py",
                                                                    "on_page_context"),
                                                                   ("mkdocs/contrib/search/__init__.py",
                                                                    "on_page_context")]),
    (2, "jieba segmentation (_segment_chinese)", [("material/plugins/search/plugin.py", "_segment_chinese")]),
    (1, "writing pages (write_file)", [("mkdocs/utils/__init__.py", "write_file")]),
    (0, "search plugin: on_post_build (write search_index.json)", [("material/plugins/search/plugin.py",
                                                                     "on_post_build"),
                                                                    ("mkdocs/contrib/search/__init__.py",
                                                                     "on_post_build")]),
    (0, "handbook hook: on_files (every output)", [("hooks/handbook.py", "on_files")]),
    (0, "theme static files (copy_static_files)", [("mkdocs/commands/build.py", "_build_theme_template"),
                                                    ("mkdocs/structure/files.py", "copy_static_files")]),
    (0, "handbook hook: on_shutdown (swap the staged site in)", [("hooks/handbook.py", "on_shutdown")]),
]


def summary(stats_file: Path, top: int = 25) -> str:
    """The stage table and the functions with the most time of their own, as Markdown."""
    stats = pstats.Stats(str(stats_file))
    entries = stats.stats  # (file, line, function) -> (primitive calls, calls, own time, cumulative, callers)
    total = max(ct for _, _, _, ct, _ in entries.values())
    lines = [f"Whole run: {total:.1f} s (under cProfile)", "", "| stage | seconds | share | calls |", "|---|---|---|---|"]
    for depth, label, patterns in STAGES:
        seconds, calls = 0.0, 0
        for (file, _, function), (primitive, _, _, cumulative, callers) in entries.items():
            for suffix, name, *caller in patterns:
                if not (file.endswith(suffix) and function == name):
                    continue
                if caller:
                    from_caller = [v for c, v in callers.items() if c[0].endswith(caller[0])]
                    seconds += sum(v[3] for v in from_caller)
                    calls += sum(v[0] for v in from_caller)
                # a call from another matching function is already inside that one's cumulative time
                elif not any(c[0].endswith(p[0]) and c[2] == p[1] for c in callers for p in patterns):
                    seconds += cumulative
                    calls += primitive
        if calls:
            lines.append(f"| {'&nbsp;&nbsp;' * 2 * depth}{label} | {seconds:.1f} | {seconds / total:.0%} | {calls:,} |")
    lines += ["", f"Top {top} functions by own time:", "", "| function | own s | cumulative s | calls |", "|---|---|---|---|"]
    ranked = sorted(entries.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for (file, line, function), (primitive, calls, own, cumulative, _) in ranked:
        where = "/".join(Path(file).parts[-2:]) if file != "~" else "built-in"
        lines.append(f"| `{where}:{line} {function}` | {own:.1f} | {cumulative:.1f} | {calls:,} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command line: profile a build of an N-plan corpus, or summarise a profile."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--plans", type=int, help="build a corpus of this many plans under cProfile")
    parse.add_argument("--seed", type=int, default=1)
    parse.add_argument("--out", type=Path, default=Path("prof.out"), help="where cProfile writes (default prof.out)")
    parse.add_argument("--stats", type=Path, help="only summarise this existing profile")
    parse.add_argument("--timeout", type=float)
    args = parse.parse_args(argv)
    if args.stats:
        print(summary(args.stats))
        return 0
    if not args.plans:
        parse.error("give --plans N or --stats FILE")
    root = Path(tempfile.mkdtemp(prefix="handbook-profile-"))
    project = make_project(args.plans, args.seed, root)
    out = args.out.resolve()
    log(f"profiling mkdocs build of {args.plans} plans in {project} ...")
    try:
        run = run_limited([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict"],
                          project, args.timeout)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    log(f"build: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, {run['peak_mb']:.0f} MB peak, rc {run['returncode']}")
    if run["returncode"] != 0:
        log(run["stderr"][-3000:])
        return 1
    print(summary(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
