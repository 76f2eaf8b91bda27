"""Export one document as PDF, DOCX or EPUB3.

The source of every export is :func:`toolkit.render.document.render_document`, the Markdown a reader
of the site sees, which :func:`toolkit.kits.pandoc_markdown.pandoc_markdown` turns into pandoc's
dialect. :mod:`toolkit.kits.converters` runs pandoc and Typst, :mod:`toolkit.kits.cache`
keeps the results, :mod:`toolkit.kits.facilitator_pack` makes a curriculum's pack from the same
sources.

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
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from toolkit.content.corpus import Document
from toolkit.content.languages import LANGUAGE_NAMES
from toolkit.content.licence import LICENCE, LICENCE_URL
from toolkit.kits.addresses import page_url
from toolkit.kits.cache import KitCache, export_key, export_slot
from toolkit.kits.converters import EPUB_OPTIONS, PANDOC_FROM, TEMPLATE, run_pandoc, run_typst
from toolkit.kits.docx import docx_form_rows, reference_docx
from toolkit.kits.errors import export_error
from toolkit.kits.pandoc_markdown import (
    ExportContext,
    pandoc_markdown,
    resolve_links,
    strip_title,
)
from toolkit.media import images as media_images
from toolkit.render.document import render_document
from toolkit.render.labels import label
from toolkit.render.text import md_text

FORMATS: tuple[str, ...] = ("pdf", "docx", "epub")
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "epub": "application/epub+zip",
}


def document_date(doc: Document) -> dt.date:
    return doc.meta.last_reviewed if doc.meta else dt.date(1980, 1, 1)


def epoch_of(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


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
            return _pdf(source, common, markdown, folder, docs_dir)
        return _book(
            source, fmt, common, resolve_links(_cover_markdown(meta), fmt) + markdown, folder
        )


def _pdf(source: Source, common: list[str], markdown: str, folder: Path, docs_dir: Path) -> bytes:
    """pandoc writes Typst with the hub's template, Typst compiles it (its images from
    ``docs_dir``, the hub's copies: :func:`_published_images`)."""
    typ = run_pandoc(
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
    return run_typst(typ, docs_dir, source.epoch, source.rel, source.lang)


def _book(source: Source, fmt: str, common: list[str], markdown: str, folder: Path) -> bytes:
    """A DOCX (the hub's reference document; a tool sheet's rows made tall) or an EPUB."""
    out = folder / f"out.{fmt}"
    args = [*common, "--to", "docx" if fmt == "docx" else "epub3", "--output", str(out)]
    if fmt == "epub":
        args += EPUB_OPTIONS
    else:
        args += ["--reference-doc", str(reference_docx())]
    run_pandoc(args, markdown, source.epoch, source.rel, source.lang, folder)
    data = out.read_bytes()
    return docx_form_rows(data) if fmt == "docx" and source.meta.get("form") else data


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


def document_source(doc: Document, context: ExportContext) -> Source:
    """The export source of ``doc`` for ``context`` (its reader's language, the site's address,
    the kit's own files: see :func:`~toolkit.kits.pandoc_markdown.pandoc_markdown`)."""
    lang = context.lang
    if doc.meta is None:
        raise export_error(
            doc.rel, lang, "render", "the front matter is not valid; run `hub check`."
        )
    try:
        # a French fallback in a kit keeps its French frame (the printed page is one language)
        rendered = render_document(doc, context.corpus, context.vocab, doc.lang or lang)
    except Exception as error:  # a rendering bug must still name the document
        raise export_error(doc.rel, lang, "render", f"{type(error).__name__}: {error}") from None
    converted = pandoc_markdown(strip_title(rendered, md_text(doc.meta.title)), doc, context)
    return Source(
        doc.rel,
        doc.lang or lang,
        converted.markdown,
        title_meta(doc, lang, context.site_url),
        converted.images,
        epoch_of(document_date(doc)),
        context.docs_dir,
    )


def export_source(source: Source, fmt: str, dest: Path, cache: KitCache | None = None) -> bool:
    """Write ``source`` as ``fmt`` to ``dest``; True when it was converted, False on a cache hit."""
    cache = cache or KitCache(None)
    key = export_key(fmt, source.markdown, source.meta, source.images, source.epoch)
    if cache.fetch(export_slot(key), key, dest, f".{fmt}"):
        return False
    data = convert(source, fmt)
    try:
        cache.store(export_slot(key), key, dest, f".{fmt}", data=data)
    except OSError as error:
        raise export_error(source.rel, source.lang, "write", f"{dest}: {error}") from None
    return True


def export_document(
    doc: Document, context: ExportContext, fmt: str, dest: Path, cache: KitCache | None = None
) -> bool:
    """Export ``doc`` for ``context`` as ``fmt`` (pdf, docx, epub) to ``dest``.

    Returns True when the file was converted, False when it came from ``cache``.
    """
    return export_source(document_source(doc, context), fmt, dest, cache)
