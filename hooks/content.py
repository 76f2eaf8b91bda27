"""MkDocs hook: validate the content, then render each page from its typed front matter.

Thin adapter: all logic lives in ``toolkit``. Events fire once per language with
mkdocs-static-i18n; validation runs once, on the first (default language) pass.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from toolkit.base import forkpool
from toolkit.upstream import parallel
from toolkit.upstream.page_render import Renderer
from toolkit.website.bridge import HubBuild

log = get_plugin_logger("hub")
_build: HubBuild | None = None
_renderer = Renderer()  # one Python-Markdown converter per language build, not one per page


def on_startup(command: str, dirty: bool) -> None:
    parallel.command, parallel.dirty = command, dirty  # languages in parallel only for `build`
    forkpool.tune_gc()


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _build
    if _build is not None and _build.is_language_pass(config):
        return None  # nested build of another language: the content was validated already
    _build = HubBuild.start(config)
    forkpool.freeze()  # the validated content lives as long as the build: out of the GC's walk
    for line in _build.problem_lines():
        log.warning(line)
    if _build.failed(config):
        raise PluginError(_build.summary())
    return None


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _renderer.bind(page)
    return page


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    return _build.page_source(page.file.src_uri)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    meta = _build.page_meta(page.file.src_uri)
    if meta is not None:
        page.meta = meta
    markdown, title = _build.page_markdown(markdown, page.file.src_uri, _build.reader_language(config))
    if title:
        page.meta["title"] = title
    return markdown
