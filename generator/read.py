"""Read stage: YAML files into plain Python data, remembering where each value stands.

One pass of the safe composer (LibYAML's when PyYAML has it) gives the node tree; the data is
built from that tree as ``yaml.safe_load`` builds it (generator/safe_yaml.py). Positions are read
from the tree composed again, only for a file that reports a problem. Nothing here constructs arbitrary
Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from . import rules
from .problems import KeyPath, Location, Problem, key_string  # noqa: F401  (key_string: readers import it here)
from .rules import Node
from .rules.files import RawFile, guess_encoding  # noqa: F401  (the importer reads encodings through here)


@dataclass
class YamlFile:
    """One read YAML file: its data, and the raw file whose node tree says where each key and item stands."""

    name: str
    data: Any
    raw: RawFile | None = field(default=None, repr=False, compare=False)

    @cached_property
    def locations(self) -> dict[KeyPath, Location]:
        """key path -> location of every key and item, found in the node tree when first asked for
        (only a file with a problem to report needs them)."""
        locations: dict[KeyPath, Location] = {}
        root = self.raw.node() if self.raw is not None else None
        if root is not None:
            _locate(root, (), self.name, locations)
        return locations

    def where(self, path: KeyPath) -> Location:
        """The location of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        locations = self.locations
        while path:
            if path in locations:
                return locations[path]
            path = path[:-1]
        return locations.get((), Location(self.name, 1, 1))


def read_file(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Read one YAML file; on failure return None and the problems that explain why (rules H001–H005)."""
    raw = RawFile(name, path.read_bytes())
    whole = Node(raw, name, lambda keys: Location(name, 1, 1))
    problems = rules.first("file", whole)
    if problems:
        return None, problems
    parsed = raw.parsed
    file = YamlFile(name, parsed.data, raw)
    if parsed.repeated_keys:
        _repeated_keys(raw.node(), (), file, problems)
    return file, problems


def _locate(node: yaml.Node, path: KeyPath, name: str, locations: dict[KeyPath, Location]) -> None:
    """Where each node stands; a key's own position is where its key is written (the last time, if twice)."""
    mark = node.start_mark
    locations.setdefault(path, Location(name, mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = key_node.start_mark
            locations[path + (key_node.value,)] = Location(name, here.line + 1, here.column + 1)
            _locate(value_node, path + (key_node.value,), name, locations)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, path + (index,), name, locations)


def _repeated_keys(node: yaml.Node, path: KeyPath, file: YamlFile, problems: list[Problem]) -> None:
    """The rules on each mapping that writes a key twice (rule H005), in reading order."""
    if isinstance(node, yaml.MappingNode):
        keys = [key_node.value for key_node, _ in node.value]
        if len(set(keys)) < len(keys):
            problems += rules.run("repeated-keys", Node(node, file.name, file.where, path))
        for key_node, value_node in node.value:
            _repeated_keys(value_node, path + (key_node.value,), file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _repeated_keys(item, path + (index,), file, problems)
