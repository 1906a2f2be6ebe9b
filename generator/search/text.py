"""How search sees text: one normal form, its character bigrams, and the shard a gram lives in.

client.js implements the same three functions (``parts``, ``grams``, ``shard``); a browser test
compares both on the same strings, so a query and the index always agree.
"""

from __future__ import annotations

import re
import unicodedata

# Letters and digits of any script; everything else (spaces, 、，。〔〕[]《》) separates words.
# JavaScript's /[\p{L}\p{N}]+/gu matches the same characters.
_WORD = re.compile(r"[^\W_]+")


def parts(text: str) -> list[str]:
    """The words of ``text`` in normal form: NFKC (full-width to ASCII), lower case, split at
    anything that is not a letter or a digit. 中发〔2017〕24号 and 中发[2017]24号 agree."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def normal(text: str) -> str:
    """``text`` as one string of its words: what a name key and a query are compared as."""
    return "".join(parts(text))


def bigrams(word: str) -> list[str]:
    """Every two-character window of one word, in order (a one-character word has none)."""
    return [word[i:i + 2] for i in range(len(word) - 1)]


def text_grams(text: str) -> set[str]:
    """The bigrams of every word of ``text``: a bigram never spans a separator."""
    return {word[i:i + 2] for word in parts(text) for i in range(len(word) - 1)}


def fnv1a(gram: str) -> int:
    """32-bit FNV-1a over the code points of ``gram``: small, stable, and easy to write in JS."""
    value = 0x811C9DC5
    for char in gram:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def shard(gram: str, count: int) -> int:
    """Which of ``count`` shards (a power of two) holds ``gram``."""
    return fnv1a(gram) & (count - 1)


def shard_name(number: int, count: int) -> str:
    """A shard's file stem: its number in hexadecimal, as wide as the largest."""
    return format(number, "x").zfill(len(format(count - 1, "x")))
