"""The offline site the SaheLink kits carry: a second MkDocs build with Material's offline plugin
(OFFLINE=true: relative ``.html`` links, search from ``file://``), kept in the kits' cache while
the content, the configuration and the code it is built from do not change."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from toolkit.content.problems import printable
from toolkit.kits.cache import KitCache, tree_digest
from toolkit.kits.errors import KitError

#: What the offline site is built from (toolkit/kits, which only copies it, left out).
INPUTS = ("docs", "methodology", "overrides", "hooks", "toolkit", "mkdocs.yml")


def offline_site(root: Path, cache: KitCache, progress: Callable[[str], None]) -> Path:
    """The offline site, rebuilt only when the content, the configuration or the code changed."""
    key = tree_digest([root / name for name in INPUTS if (root / name).exists()], skip=("kits",))[
        :16
    ]
    built = []

    def make(folder: Path) -> None:
        progress("building the offline site (OFFLINE=true)")
        build_offline_site(root, folder)
        built.append(folder)

    folder = cache.folder_entry("offline", key, make)
    if not built:
        progress("offline site unchanged (cache)")
    return folder


def build_offline_site(root: Path, dest: Path) -> Path:
    """The offline site (Material's offline plugin): a second build with OFFLINE=true."""
    env = {**os.environ, "OFFLINE": "true", "HUB_KITS": "0", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
        check=False,
    )
    if run.returncode != 0:
        raise KitError.of(
            "site",
            "mkdocs.yml",
            "the offline site (OFFLINE=true mkdocs build) failed: "
            + printable(run.stderr.strip()[-800:]),
            "Run OFFLINE=true mkdocs build and correct what it reports",
        )
    return dest
