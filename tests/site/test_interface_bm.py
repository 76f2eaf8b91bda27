"""Every page template in Bambara: no French or English interface string outside a declared
fallback, whether it is shown or read aloud (``title``, ``aria-label``...), the 404 page included.

A French interface string is any French text of the catalogue (``locales/hub.pot``: the hub's
own words and Material's) or a French navigation title; an English one is any English text of
the catalogue, or a word the tools write in English whatever the language (Python-Markdown's
"Permanent link", Material's "404 - Not found"). It may appear on a Bambara page only
inside an element marked ``lang="fr"`` (a declared fallback: a French page under its notice, a
French title, a string with no Bambara entry yet), or as the table of contents' copy of a
heading of such French content, or where the Bambara entry is the same word (``min``, ``ODD``).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.content.languages import LANGUAGE_NAMES
from toolkit.render import catalogues
from toolkit.website.interface import NAV_KEYS

pytestmark = pytest.mark.build

#: One page per template: home, each catalogue, a summary-only translation, French fallbacks of
#: each content type, a session capsule, the glossary, the status page, the field reference,
#: the downloads page, a plain page in French.
PAGES = (
    "index.html",
    "methodologies/index.html",
    "formations/index.html",
    "etudes-de-cas/index.html",
    "outils/index.html",
    "outils/fiche-debat/index.html",
    "methodologies/debat-budget/index.html",
    "formations/budget-101/index.html",
    "formations/budget-101/capsule-1/index.html",
    "methodologies/debat-budget/capsule/index.html",
    "etudes-de-cas/scenario-debat/index.html",
    "glossaire/index.html",
    "contribuer/traductions/index.html",
    "contribuer/champs/index.html",
    "telechargements/index.html",
    "contribuer/index.html",
    "404.html",
)
VISIBLE_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-none")


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" :·—.").casefold()


def french_strings() -> set[str]:
    """French interface strings whose Bambara entry differs (same-word entries are allowed)."""
    bm = catalogues.translations("bm")
    strings = {
        _normal(text)
        for key, text in catalogues.source().items()
        if not (key in bm and _normal(bm[key].text) == _normal(text))
    }
    strings |= {_normal(title) for title in NAV_KEYS}
    strings |= {
        _normal(text.text)
        for key, text in catalogues.translations("en").items()
        if not (key in bm and _normal(bm[key].text) == _normal(text.text))
    }
    strings |= {_normal(text) for text in ENGLISH_DEFAULTS}
    strings -= {_normal(name) for name in LANGUAGE_NAMES.values()}  # names, in their language
    return {s for s in strings if len(s) > 3}


#: What the tools print in English in every language unless the hub says otherwise.
ENGLISH_DEFAULTS = ("Permanent link", "404 - Not found")


class Texts(HTMLParser):
    """Text nodes and visible attributes, each with the language of its nearest marked ancestor
    and whether it sits in the table of contents."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []
        self.found: list[tuple[str, str, bool]] = []  # (text, lang, in the table of contents)
        self.french_headings: list[
            str
        ] = []  # headings of French content: repeated in <title>, header, TOC

    def _lang(self) -> str:
        return next((lang for _, lang, _ in reversed(self.stack) if lang), "")

    def _toc(self) -> bool:
        return any(toc for _, _, toc in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        toc = "md-nav--secondary" in (attrs.get("class") or "")
        lang = attrs.get("lang")
        if "md-select__link" in (
            attrs.get("class") or ""
        ):  # the language switcher: each name in its language
            lang = lang or attrs.get("hreflang")
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.found.append((attrs[name], lang or self._lang(), self._toc()))
        if tag == "meta" and attrs.get("name") == "description":
            self.found.append((attrs.get("content") or "", self._lang(), False))
        if tag not in self.VOID:
            self.stack.append((tag, lang, toc))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style", "code"):  # code: identifiers
            return
        if data.strip():
            self.found.append((data, self._lang(), self._toc()))
            if self._lang() == "fr" and any(
                tag in ("h1", "h2", "h3", "h4") for tag, _, _ in self.stack
            ):
                self.french_headings.append(data)


def french_interface_outside_fallbacks(html: str, french: set[str]) -> list[str]:
    parser = Texts()
    parser.feed(html)
    marked_french = {_normal(text) for text, lang, _ in parser.found if lang == "fr"}
    headings = {_normal(text) for text in parser.french_headings}
    problems = []
    for text, lang, toc in parser.found:
        if lang != "bm":
            continue
        value = _normal(text)
        if value in french and not (toc and value in marked_french) and value not in headings:
            problems.append(text.strip())
        else:
            problems += [
                s for s in french if len(s) >= 25 and s in value and s not in marked_french
            ]
    return problems


@pytest.fixture(scope="module")
def french() -> set[str]:
    return french_strings()


@pytest.mark.parametrize("page", PAGES)
def test_no_french_interface_string_on_bambara_pages(fixture_site: Path, french, page):
    html = (fixture_site / "bm" / page).read_text(encoding="utf-8")
    assert '<html lang="bm"' in html
    assert french_interface_outside_fallbacks(html, french) == []


def test_the_check_finds_french_where_it_is_not_declared(french):
    page = (
        '<html lang="bm"><body><p>Nin ye bamanankan ye.</p><nav aria-label="Navigation">'
        '<a>Méthodologies</a></nav><div lang="fr"><h2>Étapes</h2></div>'
        '<nav class="md-nav md-nav--secondary"><a>Étapes</a></nav></body></html>'
    )
    assert french_interface_outside_fallbacks(page, french) == ["Navigation", "Méthodologies"]


def test_summary_only_translation_leads_the_page_then_the_french_body(fixture_site: Path):
    html = (fixture_site / "bm/outils/fiche-debat/index.html").read_text(encoding="utf-8")
    assert "<title>Baro foroba labɛn sɛbɛn" in html
    assert '<meta name="description" content="Sɛbɛn min bɛ baro foroba labɛn' in html
    top = html.index('<h1 id="baro-foroba-labn-sbn">Baro foroba labɛn sɛbɛn')
    assert (
        top
        < html.index("Kunkolo ni kuma surun dɔrɔn de bayɛlɛmana")
        < html.index('<div lang="fr">')
    )
    catalogue = (fixture_site / "bm/outils/index.html").read_text(encoding="utf-8")
    assert (
        "Baro foroba labɛn sɛbɛn" in catalogue and "Fiche de préparation du débat" not in catalogue
    )
    index = json.loads((fixture_site / "search/bm/p/0.json").read_text(encoding="utf-8"))
    assert any(title == "Baro foroba labɛn sɛbɛn" for _, title, *_ in index)


def test_session_capsule_is_linked_and_reviews_are_listed(fixture_site: Path):
    course = (fixture_site / "bm/formations/budget-101/index.html").read_text(encoding="utf-8")
    assert 'href="capsule-1/"' in course
    status = (fixture_site / "contribuer/traductions/index.html").read_text(encoding="utf-8")
    assert (
        "formations/budget-101/capsule-1.bm.md" in status
        and "T.K." in status
        and "2026-11-29" in status
    )
    assert "Textes de l'interface" in status and "Titres et résumés" in status


#: Field labels of a French page shown to a Bambara reader (a fallback, or the French body under
#: a title-and-summary translation), by page: the frame is in Bambara, marked ``lang="bm"``.
FRAME_LABELS = {
    "methodologies/debat-budget/index.html": (
        "at_a_glance",
        "audiences",
        "themes",
        "steps",
        "roles",
        "authors",
        "last_reviewed",
        "capsule",
    ),
    "formations/budget-101/index.html": (
        "at_a_glance",
        "goal",
        "duration",
        "audiences",
        "agenda",
        "session",
        "objectives",
        "last_reviewed",
    ),
    "outils/fiche-debat/index.html": ("at_a_glance", "authors", "last_reviewed"),
}


@pytest.mark.parametrize("page", sorted(FRAME_LABELS))
def test_a_french_page_shown_to_bambara_readers_has_a_bambara_frame(fixture_site: Path, page):
    parser = Texts()
    parser.feed((fixture_site / "bm" / page).read_text(encoding="utf-8"))
    texts = [(_normal(text), lang) for text, lang, toc in parser.found if not toc]
    for key in FRAME_LABELS[page]:
        bambara, french = (
            _normal(catalogues.translations("bm")[key].text),
            _normal(catalogues.source()[key]),
        )
        assert bambara != french, f"{key}: the Bambara catalogue needs its own word"
        assert (bambara, "bm") in texts, f"{page}: {key} is not in Bambara, marked lang=bm"
        assert all(text != french for text, _ in texts), f"{page}: {key} is still in French"
    # the document's own words stay French, marked French
    assert any(lang == "fr" and len(text) > 30 for text, lang in texts)
