"""The build and search benchmark: N plans, built as the site is built, measured.

    python benchmarks/run.py --plans 5 50 300 1000 [--timeout 900] [--json out.json] [--keep] [--skip-browser]

For each N it writes a corpus (``corpus.py``, seed 1) into a temporary project made of this
checkout's mkdocs.yml, docs/ and hooks/, then measures:

- generator: load + validate + link + render of the corpus in a process of its own (what the
  hook does before MkDocs starts), with the Markdown bytes it renders;
- build: ``mkdocs build --strict`` wall time, CPU time (user + system: less sensitive to a busy
  machine than wall time) and peak memory (largest resident set of the process tree, from wait4);
  "mkdocs" is build minus generator, what MkDocs, Material and the search plugin add;
- the site: HTML pages, total bytes, largest and median HTML page, bytes per plan, the search files;
- in headless Chromium (Debian's /usr/bin/chromium, site served from 127.0.0.1 by http.server,
  uncompressed): the bytes of every response of a plain page view (home page, no search), and of a
  search: bytes once the home page has loaded, bytes and seconds until the first result appears
  after typing a department name into ``input.md-search__input``. Counted from the network and the
  DOM (``.md-search-result__list`` items), so it measures whatever search the site has.

A build that runs past ``--timeout`` is stopped and recorded as "> T s"; whatever it left in the
project folder is reported. This is a benchmark that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")
MB = 1_000_000

# Runs in a process of its own so that its memory and imports do not mix with the benchmark's.
GENERATOR_SCRIPT = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    started = time.perf_counter()
    from generator import load, routes
    imported = time.perf_counter()
    handbook = load(Path(sys.argv[1]))
    loaded = time.perf_counter()
    pages = routes.pages(handbook)
    rendered = time.perf_counter()
    print(json.dumps({"import_s": imported - started, "load_s": loaded - imported, "render_s": rendered - loaded,
                      "markdown_pages": len(pages), "markdown_bytes": sum(len(t.encode()) for t in pages.values()),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000}))
""")


def make_project(n: int, seed: int, root: Path) -> Path:
    """A project folder: this checkout's mkdocs.yml, docs/ and hooks/, and the corpus as data/."""
    project = root / f"n{n}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            shutil.copyfile(source, project / part)
    corpus.generate(n, seed, project / "data", ROOT / "data")
    return project


def environment() -> dict:
    """The build's environment: no data folder from outside, no MkDocs 2 notice."""
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_DATA_DIR"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_limited(command: list[str], cwd: Path, timeout: float | None) -> dict:
    """Run a command in its own process group; stop the group past ``timeout``.
    Wall and CPU seconds and peak memory come from wait4 (the child and what it waited for)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, env=environment(), stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - started > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGTERM)
                deadline = time.perf_counter() + 10
                while time.perf_counter() < deadline:
                    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                    if pid:
                        break
                    time.sleep(0.2)
                else:
                    os.killpg(process.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.1)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": time.perf_counter() - started, "cpu_s": usage.ru_utime + usage.ru_stime,
                "peak_mb": usage.ru_maxrss / 1000, "returncode": process.returncode, "timed_out": timed_out,
                "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}


def time_generator(project: Path, timeout: float | None) -> dict:
    """Load, validate, link and render the corpus, as the hook does, outside MkDocs."""
    run = run_limited([sys.executable, "-c", GENERATOR_SCRIPT, str(project / "data")], ROOT, timeout)
    if run["returncode"] != 0 and not run["timed_out"] and ("AttributeError" in run["stderr"]
                                                             or "ImportError" in run["stderr"]):
        return _generator_command(project, timeout)
    if run["returncode"] != 0 or run["timed_out"]:
        return {"wall_s": run["wall_s"], "timed_out": run["timed_out"], "error": run["stderr"][-2000:]}
    figures = json.loads(run["stdout"].strip().splitlines()[-1])
    return {**figures, "wall_s": run["wall_s"], "cpu_s": run["cpu_s"], "timed_out": False}


def _generator_command(project: Path, timeout: float | None) -> dict:
    """When the generator's functions have moved: `python -m generator build` (which also writes the
    Markdown and api JSON, so it is a little more than load + render)."""
    out = project / "generator-out"
    run = run_limited([sys.executable, "-m", "generator", "--data", str(project / "data"), "build", "--out", str(out)],
                      ROOT, timeout)
    if run["returncode"] != 0 or run["timed_out"]:
        return {"wall_s": run["wall_s"], "timed_out": run["timed_out"], "error": run["stderr"][-2000:]}
    pages = list(out.rglob("*.md"))
    figures = {"load_s": run["wall_s"], "render_s": 0.0, "markdown_pages": len(pages),
               "markdown_bytes": sum(p.stat().st_size for p in pages), "peak_mb": run["peak_mb"],
               "wall_s": run["wall_s"], "cpu_s": run["cpu_s"], "timed_out": False, "via": "python -m generator build"}
    shutil.rmtree(out, ignore_errors=True)
    return figures


def build(project: Path, timeout: float | None) -> dict:
    """``mkdocs build --strict`` in the project; what it leaves beside site/ is reported."""
    before = set(os.listdir(project))
    run = run_limited([sys.executable, "-m", "mkdocs", "build", "--strict"], project, timeout)
    left = sorted(set(os.listdir(project)) - before - {"site"})
    result = {k: run[k] for k in ("wall_s", "cpu_s", "peak_mb", "returncode", "timed_out")}
    result["left_behind"] = {name: tree_bytes(project / name) for name in left}
    if run["returncode"] != 0 and not run["timed_out"]:
        result["error"] = run["stderr"][-3000:]
    return result


def tree_bytes(path: Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def site_stats(site: Path, n: int) -> dict:
    """Pages, sizes and the search files of a built site."""
    html = sorted(p.stat().st_size for p in site.rglob("*.html"))
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    total = tree_bytes(site)
    search = {p.name: tree_bytes(p) for p in site.iterdir() if p.is_dir() and ("search" in p.name or "pagefind" in p.name)}
    fixed = site / "about" / "index.html"  # a hand-written page: what it weighs beyond its text is the theme and nav
    return {"pages": len(html), "site_bytes": total, "html_bytes": sum(html), "largest_page_bytes": html[-1],
            "fixed_page_bytes": fixed.stat().st_size if fixed.is_file() else None,
            "largest_page": largest.relative_to(site).as_posix(), "median_page_bytes": int(statistics.median(html)),
            "html_bytes_per_plan": sum(html) / n, "search_bytes": search}


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without logging every request."""

    def log_message(self, *args) -> None:
        pass


