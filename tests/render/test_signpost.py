"""Signposts of a language in preparation (toolkit/render/signpost.py), on the real content."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from toolkit.checks.validate import validate_tree
from toolkit.render import signpost as sp
from toolkit.render.labels import label

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    return validate_tree(ROOT, use_cache=True).corpus


def _parse(markup: str):
    return html5lib.parse(markup, namespaceHTMLElements=False)


def test_page_paths_are_the_pages_addresses():
    assert sp.page_path("index.fr.md") == ""
    assert sp.page_path("methodologies/x/index.fr.md") == "methodologies/x/"
    assert sp.page_path("methodologies/x/capsule.fr.md") == "methodologies/x/capsule/"
    assert sp.page_path("formations/y/capsule-2.fr.md") == "formations/y/capsule-2/"


def test_soninke_has_no_text_yet_and_its_pages_are_signposts(corpus):
    assert sp.preparing(corpus) == ["snk"]
    doc = corpus.by_src_uri["methodologies/cycle-ccap/index.fr.md"]
    assert sp.shows_signpost(doc, "snk")
    assert not sp.shows_signpost(doc, "bm") and not sp.shows_signpost(doc, "fr")
    assert not sp.shows_signpost(corpus.by_src_uri["contribuer/studio/index.fr.md"], "snk")
    tree = _parse(sp.signpost(doc, corpus, "snk"))
    links = {a.get("hreflang"): a.get("href") for a in tree.iter("a") if a.get("hreflang")}
    assert links == {
        "fr": "../../../methodologies/cycle-ccap/",
        "bm": "../../../bm/methodologies/cycle-ccap/",
    }
    title = tree.find(".//h1")
    bambara = corpus.by_key[doc.key]["bm"].meta.title
    assert (title.get("lang"), title.text) == ("bm", bambara)


def test_the_home_page_says_what_exists_in_which_language(corpus):
    tree = _parse(sp.signpost(corpus.by_src_uri["index.fr.md"], corpus, "snk"))
    rows = {
        li.find("strong").get("lang"): "".join(li.itertext())
        for li in tree.iter("li")
        if li.find("strong") is not None
    }
    assert set(rows) == {"fr", "en", "bm", "snk"}
    french = sum(
        1
        for d in corpus.documents
        if d.lang == "fr" and d.meta is not None and not getattr(d.meta, "generated", None)
    )
    assert f"{french} {label('signpost.documents', 'fr')}" in rows["fr"]
    assert label("language.preparing", "fr") in rows["snk"]
    assert label("language.preparing", "bm") in rows["snk"]


def test_titles_and_catalogue_strings_are_text(corpus, monkeypatch):
    monkeypatch.setattr(sp, "label", lambda key, lang: "<script>alert(1)</script>")
    doc = corpus.by_src_uri["methodologies/cycle-ccap/index.fr.md"]
    tree = _parse(sp.signpost(doc, corpus, "snk"))
    assert tree.find(".//script") is None
