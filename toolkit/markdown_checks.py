"""Checks on the Markdown body: internal links and anchors, images, unsafe raw HTML."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt

from .corpus import Corpus, Document
from .problems import Problem
from .site import DEFAULT_LANGUAGE, IMAGE_MAX_BYTES, IMAGE_SUFFIXES

_md = MarkdownIt("commonmark").enable("table")
_md.validateLink = lambda url: True  # see every link, javascript: ones included, to report them
UNSAFE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|base|meta|link|form)\b", re.IGNORECASE)
EVENT_ATTRIBUTE = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
JS_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
HEADING_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
HTML_JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*(javascript|vbscript):""", re.IGNORECASE)


def _line(doc: Document, token, needle: str | None = None) -> int:
    start, end = token.map if token.map else (0, 1)
    if needle:
        lines = doc.body.split("\n")
        for index in range(start, min(end, len(lines))):
            if needle in lines[index]:
                return doc.body_start + index
    return doc.body_start + start


@lru_cache(maxsize=4096)
def _anchors_of_text(text: str) -> frozenset[str]:
    anchors = set()
    tokens = _md.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[index + 1].content
            explicit = HEADING_ID.search(title)
            anchors.add(explicit[1] if explicit else slugify(HEADING_ID.sub("", title).strip(), "-"))
    anchors.update(ATTR_ID.findall(text))
    return frozenset(anchors)


def anchors_of(doc: Document) -> set[str]:
    from .render import structural_anchors  # the rendered page adds its own sections

    return set(_anchors_of_text(doc.body)) | structural_anchors(doc)


def _resolve(doc: Document, url: str, docs_dir: Path, corpus: Corpus) -> tuple[str, object]:
    """('ok'|'missing'|'asset', target document or path) for a relative URL."""
    folder = PurePosixPath(doc.src_uri).parent
    target = PurePosixPath(*(folder / unquote(url)).parts)
    parts: list[str] = []
    for part in target.parts:
        if part == "..":
            if not parts:
                return "missing", None
            parts.pop()
        elif part != ".":
            parts.append(part)
    path = "/".join(parts)
    candidates = []
    if url.endswith("/") or path == "" or not PurePosixPath(path).suffix:
        candidates.append((path + "/index").lstrip("/"))
    if path.endswith(".md"):
        stem = path[:-3]
        for lang in (doc.lang, DEFAULT_LANGUAGE):
            if stem.endswith(f".{lang}"):
                stem = stem[: -len(lang) - 1]
        candidates.append(stem)
    for key in candidates:
        langs = corpus.by_key.get(key)
        if langs:
            return "ok", langs.get(doc.lang) or langs.get(DEFAULT_LANGUAGE)
    if path and (docs_dir / path).is_file():
        return "asset", docs_dir / path
    return "missing", None


def check_body(doc: Document, corpus: Corpus, docs_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    tokens = _md.parse(doc.body)
    for token in tokens:
        if token.type in ("html_block",):
            problems += _check_html(doc, token, token.content)
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type == "html_inline":
                problems += _check_html(doc, token, child.content)
            elif child.type == "link_open":
                problems += _check_link(doc, token, child.attrs.get("href", ""), corpus, docs_dir)
            elif child.type == "image":
                problems += _check_image(doc, token, child, corpus, docs_dir)
    return problems


def _check_html(doc: Document, token, html: str) -> list[Problem]:
    problems = []
    for match in UNSAFE_TAG.finditer(html):
        tag = match[1].lower()
        problems.append(Problem(doc.rel, _line(doc, token, match[0]), "unsafe-html",
                                f"Raw HTML <{tag}> is not allowed: it could run code in readers' browsers.",
                                "Remove it; use Markdown, or ask a maintainer for a safe alternative."))
    for match in EVENT_ATTRIBUTE.finditer(html):
        problems.append(Problem(doc.rel, _line(doc, token, match[1]), "unsafe-html",
                                f"The HTML attribute '{match[1]}' runs code.",
                                "Remove the attribute."))
    for match in HTML_JS_URL.finditer(html):
        problems.append(Problem(doc.rel, _line(doc, token, match[0]), "unsafe-html",
                                "A 'javascript:' address runs code.", "Link to a page or a https:// address instead."))
    return problems


def _check_link(doc: Document, token, href: str, corpus: Corpus, docs_dir: Path) -> list[Problem]:
    if JS_URL.match(href):
        return [Problem(doc.rel, _line(doc, token, href), "unsafe-html",
                        f"The link '{href[:40]}' runs code.", "Link to a page or a https:// address instead.")]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/") or not href:
        return []
    line = _line(doc, token, href)
    target_doc = doc
    if parts.path:
        status, target_doc = _resolve(doc, parts.path, docs_dir, corpus)
        if status == "missing":
            return [Problem(doc.rel, line, "link", f"The link '{href}' points to nothing.",
                            "Check the path: link to another page as '../../outils/<slug>/index.md'.")]
        if status == "asset":
            return []
    if parts.fragment and target_doc is not None and target_doc.meta is not None:
        if parts.fragment not in anchors_of(target_doc):
            return [Problem(doc.rel, line, "anchor",
                            f"The link '{href}' names a section '#{parts.fragment}' that does not exist.",
                            "Use the id of a heading of that page (its title in lower case with hyphens).")]
    return []


def _check_image(doc: Document, token, image, corpus: Corpus, docs_dir: Path) -> list[Problem]:
    src = image.attrs.get("src", "")
    line = _line(doc, token, src)
    problems = []
    alt = "".join(child.content for child in image.children or []).strip() or image.content.strip()
    if not alt:
        problems.append(Problem(doc.rel, line, "image-alt", f"The image '{src}' has no text alternative.",
                                "Describe the image between the brackets: ![what it shows](path)."))
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        problems.append(Problem(doc.rel, line, "image", f"The image '{src}' is loaded from another site.",
                                "Save the image next to the page and link it by its file name."))
        return problems
    status, path = _resolve(doc, parts.path, docs_dir, corpus)
    if status != "asset":
        problems.append(Problem(doc.rel, line, "image", f"The image '{src}' does not exist.",
                                "Check the file name, or add the image next to the page."))
        return problems
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        problems.append(Problem(doc.rel, line, "image", f"'{src}' is not an image format browsers show.",
                                "Use PNG, JPEG, WebP or SVG."))
    size = path.stat().st_size
    if size > IMAGE_MAX_BYTES:
        problems.append(Problem(doc.rel, line, "image-size",
                                f"The image '{src}' weighs {size // 1000} KB, over the {IMAGE_MAX_BYTES // 1000} KB budget.",
                                "Resize it to at most 1200 px wide and compress it (JPEG quality 75 or WebP)."))
    return problems
