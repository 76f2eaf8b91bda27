"""Export one document as PDF, DOCX or EPUB3, and a curriculum as a facilitator pack PDF.

The source of every export is :func:`toolkit.render.document.render_document`, the Markdown a reader
of the site sees. :func:`pandoc_markdown` turns its MkDocs-specific syntax into pandoc's:

- admonitions (``!!! type "title"`` + 4-space body) become block quotes with a bold title;
- ``{#id}`` heading attributes are kept (pandoc reads them);
- relative links to other pages (``../../outils/x/index.md#a``) become absolute URLs on
  ``site_url``, in the reader's language (French at ``/<section>/<slug>/``, others at
  ``/<lang>/<section>/<slug>/``); local images become absolute file paths;
- ``<div lang="fr" markdown="1">`` wrappers become pandoc divs; ``<p class="hub-credits">``
  stays as a paragraph of text; ``markdown`` attributes of other tags are dropped.

PDF: pandoc writes Typst with ``typst_template.typ`` (title block with type, language, last
review, licence and address), and the ``typst`` package compiles it with its embedded fonts
only. DOCX and EPUB3: pandoc, with the same title block as a first paragraph. All three are
reproducible: the timestamp of an export is the document's ``last_reviewed`` date (not the
build time), so its bytes depend on the content only and the cache stays valid across commits.

Every failure raises :class:`~toolkit.kits.errors.KitError` (check ``kit-export``), naming the
document, the language and the step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

import yaml

from toolkit.base.build_caches import per_build
from toolkit.base.files import write_atomically
from toolkit.checks.sanitize import policy_fingerprint, sanitize_pandoc
from toolkit.content.corpus import Corpus, Document
from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from toolkit.content.licence import LICENCE, LICENCE_URL
from toolkit.content.problems import printable
from toolkit.content.vocabularies import Vocabularies
from toolkit.kits.docx import docx_form_rows, reference_docx
from toolkit.kits.errors import KitError, kit_problem
from toolkit.media import images as media_images
from toolkit.render.document import format_minutes, render_document
from toolkit.render.labels import label
from toolkit.render.text import md_text

FORMATS: tuple[str, ...] = ("pdf", "docx", "epub")
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "epub": "application/epub+zip",
}
TEMPLATE = Path(__file__).with_name("typst_template.typ")
#: Bump when the conversion code changes the output, so cached exports are redone.
EXPORT_FORMAT_VERSION = "2"

#: Pandoc's Markdown, without what would misread plain text: `@name` as a citation,
#: `$5` as maths, `\x` as raw TeX.
PANDOC_FROM = (
    "markdown-citations-tex_math_dollars-tex_math_single_backslash-raw_tex-implicit_figures"
)

#: How to fix a failed export, by step.
EXPORT_FIXES = {
    "image": "Correct the image path in the page (hub check reports it with its line)",
    "render": "Run hub check and correct what it reports",
    "pandoc": "Install pypandoc-binary (make install); if it is installed, run hub check on the file",
    "typst": "Run hub check on the file; if it passes, report the file and this message",
    "write": "Check the free space and permissions of the kit folder",
}


def export_error(rel: str, lang: str, step: str, detail: str) -> KitError:
    """An export failed: which document, in which language, at which step, and why."""
    return KitError(
        kit_problem(
            "export",
            rel,
            f"the {lang} export failed at the {step} step: {printable(detail.strip())}",
            EXPORT_FIXES.get(step, EXPORT_FIXES["typst"]),
        )
    )


# --------------------------------------------------------------------------- addresses


def page_path(src_uri: str, lang: str) -> str:
    """Site path of a page from its path under docs/ (with or without language suffix)."""
    path = PurePosixPath(src_uri)
    stem = path.name[: -len(".md")] if path.name.endswith(".md") else path.name
    stem = re.sub(r"\.(fr|en|bm|snk)$", "", stem)
    parts = [*path.parent.parts] if str(path.parent) != "." else []
    if stem != "index":
        parts.append(stem)
    prefix = [] if lang == DEFAULT_LANGUAGE else [lang]
    return "/" + "/".join(prefix + parts) + ("/" if parts or prefix else "")


def page_url(doc: Document, lang: str, site_url: str) -> str:
    """Address of ``doc`` for a reader of ``lang``: French at the root, others under /<lang>/."""
    return site_url.rstrip("/") + page_path(doc.src_uri, lang)


def document_date(doc: Document) -> dt.date:
    return doc.meta.last_reviewed if doc.meta else dt.date(1980, 1, 1)


def epoch_of(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


# ------------------------------------------------------------------ MkDocs -> pandoc


ADMONITION = re.compile(
    r"^(?P<indent> *)(?:!!!|\?\?\?\+?) *(?P<type>[\w-]+)(?: +[\w-]+)*"
    r'(?: +"(?P<title>[^"]*)")? *$'
)
FENCE = re.compile(r"^ *(```|~~~)")
LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url><[^>]*>|[^)\s]+)"
    r"(?P<title>\s+\"[^\"]*\")?\)"
)
REF_DEF = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:\s*)(?P<url>\S+)(?P<rest>.*)$")
HEADING_ID = re.compile(r"^(#{1,6} .*\{#)(?P<id>[\w-]+)(\}\s*)$")
DIV_OPEN = re.compile(
    r"^ *<div(?P<attrs>(?:\s+[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*>\s*$"
)
DIV_CLOSE = re.compile(r"^ *</div>\s*$")
P_LINE = re.compile(
    r"^ *<p(?P<attrs>(?:\s+[\w-]+(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*>(?P<text>.*)</p>\s*$"
)
MARKDOWN_ATTR = re.compile(r"\s+markdown(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?(?=[\s>])")
ATTR = re.compile(r"([\w-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _admonitions(lines: list[str]) -> list[str]:
    out: list[str] = []
    i, in_fence = 0, False
    while i < len(lines):
        line = lines[i]
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else ADMONITION.match(line)
        if not match:
            out.append(line)
            i += 1
            continue
        indent = match["indent"]
        inner = indent + "    "
        body: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(inner)):
            body.append(lines[i][len(inner) :] if lines[i].strip() else "")
            i += 1
        while body and not body[-1]:
            body.pop()
        while body and not body[0]:
            body.pop(0)
        title = match["title"]
        if title is None:
            title = match["type"].replace("-", " ").capitalize()
        quoted = ([f"**{title.strip()}**", ""] if title.strip() else []) + _admonitions(body)
        out += [indent + ("> " + q if q else ">") for q in quoted]
        out.append("")
    return out


def _attrs_to_pandoc(attrs: str, prefix: str = "") -> str:
    """HTML attributes as pandoc's ``{#id .class key="value"}`` (``markdown`` dropped)."""
    ids, classes, others = [], [], []
    for name, q1, q2, bare in ATTR.findall(attrs or ""):
        value = q1 or q2 or bare
        if name == "markdown":
            continue
        if name == "id" and value:
            ids.append(f"#{prefix}{value}")
        elif name == "class":
            classes += [f".{c}" for c in value.split()]
        else:
            others.append(f'{name}="{value}"')
    parts = ids[:1] + classes + others
    return "{" + " ".join(parts) + "}" if parts else ""


