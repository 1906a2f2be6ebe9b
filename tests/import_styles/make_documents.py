"""Render the style test documents from content.py, with what each must import as, deterministically.

    python tests/import_styles/make_documents.py      # rewrites the documents and their .expected.yaml

Styles: a task table copied from a web page (tabs; cells cut by line breaks), a table saved as
aligned text (runs of spaces; long cells continued on indented lines), a 工作要点 with
responsibility lines (ASCII and full-width), a .docx with a real table, a saved .html page.
Each page carries the web clutter the importer must set aside; the expected file lists its lines.
"""

from __future__ import annotations

import html
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import content  # noqa: E402  (the folder is not a package)

ASCII = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})
HEADER = ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Page:
    """Lines of a rendered page, remembering which are clutter."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.clutter: list[int] = []

    def add(self, line: str = "", clutter: bool = False) -> None:
        self.lines.append(line)
        if clutter:
            self.clutter.append(len(self.lines))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def web_top(page: Page, plan: dict, breadcrumb: str) -> None:
    page.add(plan["site"], clutter=True)
    page.add(f"{breadcrumb} > {plan['title']}", clutter=True)
    page.add(plan["title"], clutter=True)  # the link to the page's own title, in the breadcrumb bar
    page.add("字号：大 中 小", clutter=True)
    page.add("打印本页  关闭窗口", clutter=True)
    page.add()


def web_bottom(page: Page, plan: dict) -> None:
    page.add()
    page.add("扫一扫在手机打开当前页", clutter=True)
    page.add("打印本页", clutter=True)
    page.add("关闭窗口", clutter=True)
    page.add(f"主办：{plan['site']}  技术支持：某某网络公司", clutter=True)
    page.add("联系人：某某某  联系电话：0000-0000000  邮箱：someone@example.invalid", clutter=True)


def table_tasks(plan: dict) -> list[dict]:
    tasks = []
    for _, _, rows in plan["sections"]:
        for task, measure, lead, cooperating, deadline in rows:
            tasks.append({"text": measure, "heading": task, "lead": lead, "responsible": [], "cooperating": cooperating,
                          "deadline": deadline, "posts": []})
    return tasks


def points_tasks(plan: dict, person: set[str] = frozenset()) -> list[dict]:
    tasks = []
    for _, _, items in plan["sections"]:
        for text, units, cooperating, deadline, post, lead_label in items:
            tasks.append({"text": text, "lead": units if lead_label else [], "responsible": [] if lead_label else units,
                          "cooperating": cooperating, "deadline": deadline,
                          "posts": [post] if post and post not in person else []})
    return tasks


def tab_table(plan: dict) -> Page:
    """A browser's copy of a web table: tabs between cells, a line break inside some cells."""
    page = Page()
    web_top(page, plan, "首页 > 政务公开 > 通知公告")
    page.add(plan["title"])
    page.add("发布时间：2024-03-15  来源：云溪区市场监管局")
    page.add(plan["preamble"])
    page.add("\t".join(HEADER))
    number = 0
    for section_number, heading, rows in plan["sections"]:
        page.add(section_number + heading)
        for k, (task, measure, lead, cooperating, deadline) in enumerate(rows):
            number += 1
            lead_cell = "\n".join(lead) if len(lead) > 1 else lead[0]  # two lead units, one a line
            if number % 3 == 0:  # a long measure cut by a line break in mid-sentence
                cut = len(measure) // 2
                measure_cell = measure[:cut] + "\n" + measure[cut:]
            else:
                measure_cell = measure
            task_cell = "" if (k == 1 and number % 2 == 0) else task
            cells = [str(number), task, measure_cell, lead_cell, "、".join(cooperating), deadline]
            if task_cell == "":  # merged 重点任务 cell copied once: the row has one cell fewer
                plan_row = [str(number), measure_cell, lead_cell, "、".join(cooperating), deadline]
                cells = plan_row
            for line in "\t".join(cells).split("\n"):
                page.add(line)
    page.add("各街道、各有关部门要按照任务分工，细化工作措施，确保各项任务按期完成。")
    page.add("云溪区质量强区工作领导小组办公室")
    page.add("2024年3月15日")
    web_bottom(page, plan)
    return page


