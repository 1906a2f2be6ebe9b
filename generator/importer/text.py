"""Text stage: bytes -> numbered source lines, with clutter and contact details set aside.

Every line keeps its 1-based number in the source, so the report can name each
line the importer did not use and why.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..read import guess_encoding


class ImportFailure(Exception):
    """The input cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Line:
    """A source line (or lines joined because the source wrapped a sentence)."""

    number: int  # 1-based, of the first source line
    text: str  # stripped of surrounding white space
    last: int = 0  # the last source line it covers (for joined lines)

    whole = False  # a block (a table) standing as one line: never joined with a neighbour

    @property
    def span(self) -> str:
        """The source line or range, as the report and `source.excluded` write it."""
        return str(self.number) if self.last <= self.number else f"{self.number}-{self.last}"


@dataclass(frozen=True)
class Dropped:
    """Source lines the importer set aside, and why."""

    lines: str
    reason: str
    kind: str  # "clutter", "contact", "blank-form"


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding); UTF-8, UTF-16 and GBK are read, anything else is a clear failure."""
    if not raw.strip():
        raise ImportFailure("the file is empty: nothing to import")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "UTF-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or guess_encoding(raw) == "UTF-16":
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ImportFailure("the file looks like UTF-16 but does not decode; save it as UTF-8") from None
    try:
        text = raw.decode("utf-8")
        encoding = "UTF-8"
    except UnicodeDecodeError:
        guess = guess_encoding(raw)
        if guess != "GBK":
            raise ImportFailure(f"the file is not text the importer can read (it looks like {guess}); "
                                "import a plain-text copy of the plan, saved as UTF-8") from None
        text, encoding = raw.decode("gb18030"), "GBK"
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(3, len(text) // 100):
        raise ImportFailure("the file looks binary (control characters); import a plain-text copy of the plan")
    return text, encoding


# Web-page furniture around a published text (navigation, log-in boxes, footers, ads).
_CLUTTER = re.compile(
    r"^(用户名|密码|记住我|加入收藏|全国站|发布免费法律咨询|网站首页|您的位置|当前位置|首页\s*[>＞]|"
    r"没找到您需要的|温馨提示|广告服务|载入时间|copyright|版权所有|•|分享到|打印本页|关闭窗口|"
    r"【?\s*字[体号]\s*[:：]|【\s*打印|【\s*关闭|主办\s*[:：]|扫一扫|主办单位|承办单位|网站标识码|ICP备|技术支持|上一篇|下一篇|阅读次数|浏览次数)",
    re.IGNORECASE)
# 首页 > 政务公开 > 通知公告: a breadcrumb (two or more > between short parts).
_BREADCRUMB = re.compile(r"^[^>＞»。，]{1,20}(\s*[>＞»]\s*[^>＞»。，]{1,60}){2,}$")
# The site's own name standing alone: 云溪区人民政府门户网站, 青石县人民政府网.
_SITE = re.compile(r"^[\u4e00-\u9fff]{2,20}(门户网站|政府网站|政府网|网站|信息网|政务网|官网)(\s+版权所有.*)?$")
_RELATED = re.compile(r"^(相关新闻|相关阅读|相关文件|相关链接|延伸阅读|热点新闻)\s*$")
_PHONE = re.compile(r"(?<!\d)(0\d{2,3}[-－—]?\d{7,8}|1[3-9]\d{9})(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_TERMINAL = "。；;：:！？!?）)〕】」”\"|"
_KEY_VALUE = re.compile(r"^(?!附件)[\u4e00-\u9fff ]{2,8}[:：]")
_NUMBERED = re.compile(r"^([一二三四五六七八九十百]+、|[(（][一二三四五六七八九十百]+[)）]|\d+[.、．]|[(（]\d+[)）]|"
                       r"[①-⑳]|附件)")


def is_contact(text: str) -> bool:
    """A line naming people with phone numbers or e-mail addresses: never republished."""
    return bool(_PHONE.search(text) or _EMAIL.search(text))


def split_lines(text: str) -> list[Line]:
    """Numbered, stripped, non-blank lines."""
    return [Line(i, line.strip(), i) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]


def set_aside(lines: list[Line], keep=lambda text: False) -> tuple[list[Line], list[Dropped]]:
    """Drop web clutter, "相关新闻" lists, contact lines and blank contact forms; say why for each.

    ``keep`` spares contact lines a later stage reads field by field (a responsibility line
    holding a phone number keeps its departments; the phone is left out there)."""
    kept, dropped = [], []
    in_related = False
    for index, line in enumerate(lines):
        text = line.text
        if _RELATED.match(text):
            in_related = True
        if in_related and (text.startswith(("-", "·", "•")) or _RELATED.match(text)):
            dropped.append(Dropped(line.span, "网页附带的相关新闻列表，非原文", "clutter"))
            continue
        in_related = False
        if _CLUTTER.match(text) or _BREADCRUMB.match(text) or _SITE.match(text):
            dropped.append(Dropped(line.span, "网页导航、页脚或广告，非原文", "clutter"))
        elif is_contact(text) and not keep(text):
            dropped.append(Dropped(line.span, "联系人、电话或邮箱：个人联系信息，不予发布", "contact"))
        else:
            kept.append(line)
    return _drop_contact_forms(kept, dropped)


def _drop_contact_forms(lines: list[Line], dropped: list[Dropped]) -> tuple[list[Line], list[Dropped]]:
    """An annex that is a blank form for names and phone numbers (联络表) goes, to its end."""
    for index, line in enumerate(lines):
        if not (line.text.startswith("附件") or "姓名" in line.text):
            continue
        window = " ".join(l.text for l in lines[index:index + 6])
        if "姓名" in window and ("电话" in window or "邮箱" in window) and "|" in window:
            start = index - 1 if index and re.match(r"^附件", lines[index - 1].text) else index
            span = f"{lines[start].number}-{lines[-1].last}"
            return lines[:start], dropped + [Dropped(span, "空白的人员联络表(姓名、电话、邮箱)：不予发布", "blank-form")]
    return lines, dropped


def join_wrapped(lines: list[Line], adjacent: set[int]) -> list[Line]:
    """Join a line the source wrapped in mid-sentence with the line that continues it.

    ``adjacent`` holds the numbers of lines directly followed by another non-blank line (a
    blank line always ends a paragraph). A line continues when the one before ends without
    terminal punctuation and is long (typeset width), or when both are short pieces of one
    item (附件:1.《…》重点工 / 作部门责任分工细化方案).
    """
    out: list[Line] = []
    for line in lines:
        if out and _continues(out[-1], line, adjacent):
            previous = out[-1]
            out[-1] = Line(previous.number, previous.text + line.text, line.last)
        else:
            out.append(line)
    return out


def _continues(previous: Line, line: Line, adjacent: set[int]) -> bool:
    if previous.whole or line.whole:
        return False
    if previous.last not in adjacent or previous.last + 1 != line.number:
        return False
    if previous.text.endswith(tuple(_TERMINAL)) or _NUMBERED.match(line.text) or "|" in previous.text + line.text:
        return False
    if _KEY_VALUE.match(previous.text) or _KEY_VALUE.match(line.text):  # 发布部门: … / 状态:有效 …
        return False
    if len(previous.text) >= 30:
        return True
    return len(line.text) <= 15 and not line.text.endswith(tuple(_TERMINAL)) and bool(_NUMBERED.match(previous.text))


def read_lines(text: str, keep=lambda text: False, blocks=()) -> tuple[list[Line], list[Dropped]]:
    """The source as lines the importer works with, and the lines it set aside.

    ``blocks`` (tables found in the raw text) stand in for the source lines they cover."""
    covered = {n for block in blocks for n in range(block.number, block.last + 1)}
    raw = [line for line in split_lines(text) if line.number not in covered]
    numbers = [l.number for l in raw]
    adjacent = {a for a, b in zip(numbers, numbers[1:]) if b == a + 1}
    kept, dropped = set_aside(raw, keep)
    lines = sorted([*kept, *blocks], key=lambda line: line.number)
    return join_wrapped(lines, adjacent), dropped