@dataclass
class Converted:
    markdown: str
    images: list[Path] = field(default_factory=list)


#: Scheme of the placeholder a cross-link gets in an export's source, resolved per format by
#: :func:`resolve_links`: ``hub-link:<file in the kit, from documents/, no extension>|<address>``.
KIT_LINK = "hub-link:"


def pandoc_markdown(
    markdown: str,
    doc: Document,
    lang: str,
    site_url: str,
    docs_dir: Path,
    anchor_prefix: str = "",
    kit_file: Callable[[str], str | None] | None = None,
) -> Converted:
    """``markdown`` (rendered for ``doc``) in pandoc's dialect; see the module docstring.

    ``anchor_prefix`` is put before every heading id and in-page link, so that several
    documents can share one output (the facilitator pack) without clashing labels.
    ``kit_file`` maps a linked page (its path under docs/) to its export in the same kit
    (``tool/x.fr``, from ``documents/``, without extension) or None: links to other pages
    become :data:`KIT_LINK` placeholders that :func:`resolve_links` turns, per format, into
    the file in the kit, the published address, or plain text.
    Raises :class:`KitError` (step "image") when a local image is missing or outside docs/.
    """
    folder = PurePosixPath(doc.src_uri).parent
    images: list[Path] = []
    base = site_url.rstrip("/")

    def target(url: str, is_image: bool) -> str:
        bare = url[1:-1] if url.startswith("<") and url.endswith(">") else url
        if bare.startswith("#"):
            return "#" + anchor_prefix + bare[1:]
        if SCHEME.match(bare) or bare.startswith("//") or not bare:
            return url
        path, _, fragment = bare.partition("#")
        if path.startswith("/"):
            resolved = path.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(str(folder), path))
        if is_image:
            file = (docs_dir / resolved).resolve()
            if resolved.startswith("..") or not file.is_file():
                raise export_error(
                    doc.rel, lang, "image", f"image '{bare}' not found at docs/{resolved}."
                )
            images.append(file)
            return "<" + file.as_posix() + ">"
        if resolved.endswith(".md"):
            address = base + page_path(resolved, lang) if base else ""
            in_kit = kit_file(resolved) if kit_file else None
        else:  # an asset or a folder on the site
            address = base + "/" + resolved.lstrip("./") if base else ""
            in_kit = None
        if address and fragment:
            address += f"#{fragment}"
        return f"{KIT_LINK}{in_kit or ''}|{address}"

    def link(match: re.Match) -> str:
        url = target(match["url"], bool(match["bang"]))
        return f"{match['bang']}[{match['text']}]({url}{match['title'] or ''})"

    out: list[str] = []
    in_fence = False
    for line in _admonitions(markdown.split("\n")):
        if FENCE.match(line.lstrip("> ")):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            continue
        if ABBREVIATION.match(line):
            continue
        if m := DIV_OPEN.match(line):
            out += ["", "::: " + (_attrs_to_pandoc(m["attrs"], anchor_prefix) or "{}"), ""]
            continue
        if DIV_CLOSE.match(line):
            out += ["", ":::", ""]
            continue
        if m := P_LINE.match(line):
            out += [
                "",
                "::: " + (_attrs_to_pandoc(m["attrs"], anchor_prefix) or "{}"),
                m["text"].strip(),
                ":::",
                "",
            ]
            continue
        line = MARKDOWN_ATTR.sub("", line)
        if anchor_prefix and (m := HEADING_ID.match(line)):
            line = f"{m.group(1)}{anchor_prefix}{m['id']}{m.group(3)}"
        if m := REF_DEF.match(line):
            line = m["lead"] + target(m["url"], False) + m["rest"]
        else:
            line = LINK.sub(link, line)
        out.append(line)
    return Converted("\n".join(_table_widths(out, form=doc.kind == "tool")), images)


