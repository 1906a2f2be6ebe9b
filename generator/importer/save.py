"""Write a draft into data/: atomically, never replacing a curated plan unless asked.

New registry entries are inserted into the curated files as text, so every existing
line (comments included) stays byte for byte.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml

from ..write import write_if_changed
from .draft import Draft
from .text import ImportFailure

UNCLASSIFIED = "  - {id: unclassified, name: 未分类（导入时未能判断，待人工确认）}\n"


def dump(data) -> str:
    """YAML as the data files write it: unicode, keys in schema order, no wrapping."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)


def plan_yaml(draft: Draft) -> str:
    """The draft plan as YAML, dates as dates (the plan's and each deadline's)."""
    plan = dict(draft.plan)
    if "dates" in plan:
        plan["dates"] = {k: datetime.date.fromisoformat(v) for k, v in plan["dates"].items()}
    plan["tasks"] = [_dated(task) for task in plan["tasks"]]
    return dump(plan)


def _dated(task: dict) -> dict:
    """A task (and its subtree) with its deadline's ``by`` as a date."""
    out = dict(task)
    if "by" in out.get("deadline", {}):
        out["deadline"] = {**out["deadline"], "by": datetime.date.fromisoformat(out["deadline"]["by"])}
    if "children" in out:
        out["children"] = [_dated(child) for child in out["children"]]
    return out


def insert_items(text: str, key: str, items: list[dict]) -> str:
    """``text`` with ``items`` appended to the top-level list ``key`` (made if missing)."""
    if not items:
        return text
    lines = text.splitlines(keepends=True)
    start = next((i for i, l in enumerate(lines) if re.match(rf"^{key}:", l)), None)
    if start is None:
        return text + ("" if text.endswith("\n") or not text else "\n") + dump({key: items})
    if re.match(rf"^{key}:\s*\[\]\s*$", lines[start]):
        lines[start] = f"{key}:\n"
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[^\s#-]", lines[i])), len(lines))
    item_line = next((l for l in lines[start + 1:end] if l.lstrip().startswith("- ")), "- ")
    indent = item_line[: len(item_line) - len(item_line.lstrip())]
    block = "".join(indent + l if l.strip() else l for l in dump(items).splitlines(keepends=True))
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + block + "".join(lines[end:])


def save(draft: Draft, data_dir: Path, force: bool = False) -> list[Path]:
    """Write the plan and the new registry entries; returns the files written."""
    data_dir = Path(data_dir)
    plan_path = data_dir / "plans" / f"{draft.plan['id']}.yaml"
    if plan_path.exists() and not force:
        raise ImportFailure(f"{plan_path} exists: the importer never replaces a curated plan; pass --force to "
                            "replace it, or import under another --plan-id")
    written = []
    if write_if_changed(plan_path, plan_yaml(draft)):
        written.append(plan_path)
    jurisdiction = draft.plan["jurisdiction"]
    registry = data_dir / "departments" / f"{jurisdiction}.yaml"
    text = registry.read_text(encoding="utf-8") if registry.exists() else f"jurisdiction: {jurisdiction}\n"
    text = insert_items(insert_items(text, "departments", draft.departments), "groups", draft.groups)
    if (draft.departments or draft.groups or not registry.exists()) and write_if_changed(registry, text):
        written.append(registry)
    documents = data_dir / "documents.yaml"
    if draft.documents and write_if_changed(documents, insert_items(documents.read_text(encoding="utf-8"),
                                                                    "documents", draft.documents)):
        written.append(documents)
    categories = data_dir / "categories.yaml"
    if any(d["category"] == "unclassified" for d in draft.departments):
        current = categories.read_text(encoding="utf-8")
        if "id: unclassified" not in current and write_if_changed(categories, current.rstrip("\n") + "\n" + UNCLASSIFIED):
            written.append(categories)
    return written
