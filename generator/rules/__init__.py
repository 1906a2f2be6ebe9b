"""Every data rule of the handbook, one small function each, in one registry.

A rule has a short stable code (``H401``) printed with each message, as linters do, a name, the kind
of node it checks, and one function that yields ``Finding``s for one located node. ``run`` turns
findings into ``Problem``s: the one place a problem is built, so every message carries its rule's
code, severity and location. data/README.md lists every rule with what it checks and its fix
(``tests/test_rules.py`` keeps that table and the registry equal).

Codes by hundreds: H0xx files, H1xx shape (schemas), H2xx registries and ids, H3xx plans and tasks,
H4xx assignments, H5xx indicators, H6xx citations.

``HANDBOOK_DISABLE_RULES=H401,H402`` switches rules off. It exists for ``tests/prove_rules.py``, which
switches each rule off in turn and shows that the test suite then fails; data/ never needs it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

from ..problems import ERROR, WARNING, KeyPath, Location, Problem, key_string

DISABLE_VARIABLE = "HANDBOOK_DISABLE_RULES"


@dataclass(frozen=True)
class Finding:
    """What a rule found at (or below) its node: the message, the fix and the bad value."""

    message: str
    fix: str = ""
    value: Any = None
    at: KeyPath = ()  # keys below the node's own path, e.g. ("lead", 0)
    line: int | None = None  # an explicit position in the node's file (file-level rules)
    column: int | None = None
    file: str | None = None  # another file altogether (rules on the data folder)


@dataclass(frozen=True)
class Rule:
    """One data rule: its code, the node kind it checks and the function that checks one node."""

    code: str
    name: str
    nodes: tuple[str, ...]
    summary: str
    fix: str
    severity: str
    check: Callable[..., Iterable[Finding]]
    fields: Callable[[Any], bool] | None = None  # value rules: the schema fields whose values it can judge


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, nodes: str | tuple[str, ...], summary: str, fix: str,
         severity: str = ERROR, fields: Callable[[Any], bool] | None = None) -> Callable:
    """Register the decorated function as the rule ``code``; ``summary`` and ``fix`` are its docs.
    ``fields`` (rules on values) says which schema fields the rule can find anything in, so that the
    shape walk does not hand it the values of the others."""
    def register(check: Callable) -> Callable:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} is registered twice ({REGISTRY[code].name}, {name})")
        kinds = (nodes,) if isinstance(nodes, str) else tuple(nodes)
        REGISTRY[code] = Rule(code, name, kinds, summary, fix, severity, check, fields)
        return check
    return register


def disabled() -> frozenset[str]:
    """The codes switched off through HANDBOOK_DISABLE_RULES (read on every run, for the proof)."""
    return _codes(os.environ.get(DISABLE_VARIABLE, ""))


@lru_cache(maxsize=None)
def _codes(value: str) -> frozenset[str]:
    return frozenset(c.strip() for c in value.split(",") if c.strip())


def rules_for(kind: str) -> list[Rule]:
    """The enabled rules that check nodes of ``kind``, in code order."""
    return _enabled(kind, disabled(), len(REGISTRY))


@lru_cache(maxsize=None)
def _enabled(kind: str, off: frozenset[str], registered: int) -> list[Rule]:
    return [r for code, r in sorted(REGISTRY.items()) if kind in r.nodes and code not in off]


class Node:
    """A located node a rule checks: the item, the file it stands in and its key path there.

    A plain class with slots, not a dataclass: the walks make one per value of every file."""

    __slots__ = ("item", "name", "locate", "path")

    def __init__(self, item: Any, name: str, locate: Callable[[KeyPath], Location], path: KeyPath = ()):
        self.item = item
        self.name = name  # the file's name as messages print it (data/plans/x.yaml)
        self.locate = locate
        self.path = path

    def __repr__(self) -> str:
        return f"Node(item={self.item!r}, name={self.name!r}, path={self.path!r})"

    def where(self, *keys) -> Location:
        """The location of a key below this node."""
        return self.locate(self.path + tuple(keys))


def problem(rule_: Rule, node: Node, finding: Finding) -> Problem:
    """The one way a Problem is made: the rule's code and severity, the node's location."""
    path = node.path + finding.at
    if finding.file:
        location = Location(finding.file)
    elif finding.line:
        location = Location(node.name, finding.line, finding.column)
    else:
        location = node.locate(path)
    return Problem(location, key_string(path), finding.message, finding.fix, finding.value,
                   rule_.severity, rule_.code)


def run(kind: str, node: Node, *context) -> list[Problem]:
    """Every enabled rule for ``kind`` on one node; ``context`` is passed to each rule."""
    return apply(rules_for(kind), node, *context)


def apply(rules_: list[Rule], node: Node, *context) -> list[Problem]:
    """Every rule of ``rules_`` on one node (for walks that look the enabled rules up once, not per node)."""
    return [problem(r, node, finding) for r in rules_ for finding in r.check(node, *context)]


def apply_into(problems: list[Problem], rules_: list[Rule], node: Node, *context) -> bool:
    """``apply``, adding to ``problems``; whether any rule found something (the shape walk's inner loop,
    where most nodes find nothing and a new list per node would be waste)."""
    found = False
    for r in rules_:
        for finding in r.check(node, *context):
            problems.append(problem(r, node, finding))
            found = True
    return found


def for_field(rules_: list[Rule], field: Any) -> list[Rule]:
    """The value rules of ``rules_`` that can judge the values of ``field``."""
    return [r for r in rules_ if r.fields is None or r.fields(field)]


def first(kind: str, node: Node, *context) -> list[Problem]:
    """The problems of the first enabled rule for ``kind`` that finds any (for stages where a later
    rule needs what an earlier one guards, such as reading a file)."""
    for r in rules_for(kind):
        found = [problem(r, node, finding) for finding in r.check(node, *context)]
        if found:
            return found
    return []


def table() -> str:
    """The rules as the Markdown table data/README.md holds (``python -m generator rules``)."""
    lines = ["| code | name | severity | what it checks | fix |", "|---|---|---|---|---|"]
    lines += [f"| {r.code} | {r.name} | {r.severity} | {r.summary} | {r.fix} |" for _, r in sorted(REGISTRY.items())]
    return "\n".join(lines) + "\n"


def findings(*items: Finding | None) -> Iterator[Finding]:
    """The findings that are not None (for rules that test one condition)."""
    return (item for item in items if item is not None)


from . import files, shape, registries, plans, assignments, indicators, citations  # noqa: E402,F401  (they register)

__all__ = ["ERROR", "WARNING", "Finding", "Node", "REGISTRY", "Rule", "apply", "disabled", "first", "for_field", "rule",
           "run"]
