"""``hub check`` and the build read a body the same way (issues 25 and 28).

The check renders each body with :func:`toolkit.checks.rendered.render_body` (on
:func:`published_body`); the build writes the body into its page with ``body_block`` and renders
the page. A capsule whose first body line was indented was a code block for the check and raw HTML
for the build (the build called ``.strip()``) and reached the studio page. Here, for every file of
the fixture tree and of the real content, what the check rendered is what the build published
(before the theme wraps it): the same blocks, with the same text, in the page and, for a capsule,
in the studio. The build rewrites addresses and image sizes and adds tooltips to abbreviations, so
the blocks are compared by element and text, not by attribute.
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from toolkit.checks.rendered import published_body, render_body
from toolkit.checks.sanitize import sanitize
from toolkit.checks.validate import validate_tree
from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.render.pages import studio
from toolkit.website.bridge import HubBuild

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"


#: What the build inserts into a body (the contributor pages' note on the repository).
INSERTED = ("hub-repository",)


def _blocks(elements) -> list[tuple[str, str]]:
    return [
        (element.tag, " ".join("".join(element.itertext()).split()))
        for element in elements
        if isinstance(element.tag, str) and element.get("class") not in INSERTED
    ]


def _fragment_blocks(html: str) -> list[tuple[str, str]]:
    return _blocks(html5lib.parseFragment(html, namespaceHTMLElements=False))


def _contains(haystack: list, needle: list) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) + 1))


def check_rendered(doc) -> list[tuple[str, str]]:
    """The blocks ``hub check`` rendered for ``doc``'s body, as the sanitizer leaves them."""
    return _fragment_blocks(sanitize(render_body(published_body(doc.body))))


def _page_blocks(site: Path, doc) -> list[tuple[str, str]]:
    prefix = "" if doc.lang in (None, DEFAULT_LANGUAGE) else f"{doc.lang}/"
    stem = re.sub(r"\.(fr|en|bm|snk)\.md$", "", doc.src_uri)  # a/b/index, a/b/capsule, index
    folder = stem.removesuffix("index")
    path = site / prefix / folder / "index.html"
    tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    article = next(tree.iter("article"))
    body = [e for e in article.iter("div") if "data-hub-search-body" in e.attrib]
    return _blocks(body[0] if body else article)


def _studio_scripts(site: Path) -> dict[tuple[str, str], list]:
    path = site / "contribuer" / "studio" / "index.html"
    tree = html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    return {
        (details.get("data-folder"), details.get("data-name")): _blocks(
            [child for child in details if child.tag != "summary"]
        )
        for details in tree.iter("details")
        if "hub-studio-script" in details.get("class", "")
    }


def _same_render(root: Path, site: Path) -> None:
    result = validate_tree(root)
    scripts = _studio_scripts(site)
    compared = 0
    for doc in result.corpus.documents:
        if doc.meta is None or getattr(doc.meta, "generated", None) or doc.summary_only:
            continue
        if not published_body(doc.body):
            continue
        checked = check_rendered(doc)
        assert _contains(_page_blocks(site, doc), checked), doc.rel
        if doc.kind == "capsule" and scripts:  # the studio is published (extra.hub.contact)
            folder, name = doc.rel.rsplit("/", 1)
            assert scripts[folder, name.removesuffix(".md")] == checked, doc.rel
        compared += 1
    assert compared > 5


@pytest.mark.build
def test_what_the_check_rendered_is_what_the_fixture_build_published(fixture_site):
    _same_render(fixture_site.parent, fixture_site)


@pytest.mark.build
def test_what_the_check_rendered_is_what_the_real_build_published(real_site):
    _same_render(ROOT, real_site)


#: A capsule body whose first line is indented (issue 25: raw HTML for the build, code for the check).
HOSTILE_BODY = """
    <img src=x onerror=alert(1)><script>alert(2)</script>
    <noscript><p title="</noscript><img src=x onerror=alert(3)>"></noscript>

Texte.
"""


def test_an_indented_first_line_is_a_code_block_for_the_check_the_page_and_the_studio(tmp_path):
    from conftest import make_site_tree

    root = make_site_tree(tmp_path / "hub")
    path = root / "docs/methodologies/debat-budget/capsule.fr.md"
    front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(front + "\n---\n" + HOSTILE_BODY, encoding="utf-8")
    result = validate_tree(root)
    assert [
        p for p in result.problems if p.path == "docs/methodologies/debat-budget/capsule.fr.md"
    ] == []
    doc = result.corpus.by_src_uri["methodologies/debat-budget/capsule.fr.md"]
    checked = render_body(published_body(doc.body))
    assert checked.startswith("<pre><code>&lt;img src=x")
    build = HubBuild(root, result)
    page, _ = build.page_markdown("", doc.src_uri, "fr")
    studio_page = studio("fr", result.corpus, destination={"organisation": "Grdr"})
    for markdown in (page, studio_page):
        html = render_body(markdown)
        assert "<pre><code>&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in html
        assert "<img" not in html and "<script" not in html and "<noscript" not in html
