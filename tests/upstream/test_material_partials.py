"""The hub's copies of Material's partials apply only to the Material they were copied from
(toolkit/upstream/material_partials.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import material
import pytest
from conftest import ROOT, script_build
from jinja2 import Environment, FileSystemLoader

from toolkit import upstream
from toolkit.base import build_caches
from toolkit.upstream import material_partials

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@pytest.fixture
def env():
    build_caches.reset()
    yield Environment(loader=FileSystemLoader([str(ROOT / "overrides"), str(MATERIAL_TEMPLATES)]))
    build_caches.reset()


def _source(env: Environment, name: str) -> str:
    return env.loader.get_source(env, name)[0]


def test_with_the_material_they_come_from_the_copies_are_used(env, caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        assert material_partials.install(env)
    assert caplog.records == []
    for name in material_partials.COPIED:
        assert _source(env, name) == (ROOT / "overrides" / name).read_text(encoding="utf-8")


def test_with_another_material_its_own_partials_are_used_and_it_is_said_once(
    env, monkeypatch, caplog
):
    monkeypatch.setattr(upstream, "installed_version", lambda name: "9.9.0")
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        assert not material_partials.install(env)
        material_partials.install(Environment(loader=env.loader))  # the next language: not again
    (message,) = [record.getMessage() for record in caplog.records]
    assert "mkdocs-material 9.9.0 is installed" in message and "Material 9.8.2" in message
    for name in material_partials.COPIED:
        assert _source(env, name) == (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
        assert _source(env, name) != (ROOT / "overrides" / name).read_text(encoding="utf-8")
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert _source(env, "main.html") == main  # the hub's other overrides stay


#: `mkdocs build` with another Material installed, as an upgrade would leave it: the guard reads
#: the version through toolkit.upstream.installed_version, which is told 9.9.0 before the build.
OTHER_MATERIAL = """
import sys
from toolkit import upstream
real = upstream.installed_version
upstream.installed_version = lambda name: "9.9.0" if name == "mkdocs-material" else real(name)
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
cli()
"""
#: What only the hub's copy of partials/header.html writes: the search button, with its title,
#: on the online site (Material's own shows it only with its search plugin, off online).
HUB_HEADER = 'for="__search" title="'


@pytest.mark.build
def test_a_build_with_another_material_uses_its_partials_and_gives_a_whole_site(
    site_tree, fixture_site
):
    import html5lib

    site = site_tree / "site"
    run = script_build(OTHER_MATERIAL, site_tree, site)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stderr.count("using Material's own partials instead") == 1
    expected = sorted(p.relative_to(fixture_site) for p in fixture_site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) == expected
    home = "index.html"
    assert HUB_HEADER in (fixture_site / home).read_text(encoding="utf-8")
    for page in (p for p in expected if p.suffix == ".html" and p.name != "404.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert HUB_HEADER not in text, page
        tree = html5lib.parse(text, namespaceHTMLElements=False)
        assert tree.find(".//header") is not None and tree.find(".//article") is not None, page
