"""The real data/: clean, faithful to the five sources, complete, and free of personal contacts."""

import re

import pytest

from generator import check
from generator import sources
from generator.sources import file_differences

from .conftest import DATA, SEEDS

PLANS = sorted(p.stem for p in (DATA / "plans").glob("*.yaml"))


def test_data_is_clean_without_warnings():
    handbook, problems = check(DATA)
    assert [str(p) for p in problems] == []
    assert len(handbook.plans) == 5


@pytest.mark.sources
@pytest.mark.parametrize("plan_id", PLANS)
def test_plan_is_word_for_word_and_complete(handbook, plan_id):
    assert SEEDS.is_dir(), f"source texts not found at {SEEDS}; set HANDBOOK_SOURCES"
    assert file_differences(handbook.plans[plan_id], SEEDS) == []


@pytest.mark.sources
def test_source_check_catches_a_changed_character_and_a_dropped_task(handbook):
    from dataclasses import replace

    plan = handbook.plans["anhui-quality-improvement"]
    source = (SEEDS / plan.source_file).read_text(encoding="utf-8")
    first = plan.tasks[0]
    altered = replace(plan, tasks=(replace(first, text=first.text.replace("供给", "供應", 1)), *plan.tasks[1:]))
    assert any("not in the source" in p for p in sources.differences(altered, source))
    dropped = replace(plan, tasks=plan.tasks[:-1])
    assert any("neither in the data nor excluded" in p for p in sources.differences(dropped, source))


def test_no_personal_contact_details_anywhere_in_data():
    phone = re.compile(r"\d{3,4}-\d{7,8}|1[3-9]\d{9}")
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for path in DATA.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not phone.search(text), f"phone number in {path}"
        assert not email.search(text), f"e-mail address in {path}"
        for name in ("李纳云", "杜兵"):
            assert name not in text, f"contact name in {path}"


def test_assignments_have_the_roles_the_issue_names(handbook):
    duties = {(d.plan, d.task, d.role, d.written) for d in handbook.duties}
    # Anhui (三) has two paragraphs, each with its own assignment
    assert ("anhui-quality-improvement", "t2-3-p1", "lead", "省农委") in duties
    assert ("anhui-quality-improvement", "t2-3-p2", "lead", "省食品药品监管局") in duties
    # Sichuan 附件2 has 15 task-division rows
    rows = [t for t in handbook.assigned("sichuan-task-division") if t.id.startswith("annex2-")]
    assert len(rows) == 15
    # 各市州党委、政府 is two bodies; 文化厅及…成员单位 a department and a group
    sichuan = {(t, w) for p, t, r, w in duties if p == "sichuan-task-division"}
    assert {w for t, w in sichuan if t == "annex1-16-71"} >= {"各市州党委", "各市州政府"}
    culture = {w for t, w in sichuan if t == "annex1-19-81"}
    assert {"文化厅", "省质量强省工作领导小组相关成员单位"} <= culture
    # 市工信局(国资委) is one body with two names
    assert any(w == "市工信局(国资委)" for p, t, r, w in duties if p == "jincheng-quality-city")
    assert handbook.departments["gansu-shengzhijianju"] is not handbook.departments["sichuan-shengzhijianju"]


def test_aliases_resolve_to_one_department(handbook):
    transport = handbook.departments["sichuan-jiaotongyunshuting"]
    assert "交通厅" in transport.aliases
    written = {d.written for d in handbook.duties_by_body[transport.id]}
    assert {"交通厅", "交通运输厅"} <= written


def test_two_indicators_from_one_sentence(handbook):
    phrase = "城镇污水集中处理率和生活垃圾无害化处理率分别达到90%和85%"
    values = sorted(t.indicator.value for t in handbook.targets if t.indicator.phrase == phrase)
    assert values == [85, 90]


def test_derived_values_are_marked(handbook):
    anhui = handbook.plans["anhui-quality-improvement"]
    assert anhui.derivation("title"), "Anhui's title is composed from the text and must be marked derived"
    assert anhui.issuer is None and anhui.doc_number is None and anhui.written is None
