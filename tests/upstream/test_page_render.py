"""toolkit.upstream.page_render renders pages as MkDocs' own Page.render does, reusing one converter."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from toolkit.upstream.page_render import Renderer

ROOT = Path(__file__).resolve().parents[2]


def _pages(config, files, texts):
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.markdown = texts[file.src_uri]
        page.meta = {}
        yield page


def test_same_html_toc_title_and_anchors_as_mkdocs_page_render():
    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    texts = {
        f.src_uri: f.content_string.split("\n---\n", 1)[-1] for f in files.documentation_pages()
    }
    # the real pages (headings, tables, raw HTML, links) and,
    # every other page, an abbreviation and a link reference used but defined on the page before
    # only: no definition may outlive its document
    texts = {
        uri: text
        + "\n\nHUBX et [lien][hubref].\n"
        + ("\n*[HUBX]: Défini plus haut\n\n[hubref]: https://example.org/\n" if index % 2 else "")
        for index, (uri, text) in enumerate(texts.items())
    }
    renderer = Renderer()
    rendered = 0
    for page, upstream in zip(
        _pages(config, files, texts), _pages(config, files, texts), strict=True
    ):
        renderer.bind(page)
        page.render(config, files)
        Page.render(upstream, config, files)
        assert page.content == upstream.content, page.file.src_uri
        assert str(page.toc) == str(upstream.toc), page.file.src_uri
        assert page._title_from_render == upstream._title_from_render
        assert page.present_anchor_ids == upstream.present_anchor_ids
        assert page.links_to_anchors == upstream.links_to_anchors
        rendered += 1
    assert rendered > 50
    assert renderer._md is not None  # one converter served them all


def test_a_new_configuration_gets_a_new_converter():
    renderer = Renderer()
    first, second = load_config(str(ROOT / "mkdocs.yml")), load_config(str(ROOT / "mkdocs.yml"))
    md = renderer.converter(first)
    assert renderer.converter(first) is md
    assert renderer.converter(second) is not md
