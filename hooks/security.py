"""MkDocs hook: a Content-Security-Policy on every page, and the ``_headers`` file for static hosts
that send headers (logic in toolkit.website.csp and toolkit.website.headers)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.website.config import offline_enabled
from toolkit.website.csp import add_policy
from toolkit.website.headers import write_headers
from toolkit.website.lifecycle import BUILD

log = get_plugin_logger("security")


@event_priority(-150)  # after the i18n plugin (-100) has finished the page
def on_post_page(output: str, page, config) -> str:
    if offline_enabled(config):  # from file:// there is no origin for 'self' to name
        return output
    return add_policy(output, page.file.src_uri, warn=log.warning)


@event_priority(-210)  # after every language, the stylesheet cut (-180) and the kits (-200)
def on_post_build(config) -> None:
    if not BUILD.after_all_languages(config):
        return
    log.info(write_headers(Path(config.site_dir), config.theme.dirs).summary())
