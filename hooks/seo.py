"""MkDocs hook: each page's own meta description and absolute hreflang alternates (logic in
toolkit.website.seo; the sitemap without a site address is a step of toolkit.website.after_build)."""

from __future__ import annotations

from toolkit.website.config import offline_enabled
from toolkit.website.seo import absolute_alternates, description


def on_page_context(context, page, config, nav):
    text = description(page.meta)
    if text:
        page.meta["description"] = text
    return context


def on_post_page(output: str, page, config) -> str:
    return absolute_alternates(output, page.canonical_url, not offline_enabled(config))
