"""The search index builder (generator/search): normal form, sharding, ranking data, determinism.

The browser side (client.js reading these files) is tested in test_search_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from generator import load, routes, search
from generator.search import records as records_, shards, text

from .conftest import DATA, ROOT


@pytest.fixture(scope="module")
def handbook():
    return load(DATA)


@pytest.fixture(scope="module")
def real_records(handbook):
    return records_.records(handbook, routes.Site().url)


@pytest.fixture(scope="module")
def files(handbook):
    return search.outputs(handbook, routes.Site().url)


def payload(files: dict[str, bytes], name: str):
    """The data a shard file hands to the client's callback."""
    folder = search.script(files).rsplit("/", 1)[0]
    source = files[f"{folder}/{name}.js"].decode("utf-8")
    found = re.fullmatch(re.escape(shards.CALLBACK) + r'\("([^"]+)",(.*)\);\n', source, re.S)
    assert found and found.group(1) == name, source[:80]
    return json.loads(found.group(2))


def key_shard(files, gram: str):
    count = json.loads(re.search(rb'"k": (\d+)', files[search.script(files)]).group(1))
    return payload(files, f"k/{text.shard_name(text.shard(gram, count), count)}")


@pytest.mark.parametrize("written", ["中发[2017]24号", "中发［2017］24 号", "中发(2017)24号", "中发〔2017〕24号"])
def test_document_numbers_share_one_normal_form(written):
    assert text.normal(written) == text.normal("中发〔2017〕24号") == "中发201724号"


def test_normal_form_folds_width_case_and_separators():
    assert text.normal("ＧＢ/ｔ 19004") == text.normal("GB/T 19004") == "gbt19004"
    assert text.parts("关于开展质量提升行动 加快质量强市建设") == ["关于开展质量提升行动", "加快质量强市建设"]
    assert text.text_grams("省质监局、科技厅") == {"省质", "质监", "监局", "科技", "技厅"}  # no 局科


def test_numbers_round_trip():
    numbers = [0, 1, 2, 31, 32, 33, 1023, 1024, 70000, 1 << 22]
    code = shards.encode_numbers(numbers)
    assert shards.decode_numbers(code) == numbers
    assert shards.encode_numbers([0, 1, 2]) == "000"  # consecutive records cost one character each


