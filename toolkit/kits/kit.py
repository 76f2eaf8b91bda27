"""The one shape of a kit (:class:`Kit`) and the one context a build gives every kit (:class:`Run`).

A kit is one module: a class with a ``name`` (``sahelink``, ``lenali``, ``zim``), what it
``needs`` of the build (:data:`NEEDS`), the ``languages`` it is made in, a size ``budget`` per
file, and ``build(run)``, which writes its files into ``run.staging`` and returns them as
:class:`Output`. :mod:`toolkit.kits.build` runs the kits in order, checks each output against
its budget, writes the index and the sums, signs them and swaps the folder into place; a kit
knows nothing of the others nor of that swap.

The :class:`Run` holds what every kit shares and nothing a kit may change: the repository, the
built site, the staging folder, the one validation (``result``), the site's address, the commit
and the date (:class:`Stamp`), the one cache (:class:`~toolkit.kits.cache.KitCache`), the signing
key (read once, from HUB_SIGNING_KEY) and where progress goes. The offline site, which two kits
could want, is built at most once per run, and only when a kit needs it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from toolkit.content.result import Result
from toolkit.kits import signing
from toolkit.kits.cache import KitCache
from toolkit.kits.contents import Part
from toolkit.kits.errors import KitError, kit_problem
from toolkit.kits.manifest import build_epoch, commit_epoch, iso_date
from toolkit.kits.sites import offline_site

#: What a kit may need of the build: the online site, built (the ZIM is made of it), and the
#: offline site (a second MkDocs build with OFFLINE=true, which the SaheLink kits carry).
NEEDS = frozenset({"site", "offline-site"})


@dataclass(frozen=True)
class Output:
    """One file a kit wrote into the staging folder, and what the index says of it."""

    path: Path
    languages: tuple[str, ...]  # ISO 639-3
    budget: int
    converted: int = 0  # documents exported by this build
    cached: int = 0  # documents taken from the cache
    contents: tuple[Part, ...] = ()  # what it holds, counted from it (toolkit.kits.contents)


class Kit(Protocol):
    """A downloadable kit (see the module docstring)."""

    name: str
    needs: frozenset[str]

    def languages(self, run: Run) -> tuple[str, ...]:
        """The languages (hub codes) this kit is made in, for this run."""

    def budget(self, lang: str) -> int:
        """The most one of its files in ``lang`` may weigh, in bytes."""

    def build(self, run: Run) -> list[Output]:
        """Write the kit into ``run.staging``; raise KitError naming file, what and fix."""


@dataclass(frozen=True)
class Stamp:
    """What a build is of: the commit, its date (the kits' date, unless SOURCE_DATE_EPOCH
    says otherwise) and a version name (``git describe``)."""

    commit: str
    commit_time: int | None
    epoch: int
    version: str

    @classmethod
    def of(cls, root: Path) -> Stamp:
        commit = _git(root, "rev-parse", "HEAD")
        commit_time = commit_epoch(root) if commit else None
        version = _git(root, "describe", "--tags", "--always") or "0"
        return cls(commit, commit_time, build_epoch(commit_time), version)

    @property
    def date(self) -> str:
        """The build date, YYYY-MM-DD."""
        return iso_date(self.epoch)[:10]

    def manifest(self, **fields) -> dict:
        """The fields every kit's manifest carries, with ``fields``."""
        return {
            "version": self.version,
            "commit": self.commit,
            "commit_time": self.commit_time,
            **fields,
        }


def _git(root: Path, *args: str) -> str:
    try:
        run = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return run.stdout.strip() if run.returncode == 0 else ""


def signing_key() -> signing.SecretKey | None:
    """HUB_SIGNING_KEY, read once per run: a malformed key is a kit problem, not a traceback."""
    try:
        return signing.key_from_environment()
    except signing.SigningError as error:
        raise KitError(
            kit_problem(
                "sign",
                signing.ENV_KEY,
                str(error).rstrip("."),
                "Set it as toolkit/kits/signing.py says, or unset it for an unsigned build",
            )
        ) from None


@dataclass
class Run:
    """What every kit of one build shares (see the module docstring)."""

    root: Path
    site: Path
    result: Result
    site_url: str = ""
    languages: tuple[str, ...] = ()
    progress: Callable[[str], None] = print
    stamp: Stamp = field(default=None)  # type: ignore[assignment]
    cache: KitCache = field(default=None)  # type: ignore[assignment]
    signer: signing.SecretKey | None = None
    _offline: Path | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.stamp = self.stamp or Stamp.of(self.root)
        self.cache = self.cache or KitCache.for_root(self.root)

    @property
    def staging(self) -> Path:
        """Where the kits are written, moved to ``downloads/`` only when all are complete."""
        return self.site / ".downloads.tmp"

    def offline_site(self) -> Path:
        """The offline site, built once per run (and kept in the cache while its inputs hold)."""
        if self._offline is None:
            self._offline = offline_site(self.root, self.cache, self.progress)
        return self._offline
