"""Write stage: the one writer of every build output.

``Outputs`` collects every output (pages, api JSON, search files, exports) by path
and refuses a second output on the same path and any path outside the output
folder. ``write_tree`` writes them into a temporary sibling and swaps it in only
when complete, so a failure leaves the previous output exactly as it was; under
MkDocs the hook hands the same outputs to MkDocs as generated files, which MkDocs
writes into its own staged site. ``replace_file`` changes one file of a built
site atomically (the search files written after MkDocs' own).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from pathlib import Path

MANIFEST = ".handbook-generated"


class WriteError(Exception):
    """The output cannot be written where asked."""


def safe_path(root: Path, relative: str) -> Path:
    """root/relative, or WriteError if relative would leave root."""
    return root / safe_relative(relative)


class Outputs:
    """Every output of one build, by output-relative path, each written once."""

    def __init__(self) -> None:
        self._files: dict[str, str | bytes] = {}
        self._kinds: dict[str, str] = {}

    def add(self, relative: str, content: str | bytes, kind: str = "") -> None:
        """Add one output; WriteError when the path is taken or leaves the output folder."""
        normal = safe_relative(relative)
        if normal in self._files:
            raise WriteError(f"two outputs on the same path {normal!r}: {self._kinds[normal] or 'one'} and "
                             f"{kind or 'another'}; the data check (rule H208) should have named the id that "
                             "collides")
        self._files[normal] = content
        self._kinds[normal] = kind

    def kinds(self) -> dict[str, str]:
        """path -> the kind of output there (a route's kind)."""
        return dict(self._kinds)

    def items(self) -> list[tuple[str, str | bytes]]:
        """(path, content) in path order."""
        return sorted(self._files.items())

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, relative: str) -> bool:
        return relative in self._files


def safe_relative(relative: str) -> str:
    """``relative`` normalised, or WriteError if it would leave the output folder."""
    normal = posixpath.normpath(relative)
    if relative.startswith(("/", "\\")) or normal.startswith("..") or "\\" in relative or ":" in relative:
        raise WriteError(f"refusing to write outside the output folder: {relative!r}")
    return normal


def write_tree(files: "Outputs | dict[str, str | bytes]", out: Path) -> None:
    """Replace ``out`` with exactly ``files``, atomically; never touch a folder we did not make."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise WriteError(f"{out} holds files the generator did not write (no {MANIFEST}); "
                         "choose an empty or generated folder")
    staging = staging_dir(out)
    items = files.items() if isinstance(files, Outputs) else sorted(files.items())
    try:
        for relative, content in items:
            _write_bytes(safe_path(staging, relative), content)
        (staging / MANIFEST).write_text("".join(f"{p}\n" for p, _ in items), encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def staging_dir(out: Path) -> Path:
    """A fresh, empty sibling of ``out`` to build into before swapping it in.

    Its name carries this process's id, so that the next build removes what a killed build left
    (a staging folder whose process is gone) and never one a running build is still using."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{out.name}-staging-"
    for stale in out.parent.glob(prefix + "*"):
        pid = stale.name[len(prefix):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=out.parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with the complete ``staging`` folder."""
    _swap(Path(staging), Path(out))


def _swap(staging: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    staging.rename(out)
    if old:
        shutil.rmtree(old)


def _write_bytes(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def replace_file(root: Path, relative: str, content: str | bytes) -> Path:
    """Replace (or create) one file below ``root`` atomically; the path may not leave ``root``."""
    path = safe_path(Path(root), relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content.encode("utf-8") if isinstance(content, str) else content)
    os.replace(tmp, path)
    return path


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` atomically unless the file already holds it; True when written."""
    path = Path(path)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)
    return True
