"""A synthetic handbook of N plans, shaped like the five real ones, for the benchmark.

    python benchmarks/corpus.py --plans 300 --seed 1 --out /tmp/corpus300 [--data data] [--check]

writes a complete data folder (jurisdictions, categories, documents, metrics, one registry per
jurisdiction, one file per plan). N = 5 is the real data/ copied; above that the real five are
kept and N - 5 synthetic plans are added, deterministic from the seed.

How a synthetic plan is made, so that every data rule holds without a second implementation:

- it takes a real plan as its template (the five in turn, so the mix of plan shapes, and with it
  the bytes per plan, is the same at every N) and a real place from ``places.py``; the place gets
  3 to 4 plans, as plans are revised every few years;
- whole task nodes travel together (text, assignment, indicators, citations), so a name stays in
  its clause and a phrase in its text. Some leaf tasks are left out and, in most plans, one
  section of another plan of the same kind is spliced in, so no two plans are the same;
- every string of the template passes through one substitution for the target place (四川省 ->
  河北省, 川委发 -> 冀委发; a provincial plan given to a city also reads 省 -> 市, 厅 -> 局), applied
  alike to text, clauses, names, phrases and citations, so substrings stay substrings;
- the place's registry holds exactly the bodies its plans name, merged by name across templates
  (two templates' 省质监局 are one department of the place); documents the template's place
  issued (川委发〔2018〕6号) get a copy per place, national ones (中发〔2017〕24号) are shared.

Names, clauses and phrases are then checked here as the generator checks them; ``--check`` also
runs ``python -m generator check`` on the result in-process.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import functools
import json
import math
import random
import re
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from places import Place, pool  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("lead", "responsible", "cooperating")
PLANS_PER_PLACE = 3.5
LEAF_DROP = 0.12  # share of leaf tasks a synthetic plan leaves out
SPLICE = 0.6  # share of synthetic plans that take one section from another template

# What names the template's own place in its strings. The order of the five is the order
# registries are merged in: Sichuan writes 各市州人民政府 and 各市州政府 as two groups, Gansu as one
# group with an alias, so Sichuan's finer split has to come first.
TEMPLATE_ORDER = ("sichuan", "anhui", "gansu", "jincheng", "ganzhou")
TEMPLATE_PLACE = {
    "sichuan": {"names": ("四川省", "四川"), "abbr": "川"},
    "anhui": {"names": ("安徽省", "安徽"), "abbr": "皖"},
    "gansu": {"names": ("甘肃省", "甘肃"), "abbr": "甘"},
    "jincheng": {"names": ("晋城市", "晋城"), "province": ("山西省", "山西"), "abbr": "晋市", "province_abbr": None},
    "ganzhou": {"names": ("赣州市", "赣州"), "province": ("江西省", "江西"), "abbr": None, "province_abbr": "赣"},
}
# Applied after the place names when a provincial plan is given to a city.
PROVINCE_TO_CITY = (("办公厅", "办公室"), ("省", "市"), ("厅", "局"))
DOC_NUMBER_TAIL = r"(?=[\u4e00-\u9fff]{0,4}〔\d{4}〕)"  # 川|委发〔2018〕: an abbreviation inside a document number


@dataclass
class Template:
    """One real plan with its registry: name -> (kind, body) for the names its tasks write."""

    jurisdiction: str
    level: str
    plan: dict
    names: dict[str, dict]
    bodies: list[dict]  # registry order: departments, then groups (each with "kind")


@dataclass
class PlaceData:
    """What one target place accumulates: its plans and the source bodies they name."""

    place: Place
    plans: list[dict] = field(default_factory=list)
    used: dict[tuple[str, str], Callable[[str], str]] = field(default_factory=dict)  # (template, body id) -> sub
    documents: dict[str, dict] = field(default_factory=dict)


def read_yaml(path: Path):
    """A data file, read safely."""
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def write_yaml(path: Path, data) -> None:
    """A data file, UTF-8, block style, keys in the order given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(_emit(data, "")))


