"""What the hub reads of the MkDocs configuration: the i18n plugin's name, the offline build."""

from __future__ import annotations

#: Name of the i18n plugin in mkdocs.yml (see toolkit/upstream/i18n_plugin.py).
I18N_PLUGIN = "i18n_iso639"

#: The offline build's Web Worker shim, vendored in docs/ (Material would load it from a CDN).
OFFLINE_POLYFILL = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config) -> bool:
    """True in the offline build (Material's offline plugin enabled, OFFLINE=true)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
