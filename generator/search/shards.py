"""The index as small files a browser loads one at a time, each a script calling one callback.

Three kinds, under search/<version>/:

- ``k/<n>.js`` key shards: for each bigram of a key (a name, a title, a document number), the keys
  containing it with their record; a query needs the one shard of its first bigram, because every
  key containing the query contains that bigram. One-character grams list the keys that start
  with the character (at most ``PREFIX_LIMIT``, shortest first). A gram in very many keys (人民,
  市场) is split by the character after it, so no key shard grows with the whole handbook.
- ``t/<n>.js`` text shards: for each bigram of every record's text, the records holding it, as
  delta-coded numbers; a query loads the shards of at most a few of its bigrams.
- ``d/<n>.js`` record chunks: ``CHUNK`` consecutive records (title, URL, text) for showing and
  checking full-text results.

Shard counts are powers of two chosen from the data's size, so a shard stays near
``TARGET_BYTES`` at any number of plans. Scripts rather than JSON because a page opened from file://
may not fetch, but may load a script.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .records import Record
from .text import bigrams, shard, shard_name, text_grams

TARGET_BYTES = 16_000
CHUNK = 32
PREFIX_LIMIT = 50
# A gram listing more keys than this is split by the next character (see _split).
SPLIT_LIMIT = 300
CALLBACK = "__handbookSearch"

# Delta-coded record numbers: five bits a character, most significant first; the last character
# of a number comes from FINAL, the others from MORE, so numbers need no separator.
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~+="


@dataclass(frozen=True)
class Shards:
    """Every index file (path under the index folder -> text) and the counts the client needs."""

    files: dict[str, str]
    key_shards: int
    text_shards: int


def encode_numbers(numbers: list[int]) -> str:
    """Increasing record numbers as a string of delta-coded numbers (see FINAL, MORE)."""
    out = []
    previous = -1
    for number in numbers:
        value = number - previous - 1
        previous = number
        digits = [FINAL[value & 31]]
        value >>= 5
        while value:
            digits.append(MORE[value & 31])
            value >>= 5
        out.append("".join(reversed(digits)))
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    """The inverse of ``encode_numbers`` (the client does the same in JavaScript)."""
    numbers, value, previous = [], 0, -1
    for char in text:
        if char in MORE:
            value = value * 32 + MORE.index(char)
        else:
            previous += value * 32 + FINAL.index(char) + 1
            numbers.append(previous)
            value = 0
    return numbers


def shard_count(total_bytes: int) -> int:
    """The smallest power of two that keeps the average shard under TARGET_BYTES."""
    count = 1
    while total_bytes / count > TARGET_BYTES:
        count *= 2
    return count


def script(name: str, payload) -> str:
    """One index file: a call of the client's callback with the shard's name and data."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"{CALLBACK}({json.dumps(name)},{data});\n"


def build(records: list[Record]) -> Shards:
    """All index files for ``records``; linear in their total size, deterministic."""
    files: dict[str, str] = {}
    key_count, key_files = _key_shards(records)
    text_count, text_files = _text_shards(records)
    files.update(key_files)
    files.update(text_files)
    for start in range(0, len(records), CHUNK):
        name = f"d/{start // CHUNK}"
        files[name + ".js"] = script(name, [[r.kind, r.title, r.url, r.page, r.text]
                                            for r in records[start:start + CHUNK]])
    return Shards(dict(sorted(files.items())), key_count, text_count)


def _key_grams(key: str) -> set[str]:
    return set(bigrams(key)) or {key}


def _rank(gram: str):
    """The client's order of keys for the query ``gram``: group, exact before longer, weight,
    length, record."""
    return lambda e: (e[1], e[0] != gram, e[2], len(e[0]), e[3], e)


def _split(grams: dict[str, list | dict]) -> None:
    """Replace each gram listing more than SPLIT_LIMIT keys by its best PREFIX_LIMIT keys (for a
    query that is the gram itself) and lists one character longer: every key holding a query that
    starts with the gram holds one of them, so the client follows the query's next character."""
    work = sorted(g for g, entries in grams.items() if len(g) > 1 and len(entries) > SPLIT_LIMIT)
    while work:
        gram = work.pop()
        entries = grams[gram]
        longer: dict[str, list[tuple]] = {}
        for entry in entries:
            key, found = entry[0], set()
            at = key.find(gram)
            while at >= 0:
                if at + len(gram) < len(key):
                    found.add(key[at:at + len(gram) + 1])
                at = key.find(gram, at + 1)
            for child in found:
                longer.setdefault(child, []).append(entry)
        if not longer:
            continue  # every key is the gram itself: nothing to split by
        grams[gram] = {"s": sorted(entries, key=_rank(gram))[:PREFIX_LIMIT]}
        for child in sorted(longer):
            grams[child] = longer[child]
            if len(longer[child]) > SPLIT_LIMIT:
                work.append(child)


def _key_shards(records: list[Record]) -> tuple[int, dict[str, str]]:
    grams: dict[str, list | dict] = {}
    prefixes: dict[str, list[tuple]] = {}
    for number, record in enumerate(records):
        for key in record.keys:
            entry = (key.text, key.group, key.weight, number)
            for gram in sorted(_key_grams(key.text)):
                grams.setdefault(gram, []).append(entry)
            prefixes.setdefault(key.text[0], []).append(entry)
    for char, entries in prefixes.items():
        best = sorted(entries, key=_rank(char))[:PREFIX_LIMIT]
        # a one-character key is in both lists; keep it once
        grams[char] = sorted(set(grams.get(char, [])) | set(best), key=lambda e: (e[3], e))
    _split(grams)
    size = sum(len(gram) * 3 + sum(len(e[0]) * 3 + 60 for e in (entries["s"] if isinstance(entries, dict) else entries))
               for gram, entries in grams.items())
    count = shard_count(size)
    buckets: dict[int, dict[str, list | dict]] = {}
    for gram in sorted(grams):
        buckets.setdefault(shard(gram, count), {})[gram] = grams[gram]
    files = {}
    for number, bucket in sorted(buckets.items()):
        local: dict[int, int] = {}

        def listed(entries):
            return [[text, group, weight, local.setdefault(record, len(local))]
                    for text, group, weight, record in entries]
        payload_grams = {gram: {"s": listed(node["s"])} if isinstance(node, dict) else listed(node)
                         for gram, node in bucket.items()}
        shown = [[records[r].kind, records[r].title, records[r].url, r] for r in local]
        name = f"k/{shard_name(number, count)}"
        files[name + ".js"] = script(name, {"g": payload_grams, "r": shown})
    return count, files


def _text_shards(records: list[Record]) -> tuple[int, dict[str, str]]:
    postings: dict[str, list[int]] = {}
    for number, record in enumerate(records):
        for gram in text_grams(f"{record.title}\n{record.text}" if record.kind != "section" else record.text):
            postings.setdefault(gram, []).append(number)
    encoded = {gram: encode_numbers(numbers) for gram, numbers in postings.items()}
    count = shard_count(sum(len(gram) * 3 + len(code) + 6 for gram, code in encoded.items()))
    buckets: dict[int, dict[str, str]] = {}
    for gram in sorted(encoded):
        buckets.setdefault(shard(gram, count), {})[gram] = encoded[gram]
    files = {}
    for number, bucket in sorted(buckets.items()):
        name = f"t/{shard_name(number, count)}"
        files[name + ".js"] = script(name, bucket)
    return count, files
