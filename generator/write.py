"""Write stage: one writer that knows every output path.

It refuses paths outside the output folder and folders it did not make, writes
into a temporary sibling and swaps it in only when complete, so a failure leaves
the previous output exactly as it was.
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
    normal = posixpath.normpath(relative)
    if relative.startswith(("/", "\\")) or normal.startswith("..") or "\\" in relative or ":" in relative:
        raise WriteError(f"refusing to write outside the output folder: {relative!r}")
    return root / normal


def write_tree(files: dict[str, str], out: Path) -> None:
    """Replace ``out`` with exactly ``files``, atomically; never touch a folder we did not make."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise WriteError(f"{out} holds files the generator did not write (no {MANIFEST}); "
                         "choose an empty or generated folder")
    staging = staging_dir(out)
    try:
        for relative, text in sorted(files.items()):
            path = safe_path(staging, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        (staging / MANIFEST).write_text("".join(f"{p}\n" for p in sorted(files)), encoding="utf-8")
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def staging_dir(out: Path) -> Path:
    """A fresh, empty sibling of ``out`` to build into before swapping it in."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))


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
