"""MkDocs hook: the words the search index leaves out, for the search box to leave them out of
queries too (the index itself is written after every language: toolkit.website.after_build)."""

from __future__ import annotations

from toolkit.website.search_index import STOP_WORDS


def on_config(config):
    config.extra["hub_search_stop"] = " ".join(sorted(STOP_WORDS))
    return config
