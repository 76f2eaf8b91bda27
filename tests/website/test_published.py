"""What the site publishes from content is inside the allowlist, whatever the content.

- a property test (hypothesis): arbitrary front matter strings and Markdown go through the hub's
  page pipeline (typed front matter -> Markdown -> Python-Markdown with the site's extensions ->
  the sanitizer) and the result, read by an HTML5 parser, holds nothing outside the allowlist;
- the Content-Security-Policy hashes the theme's known scripts only;
- a build of the fixture site with hostile pages: every page is clean, the problems are named.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import html5lib
import jinja2
import pytest
import yaml
from conftest import examples, make_site_tree
from html_allowlist import offending
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from toolkit.checks.rendered import render_body
from toolkit.checks.validate import validate_tree
from toolkit.content import vocabularies
from toolkit.render import catalogues
from toolkit.website.bridge import HubBuild
from toolkit.website.csp import add_policy, inline_scripts, known_scripts, policy_for
from toolkit.website.published import (
    autoescape,
    for_templates,
    page_body,
    safe_meta,
    unpublishable,
)

CASE = "docs/etudes-de-cas/scenario-debat/index.fr.md"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "'>",
    '{: onclick="alert(1)" }',
    "{#x .y}",
    "[a](javascript:alert(1))",
    "&#106;avascript:",
    "&colon;",
    "<!-->",
    "--!>",
    "![t](https://evil.example/t.png)",
    '<img src="https://evil.example/s.png">',
    "</title><script>alert(1)</script>",
    "*[ABBR]: x",
    "!!! note",
    "```",
    "| a |",
    "# h",
    "- l",
    "1. n",
    "\\",
    "`",
    "*",
    "_",
    "<",
    ">",
    "&",
    "\n",
    "\t",
    "ɛɔɲŋ",
    "https://example.org/x",
    "javascript:alert(1)",
]
hostile_text = (
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda t: t.strip())
)
MD_BITS = HOSTILE + [
    "## T",
    "\n\n",
    "    ",
    "  ```",
    "!!! note\n\n    ",
    "<div markdown>",
    "</div>",
    "<a href='",
    "'>",
    "<p ",
    "onclick=",
    "style=",
    "data:",
    "//evil.example/",
    "<svg><use href='",
]
markdown_body = st.lists(st.one_of(st.sampled_from(MD_BITS), st.text(max_size=8)), max_size=40).map(
    "".join
)


@pytest.fixture(scope="module")
def tree():
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabularies, "load", functools.lru_cache(vocabularies.load))
        yield make_site_tree(Path(tmp) / "hub")


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=hostile_text,
    summary=hostile_text,
    author=hostile_text,
    actor=hostile_text,
    lesson=hostile_text,
    source_title=hostile_text,
    source_url=hostile_text,
    body=markdown_body,
)
def test_whatever_the_content_the_page_holds_nothing_outside_the_allowlist(
    tree, title, summary, author, actor, lesson, source_title, source_url, body
):
    front = {
        "title": title,
        "summary": summary,
        "language": "fr",
        "themes": ["public-budget"],
        "audiences": ["youth-leaders"],
        "last_reviewed": "2026-11-25",
        "authors": [author],
        "version": 1,
        "place": "kayes-cercle",
        "actors": [actor],
        "methodologies": ["debat-budget"],
        "illustrative": True,
        "results": [actor],
        "lessons": [lesson],
        "sources": [
            {
                "title": source_title,
                "url": "https://" + " ".join(source_url.split()).replace(" ", ""),
            }
        ],
    }
    path = tree / CASE
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body + "\n",
            encoding="utf-8",
        )
        result = validate_tree(tree)
        build = HubBuild(tree, result)
        doc = result.corpus.by_src_uri[CASE.removeprefix("docs/")]
        for reader in ("fr", "en"):
            markdown, _ = build.page_markdown("", doc.src_uri, reader)
            html, _ = page_body(render_body(markdown), doc.rel, doc.body, doc.body_start)
            assert offending(html) == [], markdown
        for text in _strings(safe_meta(doc.fm.data if doc.fm else {})):
            assert not re.search(r"[<>\"']", str(escape(text)))  # as the templates print it
    finally:
        path.write_text(original, encoding="utf-8")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def test_front_matter_strings_are_text():
    """The templates see the model's keys only (no ``template:``), as text: they escape it."""
    meta = safe_meta(
        {
            "title": '<img src=x onerror=alert(1)> {: onclick="x" }',
            "template": "redirect.html",
            "authors": ["<b>A</b>"],
            "summary": '"><script>',
        }
    )
    assert meta == {
        "title": '<img src=x onerror=alert(1)> {: onclick="x" }',
        "authors": ["<b>A</b>"],
        "summary": '"><script>',
    }
    env = jinja2.Environment()
    autoescape(env)
    page = env.from_string("<title>{{ meta.title }}</title>{{ meta.summary }}").render(meta=meta)
    assert page == (
        "<title>&lt;img src=x onerror=alert(1)&gt; {: onclick=&#34;x&#34; }</title>"
        "&#34;&gt;&lt;script&gt;"
    )


