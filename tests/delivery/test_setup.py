"""The set-up a newcomer runs: the package builds with the setuptools it declares, and every
dependency the tests add is pinned."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_declared_setuptools_accepts_the_license_form():
    floor = next(r for r in PYPROJECT["build-system"]["requires"] if _name(r) == "setuptools")
    version = tuple(int(x) for x in re.search(r">=\s*([\d.]+)", floor)[1].split("."))
    if isinstance(PYPROJECT["project"]["license"], str):  # SPDX expression (PEP 639)
        assert version >= (77,), f"{floor}: setuptools accepts license = '...' from 77 on"


def test_every_extra_is_pinned_in_the_constraints():
    pinned = {
        _name(line)
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    extras = PYPROJECT["project"]["optional-dependencies"]
    for requirement in [r for group in extras.values() for r in group]:
        assert _name(requirement) in pinned, f"{requirement} is not pinned in constraints.txt"
