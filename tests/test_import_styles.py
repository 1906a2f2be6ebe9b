"""Importing plans in the styles they are really published in: web task tables (tabs, aligned
spaces), 工作要点 with responsibility lines, Word .docx and saved .html pages.

The documents are in tests/import_styles/ (made by make_documents.py); the figures per style
come from benchmarks/import_styles.py, and this file holds them to their thresholds."""

from __future__ import annotations

import sys
import zipfile
from io import BytesIO

import pytest
import yaml

from generator import check, load, routes, sources
from generator.importer import draft as drafting
from generator.importer import report, save
from generator.importer.formats import to_text
from generator.importer.text import ImportFailure

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_styles as bench  # noqa: E402

DOCUMENTS = bench.DOCUMENTS
ALL = [name for style in bench.make_documents.documents().values() for name, _, _ in style] + \
    [name for names in bench.HANDWRITTEN.values() for name in names]


@pytest.fixture(scope="module")
def figures():
    return bench.measure()


@pytest.fixture
def data(tmp_path):
    return bench.handbook_data(tmp_path)


def run(name, data):
    return bench.import_document(name, data)


STYLES = ["web table", "web table, other width", "responsibility lines", "responsibility lines, other width",
          "docx", "html"]


def test_every_style_has_two_documents_or_more(figures):
    assert list(figures) == STYLES
    assert all(f.documents >= 2 and f.tasks >= 30 for f in figures.values())


@pytest.mark.parametrize("style", STYLES)
def test_style_meets_the_thresholds(style, figures):
    f = figures[style]
    assert f.found / f.tasks >= 0.95, f.misread
    assert f.exact / f.tasks >= 0.95, f.misread
    assert f.indicators_right / f.indicators >= 0.9, f.misread
    assert f.indicators_wrong == 0, f.misread
    assert f.clutter_kept == 0
    assert f.personal_kept == 0


def test_documents_are_what_the_script_makes():
    for style in bench.make_documents.documents().values():
        for name, data, expected in style:
            assert (DOCUMENTS / name).read_bytes() == data, f"{name}: run make_documents.py"
            assert (DOCUMENTS / (name + ".expected.yaml")).read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("name", ALL)
def test_saved_draft_is_valid_and_faithful_to_its_source(name, data):
    result = run(name, data)
    save.save(result, data)
    handbook, problems = check(data)
    assert [p for p in problems if p.severity == "error"] == []
    plan = handbook.plans[result.plan["id"]]
    assert sources.file_differences(plan, (DOCUMENTS / name).parent) == []
    assert any(task.deadline for _, task in plan.walk())


def test_county_plan_page_says_county_and_tasks_json_carries_deadlines(data):
    from generator import api
    save.save(run("qingshi-points-fullwidth.txt", data), data)
    handbook = load(data)
    rows = {t["id"]: t for t in api.tasks(handbook, routes.url_for(routes.Site())) if t["plan"] == "qingshi-points-fullwidth"}
    assert rows["t1-1"]["deadline"] == {"written": "2025年6月", "by": "2025-06-30"}
    assert rows["t1-1"]["posts"] == ["分管副县长"] and "deadline" not in rows["t1"]
    assert handbook.jurisdictions["qingshi"].level == "county"
    page = routes.pages(handbook)["plans/qingshi-points-fullwidth.md"]
    assert "青石县（县级，测试省）" in page


def test_table_rows_give_columns_their_roles_and_deadlines(data):
    tasks = {t["id"]: t for t in bench.walk(run("yunxi-table-tab.txt", data).plan["tasks"])}
    row = tasks["t2-7"]  # two lead units on two lines of one cell
    assert row["heading"] == "提升工业产品质量"
    assert row["assignment"] == {"lead": ["区工信局", "区市场监管局"], "cooperating": ["区科技局"]}
    assert row["deadline"] == {"written": "2025年底前", "by": "2025-12-31"}
    assert tasks["t1-2"].get("heading") is None  # the merged 重点任务 cell was copied once
    assert tasks["t1-2"]["text"].startswith("鼓励企业参与制修订")
    assert tasks["t1-2"]["deadline"] == {"written": "每年12月底前", "yearly": "12-31"}
    assert tasks["t2-5"]["deadline"] == {"written": "长期坚持", "ongoing": True}
    assert tasks["t4-17"]["deadline"] == {"written": "按年度"}  # no reading: kept as written only
    assert tasks["t1"]["heading"] == "夯实质量基础" and "assignment" not in tasks["t1"]


