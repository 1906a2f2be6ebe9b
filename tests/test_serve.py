"""`mkdocs serve` reflects a YAML edit with exactly one rebuild (no rebuild loop)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from .conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def fetch(port: int, path: str) -> str:
    """The page's text; a request that waits more than 10 s fails the test (it would hang a browser)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as page:
        return page.read().decode("utf-8")


@contextlib.contextmanager
def serving(project, **env):
    """`mkdocs serve` of ``project`` with ``env`` set: (port, its log lines so far, how many builds it
    has finished), once it serves; stopped afterwards."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env))
    log: list[str] = []
    reader = threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True)
    reader.start()
    try:
        assert wait_for(lambda: any("Serving on" in line for line in log), 60), "".join(log)
        yield port, log, lambda: sum("Documentation built" in line for line in log)
    finally:
        server.terminate()
        server.wait(timeout=20)
        reader.join(timeout=5)
        server.stdout.close()


def test_yaml_edit_rebuilds_exactly_once(tmp_path):
    project = copy_project(tmp_path)
    with serving(project) as (port, log, builds):
        assert builds() == 1
        plan = project / "data" / "plans" / "anhui-quality-improvement.yaml"
        before = plan.read_text(encoding="utf-8")
        edited = before.replace("指导思想", "指导思想改", 1)
        assert edited != before, "the edit must change the plan"
        plan.write_text(edited, encoding="utf-8")
        assert wait_for(lambda: builds() >= 2, 60), "".join(log)
        time.sleep(6)  # long enough for a rebuild loop to show itself
        assert builds() == 2, "".join(log)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/plans/anhui-quality-improvement/", timeout=10) as page:
            assert "指导思想改" in page.read().decode("utf-8")
        assert not (project / "docs" / "plans").exists(), "generated pages must not be written into docs/"

        # A data error: shown on the page at once (no request waits for a fixed build), and in the log.
        plan.write_text(edited.replace("- 省农委\n", "- 省农委X\n", 1), encoding="utf-8")
        assert wait_for(lambda: any("H401" in line for line in log), 30), "the terminal names the problem at once"
        assert wait_for(lambda: builds() >= 3, 90), "".join(log)  # the build that shows it completes
        page = fetch(port, "/plans/anhui-quality-improvement/")
        assert "H401" in page and "省农委X" in page and "指导思想改" in page, "the last good page, headed by the problem"
        plan.write_text(edited, encoding="utf-8")
        assert wait_for(lambda: builds() >= 4, 90), "".join(log)
        assert "H401" not in fetch(port, "/plans/anhui-quality-improvement/")


def test_preview_builds_one_plan_and_shows_an_edit_and_an_error(tmp_path):
    """HANDBOOK_PREVIEW=<plan id>: serve builds that plan alone, every page says it is a preview,
    an edit of the plan shows on its page, and a data error is shown at once as in full serve."""
    project = copy_project(tmp_path)
    with serving(project, HANDBOOK_PREVIEW="anhui-quality-improvement") as (port, log, builds):
        page = fetch(port, "/plans/anhui-quality-improvement/")
        assert "预览：只含部分数据" in page and "anhui-quality-improvement" in page
        assert "预览：只含部分数据" in fetch(port, "/")
        try:
            fetch(port, "/plans/sichuan-task-division/")
            raise AssertionError("a plan outside the preview has no page")
        except urllib.error.HTTPError as missing:
            assert missing.code == 404
        plan = project / "data" / "plans" / "anhui-quality-improvement.yaml"
        before = plan.read_text(encoding="utf-8")
        edited = before.replace("指导思想", "指导思想改", 1)
        plan.write_text(edited, encoding="utf-8")
        assert wait_for(lambda: builds() >= 2, 60), "".join(log)
        assert "指导思想改" in fetch(port, "/plans/anhui-quality-improvement/")

        plan.write_text(edited.replace("- 省农委\n", "- 省农委X\n", 1), encoding="utf-8")
        assert wait_for(lambda: any("H401" in line for line in log), 30), "the terminal names the problem at once"
        assert wait_for(lambda: builds() >= 3, 90), "".join(log)
        page = fetch(port, "/plans/anhui-quality-improvement/")
        assert "H401" in page and "省农委X" in page and "预览：只含部分数据" in page
