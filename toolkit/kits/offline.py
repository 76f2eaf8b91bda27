"""The offline site of one SaheLink kit: the language's share of the offline build, its pages
linked to the kit's own PDF, DOCX and EPUB files, its search holding only that language.

The offline build (Material's offline plugin, ``OFFLINE=true``) holds every language. A kit of
``lang`` carries :func:`toolkit.kits.sitecopy.language_paths` of it: French is the root; another
language is its folder, French fallback pages included (the site marks them with a notice in
the reader's language), plus the shared assets and a root ``index.html`` that opens the
language's home page. Links to pages the kit leaves out go to their published address (the
offline build's ``x/capsule.html`` is the folder ``x/capsule/`` online), or are dropped without
``site_url``; no ``<link rel="alternate">`` is kept (Material's bundle fetches ``sitemap.xml``
beside each one as a page opens: from a kit, a failed request, or a request to the published
site, at every page), and the language menu offers only the kit's own pages
(:func:`kit_language_menu`). The 404 page and the downloads page are not carried
(:func:`left_out`). Material's search index (``search/search_index.json`` and its
``.js`` twin for ``file://``) keeps only the kit's pages, so a French search shows no English
results. Each document page gets the download links of its files in the kit
(``site/…`` → ``documents/<type>/<slug>.<lang>.pdf``), built from the same list the online
page uses (:func:`toolkit.render.downloads.document_files`).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
from pathlib import Path, PurePosixPath

from toolkit.content.corpus import Document
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.content.languages import colon as colon_of
from toolkit.kits.sitecopy import (
    DOWNLOAD_BLOCK,
    SCHEME_RE,
    language_paths,
    published_address,
    rewrite_links,
)
from toolkit.render.downloads import DOWNLOADS_PAGE, document_files
from toolkit.render.labels import label

SEARCH_JSON = "search/search_index.json"
SEARCH_JS = "search/search_index.js"
JS_PREFIX = "var __index = "
#: lunr languages for the search of each kit. lunr has no Bambara or Soninké: their kits use
#: "typed" (``lunr.typed.js`` beside this module, written into the kit as a lunr language), which
#: indexes every word as written and as typed on a keyboard without ɛ ɔ ɲ ŋ or accents, with no
#: stemming, like the online search.
LUNR_LANGUAGES = {"fr": ["fr"], "en": ["en"], "bm": ["typed"], "snk": ["typed"]}
TYPED_SOURCE = Path(__file__).with_name("lunr.typed.js")
TYPED_TARGET = "assets/javascripts/lunr/min/lunr.typed.min.js"
#: A ``<link>`` element of the page's head, and its ``rel`` and ``href``.
LINK_ELEMENT = re.compile(r"\s*<link\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(rel|href)\s*=\s*(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
#: An entry of Material's language menu (partials/language.html), and its link's attributes.
MENU_ITEM = re.compile(
    r'\s*<li class="md-select__item">\s*<a\b([^>]*)>.*?</a>\s*</li>', re.IGNORECASE | re.DOTALL
)


def online_address(site_url: str, target: str) -> str | None:
    """The published address of ``target``, a file of the offline build (no directory URLs):
    ``x/capsule.html`` is the folder ``x/capsule/`` online; None without ``site_url``."""
    if not site_url:
        return None
    if target.endswith(".html") and posixpath.basename(target) not in ("index.html", "404.html"):
        target = target[: -len(".html")] + "/"
    return published_address(site_url, target)


def drop_alternates(text: str) -> str:
    """``text`` without its ``<link rel="alternate">``: Material's bundle fetches a
    ``sitemap.xml`` beside each (from ``file://`` a failed request, and a script error on one
    whose address the kit dropped), and a kit holds one language."""

    def replace(match: re.Match) -> str:
        attributes = {name.lower(): value for name, _, value in ATTRIBUTE.findall(match[0])}
        return "" if attributes.get("rel", "").lower() == "alternate" else match[0]

    return LINK_ELEMENT.sub(replace, text)


def kit_language_menu(text: str) -> str:
    """``text`` whose language menu offers only pages inside the kit: an entry whose link left
    the kit (a published address, or no address without ``site_url``) is left out."""

    def replace(match: re.Match) -> str:
        href = re.search(r"""\bhref\s*=\s*(["'])(.*?)\1""", match[1], re.DOTALL)
        inside = href is not None and href[2] and not SCHEME_RE.match(html.unescape(href[2]))
        return match[0] if inside else ""

    return MENU_ITEM.sub(replace, text)


def left_out(path: str, lang: str) -> bool:
    """Pages of the offline build that a kit does not carry: the 404 page (nothing serves it
    from a file; its addresses are from the site's root) and the downloads page (the kit is
    what it lists; its menu entry goes to the published page, or nowhere without site_url)."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return path in ("404.html", f"{prefix}404.html", f"{prefix}{DOWNLOADS_PAGE}/index.html")


def offline_page(doc: Document, lang: str) -> str:
    """The file of ``doc``'s page in the offline build, read in ``lang`` (no directory URLs)."""
    path = PurePosixPath(doc.src_uri)
    stem = path.name.split(".", 1)[0]
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{path.parent.as_posix()}/{'index' if stem == 'index' else stem}.html"


def download_paragraph(doc: Document, lang: str, page: str, in_kit: set[str]) -> str:
    """The page's links to the exports of ``doc`` that the kit holds (``in_kit``: paths from
    the kit's folder; ``page`` is under ``site/``), or "" when it holds none."""
    up = "../" * (page.count("/") + 1)
    files = [
        (name, path.split("/", 2)[2])
        for name, path in document_files(doc)
        if path.split("/", 2)[2] in in_kit
    ]
    if not files:
        return ""
    links = " · ".join(
        f'<a href="{html.escape(up + path)}">{html.escape(name)}</a>' for name, path in files
    )
    colon = colon_of(lang)
    return f'<p class="hub-download"><strong>{html.escape(label("kits.download", lang))}</strong>{colon} {links}</p>'


#: Elements whose whitespace shows (``pre``, and ``code`` and ``kbd``, which Material sets
#: ``white-space: pre-wrap``) or is not text (``script``, ``style``, ``textarea``).
_KEEP_SPACES = re.compile(
    r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL
)
_INDENTATION = re.compile(r"[ \t]*\n\s*")


def without_indentation(page: str) -> str:
    """``page`` with each run of whitespace that holds a line break made one line break, outside
    the elements whose whitespace shows. A browser shows both the same (a run of whitespace is
    one space), and each zip entry is compressed on its own: the templates' indentation was 6 %
    of the Bambara kit's zipped pages (38 KB), which its 2.0 MB budget needs."""
    parts = _KEEP_SPACES.split(page)
    # split() yields text, element, element name, text, ...: only the text is changed
    return "".join(
        _INDENTATION.sub("\n", part) if index % 3 == 0 else part if index % 3 == 1 else ""
        for index, part in enumerate(parts)
    )


def _search_index(data: dict, keep: set[str], lang: str) -> dict:
    docs = [
        entry
        for entry in data.get("docs", [])
        if entry.get("location", "").split("#", 1)[0] in keep
    ]
    config = {**data.get("config", {}), "lang": LUNR_LANGUAGES.get(lang, ["fr"])}
    return {**data, "config": config, "docs": docs}


def needed(path: str, lang: str) -> bool:
    """Whether a file of the shared assets is of use to a kit of ``lang``: not the source maps
    (for developers' tools, 290 KB zipped) nor lunr's stemmers and segmenters of languages
    the kit's search does not use (``wordcut.js`` alone, for Thai, is 160 KB zipped)."""
    if path.endswith(".map"):
        return False
    folder, _, name = path.rpartition("/")
    if folder in ("assets/javascripts/lunr", "assets/javascripts/lunr/min"):
        wanted = {f"lunr.{code}.min.js" for code in LUNR_LANGUAGES.get(lang, ["fr"])}
        return name in wanted | {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}
    return True


def _language_search(source: Path, script: bool, keep: set[str], lang: str) -> bytes:
    """The search index (``search_index.json``, or its ``.js`` form for ``file://``) of the
    pages in ``keep`` only."""
    text = source.read_text(encoding="utf-8")
    if script:
        text = text.strip().removeprefix(JS_PREFIX).rstrip(";")
    data = _search_index(json.loads(text), keep, lang)
    index = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return ((JS_PREFIX if script else "") + index).encode("utf-8")


def copy_language_site(
    site_dir: Path,
    dest: Path,
    lang: str,
    docs: list[Document],
    site_url: str,
    in_kit: set[str] = frozenset(),
) -> int:
    """Copy ``lang``'s share of the offline site ``site_dir`` to ``dest``, each document page
    linked to its files among ``in_kit`` (paths from the kit's folder); return its pages."""
    every = sorted(
        Path(root, name).relative_to(site_dir).as_posix()
        for root, _dirs, names in os.walk(site_dir)
        for name in names
    )
    all_paths = set(every)
    keep = {
        path
        for path in language_paths(every, lang)
        if needed(path, lang) and not left_out(path, lang)
    }
    pages = {offline_page(doc, lang): doc for doc in docs}
    count = 0
    for path in sorted(keep):
        source, target = site_dir / path, dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith(".html"):
            text = DOWNLOAD_BLOCK.sub("", source.read_text(encoding="utf-8"))
            text = rewrite_links(
                path, text, all_paths, keep=keep, outside=lambda t: online_address(site_url, t)
            )
            text = kit_language_menu(drop_alternates(text))
            links = download_paragraph(pages[path], lang, path, in_kit) if path in pages else ""
            if links and "</article>" in text:
                at = text.rindex("</article>")
                text = text[:at] + links + "\n" + text[at:]
            target.write_bytes(without_indentation(text).encode("utf-8"))
            count += 1
        elif path in (SEARCH_JSON, SEARCH_JS):
            target.write_bytes(_language_search(source, path == SEARCH_JS, keep, lang))
        else:
            shutil.copyfile(source, target)
    if "typed" in LUNR_LANGUAGES.get(lang, ()) and SEARCH_JSON in keep:
        (dest / TYPED_TARGET).parent.mkdir(parents=True, exist_ok=True)
        (dest / TYPED_TARGET).write_bytes(TYPED_SOURCE.read_bytes())
    if lang != DEFAULT_LANGUAGE:  # site/index.html opens the language's home page
        home = posixpath.join(lang, "index.html")
        (dest / "index.html").write_bytes(
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={home}"><title>{lang}</title></head>'
            f'<body><a href="{home}">{html.escape(label("kits.readme.title", lang))}</a></body></html>\n'.encode()
        )
    return count
