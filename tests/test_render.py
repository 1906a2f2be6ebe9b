"""Render stage: escaping, links and labels."""

import markdown

from generator import render
from generator.model import Task


def html(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "md_in_html", "tables"])


def test_escaped_text_cannot_make_markup():
    hostile = "<script>x()</script> [a](javascript:x()) <img src=x onerror=y()> **b** `c` # d\n1. e\n- f"
    out = html(str(render.escape(hostile)))
    for forbidden in ("<script", "<img", "<a ", "<strong", "<code", "<h1", "<ol", "<ul"):
        assert forbidden not in out
    assert "javascript:x()" in out  # shown as text


def test_escaping_keeps_chinese_and_source_punctuation():
    text = "(省农委牵头,省国土资源厅等按职责分工负责)98.5%——“三品”"
    assert str(render.escape(text)) == text


def test_relative_links():
    assert render.link("plans/a.md", "departments/b.md", "t1") == "../departments/b.md#t1"
    assert render.link("index.md", "plans/a.md") == "plans/a.md"
    assert render.link("plans/a.md", "plans/a.md", "t2") == "#t2"


def test_task_label_prefers_heading_then_first_sentence():
    assert render.task_label(Task(id="t1", number="(三)", heading="增加供给")) == "(三)增加供给"
    assert render.task_label(Task(id="t2", number="12", text="进出口产品质量提升专项计划")) == "12 进出口产品质量提升专项计划"
    long = Task(id="t3", number="1.", text="甲" * 50 + "。第二句。")
    assert render.task_label(long).endswith("…") and len(render.task_label(long)) == 2 + 36 + 1
