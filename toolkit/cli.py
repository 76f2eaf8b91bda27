"""The ``hub`` command: work on the content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.base.environment import environment
from toolkit.content.languages import LANGUAGES
from toolkit.content.problems import report_lines
from toolkit.content.sections import project_root
from toolkit.content.vocabularies import ModelDataError


def _check(args: argparse.Namespace) -> int:
    from toolkit.checks.validate import validate_tree

    root = project_root()
    only = None
    if args.files:
        only, refused = _content_files(root, args.files)
        for line in refused:
            print(line, file=sys.stderr)
        if refused:
            return 2
    try:
        result = validate_tree(root, only=only, use_cache=True)
    except ModelDataError as error:
        print(error, file=sys.stderr)
        return 2
    files = len(only) if only else result.files_checked
    for line in report_lines(result.problems, files):
        print(line)
    return 1 if result.problems else 0


def _content_files(root: Path, names: list[str]) -> tuple[list[Path], list[str]]:
    """The files ``hub check`` was asked about, as paths under docs/, and what is wrong with the
    others (missing, or outside docs/: nothing else is content)."""
    docs = (root / "docs").resolve()
    found, refused = [], []
    for name in names:
        path = Path(name)
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not absolute.exists() and not absolute.is_symlink():
            refused.append(f"hub check: {name}: no such file.")
            continue
        # the folder holding it, resolved, and the name itself (a link is checked, not followed)
        where = absolute.parent.resolve() / absolute.name
        if not where.is_relative_to(docs):
            refused.append(
                f"hub check: {name}: not under docs/ (only the content in {docs} is checked)."
            )
            continue
        if where.is_dir() and not where.is_symlink():
            from toolkit.content.corpus import iter_markdown

            found += iter_markdown(where)  # a folder: the pages in it
            continue
        found.append(where)
    return found, refused


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
            print(
                "Say what to create: hub new <type> --slug <slug>, or hub new --translate <file> --lang <code>.",
                file=sys.stderr,
            )
            return 2
    except ScaffoldError as error:
        print(f"hub new: {error}", file=sys.stderr)
        return 2
    print(
        f"Created {path.relative_to(root)} : replace each « À REMPLIR », then run: hub check {path.relative_to(root)}"
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    import json

    from toolkit.checks.validate import validate_tree
    from toolkit.content.translations import status

    result = validate_tree(project_root(), use_cache=True)
    languages = status(result.corpus, tuple(args.lang) if args.lang else LANGUAGES[1:])
    from toolkit.render import catalogues

    glossary = result.vocabularies.glossary.entries

    def defined(code: str) -> int:
        return sum(1 for e in glossary if getattr(getattr(e, code, None), "definition", None))

    if args.json:
        out = []
        for lang in languages:
            data = lang.to_dict()
            data["interface_strings"] = catalogues.counts(lang.lang).to_dict()
            data["glossary_definitions"] = {
                "translated": defined(lang.lang),
                "total": len(glossary),
            }
            out.append(data)
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{'language':<9}{'pages':>6}{'exist':>7}{'missing':>9}{'stale':>7}{'to review':>11}")
    for lang in languages:
        print(
            f"{lang.lang:<9}{len(lang.entries):>6}{lang.existing:>7}{lang.count('missing'):>9}"
            f"{lang.count('stale'):>7}{lang.count('pending-review'):>11}"
        )
    print(
        f"\n{'language':<9}{'strings: reviewed':>18}{'drafts':>8}{'missing':>9}{'titles+summaries':>18}"
        f"{'capsules':>10}{'glossary':>10}{'reviewed':>10}"
    )
    for lang in languages:
        strings, (sd, st), (cd, ct) = catalogues.counts(lang.lang), lang.summaries, lang.capsules
        print(
            f"{lang.lang:<9}{strings.translated:>18}{strings.fuzzy:>8}{strings.missing:>9}{f'{sd}/{st}':>18}"
            f"{f'{cd}/{ct}':>10}{f'{defined(lang.lang)}/{len(glossary)}':>10}{len(lang.reviews):>10}"
        )
        for rel, who, when in lang.reviews:
            print(f"  reviewed: {rel} by {who} on {when}")
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
    from toolkit.kits.build import KITS, KitsRequest, publish_kits
    from toolkit.kits.errors import KitError

    root = project_root()
    result = validate_tree(root, use_cache=True)
    if result.problems:
        for line in report_lines(result.problems, result.files_checked):
            print(line)
        return 1
    site = root / "site"
    wanted = tuple(args.kit or KITS)
    needs_site = any("site" in KITS[name].needs for name in wanted)  # the ZIMs are made of it
    if needs_site and not (site / "index.html").is_file() or args.rebuild_site:
        print("hub kits: building the site first (mkdocs build, without kits)")
        env = {**os.environ, "HUB_KITS": "0", "NO_MKDOCS_2_WARNING": "1"}
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, check=False
        )
        if run.returncode != 0:
            return run.returncode
    request = KitsRequest(
        kits=wanted,
        languages=tuple(args.lang) if args.lang else None,
        site_url=environment().site_url,  # mkdocs.yml's site_url
    )
    try:
        report = publish_kits(root, site, result, request)
    except KitError as error:
        for line in report_lines(error.problems, len(error.problems)):
            print(line, file=sys.stderr)
        return 1
    print(f"{report.summary()} in {site / 'downloads'}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from toolkit.kits import signing
    from toolkit.kits.verification import KitMemory, as_problems, verify_kit

    memory = KitMemory(Path(args.memory) if args.memory else KitMemory.default_path())
    status = 0
    for target in args.kits:
        verdict = verify_kit(Path(target), memory)
        for problem in as_problems(target, verdict.problems):
            print(problem)
        for line in verdict.notes:
            print(line)
        unsigned = args.signed and verdict.signature != signing.SIGNED
        if unsigned and verdict.signature == signing.UNSIGNED:
            print(f"{target}: unsigned, and --signed asks for the hub's signature.")
        state = (
            "OK"
            if not verdict.problems and not unsigned
            else f"{len(verdict.problems) + unsigned} problem(s)"
        )
        print(f"{target}: {state}, {verdict.signature}")
        if not verdict.problems and verdict.signature == signing.SIGNED:
            memory.remember(verdict.statement)
        status = status or (1 if verdict.problems or unsigned else 0)
    try:
        memory.save()
    except OSError as error:
        print(
            f"{memory.path}: could not be written ({error.strerror}); older kits are not refused."
        )
    return status


def _review(args: argparse.Namespace) -> int:
    from toolkit.checks.validate import validate_tree

    if args.action == "import":
        return _review_import(args)
    if args.action:
        print(
            f"hub review: unknown action '{args.action}'. Use: hub review import PACK.docx",
            file=sys.stderr,
        )
        return 2
    if not args.lang:
        print("hub review: say which language: hub review --lang bm", file=sys.stderr)
        return 2
    from toolkit.contributions.review import write_review_pack

    root = project_root()
    result = validate_tree(root, use_cache=True)
    out = Path(args.out) if args.out else root / "review"
    files, texts = write_review_pack(result, args.lang, root, out, pdf=not args.no_pdf)
    rows = sum(len(t.rows) for t in texts)
    print(f"{len(texts)} texts, {rows} rows awaiting review in {args.lang}:")
    for path in files:
        print(f"  {path}")
    print(
        "Send the DOCX (or the printed PDF) to a native speaker. When it comes back: "
        f"hub review import <the returned file> --lang {args.lang} (--dry-run shows the changes first)."
    )
    return 0


def _review_import(args: argparse.Namespace) -> int:
    import datetime as dt

    from toolkit.checks.validate import validate_tree
    from toolkit.contributions.review_import import PackError, import_pack

    if not args.pack:
        print(
            "hub review import: name the returned pack: hub review import PACK.docx --lang bm",
            file=sys.stderr,
        )
        return 2
    lang = args.lang or _pack_language(Path(args.pack).name, "review")
    if lang is None:
        print(
            f"hub review import: {args.pack}: say its language with --lang bm (or snk, en).",
            file=sys.stderr,
        )
        return 2
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"hub review import: --date {args.date}: write it YYYY-MM-DD.", file=sys.stderr)
        return 2
    root = project_root()
    result = validate_tree(root, use_cache=True)
    try:
        outcome = import_pack(
            result, lang, root, Path(args.pack), by=args.by, date=date, dry_run=args.dry_run
        )
    except (PackError, OSError) as error:
        print(f"hub review import: {args.pack}: {error}.", file=sys.stderr)
        return 2
    if args.dry_run:
        sys.stdout.write(outcome.diff())
    for line in outcome.applied:
        print(f"applied  {line}")
    for line in outcome.refused:
        print(f"refused  {line}.")
    for line in outcome.reviewed:
        print(f"reviewed {line} (by {outcome.reviewer}, {outcome.date.isoformat()})")
    for line in outcome.pending:
        print(f"pending  {line}")
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{len(outcome.applied)} rows applied, {len(outcome.refused)} refused, {outcome.blank} left "
        f"blank; {len(outcome.reviewed)} texts marked reviewed; {verb} {len(outcome.changed)} files."
    )
    if not args.dry_run and outcome.changed:
        print("Next: hub check, then propose the change (see docs/contribuer/index.fr.md).")
    return 1 if outcome.refused else 0


def _pack_language(name: str, kind: str) -> str | None:
    """The language in a pack's name (``hub-review-bm.docx``, ``hub-translate-snk (1).docx``)."""
    import re

    match = re.fullmatch(rf"hub-{kind}-([a-z]{{2,3}})(?: \(\d+\))?\.docx", name)
    return match[1] if match and match[1] in LANGUAGES else None


