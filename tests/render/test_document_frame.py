"""A French document shown to a reader of another language (a fallback page): the hub's own
words around it (field labels, vocabulary terms, duration units) are in the reader's language,
each marked with it, and the document's own words stay French."""

from __future__ import annotations

import re

import pytest

from toolkit.checks.validate import validate_tree
from toolkit.render.document import render_document
from toolkit.render.labels import label, label_md

FRENCH_LABELS = ("at_a_glance", "goal", "duration", "audiences", "themes", "agenda", "session")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    from tests.conftest import make_site_tree

    root = make_site_tree(tmp_path_factory.mktemp("frame"))
    result = validate_tree(root)
    return result.corpus, result.vocabularies


def _french(corpus, key: str):
    return corpus.by_key[key]["fr"]


def _marked(markdown: str, lang: str) -> list[str]:
    return re.findall(rf'<span lang="{lang}">(.*?)</span>', markdown)


def test_a_french_curriculum_shown_to_a_bambara_reader_has_a_bambara_frame(hub):
    corpus, vocab = hub
    doc = next(d for d in corpus.documents if d.kind == "curriculum" and d.lang == "fr")
    page = render_document(doc, corpus, vocab, "bm")
    marked = _marked(page, "bm")
    for key in FRENCH_LABELS:
        assert label(key, "bm") != label(key, "fr"), f"{key}: the fixture needs a Bambara label"
        assert label_md(key, "bm") in marked or label_md(key, "bm").lower() in marked, key
    # the admonition's title is the marked Bambara label
    assert f'!!! abstract "<span lang="bm">{label_md("at_a_glance", "bm")}</span>"' in page
    # the French labels are gone; the document's words are there, unmarked
    for key in ("at_a_glance", "goal", "audiences", "agenda"):
        assert label_md(key, "fr") not in page, key
    assert f"# {doc.meta.title}\n" in page and doc.meta.goal in page
    assert all(s.title in page for s in doc.meta.sessions)
    assert not any(doc.meta.goal in m or doc.meta.title in m for m in marked)
    # vocabulary terms in Bambara, marked; headings keep their ids
    for theme in doc.meta.themes:
        assert vocab.themes.label(theme, "bm") in marked
    assert "{#agenda}" in page and "{#session-1}" in page


def test_a_french_methodology_shown_to_an_english_reader_is_marked_english(hub):
    corpus, vocab = hub
    doc = next(d for d in corpus.documents if d.kind == "methodology" and d.lang == "fr")
    page = render_document(doc, corpus, vocab, "en")
    assert f'## <span lang="en">{label_md("steps", "en")}</span> {{#steps}}' in page
    assert f'<span lang="en">{label_md("last_reviewed", "en")}</span>:' in page
    assert label_md("steps", "fr") not in page


def test_a_document_in_the_readers_language_has_no_marked_frame(hub):
    corpus, vocab = hub
    for doc in corpus.documents:
        if doc.meta is None or doc.lang is None or doc.summary_only:
            continue
        page = render_document(doc, corpus, vocab, doc.lang)
        assert f'<span lang="{doc.lang}">' not in page, doc.rel
