"""Meta stage: a document's own metadata from header tables, cover letters and signatures."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .. import normalise
from ..numbers import cn_value
from .text import Line

_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([○〇零一二三四五六七八九OО]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DOC_TITLE = re.compile(r"(方案|意见|办法|计划|规划|通知|纲要|细则|决定|规定|要点|任务分工|任务清单|清单|分工表)$")
_HEADER_KEYS = {"索引号": "index", "主题分类": "topic", "发布机构": "publisher", "发布部门": "publisher",
                "成文日期": "written", "标题": "title", "发文字号": "doc_number", "发布文号": "doc_number",
                "文号": "doc_number", "发布日期": "published", "发布时间": "published", "生效日期": "effective",
                "实施日期": "effective", "状态": "status", "时效性": "status"}


def parse_date(text: str) -> str | None:
    """2018年3月13日, 2011-03-18, 二○一一年三月十八日 -> ISO date; None when there is none or it is invalid."""
    found = _DATE.search(text)
    if found:
        year, month, day = map(int, found.groups())
    else:
        found = _CN_DATE.search(text)
        if not found:
            return None
        year = cn_value(found[1])
        month, day = cn_value(found[2]), cn_value(found[3])
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    """A line that is only a date (a signature's date)."""
    return bool(re.fullmatch(r"\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[○〇零一二三四五六七八九OО]{4}年[一二三四五六七八九十]{1,3}月"
                             r"[一二三四五六七八九十]{1,3}日)\s*", text))


@dataclass
class Metadata:
    """What the document says about itself, and which lines said it."""

    fields: dict[str, str] = field(default_factory=dict)
    header_lines: list[Line] = field(default_factory=list)


def header(lines: list[Line]) -> Metadata:
    """Key-value header lines: '发文字号: | 晋市政发〔2023〕18 号 | 发布日期: | …', '状态:有效 发布日期:…'."""
    meta = Metadata()
    for line in lines[:15]:
        pairs = _pairs(line.text)
        if not pairs:
            continue
        meta.header_lines.append(line)
        for key, value in pairs:
            name = _HEADER_KEYS.get(key)
            if name and value and name not in meta.fields:
                meta.fields[name] = value
    for key in ("written", "published", "effective"):
        if key in meta.fields:
            meta.fields[key] = parse_date(meta.fields[key]) or meta.fields.pop(key)
    if "doc_number" in meta.fields:
        meta.fields["doc_number"] = normalise.doc_number(meta.fields["doc_number"])
    return meta


def _pairs(text: str) -> list[tuple[str, str]]:
    """Header pairs in a line, in either the table form (key: | value |) or the inline form."""
    cells = [c.strip() for c in text.split("|")]
    pairs = []
    if len(cells) > 2:
        for key, value in zip(cells, cells[1:]):
            key = re.sub(r"\s+", "", key).rstrip(":：")
            if key in _HEADER_KEYS:
                pairs.append((key, value.strip()))
        return pairs
    keys = "|".join(sorted(_HEADER_KEYS, key=len, reverse=True))
    for found in re.finditer(rf"({keys})\s*[:：]\s*(.*?)(?=\s+(?:{keys})\s*[:：]|$)", text):
        pairs.append((found[1], found[2].strip()))
    return pairs


def is_salutation(text: str) -> bool:
    """The first line of a cover letter: '各市州人民政府,省…:' (addressees, ending with a colon)."""
    return text.endswith((":", "：")) and text.startswith("各") and len(text) < 120


def is_title(text: str) -> bool:
    """A document title standing on its own line."""
    return len(text) <= 60 and not re.search(r"[,，。;；:：]", text) and bool(_DOC_TITLE.search(text))
