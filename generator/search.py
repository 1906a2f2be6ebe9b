"""Chinese search (placeholder wiring until the search design lands)."""

from __future__ import annotations


def configure(config, handbook) -> None:
    """Prepare the search plugin for the handbook's names."""


def finish(site_dir, handbook) -> None:
    """Adjust the built search files."""
