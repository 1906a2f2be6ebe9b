"""Load data/: read every file, validate it, link it, judge it with the rules; all problems at once."""

from __future__ import annotations

import dataclasses
import functools
import gc
import re
from pathlib import Path
from typing import Iterable

from . import model, rules, schema, validate
from .link import Handbook, link
from .problems import DataError, Location, Problem, errors
from .read import YamlFile, read_file
from .rules.context import check_models
from .validate import Located, Validated

SINGLE_FILES = {
    "jurisdictions.yaml": schema.JURISDICTIONS,
    "categories.yaml": schema.CATEGORIES,
    "documents.yaml": schema.DOCUMENTS,
    "metrics.yaml": schema.METRICS,
}
FOLDERS = ("departments", "plans")
# Optional: a handbook without themes.yaml has no themes (a task naming one is then an error).
OPTIONAL_FILES = {"themes.yaml": schema.THEMES}


def _without_cycle_collection(function):
    """Run ``function`` with CPython's cycle collector paused (and resumed after, if it was on).

    Loading allocates millions of objects that all stay alive (the data, the models, the index) and
    makes no garbage cycles; the collector would walk that growing heap again and again, about a
    fifth of the load's time at 300 plans, and free nothing. Memory is still freed by reference
    counting; any cycle made meanwhile is collected once the collector runs again."""
    @functools.wraps(function)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused


@_without_cycle_collection
def check(data_dir: Path, only: Iterable[str] | None = None) -> tuple[Handbook | None, list[Problem]]:
    """Read, validate, link and judge ``data_dir``; the handbook is None when there are errors.

    ``only`` (a preview, `mkdocs serve` with HANDBOOK_PREVIEW): plan and jurisdiction ids; then only
    those plans and the plans of those jurisdictions are read, with the shared files and the
    registries of their jurisdictions and provinces (``preview_files``), and only the problems of
    the files read that hold in part of the data are reported (``PREVIEW_SKIPS``)."""
    data_dir = Path(data_dir)
    folder = rules.Node(data_dir, data_dir.name, lambda keys: Location(data_dir.name))
    if not data_dir.is_dir():
        return None, rules.run("data-root", rules.Node(data_dir, str(data_dir), lambda keys: Location(str(data_dir))))
    problems = rules.run("data-folder", folder, tuple(SINGLE_FILES), FOLDERS)
    files = {name: _read_checked(data_dir, data_dir / name, fields, problems)
             for name, fields in {**SINGLE_FILES, **OPTIONAL_FILES}.items() if (data_dir / name).is_file()}
    registry_paths, plan_paths = _yaml_files(data_dir, "departments"), _yaml_files(data_dir, "plans")
    if only is not None:
        if "jurisdictions.yaml" not in files:
            return None, sorted(problems, key=Problem.sort_key)
        registry_paths, plan_paths = preview_files(data_dir, files["jurisdictions.yaml"], set(only), plan_paths,
                                                   problems)
    registries = [f for p in registry_paths if (f := _read_checked(data_dir, p, schema.REGISTRY, problems))]
    plan_files = [f for p in plan_paths if (f := _read_checked(data_dir, p, schema.PLAN, problems))]
    if errors(problems):
        return None, sorted(problems, key=Problem.sort_key)
    validated = _models(files, registries, plan_files)
    handbook = link(validated)
    found = check_models(validated, handbook)
    problems += found if only is None else [p for p in found if p.code not in PREVIEW_SKIPS]
    if only is not None and not errors(problems):
        handbook = link(_documents_of(validated, handbook))  # judged whole, shown as the part needs
    problems.sort(key=Problem.sort_key)
    return (None if errors(problems) else handbook), problems


def load(data_dir: Path, only: Iterable[str] | None = None) -> Handbook:
    """The linked handbook (of part of the data with ``only``), or DataError listing every problem."""
    handbook, problems = check(data_dir, only)
    if handbook is None:
        raise DataError(problems)
    return handbook