def resolve_links(markdown: str, fmt: str) -> str:
    """The :data:`KIT_LINK` placeholders of ``markdown`` for ``fmt``: a PDF or DOCX links to the
    linked document's own file in the same kit (``../tool/x.fr.pdf``), else to its published
    address; an EPUB (a link out of the book would leave its container) to the published
    address; with neither, the link text stays, unlinked. Never a bare site path."""

    def resolve(match: re.Match) -> str:
        url = match["url"]
        if not url.startswith(KIT_LINK):
            return match[0]
        in_kit, _, address = url[len(KIT_LINK) :].partition("|")
        if in_kit and fmt in ("pdf", "docx"):
            return f"{match['bang']}[{match['text']}](../{in_kit}.{fmt}{match['title'] or ''})"
        if address:
            return f"{match['bang']}[{match['text']}]({address}{match['title'] or ''})"
        return match["text"]

    return LINK.sub(resolve, markdown)


TABLE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _table_widths(lines: list[str], form: bool = False) -> list[str]:
    """Give pipe tables column widths in proportion to their text (pandoc reads the dashes).

    ``form`` (a tool sheet, printed and filled by hand): a column left empty in most body rows
    is where people write, so it is at least as wide as the widest column of text."""
    lines = list(lines)
    for index, line in enumerate(lines):
        if (
            index == 0
            or not TABLE_RULE.match(line)
            or not lines[index - 1].lstrip().startswith("|")
        ):
            continue
        rows = [lines[index - 1]]
        for following in lines[index + 1 :]:
            if not following.lstrip().startswith("|"):
                break
            rows.append(following)
        rule_cells = CELL_SPLIT.split(line.strip())[1:-1]
        longest = [3] * len(rule_cells)
        word = [3] * len(rule_cells)
        empty = [0] * len(rule_cells)
        for number, row in enumerate(rows):
            for column, cell in enumerate(CELL_SPLIT.split(row.strip())[1:-1][: len(longest)]):
                longest[column] = max(longest[column], len(cell.strip()))
                word[column] = max([word[column], *(len(w) for w in cell.replace("*", "").split())])
                empty[column] += number > 0 and not cell.strip()
        body = len(rows) - 1
        if form and body:
            # a dash stands for about 0.8 mm of a 17 cm line, a letter for about 2 mm: the
            # longest word of a column of text must fit on its line
            writing = [body and 2 * count >= body for count in empty]
            text = [
                max(min(width, 40), round(2.5 * w) + 2)
                for width, w in zip(longest, word, strict=True)
            ]
            widest = max(
                [t for t, blank in zip(text, writing, strict=True) if not blank], default=20
            )
            longest = [
                min(max(width, widest, 20), 40) if blank else t
                for width, t, blank in zip(longest, text, writing, strict=True)
            ]
        cells = []
        for cell, width in zip(rule_cells, longest, strict=True):
            left, right = cell.strip().startswith(":"), cell.strip().endswith(":")
            dashes = "-" * min(max(width, 6), 60)
            cells.append((":" if left else "") + dashes + (":" if right else ""))
        lines[index] = "|" + "|".join(cells) + "|"
    return lines


