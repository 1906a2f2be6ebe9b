"""Draft stage: a published text -> a draft plan (YAML-ready data), new registry entries, a report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from ..link import Handbook
from ..normalise import compact
from ..sources import line_span
from ..model import ROLES
from .. import deadlines
from . import cites, clauses, duties, formats, meta, resolve, structure, tables, targets
from .text import Dropped, ImportFailure, Line, read_lines


@dataclass
class Draft:
    """Everything an import produces; nothing is written until the caller writes it."""

    plan: dict
    departments: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    matches: list[resolve.Match] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    encoding: str = "UTF-8"
    source_lines: int = 0
    readings: list[duties.Reading] = field(default_factory=list)  # how each table and responsibility line was read


def import_bytes(raw: bytes, *, plan_id: str, jurisdiction: str, source_file: str, handbook: Handbook) -> Draft:
    """Import one published text against the registries of ``handbook``."""
    text, encoding = formats.to_text(raw, source_file)
    if jurisdiction not in handbook.jurisdictions:
        raise ImportFailure(f"unknown jurisdiction '{jurisdiction}': add it to data/jurisdictions.yaml first "
                            f"(known: {', '.join(handbook.jurisdictions)})")
    found_tables = tables.find(text)
    lines, dropped = read_lines(text, keep=duties.keeps_contact, blocks=found_tables)
    lines = duties.join_lines(lines)
    dropped += [Dropped(str(t.number), "任务分工表的表头（列名）", "metadata") for t in found_tables]
    header = meta.header(lines)
    lines = [l for l in lines if l not in header.header_lines]
    dropped += [Dropped(l.span, "网页信息表头：已录入发文字号、日期等元数据", "metadata") for l in header.header_lines]
    if not any(structure.opens_body(l) for l in lines):
        raise ImportFailure("no numbered tasks or task table found (一、 (一) 1. (1) ①, or a table headed 序号 … "
                            "牵头单位): is this the text of a plan?")
    notice, notice_fields, lines = _notice(lines)
    title, title_lines, lines = _title(lines, header.fields.get("title"))
    dropped += [Dropped(l.span, "标题行：已录入 title", "metadata") for l in title_lines]
    site_lines, lines = _site_names(lines)
    dropped += [Dropped(l.span, "网站名称（页眉），非原文", "clutter") for l in site_lines]
    tree = structure.build(lines)
    fields = {**notice_fields, **{k: v for k, v in header.fields.items() if k != "title"}}
    body_text = "\n".join(l.text for l in lines)
    target_year = targets.plan_target_year(body_text)
    draft = Draft(plan={}, dropped=dropped, encoding=encoding, source_lines=len(text.splitlines()))
    nodes = ([notice] if notice else []) + tree.nodes
    derived = {}
    if not title:
        title, how = _composed_title(tree, handbook.jurisdictions[jurisdiction].name)
        derived["title"] = how
    context = _Context(draft, jurisdiction, handbook, target_year,
                       SimpleNamespace(title=title, doc_number=fields.get("doc_number")))
    tasks = [_node(node, context) for node in nodes]
    repeated = _unique_ids(tasks, set())
    draft.readings = [duties.Reading("table", f"{t.number}-{t.last}", tables.reading(t)) for t in found_tables]
    draft.readings += _duty_readings(nodes)
    if repeated:
        draft.readings.append(duties.Reading("repeated numbers", "", [f"{old} -> {new}" for old, new in repeated]))
    draft.plan = _plan(plan_id, title, jurisdiction, fields, target_year, source_file, draft.dropped, derived, tasks)
    return draft


def _notice(lines: list[Line]) -> tuple[dict | None, dict, list[Line]]:
    """The cover letter (印发通知): salutation to signature date, before the first numbered line."""
    first_numbered = next(i for i, l in enumerate(lines) if structure.opens_body(l))
    start = next((i for i in range(first_numbered) if meta.is_salutation(lines[i].text)), None)
    if start is None:
        return None, {}, lines
    end = next((i for i in range(start + 1, first_numbered) if meta.is_date_line(lines[i].text)), None)
    if end is None:
        return None, {}, lines
    fields = {"written": meta.parse_date(lines[end].text)}
    signer = lines[end - 1].text
    if end - 1 > start and len(signer) <= 40 and not re.search(r"[,，。;；:：]", signer):
        fields["issuer"] = signer
    if end + 1 < len(lines) and re.fullmatch(r"[(（]此件[^)）]*[)）]", lines[end + 1].text):
        end += 1
    node = structure.Node("notice", paragraphs=[(l.text, l) for l in lines[start:end + 1]],
                          lines=[l.number for l in lines[start:end + 1]])
    return node, fields, lines[:start] + lines[end + 1:]


def _title(lines: list[Line], header_title: str | None) -> tuple[str | None, list[Line], list[Line]]:
    """The plan's title: the last title-like line before the body; repeats of it are set aside too."""
    first_numbered = next(i for i, l in enumerate(lines) if structure.opens_body(l))
    candidates = [i for i in range(first_numbered) if meta.is_title(lines[i].text)]
    plan_titles = [i for i in candidates if not lines[i].text.endswith("通知")]
    if not candidates:
        return None, [], lines
    title_index = max(reversed(plan_titles or candidates), key=lambda i: len(lines[i].text))
    title = lines[title_index].text
    taken = set(candidates)
    taken |= {i for i in range(first_numbered) if compact(lines[i].text) in compact(title) and len(lines[i].text) >= 6}
    return title, [lines[i] for i in sorted(taken)], [l for i, l in enumerate(lines) if i not in taken]


