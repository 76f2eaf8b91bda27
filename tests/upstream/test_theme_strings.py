"""The hub's lookup of Material's interface strings gives what Material's own macro gives."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader

from toolkit.upstream import theme_strings

ROOT = Path(__file__).resolve().parents[2]
MATERIAL = Path(material.__file__).parent / "templates"


@pytest.fixture(scope="module")
def env() -> Environment:
    # as MkDocs builds a theme's environment: the overrides first, then Material's templates
    env = Environment(loader=FileSystemLoader([str(ROOT / "overrides"), str(MATERIAL)]))
    theme_strings.install(env)
    return env


def _keys() -> list[str]:
    english = (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8")
    return re.findall(r'^\s*"([\w.-]+)":', english, flags=re.MULTILINE)


@pytest.mark.parametrize("language", ["fr", "en", "bm", "snk", "de"])
def test_every_string_is_the_one_materials_macro_renders(env, language):
    upstream = env.from_string((MATERIAL / "partials/language.html").read_text(encoding="utf-8"))
    ours = env.get_template("partials/language.html")
    keys = _keys() + ["no.such.key"]
    assert len(keys) > 50
    for key in keys:
        config = {"theme": {"language": language}}
        expected = upstream.make_module({"config": config}).t(key)
        assert ours.make_module({"config": config}).t(key) == expected, (language, key)
        assert env.globals[theme_strings.GLOBAL](language)(key) == expected, (language, key)


@pytest.mark.parametrize("language", ["fr", "bm"])
def test_without_the_hubs_global_the_partial_is_materials_macro(language):
    # Material's search plugin reads partials/language.html in an environment of its own
    bare = Environment(loader=FileSystemLoader([str(ROOT / "overrides"), str(MATERIAL)]))
    upstream = bare.from_string((MATERIAL / "partials/language.html").read_text(encoding="utf-8"))
    config = {"theme": {"language": language}}
    ours = bare.get_template("partials/language.html").make_module({"config": config})
    for key in ["search", "search.result.none", "blog.archive", "no.such.key"]:
        assert ours.t(key) == upstream.make_module({"config": config}).t(key), key


def test_the_page_language_wins_then_english_then_the_key(env):
    strings = env.globals[theme_strings.GLOBAL]
    assert strings("fr")("search.placeholder") == "Rechercher"
    assert strings("bm")("search") == "Ɲinini"  # overrides/partials/languages/bm.html
    assert (
        strings("bm")("blog.authors") == "Authors"
    )  # not in bm.html (Material has no French for it): English
    assert strings("fr")("no.such.key") == "no.such.key"
