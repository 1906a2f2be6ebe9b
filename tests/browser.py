"""Shared for the browser tests of pages: one built site, one local server, Debian's Chromium.

Every request that leaves the local server is refused and recorded, so a page that asks for
anything outside the site fails the test that opened it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"desktop": 1400, "phone": 375}
# One page of every kind, by its path in the site.
PAGE_KINDS = {
    "home": "",
    "plan": "plans/sichuan-task-division/",
    "plans": "plans/",
    "department": "departments/sichuan-shengzhijianju/",
    "group": "groups/sichuan-shengjiyouguanbumen/",
    "directory": "departments/",
    "place": "places/sichuan/",
    "indicators": "indicators/",
    "plan-indicators": "indicators/sichuan-task-division/",
    "document": "documents/zhongfa-2017-24/",
    "documents": "documents/",
    "about": "about/",
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static file server that does not log every request."""

    def log_message(self, *args) -> None:
        pass


def build(out: Path, config: str = "mkdocs.yml") -> Path:
    """`mkdocs build` of the real project into ``out``."""
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(ROOT / config),
                          "--site-dir", str(out)], capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, f"mkdocs build failed:\n{run.stdout}\n{run.stderr}"
    return out


@contextlib.contextmanager
def serve(site: Path):
    """The site on http://127.0.0.1:<port>/ for the duration."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium; fails (not skips) when it is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def local_only(page, outside: list[str], errors: list[str]) -> None:
    """Refuse and record every request to anywhere but 127.0.0.1 or file://; record script errors."""
    def route(r):
        parts = urlsplit(r.request.url)
        if parts.scheme in ("file", "data", "blob") or parts.hostname == "127.0.0.1":
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()
    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
