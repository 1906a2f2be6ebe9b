"""Command line of the handbook generator.

    python -m generator check                       validate data/ without building
    python -m generator rules                       every data rule: code, name, what it checks, fix
    python -m generator build --out DIR             write the Markdown pages and api/*.json to DIR
    python -m generator changes BEFORE [AFTER]      Markdown change report between two builds
    python -m generator import TEXT --plan-id ID --jurisdiction J [--dry-run] [--force] [--report FILE]
                                                    draft a plan from its published text

Exit codes: 0 clean, 1 problems in the data, 2 the tool itself could not run.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import changes, routes
from .load import check as check_data
from .importer.text import ImportFailure
from .problems import DataError, report
from .write import WriteError, write_if_changed, write_tree

CLEAN, PROBLEMS, CANNOT_RUN = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """The argument parser (also documents the commands)."""
    parse = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0],
                                    formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parse.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    commands = parse.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ without building")
    commands.add_parser("rules", help="list every data rule with its code (the table in data/README.md)")
    build = commands.add_parser("build", help="write the Markdown pages and api/*.json to a folder")
    build.add_argument("--out", type=Path, required=True, help="output folder (made or replaced whole)")
    diff = commands.add_parser("changes", help="what changes between two builds, as Markdown")
    diff.add_argument("before", help="a built site (with api/), a data folder, or a git revision")
    diff.add_argument("after", nargs="?", help="the same kinds; default: the --data folder")
    draft = commands.add_parser("import", help="draft a plan YAML from its published text, with a report")
    draft.add_argument("text", type=Path, help="the published text (UTF-8, UTF-16 or GBK), a .docx or a saved .html")
    draft.add_argument("--plan-id", required=True, help="id of the new plan (lower-case ASCII and hyphens)")
    draft.add_argument("--jurisdiction", required=True, help="jurisdiction id from data/jurisdictions.yaml")
    draft.add_argument("--dry-run", action="store_true", help="print the report and the draft; write nothing")
    draft.add_argument("--force", action="store_true", help="replace an existing plan file of the same id")
    draft.add_argument("--report", type=Path, help="also write the report (Markdown) to this file")
    return parse


def run_check(args) -> int:
    """Validate and report; 0 when there are no errors (warnings are reported, not fatal)."""
    handbook, problems = check_data(args.data)
    print(report(problems, f"{args.data.name}/"), file=sys.stderr if problems else sys.stdout)
    return CLEAN if handbook is not None else PROBLEMS


def run_rules(args) -> int:
    """Print the rule table."""
    from . import rules
    print(rules.table(), end="")
    return CLEAN


def run_build(args) -> int:
    """Check, then write every page and the JSON copy atomically."""
    handbook, problems = check_data(args.data)
    if problems:
        print(report(problems), file=sys.stderr)
    if handbook is None:
        return PROBLEMS
    outputs = routes.outputs(handbook)
    write_tree(outputs, args.out)
    print(f"wrote {len(outputs)} files to {args.out}")
    return CLEAN


def run_changes(args) -> int:
    """Print the change report between two snapshots."""
    before = changes.read_snapshot(args.before)
    after = changes.read_snapshot(args.after or str(args.data))
    print(changes.markdown(changes.compare(before, after)))
    return CLEAN


def run_import(args) -> int:
    """Draft a plan from its text; write it into data/ unless --dry-run; print the report."""
    from .importer import draft, save
    from .importer import report as import_report
    from .load import load
    from .schema import ID_PATTERN

    if not ID_PATTERN.match(args.plan_id):
        raise draft.ImportFailure(f"--plan-id {args.plan_id!r} is not a safe id: use lower-case ASCII letters, "
                                  "digits and single hyphens")
    if not args.text.is_file():
        raise draft.ImportFailure(f"{args.text} is not a file")
    result = draft.import_bytes(args.text.read_bytes(), plan_id=args.plan_id, jurisdiction=args.jurisdiction,
                                source_file=args.text.name, handbook=load(args.data))
    text = import_report.markdown(result)
    if args.report:
        write_if_changed(args.report, text)
    print(text)
    if args.dry_run:
        print(save.plan_yaml(result))
        return CLEAN
    for path in save.save(result, args.data, force=args.force):
        print(f"wrote {path}", file=sys.stderr)
    handbook, problems = check_data(args.data)
    if problems:
        print(report(problems), file=sys.stderr)
    return CLEAN if handbook is not None else PROBLEMS


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    if args.command not in ("changes", "rules") and not args.data.is_dir():
        print(f"error: the data folder {args.data} does not exist; run from the project folder or pass --data",
              file=sys.stderr)
        return CANNOT_RUN
    commands = {"check": run_check, "rules": run_rules, "build": run_build, "changes": run_changes,
                "import": run_import}
    try:
        return commands[args.command](args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return PROBLEMS
    except (WriteError, changes.SnapshotError, ImportFailure, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return CANNOT_RUN
    except Exception:  # an unexpected failure is a bug: say so, with the traceback to report
        traceback.print_exc()
        print("internal error: this is a bug in the generator, not in your data; please report it "
              "with the traceback above", file=sys.stderr)
        return CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
