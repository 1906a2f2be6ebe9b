"""H0xx: a data file can be read at all, and data/ has the files and folders it needs."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import yaml

from .. import safe_yaml
from . import Finding, Node, findings, rule


class Parsed(NamedTuple):
    """A parsed file: its data, the loader that read it and whether some mapping repeats a key."""

    data: object
    loader: type  # the safe loader class whose node tree the data was built from
    repeated_keys: bool
    empty: bool  # the file holds no document (only comments)


@dataclass
class RawFile:
    """A data file's bytes, decoded and parsed once, however many rules look at it."""

    name: str
    raw: bytes

    @cached_property
    def text(self) -> str | None:
        """The text, when the bytes are UTF-8 (a BOM is allowed)."""
        raw = self.raw[len(codecs.BOM_UTF8):] if self.raw.startswith(codecs.BOM_UTF8) else self.raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    @cached_property
    def parsed(self) -> Parsed | yaml.YAMLError:
        """The data the safe loader builds (what yaml.safe_load returns, generator/safe_yaml.py), or the
        YAML error. No node tree is kept: ``node`` composes one when positions are needed (a kept tree
        costs more in garbage collection than composing it again for the few files that report a
        problem).
        On an error the pure-Python parser reads the file again: its messages say more."""
        for loader_class in dict.fromkeys((SAFE_LOADER, yaml.SafeLoader)):
            try:
                # the pure-Python reader also rejects control characters
                built = safe_yaml.load(loader_class, self.text)
                return Parsed(built.data, loader_class, built.repeated_keys, built.empty)
            except yaml.YAMLError as exc:
                error = exc
        return error

    def node(self) -> yaml.Node | None:
        """The node tree of a parsed file, composed again by the loader that parsed it."""
        loader = self.parsed.loader(self.text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()


# LibYAML's safe loader when PyYAML has it (about five times faster), else the pure-Python one: the
# same safe constructor either way, never one that builds arbitrary Python objects.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


@rule("H001", "not-utf8", "file", "the file is UTF-8 text; if not, the likely encoding is named",
      "save the file as UTF-8 (iconv -f GBK -t UTF-8 …)")
def not_utf8(node: Node):
    file: RawFile = node.item
    if file.text is not None:
        return
    raw = file.raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = guess_encoding(raw)
        line = raw[: exc.start].count(b"\n") + 1
        yield Finding(f"the file is not UTF-8 text; it looks like {guess}",
                      f"save the file as UTF-8 (e.g. iconv -f {guess.split()[0]} -t UTF-8)", line=line)


@rule("H002", "empty-file", "file", "the file holds something", "write the YAML content, or delete the file")
def empty_file(node: Node):
    if not node.item.text.strip():
        yield Finding("the file is empty", "write the YAML content, or delete the file")


@rule("H003", "yaml-syntax", "file", "the file is valid YAML",
      "check indentation, colons and quotes on the line named and the one above")
def yaml_syntax(node: Node):
    parsed = node.item.parsed
    if not isinstance(parsed, yaml.YAMLError):
        return
    mark = getattr(parsed, "problem_mark", None) or getattr(parsed, "context_mark", None)
    if isinstance(parsed, yaml.MarkedYAMLError):
        what = " ".join(str(x) for x in (parsed.context, parsed.problem) if x)
        yield Finding(f"YAML syntax error: {what}", "check indentation, colons and quotes on this line and the one above",
                      line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
    else:
        yield Finding(f"YAML error: {parsed}", "fix the YAML syntax")


@rule("H004", "only-comments", "file", "the file holds data, not only comments",
      "write the YAML content, or delete the file")
def only_comments(node: Node):
    if node.item.parsed.empty:
        yield Finding("the file holds no data, only comments", "write the YAML content, or delete the file")


@rule("H005", "duplicate-key", "repeated-keys", "no key appears twice in one mapping (YAML would keep only the last)",
      "remove or rename one of them")
def duplicate_key(node: Node):
    seen: dict = {}
    for key_node, _ in node.item.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in seen:
            yield Finding(f"key '{key}' appears twice in the same mapping (first on line {seen[key]})",
                          "remove or rename one of them: YAML keeps only the last",
                          at=(key,), line=line, column=key_node.start_mark.column + 1)
        seen.setdefault(key, line)


@rule("H010", "no-data-folder", "data-root", "the data folder exists",
      "run from the project folder, or point HANDBOOK_DATA_DIR at data/")
def no_data_folder(node: Node):
    if not node.item.is_dir():
        yield Finding("the data folder does not exist", "run from the project folder, or point HANDBOOK_DATA_DIR at data/")


@rule("H006", "missing-file", "data-folder", "data/ has jurisdictions.yaml, categories.yaml, documents.yaml and "
      "metrics.yaml", "create the file named")
def missing_file(node: Node, required: tuple[str, ...], folders: tuple[str, ...]):
    for name in required:
        if not (node.item / name).is_file():
            yield Finding("required file is missing", f"create {node.name}/{name}", file=f"{node.name}/{name}")


@rule("H007", "missing-folder", "data-folder", "data/ has the folders departments/ and plans/",
      "create the folder named")
def missing_folder(node: Node, required: tuple[str, ...], folders: tuple[str, ...]):
    for name in folders:
        if not (node.item / name).is_dir():
            yield Finding("folder is missing", f"create {node.name}/{name}/", file=f"{node.name}/{name}")


@rule("H008", "wrong-extension", "data-folder", "data files end in .yaml (a .yml file would be ignored)",
      "rename the file to .yaml")
def wrong_extension(node: Node, required: tuple[str, ...], folders: tuple[str, ...]):
    for folder in folders:
        for stray in sorted((node.item / folder).glob("*.yml")):
            yield Finding("file ignored: data files end in .yaml", f"rename it to {stray.stem}.yaml",
                          file=f"{node.name}/{folder}/{stray.name}")


@rule("H009", "no-plans", "data-folder", "data/plans/ holds at least one plan", "add data/plans/<plan-id>.yaml")
def no_plans(node: Node, required: tuple[str, ...], folders: tuple[str, ...]):
    plans = node.item / "plans"
    yield from findings(Finding("no plan files found", "add data/plans/<plan-id>.yaml", file=f"{node.name}/plans")
                        if plans.is_dir() and not any(plans.glob("*.yaml")) else None)
