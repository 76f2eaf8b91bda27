"""Build every downloadable kit once, after the site: the loop over the kits, the index the
downloads pages show, the signature, and the atomic swap.

Each kit is one module with one class (:class:`toolkit.kits.kit.Kit`): the Kiwix ZIMs
(:mod:`toolkit.kits.kiwix`), the Lenali voice-capsule kit (:mod:`toolkit.kits.lenali`) and the
SaheLink kits (:mod:`toolkit.kits.sahelink`), given one :class:`~toolkit.kits.kit.Run` (the one
validation, the site, the commit and date, the cache, the signing key, progress).

Called by the MkDocs hook at the end of ``mkdocs build`` (after all languages) and by
``hub kits``, both through :func:`publish_kits`. Everything is written aside in
``<site>/.downloads.tmp`` and moved to ``<site>/downloads`` only when every kit is complete and
within its size budget: a failed build leaves no kit where the downloads page points.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.content.languages import LANGUAGES
from toolkit.content.result import Result
from toolkit.kits import kiwix, lenali, sahelink, signing
from toolkit.kits.downloads import (
    fill_downloads_pages,
    hold_download_links,
    release_download_links,
)
from toolkit.kits.errors import KitError, kit_problem
from toolkit.kits.kit import Kit, Output, Run, signing_key
from toolkit.kits.manifest import sha256_file
from toolkit.render.kit_layout import DOWNLOADS, KIWIX

#: Every kit, in the order they are built: the ZIMs first, from the online site before any
#: download lands in it. Adding a kit is one module and one line here.
KITS: dict[str, Kit] = {kit.name: kit for kit in (kiwix.KIT, lenali.KIT, sahelink.KIT)}
INDEX = "kits.json"


@dataclass
class KitsReport:
    kits: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    converted: int = 0
    cached: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.kits)} kits built in {self.seconds:.1f} s "
            f"({self.converted} documents exported, {self.cached} from the cache)"
        )


@dataclass(frozen=True)
class KitsRequest:
    """Which kits, in which languages (default: all), for which published address, and where
    progress goes."""

    kits: tuple[str, ...] = tuple(KITS)
    languages: tuple[str, ...] | None = None
    site_url: str = ""
    progress: Callable[[str], None] = print


def publish_kits(root: Path, site_dir: Path, result: Result, request: KitsRequest) -> KitsReport:
    """Build the kits into ``site_dir/downloads`` and list them on the downloads pages: what
    ``mkdocs build`` and ``hub kits`` both do. Raises :class:`KitError`."""
    report = build_kits(root, site_dir, result, request)
    fill_downloads_pages(site_dir)
    return report


def build_kits(
    root: Path, site_dir: Path, result: Result, request: KitsRequest = KitsRequest()
) -> KitsReport:
    """Build the requested kits into ``site_dir/downloads`` (see the module docstring)."""
    started = time.monotonic()
    languages = tuple(request.languages or LANGUAGES)
    run = Run(root, site_dir, result, request.site_url, languages, request.progress)
    run.signer = signing_key()  # HUB_SIGNING_KEY, read once for every kit and the index
    if not run.site_url:
        run.progress(
            "no site_url (mkdocs.yml, HUB_SITE_URL): the kits give no published addresses; "
            "links between documents stay inside each kit"
        )
    hold_download_links(site_dir)  # until every kit is in place, no page links to one
    shutil.rmtree(run.staging, ignore_errors=True)
    run.staging.mkdir(parents=True)
    report = KitsReport()
    try:
        for name, kit in KITS.items():
            if name in request.kits:
                for output in kit.build(run):
                    report.kits.append(_entry(kit, output, run.stamp.date))
                    report.converted += output.converted
                    report.cached += output.cached
        _write_index(run, report)
    except BaseException:
        shutil.rmtree(run.staging, ignore_errors=True)
        raise
    _swap(run.staging, site_dir / DOWNLOADS)
    release_download_links(site_dir)
    report.seconds = time.monotonic() - started
    return report


def _size(path: Path) -> int:
    return (
        path.stat().st_size
        if path.is_file()
        else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    )


def _entry(kit: Kit, output: Output, date: str) -> dict:
    """The index's entry of one kit file, once it is known to be within its budget."""
    path, budget = output.path, output.budget
    size = _size(path)
    if size > budget:
        module = type(kit).__module__.replace(".", "/") + ".py"
        raise KitError.of(
            "budget",
            f"{DOWNLOADS}/{path.name}",
            f"{kit.name}: {path.name} weighs "
            f"{size / 1e6:.1f} MB, over its {budget / 1e6:.1f} MB budget",
            f"Make the content lighter, or raise the budget in {module} (budget)",
        )
    return {
        "kit": kit.name,
        "file": path.name,
        "size": size,
        "sha256": sha256_file(path),
        "languages": list(output.languages),
        "contents": [part.as_json() for part in output.contents],
        "date": date,
    }


def _write_index(run: Run, report: KitsReport) -> None:
    """``kits.json`` (what the downloads pages list) and ``SHA256SUMS`` over every kit file,
    signed with the run's key (``SHA256SUMS.minisig``)."""
    stamp = run.stamp
    index = {
        "date": stamp.date,
        "commit": stamp.commit,
        "version": stamp.version,
        "kits": sorted(report.kits, key=lambda k: (k["kit"], k["file"])),
    }
    staging = run.staging
    (staging / INDEX).write_text(
        json.dumps(index, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (staging / "SHA256SUMS").write_text(
        "".join(
            f"{k['sha256']}  {KIWIX + '/' if k['kit'] == kiwix.KIT.name else ''}{k['file']}\n"
            for k in index["kits"]  # its path: `sha256sum -c SHA256SUMS` finds it
        ),
        encoding="utf-8",
    )
    if run.signer is None:
        return
    try:
        signing.sign_file(
            staging / "SHA256SUMS",
            run.signer,
            trusted_comment=f"kayes-hub downloads commit:{stamp.commit}",
        )
    except signing.SigningError as error:
        raise KitError(
            kit_problem(
                "sign",
                signing.ENV_KEY,
                str(error).rstrip("."),
                "Set it as toolkit/kits/signing.py says, or unset it for an unsigned build",
            )
        ) from None


def _swap(staging: Path, final: Path) -> None:
    """Put the new downloads in place of the old in two renames."""
    old = final.with_name(".downloads.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
