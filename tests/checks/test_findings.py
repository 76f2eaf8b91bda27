"""A document is read-only; what the checks find in it is kept apart (toolkit.content.result)."""

from __future__ import annotations

import dataclasses

import pytest

from toolkit.checks.validate import validate_tree
from toolkit.website.bridge import HubBuild


def test_a_document_cannot_be_changed_and_its_findings_are_apart(site_tree):
    result = validate_tree(site_tree)
    doc = result.corpus.by_src_uri["methodologies/debat-budget/index.fr.md"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.meta = None
    assert doc.meta is not None and doc.fm.data["title"] == doc.meta.title
    page = result.corpus.by_src_uri["partenaires/sahelink/index.fr.md"]
    assert result.facts(page).anchors  # the body's links, images and anchors, apart


def test_after_a_cache_hit_no_empty_front_matter_can_be_served_as_page_meta(site_tree):
    first = validate_tree(site_tree, use_cache=True)
    again = validate_tree(site_tree, use_cache=True)  # every file from the check cache
    assert again.problems == first.problems
    cached = [doc for doc in again.corpus.documents if doc.fm is not None]
    assert cached and all(doc.fm.data is None for doc in cached)  # not {}: not read again
    assert [again.facts(d) for d in cached] == [first.facts(d) for d in cached]
    fresh, hit = HubBuild(site_tree, first), HubBuild(site_tree, again)
    uri = "methodologies/debat-budget/index.fr.md"
    assert fresh.page_meta(uri)["title"] and fresh.page_source(uri) == ""
    assert hit.page_meta(uri) is None and hit.page_source(uri) is None  # MkDocs reads the file
