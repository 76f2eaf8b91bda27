"""What the offline site of a SaheLink kit leaves out of the shared assets, and the download
links of its pages (toolkit/kits/offline.py)."""

from __future__ import annotations

from toolkit.kits.offline import download_paragraph, needed


def test_source_maps_and_unused_lunr_languages_stay_out_of_a_kit():
    assert not needed("assets/javascripts/bundle.a5f9d56c.min.js.map", "fr")
    assert not needed("assets/stylesheets/main.8608ea7d.min.css.map", "bm")
    assert not needed("assets/javascripts/lunr/wordcut.js", "fr")
    assert not needed("assets/javascripts/lunr/tinyseg.js", "en")
    assert not needed("assets/javascripts/lunr/min/lunr.de.min.js", "fr")
    assert not needed("assets/javascripts/lunr/min/lunr.fr.min.js", "en")
    assert needed("assets/javascripts/lunr/min/lunr.fr.min.js", "fr")
    for lang in ("bm", "snk"):  # their search folds words as typed (lunr.typed.js), unstemmed
        assert not needed("assets/javascripts/lunr/min/lunr.fr.min.js", lang)
    for name in ("lunr.stemmer.support.min.js", "lunr.multi.min.js"):
        assert needed(f"assets/javascripts/lunr/min/{name}", "en")
    assert needed("assets/javascripts/bundle.a5f9d56c.min.js", "snk")
    assert needed("assets/javascripts/workers/search.a7633da7.min.js", "bm")
    assert needed("bm/index.html", "bm")


class _Doc:
    kind, slug, export_stem, lang = "tool", "fiche", "fiche", "fr"
    folder = "outils/fiche"


def test_a_page_links_only_to_the_files_its_kit_holds():
    page = "bm/outils/fiche/index.html"
    every = {f"documents/tool/fiche.fr.{ext}" for ext in ("pdf", "docx", "epub")}
    html = download_paragraph(_Doc(), "bm", page, every)
    assert html.count("<a ") == 3 and 'href="../../../../documents/tool/fiche.fr.pdf"' in html
    only_epub = download_paragraph(_Doc(), "bm", page, {"documents/tool/fiche.fr.epub"})
    assert only_epub.count("<a ") == 1 and "fiche.fr.epub" in only_epub and ".pdf" not in only_epub
    assert download_paragraph(_Doc(), "bm", page, set()) == ""


def test_the_downloads_table_says_what_each_sahelink_kit_holds():
    from toolkit.kits.downloads import kits_table

    index = {
        "kits": [
            {
                "kit": "sahelink",
                "file": f"sahelink-{code}.zip",
                "size": 1,
                "date": "d",
                "sha256": "0",
            }
            for code in ("fr", "bm")
        ]
    }
    rows = kits_table(index, "fr", 1).split("<tr>")[2:]
    french, bambara = rows
    assert "pas encore traduit" not in french and "animation par formation" in french
    assert "pas encore traduit" in bambara and "EPUB" in bambara
