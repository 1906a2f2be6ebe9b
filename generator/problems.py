"""Problems found in data/: each names the file, line, key path, bad value and the fix."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"

KeyPath = tuple  # e.g. ("tasks", 3, "assignment", "lead", 0)


def key_string(path: KeyPath) -> str:
    """Render a key path as people read it: tasks[3].assignment.lead[0]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class Location:
    """Where a value stands in a YAML file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, with what would be right."""

    location: Location
    key: str
    message: str
    fix: str = ""
    value: object = None
    severity: str = ERROR
    code: str = ""  # the rule's code (H401), as linters print it; see data/README.md

    def __str__(self) -> str:
        rule = f" {self.code}" if self.code else ""
        text = f"{self.location}: {self.severity}{rule}: {self.key or '(file)'}: {self.message}"
        if self.value is not None:
            text += f" (found {self.value!r})"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text

    def sort_key(self) -> tuple:
        """Order problems by file and position so reports are stable."""
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.key, self.message)


class DataError(Exception):
    """The data has errors: the build stops and reports all of them at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(report(self.problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == ERROR]


def report(problems: list[Problem], folder: str = "data/") -> str:
    """All problems, then one summary line counting errors and warnings."""
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    lines = [str(p) for p in problems]
    lines.append(f"{n_err} error(s), {n_warn} warning(s) in {folder}")
    return "\n".join(lines)


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    """A 'did you mean ...?' hint for a near miss, or '' when nothing is close."""
    close = difflib.get_close_matches(str(value), sorted(set(candidates)), n=3, cutoff=0.6)
    if not close:
        return ""
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
