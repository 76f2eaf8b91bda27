"""Addresses of the hub's pages and of the files of its kits, as a kit prints them: a page's
site path and published address in a reader's language, a kit file's identifier."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from toolkit.content.corpus import Document
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.render.kit_layout import sahelink_name, sahelink_path


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


def file_identifier(lang: str, file: str, site_url: str) -> str:
    """The absolute identifier of a file of the kit: its published address, else a URN."""
    if site_url:
        return f"{site_url.rstrip('/')}/{sahelink_path(lang, file)}"
    return f"urn:kayes-hub:{sahelink_name(lang)}:{file}"


def work_identifier(doc: Document, lang: str, site_url: str) -> str:
    """The absolute identifier of the work (the page), shared by its PDF, DOCX and EPUB."""
    return page_url(doc, lang, site_url) if site_url else f"urn:kayes-hub:{lang}:{doc.key}"
