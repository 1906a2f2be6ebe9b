"""Downloads: CSV and XLSX read back as a spreadsheet user would, checked against the data."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from generator import api, exports, routes, worklist

from .conftest import DATA

CREATED = datetime.datetime(2024, 1, 15)
DEPARTMENT = "sichuan-shengzhijianju"
WORK_HEADER = ["规划", "编号", "在规划中的位置", "任务内容", "角色", "其他单位", "指标", "完成时限", "链接"]


@pytest.fixture(scope="module")
def downloads(handbook):
    data_files = {p.relative_to(DATA).as_posix(): p.read_bytes() for p in sorted(DATA.rglob("*.yaml"))}
    return exports.files(handbook, routes.Site().url, data_files, CREATED)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def read_xlsx(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_department_csv_is_its_work_list(downloads, handbook):
    rows = read_csv(downloads[f"exports/departments/{DEPARTMENT}.csv"])
    assert rows[0] == WORK_HEADER
    work = worklist.work_list(handbook, handbook.departments[DEPARTMENT])
    expected_tasks = [(d.plan, d.task) for d in handbook.duties_by_body[DEPARTMENT]]
    expected_tasks += [(i.plan.id, i.task.id) for v in work.via for p in v.plans for i in p.items]
    links = [row[8] for row in rows[1:]]
    assert sorted(links) == sorted(f"plans/{plan}/#{task}" for plan, task in expected_tasks)
    assert len(rows) - 1 == 51 + 12  # 51 own tasks, 12 more through 省级有关部门
    by_link = {row[8]: row for row in rows[1:]}
    row = by_link["plans/sichuan-task-division/#annex1-2-8"]
    task = handbook.tasks["sichuan-task-division", "annex1-2-8"]
    assert row[0] == "四川省开展质量提升行动重点工作任务分工方案"
    assert row[1:3] == ["8、", "附件1 二、 8、"]
    assert row[3] == task.text  # whole, word for word
    assert row[4] == "负责"
    assert row[5] == "负责：省经济和信息化委、商务厅、省卫生计生委、教育厅、省工商局"
    assert row[6] == "产品质量满意度 不低于 85%（2020年）"
    assert row[7] == ""  # no deadline field in the data yet
    through = [r for r in rows[1:] if r[4].endswith("（经由省级有关部门）")]
    assert len(through) == 12


def test_department_xlsx_matches_the_csv_and_is_laid_out(downloads):
    sheet = read_xlsx(downloads[f"exports/departments/{DEPARTMENT}.xlsx"])
    rows = read_csv(downloads[f"exports/departments/{DEPARTMENT}.csv"])
    values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values == rows
    assert sheet.freeze_panes == "A2"  # the header stays in view
    assert sheet.column_dimensions["D"].width > 60  # the task text column is wide
    assert all(sheet.column_dimensions[c].width > 0 for c in "ABCDEFGHI")
    assert sheet["D2"].alignment.wrap_text and sheet["A1"].font.bold


def test_plan_table_has_every_task_with_its_departments(downloads, handbook):
    for plan_id in handbook.plans:
        rows = read_csv(downloads[f"exports/plans/{plan_id}.csv"])
        assert rows[0][4:7] == ["牵头单位", "负责单位", "配合单位"]
        assert [r[9] for r in rows[1:]] == [f"plans/{plan_id}/#{t.id}" for t in handbook.assigned(plan_id)]
        for row, task in zip(rows[1:], handbook.assigned(plan_id)):
            for role, cell in zip(("lead", "responsible", "cooperating"), row[4:7]):
                written = [d.written for d in handbook.duties_by_task[plan_id, task.id] if d.role == role]
                assert (cell.split("、") if cell else []) == written, (plan_id, task.id)


def test_indicator_tables_keep_numbers_as_numbers(downloads, handbook):
    sheet = read_xlsx(downloads["exports/metrics/index.xlsx"])
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("地区", "规划", "在规划中的位置", "指标")
    assert len(rows) - 1 == len(handbook.targets)
    for row, target in zip(rows[1:], handbook.targets):
        assert row[3] == target.indicator.name and row[6] == target.indicator.value
        assert row[11] == target.indicator.phrase
    per_plan = read_csv(downloads["exports/indicators/sichuan-task-division.csv"])
    assert len(per_plan) - 1 == sum(1 for t in handbook.targets if t.plan == "sichuan-task-division")


def test_data_zip_holds_the_whole_data_set(downloads):
    archive = zipfile.ZipFile(io.BytesIO(downloads["exports/handbook-data.zip"]))
    names = archive.namelist()
    assert names == sorted(names)
    assert archive.read("data/departments/sichuan.yaml") == (DATA / "departments" / "sichuan.yaml").read_bytes()
    assert {n for n in names if n.startswith("data/")} == {
        "data/" + p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yaml")}
    assert json.loads(archive.read("api/plans.json"))
    assert archive.read(f"csv/departments/{DEPARTMENT}.csv") == downloads[f"exports/departments/{DEPARTMENT}.csv"]
    assert {i.date_time for i in archive.infolist()} == {exports.FIXED_TIME}


def test_downloads_are_deterministic_and_dated_by_the_data(handbook, downloads):
    again = exports.files(handbook, routes.Site().url, {}, CREATED)
    assert {k: v for k, v in again.items() if k != "exports/handbook-data.zip"} == {
        k: v for k, v in downloads.items() if k != "exports/handbook-data.zip"}
    book = zipfile.ZipFile(io.BytesIO(downloads[f"exports/departments/{DEPARTMENT}.xlsx"]))
    assert {i.date_time for i in book.infolist()} == {exports.FIXED_TIME}
    assert b"2024-01-15T00:00:00Z" in book.read("docProps/core.xml")


def test_csv_cells_cannot_become_formulas():
    table = exports.Table("t", ("a", "b"), (5, 5), (("=HYPERLINK(1)", 3.0),))
    assert read_csv(exports.csv_bytes(table))[1] == ["'=HYPERLINK(1)", "3"]
    sheet = read_xlsx(exports.xlsx_bytes(table, CREATED))
    assert sheet["A2"].value == "=HYPERLINK(1)" and sheet["A2"].data_type == "s"


TRICKY = ("=SUM(A1:A9)", "+1", "-2", "@me", "a < b & c > d \"q\" 'a'", "bell\x07 tab\t vt\x0b end\x1f",
          "_x0041_ is not an A", "  spaces at both ends  ", "第一行\n第二行\r\n第三行")


def workbook_parts(content: bytes) -> dict[str, bytes]:
    book = zipfile.ZipFile(io.BytesIO(content))
    assert book.testzip() is None
    return {name: book.read(name) for name in book.namelist()}


def excel_strings(content: bytes) -> list[str]:
    """The shared strings as Excel reads them: _xHHHH_ is the character U+HHHH, in one pass."""
    import re
    import xml.etree.ElementTree as ET
    table = ET.fromstring(workbook_parts(content)["xl/sharedStrings.xml"])
    return [re.sub("_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), "".join(si.itertext())) for si in table]


def test_xlsx_keeps_every_text_as_text_and_every_number_as_a_number():
    header = ("文本", "空", "整数", "小数", "大数", "零", "空文本")
    table = exports.Table("t", header, (20,) * 7, tuple((text, None, 7, 3.5, 1e20, 0, "") for text in TRICKY))
    content = exports.xlsx_bytes(table, CREATED)
    sheet = read_xlsx(content)
    for r, text in enumerate(TRICKY, start=2):
        assert sheet.cell(r, 1).data_type == "s"  # stored as a string, so Excel never evaluates it
        if "_x" not in text and not any(c < " " for c in text.replace("\n", "").replace("\t", "")):
            assert sheet.cell(r, 1).value == text
        assert [sheet.cell(r, c).value for c in range(2, 8)] == [None, 7, 3.5, 1e20, 0, None]
        assert [type(sheet.cell(r, c).value) for c in (3, 4)] == [int, float]
    assert excel_strings(content) == [*header, *TRICKY]  # every text whole, control characters too


def test_xlsx_control_characters_are_written_as_excel_escapes():
    parts = workbook_parts(exports.xlsx_bytes(exports.Table("t", ("a",), (5,), tuple((t,) for t in TRICKY)), CREATED))
    strings = parts["xl/sharedStrings.xml"].decode("utf-8")
    assert "bell_x0007_ tab\t vt_x000B_ end_x001F_" in strings
    assert "_x005F_x0041_ is not an A" in strings  # the literal text is not read as an escape
    assert "第二行_x000D_\n" in strings  # a bare CR would be lost to XML's line-end rule
    assert "a &lt; b &amp; c &gt; d" in strings


def test_xlsx_is_the_ooxml_minimum_and_well_formed():
    import xml.etree.ElementTree as ET
    table = exports.Table("标题 <&> \x01", ("规划", "指标"), (28, 36), (("x", "y"),))
    parts = workbook_parts(exports.xlsx_bytes(table, CREATED))
    assert set(parts) == {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/core.xml",
                          "docProps/app.xml"}
    assert list(parts)[0] == "[Content_Types].xml"
    trees = {name: ET.fromstring(content) for name, content in parts.items()}  # every part is well-formed XML
    overrides = {o.get("PartName") for o in trees["[Content_Types].xml"] if o.get("PartName")}
    assert overrides == {"/" + name for name in parts if not name.endswith(".rels") and name != "[Content_Types].xml"}
    assert trees["docProps/core.xml"].find("{http://purl.org/dc/elements/1.1/}title").text == "标题 <&> _x0001_"


def test_xlsx_layout_and_properties_are_as_xlsxwriter_made_them():
    table = exports.Table("四川省 · 指标", tuple(c for c, _ in exports.PLAN_COLUMNS),
                          tuple(w for _, w in exports.PLAN_COLUMNS), (("a",) * 10, ("b",) * 10))
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(table, CREATED)))
    sheet = book.active
    assert sheet.title == "任务"  # a plan table: the sheet is named by the table's kind (an indicator table: 指标)
    assert book.properties.title == "四川省 · 指标" and book.properties.creator == "质量政策手册"
    assert book.properties.created == CREATED
    widths = {c: sheet.column_dimensions[c].width for c in "ABDJ"}
    assert widths == {"A": 28.7109375, "B": 8.7109375, "D": 70.7109375, "J": 40.7109375}  # xlsxwriter's
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J3"
    head = sheet["A1"]
    assert head.font.bold and head.fill.fgColor.rgb == "FFDDEBF7" and head.border.left.style == "thin"
    assert head.alignment.wrap_text and head.alignment.vertical == "top"
    assert sheet["J3"].alignment.wrap_text and not sheet["J3"].font.bold


def test_xlsx_of_a_table_without_rows_still_opens():
    sheet = read_xlsx(exports.xlsx_bytes(exports.Table("空", ("a", "b"), (5, 5), ()), CREATED))
    assert list(sheet.iter_rows(values_only=True)) == [("a", "b")]


def test_xlsx_bytes_are_the_same_on_every_build():
    table = exports.Table("t", ("a", "b"), (5, 5), tuple((t, i) for i, t in enumerate(TRICKY)))
    first = exports.xlsx_bytes(table, CREATED)
    assert first == exports.xlsx_bytes(table, CREATED)
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {exports.FIXED_TIME}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True])
def test_xlsx_refuses_a_number_excel_cannot_hold(value):
    with pytest.raises(ValueError, match="finite int or float"):
        exports.xlsx_bytes(exports.Table("t", ("a",), (5,), ((value,),)), CREATED)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (Debian's libreoffice-calc-nogui)")
def test_another_spreadsheet_program_reads_the_xlsx_as_the_csv(downloads, tmp_path):
    """LibreOffice, not openpyxl, opens the workbooks: it reads every cell as the CSV has it, and
    the tricky texts whole (the formula-like one as text: its CSV cell is not a computed value)."""
    tricky = exports.Table("t", ("文本", "数"), (20, 5), tuple((t, 1.5) for t in TRICKY))
    (tmp_path / "tricky.xlsx").write_bytes(exports.xlsx_bytes(tricky, CREATED))
    (tmp_path / "department.xlsx").write_bytes(downloads[f"exports/departments/{DEPARTMENT}.xlsx"])
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    run = subprocess.run(["soffice", "--headless", "--norestore", profile, "--convert-to",
                          "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "out"),
                          str(tmp_path / "tricky.xlsx"), str(tmp_path / "department.xlsx")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr

    def read(name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO((tmp_path / "out" / name).read_text("utf-8"), newline="")))
    assert read("department.csv") == read_csv(downloads[f"exports/departments/{DEPARTMENT}.csv"])
    # (its CSV export ends a line inside a cell with LF alone)
    assert read("tricky.csv") == [["文本", "数"], *([t.replace("\r\n", "\n"), "1.5"] for t in TRICKY)]


def test_a_sheet_is_named_by_its_table_kind():
    """Work lists and plan tables are 任务, indicator tables 指标 (both kinds have an 指标 column)."""
    for columns, name in ((exports.WORK_COLUMNS, "任务"), (exports.PLAN_COLUMNS, "任务"), (exports.INDICATOR_COLUMNS, "指标")):
        table = exports.Table("t", tuple(c for c, _ in columns), tuple(w for _, w in columns), ())
        assert read_xlsx(exports.xlsx_bytes(table, CREATED)).title == name
