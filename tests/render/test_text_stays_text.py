"""Catalogue strings and front matter are text, whatever a translator or a contributor types.

Every catalogue key, every free-text field of every document's front matter and of the glossary
(empty ones filled: a reviewer, a source, a national term), and every vocabulary label get the
same arbitrary string; every page of the fixture tree is then written for readers of every language
(documents with their download block, title-and-summary translations, catalogues, glossary,
translation status, studio, field reference, the downloads page with the kit table the kits
step writes into it) and rendered by the site's Python-Markdown, *before* the sanitizer: what comes
out, read by html5lib, holds nothing outside the allowlist (tests/html_allowlist.py). So the
escaping is made by construction, not by the sanitizer catching what slipped through. The
content model is walked for its text fields, and the test fails when one was left unfilled.

The Jinja templates (Material's and ``overrides/``) escape everything they print but what the hub
marks as its own HTML (tests/website/test_published.py).

The theme's own strings (``partials/languages/{bm,snk}.html``, generated from the ``.po``
files) are a Jinja template: a translator's string can neither run template code there nor
print markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import tempfile
import typing
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
from toolkit.content.model import MODELS, GlossaryEntry, NativeReview, Source, SummaryTranslation
from toolkit.content.vocabularies import Glossary, Term, Vocabularies, Vocabulary
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

#: Front matter and glossary fields that hold ids, addresses, dates or enumerations, not free
#: text (the model checks their form); every other string of the model is text a contributor
#: writes.
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
        "id",
        "see",
        "source",
    }
)


def _types(annotation) -> set:
    """The classes an annotation admits (through Annotated, unions, Optional and lists), with
    ``Literal`` for enumerations."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return {typing.Literal}
    if origin is None:
        return {annotation}
    return set().union(*(_types(arg) for arg in typing.get_args(annotation) if arg is not ...))


def _nested(annotation) -> type[BaseModel] | None:
    return next(
        (t for t in _types(annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None
    )


def text_fields(model: type[BaseModel], seen: set | None = None) -> set[tuple[str, str]]:
    """(model, field) of every free-text field of ``model`` and of the models it holds."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    found = set()
    for name, field in model.model_fields.items():
        if name in NOT_TEXT:
            continue
        if str in _types(field.annotation):
            found.add((model.__name__, name))
        if (inner := _nested(field.annotation)) is not None:
            found |= text_fields(inner, seen)
    return found


#: Every free-text field a contributor can fill: the content types' front matter, the
#: title-and-summary translations and the glossary (test_every_text_field_is_made_hostile).
ALL_TEXT_FIELDS = frozenset().union(
    *(text_fields(m) for m in (*MODELS.values(), SummaryTranslation, GlossaryEntry))
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


def _hostile_model(model: BaseModel, text: str, filled: set) -> BaseModel:
    """A copy of ``model`` with ``text`` in every free-text field, nested models included: empty
    ones too (a missing reviewer gets a review by ``text``, an empty list of names one name).
    Adds (model, field) to ``filled`` for each field it filled."""
    update = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name, None)  # a model made here has only what it was given
        if name in NOT_TEXT:
            continue
        inner = _nested(field.annotation)
        if inner is NativeReview and not isinstance(value, NativeReview):
            value = NativeReview.model_construct(status="reviewed", date=dt.date(2026, 1, 1))
        elif inner is not None and value is None:
            value = inner.model_construct()
        elif inner is Source and value == []:  # a list of sources: one, with its address
            value = [Source.model_construct(url="https://example.org/source")]
        if isinstance(value, BaseModel):
            update[name] = _hostile_model(value, text, filled)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [_hostile_model(item, text, filled) for item in value]
        elif str in _types(field.annotation):
            is_list = isinstance(value, list) or typing.get_origin(field.annotation) is list
            update[name] = [text] * max(1, len(value or [])) if is_list else text
            filled.add((type(model).__name__, name))
    return model.model_copy(update=update)


def _hostile_vocabularies(vocab: Vocabularies, text: str, filled: set) -> Vocabularies:
    """``vocab`` with ``text`` as every label of every vocabulary and in every text field of
    every glossary entry (methodology/ is content too)."""

    def hostile(vocabulary: Vocabulary) -> Vocabulary:
        terms = {
            key: Term(term.id, dict.fromkeys(term.labels, text), term.data)
            for key, term in vocabulary.terms.items()
        }
        return Vocabulary(vocabulary.name, terms)

    entries = [_hostile_model(entry, text, filled) for entry in vocab.glossary.entries]
    return Vocabularies(
        **{name: hostile(vocab.get(name)) for name in vocabularies.VOCABULARIES},
        glossary=Glossary(entries),
    )


@pytest.fixture(scope="module")
def validated():
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocabularies, "load", functools.lru_cache(vocabularies.load))
        root = make_site_tree(Path(tmp) / "hub")
        result = validate_tree(root)
        assert result.problems == []
        yield root, result


def _offending_pages(root, result, text: str, filled: set | None = None) -> list:
    """(file, reader, what is outside the allowlist) for every page, with ``text`` as every
    catalogue string, every free-text field of the front matter and the glossary, and every
    vocabulary label (the fields it filled go into ``filled``); pages carry their download
    block, and the downloads page its kit table (written into the built page after the kits)."""
    filled = set() if filled is None else filled
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
                object.__setattr__(doc, "meta", _hostile_model(doc.meta, text, filled))
        vocab = result.vocabularies
        object.__setattr__(result, "vocabularies", _hostile_vocabularies(vocab, text, filled))
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
            object.__setattr__(result, "vocabularies", vocab)
    return found


def test_every_payload_renders_as_text_on_every_page(validated):
    filled = set()
    assert _offending_pages(*validated, " ".join(PAYLOADS), filled) == []
    assert filled == ALL_TEXT_FIELDS  # every text field of the model, on some page of the tree


def test_every_text_field_is_made_hostile():
    """The walk finds the text fields the model has (so a new one is filled, or this fails)."""
    assert {
        ("ToolSheet", "title"),
        ("NativeReview", "by"),
        ("Step", "inclusion"),
        ("Source", "publisher"),
        ("Session", "audience"),
        ("GlossaryTranslation", "definition"),
        ("NationalTerm", "term"),
        ("GlossaryEntry", "abbr"),
        ("SummaryTranslation", "summary"),
    } <= ALL_TEXT_FIELDS
    assert not {name for _, name in ALL_TEXT_FIELDS} & NOT_TEXT


@pytest.mark.slow
@settings(
    max_examples=examples(10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile)
def test_catalogue_and_front_matter_strings_render_as_text_on_every_page(validated, text):
    assert _offending_pages(*validated, text) == []


def test_the_404_page_prints_catalogue_strings_as_text():
    """The one page the hub writes as HTML itself (toolkit.website.notfound), for every reader."""
    from toolkit.website import notfound

    text = " ".join(PAYLOADS)
    french = catalogues.source()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(catalogues, "source", lambda root=None: dict.fromkeys(french, text))
        for fallback in (True, False):  # French text marked lang=fr, or a translation
            patch.setattr(
                catalogues,
                "translations",
                lambda lang, root=None, none=fallback: (
                    {} if none else dict.fromkeys(french, catalogues.Translation(text, True))
                ),
            )
            for reader in LANGUAGES:
                html = str(notfound.article(reader, "/"))
                assert "&lt;script&gt;" in html
                assert offending(html) == [], (reader, fallback)


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
