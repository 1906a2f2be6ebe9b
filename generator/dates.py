"""The build's date comes from the data or git, never from the clock, so builds are reproducible."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from .link import Handbook


def build_epoch(handbook: Handbook, data_dir: Path) -> int:
    """Seconds since the epoch for this build: the last commit touching data/, or else the
    latest date the data states (midnight UTC), or else 0."""
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=data_dir,
                               capture_output=True, text=True, check=True).stdout.strip()
        if stamp:
            return int(stamp)
    except (OSError, subprocess.CalledProcessError, ValueError):
        pass  # not a git checkout: fall back to the data's own dates
    dates = [d for p in handbook.plans.values() for d in (p.written, p.published, p.effective) if d]
    if not dates:
        return 0
    latest = datetime.date.fromisoformat(max(dates))
    return int(datetime.datetime(latest.year, latest.month, latest.day, tzinfo=datetime.timezone.utc).timestamp())
