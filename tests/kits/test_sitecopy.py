"""One language's share of a built site (the SaheLink offline site, the ZIM), without a build."""

from __future__ import annotations

from toolkit.kits.offline import drop_alternates, kit_language_menu, left_out, online_address
from toolkit.kits.sitecopy import language_paths

SITE = [
    "index.html",
    "assets/hub.css",
    "methodologies/x/index.html",
    "methodologies/x/capsule/index.html",
    "methodologies/x/capsule.fr.opus",
    "methodologies/x/capsule.fr.mp3",
    "methodologies/x/capsule.bm.opus",
    "methodologies/x/capsule.en.opus",
    "formations/y/capsule-2.bm.mp3",
    "formations/y/capsule-2.snk.mp3",
    "bm/methodologies/x/capsule/index.html",
    "en/methodologies/x/capsule/index.html",
]


def test_a_kit_keeps_its_language_s_recordings_and_the_french_ones_its_fallbacks_play():
    assert language_paths(SITE, "bm") == {
        "assets/hub.css",
        "methodologies/x/capsule.fr.opus",
        "methodologies/x/capsule.fr.mp3",
        "methodologies/x/capsule.bm.opus",
        "formations/y/capsule-2.bm.mp3",
        "bm/methodologies/x/capsule/index.html",
    }
    french = language_paths(SITE, "fr")
    assert {p for p in french if p.endswith((".opus", ".mp3"))} == {
        "methodologies/x/capsule.fr.opus",
        "methodologies/x/capsule.fr.mp3",
    }
    assert "en/methodologies/x/capsule/index.html" not in french


def test_a_page_the_kit_lacks_is_linked_at_its_online_address():
    site = "https://hub.example.org/"
    assert online_address(site, "en/methodologies/x/capsule.html") == (
        "https://hub.example.org/en/methodologies/x/capsule/"
    )
    assert online_address(site, "en/methodologies/x/index.html") == (
        "https://hub.example.org/en/methodologies/x/"
    )
    assert online_address(site, "en/404.html") == "https://hub.example.org/en/404.html"
    assert online_address(site, "en/assets/a.png") == "https://hub.example.org/en/assets/a.png"
    assert online_address("", "en/methodologies/x/capsule.html") is None


def test_a_kit_page_keeps_no_alternate_link():
    head = (
        '<link rel="canonical" href="https://hub.example.org/x/">'
        '<link rel="alternate" href="capsule.html" hreflang="fr">'
        '<link rel="alternate" hreflang="en">'  # its address dropped: Material's URL() threw
        "<link href='HTTPS://hub.example.org/bm/' rel='Alternate' hreflang='bm'>"
        '<link rel="stylesheet" href="../assets/hub.css">'
    )
    assert drop_alternates(head) == (
        '<link rel="canonical" href="https://hub.example.org/x/">'
        '<link rel="stylesheet" href="../assets/hub.css">'
    )


def test_the_language_menu_offers_only_pages_inside_the_kit():
    menu = (
        '<ul class="md-select__list">'
        '<li class="md-select__item"><a href="./" hreflang="fr" class="md-select__link">Français</a></li>'
        '<li class="md-select__item"><a href="https://hub.example.org/en/x/" hreflang="en" '
        'class="md-select__link">English</a></li>'
        '<li class="md-select__item">\n  <a hreflang="bm" class="md-select__link">Bamanankan</a>\n</li>'
        "</ul>"
    )
    assert kit_language_menu(menu) == (
        '<ul class="md-select__list">'
        '<li class="md-select__item"><a href="./" hreflang="fr" class="md-select__link">Français</a></li>'
        "</ul>"
    )


def test_a_kit_leaves_out_the_404_and_downloads_pages():
    assert left_out("404.html", "fr") and left_out("telechargements/index.html", "fr")
    assert left_out("bm/telechargements/index.html", "bm") and left_out("bm/404.html", "bm")
    assert not left_out("outils/x/index.html", "fr") and not left_out("bm/index.html", "bm")
