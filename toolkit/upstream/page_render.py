"""MkDocs' ``Page.render`` with one Python-Markdown converter per language build.

MkDocs builds a new ``markdown.Markdown`` for every page: it loads every extension, builds every
processor and its regular expressions, then throws them away; 3 % of the build on a site of
thousands of pages. Python-Markdown is made to be reused: ``Markdown.reset()`` clears what a
document leaves behind (stashed HTML, link references, and the state of every extension that
keeps one: abbreviations, table of contents). :class:`Renderer` keeps one converter per build
configuration and otherwise does what ``mkdocs.structure.pages.Page.render`` (MkDocs 1.6, pinned
in constraints.txt) does, with MkDocs' own per-page processors registered afresh for each page.
``tests/upstream/test_page_render.py`` compares the two on the real pages; a build of the bench
corpus is the same byte for byte. MkDocs' private processors are resolved when a
:class:`Renderer` is made, which the build does only where the guard lets the stand-in in
(``toolkit.upstream.active``): importing this module touches no private name.
"""

from __future__ import annotations

import functools
import logging

import markdown
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from toolkit.upstream import resolve

log = logging.getLogger("mkdocs.structure.pages")  # the logger Page.render consults


class Renderer:
    """Renders pages as ``Page.render`` does, reusing one converter per configuration."""

    def __init__(self) -> None:
        self._config = None
        self._md: markdown.Markdown | None = None
        self._names = resolve("page_render")  # MkDocs' private processors

    def converter(self, config) -> markdown.Markdown:
        if self._md is None or self._config is not config:
            self._md = markdown.Markdown(
                extensions=config["markdown_extensions"],
                extension_configs=config["mdx_configs"] or {},
            )
            self._config = config
        else:
            self._md.reset()
        return self._md

    def render(self, page: Page, config, files) -> None:
        """``Page.render(config, files)`` for ``page``."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self.converter(config)

        names = self._names
        raw_html_ext = names._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = names._ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = names._RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = names._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)

        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = (
            extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        )
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    def bind(self, page: Page) -> None:
        """Make ``page.render(config, files)`` use this renderer (that page only)."""
        page.render = functools.partial(self.render, page)
