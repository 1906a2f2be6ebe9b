"""Load data/: read every file, validate it, link it; all problems at once."""

from __future__ import annotations

from pathlib import Path

from . import schema, validate
from .link import Handbook, Sources, link
from .problems import DataError, Location, Problem, errors
from .read import YamlFile, read_file

SINGLE_FILES = {
    "jurisdictions.yaml": schema.JURISDICTIONS,
    "categories.yaml": schema.CATEGORIES,
    "documents.yaml": schema.DOCUMENTS,
    "metrics.yaml": schema.METRICS,
}
# Optional: a handbook without themes.yaml has no themes (a task naming one is then an error).
OPTIONAL_FILES = {"themes.yaml": schema.THEMES}


def check(data_dir: Path) -> tuple[Handbook | None, list[Problem]]:
    """Read, validate and link ``data_dir``; the handbook is None when there are errors."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(Location(str(data_dir)), "", "the data folder does not exist",
                              "run from the project folder, or point HANDBOOK_DATA_DIR at data/")]
    problems: list[Problem] = []
    files: dict[str, YamlFile] = {}
    for name, fields in SINGLE_FILES.items():
        file = _read_checked(data_dir, data_dir / name, fields, problems)
        if file:
            files[name] = file
    for name, fields in OPTIONAL_FILES.items():
        file = _read_checked(data_dir, data_dir / name, fields, problems) if (data_dir / name).exists() else None
        if file:
            files[name] = file
    registries = [f for f in (_read_checked(data_dir, p, schema.REGISTRY, problems)
                              for p in _yaml_files(data_dir / "departments", problems, data_dir)) if f]
    plan_files = [f for f in (_read_checked(data_dir, p, schema.PLAN, problems)
                              for p in _yaml_files(data_dir / "plans", problems, data_dir)) if f]
    if not plan_files and not errors(problems):
        problems.append(Problem(Location(_display(data_dir, data_dir / "plans")), "", "no plan files found",
                                "add data/plans/<plan-id>.yaml"))
    if errors(problems):
        return None, sorted(problems, key=Problem.sort_key)
    sources = _models(files, registries, plan_files)
    handbook, link_problems = link(sources)
    problems += link_problems
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


def _yaml_files(folder: Path, problems: list[Problem], data_dir: Path) -> list[Path]:
    if not folder.is_dir():
        problems.append(Problem(Location(_display(data_dir, folder)), "", "folder is missing",
                                f"create {_display(data_dir, folder)}/"))
        return []
    for stray in sorted(folder.glob("*.yml")):
        problems.append(Problem(Location(_display(data_dir, stray)), "", "file ignored: data files end in .yaml",
                                f"rename it to {stray.stem}.yaml"))
    return sorted(folder.glob("*.yaml"))


def _read_checked(data_dir: Path, path: Path, fields: dict, problems: list[Problem]) -> YamlFile | None:
    name = _display(data_dir, path)
    if not path.is_file():
        problems.append(Problem(Location(name), "", "required file is missing", f"create {name}"))
        return None
    file, read_problems = read_file(path, name)
    problems += read_problems
    if file is None:
        return None
    shape = validate.check(file, fields)
    problems += shape
    return None if errors(shape) or errors(read_problems) else file


def _listed(file: YamlFile, key: str):
    return [(item, file, (key, i)) for i, item in enumerate(file.data.get(key) or ())]


def _models(files: dict[str, YamlFile], registries: list[YamlFile], plan_files: list[YamlFile]) -> Sources:
    from . import model
    departments, groups = [], []
    for file in registries:
        made_departments, made_groups = validate.registry(file)
        departments += [(d, file, ("departments", i)) for i, d in enumerate(made_departments)]
        groups += [(g, file, ("groups", i)) for i, g in enumerate(made_groups)]
    jf, cf, df, mf = (files[n] for n in SINGLE_FILES)
    return Sources(
        jurisdictions=[(model.Jurisdiction(j["id"], j["name"], j["level"], j.get("province")), f, p)
                       for j, f, p in _listed(jf, "jurisdictions")],
        categories=[(model.Category(c["id"], c["name"]), f, p) for c, f, p in _listed(cf, "categories")],
        departments=departments, groups=groups,
        registries=[(f.data["jurisdiction"], f) for f in registries],
        documents=[(validate.document(d), f, p) for d, f, p in _listed(df, "documents")],
        metrics=[(validate.metric(m), f, p) for m, f, p in _listed(mf, "metrics")],
        plans=[(validate.plan(f), f) for f in plan_files],
        themes=[(validate.theme(t), f, p) for t, f, p in _listed(files["themes.yaml"], "themes")]
        if "themes.yaml" in files else [])
