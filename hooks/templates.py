"""MkDocs hook: Jinja globals the hub's template overrides call (logic in toolkit.theme_strings)."""

from __future__ import annotations

from toolkit import theme_strings


def on_env(env, config, files):
    theme_strings.install(env)
    return env
