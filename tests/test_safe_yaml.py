"""generator/safe_yaml builds from LibYAML's events exactly what yaml.safe_load builds, and leaves
whatever it does not handle (anchors, merge keys, tags, complex keys, errors) to the safe loader."""

from __future__ import annotations

import datetime
import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import safe_yaml
from generator.rules.files import SAFE_LOADER

TRICKY = [
    "a: yes\nb: on\nc: No\nd: ~\ne: null\nf: ''\n",
    "n: 0o17\nh: 0x1F\nu: 1_000\ns: +12\nf: 1e3\ni: .inf\nm: -.Inf\nt: 1:30\n",
    "d: 2018-03-13\nt: 2018-03-13 10:00:00\nz: 2001-12-14t21:59:43.10-05:00\n",
    "text: |\n  第一行\n  第二行\nfolded: >\n  a\n  b\nq: \"\\u4e2d\\t\"\nr: 'it''s'\n",
    "- [1, 2, {a: b}]\n- {x: [], y: {}}\n- - nested\n  - list\n",
    "base: &b {x: 1}\nref: *b\n",                 # anchors and aliases: left to the safe loader
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # a merge key
    "s: !!set {a, b}\n",                            # an explicit collection tag
    "? [a, b]\n: c\n",                              # a collection as a key: the safe loader refuses it
    "a: 1\na: 2\n",                                 # a key twice: YAML keeps the last
    "1: int key\n2018-01-01: date key\ntrue: bool key\n",
    "--- \na: 1\n--- \nb: 2\n",                     # two documents: the safe loader's error
    "# only a comment\n",
    "",
    "a: [unclosed\n",                               # a syntax error
    "x: !!binary aGVsbG8=\ny: !!str 12\nz: !!int '7'\n",
]


def same(a, b) -> bool:
    """Equal, counting NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def safe_load_or_error(text: str):
    """What yaml.safe_load gives with the loader the reader uses (LibYAML's safe loader, so that the
    error messages compare too), or its error."""
    try:
        return yaml.load(text, Loader=SAFE_LOADER), None  # SAFE_LOADER is CSafeLoader (or SafeLoader)
    except yaml.YAMLError as exc:
        return None, str(exc)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_documents_build_as_safe_load_builds_them(text):
    expected, error = safe_load_or_error(text)
    if error is not None:
        with pytest.raises(yaml.YAMLError) as raised:
            safe_yaml.load(SAFE_LOADER, text)
        assert str(raised.value) == error
        return
    built = safe_yaml.load(SAFE_LOADER, text)
    assert same(built.data, expected)
    assert built.empty == (not text.strip() or text.lstrip().startswith("#"))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=12), st.dates(),
                    st.sampled_from(["yes", "No", "on", "~", "0o7", "1_0", "0x1f", "1e3", ".nan", "2018-03-13", "=",
                                     "<<", "省质监局", "1.", "- a", "a: b", "#x", "'q'", "\"", "\t", "null"]))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(trees, st.booleans(), st.booleans())
def test_any_dumped_tree_builds_as_safe_load_builds_it(tree, flow, unicode):
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)
    expected, error = safe_load_or_error(text)
    assert error is None
    assert same(safe_yaml.load(SAFE_LOADER, text).data, expected)


def test_no_arbitrary_object_is_ever_built():
    text = "x: !!python/object/apply:os.system ['echo owned']\n"
    with pytest.raises(yaml.YAMLError):
        safe_yaml.load(SAFE_LOADER, text)
    assert isinstance(safe_yaml.load(SAFE_LOADER, "d: 2018-03-13\n").data["d"], datetime.date)