def browse(site: Path, query: str, wait_s: float) -> dict:
    """Network bytes of a plain page view and of a first search, and the time to the first result."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                plain = _plain_view(browser, url, wait_s)
                searched = _first_search(browser, url, query, wait_s)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"query": query, **plain, **searched}


def _context(browser):
    """A fresh context (empty cache) that reaches nothing but the local server; finished requests are kept."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if "://127.0.0.1:" in route.request.url else route.abort())
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    return context, finished


def _bytes(requests) -> int:
    """Bytes that came over the wire for these requests: response headers and body."""
    total = 0
    for request in requests:
        sizes = request.sizes()
        total += max(0, sizes["responseBodySize"]) + max(0, sizes["responseHeadersSize"])
    return total


def _plain_view(browser, url: str, wait_s: float) -> dict:
    """Open the home page and do nothing: what does it download (until the network is idle)?"""
    context, finished = _context(browser)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(wait_s * 1000)  # a worker may fetch after the network first looks idle
    page.wait_for_load_state("networkidle")
    requests = list(finished)
    result = {"view_bytes": _bytes(requests), "view_requests": len(requests),
              "view_largest": max(((r.url.removeprefix(url), r.sizes()["responseBodySize"]) for r in requests),
                                  key=lambda x: x[1], default=None)}
    context.close()
    return result


def _first_search(browser, url: str, query: str, wait_s: float) -> dict:
    """Open the home page, type the query as soon as it has loaded, wait for the first result."""
    context, finished = _context(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="load")
    on_load = len(finished)
    box = page.locator("input.md-search__input")
    started = time.perf_counter()
    box.click()
    # fill() then one key, as the search test does: Material reads the box on keyup
    box.fill(query)
    box.press("End")
    try:
        page.wait_for_selector(".md-search-result__list > *", timeout=180_000)
        seconds = time.perf_counter() - started
    except Exception as exc:  # the figure is "no result", the benchmark goes on
        seconds = None
        errors.append(f"no result: {type(exc).__name__}")
    at_result = len(finished)
    results = page.eval_on_selector_all(".md-search-result__list > *", "els => els.length")
    first_titles = page.eval_on_selector_all(".md-search-result__list > *",
                                             "els => els.slice(0, 3).map(e => e.innerText.split('\\n')[0].slice(0, 60))")
    requests = list(finished)
    result = {"load_bytes": _bytes(requests[:on_load]), "search_bytes_to_result": _bytes(requests[:at_result]),
              "first_result_s": seconds, "results": results, "first_results": first_titles, "page_errors": errors}
    context.close()
    return result


def measure(n: int, args, root: Path) -> dict:
    """Every figure for one N."""
    started = time.perf_counter()
    project = make_project(n, args.seed, root)
    result = {"plans": n, "corpus_s": time.perf_counter() - started, "load_before": os.getloadavg()[0]}
    log(f"N={n}: corpus written in {result['corpus_s']:.1f} s; generator ...")
    result["generator"] = time_generator(project, args.timeout)
    log(f"N={n}: generator {result['generator'].get('wall_s', 0):.1f} s; mkdocs build --strict ...")
    result["build"] = build(project, args.timeout)
    result["load_after"] = os.getloadavg()[0]
    log(f"N={n}: build {result['build']['wall_s']:.1f} s (rc {result['build']['returncode']})")
    site = project / "site"
    if result["build"]["returncode"] == 0 and site.is_dir():
        result["site"] = site_stats(site, n)
        if not args.skip_browser:
            log(f"N={n}: browser ...")
            result["browser"] = browse(site, args.query, args.wait)
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    else:
        result["project"] = str(project)
    return result


