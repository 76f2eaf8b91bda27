"""Pages the build writes into: the abbreviation tooltips a page gets."""

from __future__ import annotations

from pathlib import Path

from toolkit.content import vocabularies
from toolkit.render.pages import Abbreviations

ROOT = Path(__file__).resolve().parents[2]


def test_a_page_gets_the_definitions_of_the_abbreviations_it_uses_only():
    vocab = vocabularies.load(ROOT / "methodology")
    used = [e for e in vocab.glossary.entries if e.abbr]
    assert len(used) >= 2, "the real glossary defines abbreviations"
    first, second = used[0], used[1]
    french = Abbreviations("fr", vocab)
    text = f"Le {first.abbr} et le {second.abbr}, puis encore le {first.abbr}."
    lines = french.used_in(text).splitlines()
    assert lines == [
        f"*[{e.abbr}]: {e.fr.term}"
        for e in vocab.glossary.entries
        if e.abbr in (first.abbr, second.abbr)
    ]
    assert (
        french.used_in(f"Un mot comme X{first.abbr}Y ou {first.abbr.lower()}.") == ""
    )  # whole words only
    assert french.used_in("Aucune abréviation ici.") == ""
    assert Abbreviations("en", vocab).used_in(first.abbr) == f"*[{first.abbr}]: {first.en.term}"
    assert (
        Abbreviations("bm", vocab).used_in(first.abbr) == f"*[{first.abbr}]: {first.fr.term}"
    )  # French tooltip
