"""MkDocs hook: link previews (Open Graph tags, their pictures) and the share link on every page
(logic in toolkit.website.previews)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.website import previews
from toolkit.website.config import offline_enabled
from toolkit.website.lifecycle import BUILD


@event_priority(10)  # before hooks/seo.py, which leaves relative hreflang alternates out
def on_post_page(output: str, page, config) -> str:
    lang = BUILD.content.reader_language(config)
    output = previews.with_share_link(output, page, config, lang)
    if offline_enabled(config):  # a kit's page is opened from a file: no preview tags
        return output
    return previews.page_tags(output, page, config, lang)


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html" or offline_enabled(config):  # MkDocs renders it apart
        return output
    return previews.not_found_tags(output, config, BUILD.content.reader_language(config))
