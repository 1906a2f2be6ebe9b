"""Render stage, lineage of documents: which plan carries out which document, tier by tier.

A plan's ``implements`` (its own 贯彻落实/根据 sentence) links it to documents of
the tier above or its own; the lineage page draws that graph (国家 → 省级 → 市级)
as SVG with a table of the same edges, each document page lists what implements
it and each plan page what it implements.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import model, render, routes
from .link import Handbook, per_handbook

COLUMN_W, NODE_W, NODE_H, GAP, TOP = 250, 200, 46, 14, 34


@dataclass(frozen=True)
class Edge:
    """A plan carries out a document, in the plan's own words."""

    plan: str
    document: str
    written: str


@dataclass(frozen=True)
class Lineage:
    """Every edge, and the reverse lookup document -> edges, built once."""

    edges: tuple[Edge, ...]
    by_document: dict[str, tuple[Edge, ...]]


@per_handbook
def lineage(handbook: Handbook) -> Lineage:
    """The edges of the handbook, gathered in one pass over the plans (once per handbook)."""
    edges = tuple(Edge(p.id, c.document, c.written) for p in handbook.plans.values() for c in p.implements
                  if c.document in handbook.documents)
    by_document: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        by_document[edge.document].append(edge)
    return Lineage(edges, {d: tuple(es) for d, es in sorted(by_document.items())})




def lineage_page(number: int = 1) -> str:
    """Where page ``number`` of the lineage graph is."""
    return routes.path("lineage", None, number)


def plan_level(handbook: Handbook, plan_id: str) -> str:
    """A plan's tier: its jurisdiction's (省 → provincial, 市 → municipal)."""
    return model.PLAN_LEVEL[handbook.jurisdictions[handbook.plans[plan_id].jurisdiction].level]


def document_label(document: model.Document) -> str:
    """A document's short name: its number, else its title."""
    return document.doc_number or document.title or document.id


def _node_key(handbook: Handbook, document_id: str) -> tuple[str, str]:
    """A document that is itself a plan in the handbook is drawn as that plan."""
    plan_id = handbook.plan_of_document.get(document_id)
    return ("plan", plan_id) if plan_id else ("document", document_id)


def _nodes(handbook: Handbook, edges) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """node key -> (tier, lines of text), in a stable order."""
    nodes = {}
    for edge in edges:
        for key in (("plan", edge.plan), _node_key(handbook, edge.document)):
            if key in nodes:
                continue
            if key[0] == "plan":
                plan = handbook.plans[key[1]]
                nodes[key] = (plan_level(handbook, plan.id),
                              [handbook.jurisdictions[plan.jurisdiction].name, _clip(plan.title)])
            else:
                document = handbook.documents[key[1]]
                nodes[key] = (document.level or "unknown",
                              [_clip(document.title or ""), document.doc_number or ""])
    return dict(sorted(nodes.items(), key=lambda kv: (kv[0][0] == "plan", kv[1][1])))


def _clip(text: str, limit: int = 15) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def graph(handbook: Handbook, edges=None) -> Markup:
    """The lineage as SVG: one column per tier, an arrow from each document to each plan carrying it out."""
    edges = lineage(handbook).edges if edges is None else edges
    if not edges:
        return Markup("")
    nodes = _nodes(handbook, edges)
    tiers = [t for t in (*model.DOCUMENT_LEVELS, "unknown") if any(n[0] == t for n in nodes.values())]
    place, rows = {}, defaultdict(int)
    for key, (tier, _) in nodes.items():
        column = tiers.index(tier)
        place[key] = (20 + column * COLUMN_W, TOP + rows[tier] * (NODE_H + GAP))
        rows[tier] += 1
    width = 20 + len(tiers) * COLUMN_W
    height = TOP + max(rows.values()) * (NODE_H + GAP) + 10
    parts = ['<defs><marker id="hb-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#555"/></marker></defs>']
    for i, tier in enumerate(tiers):
        name = model.DOCUMENT_LEVELS.get(tier, "级别未载明")
        parts.append(f'<text x="{20 + i * COLUMN_W + NODE_W / 2}" y="18" text-anchor="middle" font-size="13" '
                     f'font-weight="bold">{escape(name)}</text>')
    for edge in edges:
        (x1, y1), (x2, y2) = place[_node_key(handbook, edge.document)], place[("plan", edge.plan)]
        if x1 == x2:  # same tier: an arc on the right of the column
            parts.append(f'<path d="M{x1 + NODE_W} {y1 + NODE_H / 2}C{x1 + NODE_W + 40} {y1 + NODE_H / 2} '
                         f'{x2 + NODE_W + 40} {y2 + NODE_H / 2} {x2 + NODE_W} {y2 + NODE_H / 2}" fill="none" '
                         f'stroke="#555" marker-end="url(#hb-arrow)"/>')
        else:
            parts.append(f'<path d="M{x1 + NODE_W} {y1 + NODE_H / 2}L{x2} {y2 + NODE_H / 2}" fill="none" '
                         f'stroke="#555" marker-end="url(#hb-arrow)"/>')
    for key, (_, lines) in nodes.items():
        x, y = place[key]
        fill = "#e8f0fe" if key[0] == "plan" else "#f5f5f5"
        parts.append(f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="4" fill="{fill}" stroke="#888"/>')
        for n, line in enumerate(lines):
            parts.append(f'<text x="{x + 8}" y="{y + 18 + n * 17}" font-size="12">{escape(line)}</text>')
    description = "；".join(f"{handbook.plans[e.plan].title} 落实 {document_label(handbook.documents[e.document])}"
                           for e in edges)
    title = "文件的落实关系：国家级 → 省级 → 市级"
    return Markup(
        f'<svg class="hb-chart hb-lineage" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}：{escape(description)}">'
        f'<title>{escape(title)}</title><desc>{escape(description)}</desc>' + "".join(parts) + "</svg>")


def lineage_index(handbook: Handbook, number: int = 1) -> str:
    """Page ``number`` of the lineage: the graph of its edges, then the same edges as a table."""
    edges = lineage(handbook).edges
    count = routes.page_count(len(edges))
    shown = routes.on_page(edges, number)
    return render._render("lineage.md.j2", lineage_page(number), handbook, graph=graph(handbook, shown),
                          edges=shown, rows=[(e, handbook.plans[e.plan], handbook.documents[e.document]) for e in shown],
                          plan_level=lambda p: plan_level(handbook, p), number=number, count=count,
                          page_of=lineage_page, LEVEL_NAMES=model.DOCUMENT_LEVELS)
