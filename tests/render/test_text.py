"""Front matter text is text: whatever a field holds, the page shows exactly that text and no markup."""

from __future__ import annotations

import html

import html5lib
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.checks.rendered import render_body
from toolkit.render.text import md_text, md_url

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '{: onclick="x" }',
    "{#id .c}",
    "*a*",
    "_b_",
    "**c**",
    "`d`",
    "[e](javascript:alert(1))",
    "![f](https://evil.example/f.png)",
    "<https://g.h>",
    "&amp;",
    "&#106;",
    "\\",
    "| t |",
    "# h",
    "- l",
    "1. n",
    "> q",
    "!!! note",
    "*[ABBR]: x",
    "~~s~~",
    "'",
    '"',
    "<!--",
    "-->",
    "ɛɔɲŋ",
    "\t",
    "\n",
]


def _shown(markdown: str) -> tuple[str, list[str]]:
    """(text, element names) of ``markdown`` rendered as the site renders it."""
    tree = html5lib.parseFragment(render_body(markdown), namespaceHTMLElements=False)
    return "".join(tree.itertext()), [node.tag for node in tree.iter() if isinstance(node.tag, str)]


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(MARKUP),
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=5),
        ),
        min_size=1,
        max_size=12,
    ).map("".join)
)
def test_a_field_shows_its_text_and_nothing_else(value):
    expected = " ".join(value.split())
    if not expected:
        return
    text, tags = _shown("Texte : " + md_text(value))
    assert text.strip() == ("Texte : " + expected).strip()
    assert set(tags) <= {"DOCUMENT_FRAGMENT", "p"}


def test_a_field_at_the_start_of_a_line_is_no_heading_or_list():
    for value in ("# titre", "- point", "1. un", "+ plus", "12) douze"):
        text, tags = _shown(md_text(value))
        assert (text, set(tags)) == (value, {"DOCUMENT_FRAGMENT", "p"})


def test_an_address_cannot_leave_its_link():
    rendered = render_body(
        f"[source]({md_url('https://example.org/a)<img/src=x/onerror=alert(1)> b')})"
    )
    assert rendered == (
        '<p><a href="https://example.org/a%29%3Cimg/src=x/onerror=alert%281%29%3E%20b">source</a></p>'
    )
    assert html.unescape(md_text("a < b & c")) == "a < b & c"