def test_aligned_table_joins_indented_continuations(data):
    tasks = {t["id"]: t for t in bench.walk(run("qingshi-table-spaces.txt", data).plan["tasks"])}
    assert tasks["t4"]["heading"] == "推动重点产业链质量提升"
    assert tasks["t4"]["text"] == "围绕新材料、电子信息产业链开展质量攻关，组织实施质量提升项目4—6个。"
    assert tasks["t4"]["assignment"] == {"lead": ["县工信局", "县科技局"], "cooperating": ["县发展改革局", "县财政局"]}


def test_responsibility_lines_split_over_two_lines_and_posts(data):
    tasks = {t["id"]: t for t in bench.walk(run("qingshi-points-fullwidth.txt", data).plan["tasks"])}
    split_inside = tasks["t2-2"]  # 配合单位：县市场监管局、 / 县科技局　　责任领导：…
    assert split_inside["assignment"]["lead"] == ["县工信局"]
    assert split_inside["assignment"]["cooperating"] == ["县市场监管局", "县科技局"]
    assert split_inside["posts"] == ["分管副县长"]
    assert split_inside["deadline"] == {"written": "2025年11月", "by": "2025-11-30"}
    split_at_field = tasks["t2-1"]
    assert split_at_field["deadline"]["written"] == "2025年12月"
    assert split_at_field["assignment"]["source"].endswith("\n完成时间：2025年12月")


def test_a_person_named_as_responsible_leader_is_never_kept(data):
    result = run("qingshi-points-fullwidth.txt", data)
    tasks = {t["id"]: t for t in bench.walk(result.plan["tasks"])}
    task = tasks["t4-3"]
    assert "posts" not in task and "source" not in task["assignment"]
    assert task["assignment"]["lead"] == [] if "lead" in task["assignment"] else True
    assert task["assignment"]["responsible"] == ["县委宣传部"]
    assert "某某某" not in save.plan_yaml(result)
    assert any("责任领导为个人信息" in d.reason for d in result.dropped)


def test_clutter_is_set_aside_and_reported_with_line_numbers(data):
    result = run("yunxi-table-tab.txt", data)
    wanted = yaml.safe_load((DOCUMENTS / "yunxi-table-tab.txt.expected.yaml").read_text(encoding="utf-8"))
    dropped = set()
    for item in result.dropped:
        first, _, last = item.lines.partition("-")
        dropped.update(range(int(first), int(last or first) + 1))
    assert set(wanted["clutter"]) <= dropped
    text = report.markdown(result)
    assert "- line 1-2: 网页导航、页脚或广告，非原文" in text
    assert "个人联系信息" in text


def test_report_says_how_each_table_and_line_was_read(data):
    text = report.markdown(run("yunxi-table-tab.txt", data))
    assert ("table, line 10-38: cells separated by tabs; columns: 序号 -> number, 重点任务 -> heading, "
            "具体措施 -> text, 牵头单位 -> lead, 配合单位 -> cooperating, 完成时限 -> deadline") in text
    assert "17 rows in 4 sections; placed by content: rows at lines" in text
    text = report.markdown(run("yunxi-points-ascii.txt", data))
    assert "responsibility line, line 11: 责任单位 -> responsible: 区市场监管局; 配合单位 -> cooperating: 区财政局、区工信局; " \
           "完成时间 -> deadline: 2024年12月 (by 2024-12-31)" in text


