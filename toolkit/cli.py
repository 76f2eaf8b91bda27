"""The ``hub`` command: work on the content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.content.languages import LANGUAGES
from toolkit.content.problems import report_lines
from toolkit.content.sections import project_root
from toolkit.content.vocabularies import ModelDataError


def _check(args: argparse.Namespace) -> int:
    from toolkit.checks.validate import validate_tree

    root = project_root()
    only = [Path(p) for p in args.files] if args.files else None
    try:
        result = validate_tree(root, only=only, use_cache=True)
    except ModelDataError as error:
        print(error, file=sys.stderr)
        return 2
    files = len(only) if only else result.files_checked
    for line in report_lines(result.problems, files):
        print(line)
    return 1 if result.problems else 0


def _schemas(args: argparse.Namespace) -> int:
    from toolkit.content.schemas import write_schemas

    for path in write_schemas(project_root() / "methodology" / "schemas"):
        print(path)
    return 0


def _new(args: argparse.Namespace) -> int:
    from toolkit.content.scaffold import ScaffoldError, new_page, new_translation

    root = project_root()
    try:
        if args.translate:
            path = new_translation(root, Path(args.translate), args.lang)
        elif args.kind and args.slug:
            path = new_page(root, args.kind, args.slug, args.lang or "fr")
        else:
            print("Say what to create: hub new <type> --slug <slug>, or hub new --translate <file> --lang <code>.",
                  file=sys.stderr)
            return 2
    except ScaffoldError as error:
        print(f"hub new: {error}", file=sys.stderr)
        return 2
    print(f"Created {path.relative_to(root)} : replace each « À REMPLIR », then run: hub check {path.relative_to(root)}")
    return 0


def _status(args: argparse.Namespace) -> int:
    import json

    from toolkit.checks.validate import validate_tree
    from toolkit.content.translations import status

    result = validate_tree(project_root(), use_cache=True)
    languages = status(result.corpus, tuple(args.lang) if args.lang else LANGUAGES[1:])
    if args.json:
        print(json.dumps([lang.to_dict() for lang in languages], ensure_ascii=False, indent=2))
        return 0
    print(f"{'language':<9}{'pages':>6}{'exist':>7}{'missing':>9}{'stale':>7}{'to review':>11}")
    for lang in languages:
        print(f"{lang.lang:<9}{len(lang.entries):>6}{lang.existing:>7}{lang.count('missing'):>9}"
              f"{lang.count('stale'):>7}{lang.count('pending-review'):>11}")
    if args.next:
        for lang in languages:
            print(f"\nTranslate next into {lang.lang}:")
            for entry in lang.next_to_translate(args.next):
                print(f"  {entry.state:<8} {entry.source.rel}  ({entry.title})")
    return 0


def _kits(args: argparse.Namespace) -> int:
    import os
    import subprocess

    from toolkit.checks.validate import validate_tree
    from toolkit.kits.build import KITS, build_kits
    from toolkit.kits.downloads import fill_downloads_pages
    from toolkit.kits.errors import KitError

    root = project_root()
    result = validate_tree(root, use_cache=True)
    if result.problems:
        for line in report_lines(result.problems, result.files_checked):
            print(line)
        return 1
    site = root / "site"
    if not (site / "index.html").is_file() or args.rebuild_site:
        print("hub kits: building the site first (mkdocs build, without kits)")
        env = {**os.environ, "HUB_KITS": "0", "NO_MKDOCS_2_WARNING": "1"}
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, check=False)
        if run.returncode != 0:
            return run.returncode
    try:
        report = build_kits(root, site, result, kits=tuple(args.kit or KITS),
                            site_url=os.environ.get("HUB_SITE_URL", ""),  # mkdocs.yml's site_url
                            languages=tuple(args.lang) if args.lang else None)
    except KitError as error:
        for line in report_lines(error.problems, len(error.problems)):
            print(line, file=sys.stderr)
        return 1
    fill_downloads_pages(site)
    print(f"{len(report.kits)} kits built in {report.seconds:.1f} s "
          f"({report.converted} documents exported, {report.cached} from the cache) in {site / 'downloads'}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from toolkit.kits.verification import verify_problems

    problems = []
    for target in args.kits:
        found = verify_problems(Path(target))
        problems += found
        if not found:
            print(f"{target}: OK")
    if problems:
        for line in report_lines(problems, len(args.kits)):
            print(line)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hub", description="Tools for the Kayes knowledge hub.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content without building the site")
    check.add_argument("files", nargs="*", help="only report on these files (default: all)")
    check.set_defaults(run=_check)
    new = commands.add_parser("new", help="start a page from its template, or a translation")
    new.add_argument("kind", nargs="?", help="methodology, curriculum, case-study, tool, capsule or page")
    new.add_argument("--slug", help="folder name: lower-case letters, digits and hyphens")
    new.add_argument("--lang", help="language code (new pages: fr; translations: en, bm or snk)")
    new.add_argument("--translate", metavar="FILE", help="the French file to translate")
    new.set_defaults(run=_new)
    stat = commands.add_parser("status", help="translation status per language")
    stat.add_argument("--lang", action="append", choices=["en", "bm", "snk"], help="only this language")
    stat.add_argument("--json", action="store_true", help="machine-readable output")
    stat.add_argument("--next", type=int, nargs="?", const=10, default=0, metavar="N",
                      help="list the N pages to translate next (default 10)")
    stat.set_defaults(run=_status)
    kits = commands.add_parser("kits", help="build the downloadable kits into site/downloads")
    kits.add_argument("--kit", action="append", choices=["sahelink", "lenali", "zim"], help="only this kit")
    kits.add_argument("--lang", action="append", choices=list(LANGUAGES), help="SaheLink kit of this language only")
    kits.add_argument("--rebuild-site", action="store_true", help="rebuild site/ first")
    kits.set_defaults(run=_kits)
    verify = commands.add_parser("verify", help="check a kit (zip or folder) against its manifest and SHA256SUMS")
    verify.add_argument("kits", nargs="+", metavar="KIT")
    verify.set_defaults(run=_verify)
    schemas = commands.add_parser("schemas", help="regenerate methodology/schemas/ from the model")
    schemas.set_defaults(run=_schemas)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
