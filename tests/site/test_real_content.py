"""The real content of the hub passes validation, and the real site builds in strict mode."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

from toolkit.checks.validate import validate_tree


def test_real_content_passes_validation():
    problems = validate_tree(ROOT).problems
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.build
def test_real_site_builds_strict(tmp_path):
    env = {**os.environ, "CI": "", "GITHUB_ACTIONS": "", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for prefix in ("", "en/", "bm/", "snk/"):
        assert (tmp_path / "site" / prefix / "index.html").is_file()
