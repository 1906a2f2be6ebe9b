"""Deadlines as data (written, and one reading) and numbers as plans write them (Arabic and
Chinese numerals), shared by the importer and the data rules."""

from __future__ import annotations

import pytest

from generator import check, deadlines
from generator.numbers import arabic_in_place, cn_value, stated_numbers, states


@pytest.mark.parametrize("written, reading", [
    ("2025年底前", {"by": "2025-12-31"}), ("2024年12月", {"by": "2024-12-31"}), ("2024年2月", {"by": "2024-02-29"}),
    ("2024年6月30日前", {"by": "2024-06-30"}), ("2025年上半年", {"by": "2025-06-30"}),
    ("2024年第三季度", {"by": "2024-09-30"}), ("2024年四季度前", {"by": "2024-12-31"}), ("２０２５年底前", {"by": "2025-12-31"}),
    ("每年6月底前", {"yearly": "06-30"}), ("每年十二月底前", {"yearly": "12-31"}), ("每年2月底前", {"yearly": "02-28"}),
    ("长期坚持", {"ongoing": True}), ("持续推进", {"ongoing": True}),
    ("按年度", {}), ("2024年起", {}), ("2024年13月", {}), ("每年2月30日前", {}), ("", {}),
])
def test_a_deadline_has_one_reading_or_none(written, reading):
    assert deadlines.read(written) == reading


def test_deadline_as_data_keeps_the_written_words_and_the_reading():
    from generator.model import Deadline
    assert deadlines.as_data(Deadline("每年6月底前", yearly="06-30")) == {"written": "每年6月底前", "yearly": "06-30"}
    assert deadlines.as_data(Deadline("按年度")) == {"written": "按年度"}


def test_deadline_words_for_pages_and_report():
    assert deadlines.label({"by": "2025-12-31"}) == "2025-12-31前"
    assert deadlines.label({"written": "按年度"}) == ""
    assert deadlines.describe("每年6月底前") == "yearly 06-30"
    assert deadlines.describe("长期坚持") == "ongoing"
    assert deadlines.describe("按年度") == "no reading"


def _plan_with(minimal_data, task_lines: str):
    path = minimal_data / "plans" / "testprov-plan.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "        text: 提升交通工程质量,2019年底前完成。\n"
    assert marker in text
    path.write_text(text.replace(marker, marker + task_lines), encoding="utf-8")
    return check(minimal_data)


def test_deadline_and_posts_validate_and_reach_the_model(minimal_data):
    handbook, problems = _plan_with(minimal_data, "        posts: [分管副省长]\n"
                                                  "        deadline: {written: 2025年底前, by: 2025-12-31}\n")
    assert problems == []
    task = dict((t.id, t) for _, t in handbook.plans["testprov-plan"].walk())["t1-2"]
    assert task.posts == ("分管副省长",)
    assert (task.deadline.written, task.deadline.by, task.deadline.yearly, task.deadline.ongoing) == \
        ("2025年底前", "2025-12-31", None, False)


@pytest.mark.parametrize("deadline, message", [
    ("{written: 长期坚持, by: 2025-12-31, ongoing: true}", "a deadline has one reading, not by and ongoing"),
    ("{written: 每年6月底前, yearly: 6-30}", "not in the form this key takes"),
    ("{by: 2025-12-31}", "missing required key 'written'"),
    ("{written: 2025年底前, by: 2025年底}", "expected a date YYYY-MM-DD"),
])
def test_bad_deadlines_are_errors_at_their_key(minimal_data, deadline, message):
    handbook, problems = _plan_with(minimal_data, f"        deadline: {deadline}\n")
    assert handbook is None
    assert any(message in p.message and "deadline" in p.key for p in problems), [p.message for p in problems]


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十二", 12), ("二十三", 23), ("一百", 100), ("一百零五", 105),
                                            ("两千", 2000), ("三万五千", 35000), ("二〇二五", 2025)])
def test_chinese_numerals(numeral, value):
    assert cn_value(numeral) == value


@pytest.mark.parametrize("phrase, numbers", [
    ("达到98.5%以上", [98.5]), ("达到９８．５％", [98.5]), ("百分之九十五", [95]), ("受检率达到百分之百", [100]),
    ("三年内", [3]), ("提高两个百分点", [2]), ("5—8个", [5, 8]), ("进一步提高", []), ("万元", []),
])
def test_numbers_a_phrase_states(phrase, numbers):
    assert stated_numbers(phrase) == numbers


@pytest.mark.parametrize("text, normal", [
    ("达到百分之九十五", "达到   95%"), ("提高两个百分点", "提高2个百分点"), ("三年内实现", "3年内实现"),
    ("十二个", "12个"), ("一百个", "一百个"), ("三次产业", "三次产业"), ("两个作用", "两个作用"), ("第三年", "第三年"),
])
def test_numerals_become_digits_in_place(text, normal):
    assert arabic_in_place(text) == normal and len(normal) == len(text)


def test_the_indicator_rule_accepts_a_value_written_in_chinese(minimal_data):
    path = minimal_data / "plans" / "testprov-plan.yaml"
    text = path.read_text(encoding="utf-8").replace("达到98.5%以上", "达到百分之九十八以上")
    path.write_text(text.replace("value: 98.5", "value: 98"), encoding="utf-8")
    handbook, problems = check(minimal_data)
    assert problems == [] and states("达到百分之九十八以上", 98)
    path.write_text(text.replace("value: 98.5", "value: 97"), encoding="utf-8")
    handbook, problems = check(minimal_data)
    assert [p.message for p in problems] == ["the value is not a number the phrase states"]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.importer import duties, tables  # noqa: E402
from generator.importer.formats import html_text  # noqa: E402

PIECES = st.sampled_from(["百分之", "九十五", "两", "个", "年内", "三", "十", "分", "以上", "5", "、", "，", "\t", "  ", "\n",
                          "序号", "重点任务", "牵头单位", "配合单位", "完成时限", "责任单位：", "区市场监管局", "2025年底前",
                          "每年", "6月", "长期坚持", "责任领导：", "分管副区长", "1", "2", "一、", "<td>", "<br>", "</tr>"])
TEXTS = st.lists(PIECES, max_size=40).map("".join)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXTS)
def test_numerals_in_place_keep_every_position(text):
    assert len(arabic_in_place(text)) == len(text)


@FUZZ
@given(TEXTS)
def test_readers_of_tables_lines_and_deadlines_never_fail_on_odd_text(text):
    tables.find(text)
    duties.read(text)
    duties.inline(text)
    deadlines.read(text)
    html_text(text)
    stated_numbers(text)