def _emit(value, indent: str):
    """Block YAML for the corpus's plain data (mappings, lists, strings, numbers, dates).

    PyYAML's representer is pure Python and took most of the time for 1,000 plans; strings are
    written as JSON strings, which YAML reads as double-quoted scalars, so none needs resolving.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if _scalar(item):
                yield f"{indent}{key}: {_scalar_text(item)}\n"
            else:
                yield f"{indent}{key}:\n"
                yield from _emit(item, indent + "  ")
    else:
        for item in value:
            if _scalar(item):
                yield f"{indent}- {_scalar_text(item)}\n"
            else:
                lines = "".join(_emit(item, indent + "  "))
                yield f"{indent}- {lines[len(indent) + 2:]}"


def _scalar(value) -> bool:
    return not isinstance(value, (dict, list)) or not value


def _scalar_text(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return repr(value)
    raise TypeError(f"corpus: cannot write {type(value).__name__} {value!r}")


def load_templates(data: Path) -> dict[str, Template]:
    """The five real plans, keyed by their jurisdiction, with their registries."""
    levels = {j["id"]: j["level"] for j in read_yaml(data / "jurisdictions.yaml")["jurisdictions"]}
    templates = {}
    for path in sorted((data / "plans").glob("*.yaml")):
        plan = read_yaml(path)
        jurisdiction = plan["jurisdiction"]
        registry = read_yaml(data / "departments" / f"{jurisdiction}.yaml")
        bodies = [dict(b, kind="department") for b in registry.get("departments") or ()]
        bodies += [dict(b, kind="group") for b in registry.get("groups") or ()]
        names = {n: b for b in bodies for n in (b["name"], *(b.get("aliases") or ()))}
        templates[jurisdiction] = Template(jurisdiction, levels[jurisdiction], plan, names, bodies)
    missing = set(TEMPLATE_ORDER) - set(templates)
    if missing:
        sys.exit(f"corpus: the real plans of {', '.join(sorted(missing))} are missing from {data}/plans")
    return templates


def substitution(template: str, level: str, target: Place) -> Callable[[str], str]:
    """One function that rewrites every string of a template for the target place."""
    spec = TEMPLATE_PLACE[template]
    pairs: list[tuple[str, str]] = []
    full, short = spec["names"]
    pairs += [(full, target.full), (short, target.short)]
    if "province" in spec:
        pairs += [(spec["province"][0], target.province.full), (spec["province"][1], target.province.short)]
    words = dict(pairs)
    rules = [(re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))),
              lambda m: words[m.group()])]
    if spec.get("abbr"):
        into = target.abbr + ("市" if spec["abbr"].endswith("市") else "")
        rules.append((re.compile(re.escape(spec["abbr"]) + DOC_NUMBER_TAIL), lambda m, into=into: into))
    if spec.get("province_abbr"):
        rules.append((re.compile(re.escape(spec["province_abbr"]) + DOC_NUMBER_TAIL),
                      lambda m: target.province.abbr))
    if level == "province" and target.level == "city":
        table = dict(PROVINCE_TO_CITY)
        rules.append((re.compile("|".join(table)), lambda m: table[m.group()]))

    def sub(text: str) -> str:
        for pattern, into in rules:
            text = pattern.sub(into, text)
        return text
    return sub


def walk(tasks):
    """Every node of a task tree, parents before children."""
    for task in tasks:
        yield task
        yield from walk(task.get("children") or ())


def rewrite_task(task: dict, sub, documents: Callable[[str], str], prefix: str, target_year) -> dict:
    """A copy of a task node (and its subtree) for the target place."""
    out = {"id": prefix + task["id"]}
    for key in ("number", "heading", "text"):
        if task.get(key) is not None:
            out[key] = sub(task[key]) if key != "number" else task[key]
    if task.get("assignment"):
        clause = task["assignment"]
        out["assignment"] = {k: (sub(v) if k == "source" else [sub(n) for n in v]) for k, v in clause.items()}
    if task.get("indicators"):
        out["indicators"] = [_indicator(i, sub, target_year) for i in task["indicators"]]
    if task.get("citations"):
        out["citations"] = [{"document": documents(c["document"]), "written": sub(c["written"])}
                            for c in task["citations"]]
    if task.get("children"):
        out["children"] = [rewrite_task(c, sub, documents, prefix, target_year) for c in task["children"]]
    return out


def _indicator(indicator: dict, sub, target_year) -> dict:
    out = dict(indicator, name=sub(indicator["name"]), phrase=sub(indicator["phrase"]))
    if out.get("year_inherited"):
        # a spliced section inherits the year of the plan it now stands in
        if target_year is None:
            out.pop("year_inherited")
        else:
            out["year"] = target_year
    return out


def prune(tasks: list[dict], rng: random.Random, top: bool = True) -> list[dict]:
    """The tree with some leaf tasks left out (never a whole section, never the top level)."""
    kept = []
    for task in tasks:
        children = task.get("children")
        if children:
            task = dict(task, children=prune(children, rng, top=False))
        elif not top and rng.random() < LEAF_DROP:
            continue
        kept.append(task)
    return kept or tasks[:1]


def sections(plan: dict) -> list[dict]:
    """Top-level nodes with children that carry at least one assignment: what can be spliced."""
    return [t for t in plan["tasks"] if t.get("children") and any(n.get("assignment") for n in walk(t["children"]))]


def synthetic_plan(template: Template, templates: dict[str, Template], target: PlaceData,
                   documents: dict[str, dict], rng: random.Random, plan_id: str) -> dict:
    """One plan for the target place from a template, with one section of another template spliced in."""
    place = target.place
    sub = substitution(template.jurisdiction, template.level, place)
    source = template.plan
    target_year = source.get("target_year")
    kept = prune(source["tasks"], rng)
    _note_bodies(target, template, sub, kept)
    tasks = [rewrite_task(t, sub, _document_copy(template, sub, target, documents), "", target_year) for t in kept]
    # a province takes sections of provincial plans only; a city takes any (provincial ones converted)
    others = [t for j, t in templates.items()
              if j != template.jurisdiction and sections(t.plan) and (place.level == "city" or t.level == "province")]
    if others and rng.random() < SPLICE:
        other = rng.choice(others)
        other_sub = substitution(other.jurisdiction, other.level, place)
        section = prune([rng.choice(sections(other.plan))], rng)[0]
        _note_bodies(target, other, other_sub, [section])
        spliced = rewrite_task(section, other_sub, _document_copy(other, other_sub, target, documents), "x-",
                               target_year)
        tasks.insert(rng.randint(1, len(tasks)), spliced)
    plan = {"id": plan_id, "title": sub(source["title"])}
    for key in ("issuer", "doc_number"):
        if source.get(key):
            plan[key] = sub(source[key])
    for key in ("dates", "status", "period", "target_year"):
        if source.get(key) is not None:
            plan[key] = copy.deepcopy(source[key])
    plan["jurisdiction"] = place.id
    plan["source"] = copy.deepcopy(source["source"])
    if source.get("derived"):
        plan["derived"] = {k: sub(v) for k, v in source["derived"].items()}
    plan["tasks"] = tasks
    if source.get("issuer") and source["issuer"] in template.names:
        target.used.setdefault((template.jurisdiction, template.names[source["issuer"]]["id"]), sub)
    return {k: plan[k] for k in ("id", "title", "issuer", "jurisdiction", "doc_number", "dates", "status", "period",
                                 "target_year", "source", "derived", "tasks") if k in plan}


def _note_bodies(target: PlaceData, template: Template, sub, tasks) -> None:
    """Remember every body of the template's registry that these (kept) tasks name."""
    for task in walk(tasks):
        for role in ROLES:
            for name in (task.get("assignment") or {}).get(role) or ():
                body = template.names[name]
                target.used.setdefault((template.jurisdiction, body["id"]), sub)


