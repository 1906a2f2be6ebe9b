"""A clean first run: the wheel `pip install .` makes holds the whole command line (importer and
templates included) and builds without setuptools' "package would be ignored" warnings.

Offline: the wheel is built without build isolation (setuptools is a test dependency) and installed
with --no-deps into a fresh venv; the dependencies come from this venv through PYTHONPATH, which
(unlike site-packages) runs no .pth file, so the editable install of this checkout cannot leak in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .conftest import DATA, ROOT


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def test_wheel_installs_a_working_command_line(tmp_path: Path):
    build = run(sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", tmp_path / "wheels", ROOT)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "would be ignored" not in build.stdout + build.stderr
    wheel = next((tmp_path / "wheels").glob("*.whl"))

    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv).returncode == 0
    python = venv / "bin" / "python"
    install = run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    assert install.returncode == 0, install.stderr

    work = tmp_path / "work"
    shutil.copytree(DATA, work / "data")
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = run(python, "-c", "import generator.importer, generator; print(generator.__file__)", cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(venv), "generator must come from the installed wheel"
    helped = run(python, "-m", "generator", "--help", cwd=work, env=env)
    assert helped.returncode == 0 and "import" in helped.stdout, helped.stderr
    checked = run(python, "-m", "generator", "check", cwd=work, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
