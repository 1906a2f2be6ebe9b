"""Downloads: each work list, plan and indicator table as CSV and XLSX, and the whole data set as a zip.

Pure: returns the bytes of every file by its path relative to the site; the caller writes them.
Deterministic byte for byte: rows in page order, fixed zip timestamps and fixed XLSX document
properties, so the same data gives the same downloads.

CSV is UTF-8 with a byte-order mark, because Excel opens a CSV without one in the local code page
and shows Chinese as mojibake. A text cell starting with = + - @ gets a leading apostrophe in the
CSV (as OWASP advises against formula injection); the XLSX stores every text as a string and needs
none.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping

from . import api, model, render, routes, worklist, xlsx
from .link import Handbook, Target, per_handbook

UrlFor = Callable[[str], str]
Cell = str | int | float | None
FIXED_TIME = xlsx.FIXED_TIME


@dataclass(frozen=True)
class Table:
    """Rows under a header, with a width per column (in characters) for the spreadsheet."""

    title: str
    header: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]


WORK_COLUMNS = (("规划", 28), ("编号", 8), ("在规划中的位置", 16), ("任务内容", 70), ("角色", 12),
                ("其他单位", 36), ("指标", 36), ("完成时限", 12), ("链接", 40))
PLAN_COLUMNS = (("规划", 28), ("编号", 8), ("在规划中的位置", 16), ("任务内容", 70), ("牵头单位", 20),
                ("负责单位", 30), ("配合单位", 24), ("指标", 36), ("完成时限", 12), ("链接", 40))
INDICATOR_COLUMNS = (("地区", 8), ("规划", 28), ("在规划中的位置", 16), ("指标", 30), ("归类", 24), ("比较", 8),
                     ("目标值", 8), ("目标值上限", 8), ("单位", 8), ("年份", 8), ("年份为规划目标年", 10),
                     ("原文", 40), ("链接", 40))


def task_text(task: model.Task) -> str:
    """The task's heading and text, word for word, one paragraph a line."""
    return "\n".join(part for part in (task.heading, task.text) if part)


def indicator_text(indicators: tuple[model.Indicator, ...]) -> str:
    """Indicators as people write them: 产品质量满意度 不低于 85%（2020年）, one a line."""
    return "\n".join(f"{i.name} {model.COMPARATORS[i.comparator]} {render.value_text(i)}{i.unit or ''}"
                     + (f"（{i.year}年）" if i.year else "") for i in indicators)


@per_handbook
def _task_cells(handbook: Handbook) -> dict[tuple[str, str], tuple[str, str]]:
    """Each task's text and indicators as cells: the same on every work list that names it."""
    return {key: (task_text(task), indicator_text(task.indicators)) for key, task in handbook.tasks.items()}


def _names(bodies) -> str:
    return "、".join(b.written for b in bodies)


def _others(item: worklist.Item) -> str:
    """The other bodies on the task by role: 负责：省经济和信息化委、商务厅；配合：…"""
    by_role: dict[str, list[str]] = {}
    for other in item.others:
        by_role.setdefault(other.role, []).append(other.written)
    return "；".join(f"{model.ROLE_LABELS[role]}：{'、'.join(by_role[role])}"
                    for role in model.ROLES if role in by_role)


def work_table(handbook: Handbook, body, url_for: UrlFor) -> Table:
    """A department's or group's work list: one row per task, own tasks first, then through groups."""
    cells, urls = _task_cells(handbook), _PlanUrls(url_for)
    rows = []
    for it in worklist.work_list(handbook, body).items:
        role = model.ROLE_LABELS[it.role] + (f"（经由{it.via.name}）" if it.via else "")
        text, indicators = cells[it.plan.id, it.task.id]
        rows.append((it.plan.title, it.task.number, it.place, text, role, _others(it), indicators, "",
                     f"{urls[it.plan.id]}#{it.task.id}"))
    return _table(render.body_title(body, handbook.jurisdictions[body.jurisdiction]), WORK_COLUMNS, rows)


class _PlanUrls(dict):
    """The URL of each plan's page, asked of ``url_for`` once."""

    def __init__(self, url_for: UrlFor):
        super().__init__()
        self.url_for = url_for

    def __missing__(self, plan_id: str) -> str:
        self[plan_id] = url = self.url_for(render.plan_page(plan_id))
        return url


def plan_table(handbook: Handbook, plan_id: str, url_for: UrlFor) -> Table:
    """A plan's tasks: one row per task with its departments by role."""
    plan, cells, url = handbook.plans[plan_id], _task_cells(handbook), url_for(render.plan_page(plan_id))
    rows = []
    for task in handbook.assigned(plan_id):
        duties = handbook.duties_by_task.get((plan_id, task.id), ())
        by_role = [_names(d for d in duties if d.role == role) for role in model.ROLES]
        text, indicators = cells[plan_id, task.id]
        rows.append((plan.title, task.number, worklist.place(handbook, plan_id, task), text, *by_role,
                     indicators, "", f"{url}#{task.id}"))
    return _table(plan.title, PLAN_COLUMNS, rows)