def _unique_ids(tasks: list[dict], seen: set[str]) -> list[tuple[str, str]]:
    """A number written twice (two 一、, a table restarting at 1) would give two nodes one id: the
    second gets '-r2' (then -r3 …), and the report lists each such id."""
    renamed = []
    for task in tasks:
        if task["id"] in seen:
            number = 2
            while f"{task['id']}-r{number}" in seen:
                number += 1
            renamed.append((task["id"], f"{task['id']}-r{number}"))
            task["id"] = renamed[-1][1]
        seen.add(task["id"])
        renamed += _unique_ids(task.get("children", []), seen)
    return renamed


def _site_names(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """A body's bare name standing before the body of the plan is the web site's name (云溪区市场监督管理局)."""
    first = next(i for i, l in enumerate(lines) if structure.opens_body(l))
    site = [l for l in lines[:first] if len(l.text) <= 20 and clauses.looks_like_body(l.text)]
    return site, [l for l in lines if l not in site]


def _duty_readings(nodes) -> list[duties.Reading]:
    """How each responsibility line was read: its fields and the roles, post and deadline they gave."""
    out = []
    for node in nodes:
        if node.duty and node.duty.source is not None and node.style != "table-row" and node.duty.fields:
            out.append(duties.Reading("responsibility line", node.duty.lines,
                                      [f"{label} -> {how}" for label, how in node.duty.fields]))
        out += _duty_readings(node.children)
    return out


def _composed_title(tree: structure.Tree, jurisdiction_name: str) -> tuple[str, str]:
    """A title composed from the preamble ("制定以下实施意见") and the document it implements."""
    preamble = next((n for n in tree.nodes if n.id == "preamble"), None)
    text = " ".join(p for p, _ in preamble.paragraphs) if preamble else ""
    kind = re.search(r"制定(?:以下|本)(实施意见|实施方案|工作方案|方案|意见)", text)
    subject = re.search(r"《[^《》]*?(关于[^《》]+?)的[^《》]*?》", text)
    if kind and subject:
        return (f"{jurisdiction_name}{subject[1]}的{kind[1]}",
                f"原文无标题；据首段“制定{kind[1]}”及所贯彻文件的主题“{subject[1]}”组成，冠以地区名")
    return f"{jurisdiction_name}（标题待定）", "原文无标题，导入时未能从正文组成标题：请人工填写"


@dataclass
class _Context:
    """What every node of one import needs: the draft so far, registries, and what carries across tasks."""

    draft: Draft
    jurisdiction: str
    handbook: Handbook
    target_year: int | None
    plan: SimpleNamespace
    aliases: dict = field(default_factory=dict)

    def documents(self) -> list:
        """The registry's documents and those this import has found so far."""
        return [*self.handbook.documents.values(), *self.draft.documents]


def _node(node, ctx: _Context) -> dict:
    """A tree node as a YAML task dict, with its assignment, indicators and citations."""
    pieces = [clauses.split_clause(text) for text, _ in node.paragraphs] if node.id != "notice" else \
        [(text, None) for text, _ in node.paragraphs]
    with_clause = [c for _, c in pieces if c]
    children = [_node(child, ctx) for child in node.children]
    task = {"id": node.id}
    if node.number:
        task["number"] = node.number
    if node.heading:
        task["heading"] = node.heading
    if len(with_clause) >= 2:
        paragraphs = []
        for i, (text, clause) in enumerate(pieces, start=1):
            paragraph = {"id": f"{node.id}-p{i}", "text": text, **_assignment(clause, ctx)}
            _enrich(paragraph, None, text, ctx)
            paragraphs.append(paragraph)
        _enrich(task, node.heading, "", ctx)
        children = paragraphs + children
    else:
        text = "\n".join(t for t, _ in pieces)
        if text:
            task["text"] = text
        clause = node.table_roles if node.table_roles is not None else (pieces[-1][1] if pieces else None)
        if node.duty is not None:
            clause = node.duty.clause
        task.update(_assignment(clause, ctx))
        task.update(_duty_fields(node, ctx))
        _enrich(task, node.heading, text, ctx)
    if children:
        task["children"] = children
    return task


def _duty_fields(node, ctx: _Context) -> dict:
    """posts and deadline of a node from its responsibility line or table row; a withheld field
    (a person's name, a phone number) makes its line excluded, with the reason."""
    duty = node.duty
    if duty is None:
        return {}
    out = {}
    if duty.posts:
        out["posts"] = list(duty.posts)
    if duty.deadline:
        out["deadline"] = {"written": duty.deadline, **deadlines.read(duty.deadline)}
    if duty.withheld:
        ctx.draft.dropped.append(Dropped(duty.lines, f"{'、'.join(duty.withheld)}为个人信息，未录入；该行的单位、"
                                         "职务和时限已录入", "contact"))
    return out


def _assignment(clause, ctx: _Context) -> dict:
    if clause is None or not any((clause.lead, clause.responsible, clause.cooperating)):
        return {}
    draft, jurisdiction, handbook = ctx.draft, ctx.jurisdiction, ctx.handbook
    out = {"source": clause.source} if clause.source else {}
    bodies = [*handbook.departments.values(), *handbook.groups.values()]
    for role in ROLES:
        names = list(getattr(clause, role))
        if names:
            out[role] = names
        for name in names:
            match = resolve.resolve(name, jurisdiction, bodies + _drafted(draft, jurisdiction))
            draft.matches.append(match)
            if match.status == "new":
                _add_new(draft, match, ctx.handbook)
    return {"assignment": out}


def _drafted(draft: Draft, jurisdiction: str) -> list:
    """New bodies found earlier in the same import, so a name is created once."""
    from ..model import Department, Group
    return ([Department(d["id"], d["name"], jurisdiction, d["category"]) for d in draft.departments] +
            [Group(g["id"], g["name"], jurisdiction) for g in draft.groups])


def _add_new(draft: Draft, match: resolve.Match, handbook: Handbook) -> None:
    """A new department (its category guessed, or 'unclassified' for a person to choose) or group."""
    if match.kind == "group":
        draft.groups.append({"id": match.body_id, "name": match.written})
        return
    category = resolve.guess_category(match.written)
    draft.departments.append({"id": match.body_id, "name": match.written,
                              "category": category if category in handbook.categories else "unclassified"})


def _enrich(task: dict, heading: str | None, text: str, ctx: _Context) -> None:
    """Indicators and citations of one task, in the schema's key order."""
    indicators = []
    if text:
        indicators = targets.extract_indicators(text, ctx.target_year, list(ctx.handbook.metrics.values()))
    found = []
    for words in (heading, text):
        if words:
            extract, new_documents, ctx.aliases = cites.extract_citations(words, ctx.documents(), ctx.aliases, ctx.plan)
            found += extract
            ctx.draft.documents += new_documents
    assignment = task.pop("assignment", None)
    posts, deadline = task.pop("posts", None), task.pop("deadline", None)
    children = task.pop("children", None)
    if assignment:
        task["assignment"] = assignment
    if posts:
        task["posts"] = posts
    if deadline:
        task["deadline"] = deadline
    if indicators:
        task["indicators"] = indicators
    if found:
        task["citations"] = found
    if children:
        task["children"] = children


def _plan(plan_id, title, jurisdiction, fields, target_year, source_file, dropped, derived, tasks) -> dict:
    plan = {"id": plan_id, "title": title}
    if fields.get("issuer"):
        plan["issuer"] = fields["issuer"]
    plan["jurisdiction"] = jurisdiction
    if fields.get("doc_number"):
        plan["doc_number"] = fields["doc_number"]
    dates = {k: fields[k] for k in ("written", "published", "effective") if fields.get(k)}
    if dates:
        plan["dates"] = dates
    if fields.get("status"):
        plan["status"] = fields["status"]
    if target_year:
        plan["target_year"] = target_year
    plan["source"] = {"file": source_file}
    if dropped:
        plan["source"]["excluded"] = [{"lines": d.lines, "reason": d.reason} for d in merged(dropped)]
    if derived:
        plan["derived"] = derived
    plan["tasks"] = tasks
    return plan


def merged(dropped: list[Dropped]) -> list[Dropped]:
    """Consecutive set-aside lines with the same reason become one range, in line order."""
    spans: list[tuple[int, int, Dropped]] = []
    for item in sorted(dropped, key=lambda d: line_span(d.lines)):
        first, last = line_span(item.lines)
        if spans and spans[-1][2].reason == item.reason and spans[-1][1] + 1 == first:
            spans[-1] = (spans[-1][0], last, item)
        else:
            spans.append((first, last, item))
    return [Dropped(str(a) if a == b else f"{a}-{b}", d.reason, d.kind) for a, b, d in spans]
