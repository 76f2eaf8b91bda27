"""MkDocs hook: a Content-Security-Policy on every page (logic in toolkit.website.csp; the
``_headers`` file for static hosts is the last step of toolkit.website.after_build)."""

from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.website.config import offline_enabled
from toolkit.website.csp import add_policy

log = get_plugin_logger("security")


@event_priority(-150)  # after the i18n plugin (-100) has finished the page
def on_post_page(output: str, page, config) -> str:
    if offline_enabled(config):  # from file:// there is no origin for 'self' to name
        return output
    return add_policy(output, page.file.src_uri, warn=log.warning)
