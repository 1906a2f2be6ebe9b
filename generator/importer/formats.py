"""Formats stage: a published file -> its text, whatever it was saved as.

Plain text is decoded (UTF-8, UTF-16, GBK). A Word .docx and a saved .html page are read
directly: paragraphs one a line, and every table row one line with its cells separated by
tabs, a line break inside a cell kept as a line break, just as a browser copies a web table,
so the table stage reads all three the same way. A .doc or a PDF gets a message saying how
to convert it.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

from .text import ImportFailure, decode

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "section", "article",
           "header", "footer", "ul", "ol", "dt", "dd", "title", "center", "blockquote"}
_SKIP = {"script", "style", "noscript", "template", "head"}


def to_text(raw: bytes, name: str) -> tuple[str, str]:
    """(text, how it was read) of a published file; a clear failure for what cannot be read."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if raw.startswith(b"%PDF") or suffix == "pdf":
        raise ImportFailure(f"{name} is a PDF: convert it to text first (`pdftotext -layout {name} plan.txt`, "
                            "or open it and save as text), check the text against the PDF, then import the .txt")
    if raw.startswith(b"\xd0\xcf\x11\xe0") or suffix == "doc":
        raise ImportFailure(f"{name} is an old Word .doc: save it as .docx in Word or LibreOffice "
                            f"(`libreoffice --headless --convert-to docx {name}`), then import the .docx")
    if raw.startswith(b"PK") or suffix == "docx":
        text, numbered = docx_text(raw, name), _auto_numbered(raw)
        how = "DOCX (paragraphs and table cells)"
        if numbered:
            how += (f"; {numbered} paragraphs are numbered by Word itself, so their numbers are not in the "
                    "text: check the structure, or save the document as text from Word and import that")
        return text, how
    text, encoding = decode(raw)
    if suffix in ("html", "htm") or re.match(r"\s*(<!doctype html|<html)", text[:200], re.IGNORECASE):
        return html_text(text), f"HTML ({encoding}; text of the page, tables cell by cell)"
    return text, encoding


def docx_text(raw: bytes, name: str = "the file") -> str:
    """The text of a .docx: paragraphs one a line, table rows one a line with tab-separated cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ImportFailure(f"{name} is not a Word .docx (no word/document.xml inside): open it in Word or "
                            "LibreOffice and save it as .docx or as text") from None
    try:
        body = ElementTree.fromstring(xml).find(f"{_W}body")
    except ElementTree.ParseError as error:
        raise ImportFailure(f"{name}: word/document.xml is not well-formed XML ({error}); re-save it in Word") from None
    lines: list[str] = []
    for element in body if body is not None else ():
        if element.tag == f"{_W}p":
            lines.append(_paragraph(element))
        elif element.tag == f"{_W}tbl":
            lines += _table(element)
    return "\n".join(lines) + "\n"


def _auto_numbered(raw: bytes) -> int:
    """How many paragraphs Word numbers itself (w:numPr): their 一、 or 1. is not in the text."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    return sum(1 for p in root.iter(f"{_W}p") if p.find(f"{_W}pPr/{_W}numPr") is not None)


def _paragraph(element) -> str:
    out = []
    for node in element.iter():
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
    return "".join(out)


def _table(element) -> list[str]:
    """One line a row: cells joined by tabs; a cell's paragraphs joined by line breaks."""
    lines = []
    for row in element.findall(f"{_W}tr"):
        cells = ["\n".join(p for p in (_paragraph(par) for par in cell.findall(f"{_W}p")) if p.strip())
                 for cell in row.findall(f"{_W}tc")]
        lines.append("\t".join(c.replace("\t", " ") for c in cells).rstrip("\t"))
    return lines


class _Page(HTMLParser):
    """Collects a page's text: block elements end lines, scripts and styles are skipped, and a table
    row is one line of tab-separated cells (a cell's own paragraphs and <br> kept as line breaks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def _text(self, words: str) -> None:
        (self.cell if self.cell is not None else self.out).append(words)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            lines = [line.strip() for line in "".join(self.cell).split("\n")]
            self.row.append("\n".join(line for line in lines if line))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.out.append("\n" + "\t".join(self.row).rstrip("\t") + "\n")
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
        elif tag in _BLOCKS:
            self._text("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self._text("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
        elif tag in _BLOCKS:
            self._text("\n")

    def handle_data(self, data):
        if not self.skip:
            # Source white space collapses as a browser shows it; &nbsp; runs (field gaps) stay.
            self._text(re.sub(r"[ \t\r\n]+", " ", data).replace("\xa0", " "))


def html_text(page: str) -> str:
    """The text of a saved web page; a <table> row a line with tab-separated cells."""
    parser = _Page()
    parser.feed(page)
    parser.close()
    text = "".join(parser.out)
    lines = [re.sub(r"^ +| +$", "", line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line.strip() or line == "") + "\n"
