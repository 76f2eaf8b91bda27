"""MkDocs hook: each page's own meta description, absolute hreflang alternates, and no sitemap
of "None" addresses without a site address (logic in toolkit.website.seo)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.website.lifecycle import BUILD
from toolkit.website.seo import absolute_alternates, description, without_address

log = get_plugin_logger("seo")


def on_page_context(context, page, config, nav):
    text = description(page.meta)
    if text:
        page.meta["description"] = text
    return context


def on_post_page(output: str, page, config) -> str:
    return absolute_alternates(output, page.canonical_url)


@event_priority(-190)  # after every language (the i18n plugin writes the sitemap at -100)
def on_post_build(config) -> None:
    if BUILD.after_all_languages(config) and (
        note := without_address(Path(config.site_dir), config.site_url)
    ):
        log.info(note)
