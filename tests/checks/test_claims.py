"""What the hub says of its kits and languages, against a build (toolkit.checks.claims)."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.checks.claims import claim_problems, count_claims, held_languages


def _build(downloads: Path, kits: dict[str, list[str]]) -> Path:
    """A ``downloads/`` folder: one SaheLink kit per language, its catalogue's fallback marks."""
    (downloads / "kiwix").mkdir(parents=True)
    index = []
    for lang, fallbacks in kits.items():
        index.append({"file": f"sahelink-{lang}.zip", "kit": "sahelink"})
        folder = downloads / f"sahelink-{lang}"
        folder.mkdir()
        rows = [{"file": f"a.{lang}.pdf", "fallback": ""}] if "own" in fallbacks else []
        rows += [{"file": "b.fr.epub", "fallback": "version française"}]
        (folder / "catalogue.json").write_text(json.dumps(rows), encoding="utf-8")
        (downloads / "kiwix" / f"kayes-hub_{lang}.zim").write_bytes(b"")
    (downloads / "kits.json").write_text(json.dumps({"kits": index}), encoding="utf-8")
    return downloads


def _page(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def test_a_kit_of_french_fallbacks_only_does_not_hold_its_language(tmp_path):
    downloads = _build(tmp_path / "downloads", {"fr": ["own"], "en": ["own"], "snk": []})
    assert held_languages(downloads) == ["fr", "en"]


def test_four_languages_claimed_for_three_held_is_reported_with_file_and_line(tmp_path):
    downloads = _build(
        tmp_path / "downloads", {"fr": ["own"], "en": ["own"], "bm": ["own"], "snk": []}
    )
    _page(
        tmp_path,
        "docs/partenaires/x/index.fr.md",
        "# X\n\nIntro.\n\nLe fichier Kiwix contient le site entier dans les quatre langues.\n",
    )
    assert [str(p) for p in claim_problems(tmp_path, downloads)] == [
        "docs/partenaires/x/index.fr.md:5: [language-claim] The text says 4 languages, the built "
        "kits hold 3 (fr, en, bm): « Le fichier Kiwix contient le site entier dans les quatre "
        "langues. ». Fix: Say what the kits hold (or name the languages), not what is planned."
    ]


def test_a_true_count_and_other_things_languages_pass(tmp_path):
    downloads = _build(tmp_path / "downloads", {"fr": ["own"], "en": ["own"], "bm": ["own"]})
    _page(
        tmp_path,
        "docs/a/index.en.md",
        "The kits hold three languages.\n\nLenali offers six languages.\n\n"
        "Mali has 13 national languages, and this resource centre knows it.\n",
    )
    assert claim_problems(tmp_path, downloads) == []


def test_a_kit_file_the_build_did_not_make_is_reported(tmp_path):
    downloads = _build(tmp_path / "downloads", {"fr": ["own"]})
    _page(tmp_path, "docs/a/index.fr.md", "Copiez `kiwix/kayes-hub.zim` puis `sahelink-fr.zip`.\n")
    problems = [str(p) for p in claim_problems(tmp_path, downloads)]
    assert problems == [
        "docs/a/index.fr.md:1: [language-claim] The text names the file kayes-hub.zim, which the "
        "build did not make. Fix: Name one of the files the build makes: kayes-hub_fr.zim, "
        "sahelink-fr.zip."
    ]


def test_catalogue_strings_are_read_across_their_quoted_lines():
    text = 'msgid ""\n"Le site hors ligne dans les quatre "\n"langues, pour Kiwix."\n'
    claims = list(count_claims(text.replace('"\n"', "\n")))
    assert [(line, count) for line, _, count in claims] == [(1, 4)]
