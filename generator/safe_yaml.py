"""Plain data from a YAML text, equal to what ``yaml.safe_load`` returns, in one pass of the parser.

Composing a node tree (a Python object and two marks per node) and then constructing from it (a
memo per node, a generator per mapping and list) cost several times LibYAML's parsing. Data files
are plain trees of mappings, lists and scalars, so ``load`` builds those straight from the parser's
events, resolving each scalar's tag as the composer's resolver does and calling the safe constructor's own
function for every scalar that is not a string. Anything else (anchors and aliases, merge keys,
explicit collection tags such as !!set, a collection as a key, a second document, a syntax error)
is left to the safe loader's composer and constructor, reading the text again. Either way no
arbitrary Python object is ever built.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml
from yaml.events import (DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# The scalar tags whose safe constructors are plain functions of one node (no state, no generator).
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "binary",
                                                                   "timestamp", "str"))


class Built(NamedTuple):
    """The data of a file, whether some mapping in it writes a key twice, and whether it is empty."""

    data: Any
    repeated_keys: bool  # as written: the raw key text; True also when it was not looked at
    empty: bool  # no document at all (only comments)


class _Unusual(Exception):
    """The text uses a feature that ``load`` leaves to the safe loader's composer and constructor."""


def load(loader_class: type, text: str) -> Built:
    """The data ``loader_class`` (a safe loader) builds from ``text``; its YAMLError on bad YAML."""
    try:
        return _from_events(loader_class, text)
    except (_Unusual, yaml.YAMLError):
        return _from_tree(loader_class, text)


def _from_tree(loader_class: type, text: str) -> Built:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Built(None, False, True)
        return Built(loader.construct_document(node), True, False)
    finally:
        loader.dispose()


def _from_events(loader_class: type, text: str) -> Built:
    loader = loader_class(text)
    try:
        get = loader.get_event
        if type(get()) is not StreamStartEvent:
            raise _Unusual
        event = get()
        if type(event) is StreamEndEvent:
            return Built(None, False, True)
        if type(event) is not DocumentStartEvent:
            raise _Unusual
        data, repeated = _document(loader, get)
        if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
            raise _Unusual  # the composer says what is wrong with a second document
        return Built(data, repeated, False)
    finally:
        loader.dispose()


_KEY = object()  # in a mapping, the next scalar is a key


def _implicit_tags(loader) -> tuple[dict[str, list], list]:
    """The loader's implicit resolvers by a plain scalar's first character (each list ending with the
    resolvers for any character), as ``BaseResolver.resolve`` tries them."""
    implicit = loader.yaml_implicit_resolvers
    anywhere = list(implicit.get(None, []))
    return {first: list(resolvers) + anywhere for first, resolvers in implicit.items() if first is not None}, anywhere


def _document(loader, get) -> tuple[Any, bool]:
    """The root value of a document from its events, and whether a mapping repeats a key."""
    constructors = loader.yaml_constructors
    if loader.yaml_path_resolvers:
        raise _Unusual  # tags by position: the composer's resolver knows them
    by_first, anywhere = _implicit_tags(loader)
    default = loader.DEFAULT_SCALAR_TAG
    stack: list = []  # (collection, pending key, raw keys) of every open collection above this one
    collection: Any = None
    key: Any = None
    raw: list | None = None  # the keys of an open mapping as written
    repeated = False
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _Unusual  # anchors and aliases: shared values and their errors are the composer's
            tag, value = event.tag, event.value
            if tag is None or tag == "!":  # resolved as the composer resolves it (BaseResolver.resolve)
                tag = default
                if event.implicit[0]:
                    for implicit_tag, regexp in by_first.get(value[:1], anywhere):
                        if regexp.match(value):
                            tag = implicit_tag
                            break
            if tag != _STR:  # a string is its text
                if tag not in _SCALAR_TAGS:
                    raise _Unusual  # merge keys (<<), value keys (=), explicit tags beyond the safe scalars
                value = constructors[tag](loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark,
                                                                  event.style))
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag not in (None, "!", _MAP if kind is MappingStartEvent else _SEQ) or key is _KEY \
                    or event.anchor is not None:
                raise _Unusual  # !!set, !!omap …; a collection as a key; an anchor
            stack.append((collection, key, raw))
            collection, key, raw = ({}, _KEY, []) if kind is MappingStartEvent else ([], None, None)
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = collection
            if raw is not None and len(set(raw)) < len(raw):
                repeated = True
            collection, key, raw = stack.pop()
        else:
            raise _Unusual  # an alias
        if collection is None:
            return value, repeated
        if raw is None:
            collection.append(value)
        elif key is _KEY:
            raw.append(event.value)
            key = value
        else:
            collection[key] = value
            key = _KEY
