"""Shared paths and fixtures. Every test builds what it needs in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(os.environ.get("HANDBOOK_SOURCES", ROOT.parent / "shared" / "seeds"))
FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "："})  # the seeds as most plans are published
PROJECT_FILES = ("mkdocs.yml", "docs", "hooks", "data", "overrides")


def copy_project(into: Path) -> Path:
    """A copy of what `mkdocs build` reads (config, docs, hooks, data), to break or to serve."""
    project = into / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    return project


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs` command; ``env`` adds variables (a None value removes one)."""
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    return subprocess.run([sys.executable, "-m", "mkdocs", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=environ)


def golden_data(case: str, into: Path) -> Path:
    """A data/ folder for a golden case: minimal/data with the case's files laid over it."""
    target = into / "data"
    shutil.copytree(GOLDEN / "minimal" / "data", target)
    overlay = GOLDEN / case / "data"
    if case != "minimal" and overlay.is_dir():
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    removed = GOLDEN / case / "remove.txt"  # paths of minimal/data the case deletes (a missing file)
    for name in removed.read_text(encoding="utf-8").split() if removed.is_file() else ():
        (shutil.rmtree if (target / name).is_dir() else os.remove)(target / name)
    return target


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid handbook."""
    return golden_data("minimal", tmp_path)


@pytest.fixture(scope="session")
def handbook():
    """The real handbook, loaded from data/."""
    from generator import load
    return load(DATA)


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory) -> Path:
    """The real site, built once for the browser tests of pages."""
    from .browser import build
    return build(tmp_path_factory.mktemp("browser") / "site")


@pytest.fixture(scope="session")
def site_url(browser_site):
    """The built site served on 127.0.0.1."""
    from .browser import serve
    with serve(browser_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Playwright's sync API allows one running at a time,
    and the search test starts its own)."""
    from .browser import chromium
    with chromium() as instance:
        yield instance
