"""Change report: what an edit to data/ changes, read from the machine-readable copy.

Compares two snapshots of ``api/*.json`` (from built sites, data folders or git
revisions) and prints Markdown a reviewer reads in a minute: plans, tasks,
assignments and indicators added, removed or changed, and which department pages
change.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from . import api
from .load import load
from .model import ROLE_LABELS, Task
from .render import task_label

Snapshot = dict[str, list[dict]]


class SnapshotError(Exception):
    """A side of the comparison cannot be read."""


def read_snapshot(source: str, repo: Path = Path(".")) -> Snapshot:
    """A snapshot from a built site (has api/), a data folder, or a git revision of data/."""
    path = Path(source)
    if (path / "api" / "plans.json").is_file():
        return {name: json.loads((path / "api" / f"{name}.json").read_text(encoding="utf-8"))
                for name in api.BUILDERS if (path / "api" / f"{name}.json").is_file()}
    if (path / "plans").is_dir():
        return api.snapshot(load(path))
    return _from_git(source, repo)


def _from_git(revision: str, repo: Path) -> Snapshot:
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", revision, "data"], cwd=repo,
                                 capture_output=True, check=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        raise SnapshotError(f"{revision!r} is neither a built site (with api/), a data folder, "
                            f"nor a git revision with data/: {getattr(exc, 'stderr', b'').decode().strip()}") from None
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return api.snapshot(load(Path(tmp) / "data"))


@dataclass
class Changes:
    """What differs between two snapshots, each list sorted."""

    plans: dict[str, list] = field(default_factory=lambda: {"added": [], "removed": [], "changed": []})
    tasks: dict[str, list] = field(default_factory=lambda: {"added": [], "removed": [], "changed": []})
    assignments: dict[str, list] = field(default_factory=lambda: {"added": [], "removed": []})
    indicators: dict[str, list] = field(default_factory=lambda: {"added": [], "removed": [], "changed": []})
    department_pages: list[tuple[str, str]] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether nothing changed."""
        return not any(v for part in (self.plans, self.tasks, self.assignments, self.indicators)
                       for v in part.values()) and not self.department_pages


def _by(records: list[dict], *keys: str) -> dict:
    return {tuple(r[k] for k in keys): r for r in records}


def _diff(before: dict, after: dict, fields: tuple[str, ...]):
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted((key, [f for f in fields if before[key].get(f) != after[key].get(f)])
                     for key in set(before) & set(after)
                     if any(before[key].get(f) != after[key].get(f) for f in fields))
    return added, removed, changed


def _indicator_keys(records: list[dict]) -> dict:
    """Indicators keyed by plan, task, name and their order among equals (a sentence may set two)."""
    seen: Counter = Counter()
    keyed = {}
    for record in records:
        base = (record["plan"], record["task"], record["name"])
        keyed[(*base, seen[base])] = record
        seen[base] += 1
    return keyed


def _duties(snapshot: Snapshot) -> dict[tuple, dict]:
    out = {}
    for kind in ("departments", "groups"):
        for body in snapshot.get(kind, []):
            for t in body["tasks"]:
                out[(t["plan"], t["task"], t["role"], body["id"])] = {"body": body["id"], "name": body["name"], **t}
    return out


def compare(before: Snapshot, after: Snapshot) -> Changes:
    """Everything that differs, keyed by the data's own ids."""
    changes = Changes()
    plans_b, plans_a = _by(before["plans"], "id"), _by(after["plans"], "id")
    added, removed, changed = _diff(plans_b, plans_a, ("title", "jurisdiction", "issuer", "doc_number", "issued"))
    changes.plans.update(added=[plans_a[k] for k in added], removed=[plans_b[k] for k in removed],
                         changed=[(plans_a[k], f) for k, f in changed])

    tasks_b, tasks_a = _by(before.get("tasks", []), "plan", "id"), _by(after.get("tasks", []), "plan", "id")
    added, removed, changed = _diff(tasks_b, tasks_a, ("number", "heading", "text", "parent"))
    changes.tasks.update(added=[tasks_a[k] for k in added], removed=[tasks_b[k] for k in removed],
                         changed=[(tasks_a[k], f) for k, f in changed])

    duties_b, duties_a = _duties(before), _duties(after)
    changes.assignments.update(added=[duties_a[k] for k in sorted(set(duties_a) - set(duties_b))],
                               removed=[duties_b[k] for k in sorted(set(duties_b) - set(duties_a))])

    ind_b, ind_a = _indicator_keys(before["indicators"]), _indicator_keys(after["indicators"])
    added, removed, changed = _diff(ind_b, ind_a, ("comparator", "value", "value_max", "unit", "year", "text"))
    changes.indicators.update(added=[ind_a[k] for k in added], removed=[ind_b[k] for k in removed],
                              changed=[(ind_b[k], ind_a[k], f) for k, f in changed])

    changes.department_pages = _department_pages(before, after, changes)
    return changes