def _document_copy(template: Template, sub, target: PlaceData, documents: dict[str, dict]) -> Callable[[str], str]:
    """document id -> the id this place cites: a copy for documents of the template's own place."""
    def resolve(document_id: str) -> str:
        document = documents[document_id]
        rewritten = {k: sub(v) if k != "id" else v for k, v in document.items()}
        if rewritten == document:
            return document_id
        copy_id = f"{target.place.id}-{document_id}"
        target.documents[copy_id] = dict(rewritten, id=copy_id)
        return copy_id
    return resolve


def registry(target: PlaceData, templates: dict[str, Template]) -> dict:
    """The place's registry: the bodies its plans name, merged by name across templates.

    A body whose name another template's body already has joins that body (its other names become
    aliases); a name keeps its first owner, so every name written resolves to exactly one body.
    """
    owner: dict[str, dict] = {}
    merged: list[dict] = []
    ids: set[str] = set()
    members: dict[int, set[str]] = defaultdict(set)
    for template_id in TEMPLATE_ORDER:
        template = templates[template_id]
        for body in template.bodies:
            sub = target.used.get((template_id, body["id"]))
            if sub is None:
                continue
            names = list(dict.fromkeys(sub(n) for n in (body["name"], *(body.get("aliases") or ()))))
            into = next((owner[n] for n in names if n in owner), None)
            if into is None:
                into = {"kind": body["kind"], "id": _body_id(target.place.id, names[0], ids),
                        "name": names[0], "aliases": []}
                if body["kind"] == "department":
                    into["category"] = body["category"]
                merged.append(into)
            elif template_id in members[id(into)]:
                sys.exit(f"corpus: in {target.place.id}, two {template_id} bodies would share the name "
                         f"{names} after merging; change TEMPLATE_ORDER")
            members[id(into)].add(template_id)
            for name in names:
                if name not in owner:
                    owner[name] = into
                    if name != into["name"]:
                        into["aliases"].append(name)
            if body.get("full_name") and into["kind"] == "department" and "full_name" not in into:
                into["full_name"] = sub(body["full_name"])
    out = {"jurisdiction": target.place.id, "departments": [], "groups": []}
    for body in merged:
        kind = body.pop("kind")
        entry = {k: body[k] for k in ("id", "name", "aliases", "full_name", "category") if body.get(k)}
        out["departments" if kind == "department" else "groups"].append(entry)
    return out