def test_old_word_and_pdf_get_a_conversion_message():
    with pytest.raises(ImportFailure, match=r"save it as \.docx.*libreoffice --headless --convert-to docx"):
        to_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "plan.doc")
    with pytest.raises(ImportFailure, match="pdftotext -layout plan.pdf"):
        to_text(b"%PDF-1.7\n...", "plan.pdf")
    with pytest.raises(ImportFailure, match="not a Word .docx"):
        to_text(b"PK\x03\x04 broken", "plan.docx")
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w:document")
    with pytest.raises(ImportFailure, match="not well-formed XML"):
        to_text(archive.getvalue(), "plan.docx")


def test_html_scripts_and_styles_are_not_text():
    text, how = to_text((DOCUMENTS / "yunxi-table.html").read_bytes(), "yunxi-table.html")
    assert how.startswith("HTML") and "not a cell" not in text and "border" not in text
    assert "1\t完善计量体系\t建设区级社会公用计量标准5—8项" in text


def test_command_line_imports_a_docx(tmp_path, data):
    from generator.__main__ import main
    out = tmp_path / "report.md"
    code = main(["--data", str(data), "import", str(DOCUMENTS / "qingshi-table.docx"), "--plan-id", "qingshi-docx",
                 "--jurisdiction", "qingshi", "--report", str(out)])
    assert code == 0
    assert "read as DOCX" in out.read_text(encoding="utf-8")
    assert (data / "plans" / "qingshi-docx.yaml").is_file()


def test_plan_page_shows_posts_and_deadlines_with_their_reading_marked_derived(data):
    save.save(run("yunxi-points-ascii.txt", data), data)
    page = routes.pages(load(data))["plans/yunxi-points-ascii.md"]
    assert "<strong>责任领导</strong>：分管副区长" in page
    assert "<strong>完成时限</strong>：2024年12月（推定：2024-12-31前）" in page
    assert "<strong>完成时限</strong>：长期坚持（推定：长期）" in page
    assert "<strong>完成时限</strong>：每年6月底前（推定：每年06-30前）" in page


def test_lead_marked_in_a_responsible_column_and_a_post_column(data):
    result = run("yunxi-food-table-tab.txt", data)
    tasks = {t["id"]: t for t in bench.walk(result.plan["tasks"])}
    assert tasks["t3"]["assignment"] == {"lead": ["区市场监管局"], "responsible": ["区教育局", "区公安分局"]}
    assert tasks["t3"]["posts"] == ["分管副区长"] and tasks["t3"]["deadline"]["yearly"] == "10-31"
    assert "posts" not in tasks["t8"]  # a person's name in the 责任领导 column: never kept
    assert "某某某" not in save.plan_yaml(result)
    assert any(d.reason.startswith("责任领导为个人信息") and d.lines.startswith("17") for d in result.dropped)
    assert "责任领导 -> posts" in report.markdown(result)


def test_responsibility_clause_closing_an_item_in_brackets_or_after_the_full_stop(data):
    tasks = {t["id"]: t for t in bench.walk(run("qingshi-inline-points.txt", data).plan["tasks"])}
    bracket, after = tasks["t1-1"], tasks["t1-2"]
    assert bracket["text"] == "制定茶叶种植加工地方标准，完成标准立项3项以上"
    assert bracket["assignment"]["source"] == "（牵头单位：县农业农村局；配合单位：县市场监管局；完成时限：2024年10月底前）。"
    assert bracket["deadline"] == {"written": "2024年10月底前", "by": "2024-10-31"}
    assert after["text"] == "开展企业标准“领跑者”活动，争创企业标准领跑者2家。"
    assert after["assignment"]["responsible"] == ["县市场监管局"] and after["assignment"]["cooperating"] == ["县工信局"]


