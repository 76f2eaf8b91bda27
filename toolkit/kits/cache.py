"""The one cache of the kits (:class:`KitCache`): what a build keeps for the next, each entry
under the SHA-256 of everything that decides its bytes. An export's key (:func:`export_key`) is
its source, metadata, images, date, the converters' versions and code and the sanitizer's
policy, so a rebuild converts only the documents that changed; a ZIM's or the Lenali zip's, the
inputs and the kits' code; the offline site's, the content, configuration and code it is built
from."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from toolkit.base.build_caches import per_build
from toolkit.base.files import write_atomically
from toolkit.base.local_cache import tracked_files
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
class KitCache:
    """What the kits keep between builds, in one scheme: an entry is ``<slot>/<key><suffix>``
    under ``folder`` (``.cache/kits``), ``key`` the SHA-256 of everything that decides its bytes
    (:func:`digest`). A slot holds one kind of thing: ``exports/<2 hex>`` the converted
    documents (kept), ``zim-<lang>``, ``lenali`` and ``offline`` one entry each (an older
    one is removed when a new one is stored). A hit is hard-linked (or copied) out.

    ``folder`` None disables caching. ``hits`` and ``misses`` count lookups.
    """

    folder: Path | None
    hits: int = 0
    misses: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def for_root(cls, root: Path) -> KitCache:
        """``.cache/kits``, unless the repository tracks files under .cache/ (a commit could
        hold an offline site, a ZIM or a Lenali zip under the key the kits look up): then a
        fresh folder."""
        if tracked_files(root):
            return cls(Path(tempfile.mkdtemp(prefix="hub-kits-cache-")))
        return cls(root / ".cache" / "kits")

    def path(self, slot: str, key: str, suffix: str = "") -> Path | None:
        return self.folder / slot / f"{key}{suffix}" if self.folder else None

    def _count(self, hit: bool) -> None:
        with self._lock:
            self.hits += hit
            self.misses += not hit

    def fetch(self, slot: str, key: str, dest: Path, suffix: str = "") -> bool:
        """Put the entry at ``dest``; False (a miss) when there is none."""
        cached = self.path(slot, key, suffix)
        hit = cached is not None and cached.is_file()
        self._count(hit)
        if hit:
            _place(cached, dest)
        return hit

    def store(self, slot: str, key: str, dest: Path, suffix: str = "", data: bytes | None = None):
        """Keep ``data`` (written to ``dest`` too), or the file at ``dest``, as the entry."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        cached = self.path(slot, key, suffix)
        if cached is None:
            if data is not None:
                write_atomically(dest, data)
            return
        self._prune(slot, keep=cached.name)
        cached.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            data = dest.read_bytes()
        write_atomically(cached, data)
        _place(cached, dest)

    def folder_entry(self, slot: str, key: str, make: Callable[[Path], object]) -> Path:
        """The folder kept under ``key``, made by ``make(folder)`` on a miss (the offline site);
        without a cache folder, a fresh temporary one."""
        cached = self.path(slot, key)
        if cached is None:
            made = Path(tempfile.mkdtemp(prefix=f"hub-{slot}-")) / key
            make(made)
            return made
        hit = (cached / "index.html").is_file()
        self._count(hit)
        if hit:
            return cached
        self._prune(slot, keep="")
        tmp = cached.parent / f".{key}.{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        make(tmp)
        tmp.rename(cached)
        return cached

    def _prune(self, slot: str, keep: str) -> None:
        """A slot other than the exports' holds one entry: the others go."""
        if slot.startswith(EXPORTS + "/") or self.folder is None:
            return
        for old in (self.folder / slot).glob("*"):
            if old.name != keep and not old.name.startswith("."):
                shutil.rmtree(old) if old.is_dir() else old.unlink()


EXPORTS = "exports"


def export_slot(key: str) -> str:
    """The exports' slot of ``key`` (256 folders, not one of thousands of files)."""
    return f"{EXPORTS}/{key[:2]}"


def digest(*parts: str) -> str:
    """The key of an entry: SHA-256 over ``parts``."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def tree_digest(paths: list[Path], skip: tuple[str, ...] = ()) -> str:
    """SHA-256 over the files under ``paths`` (names and bytes), skipping names in ``skip``."""
    hashed = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(base.parent).as_posix()
            if any(part in skip for part in path.parts) or "__pycache__" in path.parts:
                continue
            hashed.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


#: The code of the kits: part of the key of every kit kept whole (a ZIM, the Lenali zip).
KITS_CODE = Path(__file__).parent


def _place(cached: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() or dest.is_symlink():
        dest.unlink()
    try:
        os.link(cached, dest)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, dest)


#: The code that decides what a conversion writes: part of every export's key, so that a change
#: of options or of the DOCX styles is never answered from the cache.
CONVERTERS = tuple(
    Path(__file__).with_name(name) for name in ("exports.py", "converters.py", "docx.py")
)


@per_build(maxsize=1)
def _converters_fingerprint() -> str:
    return hashlib.sha256(b"".join(path.read_bytes() for path in CONVERTERS)).hexdigest()


def export_key(fmt: str, markdown: str, meta: dict, images: Iterable[Path], epoch: int) -> str:
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
