"""Command line of the handbook generator.

    python -m generator check                       validate data/ without building
    python -m generator build --out DIR             write the Markdown pages and api/*.json to DIR
    python -m generator changes BEFORE [AFTER]      Markdown change report between two builds

Exit codes: 0 clean, 1 problems in the data, 2 the tool itself could not run.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import api, changes, render
from .load import check as check_data
from .problems import DataError, report
from .write import WriteError, write_tree

CLEAN, PROBLEMS, CANNOT_RUN = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """The argument parser (also documents the commands)."""
    parse = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0],
                                    formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parse.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    commands = parse.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ without building")
    build = commands.add_parser("build", help="write the Markdown pages and api/*.json to a folder")
    build.add_argument("--out", type=Path, required=True, help="output folder (made or replaced whole)")
    diff = commands.add_parser("changes", help="what changes between two builds, as Markdown")
    diff.add_argument("before", help="a built site (with api/), a data folder, or a git revision")
    diff.add_argument("after", nargs="?", help="the same kinds; default: the --data folder")
    return parse


def run_check(args) -> int:
    """Validate and report; 0 when there are no errors (warnings are reported, not fatal)."""
    handbook, problems = check_data(args.data)
    print(report(problems), file=sys.stderr if problems else sys.stdout)
    return CLEAN if handbook is not None else PROBLEMS


def run_build(args) -> int:
    """Check, then write every page and the JSON copy atomically."""
    handbook, problems = check_data(args.data)
    if problems:
        print(report(problems), file=sys.stderr)
    if handbook is None:
        return PROBLEMS
    files = dict(render.pages(handbook))
    files.update(api.files(handbook, api.directory_url))
    write_tree(files, args.out)
    print(f"wrote {len(files)} files to {args.out}")
    return CLEAN


def run_changes(args) -> int:
    """Print the change report between two snapshots."""
    before = changes.read_snapshot(args.before)
    after = changes.read_snapshot(args.after or str(args.data))
    print(changes.markdown(changes.compare(before, after)))
    return CLEAN


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    if args.command != "changes" and not args.data.is_dir():
        print(f"error: the data folder {args.data} does not exist; run from the project folder or pass --data",
              file=sys.stderr)
        return CANNOT_RUN
    commands = {"check": run_check, "build": run_build, "changes": run_changes}
    try:
        return commands[args.command](args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return PROBLEMS
    except (WriteError, changes.SnapshotError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return CANNOT_RUN
    except Exception:  # an unexpected failure is a bug: say so, with the traceback to report
        traceback.print_exc()
        print("internal error: this is a bug in the generator, not in your data; please report it "
              "with the traceback above", file=sys.stderr)
        return CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
