"""Link stage: references resolve once into the index; the reverse lookups agree with the data."""

import shutil

from generator import check


def test_index_of_minimal_handbook(minimal_data):
    handbook, problems = check(minimal_data)
    assert problems == []
    duties = {(d.task, d.role, d.body, d.written) for d in handbook.duties}
    assert duties == {
        ("t1-1", "lead", "testprov-shengzhijianju", "省质监局"),
        ("t1-1", "responsible", "testprov-jiaotongyunshuting", "交通厅"),
        ("t1-1", "responsible", "testprov-geshirenminzhengfu", "各市人民政府"),
        ("t1-2", "lead", "testprov-jiaotongyunshuting", "交通运输厅"),
        ("t1-2", "cooperating", "testprov-shengzhijianju", "省质监局"),
    }
    assert [d.task for d in handbook.duties_by_body["testprov-shengzhijianju"]] == ["t1-1", "t1-2"]
    assert set(handbook.groups) == {"testprov-geshirenminzhengfu"}
    assert handbook.plan_of_document == {"ceshifa-2018-1": "testprov-plan"}
    assert [c.task for c in handbook.citations["zhongfa-2017-24"]] == ["t1-1"]
    assert handbook.parents["testprov-plan", "t1-1"] == "t1"
    assert [t.id for t in handbook.assigned("testprov-plan")] == ["t1-1", "t1-2"]


def test_same_name_in_two_jurisdictions_is_two_departments(minimal_data):
    (minimal_data / "jurisdictions.yaml").write_text(
        (minimal_data / "jurisdictions.yaml").read_text(encoding="utf-8")
        + "  - id: other\n    name: 另一省\n    level: province\n", encoding="utf-8")
    registry = (minimal_data / "departments" / "testprov.yaml").read_text(encoding="utf-8")
    (minimal_data / "departments" / "other.yaml").write_text(
        registry.replace("testprov", "other"), encoding="utf-8")
    plan = (minimal_data / "plans" / "testprov-plan.yaml").read_text(encoding="utf-8")
    (minimal_data / "plans" / "other-plan.yaml").write_text(
        plan.replace("testprov", "other").replace("测政发〔2018〕1号", "另政发〔2018〕1号"), encoding="utf-8")
    handbook, problems = check(minimal_data)
    assert problems == []
    assert {d.plan for d in handbook.duties_by_body["testprov-shengzhijianju"]} == {"testprov-plan"}
    assert {d.plan for d in handbook.duties_by_body["other-shengzhijianju"]} == {"other-plan"}


def test_alias_used_twice_in_a_registry_is_an_error(minimal_data):
    path = minimal_data / "departments" / "testprov.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("full_name:", "aliases: [交通厅]\n    full_name:"),
                    encoding="utf-8")
    handbook, problems = check(minimal_data)
    assert handbook is None
    assert any("already used by" in p.message and p.value == "交通厅" for p in problems)


def test_missing_registry_folder_is_reported(minimal_data):
    shutil.rmtree(minimal_data / "departments")
    handbook, problems = check(minimal_data)
    assert handbook is None
    assert any("folder is missing" in p.message for p in problems)
