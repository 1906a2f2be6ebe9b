"""Golden cases: small data in, exact pages and messages out (see tests/golden/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import check, routes
from generator.problems import report

from .conftest import GOLDEN, golden_data

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "expected").is_dir())  # a case may only remove files
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def outcome(data_dir: Path) -> dict[str, str]:
    """What the generator makes of a data folder: messages and, when valid, pages."""
    handbook, problems = check(data_dir)
    # a message naming the folder itself names it by its full path: print it relative to the case
    files = {"messages.txt": report(problems).replace(f"{data_dir.parent}/", "") + "\n" if problems else ""}
    if handbook is not None:
        files.update({f"pages/{path}": text for path, text in routes.pages(handbook).items()})
    return files


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path) -> None:
    actual = outcome(golden_data(case, tmp_path))
    expected_dir = GOLDEN / case / "expected"
    if UPDATE:
        if expected_dir.exists():
            for old in sorted(expected_dir.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        for name, text in actual.items():
            path = expected_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    expected = {p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert sorted(actual) == sorted(expected), "pages added or missing; regenerate with UPDATE_GOLDEN=1"
    for name in actual:
        assert actual[name] == expected[name], f"{case}/expected/{name} differs; regenerate with UPDATE_GOLDEN=1"
