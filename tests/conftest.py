from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site"


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    """A small, valid copy of the hub: fixture docs with the real config, model and theme."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE / "docs", root / "docs")
    for name in ("methodology", "overrides", "hooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(FIXTURE / "glossary.yml", root / "methodology" / "glossary.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root
