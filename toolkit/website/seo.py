"""What search engines and link previews read in a page's head.

- hreflang alternates must be absolute addresses (Google's rule, and Lighthouse's SEO audit):
  Material writes them relative. When the site's address is known (``site_url``; CI sets
  HUB_SITE_URL), they are made absolute; without it they stay relative.
- The meta description of a content page is its own summary, not the site's description
  (generated pages, whose summary is a note to editors, keep the site's).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]+">)')


def absolute_alternates(html: str, page_address: str | None) -> str:
    """``html`` with every hreflang alternate resolved against ``page_address`` (absolute URL)."""
    if not page_address or "://" not in page_address:
        return html
    head_end = html.find("</head>")
    if head_end < 0:
        return html
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
