"""How well the importer reads plans in the styles they are really published in.

    python benchmarks/import_styles.py

For each style (a web task table as text, 工作要点 with responsibility lines, .docx, saved
.html) it imports the documents in tests/import_styles/ and compares with what each document
says (<document>.expected.yaml, written by make_documents.py from the same content):

- tasks: assigned tasks found / tasks the document assigns, and how many have every role
  exactly right (lead, responsible, cooperating, deadline as written, post);
- indicators: targets found right / targets stated, and indicators that are wrong;
- clutter kept: page furniture lines (breadcrumbs, 字号, 打印本页, the site's name …) left in
  the draft or, for a text document, not among the lines the import set aside; and personal
  details (placeholder names, phones, e-mails) that reached the draft.

Each text document is measured again with its punctuation in the other width (ASCII <-> full width).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "import_styles"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DOCUMENTS))

from generator import load  # noqa: E402
from generator.importer import draft as drafting  # noqa: E402
from generator.importer.save import plan_yaml, save  # noqa: E402
from generator.normalise import compact  # noqa: E402

import content  # noqa: E402
import make_documents  # noqa: E402

CLUTTER_MARKS = ("字号", "字体", "打印本页", "关闭窗口", "扫一扫", "首页 >", "当前位置", "主办", "版权所有",
                 "门户网站", "人民政府网", "技术支持")
JURISDICTIONS = {"yunxi": "云溪区", "qingshi": "青石县", "linjiang": "临江区"}
# Documents written by hand, not rendered from content.py: a check on documents the code was not shaped by.
HANDWRITTEN = {"web table": ["handwritten/linjiang-table-tab.txt"], "responsibility lines": ["handwritten/linjiang-points.txt"],
               "html": ["handwritten/linjiang-table.html"]}


@dataclass
class Figures:
    """The measurement of one style."""

    documents: int = 0
    tasks: int = 0
    found: int = 0
    exact: int = 0
    indicators: int = 0
    indicators_right: int = 0
    indicators_wrong: int = 0
    clutter_kept: int = 0
    personal_kept: int = 0
    misread: list[str] = field(default_factory=list)


def handbook_data(into: Path) -> Path:
    """A data folder: the minimal golden handbook plus a district and a county (level county)."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import golden_data
    data = golden_data("minimal", into)
    listing = data / "jurisdictions.yaml"
    extra = "".join(f"  - id: {jid}\n    name: {name}\n    level: county\n    province: 测试省\n"
                    for jid, name in JURISDICTIONS.items())
    listing.write_text(listing.read_text(encoding="utf-8") + extra, encoding="utf-8")
    for jid in JURISDICTIONS:
        (data / "departments" / f"{jid}.yaml").write_text(f"jurisdiction: {jid}\ndepartments: []\ngroups: []\n",
                                                           encoding="utf-8")
    return data


def walk(tasks):
    for task in tasks:
        yield task
        yield from walk(task.get("children", ()))


FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})


def other_width(raw: bytes) -> bytes:
    """A text document with its punctuation in the other width (full-width -> ASCII, or back)."""
    text = raw.decode("utf-8")
    return text.translate(make_documents.ASCII if "，" in text else FULL_WIDTH).encode("utf-8")


def import_document(name: str, data: Path, widen: bool = False):
    """The draft of one test document (``widen``: with its punctuation in the other width)."""
    raw = (DOCUMENTS / name).read_bytes()
    base = Path(name).name
    return drafting.import_bytes(other_width(raw) if widen else raw, plan_id=base.split(".")[0],
                                 jurisdiction=base.split("-")[0], source_file=base, handbook=load(data))


def expected_targets(text: str) -> list[tuple[float, float | None]]:
    """The targets a task's words state, from content.INDICATORS (the longest snippet wins)."""
    text = text.translate(make_documents.ASCII)  # a snippet matches in either width
    snippets = [s for s in content.INDICATORS if s.translate(make_documents.ASCII) in text]
    snippets = [s for s in snippets if not any(s != t and s in t for t in snippets)]
    out = []
    for snippet in snippets:
        values = content.INDICATORS[snippet]
        out += values if isinstance(values, list) else [values]
    return out


def _roles(task: dict) -> dict:
    a = task.get("assignment", {})
    return {"lead": a.get("lead", []), "responsible": a.get("responsible", []),
            "cooperating": a.get("cooperating", []), "deadline": (task.get("deadline") or {}).get("written"),
            "posts": task.get("posts", [])}


