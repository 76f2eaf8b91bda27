"""Which files ``docs/`` may hold: only what the content model knows is published.

Everything under ``docs/`` ends up on the site, in the SaheLink zips and in the ZIM, so a file
that is not a page, a capsule, an image, a recording or a theme asset is an error, and so is any
symbolic link (``docs/x.md -> /etc/passwd``, or a link to a folder or to ``.git/config``): nothing
is ever read or copied through one. Names follow the slug rules (lower-case letters, digits and
hyphens), so every address is predictable on every file system. An SVG is a program as much as a
picture: it is parsed and written again from an allowlist (toolkit.media.svg), and whatever it held
that runs, fetches or expands is reported at its line.

JavaScript, CSS and fonts come only from the theme (Material, outside ``docs/``) and from the hub's
own assets, :data:`HUB_ASSETS`: a fixed list of files under ``docs/assets/`` that the maintainers
own. They are code, not content: a file there that the list does not name, and a ``.js``, ``.css``
or font anywhere else under ``docs/``, is refused and never published (:func:`publishable`).
Changing the list is changing this module, which only a maintainer reviews.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from toolkit.content.corpus import LANG_SUFFIX
from toolkit.content.languages import LANGUAGES
from toolkit.content.problems import Problem, printable
from toolkit.media import svg
from toolkit.media.audio import AUDIO_SUFFIXES
from toolkit.media.images import IMAGE_SUFFIXES

#: Folder names: slugs.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Pages and capsules (an item's, or session n's of a curriculum), one file per language.
PAGE = re.compile(r"^(?:index|capsule(?:-[1-9][0-9]?)?)\.(?:" + "|".join(LANGUAGES) + r")\.md$")
#: A recording's sidecar next to its capsule (language, speaker, consent): read by the checks,
#: never published (toolkit/website/recordings.py leaves it out; so does :func:`publishable`).
SIDECAR = re.compile(r"^capsule(?:-[1-9][0-9]?)?\.(?:" + "|".join(LANGUAGES) + r")\.json$")
#: Images and recordings: a slug-like stem and a known lower-case suffix.
MEDIA = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
MEDIA_SUFFIXES = frozenset(IMAGE_SUFFIXES) | frozenset(AUDIO_SUFFIXES)
#: The hub's own files under docs/assets/ (code the maintainers own: mkdocs.yml's extra_css and
#: extra_javascript, the studio page's script and style, the offline site's worker shim). Nothing
#: else under docs/assets/ is published.
ASSETS = "assets"
HUB_ASSETS = frozenset(
    {
        "assets/hub.css",
        "assets/hub.js",
        "assets/catalogue.js",
        "assets/sheets.js",
        "assets/studio.css",
        "assets/studio.js",
        "assets/javascripts/iframe-worker-shim.js",
    }
)
#: Code and fonts: only the theme and HUB_ASSETS provide them.
CODE_SUFFIXES = frozenset({".js", ".mjs", ".css", ".woff", ".woff2", ".ttf", ".otf", ".eot"})

FIX_STRAY = (
    "Remove it: docs/ holds only index.<lang>.md and capsule.<lang>.md pages, images ("
    + ", ".join(sorted(IMAGE_SUFFIXES))
    + ") and recordings ("
    + ", ".join(AUDIO_SUFFIXES)
    + ")."
)


def _problem(rel: str, message: str, fix: str) -> Problem:
    return Problem(rel, 1, "files", message, fix)


def file_problems(root: Path, docs_dir: Path) -> list[Problem]:
    """Every file or folder under ``docs_dir`` that may not be published, as problems."""
    problems: list[Problem] = []
    for current, dirs, names in os.walk(docs_dir, followlinks=False):
        base = Path(current)
        folder = base.relative_to(docs_dir).parts
        in_assets = bool(folder) and folder[0] == ASSETS
        for name in sorted(dirs):
            path = base / name
            rel = _rel(path, root)
            if path.is_symlink():
                problems.append(
                    _problem(
                        rel,
                        "This folder is a symbolic link.",
                        "Replace the link with a real folder: nothing is read or published through a link.",
                    )
                )
            elif not (SLUG.match(name) or (in_assets and MEDIA.match(name))):
                problems.append(
                    _problem(
                        rel,
                        f"The folder name '{printable(name)}' is not a slug.",
                        "Rename it with lower-case letters, digits and hyphens only, like 'cycle-ccap'.",
                    )
                )
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in sorted(names):
            problems += _file_problem(base / name, name, root, "/".join((*folder, name)))
    return problems


def _file_problem(
    path: Path, name: str, root: Path, docs_rel: str, read_pages: bool = True
) -> list[Problem]:
    """Why the file ``docs_rel`` (its path under docs/) may not be published. With
    ``read_pages``, a ``.md`` file whose name says no language is left to the corpus (which reads
    it and reports its name)."""
    in_assets = docs_rel.split("/", 1)[0] == ASSETS
    rel = _rel(path, root)
    if path.is_symlink():
        return [
            _problem(
                rel,
                "This file is a symbolic link.",
                "Replace the link with the file itself: nothing is read or published through a link.",
            )
        ]
    if not path.is_file():
        return [_problem(rel, "This is not a regular file.", FIX_STRAY)]
    suffix = os.path.splitext(name)[1]
    if PAGE.match(name) or (read_pages and SIDECAR.match(name)):
        return []
    if read_pages and suffix == ".md" and not LANG_SUFFIX.match(name):
        return []  # read by the corpus: '[file-name] The file name does not say its language.'
    if suffix.lower() in (".md", ".markdown", ".html", ".htm", ".mdown", ".mkd"):
        return [
            _problem(
                rel,
                f"'{printable(name)}' is not a page name the hub reads.",
                "Name pages index.<lang>.md, capsule.<lang>.md or capsule-<session>.<lang>.md (lang: "
                + ", ".join(LANGUAGES)
                + "), in a folder of their own; raw HTML files are not published.",
            )
        ]
    if in_assets:
        if docs_rel in HUB_ASSETS:
            return []
        return [
            _problem(
                rel,
                f"'{printable(name)}' is not one of the hub's own assets: docs/assets/ holds only "
                "the files toolkit/checks/files.py lists (HUB_ASSETS), which are code.",
                "Remove it; put images next to the page that shows them. A new script or style "
                "sheet is a change to the hub's code: ask a maintainer.",
            )
        ]
    stem = name[: -len(suffix)] if suffix else name
    if suffix.lower() in CODE_SUFFIXES:
        return [
            _problem(
                rel,
                f"'{printable(name)}' is a script, style sheet or font: JavaScript, CSS and fonts "
                "come only from the theme and the hub's own assets, never from content.",
                "Remove it. A page needs no code of its own; a change to the site's look or "
                "behaviour is a change to the hub's code: ask a maintainer.",
            )
        ]
    if suffix not in MEDIA_SUFFIXES:
        return [
            _problem(rel, f"'{printable(name)}' is not a file type the hub publishes.", FIX_STRAY)
        ]
    if not MEDIA.match(stem):
        return [
            _problem(
                rel,
                f"The file name '{printable(name)}' is not a slug.",
                "Rename it with lower-case letters, digits and hyphens only, like 'reunion-kayes.jpg'.",
            )
        ]
    if suffix == ".svg" and read_pages:  # the build publishes only what svg.clean wrote
        return svg_problems(path, rel)
    return []


def svg_problems(path: Path, rel: str) -> list[Problem]:
    """What the hub leaves out of an SVG when it writes it again (toolkit.media.svg), each at its
    line; an SVG it cannot read at all (a DTD, an entity, not XML, over a limit) is refused."""
    try:
        if path.stat().st_size > svg.MAX_BYTES:
            return [
                _problem(
                    rel,
                    f"The SVG is over {svg.MAX_BYTES // 1_000_000} MB.",
                    "Simplify the drawing or export it as PNG.",
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        return [
            _problem(rel, f"The file cannot be read ({error.strerror}).", "Check its permissions.")
        ]
    cleaned = svg.clean(data)
    problems = [
        Problem(rel, line, "files", printable(what), fix) for line, what, fix in cleaned.problems
    ]
    if cleaned.data is not None:
        problems += _drawing_personal_data(rel, data, cleaned.data)
    return problems


def _drawing_personal_data(rel: str, source: bytes, published: bytes) -> list[Problem]:
    """Personal data in the text an SVG publishes (``<text>`` with its ``<tspan>``, ``<title>``,
    ``<desc>``, ``aria-label``: what svg.clean kept), each text read on its own (a chart's
    labels are not one number), at the line of the source that shows it."""
    import xml.etree.ElementTree as ElementTree  # the hub's own output: no DTD, no entity

    from toolkit.checks.privacy import TooManyNumbers, scan
    from toolkit.checks.rendered_privacy import source_line

    try:
        root = ElementTree.fromstring(published)
    except ElementTree.ParseError:
        return []
    texts = []  # what a reader (or a screen reader) gets: each text, title and label alone
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("text", "title", "desc"):
            texts.append(" ".join(" ".join(element.itertext()).split()))
        texts += [v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "aria-label"]
    lines = [pair for n, t in enumerate(texts) for pair in ((2 * n + 1, t), (2 * n + 2, ""))]
    text = source.decode("utf-8", "replace")
    try:
        hits = scan(lines)
    except TooManyNumbers:
        return [
            _problem(
                rel,
                "The drawing holds too many numbers to check for personal data.",
                "Export a chart of many figures as PNG, or put the figures in the page.",
            )
        ]
    return [
        Problem(
            rel,
            source_line(text, found),
            "personal-data",
            f"The drawing shows what looks like {what}: '{printable(found.strip())}'.",
            "Remove it or name a role or an institution instead.",
        )
        for _, found, what in hits
    ]


def publishable(path: Path, docs_dir: Path) -> bool:
    """True for a file under ``docs_dir`` that may be published: no symbolic link on the way,
    a known file type (the build leaves every other file out, whatever the check said). A
    recording is never published as a file: the build writes the Opus and MP3 it made of a
    capsule's recording (toolkit.website.recordings), and any other audio file is a source no
    page uses, with its tags (ID3, Vorbis comments)."""
    try:
        parts = path.relative_to(docs_dir).parts
    except ValueError:
        return True  # not content: the theme's or the hub's own files
    if path.suffix.lower() in AUDIO_SUFFIXES:
        return False
    current = docs_dir
    for part in parts:
        current = current / part
        if current.is_symlink():
            return False
    return not _file_problem(path, parts[-1], docs_dir, "/".join(parts), False) and all(
        SLUG.match(part) or parts[0] == ASSETS for part in parts[:-1]
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def drop_unpublishable(files, docs_dir: Path, result=None) -> list[str]:
    """Remove from MkDocs' ``files`` every file under ``docs_dir`` that may not be published (a
    link, a stray type) and every page whose front matter the hub refused or could not read (a
    plain, non-strict build still renders the rest, but never reads such a file): return their
    source paths. ``result`` is the validation's (toolkit.checks.validate.Result)."""
    docs_dir = Path(docs_dir).resolve()
    unreadable = set()
    if result is not None:
        for doc in result.corpus.documents:
            if doc.fm is None or doc.text is None:
                unreadable.add(doc.src_uri)
        unreadable |= {
            p.path.split("/", 1)[1]
            for p in result.problems
            if p.check in ("files", "page-size", "encoding") and p.path.startswith("docs/")
        }
    dropped = []
    for file in list(files):
        source = getattr(file, "abs_src_path", None)
        if not source:
            continue  # generated by the hub or the theme
        path = Path(source)
        inside = path.parent.resolve() / path.name
        if not inside.is_relative_to(docs_dir):
            continue
        if file.src_uri in unreadable or not publishable(inside, docs_dir):
            files.remove(file)
            dropped.append(file.src_uri)
    return dropped


def committed_cache_problems(root: Path) -> list[Problem]:
    """Files under .cache/ that the repository tracks: a cache is never taken from a commit."""
    from toolkit.base.local_cache import tracked_files

    tracked = tracked_files(root)
    if not tracked:
        return []
    return [
        _problem(
            ".cache",
            f"The repository holds {len(tracked)} file(s) under .cache/ "
            f"({printable(tracked[0])}{', ...' if len(tracked) > 1 else ''}): "
            "caches are made on each machine, never taken from a commit.",
            "Remove them from the repository: git rm -r --cached .cache",
        )
    ]
