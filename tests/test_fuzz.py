"""No input makes the loader or the validator raise: every failure is a Problem."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import check
from generator.problems import Problem
from generator.read import read_file

from .conftest import GOLDEN

KEYS = ["id", "title", "tasks", "children", "assignment", "lead", "responsible", "cooperating", "indicators",
        "value", "comparator", "unit", "year", "phrase", "citations", "document", "written", "source", "file",
        "jurisdiction", "dates", "written", "derived", "excluded", "lines", "reason", "name", "aliases", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["省质监局", "t1", "../x", "at-least", "%", "2020-01-01"]),
                    st.dates())
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)), max_leaves=25)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_with_plan(text: bytes) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(GOLDEN / "minimal" / "data", data)
        (data / "plans" / "testprov-plan.yaml").write_bytes(text)
        handbook, problems = check(data)
        assert all(isinstance(p, Problem) and str(p) for p in problems)
        return problems


@FUZZ
@given(trees)
def test_any_yaml_structure_gives_problems_not_tracebacks(tree):
    check_with_plan(yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(st.dictionaries(st.sampled_from(KEYS), trees, max_size=6))
def test_plan_shaped_data_gives_problems_not_tracebacks(plan):
    plan.setdefault("tasks", [{"id": "t1", "children": [plan.get("x")]}])
    check_with_plan(yaml.safe_dump(plan, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_any_bytes_give_problems_not_tracebacks(raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_bytes(raw)
        file, problems = read_file(path, "data/x.yaml")
        assert file is not None or problems
