"""The rule registry: every rule documented, every rule proven by a golden case that carries its code."""

from __future__ import annotations

import re

import pytest

from generator import rules
from generator.problems import WARNING

from .conftest import DATA, GOLDEN

CODE = re.compile(r"^H\d{3}$")


def golden_codes() -> dict[str, set[str]]:
    """code -> the golden cases whose expected messages carry it."""
    found: dict[str, set[str]] = {}
    for messages in sorted(GOLDEN.glob("*/expected/messages.txt")):
        for code in re.findall(r"^\S+: (?:error|warning) (H\d{3}):", messages.read_text(encoding="utf-8"), re.M):
            found.setdefault(code, set()).add(messages.parent.parent.name)
    return found


def test_every_rule_has_a_golden_case_carrying_its_code():
    cases = golden_codes()
    assert sorted(code for code in rules.REGISTRY if code not in cases) == [], (
        "each rule needs a golden case (tests/golden/<case>/) whose expected messages carry its code")


def test_golden_cases_carry_only_registered_codes():
    assert sorted(set(golden_codes()) - set(rules.REGISTRY)) == []


@pytest.mark.parametrize("code", sorted(rules.REGISTRY))
def test_rule_is_well_formed(code):
    rule = rules.REGISTRY[code]
    assert CODE.match(code) and rule.name and rule.summary and rule.fix and rule.nodes
    assert rule.severity in (rules.ERROR, WARNING)


def test_rule_names_are_unique():
    names = [r.name for r in rules.REGISTRY.values()]
    assert len(names) == len(set(names))


def test_data_readme_lists_every_rule():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert rules.table() in readme, "data/README.md's rule table differs: paste `python -m generator rules`"


def test_disabled_rule_is_silent(monkeypatch, tmp_path):
    """HANDBOOK_DISABLE_RULES switches a rule off (what tests/prove_rules.py relies on)."""
    from generator import check

    from .conftest import golden_data

    data = golden_data("task-problems", tmp_path)
    assert any(p.code == "H402" for p in check(data)[1])
    monkeypatch.setenv(rules.DISABLE_VARIABLE, "H402,H404")
    codes = {p.code for p in check(data)[1]}
    assert "H402" not in codes and "H404" not in codes and "H505" in codes


def test_every_golden_case_with_expectations_runs():
    """A case whose folder git cannot keep (no data/ of its own, only remove.txt) still runs."""
    from .test_golden import CASES
    assert sorted(p.parent.parent.name for p in GOLDEN.glob("*/expected/messages.txt")) == CASES
