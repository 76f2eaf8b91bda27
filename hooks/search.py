"""MkDocs hook: after every language is built, write the search index (toolkit.website.search_index).

Not in the offline kit's build, which keeps Material's search."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.website.lifecycle import BUILD
from toolkit.website.search_index import STOP_WORDS, SearchIndexError, build_index

log = get_plugin_logger("search")


def on_config(config):
    # The words the index leaves out, for the search box to leave them out of queries too.
    config.extra["hub_search_stop"] = " ".join(sorted(STOP_WORDS))
    return config


@event_priority(-190)  # after the i18n plugin (-100) has built every language; before the kits
def on_post_build(config) -> None:
    if not BUILD.after_all_languages(config):
        return
    try:
        report = build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info(report.summary())
