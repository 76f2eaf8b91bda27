"""The _headers file for hosts that send headers: one policy covering every page's own scripts,
frame-ancestors, the security headers, and a year of caching only for files still as the theme
shipped them."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from toolkit.website.csp import add_policy, policy_for
from toolkit.website.headers import (
    IMMUTABLE,
    REVALIDATE,
    HeadersError,
    merge_policies,
    page_policy,
    render,
    write_headers,
)

#: A page whose one inline script is Material's base script (the CSP hashes only known scripts), its
#: base URL standing for the page's depth.
PAGE = "<!doctype html><html><head><title>t</title><script>{}</script></head><body></body></html>"
BASE_SCRIPT = re.search(
    r"<script>(.*?)</script>",
    (
        Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html"
    ).read_text(),
    re.S,
)[1]
BASE_URLS = {0: ".", 1: "..", "'kit'": "../../kit"}


def _html(depth) -> str:
    return PAGE.format(re.sub(r"\{\{.*?\}\}", BASE_URLS[depth], BASE_SCRIPT))


def _page(depth: int) -> str:
    return add_policy(_html(depth))


def _rules(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(": ")
            assert current is not None and name not in current, line
            current[name] = value
    return rules


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    theme = tmp_path / "theme"
    site = tmp_path / "site"
    for root in (theme, site):
        (root / "assets" / "javascripts").mkdir(parents=True)
        (root / "assets" / "stylesheets").mkdir(parents=True)
        (root / "assets" / "javascripts" / "bundle.a5f9d56c.min.js").write_text(
            "bundle()", encoding="utf-8"
        )
        (root / "assets" / "stylesheets" / "main.57a0d79d.min.css").write_text(
            "a{}b{}", encoding="utf-8"
        )
    (site / "assets" / "stylesheets" / "main.57a0d79d.min.css").write_text(
        "a{}", encoding="utf-8"
    )  # cut
    (site / "assets" / "hub.css").write_text("c{}", encoding="utf-8")
    (site / "assets" / "javascripts" / "search.0123abcd.min.js").write_text(
        "s()", encoding="utf-8"
    )  # not the theme's
    (site / "index.html").write_text(_page(0), encoding="utf-8")
    (site / "en").mkdir()
    (site / "en" / "index.html").write_text(_page(1), encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "kit.html").write_text(add_policy(_html("'kit'")), encoding="utf-8")
    return site, theme


def test_one_policy_allows_the_scripts_of_every_page_and_forbids_framing(site):
    root, theme = site
    report = write_headers(root, [theme])
    rules = _rules((root / "_headers").read_text(encoding="utf-8"))
    policy = rules["/*"]["Content-Security-Policy"]
    for depth in (0, 1):
        own = policy_for(_html(depth))
        own_hash = re.search(r"'sha256-[^']+'", own)[0]
        assert own_hash in policy.split("script-src", 1)[1].split(";")[0]
    kit_hash = re.search(r"'sha256-[^']+'", policy_for(_html("'kit'")))[0]
    assert kit_hash not in policy  # the kits' pages are not the site's
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert policy.count("script-src") == 1
    assert rules["/*"]["X-Content-Type-Options"] == "nosniff"
    assert rules["/*"]["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Cache-Control" not in rules["/*"]
    assert report.pages == 2


def test_only_files_as_the_theme_shipped_them_are_immutable(site):
    root, theme = site
    report = write_headers(root, [theme])
    rules = _rules((root / "_headers").read_text(encoding="utf-8"))
    assert rules["/assets/javascripts/bundle.a5f9d56c.min.js"] == {"Cache-Control": IMMUTABLE}
    # cut in place by the stylesheet step: same name, other bytes
    assert rules["/assets/stylesheets/main.57a0d79d.min.css"] == {"Cache-Control": REVALIDATE}
    # a hashed name the theme does not ship: nothing proves the name follows the content
    assert rules["/assets/javascripts/search.0123abcd.min.js"] == {"Cache-Control": REVALIDATE}
    assert "/assets/hub.css" not in rules  # no hash in the name: the host's default
    assert report.immutable == ["/assets/javascripts/bundle.a5f9d56c.min.js"]


def test_merge_keeps_every_source_once_and_reads_escaped_meta():
    merged = merge_policies(
        [
            "default-src 'self'; script-src 'self' 'sha256-a'",
            "default-src 'self'; script-src 'self' 'sha256-b'; img-src data:",
        ]
    )
    assert merged == (
        "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; img-src data:; "
        "frame-ancestors 'none'"
    )
    meta = '<head><meta http-equiv="Content-Security-Policy" content="script-src &#x27;self&#x27;">'
    assert page_policy(meta) == "script-src 'self'"
    assert page_policy("<head></head>") is None


def test_limits_of_the_hosts_are_errors_that_say_the_fix():
    with pytest.raises(HeadersError, match=r"101 rules in _headers, over the 100 .* Fix:"):
        render("default-src 'self'", [f"/a.{i:08x}.min.js" for i in range(100)], [])
    with pytest.raises(HeadersError, match=r"over the 2000 .* Fix: fewer distinct inline scripts"):
        render("script-src " + " ".join(f"'sha256-{i:044d}'" for i in range(40)), [], [])


@pytest.mark.build
def test_the_build_writes_headers_covering_its_pages(fixture_site: Path):
    built = fixture_site  # the session's strict build of the fixture tree (conftest)
    rules = _rules((built / "_headers").read_text(encoding="utf-8"))
    header = rules["/*"]["Content-Security-Policy"]
    header_scripts = set(header.split("script-src", 1)[1].split(";")[0].split())
    pages = [p for p in built.rglob("*.html") if "downloads" not in p.parts]
    assert len(pages) > 20 and (built / "404.html") in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        own = page_policy(text) or (page.name == "404.html" and policy_for(text))
        assert own, page
        own_scripts = set(own.split("script-src", 1)[1].split(";")[0].split())
        assert own_scripts <= header_scripts, page
    assert "frame-ancestors 'none'" in header
    immutable = [
        path for path, headers in rules.items() if headers.get("Cache-Control") == IMMUTABLE
    ]
    assert any(p.startswith("/assets/javascripts/bundle.") for p in immutable)
    assert not any(
        p.startswith("/assets/stylesheets/main.") and p.endswith(".css") for p in immutable
    )  # cut
