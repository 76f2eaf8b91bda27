"""Tests that need a program pip cannot install are skipped with what to install, the run says
which, everything else still runs, and under CI=true nothing is skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: skipped before its fixture (a build of the real site and its kits) is made
EPUB_TEST = "tests/kits/test_real_kits.py::test_epubcheck_reports_nothing_on_any_epub"
#: a test that needs nothing but Python
PLAIN_TEST = "tests/kits/test_exports.py::test_the_cache_skips_an_unchanged_document"


def _pytest(*args: str, ci: str, path: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": ci, "PATH": path}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture
def bare_path(tmp_path) -> str:
    """A PATH with no java, node, chromium, zimcheck or kiwix-serve."""
    folder = tmp_path / "bin"
    folder.mkdir()
    return str(folder)


@pytest.mark.slow  # a whole pytest run in a subprocess (13 s)
def test_missing_tool_skips_with_what_to_install_and_the_rest_runs(bare_path):
    run = _pytest(EPUB_TEST, PLAIN_TEST, "-rs", ci="", path=bare_path)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "1 passed, 1 skipped" in run.stdout
    assert "epubcheck is missing: the EPUB exports are checked by epubcheck" in run.stdout
    assert "Install: sudo apt-get install epubcheck default-jdk-headless" in run.stdout
    assert "system tools missing" in run.stdout
    assert "1 test(s) skipped: epubcheck is missing" in run.stdout


def test_under_ci_a_missing_tool_fails(bare_path):
    run = _pytest(EPUB_TEST, ci="true", path=bare_path)
    assert run.returncode == 1, run.stdout[-3000:]
    assert "1 error" in run.stdout  # failed in setup, before any fixture
    assert "CI=true: nothing may be skipped" in run.stdout


def test_markers_name_the_tools():
    from system_tools import MARKERS, TOOLS, message

    assert set(MARKERS) == {
        "needs_chromium",
        "needs_axe",
        "needs_epubcheck",
        "needs_zimcheck",
        "needs_kiwix_serve",
        "needs_espeak_ng",
        "needs_faketime",
    }
    for tool in TOOLS.values():
        assert message(tool).startswith(f"{tool.name} is missing: ")
        assert "Install" in message(tool) and tool.install["debian"] in message(tool)


def test_a_test_needing_several_tools_names_every_missing_one(bare_path):
    run = _pytest(
        "tests/kits/test_zim.py::test_kiwix_serve_serves_the_home_page_and_searches",
        "-rs",
        ci="",
        path=bare_path,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert "1 skipped" in run.stdout
    assert "chromium is missing" in run.stdout and "kiwix-serve is missing" in run.stdout
    assert "1 test(s) skipped: kiwix-serve is missing" in run.stdout
