"""MkDocs hook: a Content-Security-Policy on every page (logic in toolkit.csp)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.csp import add_policy


@event_priority(-150)  # after the i18n plugin (-100) has finished the page
def on_post_page(output: str, page, config) -> str:
    return add_policy(output)
