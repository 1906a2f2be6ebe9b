"""Load data/: read every file, validate it, link it, judge it with the rules; all problems at once."""

from __future__ import annotations

import functools
import gc
from pathlib import Path

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
def check(data_dir: Path) -> tuple[Handbook | None, list[Problem]]:
    """Read, validate, link and judge ``data_dir``; the handbook is None when there are errors."""
    data_dir = Path(data_dir)
    folder = rules.Node(data_dir, data_dir.name, lambda keys: Location(data_dir.name))
    if not data_dir.is_dir():
        return None, rules.run("data-root", rules.Node(data_dir, str(data_dir), lambda keys: Location(str(data_dir))))
    problems = rules.run("data-folder", folder, tuple(SINGLE_FILES), FOLDERS)
    files = {name: _read_checked(data_dir, data_dir / name, fields, problems)
             for name, fields in {**SINGLE_FILES, **OPTIONAL_FILES}.items() if (data_dir / name).is_file()}
    registries = [f for p in _yaml_files(data_dir, "departments") if (f := _read_checked(data_dir, p, schema.REGISTRY, problems))]
    plan_files = [f for p in _yaml_files(data_dir, "plans") if (f := _read_checked(data_dir, p, schema.PLAN, problems))]
    if errors(problems):
        return None, sorted(problems, key=Problem.sort_key)
    validated = _models(files, registries, plan_files)
    handbook = link(validated)
    problems += check_models(validated, handbook)
    problems.sort(key=Problem.sort_key)
    return (None if errors(problems) else handbook), problems


def load(data_dir: Path) -> Handbook:
    """The linked handbook, or DataError listing every problem."""
    handbook, problems = check(data_dir)
    if handbook is None:
        raise DataError(problems)
    return handbook


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
