"""Site search: a static, sharded index of the handbook and the small script that reads it.

Why not Material's search: its lunr index is downloaded and built on every page view (49.7 MB at
300 plans) and took 111 s of a 697 s build; it needed a jieba dictionary and a patch of Material's
minified worker to find department names at all. This engine is built from the handbook model,
not from HTML, and the browser loads only the shards a query needs, and only when one is typed.

How a query is answered (client.js):

1. **Names and titles** (``records`` keys): the query in normal form (``text.normal``) is looked
   up in one key shard, that of its first bigram. Department and group names, aliases, full names
   and place + name rank first (exact > prefix > contained), then plan titles, document numbers
   and titles, metrics, by the same qualities. This is what a reader typing a name sees first.
2. **Full text**: the records holding up to ``QUERY_GRAMS`` of the query's bigrams (spread over
   the query), from their text shards; the best are checked against their text (record chunks),
   so a phrase copied from a task lists that task's section.

Character bigrams, not jieba words: a query is cut the same way whatever the dictionary knows, so
partial names (质监局 in 省质监局) and phrases across word boundaries are found, and the build needs no
segmenter. See benchmarks/search_index.py for sizes and downloads.

``outputs`` is the one entry the build calls: pure, it returns every file to write.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources

from ..link import Handbook
from . import records, shards
from .records import UrlFor

__all__ = ["outputs", "script", "FOLDER", "UNUSED_THEME_FILES"]

FOLDER = "search"
# Material's own search (lunr and its worker): theme files no page loads once this engine serves
# the box, 1.2 MB of every site and offline copy.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
CLIENT = "handbook-search.js"
# Bigrams of a query whose text shards are loaded: enough to pin a copied phrase down, few enough
# to keep a long query's download small.
QUERY_GRAMS = 6
# Full-text candidates checked against their text (so downloaded as record chunks) and shown: at
# 1,000 plans 24 cost up to 40 files and 400 KB a query.
CHECKED = 12


def outputs(handbook: Handbook, url_for: UrlFor) -> dict[str, bytes]:
    """Every search file, site-relative path -> bytes: the index under search/<version>/ and the
    client script (``script`` names it). ``url_for`` maps a docs path to a site-relative URL.

    The version is a hash of the index, so a browser never mixes shards of two builds."""
    index = shards.build(records.records(handbook, url_for))
    digest = hashlib.sha256()
    for name, text in index.files.items():
        digest.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
    folder = f"{FOLDER}/{digest.hexdigest()[:12]}/"
    manifest = {"dir": folder, "k": index.key_shards, "t": index.text_shards, "c": shards.CHUNK,
                "grams": QUERY_GRAMS, "checked": CHECKED, "callback": shards.CALLBACK}
    client = resources.files(__package__).joinpath("client.js").read_text(encoding="utf-8")
    if client.count("/*MANIFEST*/null") != 1:
        raise RuntimeError("generator/search/client.js must hold the manifest placeholder exactly once")
    client = client.replace("/*MANIFEST*/null", json.dumps(manifest, sort_keys=True))
    files = {folder + name: text.encode("utf-8") for name, text in index.files.items()}
    files[folder + CLIENT] = client.encode("utf-8")
    return files


def script(files: dict[str, bytes]) -> str:
    """The site-relative path of the client script among ``outputs``: the one file every page loads."""
    found = [path for path in files if path.endswith("/" + CLIENT)]
    if len(found) != 1:
        raise ValueError(f"expected one {CLIENT} among the search outputs, found {found}")
    return found[0]
