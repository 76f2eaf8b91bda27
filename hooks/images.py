"""MkDocs hook: content images published resized, and every <img> with its size and lazy loading.

Thin adapter: the logic is in toolkit.media.images. With mkdocs-static-i18n the events fire
once per language; each distinct image is prepared once per process (the validation in
hooks/content.py has usually prepared it already) and each language copies the prepared file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from toolkit.content.languages import LANGUAGES
from toolkit.media.images import SiteImages, referenced_images
from toolkit.website.bridge import HubBuild

_images: SiteImages | None = None


@event_priority(-150)  # after the i18n plugin (-100) has chosen this language's files
def on_files(files, config):
    global _images
    if _images is None or not HubBuild.is_language_pass(config):  # a new build (or serve rebuild)
        build = HubBuild.current
        docs_dir = Path(config.docs_dir)
        referenced = referenced_images(build.result.corpus, docs_dir, LANGUAGES) if build else set()
        _images = SiteImages(Path(config.config_file_path).resolve().parent, docs_dir, referenced)
    _images.use_files(files)
    return files


def on_page_content(html: str, page, config, files) -> str:
    return _images.page_html(html, page.url) if _images is not None else html