def test_html_files_and_active_svg_are_not_published(tmp_path):
    svg = tmp_path / "a.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"/><a href="#x"><text>t</text></a></svg>'
    )
    assert unpublishable("outils/x/a.svg", svg) is None
    for attack in (
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"/>',
        '<svg><image href="https://evil.example/t.png"/></svg>',
        '<svg><use xlink:href="data:x"/></svg>',
        "<svg><style>@import url(https://evil.example/x.css)</style></svg>",
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
    ):
        svg.write_text(attack)
        assert unpublishable("outils/x/a.svg", svg), attack
    assert unpublishable("outils/x/page.html", None) == (
        "an HTML or XML file would be published as it is, with no sanitizing and no Content-Security-Policy"
    )


# --- Content-Security-Policy ------------------------------------------------------------------


def test_the_policy_hashes_the_themes_scripts_and_never_a_content_script():
    assert len(known_scripts()) >= 5  # Material's partials/javascripts/*.html
    base_script = next(p for p in known_scripts() if "__md_scope" in p.pattern)
    assert base_script.fullmatch(
        base_script.pattern.replace("[A-Za-z0-9./_-]*", "..").replace("\\", "")
    )
    injected = "<html><head></head><body><script>alert(1)</script></body></html>"
    warnings = []
    out = add_policy(injected, "outils/x/index.fr.md", warn=warnings.append)
    assert "script-src 'self'\">" in out  # nothing hashed
    assert warnings == [
        "docs/outils/x/index.fr.md:1: [unsafe-html] The page holds an inline script that the hub "
        "did not write ('alert(1)'): the Content-Security-Policy blocks it. Fix: Remove it from the page."
    ]
    assert inline_scripts(injected) == ([], ["alert(1)"])
    assert policy_for(injected).endswith("script-src 'self'")


# --- a build of hostile pages --------------------------------------------------------------------

ATTACK_PAGES = {
    "a-fields": (
        {
            "title": '<img src=x onerror=alert(1)> T {: onclick="alert(2)" }',
            "summary": '<script>alert(3)</script> x" onmouseover="alert(4)',
            "authors": ["<img src=x onerror=alert(5)>"],
            "purpose": "[x](javascript:alert(6)) <b onclick=alert(7)>p</b>",
            "sources": [
                {
                    "title": "<img src=x onerror=alert(8)>",
                    "url": "https://example.org/a)<img/src=x/onerror=alert(9)>",
                }
            ],
        },
        "Texte.\n",
    ),
    "a-summary-img": ({"summary": 'x"><img src="https://evil.example/s.png">'}, "Texte.\n"),
    "a-fence": ({}, "## A\n\n  ```\n<script>alert(10)</script>\n\nTexte.\n"),
    "a-unclosed": ({}, "## A\n\n```\ncode\n\n<script>alert(11)</script>\n"),
    "a-admonition": ({}, "## A\n\n!!! note\n\n    <img src=x onerror=alert(12)>\n"),
    "a-attr": (
        {},
        '## A {: onclick="alert(13)" }\n\nTexte\n{: onmouseover="alert(14)" style="x" }\n\n'
        '[le guide](https://example.org){: onclick="alert(15)" }\n',
    ),
    "a-js": (
        {},
        "## A\n\n[a](&#106;avascript:alert(16)) [b](javascript&colon;alert(17))\n\n"
        '<a href="java&#x09;script:alert(18)">c</a>\n',
    ),
    "a-img": (
        {},
        '## A\n\n<img src="https://evil.example/t.png" alt="t">\n\n'
        '<!--> <img src="https://evil.example/u.png" alt="u"> -->\n\n'
        '<!-- x --!> <img src="https://evil.example/v.png" alt="v">\n\n![w](//evil.example/w.png)\n',
    ),
}