def _strip_title(markdown: str, title: str) -> str:
    """Drop the ``# title`` heading (the title block of the export shows it): the first level-1
    heading, which may follow a notice such as the review banner."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            if line.strip() == f"# {title}":
                return "\n".join(lines[:index] + lines[index + 1 :])
            break
    return markdown


# ------------------------------------------------------------------------ the cache


@per_build(maxsize=1)
def tool_versions() -> dict[str, str]:
    """Versions of the converters: part of every cache key."""
    try:
        import pypandoc

        pandoc_version = pypandoc.get_pandoc_version()
    except (ImportError, OSError):  # reported by _pandoc as a KitError
        pandoc_version = "missing"
    try:
        typst_version = metadata.version("typst")
    except metadata.PackageNotFoundError:  # pragma: no cover - typst is a dependency
        typst_version = "missing"
    return {"pandoc": pandoc_version, "typst": typst_version, "exports": EXPORT_FORMAT_VERSION}


@dataclass
class ExportCache:
    """Exports stored by the SHA-256 of their inputs; a hit is hard-linked (or copied) out.

    ``folder`` None disables caching. ``hits`` and ``misses`` count lookups.
    """

    folder: Path | None
    hits: int = 0
    misses: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def path(self, key: str, fmt: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.{fmt}" if self.folder else None

    def fetch(self, key: str, fmt: str, dest: Path) -> bool:
        cached = self.path(key, fmt)
        if cached is None or not cached.is_file():
            with self._lock:
                self.misses += 1
            return False
        with self._lock:
            self.hits += 1
        _place(cached, dest)
        return True

    def store(self, key: str, fmt: str, data: bytes, dest: Path) -> None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        cached = self.path(key, fmt)
        if cached is None:
            write_atomically(dest, data)
            return
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, data)
        _place(cached, dest)


def _place(cached: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() or dest.is_symlink():
        dest.unlink()
    try:
        os.link(cached, dest)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, dest)


#: pandoc's options for an EPUB: one file for the whole text (its sections stay in the book's
#: table of contents). Split at each section, a methodology's EPUB was 18 files and 16 KB; whole,
#: 9 files and 10.6 KB, which makes the kits of French fallbacks a third lighter.
EPUB_OPTIONS = ("--split-level", "1")
#: The code that decides what a conversion writes: part of every cache key, so that a change of
#: options or of the DOCX styles is never answered from the cache.
CONVERTERS = (Path(__file__), Path(__file__).with_name("docx.py"))


@per_build(maxsize=1)
def _converters_fingerprint() -> str:
    return hashlib.sha256(b"".join(path.read_bytes() for path in CONVERTERS)).hexdigest()


def cache_key(fmt: str, markdown: str, meta: dict, images: Iterable[Path], epoch: int) -> str:
    digest = hashlib.sha256()
    template = TEMPLATE.read_bytes() if fmt == "pdf" else b""
    for part in (
        fmt,
        markdown,
        json.dumps(meta, sort_keys=True, ensure_ascii=False),
        json.dumps(tool_versions(), sort_keys=True),
        str(epoch),
        policy_fingerprint(),
        f"images {media_images.PIPELINE}",
        _converters_fingerprint(),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(template + b"\0")
    for image in sorted(set(images)):
        digest.update(
            image.as_posix().encode() + b"\0" + hashlib.sha256(image.read_bytes()).digest()
        )
    return digest.hexdigest()


# ------------------------------------------------------------------------ converters


def _pandoc(args: list[str], source: str, epoch: int, rel: str, lang: str, cwd: Path) -> bytes:
    try:
        import pypandoc

        binary = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as error:
        raise export_error(
            rel, lang, "pandoc", f"pandoc is not installed ({error}); install pypandoc-binary."
        ) from None
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "LC_ALL": "C.UTF-8", "TZ": "UTC"}
    if args[:2] == ["--from", PANDOC_FROM]:  # pandoc's own parse, sanitized, is what it converts
        source, args = _sanitized(binary, args, source, env, cwd, rel, lang)
    return _run(binary, args, source, env, cwd, rel, lang)


def _run(
    binary: str, args: list[str], source: str, env: dict, cwd: Path, rel: str, lang: str, why=""
) -> bytes:
    """pandoc's output for ``source``, or a KitError at the pandoc step (``why`` before the
    reason: what the call was for)."""
    try:
        run = subprocess.run(
            [binary, *args],
            input=source.encode("utf-8"),
            capture_output=True,
            env=env,
            cwd=cwd,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise export_error(rel, lang, "pandoc", f"{why}{error}") from None
    if run.returncode != 0:
        stderr = run.stderr.decode("utf-8", "replace")[-2000:]
        raise export_error(rel, lang, "pandoc", why + (stderr or f"exit status {run.returncode}"))
    return run.stdout


def _sanitized(
    binary: str, args: list[str], source: str, env: dict, cwd: Path, rel: str, lang: str
) -> tuple[str, list[str]]:
    """(pandoc's JSON of ``source`` with its metadata, sanitized; the arguments to convert it):
    toolkit.checks.sanitize.sanitize_pandoc, so that no raw HTML, raw Typst/OpenXML, address or
    image outside the allowlist reaches a PDF, DOCX or EPUB."""
    parse, rest, images_under = ["--from", PANDOC_FROM, "--to", "json"], ["--from", "json"], ""
    index = 2
    while index < len(args):
        flag = args[index]
        if flag in ("--metadata-file", "--resource-path") and index + 1 < len(args):
            parse += [flag, args[index + 1]]
            if flag == "--resource-path":
                images_under = Path(args[index + 1]).resolve().as_posix().rstrip("/") + "/"
                rest += [flag, args[index + 1]]
            index += 2
            continue
        rest.append(flag)
        index += 1
    why = "could not parse the Markdown: "
    output = _run(binary, parse, source, env, cwd, rel, lang, why)
    try:
        document = json.loads(output)
    except ValueError as error:
        raise export_error(rel, lang, "pandoc", f"{why}{error}") from None
    sanitize_pandoc(document, images_under)
    return json.dumps(document, ensure_ascii=False), rest


def _typst(source: str, root: Path, epoch: int, rel: str, lang: str) -> bytes:
    try:
        import typst
    except ImportError as error:
        raise export_error(rel, lang, "typst", f"the typst package is missing ({error}).") from None
    try:
        return typst.compile(
            source.encode("utf-8"),
            root=str(root),
            ignore_system_fonts=True,
            timestamp=epoch,
            format="pdf",
        )
    except Exception as error:  # typst raises its own TypstError; report it, never a traceback
        message = str(error)
        step = "image" if re.search(r"image|decode|file not found", message, re.I) else "typst"
        raise export_error(rel, lang, step, message[-2000:]) from None


@dataclass
class Source:
    """What one export is made from: pandoc Markdown, metadata and the files it reads."""

    rel: str  # the document (for errors)
    lang: str  # the text's language
    markdown: str
    meta: dict
    images: list[Path]
    epoch: int
    docs_dir: Path


def _cover_markdown(meta: dict) -> str:
    rows = [
        f"**{row['label']}** : {row['value']}"
        if meta["lang"] == "fr"
        else f"**{row['label']}:** {row['value']}"
        for row in meta["cover"]
    ]
    head = f"*{meta['kind']}*" + (f" — {meta['subtitle']}" if meta.get("subtitle") else "")
    return "::: {.cover}\n" + head + "\n\n" + "\\\n".join(rows) + "\n:::\n\n"


def _published_images(source: Source, folder: Path) -> Path:
    """A folder laid out as docs/ that holds, for each image the export shows, the copy the hub
    made of it (toolkit.media.images.prepare: decoded within limits, nothing but its pixels,
    SVG written again), so that pandoc and Typst never embed a contributor's bytes (EXIF, GPS,
    XMP, an SVG's script). Raises KitError (step "image") for an image the hub refuses."""
    docs = source.docs_dir.resolve()
    mirror = folder / "docs"
    mirror.mkdir()
    for image in sorted(set(source.images)):
        rel = image.relative_to(docs)
        prepared = media_images.prepare(image, docs.parent)
        if prepared.output is None or prepared.error is not None:
            why = prepared.error or "over the limits of a source image"
            raise export_error(
                source.rel, source.lang, "image", f"image 'docs/{rel.as_posix()}': {why}."
            )
        target = mirror / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prepared.output, target)
    return mirror.resolve()