def wrap(text: str, columns: int) -> list[str]:
    out, line = [], ""
    for char in text:
        if width(line + char) > columns:
            out.append(line)
            line = ""
        line += char
    return out + ([line] if line else [])


def spaced_table(plan: dict) -> Page:
    """A table saved as aligned text: runs of spaces, long cells continued on indented lines."""
    widths = (4, 20, 40, 16, 18, 14)
    page = Page()
    page.add("当前位置：首页 > 信息公开 > 部门文件", clutter=True)
    page.add("【字体：大 中 小】  【打印本页】  【关闭窗口】", clutter=True)
    page.add()
    page.add(plan["title"])
    page.add(plan["preamble"])
    page.add()

    def line_of(cells):
        out = ""
        for cell, column in zip(cells, widths):
            out += cell + " " * (column - width(cell) + 2)
        return out.rstrip()

    page.add(line_of(HEADER))
    number = 0
    for _, _, rows in plan["sections"]:
        for task, measure, lead, cooperating, deadline in rows:
            number += 1
            columns = [[str(number)], wrap(task, widths[1]), wrap(measure, widths[2]), list(lead),
                       [c + ("、" if i < len(cooperating) - 1 else "") for i, c in enumerate(cooperating)], [deadline]]
            for k in range(max(map(len, columns))):
                page.add(line_of([c[k] if k < len(c) else "" for c in columns]))
    page.add()
    page.add("青石县质量强县工作领导小组办公室")
    page.add("2025年2月20日")
    page.add()
    page.add("扫一扫在手机打开当前页", clutter=True)
    page.add(f"{plan['site']}  版权所有", clutter=True)
    return page


def points(plan: dict, full_width: bool, person: dict[str, str]) -> Page:
    """A 工作要点: items under 一、 and after each its responsibility line (some split in two)."""
    page = Page()
    web_top(page, plan, "首页 > 工作动态")
    page.add(plan["title"])
    page.add(plan["preamble"])
    gap = "\u3000\u3000" if full_width else "  "
    number = 0
    for section_number, heading, items in plan["sections"]:
        page.add(section_number + heading)
        for k, (text, units, cooperating, deadline, post, lead_label) in enumerate(items, start=1):
            number += 1
            page.add(f"{k}.{text}" if not full_width else f"{k}．{text}")
            fields = [("牵头单位" if lead_label else "责任单位") + "：" + "、".join(units)]
            if cooperating:
                fields.append("配合单位：" + "、".join(cooperating))
            if post:
                fields.append("责任领导：" + person.get(post, post))
            fields.append("完成时间：" + deadline)
            if number % 4 == 0 and len(fields) > 2:  # split at a field
                page.add(gap.join(fields[:2]))
                page.add(gap.join(fields[2:]))
            elif number % 5 == 0 and cooperating and len(cooperating) > 1:  # split inside the names
                line = gap.join(fields)
                cut = line.index("、", line.index("配合单位")) + 1
                page.add(line[:cut])
                page.add(line[cut:])
            else:
                page.add(gap.join(fields))
    page.add("各单位要对照工作要点，细化措施，按时报送工作进展。")
    web_bottom(page, plan)
    if not full_width:
        page.lines = [line.translate(ASCII) for line in page.lines]
    return page


