"""The ``hub`` command: work on the content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import report_lines
from .site import project_root
from .vocabularies import ModelDataError


def _check(args: argparse.Namespace) -> int:
    from .validate import validate_tree

    root = project_root()
    only = [Path(p) for p in args.files] if args.files else None
    try:
        result = validate_tree(root, only=only)
    except ModelDataError as error:
        print(error, file=sys.stderr)
        return 2
    files = len(only) if only else result.files_checked
    for line in report_lines(result.problems, files):
        print(line)
    return 1 if result.problems else 0


def _schemas(args: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas(project_root() / "methodology" / "schemas"):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hub", description="Tools for the Kayes knowledge hub.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content without building the site")
    check.add_argument("files", nargs="*", help="only report on these files (default: all)")
    check.set_defaults(run=_check)
    schemas = commands.add_parser("schemas", help="regenerate methodology/schemas/ from the model")
    schemas.set_defaults(run=_schemas)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
