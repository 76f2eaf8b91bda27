"""The site's own words in the reader's language (toolkit/website/interface.py,
toolkit/website/notfound.py): the light/dark switch, the headings' permanent links and the page
for an address that leads nowhere."""

from __future__ import annotations

from pathlib import Path

import html5lib
import yaml

from toolkit.content.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.render.labels import label
from toolkit.website import interface, notfound

ROOT = Path(__file__).resolve().parents[2]


def _mkdocs_yml() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_the_palette_names_of_mkdocs_yml_are_the_catalogues_french_in_order():
    palette = _mkdocs_yml()["theme"]["palette"]
    names = [scheme["toggle"]["name"] for scheme in palette]
    assert names == [label(key, DEFAULT_LANGUAGE) for key in interface.PALETTE_KEYS]


class _Plugin:
    class config:  # noqa: N801 - the shape of mkdocs-static-i18n's plugin config
        languages = []


class _Language(dict):
    def __getattr__(self, name):
        return self.get(name)


def test_each_language_gets_the_switch_names_in_its_own_words():
    plugin = _Plugin()
    plugin.config.languages = [_Language(locale=lang) for lang in LANGUAGES]
    interface.apply(plugin)
    by_lang = {language["locale"]: language for language in plugin.config.languages}
    assert "theme" not in by_lang["fr"]  # mkdocs.yml holds the French
    assert by_lang["en"]["theme"]["palette"] == [
        {"toggle": {"name": "Dark mode"}},
        {"toggle": {"name": "Light mode"}},
    ]
    bambara = [p["toggle"]["name"] for p in by_lang["bm"]["theme"]["palette"]]
    assert bambara == [label("palette.to_dark", "bm"), label("palette.to_light", "bm")]
    assert "Mode sombre" not in bambara


def test_permanent_links_are_titled_in_the_readers_language_and_escaped(monkeypatch):
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
        '<p title="Permanent link">a contributor\'s own title stays</p>'
    )
    out = interface.permalinks(html, "bm")
    assert f'title="{label("permalink", "bm")}">¶' in out
    assert '<p title="Permanent link">' in out
    monkeypatch.setattr(interface, "label", lambda key, lang: '"><script>x</script>')
    out = interface.permalinks(html, "bm")
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out


def _parse(markup: str):
    return html5lib.parse(f"<div>{markup}</div>", namespaceHTMLElements=False)


def test_the_not_found_page_says_it_in_each_language_with_a_way_home():
    for lang in LANGUAGES:
        tree = _parse(notfound.article(lang, "/hub/"))
        assert tree.find(".//h1") is not None
        home = tree.find(".//p/a")
        assert home.get("href") == ("/hub/" if lang == DEFAULT_LANGUAGE else f"/hub/{lang}/")
    bambara = _parse(notfound.article("bm", "/"))
    assert bambara.find(".//h1").text == label("notfound.title", "bm")
    assert bambara.find(".//ul") is None  # only the page every host serves lists the others
    french = _parse(notfound.article("fr", "/"))
    others = {li.get("lang"): li.find("a").get("href") for li in french.iter("li")}
    assert others == {"en": "/en/", "bm": "/bm/"}  # no Soninké text yet: no Soninké entry


def test_catalogue_text_on_the_not_found_page_is_text(monkeypatch):
    monkeypatch.setattr(notfound, "label", lambda key, lang: "<img src=x onerror=alert(1)>")
    tree = _parse(notfound.article("bm", "/"))
    assert tree.find(".//img") is None
    assert tree.find(".//h1").text == "<img src=x onerror=alert(1)>"


class _Config(dict):
    def __getattr__(self, name):
        return self[name]

    plugins: dict = {}


def test_each_languages_page_goes_to_its_folder_and_the_root_keeps_the_default(tmp_path):
    class Plugin:
        current_language = "bm"

    config = _Config(site_dir=str(tmp_path))
    config.plugins = {"i18n_iso639": Plugin()}
    assert notfound.place("<html>bm</html>", "404.html", config) == ""  # nothing at the root
    assert (tmp_path / "bm/404.html").read_text(encoding="utf-8") == "<html>bm</html>"
    assert notfound.place("<html>x</html>", "sitemap.xml", config) == "<html>x</html>"
    Plugin.current_language = "fr"
    assert notfound.place("<html>fr</html>", "404.html", config) == "<html>fr</html>"
    assert not (tmp_path / "fr").exists()
