"""Check a plan against its published text, in both directions.

Faithful: every piece of text in the data (numbers, headings, paragraphs, clauses,
indicator phrases, citations) stands word for word in the source.
Complete: every non-blank source line is in the data, or in a range the plan
lists under ``source.excluded`` with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from .importer.duties import LEAD_MARK  # 区市场监管局（牵头）: the data holds the role, not the mark
from .importer.formats import to_text  # a .docx or .html source: the text the importer read
from .importer.tables import row_texts  # a cell an aligned table cut over lines is one piece
from .model import Plan
from .normalise import compact


def pieces(plan: Plan) -> list[tuple[str, str]]:
    """(where, words) for every piece of source text the plan holds."""
    out = []
    for _, task in plan.walk():
        if task.number or task.heading:
            out.append((f"{task.id} number+heading", (task.number or "") + (task.heading or "")))
        for i, paragraph in enumerate((task.text or "").split("\n")):
            out.append((f"{task.id} text paragraph {i + 1}", paragraph))
        if task.assignment and task.assignment.source:
            out.append((f"{task.id} assignment.source", task.assignment.source))
            out.append((f"{task.id} text+clause", (task.text or "").split("\n")[-1] + task.assignment.source))
        out += [(f"{task.id} post", post) for post in task.posts]
        if task.deadline:
            out.append((f"{task.id} deadline", task.deadline.written))
        out += [(f"{task.id} indicator phrase", i.phrase) for i in task.indicators]
        out += [(f"{task.id} citation", c.written) for c in task.citations]
    return [(where, words) for where, words in out if compact(words)]


def line_span(lines: str | int) -> tuple[int, int]:
    """'203-228' -> (203, 228); 12 -> (12, 12): a line or range as `source.excluded` writes it."""
    first, _, last = str(lines).partition("-")
    return int(first), int(last or first)


def excluded_lines(plan: Plan) -> set[int]:
    """The line numbers the plan deliberately leaves out."""
    lines: set[int] = set()
    for excluded in plan.excluded:
        first, last = line_span(excluded.lines)
        lines.update(range(first, last + 1))
    return lines


def corpus(plan: Plan) -> str:
    """All the plan's text as the source lays it out (number+heading, number+text+clause),
    white space removed, for finding source lines in."""
    parts = [plan.title]
    for _, task in plan.walk():
        number = task.number or ""
        clause = task.assignment.source or "" if task.assignment else ""
        if task.heading or not (task.text or clause):
            parts.append(number + (task.heading or ""))
        if task.text or clause:
            parts.append(("" if task.heading else number) + (task.text or "") + clause)
        if task.assignment:
            parts += [name for _, name in task.assignment.by_role()]
        parts += [*task.posts, task.deadline.written if task.deadline else ""]
    return "".join(compact(p) for p in parts)


def _cells(line: str) -> list[str]:
    """A table row's cells (tabs or runs of spaces between them) and the names a cell lists, each
    of which must be held: a row's cells stand in different fields of its task."""
    pieces = re.split(r"\t|[ \u3000]{2,}|\u3000|、", line)
    return [words for words in (LEAD_MARK.sub("", compact(p).strip("|、,，;；")) for p in pieces) if words]


def differences(plan: Plan, source: str) -> list[str]:
    """Every way the plan departs from its source text; empty when faithful and complete."""
    problems = []
    whole = compact(source) + "\n".join(compact(row) for row in row_texts(source))
    for where, words in pieces(plan):
        if compact(words) not in whole:
            problems.append(f"{plan.id}: {where} is not in the source word for word: {words[:60]!r}")
    held = corpus(plan)
    skip = excluded_lines(plan)
    for number, line in enumerate(source.splitlines(), start=1):
        words = compact(line).strip("|")
        if number in skip or not words:
            continue
        if words not in held and not all(piece in held for piece in _cells(line)):
            problems.append(f"{plan.id}: source line {number} is neither in the data nor excluded: {line.strip()[:60]!r}")
    return problems


def file_differences(plan: Plan, sources_dir: Path) -> list[str]:
    """Check a plan against its file in ``sources_dir``."""
    path = Path(sources_dir) / plan.source_file
    if not path.is_file():
        return [f"{plan.id}: source file {path} not found"]
    if path.suffix.lower() in (".docx", ".html", ".htm"):
        return differences(plan, to_text(path.read_bytes(), path.name)[0])
    return differences(plan, path.read_text(encoding="utf-8"))