def test_shard_count_is_a_power_of_two_bounding_the_average():
    for size in (0, 1, shards.TARGET_BYTES, shards.TARGET_BYTES + 1, 10 ** 7):
        count = shards.shard_count(size)
        assert count & (count - 1) == 0 and size / count <= shards.TARGET_BYTES
        assert count == 1 or size / (count // 2) > shards.TARGET_BYTES


def test_outputs_are_deterministic(handbook, files):
    again = search.outputs(load(DATA), routes.Site().url)
    assert again == files
    assert list(again) == list(files)


def test_outputs_do_not_depend_on_string_hashing():
    """Two processes with different hash seeds (set and dict order of strings) agree."""
    program = ("import hashlib; from generator import load, routes, search; from tests.conftest import DATA; "
               "files = search.outputs(load(DATA), routes.Site().url); "
               "print(hashlib.sha256(b''.join(k.encode() + v for k, v in files.items())).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_the_version_changes_with_the_data(handbook, files):
    other = search.outputs(handbook, lambda p: routes.Site().url(p) + "x")
    assert search.script(other) != search.script(files)


def lookup(files, query: str) -> list:
    """The key entries the client reads for ``query`` (following split grams), with their records."""
    length = min(2, len(query))
    while True:
        gram = query[:length]
        found = key_shard(files, gram)
        node = found["g"].get(gram, [])
        if isinstance(node, dict) and len(query) > length:
            length += 1
            continue
        entries = node["s"] if isinstance(node, dict) else node
        return [(entry[0], found["r"][entry[3]][3]) for entry in entries]


def test_every_key_containing_a_query_is_in_the_shard_of_its_first_bigram(handbook, real_records, files):
    """The invariant the client relies on: one key shard answers a name query completely."""
    keys = [(k.text, n) for n, r in enumerate(real_records) for k in r.keys]
    queries = {text.normal(n) for b in [*handbook.departments.values(), *handbook.groups.values()] for n in b.names}
    queries |= {"质监局", "市场监管局", "人民政府", "发展改革", "中发201724号"}
    for query in sorted(queries):
        expected = {(key, n) for key, n in keys if query in key}
        assert expected and expected <= set(lookup(files, query)), query


def test_a_gram_in_very_many_keys_is_split_by_the_next_character():
    """400 places' 市场监管局: no shard lists them all under 市场, yet each query still finds all."""
    places = [chr(0x4E00 + i) + chr(0x5000 + i) for i in range(400)]
    records = [records_.Record("department", f"{p}市场监管局", f"departments/{i}/", "", "",
                               (records_.Key(text.normal(f"{p}市场监管局"), records_.NAMES, 0),))
               for i, p in enumerate(places)]
    index = shards.build(records)
    files = {f"search/v/{name}": data.encode("utf-8") for name, data in index.files.items()}
    files["search/v/handbook-search.js"] = f'"k": {index.key_shards},'.encode()
    top = key_shard(files, "市场")["g"]["市场"]
    assert isinstance(top, dict) and len(top["s"]) == shards.PREFIX_LIMIT
    assert max(len(data) for name, data in files.items() if "/k/" in name) < 60_000
    assert {n for _, n in lookup(files, "市场监管局")} == set(range(400))
    assert {n for _, n in lookup(files, places[7] + "市场")} == {7}
    assert len(lookup(files, "市场")) == shards.PREFIX_LIMIT  # a two-character query: the best 50


def test_one_character_queries_list_names_starting_with_it(files):
    entries = key_shard(files, "省")["g"]["省"]
    assert 0 < len(entries) <= shards.PREFIX_LIMIT
    assert all(e[0].startswith("省") for e in entries)


def test_names_outrank_titles_and_names_outrank_aliases(real_records):
    body = next(r for r in real_records if r.kind == "department" and len(r.keys) > 2)
    assert [k.group for k in body.keys] == [records_.NAMES] * len(body.keys)
    assert body.keys[0].weight == records_.NAME_WEIGHT["name"] < body.keys[1].weight
    plan = next(r for r in real_records if r.kind == "plan")
    assert plan.keys[0].group == records_.TITLES and plan.keys[0].weight == records_.TITLE_WEIGHT["plan_title"]
    document = next(r for r in real_records if r.kind == "document" and r.title and "〔" in r.text)
    assert document.keys[0].weight == records_.TITLE_WEIGHT["doc_number"] < plan.keys[0].weight


def test_place_and_name_is_a_key(real_records):
    body = next(r for r in real_records if r.url == "departments/sichuan-shengzhijianju/")
    assert body.title == "省质监局（四川省）"
    assert {"四川省省质监局", "四川省质监局"} <= {k.text for k in body.keys}


def test_a_task_section_is_a_record_with_its_anchor(handbook, real_records, files):
    plan = handbook.plans["sichuan-task-division"]
    task = next(t for _, t in plan.walk() if t.text and len(t.text) > 30)
    record_number, record = next((n, r) for n, r in enumerate(real_records)
                                 if r.url == f"plans/{plan.id}/#{task.id}")
    assert record.kind == "section" and record.page == plan.title and task.text in record.text
    phrase = task.text[5:25]
    count = json.loads(re.search(rb'"t": (\d+)', files[search.script(files)]).group(1))
    for gram in text.text_grams(phrase):
        shard_data = payload(files, f"t/{text.shard_name(text.shard(gram, count), count)}")
        assert record_number in shards.decode_numbers(shard_data[gram]), gram
    chunk = payload(files, f"d/{record_number // shards.CHUNK}")
    assert chunk[record_number % shards.CHUNK][2] == record.url


def test_urls_follow_use_directory_urls(handbook):
    flat = records_.records(handbook, lambda p: p.removesuffix(".md") + ".html")
    assert any(r.url == "departments/sichuan-shengzhijianju.html" for r in flat)
    assert all(not r.url.endswith("/") for r in flat)


def test_client_gets_the_manifest_and_paths_stay_inside(files):
    client = files[search.script(files)].decode("utf-8")
    assert "/*MANIFEST*/" not in client and '"callback": "__handbookSearch"' in client
    folder = search.script(files).rsplit("/", 1)[0] + "/"
    assert all(path.startswith(folder) and ".." not in path for path in files)
