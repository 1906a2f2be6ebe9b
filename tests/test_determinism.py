"""The same data gives the same site, byte for byte; no date comes from the clock."""

from __future__ import annotations

import datetime
import gzip
import io
import os
import shutil
import subprocess
from pathlib import Path

from generator import dates, routes

from .conftest import ROOT, mkdocs


def build(out: Path, env_extra: dict) -> dict[str, bytes]:
    run = mkdocs("build", "--strict", "-d", out, env={"SOURCE_DATE_EPOCH": None, **env_extra})
    assert run.returncode == 0, run.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "a", {})
    second = build(tmp_path / "b", {"TZ": "Asia/Shanghai", "LC_ALL": "C.UTF-8"})
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_markdown_is_identical_across_loads(handbook):
    from generator import load
    assert routes.pages(load(ROOT / "data")) == routes.pages(handbook)


def test_site_date_is_the_data_date_not_the_clock(tmp_path, handbook):
    """Outside git the build is dated by the latest date the data states (2024-01-15), not today."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    site = build(tmp_path / "site", {"HANDBOOK_DATA_DIR": str(data)})
    with gzip.GzipFile(fileobj=io.BytesIO(site["sitemap.xml.gz"])) as gz:
        gz.read()
        stamped = datetime.datetime.fromtimestamp(gz.mtime, datetime.timezone.utc).date()
    latest = max(d for p in handbook.plans.values() for d in (p.written, p.published, p.effective) if d)
    assert stamped.isoformat() == latest
    assert dates.build_epoch(handbook, data) == int(datetime.datetime.fromisoformat(latest)
                                                    .replace(tzinfo=datetime.timezone.utc).timestamp())


def test_epoch_in_git_is_the_last_data_commit(tmp_path, handbook):
    """In a git checkout the build is dated by the last commit that touched data/ (not a later
    commit elsewhere, not the clock): a repository made here with two dated commits."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    (repo / "README.md").write_text("x\n", encoding="utf-8")

    def git(*args, date=None):
        env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.invalid", "PATH": os.environ["PATH"], "HOME": str(tmp_path)}
        if date:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "data")
    git("commit", "-qm", "data", date="2021-05-06T07:08:09Z")
    git("add", "README.md")
    git("commit", "-qm", "readme only", date="2022-01-01T00:00:00Z")
    expected = int(datetime.datetime(2021, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc).timestamp())
    assert dates.build_epoch(handbook, repo / "data") == expected
