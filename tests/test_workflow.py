"""The GitHub Actions workflow is valid (actionlint) and runs what .ci/run runs."""

import shutil
import subprocess

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "handbook.yml"


def test_actionlint_passes():
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is not installed: pip install -e '.[test]'"
    result = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_and_ci_run_the_same_checks():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in ("python -m generator check", "python -m pytest"):
        assert step in workflow and step in ci
    for path in ("data/**", "generator/**", "hooks/**", "docs/**", "mkdocs.yml"):
        assert path in workflow
