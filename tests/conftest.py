"""Shared paths and fixtures. Every test builds what it needs in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(os.environ.get("HANDBOOK_SOURCES", ROOT.parent / "shared" / "seeds"))


def golden_data(case: str, into: Path) -> Path:
    """A data/ folder for a golden case: minimal/data with the case's files laid over it."""
    target = into / "data"
    shutil.copytree(GOLDEN / "minimal" / "data", target)
    overlay = GOLDEN / case / "data"
    if case != "minimal" and overlay.is_dir():
        shutil.copytree(overlay, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid handbook."""
    return golden_data("minimal", tmp_path)


@pytest.fixture(scope="session")
def handbook():
    """The real handbook, loaded from data/."""
    from generator import load
    return load(DATA)
