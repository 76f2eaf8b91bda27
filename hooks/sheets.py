"""MkDocs hook: the tool sheets' checklists and the curricula's sessions get their script
(logic in toolkit.website.sheets)."""

from __future__ import annotations

from toolkit.website.lifecycle import BUILD
from toolkit.website.sheets import with_script


def on_post_page(output: str, page, config) -> str:
    return with_script(output, page.url, BUILD.content.reader_language(config))