def convert(source: Source, fmt: str) -> bytes:
    """The bytes of ``source`` as ``fmt`` (pdf, docx or epub)."""
    if fmt not in FORMATS:
        raise export_error(source.rel, source.lang, "pandoc", f"unknown format '{fmt}'")
    with tempfile.TemporaryDirectory(prefix="hub-export-") as tmp:
        folder = Path(tmp)
        docs_dir = _published_images(source, folder)
        docs = source.docs_dir.resolve().as_posix().rstrip("/") + "/"
        markdown = source.markdown.replace("<" + docs, "<" + docs_dir.as_posix() + "/")
        meta_file = folder / "meta.yaml"
        meta = dict(source.meta)
        if fmt != "pdf":
            meta["date"] = meta["last-reviewed"]
            meta["identifier"] = meta["identifier"]
            meta["rights"] = f"{LICENCE} ({LICENCE_URL})"
        meta_file.write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=True), encoding="utf-8"
        )
        common = [
            "--from",
            PANDOC_FROM,
            "--metadata-file",
            str(meta_file),
            "--resource-path",
            str(docs_dir),
        ]
        markdown = resolve_links(markdown, fmt)
        if fmt == "pdf":
            typ = _pandoc(
                [
                    *common,
                    "--to",
                    "typst",
                    "--standalone",
                    "--template",
                    str(TEMPLATE),
                    "--wrap",
                    "preserve",
                ],
                markdown,
                source.epoch,
                source.rel,
                source.lang,
                folder,
            ).decode("utf-8")
            typ = typ.replace(f'image("{docs_dir.as_posix()}/', 'image("/')
            return _typst(typ, docs_dir, source.epoch, source.rel, source.lang)
        out = folder / f"out.{fmt}"
        args = [*common, "--to", "docx" if fmt == "docx" else "epub3", "--output", str(out)]
        if fmt == "epub":
            args += EPUB_OPTIONS
        else:
            args += ["--reference-doc", str(reference_docx())]
        _pandoc(
            args,
            resolve_links(_cover_markdown(meta), fmt) + markdown,
            source.epoch,
            source.rel,
            source.lang,
            folder,
        )
        data = out.read_bytes()
        return docx_form_rows(data) if fmt == "docx" and meta.get("form") else data