def docx(plan: dict) -> bytes:
    """A Word document with a real table: section rows merged across, units one paragraph each."""
    def paragraph(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>'

    def cell(paragraphs: list[str], span: int = 1) -> str:
        grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
        return f"<w:tc>{grid}{''.join(paragraph(p) for p in paragraphs) or paragraph('')}</w:tc>"

    body = [paragraph(plan["title"]), paragraph(plan["preamble"])]
    rows = ["<w:tr>" + "".join(cell([h]) for h in HEADER) + "</w:tr>"]
    number = 0
    for section_number, heading, items in plan["sections"]:
        if section_number:
            rows.append("<w:tr>" + cell([section_number + heading], span=6) + "</w:tr>")
        for task, measure, lead, cooperating, deadline in items:
            number += 1
            rows.append("<w:tr>" + cell([str(number)]) + cell([task]) + cell([measure]) + cell(list(lead)) +
                        cell(list(cooperating)) + cell([deadline]) + "</w:tr>")
    body.append("<w:tbl>" + "".join(rows) + "</w:tbl>")
    body.append(paragraph("各有关单位要按照分工抓好落实。"))
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                + "".join(body) + "</w:body></w:document>")
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
        'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": document,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def html_table(plan: dict) -> str:
    """A saved web page: navigation, the table with <br> inside cells and section rows, a footer."""
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"]
    number = 0
    for section_number, heading, items in plan["sections"]:
        if section_number:
            rows.append(f'<tr><td colspan="6"><strong>{section_number}{heading}</strong></td></tr>')
        for task, measure, lead, cooperating, deadline in items:
            number += 1
            rows.append(f"<tr><td>{number}</td><td>{task}</td><td>{measure}</td><td>{'<br>'.join(lead)}</td>"
                        f"<td>{'<br/>'.join(cooperating)}</td><td>{deadline}</td></tr>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + plan["title"] + "</title>"
            "<style>td{border:1px solid}</style><script>var x = '<td>not a cell</td>';</script></head><body>"
            f"<div class=\"top\">{plan['site']}</div>"
            f"<div class=\"crumb\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; "
            f"<a href=\"#\">{plan['title']}</a></div>"
            "<div class=\"tools\">字号：<a>大</a> <a>中</a> <a>小</a> <a>打印本页</a> <a>关闭窗口</a></div>"
            f"<h1>{plan['title']}</h1><p>{plan['preamble']}</p>"
            "<table>" + "".join(rows) + "</table>"
            "<p>各有关单位要按照分工抓好落实。</p>"
            "<div class=\"foot\"><p>扫一扫在手机打开当前页</p>"
            f"<p>主办：{plan['site']} 联系电话：0000-0000000</p></div></body></html>\n")


def html_points(plan: dict) -> str:
    """A saved web page of a 工作要点: paragraphs, responsibility lines with &nbsp; runs between fields."""
    body = [f"<h1>{plan['title']}</h1>", f"<p>{plan['preamble']}</p>"]
    for section_number, heading, items in plan["sections"]:
        body.append(f"<p><strong>{section_number}{heading}</strong></p>")
        for k, (text, units, cooperating, deadline, post, lead_label) in enumerate(items, start=1):
            body.append(f"<p>{k}.{text}</p>")
            fields = [("牵头单位" if lead_label else "责任单位") + "：" + "、".join(units)]
            if cooperating:
                fields.append("配合单位：" + "、".join(cooperating))
            if post:
                fields.append("责任领导：" + post)
            fields.append("完成时间：" + deadline)
            body.append("<p>" + "&nbsp;&nbsp;".join(fields) + "</p>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + plan["title"] + "</title></head><body>"
            f"<div>{plan['site']}</div><div>首页 &gt; 工作动态 &gt; <a href=\"#\">{plan['title']}</a></div>"
            "<div>字号：大 中 小</div>" + "".join(body) +
            "<div><p>扫一扫在手机打开当前页</p><p>打印本页</p><p>关闭窗口</p></div></body></html>\n")


def food_tasks(plan: dict) -> list[dict]:
    return [{"text": text, "lead": [u for u, lead in units if lead], "responsible": [u for u, lead in units if not lead],
             "cooperating": [], "deadline": deadline, "posts": [post] if post not in PERSON else []}
            for text, units, post, deadline in plan["rows"]]


def food_table(plan: dict) -> Page:
    """A web table with one 责任单位 column (the lead marked （牵头）) and a 责任领导 column; one post
    cell holds a (placeholder) person's name, which must never be kept."""
    page = Page()
    web_top(page, plan, "首页 > 政务公开 > 部门文件")
    page.add(plan["title"])
    page.add(plan["preamble"])
    page.add("\t".join(("序号", "工作任务", "责任单位", "责任领导", "完成时限")))
    for number, (text, units, post, deadline) in enumerate(plan["rows"], start=1):
        cell = "、".join(u + ("（牵头）" if lead else "") for u, lead in units)
        page.add("\t".join((str(number), text, cell, PERSON.get(post, post), deadline)))
    page.add("本任务分工自印发之日起执行。")
    web_bottom(page, plan)
    return page