def _body_id(place_id: str, name: str, ids: set[str]) -> str:
    """The place's id for a body, made as the importer makes them: place + pinyin of the name."""
    base = f"{place_id}-{_slug(name)}"
    candidate, n = base, 2
    while candidate in ids:
        candidate, n = f"{base}{n}", n + 1
    ids.add(candidate)
    return candidate


@functools.cache
def _slug(name: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name)).lower()) or "body"


def distribute(count: int, rng: random.Random) -> list[Place]:
    """The places for ``count`` synthetic plans: about 3.5 plans a place, drawn from the pool,
    a sixth of them provinces (provincial templates go to provinces and cities alike, city
    templates only to cities)."""
    provinces, cities = pool()
    wanted = max(1, math.ceil(count / PLANS_PER_PLACE))
    n_provinces = min(len(provinces), max(1, wanted // 6))
    n_cities = min(len(cities), wanted - n_provinces)
    return rng.sample(provinces, n_provinces) + rng.sample(cities, n_cities)


def generate(n: int, seed: int, out: Path, data: Path = ROOT / "data") -> dict:
    """Write the corpus folder; returns a summary (plans, places, bodies, tasks)."""
    if n < 5:
        sys.exit("corpus: --plans must be at least 5 (the real plans)")
    if out.exists():
        shutil.rmtree(out)
    (out / "plans").mkdir(parents=True)
    (out / "departments").mkdir()
    for name in ("categories.yaml", "metrics.yaml", "themes.yaml"):  # shared by every place (themes optional)
        if (data / name).is_file():
            shutil.copyfile(data / name, out / name)
    for path in sorted((data / "plans").glob("*.yaml")):
        shutil.copyfile(path, out / "plans" / path.name)
    for path in sorted((data / "departments").glob("*.yaml")):
        shutil.copyfile(path, out / "departments" / path.name)
    templates = load_templates(data)
    jurisdictions = read_yaml(data / "jurisdictions.yaml")
    documents = read_yaml(data / "documents.yaml")
    by_id = {d["id"]: d for d in documents["documents"]}
    rng = random.Random(f"corpus:{seed}")
    places = [PlaceData(p) for p in distribute(n - 5, rng)]
    order = list(TEMPLATE_ORDER)
    ids: set[str] = set()
    tasks = 0
    for index in range(n - 5):
        if index % len(order) == 0:
            rng.shuffle(order)
        template = templates[order[index % len(order)]]
        candidates = [p for p in places if template.level == "province" or p.place.level == "city"]
        target = min(candidates, key=lambda p: (len(p.plans), rng.random()))
        plan_id = _plan_id(target.place.id, template, ids)
        plan = synthetic_plan(template, templates, target, by_id, random.Random(f"plan:{seed}:{index}"),
                              plan_id)
        target.plans.append(plan)
        tasks += sum(1 for t in walk(plan["tasks"]) if t.get("assignment"))
    used_places = [p for p in places if p.plans]
    for target in used_places:
        reg = registry(target, templates)
        verify(target, reg)
        write_yaml(out / "departments" / f"{target.place.id}.yaml", reg)
        for plan in target.plans:
            write_yaml(out / "plans" / f"{plan['id']}.yaml", plan)
    for target in used_places:
        place = target.place
        entry = {"id": place.id, "name": place.full, "level": place.level}
        if place.province:
            entry["province"] = place.province.full
        jurisdictions["jurisdictions"].append(entry)
        documents["documents"] += [target.documents[k] for k in sorted(target.documents)]
    if used_places:
        write_yaml(out / "jurisdictions.yaml", jurisdictions)
        write_yaml(out / "documents.yaml", documents)
    else:  # N = 5: the real data, byte for byte
        for name in ("jurisdictions.yaml", "documents.yaml"):
            shutil.copyfile(data / name, out / name)
    return {"plans": n, "synthetic": n - 5, "places": len(used_places), "assigned tasks (synthetic)": tasks}


def _plan_id(place_id: str, template: Template, ids: set[str]) -> str:
    base = f"{place_id}-{template.plan['id'].removeprefix(template.jurisdiction + '-')}"
    candidate, n = base, 2
    while candidate in ids:
        candidate, n = f"{base}-{n}", n + 1
    ids.add(candidate)
    return candidate


def verify(target: PlaceData, reg: dict) -> None:
    """The rules a recombined plan could break, checked as the generator checks them: every name
    resolves in the registry, once per task, and stands in its clause; phrases and citations
    stand in the text, values in the phrase."""
    names = {n: b["id"] for b in reg["departments"] + reg["groups"] for n in (b["name"], *b.get("aliases", ()))}
    for plan in target.plans:
        for task in walk(plan["tasks"]):
            where = f"{plan['id']} {task['id']}"
            body_text = re.sub(r"\s+", "", (task.get("heading") or "") + (task.get("text") or ""))
            assignment = task.get("assignment") or {}
            seen = set()
            for role in ROLES:
                for name in assignment.get(role) or ():
                    if name not in names:
                        sys.exit(f"corpus: {where}: '{name}' is not in the registry of {target.place.id}")
                    if names[name] in seen:
                        sys.exit(f"corpus: {where}: '{name}' names a body already named for this task")
                    seen.add(names[name])
                    if assignment.get("source") and not _in_clause(name, assignment["source"]):
                        sys.exit(f"corpus: {where}: '{name}' is not in the clause {assignment['source']}")
            for words in [i["phrase"] for i in task.get("indicators") or ()] + \
                         [c["written"] for c in task.get("citations") or ()]:
                if re.sub(r"\s+", "", words) not in body_text:
                    sys.exit(f"corpus: {where}: '{words}' is not in the text any more")


def _in_clause(name: str, clause: str) -> bool:
    # the generator's rule: also inside a compound sharing a prefix (各市州党委、政府)
    return name in clause or any(name[:cut] in clause and f"、{name[cut:]}" in clause for cut in range(1, len(name) - 1))


def run_check(out: Path) -> int:
    """``python -m generator check`` on the corpus, in-process; the number of errors."""
    sys.path.insert(0, str(ROOT))
    from generator.load import check
    from generator.problems import errors

    handbook, problems = check(out)
    errs = errors(problems)
    for problem in errs[:20]:
        print(problem, file=sys.stderr)
    print(f"check: {len(errs)} errors, {len(problems) - len(errs)} warnings")
    return len(errs)


def main(argv=None) -> int:
    """Command line: write the corpus, print what it holds and how long it took."""
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--plans", type=int, required=True, help="number of plans (5 = the real data)")
    parse.add_argument("--seed", type=int, default=1, help="seed of the corpus (default 1)")
    parse.add_argument("--out", type=Path, required=True, help="data folder to write (replaced whole)")
    parse.add_argument("--data", type=Path, default=ROOT / "data", help="the real data folder (default: data/)")
    parse.add_argument("--check", action="store_true", help="run the generator's check on the result")
    args = parse.parse_args(argv)
    started = time.perf_counter()
    summary = generate(args.plans, args.seed, args.out, args.data)
    print(", ".join(f"{k}: {v}" for k, v in summary.items()) + f"; written in {time.perf_counter() - started:.1f} s")
    return 1 if args.check and run_check(args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
