"""MkDocs hook: validate the content, then render each page from its typed front matter.

Thin adapter: the build's state and logic live in toolkit.website.lifecycle (BUILD) and
toolkit.website.bridge. Events fire once per language with mkdocs-static-i18n; the content is
validated once, on the first (default language) pass.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from toolkit.website.lifecycle import BUILD

log = get_plugin_logger("hub")


def on_startup(command: str, dirty: bool) -> None:
    BUILD.startup(command, dirty)


def on_config(config):
    BUILD.configure(config, warn=log.warning)


def on_pre_page(page, config, files):
    BUILD.bind_page(page)
    return page


def on_page_read_source(page, config):
    return BUILD.content.page_source(page.file.src_uri)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return BUILD.page_markdown(markdown, page, config)
