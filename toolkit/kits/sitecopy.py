"""One language's share of a built site, for the kits that carry one language: the SaheLink
offline site and the Kiwix ZIM.

- :func:`language_paths`: which files of the site belong to a language: French is the root
  (without the other languages' folders), another language is its folder (French fallback
  pages included, marked by the site's own notice) plus the shared files that are not pages;
  the search files of the other languages are left out, and so are the sitemaps and the
  capsule recordings of languages whose pages the kit lacks (a kit keeps its language's and the
  French ones, which its French fallback pages play);
- :func:`rewrite_links`: in a page, links to files of the subset become relative links to the
  file (``../cycle-ccap/index.html``); links to files of the site that the subset leaves out
  (another language, the downloads) become the published address (``site_url``), or lose
  their ``href``/``src`` when there is none, so no link of a kit points at a missing file.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES

SITEMAPS = frozenset({"sitemap.xml", "sitemap.xml.gz"})
#: A capsule's published recording (toolkit/website/recordings.py): ``x/capsule-2.bm.opus``.
RECORDING_RE = re.compile(r"(^|/)capsule(-[1-9][0-9]?)?\.(?P<lang>[a-z]{2,3})\.(opus|mp3)$")
LINK_RE = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: The paragraph of download links the online site puts under each document.
DOWNLOAD_BLOCK = re.compile(r'\s*<p class="hub-download">.*?</p>', re.DOTALL)


def language_paths(paths: Iterable[str], lang: str) -> set[str]:
    """The files of a built site (paths relative to it) that a kit of ``lang`` carries."""
    others = {code for code in LANGUAGES if code != DEFAULT_LANGUAGE}

    def keep(path: str) -> bool:
        parts = path.split("/")
        if path in SITEMAPS:
            return False
        recording = RECORDING_RE.search(path)
        if recording:
            return recording["lang"] in (lang, DEFAULT_LANGUAGE)
        if parts[0] == "search" and len(parts) > 2 and parts[1] in LANGUAGES:
            return parts[1] == lang  # the online site's search, one folder per language
        if parts[0] in others and len(parts) > 1:
            return parts[0] == lang
        # the root: French pages, and files every language shares (assets, images)
        return lang == DEFAULT_LANGUAGE or not path.endswith((".html", ".htm"))

    return {path for path in paths if keep(path)}


def target_of(page: str, link: str, paths: frozenset[str] | set[str]) -> str | None:
    """The site file that ``link`` in ``page`` points to, or None (external, unknown, anchor)."""
    if not link or link.startswith(("#", "//")) or SCHEME_RE.match(link):
        return None
    base = posixpath.dirname(page)
    joined = link.lstrip("/") if link.startswith("/") else posixpath.join(base, link)
    resolved = posixpath.normpath(joined) if joined else "."
    if resolved.startswith("../") or resolved == "..":
        return None  # outside the site
    resolved = "" if resolved == "." else resolved
    folder_index = posixpath.join(resolved, "index.html") if resolved else "index.html"
    if link.endswith("/") or link in (".", "..") or link.endswith(("/.", "/..")) or not resolved:
        return folder_index if folder_index in paths else None
    if resolved in paths:
        return resolved
    return folder_index if folder_index in paths else None


def published_address(site_url: str, target: str) -> str:
    """The address of the site file ``target`` on the published site (folder URLs for pages)."""
    path = target[: -len("index.html")] if target.endswith("index.html") else target
    return site_url.rstrip("/") + "/" + path


def rewrite_links(
    page: str,
    text: str,
    paths: frozenset[str] | set[str],
    keep: set[str] | frozenset[str] | None = None,
    site_url: str = "",
    outside: Callable[[str], str | None] | None = None,
) -> str:
    """``text`` (the HTML of ``page``) with links into the site made relative and explicit.

    ``paths``: every file of the built site; ``keep``: the files the kit carries (default all).
    A link to a file of ``paths`` that is not kept goes to ``outside(target)`` when given (None
    drops it), else to its published address on ``site_url``; with neither, the attribute is
    dropped. The link's query and fragment follow it."""
    keep = paths if keep is None else keep

    def replace(match: re.Match) -> str:
        value = html.unescape(match[3])
        cut = min((i for i in (value.find("?"), value.find("#")) if i != -1), default=len(value))
        link, rest = value[:cut], value[cut:]
        if not link:
            return match[0]
        target = target_of(page, link, paths)
        if target is None:
            return match[0]
        if target in keep:
            relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
            return f"{match[1]}{match[2]}{html.escape(relative + rest, quote=True)}{match[2]}"
        if outside:
            address = outside(target)
        else:
            address = published_address(site_url, target) if site_url else None
        if address is None:
            return ""
        return f"{match[1]}{match[2]}{html.escape(address + rest, quote=True)}{match[2]}"

    return LINK_RE.sub(replace, text)
