"""What the offline site of a SaheLink kit leaves out of the shared assets, and the download
links of its pages (toolkit/kits/offline.py)."""

from __future__ import annotations

import html5lib

from toolkit.kits.offline import download_paragraph, needed, without_indentation


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

    def kit(code: str, contents: list[dict]) -> dict:
        file = f"sahelink-{code}.zip"
        return {
            "kit": "sahelink",
            "file": file,
            "size": 1,
            "date": "d",
            "sha256": "0",
            "contents": contents,
        }

    index = {
        "kits": [
            kit("fr", [{"what": "packs", "count": 4, "lang": "fr", "formats": ["PDF"]}]),
            kit(
                "bm",
                [
                    {"what": "capsules", "count": 1, "lang": "bm", "formats": ["PDF"]},
                    {"what": "documents", "count": 2, "lang": "fr", "fallback": True},
                ],
            ),
        ]
    }
    rows = kits_table(index, "fr", 1).split("<tr>")[2:]
    french, bambara = rows
    assert "pas encore traduit" not in french.lower() and "4 dossiers d&#x27;animation" in french
    assert "En bambara : 1 capsule vocale (PDF).<br>Pas encore traduits" in bambara


def _shown(page: str) -> list[tuple[str, str]]:
    """Each element and its text as a browser shows it outside pre-formatted elements (a run of
    whitespace is one space) and as written inside them."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    shown = []
    for node in tree.iter():
        for tag, text in ((node.tag, node.text), ("tail", node.tail)):
            if text is None:
                continue
            if node.tag in ("pre", "code", "kbd", "textarea", "script", "style") and tag != "tail":
                shown.append((tag, text))
            else:
                shown.append((tag, " ".join(text.split()) if text.strip() else " " * bool(text)))
    return shown


def test_offline_pages_lose_their_indentation_and_show_the_same():
    page = (
        "<!doctype html>\n<html>\n  <body>\n    <p>Un\n      deux <a href=x>trois</a>\n"
        "      quatre</p>\n    <pre>code\n    indenté\n</pre>\n    <p><code>a  \n  b</code>"
        " <kbd>Ctrl\n  C</kbd></p>\n    <textarea>x\n   y</textarea>\n"
        "    <script>if (a)\n      b();</script>\n  </body>\n</html>\n"
    )
    smaller = without_indentation(page)
    assert len(smaller) == len(page) - 36  # the indentation of 8 lines
    assert "\n " not in smaller.replace("<pre>code\n    indenté", "").replace(
        "a  \n  b", ""
    ).replace("Ctrl\n  C", "").replace("x\n   y", "").replace("(a)\n      b", "")
    assert _shown(smaller) == _shown(page)


def test_a_kit_s_description_in_french_on_a_page_of_another_language_is_marked_french():
    from toolkit.kits.downloads import kits_table

    kit = {"kit": "lenali", "file": "lenali.zip", "size": 1, "date": "d", "sha256": "0"}
    index = {"kits": [{**kit, "contents": [{"what": "scripts", "count": 2, "lang": "bm"}]}]}
    assert '<small><span lang="fr">En bambara : 2 textes' in kits_table(index, "snk", 2)
    assert "<small>Bamanankan na: kumasɛbɛn 2.</small>" in kits_table(index, "bm", 2)
