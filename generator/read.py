"""Read stage: YAML files into plain Python data, remembering where each value stands.

Values come from ``yaml.safe_load``; positions come from ``yaml.compose`` over the
same text with the safe loader, walked in parallel. Nothing here constructs
arbitrary Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import rules
from .problems import KeyPath, Location, Problem, key_string  # noqa: F401  (key_string: readers import it here)
from .rules import Node
from .rules.files import RawFile, guess_encoding  # noqa: F401  (the importer reads encodings through here)


@dataclass
class YamlFile:
    """One read YAML file: its data and the location of every key and item."""

    name: str
    data: Any
    locations: dict[KeyPath, Location] = field(default_factory=dict)

    def where(self, path: KeyPath) -> Location:
        """The location of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(self.name, 1, 1))


def read_file(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Read one YAML file; on failure return None and the problems that explain why (rules H001–H005)."""
    raw = RawFile(name, path.read_bytes())
    whole = Node(raw, name, lambda keys: Location(name, 1, 1))
    problems = rules.first("file", whole)
    if problems:
        return None, problems
    data, node = raw.parsed
    file = YamlFile(name, data)
    _locate(node, (), file, problems)
    return file, problems


def _locate(node: yaml.Node, path: KeyPath, file: YamlFile, problems: list[Problem]) -> None:
    mark = node.start_mark
    file.locations.setdefault(path, Location(file.name, mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        problems += rules.run("mapping-node", Node(node, file.name, file.where, path))
        for key_node, value_node in node.value:
            here = key_node.start_mark
            file.locations[path + (key_node.value,)] = Location(file.name, here.line + 1, here.column + 1)
            _locate(value_node, path + (key_node.value,), file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, path + (index,), file, problems)