def inline_points(plan: dict) -> Page:
    """A 工作要点 whose items close with their responsibility clause: in brackets, or after the 。."""
    page = Page()
    page.add("当前位置：首页 > 通知公告", clutter=True)
    page.add(plan["site"], clutter=True)
    page.add()
    page.add(plan["title"])
    page.add(plan["preamble"])
    number = 0
    for section_number, heading, items in plan["sections"]:
        page.add(section_number + heading)
        for k, (text, units, cooperating, deadline, post, lead_label) in enumerate(items, start=1):
            number += 1
            fields = [("牵头单位" if lead_label else "责任单位") + "：" + "、".join(units)]
            if cooperating:
                fields.append("配合单位：" + "、".join(cooperating))
            if post:
                fields.append("责任领导：" + post)
            fields.append("完成时限：" + deadline)
            if number % 2:
                page.add(f"（{k}）{text}（{'；'.join(fields)}）。")
            else:
                page.add(f"（{k}）{text}。{'  '.join(fields)}")
    page.add("扫一扫在手机打开当前页", clutter=True)
    return page


def expected(tasks: list[dict], clutter: list[int], never: list[str]) -> str:
    return yaml.safe_dump({"tasks": tasks, "clutter": clutter, "never": never}, allow_unicode=True, sort_keys=False,
                          width=10**9)


NEVER = ["某某某", "0000-0000000", "someone@example.invalid", "某某网络公司"]
# Style -> documents: file name, bytes, expected.
PERSON = {"县委宣传部部长": "某某某", "区委宣传部部长": "某某某"}  # 责任领导 fields holding a (placeholder) name


def documents() -> dict[str, list[tuple[str, bytes, str]]]:
    """Every test document by style: (file name, content, expected YAML)."""
    out: dict[str, list[tuple[str, bytes, str]]] = {}
    tab = tab_table(content.YUNXI_TABLE)
    spaced = spaced_table(content.QINGSHI_TABLE)
    out["web table"] = [
        ("yunxi-table-tab.txt", tab.text().encode(), expected(table_tasks(content.YUNXI_TABLE), tab.clutter, NEVER)),
        ("qingshi-table-spaces.txt", spaced.text().encode(),
         expected(table_tasks(content.QINGSHI_TABLE), spaced.clutter, NEVER)),
    ]
    ascii_points = points(content.YUNXI_POINTS, False, {})
    full_points = points(content.QINGSHI_POINTS, True, PERSON)
    out["responsibility lines"] = [
        ("yunxi-points-ascii.txt", ascii_points.text().encode(),
         expected(points_tasks(content.YUNXI_POINTS), ascii_points.clutter, NEVER)),
        ("qingshi-points-fullwidth.txt", full_points.text().encode(),
         expected(points_tasks(content.QINGSHI_POINTS, set(PERSON)), full_points.clutter, NEVER)),
    ]
    food = food_table(content.YUNXI_FOOD_TABLE)
    out["web table"].append(("yunxi-food-table-tab.txt", food.text().encode(),
                             expected(food_tasks(content.YUNXI_FOOD_TABLE), food.clutter, NEVER)))
    inline = inline_points(content.QINGSHI_INLINE_POINTS)
    out["responsibility lines"].append(("qingshi-inline-points.txt", inline.text().encode(),
                                        expected(points_tasks(content.QINGSHI_INLINE_POINTS), inline.clutter, NEVER)))
    out["docx"] = [
        ("yunxi-table.docx", docx(content.YUNXI_TABLE), expected(table_tasks(content.YUNXI_TABLE), [], NEVER)),
        ("qingshi-table.docx", docx(content.QINGSHI_TABLE), expected(table_tasks(content.QINGSHI_TABLE), [], NEVER)),
    ]
    out["html"] = [
        ("yunxi-table.html", html_table(content.YUNXI_TABLE).encode(),
         expected(table_tasks(content.YUNXI_TABLE), [], NEVER)),
        ("qingshi-points.html", html_points(content.QINGSHI_POINTS).encode(),
         expected(points_tasks(content.QINGSHI_POINTS), [], NEVER)),
    ]
    return out


def main() -> None:
    for style in documents().values():
        for name, data, wanted in style:
            (HERE / name).write_bytes(data)
            (HERE / (name + ".expected.yaml")).write_text(wanted, encoding="utf-8")


if __name__ == "__main__":
    main()
