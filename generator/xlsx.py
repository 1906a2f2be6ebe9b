"""A one-sheet XLSX workbook of a table: header row, text and number cells, nothing else.

What it writes, per the OOXML minimum Excel opens: [Content_Types].xml, _rels/.rels, xl/workbook.xml,
xl/_rels/workbook.xml.rels, xl/worksheets/sheet1.xml, xl/sharedStrings.xml, xl/styles.xml,
docProps/core.xml and docProps/app.xml (no theme: the styles name their font and colours). The sheet
has a bold, shaded, bordered header row that is frozen and filtered, a width per column, and every
cell top-aligned with wrapped text. Text is always a shared string (never a formula), numbers are
numbers; XML special characters are escaped and control characters written as Excel's _xHHHH_
escapes, as Excel itself (and xlsxwriter) does.

Why not xlsxwriter: it made the same cells, widths and styles, but through a general writer that
cost about 2.6 ms per workbook, and a national handbook has thousands of them (issue 8). Here the
parts that never change are made once, the sheet is one string join, and the zip (written directly,
byte for byte as zipfile would: the data-set download uses it too) has fixed times and modes, so
the same table gives the same bytes on every machine.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
import struct
import zlib
from typing import Iterable, Mapping, NamedTuple, Sequence

Cell = str | int | float | None
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]  # and its time of day is 0
_MADE_BY = 3 << 8 | 20  # Unix, zip 2.0
_MODE = 0o644 << 16  # rw-r--r--
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
AUTHOR = "质量政策手册"
LEVEL = 2  # deflate: as fast as level 1 and 2% smaller; level 6 is 6% smaller for 1.7 times the time
STORE_BELOW = 1024  # bytes: smaller parts (properties, the workbook part) gain less than zlib's set-up costs
MAX_TEXT = 32767  # Excel's limit on the characters of one cell; longer text is cut, as xlsxwriter does

_CONTROL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f]")
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument."

_CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_TYPE}extended-properties+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}spreadsheetml.styles+xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}spreadsheetml.sharedStrings+xml"/>'
    "</Types>").encode()

_ROOT_RELS = (
    _HEAD + f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE_RELS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>").encode()

_WORKBOOK_RELS = (
    _HEAD + f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>").encode()

# Style 0: Excel's default; 1: every cell (top, wrapped); 2: the header (also bold, shaded, bordered).
_STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>'
    '</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
    '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
    '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"'
    ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0"/></styleSheet>').encode()


def workbook(sheet: str, title: str, header: Sequence[str], widths: Sequence[int],
             rows: Iterable[Sequence[Cell]], created: datetime.datetime) -> bytes:
    """The bytes of a workbook with one sheet named ``sheet``: ``header`` then ``rows`` (None and ""
    are empty cells), column widths in characters, ``title`` and ``created`` as document properties."""
    letters = _letters(len(header))
    data, strings, count = _sheet_data(letters, header, rows)
    last_column, last_row = letters[-1], max(count, 2)  # the filter covers one row even under a bare header
    sheet_xml = _sheet(_columns(tuple(widths)), f"A1:{last_column}{count}", f"A1:{last_column}{last_row}", data)
    content_types, root_rels, workbook_rels, styles = _FIXED
    return zip_parts((content_types, root_rels, part("xl/workbook.xml", _workbook(sheet, last_column, last_row)),
                      workbook_rels, part("xl/worksheets/sheet1.xml", sheet_xml),
                      part("xl/sharedStrings.xml", _shared_strings(list(strings))), styles,
                      part("docProps/core.xml", _core(title, created)), _app(sheet)))


def _sheet_data(letters: Sequence[str], header: Sequence[str],
                rows: Iterable[Sequence[Cell]]) -> tuple[str, dict[str, int], int]:
    """The <row> elements (the header in style 2, the rest in style 1), the shared strings they
    number in order of first use, and the number of the last row."""
    strings: dict[str, int] = {}
    number_of = strings.setdefault
    out, number, style = [], 0, 2
    for number, row in enumerate((header, *rows), start=1):
        text_tail, number_tail = f'{number}" s="{style}" t="s"><v>', f'{number}" s="{style}"><v>'
        cells = "".join([f'<c r="{letter}{text_tail}{number_of(value, len(strings))}</v></c>'
                         if isinstance(value, str) else f'<c r="{letter}{number_tail}{number_text(value)}</v></c>'
                         for letter, value in zip(letters, row) if value is not None and value != ""])
        out.append(f'<row r="{number}">{cells}</row>')
        style = 1
    return "".join(out), strings, number


@functools.lru_cache
def _letters(count: int) -> tuple[str, ...]:
    return tuple(column_letter(c) for c in range(count))


def number_text(value: int | float) -> str:
    """A number as the sheet stores it: up to 16 significant digits, as Excel writes them."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"a spreadsheet number must be a finite int or float, not {value!r}")
    return f"{value:.16G}"


