"""The importer end to end on small texts: numbering, clutter, contacts, metadata, bad input, saving."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from generator import check, load
from generator.importer import draft as drafting
from generator.importer import report, save
from generator.importer.meta import parse_date
from generator.importer.text import ImportFailure

from .conftest import golden_data


@pytest.fixture
def handbook(tmp_path):
    return load(golden_data("minimal", tmp_path))


def run(text: str | bytes, handbook, plan_id="imported"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return drafting.import_bytes(raw, plan_id=plan_id, jurisdiction="testprov", source_file="x.txt", handbook=handbook)


def nodes(tasks, depth=0):
    for task in tasks:
        yield depth, task
        yield from nodes(task.get("children", ()), depth + 1)


def shape(result) -> list[tuple[int, str, str | None]]:
    return [(depth, t["id"], t.get("number")) for depth, t in nodes(result.plan["tasks"])]


def test_four_levels_restarting_per_section(handbook):
    text = "一、总体要求\n(一)指导思想\n坚持质量第一。\n二、主要任务\n(一)提升产品质量\n1.加强标准。\n(1)制定标准。\n①农业标准。\n2.加强计量。\n"
    assert shape(run(text, handbook)) == [
        (0, "t1", "一、"), (1, "t1-1", "(一)"), (0, "t2", "二、"), (1, "t2-1", "(一)"),
        (2, "t2-1-1", "1."), (3, "t2-1-1-1", "(1)"), (4, "t2-1-1-1-1", "①"), (2, "t2-1-2", "2.")]


def test_numbering_that_runs_on_across_sections(handbook):
    text = "一、总体要求\n（一）指导思想\n（二）主要目标\n二、重点任务\n（三）增强动能\n（四）绿色发展\n"
    assert shape(run(text, handbook)) == [
        (0, "t1", "一、"), (1, "t1-1", "（一）"), (1, "t1-2", "（二）"), (0, "t2", "二、"),
        (1, "t2-3", "（三）"), (1, "t2-4", "（四）")]


def test_arabic_with_dun_comma_and_headings_versus_text(handbook):
    result = run("一、主要任务\n1、推进转型升级。加快发展。\n2、提升服务质量\n服务业提质增效。\n", handbook)
    first, second = result.plan["tasks"][0]["children"]
    assert first["number"] == "1、" and first["text"] == "推进转型升级。加快发展。" and "heading" not in first
    assert second["heading"] == "提升服务质量" and second["text"] == "服务业提质增效。"


def test_preamble_and_closing(handbook):
    result = run("为贯彻落实,制定本方案。\n一、主要任务\n(一)任务\n加强质量。\n各地各部门要结合实际抓好落实。\n", handbook)
    ids = [t["id"] for t in result.plan["tasks"]]
    assert ids == ["preamble", "t1", "closing"]


def test_clutter_related_news_and_contacts_are_dropped_and_reported(handbook):
    text = ("网站首页 法律法规 资料库\n"
            "各市人民政府:\n现将方案印发给你们。\n联系人:张三,电话:028-86607570;邮箱:someone@qq.com\n测试省人民政府\n2018年3月13日\n"
            "测试省质量提升方案\n一、主要任务\n(一)加强质量。(省质监局牵头)\n"
            "相关新闻\n- 另一个文件 2024-02-05\n- 又一个文件 2024-01-08\n"
            "附件3: 联络表\n姓名 |\n单位名称 |\n联系电话 |\n|\n|\n")
    result = run(text, handbook)
    dumped = save.plan_yaml(result)
    assert "028-86607570" not in dumped and "someone@qq.com" not in dumped and "张三" not in dumped
    assert "网站首页" not in dumped and "另一个文件" not in dumped and "单位名称" not in dumped
    reasons = {d.lines: d.kind for d in result.dropped}
    assert reasons["1"] == "clutter" and reasons["4"] == "contact"
    assert any(kind == "blank-form" for kind in reasons.values())
    notice = result.plan["tasks"][0]
    assert notice["id"] == "notice" and notice["text"].endswith("2018年3月13日")
    assert result.plan["issuer"] == "测试省人民政府" and result.plan["dates"] == {"written": "2018-03-13"}
    assert result.plan["title"] == "测试省质量提升方案"
    text_report = report.markdown(result)
    assert "line 4: 联系人、电话或邮箱" in text_report and "line 1: 网页导航" in text_report


def test_header_table_metadata(handbook):
    text = ("索 引 号: | 11140500/2024-00023 | 主题分类: | 综合政务 |\n"
            "发布机构: | 测试市市场监督管理局 | 成文日期: | 2023年12月26日 |\n"
            "发文字号: | 测政发〔2023〕18 号 | 发布日期: | 2024年01月15日 |\n"
            "一、主要任务\n(一)加强质量。\n")
    plan = run(text, handbook).plan
    assert plan["doc_number"] == "测政发〔2023〕18号"
    assert plan["dates"] == {"written": "2023-12-26", "published": "2024-01-15"}


@pytest.mark.parametrize("written, iso", [
    ("2018年3月13日", "2018-03-13"), ("二○一一年三月十八日", "2011-03-18"), ("二〇二三年十二月二十六日", "2023-12-26"),
    ("2011-03-18", "2011-03-18"), ("2019年02月30日", None), ("无日期", None)])
def test_dates_in_both_forms(written, iso):
    assert parse_date(written) == iso


def test_wrapped_lines_are_joined(handbook):
    text = ("一、主要任务\n(一)坚持创新引领抓质量提升。坚持创新引领,强化优质发展、以质取胜,把高标准、高质量作为经济社会发\n"
            "展的首要目标。\n")
    task = run(text, handbook).plan["tasks"][0]["children"][0]
    assert task["text"].endswith("作为经济社会发展的首要目标。")


def test_full_width_and_ascii_clauses_give_the_same_roles(handbook):
    ascii_text = "一、主要任务\n(一)提升交通工程质量。(省质监局牵头,交通厅按职责分工负责)\n"
    wide_text = "一、主要任务\n（一）提升交通工程质量。（省质监局牵头，交通厅按职责分工负责）\n"
    for text in (ascii_text, wide_text):
        task = run(text, handbook).plan["tasks"][0]["children"][0]
        assert task["assignment"]["lead"] == ["省质监局"] and task["assignment"]["responsible"] == ["交通厅"]
        assert task["text"] + task["assignment"]["source"] == text.splitlines()[1][3:]


@pytest.mark.parametrize("text", [
    "一、主要任务\n(一)加强质量监管。(牵头单位:省质监局;配合单位:交通运输厅)\n",
    "一、主要任务\n(一)加强质量监管。〔责任单位:省质监局、交通运输厅〕\n",
    "一、主要任务\n(一)加强质量监管。责任单位:省质监局;协助单位:交通运输厅。\n",
    "一、主要任务\n(一)加强质量监管。\n省质监局、交通运输厅负责落实。\n",
    "一、主要任务\n序号 |\n主要内容 |\n牵头部门 |\n责任部门 |\n1 |\n加强质量监管 |\n省质监局 |\n交通运输厅 |\n",
])
def test_each_assignment_style_names_both_departments(text, handbook):
    result = run(text, handbook)
    assigned = [t for _, t in nodes(result.plan["tasks"]) if "assignment" in t]
    assert len(assigned) == 1
    names = [n for role in ("lead", "responsible", "cooperating") for n in assigned[0]["assignment"].get(role, ())]
    assert names == ["省质监局", "交通运输厅"]
    assert {m.status for m in result.matches} == {"known"}


def test_near_miss_is_reported_not_created_and_new_names_are_listed(handbook):
    result = run("一、主要任务\n(一)加强质量监管。(省质检局牵头,省统计局按职责分工负责)\n", handbook)
    by_name = {m.written: m for m in result.matches}
    assert by_name["省质检局"].status == "suggested" and by_name["省质检局"].suggestion == "省质监局"
    assert by_name["省统计局"].status == "new"
    assert [d["name"] for d in result.departments] == ["省统计局"]
    text_report = report.markdown(result)
    assert "did you mean `省质监局`" in text_report and "省统计局" in text_report


@pytest.mark.parametrize("raw, message", [
    (b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 4, "not text"),
    ("没有编号的一段话。另一句话。".encode("utf-8"), "no numbered tasks")])
def test_bad_input_gets_a_clear_message(raw, message, handbook):
    with pytest.raises(ImportFailure, match=message):
        run(raw, handbook)


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_gbk_and_utf16_are_read_and_said(encoding, handbook):
    result = run("一、主要任务\n(一)加强质量。(省质监局牵头)\n".encode(encoding), handbook)
    assert result.encoding == ("GBK" if encoding == "gbk" else "UTF-16")
    assert result.plan["tasks"][0]["children"][0]["assignment"]["lead"] == ["省质监局"]


def test_save_never_replaces_a_plan_and_keeps_registries_byte_for_byte(tmp_path):
    data = golden_data("minimal", tmp_path)
    registry = data / "departments" / "testprov.yaml"
    before = registry.read_text(encoding="utf-8")
    result = run("一、主要任务\n(一)加强统计。(省统计局牵头,省质监局按职责分工负责)\n", load(data), plan_id="testprov-plan")
    with pytest.raises(ImportFailure, match="never replaces"):
        save.save(result, data)
    result.plan["id"] = "testprov-imported"
    save.save(result, data)
    after = registry.read_text(encoding="utf-8")
    assert after.startswith(before.split("groups:")[0]) and "省统计局" in after
    assert yaml.safe_load(after)["groups"] == yaml.safe_load(before)["groups"]
    handbook, problems = check(data)
    assert handbook is not None, [str(p) for p in problems]
    assert "testprov-imported" in handbook.plans


def test_command_line_dry_run_and_failure(tmp_path):
    data = golden_data("minimal", tmp_path)
    source = tmp_path / "plan.txt"
    source.write_text("一、主要任务\n(一)加强质量。(省质监局牵头)\n", encoding="utf-8")
    command = [sys.executable, "-m", "generator", "--data", str(data), "import", str(source),
               "--plan-id", "new-plan", "--jurisdiction", "testprov"]
    dry = subprocess.run(command + ["--dry-run"], capture_output=True, text=True)
    assert dry.returncode == 0 and "# Import report: new-plan" in dry.stdout
    assert not (data / "plans" / "new-plan.yaml").exists()
    source.write_bytes(b"")
    empty = subprocess.run(command, capture_output=True, text=True)
    assert empty.returncode == 2 and "empty" in empty.stderr and "Traceback" not in empty.stderr
