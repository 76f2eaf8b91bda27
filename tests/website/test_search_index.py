"""The online search index (toolkit/website/search_index.py): folding, languages, shards, page chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.website.search_index import SearchIndexError, build_index, fold, words

PAGE = """<html lang="{lang}"><head><meta name="description" content="{summary}"></head><body>
<nav><a class="md-nav__link">Navigation word zanzibar</a></nav>
<article class="md-content__inner md-typeset"><div data-hub-search-body>
<h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1>
<p>{body}</p><p class="hub-edit"><a href="x">Modifier cette page</a></p>
</div></article></body></html>"""


def _page(site: Path, url: str, lang: str, title: str, body: str, summary: str = "Résumé.") -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        PAGE.format(lang=lang, title=title, body=body, summary=summary), encoding="utf-8"
    )


def _postings(site: Path, lang: str, word: str) -> dict[int, int]:
    shard = json.loads((site / "search" / lang / f"{word[:2]}.json").read_text(encoding="utf-8"))
    flat, page, out = shard["w"][word], 0, {}
    for i in range(0, len(flat), 2):
        page += flat[i]
        out[page] = flat[i + 1]
    return out


def _titles(site: Path, lang: str) -> list[str]:
    rows = json.loads((site / "search" / lang / "p" / "0.json").read_text(encoding="utf-8"))
    return [row[1] for row in rows]


def test_folding_is_what_a_phone_keyboard_types():
    """Most phone keyboards have no ɛ ɔ ɲ ŋ: the index holds words as they are typed without."""
    assert fold("Débat ÉLUS") == "debat elus"
    assert fold("kɔlɔsi sɛbɛnw ɲɔgɔn Ɛ ŋaniya") == "kolosi sebenw nyogon e nganiya"
    assert fold("bàrà") == "bara"  # tone marks
    assert fold("kɔ̀lɔ̀si") == "kolosi"  # tone marks on open vowels
    assert words("Le budget de la commune, 2020 !") == [
        "budget",
        "commune",
        "2020",
    ]  # stop words out


def test_each_language_has_its_own_index_and_fallback_pages_count_in_the_readers_language(tmp_path):
    _page(tmp_path, "methodologies/a", "fr", "Le débat budgétaire", "Le budget de la commune.")
    _page(tmp_path, "en/methodologies/a", "en", "The budget debate", "The commune budget.")
    _page(tmp_path, "bm/methodologies/a", "bm", "Ka ɲɔgɔn sɔrɔ", "Komini ka wari ɲɔgɔn.")
    _page(tmp_path, "bm/methodologies/b", "bm", "Le débat budgétaire", "Le budget (en français).")
    report = build_index(tmp_path)
    assert report.pages == {"fr": 1, "en": 1, "bm": 2}
    assert _titles(tmp_path, "bm") == ["Ka ɲɔgɔn sɔrɔ", "Le débat budgétaire"]
    assert _postings(tmp_path, "bm", "nyogon") == {
        0: 2 + 8
    }  # ɲɔgɔn, as typed on any phone: heading and paragraph, plus the title weight
    assert _postings(tmp_path, "fr", "budget") == {0: 1}  # "budgétaire" is a word of its own
    assert (
        "budgetaire"
        in json.loads((tmp_path / "search/fr/bu.json").read_text(encoding="utf-8"))["w"]
    )
    assert not (tmp_path / "search/en/bu.json").read_text(encoding="utf-8").count("budgetaire")


def test_navigation_anchors_and_edit_links_are_not_indexed(tmp_path):
    _page(tmp_path, "x", "fr", "Titre", "Texte.")
    build_index(tmp_path)
    index = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "search").rglob("*.json"))
    assert "zanzibar" not in index and "modifier" not in index and "¶" not in index
    assert _titles(tmp_path, "fr") == ["Titre"]


def test_page_numbers_are_delta_encoded_and_summaries_kept(tmp_path):
    for n in range(40):
        _page(
            tmp_path,
            f"p{n:02d}",
            "fr",
            f"Page {n}",
            "commune" if n % 10 == 0 else "autre",
            f"Résumé {n}.",
        )
    build_index(tmp_path)
    assert _postings(tmp_path, "fr", "commune") == {0: 1, 10: 1, 20: 1, 30: 1}
    shard = json.loads((tmp_path / "search/fr/co.json").read_text(encoding="utf-8"))
    assert (
        shard["w"]["commune"] == [0, 1, 10, 1, 10, 1, 10, 1]
        and shard["n"] == 40
        and shard["c"] == 16
    )
    rows = json.loads((tmp_path / "search/fr/p/2.json").read_text(encoding="utf-8"))
    assert rows[0] == ["p32/", "Page 32", "Résumé 32."]


def test_no_searchable_page_is_an_error_and_leaves_nothing_behind(tmp_path):
    (tmp_path / "index.html").write_text("<html><body>no mark</body></html>", encoding="utf-8")
    with pytest.raises(SearchIndexError, match="data-hub-search-body"):
        build_index(tmp_path)
    assert not (tmp_path / "search").exists() and not (tmp_path / "search.tmp").exists()