_TOP_KEY = {key: re.compile(rf"^{key}:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE) for key in ("id", "jurisdiction")}


def plan_heads(paths: Iterable[Path]) -> dict[Path, tuple[str | None, str | None]]:
    """path -> (id, jurisdiction) of each plan file, read from its top-level lines without parsing
    the YAML (a preview reads the plans of one place out of hundreds). A file whose keys this does
    not find is read in full, so a preview never misses a plan it names."""
    out = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        out[path] = tuple((m.group(1) if (m := _TOP_KEY[key].search(text)) else None) for key in ("id", "jurisdiction"))
    return out


def preview_files(data_dir: Path, jurisdictions: YamlFile, only: set[str], plan_paths: list[Path],
                  problems: list[Problem]) -> tuple[list[Path], list[Path]]:
    """The registries and plan files a preview of ``only`` (plan or jurisdiction ids) reads: the plans
    named or of a place named, and the registries of their places and of those places' provinces."""
    places = {j.get("id"): j for j in jurisdictions.data.get("jurisdictions") or () if isinstance(j, dict)}
    heads = plan_heads(plan_paths)
    plans = [p for p, (plan_id, place) in heads.items()
             if p.stem in only or plan_id is None or place is None or plan_id in only or place in only]
    for unknown in sorted(only - {plan_id for plan_id, _ in heads.values()} - set(places)):
        problems.append(Problem(Location("HANDBOOK_PREVIEW"), "HANDBOOK_PREVIEW", f"'{unknown}' is neither a plan id "
                                "nor a jurisdiction id", "name plans (their id:) or jurisdictions, comma-separated",
                                unknown))
    involved = {heads[p][1] for p in plans} | (only & set(places))
    provinces = {j.get("province") for i, j in places.items() if i in involved}
    involved |= {i for i, j in places.items() if j.get("level") == "province" and j.get("name") in provinces}
    registries = [p for p in _yaml_files(data_dir, "departments") if p.stem in involved]
    return registries, plans


def _documents_of(validated: Validated, handbook: Handbook) -> Validated:
    """A preview's models with only the documents its plans and registries refer to (most of
    documents.yaml is cited by plans the preview does not read, and each document is a page)."""
    used = set(handbook.citations) | set(handbook.document_of_plan.values())
    used |= {c.document for plan in handbook.plans.values() for c in plan.implements}
    used |= {d.successor.basis for d in handbook.departments.values() if getattr(d, "successor", None)}
    return dataclasses.replace(validated, documents=[d for d in validated.documents if d.item.id in used])


# Rules that judge the whole data set, wrong about a part of it: a department no loaded plan names,
# a registry or a plan the preview did not read.
PREVIEW_SKIPS = frozenset({"H207"})


def _display(data_dir: Path, path: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _yaml_files(data_dir: Path, folder: str) -> list[Path]:
    return sorted((data_dir / folder).glob("*.yaml")) if (data_dir / folder).is_dir() else []


def _read_checked(data_dir: Path, path: Path, fields: dict, problems: list[Problem]) -> YamlFile | None:
    file, read_problems = read_file(path, _display(data_dir, path))
    problems += read_problems
    if file is None:
        return None
    shape = validate.shape_problems(file, fields)
    problems += shape
    return None if errors(shape) or errors(read_problems) else file


def _listed(file: YamlFile, key: str, make) -> list[Located]:
    return [Located(make(item), file, (key, i)) for i, item in enumerate(file.data.get(key) or ())]


def _models(files: dict[str, YamlFile], registries: list[YamlFile], plan_files: list[YamlFile]) -> Validated:
    departments, groups = [], []
    for file in registries:
        made_departments, made_groups = validate.registry(file)
        departments += [Located(d, file, ("departments", i)) for i, d in enumerate(made_departments)]
        groups += [Located(g, file, ("groups", i)) for i, g in enumerate(made_groups)]
    return Validated(
        jurisdictions=_listed(files["jurisdictions.yaml"], "jurisdictions", lambda j: model.Jurisdiction(
            j["id"], j["name"], j["level"], j.get("province"))),
        categories=_listed(files["categories.yaml"], "categories", lambda c: model.Category(c["id"], c["name"])),
        departments=departments, groups=groups,
        registries=[Located(f.data["jurisdiction"], f, ("jurisdiction",)) for f in registries],
        documents=_listed(files["documents.yaml"], "documents", validate.document),
        metrics=_listed(files["metrics.yaml"], "metrics", validate.metric),
        plans=[Located(validate.plan(f), f) for f in plan_files],
        themes=_listed(files["themes.yaml"], "themes", validate.theme) if files.get("themes.yaml") else [])
