"""Plain data from a composed YAML node tree, built as PyYAML's safe constructor builds it, in one walk.

The safe constructor's generic machinery (a memo per node, generators for every mapping and list,
merge-key flattening) costs more than LibYAML's composing itself. Data files are plain trees of
mappings, lists and scalars, so ``construct`` builds those directly, using the safe constructor's own
function for every scalar that is not a string, and hands anything else (anchors used twice, merge
keys, explicit collection tags such as !!set) to the safe constructor itself. Either way the result
equals ``yaml.safe_load``'s and no arbitrary Python object is ever built.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# The scalar tags whose safe constructors are plain functions of one node (no state, no generator).
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "binary",
                                                                   "timestamp", "str"))


class FastCSafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """LibYAML's safe loader (the pure-Python one without LibYAML), with the resolver hooks the
    composer calls for every node made cheap: the safe loader has no path resolvers, so descending
    and ascending do nothing, and the implicit resolvers of a scalar's first character are looked up
    once per file. Same tags, same constructors."""

    def __init__(self, stream):
        super().__init__(stream)
        implicit = self.yaml_implicit_resolvers
        self._wildcard = list(implicit.get(None, []))
        self._by_first = {first: list(resolvers) + self._wildcard for first, resolvers in implicit.items()
                          if first is not None}

    def descend_resolver(self, current_node, current_index):
        if self.yaml_path_resolvers:
            return super().descend_resolver(current_node, current_index)

    def ascend_resolver(self):
        if self.yaml_path_resolvers:
            return super().ascend_resolver()

    def resolve(self, kind, value, implicit):
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], self._wildcard):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


class Built(NamedTuple):
    """The data of a document and whether some mapping in it writes a key twice."""

    data: Any
    repeated_keys: bool


class _Unusual(Exception):
    """The tree uses a feature the direct walk leaves to the safe constructor."""


def construct(loader: yaml.SafeLoader, node: yaml.Node) -> Built:
    """The data ``loader.construct_document(node)`` would build, and whether any mapping repeats a key
    (as written: the raw key text). ``loader`` must not have constructed anything from ``node`` yet."""
    walk = _Walk(loader)
    try:
        return Built(walk.value(node), walk.repeated)
    except _Unusual:
        return Built(loader.construct_document(node), True)  # True: let the reader look at every mapping


class _Walk:
    def __init__(self, loader: yaml.SafeLoader):
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.seen: set[int] = set()  # collection nodes met so far: a second meeting is an alias
        self.repeated = False

    def value(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        if type(node) is yaml.ScalarNode:
            if tag not in _SCALAR_TAGS:
                raise _Unusual
            return self.constructors[tag](self.loader, node)
        if id(node) in self.seen:
            raise _Unusual
        self.seen.add(id(node))
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            return [self.value(item) for item in node.value]
        if tag == _MAP and type(node) is yaml.MappingNode:
            return self.mapping(node)
        raise _Unusual

    def mapping(self, node: yaml.MappingNode) -> dict:
        out: dict = {}
        raw = set()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _SCALAR_TAGS:
                raise _Unusual  # merge keys (<<), value keys (=), collections as keys
            raw.add(key_node.value)
            out[self.value(key_node)] = self.value(value_node)
        if len(raw) < len(node.value):
            self.repeated = True
        return out
