"""The site's own words per language, from the catalogues: the navigation titles, the site
name and description, the copyright line, the names of the light/dark switch (read aloud by
screen readers), the title of the headings' permanent links. mkdocs.yml holds them in French
only; each other language of mkdocs-static-i18n gets them here, before the plugin applies its
per-language overrides (its ``on_config`` runs at priority -100, the hub's before it).
"""

from __future__ import annotations

import re
from html import escape

from toolkit.content.languages import DEFAULT_LANGUAGE
from toolkit.render.labels import is_fallback, label
from toolkit.website.bridge import HubBuild

#: French navigation title in mkdocs.yml -> catalogue key.
NAV_KEYS = {
    "Accueil": "nav.home",
    "Méthodologies": "section.methodology",
    "Formations": "section.curriculum",
    "Études de cas": "section.case-study",
    "Fiches outils": "section.tool",
    "Glossaire": "glossary",
    "Partenaires": "nav.partners",
    "Téléchargements": "kits.title",
    "Contribuer": "nav.contribute",
    "Traduire": "nav.translate",
    "État des traductions": "status.title",
    "Référence des champs": "fields.title",
    "Enregistrer une capsule": "nav.record",
    "Studio d'enregistrement": "studio.title",
}
#: Site settings the i18n plugin can override per language -> catalogue key.
SETTING_KEYS = {
    "site_name": "site.name",
    "site_description": "site.description",
    "copyright": "copyright",
}


#: The palette toggles of mkdocs.yml, in order (the light scheme's offers the dark one) ->
#: catalogue key; their French names in mkdocs.yml are the catalogue's French text (a test).
PALETTE_KEYS = ("palette.to_dark", "palette.to_light")
#: The title Python-Markdown's ``toc`` gives each heading's permanent link (``permalink_title``,
#: one value for every language), as it writes it.
PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")Permanent link(")')


def permalinks(html: str, lang: str) -> str:
    """``html`` with its headings' permanent links titled in ``lang`` (screen readers read the
    title aloud; it was English on every page)."""
    title = escape(label("permalink", lang))
    return PERMALINK.sub(lambda m: m[1] + title + m[2], html)


def nav_translations(lang: str) -> dict[str, str]:
    """French nav title -> its translation in ``lang`` (untranslated titles stay French)."""
    return {
        french: label(key, lang) for french, key in NAV_KEYS.items() if not is_fallback(key, lang)
    }


def apply(i18n_plugin) -> None:
    """Fill each language's nav_translations, site name, description and copyright from the
    catalogues, where mkdocs.yml does not set them itself."""
    if i18n_plugin is None:
        return
    for language in i18n_plugin.config.languages:
        lang = language.locale
        if lang == DEFAULT_LANGUAGE:
            continue
        language["nav_translations"] = {
            **nav_translations(lang),
            **(language.nav_translations or {}),
        }
        for setting, key in SETTING_KEYS.items():
            if not language.get(setting) and not is_fallback(key, lang):
                language[setting] = label(key, lang)
        palette = [{"toggle": {"name": label(key, lang)}} for key in PALETTE_KEYS]
        language["theme"] = {"palette": palette, **(language.get("theme") or {})}


def install(env) -> None:
    """``hub_label(config, key)`` for the hub's template overrides: a catalogue string in the
    language of the build (text: the templates escape it)."""
    env.globals["hub_label"] = lambda config, key: label(key, HubBuild.reader_language(config))