def log(message: str) -> None:
    """Progress on stderr, so stdout is only the table."""
    print(message, file=sys.stderr, flush=True)


def _mb(value) -> str:
    return "—" if value is None else f"{value / MB:.2f} MB" if value < 10 * MB else f"{value / MB:.0f} MB"


def _kb(value) -> str:
    return "—" if value is None else f"{value / 1000:.0f} KB"


def row(result: dict, timeout) -> list[str]:
    """One table row for one N. Wall times and CPU times: on a shared machine the CPU seconds are
    the figure that compares across runs; the MkDocs part is the build's CPU minus the generator's."""
    n, generator, build_ = result["plans"], result["generator"], result["build"]
    site, browser = result.get("site", {}), result.get("browser", {})
    gen_ok = not generator.get("timed_out") and "error" not in generator
    built = not build_["timed_out"] and build_["returncode"] == 0
    if build_["timed_out"]:
        total = f"> {timeout:.0f} s / {build_['cpu_s']:.0f} s when stopped"
    elif build_["returncode"] != 0:
        total = f"failed ({build_['returncode']})"
    else:
        total = f"{build_['wall_s']:.1f} s / {build_['cpu_s']:.1f} s"
    generator_text = (f"{generator['wall_s']:.1f} s / {generator['cpu_s']:.1f} s" if gen_ok else
                      f"> {timeout:.0f} s" if generator.get("timed_out") else "failed")
    mkdocs = f"{build_['cpu_s'] - generator['cpu_s']:.1f} s" if gen_ok and built else "—"
    share = f"{generator['cpu_s'] / build_['cpu_s']:.0%}" if gen_ok and built else "—"
    markdown = generator.get("markdown_bytes")
    first = browser.get("first_result_s")
    return [
        f"{n:,}", f"{site['pages']:,}" if site else "—", generator_text, total, mkdocs, share,
        f"{build_['peak_mb'] / 1000:.2f} GB",
        _mb(site.get("site_bytes")), _mb(markdown),
        f"{_kb(site.get('largest_page_bytes'))} / {_kb(site.get('median_page_bytes'))}" if site else "—",
        f"{_kb(markdown / n if markdown else None)} / {_kb(site.get('html_bytes_per_plan'))}",
        f"{build_['cpu_s'] / n:.2f} s" if built else "—",
        _kb(site.get("fixed_page_bytes")),
        _mb(sum(site["search_bytes"].values())) if site else "—",
        _mb(browser.get("view_bytes")), _mb(browser.get("search_bytes_to_result")),
        (f"{first:.1f} s" if first is not None else "none") if browser else "—",
        f"{result['load_before']:.1f}–{result['load_after']:.1f}",
    ]


HEADER = ["N plans", "HTML pages", "generator wall / CPU", "full build wall / CPU", "MkDocs part CPU",
          "generator share CPU", "peak memory", "site", "pages written", "largest / median page",
          "written / HTML per plan", "build CPU per plan", "about page (nav)", "search files", "page view download", "download to first result",
          "first result", "load avg"]


def table(results: list[dict], timeout) -> str:
    """The Markdown table of all results."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row(r, timeout)) + " |" for r in results]
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command line: measure every N in turn, print the table (and write JSON)."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--plans", type=int, nargs="+", default=[5, 50, 300, 1000], help="the N to measure")
    parse.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parse.add_argument("--timeout", type=float, help="stop a build (or the generator) after this many seconds")
    parse.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parse.add_argument("--keep", action="store_true", help="keep the projects (data/ and site/) for a look")
    parse.add_argument("--skip-browser", action="store_true", help="no Chromium measurements")
    parse.add_argument("--query", default="省质监局", help="the department name typed into the search box")
    parse.add_argument("--wait", type=float, default=2.0, help="seconds to watch the network after a plain view")
    parse.add_argument("--work", type=Path, help="folder for the projects (default: a new temporary folder)")
    args = parse.parse_args(argv)
    if not args.skip_browser and not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium, or pass --skip-browser")
    root = args.work or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    results = []
    log(f"benchmark in {root} on {os.cpu_count()} cores; {os.getloadavg()[0]:.1f} load")
    for n in args.plans:
        results.append(measure(n, args, root))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep and args.work is None:
        shutil.rmtree(root, ignore_errors=True)
    print(table(results, args.timeout))
    failed = [r for r in results if r["build"]["returncode"] != 0 and not r["build"]["timed_out"]]
    for result in failed:
        log(f"N={result['plans']}: the build failed:\n{result['build'].get('error', '')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