def measure_document(name: str, data: Path, figures: Figures, widen: bool = False) -> None:
    """Add one document's figures to its style's."""
    draft = import_document(name, data, widen)
    wanted = yaml.safe_load((DOCUMENTS / (name + ".expected.yaml")).read_text(encoding="utf-8"))
    tasks = list(walk(draft.plan["tasks"]))
    matched_ids = set()
    for expected in wanted["tasks"]:
        figures.tasks += 1
        key = compact(expected["text"].translate(make_documents.ASCII))
        key_full = compact(expected["text"].translate(make_documents.ASCII).translate(FULL_WIDTH))
        task = next((t for t in tasks if key in compact((t.get("heading") or "") + (t.get("text") or ""))
                     or key_full in compact((t.get("heading") or "") + (t.get("text") or ""))), None)
        if task is None or "assignment" not in task:
            figures.misread.append(f"{name}: not found with an assignment: {expected['text'][:24]}")
            continue
        matched_ids.add(task["id"])
        figures.found += 1
        got = _roles(task)
        want = {k: expected[k] for k in ("lead", "responsible", "cooperating", "deadline", "posts")}
        if got == want:
            figures.exact += 1
        else:
            figures.misread.append(f"{name} {task['id']}: read {got}, expected {want}")
        targets = expected_targets((task.get("heading") or "") + (task.get("text") or ""))
        figures.indicators += len(targets)
        for indicator in task.get("indicators", ()):
            pair = (indicator["value"], indicator.get("value_max"))
            if pair in targets:
                targets.remove(pair)
                figures.indicators_right += 1
            else:
                figures.indicators_wrong += 1
                figures.misread.append(f"{name} {task['id']}: wrong indicator {indicator['phrase']} -> {pair}")
        figures.misread += [f"{name} {task['id']}: missed target {pair}" for pair in targets]
    for task in tasks:
        if task["id"] not in matched_ids:
            figures.indicators_wrong += len(task.get("indicators", ()))
    written = plan_yaml(draft) + yaml.safe_dump(draft.departments, allow_unicode=True)
    body = "".join(f"{t.get('number') or ''}{t.get('heading') or ''}\n{t.get('text') or ''}\n" for t in tasks)
    figures.clutter_kept += sum(1 for line in body.splitlines() if any(mark in line for mark in CLUTTER_MARKS))
    set_aside = set()
    for item in draft.dropped:
        first, _, last = item.lines.partition("-")
        set_aside.update(range(int(first), int(last or first) + 1))
    figures.clutter_kept += sum(1 for number in wanted["clutter"] if number not in set_aside)
    figures.personal_kept += sum(written.count(word) for word in make_documents.NEVER)
    figures.documents += 1


def measure() -> dict[str, Figures]:
    """Figures per style, over every document of that style."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = handbook_data(Path(tmp))
        for style, documents in make_documents.documents().items():
            figures = Figures()
            names = [name for name, _, _ in documents] + HANDWRITTEN.get(style, [])
            for name in names:
                measure_document(name, data, figures)
            out[style] = figures
            texts = [name for name in names if name.endswith(".txt")]
            if texts:
                widened = out[f"{style}, other width"] = Figures()
                for name in texts:
                    measure_document(name, data, widened, widen=True)
    return out


def main() -> None:
    results = measure()
    print("importer on the style documents in tests/import_styles/ (2-core machine; figures, not timings)")
    print(f"{'style':34} {'docs':>4} {'assigned found':>15} {'every role right':>17} {'indicators right':>17} "
          f"{'wrong':>6} {'clutter kept':>13} {'personal kept':>14}")
    for style, f in results.items():
        print(f"{style:34} {f.documents:>4} {f'{f.found}/{f.tasks}':>15} "
              f"{f'{f.exact}/{f.tasks} {100 * f.exact / f.tasks:.0f}%':>17} "
              f"{f'{f.indicators_right}/{f.indicators}':>17} {f.indicators_wrong:>6} {f.clutter_kept:>13} "
              f"{f.personal_kept:>14}")
    if "-v" in sys.argv:
        for style, f in results.items():
            for line in f.misread:
                print(f"  {style}: {line}")


if __name__ == "__main__":
    main()