# -------------------------------------------------------------------------- documents


def title_meta(doc: Document, reader_lang: str, site_url: str, subtitle: str | None = None) -> dict:
    """The title block of an export of ``doc`` for a reader of ``reader_lang``. A French
    document given to a reader of another language (no translation yet) says so on its cover,
    in the reader's language. Without ``site_url`` there is no address to print (never a bare
    path): the cover has no address row and the identifier is a URN."""
    meta, lang = doc.meta, doc.lang or reader_lang
    kind = label(f"kind.{doc.kind}", lang)
    url = page_url(doc, reader_lang, site_url) if site_url else ""
    cover = [
        {"label": label("kits.type", lang), "value": kind},
        {"label": label("kits.language", lang), "value": LANGUAGE_NAMES.get(lang, lang)},
        {"label": label("last_reviewed", lang), "value": meta.last_reviewed.isoformat()},
        {"label": label("kits.licence", lang), "value": f"[{LICENCE}]({LICENCE_URL})"},
    ]
    if is_fallback(doc, reader_lang):
        cover.insert(
            2,
            {
                "label": label("kits.fallback", reader_lang),
                "value": label("kits.fallback.note", reader_lang),
            },
        )
    if url:
        cover.append({"label": label("kits.address", lang), "value": f"<{url}>"})
    result = {
        "title": meta.title,
        "lang": lang,
        "kind": kind,
        "cover": cover,
        "url": url,
        "identifier": url or f"urn:kayes-hub:{reader_lang}:{doc.key}",
        "last-reviewed": meta.last_reviewed.isoformat(),
        "author": list(meta.authors),
        "description": meta.summary,
        "footer": f"{meta.title} · {LICENCE}",
    }
    if doc.kind == "tool":
        result["form"] = True  # a sheet to print and fill by hand: grid, tall rows
    if subtitle:
        result["subtitle"] = subtitle
    return result


