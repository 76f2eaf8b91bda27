"""Facts about the site that every module shares: languages, sections, paths, budgets."""

from __future__ import annotations

from pathlib import Path

#: Languages in site order. French is the default and lives at the root URL.
LANGUAGES: tuple[str, ...] = ("fr", "en", "bm", "snk")
DEFAULT_LANGUAGE = "fr"
#: Languages whose text must be reviewed by a native speaker before it is trusted.
REVIEWED_LANGUAGES: frozenset[str] = frozenset({"bm", "snk"})
#: Each language's name in that language (as in the language switcher).
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "bm": "Bamanankan", "snk": "Sooninkanxanne"}
#: ISO 639-3 codes, for formats that want them (ZIM, Dublin Core).
ISO639_3 = {"fr": "fra", "en": "eng", "bm": "bam", "snk": "snk"}

#: Name of the i18n plugin in mkdocs.yml (see toolkit/i18n_iso639.py).
I18N_PLUGIN = "i18n_iso639"

#: Content sections: folder under docs/ (French, like URLs) -> content type.
SECTIONS: dict[str, str] = {
    "methodologies": "methodology",
    "formations": "curriculum",
    "etudes-de-cas": "case-study",
    "outils": "tool",
}
SECTION_OF_TYPE = {kind: section for section, kind in SECTIONS.items()}
CONTENT_TYPES: tuple[str, ...] = tuple(SECTIONS.values())

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"})


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml, searching upwards from ``start`` (default: cwd)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


#: The offline build's Web Worker shim, vendored in docs/ (Material would load it from a CDN).
OFFLINE_POLYFILL = "assets/javascripts/iframe-worker-shim.js"


def offline_enabled(config) -> bool:
    """True in the offline build (Material's offline plugin enabled, OFFLINE=true)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
