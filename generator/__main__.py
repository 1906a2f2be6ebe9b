"""Command line: ``python -m generator check`` and ``python -m generator build --out DIR``.

Exit codes: 0 clean, 1 problems in the data, 2 the tool itself could not run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import api, render
from .load import check as check_data
from .problems import report
from .write import WriteError, write_tree


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ without building")
    build = commands.add_parser("build", help="write the Markdown pages and api/*.json to a folder")
    build.add_argument("--out", type=Path, required=True, help="output folder (made or replaced whole)")
    args = parser.parse_args(argv)

    handbook, problems = check_data(args.data)
    if problems:
        print(report(problems), file=sys.stderr)
    if handbook is None:
        return 1
    if args.command == "check":
        if not problems:
            print(f"{args.data}: 0 error(s), 0 warning(s)")
        return 0
    files = dict(render.pages(handbook))
    files.update(api.files(handbook, api.directory_url))
    try:
        write_tree(files, args.out)
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
