"""Voice in search and catalogues: a capsule page is found by the words of its script (session
capsules included); a catalogue offers the filter 'with a recording' when a card has one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from toolkit.checks.validate import validate_tree
from toolkit.render.pages import catalogue
from toolkit.website.search_index import fold


def _pages_with(site: Path, lang: str, word: str) -> list[str]:
    word = fold(word)
    shard = site / "search" / lang / f"{word[:2]}.json"
    flat = json.loads(shard.read_text(encoding="utf-8"))["w"].get(word, [])
    numbers, page = [], 0
    for i in range(0, len(flat), 2):
        page += flat[i]
        numbers.append(page)
    rows = []
    for chunk in sorted((site / "search" / lang / "p").glob("*.json"), key=lambda p: int(p.stem)):
        rows += json.loads(chunk.read_text(encoding="utf-8"))
    return [rows[n][0] for n in numbers]


@pytest.mark.build
@pytest.mark.parametrize(
    ("lang", "word", "url"),
    [
        (
            "fr",
            "paniers",
            "formations/budget-101/capsule-1/",
        ),  # a session's capsule, by its script only
        ("fr", "venez", "methodologies/debat-budget/capsule/"),
    ],
)
def test_search_finds_a_capsule_by_its_script(fixture_site, lang, word, url):
    script = (
        Path(__file__).parents[1] / "fixtures/site/docs" / f"{url.rstrip('/')}.{lang}.md"
    ).read_text(encoding="utf-8")
    body = script.split("\n---\n", 1)[1]
    assert re.search(rf"\b{word}\b", body, re.I), f"{word} is in the script"
    assert url in _pages_with(fixture_site, lang, word)


class _Recording:  # what the catalogue reads of a published recording: nothing but its key
    pass


@pytest.mark.parametrize("lang", ["fr", "en", "bm"])
def test_catalogue_filters_cards_with_a_recording(site_tree, lang):
    result = validate_tree(site_tree)
    vocab = result.vocabularies
    without = catalogue("curriculum", lang, result.corpus, vocab, {})
    assert 'name="audio"' not in without  # no card has a recording: no such filter
    recordings = {"docs/formations/budget-101/capsule-1.bm.md": _Recording()}
    page = catalogue("curriculum", lang, result.corpus, vocab, recordings)
    assert '<select name="audio">' in page and '<option value="yes">' in page
    cards = re.findall(r'<li class="hub-card"[^>]*>\n\[[^\]]*\]\(\.\./formations/([^/]+)/', page)
    audio = re.findall(r'<li class="hub-card"[^>]*data-audio="([^"]*)"', page)
    assert dict(zip(cards, audio, strict=True))["budget-101"] == "yes"
    assert sum(1 for a in audio if a == "yes") == 1
