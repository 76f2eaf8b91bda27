"""hub check reads the body as the build does (Python-Markdown with the site's extensions, then
the sanitizer): one failing fixture per class of attack, with the exact message at its line."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT
from test_validate import _edit, _messages

from toolkit.checks.rendered import EXTENSION_CONFIGS, EXTENSIONS

M = "docs/methodologies/debat-budget/index.fr.md"
BODY = "Le débat porte sur quatre points."  # line 34 of M
FIX = (
    "Fix: Remove it: use Markdown, ids and classes only (`{#id .class}`), images saved next to the "
    "page, links to https:// addresses."
)


def _removed(line: int, what: str) -> str:
    return f"{M}:{line}: [unsafe-html] The published page would carry {what}: the sanitizer removes it. {FIX}"


def _body(root: Path, markdown: str) -> list[str]:
    _edit(root, M, BODY, markdown)
    return _messages(root)


def test_the_check_renders_with_the_extensions_of_the_site():
    """The extensions MkDocs loads: its built-in ones (which mkdocs.yml does not list: fenced
    code was one the check lacked) then mkdocs.yml's, in that order, with the same options."""
    from mkdocs.config.defaults import MkDocsConfig

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    site = {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        site[name] = options or {}
    loaded = list(dict.fromkeys(MkDocsConfig.markdown_extensions.builtins + list(site)))
    assert loaded == EXTENSIONS
    assert {name: options for name, options in site.items() if options} == EXTENSION_CONFIGS


# --- constructs that markdown-it (CommonMark) read differently from Python-Markdown -------------
# The check once read bodies with markdown-it, which saw code here and no HTML: only the
# sanitizer's message found them. It now reads Python-Markdown's tree (toolkit.checks.body_tree),
# so the raw HTML check sees what the site publishes and names it, at the same line.

SCRIPT = (
    "[unsafe-html] Raw HTML <script> is not allowed: it could run code in readers' browsers. "
    "Fix: Remove it; use Markdown, or ask a maintainer for a safe alternative."
)


def test_a_script_after_an_unclosed_fence(site_tree):
    # CommonMark: the fence runs to the end, all code. Python-Markdown: no fence, raw HTML.
    assert _body(site_tree, "```\ncode\n\n<script>alert(1)</script>") == [f"{M}:37: {SCRIPT}"]


def test_a_script_after_a_fence_indented_two_spaces(site_tree):
    assert _body(site_tree, "  ```\n<script>alert(1)</script>\n\nTexte.") == [f"{M}:35: {SCRIPT}"]


def test_an_event_handler_in_an_admonition_body(site_tree):
    # CommonMark: an indented code block. Python-Markdown: the admonition's body, raw HTML.
    messages = _body(site_tree, "!!! note\n\n    Texte <b onclick=alert(1)>x</b>.")
    assert messages == [
        f"{M}:36: [unsafe-html] The HTML attribute 'onclick' runs code. Fix: Remove the attribute."
    ]


# --- attr_list: ids and classes only -----------------------------------------------------------


def test_attribute_lists_may_set_ids_and_classes_only(site_tree):
    assert _body(
        site_tree,
        '## Contexte {: onclick="alert(1)" }\n\nTexte\n{: style="color:red" data-x="1" }\n\n'
        '[le guide](https://example.org){: onclick="alert(2)" }\n\n## Suite {#suite .note}',
    ) == [
        _removed(34, "the event handler 'onclick' on <h2>"),
        _removed(37, "the attribute 'data-x' on <p>"),
        _removed(37, "the attribute 'style' on <p>"),
        _removed(39, "the event handler 'onclick' on <a>"),
    ]


# --- addresses -------------------------------------------------------------------------------


def test_javascript_addresses_disguised_with_entities_or_a_tab(site_tree):
    assert _body(
        site_tree,
        '<a href="&#106;avascript:alert(1)">a</a>\n\n<a href="javascript&colon;alert(2)">b</a>\n\n'
        '<a href="java&#x09;script:alert(3)">c</a>\n\n[d](data:text/html;base64,PHNjcmlwdD4=)',
    ) == [
        _removed(34, "the address 'javascript:alert(1)' on <a>"),
        _removed(36, "the address 'javascript:alert(2)' on <a>"),
        _removed(38, "the address 'java script:alert(3)' on <a>"),
        f"{M}:40: [unsafe-html] The link 'data:text/html;base64,PHNjcmlwdD4=' runs code. "
        "Fix: Link to a page or a https:// address instead.",
    ]  # the link check sees it too: its message


def test_a_third_party_image(site_tree):
    assert _body(
        site_tree,
        '<img src="https://tracker.example/p.png" alt="p">\n\n'
        '<img src="/\\tracker.example/q.png" alt="q">',
    ) == [
        _removed(34, "the address 'https://tracker.example/p.png' on <img>"),
        _removed(36, "the address '/\\tracker.example/q.png' on <img>"),
    ]


def test_a_tag_hidden_from_the_checker_by_a_malformed_comment(site_tree):
    assert _body(
        site_tree,
        '<!--> <img src="https://tracker.example/a.png" alt="a"> -->\n\n'
        '<!-- x --!> <img src="https://tracker.example/b.png" alt="b">',
    ) == [
        _removed(34, "the address 'https://tracker.example/a.png' on <img>"),
        _removed(36, "the address 'https://tracker.example/b.png' on <img>"),
    ]


def test_what_the_site_publishes_as_it_is_gives_no_message(site_tree):
    assert _body(
        site_tree,
        "## Contexte {#contexte .important}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        '- [x] fait\n- [ ] à faire\n\n!!! note "Note"\n    Texte *important*.\n\n'
        '[le guide](https://example.org/guide) · <a href="mailto:contact@example.org">'
        "l'équipe</a> · [la section](#contexte)",
    ) == [
        f"{M}:46: [personal-data] This page shows what looks like an e-mail address: 'contact@example.org'. "
        "Fix: Remove it or name a role or an institution instead; keep it only with the written consent of the "
        "person (docs/outils/fiche-consentement/) and 'consent: true' in the front matter."
    ]
