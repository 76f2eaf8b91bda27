"""MkDocs hook: content images published resized, and every <img> with its size and lazy loading.

Thin adapter: the logic is in toolkit.media.images, the state in toolkit.website.lifecycle. With
mkdocs-static-i18n the events fire once per language; each distinct image is prepared once per
process (the validation has usually prepared it already) and each language copies the file.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.website.lifecycle import BUILD


@event_priority(-150)  # after the i18n plugin (-100) has chosen this language's files
def on_files(files, config):
    BUILD.language_files(files, config)
    return files


def on_page_content(html: str, page, config, files) -> str:
    return BUILD.page_html(html, page)
