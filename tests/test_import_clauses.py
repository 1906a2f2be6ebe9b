"""Assignment clauses: each style by hand, the cases that are not clauses, and the curated data as oracle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.clauses import ROLES, Clause, clause_line, split_clause, split_names, table_roles

from .conftest import FULL_WIDTH, SEEDS

# ASCII -> full-width, for running every case a second time as most published documents write it.


def full_width(clause: Clause) -> Clause:
    """The same clause with its source and names written in full-width punctuation."""
    return Clause(clause.source.translate(FULL_WIDTH),
                  *(tuple(name.translate(FULL_WIDTH) for name in getattr(clause, role)) for role in ROLES))


# Style 1: a bracket after the task.

BRACKETS = [
    ("提升农产品质量。", "(省农委牵头,省国土资源厅、省粮食局等按职责分工负责)",
     Clause("", ("省农委",), ("省国土资源厅", "省粮食局"))),
    ("加强监管。", "(牵头单位:省质监局;配合单位:省工商局)",
     Clause("", ("省质监局",), (), ("省工商局",))),
    ("推动升级。", "(省经济和信息化委牵头负责)", Clause("", ("省经济和信息化委",))),
    ("建设计量中心。", "(省质监局、中测院按职责分工负责)", Clause("", (), ("省质监局", "中测院"))),
    ("推动专利转化。", "〔责任单位:市市场监管局、市工信局(国资委)〕",
     Clause("", (), ("市市场监管局", "市工信局(国资委)"))),
    ("推动专利转化。", "【责任单位：市市场监管局、市工信局（国资委）】",
     Clause("", (), ("市市场监管局", "市工信局（国资委）"))),
    ("全面组织实施。", "(牵头单位:各市州人民政府)", Clause("", ("各市州人民政府",))),
    ("两个牵头单位。", "(省食品药品监管局、省卫生计生委牵头,省农委、合肥海关按职责分工负责)",
     Clause("", ("省食品药品监管局", "省卫生计生委"), ("省农委", "合肥海关"))),
    ("逗号也分隔名称。", "(省发展改革委牵头,省科技厅、省食品药品监管局,安徽银监局等按职责分工负责)",
     Clause("", ("省发展改革委",), ("省科技厅", "省食品药品监管局", "安徽银监局"))),
    ("括号里的括号。", "(省质监局、各市〔州〕人民政府按职责分工负责)",
     Clause("", (), ("省质监局", "各市〔州〕人民政府"))),
    ("合称拆开。", "(各市州党委、政府按职责分工负责)", Clause("", (), ("各市州党委", "各市州政府"))),
    ("及连接两个名称。", "(省质监局、文化厅及省质量强省工作领导小组相关成员单位按职责分工负责)",
     Clause("", (), ("省质监局", "文化厅", "省质量强省工作领导小组相关成员单位"))),
    ("由字和等部门。", "(由省质监局牵头,省工商局等部门配合)", Clause("", ("省质监局",), (), ("省工商局",))),
    ("方括号。", "[协办单位:省总工会]", Clause("", (), (), ("省总工会",))),
]


@pytest.mark.parametrize("text, source, roles", BRACKETS)
@pytest.mark.parametrize("width", ["ascii", "full"])
def test_a_bracket_after_the_task_is_split_off(text, source, roles, width):
    expected = Clause(source, roles.lead, roles.responsible, roles.cooperating)
    if width == "full":
        text, source, expected = text.translate(FULL_WIDTH), source.translate(FULL_WIDTH), full_width(expected)
    assert split_clause(text + source) == (text, expected)


def test_a_full_stop_after_the_bracket_belongs_to_the_clause():
    assert split_clause("推进工作(省质监局牵头)。") == ("推进工作", Clause("(省质监局牵头)。", ("省质监局",)))


# Style 2: a sentence closing the paragraph.

def test_a_closing_labelled_sentence_is_split_off_after_the_full_stop():
    paragraph = "加强外资企业质量管理。责任单位:市经贸委、市质监局,相关县(市、区)政府;协助单位:市外经贸局。"
    text, clause = split_clause(paragraph)
    assert text == "加强外资企业质量管理。"
    assert clause == Clause("责任单位:市经贸委、市质监局,相关县(市、区)政府;协助单位:市外经贸局。",
                            (), ("市经贸委", "市质监局", "相关县(市、区)政府"), ("市外经贸局",))
    wide = paragraph.translate(FULL_WIDTH)
    assert split_clause(wide) == ("加强外资企业质量管理。", full_width(clause))


def test_a_closing_sentence_of_names_and_verbs_is_split_off():
    assert split_clause("推进工作。由省质监局牵头，省工商局配合。") == (
        "推进工作。", Clause("由省质监局牵头，省工商局配合。", ("省质监局",), (), ("省工商局",)))


# Style 3: a line after the task.

def test_a_line_of_names_and_a_verb_is_a_clause():
    assert clause_line("省质监局、工业和信息化厅、科技厅负责落实。") == Clause(
        "省质监局、工业和信息化厅、科技厅负责落实。", (), ("省质监局", "工业和信息化厅", "科技厅"))
    assert clause_line("  （牵头单位：省质监局） ") == Clause("（牵头单位：省质监局）", ("省质监局",))
    assert clause_line("责任单位：市质监局。") == Clause("责任单位：市质监局。", (), ("市质监局",))


@pytest.mark.parametrize("line", ["领导小组办公室负责日常工作。", "各地要认真负责落实。", "", "   ",
                                  "加强质量监管(省质监局牵头)", "(专项、基金等)"])
def test_a_line_with_anything_else_is_not_a_clause(line):
    assert clause_line(line) is None


# Style 4: table cells.

def test_table_cells_give_lead_and_responsible():
    assert table_roles("省经济和信息化委 |", "省级有关部门 |") == Clause("", ("省经济和信息化委",), ("省级有关部门",))
    assert table_roles("商务厅", "|") == Clause("", ("商务厅",))
    assert table_roles("省质监局 省工商局", "") == Clause("", ("省质监局", "省工商局"))
    assert table_roles("国家 金融", "") == Clause("", ("国家 金融",))
    assert table_roles("省质监局、省工商局", "各市（州）人民政府等") == Clause(
        "", ("省质监局", "省工商局"), ("各市（州）人民政府",))


# Names.

@pytest.mark.parametrize("fragment, names", [
    ("省国土资源厅、省粮食局、省质监局等", ["省国土资源厅", "省粮食局", "省质监局"]),
    ("省科技厅,省质监局;合肥海关，省农委；省林业厅", ["省科技厅", "省质监局", "合肥海关", "省农委", "省林业厅"]),
    ("各市州党委、政府", ["各市州党委", "各市州政府"]),
    ("各级党委和政府", ["各级党委", "各级政府"]),
    ("文化厅及省质量强省工作领导小组相关成员单位", ["文化厅", "省质量强省工作领导小组相关成员单位"]),
    ("市工信局(国资委)", ["市工信局(国资委)"]),
    ("市工信局（国资委）、市科技局等部门", ["市工信局（国资委）", "市科技局"]),
    ("相关县(市、区)政府", ["相关县(市、区)政府"]),
    ("省经济和信息化委、市规划和自然资源局", ["省经济和信息化委", "市规划和自然资源局"]),
    ("由省质监局", ["省质监局"]),
    ("", []),
])
def test_split_names(fragment, names):
    assert split_names(fragment) == names


# Not clauses.

@pytest.mark.parametrize("paragraph", [
    "加大资金支持(专项、基金等)", "推行良好生产规范(GMP)", "三年行动计划(2018—2020年)",
    "各县(市、区)要加快推进。", "覆盖县(市、区)", "依据《意见》(国发〔2017〕24号)",
    "(此件公开发布)", "加强监管(企业负责)", "加强监管(由企业自行负责)", "领导小组办公室设在省质监局,具体负责日常工作。",
    "各地要认真负责落实。", "推进(省财政厅按职责分工负责", "推进)省财政厅负责)", "", "牵头", "(牵头)",
    "(牵头单位:)", "(平台负责)",
])
def test_a_bracket_or_sentence_that_is_no_assignment_stays_in_the_text(paragraph):
    assert split_clause(paragraph) == (paragraph, None)
    assert split_clause(paragraph.translate(FULL_WIDTH)) == (paragraph.translate(FULL_WIDTH), None)


def test_bad_input_gives_a_clear_message():
    with pytest.raises(TypeError, match=r"split_clause\(\) expects the paragraph as a str, got NoneType"):
        split_clause(None)
    with pytest.raises(TypeError, match="split_names"):
        split_names(["省质监局"])
    with pytest.raises(TypeError, match="table_roles"):
        table_roles("省质监局", None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="省市质监局厅委牵头负责配合单位按职责分工等、,;:()（）〔〕【】，；：。由及和各政府党委 x1", max_size=40))
def test_text_and_source_always_give_back_the_paragraph(paragraph):
    text, clause = split_clause(paragraph)
    assert text + (clause.source if clause else "") == paragraph
    if clause:
        assert all(name and name in paragraph for role in ROLES for name in getattr(clause, role))


# The curated data as oracle.

def curated_tasks(handbook):
    """(plan id, task) for every node of every curated plan."""
    return [(plan_id, task) for plan_id, plan in sorted(handbook.plans.items()) for _, task in plan.walk()]


@pytest.mark.parametrize("width", ["ascii", "full"])
def test_every_curated_clause_is_split_off_with_the_curated_names(handbook, width):
    table = str.maketrans({}) if width == "ascii" else FULL_WIDTH
    checked, wrong = 0, []
    for plan_id, task in curated_tasks(handbook):
        assignment = task.assignment
        if not (assignment and assignment.source):
            continue
        last = (task.text or "").split("\n")[-1].translate(table)
        expected = Clause(assignment.source.translate(table),
                          *(tuple(name.translate(table) for name in getattr(assignment, role)) for role in ROLES))
        got = split_clause(last + expected.source)
        checked += 1
        if got != (last, expected):
            wrong.append((plan_id, task.id, got, expected))
    assert wrong == []
    assert checked == 171


@pytest.mark.parametrize("width", ["ascii", "full"])
def test_no_clause_is_found_where_the_curated_data_has_none(handbook, width):
    table = str.maketrans({}) if width == "ascii" else FULL_WIDTH
    checked, wrong = 0, []
    for plan_id, task in curated_tasks(handbook):
        paragraphs = (task.text or "").split("\n")
        if task.assignment and task.assignment.source:
            paragraphs = paragraphs[:-1]  # the last one carries the clause
        for paragraph in [*paragraphs, task.heading or ""]:
            paragraph = paragraph.translate(table)
            checked += 1
            if split_clause(paragraph) != (paragraph, None) or clause_line(paragraph) is not None:
                wrong.append((plan_id, task.id, paragraph[:40]))
    assert wrong == []
    assert checked == 477


@pytest.mark.sources
def test_the_sichuan_task_division_table_gives_the_curated_roles(handbook):
    assert SEEDS.is_dir(), f"source texts not found at {SEEDS}; set HANDBOOK_SOURCES"
    lines = (SEEDS / "002_2c0a71cac59980fa.txt").read_text(encoding="utf-8").split("\n")[142:202]
    rows = {task.id: task for _, task in handbook.plans["sichuan-task-division"].walk()}
    for at in range(0, len(lines), 4):
        number, _content, lead, responsible = lines[at:at + 4]
        assignment = rows[f"annex2-{number.strip(' |')}"].assignment
        assert table_roles(lead, responsible) == Clause("", assignment.lead, assignment.responsible), number
    assert len(lines) == 60
