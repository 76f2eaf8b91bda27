"""The navigation drawer rendered once per parent folder is the drawer Material renders per page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import material
import pytest

from toolkit.upstream.template_cache import Fragments, NavCache

ROOT = Path(__file__).resolve().parents[2]


def _page(url, active=False):
    return SimpleNamespace(url=url, active=active)


def _nav():
    home, methods, tools = _page(""), _page("methodologies/"), _page("outils/")
    guide = _page("contribuer/guide/")
    section = SimpleNamespace(url=None, active=False, children=[guide])
    return SimpleNamespace(
        items=[home, methods, tools, section], pages=[home, methods, tools, guide]
    )


def test_pages_of_one_folder_share_a_key_and_the_others_do_not():
    cache, nav = NavCache(), _nav()
    first, second = (
        cache.key(_page("methodologies/a/"), nav),
        cache.key(_page("methodologies/b/"), nav),
    )
    assert first is not None and first == second
    assert cache.key(_page("outils/c/"), nav) != first  # links relative to another folder
    assert cache.key(_page("methodologies/a/index.html"), nav) == first  # offline kit's URLs
    assert cache.key(nav.pages[1], nav) is None  # in the navigation: its item is active
    assert cache.key(_page("contribuer/"), nav) is None  # a navigation page lies in its folder
    nav.items[2].active = True
    assert cache.key(_page("methodologies/a/"), nav) != first  # which items are active counts


def test_each_key_is_rendered_once():
    cache, nav, calls = NavCache(), _nav(), []

    def caller():
        calls.append(1)
        return f"drawer {len(calls)}"

    assert cache(_page("methodologies/a/"), nav, caller) == "drawer 1"
    assert cache(_page("methodologies/b/"), nav, caller) == "drawer 1"
    assert cache(nav.pages[1], nav, caller) == "drawer 2"  # never cached
    assert cache(nav.pages[1], nav, caller) == "drawer 3"


def test_a_fragment_is_rendered_once_per_key():
    once, calls = Fragments(), []

    def caller():
        calls.append(1)
        return f"fragment {len(calls)}"

    assert once("search", "../..", caller=caller) == "fragment 1"
    assert once("search", "../..", caller=caller) == "fragment 1"
    assert once("search", "..", caller=caller) == "fragment 2"


def _build(root: Path) -> Path:
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": "", "HUB_KITS": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.build
def test_the_real_site_is_the_same_as_when_every_part_is_rendered_for_each_page(
    real_site, tmp_path
):
    root = tmp_path / "material"
    for name in ("docs", "methodology", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    # Material's drawer, and the header's parts included plainly
    shutil.copy(
        Path(material.__file__).parent / "templates/partials/nav.html",
        root / "overrides/partials/nav.html",
    )
    header = root / "overrides/partials/header.html"
    plain_header, count = re.subn(
        r"{% call hub_once\([^)]*\) %}(.*?){% endcall %}", r"\1", header.read_text()
    )
    assert count == 2
    header.write_text(plain_header)
    cached, plain = real_site, _build(root)
    pages = sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert len(pages) > 100
    assert sorted(p.relative_to(cached) for p in cached.rglob("*.html")) == pages
    for page in pages:
        assert (cached / page).read_bytes() == (plain / page).read_bytes(), page
