from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Builds in the tests skip the kits unless a test asks for them (tests/test_kits_build.py).
os.environ.setdefault("HUB_KITS", "0")

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site"


NAV_STUB = """---
title: {title}
summary: >-
  Une page de la navigation du site, vide dans l'arbre de test : seule son adresse compte.
language: fr
themes: [digital-tools]
audiences: [partner-organisations, facilitators]
last_reviewed: 2026-11-30
authors: [Tests]
version: 1
---

# {title}

Page vide.
"""


def _nav_stubs(root: Path) -> None:
    """A small page for each page of the real mkdocs.yml's navigation that the fixture docs
    lack (the partner pages): a strict build fails on a navigation entry with no file, and a
    ZIM of the tree would link to it."""
    import re

    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*- (?P<title>[^:]+): (?P<path>\S+)/index\.md$", line)
        if match and not any((root / "docs" / match["path"]).glob("index.*md")):
            page = root / "docs" / match["path"] / "index.fr.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(NAV_STUB.format(title=match["title"]), encoding="utf-8")


def make_site_tree(root: Path) -> Path:
    """A small, valid copy of the hub: fixture docs with the real config, model, theme and assets
    (and a stub for each page of the real navigation the fixture docs lack)."""
    shutil.copytree(FIXTURE / "docs", root / "docs")
    shutil.copytree(ROOT / "docs" / "assets", root / "docs" / "assets")
    for name in ("methodology", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(FIXTURE / "glossary.yml", root / "methodology" / "glossary.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    _nav_stubs(root)
    return root


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    return make_site_tree(tmp_path / "hub")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright (skipped with a reason when missing, failed under CI)."""
    from browser import ARGS, CHROMIUM, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _build_strict(root: Path, site_dir: Path, **env: str) -> Path:
    """``mkdocs build --strict`` of ``root`` into ``site_dir`` (no kits, no CI annotations)."""
    import subprocess
    import sys

    environment = {**os.environ, "CI": "", "GITHUB_ACTIONS": "", "HUB_KITS": "0",
                   "NO_MKDOCS_2_WARNING": "1", **env}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                            cwd=root, capture_output=True, text=True, env=environment, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content built once for the whole session (strict, no kits): read-only."""
    return _build_strict(ROOT, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture tree (tests/fixtures/site) built once for the whole session: read-only."""
    root = make_site_tree(tmp_path_factory.mktemp("fixture") / "hub")
    return _build_strict(root, root / "site")