@pytest.mark.parametrize("line", [
    "责任单位：区市场监管局  联系人：某某某  联系电话：0000-0000000  完成时间：2024年12月",
    "责任单位：区市场监管局（联系人：某某某，电话：0000-0000000）  完成时间：2024年12月",
])
def test_contact_fields_in_a_responsibility_line_are_never_kept(line, data):
    text = f"云溪区2024年质量工作要点\n一、夯实基础\n1.推进计量惠民服务。\n{line}\n2.开展标准化试点。\n责任单位：区商务局\n"
    result = drafting.import_bytes(text.encode(), plan_id="x", jurisdiction="yunxi", source_file="x.txt",
                                   handbook=load(data))
    tasks = {t["id"]: t for t in bench.walk(result.plan["tasks"])}
    assert tasks["t1-1"]["assignment"] == {"responsible": ["区市场监管局"]}
    assert tasks["t1-1"]["deadline"]["written"] == "2024年12月"
    written = save.plan_yaml(result)
    assert "某某某" not in written and "0000-0000000" not in written
    assert any(d.lines == "4" and d.kind == "contact" for d in result.dropped)


def test_a_contact_line_that_cannot_be_read_field_by_field_is_set_aside_whole(data):
    text = "云溪区2024年质量工作要点\n一、夯实基础\n1.推进计量惠民服务。\n责任单位：区市场监管局0000-0000000\n"
    result = drafting.import_bytes(text.encode(), plan_id="x", jurisdiction="yunxi", source_file="x.txt",
                                   handbook=load(data))
    assert "0000-0000000" not in save.plan_yaml(result)
    assert any(d.lines == "4" and d.kind == "contact" for d in result.dropped)


def test_word_numbering_not_in_the_text_is_said():
    raw = (DOCUMENTS / "yunxi-table.docx").read_bytes()
    archive = BytesIO()
    with zipfile.ZipFile(BytesIO(raw)) as source, zipfile.ZipFile(archive, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:p><w:r>", b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r>', 1)
            out.writestr(item, data)
    assert "1 paragraphs are numbered by Word itself" in to_text(archive.getvalue(), "x.docx")[1]
    assert "numbered by Word" not in to_text(raw, "x.docx")[1]


@pytest.fixture(scope="module")
def fuzz_handbook(tmp_path_factory):
    return load(bench.handbook_data(tmp_path_factory.mktemp("fuzz")))


def test_odd_tables_and_lines_give_a_draft_or_a_clear_failure(fuzz_handbook):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    lines = st.sampled_from(["序号\t重点任务\t牵头单位\t完成时限", "1\t任务\t区市场监管局\t2025年底前", "2\t\t\t", "一、总体要求",
                             "1.推进计量。", "责任单位：区商务局  完成时间：2024年12月", "配合单位：区教育局、", "区卫健局",
                             "（一）提升质量。（责任单位：区工信局；完成时限：长期坚持）", "扫一扫在手机打开当前页", "",
                             "序号  重点任务  牵头单位  配合单位", "3  任务  区农业农村局  区财政局", "      续写"])

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.lists(lines, min_size=1, max_size=25))
    def check(picked):
        try:
            result = drafting.import_bytes("\n".join(picked).encode(), plan_id="x", jurisdiction="yunxi",
                                           source_file="x.txt", handbook=fuzz_handbook)
        except ImportFailure:
            return
        ids = [t["id"] for t in bench.walk(result.plan["tasks"])]
        save.plan_yaml(result)
        report.markdown(result)
        assert ids and len(ids) == len(set(ids)), ids

    check()


def test_a_number_written_twice_gets_a_unique_id_and_is_reported(data):
    text = "云溪区工作要点\n一、总体要求\n1.推进计量。\n责任单位：区商务局\n一、重点任务\n1.开展标准化。\n责任单位：区工信局\n"
    result = drafting.import_bytes(text.encode(), plan_id="x", jurisdiction="yunxi", source_file="x.txt",
                                   handbook=load(data))
    assert [t["id"] for t in bench.walk(result.plan["tasks"])] == ["t1", "t1-1", "t1-r2", "t1-1-r2"]
    assert "- repeated numbers (ids made unique): t1 -> t1-r2; t1-1 -> t1-1-r2" in report.markdown(result)
