"""Read stage: YAML files into plain Python data, remembering where each value stands.

Values come from ``yaml.safe_load``; positions come from ``yaml.compose`` over the
same text with the safe loader, walked in parallel. Nothing here constructs
arbitrary Python objects.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem

KeyPath = tuple  # e.g. ("tasks", 3, "assignment", "lead", 0)


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


def key_string(path: KeyPath) -> str:
    """Render a key path as people read it: tasks[3].assignment.lead[0]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_file(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Read one YAML file; on failure return None and the problems that explain why."""
    raw = path.read_bytes()
    text, problem = decode(raw, name)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem(Location(name, 1, 1), "", "the file is empty",
                              "write the YAML content, or delete the file")]
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        return None, [Problem(loc, "", f"YAML syntax error: {what}",
                              "check indentation, colons and quotes on this line and the one above")]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(name), "", f"YAML error: {exc}", "fix the YAML syntax")]
    if node is None:
        return None, [Problem(Location(name, 1, 1), "", "the file holds no data, only comments",
                              "write the YAML content, or delete the file")]
    file = YamlFile(name, data)
    problems: list[Problem] = []
    _locate(node, (), file, problems)
    return file, problems


def decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """Decode UTF-8; for anything else say which encoding the bytes look like."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        guess = guess_encoding(raw)
        return "", Problem(
            Location(name, raw[: exc.start].count(b"\n") + 1), "",
            f"the file is not UTF-8 text; it looks like {guess}",
            f"save the file as UTF-8 (e.g. iconv -f {guess.split()[0]} -t UTF-8)")


def guess_encoding(raw: bytes) -> str:
    """Name the likeliest encoding of bytes that are not UTF-8."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[1:200:2].count(0) > 20:
        return "UTF-16"
    if b"\x00" in raw:
        return "binary data"
    for encoding in ("gb18030", "big5"):
        try:
            raw.decode(encoding)
            return "GBK" if encoding == "gb18030" else "Big5"
        except UnicodeDecodeError:
            continue
    return "an unknown 8-bit encoding"


def _locate(node: yaml.Node, path: KeyPath, file: YamlFile, problems: list[Problem]) -> None:
    mark = node.start_mark
    file.locations.setdefault(path, Location(file.name, mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            here = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(
                    Location(file.name, here, key_node.start_mark.column + 1), key_string(path + (key,)),
                    f"key '{key}' appears twice in the same mapping (first on line {seen[key]})",
                    "remove or rename one of them: YAML keeps only the last"))
            seen[key] = here
            file.locations[path + (key,)] = Location(file.name, here, key_node.start_mark.column + 1)
            _locate(value_node, path + (key,), file, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, path + (index,), file, problems)
