"""Links inside task text: department names to their pages, cited documents to theirs.

Pure and escaped like the rest of the render stage: the text between links passes
through ``render.escape``; a paragraph with nothing to link is exactly what it was.
"""

from __future__ import annotations

import re
from typing import Callable

from markupsafe import Markup

from . import model
from .link import Handbook, per_handbook

MIN_NAME = 3  # two-character names (市委) are too often part of other words to link safely
# 领导小组办公室, 领导小组成员单位: the words after the name make it another body (or several)
NOT_THE_BODY = r"(?!办公室|办|成员单位|有关部门|所属)"

@per_handbook
def name_patterns(handbook: Handbook) -> dict[str, tuple[re.Pattern | None, dict[str, str]]]:
    """Per jurisdiction: one pattern of every name and alias (longest first) and name -> body id; built once."""
    names: dict[str, dict[str, str]] = {}
    for body in [*handbook.departments.values(), *handbook.groups.values()]:
        for name in body.names:
            if len(name) >= MIN_NAME:
                names.setdefault(body.jurisdiction, {})[name] = body.id
    return {j: (re.compile("(?:" + "|".join(re.escape(n) for n in sorted(ns, key=lambda n: (-len(n), n)))
                           + ")" + NOT_THE_BODY), ns) for j, ns in names.items()}


def spans(handbook: Handbook, plan: model.Plan, task: model.Task, text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, id) of every citation and body name in ``text``, earliest first, never overlapping."""
    found = []
    for citation in task.citations:
        at = text.find(citation.written)
        if at >= 0 and citation.document in handbook.documents:
            found.append((at, at + len(citation.written), "document", citation.document))
    pattern, ids = name_patterns(handbook).get(plan.jurisdiction, (None, {}))
    if pattern is not None:
        found += [(m.start(), m.end(), "body", ids[m.group()]) for m in pattern.finditer(text)]
    chosen, end = [], 0
    for span in sorted(found, key=lambda s: (s[0], -(s[1] - s[0]))):
        if span[0] >= end:
            chosen.append(span)
            end = span[1]
    return chosen


def linked(handbook: Handbook, plan: model.Plan, task: model.Task, text: str,
           escape: Callable[[str], Markup], target: Callable[[str, str], Markup]) -> Markup:
    """``text`` escaped, with each citation and body name an HTML link (``target(kind, id)`` gives its href)."""
    out, at = [], 0
    for start, end, kind, ident in spans(handbook, plan, task, text):
        out.append(escape(text[at:start]))
        out.append(Markup(f'<a href="{target(kind, ident)}">{escape(text[start:end])}</a>'))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out) if len(out) > 1 else escape(text)