def _recordings(args: argparse.Namespace) -> int:
    from toolkit.contributions.recordings import RequestError, import_recordings, parse_consent

    root = project_root()
    try:
        consent = parse_consent(args.consent) if args.consent else None
        if bool(args.capsule) != bool(args.lang):
            raise RequestError("--capsule and --lang go together: --capsule cycle-ccap --lang bm")
        report = import_recordings(
            root,
            [Path(p) for p in args.sources],
            capsule=args.capsule,
            lang=args.lang,
            consent=consent,
            replace=args.replace,
            only=args.only,
        )
    except RequestError as error:
        print(f"hub recordings import: {error}", file=sys.stderr)
        return 2
    for line in report.imported:
        print(f"imported {line}")
    for line in report.refused:
        print(f"refused  {line}.")
    print(f"{len(report.imported)} imported, {len(report.refused)} refused.")
    if report.imported:
        print("Next: hub check, then propose the change (see docs/contribuer/index.fr.md).")
    return 1 if report.refused or not report.imported else 0


def _translate(args: argparse.Namespace) -> int:
    from toolkit.checks.validate import validate_tree
    from toolkit.contributions.review_import import PackError
    from toolkit.contributions.translation import import_pack, translation_pack, write_pack

    root = project_root()
    if args.action == "pack":
        if not args.lang:
            print("hub translate pack: say which language: --lang snk", file=sys.stderr)
            return 2
        pack = translation_pack(validate_tree(root, use_cache=True), args.lang, root)
        out = Path(args.out) if args.out else root / "review"
        path = out / f"hub-translate-{args.lang}.docx"
        write_pack(pack, path, args.lang)
        rows = sum(len(t.rows) for t in pack.texts)
        print(f"{rows} texts to translate into {args.lang}: {path}")
        print(
            "Send it to a translator. When it comes back: hub translate import "
            f"<the returned file> --lang {args.lang} (--dry-run shows the changes first)."
        )
        return 0
    if not args.pack:
        print("hub translate import: name the returned pack (.docx).", file=sys.stderr)
        return 2
    lang = args.lang or _pack_language(Path(args.pack).name, "translate")
    if lang is None:
        print(
            f"hub translate import: {args.pack}: say its language with --lang snk.", file=sys.stderr
        )
        return 2
    try:
        outcome = import_pack(
            validate_tree(root, use_cache=True), lang, root, Path(args.pack), args.by, args.dry_run
        )
    except (PackError, OSError) as error:
        print(f"hub translate import: {args.pack}: {error}.", file=sys.stderr)
        return 2
    if args.dry_run:
        sys.stdout.write(outcome.diff())
    for line in outcome.applied:
        print(f"added    {line} (a draft awaiting review, by {outcome.reviewer})")
    for line in outcome.refused:
        print(f"refused  {line}.")
    verb = "would change" if args.dry_run else "changed"
    print(
        f"{len(outcome.applied)} texts added as drafts, {len(outcome.refused)} refused, "
        f"{outcome.blank} left blank; {verb} {len(outcome.changed)} files."
    )
    if not args.dry_run and outcome.changed:
        print("Next: hub check, then propose the change (see docs/contribuer/index.fr.md).")
    return 1 if outcome.refused else 0


