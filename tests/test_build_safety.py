"""Nothing is lost: a failed `mkdocs build` leaves the previous site, hand-written pages are never replaced."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .conftest import copy_project, mkdocs


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project (config, docs, hooks, data) to break."""
    return copy_project(tmp_path)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    return mkdocs("build", cwd=project)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_data_error_stops_the_build_and_keeps_the_previous_site(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    plan = project / "data" / "plans" / "anhui-quality-improvement.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("- 省农委\n", "- 省农业委\n", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "no department or group of anhui is called '省农业委'" in result.stderr
    assert "did you mean '省农委'?" in result.stderr
    assert "data/plans/anhui-quality-improvement.yaml:" in result.stderr
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_strict_warning_keeps_the_previous_site(project):
    assert mkdocs_build(project).returncode == 0
    before = snapshot(project / "site")
    (project / "docs" / "notes.md").write_text("[broken](nowhere.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1 and "strict mode" in result.stdout + result.stderr
    assert snapshot(project / "site") == before


def test_hand_written_page_on_a_generated_path_is_an_error(project):
    (project / "docs" / "plans").mkdir()
    mine = project / "docs" / "plans" / "anhui-quality-improvement.md"
    mine.write_text("# 手写\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "docs/plans/anhui-quality-improvement.md is a hand-written page" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# 手写\n"
    assert not (project / "site").exists()


def test_build_writes_nothing_into_docs(project):
    before = snapshot(project / "docs")
    assert mkdocs_build(project).returncode == 0
    assert snapshot(project / "docs") == before
