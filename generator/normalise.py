"""Normal forms for values written many ways in the sources."""

from __future__ import annotations

import re

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ／"}
_YEAR_BRACKETS = re.compile(r"[\[［(（〔【]\s*(\d{4})\s*[\]］)）〕】]")
_STANDARD = re.compile(r"^(GB|DB\d*|JJF|JJG|ISO)(/[TZ])?\s*([\d.\-]+)$", re.IGNORECASE)


def doc_number(written: str) -> str:
    """中发[2017]24 号 -> 中发〔2017〕24号; gb/t19004 -> GB/T 19004."""
    text = re.sub(r"\s+", "", written.translate(_FULLWIDTH))
    standard = _STANDARD.match(text)
    if standard:
        prefix, kind, number = standard.groups()
        return f"{prefix.upper()}{(kind or '').upper()} {number}"
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def compact(text: str) -> str:
    """Text with all white space removed, for comparing with the source."""
    return re.sub(r"\s+", "", text)
