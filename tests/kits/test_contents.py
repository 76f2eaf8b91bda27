"""What a kit holds, counted from the kit and said in the reader's language (toolkit.kits.contents):
no description of a kit is written by hand."""

from __future__ import annotations

import json
import zipfile

from toolkit.kits.contents import Part, lenali_contents, sahelink_contents, sentences
from toolkit.render.labels import LABELS


def _row(file: str, language: str, relation: str, fallback: str = "") -> dict:
    return {"file": file, "language": language, "relation": relation, "fallback": fallback}


def _kit(folder, rows, pages=2):
    (folder / "site" / "bm").mkdir(parents=True)
    (folder / "site" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=bm/">')
    for n in range(pages):
        (folder / "site" / "bm" / f"p{n}.html").write_text("<html lang=bm></html>")
    (folder / "catalogue.json").write_text(json.dumps(rows))
    (folder / "opds.xml").write_text("<feed/>")
    (folder / "catalogue.oai_dc.xml").write_text("<x/>")
    (folder / "summaries").mkdir()
    (folder / "summaries" / "a.md").write_text("# a")


def test_a_sahelink_kit_is_counted_from_its_catalogue_and_site(tmp_path):
    _kit(
        tmp_path,
        [
            _row("documents/capsule/a.bm.pdf", "bam", "w:a/capsule"),
            _row("documents/capsule/b.bm.pdf", "bam", "w:b/capsule"),
            _row("documents/methodology/a.fr.epub", "fra", "w:a", fallback="version française"),
            _row("documents/curriculum/c.bm.pdf", "bam", "w:c"),
            _row("documents/curriculum/c.bm.docx", "bam", "w:c"),
            _row("documents/curriculum/c.bm.epub", "bam", "w:c"),
            _row("documents/curriculum/c.facilitator-pack.bm.pdf", "bam", "w:c"),
        ],
    )
    assert sahelink_contents(tmp_path) == [
        Part("documents", 1, "bm", ("PDF", "DOCX", "EPUB")),
        Part("packs", 1, "bm", ("PDF",)),
        Part("capsules", 2, "bm", ("PDF",)),
        Part("documents", 1, "fr", ("EPUB",), fallback=True),
        Part("offline_pages", 2),  # the redirect at the site's root is no page
        Part("catalogues", 0, formats=("Dublin Core", "OPDS")),
        Part("short_summaries", 1),
    ]
    said = sentences(sahelink_contents(tmp_path), "fr")
    assert said == [
        "En bambara : 1 document (PDF, DOCX, EPUB), 1 dossier d'animation (PDF) et "
        "2 capsules vocales (PDF).",
        "Pas encore traduits, en français : 1 document (EPUB).",
        "Le site hors ligne (2 pages), les catalogues (Dublin Core, OPDS) et 1 résumé court, "
        "prêt à publier.",
    ]


def test_counts_are_said_with_the_plural_of_the_language_shown():
    parts = [Part("documents", 1, "fr", ("PDF",)), Part("capsules", 3, "fr")]
    assert sentences(parts, "en") == ["In French: 1 document (PDF) and 3 voice capsules."]
    assert sentences([Part("documents", 2, "en")], "en") == ["In English: 2 documents."]
    assert sentences([Part("documents", 0, "en")], "fr") == ["En anglais : 0 document."]
    # Bambara puts the number after the noun and has one form; Soninké readers get French
    assert sentences([Part("documents", 1, "bm")], "bm") == ["Bamanankan na: sɛbɛn 1."]
    assert sentences([Part("documents", 1, "fr")], "snk") == ["En français : 1 document."]


def test_a_language_with_nothing_in_the_kit_is_never_named():
    said = " ".join(sentences([Part("scripts", 4, "bm"), Part("scripts", 2, "fr")], "fr"))
    assert said == (
        "En français : 2 textes de capsules à enregistrer. "
        "En bambara : 4 textes de capsules à enregistrer."
    )
    assert "soninké" not in said and "anglais" not in said


def test_the_lenali_kit_is_counted_from_its_manifest(tmp_path):
    zip_path = tmp_path / "lenali.zip"
    capsules = [
        {"language": "bm", "status": "recorded"},
        {"language": "bm", "status": "to-record"},
        {"language": "fr", "status": "to-record"},
    ]
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("lenali/manifest.json", json.dumps({"capsules": capsules}))
        archive.writestr("lenali/recording-guide.md", "#")
        archive.writestr("lenali/recording-guide.pdf", "%PDF")
    parts = lenali_contents(zip_path)
    assert parts == [
        Part("scripts", 1, "fr"),
        Part("scripts", 2, "bm"),
        Part("recorded", 1, "bm"),
        Part("guide", 0, formats=("PDF", "Markdown")),
    ]
    assert (
        sentences(parts, "en")[1]
        == "In Bambara: 2 capsule scripts to record and 1 already recorded."
    )


def test_every_string_a_description_uses_is_in_the_catalogues():
    from toolkit.kits.contents import WHATS

    for what in WHATS:
        entry = LABELS[f"kits.contents.{what}"]
        assert {"fr", "en", "bm"} <= set(entry), what
        if "{count}" in entry["fr"]:
            assert all("{count}" in text for text in entry.values()), what
            assert f"kits.contents.{what}.one" in LABELS, what
    for key in ("kits.contents.in", "kits.contents.fallbacks"):
        assert {"fr", "en", "bm"} <= set(LABELS[key])
    assert all("{language}" in text for text in LABELS["kits.contents.in"].values())
    # the hand-written descriptions are gone
    assert not [key for key in LABELS if key.startswith("kits.about.")]
