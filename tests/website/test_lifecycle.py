"""A build's state lives as long as the build: two builds in one process (as ``mkdocs serve``
rebuilds) give the same files as two processes (toolkit/website/lifecycle.py,
toolkit/base/build_caches.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import _build_strict

from toolkit.base import build_caches

pytestmark = pytest.mark.build

#: Two builds in one interpreter, the page edited in between, as `mkdocs serve` does them: the
#: config loaded again for each, the hooks' modules and the toolkit's imported once.
TWO_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, page, first, second = map(Path, sys.argv[1:])
for site_dir in (first, second):
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    page.write_text(page.read_text(encoding="utf-8").replace("Lire le projet", "Relire le projet"))
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _differing(left: Path, right: Path) -> list[str]:
    """The files that are not in both folders with the same bytes."""
    a, b = _files(left), _files(right)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_two_builds_in_one_process_equal_two_processes(site_tree, tmp_path):
    page = site_tree / "docs" / "methodologies" / "debat-budget" / "index.fr.md"
    original = page.read_text(encoding="utf-8")
    assert "Lire le projet" in original
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": "", "HUB_KITS": "0"}
    run = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS, site_tree, page, tmp_path / "one", tmp_path / "two"],
        cwd=site_tree,
        capture_output=True,
        text=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    edited = page.read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    _build_strict(site_tree, tmp_path / "first")
    page.write_text(edited, encoding="utf-8")
    _build_strict(site_tree, tmp_path / "second")
    published = tmp_path / "two" / "methodologies" / "debat-budget" / "index.html"
    assert "Relire le projet" in published.read_text(encoding="utf-8")
    assert _differing(tmp_path / "first", tmp_path / "one") == []
    assert _differing(tmp_path / "second", tmp_path / "two") == []


def test_every_cache_is_emptied_when_a_build_starts():
    calls = []

    @build_caches.per_build(maxsize=2)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = build_caches.Memo(maxsize=2)
    assert square(3) == square(3) == 9 and calls == [3]
    assert memo.get("a", lambda: 1) == memo.get("a", lambda: 2) == 1
    memo.get("b", lambda: 2), memo.get("c", lambda: 3)
    assert len(memo) == 2  # bounded: the least recently used went
    build_caches.reset()
    assert square(3) == 9 and calls == [3, 3]
    assert memo.get("a", lambda: 4) == 4 and len(memo) == 1
