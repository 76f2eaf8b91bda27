"""A Content-Security-Policy for every page, from a known list of scripts.

The policy allows the site's own script files and, inline, only the scripts the theme and the
hub write themselves: those of Material's ``partials/javascripts/*.html`` templates (their text
is known at build time; the only variable part is the page's base URL, a relative path). Their
SHA-256 is listed in the policy. An inline script that is not one of them (one that came from
content, which the sanitizer should have removed already) is never hashed: it is reported, and
the browser blocks it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from toolkit.base.build_caches import per_build

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)
TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
JINJA_VALUE = re.compile(r"\{\{.*?\}\}")
#: What a template value may be inside a known script: a base URL (``.``, ``../..``, ``/x/``).
BASE_URL = r"[A-Za-z0-9./_-]*"

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


@per_build(maxsize=1)
def known_scripts() -> tuple[re.Pattern, ...]:
    """One pattern per inline script of Material's script partials (from the installed theme)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    patterns = []
    for template in sorted(folder.glob("*.html")):
        for body in TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
            parts = JINJA_VALUE.split(body)
            patterns.append(re.compile(BASE_URL.join(re.escape(part) for part in parts), re.S))
    return tuple(patterns)


def _is_inline(attributes: str) -> bool:
    return not re.search(r"\bsrc\s*=", attributes) and "application/json" not in attributes


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_scripts(html: str) -> tuple[list[str], list[str]]:
    """(known, unknown) inline scripts of ``html``."""
    known, unknown = [], []
    for match in INLINE_SCRIPT.finditer(html):
        if not _is_inline(match[1]):
            continue
        body = match[2]
        (known if any(p.fullmatch(body) for p in known_scripts()) else unknown).append(body)
    return known, unknown


def policy_for(html: str) -> str:
    known, _ = inline_scripts(html)
    hashes = sorted({_hash(body) for body in known})
    return "; ".join([*BASE_POLICY, " ".join(["script-src 'self'", *hashes])])


def add_policy(html: str, page: str = "", warn=None) -> str:
    """The page with a <meta http-equiv="Content-Security-Policy"> first in its <head>; an inline
    script outside the known list goes to ``warn`` (an error under ``--strict``)."""
    match = HEAD.search(html)
    if not match:
        return html
    if warn is not None:
        for body in inline_scripts(html)[1]:
            shown = " ".join(body.split())[:60]
            warn(
                f"docs/{page}:1: [unsafe-html] The page holds an inline script that the hub did not "
                f"write ('{shown}'): the Content-Security-Policy blocks it. Fix: Remove it from the page."
            )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end() :]
