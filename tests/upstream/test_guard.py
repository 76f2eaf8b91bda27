"""The version guard: a stand-in is used only with the versions it was written for; otherwise the
build uses upstream's code, says so once, and gives the same site."""

from __future__ import annotations

import importlib
import logging
import shutil

import pytest
from conftest import ROOT, script_build

from toolkit import upstream
from toolkit.upstream import material_partials


@pytest.fixture
def fresh_guard(monkeypatch):
    upstream.reset()
    monkeypatch.delenv("HUB_STANDINS", raising=False)
    yield monkeypatch
    upstream.reset()


def _pretend(monkeypatch, versions: dict[str, str]) -> None:
    real = upstream.installed_version
    monkeypatch.setattr(upstream, "installed_version", lambda name: versions.get(name, real(name)))


def test_the_installed_versions_are_the_ones_every_stand_in_was_written_for(fresh_guard, caplog):
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        assert all(upstream.active(name) for name in upstream.STAND_INS)
    assert caplog.records == []


def test_a_mismatch_turns_off_only_the_stand_ins_of_that_package_and_is_said_once(
    fresh_guard, caplog
):
    _pretend(fresh_guard, {"mkdocs-material": "9.9.0"})
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        assert not upstream.active("theme_strings")
        assert not upstream.active("template_cache")
        assert upstream.active("markdown_fast") and upstream.active("i18n_files")
        assert not upstream.active("theme_strings")  # asked again: decided, not said again
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "toolkit/upstream/theme_strings.py" in messages[0]
    assert "mkdocs-material 9.9.0 (written for 9.8.2)" in messages[0]
    assert "using upstream's own code" in messages[0]


def test_a_missing_package_counts_as_a_mismatch(fresh_guard):
    _pretend(fresh_guard, {"Markdown": None})
    assert upstream.mismatches("markdown_fast") == ["Markdown not installed (written for 3.11.3)"]
    assert not upstream.active("markdown_fast")


def test_hub_standins_turns_them_off_all_or_by_name(fresh_guard):
    fresh_guard.setenv("HUB_STANDINS", "off:parallel, page_render")
    assert not upstream.active("parallel") and not upstream.active("page_render")
    assert upstream.active("markdown_fast")
    fresh_guard.setenv("HUB_STANDINS", "off")
    assert not any(upstream.active(name) for name in upstream.STAND_INS)


@pytest.mark.build
def test_with_other_versions_the_build_falls_back_to_upstream_and_gives_the_same_site(
    real_site, tmp_path, fresh_guard, caplog
):
    """Every stand-in's package at another version: the site is built by upstream's own code
    (one warning per stand-in) and is the same, byte for byte, as the site the stand-ins build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _pretend(
        fresh_guard, {name: "0.0.1" for s in upstream.STAND_INS.values() for name in s.written_for}
    )
    # The copies of Material's partials follow Material's version too, by design, and then the
    # site is Material's own (test_material_partials.py): here only the stand-ins are compared.
    fresh_guard.setattr(material_partials, "copies_apply", lambda: True)
    root = tmp_path / "hub"
    for name in ("docs", "methodology", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    said = [r.getMessage() for r in caplog.records if r.name == "toolkit.upstream"]
    assert len(said) == len(upstream.STAND_INS), said
    assert config.markdown_extensions[-1] != "hub_fast_markdown"
    assert not any(getattr(ext, "hub_fast_markdown", False) for ext in config.markdown_extensions)
    site = tmp_path / "site"
    pages = sorted(p.relative_to(real_site) for p in real_site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) == pages
    different = [str(p) for p in pages if (site / p).read_bytes() != (real_site / p).read_bytes()]
    assert different == []


def test_a_private_name_missing_turns_its_stand_in_off_and_says_which(fresh_guard, caplog):
    import mkdocs.structure.pages

    fresh_guard.delattr(mkdocs.structure.pages, "_RawHTMLPreprocessor")
    assert upstream.missing("page_render") == ["mkdocs.structure.pages:_RawHTMLPreprocessor"]
    with caplog.at_level(logging.WARNING, logger="toolkit.upstream"):
        assert not upstream.active("page_render")
        assert upstream.active("markdown_fast") and upstream.active("parallel")
    (message,) = [record.getMessage() for record in caplog.records]
    assert "toolkit/upstream/page_render.py" in message
    assert "needs mkdocs.structure.pages:_RawHTMLPreprocessor" in message
    assert "using upstream's own code" in message


#: A MkDocs whose pages module renamed a private class, as an upgrade might: the module is loaded
#: from its own source with the name changed, before anything imports it, then `mkdocs build`.
RENAMED = """
import importlib.util, pathlib, sys
import mkdocs.structure
spec = importlib.util.find_spec("mkdocs.structure.pages")
source = pathlib.Path(spec.origin).read_text(encoding="utf-8")
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = mkdocs.structure.pages = module
exec(compile(source.replace("_RawHTMLPreprocessor", "_RawHtmlPreprocessor"), spec.origin, "exec"),
     module.__dict__)
assert not hasattr(module, "_RawHTMLPreprocessor")
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
cli()
"""


@pytest.mark.build
def test_a_build_with_a_private_name_renamed_falls_back_to_upstream(site_tree, fixture_site):
    """An upgrade that renames a private name the stand-in imports: the build does not fail on
    the import, it uses MkDocs' own Page.render, says so, and writes the same site."""
    site = site_tree / "site"
    run = script_build(RENAMED, site_tree, site)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "toolkit/upstream/page_render.py" in run.stderr
    assert "needs mkdocs.structure.pages:_RawHTMLPreprocessor" in run.stderr
    expected = sorted(p.relative_to(fixture_site) for p in fixture_site.rglob("*") if p.is_file())
    assert sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) == expected
    different = [
        str(p) for p in expected if (site / p).read_bytes() != (fixture_site / p).read_bytes()
    ]
    assert different == []


@pytest.mark.parametrize(
    "needed", [needed for stand_in in upstream.STAND_INS.values() for needed in stand_in.needs]
)
def test_each_private_name_missing_turns_off_only_the_stand_ins_that_need_it(fresh_guard, needed):
    """Every private name of MkDocs and mkdocs-static-i18n a stand-in lists (STAND_INS needs):
    without it, the stand-ins that need it are off, the others on, and nothing raises."""
    module_name, _, qualname = needed.partition(":")
    owner = importlib.import_module(module_name)
    *path, last = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    fresh_guard.delattr(owner, last)
    needing = {name for name, s in upstream.STAND_INS.items() if needed in s.needs}
    assert {name: upstream.active(name) for name in upstream.STAND_INS} == {
        name: name not in needing for name in upstream.STAND_INS
    }
    for name in needing:
        assert needed in upstream.missing(name)
