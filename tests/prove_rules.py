"""Prove every data rule: switch each one off in turn and show that the test suite then fails.

    python tests/prove_rules.py            # all rules, two at a time; exit 1 if any rule is unproven
    python tests/prove_rules.py H401 H402  # just these

A rule no test notices when it is switched off is a rule nothing proves: it could be deleted
tomorrow and every test would stay green. For each rule this runs the test suite (without the
browser and whole-site build tests, which only repeat what the data tests prove, and slowly) with
HANDBOOK_DISABLE_RULES set to that one code, stopping at the first failure, and prints which test
failed. CI runs it (.ci/run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import rules  # noqa: E402

# The suite, fastest-failing first; -x stops at the first failure.
SUITE = ["tests/test_golden.py", "tests/test_rules.py", "tests/test_link.py", "tests/test_read.py",
         "tests/test_render.py", "tests/test_data.py", "tests/test_changes.py", "tests/test_cli.py",
         "tests/test_fuzz.py", "tests/test_write.py"]


def run_without(code: str) -> tuple[str, int, str]:
    """(code, pytest's exit code, the first failing test) with ``code`` switched off."""
    env = dict(os.environ, **{rules.DISABLE_VARIABLE: code}, NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *SUITE],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    failed = re.search(r"^FAILED (\S+)", run.stdout, re.M)
    return code, run.returncode, failed.group(1) if failed else ""


def main(argv: list[str]) -> int:
    codes = argv or sorted(rules.REGISTRY)
    unknown = [c for c in codes if c not in rules.REGISTRY]
    if unknown:
        print(f"unknown rule codes: {', '.join(unknown)}", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run_without, codes))
    print("| rule | name | suite with the rule off | first failing test |")
    print("|---|---|---|---|")
    unproven = []
    for code, status, failed in results:
        verdict = "fails" if status == 1 else ("PASSES" if status == 0 else f"exit {status}")
        if status != 1:
            unproven.append(code)
        print(f"| {code} | {rules.REGISTRY[code].name} | {verdict} | {failed} |")
    print(f"\n{len(codes)} rules switched off in turn: {len(codes) - len(unproven)} failing suite runs"
          + (f"; unproven: {', '.join(unproven)}" if unproven else ""))
    return 1 if unproven else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
