"""The import report: what was found, what matched, and every source line not used, by number."""

from __future__ import annotations

from collections import Counter

from ..sources import line_span
from .draft import Draft, merged


def _walk(tasks):
    for task in tasks:
        yield task
        yield from _walk(task.get("children", ()))


def figures(draft: Draft) -> dict[str, int]:
    """Counts a reviewer checks first."""
    nodes = list(_walk(draft.plan["tasks"]))
    status = Counter(m.status for m in draft.matches)
    return {
        "nodes": len(nodes),
        "with assignment": sum(1 for t in nodes if "assignment" in t),
        "without assignment": sum(1 for t in nodes if "assignment" not in t and (t.get("text") or "").strip()),
        "names matched": status["known"], "near misses": status["suggested"], "new names": status["new"],
        "new departments": len(draft.departments), "new groups": len(draft.groups),
        "indicators": sum(len(t.get("indicators", ())) for t in nodes),
        "citations": sum(len(t.get("citations", ())) for t in nodes), "new documents": len(draft.documents),
        "lines not used": sum(last - first + 1 for first, last in (line_span(d.lines) for d in merged(draft.dropped))),
    }


def markdown(draft: Draft) -> str:
    """The report as Markdown."""
    plan = draft.plan
    f = figures(draft)
    out = [f"# Import report: {plan['id']}", "",
           f"Source `{plan['source']['file']}` ({draft.source_lines} lines, read as {draft.encoding}); "
           f"title: {plan['title']}{' (derived: ' + plan['derived']['title'] + ')' if 'title' in plan.get('derived', {}) else ''}.",
           "", "| | |", "|---|---|"]
    out += [f"| {name} | {value} |" for name, value in f.items()]
    suggested = sorted({(m.written, m.suggestion) for m in draft.matches if m.status == "suggested"})
    if suggested:
        out += ["", "## Near misses: check these names (not created)", ""]
        out += [f"- `{w}`: did you mean `{s}`? Correct the name in the plan, or add it as an alias of `{s}`"
                for w, s in suggested]
    if draft.departments or draft.groups:
        out += ["", "## New departments and groups (added to the registry: check category and aliases)", ""]
        out += [f"- {d['name']} `{d['id']}` category {d['category']}" for d in draft.departments]
        out += [f"- {g['name']} `{g['id']}` (group)" for g in draft.groups]
    if draft.documents:
        out += ["", "## New cited documents", ""]
        out += [f"- {d.get('doc_number') or ''} {d.get('title') or ''} `{d['id']}`" for d in draft.documents]
    bare = [t for t in _walk(plan["tasks"]) if "assignment" not in t and t.get("number") and (t.get("text") or "").strip()]
    if bare:
        out += ["", "## Numbered items without an assignment (is a clause missing?)", ""]
        out += [f"- `{t['id']}` {t.get('number', '')}{(t.get('heading') or t.get('text') or '')[:40]}" for t in bare]
    if draft.readings:
        out += ["", "## How tables and responsibility lines were read (check for a misreading)", ""]
        for reading in draft.readings:
            where = f", line {reading.lines}" if reading.lines else " (ids made unique)"
            out.append(f"- {reading.kind}{where}: " + "; ".join(reading.how))
    out += ["", "## Source lines not used", ""]
    out += [f"- line {d.lines}: {d.reason}" for d in merged(draft.dropped)] or ["- none"]
    return "\n".join(out) + "\n"
