"""Material's interface strings ("Aller au contenu", "Rechercher"...), looked up once.

Material's ``partials/language.html`` defines ``t(key)`` as a Jinja macro that builds its
whole table of some hundred strings on every call, and a page calls it about thirty times:
a few percent of the build on thousands of pages. The hub's override of that partial sets ``t``
to a plain function of the page's language (:func:`lookup`), which asks Material's own macro
once per language and key and keeps the answer. Same rule as Material's: the page language's string, else the English one, else
the key itself; same output, byte for byte (``tests/upstream/test_theme_strings.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment

#: Name of the Jinja global that ``overrides/partials/language.html`` calls.
GLOBAL = "hub_theme_strings"


def lookup(env: Environment) -> Callable[[str], Callable[[str], str]]:
    """A function ``language -> (key -> string)`` over ``env``'s language partials, memoised."""
    known: dict[tuple[str, str], str] = {}
    functions: dict[str, Callable[[str], str]] = {}

    def module_of(language: str):
        return env.get_template(f"partials/languages/{language}.html").module

    def string(language: str, key: str) -> str:
        try:
            return known[language, key]
        except KeyError:
            pass
        # what Material's macro gives: escaped text (Markup) in the hub's autoescaping environment
        value = module_of(language).t(key) or module_of("en").t(key) or key
        known[language, key] = value
        return value

    def strings_of(language: str) -> Callable[[str], str]:
        if language not in functions:
            functions[language] = lambda key: string(language, key)
        return functions[language]

    return strings_of


def install(env: Environment) -> None:
    """Make :func:`lookup` available to the templates of ``env`` (a language build's)."""
    env.globals[GLOBAL] = lookup(env)
