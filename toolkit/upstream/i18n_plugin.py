"""mkdocs-static-i18n, accepting ISO 639-3 language codes such as ``snk`` (Soninké).

Upstream's config validator accepts only ISO 639-1 two-letter codes (``bm``, ``fr``),
although the rest of the plugin (suffix detection, alternates, URLs) works with any
configured locale. Upstream PR #348 lifts that restriction; until it lands, this
plugin is the upstream plugin whose ``locale`` option also accepts three lower-case letters.

It also builds the other languages side by side with the default one, one process per core,
where it can (``mkdocs build`` where ``os.fork`` exists): see :mod:`toolkit.upstream.parallel`. The
site is the same, byte for byte, as upstream's sequential build.

To drop it once upstream accepts 3-letter codes: rename ``i18n_iso639`` to ``i18n``
in ``mkdocs.yml``, delete this module and its entry point in ``pyproject.toml``,
and set ``I18N_PLUGIN`` in ``toolkit/content/languages.py`` back to ``"i18n"`` (or keep a subclass of
``I18n`` with the parallel build's methods below).
"""

from __future__ import annotations

import re

from mkdocs import plugins
from mkdocs.config import config_options
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, PluginError
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage, Locale
from mkdocs_static_i18n.plugin import I18n

from toolkit.upstream import active, i18n_files, parallel, resolve

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
    languages = config_options.ListOfItems(config_options.SubConfig(Iso639Language, validate=True))


class I18nIso639(I18n):
    """The upstream i18n plugin with :class:`Iso639Config` as its configuration."""

    config_class = Iso639Config
    # The plugin's own state for one build: MkDocs makes a new instance of the plugin each time
    # it loads the config (``mkdocs serve`` too, since it has no ``on_startup``).
    _workers: parallel.LanguageWorkers | None = None
    _theme_state: tuple | None = None  # (env, files, nav) of the last build, for the sitemap
    #: Whether this build may fork its languages: toolkit.website.lifecycle says so in on_config,
    #: from parallel.wanted (the MkDocs command and --dirty, which a plugin is not told).
    parallel_wanted: bool = False

    @plugins.event_priority(-100)
    def on_config(self, config):
        config = super().on_config(config)
        # Upstream sets the language switcher of each page as an attribute of config.extra,
        # which outlived the page: 404.html, rendered before the pages, got the links of the
        # previous language's last page. It now gets each language's home, whatever the order.
        config.extra.__dict__.pop("alternate", None)
        return config

    @plugins.event_priority(-100)
    def on_pre_build(self, config):
        """The default language's build starts: fork a worker for each other language."""
        if (
            self.building
            or self._workers is not None
            or not active("parallel")
            or not self.parallel_wanted
        ):
            return
        others = [locale for locale in self.build_languages if locale != self.current_language]
        if others:
            self._workers = parallel.LanguageWorkers.start(self, config, others)

    @plugins.event_priority(-100)
    def on_nav(self, nav, config, files):
        nav = super().on_nav(nav, config, files)
        self._theme_state = (None, files, nav)
        return nav

    def reconfigure_files(self, files, mkdocs_config):
        """Upstream's, with a faster equivalent of its per-file step (see toolkit.upstream.i18n_files)."""
        if not active("i18n_files"):
            return super().reconfigure_files(files, mkdocs_config)
        with i18n_files.faster():
            return super().reconfigure_files(files, mkdocs_config)

    def on_env(self, env, config, files):
        super().on_env(env, config, files)
        self._theme_state = (env, files, self._theme_state[2] if self._theme_state else None)

    @plugins.event_priority(-100)
    def on_post_build(self, config):
        workers, self._workers = self._workers, None
        if workers is None:
            return super().on_post_build(config)
        # What upstream's on_post_build does, with the languages built by the workers.
        self.extend_search_entries(config)
        workers.release_core()
        self.building = True
        try:
            for outcome in workers.outcomes():
                if outcome.status == "abort":
                    raise Abort(outcome.message)
                if outcome.status == "error":
                    raise PluginError(
                        f"The '{outcome.locale}' pages could not be built: {outcome.message}"
                    )
                self.current_language = outcome.locale
                self.search_entries.extend(outcome.search_entries)
                self.i18n_files_per_language[outcome.locale] = outcome.pages
            self._write_sitemap(config)
            self.reconfigure_search_index(config)
        finally:
            workers.stop()
            self.building = False

    def _write_sitemap(self, config) -> None:
        """The sitemap of every language, as the last language's build writes it."""
        env, files, nav = self._theme_state or (None, None, None)
        if env is not None and "sitemap.xml" in config.theme.static_templates:
            # MkDocs' private function: resolved here, where only the parallel build comes
            resolve("parallel")._build_theme_template("sitemap.xml", env, files, config, nav)

    def on_build_error(self, error):
        workers, self._workers = self._workers, None
        if workers is not None:
            workers.stop()

    def reconfigure_search_index(self, config):
        """Upstream merges Material's search index of every language, and fails when the search
        plugin is present but disabled (the online site, searched with the hub's own index)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None and not search.config.get("enabled", True):
            return
        super().reconfigure_search_index(config)
