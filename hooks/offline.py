"""MkDocs hook for the offline build (OFFLINE=true, Material's offline plugin): the
iframe-worker shim comes from the site itself, never from a CDN (logic in toolkit.website.config)."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from toolkit.website.config import OFFLINE_POLYFILL, offline_enabled


@event_priority(50)  # before the offline plugin (0) would add its CDN address
def on_config(config):
    if offline_enabled(config):
        config.extra["polyfills"] = [OFFLINE_POLYFILL]
    return config
