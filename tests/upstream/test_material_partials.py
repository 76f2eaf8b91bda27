"""The hub's copies of Material's partials apply only to the Material they were copied from
(toolkit/upstream/material_partials.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import material
import pytest
from conftest import ROOT
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
