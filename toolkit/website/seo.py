"""What search engines and link previews read in a page's head.

- hreflang alternates must be absolute addresses (Google's rule, and Lighthouse's SEO audit):
  Material writes them relative. When the site's address is known (``site_url``; CI sets
  HUB_SITE_URL), they are made absolute; without it the online site leaves them out (the
  offline build keeps them for the kits, which drop those that leave the kit).
- The meta description of a content page is its own summary, not the site's description
  (generated pages, whose summary is a note to editors, keep the site's).
- A sitemap lists absolute addresses: without ``site_url`` MkDocs writes "None" in front of each,
  so the build then says once that addresses stay relative and leaves no sitemap
  (:func:`without_address`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')
ALTERNATE_TAG = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">')


def absolute_alternates(html: str, page_address: str | None, drop_relative: bool = False) -> str:
    """``html`` with every hreflang alternate resolved against ``page_address`` (absolute URL).
    Without one, they stay relative, or with ``drop_relative`` are left out: a relative
    hreflang is invalid (Google ignores it, Lighthouse's SEO audit fails the page), and the
    language menu does not need them."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    if not page_address or "://" not in page_address:
        if not drop_relative:
            return html
        return ALTERNATE_TAG.sub("", html[:head_end]) + html[head_end:]
    head = ALTERNATE.sub(lambda m: m[1] + urljoin(page_address, m[2]) + m[3], html[:head_end])
    return head + html[head_end:]


def description(meta: dict) -> str | None:
    """The page's description for <meta name="description">: its summary, on one line."""
    if meta.get("generated"):  # catalogues and other generated pages: the site's description
        return meta.get("description")
    text = meta.get("description") or meta.get("summary")
    if not isinstance(text, str) or not text.strip():
        return None
    return " ".join(text.split())


SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")


def without_address(site_dir: Path, site_url: str | None) -> str | None:
    """With no ``site_url``: remove the sitemaps MkDocs wrote with "None" addresses and return
    the one line to say; with one, nothing to do (None)."""
    if site_url:
        return None
    for name in SITEMAPS:
        (Path(site_dir) / name).unlink(missing_ok=True)
    return (
        "No site_url (HUB_SITE_URL): the pages' alternate addresses stay relative, and no "
        "sitemap is written (its addresses must be absolute)."
    )