def _department_pages(before: Snapshot, after: Snapshot, changes: Changes) -> list[tuple[str, str]]:
    """Departments and groups whose page shows something different."""
    bodies_b = {b["id"]: b for kind in ("departments", "groups") for b in before.get(kind, [])}
    bodies_a = {b["id"]: b for kind in ("departments", "groups") for b in after.get(kind, [])}
    touched = {d["body"] for d in changes.assignments["added"] + changes.assignments["removed"]}
    touched |= set(bodies_a) ^ set(bodies_b)
    touched |= {i for i in set(bodies_a) & set(bodies_b)
                if {k: v for k, v in bodies_a[i].items() if k != "tasks"}
                != {k: v for k, v in bodies_b[i].items() if k != "tasks"}}
    labels_b = {(t["plan"], t["id"]): _label(t) for t in before.get("tasks", [])}
    relabelled = {(t["plan"], t["id"]) for t, _ in changes.tasks["changed"]
                  if labels_b.get((t["plan"], t["id"])) != _label(t)}
    relabelled |= {(t["plan"], t["id"]) for t in after.get("tasks", []) if (t["plan"], t["parent"]) in relabelled}
    relabelled |= {(p["id"],) for p, fields in changes.plans["changed"] if "title" in fields}
    for body in bodies_a.values():
        if any((t["plan"], t["task"]) in relabelled or (t["plan"],) in relabelled for t in body["tasks"]):
            touched.add(body["id"])
    names = {**{i: b["name"] for i, b in bodies_b.items()}, **{i: b["name"] for i, b in bodies_a.items()}}
    return sorted((i, names[i]) for i in touched)


def _label(task: dict) -> str:
    """The label a department page shows for a task."""
    return task_label(Task(id=task["id"], number=task["number"], heading=task["heading"], text=task["text"]))


def _cut(text: str | None, limit: int = 40) -> str:
    text = (text or "").replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= limit else text[:limit] + "…"


def markdown(changes: Changes, title: str = "Handbook change report") -> str:
    """The report as Markdown, for a pull request's job summary or a terminal."""
    if changes.empty():
        return f"## {title}\n\nNo change to plans, tasks, assignments or indicators.\n"
    c = changes
    count = lambda part: ", ".join(f"{len(v)} {k}" for k, v in part.items() if v) or "no change"  # noqa: E731
    lines = [f"## {title}", "",
             "| | |", "|---|---|",
             f"| plans | {count(c.plans)} |", f"| tasks | {count(c.tasks)} |",
             f"| assignments | {count(c.assignments)} |", f"| indicators | {count(c.indicators)} |",
             f"| department pages that change | {len(c.department_pages)} |", ""]
    if any(c.plans.values()):
        lines += ["### Plans", ""]
        lines += [f"- added `{p['id']}` {p['title']}" for p in c.plans["added"]]
        lines += [f"- removed `{p['id']}` {p['title']}" for p in c.plans["removed"]]
        lines += [f"- changed `{p['id']}`: {', '.join(f)}" for p, f in c.plans["changed"]]
        lines.append("")
    if any(c.tasks.values()):
        lines += ["### Tasks", "", "| change | plan | task | text |", "|---|---|---|---|"]
        lines += [f"| added | {t['plan']} | {t['id']} | {_cut(t['text'] or t['heading'])} |" for t in c.tasks["added"]]
        lines += [f"| removed | {t['plan']} | {t['id']} | {_cut(t['text'] or t['heading'])} |" for t in c.tasks["removed"]]
        lines += [f"| {', '.join(f)} changed | {t['plan']} | {t['id']} | {_cut(t['text'] or t['heading'])} |"
                  for t, f in c.tasks["changed"]]
        lines.append("")
    if any(c.assignments.values()):
        lines += ["### Assignments", "", "| change | plan | task | department | role |", "|---|---|---|---|---|"]
        for kind in ("added", "removed"):
            lines += [f"| {kind} | {d['plan']} | {d['task']} | {d['name']} (`{d['body']}`) | "
                      f"{d['role']} ({ROLE_LABELS[d['role']]}) |" for d in c.assignments[kind]]
        lines.append("")
    if any(c.indicators.values()):
        lines += ["### Indicators", "", "| change | plan | task | indicator | before | after |", "|---|---|---|---|---|---|"]
        show = lambda i: f"{i['comparator']} {i['value']:g}{i['unit'] or ''} ({i['year'] or '—'})"  # noqa: E731
        lines += [f"| added | {i['plan']} | {i['task']} | {i['name']} | | {show(i)} |" for i in c.indicators["added"]]
        lines += [f"| removed | {i['plan']} | {i['task']} | {i['name']} | {show(i)} | |" for i in c.indicators["removed"]]
        lines += [f"| {', '.join(f)} changed | {a['plan']} | {a['task']} | {a['name']} | {show(b)} | {show(a)} |"
                  for b, a, f in c.indicators["changed"]]
        lines.append("")
    if c.department_pages:
        lines += ["### Department pages that change", ""]
        lines += [f"- {name} (`{body_id}`)" for body_id, name in c.department_pages]
        lines.append("")
    return "\n".join(lines)