def _attack_tree(root: Path) -> Path:
    make_site_tree(root)
    base = (root / "docs/outils/fiche-debat/index.fr.md").read_text(encoding="utf-8")
    front = yaml.safe_load(base.split("---\n")[1])
    for slug, (fields, body) in ATTACK_PAGES.items():
        folder = root / "docs/outils" / slug
        folder.mkdir()
        text = "---\n" + yaml.safe_dump({**front, **fields}, allow_unicode=True) + "---\n\n" + body
        (folder / "index.fr.md").write_text(text, encoding="utf-8")
    (root / "docs/outils/a-fence/index.bm.md").write_text(  # its page shows the French body
        "---\nscope: summary\ntitle: A\nsummary: A.\nlanguage: bm\ntranslators: [T]\n"
        "source_version: 1\n"
        "native_review: pending\n---\n",
        encoding="utf-8",
    )
    (root / "docs/outils/a-js/page.html").write_text("<script>alert(19)</script>", encoding="utf-8")
    (root / "docs/outils/a-js/dessin.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(20)</script></svg>', encoding="utf-8"
    )
    return root


#: What a hostile translator sends as every interface string of en, bm and snk: Material's
#: templates print them in every page's <title>, <head>, header, navigation and footer, the
#: theme's bm and snk partials (generated from the .po files) in its buttons and labels.
HOSTILE_UI = (
    '</title><script>alert(21)</script><img src=x onerror=alert(22)>" onclick="alert(23) {{ 7*7 }}'
)

#: Makes a build read its catalogues from HUB_TEST_LOCALES (the hub reads them from the
#: repository's locales/, wherever the tree it builds is).
SITECUSTOMIZE = """
import os
if os.environ.get("HUB_TEST_LOCALES"):
    from pathlib import Path
    from toolkit.render import catalogues
    _where = Path(os.environ["HUB_TEST_LOCALES"])
    _source, _translations = catalogues.source, catalogues.translations
    def _s(root=None):
        return _source(_where)
    def _t(lang, root=None):
        return _translations(lang, _where)
    _s.cache_clear, _t.cache_clear = _source.cache_clear, _translations.cache_clear
    catalogues.source, catalogues.translations = _s, _t
"""


def _hostile_catalogues(root: Path) -> dict[str, str]:
    """Catalogues under ``root`` with HOSTILE_UI as every en, bm and snk string (the French
    source as it is), the theme's bm and snk partials written from them, and the environment
    that makes a build of ``root`` read them."""
    locales = root / "test-locales"
    labels = {
        key: {"fr": french, **dict.fromkeys(catalogues.TRANSLATED, HOSTILE_UI)}
        for key, french in catalogues.source().items()
    }
    catalogues.import_labels(labels, locales)
    for lang in ("bm", "snk"):
        path = catalogues.theme_partial_path(lang, root)
        path.write_text(catalogues.theme_partial(lang, locales), encoding="utf-8")
    catalogues.clear_cache()
    shim = root / "test-shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return {"HUB_TEST_LOCALES": str(locales), "PYTHONPATH": str(shim)}


