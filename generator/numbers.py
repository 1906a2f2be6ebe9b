"""Numbers as plans write them: Arabic (98.5, ９８．５) and Chinese numerals (百分之九十五, 二〇二五).

One home for reading a numeral, so the importer (numbering, dates, targets) and the data
rule "an indicator's value is a number its phrase states" agree on what a phrase states.
"""

from __future__ import annotations

import re

from .normalise import ascii_width

DIGITS = {"〇": 0, "○": 0, "零": 0, "О": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL = "[〇○零一二两三四五六七八九十百千万]"
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CN_RUN = re.compile(rf"{CN_NUMERAL}+(?:点[〇○零一二三四五六七八九]+)?")
_MEASURE = re.compile(r"[个家项年天倍名条所座人次件位户成%]")


def cn_value(numeral: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 一百 -> 100, 两千 -> 2000, 二〇二五 -> 2025 (digit by digit)."""
    if not any(char in _POWERS for char in numeral):
        return int("".join(str(DIGITS[char]) for char in numeral))
    total, section, current = 0, 0, 0
    for char in numeral:
        if char in DIGITS:
            current = DIGITS[char]
        elif char == "万":
            total += (section + current) * 10000
            section, current = 0, 0
        else:
            section += (current or 1) * _POWERS[char]
            current = 0
    return total + section + current


def cn_decimal(numeral: str) -> int | float:
    """九十五 -> 95, 九十五点五 -> 95.5."""
    whole, _, fraction = numeral.partition("点")
    value = cn_value(whole) if whole else 0
    if not fraction:
        return value
    return float(f"{value}.{''.join(str(DIGITS[char]) for char in fraction)}")


def stated_numbers(phrase: str) -> list[float]:
    """Every number a phrase states, in Arabic or Chinese numerals: '达到98.5%以上' -> [98.5],
    '百分之九十五' -> [95.0], '三年内' -> [3.0]; full-width digits count as digits."""
    text = ascii_width(phrase)
    found = [float(n) for n in _ARABIC.findall(text)]
    for run in _CN_RUN.finditer(text):
        written = run.group()
        if len(written) == 1 and not _MEASURE.match(text, run.end()):
            continue  # 一 of 进一步, 万 of 万元: a single character counts only before a measure word
        try:
            found.append(float(cn_decimal(written)))
        except KeyError:
            continue  # 点 without digits before it
    return found


def states(phrase: str, value: float) -> bool:
    """Whether ``phrase`` states ``value`` (the indicator rule, shared by importer and validator)."""
    return any(abs(value - number) < 1e-9 for number in stated_numbers(phrase))
