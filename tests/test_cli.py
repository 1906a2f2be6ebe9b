"""The command line: exit codes, messages on stderr, Markdown written to a folder."""

import subprocess
import sys

from .conftest import ROOT, golden_data


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_check_clean_data_exits_0():
    result = run("check")
    assert result.returncode == 0 and "0 error(s), 0 warning(s)" in result.stdout


def test_check_bad_data_exits_1_with_all_problems(tmp_path):
    data = golden_data("bad-shape", tmp_path)
    result = run("--data", data, "check")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("9 error(s), 0 warning(s) in data/")
    assert "did you mean 'title'?" in result.stderr


def test_build_writes_markdown_and_api(tmp_path, minimal_data):
    out = tmp_path / "out"
    result = run("--data", minimal_data, "build", "--out", out)
    assert result.returncode == 0, result.stderr
    assert (out / "plans" / "testprov-plan.md").is_file()
    assert (out / "api" / "departments.json").is_file()


def test_build_refuses_a_hand_written_folder_with_exit_2(tmp_path, minimal_data):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("mine")
    result = run("--data", minimal_data, "build", "--out", docs)
    assert result.returncode == 2 and "did not write" in result.stderr
    assert (docs / "about.md").read_text() == "mine"


def test_failed_build_leaves_previous_output(tmp_path, minimal_data):
    out = tmp_path / "out"
    assert run("--data", minimal_data, "build", "--out", out).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (minimal_data / "metrics.yaml").write_text("metrics: [\n")
    assert run("--data", minimal_data, "build", "--out", out).returncode == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_missing_data_folder_exits_2(tmp_path):
    result = run("--data", tmp_path / "nowhere", "check")
    assert result.returncode == 2 and "does not exist" in result.stderr