def indicator_table(handbook: Handbook, plan_id: str | None, url_for: UrlFor, targets=None) -> Table:
    """The indicators of one plan, or of all plans, in the order of the page (``targets``: the
    plan's own, when the caller has them grouped already)."""
    if targets is None:
        targets = [t for t in handbook.targets if plan_id in (None, t.plan)]
    rows = [_indicator_row(handbook, t, url_for) for t in targets]
    return _table(handbook.plans[plan_id].title + " · 指标" if plan_id else "指标对照", INDICATOR_COLUMNS, rows)


def _indicator_row(handbook: Handbook, target: Target, url_for: UrlFor) -> tuple[Cell, ...]:
    plan, i = handbook.plans[target.plan], target.indicator
    task = handbook.tasks[target.plan, target.task]
    return (handbook.jurisdictions[plan.jurisdiction].name, plan.title, worklist.place(handbook, plan.id, task),
            i.name, handbook.metrics[i.metric].name if i.metric else "", model.COMPARATORS[i.comparator],
            i.value, i.value_max, i.unit or "", i.year, "是" if i.year_inherited else "", i.phrase,
            _task_url(url_for, plan.id, task.id))


def _task_url(url_for: UrlFor, plan_id: str, task_id: str) -> str:
    return f"{url_for(render.plan_page(plan_id))}#{task_id}"


def _table(title: str, columns, rows) -> Table:
    return Table(title, tuple(c for c, _ in columns), tuple(w for _, w in columns), tuple(rows))


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with BOM, CRLF line ends (RFC 4180), every field quoted as needed."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([c if c.__class__ is str and c[:1] not in _FORMULA_STARTS else _csv_cell(c) for c in row]
                     for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_FORMULA_STARTS = frozenset("=+-@")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return "'" + text if isinstance(value, str) and text[:1] in _FORMULA_STARTS else text


def xlsx_bytes(table: Table, created: datetime.datetime) -> bytes:
    """The table as an XLSX workbook: header row frozen, column widths set, text wrapped."""
    # a work list's and a plan's table have an 指标 column too: the sheet is named by the table's kind
    sheet = "指标" if table.header == tuple(name for name, _ in INDICATOR_COLUMNS) else "任务"
    return xlsx.workbook(sheet, table.title, table.header, table.widths, table.rows, created)


def tables(handbook: Handbook, url_for: UrlFor) -> dict[str, Table]:
    """Every exported table by its path without extension, beside the page it belongs to."""
    return dict(each_table(handbook, url_for))


def each_table(handbook: Handbook, url_for: UrlFor) -> Iterator[tuple[str, Table]]:
    """The tables one at a time, so that each can be written and let go: thousands of rows of
    tuples kept alive until the end make Python's cycle collector walk the whole heap again and
    again (a fifth of the time at 300 plans)."""
    for body in [*handbook.departments.values(), *handbook.groups.values()]:
        yield _stem(render.body_page(body)), work_table(handbook, body, url_for)
    by_plan: dict[str, list[Target]] = {p: [] for p in handbook.plans}
    for target in handbook.targets:
        by_plan[target.plan].append(target)
    for plan_id in handbook.plans:
        yield _stem(render.plan_page(plan_id)), plan_table(handbook, plan_id, url_for)
        yield _stem(render.indicators_page(plan_id)), indicator_table(handbook, plan_id, url_for, by_plan[plan_id])
    yield _stem(render.indicators_page()), indicator_table(handbook, None, url_for)


def _stem(page: str) -> str:
    return render.exports_of(page)["CSV"].removesuffix(".csv")


def files(handbook: Handbook, url_for: UrlFor, data_files: Mapping[str, bytes],
          created: datetime.datetime) -> dict[str, bytes]:
    """Every download by its site-relative path: CSV and XLSX per table, and the data-set zip
    (data/ as given in ``data_files``, the api JSON and every CSV)."""
    out: dict[str, bytes] = {}
    for stem, table in each_table(handbook, url_for):
        out[f"{stem}.csv"] = csv_bytes(table)
        out[f"{stem}.xlsx"] = xlsx_bytes(table, created)
    archive = {f"data/{name}": content for name, content in data_files.items()}
    page_url = functools.lru_cache(maxsize=None)(lambda kind, item_id=None: url_for(routes.path(kind, item_id)))
    archive.update({f"api/{name}.json": api.dump(build(handbook, page_url)).encode("utf-8")
                    for name, build in api.BUILDERS.items()})
    archive.update({"csv/" + name.removeprefix("exports/"): content for name, content in out.items()
                    if name.endswith(".csv")})
    out[render.DATA_ZIP] = zip_bytes(archive)
    return dict(sorted(out.items()))


def zip_bytes(members: Mapping[str, bytes]) -> bytes:
    """A zip of ``members`` in name order, every entry with the same fixed time and mode, deflated
    at level 2: level 6 makes it 9% smaller for twice the time (issue 8)."""
    return xlsx.zip_bytes(dict(sorted(members.items())), level=2)


def created_at(epoch: int) -> datetime.datetime:
    """The document date of every workbook: the data's date (see dates.build_epoch)."""
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None)
