"""The change report: a moved task and a changed indicator, read from two snapshots."""

from __future__ import annotations

import shutil
import subprocess
import sys

from generator import api, changes, check

from .conftest import golden_data


def test_moved_task_and_changed_indicator(tmp_path):
    before = golden_data("minimal", tmp_path / "a")
    after = golden_data("minimal", tmp_path / "b")
    plan = after / "plans" / "testprov-plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = (text.replace("(省质监局牵头,交通厅", "(交通厅牵头,省质监局").replace("lead: [省质监局]", "lead: [交通厅]")
            .replace("responsible: [交通厅, 各市人民政府]", "responsible: [省质监局, 各市人民政府]")
            .replace("达到98.5%以上", "达到99%以上").replace("value: 98.5", "value: 99"))
    plan.write_text(text, encoding="utf-8")
    snap_before = api.snapshot(check(before)[0])
    snap_after = api.snapshot(check(after)[0])
    found = changes.compare(snap_before, snap_after)
    moved = {(d["body"], d["role"]) for d in found.assignments["added"]}
    assert moved == {("testprov-jiaotongyunshuting", "lead"), ("testprov-shengzhijianju", "responsible")}
    assert {(d["body"], d["role"]) for d in found.assignments["removed"]} == {
        ("testprov-shengzhijianju", "lead"), ("testprov-jiaotongyunshuting", "responsible")}
    [(old, new, fields)] = found.indicators["changed"]
    assert (old["value"], new["value"]) == (98.5, 99) and "value" in fields
    assert [t["id"] for t, _ in found.tasks["changed"]] == ["t1-1"]
    # both departments moved; the group's page shows t1-1's label, which the new value changes
    assert [i for i, _ in found.department_pages] == [
        "testprov-geshirenminzhengfu", "testprov-jiaotongyunshuting", "testprov-shengzhijianju"]
    report = changes.markdown(found)
    assert "| added | testprov-plan | t1-1 | 交通运输厅 (`testprov-jiaotongyunshuting`) | lead (牵头) |" in report
    assert "reach 98.5%" not in report and "at-least 98.5% (2020) | at-least 99% (2020)" in report


def test_no_change(tmp_path):
    data = golden_data("minimal", tmp_path)
    snap = api.snapshot(check(data)[0])
    assert changes.compare(snap, snap).empty()
    assert "No change" in changes.markdown(changes.compare(snap, snap))


def test_command_line_against_a_built_folder_and_a_git_revision(tmp_path):
    data = golden_data("minimal", tmp_path)
    out = tmp_path / "built"
    run = lambda *a: subprocess.run([sys.executable, "-m", "generator", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True, cwd=tmp_path)
    assert run("--data", data, "build", "--out", out).returncode == 0
    assert "No change" in run("--data", data, "changes", out).stdout
    shutil.copytree(data, tmp_path / "repo" / "data")
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp_path / "repo", check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data")
    result = subprocess.run([sys.executable, "-m", "generator", "--data", "data", "changes", "HEAD"],
                            cwd=tmp_path / "repo", capture_output=True, text=True)
    assert result.returncode == 0 and "No change" in result.stdout
    missing = run("--data", data, "changes", "no-such-revision")
    assert missing.returncode == 2 and "neither a built site" in missing.stderr
