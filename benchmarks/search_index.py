"""Size of the search index and what a query downloads, for any data folder.

    python benchmarks/search_index.py [DATA] [--query Q ...] [--no-browser] [--compare-jieba]

Builds ``generator.search.outputs`` in-process from DATA (default data/) and prints the time, the
index's size, shard counts and the largest shards. Then, unless --no-browser, it writes the index
with a bare search page (tests/search_harness.py), serves it on 127.0.0.1 and types each query in
headless Chromium (/usr/bin/chromium), each in a new browser context (empty cache), printing the
bytes and files downloaded before the first result, the time from typing to the first result,
and the download once the query is done. Without --query it uses department names, aliases,
partial names, a plan title, a document number and a phrase from a task, taken from DATA.
--compare-jieba prints why the index uses character bigrams: of 300 phrases copied from tasks
(6 to 20 characters, seed 1), how many a jieba-word index would find (every word of the phrase
among the words of its task) against a bigram index.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import load, routes, search  # noqa: E402
from tests.search_harness import write_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PLACEHOLDER = "键入以开始搜索"


def default_queries(handbook) -> list[str]:
    """A spread of what readers type, from the data itself."""
    departments = list(handbook.departments.values())
    queries = [departments[0].name, departments[len(departments) // 2].name, departments[-1].name]
    queries += [d.aliases[0] for d in departments if d.aliases][:1]
    queries += [d.full_name for d in departments if d.full_name][:1]
    queries += ["质监局", "市场监管局", "省工业和信息化厅", "牵头"]
    plan = next(iter(handbook.plans.values()))
    queries.append(plan.title)
    queries += [d.doc_number.replace("〔", "[").replace("〕", "]") for d in handbook.documents.values()
                if d.doc_number and "〔" in d.doc_number][:1]
    text = next(t.text for _, t in plan.walk() if t.text and len(t.text) > 60)
    queries.append(text[20:40])
    return queries


def sizes(files: dict[str, bytes]) -> None:
    """Total, per kind of shard: count, total, median and largest."""
    print(f"index: {len(files)} files, {sum(map(len, files.values())) / 1e6:.2f} MB")
    kinds: dict[str, list[tuple[int, str]]] = {}
    for path, data in files.items():
        kind = path.split("/")[2] if path.count("/") >= 3 else "client"
        kinds.setdefault(kind, []).append((len(data), path))
    names = {"k": "key shards", "t": "text shards", "d": "record chunks", "client": "client script"}
    for kind, found in sorted(kinds.items()):
        largest = max(found)
        print(f"  {names.get(kind, kind):14} {len(found):6} files  {sum(s for s, _ in found) / 1e6:8.2f} MB  "
              f"median {statistics.median(s for s, _ in found) / 1e3:7.1f} KB  largest {largest[0] / 1e3:7.1f} KB")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# In the page: when the query is typed, when the result count first shows, and what the page
# downloaded (the Resource Timing of every index file), so Playwright's own latency is not counted.
WATCH = """placeholder => {
  const meta = document.querySelector('.md-search-result__meta');
  window.__search = {};
  new MutationObserver(() => {
    if (window.__search.first === undefined && meta.textContent.trim() !== placeholder)
      window.__search.first = performance.now();
  }).observe(meta, {childList: true, characterData: true, subtree: true});
  document.querySelector('input.md-search__input').addEventListener(
    'input', () => { window.__search.start = performance.now(); }, {once: true});
}"""
LOADED = """() => performance.getEntriesByType('resource')
  .filter(e => e.name.includes('/search/') && !e.name.endsWith('handbook-search.js'))
  .map(e => [e.responseEnd, e.encodedBodySize])"""


def measure(folder: Path, queries: list[str]) -> None:
    """Type each query into the harness page, in a fresh context; print downloads and times."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    print(f"{'query':24} {'first result':>12} {'KB':>8} {'files':>5} {'done KB':>8} {'files':>5}  first result")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                box = page.locator("input.md-search__input")
                box.click()
                page.evaluate(WATCH, PLACEHOLDER)
                box.fill(query)
                page.wait_for_function("() => window.__search.first !== undefined", timeout=30000)
                page.wait_for_function("() => !document.querySelector('.md-search-result').hasAttribute('aria-busy')",
                                       timeout=30000)
                title = page.evaluate("() => (document.querySelector('.md-search-result__list h1') || {}).textContent"
                                      " || '(none)'")
                times = page.evaluate("() => window.__search")
                loaded = page.evaluate(LOADED)
                before = [size for end, size in loaded if end <= times["first"]]
                print(f"{query[:24]:24} {times['first'] - times['start']:9.0f} ms {sum(before) / 1e3:8.1f} "
                      f"{len(before):5} {sum(s for _, s in loaded) / 1e3:8.1f} {len(loaded):5}  {title[:30]}")
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def compare_jieba(handbook, count: int = 300) -> None:
    """Recall of whole jieba words against character bigrams for phrases copied from tasks."""
    import logging
    import random

    import jieba

    from generator.search import records, text

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()

    def words(value: str) -> set[str]:
        return {w for part in text.parts(value) for w in tokenizer.lcut(part, HMM=False)}
    sections = [r for r in records.records(handbook, routes.Site().url) if r.kind == "section" and len(r.text) > 40]
    rng = random.Random(1)
    by_words = by_grams = 0
    for _ in range(count):
        record = rng.choice(sections)
        length = rng.randint(6, 20)
        start = rng.randrange(0, len(record.text) - length)
        phrase = record.text[start:start + length]
        by_words += words(phrase) <= words(record.text)
        by_grams += text.text_grams(phrase) <= text.text_grams(record.text)
    print(f"phrases copied from tasks: jieba words find {by_words}/{count}, bigrams {by_grams}/{count}")


def main(argv=None) -> int:
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    parse.add_argument("--query", action="append", help="a query to measure (repeatable)")
    parse.add_argument("--no-browser", action="store_true", help="sizes only")
    parse.add_argument("--compare-jieba", action="store_true", help="recall of jieba words against bigrams")
    parse.add_argument("--keep", type=Path, help="write the index and page here (kept) instead of a temporary folder")
    parse.add_argument("--site", type=Path, help="measure a folder written by --keep (needs --query), without building")
    args = parse.parse_args(argv)
    if args.site:
        if not args.query:
            parse.error("--site needs --query")
        measure(args.site, args.query)
        return 0
    started = time.perf_counter()
    handbook = load(args.data)
    loaded = time.perf_counter()
    files = search.outputs(handbook, routes.Site().url)
    built = time.perf_counter()
    print(f"{args.data}: {len(handbook.plans)} plans, {len(handbook.departments) + len(handbook.groups)} bodies, "
          f"{len(handbook.tasks)} task nodes; load {loaded - started:.1f} s, search index {built - loaded:.1f} s, "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    sizes(files)
    if args.compare_jieba:
        compare_jieba(handbook)
    if args.keep:
        write_site(files, search.script(files), args.keep)
    if not args.no_browser:
        with tempfile.TemporaryDirectory(prefix="search-bench-") as temporary:
            folder = args.keep or Path(temporary)
            if not args.keep:
                write_site(files, search.script(files), folder)
            measure(folder, args.query or default_queries(handbook))
    return 0


if __name__ == "__main__":
    sys.exit(main())
