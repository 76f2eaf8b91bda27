"""MkDocs hook: every template escapes what it prints, and the Jinja globals the hub's template
overrides call (logic in toolkit.website.published, toolkit.upstream.theme_strings and
toolkit.upstream.template_cache)."""

from __future__ import annotations

from toolkit.upstream import active, template_cache, theme_strings
from toolkit.website.published import autoescape


def on_env(env, config, files):
    autoescape(env)
    if active("theme_strings"):  # otherwise partials/language.html uses Material's own macro
        theme_strings.install(env)
    template_cache.install(env, cached=active("template_cache"))
    return env