def _build(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CI": "",
        "GITHUB_ACTIONS": "",
        "HUB_KITS": "0",
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args, "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = _attack_tree(tmp_path_factory.mktemp("hostile") / "hub")
    run = _build(root, env=_hostile_catalogues(root))  # not strict: see what would be published
    assert run.returncode == 0, run.stderr[-3000:]
    return root, run.stderr


def _share_problems(fragment: str) -> list[str]:
    """The share link holds one link to WhatsApp's share address, its title as an attribute."""
    links = html5lib.parseFragment(fragment, namespaceHTMLElements=False).findall(".//a")
    if len(links) != 1:
        return [f"share link: {fragment!r}"]
    attrib = dict(links[0].attrib)
    problems = [f"{name} on the share link" for name in attrib if name not in SHARE_ATTRIBUTES]
    if not attrib.get("href", "").startswith("https://wa.me/?text="):
        problems.append(f"share link to {attrib.get('href')!r}")
    if attrib.get("rel") != "noopener noreferrer":
        problems.append(f"share link rel={attrib.get('rel')!r}")
    return problems


SHARE_ATTRIBUTES = {"href", "rel", "data-hub-share"}


def _page_problems(html: str) -> list[str]:
    """Anything in a whole page that could run script or reach another host."""
    problems = []
    known = {body for body in inline_scripts(html)[0]}
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for node in document.iter():
        if not isinstance(node.tag, str):
            continue
        for name, value in node.attrib.items():
            if name.startswith("on"):
                problems.append(f"{name} on <{node.tag}>")
            if name in ("href", "src", "action", "formaction", "poster", "srcset", "data"):
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(("javascript:", "data:", "vbscript:")):
                    problems.append(f"{name}={value!r}")
                if node.tag != "a" and (
                    url.startswith(("//", "/\\")) or re.match(r"^[a-z][a-z0-9+.-]*:", url)
                ):
                    problems.append(f"{name}={value!r} on <{node.tag}>: another host")
        if (
            node.tag == "script"
            and "src" not in node.attrib
            and node.attrib.get("type") != "application/json"
        ):
            if (node.text or "") not in known:
                problems.append(f"inline script {node.text!r}")
    article = re.search(
        r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S
    )
    if article:  # the content, without the theme's wrapper (overrides/main.html)
        content = article[1].replace("<div data-hub-search-body>", "<div>", 1)
        share = re.search(r'<p class="hub-share">(.*?)</p>\s*$', content, re.S)
        if share:  # the hub's share link (toolkit.website.previews), checked on its own
            content = content[: share.start()]
            problems += _share_problems(share[1])
        problems += offending(
            content, generated="hub-filters" in content or "hub-studio" in content
        )
    return problems


@pytest.mark.build
def test_every_page_of_a_hostile_site_is_clean(hostile_site):
    root, _ = hostile_site
    pages = sorted((root / "site").rglob("*.html"))
    assert len(pages) > 20
    problems = {
        p.relative_to(root).as_posix(): found
        for p in pages
        if (found := _page_problems(p.read_text()))
    }
    assert problems == {}
    assert not (root / "site/outils/a-js/page.html").exists()
    assert not (root / "site/outils/a-js/dessin.svg").exists()
    assert "alert(" not in " ".join(p.read_text() for p in (root / "site").rglob("*.js"))


@pytest.mark.build
def test_front_matter_fields_show_as_text(hostile_site):
    root, _ = hostile_site
    page = (root / "site/outils/a-fields/index.html").read_text()
    assert "<title>&lt;img src=x onerror=alert(1)&gt; T {: onclick=&#34;alert(2)&#34; } - " in page
    assert (
        '<meta name="description" content="&lt;script&gt;alert(3)&lt;/script&gt; x&#34; '
        'onmouseover=&#34;alert(4)">'
    ) in page
    assert "Rédaction : &lt;img src=x onerror=alert(5)&gt;" in page
    catalogue = (root / "site/outils/index.html").read_text()
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in catalogue


@pytest.mark.build
def test_a_hostile_translators_strings_are_text_in_every_template(hostile_site):
    """Every interface string of en, bm and snk is HOSTILE_UI in this build: each page of those
    languages shows it as text where Material's templates and the theme's partials print it
    (and test_every_page_of_a_hostile_site_is_clean finds no script, handler or address)."""
    root, _ = hostile_site
    shown = html.escape("</title><script>alert(21)</script>", quote=False)
    for lang in ("en", "bm", "snk"):
        pages = sorted((root / "site" / lang).rglob("*.html"))
        assert len(pages) > 5, lang
        for path in pages:
            page = path.read_text(encoding="utf-8")
            title = re.search(r"<title>(.*?)</title>", page, re.S)
            assert title and "alert(21)" in title[1], path  # the site name, as text
            assert page.count(shown) >= 3, path  # <title>, header, footer at least
            assert "{{ 7*7 }}" in page and "<img src=x onerror" not in page, path


@pytest.mark.build
def test_the_build_names_each_removal_with_its_file_and_line(hostile_site):
    _, log = hostile_site
    fix = (
        "Fix: Remove it: use Markdown, ids and classes only (`{#id .class}`), images saved next to the page, "
        "links to https:// addresses."
    )
    for line in (
        "docs/outils/a-fence/index.fr.md:20: [unsafe-html] Raw HTML <script> is not allowed: it could run "
        "code in readers' browsers. Fix: Remove it; use Markdown, or ask a maintainer for a safe alternative.",
        "docs/outils/a-attr/index.fr.md:22: [unsafe-html] The published page would carry the event handler "
        f"'onclick' on <a>: the sanitizer removes it. {fix}",
        "docs/outils/a-img/index.fr.md:21: [unsafe-html] The published page would carry the address "
        f"'https://evil.example/u.png' on <img>: the sanitizer removes it. {fix}",
        "docs/outils/a-js/page.html:1: [files] 'page.html' is not a page name the hub reads.",
    ):
        assert line in log
    assert (
        log.count("docs/outils/a-fence/index.fr.md:20:") == 1
    )  # not again for each language's fallback, nor for its Bambara title and summary
    assert "docs/outils/a-fence/index.bm.md" not in log
    assert "Traceback" not in log


@pytest.mark.build
def test_a_strict_build_of_hostile_pages_stops(tmp_path):
    root = _attack_tree(tmp_path / "hub")
    run = _build(root, "--strict")
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert not (root / "site/outils/a-fence/index.html").exists()


def test_the_builds_template_environment_escapes_what_it_prints():
    """hooks/templates.py turns autoescape on in the environment MkDocs renders every page with:
    a catalogue's site name, a navigation title or a front matter string printed by Material's
    templates is text (issue 25)."""
    spec = importlib.util.spec_from_file_location(
        "hub_templates_hook", Path(__file__).resolve().parents[2] / "hooks" / "templates.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    env = hook.on_env(jinja2.Environment(), None, None)
    page = env.from_string('<span title="{{ name }}">{{ name }}</span>{{ body }}').render(
        name='"><script>alert(1)</script>',
        body=for_templates("<p>ok</p>", SimpleNamespace(toc=[], meta={"title": "t"}, title="t")),
    )
    assert page == (
        '<span title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">'
        "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</span><p>ok</p>"
    )


def test_no_template_prints_anything_unescaped_but_what_the_hub_marks():
    """Autoescape (above) is the whole defence only if no template turns it off: no ``|safe``, no
    ``{% autoescape false %}``, no ``Markup`` in Material's templates or the hub's overrides; the
    values printed as HTML are the ones the hub marks (the page, its table of contents, the 404
    article: toolkit.website.published, toolkit.website.notfound)."""
    import material

    roots = [Path(material.__file__).parent / "templates", Path(__file__).parents[2] / "overrides"]
    unsafe = re.compile(r"\|\s*safe\b|autoescape\s+false|Markup|\|\s*e\s*\(\s*false")
    for wrong in ("{{ x | safe }}", "{% autoescape false %}", "{{ x|e(false) }}"):
        assert unsafe.search(wrong), wrong
    templates = [p for root in roots for p in root.rglob("*.html")]
    assert len(templates) > 50
    assert [
        f"{p}: {m[0]}" for p in templates for m in unsafe.finditer(p.read_text(encoding="utf-8"))
    ] == []