def is_fallback(doc: Document, reader_lang: str) -> bool:
    """Whether ``doc`` stands in, in French, for a translation ``reader_lang`` lacks."""
    return bool(doc.lang) and doc.lang != reader_lang


def document_source(
    doc: Document,
    corpus: Corpus,
    vocab: Vocabularies,
    lang: str,
    site_url: str,
    kit_file: Callable[[str], str | None] | None = None,
) -> Source:
    """The export source of ``doc`` for a reader of ``lang`` (``kit_file``: see
    :func:`pandoc_markdown`)."""
    if doc.meta is None:
        raise export_error(
            doc.rel, lang, "render", "the front matter is not valid; run `hub check`."
        )
    docs_dir = corpus.root / "docs"
    try:
        rendered = render_document(doc, corpus, vocab, lang)
    except Exception as error:  # a rendering bug must still name the document
        raise export_error(doc.rel, lang, "render", f"{type(error).__name__}: {error}") from None
    converted = pandoc_markdown(
        _strip_title(rendered, md_text(doc.meta.title)),
        doc,
        lang,
        site_url,
        docs_dir,
        kit_file=kit_file,
    )
    return Source(
        doc.rel,
        doc.lang or lang,
        converted.markdown,
        title_meta(doc, lang, site_url),
        converted.images,
        epoch_of(document_date(doc)),
        docs_dir,
    )


def export_source(source: Source, fmt: str, dest: Path, cache: ExportCache | None = None) -> bool:
    """Write ``source`` as ``fmt`` to ``dest``; True when it was converted, False on a cache hit."""
    cache = cache or ExportCache(None)
    key = cache_key(fmt, source.markdown, source.meta, source.images, source.epoch)
    if cache.fetch(key, fmt, dest):
        return False
    data = convert(source, fmt)
    try:
        cache.store(key, fmt, data, dest)
    except OSError as error:
        raise export_error(source.rel, source.lang, "write", f"{dest}: {error}") from None
    return True


def export_document(
    doc: Document,
    corpus: Corpus,
    vocab: Vocabularies,
    lang: str,
    fmt: str,
    dest: Path,
    site_url: str,
    cache: ExportCache | None = None,
) -> bool:
    """Export ``doc`` for a reader of ``lang`` as ``fmt`` (pdf, docx, epub) to ``dest``.

    Returns True when the file was converted, False when it came from ``cache``.
    """
    return export_source(document_source(doc, corpus, vocab, lang, site_url), fmt, dest, cache)


