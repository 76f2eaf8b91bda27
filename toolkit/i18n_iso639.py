"""mkdocs-static-i18n, accepting ISO 639-3 language codes such as ``snk`` (Soninké).

Upstream's config validator accepts only ISO 639-1 two-letter codes (``bm``, ``fr``),
although the rest of the plugin (suffix detection, alternates, URLs) works with any
configured locale. Upstream PR #348 lifts that restriction; until it lands, this
plugin is the upstream plugin with a single change: the ``locale`` option also
accepts three lower-case letters.

To drop it once upstream accepts 3-letter codes: rename ``i18n_iso639`` to ``i18n``
in ``mkdocs.yml``, delete this module and its entry point in ``pyproject.toml``,
and set ``I18N_PLUGIN`` in ``toolkit/site.py`` back to ``"i18n"``.
"""

from __future__ import annotations

import re

from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage, Locale
from mkdocs_static_i18n.plugin import I18n

# ISO 639-1 or ISO 639-3, optionally with a script and a region, as upstream allows.
RE_LOCALE = re.compile(r"(^[a-z]{2,3}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2,3}_[A-Z]{2}$)")


class Iso639Locale(Locale):
    """A locale option that accepts ISO 639-1 and ISO 639-3 codes."""

    def run_validation(self, value):
        value = config_options.Type.run_validation(self, value)
        if not RE_LOCALE.match(value) and value.lower() != "null":
            raise ValidationError(
                "Language code values must be ISO 639-1 or ISO 639-3 lower case codes, "
                "optionally with a region, "
                f"received '{value}', expected forms: 'fr', 'snk', 'en-US' or 'en_US'."
            )
        return value


class Iso639Language(I18nPluginLanguage):
    locale = Iso639Locale(str)


class Iso639Config(I18nPluginConfig):
    build_only_locale = config_options.Optional(Iso639Locale(str))
    languages = config_options.ListOfItems(
        config_options.SubConfig(Iso639Language, validate=True)
    )


class I18nIso639(I18n):
    """The upstream i18n plugin with :class:`Iso639Config` as its configuration."""

    config_class = Iso639Config