def column_letter(index: int) -> str:
    """The letters of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_width(characters: int) -> str:
    """A width in characters as Excel stores it: with the 5 pixels of padding of Calibri 11, in 1/256."""
    pixels = int(characters * 7 + 0.5) + 5
    return f"{pixels * 256 // 7 / 256:.16g}"


def text(value: str) -> str:
    """Text for an XML element: & < > escaped, control characters (and text that looks like their
    escape) written as _xHHHH_, as Excel reads them back."""
    if "_x" in value or _CONTROLS.search(value):
        value = _CONTROL.sub(lambda m: "_x005F" + m[0] if len(m[0]) > 1 else f"_x{ord(m[0]):04X}_", value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    return value.replace(">", "&gt;") if ">" in value else value


def _attribute(value: str) -> str:
    return text(value).replace('"', "&quot;")


@functools.lru_cache
def _columns(widths: tuple[int, ...]) -> str:
    return "".join(f'<col min="{c}" max="{c}" width="{column_width(w)}" style="1" customWidth="1"/>'
                   for c, w in enumerate(widths, start=1))


def _sheet(columns: str, dimension: str, filtered: str, data: str) -> bytes:
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}"><dimension ref="{dimension}"/>'
            '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f'<cols>{columns}</cols><sheetData>{data}</sheetData><autoFilter ref="{filtered}"/>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>').encode()


def _shared_strings(strings: list[str]) -> bytes:
    if max(map(len, strings), default=0) > MAX_TEXT:
        strings = [s[:MAX_TEXT] for s in strings]
    return (f'{_HEAD}<sst xmlns="{_MAIN}" uniqueCount="{len(strings)}">'
            f'{"".join(_items(strings))}</sst>').encode()


_ITEM = '<si><t xml:space="preserve">'  # keep spaces at either end; the rest is the same with or without


def _items(strings: list[str]) -> list[str]:
    """The <si> elements of the strings, escaped in one pass over them all (U+FFFF, which XML, and
    so YAML, never carries, keeps them apart until it becomes the markup between them)."""
    joined = "\uffff".join(strings)
    if joined.count("\uffff") != len(strings) - 1:
        return [f"{_ITEM}{text(s)}</t></si>" for s in strings]
    return [_ITEM, text(joined).replace("\uffff", "</t></si>" + _ITEM), "</t></si>"] if strings else []


def _workbook(sheet: str, last_column: str, last_row: int) -> bytes:
    name = _attribute(sheet)
    quoted = name if re.fullmatch(r"\w+", sheet) else "'" + name.replace("'", "''") + "'"
    return (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets><definedNames>'
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"{quoted}!$A$1:${last_column}${last_row}"
            '</definedName></definedNames><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>').encode()


def _core(title: str, created: datetime.datetime) -> bytes:
    date = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{text(title)}</dc:title><dc:creator>{AUTHOR}</dc:creator>"
            f"<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>').encode()


@functools.lru_cache
def _app(sheet: str) -> Part:
    """docProps/app.xml: the application and the sheet's name (one of two, so made once each)."""
    return part("docProps/app.xml", (
        f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
        "</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{text(sheet)}</vt:lpstr></vt:vector>'
        "</TitlesOfParts><AppVersion>12.0000</AppVersion></Properties>").encode())


class Part(NamedTuple):
    """A zip member compressed once, with its headers: all a zip needs but where it starts."""

    local: bytes  # the local file header, name included
    data: bytes
    central: bytes  # the central directory entry up to the member's offset (then comes the name)
    name: bytes


def part(name: str, content: bytes, level: int = LEVEL, store_below: int = STORE_BELOW) -> Part:
    """``content`` under ``name``, deflated at ``level`` (raw deflate, as zip entries hold it), or
    stored when shorter than ``store_below`` bytes; dated 1980-01-01 (the earliest a zip can carry),
    Unix mode 0644, whatever the machine, as zipfile writes such entries."""
    stored = len(content) < store_below
    data = content if stored else zlib.compress(content, level, wbits=-15)
    encoded = name.encode("utf-8")
    if max(len(content), len(data)) >= 0xFFFFFFFF:
        raise ValueError(f"{name}: too large for a zip without zip64")
    fields = (20, 0 if encoded.isascii() else 0x800,  # bit 11: the name is UTF-8
              0 if stored else 8, 0, _DOS_DATE, zlib.crc32(content), len(data), len(content), len(encoded))
    return Part(_LOCAL.pack(_LOCAL_SIGNATURE, *fields, 0) + encoded, data,
                _CENTRAL.pack(_CENTRAL_SIGNATURE, _MADE_BY, *fields, 0, 0, 0, 0, _MODE), encoded)


def zip_bytes(members: Mapping[str, bytes], level: int) -> bytes:
    """A zip of ``members`` in the given order, each deflated at ``level`` (the data-set download)."""
    return zip_parts([part(name, content, level, store_below=0) for name, content in members.items()])


def zip_parts(parts: Iterable[Part]) -> bytes:
    """A zip of parts made already, in the given order."""
    out, directory, offset = [], [], 0
    for p in parts:
        directory += (p.central, offset.to_bytes(4, "little"), p.name)
        out += (p.local, p.data)
        offset += len(p.local) + len(p.data)
    if offset >= 0xFFFFFFFF:
        raise ValueError("too large for a zip without zip64")
    listing = b"".join(directory)
    count = len(directory) // 3
    return b"".join((*out, listing, _END.pack(_END_SIGNATURE, 0, 0, count, count, len(listing), offset, 0)))


_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5HL")  # then the offset (L)
_END = struct.Struct("<4s4H2LH")
_FIXED = [part(name, content) for name, content in (  # the parts that never change, deflated once
    ("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
    ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES))]
