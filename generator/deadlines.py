"""Deadlines as plans write them (完成时限 / 完成时间) and the one reading each may have.

``read`` is the one normaliser the importer and the site share: a deadline as written ->
``{"by": "YYYY-MM-DD"}``, ``{"yearly": "MM-DD"}``, ``{"ongoing": True}``, or ``{}`` when it
cannot be read (2024年起, 按国家部署). The written words are always kept; the reading is derived.
"""

from __future__ import annotations

import calendar
import datetime
import re

from .normalise import ascii_width
from .numbers import CN_NUMERAL, cn_value

READINGS = ("by", "yearly", "ongoing")

_ONGOING = re.compile(r"^(?:长期坚持|长期推进|长期|持续推进|持续开展|持续实施|持续|常态化推进|常态化|经常性工作|全年)$")
_MONTH = rf"(\d{{1,2}}|{CN_NUMERAL}{{1,3}})"
# 2025年底前, 2025年12月底前, 2024年12月, 2024年6月30日前, 2025年上半年, 2025年
_DATE = re.compile(rf"^(\d{{4}})年(?:{_MONTH}月(?:(\d{{1,2}})日)?|(上半年|下半年|年底|年末|第?[一二三四]季度|底|末))?(?:底|末)?(?:前|以前|之前)?(?:完成)?$")
_YEARLY = re.compile(rf"^每年{_MONTH}月(?:(\d{{1,2}})日)?(?:底|末)?(?:前|以前|之前)?$")
_YEARLY_END = re.compile(r"^每年(?:年底|年末|底)前?$")
_HALF = {"上半年": 6, "下半年": 12, "年底": 12, "年末": 12, "底": 12, "末": 12,
         "第一季度": 3, "一季度": 3, "第二季度": 6, "二季度": 6, "第三季度": 9, "三季度": 9, "第四季度": 12, "四季度": 12}


def _number(written: str) -> int:
    return int(written) if written.isdigit() else cn_value(written)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def read(written: str) -> dict:
    """The normalised reading of a deadline as written, or {} when none can be read.

    2025年底前 -> {by: 2025-12-31}; 2024年12月 -> {by: 2024-12-31}; 2024年6月30日前 ->
    {by: 2024-06-30}; 2024年第三季度 -> {by: 2024-09-30}; 每年6月底前 -> {yearly: 06-30}; 长期坚持, 持续推进 -> {ongoing: true}.
    """
    text = re.sub(r"\s+", "", ascii_width(written or "")).rstrip("。.;,")
    if _ONGOING.match(text):
        return {"ongoing": True}
    found = _DATE.match(text)
    if found:
        return _by(int(found[1]), found[2], found[3], found[4])
    found = _YEARLY.match(text)
    if found:
        month = _number(found[1])
        if not 1 <= month <= 12:
            return {}
        day = int(found[2]) if found[2] else _last_day(2001, month)  # a common year: 02-28
        return {"yearly": f"{month:02d}-{day:02d}"} if day <= _last_day(2000, month) else {}
    if _YEARLY_END.match(text):
        return {"yearly": "12-31"}
    return {}


def _by(year: int, month: str | None, day: str | None, part: str | None) -> dict:
    """A date by which: the last day of the month, half-year or year the words name."""
    number = _number(month) if month else _HALF.get(part or "", 12)
    if not 1 <= number <= 12:
        return {}
    last = _last_day(year, number)
    date = int(day) if day else last
    if not 1 <= date <= last:
        return {}
    return {"by": datetime.date(year, number, date).isoformat()}


def describe(written: str) -> str:
    """How a deadline as written is read, for the import report: 'by 2025-12-31', 'yearly 06-30',
    'ongoing', or 'no reading'."""
    reading = read(written)
    if not reading:
        return "no reading"
    key, value = next(iter(reading.items()))
    return key if value is True else f"{key} {value}"


def label(deadline) -> str:
    """A deadline's reading in words, for pages and exports (a Deadline or its YAML mapping):
    2025-12-31前, 每年06-30前, 长期, or '' when it has none."""
    get = deadline.get if isinstance(deadline, dict) else lambda key: getattr(deadline, key, None)
    if get("by"):
        return f"{get('by')}前"
    if get("yearly"):
        return f"每年{get('yearly')}前"
    if get("ongoing"):
        return "长期"
    return ""


def as_data(deadline) -> dict:
    """A Deadline as the YAML writes it: written, and its one reading where it has one."""
    out = {"written": deadline.written}
    for key in ("by", "yearly"):
        if getattr(deadline, key):
            out[key] = getattr(deadline, key)
    if deadline.ongoing:
        out["ongoing"] = True
    return out


def looks_like(written: str) -> bool:
    """Whether a cell or field is a deadline at all (read or not): 2025年底前, 长期坚持, 每年…, 2024年起."""
    text = re.sub(r"\s+", "", ascii_width(written or ""))
    return bool(read(text)) or bool(re.match(r"^(?:\d{4}年|每年|每季度|每月|长期|持续|常态|按|根据|年内|[一-九十]+年内)", text)
                                     and len(text) <= 20)
