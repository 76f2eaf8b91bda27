"""The cache of the exports: each export stored under the SHA-256 of everything that decides its
bytes (its source, metadata, images, date, the converters' versions and code, the sanitizer's
policy), so a rebuild converts only the documents that changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from toolkit.base.build_caches import per_build
from toolkit.base.files import write_atomically
from toolkit.checks.sanitize import policy_fingerprint
from toolkit.kits.converters import TEMPLATE
from toolkit.media import images as media_images

#: Bump when the conversion code changes the output, so cached exports are redone.
EXPORT_FORMAT_VERSION = "2"


@per_build(maxsize=1)
def tool_versions() -> dict[str, str]:
    """Versions of the converters: part of every cache key."""
    try:
        import pypandoc

        pandoc_version = pypandoc.get_pandoc_version()
    except (ImportError, OSError):  # reported by run_pandoc as a KitError
        pandoc_version = "missing"
    try:
        typst_version = metadata.version("typst")
    except metadata.PackageNotFoundError:  # pragma: no cover - typst is a dependency
        typst_version = "missing"
    return {"pandoc": pandoc_version, "typst": typst_version, "exports": EXPORT_FORMAT_VERSION}


@dataclass
class ExportCache:
    """Exports stored by the SHA-256 of their inputs; a hit is hard-linked (or copied) out.

    ``folder`` None disables caching. ``hits`` and ``misses`` count lookups.
    """

    folder: Path | None
    hits: int = 0
    misses: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def path(self, key: str, fmt: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.{fmt}" if self.folder else None

    def fetch(self, key: str, fmt: str, dest: Path) -> bool:
        cached = self.path(key, fmt)
        if cached is None or not cached.is_file():
            with self._lock:
                self.misses += 1
            return False
        with self._lock:
            self.hits += 1
        _place(cached, dest)
        return True

    def store(self, key: str, fmt: str, data: bytes, dest: Path) -> None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        cached = self.path(key, fmt)
        if cached is None:
            write_atomically(dest, data)
            return
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, data)
        _place(cached, dest)


def _place(cached: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() or dest.is_symlink():
        dest.unlink()
    try:
        os.link(cached, dest)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, dest)


#: The code that decides what a conversion writes: part of every cache key, so that a change of
CONVERTERS = tuple(
    Path(__file__).with_name(name) for name in ("exports.py", "converters.py", "docx.py")
)


@per_build(maxsize=1)
def _converters_fingerprint() -> str:
    return hashlib.sha256(b"".join(path.read_bytes() for path in CONVERTERS)).hexdigest()


def cache_key(fmt: str, markdown: str, meta: dict, images: Iterable[Path], epoch: int) -> str:
    digest = hashlib.sha256()
    template = TEMPLATE.read_bytes() if fmt == "pdf" else b""
    for part in (
        fmt,
        markdown,
        json.dumps(meta, sort_keys=True, ensure_ascii=False),
        json.dumps(tool_versions(), sort_keys=True),
        str(epoch),
        policy_fingerprint(),
        f"images {media_images.PIPELINE}",
        _converters_fingerprint(),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(template + b"\0")
    for image in sorted(set(images)):
        digest.update(
            image.as_posix().encode() + b"\0" + hashlib.sha256(image.read_bytes()).digest()
        )
    return digest.hexdigest()