def _labels(args: argparse.Namespace) -> int:
    import runpy

    from toolkit.render import catalogues

    root = project_root()
    locales = root / "locales"
    if args.action == "import":
        if not args.file:
            print(
                "hub labels import: name a Python file that defines the dict (e.g. LABELS).",
                file=sys.stderr,
            )
            return 2
        namespace = runpy.run_path(args.file)
        if args.var not in namespace:
            print(f"hub labels import: {args.file} defines no {args.var}.", file=sys.stderr)
            return 2
        labels = namespace[args.var]
        withheld = {lang: frozenset(labels) for lang in args.without or ()}
        report = catalogues.import_labels(labels, locales, withheld=withheld)
        print(
            f"{len(report.added)} keys added, {len(report.changed)} changed in French (translations marked "
            f"fuzzy), translations taken: {report.filled}"
        )
        for path in report.written:
            print(f"  wrote {path.relative_to(root)}")
    elif args.action == "material":
        from pathlib import Path as _Path

        import material

        languages = _Path(material.__file__).parent / "templates" / "partials" / "languages"
        report = catalogues.import_theme(languages, {}, locales)
        print(f"{len(report.added)} Material strings added, {len(report.changed)} changed")
    elif args.action == "compile":
        for path in catalogues.compile_mo(locales):
            print(f"  wrote {path.relative_to(root)}")
        return 0
    if args.action in ("import", "material", "theme"):
        for lang in ("bm", "snk"):
            path = catalogues.theme_partial_path(lang, root)
            text = catalogues.theme_partial(lang, locales)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                print(f"  wrote {path.relative_to(root)}")
    if args.action == "status" or args.action != "compile":
        print(f"{'language':<9}{'strings':>8}{'reviewed':>10}{'drafts':>8}{'missing':>9}")
        for lang in ("fr", *catalogues.TRANSLATED):
            c = catalogues.counts(lang, locales)
            print(f"{lang:<9}{c.total:>8}{c.translated:>10}{c.fuzzy:>8}{c.missing:>9}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hub", description="Tools for the Kayes knowledge hub.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content without building the site")
    check.add_argument("files", nargs="*", help="only report on these files (default: all)")
    check.set_defaults(run=_check)
    new = commands.add_parser("new", help="start a page from its template, or a translation")
    new.add_argument(
        "kind", nargs="?", help="methodology, curriculum, case-study, tool, capsule or page"
    )
    new.add_argument("--slug", help="folder name: lower-case letters, digits and hyphens")
    new.add_argument("--lang", help="language code (new pages: fr; translations: en, bm or snk)")
    new.add_argument("--translate", metavar="FILE", help="the French file to translate")
    new.set_defaults(run=_new)
    stat = commands.add_parser("status", help="translation status per language")
    stat.add_argument(
        "--lang", action="append", choices=["en", "bm", "snk"], help="only this language"
    )
    stat.add_argument("--json", action="store_true", help="machine-readable output")
    stat.add_argument(
        "--next",
        type=int,
        nargs="?",
        const=10,
        default=0,
        metavar="N",
        help="list the N pages to translate next (default 10)",
    )
    stat.set_defaults(run=_status)
    kits = commands.add_parser("kits", help="build the downloadable kits into site/downloads")
    kits.add_argument(
        "--kit", action="append", choices=["sahelink", "lenali", "zim"], help="only this kit"
    )
    kits.add_argument(
        "--lang",
        action="append",
        choices=list(LANGUAGES),
        help="SaheLink kit of this language only",
    )
    kits.add_argument("--rebuild-site", action="store_true", help="rebuild site/ first")
    kits.set_defaults(run=_kits)
    verify = commands.add_parser(
        "verify",
        help="check a kit (zip or folder) against its manifest, SHA256SUMS and the hub's signature",
    )
    verify.add_argument("kits", nargs="+", metavar="KIT")
    verify.add_argument(
        "--signed",
        action="store_true",
        help="also fail when the kit is not signed by the hub (kits downloaded from the site are)",
    )
    verify.add_argument(
        "--memory",
        metavar="FILE",
        help="where the newest kit of each name verified here is remembered, so that an older "
        "one is refused (default: $XDG_STATE_HOME/kayes-hub/kits.json, that is "
        "~/.local/state/kayes-hub/kits.json)",
    )
    verify.set_defaults(run=_verify)
    review = commands.add_parser(
        "review",
        help="write the review pack (DOCX, PDF) of a language for a native speaker, or import "
        "the pack that came back (hub review import PACK.docx)",
    )
    review.add_argument(
        "action", nargs="?", choices=["import"], help="import: apply a returned pack"
    )
    review.add_argument("pack", nargs="?", help="import: the returned pack (.docx)")
    review.add_argument(
        "--lang",
        choices=["bm", "snk", "en"],
        help="the language to review (import: read from the name hub-review-<lang>.docx when not given)",
    )
    review.add_argument("--out", help="folder for the pack (default: review/)")
    review.add_argument("--no-pdf", action="store_true", help="write the DOCX only")
    review.add_argument("--by", help="import: the reviewer, when the pack does not name them")
    review.add_argument(
        "--date", help="import: the review's date (YYYY-MM-DD), when the pack has none"
    )
    review.add_argument(
        "--dry-run", action="store_true", help="import: print the diff, write nothing"
    )
    review.set_defaults(run=_review)
    recordings = commands.add_parser(
        "recordings",
        help="import recordings (WhatsApp voice notes or chat export, phone files, the studio's) "
        "into their capsules",
    )
    recordings.add_argument("action", choices=["import"])
    recordings.add_argument(
        "sources",
        nargs="+",
        metavar="FILE|FOLDER|ZIP",
        help="recordings, a folder, or a chat export",
    )
    recordings.add_argument(
        "--capsule",
        help="the capsule, when no studio sidecar says it: the item's slug (or <slug>/capsule-<n>)",
    )
    recordings.add_argument("--lang", choices=list(LANGUAGES), help="the capsule's language")
    recordings.add_argument(
        "--consent",
        metavar='"NAME, DATE"',
        help="the speaker's consent to publication, when no sidecar records it "
        '(e.g. "Awa Diallo, 2026-12-05"; "anonymous, ..." to publish no name)',
    )
    recordings.add_argument("--only", metavar="NAME", help="only this file of a folder or zip")
    recordings.add_argument(
        "--replace", action="store_true", help="replace a capsule's existing recording"
    )
    recordings.set_defaults(run=_recordings)
    translate = commands.add_parser(
        "translate",
        help="the translation pack (DOCX) of a language with no text yet, and its import",
    )
    translate.add_argument("action", choices=["pack", "import"])
    translate.add_argument("pack", nargs="?", help="import: the returned pack (.docx)")
    translate.add_argument("--lang", choices=["snk", "bm", "en"], help="the new language")
    translate.add_argument("--out", help="pack: folder for the pack (default: review/)")
    translate.add_argument("--by", help="import: the translator, when the pack does not name them")
    translate.add_argument(
        "--dry-run", action="store_true", help="import: print the diff, write nothing"
    )
    translate.set_defaults(run=_translate)
    labels = commands.add_parser(
        "labels", help="the interface strings' gettext catalogues (locales/)"
    )
    labels.add_argument(
        "action",
        choices=["status", "import", "material", "theme", "compile"],
        help="status: counts; import FILE: merge a Python dict of labels; material: import "
        "Material's strings; theme: write overrides/partials/languages/{bm,snk}.html; "
        "compile: write .mo files",
    )
    labels.add_argument("file", nargs="?", help="import: the Python file that defines the dict")
    labels.add_argument(
        "--var", default="LABELS", help="import: the name of the dict (default LABELS)"
    )
    labels.add_argument(
        "--without",
        action="append",
        choices=["en", "bm", "snk"],
        help="import: take no text of this language from the dict (e.g. snk: French sentences)",
    )
    labels.set_defaults(run=_labels)
    schemas = commands.add_parser("schemas", help="regenerate methodology/schemas/ from the model")
    schemas.set_defaults(run=_schemas)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
