"""Link previews (Open Graph tags and their pictures) and the share link: what WhatsApp shows
for a pasted page address (toolkit/website/previews.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from phone_pages import LANGUAGES, existing

from toolkit.website import previews

HEAD = (
    '<html><head><title>x</title><link rel="alternate" href="./" hreflang="fr">'
    '<link rel="alternate" href="../../en/outils/x/" hreflang="en">'
    '<link rel="alternate" href="../../bm/outils/x/" hreflang="bm">'
)


class Meta(HTMLParser):
    """The og: properties of a page (a property given twice keeps every value)."""

    def __init__(self):
        super().__init__()
        self.og: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and (values.get("property") or "").startswith("og:"):
            self.og.setdefault(values["property"], []).append(values.get("content") or "")


def og_of(html: str) -> dict[str, list[str]]:
    parser = Meta()
    parser.feed(html[: html.find("</head>")])
    return parser.og


def _tags(**changes) -> dict[str, list[str]]:
    values = dict(
        title='Fiche "débat" <b>',
        description="Une fiche à lire.",
        site_name="Participation citoyenne · Kayes",
        lang="fr",
        page_url="outils/x/",
        site_url=None,
        home=False,
    )
    values.update(changes)
    return og_of(previews.add_tags(HEAD + "</head><body></body></html>", **values))


def test_tags_are_escaped_text_with_the_page_locale_and_its_alternates():
    og = _tags()
    assert og["og:title"] == ['Fiche "débat" <b>']  # as text: the parser decoded the escapes
    assert og["og:type"] == ["article"]
    assert og["og:locale"] == ["fr_FR"]
    assert og["og:locale:alternate"] == ["en_GB", "bm_ML"]
    assert og["og:description"] == ["Une fiche à lire."]
    assert "og:url" not in og  # no site_url: no address to give
    assert og["og:image"] == ["../../assets/previews/" + previews.picture("outils", "fr").name]
    raw = previews.tags(HEAD, **{**_defaults(), "title": 'a"<b>'})
    assert '"a&quot;&lt;b&gt;"' in raw


def _defaults() -> dict:
    return dict(
        description=None,
        site_name="S",
        lang="en",
        page_url="en/outils/x/",
        site_url=None,
        home=False,
    )


def test_with_the_site_address_the_url_and_the_picture_are_absolute():
    og = _tags(site_url="https://hub.example.org/kayes", lang="bm", page_url="bm/outils/x/")
    assert og["og:url"] == ["https://hub.example.org/kayes/bm/outils/x/"]
    name = previews.picture("outils", "bm").name
    assert og["og:image"] == [f"https://hub.example.org/kayes/assets/previews/{name}"]
    assert og["og:locale"] == ["bm_ML"]
    assert og["og:locale:alternate"] == ["fr_FR", "en_GB"]
    assert _tags(home=True, page_url="")["og:type"] == ["website"]


def test_a_page_s_section_and_its_picture():
    assert previews.section_of("en/outils/x/", "en") == "outils"
    assert previews.section_of("outils/x/capsule.html", "fr") == "outils"
    assert previews.section_of("bm/", "bm") == ""
    assert previews.section_of("404.html", "fr") == ""
    assert previews.section_of("en/unknown/", "en") == ""
    assert previews.picture("outils", "en").heading == "Tool sheets"
    assert previews.picture("", "fr").site_name == ""  # the home page: the site's name alone
    # Soninké has no words of its own yet: its pictures are the French ones, one file each
    assert previews.picture("formations", "snk").name == previews.picture("formations", "fr").name


def test_share_address_and_published_path():
    assert (
        previews.share_address("Débat & budget", "https://x.org/a/")
        == "https://wa.me/?text=D%C3%A9bat%20%26%20budget%20https%3A%2F%2Fx.org%2Fa%2F"
    )
    assert previews.share_address("T", None) == "https://wa.me/?text=T"
    assert previews.published_path("outils/x/index.html") == "outils/x/"
    assert previews.published_path("outils/x/capsule.html") == "outils/x/capsule/"
    assert previews.published_path("404.html") == "404.html"
    assert previews.published_path("outils/x/") == "outils/x/"


@pytest.mark.slow
def test_every_picture_is_a_small_png_of_the_right_size(tmp_path):
    from PIL import Image

    written = previews.write_pictures(tmp_path, tmp_path / "cache")
    assert len(written) == len(previews.pictures()) > 9 * 2
    for path in written:
        assert path.stat().st_size <= previews.IMAGE_BUDGET, path.name
        with Image.open(path) as image:
            assert image.format == "PNG" and image.size == previews.IMAGE_SIZE
    again = previews.write_pictures(tmp_path / "again", tmp_path / "cache")  # from the cache
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_a_missing_font_is_a_message_with_the_fix(monkeypatch):
    previews._font_file.cache_clear()
    monkeypatch.setattr(previews, "FONT_FOLDERS", (Path("/nonexistent"),))
    with pytest.raises(previews.PreviewError, match="apt-get install fonts-dejavu-core"):
        previews.render(previews.picture("outils", "fr"))
    previews._font_file.cache_clear()


def _page_file(site: Path, lang: str, path: str) -> Path:
    path = path.split("#")[0]
    base = site if lang == "fr" or path == "404.html" else site / lang
    file = base / path
    return file if path.endswith(".html") else file / "index.html"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_has_a_link_preview_and_a_share_link(real_site, lang):
    """On the real site (built without site_url): every template in the four languages."""
    pictures = {}
    for name, path in existing(real_site).items():
        page = _page_file(real_site, lang, path)
        text = page.read_text(encoding="utf-8")
        og = og_of(text)
        where = f"{name} ({lang})"
        for prop in ("og:title", "og:description", "og:type", "og:locale", "og:image"):
            assert len(og.get(prop, [])) == 1 and og[prop][0].strip(), f"{where}: {prop}"
        shown = re.search(r'<html lang="([a-z]+)"', text)[1]  # 404.html: the last language built
        assert shown == lang or name == "404", where
        assert og["og:locale"] == [previews.OG_LOCALES[shown]], where
        alternates = set(re.findall(r'hreflang="([a-z]+)"', text))  # the language menu's
        assert set(og.get("og:locale:alternate", [])) == {
            previews.OG_LOCALES[code] for code in alternates - {shown}
        }, where
        assert "og:url" not in og, where  # this build has no site_url
        picture = (page.parent / og["og:image"][0]).resolve()
        assert picture.is_file(), f"{where}: {og['og:image'][0]}"
        pictures[picture] = picture.stat().st_size
        if name != "404":  # a missing page has nothing to share
            share = r'<p class="hub-share"><a href="https://wa\.me/\?text=[^"]+"'
            assert re.search(share, text), where
    assert pictures and max(pictures.values()) <= previews.IMAGE_BUDGET
