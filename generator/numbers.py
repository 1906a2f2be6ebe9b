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
_CN_PERCENT = re.compile(rf"百分之({CN_NUMERAL}+(?:点[〇○零一二三四五六七八九]+)?)")
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
    found += [float(cn_decimal(m[1])) for m in _CN_PERCENT.finditer(text) if not m[1].startswith("点")]
    text = _CN_PERCENT.sub("", text)
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


_IN_PLACE = re.compile(rf"百分之({CN_NUMERAL}+(?:点[〇○零一二三四五六七八九]+)?)|({CN_NUMERAL}{{1,6}})(?=个|项|家|年|天|倍|名|条|所|座|人|次|件|位|户|批|场|分(?!之)|以上|以下)")


_SINGLE_COUNTS = re.compile(r"个百分点|[年天]内|[个项家倍名条所座件位户批场]以[上下内]")


def arabic_in_place(text: str) -> str:
    """Chinese numerals of quantities as Arabic digits, one character for one (padded with spaces
    on the left), so positions found in the result cut the input: 百分之九十五 -> '   95%',
    两个百分点 -> '2个百分点', 三年内 -> '3年内'. A numeral whose digits would be longer (一百个)
    stays as written, and so does a lone numeral that names things (三次产业, 两个作用)."""
    def replace(match: re.Match) -> str:
        written = match.group()
        numeral = match.group(1) or match.group(2)
        if match.group(2) and (match.start() and text[match.start() - 1] in "第初" or
                               len(numeral) == 1 and not _SINGLE_COUNTS.match(text, match.end())):
            return written  # 第三, 三次产业, 两个作用: a lone numeral names things, unless 两个百分点, 三年内
        try:
            value = cn_decimal(numeral)
        except KeyError:
            return written
        digits = f"{value:g}" + ("%" if match.group(1) else "")
        return digits.rjust(len(written)) if len(digits) <= len(written) else written
    return _IN_PLACE.sub(replace, text)
