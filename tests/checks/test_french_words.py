"""French left unmarked in Bambara text: pages, glossary and interface strings (issue 29)."""

from __future__ import annotations

from pathlib import Path

from toolkit.checks.french_words import COMMON_FRENCH, french_words
from toolkit.checks.validate import validate_tree

FIX = 'Fix: Write it in Bambara, or keep the French term inside <span lang="fr">…</span>.'


def _messages(root: Path) -> list[str]:
    return [str(p) for p in validate_tree(root).problems]


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unmarked_french_word_in_a_bambara_body_is_reported_with_its_line(site_tree):
    _edit(
        site_tree,
        "docs/index.bm.md",
        "# Daminɛ\n\nƝɛ fɔlɔ.\n",
        "# Daminɛ\n\nƝɛ fɔlɔ.\n\nAn bɛ taa restitution publique la ni les élus ye.\n",
    )
    assert _messages(site_tree) == [
        "docs/index.bm.md:16: [french-word] French in Bambara text, not marked: "
        f"« restitution », « publique », « les », « élus ». {FIX}"
    ]


def test_a_french_term_marked_as_french_passes(site_tree):
    _edit(
        site_tree,
        "docs/index.bm.md",
        "# Daminɛ\n\nƝɛ fɔlɔ.\n",
        '# Daminɛ\n\nƝɛ fɔlɔ.\n\nAn bɛ taa <span lang="fr">restitution publique</span> la.\n\n'
        '<div lang="fr" markdown="1">\n\nLe conseil communal et les élus.\n\n</div>\n',
    )
    assert _messages(site_tree) == []


def test_the_title_and_summary_are_bambara_text_too(site_tree):
    _edit(site_tree, "docs/index.bm.md", "title: Daminɛ", "title: Capsule vocale — Daminɛ")
    assert _messages(site_tree) == [
        "docs/index.bm.md:2: [french-word] French in Bambara text, not marked: « Capsule », "
        "« vocale ». Fix: Write it in Bambara: a title or summary shows text only and cannot mark "
        "a French term."
    ]


def test_the_glossary_terms_are_found_as_phrases(site_tree):
    _edit(
        site_tree,
        "docs/index.bm.md",
        "# Daminɛ\n\nƝɛ fɔlɔ.\n",
        "# Daminɛ\n\nƝɛ fɔlɔ.\n\nPDESC: Programme de développement économique, social et culturel.\n",
    )
    assert _messages(site_tree) == [
        "docs/index.bm.md:16: [french-word] French in Bambara text, not marked: "
        f"« Programme de développement économique, social et culturel ». {FIX}"
    ]


def test_the_glossary_bambara_definitions_are_checked(site_tree):
    _edit(
        site_tree,
        "methodology/glossary.yml",
        "Komini ka labɛn san 5 kama.",
        "Komini ka labɛn pour la commune.",
    )
    assert _messages(site_tree) == [
        "methodology/glossary.yml:5: [french-word] French in Bambara text, not marked: "
        f"« pour », « commune ». {FIX}"
    ]


def test_the_bambara_interface_strings_are_checked(site_tree):
    po = site_tree / "locales" / "bm" / "LC_MESSAGES" / "hub.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Télécharger"\nmsgstr ""\n"Jigin ka "\n"télécharger"\n', encoding="utf-8")
    assert _messages(site_tree) == [
        f"locales/bm/LC_MESSAGES/hub.po:4: [french-word] French in Bambara text, not marked: « télécharger ». {FIX}"
    ]


def test_bambara_words_that_look_french_are_not_reported():
    line = "A ka ɲi de, i ni ce! Si tɛ se ka don du la ni a ma sɔn, a ka bon."
    assert french_words(line) == []
    assert (
        not {"a", "la", "de", "du", "ce", "se", "si", "ni", "ne", "don", "bon", "fin"}
        & COMMON_FRENCH
    )


def test_code_addresses_paths_and_link_targets_are_not_text():
    line = "`sha256sum -c SHA256SUMS` [sɛbɛn](../restitution-publique/index.md) site/index.html https://exemple.org/les-elus"
    assert french_words(line) == []
