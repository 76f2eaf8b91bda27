"""A Content-Security-Policy for every page, which the page actually satisfies.

Material puts three small inline scripts in each page (their text depends on the page's depth),
so the policy lists the SHA-256 of each inline script of that page rather than allowing inline
scripts in general. Everything else comes from the site itself: no third party can be loaded,
even if a page's content tried to.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
HEAD = re.compile(r"<head[^>]*>", re.I)

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "media-src 'self' blob:",  # the studio plays back its recording from a blob: URL
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def policy_for(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m[1].encode()).digest()).decode() + "'"
                     for m in INLINE_SCRIPT.finditer(html)})
    return "; ".join([*BASE_POLICY, " ".join(["script-src 'self'", *hashes])])


def add_policy(html: str) -> str:
    """The page with a <meta http-equiv="Content-Security-Policy"> first in its <head>."""
    match = HEAD.search(html)
    if not match:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end():]
