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


def test_directory_is_in_pinyin_order_without_empty_columns(handbook):
    """A place's page lists its departments in pinyin order, without columns that would be empty."""
    import re
    from generator import places
    from generator.normalise import pinyin_key
    def header(page: str) -> list[str]:
        return re.findall(r"<th[^>]*>([^<]+)</th>", page.split('<div class="hb-filtered">')[1].split("</thead>")[0])
    anhui = places.place(handbook, "anhui").split('id="departments"')[1]
    assert header(anhui) == ["名称", "类别", "牵头", "负责"]  # no alias written, no 配合 task in Anhui
    names = re.findall(r'<td><a href="\.\./\.\./departments/anhui-[a-z0-9-]+/">([^<]+)</a></td>', anhui)
    departments = [d.name for d in handbook.departments.values() if d.jurisdiction == "anhui"]
    assert names == sorted(departments, key=pinyin_key)
    assert names[:3] == ["安徽保监局", "安徽银监局", "合肥海关"]
    sichuan = places.place(handbook, "sichuan").split('id="departments"')[1]
    assert header(sichuan) == ["名称", "别名", "类别", "牵头", "负责"]  # aliases written; no 配合 in the Sichuan plan


def test_a_predecessor_leads_to_its_successor_and_the_successor_lists_its_work(handbook):
    """2018: 省质监局, 省工商局, 省食品药品监管局 -> 省市场监管局; the successor's page lists every task its
    predecessors were named for, each linked to its plan."""
    from generator import routes
    pages = routes.pages(handbook)
    before = pages["departments/gansu-shengzhijianju.md"]
    assert ('<td>机构沿革</td>\n<td>2018年机构改革后，职责由<a href="../gansu-shengshichangjianguanju/">省市场监管局</a>承担'
            in before)
    after = pages["departments/gansu-shengshichangjianguanju.md"]
    for predecessor in handbook.predecessors["gansu-shengshichangjianguanju"]:
        for duty in handbook.duties_by_body[predecessor]:
            assert f'href="../../plans/{duty.plan}/#{duty.task}"' in after.split(f'id="predecessor-{predecessor}"')[1].split("<h3")[0], duty
    assert sorted(handbook.predecessors["gansu-shengshichangjianguanju"]) == [
        "gansu-shenggongshangju", "gansu-shengshipinyaopinjianguanju", "gansu-shengzhijianju"]


def test_directory_counts_agree_with_the_place_pages_and_say_why_a_place_has_none(handbook):
    """The directory's count per place is the number of department rows on that place's page; a
    place whose plans assign nothing says so instead of showing 0. The home page has one line per
    province, linking to the directory."""
    import re

    from generator import routes
    pages = routes.pages(handbook)
    home, directory = pages["index.md"], pages["departments/index.md"]
    for j in handbook.jurisdictions.values():
        row = re.search(rf"^\| \[{j.name}\]\(\.\./places/{j.id}\.md#departments\) \| ([^|]+) \|", directory, re.M)
        assert row, j.id
        section = pages[f"places/{j.id}.md"].split('id="departments"')[1]
        rows = len(re.findall(r'<td><a href="\.\./\.\./departments/', section))
        departments = sum(1 for d in handbook.departments.values() if d.jurisdiction == j.id)
        assert rows == departments, j.id
        if departments:
            assert row.group(1).startswith(f"{departments}"), (j.id, row.group(1))
        else:
            assert row.group(1) == "本地区的规划未把任务分到部门"
            assert "本地区的规划未把任务分到部门" in section
        province = j.province or j.name
        assert f"- [{province}](departments/index.md#p-" in home
