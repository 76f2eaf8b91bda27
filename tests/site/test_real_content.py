"""The real content of the hub passes validation, and the real site builds in strict mode."""

from __future__ import annotations

import pytest
from conftest import ROOT

from toolkit.checks.validate import validate_tree


def test_real_content_passes_validation():
    problems = validate_tree(ROOT).problems
    assert not problems, "\n".join(str(p) for p in problems)


@pytest.mark.build
def test_real_site_builds_strict(real_site):
    for prefix in ("", "en/", "bm/", "snk/"):
        assert (real_site / prefix / "index.html").is_file()