# ------------------------------------------------------------------- facilitator pack


PAGEBREAK = "\n```{=typst}\n#pagebreak()\n```\n"


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _agenda(doc: Document, lang: str) -> str:
    meta = doc.meta
    total = sum(s.duration_min for s in meta.sessions)
    rows = [
        f"## {label('kits.pack.agenda', lang)} {{#pack-agenda}}",
        "",
        f"| {label('kits.pack.time', lang)} | {label('activity', lang)} | {label('duration', lang)} |",
        "|" + "-" * 12 + "|" + "-" * 60 + "|" + "-" * 10 + "|",
    ]
    for number, session in enumerate(meta.sessions, 1):
        rows.append(
            f"| | **[{label('session', lang)} {number}. {_cell(session.title)}](#session-{number})** "
            f"| **{format_minutes(session.duration_min, lang)}** |"
        )
        start = 0
        for step in session.steps:
            rows.append(
                f"| {_clock(start)}–{_clock(start + step.minutes)} | {_cell(step.activity)} "
                f"| {step.minutes} min |"
            )
            start += step.minutes
    rows.append(f"| | **{label('total', lang)}** | **{format_minutes(total, lang)}** |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def pack_tools(doc: Document) -> list[str]:
    """Slugs of the tool sheets a curriculum uses, in order of first use, without repeats."""
    slugs: list[str] = []
    for slug in [*doc.meta.tools, *(t for s in doc.meta.sessions for t in s.tools)]:
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def pack_source(
    doc: Document,
    corpus: Corpus,
    vocab: Vocabularies,
    lang: str,
    site_url: str,
    kit_file: Callable[[str], str | None] | None = None,
) -> Source:
    """The facilitator pack of a curriculum: detailed agenda, every session, its tool sheets."""
    if doc.kind != "curriculum":
        raise export_error(doc.rel, lang, "render", "only a curriculum has a facilitator pack.")
    base = document_source(doc, corpus, vocab, lang, site_url, kit_file=kit_file)
    text_lang = base.lang
    parts = [_agenda(doc, text_lang), base.markdown]
    images = list(base.images)
    dates = [document_date(doc)]
    tools = [t for t in (corpus.whole(slug, lang) for slug in pack_tools(doc)) if t and t.meta]
    if tools:
        parts.append(PAGEBREAK + f"\n# {label('kits.pack.tools', text_lang)} {{#pack-tools}}\n")
    for index, tool in enumerate(tools, 1):
        try:
            rendered = render_document(tool, corpus, vocab, lang)
        except Exception as error:
            raise export_error(
                tool.rel, lang, "render", f"{type(error).__name__}: {error}"
            ) from None
        rendered = _demote(rendered)
        converted = pandoc_markdown(
            rendered,
            tool,
            lang,
            site_url,
            base.docs_dir,
            anchor_prefix=f"tool-{index}-",
            kit_file=kit_file,
        )
        parts.append(PAGEBREAK + "\n" + converted.markdown)
        images += converted.images
        dates.append(document_date(tool))
    meta = title_meta(doc, lang, site_url, subtitle=label("kits.pack", text_lang))
    meta["footer"] = f"{doc.meta.title} · {label('kits.pack', text_lang)} · {LICENCE}"
    return Source(
        doc.rel, text_lang, "\n\n".join(parts), meta, images, epoch_of(max(dates)), base.docs_dir
    )


def _demote(markdown: str) -> str:
    """Every heading one level down (a tool sheet becomes a chapter of the pack)."""
    out, in_fence = [], False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#{1,5} ", line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def export_facilitator_pack(
    doc: Document,
    corpus: Corpus,
    vocab: Vocabularies,
    lang: str,
    dest: Path,
    site_url: str,
    cache: ExportCache | None = None,
) -> bool:
    """Write the facilitator pack PDF of curriculum ``doc``; False when it came from ``cache``."""
    return export_source(pack_source(doc, corpus, vocab, lang, site_url), "pdf", dest, cache)
