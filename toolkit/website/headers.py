"""HTTP headers for static hosts that read a ``_headers`` file (Netlify, Cloudflare Pages).

GitHub Pages sends no custom header: there the Content-Security-Policy stays in each page's
``<meta http-equiv>`` (``toolkit.website.csp``). A meta policy cannot carry ``frame-ancestors``,
and nothing tells a cache that Material's fingerprinted assets never change. A host that reads
``_headers`` gets both, from this file written at the root of the built site:

- ``/*``: the Content-Security-Policy as an HTTP header, with ``frame-ancestors 'none'``,
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy`` and ``X-Frame-Options`` for browsers
  without CSP level 2.
- one rule per fingerprinted file: ``Cache-Control: public, max-age=31536000, immutable``.

One policy for every page, not a rule per page. Pages differ only in which of the build's own
inline scripts they carry (their text depends on the page's depth): the header allows the union
of the script hashes that the pages' own meta policies list. A browser enforces every policy it
is given, header and meta alike, so each page still runs only the scripts its meta tag names; the
header adds ``frame-ancestors``. Per-path rules would need one rule per page, and Cloudflare
Pages reads at most 100 rules.

The policy is read back from the pages' meta tags rather than computed again, so there is one
source of truth: whatever ``csp.py`` decides to allow is what the header allows. The one page
without a meta tag, ``404.html`` (MkDocs renders it from the theme after the page events), has
its theme scripts hashed with ``csp.policy_for``: a host serves it for every unknown address.

"Fingerprinted" is checked, not guessed from the name: a file counts only when its name carries
a hash (``bundle.a5f9d56c.min.js``) and its bytes are those the theme ships under the same path.
The stylesheet cut (``stylesheets.py``) rewrites ``main.<hash>.min.css`` in place, keeping a name
whose hash no longer describes its content: caching it for a year would serve a stale stylesheet
after the next deployment, so it gets ``must-revalidate`` instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.website.csp import policy_for

HEADERS_FILE = "_headers"

#: Limits of Cloudflare Pages (the stricter of the two hosts): rules per file, characters per line.
MAX_RULES = 100
MAX_LINE = 2000

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"

#: Headers sent with every response, besides the Content-Security-Policy.
SITE_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    # The site links out (edit links, sources): other sites learn at most the origin.
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)

#: Directives a header can carry and a meta tag cannot (the CSP specification has browsers ignore
#: frame-ancestors, sandbox and report-uri in a <meta> policy).
HEADER_ONLY = (("frame-ancestors", ("'none'",)),)

META_CSP = re.compile(
    r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"', re.IGNORECASE
)
FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)(?:\.map)?$")


class HeadersError(Exception):
    """The ``_headers`` file would exceed what a host reads."""


@dataclass
class HeadersReport:
    pages: int = 0
    immutable: list[str] = field(default_factory=list)
    revalidate: list[str] = field(default_factory=list)
    policy: str = ""

    def summary(self) -> str:
        return (
            f"_headers: policy from {self.pages} pages, {len(self.immutable)} fingerprinted "
            f"file(s) cached for a year, {len(self.revalidate)} rewritten in place revalidated"
        )


def page_policy(text: str) -> str | None:
    """The Content-Security-Policy of a page's meta tag, unescaped, or None."""
    match = META_CSP.search(text)
    return html.unescape(match[1]) if match else None


def merge_policies(policies: Iterable[str]) -> str:
    """One policy allowing what any of ``policies`` allows: per directive, the union of the sources
    (in first-seen order), plus the directives only a header can carry."""
    directives: dict[str, list[str]] = {}
    for policy in policies:
        for part in policy.split(";"):
            words = part.split()
            if not words:
                continue
            sources = directives.setdefault(words[0].lower(), [])
            sources.extend(w for w in words[1:] if w not in sources)
    for name, sources in HEADER_ONLY:
        directives.setdefault(name, list(sources))
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def fingerprinted(site: Path, theme_dirs: Iterable[Path]) -> tuple[list[str], list[str]]:
    """Paths (from the site root, with a leading slash) of the files whose name carries a hash:
    those byte-identical to the theme's file (immutable), and those rewritten since (revalidate)."""
    dirs = [Path(d) for d in theme_dirs]
    immutable, revalidate = [], []
    for path in (
        sorted(site.joinpath("assets").rglob("*")) if site.joinpath("assets").is_dir() else []
    ):
        if not (path.is_file() and FINGERPRINT.search(path.name)):
            continue
        relative = path.relative_to(site).as_posix()
        shipped = [d / relative for d in dirs if (d / relative).is_file()]
        same = bool(shipped) and shipped[0].read_bytes() == path.read_bytes()
        (immutable if same else revalidate).append("/" + relative)
    return immutable, revalidate


def render(policy: str, immutable: list[str], revalidate: list[str]) -> str:
    """The ``_headers`` text (one rule per path pattern, headers indented below it)."""
    lines = [
        "# Written by the build (toolkit/website/headers.py). Read by Netlify and Cloudflare",
        "# Pages; GitHub Pages ignores it (the policy is in each page's meta tag there).",
        "/*",
        f"  Content-Security-Policy: {policy}",
    ]
    lines += [f"  {name}: {value}" for name, value in SITE_HEADERS]
    # Cache-Control never in /*: Cloudflare joins the values of a header set by two rules.
    for paths, value in ((immutable, IMMUTABLE), (revalidate, REVALIDATE)):
        for path in paths:
            lines += [path, f"  Cache-Control: {value}"]
    rules = 1 + len(immutable) + len(revalidate)
    if rules > MAX_RULES:
        raise HeadersError(
            f"{rules} rules in {HEADERS_FILE}, over the {MAX_RULES} that Cloudflare "
            "Pages reads. Fix: match the fingerprinted files with fewer patterns."
        )
    longest = max(lines, key=len)
    if len(longest) > MAX_LINE:
        raise HeadersError(
            f"a line of {len(longest)} characters in {HEADERS_FILE}, over the "
            f"{MAX_LINE} that Cloudflare Pages reads: {longest[:60]}... Fix: fewer "
            "distinct inline scripts (each adds a hash to the policy)."
        )
    return "\n".join(lines) + "\n"


def write_headers(site: Path, theme_dirs: Iterable[Path]) -> HeadersReport:
    """Write ``site/_headers`` from the built pages; return what went in."""
    report = HeadersReport()
    policies = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == "downloads":  # kits' own offline pages
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        policy = page_policy(text)
        if policy is None and page.name == "404.html":
            # MkDocs writes 404.html from the theme alone, past on_post_page: it has no meta tag,
            # and no content either, so every inline script in it is the theme's.
            policy = policy_for(text)
        if policy:
            policies.append(policy)
    report.pages = len(policies)
    report.policy = merge_policies(policies)
    report.immutable, report.revalidate = fingerprinted(site, theme_dirs)
    site.joinpath(HEADERS_FILE).write_text(
        render(report.policy, report.immutable, report.revalidate), encoding="utf-8"
    )
    return report
