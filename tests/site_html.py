"""Reading a built site: the ids, links and role sections of its HTML pages."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The ids of a page, and its links with the role heading (h3) they stand under."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (href, current h3 text)
        self.section_links: list[tuple[str, str]] = []  # (href, id of the heading it stands under)
        self._section = ""
        self.scripts: list[str] = []
        self._h3: str = ""
        self._in_h3 = False
        self._in_article = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append((attrs["href"], self._h3))
            self.section_links.append((attrs["href"], self._section))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._section = attrs.get("id", "")
        if tag == "script":
            self.scripts.append(attrs.get("src") or "")
        if tag in ("h2", "h1"):
            self._h3 = ""
        if tag == "h3":
            self._in_h3, self._h3 = True, ""

    def handle_endtag(self, tag):
        if tag == "h3":
            self._in_h3 = False

    def handle_data(self, data):
        if self._in_h3:
            self._h3 += data


def parse(path: Path) -> Page:
    """Parse one HTML file."""
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    here = "" if parts.path.startswith("/") else page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(here, unquote(parts.path).lstrip("/")))
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)
