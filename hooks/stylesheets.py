"""MkDocs hook: after every language is built, cut Material's stylesheet down to the rules the
site's pages use (logic in toolkit.website.stylesheets). Not in the offline kit, which runs Material's
JavaScript (it adds classes of its own)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger

from toolkit.website.lifecycle import BUILD
from toolkit.website.stylesheets import cut_site

log = get_plugin_logger("stylesheets")


@event_priority(-180)  # after the i18n plugin (-100) has built every language
def on_post_build(config) -> None:
    if not BUILD.after_all_languages(config):
        return
    log.info(cut_site(Path(config.site_dir)).summary())
