"""Importing each of the five seeds reproduces the curated plan: the same tasks with the same text
and the same assignments with the same roles, in ASCII and in full-width punctuation."""

from __future__ import annotations

import pytest

from generator import load
from generator.importer import draft as drafting

from .conftest import DATA, FULL_WIDTH, SEEDS

pytestmark = pytest.mark.sources

PLANS = sorted(p.stem for p in (DATA / "plans").glob("*.yaml"))

# Curated values the importer does not produce, and why (also in the closing note of the issue).
NOT_PRODUCED = {
    ("gansu-quality-revitalization", "period"): "derived by a curator from the 实施步骤 stage dates",
    ("sichuan-task-division", "period"): "derived by a curator from the 三年计划(2018—2020年) wording",
    ("sichuan-task-division", "derived"): "records the curator's derivation of period",
    ("gansu-quality-revitalization", "derived"): "records the curator's derivation of period",
}


def walk(tasks):
    for task in tasks:
        yield task
        yield from walk(task.get("children", ()))


def curated_rows(plan, translate=None):
    convert = (lambda s: s.translate(translate) if isinstance(s, str) and translate else s)
    rows = []
    for _, task in plan.walk():
        a = task.assignment
        rows.append((task.id, convert(task.number), convert(task.heading), convert(task.text),
                     convert(a.source) if a else None,
                     tuple(map(convert, a.lead)) if a else (), tuple(map(convert, a.responsible)) if a else (),
                     tuple(map(convert, a.cooperating)) if a else ()))
    return rows


def imported_rows(result):
    rows = []
    for task in walk(result.plan["tasks"]):
        a = task.get("assignment") or {}
        rows.append((task["id"], task.get("number"), task.get("heading"), task.get("text"), a.get("source") or None,
                     tuple(a.get("lead", ())), tuple(a.get("responsible", ())), tuple(a.get("cooperating", ()))))
    return rows


def run(plan, translate=None, handbook=None):
    raw = (SEEDS / plan.source_file).read_text(encoding="utf-8")
    if translate:
        raw = raw.translate(translate)
    return drafting.import_bytes(raw.encode("utf-8"), plan_id=plan.id, jurisdiction=plan.jurisdiction,
                                 source_file=plan.source_file, handbook=handbook)


@pytest.fixture(scope="module")
def curated():
    return load(DATA)


@pytest.mark.parametrize("plan_id", PLANS)
@pytest.mark.parametrize("width", ["ascii", "full-width"])
def test_import_reproduces_tasks_text_and_assignments(plan_id, width, curated):
    translate = FULL_WIDTH if width == "full-width" else None
    plan = curated.plans[plan_id]
    result = run(plan, translate, curated)
    assert imported_rows(result) == curated_rows(plan, translate)
    assert {m.status for m in result.matches} <= {"known"}, "every curated name resolves to its department"
    assert result.departments == [] and result.groups == []


@pytest.mark.parametrize("plan_id", PLANS)
def test_import_reproduces_metadata_except_what_it_cannot_know(plan_id, curated):
    plan = curated.plans[plan_id]
    produced = run(plan, None, curated).plan
    expected = {"title": plan.title, "issuer": plan.issuer, "doc_number": plan.doc_number,
                "status": plan.status, "target_year": plan.target_year,
                "dates": {k: v for k, v in (("written", plan.written), ("published", plan.published),
                                            ("effective", plan.effective)) if v} or None,
                "period": ({"start": plan.period_start, "end": plan.period_end} if plan.period_start else None),
                "derived": dict(plan.derived) or None}
    differing = {key for key, value in expected.items() if produced.get(key) != value}
    if "derived" in differing and set(dict(plan.derived)) == {"title"} and "title" in produced.get("derived", {}):
        differing.discard("derived")  # both mark the composed title as derived; the wording differs
    assert differing == {key for (p, key) in NOT_PRODUCED if p == plan_id}


@pytest.mark.parametrize("plan_id", PLANS)
def test_import_finds_the_curated_indicators_and_citations(plan_id, curated):
    plan = curated.plans[plan_id]
    produced = {t["id"]: t for t in walk(run(plan, None, curated).plan["tasks"])}
    for _, task in plan.walk():
        found = produced[task.id]
        values = sorted((i["value"], i["comparator"], i.get("unit")) for i in found.get("indicators", ()))
        for indicator in task.indicators:
            assert (indicator.value, indicator.comparator, indicator.unit) in values, (task.id, indicator.phrase)
        cited = {(c["document"], c["written"]) for c in found.get("citations", ())}
        for citation in task.citations:
            assert (citation.document, citation.written) in cited, (task.id, citation.written)
