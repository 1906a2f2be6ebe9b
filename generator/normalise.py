"""Normal forms for values written many ways in the sources."""

from __future__ import annotations

import re

# Full-width digits, letters and punctuation -> ASCII, one character for one, so that positions
# found in the normalised text cut the original (the importer returns the input's own characters).
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
                                           "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％（），；：．～－／＋！？［］"}
_FULLWIDTH[ord("\u3000")] = ord(" ")
_YEAR_BRACKETS = re.compile(r"[\[［(（〔【]\s*(\d{4})\s*[\]］)）〕】]")
_STANDARD = re.compile(r"^(GB|DB\d*|JJF|JJG|ISO)(/[TZ])?\s*([\d.\-]+)$", re.IGNORECASE)


def doc_number(written: str) -> str:
    """中发[2017]24 号 -> 中发〔2017〕24号; gb/t19004 -> GB/T 19004."""
    text = re.sub(r"\s+", "", ascii_width(written))
    standard = _STANDARD.match(text)
    if standard:
        prefix, kind, number = standard.groups()
        return f"{prefix.upper()}{(kind or '').upper()} {number}"
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


# Every bracket a source uses as ( ), one character for one (〔〕【】[] … all bracket a clause or a name).
BRACKETS = str.maketrans({"〔": "(", "〕": ")", "【": "(", "】": ")", "[": "(", "]": ")",
                          "﹝": "(", "﹞": ")", "〖": "(", "〗": ")"})


def require_text(value: object, function: str, what: str) -> str:
    """``value`` when it is a str; else a clear TypeError naming the function and the argument (instead
    of an AttributeError deep inside the importer)."""
    if not isinstance(value, str):
        raise TypeError(f"{function}() expects the {what} as a str, got {type(value).__name__}: {value!r:.60}")
    return value


def ascii_width(text: str) -> str:
    """Full-width characters as their ASCII twins, same length as ``text`` (for matching only)."""
    return text.translate(_FULLWIDTH)


def pinyin_slug(words: str) -> str:
    """Letters and digits of the pinyin of ``words``: 省质监局 -> shengzhijianju (ids of new entries)."""
    from pypinyin import lazy_pinyin  # only the importer makes new ids

    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(words)).lower())


def pinyin_key(words: str) -> tuple[str, str]:
    """Sort key in pinyin order (how Chinese directories are ordered), the words themselves breaking ties."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(words)).lower(), words


_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    """Text with all white space removed, for comparing with the source."""
    return _SPACE.sub("", text)
