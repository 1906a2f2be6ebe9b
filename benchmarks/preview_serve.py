"""How long from saving an edited plan YAML to its rebuilt page under `mkdocs serve`, full and preview.

    python benchmarks/preview_serve.py --plans 300 [--modes preview full] [--timeout 600]

Writes a corpus of N plans (``corpus.py``, seed 1) into a temporary project made of this checkout's
mkdocs.yml, docs/, overrides/ and hooks/, starts `mkdocs serve` (with HANDBOOK_PREVIEW=<the plan>
for ``preview``), waits for the first build, appends a word to one task of one plan and polls the
plan's page until it shows it. Prints seconds to first serve and from the save to the page. A
benchmark that prints figures, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

PLAN = "anhui-quality-improvement"
WORD = "指导思想"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page(port: int, path: str) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def measure(project: Path, mode: str, timeout: float) -> tuple[float, float]:
    """(seconds to the first page served, seconds from the save to the edited page)."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("HANDBOOK_PREVIEW", None)
    if mode == "preview":
        env["HANDBOOK_PREVIEW"] = PLAN
    start = time.monotonic()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    log: list[str] = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True).start()
    try:
        while not any("Serving on" in line for line in log):
            if time.monotonic() - start > timeout or server.poll() is not None:
                raise SystemExit("".join(log[-30:]))
            time.sleep(0.1)
        served = time.monotonic() - start
        plan = project / "data" / "plans" / f"{PLAN}.yaml"
        text = plan.read_text(encoding="utf-8")
        marker = f"{WORD}{mode}改"
        plan.write_text(text.replace(WORD, marker, 1), encoding="utf-8")
        saved = time.monotonic()
        while marker not in page(port, f"/plans/{PLAN}/"):
            if time.monotonic() - saved > timeout:
                raise SystemExit("the edit never showed\n" + "".join(log[-30:]))
            time.sleep(0.1)
        shown = time.monotonic() - saved
        plan.write_text(text, encoding="utf-8")
        return served, shown
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--modes", nargs="+", default=["preview", "full"], choices=["preview", "full"])
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
        corpus.generate(args.plans, 1, project / "data")
        print(f"| N | mode | first page served (s) | save → edited page (s) |\n| ---: | --- | ---: | ---: |")
        for mode in args.modes:
            served, shown = measure(project, mode, args.timeout)
            print(f"| {args.plans} | {mode} | {served:.1f} | {shown:.1f} |", flush=True)


if __name__ == "__main__":
    main()
