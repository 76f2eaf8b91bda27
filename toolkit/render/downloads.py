"""Where each document's exports are in the kits, and the download block of its page.

Catalogue strings are text here too (:func:`toolkit.render.labels.label_md`)."""

from __future__ import annotations

import html

from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.content.languages import colon as colon_of
from toolkit.render.kit_layout import document_path, pack_path, sahelink_path
from toolkit.render.labels import label, label_md

MARKER = "<!-- hub:downloads -->"
FORMATS = (("pdf", "PDF"), ("docx", "DOCX"), ("epub", "EPUB"))
DOWNLOADS_PAGE = "telechargements"


def document_files(doc) -> list[tuple[str, str]]:
    """(format label, path from the site root) of the exports of ``doc`` in its own language."""
    files = [(name, sahelink_path(doc.lang, document_path(doc, ext))) for ext, name in FORMATS]
    if doc.kind == "curriculum":
        files.append((label("kits.pack", doc.lang), sahelink_path(doc.lang, pack_path(doc))))
    return files


def download_block(doc, reader: str) -> str:
    """HTML: links to the exports of ``doc`` from its page as read in ``reader``'s language."""
    depth = doc.folder.count("/") + 1 + (0 if reader == DEFAULT_LANGUAGE else 1)
    links = " · ".join(
        f'<a href="{"../" * depth}{path}" download>{html.escape(name)}</a>'
        for name, path in document_files(doc)
    )
    colon = colon_of(reader)
    return f'\n\n<p class="hub-download"><strong>{label_md("kits.download", reader)}</strong>{colon} {links}</p>\n'


def downloads_page(lang: str) -> str:
    """Markdown of the downloads page: the intro and the marker the kit list replaces."""
    return (
        f"# {label_md('kits.title', lang)}\n\n{label_md('kits.intro', lang)}\n\n"
        f'<div class="hub-kits">\n{MARKER}\n<p>{label_md("kits.none", lang)}</p>\n</div>\n'
    )
