"""Catalogue strings and front matter are text, whatever a translator or a contributor types.

Every catalogue key and every free-text field of every document's front matter gets the same
arbitrary string; every page of the fixture tree is then written for readers of every language
(documents with their download block, title-and-summary translations, catalogues, glossary,
translation status, studio, field reference, the downloads page with the kit table the kits
step writes into it) and rendered by the site's Python-Markdown, *before* the sanitizer: what comes
out, read by html5lib, holds nothing outside the allowlist (tests/html_allowlist.py). So the
escaping is made by construction, not by the sanitizer catching what slipped through.

The theme's own strings (``partials/languages/{bm,snk}.html``, generated from the ``.po``
files) are a Jinja template: a translator's string can neither run template code there nor
print markup.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path

import jinja2
import pytest
from conftest import examples, make_site_tree
from html_allowlist import offending
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from pydantic import BaseModel

from toolkit.checks.rendered import render_body
from toolkit.checks.validate import validate_tree
from toolkit.content import vocabularies
from toolkit.content.languages import LANGUAGES
from toolkit.kits.downloads import kits_table
from toolkit.render import catalogues
from toolkit.render.downloads import MARKER
from toolkit.website.bridge import HubBuild

#: What a hostile translator or contributor tries (issue 25), each also mixed with arbitrary text.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "[x](javascript:alert(1))",
    "![x](//evil.example/p.png)",
    "<https://evil.example>",
    '{: onclick="alert(1)" }',
    '!!! note "<b>x</b>"',
    "    <iframe src=//evil.example>",
    "| a | <svg onload=alert(1)> |",
    "*[x]: <script>",
    "&lt;script&gt;",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in range(9) %}x{% endfor %}{# c #}",
    "-#}{{ 7*7 }}",
    "{amount.__class__.__mro__}",
    "<details open ontoggle=alert(1)>",
    '<a href="data:text/html,x">x</a>',
]

hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from(PAYLOADS), st.text(max_size=12)).map("".join),
    st.text(
        alphabet=st.sampled_from(list("<>&\"'`*_[](){}!|:#-=\\/ \n\taonsvgimcrt1")), max_size=40
    ),
)

#: Front matter fields that hold ids, addresses, dates or enumerations, not free text (the model
#: checks their form); every other string of the model is text a contributor writes.
NOT_TEXT = frozenset(
    {
        "language",
        "themes",
        "audiences",
        "places",
        "place",
        "period",
        "duration",
        "generated",
        "scope",
        "url",
        "tools",
        "methodologies",
        "illustration",
        "audio",
        "cover",
        "format",
        "status",
    }
)


#: The generated page that lists the kits, and a kit index as ``hub`` writes it (one of each kind
#: whose name carries a language).
DOWNLOAD_PAGE = "downloads"
KITS = {
    "kits": [
        {"kit": kind, "file": file, "size": 1_200_000, "date": "2026-01-01", "sha256": "0" * 64}
        for kind, file in (("sahelink", "sahelink-bm.zip"), ("zim", "kiwix/hub_bm.zim"))
    ]
}


def _hostile_model(model: BaseModel, text: str) -> BaseModel:
    """A copy of ``model`` with ``text`` in every free-text field, nested models included."""
    update = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in NOT_TEXT:
            continue
        if isinstance(value, str):
            update[name] = text
        elif isinstance(value, BaseModel):
            update[name] = _hostile_model(value, text)
        elif isinstance(value, list) and value and isinstance(value[0], str):
            update[name] = [text for _ in value]
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_hostile_model(item, text) for item in value]
    return model.model_copy(update=update)


@pytest.fixture(scope="module")
def validated():
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabularies, "load", functools.lru_cache(vocabularies.load))
        root = make_site_tree(Path(tmp) / "hub")
        result = validate_tree(root)
        assert result.problems == []
        yield root, result


def _offending_pages(root, result, text: str) -> list:
    """(file, reader, what is outside the allowlist) for every page, with ``text`` as every
    catalogue string and every free-text field; pages carry their download block, and the
    downloads page its kit table (written into the built page after the kits)."""
    french = catalogues.source()
    found = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogues, "source", lambda root=None: dict.fromkeys(french, text))
        patch.setattr(
            catalogues,
            "translations",
            lambda lang, root=None: dict.fromkeys(french, catalogues.Translation(text, True)),
        )
        originals = []
        for doc in result.corpus.documents:
            if doc.meta is not None and not getattr(doc.meta, "generated", None):
                originals.append((doc, doc.meta))
                object.__setattr__(doc, "meta", _hostile_model(doc.meta, text))
        try:
            build = HubBuild(root, result, repository="https://github.com/example/hub")
            build.kits = True
            for doc in result.corpus.documents:
                generated = getattr(doc.meta, "generated", None) if doc.meta else None
                for reader in LANGUAGES:
                    markdown, _title = build.page_markdown("", doc.src_uri, reader)
                    html = render_body(markdown)
                    if generated == DOWNLOAD_PAGE:
                        assert MARKER in html
                        html = html.replace(MARKER, kits_table(KITS, reader, 1, signed=True))
                    assert html, f"{doc.rel} ({reader}) did not render"
                    if wrong := offending(html, bool(generated)):
                        found.append((doc.rel, reader, wrong))
        finally:
            for doc, meta in originals:
                object.__setattr__(doc, "meta", meta)
    return found


def test_every_payload_renders_as_text_on_every_page(validated):
    assert _offending_pages(*validated, " ".join(PAYLOADS)) == []


@pytest.mark.slow
@settings(
    max_examples=examples(10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile)
def test_catalogue_and_front_matter_strings_render_as_text_on_every_page(validated, text):
    assert _offending_pages(*validated, text) == []


def _theme_module(partial: str, autoescape: bool = True):
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"partials/languages/xx.html": partial}), autoescape=autoescape
    )
    return env.get_template("partials/languages/xx.html").module


def test_a_translators_string_cannot_run_template_code_in_the_theme_partial(tmp_path):
    sentinel = tmp_path / "ran"
    payloads = {
        "theme:search.placeholder": "{{ cycler.__init__.__globals__.os.popen('touch "
        + str(sentinel)
        + "').read() }}",
        "theme:toc": '"}[key] }}{% endmacro %}{{ cycler.__init__.__globals__.os.system("touch '
        + str(sentinel)
        + '") }}',
        "theme:footer": "-#}{% set x = 1 %}{# <script>alert(1)</script>",
        "theme:header": '<img src=x onerror="alert(1)">\\"\\u007b',
    }
    locales = tmp_path / "locales"
    catalogues.import_labels(
        {key: {"fr": "Texte", "bm": text} for key, text in payloads.items()}, locales
    )
    try:
        partial = catalogues.theme_partial("bm", locales)
    finally:
        catalogues.clear_cache()
    body = partial.split("{% macro t(key) %}{{ {", 1)[1].rsplit("}[key] }}", 1)[0]
    assert not set(body) & set("{}%#<>")  # no delimiter of Jinja's or HTML's but the macro's own
    module = _theme_module(partial)
    for key, text in payloads.items():
        shown = module.t(key.removeprefix("theme:"))
        assert shown == escape(text), key
    assert not sentinel.exists()
    path = tmp_path / "bm.html"
    path.write_text(partial, encoding="utf-8")
    assert catalogues.read_theme_partial(path)["toc"] == payloads["theme:toc"]


@settings(max_examples=examples(200), deadline=None)
@given(text=st.one_of(hostile, st.text()))
def test_every_string_of_a_theme_partial_is_one_literal(text):
    literal = catalogues._jinja_string(text)
    assert json.loads(literal) == text
    env = jinja2.Environment(autoescape=True)
    assert env.from_string("{{ " + literal + " }}").render() == escape(text)
    assert not set(literal) & set("{}%#<>&'")
